/* test-route.c: whole Received chains, their trust boundary and origin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chain is made up (RFC 2606 names, RFC 5737 and RFC 3849 addresses,
 * host names in the shape the named provider writes) and listed topmost
 * first, as in a message.
 */

#include <string.h>

#include <glib.h>

#include "hdr-message.h"
#include "hdr-route.h"

static void
header_free (gpointer data)
{
  HdrHeader *header = data;

  g_free (header->name);
  g_free (header->value);
  g_free (header->raw);
  g_free (header);
}

/* "Name: value" lines, topmost first, as the message parser hands them. */
static GPtrArray *
make_headers (const char * const *fields)
{
  GPtrArray *headers = g_ptr_array_new_with_free_func (header_free);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *colon = strchr (fields[i], ':');
      HdrHeader *header = g_new0 (HdrHeader, 1);

      g_assert_nonnull (colon);
      header->name = g_strndup (fields[i], colon - fields[i]);
      header->value = g_strstrip (g_strdup (colon + 1));
      header->raw = g_strdup (fields[i]);
      header->index = i;
      header->line = i + 1;
      g_ptr_array_add (headers, header);
    }

  return headers;
}

static HdrRoute *
route_for (const char * const *fields)
{
  g_autoptr(GPtrArray) headers = make_headers (fields);

  return hdr_route_new (headers);
}

static HdrHop *
hop_at (HdrRoute *route,
        guint     index)
{
  GPtrArray *hops = hdr_route_get_hops (route);

  g_assert_cmpuint (index, <, hops->len);

  return g_ptr_array_index (hops, index);
}

/* 1. A plain sender to a small provider that relays internally once. */
static void
test_plain_external (void)
{
  static const char * const fields[] = {
    "Return-Path: <ann@example.net>",
    "Received: from mx.example.org (mx.example.org [192.0.2.25]) by mail.example.org (Postfix) "
      "with ESMTPS id 4B1C2D; Tue, 25 Feb 2020 10:11:15 +0000 (UTC)",
    "Received: from sender.example.net (sender.example.net [198.51.100.20]) by mx.example.org "
      "(Postfix) with ESMTP id 4A9B8C for <bob@example.org>; Tue, 25 Feb 2020 10:11:13 +0000 (UTC)",
    "Received: from [10.0.0.5] (unknown [203.0.113.77]) by sender.example.net (Postfix) with ESMTP "
      "id 77AA; Tue, 25 Feb 2020 10:11:10 +0000 (UTC)",
    "From: Ann <ann@example.net>",
    "Subject: hello",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);
  HdrHop *origin;

  g_assert_cmpuint (hdr_route_get_hops (route)->len, ==, 3);

  /* Oldest first, with indexes and the header each came from. */
  g_assert_cmpuint (hop_at (route, 0)->index, ==, 0);
  g_assert_cmpuint (hop_at (route, 0)->header_index, ==, 3);
  g_assert_cmpuint (hop_at (route, 2)->header_index, ==, 1);
  g_assert_cmpstr (hop_at (route, 0)->by, ==, "sender.example.net");

  origin = hdr_route_get_origin_hop (route);
  g_assert_true (origin == hop_at (route, 1));
  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "198.51.100.20");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_EXTERNAL);
  g_assert_cmpstr (hdr_route_get_provider_domain (route), ==, "example.org");

  g_assert_true (hop_at (route, 2)->trusted);
  g_assert_true (hop_at (route, 1)->trusted);
  g_assert_false (hop_at (route, 0)->trusted);
  g_assert_false (origin->authenticated);

  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, 3);
  g_assert_true (hdr_route_is_trusted_writer (route, "MX.example.org"));
  g_assert_true (hdr_route_is_trusted_writer (route, "mail.example.org"));
  g_assert_false (hdr_route_is_trusted_writer (route, "sender.example.net"));
  g_assert_false (hdr_route_is_trusted_writer (route, NULL));
  g_assert_null (hdr_route_get_list_id (route));

  /* Delays between consecutive dated hops. */
  g_assert_false (hop_at (route, 0)->has_delay);
  g_assert_true (hop_at (route, 1)->has_delay);
  g_assert_cmpint (hop_at (route, 1)->delay_seconds, ==, 3);
  g_assert_cmpint (hop_at (route, 2)->delay_seconds, ==, 2);
}

