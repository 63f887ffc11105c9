/* hdr-sender-findings.c: the report's findings about the sender, the
 * recipient's own address and the provider's own filter, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-sender"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hdr-report.h"
#include "hdr-sender.h"

static void
add_finding (GPtrArray   *findings,
             const char  *id,
             const char  *category,
             HdrSeverity  severity,
             char        *title,
             const char  *evidence,
             const char  *location,
             char        *explanation)
{
  HdrFinding *finding = g_new0 (HdrFinding, 1);

  finding->id = g_strdup (id);
  finding->category = g_strdup (category);
  finding->severity = severity;
  finding->title = title;
  finding->evidence = g_strdup (evidence);
  finding->location = g_strdup (location);
  finding->explanation = explanation;
  g_ptr_array_add (findings, finding);
}

static const char *
domain_of (const char *address)
{
  const char *at;

  if (address == NULL)
    return NULL;

  at = strrchr (address, '@');

  return at != NULL ? at + 1 : address;
}

/* The topmost trusted result of @method, as hdr_auth_get_summary() picks
 * it, so that its properties can be quoted. */
static const HdrAuthResult *
find_summary_result (HdrAuth    *auth,
                     const char *method)
{
  const char *summary = hdr_auth_get_summary (auth, method);
  GPtrArray *results = hdr_auth_get_results (auth);

  for (guint i = 0; summary != NULL && i < results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (results, i);

      if (result->trusted && g_str_equal (result->method, method) &&
          g_str_equal (result->result, summary))
        return result;
    }

  return NULL;
}

static gboolean
is_error (const char *result)
{
  return g_str_equal (result, "temperror") || g_str_equal (result, "permerror");
}

/* One or two sentences on what the provider's SPF result means. */
static char *
explain_spf (HdrAuth *auth)
{
  const HdrAuthResult *result = find_summary_result (auth, "spf");
  const char *domain = NULL;

  if (result == NULL)
    return g_strdup (_("Your provider recorded no SPF check. SPF checks whether a computer may "
                       "send mail for the sender’s domain."));

  domain = domain_of (hdr_auth_result_get_property (result, "smtp.mailfrom"));
  if (domain == NULL)
    domain = hdr_auth_result_get_property (result, "smtp.helo");
  if (domain == NULL)
    domain = _("the sender’s domain");

  if (g_str_equal (result->result, "pass"))
    return g_strdup_printf (_("SPF passed. SPF checks whether a computer may send mail for a "
                              "domain, and this computer may send mail for %s. That says "
                              "nothing about your account."), domain);
  if (g_str_equal (result->result, "fail") || g_str_equal (result->result, "hardfail"))
    return g_strdup_printf (_("SPF failed. SPF checks whether a computer may send mail for a "
                              "domain. The owners of %s say that this computer may not send "
                              "their mail."), domain);
  if (g_str_equal (result->result, "softfail"))
    return g_strdup_printf (_("SPF weakly failed. SPF checks whether a computer may send mail "
                              "for a domain. The owners of %s say that this computer probably "
                              "may not send their mail."), domain);
  if (g_str_equal (result->result, "neutral"))
    return g_strdup_printf (_("SPF gave no answer. SPF checks whether a computer may send mail "
                              "for a domain, but the owners of %s do not say."), domain);
  if (g_str_equal (result->result, "none"))
    return g_strdup_printf (_("SPF was not set up. SPF checks whether a computer may send mail "
                              "for a domain, but %s lists no computers."), domain);
  if (is_error (result->result))
    return g_strdup_printf (_("SPF could not be checked, because the rules of %s could not be "
                              "looked up or read."), domain);

  return g_strdup_printf (_("SPF gave the result “%s”."), result->result);
}

