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

/* Messages read ahead per worker thread.  Results are handed on in
 * mailbox order, so one slow message holds back the results after it.
 * Enough messages in flight keep the other workers busy meanwhile. */
#define HDR_BATCH_QUEUE_PER_THREAD 16

/* Maximum bytes of the messages in flight, unless a single message is
 * larger.  It bounds memory when messages are large. */
#define HDR_BATCH_MAX_BYTES_IN_FLIGHT (32 * 1024 * 1024)

/* The workers take turns reading the mailbox under read_mutex, and each
 * analyses the message it read.  The calling thread only hands results on
 * in order, so N threads do all the work. */
typedef struct
{
  GMutex                    mutex;
  GCond                     done_cond;   /* an item finished, or reading ended */
  GCond                     space_cond;  /* the caller handed items on */
  GHashTable               *done;        /* index -> BatchItem */
  guint                     in_flight;   /* read, not yet handed to the caller */
  gsize                     bytes_in_flight;  /* of the messages in flight */
  guint                     max_in_flight;
  GPtrArray               **handed_on;   /* per worker: its BatchItems handed to the caller, to be freed */
  guint                     read_count;  /* messages and unreadable entries read so far */
  gboolean                  finished;    /* no more messages will be read */
  GError                   *error;       /* why reading stopped early, if it did */

  GMutex                    read_mutex;  /* held while a worker reads */
  HdrMailboxReader         *reader;
  GCancellable             *cancellable;
  const HdrAnalysisOptions *options;
  HdrBatchPrepareFunc       prepare;
  gpointer                  user_data;
} BatchState;

/* An item as the batch keeps it: the bytes of its message count against
 * HDR_BATCH_MAX_BYTES_IN_FLIGHT until it is handed on. */
typedef struct
{
  HdrBatchItem item;
  gsize        size;
  guint        worker;   /* index of the worker that read and analysed it */
} BatchItem;

static void
batch_item_free (BatchItem *batch_item)
{
  HdrBatchItem *item = &batch_item->item;

  g_clear_pointer (&item->source, g_free);
  g_clear_object (&item->report);
  g_clear_error (&item->error);
  if (item->data_destroy != NULL)
    g_clear_pointer (&item->data, item->data_destroy);
  g_free (batch_item);
}

static void
free_items (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    batch_item_free (g_ptr_array_index (items, i));
  g_ptr_array_unref (items);
}

/* Takes the items of WORKER that were handed on, for it to free.  A
 * report keeps its parsed message, so freeing it is a large share of the
 * work.  Memory freed by the thread that allocated it does not contend for
 * the allocator's locks.  Called with the mutex held. */
static GPtrArray *
take_handed_on (BatchState *state,
                guint       worker)
{
  GPtrArray *handed_on = g_steal_pointer (&state->handed_on[worker]);

  state->handed_on[worker] = g_ptr_array_new ();

  return handed_on;
}

/* Whether a worker must wait before it reads another message.  Called with
 * the mutex held. */
static gboolean
queue_is_full (const BatchState *state)
{
  return state->in_flight >= state->max_in_flight ||
         (state->in_flight > 0 && state->bytes_in_flight >= HDR_BATCH_MAX_BYTES_IN_FLIGHT);
}

/* Ends reading, with ERROR as the reason when it is not NULL.  Called with
 * the mutex held. */
static void
finish_reading (BatchState *state,
                GError     *error)
{
  if (error != NULL && state->error == NULL)
    state->error = error;
  else if (error != NULL)
    g_error_free (error);
  state->finished = TRUE;
  g_cond_broadcast (&state->space_cond);
  g_cond_signal (&state->done_cond);
}

static void
finish_item (BatchState *state,
             BatchItem  *item)
{
  g_autoptr(GPtrArray) handed_on = NULL;

  g_mutex_lock (&state->mutex);
  g_hash_table_insert (state->done, GUINT_TO_POINTER (item->item.index), item);
  handed_on = take_handed_on (state, item->worker);
  g_cond_signal (&state->done_cond);
  g_mutex_unlock (&state->mutex);

  free_items (g_steal_pointer (&handed_on));
}

/* Reads the next entry of the mailbox into a new item, with its message in
 * *BYTES, or with the error that made it unreadable.  Returns NULL when
 * reading has ended.  Called with read_mutex held. */
