/* test-cli.c: `header-inspector --report` run as a separate process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "list-relayed.h"

typedef struct
{
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
binary_path (void)
{
  const char *path = g_getenv ("HEADER_INSPECTOR");

  g_assert_nonnull (path);
  return path;
}

static char *
sample_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "..", "data", "samples", name, NULL);
}

/* Run the binary with argv (NULL-terminated, without argv[0]), optionally
 * feeding stdin_text, and record its exit status and output. */
static void
run_report (Run                *run,
            const char         *stdin_text,
            const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  g_ptr_array_add (argv, (gpointer)binary_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  if (stdin_text != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;

  process = g_subprocess_newv ((const char * const *)argv->pdata, flags, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static char *
write_temp_file (const char *name,
                 const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hdr-cli-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

static JsonObject *
parse_report (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_node_get_object (root);
}

static void
test_cli_sample_json (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = sample_path ("sextortion-en.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *args[] = { "--report", "--format=json", path, NULL };
  JsonObject *report;
  JsonObject *origin;
  JsonObject *claims;
  JsonArray *wallets;
  JsonArray *hops;
  static const char * const members[] = {
    "schema", "source", "verdict", "summary", "findings", "hops", "origin",
    "authentication", "wallets", "amounts", "claims", "languages",
  };

  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);

  report = parse_report (parser, run.out);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (report, members[i]));

  g_assert_cmpint (json_object_get_int_member (report, "schema"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (report, "verdict"), ==, "sextortion");

  hops = json_object_get_array_member (report, "hops");
  g_assert_cmpuint (json_array_get_length (hops), ==, 3);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (hops, 0),
                                              "delay_seconds"));

  origin = json_object_get_object_member (report, "origin");
  g_assert_cmpstr (json_object_get_string_member (origin, "ip"), ==, "203.0.113.45");
  g_assert_cmpstr (json_object_get_string_member (origin, "kind"), ==, "external");

  claims = json_object_get_object_member (report, "claims");
  g_assert_true (json_object_get_boolean_member (claims, "from_equals_to"));
  g_assert_true (json_object_get_boolean_member (claims, "has_recording"));
  g_assert_cmpint (json_object_get_int_member (claims, "deadline_hours"), ==, 48);

  wallets = json_object_get_array_member (report, "wallets");
  g_assert_cmpuint (json_array_get_length (wallets), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (wallets, 0),
                                                  "address"),
                   ==, "1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (wallets, 0),
                                                 "checksum_valid"));
}

static void
test_cli_sample_text (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = sample_path ("sextortion-en.eml");
  const char *args[] = { "--report", path, NULL };

  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "This is a mass-mailed blackmail scam."));
  g_assert_nonnull (strstr (run.out, "203.0.113.45"));
}

static void
test_cli_standard_input (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *args[] = { "--report", "--format=json", "-", NULL };
  JsonObject *report;

  run_report (&run, "From: ann@example.net\nTo: bob@example.org\nSubject: Lunch\n\n"
              "See you at noon.\n", args);
  g_assert_cmpint (run.status, ==, 0);

  report = parse_report (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (report, "verdict"), ==, "none");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "hops")), ==, 0);
}

static void
test_cli_usage_errors (void)
{
  g_auto(Run) no_file = { 0 };
  g_auto(Run) bad_format = { 0 };
  const char *no_file_args[] = { "--report", NULL };
  const char *bad_format_args[] = { "--report", "--format=yaml", "-", NULL };

  run_report (&no_file, NULL, no_file_args);
  g_assert_cmpint (no_file.status, ==, 2);
  g_assert_nonnull (strstr (no_file.err, "--report"));

  run_report (&bad_format, "", bad_format_args);
  g_assert_cmpint (bad_format.status, ==, 2);
  g_assert_nonnull (strstr (bad_format.err, "yaml"));
}

