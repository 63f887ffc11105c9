/* hdr-report-text.c: the report as plain text for a terminal or an email
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-text"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hdr-report-private.h"

#define TEXT_WIDTH 76

/* Append @text wrapped at TEXT_WIDTH columns, each line starting with @indent. */
static void
append_wrapped (GString    *out,
                const char *indent,
                const char *text)
{
  g_auto(GStrv) words = NULL;
  glong column = 0;
  glong indent_width = g_utf8_strlen (indent, -1);

  if (text == NULL || *text == '\0')
    return;

  words = g_strsplit_set (text, " \t\r\n", -1);
  g_string_append (out, indent);
  column = indent_width;

  for (guint i = 0; words[i] != NULL; i++)
    {
      glong width = g_utf8_strlen (words[i], -1);

      if (width == 0)
        continue;

      if (column > indent_width && column + 1 + width > TEXT_WIDTH)
        {
          g_string_append_c (out, '\n');
          g_string_append (out, indent);
          column = indent_width;
        }
      else if (column > indent_width)
        {
          g_string_append_c (out, ' ');
          column++;
        }

      g_string_append (out, words[i]);
      column += width;
    }

  g_string_append_c (out, '\n');
}

static void
append_heading (GString    *out,
                const char *heading)
{
  glong width = g_utf8_strlen (heading, -1);

  g_string_append_printf (out, "\n%s\n", heading);
  for (glong i = 0; i < width; i++)
    g_string_append_c (out, '-');
  g_string_append_c (out, '\n');
}

static void
append_findings (GString   *out,
                 HdrReport *self)
{
  append_heading (out, _("Findings"));

  if (self->findings->len == 0)
    {
      append_wrapped (out, "  ", _("Nothing to report."));
      return;
    }

  for (guint i = 0; i < self->findings->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (self->findings, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, finding->title);

      append_wrapped (out, "", title);

      if (finding->evidence != NULL)
        {
          g_autofree char *evidence = NULL;

          if (finding->location != NULL)
            /* Translators: a quotation from the message and where it was found. */
            evidence = g_strdup_printf (_("Quoted from the %s: “%s”"),
                                        finding->location, finding->evidence);
          else
            evidence = g_strdup_printf (_("Quoted from the message: “%s”"), finding->evidence);
          append_wrapped (out, "   ", evidence);
        }

      append_wrapped (out, "   ", finding->explanation);
      g_string_append_c (out, '\n');
    }
}

/**
 * _hdr_report_format_delay:
 * @seconds: the delay of a hop; negative is clock skew
 *
 * Returns: (transfer full): the delay in words, e.g. "3 min later"
 */
char *
_hdr_report_format_delay (gint64 seconds)
{
  guint64 magnitude = seconds < 0 ? -(guint64)seconds : (guint64)seconds;
  g_autofree char *amount = NULL;
  g_autofree char *minutes = NULL;

  /* The numbers are formatted first, because a gint64 format macro inside
   * a translatable string cuts the string for xgettext. */
  if (seconds < 0)
    {
      amount = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
      /* Translators: a Received header dated before the one below it; %s is seconds. */
      return g_strdup_printf (_("clock %s s behind the previous server"), amount);
    }

  if (magnitude < 120)
    {
      amount = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
      /* Translators: %s is a number of seconds. */
      return g_strdup_printf (_("%s s later"), amount);
    }

  if (magnitude < 2 * 3600)
    {
      amount = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 60);
      /* Translators: %s is a number of minutes. */
      return g_strdup_printf (_("%s min later"), amount);
    }

  amount = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 3600);
  minutes = g_strdup_printf ("%" G_GUINT64_FORMAT, (magnitude % 3600) / 60);
  /* Translators: hours and minutes. */
  return g_strdup_printf (_("%s h %s min later"), amount, minutes);
}

