/* normalize-reference.c: the reference that test-normalize-reference
 * compares hdr-normalize.c with
 *
 * This is the earlier implementation of normalisation and folding, which
 * runs every step over an array of code points that each carry their
 * offset.  It is slow but plain, so it serves as the specification: any
 * change to what normalisation or folding outputs must be made here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "normalize-reference"

#include "config.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "normalize-reference.h"

/* Every step works on an array of code points, each carrying the byte
 * offset of the original character it came from. */
typedef struct
{
  gsize    offset;
  gunichar c;
  gboolean lookalike;
} Unit;

/* Lines at least this long count when deciding whether a text was wrapped
 * at a fixed column. */
#define MIN_WRAPPED_LINE 30

static const UNormalizer2 *
get_nfkc (void)
{
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfkc = unorm2_getNFKCInstance (&status);

  g_assert (U_SUCCESS (status));
  return nfkc;
}

static const UNormalizer2 *
get_nfkd (void)
{
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfkd = unorm2_getNFKDInstance (&status);

  g_assert (U_SUCCESS (status));
  return nfkd;
}

/* Returns an array of CAPACITY units for push_unit(); its length is the
 * capacity until finish_units() sets the number of units written. */
static GArray *
new_units (guint capacity)
{
  GArray *units = g_array_sized_new (FALSE, FALSE, sizeof (Unit), MAX (capacity, 16));

  g_array_set_size (units, MAX (capacity, 16));
  return units;
}

/* Writes unit number *N of UNITS, growing UNITS when it is full.  Cheaper than
 * g_array_append_val(), which costs a call and a copy for every character. */
static inline void
push_unit (GArray   *units,
           guint    *n,
           gsize     offset,
           gunichar  c,
           gboolean  lookalike)
{
  Unit *unit;

  if (G_UNLIKELY (*n >= units->len))
    g_array_set_size (units, units->len * 2);

  unit = &g_array_index (units, Unit, *n);
  unit->offset = offset;
  unit->c = c;
  unit->lookalike = lookalike;
  (*n)++;
}

static GArray *
finish_units (GArray *units,
              guint   n)
{
  g_array_set_size (units, n);
  return units;
}

static gboolean
units_are_ascii (GArray *units)
{
  const Unit *u = (const Unit *) units->data;

  for (guint i = 0; i < units->len; i++)
    if (u[i].c >= 0x80)
      return FALSE;

  return TRUE;
}

/* Invalid UTF-8 bytes become U+FFFD, one per byte. */
static GArray *
decode_utf8 (const char *text,
             gsize       length)
{
  GArray *units = new_units ((guint) length);
  guint n = 0;
  gsize i = 0;

  g_assert (text != NULL || length == 0);

  while (i < length)
    {
      gunichar c;

      if ((guchar) text[i] < 0x80)
        {
          push_unit (units, &n, i, (guchar) text[i], FALSE);
          i++;
          continue;
        }

      c = g_utf8_get_char_validated (text + i, length - i);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          push_unit (units, &n, i, 0xFFFD, FALSE);
          i++;
          continue;
        }

      push_unit (units, &n, i, c, FALSE);
      i = g_utf8_next_char (text + i) - text;
    }

  return finish_units (units, n);
}

/* Named character references seen in mail, from the HTML5 list.  Accented
 * letters (eacute, ouml, aring, ...) are handled by compose_accent_entity. */
static const struct
{
  const char *name;
  gunichar    c;
} named_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "shy", 0x00AD }, { "zwj", 0x200D }, { "zwnj", 0x200C },
  { "lrm", 0x200E }, { "rlm", 0x200F }, { "ensp", 0x2002 }, { "emsp", 0x2003 },
  { "thinsp", 0x2009 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 },
  { "rsquo", 0x2019 }, { "sbquo", 0x201A }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "bdquo", 0x201E }, { "hellip", 0x2026 }, { "bull", 0x2022 }, { "middot", 0x00B7 },
  { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "copy", 0x00A9 }, { "reg", 0x00AE },
  { "trade", 0x2122 }, { "euro", 0x20AC }, { "pound", 0x00A3 }, { "yen", 0x00A5 },
  { "cent", 0x00A2 }, { "dollar", '$' }, { "iexcl", 0x00A1 }, { "iquest", 0x00BF },
  { "szlig", 0x00DF }, { "aelig", 0x00E6 }, { "AElig", 0x00C6 }, { "oslash", 0x00F8 },
  { "Oslash", 0x00D8 }, { "eth", 0x00F0 }, { "ETH", 0x00D0 }, { "thorn", 0x00FE },
  { "THORN", 0x00DE }, { "times", 0x00D7 }, { "colon", ':' }, { "comma", ',' },
  { "period", '.' }, { "excl", '!' }, { "quest", '?' }, { "num", '#' }, { "percnt", '%' },
  { "lpar", '(' }, { "rpar", ')' }, { "sol", '/' }, { "semi", ';' }, { "equals", '=' },
  { "NewLine", '\n' }, { "Tab", '\t' },
};

/* Greek letter references in alphabet order: "alpha" is U+03B1 and
 * "Alpha" U+0391; "sigmaf" (final sigma) has no capital. */
