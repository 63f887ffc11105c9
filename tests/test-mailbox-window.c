/* test-mailbox-window.c: mailboxes in the window under a real display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hdr-application.h"
#include "hdr-mailbox-page.h"
#include "hdr-message-page.h"
#include "hdr-window.h"
#include "window-open.h"

/* A hang guard, not a speed claim: 10,000 messages on a loaded 2-core
 * machine may take minutes. */
#define HANG_GUARD_SECONDS 600

/* The generated mbox: every SCAM_EVERY-th message is the sextortion
 * sample, the others the newsletter sample. */
#define MBOX_MESSAGES 10000
#define SCAM_EVERY 4
#define SCAM_MESSAGES (MBOX_MESSAGES / SCAM_EVERY)

/* What the sextortion sample demands and where it came from. */
#define SCAM_WALLET "1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf"
#define SCAM_ORIGIN_IP "203.0.113.45"

static HdrApplication *application;

static void run_frames      (HdrWindow  *window);
static void save_screenshot (HdrWindow  *window,
                             const char *name);
static char *mbox_path;
static char *temp_folder;

static char *
read_sample (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "data", "samples", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* Append @message as one mbox entry, escaping body lines that start with
 * "From " as mboxrd does. */
static void
append_mbox_entry (GString    *mbox,
                   const char *message,
                   guint       index)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  g_string_append_printf (mbox, "From sender%u@example.org Fri Dec  4 10:%02u:00 2026\n",
                          index, index % 60);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i + 1] == NULL && lines[i][0] == '\0')
        break;
      if (g_str_has_prefix (lines[i], "From "))
        g_string_append_c (mbox, '>');
      g_string_append (mbox, lines[i]);
      g_string_append_c (mbox, '\n');
    }
  g_string_append_c (mbox, '\n');
}

/* About 20 MB of 2 KB entries cross the mbox reader's 64 KB buffer many
 * times, so separator lines split between two reads occur too. */
static void
write_mbox (void)
{
  g_autofree char *scam = read_sample ("sextortion-en.eml");
  g_autofree char *newsletter = read_sample ("newsletter-en.eml");
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < MBOX_MESSAGES; i++)
    append_mbox_entry (mbox, i % SCAM_EVERY == 0 ? scam : newsletter, i);

  g_file_set_contents (mbox_path, mbox->str, mbox->len, &error);
  g_assert_no_error (error);
}

static gboolean
hang_guard_cb (gpointer user_data)
{
  g_error ("Timed out after %d s waiting for the mailbox tab", HANG_GUARD_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static HdrWindow *
new_window (int width)
{
  HdrWindow *window = hdr_window_new (application);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_loop ();

  return window;
}

static HdrMailboxPage *
open_mailbox (HdrWindow  *window,
              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *child;

  child = window_open_file_and_wait (window, file, HANG_GUARD_SECONDS);
  g_assert_true (HDR_IS_MAILBOX_PAGE (child));

  return HDR_MAILBOX_PAGE (child);
}

static void
wait_for_mailbox (HdrMailboxPage *page)
{
  guint guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);

  while (hdr_mailbox_page_get_loading (page))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard_id);
}

/* Select row @position and wait for its report, read again from the mailbox. */
static HdrReport *
select_and_wait (HdrMailboxPage *page,
                 guint           position)
{
  guint guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);

  hdr_mailbox_page_select (page, position);
  while (hdr_mailbox_page_get_report (page) == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard_id);

  return hdr_mailbox_page_get_report (page);
}

static gboolean
count_tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;

  return G_SOURCE_CONTINUE;
}

static void
close_window (HdrWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_loop ();
}

/* While 10,000 messages are analysed, rows appear in several steps and the
 * main loop runs a 50 ms timeout between every two steps. */
