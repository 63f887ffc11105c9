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
analyze_path (const char                *path,
              const HdrAnalysisOptions  *analysis_options,
              GError                   **error)
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

  return hdr_analyze_message_full (message, analysis_options);
}

/* Load each trap list named with --traplist into @lists.  A URL is
 * refreshed at most once an hour; with --no-network, or when the refresh
 * fails, its cached copy is used, with a warning in the second case.  A
 * list that cannot be loaded at all is an error. */
static gboolean
load_traplists (const HdrReportCommandOptions *options,
                GPtrArray                     *lists)
{
  HdrTraplistDownloadOptions download_options;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  hdr_traplist_download_options_init (&download_options);
  download_options.no_network = options->no_network;
  /* Naming an http URL on the command line is the user's confirmation. */
  download_options.allow_http = TRUE;

  for (guint i = 0; options->traplists != NULL && options->traplists[i] != NULL; i++)
    {
      const char *source = options->traplists[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(HdrTraplist) list = NULL;

      if (!options->no_network && g_ascii_strncasecmp (source, "http://", 7) == 0)
        g_printerr (_("header-inspector: warning: “%s” is downloaded over plain http, which "
                      "anyone on the way can change. Use an https URL where the list has one.\n"),
                    source);

      list = hdr_traplist_load_source (source, &download_options, NULL, NULL, NULL, &error);
      if (list == NULL)
        {
          if (g_error_matches (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NOT_CACHED) &&
              options->no_network)
            g_printerr (_("header-inspector: %s Run once without --no-network to download it.\n"),
                        error->message);
          else
            g_printerr ("header-inspector: %s\n", error->message);
          return FALSE;
        }

      if (hdr_traplist_get_refresh_error (list) != NULL)
        {
          g_autofree char *age = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  hdr_traplist_get_age_seconds (list, now));

          /* Translators: the first %s is why the download failed, the second a number of seconds. */
          g_printerr (_("header-inspector: warning: %s Using the copy downloaded %s seconds ago.\n"),
                      hdr_traplist_get_refresh_error (list), age);
        }

      if (hdr_traplist_get_n_bad_lines (list) > 0)
        g_printerr (_("header-inspector: warning: %u lines of the trap list “%s” are not "
                      "addresses or ranges and were skipped.\n"),
                    hdr_traplist_get_n_bad_lines (list), source);

      g_ptr_array_add (lists, g_steal_pointer (&list));
    }

  return TRUE;
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
 *
 * Print a report for each path on standard output.  Errors go to standard
 * error, one sentence each, and the remaining paths are still analysed.
 * The trap lists are loaded first: only a URL given with --traplist is
 * downloaded, and with --no-network not even that, so its cached copy is
 * used.  A trap list that cannot be loaded at all stops the command before
 * any report.
 *
 * Returns: %HDR_REPORT_EXIT_OK when every input was analysed,
 *   %HDR_REPORT_EXIT_UNREADABLE when an input or a trap list could not be
 *   read, or %HDR_REPORT_EXIT_USAGE for a usage error
 */
int
hdr_report_command_run (const HdrReportCommandOptions *options)
{
  g_autoptr(GPtrArray) traplists = g_ptr_array_new_with_free_func (g_object_unref);
  HdrAnalysisOptions analysis_options = { 0 };
  const char *format;
  const char * const *paths;
  ReportFormat report_format;
  int status = HDR_REPORT_EXIT_OK;

  g_return_val_if_fail (options != NULL, HDR_REPORT_EXIT_USAGE);

  format = options->format;
  paths = options->paths;

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

  if (!load_traplists (options, traplists))
    return HDR_REPORT_EXIT_UNREADABLE;
  analysis_options.traplists = traplists;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdrReport) report = analyze_path (paths[i], &analysis_options, &error);
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