static const char * const greek_entities[] = {
  "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
  "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigmaf", "sigma", "tau", "upsilon",
  "phi", "chi", "psi", "omega",
};

static gboolean
parse_greek_entity (const char *name,
                    gunichar   *decoded)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gboolean capital = g_ascii_isupper (name[0]);

  for (guint i = 0; i < G_N_ELEMENTS (greek_entities); i++)
    {
      if (strcmp (greek_entities[i], lower) != 0)
        continue;
      if (capital && strcmp (lower, "sigmaf") == 0)
        return FALSE;

      *decoded = (capital ? 0x0391 : 0x03B1) + i;
      return TRUE;
    }

  return FALSE;
}

/* "eacute" -> 'e' + U+0301; NFKC composes the pair later. */
static gboolean
compose_accent_entity (const char *name,
                       gsize       length,
                       gunichar   *base,
                       gunichar   *mark)
{
  static const struct
  {
    const char *suffix;
    gunichar    mark;
  } accents[] = {
    { "acute", 0x0301 }, { "grave", 0x0300 }, { "circ", 0x0302 }, { "tilde", 0x0303 },
    { "uml", 0x0308 }, { "ring", 0x030A }, { "cedil", 0x0327 }, { "caron", 0x030C },
  };

  g_assert (name != NULL);

  if (length < 2 || !g_ascii_isalpha (name[0]))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (accents); i++)
    {
      gsize suffix_length = strlen (accents[i].suffix);

      if (length == suffix_length + 1 && strncmp (name + 1, accents[i].suffix, suffix_length) == 0)
        {
          *base = (guchar) name[0];
          *mark = accents[i].mark;
          return TRUE;
        }
    }

  return FALSE;
}

/* Parses one character reference starting at units[start] ('&').  Numeric
 * references may omit the final ';' as browsers allow; named ones need it.
 * Returns the number of units consumed, or 0 when this is no reference. */
static guint
parse_entity (GArray   *units,
              guint     start,
              gunichar *decoded,
              gunichar *mark)
{
  const Unit *u = (const Unit *) units->data;
  char name[16];
  guint i = start + 1;
  guint n = 0;

  *mark = 0;

  if (i < units->len && u[i].c == '#')
    {
      gboolean hex = FALSE;
      guint64 value = 0;
      guint digits = 0;

      i++;
      if (i < units->len && (u[i].c == 'x' || u[i].c == 'X'))
        {
          hex = TRUE;
          i++;
        }

      while (i < units->len && digits < 8)
        {
          gunichar c = u[i].c;
          int digit;

          if (c >= 0x80)
            break;
          digit = hex ? g_ascii_xdigit_value ((char) c) : g_ascii_digit_value ((char) c);
          if (digit < 0)
            break;
          value = value * (hex ? 16 : 10) + (guint) digit;
          digits++;
          i++;
        }

      if (digits == 0)
        return 0;
      if (i < units->len && u[i].c == ';')
        i++;

      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        *decoded = 0xFFFD;
      else
        *decoded = (gunichar) value;

      return i - start;
    }

  while (i < units->len && n < sizeof name - 1 && u[i].c < 0x80 && g_ascii_isalnum ((char) u[i].c))
    name[n++] = (char) u[i++].c;
  name[n] = '\0';

  if (n == 0 || i >= units->len || u[i].c != ';')
    return 0;
  i++;

  for (guint k = 0; k < G_N_ELEMENTS (named_entities); k++)
    {
      if (strcmp (named_entities[k].name, name) == 0)
        {
          *decoded = named_entities[k].c;
          return i - start;
        }
    }

  if (compose_accent_entity (name, n, decoded, mark) || parse_greek_entity (name, decoded))
    return i - start;

  return 0;
}

/* HTML character references are decoded in every part, because bulk mailers
 * put them into text/plain too. */
static GArray *
decode_entities (GArray *units)
{
  GArray *out;
  guint n = 0;
  const Unit *u = (const Unit *) units->data;
  guint first_ampersand = 0;

  while (first_ampersand < units->len && u[first_ampersand].c != '&')
    first_ampersand++;
  if (first_ampersand == units->len)
    return units;

  out = units;

  for (guint i = 0; i < units->len;)
    {
      gunichar decoded;
      gunichar mark;
      guint consumed;

      if (u[i].c != '&')
        {
          push_unit (out, &n, u[i].offset, u[i].c, u[i].lookalike);
          i++;
          continue;
        }

      consumed = parse_entity (units, i, &decoded, &mark);
      if (consumed == 0)
        {
          push_unit (out, &n, u[i].offset, u[i].c, u[i].lookalike);
          i++;
          continue;
        }

      push_unit (out, &n, u[i].offset, decoded, FALSE);
      if (mark != 0)
        push_unit (out, &n, u[i].offset, mark, FALSE);
      i += consumed;
    }

  return finish_units (out, n);
}

static gboolean
is_horizontal_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == 0x00A0;
}

/* Skips spaces, one line break and spaces from units[i]; returns the index
 * after them, or i when there is no line break. */
static guint
skip_line_break (const Unit *u,
                 guint       len,
                 guint       i)
{
  guint j = i;

  while (j < len && is_horizontal_space (u[j].c))
    j++;
  if (j >= len || u[j].c != '\n')
    return i;
  j++;
  while (j < len && is_horizontal_space (u[j].c))
    j++;

  return j;
}

