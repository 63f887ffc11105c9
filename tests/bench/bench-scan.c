/* bench-scan.c: times the text engine against GMime's own parse
 *
 * Generates a message body of about 1 MB from a fixed seed (a mailing-list
 * digest: ordinary prose in several languages with links, prices, quoted
 * replies and one quoted scam), then reports in one run:
 *   - GMime's parse of the message (g_mime_parser_construct_message);
 *   - normalisation and folding of the body;
 *   - rule matching over the folded body with every rules file of data/rules
 *     loaded together, and its ratio to the parse;
 *   - the full analysis (hdr_analyze_bytes) of the 1 MB message and of each
 *     message in data/samples, with the ratio to the parse of the same
 *     bytes.
 * Each time is the median of several runs, in CPU time of the running
 * thread, so that other processes on a shared machine change it less than
 * they change wall time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gmime/gmime.h>

#include "hdr-analysis.h"
#include "hdr-normalize.h"
#include "hdr-rules.h"

#define BODY_TARGET_BYTES (1024 * 1024)
#define BODY_SEED 20261204

/* Each measurement repeats until this much time has passed, at least
 * MIN_RUNS times, and reports the median. */
#define MIN_RUNS 5
#define MIN_SECONDS 0.5

static const char * const english_subjects[] = {
  "The committee", "Our team", "The new release", "My neighbour", "The school board",
  "Everyone on the list", "The library", "The volunteers", "The treasurer", "This week's speaker",
  "The garden club", "The support desk", "Your order", "The council", "A reader from Leeds",
};

static const char * const english_verbs[] = {
  "has agreed to move", "will discuss", "asked about", "is looking for help with",
  "finally fixed", "sent a reminder about", "published the notes on", "would like feedback on",
  "postponed", "has a question about", "reviewed", "is collecting money for",
  "cannot find", "updated the page about", "thanked everyone for",
};

static const char * const english_objects[] = {
  "the meeting on Thursday", "the printer on the second floor", "the spring fair",
  "the password policy for shared computers", "the new parking rules", "the budget for next year",
  "the video of last month's talk", "the broken link in the newsletter", "the access cards",
  "the recording of the webinar", "the contact list", "the delivery of the chairs",
  "the account settings page", "the camera in the hall", "the deadline for the grant",
};

static const char * const english_tails[] = {
  ".", " before the end of the month.", ", so please reply if you can help.",
  " and the minutes are attached.", ", which took longer than expected.",
  " after the last discussion.", "; details are on the website.", " as soon as possible.",
  ", thanks to all of you.", " (see the link below).",
};

static const char * const other_paragraphs[] = {
  "Liebe Mitglieder, die Jahresversammlung findet am 12. März im Gemeindesaal statt. "
  "Bitte bringt eure Fragen zum Haushalt mit. Der Beitrag von 35,00 € kann bar bezahlt werden.",
  "Hei alle sammen! Dugnaden i hagen er flyttet til lørdag klokka ti. Ta med hansker og "
  "gjerne en kake. Vi har fått 2 500 kr i støtte fra kommunen.",
  "Bonjour à tous, la réunion du comité est reportée à mardi prochain. Merci de confirmer "
  "votre présence avant vendredi. La cotisation annuelle reste à 20 euros.",
  "Здравствуйте! Напоминаем, что собрание клуба состоится в четверг в семь часов вечера. "
  "Взнос за год составляет 1 500 ₽, его можно оплатить на месте.",
  "皆さん、こんにちは。来週の勉強会は図書館の会議室で行います。参加費は500円です。"
  "資料は前日までにメールで送ります。",
  "Hola a todos: el mercadillo solidario será el sábado por la mañana. Necesitamos "
  "voluntarios para montar las mesas a las nueve.",
  "Cześć! Spotkanie sekcji odbędzie się w środę o osiemnastej. Składka wynosi 40 zł.",
};

static const char * const link_lines[] = {
  "More at https://www.example.org/news/2026/12/spring-fair?utm_source=list&utm_medium=email",
  "Minutes: https://lists.example.net/archives/members/2026-December/004512.html",
  "Tickets cost $12.50 for adults and $6 for children: https://tickets.example.com/e/88231",
  "Unsubscribe: https://lists.example.net/options/members/reader%40example.com",
  "The hall costs £45 per evening; the invoice is at https://files.example.org/inv/2026-118.pdf",
};

