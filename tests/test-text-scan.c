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

/* Amounts in Arabic-Indic digits, in Arabic, Hebrew, Chinese, Korean,
 * Hungarian and Ukrainian currency words, and next to Chinese letters. */
static void
test_scan_amount_other_scripts (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: amounts\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "ادفع ١٬٣٠٠ دولار أو ٠٫٠٢ بيتكوين\r\n"
    "שלם 900 ₪\r\n"
    "请支付1500欧元\r\n"
    "300달러\r\n"
    "Order abc123 USD from 50 European shops\r\n"
    "Fizess 2 500 eurót, надішліть 700 доларів, 支付0.05 BTC到\r\n");
  GPtrArray *amounts = hdr_text_scan_get_amounts (scan);
  const char *expected[][2] = {
    { "1300", "USD" }, { "0.02", "BTC" }, { "900", "ILS" }, { "1500", "EUR" }, { "300", "USD" },
    { "2500", "EUR" }, { "700", "USD" }, { "0.05", "BTC" },
  };

  /* "abc123" is a word, and "50 European" names no currency. */
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

static HdrTextScan *
scan_utf8_body (const char *body)
{
  g_autofree char *text = g_strconcat ("From: a@example.com\r\nTo: b@example.org\r\nSubject: note\r\n"
                                       "Content-Type: text/plain; charset=utf-8\r\n\r\n",
                                       body, "\r\n", NULL);

  return scan_string (text);
}

/* Amounts whose digits start up to four characters after the amount
 * itself ("US$ 750"), at the very start of the text, and with the currency
 * after the number. */
static void
test_scan_amount_prefixes (void)
{
  static const struct
  {
    const char *body;
    const char *currency;
    const char *value;
  } cases[] = {
    { "Pay US$ 750 in bitcoin to my wallet.", "USD", "750" },
    { "Pay USD 1200 in bitcoin to my wallet.", "USD", "1200" },
    { "$50 in bitcoin, today.", "USD", "50" },
    { "Send 300 EUR in bitcoin to my wallet.", "EUR", "300" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdrTextScan) scan = scan_utf8_body (cases[i].body);
      const HdrAmount *amount = find_amount (scan, cases[i].currency);

      g_test_message ("%s", cases[i].body);
      g_assert_nonnull (amount);
      g_assert_cmpstr (amount->value, ==, cases[i].value);
    }
}

static void
test_scan_deadline_languages (void)
{
  static const struct
  {
    const char *body;
    int         hours;
  } cases[] = {
    { "Я хакер. У вас есть 48 часов, чтобы оплатить.", 48 },
    { "Даю вам два дня на оплату, иначе видео увидят все.", 48 },
    { "У вас есть сутки на оплату.", 24 },
    { "Ödeme için 48 saatiniz var.", 48 },
    { "Ödemeyi 2 gün içinde yapın.", 48 },
    { "48時間以内にビットコインを送金してください。", 48 },
    { "三日以内に送金してください。", 72 },
    { "Vous avez 48 heures pour payer.", 48 },
    { "Je vous donne deux jours pour payer.", 48 },
    { "Tienes 72 horas para pagar.", 72 },
    { "Hai 48 ore per pagare.", 48 },
    { "Você tem 3 dias para pagar.", 72 },
    { "Je hebt 48 uur om te betalen.", 48 },
    { "Du har 48 timmar på dig att betala.", 48 },
    { "Du har to døgn til at betale.", 48 },
    { "Sinulla on 2 päivää aikaa maksaa.", 48 },
    { "Masz 48 godzin na zapłatę.", 48 },
    { "Máte 48 hodin na zaplacení.", 48 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdrTextScan) scan = scan_utf8_body (cases[i].body);

      g_test_message ("body: %s", cases[i].body);
      g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, cases[i].hours);
    }
}

static void
test_scan_turkish_dotless_i (void)
{
  g_autoptr(HdrTextScan) scan = scan_utf8_body (
    "Merhaba, bu haftaki bültende Bitcoin nasıl alınır ve cüzdan şifresi nasıl "
    "korunur konularını anlatıyoruz. Ödeme yapmadan önce adresi iki kez kontrol edin.");

  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_DISGUISED_TEXT));
}

