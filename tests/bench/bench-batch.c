/* bench-batch.c: throughput and memory of mailbox analysis
 *
 * Generates its corpus with generate-corpus.py (a fixed seed, so every run
 * reads the same bytes), then reports in one run:
 *   - messages per second of GMime's parse alone
 *     (g_mime_parser_construct_message), one thread: the floor;
 *   - messages per second of the full analysis of each message as
 *     `--report --format=json` does it (parse, analysis, JSON), one thread,
 *     and its ratio to the parse;
 *   - hdr_batch_run_full() over the same mbox on 1 and on 2 worker
 *     threads, with the JSON made on the workers as `--report` does, and
 *     the ratio of the two, each the median of BATCH_RUNS runs;
 *   - peak resident memory of hdr_batch_run() over a 1 GiB mbox, measured
 *     in a child process (its VmHWM, and ru_maxrss from
 *     getrusage (RUSAGE_CHILDREN) in the parent);
 *   - time to verdict for one 30 MiB message with attachments.
 *
 * Usage: bench-batch [--messages N] [--mbox-megabytes M] [--keep DIR]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <gmime/gmime.h>
#include <glib/gstdio.h>

#include "hdr-analysis.h"
#include "hdr-batch.h"
#include "hdr-mailbox.h"

#define DEFAULT_MESSAGES 2000
#define DEFAULT_MBOX_MEGABYTES 1024
#define LARGE_MESSAGE_MEGABYTES 30
#define LARGE_MESSAGE_RUNS 3
#define BATCH_RUNS 3

static char *
generate (const char  *generator,
          const char  *folder,
          const char  *name,
          const char **extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, name, NULL);
  int status = 0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  g_ptr_array_add (argv, (char *) "python3");
  g_ptr_array_add (argv, (char *) generator);
  g_ptr_array_add (argv, path);
  for (guint i = 0; extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-batch: generating %s failed: %s\n", path, error->message);
      exit (1);
    }

  return path;
}

/* Every message of @path, read with the mailbox reader. */
static GPtrArray *
read_all_messages (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = hdr_mailbox_reader_new (file, NULL, &error);
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GBytes *bytes;
  char *source = NULL;

  g_assert_no_error (error);

  while ((bytes = hdr_mailbox_reader_next (reader, &source, NULL, &error)) != NULL)
    {
      g_ptr_array_add (messages, bytes);
      g_free (source);
    }
  g_free (source);
  g_assert_no_error (error);

  return messages;
}

static double
seconds_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

/* CPU seconds of @clock: CLOCK_THREAD_CPUTIME_ID or CLOCK_PROCESS_CPUTIME_ID.
 * The single-thread ratios use it, because other processes on a shared
 * machine stretch wall time but not CPU time. */
static double
cpu_seconds (clockid_t clock)
{
  struct timespec now;

  clock_gettime (clock, &now);

  return now.tv_sec + now.tv_nsec / 1e9;
}

/* The 1-minute load average, to show how busy the machine was. */
static double
read_load_average (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return -1;

  return g_ascii_strtod (contents, NULL);
}

/* Returns: thread CPU seconds; @wall_seconds gets the wall time */
static double
time_parse (GPtrArray *messages,
            double    *wall_seconds)
{
  gint64 started = g_get_monotonic_time ();
  double cpu_started = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);

  for (guint i = 0; i < messages->len; i++)
    {
      GBytes *bytes = g_ptr_array_index (messages, i);
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (bytes, &length);
      GMimeStream *stream = g_mime_stream_mem_new_with_buffer ((const char *) data, length);
      GMimeParser *parser = g_mime_parser_new_with_stream (stream);
      GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

      g_clear_object (&message);
      g_object_unref (parser);
      g_object_unref (stream);
    }

  *wall_seconds = seconds_since (started);

  return cpu_seconds (CLOCK_THREAD_CPUTIME_ID) - cpu_started;
}

/* What `--report --format=json` does per message. */
static void
analyse_and_serialise (GBytes     *bytes,
                       const char *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = hdr_message_new_from_bytes (bytes, source, &error);
  g_autoptr(HdrReport) report = NULL;
  g_autofree char *json = NULL;

  if (message == NULL)
    return;

  report = hdr_analyze_message_full (message, NULL);
  json = hdr_report_to_json (report, FALSE);
}

/* Returns: thread CPU seconds; @wall_seconds gets the wall time */
static double
time_full_analysis (GPtrArray *messages,
                    double    *wall_seconds)
{
  gint64 started = g_get_monotonic_time ();
  double cpu_started = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);

  for (guint i = 0; i < messages->len; i++)
    analyse_and_serialise (g_ptr_array_index (messages, i), "bench");

  *wall_seconds = seconds_since (started);

  return cpu_seconds (CLOCK_THREAD_CPUTIME_ID) - cpu_started;
}

