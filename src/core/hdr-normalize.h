/* hdr-normalize.h: text normalisation and folding before rule matching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A folded copy of a text with a map back to the original, so that evidence
 * can quote the original bytes. */
typedef struct
{
  char     *text;        /* folded UTF-8 */
  gsize     length;      /* bytes in text */
  gsize    *offsets;     /* offsets[i]: byte offset in the original of folded byte i; length + 1 entries */
  gboolean  unmasked;    /* look-alike letters were mapped somewhere */
  guint8   *lookalike;   /* lookalike[i]: TRUE when folded byte i comes from a mapped look-alike letter */
} HdrFolded;

HdrFolded *hdr_fold_text          (const char *text,
                                   gssize      length);
HdrFolded *hdr_fold_and_normalize_text (const char  *text,
                                        gssize       length,
                                        char       **normalized);
void       hdr_folded_free        (HdrFolded  *folded);
char      *hdr_fold_pattern       (const char *pattern);
char      *hdr_normalize_text     (const char *text,
                                   gssize      length);
gboolean   hdr_folded_span_has_lookalike (const HdrFolded *folded,
                                          gsize            start,
                                          gsize            end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrFolded, hdr_folded_free)

G_END_DECLS
