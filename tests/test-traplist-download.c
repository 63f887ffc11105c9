/* test-traplist-download.c: trap-list downloads against local HTTP and HTTPS servers
 *
 * The servers (traplist-server.py) listen on 127.0.0.1 only, with a
 * self-signed certificate made here by openssl; nothing else is contacted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hdr-traplist.h"

typedef struct
{
  GSubprocess *server;
  char        *directory;
  char        *state_dir;
  char        *cache_dir;
  char        *cert;
  char        *http_url;
  char        *https_url;
} Servers;

static Servers servers;

static void
set_mode (const char *mode)
{
  g_autofree char *path = g_build_filename (servers.state_dir, "mode", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, mode, -1, &error);
  g_assert_no_error (error);
}

static char *
read_last_request (void)
{
  g_autofree char *path = g_build_filename (servers.state_dir, "last-request", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

static void
init_options (HdrTraplistDownloadOptions *options)
{
  hdr_traplist_download_options_init (options);
  options->cache_dir = servers.cache_dir;
  options->ca_file = servers.cert;
  options->allow_http = TRUE;
  options->force = TRUE;
  options->connect_timeout = 5;
  options->timeout = 20;
  options->max_size = 4096;
}

static char *
read_cached_copy (const char *url)
{
  g_autofree char *path = hdr_traplist_get_cache_path (url, servers.cache_dir);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  return contents;
}

static HdrTraplist *
fetch (const char *url,
       const char *mode,
       GError    **error)
{
  HdrTraplistDownloadOptions options;

  init_options (&options);
  set_mode (mode);

  return hdr_traplist_fetch (url, &options, NULL, NULL, NULL, error);
}

/* Download the good list so that each failure has a copy to keep. */
static void
prime_cache (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = fetch (url, "good", &error);

  g_assert_no_error (error);
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.1"));
}

/* After a failed refresh the cached copy is byte for byte the same, and
 * hdr_traplist_load_source () returns it with the refresh error. */
static void
assert_cache_kept (const char *url,
                   const char *mode,
                   const char *before)
{
  g_autofree char *after = read_cached_copy (url);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) cached = NULL;
  g_autoptr(HdrTraplist) loaded = NULL;
  HdrTraplistDownloadOptions options;

  g_assert_cmpstr (after, ==, before);

  cached = hdr_traplist_load_cached (url, servers.cache_dir, &error);
  g_assert_no_error (error);
  g_assert_true (hdr_traplist_contains_string (cached, "192.0.2.1"));
  g_assert_true (hdr_traplist_contains_string (cached, "198.51.100.20"));

  init_options (&options);
  set_mode (mode);
  loaded = hdr_traplist_load_source (url, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hdr_traplist_contains_string (loaded, "192.0.2.1"));
  g_assert_nonnull (hdr_traplist_get_refresh_error (loaded));
}

/* A refresh of @url (with a cached copy already) fails with a network
 * error, and the copy stays as it was. */
static void
check_failure_without_priming (const char *url)
{
  g_autofree char *before = read_cached_copy (url);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;

  g_assert_nonnull (before);
  list = fetch (url, "good", &error);

  g_assert_null (list);
  g_assert_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK);
  g_test_message ("network down: %s", error->message);
  assert_cache_kept (url, "good", before);
}

static void
check_failure (const char *url,
               const char *mode,
               GQuark      domain,
               int         code)
{
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;

  prime_cache (url);
  before = read_cached_copy (url);
  g_assert_nonnull (before);

  list = fetch (url, mode, &error);

  g_assert_null (list);
  g_assert_error (error, domain, code);
  g_test_message ("%s: %s", mode, error->message);
  assert_cache_kept (url, mode, before);
}

