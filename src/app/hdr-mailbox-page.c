/* hdr-mailbox-page.c: one tab: the messages of an mbox file or a Maildir
 *
 * hdr_batch_run_full() analyses the mailbox in a GTask thread.  Its worker
 * threads keep only what the list shows of each message (subject, sender,
 * date, verdict and where the message starts), and its callback queues
 * that in mailbox order.  A
 * 100 ms timeout on the main thread moves the queued rows into the list in
 * one splice, so a mailbox of 10,000 messages costs the main loop a few
 * hundred list updates, not 10,000.
 *
 * The reports themselves are not kept, because a report contains the parsed
 * message and a large mailbox would not fit in memory.  Selecting a row
 * reads that one message again from its offset and analyses it again on a
 * worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-mailbox-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hdr-analysis.h"
#include "hdr-mailbox-page.h"
#include "hdr-traplist-store.h"

/* How often queued rows are moved into the list while the analysis runs. */
#define FLUSH_INTERVAL_MS 100

struct _HdrMailboxEntry
{
  GObject     parent_instance;

  guint       index;
  guint64     offset;
  char       *subject;
  char       *sender;
  char       *date;
  HdrVerdict  verdict;
  gboolean    readable;
};

G_DEFINE_FINAL_TYPE (HdrMailboxEntry, hdr_mailbox_entry, G_TYPE_OBJECT)

static void
hdr_mailbox_entry_finalize (GObject *object)
{
  HdrMailboxEntry *self = HDR_MAILBOX_ENTRY (object);

  g_free (self->subject);
  g_free (self->sender);
  g_free (self->date);

  G_OBJECT_CLASS (hdr_mailbox_entry_parent_class)->finalize (object);
}

static void
hdr_mailbox_entry_class_init (HdrMailboxEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hdr_mailbox_entry_finalize;
}

static void
hdr_mailbox_entry_init (HdrMailboxEntry *self)
{
}

guint
hdr_mailbox_entry_get_index (HdrMailboxEntry *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_ENTRY (self), 0);

  return self->index;
}

const char *
hdr_mailbox_entry_get_subject (HdrMailboxEntry *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_ENTRY (self), NULL);

  return self->subject;
}

const char *
hdr_mailbox_entry_get_sender (HdrMailboxEntry *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_ENTRY (self), NULL);

  return self->sender;
}

const char *
hdr_mailbox_entry_get_date (HdrMailboxEntry *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_ENTRY (self), NULL);

  return self->date;
}

HdrVerdict
hdr_mailbox_entry_get_verdict (HdrMailboxEntry *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_ENTRY (self), HDR_VERDICT_NONE);

  return self->verdict;
}

gboolean
hdr_mailbox_entry_get_readable (HdrMailboxEntry *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_ENTRY (self), FALSE);

  return self->readable;
}

/* The list's view of one batch result.  Runs on the batch thread. */
static HdrMailboxEntry *
hdr_mailbox_entry_new_for_item (const HdrBatchItem *item)
{
  HdrMailboxEntry *self = g_object_new (HDR_TYPE_MAILBOX_ENTRY, NULL);
  GMimeMessage *mime_message;
  InternetAddressList *from;
  GDateTime *date;

  self->index = item->index;
  self->offset = item->offset;

  if (item->report == NULL)
    {
      self->readable = FALSE;
      self->subject = g_strdup (item->error != NULL ? item->error->message : item->source);
      return self;
    }

  self->readable = TRUE;
  self->verdict = hdr_report_get_verdict (item->report);

  mime_message = hdr_message_get_mime_message (hdr_report_get_message (item->report));
  self->subject = g_strdup (g_mime_message_get_subject (mime_message));

  from = g_mime_message_get_from (mime_message);
  if (from != NULL && internet_address_list_length (from) > 0)
    self->sender = internet_address_list_to_string (from, NULL, FALSE);

  date = g_mime_message_get_date (mime_message);
  if (date != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (date);

      self->date = g_date_time_format (local, "%Y-%m-%d %H:%M");
    }

  return self;
}

