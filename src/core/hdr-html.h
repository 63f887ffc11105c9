/* hdr-html.h: visible and hidden text of an HTML part, read with libxml2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *visible_text;         /* what a mail client shows, block elements as line breaks */
  char  *hidden_text;          /* text hidden with CSS, or NULL */
  guint  remote_image_count;   /* <img> with an http(s) source: never loaded */
  guint  link_count;
} HdrHtmlText;

HdrHtmlText *hdr_html_extract     (const char  *html,
                                   gssize       length);
void         hdr_html_text_free   (HdrHtmlText *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrHtmlText, hdr_html_text_free)

G_END_DECLS
