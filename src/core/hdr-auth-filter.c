/* hdr-auth-filter.c: the verdicts of the recipient provider's own spam
 * filter, as Microsoft and Google record them in header fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-auth"

#include "config.h"

#include <string.h>

#include "hdr-auth-private.h"
#include "hdr-message.h"

#define MICROSOFT_ORGANIZATION_PREFIX "X-MS-Exchange-Organization-"

/* Tags of X-Forefront-Antispam-Report and X-Microsoft-Antispam that the
 * report explains.  SFS, SFP, LANG, H and PTR are filter internals or
 * repeat what the Received field shows. */
static const char * const forefront_tags[] = {
  "SCL", "SFV", "CAT", "IPV", "CTRY", "CIP", "SRV", "DIR", "BCL",
};

/* Tags of X-Microsoft-Antispam-Mailbox-Delivery: "dest" is the folder the
 * message was delivered to (I inbox, J junk), "RF" names that folder. */
static const char * const delivery_tags[] = {
  "DEST", "RF",
};

void
_hdr_filter_verdict_free (HdrFilterVerdict *verdict)
{
  if (verdict == NULL)
    return;

  g_free (verdict->header_name);
  g_free (verdict->name);
  g_free (verdict->value);
  g_free (verdict);
}

static void
add_verdict (GPtrArray       *verdicts,
             const HdrHeader *header,
             const char      *name,
             const char      *value,
             gboolean         trusted)
{
  HdrFilterVerdict *verdict;

  g_assert (verdicts != NULL);
  g_assert (header != NULL);
  g_assert (name != NULL);
  g_assert (value != NULL);

  verdict = g_new0 (HdrFilterVerdict, 1);
  verdict->header_name = g_strdup (header->name);
  verdict->header_index = header->index;
  verdict->name = g_ascii_strup (name, -1);
  verdict->value = g_strstrip (g_strdup (value));
  verdict->trusted = trusted;
  g_ptr_array_add (verdicts, verdict);
}

static gboolean
is_listed_tag (const char         *name,
               const char * const *tags,
               gsize               n_tags)
{
  for (gsize i = 0; i < n_tags; i++)
    {
      if (g_ascii_strcasecmp (name, tags[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Splits "SCL:5;SFV:SPM;CAT:PHSH" (X-Forefront-Antispam-Report, also
 * X-Microsoft-Antispam and the lower-case "dest:J;RF:JunkEmail" of
 * X-Microsoft-Antispam-Mailbox-Delivery) and adds the listed tags.  A tag
 * with an empty value ("CTRY:;") is skipped. */
static void
add_tag_list (GPtrArray          *verdicts,
              const HdrHeader    *header,
              const char * const *tags,
              gsize               n_tags,
              gboolean            trusted)
{
  g_auto(GStrv) items = NULL;

  g_assert (header != NULL);

  items = g_strsplit (header->value, ";", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      const char *colon = strchr (items[i], ':');
      const char *value;

      if (colon == NULL)
        continue;

      name = g_strstrip (g_strndup (items[i], colon - items[i]));
      value = colon + 1;
      while (g_ascii_isspace (*value))
        value++;

      if (*value == '\0' || !is_listed_tag (name, tags, n_tags))
        continue;

      add_verdict (verdicts, header, name, value, trusted);
    }
}

/* Returns the HdrHeader.index of the first X-MS-Exchange-Organization-*
 * field, or G_MAXUINT when there is none. */
static guint
find_microsoft_block_start (GPtrArray *headers)
{
  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);

      if (header->name != NULL &&
          g_ascii_strncasecmp (header->name, MICROSOFT_ORGANIZATION_PREFIX,
                               strlen (MICROSOFT_ORGANIZATION_PREFIX)) == 0)
        return header->index;
    }

  return G_MAXUINT;
}

/* Maps each lower-case field name to the position of its last copy in
 * @headers, so that a hostile message with thousands of copies costs one
 * pass. */
static GHashTable *
index_last_copies (GPtrArray *headers)
{
  GHashTable *last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);

      if (header != NULL && header->name != NULL)
        g_hash_table_insert (last, g_ascii_strdown (header->name, -1), GUINT_TO_POINTER (i));
    }

  return last;
}

static gboolean
is_last_copy (GHashTable      *last_copies,
              const HdrHeader *header,
              guint            position)
{
  g_autofree char *name = g_ascii_strdown (header->name, -1);

  return GPOINTER_TO_UINT (g_hash_table_lookup (last_copies, name)) == position;
}

/*
 * Reads Microsoft's filter fields.  Exchange Online and Outlook.com append
 * them after the message's own fields, so they sit below the Received
 * fields of the sender's side, where position alone would reject them.
 * What the app relies on instead: Exchange deletes X-MS-Exchange-
 * Organization-* fields that arrive from outside the organization, so the
 * first such field in a message that Microsoft delivered starts the block
 * Microsoft appended.  A filter field is believed when the recipient's
 * provider is of the Microsoft family, the field sits at or below that
 * first field, and it is the last copy of its name.  A copy that the
 * sender's side wrote sits above the block and is kept as a claim.
 * Exchange renames the copies of another Microsoft tenant to
 * "...-Untrusted"; those are not read.
 */
static void
read_microsoft_fields (GPtrArray *headers,
                       HdrRoute  *route,
                       GPtrArray *verdicts)
{
  g_autoptr(GHashTable) last_copies = NULL;
  gboolean is_microsoft;
  guint block_start;

  g_assert (headers != NULL);

  is_microsoft = route != NULL && g_strcmp0 (hdr_route_get_provider_family (route), "microsoft") == 0;
  block_start = find_microsoft_block_start (headers);
  last_copies = index_last_copies (headers);

  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);
      gboolean trusted;

      if (header == NULL || header->name == NULL || header->value == NULL)
        continue;

      trusted = is_microsoft && header->index >= block_start &&
                is_last_copy (last_copies, header, i);

      if (g_ascii_strcasecmp (header->name, "X-Forefront-Antispam-Report") == 0 ||
          g_ascii_strcasecmp (header->name, "X-Microsoft-Antispam") == 0)
        add_tag_list (verdicts, header, forefront_tags, G_N_ELEMENTS (forefront_tags), trusted);
      else if (g_ascii_strcasecmp (header->name, "X-Microsoft-Antispam-Mailbox-Delivery") == 0)
        add_tag_list (verdicts, header, delivery_tags, G_N_ELEMENTS (delivery_tags), trusted);
      else if (g_ascii_strcasecmp (header->name, MICROSOFT_ORGANIZATION_PREFIX "SCL") == 0)
        add_verdict (verdicts, header, "SCL", header->value, trusted);
      else if (g_ascii_strcasecmp (header->name, MICROSOFT_ORGANIZATION_PREFIX "PCL") == 0)
        add_verdict (verdicts, header, "PCL", header->value, trusted);
      else if (g_ascii_strcasecmp (header->name, MICROSOFT_ORGANIZATION_PREFIX "AuthAs") == 0)
        add_verdict (verdicts, header, "AUTHAS", header->value, trusted);
    }
}

