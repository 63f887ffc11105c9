/* hdr-text-amounts.c: amounts of money in a message's normalised text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-text-amounts"

#include "config.h"

#include <string.h>

#include <pcre2.h>

#include "hdr-text-amounts.h"

/* TODO: Japanese amounts with a multiplier ("5万円" is 50000 yen) are not
 * found.
 * A number is either grouped in thousands (1,500 1.500 1'500 1 500) with an
 * optional fraction, or plain digits with one.  A currency word ends where
 * no letter follows (END, below), because \b does not work after "zł" or
 * "Kč". */
#define NUMBER "(?:\\d{1,3}(?:[.,'٬ ]\\d{3})+(?:[.,٫]\\d+)?|\\d+(?:[.,٫]\\d+)?)"
#define END "(?![^\\W\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Hangul}])"
/* A number after a letter is part of a word ("abc123"), and so is a
 * currency word before a letter, except next to a Chinese, Japanese or
 * Korean letter, which may follow without a space ("请支付1500美元",
 * "支付0.05 BTC到"). */
/* Every alternative of a currency group starts with one of these
 * characters, so this lookahead changes no match.  It only rejects most
 * positions before the group tries its dozens of alternatives one by one,
 * which the number's backtracking would repeat at each of its digits. */
#define CURRENCY_START "(?=[$€£¥₿₽₺₪₩円\\p{L}])"
static const char amount_pattern[] =
  CURRENCY_START "(?<pre>US\\$|R\\$|\\$|€|£|¥|₿|₽|₺|\\b(?:USD|EUR|GBP|BTC|CAD|AUD|CHF|NOK|SEK|DKK|PLN|CZK|RUB|TRY|JPY|BRL|INR)\\b)"
  "\\s?(?<num1>" NUMBER ")(?![\\w.,]\\d)(?!\\w)"
  "|(?<![.,]|[^\\W\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Hangul}])(?<num2>" NUMBER ")\\s?" CURRENCY_START
  "(?<post>\\$|€|£|¥|円|₽|₺|₪|₩|美元|美金|欧元|歐元|比特币|比特幣|달러|비트코인"
  "|\\b(?:USD|US ?dollars?|dollars?|dolar(?:y|ów|ů|u|i|ov|es)?|долл\\w*|\\$"
  "|EUR|euros?|евро|GBP|pounds?|BTC|bitcoins?|биткоин\\w*|ビットコイン"
  "|CAD|AUD|CHF|NOK|SEK|DKK|PLN|CZK|RUB|TRY|JPY|BRL|INR|ILS|KRW|CNY|kroner|kronor|kr|zł|złotych|złote|zloty"
  "|Kč|korun|руб\\w*|TL|lira|XMR|ETH|LTC"
  "|دولار\\w*|يورو|بيتكوين|דולר\\w*|יורו|ביטקוין|שקל\\w*|ש״ח"
  "|eur(?:o|oa|oja|on|oon|ót|óra|ónak|a|ų)|eiro|долар\\w*|гривн\\w*|ευρώ|ευρω|δολάρια|forint\\w*|Ft|lei|RON|HUF|UAH)" END ")";
#undef CURRENCY_START
#undef END
#undef NUMBER

/* Every match has a \d within this many characters of its start, because
 * the longest text before the number is a three-letter prefix ("USD",
 * "US$") and one white-space character.  PCRE2 matches caseless letters one
 * character to one, so case does not change these lengths. */
#define MAX_CHARS_BEFORE_DIGIT 4

/* Digits at most this many bytes apart, as in "1,500.00" or "12 000", share
 * one pcre2_match() call, which tries every start position from before the
 * first digit up to the last one. */
#define DIGIT_GROUP_GAP 8

typedef struct
{
  pcre2_code *code;
  guint32     prefix_group;   /* the currency before the number */
  guint32     number_groups[2];
  guint32     suffix_group;   /* the currency after the number */
} AmountPattern;

static guint32
get_group_number (pcre2_code *code,
                  const char *name)
{
  int number = pcre2_substring_number_from_name (code, (PCRE2_SPTR) name);

  g_assert (number > 0);
  return (guint32) number;
}

