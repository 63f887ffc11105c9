/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <string.h>

#include "hdr-normalize.h"

static void
assert_normalized (const char *input,
                   const char *expected)
{
  g_autofree char *normalized = hdr_normalize_text (input, -1);

  g_assert_cmpstr (normalized, ==, expected);
}

static void
test_normalize_nfkc (void)
{
  /* Fullwidth letters and the "fi" ligature. */
  assert_normalized ("\xef\xbc\xa8\xef\xbd\x85\xef\xbd\x8c\xef\xbd\x8c\xef\xbd\x8f \xef\xac\x81le",
                     "Hello file");
  /* Decomposed é is composed. */
  assert_normalized ("cafe\xcc\x81", "caf\xc3\xa9");
}

static void
test_normalize_zero_width (void)
{
  assert_normalized ("pa\xe2\x80\x8bss\xe2\x80\x8dw\xe2\x80\x8cord\xef\xbb\xbf", "password");
  assert_normalized ("bit\xe2\x81\xa0" "coin", "bitcoin");
  /* Combining grapheme joiner and Hangul filler: default ignorable. */
  assert_normalized ("sa\xcd\x8fle \xe3\x85\xa4", "sale");
}

static void
test_normalize_soft_hyphen (void)
{
  assert_normalized ("pass\xc2\xadword", "password");
  assert_normalized ("pass\xc2\xad\nword", "password");
  assert_normalized ("pass&shy;word", "password");
}

static void
test_normalize_entities (void)
{
  assert_normalized ("b&#105;tco&#x69;n", "bitcoin");
  assert_normalized ("&#X42;TC", "BTC");
  assert_normalized ("caf&eacute; &amp; &lt;3", "caf\xc3\xa9 & <3");
  assert_normalized ("Tom &amp Jerry", "Tom &amp Jerry");
  assert_normalized ("&bogus; & 5", "&bogus; & 5");
  assert_normalized ("f&omicron;r &Iota;", "f\xce\xbfr \xce\x99");
  assert_normalized ("a&nbsp;b", "a b");
  /* A reference to a zero-width space is dropped like the character. */
  assert_normalized ("pay&#8203;ment", "payment");
  assert_normalized ("&#0;x", "\xef\xbf\xbdx");
}

static void
test_normalize_whitespace (void)
{
  assert_normalized ("  one \t two\r\n\r\n three  ", "one two three");
  assert_normalized ("a\xe2\x80\x83\xe2\x80\x83" "b", "a b");
  assert_normalized ("", "");
}

static void
test_normalize_hyphen_split (void)
{
  assert_normalized ("pass-\nword", "password");
  assert_normalized ("pass- \r\n  word", "password");
  /* A capital after the break starts a new item, not a split word. */
  assert_normalized ("Step-\nTwo", "Step- Two");
  /* A hyphen between two spaces is a dash. */
  assert_normalized ("time -\nmoney", "time - money");
}

static void
test_normalize_fixed_wrap (void)
{
  /* Wrapped at exactly 40 characters, regardless of words. */
  const char *wrapped =
    "I have recorded a video of you from your\n"
    " screen and I will send it to every cont\n"
    "act you have unless you pay me within tw\n"
    "o days from now.";
  /* Wrapped at word boundaries: line breaks stay word breaks. */
  const char *word_wrapped =
    "This newsletter reports on the price of\n"
    "bitcoin and other assets for the month\n"
    "of May and the results of our survey\n"
    "among readers about their savings.";

  assert_normalized (wrapped,
                     "I have recorded a video of you from your screen and I will send it "
                     "to every contact you have unless you pay me within two days from now.");
  assert_normalized (word_wrapped,
                     "This newsletter reports on the price of bitcoin and other assets for "
                     "the month of May and the results of our survey among readers about "
                     "their savings.");
}

static void
test_fold_case_and_diacritics (void)
{
  g_autoptr(HdrFolded) folded = hdr_fold_text ("Your P\xc3\xa1ssword, STRASSE Stra\xc3\x9f" "e", -1);

  g_assert_cmpstr (folded->text, ==, "your password, strasse strasse");
  g_assert_false (folded->unmasked);
}

