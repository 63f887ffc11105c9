/* hdr-report-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-command"

#include "config.h"

#include "hdr-report-command.h"
