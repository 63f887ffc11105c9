/* hdr-report.c: the verdict and findings for one message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hdr-report-private.h"
#include "hdr-sender.h"

G_DEFINE_FINAL_TYPE (HdrReport, hdr_report, G_TYPE_OBJECT)

/* Categories whose presence, together with a payment demand or a wallet,
 * make a message sextortion: the threat itself. */
static const HdrCategory threat_categories[] = {
  HDR_CATEGORY_HACKER_CLAIM,
  HDR_CATEGORY_DEVICE_ACCESS,
  HDR_CATEGORY_RECORDING_CLAIM,
  HDR_CATEGORY_ADULT_SITE,
  HDR_CATEGORY_CONTACTS_THREAT,
  HDR_CATEGORY_OWN_ACCOUNT_CLAIM,
  HDR_CATEGORY_PASSWORD_CLAIM,
};

/* Hallmark categories in the order their findings are listed: the strongest
 * signs of the scam first. */
static const HdrCategory category_order[] = {
  HDR_CATEGORY_PAYMENT_DEMAND,
  HDR_CATEGORY_RECORDING_CLAIM,
  HDR_CATEGORY_HACKER_CLAIM,
  HDR_CATEGORY_DEVICE_ACCESS,
  HDR_CATEGORY_CONTACTS_THREAT,
  HDR_CATEGORY_OWN_ACCOUNT_CLAIM,
  HDR_CATEGORY_PASSWORD_CLAIM,
  HDR_CATEGORY_ADULT_SITE,
  HDR_CATEGORY_DEADLINE,
  HDR_CATEGORY_TRACKING_CLAIM,
  HDR_CATEGORY_DELETE_PROMISE,
  HDR_CATEGORY_PRESSURE,
  HDR_CATEGORY_DISGUISED_TEXT,
  HDR_CATEGORY_HIDDEN_TEXT,
};

static void
hdr_finding_free (HdrFinding *finding)
{
  g_free (finding->id);
  g_free (finding->category);
  g_free (finding->title);
  g_free (finding->evidence);
  g_free (finding->location);
  g_free (finding->explanation);
  g_free (finding);
}

static void
hdr_report_finalize (GObject *object)
{
  HdrReport *self = (HdrReport *)object;

  g_clear_object (&self->message);
  g_clear_object (&self->route);
  g_clear_object (&self->auth);
  g_clear_object (&self->scan);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->traplist_results, g_ptr_array_unref);

  G_OBJECT_CLASS (hdr_report_parent_class)->finalize (object);
}

static void
hdr_report_class_init (HdrReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hdr_report_finalize;
}

static void
hdr_report_init (HdrReport *self)
{
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify)hdr_finding_free);
  self->actions = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  self->claims.deadline_hours = -1;
}

static HdrFinding *
add_finding (HdrReport   *self,
             const char  *id,
             const char  *category,
             HdrSeverity  severity,
             char        *title,
             const char  *evidence,
             const char  *location,
             const char  *explanation)
{
  HdrFinding *finding = g_new0 (HdrFinding, 1);

  finding->id = g_strdup (id);
  finding->category = g_strdup (category);
  finding->severity = severity;
  finding->title = title;
  finding->evidence = g_strdup (evidence);
  finding->location = g_strdup (location);
  finding->explanation = g_strdup (explanation);
  g_ptr_array_add (self->findings, finding);

  return finding;
}

/* The title of a hallmark finding: what the writer claims, as one sentence. */
static const char *
category_title (HdrCategory category)
{
  switch (category)
    {
    case HDR_CATEGORY_HACKER_CLAIM:
      return _("The writer claims to be a hacker.");
    case HDR_CATEGORY_DEVICE_ACCESS:
      return _("The writer claims to control your computer or phone.");
    case HDR_CATEGORY_RECORDING_CLAIM:
      return _("The writer claims to have a video of you.");
    case HDR_CATEGORY_ADULT_SITE:
      return _("The writer says you visited adult websites.");
    case HDR_CATEGORY_PAYMENT_DEMAND:
      return _("The writer demands money.");
    case HDR_CATEGORY_DEADLINE:
      return _("The writer sets a short deadline.");
    case HDR_CATEGORY_CONTACTS_THREAT:
      return _("The writer threatens to send a video to your contacts.");
    case HDR_CATEGORY_DELETE_PROMISE:
      return _("The writer promises to delete everything if you pay.");
    case HDR_CATEGORY_OWN_ACCOUNT_CLAIM:
      return _("The writer claims to have sent this from your own account.");
    case HDR_CATEGORY_PASSWORD_CLAIM:
      return _("The writer mentions one of your passwords.");
    case HDR_CATEGORY_TRACKING_CLAIM:
      return _("The writer says they will know when you read this.");
    case HDR_CATEGORY_PRESSURE:
      return _("The writer tells you not to reply or ask for help.");
    case HDR_CATEGORY_DISGUISED_TEXT:
      return _("Some words are disguised with look-alike letters.");
    case HDR_CATEGORY_HIDDEN_TEXT:
      return _("The message hides text from you.");
    case HDR_N_CATEGORIES:
    case HDR_CATEGORY_INVALID:
    default:
      g_assert_not_reached ();
    }
}

