/* test-message.c: reading messages with GMime into headers and text parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hdr-analysis.h"
#include "hdr-error.h"
#include "hdr-message.h"

static HdrMessage *
parse_text (const char  *text,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return hdr_message_new_from_bytes (bytes, "test", error);
}

static void
test_message_headers_in_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;
  GPtrArray *headers;
  const HdrHeader *header;

  message = parse_text ("Received: from a.example.net (a.example.net [192.0.2.1])\n"
                        "\tby mx.example.org; Tue, 25 Feb 2020 10:11:12 +0100\n"
                        "Received: from b.example.net by a.example.net;\n"
                        " Tue, 25 Feb 2020 10:11:00 +0100\n"
                        "From: Ann Example <ann@example.net>\n"
                        "To: bob@example.org\n"
                        "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\n"
                        "\n"
                        "Hello Bob.\n",
                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);

  headers = hdr_message_get_headers (message);
  g_assert_cmpuint (headers->len, ==, 5);

  header = g_ptr_array_index (headers, 0);
  g_assert_cmpstr (header->name, ==, "Received");
  g_assert_cmpuint (header->index, ==, 0);
  g_assert_cmpuint (header->line, ==, 1);
  g_assert_cmpstr (header->value, ==,
                   "from a.example.net (a.example.net [192.0.2.1])\tby mx.example.org; "
                   "Tue, 25 Feb 2020 10:11:12 +0100");
  g_assert_true (g_str_has_prefix (header->raw, "Received: from a.example.net"));
  g_assert_nonnull (strchr (header->raw, '\n'));

  header = g_ptr_array_index (headers, 1);
  g_assert_cmpuint (header->index, ==, 1);
  g_assert_cmpuint (header->line, ==, 3);

  header = g_ptr_array_index (headers, 4);
  g_assert_cmpstr (header->name, ==, "Subject");
  g_assert_cmpuint (header->line, ==, 7);
  g_assert_cmpstr (hdr_message_get_header (message, "subject"), ==, "Grüße");
  g_assert_null (hdr_message_get_header (message, "Reply-To"));
}

static void
test_message_text_parts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;
  GPtrArray *parts;
  const HdrTextPart *part;

  message = parse_text ("From: ann@example.net\n"
                        "To: bob@example.org\n"
                        "MIME-Version: 1.0\n"
                        "Content-Type: multipart/mixed; boundary=\"outer\"\n"
                        "\n"
                        "--outer\n"
                        "Content-Type: multipart/alternative; boundary=\"inner\"\n"
                        "\n"
                        "--inner\n"
                        "Content-Type: text/plain; charset=iso-8859-1\n"
                        "Content-Transfer-Encoding: quoted-printable\n"
                        "\n"
                        "Gr=FC=DFe aus K=F6ln\n"
                        "--inner\n"
                        "Content-Type: text/html; charset=utf-8\n"
                        "Content-Transfer-Encoding: base64\n"
                        "\n"
                        "PHA+SGVsbG88L3A+\n"
                        "--inner--\n"
                        "--outer\n"
                        "Content-Type: image/png\n"
                        "Content-Disposition: attachment; filename=\"photo.png\"\n"
                        "Content-Transfer-Encoding: base64\n"
                        "\n"
                        "iVBORw0KGgo=\n"
                        "--outer\n"
                        "Content-Type: message/rfc822\n"
                        "\n"
                        "From: carol@example.com\n"
                        "Subject: inner\n"
                        "\n"
                        "Inner text.\n"
                        "--outer\n"
                        "Content-Type: text/plain\n"
                        "Content-Disposition: attachment; filename=\"notes.txt\"\n"
                        "\n"
                        "Attached notes.\n"
                        "--outer--\n",
                        &error);
  g_assert_no_error (error);

  parts = hdr_message_get_text_parts (message);
  g_assert_cmpuint (parts->len, ==, 4);

  part = g_ptr_array_index (parts, 0);
  g_assert_cmpstr (part->content_type, ==, "text/plain");
  g_assert_cmpstr (part->text, ==, "Grüße aus Köln");
  g_assert_false (part->is_html);
  g_assert_false (part->is_attachment);

  part = g_ptr_array_index (parts, 1);
  g_assert_true (part->is_html);
  g_assert_cmpstr (part->text, ==, "<p>Hello</p>");

  part = g_ptr_array_index (parts, 2);
  g_assert_true (part->is_attachment);
  g_assert_nonnull (strstr (part->text, "Inner text."));

  part = g_ptr_array_index (parts, 3);
  g_assert_true (part->is_attachment);
  g_assert_nonnull (strstr (part->location, "notes.txt"));

  g_assert_cmpuint (hdr_message_get_image_part_count (message), ==, 1);
  g_assert_cmpuint (hdr_message_get_notes (message)->len, ==, 0);
}

/* A multipart without its close delimiter line is reported as cut off.  A
 * whole multipart, a boundary that lacks its closing quote and a single
 * part are not. */