/* Each bad input exits 1 with a sentence naming the input. */
static void
test_cli_unreadable_inputs (void)
{
  g_autofree char *empty = write_temp_file ("empty.eml", "", 0);
  g_autofree char *pdf = write_temp_file ("letter.pdf", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", -1);
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "hdr-missing", "none.eml", NULL);
  const char *paths[] = { empty, pdf, missing };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(Run) run = { 0 };
      const char *args[] = { "--report", paths[i], NULL };

      run_report (&run, NULL, args);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, paths[i]));
      g_assert_cmpstr (run.out, ==, "");
    }
}

static void
test_cli_random_bytes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree char *data = g_malloc (8192);
  g_autofree char *path = NULL;
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", NULL, NULL };

  for (guint i = 0; i < 8192; i++)
    data[i] = (char)g_rand_int_range (rand, 0, 256);
  data[0] = '\x02';

  path = write_temp_file ("noise.eml", data, 8192);
  args[1] = path;
  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not an email message"));
}

/* Messages that are odd but readable give a report saying what is missing. */
static void
test_cli_degenerate_messages (void)
{
  g_autoptr(GString) long_header = g_string_new ("From: ann@example.net\nX-Long: ");
  struct {
    const char *name;
    const char *text;
    guint       hops;
  } cases[] = {
    { "no-received.eml", "From: ann@example.net\nTo: bob@example.org\n\nHi.\n", 0 },
    { "one-received.eml",
      "Received: from a.example.net (a.example.net [192.0.2.7]) by mx.example.org with ESMTP "
      "id 1; Tue, 25 Feb 2020 10:11:12 +0100\nFrom: ann@example.net\n\nHi.\n", 1 },
    { "bad-utf8.eml",
      "Received: from \xff\xfe (x [192.0.2.8]) by mx.example.org; Tue, 25 Feb 2020 10:11:12 +0100\n"
      "From: \xc3\x28@example.net\nSubject: \xe2\x82\n\nBody \xf0\x28\x8c\x28.\n", 1 },
    { "long-header.eml", NULL, 0 },
  };

  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (long_header, 'x');
  g_string_append (long_header, "\n\nBody.\n");
  cases[3].text = long_header->str;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_temp_file (cases[i].name, cases[i].text, -1);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_auto(Run) run = { 0 };
      const char *args[] = { "--report", "--format=json", path, NULL };
      JsonObject *report;
      JsonArray *hops;

      run_report (&run, NULL, args);
      g_assert_cmpint (run.status, ==, 0);

      report = parse_report (parser, run.out);
      hops = json_object_get_array_member (report, "hops");
      g_assert_cmpuint (json_array_get_length (hops), ==, cases[i].hops);

      if (cases[i].hops == 0)
        g_assert_true (strstr (run.out, "\"route.none\"") != NULL);
    }
}

static void
test_cli_input_unchanged (void)
{
  g_autofree char *sample = sample_path ("sextortion-en.eml");
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autofree char *path = NULL;
  g_autofree char *after = NULL;
  gsize after_length = 0;
  GStatBuf before_stat;
  GStatBuf after_stat;
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", NULL, NULL };

  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  path = write_temp_file ("copy.eml", contents, length);
  g_assert_cmpint (g_stat (path, &before_stat), ==, 0);

  args[1] = path;
  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (contents, length, after, after_length);
  g_assert_cmpint (g_stat (path, &after_stat), ==, 0);
  g_assert_cmpint (before_stat.st_mtime, ==, after_stat.st_mtime);
}

/* A sextortion message whose Received header, quoted as evidence, contains
 * "<" and "&", and whose body contains a script tag. */
static const char crafted_message[] =
  "Received: from a.example.net (a.example.net [192.0.2.7])\n"
  "\tby mx.example.com with ESMTP id 1\n"
  "\tfor <y&z@example.com>; Tue, 14 Nov 2023 09:42:09 +0100\n"
  "From: <x@example.net>\nTo: y@example.com\nSubject: t\n"
  "Date: Tue, 14 Nov 2023 09:42:00 +0100\n\n"
  "I am a hacker <script>alert(1)</script>. I recorded a video of you.\n"
  "Send 500 USD to my bitcoin wallet: 1C9uLvQDEaMQWWekXX8EpatCuB4hwodMrj\n";

