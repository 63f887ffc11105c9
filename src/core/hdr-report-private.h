/* hdr-report-private.h: the report's fields, shared with its renderers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hdr-report.h"

G_BEGIN_DECLS

struct _HdrReport
{
  GObject      parent_instance;

  HdrMessage  *message;
  HdrRoute    *route;
  HdrAuth     *auth;
  HdrTextScan *scan;

  HdrVerdict   verdict;
  char        *headline;
  char        *summary;
  GPtrArray   *findings;
  HdrClaims    claims;
  GPtrArray   *actions;   /* element-type utf8, NULL-terminated: "what to do now" */
  GPtrArray   *traplist_results;  /* element-type HdrTraplistResult, or NULL when no list was used */
};

/* The text a renderer writes, and how deep in nested lists it is. */
typedef struct
{
  GString *text;
  guint    list_depth;
} HdrReportOutput;

/* The block types of the helpdesk report.  Each renderer escapes the text it
 * gets.  A list item's blocks come between item_begin and item_end. */
typedef struct
{
  void (*verdict)    (HdrReportOutput *out, HdrVerdict verdict, const char *headline,
                      const char *summary);
  void (*heading)    (HdrReportOutput *out, guint level, const char *text);
  void (*paragraph)  (HdrReportOutput *out, const char *text);
  void (*quote)      (HdrReportOutput *out, const char *label, const char *text);
  void (*list_begin) (HdrReportOutput *out, gboolean ordered);
  void (*item_begin) (HdrReportOutput *out, const char *text);
  void (*item_end)   (HdrReportOutput *out);
  void (*list_end)   (HdrReportOutput *out, gboolean ordered);
} HdrReportWriter;

void  _hdr_report_render        (HdrReport             *self,
                                 const HdrReportWriter *writer,
                                 HdrReportOutput       *out);

char *_hdr_report_format_delay (gint64 seconds);

G_END_DECLS
