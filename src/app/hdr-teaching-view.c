/* hdr-teaching-view.c: the raw headers, each line explained on selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-teaching-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hdr-glossary.h"
#include "hdr-teaching-view.h"

/* Values longer than this are cut in the note, because the raw line is
 * shown in full in the list. */
#define MAX_VALUE_CHARS 160

struct _HdrTeachingView
{
  GtkWidget   parent_instance;

  HdrReport  *report;
  GPtrArray  *hops;          /* element-type HdrHop, oldest first, owned by the route */
  int         route_step;    /* index into hops, -1 before the first step */

  GtkWidget  *box;
  GtkWidget  *step_label;
  GtkWidget  *previous_button;
  GtkWidget  *next_button;
  GtkWidget  *note_title;
  GtkWidget  *note_meaning;
  GtkWidget  *note_writer;
  GtkWidget  *note_trust;
  GtkWidget  *note_value;
  GtkWidget  *list_box;
};

G_DEFINE_FINAL_TYPE (HdrTeachingView, hdr_teaching_view, GTK_TYPE_WIDGET)

GtkWidget *
hdr_teaching_view_new (void)
{
  return g_object_new (HDR_TYPE_TEACHING_VIEW, NULL);
}

static GtkWidget *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static const HdrHeader *
find_header (HdrTeachingView *self,
             guint            header_index)
{
  GPtrArray *headers = hdr_message_get_headers (hdr_report_get_message (self->report));

  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);

      if (header->index == header_index)
        return header;
    }

  return NULL;
}

static const HdrHop *
find_hop (HdrTeachingView *self,
          guint            header_index)
{
  for (guint i = 0; self->hops != NULL && i < self->hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (self->hops, i);

      if (hop->header_index == header_index)
        return hop;
    }

  return NULL;
}

static char *
shorten (const char *value)
{
  if (value == NULL)
    return g_strdup ("");

  if (g_utf8_strlen (value, -1) <= MAX_VALUE_CHARS)
    return g_strdup (value);

  {
    g_autofree char *start = g_utf8_substring (value, 0, MAX_VALUE_CHARS);

    return g_strconcat (start, "…", NULL);
  }
}

/* Who wrote this line, from the route's trust boundary where the field is
 * part of the route, from the glossary otherwise. */
static char *
describe_writer (HdrTeachingView        *self,
                 const HdrHeader        *header,
                 const HdrGlossaryEntry *entry)
{
  HdrRoute *route = hdr_report_get_route (self->report);
  const HdrHop *hop = find_hop (self, header->index);
  GPtrArray *results = hdr_auth_get_results (hdr_report_get_auth (self->report));

  if (hop != NULL && hop->trusted)
    return g_strdup_printf (_("Written by your provider’s server %s, so it can be trusted."),
                            hop->by != NULL ? hop->by : "");
  if (hop != NULL)
    return g_strdup (_("Written by the sender’s side, before your provider got the message. "
                       "It may be made up."));

  for (guint i = 0; i < results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (results, i);

      if (result->header_index != header->index)
        continue;

      return g_strdup (result->trusted ?
                       _("Written by your provider when the message arrived, so it can be trusted.") :
                       _("Not written by your provider. It is a claim that may be forged."));
    }

  if (header->index > hdr_route_get_first_untrusted_header_index (route) &&
      entry != NULL && hdr_glossary_entry_get_writer (entry) == HDR_FIELD_WRITER_RECIPIENT)
    return g_strdup (_("It sits below the lines your provider wrote, so the sender’s side wrote it. "
                       "It may be made up."));

  if (entry == NULL)
    return g_strdup (_("Not known. Fields whose names start with X- are free for any program to add."));

  return g_strdup (hdr_field_writer_to_words (hdr_glossary_entry_get_writer (entry)));
}

static char *
describe_auth_value (HdrTeachingView *self,
                     const HdrHeader *header)
{
  GPtrArray *results = hdr_auth_get_results (hdr_report_get_auth (self->report));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (results, i);

      if (result->header_index != header->index)
        continue;

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s=%s", result->method, result->result);
    }

  if (text->len == 0)
    return NULL;

  /* Translators: %s is a list such as "spf=pass, dkim=fail". */
  return g_strdup_printf (_("This line records: %s. A pass shows only who sent the mail, "
                            "not that its text is true."), text->str);
}