static void
test_scan_dotless_i_in_english (void)
{
  g_autoptr(HdrTextScan) scan = scan_utf8_body (
    "I am a hacker. I recorded you with your webcam. Pay 500 USD in bıtcoın within 48 hours.");

  g_assert_true (hdr_text_scan_has_category (scan, HDR_CATEGORY_DISGUISED_TEXT));
}

static void
test_scan_same_rule_id_languages (void)
{
  /* "adult_site.1" is a rule id in the English and in the Czech rules, and
   * both match the site name. */
  g_autoptr(HdrTextScan) scan = scan_utf8_body ("I am a hacker. I saw you on Pornhub.");
  GPtrArray *hits = hdr_text_scan_get_hits (scan);
  gboolean found_en = FALSE;
  gboolean found_cs = FALSE;

  for (guint i = 0; i < hits->len; i++)
    {
      const HdrRuleHit *hit = g_ptr_array_index (hits, i);

      g_test_message ("hit %s %s: %s", hit->language, hit->rule_id, hit->evidence);
      if (g_strcmp0 (hit->rule_id, "adult_site.1") != 0 || g_strcmp0 (hit->evidence, "Pornhub") != 0)
        continue;
      if (g_strcmp0 (hit->language, "en") == 0)
        found_en = TRUE;
      if (g_strcmp0 (hit->language, "cs") == 0)
        found_cs = TRUE;
    }

  g_assert_true (found_en);
  g_assert_true (found_cs);
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
test_scan_long_text_whole (void)
{
  g_autoptr(GString) text = g_string_new ("From: a@example.com\r\nTo: b@example.org\r\n"
                                          "Subject: long\r\n\r\nI am a hacker.\r\n");
  g_autoptr(HdrTextScan) scan = NULL;

  /* Far past the first MiB, where scanning used to stop. */
  while (text->len < 3 * 1024 * 1024)
    g_string_append (text, "plain filler words on a long line\r\n");
  g_string_append (text, "Your password is kettle42.\r\n");

  scan = scan_string (text->str);

  g_assert_true (hdr_text_scan_has_category (scan, HDR_CATEGORY_HACKER_CLAIM));
  g_assert_true (hdr_text_scan_has_category (scan, HDR_CATEGORY_PASSWORD_CLAIM));
  g_assert_cmpuint (hdr_text_scan_get_cut_text_count (scan), ==, 0);
}

static void
assert_amount (HdrTextScan *scan,
               const char  *currency,
               const char  *value)
{
  const HdrAmount *amount = find_amount (scan, currency);

  g_test_message ("expecting %s %s", value, currency);
  g_assert_nonnull (amount);
  g_assert_cmpstr (amount->value, ==, value);
}

static void
test_scan_amount_currencies (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: amounts\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Zapłać 4 500 zł, zaplaťte 25.000 Kč, переведите 90 000 ₽ или 1 200 рублей,\r\n"
    "ödeyin 7.500 ₺ veya 300 TL, 80000円, CHF 950, € 1.250,00,\r\n"
    "2 000 euro and 0,085 Bitcoin.\r\n");

  assert_amount (scan, "PLN", "4500");
  assert_amount (scan, "CZK", "25000");
  assert_amount (scan, "RUB", "90000");
  assert_amount (scan, "TRY", "7500");
  assert_amount (scan, "JPY", "80000");
  assert_amount (scan, "CHF", "950");
  assert_amount (scan, "EUR", "1250");
  assert_amount (scan, "BTC", "0.085");
}

static void
test_scan_amount_krone_language (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: betalning\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Jag har filmat dig. Du ska betala 8 000 kr i bitcoin till min adress, "
    "och om du inte betalar inom två dagar skickar jag videon till alla dina kontakter. "
    "Det är inte ett skämt och jag vet vad du har gjort.\r\n");
  g_auto(GStrv) languages = hdr_text_scan_get_languages (scan);

  g_assert_nonnull (languages[0]);
  g_assert_cmpstr (languages[0], ==, "sv");
  assert_amount (scan, "SEK", "8000");
}

