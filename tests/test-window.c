/* test-window.c: the window under a real display (Xvfb in the test suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "hdr-analysis.h"
#include "hdr-application.h"
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

static HdrMessagePage *
open_in_new_tab (HdrWindow  *window,
                 const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  AdwTabPage *tab_page;

  hdr_window_open_file (window, file);
  tab_page = adw_tab_view_get_selected_page (tab_view);
  g_assert_nonnull (tab_page);

  return HDR_MESSAGE_PAGE (adw_tab_page_get_child (tab_page));
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
  g_test_add_func ("/window/paste-from-clipboard", test_window_paste_from_clipboard);
  g_test_add_func ("/window/invalid-file", test_window_invalid_file);
  g_test_add_func ("/window/empty-file", test_window_empty_file);
  g_test_add_func ("/window/missing-file", test_window_missing_file);
  g_test_add_func ("/window/close-while-loading", test_window_close_while_loading);
  g_test_add_func ("/window/destroy-while-loading", test_window_destroy_while_loading);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
