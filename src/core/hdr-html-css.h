/* hdr-html-css.h: the small part of CSS that decides whether mail text is hidden
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Colours are 0xRRGGBB. */
/* Font size, visibility and colour are inherited, and a descendant can set
 * them back, so they are kept apart from what hides a whole subtree. */
typedef struct
{
  guint    hidden : 1;             /* one declaration hides the element and its subtree */
  guint    has_font_size : 1;
  guint    font_invisible : 1;     /* font-size 0, or 1px or 1pt and less */
  guint    has_visibility : 1;
  guint    visibility_hidden : 1;
  guint    zero_size : 1;          /* width, height, max-width or max-height is 0 */
  guint    overflow_hidden : 1;
  guint    positioned : 1;         /* position: absolute or fixed */
  guint    offscreen_offset : 1;   /* left or top far in the negative */
  guint    has_color : 1;
  guint    color_transparent : 1;
  guint    has_background : 1;
  guint32  color;
  guint32  background;
} HdrCssStyle;

typedef struct _HdrCssSheet HdrCssSheet;

void         hdr_css_apply_declarations  (HdrCssStyle       *style,
                                          const char        *declarations);
void         hdr_css_style_merge         (HdrCssStyle       *style,
                                          const HdrCssStyle *later);
gboolean     hdr_css_style_hides         (const HdrCssStyle *style);
gboolean     hdr_css_parse_color         (const char        *value,
                                          guint32           *rgb,
                                          gboolean          *transparent);
gboolean     hdr_css_colors_match        (guint32            foreground,
                                          guint32            background);

HdrCssSheet *hdr_css_sheet_new           (void);
void         hdr_css_sheet_add           (HdrCssSheet       *sheet,
                                          const char        *css);
void         hdr_css_sheet_apply         (HdrCssSheet       *sheet,
                                          const char        *tag,
                                          const char        *class_attribute,
                                          const char        *id,
                                          HdrCssStyle       *style);
void         hdr_css_sheet_free          (HdrCssSheet       *sheet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrCssSheet, hdr_css_sheet_free)

G_END_DECLS
