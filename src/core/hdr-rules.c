/* hdr-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-rules"

#include "config.h"

#include "hdr-rules.h"
