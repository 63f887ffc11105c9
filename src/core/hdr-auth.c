/* hdr-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-auth"

#include "config.h"

#include <string.h>

#include "hdr-auth-private.h"
#include "hdr-message.h"

/* RFC 8617 section 4.2.1: an ARC chain has at most 50 sets. */
#define ARC_MAX_INSTANCE 50

struct _HdrAuth
{
  GObject    parent_instance;

  GPtrArray *results;          /* element-type HdrAuthResult, top to bottom */
  GPtrArray *dkim_signatures;  /* element-type HdrDkimSignature, top to bottom */
  GPtrArray *arc_sets;         /* element-type HdrArcSet, by ascending instance */
  GPtrArray *filter_verdicts;  /* element-type HdrFilterVerdict, top to bottom */
};

G_DEFINE_FINAL_TYPE (HdrAuth, hdr_auth, G_TYPE_OBJECT)

static void
dkim_signature_free (HdrDkimSignature *signature)
{
  if (signature == NULL)
    return;

  g_free (signature->header_name);
  g_free (signature->domain);
  g_free (signature->selector);
  g_free (signature->identity);
  g_free (signature->algorithm);
  g_clear_pointer (&signature->signed_headers, g_ptr_array_unref);
  g_free (signature);
}

static void
arc_set_free (HdrArcSet *set)
{
  if (set == NULL)
    return;

  g_free (set->seal_cv);
  g_free (set->seal_domain);
  g_free (set);
}

static void
hdr_auth_finalize (GObject *object)
{
  HdrAuth *self = (HdrAuth *)object;

  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->dkim_signatures, g_ptr_array_unref);
  g_clear_pointer (&self->arc_sets, g_ptr_array_unref);
  g_clear_pointer (&self->filter_verdicts, g_ptr_array_unref);

  G_OBJECT_CLASS (hdr_auth_parent_class)->finalize (object);
}

static void
hdr_auth_class_init (HdrAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hdr_auth_finalize;
}

static void
hdr_auth_init (HdrAuth *self)
{
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) _hdr_auth_result_free);
  self->dkim_signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) dkim_signature_free);
  self->arc_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) arc_set_free);
  self->filter_verdicts = g_ptr_array_new_with_free_func ((GDestroyNotify) _hdr_filter_verdict_free);
}

static void
add_dkim_signature (HdrAuth         *self,
                    const HdrHeader *header)
{
  g_autoptr(GPtrArray) tags = NULL;
  HdrDkimSignature *signature;
  const char *signed_headers;

  g_assert (HDR_IS_AUTH (self));
  g_assert (header != NULL);

  tags = _hdr_auth_parse_tag_list (header->value);

  signature = g_new0 (HdrDkimSignature, 1);
  signature->header_index = header->index;
  signature->header_name = g_strdup (header->name);
  signature->domain = g_strdup (_hdr_auth_tag_list_lookup (tags, "d"));
  signature->selector = g_strdup (_hdr_auth_tag_list_lookup (tags, "s"));
  signature->identity = g_strdup (_hdr_auth_tag_list_lookup (tags, "i"));
  signature->algorithm = g_strdup (_hdr_auth_tag_list_lookup (tags, "a"));
  signature->signed_headers = g_ptr_array_new_with_free_func (g_free);

  /* h= lists field names separated by ':' (RFC 6376 section 3.5), and
   * field names are case-insensitive. */
  signed_headers = _hdr_auth_tag_list_lookup (tags, "h");
  if (signed_headers != NULL)
    {
      g_auto(GStrv) names = g_strsplit (signed_headers, ":", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          if (names[i][0] != '\0')
            g_ptr_array_add (signature->signed_headers, g_ascii_strdown (names[i], -1));
        }
    }

  g_ptr_array_add (self->dkim_signatures, signature);
}

static HdrArcSet *
lookup_arc_set (HdrAuth *self,
                guint    instance)
{
  HdrArcSet *set;

  g_assert (HDR_IS_AUTH (self));
  g_assert (instance >= 1 && instance <= ARC_MAX_INSTANCE);

  for (guint i = 0; i < self->arc_sets->len; i++)
    {
      set = g_ptr_array_index (self->arc_sets, i);
      if (set->instance == instance)
        return set;
    }

  set = g_new0 (HdrArcSet, 1);
  set->instance = instance;
  set->seal_header_index = G_MAXUINT;
  g_ptr_array_add (self->arc_sets, set);

  return set;
}

/* Reads the i= of an ARC-Seal or ARC-Message-Signature.  Returns 0 when
 * it is missing or outside 1 to 50. */
