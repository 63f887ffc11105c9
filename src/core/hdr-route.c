/* hdr-route.c: the Received chain in order, its trust boundary and origin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The walk (DESIGN.md, "Trust boundary"): the topmost Received header was
 * written by the recipient's own provider and is trusted.  Each trusted hop
 * names the host that handed the message over.  When that host is inside the
 * same provider, the next older header was written by it and is trusted too;
 * otherwise the walk stops and that host's IP is the origin.  A host is
 * inside when its IP is private, loopback or link-local, when its rDNS name
 * as the trusted writer recorded it has the provider's registrable domain,
 * or when its rDNS name or IP belongs to the provider's family in
 * data/providers.conf.  The name the host gave in HELO never counts.  A hop
 * that names no address at all (local submission, "from localhost",
 * Gmail's internal "by 2002:..." hops) hands on to the next header.  A hop
 * showing authenticated submission ends the walk: its client is a
 * logged-in account of the provider.
 */

#define G_LOG_DOMAIN "hdr-route"

#include "config.h"

#include <string.h>

#include "hdr-message.h"
#include "hdr-received-private.h"
#include "hdr-route.h"
#include "hdr-route-private.h"

/* A hop dated more than this after the message reached the recipient's
 * provider is flagged as dated in the future. */
#define FUTURE_DATE_LIMIT (24 * G_TIME_SPAN_HOUR)

struct _HdrRoute
{
  GObject                  parent_instance;

  GPtrArray               *hops;            /* HdrHop, oldest first */
  HdrHop                  *origin;          /* borrowed from hops, or NULL */
  HdrOriginKind            origin_kind;
  char                    *provider_domain;
  const HdrProviderFamily *family;
  char                    *list_id;
  guint                    first_untrusted_header_index;
  guint                    ignored_hop_count;
};

G_DEFINE_FINAL_TYPE (HdrRoute, hdr_route, G_TYPE_OBJECT)

static void
hdr_route_finalize (GObject *object)
{
  HdrRoute *self = (HdrRoute *) object;

  g_clear_pointer (&self->hops, g_ptr_array_unref);
  g_clear_pointer (&self->provider_domain, g_free);
  g_clear_pointer (&self->list_id, g_free);

  G_OBJECT_CLASS (hdr_route_parent_class)->finalize (object);
}

static void
hdr_route_class_init (HdrRouteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hdr_route_finalize;
}

static void
hdr_route_init (HdrRoute *self)
{
  self->hops = g_ptr_array_new_with_free_func ((GDestroyNotify) hdr_hop_free);
  self->origin_kind = HDR_ORIGIN_NONE;
  self->first_untrusted_header_index = G_MAXUINT;
}

/* "Some List <list-id.example.org>" -> "list-id.example.org" (RFC 2919). */
static char *
read_list_id (const char *value)
{
  const char *open;
  const char *close;

  g_assert (value != NULL);

  open = strrchr (value, '<');
  close = open != NULL ? strchr (open, '>') : NULL;
  if (open != NULL && close != NULL && close > open + 1)
    return g_strndup (open + 1, close - open - 1);

  return g_strstrip (g_strdup (value));
}

static void
collect_hops (HdrRoute  *self,
              GPtrArray *headers)
{
  g_autoptr(GPtrArray) newest_first = g_ptr_array_new ();

  g_assert (HDR_IS_ROUTE (self));
  g_assert (headers != NULL);

  for (guint i = 0; i < headers->len; i++)
    {
      HdrHeader *header = g_ptr_array_index (headers, i);
      HdrHop *hop;

      if (header == NULL || header->name == NULL)
        continue;

      if (g_ascii_strcasecmp (header->name, "List-Id") == 0 && self->list_id == NULL &&
          header->value != NULL)
        self->list_id = read_list_id (header->value);

      if (g_ascii_strcasecmp (header->name, "Received") != 0)
        continue;

      /* The walk starts at the top, so the newest hops are kept. */
      if (newest_first->len >= HDR_ROUTE_MAX_HOPS)
        {
          self->ignored_hop_count++;
          continue;
        }

      hop = hdr_hop_parse (header->value != NULL ? header->value : "");
      hop->header_index = header->index;
      g_ptr_array_add (newest_first, hop);
    }

  for (guint i = newest_first->len; i > 0; i--)
    {
      HdrHop *hop = g_ptr_array_index (newest_first, i - 1);

      hop->index = self->hops->len;
      g_ptr_array_add (self->hops, hop);
    }
}

