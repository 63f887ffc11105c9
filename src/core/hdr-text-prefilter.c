/* hdr-text-prefilter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-text-prefilter"

#include "config.h"

#include <string.h>

#include "hdr-text-prefilter.h"

/* Required literals ----------------------------------------------------------
 *
 * A small parser of PCRE2 syntax computes these values for each part of a
 * pattern:
 *   exact      the set of strings the part matches, when it is small and
 *              finite ("(?:a|an) " gives {"a ", "an "}); NULL otherwise;
 *   required   a set of strings one of which is inside every match of the
 *              part; NULL when there is none;
 *   required_prefix  the most bytes of a match before that string;
 *   max_length the longest match in bytes, counting an unbounded repeat
 *              (\w+, .*) as HDR_PATTERN_REPEAT_BYTES.
 * Any syntax it does not know (inline options, backreferences, \K) makes it
 * give up, and the pattern then runs over the whole text. */

/* Sets with more strings than this are no longer tracked exactly. */
#define MAX_SET_SIZE 32

/* Required sets of alternatives with more strings than this are dropped. */
#define MAX_REQUIRED_SIZE 128

/* Bytes of a class member, escape or dot: the longest UTF-8 character. */
#define MAX_CHAR_BYTES 4

typedef struct
{
  GPtrArray *exact;
  GPtrArray *required;
  gsize      required_prefix;
  gsize      max_length;
} Info;

typedef struct
{
  const char *p;
  gboolean    failed;
  GHashTable *common_words;
  guint       depth;        /* alternations entered, 1 at the top level */
  guint       top_branches; /* branches of the top-level alternation */
  GPtrArray  *top_sets;     /* GPtrArray * sets required by a top-level branch; NULL when not wanted */
  GStringChunk *strings;    /* the strings of all sets of one parse */
} Parser;

/* A set borrows its strings from the parser's string chunk, so copying
 * and freeing sets copies and frees no string. */
static GPtrArray *
set_new (void)
{
  return g_ptr_array_new ();
}

/* Returns a set of the empty string alone. */
static GPtrArray *
set_new_empty (void)
{
  GPtrArray *set = set_new ();

  g_ptr_array_add (set, (gpointer) "");
  return set;
}

static GPtrArray *
set_new_with (Parser     *parser,
              const char *string,
              gsize       length)
{
  GPtrArray *set = set_new ();

  g_ptr_array_add (set, g_string_chunk_insert_len (parser->strings, string, (gssize) length));
  return set;
}

static GPtrArray *
set_copy (const GPtrArray *set)
{
  if (set == NULL)
    return NULL;

  return g_ptr_array_copy ((GPtrArray *) set, NULL, NULL);
}

/* Returns a copy of SET that owns its strings, to outlive the parser. */
static GPtrArray *
set_copy_owned (const GPtrArray *set)
{
  GPtrArray *copy = g_ptr_array_new_full (set->len, g_free);

  for (guint i = 0; i < set->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (set, i)));

  return copy;
}

static gboolean
set_contains (const GPtrArray *set,
              const char      *string)
{
  for (guint i = 0; i < set->len; i++)
    if (strcmp (g_ptr_array_index (set, i), string) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
set_has_empty (const GPtrArray *set)
{
  return set_contains (set, "");
}

/* Returns the union, or NULL when it would exceed MAX_SIZE strings. */
static GPtrArray *
set_union_max (const GPtrArray *a,
               const GPtrArray *b,
               guint            max_size)
{
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *result = set_new ();

  /* Small sets, the usual case, are searched directly. */
  if (a->len + b->len > 16)
    seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < a->len + b->len; i++)
    {
      const char *string = i < a->len ? g_ptr_array_index (a, i) : g_ptr_array_index (b, i - a->len);

      if (seen != NULL ? !g_hash_table_add (seen, (gpointer) string) : set_contains (result, string))
        continue;

      g_ptr_array_add (result, (gpointer) string);
      if (result->len > max_size)
        {
          g_ptr_array_unref (result);
          return NULL;
        }
    }

  return result;
}

static GPtrArray *
set_union (const GPtrArray *a,
           const GPtrArray *b)
{
  return set_union_max (a, b, MAX_SET_SIZE);
}

/* Returns SET without the strings that start with another string of SET:
 * where "accessed" occurs, "access" occurs at the same position.  A string
 * that only contains another one stays, because the literal's position in
 * the match decides where a match can start. */
static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
set_minimize (const GPtrArray *set)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (set->len);
  GPtrArray *result = set_new ();
  const char *kept = NULL;

  for (guint i = 0; i < set->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (set, i));

  /* Sorted, the strings that start with a kept string follow it directly. */
  g_ptr_array_sort (sorted, compare_strings);

  for (guint i = 0; i < sorted->len; i++)
    {
      const char *string = g_ptr_array_index (sorted, i);

      if (kept != NULL && g_str_has_prefix (string, kept))
        continue;

      g_ptr_array_add (result, (gpointer) string);
      kept = string;
    }

  return result;
}

/* Returns every string of A followed by every string of B, or NULL when that
 * would exceed MAX_SET_SIZE. */
