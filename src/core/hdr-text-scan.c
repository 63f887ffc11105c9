/* hdr-text-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-text-scan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hdr-html.h"
#include "hdr-normalize.h"
#include "hdr-text-amounts.h"
#include "hdr-text-scan.h"

/* Maximum length of quoted evidence, in characters. */
#define EVIDENCE_MAX_CHARS 160

/* Folded bytes after a deadline match searched for its duration. */
#define DEADLINE_WINDOW 40

/* Bytes of one text that are scanned: 4 MiB, as much as HdrMessage keeps of
 * a part (it reports its own cut).  Folding a text of this size raised the
 * maximum resident set size by about 66 MB, mostly for the 8-byte offset of
 * each folded byte.  Only a longer Subject or a caller's own text can be cut
 * here, and hdr_text_scan_get_cut_text_count() counts it. */
#define MAX_SCANNED_BYTES (4 * 1024 * 1024)

/* Fewer letters than this in all body parts is "no meaningful text". */
#define MEANINGFUL_TEXT_LETTERS 40

struct _HdrTextScan
{
  GObject     parent_instance;

  GPtrArray  *hits;             /* HdrRuleHit * */
  GPtrArray  *wallets;          /* HdrWallet * */
  GPtrArray  *amounts;          /* HdrAmount * */
  GStrv       languages;
  int         deadline_hours;
  guint       remote_image_count;
  gboolean    text_only_in_images;
  guint       limit_hit_count;
  guint       cut_text_count;

  /* State while scanning. */
  GHashTable *seen_wallets;     /* address -> itself */
  GHashTable *seen_amounts;     /* "value currency" -> itself */
  GString    *all_folded;       /* every folded text, for language identification */
  gboolean    disguise_reported;
  guint       body_letters;
};

G_DEFINE_FINAL_TYPE (HdrTextScan, hdr_text_scan, G_TYPE_OBJECT)

/* One text being scanned: its original, its folded copy and its location. */
typedef struct
{
  HdrTextScan     *self;
  const char      *original;
  gsize            original_length;
  const HdrFolded *folded;
  const char      *location;
} ScanContext;

void
hdr_rule_hit_free (HdrRuleHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->rule_id);
  g_free (hit->language);
  g_free (hit->evidence);
  g_free (hit->location);
  g_free (hit);
}

void
hdr_amount_free (HdrAmount *amount)
{
  if (amount == NULL)
    return;

  g_free (amount->value);
  g_free (amount->currency);
  g_free (amount->evidence);
  g_free (amount);
}

static void
hdr_text_scan_finalize (GObject *object)
{
  HdrTextScan *self = (HdrTextScan *) object;

  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->wallets, g_ptr_array_unref);
  g_clear_pointer (&self->amounts, g_ptr_array_unref);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->seen_wallets, g_hash_table_unref);
  g_clear_pointer (&self->seen_amounts, g_hash_table_unref);
  if (self->all_folded != NULL)
    g_string_free (g_steal_pointer (&self->all_folded), TRUE);

  G_OBJECT_CLASS (hdr_text_scan_parent_class)->finalize (object);
}

static void
hdr_text_scan_class_init (HdrTextScanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hdr_text_scan_finalize;
}

static void
hdr_text_scan_init (HdrTextScan *self)
{
  self->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) hdr_rule_hit_free);
  self->wallets = g_ptr_array_new_with_free_func ((GDestroyNotify) hdr_wallet_free);
  self->amounts = g_ptr_array_new_with_free_func ((GDestroyNotify) hdr_amount_free);
  self->seen_wallets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen_amounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->all_folded = g_string_new (NULL);
  self->deadline_hours = -1;
}

/* Evidence --------------------------------------------------------------- */

static gboolean
is_word_char_at (const char *p)
{
  return g_unichar_isalnum (g_utf8_get_char (p));
}

/* Quotes TEXT[START, END) widened to whole words, with runs of white space
 * shown as one space and at most EVIDENCE_MAX_CHARS characters. */
static char *
quote_span (const char *text,
            gsize       length,
            gsize       start,
            gsize       end)
{
  g_autoptr(GString) quote = g_string_new (NULL);
  gboolean pending_space = FALSE;
  guint chars = 0;
  const char *p;
  const char *stop;

  g_assert (start <= end && end <= length);

  while (start > 0)
    {
      const char *previous = g_utf8_find_prev_char (text, text + start);

      if (previous == NULL || !is_word_char_at (previous))
        break;
      start = previous - text;
    }

  while (end < length && is_word_char_at (text + end))
    end = g_utf8_next_char (text + end) - text;

  p = text + start;
  stop = text + end;

  while (p < stop)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = quote->len > 0;
          p = g_utf8_next_char (p);
          continue;
        }

      if (chars >= EVIDENCE_MAX_CHARS)
        {
          const char *last_space = strrchr (quote->str, ' ');

          if (last_space != NULL && last_space > quote->str + quote->len / 2)
            g_string_truncate (quote, last_space - quote->str);
          g_string_append (quote, "\xe2\x80\xa6");
          break;
        }

      if (pending_space)
        {
          g_string_append_c (quote, ' ');
          chars++;
        }
      pending_space = FALSE;
      g_string_append_unichar (quote, c);
      chars++;
      p = g_utf8_next_char (p);
    }

  return g_string_free (g_steal_pointer (&quote), FALSE);
}

