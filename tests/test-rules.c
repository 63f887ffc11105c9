/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <string.h>

#include "hdr-error.h"
#include "hdr-normalize.h"
#include "hdr-rules.h"
#include "hdr-text-prefilter.h"

static const char valid_rules[] =
  "[language]\n"
  "code=xx\n"
  "name=Test\n"
  "stopwords=alpha;beta;gamma\n"
  "\n"
  "[rule payment_demand.1]\n"
  "category=payment_demand\n"
  "weight=3\n"
  "pattern=\\bsend \\d+ coins\\b\n"
  "pattern2=\\bpay up\\b\n";

static void
collect_match (const HdrRuleMatch *match,
               gpointer            user_data)
{
  GPtrArray *matches = user_data;
  HdrRuleMatch *copy = g_memdup2 (match, sizeof *match);

  g_ptr_array_add (matches, copy);
}

static GPtrArray *
match_text (HdrRules   *rules,
            const char *text,
            guint      *limit_hits)
{
  g_autoptr(HdrFolded) folded = hdr_fold_text (text, -1);
  GPtrArray *matches = g_ptr_array_new_with_free_func (g_free);
  guint hits = hdr_rules_match (rules, folded->text, folded->length, collect_match, matches);

  if (limit_hits != NULL)
    *limit_hits = hits;

  return matches;
}

static gboolean
has_category (GPtrArray   *matches,
              HdrCategory  category)
{
  for (guint i = 0; i < matches->len; i++)
    {
      const HdrRuleMatch *match = g_ptr_array_index (matches, i);

      if (match->category == category)
        return TRUE;
    }

  return FALSE;
}

static void
test_rules_category_ids (void)
{
  g_assert_cmpstr (hdr_category_to_id (HDR_CATEGORY_HACKER_CLAIM), ==, "hacker_claim");
  g_assert_cmpstr (hdr_category_to_id (HDR_CATEGORY_HIDDEN_TEXT), ==, "hidden_text");
  g_assert_cmpint (hdr_category_from_id ("password_claim"), ==, HDR_CATEGORY_PASSWORD_CLAIM);
  g_assert_cmpint (hdr_category_from_id ("no_such_category"), ==, HDR_CATEGORY_INVALID);
}

static void
test_rules_default_loads (void)
{
  HdrRules *rules = hdr_rules_get_default ();
  g_auto(GStrv) languages = hdr_rules_get_languages (rules);

  g_assert_nonnull (rules);
  g_assert_true (hdr_rules_get_default () == rules);
  g_assert_cmpuint (hdr_rules_get_n_rules (rules), >=, 12);
  g_assert_true (g_strv_contains ((const char * const *) languages, "en"));
}

static void
test_rules_default_covers_categories (void)
{
  HdrRules *rules = hdr_rules_get_default ();
  const char *text =
    "I am a hacker and I have full access to your device. I recorded you with your webcam "
    "while you were on an adult website. Send $1500 to my bitcoin wallet within 48 hours, "
    "or I will send the video to all your contacts. I will delete the video after payment. "
    "I sent this message from your account. Your password is hunter2. I will know when you "
    "read this email. Do not go to the police.";
  g_autoptr(GPtrArray) matches = match_text (rules, text, NULL);

  for (HdrCategory category = HDR_CATEGORY_HACKER_CLAIM; category <= HDR_CATEGORY_PRESSURE; category++)
    {
      g_test_message ("category %s", hdr_category_to_id (category));
      g_assert_true (has_category (matches, category));
    }
}

static void
test_rules_from_data (void)
{
  const char *languages[] = { "xx", NULL };
  const char *files[] = { valid_rules, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, &error);
  g_autoptr(GPtrArray) matches = NULL;
  const HdrRuleMatch *match;

  g_assert_no_error (error);
  g_assert_nonnull (rules);
  g_assert_cmpuint (hdr_rules_get_n_rules (rules), ==, 1);

  matches = match_text (rules, "Please SEND 20 coins now", NULL);
  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpstr (match->rule_id, ==, "payment_demand.1");
  g_assert_cmpstr (match->language, ==, "xx");
  g_assert_cmpint (match->category, ==, HDR_CATEGORY_PAYMENT_DEMAND);
  g_assert_cmpint (match->weight, ==, 3);
  g_assert_cmpuint (match->start, ==, 7);
  g_assert_cmpuint (match->end, ==, 20);
}

