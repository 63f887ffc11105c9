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

#include "hdr-json-writer.h"
#include "hdr-report-private.h"

#define HDR_REPORT_JSON_SCHEMA 1

/* Write @value, 0 to 99, as two decimal digits at @out. */
static char *
put_two_digits (char *out,
                int   value)
{
  out[0] = (char) ('0' + value / 10);
  out[1] = (char) ('0' + value % 10);

  return out + 2;
}

/* The date reads as g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") writes
 * it, so a year before 1000 has no leading zeros.  GDateTime keeps years
 * from 1 to 9999.  The digits are written by hand because g_snprintf()
 * cost about 3,000 instructions per date under callgrind, more than the
 * rest of this function. */
static void
add_date (HdrJsonWriter *writer,
          const char    *name,
          GDateTime     *date)
{
  g_autoptr(GDateTime) utc = NULL;
  char text[sizeof "9999-12-31T23:59:59Z"];
  char *out = text;
  int year;
  int month;
  int day;

  if (date == NULL)
    {
      hdr_json_writer_add_null (writer, name);
      return;
    }

  utc = g_date_time_to_utc (date);
  g_date_time_get_ymd (utc, &year, &month, &day);

  if (year >= 1000)
    *out++ = (char) ('0' + year / 1000);
  if (year >= 100)
    *out++ = (char) ('0' + year / 100 % 10);
  if (year >= 10)
    *out++ = (char) ('0' + year / 10 % 10);
  *out++ = (char) ('0' + year % 10);
  *out++ = '-';
  out = put_two_digits (out, month);
  *out++ = '-';
  out = put_two_digits (out, day);
  *out++ = 'T';
  out = put_two_digits (out, g_date_time_get_hour (utc));
  *out++ = ':';
  out = put_two_digits (out, g_date_time_get_minute (utc));
  *out++ = ':';
  out = put_two_digits (out, g_date_time_get_second (utc));
  *out++ = 'Z';
  *out = '\0';

  hdr_json_writer_add_string (writer, name, text);
}

static void
add_findings (HdrJsonWriter *writer,
              HdrReport     *self)
{
  hdr_json_writer_begin_array (writer, "findings");

  for (guint i = 0; i < self->findings->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (self->findings, i);

      hdr_json_writer_begin_object (writer, NULL);
      hdr_json_writer_add_string (writer, "id", finding->id);
      hdr_json_writer_add_string (writer, "category", finding->category);
      hdr_json_writer_add_string (writer, "severity", hdr_severity_to_string (finding->severity));
      hdr_json_writer_add_string (writer, "title", finding->title);
      hdr_json_writer_add_string (writer, "evidence", finding->evidence);
      hdr_json_writer_add_string (writer, "location", finding->location);
      hdr_json_writer_add_string (writer, "explanation", finding->explanation);
      hdr_json_writer_end_object (writer);
    }

  hdr_json_writer_end_array (writer);
}

static void
add_hop_flags (HdrJsonWriter *writer,
               HdrHopFlags    flags)
{
  hdr_json_writer_begin_array (writer, "flags");

  for (guint bit = 0; bit < 32; bit++)
    {
      HdrHopFlags flag = 1u << bit;
      const char *name;

      if ((flags & flag) == 0)
        continue;

      name = hdr_hop_flag_to_string (flag);
      if (name != NULL)
        hdr_json_writer_add_string (writer, NULL, name);
    }

  hdr_json_writer_end_array (writer);
}

static void
add_hops (HdrJsonWriter *writer,
          HdrReport     *self)
{
  GPtrArray *hops = hdr_route_get_hops (self->route);

  hdr_json_writer_begin_array (writer, "hops");

  for (guint i = 0; i < hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (hops, i);

      hdr_json_writer_begin_object (writer, NULL);
      hdr_json_writer_add_int (writer, "index", hop->index);
      hdr_json_writer_add_string (writer, "from_helo", hop->from_helo);
      hdr_json_writer_add_string (writer, "from_rdns", hop->from_rdns);
      hdr_json_writer_add_string (writer, "from_ip", hop->from_ip);
      hdr_json_writer_add_string (writer, "zone", hop->zone);
      hdr_json_writer_add_string (writer, "by", hop->by);
      hdr_json_writer_add_string (writer, "with", hop->with);
      hdr_json_writer_add_string (writer, "id", hop->id);

      hdr_json_writer_begin_array (writer, "for");
      for (guint j = 0; hop->for_addresses != NULL && j < hop->for_addresses->len; j++)
        hdr_json_writer_add_string (writer, NULL, g_ptr_array_index (hop->for_addresses, j));
      hdr_json_writer_end_array (writer);

      add_date (writer, "date", hop->date);
      if (hop->has_delay)
        hdr_json_writer_add_int (writer, "delay_seconds", hop->delay_seconds);
      else
        hdr_json_writer_add_null (writer, "delay_seconds");
      hdr_json_writer_add_boolean (writer, "trusted", hop->trusted);
      hdr_json_writer_add_boolean (writer, "authenticated", hop->authenticated);
      add_hop_flags (writer, hop->flags);
      hdr_json_writer_add_string (writer, "parse_error", hop->parse_error);
      hdr_json_writer_add_string (writer, "raw", hop->raw);
      hdr_json_writer_end_object (writer);
    }

  hdr_json_writer_end_array (writer);
}

