/* hdr-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "hdr-error.h"

G_DEFINE_QUARK (hdr-error-quark, hdr_error)

/**
 * hdr_error_set_open_failed:
 * @error: return location for a %HDR_ERROR_READ error
 * @name: the input, as shown to people
 * @cause: why opening or reading it failed, usually a #G_IO_ERROR
 *
 * Sets @error to a sentence that names @name and says what to do next.  A
 * missing file and a missing permission get their own advice; any other
 * cause is quoted.
 */
void
hdr_error_set_open_failed (GError       **error,
                           const char    *name,
                           const GError  *cause)
{
  g_return_if_fail (name != NULL);
  g_return_if_fail (cause != NULL);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                 _("“%s” does not exist. Check the name and the folder, then open the file "
                   "again."), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                 _("“%s” cannot be opened because you have no permission to read it. "
                   "Copy it to one of your own folders, or ask its owner, and open the "
                   "copy."), name);
  else
    g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                 _("“%s” could not be opened: %s"), name, cause->message);
}