static void
test_rules_second_pattern (void)
{
  const char *languages[] = { "xx", NULL };
  const char *files[] = { valid_rules, NULL };
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, NULL);
  g_autoptr(GPtrArray) matches = match_text (rules, "Time to PAY UP", NULL);
  g_autoptr(GPtrArray) none = match_text (rules, "send coins", NULL);

  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_rules_first_pattern_wins (void)
{
  const char *languages[] = { "xx", NULL };
  const char *files[] = { valid_rules, NULL };
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, NULL);
  /* pattern2 matches at 0, before pattern at 8; the rule reports pattern. */
  g_autoptr(GPtrArray) matches = match_text (rules, "pay up, send 20 coins", NULL);
  const HdrRuleMatch *match;

  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpuint (match->start, ==, 8);
  g_assert_cmpuint (match->end, ==, 21);
}

static gboolean
set_contains_string (const GPtrArray *set,
                     const char      *string)
{
  for (guint i = 0; i < set->len; i++)
    if (g_strcmp0 (g_ptr_array_index (set, i), string) == 0)
      return TRUE;

  return FALSE;
}

static void
test_rules_required_sets (void)
{
  g_autoptr(GPtrArray) sets =
    hdr_pattern_get_required_sets ("\\bvideo\\b.{0,60}\\b(?:deleted|destroyed)\\b");
  const GPtrArray *first;
  const GPtrArray *second;

  g_assert_nonnull (sets);
  g_assert_cmpuint (sets->len, ==, 2);
  first = g_ptr_array_index (sets, 0);
  second = g_ptr_array_index (sets, 1);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_true (set_contains_string (first, "video"));
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_true (set_contains_string (second, "deleted"));
  g_assert_true (set_contains_string (second, "destroyed"));
}

static void
test_rules_required_sets_alternation (void)
{
  g_autoptr(GPtrArray) sets = hdr_pattern_get_required_sets ("video deleted|photo destroyed");

  g_assert_null (sets);
}

static void
test_rules_required_sets_lookahead (void)
{
  g_autoptr(GPtrArray) sets = hdr_pattern_get_required_sets ("\\bvideo(?!\\s+deleted)\\b");

  g_assert_nonnull (sets);
  for (guint i = 0; i < sets->len; i++)
    g_assert_false (set_contains_string (g_ptr_array_index (sets, i), "deleted"));
}

static void
test_rules_second_literal_absent (void)
{
  const char *languages[] = { "xx", NULL };
  const char *files[] = {
    "[language]\ncode=xx\nstopwords=alpha\n"
    "[rule delete_promise.1]\ncategory=delete_promise\nweight=2\n"
    "pattern=\\bvideo\\b.{0,30}\\bdeleted\\b\n",
    NULL
  };
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, NULL);
  g_autoptr(GPtrArray) both = match_text (rules, "the video will be deleted", NULL);
  g_autoptr(GPtrArray) first_only = match_text (rules, "the video of the meeting", NULL);
  g_autoptr(GPtrArray) reversed = match_text (rules, "deleted the old video", NULL);

  g_assert_cmpuint (both->len, ==, 1);
  g_assert_cmpuint (first_only->len, ==, 0);
  g_assert_cmpuint (reversed->len, ==, 0);
}

/* A required set that occurs only far from the literal does not stop a
 * match where both are close, and a match ending at the set still counts. */
static void
test_rules_required_set_nearby (void)
{
  const char *languages[] = { "xx", NULL };
  const char *files[] = {
    "[language]\ncode=xx\nstopwords=alpha\n"
    "[rule delete_promise.1]\ncategory=delete_promise\nweight=2\n"
    "pattern=\\b(?:video|recording)\\b.{0,30}\\b(?:deleted|erased)\\b\n",
    NULL
  };
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, NULL);
  g_autoptr(GString) far = g_string_new ("the video ");
  g_autoptr(GPtrArray) far_matches = NULL;
  g_autoptr(GPtrArray) late_matches = NULL;
  g_autoptr(GString) late = g_string_new ("erased first. ");
  const HdrRuleMatch *match;

  for (guint i = 0; i < 20; i++)
    g_string_append (far, "and some more words ");
  g_string_append (far, "deleted");
  far_matches = match_text (rules, far->str, NULL);
  g_assert_cmpuint (far_matches->len, ==, 0);

  for (guint i = 0; i < 20; i++)
    g_string_append (late, "filler ");
  g_string_append (late, "the recording is erased");
  late_matches = match_text (rules, late->str, NULL);
  g_assert_cmpuint (late_matches->len, ==, 1);
  match = g_ptr_array_index (late_matches, 0);
  g_assert_cmpuint (match->end - match->start, ==, strlen ("recording is erased"));
}

/* Recording claims in Arabic, Hebrew, Ukrainian and Indonesian that come
 * after other words of their sentence, as scams write them. */