static void
test_scan_russian_survives_folding (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: =?utf-8?b?0JLQsNGIINCw0LrQutCw0YPQvdGC?=\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Я хакер и получил полный доступ к вашему устройству. Я записал видео с вашей веб-камеры.\r\n"
    "Переведите 1 500 долларов в биткоинах на мой кошелёк:\r\n"
    "bc1qar0srrr7xfkvy5l6\r\n43lydnw9re59gtzzwf5mdq\r\n"
    "У вас есть 48 часов, иначе я отправлю видео всем вашим контактам.\r\n");
  GPtrArray *wallets = hdr_text_scan_get_wallets (scan);
  g_auto(GStrv) languages = hdr_text_scan_get_languages (scan);
  const HdrWallet *wallet;

  g_assert_nonnull (languages[0]);
  g_assert_cmpstr (languages[0], ==, "ru");
  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_DISGUISED_TEXT));
  assert_amount (scan, "USD", "1500");

  /* The address split across two lines is joined, and its evidence quotes
   * both pieces as written. */
  g_assert_cmpuint (wallets->len, ==, 1);
  wallet = g_ptr_array_index (wallets, 0);
  g_assert_cmpstr (wallet->address, ==, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
  g_assert_nonnull (strstr (wallet->evidence, "bc1qar0srrr7xfkvy5l6\r\n43lydnw9re59gtzzwf5mdq"));
  g_assert_false (wallet->in_link);
}

static void
test_scan_wallet_in_link (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: explorer\r\n\r\n"
    "See https://explorer.example.com/address/3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy for the history.\r\n");
  GPtrArray *wallets = hdr_text_scan_get_wallets (scan);
  const HdrWallet *wallet;

  g_assert_cmpuint (wallets->len, ==, 1);
  wallet = g_ptr_array_index (wallets, 0);
  g_assert_true (wallet->in_link);
}

static HdrTextScan *
scan_html (const char *body)
{
  g_autofree char *message = g_strconcat ("From: a@example.com\r\nTo: b@example.org\r\nSubject: news\r\n"
                                          "Content-Type: text/html; charset=utf-8\r\n\r\n",
                                          body, NULL);

  return scan_string (message);
}

static void
test_scan_hidden_preheader (void)
{
  g_autoptr(HdrTextScan) scan = scan_html (
    "<html><body><div style=\"display:none\">Spring fair dates and the new parking rules.</div>"
    "<p>Dear members, the spring fair is on 12 April and the new parking rules start in May.</p>"
    "</body></html>");

  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_HIDDEN_TEXT));
}

static void
test_scan_hidden_random_tokens (void)
{
  g_autoptr(HdrTextScan) scan = scan_html (
    "<html><body><p>Hello, your parcel is waiting.</p>"
    "<span style=\"font-size:0\">Qx7bT0pQ r 4Zk2mPaX kQ9vL2wXy Tn8dE2cV zz</span></body></html>");

  g_assert_true (hdr_text_scan_has_category (scan, HDR_CATEGORY_HIDDEN_TEXT));
}

static void
test_scan_hidden_unrelated_in_scam (void)
{
  g_autoptr(HdrTextScan) scan = scan_html (
    "<html><body><p>I am a hacker and I have full access to your device.</p>"
    "<div style=\"display:none\">Weekend weather: sunny mornings, light winds, showers later.</div>"
    "<p>I recorded you with your webcam. Send 900 USD in Bitcoin within 48 hours.</p>"
    "</body></html>");
  const HdrRuleHit *hidden = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_HIDDEN_TEXT);

  g_assert_nonnull (hidden);
  g_assert_nonnull (strstr (hidden->evidence, "Weekend weather"));
}

static void
test_scan_hidden_long_filler (void)
{
  g_autoptr(GString) body = g_string_new ("<html><body><p>Your invoice is attached.</p>"
                                          "<div style=\"display:none\">");
  g_autoptr(HdrTextScan) scan = NULL;

  for (guint i = 0; i < 20; i++)
    g_string_append (body, "The river valley farms grew barley and oats for the market town. ");
  g_string_append (body, "</div></body></html>");

  scan = scan_html (body->str);

  g_assert_true (hdr_text_scan_has_category (scan, HDR_CATEGORY_HIDDEN_TEXT));
}

