/* hdr-batch.c: analyse a whole mailbox on worker threads, results in order
 *
 * The calling thread reads messages from the mailbox and hands each to a
 * GThreadPool.  At most HDR_BATCH_QUEUE_PER_THREAD messages per worker are
 * read ahead, so memory stays bounded however large the mailbox is.  The
 * finished results wait in a table until every earlier one is done, and
 * are handed to the caller's function in mailbox order, on the calling
 * thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-batch"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hdr-batch.h"

/* Messages read ahead per worker thread.  A few keep every worker busy
 * while the reader fetches the next one; more only cost memory. */
#define HDR_BATCH_QUEUE_PER_THREAD 4

typedef struct
{
  GMutex                    mutex;
  GCond                     cond;
  GHashTable               *done;       /* index -> HdrBatchItem */
  guint                     in_flight;  /* read, not yet handed to the caller */
  const HdrAnalysisOptions *options;
  HdrBatchPrepareFunc       prepare;
  gpointer                  user_data;
} BatchState;

typedef struct
{
  guint    index;
  guint64  offset;
  char    *source;
  GBytes  *bytes;
} BatchJob;

static void
batch_item_free (HdrBatchItem *item)
{
  g_clear_pointer (&item->source, g_free);
  g_clear_object (&item->report);
  g_clear_error (&item->error);
  if (item->data_destroy != NULL)
    g_clear_pointer (&item->data, item->data_destroy);
  g_free (item);
}

static void
finish_item (BatchState   *state,
             HdrBatchItem *item)
{
  g_mutex_lock (&state->mutex);
  g_hash_table_insert (state->done, GUINT_TO_POINTER (item->index), item);
  g_cond_signal (&state->cond);
  g_mutex_unlock (&state->mutex);
}

static void
analyze_job (gpointer data,
             gpointer user_data)
{
  BatchJob *job = data;
  BatchState *state = user_data;
  HdrBatchItem *item = g_new0 (HdrBatchItem, 1);
  g_autoptr(HdrMessage) message = NULL;

  item->index = job->index;
  item->offset = job->offset;
  item->source = g_steal_pointer (&job->source);

  message = hdr_message_new_from_bytes (job->bytes, item->source, &item->error);
  if (message != NULL)
    item->report = hdr_analyze_message_full (message, state->options);

  if (item->report != NULL && state->prepare != NULL)
    state->prepare (item, state->user_data);

  g_bytes_unref (job->bytes);
  g_free (job);

  finish_item (state, item);
}

/* Hand every finished result whose predecessors are all done to @func.
 * Called with the mutex held; releases it while @func runs. */
static void
emit_ready (BatchState   *state,
            guint        *next_index,
            HdrBatchFunc  func,
            gpointer      user_data)
{
  HdrBatchItem *item;

  while ((item = g_hash_table_lookup (state->done, GUINT_TO_POINTER (*next_index))) != NULL)
    {
      g_hash_table_steal (state->done, GUINT_TO_POINTER (*next_index));
      state->in_flight--;
      (*next_index)++;

      g_mutex_unlock (&state->mutex);
      func (item, user_data);
      batch_item_free (item);
      g_mutex_lock (&state->mutex);
    }
}

/**
 * hdr_batch_run:
 * @n_threads: worker threads, at least 1
 * @func: called on the calling thread for each message, in mailbox order
 *
 * Analyse every message of @reader.  Returns %FALSE with @error set when
 * reading the mailbox failed part way or @cancellable was cancelled.  A
 * single unreadable message is an item with its error, not a failure.
 */
gboolean
hdr_batch_run (HdrMailboxReader          *reader,
               const HdrAnalysisOptions  *options,
               guint                      n_threads,
               HdrBatchFunc               func,
               gpointer                   user_data,
               GCancellable              *cancellable,
               GError                   **error)
{
  return hdr_batch_run_full (reader, options, n_threads, NULL, func, user_data, cancellable, error);
}

/**
 * hdr_batch_run_full:
 * @prepare: (nullable): called on a worker thread for each analysed message
 *
 * Run hdr_batch_run() and let @prepare turn each report into what @func
 * needs, such as its JSON, on the workers.  The calling thread also reads
 * the mailbox, so work moved from @func to @prepare runs in parallel.
 */