/* What the batch thread and the main thread share.  The mutex guards
 * every field. */
typedef struct
{
  GMutex            mutex;
  GPtrArray        *pending;   /* HdrMailboxEntry, not yet in the list */
  HdrBatchSummary  *summary;
  gboolean          summary_changed;
  guint             analysed;
  double            fraction;
  HdrMailboxReader *reader;    /* used by the batch thread only */
} BatchShared;

static void
batch_shared_clear (BatchShared *shared)
{
  g_mutex_clear (&shared->mutex);
  g_ptr_array_unref (shared->pending);
  hdr_batch_summary_free (shared->summary);
  g_clear_object (&shared->reader);
}

static BatchShared *
batch_shared_new (void)
{
  BatchShared *shared = g_atomic_rc_box_new0 (BatchShared);

  g_mutex_init (&shared->mutex);
  shared->pending = g_ptr_array_new_with_free_func (g_object_unref);
  shared->summary = hdr_batch_summary_new ();

  return shared;
}

static void
batch_shared_release (BatchShared *shared)
{
  g_atomic_rc_box_release_full (shared, (GDestroyNotify) batch_shared_clear);
}

typedef struct
{
  GFile              *file;
  HdrAnalysisOptions  options;
  BatchShared        *shared;
} BatchTaskData;

static void
batch_task_data_free (BatchTaskData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->options.traplists, g_ptr_array_unref);
  g_clear_pointer (&data->shared, batch_shared_release);
  g_free (data);
}

struct _HdrMailboxPage
{
  GtkWidget           parent_instance;

  char               *title;
  GFile              *file;
  GCancellable       *cancellable;
  GCancellable       *selection_cancellable;
  HdrAnalysisOptions  options;
  BatchShared        *shared;
  GListStore         *messages;
  GtkSingleSelection *selection;
  HdrReport          *report;
  char               *summary_text;
  guint               flush_id;
  gboolean            loading;
  gboolean            disposed;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *report_pane;
  GtkLabel           *summary_label;
  GtkWidget          *progress_box;
  GtkProgressBar     *progress_bar;
  GtkButton          *cancel_button;
  GtkLabel           *status_label;
  GtkListView        *list_view;
  GtkWidget          *back_button;
  GtkStack           *report_stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  HdrReportView      *report_view;
};

G_DEFINE_FINAL_TYPE (HdrMailboxPage, hdr_mailbox_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LOADING,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
verdict_icon_name (HdrMailboxEntry *entry)
{
  if (!entry->readable)
    return "action-unavailable-symbolic";

  switch (entry->verdict)
    {
    case HDR_VERDICT_SEXTORTION:
      return "dialog-warning-symbolic";

    case HDR_VERDICT_SUSPICIOUS:
      return "security-low-symbolic";

    case HDR_VERDICT_NONE:
    default:
      return "dialog-information-symbolic";
    }
}

/* The verdict in words, the same words as the report's verdict. */
static const char *
verdict_word (HdrMailboxEntry *entry)
{
  if (!entry->readable)
    return _("Could not be read");

  switch (entry->verdict)
    {
    case HDR_VERDICT_SEXTORTION:
      return _("Known scam");

    case HDR_VERDICT_SUSPICIOUS:
      return _("Signs of a scam");

    case HDR_VERDICT_NONE:
    default:
      return _("No known scam signs");
    }
}

/* Indexed by HdrVerdict; the icon and the words carry the verdict too. */
static const char *verdict_css_classes[] = { "dim-label", "warning", "error" };

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *subject = gtk_label_new (NULL);
  GtkWidget *sender = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);
  GtkWidget *labels[] = { subject, sender, details };

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_label_set_xalign (GTK_LABEL (labels[i]), 0);
      gtk_label_set_ellipsize (GTK_LABEL (labels[i]), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (labels[i]), 40);
      gtk_box_append (GTK_BOX (texts), labels[i]);
    }
  gtk_widget_add_css_class (subject, "heading");
  gtk_widget_add_css_class (details, "caption");

  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  HdrMailboxEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (row);
  GtkWidget *subject = gtk_widget_get_first_child (gtk_widget_get_next_sibling (icon));
  GtkWidget *sender = gtk_widget_get_next_sibling (subject);
  GtkWidget *details = gtk_widget_get_next_sibling (sender);
  g_autofree char *details_text = NULL;
  g_autofree char *row_label = NULL;
  const char *subject_text;
  const char *sender_text;
  const char *word = verdict_word (entry);

  subject_text = entry->subject != NULL && *entry->subject != '\0' ? entry->subject : _("(no subject)");
  sender_text = entry->sender != NULL ? entry->sender : _("(no sender)");

  if (entry->date != NULL)
    /* Translators: a mailbox row: the verdict in words, then the date. */
    details_text = g_strdup_printf (_("%s · %s"), word, entry->date);
  else
    details_text = g_strdup (word);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), verdict_icon_name (entry));
  for (guint i = 0; i < G_N_ELEMENTS (verdict_css_classes); i++)
    gtk_widget_remove_css_class (icon, verdict_css_classes[i]);
  if (entry->readable)
    gtk_widget_add_css_class (icon, verdict_css_classes[entry->verdict]);

  gtk_label_set_text (GTK_LABEL (subject), subject_text);
  gtk_label_set_text (GTK_LABEL (sender), sender_text);
  gtk_label_set_text (GTK_LABEL (details), details_text);
  gtk_widget_set_visible (sender, entry->readable);

  /* Translators: how a screen reader reads a mailbox row: verdict, subject, sender. */
  row_label = g_strdup_printf (_("%s: %s, from %s"), word, subject_text, sender_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, row_label, -1);
}