static char *
explain_dkim (HdrAuth *auth)
{
  const HdrAuthResult *result = find_summary_result (auth, "dkim");
  const char *domain;

  if (result == NULL)
    return g_strdup (_("Your provider recorded no DKIM check. DKIM checks a digital seal that "
                       "the sending mail server puts on a message."));

  domain = hdr_auth_result_get_property (result, "header.d");
  if (domain == NULL)
    domain = domain_of (hdr_auth_result_get_property (result, "header.i"));

  if (g_str_equal (result->result, "pass"))
    return g_strdup_printf (_("DKIM passed. DKIM checks a digital seal on the message, and the "
                              "message has an unbroken seal of %s."),
                            domain != NULL ? domain : _("the sender’s domain"));
  if (g_str_equal (result->result, "fail"))
    return g_strdup (_("DKIM failed. DKIM checks a digital seal on the message. The message "
                       "has a seal, but it does not fit the message, so the seal was faked or "
                       "the message was changed."));
  if (g_str_equal (result->result, "none"))
    return g_strdup (_("DKIM found no seal. DKIM checks a digital seal that the sending mail "
                       "server puts on a message, and this message has none."));
  if (is_error (result->result))
    return g_strdup (_("DKIM could not be checked. DKIM checks a digital seal on the message, "
                       "but the key for the seal could not be found or read."));

  return g_strdup_printf (_("DKIM gave the result “%s”. DKIM checks a digital seal on the "
                            "message."), result->result);
}

static char *
explain_dmarc (HdrAuth *auth)
{
  const HdrAuthResult *result = find_summary_result (auth, "dmarc");
  const char *domain;

  if (result == NULL)
    return g_strdup (_("Your provider recorded no DMARC check. DMARC checks that the domain in "
                       "the From line passed SPF or DKIM."));

  domain = hdr_auth_result_get_property (result, "header.from");
  if (domain == NULL)
    domain = _("the From line");

  if (g_str_equal (result->result, "pass"))
    return g_strdup_printf (_("DMARC passed. DMARC checks the domain in the From line, and SPF "
                              "or DKIM confirmed %s."), domain);
  if (g_str_equal (result->result, "bestguesspass"))
    return g_strdup_printf (_("DMARC passed a weaker test. %s publishes no DMARC rules, so "
                              "Microsoft only guessed that SPF or DKIM fits it."), domain);
  if (g_str_equal (result->result, "fail"))
    return g_strdup_printf (_("DMARC failed. DMARC checks the domain in the From line, and "
                              "neither SPF nor DKIM confirmed %s. So the From line cannot be "
                              "trusted."), domain);
  if (g_str_equal (result->result, "none"))
    return g_strdup_printf (_("DMARC was not set up. %s publishes no DMARC rules, which would "
                              "tell your provider to check the From line."), domain);
  if (is_error (result->result))
    return g_strdup_printf (_("DMARC could not be checked, because the rules of %s could not "
                              "be looked up or read."), domain);

  return g_strdup_printf (_("DMARC gave the result “%s”. DMARC checks the domain in the From "
                            "line."), result->result);
}

/**
 * hdr_sender_explain_checks:
 * @auth: the authentication results, trust already decided
 *
 * Explains what the provider's SPF, DKIM and DMARC results mean, one
 * short paragraph per method, in words a child can follow.
 *
 * Returns: (transfer full): the translated text
 */
char *
hdr_sender_explain_checks (HdrAuth *auth)
{
  g_autofree char *spf = NULL;
  g_autofree char *dkim = NULL;
  g_autofree char *dmarc = NULL;

  g_return_val_if_fail (HDR_IS_AUTH (auth), NULL);

  spf = explain_spf (auth);
  dkim = explain_dkim (auth);
  dmarc = explain_dmarc (auth);

  return g_strjoin (" ", spf, dkim, dmarc, NULL);
}

/* What the From line shows, as the first sentences of the explanation. */
static void
append_claim (GString    *text,
              HdrSender  *self,
              gboolean    text_claims_own_account)
{
  HdrSenderFields fields = hdr_sender_get_own_address_fields (self);

  if ((fields & HDR_SENDER_FIELD_FROM) != 0)
    g_string_append_printf (text, _("The From line shows your own address, %s."),
                            hdr_sender_get_from_address (self));
  else if ((fields & HDR_SENDER_FIELD_DISPLAY_NAME) != 0)
    g_string_append_printf (text, _("The sender’s name in the From line is your own address, "
                                    "%s, but the real sender address behind it is %s."),
                            hdr_sender_get_display_name_address (self),
                            hdr_sender_get_from_address (self));
  else if ((fields & HDR_SENDER_FIELD_SENDER) != 0)
    g_string_append (text, _("The Sender line shows your own address."));
  else if (text_claims_own_account)
    g_string_append (text, _("The writer claims to have sent this from your account."));

  g_string_append_c (text, ' ');
  g_string_append (text, _("Anyone can type any address in the From line, just as anyone can "
                           "write any name on an envelope. Nobody checks it."));
}