static BatchItem *
read_next (BatchState  *state,
           guint        worker,
           GBytes     **bytes)
{
  g_autoptr(GError) read_error = NULL;
  g_autofree char *source = NULL;
  BatchItem *batch_item;

  g_mutex_lock (&state->mutex);
  for (;;)
    {
      if (state->handed_on[worker]->len > 0)
        {
          GPtrArray *handed_on = take_handed_on (state, worker);

          g_mutex_unlock (&state->mutex);
          free_items (handed_on);
          g_mutex_lock (&state->mutex);
          continue;
        }
      if (state->finished || !queue_is_full (state))
        break;
      g_cond_wait (&state->space_cond, &state->mutex);
    }
  if (state->finished)
    {
      g_mutex_unlock (&state->mutex);
      return NULL;
    }
  g_mutex_unlock (&state->mutex);

  if (g_cancellable_set_error_if_cancelled (state->cancellable, &read_error))
    {
      g_mutex_lock (&state->mutex);
      finish_reading (state, g_steal_pointer (&read_error));
      g_mutex_unlock (&state->mutex);
      return NULL;
    }

  *bytes = hdr_mailbox_reader_next (state->reader, &source, state->cancellable, &read_error);

  g_mutex_lock (&state->mutex);
  if (*bytes == NULL && (read_error == NULL || source == NULL))
    {
      /* The end, or the mailbox itself failed.  What was read is still
       * reported. */
      finish_reading (state, g_steal_pointer (&read_error));
      g_mutex_unlock (&state->mutex);
      return NULL;
    }

  batch_item = g_new0 (BatchItem, 1);
  batch_item->item.index = state->read_count++;
  batch_item->item.offset = hdr_mailbox_reader_get_message_offset (state->reader);
  batch_item->item.source = g_steal_pointer (&source);
  batch_item->item.error = g_steal_pointer (&read_error);
  batch_item->size = *bytes != NULL ? g_bytes_get_size (*bytes) : 0;
  batch_item->worker = worker;
  state->in_flight++;
  state->bytes_in_flight += batch_item->size;
  g_mutex_unlock (&state->mutex);

  return batch_item;
}

/* Runs one worker until the mailbox ends: it reads a message while no
 * other worker reads, then analyses it while the next worker reads. */
static void
worker_run (gpointer data,
            gpointer user_data)
{
  BatchState *state = user_data;
  guint worker = GPOINTER_TO_UINT (data) - 1;

  for (;;)
    {
      g_autoptr(HdrMessage) message = NULL;
      g_autoptr(GBytes) bytes = NULL;
      BatchItem *batch_item;
      HdrBatchItem *item;

      g_mutex_lock (&state->read_mutex);
      batch_item = read_next (state, worker, &bytes);
      g_mutex_unlock (&state->read_mutex);

      if (batch_item == NULL)
        break;

      item = &batch_item->item;
      if (bytes != NULL)
        {
          message = hdr_message_new_from_bytes (bytes, item->source, &item->error);
          if (message != NULL)
            item->report = hdr_analyze_message_full (message, state->options);

          if (item->report != NULL && state->prepare != NULL)
            state->prepare (item, state->user_data);
        }

      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_object (&message);
      finish_item (state, batch_item);
    }
}

/* Hand every finished result whose predecessors are all done to @func.
 * Called with the mutex held; releases it while @func runs. */
