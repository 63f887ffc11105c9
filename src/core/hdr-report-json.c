/* hdr-report-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-json"

#include "config.h"

#include "hdr-report.h"
