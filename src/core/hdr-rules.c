/* hdr-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-rules"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <pcre2.h>

#include "hdr-core-resources.h"
#include "hdr-error.h"
#include "hdr-normalize.h"
#include "hdr-rules.h"
#include "hdr-text-prefilter.h"

#define RULES_RESOURCE_PATH "/io/github/headerinspector/HeaderInspector/core/rules/"

/* Backtracking budget of one pattern on one text, a fifth of PCRE2's default
 * match limit of 10 million.  A pattern with nested quantifiers on a hostile
 * text reaches it, and that one match is abandoned.  The JIT of PCRE2 10.42
 * honours the match limit but not the depth or heap limit.  It stops with
 * PCRE2_ERROR_JIT_STACKLIMIT when its stack is full, and the match then runs
 * again in the interpreter, which honours all three. */
#define MATCH_LIMIT 2000000
#define DEPTH_LIMIT 10000
#define HEAP_LIMIT_KIB 8192

/* A language is reported when it has at least this many stopword hits and
 * this share of all stopword hits. */
#define LANGUAGE_MIN_HITS 3
#define LANGUAGE_MIN_SHARE 0.25

typedef struct
{
  char       *code;
  char       *name;
  GHashTable *stopwords;   /* folded word -> itself */
  GPtrArray  *substring_stopwords;   /* folded words of unspaced scripts, counted as substrings */
} Language;

typedef struct
{
  pcre2_code *code;         /* NULL until compiled, see get_pattern_code() */
  gsize       compiled;     /* set to 1 once code was compiled or failed to compile */
  char       *source;       /* the folded pattern as compiled */
  gsize       max_prefix;   /* most bytes of a match before its literal, see hdr_pattern_get_required_literals() */
  gsize       max_length;   /* maximum bytes of a match, counted the same way */
  gboolean    prefiltered;  /* runs only near its required literals */
  guint       rule_end;     /* index after the last pattern of its rule in HdrRules.patterns */
  guint       first_set;    /* its required sets: HdrRules.set_bounds indexes first_set.. */
  guint       n_sets;       /* ..first_set + n_sets - 1 */
} Pattern;

typedef struct
{
  char        *id;
  Language    *language;
  HdrCategory  category;
  int          weight;
  GPtrArray   *patterns;   /* Pattern * */
} Rule;

/* One stopword of the open-addressing index; hash 0 marks an empty slot. */
typedef struct
{
  guint32     hash;
  guint32     length;
  const char *word;
  GArray     *indexes;   /* guint language indexes, owned by stopword_index */
} StopwordSlot;

struct _HdrRules
{
  GObject              parent_instance;

  GPtrArray           *languages;   /* Language * */
  GPtrArray           *rules;       /* Rule * */
  GPtrArray           *patterns;    /* Pattern *, every rule's, in rule order; not owned */
  HdrPrefilter        *prefilter;   /* required literals of all patterns, id = index in patterns,
                                       and the literals of their required sets, without id */
  guint                n_sets;      /* required sets of all patterns */
  GArray              *set_bounds;  /* SetBounds of each required set */
  GArray              *set_literals; /* guint prefilter literal indexes of all sets, set by set */
  GArray              *pattern_rules; /* guint index in rules of each pattern's rule */
  GArray              *whole_text_patterns; /* guint indexes of the patterns without prefilter literals */
  GHashTable          *stopword_index;   /* folded stopword -> GArray of language indexes */
  StopwordSlot        *stopword_slots;   /* the same index, open addressing, see find_stopword() */
  guint32              stopword_mask;    /* slots - 1, a power of two minus one */
  GRWLock              jit_lock;    /* written while JIT code is added to the patterns */
  gboolean             jit_compiled;
  gboolean             compile_on_first_use; /* TRUE for the bundled rules, which the tests compile in full */
  gsize                matched_bytes;   /* bytes matched so far, read and written atomically */
  gsize                max_stopword_length;
  pcre2_match_context *match_context;
};

G_DEFINE_FINAL_TYPE (HdrRules, hdr_rules, G_TYPE_OBJECT)

/* The literals of one required set: set_literals[first] to
 * set_literals[first + count - 1]. */
typedef struct
{
  guint first;
  guint count;
} SetBounds;

/* Required sets checked per pattern; more cost scanning time and rarely
 * reject a pattern that the first few did not. */
#define MAX_SETS_PER_PATTERN 4

static const char * const category_ids[HDR_N_CATEGORIES] = {
  [HDR_CATEGORY_HACKER_CLAIM] = "hacker_claim",
  [HDR_CATEGORY_DEVICE_ACCESS] = "device_access",
  [HDR_CATEGORY_RECORDING_CLAIM] = "recording_claim",
  [HDR_CATEGORY_ADULT_SITE] = "adult_site",
  [HDR_CATEGORY_PAYMENT_DEMAND] = "payment_demand",
  [HDR_CATEGORY_DEADLINE] = "deadline",
  [HDR_CATEGORY_CONTACTS_THREAT] = "contacts_threat",
  [HDR_CATEGORY_DELETE_PROMISE] = "delete_promise",
  [HDR_CATEGORY_OWN_ACCOUNT_CLAIM] = "own_account_claim",
  [HDR_CATEGORY_PASSWORD_CLAIM] = "password_claim",
  [HDR_CATEGORY_TRACKING_CLAIM] = "tracking_claim",
  [HDR_CATEGORY_PRESSURE] = "pressure",
  [HDR_CATEGORY_DISGUISED_TEXT] = "disguised_text",
  [HDR_CATEGORY_HIDDEN_TEXT] = "hidden_text",
};

const char *
hdr_category_to_id (HdrCategory category)
{
  g_return_val_if_fail (category >= 0 && category < HDR_N_CATEGORIES, NULL);

  return category_ids[category];
}

HdrCategory
hdr_category_from_id (const char *id)
{
  g_return_val_if_fail (id != NULL, HDR_CATEGORY_INVALID);

  for (int i = 0; i < HDR_N_CATEGORIES; i++)
    if (strcmp (category_ids[i], id) == 0)
      return (HdrCategory) i;

  return HDR_CATEGORY_INVALID;
}

static void
language_free (Language *language)
{
  g_free (language->code);
  g_free (language->name);
  g_clear_pointer (&language->stopwords, g_hash_table_unref);
  g_clear_pointer (&language->substring_stopwords, g_ptr_array_unref);
  g_free (language);
}

static void
pattern_free (Pattern *pattern)
{
  g_clear_pointer (&pattern->code, pcre2_code_free);
  g_free (pattern->source);
  g_free (pattern);
}