static void
test_download_ok (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  g_autofree char *request = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  list = fetch (servers.https_url, "good", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 3);
  g_assert_true (hdr_traplist_contains_string (list, "198.51.100.77"));
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8::1"));
  g_assert_false (hdr_traplist_contains_string (list, "203.0.113.9"));
  g_assert_cmpint (hdr_traplist_get_age_seconds (list, now), <=, 0);
  g_assert_null (hdr_traplist_get_refresh_error (list));

  request = read_last_request ();
  g_assert_nonnull (strstr (request, "User-Agent: header-inspector/"));
  g_assert_nonnull (strstr (request, "If-None-Match: \n"));
}

static void
test_download_not_modified (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *request = NULL;

  prime_cache (servers.https_url);
  before = read_cached_copy (servers.https_url);

  list = fetch (servers.https_url, "good", &error);

  g_assert_no_error (error);
  request = read_last_request ();
  g_assert_nonnull (strstr (request, "If-None-Match: \"good-1\"\n"));
  g_assert_nonnull (strstr (request, "If-Modified-Since: Fri, 04 Dec 2026 20:00:00 GMT\n"));
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.1"));
  g_assert_cmpint (hdr_traplist_get_fetch_time (list), >, 0);
  after = read_cached_copy (servers.https_url);
  g_assert_cmpstr (after, ==, before);
}

static void
test_download_replaces_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  g_autoptr(HdrTraplist) cached = NULL;

  prime_cache (servers.https_url);
  list = fetch (servers.https_url, "new", &error);

  g_assert_no_error (error);
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.9"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.1"));
  cached = hdr_traplist_load_cached (servers.https_url, servers.cache_dir, &error);
  g_assert_no_error (error);
  g_assert_true (hdr_traplist_contains_string (cached, "203.0.113.9"));
}

static void
test_download_gzip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = fetch (servers.http_url, "gzip", &error);

  g_assert_no_error (error);
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.9"));
}

static void
test_download_hourly_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  HdrTraplistDownloadOptions options;

  prime_cache (servers.https_url);

  /* The server would now fail every request: a result proves none was made. */
  init_options (&options);
  options.force = FALSE;
  set_mode ("500");
  list = hdr_traplist_fetch (servers.https_url, &options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.1"));
}

static void
test_download_no_network (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  g_autoptr(HdrTraplist) missing = NULL;
  HdrTraplistDownloadOptions options;

  prime_cache (servers.https_url);
  init_options (&options);
  options.no_network = TRUE;
  set_mode ("500");

  list = hdr_traplist_load_source (servers.https_url, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.1"));
  g_assert_null (hdr_traplist_get_refresh_error (list));

  missing = hdr_traplist_load_source ("https://127.0.0.1:9/never-downloaded", &options,
                                      NULL, NULL, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NOT_CACHED);
}

static void
test_download_http_needs_consent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  HdrTraplistDownloadOptions options;

  init_options (&options);
  options.allow_http = FALSE;
  set_mode ("good");
  list = hdr_traplist_fetch (servers.http_url, &options, NULL, NULL, NULL, &error);

  g_assert_null (list);
  g_assert_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_INSECURE);
}

static void
test_download_not_found (void)
{
  check_failure (servers.https_url, "404", HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_HTTP);
}

static void
test_download_server_error (void)
{
  check_failure (servers.http_url, "500", HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_HTTP);
}

static void
test_download_redirect_loop (void)
{
  check_failure (servers.https_url, "loop", HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK);
}

static void
test_download_redirect_to_file (void)
{
  check_failure (servers.http_url, "to-file", HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK);
}

static void
test_download_https_to_http (void)
{
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  HdrTraplistDownloadOptions options;

  prime_cache (servers.https_url);
  before = read_cached_copy (servers.https_url);
  init_options (&options);
  options.allow_http = FALSE;
  set_mode ("to-http");

  list = hdr_traplist_fetch (servers.https_url, &options, NULL, NULL, NULL, &error);

  g_assert_null (list);
  g_assert_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK);
  assert_cache_kept (servers.https_url, "to-http", before);
}

static void
test_download_over_cap (void)
{
  check_failure (servers.https_url, "big", HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_TOO_LARGE);
}

