/* test-recent-files.c: opening a message leaves no entry in the account's
 * recently used files list (recently-used.xbel)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hdr-application.h"
#include "hdr-message-page.h"
#include "hdr-window.h"

/* GtkRecentManager writes its list 250 ms after a change.  Two seconds of
 * main loop also leave room for the file query before that write on a
 * loaded machine. */
#define SETTLE_SECONDS 2

/* An entry another application made, which must survive. */
#define OTHER_URI "file:///srv/example/notes.txt"

static HdrApplication *application;
static char *data_home;

static char *
recent_list_path (void)
{
  return g_build_filename (data_home, "recently-used.xbel", NULL);
}

static void
write_recent_list_with_other_entry (void)
{
  g_autoptr(GBookmarkFile) bookmarks = g_bookmark_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = recent_list_path ();

  g_bookmark_file_set_mime_type (bookmarks, OTHER_URI, "text/plain");
  g_bookmark_file_add_application (bookmarks, OTHER_URI, "Text Editor", "gnome-text-editor %u");
  g_bookmark_file_to_file (bookmarks, path, &error);
  g_assert_no_error (error);
}

static GBookmarkFile *
read_recent_list (void)
{
  g_autoptr(GBookmarkFile) bookmarks = g_bookmark_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = recent_list_path ();

  g_bookmark_file_load_from_file (bookmarks, path, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&bookmarks);
}

static void
run_main_loop_for (guint seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
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

/* Open the sample through the window's own file chooser, as a user does.
 * GTK 4.8's chooser dialog adds the file to the recently used list, and
 * the window must remove it again without touching other entries. */
static void
test_recent_files_open_leaves_no_entry (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "data", "samples",
                                            "sextortion-en.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GBookmarkFile) bookmarks = NULL;
  g_autoptr(GError) error = NULL;
  AdwTabView *tab_view;
  GtkWindow *chooser;
  HdrWindow *window;

  write_recent_list_with_other_entry ();

  window = hdr_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  tab_view = hdr_window_get_tab_view (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  run_main_loop_for (1);

  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  if (chooser == NULL)
    {
      g_test_skip ("The file chooser runs outside this process (portal)");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error);
  g_assert_no_error (error);
  run_main_loop_for (1);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  run_main_loop_for (SETTLE_SECONDS);

  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 1);

  bookmarks = read_recent_list ();
  g_assert_false (g_bookmark_file_has_item (bookmarks, uri));
  g_assert_true (g_bookmark_file_has_item (bookmarks, OTHER_URI));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before GTK starts, because GLib reads XDG_DATA_HOME once. */
  data_home = g_dir_make_tmp ("header-inspector-recent-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = hdr_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/recent-files/open-leaves-no-entry", test_recent_files_open_leaves_no_entry);

  status = g_test_run ();

  g_clear_object (&application);
  {
    g_autofree char *path = recent_list_path ();

    g_unlink (path);
    g_rmdir (data_home);
  }
  g_free (data_home);

  return status;
}
