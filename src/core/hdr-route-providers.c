/* hdr-route-providers.c: provider families (data/providers.conf) and libpsl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-route"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <libpsl.h>

#include "hdr-core-resources.h"
#include "hdr-received-private.h"
#include "hdr-route-private.h"

#define PROVIDERS_RESOURCE "/io/github/headerinspector/HeaderInspector/core/providers.conf"

static void
provider_family_free (gpointer data)
{
  HdrProviderFamily *family = data;

  g_free (family->id);
  g_free (family->name);
  g_strfreev (family->domains);
  g_clear_pointer (&family->prefixes, g_array_unref);
  g_clear_pointer (&family->writer_prefixes, g_array_unref);
  g_strfreev (family->authserv_ids);
  g_free (family);
}

/* Strips the blanks GKeyFile leaves around list items and drops empty ones. */
static GStrv
clean_list (GStrv list)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      char *item = g_strstrip (list[i]);

      if (*item != '\0')
        g_ptr_array_add (out, g_ascii_strdown (item, -1));
    }

  g_strfreev (list);
  g_ptr_array_add (out, NULL);

  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* Parses the CIDR blocks of one key of @group.  An invalid block is left
 * out with a warning, so it never matches. */
static GArray *
read_prefixes (GKeyFile   *key_file,
               const char *group,
               const char *key)
{
  g_auto(GStrv) cidrs = clean_list (g_key_file_get_string_list (key_file, group, key, NULL, NULL));
  GArray *prefixes = g_array_new (FALSE, FALSE, sizeof (HdrIpPrefix));

  for (guint i = 0; cidrs[i] != NULL; i++)
    {
      HdrIpPrefix prefix;

      if (!_hdr_ip_prefix_parse (cidrs[i], &prefix))
        {
          g_warning ("Invalid IP prefix “%s” in key %s of group [%s] of providers.conf, ignored",
                     cidrs[i], key, group);
          continue;
        }

      g_array_append_val (prefixes, prefix);
    }

  return prefixes;
}

static GPtrArray *
load_families (void)
{
  g_autoptr(GPtrArray) families = g_ptr_array_new_with_free_func (provider_family_free);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;

  /* Looked up in the library's own resource, which also makes sure the
   * linker keeps it in programs that link libhdr-core statically. */
  bytes = g_resource_lookup_data (hdr_core_get_resource (), PROVIDERS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !g_key_file_load_from_bytes (key_file, bytes, G_KEY_FILE_NONE, &error))
    {
      g_warning ("Cannot read the provider families: %s", error->message);
      return g_steal_pointer (&families);
    }

  groups = g_key_file_get_groups (key_file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      HdrProviderFamily *family = g_new0 (HdrProviderFamily, 1);

      family->id = g_strdup (groups[i]);
      family->name = g_key_file_get_string (key_file, groups[i], "name", NULL);
      if (family->name == NULL)
        family->name = g_strdup (groups[i]);
      family->domains = clean_list (g_key_file_get_string_list (key_file, groups[i],
                                                                "domains", NULL, NULL));
      family->prefixes = read_prefixes (key_file, groups[i], "ip-prefixes");
      family->writer_prefixes = read_prefixes (key_file, groups[i], "writer-prefixes");
      family->authserv_ids = clean_list (g_key_file_get_string_list (key_file, groups[i],
                                                                     "authserv-ids", NULL, NULL));
      g_ptr_array_add (families, family);
    }

  return g_steal_pointer (&families);
}

GPtrArray *
_hdr_provider_families (void)
{
  static GPtrArray *families;

  if (g_once_init_enter (&families))
    g_once_init_leave (&families, load_families ());

  return families;
}

/* Whether @text is ASCII without upper-case letters, and so its own
 * g_utf8_strdown() in every locale. */
static gboolean
is_lower_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80 || g_ascii_isupper (*p))
        return FALSE;
    }

  return TRUE;
}

