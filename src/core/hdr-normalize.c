/* hdr-normalize.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-normalize"

#include "config.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "hdr-normalize.h"

/* Normalisation and folding take three passes.  Each reads UTF-8 and
 * writes UTF-8 with, for every output byte, the byte offset in the original
 * text of the character it comes from:
 *
 * 1. decode_text(): invalid UTF-8 replaced, HTML character references
 *    decoded, format characters dropped, NFKC.
 * 2. join_lines(): words split across lines joined and white space
 *    collapsed, which gives the normalised text.  When folding, its output
 *    goes on through NFKD with nonspacing marks dropped.
 * 3. fold_words(): look-alike letters mapped, case folded, then NFKD with
 *    nonspacing marks dropped again.
 *
 * Runs of ASCII are copied without ICU calls.  No ASCII character is a
 * format character or a nonspacing mark, case folding lowers it, and NFKC
 * and NFKD keep it when the next character is ASCII too. */

/* Lines at least this long count when deciding whether a text was wrapped
 * at a fixed column. */
#define MIN_WRAPPED_LINE 30

#define DOTLESS_I 0x0131

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

static GHashTable *get_lookalike_table (void);

/* Character properties ------------------------------------------------------ */

/* U+0640, the Arabic letter that stretches a word without changing it. */
#define ARABIC_TATWEEL 0x0640

/* U+066B and U+066C, the separators of numbers written in Arabic-Indic digits. */
#define ARABIC_DECIMAL_SEPARATOR 0x066B
#define ARABIC_THOUSANDS_SEPARATOR 0x066C

/* Properties of a non-ASCII code point, as ICU reports them. */
typedef enum
{
  CHAR_DROPPED        = 1 << 0,   /* format character (Cf) or default ignorable code point */
  CHAR_NFKC_BOUNDARY  = 1 << 1,   /* NFKC has a boundary before it */
  CHAR_NFKC_STABLE    = 1 << 2,   /* NFKC of the character alone is itself */
  CHAR_NFKD_BOUNDARY  = 1 << 3,   /* NFKD has a boundary before it */
  CHAR_NFKD_STABLE    = 1 << 4,   /* NFKD of the character alone is itself */
  CHAR_NONSPACING     = 1 << 5,   /* General_Category Mn */
  CHAR_SPACE          = 1 << 6,   /* u_isUWhiteSpace() or g_unichar_isspace() */
  CHAR_LETTER         = 1 << 7,   /* u_isalpha() */
  CHAR_ALNUM          = 1 << 8,   /* u_isalnum() */
  CHAR_LOWER          = 1 << 9,   /* u_islower() */
  CHAR_LATIN_SCRIPT   = 1 << 10,  /* Script=Latin */
  CHAR_SINGLE_FOLD    = 1 << 11,  /* full case folding gives one code point, in CharInfo.folded */
} CharFlags;

typedef struct
{
  gunichar c;        /* 0 in an empty entry: only code points from U+0080 are stored */
  guint32  flags;    /* CharFlags */
  gunichar folded;   /* case folding of c when flags has CHAR_SINGLE_FOLD */
  gunichar latin;    /* basic Latin letter that c imitates, or 0 */
} CharInfo;

/* Entries of the per-thread cache of CharInfo, a power of two.  Each entry
 * is 16 bytes, so the cache takes 64 KiB per thread that folds text. */
#define CHAR_CACHE_SIZE 4096

static GPrivate char_cache_key = G_PRIVATE_INIT (g_free);

/* Returns the cache of the calling thread.  The cache is per thread because
 * hdr_batch_run() folds on several threads at once. */
static CharInfo *
get_char_cache (void)
{
  CharInfo *cache = g_private_get (&char_cache_key);

  if (G_UNLIKELY (cache == NULL))
    {
      cache = g_new0 (CharInfo, CHAR_CACHE_SIZE);
      g_private_set (&char_cache_key, cache);
    }

  return cache;
}

static void
fill_char_info (CharInfo *info,
                gunichar  c)
{
  const UNormalizer2 *nfkc = get_nfkc ();
  const UNormalizer2 *nfkd = get_nfkd ();
  UChar source[2];
  UChar folded[8];
  int32_t source_length = 0;
  int32_t folded_length;
  UErrorCode status = U_ZERO_ERROR;
  guint32 flags = 0;
  gpointer latin;

  U16_APPEND_UNSAFE (source, source_length, c);

  /* The Arabic tatweel only stretches a word, and scams put it inside
   * words ("بيتـكوين") to hide them from filters. */
  if (u_charType ((UChar32) c) == U_FORMAT_CHAR
      || u_hasBinaryProperty ((UChar32) c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)
      || c == ARABIC_TATWEEL)
    flags |= CHAR_DROPPED;
  if (unorm2_hasBoundaryBefore (nfkc, (UChar32) c))
    flags |= CHAR_NFKC_BOUNDARY;
  if (unorm2_isNormalized (nfkc, source, source_length, &status) && U_SUCCESS (status))
    flags |= CHAR_NFKC_STABLE;
  status = U_ZERO_ERROR;
  if (unorm2_hasBoundaryBefore (nfkd, (UChar32) c))
    flags |= CHAR_NFKD_BOUNDARY;
  if (unorm2_isNormalized (nfkd, source, source_length, &status) && U_SUCCESS (status))
    flags |= CHAR_NFKD_STABLE;
  status = U_ZERO_ERROR;
  if (u_charType ((UChar32) c) == U_NON_SPACING_MARK)
    flags |= CHAR_NONSPACING;
  if (u_isUWhiteSpace ((UChar32) c) || g_unichar_isspace (c))
    flags |= CHAR_SPACE;
  if (u_isalpha ((UChar32) c))
    flags |= CHAR_LETTER;
  if (u_isalnum ((UChar32) c))
    flags |= CHAR_ALNUM;
  if (u_islower ((UChar32) c))
    flags |= CHAR_LOWER;
  if (uscript_getScript ((UChar32) c, &status) == USCRIPT_LATIN)
    flags |= CHAR_LATIN_SCRIPT;
  status = U_ZERO_ERROR;

  folded_length = u_strFoldCase (folded, G_N_ELEMENTS (folded), source, source_length,
                                 U_FOLD_CASE_DEFAULT, &status);
  info->folded = 0;
  if (U_SUCCESS (status) && folded_length > 0)
    {
      UChar32 first;
      int32_t k = 0;

      U16_NEXT (folded, k, folded_length, first);
      if (k == folded_length)
        {
          info->folded = (gunichar) first;
          flags |= CHAR_SINGLE_FOLD;
        }
    }

  /* Decimal digits of other scripts (Arabic-Indic ٤٨, Persian ۴۸, Devanagari
   * ४८) fold to 0-9, so that amounts and deadlines read alike in every
   * script.  NFKC maps only the compatibility digits, such as full-width ones. */
  if (u_charType ((UChar32) c) == U_DECIMAL_DIGIT_NUMBER && u_charDigitValue ((UChar32) c) >= 0)
    {
      info->folded = (gunichar) ('0' + u_charDigitValue ((UChar32) c));
      flags |= CHAR_SINGLE_FOLD;
    }
  else if (c == ARABIC_DECIMAL_SEPARATOR || c == ARABIC_THOUSANDS_SEPARATOR)
    {
      info->folded = c == ARABIC_DECIMAL_SEPARATOR ? '.' : ',';
      flags |= CHAR_SINGLE_FOLD;
    }

  if (g_hash_table_lookup_extended (get_lookalike_table (), GUINT_TO_POINTER (c), NULL, &latin))
    info->latin = (gunichar) GPOINTER_TO_INT (latin);
  else
    info->latin = 0;

  info->flags = flags;
  info->c = c;
}

/* Returns the properties of C, which must not be ASCII. */
static inline const CharInfo *
get_char_info (CharInfo *cache,
               gunichar  c)
{
  CharInfo *info = &cache[c & (CHAR_CACHE_SIZE - 1)];

  if (G_UNLIKELY (info->c != c))
    fill_char_info (info, c);

  return info;
}

static inline gboolean
char_has (CharInfo *cache,
          gunichar  c,
          guint32   flag)
{
  return (get_char_info (cache, c)->flags & flag) != 0;
}

