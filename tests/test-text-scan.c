/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <string.h>

#include "hdr-text-scan.h"

/* Scam categories that ordinary mail should not hit. */
static const HdrCategory scam_categories[] = {
  HDR_CATEGORY_HACKER_CLAIM,
  HDR_CATEGORY_DEVICE_ACCESS,
  HDR_CATEGORY_RECORDING_CLAIM,
  HDR_CATEGORY_ADULT_SITE,
  HDR_CATEGORY_PAYMENT_DEMAND,
  HDR_CATEGORY_CONTACTS_THREAT,
  HDR_CATEGORY_DELETE_PROMISE,
  HDR_CATEGORY_OWN_ACCOUNT_CLAIM,
  HDR_CATEGORY_PASSWORD_CLAIM,
  HDR_CATEGORY_TRACKING_CLAIM,
  HDR_CATEGORY_PRESSURE,
};

static HdrTextScan *
scan_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "fixtures", "text", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HdrMessage) message = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  message = hdr_message_new_from_bytes (bytes, name, &error);
  g_assert_no_error (error);

  return hdr_text_scan_new (hdr_rules_get_default (), message);
}

static HdrTextScan *
scan_string (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(HdrMessage) message = NULL;

  message = hdr_message_new_from_bytes (bytes, "test", &error);
  g_assert_no_error (error);

  return hdr_text_scan_new (hdr_rules_get_default (), message);
}

static void
assert_category (HdrTextScan *scan,
                 HdrCategory  category)
{
  g_test_message ("expecting %s", hdr_category_to_id (category));
  g_assert_true (hdr_text_scan_has_category (scan, category));
}

static guint
count_scam_categories (HdrTextScan *scan)
{
  guint count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (scam_categories); i++)
    {
      if (hdr_text_scan_has_category (scan, scam_categories[i]))
        {
          g_test_message ("hit %s: %s", hdr_category_to_id (scam_categories[i]),
                          hdr_text_scan_get_first_hit (scan, scam_categories[i])->evidence);
          count++;
        }
    }

  return count;
}

static const HdrAmount *
find_amount (HdrTextScan *scan,
             const char  *currency)
{
  GPtrArray *amounts = hdr_text_scan_get_amounts (scan);

  for (guint i = 0; i < amounts->len; i++)
    {
      const HdrAmount *amount = g_ptr_array_index (amounts, i);

      if (strcmp (amount->currency, currency) == 0)
        return amount;
    }

  return NULL;
}

static void
test_scan_plain_categories (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-plain.eml");

  for (HdrCategory category = HDR_CATEGORY_HACKER_CLAIM; category <= HDR_CATEGORY_PRESSURE; category++)
    assert_category (scan, category);

  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_DISGUISED_TEXT));
  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_HIDDEN_TEXT));
}

static void
test_scan_plain_evidence (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-plain.eml");
  const HdrRuleHit *password = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_PASSWORD_CLAIM);
  const HdrRuleHit *subject = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_DEVICE_ACCESS);

  g_assert_nonnull (password);
  g_assert_nonnull (strstr (password->evidence, "Your password is blue"));
  g_assert_cmpstr (password->language, ==, "en");
  g_assert_false (password->unmasked);
  g_assert_nonnull (subject);
  g_assert_nonnull (subject->location);
}

static void
test_scan_plain_wallet_amount (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-plain.eml");
  GPtrArray *wallets = hdr_text_scan_get_wallets (scan);
  const HdrAmount *amount = find_amount (scan, "USD");
  const HdrWallet *wallet;

  g_assert_cmpuint (wallets->len, ==, 1);
  wallet = g_ptr_array_index (wallets, 0);
  g_assert_cmpstr (wallet->address, ==, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
  g_assert_cmpint (wallet->checksum, ==, HDR_CHECKSUM_VALID);

  g_assert_nonnull (amount);
  g_assert_cmpstr (amount->value, ==, "1450");
}

static void
test_scan_plain_deadline_language (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-plain.eml");
  g_auto(GStrv) languages = hdr_text_scan_get_languages (scan);

  g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, 48);
  g_assert_cmpuint (g_strv_length (languages), ==, 1);
  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_false (hdr_text_scan_get_text_only_in_images (scan));
  g_assert_cmpuint (hdr_text_scan_get_limit_hit_count (scan), ==, 0);
}

