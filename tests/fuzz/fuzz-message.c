/* fuzz-message.c: libFuzzer harness, a whole message to a JSON report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hdr-analysis.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(HdrReport) report = hdr_analyze_bytes (bytes, "fuzz", NULL);
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  if (report == NULL)
    return 0;

  json = hdr_report_to_json (report, FALSE);
  text = hdr_report_to_text (report);
  g_assert (g_utf8_validate (json, -1, NULL));

  return 0;
}