static void
rule_free (Rule *rule)
{
  g_free (rule->id);
  g_ptr_array_unref (rule->patterns);
  g_free (rule);
}

static void
hdr_rules_finalize (GObject *object)
{
  HdrRules *self = (HdrRules *) object;

  g_rw_lock_clear (&self->jit_lock);

  g_clear_pointer (&self->prefilter, hdr_prefilter_free);
  g_clear_pointer (&self->set_bounds, g_array_unref);
  g_clear_pointer (&self->set_literals, g_array_unref);
  g_clear_pointer (&self->pattern_rules, g_array_unref);
  g_clear_pointer (&self->whole_text_patterns, g_array_unref);
  g_clear_pointer (&self->stopword_index, g_hash_table_unref);
  g_clear_pointer (&self->stopword_slots, g_free);
  g_clear_pointer (&self->patterns, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->languages, g_ptr_array_unref);
  g_clear_pointer (&self->match_context, pcre2_match_context_free);

  G_OBJECT_CLASS (hdr_rules_parent_class)->finalize (object);
}

static void
hdr_rules_class_init (HdrRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hdr_rules_finalize;
}

static void
hdr_rules_init (HdrRules *self)
{
  self->languages = g_ptr_array_new_with_free_func ((GDestroyNotify) language_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  g_rw_lock_init (&self->jit_lock);
  self->match_context = pcre2_match_context_create (NULL);
  pcre2_set_match_limit (self->match_context, MATCH_LIMIT);
  pcre2_set_depth_limit (self->match_context, DEPTH_LIMIT);
  pcre2_set_heap_limit (self->match_context, HEAP_LIMIT_KIB);
}

static pcre2_code *
compile_folded_pattern (const char *folded,
                        int        *error_code,
                        PCRE2_SIZE *error_offset)
{
  /* PCRE2_USE_OFFSET_LIMIT lets hdr_rules_match() try start positions only
   * up to a literal the match must contain. */
  return pcre2_compile ((PCRE2_SPTR) folded, PCRE2_ZERO_TERMINATED,
                        PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT,
                        error_code, error_offset, NULL);
}

/* Folds PATTERN and, unless LAZY, compiles it.  A lazy pattern is compiled
 * by get_pattern_code() when it first runs, so a process that analyses one
 * short message compiles only the few patterns near its literals. */
static Pattern *
compile_pattern (const char  *source_name,
                 const char  *group,
                 const char  *key,
                 const char  *pattern,
                 gboolean     lazy,
                 GError     **error)
{
  g_autofree char *folded = hdr_fold_pattern (pattern);
  Pattern *compiled;
  pcre2_code *code = NULL;
  int error_code;
  PCRE2_SIZE error_offset;

  if (!lazy)
    {
      code = compile_folded_pattern (folded, &error_code, &error_offset);
      if (code == NULL)
        {
          PCRE2_UCHAR message[256];

          pcre2_get_error_message (error_code, message, sizeof message);
          g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                       "%s: [%s] %s: invalid pattern at offset %zu: %s",
                       source_name, group, key, (gsize) error_offset, (const char *) message);
          return NULL;
        }
    }

  compiled = g_new0 (Pattern, 1);
  compiled->code = code;
  compiled->compiled = lazy ? 0 : 1;
  compiled->source = g_steal_pointer (&folded);
  compiled->max_prefix = HDR_PATTERN_UNBOUNDED;

  return compiled;
}

/* Scripts written without spaces between words: Chinese, Japanese, Thai,
 * Lao, Khmer and Myanmar.  A run of such letters is a whole phrase, so
 * stopwords in them are counted as substrings of the run. */
static gboolean
is_unspaced_script (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN
         || script == G_UNICODE_SCRIPT_HIRAGANA
         || script == G_UNICODE_SCRIPT_KATAKANA
         || script == G_UNICODE_SCRIPT_THAI
         || script == G_UNICODE_SCRIPT_LAO
         || script == G_UNICODE_SCRIPT_KHMER
         || script == G_UNICODE_SCRIPT_MYANMAR;
}

static gboolean
has_unspaced_script (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_unspaced_script (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static Language *
load_language (GKeyFile    *key_file,
               const char  *source_name,
               const char  *expected_code,
               GError     **error)
{
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) stopwords = NULL;
  Language *language;

  if (!g_key_file_has_group (key_file, "language"))
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                   "%s: the [language] group is missing", source_name);
      return NULL;
    }

  code = g_key_file_get_string (key_file, "language", "code", NULL);
  name = g_key_file_get_locale_string (key_file, "language", "name", NULL, NULL);
  stopwords = g_key_file_get_string_list (key_file, "language", "stopwords", NULL, NULL);

  if (code == NULL || *code == '\0')
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                   "%s: [language] has no code= key", source_name);
      return NULL;
    }

  if (expected_code != NULL && strcmp (code, expected_code) != 0)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                   "%s: [language] code=%s, expected %s", source_name, code, expected_code);
      return NULL;
    }

  if (stopwords == NULL || stopwords[0] == NULL)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                   "%s: [language] has no stopwords= list", source_name);
      return NULL;
    }

  language = g_new0 (Language, 1);
  language->code = g_steal_pointer (&code);
  language->name = name != NULL ? g_steal_pointer (&name) : g_strdup (language->code);
  language->stopwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  language->substring_stopwords = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; stopwords[i] != NULL; i++)
    {
      g_autoptr(HdrFolded) word = hdr_fold_text (stopwords[i], -1);

      if (word->length == 0)
        continue;

      if (has_unspaced_script (word->text))
        g_ptr_array_add (language->substring_stopwords, g_strdup (word->text));
      else
        g_hash_table_add (language->stopwords, g_strdup (word->text));
    }

  return language;
}

