/* test-preferences.c: the Preferences window and the trap-list store, under Xvfb
 *
 * Uses the compiled schema of the build folder (GSETTINGS_SCHEMA_DIR) with
 * the memory backend, and local list files only: nothing is downloaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hdr-preferences.h"
#include "hdr-traplist-store.h"

typedef struct
{
  char             *directory;
  char             *list_path;
  GSettings        *settings;
  HdrTraplistStore *store;
  HdrPreferences   *preferences;
} Fixture;

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The newest AdwMessageDialog among the toplevels, or NULL. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
iterate_until (gboolean (*condition) (Fixture *fixture),
               Fixture  *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (fixture) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
iterate_briefly (void)
{
  gint64 deadline = g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
lists_loaded (Fixture *fixture)
{
  g_autoptr(GPtrArray) lists = hdr_traplist_store_dup_lists (fixture->store);

  return lists != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *sources[2] = { NULL, NULL };

  fixture->directory = g_dir_make_tmp ("test-preferences-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->list_path = g_build_filename (fixture->directory, "local.traplist", NULL);
  g_file_set_contents (fixture->list_path, "# made up\n203.0.113.0/24\nnot an address\n", -1,
                       &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new ("io.github.headerinspector.HeaderInspector");
  sources[0] = fixture->list_path;
  g_settings_set_strv (fixture->settings, "traplist-sources", sources);
  g_settings_set_boolean (fixture->settings, "traplist-enabled", FALSE);
  g_settings_set_boolean (fixture->settings, "traplist-notice-shown", FALSE);

  fixture->store = hdr_traplist_store_new (fixture->settings, fixture->directory);
  fixture->preferences = hdr_preferences_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->preferences));
  iterate_briefly ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (fixture->preferences));
  iterate_briefly ();

  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  g_unlink (fixture->list_path);
  g_rmdir (fixture->directory);
  g_clear_pointer (&fixture->list_path, g_free);
  g_clear_pointer (&fixture->directory, g_free);
}

static void
turn_on (Fixture *fixture)
{
  GtkWidget *enabled_switch = find_widget (GTK_WIDGET (fixture->preferences), GTK_TYPE_SWITCH);

  g_assert_nonnull (enabled_switch);
  gtk_switch_set_active (GTK_SWITCH (enabled_switch), TRUE);
  iterate_briefly ();
}

static void
test_preferences_off_by_default (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.headerinspector.HeaderInspector");

  g_settings_reset (settings, "traplist-enabled");
  g_assert_false (g_settings_get_boolean (settings, "traplist-enabled"));
}

static void
test_preferences_notice_first_time (Fixture       *fixture,
                                    gconstpointer  data)
{
  AdwMessageDialog *dialog;

  turn_on (fixture);

  /* Nothing is turned on, and nothing loaded, before the user agrees. */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (g_settings_get_boolean (fixture->settings, "traplist-enabled"));
  g_assert_false (lists_loaded (fixture));

  adw_message_dialog_response (dialog, "turn-on");
  iterate_until (lists_loaded, fixture);

  g_assert_true (g_settings_get_boolean (fixture->settings, "traplist-enabled"));
  g_assert_true (g_settings_get_boolean (fixture->settings, "traplist-notice-shown"));
  g_assert_true (lists_loaded (fixture));
}

static void
test_preferences_notice_cancel (Fixture       *fixture,
                                gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *enabled_switch;

  turn_on (fixture);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  iterate_briefly ();

  enabled_switch = find_widget (GTK_WIDGET (fixture->preferences), GTK_TYPE_SWITCH);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (enabled_switch)));
  g_assert_false (g_settings_get_boolean (fixture->settings, "traplist-enabled"));
  g_assert_false (g_settings_get_boolean (fixture->settings, "traplist-notice-shown"));
}

static void
test_preferences_notice_once (Fixture       *fixture,
                              gconstpointer  data)
{
  g_settings_set_boolean (fixture->settings, "traplist-notice-shown", TRUE);

  turn_on (fixture);
  iterate_until (lists_loaded, fixture);

  g_assert_null (find_message_dialog ());
  g_assert_true (g_settings_get_boolean (fixture->settings, "traplist-enabled"));
  g_assert_true (lists_loaded (fixture));
}

