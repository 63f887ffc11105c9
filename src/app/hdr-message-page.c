/* hdr-message-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-message-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hdr-analysis.h"
#include "hdr-error.h"
#include "hdr-message-page.h"
#include "hdr-traplist-store.h"

struct _HdrMessagePage
{
  GtkWidget            parent_instance;

  char                *title;
  GCancellable        *cancellable;
  HdrReport           *report;
  HdrMessagePageState  state;

  /* Template widgets */
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  HdrReportView       *report_view;
};

G_DEFINE_FINAL_TYPE (HdrMessagePage, hdr_message_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LOADING,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hdr_message_page_set_state (HdrMessagePage      *self,
                            HdrMessagePageState  state)
{
  static const char *names[] = { "loading", "error", "report" };

  g_assert (HDR_IS_MESSAGE_PAGE (self));
  g_assert (state < G_N_ELEMENTS (names));

  if (self->state == state)
    return;

  self->state = state;

  gtk_spinner_set_spinning (self->spinner, state == HDR_MESSAGE_PAGE_LOADING);
  gtk_stack_set_visible_child_name (self->stack, names[state]);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Return @message with a full stop at its end, unless it ends a sentence. */
static char *
hdr_message_page_end_sentence (const char *message)
{
  gsize length;

  g_assert (message != NULL);

  length = strlen (message);
  if (length > 0 && strchr (".!?", message[length - 1]) != NULL)
    return g_strdup (message);

  return g_strconcat (message, ".", NULL);
}

/* Turn an analysis error into a title and a sentence saying what to do. */
static void
hdr_message_page_show_error (HdrMessagePage *self,
                             const GError   *error)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_assert (HDR_IS_MESSAGE_PAGE (self));
  g_assert (error != NULL);

  if (g_error_matches (error, HDR_ERROR, HDR_ERROR_EMPTY))
    {
      title = g_strdup_printf (_("“%s” is empty"), self->title);
      description = g_strdup (_("It contains no text at all. Save the message again from your "
                                "mail program, then open the new file."));
    }
  else if (g_error_matches (error, HDR_ERROR, HDR_ERROR_NOT_A_MESSAGE))
    {
      title = g_strdup_printf (_("“%s” is not an email message"), self->title);
      description = g_strdup (_("Header Inspector needs the whole message with its headers. "
                                "In your mail program, use “Save as”, “Download message” or "
                                "“Show original”, then open or paste the result."));
    }
  else if (g_error_matches (error, HDR_ERROR, HDR_ERROR_TOO_LARGE))
    {
      title = g_strdup_printf (_("“%s” is too large"), self->title);
      description = g_strdup_printf (_("Messages larger than %d MB are not read. Save the "
                                       "message without its attachments, then open it again."),
                                     HDR_MESSAGE_MAX_SIZE / (1024 * 1024));
    }
  else if (g_error_matches (error, HDR_ERROR, HDR_ERROR_READ))
    {
      /* The core's message names the path, the reason and, where it can,
       * what to do. */
      title = g_strdup_printf (_("“%s” could not be read"), self->title);
      description = hdr_message_page_end_sentence (error->message);
    }
  else if (error->domain == G_IO_ERROR)
    {
      g_autofree char *reason = hdr_message_page_end_sentence (error->message);

      title = g_strdup_printf (_("“%s” could not be read"), self->title);
      /* Translators: %s is the reason, a sentence from the system. */
      description = g_strdup_printf (_("%s Check that the file still exists and that you "
                                       "are allowed to open it."),
                                     reason);
    }
  else
    {
      title = g_strdup_printf (_("“%s” could not be analysed"), self->title);
      description = g_strdup (error->message);
    }

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  hdr_message_page_set_state (self, HDR_MESSAGE_PAGE_ERROR);
}

static void
hdr_message_page_analyze_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(HdrMessagePage) self = user_data;
  g_autoptr(HdrReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (HDR_IS_MESSAGE_PAGE (self));

  report = hdr_analyze_finish (result, &error);

  /* A cancelled page is closed or disposed, and dispose clears the template
   * widgets, so it must not be touched. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (report == NULL)
    {
      hdr_message_page_show_error (self, error);
      return;
    }

  self->report = g_steal_pointer (&report);
  hdr_report_view_set_report (self->report_view, self->report);
  hdr_message_page_set_state (self, HDR_MESSAGE_PAGE_REPORT);

  /* A screen reader reads the verdict first, but only in the visible tab. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    hdr_report_view_focus_heading (self->report_view);
}

static HdrMessagePage *
hdr_message_page_new (const char *title)
{
  g_assert (title != NULL);

  return g_object_new (HDR_TYPE_MESSAGE_PAGE,
                       "title", title,
                       NULL);
}

/* The analysis options: the loaded trap lists when they are turned on.
 * NOTE: a message opened while the lists are still loading is analysed
 * without them, and is not analysed again when they arrive. */
static void
init_analysis_options (HdrAnalysisOptions *options)
{
  HdrTraplistStore *store = hdr_traplist_store_get_default ();

  options->traplists = store != NULL ? hdr_traplist_store_dup_lists (store) : NULL;
}

HdrMessagePage *
hdr_message_page_new_for_file (GFile *file)
{
  HdrMessagePage *self;
  HdrAnalysisOptions options = { 0 };
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  title = basename != NULL ? g_filename_display_name (basename) : g_file_get_uri (file);

  self = hdr_message_page_new (title);
  init_analysis_options (&options);
  hdr_analyze_file_full_async (file,
                               &options,
                               self->cancellable,
                               hdr_message_page_analyze_cb,
                               g_object_ref (self));
  g_clear_pointer (&options.traplists, g_ptr_array_unref);

  return self;
}

HdrMessagePage *
hdr_message_page_new_for_text (const char *text,
                               const char *title)
{
  HdrMessagePage *self;
  HdrAnalysisOptions options = { 0 };
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = hdr_message_page_new (title);
  bytes = g_bytes_new (text, strlen (text));
  init_analysis_options (&options);
  /* People often have only the words of a mail to paste. */
  options.words_only_allowed = TRUE;
  hdr_analyze_bytes_full_async (bytes,
                                title,
                                &options,
                                self->cancellable,
                                hdr_message_page_analyze_cb,
                                g_object_ref (self));
  g_clear_pointer (&options.traplists, g_ptr_array_unref);

  return self;
}

/* Cancel the analysis, so that its result is dropped and the page stays as
 * it is.  The window calls this when the tab closes, because the pending
 * callback holds a reference and the page is not disposed before it runs. */
void
hdr_message_page_cancel (HdrMessagePage *self)
{
  g_return_if_fail (HDR_IS_MESSAGE_PAGE (self));

  g_cancellable_cancel (self->cancellable);
}

const char *
hdr_message_page_get_title (HdrMessagePage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE_PAGE (self), NULL);

  return self->title;
}

gboolean
hdr_message_page_get_loading (HdrMessagePage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE_PAGE (self), FALSE);

  return self->state == HDR_MESSAGE_PAGE_LOADING;
}