static Rule *
load_rule (GKeyFile    *key_file,
           const char  *source_name,
           const char  *group,
           Language    *language,
           gboolean     lazy,
           GError     **error)
{
  g_autofree char *category_id = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) pattern_free);
  g_autoptr(GError) local_error = NULL;
  HdrCategory category;
  int weight;
  Rule *rule;

  category_id = g_key_file_get_string (key_file, group, "category", NULL);
  if (category_id == NULL)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                   "%s: [%s] has no category= key", source_name, group);
      return NULL;
    }

  category = hdr_category_from_id (category_id);
  if (category == HDR_CATEGORY_INVALID
      || category == HDR_CATEGORY_DISGUISED_TEXT
      || category == HDR_CATEGORY_HIDDEN_TEXT)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                   "%s: [%s] has an unknown category \"%s\"", source_name, group, category_id);
      return NULL;
    }

  weight = g_key_file_get_integer (key_file, group, "weight", &local_error);
  if (local_error != NULL || weight < 1 || weight > 3)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                   "%s: [%s] needs weight= from 1 to 3", source_name, group);
      return NULL;
    }

  keys = g_key_file_get_keys (key_file, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *pattern = NULL;
      Pattern *compiled;

      if (strcmp (keys[i], "category") == 0 || strcmp (keys[i], "weight") == 0)
        continue;

      if (!g_str_has_prefix (keys[i], "pattern"))
        {
          g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                       "%s: [%s] has an unknown key \"%s\"", source_name, group, keys[i]);
          return NULL;
        }

      /* The raw value: GKeyFile escapes such as \s would change the pattern. */
      pattern = g_key_file_get_value (key_file, group, keys[i], NULL);
      g_strstrip (pattern);
      if (*pattern == '\0')
        {
          g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                       "%s: [%s] %s is empty", source_name, group, keys[i]);
          return NULL;
        }

      compiled = compile_pattern (source_name, group, keys[i], pattern, lazy, error);
      if (compiled == NULL)
        return NULL;
      g_ptr_array_add (patterns, compiled);
    }

  if (patterns->len == 0)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                   "%s: [%s] has no pattern= key", source_name, group);
      return NULL;
    }

  rule = g_new0 (Rule, 1);
  rule->id = g_strdup (group + strlen ("rule "));
  rule->language = language;
  rule->category = category;
  rule->weight = weight;
  rule->patterns = g_steal_pointer (&patterns);

  return rule;
}

/* Loads one rules file into SELF; on error SELF keeps what it had. */
static gboolean
load_rules_file (HdrRules    *self,
                 const char  *source_name,
                 const char  *expected_code,
                 const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  g_auto(GStrv) groups = NULL;
  Language *language;

  g_assert (HDR_IS_RULES (self));
  g_assert (source_name != NULL);
  g_assert (data != NULL);

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                   "%s: invalid rules file: %s", source_name, local_error->message);
      return FALSE;
    }

  language = load_language (key_file, source_name, expected_code, error);
  if (language == NULL)
    return FALSE;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      Rule *rule;

      if (strcmp (groups[i], "language") == 0)
        continue;

      if (!g_str_has_prefix (groups[i], "rule ") || groups[i][strlen ("rule ")] == '\0')
        {
          g_set_error (error, HDR_ERROR, HDR_ERROR_INVALID_DATA,
                       "%s: unknown group [%s]; rule groups are named [rule ID]",
                       source_name, groups[i]);
          language_free (language);
          return FALSE;
        }

      rule = load_rule (key_file, source_name, groups[i], language,
                        self->compile_on_first_use, error);
      if (rule == NULL)
        {
          language_free (language);
          return FALSE;
        }
      g_ptr_array_add (rules, rule);
    }

  g_ptr_array_add (self->languages, language);
  g_ptr_array_extend_and_steal (self->rules, g_steal_pointer (&rules));

  return TRUE;
}

/* Adds the literals of PATTERN's required SETS, from
 * hdr_pattern_get_required_literals(), to the prefilter.  A text in which
 * one of these sets does not occur cannot match the pattern. */
static void
add_required_sets (HdrRules        *self,
                   Pattern         *pattern,
                   const GPtrArray *sets)
{
  pattern->first_set = self->n_sets;
  pattern->n_sets = 0;
  if (sets == NULL)
    return;

  for (guint i = 0; i < sets->len && pattern->n_sets < MAX_SETS_PER_PATTERN; i++)
    {
      const GPtrArray *set = g_ptr_array_index (sets, i);
      SetBounds bounds = { self->set_literals->len, set->len };

      for (guint k = 0; k < set->len; k++)
        {
          guint literal = hdr_prefilter_add_literal (self->prefilter, g_ptr_array_index (set, k));

          g_array_append_val (self->set_literals, literal);
        }
      g_array_append_val (self->set_bounds, bounds);
      self->n_sets++;
      pattern->n_sets++;
    }
}

/* FNV-1a over the word's bytes, never 0, which marks an empty slot. */
static guint32
hash_word (const char *word,
           gsize       length)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) word[i]) * 16777619u;

  return hash | 1;
}

/* Copies stopword_index into open-addressing slots, so that each word of a
 * text is looked up without copying it into a string of its own. */
static void
build_stopword_slots (HdrRules *self)
{
  guint32 n_slots = 16;
  GHashTableIter iter;
  gpointer word;
  gpointer indexes;

  while (n_slots < 2 * g_hash_table_size (self->stopword_index))
    n_slots *= 2;
  self->stopword_mask = n_slots - 1;
  self->stopword_slots = g_new0 (StopwordSlot, n_slots);

  g_hash_table_iter_init (&iter, self->stopword_index);
  while (g_hash_table_iter_next (&iter, &word, &indexes))
    {
      gsize length = strlen (word);
      guint32 hash = hash_word (word, length);
      guint32 slot = hash & self->stopword_mask;

      while (self->stopword_slots[slot].hash != 0)
        slot = (slot + 1) & self->stopword_mask;
      self->stopword_slots[slot] = (StopwordSlot) { hash, (guint32) length, word, indexes };
    }
}

/* Returns the language indexes of the stopword WORD of LENGTH bytes, not
 * nul-terminated, or NULL when no language has it. */
static const GArray *
find_stopword (HdrRules   *self,
               const char *word,
               gsize       length)
{
  guint32 hash = hash_word (word, length);
  guint32 slot = hash & self->stopword_mask;

  for (; self->stopword_slots[slot].hash != 0; slot = (slot + 1) & self->stopword_mask)
    {
      const StopwordSlot *entry = &self->stopword_slots[slot];

      if (entry->hash == hash && entry->length == length && memcmp (entry->word, word, length) == 0)
        return entry->indexes;
    }

  return NULL;
}

/* Chooses the required literals of every pattern and puts them into one
 * prefilter.  The stopwords of all languages occur everywhere, so a literal
 * that is one of them counts as costly and is chosen only when the pattern
 * has no better one. */
