/* hdr-auth.h: Authentication-Results, ARC and Received-SPF, and which to believe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hdr-route.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;   /* "smtp.mailfrom", "header.d", "policy.dmarc" */
  char *value;
} HdrAuthProperty;

/* One method result (RFC 8601 section 2.2) from one header field. */
typedef struct
{
  char      *header_name;  /* "Authentication-Results", "ARC-Authentication-Results", "Received-SPF" */
  guint      header_index; /* HdrHeader.index of the field */
  char      *authserv_id;  /* NULL where the field has none (Microsoft), receiver= for Received-SPF */
  char      *method;       /* "spf", "dkim", "dmarc", "arc", ... lower case */
  char      *result;       /* "pass", "fail", "softfail", ... lower case */
  char      *reason;       /* reason= text or comment, or NULL */
  GPtrArray *properties;   /* element-type HdrAuthProperty, in order */
  gboolean   trusted;      /* written by the recipient's side, see hdr-auth.c */

  guint      arc_instance;   /* i= of an ARC-Authentication-Results field, 0 otherwise */
  char      *method_version; /* "1" of "dkim/1", or NULL */
} HdrAuthResult;

/* The tags of one DKIM-Signature field (RFC 6376 section 3.5).  The app does
 * not verify signatures: these are what the sender's side claims. */
typedef struct
{
  guint      header_index;    /* HdrHeader.index of the field */
  char      *header_name;     /* "DKIM-Signature", or Gmail's "X-Google-DKIM-Signature" */
  char      *domain;          /* d=, or NULL */
  char      *selector;        /* s=, or NULL */
  char      *identity;        /* i=, or NULL */
  char      *algorithm;       /* a=, or NULL */
  GPtrArray *signed_headers;  /* element-type utf8: h= split at ':', lower case, never NULL */
} HdrDkimSignature;

/* The ARC header fields with one instance number (RFC 8617 section 4.2). */
typedef struct
{
  guint     instance;                    /* i=, 1 to 50 */
  gboolean  has_seal;                    /* an ARC-Seal carries this i= */
  gboolean  has_message_signature;       /* an ARC-Message-Signature carries this i= */
  gboolean  has_authentication_results;  /* an ARC-Authentication-Results carries this i= */
  gboolean  has_duplicates;              /* some field of this set appears twice */
  char     *seal_cv;                     /* cv= of the ARC-Seal, lower case, or NULL */
  char     *seal_domain;                 /* d= of the ARC-Seal, or NULL */
  guint     seal_header_index;           /* HdrHeader.index of the ARC-Seal, G_MAXUINT if none */
} HdrArcSet;

/* One verdict of the recipient provider's own spam filter, decoded from
 * Microsoft's X-Forefront-Antispam-Report, X-Microsoft-Antispam,
 * X-Microsoft-Antispam-Mailbox-Delivery or X-MS-Exchange-Organization-*
 * fields, or from the ARC-Seal that Google added on arrival. */
typedef struct
{
  char     *header_name;   /* the field it was read from */
  guint     header_index;  /* HdrHeader.index of the field */
  char     *name;          /* upper-case tag: "SCL", "PCL", "BCL", "SFV", "CAT", "IPV",
                            * "CTRY", "CIP", "SRV", "DIR", "AUTHAS", "DEST", "RF", "ARC-CV" */
  char     *value;         /* as written, without blanks around it */
  gboolean  trusted;       /* written by the recipient's provider, see hdr-auth-filter.c */
} HdrFilterVerdict;

#define HDR_TYPE_AUTH (hdr_auth_get_type ())

G_DECLARE_FINAL_TYPE (HdrAuth, hdr_auth, HDR, AUTH, GObject)

HdrAuth    *hdr_auth_new          (GPtrArray  *headers,
                                   HdrRoute   *route);
GPtrArray  *hdr_auth_get_results  (HdrAuth    *self);
const char *hdr_auth_get_summary  (HdrAuth    *self,
                                   const char *method);
const char *hdr_auth_result_get_property (const HdrAuthResult *result,
                                          const char          *name);
GPtrArray  *hdr_auth_get_dkim_signatures (HdrAuth *self);
GPtrArray  *hdr_auth_get_arc_sets        (HdrAuth *self);
GPtrArray  *hdr_auth_get_filter_verdicts (HdrAuth *self);
const char *hdr_auth_get_filter_verdict  (HdrAuth    *self,
                                          const char *name);

G_END_DECLS