/* Maps the folded span [START, END) to the original text. */
static void
map_span_to_original (const ScanContext *context,
                      gsize              start,
                      gsize              end,
                      gsize             *original_start,
                      gsize             *original_end)
{
  const gsize *offsets = context->folded->offsets;

  *original_start = offsets[start];

  if (end == start)
    {
      *original_end = *original_start;
      return;
    }

  *original_end = offsets[end];
  if (*original_end <= offsets[end - 1])
    {
      /* Both bytes come from one original character (ß folded to ss). */
      const char *last = context->original + offsets[end - 1];

      *original_end = MIN ((gsize) (g_utf8_next_char (last) - context->original),
                           context->original_length);
    }
}

/* Durations and deadlines ------------------------------------------------- */

/* Number words that count hours or days in the languages with rules, as
 * they are written; they are folded before comparison. */
static const struct
{
  const char *word;
  int         count;
} count_words[] = {
  { "a", 1 }, { "an", 1 }, { "one", 1 }, { "single", 1 }, { "two", 2 }, { "three", 3 },
  { "four", 4 }, { "five", 5 }, { "six", 6 }, { "seven", 7 }, { "ten", 10 },
  /* German */
  { "ein", 1 }, { "einen", 1 }, { "eine", 1 }, { "zwei", 2 }, { "drei", 3 }, { "vier", 4 },
  { "fünf", 5 }, { "sieben", 7 },
  /* Norwegian and Danish */
  { "en", 1 }, { "ett", 1 }, { "et", 1 }, { "to", 2 }, { "tre", 3 }, { "fire", 4 }, { "fem", 5 },
  { "seks", 6 }, { "sju", 7 }, { "syv", 7 },
  /* Swedish */
  { "två", 2 }, { "fyra", 4 }, { "sex", 6 },
  /* Russian */
  { "один", 1 }, { "одни", 1 }, { "одна", 1 }, { "одного", 1 }, { "одних", 1 },
  { "два", 2 }, { "двое", 2 }, { "двух", 2 }, { "три", 3 }, { "трое", 3 }, { "трёх", 3 },
  { "четыре", 4 }, { "пять", 5 },
  /* Turkish */
  { "bir", 1 }, { "iki", 2 }, { "üç", 3 }, { "dört", 4 }, { "beş", 5 },
  /* Japanese */
  { "一", 1 }, { "二", 2 }, { "三", 3 }, { "四", 4 }, { "五", 5 },
  /* Chinese */
  { "两", 2 }, { "兩", 2 }, { "六", 6 }, { "七", 7 },
  /* French, Spanish, Italian and Portuguese */
  { "un", 1 }, { "une", 1 }, { "deux", 2 }, { "trois", 3 }, { "quatre", 4 }, { "cinq", 5 },
  { "sept", 7 }, { "una", 1 }, { "dos", 2 }, { "tres", 3 }, { "cuatro", 4 }, { "cinco", 5 },
  { "siete", 7 }, { "due", 2 }, { "quattro", 4 }, { "cinque", 5 }, { "sette", 7 },
  { "um", 1 }, { "uma", 1 }, { "dois", 2 }, { "duas", 2 }, { "três", 3 }, { "sete", 7 },
  /* Dutch */
  { "een", 1 }, { "twee", 2 }, { "drie", 3 }, { "vijf", 5 }, { "zeven", 7 },
  /* Finnish */
  { "yksi", 1 }, { "yhden", 1 }, { "kaksi", 2 }, { "kahden", 2 }, { "kolme", 3 },
  { "kolmen", 3 }, { "neljä", 4 }, { "neljän", 4 }, { "viisi", 5 }, { "viiden", 5 },
  /* Polish and Czech */
  { "jeden", 1 }, { "jedną", 1 }, { "jedna", 1 }, { "jednu", 1 }, { "dwa", 2 }, { "dwie", 2 },
  { "dva", 2 }, { "dvě", 2 }, { "trzy", 3 }, { "tři", 3 }, { "cztery", 4 }, { "čtyři", 4 },
  { "pięć", 5 }, { "pět", 5 },
  /* Slovak, Croatian and Slovenian */
  { "jedno", 1 }, { "jedného", 1 }, { "jedan", 1 }, { "jednog", 1 }, { "ena", 1 }, { "eno", 1 },
  { "dve", 2 }, { "dvije", 2 }, { "dvoch", 2 }, { "tri", 3 }, { "troch", 3 }, { "trije", 3 },
  { "štyri", 4 }, { "četiri", 4 }, { "štiri", 4 }, { "päť", 5 }, { "pet", 5 }, { "šesť", 6 },
  { "šest", 6 }, { "sedem", 7 }, { "sedam", 7 }, { "dveh", 2 }, { "treh", 3 }, { "štirih", 4 },
  { "petih", 5 },
  /* Lithuanian and Latvian */
  { "vienas", 1 }, { "viena", 1 }, { "vieną", 1 }, { "viens", 1 }, { "vienu", 1 },
  { "du", 2 }, { "dvi", 2 }, { "dviejų", 2 }, { "divi", 2 }, { "divas", 2 }, { "divu", 2 },
  { "trys", 3 }, { "tris", 3 }, { "trijų", 3 }, { "trīs", 3 }, { "keturi", 4 }, { "keturias", 4 },
  { "keturių", 4 }, { "četri", 4 }, { "četras", 4 }, { "penki", 5 }, { "penkias", 5 },
  { "penkių", 5 }, { "pieci", 5 }, { "piecas", 5 }, { "šeši", 6 }, { "šešias", 6 },
  { "septyni", 7 }, { "septynias", 7 }, { "septiņi", 7 }, { "septiņas", 7 },
  /* Ukrainian and Bulgarian */
  { "одну", 1 }, { "един", 1 }, { "една", 1 }, { "едно", 1 }, { "дві", 2 }, { "две", 2 },
  { "трьох", 3 }, { "чотири", 4 }, { "четири", 4 }, { "п'ять", 5 }, { "п’ять", 5 }, { "пет", 5 },
  { "шість", 6 }, { "шест", 6 }, { "сім", 7 }, { "седем", 7 },
  /* Greek */
  { "ένα", 1 }, { "μία", 1 }, { "μια", 1 }, { "δύο", 2 }, { "τρία", 3 }, { "τρεις", 3 },
  { "τέσσερα", 4 }, { "τέσσερις", 4 }, { "πέντε", 5 }, { "έξι", 6 }, { "επτά", 7 }, { "εφτά", 7 },
  /* Hungarian and Romanian.  Hungarian hat (6) and hét (7) are left out,
   * because they are English and Dutch words. */
  { "egy", 1 }, { "kettő", 2 }, { "két", 2 }, { "három", 3 }, { "négy", 4 },
  { "unu", 1 }, { "doi", 2 }, { "două", 2 }, { "trei", 3 }, { "patru", 4 }, { "cinci", 5 },
  { "șase", 6 }, { "șapte", 7 },
  /* Indonesian and Vietnamese.  Vietnamese sáu (6) and bảy (7) are left out,
   * because sáu also means "after" and "bây giờ" means "now". */
  { "satu", 1 }, { "dua", 2 }, { "tiga", 3 }, { "empat", 4 }, { "lima", 5 }, { "enam", 6 },
  { "tujuh", 7 }, { "một", 1 }, { "hai", 2 }, { "ba", 3 }, { "bốn", 4 }, { "năm", 5 },
  /* Hebrew and Arabic */
  { "אחד", 1 }, { "אחת", 1 }, { "שני", 2 }, { "שתי", 2 }, { "שלושה", 3 }, { "שלוש", 3 },
  { "ארבעה", 4 }, { "ארבע", 4 }, { "חמישה", 5 }, { "חמש", 5 }, { "שישה", 6 }, { "שש", 6 },
  { "שבעה", 7 }, { "שבע", 7 },
  { "واحد", 1 }, { "واحدة", 1 }, { "اثنان", 2 }, { "اثنين", 2 }, { "ثلاثة", 3 }, { "ثلاث", 3 },
  { "أربعة", 4 }, { "أربع", 4 }, { "خمسة", 5 }, { "خمس", 5 }, { "ستة", 6 }, { "سبعة", 7 },
  { "سبع", 7 },
};

