/* hdr-keccak.h: Keccak-256 as Ethereum and Monero use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HDR_KECCAK256_LENGTH 32

void hdr_keccak256 (const guint8 *data,
                    gsize         length,
                    guint8        digest[HDR_KECCAK256_LENGTH]);

G_END_DECLS