static void
build_prefilter (HdrRules *self)
{
  g_autoptr(GHashTable) common_words = g_hash_table_new (g_str_hash, g_str_equal);
  guint prefiltered = 0;

  g_assert (HDR_IS_RULES (self));
  g_assert (self->prefilter == NULL);

  for (guint i = 0; i < self->languages->len; i++)
    {
      const Language *language = g_ptr_array_index (self->languages, i);
      GHashTableIter iter;
      gpointer word;

      g_hash_table_iter_init (&iter, language->stopwords);
      while (g_hash_table_iter_next (&iter, &word, NULL))
        g_hash_table_add (common_words, word);
      for (guint k = 0; k < language->substring_stopwords->len; k++)
        g_hash_table_add (common_words, g_ptr_array_index (language->substring_stopwords, k));
    }

  /* One lookup per word finds every language that has it as a stopword. */
  self->stopword_index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < self->languages->len; i++)
    {
      const Language *language = g_ptr_array_index (self->languages, i);
      GHashTableIter iter;
      gpointer word;

      g_hash_table_iter_init (&iter, language->stopwords);
      while (g_hash_table_iter_next (&iter, &word, NULL))
        {
          GArray *indexes = g_hash_table_lookup (self->stopword_index, word);

          if (indexes == NULL)
            {
              indexes = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (self->stopword_index, word, indexes);
            }
          g_array_append_val (indexes, i);
          self->max_stopword_length = MAX (self->max_stopword_length, strlen (word));
        }
    }
  build_stopword_slots (self);

  self->patterns = g_ptr_array_new ();
  self->prefilter = hdr_prefilter_new ();
  self->set_bounds = g_array_new (FALSE, FALSE, sizeof (SetBounds));
  self->set_literals = g_array_new (FALSE, FALSE, sizeof (guint));
  self->pattern_rules = g_array_new (FALSE, FALSE, sizeof (guint));
  self->whole_text_patterns = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = g_ptr_array_index (self->rules, i);
      guint rule_end = self->patterns->len + rule->patterns->len;

      for (guint k = 0; k < rule->patterns->len; k++)
        {
          Pattern *pattern = g_ptr_array_index (rule->patterns, k);
          g_autoptr(GPtrArray) sets = NULL;
          g_autoptr(GPtrArray) literals =
            hdr_pattern_get_required_literals (pattern->source, common_words,
                                               &pattern->max_prefix, &pattern->max_length, &sets);

          pattern->rule_end = rule_end;
          add_required_sets (self, pattern, sets);
          pattern->prefiltered = literals != NULL;
          if (pattern->prefiltered)
            {
              for (guint n = 0; n < literals->len; n++)
                hdr_prefilter_add (self->prefilter, g_ptr_array_index (literals, n), self->patterns->len);
              prefiltered++;
            }
          else
            {
              g_debug ("%s: rule %s: pattern %u has no required literal and scans whole texts",
                       rule->language->code, rule->id, k + 1);
              g_array_append_val (self->whole_text_patterns, self->patterns->len);
            }

          g_array_append_val (self->pattern_rules, i);
          g_ptr_array_add (self->patterns, pattern);
        }
    }

  hdr_prefilter_build (self->prefilter);
  g_debug ("%u of %u patterns run only near their required literals",
           prefiltered, self->patterns->len);
}

/**
 * hdr_rules_new_from_data:
 * @languages: language codes, one for each entry of @key_files
 * @key_files: contents of rules files, in the format documented at the top
 *   of data/rules/en.rules
 * @error: return location for a #HDR_ERROR_INVALID_DATA error
 *
 * Loads and compiles rules files.  Each file's `[language]` code must equal
 * the matching entry of @languages.
 *
 * Returns: (transfer full): the rules, or %NULL when a file is invalid
 */
HdrRules *
hdr_rules_new_from_data (const char * const  *languages,
                         const char * const  *key_files,
                         GError             **error)
{
  g_autoptr(HdrRules) self = NULL;

  g_return_val_if_fail (languages != NULL, NULL);
  g_return_val_if_fail (key_files != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (HDR_TYPE_RULES, NULL);

  for (guint i = 0; languages[i] != NULL && key_files[i] != NULL; i++)
    {
      g_autofree char *source_name = g_strdup_printf ("%s.rules", languages[i]);

      if (!load_rules_file (self, source_name, languages[i], key_files[i], strlen (key_files[i]), error))
        return NULL;
    }

  build_prefilter (self);

  return g_steal_pointer (&self);
}

static gpointer
load_default_rules (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  HdrRules *self = g_object_new (HDR_TYPE_RULES, NULL);
  /* The library's own resource, named directly: in a static library the
   * object that registers it globally is only linked when referenced. */
  GResource *resource = hdr_core_get_resource ();

  /* Patterns compile on first use.  The test /rules/bundled-compile
   * compiles every bundled pattern, so an invalid one fails the tests. */
  self->compile_on_first_use = TRUE;

  names = g_resource_enumerate_children (resource, RULES_RESOURCE_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    {
      g_warning ("Bundled rules not found at %s: %s", RULES_RESOURCE_PATH, error->message);
      build_prefilter (self);
      return self;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *code = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) file_error = NULL;
      gsize size;
      const char *contents;

      if (!g_str_has_suffix (names[i], ".rules"))
        continue;

      path = g_strconcat (RULES_RESOURCE_PATH, names[i], NULL);
      code = g_strndup (names[i], strlen (names[i]) - strlen (".rules"));
      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, &file_error);
      if (bytes == NULL)
        {
          g_warning ("Could not read bundled rules %s: %s", path, file_error->message);
          continue;
        }

      contents = g_bytes_get_data (bytes, &size);
      if (!load_rules_file (self, names[i], code, contents, size, &file_error))
        g_warning ("Bundled rules skipped: %s", file_error->message);
    }

  build_prefilter (self);
  g_debug ("Loaded %u rules in %u languages", self->rules->len, self->languages->len);

  return self;
}

/**
 * hdr_rules_get_default:
 *
 * Loads and compiles the rules bundled in the library's resources on the
 * first call; later calls, from any thread, get the same object.
 *
 * Returns: (transfer none): the bundled rules
 */
HdrRules *
hdr_rules_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_default_rules, NULL);
  return once.retval;
}

/* Where the hits of one required set's literals are, for one text. */
typedef struct
{
  guint     n_seen;      /* literals of the set with a hit */
  guint     low;         /* when n_seen is 1: its hits in MatchRun.grouped */
  guint     high;
  GArray   *positions;   /* when n_seen > 1 in a long text: gsize positions of all hits, sorted */
  gsize     query_first; /* the FIRST of the last set_occurs_between() query.. */
  gsize     next_hit;    /* ..and the first hit at or after it, G_MAXSIZE for none */
} SetHits;

