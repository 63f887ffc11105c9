/* test-accessibility.c: names, roles, keyboard use and narrow layouts of the
 * window under a real display (Xvfb in the test suite)
 *
 * Set HDR_SCREENSHOT_DIR to a folder to save a PNG of each layout case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "hdr-application.h"
#include "hdr-mailbox-page.h"
#include "hdr-message-page.h"
#include "hdr-paste-dialog.h"
#include "hdr-report-view.h"
#include "hdr-route-view.h"
#include "hdr-window.h"
#include "window-open.h"

/* A hang guard, not a speed claim: the analysis runs on a worker thread and
 * a slow machine under load may need far more than usual. */
#define HANG_GUARD_SECONDS 180

/* The narrowest window the layout supports, the width-request that
 * hdr-window.ui sets. */
#define NARROW_WIDTH 360
#define WIDE_WIDTH 1280
#define WINDOW_HEIGHT 720

/* GtkSettings:gtk-xft-dpi is in 1024ths of a dot per inch, and 96 dpi is
 * GTK's normal text size, so this is text at 150 %. */
#define LARGE_TEXT_DPI (96 * 1024 * 3 / 2)

/* Pixels a widget may reach past the window's content.  Adwaita's header
 * bar reaches 1 px past its parent by design, too little to see. */
#define OVERFLOW_TOLERANCE 2

/* Tab presses after which the walk gives up going round the window. */
#define MAX_TAB_STEPS 400

static HdrApplication *application;

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

  gtk_window_set_default_size (GTK_WINDOW (window), width, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_loop ();

  return window;
}

/* Open the English sample in a new tab and wait for its report. */
static HdrMessagePage *
open_sample (HdrWindow *window)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HdrMessagePage *page;
  guint guard_id;

  page = HDR_MESSAGE_PAGE (window_open_file_and_wait (window, file, HANG_GUARD_SECONDS));

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (hdr_message_page_get_state (page) == HDR_MESSAGE_PAGE_LOADING)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);
  drain_main_loop ();

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_REPORT);

  return page;
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

/* Whether @widget and each of its ancestors up to its root are visible. */
static gboolean
is_shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
        return FALSE;
    }

  return TRUE;
}

/* Whether @widget is a control that a user can focus or activate, and so
 * needs a name that a screen reader can read. */
static gboolean
is_interactive (GtkWidget *widget)
{
  static GType types[16];
  static guint n_types;

  if (n_types == 0)
    {
      types[n_types++] = GTK_TYPE_BUTTON;           /* and GtkToggleButton, GtkLinkButton */
      types[n_types++] = GTK_TYPE_MENU_BUTTON;
      types[n_types++] = GTK_TYPE_CHECK_BUTTON;
      types[n_types++] = GTK_TYPE_SWITCH;
      types[n_types++] = GTK_TYPE_ENTRY;
      types[n_types++] = GTK_TYPE_SEARCH_ENTRY;
      types[n_types++] = GTK_TYPE_PASSWORD_ENTRY;
      types[n_types++] = GTK_TYPE_SPIN_BUTTON;
      types[n_types++] = GTK_TYPE_TEXT_VIEW;
      types[n_types++] = GTK_TYPE_DROP_DOWN;
      types[n_types++] = GTK_TYPE_SCALE;
      types[n_types++] = GTK_TYPE_EXPANDER;
      types[n_types++] = ADW_TYPE_SPLIT_BUTTON;
      types[n_types++] = ADW_TYPE_EXPANDER_ROW;
      types[n_types++] = GTK_TYPE_LIST_BOX_ROW;     /* and every AdwPreferencesRow */
    }

  for (guint i = 0; i < n_types; i++)
    {
      if (g_type_is_a (G_OBJECT_TYPE (widget), types[i]))
        return TRUE;
    }

  return FALSE;
}

/* Whether a visible GtkLabel under @widget has text, which GTK uses as the
 * name of a button or row that contains it. */
static gboolean
has_label_text (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      return text != NULL && *text != '\0';
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_label_text (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && *tooltip != '\0')
    return TRUE;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      if (title != NULL && *title != '\0')
        return TRUE;
    }

  return has_label_text (widget);
}

