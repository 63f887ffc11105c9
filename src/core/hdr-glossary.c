/* hdr-glossary.c: plain explanations of email header fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-glossary"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hdr-glossary.h"

struct _HdrGlossaryEntry
{
  const char     *name;     /* field name; a trailing '*' matches every name with that prefix */
  const char     *meaning;  /* msgid, translated on lookup */
  HdrFieldWriter  writer;
  HdrFieldTrust   trust;
};

#define SENDER HDR_FIELD_WRITER_SENDER_PROGRAM
#define SERVER HDR_FIELD_WRITER_SENDING_SERVER
#define EACH   HDR_FIELD_WRITER_EACH_SERVER
#define RECIPIENT HDR_FIELD_WRITER_RECIPIENT
#define LIST   HDR_FIELD_WRITER_MAILING_LIST

/* Exact names first, prefix families last, so that a lookup takes the
 * exact entry when there is one. */
static const HdrGlossaryEntry entries[] = {
  /* The route and the checks of the receiving side (RFC 5321, RFC 8601). */
  { "Received", N_("A note from one mail server: which computer it got the message from, and when. "
                   "Each server adds its note at the top, so the oldest note is at the bottom."),
    EACH, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Received", N_("A Received note that a provider keeps for its own use, mostly inside Google. "
                     "It tells the same kind of story as a Received line."),
    EACH, HDR_FIELD_FORGEABLE_BELOW },
  { "Return-Path", N_("The address that gets bounce messages. The receiving server writes it from "
                      "the envelope, but the sender chose that address."),
    RECIPIENT, HDR_FIELD_FORGEABLE },
  { "Delivered-To", N_("The mailbox that the message was put into. Your provider writes it on arrival."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Original-To", N_("The address the message was sent to before any forwarding. Your provider "
                        "writes it on arrival."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "Envelope-To", N_("The address that the sending server gave for delivery. Your provider writes it "
                      "on arrival."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Envelope-From", N_("The sender address given to the server, not the one shown in From. The "
                          "sender chose it."),
    RECIPIENT, HDR_FIELD_FORGEABLE },
  { "Authentication-Results", N_("The results of the sender checks SPF, DKIM and DMARC. Only the lines "
                                 "your own provider wrote can be believed."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "ARC-Authentication-Results", N_("Sender checks that a server on the way recorded before it passed the "
                                     "message on, for example a mailing list."),
    EACH, HDR_FIELD_SEALED },
  { "ARC-Message-Signature", N_("A digital seal over the message, made by a server on the way. It lets "
                                "later servers see whether the message changed."),
    EACH, HDR_FIELD_SEALED },
  { "ARC-Seal", N_("A digital seal over the ARC fields of one server, so that the chain of seals "
                   "cannot be changed unnoticed."),
    EACH, HDR_FIELD_SEALED },
  { "Received-SPF", N_("The result of the SPF check: may the sending computer send mail for the "
                       "sender's domain? Only your own provider's line counts."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "DKIM-Signature", N_("A digital seal that the sending domain put on the message. Your provider "
                         "checks it and writes the result in Authentication-Results."),
    SERVER, HDR_FIELD_SEALED },
  { "X-Google-DKIM-Signature", N_("A second digital seal that Google's servers add for their own checks."),
    SERVER, HDR_FIELD_SEALED },
  { "DomainKey-Signature", N_("An old form of the DKIM seal, from before DKIM. Few servers check it now."),
    SERVER, HDR_FIELD_SEALED },
  { "X-Originating-IP", N_("The address of the computer that the message was written on, as the sender's "
                           "web mail noted it. The sender's side wrote it."),
    SERVER, HDR_FIELD_FORGEABLE },
  { "X-Sender-IP", N_("The address of the sending computer, as a server on the way noted it."),
    EACH, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Authentication-Warning", N_("A warning from a mail server that the sender address was set by "
                                   "hand, not by the server."),
    EACH, HDR_FIELD_FORGEABLE_BELOW },

  /* Who wrote it and to whom (RFC 5322 section 3.6). */
  { "From", N_("The author, as the sender typed it. Anyone can write any name and address here, "
               "just like on the back of an envelope."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Sender", N_("Who actually sent the message for the author, for example a secretary or a list."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Reply-To", N_("Where replies go. Scammers set it to an address they read, different from From."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "To", N_("The main recipients, as the sender typed them. The message may have gone to others too."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Cc", N_("Copies to other people, as the sender typed them."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Bcc", N_("Hidden copies. It is normally removed before the message is sent."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Subject", N_("The subject line, as the sender typed it."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Date", N_("When the sender's computer says the message was written. Its clock may be wrong, "
               "or the date may be made up."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Message-ID", N_("A name for this one message, made by the sender's program or server. It helps "
                     "mail programs keep threads together."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "In-Reply-To", N_("The Message-ID of the message that this one answers."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "References", N_("The Message-IDs of the earlier messages in the same thread."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Organization", N_("The name of the sender's company or group, as the sender typed it."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Comments", N_("A free note from the sender."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Keywords", N_("Words the sender chose to describe the message."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Resent-From", N_("Who sent the message on again, as typed by that person."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Resent-Date", N_("When the message was sent on again."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Disposition-Notification-To", N_("Asks your mail program to send a read receipt. Your program "
                                      "asks you first, or ignores it."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Return-Receipt-To", N_("An old way to ask for a receipt. Most servers ignore it."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Errors-To", N_("An old way to name where error reports go. Most servers ignore it."),
    SENDER, HDR_FIELD_FORGEABLE },

  /* The program and its settings. */
  { "X-Mailer", N_("The mail program that the sender says was used. Scammers often name an old "
                   "program here."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "User-Agent", N_("The mail program that the sender says was used."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "X-MimeOLE", N_("A version note from old Microsoft mail programs."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "X-Priority", N_("How urgent the sender marked the message. Scammers like to mark it urgent."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "X-MSMail-Priority", N_("How urgent the sender marked the message, in Microsoft's words."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Importance", N_("How important the sender marked the message."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Priority", N_("How urgent the sender marked the message."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Thread-Topic", N_("The thread's subject, kept by Microsoft mail programs."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Thread-Index", N_("A code that Microsoft mail programs use to sort a thread."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Content-Language", N_("The language that the sender's program says the text is in."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Autocrypt", N_("A public key for encrypted mail, sent along by the sender's program."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Feedback-ID", N_("A code that bulk senders add so that providers can report complaints to them."),
    SERVER, HDR_FIELD_FORGEABLE },
  { "X-Report-Abuse", N_("Where the sending service wants abuse reports to go."),
    SERVER, HDR_FIELD_FORGEABLE },

  /* The body's format (RFC 2045). */
  { "MIME-Version", N_("Says that the message uses the MIME format for text, pictures and attachments. "
                       "Nearly every message has it."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Content-Type", N_("What kind of content follows: plain text, a web page, or several parts, and "
                       "which character set."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Content-Transfer-Encoding", N_("How the content was packed for sending, for example base64 or "
                                    "quoted-printable."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Content-Disposition", N_("Whether a part is shown in the message or saved as an attachment, and "
                              "its file name."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Content-ID", N_("A name for one part, so that a web page in the message can show it."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Content-Description", N_("A short note about one part."),
    SENDER, HDR_FIELD_FORGEABLE },

  /* Lists and bulk mail (RFC 2369, RFC 2919, RFC 8058, RFC 3834). */
  { "List-Id", N_("The name of the mailing list the message came through. The list software writes it."),
    LIST, HDR_FIELD_FORGEABLE },
  { "List-Unsubscribe", N_("How to leave the list or stop the mailing. In a scam, do not use it: it "
                           "only shows that your address works."),
    LIST, HDR_FIELD_FORGEABLE },
  { "List-Unsubscribe-Post", N_("Lets your mail program leave the list with one click."),
    LIST, HDR_FIELD_FORGEABLE },
  { "List-Post", N_("The address for posting to the list."),
    LIST, HDR_FIELD_FORGEABLE },
  { "List-Help", N_("Where to find help about the list."),
    LIST, HDR_FIELD_FORGEABLE },
  { "List-Subscribe", N_("How to join the list."),
    LIST, HDR_FIELD_FORGEABLE },
  { "List-Archive", N_("Where old posts of the list can be read."),
    LIST, HDR_FIELD_FORGEABLE },
  { "List-Owner", N_("Who runs the list."),
    LIST, HDR_FIELD_FORGEABLE },
  { "Archived-At", N_("Where this post can be read in the list's archive."),
    LIST, HDR_FIELD_FORGEABLE },
  { "X-BeenThere", N_("Mailing list software marks a message with this so that it does not "
                      "send the same message around twice."),
    LIST, HDR_FIELD_FORGEABLE },
  { "X-MailFrom", N_("The sender address that the mailing list got the post from."),
    LIST, HDR_FIELD_FORGEABLE },
  { "Message-ID-Hash", N_("A short code made from the Message-ID, used by list archives."),
    LIST, HDR_FIELD_FORGEABLE },
  { "X-Message-ID-Hash", N_("A short code made from the Message-ID, used by list archives."),
    LIST, HDR_FIELD_FORGEABLE },
  { "Precedence", N_("Marks bulk or list mail, so that auto-replies are not sent to it."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Auto-Submitted", N_("Marks a message that a program sent without a person, such as an "
                         "out-of-office reply."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "X-Auto-Response-Suppress", N_("Asks Microsoft mail servers not to send automatic replies."),
    SENDER, HDR_FIELD_FORGEABLE },
  { "Mail-Followup-To", N_("Where the sender wants follow-ups in a list discussion to go."),
    SENDER, HDR_FIELD_FORGEABLE },

  /* Filters of the receiving side. */
  { "X-Spam-Status", N_("The verdict of a spam filter. Only a line your own provider wrote counts."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Spam-Score", N_("The score a spam filter gave. Higher means more likely spam."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Spam-Flag", N_("YES when a spam filter thinks the message is spam."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Spam-Report", N_("The rules a spam filter matched, with their points."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Virus-Scanned", N_("Says that a virus scanner looked at the message."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Greylist", N_("Says that a server made the sender wait and try again, a common spam defence."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "DKIM-Filter", N_("Notes which program checked the DKIM seal."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "DMARC-Filter", N_("Notes which program checked DMARC."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },

  /* Prefix families: many fields of one program. */
  { "X-MS-Exchange-*", N_("A working note of Microsoft's mail servers. Your provider or the sender's may "
                          "have written it."),
    EACH, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Microsoft-Antispam*", N_("The findings of Microsoft's spam filter."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Forefront-Antispam-Report*", N_("The findings of Microsoft's spam filter."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
  { "X-MS-*", N_("A working note of Microsoft's mail servers or programs."),
    EACH, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Mailman-*", N_("A working note of Mailman, a mailing list program."),
    LIST, HDR_FIELD_FORGEABLE },
  { "X-Gm-*", N_("A working note of Gmail's servers."),
    EACH, HDR_FIELD_FORGEABLE_BELOW },
  { "X-Spam-*", N_("A note from a spam filter."),
    RECIPIENT, HDR_FIELD_FORGEABLE_BELOW },
};

#undef SENDER
#undef SERVER
#undef EACH
#undef RECIPIENT
#undef LIST

static gboolean
entry_matches (const HdrGlossaryEntry *entry,
               const char             *field_name)
{
  gsize length = strlen (entry->name);

  if (length > 0 && entry->name[length - 1] == '*')
    return g_ascii_strncasecmp (entry->name, field_name, length - 1) == 0;

  return g_ascii_strcasecmp (entry->name, field_name) == 0;
}

/**
 * hdr_glossary_lookup:
 * @field_name: a header field name as written, in any case
 *
 * Find the explanation of a header field.  A name without its own entry
 * may match a family of fields of one program, such as "X-MS-Exchange-".
 *
 * Returns: (nullable) (transfer none): the entry, or %NULL for an unknown field
 */
const HdrGlossaryEntry *
hdr_glossary_lookup (const char *field_name)
{
  g_return_val_if_fail (field_name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (entry_matches (&entries[i], field_name))
      return &entries[i];

  return NULL;
}

guint
hdr_glossary_get_n_entries (void)
{
  return G_N_ELEMENTS (entries);
}

const HdrGlossaryEntry *
hdr_glossary_get_nth_entry (guint n)
{
  g_return_val_if_fail (n < G_N_ELEMENTS (entries), NULL);

  return &entries[n];
}

/**
 * hdr_glossary_entry_get_name:
 *
 * Returns: the field name, ending in '*' for a family of fields
 */
const char *
hdr_glossary_entry_get_name (const HdrGlossaryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->name;
}

/**
 * hdr_glossary_entry_get_meaning:
 *
 * Returns: what the field is, in one or two translated sentences
 */
const char *
hdr_glossary_entry_get_meaning (const HdrGlossaryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return _(entry->meaning);
}

HdrFieldWriter
hdr_glossary_entry_get_writer (const HdrGlossaryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, HDR_FIELD_WRITER_SENDER_PROGRAM);

  return entry->writer;
}

HdrFieldTrust
hdr_glossary_entry_get_trust (const HdrGlossaryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, HDR_FIELD_FORGEABLE);

  return entry->trust;
}

/**
 * hdr_field_writer_to_words:
 *
 * Returns: who writes such a field, as a translated sentence
 */
const char *
hdr_field_writer_to_words (HdrFieldWriter writer)
{
  switch (writer)
    {
    case HDR_FIELD_WRITER_SENDING_SERVER:
      return _("Written by the sender’s mail server.");
    case HDR_FIELD_WRITER_EACH_SERVER:
      return _("Each mail server on the way adds one.");
    case HDR_FIELD_WRITER_RECIPIENT:
      return _("Written by the receiving provider when the message arrives.");
    case HDR_FIELD_WRITER_MAILING_LIST:
      return _("Written by the mailing list software.");
    case HDR_FIELD_WRITER_SENDER_PROGRAM:
    default:
      return _("Written by the sender’s mail program.");
    }
}

/**
 * hdr_field_trust_to_words:
 *
 * Returns: whether such a field can be forged, as a translated sentence
 */
const char *
hdr_field_trust_to_words (HdrFieldTrust trust)
{
  switch (trust)
    {
    case HDR_FIELD_FORGEABLE_BELOW:
      return _("Can be trusted only when your own provider wrote it. The sender can add fake "
               "ones below.");
    case HDR_FIELD_SEALED:
      return _("Protected by a digital seal. Your provider checks the seal, but a valid seal "
               "only shows which domain sent the message.");
    case HDR_FIELD_FORGEABLE:
    default:
      return _("The sender can write anything here. Nobody checks it.");
    }
}