/* Drops format characters (General_Category Cf: zero-width space and
 * joiners, direction marks, the soft hyphen, the BOM) and the other default
 * ignorable code points, such as the combining grapheme joiner and the Hangul
 * fillers, which mailers use as invisible padding.  A soft hyphen at the
 * end of a line marks a split word, so the line break after it goes too. */
static GArray *
drop_format_characters (GArray *units)
{
  GArray *out = units;
  guint n = 0;
  const Unit *u = (const Unit *) units->data;

  for (guint i = 0; i < units->len;)
    {
      if (u[i].c == 0x00AD)
        {
          i = skip_line_break (u, units->len, i + 1);
          continue;
        }

      /* No ASCII character is a format character or default ignorable. */
      if (u[i].c >= 0x80
          && (u_charType (u[i].c) == U_FORMAT_CHAR
              || u_hasBinaryProperty ((UChar32) u[i].c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)
              || u[i].c == 0x0640))
        {
          i++;
          continue;
        }

      push_unit (out, &n, u[i].offset, u[i].c, u[i].lookalike);
      i++;
    }

  return finish_units (out, n);
}

/* Normalises units with NORMALIZER one segment at a time: a segment runs from
 * one normalisation boundary to the next, so composition works as on the
 * whole text, and each output code point takes the offset of its segment's
 * first unit.  With DROP_MARKS, nonspacing marks are left out. */
static GArray *
normalize_segments (GArray              *units,
                    const UNormalizer2  *normalizer,
                    gboolean             drop_marks)
{
  GArray *out;
  guint n = 0;
  const Unit *u = (const Unit *) units->data;
  g_autofree UChar *source = NULL;
  g_autofree UChar *result = NULL;
  gsize source_size = 0;
  gsize result_size = 0;
  guint i = 0;

  /* ASCII text is its own NFKC and NFKD. */
  if (units_are_ascii (units))
    return units;

  out = new_units (units->len);

  while (i < units->len)
    {
      guint end = i + 1;
      gboolean lookalike = u[i].lookalike;
      int32_t source_length = 0;
      int32_t result_length;
      UErrorCode status = U_ZERO_ERROR;

      /* ASCII normalises to itself under NFKC and NFKD, and no mark follows
       * when the next character is ASCII too. */
      if (u[i].c < 0x80 && (end == units->len || u[end].c < 0x80))
        {
          push_unit (out, &n, u[i].offset, u[i].c, u[i].lookalike);
          i = end;
          continue;
        }

      while (end < units->len && !unorm2_hasBoundaryBefore (normalizer, u[end].c))
        {
          lookalike |= u[end].lookalike;
          end++;
        }

      if (source_size < 2 * (gsize) (end - i) + 2)
        {
          source_size = 2 * (gsize) (end - i) + 2;
          source = g_renew (UChar, source, source_size);
        }
      for (guint k = i; k < end; k++)
        U16_APPEND_UNSAFE (source, source_length, u[k].c);

      if (result_size < 18 * (gsize) source_length + 16)
        {
          result_size = 18 * (gsize) source_length + 16;
          result = g_renew (UChar, result, result_size);
        }
      result_length = unorm2_normalize (normalizer, source, source_length,
                                        result, (int32_t) result_size, &status);
      if (U_FAILURE (status))
        {
          /* A segment too odd to normalise is kept as written. */
          g_debug ("Normalisation failed: %s", u_errorName (status));
          for (guint k = i; k < end; k++)
            push_unit (out, &n, u[k].offset, u[k].c, u[k].lookalike);
          i = end;
          continue;
        }

      for (int32_t k = 0; k < result_length;)
        {
          UChar32 c;

          U16_NEXT (result, k, result_length, c);
          if (drop_marks && u_charType (c) == U_NON_SPACING_MARK)
            continue;
          push_unit (out, &n, u[i].offset, (gunichar) c, lookalike);
        }

      i = end;
    }

  g_array_unref (units);
  return finish_units (out, n);
}

static gboolean
is_letter (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha ((char) c);

  return u_isalpha ((UChar32) c);
}

static guint
find_line_end (const Unit *u,
               guint       len,
               guint       start)
{
  guint i = start;

  while (i < len && u[i].c != '\n')
    i++;

  return i;
}

/* Returns the line length, in characters without '\r', at which the text was
 * wrapped at a fixed column regardless of word boundaries, or 0 when it was
 * not: such a wrap makes at least three lines, and most of the long lines,
 * exactly the same length. */
static guint
find_fixed_wrap_width (const Unit *u,
                       guint       len)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint long_lines = 0;
  guint best_width = 0;
  guint best_count = 0;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  for (guint start = 0; start < len;)
    {
      guint end = find_line_end (u, len, start);
      guint width = 0;

      for (guint k = start; k < end; k++)
        if (u[k].c != '\r')
          width++;

      if (width >= MIN_WRAPPED_LINE)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (width)));

          g_hash_table_insert (counts, GUINT_TO_POINTER (width), GUINT_TO_POINTER (count + 1));
          long_lines++;
        }

      start = end + 1;
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) > best_count)
        {
          best_count = GPOINTER_TO_UINT (value);
          best_width = GPOINTER_TO_UINT (key);
        }
    }

  if (best_count >= 3 && best_count * 2 > long_lines)
    return best_width;

  return 0;
}