static char *
describe_widget (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return g_strdup_printf ("%s (css name “%s”, inside %s)",
                          G_OBJECT_TYPE_NAME (widget),
                          gtk_widget_get_css_name (widget),
                          parent != NULL ? G_OBJECT_TYPE_NAME (parent) : "nothing");
}

/* Add a description of every shown interactive widget under @widget that
 * has no accessible name, or the generic role, to @unnamed. */
static void
collect_unnamed_controls (GtkWidget *widget,
                          GPtrArray *unnamed)
{
  if (!is_shown (widget))
    return;

  if (is_interactive (widget))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

      if (!has_accessible_name (widget))
        g_ptr_array_add (unnamed, describe_widget (widget));
      else if (role == GTK_ACCESSIBLE_ROLE_GENERIC || role == GTK_ACCESSIBLE_ROLE_NONE)
        g_ptr_array_add (unnamed, g_strconcat ("role: ", describe_widget (widget), NULL));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed_controls (child, unnamed);
}

static void
assert_all_controls_named (GtkWidget *root)
{
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);

  collect_unnamed_controls (root, unnamed);

  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("Control without an accessible name: %s",
                    (const char *) g_ptr_array_index (unnamed, i));

  g_assert_cmpuint (unnamed->len, ==, 0);
}