static void
test_scan_disguised_categories (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-disguised.eml");

  assert_category (scan, HDR_CATEGORY_HACKER_CLAIM);
  assert_category (scan, HDR_CATEGORY_DEVICE_ACCESS);
  assert_category (scan, HDR_CATEGORY_RECORDING_CLAIM);
  assert_category (scan, HDR_CATEGORY_ADULT_SITE);
  assert_category (scan, HDR_CATEGORY_PAYMENT_DEMAND);
  assert_category (scan, HDR_CATEGORY_DEADLINE);
  assert_category (scan, HDR_CATEGORY_CONTACTS_THREAT);
  assert_category (scan, HDR_CATEGORY_DISGUISED_TEXT);
}

static void
test_scan_disguised_evidence (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-disguised.eml");
  const HdrRuleHit *hacker = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_HACKER_CLAIM);
  const HdrRuleHit *disguise = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_DISGUISED_TEXT);

  g_assert_nonnull (hacker);
  g_assert_true (hacker->unmasked);
  /* Evidence quotes the original Cyrillic letters, not the folded text. */
  g_assert_nonnull (strstr (hacker->evidence, "h\xd0\xb0" "cker"));
  g_assert_nonnull (disguise);
  g_assert_true (disguise->unmasked);
  g_assert_nonnull (strstr (disguise->evidence, "\xd0\xb0"));
}

static void
test_scan_disguised_wallet_amount (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-disguised.eml");
  GPtrArray *wallets = hdr_text_scan_get_wallets (scan);
  const HdrAmount *amount = find_amount (scan, "USD");
  const HdrWallet *wallet;

  g_assert_cmpuint (wallets->len, ==, 1);
  wallet = g_ptr_array_index (wallets, 0);
  g_assert_cmpstr (wallet->address, ==, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy");
  g_assert_nonnull (amount);
  g_assert_cmpstr (amount->value, ==, "900");
  g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, 48);
}

static void
test_scan_html_hidden (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-html.eml");
  const HdrRuleHit *hidden = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_HIDDEN_TEXT);
  const HdrRuleHit *recording = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_RECORDING_CLAIM);
  const HdrAmount *amount = find_amount (scan, "BTC");

  g_assert_nonnull (hidden);
  g_assert_nonnull (strstr (hidden->evidence, "I recorded you"));
  g_assert_nonnull (recording);
  g_assert_true (g_str_has_suffix (recording->location, "(hidden)"));
  assert_category (scan, HDR_CATEGORY_PAYMENT_DEMAND);
  assert_category (scan, HDR_CATEGORY_CONTACTS_THREAT);
  g_assert_nonnull (amount);
  g_assert_cmpstr (amount->value, ==, "0.05");
  g_assert_cmpuint (hdr_text_scan_get_remote_image_count (scan), ==, 2);
}

static void
assert_verdict_categories (HdrTextScan *scan)
{
  assert_category (scan, HDR_CATEGORY_HACKER_CLAIM);
  assert_category (scan, HDR_CATEGORY_DEVICE_ACCESS);
  assert_category (scan, HDR_CATEGORY_RECORDING_CLAIM);
  assert_category (scan, HDR_CATEGORY_ADULT_SITE);
  assert_category (scan, HDR_CATEGORY_PAYMENT_DEMAND);
  assert_category (scan, HDR_CATEGORY_DEADLINE);
  assert_category (scan, HDR_CATEGORY_CONTACTS_THREAT);
  assert_category (scan, HDR_CATEGORY_DELETE_PROMISE);
  assert_category (scan, HDR_CATEGORY_OWN_ACCOUNT_CLAIM);
  assert_category (scan, HDR_CATEGORY_PRESSURE);
}

static void
test_scan_german (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-de.eml");
  g_auto(GStrv) languages = hdr_text_scan_get_languages (scan);
  const HdrRuleHit *hit = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_PAYMENT_DEMAND);
  const HdrAmount *amount = find_amount (scan, "EUR");

  assert_verdict_categories (scan);
  g_assert_cmpstr (hit->language, ==, "de");
  g_assert_cmpstr (languages[0], ==, "de");
  g_assert_nonnull (amount);
  g_assert_cmpstr (amount->value, ==, "850");
  g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, 48);
}

static void
test_scan_norwegian (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("sextortion-nb.eml");
  g_auto(GStrv) languages = hdr_text_scan_get_languages (scan);
  const HdrRuleHit *hit = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_PAYMENT_DEMAND);
  const HdrAmount *amount = find_amount (scan, "NOK");

  assert_verdict_categories (scan);
  g_assert_cmpstr (hit->language, ==, "nb");
  g_assert_cmpstr (languages[0], ==, "nb");
  g_assert_nonnull (amount);
  g_assert_cmpstr (amount->value, ==, "9000");
  g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, 48);
}

