/* test-traplist.c: the spamd trap-list parser, range merging and lookup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "hdr-analysis.h"
#include "hdr-traplist.h"

static HdrTraplist *
parse_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  HdrTraplist *list;

  list = hdr_traplist_new_from_bytes (bytes, "test list", HDR_TRAPLIST_DEFAULT_MAX_SIZE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);

  return list;
}

static GBytes *
gzip_text (const char *text,
           gsize       length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_output_stream_write_all (stream, text, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
test_traplist_single_addresses (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("192.0.2.1\n198.51.100.77\n2001:db8::25\n");

  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 3);
  g_assert_cmpuint (hdr_traplist_get_n_bad_lines (list), ==, 0);
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.1"));
  g_assert_true (hdr_traplist_contains_string (list, "198.51.100.77"));
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8::25"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.0"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.2"));
  g_assert_false (hdr_traplist_contains_string (list, "198.51.100.76"));
  g_assert_false (hdr_traplist_contains_string (list, "2001:db8::24"));
  g_assert_false (hdr_traplist_contains_string (list, "2001:db8::26"));
}

static void
test_traplist_comments_blank (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("# spamd trap list, made up\n"
                                            "\n"
                                            "   \t \n"
                                            "  # indented comment 192.0.2.9\n"
                                            "192.0.2.3\r\n"
                                            "#192.0.2.4\n");

  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 1);
  g_assert_cmpuint (hdr_traplist_get_n_bad_lines (list), ==, 0);
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.3"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.4"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.9"));
}

static void
test_traplist_trailing_text (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("192.0.2.5 # seen 2026-01-02\n"
                                            "192.0.2.6\tspamd-greytrap\n"
                                            "203.0.113.0/30   trapped 3 times\n"
                                            "198.51.100.10 - 198.51.100.12 since Monday\n");

  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 4);
  g_assert_cmpuint (hdr_traplist_get_n_bad_lines (list), ==, 0);
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.5"));
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.6"));
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.3"));
  g_assert_true (hdr_traplist_contains_string (list, "198.51.100.12"));
}

static void
test_traplist_cidr (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("198.51.100.0/24\n"
                                            "203.0.113.64/26\n"
                                            "192.0.2.200/32\n"
                                            "192.0.2.17/28\n");

  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 4);
  g_assert_true (hdr_traplist_contains_string (list, "198.51.100.0"));
  g_assert_true (hdr_traplist_contains_string (list, "198.51.100.255"));
  g_assert_false (hdr_traplist_contains_string (list, "198.51.101.0"));
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.64"));
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.127"));
  g_assert_false (hdr_traplist_contains_string (list, "203.0.113.63"));
  g_assert_false (hdr_traplist_contains_string (list, "203.0.113.128"));
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.200"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.201"));
  /* Host bits are masked: 192.0.2.17/28 is 192.0.2.16 to 192.0.2.31. */
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.16"));
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.31"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.32"));
}

static void
test_traplist_cidr_edges (void)
{
  g_autoptr(HdrTraplist) everything = parse_text ("0.0.0.0/0\n");
  g_autoptr(HdrTraplist) top = parse_text ("255.255.255.255\n255.255.255.254\n");

  g_assert_true (hdr_traplist_contains_string (everything, "0.0.0.0"));
  g_assert_true (hdr_traplist_contains_string (everything, "255.255.255.255"));
  g_assert_false (hdr_traplist_contains_string (everything, "2001:db8::1"));
  g_assert_cmpuint (hdr_traplist_get_n_ranges_ipv4 (top), ==, 1);
  g_assert_true (hdr_traplist_contains_string (top, "255.255.255.255"));
  g_assert_false (hdr_traplist_contains_string (top, "255.255.255.253"));
}

static void
test_traplist_ranges (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("192.0.2.10 - 192.0.2.20\n"
                                            "198.51.100.1-198.51.100.3\n"
                                            "203.0.113.5 -203.0.113.6\n"
                                            "203.0.113.9- 203.0.113.9\n");

  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 4);
  g_assert_cmpuint (hdr_traplist_get_n_bad_lines (list), ==, 0);
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.10"));
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.15"));
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.20"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.9"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.21"));
  g_assert_true (hdr_traplist_contains_string (list, "198.51.100.2"));
  g_assert_false (hdr_traplist_contains_string (list, "198.51.100.4"));
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.6"));
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.9"));
  g_assert_false (hdr_traplist_contains_string (list, "203.0.113.8"));
}