static void
test_accessibility_empty_state (void)
{
  HdrWindow *window = new_window (WIDE_WIDTH);

  assert_all_controls_named (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The verdict takes the focus, so a screen reader reads it first, and it is
 * a named group. */
static void
test_accessibility_report (void)
{
  HdrWindow *window = new_window (WIDE_WIDTH);
  HdrMessagePage *page = open_sample (window);
  HdrReportView *view = hdr_message_page_get_report_view (page);
  GtkWidget *heading = hdr_report_view_get_heading (view);

  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == heading);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (heading)),
                   ==, GTK_ACCESSIBLE_ROLE_GROUP);
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (heading),
                                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY));

  assert_all_controls_named (GTK_WIDGET (window));

  /* The teaching view, with every line of the raw headers and its note. */
  hdr_report_view_show_teaching (view, TRUE);
  drain_main_loop ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hdr_report_view_get_teaching_view (view))));
  assert_all_controls_named (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The page shown for a file that is not a message. */
static void
test_accessibility_error_page (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "fixtures", "window", "random.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HdrWindow *window = new_window (WIDE_WIDTH);
  HdrMessagePage *page;
  guint guard_id;

  page = HDR_MESSAGE_PAGE (window_open_file_and_wait (window, file, HANG_GUARD_SECONDS));

  guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
  while (hdr_message_page_get_state (page) == HDR_MESSAGE_PAGE_LOADING)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard_id);
  drain_main_loop ();

  g_assert_cmpint (hdr_message_page_get_state (page), ==, HDR_MESSAGE_PAGE_ERROR);
  assert_all_controls_named (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first widget of @type under @widget, itself included, depth first. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_label_texts (GtkWidget *widget,
                     GString   *texts)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (texts, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (texts, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static guint
count_images (GtkWidget *widget)
{
  guint n_images = GTK_IS_IMAGE (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_images += count_images (child);

  return n_images;
}

/* Trusted and forgeable hops differ in words and icons, not only in the
 * colour of their step number. */
static void
test_accessibility_route_words (void)
{
  HdrWindow *window = new_window (WIDE_WIDTH);
  HdrMessagePage *page = open_sample (window);
  GtkWidget *route_view = NULL;
  GtkWidget *list_box = NULL;
  guint n_trusted = 0;
  guint n_forgeable = 0;
  guint n_rows = 0;

  route_view = find_widget (GTK_WIDGET (page), HDR_TYPE_ROUTE_VIEW);
  g_assert_nonnull (route_view);
  list_box = find_widget (route_view, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list_box);

  for (GtkWidget *row = gtk_widget_get_first_child (list_box);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GString) texts = g_string_new (NULL);
      gboolean trusted;
      gboolean forgeable;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;

      n_rows++;
      collect_label_texts (row, texts);
      trusted = strstr (texts->str, "Recorded by your provider") != NULL;
      forgeable = strstr (texts->str, "Written by the sender’s side, may be invented") != NULL;

      g_test_message ("Hop row %u: %s", n_rows, texts->str);
      g_assert_true (trusted != forgeable);
      g_assert_cmpuint (count_images (row), >=, 1);

      if (trusted)
        n_trusted++;
      else
        n_forgeable++;
    }

  /* The sample has two hops at the recipient's provider and one written by
   * the sender's side. */
  g_assert_cmpuint (n_rows, ==, 3);
  g_assert_cmpuint (n_trusted, ==, 2);
  g_assert_cmpuint (n_forgeable, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The verdict shows its meaning in words and with an icon, not only with
 * the colour of its card. */
static void
test_accessibility_verdict_words (void)
{
  HdrWindow *window = new_window (WIDE_WIDTH);
  HdrMessagePage *page = open_sample (window);
  GtkWidget *heading = hdr_report_view_get_heading (hdr_message_page_get_report_view (page));
  g_autoptr(GString) texts = g_string_new (NULL);
  GtkWidget *icon;

  collect_label_texts (heading, texts);
  g_assert_nonnull (strstr (texts->str, "Known scam\n"));

  icon = find_widget (heading, GTK_TYPE_IMAGE);
  g_assert_nonnull (icon);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialog-warning-symbolic");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first GtkLabel under @widget whose text with mnemonic marks is
 * @label. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *label)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Run the main loop until gtk_widget_get_mapped (@widget) equals @mapped. */
static void
wait_for_mapped (GtkWidget *widget,
                 gboolean   mapped)
{
  guint guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);

  while (gtk_widget_get_mapped (widget) != mapped)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard_id);
}

/* Alt+H shows Headers Explained and Alt+V the verdict again, as the
 * keyboard help page states. */
static void
test_accessibility_view_mnemonics (void)
{
  HdrWindow *window = new_window (WIDE_WIDTH);
  HdrMessagePage *page = open_sample (window);
  HdrReportView *view = hdr_message_page_get_report_view (page);
  GtkWidget *teaching = GTK_WIDGET (hdr_report_view_get_teaching_view (view));
  GtkWidget *teaching_label = find_label (GTK_WIDGET (view), "_Headers Explained");
  GtkWidget *verdict_label = find_label (GTK_WIDGET (view), "_Verdict");

  g_assert_nonnull (teaching_label);
  g_assert_nonnull (verdict_label);
  g_assert_cmpuint (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (teaching_label))), ==, GDK_KEY_h);
  g_assert_cmpuint (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (verdict_label))), ==, GDK_KEY_v);
  g_assert_false (gtk_widget_get_mapped (teaching));

  /* An activated button shows itself pressed for a moment before it
   * toggles, so wait for the view to change. */
  g_assert_true (gtk_widget_mnemonic_activate (teaching_label, FALSE));
  wait_for_mapped (teaching, TRUE);
  g_assert_true (gtk_widget_get_mapped (teaching));

  g_assert_true (gtk_widget_mnemonic_activate (verdict_label, FALSE));
  wait_for_mapped (teaching, FALSE);
  g_assert_false (gtk_widget_get_mapped (teaching));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pressing Tab from the verdict reaches a finding, a hop and the raw
 * headers, then goes round the window back into the verdict, so the report
 * is usable without a mouse.  The walk emits GtkWidget::move-focus, as the
 * Tab key binding does. */
static void
test_accessibility_tab_order (void)
{
  HdrWindow *window = new_window (WIDE_WIDTH);
  HdrMessagePage *page = open_sample (window);
  GtkWidget *heading = hdr_report_view_get_heading (hdr_message_page_get_report_view (page));
  gboolean reached_finding = FALSE;
  gboolean reached_hop = FALSE;
  gboolean reached_raw_headers = FALSE;
  gboolean came_back = FALSE;

  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == heading);

  for (guint step = 0; step < MAX_TAB_STEPS && !came_back; step++)
    {
      GtkWidget *focus;

      g_signal_emit_by_name (window, "move-focus", GTK_DIR_TAB_FORWARD);
      drain_main_loop ();

      focus = gtk_window_get_focus (GTK_WINDOW (window));
      g_assert_nonnull (focus);

      if (gtk_widget_get_ancestor (focus, ADW_TYPE_EXPANDER_ROW) != NULL)
        reached_finding = TRUE;
      if (GTK_IS_LIST_BOX_ROW (focus) && gtk_widget_get_ancestor (focus, HDR_TYPE_ROUTE_VIEW) != NULL)
        reached_hop = TRUE;
      if (gtk_widget_get_ancestor (focus, GTK_TYPE_EXPANDER) != NULL)
        {
          /* The raw headers come after the findings and the route. */
          g_assert_true (reached_finding);
          g_assert_true (reached_hop);
          reached_raw_headers = TRUE;
        }
      /* Tab enters the verdict at its selectable text. */
      if (reached_raw_headers && (focus == heading || gtk_widget_is_ancestor (focus, heading)))
        came_back = TRUE;
    }

  g_assert_true (reached_finding);
  g_assert_true (reached_hop);
  g_assert_true (reached_raw_headers);
  g_assert_true (came_back);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkShortcut *
find_shortcut (GtkWidget          *widget,
               GtkShortcutTrigger *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n_controllers = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n_controllers; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      guint n_shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      n_shortcuts = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < n_shortcuts; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return shortcut;
        }
    }

  return NULL;
}

