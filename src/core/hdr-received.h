/* hdr-received.h: one Received header field parsed into a hop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HDR_HOP_FLAG_NONE              = 0,
  HDR_HOP_FLAG_LINK_LOCAL        = 1 << 0,  /* from IP is fe80::/10 or 169.254.0.0/16 */
  HDR_HOP_FLAG_UNKNOWN_ZONE      = 1 << 1,  /* date zone not understood, treated as +0000 */
  HDR_HOP_FLAG_OBSOLETE_ZONE     = 1 << 2,  /* RFC 5322 section 4.3 zone name such as EST */
  HDR_HOP_FLAG_TWO_DIGIT_YEAR    = 1 << 3,  /* year completed per RFC 5322 section 4.3 */
  HDR_HOP_FLAG_NO_ZONE           = 1 << 4,  /* date had no zone at all */
  HDR_HOP_FLAG_MAY_BE_FORGED     = 1 << 5,  /* the writer wrote "(may be forged)" */
  HDR_HOP_FLAG_IPV4_MAPPED       = 1 << 6,  /* ::ffff:a.b.c.d, reported as the IPv4 address */
  HDR_HOP_FLAG_PRIVATE_IP        = 1 << 7,  /* RFC 1918, RFC 6598 or RFC 4193 address */
  HDR_HOP_FLAG_LOOPBACK          = 1 << 8,  /* 127.0.0.0/8 or ::1, or "from localhost" */
  HDR_HOP_FLAG_LOCAL_SUBMISSION  = 1 << 9,  /* no network: "(qmail N invoked by uid N)" and the like */
  HDR_HOP_FLAG_AUTHENTICATED     = 1 << 10, /* ESMTPA, ESMTPSA, "Authenticated sender" */
  HDR_HOP_FLAG_CLOCK_SKEW        = 1 << 11, /* dated before the hop below it */
  HDR_HOP_FLAG_FUTURE_DATE       = 1 << 12, /* dated well after the message was received */
} HdrHopFlags;

/* One Received header field, parsed.  String fields are NULL where the
 * header does not carry them. */
typedef struct
{
  char        *raw;            /* the unfolded value as written */
  char        *from_helo;      /* name the client gave in HELO/EHLO */
  char        *from_rdns;      /* reverse DNS name the writer looked up */
  char        *from_ip;        /* canonical compressed form, no brackets, no zone */
  char        *zone;           /* IPv6 zone of from_ip ("9" of fe80::1%9) */
  char        *by;             /* host that wrote the header */
  char        *via;
  char        *with;           /* protocol, e.g. "ESMTPS" */
  char        *id;             /* the writer's queue id, as written */
  GPtrArray   *for_addresses;  /* element-type utf8, never NULL */
  GDateTime   *date;           /* UTC, NULL when absent or unreadable */
  HdrHopFlags  flags;
  char        *parse_error;    /* why the value could not be parsed, or NULL */

  /* Set by HdrRoute. */
  guint        index;          /* 0 = oldest hop */
  guint        header_index;   /* HdrHeader.index of the field */
  gboolean     has_delay;
  gint64       delay_seconds;  /* signed: negative is clock skew */
  gboolean     trusted;
  gboolean     authenticated;
} HdrHop;

/* Parses one Received value (unfolded or folded).  Never fails: a value
 * with nothing readable keeps its raw text and a parse_error.  NULL is read
 * as an empty value. */
HdrHop     *hdr_hop_parse           (const char  *value);
void        hdr_hop_free            (HdrHop      *hop);

/* The JSON name of one flag ("link_local", ...); NULL for none or several. */
const char *hdr_hop_flag_to_string  (HdrHopFlags  flag);

/* "[IPv6:2001:DB8::1]", "[fe80::1%9]]", "[192.0.2.1]:25", "::ffff:192.0.2.1"
 * -> "2001:db8::1", "fe80::1" (zone "9"), "192.0.2.1", "192.0.2.1": the
 * compressed form without brackets, "IPv6:" prefix, port or zone, and an
 * IPv4-mapped address as IPv4.  NULL when @text is no IP address.  @zone
 * may be NULL. */
char       *hdr_ip_canonicalize     (const char  *text,
                                     char       **zone);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrHop, hdr_hop_free)

G_END_DECLS