/* Units of hours and of days as written.  The regex is folded like the text.
 * Hour units come first so that "h" is never read as a day unit. */
#define DURATION_HOUR_UNITS \
  "hours?|hrs?|h|stunden?|std|timer?|timmar|timme|tim|час\\w*|ч|saat\\w*" \
  "|heures?|horas?|ore|ora|uur|uren|tunti\\w*|tunni\\w*|godzin\\w*|godz|hodin\\w*|hod" \
  "|sata|sati|satu|satima|časova|ura|uro|uri|ure|ur|urah|valand\\w*|val|stund\\w*" \
  "|годин\\w*|год|ώρα|ώρες|ωρών|óra\\w*|órá\\w*|orele|orelor|jam|giờ|tiếng" \
  "|שעה|שעות|ساعة|ساعه|ساعات"
#define DURATION_DAY_UNITS \
  "days?|business days?|working days?|tagen?|tage|werktagen?" \
  "|dager|døgn|døgnet|dage|dag|dagar|dygn|arbetsdagar|hverdage|arbejdsdage" \
  "|дн\\w*|день|суток|сутки|gün\\w*|jours?|jours ouvrés|días?|días hábiles" \
  "|giorni|giorno|giorni lavorativi|dias?|dias úteis|dagen|werkdagen" \
  "|päivä\\w*|vuorokau\\w*|dni|dzień|doby|dobę|dnů|dní|den|dny" \
  "|dňa|dňoch|dan|dana|danu|dneva|dnevi|dneh|dnevih|dien\\w*|paros|parų|diennakt\\w*" \
  "|дні|днів|доба|доби|добу|діб|ден|дена|денонощи\\w*|ημέρα|ημέρες|ημερών|μέρα|μέρες|μερών" \
  "|nap|napot|napon|napig|napra|napja|napod|napos|zi|ziua|zile|zilele|zilelor|hari|ngày" \
  "|יום|ימים|ימי|יממה|יממות|يوم|يوما|أيام|ايام"