/* Google seals the message on arrival with an ARC set of the next
 * instance (RFC 8617 section 5.1) and records in cv= whether the chain it
 * received validated.  Gmail writes its ARC-Seal above its Received
 * field, so the provider's seal is the highest one above the oldest
 * trusted Received field.  A seal below that was written by the sender's
 * side and is not read. */
static void
read_google_seal (GPtrArray *headers,
                  HdrRoute  *route,
                  GPtrArray *arc_sets,
                  GPtrArray *verdicts)
{
  const HdrArcSet *set = NULL;
  const HdrHeader *seal = NULL;
  guint oldest_trusted = 0;
  GPtrArray *hops;

  g_assert (headers != NULL);
  g_assert (arc_sets != NULL);

  if (route == NULL || g_strcmp0 (hdr_route_get_provider_family (route), "google") != 0)
    return;

  hops = hdr_route_get_hops (route);
  for (guint i = 0; i < hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (hops, i);

      if (hop->trusted)
        oldest_trusted = MAX (oldest_trusted, hop->header_index);
    }

  for (guint i = arc_sets->len; i > 0 && set == NULL; i--)
    {
      const HdrArcSet *candidate = g_ptr_array_index (arc_sets, i - 1);

      if (candidate->has_seal && candidate->seal_header_index < oldest_trusted)
        set = candidate;
    }

  if (set == NULL || set->seal_cv == NULL || set->seal_domain == NULL ||
      !hdr_route_is_provider_host (route, set->seal_domain))
    return;

  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);

      if (header->index == set->seal_header_index)
        seal = header;
    }

  if (seal != NULL)
    add_verdict (verdicts, seal, "ARC-CV", set->seal_cv, TRUE);
}

/* Appends the filter verdicts of @headers to @verdicts, marking those that
 * the recipient's provider wrote.  @arc_sets must already be sorted by
 * instance. */
void
_hdr_auth_read_filter_fields (GPtrArray *headers,
                              HdrRoute  *route,
                              GPtrArray *arc_sets,
                              GPtrArray *verdicts)
{
  g_return_if_fail (headers != NULL);
  g_return_if_fail (arc_sets != NULL);
  g_return_if_fail (verdicts != NULL);

  read_microsoft_fields (headers, route, verdicts);
  read_google_seal (headers, route, arc_sets, verdicts);
}
