/* hdr-report-traplist.c: the trap-list lookup of the origin IP and its finding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hdr-report-private.h"

/* Append one sentence per list to @text: its source, its age and its result. */
static void
describe_lists (GString   *text,
                GPtrArray *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      HdrTraplistResult *result = g_ptr_array_index (results, i);
      g_autofree char *age = hdr_traplist_format_age (result->age_seconds);

      g_string_append_c (text, ' ');
      if (result->match == HDR_TRAPLIST_MATCH_LISTED)
        /* Translators: %s are a trap list's URL or file, then its age, e.g. "3 hours old". */
        g_string_append_printf (text, _("The list %s (%s) contains it."), result->source, age);
      else
        /* Translators: %s are a trap list's URL or file, then its age, e.g. "3 hours old". */
        g_string_append_printf (text, _("The list %s (%s) does not contain it."),
                                result->source, age);
    }
}

/* Insert @finding after the last route finding, so that it follows the
 * statement about the origin it is about. */
static void
insert_after_route_findings (HdrReport  *self,
                             HdrFinding *finding)
{
  guint position = self->findings->len;

  for (guint i = 0; i < self->findings->len; i++)
    {
      HdrFinding *other = g_ptr_array_index (self->findings, i);

      if (g_str_equal (other->category, "route"))
        position = i + 1;
    }

  g_ptr_array_insert (self->findings, position, finding);
}

static void
add_traplist_finding (HdrReport  *self,
                      const char *origin_ip,
                      gboolean    listed)
{
  HdrFinding *finding = g_new0 (HdrFinding, 1);
  g_autoptr(GString) explanation = NULL;

  finding->id = g_strdup ("route.trap_list");
  finding->category = g_strdup ("route");
  finding->evidence = g_strdup (origin_ip);
  finding->location = g_strdup (_("Received header"));

  if (listed)
    {
      finding->severity = HDR_SEVERITY_MEDIUM;
      finding->title = g_strdup_printf (_("The sending computer %s was caught mailing addresses "
                                          "that do not exist."), origin_ip);
      explanation =
        g_string_new (_("A trap list names the computers that, in about the last day, sent mail "
                        "to addresses that were never given to anyone and exist only to catch "
                        "such mail. The computer that sent you this message is on it, so it is "
                        "mailing addresses at random. The message was not written for you: the "
                        "same text went to many people."));
    }
  else
    {
      finding->severity = HDR_SEVERITY_INFO;
      finding->title = g_strdup_printf (_("The sending computer %s is not on the trap lists."),
                                        origin_ip);
      explanation =
        g_string_new (_("A trap list names the computers that, in about the last day, sent mail "
                        "to addresses that exist only to catch such mail. This computer was not "
                        "caught, which proves nothing: the lists cover only the last day or so, "
                        "and many senders are never caught."));
    }

  describe_lists (explanation, self->traplist_results);
  finding->explanation = g_string_free (g_steal_pointer (&explanation), FALSE);

  insert_after_route_findings (self, finding);
}

/**
 * hdr_report_add_traplists:
 * @traplists: (element-type HdrTraplist): the lists to look the origin IP up in
 * @now: the current Unix time, for the age of each list
 *
 * Looks the origin IP (the last trusted hop's sender, never an address the
 * sender's side wrote) up in each list, stores one result per list for the
 * renderers, and adds the finding "route.trap_list".  Does nothing when
 * @traplists is empty.  No finding is added when the message has no
 * origin IP.
 */
void
hdr_report_add_traplists (HdrReport *self,
                          GPtrArray *traplists,
                          gint64     now)
{
  const char *origin_ip;
  gboolean listed = FALSE;

  g_return_if_fail (HDR_IS_REPORT (self));
  g_return_if_fail (traplists != NULL);
  g_return_if_fail (self->traplist_results == NULL);

  if (traplists->len == 0)
    return;

  origin_ip = hdr_route_get_origin_ip (self->route);
  self->traplist_results = g_ptr_array_new_with_free_func ((GDestroyNotify)hdr_traplist_result_free);

  for (guint i = 0; i < traplists->len; i++)
    {
      HdrTraplist *list = g_ptr_array_index (traplists, i);
      HdrTraplistResult *result = g_new0 (HdrTraplistResult, 1);

      result->source = g_strdup (hdr_traplist_get_source (list));
      result->age_seconds = hdr_traplist_get_age_seconds (list, now);
      if (origin_ip == NULL)
        result->match = HDR_TRAPLIST_MATCH_NOT_CHECKED;
      else if (hdr_traplist_contains_string (list, origin_ip))
        result->match = HDR_TRAPLIST_MATCH_LISTED;
      else
        result->match = HDR_TRAPLIST_MATCH_NOT_LISTED;

      listed |= result->match == HDR_TRAPLIST_MATCH_LISTED;
      g_ptr_array_add (self->traplist_results, result);
    }

  if (origin_ip != NULL)
    add_traplist_finding (self, origin_ip, listed);
}

/**
 * hdr_report_get_traplist_results:
 *
 * Returns: (transfer none) (nullable) (element-type HdrTraplistResult): one
 *   result per list used, or %NULL when no list was used
 */
GPtrArray *
hdr_report_get_traplist_results (HdrReport *self)
{
  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  return self->traplist_results;
}

/**
 * hdr_report_get_trap_listed:
 *
 * Returns: %HDR_TRAPLIST_MATCH_LISTED when any list contains the origin IP,
 *   %HDR_TRAPLIST_MATCH_NOT_LISTED when lists were used and none does, and
 *   %HDR_TRAPLIST_MATCH_NOT_CHECKED when no list was used or there is no
 *   origin IP
 */
HdrTraplistMatch
hdr_report_get_trap_listed (HdrReport *self)
{
  HdrTraplistMatch match = HDR_TRAPLIST_MATCH_NOT_CHECKED;

  g_return_val_if_fail (HDR_IS_REPORT (self), HDR_TRAPLIST_MATCH_NOT_CHECKED);

  for (guint i = 0; self->traplist_results != NULL && i < self->traplist_results->len; i++)
    {
      HdrTraplistResult *result = g_ptr_array_index (self->traplist_results, i);

      match = MAX (match, result->match);
    }

  return match;
}
