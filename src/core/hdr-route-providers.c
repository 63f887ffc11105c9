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
  g_strfreev (family->prefixes);
  g_strfreev (family->writer_prefixes);
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
      family->prefixes = clean_list (g_key_file_get_string_list (key_file, groups[i],
                                                                 "ip-prefixes", NULL, NULL));
      family->writer_prefixes = clean_list (g_key_file_get_string_list (key_file, groups[i],
                                                                        "writer-prefixes", NULL, NULL));
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

static char *
normalize_host (const char *host)
{
  char *lower;
  gsize len;

  g_assert (host != NULL);

  lower = g_utf8_strdown (host, -1);
  len = strlen (lower);
  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';

  return lower;
}

gboolean
_hdr_provider_family_has_name (const HdrProviderFamily *family,
                               const char              *host)
{
  g_autofree char *lower = NULL;
  gsize host_len;

  g_return_val_if_fail (family != NULL, FALSE);

  if (host == NULL)
    return FALSE;

  lower = normalize_host (host);
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

static gboolean
ip_in_any (const char  *canonical_ip,
           GStrv        prefixes)
{
  g_assert (canonical_ip != NULL);
  g_assert (prefixes != NULL);

  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      if (_hdr_ip_in_prefix (canonical_ip, prefixes[i]))
        return TRUE;
    }

  return FALSE;
}

gboolean
_hdr_provider_family_has_ip (const HdrProviderFamily *family,
                             const char              *canonical_ip)
{
  g_return_val_if_fail (family != NULL, FALSE);

  if (canonical_ip == NULL)
    return FALSE;

  return ip_in_any (canonical_ip, family->prefixes);
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
  g_autofree char *ip = NULL;

  if (host == NULL)
    return NULL;

  families = _hdr_provider_families ();
  ip = hdr_ip_canonicalize (host, NULL);

  for (guint i = 0; i < families->len; i++)
    {
      const HdrProviderFamily *family = g_ptr_array_index (families, i);

      if (ip != NULL ? (ip_in_any (ip, family->prefixes) || ip_in_any (ip, family->writer_prefixes))
                     : _hdr_provider_family_has_name (family, host))
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
  g_autofree char *ip = NULL;
  const psl_ctx_t *psl;
  const char *domain;

  if (host == NULL || *host == '\0')
    return NULL;

  ip = hdr_ip_canonicalize (host, NULL);
  if (ip != NULL)
    return NULL;

  psl = get_psl ();
  if (psl == NULL)
    return NULL;

  lower = normalize_host (host);
  domain = psl_registrable_domain (psl, lower);

  return domain != NULL ? g_strdup (domain) : NULL;
}