/* Units of Chinese, Japanese and Korean, which words follow without a
 * space or word boundary ("48小时内", "48時間以内", "48시간 이내"). */
#define DURATION_UNSPACED_HOUR_UNITS "個小時|个小时|小時|小时|鐘頭|钟头|時間|시간"
#define DURATION_UNSPACED_DAY_UNITS "日間|日|天|일간|일"

static gpointer
build_count_words (gpointer data)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (count_words); i++)
    {
      g_autoptr(HdrFolded) folded = hdr_fold_text (count_words[i].word, -1);

      g_hash_table_insert (table, g_strdup (folded->text), GINT_TO_POINTER (count_words[i].count));
    }

  return table;
}

static int
parse_count_word (const char *word)
{
  static GOnce once = G_ONCE_INIT;
  gpointer count;

  if (g_ascii_isdigit (word[0]))
    return (int) MIN (g_ascii_strtoull (word, NULL, 10), 1000);

  g_once (&once, build_count_words, NULL);
  if (!g_hash_table_lookup_extended (once.retval, word, NULL, &count))
    return -1;

  return GPOINTER_TO_INT (count);
}

static gpointer
compile_duration_regex (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *pattern = NULL;
  g_autofree char *folded = NULL;
  GRegex *compiled;

  for (guint i = 0; i < G_N_ELEMENTS (count_words); i++)
    {
      /* Japanese numerals stand next to their unit without a word boundary. */
      if (count_words[i].word[0] & 0x80 && g_unichar_iswide (g_utf8_get_char (count_words[i].word)))
        continue;
      if (words->len > 0)
        g_string_append_c (words, '|');
      g_string_append (words, count_words[i].word);
    }

  /* Group 1 is the count, group 2 an hour unit, group 3 a day unit.
   * Japanese writes "48時間" and "三日" with no space or word boundary, and
   * Romanian puts "de" between a count from 20 and its unit ("48 de ore"). */
  pattern = g_strdup_printf ("((?<![\\d.,])\\d{1,3}|\\b(?:%s)(?=[\\s-])|[一二两兩三四五六七])\\s?-?\\s?(?:de\\s)?"
                             "(?:((?:" DURATION_HOUR_UNITS ")\\b|" DURATION_UNSPACED_HOUR_UNITS ")"
                             "|((?:" DURATION_DAY_UNITS ")\\b|" DURATION_UNSPACED_DAY_UNITS "))",
                             words->str);
  folded = hdr_fold_pattern (pattern);
  compiled = g_regex_new (folded, G_REGEX_OPTIMIZE, 0, &error);

  g_assert_no_error (error);
  return compiled;
}

static GRegex *
get_duration_regex (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, compile_duration_regex, NULL);
  return once.retval;
}

/* Words that are a whole duration without a count: the Russian day of 24
 * hours, the dual forms of Arabic and Hebrew, and the Korean words for one,
 * two and three days. */
static const struct
{
  const char *word;
  int         hours;
} duration_words[] = {
  { "сутки", 24 }, { "суток", 24 },
  { "يومين", 48 }, { "يومان", 48 }, { "ساعتين", 2 }, { "ساعتان", 2 },
  { "יומיים", 48 }, { "שעתיים", 2 },
  { "하루", 24 }, { "이틀", 48 }, { "사흘", 72 },
};

static gpointer
fold_duration_words (gpointer data)
{
  char **folded_words = g_new0 (char *, G_N_ELEMENTS (duration_words) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (duration_words); i++)
    {
      g_autoptr(HdrFolded) folded = hdr_fold_text (duration_words[i].word, -1);

      folded_words[i] = g_strndup (folded->text, folded->length);
    }

  return folded_words;
}

/* Returns the folded forms of duration_words, in the same order, folded once
 * for the process. */
static const char * const *
get_folded_duration_words (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, fold_duration_words, NULL);
  return once.retval;
}

/* Reads the first duration ("48 hours", "two days", "24h", "48 часов",
 * "三日") in the folded TEXT and returns it in hours, or -1.  A word of
 * duration_words without a count ("сутки", "يومين") is read when no count
 * and unit are found. */
static int
parse_duration_hours (const char *text,
                      gssize      length)
{
  g_autoptr(GMatchInfo) match_info = NULL;
  g_autofree char *count_word = NULL;
  g_autofree char *hour_unit = NULL;
  int count;

  if (!g_regex_match_full (get_duration_regex (), text, length, 0, 0, &match_info, NULL))
    {
      gsize text_length = length < 0 ? strlen (text) : (gsize) length;
      const char * const *folded_words = get_folded_duration_words ();

      for (guint i = 0; i < G_N_ELEMENTS (duration_words); i++)
        {
          if (g_strstr_len (text, (gssize) text_length, folded_words[i]) != NULL)
            return duration_words[i].hours;
        }

      return -1;
    }

  count_word = g_match_info_fetch (match_info, 1);
  hour_unit = g_match_info_fetch (match_info, 2);
  count = parse_count_word (count_word);
  if (count <= 0)
    return -1;

  if (hour_unit != NULL && hour_unit[0] != '\0')
    return count;

  return count * 24;
}

/* Rule hits --------------------------------------------------------------- */

