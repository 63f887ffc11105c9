/* hdr-report-command.c: `header-inspector --report`, with no window and no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-command"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "hdr-analysis.h"
#include "hdr-batch.h"
#include "hdr-error.h"
#include "hdr-report-command.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_MARKDOWN,
  FORMAT_HTML,
} ReportFormat;

/* The state of standard output over all inputs of one command. */
typedef struct
{
  ReportFormat format;
  gboolean     sections;    /* HTML: each report and summary is a <section> of one document */
  gboolean     html_begun;  /* the document head is printed, so the end must follow */
  guint        printed;     /* reports and summaries printed so far */
} ReportPrinter;

/* Bytes of standard input looked at to tell an mbox file from a message,
 * as much as hdr_mailbox_detect() reads of a file. */
#define STANDARD_INPUT_PEEK_SIZE (1024 * 1024)

/* Returns standard input, buffered, with up to STANDARD_INPUT_PEEK_SIZE
 * bytes read ahead. */
static GBufferedInputStream *
open_standard_input (void)
{
  g_autoptr(GInputStream) raw = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GBufferedInputStream) input = NULL;

  input = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new_sized (raw, STANDARD_INPUT_PEEK_SIZE));
  while (g_buffered_input_stream_get_available (input) < STANDARD_INPUT_PEEK_SIZE)
    {
      gssize count = STANDARD_INPUT_PEEK_SIZE - g_buffered_input_stream_get_available (input);

      /* A read error shows again when the input is read as a message. */
      if (g_buffered_input_stream_fill (input, count, NULL, NULL) <= 0)
        break;
    }

  return g_steal_pointer (&input);
}

/* Reads INPUT up to one byte past the message size limit, so that the
 * message reader can report the cut. */
static GBytes *
read_message_stream (GInputStream  *input,
                     GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];

  while (buffer->len <= HDR_MESSAGE_MAX_SIZE)
    {
      g_autoptr(GError) local_error = NULL;
      gssize count = g_input_stream_read (input, chunk, sizeof chunk, NULL, &local_error);

      if (count == 0)
        break;

      if (count < 0)
        {
          g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                       _("Standard input could not be read: %s"), local_error->message);
          return NULL;
        }

      g_byte_array_append (buffer, chunk, MIN ((gsize)count,
                                               HDR_MESSAGE_MAX_SIZE + 1 - buffer->len));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* Analyses PATH, or STANDARD_INPUT, from open_standard_input(), when PATH
 * is "-". */
static HdrReport *
analyze_path (const char                *path,
              GInputStream              *standard_input,
              const HdrAnalysisOptions  *analysis_options,
              GError                   **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(HdrMessage) message = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GBytes) bytes = read_message_stream (standard_input, error);

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
 * refreshed at most once an hour.  With --no-network its cached copy is
 * used, and so it is, with a warning, when the refresh fails.  A list that
 * cannot be loaded at all is an error. */
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

      if (hdr_traplist_get_n_entries (list) == 0)
        g_printerr (_("header-inspector: warning: the trap list “%s” has no addresses, so "
                      "every sender will be reported as not listed.\n"),
                    source);

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

/* Wrap @fragment in a <section> when the document contains several. */
static char *
wrap_html_section (const ReportPrinter *printer,
                   const char          *class_name,
                   const char          *fragment)
{
  if (!printer->sections)
    return g_strdup (fragment);

  return g_strdup_printf ("<section class=\"%s\">\n%s</section>\n", class_name, fragment);
}

/* Format @report for print_formatted().  Reads only the format and
 * sections of @printer, so it may run on a worker thread. */
static char *
format_report (HdrReport           *report,
               const ReportPrinter *printer)
{
  switch (printer->format)
    {
    case FORMAT_JSON:
      return hdr_report_to_json (report, FALSE);

    case FORMAT_MARKDOWN:
      return hdr_report_to_markdown (report);

    case FORMAT_HTML:
      {
        g_autofree char *fragment = hdr_report_to_html_fragment (report);

        return wrap_html_section (printer, "report", fragment);
      }

    case FORMAT_TEXT:
    default:
      return hdr_report_to_text (report);
    }
}