static void
test_preferences_lists_follow_switch (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) lists = NULL;
  HdrTraplist *list;

  g_settings_set_boolean (fixture->settings, "traplist-notice-shown", TRUE);
  g_settings_set_boolean (fixture->settings, "traplist-enabled", TRUE);
  iterate_until (lists_loaded, fixture);

  lists = hdr_traplist_store_dup_lists (fixture->store);
  g_assert_nonnull (lists);
  g_assert_cmpuint (lists->len, ==, 1);
  list = g_ptr_array_index (lists, 0);
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.8"));
  g_assert_cmpuint (hdr_traplist_get_n_bad_lines (list), ==, 1);

  g_settings_set_boolean (fixture->settings, "traplist-enabled", FALSE);
  g_assert_null (hdr_traplist_store_dup_lists (fixture->store));
}

static void
apply_entry (Fixture    *fixture,
             const char *text)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (fixture->preferences), ADW_TYPE_ENTRY_ROW);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
  iterate_briefly ();
}

static guint
count_sources (Fixture *fixture)
{
  g_auto(GStrv) sources = g_settings_get_strv (fixture->settings, "traplist-sources");

  return g_strv_length (sources);
}

static void
test_preferences_add_sources (Fixture       *fixture,
                              gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_auto(GStrv) sources = NULL;

  apply_entry (fixture, "https://lists.example.org/spamd.traplist");
  g_assert_cmpuint (count_sources (fixture), ==, 2);

  /* Relative paths and other schemes are rejected with a toast. */
  apply_entry (fixture, "traplist.txt");
  g_assert_cmpuint (count_sources (fixture), ==, 2);
  apply_entry (fixture, "ftp://lists.example.org/spamd.traplist");
  g_assert_cmpuint (count_sources (fixture), ==, 2);

  /* Plain http needs a confirmation. */
  apply_entry (fixture, "http://lists.example.org/spamd.traplist");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  iterate_briefly ();
  g_assert_cmpuint (count_sources (fixture), ==, 2);

  apply_entry (fixture, "http://lists.example.org/spamd.traplist");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "use-http");
  iterate_briefly ();
  g_assert_cmpuint (count_sources (fixture), ==, 3);

  sources = g_settings_get_strv (fixture->settings, "traplist-sources");
  g_assert_cmpstr (sources[1], ==, "https://lists.example.org/spamd.traplist");
  g_assert_cmpstr (sources[2], ==, "http://lists.example.org/spamd.traplist");
}

/* The first row that shows a source. */
static GtkWidget *
find_source_row (GtkWidget *root)
{
  if (ADW_IS_ACTION_ROW (root) && g_object_get_data (G_OBJECT (root), "hdr-source") != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_source_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_preferences_remove_source (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *source_row = find_source_row (GTK_WIDGET (fixture->preferences));
  GtkWidget *remove_button;

  g_assert_nonnull (source_row);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (source_row), "hdr-source"), ==,
                   fixture->list_path);
  remove_button = find_widget (source_row, GTK_TYPE_BUTTON);
  g_assert_nonnull (remove_button);
  g_signal_emit_by_name (remove_button, "clicked");
  iterate_briefly ();

  g_assert_cmpuint (count_sources (fixture), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/preferences/off-by-default", test_preferences_off_by_default);
  g_test_add ("/preferences/notice-first-time", Fixture, NULL,
              fixture_set_up, test_preferences_notice_first_time, fixture_tear_down);
  g_test_add ("/preferences/notice-cancel", Fixture, NULL,
              fixture_set_up, test_preferences_notice_cancel, fixture_tear_down);
  g_test_add ("/preferences/notice-once", Fixture, NULL,
              fixture_set_up, test_preferences_notice_once, fixture_tear_down);
  g_test_add ("/preferences/lists-follow-switch", Fixture, NULL,
              fixture_set_up, test_preferences_lists_follow_switch, fixture_tear_down);
  g_test_add ("/preferences/add-sources", Fixture, NULL,
              fixture_set_up, test_preferences_add_sources, fixture_tear_down);
  g_test_add ("/preferences/remove-source", Fixture, NULL,
              fixture_set_up, test_preferences_remove_source, fixture_tear_down);

  return g_test_run ();
}
