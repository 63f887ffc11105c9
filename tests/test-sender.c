/* test-sender.c: the own-account analysis and the sender findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "hdr-analysis.h"
#include "hdr-sender.h"

/* The provider's Received field: mx.example.net took the message from a
 * computer outside it. */
#define PROVIDER_RECEIVED \
  "Received: from pc-9.dsl.example.org (pc-9.dsl.example.org [203.0.113.9])\r\n" \
  "\tby mx.example.net (Postfix) with ESMTP id 4QxYz1\r\n" \
  "\tfor <alex@example.net>; Fri, 04 Dec 2026 08:15:40 +0000\r\n"

#define PROVIDER_RESULTS \
  "Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=alex@example.net;\r\n" \
  "\tdkim=none; dmarc=fail header.from=example.net\r\n"

typedef struct
{
  HdrMessage *message;
  HdrRoute   *route;
  HdrAuth    *auth;
  HdrSender  *sender;
} Fixture;

static void
fixture_parse (Fixture    *fixture,
               const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  GPtrArray *headers;

  fixture->message = hdr_message_new_from_bytes (bytes, "test", &error);
  g_assert_no_error (error);

  headers = hdr_message_get_headers (fixture->message);
  fixture->route = hdr_route_new (headers);
  fixture->auth = hdr_auth_new (headers, fixture->route);
  fixture->sender = hdr_sender_new (fixture->message, fixture->route, fixture->auth);
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_object (&fixture->sender);
  g_clear_object (&fixture->auth);
  g_clear_object (&fixture->route);
  g_clear_object (&fixture->message);
}

static const char *
first_recipient (HdrSender *sender)
{
  GPtrArray *recipients = hdr_sender_get_recipients (sender);

  g_assert_cmpuint (recipients->len, >, 0);

  return g_ptr_array_index (recipients, 0);
}

static HdrReport *
analyze_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  HdrReport *report = hdr_analyze_bytes (bytes, "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static const HdrFinding *
find_finding (HdrReport  *report,
              const char *id)
{
  GPtrArray *findings = hdr_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->id, id))
        return finding;
    }

  return NULL;
}

static void
test_sender_comparable_address (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "Alex@Example.NET", "alex@example.net" },
    { "<alex+news@example.net>", "alex@example.net" },
    { " alex@example.net. ", "alex@example.net" },
    { "kim@bücher.example", "kim@xn--bcher-kva.example" },
    { "kim@XN--BCHER-KVA.example", "kim@xn--bcher-kva.example" },
    { "kim@BÜCHER.example", "kim@xn--bcher-kva.example" },
    { "+tag@example.net", "+tag@example.net" },
    { "no-at-sign.example.net", NULL },
    { "@example.net", NULL },
    { "alex@", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *comparable = hdr_sender_comparable_address (cases[i].input);

      g_assert_cmpstr (comparable, ==, cases[i].expected);
    }
}