/* What this message's value of the field means. */
static char *
describe_value (HdrTeachingView *self,
                const HdrHeader *header)
{
  const HdrClaims *claims = hdr_report_get_claims (self->report);
  const HdrHop *hop = find_hop (self, header->index);
  HdrHop *origin = hdr_route_get_origin_hop (hdr_report_get_route (self->report));
  g_autofree char *value = shorten (header->decoded);
  const char *name = header->name;

  if (hop != NULL)
    {
      g_autofree char *line = hdr_report_describe_hop (hop);

      if (hop == origin)
        return g_strdup_printf (_("Hop %u of %u, counted from the oldest: %s. Here your provider "
                                  "took the message over, so %s is the sender address that can "
                                  "be trusted."),
                                hop->index + 1, self->hops->len, line,
                                hop->from_ip != NULL ? hop->from_ip : "?");

      return g_strdup_printf (_("Hop %u of %u, counted from the oldest: %s."),
                              hop->index + 1, self->hops->len, line);
    }

  if (g_ascii_strcasecmp (name, "Authentication-Results") == 0 ||
      g_ascii_strcasecmp (name, "ARC-Authentication-Results") == 0 ||
      g_ascii_strcasecmp (name, "Received-SPF") == 0)
    {
      char *text = describe_auth_value (self, header);

      if (text != NULL)
        return text;
    }

  if (g_ascii_strcasecmp (name, "From") == 0 && claims->from_equals_to)
    return g_strdup_printf (_("The From line shows your own address, %s. The sender typed it. "
                              "It does not mean that your account sent the message."), value);
  if (g_ascii_strcasecmp (name, "From") == 0)
    return g_strdup_printf (_("The sender typed “%s” as the author."), value);
  if (g_ascii_strcasecmp (name, "Reply-To") == 0)
    return g_strdup_printf (_("A reply would go to %s, not to the From address."), value);
  if (g_ascii_strcasecmp (name, "Return-Path") == 0)
    return g_strdup_printf (_("Bounce messages would go to %s."), value);
  if (g_ascii_strcasecmp (name, "Date") == 0)
    return g_strdup_printf (_("The sender’s computer gave the date %s. Compare it with the "
                              "dates in the Received lines."), value);
  if (g_ascii_strcasecmp (name, "X-Mailer") == 0 || g_ascii_strcasecmp (name, "User-Agent") == 0)
    return g_strdup_printf (_("The sender’s program calls itself “%s”. Anyone can write this."),
                            value);
  if (g_ascii_strcasecmp (name, "Delivered-To") == 0 ||
      g_ascii_strcasecmp (name, "X-Original-To") == 0)
    return g_strdup_printf (_("The message was put in the mailbox of %s."), value);
  if (g_ascii_strcasecmp (name, "List-Id") == 0)
    return g_strdup_printf (_("The message came through the mailing list %s."), value);

  return g_strdup (value);
}

/* Show "<b>label</b> text" in @widget, with @text escaped. */
static void
set_labelled_text (GtkWidget  *widget,
                   const char *label,
                   const char *text)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> %s", label, text);

  gtk_label_set_markup (GTK_LABEL (widget), markup);
}

static void
show_note (HdrTeachingView *self,
           const HdrHeader *header)
{
  const HdrGlossaryEntry *entry;
  g_autofree char *writer = NULL;
  g_autofree char *value = NULL;

  g_assert (HDR_IS_TEACHING_VIEW (self));

  if (header == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->note_title), _("Pick a Header Line"));
      gtk_label_set_text (GTK_LABEL (self->note_meaning),
                          _("Select a line below to see what it is, who wrote it, and whether "
                            "it can be forged."));
      gtk_widget_set_visible (self->note_writer, FALSE);
      gtk_widget_set_visible (self->note_trust, FALSE);
      gtk_widget_set_visible (self->note_value, FALSE);
      return;
    }

  entry = hdr_glossary_lookup (header->name);
  writer = describe_writer (self, header, entry);
  value = describe_value (self, header);

  gtk_label_set_text (GTK_LABEL (self->note_title), header->name);
  gtk_label_set_text (GTK_LABEL (self->note_meaning),
                      entry != NULL ? hdr_glossary_entry_get_meaning (entry) :
                                      _("This field is not in the app’s glossary."));
  set_labelled_text (self->note_writer, _("Who wrote it:"), writer);
  set_labelled_text (self->note_trust, _("Can it be forged?"),
                     hdr_field_trust_to_words (entry != NULL ? hdr_glossary_entry_get_trust (entry)
                                                             : HDR_FIELD_FORGEABLE));
  set_labelled_text (self->note_value, _("This message:"), value);
  gtk_widget_set_visible (self->note_writer, TRUE);
  gtk_widget_set_visible (self->note_trust, TRUE);
  gtk_widget_set_visible (self->note_value, TRUE);
}