static GPtrArray *
set_cross (Parser          *parser,
           const GPtrArray *a,
           const GPtrArray *b)
{
  g_autoptr(GString) joined = NULL;
  GPtrArray *result;

  if ((gsize) a->len * b->len > MAX_SET_SIZE)
    return NULL;

  /* At most MAX_SET_SIZE strings, so duplicates are searched directly. */
  joined = g_string_new (NULL);
  result = set_new ();
  for (guint i = 0; i < a->len; i++)
    for (guint k = 0; k < b->len; k++)
      {
        g_string_assign (joined, g_ptr_array_index (a, i));
        g_string_append (joined, g_ptr_array_index (b, k));
        if (!set_contains (result, joined->str))
          g_ptr_array_add (result, g_string_chunk_insert_len (parser->strings, joined->str,
                                                              (gssize) joined->len));
      }

  return result;
}

static gsize
add_lengths (gsize a,
             gsize b)
{
  if (a == HDR_PATTERN_UNBOUNDED || b == HDR_PATTERN_UNBOUNDED || a > G_MAXSIZE / 2 || b > G_MAXSIZE / 2)
    return HDR_PATTERN_UNBOUNDED;

  return a + b;
}

static void
info_clear (Info *info)
{
  g_clear_pointer (&info->exact, g_ptr_array_unref);
  g_clear_pointer (&info->required, g_ptr_array_unref);
}

/* Returns the set one of which every match contains, or NULL (borrowed),
 * and in *PREFIX the most bytes of a match before it. */
static const GPtrArray *
info_get_required (const Info *info,
                   gsize      *prefix)
{
  if (info->exact != NULL)
    {
      *prefix = 0;
      return set_has_empty (info->exact) ? NULL : info->exact;
    }

  *prefix = info->required_prefix;
  return info->required;
}

/* How well a literal selects positions: its bytes other than spaces, or 1
 * for a common word such as "your", which is everywhere in mail. */
static gsize
literal_weight (Parser     *parser,
                const char *literal)
{
  gsize length = strlen (literal);
  gsize start = 0;
  gsize end = length;
  gsize weight = 0;

  while (start < end && literal[start] == ' ')
    start++;
  while (end > start && literal[end - 1] == ' ')
    end--;

  if (parser->common_words != NULL && end > start)
    {
      char stripped[128];
      gboolean common;

      if (end - start < sizeof stripped)
        {
          memcpy (stripped, literal + start, end - start);
          stripped[end - start] = '\0';
          common = g_hash_table_contains (parser->common_words, stripped);
          if (common)
            return 1;
        }
    }

  for (gsize i = start; i < end; i++)
    if (literal[i] != ' ')
      weight++;

  return weight;
}

/* Returns the length of the shortest string of SET, spaces not counted. */
static gsize
set_min_length (const GPtrArray *set)
{
  gsize shortest = G_MAXSIZE;

  for (guint i = 0; i < set->len; i++)
    {
      gsize length = 0;

      for (const char *p = g_ptr_array_index (set, i); *p != '\0'; p++)
        if (*p != ' ')
          length++;
      shortest = MIN (shortest, length);
    }

  return shortest;
}

/* Estimates the work a required set causes.  Each literal occurs at a
 * position with a chance of about 4^-weight, a guess that allows for folded
 * text having fewer than 30 common letters and for repeated words.  Each
 * occurrence then tries PREFIX + 1 start positions. */
static double
estimate_cost (Parser          *parser,
               const GPtrArray *set,
               gsize            prefix)
{
  double chance = 0.0;

  for (guint i = 0; i < set->len; i++)
    {
      gsize weight = literal_weight (parser, g_ptr_array_index (set, i));

      chance += 1.0 / (double) (1ull << (2 * MIN (weight, 30)));
    }

  return chance * ((double) MIN (prefix, G_MAXUINT32) + 1.0);
}

/* Keeps in *BEST the cheaper of CANDIDATE and *BEST.  A set with a string
 * shorter than HDR_PREFILTER_MIN_LITERAL never qualifies. */
static void
consider_required (Parser          *parser,
                   GPtrArray      **best,
                   gsize           *best_prefix,
                   const GPtrArray *candidate,
                   gsize            candidate_prefix)
{
  double cost;

  if (candidate == NULL || candidate->len == 0 || set_has_empty (candidate))
    return;
  if (set_min_length (candidate) < HDR_PREFILTER_MIN_LITERAL)
    return;

  /* Every set considered in a top-level sequence is in every match of that
   * sequence, wherever it is.  hdr_pattern_get_required_sets() returns them. */
  if (parser->depth == 1 && parser->top_sets != NULL && candidate->len <= MAX_REQUIRED_SIZE)
    g_ptr_array_add (parser->top_sets, set_minimize (candidate));

  if (candidate_prefix == HDR_PATTERN_UNBOUNDED)
    return;

  cost = estimate_cost (parser, candidate, candidate_prefix);
  if (*best == NULL || cost < estimate_cost (parser, *best, *best_prefix))
    {
      g_clear_pointer (best, g_ptr_array_unref);
      *best = set_minimize (candidate);
      *best_prefix = candidate_prefix;
    }
}

static Info parse_alternation (Parser *parser);

static Info
make_any_char (void)
{
  return (Info) { NULL, NULL, 0, MAX_CHAR_BYTES };
}

static Info
make_empty (void)
{
  return (Info) { set_new_empty (), NULL, 0, 0 };
}

static Info
make_literal (Parser     *parser,
              const char *start,
              gsize       length)
{
  return (Info) { set_new_with (parser, start, length), NULL, 0, length };
}

static void
skip_utf8_char (Parser *parser)
{
  parser->p = g_utf8_next_char (parser->p);
}

/* Parses "[...]" at parser->p.  A class of at most MAX_SET_SIZE plain
 * characters, without ranges or negation, is an exact set. */