/* 2. Gmail: the topmost hop is "by 2002:..." with no "from". */
static void
test_gmail_internal (void)
{
  static const char * const fields[] = {
    "Delivered-To: carol@gmail.com",
    "Received: by 2002:a05:6a10:1234:b0:123:4567:89ab with SMTP id z1csp123456pxb; "
      "Tue, 25 Feb 2020 02:11:14 -0800 (PST)",
    "X-Received: by 2002:a17:906:1234:: with SMTP id a1mr1234567ejb.12.1582625473; "
      "Tue, 25 Feb 2020 02:11:13 -0800 (PST)",
    "ARC-Seal: i=1; a=rsa-sha256; t=1582625473; cv=none; d=google.com; s=arc-20160816; b=abc",
    "Return-Path: <dan@example.net>",
    "Received: from mail.example.net (mail.example.net. [198.51.100.30]) by mx.google.com with ESMTPS "
      "id a1si1234567wrx.100.2020.02.25.02.11.13 for <carol@gmail.com> (version=TLS1_3 "
      "cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 25 Feb 2020 02:11:13 -0800 (PST)",
    "Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=dan@example.net",
    "Received: from [192.168.1.7] (unknown [203.0.113.31]) by mail.example.net (Postfix) with ESMTPSA "
      "id 1A2B; Tue, 25 Feb 2020 10:11:11 +0000 (UTC)",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpuint (hdr_route_get_hops (route)->len, ==, 3);
  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "198.51.100.30");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_EXTERNAL);
  g_assert_cmpstr (hdr_route_get_provider_domain (route), ==, "google.com");
  g_assert_true (hop_at (route, 2)->trusted);
  g_assert_true (hop_at (route, 1)->trusted);
  g_assert_false (hop_at (route, 0)->trusted);
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, 7);
  g_assert_true (hdr_route_is_trusted_writer (route, "mx.google.com"));

  /* The ESMTPSA below the boundary is the sender's claim, not believed. */
  g_assert_false (hop_at (route, 0)->authenticated);
}

/* 2b. 6to4 addresses (2002::/16) name Gmail's internal writers, but anyone
 * may connect from one: such a client stays outside. */
static void
test_gmail_6to4_client (void)
{
  static const char * const fields[] = {
    "Received: by 2002:a05:6a10:1234:b0:123:4567:89ab with SMTP id z1csp2pxb; "
      "Tue, 25 Feb 2020 02:11:14 -0800 (PST)",
    "Received: from tunnel.example.net (tunnel.example.net. [2002:cb00:7100::5]) by mx.google.com "
      "with ESMTPS id a2si1.2020.02.25.02.11.13 for <nora@gmail.com>; Tue, 25 Feb 2020 02:11:13 -0800 (PST)",
    "Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by tunnel.example.net "
      "with ESMTP id 99; Tue, 25 Feb 2020 02:11:12 -0800 (PST)",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "2002:cb00:7100::5");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_EXTERNAL);
  g_assert_false (hop_at (route, 0)->trusted);
}