static void
test_mailbox_window_large_mbox (void)
{
  HdrWindow *window = new_window (1280);
  HdrMailboxPage *page;
  GListModel *messages;
  HdrBatchSummary *summary;
  g_autofree char *messages_line = NULL;
  g_autofree char *status_line = NULL;
  guint guard_id;
  guint ticks = 0;
  guint tick_id;
  guint n_rows = 0;
  guint ticks_at_last_rows = 0;
  guint row_steps = 0;
  guint steps_without_tick = 0;

  tick_id = g_timeout_add (50, count_tick_cb, &ticks);
  page = open_mailbox (window, mbox_path);
  messages = hdr_mailbox_page_get_messages (page);

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (hdr_mailbox_page_get_loading (page))
    {
      guint n_items;

      g_main_context_iteration (NULL, TRUE);

      /* The last rows arrive with the end of the analysis, right after a
       * timed step, so only the steps while it runs are counted. */
      n_items = g_list_model_get_n_items (messages);
      if (n_items == n_rows || !hdr_mailbox_page_get_loading (page))
        continue;

      if (row_steps > 0 && ticks == ticks_at_last_rows)
        steps_without_tick++;

      row_steps++;
      n_rows = n_items;
      ticks_at_last_rows = ticks;

      if (row_steps == 3 && g_getenv ("HDR_SCREENSHOT_DIR") != NULL)
        {
          run_frames (window);
          save_screenshot (window, "mailbox-wide-light-loading");
        }
    }
  g_source_remove (guard_id);
  g_source_remove (tick_id);

  g_test_message ("%u rows in %u steps, %u ticks of 50 ms", n_rows, row_steps, ticks);
  g_assert_cmpuint (row_steps, >=, 3);
  g_assert_cmpuint (steps_without_tick, ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, MBOX_MESSAGES);

  summary = hdr_mailbox_page_get_summary (page);
  g_assert_nonnull (summary);
  g_assert_cmpuint (hdr_batch_summary_get_messages (summary), ==, MBOX_MESSAGES);
  g_assert_cmpuint (hdr_batch_summary_get_unreadable (summary), ==, 0);
  g_assert_cmpuint (hdr_batch_summary_get_verdict_count (summary, HDR_VERDICT_SEXTORTION), ==,
                    SCAM_MESSAGES);
  g_assert_cmpuint (hdr_batch_summary_get_verdict_count (summary, HDR_VERDICT_NONE), ==,
                    MBOX_MESSAGES - SCAM_MESSAGES);
  g_assert_cmpuint (hdr_batch_summary_get_wallet_count (summary, SCAM_WALLET), ==, SCAM_MESSAGES);
  g_assert_cmpuint (hdr_batch_summary_get_origin_count (summary, SCAM_ORIGIN_IP), ==, SCAM_MESSAGES);

  messages_line = g_strdup_printf ("%u messages", MBOX_MESSAGES);
  g_assert_nonnull (strstr (hdr_mailbox_page_get_summary_text (page), messages_line));
  g_assert_nonnull (strstr (hdr_mailbox_page_get_summary_text (page), SCAM_WALLET));
  g_assert_nonnull (strstr (hdr_mailbox_page_get_summary_text (page), SCAM_ORIGIN_IP));
  status_line = g_strdup_printf ("%u messages analysed.", MBOX_MESSAGES);
  g_assert_cmpstr (hdr_mailbox_page_get_status_text (page), ==, status_line);

  close_window (window);
}

/* Rows keep the mailbox order, and a selected row's report is the report
 * of that message, read again from its offset. */
static void
test_mailbox_window_select_row (void)
{
  HdrWindow *window = new_window (1280);
  HdrMailboxPage *page = open_mailbox (window, mbox_path);
  GListModel *messages;
  HdrReport *report;

  wait_for_mailbox (page);
  messages = hdr_mailbox_page_get_messages (page);

  for (guint position = 0; position < 8; position++)
    {
      g_autoptr(HdrMailboxEntry) entry = g_list_model_get_item (messages, position);
      HdrVerdict expected = position % SCAM_EVERY == 0 ? HDR_VERDICT_SEXTORTION : HDR_VERDICT_NONE;

      g_assert_cmpuint (hdr_mailbox_entry_get_index (entry), ==, position);
      g_assert_cmpint (hdr_mailbox_entry_get_verdict (entry), ==, expected);
      g_assert_true (hdr_mailbox_entry_get_readable (entry));
      g_assert_nonnull (hdr_mailbox_entry_get_subject (entry));
      g_assert_nonnull (hdr_mailbox_entry_get_sender (entry));
    }

  report = select_and_wait (page, 4);
  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_SEXTORTION);
  g_assert_true (hdr_report_view_get_report (hdr_mailbox_page_get_report_view (page)) == report);

  report = select_and_wait (page, MBOX_MESSAGES - 1);
  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_NONE);

  report = select_and_wait (page, 0);
  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_SEXTORTION);

  close_window (window);
}