/* Runs on a worker thread: read the row's fields from the report there. */
static void
batch_prepare_cb (HdrBatchItem *item,
                  gpointer      user_data)
{
  item->data = hdr_mailbox_entry_new_for_item (item);
  item->data_destroy = g_object_unref;
}

/* Runs on the batch thread, once per message, in mailbox order. */
static void
batch_item_cb (const HdrBatchItem *item,
               gpointer            user_data)
{
  BatchShared *shared = user_data;
  HdrMailboxEntry *entry = item->data != NULL ? g_object_ref (item->data)
                                              : hdr_mailbox_entry_new_for_item (item);
  double fraction = hdr_mailbox_reader_get_fraction (shared->reader);

  g_mutex_lock (&shared->mutex);
  g_ptr_array_add (shared->pending, entry);
  hdr_batch_summary_add (shared->summary, item);
  shared->summary_changed = TRUE;
  shared->analysed++;
  shared->fraction = fraction;
  g_mutex_unlock (&shared->mutex);
}

static void
batch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BatchTaskData *data = task_data;
  g_autoptr(GError) error = NULL;

  data->shared->reader = hdr_mailbox_reader_new (data->file, cancellable, &error);
  if (data->shared->reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!hdr_batch_run_full (data->shared->reader, &data->options, g_get_num_processors (),
                           batch_prepare_cb, batch_item_cb, data->shared, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
hdr_mailbox_page_set_loading (HdrMailboxPage *self,
                              gboolean        loading)
{
  g_assert (HDR_IS_MAILBOX_PAGE (self));

  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_widget_set_visible (self->progress_box, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Move the queued rows into the list and show the progress.  Runs on the
 * main thread. */
static void
hdr_mailbox_page_flush (HdrMailboxPage *self)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *status = NULL;
  guint analysed;
  double fraction;

  g_assert (HDR_IS_MAILBOX_PAGE (self));

  g_mutex_lock (&self->shared->mutex);
  pending = g_steal_pointer (&self->shared->pending);
  self->shared->pending = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->shared->summary_changed)
    summary_text = hdr_batch_summary_to_text (self->shared->summary);
  self->shared->summary_changed = FALSE;
  analysed = self->shared->analysed;
  fraction = self->shared->fraction;
  g_mutex_unlock (&self->shared->mutex);

  if (pending->len > 0)
    g_list_store_splice (self->messages,
                         g_list_model_get_n_items (G_LIST_MODEL (self->messages)),
                         0, pending->pdata, pending->len);

  if (summary_text != NULL)
    {
      g_strchomp (summary_text);
      gtk_label_set_text (self->summary_label, summary_text);
      g_free (self->summary_text);
      self->summary_text = g_steal_pointer (&summary_text);
    }

  if (self->loading)
    {
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Analysed %u message…",
                                             "Analysed %u messages…", analysed),
                                analysed);
      gtk_label_set_text (self->status_label, status);
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
    }
}

