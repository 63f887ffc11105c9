/* hdr-report-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hdr-report-view.h"
#include "hdr-route-view.h"
#include "hdr-teaching-view.h"

/* The verdict page shows this many reasons, and the others follow under
 * "Other Findings".  The Markdown, HTML and clipboard reports show the
 * same number. */
#define MAX_REASONS 5

struct _HdrReportView
{
  GtkWidget             parent_instance;

  HdrReport            *report;
  GPtrArray            *rows;   /* rows added to the groups, removed on the next report */
  guint                 n_findings;

  /* Template widgets */
  GtkScrolledWindow    *scrolled_window;
  GtkWidget            *verdict_box;
  GtkImage             *verdict_icon;
  GtkLabel             *verdict_label;
  GtkLabel             *headline_label;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *findings_group;
  AdwPreferencesGroup  *actions_group;
  AdwPreferencesGroup  *more_group;
  GtkWidget            *view_switcher;
  GtkToggleButton      *verdict_toggle;
  GtkToggleButton      *teaching_toggle;
  HdrTeachingView      *teaching_view;
  HdrRouteView         *route_view;
  AdwPreferencesGroup  *auth_group;
  AdwPreferencesGroup  *payment_group;
  GtkExpander          *raw_expander;
  GtkTextView          *raw_view;
};

G_DEFINE_FINAL_TYPE (HdrReportView, hdr_report_view, GTK_TYPE_WIDGET)

static const char *verdict_css_classes[] = { "verdict-none", "verdict-suspicious", "verdict-scam" };

GtkWidget *
hdr_report_view_new (void)
{
  return g_object_new (HDR_TYPE_REPORT_VIEW, NULL);
}

static void
hdr_report_view_add_row (HdrReportView       *self,
                         AdwPreferencesGroup *group,
                         GtkWidget           *row)
{
  g_assert (HDR_IS_REPORT_VIEW (self));
  g_assert (ADW_IS_PREFERENCES_GROUP (group));
  g_assert (GTK_IS_WIDGET (row));

  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
hdr_report_view_clear (HdrReportView *self)
{
  g_assert (HDR_IS_REPORT_VIEW (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  self->n_findings = 0;

  for (guint i = 0; i < G_N_ELEMENTS (verdict_css_classes); i++)
    gtk_widget_remove_css_class (self->verdict_box, verdict_css_classes[i]);
}

static GtkWidget *
hdr_report_view_new_icon (const char *icon_name,
                          const char *css_class)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  /* Decoration only, because the row's text carries the same meaning. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  if (css_class != NULL)
    gtk_widget_add_css_class (icon, css_class);

  return icon;
}

static GtkWidget *
hdr_report_view_new_label (const char *text,
                           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
hdr_report_view_show_verdict (HdrReportView *self)
{
  HdrVerdict verdict;
  const char *icon_name;
  const char *word;

  g_assert (HDR_IS_REPORT_VIEW (self));

  verdict = hdr_report_get_verdict (self->report);

  switch (verdict)
    {
    case HDR_VERDICT_SEXTORTION:
      icon_name = "dialog-warning-symbolic";
      word = _("Known scam");
      break;

    case HDR_VERDICT_SUSPICIOUS:
      icon_name = "security-low-symbolic";
      word = _("Signs of a scam");
      break;

    case HDR_VERDICT_NONE:
    default:
      verdict = HDR_VERDICT_NONE;
      icon_name = "dialog-information-symbolic";
      word = _("No known scam signs");
      break;
    }

  gtk_widget_add_css_class (self->verdict_box, verdict_css_classes[verdict]);
  gtk_image_set_from_icon_name (self->verdict_icon, icon_name);
  gtk_label_set_text (self->verdict_label, word);
  gtk_label_set_text (self->headline_label, hdr_report_get_headline (self->report));
  gtk_label_set_text (self->summary_label, hdr_report_get_summary (self->report));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label),
                          hdr_report_get_summary (self->report) != NULL);
}

static const char *
hdr_report_view_severity_to_words (HdrSeverity severity)
{
  switch (severity)
    {
    case HDR_SEVERITY_HIGH:
      return _("Important");

    case HDR_SEVERITY_MEDIUM:
      return _("Worth noting");

    case HDR_SEVERITY_INFO:
    default:
      return _("For information");
    }
}

static GtkWidget *
hdr_report_view_new_finding_row (const HdrFinding *finding)
{
  GtkWidget *row;
  GtkWidget *box;
  g_autofree char *subtitle = NULL;
  const char *severity;

  g_assert (finding != NULL);

  severity = hdr_report_view_severity_to_words (finding->severity);
  if (finding->location != NULL)
    /* Translators: "Important · found in the message body" */
    subtitle = g_strdup_printf (_("%s · found in %s"), severity, finding->location);
  else
    subtitle = g_strdup (severity);

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 finding->title != NULL ? finding->title : finding->id);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  switch (finding->severity)
    {
    case HDR_SEVERITY_HIGH:
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                   hdr_report_view_new_icon ("dialog-warning-symbolic", "error"));
      break;

    case HDR_SEVERITY_MEDIUM:
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                   hdr_report_view_new_icon ("dialog-warning-symbolic", "warning"));
      break;

    case HDR_SEVERITY_INFO:
    default:
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                   hdr_report_view_new_icon ("dialog-information-symbolic", NULL));
      break;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "finding-details");

  if (finding->evidence != NULL)
    {
      gtk_box_append (GTK_BOX (box),
                      hdr_report_view_new_label (_("Quoted from the message:"), "caption-heading"));
      gtk_box_append (GTK_BOX (box),
                      hdr_report_view_new_label (finding->evidence, "evidence"));
    }

  if (finding->explanation != NULL)
    gtk_box_append (GTK_BOX (box), hdr_report_view_new_label (finding->explanation, NULL));

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row),
                                         finding->evidence != NULL || finding->explanation != NULL);

  return row;
}