/* Print @output, made by format_report(), with the separator its format
 * puts between reports.  HTML output starts the one document on the first
 * call, and hdr_report_command_run() ends it. */
static void
print_formatted (ReportPrinter *printer,
                 const char    *output)
{
  switch (printer->format)
    {
    case FORMAT_JSON:
      fputs (output, stdout);
      fputc ('\n', stdout);
      break;

    case FORMAT_MARKDOWN:
      if (printer->printed > 0)
        fputs ("\n---\n\n", stdout);
      fputs (output, stdout);
      break;

    case FORMAT_HTML:
      if (!printer->html_begun)
        {
          g_autofree char *begin = hdr_report_html_begin ();

          fputs (begin, stdout);
          printer->html_begun = TRUE;
        }
      fputs (output, stdout);
      break;

    case FORMAT_TEXT:
    default:
      if (printer->printed > 0)
        fputs ("\n\n", stdout);
      fputs (output, stdout);
      break;
    }

  printer->printed++;
}

static void
print_report (ReportPrinter *printer,
              HdrReport     *report)
{
  g_autofree char *output = format_report (report, printer);

  print_formatted (printer, output);
}

/* Print the summary of a mailbox after its reports: one JSON line, a
 * Markdown or HTML section like a report, or plain text. */
static void
print_summary (ReportPrinter   *printer,
               HdrBatchSummary *summary)
{
  g_autofree char *output = NULL;

  switch (printer->format)
    {
    case FORMAT_JSON:
      output = hdr_batch_summary_to_json (summary);
      fputs (output, stdout);
      fputc ('\n', stdout);
      break;

    case FORMAT_MARKDOWN:
      output = hdr_batch_summary_to_markdown (summary);
      print_formatted (printer, output);
      break;

    case FORMAT_HTML:
      {
        g_autofree char *fragment = hdr_batch_summary_to_html (summary);

        output = wrap_html_section (printer, "mailbox-summary", fragment);
        print_formatted (printer, output);
      }
      break;

    case FORMAT_TEXT:
    default:
      output = hdr_batch_summary_to_text (summary);
      fputs ("\n\n", stdout);
      fputs (output, stdout);
      break;
    }
}

typedef struct
{
  ReportPrinter    *printer;
  HdrBatchSummary  *summary;
  HdrMailboxReader *reader;
  gboolean          unreadable;
  gboolean          show_progress;
} MailboxRun;

/* Runs on a worker thread, so that formatting the reports does not hold up
 * the thread that reads the mailbox. */
static void
format_mailbox_item (HdrBatchItem *item,
                     gpointer      user_data)
{
  const MailboxRun *run = user_data;

  item->data = format_report (item->report, run->printer);
  item->data_destroy = g_free;
}

static void
print_mailbox_item (const HdrBatchItem *item,
                    gpointer            user_data)
{
  MailboxRun *run = user_data;

  hdr_batch_summary_add (run->summary, item);

  if (item->report == NULL)
    {
      g_printerr ("%sheader-inspector: %s\n", run->show_progress ? "\r\033[K" : "",
                  item->error->message);
      run->unreadable = TRUE;
    }
  else
    {
      print_formatted (run->printer, item->data);
    }

  if (run->show_progress)
    {
      guint count = item->index + 1;

      /* The carriage return rewrites the same terminal line. */
      g_printerr ("\r");
      g_printerr (ngettext ("Analysed %u message (%.0f%% of the mailbox read)",
                            "Analysed %u messages (%.0f%% of the mailbox read)", count),
                  count, 100.0 * hdr_mailbox_reader_get_fraction (run->reader));
    }
}

/* Analyse every message of an mbox file or Maildir on all processors,
 * print the reports in mailbox order, then a summary that groups the
 * blackmail messages by wallet and by origin IP. */