static gboolean
hdr_mailbox_page_flush_cb (gpointer user_data)
{
  HdrMailboxPage *self = user_data;

  g_assert (HDR_IS_MAILBOX_PAGE (self));

  hdr_mailbox_page_flush (self);

  return G_SOURCE_CONTINUE;
}

static void
hdr_mailbox_page_batch_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(HdrMailboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  guint analysed;
  guint unreadable;

  g_assert (HDR_IS_MAILBOX_PAGE (self));

  g_task_propagate_boolean (G_TASK (result), &error);

  /* After dispose the template widgets are gone. */
  if (self->disposed)
    return;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  hdr_mailbox_page_flush (self);
  hdr_mailbox_page_set_loading (self, FALSE);

  analysed = g_list_model_get_n_items (G_LIST_MODEL (self->messages));
  g_mutex_lock (&self->shared->mutex);
  unreadable = hdr_batch_summary_get_unreadable (self->shared->summary);
  g_mutex_unlock (&self->shared->mutex);

  if (error == NULL && unreadable > 0 && unreadable <= analysed)
    {
      g_autofree char *read = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message analysed.",
                                                            "%u messages analysed.",
                                                            analysed - unreadable),
                                               analysed - unreadable);

      /* Translators: %s is “N messages analysed.”, %u the entries not read. */
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %u could not be read.",
                                             "%s %u could not be read.", unreadable),
                                read, unreadable);
    }
  else if (error == NULL)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message analysed.",
                                           "%u messages analysed.", analysed),
                              analysed);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Stopped after %u message. The summary counts only the messages above.",
                                           "Stopped after %u messages. The summary counts only the messages above.",
                                           analysed),
                              analysed);
  else
    /* Translators: %s is the reason, a sentence from the mailbox reader. */
    status = g_strdup_printf (_("The analysis stopped: %s"), error->message);

  gtk_label_set_text (self->status_label, status);

  if (analysed == 0 && self->summary_text == NULL)
    gtk_label_set_text (self->summary_label, _("No messages were found."));
}

static void
hdr_mailbox_page_show_report (HdrMailboxPage *self,
                              HdrReport      *report)
{
  g_assert (HDR_IS_MAILBOX_PAGE (self));

  if (self->report == report)
    return;

  g_set_object (&self->report, report);
  if (report != NULL)
    hdr_report_view_set_report (self->report_view, report);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

typedef struct
{
  GFile              *file;
  guint64             offset;
  HdrAnalysisOptions  options;
} SelectionTaskData;

static void
selection_task_data_free (SelectionTaskData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->options.traplists, g_ptr_array_unref);
  g_free (data);
}

/* Read one message again from its offset and analyse it. */
static void
selection_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SelectionTaskData *data = task_data;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(HdrMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;

  reader = hdr_mailbox_reader_new_at (data->file, data->offset, cancellable, &error);
  if (reader != NULL)
    bytes = hdr_mailbox_reader_next (reader, &source, cancellable, &error);

  if (bytes == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The message is no longer in the mailbox. Open the mailbox again."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  message = hdr_message_new_from_bytes (bytes, source, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, hdr_analyze_message_full (message, &data->options), g_object_unref);
}

static void
hdr_mailbox_page_selection_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(HdrMailboxPage) self = user_data;
  g_autoptr(HdrReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (HDR_IS_MAILBOX_PAGE (self));

  report = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled: another row was selected, or the page was disposed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (report == NULL)
    {
      adw_status_page_set_title (self->error_page, _("This message could not be read"));
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->report_stack, "error");
      return;
    }

  hdr_mailbox_page_show_report (self, report);
  gtk_stack_set_visible_child_name (self->report_stack, "report");
}

