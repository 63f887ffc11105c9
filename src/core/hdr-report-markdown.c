/* hdr-report-markdown.c: the helpdesk report as Markdown, and the section
 * order that the Markdown and HTML reports share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-markdown"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hdr-report-private.h"

/* The verdict page shows this many reasons, and the reports show the same. */
#define MAX_REASONS 5

/**
 * hdr_report_describe_hop:
 *
 * Describe a hop in one line: "from host [ip] by host, date (delay)".
 *
 * Returns: (transfer full): the translated line
 */
char *
hdr_report_describe_hop (const HdrHop *hop)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_val_if_fail (hop != NULL, NULL);

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
      g_autofree char *date = g_date_time_format (hop->date, "%Y-%m-%d %H:%M:%S UTC");

      g_string_append_printf (line, ", %s", date);
    }

  if (hop->has_delay)
    {
      g_autofree char *delay = _hdr_report_format_delay (hop->delay_seconds);

      g_string_append_printf (line, " (%s)", delay);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
render_finding (HdrReport             *self,
                const HdrReportWriter *writer,
                HdrReportOutput       *out,
                const HdrFinding      *finding,
                gboolean               with_explanation)
{
  writer->item_begin (out, finding->title);

  if (finding->evidence != NULL)
    {
      g_autofree char *label = NULL;

      if (finding->location != NULL)
        /* Translators: %s is where the quotation was found, e.g. "message body". */
        label = g_strdup_printf (_("Quoted from the %s:"), finding->location);
      else
        label = g_strdup (_("Quoted from the message:"));
      writer->quote (out, label, finding->evidence);
    }

  if (with_explanation && finding->explanation != NULL)
    writer->paragraph (out, finding->explanation);

  writer->item_end (out);
}

static void
render_reasons (HdrReport             *self,
                const HdrReportWriter *writer,
                HdrReportOutput       *out)
{
  g_autoptr(GPtrArray) reasons = hdr_report_get_reasons (self, MAX_REASONS);
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  gboolean has_more = FALSE;

  if (reasons->len == 0)
    return;

  writer->heading (out, 2, self->verdict == HDR_VERDICT_NONE ? _("What was checked")
                                                             : _("Main reasons"));
  writer->list_begin (out, TRUE);
  for (guint i = 0; i < reasons->len; i++)
    {
      render_finding (self, writer, out, g_ptr_array_index (reasons, i), TRUE);
      g_hash_table_add (shown, g_ptr_array_index (reasons, i));
    }
  writer->list_end (out, TRUE);

  for (guint i = 0; i < self->findings->len && !has_more; i++)
    has_more = !g_hash_table_contains (shown, g_ptr_array_index (self->findings, i));

  if (!has_more)
    return;

  writer->heading (out, 2, _("Other findings"));
  writer->list_begin (out, FALSE);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (self->findings, i);

      if (!g_hash_table_contains (shown, finding))
        render_finding (self, writer, out, finding, FALSE);
    }
  writer->list_end (out, FALSE);
}

static void
render_actions (HdrReport             *self,
                const HdrReportWriter *writer,
                HdrReportOutput       *out)
{
  const char * const *actions = hdr_report_get_actions (self);

  writer->heading (out, 2, _("What to do now"));
  writer->list_begin (out, FALSE);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      writer->item_begin (out, actions[i]);
      writer->item_end (out);
    }
  writer->list_end (out, FALSE);
}

static void
render_route (HdrReport             *self,
              const HdrReportWriter *writer,
              HdrReportOutput       *out)
{
  GPtrArray *hops = hdr_route_get_hops (self->route);
  const char *origin_ip = hdr_route_get_origin_ip (self->route);

  writer->heading (out, 2, _("Route, oldest first"));

  if (hops->len == 0)
    {
      writer->paragraph (out, _("The message has no Received lines."));
      return;
    }

  writer->paragraph (out, _("Mail servers add their Received line at the top, so the raw "
                            "headers read from the bottom up. Here the oldest step comes first."));
  writer->list_begin (out, TRUE);
  for (guint i = 0; i < hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (hops, i);
      g_autofree char *line = hdr_report_describe_hop (hop);

      writer->item_begin (out, line);
      if (hop->parse_error != NULL)
        {
          g_autofree char *problem = g_strdup_printf (_("Could not be read: %s"), hop->parse_error);

          writer->quote (out, problem, hop->raw);
        }
      writer->paragraph (out, hop->trusted ? _("Recorded by your provider.")
                                           : _("Written by the sender’s side; it may be invented."));
      writer->item_end (out);
    }
  writer->list_end (out, TRUE);

  if (origin_ip != NULL)
    {
      g_autofree char *origin = g_strdup_printf (_("Sender address that can be trusted: %s"),
                                                 origin_ip);

      writer->paragraph (out, origin);
    }
}

static void
render_authentication (HdrReport             *self,
                       const HdrReportWriter *writer,
                       HdrReportOutput       *out)
{
  GPtrArray *results = hdr_auth_get_results (self->auth);

  writer->heading (out, 2, _("Sender checks"));

  if (results->len == 0)
    {
      writer->paragraph (out, _("Your provider did not record SPF, DKIM or DMARC results "
                                "in this message."));
      return;
    }

  writer->list_begin (out, FALSE);
  for (guint i = 0; i < results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (results, i);
      g_autofree char *line = NULL;

      line = g_strdup_printf ("%s=%s (%s%s%s)", result->method, result->result,
                              result->trusted ? _("recorded by your provider") :
                                                _("a claim that may be forged"),
                              result->authserv_id != NULL ? ", " : "",
                              result->authserv_id != NULL ? result->authserv_id : "");
      writer->item_begin (out, line);
      writer->item_end (out);
    }
  writer->list_end (out, FALSE);
}