/* State of one pattern during one hdr_rules_match() call. */
typedef struct
{
  gsize    next_start;   /* start positions before this one were tried */
  gsize    skip_below;   /* literals before this position cannot have every required set nearby */
  gboolean done;         /* matched, or stopped by a limit */
  gboolean matched;
  gsize    start;
  gsize    end;
} PatternState;

typedef struct
{
  HdrRules            *self;
  const char          *text;
  gsize                length;
  pcre2_match_data    *match_data;
  pcre2_match_context *match_context;
  guint               *state_slots;   /* per pattern: 0, or 1 + its index in states */
  GArray              *states;        /* PatternState of the patterns used so far */
  guint                limit_hits;
  GArray              *hits;          /* HdrPrefilterHit, in text order */
  HdrPrefilterHit     *grouped;       /* the hits sorted by literal, then by position */
  guint8              *literal_seen;  /* bit i is set when literal i has a hit */
  guint               *set_hit_slots; /* per required set: 0, or 1 + its index in set_hits */
  GArray              *set_hits;      /* SetHits of the sets used so far */
  guint               *literal_first; /* when not NULL, literal i's hits are grouped[literal_first[i]]
                                         up to grouped[literal_first[i + 1] - 1] */
} MatchRun;


/* Returns the state of pattern INDEX, made on first use: most patterns of
 * 16 languages are never looked at in a short text, so zeroing a state for
 * each of them would cost more than the few that are. */
static PatternState *
get_state (MatchRun *run,
           guint     index)
{
  if (run->state_slots[index] == 0)
    {
      g_array_set_size (run->states, run->states->len + 1);
      run->state_slots[index] = run->states->len;
    }

  return &g_array_index (run->states, PatternState, run->state_slots[index] - 1);
}

/* Returns the state of pattern INDEX, or NULL when it was never used. */
static const PatternState *
peek_state (const MatchRun *run,
            guint           index)
{
  if (run->state_slots[index] == 0)
    return NULL;

  return &g_array_index (run->states, PatternState, run->state_slots[index] - 1);
}

/* Returns the compiled code of PATTERN, compiling it on first use, or NULL
 * when it does not compile.  Callers hold the reader lock of jit_lock, so
 * JIT code is added here once ensure_jit_compiled() has run. */
static pcre2_code *
get_pattern_code (HdrRules *self,
                  Pattern  *pattern)
{
  if (g_once_init_enter (&pattern->compiled))
    {
      int error_code;
      PCRE2_SIZE error_offset;

      pattern->code = compile_folded_pattern (pattern->source, &error_code, &error_offset);
      if (pattern->code == NULL)
        g_warning ("Bundled pattern %s is invalid at offset %zu: PCRE2 error %d; it never matches",
                   pattern->source, (gsize) error_offset, error_code);
      else if (g_atomic_int_get (&self->jit_compiled))
        pcre2_jit_compile (pattern->code, PCRE2_JIT_COMPLETE);

      g_once_init_leave (&pattern->compiled, 1);
    }

  return pattern->code;
}

/* Tries PATTERN at start positions from START up to LAST_START, or to the
 * end of the text when LAST_START is PCRE2_UNSET.  The whole text stays the
 * subject, so lookbehind, \b and lookahead see past both ends. */
static void
run_pattern (MatchRun *run,
             guint     index,
             gsize     start,
             gsize     last_start)
{
  Pattern *pattern = g_ptr_array_index (run->self->patterns, index);
  pcre2_code *code = get_pattern_code (run->self, pattern);
  PatternState *state = get_state (run, index);
  int rc;

  if (code == NULL)
    {
      state->done = TRUE;
      return;
    }

  pcre2_set_offset_limit (run->match_context, last_start);
  rc = pcre2_match (code, (PCRE2_SPTR) run->text, run->length, start,
                    PCRE2_NO_UTF_CHECK, run->match_data, run->match_context);
  if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
    rc = pcre2_match (code, (PCRE2_SPTR) run->text, run->length, start,
                      PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, run->match_data, run->match_context);

  if (rc >= 0)
    {
      PCRE2_SIZE *ovector = pcre2_get_ovector_pointer (run->match_data);

      state->done = TRUE;
      state->matched = TRUE;
      state->start = ovector[0];
      state->end = MAX (ovector[0], ovector[1]);

      /* A rule reports its first matching pattern, so the patterns after
       * this one in the same rule cannot change the result. */
      for (guint k = index + 1; k < pattern->rule_end; k++)
        get_state (run, k)->done = TRUE;
    }
  else if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT
           || rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
    {
      const Pattern *stopped = g_ptr_array_index (run->self->patterns, index);

      g_debug ("Pattern %s stopped by the match limit", stopped->source);
      state->done = TRUE;
      run->limit_hits++;
    }
  else if (rc != PCRE2_ERROR_NOMATCH)
    {
      g_debug ("Pattern %s failed to match: error %d", pattern->source, rc);
      state->done = TRUE;
    }
}

/* A text with at most this many hits per literal of the rules sorts its
 * hits, because zeroing and summing arrays of all 11,500 literals would cost
 * more than the sort. */
#define SORT_HITS_PER_LITERAL 0.05

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const HdrPrefilterHit *x = a;
  const HdrPrefilterHit *y = b;

  if (x->literal != y->literal)
    return x->literal < y->literal ? -1 : 1;
  return x->position < y->position ? -1 : (x->position > y->position ? 1 : 0);
}

/* Sorts the hits by literal and keeps text order within a literal.  A
 * long text uses a counting sort over all literals, a short one qsort(). */
static void
group_hits (MatchRun *run)
{
  guint n_literals = hdr_prefilter_get_n_literals (run->self->prefilter);
  guint n_hits = run->hits->len;
  g_autofree guint *next = NULL;

  run->grouped = g_new (HdrPrefilterHit, MAX (n_hits, 1));
  run->literal_seen = g_new0 (guint8, n_literals / 8 + 1);
  for (guint i = 0; i < n_hits; i++)
    {
      guint literal = g_array_index (run->hits, HdrPrefilterHit, i).literal;

      run->literal_seen[literal / 8] |= (guint8) (1u << (literal % 8));
    }

  if (n_hits <= SORT_HITS_PER_LITERAL * n_literals)
    {
      memcpy (run->grouped, run->hits->data, n_hits * sizeof (HdrPrefilterHit));
      qsort (run->grouped, n_hits, sizeof (HdrPrefilterHit), compare_hits);
      return;
    }

  run->literal_first = g_new0 (guint, n_literals + 1);
  for (guint i = 0; i < n_hits; i++)
    run->literal_first[g_array_index (run->hits, HdrPrefilterHit, i).literal + 1]++;
  for (guint i = 0; i < n_literals; i++)
    run->literal_first[i + 1] += run->literal_first[i];

  next = g_memdup2 (run->literal_first, n_literals * sizeof (guint));
  for (guint i = 0; i < n_hits; i++)
    {
      const HdrPrefilterHit *hit = &g_array_index (run->hits, HdrPrefilterHit, i);

      run->grouped[next[hit->literal]++] = *hit;
    }
}