static void
test_rules_recording_claims (void)
{
  static const char * const texts[] = {
    "منذ ذلك الحين وأنا أراقبك عبر كاميرا الويب وقمت بتسجيل فيديو لك.",
    "מאז אני צופה בך דרך מצלמת הרשת והקלטתי סרטון שלך.",
    "Відтоді я спостерігаю за вами через вебкамеру і записав відео з вами.",
    "Sejak itu saya mengawasi Anda melalui webcam dan merekam video Anda.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) matches = match_text (hdr_rules_get_default (), texts[i], NULL);

      g_test_message ("%s", texts[i]);
      g_assert_true (has_category (matches, HDR_CATEGORY_RECORDING_CLAIM));
    }
}

/* The bundled rules are compiled only when a pattern first runs, so every
 * bundled file is compiled here at once, where an invalid pattern fails. */
static void
test_rules_bundled_compile (void)
{
  g_autofree char *folder = g_build_filename (TEST_DATA_DIR, "..", "data", "rules", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrRules) rules = NULL;
  g_auto(GStrv) languages = NULL;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      char *data = NULL;

      if (!g_str_has_suffix (name, ".rules"))
        continue;

      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      g_ptr_array_add (codes, g_strndup (name, strlen (name) - strlen (".rules")));
      g_ptr_array_add (contents, data);
    }
  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (contents, NULL);

  rules = hdr_rules_new_from_data ((const char * const *) codes->pdata,
                                   (const char * const *) contents->pdata, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rules);

  languages = hdr_rules_get_languages (rules);
  g_assert_cmpuint (g_strv_length (languages), ==, codes->len - 1);
  g_assert_cmpuint (hdr_rules_get_n_rules (rules), ==, hdr_rules_get_n_rules (hdr_rules_get_default ()));
}

/* Bundled patterns write digits as [0-9]: a Unicode-aware \d keeps PCRE2
 * from skipping to the characters that can start a match. */
static void
test_rules_bundled_digits (void)
{
  g_autofree char *folder = g_build_filename (TEST_DATA_DIR, "..", "data", "rules", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_auto(GStrv) groups = NULL;

      if (!g_str_has_suffix (name, ".rules"))
        continue;

      files++;
      g_assert_true (g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL));
      groups = g_key_file_get_groups (key_file, NULL);
      for (guint i = 0; groups[i] != NULL; i++)
        {
          g_auto(GStrv) keys = g_key_file_get_keys (key_file, groups[i], NULL, NULL);

          for (guint k = 0; keys[k] != NULL; k++)
            {
              g_autofree char *value = NULL;

              if (!g_str_has_prefix (keys[k], "pattern"))
                continue;

              value = g_key_file_get_value (key_file, groups[i], keys[k], NULL);
              g_test_message ("%s [%s] %s", name, groups[i], keys[k]);
              g_assert_null (strstr (value, "\\d"));
            }
        }
    }

  g_assert_cmpuint (files, >=, 16);
}

static void
test_rules_prefilter_find (void)
{
  g_autoptr(HdrPrefilter) prefilter = hdr_prefilter_new ();
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (HdrPrefilterHit));
  g_autoptr(GString) found = g_string_new (NULL);
  const char *text = "you your yours yourself yo";
  guint literal_only;

  /* Literals of three bytes and longer ones that share their start; at one
   * position they are reported from the shortest to the longest, each with
   * every id it was added with. */
  hdr_prefilter_add (prefilter, "you", 1);
  hdr_prefilter_add (prefilter, "your", 2);
  hdr_prefilter_add (prefilter, "yourself", 3);
  hdr_prefilter_add (prefilter, "yours", 4);
  hdr_prefilter_add (prefilter, "yours", 5);
  literal_only = hdr_prefilter_add_literal (prefilter, "urs");
  hdr_prefilter_build (prefilter);

  g_assert_cmpuint (hdr_prefilter_get_n_literals (prefilter), ==, 5);

  hdr_prefilter_find (prefilter, text, strlen (text), hits);
  for (guint i = 0; i < hits->len; i++)
    {
      const HdrPrefilterHit *hit = &g_array_index (hits, HdrPrefilterHit, i);
      guint n_ids;
      const guint *ids = hdr_prefilter_get_ids (prefilter, hit->literal, &n_ids);

      if (hit->literal == literal_only)
        {
          g_assert_cmpuint (n_ids, ==, 0);
          g_string_append_printf (found, "-@%" G_GSIZE_FORMAT " ", hit->position);
        }
      for (guint k = 0; k < n_ids; k++)
        g_string_append_printf (found, "%u@%" G_GSIZE_FORMAT " ", ids[k], hit->position);
    }

  g_assert_cmpstr (found->str, ==,
                   "1@0 1@4 2@4 1@9 2@9 4@9 5@9 -@11 1@15 2@15 4@15 5@15 3@15 -@17 ");
}