/* 3. Office 365: loopback and bare IPv6 hops inside Exchange Online. */
static void
test_office365 (void)
{
  static const char * const fields[] = {
    "Received: from AB1PR01MB0001.eurprd01.prod.outlook.com (::1) by "
      "CD2PR01MB0002.eurprd01.prod.outlook.com with HTTPS; Tue, 25 Feb 2020 10:11:16 +0000",
    "Received: from EF3PR01CA0003.eurprd01.prod.outlook.com (2603:10a6:20b:1::13) by "
      "AB1PR01MB0001.eurprd01.prod.outlook.com (2603:10a6:20b:2::14) with Microsoft SMTP Server "
      "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7000.10; "
      "Tue, 25 Feb 2020 10:11:15 +0000",
    "Received: from GH4EUR01FT004.eop-eur01.prod.protection.outlook.com (2603:10a6:20b:1:cafe::5) by "
      "EF3PR01CA0003.outlook.office365.com (2603:10a6:20b:1::13) with Microsoft SMTP Server "
      "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7000.11 via Frontend "
      "Transport; Tue, 25 Feb 2020 10:11:14 +0000",
    "Authentication-Results: spf=pass (sender IP is 203.0.113.45) smtp.mailfrom=example.net",
    "Received: from mail.example.net (203.0.113.45) by GH4EUR01FT004.mail.protection.outlook.com "
      "(10.152.1.4) with Microsoft SMTP Server id 15.20.7000.12 via Frontend Transport; "
      "Tue, 25 Feb 2020 10:11:13 +0000",
    "Received: from [10.1.1.9] (unknown [198.51.100.46]) by mail.example.net (Postfix) with ESMTPSA "
      "id 2B3C; Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpuint (hdr_route_get_hops (route)->len, ==, 5);
  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "203.0.113.45");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_EXTERNAL);
  g_assert_cmpstr (hdr_route_get_provider_domain (route), ==, "outlook.com");
  g_assert_true (hdr_route_get_origin_hop (route) == hop_at (route, 1));

  for (guint i = 1; i < 5; i++)
    g_assert_true (hop_at (route, i)->trusted);
  g_assert_false (hop_at (route, 0)->trusted);

  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, 5);
  g_assert_true (hdr_route_is_trusted_writer (route, "GH4EUR01FT004.mail.protection.outlook.com"));
}

/* 3b. A HELO in Microsoft's shape from an address outside Exchange
 * Online's blocks (a rented cloud machine) is outside. */
static void
test_office365_lookalike (void)
{
  static const char * const fields[] = {
    "Received: from AB1PR01MB0001.eurprd01.prod.outlook.com (::1) by "
      "CD2PR01MB0002.eurprd01.prod.outlook.com with HTTPS; Tue, 25 Feb 2020 10:11:16 +0000",
    "Received: from XY9PR01MB0009.eurprd01.prod.outlook.com (2001:db8:1030::5) by "
      "AB1PR01MB0001.eurprd01.prod.outlook.com (2603:10a6:20b:2::14) with Microsoft SMTP Server "
      "id 15.20.7000.10; Tue, 25 Feb 2020 10:11:15 +0000",
    "Received: from ZZ1PR01MB0001.eurprd01.prod.outlook.com (2603:10a6:20b:9::1) by "
      "XY9PR01MB0009.eurprd01.prod.outlook.com with Microsoft SMTP Server id 15.20.7000.9; "
      "Tue, 25 Feb 2020 10:11:14 +0000",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "2001:db8:1030::5");
  g_assert_false (hop_at (route, 0)->trusted);
}

/* 4. Forwarded by a second provider: the forwarder is the host the
 * recipient's provider received it from, so it is the origin. */
static void
test_forwarded (void)
{
  static const char * const fields[] = {
    "Received: from relay.example.com (relay.example.com [198.51.100.60]) by mx.example.org (Postfix) "
      "with ESMTPS id 5C6D; Tue, 25 Feb 2020 10:12:00 +0000 (UTC)",
    "Received: by relay.example.com (Postfix) id 3F4A; Tue, 25 Feb 2020 10:11:59 +0000 (UTC)",
    "Received: from sender.example.net (sender.example.net [203.0.113.8]) by relay.example.com (Postfix) "
      "with ESMTP id 2E3F for <erin@example.com>; Tue, 25 Feb 2020 10:11:58 +0000 (UTC)",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "198.51.100.60");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_EXTERNAL);
  g_assert_cmpstr (hdr_route_get_provider_domain (route), ==, "example.org");
  g_assert_false (hop_at (route, 0)->trusted);
  g_assert_false (hop_at (route, 1)->trusted);
  g_assert_true (hop_at (route, 2)->trusted);
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, 1);
  g_assert_false (hdr_route_is_trusted_writer (route, "relay.example.com"));
}

