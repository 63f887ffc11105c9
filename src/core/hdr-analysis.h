/* hdr-analysis.h: the whole analysis of one message, in a thread or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hdr-report.h"

G_BEGIN_DECLS

/* Optional inputs of an analysis beyond the message itself. */
typedef struct
{
  GPtrArray *traplists;  /* element-type HdrTraplist, or NULL: look the origin IP up in these */
  gboolean   words_only_allowed;  /* bytes without header lines are read as a message's words,
                                     see hdr_message_new_from_words() */
} HdrAnalysisOptions;

HdrReport *hdr_analyze_message       (HdrMessage           *message);
HdrReport *hdr_analyze_message_full  (HdrMessage               *message,
                                      const HdrAnalysisOptions *options);
void       hdr_analyze_file_full_async  (GFile                    *file,
                                         const HdrAnalysisOptions *options,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data);
void       hdr_analyze_bytes_full_async (GBytes                   *bytes,
                                         const char               *source,
                                         const HdrAnalysisOptions *options,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data);
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
