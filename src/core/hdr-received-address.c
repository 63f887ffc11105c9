/* hdr-received-address.c: IP literals as Received headers write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writers put the client's address in many dresses: "[192.0.2.1]",
 * "[192.0.2.1]:25", "[IPv6:2001:db8::1]", "[fe80::1%9]]" (Exchange doubles
 * the bracket), "::ffff:192.0.2.1" (Courier) and bare "2001:db8::1".  The
 * canonical form the report uses is GLib's compressed text without brackets,
 * prefix, port or zone; an IPv4-mapped address is reported as IPv4.
 */

#define G_LOG_DOMAIN "hdr-received"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "hdr-received-private.h"

static gboolean
is_ipv4_mapped (const HdrIpAddress *address)
{
  static const guint8 mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

  g_assert (address != NULL);

  return address->size == 16 && memcmp (address->bytes, mapped_prefix, sizeof mapped_prefix) == 0;
}

gboolean
_hdr_ip_address_parse (const char   *canonical_ip,
                       HdrIpAddress *address)
{
  g_return_val_if_fail (canonical_ip != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  /* The same steps as g_inet_address_new_from_string() on Unix: inet_pton()
   * for IPv4, then for IPv6. */
  if (inet_pton (AF_INET, canonical_ip, address->bytes) == 1)
    {
      address->size = 4;
      return TRUE;
    }

  if (inet_pton (AF_INET6, canonical_ip, address->bytes) == 1)
    {
      address->size = 16;
      return TRUE;
    }

  address->size = 0;

  return FALSE;
}

/* Reads an IP literal in any of the forms listed at the top of this file.
 * An IPv4-mapped IPv6 address is stored as IPv4 and sets @ipv4_mapped. */
static gboolean
read_ip_literal (const char    *text,
                 HdrIpAddress  *address,
                 char         **zone,
                 gboolean      *ipv4_mapped)
{
  g_autofree char *work = NULL;
  char *s;
  char *percent;
  gboolean bracketed = FALSE;

  g_assert (text != NULL);
  g_assert (address != NULL);

  if (zone != NULL)
    *zone = NULL;
  if (ipv4_mapped != NULL)
    *ipv4_mapped = FALSE;

  work = g_strstrip (g_strdup (text));
  s = work;

  /* "[ip]", "[ip]]", "[ip]:port": only what is inside the first brackets. */
  if (*s == '[')
    {
      char *close;

      bracketed = TRUE;
      while (*s == '[')
        s++;
      close = strchr (s, ']');
      if (close != NULL)
        *close = '\0';
    }

  if (g_ascii_strncasecmp (s, "IPv6:", 5) == 0)
    s += 5;

  percent = strchr (s, '%');
  if (percent != NULL)
    *percent = '\0';

  /* "192.0.2.1:25" outside brackets: an IPv4 address with a port. */
  if (!bracketed && strchr (s, '.') != NULL)
    {
      char *colon = strchr (s, ':');

      if (colon != NULL && strchr (colon + 1, ':') == NULL)
        *colon = '\0';
    }

  if (*s == '\0' || !_hdr_ip_address_parse (s, address))
    return FALSE;

  if (is_ipv4_mapped (address))
    {
      memmove (address->bytes, address->bytes + 12, 4);
      address->size = 4;
      if (ipv4_mapped != NULL)
        *ipv4_mapped = TRUE;
    }

  if (zone != NULL && percent != NULL && percent[1] != '\0')
    *zone = g_strdup (percent + 1);

  return TRUE;
}

/* Writes @bytes in dotted decimal, the same text as glibc's inet_ntop(),
 * which spent about 1,700 instructions per address in sprintf(). */
static char *
format_ipv4 (const guint8 *bytes)
{
  char buffer[INET_ADDRSTRLEN];
  char *p = buffer;

  for (guint i = 0; i < 4; i++)
    {
      guint value = bytes[i];

      if (i > 0)
        *p++ = '.';
      if (value >= 100)
        *p++ = '0' + value / 100;
      if (value >= 10)
        *p++ = '0' + value / 10 % 10;
      *p++ = '0' + value % 10;
    }

  return g_strndup (buffer, p - buffer);
}

gboolean
_hdr_ip_parse_literal (const char   *text,
                       HdrIpAddress *address)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  return read_ip_literal (text, address, NULL, NULL);
}

char *
_hdr_ip_canonicalize_full (const char  *text,
                           char       **zone,
                           gboolean    *ipv4_mapped)
{
  HdrIpAddress address;
  char buffer[INET6_ADDRSTRLEN];

  if (zone != NULL)
    *zone = NULL;
  if (ipv4_mapped != NULL)
    *ipv4_mapped = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (!read_ip_literal (text, &address, zone, ipv4_mapped))
    return NULL;

  if (address.size == 4)
    return format_ipv4 (address.bytes);

  /* g_inet_address_to_string() writes the text with inet_ntop() too. */
  if (inet_ntop (AF_INET6, address.bytes, buffer, sizeof buffer) == NULL)
    {
      if (zone != NULL)
        g_clear_pointer (zone, g_free);
      return NULL;
    }

  return g_strdup (buffer);
}

char *
hdr_ip_canonicalize (const char  *text,
                     char       **zone)
{
  g_return_val_if_fail (text != NULL, NULL);

  return _hdr_ip_canonicalize_full (text, zone, NULL);
}

