/* hdr-report-command.h: `header-inspector --report`, with no window and no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of --report. */
#define HDR_REPORT_EXIT_OK          0
#define HDR_REPORT_EXIT_UNREADABLE  1
#define HDR_REPORT_EXIT_USAGE       2

/* What `--report` was given on the command line. */
typedef struct
{
  const char         *format;      /* "text", "markdown", "html", "json", or NULL for text */
  const char * const *paths;       /* NULL-terminated: message files, "-" for standard input */
  const char * const *traplists;   /* NULL-terminated trap-list files or URLs, or NULL */
  gboolean            no_network;  /* a URL's list comes only from the cached copy */
} HdrReportCommandOptions;

/* Print the report of each path and return the exit status. */
int hdr_report_command_run (const HdrReportCommandOptions *options);

G_END_DECLS
