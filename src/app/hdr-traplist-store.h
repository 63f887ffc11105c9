/* hdr-traplist-store.h: the trap lists the window uses, loaded and refreshed in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hdr-traplist.h"

G_BEGIN_DECLS

#define HDR_TYPE_TRAPLIST_STORE (hdr_traplist_store_get_type ())

G_DECLARE_FINAL_TYPE (HdrTraplistStore, hdr_traplist_store, HDR, TRAPLIST_STORE, GObject)

HdrTraplistStore *hdr_traplist_store_get_default     (void);
HdrTraplistStore *hdr_traplist_store_new             (GSettings         *settings,
                                                      const char        *cache_dir);
GSettings        *hdr_traplist_store_get_settings    (HdrTraplistStore  *self);
GPtrArray        *hdr_traplist_store_dup_lists       (HdrTraplistStore  *self);
void              hdr_traplist_store_refresh         (HdrTraplistStore  *self,
                                                      gboolean           force);
void              hdr_traplist_store_cancel          (HdrTraplistStore  *self);
gboolean          hdr_traplist_store_is_loading      (HdrTraplistStore  *self,
                                                      guint64           *received,
                                                      guint64           *total);
HdrTraplist      *hdr_traplist_store_get_list        (HdrTraplistStore  *self,
                                                      const char        *source);
const char       *hdr_traplist_store_get_error       (HdrTraplistStore  *self,
                                                      const char        *source);
gboolean          hdr_traplist_store_is_source_loading (HdrTraplistStore *self,
                                                        const char       *source);

G_END_DECLS