/* The paste dialog names its controls, and Escape closes it. */
static void
test_accessibility_paste_dialog (void)
{
  HdrWindow *window = new_window (WIDE_WIDTH);
  g_autoptr(GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);
  HdrPasteDialog *dialog;
  GtkShortcut *shortcut;

  dialog = hdr_paste_dialog_new (GTK_WINDOW (window), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  drain_main_loop ();

  assert_all_controls_named (GTK_WIDGET (dialog));

  shortcut = find_shortcut (GTK_WIDGET (dialog), escape);
  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (dialog),
                                               NULL));
  drain_main_loop ();
  g_assert_null (find_toplevel (HDR_TYPE_PASTE_DIALOG));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The preferences window, where another part of the app installs it. */
static void
test_accessibility_preferences (void)
{
  HdrWindow *window = new_window (WIDE_WIDTH);
  g_autoptr(GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);
  GtkShortcut *shortcut;
  GtkWindow *preferences;

  if (!g_action_group_has_action (G_ACTION_GROUP (application), "preferences"))
    {
      g_test_skip ("The application has no app.preferences action");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  drain_main_loop ();

  preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  assert_all_controls_named (GTK_WIDGET (preferences));

  /* Escape closes it, as it closes the paste dialog. */
  shortcut = find_shortcut (GTK_WIDGET (preferences), escape);
  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (preferences),
                                               NULL));
  drain_main_loop ();
  g_assert_null (find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Append the action name of each GtkShortcutsShortcut under @widget to
 * @listed, one a line. */
static void
collect_shortcut_actions (GtkWidget *widget,
                          GString   *listed)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action_name = NULL;

      g_object_get (widget, "action-name", &action_name, NULL);
      if (action_name != NULL)
        g_string_append_printf (listed, "%s\n", action_name);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcut_actions (child, listed);
}

/* Whether @accels has @expected, compared as parsed keys because GTK
 * writes modifiers in its own order ("<Shift><Control>c"). */
static gboolean
accels_contain (char       **accels,
                const char  *expected)
{
  guint expected_key = 0;
  GdkModifierType expected_mods = 0;

  g_assert_true (gtk_accelerator_parse (expected, &expected_key, &expected_mods));

  for (guint i = 0; accels[i] != NULL; i++)
    {
      guint key = 0;
      GdkModifierType mods = 0;

      if (gtk_accelerator_parse (accels[i], &key, &mods) && key == expected_key && mods == expected_mods)
        return TRUE;
    }

  return FALSE;
}

