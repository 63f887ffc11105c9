/* hdr-wallet.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-wallet"

#include "config.h"

#include "hdr-wallet.h"