static Info
parse_class (Parser *parser)
{
  g_autoptr(GPtrArray) members = set_new ();
  gboolean simple = TRUE;
  gboolean first = TRUE;

  g_assert (*parser->p == '[');
  parser->p++;

  if (*parser->p == '^')
    {
      simple = FALSE;
      parser->p++;
    }

  while (*parser->p != '\0' && (*parser->p != ']' || first))
    {
      const char *start = parser->p;

      first = FALSE;

      if (parser->p[0] == '[' && parser->p[1] == ':')
        {
          const char *end = strstr (parser->p, ":]");

          if (end == NULL)
            {
              parser->failed = TRUE;
              return make_any_char ();
            }
          simple = FALSE;
          parser->p = end + 2;
          continue;
        }

      if (*parser->p == '\\')
        {
          parser->p++;
          if (*parser->p == '\0')
            break;
          if (g_ascii_isalnum (*parser->p))
            simple = FALSE;
          else
            g_ptr_array_add (members, g_string_chunk_insert_len (parser->strings, parser->p, 1));
          if (*parser->p == 'p' || *parser->p == 'P' || *parser->p == 'x')
            {
              if (parser->p[1] == '{')
                {
                  const char *close = strchr (parser->p, '}');

                  parser->p = close != NULL ? close : parser->p;
                }
            }
          skip_utf8_char (parser);
          continue;
        }

      skip_utf8_char (parser);
      if (*parser->p == '-' && parser->p[1] != ']' && parser->p[1] != '\0')
        simple = FALSE;
      g_ptr_array_add (members, g_string_chunk_insert_len (parser->strings, start,
                                                           (gssize) (parser->p - start)));
    }

  if (*parser->p != ']')
    {
      parser->failed = TRUE;
      return make_any_char ();
    }
  parser->p++;

  if (simple && members->len > 0 && members->len <= MAX_SET_SIZE)
    {
      GPtrArray *exact = set_union (members, members);

      return (Info) { exact, NULL, 0, MAX_CHAR_BYTES };
    }

  return make_any_char ();
}

/* Parses an escape at parser->p ('\\'). */
static Info
parse_escape (Parser *parser)
{
  char c;

  g_assert (*parser->p == '\\');
  parser->p++;
  c = *parser->p;

  if (c == '\0')
    {
      parser->failed = TRUE;
      return make_empty ();
    }

  if (strchr ("bBAzZGE", c) != NULL)
    {
      parser->p++;
      return make_empty ();
    }

  if (strchr ("wWsSdDhHvVRN", c) != NULL)
    {
      parser->p++;
      return make_any_char ();
    }

  if (c == 'p' || c == 'P')
    {
      parser->p++;
      if (*parser->p == '{')
        {
          const char *close = strchr (parser->p, '}');

          if (close == NULL)
            {
              parser->failed = TRUE;
              return make_any_char ();
            }
          parser->p = close + 1;
        }
      else if (*parser->p != '\0')
        {
          parser->p++;
        }
      return make_any_char ();
    }

  if (c == 'n' || c == 't' || c == 'r' || c == 'f')
    {
      static const char escapes[] = "n\nt\tr\rf\f";
      const char *value = strchr (escapes, c) + 1;

      parser->p++;
      return make_literal (parser, value, 1);
    }

  if (g_ascii_isalnum (c) || (guchar) c >= 0x80)
    {
      /* Backreferences, \K, \Q, \x and other escapes with letters change
       * what a match contains or are rare; the pattern runs unfiltered. */
      parser->failed = TRUE;
      return make_any_char ();
    }

  parser->p++;
  return make_literal (parser, parser->p - 1, 1);
}

/* Parses "(...)" at parser->p. */
static Info
parse_group (Parser *parser)
{
  gboolean lookaround = FALSE;
  Info inner;

  g_assert (*parser->p == '(');
  parser->p++;

  if (*parser->p == '*')
    {
      parser->failed = TRUE;
      return make_any_char ();
    }

  if (*parser->p == '?')
    {
      const char *rest = parser->p + 1;

      if (*rest == ':' || *rest == '>')
        parser->p = rest + 1;
      else if (*rest == '=' || *rest == '!')
        {
          lookaround = TRUE;
          parser->p = rest + 1;
        }
      else if (rest[0] == '<' && (rest[1] == '=' || rest[1] == '!'))
        {
          lookaround = TRUE;
          parser->p = rest + 2;
        }
      else if (rest[0] == '<' || (rest[0] == 'P' && rest[1] == '<') || rest[0] == '\'')
        {
          const char *close = strpbrk (rest + 1, ">'");

          if (close == NULL)
            {
              parser->failed = TRUE;
              return make_any_char ();
            }
          parser->p = close + 1;
        }
      else if (*rest == '#')
        {
          const char *close = strchr (rest, ')');

          if (close == NULL)
            {
              parser->failed = TRUE;
              return make_empty ();
            }
          parser->p = close + 1;
          return make_empty ();
        }
      else
        {
          /* Inline options such as (?i) change what the text must contain. */
          parser->failed = TRUE;
          return make_any_char ();
        }
    }

  inner = parse_alternation (parser);

  if (*parser->p != ')')
    {
      parser->failed = TRUE;
      return inner;
    }
  parser->p++;

  if (lookaround)
    {
      /* A lookaround consumes nothing; what it checks is not in the match. */
      info_clear (&inner);
      return make_empty ();
    }

  return inner;
}