/* Every action has its key, and the shortcuts window lists each of them. */
static void
test_accessibility_shortcuts (void)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.open", "<Control>o" },
    { "win.paste", "<Control>v" },
    { "win.print", "<Control>p" },
    { "win.export", "<Control>e" },
    { "win.close-tab", "<Control>w" },
    { "win.show-help-overlay", "<Control>question" },
    { "app.help", "F1" },
    { "app.preferences", "<Control>comma" },
    { "app.quit", "<Control>q" },
  };
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GString) listed = g_string_new ("\n");
  GtkWidget *shortcuts_window;

  builder = gtk_builder_new_from_resource ("/io/github/headerinspector/HeaderInspector/gtk/help-overlay.ui");
  shortcuts_window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_nonnull (shortcuts_window);

  collect_shortcut_actions (shortcuts_window, listed);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                    expected[i].action);
      g_autofree char *line = g_strdup_printf ("\n%s\n", expected[i].action);

      g_test_message ("%s: %s", expected[i].action, accels[0] != NULL ? accels[0] : "(none)");
      g_assert_true (accels_contain (accels, expected[i].accel));
      g_assert_nonnull (strstr (listed->str, line));
    }

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "help"));

  gtk_window_destroy (GTK_WINDOW (shortcuts_window));
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *folder = g_getenv ("HDR_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width;
  int height;

  if (folder == NULL)
    return;

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", folder, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

/* Add a description of every mapped widget under @widget whose right edge
 * lies beyond @width, the width of @content, to @overflowing. */
static void
collect_overflowing (GtkWidget *widget,
                     GtkWidget *content,
                     int        width,
                     GPtrArray *overflowing)
{
  graphene_rect_t bounds;

  /* An overlay scroll bar's slider grows past the edge while it is
   * pointed at, by design. */
  if (!gtk_widget_get_mapped (widget) || GTK_IS_SCROLLBAR (widget))
    return;

  if (gtk_widget_compute_bounds (widget, content, &bounds)
      && bounds.origin.x + bounds.size.width > width + OVERFLOW_TOLERANCE)
    {
      g_autofree char *description = describe_widget (widget);

      g_ptr_array_add (overflowing,
                       g_strdup_printf ("%s ends at x = %.0f", description,
                                        bounds.origin.x + bounds.size.width));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_overflowing (child, content, width, overflowing);
}

/* Run the main loop until @window has drawn a few frames, so that a
 * scroll to the focused widget has happened. */
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

/* Collect what overflows @content once the layout has settled.  A leaflet
 * folds and labels rewrap over a few frames, later on a loaded machine, so
 * measure again after more frames until nothing overflows or 50 rounds of
 * frames have passed. */
static void
collect_overflowing_when_settled (HdrWindow *window,
                                  GtkWidget *content,
                                  GPtrArray *overflowing)
{
  for (guint round = 0; round < 50; round++)
    {
      g_ptr_array_set_size (overflowing, 0);
      run_frames (window);
      collect_overflowing (content, content, gtk_widget_get_width (content), overflowing);
      if (overflowing->len == 0)
        break;
    }
}

/* Log the chain of widgets from @widget down through the child with the
 * largest minimum width, which shows what keeps a layout from narrowing. */
static void
log_widest_children (GtkWidget *widget)
{
  while (widget != NULL)
    {
      GtkWidget *widest = NULL;
      int widest_minimum = -1;
      int minimum = 0;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s (css name “%s”) needs %d px", G_OBJECT_TYPE_NAME (widget),
                      gtk_widget_get_css_name (widget), minimum);

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_minimum = 0;

          if (!gtk_widget_get_visible (child))
            continue;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, NULL, NULL, NULL);
          if (child_minimum > widest_minimum)
            {
              widest = child;
              widest_minimum = child_minimum;
            }
        }

      widget = widest;
    }
}

/* The width of the window on screen, with its client-side frame. */
static int
get_surface_width (HdrWindow *window)
{
  return gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)));
}

/* Write an mbox of the English sample and a plain note to a temporary
 * file, and return its path. */