static void
test_traplist_bad_lines (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("192.0.2.1\n"
                                            "not an address\n"
                                            "192.0.2.256\n"
                                            "192.0.2.0/33\n"
                                            "192.0.2.0/\n"
                                            "192.0.2.0/2x\n"
                                            "192.0.2.9 - 192.0.2.1\n"
                                            "192.0.2.1 - 2001:db8::1\n"
                                            "192.0.2.1 -\n"
                                            "2001:db8::/129\n"
                                            "example.org\n"
                                            "1.2.3\n"
                                            "198.51.100.1\n");

  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 2);
  g_assert_cmpuint (hdr_traplist_get_n_bad_lines (list), ==, 11);
  g_assert_true (hdr_traplist_contains_string (list, "198.51.100.1"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.5"));
}

static void
test_traplist_not_a_list (void)
{
  const char *html = "<html>\n<head><title>Not Found</title></head>\n</html>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;

  list = hdr_traplist_new_from_bytes (bytes, "test list", HDR_TRAPLIST_DEFAULT_MAX_SIZE, &error);

  g_assert_null (list);
  g_assert_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_PARSE);
}

static void
test_traplist_empty (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("# nothing trapped in the last day\n");

  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 0);
  g_assert_cmpuint (hdr_traplist_get_n_ranges_ipv4 (list), ==, 0);
  g_assert_false (hdr_traplist_contains_string (list, "192.0.2.1"));
  g_assert_false (hdr_traplist_contains_string (list, "2001:db8::1"));
}

static void
test_traplist_ipv6_ranges (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("2001:db8:1::/48\n"
                                            "2001:db8:2::10 - 2001:db8:2::20\n"
                                            "2001:db8:3:0:ffff:ffff:ffff:ffff - 2001:db8:3:1::5\n"
                                            "2001:db8:4::/128\n");

  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 4);
  g_assert_cmpuint (hdr_traplist_get_n_ranges_ipv6 (list), ==, 4);
  g_assert_cmpuint (hdr_traplist_get_n_ranges_ipv4 (list), ==, 0);
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8:1::"));
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8:1:ffff:ffff:ffff:ffff:ffff"));
  g_assert_false (hdr_traplist_contains_string (list, "2001:db8:0:ffff:ffff:ffff:ffff:ffff"));
  g_assert_false (hdr_traplist_contains_string (list, "2001:db8:2::"));
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8:2::10"));
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8:2::1a"));
  g_assert_false (hdr_traplist_contains_string (list, "2001:db8:2::21"));
  /* The range crosses the boundary between the two 64-bit halves. */
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8:3:1::"));
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8:3:0:ffff:ffff:ffff:ffff"));
  g_assert_false (hdr_traplist_contains_string (list, "2001:db8:3:0:ffff:ffff:ffff:fffe"));
  g_assert_false (hdr_traplist_contains_string (list, "2001:db8:3:1::6"));
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8:4::"));
  g_assert_false (hdr_traplist_contains_string (list, "2001:db8:4::1"));
}

