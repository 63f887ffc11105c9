/* hdr-text-prefilter.h: required literals of rule patterns, found in one pass
 *
 * A rule pattern usually cannot match without one of a few literal words
 * ("hacker", "webcam").  The prefilter finds every such literal of every
 * pattern in one pass over a text, so that each pattern runs only near its
 * literals instead of over the whole text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Literals shorter than this many bytes are too common to select positions. */
#define HDR_PREFILTER_MIN_LITERAL 3

/* max_prefix of a pattern without usable literals. */
#define HDR_PATTERN_UNBOUNDED G_MAXSIZE

/* Bytes an unbounded repeat (\w+, .*, x{2,}) is assumed to match at most
 * when the longest part of a match before its literal is computed.  Rule
 * patterns repeat words and short gaps, and the longest words of the
 * languages with rules are under 40 letters, so a match that needs a longer
 * run (a base64 block read as one word) is not searched for. */
#define HDR_PATTERN_REPEAT_BYTES 128

GPtrArray *hdr_pattern_get_required_literals (const char  *pattern,
                                              GHashTable  *common_words,
                                              gsize       *max_prefix,
                                              gsize       *max_length,
                                              GPtrArray  **sets);

GPtrArray *hdr_pattern_get_required_sets (const char *pattern);

typedef struct _HdrPrefilter HdrPrefilter;

/* One occurrence of a literal: its index from hdr_prefilter_add_literal()
 * and the byte offset where it starts. */
typedef struct
{
  guint literal;
  gsize position;
} HdrPrefilterHit;

HdrPrefilter *hdr_prefilter_new            (void);
void          hdr_prefilter_free           (HdrPrefilter       *prefilter);
guint         hdr_prefilter_add_literal    (HdrPrefilter       *prefilter,
                                            const char         *literal);
guint         hdr_prefilter_add            (HdrPrefilter       *prefilter,
                                            const char         *literal,
                                            guint               id);
void          hdr_prefilter_build          (HdrPrefilter       *prefilter);
guint         hdr_prefilter_get_n_literals (const HdrPrefilter *prefilter);
const guint  *hdr_prefilter_get_ids        (const HdrPrefilter *prefilter,
                                            guint               literal,
                                            guint              *n_ids);
void          hdr_prefilter_find           (const HdrPrefilter *prefilter,
                                            const char         *text,
                                            gsize               length,
                                            GArray             *hits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrPrefilter, hdr_prefilter_free)

G_END_DECLS