static gpointer
compile_amount_pattern (gpointer data)
{
  AmountPattern *pattern = g_new0 (AmountPattern, 1);
  int error_code;
  PCRE2_SIZE error_offset;

  /* GRegex of GLib 2.74, which this pattern was written for, compiles a
   * G_REGEX_CASELESS pattern with PCRE2_UTF, PCRE2_UCP and PCRE2_CASELESS,
   * so that \d, \w and \b know every script.  GRegex also sets
   * PCRE2_NEWLINE_ANY.  That changes nothing here, because the pattern has
   * no '.', '^' or '$' and no match starts at a line break.
   * PCRE2_USE_OFFSET_LIMIT lets hdr_amounts_find() try start positions
   * only near digits. */
  pattern->code = pcre2_compile ((PCRE2_SPTR) amount_pattern, PCRE2_ZERO_TERMINATED,
                                 PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_USE_OFFSET_LIMIT,
                                 &error_code, &error_offset, NULL);
  if (pattern->code == NULL)
    {
      PCRE2_UCHAR message[256];

      pcre2_get_error_message (error_code, message, sizeof message);
      g_error ("Invalid amount pattern at offset %zu: %s", (gsize) error_offset, (const char *) message);
    }

  /* Without JIT code pcre2_match() runs the interpreter, only slower. */
  error_code = pcre2_jit_compile (pattern->code, PCRE2_JIT_COMPLETE);
  if (error_code != 0)
    g_debug ("Amount pattern: no JIT code, error %d", error_code);

  pattern->prefix_group = get_group_number (pattern->code, "pre");
  pattern->number_groups[0] = get_group_number (pattern->code, "num1");
  pattern->number_groups[1] = get_group_number (pattern->code, "num2");
  pattern->suffix_group = get_group_number (pattern->code, "post");

  return pattern;
}

static const AmountPattern *
get_amount_pattern (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, compile_amount_pattern, NULL);
  return once.retval;
}

/* "kr" is the Danish, Norwegian and Swedish krone.  hdr_amounts_find()
 * marks it with this code and hdr_amounts_resolve_krone() resolves it by
 * language. */
#define KRONE_CODE "kr"