static void
test_sender_from_equals_to (void)
{
  Fixture fixture = { 0, };

  fixture_parse (&fixture,
                 "From: Alex <ALEX@example.net>\r\n"
                 "To: alex@example.net\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_cmpint (hdr_sender_get_recipient_source (fixture.sender), ==, HDR_RECIPIENT_TO);
  g_assert_cmpstr (first_recipient (fixture.sender), ==, "alex@example.net");
  g_assert_cmpint (hdr_sender_get_own_address_fields (fixture.sender), ==, HDR_SENDER_FIELD_FROM);
  g_assert_true (hdr_sender_shows_own_address (fixture.sender));

  fixture_clear (&fixture);
}

static void
test_sender_subaddress (void)
{
  Fixture fixture = { 0, };

  fixture_parse (&fixture,
                 "From: alex+alerts@example.net\r\n"
                 "To: Alex <alex+inbox@example.net>\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_true (hdr_sender_shows_own_address (fixture.sender));
  g_assert_cmpstr (hdr_sender_get_from_address (fixture.sender), ==, "alex@example.net");

  fixture_clear (&fixture);
}

static void
test_sender_different_address (void)
{
  Fixture fixture = { 0, };

  fixture_parse (&fixture,
                 "From: sam@example.org\r\n"
                 "To: alex@example.net\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_cmpint (hdr_sender_get_own_address_fields (fixture.sender), ==, HDR_SENDER_FIELD_NONE);
  g_assert_false (hdr_sender_shows_own_address (fixture.sender));

  fixture_clear (&fixture);
}

/* The provider delivered to Delivered-To; the To field names someone
 * else, as in a blind copy. */
static void
test_sender_delivered_to (void)
{
  Fixture fixture = { 0, };

  fixture_parse (&fixture,
                 "Delivered-To: alex@example.net\r\n"
                 PROVIDER_RECEIVED
                 "From: alex@example.net\r\n"
                 "To: sam@example.org\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_cmpint (hdr_sender_get_recipient_source (fixture.sender), ==,
                   HDR_RECIPIENT_DELIVERED_TO);
  g_assert_cmpstr (first_recipient (fixture.sender), ==, "alex@example.net");
  g_assert_true (hdr_sender_shows_own_address (fixture.sender));

  fixture_clear (&fixture);
}

/* A Delivered-To below the provider's Received field came with the
 * message, so the trusted "for" clause names the recipient. */
static void
test_sender_delivered_to_forged (void)
{
  Fixture fixture = { 0, };

  fixture_parse (&fixture,
                 PROVIDER_RECEIVED
                 "Delivered-To: sam@example.org\r\n"
                 "X-Original-To: sam@example.org\r\n"
                 "From: sam@example.org\r\n"
                 "To: sam@example.org\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_cmpint (hdr_sender_get_recipient_source (fixture.sender), ==,
                   HDR_RECIPIENT_RECEIVED_FOR);
  g_assert_cmpstr (first_recipient (fixture.sender), ==, "alex@example.net");
  g_assert_false (hdr_sender_shows_own_address (fixture.sender));

  fixture_clear (&fixture);
}

static void
test_sender_x_original_to (void)
{
  Fixture fixture = { 0, };

  fixture_parse (&fixture,
                 "X-Original-To: robin@example.net\r\n"
                 PROVIDER_RECEIVED
                 "From: robin@example.net\r\n"
                 "To: undisclosed-recipients:;\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_cmpint (hdr_sender_get_recipient_source (fixture.sender), ==,
                   HDR_RECIPIENT_X_ORIGINAL_TO);
  g_assert_cmpstr (first_recipient (fixture.sender), ==, "robin@example.net");
  g_assert_true (hdr_sender_shows_own_address (fixture.sender));

  fixture_clear (&fixture);
}

/* The recipient's domain in Unicode, the From domain in punycode. */
static void
test_sender_idn (void)
{
  Fixture unicode_first = { 0, };
  Fixture punycode_first = { 0, };

  fixture_parse (&unicode_first,
                 "Delivered-To: kim@bücher.example\r\n"
                 PROVIDER_RECEIVED
                 "From: kim@xn--bcher-kva.example\r\n"
                 "To: kim@xn--bcher-kva.example\r\n"
                 "Subject: test\r\n\r\nHello\r\n");
  fixture_parse (&punycode_first,
                 "Delivered-To: kim@xn--bcher-kva.example\r\n"
                 PROVIDER_RECEIVED
                 "From: =?UTF-8?Q?Kim?= <kim@B=C3=BCcher.example>\r\n"
                 "To: kim@xn--bcher-kva.example\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_cmpstr (first_recipient (unicode_first.sender), ==, "kim@xn--bcher-kva.example");
  g_assert_true (hdr_sender_shows_own_address (unicode_first.sender));
  g_assert_cmpstr (first_recipient (punycode_first.sender), ==, "kim@xn--bcher-kva.example");

  fixture_clear (&unicode_first);
  fixture_clear (&punycode_first);
}

/* Raw UTF-8 in the From field (RFC 6532) is compared after conversion. */
static void
test_sender_idn_utf8_from (void)
{
  Fixture fixture = { 0, };

  fixture_parse (&fixture,
                 "Delivered-To: kim@xn--bcher-kva.example\r\n"
                 PROVIDER_RECEIVED
                 "From: Kim <kim@bücher.example>\r\n"
                 "To: kim@bücher.example\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_cmpstr (hdr_sender_get_from_address (fixture.sender), ==, "kim@xn--bcher-kva.example");
  g_assert_true (hdr_sender_shows_own_address (fixture.sender));

  fixture_clear (&fixture);
}

static void
test_sender_display_name_own (void)
{
  Fixture fixture = { 0, };

  fixture_parse (&fixture,
                 "Delivered-To: alex@example.net\r\n"
                 PROVIDER_RECEIVED
                 "From: \"alex@example.net\" <mailer@example.org>\r\n"
                 "To: alex@example.net\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_cmpint (hdr_sender_get_own_address_fields (fixture.sender), ==,
                   HDR_SENDER_FIELD_DISPLAY_NAME);
  g_assert_true (hdr_sender_shows_own_address (fixture.sender));
  g_assert_cmpstr (hdr_sender_get_display_name_address (fixture.sender), ==, "alex@example.net");
  g_assert_cmpstr (hdr_sender_get_from_address (fixture.sender), ==, "mailer@example.org");

  fixture_clear (&fixture);
}

static void
test_sender_display_name_other (void)
{
  Fixture other = { 0, };
  Fixture same = { 0, };

  fixture_parse (&other,
                 "From: \"Bank support (help@bank.example.com)\" <x7@example.org>\r\n"
                 "To: alex@example.net\r\n"
                 "Subject: test\r\n\r\nHello\r\n");
  fixture_parse (&same,
                 "From: \"sam@example.org\" <Sam@Example.org>\r\n"
                 "To: alex@example.net\r\n"
                 "Subject: test\r\n\r\nHello\r\n");

  g_assert_cmpstr (hdr_sender_get_display_name_address (other.sender), ==, "help@bank.example.com");
  g_assert_false (hdr_sender_shows_own_address (other.sender));
  g_assert_null (hdr_sender_get_display_name_address (same.sender));

  fixture_clear (&other);
  fixture_clear (&same);
}

static void
test_sender_reply_to_and_return_path (void)
{
  Fixture fixture = { 0, };
  HdrSenderFields fields;

  fixture_parse (&fixture,
                 "Return-Path: <alex@example.net>\r\n"
                 "Delivered-To: alex@example.net\r\n"
                 PROVIDER_RECEIVED
                 "Sender: alex@example.net\r\n"
                 "From: sam@example.org\r\n"
                 "Reply-To: alex+x@example.net\r\n"
                 "To: alex@example.net\r\n"
                 "Subject: test\r\n\r\nHello\r\n");
  fields = hdr_sender_get_own_address_fields (fixture.sender);

  g_assert_cmpint (fields & HDR_SENDER_FIELD_SENDER, !=, 0);
  g_assert_cmpint (fields & HDR_SENDER_FIELD_REPLY_TO, !=, 0);
  g_assert_cmpint (fields & HDR_SENDER_FIELD_RETURN_PATH, !=, 0);
  g_assert_cmpint (fields & HDR_SENDER_FIELD_FROM, ==, 0);
  g_assert_true (hdr_sender_shows_own_address (fixture.sender));

  fixture_clear (&fixture);
}

static void
test_sender_reply_to_elsewhere (void)
{
  static const struct
  {
    const char *headers;
    const char *expected;
  } cases[] = {
    { "From: shop@example.com\r\nReply-To: claims@example.org\r\n", "claims@example.org" },
    { "From: shop@example.com\r\nReply-To: help@support.example.com\r\n", NULL },
    { "From: shop@example.com\r\nReply-To: Shop <SHOP@example.com>\r\n", NULL },
    { "From: alex@example.net\r\nReply-To: alex.x@example.net\r\n", "alex.x@example.net" },
    { "From: post@example.com\r\nReply-To: team@lists.example.org\r\n"
      "List-Id: Team <team.lists.example.org>\r\n", NULL },
    { "From: shop@example.com\r\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture fixture = { 0, };
      g_autofree char *text = g_strconcat (cases[i].headers,
                                           "To: alex@example.net\r\nSubject: test\r\n\r\nHello\r\n",
                                           NULL);

      fixture_parse (&fixture, text);
      g_assert_cmpstr (hdr_sender_get_reply_to_elsewhere (fixture.sender), ==, cases[i].expected);
      fixture_clear (&fixture);
    }
}

static void
test_sender_message_id (void)
{
  static const struct
  {
    const char *headers;
    const char *domain;
    gboolean    unrelated;
  } cases[] = {
    { "From: a@example.com\r\nMessage-ID: <1.2@mail.example.com>\r\n", "mail.example.com", FALSE },
    { "From: a@example.com\r\nMessage-ID: <1.2@bulk.example.org>\r\n", "bulk.example.org", TRUE },
    { "From: a@hotmail.com\r\nMessage-ID: <1.2@AB1PR01MB0001.eurprd01.prod.outlook.com>\r\n",
      "ab1pr01mb0001.eurprd01.prod.outlook.com", FALSE },
    { "From: a@example.com\r\nMessage-ID: <1.2@localhost>\r\n", "localhost", TRUE },
    { "From: a@example.com\r\nMessage-ID: no-domain\r\n", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture fixture = { 0, };
      g_autofree char *text = g_strconcat (cases[i].headers,
                                           "To: alex@example.net\r\nSubject: test\r\n\r\nHello\r\n",
                                           NULL);

      fixture_parse (&fixture, text);
      g_assert_cmpstr (hdr_sender_get_message_id_domain (fixture.sender), ==, cases[i].domain);
      g_assert_cmpint (hdr_sender_message_id_is_unrelated (fixture.sender), ==, cases[i].unrelated);
      fixture_clear (&fixture);
    }
}

static void
test_sender_mailer (void)
{
  static const struct
  {
    const char    *header;
    HdrMailerKind  kind;
  } cases[] = {
    { "X-Mailer: PHPMailer 6.8.0 (https://github.com/PHPMailer/PHPMailer)", HDR_MAILER_SCRIPT },
    { "User-Agent: CodeIgniter", HDR_MAILER_SCRIPT },
    { "X-Mailer: Microsoft Outlook Express 6.00.2900.2180", HDR_MAILER_DISCONTINUED },
    { "X-Mailer: Microsoft Office Outlook 12.0", HDR_MAILER_DISCONTINUED },
    { "X-Mailer: Microsoft Windows Live Mail 16.4.3505.912", HDR_MAILER_DISCONTINUED },
    { "User-Agent: Mozilla Thunderbird", HDR_MAILER_ORDINARY },
    { "X-Mailer: Apple Mail (2.3445.9.1)", HDR_MAILER_ORDINARY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture fixture = { 0, };
      g_autofree char *text = g_strconcat (cases[i].header, "\r\nFrom: a@example.com\r\n"
                                           "To: alex@example.net\r\nSubject: test\r\n\r\nHello\r\n",
                                           NULL);

      fixture_parse (&fixture, text);
      g_assert_cmpint (hdr_sender_get_mailer_kind (fixture.sender), ==, cases[i].kind);
      fixture_clear (&fixture);
    }
}

/* A trusted dkim=pass of the recipient's own domain is the seal that mail
 * from the account would carry. */
static void
test_sender_provider_signature (void)
{
  Fixture signed_fixture = { 0, };
  Fixture unsigned_fixture = { 0, };

  fixture_parse (&signed_fixture,
                 "Delivered-To: alex@example.net\r\n"
                 "Authentication-Results: mx.example.net; dkim=pass header.d=example.net\r\n"
                 PROVIDER_RECEIVED
                 "From: alex@example.net\r\nTo: alex@example.net\r\nSubject: t\r\n\r\nHi\r\n");
  fixture_parse (&unsigned_fixture,
                 "Delivered-To: alex@example.net\r\n"
                 "Authentication-Results: mx.example.net; dkim=pass header.d=example.org\r\n"
                 PROVIDER_RECEIVED
                 "Authentication-Results: relay.example.net; dkim=pass header.d=example.net\r\n"
                 "From: alex@example.net\r\nTo: alex@example.net\r\nSubject: t\r\n\r\nHi\r\n");

  g_assert_true (hdr_sender_has_provider_signature (signed_fixture.sender));
  g_assert_false (hdr_sender_has_provider_signature (unsigned_fixture.sender));

  fixture_clear (&signed_fixture);
  fixture_clear (&unsigned_fixture);
}

static void
test_report_own_account (void)
{
  g_autoptr(HdrReport) report = NULL;
  const HdrFinding *finding;

  report = analyze_text ("Delivered-To: alex@example.net\r\n"
                         PROVIDER_RECEIVED
                         PROVIDER_RESULTS
                         "From: alex@example.net\r\n"
                         "To: alex@example.net\r\n"
                         "Subject: test\r\n\r\nHello\r\n");
  finding = find_finding (report, "own_account");

  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->category, ==, "own_account_claim");
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_MEDIUM);
  g_assert_cmpstr (finding->title, ==, "This message did not come from your account.");
  g_assert_cmpstr (finding->evidence, ==, "alex@example.net");
  g_assert_nonnull (strstr (finding->explanation, "The From line shows your own address"));
  g_assert_nonnull (strstr (finding->explanation, "203.0.113.9"));
  g_assert_nonnull (strstr (finding->explanation, "SPF failed"));
  g_assert_nonnull (strstr (finding->explanation, "DKIM found no seal"));
  g_assert_nonnull (strstr (finding->explanation, "DMARC failed"));
  g_assert_nonnull (strstr (finding->explanation, "sign-in"));
  g_assert_true (hdr_report_get_claims (report)->from_own_account);
  g_assert_true (hdr_report_get_claims (report)->from_equals_to);
}

/* A sign-in at the provider and the provider's own seal: the account
 * itself may have sent it. */
static void
test_report_own_account_signed_in (void)
{
  g_autoptr(HdrReport) report = NULL;
  const HdrFinding *finding;

  report = analyze_text ("Delivered-To: alex@example.net\r\n"
                         "Authentication-Results: smtp.example.net; dkim=pass header.d=example.net\r\n"
                         "Received: from pc.example.org ([198.51.100.50])\r\n"
                         "\tby smtp.example.net with ESMTPSA id 7B2C9D\r\n"
                         "\tfor <alex@example.net>; Fri, 04 Dec 2026 08:15:40 +0000\r\n"
                         "From: alex@example.net\r\n"
                         "To: alex@example.net\r\n"
                         "Subject: test\r\n\r\nHello\r\n");
  finding = find_finding (report, "own_account");

  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->title, ==, "This message may really have been sent with your account.");
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_HIGH);
  g_assert_nonnull (strstr (finding->explanation, "change your password"));
}

/* A sign-in without the provider's seal of the recipient's domain: some
 * account at the provider sent it, most likely not the recipient's. */
static void
test_report_own_account_other_login (void)
{
  g_autoptr(HdrReport) report = NULL;
  const HdrFinding *finding;

  report = analyze_text ("Delivered-To: alex@example.net\r\n"
                         "Authentication-Results: smtp.example.net; dkim=pass header.d=example.org\r\n"
                         "Received: from pc.example.org ([198.51.100.50])\r\n"
                         "\tby smtp.example.net with ESMTPSA id 7B2C9D\r\n"
                         "\tfor <alex@example.net>; Fri, 04 Dec 2026 08:15:40 +0000\r\n"
                         "From: alex@example.net\r\n"
                         "To: alex@example.net\r\n"
                         "Subject: test\r\n\r\nHello\r\n");
  finding = find_finding (report, "own_account");

  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->title, ==, "Nothing shows that this message came from your account.");
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_MEDIUM);
  g_assert_nonnull (strstr (finding->explanation, "most likely to another account"));
}

/* Delivered-To decides the own-account claim; From-versus-To stays
 * literal. */
static void
test_report_own_account_blind_copy (void)
{
  g_autoptr(HdrReport) report = NULL;

  report = analyze_text ("Delivered-To: alex@example.net\r\n"
                         PROVIDER_RECEIVED
                         "From: alex@example.net\r\n"
                         "To: sam@example.org\r\n"
                         "Subject: test\r\n\r\nHello\r\n");

  g_assert_nonnull (find_finding (report, "own_account"));
  g_assert_true (hdr_report_get_claims (report)->from_own_account);
  g_assert_false (hdr_report_get_claims (report)->from_equals_to);
}

/* A list post whose From equals its To, delivered to a member. */
static void
test_report_list_from_equals_to (void)
{
  g_autoptr(HdrReport) report = NULL;

  report = analyze_text ("Delivered-To: alex@example.net\r\n"
                         PROVIDER_RECEIVED
                         "List-Id: Team <team.lists.example.org>\r\n"
                         "From: team@lists.example.org\r\n"
                         "To: team@lists.example.org\r\n"
                         "Subject: test\r\n\r\nHello\r\n");

  g_assert_true (hdr_report_get_claims (report)->from_equals_to);
  g_assert_false (hdr_report_get_claims (report)->from_own_account);
  g_assert_null (find_finding (report, "own_account"));
}

static void
test_report_no_own_account (void)
{
  g_autoptr(HdrReport) report = NULL;

  report = analyze_text (PROVIDER_RECEIVED
                         "From: sam@example.org\r\n"
                         "To: alex@example.net\r\n"
                         "Subject: test\r\n\r\nHello\r\n");

  g_assert_null (find_finding (report, "own_account"));
  g_assert_false (hdr_report_get_claims (report)->from_own_account);
}

/* The sender hints are findings, never a verdict on their own. */
static void
test_report_hints_no_verdict (void)
{
  g_autoptr(HdrReport) report = NULL;
  const HdrFinding *finding;

  report = analyze_text (PROVIDER_RECEIVED
                         "From: \"help@bank.example.com\" <shop@example.com>\r\n"
                         "Reply-To: claims@example.org\r\n"
                         "To: alex@example.net\r\n"
                         "Message-ID: <1.2@bulk.example.org>\r\n"
                         "X-Mailer: PHPMailer 6.8.0\r\n"
                         "Subject: Your order\r\n\r\nThank you for your order.\r\n");

  g_assert_cmpint (hdr_report_get_verdict (report), ==, HDR_VERDICT_NONE);

  finding = find_finding (report, "sender.reply_to");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_INFO);
  g_assert_cmpstr (finding->evidence, ==, "claims@example.org");

  finding = find_finding (report, "sender.message_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_INFO);

  finding = find_finding (report, "sender.mailer");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_INFO);

  finding = find_finding (report, "sender.display_name");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_MEDIUM);
}