/* Cancel keeps the rows read so far, and the status line states that the
 * count is partial. */
static void
test_mailbox_window_cancel (void)
{
  HdrWindow *window = new_window (1280);
  HdrMailboxPage *page = open_mailbox (window, mbox_path);
  GListModel *messages = hdr_mailbox_page_get_messages (page);
  guint guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);

  while (g_list_model_get_n_items (messages) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);

  hdr_mailbox_page_cancel (page);
  wait_for_mailbox (page);

  g_assert_cmpuint (g_list_model_get_n_items (messages), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (messages), <, MBOX_MESSAGES);
  g_assert_true (g_str_has_prefix (hdr_mailbox_page_get_status_text (page), "Stopped after"));

  close_window (window);
}

/* Closing the tab while the analysis runs stops it and frees the page. */
static void
test_mailbox_window_close_while_loading (void)
{
  HdrWindow *window = new_window (1280);
  HdrMailboxPage *page = open_mailbox (window, mbox_path);
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  guint guard_id;

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  adw_tab_view_close_page (tab_view, adw_tab_view_get_selected_page (tab_view));

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (page != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);

  g_assert_null (page);

  close_window (window);
}

/* A Maildir opens as a mailbox too, in file name order. */
static void
test_mailbox_window_maildir (void)
{
  g_autofree char *maildir = g_build_filename (temp_folder, "Maildir", NULL);
  g_autofree char *cur = g_build_filename (maildir, "cur", NULL);
  g_autofree char *new_folder = g_build_filename (maildir, "new", NULL);
  g_autofree char *scam = read_sample ("sextortion-en.eml");
  g_autofree char *newsletter = read_sample ("newsletter-en.eml");
  const char *names[] = { "1000.1.example:2,S", "1001.1.example:2,S", "1002.1.example:2,",
                          "1003.1.example:2," };
  HdrWindow *window;
  HdrMailboxPage *page;
  HdrReport *report;

  g_assert_cmpint (g_mkdir_with_parents (cur, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (new_folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (cur, names[i], NULL);
      g_autoptr(GError) error = NULL;
      const char *contents = newsletter;

      if (i == 1)
        contents = scam;
      /* The last file is no message, so it counts as unreadable. */
      if (i == 3)
        contents = "\x01\x02 not a message\n";

      g_file_set_contents (path, contents, -1, &error);
      g_assert_no_error (error);
    }

  window = new_window (1280);
  page = open_mailbox (window, maildir);
  wait_for_mailbox (page);

  g_assert_cmpuint (g_list_model_get_n_items (hdr_mailbox_page_get_messages (page)), ==, 4);
  g_assert_cmpuint (hdr_batch_summary_get_verdict_count (hdr_mailbox_page_get_summary (page),
                                                         HDR_VERDICT_SEXTORTION), ==, 1);
  g_assert_cmpstr (hdr_mailbox_page_get_status_text (page), ==,
                   "3 messages analysed. 1 could not be read.");

  report = select_and_wait (page, 1);
  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_SEXTORTION);

  report = select_and_wait (page, 2);
  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_NONE);

  close_window (window);
}

/* On a 360 px window the list and the report take turns. */
static void
test_mailbox_window_narrow (void)
{
  HdrWindow *window = new_window (360);
  HdrMailboxPage *page = open_mailbox (window, mbox_path);
  AdwLeaflet *leaflet;
  GtkWidget *report_view;

  wait_for_mailbox (page);
  drain_main_loop ();

  report_view = GTK_WIDGET (hdr_mailbox_page_get_report_view (page));
  leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (report_view, ADW_TYPE_LEAFLET));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_mapped (report_view));

  select_and_wait (page, 0);
  drain_main_loop ();
  g_assert_true (gtk_widget_get_mapped (report_view));

  close_window (window);
}

