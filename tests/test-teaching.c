/* test-teaching.c: the Samples menu, the teaching view, and export and
 * copy, under a real display (Xvfb in the test suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "hdr-application.h"
#include "hdr-export.h"
#include "hdr-message-page.h"
#include "hdr-report-view.h"
#include "hdr-teaching-view.h"
#include "hdr-window.h"

/* A hang guard, not a speed claim: the analysis runs on a worker thread. */
#define HANG_GUARD_SECONDS 180

static HdrApplication *application;

static gboolean
hang_guard_cb (gpointer user_data)
{
  g_error ("Timed out after %d s waiting for the window", HANG_GUARD_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static HdrMessagePage *
selected_page (HdrWindow *window)
{
  AdwTabPage *tab_page = adw_tab_view_get_selected_page (hdr_window_get_tab_view (window));

  g_assert_nonnull (tab_page);

  return HDR_MESSAGE_PAGE (adw_tab_page_get_child (tab_page));
}

/* Open a sample through the Samples menu's action and wait for its report. */
static HdrReportView *
open_sample (HdrWindow  *window,
             const char *file_name)
{
  HdrMessagePage *page;
  guint guard_id;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", "s", file_name);
  page = selected_page (window);

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (hdr_message_page_get_state (page) == HDR_MESSAGE_PAGE_LOADING)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);
  drain_main_loop ();

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_REPORT);

  return hdr_message_page_get_report_view (page);
}

static HdrWindow *
new_window (void)
{
  HdrWindow *window = hdr_window_new (application);

  gtk_window_present (GTK_WINDOW (window));
  drain_main_loop ();

  return window;
}

static void
test_teaching_samples_menu (void)
{
  static const struct
  {
    const char *file_name;
    HdrVerdict  verdict;
  } samples[] = {
    { "sextortion-en.eml", HDR_VERDICT_SEXTORTION },
    { "sextortion-nb.eml", HDR_VERDICT_SEXTORTION },
    { "sextortion-password-en.eml", HDR_VERDICT_SEXTORTION },
    { "sextortion-own-account-en.eml", HDR_VERDICT_SEXTORTION },
    { "sextortion-disguised-en.eml", HDR_VERDICT_SEXTORTION },
    { "newsletter-en.eml", HDR_VERDICT_NONE },
    { "password-reset-en.eml", HDR_VERDICT_NONE },
  };
  HdrWindow *window = new_window ();

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      HdrReportView *view = open_sample (window, samples[i].file_name);
      HdrReport *report = hdr_report_view_get_report (view);

      g_test_message ("%s", samples[i].file_name);
      g_assert_cmpint (hdr_report_get_verdict (report), ==, samples[i].verdict);
    }

  {
    HdrReportView *view = open_sample (window, "phishing-en.eml");

    g_assert_cmpint (hdr_report_get_verdict (hdr_report_view_get_report (view)), !=,
                     HDR_VERDICT_SEXTORTION);
  }

  g_assert_cmpint (adw_tab_view_get_n_pages (hdr_window_get_tab_view (window)), ==, 8);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_teaching_header_note (void)
{
  HdrWindow *window = new_window ();
  HdrReportView *view = open_sample (window, "sextortion-en.eml");
  HdrTeachingView *teaching = hdr_report_view_get_teaching_view (view);
  HdrMessage *message = hdr_report_get_message (hdr_report_view_get_report (view));
  GPtrArray *headers = hdr_message_get_headers (message);

  hdr_report_view_show_teaching (view, TRUE);
  drain_main_loop ();

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (teaching)));
  g_assert_cmpuint (hdr_teaching_view_get_n_lines (teaching), ==, headers->len);
  g_assert_cmpstr (hdr_teaching_view_get_note_title (teaching), ==, "Pick a Header Line");

  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);

      g_assert_true (hdr_teaching_view_select_header (teaching, header->index));
      g_assert_cmpstr (hdr_teaching_view_get_note_title (teaching), ==, header->name);
    }

  g_assert_false (hdr_teaching_view_select_header (teaching, 9999));

  hdr_report_view_show_teaching (view, FALSE);
  drain_main_loop ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (teaching)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The route walk starts at the oldest hop, which the raw headers list last. */