/* Why a hallmark shows that the threat is fake, or typical of mass scams,
 * in words a 12-year-old can follow. */
static const char *
category_explanation (HdrCategory category)
{
  switch (category)
    {
    case HDR_CATEGORY_HACKER_CLAIM:
      return _("Real criminals who break into a computer do not write to say so. "
               "The same “I am a hacker” letter goes to millions of people at once. "
               "The writer hopes that a few of them get scared and pay.");
    case HDR_CATEGORY_DEVICE_ACCESS:
      return _("This is a bluff. The message gives no detail that only someone inside "
               "your computer or phone could know. The same words go to everyone on the list.");
    case HDR_CATEGORY_RECORDING_CLAIM:
      return _("There is no video. If there were one, the writer would show you a piece of it. "
               "Nothing in this message proves that a recording exists.");
    case HDR_CATEGORY_ADULT_SITE:
      return _("This is a guess meant to make you feel shame. Many people visit such sites, "
               "so the guess works on some of them. The writer does not know what you did.");
    case HDR_CATEGORY_PAYMENT_DEMAND:
      return _("Paying does not stop anything. People who pay are seen as easy targets "
               "and often get more demands. Do not pay.");
    case HDR_CATEGORY_DEADLINE:
      return _("The deadline is there to rush you, so that you do not stop to think "
               "or ask someone. The countdown is not real.");
    case HDR_CATEGORY_CONTACTS_THREAT:
      return _("This is the heart of the bluff. With no video and no access to your "
               "account, there is nothing to send. Nobody you know will get anything.");
    case HDR_CATEGORY_DELETE_PROMISE:
      return _("A criminal’s promise is worth nothing. It is there to make paying "
               "feel like an easy way out.");
    case HDR_CATEGORY_OWN_ACCOUNT_CLAIM:
      return _("Anyone can type any address in the From line. It is like writing a "
               "false sender on an envelope. The route of the message shows which computer "
               "really sent it.");
    case HDR_CATEGORY_PASSWORD_CLAIM:
      return _("Old passwords leak when websites are broken into, and criminals trade "
               "these lists. A password from such a list says nothing about your computer. "
               "If you still use that password, change it everywhere you use it.");
    case HDR_CATEGORY_TRACKING_CLAIM:
      return _("The writer cannot know this. Only a picture loaded from the internet can "
               "tell a sender that a mail was opened, and it says nothing else about you. "
               "This app did not load any pictures, so nobody learned that you opened it.");
    case HDR_CATEGORY_PRESSURE:
      return _("Scammers want you alone and afraid. It is safe and wise to talk to someone "
               "you trust, or to the police.");
    case HDR_CATEGORY_DISGUISED_TEXT:
      return _("Letters from other alphabets that look like normal letters were mixed in. "
               "Senders do this to get past spam filters. Honest mail has no reason to do it.");
    case HDR_CATEGORY_HIDDEN_TEXT:
      return _("Part of the text is invisible in a mail program. Scammers hide text like "
               "this to fool spam filters.");
    case HDR_N_CATEGORIES:
    case HDR_CATEGORY_INVALID:
    default:
      g_assert_not_reached ();
    }
}