gboolean
hdr_batch_run_full (HdrMailboxReader          *reader,
                    const HdrAnalysisOptions  *options,
                    guint                      n_threads,
                    HdrBatchPrepareFunc        prepare,
                    HdrBatchFunc               func,
                    gpointer                   user_data,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  BatchState state = { 0 };
  GThreadPool *pool;
  guint max_in_flight;
  guint next_index = 0;
  guint read_count = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (HDR_IS_MAILBOX_READER (reader), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  n_threads = MAX (n_threads, 1);
  max_in_flight = HDR_BATCH_QUEUE_PER_THREAD * n_threads;

  g_mutex_init (&state.mutex);
  g_cond_init (&state.cond);
  state.done = g_hash_table_new (NULL, NULL);
  state.options = options;
  state.prepare = prepare;
  state.user_data = user_data;

  pool = g_thread_pool_new (analyze_job, &state, n_threads, FALSE, NULL);

  for (;;)
    {
      g_autoptr(GError) read_error = NULL;
      g_autofree char *source = NULL;
      GBytes *bytes;

      g_mutex_lock (&state.mutex);
      emit_ready (&state, &next_index, func, user_data);
      while (state.in_flight >= max_in_flight)
        {
          g_cond_wait (&state.cond, &state.mutex);
          emit_ready (&state, &next_index, func, user_data);
        }
      g_mutex_unlock (&state.mutex);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      bytes = hdr_mailbox_reader_next (reader, &source, cancellable, &read_error);

      if (bytes == NULL && read_error == NULL)
        break;

      g_mutex_lock (&state.mutex);
      state.in_flight++;
      g_mutex_unlock (&state.mutex);

      if (bytes == NULL && source == NULL)
        {
          /* The mailbox itself failed; what was read is still reported. */
          g_propagate_error (error, g_steal_pointer (&read_error));
          g_mutex_lock (&state.mutex);
          state.in_flight--;
          g_mutex_unlock (&state.mutex);
          ok = FALSE;
          break;
        }

      if (bytes == NULL)
        {
          HdrBatchItem *item = g_new0 (HdrBatchItem, 1);

          item->index = read_count++;
          item->offset = hdr_mailbox_reader_get_message_offset (reader);
          item->source = g_steal_pointer (&source);
          item->error = g_steal_pointer (&read_error);
          finish_item (&state, item);
        }
      else
        {
          BatchJob *job = g_new0 (BatchJob, 1);

          job->index = read_count++;
          job->offset = hdr_mailbox_reader_get_message_offset (reader);
          job->source = g_steal_pointer (&source);
          job->bytes = bytes;
          g_thread_pool_push (pool, job, NULL);
        }
    }

  /* Wait for the messages already handed out, and report them in order. */
  g_mutex_lock (&state.mutex);
  while (next_index < read_count)
    {
      emit_ready (&state, &next_index, func, user_data);
      if (next_index < read_count)
        g_cond_wait (&state.cond, &state.mutex);
    }
  g_mutex_unlock (&state.mutex);

  g_thread_pool_free (pool, FALSE, TRUE);
  g_hash_table_unref (state.done);
  g_cond_clear (&state.cond);
  g_mutex_clear (&state.mutex);

  return ok;
}

struct _HdrBatchSummary
{
  guint       messages;
  guint       unreadable;
  guint       verdicts[HDR_VERDICT_SEXTORTION + 1];
  GHashTable *by_wallet;     /* address -> count of sextortion messages */
  GHashTable *by_origin_ip;  /* IP -> count of sextortion messages */
};

HdrBatchSummary *
hdr_batch_summary_new (void)
{
  HdrBatchSummary *summary = g_new0 (HdrBatchSummary, 1);

  summary->by_wallet = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  summary->by_origin_ip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return summary;
}

void
hdr_batch_summary_free (HdrBatchSummary *summary)
{
  if (summary == NULL)
    return;

  g_hash_table_unref (summary->by_wallet);
  g_hash_table_unref (summary->by_origin_ip);
  g_free (summary);
}

static void
count_key (GHashTable *table,
           const char *key)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_replace (table, g_strdup (key), GUINT_TO_POINTER (count + 1));
}