static const char *
currency_to_code (const char *currency)
{
  static const struct
  {
    const char *name;
    const char *code;
  } names[] = {
    { "$", "USD" }, { "us$", "USD" }, { "usd", "USD" }, { "dollar", "USD" }, { "dollars", "USD" },
    { "us dollar", "USD" }, { "us dollars", "USD" }, { "usdollar", "USD" }, { "usdollars", "USD" },
    { "dolar", "USD" }, { "dolary", "USD" }, { "dolarów", "USD" }, { "dolarů", "USD" },
    { "dolaru", "USD" }, { "dolari", "USD" }, { "dolarov", "USD" }, { "dolares", "USD" },
    { "r$", "BRL" },
    { "€", "EUR" }, { "eur", "EUR" }, { "euro", "EUR" }, { "euros", "EUR" }, { "евро", "EUR" },
    { "£", "GBP" }, { "gbp", "GBP" }, { "pound", "GBP" }, { "pounds", "GBP" },
    { "¥", "JPY" }, { "円", "JPY" },
    { "₿", "BTC" }, { "btc", "BTC" }, { "bitcoin", "BTC" }, { "bitcoins", "BTC" }, { "ビットコイン", "BTC" },
    { "₽", "RUB" }, { "₺", "TRY" }, { "tl", "TRY" }, { "lira", "TRY" },
    { "zł", "PLN" }, { "złotych", "PLN" }, { "złote", "PLN" }, { "zloty", "PLN" },
    { "kč", "CZK" }, { "korun", "CZK" },
    { "kr", KRONE_CODE }, { "kroner", KRONE_CODE }, { "kronor", "SEK" },
    { "₪", "ILS" }, { "ils", "ILS" }, { "ש״ח", "ILS" }, { "₩", "KRW" }, { "krw", "KRW" }, { "cny", "CNY" },
    { "美元", "USD" }, { "美金", "USD" }, { "달러", "USD" },
    { "欧元", "EUR" }, { "歐元", "EUR" }, { "يورو", "EUR" }, { "יורו", "EUR" },
    { "比特币", "BTC" }, { "比特幣", "BTC" }, { "비트코인", "BTC" }, { "بيتكوين", "BTC" }, { "ביטקוין", "BTC" },
  };
  g_autofree char *lower = g_utf8_strdown (currency, -1);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (names[i].name, lower) == 0)
      return names[i].code;

  /* Inflected Russian words: "долларов", "рублей", "биткоинах". */
  if (g_str_has_prefix (lower, "долл"))
    return "USD";
  if (g_str_has_prefix (lower, "руб"))
    return "RUB";
  if (g_str_has_prefix (lower, "биткоин"))
    return "BTC";
  /* Finnish "euroa", Hungarian "eurót", Latvian "eiro", Ukrainian "доларів",
   * "гривень", Hungarian "forintot". */
  if (g_str_has_prefix (lower, "eur") || strcmp (lower, "eiro") == 0)
    return "EUR";
  if (g_str_has_prefix (lower, "долар"))
    return "USD";
  if (g_str_has_prefix (lower, "гривн"))
    return "UAH";
  if (g_str_has_prefix (lower, "forint") || strcmp (lower, "ft") == 0 || strcmp (lower, "huf") == 0)
    return "HUF";
  if (strcmp (lower, "lei") == 0 || strcmp (lower, "ron") == 0)
    return "RON";
  if (strcmp (lower, "uah") == 0)
    return "UAH";
  if (strcmp (lower, "ευρώ") == 0 || strcmp (lower, "ευρω") == 0)
    return "EUR";
  if (strcmp (lower, "δολάρια") == 0)
    return "USD";
  /* Arabic "دولارات" and Hebrew "דולרים", "שקלים". */
  if (g_str_has_prefix (lower, "دولار") || g_str_has_prefix (lower, "דולר"))
    return "USD";
  if (g_str_has_prefix (lower, "שקל"))
    return "ILS";

  return NULL;
}

static gboolean
is_crypto_currency (const char *code)
{
  return strcmp (code, "BTC") == 0 || strcmp (code, "ETH") == 0
         || strcmp (code, "LTC") == 0 || strcmp (code, "XMR") == 0;
}

/* Returns WRITTEN with the digits of other scripts as 0-9 and the Arabic
 * separators U+066B and U+066C as '.' and ','. */
static char *
ascii_number (const char *written)
{
  GString *ascii = g_string_new (NULL);

  for (const char *p = written; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        g_string_append_c (ascii, (char) c);
      else if (g_unichar_digit_value (c) >= 0)
        g_string_append_c (ascii, (char) ('0' + g_unichar_digit_value (c)));
      else if (c == 0x066B)
        g_string_append_c (ascii, '.');
      else if (c == 0x066C)
        g_string_append_c (ascii, ',');
    }

  return g_string_free (ascii, FALSE);
}

/* Turns a written number into digits with an optional '.' fraction.  With
 * both '.' and ',' the last one is the decimal separator.  A single
 * separator followed by exactly three digits groups thousands (1,500 USD,
 * 1.200 EUR), except in crypto amounts, and one that repeats always does. */