static guint
parse_arc_instance (GPtrArray *tags)
{
  const char *text = _hdr_auth_tag_list_lookup (tags, "i");
  guint64 instance = 0;

  if (text == NULL
      || !g_ascii_string_to_unsigned (text, 10, 1, ARC_MAX_INSTANCE, &instance, NULL))
    return 0;

  return (guint) instance;
}

static void
add_arc_seal (HdrAuth         *self,
              const HdrHeader *header,
              gboolean         is_seal)
{
  g_autoptr(GPtrArray) tags = NULL;
  HdrArcSet *set;
  guint instance;

  g_assert (HDR_IS_AUTH (self));
  g_assert (header != NULL);

  tags = _hdr_auth_parse_tag_list (header->value);
  instance = parse_arc_instance (tags);
  if (instance == 0)
    {
      g_debug ("Ignoring %s field %u without a valid i= tag", header->name, header->index);
      return;
    }

  set = lookup_arc_set (self, instance);

  if (!is_seal)
    {
      if (set->has_message_signature)
        set->has_duplicates = TRUE;
      set->has_message_signature = TRUE;
      return;
    }

  if (set->has_seal)
    {
      set->has_duplicates = TRUE;
      return;
    }

  set->has_seal = TRUE;
  set->seal_header_index = header->index;
  set->seal_domain = g_strdup (_hdr_auth_tag_list_lookup (tags, "d"));
  if (_hdr_auth_tag_list_lookup (tags, "cv") != NULL)
    set->seal_cv = g_ascii_strdown (_hdr_auth_tag_list_lookup (tags, "cv"), -1);
}

static void
add_arc_authentication_results (HdrAuth         *self,
                                const HdrHeader *header)
{
  guint first_new = self->results->len;
  guint instance = 0;
  HdrArcSet *set;

  g_assert (HDR_IS_AUTH (self));
  g_assert (header != NULL);

  _hdr_auth_parse_results (header->value, "ARC-Authentication-Results", header->index, TRUE,
                           self->results);

  if (self->results->len > first_new)
    instance = ((HdrAuthResult *) g_ptr_array_index (self->results, first_new))->arc_instance;
  if (instance == 0)
    return;

  set = lookup_arc_set (self, instance);
  if (set->has_authentication_results)
    set->has_duplicates = TRUE;
  set->has_authentication_results = TRUE;
}

static gint
compare_arc_sets (gconstpointer a,
                  gconstpointer b)
{
  const HdrArcSet *set_a = *(const HdrArcSet * const *) a;
  const HdrArcSet *set_b = *(const HdrArcSet * const *) b;

  return (set_a->instance > set_b->instance) - (set_a->instance < set_b->instance);
}

/* Returns the HdrHeader.index of the oldest Received field that the
 * recipient's side wrote, or G_MAXUINT when no hop is trusted. */
static guint
find_oldest_trusted_header_index (HdrRoute *route)
{
  GPtrArray *hops;
  guint oldest = G_MAXUINT;

  g_assert (HDR_IS_ROUTE (route));

  hops = hdr_route_get_hops (route);
  if (hops == NULL)
    return G_MAXUINT;

  for (guint i = 0; i < hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (hops, i);

      if (hop->trusted && (oldest == G_MAXUINT || hop->header_index > oldest))
        oldest = hop->header_index;
    }

  return oldest;
}

/* An authserv-id (or Received-SPF receiver=) is the recipient's own when
 * it names a trusted hop's `by` host or is the provider's bare registrable
 * domain.  RFC 8601 section 5 makes a receiver delete incoming fields with
 * its own authserv-id, so only its own copy of such a field can remain.
 * Another host name inside the provider's domain does not count, because
 * the provider deletes only fields with the ids it uses itself. */
static gboolean
is_own_authserv_id (HdrRoute   *route,
                    const char *authserv_id)
{
  g_autofree char *name = NULL;
  const char *provider_domain;
  gsize length;

  g_assert (HDR_IS_ROUTE (route));
  g_assert (authserv_id != NULL);

  /* A fully qualified name may end with the root's '.'. */
  name = g_strdup (authserv_id);
  length = strlen (name);
  if (length > 1 && name[length - 1] == '.')
    name[length - 1] = '\0';

  if (name[0] == '\0')
    return FALSE;

  /* A parent name of the writing host (receiver=protection.outlook.com
   * from a host under mail.protection.outlook.com) does not match here.
   * The fixed ids that a family uses are checked separately, and only
   * with the position rule of id-less fields. */
  if (hdr_route_is_trusted_writer (route, name))
    return TRUE;

  provider_domain = hdr_route_get_provider_domain (route);

  return provider_domain != NULL && g_ascii_strcasecmp (name, provider_domain) == 0;
}

