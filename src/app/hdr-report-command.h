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

/* Print the report of each path ("-" is standard input) in format ("text",
 * "json", or NULL for text) and return the exit status. */
int hdr_report_command_run (const char         *format,
                            const char * const *paths);

G_END_DECLS
