/* test-received.c: Received header shapes, their dates and IP literals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every shape is made up (RFC 2606 names, RFC 5737 and RFC 3849 addresses)
 * but keeps the form the named software writes.  Each row states every
 * field: NULL means the field must be absent.
 */

#include <glib.h>

#include "hdr-received.h"
#include "hdr-received-private.h"

typedef struct
{
  const char  *name;
  const char  *value;
  const char  *helo;
  const char  *rdns;
  const char  *ip;
  const char  *zone;
  const char  *by;
  const char  *via;
  const char  *with;
  const char  *id;
  const char  *for_list;   /* addresses joined with "," */
  const char  *date;       /* UTC, "%Y-%m-%dT%H:%M:%SZ" */
  HdrHopFlags  flags;      /* exactly the flags the hop must carry */
  gboolean     error;      /* parse_error set */
} Shape;

static const Shape shapes[] = {
  /* 1. Go program (SendGrid's filter): ISO date, fraction, "+0000 UTC", monotonic clock. */
  { "go-iso-date",
    "by filter-p3mdw1-75b7dd6f7b-x4k2m with SMTP id filter-p3mdw1-75b7dd6f7b-x4k2m-1-5FBEA1B2-1F "
    "2020-11-25 18:40:11.452917838 +0000 UTC m=+2345.678901234",
    NULL, NULL, NULL, NULL, "filter-p3mdw1-75b7dd6f7b-x4k2m", NULL, "SMTP",
    "filter-p3mdw1-75b7dd6f7b-x4k2m-1-5FBEA1B2-1F", NULL, "2020-11-25T18:40:11Z", 0, FALSE },

  /* 2. Postfix with a comment after the date. */
  { "postfix-envelope-from-after-date",
    "from mail.example.net (mail.example.net [198.51.100.20]) by mx.example.org with ESMTPS id 4AbC; "
    "Tue, 25 Feb 2020 10:11:12 +0100 (envelope-from <bounce@example.net>)",
    "mail.example.net", "mail.example.net", "198.51.100.20", NULL, "mx.example.org", NULL, "ESMTPS",
    "4AbC", NULL, "2020-02-25T09:11:12Z", 0, FALSE },

  /* 3. A date and nothing else. */
  { "date-only",
    "Tue, 25 Feb 2020 10:11:12 +0100",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "2020-02-25T09:11:12Z", 0, FALSE },

  /* 4. No ";" and no date. */
  { "no-semicolon-no-date",
    "from User (host.example.com [198.51.100.7]) by mail.example.org",
    "User", "host.example.com", "198.51.100.7", NULL, "mail.example.org", NULL, NULL, NULL, NULL,
    NULL, 0, FALSE },

  /* 5. Exchange Online mailbox hop: bare IPv6 in parentheses, HTTPS, no date. */
  { "exchange-bare-ipv6-https",
    "from AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208:ab::12) by "
    "AM0PR01MB5678.eurprd01.prod.exchangelabs.com with HTTPS",
    "AM0PR01MB1234.eurprd01.prod.exchangelabs.com", NULL, "2603:10a6:208:ab::12", NULL,
    "AM0PR01MB5678.eurprd01.prod.exchangelabs.com", NULL, "HTTPS", NULL, NULL, NULL, 0, FALSE },

  /* 6. Exim without rDNS: the IP is the host, helo= is only a claim. */
  { "exim-literal-helo",
    "from [203.0.113.50] (helo=[10.1.1.1]) by mx.example.org with esmtp (Exim 4.92) "
    "(envelope-from <a@example.com>) id 1jAbCd-0003Xy-Ab for b@example.org; Wed, 26 Feb 2020 08:00:00 +0000",
    "[10.1.1.1]", NULL, "203.0.113.50", NULL, "mx.example.org", NULL, "esmtp", "1jAbCd-0003Xy-Ab",
    "b@example.org", "2020-02-26T08:00:00Z", 0, FALSE },

  /* 7. Exchange: "id 15.1.225.42" is the server version used as id, never an IP. */
  { "exchange-version-id",
    "from mail.example.net (198.51.100.44) by EX01.corp.example.org (192.0.2.11) with Microsoft SMTP "
    "Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.1.225.42; "
    "Thu, 27 Feb 2020 10:00:00 +0000",
    "mail.example.net", NULL, "198.51.100.44", NULL, "EX01.corp.example.org", NULL,
    "Microsoft SMTP Server", "15.1.225.42", NULL, "2020-02-27T10:00:00Z", 0, FALSE },

  /* 8. Gmail internal hop: no "from", the "by" host is an IPv6 address, the id looks dotted. */
  { "gmail-internal-2002",
    "by 2002:a17:90a:1234:0:0:0:0 with SMTP id x12sm1234567pjq.12.2020.02.25.10.11.12; "
    "Tue, 25 Feb 2020 10:11:12 -0800 (PST)",
    NULL, NULL, NULL, NULL, "2002:a17:90a:1234:0:0:0:0", NULL, "SMTP",
    "x12sm1234567pjq.12.2020.02.25.10.11.12", NULL, "2020-02-25T18:11:12Z", 0, FALSE },

  /* 9. Outlook: link-local with a zone and a doubled closing bracket. */
  { "outlook-link-local-zone",
    "from MW2PR01MB0001.namprd01.prod.outlook.com ([fe80::1c2d:3e4f:5a6b:7c8d%9]]) by "
    "MW2PR01MB0001.namprd01.prod.outlook.com ([fe80::1c2d:3e4f:5a6b:7c8d%9]) with mapi id "
    "15.20.2772.019; Tue, 25 Feb 2020 10:11:12 +0000",
    "MW2PR01MB0001.namprd01.prod.outlook.com", NULL, "fe80::1c2d:3e4f:5a6b:7c8d", "9",
    "MW2PR01MB0001.namprd01.prod.outlook.com", NULL, "mapi", "15.20.2772.019", NULL,
    "2020-02-25T10:11:12Z", HDR_HOP_FLAG_LINK_LOCAL | HDR_HOP_FLAG_AUTHENTICATED, FALSE },

  /* 10. Gmail submission: the HELO is an IPv4-mapped literal, the IP is the bracketed one. */
  { "gmail-esmtpsa-mapped-helo",
    "from ?IPv6:::ffff:192.168.0.23? (host-203-0-113-9.example.net. [203.0.113.9]) by smtp.gmail.com "
    "with ESMTPSA id a1sm123.55.2019.01.10 (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128); "
    "Thu, 10 Jan 2019 01:02:03 -0800 (PST)",
    "?IPv6:::ffff:192.168.0.23?", "host-203-0-113-9.example.net", "203.0.113.9", NULL,
    "smtp.gmail.com", NULL, "ESMTPSA", "a1sm123.55.2019.01.10", NULL, "2019-01-10T09:02:03Z",
    HDR_HOP_FLAG_AUTHENTICATED, FALSE },

  /* qmail from the network: "unknown" rDNS, HELO in parentheses, bare IP. */
  { "qmail-unknown-helo",
    "from unknown (HELO relay.example.net) (198.51.100.61) by mail.example.org with SMTP; "
    "25 Feb 2020 10:11:12 -0000",
    "relay.example.net", NULL, "198.51.100.61", NULL, "mail.example.org", NULL, "SMTP", NULL, NULL,
    "2020-02-25T10:11:12Z", 0, FALSE },

  /* qmail with a verified rDNS name before the HELO. */
  { "qmail-rdns-helo",
    "from out.example.net (HELO outgoing.example.net) (198.51.100.62) by mail.example.org with SMTP; "
    "25 Feb 2020 10:11:12 -0000",
    "outgoing.example.net", "out.example.net", "198.51.100.62", NULL, "mail.example.org", NULL, "SMTP",
    NULL, NULL, "2020-02-25T10:11:12Z", 0, FALSE },

  /* qmail copies the HELO text as sent: an address inside it is the
   * client's invention, the writer's is the one in its own comment. */
  { "qmail-helo-with-brackets",
    "from unknown (HELO relay.example.net [192.0.2.99]) (203.0.113.5) by mail.example.org with SMTP; "
    "25 Feb 2020 10:11:12 -0000",
    "relay.example.net", NULL, "203.0.113.5", NULL, "mail.example.org", NULL, "SMTP", NULL, NULL,
    "2020-02-25T10:11:12Z", 0, FALSE },

  /* qmail with a login: the identd or AUTH name comes before the "@". */
  { "qmail-login",
    "from unknown (HELO localhost) (carl 192.0.2.98@203.0.113.6 with login) by smtp.example.org with "
    "SMTP; 25 Feb 2020 10:11:12 -0000",
    "localhost", NULL, "203.0.113.6", NULL, "smtp.example.org", NULL, "SMTP", NULL, NULL,
    "2020-02-25T10:11:12Z", HDR_HOP_FLAG_AUTHENTICATED, FALSE },

  /* qmail local injection. */
  { "qmail-invoked-by-uid",
    "(qmail 12345 invoked by uid 89); 25 Feb 2020 10:11:12 -0000",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "2020-02-25T10:11:12Z",
    HDR_HOP_FLAG_LOCAL_SUBMISSION, FALSE },

  /* Postfix from the network, no reverse DNS. */
  { "postfix-unknown-rdns",
    "from helo.example.net (unknown [198.51.100.63]) by mx.example.org (Postfix) with ESMTP id 3F2A1C0; "
    "Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    "helo.example.net", NULL, "198.51.100.63", NULL, "mx.example.org", NULL, "ESMTP", "3F2A1C0", NULL,
    "2020-02-25T10:11:12Z", 0, FALSE },

  /* Postfix with TLS comments and an authenticated sender. */
  { "postfix-authenticated-sender",
    "from [192.168.1.20] (dsl-203-0-113-99.example.net [203.0.113.99]) (using TLSv1.3 with cipher "
    "TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested) (Authenticated sender: bob) "
    "by smtp.example.org (Postfix) with ESMTPSA id 9C1D2E3F for <carol@example.com>; "
    "Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    "[192.168.1.20]", "dsl-203-0-113-99.example.net", "203.0.113.99", NULL, "smtp.example.org", NULL,
    "ESMTPSA", "9C1D2E3F", "carol@example.com", "2020-02-25T10:11:12Z", HDR_HOP_FLAG_AUTHENTICATED,
    FALSE },

  /* Sendmail whose rDNS name did not resolve back. */
  { "sendmail-may-be-forged",
    "from relay.example.net (host-198-51-100-64.example.com [198.51.100.64] (may be forged)) by "
    "mail.example.org (8.17.1/8.17.1) with ESMTPS id 01PAB1xy012345 (version=TLSv1.3 "
    "cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NO) for <dave@example.org>; Tue, 25 Feb 2020 10:11:12 GMT",
    "relay.example.net", "host-198-51-100-64.example.com", "198.51.100.64", NULL, "mail.example.org", NULL,
    "ESMTPS", "01PAB1xy012345", "dave@example.org", "2020-02-25T10:11:12Z",
    HDR_HOP_FLAG_MAY_BE_FORGED | HDR_HOP_FLAG_OBSOLETE_ZONE, FALSE },

  /* Sendmail local submission. */
  { "sendmail-submit",
    "(from www-data@localhost) by web.example.org (8.15.2/8.15.2/Submit) id 01PAB2cd004321; "
    "Tue, 25 Feb 2020 10:11:12 +0000",
    NULL, NULL, NULL, NULL, "web.example.org", NULL, NULL, "01PAB2cd004321", NULL,
    "2020-02-25T10:11:12Z", HDR_HOP_FLAG_LOCAL_SUBMISSION, FALSE },

  /* Exim with rDNS and a different HELO; the port after the bracket. */
  { "exim-rdns-helo-port",
    "from host-203-0-113-14.dsl.example.net ([203.0.113.14]:53544 helo=relay.example.org) by "
    "mx.example.org with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) "
    "(envelope-from <eve@example.net>) id 1jAbCe-0004Zz-Qq for frank@example.org; "
    "Wed, 26 Feb 2020 08:00:00 +0000",
    "relay.example.org", "host-203-0-113-14.dsl.example.net", "203.0.113.14", NULL, "mx.example.org",
    NULL, "esmtps", "1jAbCe-0004Zz-Qq", "frank@example.org", "2020-02-26T08:00:00Z", 0, FALSE },

  /* Exim whose rDNS name equals the HELO (helo= left out). */
  { "exim-rdns-equals-helo",
    "from mail.example.net ([198.51.100.65]) by mx.example.org with esmtp (Exim 4.96) "
    "id 1jAbCf-0005Aa-Rr; Wed, 26 Feb 2020 08:00:00 +0000",
    "mail.example.net", "mail.example.net", "198.51.100.65", NULL, "mx.example.org", NULL, "esmtp",
    "1jAbCf-0005Aa-Rr", NULL, "2020-02-26T08:00:00Z", 0, FALSE },

  /* Exim local delivery by a user. */
  { "exim-local",
    "from alice by shell.example.org with local (Exim 4.96) (envelope-from <alice@example.org>) "
    "id 1jAbCg-0006Bb-Ss; Wed, 26 Feb 2020 08:00:00 +0000",
    "alice", NULL, NULL, NULL, "shell.example.org", NULL, "local", "1jAbCg-0006Bb-Ss", NULL,
    "2020-02-26T08:00:00Z", HDR_HOP_FLAG_LOCAL_SUBMISSION, FALSE },

  /* Office 365 frontend: HELO and bare IPv4, "via Frontend Transport". */
  { "office365-frontend",
    "from mail.example.net (198.51.100.66) by AB1EUR01FT001.mail.protection.outlook.com (10.152.1.1) "
    "with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) "
    "id 15.20.7000.12 via Frontend Transport; Tue, 25 Feb 2020 10:11:12 +0000",
    "mail.example.net", NULL, "198.51.100.66", NULL, "AB1EUR01FT001.mail.protection.outlook.com",
    "Frontend Transport", "Microsoft SMTP Server", "15.20.7000.12", NULL, "2020-02-25T10:11:12Z", 0,
    FALSE },

  /* Exchange Online mailbox delivery from itself. */
  { "office365-loopback-https",
    "from AB1PR01MB0001.eurprd01.prod.outlook.com (::1) by CD2PR01MB0002.eurprd01.prod.outlook.com "
    "with HTTPS; Tue, 25 Feb 2020 10:11:13 +0000",
    "AB1PR01MB0001.eurprd01.prod.outlook.com", NULL, "::1", NULL,
    "CD2PR01MB0002.eurprd01.prod.outlook.com", NULL, "HTTPS", NULL, NULL, "2020-02-25T10:11:13Z",
    HDR_HOP_FLAG_LOOPBACK, FALSE },

  /* Gmail inbound from another server. */
  { "gmail-inbound",
    "from mail.example.net (mail.example.net. [198.51.100.67]) by mx.google.com with ESMTPS id "
    "a1si1234567wrx.100.2020.02.25.10.11.12 for <grace@gmail.com> (version=TLS1_3 "
    "cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 25 Feb 2020 10:11:12 -0800 (PST)",
    "mail.example.net", "mail.example.net", "198.51.100.67", NULL, "mx.google.com", NULL, "ESMTPS",
    "a1si1234567wrx.100.2020.02.25.10.11.12", "grace@gmail.com", "2020-02-25T18:11:12Z", 0, FALSE },

  /* Gmail webmail: the message was written over HTTP. */
  { "gmail-http",
    "by 2002:a05:6402:1234:b0:44:5678:9abc with HTTP; Tue, 25 Feb 2020 10:11:12 -0800 (PST)",
    NULL, NULL, NULL, NULL, "2002:a05:6402:1234:b0:44:5678:9abc", NULL, "HTTP", NULL, NULL,
    "2020-02-25T18:11:12Z", 0, FALSE },

  /* Yahoo's bullet servers. */
  { "yahoo-nnfmp",
    "from [198.51.100.68] by nm1.bullet.mail.example.yahoo.com with NNFMP; 25 Feb 2020 10:11:12 -0000",
    "[198.51.100.68]", NULL, "198.51.100.68", NULL, "nm1.bullet.mail.example.yahoo.com", NULL, "NNFMP",
    NULL, NULL, "2020-02-25T10:11:12Z", 0, FALSE },

  /* Zoho with a private client address. */
  { "zoho-smtps",
    "from [10.47.1.2] (10.47.1.2 [10.47.1.2]) by mx.zohomail.com with SMTPS id "
    "1582625472000123.4567890123456; Tue, 25 Feb 2020 02:11:12 -0800 (PST)",
    "[10.47.1.2]", NULL, "10.47.1.2", NULL, "mx.zohomail.com", NULL, "SMTPS",
    "1582625472000123.4567890123456", NULL, "2020-02-25T10:11:12Z", HDR_HOP_FLAG_PRIVATE_IP, FALSE },

  /* Proton's inbound Postfix. */
  { "proton-inbound",
    "from mail.example.net (mail.example.net [198.51.100.69]) (using TLSv1.2 with cipher "
    "ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) (No client certificate requested) by "
    "mailin001.protonmail.ch (Postfix) with ESMTPS id 48RkXy1z2Bz9vNPN for <heidi@proton.me>; "
    "Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    "mail.example.net", "mail.example.net", "198.51.100.69", NULL, "mailin001.protonmail.ch", NULL,
    "ESMTPS", "48RkXy1z2Bz9vNPN", "heidi@proton.me", "2020-02-25T10:11:12Z", 0, FALSE },

  /* Fastmail's internal proxy hop, no id, no "with". */
  { "fastmail-meproxy",
    "from compute1.internal ([10.202.2.41]) by frontend1.internal (MEProxy); "
    "Tue, 25 Feb 2020 05:11:12 -0500",
    "compute1.internal", NULL, "10.202.2.41", NULL, "frontend1.internal", NULL, NULL, NULL, NULL,
    "2020-02-25T10:11:12Z", HDR_HOP_FLAG_PRIVATE_IP, FALSE },

  /* Mail.ru with an Exim-like lower-case protocol and a port. */
  { "mailru-esmtpa",
    "from [198.51.100.70] (port=61234 helo=[192.168.0.101]) by smtp41.i.mail.ru with esmtpa "
    "(envelope-from <ivan@mail.ru>) id 1j6abc-0001Ab-CD; Tue, 25 Feb 2020 13:11:12 +0300",
    "[192.168.0.101]", NULL, "198.51.100.70", NULL, "smtp41.i.mail.ru", NULL, "esmtpa",
    "1j6abc-0001Ab-CD", NULL, "2020-02-25T10:11:12Z", HDR_HOP_FLAG_AUTHENTICATED, FALSE },

  /* Yandex relay over IPv6. */
  { "yandex-ipv6",
    "from mail-nwsmtp-smtp-production-main-1.example.yp-c.yandex.net "
    "(mail-nwsmtp-smtp-production-main-1.example.yp-c.yandex.net [IPv6:2001:db8:c0f:170e:0:640:d60c:0]) "
    "by forward100a.mail.yandex.net (Yandex) with ESMTP id 8C73E66133; Tue, 25 Feb 2020 13:11:12 +0300 (MSK)",
    "mail-nwsmtp-smtp-production-main-1.example.yp-c.yandex.net",
    "mail-nwsmtp-smtp-production-main-1.example.yp-c.yandex.net", "2001:db8:c0f:170e:0:640:d60c:0", NULL,
    "forward100a.mail.yandex.net", NULL, "ESMTP", "8C73E66133", NULL, "2020-02-25T10:11:12Z", 0, FALSE },

  /* SendGrid's HTTP API hop: no ";" before the date, a fraction in an RFC 5322 date. */
  { "sendgrid-no-semicolon",
    "from MTIzNDU2Nw (unknown) by geopod-ismtpd-3 (SG) with HTTP id aBcDeFgHiJkLmNoPqRsTuV "
    "Tue, 25 Feb 2020 10:11:12.988 +0000 (UTC)",
    "MTIzNDU2Nw", NULL, NULL, NULL, "geopod-ismtpd-3", NULL, "HTTP", "aBcDeFgHiJkLmNoPqRsTuV", NULL,
    "2020-02-25T10:11:12Z", 0, FALSE },

  /* Amazon SES relay into Sendmail. */
  { "amazon-ses",
    "from a8-30.smtp-out.amazonses.com (a8-30.smtp-out.amazonses.com [54.240.8.30]) by mx.example.org "
    "(8.16.1/8.16.1) with ESMTPS id 01PAB3ef005432 (version=TLSv1.3 cipher=TLS_AES_128_GCM_SHA256 "
    "bits=128 verify=NO) for <judy@example.org>; Tue, 25 Feb 2020 04:11:12 -0600",
    "a8-30.smtp-out.amazonses.com", "a8-30.smtp-out.amazonses.com", "54.240.8.30", NULL, "mx.example.org",
    NULL, "ESMTPS", "01PAB3ef005432", "judy@example.org", "2020-02-25T10:11:12Z", 0, FALSE },

  /* Mailgun relay into Postfix. */
  { "mailgun",
    "from m1.example.mailgun.net (m1.example.mailgun.net [198.51.100.71]) by mx.example.org (Postfix) "
    "with ESMTPS id 5B6C7D8E for <kim@example.org>; Tue, 25 Feb 2020 10:11:12 +0000",
    "m1.example.mailgun.net", "m1.example.mailgun.net", "198.51.100.71", NULL, "mx.example.org", NULL,
    "ESMTPS", "5B6C7D8E", "kim@example.org", "2020-02-25T10:11:12Z", 0, FALSE },

  /* A content filter on the same machine. */
  { "from-localhost",
    "from localhost (localhost [127.0.0.1]) by mx.example.org (Postfix) with ESMTP id 1A2B3C; "
    "Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    "localhost", "localhost", "127.0.0.1", NULL, "mx.example.org", NULL, "ESMTP", "1A2B3C", NULL,
    "2020-02-25T10:11:12Z", HDR_HOP_FLAG_LOOPBACK, FALSE },

  /* "from localhost" with no address at all. */
  { "from-localhost-no-ip",
    "from localhost by mx.example.org with LMTP id xYz; Tue, 25 Feb 2020 10:11:12 +0000",
    "localhost", NULL, NULL, NULL, "mx.example.org", NULL, "LMTP", "xYz", NULL, "2020-02-25T10:11:12Z",
    HDR_HOP_FLAG_LOOPBACK, FALSE },

  /* Courier writes IPv4 clients as IPv4-mapped IPv6. */
  { "ipv4-mapped",
    "from client.example.net (client.example.net [::ffff:198.51.100.72]) by mail.example.org with "
    "ESMTP; Tue, 25 Feb 2020 10:11:12 +0000",
    "client.example.net", "client.example.net", "198.51.100.72", NULL, "mail.example.org", NULL, "ESMTP",
    NULL, NULL, "2020-02-25T10:11:12Z", HDR_HOP_FLAG_IPV4_MAPPED, FALSE },

  /* Postfix over IPv6, upper case in the literal. */
  { "ipv6-literal",
    "from mail.example.net (mail.example.net [IPv6:2001:DB8:0:0:0:0:0:25]) by mx.example.org (Postfix) "
    "with ESMTPS id 6C7D8E9F; Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    "mail.example.net", "mail.example.net", "2001:db8::25", NULL, "mx.example.org", NULL, "ESMTPS",
    "6C7D8E9F", NULL, "2020-02-25T10:11:12Z", 0, FALSE },

  /* ZMailer (vger): port after the bracket, quoted "EHLO name", rhost flags. */
  { "zmailer-ehlo-quoted",
    "from relay.example.net ([198.51.100.73]:41566 \"EHLO relay.example.net\" rhost-flags-OK-OK-OK-OK) "
    "by lists.example.org with ESMTP id S1731987AbfJPOfR (ORCPT <rfc822;list@example.org>); "
    "Wed, 16 Oct 2019 10:35:17 -0400",
    "relay.example.net", "relay.example.net", "198.51.100.73", NULL, "lists.example.org", NULL, "ESMTP",
    "S1731987AbfJPOfR", NULL, "2019-10-16T14:35:17Z", 0, FALSE },

  /* IronPort: HELO literal and a bracketed IP in its own comment. */
  { "ironport-helo",
    "from pc1.corp.example.com (HELO [10.249.1.2]) ([10.249.1.2]) by smtp-auth.example.com with "
    "ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384; 07 Jul 2022 20:29:51 -0700",
    "[10.249.1.2]", "pc1.corp.example.com", "10.249.1.2", NULL, "smtp-auth.example.com", NULL,
    "ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384", NULL, NULL, "2022-07-08T03:29:51Z", HDR_HOP_FLAG_PRIVATE_IP,
    FALSE },

  /* Postfix behind an "(unknown [ip])" with the HELO literal of the same address. */
  { "unknown-bracket",
    "from [203.0.113.77] (unknown [203.0.113.77]) by mail.example.org (Postfix) with ESMTPSA id 7D8E9F0A; "
    "Mon, 20 Feb 2023 17:25:23 +0300 (EAT)",
    "[203.0.113.77]", NULL, "203.0.113.77", NULL, "mail.example.org", NULL, "ESMTPSA", "7D8E9F0A", NULL,
    "2023-02-20T14:25:23Z", HDR_HOP_FLAG_AUTHENTICATED, FALSE },

  /* "via" with a list expander, and a "by" comment. */
  { "via-listexpand",
    "(majordomo@lists.example.org) by lists.example.org via listexpand id S2392435AbfJPOfS "
    "(ORCPT <rfc822;member@example.com>); Wed, 16 Oct 2019 10:35:18 -0400",
    NULL, NULL, NULL, NULL, "lists.example.org", "listexpand", NULL, "S2392435AbfJPOfS", NULL,
    "2019-10-16T14:35:18Z", 0, FALSE },

  /* Several "for" addresses. */
  { "several-for",
    "from mail.example.net (mail.example.net [198.51.100.74]) by mx.example.org (Postfix) with ESMTP "
    "id 8E9F0A1B for <a@example.org>, <b@example.org>, c@example.org; Tue, 25 Feb 2020 10:11:12 +0000",
    "mail.example.net", "mail.example.net", "198.51.100.74", NULL, "mx.example.org", NULL, "ESMTP",
    "8E9F0A1B", "a@example.org,b@example.org,c@example.org", "2020-02-25T10:11:12Z", 0, FALSE },

  /* Folded value as it comes out of a message (tabs and newlines). */
  { "folded",
    "from mail.example.net (mail.example.net [198.51.100.75])\r\n\tby mx.example.org (Postfix) with ESMTP "
    "id 9F0A1B2C\r\n\tfor <liz@example.org>; Tue, 25 Feb 2020\r\n 10:11:12 +0000 (UTC)",
    "mail.example.net", "mail.example.net", "198.51.100.75", NULL, "mx.example.org", NULL, "ESMTP",
    "9F0A1B2C", "liz@example.org", "2020-02-25T10:11:12Z", 0, FALSE },

  /* An RFC 2047 encoded-word where a name should be: kept as written. */
  { "encoded-word",
    "from =?utf-8?q?caf=C3=A9?= (host.example.net [198.51.100.76]) by mx.example.org (Postfix) with ESMTP "
    "id 0A1B2C3D; Tue, 25 Feb 2020 10:11:12 +0000",
    "=?utf-8?q?caf=C3=A9?=", "host.example.net", "198.51.100.76", NULL, "mx.example.org", NULL, "ESMTP",
    "0A1B2C3D", NULL, "2020-02-25T10:11:12Z", 0, FALSE },

  /* An unclosed comment must not swallow the clauses and the date. */
  { "unclosed-comment",
    "from relay.example.net (by relay.example.net (8.12.10/8.12.11) with ESMTP id m8MKKPTs022429 "
    "for <mike@example.org>; Mon, 22 Sep 2008 20:20:25 GMT",
    "relay.example.net", NULL, NULL, NULL, "relay.example.net", NULL, "ESMTP", "m8MKKPTs022429",
    "mike@example.org", "2008-09-22T20:20:25Z", HDR_HOP_FLAG_OBSOLETE_ZONE, FALSE },

  /* Webmail (SquirrelMail) over HTTP with an authenticated user. */
  { "webmail-http-authenticated",
    "from 203.0.113.98 (SquirrelMail authenticated user nina) by webmail.example.org with HTTP; "
    "Thu, 6 Dec 2001 09:21:06 -0000 (GMT)",
    "203.0.113.98", NULL, "203.0.113.98", NULL, "webmail.example.org", NULL, "HTTP", NULL, NULL,
    "2001-12-06T09:21:06Z", HDR_HOP_FLAG_AUTHENTICATED, FALSE },

  /* Text that is no Received field at all. */
  { "garbage",
    "this is not a received header at all !!",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, TRUE },

  /* An empty value. */
  { "empty",
    "",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, TRUE },

  /* Only white space. */
  { "blank",
    " \t\r\n ",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, TRUE },
};