/* A scam someone forwarded to the list with a warning, quoted. */
static const char quoted_scam[] =
  "> I am a hacker who has access to your operating system. I recorded a video\n"
  "> of you through your webcam while you visited an adult website. Send 1200 USD\n"
  "> in Bitcoin to 1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf within 48 hours or I will\n"
  "> send the video to all your contacts. Do not go to the police.\n";

static const char *
pick (GRand              *rand,
      const char * const *items,
      guint               n_items)
{
  return items[g_rand_int_range (rand, 0, (gint32) n_items)];
}

static void
append_english_paragraph (GString *body,
                          GRand   *rand)
{
  guint sentences = (guint) g_rand_int_range (rand, 2, 7);
  guint column = 0;

  for (guint i = 0; i < sentences; i++)
    {
      g_autofree char *sentence =
        g_strdup_printf ("%s %s %s%s ",
                         pick (rand, english_subjects, G_N_ELEMENTS (english_subjects)),
                         pick (rand, english_verbs, G_N_ELEMENTS (english_verbs)),
                         pick (rand, english_objects, G_N_ELEMENTS (english_objects)),
                         pick (rand, english_tails, G_N_ELEMENTS (english_tails)));
      g_auto(GStrv) words = g_strsplit (sentence, " ", -1);

      /* Wrapped at 72 columns, as mail clients send plain text. */
      for (guint k = 0; words[k] != NULL; k++)
        {
          gsize length = strlen (words[k]);

          if (length == 0)
            continue;
          if (column > 0 && column + 1 + length > 72)
            {
              g_string_append_c (body, '\n');
              column = 0;
            }
          else if (column > 0)
            {
              g_string_append_c (body, ' ');
              column++;
            }
          g_string_append (body, words[k]);
          column += (guint) length;
        }
    }

  g_string_append (body, "\n\n");
}

/* Returns a body of about TARGET bytes, the same on every run. */
static char *
generate_body (gsize target)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (BODY_SEED);
  GString *body = g_string_sized_new (target + 4096);
  guint message_number = 1;

  while (body->len < target)
    {
      guint kind = (guint) g_rand_int_range (rand, 0, 100);

      if (kind < 4)
        {
          g_string_append_printf (body, "------------------------------\n\nMessage: %u\n"
                                  "From: Reader %u <reader%u@example.com>\n"
                                  "Subject: Re: [members] plans for the %u meeting\n\n",
                                  message_number, kind, message_number, 2000 + message_number);
          message_number++;
        }
      else if (kind < 70)
        append_english_paragraph (body, rand);
      else if (kind < 85)
        g_string_append_printf (body, "%s\n\n",
                                pick (rand, other_paragraphs, G_N_ELEMENTS (other_paragraphs)));
      else if (kind < 97)
        g_string_append_printf (body, "%s\n\n", pick (rand, link_lines, G_N_ELEMENTS (link_lines)));
      else if (kind < 98)
        g_string_append_printf (body, "Someone sent me this, please ignore it if you get it too:\n\n%s\n",
                                quoted_scam);
      else
        g_string_append (body, "-- \nSent from my phone\n\n");
    }

  return g_string_free (body, FALSE);
}

static GBytes *
build_message (const char *body)
{
  GString *message = g_string_new (NULL);

  g_string_append (message,
                   "Received: from lists.example.net (lists.example.net [198.51.100.20])\n"
                   "\tby mx.example.com (Postfix) with ESMTPS id 4Q1xYz\n"
                   "\tfor <reader@example.com>; Fri, 4 Dec 2026 10:00:00 +0000\n"
                   "Received: from [203.0.113.7] (helo=laptop)\n"
                   "\tby lists.example.net with esmtpa (Exim 4.96)\n"
                   "\tid 1abcDE-000123-AB; Fri, 4 Dec 2026 09:59:58 +0000\n"
                   "From: Members list <members@lists.example.net>\n"
                   "To: reader@example.com\n"
                   "Subject: Members digest, Vol 12, Issue 48\n"
                   "Date: Fri, 4 Dec 2026 09:59:58 +0000\n"
                   "Message-ID: <digest-12-48@lists.example.net>\n"
                   "List-Id: Members <members.lists.example.net>\n"
                   "MIME-Version: 1.0\n"
                   "Content-Type: text/plain; charset=\"utf-8\"\n"
                   "Content-Transfer-Encoding: 8bit\n"
                   "\n");
  g_string_append (message, body);

  return g_string_free_to_bytes (message);
}

/* Rules ------------------------------------------------------------------- */

