/* hdr-traplist-download.c: download trap lists with libcurl into the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-traplist"

#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hdr-traplist-private.h"

/* Progress is passed on at most this often, in microseconds. */
#define PROGRESS_INTERVAL (100 * G_TIME_SPAN_MILLISECOND)

/**
 * hdr_traplist_download_options_init:
 *
 * Sets the defaults: 64 MB, 20 s to connect, 300 s in all, https only,
 * at most one request per list per hour, the XDG cache folder, the
 * system's certificate authorities.
 */
void
hdr_traplist_download_options_init (HdrTraplistDownloadOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->max_size = HDR_TRAPLIST_DEFAULT_MAX_SIZE;
  options->connect_timeout = HDR_TRAPLIST_DEFAULT_CONNECT_TIMEOUT;
  options->timeout = HDR_TRAPLIST_DEFAULT_TIMEOUT;
}

typedef struct
{
  GCancellable            *cancellable;
  HdrTraplistProgressFunc  progress;
  gpointer                 progress_data;
  GMainContext            *progress_context;  /* NULL: call progress on this thread */
  gint64                   last_progress;

  GByteArray              *body;
  guint64                  max_size;
  gboolean                 too_large;

  char                    *etag;
  char                    *last_modified;
} Transfer;

static void
transfer_clear (Transfer *transfer)
{
  g_clear_pointer (&transfer->body, g_byte_array_unref);
  g_clear_pointer (&transfer->etag, g_free);
  g_clear_pointer (&transfer->last_modified, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Transfer, transfer_clear)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)

typedef struct
{
  HdrTraplistProgressFunc progress;
  gpointer                progress_data;
  guint64                 received;
  guint64                 total;
} ProgressCall;

static gboolean
progress_call_invoke (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress (call->received, call->total, call->progress_data);

  return G_SOURCE_REMOVE;
}

static void
report_progress (Transfer *transfer,
                 guint64   received,
                 guint64   total)
{
  ProgressCall *call;

  if (transfer->progress == NULL)
    return;

  if (transfer->progress_context == NULL)
    {
      transfer->progress (received, total, transfer->progress_data);
      return;
    }

  call = g_new (ProgressCall, 1);
  call->progress = transfer->progress;
  call->progress_data = transfer->progress_data;
  call->received = received;
  call->total = total;
  g_main_context_invoke_full (transfer->progress_context, G_PRIORITY_DEFAULT,
                              progress_call_invoke, call, g_free);
}

static size_t
write_body (char   *data,
            size_t  size,
            size_t  count,
            void   *user_data)
{
  Transfer *transfer = user_data;
  gsize length = size * count;

  /* CURLOPT_MAXFILESIZE_LARGE only works when the server sends a
   * Content-Length; this check covers chunked bodies too. */
  if ((guint64)transfer->body->len + length > transfer->max_size)
    {
      transfer->too_large = TRUE;
      return CURL_WRITEFUNC_ERROR;
    }

  g_byte_array_append (transfer->body, (const guint8 *)data, length);

  return length;
}

static char *
header_value (const char *line,
              gsize       length,
              const char *name)
{
  gsize name_length = strlen (name);

  if (length <= name_length || g_ascii_strncasecmp (line, name, name_length) != 0 ||
      line[name_length] != ':')
    return NULL;

  return g_strstrip (g_strndup (line + name_length + 1, length - name_length - 1));
}

static size_t
read_header (char   *data,
             size_t  size,
             size_t  count,
             void   *user_data)
{
  Transfer *transfer = user_data;
  gsize length = size * count;
  char *value;

  /* Each response of a redirect chain starts with a status line: keep only
   * the validators of the last response. */
  if (length >= 5 && strncmp (data, "HTTP/", 5) == 0)
    {
      g_clear_pointer (&transfer->etag, g_free);
      g_clear_pointer (&transfer->last_modified, g_free);
    }
  else if ((value = header_value (data, length, "ETag")) != NULL)
    {
      g_free (transfer->etag);
      transfer->etag = value;
    }
  else if ((value = header_value (data, length, "Last-Modified")) != NULL)
    {
      g_free (transfer->last_modified);
      transfer->last_modified = value;
    }

  return length;
}

static int
transfer_progress (void       *user_data,
                   curl_off_t  download_total,
                   curl_off_t  downloaded,
                   curl_off_t  upload_total,
                   curl_off_t  uploaded)
{
  Transfer *transfer = user_data;
  gint64 now;

  if (g_cancellable_is_cancelled (transfer->cancellable))
    return 1;

  now = g_get_monotonic_time ();
  if (downloaded > 0 && now - transfer->last_progress >= PROGRESS_INTERVAL)
    {
      transfer->last_progress = now;
      report_progress (transfer, downloaded, MAX (download_total, 0));
    }

  return 0;
}