/* Joins words split across lines in the two cases that are clearly splits.
 * The first is a letter, a hyphen and a line break followed by a lowercase
 * letter ("pass-\nword").  The second is a text wrapped at a fixed column
 * regardless of words, where a full-width line ends in a letter and the next
 * line starts with one. */
static GArray *
join_split_words (GArray *units)
{
  GArray *out = units;
  guint n = 0;
  const Unit *u = (const Unit *) units->data;
  guint len = units->len;
  guint wrap_width = find_fixed_wrap_width (u, len);
  guint line_width = 0;

  if (wrap_width > 0)
    g_debug ("Text wrapped at a fixed column of %u characters", wrap_width);

  for (guint i = 0; i < len;)
    {
      if (u[i].c == '-' && i > 0 && is_letter (u[i - 1].c))
        {
          guint next = skip_line_break (u, len, i + 1);

          if (next != i + 1 && next < len && u_islower ((UChar32) u[next].c))
            {
              i = next;
              line_width = 0;
              continue;
            }
        }

      if (u[i].c == '\r' && i + 1 < len && u[i + 1].c == '\n')
        {
          i++;
          continue;
        }

      if (u[i].c == '\n')
        {
          if (wrap_width > 0 && line_width == wrap_width
              && i > 0 && is_letter (u[i - 1].c)
              && i + 1 < len && is_letter (u[i + 1].c))
            {
              i++;
              line_width = 0;
              continue;
            }

          line_width = 0;
          push_unit (out, &n, u[i].offset, u[i].c, u[i].lookalike);
          i++;
          continue;
        }

      line_width++;
      push_unit (out, &n, u[i].offset, u[i].c, u[i].lookalike);
      i++;
    }

  return finish_units (out, n);
}

/* Turns every run of white space into one space and trims both ends. */
static GArray *
collapse_whitespace (GArray *units)
{
  GArray *out = units;
  guint n = 0;
  const Unit *u = (const Unit *) units->data;
  gboolean pending_space = FALSE;
  gsize space_offset = 0;

  for (guint i = 0; i < units->len; i++)
    {
      gboolean space;

      if (u[i].c < 0x80)
        space = u[i].c == ' ' || (u[i].c >= '\t' && u[i].c <= '\r');
      else
        space = u_isUWhiteSpace ((UChar32) u[i].c) || g_unichar_isspace (u[i].c);

      if (space)
        {
          if (!pending_space)
            space_offset = u[i].offset;
          pending_space = TRUE;
          continue;
        }

      if (pending_space && n > 0)
        push_unit (out, &n, space_offset, ' ', FALSE);
      pending_space = FALSE;
      push_unit (out, &n, u[i].offset, u[i].c, u[i].lookalike);
    }

  return finish_units (out, n);
}

static GArray *
normalize_units (const char *text,
                 gsize       length)
{
  GArray *units = decode_utf8 (text, length);

  units = decode_entities (units);
  units = drop_format_characters (units);
  units = normalize_segments (units, get_nfkc (), FALSE);
  units = join_split_words (units);
  units = collapse_whitespace (units);

  return units;
}

/* Look-alike letters -------------------------------------------------------- */

/* Code point blocks searched for letters that imitate basic Latin ones. */
static const struct
{
  gunichar first;
  gunichar last;
} lookalike_blocks[] = {
  { 0x00C0, 0x02AF },  /* Latin-1 letters, Latin Extended-A and -B, IPA Extensions */
  { 0x0370, 0x03FF },  /* Greek */
  { 0x0400, 0x052F },  /* Cyrillic and its supplement */
  { 0x0530, 0x058F },  /* Armenian */
  { 0x13A0, 0x13FF },  /* Cherokee */
  { 0x1D00, 0x1D7F },  /* Phonetic Extensions */
  { 0x2C60, 0x2C7F },  /* Latin Extended-C */
  { 0xA720, 0xA7FF },  /* Latin Extended-D */
  { 0xAB30, 0xAB6F },  /* Latin Extended-E */
  { 0xAB70, 0xABBF },  /* Cherokee Supplement */
};

/* Reviewed additions for letters used as disguises whose TR39 skeleton is not
 * the basic Latin letter they imitate (ICU 72 data).  They override the
 * table built from the skeletons. */
static const struct
{
  gunichar c;
  char     latin;
} lookalike_supplement[] = {
  { 0x028D, 'm' },  /* ʍ turned w: TR39 makes Cyrillic м confusable with it */
  { 0x0271, 'm' },  /* ɱ m with hook: skeleton "rn" plus a comma below */
  { 0x01BF, 'p' },  /* ƿ wynn: skeleton is thorn */
  { 0x028C, 'a' },  /* ʌ turned v: shaped like a capital A without its bar */
  { 0x0245, 'a' },  /* Ʌ capital turned v, for the same reason */
  { 0x028B, 'v' },  /* ʋ v with hook: TR39 maps it to u, but it is written for v */
  { 0x0273, 'n' },  /* ɳ n with retroflex hook */
  { 0x0257, 'd' },  /* ɗ d with hook */
};