static void
hdr_report_view_show_findings (HdrReportView *self)
{
  GPtrArray *findings;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  guint n_more = 0;

  g_assert (HDR_IS_REPORT_VIEW (self));

  findings = hdr_report_get_findings (self->report);
  reasons = hdr_report_get_reasons (self->report, MAX_REASONS);

  if (hdr_report_get_verdict (self->report) == HDR_VERDICT_NONE)
    {
      adw_preferences_group_set_title (self->findings_group, _("What Was Checked"));
      adw_preferences_group_set_description (self->findings_group,
                                             _("Open a row to see what it means."));
    }
  else
    {
      adw_preferences_group_set_title (self->findings_group, _("Main Reasons"));
      adw_preferences_group_set_description (self->findings_group,
                                             _("Open a reason to see the words quoted from the "
                                               "message and what they mean."));
    }

  for (guint i = 0; i < reasons->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (reasons, i);

      hdr_report_view_add_row (self, self->findings_group,
                               hdr_report_view_new_finding_row (finding));
      g_hash_table_add (shown, (gpointer)finding);
      self->n_findings++;
    }

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (findings, i);

      if (g_hash_table_contains (shown, finding))
        continue;

      hdr_report_view_add_row (self, self->more_group,
                               hdr_report_view_new_finding_row (finding));
      self->n_findings++;
      n_more++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), reasons->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->more_group), n_more > 0);
}

static void
hdr_report_view_show_actions (HdrReportView *self)
{
  const char * const *actions;

  g_assert (HDR_IS_REPORT_VIEW (self));

  actions = hdr_report_get_actions (self->report);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *step = gtk_label_new (number);

      /* The number is decoration, because the rows are read in order. */
      gtk_widget_add_css_class (step, "heading");
      gtk_widget_add_css_class (step, "accent");
      gtk_accessible_update_state (GTK_ACCESSIBLE (step), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), actions[i]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), step);
      hdr_report_view_add_row (self, self->actions_group, row);
    }
}

