/* hdr-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-application"

#include "config.h"

#include <glib/gi18n.h>

#include "hdr-application.h"
#include "hdr-preferences.h"
#include "hdr-report-command.h"
#include "hdr-window.h"

/* Resources are registered under the stable id, so that the .Devel build
 * finds the same templates, style sheet and shortcuts window. */
#define RESOURCE_BASE_PATH "/io/github/headerinspector/HeaderInspector"

struct _HdrApplication
{
  AdwApplication  parent_instance;

  /* Files named on the command line, opened on activate.  GApplication
   * leaves G_OPTION_REMAINING alone once the application declares it. */
  GPtrArray      *command_line_files;
};

G_DEFINE_FINAL_TYPE (HdrApplication, hdr_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "report", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print a report of each FILE instead of opening a window"), NULL },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Format of the report: text, markdown, html or json (default: text)"), N_("FORMAT") },
  { "traplist", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("With --report: look the sender up in this spamd trap list, a file or an http(s) URL "
       "(repeatable; a URL is downloaded at most once an hour)"), N_("FILE|URL") },
  { "no-network", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --report: never download; a --traplist URL uses its cached copy"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, N_("[FILE…]") },
  { NULL }
};

HdrApplication *
hdr_application_new (void)
{
  return g_object_new (HDR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

static HdrWindow *
hdr_application_get_or_create_window (HdrApplication *self)
{
  GtkWindow *window;

  g_assert (HDR_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (HDR_IS_WINDOW (window))
    return HDR_WINDOW (window);

  return hdr_window_new (self);
}

static int
hdr_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  HdrApplication *self = HDR_APPLICATION (application);
  g_autofree const char **paths = NULL;
  g_autofree const char **traplists = NULL;
  const char *format = NULL;
  const char *no_paths[] = { NULL };
  HdrReportCommandOptions report_options = { 0 };

  g_assert (HDR_IS_APPLICATION (self));

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  g_variant_dict_lookup (options, "format", "&s", &format);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);
  g_variant_dict_lookup (options, "traplist", "^a&ay", &traplists);

  if (g_variant_dict_contains (options, "report"))
    {
      report_options.format = format;
      report_options.paths = paths != NULL ? (const char * const *) paths : no_paths;
      report_options.traplists = (const char * const *) traplists;
      report_options.no_network = g_variant_dict_contains (options, "no-network");
      return hdr_report_command_run (&report_options);
    }

  if (traplists != NULL || g_variant_dict_contains (options, "no-network"))
    {
      g_printerr (_("--traplist and --no-network only apply to --report. The window uses the "
                    "trap lists set in its Preferences.\n"));
      return HDR_REPORT_EXIT_USAGE;
    }

  if (format != NULL)
    {
      g_printerr (_("--format only applies to --report. Run “%s --report --format=%s FILE”.\n"),
                  PACKAGE_NAME, format);
      return HDR_REPORT_EXIT_USAGE;
    }

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (self->command_line_files, g_file_new_for_commandline_arg (paths[i]));

  /* A negative value lets GApplication go on: register, then activate. */
  return -1;
}

static void
hdr_application_activate (GApplication *application)
{
  HdrApplication *self = HDR_APPLICATION (application);
  HdrWindow *window;

  window = hdr_application_get_or_create_window (self);

  for (guint i = 0; i < self->command_line_files->len; i++)
    hdr_window_open_file (window, g_ptr_array_index (self->command_line_files, i));
  g_ptr_array_set_size (self->command_line_files, 0);

  gtk_window_present (GTK_WINDOW (window));
}

static void
hdr_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  HdrApplication *self = HDR_APPLICATION (application);
  HdrWindow *window;

  g_assert (HDR_IS_APPLICATION (self));
  g_assert (files != NULL || n_files == 0);

  window = hdr_application_get_or_create_window (self);

  for (int i = 0; i < n_files; i++)
    hdr_window_open_file (window, files[i]);

  gtk_window_present (GTK_WINDOW (window));
}

static void
hdr_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  static const char *developers[] = { "The Header Inspector contributors", NULL };
  HdrApplication *self = user_data;
  GtkWindow *about;

  g_assert (HDR_IS_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Header Inspector"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", "The Header Inspector contributors",
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/headerinspector/header-inspector",
                        "issue-url", "https://github.com/headerinspector/header-inspector/issues",
                        "comments", _("Shows where an email really came from and whether "
                                      "its threats are real."),
                        "translator-credits", _("translator-credits"),
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        NULL);
  gtk_window_present (about);
}

static void
hdr_application_show_help_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(HdrApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = GTK_WINDOW (object);
  GtkWidget *dialog;

  g_assert (HDR_IS_APPLICATION (self));

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;

  dialog = adw_message_dialog_new (parent,
                                   _("The Help Could Not Be Opened"),
                                   NULL);
  /* Translators: %s is the reason, as the system words it. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Install the Yelp help viewer (the package “yelp”), then "
                                    "press F1 again. The system reported: %s"),
                                  error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Open the Mallard help that help/meson.build installs as
 * help:header-inspector, in the desktop's help viewer (Yelp). */
static void
hdr_application_help_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  HdrApplication *self = user_data;
  GtkWindow *parent;

  g_assert (HDR_IS_APPLICATION (self));

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  gtk_show_uri_full (parent,
                     "help:" PACKAGE_NAME,
                     GDK_CURRENT_TIME,
                     NULL,
                     hdr_application_show_help_cb,
                     g_object_ref (self));
}

static void
hdr_application_preferences_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  HdrApplication *self = user_data;
  HdrPreferences *preferences;

  g_assert (HDR_IS_APPLICATION (self));

  preferences = hdr_preferences_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                     hdr_traplist_store_get_default ());
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
hdr_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  HdrApplication *self = user_data;

  g_assert (HDR_IS_APPLICATION (self));

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", hdr_application_about_action },
  { "help", hdr_application_help_action },
  { "preferences", hdr_application_preferences_action },
  { "quit", hdr_application_quit_action },
};

static void
hdr_application_startup (GApplication *application)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.paste", { "<Control>v", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.close-tab", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", "<Control><Shift>question", NULL } },
  };
  HdrApplication *self = HDR_APPLICATION (application);

  G_APPLICATION_CLASS (hdr_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  /* Start loading the trap lists, when they are on, before any message is
   * opened, so that the first analysis can use them. */
  hdr_traplist_store_get_default ();
}

static void
hdr_application_finalize (GObject *object)
{
  HdrApplication *self = HDR_APPLICATION (object);

  g_clear_pointer (&self->command_line_files, g_ptr_array_unref);

  G_OBJECT_CLASS (hdr_application_parent_class)->finalize (object);
}

static void
hdr_application_class_init (HdrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hdr_application_finalize;

  app_class->handle_local_options = hdr_application_handle_local_options;
  app_class->startup = hdr_application_startup;
  app_class->activate = hdr_application_activate;
  app_class->open = hdr_application_open;
}

static void
hdr_application_init (HdrApplication *self)
{
  self->command_line_files = g_ptr_array_new_with_free_func (g_object_unref);

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Show where an email really came from and "
                                              "whether its threats are real."));
}