/**
 * hdr_batch_summary_add:
 *
 * Count one result: its verdict, and for sextortion its payment wallets and
 * its origin IP, which tie the copies of one campaign together.
 */
void
hdr_batch_summary_add (HdrBatchSummary    *summary,
                       const HdrBatchItem *item)
{
  HdrVerdict verdict;
  GPtrArray *wallets;
  const char *origin_ip;

  g_return_if_fail (summary != NULL);
  g_return_if_fail (item != NULL);

  summary->messages++;

  if (item->report == NULL)
    {
      summary->unreadable++;
      return;
    }

  verdict = hdr_report_get_verdict (item->report);
  summary->verdicts[verdict]++;

  if (verdict != HDR_VERDICT_SEXTORTION)
    return;

  wallets = hdr_text_scan_get_wallets (hdr_report_get_text_scan (item->report));
  for (guint i = 0; i < wallets->len; i++)
    {
      const HdrWallet *wallet = g_ptr_array_index (wallets, i);

      if (!wallet->in_link && wallet->checksum != HDR_CHECKSUM_INVALID)
        count_key (summary->by_wallet, wallet->address);
    }

  origin_ip = hdr_route_get_origin_ip (hdr_report_get_route (item->report));
  if (origin_ip != NULL)
    count_key (summary->by_origin_ip, origin_ip);
}

typedef struct
{
  const char *key;
  guint       count;
} KeyCount;

static int
compare_key_counts (gconstpointer a,
                    gconstpointer b)
{
  const KeyCount *first = a;
  const KeyCount *second = b;

  if (first->count != second->count)
    return first->count > second->count ? -1 : 1;

  return g_strcmp0 (first->key, second->key);
}

/* The keys of @table, most frequent first. */
static GArray *
sorted_counts (GHashTable *table)
{
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (KeyCount));
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KeyCount entry = { key, GPOINTER_TO_UINT (value) };

      g_array_append_val (counts, entry);
    }

  g_array_sort (counts, compare_key_counts);

  return counts;
}