static void
hdr_mailbox_page_selected_cb (HdrMailboxPage     *self,
                              GParamSpec         *pspec,
                              GtkSingleSelection *selection)
{
  g_autoptr(GTask) task = NULL;
  SelectionTaskData *data;
  HdrMailboxEntry *entry;

  g_assert (HDR_IS_MAILBOX_PAGE (self));

  g_cancellable_cancel (self->selection_cancellable);
  g_clear_object (&self->selection_cancellable);
  hdr_mailbox_page_show_report (self, NULL);

  entry = gtk_single_selection_get_selected_item (selection);
  if (entry == NULL)
    {
      gtk_stack_set_visible_child_name (self->report_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->report_stack, "loading");
  gtk_spinner_set_spinning (self->spinner, TRUE);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->report_pane);

  self->selection_cancellable = g_cancellable_new ();

  data = g_new0 (SelectionTaskData, 1);
  data->file = g_object_ref (self->file);
  data->offset = entry->offset;
  if (self->options.traplists != NULL)
    data->options.traplists = g_ptr_array_ref (self->options.traplists);

  task = g_task_new (NULL, self->selection_cancellable, hdr_mailbox_page_selection_cb,
                     g_object_ref (self));
  g_task_set_source_tag (task, hdr_mailbox_page_selected_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) selection_task_data_free);
  g_task_run_in_thread (task, selection_thread);
}

static void
hdr_mailbox_page_cancel_clicked_cb (HdrMailboxPage *self,
                                    GtkButton      *button)
{
  g_assert (HDR_IS_MAILBOX_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static void
hdr_mailbox_page_back_clicked_cb (HdrMailboxPage *self,
                                  GtkButton      *button)
{
  g_assert (HDR_IS_MAILBOX_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* The analysis options: the loaded trap lists when they are turned on, as
 * for a single message. */
static void
init_analysis_options (HdrAnalysisOptions *options)
{
  HdrTraplistStore *store = hdr_traplist_store_get_default ();

  options->traplists = store != NULL ? hdr_traplist_store_dup_lists (store) : NULL;
}

HdrMailboxPage *
hdr_mailbox_page_new_for_file (GFile *file)
{
  HdrMailboxPage *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  BatchTaskData *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  title = basename != NULL ? g_filename_display_name (basename) : g_file_get_uri (file);

  self = g_object_new (HDR_TYPE_MAILBOX_PAGE,
                       "title", title,
                       NULL);
  self->file = g_object_ref (file);
  init_analysis_options (&self->options);

  data = g_new0 (BatchTaskData, 1);
  data->file = g_object_ref (file);
  data->shared = g_atomic_rc_box_acquire (self->shared);
  if (self->options.traplists != NULL)
    data->options.traplists = g_ptr_array_ref (self->options.traplists);

  task = g_task_new (NULL, self->cancellable, hdr_mailbox_page_batch_cb, g_object_ref (self));
  g_task_set_source_tag (task, hdr_mailbox_page_new_for_file);
  g_task_set_task_data (task, data, (GDestroyNotify) batch_task_data_free);
  g_task_run_in_thread (task, batch_thread);

  self->flush_id = g_timeout_add (FLUSH_INTERVAL_MS, hdr_mailbox_page_flush_cb, self);

  return self;
}

/* Stop the analysis.  The rows read so far stay.  The window calls this
 * when the tab closes, because the pending callback holds a reference and
 * the page is not disposed before it runs. */
void
hdr_mailbox_page_cancel (HdrMailboxPage *self)
{
  g_return_if_fail (HDR_IS_MAILBOX_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->selection_cancellable);
}

const char *
hdr_mailbox_page_get_title (HdrMailboxPage *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_PAGE (self), NULL);

  return self->title;
}

gboolean
hdr_mailbox_page_get_loading (HdrMailboxPage *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_PAGE (self), FALSE);

  return self->loading;
}

/* Returns: (transfer none): the rows, a list of HdrMailboxEntry */
GListModel *
hdr_mailbox_page_get_messages (HdrMailboxPage *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_PAGE (self), NULL);

  return G_LIST_MODEL (self->messages);
}

/* Returns: (transfer none) (nullable): the counts over the mailbox, or
 *   %NULL while the analysis still runs, because the batch thread writes
 *   to them until then */
HdrBatchSummary *
hdr_mailbox_page_get_summary (HdrMailboxPage *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_PAGE (self), NULL);

  if (self->loading)
    return NULL;

  return self->shared->summary;
}