static void
test_message_cut_off (void)
{
  static const struct
  {
    const char *text;
    gboolean    cut_off;
  } cases[] = {
    { "From: ann@example.net\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n"
      "--b1\nContent-Type: text/plain\n\nI am a hack", TRUE },
    { "From: ann@example.net\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n"
      "--b1\nContent-Type: text/plain\n\nWhole text.\n--b1--\n", FALSE },
    { "From: ann@example.net\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
      "--b1\r\nContent-Type: text/plain\r\n\r\nWhole text.\r\n--b1--\r\n\r\nEpilogue.\r\n", FALSE },
    { "From: ann@example.net\nContent-Type: multipart/mixed;boundary=\"--b1\n\n"
      "----b1\nContent-Type: text/plain\n\nWhole text.\n----b1--\n", FALSE },
    { "From: ann@example.net\nContent-Type: text/plain\n\nI am a hack", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdrMessage) message = parse_text (cases[i].text, &error);

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpint (hdr_message_get_cut_off (message), ==, cases[i].cut_off);
    }
}

static void
test_message_mbox_separator (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;

  message = parse_text ("From ann@example.net Tue Feb 25 10:11:12 2020\n"
                        "From: ann@example.net\n"
                        "Subject: mbox entry\n"
                        "\n"
                        "Body.\n",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hdr_message_get_header (message, "Subject"), ==, "mbox entry");
}

/* A byte order mark, an mbox line and lines of spaces before the headers,
 * as editors and some mail clients save them, are skipped. */
static void
test_message_text_before_headers (void)
{
  static const char * const accepted[] = {
    "\xEF\xBB\xBF" "From: ann@example.net\nSubject: saved\n\nBody.\n",
    "   \n\t\r\n\nFrom: ann@example.net\nSubject: saved\n\nBody.\n",
    "\xEF\xBB\xBF" "From ann@example.net Tue Feb 25 10:11:12 2020\n \nSubject: saved\n\nBody.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdrMessage) message = parse_text (accepted[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (hdr_message_get_header (message, "Subject"), ==, "saved");
    }
}

/* The words of a mail alone are read as a message without headers and a
 * note, so the scam still shows.  A whole message is read as it is. */
static void
test_message_words_only (void)
{
  static const char words[] =
    "Hello, I am a hacker who has access to your operating system. I recorded you with "
    "your webcam while you were watching adult websites. Send 1200 USD in Bitcoin to "
    "1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf within 48 hours, or I will send the video to all "
    "your contacts.\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (words, strlen (words));
  g_autoptr(GBytes) spaces = g_bytes_new_static (" \n\t\n", 4);
  g_autoptr(GBytes) full = g_bytes_new_static ("From: ann@example.net\nSubject: hi\n\nHi.\n", 39);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) strict = hdr_message_new_from_bytes (bytes, "Pasted message", &error);
  g_autoptr(HdrMessage) message = NULL;
  g_autoptr(HdrMessage) empty = NULL;
  g_autoptr(HdrMessage) whole = NULL;
  g_autoptr(HdrReport) report = NULL;
  GPtrArray *notes;

  g_assert_null (strict);
  g_assert_error (error, HDR_ERROR, HDR_ERROR_NOT_A_MESSAGE);
  g_clear_error (&error);

  message = hdr_message_new_from_words (bytes, "Pasted message", &error);
  g_assert_no_error (error);
  notes = hdr_message_get_notes (message);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (notes, 0), "Only the words"));
  report = hdr_analyze_message (message);
  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_SEXTORTION);

  empty = hdr_message_new_from_words (spaces, "Pasted message", &error);
  g_assert_null (empty);
  g_assert_error (error, HDR_ERROR, HDR_ERROR_EMPTY);
  g_clear_error (&error);

  whole = hdr_message_new_from_words (full, "Pasted message", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hdr_message_get_notes (whole)->len, ==, 0);
  g_assert_cmpstr (hdr_message_get_header (whole, "Subject"), ==, "hi");
}