gboolean
_hdr_ip_prefix_parse (const char  *cidr,
                      HdrIpPrefix *prefix)
{
  g_autoptr(GInetAddressMask) mask = NULL;
  GInetAddress *address;
  const char *slash;

  g_return_val_if_fail (cidr != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  memset (prefix, 0, sizeof *prefix);

  /* For a length over 128, GLib 2.74 logs a GObject warning and keeps the
   * length 0, so "::/129" would contain every IPv6 address. */
  slash = strchr (cidr, '/');
  if (slash != NULL && strtoul (slash + 1, NULL, 10) > 128)
    return FALSE;

  /* GLib rejects a length beyond the address size and an address with
   * bits set after the prefix, "10.0.0.1/8" for example. */
  mask = g_inet_address_mask_new_from_string (cidr, NULL);
  if (mask == NULL)
    return FALSE;

  address = g_inet_address_mask_get_address (mask);
  prefix->address.size = g_inet_address_get_native_size (address);
  memcpy (prefix->address.bytes, g_inet_address_to_bytes (address), prefix->address.size);
  prefix->length = g_inet_address_mask_get_length (mask);

  return TRUE;
}

gboolean
_hdr_ip_prefix_contains (const HdrIpPrefix  *prefix,
                         const HdrIpAddress *address)
{
  guint whole_bytes;
  guint rest_bits;
  guint8 rest_mask;

  g_return_val_if_fail (prefix != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  /* An IPv4 prefix never contains an IPv6 address, nor the reverse. */
  if (prefix->address.size != address->size)
    return FALSE;

  whole_bytes = prefix->length / 8;
  rest_bits = prefix->length % 8;

  if (memcmp (prefix->address.bytes, address->bytes, whole_bytes) != 0)
    return FALSE;

  if (rest_bits == 0)
    return TRUE;

  rest_mask = (guint8) (0xff << (8 - rest_bits));

  return (address->bytes[whole_bytes] & rest_mask) == prefix->address.bytes[whole_bytes];
}

gboolean
_hdr_ip_in_any_prefix (const HdrIpAddress *address,
                       GArray             *prefixes)
{
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (prefixes != NULL, FALSE);

  for (guint i = 0; i < prefixes->len; i++)
    {
      if (_hdr_ip_prefix_contains (&g_array_index (prefixes, HdrIpPrefix, i), address))
        return TRUE;
    }

  return FALSE;
}

/* Parses @cidrs, which are constants of this file, so an invalid one is a
 * programming error. */
static GArray *
parse_prefix_table (const char * const *cidrs,
                    guint               n_cidrs)
{
  GArray *prefixes = g_array_sized_new (FALSE, FALSE, sizeof (HdrIpPrefix), n_cidrs);

  for (guint i = 0; i < n_cidrs; i++)
    {
      HdrIpPrefix prefix;

      if (!_hdr_ip_prefix_parse (cidrs[i], &prefix))
        g_error ("Invalid built-in IP prefix “%s”", cidrs[i]);
      g_array_append_val (prefixes, prefix);
    }

  return prefixes;
}

typedef struct
{
  GArray *private_prefixes;
  GArray *loopback_prefixes;
  GArray *link_local_prefixes;
} SpecialPrefixes;

static SpecialPrefixes *
load_special_prefixes (void)
{
  static const char * const private_cidrs[] = {
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", /* RFC 1918 */
    "100.64.0.0/10",                                 /* RFC 6598 */
    "fc00::/7",                                      /* RFC 4193 */
  };
  static const char * const loopback_cidrs[] = { "127.0.0.0/8", "::1/128" };
  static const char * const link_local_cidrs[] = { "169.254.0.0/16", "fe80::/10" };
  SpecialPrefixes *special = g_new0 (SpecialPrefixes, 1);

  special->private_prefixes = parse_prefix_table (private_cidrs, G_N_ELEMENTS (private_cidrs));
  special->loopback_prefixes = parse_prefix_table (loopback_cidrs, G_N_ELEMENTS (loopback_cidrs));
  special->link_local_prefixes = parse_prefix_table (link_local_cidrs,
                                                     G_N_ELEMENTS (link_local_cidrs));

  return special;
}

/* The prefixes are parsed once, by the first caller on any thread, and
 * never freed. */
static const SpecialPrefixes *
get_special_prefixes (void)
{
  static SpecialPrefixes *special;

  if (g_once_init_enter (&special))
    g_once_init_leave (&special, load_special_prefixes ());

  return special;
}

HdrHopFlags
_hdr_ip_classify (const char *canonical_ip)
{
  const SpecialPrefixes *special;
  HdrIpAddress address;
  HdrHopFlags flags = HDR_HOP_FLAG_NONE;

  g_return_val_if_fail (canonical_ip != NULL, HDR_HOP_FLAG_NONE);

  if (!_hdr_ip_address_parse (canonical_ip, &address))
    return HDR_HOP_FLAG_NONE;

  special = get_special_prefixes ();

  if (_hdr_ip_in_any_prefix (&address, special->private_prefixes))
    flags |= HDR_HOP_FLAG_PRIVATE_IP;
  if (_hdr_ip_in_any_prefix (&address, special->loopback_prefixes))
    flags |= HDR_HOP_FLAG_LOOPBACK;
  if (_hdr_ip_in_any_prefix (&address, special->link_local_prefixes))
    flags |= HDR_HOP_FLAG_LINK_LOCAL;

  return flags;
}
