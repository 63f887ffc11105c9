/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Compares hdr_fold_and_normalize_text(), hdr_fold_text() and
 * hdr_normalize_text() with the reference implementation in
 * normalize-reference.c: the folded text, its offsets and look-alike flags
 * and the normalised text must be the same byte for byte.  The inputs are
 * the fixtures, the sample messages and generated texts. */

#include <glib.h>
#include <string.h>

#include "hdr-html.h"
#include "hdr-message.h"
#include "hdr-normalize.h"
#include "normalize-reference.h"

/* Random texts per seed of /normalize-reference/generated. */
#define GENERATED_TEXTS 3000

/* Wrapped texts of /normalize-reference/wrapped. */
#define WRAPPED_TEXTS 300

static void
assert_same_normalized (const char *label,
                        const char *what,
                        const char *expected,
                        const char *normalized)
{
  if (strcmp (expected, normalized) != 0)
    g_test_message ("%s: %s differs from the reference", label, what);
  g_assert_cmpstr (normalized, ==, expected);
}

static void
assert_same_folded (const char      *label,
                    const HdrFolded *expected,
                    const HdrFolded *folded)
{
  if (expected->length != folded->length
      || memcmp (expected->text, folded->text, expected->length + 1) != 0)
    g_test_message ("%s: the folded text differs from the reference", label);
  g_assert_cmpuint (folded->length, ==, expected->length);
  g_assert_cmpmem (folded->text, folded->length + 1, expected->text, expected->length + 1);

  for (gsize i = 0; i <= expected->length; i++)
    {
      if (folded->offsets[i] != expected->offsets[i])
        g_test_message ("%s: the offset of folded byte %" G_GSIZE_FORMAT " differs", label, i);
      g_assert_cmpuint (folded->offsets[i], ==, expected->offsets[i]);

      if (folded->lookalike[i] != expected->lookalike[i])
        g_test_message ("%s: the look-alike flag of folded byte %" G_GSIZE_FORMAT " differs",
                        label, i);
      g_assert_cmpuint (folded->lookalike[i], ==, expected->lookalike[i]);
    }

  if (folded->unmasked != expected->unmasked)
    g_test_message ("%s: unmasked differs from the reference", label);
  g_assert_cmpint (folded->unmasked, ==, expected->unmasked);
}

/* Checks TEXT with its length and, when it has no nul byte inside, as a
 * nul-terminated string too. */
static void
assert_same_as_reference (const char *text,
                          gsize       length,
                          const char *label)
{
  g_autofree char *expected_normalized = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *normalized_alone = NULL;
  g_autoptr(HdrFolded) expected = NULL;
  g_autoptr(HdrFolded) folded = NULL;
  g_autoptr(HdrFolded) folded_alone = NULL;

  expected = reference_fold_and_normalize_text (text, (gssize) length, &expected_normalized);
  folded = hdr_fold_and_normalize_text (text, (gssize) length, &normalized);
  folded_alone = hdr_fold_text (text, (gssize) length);
  normalized_alone = hdr_normalize_text (text, (gssize) length);

  assert_same_normalized (label, "the normalised text", expected_normalized, normalized);
  assert_same_normalized (label, "hdr_normalize_text()", expected_normalized, normalized_alone);
  assert_same_folded (label, expected, folded);
  assert_same_folded (label, expected, folded_alone);

  if (memchr (text, '\0', length) == NULL && text[length] == '\0')
    {
      g_autoptr(HdrFolded) folded_string = hdr_fold_text (text, -1);

      assert_same_folded (label, expected, folded_string);
    }
}

/* Checks the whole file, and for a message each decoded text part, the
 * visible and hidden text of each HTML part and each decoded header. */
