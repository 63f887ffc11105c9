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

#define HDR_TYPE_ROUTE (hdr_route_get_type ())

G_DECLARE_FINAL_TYPE (HdrRoute, hdr_route, HDR, ROUTE, GObject)

/* headers: element-type HdrHeader, all top-level headers in order. */
HdrRoute      *hdr_route_new                 (GPtrArray   *headers);
GPtrArray     *hdr_route_get_hops            (HdrRoute    *self);
HdrHop        *hdr_route_get_origin_hop      (HdrRoute    *self);
const char    *hdr_route_get_origin_ip       (HdrRoute    *self);
HdrOriginKind  hdr_route_get_origin_kind     (HdrRoute    *self);
const char    *hdr_route_get_provider_domain (HdrRoute    *self);
const char    *hdr_route_get_list_id         (HdrRoute    *self);
guint          hdr_route_get_first_untrusted_header_index (HdrRoute *self);
gboolean       hdr_route_is_trusted_writer   (HdrRoute    *self,
                                              const char  *host);
const char    *hdr_origin_kind_to_string     (HdrOriginKind kind);

G_END_DECLS