/* Sets *LOW and *HIGH to the range of run->grouped with LITERAL's hits. */
static void
find_literal_hits (const MatchRun *run,
                   guint           literal,
                   guint          *low,
                   guint          *high)
{
  guint start = 0;
  guint end = run->hits->len;

  if (run->literal_first != NULL)
    {
      *low = run->literal_first[literal];
      *high = run->literal_first[literal + 1];
      return;
    }

  /* The first hit of LITERAL, then the first of a later literal. */
  while (start < end)
    {
      guint middle = start + (end - start) / 2;

      if (run->grouped[middle].literal < literal)
        start = middle + 1;
      else
        end = middle;
    }
  *low = start;

  end = run->hits->len;
  while (start < end)
    {
      guint middle = start + (end - start) / 2;

      if (run->grouped[middle].literal <= literal)
        start = middle + 1;
      else
        end = middle;
    }
  *high = start;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  gsize x = *(const gsize *) a;
  gsize y = *(const gsize *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

/* A text with at least this many hits merges the hits of a set's literals
 * into one sorted array.  A shorter text searches each literal's hits,
 * because that costs less than allocating and sorting. */
#define MERGE_MIN_HITS 4096

/* Returns where the hits of SET's literals are, found on first use.  One
 * literal's hits are already sorted in run->grouped; in a long text the
 * hits of several are copied and sorted once. */
static SetHits *
ensure_set_hits (MatchRun *run,
                 guint     set)
{
  const SetBounds *bounds = &g_array_index (run->self->set_bounds, SetBounds, set);
  const guint *literals = &g_array_index (run->self->set_literals, guint, bounds->first);
  SetHits *hits;

  /* Only the sets near a literal's hit are ever looked at, so their state
   * is made on first use rather than zeroed for all sets of all rules. */
  if (run->set_hit_slots[set] != 0)
    return &g_array_index (run->set_hits, SetHits, run->set_hit_slots[set] - 1);

  g_array_set_size (run->set_hits, run->set_hits->len + 1);
  run->set_hit_slots[set] = run->set_hits->len;
  hits = &g_array_index (run->set_hits, SetHits, run->set_hits->len - 1);
  hits->query_first = G_MAXSIZE;
  for (guint i = 0; i < bounds->count; i++)
    {
      guint low;
      guint high;

      if ((run->literal_seen[literals[i] / 8] & (1u << (literals[i] % 8))) == 0)
        continue;

      find_literal_hits (run, literals[i], &low, &high);
      hits->n_seen++;
      if (hits->n_seen == 1)
        {
          hits->low = low;
          hits->high = high;
          continue;
        }
      if (run->hits->len < MERGE_MIN_HITS)
        continue;

      if (hits->positions == NULL)
        {
          hits->positions = g_array_new (FALSE, FALSE, sizeof (gsize));
          for (guint k = hits->low; k < hits->high; k++)
            g_array_append_val (hits->positions, run->grouped[k].position);
        }
      for (guint k = low; k < high; k++)
        g_array_append_val (hits->positions, run->grouped[k].position);
    }

  if (hits->positions != NULL)
    g_array_sort (hits->positions, compare_positions);

  return hits;
}

/* Returns whether a literal of required set SET starts at a position from
 * FIRST up to LAST.  FIRST 0 and LAST G_MAXSIZE test the whole text. */
/* Returns the position of the first hit at or after FIRST among
 * run->grouped[LOW] to run->grouped[HIGH - 1], one literal's hits in text
 * order, or G_MAXSIZE when there is none. */
static gsize
first_hit_from (const MatchRun *run,
                guint           low,
                guint           high,
                gsize           first)
{
  guint end = high;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (run->grouped[middle].position < first)
        low = middle + 1;
      else
        high = middle;
    }

  return low < end ? run->grouped[low].position : G_MAXSIZE;
}

static gboolean
set_occurs_between (MatchRun *run,
                    guint     set,
                    gsize     first,
                    gsize     last)
{
  SetHits *hits = ensure_set_hits (run, set);
  guint low;
  guint high;

  if (hits->n_seen == 0)
    return FALSE;

  /* A pattern's literals come in text order, so FIRST rarely decreases.
   * No hit lies between the last query's FIRST and next_hit, so next_hit is
   * also the first hit at or after a later FIRST that does not pass it. */
  if (hits->query_first != G_MAXSIZE && first >= hits->query_first && hits->next_hit >= first)
    return hits->next_hit <= last;

  hits->query_first = first;
  if (hits->positions != NULL)
    {
      /* The first hit at or after FIRST, by binary search. */
      low = 0;
      high = hits->positions->len;
      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (g_array_index (hits->positions, gsize, middle) < first)
            low = middle + 1;
          else
            high = middle;
        }
      hits->next_hit = low < hits->positions->len ? g_array_index (hits->positions, gsize, low) : G_MAXSIZE;
    }
  else if (hits->n_seen == 1)
    {
      hits->next_hit = first_hit_from (run, hits->low, hits->high, first);
    }
  else
    {
      const SetBounds *bounds = &g_array_index (run->self->set_bounds, SetBounds, set);
      const guint *literals = &g_array_index (run->self->set_literals, guint, bounds->first);

      hits->next_hit = G_MAXSIZE;
      for (guint i = 0; i < bounds->count; i++)
        {
          if ((run->literal_seen[literals[i] / 8] & (1u << (literals[i] % 8))) == 0)
            continue;

          find_literal_hits (run, literals[i], &low, &high);
          hits->next_hit = MIN (hits->next_hit, first_hit_from (run, low, high, first));
        }
    }

  return hits->next_hit <= last;
}

/* Marks the patterns done that would scan the whole text although one of
 * their required sets does not occur in it.  The other patterns check their
 * sets near each of their literals, in run_near_literal(). */
