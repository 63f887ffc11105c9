/* hdr-mailbox-page.h: one tab: the messages of an mbox file or a Maildir
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hdr-batch.h"
#include "hdr-report-view.h"

G_BEGIN_DECLS

#define HDR_TYPE_MAILBOX_PAGE (hdr_mailbox_page_get_type ())

G_DECLARE_FINAL_TYPE (HdrMailboxPage, hdr_mailbox_page, HDR, MAILBOX_PAGE, GtkWidget)

HdrMailboxPage  *hdr_mailbox_page_new_for_file     (GFile          *file);
void             hdr_mailbox_page_cancel           (HdrMailboxPage *self);
const char      *hdr_mailbox_page_get_title        (HdrMailboxPage *self);
gboolean         hdr_mailbox_page_get_loading      (HdrMailboxPage *self);
GListModel      *hdr_mailbox_page_get_messages     (HdrMailboxPage *self);
HdrBatchSummary *hdr_mailbox_page_get_summary      (HdrMailboxPage *self);
const char      *hdr_mailbox_page_get_summary_text (HdrMailboxPage *self);
const char      *hdr_mailbox_page_get_status_text  (HdrMailboxPage *self);
void             hdr_mailbox_page_select           (HdrMailboxPage *self,
                                                    guint           position);
HdrReport       *hdr_mailbox_page_get_report       (HdrMailboxPage *self);
HdrReportView   *hdr_mailbox_page_get_report_view  (HdrMailboxPage *self);

/* One message in the list: only what the list shows, and where to read
 * the message again when it is selected. */
#define HDR_TYPE_MAILBOX_ENTRY (hdr_mailbox_entry_get_type ())

G_DECLARE_FINAL_TYPE (HdrMailboxEntry, hdr_mailbox_entry, HDR, MAILBOX_ENTRY, GObject)

guint        hdr_mailbox_entry_get_index    (HdrMailboxEntry *self);
const char  *hdr_mailbox_entry_get_subject  (HdrMailboxEntry *self);
const char  *hdr_mailbox_entry_get_sender   (HdrMailboxEntry *self);
const char  *hdr_mailbox_entry_get_date     (HdrMailboxEntry *self);
HdrVerdict   hdr_mailbox_entry_get_verdict  (HdrMailboxEntry *self);
gboolean     hdr_mailbox_entry_get_readable (HdrMailboxEntry *self);

G_END_DECLS
