/* hdr-report-json.c: the report as JSON, schema 1
 *
 * The JSON report is a contract read by tests and scripts: absent values
 * are null, never omitted; IPs are canonical, compressed, without brackets
 * or zone; dates are ISO 8601 in UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-json"

#include "config.h"

#include <json-glib/json-glib.h>

#include "hdr-report-private.h"

#define HDR_REPORT_JSON_SCHEMA 1

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *date)
{
  g_autofree char *text = NULL;

  if (date != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

      text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }

  add_string (builder, name, text);
}

static void
add_findings (JsonBuilder *builder,
              HdrReport   *self)
{
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (self->findings, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", finding->id);
      add_string (builder, "category", finding->category);
      add_string (builder, "severity", hdr_severity_to_string (finding->severity));
      add_string (builder, "title", finding->title);
      add_string (builder, "evidence", finding->evidence);
      add_string (builder, "location", finding->location);
      add_string (builder, "explanation", finding->explanation);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static void
add_hop_flags (JsonBuilder *builder,
               HdrHopFlags  flags)
{
  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);

  for (guint bit = 0; bit < 32; bit++)
    {
      HdrHopFlags flag = 1u << bit;
      const char *name;

      if ((flags & flag) == 0)
        continue;

      name = hdr_hop_flag_to_string (flag);
      if (name != NULL)
        json_builder_add_string_value (builder, name);
    }

  json_builder_end_array (builder);
}

static void
add_hops (JsonBuilder *builder,
          HdrReport   *self)
{
  GPtrArray *hops = hdr_route_get_hops (self->route);

  json_builder_set_member_name (builder, "hops");
  json_builder_begin_array (builder);

  for (guint i = 0; i < hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (hops, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, hop->index);
      add_string (builder, "from_helo", hop->from_helo);
      add_string (builder, "from_rdns", hop->from_rdns);
      add_string (builder, "from_ip", hop->from_ip);
      add_string (builder, "zone", hop->zone);
      add_string (builder, "by", hop->by);
      add_string (builder, "with", hop->with);
      add_string (builder, "id", hop->id);

      json_builder_set_member_name (builder, "for");
      json_builder_begin_array (builder);
      for (guint j = 0; hop->for_addresses != NULL && j < hop->for_addresses->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (hop->for_addresses, j));
      json_builder_end_array (builder);

      add_date (builder, "date", hop->date);
      json_builder_set_member_name (builder, "delay_seconds");
      if (hop->has_delay)
        json_builder_add_int_value (builder, hop->delay_seconds);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "trusted");
      json_builder_add_boolean_value (builder, hop->trusted);
      json_builder_set_member_name (builder, "authenticated");
      json_builder_add_boolean_value (builder, hop->authenticated);
      add_hop_flags (builder, hop->flags);
      add_string (builder, "parse_error", hop->parse_error);
      add_string (builder, "raw", hop->raw);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static void
add_trap_match (JsonBuilder      *builder,
                const char       *name,
                HdrTraplistMatch  match)
{
  json_builder_set_member_name (builder, name);
  if (match == HDR_TRAPLIST_MATCH_NOT_CHECKED)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, match == HDR_TRAPLIST_MATCH_LISTED);
}

/* trap_listed is null unless a list was used and there is an origin IP;
 * trap_lists names every list used, with its age in seconds (null when
 * unknown) and its own result. */
static void
add_trap_lists (JsonBuilder *builder,
                HdrReport   *self)
{
  GPtrArray *results = hdr_report_get_traplist_results (self);

  add_trap_match (builder, "trap_listed", hdr_report_get_trap_listed (self));
  json_builder_set_member_name (builder, "trap_lists");
  json_builder_begin_array (builder);
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      HdrTraplistResult *result = g_ptr_array_index (results, i);

      json_builder_begin_object (builder);
      add_string (builder, "source", result->source);
      json_builder_set_member_name (builder, "age_seconds");
      if (result->age_seconds >= 0)
        json_builder_add_int_value (builder, result->age_seconds);
      else
        json_builder_add_null_value (builder);
      add_trap_match (builder, "listed", result->match);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_origin (JsonBuilder *builder,
            HdrReport   *self)
{
  HdrHop *origin = hdr_route_get_origin_hop (self->route);
  const char *ip = hdr_route_get_origin_ip (self->route);
  HdrOriginKind kind = hdr_route_get_origin_kind (self->route);

  json_builder_set_member_name (builder, "origin");
  json_builder_begin_object (builder);
  add_string (builder, "ip", ip);
  json_builder_set_member_name (builder, "hop_index");
  if (origin != NULL)
    json_builder_add_int_value (builder, origin->index);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "rdns", origin != NULL ? origin->from_rdns : NULL);
  add_string (builder, "kind", kind != HDR_ORIGIN_NONE ? hdr_origin_kind_to_string (kind) : NULL);
  add_trap_lists (builder, self);
  json_builder_end_object (builder);
}

