/* fuzz-html.c: libFuzzer harness, HTML to visible and hidden text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hdr-html.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(HdrHtmlText) text = hdr_html_extract ((const char *)data, size);

  g_assert (text != NULL);
  g_assert (text->visible_text != NULL);
  g_assert (g_utf8_validate (text->visible_text, -1, NULL));

  return 0;
}