/* Dates: RFC 5322 section 4.3 obsolete forms and the other shapes seen in
 * the wild, each after "by mx.example.org with ESMTP id x;". */
typedef struct
{
  const char  *name;
  const char  *text;
  const char  *expected;   /* NULL: unreadable */
  HdrHopFlags  flags;
} DateShape;

static const DateShape dates[] = {
  { "rfc5322", "Tue, 25 Feb 2020 10:11:12 +0100", "2020-02-25T09:11:12Z", 0 },
  { "no-day-name", "25 Feb 2020 10:11:12 -0000", "2020-02-25T10:11:12Z", 0 },
  { "day-name-no-comma", "Tue 25 Feb 2020 10:11:12 +0000", "2020-02-25T10:11:12Z", 0 },
  { "two-digit-year-90s", "Thu, 3 Oct 91 16:03:09 +0000", "1991-10-03T16:03:09Z",
    HDR_HOP_FLAG_TWO_DIGIT_YEAR },
  { "two-digit-year-2000s", "Mon, 1 Jan 07 00:00:00 +0000", "2007-01-01T00:00:00Z",
    HDR_HOP_FLAG_TWO_DIGIT_YEAR },
  { "three-digit-year", "1 Jan 107 10:00:00 +0000", "2007-01-01T10:00:00Z", HDR_HOP_FLAG_TWO_DIGIT_YEAR },
  { "no-zone", "Tue, 25 Feb 2020 10:11:12", "2020-02-25T10:11:12Z", HDR_HOP_FLAG_NO_ZONE },
  { "zone-name-only", "Tue, 25 Feb 2020 10:11:12 CEST", "2020-02-25T10:11:12Z", HDR_HOP_FLAG_UNKNOWN_ZONE },
  { "obsolete-est", "Tue, 25 Feb 2020 10:11:12 EST", "2020-02-25T15:11:12Z", HDR_HOP_FLAG_OBSOLETE_ZONE },
  { "obsolete-pdt", "Tue, 25 Feb 2020 10:11:12 PDT", "2020-02-25T17:11:12Z", HDR_HOP_FLAG_OBSOLETE_ZONE },
  { "obsolete-ut", "Tue, 25 Feb 2020 10:11:12 UT", "2020-02-25T10:11:12Z", HDR_HOP_FLAG_OBSOLETE_ZONE },
  { "obsolete-gmt", "Tue, 25 Feb 2020 10:11:12 GMT", "2020-02-25T10:11:12Z", HDR_HOP_FLAG_OBSOLETE_ZONE },
  { "military-z", "Tue, 25 Feb 2020 10:11:12 Z", "2020-02-25T10:11:12Z", HDR_HOP_FLAG_OBSOLETE_ZONE },
  { "military-a", "Tue, 25 Feb 2020 10:11:12 A", "2020-02-25T10:11:12Z",
    HDR_HOP_FLAG_UNKNOWN_ZONE | HDR_HOP_FLAG_OBSOLETE_ZONE },
  { "two-digit-year-and-obsolete-zone", "Thu, 3 Oct 91 16:03:09 EDT", "1991-10-03T20:03:09Z",
    HDR_HOP_FLAG_TWO_DIGIT_YEAR | HDR_HOP_FLAG_OBSOLETE_ZONE },
  { "zone-comment", "Tue, 25 Feb 2020 10:11:12 -0800 (PST)", "2020-02-25T18:11:12Z", 0 },
  { "fraction", "Tue, 25 Feb 2020 10:11:12.988 +0000 (UTC)", "2020-02-25T10:11:12Z", 0 },
  { "iso-t-z", "2020-02-25T10:11:12Z", "2020-02-25T10:11:12Z", 0 },
  { "iso-offset", "2020-02-25T10:11:12.5+01:00", "2020-02-25T09:11:12Z", 0 },
  { "iso-space-utc", "2020-02-25 10:11:12.123456789 +0000 UTC", "2020-02-25T10:11:12Z", 0 },
  { "asctime", "Tue Feb 25 10:11:12 2020", "2020-02-25T10:11:12Z", HDR_HOP_FLAG_NO_ZONE },
  { "single-digit-hour", "Tue, 25 Feb 2020 9:11:12 +0000", "2020-02-25T09:11:12Z", 0 },
  { "leap-second", "Wed, 31 Dec 2016 23:59:60 +0000", "2016-12-31T23:59:59Z", 0 },
  { "bad-day", "Sun, 30 Feb 2020 10:11:12 +0000", NULL, 0 },
  { "bad-month", "Tue, 25 Foo 2020 10:11:12 +0000", NULL, 0 },
  { "words", "sometime last week", NULL, 0 },
};

