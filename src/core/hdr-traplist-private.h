/* hdr-traplist-private.h: cache metadata shared by the parser and the download code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hdr-traplist.h"

G_BEGIN_DECLS

/* What is stored beside a cached copy, in a GKeyFile. */
typedef struct
{
  char   *url;
  char   *etag;           /* ETag of the cached copy, or NULL */
  char   *last_modified;  /* Last-Modified of the cached copy, as the server wrote it, or NULL */
  gint64  fetched;        /* Unix time the server last confirmed the copy (200 or 304), or -1 */
  gint64  checked;        /* Unix time of the last request that got a 200 or 304 response, or -1 */
} HdrTraplistMeta;

void      hdr_traplist_meta_clear          (HdrTraplistMeta  *meta);
gboolean  hdr_traplist_meta_load           (HdrTraplistMeta  *meta,
                                            const char       *url,
                                            const char       *cache_dir);
gboolean  hdr_traplist_meta_save          (const HdrTraplistMeta *meta,
                                            const char       *cache_dir,
                                            GError          **error);
char     *hdr_traplist_resolve_cache_dir   (const char       *cache_dir);
void      hdr_traplist_set_refresh_error   (HdrTraplist      *self,
                                            const char       *message);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HdrTraplistMeta, hdr_traplist_meta_clear)

G_END_DECLS