static Info
parse_atom (Parser *parser)
{
  const char *start = parser->p;

  switch (*parser->p)
    {
    case '(':
      return parse_group (parser);
    case '[':
      return parse_class (parser);
    case '\\':
      return parse_escape (parser);
    case '.':
      parser->p++;
      return make_any_char ();
    case '^':
    case '$':
      parser->p++;
      return make_empty ();
    default:
      skip_utf8_char (parser);

      /* A run of plain characters is one literal, without a last character
       * that a quantifier follows, so that "password" costs one string
       * instead of eight set products. */
      while (*parser->p != '\0' && strchr ("\\()[]|.^$?*+{", *parser->p) == NULL)
        {
          const char *next = g_utf8_next_char (parser->p);

          if (*next != '\0' && strchr ("?*+{", *next) != NULL)
            break;
          parser->p = next;
        }

      return make_literal (parser, start, (gsize) (parser->p - start));
    }
}

/* Reads a quantifier at parser->p into *MIN and *MAX (-1: no maximum);
 * returns FALSE when there is none. */
static gboolean
parse_quantifier (Parser *parser,
                  int    *min,
                  int    *max)
{
  const char *p = parser->p;

  if (*p == '?' || *p == '*' || *p == '+')
    {
      *min = *p == '+' ? 1 : 0;
      *max = *p == '?' ? 1 : -1;
      p++;
    }
  else if (*p == '{' && g_ascii_isdigit (p[1]))
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (p + 1, &end, 10);

      *min = (int) MIN (value, 100000);
      if (*end == '}')
        *max = *min;
      else if (end[0] == ',' && end[1] == '}')
        {
          *max = -1;
          end++;
        }
      else if (end[0] == ',' && g_ascii_isdigit (end[1]))
        {
          value = g_ascii_strtoull (end + 1, &end, 10);
          *max = (int) MIN (value, 100000);
        }
      else
        return FALSE;

      if (*end != '}')
        return FALSE;
      p = end + 1;
    }
  else
    {
      return FALSE;
    }

  /* Lazy and possessive forms match the same strings. */
  if (*p == '?' || *p == '+')
    p++;

  parser->p = p;
  return TRUE;
}

static Info
parse_quantified (Parser *parser)
{
  Info atom = parse_atom (parser);
  Info result = { NULL, NULL, 0, 0 };
  int min;
  int max;

  if (parser->failed || !parse_quantifier (parser, &min, &max))
    return atom;

  if (max < 0)
    result.max_length = add_lengths (atom.max_length, HDR_PATTERN_REPEAT_BYTES);
  else if (atom.max_length > G_MAXSIZE / 2 / ((gsize) max + 1))
    result.max_length = HDR_PATTERN_UNBOUNDED;
  else
    result.max_length = atom.max_length * (gsize) max;

  if (min == 0)
    {
      if (max == 1 && atom.exact != NULL)
        {
          g_autoptr(GPtrArray) empty = set_new_empty ();

          result.exact = set_union (atom.exact, empty);
        }
    }
  else
    {
      /* The first repetition contains the atom's required string. */
      if (min == 1 && max == 1)
        result.exact = set_copy (atom.exact);
      result.required = set_copy (info_get_required (&atom, &result.required_prefix));
    }

  info_clear (&atom);
  return result;
}

static Info
parse_sequence (Parser *parser)
{
  g_autoptr(GPtrArray) accumulated = set_new_empty ();
  GPtrArray *best = NULL;
  gsize best_prefix = 0;
  gsize accumulated_prefix = 0;   /* longest match of the items before accumulated */
  gboolean all_exact = TRUE;
  gsize max_length = 0;
  Info result;

  while (!parser->failed && *parser->p != '\0' && *parser->p != '|' && *parser->p != ')')
    {
      Info item = parse_quantified (parser);
      gsize item_prefix = max_length;   /* longest match of the items before this one */

      max_length = add_lengths (max_length, item.max_length);

      if (item.exact != NULL)
        {
          GPtrArray *joined = set_cross (parser, accumulated, item.exact);

          if (joined != NULL)
            {
              g_ptr_array_unref (accumulated);
              accumulated = joined;
            }
          else
            {
              consider_required (parser, &best, &best_prefix, accumulated, accumulated_prefix);
              all_exact = FALSE;
              g_ptr_array_unref (accumulated);
              accumulated = set_copy (item.exact);
              accumulated_prefix = item_prefix;
            }
        }
      else
        {
          const GPtrArray *item_required;
          gsize required_prefix = 0;

          consider_required (parser, &best, &best_prefix, accumulated, accumulated_prefix);
          item_required = info_get_required (&item, &required_prefix);
          consider_required (parser, &best, &best_prefix, item_required,
                             add_lengths (item_prefix, required_prefix));
          all_exact = FALSE;
          g_ptr_array_unref (accumulated);
          accumulated = set_new_empty ();
          accumulated_prefix = max_length;
        }

      info_clear (&item);
    }

  consider_required (parser, &best, &best_prefix, accumulated, accumulated_prefix);

  result.exact = all_exact ? g_steal_pointer (&accumulated) : NULL;
  result.required = best;
  result.required_prefix = best_prefix;
  result.max_length = max_length;

  return result;
}

/* Strings a set may have before set_add_all() looks them up in a hash
 * table instead of comparing each. */
#define SEARCHED_SET_SIZE 16

/* Appends the strings of FROM missing from INTO; returns FALSE when INTO
 * would exceed MAX_SIZE strings.  *SEEN is made once INTO grows past
 * SEARCHED_SET_SIZE, and then contains every string of INTO. */
