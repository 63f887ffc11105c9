/* hdr-window.h: the main window, one tab per message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hdr-application.h"

G_BEGIN_DECLS

#define HDR_TYPE_WINDOW (hdr_window_get_type ())

G_DECLARE_FINAL_TYPE (HdrWindow, hdr_window, HDR, WINDOW, AdwApplicationWindow)

HdrWindow  *hdr_window_new          (HdrApplication *application);
void        hdr_window_open_file    (HdrWindow      *self,
                                     GFile          *file);
void        hdr_window_open_text    (HdrWindow      *self,
                                     const char     *text,
                                     const char     *title);
AdwTabView *hdr_window_get_tab_view (HdrWindow      *self);

G_END_DECLS