/* 5. A logged-in account of the provider sent it. */
static void
test_authenticated (void)
{
  static const char * const fields[] = {
    "Received: from smtp.example.org (smtp.example.org [192.0.2.30]) by mx.example.org (Postfix) "
      "with ESMTPS id 6D7E; Tue, 25 Feb 2020 10:11:13 +0000 (UTC)",
    "Received: from [192.168.1.20] (dsl-203-0-113-99.example.net [203.0.113.99]) "
      "(Authenticated sender: frank) by smtp.example.org (Postfix) with ESMTPSA id 5C6D "
      "for <gina@example.org>; Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    "Received: from frank-laptop (localhost [127.0.0.1]) by frank-laptop with ESMTP; "
      "Tue, 25 Feb 2020 10:11:11 +0000",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);
  HdrHop *origin;

  origin = hdr_route_get_origin_hop (route);
  g_assert_true (origin == hop_at (route, 1));
  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "203.0.113.99");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_AUTHENTICATED);
  g_assert_true (origin->authenticated);
  g_assert_true (origin->trusted);
  g_assert_false (hop_at (route, 0)->trusted);
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, 2);
  g_assert_cmpstr (hdr_origin_kind_to_string (HDR_ORIGIN_AUTHENTICATED), ==, "authenticated");
}

/* 6a. A list whose server has the List-Id's registrable domain. */
static void
test_mailing_list (void)
{
  static const char * const fields[] = {
    "Received: from lists.example.com (lists.example.com [198.51.100.80]) by mx.example.org (Postfix) "
      "with ESMTPS id 7E8F for <hal@example.org>; Tue, 25 Feb 2020 10:11:14 +0000 (UTC)",
    "Received: from lists.example.com (localhost [127.0.0.1]) by lists.example.com (Postfix) with ESMTP "
      "id 1111; Tue, 25 Feb 2020 10:11:13 +0000 (UTC)",
    "Received: from spam.example.net (unknown [203.0.113.66]) by lists.example.com (Postfix) with ESMTP "
      "id 2222 for <users@lists.example.com>; Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    "List-Id: Example Users <users.lists.example.com>",
    "From: \"hal@example.org\" <hal@example.org>",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "198.51.100.80");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_MAILING_LIST);
  g_assert_cmpstr (hdr_route_get_list_id (route), ==, "users.lists.example.com");
  g_assert_cmpstr (hdr_origin_kind_to_string (HDR_ORIGIN_MAILING_LIST), ==, "mailing_list");

  /* What the list recorded is shown, not believed. */
  g_assert_false (hop_at (route, 0)->trusted);
  g_assert_false (hop_at (route, 1)->trusted);
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, 1);
}

/* 6b. A list hosted under another domain: it received the post for the
 * List-Id's domain. */
static void
test_mailing_list_hosted (void)
{
  static const char * const fields[] = {
    "Received: from smtp1.hosting.example.net (smtp1.hosting.example.net [IPv6:2001:db8:3010::136]) "
      "by mx.example.org (Postfix) with ESMTPS id 8F90 for <ida@example.org>; "
      "Tue, 25 Feb 2020 10:11:14 +0000 (UTC)",
    "Received: from smtp1.hosting.example.net (localhost [127.0.0.1]) by smtp1.hosting.example.net "
      "(Postfix) with ESMTP id 3333; Tue, 25 Feb 2020 10:11:13 +0000 (UTC)",
    "Received: from bad.example.com (unknown [203.0.113.67]) by smtp1.hosting.example.net (Postfix) "
      "with ESMTP id 4444 for <devel@widgets.example.com>; Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    "List-Id: Widget developers <devel.widgets.example.com>",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "2001:db8:3010::136");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_MAILING_LIST);
}

/* 6c. A List-Id alone does not make a stranger a list server. */
static void
test_list_id_without_list (void)
{
  static const char * const fields[] = {
    "Received: from bulk.example.net (bulk.example.net [198.51.100.81]) by mx.example.org (Postfix) "
      "with ESMTP id 9A0B for <jay@example.org>; Tue, 25 Feb 2020 10:11:14 +0000 (UTC)",
    "List-Id: <news.example.com>",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "198.51.100.81");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_EXTERNAL);
  g_assert_cmpstr (hdr_route_get_list_id (route), ==, "news.example.com");
}

