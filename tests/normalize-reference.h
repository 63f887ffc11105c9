/* normalize-reference.h: the reference implementation of normalisation
 * and folding, for test-normalize-reference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hdr-normalize.h"

G_BEGIN_DECLS

char      *reference_normalize_text          (const char  *text,
                                              gssize       length);
HdrFolded *reference_fold_and_normalize_text (const char  *text,
                                              gssize       length,
                                              char       **normalized);

G_END_DECLS
