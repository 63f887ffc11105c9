/* test-report-formats.c: the Markdown and HTML helpdesk reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include "hdr-analysis.h"

static const char * const samples[] = {
  "sextortion-en.eml",
  "sextortion-nb.eml",
  "sextortion-password-en.eml",
  "sextortion-own-account-en.eml",
  "sextortion-disguised-en.eml",
  "newsletter-en.eml",
  "password-reset-en.eml",
  "phishing-en.eml",
};

static HdrReport *
analyze_sample (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "data", "samples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = hdr_message_new_from_file (file, NULL, &error);

  g_assert_no_error (error);

  return hdr_analyze_message (message);
}

static void
test_formats_verdicts (void)
{
  static const struct
  {
    const char *sample;
    HdrVerdict  verdict;
  } expected[] = {
    { "sextortion-en.eml", HDR_VERDICT_SEXTORTION },
    { "sextortion-nb.eml", HDR_VERDICT_SEXTORTION },
    { "sextortion-password-en.eml", HDR_VERDICT_SEXTORTION },
    { "sextortion-own-account-en.eml", HDR_VERDICT_SEXTORTION },
    { "sextortion-disguised-en.eml", HDR_VERDICT_SEXTORTION },
    { "newsletter-en.eml", HDR_VERDICT_NONE },
    { "password-reset-en.eml", HDR_VERDICT_NONE },
  };
  g_autoptr(HdrReport) phishing = analyze_sample ("phishing-en.eml");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(HdrReport) report = analyze_sample (expected[i].sample);

      g_test_message ("%s", expected[i].sample);
      g_assert_cmpstr (hdr_verdict_to_string (hdr_report_get_verdict (report)), ==,
                       hdr_verdict_to_string (expected[i].verdict));
    }

  /* A phishing mail is a scam, but not the blackmail scam. */
  g_assert_cmpint (hdr_report_get_verdict (phishing), !=, HDR_VERDICT_SEXTORTION);
}

static void
test_formats_claims (void)
{
  g_autoptr(HdrReport) password = analyze_sample ("sextortion-password-en.eml");
  g_autoptr(HdrReport) own_account = analyze_sample ("sextortion-own-account-en.eml");
  g_autoptr(HdrReport) disguised = analyze_sample ("sextortion-disguised-en.eml");
  HdrTextScan *scan = hdr_report_get_text_scan (disguised);

  g_assert_true (hdr_report_get_claims (password)->knows_password);
  g_assert_true (hdr_report_get_claims (own_account)->from_equals_to);
  g_assert_true (hdr_text_scan_has_category (scan, HDR_CATEGORY_DISGUISED_TEXT));
  g_assert_true (hdr_text_scan_has_category (scan, HDR_CATEGORY_HIDDEN_TEXT));
}

static void
test_formats_reasons (void)
{
  g_autoptr(HdrReport) report = analyze_sample ("sextortion-password-en.eml");
  g_autoptr(GPtrArray) reasons = hdr_report_get_reasons (report, 5);
  g_autoptr(GPtrArray) none = hdr_report_get_reasons (report, 0);
  const HdrFinding *first = g_ptr_array_index (reasons, 0);

  g_assert_cmpuint (reasons->len, ==, 5);
  g_assert_cmpuint (none->len, ==, 0);
  /* The password claim is what the reader must act on, so it leads. */
  g_assert_cmpstr (first->id, ==, "hallmark.password_claim");

  for (guint i = 1; i < reasons->len; i++)
    {
      const HdrFinding *previous = g_ptr_array_index (reasons, i - 1);
      const HdrFinding *finding = g_ptr_array_index (reasons, i);

      g_assert_cmpint (previous->severity, >=, finding->severity);
    }
}

static gboolean
actions_contain (HdrReport  *report,
                 const char *word)
{
  const char * const *actions = hdr_report_get_actions (report);

  for (guint i = 0; actions[i] != NULL; i++)
    if (strstr (actions[i], word) != NULL)
      return TRUE;

  return FALSE;
}

static void
test_formats_actions (void)
{
  g_autoptr(HdrReport) password = analyze_sample ("sextortion-password-en.eml");
  g_autoptr(HdrReport) scam = analyze_sample ("sextortion-en.eml");
  g_autoptr(HdrReport) newsletter = analyze_sample ("newsletter-en.eml");

  g_assert_true (actions_contain (password, "Do not pay"));
  g_assert_true (actions_contain (password, "two-step sign-in"));
  g_assert_true (actions_contain (password, "someone you trust"));
  g_assert_true (actions_contain (password, "report"));
  g_assert_false (actions_contain (scam, "two-step sign-in"));
  g_assert_false (actions_contain (newsletter, "Do not pay"));
}

