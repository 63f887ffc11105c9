/* list-relayed.h: a copy of sextortion-en.eml that came through a list
 *
 * The Received header of data/samples/sextortion-en.eml written by the
 * recipient's provider, and what replaces it in a copy that came through a
 * mailing list: the provider received the copy from the list server, and
 * the list server received it from the sender.  The list server's rDNS name
 * has the List-Id's registrable domain, so hdr-route takes it for the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define SAMPLE_PROVIDER_HOP \
  "Received: from mail.example.com (dsl-203-0-113-45.pool.example.net [203.0.113.45])\n" \
  "\tby mx2.mail.example.com (Postfix)"
#define LIST_RELAYED_HOPS \
  "List-Id: Garden club <garden.lists.example.org>\n" \
  "Received: from lists.example.org (lists.example.org [198.51.100.80])\n" \
  "\tby mx2.mail.example.com (Postfix) with ESMTPS id 7E8F0A1B2C\n" \
  "\tfor <jamie.rivers@example.com>; Tue, 14 Nov 2023 09:42:10 +0100 (CET)\n" \
  "Received: from mail.example.com (dsl-203-0-113-45.pool.example.net [203.0.113.45])\n" \
  "\tby lists.example.org (Postfix)"
#define LIST_SERVER_IP "198.51.100.80"
