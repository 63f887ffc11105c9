/* hdr-preferences.h: the Preferences window: trap lists and their sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hdr-traplist-store.h"

G_BEGIN_DECLS

#define HDR_TYPE_PREFERENCES (hdr_preferences_get_type ())

G_DECLARE_FINAL_TYPE (HdrPreferences, hdr_preferences, HDR, PREFERENCES, AdwPreferencesWindow)

HdrPreferences *hdr_preferences_new (GtkWindow        *parent,
                                     HdrTraplistStore *store);

G_END_DECLS
