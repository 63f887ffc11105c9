/* hdr-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-analysis"

#include "config.h"

#include "hdr-analysis.h"