static char *
join_for (const HdrHop *hop)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < hop->for_addresses->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, g_ptr_array_index (hop->for_addresses, i));
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static char *
format_date (GDateTime *date)
{
  return date != NULL ? g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static void
test_shape (gconstpointer data)
{
  const Shape *shape = data;
  g_autoptr(HdrHop) hop = NULL;
  g_autofree char *for_list = NULL;
  g_autofree char *date = NULL;

  hop = hdr_hop_parse (shape->value);
  g_assert_nonnull (hop);

  g_assert_cmpstr (hop->raw, ==, shape->value);
  g_assert_cmpstr (hop->from_helo, ==, shape->helo);
  g_assert_cmpstr (hop->from_rdns, ==, shape->rdns);
  g_assert_cmpstr (hop->from_ip, ==, shape->ip);
  g_assert_cmpstr (hop->zone, ==, shape->zone);
  g_assert_cmpstr (hop->by, ==, shape->by);
  g_assert_cmpstr (hop->via, ==, shape->via);
  g_assert_cmpstr (hop->with, ==, shape->with);
  g_assert_cmpstr (hop->id, ==, shape->id);

  for_list = join_for (hop);
  g_assert_cmpstr (for_list, ==, shape->for_list);

  date = format_date (hop->date);
  g_assert_cmpstr (date, ==, shape->date);

  g_assert_cmphex (hop->flags, ==, shape->flags);

  if (shape->error)
    g_assert_nonnull (hop->parse_error);
  else
    g_assert_null (hop->parse_error);
}

static void
test_date (gconstpointer data)
{
  const DateShape *shape = data;
  g_autofree char *value = NULL;
  g_autofree char *date = NULL;
  g_autoptr(HdrHop) hop = NULL;

  value = g_strdup_printf ("by mx.example.org with ESMTP id x; %s", shape->text);
  hop = hdr_hop_parse (value);

  date = format_date (hop->date);
  g_assert_cmpstr (date, ==, shape->expected);
  g_assert_cmphex (hop->flags, ==, shape->expected != NULL ? shape->flags : 0);

  /* An unreadable date is no reason to give up on the hop. */
  g_assert_null (hop->parse_error);
  g_assert_cmpstr (hop->by, ==, "mx.example.org");
}

/* The date is never read out of the "from" clause. */
static void
test_date_not_from_from_clause (void)
{
  g_autoptr(HdrHop) hop = NULL;

  hop = hdr_hop_parse ("from Tue, 25 Feb 2020 10:11:12 +0000");
  g_assert_null (hop->date);

  g_clear_pointer (&hop, hdr_hop_free);
  hop = hdr_hop_parse ("from host.example.net (host.example.net [198.51.100.1] 25 Feb 2020 10:11:12 +0000)");
  g_assert_null (hop->date);
  g_assert_cmpstr (hop->from_ip, ==, "198.51.100.1");
}

/* The hop keeps the delay fields for HdrRoute, zeroed. */
static void
test_route_fields_unset (void)
{
  g_autoptr(HdrHop) hop = hdr_hop_parse ("from a.example.net ([198.51.100.2]) by b.example.org; "
                                         "Tue, 25 Feb 2020 10:11:12 +0000");

  g_assert_false (hop->has_delay);
  g_assert_cmpint (hop->delay_seconds, ==, 0);
  g_assert_false (hop->trusted);
  g_assert_false (hop->authenticated);
  g_assert_nonnull (hop->for_addresses);
}

static void
test_parse_null (void)
{
  g_autoptr(HdrHop) hop = hdr_hop_parse (NULL);

  g_assert_cmpstr (hop->raw, ==, "");
  g_assert_nonnull (hop->parse_error);
}

/* Deep nesting, long runs and stray characters end quietly. */
static void
test_hostile_values (void)
{
  g_autoptr(GString) deep = g_string_new ("from x ");
  g_autoptr(GString) long_value = g_string_new (NULL);
  static const char * const odd[] = {
    "(((((", ")))))", ";;;;", "[[[[", "]]]]", "<<<<", "\"\"\"", "from", "by", "from (", "by ;",
    "from [IPv6:] by x", "from [] (]) by [", "from ([fe80::%]) by y", "for <", "id",
    "from a (b [1.2.3.4]:99999999999999999999) by c",
  };

  for (guint i = 0; i < 500; i++)
    g_string_append_c (deep, '(');
  g_string_append (deep, "[198.51.100.3]");
  for (guint i = 0; i < 500; i++)
    g_string_append_c (deep, ')');
  g_string_append (deep, " by y; Tue, 25 Feb 2020 10:11:12 +0000");

  for (guint i = 0; i < 2000; i++)
    g_string_append (long_value, "by x with y id z for <a@b> ");

  {
    g_autoptr(HdrHop) hop = hdr_hop_parse (deep->str);

    g_assert_cmpstr (hop->by, ==, "y");
    g_assert_nonnull (hop->date);
  }

  {
    g_autoptr(HdrHop) hop = hdr_hop_parse (long_value->str);

    g_assert_cmpstr (hop->by, ==, "x");
  }

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(HdrHop) hop = hdr_hop_parse (odd[i]);

      g_assert_cmpstr (hop->raw, ==, odd[i]);
    }
}

