/* hdr-html.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-html"

#include "config.h"

#include "hdr-html.h"