/* 7. The sender invented hops that look like Gmail and like the
 * recipient's own provider: none of them is trusted. */
static void
test_forged_below_boundary (void)
{
  static const char * const fields[] = {
    "Received: from mail.example.net (mail.example.net [198.51.100.99]) by mx.example.org (Postfix) "
      "with ESMTP id AB12; Tue, 25 Feb 2020 10:11:14 +0000 (UTC)",
    "Received: from mx.example.org (mx.example.org [192.0.2.25]) by mail.example.net (Postfix) "
      "with ESMTP id CD34; Tue, 25 Feb 2020 10:11:13 +0000 (UTC)",
    "Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com "
      "with SMTPS id EF56; Tue, 25 Feb 2020 10:11:12 +0000",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "198.51.100.99");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_EXTERNAL);
  g_assert_false (hop_at (route, 0)->trusted);
  g_assert_false (hop_at (route, 1)->trusted);
  g_assert_true (hop_at (route, 2)->trusted);
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, 1);
  g_assert_false (hdr_route_is_trusted_writer (route, "mx.google.com"));
  g_assert_false (hdr_route_is_trusted_writer (route, "mail.example.net"));
}

/* 8. The handing-over host claims the provider's name in HELO, but the
 * writer found no such rDNS name: it stays outside. */
static void
test_helo_claims_provider (void)
{
  static const char * const postfix[] = {
    "Received: from mx2.example.org (unknown [203.0.113.13]) by mx.example.org (Postfix) with ESMTP "
      "id BC23; Tue, 25 Feb 2020 10:11:14 +0000 (UTC)",
    "Received: from localhost (localhost [127.0.0.1]) by mx2.example.org (Postfix) with ESMTP "
      "id CD34; Tue, 25 Feb 2020 10:11:13 +0000 (UTC)",
    NULL,
  };
  static const char * const exim[] = {
    "Received: from host-203-0-113-14.dsl.example.net ([203.0.113.14] helo=relay.example.org) "
      "by mx.example.org with esmtp (Exim 4.96) id 1jAbCd-0001Aa-Bb; Tue, 25 Feb 2020 10:11:14 +0000",
    "Received: from [10.0.0.2] by relay.example.org with ESMTP id DE45; Tue, 25 Feb 2020 10:11:13 +0000",
    NULL,
  };
  static const char * const forged_rdns[] = {
    "Received: from relay.example.org (relay.example.org [203.0.113.15] (may be forged)) "
      "by mx.example.org (8.17.1/8.17.1) with ESMTP id 01PAB1; Tue, 25 Feb 2020 10:11:14 GMT",
    "Received: from [10.0.0.3] by relay.example.org with ESMTP id EF56; Tue, 25 Feb 2020 10:11:13 +0000",
    NULL,
  };

  {
    g_autoptr(HdrRoute) route = route_for (postfix);

    g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "203.0.113.13");
    g_assert_false (hop_at (route, 0)->trusted);
    g_assert_false (hdr_route_is_trusted_writer (route, "mx2.example.org"));
  }

  {
    g_autoptr(HdrRoute) route = route_for (exim);

    g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "203.0.113.14");
    g_assert_false (hop_at (route, 0)->trusted);
  }

  {
    g_autoptr(HdrRoute) route = route_for (forged_rdns);

    g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "203.0.113.15");
    g_assert_false (hop_at (route, 0)->trusted);
  }
}