/* Which computer really handed the message to the provider. */
static void
append_origin (GString  *text,
               HdrRoute *route)
{
  HdrHop *origin = hdr_route_get_origin_hop (route);
  const char *ip = hdr_route_get_origin_ip (route);

  g_string_append_c (text, ' ');

  switch (hdr_route_get_origin_kind (route))
    {
    case HDR_ORIGIN_EXTERNAL:
      if (origin != NULL && origin->from_rdns != NULL)
        g_string_append_printf (text, _("Your provider wrote down which computer handed the "
                                        "message over: %s, called %s. It is outside your "
                                        "provider, and nobody signed in there."),
                                ip, origin->from_rdns);
      else
        g_string_append_printf (text, _("Your provider wrote down which computer handed the "
                                        "message over: %s. It is outside your provider, and "
                                        "nobody signed in there."), ip);
      break;

    case HDR_ORIGIN_MAILING_LIST:
      if (ip != NULL)
        g_string_append_printf (text, _("The message came through a mailing list server, %s, "
                                        "which sends each post to all its members."), ip);
      else
        g_string_append (text, _("The message came through a mailing list server, which "
                                 "sends each post to all its members."));
      break;

    case HDR_ORIGIN_AUTHENTICATED:
      g_string_append (text, _("Your provider recorded that the sender signed in to an "
                               "account at your provider to send it. That can be any account "
                               "there, not only yours."));
      break;

    case HDR_ORIGIN_NONE:
    default:
      g_string_append (text, _("The Received lines do not show which computer handed the "
                               "message over."));
      break;
    }
}

static void
append_filter_sign_in (GString *text,
                       HdrAuth *auth)
{
  const char *auth_as = hdr_auth_get_filter_verdict (auth, "AUTHAS");

  if (auth_as != NULL && g_ascii_strcasecmp (auth_as, "Anonymous") == 0)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Microsoft also wrote that the sender did not sign in "
                               "(AuthAs: Anonymous)."));
    }
}

/*
 * The own-account explanation, put together from its pieces: what the
 * From line shows, which computer handed the message over, what the
 * provider's checks found, and why mail really sent from the account would
 * look different.
 */