static void
add_hit (HdrTextScan *self,
         HdrCategory  category,
         const char  *rule_id,
         const char  *language,
         int          weight,
         char        *evidence,
         const char  *location,
         gboolean     unmasked)
{
  HdrRuleHit *hit;

  /* A text/plain part and its text/html alternative repeat the same words.
   * Rule ids are unique only within one language's rules file. */
  for (guint i = 0; i < self->hits->len; i++)
    {
      const HdrRuleHit *other = g_ptr_array_index (self->hits, i);

      if (g_strcmp0 (other->rule_id, rule_id) == 0
          && g_strcmp0 (other->language, language) == 0
          && g_strcmp0 (other->evidence, evidence) == 0)
        {
          g_free (evidence);
          return;
        }
    }

  hit = g_new0 (HdrRuleHit, 1);
  hit->category = category;
  hit->rule_id = g_strdup (rule_id);
  hit->language = g_strdup (language);
  hit->weight = weight;
  hit->evidence = evidence;
  hit->location = g_strdup (location);
  hit->unmasked = unmasked;

  g_ptr_array_add (self->hits, hit);
}

/* Adds one disguised_text hit quoting the first disguised word of the span. */
static void
report_disguise (const ScanContext *context,
                 gsize              start,
                 gsize              end,
                 const char        *language)
{
  const HdrFolded *folded = context->folded;

  for (gsize i = start; i < end; i++)
    {
      gsize original_start;
      gsize original_end;

      if (!folded->lookalike[i])
        continue;

      map_span_to_original (context, i, i + 1, &original_start, &original_end);
      add_hit (context->self, HDR_CATEGORY_DISGUISED_TEXT, "disguised_text", language, 2,
               quote_span (context->original, context->original_length, original_start, original_end),
               context->location, TRUE);
      context->self->disguise_reported = TRUE;
      return;
    }
}

/* Zero-width space, non-joiner and joiner, word joiner and BOM: characters
 * that show nothing and split a word for filters.  The soft hyphen is left
 * out, because honest mail uses it to mark hyphenation points. */
static gboolean
is_invisible_char (gunichar c)
{
  return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

static gboolean
is_word_or_invisible_at (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return g_unichar_isalnum (c) || is_invisible_char (c);
}

/* Returns the word of ORIGINAL[START, END) that has an invisible character
 * between two letters, as written, or NULL. */
static char *
find_word_with_invisible (const char *original,
                          gsize       start,
                          gsize       end)
{
  const char *p = original + start;
  const char *stop = original + end;

  while (p < stop)
    {
      const char *next = g_utf8_next_char (p);
      const char *previous;
      const char *word_start;
      const char *word_end;

      if (!is_invisible_char (g_utf8_get_char (p)) || p == original || next >= stop)
        {
          p = next;
          continue;
        }

      previous = g_utf8_find_prev_char (original, p);
      if (previous == NULL || !g_unichar_isalpha (g_utf8_get_char (previous))
          || !g_unichar_isalpha (g_utf8_get_char (next)))
        {
          p = next;
          continue;
        }

      word_start = previous;
      while (word_start > original)
        {
          const char *before = g_utf8_find_prev_char (original, word_start);

          if (before == NULL || !is_word_or_invisible_at (before))
            break;
          word_start = before;
        }
      word_end = next;
      while (*word_end != '\0' && is_word_or_invisible_at (word_end))
        word_end = g_utf8_next_char (word_end);

      return g_strndup (word_start, (gsize) (word_end - word_start));
    }

  return NULL;
}

static void
on_rule_match (const HdrRuleMatch *match,
               gpointer            user_data)
{
  const ScanContext *context = user_data;
  HdrTextScan *self = context->self;
  gsize original_start;
  gsize original_end;
  gboolean unmasked;

  map_span_to_original (context, match->start, match->end, &original_start, &original_end);
  unmasked = hdr_folded_span_has_lookalike (context->folded, match->start, match->end);

  add_hit (self, match->category, match->rule_id, match->language, match->weight,
           quote_span (context->original, context->original_length, original_start, original_end),
           context->location, unmasked);

  if (unmasked && !self->disguise_reported)
    report_disguise (context, match->start, match->end, match->language);

  if (!self->disguise_reported)
    {
      char *word = find_word_with_invisible (context->original, original_start, original_end);

      if (word != NULL)
        {
          add_hit (self, HDR_CATEGORY_DISGUISED_TEXT, "disguised_text", match->language, 2,
                   word, context->location, FALSE);
          self->disguise_reported = TRUE;
        }
    }

  if (match->category == HDR_CATEGORY_DEADLINE)
    {
      gsize window_end = MIN (match->end + DEADLINE_WINDOW, context->folded->length);
      int hours = parse_duration_hours (context->folded->text + match->start,
                                        (gssize) (window_end - match->start));

      if (hours > 0 && (self->deadline_hours < 0 || hours < self->deadline_hours))
        self->deadline_hours = hours;
    }
}

/* Scanning ---------------------------------------------------------------- */

static void
find_wallets (HdrTextScan *self,
              const char  *normalized)
{
  g_autoptr(GPtrArray) wallets = hdr_wallet_find (normalized);

  if (wallets == NULL)
    return;

  for (guint i = 0; i < wallets->len; i++)
    {
      HdrWallet *wallet = g_ptr_array_index (wallets, i);

      if (g_hash_table_contains (self->seen_wallets, wallet->address))
        continue;

      g_hash_table_add (self->seen_wallets, g_strdup (wallet->address));
      g_ptr_array_add (self->wallets, g_ptr_array_steal_index (wallets, i));
      i--;
    }
}

static guint
count_letters (const char *text)
{
  guint letters = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      /* The only ASCII characters that g_unichar_isalpha() accepts are the
       * letters, so ASCII needs no decoding. */
      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isalpha (*p))
            letters++;
        }
      else if (g_unichar_isalpha (g_utf8_get_char (p)))
        {
          letters++;
        }
    }

  return letters;
}

