/* test-readability.c: the reading level of the English report texts
 *
 * The Flesch-Kincaid grade is
 *   0.39 * words / sentences + 11.8 * syllables / words - 15.59
 * with syllables counted as groups of vowels (a, e, i, o, u, y), at least
 * one a word.  A sentence ends at '.', '!' or '?' before a space or the
 * end, so that "203.0.113.45" stays one word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hdr-analysis.h"

#define MAX_GRADE 8.0

typedef struct
{
  guint words;
  guint sentences;
  guint syllables;
} TextCounts;

static gboolean
is_vowel (char c)
{
  return strchr ("aeiouyAEIOUY", c) != NULL;
}

static guint
count_syllables (const char *word)
{
  guint groups = 0;
  gboolean in_group = FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      gboolean vowel = is_vowel (*p);

      if (vowel && !in_group)
        groups++;
      in_group = vowel;
    }

  return MAX (groups, 1);
}

static gboolean
has_alnum (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      return TRUE;

  return FALSE;
}

static void
count_text (TextCounts *counts,
            const char *text)
{
  g_auto(GStrv) words = NULL;
  guint sentences = 0;

  if (text == NULL)
    return;

  words = g_strsplit_set (text, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize length = strlen (words[i]);

      if (!has_alnum (words[i]))
        continue;

      counts->words++;
      counts->syllables += count_syllables (words[i]);
      if (length > 0 && strchr (".!?", words[i][length - 1]) != NULL)
        sentences++;
    }

  /* A title without a full stop is still one sentence. */
  counts->sentences += MAX (sentences, 1);
}

static double
grade_of (const TextCounts *counts)
{
  g_assert_cmpuint (counts->words, >, 0);
  g_assert_cmpuint (counts->sentences, >, 0);

  return 0.39 * counts->words / counts->sentences +
         11.8 * counts->syllables / counts->words - 15.59;
}

static double
grade_of_text (const char *text)
{
  TextCounts counts = { 0, };

  if (text == NULL)
    return 0.0;

  count_text (&counts, text);

  return grade_of (&counts);
}

static void
test_readability_counting (void)
{
  TextCounts counts = { 0, };

  count_text (&counts, "The cat sat. It came from 203.0.113.45 today!");

  g_assert_cmpuint (counts.words, ==, 8);
  g_assert_cmpuint (counts.sentences, ==, 2);
  /* One each, except "came" and "today" with two vowel groups each. */
  g_assert_cmpuint (counts.syllables, ==, 10);
  g_assert_cmpuint (count_syllables ("beautiful"), ==, 3);
  g_assert_cmpuint (count_syllables ("rhythm"), ==, 1);
}

/* The formula must reject hard text, or the sample test proves nothing. */
static void
test_readability_hard_text (void)
{
  double grade = grade_of_text ("Notwithstanding the aforementioned considerations, "
                                "authentication infrastructure necessitates comprehensive "
                                "institutional accountability mechanisms.");

  g_assert_cmpfloat (grade, >, MAX_GRADE);
}

static HdrReport *
analyze_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMessage) message = hdr_message_new_from_file (file, NULL, &error);

  g_assert_no_error (error);

  return hdr_analyze_message (message);
}

static void
test_readability_samples (void)
{
  g_autofree char *directory = g_build_filename (TEST_DATA_DIR, "..", "data", "samples", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_samples = 0;

  dir = g_dir_open (directory, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(HdrReport) report = NULL;
      TextCounts counts = { 0, };
      GPtrArray *findings;
      double grade;

      if (!g_str_has_suffix (name, ".eml"))
        continue;

      path = g_build_filename (directory, name, NULL);
      report = analyze_path (path);
      n_samples++;

      count_text (&counts, hdr_report_get_headline (report));
      count_text (&counts, hdr_report_get_summary (report));

      findings = hdr_report_get_findings (report);
      for (guint i = 0; i < findings->len; i++)
        {
          const HdrFinding *finding = g_ptr_array_index (findings, i);

          count_text (&counts, finding->title);
          count_text (&counts, finding->explanation);
          g_test_message ("%s: %s: title %.1f, explanation %.1f", name, finding->id,
                          grade_of_text (finding->title), grade_of_text (finding->explanation));
        }

      grade = grade_of (&counts);
      g_test_message ("%s: grade %.2f over %u words", name, grade, counts.words);
      g_assert_cmpfloat (grade, <=, MAX_GRADE);

      /* The verdict page shows the headline and five reasons first. */
      {
        g_autoptr(GPtrArray) reasons = hdr_report_get_reasons (report, 5);
        TextCounts first_screen = { 0, };

        count_text (&first_screen, hdr_report_get_headline (report));
        for (guint i = 0; i < reasons->len; i++)
          {
            const HdrFinding *finding = g_ptr_array_index (reasons, i);

            count_text (&first_screen, finding->title);
            count_text (&first_screen, finding->explanation);
          }

        grade = grade_of (&first_screen);
        g_test_message ("%s: headline and reasons grade %.2f", name, grade);
        g_assert_cmpfloat (grade, <=, MAX_GRADE);
      }
    }

  g_assert_cmpuint (n_samples, >=, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The English texts are measured, whatever the test machine's language. */
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/readability/counting", test_readability_counting);
  g_test_add_func ("/readability/hard-text", test_readability_hard_text);
  g_test_add_func ("/readability/samples", test_readability_samples);

  return g_test_run ();
}