static int32_t
get_skeleton (USpoofChecker *checker,
              gunichar       c,
              UChar         *skeleton,
              int32_t        size)
{
  UChar source[2];
  int32_t source_length = 0;
  UErrorCode status = U_ZERO_ERROR;
  int32_t length;

  U16_APPEND_UNSAFE (source, source_length, c);
  length = uspoof_getSkeleton (checker, 0, source, source_length, skeleton, size, &status);
  if (U_FAILURE (status))
    return -1;

  return length;
}

/* Returns the basic Latin letter whose TR39 skeleton equals the skeleton of
 * C, preferring the letter of C's own case, or 0 when there is none or the
 * match is ambiguous. */
static char
find_latin_lookalike (USpoofChecker  *checker,
                      UChar           latin_skeletons[52][8],
                      const int32_t  *latin_lengths,
                      gunichar        c)
{
  UChar skeleton[8];
  int32_t length = get_skeleton (checker, c, skeleton, G_N_ELEMENTS (skeleton));
  gboolean upper = u_isupper ((UChar32) c);
  char found[2] = { 0, 0 };
  guint n_found[2] = { 0, 0 };

  if (length <= 0)
    return 0;

  for (guint k = 0; k < 52; k++)
    {
      gboolean letter_upper = k >= 26;
      guint slot = letter_upper == upper ? 0 : 1;

      if (latin_lengths[k] == length
          && memcmp (latin_skeletons[k], skeleton, sizeof (UChar) * (gsize) length) == 0)
        {
          found[slot] = (char) ('a' + k % 26);
          n_found[slot]++;
        }
    }

  if (n_found[0] == 1)
    return found[0];
  if (n_found[0] == 0 && n_found[1] == 1)
    return found[1];

  return 0;
}

static gpointer
build_lookalike_table (gpointer data)
{
  GHashTable *table = g_hash_table_new (NULL, NULL);
  UErrorCode status = U_ZERO_ERROR;
  USpoofChecker *checker = uspoof_open (&status);
  const UNormalizer2 *nfkd = get_nfkd ();
  UChar latin_skeletons[52][8];
  int32_t latin_lengths[52];

  if (U_FAILURE (status))
    {
      g_warning ("Could not open the ICU spoof checker: %s", u_errorName (status));
      return table;
    }

  for (guint k = 0; k < 52; k++)
    {
      gunichar letter = k < 26 ? 'a' + k : 'A' + (k - 26);

      latin_lengths[k] = get_skeleton (checker, letter, latin_skeletons[k], 8);
    }

  for (guint b = 0; b < G_N_ELEMENTS (lookalike_blocks); b++)
    {
      for (gunichar c = lookalike_blocks[b].first; c <= lookalike_blocks[b].last; c++)
        {
          UChar source[1] = { (UChar) c };
          UErrorCode norm_status = U_ZERO_ERROR;
          char latin;

          /* Letters with a decomposition lose their marks in folding and
           * never reach the mapping; all blocks above are in the BMP. */
          if (!u_isalpha ((UChar32) c) || !unorm2_isNormalized (nfkd, source, 1, &norm_status))
            continue;

          latin = find_latin_lookalike (checker, latin_skeletons, latin_lengths, c);
          if (latin != 0)
            g_hash_table_insert (table, GUINT_TO_POINTER (c), GINT_TO_POINTER ((int) latin));
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (lookalike_supplement); k++)
    g_hash_table_insert (table,
                         GUINT_TO_POINTER (lookalike_supplement[k].c),
                         GINT_TO_POINTER ((int) lookalike_supplement[k].latin));

  uspoof_close (checker);
  g_debug ("%u look-alike letters mapped to basic Latin", g_hash_table_size (table));

  return table;
}

static GHashTable *
get_lookalike_table (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, build_lookalike_table, NULL);
  return once.retval;
}

static gboolean
is_latin_script (gunichar c)
{
  UErrorCode status = U_ZERO_ERROR;

  return uscript_getScript ((UChar32) c, &status) == USCRIPT_LATIN;
}

static gboolean
is_word_character (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);

  return u_isalnum ((UChar32) c);
}

typedef enum
{
  WORD_NEUTRAL,          /* digits only */
  WORD_LATIN,            /* has a real Latin letter */
  WORD_LOOKALIKE_ONLY,   /* every letter imitates a Latin one: "οn" in Greek */
  WORD_OTHER,            /* has a letter of another script that imitates nothing */
} WordClass;

typedef struct
{
  guint     start;
  guint     end;
  WordClass word_class;
} Word;

static WordClass
classify_word (const Unit *u,
               guint       start,
               guint       end,
               GHashTable *table)
{
  gboolean has_letter = FALSE;
  gboolean has_latin = FALSE;
  gboolean has_other = FALSE;

  for (guint k = start; k < end; k++)
    {
      gboolean mapped;

      if (!is_letter (u[k].c))
        continue;
      has_letter = TRUE;

      if (u[k].c < 0x80)
        {
          has_latin = TRUE;
          continue;
        }

      mapped = g_hash_table_contains (table, GUINT_TO_POINTER (u[k].c));
      if (is_latin_script (u[k].c) && !mapped)
        has_latin = TRUE;
      else if (!mapped)
        has_other = TRUE;
    }

  if (has_latin)
    return WORD_LATIN;
  if (has_other)
    return WORD_OTHER;
  if (has_letter)
    return WORD_LOOKALIKE_ONLY;

  return WORD_NEUTRAL;
}

