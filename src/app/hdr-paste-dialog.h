/* hdr-paste-dialog.h: a window to paste the text of a message into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HDR_TYPE_PASTE_DIALOG (hdr_paste_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HdrPasteDialog, hdr_paste_dialog, HDR, PASTE_DIALOG, AdwWindow)

HdrPasteDialog *hdr_paste_dialog_new (GtkWindow  *transient_for,
                                      const char *text);

G_END_DECLS
