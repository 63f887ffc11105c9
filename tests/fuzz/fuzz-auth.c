/* fuzz-auth.c: libFuzzer harness, Authentication-Results and Received-SPF
 * values above a trusted Received header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hdr-auth.h"
#include "hdr-message.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static HdrHeader *
make_header (const char *name,
             const char *value,
             guint       index)
{
  HdrHeader *header = g_new0 (HdrHeader, 1);

  header->name = g_strdup (name);
  header->value = g_strdup (value);
  header->decoded = g_strdup (value);
  header->raw = g_strdup_printf ("%s: %s", name, value);
  header->index = index;
  header->line = index + 1;

  return header;
}

static void
free_header (gpointer data)
{
  HdrHeader *header = data;

  g_free (header->name);
  g_free (header->value);
  g_free (header->decoded);
  g_free (header->raw);
  g_free (header);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *value = g_utf8_make_valid ((const char *)data, size);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (free_header);
  g_autoptr(HdrRoute) route = NULL;
  g_autoptr(HdrAuth) auth = NULL;

  g_ptr_array_add (headers, make_header ("Authentication-Results", value, 0));
  g_ptr_array_add (headers, make_header ("ARC-Authentication-Results", value, 1));
  g_ptr_array_add (headers, make_header ("Received-SPF", value, 2));
  g_ptr_array_add (headers, make_header ("DKIM-Signature", value, 3));
  g_ptr_array_add (headers, make_header ("Received",
                                         "from mail.example.net (mail.example.net [192.0.2.1]) "
                                         "by mx.example.org with ESMTP id 1; "
                                         "Tue, 25 Feb 2020 10:11:12 +0100", 4));

  route = hdr_route_new (headers);
  auth = hdr_auth_new (headers, route);
  g_assert (hdr_auth_get_results (auth) != NULL);

  return 0;
}
