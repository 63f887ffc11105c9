/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <unistd.h>

#include "hdr-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HdrApplication) app = NULL;

  /* With standard input closed, the next file GLib opens (an eventfd) would
   * become descriptor 0, and `--report -` would wait on it forever. */
  if (fcntl (STDIN_FILENO, F_GETFD) == -1)
    open ("/dev/null", O_RDONLY);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = hdr_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