static void
add_trap_match (HdrJsonWriter    *writer,
                const char       *name,
                HdrTraplistMatch  match)
{
  if (match == HDR_TRAPLIST_MATCH_NOT_CHECKED)
    hdr_json_writer_add_null (writer, name);
  else
    hdr_json_writer_add_boolean (writer, name, match == HDR_TRAPLIST_MATCH_LISTED);
}

/* trap_listed is null unless a list was used and there is an origin IP;
 * trap_lists names every list used, with its age in seconds (null when
 * unknown) and its own result. */
static void
add_trap_lists (HdrJsonWriter *writer,
                HdrReport     *self)
{
  GPtrArray *results = hdr_report_get_traplist_results (self);

  add_trap_match (writer, "trap_listed", hdr_report_get_trap_listed (self));
  hdr_json_writer_begin_array (writer, "trap_lists");
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      HdrTraplistResult *result = g_ptr_array_index (results, i);

      hdr_json_writer_begin_object (writer, NULL);
      hdr_json_writer_add_string (writer, "source", result->source);
      if (result->age_seconds >= 0)
        hdr_json_writer_add_int (writer, "age_seconds", result->age_seconds);
      else
        hdr_json_writer_add_null (writer, "age_seconds");
      add_trap_match (writer, "listed", result->match);
      hdr_json_writer_end_object (writer);
    }
  hdr_json_writer_end_array (writer);
}

static void
add_origin (HdrJsonWriter *writer,
            HdrReport     *self)
{
  HdrHop *origin = hdr_route_get_origin_hop (self->route);
  const char *ip = hdr_route_get_origin_ip (self->route);
  HdrOriginKind kind = hdr_route_get_origin_kind (self->route);

  hdr_json_writer_begin_object (writer, "origin");
  hdr_json_writer_add_string (writer, "ip", ip);
  if (origin != NULL)
    hdr_json_writer_add_int (writer, "hop_index", origin->index);
  else
    hdr_json_writer_add_null (writer, "hop_index");
  hdr_json_writer_add_string (writer, "rdns", origin != NULL ? origin->from_rdns : NULL);
  hdr_json_writer_add_string (writer, "kind",
                              kind != HDR_ORIGIN_NONE ? hdr_origin_kind_to_string (kind) : NULL);
  add_trap_lists (writer, self);
  hdr_json_writer_end_object (writer);
}

/* Write the properties of one result as an object.  A repeated name keeps
 * the place of its first property and the value of its last, as a json-glib
 * JsonObject did when it built this object. */
static void
add_auth_properties (HdrJsonWriter *writer,
                     GPtrArray     *properties)
{
  hdr_json_writer_begin_object (writer, "properties");

  for (guint j = 0; properties != NULL && j < properties->len; j++)
    {
      const HdrAuthProperty *property = g_ptr_array_index (properties, j);
      const HdrAuthProperty *last = property;
      gboolean seen = FALSE;

      for (guint k = 0; k < j && !seen; k++)
        {
          const HdrAuthProperty *earlier = g_ptr_array_index (properties, k);

          seen = g_str_equal (earlier->name, property->name);
        }

      if (seen)
        continue;

      for (guint k = j + 1; k < properties->len; k++)
        {
          const HdrAuthProperty *later = g_ptr_array_index (properties, k);

          if (g_str_equal (later->name, property->name))
            last = later;
        }

      hdr_json_writer_add_string (writer, property->name, last->value);
    }

  hdr_json_writer_end_object (writer);
}