static void
scan_text (HdrTextScan *self,
           HdrRules    *rules,
           const char  *text,
           const char  *location,
           gboolean     is_body)
{
  g_autoptr(HdrFolded) folded = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *truncated = NULL;
  ScanContext context;
  gsize length;

  g_assert (HDR_IS_TEXT_SCAN (self));
  g_assert (text != NULL);
  g_assert (location != NULL);

  length = strlen (text);
  if (length > MAX_SCANNED_BYTES)
    {
      /* NOTE: hallmarks after the first MAX_SCANNED_BYTES of a text are not found. */
      const char *cut = g_utf8_find_prev_char (text, text + MAX_SCANNED_BYTES + 1);

      g_debug ("Scanning only the first %d bytes of %s (%zu bytes)",
               (int) MAX_SCANNED_BYTES, location, length);
      self->cut_text_count++;
      truncated = g_strndup (text, cut - text);
      text = truncated;
      length = strlen (text);
    }

  folded = hdr_fold_and_normalize_text (text, (gssize) length, &normalized);
  context = (ScanContext) {
    .self = self,
    .original = text,
    .original_length = length,
    .folded = folded,
    .location = location,
  };

  self->limit_hit_count += hdr_rules_match (rules, folded->text, folded->length,
                                            on_rule_match, &context);

  g_string_append_len (self->all_folded, folded->text, (gssize) folded->length);
  g_string_append_c (self->all_folded, '\n');

  /* The original text first: its line breaks show where an address was
   * split, and its wallet evidence quotes the message as written.  The
   * normalised text then adds addresses written with character references
   * or full-width digits. */
  find_wallets (self, text);
  find_wallets (self, normalized);
  hdr_amounts_find (normalized, self->amounts, self->seen_amounts);

  if (is_body)
    self->body_letters += count_letters (normalized);
}

/* Hidden text at least this long is filler: honest preheaders, the hidden
 * preview line of newsletters, were at most 471 characters in a sample of
 * 17 honest mails, while filler meant for spam filters runs to thousands. */
#define HIDDEN_FILLER_MIN_CHARS 600

/* Hidden text with at least this many tokens that mix letters with digits
 * or change case inside the word ("h7x42KRLNg") is random filler. */
#define HIDDEN_RANDOM_MIN_TOKENS 3

/* Hidden text with at least this many tokens, most of them one to three
 * letters long, is made of pieces cut out of words. */
#define HIDDEN_FRAGMENT_MIN_TOKENS 4

static gboolean
is_random_token (const char *token,
                 gsize       length)
{
  gboolean has_digit = FALSE;
  gboolean has_letter = FALSE;
  guint inner_upper = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (g_ascii_isdigit (token[i]))
        has_digit = TRUE;
      else if (g_ascii_isalpha (token[i]))
        has_letter = TRUE;
      if (i > 0 && g_ascii_isupper (token[i]) && g_ascii_islower (token[i - 1]))
        inner_upper++;
    }

  return (has_digit && has_letter && length >= 6) || inner_upper >= 2;
}

/* Decides whether text hidden with CSS is filler by its shape alone: long,
 * random tokens, or short pieces cut out of the visible words
 * ("Bit<span hidden>x</span>coin").  The caller also raises hidden_text for
 * hallmark words in hidden text, and for hidden text unrelated to a visible
 * text that has hallmarks. */
static gboolean
hidden_text_is_filler (const char *normalized)
{
  g_auto(GStrv) tokens = NULL;
  guint n_tokens = 0;
  guint random_tokens = 0;
  guint short_tokens = 0;

  if (g_utf8_strlen (normalized, -1) >= HIDDEN_FILLER_MIN_CHARS)
    return TRUE;

  tokens = g_strsplit (normalized, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gsize length = strlen (tokens[i]);
      glong chars = g_utf8_strlen (tokens[i], -1);

      if (length == 0)
        continue;

      n_tokens++;
      if (is_random_token (tokens[i], length))
        random_tokens++;
      if (chars <= 3 && g_unichar_isalpha (g_utf8_get_char (tokens[i])))
        short_tokens++;
    }

  if (random_tokens >= HIDDEN_RANDOM_MIN_TOKENS && random_tokens * 3 >= n_tokens)
    return TRUE;

  return n_tokens >= HIDDEN_FRAGMENT_MIN_TOKENS && short_tokens * 2 > n_tokens;
}

/* Hidden text shares fewer than this share of its words with the visible
 * text when it is unrelated to it. */