/* The samples in the test mailbox, in order.  NULL marks crafted_message. */
static const char * const mailbox_samples[] = {
  "sextortion-en.eml",
  "newsletter-en.eml",
  NULL,
  "sextortion-password-en.eml",
};

/* The test mailbox's file name: the reports quote it, so it must be escaped. */
#define MAILBOX_NAME "in<box>&co.mbox"
#define MAILBOX_NAME_HTML "in&lt;box&gt;&amp;co.mbox"

/* Append @message to @mbox as one mboxrd message: a From_ line, then the
 * lines with each "From " line, however many ">" it has, quoted by one
 * more ">". */
static void
append_mbox_message (GString    *mbox,
                     const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  g_string_append (mbox, "From sender@example.net Tue Nov 14 09:42:11 2023\n");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *rest = lines[i] + strspn (lines[i], ">");

      if (lines[i + 1] == NULL && lines[i][0] == '\0')
        break;
      if (g_str_has_prefix (rest, "From "))
        g_string_append_c (mbox, '>');
      g_string_append_printf (mbox, "%s\n", lines[i]);
    }
  g_string_append_c (mbox, '\n');
}

static char *
write_test_mailbox (void)
{
  g_autoptr(GString) mbox = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (mailbox_samples); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;

      if (mailbox_samples[i] == NULL)
        {
          append_mbox_message (mbox, crafted_message);
          continue;
        }

      path = sample_path (mailbox_samples[i]);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      append_mbox_message (mbox, contents);
    }

  return write_temp_file (MAILBOX_NAME, mbox->str, mbox->len);
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    count++;

  return count;
}

/* Check that @html is one whole document: one head, one body, one end. */
static void
assert_one_document (const char *html)
{
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html"));
  g_assert_true (g_str_has_suffix (html, "</body>\n</html>\n"));
  g_assert_cmpuint (count_occurrences (html, "<!DOCTYPE"), ==, 1);
  g_assert_cmpuint (count_occurrences (html, "<html"), ==, 1);
  g_assert_cmpuint (count_occurrences (html, "</html>"), ==, 1);
  g_assert_cmpuint (count_occurrences (html, "<head>"), ==, 1);
  g_assert_cmpuint (count_occurrences (html, "<style>"), ==, 1);
  g_assert_cmpuint (count_occurrences (html, "<body>"), ==, 1);
  g_assert_cmpuint (count_occurrences (html, "</body>"), ==, 1);
}

/* Check that the report sections contain the message lines @sources, one
 * each and in order, and return where the last section ends. */
static const char *
assert_report_sections (const char         *html,
                        const char * const *sources,
                        guint               n_sources)
{
  const char *cursor = html;

  g_assert_cmpuint (count_occurrences (html, "<section class=\"report\">"), ==, n_sources);

  for (guint i = 0; i < n_sources; i++)
    {
      g_autofree char *line = g_strdup_printf ("<p>Message: %s</p>", sources[i]);
      const char *section = strstr (cursor, "<section class=\"report\">");
      const char *section_end;
      const char *found;

      g_test_message ("report %u: %s", i, sources[i]);
      g_assert_nonnull (section);
      section_end = strstr (section, "</section>");
      g_assert_nonnull (section_end);
      found = strstr (section, line);
      g_assert_nonnull (found);
      g_assert_true (found < section_end);
      cursor = section_end;
    }

  return cursor;
}

/* Validate @html with xmllint when it is installed.  libxml2's HTML parser
 * supports HTML 4 only, so it gets <div> in place of each <section>. */
