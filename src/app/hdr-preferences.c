/* hdr-preferences.c: the Preferences window: trap lists and their sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "hdr-preferences.h"

struct _HdrPreferences
{
  AdwPreferencesWindow  parent_instance;

  HdrTraplistStore     *store;     /* NULL when the settings schema is missing */
  GPtrArray            *source_rows;

  /* Template widgets */
  AdwActionRow         *enabled_row;
  GtkSwitch            *enabled_switch;
  GtkListBox           *sources_list;
  AdwActionRow         *progress_row;
  GtkProgressBar       *progress_bar;
  AdwEntryRow          *add_row;
};

G_DEFINE_FINAL_TYPE (HdrPreferences, hdr_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
traplists_enabled (HdrPreferences *self)
{
  return self->store != NULL &&
         g_settings_get_boolean (hdr_traplist_store_get_settings (self->store), "traplist-enabled");
}

/* The subtitle of a source's row: age and size of its list, or why it has none. */
static char *
describe_source (HdrPreferences *self,
                 const char     *source)
{
  HdrTraplist *list = hdr_traplist_store_get_list (self->store, source);
  const char *error = hdr_traplist_store_get_error (self->store, source);
  g_autoptr(GString) text = g_string_new (NULL);

  if (hdr_traplist_store_is_source_loading (self->store, source))
    g_string_append (text, _("Loading…"));
  else if (list != NULL)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      g_autofree char *age = hdr_traplist_format_age (hdr_traplist_get_age_seconds (list, now));
      guint n_entries = hdr_traplist_get_n_entries (list);
      guint n_bad_lines = hdr_traplist_get_n_bad_lines (list);

      /* Translators: %s is an age such as "3 hours old"; %u counts addresses, blocks and ranges. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "This copy is %s and has %u entry.",
                                                 "This copy is %s and has %u entries.", n_entries),
                              age, n_entries);
      if (n_bad_lines > 0)
        {
          g_string_append (text, "\n");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u line was not an address and was skipped.",
                                                     "%u lines were not addresses and were skipped.",
                                                     n_bad_lines),
                                  n_bad_lines);
        }
    }
  else if (error == NULL && !traplists_enabled (self))
    g_string_append (text, _("Not loaded, because trap lists are off."));
  else if (error == NULL)
    g_string_append (text, _("Not loaded yet."));

  if (error != NULL)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      if (list != NULL)
        /* Translators: %s is the reason, a whole sentence. */
        g_string_append_printf (text, _("The last refresh failed, so this older copy is used. %s"),
                                error);
      else
        g_string_append (text, error);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_sources (HdrPreferences     *self,
             const char * const *sources)
{
  g_settings_set_strv (hdr_traplist_store_get_settings (self->store), "traplist-sources", sources);
}

static void
on_remove_clicked (GtkButton      *button,
                   HdrPreferences *self)
{
  const char *source = g_object_get_data (G_OBJECT (button), "hdr-source");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) sources = NULL;
  g_auto(GStrv) remaining = NULL;

  g_assert (HDR_IS_PREFERENCES (self));

  sources = g_settings_get_strv (hdr_traplist_store_get_settings (self->store), "traplist-sources");
  for (guint i = 0; sources[i] != NULL; i++)
    if (!g_str_equal (sources[i], source))
      g_strv_builder_add (builder, sources[i]);

  remaining = g_strv_builder_end (builder);
  set_sources (self, (const char * const *)remaining);
}

static GtkWidget *
create_source_row (HdrPreferences *self,
                   const char     *source)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove_button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), source);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  g_object_set_data_full (G_OBJECT (row), "hdr-source", g_strdup (source), g_free);

  remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "flat");
  gtk_widget_set_tooltip_text (remove_button, _("Remove This Source"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove This Source"),
                                  -1);
  g_object_set_data_full (G_OBJECT (remove_button), "hdr-source", g_strdup (source), g_free);
  g_signal_connect (remove_button, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button);

  return row;
}

