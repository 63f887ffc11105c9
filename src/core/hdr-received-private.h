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

/* hdr-received.c: like hdr_ip_canonicalize(), and also reports whether the
 * text was an IPv4-mapped IPv6 address (then reported as IPv4). */
char      *_hdr_ip_canonicalize_full (const char  *text,
                                      char       **zone,
                                      gboolean    *ipv4_mapped);

/* The flags an IP carries by itself: private, loopback, link-local. */
HdrHopFlags _hdr_ip_classify          (const char  *canonical_ip);

/* TRUE when @canonical_ip lies in @cidr ("2603:1000::/24", "10.0.0.0/8",
 * or a bare address meaning a single host). */
gboolean   _hdr_ip_in_prefix          (const char  *canonical_ip,
                                       const char  *cidr);

G_END_DECLS