typedef struct
{
  HdrBatchSummary *summary;
  gsize            json_bytes;
} BatchRun;

/* Runs on a worker thread, as the JSON of `--report` does. */
static void
batch_prepare_cb (HdrBatchItem *item,
                  gpointer      user_data)
{
  item->data = hdr_report_to_json (item->report, FALSE);
  item->data_destroy = g_free;
}

static void
batch_item_cb (const HdrBatchItem *item,
               gpointer            user_data)
{
  BatchRun *run = user_data;

  hdr_batch_summary_add (run->summary, item);
  if (item->data != NULL)
    run->json_bytes += strlen (item->data);
}

/* Returns: wall seconds; @cpu gets the CPU seconds of the whole process */
static double
time_batch (const char *path,
            guint       n_threads,
            guint      *n_messages,
            double     *cpu)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_autoptr(HdrBatchSummary) summary = hdr_batch_summary_new ();
  BatchRun run = { summary, 0 };
  HdrAnalysisOptions options = { 0 };
  gint64 started;
  double seconds;

  g_assert_no_error (error);

  *cpu = cpu_seconds (CLOCK_PROCESS_CPUTIME_ID);
  started = g_get_monotonic_time ();
  if (!hdr_batch_run_full (reader, &options, n_threads, batch_prepare_cb, batch_item_cb, &run,
                           NULL, &error))
    g_error ("hdr_batch_run failed: %s", error->message);
  seconds = seconds_since (started);
  *cpu = cpu_seconds (CLOCK_PROCESS_CPUTIME_ID) - *cpu;

  *n_messages = hdr_batch_summary_get_messages (summary);

  return seconds;
}

/* VmHWM of this process in KiB, or 0 when /proc cannot be read. */
static guint64
read_vm_hwm (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

/* The child process of the memory measurement: print its VmHWM. */
static int
run_peak_memory_child (const char *path)
{
  guint n_messages = 0;
  double cpu = 0;
  double seconds = time_batch (path, g_get_num_processors (), &n_messages, &cpu);

  printf ("%u %.3f %" G_GUINT64_FORMAT "\n", n_messages, seconds, read_vm_hwm ());

  return 0;
}

static void
measure_peak_memory (const char *self_path,
                     const char *mbox_path)
{
  const char *argv[] = { self_path, "--peak-memory-child", mbox_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  struct rusage usage = { 0 };
  guint64 vm_hwm_kib = 0;
  guint n_messages = 0;
  double seconds = 0;
  GStatBuf info;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &output, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("The memory measurement failed: %s", error->message);

  if (sscanf (output, "%u %lf %" G_GUINT64_FORMAT, &n_messages, &seconds, &vm_hwm_kib) != 3)
    g_error ("Unexpected output of the memory measurement: %s", output);

  getrusage (RUSAGE_CHILDREN, &usage);
  g_stat (mbox_path, &info);

  printf ("\nPeak memory, hdr_batch_run on %u threads over a %.0f MiB mbox (%u messages, %.1f s):\n",
          g_get_num_processors (), info.st_size / 1048576.0, n_messages, seconds);
  printf ("  VmHWM of the child:        %8.1f MiB\n", vm_hwm_kib / 1024.0);
  printf ("  ru_maxrss of the children: %8.1f MiB\n", usage.ru_maxrss / 1024.0);
  printf ("  target < 200 MiB: %s\n", vm_hwm_kib < 200 * 1024 ? "met" : "MISSED");
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double first = *(const double *) a;
  double second = *(const double *) b;

  return first < second ? -1 : first > second;
}

/* Returns the median of the N values, which it sorts. */
static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);

  return values[n / 2];
}

