/* fuzz-traplist.c: libFuzzer harness, the spamd trap-list parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hdr-traplist.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(HdrTraplist) list = hdr_traplist_new_from_bytes (bytes, "fuzz", 1024 * 1024, NULL);

  if (list == NULL)
    return 0;

  hdr_traplist_contains_string (list, "192.0.2.1");
  hdr_traplist_contains_string (list, "2001:db8::1");

  return 0;
}