static inline gboolean
is_letter (CharInfo *cache,
           gunichar  c)
{
  if (c < 0x80)
    return g_ascii_isalpha ((char) c);

  return char_has (cache, c, CHAR_LETTER);
}

static inline gboolean
is_word_character (CharInfo *cache,
                   gunichar  c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);

  return char_has (cache, c, CHAR_ALNUM);
}

static inline gboolean
is_horizontal_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == 0x00A0;
}

static inline gboolean
is_ascii_space (guchar byte)
{
  return byte == ' ' || (byte >= '\t' && byte <= '\r');
}

static inline guchar
ascii_lower (guchar byte)
{
  return byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte;
}

/* Word-at-a-time tests on 8 bytes of text. */
#define BYTES_HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)
#define BYTES_ONES      G_GUINT64_CONSTANT (0x0101010101010101)

static inline guint64
load_8_bytes (const char *text)
{
  guint64 word;

  memcpy (&word, text, sizeof word);
  return word;
}

/* Returns a word in which byte k has its high bit set when byte k of WORD
 * is BYTE, and no other bit.  The sum of the low 7 bits of a byte and 0x7F
 * has its high bit set when one of those bits is set, and it never carries
 * into the next byte. */
static inline guint64
mark_byte (guint64 word,
           guchar  byte)
{
  guint64 diff = word ^ (BYTES_ONES * byte);
  guint64 low_bits_set = (diff & ~BYTES_HIGH_BITS) + ~BYTES_HIGH_BITS;

  return ~(low_bits_set | diff | ~BYTES_HIGH_BITS);
}

/* Returns the index of the first byte from 0x80 in text[i .. length - 1],
 * or LENGTH. */
static inline gsize
find_non_ascii (const char *text,
                gsize       i,
                gsize       length)
{
  while (i + 8 <= length && (load_8_bytes (text + i) & BYTES_HIGH_BITS) == 0)
    i += 8;
  while (i < length && (guchar) text[i] < 0x80)
    i++;

  return i;
}

/* Returns the code point at TEXT[I], a character boundary of valid UTF-8,
 * and sets *NEXT to the index after it.  Sequences of up to 3 bytes are
 * decoded here, because the passes read most characters this way. */
static inline gunichar
get_char_at (const char *text,
             gsize       i,
             gsize      *next)
{
  const guchar *bytes = (const guchar *) text + i;

  if (bytes[0] < 0x80)
    {
      *next = i + 1;
      return bytes[0];
    }
  if (bytes[0] < 0xE0)
    {
      *next = i + 2;
      return ((gunichar) (bytes[0] & 0x1F) << 6) | (bytes[1] & 0x3F);
    }
  if (bytes[0] < 0xF0)
    {
      *next = i + 3;
      return ((gunichar) (bytes[0] & 0x0F) << 12) | ((gunichar) (bytes[1] & 0x3F) << 6)
             | (bytes[2] & 0x3F);
    }

  *next = (gsize) (g_utf8_next_char (text + i) - text);
  return g_utf8_get_char (text + i);
}

/* Returns the code point before TEXT[I], with I > 0. */
static inline gunichar
get_char_before (const char *text,
                 gsize       i)
{
  if ((guchar) text[i - 1] < 0x80)
    return (guchar) text[i - 1];

  return g_utf8_get_char (g_utf8_prev_char (text + i));
}

/* Mapped text ---------------------------------------------------------------- */

/* UTF-8 text, and for each byte the byte offset in the original text of
 * the character it comes from.  Between passes the offsets take 4 bytes
 * (short_offsets), which is why folded texts are limited to G_MAXUINT32
 * bytes.  The folded result has them as gsize (offsets).  At most one of the
 * two is set, and as the input of a pass, a text without either has
 * offsets[i] == i. */
typedef struct
{
  char    *text;
  gsize   *offsets;
  guint32 *short_offsets;
  guint8  *lookalike;    /* NULL, or 1 for each byte that comes from a mapped look-alike letter */
  gsize    length;
  gsize    capacity;     /* bytes allocated, not counting the terminating nul */
} MappedText;

typedef enum
{
  OFFSETS_NONE,
  OFFSETS_SHORT,
  OFFSETS_FULL,
} OffsetKind;

static void
mapped_text_init (MappedText *mapped,
                  gsize       capacity,
                  OffsetKind  offset_kind,
                  gboolean    with_lookalike)
{
  capacity = MAX (capacity, 16);
  mapped->text = g_malloc (capacity + 1);
  mapped->offsets = offset_kind == OFFSETS_FULL ? g_new (gsize, capacity + 1) : NULL;
  mapped->short_offsets = offset_kind == OFFSETS_SHORT ? g_new (guint32, capacity + 1) : NULL;
  mapped->lookalike = with_lookalike ? g_new (guint8, capacity + 1) : NULL;
  mapped->length = 0;
  mapped->capacity = capacity;
}

static void
mapped_text_clear (MappedText *mapped)
{
  g_clear_pointer (&mapped->text, g_free);
  g_clear_pointer (&mapped->offsets, g_free);
  g_clear_pointer (&mapped->short_offsets, g_free);
  g_clear_pointer (&mapped->lookalike, g_free);
  mapped->length = 0;
  mapped->capacity = 0;
}

static void G_GNUC_NO_INLINE
mapped_text_grow (MappedText *mapped,
                  gsize       extra)
{
  gsize capacity = MAX (mapped->capacity * 2, mapped->length + extra);

  mapped->text = g_realloc (mapped->text, capacity + 1);
  if (mapped->offsets != NULL)
    mapped->offsets = g_renew (gsize, mapped->offsets, capacity + 1);
  if (mapped->short_offsets != NULL)
    mapped->short_offsets = g_renew (guint32, mapped->short_offsets, capacity + 1);
  if (mapped->lookalike != NULL)
    mapped->lookalike = g_renew (guint8, mapped->lookalike, capacity + 1);
  mapped->capacity = capacity;
}

static inline void
mapped_text_reserve (MappedText *mapped,
                     gsize       extra)
{
  if (G_UNLIKELY (mapped->length + extra > mapped->capacity))
    mapped_text_grow (mapped, extra);
}

static inline void
mapped_text_append (MappedText *mapped,
                    gunichar    c,
                    gsize       offset,
                    gboolean    lookalike)
{
  gsize start = mapped->length;
  int bytes = 1;

  mapped_text_reserve (mapped, 6);
  if (c < 0x80)
    {
      mapped->text[start] = (char) c;
    }
  else if (c < 0x800)
    {
      mapped->text[start] = (char) (0xC0 | (c >> 6));
      mapped->text[start + 1] = (char) (0x80 | (c & 0x3F));
      bytes = 2;
    }
  else if (c < 0x10000)
    {
      mapped->text[start] = (char) (0xE0 | (c >> 12));
      mapped->text[start + 1] = (char) (0x80 | ((c >> 6) & 0x3F));
      mapped->text[start + 2] = (char) (0x80 | (c & 0x3F));
      bytes = 3;
    }
  else
    {
      bytes = g_unichar_to_utf8 (c, mapped->text + start);
    }

  for (int k = 0; k < bytes; k++)
    {
      if (mapped->offsets != NULL)
        mapped->offsets[start + k] = offset;
      if (mapped->short_offsets != NULL)
        mapped->short_offsets[start + k] = (guint32) offset;
      if (mapped->lookalike != NULL)
        mapped->lookalike[start + k] = lookalike ? 1 : 0;
    }
  mapped->length += (gsize) bytes;
}

/* Appends N bytes of ASCII from SOURCE, lowered when LOWER is set.  Their
 * offsets are SOURCE_OFFSETS[0 .. N-1], or FIRST_OFFSET + k when
 * SOURCE_OFFSETS is NULL.  None is a look-alike. */