static char *
normalize_number (const char *written,
                  gboolean    crypto)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *number = ascii_number (written);
  const char *last_dot = strrchr (number, '.');
  const char *last_comma = strrchr (number, ',');
  const char *decimal = NULL;
  const char *separator;
  guint separator_count = 0;

  separator = last_dot > last_comma ? last_dot : last_comma;
  for (const char *p = number; *p != '\0'; p++)
    if (*p == '.' || *p == ',')
      separator_count++;

  if (last_dot != NULL && last_comma != NULL)
    decimal = separator;
  else if (separator != NULL && separator_count == 1)
    {
      gsize after = strlen (separator + 1);
      gboolean leading_zero = number[0] == '0' && separator == number + 1;

      if (crypto || after != 3 || leading_zero)
        decimal = separator;
    }

  for (const char *p = number; *p != '\0'; p++)
    {
      if (p == decimal)
        g_string_append_c (digits, '.');
      else if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    }

  if (strchr (digits->str, '.') != NULL)
    {
      while (digits->len > 0 && digits->str[digits->len - 1] == '0')
        g_string_truncate (digits, digits->len - 1);
      if (digits->len > 0 && digits->str[digits->len - 1] == '.')
        g_string_truncate (digits, digits->len - 1);
    }

  while (digits->len > 1 && digits->str[0] == '0' && digits->str[1] != '.')
    g_string_erase (digits, 0, 1);

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/* Returns whether \d may match C.  With PCRE2_UCP, \d matches \p{Nd}.  GLib
 * and PCRE2 carry their own Unicode tables, so a character that GLib's
 * version does not assign yet counts as well. */
static gboolean
may_be_digit (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_DECIMAL_NUMBER || type == G_UNICODE_UNASSIGNED;
}

/* Returns the offset of the first character at or after FROM that \d may
 * match, or LENGTH when there is none. */
static gsize
find_digit (const char *text,
            gsize       length,
            gsize       from)
{
  for (gsize i = from; i < length; i++)
    {
      guchar byte = (guchar) text[i];

      if (byte < 0x80)
        {
          if (g_ascii_isdigit (byte))
            return i;
        }
      else if (byte >= 0xc0 && may_be_digit (g_utf8_get_char (text + i)))
        {
          return i;
        }
    }

  return length;
}

/* Returns the offset COUNT characters before OFFSET, or FLOOR if that comes
 * first. */
static gsize
step_back (const char *text,
           gsize       offset,
           gsize       floor,
           guint       count)
{
  while (count > 0 && offset > floor)
    {
      offset--;
      if (((guchar) text[offset] & 0xc0) != 0x80)
        count--;
    }

  return offset;
}

static char *
fetch_group (const char       *text,
             const PCRE2_SIZE *ovector,
             guint32           group)
{
  if (ovector[2 * group] == PCRE2_UNSET)
    return g_strdup ("");

  return g_strndup (text + ovector[2 * group], ovector[2 * group + 1] - ovector[2 * group]);
}

/* Adds the amount of one match, unless its value and currency were seen. */
static void
add_amount (const char       *normalized,
            const PCRE2_SIZE *ovector,
            GPtrArray        *amounts,
            GHashTable       *seen)
{
  const AmountPattern *pattern = get_amount_pattern ();
  g_autofree char *prefix = fetch_group (normalized, ovector, pattern->prefix_group);
  g_autofree char *suffix = fetch_group (normalized, ovector, pattern->suffix_group);
  g_autofree char *number = fetch_group (normalized, ovector, pattern->number_groups[0]);
  g_autofree char *key = NULL;
  const char *code;
  HdrAmount *amount;

  if (*number == '\0')
    {
      g_free (number);
      number = fetch_group (normalized, ovector, pattern->number_groups[1]);
    }

  code = currency_to_code (*prefix != '\0' ? prefix : suffix);
  if (code == NULL)
    {
      g_autofree char *upper = g_ascii_strup (*prefix != '\0' ? prefix : suffix, -1);

      code = g_intern_string (upper);
    }

  amount = g_new0 (HdrAmount, 1);
  amount->value = normalize_number (number, is_crypto_currency (code));
  amount->currency = g_strdup (code);
  amount->evidence = g_strndup (normalized + ovector[0], ovector[1] - ovector[0]);

  key = g_strdup_printf ("%s %s", amount->value, amount->currency);
  if (*amount->value == '\0' || strcmp (amount->value, "0") == 0
      || g_hash_table_contains (seen, key))
    {
      hdr_amount_free (amount);
      return;
    }

  g_hash_table_add (seen, g_steal_pointer (&key));
  g_ptr_array_add (amounts, amount);
}