static void
check_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HdrMessage) message = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *parts;
  GPtrArray *headers;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  assert_same_as_reference (contents, length, path);

  if (!g_str_has_suffix (path, ".eml"))
    return;

  bytes = g_bytes_new (contents, length);
  message = hdr_message_new_from_bytes (bytes, path, &error);
  if (message == NULL)
    return;

  parts = hdr_message_get_text_parts (message);
  for (guint i = 0; i < parts->len; i++)
    {
      const HdrTextPart *part = g_ptr_array_index (parts, i);
      g_autofree char *label = g_strdup_printf ("%s, part %u", path, i);

      assert_same_as_reference (part->text, strlen (part->text), label);

      if (part->is_html)
        {
          g_autoptr(HdrHtmlText) html = hdr_html_extract (part->text, -1);

          assert_same_as_reference (html->visible_text, strlen (html->visible_text), label);
          if (html->hidden_text != NULL)
            assert_same_as_reference (html->hidden_text, strlen (html->hidden_text), label);
        }
    }

  headers = hdr_message_get_headers (message);
  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);
      g_autofree char *label = g_strdup_printf ("%s, field %s", path, header->name);

      assert_same_as_reference (header->decoded, strlen (header->decoded), label);
    }
}

static void
check_folder (const char *path,
              guint      *n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          check_folder (child, n_files);
        }
      else if (g_str_has_suffix (child, ".eml") || g_str_has_suffix (child, ".html")
               || g_str_has_suffix (child, ".txt"))
        {
          check_file (child);
          (*n_files)++;
        }
    }
}

static void
test_reference_fixtures (void)
{
  g_autofree char *fixtures = g_build_filename (TEST_DATA_DIR, "fixtures", NULL);
  g_autofree char *samples = g_build_filename (TEST_DATA_DIR, "..", "data", "samples", NULL);
  guint n_files = 0;

  check_folder (fixtures, &n_files);
  check_folder (samples, &n_files);
  g_test_message ("%u files compared", n_files);
  g_assert_cmpuint (n_files, >, 100);
}

/* Pieces that generated texts are made of: what each pass treats in a
 * special way, and the look-alike letters, marks and scripts of mail. */