/*
 * Marks each result that the recipient's side wrote.  A result is believed
 * only when its field sits above the first Received field written by the
 * sender's side, and its authserv-id, when the field has one, is the
 * recipient's own (see is_own_authserv_id()).
 *
 * A field without an id (Microsoft's Authentication-Results, a
 * Received-SPF without receiver=) must also sit above the oldest Received
 * field that the recipient's side wrote.  A sender that delivers straight
 * to the provider adds no Received field, so its forged fields sit directly
 * below the provider's, where position alone cannot distinguish them.
 * Microsoft writes its results above the Received field of its receiving
 * host, so they pass.  The same holds for the fixed ids of the provider's
 * family ("mx.microsoft.com", receiver=protection.outlook.com), because
 * the provider is not known to delete incoming fields with those ids.
 *
 * An ARC-Authentication-Results field is believed only above the oldest
 * trusted Received field, where Gmail and Microsoft write theirs, and
 * only with the highest instance found there.  A sealer numbers its set
 * one above the highest it received (RFC 8617 section 5.1), so a lower
 * set came from an earlier handler.  Fields below do not count towards
 * the highest instance, so a forged "i=50" cannot hide the provider's.
 * Without any trusted hop, no result is believed.
 */
static void
mark_trusted_results (HdrAuth  *self,
                      HdrRoute *route)
{
  guint boundary;
  guint oldest_trusted;
  guint highest_instance = 0;

  g_assert (HDR_IS_AUTH (self));
  g_assert (route == NULL || HDR_IS_ROUTE (route));

  if (route == NULL)
    return;

  oldest_trusted = find_oldest_trusted_header_index (route);
  if (oldest_trusted == G_MAXUINT)
    return;

  boundary = hdr_route_get_first_untrusted_header_index (route);

  for (guint i = 0; i < self->results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (self->results, i);

      if (result->arc_instance != 0 && result->header_index < oldest_trusted)
        highest_instance = MAX (highest_instance, result->arc_instance);
    }

  for (guint i = 0; i < self->results->len; i++)
    {
      HdrAuthResult *result = g_ptr_array_index (self->results, i);
      gboolean above_oldest = result->header_index < oldest_trusted;

      if (result->header_index >= boundary)
        result->trusted = FALSE;
      else if (g_str_equal (result->header_name, "ARC-Authentication-Results") &&
               (result->arc_instance == 0 || result->arc_instance != highest_instance ||
                !above_oldest))
        result->trusted = FALSE;
      else if (result->authserv_id == NULL)
        result->trusted = above_oldest;
      else if (is_own_authserv_id (route, result->authserv_id))
        result->trusted = TRUE;
      else if (hdr_route_is_provider_authserv_id (route, result->authserv_id))
        result->trusted = above_oldest;
      else
        result->trusted = FALSE;
    }
}

/**
 * hdr_auth_new:
 * @headers: (element-type HdrHeader): all top-level header fields, topmost first
 * @route: (nullable): the message's Received chain, or %NULL
 *
 * Parses the Authentication-Results, ARC-Authentication-Results,
 * Received-SPF, ARC-Seal, ARC-Message-Signature, DKIM-Signature and
 * X-Google-DKIM-Signature fields of @headers and the provider's filter
 * fields (hdr-auth-filter.c), and marks which results the recipient's
 * side wrote.  With
 * no @route, no result is trusted.  A malformed field or result is
 * skipped.
 *
 * Returns: (transfer full): a new #HdrAuth
 */
HdrAuth *
hdr_auth_new (GPtrArray *headers,
              HdrRoute  *route)
{
  g_autoptr(HdrAuth) self = NULL;

  g_return_val_if_fail (headers != NULL, NULL);
  g_return_val_if_fail (route == NULL || HDR_IS_ROUTE (route), NULL);

  self = g_object_new (HDR_TYPE_AUTH, NULL);

  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);

      if (header == NULL || header->name == NULL || header->value == NULL)
        continue;

      if (g_ascii_strcasecmp (header->name, "Authentication-Results") == 0)
        _hdr_auth_parse_results (header->value, "Authentication-Results", header->index,
                                 FALSE, self->results);
      else if (g_ascii_strcasecmp (header->name, "ARC-Authentication-Results") == 0)
        add_arc_authentication_results (self, header);
      else if (g_ascii_strcasecmp (header->name, "Received-SPF") == 0)
        _hdr_auth_parse_received_spf (header->value, header->index, self->results);
      else if (g_ascii_strcasecmp (header->name, "ARC-Seal") == 0)
        add_arc_seal (self, header, TRUE);
      else if (g_ascii_strcasecmp (header->name, "ARC-Message-Signature") == 0)
        add_arc_seal (self, header, FALSE);
      else if (g_ascii_strcasecmp (header->name, "DKIM-Signature") == 0 ||
               g_ascii_strcasecmp (header->name, "X-Google-DKIM-Signature") == 0)
        add_dkim_signature (self, header);
    }

  g_ptr_array_sort (self->arc_sets, compare_arc_sets);
  mark_trusted_results (self, route);
  _hdr_auth_read_filter_fields (headers, route, self->arc_sets, self->filter_verdicts);

  return g_steal_pointer (&self);
}

