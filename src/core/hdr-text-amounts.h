/* hdr-text-amounts.h: amounts of money in a message's normalised text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hdr-text-scan.h"

G_BEGIN_DECLS

void hdr_amounts_find          (const char         *normalized,
                                GPtrArray          *amounts,
                                GHashTable         *seen);
void hdr_amounts_resolve_krone (GPtrArray          *amounts,
                                const char * const *languages);

G_END_DECLS