static HdrSeverity
category_severity (HdrCategory category)
{
  switch (category)
    {
    case HDR_CATEGORY_HACKER_CLAIM:
    case HDR_CATEGORY_DEVICE_ACCESS:
    case HDR_CATEGORY_RECORDING_CLAIM:
    case HDR_CATEGORY_ADULT_SITE:
    case HDR_CATEGORY_PAYMENT_DEMAND:
    case HDR_CATEGORY_CONTACTS_THREAT:
    case HDR_CATEGORY_OWN_ACCOUNT_CLAIM:
    case HDR_CATEGORY_PASSWORD_CLAIM:
      return HDR_SEVERITY_HIGH;
    case HDR_CATEGORY_DEADLINE:
    case HDR_CATEGORY_DELETE_PROMISE:
    case HDR_CATEGORY_TRACKING_CLAIM:
    case HDR_CATEGORY_PRESSURE:
    case HDR_CATEGORY_DISGUISED_TEXT:
    case HDR_CATEGORY_HIDDEN_TEXT:
      return HDR_SEVERITY_MEDIUM;
    case HDR_N_CATEGORIES:
    case HDR_CATEGORY_INVALID:
    default:
      return HDR_SEVERITY_INFO;
    }
}

static gboolean
wallet_is_bitcoin (const HdrWallet *wallet)
{
  return wallet->kind == HDR_WALLET_BITCOIN_P2PKH ||
         wallet->kind == HDR_WALLET_BITCOIN_P2SH ||
         wallet->kind == HDR_WALLET_BITCOIN_BECH32 ||
         wallet->kind == HDR_WALLET_BITCOIN_BECH32M;
}

/* A wallet the text requests payment to: valid (or of a kind without a
 * checksum), and not part of a link. */
static gboolean
wallet_is_payment_target (const HdrWallet *wallet)
{
  return !wallet->in_link && wallet->checksum != HDR_CHECKSUM_INVALID;
}

static void
add_wallet_findings (HdrReport *self)
{
  GPtrArray *wallets = hdr_text_scan_get_wallets (self->scan);

  for (guint i = 0; i < wallets->len; i++)
    {
      const HdrWallet *wallet = g_ptr_array_index (wallets, i);

      if (wallet->in_link)
        continue;

      if (wallet->checksum == HDR_CHECKSUM_INVALID)
        {
          add_finding (self, "wallet.invalid", "wallet", HDR_SEVERITY_INFO,
                       g_strdup (_("Something in the text looks like a wallet address, "
                                   "but it is not a real one.")),
                       wallet->evidence, NULL,
                       _("Its check digits are wrong, so no payment could reach it. "
                         "It may be a typing error or a trick to fool filters."));
          continue;
        }

      if (wallet_is_bitcoin (wallet))
        add_finding (self, "wallet.payment", "wallet", HDR_SEVERITY_HIGH,
                     g_strdup_printf (_("The message asks for payment to the Bitcoin "
                                        "address %s."), wallet->address),
                     wallet->evidence, NULL,
                     _("The address has valid check digits, so it is a real wallet. "
                       "A payment to it cannot be taken back. Scammers use one address "
                       "in thousands of copies of the same letter."));
      else
        add_finding (self, "wallet.payment", "wallet", HDR_SEVERITY_HIGH,
                     g_strdup_printf (_("The message asks for payment to the "
                                        "cryptocurrency address %s."), wallet->address),
                     wallet->evidence, NULL,
                     _("A payment to a cryptocurrency address cannot be taken back, "
                       "and nobody can tell who owns the address."));
    }
}

static void
add_hallmark_findings (HdrReport *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_order); i++)
    {
      HdrCategory category = category_order[i];
      const HdrRuleHit *hit = hdr_text_scan_get_first_hit (self->scan, category);
      g_autofree char *id = NULL;

      if (hit == NULL)
        continue;

      id = g_strconcat ("hallmark.", hdr_category_to_id (category), NULL);
      add_finding (self, id, hdr_category_to_id (category), category_severity (category),
                   g_strdup (category_title (category)), hit->evidence, hit->location,
                   category_explanation (category));
    }
}