/* Loads every rules file in RULES_DIR together. */
static HdrRules *
load_all_rules (const char *rules_dir)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  HdrRules *rules;
  const char *name;

  dir = g_dir_open (rules_dir, 0, &error);
  if (dir == NULL)
    g_error ("Cannot read the rules folder: %s", error->message);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      char *data = NULL;

      if (!g_str_has_suffix (name, ".rules"))
        continue;

      path = g_build_filename (rules_dir, name, NULL);
      if (!g_file_get_contents (path, &data, NULL, &error))
        g_error ("Cannot read %s: %s", path, error->message);

      g_ptr_array_add (codes, g_strndup (name, strlen (name) - strlen (".rules")));
      g_ptr_array_add (contents, data);
    }

  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (contents, NULL);

  rules = hdr_rules_new_from_data ((const char * const *) codes->pdata,
                                   (const char * const *) contents->pdata, &error);
  if (rules == NULL)
    g_error ("Invalid rules: %s", error->message);

  return rules;
}

/* Timing ------------------------------------------------------------------ */

typedef void (*BenchFunc) (gpointer data);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

static double
get_thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (double) now.tv_sec * 1000.0 + (double) now.tv_nsec / 1e6;
}

/* Returns the median CPU time of FUNC, in milliseconds. */
static double
time_median_ms (BenchFunc func,
                gpointer  data)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double started = get_thread_cpu_ms ();

  while (times->len < MIN_RUNS || get_thread_cpu_ms () - started < MIN_SECONDS * 1000.0)
    {
      double before = get_thread_cpu_ms ();
      double elapsed;

      func (data);
      elapsed = get_thread_cpu_ms () - before;
      g_array_append_val (times, elapsed);
    }

  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static void
run_gmime_parse (gpointer data)
{
  GBytes *bytes = data;
  gsize size;
  const guint8 *contents = g_bytes_get_data (bytes, &size);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer ((const char *) contents, size);
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr(GMimeMessage) message = NULL;

  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert (message != NULL);
}

static void
run_normalize (gpointer data)
{
  g_autofree char *normalized = hdr_normalize_text (data, -1);
}

static void
run_fold (gpointer data)
{
  g_autoptr(HdrFolded) folded = hdr_fold_text (data, -1);
}

static void
count_match (const HdrRuleMatch *match,
             gpointer            user_data)
{
  guint *matches = user_data;

  (*matches)++;
}

typedef struct
{
  HdrRules        *rules;
  const HdrFolded *folded;
  guint            matches;
  guint            limit_hits;
} MatchData;

static void
run_match (gpointer data)
{
  MatchData *match_data = data;

  match_data->matches = 0;
  match_data->limit_hits = hdr_rules_match (match_data->rules, match_data->folded->text,
                                            match_data->folded->length, count_match,
                                            &match_data->matches);
}