/* 9. Relays on private and loopback addresses inside the provider. */
static void
test_private_relays (void)
{
  static const char * const fields[] = {
    "Received: from filter.example.org (filter.internal [10.1.2.3]) by store.example.org (Postfix) "
      "with ESMTP id 1A; Tue, 25 Feb 2020 10:11:16 +0000 (UTC)",
    "Received: from localhost (localhost [127.0.0.1]) by filter.example.org (Postfix) with ESMTP "
      "id 2B; Tue, 25 Feb 2020 10:11:15 +0000 (UTC)",
    "Received: from gw.example.org ([172.16.5.5]) by localhost (filter.example.org [127.0.0.1]) "
      "(amavisd-new, port 10024) with ESMTP id 3C; Tue, 25 Feb 2020 10:11:14 +0000 (UTC)",
    "Received: from outside.example.net (outside.example.net [203.0.113.200]) by gw.example.org "
      "(Postfix) with ESMTP id 4D; Tue, 25 Feb 2020 10:11:13 +0000 (UTC)",
    "Received: from [192.168.7.7] (unknown [198.51.100.201]) by outside.example.net with ESMTP id 5E; "
      "Tue, 25 Feb 2020 10:11:12 +0000",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "203.0.113.200");
  g_assert_true (hdr_route_get_origin_hop (route) == hop_at (route, 1));
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_EXTERNAL);
  g_assert_false (hop_at (route, 0)->trusted);
  for (guint i = 1; i < 5; i++)
    g_assert_true (hop_at (route, i)->trusted);
  g_assert_true (hdr_route_is_trusted_writer (route, "gw.example.org"));
  g_assert_true (hdr_route_is_trusted_writer (route, "localhost"));
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, 4);
}

/* 10. No Received header at all. */
static void
test_no_received (void)
{
  static const char * const fields[] = {
    "From: kim@example.net",
    "To: lee@example.org",
    "Subject: no route",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpuint (hdr_route_get_hops (route)->len, ==, 0);
  g_assert_null (hdr_route_get_origin_hop (route));
  g_assert_null (hdr_route_get_origin_ip (route));
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_NONE);
  g_assert_null (hdr_route_get_provider_domain (route));
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, G_MAXUINT);
  g_assert_false (hdr_route_is_trusted_writer (route, "mx.example.org"));
  g_assert_cmpstr (hdr_origin_kind_to_string (HDR_ORIGIN_NONE), ==, "none");
}

/* 10b. An empty header list. */
static void
test_empty_headers (void)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autoptr(HdrRoute) route = hdr_route_new (headers);

  g_assert_cmpuint (hdr_route_get_hops (route)->len, ==, 0);
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_NONE);
}

/* 11. Only one Received header. */
static void
test_single_received (void)
{
  static const char * const fields[] = {
    "Received: from sender.example.net (sender.example.net [198.51.100.1]) by mx.example.org (Postfix) "
      "with ESMTP id 0F1E; Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpuint (hdr_route_get_hops (route)->len, ==, 1);
  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "198.51.100.1");
  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_EXTERNAL);
  g_assert_true (hop_at (route, 0)->trusted);
  g_assert_false (hop_at (route, 0)->has_delay);
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, G_MAXUINT);
}