static char *
build_user_agent (void)
{
  /* Translators: none; the product token of RFC 9110 section 10.1.5 is not translated. */
  return g_strdup_printf ("%s/%s (+https://github.com/headerinspector/header-inspector)",
                          PACKAGE_NAME, PACKAGE_VERSION);
}

static void
set_curl_error (GError     **error,
                const char  *url,
                CURLcode     code,
                const char  *detail,
                Transfer    *transfer,
                guint64      max_size)
{
  const char *reason = detail[0] != '\0' ? detail : curl_easy_strerror (code);

  switch ((int)code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("The download of “%s” was cancelled."), url);
      break;

    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
      if (code == CURLE_FILESIZE_EXCEEDED || transfer->too_large)
        {
          g_autofree char *limit = g_format_size (max_size);

          g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_TOO_LARGE,
                       _("The trap list “%s” is larger than %s, so it was not downloaded."),
                       url, limit);
          break;
        }
      G_GNUC_FALLTHROUGH;

    default:
      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK,
                   _("The trap list “%s” could not be downloaded: %s"), url, reason);
      break;

    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK,
                   _("The download of “%s” timed out: %s"), url, reason);
      break;
    }
}

/* Store @body as the cached copy of @meta->url, then its metadata.  Each
 * file is replaced atomically: written to a temporary file in the same
 * folder, flushed with fsync, then renamed. */
static gboolean
store_in_cache (const HdrTraplistMeta  *meta,
                GByteArray             *body,
                const char             *cache_dir,
                GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *directory = hdr_traplist_resolve_cache_dir (cache_dir);
  g_autofree char *path = hdr_traplist_get_cache_path (meta->url, cache_dir);

  if (g_mkdir_with_parents (directory, 0700) != 0 ||
      !g_file_set_contents_full (path, (const char *)body->data, body->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error) ||
      !hdr_traplist_meta_save (meta, cache_dir, &local_error))
    {
      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_CACHE,
                   _("The trap list “%s” could not be saved in %s: %s"),
                   meta->url, directory,
                   local_error != NULL ? local_error->message : g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_scheme (const char                        *url,
              const HdrTraplistDownloadOptions  *options,
              GError                           **error)
{
  if (g_ascii_strncasecmp (url, "https://", 8) == 0)
    return TRUE;

  if (g_ascii_strncasecmp (url, "http://", 7) == 0)
    {
      if (options->allow_http)
        return TRUE;

      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_INSECURE,
                   _("The trap list “%s” uses plain http, which anyone on the way can change. "
                     "Confirm it in Preferences, or use an https address."), url);
      return FALSE;
    }

  g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK,
               _("“%s” is not an http or https URL."), url);
  return FALSE;
}

static void
configure_request (CURL                              *curl,
                   const char                        *url,
                   const HdrTraplistDownloadOptions  *options,
                   const HdrTraplistMeta             *meta,
                   gboolean                           have_cache,
                   Transfer                          *transfer,
                   const char                        *user_agent,
                   struct curl_slist                **headers,
                   char                              *error_buffer)
{
  const char *protocols = options->allow_http ? "http,https" : "https";

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, user_agent);

  /* Redirects never lead to file:// or any scheme but http(s), and an
   * https list is never redirected to plain http. */
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt (curl, CURLOPT_MAXREDIRS, (long)HDR_TRAPLIST_MAX_REDIRECTS);

  /* Certificate verification is always on; a test may only replace the CA bundle. */
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (options->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, options->ca_file);

  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long)options->connect_timeout);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long)options->timeout);
  curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)options->max_size);

  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, transfer_progress);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, transfer);

  /* Conditional GET (RFC 9110 section 13.1), only when there is a copy to keep. */
  if (have_cache && meta->etag != NULL)
    {
      g_autofree char *line = g_strdup_printf ("If-None-Match: %s", meta->etag);
      *headers = curl_slist_append (*headers, line);
    }
  if (have_cache && meta->last_modified != NULL)
    {
      g_autofree char *line = g_strdup_printf ("If-Modified-Since: %s", meta->last_modified);
      *headers = curl_slist_append (*headers, line);
    }
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, *headers);
}

