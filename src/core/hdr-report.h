/* hdr-report.h: the verdict and findings for one message, and its renderers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hdr-auth.h"
#include "hdr-message.h"
#include "hdr-route.h"
#include "hdr-text-scan.h"
#include "hdr-traplist.h"

G_BEGIN_DECLS

typedef enum
{
  HDR_VERDICT_NONE,
  HDR_VERDICT_SUSPICIOUS,
  HDR_VERDICT_SEXTORTION,
} HdrVerdict;

typedef enum
{
  HDR_SEVERITY_INFO,
  HDR_SEVERITY_MEDIUM,
  HDR_SEVERITY_HIGH,
} HdrSeverity;

/* One finding: a plain statement with the evidence quoted from the message. */
typedef struct
{
  char        *id;           /* stable id, e.g. "hallmark.hacker_claim", "route.origin" */
  char        *category;     /* HdrCategory id, or "route", "authentication", "wallet", "message" */
  HdrSeverity  severity;
  char        *title;        /* one short translated sentence */
  char        *evidence;     /* quoted from the message, or NULL */
  char        *location;     /* where the evidence was found, or NULL */
  char        *explanation;  /* translated, plain words */
} HdrFinding;

typedef struct
{
  gboolean from_own_account;  /* the text, From, Sender or the From display name claims the
                              * recipient's own account (hdr-sender.c) */
  gboolean from_equals_to;    /* a From address equals a To address, literally */
  gboolean knows_password;
  gboolean has_recording;
  int      deadline_hours;   /* -1 when there is none */
} HdrClaims;

#define HDR_TYPE_REPORT (hdr_report_get_type ())

G_DECLARE_FINAL_TYPE (HdrReport, hdr_report, HDR, REPORT, GObject)

HdrReport       *hdr_report_new              (HdrMessage   *message,
                                              HdrRoute     *route,
                                              HdrAuth      *auth,
                                              HdrTextScan  *scan);
HdrVerdict       hdr_report_get_verdict      (HdrReport    *self);
const char      *hdr_report_get_headline     (HdrReport    *self);
const char      *hdr_report_get_summary      (HdrReport    *self);
GPtrArray       *hdr_report_get_findings     (HdrReport    *self);
const HdrClaims *hdr_report_get_claims       (HdrReport    *self);
HdrMessage      *hdr_report_get_message      (HdrReport    *self);
HdrRoute        *hdr_report_get_route        (HdrReport    *self);
HdrAuth         *hdr_report_get_auth         (HdrReport    *self);
HdrTextScan     *hdr_report_get_text_scan    (HdrReport    *self);
char            *hdr_report_to_json          (HdrReport    *self,
                                              gboolean      pretty);
char            *hdr_report_to_text          (HdrReport    *self);
char            *hdr_report_to_markdown      (HdrReport    *self);
char            *hdr_report_to_html          (HdrReport    *self);
char            *hdr_report_to_html_fragment (HdrReport    *self);
char            *hdr_report_html_begin       (void);
const char      *hdr_report_html_end         (void);
GPtrArray       *hdr_report_get_reasons      (HdrReport    *self,
                                              guint         max_reasons);
const char * const *hdr_report_get_actions   (HdrReport    *self);
char            *hdr_report_describe_hop     (const HdrHop *hop);
const char      *hdr_verdict_to_string       (HdrVerdict    verdict);
const char      *hdr_severity_to_string      (HdrSeverity   severity);
void             hdr_report_add_traplists        (HdrReport  *self,
                                                  GPtrArray  *traplists,
                                                  gint64      now);
GPtrArray       *hdr_report_get_traplist_results (HdrReport  *self);
HdrTraplistMatch hdr_report_get_trap_listed      (HdrReport  *self);

G_END_DECLS