/* Returns the class of the nearest word before (STEP -1) or after (STEP 1)
 * WORDS[INDEX] that is neither digits nor look-alikes only. */
static WordClass
find_neighbour_class (const Word *words,
                      guint       n_words,
                      guint       index,
                      int         step)
{
  for (gint64 k = (gint64) index + step; k >= 0 && k < n_words; k += step)
    {
      if (words[k].word_class == WORD_LATIN || words[k].word_class == WORD_OTHER)
        return words[k].word_class;
    }

  return WORD_NEUTRAL;
}

static gboolean
should_map_word (const Word *words,
                 guint       n_words,
                 guint       index)
{
  WordClass before;
  WordClass after;

  if (words[index].word_class == WORD_LATIN)
    return TRUE;
  if (words[index].word_class != WORD_LOOKALIKE_ONLY)
    return FALSE;

  /* A word made only of look-alikes ("уοս" in Cyrillic and Greek) is
   * disguised when the words around it are Latin.  In Russian or Greek text
   * its neighbours have letters that imitate nothing, so it is kept. */
  before = find_neighbour_class (words, n_words, index, -1);
  after = find_neighbour_class (words, n_words, index, 1);

  return before != WORD_OTHER && after != WORD_OTHER
         && (before == WORD_LATIN || after == WORD_LATIN);
}