static char *
explain_own_account (HdrSender *self,
                     HdrRoute  *route,
                     HdrAuth   *auth,
                     gboolean   text_claims_own_account,
                     gboolean   may_be_real)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *checks = hdr_sender_explain_checks (auth);

  append_claim (text, self, text_claims_own_account);
  append_origin (text, route);
  append_filter_sign_in (text, auth);

  g_string_append_c (text, ' ');
  g_string_append (text, checks);
  g_string_append_c (text, ' ');

  g_string_append (text, _("Mail really sent from your account would look different. It would "
                           "enter through your provider’s own sending server after a sign-in "
                           "with your password, and the route would show that sign-in. It "
                           "would also carry your provider’s DKIM seal."));
  g_string_append_c (text, ' ');

  if (may_be_real)
    g_string_append (text, _("This message has both, so it may really have been sent with "
                             "your account. If you did not send it, change your password now "
                             "and turn on two-step sign-in."));
  else if (hdr_route_get_origin_kind (route) == HDR_ORIGIN_AUTHENTICATED)
    g_string_append (text, _("This message has no seal of your provider. So the sign-in was "
                             "most likely to another account, and your address was only typed "
                             "into the From line."));
  else
    g_string_append (text, _("This message has neither. Nobody needs your password to type "
                             "your address into the From line."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_own_account_finding (HdrSender  *self,
                         HdrMessage *message,
                         HdrRoute   *route,
                         HdrAuth    *auth,
                         gboolean    text_claims_own_account,
                         GPtrArray  *findings)
{
  HdrOriginKind origin_kind = hdr_route_get_origin_kind (route);
  gboolean may_be_real;
  char *title;

  may_be_real = origin_kind == HDR_ORIGIN_AUTHENTICATED &&
                hdr_sender_has_provider_signature (self) &&
                hdr_sender_shows_own_address (self);

  /* A computer outside the provider handed the message over, so no
   * sign-in to the recipient's account took place. */
  if (may_be_real)
    title = g_strdup (_("This message may really have been sent with your account."));
  else if (origin_kind == HDR_ORIGIN_EXTERNAL || origin_kind == HDR_ORIGIN_MAILING_LIST)
    title = g_strdup (_("This message did not come from your account."));
  else
    title = g_strdup (_("Nothing shows that this message came from your account."));

  add_finding (findings, "own_account", "own_account_claim",
               text_claims_own_account || may_be_real ? HDR_SEVERITY_HIGH : HDR_SEVERITY_MEDIUM,
               title, hdr_message_get_header (message, "From"), _("From header"),
               explain_own_account (self, route, auth, text_claims_own_account, may_be_real));
}

static const char *
mailer_kind_explanation (HdrMailerKind kind)
{
  switch (kind)
    {
    case HDR_MAILER_SCRIPT:
      return _("This is a programming tool that websites use to send mail automatically. "
               "People do not write personal mail with it. Mass mailings and hacked websites "
               "often use it. On its own it proves nothing.");
    case HDR_MAILER_DISCONTINUED:
      return _("This names an old mail program that has not been updated for many years. "
               "Programs that send mass mail often write this name to look ordinary. On its "
               "own it proves nothing.");
    case HDR_MAILER_ORDINARY:
    default:
      g_assert_not_reached ();
    }
}

/**
 * hdr_sender_add_findings:
 * @message: the message
 * @route: its Received chain
 * @auth: its authentication results
 * @text_claims_own_account: whether the text claims to come from the
 *   recipient's own account (the own_account_claim hallmark)
 * @findings: (element-type HdrFinding): the report's findings
 *
 * Appends the sender findings to @findings: "own_account" when the From
 * line or the text claims the recipient's own address, and the hints
 * "sender.display_name", "sender.reply_to", "sender.message_id" and
 * "sender.mailer".  The hints have severity info or medium, because
 * honest mail can show each of them.
 */
void
hdr_sender_add_findings (HdrSender  *self,
                         HdrMessage *message,
                         HdrRoute   *route,
                         HdrAuth    *auth,
                         gboolean    text_claims_own_account,
                         GPtrArray  *findings)
{
  gboolean shows_own = FALSE;
  const char *display_name_address;
  const char *reply_to;

  g_return_if_fail (HDR_IS_SENDER (self));
  g_return_if_fail (HDR_IS_MESSAGE (message));
  g_return_if_fail (HDR_IS_ROUTE (route));
  g_return_if_fail (HDR_IS_AUTH (auth));
  g_return_if_fail (findings != NULL);

  shows_own = hdr_sender_shows_own_address (self);
  if (shows_own || text_claims_own_account)
    add_own_account_finding (self, message, route, auth, text_claims_own_account, findings);

  display_name_address = hdr_sender_get_display_name_address (self);
  if (display_name_address != NULL &&
      (hdr_sender_get_own_address_fields (self) & HDR_SENDER_FIELD_DISPLAY_NAME) == 0)
    add_finding (findings, "sender.display_name", "message", HDR_SEVERITY_MEDIUM,
                 g_strdup_printf (_("The sender’s name looks like the address %s, but the real "
                                    "address is %s."),
                                  display_name_address, hdr_sender_get_from_address (self)),
                 hdr_message_get_header (message, "From"), _("From header"),
                 g_strdup (_("Many mail programs show only the name, not the address. A name "
                             "that looks like an address hides who really wrote the message.")));

  reply_to = hdr_sender_get_reply_to_elsewhere (self);
  if (reply_to != NULL)
    add_finding (findings, "sender.reply_to", "message",
                 shows_own ? HDR_SEVERITY_MEDIUM : HDR_SEVERITY_INFO,
                 g_strdup_printf (_("Replies would go to %s, not to the address in the From "
                                    "line."), reply_to),
                 hdr_message_get_header (message, "Reply-To"), _("Reply-To header"),
                 g_strdup (_("The Reply-To line tells your mail program where to send your "
                             "answer. Shops and lists use it for their help desks. In a scam "
                             "it leads your answer to the writer, whatever the From line "
                             "says.")));

  if (hdr_sender_message_id_is_unrelated (self))
    add_finding (findings, "sender.message_id", "message", HDR_SEVERITY_INFO,
                 g_strdup_printf (_("The message number was made at %s, which does not belong "
                                    "to the sender’s domain."),
                                  hdr_sender_get_message_id_domain (self)),
                 hdr_message_get_header (message, "Message-ID"), _("Message-ID header"),
                 g_strdup (_("The program that writes a message gives it a number, the "
                             "Message-ID, and usually adds the name of its own domain. Mail "
                             "services that send for others use theirs, so this alone proves "
                             "nothing. Mail from your own account would carry your "
                             "provider’s name here.")));

  if (hdr_sender_get_mailer_kind (self) != HDR_MAILER_ORDINARY)
    add_finding (findings, "sender.mailer", "message",
                 text_claims_own_account || shows_own ? HDR_SEVERITY_MEDIUM : HDR_SEVERITY_INFO,
                 g_strdup_printf (_("The message says it was written with “%s”."),
                                  hdr_sender_get_mailer (self)),
                 hdr_sender_get_mailer (self), _("X-Mailer or User-Agent header"),
                 g_strdup (mailer_kind_explanation (hdr_sender_get_mailer_kind (self))));
}

/* The Microsoft category (CAT) as words, or NULL for "NONE" and unknown
 * codes. */
static const char *
category_words (const char *category)
{
  static const struct
  {
    const char *code;
    const char *words;
  } categories[] = {
    { "PHSH", N_("phishing") },
    { "HPHSH", N_("phishing, with high confidence") },
    { "HPHISH", N_("phishing, with high confidence") },
    { "SPM", N_("spam") },
    { "HSPM", N_("spam, with high confidence") },
    { "BULK", N_("bulk mail") },
    { "SPOOF", N_("spoofed: the sender pretends to be someone else") },
    { "DIMP", N_("impersonation of a domain") },
    { "UIMP", N_("impersonation of a person") },
    { "GIMP", N_("impersonation") },
    { "MALW", N_("carrying harmful software") },
    { "AMP", N_("carrying harmful software") },
  };

  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (categories); i++)
    {
      if (g_ascii_strcasecmp (category, categories[i].code) == 0)
        return _(categories[i].words);
    }

  return NULL;
}

/* The spam confidence level (SCL) as words: -1 skipped, 0 to 4 not spam,
 * 5 and 6 spam, 7 to 9 spam with high confidence. */
static const char *
scl_words (const char *scl)
{
  char *end = NULL;
  long level;

  if (scl == NULL)
    return NULL;

  level = strtol (scl, &end, 10);
  if (end == scl || *end != '\0')
    return NULL;

  if (level < 0)
    return _("trusted without a check");
  if (level <= 4)
    return _("not spam");
  if (level <= 6)
    return _("spam");

  return _("spam, with high confidence");
}

static char *
filter_evidence (HdrAuth *auth)
{
  static const char * const names[] = { "SCL", "CAT", "SFV", "BCL", "CTRY" };
  g_autoptr(GString) evidence = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = hdr_auth_get_filter_verdict (auth, names[i]);

      if (value == NULL)
        continue;
      if (evidence->len > 0)
        g_string_append_c (evidence, ' ');
      g_string_append_printf (evidence, "%s:%s", names[i], value);
    }

  return evidence->len > 0 ? g_string_free (g_steal_pointer (&evidence), FALSE) : NULL;
}