static void
add_groups (JsonBuilder *builder,
            const char  *member,
            const char  *key_name,
            GHashTable  *table)
{
  g_autoptr(GArray) counts = sorted_counts (table);

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < counts->len; i++)
    {
      const KeyCount *entry = &g_array_index (counts, KeyCount, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, key_name);
      json_builder_add_string_value (builder, entry->key);
      json_builder_set_member_name (builder, "messages");
      json_builder_add_int_value (builder, entry->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * hdr_batch_summary_to_json:
 *
 * Returns: (transfer full): one line of JSON, an object with a "summary"
 *   member, without a final newline
 */
char *
hdr_batch_summary_to_json (HdrBatchSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_add_int_value (builder, summary->messages);
  json_builder_set_member_name (builder, "unreadable");
  json_builder_add_int_value (builder, summary->unreadable);
  json_builder_set_member_name (builder, "verdicts");
  json_builder_begin_object (builder);
  for (guint verdict = HDR_VERDICT_NONE; verdict <= HDR_VERDICT_SEXTORTION; verdict++)
    {
      json_builder_set_member_name (builder, hdr_verdict_to_string (verdict));
      json_builder_add_int_value (builder, summary->verdicts[verdict]);
    }
  json_builder_end_object (builder);
  add_groups (builder, "sextortion_by_wallet", "address", summary->by_wallet);
  add_groups (builder, "sextortion_by_origin_ip", "ip", summary->by_origin_ip);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * hdr_batch_summary_to_text:
 *
 * Returns: (transfer full): the summary as translated plain text
 */
char *
hdr_batch_summary_to_text (HdrBatchSummary *summary)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) wallets = NULL;
  g_autoptr(GArray) origins = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Mailbox summary: %u message\n",
                                            "Mailbox summary: %u messages\n", summary->messages),
                          summary->messages);
  g_string_append_printf (out, _("  blackmail scam (sextortion): %u\n"),
                          summary->verdicts[HDR_VERDICT_SEXTORTION]);
  g_string_append_printf (out, _("  signs of a scam: %u\n"), summary->verdicts[HDR_VERDICT_SUSPICIOUS]);
  g_string_append_printf (out, _("  no known scam signs: %u\n"), summary->verdicts[HDR_VERDICT_NONE]);
  if (summary->unreadable > 0)
    g_string_append_printf (out, _("  could not be read: %u\n"), summary->unreadable);

  wallets = sorted_counts (summary->by_wallet);
  if (wallets->len > 0)
    {
      g_string_append (out, _("\nBlackmail messages by the wallet they demand payment to:\n"));
      for (guint i = 0; i < wallets->len; i++)
        {
          const KeyCount *entry = &g_array_index (wallets, KeyCount, i);

          g_string_append_printf (out, "  %s: %u\n", entry->key, entry->count);
        }
    }

  origins = sorted_counts (summary->by_origin_ip);
  if (origins->len > 0)
    {
      g_string_append (out, _("\nBlackmail messages by the computer that sent them:\n"));
      for (guint i = 0; i < origins->len; i++)
        {
          const KeyCount *entry = &g_array_index (origins, KeyCount, i);

          g_string_append_printf (out, "  %s: %u\n", entry->key, entry->count);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The markup that the HTML and Markdown summaries put around the same
 * translated text. */
typedef struct
{
  const char  *title_begin;
  const char  *title_end;
  const char  *heading_begin;
  const char  *heading_end;
  const char  *list_begin;
  const char  *list_end;
  const char  *item_begin;
  const char  *item_end;
  const char  *code_begin;
  const char  *code_end;
  char      *(*escape) (const char *text,
                        gssize      length);  /* NULL: append the text as it is */
} SummaryMarkup;

static const SummaryMarkup html_markup = {
  .title_begin = "<h1>",
  .title_end = "</h1>\n",
  .heading_begin = "<h2>",
  .heading_end = "</h2>\n",
  .list_begin = "<ul>\n",
  .list_end = "</ul>\n",
  .item_begin = "<li>",
  .item_end = "</li>\n",
  .code_begin = "<code>",
  .code_end = "</code>",
  .escape = g_markup_escape_text,
};

/* The Markdown gets no escaping: its text is the app's own translated
 * strings, and the only text taken from the messages goes into code spans.
 * That text is wallet addresses (base58, bech32 or hex, see hdr-wallet.c)
 * and IP addresses that passed inet_pton(), so no backtick can end a span
 * early. */
static const SummaryMarkup markdown_markup = {
  .title_begin = "# ",
  .title_end = "\n\n",
  .heading_begin = "## ",
  .heading_end = "\n\n",
  .list_begin = "",
  .list_end = "\n",
  .item_begin = "- ",
  .item_end = "\n",
  .code_begin = "`",
  .code_end = "`",
  .escape = NULL,
};

static void
append_markup_text (GString             *out,
                    const SummaryMarkup *markup,
                    const char          *text)
{
  g_autofree char *escaped = NULL;

  if (markup->escape == NULL)
    {
      g_string_append (out, text);
      return;
    }

  escaped = markup->escape (text, -1);
  g_string_append (out, escaped);
}

static void append_item_printf (GString             *out,
                                const SummaryMarkup *markup,
                                const char          *format,
                                ...) G_GNUC_PRINTF (3, 4);

static void
append_item_printf (GString             *out,
                    const SummaryMarkup *markup,
                    const char          *format,
                    ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_string_append (out, markup->item_begin);
  append_markup_text (out, markup, text);
  g_string_append (out, markup->item_end);
}

/* Append a heading and a list of @counts, each key as code with its
 * number of messages. */
static void
append_groups (GString             *out,
               const SummaryMarkup *markup,
               const char          *heading,
               GArray              *counts)
{
  g_string_append (out, markup->heading_begin);
  append_markup_text (out, markup, heading);
  g_string_append (out, markup->heading_end);

  g_string_append (out, markup->list_begin);
  for (guint i = 0; i < counts->len; i++)
    {
      const KeyCount *entry = &g_array_index (counts, KeyCount, i);
      /* Translators: how many blackmail messages share the wallet or IP address before it. */
      g_autofree char *messages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message",
                                                                "%u messages", entry->count),
                                                   entry->count);

      g_string_append (out, markup->item_begin);
      g_string_append (out, markup->code_begin);
      append_markup_text (out, markup, entry->key);
      g_string_append (out, markup->code_end);
      g_string_append (out, ": ");
      append_markup_text (out, markup, messages);
      g_string_append (out, markup->item_end);
    }
  g_string_append (out, markup->list_end);
}

