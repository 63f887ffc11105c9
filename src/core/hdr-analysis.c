/* hdr-analysis.c: the whole analysis of one message, in a thread or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-analysis"

#include "config.h"

#include "hdr-analysis.h"

/**
 * hdr_analyze_message:
 *
 * Run every stage on @message: route, authentication results, text scan,
 * verdict.  Pure: no network, no files, no global state beyond the compiled
 * rules.
 *
 * Returns: (transfer full): the report
 */
HdrReport *
hdr_analyze_message (HdrMessage *message)
{
  g_autoptr(HdrRoute) route = NULL;
  g_autoptr(HdrAuth) auth = NULL;
  g_autoptr(HdrTextScan) scan = NULL;
  GPtrArray *headers;

  g_return_val_if_fail (HDR_IS_MESSAGE (message), NULL);

  headers = hdr_message_get_headers (message);
  route = hdr_route_new (headers);
  auth = hdr_auth_new (headers, route);
  scan = hdr_text_scan_new (hdr_rules_get_default (), message);

  return hdr_report_new (message, route, auth, scan);
}

/**
 * hdr_analyze_message_full:
 * @options: (nullable): optional inputs; %NULL is the same as
 *   hdr_analyze_message ()
 *
 * Runs hdr_analyze_message (), then looks the origin IP up in
 * @options->traplists when there are any.  The lists are read, never
 * downloaded here.
 *
 * Returns: (transfer full): the report
 */
HdrReport *
hdr_analyze_message_full (HdrMessage               *message,
                          const HdrAnalysisOptions *options)
{
  HdrReport *report;

  g_return_val_if_fail (HDR_IS_MESSAGE (message), NULL);

  report = hdr_analyze_message (message);

  if (options != NULL && options->traplists != NULL && options->traplists->len > 0)
    hdr_report_add_traplists (report, options->traplists, g_get_real_time () / G_USEC_PER_SEC);

  return report;
}

/**
 * hdr_analyze_bytes:
 * @source: a name for the input: a path, or "pasted text"
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 *   when @bytes is not a message
 */
HdrReport *
hdr_analyze_bytes (GBytes      *bytes,
                   const char  *source,
                   GError     **error)
{
  g_autoptr(HdrMessage) message = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  message = hdr_message_new_from_bytes (bytes, source, error);
  if (message == NULL)
    return NULL;

  return hdr_analyze_message (message);
}

typedef struct
{
  GFile     *file;
  GBytes    *bytes;
  char      *source;
  GPtrArray *traplists;  /* element-type HdrTraplist, or NULL */
  gboolean   words_only_allowed;
} AnalyzeData;

static void
analyze_data_free (AnalyzeData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_pointer (&data->source, g_free);
  g_clear_pointer (&data->traplists, g_ptr_array_unref);
  g_free (data);
}

static void
analyze_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  AnalyzeData *data = task_data;
  g_autoptr(HdrMessage) message = NULL;
  HdrAnalysisOptions options = { 0 };
  GError *error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (data != NULL);

  if (data->file != NULL)
    message = hdr_message_new_from_file (data->file, cancellable, &error);
  else if (data->words_only_allowed)
    message = hdr_message_new_from_words (data->bytes, data->source, &error);
  else
    message = hdr_message_new_from_bytes (data->bytes, data->source, &error);

  if (message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  options.traplists = data->traplists;
  g_task_return_pointer (task, hdr_analyze_message_full (message, &options), g_object_unref);
}

static void
run_in_thread (AnalyzeData         *data,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify)analyze_data_free);
  g_task_run_in_thread (task, analyze_thread);
}

/**
 * hdr_analyze_file_async:
 *
 * Read @file (read-only) and analyse it on a worker thread.
 */
void
hdr_analyze_file_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  AnalyzeData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (AnalyzeData, 1);
  data->file = g_object_ref (file);
  run_in_thread (data, cancellable, callback, user_data, hdr_analyze_file_async);
}

/**
 * hdr_analyze_bytes_async:
 * @source: a name for the input, such as "pasted text"
 *
 * Analyse @bytes on a worker thread.
 */
void
hdr_analyze_bytes_async (GBytes              *bytes,
                         const char          *source,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  AnalyzeData *data;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (source != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (AnalyzeData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->source = g_strdup (source);
  run_in_thread (data, cancellable, callback, user_data, hdr_analyze_bytes_async);
}

/* The lists are immutable once loaded, so the worker thread may read them. */
static GPtrArray *
copy_traplists (const HdrAnalysisOptions *options)
{
  if (options == NULL || options->traplists == NULL)
    return NULL;

  return g_ptr_array_copy (options->traplists, (GCopyFunc)(void (*) (void))g_object_ref, NULL);
}

/**
 * hdr_analyze_file_full_async:
 * @options: (nullable): as for hdr_analyze_message_full (); copied
 *
 * Read @file (read-only) and analyse it on a worker thread.
 */
void
hdr_analyze_file_full_async (GFile                    *file,
                             const HdrAnalysisOptions *options,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  AnalyzeData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (AnalyzeData, 1);
  data->file = g_object_ref (file);
  data->traplists = copy_traplists (options);
  run_in_thread (data, cancellable, callback, user_data, hdr_analyze_file_async);
}

/**
 * hdr_analyze_bytes_full_async:
 * @options: (nullable): as for hdr_analyze_message_full (); copied
 *
 * Analyse @bytes on a worker thread.
 */
void
hdr_analyze_bytes_full_async (GBytes                   *bytes,
                              const char               *source,
                              const HdrAnalysisOptions *options,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  AnalyzeData *data;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (source != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (AnalyzeData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->source = g_strdup (source);
  data->traplists = copy_traplists (options);
  data->words_only_allowed = options != NULL && options->words_only_allowed;
  run_in_thread (data, cancellable, callback, user_data, hdr_analyze_bytes_async);
}

/**
 * hdr_analyze_finish:
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
HdrReport *
hdr_analyze_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
