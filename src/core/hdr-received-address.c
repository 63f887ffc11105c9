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

#include <string.h>

#include "hdr-received-private.h"

static gboolean
is_ipv4_mapped (GInetAddress *address)
{
  const guint8 *bytes;

  g_assert (G_IS_INET_ADDRESS (address));

  if (g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
    return FALSE;

  bytes = g_inet_address_to_bytes (address);
  for (guint i = 0; i < 10; i++)
    {
      if (bytes[i] != 0)
        return FALSE;
    }

  return bytes[10] == 0xff && bytes[11] == 0xff;
}

char *
_hdr_ip_canonicalize_full (const char  *text,
                           char       **zone,
                           gboolean    *ipv4_mapped)
{
  g_autofree char *work = NULL;
  g_autoptr(GInetAddress) address = NULL;
  char *s;
  char *percent;
  gboolean bracketed = FALSE;

  if (zone != NULL)
    *zone = NULL;
  if (ipv4_mapped != NULL)
    *ipv4_mapped = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

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
    {
      *percent = '\0';
      if (zone != NULL && percent[1] != '\0')
        *zone = g_strdup (percent + 1);
    }

  /* "192.0.2.1:25" outside brackets: an IPv4 address with a port. */
  if (!bracketed && strchr (s, '.') != NULL)
    {
      char *colon = strchr (s, ':');

      if (colon != NULL && strchr (colon + 1, ':') == NULL)
        *colon = '\0';
    }

  if (*s == '\0')
    {
      if (zone != NULL)
        g_clear_pointer (zone, g_free);
      return NULL;
    }

  address = g_inet_address_new_from_string (s);
  if (address == NULL)
    {
      if (zone != NULL)
        g_clear_pointer (zone, g_free);
      return NULL;
    }

  if (is_ipv4_mapped (address))
    {
      const guint8 *bytes = g_inet_address_to_bytes (address);

      if (ipv4_mapped != NULL)
        *ipv4_mapped = TRUE;

      return g_strdup_printf ("%u.%u.%u.%u", bytes[12], bytes[13], bytes[14], bytes[15]);
    }

  return g_inet_address_to_string (address);
}

char *
hdr_ip_canonicalize (const char  *text,
                     char       **zone)
{
  g_return_val_if_fail (text != NULL, NULL);

  return _hdr_ip_canonicalize_full (text, zone, NULL);
}

gboolean
_hdr_ip_in_prefix (const char *canonical_ip,
                   const char *cidr)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GInetAddressMask) mask = NULL;

  g_return_val_if_fail (canonical_ip != NULL, FALSE);
  g_return_val_if_fail (cidr != NULL, FALSE);

  address = g_inet_address_new_from_string (canonical_ip);
  if (address == NULL)
    return FALSE;

  mask = g_inet_address_mask_new_from_string (cidr, NULL);
  if (mask == NULL)
    return FALSE;

  if (g_inet_address_mask_get_family (mask) != g_inet_address_get_family (address))
    return FALSE;

  return g_inet_address_mask_matches (mask, address);
}

HdrHopFlags
_hdr_ip_classify (const char *canonical_ip)
{
  static const char * const private_prefixes[] = {
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", /* RFC 1918 */
    "100.64.0.0/10",                                 /* RFC 6598 */
    "fc00::/7",                                      /* RFC 4193 */
  };
  static const char * const loopback_prefixes[] = { "127.0.0.0/8", "::1/128" };
  static const char * const link_local_prefixes[] = { "169.254.0.0/16", "fe80::/10" };
  HdrHopFlags flags = HDR_HOP_FLAG_NONE;

  g_return_val_if_fail (canonical_ip != NULL, HDR_HOP_FLAG_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (private_prefixes); i++)
    {
      if (_hdr_ip_in_prefix (canonical_ip, private_prefixes[i]))
        flags |= HDR_HOP_FLAG_PRIVATE_IP;
    }

  for (guint i = 0; i < G_N_ELEMENTS (loopback_prefixes); i++)
    {
      if (_hdr_ip_in_prefix (canonical_ip, loopback_prefixes[i]))
        flags |= HDR_HOP_FLAG_LOOPBACK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (link_local_prefixes); i++)
    {
      if (_hdr_ip_in_prefix (canonical_ip, link_local_prefixes[i]))
        flags |= HDR_HOP_FLAG_LINK_LOCAL;
    }

  return flags;
}