static void
test_message_rejects_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = parse_text ("", &error);

  g_assert_null (message);
  g_assert_error (error, HDR_ERROR, HDR_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "test"));
}

static void
test_message_rejects_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = parse_text ("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", &error);

  g_assert_null (message);
  g_assert_error (error, HDR_ERROR, HDR_ERROR_NOT_A_MESSAGE);
}

static void
test_message_rejects_random_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HdrMessage) message = NULL;

  for (guint i = 0; i < 4096; i++)
    {
      guint8 byte = g_rand_int_range (rand, 0, 256);

      g_byte_array_append (data, &byte, 1);
    }
  /* A colon late in the first line must not make it a header. */
  data->data[0] = 0x01;

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  message = hdr_message_new_from_bytes (bytes, "noise.bin", &error);
  g_assert_null (message);
  g_assert_error (error, HDR_ERROR, HDR_ERROR_NOT_A_MESSAGE);
  g_assert_nonnull (strstr (error->message, "noise.bin"));
}

static void
test_message_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;
  const HdrHeader *header;
  const HdrTextPart *part;

  message = parse_text ("From: ann@example.net\n"
                        "Subject: bad \xff\xfe bytes\n"
                        "Content-Type: text/plain; charset=utf-8\n"
                        "\n"
                        "Body \xc3\x28 here.\n",
                        &error);
  g_assert_no_error (error);

  header = g_ptr_array_index (hdr_message_get_headers (message), 1);
  g_assert_true (g_utf8_validate (header->value, -1, NULL));
  g_assert_true (g_utf8_validate (header->raw, -1, NULL));

  part = g_ptr_array_index (hdr_message_get_text_parts (message), 0);
  g_assert_true (g_utf8_validate (part->text, -1, NULL));
  g_assert_nonnull (strstr (part->text, "here."));
}

static void
test_message_long_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;
  g_autoptr(GString) text = g_string_new ("From: ann@example.net\nX-Filler: ");
  const HdrHeader *header;

  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (text, 'a' + i % 26);
  g_string_append (text, "\nSubject: after the long one\n\nBody.\n");

  message = parse_text (text->str, &error);
  g_assert_no_error (error);

  header = g_ptr_array_index (hdr_message_get_headers (message), 1);
  g_assert_cmpuint (strlen (header->value), >, 60 * 1024);
  g_assert_cmpuint (strlen (header->value), <=, 64 * 1024);
  g_assert_true (g_str_has_prefix (header->value, "abcdef"));
  g_assert_cmpstr (hdr_message_get_header (message, "Subject"), ==, "after the long one");

  g_assert_cmpuint (hdr_message_get_notes (message)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (hdr_message_get_notes (message), 0), "X-Filler"));

  /* What is shown to people keeps lines to the RFC 5322 limit. */
  g_assert_cmpuint (strlen (header->raw), <, 1010);
  g_assert_true (g_str_has_suffix (header->raw, "…"));
  g_assert_nonnull (strstr (hdr_message_get_raw_header_block (message), header->raw));
}

static void
test_message_long_folded_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;
  g_autoptr(GString) text = g_string_new ("From: ann@example.net\nX-Folded: start");
  const HdrHeader *header;

  for (guint i = 0; i < 200000; i++)
    g_string_append (text, "\n word");
  g_string_append (text, "\nSubject: after the folded one\n\nBody.\n");

  message = parse_text (text->str, &error);
  g_assert_no_error (error);

  header = g_ptr_array_index (hdr_message_get_headers (message), 1);
  g_assert_cmpstr (header->name, ==, "X-Folded");
  g_assert_cmpuint (strlen (header->value), <=, 64 * 1024);
  g_assert_true (g_str_has_prefix (header->value, "start word word"));
  g_assert_cmpstr (hdr_message_get_header (message, "Subject"), ==, "after the folded one");
  g_assert_cmpuint (hdr_message_get_headers (message)->len, ==, 3);
  g_assert_cmpuint (hdr_message_get_notes (message)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (hdr_message_get_notes (message), 0), "X-Folded"));
}