/* Delays between consecutive dated hops, oldest first.  A negative delay
 * is kept as it is and flagged as clock skew. */
static void
compute_delays (HdrRoute *self)
{
  HdrHop *previous = NULL;
  HdrHop *newest = NULL;

  g_assert (HDR_IS_ROUTE (self));

  for (guint i = 0; i < self->hops->len; i++)
    {
      HdrHop *hop = g_ptr_array_index (self->hops, i);

      if (hop->date == NULL)
        continue;

      if (previous != NULL)
        {
          hop->has_delay = TRUE;
          hop->delay_seconds = g_date_time_difference (hop->date, previous->date) / G_TIME_SPAN_SECOND;
          if (hop->delay_seconds < 0)
            hop->flags |= HDR_HOP_FLAG_CLOCK_SKEW;
        }

      previous = hop;
      newest = hop;
    }

  /* NOTE: the newest dated hop is when the provider received the message;
   * a hop dated after it cannot be right.  A date in the future of the
   * reader's clock is not checked here: the route depends on its input
   * only. */
  for (guint i = 0; newest != NULL && i < self->hops->len; i++)
    {
      HdrHop *hop = g_ptr_array_index (self->hops, i);

      if (hop->date != NULL && hop != newest &&
          g_date_time_difference (hop->date, newest->date) > FUTURE_DATE_LIMIT)
        hop->flags |= HDR_HOP_FLAG_FUTURE_DATE;
    }
}

/* The provider is named by the topmost "by" host; Gmail's topmost hop is
 * "by 2002:..." with no name, so the first trusted hop that has a name (for
 * the registrable domain) or a family address counts. */
static void
note_provider (HdrRoute     *self,
               const HdrHop *hop)
{
  g_assert (HDR_IS_ROUTE (self));
  g_assert (hop != NULL);

  if (hop->by == NULL)
    return;

  if (self->provider_domain == NULL)
    self->provider_domain = _hdr_registrable_domain (hop->by);

  if (self->family == NULL)
    self->family = _hdr_provider_family_for_host (hop->by);
}

static gboolean
is_http_protocol (const char *with)
{
  return with != NULL &&
         (g_ascii_strncasecmp (with, "HTTP", 4) == 0 &&
          (with[4] == '\0' || with[4] == 'S' || with[4] == 's' || with[4] == ' ' || with[4] == '/'));
}

/* Whether the host that handed @hop's message over belongs to the
 * recipient's provider, judged only from what the trusted writer of @hop
 * recorded: the IP it saw and the rDNS name it looked up. */
static gboolean
handing_host_is_inside (HdrRoute     *self,
                        const HdrHop *hop)
{
  /* Local submission is not among these: a hop that has an address is
   * judged by it, and the phrases that mark local submission sit in
   * comments a client can partly fill (qmail's HELO text). */
  const HdrHopFlags inside_flags = HDR_HOP_FLAG_PRIVATE_IP | HDR_HOP_FLAG_LOOPBACK |
                                   HDR_HOP_FLAG_LINK_LOCAL;

  g_assert (HDR_IS_ROUTE (self));
  g_assert (hop != NULL);

  if ((hop->flags & inside_flags) != 0)
    return TRUE;

  if (self->family != NULL && _hdr_provider_family_has_ip (self->family, hop->from_ip))
    return TRUE;

  /* Sendmail's "(may be forged)": the rDNS name did not resolve back. */
  if (hop->from_rdns != NULL && (hop->flags & HDR_HOP_FLAG_MAY_BE_FORGED) == 0)
    {
      g_autofree char *domain = _hdr_registrable_domain (hop->from_rdns);

      if (domain != NULL && self->provider_domain != NULL &&
          g_str_equal (domain, self->provider_domain))
        return TRUE;

      if (self->family != NULL && _hdr_provider_family_has_name (self->family, hop->from_rdns))
        return TRUE;
    }

  return FALSE;
}