/* 12. The newer hop is dated five minutes before the older one. */
static void
test_clock_skew (void)
{
  static const char * const fields[] = {
    "Received: from sender.example.net (sender.example.net [198.51.100.2]) by mx.example.org (Postfix) "
      "with ESMTP id 1F2E; Tue, 25 Feb 2020 10:06:12 +0000 (UTC)",
    "Received: from [10.0.0.9] (unknown [203.0.113.3]) by sender.example.net (Postfix) with ESMTP "
      "id 2E3D; Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);
  HdrHop *newer = hop_at (route, 1);

  g_assert_true (newer->has_delay);
  g_assert_cmpint (newer->delay_seconds, ==, -300);
  g_assert_true (newer->flags & HDR_HOP_FLAG_CLOCK_SKEW);
  g_assert_false (hop_at (route, 0)->flags & HDR_HOP_FLAG_CLOCK_SKEW);
  g_assert_false (hop_at (route, 0)->has_delay);
}

/* Delays skip undated hops; a hop dated days after the receipt is flagged. */
static void
test_delays_and_future (void)
{
  static const char * const fields[] = {
    "Received: from relay.example.net (relay.example.net [198.51.100.3]) by mx.example.org (Postfix) "
      "with ESMTP id 3D4C; Tue, 25 Feb 2020 10:20:00 +0000 (UTC)",
    "Received: from [10.0.0.1] by relay.example.net with ESMTP id 4C5B",
    "Received: from [10.0.0.2] by a.example.net with ESMTP id 5B6A; Mon, 24 Feb 2020 10:10:00 +0000",
    "Received: from [10.0.0.3] by b.example.net with ESMTP id 6A7F; Fri, 31 Jan 2031 22:45:13 +0000",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  /* Oldest: 2031, then 2020-02-24, undated, 2020-02-25 (the receipt). */
  g_assert_false (hop_at (route, 0)->has_delay);
  g_assert_true (hop_at (route, 0)->flags & HDR_HOP_FLAG_FUTURE_DATE);
  g_assert_true (hop_at (route, 1)->has_delay);
  g_assert_true (hop_at (route, 1)->delay_seconds < 0);
  g_assert_false (hop_at (route, 2)->has_delay);
  g_assert_true (hop_at (route, 3)->has_delay);
  g_assert_cmpint (hop_at (route, 3)->delay_seconds, ==, 24 * 3600 + 600);
  g_assert_false (hop_at (route, 3)->flags & HDR_HOP_FLAG_FUTURE_DATE);
}

/* Everything happened inside one provider (local submission): no origin. */
static void
test_local_submission (void)
{
  static const char * const fields[] = {
    "Received: from mail.example.org (localhost [127.0.0.1]) by mail.example.org (Postfix) with ESMTP "
      "id 7F80; Tue, 25 Feb 2020 10:11:13 +0000 (UTC)",
    "Received: by mail.example.org (Postfix, from userid 1000) id 6E7F; Tue, 25 Feb 2020 10:11:12 +0000 (UTC)",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_NONE);
  g_assert_null (hdr_route_get_origin_ip (route));
  g_assert_true (hop_at (route, 0)->trusted);
  g_assert_true (hop_at (route, 1)->trusted);
  g_assert_true (hop_at (route, 0)->flags & HDR_HOP_FLAG_LOCAL_SUBMISSION);
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (route), ==, G_MAXUINT);
}

/* Gmail to Gmail: Google's own outbound host is inside Google, and the
 * message was written in the webmail by a logged-in user. */
static void
test_gmail_webmail (void)
{
  static const char * const fields[] = {
    "Received: by 2002:a05:6a10:1234:b0:123:4567:89ab with SMTP id z2csp1pxb; "
      "Tue, 25 Feb 2020 02:11:14 -0800 (PST)",
    "Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com "
      "with SMTPS id b2sor1.2020.02.25.02.11.13 for <mia@gmail.com> (Google Transport Security); "
      "Tue, 25 Feb 2020 02:11:13 -0800 (PST)",
    "Received: by 2002:a05:6402:1234:b0:44:5678:9abc with HTTP; Tue, 25 Feb 2020 02:11:12 -0800 (PST)",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_AUTHENTICATED);
  g_assert_true (hdr_route_get_origin_hop (route) == hop_at (route, 0));
  g_assert_null (hdr_route_get_origin_ip (route));
  g_assert_true (hop_at (route, 0)->trusted);
  g_assert_true (hop_at (route, 0)->authenticated);
}

/* Mail from another Microsoft 365 tenant to Outlook.com: Exchange Online
 * Protection's outbound address is Microsoft's own, and the sender logged
 * in with Outlook (MAPI). */
static void
test_microsoft_tenant_to_outlook (void)
{
  static const char * const fields[] = {
    "Received: from AB1PR01MB0001.namprd01.prod.outlook.com (::1) by CD2PR01MB0002.namprd01.prod.outlook.com "
      "with HTTPS; Tue, 25 Feb 2020 10:11:16 +0000",
    "Received: from EF3EUR01FT001.eop-EUR01.prod.protection.outlook.com (2603:10a6:10:52:cafe::3d) by "
      "AB1PR01MB0001.namprd01.prod.outlook.com (2603:10b6:8:155::12) with Microsoft SMTP Server "
      "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6792.28; "
      "Tue, 25 Feb 2020 10:11:15 +0000",
    "Received: from NAM12-DM6-obe.outbound.protection.outlook.com (52.100.166.217) by "
      "EF3EUR01FT001.mail.protection.outlook.com (10.152.5.85) with Microsoft SMTP Server "
      "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6838.24 via Frontend "
      "Transport; Tue, 25 Feb 2020 10:11:14 +0000",
    "Received: from GH4PR07MB0004.namprd07.prod.outlook.com ([fe80::4c81:6c3b:54d7:b809]) by "
      "GH4PR07MB0004.namprd07.prod.outlook.com ([fe80::4c81:6c3b:54d7:b809%4]) with mapi id "
      "15.20.6838.016; Tue, 25 Feb 2020 10:11:13 +0000",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpint (hdr_route_get_origin_kind (route), ==, HDR_ORIGIN_AUTHENTICATED);
  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "fe80::4c81:6c3b:54d7:b809");
  g_assert_true (hop_at (route, 0)->trusted);
}

/* A hop that cannot be read does not end the analysis. */
static void
test_unreadable_hop (void)
{
  static const char * const fields[] = {
    "Received: from mx.example.org (mx.example.org [192.0.2.25]) by mail.example.org (Postfix) "
      "with ESMTP id 8A9B; Tue, 25 Feb 2020 10:11:14 +0000 (UTC)",
    "Received: this is not a received header at all !!",
    "Received: from sender.example.net (sender.example.net [198.51.100.4]) by mx.example.org (Postfix) "
      "with ESMTP id 9B0C; Tue, 25 Feb 2020 10:11:13 +0000 (UTC)",
    "Received: ",
    NULL,
  };
  g_autoptr(HdrRoute) route = route_for (fields);

  g_assert_cmpuint (hdr_route_get_hops (route)->len, ==, 4);
  g_assert_nonnull (hop_at (route, 2)->parse_error);
  g_assert_cmpstr (hop_at (route, 2)->raw, ==, "this is not a received header at all !!");
  g_assert_nonnull (hop_at (route, 0)->parse_error);
  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "198.51.100.4");
}