/* Returns: the summary text shown above the list */
const char *
hdr_mailbox_page_get_summary_text (HdrMailboxPage *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_PAGE (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

/* Returns: the progress or outcome line shown above the list */
const char *
hdr_mailbox_page_get_status_text (HdrMailboxPage *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_PAGE (self), NULL);

  return gtk_label_get_text (self->status_label);
}

/* Select the row at @position, which reads and analyses its message again. */
void
hdr_mailbox_page_select (HdrMailboxPage *self,
                         guint           position)
{
  g_return_if_fail (HDR_IS_MAILBOX_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/* Returns: (transfer none) (nullable): the report of the selected message,
 *   or %NULL while it is analysed or when nothing is selected */
HdrReport *
hdr_mailbox_page_get_report (HdrMailboxPage *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_PAGE (self), NULL);

  return self->report;
}

HdrReportView *
hdr_mailbox_page_get_report_view (HdrMailboxPage *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_PAGE (self), NULL);

  return self->report_view;
}

static void
hdr_mailbox_page_dispose (GObject *object)
{
  HdrMailboxPage *self = HDR_MAILBOX_PAGE (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->selection_cancellable);
  g_clear_handle_id (&self->flush_id, g_source_remove);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), HDR_TYPE_MAILBOX_PAGE);

  g_clear_object (&self->report);
  g_clear_object (&self->selection);
  g_clear_object (&self->messages);

  G_OBJECT_CLASS (hdr_mailbox_page_parent_class)->dispose (object);
}

static void
hdr_mailbox_page_finalize (GObject *object)
{
  HdrMailboxPage *self = HDR_MAILBOX_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->selection_cancellable);
  g_clear_object (&self->file);
  g_clear_pointer (&self->options.traplists, g_ptr_array_unref);
  g_clear_pointer (&self->shared, batch_shared_release);
  g_clear_pointer (&self->summary_text, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (hdr_mailbox_page_parent_class)->finalize (object);
}

static void
hdr_mailbox_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HdrMailboxPage *self = HDR_MAILBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hdr_mailbox_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HdrMailboxPage *self = HDR_MAILBOX_PAGE (object);

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
hdr_mailbox_page_class_init (HdrMailboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hdr_mailbox_page_dispose;
  object_class->finalize = hdr_mailbox_page_finalize;
  object_class->get_property = hdr_mailbox_page_get_property;
  object_class->set_property = hdr_mailbox_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         HDR_TYPE_REPORT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headerinspector/HeaderInspector/hdr-mailbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, report_pane);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, report_stack);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, HdrMailboxPage, report_view);
  gtk_widget_class_bind_template_callback (widget_class, hdr_mailbox_page_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, hdr_mailbox_page_back_clicked_cb);

  g_type_ensure (HDR_TYPE_REPORT_VIEW);
}

static void
hdr_mailbox_page_init (HdrMailboxPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->cancellable = g_cancellable_new ();
  self->shared = batch_shared_new ();
  self->loading = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->messages = g_list_store_new (HDR_TYPE_MAILBOX_ENTRY);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->messages)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (hdr_mailbox_page_selected_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible",
                          G_BINDING_SYNC_CREATE);

  gtk_label_set_text (self->summary_label, _("No messages analysed yet."));
  gtk_label_set_text (self->status_label, _("Reading the mailbox…"));
}