static gboolean
set_add_all (GPtrArray        *into,
             GHashTable      **seen,
             const GPtrArray  *from,
             guint             max_size)
{
  if (*seen == NULL && into->len + from->len > SEARCHED_SET_SIZE)
    {
      *seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < into->len; i++)
        g_hash_table_add (*seen, g_ptr_array_index (into, i));
    }

  for (guint i = 0; i < from->len; i++)
    {
      char *string = g_ptr_array_index (from, i);

      if (*seen != NULL ? !g_hash_table_add (*seen, string) : set_contains (into, string))
        continue;

      g_ptr_array_add (into, string);
      if (into->len > max_size)
        return FALSE;
    }

  return TRUE;
}

static Info
parse_alternation (Parser *parser)
{
  g_autoptr(GArray) branches = g_array_new (FALSE, FALSE, sizeof (Info));
  g_autoptr(GHashTable) exact_seen = NULL;
  g_autoptr(GHashTable) required_seen = NULL;
  GPtrArray *exact = set_new ();
  GPtrArray *required = set_new ();
  Info result = { NULL, NULL, 0, 0 };

  parser->depth++;
  while (TRUE)
    {
      Info branch = parse_sequence (parser);

      g_array_append_val (branches, branch);
      if (parser->failed || *parser->p != '|')
        break;
      parser->p++;
    }
  parser->depth--;
  if (parser->depth == 0)
    parser->top_branches = branches->len;

  if (branches->len == 1)
    {
      g_ptr_array_unref (exact);
      g_ptr_array_unref (required);
      return g_array_index (branches, Info, 0);
    }

  /* The union of all branches, built once: a long alternation of words
   * would otherwise copy the growing set for every branch. */
  for (guint i = 0; i < branches->len; i++)
    {
      Info *branch = &g_array_index (branches, Info, i);
      const GPtrArray *branch_required;
      gsize branch_prefix = 0;

      result.max_length = MAX (result.max_length, branch->max_length);

      if (exact != NULL && (branch->exact == NULL
                            || !set_add_all (exact, &exact_seen, branch->exact, MAX_SET_SIZE)))
        g_clear_pointer (&exact, g_ptr_array_unref);

      branch_required = info_get_required (branch, &branch_prefix);
      if (required != NULL && (branch_required == NULL
                               || !set_add_all (required, &required_seen, branch_required,
                                                MAX_REQUIRED_SIZE)))
        g_clear_pointer (&required, g_ptr_array_unref);
      result.required_prefix = MAX (result.required_prefix, branch_prefix);

      info_clear (branch);
    }

  result.exact = exact;
  if (required != NULL)
    {
      result.required = set_minimize (required);
      g_ptr_array_unref (required);
    }

  return result;
}

/**
 * hdr_pattern_get_required_literals:
 * @pattern: a PCRE2 pattern as compiled, without inline options
 * @common_words: (nullable): words too common to select positions, as keys
 * @max_prefix: (out): the most bytes of a match before its literal,
 *   counting an unbounded repeat as %HDR_PATTERN_REPEAT_BYTES
 * @max_length: (out) (optional): the most bytes of a match, counted the
 *   same way, or %HDR_PATTERN_UNBOUNDED when the pattern is not read
 * @sets: (out) (optional) (transfer full) (nullable): the required sets
 *   that hdr_pattern_get_required_sets() describes, from the same parse.
 *   Inside a group, @common_words decides which literals stand for it, so
 *   the sets can differ from those found without @common_words.
 *
 * Finds a set of literal strings one of which every match of @pattern
 * contains, each with at least %HDR_PREFILTER_MIN_LITERAL bytes other than
 * spaces.  Of the possible sets it picks the one that costs least to check:
 * long literals that are not @common_words, near the start of the match.
 *
 * Returns: (transfer full) (nullable): the literals, or %NULL when the
 *   pattern has no such set or uses syntax this parser does not read
 */
GPtrArray *
hdr_pattern_get_required_literals (const char  *pattern,
                                   GHashTable  *common_words,
                                   gsize       *max_prefix,
                                   gsize       *max_length,
                                   GPtrArray  **sets)
{
  g_autoptr(GPtrArray) top_sets = NULL;
  Parser parser = { pattern, FALSE, common_words, 0, 0, NULL, NULL };
  Info info;
  const GPtrArray *required;
  gsize required_prefix = 0;
  GPtrArray *literals = NULL;

  g_return_val_if_fail (pattern != NULL, NULL);
  g_return_val_if_fail (max_prefix != NULL, NULL);

  if (sets != NULL)
    {
      *sets = NULL;
      top_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      parser.top_sets = top_sets;
    }

  *max_prefix = HDR_PATTERN_UNBOUNDED;
  if (max_length != NULL)
    *max_length = HDR_PATTERN_UNBOUNDED;
  parser.strings = g_string_chunk_new (1024);
  info = parse_alternation (&parser);

  if (!parser.failed && *parser.p == '\0')
    {
      if (max_length != NULL)
        *max_length = info.max_length;

      /* The sets are those of a pattern without a top-level alternation. */
      if (sets != NULL && parser.top_branches == 1 && top_sets->len > 0)
        {
          *sets = g_ptr_array_new_full (top_sets->len, (GDestroyNotify) g_ptr_array_unref);
          for (guint i = 0; i < top_sets->len; i++)
            g_ptr_array_add (*sets, set_copy_owned (g_ptr_array_index (top_sets, i)));
        }

      required = info_get_required (&info, &required_prefix);
      if (required != NULL && set_min_length (required) >= HDR_PREFILTER_MIN_LITERAL
          && required_prefix != HDR_PATTERN_UNBOUNDED)
        {
          g_autoptr(GPtrArray) minimal = set_minimize (required);

          literals = set_copy_owned (minimal);
          *max_prefix = required_prefix;
        }
    }

  info_clear (&info);
  g_clear_pointer (&top_sets, g_ptr_array_unref);
  g_string_chunk_free (parser.strings);
  return literals;
}

