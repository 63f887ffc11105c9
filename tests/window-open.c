/* window-open.c: open a file in a test window and wait for its page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "window-open.h"

#include "hdr-mailbox-page.h"
#include "hdr-message-page.h"

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out after %u s waiting for the page of an opened file",
           GPOINTER_TO_UINT (user_data));

  return G_SOURCE_REMOVE;
}

/**
 * window_open_file_and_wait:
 * @timeout_seconds: the test fails when the page takes longer
 *
 * Opens @file and runs the main loop until its tab shows a message or a
 * mailbox page, which replaces the placeholder shown while the kind of the
 * file is detected.
 *
 * Returns: (transfer none): the page
 */
GtkWidget *
window_open_file_and_wait (HdrWindow *window,
                           GFile     *file,
                           guint      timeout_seconds)
{
  AdwTabView *tab_view = hdr_window_get_tab_view (window);
  guint timeout_id;
  GtkWidget *child;

  hdr_window_open_file (window, file);

  timeout_id = g_timeout_add_seconds (timeout_seconds, timeout_cb, GUINT_TO_POINTER (timeout_seconds));
  for (;;)
    {
      child = adw_tab_page_get_child (adw_tab_view_get_selected_page (tab_view));
      if (HDR_IS_MESSAGE_PAGE (child) || HDR_IS_MAILBOX_PAGE (child))
        break;

      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout_id);

  return child;
}