static char *
normalize_host (const char *host)
{
  char *lower;
  gsize len;

  g_assert (host != NULL);

  /* g_utf8_strdown() looks up the locale on every call, which cost about
   * 2,300 instructions per call under callgrind. */
  lower = is_lower_ascii (host) ? g_strdup (host) : g_utf8_strdown (host, -1);
  len = strlen (lower);
  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';

  return lower;
}

/* @lower is a host name as normalize_host() returns it. */
static gboolean
family_has_normalized_name (const HdrProviderFamily *family,
                            const char              *lower)
{
  gsize host_len;

  g_assert (family != NULL);
  g_assert (lower != NULL);

  host_len = strlen (lower);

  for (guint i = 0; family->domains[i] != NULL; i++)
    {
      const char *domain = family->domains[i];
      gsize domain_len = strlen (domain);

      if (g_str_equal (lower, domain))
        return TRUE;

      if (host_len > domain_len &&
          lower[host_len - domain_len - 1] == '.' &&
          g_str_equal (lower + host_len - domain_len, domain))
        return TRUE;
    }

  return FALSE;
}

gboolean
_hdr_provider_family_has_name (const HdrProviderFamily *family,
                               const char              *host)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (family != NULL, FALSE);

  if (host == NULL)
    return FALSE;

  lower = normalize_host (host);

  return family_has_normalized_name (family, lower);
}

gboolean
_hdr_provider_family_has_ip (const HdrProviderFamily *family,
                             const char              *canonical_ip)
{
  HdrIpAddress address;

  g_return_val_if_fail (family != NULL, FALSE);

  if (canonical_ip == NULL || !_hdr_ip_address_parse (canonical_ip, &address))
    return FALSE;

  return _hdr_ip_in_any_prefix (&address, family->prefixes);
}

gboolean
_hdr_provider_family_has_authserv_id (const HdrProviderFamily *family,
                                      const char              *authserv_id)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (family != NULL, FALSE);

  if (authserv_id == NULL)
    return FALSE;

  lower = normalize_host (authserv_id);

  return g_strv_contains ((const char * const *) family->authserv_ids, lower);
}

const HdrProviderFamily *
_hdr_provider_family_for_host (const char *host)
{
  GPtrArray *families;
  HdrIpAddress address;
  g_autofree char *lower = NULL;
  gboolean is_ip;

  if (host == NULL)
    return NULL;

  families = _hdr_provider_families ();
  is_ip = _hdr_ip_parse_literal (host, &address);
  if (!is_ip)
    lower = normalize_host (host);

  for (guint i = 0; i < families->len; i++)
    {
      const HdrProviderFamily *family = g_ptr_array_index (families, i);

      if (is_ip ? (_hdr_ip_in_any_prefix (&address, family->prefixes) ||
                   _hdr_ip_in_any_prefix (&address, family->writer_prefixes))
                : family_has_normalized_name (family, lower))
        return family;
    }

  return NULL;
}

static const psl_ctx_t *
get_psl (void)
{
  static const psl_ctx_t *psl;

  /* psl_latest() takes the newer of the built-in list and the system's
   * copy; both are read-only afterwards, so one context serves all. */
  if (g_once_init_enter (&psl))
    {
      const psl_ctx_t *ctx = psl_latest (NULL);

      if (ctx == NULL)
        ctx = psl_builtin ();
      g_once_init_leave (&psl, ctx);
    }

  return psl;
}

char *
_hdr_registrable_domain (const char *host)
{
  g_autofree char *lower = NULL;
  HdrIpAddress address;
  const psl_ctx_t *psl;
  const char *domain;

  if (host == NULL || *host == '\0')
    return NULL;

  if (_hdr_ip_parse_literal (host, &address))
    return NULL;

  psl = get_psl ();
  if (psl == NULL)
    return NULL;

  lower = normalize_host (host);
  domain = psl_registrable_domain (psl, lower);

  return domain != NULL ? g_strdup (domain) : NULL;
}