static void
emit_ready (BatchState   *state,
            guint        *next_index,
            HdrBatchFunc  func,
            gpointer      user_data)
{
  BatchItem *item;

  while ((item = g_hash_table_lookup (state->done, GUINT_TO_POINTER (*next_index))) != NULL)
    {
      g_hash_table_steal (state->done, GUINT_TO_POINTER (*next_index));
      (*next_index)++;

      g_mutex_unlock (&state->mutex);
      func (&item->item, user_data);
      g_mutex_lock (&state->mutex);
      g_ptr_array_add (state->handed_on[item->worker], item);
      state->in_flight--;
      state->bytes_in_flight -= item->size;
      g_cond_signal (&state->space_cond);
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
 * needs, such as its JSON, on the workers.  The workers also read the
 * mailbox, so work moved from @func to @prepare runs in parallel.
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
  guint next_index = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (HDR_IS_MAILBOX_READER (reader), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  n_threads = MAX (n_threads, 1);

  g_mutex_init (&state.mutex);
  g_mutex_init (&state.read_mutex);
  g_cond_init (&state.done_cond);
  g_cond_init (&state.space_cond);
  state.done = g_hash_table_new (NULL, NULL);
  state.handed_on = g_new (GPtrArray *, n_threads);
  for (guint i = 0; i < n_threads; i++)
    state.handed_on[i] = g_ptr_array_new ();
  state.max_in_flight = HDR_BATCH_QUEUE_PER_THREAD * n_threads;
  state.reader = reader;
  state.cancellable = cancellable;
  state.options = options;
  state.prepare = prepare;
  state.user_data = user_data;

  pool = g_thread_pool_new (worker_run, &state, n_threads, FALSE, NULL);
  for (guint i = 0; i < n_threads; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);

  /* Report the messages in order as they are done, until every message
   * read has been reported and no more will be read. */
  g_mutex_lock (&state.mutex);
  for (;;)
    {
      emit_ready (&state, &next_index, func, user_data);
      if (state.finished && next_index == state.read_count)
        break;
      g_cond_wait (&state.done_cond, &state.mutex);
    }
  g_mutex_unlock (&state.mutex);

  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < n_threads; i++)
    free_items (state.handed_on[i]);
  g_free (state.handed_on);

  if (state.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state.error));
      ok = FALSE;
    }

  g_hash_table_unref (state.done);
  g_cond_clear (&state.space_cond);
  g_cond_clear (&state.done_cond);
  g_mutex_clear (&state.read_mutex);
  g_mutex_clear (&state.mutex);

  return ok;
}

struct _HdrBatchSummary
{
  char       *mailbox;       /* name shown in the summary, or NULL */
  guint       messages;
  guint       unreadable;
  guint       verdicts[HDR_VERDICT_SEXTORTION + 1];
  GHashTable *by_wallet;     /* address -> count of sextortion messages */
  GHashTable *by_origin_ip;  /* IP -> count of sextortion messages */
  guint       via_mailing_list;  /* sextortion messages whose origin is a list server */
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
  g_free (summary->mailbox);
  g_free (summary);
}

/**
 * hdr_batch_summary_set_mailbox:
 * @mailbox: (nullable): the mailbox as the user named it, a path or
 *   "standard input"
 *
 * Sets the name that the summary's title and its JSON "mailbox" member
 * show, so that the summaries of several mailboxes can be distinguished.
 */
void
hdr_batch_summary_set_mailbox (HdrBatchSummary *summary,
                               const char      *mailbox)
{
  g_return_if_fail (summary != NULL);

  g_free (summary->mailbox);
  summary->mailbox = g_strdup (mailbox);
}

/* Returns the translated title of the summary, without a final newline. */
static char *
summary_title (HdrBatchSummary *summary)
{
  if (summary->mailbox == NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mailbox summary: %u message",
                                         "Mailbox summary: %u messages", summary->messages),
                            summary->messages);

  /* Translators: %s is a file name or "standard input". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Summary of %s: %u message",
                                       "Summary of %s: %u messages", summary->messages),
                          summary->mailbox, summary->messages);
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
 * its origin IP, which tie the copies of one campaign together.  A message
 * whose origin is a mailing list server is counted apart from the origin
 * IPs, because the list server only passed it on.
 */