static const char * const pieces[] = {
  /* ASCII letters, words, digits and white space */
  "a", "A", "z", "Z", "0", "9", "pass", "word", "Word", "WORD", " ", "  ", "\t", "\r",
  "\n", "\r\n", "\n\n", ".", ",", "!", "?", "'", "\"", "<", ">", ";", "#", "x", "X",
  "0123456789012345678901234567890123456789", "abcdefghijklmnopqrstuvwxyzabcdefghijklmn",
  /* hyphens before line breaks */
  "-", "-\n", "- \r\n  ", "-\xc2\xa0\n",
  /* character references, valid, invalid and cut off */
  "&", "&amp;", "&amp", "&lt;", "&nbsp;", "&shy;", "&shy;\n", "&#10;", "&NewLine;", "&#x301;",
  "&#769;", "&#8203;", "&#xAD;", "&#0;", "&#x110000;", "&#xD800;", "&#12345678;",
  "&#123456789", "&#x", "&#", "&eacute;", "&Eacute;", "&ouml;", "&aring;", "&szlig;",
  "&alpha;", "&Omicron;", "&sigmaf;", "&Sigmaf;", "&bogus;", "&verylongentitynamehere;",
  "&zwj;", "&lrm;", "&Tab;", "&hellip;", "&ccedil;", "&ntilde;", "&Ntilde",
  /* soft hyphens, no-break spaces and zero-width or ignorable characters */
  "\xc2\xad", "\xc2\xad\n", "\xc2\xad \r\n ", "\xc2\xa0", "\xc2\xa0\n", "\xe2\x80\x8b",
  "\xe2\x80\x8c", "\xe2\x80\x8d", "\xef\xbb\xbf", "\xe2\x81\xa0", "\xcd\x8f", "\xe3\x85\xa4",
  "\xe2\x80\x8e",
  /* combining marks, and spacing marks of Devanagari */
  "\xcc\x81", "\xcc\x88", "\xcc\xa7", "\xcc\x80\xcc\x81", "\xd9\x8b", "\xe0\xa4\xbf",
  "\xe0\xa5\x81", "\xe0\xa4\x95", "\xf0\x9d\x85\xa5",
  /* accented Latin letters, composed and decomposed */
  "\xc3\xa9", "\xc3\x89", "e\xcc\x81", "\xc3\x9f", "\xe1\xba\x9e", "\xc3\xb8", "\xc3\xa6",
  "\xc3\xa5", "\xc3\xbc", "\xc3\x84",
  /* compatibility characters: fullwidth, ligatures, U+FDFA, circled, fractions */
  "\xef\xbc\xa8", "\xef\xbd\x85", "\xef\xac\x81", "\xef\xb7\xba", "\xe2\x91\xa0",
  "\xe3\x8d\xbf", "\xc2\xbd", "\xe2\x84\xa2", "\xe2\x80\x83", "\xe3\x80\x80",
  /* Cyrillic: look-alikes, Russian words, letters that decompose */
  "\xd0\xb0", "\xd0\xbe", "\xd1\x80", "\xd0\xb5", "\xd1\x81", "\xd1\x83", "\xd0\x90",
  "\xd0\x9e", "\xd0\xbc\xd0\xb8\xd1\x80", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82",
  "\xd0\xb9", "\xd1\x91", "\xd0\x99",
  /* Greek: look-alikes, a word, letters whose case folding brings marks */
  "\xce\xbf", "\xce\xb1", "\xcf\x81", "\xce\x9d", "\xce\x9f", "\xce\x90", "\xce\xad",
  "\xce\xba\xce\xb1\xce\xbb\xce\xb7", "\xcf\x82", "\xe1\xbe\xb3",
  /* Armenian and IPA look-alikes */
  "\xd5\xbd", "\xc9\x91", "\xc4\xb1", "\xca\x8d", "\xc6\xbf", "\xc9\xb1", "\xca\x8c",
  "\xc9\x85",
  /* Turkish letters */
  "\xc4\x9e", "\xc4\x9f", "\xc5\x9e", "\xc5\x9f", "\xc4\xb0", "nas\xc4\xb1l", "b\xc4\xb1tcoin",
  /* Japanese and Korean: kana with voicing marks, halfwidth, ideographs, jamo */
  "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf", "\xe3\x82\xac",
  "\xe3\x82\xab\xe3\x82\x99", "\xef\xbd\xb6\xef\xbe\x9e", "\xe6\x97\xa5\xe6\x9c\xac",
  "\xe3\x80\x82", "\xea\xb0\x80", "\xe1\x84\x80\xe1\x85\xa1", "\xe1\x85\xa1",
  /* invalid UTF-8: stray bytes, cut sequences, surrogates, overlong forms */
  "\xff", "\xfe", "\xc3", "\xe2\x82", "\xf0\x9f", "\xed\xa0\x80", "\xc0\x80",
  "\xf8\x88\x80\x80\x80", "\x80", "\xbf",
  /* characters outside the BMP, currency signs */
  "\xf0\x9f\x98\x80", "\xf0\x9d\x90\x80", "\xf0\x9d\x90\x9a", "\xe2\x82\xbd", "\xe2\x82\xac",
  /* control characters and Unicode line breaks */
  "\x01", "\x0b", "\x0c", "\x1c", "\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9",
  /* disguised words */
  "bitc\xd0\xbein", "\xd1\x80\xd0\xb5rv\xd0\xb5rsi\xd0\xben", "\xd1\x83\xce\xbf\xd5\xbd",
  "\xcf\x81\xce\xb1y",
};

/* Returns a text of 1 to 59 random pieces and random bytes, sometimes with
 * a nul byte inside. */
static GString *
generate_text (GRand *rand)
{
  GString *text = g_string_new (NULL);
  guint n_pieces = (guint) g_rand_int_range (rand, 1, 60);

  for (guint k = 0; k < n_pieces; k++)
    {
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_string_append_c (text, (char) g_rand_int_range (rand, 1, 256));
      else
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
    }

  if (g_rand_int_range (rand, 0, 20) == 0)
    g_string_insert_c (text, g_rand_int_range (rand, 0, (gint32) text->len + 1), '\0');

  return text;
}