static void
render_payment (HdrReport             *self,
                const HdrReportWriter *writer,
                HdrReportOutput       *out)
{
  GPtrArray *wallets = hdr_text_scan_get_wallets (self->scan);
  GPtrArray *amounts = hdr_text_scan_get_amounts (self->scan);

  if (wallets->len == 0 && amounts->len == 0)
    return;

  writer->heading (out, 2, _("Payment details in the text"));
  writer->list_begin (out, FALSE);

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
      writer->item_begin (out, line);
      writer->item_end (out);
    }

  for (guint i = 0; i < amounts->len; i++)
    {
      const HdrAmount *amount = g_ptr_array_index (amounts, i);
      g_autofree char *line = g_strdup_printf ("%s %s", amount->value, amount->currency);

      writer->item_begin (out, line);
      writer->item_end (out);
    }

  writer->list_end (out, FALSE);
}

/* Write the helpdesk report through @writer: the verdict, its reasons with
 * their evidence, what to do, the route, the sender checks and the payment
 * details.  Of the message body, only the quoted evidence appears. */
void
_hdr_report_render (HdrReport             *self,
                    const HdrReportWriter *writer,
                    HdrReportOutput       *out)
{
  g_autofree char *basename = NULL;
  g_autofree char *message_line = NULL;

  g_return_if_fail (HDR_IS_REPORT (self));
  g_return_if_fail (writer != NULL);

  basename = g_path_get_basename (hdr_message_get_source (self->message));
  message_line = g_strdup_printf (_("Message: %s"), basename);

  writer->verdict (out, self->verdict, self->headline, self->summary);
  writer->paragraph (out, message_line);

  render_reasons (self, writer, out);
  render_actions (self, writer, out);
  render_route (self, writer, out);
  render_authentication (self, writer, out);
  render_payment (self, writer, out);

  writer->paragraph (out, _("Made with Header Inspector. Of the message text, this report "
                            "shows only the short quotes that serve as evidence."));
}

/* Escape what would start Markdown markup (CommonMark 0.30 section 2.4:
 * any ASCII punctuation may be backslash-escaped).  Inline markup can start
 * anywhere, block markup only at the start of the text. */
static char *
markdown_escape (const char *text)
{
  g_autoptr(GString) escaped = g_string_new (NULL);
  const char *digits_end = text;

  if (*text != '\0' && strchr ("#+-=>", *text) != NULL)
    g_string_append_c (escaped, '\\');

  while (g_ascii_isdigit (*digits_end))
    digits_end++;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          g_string_append_c (escaped, ' ');
          continue;
        }
      if (strchr ("\\`*_[]<>|~&", *p) != NULL ||
          (p == digits_end && p > text && (*p == '.' || *p == ')')))
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }

  return g_string_free (g_steal_pointer (&escaped), FALSE);
}

static void
markdown_heading (HdrReportOutput *out,
                  guint            level,
                  const char      *text)
{
  g_autofree char *escaped = markdown_escape (text);

  for (guint i = 0; i < level; i++)
    g_string_append_c (out->text, '#');
  g_string_append_printf (out->text, " %s\n\n", escaped);
}

static void markdown_paragraph (HdrReportOutput *out,
                                const char      *text);

static void
markdown_verdict (HdrReportOutput *out,
                  HdrVerdict       verdict,
                  const char      *headline,
                  const char      *summary)
{
  markdown_heading (out, 1, headline);
  markdown_paragraph (out, summary);
}

static void
markdown_paragraph (HdrReportOutput *out,
                    const char      *text)
{
  g_autofree char *escaped = markdown_escape (text);

  g_string_append_printf (out->text, "%s%s\n\n", out->list_depth > 0 ? "   " : "", escaped);
}

static void
markdown_quote (HdrReportOutput *out,
                const char      *label,
                const char      *text)
{
  g_autofree char *escaped_label = markdown_escape (label);
  g_autofree char *escaped = markdown_escape (text);
  const char *indent = out->list_depth > 0 ? "   " : "";

  g_string_append_printf (out->text, "%s> %s\n%s> “%s”\n\n", indent, escaped_label, indent, escaped);
}

static void
markdown_list_begin (HdrReportOutput *out,
                     gboolean         ordered)
{
}

static void
markdown_item_begin (HdrReportOutput *out,
                     const char      *text)
{
  g_autofree char *escaped = markdown_escape (text);

  g_string_append_printf (out->text, "-  %s\n\n", escaped);
  out->list_depth++;
}

static void
markdown_item_end (HdrReportOutput *out)
{
  out->list_depth--;
}

static void
markdown_list_end (HdrReportOutput *out,
                   gboolean         ordered)
{
}

/**
 * hdr_report_to_markdown:
 *
 * Render the helpdesk report as CommonMark: the same sections as the HTML
 * report, with every message-derived text escaped.
 *
 * Returns: (transfer full): the report as translated Markdown
 */
char *
hdr_report_to_markdown (HdrReport *self)
{
  static const HdrReportWriter writer = {
    .verdict = markdown_verdict,
    .heading = markdown_heading,
    .paragraph = markdown_paragraph,
    .quote = markdown_quote,
    .list_begin = markdown_list_begin,
    .item_begin = markdown_item_begin,
    .item_end = markdown_item_end,
    .list_end = markdown_list_end,
  };
  HdrReportOutput out = { .text = g_string_new (NULL), .list_depth = 0 };

  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  _hdr_report_render (self, &writer, &out);

  return g_string_free (out.text, FALSE);
}