static void
test_download_over_cap_no_length (void)
{
  check_failure (servers.http_url, "big-no-length", HDR_TRAPLIST_ERROR,
                 HDR_TRAPLIST_ERROR_TOO_LARGE);
}

static void
test_download_stall (void)
{
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  HdrTraplistDownloadOptions options;
  gint64 start;

  prime_cache (servers.http_url);
  before = read_cached_copy (servers.http_url);
  init_options (&options);
  options.timeout = 2;
  set_mode ("stall");

  start = g_get_monotonic_time ();
  list = hdr_traplist_fetch (servers.http_url, &options, NULL, NULL, NULL, &error);

  g_assert_null (list);
  g_assert_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  assert_cache_kept (servers.http_url, "404", before);
}

static void
test_download_truncated_gzip (void)
{
  check_failure (servers.https_url, "truncated-gzip", HDR_TRAPLIST_ERROR,
                 HDR_TRAPLIST_ERROR_PARSE);
}

static void
test_download_truncated_body (void)
{
  check_failure (servers.http_url, "truncated-body", HDR_TRAPLIST_ERROR,
                 HDR_TRAPLIST_ERROR_NETWORK);
}

static void
test_download_html_page (void)
{
  check_failure (servers.https_url, "html", HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_PARSE);
}

static void
test_download_untrusted_certificate (void)
{
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  HdrTraplistDownloadOptions options;

  prime_cache (servers.https_url);
  before = read_cached_copy (servers.https_url);

  /* The system's certificate authorities do not know the test's certificate. */
  init_options (&options);
  options.ca_file = NULL;
  set_mode ("new");
  list = hdr_traplist_fetch (servers.https_url, &options, NULL, NULL, NULL, &error);

  g_assert_null (list);
  g_assert_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NETWORK);
  assert_cache_kept (servers.https_url, "404", before);
}

/* A port on 127.0.0.1 that nothing listens on: bound, read, and closed again. */
static guint16
find_closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_download_network_down (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/list", find_closed_port ());
  g_autofree char *served_copy = NULL;
  g_autofree char *path = hdr_traplist_get_cache_path (url, servers.cache_dir);
  g_autofree char *meta_path = g_strconcat (path, ".meta", NULL);
  g_autofree char *meta = NULL;
  g_autoptr(GError) error = NULL;

  /* Give the unreachable URL a cached copy of the good list. */
  prime_cache (servers.http_url);
  served_copy = read_cached_copy (servers.http_url);
  g_file_set_contents (path, served_copy, -1, &error);
  g_assert_no_error (error);
  meta = g_strdup_printf ("[traplist]\nurl=%s\nfetched=1\nchecked=1\n", url);
  g_file_set_contents (meta_path, meta, -1, &error);
  g_assert_no_error (error);

  check_failure_without_priming (url);
}

static void
test_download_bad_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;

  prime_cache (servers.https_url);
  list = fetch (servers.https_url, "bad-lines", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 2);
  g_assert_cmpuint (hdr_traplist_get_n_bad_lines (list), ==, 3);
  g_assert_true (hdr_traplist_contains_string (list, "198.51.100.5"));
  g_assert_false (hdr_traplist_contains_string (list, "198.51.100.6"));
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  HdrTraplist  *list;
  GError       *error;
  guint         n_progress;
  gboolean      progress_on_main_thread;
} CancelState;

static void
cancel_on_progress (guint64  received,
                    guint64  total,
                    gpointer user_data)
{
  CancelState *state = user_data;

  state->n_progress++;
  state->progress_on_main_thread = g_main_context_is_owner (g_main_context_default ());
  g_cancellable_cancel (state->cancellable);
}