static void
skip_patterns_without_sets (MatchRun *run)
{
  const GArray *indexes = run->self->whole_text_patterns;

  for (guint n = 0; n < indexes->len; n++)
    {
      guint i = g_array_index (indexes, guint, n);
      const Pattern *pattern = g_ptr_array_index (run->self->patterns, i);

      for (guint k = 0; k < pattern->n_sets; k++)
        {
          if (!set_occurs_between (run, pattern->first_set + k, 0, G_MAXSIZE))
            {
              get_state (run, i)->done = TRUE;
              break;
            }
        }
    }
}

/* A match that contains the literal at POSITION starts at most max_prefix
 * bytes before it and at the latest at POSITION itself. */
static void
run_near_literal (MatchRun *run,
                  guint     index,
                  gsize     position)
{
  const Pattern *pattern = g_ptr_array_index (run->self->patterns, index);
  PatternState *state = get_state (run, index);
  gsize start;

  if (state->done || position < state->next_start || position < state->skip_below)
    return;

  start = position > pattern->max_prefix ? position - pattern->max_prefix : 0;

  /* Every match that could contain this literal lies from START up to
   * POSITION + max_length, so each required set must occur there too. */
  for (guint k = 0; k < pattern->n_sets; k++)
    {
      gsize last = pattern->max_length == HDR_PATTERN_UNBOUNDED
                   ? G_MAXSIZE : position + pattern->max_length;
      const SetHits *hits;

      if (set_occurs_between (run, pattern->first_set + k, start, last))
        continue;

      /* Later literals start their span later.  So a set without a hit
       * after START rules the pattern out for the rest of the text.  A set
       * whose next hit lies beyond LAST rules out every literal whose span
       * ends before that hit. */
      hits = ensure_set_hits (run, pattern->first_set + k);
      state = get_state (run, index);
      if (hits->n_seen == 0 || hits->next_hit == G_MAXSIZE)
        state->done = TRUE;
      else if (pattern->max_length != HDR_PATTERN_UNBOUNDED && hits->next_hit > pattern->max_length)
        state->skip_below = hits->next_hit - pattern->max_length;
      return;
    }

  start = MAX (start, state->next_start);
  while (start > 0 && ((guchar) run->text[start] & 0xC0) == 0x80)
    start--;

  run_pattern (run, index, start, position);

  /* run_pattern() may have made states and so moved this one. */
  get_state (run, index)->next_start = position + 1;
}

/* Rules are JIT compiled once this many bytes were matched, in one text or
 * in many.  JIT compiling every pattern of 16 languages took about 0.2 s on
 * a 2-core machine, more than matching one message of a few KiB with the
 * interpreter, so a single short message never pays for it.  Of the bundled
 * rules, only the patterns compiled so far get JIT code at that point, and
 * the others get it when they are compiled. */
#define JIT_MIN_TEXT_BYTES (64 * 1024)

/* Adds JIT code to every pattern, once.  Without JIT support pcre2_match()
 * runs the interpreter, only slower. */
static void
ensure_jit_compiled (HdrRules *self)
{
  g_rw_lock_writer_lock (&self->jit_lock);

  if (!self->jit_compiled)
    {
      for (guint i = 0; i < self->patterns->len; i++)
        {
          Pattern *pattern = g_ptr_array_index (self->patterns, i);
          int error_code;

          /* A pattern compiled later gets its JIT code in get_pattern_code(). */
          if (pattern->code == NULL)
            continue;

          error_code = pcre2_jit_compile (pattern->code, PCRE2_JIT_COMPLETE);
          if (error_code != 0)
            g_debug ("Pattern %s: no JIT code, error %d", pattern->source, error_code);
        }
      g_atomic_int_set (&self->jit_compiled, TRUE);
    }

  g_rw_lock_writer_unlock (&self->jit_lock);
}

/**
 * hdr_rules_match:
 * @self: rules
 * @folded: text folded with hdr_fold_text(), valid UTF-8
 * @length: bytes in @folded
 * @func: called for each rule that matched, with its first match
 * @user_data: passed to @func
 *
 * Runs every rule of every language over @folded.  One pass finds the
 * required literals of all patterns.  A pattern with a required set of
 * literals that does not occur in @folded is skipped.  Each other pattern
 * then tries only the start positions from which a match could reach one
 * of its literals, and a pattern without such literals scans the whole
 * text.  Once a pattern matched, the later patterns of its rule are
 * skipped.  A pattern that
 * reaches the match or depth limit counts as not matched.  @func is called
 * in rule order, with the match of each rule's first matching pattern.
 *
 * Returns: the number of patterns stopped by the match or depth limit
 */
guint
hdr_rules_match (HdrRules         *self,
                 const char       *folded,
                 gsize             length,
                 HdrRuleMatchFunc  func,
                 gpointer          user_data)
{
  g_autofree guint *state_slots = NULL;
  MatchRun run;
  guint last_reported = 0;
  gboolean reported_any = FALSE;

  g_return_val_if_fail (HDR_IS_RULES (self), 0);
  g_return_val_if_fail (folded != NULL || length == 0, 0);
  g_return_val_if_fail (func != NULL, 0);

  if (folded == NULL)
    folded = "";

  if (!g_utf8_validate_len (folded, length, NULL))
    {
      g_debug ("Text to match is not valid UTF-8; no rule runs on it");
      return 0;
    }

  if ((gsize) g_atomic_pointer_add (&self->matched_bytes, length) + length >= JIT_MIN_TEXT_BYTES
      && !g_atomic_int_get (&self->jit_compiled))
    ensure_jit_compiled (self);

  /* Patterns are read by many threads at once; the JIT compile above
   * changes them and so waits until no match runs. */
  g_rw_lock_reader_lock (&self->jit_lock);

  state_slots = g_new0 (guint, MAX (self->patterns->len, 1));
  run = (MatchRun) {
    .self = self,
    .text = folded,
    .length = length,
    .match_data = pcre2_match_data_create (1, NULL),
    /* A copy per call, because the offset limit changes during the call and
     * the rules are shared between threads. */
    .match_context = pcre2_match_context_copy (self->match_context),
    .state_slots = state_slots,
    .states = g_array_new (FALSE, TRUE, sizeof (PatternState)),
    .hits = g_array_sized_new (FALSE, FALSE, sizeof (HdrPrefilterHit), length / 16 + 16),
  };

  hdr_prefilter_find (self->prefilter, folded, length, run.hits);
  group_hits (&run);
  run.set_hit_slots = g_new0 (guint, MAX (self->n_sets, 1));
  run.set_hits = g_array_new (FALSE, TRUE, sizeof (SetHits));
  skip_patterns_without_sets (&run);

  /* The hits of the patterns' own literals, in text order. */
  for (guint i = 0; i < run.hits->len; i++)
    {
      const HdrPrefilterHit *hit = &g_array_index (run.hits, HdrPrefilterHit, i);
      guint n_ids;
      const guint *ids = hdr_prefilter_get_ids (self->prefilter, hit->literal, &n_ids);

      for (guint k = 0; k < n_ids; k++)
        run_near_literal (&run, ids[k], hit->position);
    }
  g_array_unref (run.hits);
  g_free (run.literal_first);
  g_free (run.grouped);
  g_free (run.literal_seen);
  for (guint i = 0; i < run.set_hits->len; i++)
    g_clear_pointer (&g_array_index (run.set_hits, SetHits, i).positions, g_array_unref);
  g_array_unref (run.set_hits);
  g_free (run.set_hit_slots);

  for (guint n = 0; n < self->whole_text_patterns->len; n++)
    {
      guint i = g_array_index (self->whole_text_patterns, guint, n);

      if (peek_state (&run, i) == NULL || !peek_state (&run, i)->done)
        run_pattern (&run, i, 0, PCRE2_UNSET);
    }

  g_rw_lock_reader_unlock (&self->jit_lock);
  pcre2_match_data_free (run.match_data);
  pcre2_match_context_free (run.match_context);

  /* Patterns are in rule order, so a rule's first matching pattern is the
   * first matched state after the previous rule's. */
  for (guint i = 0; i < self->patterns->len; i++)
    {
      guint rule_index = g_array_index (self->pattern_rules, guint, i);
      const PatternState *state = peek_state (&run, i);
      const Rule *rule;

      if (state == NULL || !state->matched || (reported_any && rule_index == last_reported))
        continue;

      rule = g_ptr_array_index (self->rules, rule_index);
      last_reported = rule_index;
      reported_any = TRUE;
      func (&(HdrRuleMatch) {
              .rule_id = rule->id,
              .language = rule->language->code,
              .category = rule->category,
              .weight = rule->weight,
              .start = state->start,
              .end = state->end,
            }, user_data);
    }

  g_array_unref (run.states);
  return run.limit_hits;
}