static void
row_selected_cb (HdrTeachingView *self,
                 GtkListBoxRow   *row,
                 GtkListBox      *list_box)
{
  g_assert (HDR_IS_TEACHING_VIEW (self));

  if (row == NULL || self->report == NULL)
    {
      show_note (self, NULL);
      return;
    }

  show_note (self, find_header (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row),
                                                                           "header-index"))));
}

static void
update_step_buttons (HdrTeachingView *self)
{
  guint n_hops = self->hops != NULL ? self->hops->len : 0;

  gtk_widget_set_sensitive (self->previous_button, self->route_step > 0);
  gtk_widget_set_sensitive (self->next_button, n_hops > 0 && self->route_step + 1 < (int)n_hops);
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        self->route_step < 0 ? _("_Start") : _("_Next Hop"));
}

static void
show_step (HdrTeachingView *self)
{
  const HdrHop *hop;
  g_autofree char *text = NULL;

  g_assert (self->hops != NULL);
  g_assert (self->route_step >= 0 && (guint)self->route_step < self->hops->len);

  hop = g_ptr_array_index (self->hops, self->route_step);
  text = g_strdup_printf (_("Step %d of %u. %s"), self->route_step + 1, self->hops->len,
                          hop->trusted ? _("Your provider wrote this Received line.") :
                                         _("The sender’s side wrote this Received line. It may be made up."));
  gtk_label_set_text (GTK_LABEL (self->step_label), text);
  hdr_teaching_view_select_header (self, hop->header_index);
  update_step_buttons (self);
}

/**
 * hdr_teaching_view_step_route:
 * @direction: 1 for the next newer hop, -1 for the previous one
 *
 * Walk the Received lines from the oldest hop to the newest, selecting
 * each hop's raw line.  Raw headers list the newest hop first, so the walk
 * moves up the list.
 */
void
hdr_teaching_view_step_route (HdrTeachingView *self,
                              int              direction)
{
  int step;

  g_return_if_fail (HDR_IS_TEACHING_VIEW (self));

  if (self->hops == NULL || self->hops->len == 0)
    return;

  step = CLAMP (self->route_step + direction, 0, (int)self->hops->len - 1);
  self->route_step = step;
  show_step (self);
}

static void
next_clicked_cb (HdrTeachingView *self)
{
  hdr_teaching_view_step_route (self, 1);
}

static void
previous_clicked_cb (HdrTeachingView *self)
{
  hdr_teaching_view_step_route (self, -1);
}

static GtkWidget *
new_header_row (const HdrHeader *header)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (header->raw);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data (G_OBJECT (row), "header-index", GUINT_TO_POINTER (header->index));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, header->name,
                                  -1);

  return row;
}

void
hdr_teaching_view_set_report (HdrTeachingView *self,
                              HdrReport       *report)
{
  GtkWidget *child;

  g_return_if_fail (HDR_IS_TEACHING_VIEW (self));
  g_return_if_fail (report == NULL || HDR_IS_REPORT (report));

  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list_box), child);

  g_set_object (&self->report, report);
  self->hops = report != NULL ? hdr_route_get_hops (hdr_report_get_route (report)) : NULL;
  self->route_step = -1;

  gtk_label_set_text (GTK_LABEL (self->step_label),
                      _("Each mail server adds its Received line at the top. So the route "
                        "reads from the bottom up, starting with the oldest hop."));
  update_step_buttons (self);
  show_note (self, NULL);

  if (report == NULL)
    return;

  {
    GPtrArray *headers = hdr_message_get_headers (hdr_report_get_message (report));

    for (guint i = 0; i < headers->len; i++)
      gtk_list_box_append (GTK_LIST_BOX (self->list_box),
                           new_header_row (g_ptr_array_index (headers, i)));
  }
}

/**
 * hdr_teaching_view_select_header:
 * @header_index: the HdrHeader.index of a top-level header
 *
 * Select the raw line of a header, scroll to it and explain it.
 *
 * Returns: %TRUE when the message has such a header
 */
gboolean
hdr_teaching_view_select_header (HdrTeachingView *self,
                                 guint            header_index)
{
  g_return_val_if_fail (HDR_IS_TEACHING_VIEW (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (self->list_box);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "header-index")) != header_index)
        continue;

      gtk_list_box_select_row (GTK_LIST_BOX (self->list_box), GTK_LIST_BOX_ROW (row));
      gtk_widget_grab_focus (row);
      return TRUE;
    }

  return FALSE;
}