static void
add_route_findings (HdrReport *self)
{
  GPtrArray *hops = hdr_route_get_hops (self->route);
  HdrHop *origin = hdr_route_get_origin_hop (self->route);
  const char *origin_ip = hdr_route_get_origin_ip (self->route);

  if (hdr_route_get_ignored_hop_count (self->route) > 0)
    add_finding (self, "message.limit", "message", HDR_SEVERITY_INFO,
                 g_strdup_printf (_("The message has more than %d Received lines; the oldest %u "
                                    "were not read."),
                                  HDR_ROUTE_MAX_HOPS,
                                  hdr_route_get_ignored_hop_count (self->route)),
                 NULL, NULL,
                 _("Real mail passes through a few servers, never a hundred. Extra Received "
                   "lines are added by the sender to hide where the message came from."));

  if (hops->len == 0)
    {
      add_finding (self, "route.none", "route", HDR_SEVERITY_INFO,
                   g_strdup (_("The message has no Received lines, so its route is unknown.")),
                   NULL, NULL,
                   _("Every mail server that passes a message on adds a Received line at the top. "
                     "A message with none was saved before it was sent, or copied without its "
                     "headers. Save the whole message from your mail program to see its route."));
      return;
    }

  if (origin == NULL || origin_ip == NULL)
    {
      add_finding (self, "route.unknown_origin", "route", HDR_SEVERITY_INFO,
                   g_strdup (_("The route does not name the computer that sent the message.")),
                   NULL, NULL,
                   _("The Received lines that your provider wrote give no sender address. "
                     "The lines below them were written by the sender’s side and may be made up."));
      return;
    }

  switch (hdr_route_get_origin_kind (self->route))
    {
    case HDR_ORIGIN_AUTHENTICATED:
      add_finding (self, "route.origin", "route", HDR_SEVERITY_MEDIUM,
                   g_strdup_printf (_("Someone logged in to an account at the provider sent this "
                                      "message from %s."), origin_ip),
                   origin->raw, _("Received header"),
                   _("The mail server checked a user name and password before it took the "
                     "message. So a real account sent it. Scammers often use stolen accounts."));
      break;

    case HDR_ORIGIN_MAILING_LIST:
      add_finding (self, "route.origin", "route", HDR_SEVERITY_INFO,
                   g_strdup_printf (_("The message came through a mailing list server, %s."),
                                    origin_ip),
                   origin->raw, _("Received header"),
                   _("A mailing list sends each post on to all its members. Anyone can post "
                     "to many lists, so the text was not written for you. What the list server "
                     "recorded below was not checked by your provider."));
      break;

    case HDR_ORIGIN_EXTERNAL:
    case HDR_ORIGIN_NONE:
    default:
      add_finding (self, "route.origin", "route", HDR_SEVERITY_INFO,
                   g_strdup_printf (_("Your provider got this message from %s, a computer "
                                      "outside it."), origin_ip),
                   origin->raw, _("Received header"),
                   _("Each mail server that passes a message on adds a Received line at the top. "
                     "The top lines were written by your own provider, so they can be trusted. "
                     "They name the computer that handed the message over. The lines below were "
                     "written by the sender’s side and may be made up."));
      break;
    }
}

static const char *
auth_result_words (const char *result)
{
  if (result == NULL)
    return _("not checked");
  if (g_str_equal (result, "pass"))
    return _("passed");
  /* Microsoft's DMARC result for a domain without a DMARC record whose
   * SPF or DKIM would have passed. */
  if (g_str_equal (result, "bestguesspass"))
    return _("passed a weaker test");
  if (g_str_equal (result, "fail") || g_str_equal (result, "hardfail"))
    return _("failed");
  if (g_str_equal (result, "softfail"))
    return _("weakly failed");
  if (g_str_equal (result, "none"))
    return _("not set up by the sender");
  if (g_str_equal (result, "neutral"))
    return _("gave no answer");
  if (g_str_equal (result, "temperror") || g_str_equal (result, "permerror"))
    return _("could not be checked");

  return result;
}

