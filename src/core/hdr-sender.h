/* hdr-sender.h: who the message claims to come from, compared with the
 * recipient's own address and with what the recipient's provider recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hdr-auth.h"
#include "hdr-message.h"
#include "hdr-route.h"

G_BEGIN_DECLS

/* Where the recipient's address was read, most reliable first. */
typedef enum
{
  HDR_RECIPIENT_NONE,
  HDR_RECIPIENT_DELIVERED_TO,    /* Delivered-To above the provider's oldest trusted Received */
  HDR_RECIPIENT_X_ORIGINAL_TO,   /* X-Original-To, likewise */
  HDR_RECIPIENT_RECEIVED_FOR,    /* the single "for" address of a trusted hop */
  HDR_RECIPIENT_TO,              /* the To field, as the sender wrote it */
} HdrRecipientSource;

/* Fields that show the recipient's own address. */
typedef enum
{
  HDR_SENDER_FIELD_NONE         = 0,
  HDR_SENDER_FIELD_FROM         = 1 << 0,
  HDR_SENDER_FIELD_SENDER       = 1 << 1,
  HDR_SENDER_FIELD_REPLY_TO     = 1 << 2,
  HDR_SENDER_FIELD_RETURN_PATH  = 1 << 3,
  HDR_SENDER_FIELD_DISPLAY_NAME = 1 << 4,  /* a From display name that is the address itself */
} HdrSenderFields;

/* Kinds of X-Mailer or User-Agent value that bulk senders use. */
typedef enum
{
  HDR_MAILER_ORDINARY,
  HDR_MAILER_SCRIPT,          /* a programming library on a web server (PHPMailer) */
  HDR_MAILER_DISCONTINUED,    /* a desktop program out of use for years (Outlook Express) */
} HdrMailerKind;

#define HDR_TYPE_SENDER (hdr_sender_get_type ())

G_DECLARE_FINAL_TYPE (HdrSender, hdr_sender, HDR, SENDER, GObject)

HdrSender          *hdr_sender_new                      (HdrMessage  *message,
                                                         HdrRoute    *route,
                                                         HdrAuth     *auth);

GPtrArray          *hdr_sender_get_recipients           (HdrSender   *self);
HdrRecipientSource  hdr_sender_get_recipient_source     (HdrSender   *self);
const char         *hdr_sender_get_from_address         (HdrSender   *self);
HdrSenderFields     hdr_sender_get_own_address_fields   (HdrSender   *self);
gboolean            hdr_sender_shows_own_address        (HdrSender   *self);
const char         *hdr_sender_get_display_name_address (HdrSender   *self);
const char         *hdr_sender_get_reply_to_elsewhere   (HdrSender   *self);
const char         *hdr_sender_get_message_id_domain    (HdrSender   *self);
gboolean            hdr_sender_message_id_is_unrelated  (HdrSender   *self);
const char         *hdr_sender_get_mailer               (HdrSender   *self);
HdrMailerKind       hdr_sender_get_mailer_kind          (HdrSender   *self);
gboolean            hdr_sender_has_provider_signature   (HdrSender   *self);

char               *hdr_sender_comparable_address       (const char  *address);

/* The report's wording (hdr-sender-findings.c).  @findings has
 * element-type HdrFinding, freed by the report. */
char               *hdr_sender_explain_checks           (HdrAuth     *auth);
void                hdr_sender_add_findings             (HdrSender   *self,
                                                         HdrMessage  *message,
                                                         HdrRoute    *route,
                                                         HdrAuth     *auth,
                                                         gboolean     text_claims_own_account,
                                                         GPtrArray   *findings);
void                hdr_sender_add_filter_findings      (HdrAuth     *auth,
                                                         GPtrArray   *findings);

G_END_DECLS
