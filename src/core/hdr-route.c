/* hdr-route.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-route"

#include "config.h"

#include "hdr-route.h"