static void
test_traplist_ipv6_merge (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("2001:db8::/64\n"
                                            "2001:db8:0:1::/64\n"
                                            "2001:db8::5 - 2001:db8::9\n"
                                            "2001:db8:0:3::/64\n"
                                            "::/0\n");
  g_autoptr(HdrTraplist) separate = parse_text ("2001:db8::/64\n"
                                                "2001:db8:0:1::/64\n"
                                                "2001:db8:0:3::/64\n");

  g_assert_cmpuint (hdr_traplist_get_n_ranges_ipv6 (list), ==, 1);
  g_assert_true (hdr_traplist_contains_string (list, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  g_assert_cmpuint (hdr_traplist_get_n_ranges_ipv6 (separate), ==, 2);
  g_assert_true (hdr_traplist_contains_string (separate, "2001:db8:0:1::1"));
  g_assert_false (hdr_traplist_contains_string (separate, "2001:db8:0:2::1"));
  g_assert_true (hdr_traplist_contains_string (separate, "2001:db8:0:3::1"));
}

static void
test_traplist_ipv4_mapped (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("192.0.2.44\n");

  g_assert_true (hdr_traplist_contains_string (list, "::ffff:192.0.2.44"));
  g_assert_false (hdr_traplist_contains_string (list, "::ffff:192.0.2.45"));
}

static void
test_traplist_overlapping (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("192.0.2.0/24\n"
                                            "192.0.2.100 - 192.0.2.120\n"
                                            "192.0.2.250 - 192.0.3.10\n"
                                            "192.0.2.7\n"
                                            "192.0.2.7\n");

  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 5);
  g_assert_cmpuint (hdr_traplist_get_n_ranges_ipv4 (list), ==, 1);
  g_assert_true (hdr_traplist_contains_string (list, "192.0.3.10"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.3.11"));
  g_assert_false (hdr_traplist_contains_string (list, "192.0.1.255"));
}

static void
test_traplist_adjacent (void)
{
  g_autoptr(HdrTraplist) list = parse_text ("203.0.113.4\n"
                                            "203.0.113.2\n"
                                            "203.0.113.3\n"
                                            "203.0.113.8/29\n"
                                            "203.0.113.5 - 203.0.113.7\n"
                                            "203.0.113.20\n");

  /* 2 to 15 touch one another; 20 stands apart. */
  g_assert_cmpuint (hdr_traplist_get_n_ranges_ipv4 (list), ==, 2);
  g_assert_cmpuint (hdr_traplist_get_memory_size (list), ==, 2 * 8);
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.2"));
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.15"));
  g_assert_false (hdr_traplist_contains_string (list, "203.0.113.16"));
  g_assert_false (hdr_traplist_contains_string (list, "203.0.113.1"));
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.20"));
}

static void
test_traplist_unsorted_lookup (void)
{
  GString *text = g_string_new (NULL);
  g_autoptr(HdrTraplist) list = NULL;

  /* Every third address of 198.51.100.0/24, written backwards. */
  for (int i = 255; i >= 0; i--)
    if (i % 3 == 0)
      g_string_append_printf (text, "198.51.100.%d\n", i);

  list = parse_text (text->str);
  g_string_free (text, TRUE);

  g_assert_cmpuint (hdr_traplist_get_n_ranges_ipv4 (list), ==, 86);
  for (int i = 0; i < 256; i++)
    {
      g_autofree char *address = g_strdup_printf ("198.51.100.%d", i);

      g_assert_cmpint (hdr_traplist_contains_string (list, address), ==, i % 3 == 0);
    }
}

static void
test_traplist_gzip (void)
{
  const char *text = "# compressed\n192.0.2.80\n2001:db8::80\n";
  g_autoptr(GBytes) compressed = gzip_text (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;

  list = hdr_traplist_new_from_bytes (compressed, "test list", HDR_TRAPLIST_DEFAULT_MAX_SIZE,
                                      &error);

  g_assert_no_error (error);
  g_assert_cmpuint (hdr_traplist_get_n_entries (list), ==, 2);
  g_assert_true (hdr_traplist_contains_string (list, "192.0.2.80"));
  g_assert_true (hdr_traplist_contains_string (list, "2001:db8::80"));
}

static void
test_traplist_gzip_truncated (void)
{
  const char *text = "192.0.2.80\n192.0.2.81\n192.0.2.82\n192.0.2.83\n";
  g_autoptr(GBytes) compressed = gzip_text (text, strlen (text));
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (compressed, 0,
                                                        g_bytes_get_size (compressed) - 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;

  list = hdr_traplist_new_from_bytes (truncated, "test list", HDR_TRAPLIST_DEFAULT_MAX_SIZE,
                                      &error);

  g_assert_null (list);
  g_assert_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_PARSE);
}

static void
test_traplist_gzip_over_cap (void)
{
  g_autofree char *zeros = g_strnfill (200000, '\n');
  g_autoptr(GBytes) compressed = gzip_text (zeros, strlen (zeros));
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;

  /* A small compressed body that grows past the cap. */
  g_assert_cmpuint (g_bytes_get_size (compressed), <, 100000);
  list = hdr_traplist_new_from_bytes (compressed, "test list", 100000, &error);

  g_assert_null (list);
  g_assert_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_TOO_LARGE);
}

static void
test_traplist_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  g_autofree char *directory = g_dir_make_tmp ("traplist-XXXXXX", &error);
  g_autofree char *path = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  path = g_build_filename (directory, "local.traplist", NULL);
  g_file_set_contents (path, "203.0.113.99\n", -1, &error);
  g_assert_no_error (error);

  list = hdr_traplist_new_from_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (hdr_traplist_get_source (list), ==, path);
  g_assert_true (hdr_traplist_contains_string (list, "203.0.113.99"));
  g_assert_cmpint (hdr_traplist_get_fetch_time (list), <=, now + 1);
  g_assert_cmpint (hdr_traplist_get_fetch_time (list), >=, now - 60);
  g_assert_cmpint (hdr_traplist_get_age_seconds (list, now + 3600), >=, 3599);

  g_unlink (path);
  g_rmdir (directory);
}

static void
test_traplist_file_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;

  list = hdr_traplist_new_from_file ("/nonexistent/spamd.traplist", NULL, &error);

  g_assert_null (list);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/spamd.traplist"));
}

static void
test_traplist_source_is_url (void)
{
  g_assert_true (hdr_traplist_source_is_url ("https://example.org/traplist"));
  g_assert_true (hdr_traplist_source_is_url ("HTTP://example.org/traplist"));
  g_assert_false (hdr_traplist_source_is_url ("/var/db/traplist"));
  g_assert_false (hdr_traplist_source_is_url ("file:///var/db/traplist"));
  g_assert_false (hdr_traplist_source_is_url ("ftp://example.org/traplist"));
}

/* The sample's origin IP is 203.0.113.45 (the last trusted hop). */
static JsonObject *
analyze_sample_origin (GPtrArray *traplists)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "data", "samples",
                                            "sextortion-en.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;
  g_autoptr(HdrReport) report = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  HdrAnalysisOptions options = { traplists };

  message = hdr_message_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  report = hdr_analyze_message_full (message, &options);
  g_assert_cmpstr (hdr_route_get_origin_ip (hdr_report_get_route (report)), ==, "203.0.113.45");

  json = hdr_report_to_json (report, FALSE);
  root = json_from_string (json, &error);
  g_assert_no_error (error);

  return json_object_ref (json_object_get_object_member (json_node_get_object (root), "origin"));
}