static void
set_origin (HdrRoute      *self,
            HdrHop        *hop,
            HdrOriginKind  kind)
{
  g_assert (HDR_IS_ROUTE (self));
  g_assert (hop != NULL);

  self->origin = hop;
  self->origin_kind = kind;
  hop->authenticated = (kind == HDR_ORIGIN_AUTHENTICATED);
}

/* Walk from the topmost hop down.  Returns the index (oldest first) of the
 * hop where the walk stopped, or -1 when it ran out of hops. */
static int
walk_trusted_hops (HdrRoute *self)
{
  g_assert (HDR_IS_ROUTE (self));

  for (guint i = self->hops->len; i > 0; i--)
    {
      HdrHop *hop = g_ptr_array_index (self->hops, i - 1);

      hop->trusted = TRUE;
      note_provider (self, hop);

      /* ESMTPA, ESMTPSA, "Authenticated sender", MAPI: the client logged in
       * to the provider, so whatever it records below is its own account. */
      if ((hop->flags & HDR_HOP_FLAG_AUTHENTICATED) != 0)
        {
          set_origin (self, hop, HDR_ORIGIN_AUTHENTICATED);
          return i - 1;
        }

      if (hop->from_ip == NULL)
        {
          /* Gmail's "by 2002:... with HTTP": the provider's webmail wrote
           * the message for a logged-in user whose address it keeps. */
          if (is_http_protocol (hop->with) && hop->from_helo == NULL && hop->from_rdns == NULL)
            {
              set_origin (self, hop, HDR_ORIGIN_AUTHENTICATED);
              return i - 1;
            }

          /* No address to judge ("by 2002:... with SMTP", local submission,
           * "from localhost"): the next older header comes from the same
           * side. */
          continue;
        }

      if (handing_host_is_inside (self, hop))
        continue;

      /* A webmail front end of the provider took the message over HTTP
       * from the user's own address. */
      set_origin (self, hop, is_http_protocol (hop->with) ? HDR_ORIGIN_AUTHENTICATED
                                                          : HDR_ORIGIN_EXTERNAL);
      return i - 1;
    }

  return -1;
}

static gboolean
address_in_domain (const char *address,
                   const char *domain)
{
  g_autofree char *address_domain = NULL;
  const char *at;

  g_assert (address != NULL);
  g_assert (domain != NULL);

  at = strrchr (address, '@');
  if (at == NULL)
    return FALSE;

  address_domain = _hdr_registrable_domain (at + 1);

  return address_domain != NULL && g_str_equal (address_domain, domain);
}

/* Whether the origin host is the server of the list named by List-Id.
 * A List-Id can be written by anyone, so it only changes how the origin
 * is described, never which host it is.  The origin is taken for the list
 * server when
 *   - its rDNS name has the registrable domain of the List-Id, or the two
 *     belong to the same provider family (Google Groups sends from
 *     google.com hosts), or
 *   - a hop below it (recorded by the list server itself) was addressed to
 *     the List-Id's domain or to the origin's own domain: the list server
 *     received the post for the list address and sent it on.
 */
static gboolean
origin_is_list_server (HdrRoute *self,
                       int       origin_index)
{
  g_autofree char *list_domain = NULL;
  g_autofree char *host_domain = NULL;
  const HdrProviderFamily *list_family;

  g_assert (HDR_IS_ROUTE (self));
  g_assert (self->origin != NULL);

  list_domain = _hdr_registrable_domain (self->list_id);
  if (list_domain == NULL)
    return FALSE;

  if (self->origin->from_rdns != NULL &&
      (self->origin->flags & HDR_HOP_FLAG_MAY_BE_FORGED) == 0)
    host_domain = _hdr_registrable_domain (self->origin->from_rdns);

  if (host_domain != NULL)
    {
      if (g_str_equal (host_domain, list_domain))
        return TRUE;

      list_family = _hdr_provider_family_for_host (list_domain);
      if (list_family != NULL && _hdr_provider_family_has_name (list_family, host_domain))
        return TRUE;
    }

  for (int i = origin_index - 1; i >= 0; i--)
    {
      HdrHop *hop = g_ptr_array_index (self->hops, i);

      for (guint j = 0; j < hop->for_addresses->len; j++)
        {
          const char *address = g_ptr_array_index (hop->for_addresses, j);

          if (address_in_domain (address, list_domain) ||
              (host_domain != NULL && address_in_domain (address, host_domain)))
            return TRUE;
        }
    }

  return FALSE;
}