static GtkWidget *
hdr_report_view_new_auth_row (const HdrAuthResult *result)
{
  GtkWidget *row;
  g_autofree char *method = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean passed;

  g_assert (result != NULL);

  method = g_ascii_strup (result->method != NULL ? result->method : "?", -1);
  title = g_strdup_printf ("%s: %s", method, result->result != NULL ? result->result : "?");
  passed = g_strcmp0 (result->result, "pass") == 0;

  if (result->trusted && result->authserv_id != NULL)
    subtitle = g_strdup_printf (_("Checked by your provider (%s)"), result->authserv_id);
  else if (result->trusted)
    subtitle = g_strdup (_("Checked by your provider"));
  else if (result->authserv_id != NULL)
    subtitle = g_strdup_printf (_("A claim in the message, may be forged (written as %s)"),
                                result->authserv_id);
  else
    subtitle = g_strdup (_("A claim in the message, may be forged"));

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (!result->trusted)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                               hdr_report_view_new_icon ("security-low-symbolic", "dim-label"));
  else if (passed)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                               hdr_report_view_new_icon ("emblem-ok-symbolic", "success"));
  else
    adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                               hdr_report_view_new_icon ("dialog-warning-symbolic", "warning"));

  return row;
}

static void
hdr_report_view_show_auth (HdrReportView *self)
{
  HdrAuth *auth;
  GPtrArray *results = NULL;

  g_assert (HDR_IS_REPORT_VIEW (self));

  auth = hdr_report_get_auth (self->report);
  if (auth != NULL)
    results = hdr_auth_get_results (auth);

  /* Results the provider wrote come first, claims after them. */
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean want_trusted = pass == 0;

      for (guint i = 0; results != NULL && i < results->len; i++)
        {
          const HdrAuthResult *result = g_ptr_array_index (results, i);

          if (!!result->trusted == want_trusted)
            hdr_report_view_add_row (self, self->auth_group, hdr_report_view_new_auth_row (result));
        }
    }

  if (results == NULL || results->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The message carries no sender checks"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Your provider did not record SPF, DKIM or DMARC results "
                                     "in this message."));
      hdr_report_view_add_row (self, self->auth_group, row);
    }
}

static const char *
hdr_report_view_wallet_kind_to_words (HdrWalletKind kind)
{
  switch (kind)
    {
    case HDR_WALLET_BITCOIN_P2PKH:
    case HDR_WALLET_BITCOIN_P2SH:
    case HDR_WALLET_BITCOIN_BECH32:
    case HDR_WALLET_BITCOIN_BECH32M:
      return _("Bitcoin address");

    case HDR_WALLET_LITECOIN:
      return _("Litecoin address");

    case HDR_WALLET_ETHEREUM:
      return _("Ethereum address");

    case HDR_WALLET_MONERO:
      return _("Monero address");

    default:
      return _("Payment address");
    }
}

static GtkWidget *
hdr_report_view_new_wallet_row (const HdrWallet *wallet)
{
  GtkWidget *row;
  g_autofree char *subtitle = NULL;
  const char *kind;
  const char *checksum;

  g_assert (wallet != NULL);

  kind = hdr_report_view_wallet_kind_to_words (wallet->kind);

  switch (wallet->checksum)
    {
    case HDR_CHECKSUM_VALID:
      checksum = _("the checksum is valid, so this is a real wallet address");
      break;

    case HDR_CHECKSUM_INVALID:
      checksum = _("the checksum is wrong, so no money can be sent to it");
      break;

    case HDR_CHECKSUM_UNKNOWN:
    default:
      checksum = _("the checksum was not checked");
      break;
    }

  /* Translators: "Bitcoin address: the checksum is valid, ..." */
  subtitle = g_strdup_printf (_("%s: %s"), kind, checksum);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wallet->address);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "wallet");

  return row;
}