static void
assert_rejected (const char *contents,
                 const char *message_part)
{
  const char *languages[] = { "xx", NULL };
  const char *files[] = { contents, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, &error);

  g_assert_null (rules);
  g_assert_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_rules_malformed (void)
{
  assert_rejected ("[language\ncode=xx\n", "invalid rules file");
  assert_rejected ("[rule a.1]\ncategory=deadline\nweight=1\npattern=x\n", "[language] group is missing");
  assert_rejected ("[language]\nname=X\nstopwords=a\n", "no code= key");
  assert_rejected ("[language]\ncode=yy\nstopwords=a\n", "code=yy, expected xx");
  assert_rejected ("[language]\ncode=xx\nstopwords=a\n[rule a.1]\ncategory=nonsense\nweight=1\npattern=x\n",
                   "unknown category \"nonsense\"");
  assert_rejected ("[language]\ncode=xx\nstopwords=a\n[rule a.1]\ncategory=deadline\nweight=7\npattern=x\n",
                   "weight= from 1 to 3");
  assert_rejected ("[language]\ncode=xx\nstopwords=a\n[rule a.1]\ncategory=deadline\nweight=1\n",
                   "no pattern= key");
  assert_rejected ("[language]\ncode=xx\nstopwords=a\n[rule a.1]\ncategory=deadline\nweight=1\npattern=(open\n",
                   "[rule a.1] pattern: invalid pattern at offset 5");
  assert_rejected ("[language]\ncode=xx\nstopwords=a\n[other]\nkey=1\n", "unknown group [other]");
  assert_rejected ("[language]\ncode=xx\nstopwords=a\n[rule a.1]\ncategory=deadline\nweight=1\npattern=x\npatern=y\n",
                   "unknown key \"patern\"");
}

static void
test_rules_backtracking_limit (void)
{
  const char *languages[] = { "xx", NULL };
  const char *files[] = {
    "[language]\ncode=xx\nstopwords=a\n"
    "[rule deadline.1]\ncategory=deadline\nweight=1\npattern=^(a+)+$\n",
    NULL
  };
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, NULL);
  g_autoptr(GString) hostile = g_string_new (NULL);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) short_matches = NULL;
  guint limit_hits = 0;
  guint short_limit_hits = 0;

  for (guint i = 0; i < 40; i++)
    g_string_append_c (hostile, 'a');
  g_string_append_c (hostile, '!');

  matches = match_text (rules, hostile->str, &limit_hits);
  g_assert_cmpuint (matches->len, ==, 0);
  g_assert_cmpuint (limit_hits, ==, 1);

  short_matches = match_text (rules, "aaaa", &short_limit_hits);
  g_assert_cmpuint (short_matches->len, ==, 1);
  g_assert_cmpuint (short_limit_hits, ==, 0);
}

