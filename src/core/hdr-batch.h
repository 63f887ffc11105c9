/* hdr-batch.h: analyse a whole mailbox on worker threads, results in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hdr-analysis.h"
#include "hdr-mailbox.h"

G_BEGIN_DECLS

/* The result for one message of a mailbox. */
typedef struct
{
  guint      index;    /* 0 = first message of the mailbox */
  char      *source;   /* where it was read from */
  HdrReport *report;   /* NULL when the message could not be read */
  GError    *error;    /* why, when report is NULL */
  guint64    offset;   /* hdr_mailbox_reader_get_message_offset() of the message */
  gpointer       data;          /* set by the HdrBatchPrepareFunc, or NULL */
  GDestroyNotify data_destroy;  /* frees data with the item */
} HdrBatchItem;

typedef void (*HdrBatchFunc) (const HdrBatchItem *item,
                              gpointer            user_data);

/* Called on a worker thread for each analysed message, before the item
 * goes to the HdrBatchFunc.  It may set item->data and item->data_destroy.
 * Several calls run at once, so it must not write to user_data unlocked. */
typedef void (*HdrBatchPrepareFunc) (HdrBatchItem *item,
                                     gpointer      user_data);

/* Counts over a whole mailbox, so a helpdesk sees campaigns rather than
 * single messages. */
typedef struct _HdrBatchSummary HdrBatchSummary;

gboolean         hdr_batch_run                (HdrMailboxReader          *reader,
                                               const HdrAnalysisOptions  *options,
                                               guint                      n_threads,
                                               HdrBatchFunc               func,
                                               gpointer                   user_data,
                                               GCancellable              *cancellable,
                                               GError                   **error);

gboolean         hdr_batch_run_full           (HdrMailboxReader          *reader,
                                               const HdrAnalysisOptions  *options,
                                               guint                      n_threads,
                                               HdrBatchPrepareFunc        prepare,
                                               HdrBatchFunc               func,
                                               gpointer                   user_data,
                                               GCancellable              *cancellable,
                                               GError                   **error);

HdrBatchSummary *hdr_batch_summary_new        (void);
void             hdr_batch_summary_add        (HdrBatchSummary           *summary,
                                               const HdrBatchItem        *item);
void             hdr_batch_summary_set_mailbox (HdrBatchSummary          *summary,
                                               const char               *mailbox);
char            *hdr_batch_summary_to_json    (HdrBatchSummary           *summary);
char            *hdr_batch_summary_to_text    (HdrBatchSummary           *summary);
char            *hdr_batch_summary_to_html    (HdrBatchSummary           *summary);
char            *hdr_batch_summary_to_markdown (HdrBatchSummary          *summary);
guint            hdr_batch_summary_get_messages      (HdrBatchSummary    *summary);
guint            hdr_batch_summary_get_unreadable    (HdrBatchSummary    *summary);
guint            hdr_batch_summary_get_verdict_count (HdrBatchSummary    *summary,
                                                      HdrVerdict          verdict);
guint            hdr_batch_summary_get_wallet_count  (HdrBatchSummary    *summary,
                                                      const char         *address);
guint            hdr_batch_summary_get_origin_count  (HdrBatchSummary    *summary,
                                                      const char         *ip);
guint            hdr_batch_summary_get_mailing_list_count (HdrBatchSummary *summary);
void             hdr_batch_summary_free       (HdrBatchSummary           *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrBatchSummary, hdr_batch_summary_free)

G_END_DECLS