/* The letter of SCRIPT that the basic Latin letter C imitates, or 0. */
static gunichar
reference_latin_to_script (gunichar    c,
                           UScriptCode script)
{
  static const struct
  {
    char     latin;
    gunichar cyrillic;
    gunichar greek;
  } pairs[] = {
    { 'a', 0x0430, 0x03B1 }, { 'A', 0x0410, 0x0391 }, { 'e', 0x0435, 0x03B5 }, { 'E', 0x0415, 0x0395 },
    { 'o', 0x043E, 0x03BF }, { 'O', 0x041E, 0x039F }, { 'p', 0x0440, 0x03C1 }, { 'P', 0x0420, 0x03A1 },
    { 'c', 0x0441, 0 }, { 'C', 0x0421, 0 }, { 'x', 0x0445, 0x03C7 }, { 'X', 0x0425, 0x03A7 },
    { 'y', 0x0443, 0x03B3 }, { 'Y', 0x0423, 0x03A5 }, { 'k', 0x043A, 0x03BA }, { 'K', 0x041A, 0x039A },
    { 'm', 0x043C, 0 }, { 'M', 0x041C, 0x039C }, { 'N', 0, 0x039D }, { 'T', 0x0422, 0x03A4 },
    { 'H', 0x041D, 0x0397 }, { 'B', 0x0412, 0x0392 }, { 'i', 0x0456, 0x03B9 }, { 'I', 0x0406, 0x0399 },
    { 'j', 0x0458, 0 }, { 's', 0x0455, 0 }, { 'u', 0, 0x03C5 }, { 'v', 0, 0x03BD }, { 'Z', 0, 0x0396 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      if ((gunichar) pairs[i].latin != c)
        continue;
      if (script == USCRIPT_CYRILLIC)
        return pairs[i].cyrillic;
      if (script == USCRIPT_GREEK)
        return pairs[i].greek;
    }

  return 0;
}

/* The script of a Latin word that is a Cyrillic or Greek word with some
 * basic Latin letters, or USCRIPT_INVALID_CODE. */
static UScriptCode
find_disguised_script (const Unit *u,
                       const Word *words,
                       guint       n_words,
                       guint       index,
                       GHashTable *table)
{
  const Word *word = &words[index];
  UScriptCode script = USCRIPT_INVALID_CODE;
  gboolean has_ascii = FALSE;
  gboolean has_other = FALSE;

  for (guint k = word->start; k < word->end; k++)
    {
      UErrorCode status = U_ZERO_ERROR;
      UScriptCode letter_script;

      if (u[k].c < 0x80)
        {
          has_ascii = has_ascii || g_ascii_isalpha ((char) u[k].c);
          continue;
        }
      if (!is_letter (u[k].c))
        continue;
      if (is_latin_script (u[k].c))
        return USCRIPT_INVALID_CODE;

      letter_script = uscript_getScript ((UChar32) u[k].c, &status);
      if (U_FAILURE (status)
          || (letter_script != USCRIPT_CYRILLIC && letter_script != USCRIPT_GREEK)
          || (script != USCRIPT_INVALID_CODE && letter_script != script))
        return USCRIPT_INVALID_CODE;

      script = letter_script;
      if (!g_hash_table_contains (table, GUINT_TO_POINTER (u[k].c)))
        has_other = TRUE;
    }

  if (!has_ascii || script == USCRIPT_INVALID_CODE)
    return USCRIPT_INVALID_CODE;

  if (has_other
      || find_neighbour_class (words, n_words, index, -1) == WORD_OTHER
      || find_neighbour_class (words, n_words, index, 1) == WORD_OTHER)
    return script;

  return USCRIPT_INVALID_CODE;
}

#define DOTLESS_I 0x0131

/* Returns TRUE when the units have a letter of the Turkish alphabet that no
 * other language with rules uses: ğ, ş or a capital dotted İ.  It must run
 * before strip_marks(), which decomposes all three. */
static gboolean
has_turkish_letter (const Unit *u,
                    guint       n_units)
{
  for (guint k = 0; k < n_units; k++)
    {
      switch (u[k].c)
        {
        case 0x011E: case 0x011F: /* Ğ ğ */
        case 0x015E: case 0x015F: /* Ş ş */
        case 0x0130:              /* İ */
          return TRUE;
        default:
          break;
        }
    }

  return FALSE;
}

/* Returns TRUE when the only look-alike letters of the word are dotless ı,
 * which Turkish writes as a letter of its own ("nasıl", "alınır"). */
static gboolean
has_only_dotless_lookalikes (const Unit *u,
                             const Word *word,
                             GHashTable *table)
{
  if (word->word_class != WORD_LATIN)
    return FALSE;

  for (guint k = word->start; k < word->end; k++)
    {
      if (u[k].c >= 0x80 && u[k].c != DOTLESS_I
          && g_hash_table_contains (table, GUINT_TO_POINTER (u[k].c)))
        return FALSE;
    }

  return TRUE;
}

/* Maps look-alike letters to the Latin letter they imitate inside words that
 * also have a real Latin letter ("pаypal" with a Cyrillic а), and in words of
 * look-alikes only between Latin words.  Rare Latin look-alikes (ɑ, ı) are
 * Latin already and are mapped in every word.  Words in Russian or Greek
 * text are kept.  When TURKISH is set, a dotless ı in an
 * otherwise Latin word is folded to i without being marked as a look-alike,
 * because Turkish spells with it. */
static gboolean
map_lookalikes (GArray   *units,
                gboolean  turkish)
{
  GHashTable *table = get_lookalike_table ();
  Unit *u = (Unit *) units->data;
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  gboolean mapped_any = FALSE;

  for (guint start = 0; start < units->len;)
    {
      Word word;
      guint end = start;

      if (!is_word_character (u[start].c))
        {
          start++;
          continue;
        }

      while (end < units->len && is_word_character (u[end].c))
        end++;

      word.start = start;
      word.end = end;
      word.word_class = classify_word (u, start, end, table);
      g_array_append_val (words, word);
      start = end;
    }

  for (guint i = 0; i < words->len; i++)
    {
      Word *word = &g_array_index (words, Word, i);
      UScriptCode disguised_script =
        word->word_class == WORD_LATIN
        ? find_disguised_script (u, (const Word *) (void *) words->data, words->len, i, table)
        : USCRIPT_INVALID_CODE;
      gboolean map_word = should_map_word ((const Word *) (void *) words->data, words->len, i);
      gboolean turkish_word = turkish && has_only_dotless_lookalikes (u, word, table);

      /* The words before count a disguised word as one of its script. */
      if (disguised_script != USCRIPT_INVALID_CODE)
        {
          for (guint k = word->start; k < word->end; k++)
            {
              gunichar original = reference_latin_to_script (u[k].c, disguised_script);

              if (original == 0)
                continue;
              u[k].c = original;
              u[k].lookalike = TRUE;
              mapped_any = TRUE;
            }
          word->word_class = WORD_OTHER;
          continue;
        }

      for (guint k = word->start; k < word->end; k++)
        {
          gpointer latin;

          if (turkish_word && u[k].c == DOTLESS_I)
            {
              u[k].c = 'i';
              continue;
            }

          if (u[k].c < 0x80
              || !g_hash_table_lookup_extended (table, GUINT_TO_POINTER (u[k].c), NULL, &latin))
            continue;
          if (!map_word && !is_latin_script (u[k].c))
            continue;

          u[k].c = (gunichar) GPOINTER_TO_INT (latin);
          u[k].lookalike = TRUE;
          mapped_any = TRUE;
        }
    }

  return mapped_any;
}

static GArray *
fold_case (GArray *units)
{
  Unit *u = (Unit *) units->data;
  GArray *out;
  guint n = 0;

  if (units_are_ascii (units))
    {
      for (guint i = 0; i < units->len; i++)
        u[i].c = (gunichar) g_ascii_tolower ((char) u[i].c);
      return units;
    }

  out = new_units (units->len);

  for (guint i = 0; i < units->len; i++)
    {
      UChar source[2];
      UChar result[8];
      int32_t source_length = 0;
      int32_t result_length;
      UErrorCode status = U_ZERO_ERROR;

      if (u[i].c < 0x80)
        {
          push_unit (out, &n, u[i].offset, g_ascii_tolower ((char) u[i].c), u[i].lookalike);
          continue;
        }

      /* Digits of every script become 0-9, and the Arabic separators of
       * numbers "." and ",". */
      if (u_charType ((UChar32) u[i].c) == U_DECIMAL_DIGIT_NUMBER && u_charDigitValue ((UChar32) u[i].c) >= 0)
        {
          push_unit (out, &n, u[i].offset, (gunichar) ('0' + u_charDigitValue ((UChar32) u[i].c)),
                     u[i].lookalike);
          continue;
        }
      if (u[i].c == 0x066B || u[i].c == 0x066C)
        {
          push_unit (out, &n, u[i].offset, u[i].c == 0x066B ? '.' : ',', u[i].lookalike);
          continue;
        }

      U16_APPEND_UNSAFE (source, source_length, u[i].c);
      result_length = u_strFoldCase (result, G_N_ELEMENTS (result), source, source_length,
                                     U_FOLD_CASE_DEFAULT, &status);
      if (U_FAILURE (status))
        {
          push_unit (out, &n, u[i].offset, u[i].c, u[i].lookalike);
          continue;
        }

      for (int32_t k = 0; k < result_length;)
        {
          UChar32 c;

          U16_NEXT (result, k, result_length, c);
          push_unit (out, &n, u[i].offset, (gunichar) c, u[i].lookalike);
        }
    }

  g_array_unref (units);
  return finish_units (out, n);
}

/* Removes diacritics: NFKD, then nonspacing marks dropped. */
static GArray *
strip_marks (GArray *units)
{
  return normalize_segments (units, get_nfkd (), TRUE);
}

/* Encodes units as UTF-8; fills OFFSETS and LOOKALIKE when they are not NULL. */
static char *
encode_units (GArray   *units,
              gsize     original_length,
              gsize    *out_length,
              gsize   **offsets,
              guint8  **lookalike)
{
  const Unit *u = (const Unit *) units->data;
  gsize size = 0;
  gsize n = 0;
  char *text;
  gsize *offset_array = NULL;
  guint8 *lookalike_array = NULL;

  for (guint i = 0; i < units->len; i++)
    size += u[i].c < 0x80 ? 1 : (gsize) g_unichar_to_utf8 (u[i].c, NULL);

  text = g_malloc (size + 1);
  if (offsets != NULL)
    offset_array = g_new (gsize, size + 1);
  if (lookalike != NULL)
    lookalike_array = g_new (guint8, size + 1);

  for (guint i = 0; i < units->len; i++)
    {
      int bytes;

      if (u[i].c < 0x80)
        {
          text[n] = (char) u[i].c;
          bytes = 1;
        }
      else
        {
          bytes = g_unichar_to_utf8 (u[i].c, text + n);
        }

      for (int k = 0; k < bytes; k++)
        {
          if (offset_array != NULL)
            offset_array[n + k] = u[i].offset;
          if (lookalike_array != NULL)
            lookalike_array[n + k] = u[i].lookalike ? 1 : 0;
        }
      n += (gsize) bytes;
    }

  g_assert (n == size);
  text[n] = '\0';
  if (offset_array != NULL)
    offset_array[n] = original_length;
  if (lookalike_array != NULL)
    lookalike_array[n] = 0;

  *out_length = n;
  if (offsets != NULL)
    *offsets = offset_array;
  if (lookalike != NULL)
    *lookalike = lookalike_array;

  return text;
}

/**
 * reference_normalize_text:
 * @text: UTF-8 text; invalid bytes are replaced
 * @length: bytes in @text, or -1 when it is nul-terminated
 *
 * Normalises @text for reading: HTML character references decoded, format
 * characters and soft hyphens dropped, NFKC, words split across lines
 * joined, and every run of white space turned into one space.
 *
 * Returns: (transfer full): the normalised text
 */
char *
reference_normalize_text (const char *text,
                          gssize      length)
{
  g_autoptr(GArray) units = NULL;
  gsize out_length;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (text);

  units = normalize_units (text, (gsize) length);
  return encode_units (units, (gsize) length, &out_length, NULL, NULL);
}

/**
 * reference_fold_and_normalize_text:
 * @text: UTF-8 text; invalid bytes are replaced
 * @length: bytes in @text, or -1 when it is nul-terminated
 * @normalized: (out) (optional): return location for reference_normalize_text()
 *   of @text
 *
 * Folds @text for rule matching: reference_normalize_text(), then
 * diacritics removed, look-alike letters inside otherwise Latin words mapped
 * to the Latin letter they imitate, and case folded.  The result keeps the
 * offset of the original character behind every byte.
 *
 * Returns: (transfer full): the folded text, free with hdr_folded_free()
 */
HdrFolded *
reference_fold_and_normalize_text (const char  *text,
                                   gssize       length,
                                   char       **normalized)
{
  g_autoptr(GArray) units = NULL;
  HdrFolded *folded;
  gboolean turkish;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (text);

  folded = g_new0 (HdrFolded, 1);
  units = normalize_units (text, (gsize) length);
  if (normalized != NULL)
    {
      gsize normalized_length;

      *normalized = encode_units (units, (gsize) length, &normalized_length, NULL, NULL);
    }
  turkish = has_turkish_letter ((const Unit *) (void *) units->data, units->len);
  units = strip_marks (g_steal_pointer (&units));
  folded->unmasked = map_lookalikes (units, turkish);
  units = fold_case (g_steal_pointer (&units));
  /* Case folding can bring marks back (U+0390 folds to ι with two marks). */
  units = strip_marks (g_steal_pointer (&units));

  folded->text = encode_units (units, (gsize) length, &folded->length,
                               &folded->offsets, &folded->lookalike);

  return folded;
}