static void
on_loaded (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CancelState *state = user_data;

  state->list = hdr_traplist_load_source_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_download_cancel (void)
{
  CancelState state = { 0 };
  HdrTraplistDownloadOptions options;

  state.loop = g_main_loop_new (NULL, FALSE);
  state.cancellable = g_cancellable_new ();
  init_options (&options);
  options.timeout = 25;
  set_mode ("stall");

  hdr_traplist_load_source_async (servers.http_url, &options, cancel_on_progress, &state,
                                  state.cancellable, on_loaded, &state);
  g_main_loop_run (state.loop);

  g_assert_null (state.list);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.n_progress, >=, 1);
  g_assert_true (state.progress_on_main_thread);

  g_clear_error (&state.error);
  g_clear_object (&state.cancellable);
  g_main_loop_unref (state.loop);
}

/* Run `header-inspector --report --format=json` with its own cache folder;
 * returns the exit status and sets @origin to the report's origin object. */
static int
run_report (const char   *cache_home,
            const char  **extra_args,
            JsonObject  **origin,
            char        **errors)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *binary = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *output = NULL;

  binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "app", "header-inspector", NULL);
  sample = g_build_filename (TEST_DATA_DIR, "..", "data", "samples", "sextortion-en.eml", NULL);

  g_ptr_array_add (argv, binary);
  g_ptr_array_add (argv, (char *)"--report");
  g_ptr_array_add (argv, (char *)"--format=json");
  for (guint i = 0; extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)extra_args[i]);
  g_ptr_array_add (argv, sample);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_home, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, errors, &error);
  g_assert_no_error (error);

  *origin = NULL;
  if (output != NULL && output[0] != '\0')
    {
      root = json_from_string (output, &error);
      g_assert_no_error (error);
      *origin = json_object_ref (json_object_get_object_member (json_node_get_object (root),
                                                                "origin"));
    }

  return g_subprocess_get_exit_status (process);
}

static void
test_download_report_command (void)
{
  g_autofree char *cache_home = g_build_filename (servers.directory, "xdg-cache", NULL);
  g_autofree char *errors = NULL;
  g_autofree char *errors_offline = NULL;
  g_autofree char *errors_missing = NULL;
  g_autoptr(JsonObject) origin = NULL;
  g_autoptr(JsonObject) origin_offline = NULL;
  g_autoptr(JsonObject) origin_missing = NULL;
  const char *online_args[] = { "--traplist", servers.http_url, NULL };
  const char *offline_args[] = { "--no-network", "--traplist", servers.http_url, NULL };
  const char *missing_args[] = { "--no-network", "--traplist", "https://127.0.0.1:9/none", NULL };
  JsonObject *used;
  int status;

  if (!g_file_test (g_test_get_filename (G_TEST_BUILT, "..", "src", "app", "header-inspector",
                                         NULL), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("header-inspector is not built");
      return;
    }

  set_mode ("sample-origin");
  status = run_report (cache_home, online_args, &origin, &errors);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (errors, "plain http"));
  g_assert_nonnull (origin);
  g_assert_true (json_object_get_boolean_member (origin, "trap_listed"));
  used = json_array_get_object_element (json_object_get_array_member (origin, "trap_lists"), 0);
  g_assert_cmpstr (json_object_get_string_member (used, "source"), ==, servers.http_url);
  g_assert_true (json_object_get_boolean_member (used, "listed"));
  g_assert_cmpint (json_object_get_int_member (used, "age_seconds"), <, 600);

  /* The server now fails, but --no-network reads only the cached copy. */
  set_mode ("500");
  status = run_report (cache_home, offline_args, &origin_offline, &errors_offline);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_object_get_boolean_member (origin_offline, "trap_listed"));

  status = run_report (cache_home, missing_args, &origin_missing, &errors_missing);
  g_assert_cmpint (status, ==, 1);
  g_assert_null (origin_missing);
  g_assert_nonnull (strstr (errors_missing, "has not been downloaded yet"));
}