static char *
write_small_mbox (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *note = g_build_filename (TEST_DATA_DIR, "fixtures", "window", "plain-note.eml", NULL);
  const char *paths[] = { sample, note };
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *mbox_path = NULL;
  int fd;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *contents = NULL;

      g_file_get_contents (paths[i], &contents, NULL, &error);
      g_assert_no_error (error);
      g_string_append_printf (mbox, "From sender%u@example.org Fri Dec  4 10:00:00 2026\n", i);
      g_string_append (mbox, contents);
      g_string_append (mbox, "\n\n");
    }

  fd = g_file_open_tmp ("header-inspector-XXXXXX.mbox", &mbox_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (mbox_path, mbox->str, mbox->len, &error);
  g_assert_no_error (error);

  return mbox_path;
}

/* The mailbox list and a selected message, at full width and at 360 px
 * with large text. */
static void
test_accessibility_mailbox (void)
{
  g_autofree char *mbox_path = write_small_mbox ();
  g_autoptr(GFile) file = g_file_new_for_path (mbox_path);
  g_autoptr(GPtrArray) overflowing = g_ptr_array_new_with_free_func (g_free);
  GtkSettings *settings = gtk_settings_get_default ();
  int normal_dpi = 0;

  g_object_get (settings, "gtk-xft-dpi", &normal_dpi, NULL);

  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean narrow = pass == 1;
      HdrWindow *window;
      HdrMailboxPage *page;
      GtkWidget *content;
      guint guard_id;

      if (narrow)
        g_object_set (settings, "gtk-xft-dpi", LARGE_TEXT_DPI, NULL);

      window = new_window (narrow ? NARROW_WIDTH : WIDE_WIDTH);
      page = HDR_MAILBOX_PAGE (window_open_file_and_wait (window, file, HANG_GUARD_SECONDS));

      guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
      while (hdr_mailbox_page_get_loading (page))
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (guard_id);
      drain_main_loop ();

      g_assert_cmpuint (g_list_model_get_n_items (hdr_mailbox_page_get_messages (page)), ==, 2);
      assert_all_controls_named (GTK_WIDGET (window));
      save_screenshot (GTK_WIDGET (window), narrow ? "mailbox-narrow-large-text" : "mailbox-wide");

      hdr_mailbox_page_select (page, 0);
      guard_id = g_timeout_add_seconds (HANG_GUARD_SECONDS, hang_guard_cb, NULL);
      while (hdr_mailbox_page_get_report (page) == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (guard_id);
      drain_main_loop ();

      assert_all_controls_named (GTK_WIDGET (window));
      g_assert_cmpint (get_surface_width (window), ==, narrow ? NARROW_WIDTH : WIDE_WIDTH);
      content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
      collect_overflowing_when_settled (window, content, overflowing);
      for (guint i = 0; i < overflowing->len; i++)
        g_test_message ("Past the right edge: %s", (const char *) g_ptr_array_index (overflowing, i));
      g_assert_cmpuint (overflowing->len, ==, 0);
      save_screenshot (GTK_WIDGET (window), narrow ? "mailbox-narrow-large-text-message" : "mailbox-wide-message");

      gtk_window_destroy (GTK_WINDOW (window));
      drain_main_loop ();
    }

  g_object_set (settings, "gtk-xft-dpi", normal_dpi, NULL);
  g_unlink (mbox_path);
}

typedef struct
{
  const char *name;
  int         width;
  gboolean    dark;
  gboolean    large_text;
} LayoutCase;

static const LayoutCase layout_cases[] = {
  { "narrow-light", NARROW_WIDTH, FALSE, FALSE },
  { "narrow-dark", NARROW_WIDTH, TRUE, FALSE },
  { "narrow-large-text", NARROW_WIDTH, FALSE, TRUE },
  { "narrow-dark-large-text", NARROW_WIDTH, TRUE, TRUE },
  { "wide-light", WIDE_WIDTH, FALSE, FALSE },
  { "wide-dark", WIDE_WIDTH, TRUE, FALSE },
  { "wide-large-text", WIDE_WIDTH, FALSE, TRUE },
};

/* The window fits the width it was given, in both styles and with large
 * text, and nothing in it reaches past its right edge. */