/* How the report words each result of each method. */
static void
test_report_result_words (void)
{
  static const struct
  {
    const char *result;
    const char *spf;
    const char *dkim;
    const char *dmarc;
  } cases[] = {
    { "pass", "SPF passed.", "DKIM passed.", "DMARC passed." },
    { "fail", "SPF failed.", "DKIM failed.", "DMARC failed." },
    { "softfail", "SPF weakly failed.", "DKIM gave the result “softfail”.",
      "DMARC gave the result “softfail”." },
    { "neutral", "SPF gave no answer.", "DKIM gave the result “neutral”.",
      "DMARC gave the result “neutral”." },
    { "none", "SPF was not set up.", "DKIM found no seal.", "DMARC was not set up." },
    { "temperror", "SPF could not be checked", "DKIM could not be checked.",
      "DMARC could not be checked" },
    { "permerror", "SPF could not be checked", "DKIM could not be checked.",
      "DMARC could not be checked" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdrReport) report = NULL;
      g_autofree char *text = NULL;
      const HdrFinding *finding;

      text = g_strdup_printf ("Authentication-Results: mx.example.net; spf=%s"
                              " smtp.mailfrom=sam@example.org; dkim=%s header.d=example.org;"
                              " dmarc=%s header.from=example.org\r\n"
                              PROVIDER_RECEIVED
                              "From: sam@example.org\r\nTo: alex@example.net\r\n"
                              "Subject: test\r\n\r\nHello\r\n",
                              cases[i].result, cases[i].result, cases[i].result);
      report = analyze_text (text);
      finding = find_finding (report, "authentication.summary");

      g_assert_nonnull (finding);
      g_assert_nonnull (strstr (finding->explanation, cases[i].spf));
      g_assert_nonnull (strstr (finding->explanation, cases[i].dkim));
      g_assert_nonnull (strstr (finding->explanation, cases[i].dmarc));
      g_assert_cmpint (finding->severity, ==,
                       g_str_equal (cases[i].result, "pass") ? HDR_SEVERITY_INFO
                                                             : HDR_SEVERITY_MEDIUM);
    }
}