static void
test_formats_markdown (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(HdrReport) report = analyze_sample (samples[i]);
      g_autofree char *markdown = hdr_report_to_markdown (report);

      g_test_message ("%s", samples[i]);
      g_assert_true (g_str_has_prefix (markdown, "# "));
      g_assert_nonnull (strstr (markdown, hdr_report_get_headline (report)));
      g_assert_nonnull (strstr (markdown, "## What to do now"));
      g_assert_nonnull (strstr (markdown, "## Route, oldest first"));
    }
}

/* Lines of the body that are no finding's evidence must not leak into a
 * report that is handed on. */
static void
test_formats_body_absent (void)
{
  g_autoptr(HdrReport) report = analyze_sample ("sextortion-en.eml");
  g_autofree char *markdown = hdr_report_to_markdown (report);
  g_autofree char *html = hdr_report_to_html (report);

  g_assert_null (strstr (markdown, "Hello!"));
  g_assert_null (strstr (markdown, "friends, family and colleagues"));
  g_assert_null (strstr (markdown, "Nobody can\nhelp you"));
  g_assert_null (strstr (html, "Hello!"));
  g_assert_null (strstr (html, "friends, family and colleagues"));
  g_assert_null (strstr (html, "webcam and I recorded"));
  /* The evidence itself is there. */
  g_assert_nonnull (strstr (html, "recorded a video of you"));
}

static void
test_formats_html_escaped (void)
{
  static const char message[] =
    "Received: from a.example.net (a.example.net [192.0.2.7])\r\n"
    "\tby mx.example.com with ESMTP id 1; Tue, 14 Nov 2023 09:42:09 +0100\r\n"
    "From: <x@example.net>\r\nTo: y@example.com\r\nSubject: t\r\n"
    "Date: Tue, 14 Nov 2023 09:42:00 +0100\r\n\r\n"
    "I am a hacker <script>alert(1)</script>. I recorded a video of you.\r\n"
    "Send 500 USD to my bitcoin wallet: 1C9uLvQDEaMQWWekXX8EpatCuB4hwodMrj\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (message, sizeof message - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrReport) report = hdr_analyze_bytes (bytes, "<b>name</b>.eml", &error);
  g_autofree char *html = NULL;

  g_assert_no_error (error);
  html = hdr_report_to_html (report);

  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>"));
}

static void
assert_self_contained (const char *html)
{
  g_autofree char *lower = g_ascii_strdown (html, -1);

  g_assert_null (strstr (lower, "src="));
  g_assert_null (strstr (lower, "href=\"http"));
  g_assert_null (strstr (lower, "href='http"));
  g_assert_null (strstr (lower, "url("));
  g_assert_null (strstr (lower, "@import"));
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<link"));
}

static void
test_formats_html (void)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(HdrReport) report = analyze_sample (samples[i]);
      g_autofree char *html = hdr_report_to_html (report);
      g_autofree char *escaped_headline = g_markup_escape_text (hdr_report_get_headline (report), -1);
      g_autofree char *path = NULL;
      g_autofree char *standard_error = NULL;
      g_autoptr(GError) error = NULL;
      int fd;
      int wait_status = 0;

      g_test_message ("%s", samples[i]);
      g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
      g_assert_nonnull (strstr (html, escaped_headline));
      assert_self_contained (html);

      if (xmllint == NULL)
        continue;

      fd = g_file_open_tmp ("report-XXXXXX.html", &path, &error);
      g_assert_no_error (error);
      close (fd);
      g_file_set_contents (path, html, -1, &error);
      g_assert_no_error (error);

      {
        const char *argv[] = { xmllint, "--html", "--noout", path, NULL };

        g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                      NULL, &standard_error, &wait_status, &error);
      }
      g_assert_no_error (error);
      g_unlink (path);
      g_assert_cmpstr (standard_error, ==, "");
      g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    }

  if (xmllint == NULL)
    g_test_incomplete ("xmllint (libxml2-utils) is not installed; HTML was not validated");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/formats/verdicts", test_formats_verdicts);
  g_test_add_func ("/formats/claims", test_formats_claims);
  g_test_add_func ("/formats/reasons", test_formats_reasons);
  g_test_add_func ("/formats/actions", test_formats_actions);
  g_test_add_func ("/formats/markdown", test_formats_markdown);
  g_test_add_func ("/formats/body-absent", test_formats_body_absent);
  g_test_add_func ("/formats/html-escaped", test_formats_html_escaped);
  g_test_add_func ("/formats/html", test_formats_html);

  return g_test_run ();
}