static void
append_route (GString   *out,
              HdrReport *self)
{
  GPtrArray *hops = hdr_route_get_hops (self->route);

  append_heading (out, _("Route, oldest first"));

  if (hops->len == 0)
    {
      append_wrapped (out, "  ", _("The message has no Received lines."));
      return;
    }

  append_wrapped (out, "", _("Mail servers add their Received line at the top, so the raw "
                             "headers read from the bottom up. Here the oldest step comes first."));
  g_string_append_c (out, '\n');

  for (guint i = 0; i < hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (hops, i);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%u. ", i + 1);

      if (hop->from_rdns != NULL || hop->from_ip != NULL || hop->from_helo != NULL)
        {
          /* Translators: "from" a sending host, e.g. "from mail.example.net [192.0.2.1]". */
          g_string_append_printf (line, _("from %s"),
                                  hop->from_rdns != NULL ? hop->from_rdns :
                                  hop->from_helo != NULL ? hop->from_helo : "");
          if (hop->from_ip != NULL)
            g_string_append_printf (line, " [%s]", hop->from_ip);
          g_string_append_c (line, ' ');
        }

      if (hop->by != NULL)
        /* Translators: "by" the host that wrote a Received header. */
        g_string_append_printf (line, _("by %s"), hop->by);

      if (hop->date != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_to_utc (hop->date);
          g_autofree char *date = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");

          g_string_append_printf (line, ", %s", date);
        }

      if (hop->has_delay)
        {
          g_autofree char *delay = _hdr_report_format_delay (hop->delay_seconds);

          g_string_append_printf (line, " (%s)", delay);
        }

      append_wrapped (out, "", line->str);

      if (hop->parse_error != NULL)
        {
          g_autofree char *problem = g_strdup_printf (_("Could not be read: %s"), hop->parse_error);

          append_wrapped (out, "   ", problem);
          append_wrapped (out, "   ", hop->raw);
        }

      append_wrapped (out, "   ", hop->trusted ?
                      _("Recorded by your provider.") :
                      _("Written by the sender’s side; it may be invented."));
    }

  if (hdr_route_get_origin_ip (self->route) != NULL)
    {
      g_autofree char *origin = g_strdup_printf (_("Sender address that can be trusted: %s"),
                                                 hdr_route_get_origin_ip (self->route));

      g_string_append_c (out, '\n');
      append_wrapped (out, "", origin);
    }
}

static void
append_authentication (GString   *out,
                       HdrReport *self)
{
  GPtrArray *results = hdr_auth_get_results (self->auth);

  if (results->len == 0)
    return;

  append_heading (out, _("Authentication results"));

  for (guint i = 0; i < results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (results, i);
      g_autofree char *line = NULL;

      line = g_strdup_printf ("%s=%s (%s%s%s)", result->method, result->result,
                              result->trusted ? _("recorded by your provider") :
                                                _("a claim that may be forged"),
                              result->authserv_id != NULL ? ", " : "",
                              result->authserv_id != NULL ? result->authserv_id : "");
      append_wrapped (out, "  ", line);
    }
}

static void
append_wallets (GString   *out,
                HdrReport *self)
{
  GPtrArray *wallets = hdr_text_scan_get_wallets (self->scan);
  GPtrArray *amounts = hdr_text_scan_get_amounts (self->scan);

  if (wallets->len == 0 && amounts->len == 0)
    return;

  append_heading (out, _("Payment details in the text"));

  for (guint i = 0; i < wallets->len; i++)
    {
      const HdrWallet *wallet = g_ptr_array_index (wallets, i);
      const char *state;
      g_autofree char *line = NULL;

      if (wallet->in_link)
        state = _("part of a link");
      else if (wallet->checksum == HDR_CHECKSUM_VALID)
        state = _("a real wallet address");
      else if (wallet->checksum == HDR_CHECKSUM_INVALID)
        state = _("not a real wallet address");
      else
        state = _("wallet address, not checked");

      line = g_strdup_printf ("%s (%s, %s)", wallet->address,
                              hdr_wallet_kind_to_string (wallet->kind), state);
      append_wrapped (out, "  ", line);
    }

  for (guint i = 0; i < amounts->len; i++)
    {
      const HdrAmount *amount = g_ptr_array_index (amounts, i);
      g_autofree char *line = g_strdup_printf ("%s %s", amount->value, amount->currency);

      append_wrapped (out, "  ", line);
    }
}

static void
append_what_to_do (GString   *out,
                   HdrReport *self)
{
  const char * const *actions = hdr_report_get_actions (self);

  append_heading (out, _("What to do now"));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_autoptr(GString) item = g_string_new (NULL);

      /* Continuation lines are indented under the text, not the dash. */
      append_wrapped (item, "    ", actions[i]);
      item->str[2] = '-';
      g_string_append (out, item->str);
    }
}

/**
 * hdr_report_to_text:
 *
 * Returns: (transfer full): the report as translated plain text, wrapped
 *   for a terminal
 */
char *
hdr_report_to_text (HdrReport *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *message_line = NULL;

  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  message_line = g_strdup_printf (_("Message: %s"), hdr_message_get_source (self->message));
  append_wrapped (out, "", message_line);
  g_string_append_c (out, '\n');
  append_wrapped (out, "", self->headline);
  append_wrapped (out, "", self->summary);

  append_what_to_do (out, self);
  append_findings (out, self);
  append_route (out, self);
  append_authentication (out, self);
  append_wallets (out, self);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
