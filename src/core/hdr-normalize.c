/* hdr-normalize.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-normalize"

#include "config.h"

#include "hdr-normalize.h"