static void
mapped_text_append_ascii (MappedText    *mapped,
                          const char    *source,
                          const guint32 *source_offsets,
                          gsize          first_offset,
                          gsize          n,
                          gboolean       lower)
{
  gsize start = mapped->length;

  mapped_text_reserve (mapped, n);

  if (lower)
    {
      for (gsize k = 0; k < n; k++)
        mapped->text[start + k] = (char) ascii_lower ((guchar) source[k]);
    }
  else
    {
      memcpy (mapped->text + start, source, n);
    }

  if (mapped->offsets != NULL)
    {
      if (source_offsets != NULL)
        for (gsize k = 0; k < n; k++)
          mapped->offsets[start + k] = source_offsets[k];
      else
        for (gsize k = 0; k < n; k++)
          mapped->offsets[start + k] = first_offset + k;
    }
  if (mapped->short_offsets != NULL)
    {
      if (source_offsets != NULL)
        memcpy (mapped->short_offsets + start, source_offsets, n * sizeof (guint32));
      else
        for (gsize k = 0; k < n; k++)
          mapped->short_offsets[start + k] = (guint32) (first_offset + k);
    }
  if (mapped->lookalike != NULL)
    memset (mapped->lookalike + start, 0, n);

  mapped->length += n;
}

/* Ends the text with a nul byte and, when kept, an offset of
 * ORIGINAL_LENGTH and a look-alike flag of 0.  Frees the unused space when
 * it is more than a page, because for short texts realloc() costs more
 * time than the space is worth. */
static void
mapped_text_finish (MappedText *mapped,
                    gsize       original_length)
{
  if (mapped->capacity - mapped->length > 4096)
    {
      mapped->capacity = mapped->length;
      mapped->text = g_realloc (mapped->text, mapped->capacity + 1);
      if (mapped->offsets != NULL)
        mapped->offsets = g_renew (gsize, mapped->offsets, mapped->capacity + 1);
      if (mapped->lookalike != NULL)
        mapped->lookalike = g_renew (guint8, mapped->lookalike, mapped->capacity + 1);
    }

  mapped->text[mapped->length] = '\0';
  if (mapped->offsets != NULL)
    mapped->offsets[mapped->length] = original_length;
  if (mapped->lookalike != NULL)
    mapped->lookalike[mapped->length] = 0;
}

/* Segment normalisation ------------------------------------------------------ */

/* A character on its way through a SegmentNormalizer. */
typedef struct
{
  gsize    offset;
  gunichar c;
  gboolean lookalike;
} Unit;

/* Normalises a stream of characters one segment at a time: a segment runs
 * from one normalisation boundary to the next, so composition works as on
 * the whole text.  Each output code point takes the offset of its
 * segment's first character, and is a look-alike when any character of the
 * segment is.  With drop_marks, nonspacing marks are left out. */
typedef struct
{
  const UNormalizer2 *normalizer;
  guint32     boundary_flag;   /* CHAR_NFKC_BOUNDARY or CHAR_NFKD_BOUNDARY */
  guint32     stable_flag;     /* CHAR_NFKC_STABLE or CHAR_NFKD_STABLE */
  gboolean    drop_marks;
  CharInfo   *cache;
  MappedText *out;

  Unit       *units;           /* the open segment: inline_units, or a larger array */
  guint       n_units;
  guint       units_size;
  Unit        inline_units[16];
  UChar      *source;
  gsize       source_size;
  UChar      *result;
  gsize       result_size;
} SegmentNormalizer;

static void
segment_normalizer_init (SegmentNormalizer  *normalizer,
                         const UNormalizer2 *icu_normalizer,
                         gboolean            nfkc,
                         gboolean            drop_marks,
                         CharInfo           *cache,
                         MappedText         *out)
{
  *normalizer = (SegmentNormalizer) {
    .normalizer = icu_normalizer,
    .boundary_flag = nfkc ? CHAR_NFKC_BOUNDARY : CHAR_NFKD_BOUNDARY,
    .stable_flag = nfkc ? CHAR_NFKC_STABLE : CHAR_NFKD_STABLE,
    .drop_marks = drop_marks,
    .cache = cache,
    .out = out,
    .units_size = G_N_ELEMENTS (normalizer->inline_units),
  };
  normalizer->units = normalizer->inline_units;
}

static void
segment_normalizer_clear (SegmentNormalizer *normalizer)
{
  if (normalizer->units != normalizer->inline_units)
    g_free (normalizer->units);
  normalizer->units = NULL;
  g_clear_pointer (&normalizer->source, g_free);
  g_clear_pointer (&normalizer->result, g_free);
}

/* Normalises the open segment with ICU.  The segment has more than one
 * character, or a single character that is not normalised yet. */
static void
normalize_open_segment (SegmentNormalizer *normalizer)
{
  const Unit *u = normalizer->units;
  guint n = normalizer->n_units;
  gboolean lookalike = FALSE;
  int32_t source_length = 0;
  int32_t result_length;
  UErrorCode status = U_ZERO_ERROR;

  for (guint k = 0; k < n; k++)
    lookalike |= u[k].lookalike;

  if (normalizer->source_size < 2 * (gsize) n + 2)
    {
      normalizer->source_size = 2 * (gsize) n + 2;
      normalizer->source = g_renew (UChar, normalizer->source, normalizer->source_size);
    }
  for (guint k = 0; k < n; k++)
    U16_APPEND_UNSAFE (normalizer->source, source_length, u[k].c);

  /* Under NFKC and NFKD a text grows at most 18 times in UTF-16 code units
   * (UAX #15: U+FDFA), so the result always fits. */
  if (normalizer->result_size < 18 * (gsize) source_length + 16)
    {
      normalizer->result_size = 18 * (gsize) source_length + 16;
      normalizer->result = g_renew (UChar, normalizer->result, normalizer->result_size);
    }
  result_length = unorm2_normalize (normalizer->normalizer, normalizer->source, source_length,
                                    normalizer->result, (int32_t) normalizer->result_size,
                                    &status);
  if (U_FAILURE (status))
    {
      /* A segment too odd to normalise is kept as written. */
      g_debug ("Normalisation failed: %s", u_errorName (status));
      for (guint k = 0; k < n; k++)
        mapped_text_append (normalizer->out, u[k].c, u[k].offset, u[k].lookalike);
      return;
    }

  for (int32_t k = 0; k < result_length;)
    {
      UChar32 c;

      U16_NEXT (normalizer->result, k, result_length, c);
      if (normalizer->drop_marks && c >= 0x80
          && char_has (normalizer->cache, (gunichar) c, CHAR_NONSPACING))
        continue;
      mapped_text_append (normalizer->out, (gunichar) c, u[0].offset, lookalike);
    }
}

/* Writes out the open segment and closes it. */
static void
segment_normalizer_flush (SegmentNormalizer *normalizer)
{
  const Unit *u = normalizer->units;
  guint32 flags = 0;

  if (normalizer->n_units == 0)
    return;

  if (normalizer->n_units == 1 && u[0].c >= 0x80)
    flags = get_char_info (normalizer->cache, u[0].c)->flags;

  if (normalizer->n_units == 1 && u[0].c < 0x80)
    {
      mapped_text_append (normalizer->out, u[0].c, u[0].offset, u[0].lookalike);
    }
  else if (normalizer->n_units == 1 && (flags & normalizer->stable_flag) != 0)
    {
      if (!normalizer->drop_marks || (flags & CHAR_NONSPACING) == 0)
        mapped_text_append (normalizer->out, u[0].c, u[0].offset, u[0].lookalike);
    }
  else
    {
      normalize_open_segment (normalizer);
    }

  normalizer->n_units = 0;
}

/* Adds C to the open segment, or closes the segment and opens one with C
 * when there is a normalisation boundary before C.  Every ASCII character
 * has one. */
static inline void
segment_normalizer_add (SegmentNormalizer *normalizer,
                        gunichar           c,
                        gsize              offset,
                        gboolean           lookalike)
{
  if (normalizer->n_units > 0
      && (c < 0x80 || char_has (normalizer->cache, c, normalizer->boundary_flag)))
    segment_normalizer_flush (normalizer);

  if (G_UNLIKELY (normalizer->n_units == normalizer->units_size))
    {
      normalizer->units_size *= 2;
      if (normalizer->units == normalizer->inline_units)
        normalizer->units = g_memdup2 (normalizer->inline_units,
                                       sizeof normalizer->inline_units);
      normalizer->units = g_renew (Unit, normalizer->units, normalizer->units_size);
    }
  normalizer->units[normalizer->n_units++] = (Unit) {
    .offset = offset,
    .c = c,
    .lookalike = lookalike,
  };
}

