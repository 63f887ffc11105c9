/* test-window-nb.c: the window in Norwegian Bokmål, with the build's catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hdr-application.h"
#include "hdr-mailbox-page.h"
#include "hdr-message-page.h"
#include "hdr-report-view.h"
#include "hdr-window.h"
#include "window-open.h"

/* A hang guard, not a speed claim. */
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

static void
test_window_nb_verdict (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "data", "samples",
                                            "sextortion-en.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *english = "This is a mass-mailed blackmail scam. The video does not exist.";
  const char *translated = g_dgettext (GETTEXT_PACKAGE, english);
  HdrWindow *window = hdr_window_new (application);
  HdrMessagePage *page;
  guint guard_id;

  /* The catalogue must have the verdict, or this test proves nothing. */
  g_assert_cmpstr (translated, !=, english);

  gtk_window_present (GTK_WINDOW (window));
  drain_main_loop ();

  page = HDR_MESSAGE_PAGE (window_open_file_and_wait (window, file, HANG_GUARD_SECONDS));

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (hdr_message_page_get_state (page) == HDR_MESSAGE_PAGE_LOADING)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);
  drain_main_loop ();

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_REPORT);
  g_assert_cmpstr (hdr_report_view_get_headline (hdr_message_page_get_report_view (page)),
                   ==, translated);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* LANGUAGE selects the catalogue; the locale stays C.UTF-8 as in the
   * other window tests, which GNU gettext accepts for LANGUAGE. */
  g_setenv ("LANGUAGE", "nb", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALE_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);

  application = hdr_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window-nb/verdict", test_window_nb_verdict);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