static void
test_reference_generated (void)
{
  for (guint32 seed = 1; seed <= 2; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

      for (guint i = 0; i < GENERATED_TEXTS; i++)
        {
          g_autoptr(GString) text = generate_text (rand);
          g_autofree char *label = g_strdup_printf ("generated text %u of seed %u", i, seed);

          assert_same_as_reference (text->str, text->len, label);
        }
    }
}

/* Returns pieces cut into lines of one width, 30 to 49 characters, with
 * "\n" or "\r\n", so that the text counts as wrapped at a fixed column. */
static GString *
generate_wrapped_text (GRand *rand)
{
  g_autoptr(GString) words = g_string_new (NULL);
  GString *text = g_string_new (NULL);
  guint n_pieces = (guint) g_rand_int_range (rand, 20, 200);
  guint width = (guint) g_rand_int_range (rand, 30, 50);
  const char *line_break = g_rand_boolean (rand) ? "\r\n" : "\n";
  const char *p;
  const char *end;
  guint column = 0;

  for (guint k = 0; k < n_pieces; k++)
    {
      g_string_append (words, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      if (g_rand_int_range (rand, 0, 3) == 0)
        g_string_append_c (words, ' ');
    }

  p = words->str;
  end = words->str + words->len;
  while (p < end)
    {
      const char *next = g_utf8_find_next_char (p, end);

      if (next == NULL)
        next = end;
      if (*p != '\n' && *p != '\r')
        {
          g_string_append_len (text, p, next - p);
          if (++column == width)
            {
              g_string_append (text, line_break);
              column = 0;
            }
        }
      p = next;
    }

  return text;
}

static void
test_reference_wrapped (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint i = 0; i < WRAPPED_TEXTS; i++)
    {
      g_autoptr(GString) text = generate_wrapped_text (rand);
      g_autofree char *label = g_strdup_printf ("wrapped text %u", i);

      assert_same_as_reference (text->str, text->len, label);
    }
}

/* Long texts, so that the buffers of the passes shrink at the end, and
 * grow when NFKC makes the text 11 times longer: U+FDFA (3 bytes) becomes
 * 18 Arabic letters and spaces (33 bytes). */
static void
test_reference_long_text (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) growing = g_string_new (NULL);

  while (text->len < 300 * 1024)
    {
      g_autoptr(GString) piece = generate_text (rand);

      g_string_append_len (text, piece->str, (gssize) piece->len);
    }
  for (guint k = 0; k < 20000; k++)
    g_string_append (growing, "\xef\xb7\xba.");

  assert_same_as_reference (text->str, text->len, "a long generated text");
  assert_same_as_reference (growing->str, growing->len, "a text that grows under NFKC");
}

/* Segments longer than 16 characters: a letter with many marks after it,
 * in the original text and from character references. */
static void
test_reference_long_segments (void)
{
  g_autoptr(GString) text = g_string_new ("Zalgo ");

  for (guint k = 0; k < 40; k++)
    g_string_append (text, k % 2 == 0 ? "\xcc\x81" : "\xcc\xa7");
  g_string_append (text, " a");
  for (guint k = 0; k < 30; k++)
    g_string_append (text, "&#x308;");
  g_string_append (text, " \xce\x90");
  for (guint k = 0; k < 20; k++)
    g_string_append (text, "\xcd\x85");
  g_string_append (text, " end");

  assert_same_as_reference (text->str, text->len, "long segments");
}

static void
test_reference_empty (void)
{
  assert_same_as_reference ("", 0, "the empty text");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalize-reference/fixtures", test_reference_fixtures);
  g_test_add_func ("/normalize-reference/generated", test_reference_generated);
  g_test_add_func ("/normalize-reference/wrapped", test_reference_wrapped);
  g_test_add_func ("/normalize-reference/long-text", test_reference_long_text);
  g_test_add_func ("/normalize-reference/long-segments", test_reference_long_segments);
  g_test_add_func ("/normalize-reference/empty", test_reference_empty);

  return g_test_run ();
}
