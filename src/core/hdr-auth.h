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
  char      *authserv_id;  /* NULL where the field has none (Microsoft) */
  char      *method;       /* "spf", "dkim", "dmarc", "arc", ... lower case */
  char      *result;       /* "pass", "fail", "softfail", ... lower case */
  char      *reason;       /* reason= text or comment, or NULL */
  GPtrArray *properties;   /* element-type HdrAuthProperty, in order */
  gboolean   trusted;      /* written by the recipient's side, see hdr-auth.c */
} HdrAuthResult;

#define HDR_TYPE_AUTH (hdr_auth_get_type ())

G_DECLARE_FINAL_TYPE (HdrAuth, hdr_auth, HDR, AUTH, GObject)

HdrAuth    *hdr_auth_new          (GPtrArray  *headers,
                                   HdrRoute   *route);
GPtrArray  *hdr_auth_get_results  (HdrAuth    *self);
const char *hdr_auth_get_summary  (HdrAuth    *self,
                                   const char *method);
const char *hdr_auth_result_get_property (const HdrAuthResult *result,
                                          const char          *name);

G_END_DECLS