static void
test_teaching_route_walk (void)
{
  HdrWindow *window = new_window ();
  HdrReportView *view = open_sample (window, "sextortion-en.eml");
  HdrTeachingView *teaching = hdr_report_view_get_teaching_view (view);
  HdrReport *report = hdr_report_view_get_report (view);
  GPtrArray *hops = hdr_route_get_hops (hdr_report_get_route (report));
  const HdrHop *oldest = g_ptr_array_index (hops, 0);
  const HdrHop *newest = g_ptr_array_index (hops, hops->len - 1);

  g_assert_cmpuint (hops->len, ==, 3);

  hdr_report_view_show_teaching (view, TRUE);
  drain_main_loop ();

  g_assert_cmpuint (hdr_teaching_view_get_selected_header_index (teaching), ==, G_MAXUINT);

  for (guint i = 0; i < hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (hops, i);

      hdr_teaching_view_step_route (teaching, 1);
      g_assert_cmpuint (hdr_teaching_view_get_selected_header_index (teaching), ==, hop->header_index);
      g_assert_cmpstr (hdr_teaching_view_get_note_title (teaching), ==, "Received");
    }

  /* The oldest hop's line is the lowest Received line of the raw headers. */
  g_assert_cmpuint (oldest->header_index, >, newest->header_index);

  /* A step past the newest hop stays on it. */
  hdr_teaching_view_step_route (teaching, 1);
  g_assert_cmpuint (hdr_teaching_view_get_selected_header_index (teaching), ==, newest->header_index);

  hdr_teaching_view_step_route (teaching, -1);
  hdr_teaching_view_step_route (teaching, -1);
  g_assert_cmpuint (hdr_teaching_view_get_selected_header_index (teaching), ==, oldest->header_index);

  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
export_to_temporary_file (HdrReport  *report,
                          const char *suffix)
{
  g_autofree char *template = g_strconcat ("report-XXXXXX", suffix, NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp (template, &path, &error);
  g_assert_no_error (error);
  close (fd);

  file = g_file_new_for_path (path);
  g_assert_true (hdr_export_to_file (report, hdr_export_format_for_name (path), file, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static void
test_teaching_export (void)
{
  HdrWindow *window = new_window ();
  HdrReportView *view = open_sample (window, "sextortion-password-en.eml");
  HdrReport *report = hdr_report_view_get_report (view);
  g_autofree char *html_path = export_to_temporary_file (report, ".html");
  g_autofree char *text_path = export_to_temporary_file (report, ".txt");
  g_autofree char *pdf_path = export_to_temporary_file (report, ".pdf");
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdf = NULL;
  gsize pdf_length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (html_path, &html, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (text_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (pdf_path, &pdf, &pdf_length, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (text, hdr_report_get_headline (report)));
  g_assert_cmpuint (pdf_length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));

  g_unlink (html_path);
  g_unlink (text_path);
  g_unlink (pdf_path);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_teaching_format_for_name (void)
{
  g_assert_cmpint (hdr_export_format_for_name ("a.pdf"), ==, HDR_EXPORT_PDF);
  g_assert_cmpint (hdr_export_format_for_name ("a.PDF"), ==, HDR_EXPORT_PDF);
  g_assert_cmpint (hdr_export_format_for_name ("a.txt"), ==, HDR_EXPORT_TEXT);
  g_assert_cmpint (hdr_export_format_for_name ("a.html"), ==, HDR_EXPORT_HTML);
  g_assert_cmpint (hdr_export_format_for_name ("a"), ==, HDR_EXPORT_HTML);
}

static void
test_teaching_suggest_file_name (void)
{
  static const struct
  {
    const char *source;
    const char *name;
  } cases[] = {
    { "/home/ann/sextortion-en.eml", "sextortion-en-report.html" },
    { "inbox.mbox, message 3", "inbox.mbox, message 3-report.html" },
    { "Mail/cur/1733390000.M5P77.host:2,S", "1733390000.M5P77.host-report.html" },
    { "Mail/cur/1699951329.M417P5093.mx.example.com,S=2048,W=2100:2,RS",
      "1699951329.M417P5093.mx.example.com-report.html" },
    { "what?*<now>|\"x\".eml", "what---now---x--report.html" },
    { "Pasted message", "Pasted message-report.html" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = hdr_export_suggest_file_name (cases[i].source);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
read_clipboard_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
test_teaching_copy_summary (void)
{
  HdrWindow *window = new_window ();
  HdrReportView *view = open_sample (window, "sextortion-password-en.eml");
  HdrReport *report = hdr_report_view_get_report (view);
  g_autofree char *text = NULL;
  guint guard_id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-summary", NULL));

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 read_clipboard_cb, &text);
  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);

  g_assert_true (g_str_has_prefix (text, hdr_report_get_headline (report)));
  g_assert_nonnull (strstr (text, "two-step sign-in"));
  /* A quotation from the body is no part of the summary. */
  g_assert_null (strstr (text, "sunflower1987"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Without a report, the summary action leaves the clipboard alone. */
static void
test_teaching_copy_without_report (void)
{
  HdrWindow *window = new_window ();
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autofree char *text = NULL;
  guint guard_id;

  gdk_clipboard_set_text (clipboard, "unchanged");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-summary", NULL);
  drain_main_loop ();

  gdk_clipboard_read_text_async (clipboard, NULL, read_clipboard_cb, &text);
  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);

  g_assert_cmpstr (text, ==, "unchanged");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  application = hdr_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/teaching/samples-menu", test_teaching_samples_menu);
  g_test_add_func ("/teaching/header-note", test_teaching_header_note);
  g_test_add_func ("/teaching/route-walk", test_teaching_route_walk);
  g_test_add_func ("/teaching/export", test_teaching_export);
  g_test_add_func ("/teaching/format-for-name", test_teaching_format_for_name);
  g_test_add_func ("/teaching/suggest-file-name", test_teaching_suggest_file_name);
  g_test_add_func ("/teaching/copy-summary", test_teaching_copy_summary);
  g_test_add_func ("/teaching/copy-without-report", test_teaching_copy_without_report);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