/**
 * hdr_pattern_get_required_sets:
 * @pattern: a PCRE2 pattern as compiled, without inline options
 *
 * Finds sets of literal strings such that every match of @pattern contains
 * one string of each set, each string with at least
 * %HDR_PREFILTER_MIN_LITERAL bytes other than spaces.  Unlike
 * hdr_pattern_get_required_literals() it returns every such set of the
 * pattern's top level, however far into the match it lies, so that a
 * pattern can be skipped when one of its sets is absent from a text.
 *
 * Returns: (transfer full) (nullable): a #GPtrArray of sets, each a
 *   #GPtrArray of strings, or %NULL when the pattern has a top-level
 *   alternation, no such set, or syntax this parser does not read
 */
GPtrArray *
hdr_pattern_get_required_sets (const char *pattern)
{
  g_autoptr(GPtrArray) literals = NULL;
  GPtrArray *sets = NULL;
  gsize max_prefix;

  g_return_val_if_fail (pattern != NULL, NULL);

  literals = hdr_pattern_get_required_literals (pattern, NULL, &max_prefix, NULL, &sets);

  return sets;
}

/* Scanner --------------------------------------------------------------------
 *
 * Two bitmaps reject most positions of the text with one memory read each.
 * One is indexed by a hash of the position's first three bytes and set for
 * the literals of three bytes.  The other is indexed by a hash of its first
 * four bytes and set for the longer literals.  A position that passes
 * either is then read along a trie of all literals, which reports every
 * literal that starts there.  The rules of 16 languages give about 11,500
 * literals, so each bitmap has 2^19 bits (64 KiB), because with 2^16 bits
 * one bit in eight was set.  The walk reads each byte after the position
 * at most once, where comparing one by one the literals that share a
 * four-byte start took up to 169 comparisons ("cont"). */

#define BITMAP_BITS 19

/* Bytes of the key of literals longer than HDR_PREFILTER_MIN_LITERAL. */
#define LONG_KEY_BYTES 4

/* Nodes with at least this many children get a table of 256 entries. */
#define WIDE_NODE_CHILDREN 8

typedef struct
{
  char   *text;
  gsize   length;
  guint   index;  /* in HdrPrefilter.literals */
  GArray *ids;    /* guint */
} Literal;

/* A trie node in its flat form.  The children of a node are either the
 * entries first_child .. first_child + n_children - 1 of child_bytes and
 * child_nodes, sorted by byte, or, when wide >= 0, the 256 entries of
 * wide_tables starting at wide * 256, with 0 for no child (node 0 is the
 * root, never a child). */
typedef struct
{
  guint32 first_child;
  guint32 n_children;
  gint32  wide;
  guint32 literal;   /* index + 1 of the literal that ends here, or 0 */
} TrieNode;

struct _HdrPrefilter
{
  GHashTable *by_text;       /* literal text -> Literal * */
  GPtrArray  *literals;      /* Literal *, owned, in the order they were added */
  guint8     *short_bitmap;  /* hashes of the literals of 3 bytes */
  guint8     *long_bitmap;   /* hashes of the first 4 bytes of longer literals */
  GArray     *nodes;         /* TrieNode, the root first */
  GArray     *child_bytes;   /* guint8 */
  GArray     *child_nodes;   /* guint32 */
  GArray     *wide_tables;   /* guint32 */
  gboolean    built;
};

static guint32
key_of (const char *bytes)
{
  return (guint32) (guchar) bytes[0] | (guint32) (guchar) bytes[1] << 8 | (guint32) (guchar) bytes[2] << 16;
}

static guint32
long_key_of (const char *bytes)
{
  return key_of (bytes) | (guint32) (guchar) bytes[3] << 24;
}

static guint32
hash_key (guint32 key)
{
  return (key * 2654435761u) >> (32 - BITMAP_BITS);
}

static void
set_bit (guint8  *bitmap,
         guint32  bit)
{
  bitmap[bit / 8] |= (guint8) (1u << (bit % 8));
}

static gboolean
has_bit (const guint8 *bitmap,
         guint32       bit)
{
  return (bitmap[bit / 8] & (1u << (bit % 8))) != 0;
}

static void
literal_free (Literal *literal)
{
  g_free (literal->text);
  g_array_unref (literal->ids);
  g_free (literal);
}

HdrPrefilter *
hdr_prefilter_new (void)
{
  HdrPrefilter *prefilter = g_new0 (HdrPrefilter, 1);

  prefilter->by_text = g_hash_table_new (g_str_hash, g_str_equal);
  prefilter->literals = g_ptr_array_new_with_free_func ((GDestroyNotify) literal_free);

  return prefilter;
}

void
hdr_prefilter_free (HdrPrefilter *prefilter)
{
  if (prefilter == NULL)
    return;

  g_hash_table_unref (prefilter->by_text);
  g_ptr_array_unref (prefilter->literals);
  g_free (prefilter->short_bitmap);
  g_free (prefilter->long_bitmap);
  g_clear_pointer (&prefilter->nodes, g_array_unref);
  g_clear_pointer (&prefilter->child_bytes, g_array_unref);
  g_clear_pointer (&prefilter->child_nodes, g_array_unref);
  g_clear_pointer (&prefilter->wide_tables, g_array_unref);
  g_free (prefilter);
}