static void
assert_valid_html (const char *html)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autoptr(GRegex) open_tag = NULL;
  g_autofree char *html4 = NULL;
  g_autofree char *html4_closed = NULL;
  g_autofree char *path = NULL;
  g_autofree char *standard_error = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (xmllint == NULL)
    {
      g_test_incomplete ("xmllint (libxml2-utils) is not installed; HTML was not validated");
      return;
    }

  open_tag = g_regex_new ("<section [^>]*>", 0, 0, &error);
  g_assert_no_error (error);
  html4 = g_regex_replace_literal (open_tag, html, -1, 0, "<div>", 0, &error);
  g_assert_no_error (error);
  {
    g_auto(GStrv) parts = g_strsplit (html4, "</section>", -1);

    html4_closed = g_strjoinv ("</div>", parts);
  }

  path = write_temp_file ("document.html", html4_closed, -1);

  {
    const char *argv[] = { xmllint, "--html", "--noout", path, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                  NULL, &standard_error, &wait_status, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (standard_error, ==, "");
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
}

static void
test_cli_html_mailbox (void)
{
  g_autofree char *path = write_test_mailbox ();
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", "--format=html", path, NULL };
  const char * const sources[] = {
    MAILBOX_NAME_HTML ", message 1",
    MAILBOX_NAME_HTML ", message 2",
    MAILBOX_NAME_HTML ", message 3",
    MAILBOX_NAME_HTML ", message 4",
  };
  const char *reports_end;
  const char *summary;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *title = g_strdup_printf ("<h1>Summary of %s/" MAILBOX_NAME_HTML ": 4 messages</h1>",
                                            folder);

  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);

  assert_one_document (run.out);
  reports_end = assert_report_sections (run.out, sources, G_N_ELEMENTS (sources));

  /* The summary is the last section. */
  g_assert_cmpuint (count_occurrences (run.out, "<section class=\"mailbox-summary\">"), ==, 1);
  g_assert_cmpuint (count_occurrences (run.out, "</section>"), ==, G_N_ELEMENTS (sources) + 1);
  summary = strstr (reports_end, "<section class=\"mailbox-summary\">");
  g_assert_nonnull (summary);
  g_assert_nonnull (strstr (summary, title));
  g_assert_nonnull (strstr (summary, "<li>Blackmail scam (sextortion): 3</li>"));
  g_assert_nonnull (strstr (summary, "<li>No known scam signs: 1</li>"));
  g_assert_nonnull (strstr (summary, "<h2>Blackmail messages by the wallet they demand payment to</h2>"));
  g_assert_nonnull (strstr (summary, "<li><code>1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf</code>: 1 message</li>"));
  g_assert_nonnull (strstr (summary, "<li><code>1C9uLvQDEaMQWWekXX8EpatCuB4hwodMrj</code>: 2 messages</li>"));
  g_assert_nonnull (strstr (summary, "<h2>Blackmail messages by the computer that sent them</h2>"));
  g_assert_nonnull (strstr (summary, "<li><code>203.0.113.45</code>: 1 message</li>"));
  g_assert_nonnull (strstr (summary, "<li><code>192.0.2.7</code>: 1 message</li>"));
  g_assert_true (g_str_has_suffix (summary, "</section>\n</body>\n</html>\n"));

  /* Text from the messages and the file name is escaped. */
  g_assert_null (strstr (run.out, "<script"));
  g_assert_null (strstr (run.out, "<y&z@"));
  g_assert_nonnull (strstr (run.out, "&lt;y&amp;z@example.com&gt;"));
  g_assert_null (strstr (run.out, MAILBOX_NAME));

  assert_valid_html (run.out);
}

/* Several paths give one document, and an unreadable one leaves no trace
 * in it. */
static void
test_cli_html_several_files (void)
{
  g_autofree char *sextortion = sample_path ("sextortion-en.eml");
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "hdr-missing", "none.eml", NULL);
  g_autofree char *newsletter = sample_path ("newsletter-en.eml");
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", "--format=html", missing, sextortion, newsletter, NULL };
  const char * const sources[] = { "sextortion-en.eml", "newsletter-en.eml" };

  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, missing));

  assert_one_document (run.out);
  assert_report_sections (run.out, sources, G_N_ELEMENTS (sources));
  g_assert_null (strstr (run.out, "mailbox-summary"));
  g_assert_cmpuint (count_occurrences (run.out, "</section>"), ==, G_N_ELEMENTS (sources));

  assert_valid_html (run.out);
}