/* A short mbox of every sample, for the layout test and its screenshots. */
static char *
write_samples_mbox (void)
{
  const char *names[] = {
    "sextortion-en.eml", "newsletter-en.eml", "sextortion-nb.eml", "phishing-en.eml",
    "sextortion-password-en.eml", "password-reset-en.eml", "sextortion-own-account-en.eml",
    "sextortion-disguised-en.eml",
  };
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (temp_folder, "samples.mbox", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *message = read_sample (names[i]);

      append_mbox_entry (mbox, message, i);
    }

  g_file_set_contents (path, mbox->str, mbox->len, &error);
  g_assert_no_error (error);

  return path;
}

static void
run_frames (HdrWindow *window)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gint64 first_frame = gdk_frame_clock_get_frame_counter (frame_clock);
  guint guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);

  while (gdk_frame_clock_get_frame_counter (frame_clock) < first_frame + 3)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (guard_id);
}

/* Save the window as NAME.png in $HDR_SCREENSHOT_DIR, when it is set. */
static void
save_screenshot (HdrWindow  *window,
                 const char *name)
{
  const char *folder = g_getenv ("HDR_SCREENSHOT_DIR");
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", folder, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static int
get_surface_width (HdrWindow *window)
{
  return gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)));
}

typedef struct
{
  const char *name;
  int         width;
  gboolean    dark;
} LayoutCase;

/* The tab fits 1280 and 360 px windows in light and dark styles, with the
 * list and a selected report. */
static void
test_mailbox_window_layout (gconstpointer data)
{
  const LayoutCase *layout = data;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *path = write_samples_mbox ();
  g_autofree char *list_name = g_strdup_printf ("mailbox-%s-list", layout->name);
  g_autofree char *report_name = g_strdup_printf ("mailbox-%s-report", layout->name);
  HdrWindow *window;
  HdrMailboxPage *page;
  HdrReport *report;
  GtkWidget *content;
  int minimum_width = 0;

  adw_style_manager_set_color_scheme (style_manager, layout->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = new_window (layout->width);
  page = open_mailbox (window, path);
  wait_for_mailbox (page);
  run_frames (window);

  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum_width, NULL, NULL, NULL);
  g_assert_cmpint (minimum_width, <=, layout->width);
  g_assert_cmpint (get_surface_width (window), ==, layout->width);
  save_screenshot (window, list_name);

  report = select_and_wait (page, 0);
  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_SEXTORTION);
  run_frames (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hdr_mailbox_page_get_report_view (page))));
  g_assert_cmpint (get_surface_width (window), ==, layout->width);
  save_screenshot (window, report_name);

  close_window (window);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

static const LayoutCase layouts[] = {
  { "wide-light", 1280, FALSE },
  { "wide-dark", 1280, TRUE },
  { "narrow-light", 360, FALSE },
  { "narrow-dark", 360, TRUE },
};

/* Delete @path and, when it is a folder, everything in it. */
static void
delete_recursively (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          delete_recursively (child);
        }
    }

  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  temp_folder = g_dir_make_tmp ("test-mailbox-window-XXXXXX", &error);
  g_assert_no_error (error);
  mbox_path = g_build_filename (temp_folder, "reported.mbox", NULL);
  write_mbox ();

  application = hdr_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/mailbox-window/large-mbox", test_mailbox_window_large_mbox);
  g_test_add_func ("/mailbox-window/select-row", test_mailbox_window_select_row);
  g_test_add_func ("/mailbox-window/cancel", test_mailbox_window_cancel);
  g_test_add_func ("/mailbox-window/close-while-loading", test_mailbox_window_close_while_loading);
  g_test_add_func ("/mailbox-window/maildir", test_mailbox_window_maildir);
  g_test_add_func ("/mailbox-window/narrow", test_mailbox_window_narrow);
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/mailbox-window/layout/%s", layouts[i].name);

      g_test_add_data_func (test_path, &layouts[i], test_mailbox_window_layout);
    }

  status = g_test_run ();

  g_clear_object (&application);

  delete_recursively (temp_folder);
  g_free (mbox_path);
  g_free (temp_folder);

  return status;
}