static void
test_message_many_headers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;
  g_autoptr(GString) text = g_string_new ("From: ann@example.net\n");

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, "X-Filler-%u: %u\n", i, i);
  g_string_append (text, "\nBody.\n");

  message = parse_text (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hdr_message_get_headers (message)->len, ==, 5000);
  g_assert_cmpuint (hdr_message_get_notes (message)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (hdr_message_get_notes (message), 0), "100001"));
}

static void
test_message_from_file_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "data", "samples",
                                            "sextortion-en.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0;
  gsize after_length = 0;
  g_autoptr(HdrMessage) message = NULL;

  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

  message = hdr_message_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_suffix (hdr_message_get_source (message), "/data/samples/sextortion-en.eml"));
  g_assert_cmpuint (hdr_message_get_text_parts (message)->len, ==, 1);

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_message_file_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/message.eml");
  g_autoptr(HdrMessage) message = hdr_message_new_from_file (file, NULL, &error);

  g_assert_null (message);
  g_assert_error (error, HDR_ERROR, HDR_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/message.eml"));
  /* The advice, once, without the path repeated by GIO's own message. */
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_null (strstr (strstr (error->message, "/nonexistent/message.eml") + 1,
                         "/nonexistent/message.eml"));
}

static void
test_message_deep_nesting_limited (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;
  g_autoptr(GString) text = g_string_new ("From: ann@example.net\nMIME-Version: 1.0\n");

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i, i);
  g_string_append (text, "Content-Type: text/plain\n\nDeep text.\n");

  message = parse_text (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hdr_message_get_notes (message)->len, ==, 1);
  g_assert_cmpuint (hdr_message_get_text_parts (message)->len, ==, 0);
}

/* Parse @text with GMime alone and return the value of the topmost field
 * called @name as g_mime_header_get_value() returns it. */
static char *
get_gmime_header_value (const char *text,
                        gsize       length,
                        const char *name)
{
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (text, length);
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr(GMimeMessage) message = NULL;
  GMimeHeader *header;

  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);

  header = g_mime_header_list_get_header (g_mime_object_get_header_list (GMIME_OBJECT (message)),
                                          name);
  g_assert_nonnull (header);

  return g_strdup (g_mime_header_get_value (header));
}

/* Build a message whose first field is @name with @value, with LF or CRLF
 * line ends, and check that hdr_message_get_header() returns what GMime
 * returns for it. */
static void
assert_header_value_like_gmime (const char *name,
                                const char *value,
                                gboolean    crlf)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *escaped = g_strescape (value, NULL);

  g_string_append_printf (text, "%s:%s\nX-After: end\n\nBody.\n", name, value);
  if (crlf)
    g_string_replace (text, "\n", "\r\n", 0);

  g_test_message ("%s with %s line ends: \"%.80s\"", name, crlf ? "CRLF" : "LF", escaped);

  expected = get_gmime_header_value (text->str, text->len, name);

  bytes = g_bytes_new (text->str, text->len);
  message = hdr_message_new_from_bytes (bytes, "test", &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);

  g_assert_cmpstr (hdr_message_get_header (message, name), ==, expected);
  g_assert_cmpstr (hdr_message_get_header (message, "X-After"), ==, "end");
}