/* One message gives the page of hdr_report_to_html(), without sections. */
static void
test_cli_html_single_file (void)
{
  g_autofree char *path = sample_path ("sextortion-en.eml");
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", "--format=html", path, NULL };

  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);

  assert_one_document (run.out);
  g_assert_null (strstr (run.out, "<section"));
  g_assert_nonnull (strstr (run.out, "<body>\n<div class=\"verdict verdict-sextortion\">"));
}

/* Markdown puts "---" between the reports and before the summary, which
 * has its own heading and lists. */
static void
test_cli_markdown_mailbox (void)
{
  g_autofree char *path = write_test_mailbox ();
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", "--format=markdown", path, NULL };
  const char *summary;
  g_autofree char *expected = NULL;

  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);

  g_assert_false (g_str_has_prefix (run.out, "\n---"));
  g_assert_cmpuint (count_occurrences (run.out, "\n---\n"), ==, G_N_ELEMENTS (mailbox_samples));

  summary = g_strrstr (run.out, "\n---\n");
  g_assert_nonnull (summary);
  expected = g_strdup_printf ("\n---\n\n# Summary of %s: 4 messages\n\n"
                              "- Blackmail scam (sextortion): 3\n"
                              "- Signs of a scam: 0\n"
                              "- No known scam signs: 1\n\n", path);
  g_assert_true (g_str_has_prefix (summary, expected));
  g_assert_nonnull (strstr (summary, "\n## Blackmail messages by the wallet they demand payment to\n\n"));
  g_assert_nonnull (strstr (summary, "\n- `1C9uLvQDEaMQWWekXX8EpatCuB4hwodMrj`: 2 messages\n"));
  g_assert_nonnull (strstr (summary, "\n## Blackmail messages by the computer that sent them\n\n"));
  g_assert_nonnull (strstr (summary, "\n- `203.0.113.45`: 1 message\n"));
}

/* The plain text summary keeps its indented form. */
static void
test_cli_text_mailbox (void)
{
  g_autofree char *path = write_test_mailbox ();
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", path, NULL };
  g_autofree char *expected = NULL;

  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);

  expected = g_strdup_printf ("\n\n\nSummary of %s: 4 messages\n"
                              "  blackmail scam (sextortion): 3\n"
                              "  signs of a scam: 0\n"
                              "  no known scam signs: 1\n", path);
  g_assert_nonnull (strstr (run.out, expected));
  g_assert_nonnull (strstr (run.out, "\n  1C9uLvQDEaMQWWekXX8EpatCuB4hwodMrj: 2\n"));
}

/* Text reports of files and of a mailbox's messages are separated alike,
 * and an unreadable first path leaves no blank lines at the start. */
static void
test_cli_text_several_inputs (void)
{
  g_autofree char *mailbox = write_test_mailbox ();
  g_autofree char *sample = sample_path ("newsletter-en.eml");
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", "/nonexistent/message.eml", sample, mailbox, NULL };
  guint reports = 0;

  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "Message: "));

  /* Every report after the first starts after an empty line. */
  for (const char *p = strstr (run.out, "Message: "); p != NULL; p = strstr (p + 1, "Message: "))
    {
      if (reports > 0)
        g_assert_true (p - run.out >= 2 && p[-1] == '\n' && p[-2] == '\n');
      reports++;
    }
  g_assert_cmpuint (reports, ==, 5);
}

#define LIST_NOTE "1 blackmail message came through a mailing list. " \
                  "The list server only passed it on and is not listed here as its sender."
#define LIST_NOTE_TWO "2 blackmail messages came through mailing lists. " \
                      "The list servers only passed them on and are not listed here as their senders."

/* Write an mbox with @relayed copies of sextortion-en.eml that came
 * through a mailing list, followed by crafted_message, sent directly from
 * 192.0.2.7, when @with_direct is TRUE.  An mbox of a single message is
 * reported as that message, without a summary. */