static void
test_rules_backtracking_limit_jit (void)
{
  /* A text past 64 KiB is matched with JIT code, which honours the match
   * limit but not the depth limit. */
  const char *languages[] = { "xx", NULL };
  const char *files[] = {
    "[language]\ncode=xx\nstopwords=a\n"
    "[rule deadline.1]\ncategory=deadline\nweight=1\npattern=(?:x+x+)+\\d\n",
    NULL
  };
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, NULL);
  g_autoptr(GString) hostile = g_string_new (NULL);
  g_autoptr(GPtrArray) matches = NULL;
  guint limit_hits = 0;
  gint64 started;

  while (hostile->len < 70 * 1024)
    g_string_append (hostile, "word ");
  for (guint i = 0; i < 40; i++)
    g_string_append_c (hostile, 'x');

  started = g_get_monotonic_time ();
  matches = match_text (rules, hostile->str, &limit_hits);

  g_assert_cmpuint (matches->len, ==, 0);
  g_assert_cmpuint (limit_hits, ==, 1);
  /* A hang guard, not a speed claim. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 60 * G_USEC_PER_SEC);
}

static void
test_rules_identify_english (void)
{
  HdrRules *rules = hdr_rules_get_default ();
  g_autoptr(HdrFolded) folded =
    hdr_fold_text ("I have been watching you for a while, and this is what you have to do about it.", -1);
  g_auto(GStrv) languages = hdr_rules_identify_languages (rules, folded->text);

  g_assert_cmpuint (g_strv_length (languages), >=, 1);
  g_assert_cmpstr (languages[0], ==, "en");
}

static void
test_rules_identify_none (void)
{
  HdrRules *rules = hdr_rules_get_default ();
  g_autoptr(HdrFolded) folded = hdr_fold_text ("1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY 0.1 BTC", -1);
  g_auto(GStrv) languages = hdr_rules_identify_languages (rules, folded->text);

  g_assert_cmpuint (g_strv_length (languages), ==, 0);
}

static const char japanese_rules[] =
  "[language]\ncode=ja\nstopwords=です;ます;して;この;あなた\n"
  "[rule deadline.1]\ncategory=deadline\nweight=1\npattern=48時間\n";

static const char chinese_rules[] =
  "[language]\ncode=zh\nstopwords=的;我;你;是;了\n"
  "[rule deadline.1]\ncategory=deadline\nweight=1\npattern=48小时\n";

static GStrv
identify_unspaced (const char *text)
{
  const char *languages[] = { "ja", "zh", NULL };
  const char *files[] = { japanese_rules, chinese_rules, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, &error);
  g_autoptr(HdrFolded) folded = NULL;

  g_assert_no_error (error);
  folded = hdr_fold_text (text, -1);

  return hdr_rules_identify_languages (rules, folded->text);
}

static void
test_rules_identify_japanese (void)
{
  g_auto(GStrv) languages =
    identify_unspaced ("あなたのデバイスにアクセスしました。この動画を削除してほしいですか。");

  g_assert_cmpuint (g_strv_length (languages), ==, 1);
  g_assert_cmpstr (languages[0], ==, "ja");
}

static void
test_rules_identify_chinese (void)
{
  g_auto(GStrv) languages = identify_unspaced ("我已经入侵了你的设备。你必须支付比特币。");

  g_assert_cmpuint (g_strv_length (languages), ==, 1);
  g_assert_cmpstr (languages[0], ==, "zh");
}

static void
test_rules_identify_unspaced_latin (void)
{
  /* Latin stopwords stay whole words, so "thesis" does not count as "the". */
  const char *languages[] = { "xx", NULL };
  const char *files[] = {
    "[language]\ncode=xx\nstopwords=the;and\n"
    "[rule deadline.1]\ncategory=deadline\nweight=1\npattern=x\n",
    NULL
  };
  g_autoptr(HdrRules) rules = hdr_rules_new_from_data (languages, files, NULL);
  g_auto(GStrv) none = hdr_rules_identify_languages (rules, "thesis thesis theme android");
  g_auto(GStrv) found = hdr_rules_identify_languages (rules, "the cat and the dog");

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/category-ids", test_rules_category_ids);
  g_test_add_func ("/rules/default-loads", test_rules_default_loads);
  g_test_add_func ("/rules/default-categories", test_rules_default_covers_categories);
  g_test_add_func ("/rules/from-data", test_rules_from_data);
  g_test_add_func ("/rules/second-pattern", test_rules_second_pattern);
  g_test_add_func ("/rules/first-pattern-wins", test_rules_first_pattern_wins);
  g_test_add_func ("/rules/required-sets", test_rules_required_sets);
  g_test_add_func ("/rules/required-sets-alternation", test_rules_required_sets_alternation);
  g_test_add_func ("/rules/required-sets-lookahead", test_rules_required_sets_lookahead);
  g_test_add_func ("/rules/second-literal-absent", test_rules_second_literal_absent);
  g_test_add_func ("/rules/required-set-nearby", test_rules_required_set_nearby);
  g_test_add_func ("/rules/prefilter-find", test_rules_prefilter_find);
  g_test_add_func ("/rules/bundled-compile", test_rules_bundled_compile);
  g_test_add_func ("/rules/recording-claims", test_rules_recording_claims);
  g_test_add_func ("/rules/bundled-digits", test_rules_bundled_digits);
  g_test_add_func ("/rules/malformed", test_rules_malformed);
  g_test_add_func ("/rules/backtracking-limit", test_rules_backtracking_limit);
  g_test_add_func ("/rules/backtracking-limit-jit", test_rules_backtracking_limit_jit);
  g_test_add_func ("/rules/identify-english", test_rules_identify_english);
  g_test_add_func ("/rules/identify-none", test_rules_identify_none);
  g_test_add_func ("/rules/identify-japanese", test_rules_identify_japanese);
  g_test_add_func ("/rules/identify-chinese", test_rules_identify_chinese);
  g_test_add_func ("/rules/identify-latin-words", test_rules_identify_unspaced_latin);

  return g_test_run ();
}
