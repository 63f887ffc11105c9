/* hdr-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hdr-export.h"
#include "hdr-mailbox.h"
#include "hdr-mailbox-page.h"
#include "hdr-message-page.h"
#include "hdr-paste-dialog.h"
#include "hdr-recent-files.h"
#include "hdr-window.h"

struct _HdrWindow
{
  AdwApplicationWindow  parent_instance;

  GtkFileChooserNative *file_chooser;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwTabBar            *tab_bar;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwTabView           *tab_view;

  /* Pending OpenRequests in the order of the calls.  Each detection
   * callback owns and frees its request, so this array does not. */
  GPtrArray            *open_requests;
};

G_DEFINE_FINAL_TYPE (HdrWindow, hdr_window, ADW_TYPE_APPLICATION_WINDOW)

/* A file shown as a placeholder tab until a worker thread has detected
 * whether it is a mailbox, and so which page it needs. */
typedef struct
{
  HdrWindow    *window;    /* NULL once the window is disposed */
  GFile        *file;
  GCancellable *cancellable;
  AdwTabPage   *tab_page;  /* the placeholder */
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->file);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->tab_page);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenRequest, open_request_free)

HdrWindow *
hdr_window_new (HdrApplication *application)
{
  g_return_val_if_fail (HDR_IS_APPLICATION (application), NULL);

  return g_object_new (HDR_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

AdwTabView *
hdr_window_get_tab_view (HdrWindow *self)
{
  g_return_val_if_fail (HDR_IS_WINDOW (self), NULL);

  return self->tab_view;
}

/* The report of the selected tab, or NULL while it loads or failed. */
static HdrReport *
hdr_window_get_selected_report (HdrWindow *self)
{
  AdwTabPage *tab_page;
  GtkWidget *child;

  g_assert (HDR_IS_WINDOW (self));

  tab_page = adw_tab_view_get_selected_page (self->tab_view);
  if (tab_page == NULL)
    return NULL;

  child = adw_tab_page_get_child (tab_page);
  if (HDR_IS_MAILBOX_PAGE (child))
    return hdr_mailbox_page_get_report (HDR_MAILBOX_PAGE (child));

  if (!HDR_IS_MESSAGE_PAGE (child))
    return NULL;

  return hdr_report_view_get_report (hdr_message_page_get_report_view (HDR_MESSAGE_PAGE (child)));
}

static void
hdr_window_update_report_actions (HdrWindow *self)
{
  gboolean has_report;

  g_assert (HDR_IS_WINDOW (self));

  has_report = hdr_window_get_selected_report (self) != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-summary", has_report);
}

/* Let @tab_page take the title and loading state of @page, an
 * HdrMessagePage or an HdrMailboxPage. */
static void
hdr_window_bind_page (HdrWindow  *self,
                      GtkWidget  *page,
                      AdwTabPage *tab_page)
{
  g_assert (HDR_IS_WINDOW (self));
  g_assert (HDR_IS_MESSAGE_PAGE (page) || HDR_IS_MAILBOX_PAGE (page));

  g_object_bind_property (page, "title", tab_page, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "title", tab_page, "tooltip", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "loading", tab_page, "loading", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (page, HDR_IS_MAILBOX_PAGE (page) ? "notify::report" : "notify::state",
                           G_CALLBACK (hdr_window_update_report_actions), self,
                           G_CONNECT_SWAPPED);
}

/* Add @page, an HdrMessagePage or an HdrMailboxPage, as the selected tab. */
static void
hdr_window_add_page (HdrWindow *self,
                     GtkWidget *page)
{
  AdwTabPage *tab_page;

  g_assert (HDR_IS_WINDOW (self));

  tab_page = adw_tab_view_append (self->tab_view, page);
  hdr_window_bind_page (self, page, tab_page);
  adw_tab_view_set_selected_page (self->tab_view, tab_page);
}

/* Build the placeholder like the loading state of HdrMessagePage, so that
 * the switch to the message page does not flicker. */
static GtkWidget *
hdr_window_new_placeholder (void)
{
  GtkWidget *status_page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_spinner_start (GTK_SPINNER (spinner));

  adw_status_page_set_title (ADW_STATUS_PAGE (status_page), _("Analysing…"));
  adw_status_page_set_child (ADW_STATUS_PAGE (status_page), spinner);

  return status_page;
}

/* Stop the detection behind @tab_page, if it is a placeholder. */
static void
hdr_window_cancel_open (HdrWindow  *self,
                        AdwTabPage *tab_page)
{
  g_assert (HDR_IS_WINDOW (self));

  /* Dispose has cancelled every request already. */
  if (self->open_requests == NULL)
    return;

  for (guint i = 0; i < self->open_requests->len; i++)
    {
      OpenRequest *request = g_ptr_array_index (self->open_requests, i);

      if (request->tab_page == tab_page)
        {
          g_cancellable_cancel (request->cancellable);
          break;
        }
    }
}

/* Remember which file @tab_page shows, for hdr_window_find_tab (). */
static void
hdr_window_set_tab_file (AdwTabPage *tab_page,
                         GFile      *file)
{
  g_object_set_data_full (G_OBJECT (tab_page), "hdr-window-file",
                          g_object_ref (file), g_object_unref);
}

/* Returns the tab that shows @file or is detecting its kind, or NULL. */
static AdwTabPage *
hdr_window_find_tab (HdrWindow *self,
                     GFile     *file)
{
  int n_pages = adw_tab_view_get_n_pages (self->tab_view);

  for (int i = 0; i < n_pages; i++)
    {
      AdwTabPage *tab_page = adw_tab_view_get_nth_page (self->tab_view, i);
      GFile *tab_file = g_object_get_data (G_OBJECT (tab_page), "hdr-window-file");

      if (tab_file != NULL && g_file_equal (tab_file, file))
        return tab_page;
    }

  return NULL;
}

/* Replace the placeholder with the page for the detected kind, at the
 * placeholder's position, which the user may have changed by dragging the
 * tab. */
static void
hdr_window_detect_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(OpenRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  HdrWindow *self = request->window;
  HdrMailboxKind kind;
  GtkWidget *page;
  AdwTabPage *tab_page;
  gboolean selected;
  int position;

  kind = hdr_mailbox_detect_finish (result, &error);

  if (self != NULL)
    g_ptr_array_remove (self->open_requests, request);

  /* The only error is cancellation, which means that the placeholder tab
   * was closed or the window was disposed. */
  if (error != NULL)
    return;

  g_assert (HDR_IS_WINDOW (self));

  if (kind != HDR_MAILBOX_NONE)
    page = GTK_WIDGET (hdr_mailbox_page_new_for_file (request->file));
  else
    page = GTK_WIDGET (hdr_message_page_new_for_file (request->file));

  selected = adw_tab_page_get_selected (request->tab_page);
  position = adw_tab_view_get_page_position (self->tab_view, request->tab_page);

  /* The placeholder closes first.  With the page inserted before the only
   * tab closed, the GL renderer of GTK 4.8.3 crashed in Mesa 22.3 llvmpipe
   * in 32 of 72 runs of the mailbox test in test-accessibility (Xvfb, three
   * runs at once on 2 cores).  This order crashed in none of 48 runs. */
  adw_tab_view_close_page (self->tab_view, request->tab_page);
  tab_page = adw_tab_view_insert (self->tab_view, page, position);
  hdr_window_bind_page (self, page, tab_page);
  hdr_window_set_tab_file (tab_page, request->file);
  if (selected)
    adw_tab_view_set_selected_page (self->tab_view, tab_page);
}

/* Open @file in a new selected tab, or select the tab that has it open.  The tab shows a placeholder until a
 * worker thread has detected whether @file is a mailbox, so the main loop
 * keeps running and the tabs keep the order of the calls.  A file that
 * cannot be read opens as a message page, which shows why. */
void
hdr_window_open_file (HdrWindow *self,
                      GFile     *file)
{
  OpenRequest *request;
  AdwTabPage *open_tab;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (HDR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A second tab of the same file would show the same report twice. */
  open_tab = hdr_window_find_tab (self, file);
  if (open_tab != NULL)
    {
      adw_tab_view_set_selected_page (self->tab_view, open_tab);
      return;
    }

  /* The same title as the page that replaces the placeholder. */
  basename = g_file_get_basename (file);
  title = basename != NULL ? g_filename_display_name (basename) : g_file_get_uri (file);

  request = g_new0 (OpenRequest, 1);
  request->window = self;
  request->file = g_object_ref (file);
  request->cancellable = g_cancellable_new ();
  request->tab_page = g_object_ref (adw_tab_view_append (self->tab_view, hdr_window_new_placeholder ()));
  g_ptr_array_add (self->open_requests, request);
  hdr_window_set_tab_file (request->tab_page, file);

  adw_tab_page_set_title (request->tab_page, title);
  adw_tab_page_set_tooltip (request->tab_page, title);
  adw_tab_page_set_loading (request->tab_page, TRUE);
  adw_tab_view_set_selected_page (self->tab_view, request->tab_page);

  /* Appending the first page selects it before it has a title. */
  adw_window_title_set_subtitle (self->window_title, title);

  hdr_mailbox_detect_async (file, request->cancellable, hdr_window_detect_cb, request);
}

void
hdr_window_open_text (HdrWindow  *self,
                      const char *text,
                      const char *title)
{
  g_return_if_fail (HDR_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  if (title == NULL)
    title = _("Pasted message");

  hdr_window_add_page (self, GTK_WIDGET (hdr_message_page_new_for_text (text, title)));
}

static void
hdr_window_selected_page_changed_cb (HdrWindow  *self,
                                     GParamSpec *pspec,
                                     AdwTabView *tab_view)
{
  AdwTabPage *tab_page;

  g_assert (HDR_IS_WINDOW (self));

  tab_page = adw_tab_view_get_selected_page (tab_view);

  if (tab_page != NULL)
    adw_window_title_set_subtitle (self->window_title, adw_tab_page_get_title (tab_page));
  else
    adw_window_title_set_subtitle (self->window_title, NULL);

  hdr_window_update_report_actions (self);
}

static void
hdr_window_n_pages_changed_cb (HdrWindow  *self,
                               GParamSpec *pspec,
                               AdwTabView *tab_view)
{
  gboolean has_pages;

  g_assert (HDR_IS_WINDOW (self));

  has_pages = adw_tab_view_get_n_pages (tab_view) > 0;

  gtk_stack_set_visible_child_name (self->stack, has_pages ? "tabs" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->tab_bar), has_pages);
}

static gboolean
hdr_window_close_page_cb (HdrWindow  *self,
                          AdwTabPage *tab_page,
                          AdwTabView *tab_view)
{
  GtkWidget *child;

  g_assert (HDR_IS_WINDOW (self));

  child = adw_tab_page_get_child (tab_page);
  if (HDR_IS_MESSAGE_PAGE (child))
    hdr_message_page_cancel (HDR_MESSAGE_PAGE (child));
  else if (HDR_IS_MAILBOX_PAGE (child))
    hdr_mailbox_page_cancel (HDR_MAILBOX_PAGE (child));
  else
    hdr_window_cancel_open (self, tab_page);

  adw_tab_view_close_page_finish (tab_view, tab_page, TRUE);

  return GDK_EVENT_STOP;
}

static void
hdr_window_file_chooser_response_cb (HdrWindow            *self,
                                     int                   response,
                                     GtkFileChooserNative *file_chooser)
{
  g_autoptr(GListModel) files = NULL;
  guint n_files;

  g_assert (HDR_IS_WINDOW (self));
  g_assert (GTK_IS_FILE_CHOOSER_NATIVE (file_chooser));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (file_chooser));
      n_files = g_list_model_get_n_items (files);

      /* Keep the opened messages out of the recently used files list. */
      hdr_recent_files_forget (files);

      for (guint i = 0; i < n_files; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          hdr_window_open_file (self, file);
        }
    }

  g_clear_object (&self->file_chooser);
}

static void
hdr_window_open_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HdrWindow *self = HDR_WINDOW (widget);
  g_autoptr(GtkFileFilter) messages = NULL;
  g_autoptr(GtkFileFilter) mailboxes = NULL;
  g_autoptr(GtkFileFilter) all_files = NULL;

  g_assert (HDR_IS_WINDOW (self));

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
      return;
    }

  messages = gtk_file_filter_new ();
  gtk_file_filter_set_name (messages, _("Email messages"));
  gtk_file_filter_add_mime_type (messages, "message/rfc822");
  gtk_file_filter_add_mime_type (messages, "application/mbox");
  gtk_file_filter_add_suffix (messages, "eml");
  gtk_file_filter_add_suffix (messages, "mbox");

  mailboxes = gtk_file_filter_new ();
  gtk_file_filter_set_name (mailboxes, _("Mailboxes"));
  gtk_file_filter_add_mime_type (mailboxes, "application/mbox");
  gtk_file_filter_add_suffix (mailboxes, "mbox");
  gtk_file_filter_add_suffix (mailboxes, "mbx");

  all_files = gtk_file_filter_new ();
  gtk_file_filter_set_name (all_files, _("All files"));
  gtk_file_filter_add_pattern (all_files, "*");

  self->file_chooser = gtk_file_chooser_native_new (_("Open a Message"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Open"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->file_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), messages);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), mailboxes);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all_files);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->file_chooser), messages);

  g_signal_connect_object (self->file_chooser,
                           "response",
                           G_CALLBACK (hdr_window_file_chooser_response_cb),
                           self,
                           G_CONNECT_SWAPPED);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

/* A Maildir is a folder, which GTK 4.8's chooser selects only in its own
 * mode, so it has its own action. */
static void
hdr_window_open_folder_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  HdrWindow *self = HDR_WINDOW (widget);

  g_assert (HDR_IS_WINDOW (self));

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  self->file_chooser = gtk_file_chooser_native_new (_("Open a Mail Folder"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                    _("_Open"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);

  g_signal_connect_object (self->file_chooser,
                           "response",
                           G_CALLBACK (hdr_window_file_chooser_response_cb),
                           self,
                           G_CONNECT_SWAPPED);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
hdr_window_paste_dialog_analyse_cb (HdrWindow      *self,
                                    const char     *text,
                                    HdrPasteDialog *dialog)
{
  g_assert (HDR_IS_WINDOW (self));
  g_assert (text != NULL);

  hdr_window_open_text (self, text, NULL);
}

static void
hdr_window_show_paste_dialog (HdrWindow  *self,
                              const char *text)
{
  HdrPasteDialog *dialog;

  g_assert (HDR_IS_WINDOW (self));

  dialog = hdr_paste_dialog_new (GTK_WINDOW (self), text);
  g_signal_connect_object (dialog,
                           "analyse",
                           G_CALLBACK (hdr_window_paste_dialog_analyse_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hdr_window_read_clipboard_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(HdrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert (HDR_IS_WINDOW (self));

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  /* An empty or non-text clipboard is normal: the dialog opens empty. */
  if (error != NULL)
    g_debug ("No text on the clipboard: %s", error->message);

  /* The window may have been closed while the clipboard was read. */
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  hdr_window_show_paste_dialog (self, text);
}

static void
hdr_window_paste_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  HdrWindow *self = HDR_WINDOW (widget);
  GdkClipboard *clipboard;

  g_assert (HDR_IS_WINDOW (self));

  clipboard = gtk_widget_get_clipboard (widget);
  gdk_clipboard_read_text_async (clipboard,
                                 NULL,
                                 hdr_window_read_clipboard_cb,
                                 g_object_ref (self));
}

static void
hdr_window_close_tab_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  HdrWindow *self = HDR_WINDOW (widget);
  AdwTabPage *tab_page;
  int n_pages;

  g_assert (HDR_IS_WINDOW (self));

  tab_page = adw_tab_view_get_selected_page (self->tab_view);
  n_pages = adw_tab_view_get_n_pages (self->tab_view);

  if (tab_page != NULL)
    adw_tab_view_close_page (self->tab_view, tab_page);

  /* Ctrl+W on the last tab, or in the empty window, closes the window. */
  if (n_pages <= 1)
    gtk_window_close (GTK_WINDOW (self));
}

/* The messages under Samples, compiled into the app's resources so that
 * they open without an installation.  Each was made up for teaching. */
static const struct
{
  const char *file_name;
  const char *title;
} samples[] = {
  { "sextortion-en.eml", N_("Sample: blackmail scam") },
  { "sextortion-nb.eml", N_("Sample: blackmail scam in Norwegian") },
  { "sextortion-password-en.eml", N_("Sample: blackmail scam with a password") },
  { "sextortion-own-account-en.eml", N_("Sample: blackmail scam from your own address") },
  { "sextortion-disguised-en.eml", N_("Sample: disguised blackmail scam") },
  { "phishing-en.eml", N_("Sample: phishing mail") },
  { "newsletter-en.eml", N_("Sample: newsletter") },
  { "password-reset-en.eml", N_("Sample: password reset") },
};

static void
hdr_window_open_sample_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  HdrWindow *self = HDR_WINDOW (widget);
  const char *file_name = g_variant_get_string (parameter, NULL);

  g_assert (HDR_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_equal (samples[i].file_name, file_name))
        continue;

      path = g_strconcat ("/io/github/headerinspector/HeaderInspector/samples/", file_name, NULL);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          g_warning ("Sample %s is missing from the resources: %s", path, error->message);
          return;
        }

      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      hdr_window_open_text (self, text, _(samples[i].title));
      return;
    }

  g_warning ("Unknown sample “%s”", file_name);
}

static void
hdr_window_export_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HdrWindow *self = HDR_WINDOW (widget);
  HdrReport *report = hdr_window_get_selected_report (self);

  if (report != NULL)
    hdr_export_show_dialog (GTK_WINDOW (self), report);
}

static void
hdr_window_print_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  HdrWindow *self = HDR_WINDOW (widget);
  HdrReport *report = hdr_window_get_selected_report (self);

  if (report != NULL)
    hdr_export_print (GTK_WINDOW (self), report);
}

static void
hdr_window_copy_summary_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  HdrWindow *self = HDR_WINDOW (widget);
  HdrReport *report = hdr_window_get_selected_report (self);

  if (report == NULL)
    return;

  hdr_export_copy_summary (widget, report);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Summary copied")));
}

