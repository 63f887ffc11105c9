/* test-report.c: verdicts, claims, findings and the JSON contract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "hdr-analysis.h"
#include "hdr-json-writer.h"

static HdrReport *
analyze_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  HdrReport *report = hdr_analyze_bytes (bytes, "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static HdrReport *
analyze_sample (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "data", "samples", name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  HdrReport *report;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  report = hdr_analyze_bytes (bytes, name, &error);
  g_assert_no_error (error);

  return report;
}

static const HdrFinding *
find_finding (HdrReport  *report,
              const char *id)
{
  GPtrArray *findings = hdr_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->id, id))
        return finding;
    }

  return NULL;
}

static void
test_report_sample_sextortion (void)
{
  g_autoptr(HdrReport) report = analyze_sample ("sextortion-en.eml");
  const HdrClaims *claims = hdr_report_get_claims (report);
  const HdrFinding *payment;
  const HdrFinding *origin;

  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_SEXTORTION);
  g_assert_cmpstr (hdr_report_get_headline (report), ==,
                   "This is a mass-mailed blackmail scam. The video does not exist.");
  g_assert_nonnull (strstr (hdr_report_get_summary (report), "203.0.113.45"));

  g_assert_true (claims->from_equals_to);
  g_assert_true (claims->from_own_account);
  g_assert_true (claims->has_recording);
  g_assert_cmpint (claims->deadline_hours, ==, 48);

  payment = find_finding (report, "hallmark.payment_demand");
  g_assert_nonnull (payment);
  g_assert_cmpint (payment->severity, ==, HDR_SEVERITY_HIGH);
  g_assert_nonnull (payment->evidence);
  g_assert_nonnull (payment->explanation);
  g_assert_cmpstr (payment->location, ==, "message body");

  g_assert_nonnull (find_finding (report, "hallmark.recording_claim"));
  g_assert_nonnull (find_finding (report, "hallmark.hacker_claim"));
  g_assert_nonnull (find_finding (report, "wallet.payment"));

  origin = find_finding (report, "route.origin");
  g_assert_nonnull (origin);
  g_assert_nonnull (strstr (origin->title, "203.0.113.45"));
}

static void
test_report_ordinary_mail (void)
{
  static const char * const samples[] = { "newsletter-en.eml", "password-reset-en.eml" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(HdrReport) report = analyze_sample (samples[i]);

      g_test_message ("%s: %s", samples[i], hdr_verdict_to_string (hdr_report_get_verdict (report)));
      g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_NONE);
      g_assert_cmpstr (hdr_report_get_headline (report), ==, "No known scam signs were found.");
      g_assert_nonnull (strstr (hdr_report_get_summary (report), "does not prove"));
      g_assert_false (hdr_report_get_claims (report)->from_equals_to);
    }
}

static void
test_report_wallet_only_suspicious (void)
{
  g_autoptr(HdrReport) report = NULL;

  report = analyze_text ("From: seller@example.net\n"
                         "To: ann@example.org\n"
                         "Subject: Invoice\n"
                         "\n"
                         "Please send the amount to 1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf today.\n");

  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_SUSPICIOUS);
  g_assert_nonnull (find_finding (report, "wallet.payment"));
}

static void
test_report_from_equals_to (void)
{
  struct {
    const char *from;
    const char *to;
    gboolean    equal;
  } cases[] = {
    { "ann@example.net", "ann@example.net", TRUE },
    { "Ann <ANN@Example.NET>", "ann@example.net", TRUE },
    { "ann+news@example.net", "Ann Example <ann@example.net>", TRUE },
    { "ann@example.net", "bob@example.org, Ann <ann@example.net>", TRUE },
    { "ann@example.net", "anna@example.net", FALSE },
    { "ann@example.net", "ann@example.org", FALSE },
    { "\"ann@example.net\" <scam@example.com>", "ann@example.net", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("From: %s\nTo: %s\nSubject: x\n\nHello.\n",
                                               cases[i].from, cases[i].to);
      g_autoptr(HdrReport) report = analyze_text (text);

      g_test_message ("From: %s / To: %s", cases[i].from, cases[i].to);
      g_assert_cmpint (hdr_report_get_claims (report)->from_equals_to, ==, cases[i].equal);
    }
}

static void
test_report_no_received (void)
{
  g_autoptr(HdrReport) report = analyze_text ("From: ann@example.net\nTo: bob@example.org\n"
                                              "Subject: Draft\n\nNot sent yet.\n");

  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_NONE);
  g_assert_nonnull (find_finding (report, "route.none"));
  g_assert_null (hdr_route_get_origin_ip (hdr_report_get_route (report)));
}

static void
test_report_cut_off (void)
{
  g_autoptr(HdrReport) cut = analyze_text ("From: ann@example.net\nTo: bob@example.org\n"
                                           "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
                                           "--b1\nContent-Type: text/plain\n\nThe first lin");
  g_autoptr(HdrReport) whole = analyze_text ("From: ann@example.net\nTo: bob@example.org\n"
                                             "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
                                             "--b1\nContent-Type: text/plain\n\nThe first line.\n"
                                             "--b1--\n");

  g_autoptr(HdrReport) cut_header = analyze_text ("From: ann@example.net\nTo: bob@example.org\n"
                                                  "Subject: =?UTF-8?B?SGVs");

  g_assert_nonnull (find_finding (cut, "message.cut_off"));
  g_assert_nonnull (strstr (hdr_report_get_summary (cut), "cut off"));
  g_assert_null (find_finding (whole, "message.cut_off"));
  g_assert_null (strstr (hdr_report_get_summary (whole), "cut off"));
  /* A header field that stops without its line break. */
  g_assert_nonnull (find_finding (cut_header, "message.cut_off"));
}

