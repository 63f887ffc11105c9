/* hdr-analysis.h: the whole analysis of one message, in a thread or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hdr-report.h"

G_BEGIN_DECLS

HdrReport *hdr_analyze_message       (HdrMessage           *message);
HdrReport *hdr_analyze_bytes         (GBytes               *bytes,
                                      const char           *source,
                                      GError              **error);
void       hdr_analyze_file_async    (GFile                *file,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
void       hdr_analyze_bytes_async   (GBytes               *bytes,
                                      const char           *source,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
HdrReport *hdr_analyze_finish        (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