static HdrTraplist *
fetch_with_transfer (const char                        *url,
                     const HdrTraplistDownloadOptions  *options,
                     Transfer                          *transfer,
                     GError                           **error)
{
  g_auto(HdrTraplistMeta) meta = { 0 };
  g_autoptr(HdrTraplist) cached = NULL;
  g_autoptr(CURL) curl = NULL;
  g_autofree char *user_agent = NULL;
  g_autofree char *cache_path = NULL;
  struct curl_slist *headers = NULL;
  char error_buffer[CURL_ERROR_SIZE] = "";
  gboolean have_cache;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  long status = 0;
  CURLcode code;
  HdrTraplist *list;

  if (!check_scheme (url, options, error))
    return NULL;

  have_cache = hdr_traplist_meta_load (&meta, url, options->cache_dir);
  cache_path = hdr_traplist_get_cache_path (url, options->cache_dir);
  have_cache = have_cache && g_file_test (cache_path, G_FILE_TEST_IS_REGULAR);

  /* At most one request per list per hour unless forced: the list itself
   * is regenerated about hourly. */
  if (have_cache && !options->force && meta.checked >= 0 &&
      now - meta.checked < HDR_TRAPLIST_REFRESH_INTERVAL && now >= meta.checked)
    {
      g_autoptr(GError) local_error = NULL;

      cached = hdr_traplist_load_cached (url, options->cache_dir, &local_error);
      if (cached != NULL)
        {
          g_debug ("Trap list %s was checked %" G_GINT64_FORMAT " s ago; using the cached copy",
                   url, now - meta.checked);
          return g_steal_pointer (&cached);
        }
      g_debug ("Cached copy of %s is unusable, downloading it again: %s", url, local_error->message);
      have_cache = FALSE;
    }

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK,
                   _("The trap list “%s” could not be downloaded: libcurl failed to start."), url);
      return NULL;
    }

  user_agent = build_user_agent ();
  transfer->body = g_byte_array_new ();
  transfer->max_size = options->max_size;
  configure_request (curl, url, options, &meta, have_cache, transfer, user_agent,
                     &headers, error_buffer);

  g_debug ("Requesting trap list %s", url);
  code = curl_easy_perform (curl);
  curl_slist_free_all (headers);

  if (code != CURLE_OK)
    {
      g_debug ("Request for trap list %s failed: %s (%s)", url, curl_easy_strerror (code),
               error_buffer);
      set_curl_error (error, url, code, error_buffer, transfer, options->max_size);
      return NULL;
    }

  meta.checked = now;
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  g_debug ("Trap list %s: HTTP status %ld, %u bytes", url, status, transfer->body->len);

  if (status == 304 && have_cache)
    {
      list = hdr_traplist_load_cached (url, options->cache_dir, error);
      if (list == NULL)
        return NULL;

      meta.fetched = now;
      if (!hdr_traplist_meta_save (&meta, options->cache_dir, error))
        {
          g_object_unref (list);
          return NULL;
        }
      hdr_traplist_set_fetch_time (list, now);
      return list;
    }

  if (status != 200)
    {
      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_HTTP,
                   _("The server of the trap list “%s” returned HTTP status %ld."), url, status);
      return NULL;
    }

  {
    g_autoptr(GBytes) body = g_bytes_new (transfer->body->data, transfer->body->len);

    list = hdr_traplist_new_from_bytes (body, url, options->max_size, error);
    if (list == NULL)
      return NULL;
  }

  g_free (meta.etag);
  meta.etag = g_steal_pointer (&transfer->etag);
  g_free (meta.last_modified);
  meta.last_modified = g_steal_pointer (&transfer->last_modified);
  meta.fetched = now;

  if (!store_in_cache (&meta, transfer->body, options->cache_dir, error))
    {
      g_object_unref (list);
      return NULL;
    }

  hdr_traplist_set_fetch_time (list, now);

  return list;
}

/**
 * hdr_traplist_fetch:
 * @url: an https URL, or an http URL when @options allows it
 * @options: (nullable): the limits; %NULL for the defaults
 * @progress: (scope call) (nullable): called on this thread with the bytes
 *   received so far and the expected total (0 when unknown)
 *
 * Downloads @url unless its cached copy was checked less than an hour ago
 * (or @options->force is set), with a conditional GET when a copy exists.
 * A new copy replaces the cached one only when it parses; on any failure
 * the cached copy stays as it was.  Blocks: call it on a worker thread.
 *
 * Returns: (transfer full) (nullable): the new, confirmed or cached list,
 *   or %NULL with @error set
 */
HdrTraplist *
hdr_traplist_fetch (const char                        *url,
                    const HdrTraplistDownloadOptions  *options,
                    HdrTraplistProgressFunc            progress,
                    gpointer                           progress_data,
                    GCancellable                      *cancellable,
                    GError                           **error)
{
  HdrTraplistDownloadOptions defaults;
  g_auto(Transfer) transfer = { 0 };

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (options == NULL)
    {
      hdr_traplist_download_options_init (&defaults);
      options = &defaults;
    }

  transfer.cancellable = cancellable;
  transfer.progress = progress;
  transfer.progress_data = progress_data;

  return fetch_with_transfer (url, options, &transfer, error);
}

