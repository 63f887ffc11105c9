/* hdr-report-view.h: the report of one message: verdict, findings, route, checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hdr-report.h"
#include "hdr-teaching-view.h"

G_BEGIN_DECLS

#define HDR_TYPE_REPORT_VIEW (hdr_report_view_get_type ())

G_DECLARE_FINAL_TYPE (HdrReportView, hdr_report_view, HDR, REPORT_VIEW, GtkWidget)

GtkWidget  *hdr_report_view_new             (void);
void        hdr_report_view_set_report      (HdrReportView *self,
                                             HdrReport     *report);
HdrReport  *hdr_report_view_get_report      (HdrReportView *self);
void        hdr_report_view_focus_heading   (HdrReportView *self);
GtkWidget  *hdr_report_view_get_heading     (HdrReportView *self);
const char *hdr_report_view_get_headline    (HdrReportView *self);
guint       hdr_report_view_get_n_findings  (HdrReportView *self);
guint       hdr_report_view_get_n_hops      (HdrReportView *self);
void        hdr_report_view_show_teaching   (HdrReportView *self,
                                             gboolean       teaching);
HdrTeachingView *hdr_report_view_get_teaching_view (HdrReportView *self);

G_END_DECLS