/* Recreate the source rows between the progress row and the entry row. */
static void
rebuild_source_rows (HdrPreferences *self)
{
  g_auto(GStrv) sources = NULL;

  for (guint i = 0; i < self->source_rows->len; i++)
    gtk_list_box_remove (self->sources_list, g_ptr_array_index (self->source_rows, i));
  g_ptr_array_set_size (self->source_rows, 0);

  if (self->store == NULL)
    return;

  sources = g_settings_get_strv (hdr_traplist_store_get_settings (self->store), "traplist-sources");
  for (guint i = 0; sources[i] != NULL; i++)
    {
      GtkWidget *row = create_source_row (self, sources[i]);

      gtk_list_box_insert (self->sources_list, row, i + 1);
      g_ptr_array_add (self->source_rows, row);
    }
}

/* Bring the subtitles, the progress bar and the actions up to date. */
static void
update_status (HdrPreferences *self)
{
  guint64 received = 0;
  guint64 total = 0;
  gboolean loading;

  if (self->store == NULL)
    return;

  for (guint i = 0; i < self->source_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->source_rows, i);
      const char *source = g_object_get_data (G_OBJECT (row), "hdr-source");
      g_autofree char *status = describe_source (self, source);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status);
    }

  loading = hdr_traplist_store_is_loading (self->store, &received, &total);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), loading);
  if (loading && total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN ((double)received / total, 1.0));
  else if (loading)
    gtk_progress_bar_pulse (self->progress_bar);

  if (loading && received > 0)
    {
      g_autofree char *size = g_format_size (received);

      adw_action_row_set_subtitle (self->progress_row, size);
    }
  else
    adw_action_row_set_subtitle (self->progress_row, "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.refresh",
                                 traplists_enabled (self) && !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.cancel", loading);
}

static void
on_settings_changed (GSettings      *settings,
                     const char     *key,
                     HdrPreferences *self)
{
  if (g_str_equal (key, "traplist-sources"))
    rebuild_source_rows (self);

  update_status (self);
}

static void
on_notice_response (AdwMessageDialog *dialog,
                    const char       *response,
                    HdrPreferences   *self)
{
  GSettings *settings = hdr_traplist_store_get_settings (self->store);

  if (g_str_equal (response, "turn-on"))
    {
      g_settings_set_boolean (settings, "traplist-notice-shown", TRUE);
      g_settings_set_boolean (settings, "traplist-enabled", TRUE);
    }
  else
    gtk_switch_set_active (self->enabled_switch, FALSE);
}

/* The first time trap lists are turned on, say in one sentence what is
 * downloaded and that nothing from the user's mail is sent. */
static void
show_notice (HdrPreferences *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Turn On Trap Lists?"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Header Inspector will download the lists named under "
                                 "Sources about once an hour, and nothing from your messages "
                                 "is sent anywhere."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "turn-on", _("_Turn On"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "turn-on",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "turn-on");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_notice_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The switch follows the setting; a change the user makes goes through
 * here, so that the first one can show the notice before any download. */
static void
on_enabled_switch_active (GtkSwitch      *enabled_switch,
                          GParamSpec     *pspec,
                          HdrPreferences *self)
{
  GSettings *settings;
  gboolean active = gtk_switch_get_active (enabled_switch);

  if (self->store == NULL)
    return;

  settings = hdr_traplist_store_get_settings (self->store);
  if (active == g_settings_get_boolean (settings, "traplist-enabled"))
    return;

  if (active && !g_settings_get_boolean (settings, "traplist-notice-shown"))
    {
      show_notice (self);
      return;
    }

  g_settings_set_boolean (settings, "traplist-enabled", active);
}

static void
add_source (HdrPreferences *self,
            const char     *source)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) sources = NULL;
  g_auto(GStrv) extended = NULL;

  sources = g_settings_get_strv (hdr_traplist_store_get_settings (self->store), "traplist-sources");
  if (g_strv_contains ((const char * const *)sources, source))
    return;

  g_strv_builder_addv (builder, (const char **)sources);
  g_strv_builder_add (builder, source);
  extended = g_strv_builder_end (builder);
  set_sources (self, (const char * const *)extended);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