static void
test_report_json_contract (void)
{
  g_autoptr(HdrReport) report = analyze_text ("From: ann@example.net\nTo: bob@example.org\n"
                                              "Subject: Draft\n\nNot sent yet.\n");
  g_autofree char *json = hdr_report_to_json (report, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *origin;
  JsonObject *claims;
  JsonObject *authentication;

  g_assert_null (strchr (json, '\n'));

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (json_object_get_int_member (root, "schema"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "source"), ==, "test");
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "none");

  origin = json_object_get_object_member (root, "origin");
  g_assert_true (json_object_has_member (origin, "ip"));
  g_assert_true (json_object_get_null_member (origin, "ip"));
  g_assert_true (json_object_get_null_member (origin, "hop_index"));
  g_assert_true (json_object_get_null_member (origin, "trap_listed"));

  authentication = json_object_get_object_member (root, "authentication");
  g_assert_true (json_object_get_null_member (authentication, "spf"));
  g_assert_true (json_object_get_null_member (authentication, "dkim"));
  g_assert_true (json_object_get_null_member (authentication, "dmarc"));
  g_assert_true (json_object_get_null_member (authentication, "arc"));

  claims = json_object_get_object_member (root, "claims");
  g_assert_false (json_object_get_boolean_member (claims, "from_equals_to"));
  g_assert_true (json_object_get_null_member (claims, "deadline_hours"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "wallets")), ==, 0);
}

static void
test_report_json_findings_complete (void)
{
  g_autoptr(HdrReport) report = analyze_sample ("sextortion-en.eml");
  g_autofree char *json = hdr_report_to_json (report, TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *findings;
  JsonArray *hops;
  static const char * const finding_members[] = {
    "id", "category", "severity", "evidence", "location", "explanation",
  };
  static const char * const hop_members[] = {
    "index", "from_helo", "from_rdns", "from_ip", "zone", "by", "with", "id", "for", "date",
    "delay_seconds", "trusted", "authenticated", "flags", "parse_error", "raw",
  };

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  findings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "findings");
  g_assert_cmpuint (json_array_get_length (findings), >, 3);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    for (guint j = 0; j < G_N_ELEMENTS (finding_members); j++)
      g_assert_true (json_object_has_member (json_array_get_object_element (findings, i),
                                             finding_members[j]));

  hops = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "hops");
  g_assert_cmpuint (json_array_get_length (hops), ==, 3);
  for (guint i = 0; i < json_array_get_length (hops); i++)
    for (guint j = 0; j < G_N_ELEMENTS (hop_members); j++)
      g_assert_true (json_object_has_member (json_array_get_object_element (hops, i),
                                             hop_members[j]));

  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (hops, 0), "date"),
                   ==, "2023-11-14T08:12:44Z");
}

