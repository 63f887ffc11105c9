/* hdr-received.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-received"

#include "config.h"

#include "hdr-received.h"