guint
hdr_teaching_view_get_n_lines (HdrTeachingView *self)
{
  guint n_lines = 0;

  g_return_val_if_fail (HDR_IS_TEACHING_VIEW (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (self->list_box);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_lines++;

  return n_lines;
}

const char *
hdr_teaching_view_get_note_title (HdrTeachingView *self)
{
  g_return_val_if_fail (HDR_IS_TEACHING_VIEW (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->note_title));
}

/* A box inside a card, with the card's padding around it. */
static GtkWidget *
new_card (GtkWidget **content)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (*content, 12);
  gtk_widget_set_margin_bottom (*content, 12);
  gtk_widget_set_margin_start (*content, 12);
  gtk_widget_set_margin_end (*content, 12);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), *content);

  return card;
}

/**
 * hdr_teaching_view_get_selected_header_index:
 *
 * Returns: the HdrHeader.index of the selected line, or %G_MAXUINT when no
 *   line is selected
 */
guint
hdr_teaching_view_get_selected_header_index (HdrTeachingView *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (HDR_IS_TEACHING_VIEW (self), G_MAXUINT);

  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list_box));
  if (row == NULL)
    return G_MAXUINT;

  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "header-index"));
}

static GtkWidget *
build_route_card (HdrTeachingView *self)
{
  GtkWidget *card_box;
  GtkWidget *card = new_card (&card_box);
  GtkWidget *heading = gtk_label_new (_("Read the Route From the Bottom Up"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (card_box), heading);

  self->step_label = new_label (NULL);
  gtk_box_append (GTK_BOX (card_box), self->step_label);

  self->previous_button = gtk_button_new_with_mnemonic (_("_Previous Hop"));
  self->next_button = gtk_button_new_with_mnemonic (_("_Start"));
  gtk_widget_add_css_class (self->next_button, "suggested-action");
  g_signal_connect_object (self->previous_button, "clicked",
                           G_CALLBACK (previous_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->next_button, "clicked",
                           G_CALLBACK (next_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), self->previous_button);
  gtk_box_append (GTK_BOX (buttons), self->next_button);
  gtk_box_append (GTK_BOX (card_box), buttons);

  return card;
}

static GtkWidget *
build_note_card (HdrTeachingView *self)
{
  GtkWidget *card_box;
  GtkWidget *card = new_card (&card_box);

  self->note_title = new_label ("title-4");
  self->note_meaning = new_label (NULL);
  self->note_writer = new_label ("note-writer");
  self->note_trust = new_label ("note-trust");
  self->note_value = new_label ("note-value");
  gtk_box_append (GTK_BOX (card_box), self->note_title);
  gtk_box_append (GTK_BOX (card_box), self->note_meaning);
  gtk_box_append (GTK_BOX (card_box), self->note_writer);
  gtk_box_append (GTK_BOX (card_box), self->note_trust);
  gtk_box_append (GTK_BOX (card_box), self->note_value);

  return card;
}

static void
hdr_teaching_view_dispose (GObject *object)
{
  HdrTeachingView *self = HDR_TEACHING_VIEW (object);

  /* Removing the selected row emits row-selected, and the note labels may
   * be gone by then. */
  if (self->list_box != NULL)
    g_signal_handlers_disconnect_by_data (self->list_box, self);
  self->list_box = NULL;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->report);
  self->hops = NULL;

  G_OBJECT_CLASS (hdr_teaching_view_parent_class)->dispose (object);
}

static void
hdr_teaching_view_class_init (HdrTeachingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hdr_teaching_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "teachingview");
}

static void
hdr_teaching_view_init (HdrTeachingView *self)
{
  GtkWidget *scrolled_window;
  GtkWidget *frame;
  GtkWidget *list_heading;
  GtkWidget *content;

  self->route_step = -1;

  /* The same width limit as the verdict page. */
  self->box = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (self->box), 1000);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (self->box), 700);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (self->box), content);

  gtk_box_append (GTK_BOX (content), build_route_card (self));
  gtk_box_append (GTK_BOX (content), build_note_card (self));

  list_heading = gtk_label_new (_("Raw Headers, Newest at the Top"));
  gtk_label_set_xalign (GTK_LABEL (list_heading), 0.0);
  gtk_label_set_wrap (GTK_LABEL (list_heading), TRUE);
  gtk_widget_add_css_class (list_heading, "heading");
  gtk_box_append (GTK_BOX (content), list_heading);

  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Raw headers of the message"),
                                  -1);
  g_signal_connect_object (self->list_box, "row-selected",
                           G_CALLBACK (row_selected_cb), self, G_CONNECT_SWAPPED);

  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_start (frame, 1);
  gtk_widget_set_margin_end (frame, 1);
  gtk_box_append (GTK_BOX (frame), self->list_box);

  scrolled_window = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled_window),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled_window, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled_window), frame);
  gtk_box_append (GTK_BOX (content), scrolled_window);

  update_step_buttons (self);
  show_note (self, NULL);
}