static void
test_scan_ham_newsletter (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("ham-newsletter.eml");

  g_assert_cmpuint (count_scam_categories (scan), ==, 0);
  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_DEADLINE));
  g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, -1);
}

static void
test_scan_ham_password_reset (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("ham-password-reset.eml");

  g_assert_cmpuint (count_scam_categories (scan), ==, 0);
  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_DEADLINE));
  g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, -1);
}

static void
test_scan_ham_news_article (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("ham-news-article.eml");

  g_assert_cmpuint (count_scam_categories (scan), <=, 1);
  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_PAYMENT_DEMAND));
  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_RECORDING_CLAIM));
}

static void
test_scan_image_only (void)
{
  g_autoptr(HdrTextScan) scan = scan_fixture ("image-only.eml");

  g_assert_true (hdr_text_scan_get_text_only_in_images (scan));
  g_assert_cmpuint (hdr_text_scan_get_hits (scan)->len, ==, 0);
}

static void
test_scan_amount_formats (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: amounts\r\n\r\n"
    "Pay 1.200 EUR or 1 500,50 NOK, also 1,500 USD, \xc2\xa3" "800, 0,12 BTC and 1500 dollars.\r\n");
  GPtrArray *amounts = hdr_text_scan_get_amounts (scan);
  const char *expected[][2] = {
    { "1200", "EUR" }, { "1500.5", "NOK" }, { "1500", "USD" }, { "800", "GBP" }, { "0.12", "BTC" },
  };

  /* "1500 dollars" repeats 1500 USD and is listed once. */
  g_assert_cmpuint (amounts->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const HdrAmount *amount = g_ptr_array_index (amounts, i);

      g_assert_cmpstr (amount->value, ==, expected[i][0]);
      g_assert_cmpstr (amount->currency, ==, expected[i][1]);
    }
}

static void
test_scan_deadline_words (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: time\r\n\r\n"
    "I give you one day to pay, then the video goes out.\r\n");

  g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, 24);
}

static void
test_scan_no_deadline (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: lunch\r\n\r\n"
    "Shall we meet for lunch on Friday at the usual place?\r\n");

  g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, -1);
  g_assert_cmpuint (hdr_text_scan_get_hits (scan)->len, ==, 0);
}

static void
test_scan_long_text_cut (void)
{
  g_autoptr(GString) text = g_string_new ("From: a@example.com\r\nTo: b@example.org\r\n"
                                          "Subject: long\r\n\r\nI am a hacker.\r\n");
  g_autoptr(HdrTextScan) scan = NULL;

  while (text->len < 1100 * 1024)
    g_string_append (text, "plain filler words on a long line\r\n");
  g_string_append (text, "Your password is kettle42.\r\n");

  scan = scan_string (text->str);

  g_assert_true (hdr_text_scan_has_category (scan, HDR_CATEGORY_HACKER_CLAIM));
  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_PASSWORD_CLAIM));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-scan/plain-categories", test_scan_plain_categories);
  g_test_add_func ("/text-scan/plain-evidence", test_scan_plain_evidence);
  g_test_add_func ("/text-scan/plain-wallet-amount", test_scan_plain_wallet_amount);
  g_test_add_func ("/text-scan/plain-deadline-language", test_scan_plain_deadline_language);
  g_test_add_func ("/text-scan/disguised-categories", test_scan_disguised_categories);
  g_test_add_func ("/text-scan/disguised-evidence", test_scan_disguised_evidence);
  g_test_add_func ("/text-scan/disguised-wallet-amount", test_scan_disguised_wallet_amount);
  g_test_add_func ("/text-scan/html-hidden", test_scan_html_hidden);
  g_test_add_func ("/text-scan/german", test_scan_german);
  g_test_add_func ("/text-scan/norwegian", test_scan_norwegian);
  g_test_add_func ("/text-scan/ham-newsletter", test_scan_ham_newsletter);
  g_test_add_func ("/text-scan/ham-password-reset", test_scan_ham_password_reset);
  g_test_add_func ("/text-scan/ham-news-article", test_scan_ham_news_article);
  g_test_add_func ("/text-scan/image-only", test_scan_image_only);
  g_test_add_func ("/text-scan/amount-formats", test_scan_amount_formats);
  g_test_add_func ("/text-scan/deadline-words", test_scan_deadline_words);
  g_test_add_func ("/text-scan/no-deadline", test_scan_no_deadline);
  g_test_add_func ("/text-scan/long-text-cut", test_scan_long_text_cut);

  return g_test_run ();
}