#define HIDDEN_UNRELATED_MAX_SHARE 0.25

/* Only words at least this long are compared, so that "the" or "и" do not
 * make unrelated text look related. */
#define HIDDEN_COMPARED_WORD_CHARS 4

static gboolean
is_unspaced_letter (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA
         || script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_THAI;
}

/* Adds every pair of adjacent letters of TOKEN, because Chinese, Japanese
 * and Thai write a whole phrase without spaces. */
static void
add_letter_pairs (GHashTable *words,
                  const char *token)
{
  for (const char *p = token; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      if (*next == '\0')
        break;
      if (g_unichar_isalpha (g_utf8_get_char (p)) && g_unichar_isalpha (g_utf8_get_char (next)))
        g_hash_table_add (words, g_strndup (p, g_utf8_next_char (next) - p));
    }
}

static GHashTable *
collect_words (const char *folded)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) tokens = g_strsplit_set (folded, " .,;:!?()[]\"'", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (*tokens[i] != '\0' && is_unspaced_letter (g_utf8_get_char (tokens[i])))
        add_letter_pairs (words, tokens[i]);
      else if (g_utf8_strlen (tokens[i], -1) >= HIDDEN_COMPARED_WORD_CHARS)
        g_hash_table_add (words, g_strdup (tokens[i]));
    }

  return words;
}

/* Returns whether most longer words of HIDDEN are absent from VISIBLE, as
 * with a weather report hidden between the paragraphs of a scam. */
static gboolean
hidden_text_is_unrelated (const char *visible,
                          const char *hidden)
{
  g_autoptr(HdrFolded) visible_folded = hdr_fold_text (visible, -1);
  g_autoptr(HdrFolded) hidden_folded = hdr_fold_text (hidden, -1);
  g_autoptr(GHashTable) visible_words = collect_words (visible_folded->text);
  g_autoptr(GHashTable) hidden_words = collect_words (hidden_folded->text);
  GHashTableIter iter;
  gpointer word;
  guint shared = 0;
  guint total = g_hash_table_size (hidden_words);

  if (total < 3)
    return FALSE;

  g_hash_table_iter_init (&iter, hidden_words);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (g_hash_table_contains (visible_words, word))
      shared++;

  return shared < HIDDEN_UNRELATED_MAX_SHARE * total;
}

static void
scan_html_part (HdrTextScan       *self,
                HdrRules          *rules,
                const HdrTextPart *part)
{
  g_autoptr(HdrHtmlText) html = hdr_html_extract (part->text, -1);
  guint visible_hits = self->hits->len;

  if (html == NULL)
    return;

  self->remote_image_count += html->remote_image_count;

  if (html->visible_text != NULL)
    scan_text (self, rules, html->visible_text, part->location, TRUE);
  visible_hits = self->hits->len - visible_hits;

  if (html->hidden_text != NULL && count_letters (html->hidden_text) > 0)
    {
      g_autofree char *hidden_location = g_strdup_printf ("%s (hidden)", part->location);
      /* Quoted normalised, because hidden text is often padded with
       * invisible characters. */
      g_autofree char *hidden = hdr_normalize_text (html->hidden_text, -1);
      gsize length = strlen (hidden);
      guint hits_before = self->hits->len;

      /* Hallmarks hidden from the reader still count. */
      scan_text (self, rules, html->hidden_text, hidden_location, FALSE);

      /* A scam with unrelated text hidden between its paragraphs feeds
       * spam filters innocent words.  Newsletters hide a preview line that
       * repeats their own content, and carry no hallmarks. */
      if (self->hits->len > hits_before || hidden_text_is_filler (hidden)
          || (visible_hits > 0 && html->visible_text != NULL
              && hidden_text_is_unrelated (html->visible_text, hidden)))
        add_hit (self, HDR_CATEGORY_HIDDEN_TEXT, "hidden_text", NULL, 1,
                 quote_span (hidden, length, 0, length),
                 part->location, FALSE);
    }
}

/**
 * hdr_text_scan_new:
 * @rules: the hallmark rules, usually hdr_rules_get_default()
 * @message: the message to scan
 *
 * Scans the Subject and every text part of @message: rule hits with the
 * original text as evidence, hidden and disguised text, wallet addresses,
 * amounts, the deadline, the languages and the remote images of HTML parts.
 *
 * Returns: (transfer full): the scan
 */
HdrTextScan *
hdr_text_scan_new (HdrRules   *rules,
                   HdrMessage *message)
{
  g_autoptr(HdrTextScan) self = NULL;
  GPtrArray *parts;
  const char *subject;
  guint attachments;

  g_return_val_if_fail (HDR_IS_RULES (rules), NULL);
  g_return_val_if_fail (HDR_IS_MESSAGE (message), NULL);

  self = g_object_new (HDR_TYPE_TEXT_SCAN, NULL);

  subject = hdr_message_get_header (message, "Subject");
  if (subject != NULL)
    /* Translators: where a quoted text was found, as in "found in the subject line". */
    scan_text (self, rules, subject, _("subject line"), FALSE);

  parts = hdr_message_get_text_parts (message);
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      const HdrTextPart *part = g_ptr_array_index (parts, i);

      if (part->text == NULL)
        continue;

      if (part->is_html)
        scan_html_part (self, rules, part);
      else
        scan_text (self, rules, part->text, part->location, TRUE);
    }

  self->languages = hdr_rules_identify_languages (rules, self->all_folded->str);
  hdr_amounts_resolve_krone (self->amounts, (const char * const *) self->languages);

  attachments = hdr_message_get_image_part_count (message)
                + hdr_message_get_document_part_count (message);
  self->text_only_in_images = attachments > 0 && self->body_letters < MEANINGFUL_TEXT_LETTERS;

  g_clear_pointer (&self->seen_wallets, g_hash_table_unref);
  g_clear_pointer (&self->seen_amounts, g_hash_table_unref);
  g_string_free (g_steal_pointer (&self->all_folded), TRUE);

  return g_steal_pointer (&self);
}

