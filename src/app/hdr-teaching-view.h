/* hdr-teaching-view.h: the raw headers, each line explained on selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hdr-report.h"

G_BEGIN_DECLS

#define HDR_TYPE_TEACHING_VIEW (hdr_teaching_view_get_type ())

G_DECLARE_FINAL_TYPE (HdrTeachingView, hdr_teaching_view, HDR, TEACHING_VIEW, GtkWidget)

GtkWidget  *hdr_teaching_view_new              (void);
void        hdr_teaching_view_set_report       (HdrTeachingView *self,
                                                HdrReport       *report);
gboolean    hdr_teaching_view_select_header    (HdrTeachingView *self,
                                                guint            header_index);
void        hdr_teaching_view_step_route       (HdrTeachingView *self,
                                                int              direction);
guint       hdr_teaching_view_get_n_lines      (HdrTeachingView *self);
const char *hdr_teaching_view_get_note_title   (HdrTeachingView *self);
guint       hdr_teaching_view_get_selected_header_index (HdrTeachingView *self);

G_END_DECLS