static void
test_fold_offsets (void)
{
  /* "P", Cyrillic а (2 bytes), "ss", "&#119;" (6 bytes), "ord" */
  const char *original = "P\xd0\xb0ss&#119;ord";
  g_autoptr(HdrFolded) folded = hdr_fold_text (original, -1);

  g_assert_cmpstr (folded->text, ==, "password");
  g_assert_cmpuint (folded->length, ==, 8);
  g_assert_cmpuint (folded->offsets[0], ==, 0);
  g_assert_cmpuint (folded->offsets[1], ==, 1);
  g_assert_cmpuint (folded->offsets[2], ==, 3);
  g_assert_cmpuint (folded->offsets[3], ==, 4);
  g_assert_cmpuint (folded->offsets[4], ==, 5);
  g_assert_cmpuint (folded->offsets[5], ==, 11);
  g_assert_cmpuint (folded->offsets[7], ==, 13);
  g_assert_cmpuint (folded->offsets[8], ==, strlen (original));
  g_assert_true (folded->lookalike[1]);
  g_assert_false (folded->lookalike[0]);
  g_assert_false (folded->lookalike[4]);
}

static void
test_fold_offsets_multibyte (void)
{
  /* "ﬁ" (3 bytes) folds to two bytes that both point at it. */
  const char *original = "x \xef\xac\x81le";
  g_autoptr(HdrFolded) folded = hdr_fold_text (original, -1);

  g_assert_cmpstr (folded->text, ==, "x file");
  g_assert_cmpuint (folded->offsets[2], ==, 2);
  g_assert_cmpuint (folded->offsets[3], ==, 2);
  g_assert_cmpuint (folded->offsets[4], ==, 5);
}

static void
test_fold_cyrillic_lookalikes (void)
{
  /* bitcоin with Cyrillic о, реrvеrsiоn with Cyrillic р, е, е, о. */
  g_autoptr(HdrFolded) folded =
    hdr_fold_text ("bitc\xd0\xbein \xd1\x80\xd0\xb5rv\xd0\xb5rsi\xd0\xben", -1);

  g_assert_cmpstr (folded->text, ==, "bitcoin perversion");
  g_assert_true (folded->unmasked);
}

static void
test_fold_greek_lookalikes (void)
{
  /* ραy with Greek rho and alpha; ΝΟW in Greek capitals Nu, Omicron. */
  g_autoptr(HdrFolded) folded = hdr_fold_text ("\xcf\x81\xce\xb1y \xce\x9d\xce\x9fW", -1);

  g_assert_cmpstr (folded->text, ==, "pay now");
  g_assert_true (folded->unmasked);
}

static void
test_fold_ipa_lookalikes (void)
{
  /* mɑsturbation, ʍoney, ıs, ƿay */
  g_autoptr(HdrFolded) folded =
    hdr_fold_text ("m\xc9\x91sturbation \xca\x8doney \xc4\xb1s \xc6\xbf" "ay", -1);

  g_assert_cmpstr (folded->text, ==, "masturbation money is pay");
  g_assert_true (folded->unmasked);
}

static void
test_fold_lookalike_only_words (void)
{
  /* "thank уοս and" with у Cyrillic, ο Greek, ս Armenian. */
  g_autoptr(HdrFolded) folded = hdr_fold_text ("thank \xd1\x83\xce\xbf\xd5\xbd and", -1);

  g_assert_cmpstr (folded->text, ==, "thank you and");
  g_assert_true (folded->unmasked);
}

