/* window-open.h: open a file in a test window and wait for its page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hdr-window.h"

G_BEGIN_DECLS

GtkWidget *window_open_file_and_wait (HdrWindow *window,
                                      GFile     *file,
                                      guint      timeout_seconds);

G_END_DECLS
