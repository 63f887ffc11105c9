/* bench-traplist.c: load a generated 1,000,000-entry trap list and look up 1,000,000 addresses
 *
 * Not part of the test suite.  Prints the load time per entry, the lookup
 * time and the memory per range.  The list is made up (a fixed seed), with
 * the mix of a spamd list: mostly single IPv4 addresses, some blocks and
 * ranges, a few IPv6 addresses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "hdr-traplist.h"

#define N_ENTRIES 1000000
#define N_LOOKUPS 1000000
#define N_ADDRESS_OBJECTS 4096

/* Resident set size in bytes, from /proc/self/statm (Linux only), or 0. */
static gsize
read_resident_size (void)
{
  g_autofree char *statm = NULL;
  unsigned long pages_total = 0;
  unsigned long pages_resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  if (sscanf (statm, "%lu %lu", &pages_total, &pages_resident) != 2)
    return 0;

  return pages_resident * (gsize)sysconf (_SC_PAGESIZE);
}

static GBytes *
generate_list (GRand *rand)
{
  GString *text = g_string_sized_new (N_ENTRIES * 16);

  g_string_append (text, "# generated trap list for bench-traplist\n");
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      guint32 address = g_rand_int (rand);
      guint kind = g_rand_int_range (rand, 0, 100);

      if (kind < 90)
        g_string_append_printf (text, "%u.%u.%u.%u\n", address >> 24, (address >> 16) & 0xff,
                                (address >> 8) & 0xff, address & 0xff);
      else if (kind < 95)
        g_string_append_printf (text, "%u.%u.%u.0/%d\n", address >> 24, (address >> 16) & 0xff,
                                (address >> 8) & 0xff, g_rand_int_range (rand, 24, 31));
      else if (kind < 99)
        g_string_append_printf (text, "%u.%u.%u.10 - %u.%u.%u.%u\n",
                                address >> 24, (address >> 16) & 0xff, (address >> 8) & 0xff,
                                address >> 24, (address >> 16) & 0xff, (address >> 8) & 0xff,
                                g_rand_int_range (rand, 10, 256));
      else
        g_string_append_printf (text, "2001:db8:%x:%x::%x\n", address >> 16, address & 0xffff,
                                g_rand_int_range (rand, 1, 0xffff));
    }

  return g_string_free_to_bytes (text);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  gsize resident_before;
  gsize resident_after;
  gint64 start;
  gint64 load_time;
  gint64 lookup_time;
  gint64 string_lookup_time;
  guint n_ranges;
  guint n_listed = 0;

  bytes = generate_list (rand);
  resident_before = read_resident_size ();

  start = g_get_monotonic_time ();
  list = hdr_traplist_new_from_bytes (bytes, "generated", HDR_TRAPLIST_DEFAULT_MAX_SIZE, &error);
  load_time = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  resident_after = read_resident_size ();

  for (guint i = 0; i < N_ADDRESS_OBJECTS; i++)
    {
      guint32 value = g_rand_int (rand);
      guint8 octets[4] = { value >> 24, value >> 16, value >> 8, value };

      g_ptr_array_add (addresses, g_inet_address_new_from_bytes (octets, G_SOCKET_FAMILY_IPV4));
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_LOOKUPS; i++)
    n_listed += hdr_traplist_contains (list, g_ptr_array_index (addresses, i % N_ADDRESS_OBJECTS));
  lookup_time = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      char text[16];
      guint32 value = g_rand_int (rand);

      g_snprintf (text, sizeof text, "%u.%u.%u.%u", value >> 24, (value >> 16) & 0xff,
                  (value >> 8) & 0xff, value & 0xff);
      n_listed += hdr_traplist_contains_string (list, text);
    }
  string_lookup_time = g_get_monotonic_time () - start;

  n_ranges = hdr_traplist_get_n_ranges_ipv4 (list) + hdr_traplist_get_n_ranges_ipv6 (list);
  g_print ("list: %u entries (%zu bytes of text), %u bad lines\n",
           hdr_traplist_get_n_entries (list), g_bytes_get_size (bytes),
           hdr_traplist_get_n_bad_lines (list));
  g_print ("ranges after merging: %u IPv4, %u IPv6\n",
           hdr_traplist_get_n_ranges_ipv4 (list), hdr_traplist_get_n_ranges_ipv6 (list));
  g_print ("load: %.3f s in all, %.0f ns per entry\n",
           load_time / 1e6, load_time * 1e3 / N_ENTRIES);
  g_print ("lookup (GInetAddress): %.3f s for %d, %.0f ns each\n",
           lookup_time / 1e6, N_LOOKUPS, lookup_time * 1e3 / N_LOOKUPS);
  g_print ("lookup (string, parsed each time): %.3f s for %d, %.0f ns each\n",
           string_lookup_time / 1e6, N_LOOKUPS, string_lookup_time * 1e3 / N_LOOKUPS);
  g_print ("memory of the ranges: %zu bytes, %.1f bytes per range (IPv4: 8, IPv6: 32)\n",
           hdr_traplist_get_memory_size (list),
           (double)hdr_traplist_get_memory_size (list) / MAX (n_ranges, 1));
  g_print ("resident set growth while loading: %.1f MB\n",
           ((double)resident_after - (double)resident_before) / (1024 * 1024));
  g_print ("listed among the lookups: %u\n", n_listed);

  return 0;
}
