/* hdr-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-message"

#include "config.h"

#include "hdr-message.h"