static void
test_accessibility_layout (gconstpointer data)
{
  const LayoutCase *layout = data;
  GtkSettings *settings = gtk_settings_get_default ();
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autoptr(GPtrArray) overflowing = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *empty_name = g_strconcat (layout->name, "-empty", NULL);
  g_autofree char *route_name = g_strconcat (layout->name, "-route", NULL);
  g_autofree char *teaching_name = g_strconcat (layout->name, "-teaching", NULL);
  int normal_dpi = 0;
  int minimum_width = 0;
  HdrMessagePage *page;
  GtkWidget *content;
  GtkWidget *hop_row;
  HdrWindow *window;

  g_object_get (settings, "gtk-xft-dpi", &normal_dpi, NULL);
  if (layout->large_text)
    g_object_set (settings, "gtk-xft-dpi", LARGE_TEXT_DPI, NULL);
  adw_style_manager_set_color_scheme (style_manager,
                                      layout->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                   : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = new_window (layout->width);
  g_assert_cmpint (get_surface_width (window), ==, layout->width);
  save_screenshot (GTK_WIDGET (window), empty_name);

  page = open_sample (window);
  drain_main_loop ();

  /* The window's own minimum is its width-request, so measure what is
   * inside it. */
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum_width, NULL, NULL, NULL);
  g_test_message ("Minimum width of the content with a report: %d px of %d px",
                  minimum_width, gtk_widget_get_width (content));
  if (get_surface_width (window) != layout->width)
    log_widest_children (content);
  g_assert_cmpint (minimum_width, <=, gtk_widget_get_width (content));
  g_assert_cmpint (get_surface_width (window), ==, layout->width);

  collect_overflowing_when_settled (window, content, overflowing);
  for (guint i = 0; i < overflowing->len; i++)
    g_test_message ("Past the right edge: %s", (const char *) g_ptr_array_index (overflowing, i));
  g_assert_cmpuint (overflowing->len, ==, 0);

  save_screenshot (GTK_WIDGET (window), layout->name);

  /* The route, scrolled into view by focusing its first hop. */
  hop_row = find_widget (find_widget (GTK_WIDGET (page), HDR_TYPE_ROUTE_VIEW), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (hop_row);
  g_assert_true (gtk_widget_grab_focus (hop_row));
  run_frames (window);
  save_screenshot (GTK_WIDGET (window), route_name);

  /* The teaching view fits the same width. */
  hdr_report_view_show_teaching (hdr_message_page_get_report_view (page), TRUE);
  run_frames (window);
  g_assert_cmpint (get_surface_width (window), ==, layout->width);
  collect_overflowing_when_settled (window, content, overflowing);
  for (guint i = 0; i < overflowing->len; i++)
    g_test_message ("Past the right edge in the teaching view: %s",
                    (const char *) g_ptr_array_index (overflowing, i));
  g_assert_cmpuint (overflowing->len, ==, 0);
  save_screenshot (GTK_WIDGET (window), teaching_name);

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_loop ();

  g_object_set (settings, "gtk-xft-dpi", normal_dpi, NULL);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = hdr_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/accessibility/empty-state", test_accessibility_empty_state);
  g_test_add_func ("/accessibility/report", test_accessibility_report);
  g_test_add_func ("/accessibility/error-page", test_accessibility_error_page);
  g_test_add_func ("/accessibility/route-words", test_accessibility_route_words);
  g_test_add_func ("/accessibility/verdict-words", test_accessibility_verdict_words);
  g_test_add_func ("/accessibility/tab-order", test_accessibility_tab_order);
  g_test_add_func ("/accessibility/view-mnemonics", test_accessibility_view_mnemonics);
  g_test_add_func ("/accessibility/paste-dialog", test_accessibility_paste_dialog);
  g_test_add_func ("/accessibility/preferences", test_accessibility_preferences);
  g_test_add_func ("/accessibility/shortcuts", test_accessibility_shortcuts);
  g_test_add_func ("/accessibility/mailbox", test_accessibility_mailbox);

  for (guint i = 0; i < G_N_ELEMENTS (layout_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/accessibility/layout/%s", layout_cases[i].name);

      g_test_add_data_func (path, &layout_cases[i], test_accessibility_layout);
    }

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