/* Adds N ASCII characters from SOURCE, lowered when LOWER is set, with
 * offsets as mapped_text_append_ascii() takes them.  N must be at least 1.
 * The last character stays open, because a mark after it may join its
 * segment. */
static void
segment_normalizer_add_ascii (SegmentNormalizer *normalizer,
                              const char        *source,
                              const guint32     *source_offsets,
                              gsize              first_offset,
                              gsize              n,
                              gboolean           lower)
{
  guchar last = (guchar) source[n - 1];

  segment_normalizer_flush (normalizer);
  mapped_text_append_ascii (normalizer->out, source, source_offsets, first_offset, n - 1, lower);
  segment_normalizer_add (normalizer, lower ? ascii_lower (last) : last,
                          source_offsets != NULL ? source_offsets[n - 1] : first_offset + n - 1,
                          FALSE);
}

/* HTML character references ------------------------------------------------ */

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

/* Parses one character reference starting at text[start] ('&').  Numeric
 * references may omit the final ';' as browsers allow; named ones need it.
 * Every byte of a reference is ASCII, so a byte from 0x80 ends it.
 * Returns the number of bytes consumed, or 0 when this is no reference. */
static gsize
parse_entity (const char *text,
              gsize       length,
              gsize       start,
              gunichar   *decoded,
              gunichar   *mark)
{
  const guchar *t = (const guchar *) text;
  char name[16];
  gsize i = start + 1;
  guint n = 0;

  *mark = 0;

  if (i < length && t[i] == '#')
    {
      gboolean hex = FALSE;
      guint64 value = 0;
      guint digits = 0;

      i++;
      if (i < length && (t[i] == 'x' || t[i] == 'X'))
        {
          hex = TRUE;
          i++;
        }

      while (i < length && digits < 8)
        {
          guchar c = t[i];
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
      if (i < length && t[i] == ';')
        i++;

      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        *decoded = 0xFFFD;
      else
        *decoded = (gunichar) value;

      return i - start;
    }

  while (i < length && n < sizeof name - 1 && t[i] < 0x80 && g_ascii_isalnum ((char) t[i]))
    name[n++] = (char) t[i++];
  name[n] = '\0';

  if (n == 0 || i >= length || t[i] != ';')
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

/* Reads the character at text[pos] with HTML character references decoded
 * (in every part, because bulk mailers put them into text/plain too).  An
 * invalid UTF-8 byte reads as U+FFFD.  *MARK is the combining mark that
 * follows the letter of a reference such as "&eacute;", or 0.  Returns the
 * index after the character or reference. */
static gsize
read_decoded_char (const char *text,
                   gsize       length,
                   gsize       pos,
                   gunichar   *c,
                   gunichar   *mark)
{
  guchar byte = (guchar) text[pos];

  *mark = 0;

  if (byte == '&')
    {
      gsize consumed = parse_entity (text, length, pos, c, mark);

      if (consumed > 0)
        return pos + consumed;

      *c = '&';
      return pos + 1;
    }

  if (byte < 0x80)
    {
      *c = byte;
      return pos + 1;
    }

  *c = g_utf8_get_char_validated (text + pos, (gssize) (length - pos));
  if (*c == (gunichar) -1 || *c == (gunichar) -2)
    {
      *c = 0xFFFD;
      return pos + 1;
    }

  return (gsize) (g_utf8_next_char (text + pos) - text);
}

/* Skips spaces, one line break and spaces in the original text from
 * text[start].  Returns the index after them, or START when there is no
 * line break. */
static gsize
skip_original_line_break (const char *text,
                          gsize       length,
                          gsize       start)
{
  gsize pos = start;
  gsize next;
  gunichar c;
  gunichar mark;

  while (pos < length)
    {
      next = read_decoded_char (text, length, pos, &c, &mark);
      if (!is_horizontal_space (c))
        break;
      pos = next;
    }

  if (pos >= length)
    return start;
  next = read_decoded_char (text, length, pos, &c, &mark);
  if (c != '\n')
    return start;
  pos = next;

  while (pos < length)
    {
      next = read_decoded_char (text, length, pos, &c, &mark);
      if (!is_horizontal_space (c))
        break;
      pos = next;
    }

  return pos;
}

/* Adds C to the NFKC stream unless it is a format character (General_Category
 * Cf: zero-width space and joiners, direction marks, the BOM) or another
 * default ignorable code point, such as the combining grapheme joiner and the
 * Hangul fillers, which mailers use as invisible padding.  No ASCII character
 * is one of them. */
static inline void
add_visible_char (SegmentNormalizer *nfkc,
                  gunichar           c,
                  gsize              offset)
{
  if (c >= 0x80 && char_has (nfkc->cache, c, CHAR_DROPPED))
    return;

  segment_normalizer_add (nfkc, c, offset, FALSE);
}

static inline gboolean
is_plain_original_byte (guchar byte)
{
  return byte < 0x80 && byte != '&';
}

/* Returns the index of the first byte in text[i .. length - 1] that is not
 * plain, or LENGTH. */
static inline gsize
find_original_end (const char *text,
                   gsize       i,
                   gsize       length)
{
  while (i + 8 <= length)
    {
      guint64 word = load_8_bytes (text + i);

      if ((word & BYTES_HIGH_BITS) != 0 || mark_byte (word, '&') != 0)
        break;
      i += 8;
    }
  while (i < length && is_plain_original_byte ((guchar) text[i]))
    i++;

  return i;
}

/* The first pass: decodes TEXT into OUT, with invalid UTF-8 bytes replaced
 * by U+FFFD one per byte, HTML character references decoded, format
 * characters and soft hyphens dropped, and NFKC.  A soft hyphen at the end
 * of a line marks a split word, so the line break after it goes too. */
static void
decode_text (const char *text,
             gsize       length,
             CharInfo   *cache,
             MappedText *out)
{
  SegmentNormalizer nfkc;
  gsize pos = 0;

  segment_normalizer_init (&nfkc, get_nfkc (), TRUE, FALSE, cache, out);

  while (pos < length)
    {
      gsize start = pos;
      gunichar c;
      gunichar mark;

      if (is_plain_original_byte ((guchar) text[pos]))
        {
          gsize end = find_original_end (text, pos + 1, length);

          segment_normalizer_add_ascii (&nfkc, text + pos, NULL, pos, end - pos, FALSE);
          pos = end;
          continue;
        }

      pos = read_decoded_char (text, length, pos, &c, &mark);
      if (c == 0x00AD)
        {
          pos = skip_original_line_break (text, length, pos);
          continue;
        }

      add_visible_char (&nfkc, c, start);
      if (mark != 0)
        add_visible_char (&nfkc, mark, start);
    }

  segment_normalizer_flush (&nfkc);
  segment_normalizer_clear (&nfkc);
}

/* Returns the number of characters other than '\r' in
 * text[start .. end - 1], valid UTF-8: the bytes that are neither '\r' nor
 * continuation bytes. */
static guint
count_line_width (const char *text,
                  gsize       start,
                  gsize       end)
{
  guint width = 0;
  gsize k = start;

  for (; k + 8 <= end; k += 8)
    {
      guint64 word = load_8_bytes (text + k);

      if ((word & BYTES_HIGH_BITS) == 0 && mark_byte (word, '\r') == 0)
        {
          width += 8;
          continue;
        }

      for (gsize b = k; b < k + 8; b++)
        if (((guchar) text[b] & 0xC0) != 0x80 && text[b] != '\r')
          width++;
    }

  for (; k < end; k++)
    if (((guchar) text[k] & 0xC0) != 0x80 && text[k] != '\r')
      width++;

  return width;
}

/* Line widths below this are counted in an array, the others in a hash
 * table. */
#define SMALL_WIDTHS 256

/* Returns the line length, in characters without '\r', at which the text was
 * wrapped at a fixed column regardless of word boundaries, or 0 when it was
 * not: such a wrap makes at least three lines, and most of the long lines,
 * exactly the same length. */
static guint
find_fixed_wrap_width (const char *text,
                       gsize       length)
{
  g_autoptr(GHashTable) counts = NULL;
  guint small_counts[SMALL_WIDTHS] = { 0 };
  guint long_lines = 0;
  guint best_width = 0;
  guint best_count = 0;

  /* Three lines of MIN_WRAPPED_LINE characters need at least this many
   * bytes. */
  if (length < 3 * MIN_WRAPPED_LINE)
    return 0;

  for (gsize start = 0; start < length;)
    {
      const char *newline = memchr (text + start, '\n', length - start);
      gsize end = newline != NULL ? (gsize) (newline - text) : length;
      guint width = 0;

      /* A line has no more characters than bytes. */
      if (end - start >= MIN_WRAPPED_LINE)
        width = count_line_width (text, start, end);

      if (width >= MIN_WRAPPED_LINE && width < SMALL_WIDTHS)
        {
          small_counts[width]++;
          long_lines++;
          if (small_counts[width] > best_count)
            {
              best_count = small_counts[width];
              best_width = width;
            }
        }
      else if (width >= MIN_WRAPPED_LINE)
        {
          guint count;

          if (counts == NULL)
            counts = g_hash_table_new (NULL, NULL);
          count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (width))) + 1;
          g_hash_table_insert (counts, GUINT_TO_POINTER (width), GUINT_TO_POINTER (count));
          long_lines++;
          if (count > best_count)
            {
              best_count = count;
              best_width = width;
            }
        }

      start = end + 1;
    }

  /* Only a width that has more than half of the long lines is returned, so
   * which of two equally frequent widths is kept cannot change the result. */

  if (best_count >= 3 && best_count * 2 > long_lines)
    return best_width;

  return 0;
}