static void
test_fold_russian_short_words (void)
{
  /* "Мир а сон или": а and сон are look-alikes only, between Russian words. */
  g_autoptr(HdrFolded) folded =
    hdr_fold_text ("\xd0\x9c\xd0\xb8\xd1\x80 \xd0\xb0 \xd1\x81\xd0\xbe\xd0\xbd \xd0\xb8\xd0\xbb\xd0\xb8", -1);

  g_assert_cmpstr (folded->text, ==,
                   "\xd0\xbc\xd0\xb8\xd1\x80 \xd0\xb0 \xd1\x81\xd0\xbe\xd0\xbd \xd0\xb8\xd0\xbb\xd0\xb8");
  g_assert_false (folded->unmasked);
}

static void
test_fold_russian_untouched (void)
{
  /* "Привет, мир. Оплата." is wholly Cyrillic. */
  g_autoptr(HdrFolded) folded =
    hdr_fold_text ("\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80. "
                   "\xd0\x9e\xd0\xbf\xd0\xbb\xd0\xb0\xd1\x82\xd0\xb0.", -1);

  g_assert_cmpstr (folded->text, ==,
                   "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80. "
                   "\xd0\xbe\xd0\xbf\xd0\xbb\xd0\xb0\xd1\x82\xd0\xb0.");
  g_assert_false (folded->unmasked);
}

static void
test_fold_greek_untouched (void)
{
  /* "καλημέρα" keeps its letters; only the accent goes. */
  g_autoptr(HdrFolded) folded = hdr_fold_text ("\xce\xba\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1", -1);

  g_assert_cmpstr (folded->text, ==, "\xce\xba\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xb5\xcf\x81\xce\xb1");
  g_assert_false (folded->unmasked);
}

static void
test_fold_norwegian_letters (void)
{
  /* ø and æ are letters of their own, not disguises. */
  g_autoptr(HdrFolded) folded = hdr_fold_text ("F\xc3\xb8r v\xc3\xa6re p\xc3\xa5", -1);

  g_assert_cmpstr (folded->text, ==, "f\xc3\xb8r v\xc3\xa6re pa");
  g_assert_false (folded->unmasked);
}

static void
test_fold_amounts_and_wallets (void)
{
  g_autofree char *normalized =
    hdr_normalize_text ("Send $1,500 (0.12&nbsp;BTC) to 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy now", -1);
  g_autoptr(HdrFolded) folded =
    hdr_fold_text ("Send $1,500 (0.12 BTC) to 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy now", -1);

  g_assert_cmpstr (normalized, ==, "Send $1,500 (0.12 BTC) to 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy now");
  g_assert_cmpstr (folded->text, ==, "send $1,500 (0.12 btc) to 3j98t1wpez73cnmqviecrnyiwrnqrhwnly now");
}

/* Latin letters inside Russian, Ukrainian or Greek words are mapped back to
 * the letters they imitate, and the word counts as disguised.  Latin words in
 * such text and Cyrillic letters in English words keep their old folding. */
static void
test_fold_latin_in_cyrillic_and_greek (void)
{
  g_autoptr(HdrFolded) russian = hdr_fold_text ("Я хaкер и я зaписaл вaше видео", -1);
  g_autoptr(HdrFolded) ukrainian = hdr_fold_text ("Надiшлiть 1500 USD", -1);
  g_autoptr(HdrFolded) greek = hdr_fold_text ("Είμαι χάκερ κaι έχω πρόσβαση", -1);
  g_autoptr(HdrFolded) quoted = hdr_fold_text ("Я купил bitcoin вчера", -1);
  g_autoptr(HdrFolded) english = hdr_fold_text ("I am a hаcker", -1);

  g_assert_cmpstr (russian->text, ==, "я хакер и я записал ваше видео");
  g_assert_true (hdr_folded_span_has_lookalike (russian, 0, russian->length));
  g_assert_cmpstr (ukrainian->text, ==, "надішліть 1500 usd");
  g_assert_cmpstr (greek->text, ==, "ειμαι χακερ και εχω προσβαση");
  g_assert_cmpstr (quoted->text, ==, "я купил bitcoin вчера");
  g_assert_false (hdr_folded_span_has_lookalike (quoted, 0, quoted->length));
  g_assert_cmpstr (english->text, ==, "i am a hacker");
}