static void
add_authentication (HdrJsonWriter *writer,
                    HdrReport     *self)
{
  GPtrArray *results = hdr_auth_get_results (self->auth);
  static const char * const summary_methods[] = { "spf", "dkim", "dmarc", "arc" };

  hdr_json_writer_begin_object (writer, "authentication");

  for (guint i = 0; i < G_N_ELEMENTS (summary_methods); i++)
    hdr_json_writer_add_string (writer, summary_methods[i],
                                hdr_auth_get_summary (self->auth, summary_methods[i]));

  hdr_json_writer_begin_array (writer, "results");
  for (guint i = 0; i < results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (results, i);

      hdr_json_writer_begin_object (writer, NULL);
      hdr_json_writer_add_string (writer, "header", result->header_name);
      hdr_json_writer_add_string (writer, "authserv_id", result->authserv_id);
      hdr_json_writer_add_string (writer, "method", result->method);
      hdr_json_writer_add_string (writer, "result", result->result);
      hdr_json_writer_add_string (writer, "reason", result->reason);
      add_auth_properties (writer, result->properties);
      hdr_json_writer_add_boolean (writer, "trusted", result->trusted);
      hdr_json_writer_end_object (writer);
    }
  hdr_json_writer_end_array (writer);

  hdr_json_writer_end_object (writer);
}

static void
add_wallets_and_amounts (HdrJsonWriter *writer,
                         HdrReport     *self)
{
  GPtrArray *wallets = hdr_text_scan_get_wallets (self->scan);
  GPtrArray *amounts = hdr_text_scan_get_amounts (self->scan);

  hdr_json_writer_begin_array (writer, "wallets");
  for (guint i = 0; i < wallets->len; i++)
    {
      const HdrWallet *wallet = g_ptr_array_index (wallets, i);

      hdr_json_writer_begin_object (writer, NULL);
      hdr_json_writer_add_string (writer, "kind", hdr_wallet_kind_to_string (wallet->kind));
      hdr_json_writer_add_string (writer, "address", wallet->address);
      if (wallet->checksum == HDR_CHECKSUM_UNKNOWN)
        hdr_json_writer_add_null (writer, "checksum_valid");
      else
        hdr_json_writer_add_boolean (writer, "checksum_valid", wallet->checksum == HDR_CHECKSUM_VALID);
      hdr_json_writer_add_boolean (writer, "in_link", wallet->in_link);
      hdr_json_writer_end_object (writer);
    }
  hdr_json_writer_end_array (writer);

  hdr_json_writer_begin_array (writer, "amounts");
  for (guint i = 0; i < amounts->len; i++)
    {
      const HdrAmount *amount = g_ptr_array_index (amounts, i);

      hdr_json_writer_begin_object (writer, NULL);
      hdr_json_writer_add_string (writer, "value", amount->value);
      hdr_json_writer_add_string (writer, "currency", amount->currency);
      hdr_json_writer_end_object (writer);
    }
  hdr_json_writer_end_array (writer);
}

static void
add_claims (HdrJsonWriter *writer,
            HdrReport     *self)
{
  hdr_json_writer_begin_object (writer, "claims");
  hdr_json_writer_add_boolean (writer, "from_own_account", self->claims.from_own_account);
  hdr_json_writer_add_boolean (writer, "from_equals_to", self->claims.from_equals_to);
  hdr_json_writer_add_boolean (writer, "knows_password", self->claims.knows_password);
  hdr_json_writer_add_boolean (writer, "has_recording", self->claims.has_recording);
  if (self->claims.deadline_hours >= 0)
    hdr_json_writer_add_int (writer, "deadline_hours", self->claims.deadline_hours);
  else
    hdr_json_writer_add_null (writer, "deadline_hours");
  hdr_json_writer_end_object (writer);
}

static void
add_languages (HdrJsonWriter *writer,
               HdrReport     *self)
{
  g_auto(GStrv) languages = hdr_text_scan_get_languages (self->scan);

  hdr_json_writer_begin_array (writer, "languages");
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    hdr_json_writer_add_string (writer, NULL, languages[i]);
  hdr_json_writer_end_array (writer);
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
  GString *text;
  HdrJsonWriter writer;

  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  text = g_string_sized_new (4096);
  hdr_json_writer_init (&writer, text, pretty);

  hdr_json_writer_begin_object (&writer, NULL);
  hdr_json_writer_add_int (&writer, "schema", HDR_REPORT_JSON_SCHEMA);
  hdr_json_writer_add_string (&writer, "source", hdr_message_get_source (self->message));
  hdr_json_writer_add_string (&writer, "verdict", hdr_verdict_to_string (self->verdict));
  hdr_json_writer_add_string (&writer, "headline", self->headline);
  hdr_json_writer_add_string (&writer, "summary", self->summary);
  add_findings (&writer, self);
  add_hops (&writer, self);
  add_origin (&writer, self);
  add_authentication (&writer, self);
  add_wallets_and_amounts (&writer, self);
  add_claims (&writer, self);
  add_languages (&writer, self);
  hdr_json_writer_end_object (&writer);

  return g_string_free (text, FALSE);
}