HdrRoute *
hdr_route_new (GPtrArray *headers)
{
  g_autoptr(HdrRoute) self = NULL;
  int stop;

  g_return_val_if_fail (headers != NULL, NULL);

  self = g_object_new (HDR_TYPE_ROUTE, NULL);

  collect_hops (self, headers);
  compute_delays (self);

  stop = walk_trusted_hops (self);
  if (stop < 0)
    return g_steal_pointer (&self);

  /* Everything older than the boundary was written by the sender's side. */
  for (int i = 0; i < stop; i++)
    {
      HdrHop *hop = g_ptr_array_index (self->hops, i);

      hop->trusted = FALSE;
    }

  if (stop > 0)
    {
      HdrHop *below = g_ptr_array_index (self->hops, stop - 1);

      self->first_untrusted_header_index = below->header_index;
    }

  if (self->list_id != NULL && self->origin_kind == HDR_ORIGIN_EXTERNAL &&
      origin_is_list_server (self, stop))
    self->origin_kind = HDR_ORIGIN_MAILING_LIST;

  return g_steal_pointer (&self);
}

GPtrArray *
hdr_route_get_hops (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), NULL);

  return self->hops;
}

HdrHop *
hdr_route_get_origin_hop (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), NULL);

  return self->origin;
}

const char *
hdr_route_get_origin_ip (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), NULL);

  return self->origin != NULL ? self->origin->from_ip : NULL;
}

HdrOriginKind
hdr_route_get_origin_kind (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), HDR_ORIGIN_NONE);

  return self->origin_kind;
}

const char *
hdr_route_get_provider_domain (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), NULL);

  return self->provider_domain;
}

const char *
hdr_route_get_list_id (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), NULL);

  return self->list_id;
}

guint
hdr_route_get_first_untrusted_header_index (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), G_MAXUINT);

  return self->first_untrusted_header_index;
}

gboolean
hdr_route_is_trusted_writer (HdrRoute   *self,
                             const char *host)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), FALSE);

  if (host == NULL)
    return FALSE;

  for (guint i = 0; i < self->hops->len; i++)
    {
      HdrHop *hop = g_ptr_array_index (self->hops, i);

      if (hop->trusted && hop->by != NULL && g_ascii_strcasecmp (hop->by, host) == 0)
        return TRUE;
    }

  return FALSE;
}

const char *
hdr_route_get_provider_family (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), NULL);

  return self->family != NULL ? self->family->id : NULL;
}

const char *
hdr_route_get_provider_name (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), NULL);

  return self->family != NULL ? self->family->name : NULL;
}

gboolean
hdr_route_is_provider_host (HdrRoute   *self,
                            const char *host)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), FALSE);

  if (host == NULL || self->family == NULL)
    return FALSE;

  return _hdr_provider_family_has_name (self->family, host);
}

gboolean
hdr_route_is_provider_authserv_id (HdrRoute   *self,
                                   const char *authserv_id)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), FALSE);

  if (authserv_id == NULL || self->family == NULL)
    return FALSE;

  return _hdr_provider_family_has_authserv_id (self->family, authserv_id);
}

const char *
hdr_origin_kind_to_string (HdrOriginKind kind)
{
  switch (kind)
    {
    case HDR_ORIGIN_NONE:
      return "none";
    case HDR_ORIGIN_EXTERNAL:
      return "external";
    case HDR_ORIGIN_AUTHENTICATED:
      return "authenticated";
    case HDR_ORIGIN_MAILING_LIST:
      return "mailing_list";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * hdr_route_get_ignored_hop_count:
 *
 * Returns: how many of the oldest Received headers were left out because
 *   the message has more than %HDR_ROUTE_MAX_HOPS of them
 */
guint
hdr_route_get_ignored_hop_count (HdrRoute *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE (self), 0);

  return self->ignored_hop_count;
}
