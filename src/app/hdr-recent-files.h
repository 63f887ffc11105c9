/* hdr-recent-files.h: keep opened messages out of the recently used files list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void hdr_recent_files_forget (GListModel *files);

G_END_DECLS
