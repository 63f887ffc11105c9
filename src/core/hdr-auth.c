/* hdr-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-auth"

#include "config.h"

#include "hdr-auth.h"
