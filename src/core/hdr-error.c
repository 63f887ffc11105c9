/* hdr-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hdr-error.h"

G_DEFINE_QUARK (hdr-error-quark, hdr_error)