/* Each case: the C string, its JSON text, and the string a JSON parser
 * reads back (NULL when it is the input itself). */
static const struct
{
  const char *value;
  const char *json;
  const char *parsed;
} json_string_cases[] = {
  { "", "\"\"", NULL },
  { "plain ASCII", "\"plain ASCII\"", NULL },
  { "say \"hi\"", "\"say \\\"hi\\\"\"", NULL },
  { "C:\\temp\\", "\"C:\\\\temp\\\\\"", NULL },
  { "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"", NULL },
  { "\x01\x0b\x1f", "\"\\u0001\\u000b\\u001f\"", NULL },
  { "del\x7f", "\"del\\u007f\"", NULL },
  { "/ stays", "\"/ stays\"", NULL },
  { "line\xe2\x80\xa8para\xe2\x80\xa9", "\"line\xe2\x80\xa8para\xe2\x80\xa9\"", NULL },
  { "Gr\xc3\xbc\xc3\x9f" "e \xf0\x9f\x98\x80", "\"Gr\xc3\xbc\xc3\x9f" "e \xf0\x9f\x98\x80\"", NULL },
  { "a\xff" "b", "\"a\xef\xbf\xbd" "b\"", "a\xef\xbf\xbd" "b" },
  { "\xc3(", "\"\xef\xbf\xbd(\"", "\xef\xbf\xbd(" },
  { "\xc3\xa9\xff", "\"\xc3\xa9\xef\xbf\xbd\"", "\xc3\xa9\xef\xbf\xbd" },
  { "\"\n\xfe", "\"\\\"\\n\xef\xbf\xbd\"", "\"\n\xef\xbf\xbd" },
};

static void
test_report_json_string_escapes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (json_string_cases); i++)
    {
      const char *expected_parsed = json_string_cases[i].parsed != NULL ?
                                    json_string_cases[i].parsed : json_string_cases[i].value;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonNode *root;

      g_test_message ("case %u", i);
      hdr_json_append_string (text, json_string_cases[i].value);
      g_assert_cmpstr (text->str, ==, json_string_cases[i].json);

      json_parser_load_from_data (parser, text->str, text->len, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      g_assert_cmpint (json_node_get_value_type (root), ==, G_TYPE_STRING);
      g_assert_cmpstr (json_node_get_string (root), ==, expected_parsed);
    }
}

/* Replacing an invalid string discards only its own partial output, not
 * the text before it. */
static void
test_report_json_string_after_text (void)
{
  g_autoptr(GString) text = g_string_new ("[\"ok\",");

  hdr_json_append_string (text, "tab\there \xff");
  g_string_append_c (text, ']');

  g_assert_cmpstr (text->str, ==, "[\"ok\",\"tab\\there \xef\xbf\xbd\"]");
}

static void
write_layout_sample (HdrJsonWriter *writer)
{
  hdr_json_writer_begin_object (writer, NULL);
  hdr_json_writer_begin_array (writer, "empty_array");
  hdr_json_writer_end_array (writer);
  hdr_json_writer_begin_object (writer, "object");
  hdr_json_writer_begin_object (writer, "empty_object");
  hdr_json_writer_end_object (writer);
  hdr_json_writer_add_int (writer, "min", G_MININT64);
  hdr_json_writer_add_int (writer, "zero", 0);
  hdr_json_writer_add_boolean (writer, "yes", TRUE);
  hdr_json_writer_add_null (writer, "none");
  hdr_json_writer_add_string (writer, "absent", NULL);
  hdr_json_writer_begin_array (writer, "array");
  hdr_json_writer_add_string (writer, NULL, "s");
  hdr_json_writer_begin_object (writer, NULL);
  hdr_json_writer_end_object (writer);
  hdr_json_writer_begin_array (writer, NULL);
  hdr_json_writer_end_array (writer);
  hdr_json_writer_end_array (writer);
  hdr_json_writer_end_object (writer);
  hdr_json_writer_add_string (writer, "quote\"name", "v");
  hdr_json_writer_end_object (writer);
}