static void
add_auth_findings (HdrReport *self)
{
  const char *spf = hdr_auth_get_summary (self->auth, "spf");
  const char *dkim = hdr_auth_get_summary (self->auth, "dkim");
  const char *dmarc = hdr_auth_get_summary (self->auth, "dmarc");
  g_autofree char *checks = NULL;
  g_autofree char *explanation = NULL;
  gboolean any_fail;

  hdr_sender_add_filter_findings (self->auth, self->findings);

  if (spf == NULL && dkim == NULL && dmarc == NULL)
    return;

  checks = hdr_sender_explain_checks (self->auth);
  explanation = g_strconcat (checks, " ",
                             _("A pass only shows who sent the mail. It does not make the "
                               "text true."), NULL);

  any_fail = (spf != NULL && !g_str_equal (spf, "pass")) ||
             (dkim != NULL && !g_str_equal (dkim, "pass")) ||
             (dmarc != NULL && !g_str_equal (dmarc, "pass") &&
              !g_str_equal (dmarc, "bestguesspass"));

  add_finding (self, "authentication.summary", "authentication",
               any_fail ? HDR_SEVERITY_MEDIUM : HDR_SEVERITY_INFO,
               /* Translators: each %s is a result such as "passed" or "failed". */
               g_strdup_printf (_("Your provider checked the sender: SPF %s, DKIM %s, DMARC %s."),
                                auth_result_words (spf), auth_result_words (dkim),
                                auth_result_words (dmarc)),
               NULL, _("Authentication-Results header"), explanation);
}

static void
add_message_findings (HdrReport *self,
                      HdrSender *sender)
{
  GPtrArray *notes = hdr_message_get_notes (self->message);
  guint remote_images = hdr_text_scan_get_remote_image_count (self->scan);

  /* "own_account" and the Reply-To, Message-ID and X-Mailer hints. */
  hdr_sender_add_findings (sender, self->message, self->route, self->auth,
                           hdr_text_scan_has_category (self->scan, HDR_CATEGORY_OWN_ACCOUNT_CLAIM),
                           self->findings);

  if (hdr_text_scan_get_text_only_in_images (self->scan))
    add_finding (self, "message.text_in_images", "message", HDR_SEVERITY_MEDIUM,
                 g_strdup (_("The message text is in a picture, which this app cannot read.")),
                 NULL, NULL,
                 _("Scammers sometimes send their text as a picture or a PDF so that spam "
                   "filters cannot read it. This app cannot read it either, so no scam signs "
                   "in it were checked."));

  if (remote_images > 0)
    add_finding (self, "message.remote_images", "message", HDR_SEVERITY_INFO,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The message links to %u picture on the internet.",
                                               "The message links to %u pictures on the internet.",
                                               remote_images),
                                  remote_images),
                 NULL, NULL,
                 _("Pictures loaded from the internet can tell the sender that a message was "
                   "opened. This app never loads them, so nobody learned that you opened it."));

  if (hdr_message_get_cut_off (self->message))
    add_finding (self, "message.cut_off", "message", HDR_SEVERITY_INFO,
                 g_strdup (_("The message is cut off before its end.")),
                 NULL, NULL,
                 _("A complete message ends its header lines with an empty line and each of "
                   "its parts with a marker line. This copy stops before that, so some of its "
                   "text or attachments are missing, and signs in them could not be checked. "
                   "Save the whole message again from your mail program and open that file."));

  for (guint i = 0; i < notes->len; i++)
    add_finding (self, "message.limit", "message", HDR_SEVERITY_INFO,
                 g_strdup (g_ptr_array_index (notes, i)), NULL, NULL,
                 _("Very large or deeply nested messages are read only in part, so that "
                   "a hostile message cannot freeze the app."));
}

/* The addr-spec of a mailbox, lower case, with any "+tag" sub-address
 * removed from the local part (RFC 5233). */
static char *
comparable_address (const char *address)
{
  g_autofree char *lower = NULL;
  const char *at;
  const char *plus;

  if (address == NULL || strchr (address, '@') == NULL)
    return NULL;

  lower = g_utf8_strdown (address, -1);
  at = strrchr (lower, '@');
  plus = memchr (lower, '+', at - lower);

  if (plus != NULL)
    {
      g_autofree char *local_part = g_strndup (lower, plus - lower);

      return g_strconcat (local_part, at, NULL);
    }

  return g_steal_pointer (&lower);
}

/* Append the addr-spec of one mailbox, as written, to @result: the text in
 * angle brackets when there is an angle-addr, else the whole mailbox
 * without comments.  GMime's parser is not used here because it shortens
 * malformed addresses such as "a@b@example.com", and this comparison must
 * be literal. */
static void
add_mailbox (GPtrArray  *result,
             GString    *plain,
             GString    *angle,
             gboolean    has_angle)
{
  const char *text = has_angle ? angle->str : plain->str;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *comparable = comparable_address (trimmed);

  if (comparable != NULL)
    g_ptr_array_add (result, comparable);

  g_string_truncate (plain, 0);
  g_string_truncate (angle, 0);
}