static void
test_scan_forwarded_attachment (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: Fwd: strange mail\r\n"
    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
    "--outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Is this real? It came this morning.\r\n"
    "--outer\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n"
    "From: c@example.net\r\nTo: a@example.com\r\nSubject: warning\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "I am a hacker and I recorded you with your webcam.\r\n"
    "--outer\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Disposition: attachment; filename=\"note.txt\"\r\n\r\n"
    "Send 700 USD in Bitcoin within 48 hours.\r\n"
    "--outer--\r\n");

  assert_category (scan, HDR_CATEGORY_HACKER_CLAIM);
  assert_category (scan, HDR_CATEGORY_RECORDING_CLAIM);
  assert_amount (scan, "USD", "700");
  g_assert_cmpint (hdr_text_scan_get_deadline_hours (scan), ==, 48);
}

static void
test_scan_pdf_only (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: invoice\r\n"
    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
    "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n"
    "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcTl8uXr\r\n"
    "--b--\r\n");

  g_assert_true (hdr_text_scan_get_text_only_in_images (scan));
}

static void
test_scan_invisible_in_word (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: note\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "I am a hac\xe2\x80\x8b" "ker and I recorded you with your webcam.\r\n");
  const HdrRuleHit *disguise = hdr_text_scan_get_first_hit (scan, HDR_CATEGORY_DISGUISED_TEXT);

  assert_category (scan, HDR_CATEGORY_HACKER_CLAIM);
  g_assert_nonnull (disguise);
  g_assert_cmpstr (disguise->evidence, ==, "hac\xe2\x80\x8b" "ker");
}

static void
test_scan_soft_hyphen_not_disguise (void)
{
  g_autoptr(HdrTextScan) scan = scan_string (
    "From: a@example.com\r\nTo: b@example.org\r\nSubject: note\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "I am a hac\xc2\xad" "ker and I recorded you with your webcam.\r\n");

  assert_category (scan, HDR_CATEGORY_HACKER_CLAIM);
  g_assert_false (hdr_text_scan_has_category (scan, HDR_CATEGORY_DISGUISED_TEXT));
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
  g_test_add_func ("/text-scan/amount-other-scripts", test_scan_amount_other_scripts);
  g_test_add_func ("/text-scan/deadline-words", test_scan_deadline_words);
  g_test_add_func ("/text-scan/no-deadline", test_scan_no_deadline);
  g_test_add_func ("/text-scan/deadline-languages", test_scan_deadline_languages);
  g_test_add_func ("/text-scan/amount-prefixes", test_scan_amount_prefixes);
  g_test_add_func ("/text-scan/turkish-dotless-i", test_scan_turkish_dotless_i);
  g_test_add_func ("/text-scan/dotless-i-in-english", test_scan_dotless_i_in_english);
  g_test_add_func ("/text-scan/same-rule-id-languages", test_scan_same_rule_id_languages);
  g_test_add_func ("/text-scan/long-text-whole", test_scan_long_text_whole);
  g_test_add_func ("/text-scan/amount-currencies", test_scan_amount_currencies);
  g_test_add_func ("/text-scan/amount-krone-language", test_scan_amount_krone_language);
  g_test_add_func ("/text-scan/russian-folding", test_scan_russian_survives_folding);
  g_test_add_func ("/text-scan/wallet-in-link", test_scan_wallet_in_link);
  g_test_add_func ("/text-scan/hidden-preheader", test_scan_hidden_preheader);
  g_test_add_func ("/text-scan/hidden-random-tokens", test_scan_hidden_random_tokens);
  g_test_add_func ("/text-scan/hidden-unrelated", test_scan_hidden_unrelated_in_scam);
  g_test_add_func ("/text-scan/hidden-long-filler", test_scan_hidden_long_filler);
  g_test_add_func ("/text-scan/forwarded-attachment", test_scan_forwarded_attachment);
  g_test_add_func ("/text-scan/pdf-only", test_scan_pdf_only);
  g_test_add_func ("/text-scan/invisible-in-word", test_scan_invisible_in_word);
  g_test_add_func ("/text-scan/soft-hyphen-not-disguise", test_scan_soft_hyphen_not_disguise);

  return g_test_run ();
}