on_http_response (AdwMessageDialog *dialog,
                  const char       *response,
                  HdrPreferences   *self)
{
  const char *source = g_object_get_data (G_OBJECT (dialog), "hdr-source");

  if (g_str_equal (response, "use-http"))
    add_source (self, source);
}

static void
confirm_http_source (HdrPreferences *self,
                     const char     *source)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Use Plain HTTP?"), NULL);
  /* Translators: %s is the URL of a trap list. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Anyone between you and the server of %s can change a list "
                                    "downloaded over plain http, for example to hide a sender. "
                                    "Use it only if the list has no https address."),
                                  source);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "use-http", _("_Use HTTP"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "use-http",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "hdr-source", g_strdup (source), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_http_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Accept an https or http URL, or a local path; a file:// URI becomes its
 * path.  Anything else gets a toast that names the accepted forms. */
static void
on_add_row_apply (AdwEntryRow    *row,
                  HdrPreferences *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *path = NULL;

  if (self->store == NULL || text[0] == '\0')
    return;

  if (g_ascii_strncasecmp (text, "https://", 8) == 0)
    {
      add_source (self, text);
      return;
    }

  if (g_ascii_strncasecmp (text, "http://", 7) == 0)
    {
      confirm_http_source (self, text);
      return;
    }

  if (g_ascii_strncasecmp (text, "file://", 7) == 0)
    path = g_filename_from_uri (text, NULL, NULL);
  else if (g_path_is_absolute (text))
    path = g_strdup (text);

  if (path == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Enter an https address, or the full "
                                                         "path of a file such as "
                                                         "/var/db/spamd.traplist.")));
      return;
    }

  add_source (self, path);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdrPreferences *self = HDR_PREFERENCES (widget);

  if (self->store != NULL)
    hdr_traplist_store_refresh (self->store, TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdrPreferences *self = HDR_PREFERENCES (widget);

  if (self->store != NULL)
    hdr_traplist_store_cancel (self->store);
}

static void
hdr_preferences_dispose (GObject *object)
{
  HdrPreferences *self = HDR_PREFERENCES (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->source_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hdr_preferences_parent_class)->dispose (object);
}

static void
hdr_preferences_class_init (HdrPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hdr_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headerinspector/HeaderInspector/"
                                               "hdr-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, HdrPreferences, enabled_row);
  gtk_widget_class_bind_template_child (widget_class, HdrPreferences, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, HdrPreferences, sources_list);
  gtk_widget_class_bind_template_child (widget_class, HdrPreferences, progress_row);
  gtk_widget_class_bind_template_child (widget_class, HdrPreferences, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HdrPreferences, add_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_apply);

  gtk_widget_class_install_action (widget_class, "preferences.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "preferences.cancel", NULL, cancel_action);
}

static void
hdr_preferences_init (HdrPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->source_rows = g_ptr_array_new ();
}

/**
 * hdr_preferences_new:
 * @store: (nullable): the trap lists; %NULL when the settings schema is
 *   missing, which leaves every control insensitive
 */
HdrPreferences *
hdr_preferences_new (GtkWindow        *parent,
                     HdrTraplistStore *store)
{
  HdrPreferences *self;
  GSettings *settings;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (!store || HDR_IS_TRAPLIST_STORE (store), NULL);

  self = g_object_new (HDR_TYPE_PREFERENCES,
                       "transient-for", parent,
                       NULL);

  if (store == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->enabled_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sources_list), FALSE);
      adw_action_row_set_subtitle (self->enabled_row,
                                   _("Unavailable, because the settings of Header Inspector "
                                     "are not installed."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.refresh", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.cancel", FALSE);
      return self;
    }

  self->store = g_object_ref (store);
  settings = hdr_traplist_store_get_settings (store);

  g_settings_bind (settings, "traplist-enabled", self->enabled_switch, "active",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->enabled_switch, "notify::active",
                           G_CALLBACK (on_enabled_switch_active), self, 0);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
  g_signal_connect_object (store, "changed", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);

  rebuild_source_rows (self);
  update_status (self);

  return self;
}