static Literal *
ensure_literal (HdrPrefilter *prefilter,
                const char   *literal)
{
  Literal *entry = g_hash_table_lookup (prefilter->by_text, literal);

  if (entry != NULL)
    return entry;

  entry = g_new0 (Literal, 1);
  entry->text = g_strdup (literal);
  entry->length = strlen (literal);
  entry->index = prefilter->literals->len;
  entry->ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_hash_table_insert (prefilter->by_text, entry->text, entry);
  g_ptr_array_add (prefilter->literals, entry);

  return entry;
}

/**
 * hdr_prefilter_add_literal:
 * @prefilter: a prefilter not yet built
 * @literal: at least %HDR_PREFILTER_MIN_LITERAL bytes
 *
 * Adds @literal without an id, so that hdr_prefilter_find() reports it.
 * Adding the same text again returns the same index.
 *
 * Returns: the index of @literal, counted from 0 in the order of adding
 */
guint
hdr_prefilter_add_literal (HdrPrefilter *prefilter,
                           const char   *literal)
{
  g_return_val_if_fail (prefilter != NULL && !prefilter->built, 0);
  g_return_val_if_fail (literal != NULL && strlen (literal) >= HDR_PREFILTER_MIN_LITERAL, 0);

  return ensure_literal (prefilter, literal)->index;
}

/**
 * hdr_prefilter_add:
 * @prefilter: a prefilter not yet built
 * @literal: at least %HDR_PREFILTER_MIN_LITERAL bytes
 * @id: reported with each occurrence of @literal
 *
 * Adds @literal with @id; one literal may carry several ids.
 *
 * Returns: the index of @literal, as hdr_prefilter_add_literal() returns it
 */
guint
hdr_prefilter_add (HdrPrefilter *prefilter,
                   const char   *literal,
                   guint         id)
{
  Literal *entry;

  g_return_val_if_fail (prefilter != NULL && !prefilter->built, 0);
  g_return_val_if_fail (literal != NULL && strlen (literal) >= HDR_PREFILTER_MIN_LITERAL, 0);

  entry = ensure_literal (prefilter, literal);
  for (guint i = 0; i < entry->ids->len; i++)
    if (g_array_index (entry->ids, guint, i) == id)
      return entry->index;
  g_array_append_val (entry->ids, id);

  return entry->index;
}

guint
hdr_prefilter_get_n_literals (const HdrPrefilter *prefilter)
{
  g_return_val_if_fail (prefilter != NULL, 0);

  return prefilter->literals->len;
}

/* Returns the ids given to hdr_prefilter_add() for literal index LITERAL. */
const guint *
hdr_prefilter_get_ids (const HdrPrefilter *prefilter,
                       guint               literal,
                       guint              *n_ids)
{
  const Literal *entry;

  g_return_val_if_fail (prefilter != NULL, NULL);
  g_return_val_if_fail (literal < prefilter->literals->len, NULL);
  g_return_val_if_fail (n_ids != NULL, NULL);

  entry = g_ptr_array_index (prefilter->literals, literal);
  *n_ids = entry->ids->len;
  return (const guint *) (gpointer) entry->ids->data;
}

static int
compare_literal_texts (gconstpointer a,
                       gconstpointer b)
{
  const Literal *x = *(const Literal * const *) a;
  const Literal *y = *(const Literal * const *) b;

  return strcmp (x->text, y->text);
}

/* Adds the trie node for the literals SORTED[FIRST] to SORTED[LAST - 1],
 * sorted by text, which share their first DEPTH bytes, and the nodes below
 * it.  The children of a node are reserved in one block before the nodes
 * below them are added, so that they stay contiguous.  Returns the node's
 * index. */
static guint32
add_trie_node (HdrPrefilter    *prefilter,
               const Literal  **sorted,
               guint            first,
               guint            last,
               gsize            depth)
{
  guint32 index = prefilter->nodes->len;
  TrieNode node = { 0, 0, -1, 0 };
  guint n_children = 0;
  guint start;
  guint32 slot;

  /* The literal that ends here sorts first, being a prefix of the rest. */
  if (sorted[first]->length == depth)
    {
      node.literal = sorted[first]->index + 1;
      first++;
    }

  for (guint i = first; i < last; i++)
    if (i == first || sorted[i]->text[depth] != sorted[i - 1]->text[depth])
      n_children++;

  if (n_children >= WIDE_NODE_CHILDREN)
    {
      node.wide = (gint32) (prefilter->wide_tables->len / 256);
      g_array_set_size (prefilter->wide_tables, prefilter->wide_tables->len + 256);
    }
  else
    {
      node.first_child = prefilter->child_bytes->len;
      node.n_children = n_children;
      g_array_set_size (prefilter->child_bytes, prefilter->child_bytes->len + n_children);
      g_array_set_size (prefilter->child_nodes, prefilter->child_nodes->len + n_children);
    }
  g_array_append_val (prefilter->nodes, node);

  slot = 0;
  start = first;
  for (guint i = first; i < last; i++)
    {
      guint8 byte = (guint8) sorted[i]->text[depth];
      guint32 child;

      if (i + 1 < last && (guint8) sorted[i + 1]->text[depth] == byte)
        continue;

      child = add_trie_node (prefilter, sorted, start, i + 1, depth + 1);
      if (node.wide >= 0)
        {
          g_array_index (prefilter->wide_tables, guint32, (gsize) node.wide * 256 + byte) = child;
        }
      else
        {
          g_array_index (prefilter->child_bytes, guint8, node.first_child + slot) = byte;
          g_array_index (prefilter->child_nodes, guint32, node.first_child + slot) = child;
        }
      slot++;
      start = i + 1;
    }

  return index;
}