/**
 * hdr_amounts_find:
 * @normalized: text from hdr_normalize_text(), valid UTF-8
 * @amounts: (element-type HdrAmount): the array the amounts are added to
 * @seen: set of "value currency" keys (owned strings) of the amounts found
 *   so far
 *
 * Finds amounts of money ("$1,500", "0.1 BTC", "4 500 zł") in @normalized,
 * each value and currency once.  Amounts in "kr" get the currency "kr"
 * until hdr_amounts_resolve_krone() replaces it.
 */
void
hdr_amounts_find (const char *normalized,
                  GPtrArray  *amounts,
                  GHashTable *seen)
{
  const AmountPattern *pattern = get_amount_pattern ();
  pcre2_match_data *match_data = NULL;
  pcre2_match_context *match_context = NULL;
  gsize length;
  gsize position = 0;
  gsize digit;

  g_return_if_fail (normalized != NULL);
  g_return_if_fail (amounts != NULL);
  g_return_if_fail (seen != NULL);

  length = strlen (normalized);
  digit = find_digit (normalized, length, 0);
  if (digit == length)
    return;

  match_data = pcre2_match_data_create_from_pattern (pattern->code, NULL);
  match_context = pcre2_match_context_create (NULL);

  /* The pattern is tried only at start positions up to
   * MAX_CHARS_BEFORE_DIGIT characters before a digit, because no match can
   * start anywhere else.  The matches are those of a search from every
   * position: the whole text stays the subject, so lookbehind and \b see
   * the text before the start. */
  while (digit < length)
    {
      gsize first_start = step_back (normalized, digit, position, MAX_CHARS_BEFORE_DIGIT);
      gsize last_start = digit;
      gsize next = find_digit (normalized, length, digit + 1);
      int rc;

      while (next < length && next - last_start <= DIGIT_GROUP_GAP)
        {
          last_start = next;
          next = find_digit (normalized, length, next + 1);
        }

      pcre2_set_offset_limit (match_context, last_start);
      rc = pcre2_match (pattern->code, (PCRE2_SPTR) normalized, length, first_start,
                        PCRE2_NO_UTF_CHECK, match_data, match_context);

      if (rc >= 0)
        {
          const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer (match_data);

          /* Every match contains a digit, so it is never empty. */
          g_assert (ovector[1] > ovector[0]);
          add_amount (normalized, ovector, amounts, seen);
          position = ovector[1];
          digit = find_digit (normalized, length, position);
        }
      else if (rc == PCRE2_ERROR_NOMATCH)
        {
          position = g_utf8_next_char (normalized + last_start) - normalized;
          digit = next;
        }
      else
        {
          /* NOTE: an error ends the search of this text, as it ended
           * GRegex's.  A number of about 4,090 groups of thousands fills
           * the default JIT stack of 32 KiB of PCRE2 10.42
           * (PCRE2_ERROR_JIT_STACKLIMIT), so no amount after it is found. */
          g_debug ("Amount pattern failed to match: error %d", rc);
          break;
        }
    }

  pcre2_match_context_free (match_context);
  pcre2_match_data_free (match_data);
}

/**
 * hdr_amounts_resolve_krone:
 * @amounts: (element-type HdrAmount): amounts from hdr_amounts_find()
 * @languages: (nullable): codes of the message's languages, most frequent
 *   first
 *
 * Gives amounts in "kr" the krone of the first language that uses one, or
 * the Norwegian krone when none does.
 */
void
hdr_amounts_resolve_krone (GPtrArray          *amounts,
                           const char * const *languages)
{
  const char *code = "NOK";

  g_return_if_fail (amounts != NULL);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      if (strcmp (languages[i], "sv") == 0)
        code = "SEK";
      else if (strcmp (languages[i], "da") == 0)
        code = "DKK";
      else if (strcmp (languages[i], "nb") == 0 || strcmp (languages[i], "nn") == 0)
        code = "NOK";
      else
        continue;
      break;
    }

  for (guint i = 0; i < amounts->len; i++)
    {
      HdrAmount *amount = g_ptr_array_index (amounts, i);

      if (strcmp (amount->currency, KRONE_CODE) == 0)
        {
          g_free (amount->currency);
          amount->currency = g_strdup (code);
        }
    }
}