static HdrTraplist *
load_source (const char                        *source,
             const HdrTraplistDownloadOptions  *options,
             Transfer                          *transfer,
             GError                           **error)
{
  g_autoptr(GError) fetch_error = NULL;
  g_autoptr(HdrTraplist) cached = NULL;
  HdrTraplist *list;

  if (!hdr_traplist_source_is_url (source))
    return hdr_traplist_new_from_file (source, transfer->cancellable, error);

  if (options->no_network)
    return hdr_traplist_load_cached (source, options->cache_dir, error);

  list = fetch_with_transfer (source, options, transfer, &fetch_error);
  if (list != NULL)
    return list;

  if (g_error_matches (fetch_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (fetch_error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_INSECURE))
    {
      g_propagate_error (error, g_steal_pointer (&fetch_error));
      return NULL;
    }

  cached = hdr_traplist_load_cached (source, options->cache_dir, NULL);
  if (cached == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&fetch_error));
      return NULL;
    }

  g_debug ("Using the cached copy of %s: %s", source, fetch_error->message);
  hdr_traplist_set_refresh_error (cached, fetch_error->message);

  return g_steal_pointer (&cached);
}

/**
 * hdr_traplist_load_source:
 * @source: an http(s) URL or the path of a local file
 * @options: (nullable): the download options; %NULL uses only cached copies
 *   and local files, with no network access
 * @progress: (scope call) (nullable): as for hdr_traplist_fetch ()
 *
 * Loads a local file, or refreshes and loads a URL's list as
 * hdr_traplist_fetch () does.  When the refresh fails but an older copy is
 * cached, that copy is returned and hdr_traplist_get_refresh_error () returns
 * why.  Blocks: call it on a worker thread.
 *
 * Returns: (transfer full) (nullable): the list, or %NULL with @error set
 */
HdrTraplist *
hdr_traplist_load_source (const char                        *source,
                          const HdrTraplistDownloadOptions  *options,
                          HdrTraplistProgressFunc            progress,
                          gpointer                           progress_data,
                          GCancellable                      *cancellable,
                          GError                           **error)
{
  HdrTraplistDownloadOptions offline;
  g_auto(Transfer) transfer = { 0 };

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (options == NULL)
    {
      hdr_traplist_download_options_init (&offline);
      offline.no_network = TRUE;
      options = &offline;
    }

  transfer.cancellable = cancellable;
  transfer.progress = progress;
  transfer.progress_data = progress_data;

  return load_source (source, options, &transfer, error);
}

typedef struct
{
  char                       *source;
  HdrTraplistDownloadOptions  options;
  char                       *cache_dir;
  char                       *ca_file;
  HdrTraplistProgressFunc     progress;
  gpointer                    progress_data;
  GMainContext               *context;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->source, g_free);
  g_clear_pointer (&data->cache_dir, g_free);
  g_clear_pointer (&data->ca_file, g_free);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
load_source_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_auto(Transfer) transfer = { 0 };
  GError *error = NULL;
  HdrTraplist *list;

  g_assert (G_IS_TASK (task));
  g_assert (data != NULL);

  transfer.cancellable = cancellable;
  transfer.progress = data->progress;
  transfer.progress_data = data->progress_data;
  transfer.progress_context = data->context;

  list = load_source (data->source, &data->options, &transfer, &error);
  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, g_object_unref);
}

/**
 * hdr_traplist_load_source_async:
 * @options: (nullable): as for hdr_traplist_load_source (); copied
 * @progress: (nullable): called on the thread-default main context of the
 *   caller until @callback runs; @progress_data must live until then
 *
 * Runs hdr_traplist_load_source () on a worker thread.  Cancelling
 * @cancellable stops a download at its next progress check.
 */
void
hdr_traplist_load_source_async (const char                        *source,
                                const HdrTraplistDownloadOptions  *options,
                                HdrTraplistProgressFunc            progress,
                                gpointer                           progress_data,
                                GCancellable                      *cancellable,
                                GAsyncReadyCallback                callback,
                                gpointer                           user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (source != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->source = g_strdup (source);
  if (options != NULL)
    {
      data->options = *options;
    }
  else
    {
      hdr_traplist_download_options_init (&data->options);
      data->options.no_network = TRUE;
    }
  data->cache_dir = g_strdup (data->options.cache_dir);
  data->ca_file = g_strdup (data->options.ca_file);
  data->options.cache_dir = data->cache_dir;
  data->options.ca_file = data->ca_file;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hdr_traplist_load_source_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_source_thread);
}

/**
 * hdr_traplist_load_source_finish:
 *
 * Returns: (transfer full) (nullable): the list, or %NULL with @error set
 */
HdrTraplist *
hdr_traplist_load_source_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hdr_traplist_load_source_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