static void
start_servers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *key = NULL;
  g_autofree char *script = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) ports = NULL;
  int status = 0;

  servers.directory = g_dir_make_tmp ("traplist-download-XXXXXX", &error);
  g_assert_no_error (error);
  servers.state_dir = g_build_filename (servers.directory, "state", NULL);
  servers.cache_dir = g_build_filename (servers.directory, "cache", NULL);
  servers.cert = g_build_filename (servers.directory, "cert.pem", NULL);
  key = g_build_filename (servers.directory, "key.pem", NULL);
  g_mkdir (servers.state_dir, 0700);

  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", key, "-out", servers.cert, NULL
    };

    g_spawn_sync (NULL, (char **)argv, NULL,
                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }

  set_mode ("good");
  script = g_build_filename (TEST_DATA_DIR, "traplist-server.py", NULL);
  servers.server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                     &error, "python3", script, servers.cert, key,
                                     servers.state_dir, NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (servers.server));
  line = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);

  ports = g_strsplit (line, " ", 2);
  g_assert_cmpuint (g_strv_length (ports), ==, 2);
  servers.http_url = g_strdup_printf ("http://127.0.0.1:%s/list", ports[0]);
  servers.https_url = g_strdup_printf ("https://127.0.0.1:%s/list", ports[1]);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

/* Closing standard input stops the server; it also stops when this
 * process dies on a failed assertion, because the pipe closes then. */
static void
stop_servers (void)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (servers.server), NULL, NULL);
  g_subprocess_wait (servers.server, NULL, NULL);
  g_clear_object (&servers.server);

  remove_tree (servers.directory);
  g_clear_pointer (&servers.directory, g_free);
  g_clear_pointer (&servers.state_dir, g_free);
  g_clear_pointer (&servers.cache_dir, g_free);
  g_clear_pointer (&servers.cert, g_free);
  g_clear_pointer (&servers.http_url, g_free);
  g_clear_pointer (&servers.https_url, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *openssl = NULL;
  g_autofree char *python3 = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  openssl = g_find_program_in_path ("openssl");
  python3 = g_find_program_in_path ("python3");
  if (openssl == NULL || python3 == NULL)
    {
      g_test_skip ("openssl and python3 are needed for the test servers");
      return g_test_run ();
    }

  start_servers ();

  g_test_add_func ("/traplist-download/ok", test_download_ok);
  g_test_add_func ("/traplist-download/not-modified", test_download_not_modified);
  g_test_add_func ("/traplist-download/replaces-copy", test_download_replaces_copy);
  g_test_add_func ("/traplist-download/gzip", test_download_gzip);
  g_test_add_func ("/traplist-download/hourly-limit", test_download_hourly_limit);
  g_test_add_func ("/traplist-download/no-network", test_download_no_network);
  g_test_add_func ("/traplist-download/http-needs-consent", test_download_http_needs_consent);
  g_test_add_func ("/traplist-download/not-found", test_download_not_found);
  g_test_add_func ("/traplist-download/server-error", test_download_server_error);
  g_test_add_func ("/traplist-download/redirect-loop", test_download_redirect_loop);
  g_test_add_func ("/traplist-download/redirect-to-file", test_download_redirect_to_file);
  g_test_add_func ("/traplist-download/https-to-http", test_download_https_to_http);
  g_test_add_func ("/traplist-download/over-cap", test_download_over_cap);
  g_test_add_func ("/traplist-download/over-cap-no-length", test_download_over_cap_no_length);
  g_test_add_func ("/traplist-download/stall", test_download_stall);
  g_test_add_func ("/traplist-download/truncated-gzip", test_download_truncated_gzip);
  g_test_add_func ("/traplist-download/truncated-body", test_download_truncated_body);
  g_test_add_func ("/traplist-download/html-page", test_download_html_page);
  g_test_add_func ("/traplist-download/untrusted-certificate",
                   test_download_untrusted_certificate);
  g_test_add_func ("/traplist-download/network-down", test_download_network_down);
  g_test_add_func ("/traplist-download/bad-lines", test_download_bad_lines);
  g_test_add_func ("/traplist-download/cancel", test_download_cancel);
  g_test_add_func ("/traplist-download/report-command", test_download_report_command);

  status = g_test_run ();
  stop_servers ();

  return status;
}