/* Microsoft's "bestguesspass": no DMARC record, but SPF or DKIM fits. */
static void
test_report_bestguesspass (void)
{
  g_autoptr(HdrReport) report = NULL;
  const HdrFinding *finding;

  report = analyze_text ("Authentication-Results: mx.example.net; spf=pass"
                         " smtp.mailfrom=sam@example.org; dkim=pass header.d=example.org;"
                         " dmarc=bestguesspass header.from=example.org\r\n"
                         PROVIDER_RECEIVED
                         "From: sam@example.org\r\nTo: alex@example.net\r\n"
                         "Subject: test\r\n\r\nHello\r\n");
  finding = find_finding (report, "authentication.summary");

  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->title, ==, "Your provider checked the sender: SPF passed, DKIM passed, "
                   "DMARC passed a weaker test.");
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_INFO);
  g_assert_nonnull (strstr (finding->explanation, "DMARC passed a weaker test."));
}

static void
test_report_filter_findings (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "fixtures", "auth",
                                            "microsoft-family.eml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(HdrReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const HdrFinding *finding;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  report = analyze_text (contents);

  finding = find_finding (report, "provider.filter");
  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->title, ==, "Microsoft’s filter rated this message as phishing (CAT:PHSH).");
  g_assert_cmpstr (finding->evidence, ==, "SCL:9 CAT:PHSH SFV:SPM BCL:6 CTRY:NL");
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_MEDIUM);
  g_assert_nonnull (strstr (finding->explanation, "code NL"));

  g_assert_nonnull (find_finding (report, "provider.bulk"));
  g_assert_nonnull (find_finding (report, "provider.sign_in"));
  g_assert_nonnull (find_finding (report, "provider.junk"));

  finding = find_finding (report, "own_account");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, HDR_SEVERITY_HIGH);
  g_assert_nonnull (strstr (finding->explanation, "AuthAs: Anonymous"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sender/comparable-address", test_sender_comparable_address);
  g_test_add_func ("/sender/from-equals-to", test_sender_from_equals_to);
  g_test_add_func ("/sender/subaddress", test_sender_subaddress);
  g_test_add_func ("/sender/different-address", test_sender_different_address);
  g_test_add_func ("/sender/delivered-to", test_sender_delivered_to);
  g_test_add_func ("/sender/delivered-to-forged", test_sender_delivered_to_forged);
  g_test_add_func ("/sender/x-original-to", test_sender_x_original_to);
  g_test_add_func ("/sender/idn", test_sender_idn);
  g_test_add_func ("/sender/idn-utf8-from", test_sender_idn_utf8_from);
  g_test_add_func ("/sender/display-name-own", test_sender_display_name_own);
  g_test_add_func ("/sender/display-name-other", test_sender_display_name_other);
  g_test_add_func ("/sender/reply-to-and-return-path", test_sender_reply_to_and_return_path);
  g_test_add_func ("/sender/reply-to-elsewhere", test_sender_reply_to_elsewhere);
  g_test_add_func ("/sender/message-id", test_sender_message_id);
  g_test_add_func ("/sender/mailer", test_sender_mailer);
  g_test_add_func ("/sender/provider-signature", test_sender_provider_signature);
  g_test_add_func ("/report/own-account", test_report_own_account);
  g_test_add_func ("/report/own-account-blind-copy", test_report_own_account_blind_copy);
  g_test_add_func ("/report/own-account-signed-in", test_report_own_account_signed_in);
  g_test_add_func ("/report/own-account-other-login", test_report_own_account_other_login);
  g_test_add_func ("/report/list-from-equals-to", test_report_list_from_equals_to);
  g_test_add_func ("/report/no-own-account", test_report_no_own_account);
  g_test_add_func ("/report/hints-no-verdict", test_report_hints_no_verdict);
  g_test_add_func ("/report/result-words", test_report_result_words);
  g_test_add_func ("/report/bestguesspass", test_report_bestguesspass);
  g_test_add_func ("/report/filter-findings", test_report_filter_findings);

  return g_test_run ();
}