/* A route holds no reference to the headers it was built from. */
static void
test_headers_released (void)
{
  static const char * const fields[] = {
    "Received: from sender.example.net (sender.example.net [198.51.100.5]) by mx.example.org; "
      "Tue, 25 Feb 2020 10:11:13 +0000",
    NULL,
  };
  GPtrArray *headers = make_headers (fields);
  HdrRoute *route = hdr_route_new (headers);

  g_ptr_array_unref (headers);
  g_assert_cmpstr (hdr_route_get_origin_ip (route), ==, "198.51.100.5");
  g_assert_finalize_object (route);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/route/plain-external", test_plain_external);
  g_test_add_func ("/route/gmail-internal", test_gmail_internal);
  g_test_add_func ("/route/gmail-6to4-client", test_gmail_6to4_client);
  g_test_add_func ("/route/office365", test_office365);
  g_test_add_func ("/route/office365-lookalike", test_office365_lookalike);
  g_test_add_func ("/route/forwarded", test_forwarded);
  g_test_add_func ("/route/authenticated", test_authenticated);
  g_test_add_func ("/route/mailing-list", test_mailing_list);
  g_test_add_func ("/route/mailing-list-hosted", test_mailing_list_hosted);
  g_test_add_func ("/route/list-id-without-list", test_list_id_without_list);
  g_test_add_func ("/route/forged-below-boundary", test_forged_below_boundary);
  g_test_add_func ("/route/helo-claims-provider", test_helo_claims_provider);
  g_test_add_func ("/route/private-relays", test_private_relays);
  g_test_add_func ("/route/no-received", test_no_received);
  g_test_add_func ("/route/empty-headers", test_empty_headers);
  g_test_add_func ("/route/single-received", test_single_received);
  g_test_add_func ("/route/clock-skew", test_clock_skew);
  g_test_add_func ("/route/delays-and-future", test_delays_and_future);
  g_test_add_func ("/route/local-submission", test_local_submission);
  g_test_add_func ("/route/gmail-webmail", test_gmail_webmail);
  g_test_add_func ("/route/microsoft-tenant-to-outlook", test_microsoft_tenant_to_outlook);
  g_test_add_func ("/route/unreadable-hop", test_unreadable_hop);
  g_test_add_func ("/route/headers-released", test_headers_released);

  return g_test_run ();
}