/* Split an address-list header value (RFC 5322 section 3.4) into the
 * comparable addresses of its mailboxes. */
static void
split_address_list (GPtrArray  *result,
                    const char *value)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) angle = g_string_new (NULL);
  gboolean in_quotes = FALSE;
  gboolean in_angle = FALSE;
  gboolean has_angle = FALSE;
  guint comment_depth = 0;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (in_quotes)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_quotes = FALSE;
          continue;
        }

      if (comment_depth > 0)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '(')
            comment_depth++;
          else if (*p == ')')
            comment_depth--;
          continue;
        }

      if (in_angle)
        {
          if (*p == '>')
            in_angle = FALSE;
          else
            g_string_append_c (angle, *p);
          continue;
        }

      switch (*p)
        {
        case '"':
          in_quotes = TRUE;
          break;
        case '(':
          comment_depth = 1;
          break;
        case '<':
          in_angle = TRUE;
          has_angle = TRUE;
          g_string_truncate (angle, 0);
          break;
        case ':':
          /* A group name ends (RFC 5322 section 3.4). */
          g_string_truncate (plain, 0);
          break;
        case ',':
        case ';':
          add_mailbox (result, plain, angle, has_angle);
          has_angle = FALSE;
          break;
        default:
          g_string_append_c (plain, *p);
          break;
        }
    }

  add_mailbox (result, plain, angle, has_angle);
}

static GPtrArray *
mailbox_addresses (HdrMessage *message,
                   const char *header_name)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *headers = hdr_message_get_headers (message);

  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);

      if (g_ascii_strcasecmp (header->name, header_name) == 0)
        split_address_list (result, header->decoded);
    }

  return result;
}

/* From against To, literally: case and sub-address insensitive. */
static gboolean
compute_from_equals_to (HdrMessage *message)
{
  g_autoptr(GPtrArray) from = mailbox_addresses (message, "From");
  g_autoptr(GPtrArray) to = mailbox_addresses (message, "To");

  for (guint i = 0; i < from->len; i++)
    for (guint j = 0; j < to->len; j++)
      if (g_str_equal (g_ptr_array_index (from, i), g_ptr_array_index (to, j)))
        return TRUE;

  return FALSE;
}

static gboolean
has_payment_wallet (HdrTextScan *scan)
{
  GPtrArray *wallets = hdr_text_scan_get_wallets (scan);

  for (guint i = 0; i < wallets->len; i++)
    {
      const HdrWallet *wallet = g_ptr_array_index (wallets, i);

      if (wallet_is_payment_target (wallet) && wallet->checksum == HDR_CHECKSUM_VALID)
        return TRUE;
    }

  return FALSE;
}

static HdrVerdict
compute_verdict (HdrReport *self)
{
  guint threats = 0;
  guint scam_signs = 0;
  gboolean payment;

  for (guint i = 0; i < G_N_ELEMENTS (threat_categories); i++)
    if (hdr_text_scan_has_category (self->scan, threat_categories[i]))
      threats++;

  payment = hdr_text_scan_has_category (self->scan, HDR_CATEGORY_PAYMENT_DEMAND) ||
            has_payment_wallet (self->scan);

  if (payment && threats >= 2)
    return HDR_VERDICT_SEXTORTION;

  for (guint i = 0; i < HDR_N_CATEGORIES; i++)
    if (hdr_text_scan_has_category (self->scan, i))
      scam_signs++;

  /* One stray phrase ("48 hours", "do not reply") is common in honest mail;
   * a second sign, a wallet to pay, or disguised text is not. */
  if (scam_signs >= 2 || has_payment_wallet (self->scan) ||
      hdr_text_scan_has_category (self->scan, HDR_CATEGORY_DISGUISED_TEXT))
    return HDR_VERDICT_SUSPICIOUS;

  return HDR_VERDICT_NONE;
}