static void
hdr_report_view_show_payment (HdrReportView *self)
{
  HdrTextScan *scan;
  GPtrArray *wallets;
  GPtrArray *amounts;
  guint n_rows = 0;

  g_assert (HDR_IS_REPORT_VIEW (self));

  scan = hdr_report_get_text_scan (self->report);
  if (scan == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->payment_group), FALSE);
      return;
    }

  amounts = hdr_text_scan_get_amounts (scan);
  for (guint i = 0; amounts != NULL && i < amounts->len; i++)
    {
      const HdrAmount *amount = g_ptr_array_index (amounts, i);
      g_autofree char *title = g_strdup_printf ("%s %s", amount->value, amount->currency);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Amount named in the message"));
      hdr_report_view_add_row (self, self->payment_group, row);
      n_rows++;
    }

  wallets = hdr_text_scan_get_wallets (scan);
  for (guint i = 0; wallets != NULL && i < wallets->len; i++)
    {
      const HdrWallet *wallet = g_ptr_array_index (wallets, i);

      hdr_report_view_add_row (self, self->payment_group, hdr_report_view_new_wallet_row (wallet));
      n_rows++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->payment_group), n_rows > 0);
}

static void
hdr_report_view_show_raw_headers (HdrReportView *self)
{
  HdrMessage *message;
  const char *block = NULL;

  g_assert (HDR_IS_REPORT_VIEW (self));

  message = hdr_report_get_message (self->report);
  if (message != NULL)
    block = hdr_message_get_raw_header_block (message);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->raw_view),
                            block != NULL ? block : "", -1);
}

/* Select the raw Received field of an activated hop and scroll to it. */
static void
hdr_report_view_hop_activated_cb (HdrReportView *self,
                                  guint          header_index,
                                  HdrRouteView  *route_view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GPtrArray *headers;
  const HdrHeader *header = NULL;
  const char *block;
  const char *found;
  glong offset;

  g_assert (HDR_IS_REPORT_VIEW (self));

  if (self->report == NULL)
    return;

  headers = hdr_message_get_headers (hdr_report_get_message (self->report));
  for (guint i = 0; headers != NULL && i < headers->len; i++)
    {
      const HdrHeader *candidate = g_ptr_array_index (headers, i);

      if (candidate->index == header_index)
        {
          header = candidate;
          break;
        }
    }

  block = hdr_message_get_raw_header_block (hdr_report_get_message (self->report));
  if (header == NULL || header->raw == NULL || block == NULL)
    return;

  /* NOTE: two byte-identical Received fields select the upper one. */
  found = strstr (block, header->raw);
  if (found == NULL)
    return;

  offset = g_utf8_pointer_to_offset (block, found);
  buffer = gtk_text_view_get_buffer (self->raw_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, offset + g_utf8_strlen (header->raw, -1));

  gtk_expander_set_expanded (self->raw_expander, TRUE);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_iter (self->raw_view, &start, 0.0, TRUE, 0.0, 0.3);
  gtk_widget_grab_focus (GTK_WIDGET (self->raw_view));
}

/* Turn off the hyphens that Pango adds where it breaks a word, in every
 * label under @widget.  Otherwise a wallet address or a host name wrapped on
 * a narrow window shows a "-" that is not part of it, and is copied so. */
static void
hdr_report_view_disable_hyphens (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hdr_report_view_disable_hyphens (child);

  if (GTK_IS_LABEL (widget))
    {
      PangoAttrList *current = gtk_label_get_attributes (GTK_LABEL (widget));
      g_autoptr(PangoAttrList) attributes = current != NULL ? pango_attr_list_copy (current)
                                                            : pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
      gtk_label_set_attributes (GTK_LABEL (widget), attributes);
    }
}

void
hdr_report_view_set_report (HdrReportView *self,
                            HdrReport     *report)
{
  g_return_if_fail (HDR_IS_REPORT_VIEW (self));
  g_return_if_fail (report == NULL || HDR_IS_REPORT (report));

  if (self->report == report)
    return;

  hdr_report_view_clear (self);
  g_set_object (&self->report, report);

  if (report == NULL)
    return;

  hdr_report_view_show_verdict (self);
  hdr_report_view_show_findings (self);
  hdr_report_view_show_actions (self);
  hdr_route_view_set_route (self->route_view, hdr_report_get_route (report));
  hdr_report_view_show_auth (self);
  hdr_report_view_show_payment (self);
  hdr_report_view_show_raw_headers (self);
  hdr_teaching_view_set_report (self->teaching_view, report);
  hdr_report_view_disable_hyphens (GTK_WIDGET (self));
}

