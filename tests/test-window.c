/* test-window.c: the window under a real display (Xvfb in the test suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hdr-analysis.h"
#include "hdr-application.h"
#include "hdr-mailbox-page.h"
#include "hdr-message-page.h"
#include "hdr-paste-dialog.h"
#include "hdr-report-view.h"
#include "hdr-route-view.h"
#include "hdr-window.h"

/* A hang guard, not a speed claim: the analysis runs on a worker thread and
 * a slow machine under load may need far more than usual. */
#define HANG_GUARD_SECONDS 180

static HdrApplication *application;

static char *
fixture_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "fixtures", "window", name, NULL);
}

static char *
sample_path (void)
{
  return g_build_filename (TEST_DATA_DIR, "..", "data", "samples", "sextortion-en.eml", NULL);
}

static gboolean
hang_guard_cb (gpointer user_data)
{
  g_error ("Timed out after %d s waiting for the window", HANG_GUARD_SECONDS);
  return G_SOURCE_REMOVE;
}

/* Run the main loop until the page has left its loading state. */
static void
wait_for_page (HdrMessagePage *page)
{
  guint guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);

  while (hdr_message_page_get_state (page) == HDR_MESSAGE_PAGE_LOADING)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard_id);
}

/* Run the main loop until nothing is pending, so the window is drawn. */
static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static HdrWindow *
new_window (void)
{
  HdrWindow *window = hdr_window_new (application);

  gtk_window_present (GTK_WINDOW (window));
  drain_main_loop ();

  return window;
}

/* Whether @tab_page shows a message or a mailbox, and no longer the
 * placeholder that hdr_window_open_file () adds while it detects the kind
 * of the file. */
static gboolean
tab_is_opened (AdwTabPage *tab_page)
{
  GtkWidget *child = adw_tab_page_get_child (tab_page);

  return HDR_IS_MESSAGE_PAGE (child) || HDR_IS_MAILBOX_PAGE (child);
}

/* Run the main loop until the tab at @position shows a message or a mailbox. */
static GtkWidget *
wait_for_tab (HdrWindow *window,
              int        position)
{
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  guint guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  AdwTabPage *tab_page;

  while (!tab_is_opened (adw_tab_view_get_nth_page (tab_view, position)))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard_id);

  tab_page = adw_tab_view_get_nth_page (tab_view, position);
  return adw_tab_page_get_child (tab_page);
}

static HdrMessagePage *
open_in_new_tab (HdrWindow  *window,
                 const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  AdwTabPage *tab_page;
  GtkWidget *child;

  hdr_window_open_file (window, file);
  tab_page = adw_tab_view_get_selected_page (tab_view);
  g_assert_nonnull (tab_page);

  child = wait_for_tab (window, adw_tab_view_get_page_position (tab_view, tab_page));
  g_assert_true (adw_tab_page_get_selected (adw_tab_view_get_page (tab_view, child)));
  g_assert_true (HDR_IS_MESSAGE_PAGE (child));

  return HDR_MESSAGE_PAGE (child);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hdr-window-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

/* Make a FIFO, whose open () for reading blocks until a writer opens it.
 * That holds back the analysis of its message until feed_fifo () runs. */
static char *
make_fifo (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  return path;
}

/* Open the FIFO at @path for writing once a reader has opened it, and run
 * the main loop while no reader has. */
static int
open_fifo_writer (const char *path)
{
  guint guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  int fd;

  /* A non-blocking open for writing fails with ENXIO while no reader has
   * the FIFO open. */
  while ((fd = g_open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0)) < 0)
    {
      g_assert_cmpint (errno, ==, ENXIO);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (G_USEC_PER_SEC / 1000);
    }

  g_source_remove (guard_id);

  return fd;
}

/* Write @contents into the FIFO at @path once a reader has opened it. */
static void
feed_fifo (const char *path,
           const char *contents)
{
  gsize length = strlen (contents);
  int fd;

  /* POSIX makes a write of at most PIPE_BUF bytes atomic, so the one
   * read () of the reader gets the whole message. */
  g_assert_cmpuint (length, <=, PIPE_BUF);

  fd = open_fifo_writer (path);
  g_assert_cmpint (write (fd, contents, length), ==, (gssize) length);
  g_assert_cmpint (close (fd), ==, 0);
}

