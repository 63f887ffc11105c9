/* hdr-traplist.h: spamd trap lists: parser, range lookup, cached copies, download
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits of a download, in bytes and seconds. */
#define HDR_TRAPLIST_DEFAULT_MAX_SIZE         (G_GUINT64_CONSTANT (64) * 1024 * 1024)
#define HDR_TRAPLIST_DEFAULT_CONNECT_TIMEOUT  20
#define HDR_TRAPLIST_DEFAULT_TIMEOUT          300
#define HDR_TRAPLIST_REFRESH_INTERVAL         3600
#define HDR_TRAPLIST_MAX_REDIRECTS            5

#define HDR_TRAPLIST_ERROR (hdr_traplist_error_quark ())

typedef enum
{
  HDR_TRAPLIST_ERROR_PARSE,        /* not a trap list, or a broken gzip stream */
  HDR_TRAPLIST_ERROR_NOT_CACHED,   /* no copy of a URL's list has been downloaded */
  HDR_TRAPLIST_ERROR_INSECURE,     /* an http URL without allow_http */
  HDR_TRAPLIST_ERROR_HTTP,         /* the server returned an HTTP error status */
  HDR_TRAPLIST_ERROR_NETWORK,      /* connection, TLS, redirect or time-out failure */
  HDR_TRAPLIST_ERROR_TOO_LARGE,    /* the body is larger than max_size */
  HDR_TRAPLIST_ERROR_CACHE,        /* the cached copy could not be written */
} HdrTraplistError;

/* Options of a download.  Initialise with hdr_traplist_download_options_init (). */
typedef struct
{
  guint64     max_size;            /* bytes, after gzip decompression too */
  guint       connect_timeout;     /* seconds */
  guint       timeout;             /* seconds, whole transfer */
  gboolean    allow_http;          /* plain http:// URLs, which the user confirmed */
  gboolean    force;               /* refresh even when the last check is less than an hour old */
  gboolean    no_network;          /* use only cached copies */
  const char *cache_dir;           /* NULL: the XDG cache folder's header-inspector/traplists */
  const char *ca_file;             /* tests only: a CA bundle that replaces the system one */
} HdrTraplistDownloadOptions;

/* Receives the bytes downloaded so far and the expected total (0 when unknown). */
typedef void (*HdrTraplistProgressFunc) (guint64  received,
                                         guint64  total,
                                         gpointer user_data);

/* The result of looking a message's origin IP up in one list. */
typedef enum
{
  HDR_TRAPLIST_MATCH_NOT_CHECKED,   /* the message has no origin IP to look up */
  HDR_TRAPLIST_MATCH_NOT_LISTED,
  HDR_TRAPLIST_MATCH_LISTED,
} HdrTraplistMatch;

typedef struct
{
  char             *source;       /* URL or path of the list */
  gint64            age_seconds;  /* seconds since the list was fetched, or -1 when unknown */
  HdrTraplistMatch  match;
} HdrTraplistResult;

#define HDR_TYPE_TRAPLIST (hdr_traplist_get_type ())

G_DECLARE_FINAL_TYPE (HdrTraplist, hdr_traplist, HDR, TRAPLIST, GObject)

GQuark       hdr_traplist_error_quark            (void);

HdrTraplist *hdr_traplist_new_from_bytes         (GBytes                           *bytes,
                                                  const char                       *source,
                                                  guint64                           max_size,
                                                  GError                          **error);
HdrTraplist *hdr_traplist_new_from_file          (const char                       *path,
                                                  GCancellable                     *cancellable,
                                                  GError                          **error);
gboolean     hdr_traplist_contains               (HdrTraplist                      *self,
                                                  GInetAddress                     *address);
gboolean     hdr_traplist_contains_string        (HdrTraplist                      *self,
                                                  const char                       *address);
const char  *hdr_traplist_get_source             (HdrTraplist                      *self);
guint        hdr_traplist_get_n_ranges_ipv4      (HdrTraplist                      *self);
guint        hdr_traplist_get_n_ranges_ipv6      (HdrTraplist                      *self);
guint        hdr_traplist_get_n_entries          (HdrTraplist                      *self);
guint        hdr_traplist_get_n_bad_lines        (HdrTraplist                      *self);
gsize        hdr_traplist_get_memory_size        (HdrTraplist                      *self);
gint64       hdr_traplist_get_fetch_time         (HdrTraplist                      *self);
void         hdr_traplist_set_fetch_time         (HdrTraplist                      *self,
                                                  gint64                            unix_time);
gint64       hdr_traplist_get_age_seconds        (HdrTraplist                      *self,
                                                  gint64                            now);
const char  *hdr_traplist_get_refresh_error      (HdrTraplist                      *self);
char        *hdr_traplist_format_age             (gint64                            seconds);

gboolean     hdr_traplist_source_is_url          (const char                       *source);
char        *hdr_traplist_get_cache_path         (const char                       *url,
                                                  const char                       *cache_dir);
HdrTraplist *hdr_traplist_load_cached            (const char                       *url,
                                                  const char                       *cache_dir,
                                                  GError                          **error);

void         hdr_traplist_download_options_init  (HdrTraplistDownloadOptions       *options);
HdrTraplist *hdr_traplist_fetch                  (const char                       *url,
                                                  const HdrTraplistDownloadOptions *options,
                                                  HdrTraplistProgressFunc           progress,
                                                  gpointer                          progress_data,
                                                  GCancellable                     *cancellable,
                                                  GError                          **error);
HdrTraplist *hdr_traplist_load_source            (const char                       *source,
                                                  const HdrTraplistDownloadOptions *options,
                                                  HdrTraplistProgressFunc           progress,
                                                  gpointer                          progress_data,
                                                  GCancellable                     *cancellable,
                                                  GError                          **error);
void         hdr_traplist_load_source_async      (const char                       *source,
                                                  const HdrTraplistDownloadOptions *options,
                                                  HdrTraplistProgressFunc           progress,
                                                  gpointer                          progress_data,
                                                  GCancellable                     *cancellable,
                                                  GAsyncReadyCallback               callback,
                                                  gpointer                          user_data);
HdrTraplist *hdr_traplist_load_source_finish     (GAsyncResult                     *result,
                                                  GError                          **error);

void         hdr_traplist_result_free            (HdrTraplistResult                *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrTraplistResult, hdr_traplist_result_free)

G_END_DECLS