static char *
write_list_mailbox (guint    relayed,
                    gboolean with_direct)
{
  g_autofree char *path = sample_path ("sextortion-en.eml");
  g_autofree char *contents = NULL;
  g_autoptr(GString) relayed_text = NULL;
  g_autoptr(GString) mbox = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  relayed_text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (relayed_text, SAMPLE_PROVIDER_HOP, LIST_RELAYED_HOPS, 1), ==, 1);

  for (guint i = 0; i < relayed; i++)
    append_mbox_message (mbox, relayed_text->str);
  if (with_direct)
    append_mbox_message (mbox, crafted_message);

  return write_temp_file ("list.mbox", mbox->str, mbox->len);
}

/* Run --report on @path in @format and return the summary: the output
 * from the last occurrence of @summary_start on. */
static char *
run_list_summary (const char *path,
                  const char *format,
                  const char *summary_start)
{
  g_autofree char *format_option = g_strdup_printf ("--format=%s", format);
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", format_option, path, NULL };
  const char *summary;

  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);

  if (g_str_equal (format, "html"))
    assert_valid_html (run.out);

  summary = g_strrstr (run.out, summary_start);
  g_assert_nonnull (summary);

  return g_strdup (summary);
}

/* A blackmail message that came through a mailing list is not grouped
 * under the list server in any format, and the summary gives the reason. */
static void
test_cli_mailbox_mailing_list (void)
{
  g_autofree char *path = write_list_mailbox (1, TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", "--format=json", path, NULL };
  g_auto(GStrv) lines = NULL;
  JsonObject *report;
  JsonObject *summary;
  JsonArray *origins;

  /* The first message's report names the list server as a mailing list. */
  run_report (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  report = parse_report (parser, lines[0]);
  g_assert_cmpstr (json_object_get_string_member (report, "verdict"), ==, "sextortion");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (report, "origin"),
                                                  "kind"),
                   ==, "mailing_list");

  summary = json_object_get_object_member (parse_report (parser, lines[2]), "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "sextortion_via_mailing_list"), ==, 1);
  origins = json_object_get_array_member (summary, "sextortion_by_origin_ip");
  g_assert_cmpuint (json_array_get_length (origins), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (origins, 0), "ip"),
                   ==, "192.0.2.7");
  json = g_strdup (lines[2]);
  g_assert_null (strstr (json, LIST_SERVER_IP));

  text = run_list_summary (path, "text", "\nSummary of ");
  g_assert_nonnull (strstr (text, "\nBlackmail messages by the computer that sent them:\n"
                                  "  192.0.2.7: 1\n"
                                  "  " LIST_NOTE "\n"));
  g_assert_null (strstr (text, LIST_SERVER_IP));

  markdown = run_list_summary (path, "markdown", "\n# Summary of ");
  g_assert_true (g_str_has_suffix (markdown, "\n## Blackmail messages by the computer that sent them\n\n"
                                             "- `192.0.2.7`: 1 message\n\n"
                                             LIST_NOTE "\n\n"));
  g_assert_null (strstr (markdown, LIST_SERVER_IP));

  html = run_list_summary (path, "html", "<section class=\"mailbox-summary\">");
  g_assert_nonnull (strstr (html, "<h2>Blackmail messages by the computer that sent them</h2>\n"
                                  "<ul>\n<li><code>192.0.2.7</code>: 1 message</li>\n</ul>\n"
                                  "<p>" LIST_NOTE "</p>\n"));
  g_assert_null (strstr (html, LIST_SERVER_IP));
}

/* When every blackmail message came through a mailing list, the heading
 * is followed by the note alone, without an empty list. */
static void
test_cli_mailbox_only_mailing_list (void)
{
  g_autofree char *path = write_list_mailbox (2, FALSE);
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;

  text = run_list_summary (path, "text", "\nSummary of ");
  g_assert_true (g_str_has_suffix (text, "\nBlackmail messages by the computer that sent them:\n"
                                         "  " LIST_NOTE_TWO "\n"));

  markdown = run_list_summary (path, "markdown", "\n# Summary of ");
  g_assert_true (g_str_has_suffix (markdown, "\n## Blackmail messages by the computer that sent them\n\n"
                                             LIST_NOTE_TWO "\n\n"));

  html = run_list_summary (path, "html", "<section class=\"mailbox-summary\">");
  g_assert_nonnull (strstr (html, "<h2>Blackmail messages by the computer that sent them</h2>\n"
                                  "<p>" LIST_NOTE_TWO "</p>\n"));
  g_assert_null (strstr (html, "<ul>\n</ul>"));
}