/* The first mapped widget of @type under @widget, depth first. */
static GtkWidget *
find_mapped_widget (GtkWidget *widget,
                    GType      type)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_empty_state (void)
{
  HdrWindow *window = new_window ();
  GtkWidget *status_page;

  g_assert_cmpint (adw_tab_view_get_n_pages (hdr_window_get_tab_view (window)), ==, 0);

  status_page = find_mapped_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)),
                   ==, "Check a Suspicious Email");

  /* GtkApplicationWindow adds this action when gtk/help-overlay.ui is found
   * under the application's resource base path. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_toplevels = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n_toplevels; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (toplevel), type))
        return GTK_WINDOW (toplevel);
    }

  return NULL;
}

static void
test_window_about (void)
{
  HdrWindow *window = new_window ();
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  drain_main_loop ();

  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)),
                   ==, "Header Inspector");
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));

  gtk_window_destroy (about);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_sample_report (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HdrReport) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  HdrWindow *window = new_window ();
  HdrMessagePage *page;
  HdrReportView *view;
  GtkWidget *focus;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  expected = hdr_analyze_bytes (bytes, "sextortion-en.eml", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hdr_report_get_verdict (expected), ==, HDR_VERDICT_SEXTORTION);

  page = open_in_new_tab (window, path);
  g_assert_cmpstr (hdr_message_page_get_title (page), ==, "sextortion-en.eml");
  wait_for_page (page);
  drain_main_loop ();

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_REPORT);
  view = hdr_message_page_get_report_view (page);
  g_assert_cmpstr (hdr_report_view_get_headline (view), ==, hdr_report_get_headline (expected));
  g_assert_cmpuint (hdr_report_view_get_n_findings (view), >, 0);
  g_assert_cmpuint (hdr_report_view_get_n_findings (view),
                    ==, hdr_report_get_findings (expected)->len);
  g_assert_cmpuint (hdr_report_view_get_n_hops (view), ==, 3);

  /* The verdict heading has the keyboard focus, for screen readers. */
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (focus == hdr_report_view_get_heading (view));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Activating a hop selects its Received field among the raw headers. */
static void
test_window_hop_selects_raw_header (void)
{
  g_autofree char *path = sample_path ();
  g_autofree char *selected = NULL;
  HdrWindow *window = new_window ();
  HdrMessagePage *page;
  GtkWidget *view;
  GtkWidget *route_view;
  GtkWidget *row;
  GtkWidget *list_box;
  GtkWidget *text_view;
  GtkWidget *expander;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  page = open_in_new_tab (window, path);
  wait_for_page (page);
  drain_main_loop ();
  view = GTK_WIDGET (hdr_message_page_get_report_view (page));

  route_view = find_mapped_widget (view, HDR_TYPE_ROUTE_VIEW);
  g_assert_nonnull (route_view);
  row = find_mapped_widget (route_view, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  list_box = gtk_widget_get_parent (row);
  g_assert_true (GTK_IS_LIST_BOX (list_box));

  g_signal_emit_by_name (list_box, "row-activated", row);
  drain_main_loop ();

  expander = find_mapped_widget (view, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (expander)));

  text_view = find_mapped_widget (view, GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (text_view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* Hop 1, the oldest, is the bottom Received field of the sample. */
  g_assert_true (g_str_has_prefix (selected, "Received: from [10.0.0.17] (helo=desktop-pc)"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_pasted_text (void)
{
  g_autofree char *path = fixture_path ("plain-note.eml");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  HdrWindow *window = new_window ();
  AdwTabPage *tab_page;
  HdrMessagePage *page;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  hdr_window_open_text (window, contents, NULL);
  tab_page = adw_tab_view_get_selected_page (hdr_window_get_tab_view (window));
  page = HDR_MESSAGE_PAGE (adw_tab_page_get_child (tab_page));
  g_assert_cmpstr (adw_tab_page_get_title (tab_page), ==, "Pasted message");
  wait_for_page (page);

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_REPORT);
  g_assert_cmpuint (hdr_report_view_get_n_hops (hdr_message_page_get_report_view (page)), ==, 2);
  g_assert_cmpint (hdr_report_get_verdict (hdr_report_view_get_report (hdr_message_page_get_report_view (page))),
                   ==, HDR_VERDICT_NONE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pasted words without header lines still give a report of the words. */
static void
test_window_pasted_words (void)
{
  HdrWindow *window = new_window ();
  AdwTabPage *tab_page;
  HdrMessagePage *page;
  HdrReport *report;

  hdr_window_open_text (window,
                        "I am a hacker and I have access to your device. I recorded you with your "
                        "webcam while you watched adult websites. Pay 900 USD in Bitcoin to "
                        "1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf within 48 hours, or I will send the "
                        "video to all your contacts.",
                        NULL);
  tab_page = adw_tab_view_get_selected_page (hdr_window_get_tab_view (window));
  page = HDR_MESSAGE_PAGE (adw_tab_page_get_child (tab_page));
  wait_for_page (page);

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_REPORT);
  report = hdr_report_view_get_report (hdr_message_page_get_report_view (page));
  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_SEXTORTION);
  g_assert_cmpuint (hdr_report_view_get_n_hops (hdr_message_page_get_report_view (page)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The paste action opens the dialog filled from the clipboard, and its
 * Analyse action opens the text in a new tab. */
static void
test_window_paste_from_clipboard (void)
{
  g_autofree char *path = fixture_path ("plain-note.eml");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  HdrWindow *window = new_window ();
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  HdrPasteDialog *dialog = NULL;
  HdrMessagePage *page;
  guint guard_id;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), contents);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL));

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while ((dialog = (HdrPasteDialog *) find_toplevel (HDR_TYPE_PASTE_DIALOG)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "paste.analyse", NULL));
  drain_main_loop ();

  g_assert_null (find_toplevel (HDR_TYPE_PASTE_DIALOG));
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 1);
  page = HDR_MESSAGE_PAGE (adw_tab_page_get_child (adw_tab_view_get_selected_page (tab_view)));
  wait_for_page (page);
  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_REPORT);
  g_assert_cmpuint (hdr_report_view_get_n_hops (hdr_message_page_get_report_view (page)), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_invalid_file (void)
{
  g_autofree char *path = fixture_path ("random.bin");
  HdrWindow *window = new_window ();
  HdrMessagePage *page;

  page = open_in_new_tab (window, path);
  wait_for_page (page);

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_ERROR);
  g_assert_cmpstr (hdr_message_page_get_error_title (page),
                   ==, "“random.bin” is not an email message");
  g_assert_nonnull (strstr (hdr_message_page_get_error_description (page), "Show original"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_empty_file (void)
{
  g_autofree char *path = fixture_path ("empty.eml");
  HdrWindow *window = new_window ();
  HdrMessagePage *page;

  page = open_in_new_tab (window, path);
  wait_for_page (page);

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_ERROR);
  g_assert_cmpstr (hdr_message_page_get_error_title (page), ==, "“empty.eml” is empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_missing_file (void)
{
  g_autofree char *path = fixture_path ("no-such-message.eml");
  HdrWindow *window = new_window ();
  HdrMessagePage *page;

  page = open_in_new_tab (window, path);
  wait_for_page (page);

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_ERROR);
  g_assert_cmpstr (hdr_message_page_get_error_title (page),
                   ==, "“no-such-message.eml” could not be read");
  g_assert_true (g_str_has_suffix (hdr_message_page_get_error_description (page), "."));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_notify_cb (guint *count)
{
  (*count)++;
}

/* Closing a tab while its analysis runs cancels the analysis, and the late
 * result must not touch the disposed page. */
static void
test_window_close_while_loading (void)
{
  g_autofree char *path = sample_path ();
  HdrWindow *window = new_window ();
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  HdrMessagePage *page;
  guint n_state_changes = 0;
  guint guard_id;

  /* open_in_new_tab () returns right after the main loop iteration that
   * created the page, before the analysis result can be dispatched. */
  page = open_in_new_tab (window, path);
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_signal_connect_swapped (page, "notify::state", G_CALLBACK (count_notify_cb), &n_state_changes);
  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_LOADING);

  adw_tab_view_close_page (tab_view, adw_tab_view_get_selected_page (tab_view));
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 0);

  /* The pending callback holds the last reference to the page. */
  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (page != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);

  g_assert_null (page);
  g_assert_cmpuint (n_state_changes, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Destroying the window while an analysis runs cancels it as well. */
static void
test_window_destroy_while_loading (void)
{
  g_autofree char *path = sample_path ();
  HdrWindow *window = new_window ();
  HdrMessagePage *page;
  guint n_state_changes = 0;
  guint guard_id;

  page = open_in_new_tab (window, path);
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_signal_connect_swapped (page, "notify::state", G_CALLBACK (count_notify_cb), &n_state_changes);

  gtk_window_destroy (GTK_WINDOW (window));

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (page != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);

  g_assert_null (page);
  g_assert_cmpuint (n_state_changes, ==, 0);
}

/* Three files opened in one go become tabs in that order, although the
 * analysis of the first, a FIFO, finishes last. */
static void
test_window_open_order (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *fifo_path = make_fifo (dir, "first.eml");
  g_autofree char *mbox_path = g_build_filename (dir, "second.mbox", NULL);
  g_autofree char *eml_path = sample_path ();
  g_autofree char *note_path = fixture_path ("plain-note.eml");
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  HdrWindow *window = new_window ();
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  const char *paths[3];
  GtkWidget *first;
  GtkWidget *second;
  GtkWidget *third;
  guint guard_id;

  g_file_set_contents (mbox_path,
                       "From ann@example.net Tue Feb 25 10:11:12 2020\n"
                       "From: ann@example.net\n"
                       "Subject: one\n"
                       "\n"
                       "First body.\n"
                       "\n"
                       "From bob@example.org Tue Feb 25 10:12:00 2020\n"
                       "From: bob@example.org\n"
                       "Subject: two\n"
                       "\n"
                       "Second body.\n",
                       -1, &error);
  g_assert_no_error (error);
  g_file_get_contents (note_path, &note, NULL, &error);
  g_assert_no_error (error);

  paths[0] = fifo_path;
  paths[1] = mbox_path;
  paths[2] = eml_path;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      hdr_window_open_file (window, file);
    }

  /* Every tab exists at once, as a placeholder, and the last one opened is
   * selected. */
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 3);
  g_assert_true (adw_tab_view_get_selected_page (tab_view) == adw_tab_view_get_nth_page (tab_view, 2));
  g_assert_cmpstr (adw_tab_page_get_title (adw_tab_view_get_nth_page (tab_view, 0)), ==, "first.eml");

  second = wait_for_tab (window, 1);
  third = wait_for_tab (window, 2);
  first = wait_for_tab (window, 0);

  /* Detection reads no named pipe, so the FIFO is a message page at once,
   * and its analysis waits for the one writer, which is not there yet. */
  g_assert_true (HDR_IS_MESSAGE_PAGE (first));
  g_assert_cmpint (hdr_message_page_get_state (HDR_MESSAGE_PAGE (first)), ==, HDR_MESSAGE_PAGE_LOADING);
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 3);

  feed_fifo (fifo_path, note);

  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 3);
  g_assert_true (adw_tab_view_get_nth_page (tab_view, 0) == adw_tab_view_get_page (tab_view, first));
  g_assert_true (adw_tab_view_get_nth_page (tab_view, 1) == adw_tab_view_get_page (tab_view, second));
  g_assert_true (adw_tab_view_get_nth_page (tab_view, 2) == adw_tab_view_get_page (tab_view, third));
  g_assert_true (HDR_IS_MAILBOX_PAGE (second));
  g_assert_true (HDR_IS_MESSAGE_PAGE (third));
  g_assert_true (adw_tab_view_get_selected_page (tab_view) == adw_tab_view_get_nth_page (tab_view, 2));

  g_assert_cmpstr (adw_tab_page_get_title (adw_tab_view_get_nth_page (tab_view, 0)), ==, "first.eml");
  g_assert_cmpstr (adw_tab_page_get_title (adw_tab_view_get_nth_page (tab_view, 1)), ==, "second.mbox");
  g_assert_cmpstr (adw_tab_page_get_title (adw_tab_view_get_nth_page (tab_view, 2)), ==, "sextortion-en.eml");

  wait_for_page (HDR_MESSAGE_PAGE (first));
  g_assert_cmpint (hdr_message_page_get_state (HDR_MESSAGE_PAGE (first)), ==, HDR_MESSAGE_PAGE_REPORT);
  g_assert_cmpuint (hdr_report_view_get_n_hops (hdr_message_page_get_report_view (HDR_MESSAGE_PAGE (first))),
                    ==, 2);

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (hdr_mailbox_page_get_loading (HDR_MAILBOX_PAGE (second)))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);
  g_assert_cmpuint (g_list_model_get_n_items (hdr_mailbox_page_get_messages (HDR_MAILBOX_PAGE (second))), ==, 2);

  wait_for_page (HDR_MESSAGE_PAGE (third));
  g_assert_cmpint (hdr_message_page_get_state (HDR_MESSAGE_PAGE (third)), ==, HDR_MESSAGE_PAGE_REPORT);

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_loop ();

  g_unlink (fifo_path);
  g_unlink (mbox_path);
  g_rmdir (dir);
}

/* Opening a file that already has a tab selects that tab, both while its
 * kind is detected and after, and opens no second tab. */
static void
test_window_open_same_file (void)
{
  g_autofree char *path = sample_path ();
  g_autofree char *other_path = g_build_filename (TEST_DATA_DIR, "..", "data", "samples",
                                                  "newsletter-en.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) same_file = g_file_new_for_path (path);
  HdrWindow *window = new_window ();
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  AdwTabPage *first;
  GtkWidget *page;

  hdr_window_open_file (window, file);
  first = adw_tab_view_get_selected_page (tab_view);
  g_assert_false (tab_is_opened (first));
  hdr_window_open_file (window, same_file);
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 1);
  g_assert_true (adw_tab_view_get_selected_page (tab_view) == first);

  page = wait_for_tab (window, 0);
  open_in_new_tab (window, other_path);
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 2);

  hdr_window_open_file (window, same_file);
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 2);
  g_assert_true (adw_tab_view_get_selected_page (tab_view) == adw_tab_view_get_page (tab_view, page));

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_loop ();
}