/* The layout is that of JsonGenerator in json-glib 1.6.6, the writer the
 * reports used before, including its spaces inside an empty pretty object. */
static void
test_report_json_writer_layout (void)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  g_autoptr(GString) pretty = g_string_new (NULL);
  HdrJsonWriter writer;

  hdr_json_writer_init (&writer, compact, FALSE);
  write_layout_sample (&writer);
  g_assert_cmpstr (compact->str, ==,
                   "{\"empty_array\":[],\"object\":{\"empty_object\":{},"
                   "\"min\":-9223372036854775808,\"zero\":0,\"yes\":true,\"none\":null,"
                   "\"absent\":null,\"array\":[\"s\",{},[]]},\"quote\\\"name\":\"v\"}");

  hdr_json_writer_init (&writer, pretty, TRUE);
  write_layout_sample (&writer);
  g_assert_cmpstr (pretty->str, ==,
                   "{\n"
                   "  \"empty_array\" : [],\n"
                   "  \"object\" : {\n"
                   "    \"empty_object\" : {    },\n"
                   "    \"min\" : -9223372036854775808,\n"
                   "    \"zero\" : 0,\n"
                   "    \"yes\" : true,\n"
                   "    \"none\" : null,\n"
                   "    \"absent\" : null,\n"
                   "    \"array\" : [\n"
                   "      \"s\",\n"
                   "      {      },\n"
                   "      []\n"
                   "    ]\n"
                   "  },\n"
                   "  \"quote\\\"name\" : \"v\"\n"
                   "}");
}

/* A repeated property name keeps the place of its first occurrence and the
 * value of its last, as JSON objects built with json-glib did. */
static void
test_report_json_repeated_property (void)
{
  g_autoptr(HdrReport) report = analyze_text ("Authentication-Results: mx.example.org; spf=pass "
                                              "smtp.mailfrom=a@example.net smtp.helo=mail.example.net "
                                              "smtp.mailfrom=b@example.net\n"
                                              "From: ann@example.net\nTo: bob@example.org\n"
                                              "Subject: Draft\n\nNot sent yet.\n");
  g_autofree char *json = hdr_report_to_json (report, FALSE);

  g_assert_nonnull (strstr (json, "\"properties\":{\"smtp.mailfrom\":\"b@example.net\","
                                  "\"smtp.helo\":\"mail.example.net\"}"));
}

static void
test_report_text_rendering (void)
{
  g_autoptr(HdrReport) report = analyze_sample ("sextortion-en.eml");
  g_autofree char *text = hdr_report_to_text (report);

  g_assert_nonnull (strstr (text, "This is a mass-mailed blackmail scam."));
  g_assert_nonnull (strstr (text, "What to do now"));
  g_assert_nonnull (strstr (text, "Route, oldest first"));
  g_assert_nonnull (strstr (text, "203.0.113.45"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/sample-sextortion", test_report_sample_sextortion);
  g_test_add_func ("/report/ordinary-mail", test_report_ordinary_mail);
  g_test_add_func ("/report/wallet-only-suspicious", test_report_wallet_only_suspicious);
  g_test_add_func ("/report/from-equals-to", test_report_from_equals_to);
  g_test_add_func ("/report/no-received", test_report_no_received);
  g_test_add_func ("/report/cut-off", test_report_cut_off);
  g_test_add_func ("/report/json-contract", test_report_json_contract);
  g_test_add_func ("/report/json-findings-complete", test_report_json_findings_complete);
  g_test_add_func ("/report/json-string-escapes", test_report_json_string_escapes);
  g_test_add_func ("/report/json-string-after-text", test_report_json_string_after_text);
  g_test_add_func ("/report/json-writer-layout", test_report_json_writer_layout);
  g_test_add_func ("/report/json-repeated-property", test_report_json_repeated_property);
  g_test_add_func ("/report/text-rendering", test_report_text_rendering);

  return g_test_run ();
}