/* Builds the trie of all literals in flat arrays. */
static void
build_trie (HdrPrefilter *prefilter)
{
  g_autofree const Literal **sorted = g_new (const Literal *, MAX (prefilter->literals->len, 1));

  /* pdata is NULL while the array is empty, and memcpy() needs a pointer. */
  if (prefilter->literals->len > 0)
    memcpy (sorted, prefilter->literals->pdata, prefilter->literals->len * sizeof (Literal *));
  qsort (sorted, prefilter->literals->len, sizeof (Literal *), compare_literal_texts);

  prefilter->nodes = g_array_new (FALSE, FALSE, sizeof (TrieNode));
  prefilter->child_bytes = g_array_new (FALSE, TRUE, sizeof (guint8));
  prefilter->child_nodes = g_array_new (FALSE, TRUE, sizeof (guint32));
  prefilter->wide_tables = g_array_new (FALSE, TRUE, sizeof (guint32));

  if (prefilter->literals->len > 0)
    add_trie_node (prefilter, sorted, 0, prefilter->literals->len, 0);
  else
    g_array_append_val (prefilter->nodes, ((TrieNode) { 0, 0, -1, 0 }));
}

/* Makes the prefilter ready to scan; no literal can be added afterwards. */
void
hdr_prefilter_build (HdrPrefilter *prefilter)
{
  g_return_if_fail (prefilter != NULL && !prefilter->built);

  prefilter->short_bitmap = g_new0 (guint8, (1 << BITMAP_BITS) / 8);
  prefilter->long_bitmap = g_new0 (guint8, (1 << BITMAP_BITS) / 8);
  for (guint i = 0; i < prefilter->literals->len; i++)
    {
      const Literal *literal = g_ptr_array_index (prefilter->literals, i);

      if (literal->length >= LONG_KEY_BYTES)
        set_bit (prefilter->long_bitmap, hash_key (long_key_of (literal->text)));
      else
        set_bit (prefilter->short_bitmap, hash_key (key_of (literal->text)));
    }

  build_trie (prefilter);
  prefilter->built = TRUE;
}

/* Returns the child of NODE for BYTE, or 0 when there is none. */
static inline guint32
trie_child (const HdrPrefilter *prefilter,
            const TrieNode     *node,
            guint8              byte)
{
  const guint8 *bytes;

  if (node->wide >= 0)
    return g_array_index (prefilter->wide_tables, guint32, (gsize) node->wide * 256 + byte);

  bytes = &g_array_index (prefilter->child_bytes, guint8, node->first_child);
  for (guint32 i = 0; i < node->n_children && bytes[i] <= byte; i++)
    if (bytes[i] == byte)
      return g_array_index (prefilter->child_nodes, guint32, node->first_child + i);

  return 0;
}

/**
 * hdr_prefilter_find:
 * @prefilter: a built prefilter
 * @text: the text
 * @length: bytes in @text
 * @hits: (element-type HdrPrefilterHit): array to append to
 *
 * Finds every occurrence of every literal in one pass over @text and
 * appends them to @hits in text order, and at one position from the
 * shortest literal to the longest.
 */
void
hdr_prefilter_find (const HdrPrefilter *prefilter,
                    const char         *text,
                    gsize               length,
                    GArray             *hits)
{
  const guchar *bytes = (const guchar *) text;
  guint n_hits;
  guint capacity;
  HdrPrefilterHit *data;

  g_return_if_fail (prefilter != NULL && prefilter->built);
  g_return_if_fail (text != NULL || length == 0);
  g_return_if_fail (hits != NULL && g_array_get_element_size (hits) == sizeof (HdrPrefilterHit));

  /* Hits are written into the array's own storage, grown by doubling, and
   * its length is set once at the end. */
  n_hits = hits->len;
  capacity = MAX (n_hits * 2, 64);
  g_array_set_size (hits, capacity);
  data = (HdrPrefilterHit *) (gpointer) hits->data;

  for (gsize i = 0; i + HDR_PREFILTER_MIN_LITERAL <= length; i++)
    {
      guint32 key = key_of (text + i);
      gboolean candidate = has_bit (prefilter->short_bitmap, hash_key (key));
      const TrieNode *node;

      if (!candidate && i + LONG_KEY_BYTES <= length)
        candidate = has_bit (prefilter->long_bitmap, hash_key (key | (guint32) bytes[i + 3] << 24));
      if (!candidate)
        continue;

      node = &g_array_index (prefilter->nodes, TrieNode, 0);
      for (gsize k = i; k < length; k++)
        {
          guint32 child = trie_child (prefilter, node, bytes[k]);

          if (child == 0)
            break;
          node = &g_array_index (prefilter->nodes, TrieNode, child);

          if (node->literal != 0)
            {
              if (n_hits == capacity)
                {
                  capacity *= 2;
                  g_array_set_size (hits, capacity);
                  data = (HdrPrefilterHit *) (gpointer) hits->data;
                }
              data[n_hits].literal = node->literal - 1;
              data[n_hits].position = i;
              n_hits++;
            }
        }
    }

  g_array_set_size (hits, n_hits);
}