/* Digits of other scripts and the Arabic number separators fold to ASCII,
 * and the tatweel that stretches an Arabic word is dropped. */
static void
test_fold_other_digits (void)
{
  g_autoptr(HdrFolded) arabic = hdr_fold_text ("ادفع ٠٫٠٢ BTC خلال ٤٨ ساعة", -1);
  g_autoptr(HdrFolded) thousands = hdr_fold_text ("١٬٢٠٠ دولار", -1);
  g_autoptr(HdrFolded) persian = hdr_fold_text ("۴۸ ساعت", -1);
  g_autoptr(HdrFolded) devanagari = hdr_fold_text ("४८", -1);
  g_autoptr(HdrFolded) tatweel = hdr_fold_text ("بيتـكوين", -1);

  g_assert_cmpstr (arabic->text, ==, "ادفع 0.02 btc خلال 48 ساعة");
  g_assert_cmpstr (thousands->text, ==, "1,200 دولار");
  g_assert_cmpstr (persian->text, ==, "48 ساعت");
  g_assert_cmpstr (devanagari->text, ==, "48");
  g_assert_cmpstr (tatweel->text, ==, "بيتكوين");

  /* Each folded digit points back at its original digit. */
  g_assert_cmpuint (persian->offsets[0], ==, 0);
  g_assert_cmpuint (persian->offsets[1], ==, strlen ("۴"));
}