static gboolean
is_letter_at (const char *p)
{
  if ((guchar) *p < 0x80)
    return g_ascii_isalpha (*p);

  return g_unichar_isalpha (g_utf8_get_char (p));
}

/* Adds to COUNTS the non-overlapping occurrences of each language's
 * unspaced-script stopwords inside RUN, a run of letters without spaces. */
static void
count_substring_stopwords (HdrRules   *self,
                           const char *run,
                           guint      *counts,
                           guint      *total)
{
  g_assert (HDR_IS_RULES (self));
  g_assert (run != NULL);

  for (guint i = 0; i < self->languages->len; i++)
    {
      const Language *language = g_ptr_array_index (self->languages, i);

      for (guint k = 0; k < language->substring_stopwords->len; k++)
        {
          const char *stopword = g_ptr_array_index (language->substring_stopwords, k);
          gsize stopword_length = strlen (stopword);

          for (const char *found = strstr (run, stopword);
               found != NULL;
               found = strstr (found + stopword_length, stopword))
            {
              counts[i]++;
              (*total)++;
            }
        }
    }
}

static gint
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const guint *counts = user_data;
  guint index_a = GPOINTER_TO_UINT (*(gpointer const *) a);
  guint index_b = GPOINTER_TO_UINT (*(gpointer const *) b);

  if (counts[index_a] != counts[index_b])
    return counts[index_a] > counts[index_b] ? -1 : 1;

  return index_a < index_b ? -1 : (index_a > index_b ? 1 : 0);
}

/**
 * hdr_rules_identify_languages:
 * @self: rules
 * @folded: text folded with hdr_fold_text()
 *
 * Counts the stopwords of each language in @folded and reports the
 * languages with a clear share of all stopword hits, most hits first.
 * A stopword that contains letters of a script written without spaces
 * (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) counts wherever it occurs
 * inside a run of letters.  All other stopwords must be whole words.
 *
 * Returns: (transfer full): language codes, possibly none
 */
GStrv
hdr_rules_identify_languages (HdrRules   *self,
                              const char *folded)
{
  g_autofree guint *counts = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint total = 0;
  const char *p;

  g_return_val_if_fail (HDR_IS_RULES (self), NULL);
  g_return_val_if_fail (folded != NULL, NULL);

  counts = g_new0 (guint, self->languages->len + 1);
  p = folded;

  while (*p != '\0')
    {
      const char *start;
      gsize length;
      gboolean ascii = TRUE;
      const GArray *indexes;

      while (*p != '\0' && !is_letter_at (p))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && (is_letter_at (p) || *p == '\''))
        {
          ascii = ascii && (guchar) *p < 0x80;
          p = g_utf8_next_char (p);
        }
      if (p == start)
        break;

      length = (gsize) (p - start);
      indexes = length <= self->max_stopword_length ? find_stopword (self, start, length) : NULL;
      for (guint i = 0; indexes != NULL && i < indexes->len; i++)
        {
          counts[g_array_index (indexes, guint, i)]++;
          total++;
        }

      if (!ascii)
        {
          g_autofree char *run = g_strndup (start, length);

          if (has_unspaced_script (run))
            count_substring_stopwords (self, run, counts, &total);
        }
    }

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->languages->len; i++)
    if (counts[i] >= LANGUAGE_MIN_HITS && counts[i] >= LANGUAGE_MIN_SHARE * total)
      g_ptr_array_add (order, GUINT_TO_POINTER (i));

  g_ptr_array_sort_with_data (order, compare_counts, counts);

  for (guint i = 0; i < order->len; i++)
    {
      const Language *language = g_ptr_array_index (self->languages,
                                                     GPOINTER_TO_UINT (g_ptr_array_index (order, i)));

      g_strv_builder_add (builder, language->code);
    }

  return g_strv_builder_end (builder);
}

guint
hdr_rules_get_n_rules (HdrRules *self)
{
  g_return_val_if_fail (HDR_IS_RULES (self), 0);

  return self->rules->len;
}

/**
 * hdr_rules_get_languages:
 * @self: rules
 *
 * Returns: (transfer full): the codes of the loaded languages, in load order
 */
GStrv
hdr_rules_get_languages (HdrRules *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HDR_IS_RULES (self), NULL);

  for (guint i = 0; i < self->languages->len; i++)
    {
      const Language *language = g_ptr_array_index (self->languages, i);

      g_strv_builder_add (builder, language->code);
    }

  return g_strv_builder_end (builder);
}