static void
hdr_report_view_teaching_toggled_cb (HdrReportView   *self,
                                     GParamSpec      *pspec,
                                     GtkToggleButton *toggle)
{
  gboolean teaching;

  g_assert (HDR_IS_REPORT_VIEW (self));

  teaching = gtk_toggle_button_get_active (toggle);
  gtk_widget_set_visible (GTK_WIDGET (self->scrolled_window), !teaching);
  gtk_widget_set_visible (GTK_WIDGET (self->teaching_view), teaching);
}

/**
 * hdr_report_view_show_teaching:
 * @teaching: %TRUE for the raw headers with their explanations, %FALSE
 *   for the verdict
 *
 * Switch between the verdict and the teaching view of the same report.
 */
void
hdr_report_view_show_teaching (HdrReportView *self,
                               gboolean       teaching)
{
  g_return_if_fail (HDR_IS_REPORT_VIEW (self));

  /* The buttons form a group, so activating one deactivates the other. */
  gtk_toggle_button_set_active (teaching ? self->teaching_toggle : self->verdict_toggle, TRUE);
}

HdrTeachingView *
hdr_report_view_get_teaching_view (HdrReportView *self)
{
  g_return_val_if_fail (HDR_IS_REPORT_VIEW (self), NULL);

  return self->teaching_view;
}

HdrReport *
hdr_report_view_get_report (HdrReportView *self)
{
  g_return_val_if_fail (HDR_IS_REPORT_VIEW (self), NULL);

  return self->report;
}

/* Move the keyboard focus to the verdict, so a screen reader reads it first.
 * The verdict box is focusable, labelled by the headline and described by
 * the summary, so it needs no selectable text and shows no text cursor. */
void
hdr_report_view_focus_heading (HdrReportView *self)
{
  g_return_if_fail (HDR_IS_REPORT_VIEW (self));

  gtk_widget_grab_focus (self->verdict_box);
}

GtkWidget *
hdr_report_view_get_heading (HdrReportView *self)
{
  g_return_val_if_fail (HDR_IS_REPORT_VIEW (self), NULL);

  return self->verdict_box;
}

const char *
hdr_report_view_get_headline (HdrReportView *self)
{
  g_return_val_if_fail (HDR_IS_REPORT_VIEW (self), NULL);

  return gtk_label_get_text (self->headline_label);
}

guint
hdr_report_view_get_n_findings (HdrReportView *self)
{
  g_return_val_if_fail (HDR_IS_REPORT_VIEW (self), 0);

  return self->n_findings;
}

guint
hdr_report_view_get_n_hops (HdrReportView *self)
{
  g_return_val_if_fail (HDR_IS_REPORT_VIEW (self), 0);

  return hdr_route_view_get_n_hops (self->route_view);
}

static void
hdr_report_view_dispose (GObject *object)
{
  HdrReportView *self = HDR_REPORT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HDR_TYPE_REPORT_VIEW);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (hdr_report_view_parent_class)->dispose (object);
}

static void
hdr_report_view_class_init (HdrReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hdr_report_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headerinspector/HeaderInspector/hdr-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, headline_label);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, findings_group);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, actions_group);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, more_group);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, verdict_toggle);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, teaching_toggle);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, teaching_view);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, route_view);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, auth_group);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, payment_group);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, raw_expander);
  gtk_widget_class_bind_template_child (widget_class, HdrReportView, raw_view);
  gtk_widget_class_bind_template_callback (widget_class, hdr_report_view_hop_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, hdr_report_view_teaching_toggled_cb);

  g_type_ensure (HDR_TYPE_ROUTE_VIEW);
  g_type_ensure (HDR_TYPE_TEACHING_VIEW);
}

static void
hdr_report_view_init (HdrReportView *self)
{
  GtkLayoutManager *layout;

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The view switcher above, the verdict or the teaching view below. */
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
}
