/* hdr-report-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-text"

#include "config.h"

#include "hdr-report.h"