static void
compose_headline (HdrReport *self)
{
  const char *origin_ip = hdr_route_get_origin_ip (self->route);
  g_autoptr(GString) summary = g_string_new (NULL);

  switch (self->verdict)
    {
    case HDR_VERDICT_SEXTORTION:
      self->headline = g_strdup (_("This is a mass-mailed blackmail scam. The video does not exist."));
      g_string_append (summary, _("The same letter is sent to millions of people. "
                                  "Nobody recorded you, and nobody has your contacts. "
                                  "Do not pay and do not reply."));
      if (self->claims.from_own_account && origin_ip != NULL &&
          hdr_route_get_origin_kind (self->route) == HDR_ORIGIN_EXTERNAL)
        {
          g_string_append_c (summary, ' ');
          g_string_append_printf (summary, _("It was not sent from your account: it came from "
                                             "%s, a computer outside your provider."),
                                  origin_ip);
        }
      break;

    case HDR_VERDICT_SUSPICIOUS:
      self->headline = g_strdup (_("This message shows signs of a scam."));
      g_string_append (summary, _("It has some of the signs listed below, but not the full "
                                  "pattern of the blackmail scam. Do not pay, and do not open "
                                  "links or files in it unless you are sure who sent it."));
      break;

    case HDR_VERDICT_NONE:
    default:
      self->headline = g_strdup (_("No known scam signs were found."));
      g_string_append (summary, _("The app checked where the message came from, what your "
                                  "provider’s sender checks say, and the text. It found none of "
                                  "the signs of blackmail scams. This does not prove that the "
                                  "message is safe."));
      break;
    }

  /* The verdict of a cut-off copy rests on part of the message only. */
  if (hdr_message_get_cut_off (self->message))
    {
      g_string_append_c (summary, ' ');
      g_string_append (summary, _("This copy of the message is cut off, so part of it could "
                                  "not be checked."));
    }

  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
}

/* The steps for the reader, the same in every renderer.  The report
 * service is named in general words because it differs by country. */
static void
compose_actions (HdrReport *self)
{
  if (self->verdict == HDR_VERDICT_NONE)
    {
      g_ptr_array_add (self->actions,
                       (gpointer)_("Open links or files in it only if you know and trust the sender."));
      g_ptr_array_add (self->actions,
                       (gpointer)_("If the message still worries you, talk to someone you trust."));
      return;
    }

  g_ptr_array_add (self->actions, (gpointer)_("Do not pay, and do not reply."));

  if (self->verdict == HDR_VERDICT_SUSPICIOUS)
    g_ptr_array_add (self->actions,
                     (gpointer)_("Do not open links or files in it unless you are sure who sent it."));

  if (self->claims.knows_password)
    g_ptr_array_add (self->actions,
                     (gpointer)_("Is the password in the message one you still use? Then change it "
                                 "on every site where you use it, and turn on two-step sign-in."));

  g_ptr_array_add (self->actions, (gpointer)_("Talk about it with someone you trust."));
  g_ptr_array_add (self->actions,
                   (gpointer)_("You can report the message to your mail provider. You can also "
                               "report it to the police or to the fraud help service where you live."));
}

/**
 * hdr_report_new:
 *
 * Build the verdict and the findings from the stages of the analysis.  The
 * report keeps a reference to each stage.
 */
HdrReport *
hdr_report_new (HdrMessage  *message,
                HdrRoute    *route,
                HdrAuth     *auth,
                HdrTextScan *scan)
{
  g_autoptr(HdrSender) sender = NULL;
  HdrReport *self;

  g_return_val_if_fail (HDR_IS_MESSAGE (message), NULL);
  g_return_val_if_fail (HDR_IS_ROUTE (route), NULL);
  g_return_val_if_fail (HDR_IS_AUTH (auth), NULL);
  g_return_val_if_fail (HDR_IS_TEXT_SCAN (scan), NULL);

  self = g_object_new (HDR_TYPE_REPORT, NULL);
  self->message = g_object_ref (message);
  self->route = g_object_ref (route);
  self->auth = g_object_ref (auth);
  self->scan = g_object_ref (scan);

  sender = hdr_sender_new (message, route, auth);

  /* from_own_account: the message claims or shows that it came from the
   * recipient's own account.  Its text claims it, or From, Sender or the
   * From display name shows the recipient's address.  The own-account
   * analysis reads that address from Delivered-To, X-Original-To, the
   * trusted "for" clause or To, so a list post whose From equals its To
   * (the list address) does not count when the provider delivered it to a
   * member. */
  self->claims.from_equals_to = compute_from_equals_to (message);
  self->claims.from_own_account =
    hdr_text_scan_has_category (scan, HDR_CATEGORY_OWN_ACCOUNT_CLAIM) ||
    hdr_sender_shows_own_address (sender);
  self->claims.knows_password = hdr_text_scan_has_category (scan, HDR_CATEGORY_PASSWORD_CLAIM);
  self->claims.has_recording = hdr_text_scan_has_category (scan, HDR_CATEGORY_RECORDING_CLAIM);
  self->claims.deadline_hours = hdr_text_scan_get_deadline_hours (scan);

  self->verdict = compute_verdict (self);

  add_wallet_findings (self);
  add_hallmark_findings (self);
  add_route_findings (self);
  add_auth_findings (self);
  add_message_findings (self, sender);

  compose_headline (self);
  compose_actions (self);

  return self;
}

