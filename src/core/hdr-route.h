/* hdr-route.h: the Received chain in order, its trust boundary and origin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hdr-received.h"

G_BEGIN_DECLS

typedef enum
{
  HDR_ORIGIN_NONE,           /* no trusted hop names a sending host */
  HDR_ORIGIN_EXTERNAL,       /* a host outside the recipient's provider */
  HDR_ORIGIN_AUTHENTICATED,  /* a logged-in account of the provider */
  HDR_ORIGIN_MAILING_LIST,   /* the list server the message came through */
} HdrOriginKind;

/* Most Received headers read.  RFC 5321 section 6.3 has a server treat a
 * message with more than 100 of them as caught in a mail loop, so no
 * delivered message has more. */
#define HDR_ROUTE_MAX_HOPS 100

#define HDR_TYPE_ROUTE (hdr_route_get_type ())

G_DECLARE_FINAL_TYPE (HdrRoute, hdr_route, HDR, ROUTE, GObject)

/* headers: element-type HdrHeader, all top-level headers in order.  The
 * route copies what it needs and keeps no reference to them. */
HdrRoute      *hdr_route_new                 (GPtrArray   *headers);

/* element-type HdrHop, oldest first (hops[0] is the oldest hop). */
GPtrArray     *hdr_route_get_hops            (HdrRoute    *self);

/* The trusted hop whose client is the origin, or NULL (no Received header,
 * or every hop stayed inside the provider). */
HdrHop        *hdr_route_get_origin_hop      (HdrRoute    *self);

/* The origin hop's from_ip; NULL also for a webmail origin that recorded
 * no client address (Gmail's "by 2002:... with HTTP"). */
const char    *hdr_route_get_origin_ip       (HdrRoute    *self);
HdrOriginKind  hdr_route_get_origin_kind     (HdrRoute    *self);

/* The registrable domain of the topmost "by" host; when that is an IP
 * address or a single label ("by 2002:...", "by localhost"), of the first
 * trusted "by" host that has one.  NULL when none has. */
const char    *hdr_route_get_provider_domain (HdrRoute    *self);

/* The list identifier inside the List-Id field's angle brackets, or NULL. */
const char    *hdr_route_get_list_id         (HdrRoute    *self);

/* The HdrHeader.index of the topmost Received header written by the
 * sender's side, or G_MAXUINT when there is none.  Authentication results
 * above it were written by the recipient's side. */
guint          hdr_route_get_first_untrusted_header_index (HdrRoute *self);

/* TRUE when @host is the "by" host of a trusted hop (case-insensitive). */
gboolean       hdr_route_is_trusted_writer   (HdrRoute    *self,
                                              const char  *host);

/* The group id in data/providers.conf ("microsoft", "google") of the
 * recipient's provider, or NULL when it belongs to no listed family. */
const char    *hdr_route_get_provider_family (HdrRoute    *self);

/* The family's display name ("Microsoft"), or NULL. */
const char    *hdr_route_get_provider_name   (HdrRoute    *self);

/* TRUE when @host is a host name of the recipient provider's family: one
 * of its domains in data/providers.conf or a name under one.  FALSE when
 * the provider has no family. */
gboolean       hdr_route_is_provider_host    (HdrRoute    *self,
                                              const char  *host);

/* TRUE when @authserv_id is one of the fixed ids that the recipient
 * provider's family writes instead of a host name ("authserv-ids" in
 * data/providers.conf, compared exactly and case-insensitively). */
gboolean       hdr_route_is_provider_authserv_id (HdrRoute   *self,
                                                  const char *authserv_id);

/* "external", "authenticated", "mailing_list"; "none" for HDR_ORIGIN_NONE. */
guint          hdr_route_get_ignored_hop_count (HdrRoute *self);
const char    *hdr_origin_kind_to_string     (HdrOriginKind kind);

G_END_DECLS