static int
run_mailbox (HdrMailboxReader         *reader,
             const char               *name,
             ReportPrinter            *printer,
             const HdrAnalysisOptions *analysis_options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrBatchSummary) summary = hdr_batch_summary_new ();
  MailboxRun run = { 0 };
  gboolean ok;

  hdr_batch_summary_set_mailbox (summary, name);
  run.printer = printer;
  run.summary = summary;
  run.reader = reader;
  run.show_progress = isatty (STDERR_FILENO);

  ok = hdr_batch_run_full (reader, analysis_options, g_get_num_processors (),
                           format_mailbox_item, print_mailbox_item, &run, NULL, &error);

  if (run.show_progress)
    g_printerr ("\r\033[K");

  if (!ok)
    g_printerr ("header-inspector: %s\n", error->message);

  print_summary (printer, summary);

  return ok && !run.unreadable ? HDR_REPORT_EXIT_OK : HDR_REPORT_EXIT_UNREADABLE;
}

/**
 * hdr_report_command_run:
 *
 * Print a report for each path on standard output.  With several paths or
 * a mailbox, HTML output is one document with a section per report and
 * per mailbox summary.  Errors go to standard error, one sentence each,
 * and the remaining paths are still analysed.
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
  ReportPrinter printer = { 0 };
  const char *format;
  const char * const *paths;
  int status = HDR_REPORT_EXIT_OK;

  g_return_val_if_fail (options != NULL, HDR_REPORT_EXIT_USAGE);

  format = options->format;
  paths = options->paths;

  if (!parse_format (format, &printer.format))
    {
      g_printerr (_("header-inspector: unknown report format “%s”. Use --format=text, "
                    "--format=markdown, --format=html or --format=json.\n"), format);
      return HDR_REPORT_EXIT_USAGE;
    }

  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("header-inspector: --report needs a message file, or “-” to read the "
                    "message from standard input.\n"
                    "Usage: header-inspector --report [--format=text|markdown|html|json] "
                    "[--traplist FILE|URL]… [--no-network] FILE|-…\n"));
      return HDR_REPORT_EXIT_USAGE;
    }

  if (!load_traplists (options, traplists))
    return HDR_REPORT_EXIT_UNREADABLE;
  analysis_options.traplists = traplists;

  /* Several paths give several reports in one HTML document, and so does
   * a mailbox, below.  A single message gives the page of
   * hdr_report_to_html(). */
  printer.sections = paths[1] != NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdrReport) report = NULL;

      g_autoptr(GBufferedInputStream) standard_input = NULL;
      g_autoptr(HdrMailboxReader) reader = NULL;

      if (!g_str_equal (paths[i], "-"))
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);

          if (hdr_mailbox_detect (file, NULL) != HDR_MAILBOX_NONE)
            {
              reader = hdr_mailbox_reader_new (file, NULL, &error);
              if (reader == NULL)
                {
                  g_printerr ("header-inspector: %s\n", error->message);
                  status = HDR_REPORT_EXIT_UNREADABLE;
                  continue;
                }
            }
        }
      else
        {
          gsize available = 0;
          const char *head;

          standard_input = open_standard_input ();
          head = g_buffered_input_stream_peek_buffer (standard_input, &available);
          if (hdr_mailbox_is_mbox_start (head, available))
            /* Translators: the name of the input when a mailbox is piped in. */
            reader = hdr_mailbox_reader_new_for_stream (G_INPUT_STREAM (standard_input),
                                                        _("standard input"));
        }

      if (reader != NULL)
        {
          g_autofree char *name = g_str_equal (paths[i], "-")
                                  ? g_strdup (_("standard input"))
                                  : g_filename_display_name (paths[i]);

          printer.sections = TRUE;
          if (run_mailbox (reader, name, &printer, &analysis_options) != HDR_REPORT_EXIT_OK)
            status = HDR_REPORT_EXIT_UNREADABLE;
          continue;
        }

      report = analyze_path (paths[i], G_INPUT_STREAM (standard_input), &analysis_options, &error);
      if (report == NULL)
        {
          g_printerr ("header-inspector: %s\n", error->message);
          status = HDR_REPORT_EXIT_UNREADABLE;
          continue;
        }

      print_report (&printer, report);
    }

  if (printer.html_begun)
    fputs (hdr_report_html_end (), stdout);

  fflush (stdout);

  return status;
}