/* Render the counts that hdr_batch_summary_to_text() prints with @markup:
 * a title, a list of verdict counts and one headed list per group. */
static char *
summary_to_markup (HdrBatchSummary     *summary,
                   const SummaryMarkup *markup)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) wallets = sorted_counts (summary->by_wallet);
  g_autoptr(GArray) origins = sorted_counts (summary->by_origin_ip);
  g_autofree char *title = NULL;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mailbox summary: %u message",
                                        "Mailbox summary: %u messages", summary->messages),
                           summary->messages);
  g_string_append (out, markup->title_begin);
  append_markup_text (out, markup, title);
  g_string_append (out, markup->title_end);

  g_string_append (out, markup->list_begin);
  append_item_printf (out, markup, _("Blackmail scam (sextortion): %u"),
                      summary->verdicts[HDR_VERDICT_SEXTORTION]);
  append_item_printf (out, markup, _("Signs of a scam: %u"),
                      summary->verdicts[HDR_VERDICT_SUSPICIOUS]);
  append_item_printf (out, markup, _("No known scam signs: %u"),
                      summary->verdicts[HDR_VERDICT_NONE]);
  if (summary->unreadable > 0)
    append_item_printf (out, markup, _("Could not be read: %u"), summary->unreadable);
  g_string_append (out, markup->list_end);

  if (wallets->len > 0)
    append_groups (out, markup, _("Blackmail messages by the wallet they demand payment to"),
                   wallets);

  if (origins->len > 0)
    append_groups (out, markup, _("Blackmail messages by the computer that sent them"), origins);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * hdr_batch_summary_to_html:
 *
 * Render the summary as HTML blocks for the body of the document that
 * hdr_report_html_begin() starts: an <h1> title, a list of verdict counts,
 * and an <h2> with a list for each group of blackmail messages.  All text
 * is escaped.
 *
 * Returns: (transfer full): the summary as translated HTML
 */
char *
hdr_batch_summary_to_html (HdrBatchSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  return summary_to_markup (summary, &html_markup);
}

/**
 * hdr_batch_summary_to_markdown:
 *
 * Render the summary as CommonMark with the headings and lists of
 * hdr_batch_summary_to_html(), ending with a blank line.
 *
 * Returns: (transfer full): the summary as translated Markdown
 */
char *
hdr_batch_summary_to_markdown (HdrBatchSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  return summary_to_markup (summary, &markdown_markup);
}

guint
hdr_batch_summary_get_messages (HdrBatchSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);

  return summary->messages;
}

guint
hdr_batch_summary_get_unreadable (HdrBatchSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);

  return summary->unreadable;
}

guint
hdr_batch_summary_get_verdict_count (HdrBatchSummary *summary,
                                     HdrVerdict       verdict)
{
  g_return_val_if_fail (summary != NULL, 0);
  g_return_val_if_fail (verdict <= HDR_VERDICT_SEXTORTION, 0);

  return summary->verdicts[verdict];
}

/* Returns: how many sextortion messages demand payment to @address */
guint
hdr_batch_summary_get_wallet_count (HdrBatchSummary *summary,
                                    const char      *address)
{
  g_return_val_if_fail (summary != NULL, 0);
  g_return_val_if_fail (address != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (summary->by_wallet, address));
}

/* Returns: how many sextortion messages have @ip as their origin */
guint
hdr_batch_summary_get_origin_count (HdrBatchSummary *summary,
                                    const char      *ip)
{
  g_return_val_if_fail (summary != NULL, 0);
  g_return_val_if_fail (ip != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (summary->by_origin_ip, ip));
}