static void
test_fold_invalid_utf8 (void)
{
  g_autoptr(HdrFolded) folded = hdr_fold_text ("a\xff" "b", -1);

  g_assert_cmpstr (folded->text, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpuint (folded->offsets[4], ==, 2);
}

static void
test_fold_pattern_escapes (void)
{
  g_autofree char *folded = hdr_fold_pattern ("\\bP\xc3\xa1ss\\S+\\B\\p{Lu}\\x{41}[A-Z]\\W");

  g_assert_cmpstr (folded, ==, "\\bpass\\S+\\B\\p{Lu}\\x{41}[a-z]\\W");
}

static void
test_fold_pattern_letters (void)
{
  g_autofree char *german = hdr_fold_pattern ("Gr\xc3\xbc\xc3\x9f" "e|M\xc3\x84" "DCHEN");
  g_autofree char *norwegian = hdr_fold_pattern ("P\xc3\xa5 f\xc3\xb8r");

  g_assert_cmpstr (german, ==, "grusse|madchen");
  g_assert_cmpstr (norwegian, ==, "pa f\xc3\xb8r");
}

static void
test_fold_keeps_russian (void)
{
  g_autoptr(HdrFolded) folded =
    hdr_fold_text ("Переведите 1 500 ₽ на мой кошелёк 1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf", -1);

  /* Words wholly in Cyrillic stay Cyrillic; only case and marks fold. */
  g_assert_nonnull (strstr (folded->text, "переведите"));
  g_assert_nonnull (strstr (folded->text, "кошелек"));
  g_assert_nonnull (strstr (folded->text, "1 500 ₽"));
  g_assert_false (folded->unmasked);
  /* The address folds to lowercase, so amounts and wallets are read from
   * the original text. */
  g_assert_nonnull (strstr (folded->text, "1bautmpmyrnqhzoxcjy6f7ggr64qjy9xqf"));
}

static void
test_fold_ascii_offsets (void)
{
  g_autoptr(HdrFolded) folded = hdr_fold_text ("Send  NOW,\r\n  please", -1);

  g_assert_cmpstr (folded->text, ==, "send now, please");
  g_assert_cmpuint (folded->offsets[5], ==, 6);
  g_assert_cmpuint (folded->offsets[9], ==, 11);
  g_assert_cmpuint (folded->offsets[10], ==, 14);
  g_assert_cmpuint (folded->offsets[folded->length], ==, 20);
}

static void
test_fold_and_normalize_agree (void)
{
  const char *text = "Caf\xc3\xa9 &amp; pass-\nword, \xef\xbc\x91\xef\xbc\x92 BTC\xe2\x80\x8b now";
  g_autofree char *normalized = NULL;
  g_autofree char *expected = hdr_normalize_text (text, -1);
  g_autoptr(HdrFolded) folded = hdr_fold_and_normalize_text (text, -1, &normalized);
  g_autoptr(HdrFolded) folded_alone = hdr_fold_text (text, -1);

  g_assert_cmpstr (normalized, ==, expected);
  g_assert_cmpstr (folded->text, ==, folded_alone->text);
}

static void
test_fold_turkish_dotless_i (void)
{
  g_autoptr(HdrFolded) folded = hdr_fold_text ("Bitcoin nas\xc4\xb1l al\xc4\xb1n\xc4\xb1r? "
                                               "\xc5\x9eifrenizi de\xc4\x9fi\xc5\x9ftirin.", -1);

  g_assert_cmpstr (folded->text, ==, "bitcoin nasil alinir? sifrenizi degistirin.");
  g_assert_false (folded->unmasked);
}

static void
test_fold_dotless_i_without_turkish (void)
{
  g_autoptr(HdrFolded) folded = hdr_fold_text ("Send b\xc4\xb1tcoin now.", -1);

  g_assert_cmpstr (folded->text, ==, "send bitcoin now.");
  g_assert_true (folded->unmasked);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalize/nfkc", test_normalize_nfkc);
  g_test_add_func ("/normalize/zero-width", test_normalize_zero_width);
  g_test_add_func ("/normalize/soft-hyphen", test_normalize_soft_hyphen);
  g_test_add_func ("/normalize/entities", test_normalize_entities);
  g_test_add_func ("/normalize/whitespace", test_normalize_whitespace);
  g_test_add_func ("/normalize/hyphen-split", test_normalize_hyphen_split);
  g_test_add_func ("/normalize/fixed-wrap", test_normalize_fixed_wrap);
  g_test_add_func ("/fold/case-diacritics", test_fold_case_and_diacritics);
  g_test_add_func ("/fold/offsets", test_fold_offsets);
  g_test_add_func ("/fold/offsets-multibyte", test_fold_offsets_multibyte);
  g_test_add_func ("/fold/cyrillic-lookalikes", test_fold_cyrillic_lookalikes);
  g_test_add_func ("/fold/greek-lookalikes", test_fold_greek_lookalikes);
  g_test_add_func ("/fold/ipa-lookalikes", test_fold_ipa_lookalikes);
  g_test_add_func ("/fold/lookalike-only-words", test_fold_lookalike_only_words);
  g_test_add_func ("/fold/russian-short-words", test_fold_russian_short_words);
  g_test_add_func ("/fold/russian-untouched", test_fold_russian_untouched);
  g_test_add_func ("/fold/greek-untouched", test_fold_greek_untouched);
  g_test_add_func ("/fold/norwegian-letters", test_fold_norwegian_letters);
  g_test_add_func ("/fold/amounts-wallets", test_fold_amounts_and_wallets);
  g_test_add_func ("/fold/other-digits", test_fold_other_digits);
  g_test_add_func ("/fold/latin-in-cyrillic-greek", test_fold_latin_in_cyrillic_and_greek);
  g_test_add_func ("/fold/invalid-utf8", test_fold_invalid_utf8);
  g_test_add_func ("/fold/pattern-escapes", test_fold_pattern_escapes);
  g_test_add_func ("/fold/pattern-letters", test_fold_pattern_letters);

  g_test_add_func ("/fold/keeps-russian", test_fold_keeps_russian);
  g_test_add_func ("/fold/ascii-offsets", test_fold_ascii_offsets);
  g_test_add_func ("/fold/with-normalized", test_fold_and_normalize_agree);
  g_test_add_func ("/fold/turkish-dotless-i", test_fold_turkish_dotless_i);
  g_test_add_func ("/fold/dotless-i-without-turkish", test_fold_dotless_i_without_turkish);

  return g_test_run ();
}
