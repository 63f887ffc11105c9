/* hdr-glossary.h: plain explanations of email header fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Who usually writes a header field.  For Received and
 * Authentication-Results the route decides: a field above the trust
 * boundary was written by the recipient's provider. */
typedef enum
{
  HDR_FIELD_WRITER_SENDER_PROGRAM,  /* the sender's mail program or web mail */
  HDR_FIELD_WRITER_SENDING_SERVER,  /* the sender's outgoing mail server */
  HDR_FIELD_WRITER_EACH_SERVER,     /* every mail server on the way adds one */
  HDR_FIELD_WRITER_RECIPIENT,       /* the recipient's provider, on arrival */
  HDR_FIELD_WRITER_MAILING_LIST,    /* the mailing list software */
} HdrFieldWriter;

/* How far a reader can trust the value of a field. */
typedef enum
{
  HDR_FIELD_FORGEABLE,              /* typed by the sender, checked by no server */
  HDR_FIELD_FORGEABLE_BELOW,        /* trusted when the recipient's provider wrote it */
  HDR_FIELD_SEALED,                 /* protected by a signature the provider checks */
} HdrFieldTrust;

typedef struct _HdrGlossaryEntry HdrGlossaryEntry;

const HdrGlossaryEntry *hdr_glossary_lookup             (const char             *field_name);
guint                   hdr_glossary_get_n_entries      (void);
const HdrGlossaryEntry *hdr_glossary_get_nth_entry      (guint                   n);

const char             *hdr_glossary_entry_get_name     (const HdrGlossaryEntry *entry);
const char             *hdr_glossary_entry_get_meaning  (const HdrGlossaryEntry *entry);
HdrFieldWriter          hdr_glossary_entry_get_writer   (const HdrGlossaryEntry *entry);
HdrFieldTrust           hdr_glossary_entry_get_trust    (const HdrGlossaryEntry *entry);

const char             *hdr_field_writer_to_words       (HdrFieldWriter          writer);
const char             *hdr_field_trust_to_words        (HdrFieldTrust           trust);

G_END_DECLS
