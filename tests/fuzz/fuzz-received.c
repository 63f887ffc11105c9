/* fuzz-received.c: libFuzzer harness, one Received header value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hdr-received.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* Header values reach the parser as valid UTF-8 without NUL bytes. */
  g_autofree char *value = g_utf8_make_valid ((const char *)data, size);
  g_autoptr(HdrHop) hop = NULL;

  hop = hdr_hop_parse (value);
  g_assert (hop != NULL);
  g_assert (hop->raw != NULL);

  return 0;
}
