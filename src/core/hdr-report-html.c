/* hdr-report-html.c: the helpdesk report as a self-contained HTML page, and
 * the parts that put several reports into one page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-report-html"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hdr-report-private.h"

/* Inline style only: the page loads nothing, so it can be mailed or
 * archived as one file.  The dark colours follow the reader's setting. */
static const char report_css[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;line-height:1.5;max-width:46em;"
  "margin:2em auto;padding:0 1em;color:#1e1e1e;background:#ffffff}"
  "h1{font-size:1.6em;margin-bottom:.3em}"
  "h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #d0d0d0}"
  ".verdict{border-left:6px solid #3584e4;padding:.2em 1em;background:#f2f6fc}"
  ".verdict-sextortion{border-color:#c01c28;background:#fbeeee}"
  ".verdict-suspicious{border-color:#e5a50a;background:#fdf6e3}"
  "blockquote{margin:.4em 0;padding:.3em .8em;border-left:3px solid #9a9996;"
  "background:#f6f5f4;font-family:monospace;white-space:pre-wrap;overflow-wrap:anywhere}"
  "blockquote .label{font-family:inherit;display:block;font-style:italic}"
  "li{margin-bottom:.6em}"
  "@media (prefers-color-scheme:dark){"
  "body{color:#ffffff;background:#242424}"
  ".verdict{background:#1c2a3a}"
  ".verdict-sextortion{background:#3a1c1e}"
  ".verdict-suspicious{background:#3a301a}"
  "blockquote{background:#303030}}"
  "@media print{body{margin:0;max-width:none}}";

static void
append_escaped (GString    *text,
                const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  g_string_append (text, escaped);
}

static void
html_verdict (HdrReportOutput *out,
              HdrVerdict       verdict,
              const char      *headline,
              const char      *summary)
{
  g_string_append_printf (out->text, "<div class=\"verdict verdict-%s\">\n<h1>",
                          hdr_verdict_to_string (verdict));
  append_escaped (out->text, headline);
  g_string_append (out->text, "</h1>\n<p>");
  append_escaped (out->text, summary);
  g_string_append (out->text, "</p>\n</div>\n");
}

static void
html_heading (HdrReportOutput *out,
              guint            level,
              const char      *text)
{
  g_string_append_printf (out->text, "<h%u>", level);
  append_escaped (out->text, text);
  g_string_append_printf (out->text, "</h%u>\n", level);
}

static void
html_paragraph (HdrReportOutput *out,
                const char      *text)
{
  g_string_append (out->text, "<p>");
  append_escaped (out->text, text);
  g_string_append (out->text, "</p>\n");
}

static void
html_quote (HdrReportOutput *out,
            const char      *label,
            const char      *text)
{
  g_string_append (out->text, "<blockquote><span class=\"label\">");
  append_escaped (out->text, label);
  g_string_append (out->text, "</span>");
  append_escaped (out->text, text);
  g_string_append (out->text, "</blockquote>\n");
}

static void
html_list_begin (HdrReportOutput *out,
                 gboolean         ordered)
{
  g_string_append (out->text, ordered ? "<ol>\n" : "<ul>\n");
  out->list_depth++;
}

static void
html_item_begin (HdrReportOutput *out,
                 const char      *text)
{
  g_string_append (out->text, "<li><strong>");
  append_escaped (out->text, text);
  g_string_append (out->text, "</strong>\n");
}

static void
html_item_end (HdrReportOutput *out)
{
  g_string_append (out->text, "</li>\n");
}

static void
html_list_end (HdrReportOutput *out,
               gboolean         ordered)
{
  g_string_append (out->text, ordered ? "</ol>\n" : "</ul>\n");
  out->list_depth--;
}

static const HdrReportWriter html_writer = {
  .verdict = html_verdict,
  .heading = html_heading,
  .paragraph = html_paragraph,
  .quote = html_quote,
  .list_begin = html_list_begin,
  .item_begin = html_item_begin,
  .item_end = html_item_end,
  .list_end = html_list_end,
};

/**
 * hdr_report_html_begin:
 *
 * Start an HTML document for one or more reports: the doctype, the head
 * with the inline CSS, and the opening body tag.  Append report bodies
 * from hdr_report_to_html_fragment(), then hdr_report_html_end().
 *
 * Returns: (transfer full): the translated start of the document
 */
char *
hdr_report_html_begin (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *language;

  /* Translators: the language code of this translation, for <html lang>. */
  language = C_("html lang", "en");

  g_string_append_printf (text,
                          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
                          language);
  append_escaped (text, _("Header Inspector report"));
  g_string_append_printf (text, "</title>\n<style>%s</style>\n</head>\n<body>\n", report_css);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * hdr_report_html_end:
 *
 * Returns: the end of the document that hdr_report_html_begin() starts
 */
const char *
hdr_report_html_end (void)
{
  return "</body>\n</html>\n";
}

/**
 * hdr_report_to_html_fragment:
 *
 * Render the helpdesk report as the HTML blocks that go between
 * hdr_report_html_begin() and hdr_report_html_end().  Every text taken
 * from the message is escaped.
 *
 * Returns: (transfer full): the report as translated HTML
 */
char *
hdr_report_to_html_fragment (HdrReport *self)
{
  HdrReportOutput out = { .text = NULL, .list_depth = 0 };

  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  out.text = g_string_new (NULL);
  _hdr_report_render (self, &html_writer, &out);

  return g_string_free (out.text, FALSE);
}

/**
 * hdr_report_to_html:
 *
 * Render the helpdesk report as one HTML page with inline CSS, no scripts
 * and no reference to any other file or address.  Every text taken from
 * the message is escaped.
 *
 * Returns: (transfer full): the report as a translated HTML document
 */
char *
hdr_report_to_html (HdrReport *self)
{
  g_autofree char *begin = NULL;
  g_autofree char *fragment = NULL;

  g_return_val_if_fail (HDR_IS_REPORT (self), NULL);

  begin = hdr_report_html_begin ();
  fragment = hdr_report_to_html_fragment (self);

  return g_strconcat (begin, fragment, hdr_report_html_end (), NULL);
}
