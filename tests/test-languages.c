/* test-languages.c: every rules language on messages written in it
 *
 * tests/fixtures/languages/<code>/ holds, for each language the rules
 * cover, messages named by what they must give:
 *   scam-*.eml             verdict sextortion, and <code> among the languages
 *   scam-disguised-*.eml   the same, plus a disguised_text or hidden_text finding
 *   ordinary-*.eml         honest mail on the same topics: never sextortion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hdr-analysis.h"

/* The languages the campaigns are known to use; each must have rules and
 * fixtures. */
static const char * const required_languages[] = {
  "en", "de", "fr", "es", "it", "pt", "nl", "nb", "sv", "da", "fi", "pl", "cs", "ru", "tr", "ja",
  "ar", "bg", "el", "he", "hr", "hu", "id", "ko", "lt", "lv", "ro", "sk", "sl", "uk", "vi", "zh",
};

static gboolean
report_has_finding (HdrReport  *report,
                    const char *id)
{
  GPtrArray *findings = hdr_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->id, id))
        return TRUE;
    }

  return FALSE;
}

static gboolean
report_has_language (HdrReport  *report,
                     const char *code)
{
  g_auto(GStrv) languages = hdr_text_scan_get_languages (hdr_report_get_text_scan (report));

  return languages != NULL && g_strv_contains ((const char * const *)languages, code);
}

static HdrReport *
analyze_fixture (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  HdrReport *report;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  report = hdr_analyze_bytes (bytes, path, &error);
  g_assert_no_error (error);

  return report;
}

static void
test_language (gconstpointer data)
{
  const char *code = data;
  g_autofree char *dir_path = g_build_filename (TEST_DATA_DIR, "fixtures", "languages", code, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_auto(GStrv) rule_languages = hdr_rules_get_languages (hdr_rules_get_default ());
  const char *name;
  guint scams = 0;
  guint disguised = 0;
  guint ordinary = 0;

  g_assert_true (g_strv_contains ((const char * const *)rule_languages, code));

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(HdrReport) report = NULL;
      HdrVerdict verdict;

      if (!g_str_has_suffix (name, ".eml"))
        continue;

      report = analyze_fixture (path);
      verdict = hdr_report_get_verdict (report);
      g_test_message ("%s/%s: %s", code, name, hdr_verdict_to_string (verdict));

      if (g_str_has_prefix (name, "scam-"))
        {
          scams++;
          g_assert_cmpstr (hdr_verdict_to_string (verdict), ==, "sextortion");
          g_assert_true (report_has_language (report, code));

          if (g_str_has_prefix (name, "scam-disguised-"))
            {
              disguised++;
              g_assert_true (report_has_finding (report, "hallmark.disguised_text") ||
                             report_has_finding (report, "hallmark.hidden_text"));
            }
        }
      else if (g_str_has_prefix (name, "ordinary-"))
        {
          ordinary++;
          g_assert_cmpstr (hdr_verdict_to_string (verdict), !=, "sextortion");
        }
      else
        {
          g_error ("%s: a fixture name starts with scam- or ordinary-", path);
        }
    }

  g_assert_cmpuint (scams, >=, 2);
  g_assert_cmpuint (disguised, >=, 1);
  g_assert_cmpuint (ordinary, >=, 2);
}

/* The deadline of a scam, read from its words in each script and grammar:
 * counts in words, dual forms, units glued to the number, and "48 de ore". */
static void
test_language_deadlines (void)
{
  static const struct
  {
    const char *fixture;
    int         hours;
  } cases[] = {
    { "ar/scam-short.eml", 48 },              /* Persian digits */
    { "ar/scam-own-account.eml", 48 },        /* dual "يومان" */
    { "bg/scam-own-account.eml", 48 },        /* "два дни" */
    { "el/scam-own-account.eml", 48 },        /* "δύο μέρες" */
    { "he/scam-own-account.eml", 48 },        /* dual "יומיים" */
    { "hr/scam-password.eml", 72 },           /* "tri dana" */
    { "hu/scam-short.eml", 48 },              /* "48 órán belül" */
    { "ko/scam-own-account-informal.eml", 48 }, /* "이틀" */
    { "ko/scam-password.eml", 48 },           /* "2일" */
    { "lt/scam-own-account.eml", 48 },        /* "dvi dienas" */
    { "lv/scam-short-informal.eml", 24 },     /* "24 stundu laikā" */
    { "ro/scam-hacker-webcam.eml", 48 },      /* "48 de ore" */
    { "sl/scam-password.eml", 72 },           /* "treh dni" */
    { "uk/scam-own-account.eml", 48 },        /* "2 доби" */
    { "vi/scam-own-account.eml", 48 },        /* "hai ngày" */
    { "zh/scam-own-account-traditional.eml", 48 }, /* "兩天" */
    { "zh/scam-hacker-webcam.eml", 48 },      /* "48小时" */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (TEST_DATA_DIR, "fixtures", "languages",
                                                cases[i].fixture, NULL);
      g_autoptr(HdrReport) report = analyze_fixture (path);

      g_test_message ("%s", cases[i].fixture);
      g_assert_cmpint (hdr_report_get_claims (report)->deadline_hours, ==, cases[i].hours);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/languages/deadlines", test_language_deadlines);

  for (guint i = 0; i < G_N_ELEMENTS (required_languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/languages/%s", required_languages[i]);

      g_test_add_data_func (path, required_languages[i], test_language);
    }

  return g_test_run ();
}