static void
test_ip_canonicalize (void)
{
  static const struct
  {
    const char *text;
    const char *ip;
    const char *zone;
  } cases[] = {
    { "198.51.100.1", "198.51.100.1", NULL },
    { "[198.51.100.1]", "198.51.100.1", NULL },
    { "[198.51.100.1]:2525", "198.51.100.1", NULL },
    { "198.51.100.1:25", "198.51.100.1", NULL },
    { "[IPv6:2001:DB8:0:0:0:0:0:1]", "2001:db8::1", NULL },
    { "ipv6:2001:db8::1", "2001:db8::1", NULL },
    { "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1", NULL },
    { "[fe80::1%9]]", "fe80::1", "9" },
    { "fe80::1c2d:3e4f:5a6b:7c8d%eth0", "fe80::1c2d:3e4f:5a6b:7c8d", "eth0" },
    { "[IPv6:::ffff:192.0.2.9]", "192.0.2.9", NULL },
    { "::ffff:192.0.2.9", "192.0.2.9", NULL },
    { "::1", "::1", NULL },
    { " 203.0.113.5 ", "203.0.113.5", NULL },
    { "15.20.1234.5", NULL, NULL },
    { "1.2.3", NULL, NULL },
    { "999.1.1.1", NULL, NULL },
    { "mail.example.org", NULL, NULL },
    { "[unix socket]", NULL, NULL },
    { "", NULL, NULL },
    { "[]", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *zone = NULL;
      g_autofree char *ip = hdr_ip_canonicalize (cases[i].text, &zone);

      g_assert_cmpstr (ip, ==, cases[i].ip);
      g_assert_cmpstr (zone, ==, cases[i].zone);
    }

  /* The zone argument may be NULL. */
  {
    g_autofree char *ip = hdr_ip_canonicalize ("fe80::2%3", NULL);

    g_assert_cmpstr (ip, ==, "fe80::2");
  }
}

static void
test_private_and_loopback_flags (void)
{
  static const struct
  {
    const char  *ip;
    HdrHopFlags  flags;
  } cases[] = {
    { "10.1.2.3", HDR_HOP_FLAG_PRIVATE_IP },
    { "172.16.0.1", HDR_HOP_FLAG_PRIVATE_IP },
    { "172.32.0.1", 0 },
    { "192.168.1.1", HDR_HOP_FLAG_PRIVATE_IP },
    { "100.64.0.1", HDR_HOP_FLAG_PRIVATE_IP },
    { "fd00:1::5", HDR_HOP_FLAG_PRIVATE_IP },
    { "127.0.0.2", HDR_HOP_FLAG_LOOPBACK },
    { "::1", HDR_HOP_FLAG_LOOPBACK },
    { "169.254.1.1", HDR_HOP_FLAG_LINK_LOCAL },
    { "198.51.100.9", 0 },
    { "2001:db8::9", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = g_strdup_printf ("from h.example.net (h.example.net [%s]) by "
                                                "mx.example.org with ESMTP; 25 Feb 2020 10:11:12 +0000",
                                                cases[i].ip);
      g_autoptr(HdrHop) hop = hdr_hop_parse (value);

      g_assert_cmpstr (hop->from_ip, ==, cases[i].ip);
      g_assert_cmphex (hop->flags, ==, cases[i].flags);
    }
}

static void
test_flag_names (void)
{
  static const struct
  {
    HdrHopFlags  flag;
    const char  *name;
  } cases[] = {
    { HDR_HOP_FLAG_LINK_LOCAL, "link_local" },
    { HDR_HOP_FLAG_UNKNOWN_ZONE, "unknown_zone" },
    { HDR_HOP_FLAG_OBSOLETE_ZONE, "obsolete_zone" },
    { HDR_HOP_FLAG_TWO_DIGIT_YEAR, "two_digit_year" },
    { HDR_HOP_FLAG_NO_ZONE, "no_zone" },
    { HDR_HOP_FLAG_MAY_BE_FORGED, "may_be_forged" },
    { HDR_HOP_FLAG_IPV4_MAPPED, "ipv4_mapped" },
    { HDR_HOP_FLAG_PRIVATE_IP, "private_ip" },
    { HDR_HOP_FLAG_LOOPBACK, "loopback" },
    { HDR_HOP_FLAG_LOCAL_SUBMISSION, "local_submission" },
    { HDR_HOP_FLAG_AUTHENTICATED, "authenticated" },
    { HDR_HOP_FLAG_CLOCK_SKEW, "clock_skew" },
    { HDR_HOP_FLAG_FUTURE_DATE, "future_date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (hdr_hop_flag_to_string (cases[i].flag), ==, cases[i].name);

  g_assert_null (hdr_hop_flag_to_string (HDR_HOP_FLAG_NONE));
  g_assert_null (hdr_hop_flag_to_string (HDR_HOP_FLAG_LOOPBACK | HDR_HOP_FLAG_PRIVATE_IP));
}

typedef struct
{
  const char *prefix;
  const char *address;
  gboolean    contained;
} PrefixCase;

/* Edges of IPv4 and IPv6 prefixes, both families and partial bytes. */
static void
test_ip_prefix_contains (void)
{
  static const PrefixCase cases[] = {
    { "172.16.0.0/12", "172.31.255.255", TRUE },
    { "172.16.0.0/12", "172.32.0.0", FALSE },
    { "172.16.0.0/12", "172.15.255.255", FALSE },
    { "10.0.0.0/8", "10.0.0.0", TRUE },
    { "10.0.0.0/8", "11.0.0.0", FALSE },
    { "192.0.2.7", "192.0.2.7", TRUE },
    { "192.0.2.7", "192.0.2.8", FALSE },
    { "0.0.0.0/0", "203.0.113.9", TRUE },
    { "fc00::/7", "fdff:ffff::1", TRUE },
    { "fc00::/7", "fbff:ffff::1", FALSE },
    { "fc00::/7", "fe00::", FALSE },
    { "2603:1000::/24", "2603:10ff:ffff::1", TRUE },
    { "2603:1000::/24", "2603:1100::1", FALSE },
    { "::/0", "2001:db8::1", TRUE },
    /* The families never mix, not even through a zero-length prefix. */
    { "::/0", "192.0.2.1", FALSE },
    { "0.0.0.0/0", "2001:db8::1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HdrIpPrefix prefix;
      HdrIpAddress address;

      g_test_message ("%s in %s", cases[i].address, cases[i].prefix);
      g_assert_true (_hdr_ip_prefix_parse (cases[i].prefix, &prefix));
      g_assert_true (_hdr_ip_address_parse (cases[i].address, &address));
      g_assert_cmpint (_hdr_ip_prefix_contains (&prefix, &address), ==, cases[i].contained);
    }
}

static void
test_ip_prefix_invalid (void)
{
  static const char * const invalid[] = {
    "::/129", "10.0.0.0/33", "10.0.0.1/8", "fc00::1/7", "10.0.0.0/", "10.0.0.0/x",
    "not an address", "", "10.0.0.0/8/8",
  };
  HdrIpPrefix prefix;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("%s", invalid[i]);
      g_assert_false (_hdr_ip_prefix_parse (invalid[i], &prefix));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpuint (G_N_ELEMENTS (shapes), >=, 40);

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/received/shape/%s", shapes[i].name);

      g_test_add_data_func (path, &shapes[i], test_shape);
    }

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *path = g_strdup_printf ("/received/date/%s", dates[i].name);

      g_test_add_data_func (path, &dates[i], test_date);
    }

  g_test_add_func ("/received/date/not-from-from-clause", test_date_not_from_from_clause);
  g_test_add_func ("/received/route-fields-unset", test_route_fields_unset);
  g_test_add_func ("/received/parse-null", test_parse_null);
  g_test_add_func ("/received/hostile-values", test_hostile_values);
  g_test_add_func ("/received/ip/canonicalize", test_ip_canonicalize);
  g_test_add_func ("/received/ip/flags", test_private_and_loopback_flags);
  g_test_add_func ("/received/flag-names", test_flag_names);
  g_test_add_func ("/received/ip/prefix-contains", test_ip_prefix_contains);
  g_test_add_func ("/received/ip/prefix-invalid", test_ip_prefix_invalid);

  return g_test_run ();
}
