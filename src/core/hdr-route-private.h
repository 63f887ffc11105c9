/* hdr-route-private.h: provider families and registrable domains for the route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One group of data/providers.conf. */
typedef struct
{
  char   *id;       /* the group name, e.g. "microsoft" */
  char   *name;     /* e.g. "Microsoft" */
  GStrv   domains;  /* host names equal to or ending in ".<domain>" */
  GArray *prefixes;        /* HdrIpPrefix: blocks of the family's own hosts */
  GArray *writer_prefixes; /* HdrIpPrefix: blocks that only name its internal writers */
  GStrv   authserv_ids;    /* fixed authserv-ids it writes, e.g. "mx.microsoft.com" */
} HdrProviderFamily;

/* The families compiled into libhdr-core, loaded once; never freed. */
GPtrArray               *_hdr_provider_families          (void);

/* The family whose domains hold @host, or whose prefixes or writer prefixes
 * hold @host when it is an IP address; NULL when none does.  For naming the
 * family of a "by" host. */
const HdrProviderFamily *_hdr_provider_family_for_host   (const char              *host);
gboolean                 _hdr_provider_family_has_name   (const HdrProviderFamily *family,
                                                          const char              *host);
gboolean                 _hdr_provider_family_has_ip     (const HdrProviderFamily *family,
                                                          const char              *canonical_ip);
gboolean                 _hdr_provider_family_has_authserv_id (const HdrProviderFamily *family,
                                                               const char              *authserv_id);

/* The registrable domain of @host by the Public Suffix List (libpsl), in
 * lower case, or NULL for an IP literal, a single label or a public suffix. */
char                    *_hdr_registrable_domain         (const char              *host);

G_END_DECLS