HdrMessagePageState
hdr_message_page_get_state (HdrMessagePage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE_PAGE (self), HDR_MESSAGE_PAGE_LOADING);

  return self->state;
}

const char *
hdr_message_page_get_error_title (HdrMessagePage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE_PAGE (self), NULL);

  return adw_status_page_get_title (self->error_page);
}

const char *
hdr_message_page_get_error_description (HdrMessagePage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE_PAGE (self), NULL);

  return adw_status_page_get_description (self->error_page);
}

HdrReportView *
hdr_message_page_get_report_view (HdrMessagePage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE_PAGE (self), NULL);

  return self->report_view;
}

static void
hdr_message_page_dispose (GObject *object)
{
  HdrMessagePage *self = HDR_MESSAGE_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), HDR_TYPE_MESSAGE_PAGE);

  g_clear_object (&self->report);

  G_OBJECT_CLASS (hdr_message_page_parent_class)->dispose (object);
}

static void
hdr_message_page_finalize (GObject *object)
{
  HdrMessagePage *self = HDR_MESSAGE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (hdr_message_page_parent_class)->finalize (object);
}

static void
hdr_message_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HdrMessagePage *self = HDR_MESSAGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, hdr_message_page_get_loading (self));
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hdr_message_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HdrMessagePage *self = HDR_MESSAGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hdr_message_page_class_init (HdrMessagePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hdr_message_page_dispose;
  object_class->finalize = hdr_message_page_finalize;
  object_class->get_property = hdr_message_page_get_property;
  object_class->set_property = hdr_message_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* HdrMessagePageState; an int because the enum has no registered GType. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      HDR_MESSAGE_PAGE_LOADING, HDR_MESSAGE_PAGE_REPORT,
                      HDR_MESSAGE_PAGE_LOADING,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headerinspector/HeaderInspector/hdr-message-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdrMessagePage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdrMessagePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HdrMessagePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, HdrMessagePage, report_view);

  g_type_ensure (HDR_TYPE_REPORT_VIEW);
}

static void
hdr_message_page_init (HdrMessagePage *self)
{
  self->cancellable = g_cancellable_new ();
  self->state = HDR_MESSAGE_PAGE_LOADING;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_spinner_set_spinning (self->spinner, TRUE);
}