HdrVerdict
hdr_report_get_verdict (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), HDR_VERDICT_NONE);

  return self->verdict;
}

/**
 * hdr_report_get_headline:
 *
 * Returns: the verdict as one plain, translated sentence
 */
const char *
hdr_report_get_headline (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return self->headline;
}

/**
 * hdr_report_get_summary:
 *
 * Returns: two or three translated sentences that follow the headline
 */
const char *
hdr_report_get_summary (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return self->summary;
}

/**
 * hdr_report_get_findings:
 *
 * Returns: (transfer none) (element-type HdrFinding): the findings, strongest first
 */
GPtrArray *
hdr_report_get_findings (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return self->findings;
}

/* Claims about the reader's own password or account frighten most, and
 * "what to do now" refers to them, so they come first among equals. */
static gboolean
finding_is_personal (const HdrFinding *finding)
{
  return g_str_equal (finding->id, "hallmark.password_claim") ||
         g_str_equal (finding->id, "hallmark.own_account_claim") ||
         g_str_equal (finding->id, "message.from_equals_to");
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const HdrFinding *first = *(const HdrFinding * const *)a;
  const HdrFinding *second = *(const HdrFinding * const *)b;

  if (first->severity != second->severity)
    return (int)second->severity - (int)first->severity;

  return (int)finding_is_personal (second) - (int)finding_is_personal (first);
}

/**
 * hdr_report_get_reasons:
 * @max_reasons: the maximum number of reasons to return
 *
 * Select the findings that support the verdict: the most severe first,
 * then claims about the reader's own password or account, then in the
 * order of the findings list.
 *
 * Returns: (transfer container) (element-type HdrFinding): at most
 *   @max_reasons findings, owned by the report
 */
GPtrArray *
hdr_report_get_reasons (HdrReport *self,
                        guint      max_reasons)
{
  g_autoptr(GPtrArray) reasons = NULL;

  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  reasons = g_ptr_array_new ();
  for (guint i = 0; i < self->findings->len; i++)
    g_ptr_array_add (reasons, g_ptr_array_index (self->findings, i));

  /* g_ptr_array_sort is a stable sort since GLib 2.32. */
  g_ptr_array_sort (reasons, compare_reasons);

  if (reasons->len > max_reasons)
    g_ptr_array_set_size (reasons, max_reasons);

  return g_steal_pointer (&reasons);
}

/**
 * hdr_report_get_actions:
 *
 * Returns: (transfer none) (array zero-terminated=1): "what to do now", one
 *   translated sentence or two per step, in order
 */
const char * const *
hdr_report_get_actions (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return (const char * const *)self->actions->pdata;
}

const HdrClaims *
hdr_report_get_claims (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return &self->claims;
}

HdrMessage *
hdr_report_get_message (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return self->message;
}

HdrRoute *
hdr_report_get_route (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return self->route;
}

HdrAuth *
hdr_report_get_auth (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return self->auth;
}

HdrTextScan *
hdr_report_get_text_scan (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return self->scan;
}

const char *
hdr_verdict_to_string (HdrVerdict verdict)
{
  switch (verdict)
    {
    case HDR_VERDICT_SEXTORTION:
      return "sextortion";
    case HDR_VERDICT_SUSPICIOUS:
      return "suspicious";
    case HDR_VERDICT_NONE:
    default:
      return "none";
    }
}

const char *
hdr_severity_to_string (HdrSeverity severity)
{
  switch (severity)
    {
    case HDR_SEVERITY_HIGH:
      return "high";
    case HDR_SEVERITY_MEDIUM:
      return "medium";
    case HDR_SEVERITY_INFO:
    default:
      return "info";
    }
}