void
hdr_batch_summary_add (HdrBatchSummary    *summary,
                       const HdrBatchItem *item)
{
  HdrVerdict verdict;
  GPtrArray *wallets;
  HdrRoute *route;
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

  /* The route trusts no hop below the list server, so the computer that
   * posted the message to the list is unknown.
   * NOTE: hdr-route takes the origin for a list server from the List-Id
   * with its rDNS name or with the "for" addresses of the hops it wrote.
   * A sending server whose owner sets all of these is counted here too. */
  route = hdr_report_get_route (item->report);
  if (hdr_route_get_origin_kind (route) == HDR_ORIGIN_MAILING_LIST)
    {
      summary->via_mailing_list++;
      return;
    }

  origin_ip = hdr_route_get_origin_ip (route);
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
 * The "summary" object has "mailbox" (when it was set with
 * hdr_batch_summary_set_mailbox()), "messages", "unreadable", "verdicts" (a count
 * per verdict), "sextortion_by_wallet" and "sextortion_by_origin_ip"
 * (groups, most messages first) and "sextortion_via_mailing_list": the
 * sextortion messages that came through a mailing list server, which are
 * in no origin IP group.
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
  if (summary->mailbox != NULL)
    {
      json_builder_set_member_name (builder, "mailbox");
      json_builder_add_string_value (builder, summary->mailbox);
    }
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
  json_builder_set_member_name (builder, "sextortion_via_mailing_list");
  json_builder_add_int_value (builder, summary->via_mailing_list);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* The note under the origin groups about the messages left out of them. */
static char *
format_mailing_list_note (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: "here" is the list of computers that sent them. */
                                       "%u blackmail message came through a mailing list. "
                                       "The list server only passed it on and is not listed here "
                                       "as its sender.",
                                       "%u blackmail messages came through mailing lists. "
                                       "The list servers only passed them on and are not listed "
                                       "here as their senders.",
                                       count),
                          count);
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
  g_autofree char *title = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  title = summary_title (summary);
  g_string_append (out, title);
  g_string_append_c (out, '\n');
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
  if (origins->len > 0 || summary->via_mailing_list > 0)
    {
      g_string_append (out, _("\nBlackmail messages by the computer that sent them:\n"));
      for (guint i = 0; i < origins->len; i++)
        {
          const KeyCount *entry = &g_array_index (origins, KeyCount, i);

          g_string_append_printf (out, "  %s: %u\n", entry->key, entry->count);
        }
    }

  if (summary->via_mailing_list > 0)
    {
      g_autofree char *note = format_mailing_list_note (summary->via_mailing_list);

      g_string_append_printf (out, "  %s\n", note);
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
  const char  *paragraph_begin;
  const char  *paragraph_end;
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
  .paragraph_begin = "<p>",
  .paragraph_end = "</p>\n",
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
  .paragraph_begin = "",
  .paragraph_end = "\n\n",
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

static void
append_heading (GString             *out,
                const SummaryMarkup *markup,
                const char          *heading)
{
  g_string_append (out, markup->heading_begin);
  append_markup_text (out, markup, heading);
  g_string_append (out, markup->heading_end);
}

static void
append_paragraph (GString             *out,
                  const SummaryMarkup *markup,
                  const char          *text)
{
  g_string_append (out, markup->paragraph_begin);
  append_markup_text (out, markup, text);
  g_string_append (out, markup->paragraph_end);
}

/* Append a list of @counts, each key as code with its number of
 * messages. */
static void
append_counts (GString             *out,
               const SummaryMarkup *markup,
               GArray              *counts)
{
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
 * a title, a list of verdict counts, one headed list per group and the
 * note on messages that came through a mailing list. */
static char *
summary_to_markup (HdrBatchSummary     *summary,
                   const SummaryMarkup *markup)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) wallets = sorted_counts (summary->by_wallet);
  g_autoptr(GArray) origins = sorted_counts (summary->by_origin_ip);
  g_autofree char *title = NULL;

  title = summary_title (summary);
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
    {
      append_heading (out, markup, _("Blackmail messages by the wallet they demand payment to"));
      append_counts (out, markup, wallets);
    }

  if (origins->len > 0 || summary->via_mailing_list > 0)
    append_heading (out, markup, _("Blackmail messages by the computer that sent them"));

  if (origins->len > 0)
    append_counts (out, markup, origins);

  if (summary->via_mailing_list > 0)
    {
      g_autofree char *note = format_mailing_list_note (summary->via_mailing_list);

      append_paragraph (out, markup, note);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * hdr_batch_summary_to_html:
 *
 * Render the summary as HTML blocks for the body of the document that
 * hdr_report_html_begin() starts: an <h1> title, a list of verdict counts,
 * an <h2> with a list for each group of blackmail messages, and a <p> on
 * those that came through a mailing list.  All text is escaped.
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

/* Returns: how many sextortion messages have @ip as their origin.  A
 * message whose origin is a mailing list server is not counted. */
guint
hdr_batch_summary_get_origin_count (HdrBatchSummary *summary,
                                    const char      *ip)
{
  g_return_val_if_fail (summary != NULL, 0);
  g_return_val_if_fail (ip != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (summary->by_origin_ip, ip));
}

/* Returns: how many sextortion messages have a mailing list server as
 * their origin (HDR_ORIGIN_MAILING_LIST) */
guint
hdr_batch_summary_get_mailing_list_count (HdrBatchSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);

  return summary->via_mailing_list;
}
