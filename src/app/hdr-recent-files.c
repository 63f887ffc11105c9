/* hdr-recent-files.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-recent-files"

#include "config.h"

#include "hdr-recent-files.h"

/* GTK 4.8's own file chooser dialog, which GtkFileChooserNative uses when no
 * portal is in use, adds every accepted file to the account's recently used
 * list (recently-used.xbel) through the default GtkRecentManager.  The item
 * arrives after an asynchronous file query, and the manager writes the list
 * 250 ms after a change (gtk_recent_manager_changed() in gtkrecentmanager.c),
 * so removing the item within that time keeps it out of the file.
 *
 * Turning off GtkSettings:gtk-recent-files-enabled is no way out: the
 * manager then writes an empty list, which deletes every other
 * application's entries too. */
#define POLL_INTERVAL_MS 50

/* A hang guard, not a speed claim: the file query may be slow on a
 * network folder. */
#define GIVE_UP_AFTER_SECONDS 10

typedef struct
{
  GtkRecentManager *manager;
  GPtrArray        *uris;       /* not in the list when the chooser accepted them */
  gint64            deadline;   /* monotonic time, in microseconds */
} ForgetRequest;

static void
forget_request_free (ForgetRequest *request)
{
  g_clear_object (&request->manager);
  g_clear_pointer (&request->uris, g_ptr_array_unref);
  g_free (request);
}

/* gtk_recent_manager_has_item() fails with a critical warning while the
 * list file does not exist yet, and lookup does not. */
static gboolean
hdr_recent_files_contains (GtkRecentManager *manager,
                           const char       *uri)
{
  g_autoptr(GtkRecentInfo) info = NULL;

  g_assert (GTK_IS_RECENT_MANAGER (manager));
  g_assert (uri != NULL);

  info = gtk_recent_manager_lookup_item (manager, uri, NULL);

  return info != NULL;
}

static gboolean
hdr_recent_files_poll_cb (gpointer user_data)
{
  ForgetRequest *request = user_data;
  guint i = 0;

  while (i < request->uris->len)
    {
      const char *uri = g_ptr_array_index (request->uris, i);
      g_autoptr(GError) error = NULL;

      if (!hdr_recent_files_contains (request->manager, uri))
        {
          i++;
          continue;
        }

      if (!gtk_recent_manager_remove_item (request->manager, uri, &error))
        g_warning ("Could not remove %s from the recently used files: %s", uri, error->message);
      else
        g_debug ("Removed %s from the recently used files", uri);

      g_ptr_array_remove_index_fast (request->uris, i);
    }

  if (request->uris->len == 0)
    return G_SOURCE_REMOVE;

  if (g_get_monotonic_time () >= request->deadline)
    {
      g_debug ("%u opened files never appeared in the recently used files", request->uris->len);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/**
 * hdr_recent_files_forget:
 * @files: (element-type GFile): the files a file chooser just accepted
 *
 * Removes @files from the recently used files list once the file chooser
 * has added them.  Call it from the chooser's response handler, before the
 * main loop runs again.  A file that was already in the list stays there,
 * because another application put it there.
 *
 * NOTE: a file already in the list keeps this application's registration
 * in it, since GtkRecentManager has no call that removes one application.
 * A chooser that runs through the file chooser portal (in a Flatpak) adds
 * the file in the portal's process, out of this process's reach.
 */
void
hdr_recent_files_forget (GListModel *files)
{
  GtkRecentManager *manager;
  ForgetRequest *request;
  guint n_files;

  g_return_if_fail (G_IS_LIST_MODEL (files));

  manager = gtk_recent_manager_get_default ();
  n_files = g_list_model_get_n_items (files);

  request = g_new0 (ForgetRequest, 1);
  request->manager = g_object_ref (manager);
  request->uris = g_ptr_array_new_with_free_func (g_free);
  request->deadline = g_get_monotonic_time () + GIVE_UP_AFTER_SECONDS * G_USEC_PER_SEC;

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *uri = g_file_get_uri (file);

      if (!hdr_recent_files_contains (manager, uri))
        g_ptr_array_add (request->uris, g_steal_pointer (&uri));
    }

  if (request->uris->len == 0)
    {
      forget_request_free (request);
      return;
    }

  g_timeout_add_full (G_PRIORITY_DEFAULT,
                      POLL_INTERVAL_MS,
                      hdr_recent_files_poll_cb,
                      request,
                      (GDestroyNotify) forget_request_free);
}