static void
measure_large_message (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double times[LARGE_MESSAGE_RUNS];
  HdrVerdict verdict = HDR_VERDICT_NONE;
  GStatBuf info;

  g_stat (path, &info);

  for (guint run = 0; run < LARGE_MESSAGE_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();
      g_autoptr(HdrMessage) message = hdr_message_new_from_file (file, NULL, &error);
      g_autoptr(HdrReport) report = NULL;

      g_assert_no_error (error);
      report = hdr_analyze_message_full (message, NULL);
      verdict = hdr_report_get_verdict (report);
      times[run] = seconds_since (started);
    }

  qsort (times, LARGE_MESSAGE_RUNS, sizeof (double), compare_doubles);

  printf ("\nOne %.1f MiB message with attachments, file to verdict (median of %d): %.3f s, verdict %s\n",
          info.st_size / 1048576.0, LARGE_MESSAGE_RUNS, times[LARGE_MESSAGE_RUNS / 2],
          hdr_verdict_to_string (verdict));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *generator = g_build_filename (SOURCE_DIR, "tests", "bench", "generate-corpus.py", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *corpus_path = NULL;
  g_autofree char *large_path = NULL;
  g_autofree char *big_mbox_path = NULL;
  g_autofree char *count_arg = NULL;
  g_autofree char *megabytes_arg = NULL;
  g_autofree char *large_arg = g_strdup_printf ("%d", LARGE_MESSAGE_MEGABYTES);
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  const char *keep = NULL;
  guint n_messages = DEFAULT_MESSAGES;
  guint mbox_megabytes = DEFAULT_MBOX_MEGABYTES;
  guint batch_messages_1 = 0;
  guint batch_messages_2 = 0;
  gsize corpus_bytes = 0;
  double read_seconds;
  double parse_seconds;
  double parse_wall;
  double full_seconds;
  double full_wall;
  double batch_1;
  double batch_2;
  double batch_cpu_1;
  double batch_cpu_2;

  g_mime_init ();

  if (argc == 3 && g_str_equal (argv[1], "--peak-memory-child"))
    return run_peak_memory_child (argv[2]);

  /* For profilers: only the batch run over an mbox on THREADS workers. */
  if (argc == 4 && g_str_equal (argv[1], "--batch-only"))
    {
      guint threads = (guint) g_ascii_strtoull (argv[2], NULL, 10);
      guint count = 0;
      double cpu;
      double wall;

      /* The first run loads and compiles the rules, as in the full benchmark. */
      double caller;

      time_batch (argv[3], threads, &count, &cpu);
      caller = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);
      wall = time_batch (argv[3], threads, &count, &cpu);
      caller = cpu_seconds (CLOCK_THREAD_CPUTIME_ID) - caller;

      printf ("%u messages on %u threads: %.3f s, %.3f s CPU, %.3f s of it on the calling thread\n",
              count, threads, wall, cpu, caller);
      return 0;
    }

  /* For profilers: only the timed passes of one stage over an mbox. */
  if (argc == 3 && g_str_equal (argv[1], "--read-only"))
    {
      double cpu = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);
      g_autoptr(GPtrArray) read = read_all_messages (argv[2]);

      printf ("%u messages: %.3f s CPU\n", read->len, cpu_seconds (CLOCK_THREAD_CPUTIME_ID) - cpu);
      return 0;
    }
  if (argc == 3 && (g_str_equal (argv[1], "--full-only") || g_str_equal (argv[1], "--parse-only")))
    {
      g_autoptr(GPtrArray) profiled = read_all_messages (argv[2]);
      double wall;
      double cpu;

      if (g_str_equal (argv[1], "--full-only"))
        {
          time_full_analysis (profiled, &wall);
          cpu = time_full_analysis (profiled, &wall);
        }
      else
        {
          time_parse (profiled, &wall);
          cpu = time_parse (profiled, &wall);
        }
      printf ("%u messages: %.3f s CPU\n", profiled->len, cpu);
      return 0;
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--messages") && i + 1 < argc)
        n_messages = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--mbox-megabytes") && i + 1 < argc)
        mbox_megabytes = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--keep") && i + 1 < argc)
        keep = argv[++i];
      else
        {
          g_printerr ("Usage: bench-batch [--messages N] [--mbox-megabytes M] [--keep DIR]\n"
                      "       bench-batch --read-only|--full-only|--parse-only MBOX\n"
                      "       bench-batch --batch-only THREADS MBOX\n"
                      "  --messages N        messages of the throughput corpus (default %d)\n"
                      "  --mbox-megabytes M  size of the memory corpus in MiB (default %d)\n"
                      "  --keep DIR          write the corpora to DIR and reuse them next time\n"
                      "  --read-only MBOX    only time reading MBOX, for profiling\n"
                      "  --full-only MBOX    only time the full analysis of MBOX, for profiling\n"
                      "  --parse-only MBOX   only time GMime's parse of MBOX, for profiling\n"
                      "  --batch-only THREADS MBOX\n"
                      "                      only time the batch run over MBOX, for profiling\n",
                      DEFAULT_MESSAGES, DEFAULT_MBOX_MEGABYTES);
          return 2;
        }
    }

  if (keep != NULL)
    {
      g_mkdir_with_parents (keep, 0700);
      folder = g_strdup (keep);
    }
  else
    {
      folder = g_dir_make_tmp ("bench-batch-XXXXXX", &error);
      g_assert_no_error (error);
    }

  count_arg = g_strdup_printf ("%u", n_messages);
  megabytes_arg = g_strdup_printf ("%u", mbox_megabytes);
  {
    g_autofree char *corpus_name = g_strdup_printf ("corpus-%u.mbox", n_messages);
    g_autofree char *big_name = g_strdup_printf ("corpus-%uM.mbox", mbox_megabytes);
    const char *corpus_args[] = { "--count", count_arg, NULL };
    const char *large_args[] = { "--large-message", "--megabytes", large_arg, NULL };
    const char *big_args[] = { "--megabytes", megabytes_arg, NULL };

    corpus_path = generate (generator, folder, corpus_name, corpus_args);
    large_path = generate (generator, folder, "large-message.eml", large_args);
    big_mbox_path = generate (generator, folder, big_name, big_args);
  }

  /* First, while this process is small: a forked child's ru_maxrss
   * includes the parent's pages it shared before exec. */
  measure_peak_memory ("/proc/self/exe", big_mbox_path);

  {
    double cpu_started = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);

    /* The first read fills the page cache, the second is timed. */
    g_ptr_array_unref (read_all_messages (corpus_path));
    cpu_started = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);
    messages = read_all_messages (corpus_path);
    read_seconds = cpu_seconds (CLOCK_THREAD_CPUTIME_ID) - cpu_started;
  }
  for (guint i = 0; i < messages->len; i++)
    corpus_bytes += g_bytes_get_size (g_ptr_array_index (messages, i));

  printf ("Corpus: %u messages, %.1f MiB (%s)\n", messages->len, corpus_bytes / 1048576.0, corpus_path);

  /* A first pass loads the rules and warms the caches for both timings. */
  time_full_analysis (messages, &full_wall);

  parse_seconds = time_parse (messages, &parse_wall);
  full_seconds = time_full_analysis (messages, &full_wall);

  printf ("Load average before the timings: %.1f on %u processors\n",
          read_load_average (), g_get_num_processors ());
  printf ("\nOne thread, messages in memory (rates from thread CPU time, wall time in brackets):\n");
  printf ("  mbox reader alone:            %8.0f messages/s\n", messages->len / read_seconds);
  printf ("  GMime parse alone:            %8.0f messages/s (%.0f)\n",
          messages->len / parse_seconds, messages->len / parse_wall);
  printf ("  full analysis with JSON:      %8.0f messages/s (%.0f)\n",
          messages->len / full_seconds, messages->len / full_wall);
  printf ("  full analysis / parse time:   %8.3f (target at most 2: %s)\n",
          full_seconds / parse_seconds, full_seconds / parse_seconds <= 2.0 ? "met" : "MISSED");

  g_clear_pointer (&messages, g_ptr_array_unref);

  /* Runs on 1 and on 2 threads take turns, so that a passing load on the
   * machine slows both alike, and each figure is the median of its runs. */
  {
    double walls_1[BATCH_RUNS];
    double walls_2[BATCH_RUNS];
    double cpus_1[BATCH_RUNS];
    double cpus_2[BATCH_RUNS];

    for (guint run = 0; run < BATCH_RUNS; run++)
      {
        walls_1[run] = time_batch (corpus_path, 1, &batch_messages_1, &cpus_1[run]);
        walls_2[run] = time_batch (corpus_path, 2, &batch_messages_2, &cpus_2[run]);
      }
    batch_1 = median (walls_1, BATCH_RUNS);
    batch_2 = median (walls_2, BATCH_RUNS);
    batch_cpu_1 = median (cpus_1, BATCH_RUNS);
    batch_cpu_2 = median (cpus_2, BATCH_RUNS);
  }

  printf ("\nhdr_batch_run_full from the mbox file, with JSON on the workers (median wall\n"
          "time of %d runs; process CPU seconds in brackets; load average now %.1f):\n",
          BATCH_RUNS, read_load_average ());
  printf ("  1 worker thread:              %8.0f messages/s (%.1f s CPU)\n",
          batch_messages_1 / batch_1, batch_cpu_1);
  printf ("  2 worker threads:             %8.0f messages/s (%.1f s CPU)\n",
          batch_messages_2 / batch_2, batch_cpu_2);
  printf ("  speed-up on 2 threads:        %8.3f (target at least 1.7: %s; %u processors)\n",
          batch_1 / batch_2, batch_1 / batch_2 >= 1.7 ? "met" : "MISSED", g_get_num_processors ());

  measure_large_message (large_path);

  if (keep == NULL)
    {
      g_unlink (corpus_path);
      g_unlink (large_path);
      g_unlink (big_mbox_path);
      g_rmdir (folder);
    }

  return 0;
}
