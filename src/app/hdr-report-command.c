/* hdr-report-command.c: `header-inspector --report`, with no window and no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-command"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "hdr-analysis.h"
#include "hdr-error.h"
#include "hdr-report-command.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_MARKDOWN,
  FORMAT_HTML,
} ReportFormat;

/* Read standard input up to one byte past the message size limit, so that
 * the message reader can report the cut. */
static GBytes *
read_standard_input (GError **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];

  while (buffer->len <= HDR_MESSAGE_MAX_SIZE)
    {
      ssize_t count = read (STDIN_FILENO, chunk, sizeof chunk);

      if (count == 0)
        break;

      if (count < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                       _("Standard input could not be read: %s"), g_strerror (saved_errno));
          return NULL;
        }

      g_byte_array_append (buffer, chunk, MIN ((gsize)count,
                                               HDR_MESSAGE_MAX_SIZE + 1 - buffer->len));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static HdrReport *
analyze_path (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(HdrMessage) message = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GBytes) bytes = read_standard_input (error);

      if (bytes == NULL)
        return NULL;

      /* Translators: the name of the input when a message is piped in. */
      message = hdr_message_new_from_bytes (bytes, _("standard input"), error);
    }
  else
    {
      file = g_file_new_for_commandline_arg (path);
      message = hdr_message_new_from_file (file, NULL, error);
    }

  if (message == NULL)
    return NULL;

  return hdr_analyze_message (message);
}

static gboolean
parse_format (const char   *name,
              ReportFormat *format)
{
  if (name == NULL || g_str_equal (name, "text"))
    *format = FORMAT_TEXT;
  else if (g_str_equal (name, "json"))
    *format = FORMAT_JSON;
  else if (g_str_equal (name, "markdown"))
    *format = FORMAT_MARKDOWN;
  else if (g_str_equal (name, "html"))
    *format = FORMAT_HTML;
  else
    return FALSE;

  return TRUE;
}

/**
 * hdr_report_command_run:
 * @format: (nullable): "text", "markdown", "html" or "json"; %NULL means "text"
 * @paths: (array zero-terminated=1): message files, "-" for standard input
 *
 * Print a report for each path on standard output.  Errors go to standard
 * error, one sentence each, and the remaining paths are still analysed.
 *
 * Returns: %HDR_REPORT_EXIT_OK when every input was analysed,
 *   %HDR_REPORT_EXIT_UNREADABLE when one could not be read, or
 *   %HDR_REPORT_EXIT_USAGE for a usage error
 */
int
hdr_report_command_run (const char         *format,
                        const char * const *paths)
{
  ReportFormat report_format;
  int status = HDR_REPORT_EXIT_OK;

  if (!parse_format (format, &report_format))
    {
      g_printerr (_("header-inspector: unknown report format “%s”. Use --format=text, "
                    "--format=markdown, --format=html or --format=json.\n"), format);
      return HDR_REPORT_EXIT_USAGE;
    }

  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("header-inspector: --report needs a message file, or “-” to read the "
                    "message from standard input.\n"
                    "Usage: header-inspector --report [--format=text|markdown|html|json] FILE|-\n"));
      return HDR_REPORT_EXIT_USAGE;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdrReport) report = analyze_path (paths[i], &error);
      g_autofree char *output = NULL;

      if (report == NULL)
        {
          g_printerr ("header-inspector: %s\n", error->message);
          status = HDR_REPORT_EXIT_UNREADABLE;
          continue;
        }

      if (report_format == FORMAT_JSON)
        {
          output = hdr_report_to_json (report, FALSE);
          fputs (output, stdout);
          fputc ('\n', stdout);
        }
          else if (report_format == FORMAT_MARKDOWN)
        {
          output = hdr_report_to_markdown (report);
          if (i > 0)
            fputs ("\n---\n\n", stdout);
          fputs (output, stdout);
        }
      else if (report_format == FORMAT_HTML)
        {
          /* NOTE: several inputs give several HTML documents in a row. */
          output = hdr_report_to_html (report);
          fputs (output, stdout);
        }
      else
        {
          output = hdr_report_to_text (report);
          if (i > 0)
            fputs ("\n\n", stdout);
          fputs (output, stdout);
        }
    }

  fflush (stdout);

  return status;
}