/* Closing a placeholder tab cancels the detection, and no page replaces
 * it, even when the detection has finished but its result has not been
 * handed to the window yet. */
static void
test_window_close_while_detecting (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HdrWindow *window = new_window ();
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  AdwTabPage *placeholder;
  guint guard_id;

  hdr_window_open_file (window, file);
  placeholder = adw_tab_view_get_selected_page (tab_view);
  g_assert_nonnull (placeholder);
  g_assert_false (tab_is_opened (placeholder));
  g_assert_true (adw_tab_page_get_loading (placeholder));
  g_object_add_weak_pointer (G_OBJECT (placeholder), (gpointer *) &placeholder);

  adw_tab_view_close_page (tab_view, placeholder);
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 0);

  /* The detection callback holds the last reference to the placeholder. */
  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (placeholder != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);
  drain_main_loop ();

  g_assert_null (placeholder);
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Destroying the window while a detection runs cancels it as well. */
static void
test_window_destroy_while_detecting (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HdrWindow *window = new_window ();
  AdwTabPage *placeholder;
  guint guard_id;

  hdr_window_open_file (window, file);
  placeholder = adw_tab_view_get_selected_page (hdr_window_get_tab_view (window));
  g_assert_false (tab_is_opened (placeholder));
  g_object_add_weak_pointer (G_OBJECT (placeholder), (gpointer *) &placeholder);

  gtk_window_destroy (GTK_WINDOW (window));

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (placeholder != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);

  g_assert_null (placeholder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  application = hdr_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/empty-state", test_window_empty_state);
  g_test_add_func ("/window/about", test_window_about);
  g_test_add_func ("/window/sample-report", test_window_sample_report);
  g_test_add_func ("/window/hop-raw-header", test_window_hop_selects_raw_header);
  g_test_add_func ("/window/pasted-text", test_window_pasted_text);
  g_test_add_func ("/window/pasted-words", test_window_pasted_words);
  g_test_add_func ("/window/paste-from-clipboard", test_window_paste_from_clipboard);
  g_test_add_func ("/window/invalid-file", test_window_invalid_file);
  g_test_add_func ("/window/empty-file", test_window_empty_file);
  g_test_add_func ("/window/missing-file", test_window_missing_file);
  g_test_add_func ("/window/close-while-loading", test_window_close_while_loading);
  g_test_add_func ("/window/destroy-while-loading", test_window_destroy_while_loading);
  g_test_add_func ("/window/open-order", test_window_open_order);
  g_test_add_func ("/window/open-same-file", test_window_open_same_file);
  g_test_add_func ("/window/close-while-detecting", test_window_close_while_detecting);
  g_test_add_func ("/window/destroy-while-detecting", test_window_destroy_while_detecting);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