/**
 * hdr_text_scan_get_hits:
 * @self: a scan
 *
 * Returns: (transfer none) (element-type HdrRuleHit): every hit, in the
 *   order found: Subject first, then the parts
 */
GPtrArray *
hdr_text_scan_get_hits (HdrTextScan *self)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), NULL);

  return self->hits;
}

gboolean
hdr_text_scan_has_category (HdrTextScan *self,
                            HdrCategory  category)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), FALSE);

  return hdr_text_scan_get_first_hit (self, category) != NULL;
}

/* Returns the position of LANGUAGE among the identified languages, or
 * G_MAXUINT when it is not one of them. */
static guint
get_language_rank (HdrTextScan *self,
                   const char  *language)
{
  for (guint i = 0; language != NULL && self->languages != NULL && self->languages[i] != NULL; i++)
    if (strcmp (self->languages[i], language) == 0)
      return i;

  return G_MAXUINT;
}

/**
 * hdr_text_scan_get_first_hit:
 * @self: a scan
 * @category: a category
 *
 * Prefers a hit of the message's main language, because the rules of close
 * languages (Danish and Norwegian) match each other's text.
 *
 * Returns: (transfer none) (nullable): the hit of @category in the
 *   identified language that comes first, the heaviest among those, the
 *   first found among equals; or %NULL
 */
const HdrRuleHit *
hdr_text_scan_get_first_hit (HdrTextScan *self,
                             HdrCategory  category)
{
  const HdrRuleHit *best = NULL;
  guint best_rank = G_MAXUINT;

  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), NULL);

  for (guint i = 0; i < self->hits->len; i++)
    {
      const HdrRuleHit *hit = g_ptr_array_index (self->hits, i);
      guint rank;

      if (hit->category != category)
        continue;

      rank = get_language_rank (self, hit->language);
      if (best == NULL || rank < best_rank || (rank == best_rank && hit->weight > best->weight))
        {
          best = hit;
          best_rank = rank;
        }
    }

  return best;
}

/**
 * hdr_text_scan_get_wallets:
 * @self: a scan
 *
 * Returns: (transfer none) (element-type HdrWallet): wallet addresses, each
 *   address once
 */
GPtrArray *
hdr_text_scan_get_wallets (HdrTextScan *self)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), NULL);

  return self->wallets;
}

/**
 * hdr_text_scan_get_amounts:
 * @self: a scan
 *
 * Returns: (transfer none) (element-type HdrAmount): amounts of money, each
 *   value and currency once
 */
GPtrArray *
hdr_text_scan_get_amounts (HdrTextScan *self)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), NULL);

  return self->amounts;
}

/**
 * hdr_text_scan_get_languages:
 * @self: a scan
 *
 * Returns: (transfer full): codes of the languages identified, most
 *   frequent first; possibly none
 */
GStrv
hdr_text_scan_get_languages (HdrTextScan *self)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), NULL);

  return g_strdupv (self->languages);
}

/**
 * hdr_text_scan_get_deadline_hours:
 * @self: a scan
 *
 * Returns: the shortest deadline stated near a deadline hit, in hours, or
 *   -1 when there is none
 */
int
hdr_text_scan_get_deadline_hours (HdrTextScan *self)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), -1);

  return self->deadline_hours;
}

guint
hdr_text_scan_get_remote_image_count (HdrTextScan *self)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), 0);

  return self->remote_image_count;
}

/**
 * hdr_text_scan_get_text_only_in_images:
 * @self: a scan
 *
 * Returns: whether the message has image or document parts and almost no
 *   text, so that its words may be in pictures no rule can read
 */
gboolean
hdr_text_scan_get_text_only_in_images (HdrTextScan *self)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), FALSE);

  return self->text_only_in_images;
}

/**
 * hdr_text_scan_get_limit_hit_count:
 * @self: a scan
 *
 * Returns: how many rule patterns were stopped by the PCRE2 match or depth
 *   limit; those patterns counted as not matched
 */
guint
hdr_text_scan_get_limit_hit_count (HdrTextScan *self)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), 0);

  return self->limit_hit_count;
}

/**
 * hdr_text_scan_get_cut_text_count:
 * @self: a scan
 *
 * Returns: how many texts were longer than the scanned maximum of 4 MiB
 *   and were scanned only from their start
 */
guint
hdr_text_scan_get_cut_text_count (HdrTextScan *self)
{
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (self), 0);

  return self->cut_text_count;
}