static void
add_authentication (JsonBuilder *builder,
                    HdrReport   *self)
{
  GPtrArray *results = hdr_auth_get_results (self->auth);
  static const char * const summary_methods[] = { "spf", "dkim", "dmarc", "arc" };

  json_builder_set_member_name (builder, "authentication");
  json_builder_begin_object (builder);

  for (guint i = 0; i < G_N_ELEMENTS (summary_methods); i++)
    add_string (builder, summary_methods[i], hdr_auth_get_summary (self->auth, summary_methods[i]));

  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (results, i);

      json_builder_begin_object (builder);
      add_string (builder, "header", result->header_name);
      add_string (builder, "authserv_id", result->authserv_id);
      add_string (builder, "method", result->method);
      add_string (builder, "result", result->result);
      add_string (builder, "reason", result->reason);
      json_builder_set_member_name (builder, "properties");
      json_builder_begin_object (builder);
      for (guint j = 0; result->properties != NULL && j < result->properties->len; j++)
        {
          const HdrAuthProperty *property = g_ptr_array_index (result->properties, j);

          add_string (builder, property->name, property->value);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "trusted");
      json_builder_add_boolean_value (builder, result->trusted);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static void
add_wallets_and_amounts (JsonBuilder *builder,
                         HdrReport   *self)
{
  GPtrArray *wallets = hdr_text_scan_get_wallets (self->scan);
  GPtrArray *amounts = hdr_text_scan_get_amounts (self->scan);

  json_builder_set_member_name (builder, "wallets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < wallets->len; i++)
    {
      const HdrWallet *wallet = g_ptr_array_index (wallets, i);

      json_builder_begin_object (builder);
      add_string (builder, "kind", hdr_wallet_kind_to_string (wallet->kind));
      add_string (builder, "address", wallet->address);
      json_builder_set_member_name (builder, "checksum_valid");
      if (wallet->checksum == HDR_CHECKSUM_UNKNOWN)
        json_builder_add_null_value (builder);
      else
        json_builder_add_boolean_value (builder, wallet->checksum == HDR_CHECKSUM_VALID);
      json_builder_set_member_name (builder, "in_link");
      json_builder_add_boolean_value (builder, wallet->in_link);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "amounts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < amounts->len; i++)
    {
      const HdrAmount *amount = g_ptr_array_index (amounts, i);

      json_builder_begin_object (builder);
      add_string (builder, "value", amount->value);
      add_string (builder, "currency", amount->currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_claims (JsonBuilder *builder,
            HdrReport   *self)
{
  json_builder_set_member_name (builder, "claims");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from_own_account");
  json_builder_add_boolean_value (builder, self->claims.from_own_account);
  json_builder_set_member_name (builder, "from_equals_to");
  json_builder_add_boolean_value (builder, self->claims.from_equals_to);
  json_builder_set_member_name (builder, "knows_password");
  json_builder_add_boolean_value (builder, self->claims.knows_password);
  json_builder_set_member_name (builder, "has_recording");
  json_builder_add_boolean_value (builder, self->claims.has_recording);
  json_builder_set_member_name (builder, "deadline_hours");
  if (self->claims.deadline_hours >= 0)
    json_builder_add_int_value (builder, self->claims.deadline_hours);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_languages (JsonBuilder *builder,
               HdrReport   *self)
{
  g_auto(GStrv) languages = hdr_text_scan_get_languages (self->scan);

  json_builder_set_member_name (builder, "languages");
  json_builder_begin_array (builder);
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    json_builder_add_string_value (builder, languages[i]);
  json_builder_end_array (builder);
}

/**
 * hdr_report_to_json:
 * @pretty: whether to indent; a mailbox report writes one object per line
 *
 * Returns: (transfer full): the report as a JSON object, without a final newline
 */
char *
hdr_report_to_json (HdrReport *self,
                    gboolean   pretty)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, HDR_REPORT_JSON_SCHEMA);
  add_string (builder, "source", hdr_message_get_source (self->message));
  add_string (builder, "verdict", hdr_verdict_to_string (self->verdict));
  add_string (builder, "headline", self->headline);
  add_string (builder, "summary", self->summary);
  add_findings (builder, self);
  add_hops (builder, self);
  add_origin (builder, self);
  add_authentication (builder, self);
  add_wallets_and_amounts (builder, self);
  add_claims (builder, self);
  add_languages (builder, self);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);

  return json_generator_to_data (generator, NULL);
}