/* Returns the index after the horizontal spaces (' ', '\t', '\r' and
 * U+00A0) that start at text[i]. */
static gsize
skip_horizontal_space (const char *text,
                       gsize       length,
                       gsize       i)
{
  while (i < length)
    {
      guchar byte = (guchar) text[i];

      if (byte == ' ' || byte == '\t' || byte == '\r')
        i++;
      else if (byte == 0xC2 && i + 1 < length && (guchar) text[i + 1] == 0xA0)
        i += 2;
      else
        break;
    }

  return i;
}

/* Skips spaces, one line break and spaces from text[i]; returns the index
 * after them, or I when there is no line break. */
static gsize
skip_line_break (const char *text,
                 gsize       length,
                 gsize       i)
{
  gsize j = skip_horizontal_space (text, length, i);

  if (j >= length || text[j] != '\n')
    return i;

  return skip_horizontal_space (text, length, j + 1);
}

/* Returns TRUE for the letters of the Turkish alphabet that no other
 * language with rules uses: ğ, ş or a capital dotted İ. */
static inline gboolean
is_turkish_letter (gunichar c)
{
  switch (c)
    {
    case 0x011E: case 0x011F: /* Ğ ğ */
    case 0x015E: case 0x015F: /* Ş ş */
    case 0x0130:              /* İ */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Receives the output of join_lines(): turns every run of white space into
 * one space at the offset of the run's first character, trims both ends,
 * and writes the result to NORMALIZED, without offsets.  When folding, it
 * also passes the result on to STRIP, an NFKD that drops nonspacing
 * marks. */
typedef struct
{
  MappedText        *normalized;
  SegmentNormalizer *strip;          /* NULL when only normalising */
  CharInfo          *cache;
  gboolean           pending_space;
  gsize              space_offset;
  gboolean           turkish;        /* a letter that only Turkish uses was written */
} NormalizedWriter;

static inline void
normalized_writer_append (NormalizedWriter *writer,
                          gunichar          c,
                          gsize             offset)
{
  mapped_text_append (writer->normalized, c, offset, FALSE);
  if (writer->strip != NULL)
    segment_normalizer_add (writer->strip, c, offset, FALSE);
}

/* Writes the space that stands for a run of white space, unless the run
 * was at the start. */
static inline void
normalized_writer_end_space (NormalizedWriter *writer)
{
  if (writer->pending_space && writer->normalized->length > 0)
    normalized_writer_append (writer, ' ', writer->space_offset);
  writer->pending_space = FALSE;
}

static inline void
normalized_writer_add (NormalizedWriter *writer,
                       gunichar          c,
                       gsize             offset)
{
  gboolean space;

  if (c < 0x80)
    space = is_ascii_space ((guchar) c);
  else
    space = char_has (writer->cache, c, CHAR_SPACE);

  if (space)
    {
      if (!writer->pending_space)
        writer->space_offset = offset;
      writer->pending_space = TRUE;
      return;
    }

  normalized_writer_end_space (writer);
  writer->turkish |= is_turkish_letter (c);
  normalized_writer_append (writer, c, offset);
}

/* Adds N bytes of ASCII that need no collapsing: no white space but single
 * spaces between other bytes.  Their offsets are as
 * mapped_text_append_ascii() takes them. */
static void
normalized_writer_add_ascii (NormalizedWriter *writer,
                             const char       *source,
                             const guint32    *source_offsets,
                             gsize             first_offset,
                             gsize             n)
{
  normalized_writer_end_space (writer);
  mapped_text_append_ascii (writer->normalized, source, NULL, 0, n, FALSE);
  if (writer->strip != NULL)
    segment_normalizer_add_ascii (writer->strip, source, source_offsets, first_offset, n, FALSE);
}

/* Bytes that join_lines() copies as they are: ASCII other than white space
 * and '-'. */
static inline gboolean
is_plain_line_byte (guchar byte)
{
  return byte < 0x80 && byte != '-' && !is_ascii_space (byte);
}

/* Returns TRUE when join_lines() copies the 8 bytes of WORD as they are,
 * after a plain byte: each is plain or a space followed by a plain byte. */
static inline gboolean
is_plain_line_word (guint64 word)
{
  /* For an ASCII byte b, (b | 0x80) - n keeps its high bit when b >= n. */
  guint64 high = word | BYTES_HIGH_BITS;
  guint64 control_space = (high - BYTES_ONES * '\t') & ~(high - BYTES_ONES * ('\r' + 1));
  guint64 other = (word & BYTES_HIGH_BITS) | mark_byte (word, '-')
                  | (control_space & BYTES_HIGH_BITS);
  guint64 spaces = mark_byte (word, ' ');

  return other == 0 && ((spaces >> 8) & spaces) == 0 && (spaces >> 56) == 0;
}

/* The second pass: joins words split across lines in the two cases that are
 * clearly splits, and collapses white space.  The first case is a letter, a
 * hyphen and a line break followed by a lowercase letter ("pass-\nword").
 * The second is a text wrapped at a fixed column regardless of words, where
 * a full-width line ends in a letter and the next line starts with one.
 * Returns TRUE when the result has a letter that only Turkish uses. */
static gboolean
join_lines (const MappedText  *in,
            CharInfo          *cache,
            MappedText        *normalized,
            SegmentNormalizer *strip)
{
  const char *t = in->text;
  gsize length = in->length;
  guint wrap_width = find_fixed_wrap_width (t, length);
  guint line_width = 0;
  NormalizedWriter writer = { .normalized = normalized, .strip = strip, .cache = cache };
  gsize i = 0;

  if (wrap_width > 0)
    g_debug ("Text wrapped at a fixed column of %u characters", wrap_width);

  while (i < length)
    {
      guchar byte = (guchar) t[i];
      gsize offset = in->short_offsets != NULL ? in->short_offsets[i] : i;
      gunichar c;
      gsize next;

      if (is_plain_line_byte (byte))
        {
          gsize end = i + 1;

          /* A single space between plain bytes stays as it is, so it is
           * copied with them. */
          while (end + 8 <= length && is_plain_line_word (load_8_bytes (t + end)))
            end += 8;
          while (end < length)
            {
              if (is_plain_line_byte ((guchar) t[end]))
                end++;
              else if (t[end] == ' ' && end + 1 < length && is_plain_line_byte ((guchar) t[end + 1]))
                end += 2;
              else
                break;
            }

          normalized_writer_add_ascii (&writer, t + i,
                                       in->short_offsets != NULL ? in->short_offsets + i : NULL,
                                       i, end - i);
          line_width += (guint) (end - i);
          i = end;
          continue;
        }

      if (byte == '-' && i > 0 && is_letter (cache, get_char_before (t, i)))
        {
          gsize after = skip_line_break (t, length, i + 1);

          if (after != i + 1 && after < length)
            {
              gunichar first = get_char_at (t, after, &next);

              if (first < 0x80 ? (first >= 'a' && first <= 'z') : char_has (cache, first, CHAR_LOWER))
                {
                  i = after;
                  line_width = 0;
                  continue;
                }
            }
        }

      if (byte == '\r' && i + 1 < length && t[i + 1] == '\n')
        {
          i++;
          continue;
        }

      if (byte == '\n')
        {
          if (wrap_width > 0 && line_width == wrap_width
              && i > 0 && is_letter (cache, get_char_before (t, i))
              && i + 1 < length && is_letter (cache, get_char_at (t, i + 1, &next)))
            {
              i++;
              line_width = 0;
              continue;
            }

          line_width = 0;
          normalized_writer_add (&writer, '\n', offset);
          i++;
          continue;
        }

      line_width++;
      c = get_char_at (t, i, &next);
      normalized_writer_add (&writer, c, offset);
      i = next;
    }

  return writer.turkish;
}

/* Returns TRUE when TEXT has no byte that decode_text() changes: no byte
 * from 0x80 and no '&'. */
static gboolean
is_plain_original (const char *text,
                   gsize       length)
{
  return find_original_end (text, 0, length) == length;
}

/* Runs the first two passes over TEXT: writes the normalised text to
 * NORMALIZED, which the caller has set up, and passes it on to STRIP when
 * that is not NULL.  Returns TRUE when the normalised text has a letter that
 * only Turkish uses. */
static gboolean
normalize_into (const char        *text,
                gsize              length,
                CharInfo          *cache,
                MappedText        *normalized,
                SegmentNormalizer *strip)
{
  MappedText decoded = { 0 };
  gboolean turkish;

  if (is_plain_original (text, length))
    {
      /* decode_text() would copy the text as it is. */
      decoded.text = (char *) text;
      decoded.length = length;
      return join_lines (&decoded, cache, normalized, strip);
    }

  /* Character references make the text shorter and few characters grow
   * under NFKC, so the buffer seldom grows. */
  mapped_text_init (&decoded, length + length / 16,
                    strip != NULL ? OFFSETS_SHORT : OFFSETS_NONE, FALSE);
  decode_text (text, length, cache, &decoded);
  turkish = join_lines (&decoded, cache, normalized, strip);
  mapped_text_clear (&decoded);

  return turkish;
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

/* Folding ------------------------------------------------------------------ */

typedef enum
{
  WORD_NEUTRAL,          /* digits only */
  WORD_LATIN,            /* has a real Latin letter */
  WORD_LOOKALIKE_ONLY,   /* every letter imitates a Latin one: "οn" in Greek */
  WORD_OTHER,            /* has a letter of another script that imitates nothing */
} WordClass;

/* The state of the third pass, which maps look-alike letters, folds case
 * and removes marks again. */
typedef struct
{
  const char        *text;
  gsize              length;
  const guint32     *offsets;
  CharInfo          *cache;
  gboolean           turkish;
  SegmentNormalizer  nfkd;
  gboolean           mapped_any;

  WordClass          class_before;   /* nearest Latin or other word before */
  gsize              ahead_start;    /* start of the nearest Latin or other word found ahead, or length */
  WordClass          ahead_class;
  gboolean           ahead_known;
} WordFolder;

/* Returns the index after the word that starts at text[start]: words are
 * runs of letters and digits. */
static gsize
find_word_end (WordFolder *folder,
               gsize       start)
{
  gsize i = start;

  while (i < folder->length)
    {
      gsize next;
      gunichar c = get_char_at (folder->text, i, &next);

      if (!is_word_character (folder->cache, c))
        break;
      i = next;
    }

  return i;
}

static WordClass
classify_word (WordFolder *folder,
               gsize       start,
               gsize       end)
{
  gboolean has_letter = FALSE;
  gboolean has_latin = FALSE;
  gboolean has_other = FALSE;

  for (gsize i = start; i < end;)
    {
      gsize next;
      gunichar c = get_char_at (folder->text, i, &next);
      const CharInfo *info;
      gboolean mapped;

      i = next;
      if (!is_letter (folder->cache, c))
        continue;
      has_letter = TRUE;

      if (c < 0x80)
        {
          has_latin = TRUE;
          continue;
        }

      info = get_char_info (folder->cache, c);
      mapped = info->latin != 0;
      if ((info->flags & CHAR_LATIN_SCRIPT) != 0 && !mapped)
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

/* Returns the class of the nearest word from text[from] on that is neither
 * digits nor look-alikes only, or WORD_NEUTRAL when there is none.  FROM
 * must not decrease between calls, so the result is kept until the main
 * loop passes that word. */
static WordClass
find_class_ahead (WordFolder *folder,
                  gsize       from)
{
  gsize i = from;

  if (folder->ahead_known && folder->ahead_start >= from)
    return folder->ahead_class;

  folder->ahead_known = TRUE;
  folder->ahead_start = folder->length;
  folder->ahead_class = WORD_NEUTRAL;

  while (i < folder->length)
    {
      gsize next;
      gunichar c = get_char_at (folder->text, i, &next);
      gsize end;
      WordClass word_class;

      if (!is_word_character (folder->cache, c))
        {
          i = next;
          continue;
        }

      end = find_word_end (folder, i);
      word_class = classify_word (folder, i, end);
      if (word_class == WORD_LATIN || word_class == WORD_OTHER)
        {
          folder->ahead_start = i;
          folder->ahead_class = word_class;
          break;
        }
      i = end;
    }

  return folder->ahead_class;
}

static gboolean
should_map_word (WordFolder *folder,
                 WordClass   word_class,
                 gsize       end)
{
  WordClass before;
  WordClass after;

  if (word_class == WORD_LATIN)
    return TRUE;
  if (word_class != WORD_LOOKALIKE_ONLY)
    return FALSE;

  /* A word made only of look-alikes ("уοս" in Cyrillic and Greek) is
   * disguised when the words around it are Latin.  In Russian or Greek text
   * its neighbours have letters that imitate nothing, so it is kept. */
  before = folder->class_before;
  after = find_class_ahead (folder, end);

  return before != WORD_OTHER && after != WORD_OTHER
         && (before == WORD_LATIN || after == WORD_LATIN);
}

/* Returns TRUE when the only look-alike letters of the word are dotless ı,
 * which Turkish writes as a letter of its own ("nasıl", "alınır"). */
static gboolean
has_only_dotless_lookalikes (WordFolder *folder,
                             WordClass   word_class,
                             gsize       start,
                             gsize       end)
{
  if (word_class != WORD_LATIN)
    return FALSE;

  for (gsize i = start; i < end;)
    {
      gsize next;
      gunichar c = get_char_at (folder->text, i, &next);

      if (c >= 0x80 && c != DOTLESS_I && get_char_info (folder->cache, c)->latin != 0)
        return FALSE;
      i = next;
    }

  return TRUE;
}

/* Folds the case of C and passes the result on to NFKD.  Case folding can
 * bring marks back (U+0390 folds to ι with two marks). */
static void
fold_char (WordFolder *folder,
           gunichar    c,
           gsize       offset,
           gboolean    lookalike)
{
  const CharInfo *info;
  UChar source[2];
  UChar result[8];
  int32_t source_length = 0;
  int32_t result_length;
  UErrorCode status = U_ZERO_ERROR;

  if (c < 0x80)
    {
      segment_normalizer_add (&folder->nfkd, ascii_lower ((guchar) c), offset, lookalike);
      return;
    }

  info = get_char_info (folder->cache, c);
  if ((info->flags & CHAR_SINGLE_FOLD) != 0)
    {
      segment_normalizer_add (&folder->nfkd, info->folded, offset, lookalike);
      return;
    }

  U16_APPEND_UNSAFE (source, source_length, c);
  result_length = u_strFoldCase (result, G_N_ELEMENTS (result), source, source_length,
                                 U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE (status))
    {
      segment_normalizer_add (&folder->nfkd, c, offset, lookalike);
      return;
    }

  for (int32_t k = 0; k < result_length;)
    {
      UChar32 folded;

      U16_NEXT (result, k, result_length, folded);
      segment_normalizer_add (&folder->nfkd, (gunichar) folded, offset, lookalike);
    }
}

/* Returns the letter of SCRIPT that the basic Latin letter C imitates, or 0.
 * Scams also write Russian, Ukrainian, Bulgarian or Greek words with some
 * Latin letters ("хaкер" with a Latin a), the reverse of "pаypal". */
static gunichar
latin_to_script (gunichar    c,
                 UScriptCode script)
{
  static const char latin[] = "aAeEoOpPcCxXyYkKmMTHBiIjs";
  static const gunichar cyrillic[] = {
    0x0430, 0x0410, 0x0435, 0x0415, 0x043E, 0x041E, 0x0440, 0x0420, 0x0441, 0x0421,
    0x0445, 0x0425, 0x0443, 0x0423, 0x043A, 0x041A, 0x043C, 0x041C, 0x0422, 0x041D,
    0x0412, 0x0456, 0x0406, 0x0458, 0x0455,
  };
  static const char greek_latin[] = "aAeEoOpPxXyYkKMNTHBiIuvZ";
  static const gunichar greek[] = {
    0x03B1, 0x0391, 0x03B5, 0x0395, 0x03BF, 0x039F, 0x03C1, 0x03A1, 0x03C7, 0x03A7,
    0x03B3, 0x03A5, 0x03BA, 0x039A, 0x039C, 0x039D, 0x03A4, 0x0397, 0x0392, 0x03B9,
    0x0399, 0x03C5, 0x03BD, 0x0396,
  };
  const char *found;

  if (c >= 0x80 || c == 0)
    return 0;

  if (script == USCRIPT_CYRILLIC)
    {
      found = strchr (latin, (int) c);
      return found != NULL ? cyrillic[found - latin] : 0;
    }
  if (script == USCRIPT_GREEK)
    {
      found = strchr (greek_latin, (int) c);
      return found != NULL ? greek[found - greek_latin] : 0;
    }

  return 0;
}

/* Returns USCRIPT_CYRILLIC or USCRIPT_GREEK when the word from START to END
 * has basic Latin letters among letters of that script and is a word of that
 * script.  It is one when it has a letter that imitates no Latin one ("д",
 * "λ"), or when a neighbouring word has such a letter.  Returns
 * USCRIPT_INVALID_CODE otherwise. */
static UScriptCode
find_disguised_script (WordFolder *folder,
                       gsize       start,
                       gsize       end)
{
  UScriptCode script = USCRIPT_INVALID_CODE;
  gboolean has_ascii = FALSE;
  gboolean has_other = FALSE;

  for (gsize i = start; i < end;)
    {
      gsize next;
      gunichar c = get_char_at (folder->text, i, &next);
      const CharInfo *info;
      UErrorCode status = U_ZERO_ERROR;
      UScriptCode letter_script;

      i = next;
      if (c < 0x80)
        {
          has_ascii = has_ascii || g_ascii_isalpha ((char) c);
          continue;
        }
      if (!is_letter (folder->cache, c))
        continue;

      info = get_char_info (folder->cache, c);
      if ((info->flags & CHAR_LATIN_SCRIPT) != 0)
        return USCRIPT_INVALID_CODE;

      letter_script = uscript_getScript ((UChar32) c, &status);
      if (U_FAILURE (status)
          || (letter_script != USCRIPT_CYRILLIC && letter_script != USCRIPT_GREEK)
          || (script != USCRIPT_INVALID_CODE && letter_script != script))
        return USCRIPT_INVALID_CODE;

      script = letter_script;
      if (info->latin == 0)
        has_other = TRUE;
    }

  if (!has_ascii || script == USCRIPT_INVALID_CODE)
    return USCRIPT_INVALID_CODE;

  if (has_other || folder->class_before == WORD_OTHER || find_class_ahead (folder, end) == WORD_OTHER)
    return script;

  return USCRIPT_INVALID_CODE;
}

/* Maps look-alike letters to the Latin letter they imitate inside words that
 * also have a real Latin letter ("pаypal" with a Cyrillic а), and in words of
 * look-alikes only between Latin words.  Rare Latin look-alikes (ɑ, ı) are
 * Latin already and are mapped in every word.  Words in Russian or Greek
 * text are kept.  When the text has a Turkish letter, a dotless ı in an
 * otherwise Latin word is folded to i without being marked as a look-alike,
 * because Turkish spells with it.  Then folds the case of the word. */
static void
fold_word (WordFolder *folder,
           gsize       start,
           gsize       end)
{
  WordClass word_class = classify_word (folder, start, end);
  UScriptCode disguised_script = word_class == WORD_LATIN
                                 ? find_disguised_script (folder, start, end)
                                 : USCRIPT_INVALID_CODE;
  gboolean map_word = disguised_script == USCRIPT_INVALID_CODE
                      && should_map_word (folder, word_class, end);
  gboolean turkish_word = folder->turkish
                          && has_only_dotless_lookalikes (folder, word_class, start, end);

  for (gsize i = start; i < end;)
    {
      gsize next;
      gunichar c = get_char_at (folder->text, i, &next);
      gboolean lookalike = FALSE;

      if (disguised_script != USCRIPT_INVALID_CODE)
        {
          gunichar original = latin_to_script (c, disguised_script);

          if (original != 0)
            {
              c = original;
              lookalike = TRUE;
              folder->mapped_any = TRUE;
            }
        }
      else if (c >= 0x80)
        {
          const CharInfo *info = get_char_info (folder->cache, c);

          if (turkish_word && c == DOTLESS_I)
            {
              c = 'i';
            }
          else if (info->latin != 0
                   && (map_word || (info->flags & CHAR_LATIN_SCRIPT) != 0))
            {
              c = info->latin;
              lookalike = TRUE;
              folder->mapped_any = TRUE;
            }
        }

      fold_char (folder, c, folder->offsets[i], lookalike);
      i = next;
    }

  if (disguised_script != USCRIPT_INVALID_CODE)
    folder->class_before = WORD_OTHER;
  else if (word_class == WORD_LATIN || word_class == WORD_OTHER)
    folder->class_before = word_class;
}

/* Returns TRUE when text[start .. end - 1], ASCII, has a letter. */
static gboolean
has_ascii_letter (const char *text,
                  gsize       start,
                  gsize       end)
{
  for (gsize i = end; i > start; i--)
    if (g_ascii_isalpha (text[i - 1]))
      return TRUE;

  return FALSE;
}

/* Runs the third pass over IN into OUT.  Returns TRUE when a look-alike
 * letter was mapped. */
static gboolean
fold_words (const MappedText *in,
            gboolean          turkish,
            CharInfo         *cache,
            MappedText       *out)
{
  WordFolder folder = {
    .text = in->text,
    .length = in->length,
    .offsets = in->short_offsets,
    .cache = cache,
    .turkish = turkish,
    .class_before = WORD_NEUTRAL,
  };
  const char *t = in->text;
  gsize i = 0;

  segment_normalizer_init (&folder.nfkd, get_nfkd (), FALSE, TRUE, cache, out);

  while (i < in->length)
    {
      gsize next;
      gunichar c;

      if ((guchar) t[i] < 0x80)
        {
          gsize end = find_non_ascii (t, i + 1, in->length);

          /* A word at the end of the run may go on with non-ASCII letters,
           * so fold_word() takes it. */
          if (end < in->length)
            {
              while (end > i && g_ascii_isalnum (t[end - 1]))
                end--;
            }

          if (end > i)
            {
              /* Every word of the run is ASCII, so a letter makes it Latin. */
              if (has_ascii_letter (t, i, end))
                folder.class_before = WORD_LATIN;
              segment_normalizer_add_ascii (&folder.nfkd, t + i, folder.offsets + i, 0, end - i,
                                            TRUE);
              i = end;
              continue;
            }
        }
      else
        {
          c = get_char_at (t, i, &next);
          if (!is_word_character (cache, c))
            {
              fold_char (&folder, c, folder.offsets[i], FALSE);
              i = next;
              continue;
            }
        }

      next = find_word_end (&folder, i);
      fold_word (&folder, i, next);
      i = next;
    }

  segment_normalizer_flush (&folder.nfkd);
  segment_normalizer_clear (&folder.nfkd);

  return folder.mapped_any;
}

/* Public functions ---------------------------------------------------------- */

/**
 * hdr_normalize_text:
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
hdr_normalize_text (const char *text,
                    gssize      length)
{
  MappedText normalized;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (text);

  mapped_text_init (&normalized, (gsize) length, OFFSETS_NONE, FALSE);
  normalize_into (text, (gsize) length, get_char_cache (), &normalized, NULL);
  mapped_text_finish (&normalized, (gsize) length);

  return normalized.text;
}

/**
 * hdr_fold_text:
 * @text: UTF-8 text; invalid bytes are replaced
 * @length: bytes in @text, at most G_MAXUINT32, or -1 when it is
 *   nul-terminated
 *
 * Folds @text for rule matching: hdr_normalize_text(), then diacritics
 * removed, look-alike letters inside otherwise Latin words mapped to the
 * Latin letter they imitate, and case folded.  The result keeps the offset
 * of the original character behind every byte.
 *
 * Returns: (transfer full): the folded text, free with hdr_folded_free()
 */
HdrFolded *
hdr_fold_text (const char *text,
               gssize      length)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  return hdr_fold_and_normalize_text (text, length, NULL);
}

/**
 * hdr_fold_and_normalize_text:
 * @text: UTF-8 text; invalid bytes are replaced
 * @length: bytes in @text, at most G_MAXUINT32, or -1 when it is
 *   nul-terminated
 * @normalized: (out) (optional): return location for hdr_normalize_text()
 *   of @text
 *
 * Does the work of hdr_fold_text() and hdr_normalize_text() at once: the
 * normalised text is the first half of folding.
 *
 * Returns: (transfer full): the folded text, free with hdr_folded_free()
 */
HdrFolded *
hdr_fold_and_normalize_text (const char  *text,
                             gssize       length,
                             char       **normalized)
{
  CharInfo *cache = get_char_cache ();
  MappedText normalized_text;
  MappedText stripped;
  MappedText folded_text;
  SegmentNormalizer strip;
  HdrFolded *folded;
  gboolean turkish;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  g_return_val_if_fail ((gsize) length <= G_MAXUINT32, NULL);

  /* The buffers start a sixteenth longer than the text.  NFKC, NFKD and
   * case folding seldom make a text longer ("ﬁ" to "fi", ß to "ss"), and the
   * buffers grow when they do. */
  mapped_text_init (&normalized_text, (gsize) length, OFFSETS_NONE, FALSE);
  mapped_text_init (&stripped, (gsize) length + (gsize) length / 16, OFFSETS_SHORT, FALSE);
  segment_normalizer_init (&strip, get_nfkd (), FALSE, TRUE, cache, &stripped);
  turkish = normalize_into (text, (gsize) length, cache, &normalized_text, &strip);
  segment_normalizer_flush (&strip);
  segment_normalizer_clear (&strip);

  if (normalized != NULL)
    {
      mapped_text_finish (&normalized_text, (gsize) length);
      *normalized = g_steal_pointer (&normalized_text.text);
    }
  mapped_text_clear (&normalized_text);

  folded = g_new0 (HdrFolded, 1);
  mapped_text_init (&folded_text, stripped.length + stripped.length / 16, OFFSETS_FULL, TRUE);
  folded->unmasked = fold_words (&stripped, turkish, cache, &folded_text);
  mapped_text_clear (&stripped);

  mapped_text_finish (&folded_text, (gsize) length);
  folded->text = folded_text.text;
  folded->length = folded_text.length;
  folded->offsets = folded_text.offsets;
  folded->lookalike = folded_text.lookalike;

  return folded;
}

void
hdr_folded_free (HdrFolded *folded)
{
  if (folded == NULL)
    return;

  g_free (folded->text);
  g_free (folded->offsets);
  g_free (folded->lookalike);
  g_free (folded);
}

/**
 * hdr_folded_span_has_lookalike:
 * @folded: a folded text
 * @start: first byte of the span in the folded text
 * @end: byte after the span
 *
 * Returns: whether a byte of the span comes from a mapped look-alike letter
 */
gboolean
hdr_folded_span_has_lookalike (const HdrFolded *folded,
                               gsize            start,
                               gsize            end)
{
  g_return_val_if_fail (folded != NULL, FALSE);
  g_return_val_if_fail (start <= end && end <= folded->length, FALSE);

  for (gsize i = start; i < end; i++)
    if (folded->lookalike[i])
      return TRUE;

  return FALSE;
}

/* Escapes whose letter must keep its case: \d and \D, \b and \B differ. */
static gsize
copy_escape (GString    *out,
             const char *pattern)
{
  const char *p = pattern + 1;

  g_assert (pattern[0] == '\\');

  if (*p == '\0')
    {
      g_string_append_c (out, '\\');
      return 1;
    }

  p = g_utf8_next_char (p);

  /* \p{L}, \x{41}, \g{1}, \k{name}, \N{U+41} carry a braced argument. */
  if (strchr ("pPxgkNo", pattern[1]) != NULL && *p == '{')
    {
      const char *close = strchr (p, '}');

      if (close != NULL)
        p = close + 1;
    }

  g_string_append_len (out, pattern, p - pattern);
  return (gsize) (p - pattern);
}

/* Folded forms of the non-ASCII characters of rule patterns, each folded
 * alone, by code point.  The bundled patterns have 49,136 non-ASCII
 * characters but only 1,389 different ones, and each hdr_fold_text() call
 * costs thousands of instructions. */
static GHashTable *pattern_chars;
G_LOCK_DEFINE_STATIC (pattern_chars);

/* Appends to OUT the folded form of the one character at CHARACTER, LENGTH
 * bytes, as hdr_fold_text() gives it. */
static void
append_folded_pattern_char (GString    *out,
                            const char *character,
                            gsize       length)
{
  gunichar c = g_utf8_get_char_validated (character, (gssize) length);
  const char *cached;

  /* Invalid UTF-8 is folded each time, to the replacement character. */
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      g_autoptr(HdrFolded) folded = hdr_fold_text (character, (gssize) length);

      g_string_append_len (out, folded->text, (gssize) folded->length);
      return;
    }

  G_LOCK (pattern_chars);

  if (pattern_chars == NULL)
    pattern_chars = g_hash_table_new (NULL, NULL);

  cached = g_hash_table_lookup (pattern_chars, GUINT_TO_POINTER (c));
  if (cached == NULL)
    {
      g_autoptr(HdrFolded) folded = hdr_fold_text (character, (gssize) length);

      cached = g_strndup (folded->text, folded->length);
      g_hash_table_insert (pattern_chars, GUINT_TO_POINTER (c), (gpointer) cached);
    }
  g_string_append (out, cached);

  G_UNLOCK (pattern_chars);
}

/**
 * hdr_fold_pattern:
 * @pattern: a PCRE2 pattern in UTF-8
 *
 * Folds the literal characters of @pattern as hdr_fold_text() folds text
 * (case folded, diacritics removed), leaving escapes such as `\B`, `\S` or
 * `\p{Lu}` as written.  Look-alike letters of other scripts are not mapped,
 * because patterns are written with real letters.
 *
 * NOTE: a literal that folds to two letters (ß to "ss") inside a character
 * class becomes two class members; write such classes as alternations.
 *
 * Returns: (transfer full): the folded pattern
 */
char *
hdr_fold_pattern (const char *pattern)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (pattern != NULL, NULL);

  out = g_string_sized_new (strlen (pattern) + 1);
  p = pattern;

  while (*p != '\0')
    {
      const char *next;

      if (*p == '\\')
        {
          p += copy_escape (out, p);
          continue;
        }

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          p++;
          continue;
        }

      next = g_utf8_find_next_char (p, NULL);
      append_folded_pattern_char (out, p, (gsize) (next - p));
      p = next;
    }

  return g_string_free (out, FALSE);
}