static void
test_message_header_value_like_gmime (void)
{
  /* Values as written after the colon, with LF line ends. */
  static const char *values[] = {
    " plain value",
    "no space after the colon",
    " folded\n continued",
    " folded\n\tby a tab",
    " folded twice\n  here\n\tand here",
    "\n folded before the first word",
    "\tleading tab",
    "   leading and trailing spaces   ",
    " trailing tab\t",
    " two  spaces and a\ttab inside",
    "",
    " ",
    " \t \t",
    " \n \n\t",
    " =?utf-8?q?Gr=C3=BC=C3=9Fe?=",
    " =?utf-8?b?R3LDvMOfZQ==?= and text",
    " text =?iso-8859-1?q?caf=E9?=\n =?iso-8859-1?q?_au_lait?=",
    "  =?utf-8?q?padded?=  ",
    " not an =? encoded word",
    " broken =?utf-8?q?end",
    " a ?= b = c =",
    " caf\xc3\xa9 in UTF-8",
    " caf\xe9 in ISO-8859-1",
    " folded caf\xc3\xa9\n continued",
    " control \x01 and \x7f bytes",
    " bare\rcarriage return",
    " form feed at the end\f",
    " vertical tab at the end\v",
    "\f form feed at the start",
  };
  static const char *names[] = {
    "X-Test", "Subject", "Received", "Message-ID", "Date", "Reply-To",
  };
  g_autoptr(GString) long_folded = g_string_new (" start");
  g_autoptr(GString) long_line = g_string_new (" ");

  for (gsize n = 0; n < G_N_ELEMENTS (names); n++)
    {
      for (gsize v = 0; v < G_N_ELEMENTS (values); v++)
        {
          assert_header_value_like_gmime (names[n], values[v], FALSE);
          assert_header_value_like_gmime (names[n], values[v], TRUE);
        }
    }

  /* Address fields, which GMime also parses into address lists while it
   * builds the message.  Content-* fields are left out because GMime 3.2
   * keeps them in the header list of the top-level part, not the message. */
  assert_header_value_like_gmime ("From", " Ann Example\n <ann@example.net>", FALSE);
  assert_header_value_like_gmime ("From", " Ann Example\n <ann@example.net>", TRUE);
  assert_header_value_like_gmime ("To", " bob@example.org,\n\tcarol@example.org ", FALSE);
  assert_header_value_like_gmime ("To", " bob@example.org,\n\tcarol@example.org ", TRUE);
  assert_header_value_like_gmime ("From", " =?utf-8?q?Ann_M=C3=BCller?= <ann@example.net>", FALSE);
  assert_header_value_like_gmime ("MIME-Version", " 1.0 (produced by\n a mailer)", TRUE);

  /* 2,000 folded lines and a line of 5,000 bytes, both below the 64 KiB
   * at which a field is cut. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (long_folded, "\n word%u", i);
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (long_line, 'a' + i % 26);

  assert_header_value_like_gmime ("X-Test", long_folded->str, FALSE);
  assert_header_value_like_gmime ("X-Test", long_folded->str, TRUE);
  assert_header_value_like_gmime ("Subject", long_line->str, FALSE);
  assert_header_value_like_gmime ("Subject", long_line->str, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The GMime parser that test_message_header_value_like_gmime() uses as
   * the reference may run before any HdrMessage initializes GMime. */
  g_mime_init ();

  g_test_add_func ("/message/headers-in-order", test_message_headers_in_order);
  g_test_add_func ("/message/text-parts", test_message_text_parts);
  g_test_add_func ("/message/cut-off", test_message_cut_off);
  g_test_add_func ("/message/mbox-separator", test_message_mbox_separator);
  g_test_add_func ("/message/text-before-headers", test_message_text_before_headers);
  g_test_add_func ("/message/words-only", test_message_words_only);
  g_test_add_func ("/message/rejects-empty", test_message_rejects_empty);
  g_test_add_func ("/message/rejects-pdf", test_message_rejects_pdf);
  g_test_add_func ("/message/rejects-random-bytes", test_message_rejects_random_bytes);
  g_test_add_func ("/message/invalid-utf8", test_message_invalid_utf8);
  g_test_add_func ("/message/long-header", test_message_long_header);
  g_test_add_func ("/message/long-folded-header", test_message_long_folded_header);
  g_test_add_func ("/message/many-headers", test_message_many_headers);
  g_test_add_func ("/message/from-file-read-only", test_message_from_file_read_only);
  g_test_add_func ("/message/file-not-found", test_message_file_not_found);
  g_test_add_func ("/message/deep-nesting-limited", test_message_deep_nesting_limited);
  g_test_add_func ("/message/header-value-like-gmime", test_message_header_value_like_gmime);

  return g_test_run ();
}
