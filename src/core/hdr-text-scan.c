/* hdr-text-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-text-scan"

#include "config.h"

#include "hdr-text-scan.h"