static gboolean
hdr_window_drop_cb (HdrWindow     *self,
                    const GValue  *value,
                    double         x,
                    double         y,
                    GtkDropTarget *target)
{
  g_assert (HDR_IS_WINDOW (self));

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files == NULL)
        return FALSE;

      for (const GSList *iter = files; iter != NULL; iter = iter->next)
        hdr_window_open_file (self, G_FILE (iter->data));

      return TRUE;
    }

  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *text = g_value_get_string (value);

      if (text == NULL || *text == '\0')
        return FALSE;

      hdr_window_open_text (self, text, _("Dropped text"));
      return TRUE;
    }

  return FALSE;
}

static void
hdr_window_setup_drop_target (HdrWindow *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  g_assert (HDR_IS_WINDOW (self));

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target,
                           "drop",
                           G_CALLBACK (hdr_window_drop_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* The app's settings, or NULL when the schema is not installed (a build
 * run from its folder without GSETTINGS_SCHEMA_DIR). */
static GSettings *
hdr_window_lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.headerinspector.HeaderInspector", TRUE);

  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static void
hdr_window_restore_state (HdrWindow *self)
{
  g_autoptr(GSettings) settings = hdr_window_lookup_settings ();

  g_assert (HDR_IS_WINDOW (self));

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
hdr_window_close_request_cb (GtkWindow *window,
                             gpointer   user_data)
{
  g_autoptr(GSettings) settings = hdr_window_lookup_settings ();
  int width = 0;
  int height = 0;

  if (settings == NULL)
    return FALSE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }

  return FALSE;
}

static void
hdr_window_dispose (GObject *object)
{
  HdrWindow *self = HDR_WINDOW (object);

  /* Pages outlive the window while their analysis runs, because the
   * pending callback holds a reference, so stop the work here. */
  if (self->tab_view != NULL)
    {
      int n_pages = adw_tab_view_get_n_pages (self->tab_view);

      for (int i = 0; i < n_pages; i++)
        {
          GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i));

          if (HDR_IS_MESSAGE_PAGE (child))
            hdr_message_page_cancel (HDR_MESSAGE_PAGE (child));
          else if (HDR_IS_MAILBOX_PAGE (child))
            hdr_mailbox_page_cancel (HDR_MAILBOX_PAGE (child));
        }
    }

  /* A detection callback may run after the window is finalized, so it
   * must not find the window in its request. */
  if (self->open_requests != NULL)
    {
      for (guint i = 0; i < self->open_requests->len; i++)
        {
          OpenRequest *request = g_ptr_array_index (self->open_requests, i);

          request->window = NULL;
          g_cancellable_cancel (request->cancellable);
        }
      g_clear_pointer (&self->open_requests, g_ptr_array_unref);
    }

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  G_OBJECT_CLASS (hdr_window_parent_class)->dispose (object);
}

static void
hdr_window_class_init (HdrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hdr_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headerinspector/HeaderInspector/hdr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HdrWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdrWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, HdrWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HdrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdrWindow, tab_view);
  gtk_widget_class_bind_template_callback (widget_class, hdr_window_selected_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hdr_window_n_pages_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hdr_window_close_page_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, hdr_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, hdr_window_open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, hdr_window_paste_action);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, hdr_window_close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "s", hdr_window_open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, hdr_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, hdr_window_print_action);
  gtk_widget_class_install_action (widget_class, "win.copy-summary", NULL,
                                   hdr_window_copy_summary_action);

  /* Ctrl+E and Ctrl+P are application accelerators.  This one is the
   * window's own, because Ctrl+C alone copies selected text. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-summary", NULL);

  g_type_ensure (HDR_TYPE_MESSAGE_PAGE);
}

static void
hdr_window_init (HdrWindow *self)
{
  self->open_requests = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  hdr_window_setup_drop_target (self);
  hdr_window_update_report_actions (self);

  hdr_window_restore_state (self);
  g_signal_connect (self, "close-request", G_CALLBACK (hdr_window_close_request_cb), NULL);
}