static void
run_analysis (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrReport) report = hdr_analyze_bytes (data, "bench", &error);

  g_assert_no_error (error);
  g_assert (report != NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Prints the parse and full-analysis times of one message. */
static void
report_message (const char *name,
                GBytes     *bytes)
{
  double parse_ms = time_median_ms (run_gmime_parse, bytes);
  double analysis_ms = time_median_ms (run_analysis, bytes);

  printf ("%-34s %9zu %10.3f %10.3f %7.2f\n",
          name, g_bytes_get_size (bytes), parse_ms, analysis_ms, analysis_ms / parse_ms);
}

int
main (int   argc,
      char *argv[])
{
  const char *source_dir = argc > 1 ? argv[1] : SOURCE_DIR;
  g_autofree char *rules_dir = g_build_filename (source_dir, "data", "rules", NULL);
  g_autofree char *samples_dir = g_build_filename (source_dir, "data", "samples", NULL);
  g_autofree char *body = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(HdrRules) rules = NULL;
  g_autoptr(HdrFolded) folded = NULL;
  g_autoptr(GDir) samples = NULL;
  g_autoptr(GPtrArray) sample_names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) languages = NULL;
  g_autofree char *language_list = NULL;
  MatchData match_data = { 0 };
  double parse_ms;
  double normalize_ms;
  double fold_ms;
  double match_ms;
  double analysis_ms;
  gint64 started;
  const char *name;

  g_mime_init ();

  body = generate_body (BODY_TARGET_BYTES);
  message = build_message (body);

  started = g_get_monotonic_time ();
  rules = load_all_rules (rules_dir);
  languages = hdr_rules_get_languages (rules);
  language_list = g_strjoinv (" ", languages);
  printf ("rules: %u rules in %u languages (%s), loaded and compiled in %.1f ms\n",
          hdr_rules_get_n_rules (rules), g_strv_length (languages),
          language_list,
          (double) (g_get_monotonic_time () - started) / 1000.0);
  /* The bundled rules used by the full analysis, compiled before timing. */
  hdr_rules_get_default ();

  printf ("body: %zu bytes; message: %zu bytes\n\n", strlen (body), g_bytes_get_size (message));

  if (g_getenv ("BENCH_SAMPLE") != NULL)
    {
      /* Profiles the full analysis of one small message:
       * BENCH_SAMPLE=data/samples/sextortion-en.eml perf record bench-scan
       * BENCH_RUNS sets the number of analyses, 5000 by default. */
      const char *runs_variable = g_getenv ("BENCH_RUNS");
      guint runs = runs_variable != NULL ? (guint) g_ascii_strtoull (runs_variable, NULL, 10) : 5000;
      g_autoptr(GError) error = NULL;
      g_autoptr(GMappedFile) file = g_mapped_file_new (g_getenv ("BENCH_SAMPLE"), FALSE, &error);
      g_autoptr(GBytes) bytes = NULL;

      if (file == NULL)
        g_error ("Cannot read %s: %s", g_getenv ("BENCH_SAMPLE"), error->message);
      bytes = g_mapped_file_get_bytes (file);
      for (guint i = 0; i < runs; i++)
        run_analysis (bytes);
      return 0;
    }

  if (g_getenv ("BENCH_ANALYSIS_ONLY") != NULL)
    {
      /* Profiles the full analysis alone: BENCH_ANALYSIS_ONLY=1 perf record bench-scan */
      for (guint i = 0; i < 5; i++)
        run_analysis (message);
      return 0;
    }

  folded = hdr_fold_text (body, -1);
  match_data.rules = rules;
  match_data.folded = folded;
  if (g_getenv ("BENCH_MATCH_ONLY") != NULL)
    {
      /* Profiles the matcher alone: BENCH_MATCH_ONLY=1 perf record bench-scan */
      match_ms = time_median_ms (run_match, &match_data);
      for (guint i = 0; i < 50; i++)
        run_match (&match_data);
      printf ("rule matching: %.3f ms; rules matched: %u\n", match_ms, match_data.matches);
      return 0;
    }

  parse_ms = time_median_ms (run_gmime_parse, message);
  normalize_ms = time_median_ms (run_normalize, body);
  fold_ms = time_median_ms (run_fold, body);
  match_ms = time_median_ms (run_match, &match_data);
  analysis_ms = time_median_ms (run_analysis, message);

  printf ("1 MB message                   median CPU ms   x parse\n");
  printf ("  GMime parse                      %10.3f      1.00\n", parse_ms);
  printf ("  normalisation (body)             %10.3f %9.2f\n", normalize_ms, normalize_ms / parse_ms);
  printf ("  folding (body)                   %10.3f %9.2f\n", fold_ms, fold_ms / parse_ms);
  printf ("  rule matching (folded body)      %10.3f %9.2f   target <= 3\n",
          match_ms, match_ms / parse_ms);
  printf ("  full analysis (whole message)    %10.3f %9.2f\n", analysis_ms, analysis_ms / parse_ms);
  printf ("  rules matched: %u; patterns stopped by a limit: %u\n\n",
          match_data.matches, match_data.limit_hits);

  printf ("%-34s %9s %10s %10s %7s\n", "message (CPU time)", "bytes", "parse ms", "full ms", "x parse");
  report_message ("generated 1 MB digest", message);

  samples = g_dir_open (samples_dir, 0, NULL);
  while (samples != NULL && (name = g_dir_read_name (samples)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      g_ptr_array_add (sample_names, g_strdup (name));
  g_ptr_array_sort (sample_names, compare_names);

  for (guint i = 0; i < sample_names->len; i++)
    {
      const char *sample = g_ptr_array_index (sample_names, i);
      g_autofree char *path = g_build_filename (samples_dir, sample, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
      g_autoptr(GBytes) bytes = NULL;

      if (file == NULL)
        g_error ("Cannot read %s: %s", path, error->message);
      bytes = g_mapped_file_get_bytes (file);
      report_message (sample, bytes);
    }

  printf ("\nfull analysis target: <= 2 x parse for a realistic message\n");

  return 0;
}