/**
 * hdr_auth_get_results:
 *
 * Returns: (transfer none) (element-type HdrAuthResult): every parsed
 *   result, trusted or not, in header order from the top
 */
GPtrArray *
hdr_auth_get_results (HdrAuth *self)
{
  g_return_val_if_fail (HDR_IS_AUTH (self), NULL);

  return self->results;
}

/**
 * hdr_auth_get_summary:
 * @method: a method name such as "spf", "dkim", "dmarc" or "arc"
 *
 * Picks the result the recipient's side reached for @method: the topmost
 * trusted result.  For "dkim", where a message may carry several
 * signatures, "pass" wins when any trusted dkim result passed.
 *
 * Returns: (nullable): the lower-case result word, or %NULL when no
 *   trusted result has @method
 */
const char *
hdr_auth_get_summary (HdrAuth    *self,
                      const char *method)
{
  const HdrAuthResult *first = NULL;
  gboolean is_dkim;

  g_return_val_if_fail (HDR_IS_AUTH (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);

  is_dkim = g_ascii_strcasecmp (method, "dkim") == 0;

  for (guint i = 0; i < self->results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (self->results, i);

      if (!result->trusted || g_ascii_strcasecmp (result->method, method) != 0)
        continue;

      if (!is_dkim || g_str_equal (result->result, "pass"))
        return result->result;

      if (first == NULL)
        first = result;
    }

  return first != NULL ? first->result : NULL;
}

/**
 * hdr_auth_result_get_property:
 * @name: a property name such as "smtp.mailfrom", lower case
 *
 * Returns: (nullable): the value of the first property called @name
 */
const char *
hdr_auth_result_get_property (const HdrAuthResult *result,
                              const char          *name)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (result->properties == NULL)
    return NULL;

  for (guint i = 0; i < result->properties->len; i++)
    {
      const HdrAuthProperty *property = g_ptr_array_index (result->properties, i);

      if (g_ascii_strcasecmp (property->name, name) == 0)
        return property->value;
    }

  return NULL;
}

/**
 * hdr_auth_get_dkim_signatures:
 *
 * Returns: (transfer none) (element-type HdrDkimSignature): the tags of
 *   every DKIM-Signature field, top to bottom
 */
GPtrArray *
hdr_auth_get_dkim_signatures (HdrAuth *self)
{
  g_return_val_if_fail (HDR_IS_AUTH (self), NULL);

  return self->dkim_signatures;
}

/**
 * hdr_auth_get_arc_sets:
 *
 * Returns: (transfer none) (element-type HdrArcSet): the ARC sets found,
 *   by ascending instance number
 */
GPtrArray *
hdr_auth_get_arc_sets (HdrAuth *self)
{
  g_return_val_if_fail (HDR_IS_AUTH (self), NULL);

  return self->arc_sets;
}

/**
 * hdr_auth_get_filter_verdicts:
 *
 * Returns: (transfer none) (element-type HdrFilterVerdict): every filter
 *   verdict read, trusted or not, top to bottom
 */
GPtrArray *
hdr_auth_get_filter_verdicts (HdrAuth *self)
{
  g_return_val_if_fail (HDR_IS_AUTH (self), NULL);

  return self->filter_verdicts;
}

/**
 * hdr_auth_get_filter_verdict:
 * @name: an upper-case tag such as "SCL", "CAT" or "AUTHAS"
 *
 * Looks up what the recipient provider's filter recorded for @name.  When
 * several trusted fields carry it, the last one is returned.
 *
 * Returns: (nullable): the value of the last trusted verdict called @name
 */
const char *
hdr_auth_get_filter_verdict (HdrAuth    *self,
                             const char *name)
{
  const char *value = NULL;

  g_return_val_if_fail (HDR_IS_AUTH (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->filter_verdicts->len; i++)
    {
      const HdrFilterVerdict *verdict = g_ptr_array_index (self->filter_verdicts, i);

      if (verdict->trusted && g_ascii_strcasecmp (verdict->name, name) == 0)
        value = verdict->value;
    }

  return value;
}
