/* hdr-mailbox.h: messages read one at a time from an mbox file or a Maildir
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  HDR_MAILBOX_NONE,     /* one message, not a mailbox */
  HDR_MAILBOX_MBOX,     /* messages after "From " separator lines */
  HDR_MAILBOX_MAILDIR,  /* a folder with cur/ and new/, one message per file */
} HdrMailboxKind;

#define HDR_TYPE_MAILBOX_READER (hdr_mailbox_reader_get_type ())

G_DECLARE_FINAL_TYPE (HdrMailboxReader, hdr_mailbox_reader, HDR, MAILBOX_READER, GObject)

HdrMailboxKind    hdr_mailbox_detect                  (GFile             *file,
                                                       GCancellable      *cancellable);
void              hdr_mailbox_detect_async            (GFile             *file,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
HdrMailboxKind    hdr_mailbox_detect_finish           (GAsyncResult      *result,
                                                       GError           **error);
gboolean          hdr_mailbox_is_mbox_start           (const char        *data,
                                                       gsize              length);
HdrMailboxReader *hdr_mailbox_reader_new_for_stream   (GInputStream      *stream,
                                                       const char        *name);
HdrMailboxReader *hdr_mailbox_reader_new              (GFile             *file,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
GBytes           *hdr_mailbox_reader_next             (HdrMailboxReader  *self,
                                                       char             **source,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
HdrMailboxKind    hdr_mailbox_reader_get_kind         (HdrMailboxReader  *self);
double            hdr_mailbox_reader_get_fraction     (HdrMailboxReader  *self);
guint             hdr_mailbox_reader_get_count        (HdrMailboxReader  *self);
guint64           hdr_mailbox_reader_get_message_offset (HdrMailboxReader *self);
HdrMailboxReader *hdr_mailbox_reader_new_at           (GFile             *file,
                                                       guint64            offset,
                                                       GCancellable      *cancellable,
                                                       GError           **error);

G_END_DECLS