/* Writes the sample in user_data into the named pipe at its path, once. */
static gpointer
write_fifo_thread (gpointer user_data)
{
  const char *fifo = user_data;
  g_autofree char *sample = sample_path ("sextortion-en.eml");
  g_autofree char *contents = NULL;
  gsize length = 0;
  FILE *out;

  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  out = fopen (fifo, "wb");
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (contents, 1, length, out), ==, length);
  fclose (out);

  return NULL;
}

/* A named pipe can be read only once, so it is analysed as one message
 * without being opened again to look for a mailbox. */
static void
test_cli_named_pipe (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hdr-cli-XXXXXX", &error);
  g_autofree char *fifo = NULL;
  g_autoptr(GThread) writer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  const char *args[] = { "--report", "--format=json", NULL, NULL };
  JsonObject *report;

  g_assert_no_error (error);
  fifo = g_build_filename (dir, "message.fifo", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  writer = g_thread_new ("fifo-writer", write_fifo_thread, fifo);

  args[2] = fifo;
  run_report (&run, NULL, args);
  g_thread_join (g_steal_pointer (&writer));

  g_assert_cmpint (run.status, ==, 0);
  report = parse_report (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (report, "verdict"), ==, "sextortion");

  g_unlink (fifo);
  g_rmdir (dir);
}

/* An mbox piped in is read as a mailbox: a report per message, in order,
 * then the summary. */
static void
test_cli_standard_input_mailbox (void)
{
  g_autofree char *path = write_test_mailbox ();
  g_autofree char *mbox = NULL;
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *args[] = { "--report", "--format=json", "-", NULL };

  g_assert_true (g_file_get_contents (path, &mbox, NULL, NULL));
  run_report (&run, mbox, args);
  g_assert_cmpint (run.status, ==, 0);

  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *source = g_strdup_printf ("\"source\":\"standard input, message %u\"", i + 1);

      g_assert_nonnull (strstr (lines[i], source));
    }
  g_assert_true (g_str_has_prefix (lines[4], "{\"summary\":{\"mailbox\":\"standard input\",\"messages\":4,"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/sample-json", test_cli_sample_json);
  g_test_add_func ("/cli/sample-text", test_cli_sample_text);
  g_test_add_func ("/cli/standard-input", test_cli_standard_input);
  g_test_add_func ("/cli/standard-input-mailbox", test_cli_standard_input_mailbox);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/unreadable-inputs", test_cli_unreadable_inputs);
  g_test_add_func ("/cli/random-bytes", test_cli_random_bytes);
  g_test_add_func ("/cli/degenerate-messages", test_cli_degenerate_messages);
  g_test_add_func ("/cli/input-unchanged", test_cli_input_unchanged);
  g_test_add_func ("/cli/html-mailbox", test_cli_html_mailbox);
  g_test_add_func ("/cli/html-several-files", test_cli_html_several_files);
  g_test_add_func ("/cli/html-single-file", test_cli_html_single_file);
  g_test_add_func ("/cli/markdown-mailbox", test_cli_markdown_mailbox);
  g_test_add_func ("/cli/text-mailbox", test_cli_text_mailbox);
  g_test_add_func ("/cli/text-several-inputs", test_cli_text_several_inputs);
  g_test_add_func ("/cli/mailbox-mailing-list", test_cli_mailbox_mailing_list);
  g_test_add_func ("/cli/mailbox-only-mailing-list", test_cli_mailbox_only_mailing_list);
  g_test_add_func ("/cli/named-pipe", test_cli_named_pipe);

  return g_test_run ();
}
