/* hdr-received-private.h: internals shared by the Received parser and the route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hdr-received.h"

G_BEGIN_DECLS

/* hdr-received-date.c: reads the date of a Received field (RFC 5322 section
 * 3.3 with the obsolete forms of section 4.3, ISO 8601, asctime).  With
 * @strict every word of @text must belong to the date (comments and a few
 * known suffixes aside); otherwise words after a complete date are ignored.
 * Returns a UTC date, or NULL; adds what it noticed to @flags. */
GDateTime *_hdr_received_parse_date (const char  *text,
                                     gboolean     strict,
                                     HdrHopFlags *flags);

/* hdr-received-address.c: like hdr_ip_canonicalize(), and also reports
 * whether the text was an IPv4-mapped IPv6 address (then reported as IPv4). */
char      *_hdr_ip_canonicalize_full (const char  *text,
                                      char       **zone,
                                      gboolean    *ipv4_mapped);

/* An IPv4 or IPv6 address in network byte order. */
typedef struct
{
  guint8 size;       /* 4 for IPv4, 16 for IPv6 */
  guint8 bytes[16];
} HdrIpAddress;

/* An IP prefix in CIDR notation, parsed: the first @length bits of
 * @address.  The bits after them are zero. */
typedef struct
{
  HdrIpAddress address;
  guint8       length;  /* in bits; 32 or 128 for a single host */
} HdrIpPrefix;

/* Parses @canonical_ip, a bare IPv4 or IPv6 address such as
 * _hdr_ip_canonicalize_full() returns.  Returns FALSE for any other text. */
gboolean   _hdr_ip_address_parse     (const char         *canonical_ip,
                                      HdrIpAddress       *address);

/* Parses an IP literal in any form hdr_ip_canonicalize() reads, with an
 * IPv4-mapped address stored as IPv4.  FALSE when @text is no IP address. */
gboolean   _hdr_ip_parse_literal     (const char         *text,
                                      HdrIpAddress       *address);

/* Parses "2603:1000::/24", "10.0.0.0/8", or a bare address meaning a single
 * host, as g_inet_address_mask_new_from_string() does.  Returns FALSE when
 * @cidr is invalid, which includes bits set after the prefix length and a
 * length over 128. */
gboolean   _hdr_ip_prefix_parse      (const char         *cidr,
                                      HdrIpPrefix        *prefix);

/* TRUE when @address lies in @prefix.  An IPv4 address never lies in an
 * IPv6 prefix, nor the reverse. */
gboolean   _hdr_ip_prefix_contains   (const HdrIpPrefix  *prefix,
                                      const HdrIpAddress *address);

/* TRUE when @address lies in one of @prefixes, an array of HdrIpPrefix. */
gboolean   _hdr_ip_in_any_prefix     (const HdrIpAddress *address,
                                      GArray             *prefixes);

/* The flags an IP carries by itself: private, loopback, link-local. */
HdrHopFlags _hdr_ip_classify         (const char         *canonical_ip);

G_END_DECLS