static void
test_traplist_report_listed (void)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonObject) origin = NULL;
  JsonArray *used;
  JsonObject *first;
  JsonObject *second;

  g_ptr_array_add (lists, parse_text ("192.0.2.1\n"));
  g_ptr_array_add (lists, parse_text ("203.0.113.0/24\n"));
  hdr_traplist_set_fetch_time (g_ptr_array_index (lists, 1), g_get_real_time () / G_USEC_PER_SEC - 7200);

  origin = analyze_sample_origin (lists);

  g_assert_true (json_object_get_boolean_member (origin, "trap_listed"));
  used = json_object_get_array_member (origin, "trap_lists");
  g_assert_cmpuint (json_array_get_length (used), ==, 2);
  first = json_array_get_object_element (used, 0);
  second = json_array_get_object_element (used, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "test list");
  g_assert_false (json_object_get_boolean_member (first, "listed"));
  g_assert_true (json_object_get_null_member (first, "age_seconds"));
  g_assert_true (json_object_get_boolean_member (second, "listed"));
  g_assert_cmpint (json_object_get_int_member (second, "age_seconds"), >=, 7200);
  g_assert_cmpint (json_object_get_int_member (second, "age_seconds"), <, 7300);
}

static void
test_traplist_report_not_listed (void)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonObject) origin = NULL;

  g_ptr_array_add (lists, parse_text ("198.51.100.0/24\n"));
  origin = analyze_sample_origin (lists);

  g_assert_false (json_object_get_null_member (origin, "trap_listed"));
  g_assert_false (json_object_get_boolean_member (origin, "trap_listed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (origin, "trap_lists")),
                    ==, 1);
}

static void
test_traplist_report_unused (void)
{
  g_autoptr(JsonObject) origin = analyze_sample_origin (NULL);

  g_assert_true (json_object_get_null_member (origin, "trap_listed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (origin, "trap_lists")),
                    ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/traplist/single-addresses", test_traplist_single_addresses);
  g_test_add_func ("/traplist/comments-blank", test_traplist_comments_blank);
  g_test_add_func ("/traplist/trailing-text", test_traplist_trailing_text);
  g_test_add_func ("/traplist/cidr", test_traplist_cidr);
  g_test_add_func ("/traplist/cidr-edges", test_traplist_cidr_edges);
  g_test_add_func ("/traplist/ranges", test_traplist_ranges);
  g_test_add_func ("/traplist/bad-lines", test_traplist_bad_lines);
  g_test_add_func ("/traplist/not-a-list", test_traplist_not_a_list);
  g_test_add_func ("/traplist/empty", test_traplist_empty);
  g_test_add_func ("/traplist/ipv6-ranges", test_traplist_ipv6_ranges);
  g_test_add_func ("/traplist/ipv6-merge", test_traplist_ipv6_merge);
  g_test_add_func ("/traplist/ipv4-mapped", test_traplist_ipv4_mapped);
  g_test_add_func ("/traplist/overlapping", test_traplist_overlapping);
  g_test_add_func ("/traplist/adjacent", test_traplist_adjacent);
  g_test_add_func ("/traplist/unsorted-lookup", test_traplist_unsorted_lookup);
  g_test_add_func ("/traplist/gzip", test_traplist_gzip);
  g_test_add_func ("/traplist/gzip-truncated", test_traplist_gzip_truncated);
  g_test_add_func ("/traplist/gzip-over-cap", test_traplist_gzip_over_cap);
  g_test_add_func ("/traplist/file", test_traplist_file);
  g_test_add_func ("/traplist/file-missing", test_traplist_file_missing);
  g_test_add_func ("/traplist/source-is-url", test_traplist_source_is_url);
  g_test_add_func ("/traplist/report-listed", test_traplist_report_listed);
  g_test_add_func ("/traplist/report-not-listed", test_traplist_report_not_listed);
  g_test_add_func ("/traplist/report-unused", test_traplist_report_unused);

  return g_test_run ();
}
