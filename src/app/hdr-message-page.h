/* hdr-message-page.h: one tab: a message being analysed, its report or its error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hdr-report-view.h"

G_BEGIN_DECLS

typedef enum
{
  HDR_MESSAGE_PAGE_LOADING,
  HDR_MESSAGE_PAGE_ERROR,
  HDR_MESSAGE_PAGE_REPORT,
} HdrMessagePageState;

#define HDR_TYPE_MESSAGE_PAGE (hdr_message_page_get_type ())

G_DECLARE_FINAL_TYPE (HdrMessagePage, hdr_message_page, HDR, MESSAGE_PAGE, GtkWidget)

HdrMessagePage      *hdr_message_page_new_for_file          (GFile          *file);
HdrMessagePage      *hdr_message_page_new_for_text          (const char     *text,
                                                             const char     *title);
void                 hdr_message_page_cancel                (HdrMessagePage *self);
const char          *hdr_message_page_get_title             (HdrMessagePage *self);
gboolean             hdr_message_page_get_loading           (HdrMessagePage *self);
HdrMessagePageState  hdr_message_page_get_state             (HdrMessagePage *self);
const char          *hdr_message_page_get_error_title       (HdrMessagePage *self);
const char          *hdr_message_page_get_error_description (HdrMessagePage *self);
HdrReportView       *hdr_message_page_get_report_view       (HdrMessagePage *self);

G_END_DECLS