/**
 * hdr_sender_add_filter_findings:
 * @auth: the authentication results with their filter verdicts
 * @findings: (element-type HdrFinding): the report's findings
 *
 * Appends what the recipient provider's own filter concluded, from the
 * trusted filter verdicts only: "provider.filter" (the spam rating),
 * "provider.bulk", "provider.sign_in", "provider.junk" and
 * "provider.arc".
 */
void
hdr_sender_add_filter_findings (HdrAuth   *auth,
                                GPtrArray *findings)
{
  const char *scl = hdr_auth_get_filter_verdict (auth, "SCL");
  const char *category = hdr_auth_get_filter_verdict (auth, "CAT");
  const char *bcl = hdr_auth_get_filter_verdict (auth, "BCL");
  const char *auth_as = hdr_auth_get_filter_verdict (auth, "AUTHAS");
  const char *folder = hdr_auth_get_filter_verdict (auth, "DEST");
  const char *country = hdr_auth_get_filter_verdict (auth, "CTRY");
  const char *arc = hdr_auth_get_filter_verdict (auth, "ARC-CV");
  g_autofree char *evidence = filter_evidence (auth);
  const char *words;

  g_return_if_fail (HDR_IS_AUTH (auth));
  g_return_if_fail (findings != NULL);

  words = category_words (category);
  if (words != NULL || scl_words (scl) != NULL)
    {
      g_autoptr(GString) explanation = g_string_new (NULL);
      char *title;

      if (words != NULL)
        /* Translators: the first %s is words such as "phishing", the second a code like PHSH. */
        title = g_strdup_printf (_("Microsoft’s filter rated this message as %s (CAT:%s)."),
                                 words, category);
      else
        /* Translators: the first %s is words such as "spam", the second a number from -1 to 9. */
        title = g_strdup_printf (_("Microsoft’s filter rated this message as %s (SCL %s)."),
                                 scl_words (scl), scl);

      g_string_append (explanation, _("Your provider checks every message before it reaches "
                                      "you, and Microsoft wrote its own rating into this one "
                                      "after it arrived. The spam confidence level (SCL) goes "
                                      "from -1 to 9: 5 and more means spam."));
      if (country != NULL)
        {
          g_string_append_c (explanation, ' ');
          g_string_append_printf (explanation, _("Microsoft placed the sending computer in the "
                                                 "country with the code %s."), country);
        }

      add_finding (findings, "provider.filter", "authentication",
                   scl_words (scl) != NULL && atoi (scl) >= 5 ? HDR_SEVERITY_MEDIUM
                                                               : HDR_SEVERITY_INFO,
                   title, evidence, _("Microsoft filter headers"),
                   g_string_free (g_steal_pointer (&explanation), FALSE));
    }

  if (bcl != NULL && atoi (bcl) >= 4)
    add_finding (findings, "provider.bulk", "authentication", HDR_SEVERITY_INFO,
                 g_strdup_printf (_("Microsoft rated the sender as a bulk mailer that draws "
                                    "complaints (BCL %s)."), bcl),
                 bcl, _("X-Microsoft-Antispam header"),
                 g_strdup (_("The bulk complaint level (BCL) goes from 0 to 9. A high number "
                             "means that many people complain about mail from this sender.")));

  if (auth_as != NULL && g_ascii_strcasecmp (auth_as, "Anonymous") == 0)
    add_finding (findings, "provider.sign_in", "authentication", HDR_SEVERITY_INFO,
                 g_strdup (_("Microsoft recorded that the sender did not sign in.")),
                 auth_as, _("X-MS-Exchange-Organization-AuthAs header"),
                 g_strdup (_("Microsoft writes “Internal” when someone signed in to an account "
                             "of your organisation to send a message. “Anonymous” means the "
                             "message came from the internet without a sign-in.")));

  if (folder != NULL && g_ascii_strcasecmp (folder, "J") == 0)
    add_finding (findings, "provider.junk", "authentication", HDR_SEVERITY_INFO,
                 g_strdup (_("Microsoft put this message in the junk folder.")),
                 folder, _("X-Microsoft-Antispam-Mailbox-Delivery header"),
                 g_strdup (_("Your provider’s filter found the message suspicious enough to "
                             "keep it out of your inbox.")));

  if (arc != NULL && g_ascii_strcasecmp (arc, "fail") == 0)
    add_finding (findings, "provider.arc", "authentication", HDR_SEVERITY_INFO,
                 g_strdup (_("Google found the forwarding record of this message broken.")),
                 arc, _("ARC-Seal header"),
                 g_strdup (_("When a message is forwarded, each server can add a sealed note "
                             "of what it checked (ARC). Google found that the notes on this "
                             "message do not fit together, so they may be made up.")));
}
