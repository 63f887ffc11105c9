/* hdr-html.c: visible and hidden text of an HTML part, read with libxml2
 *
 * The HTML parser runs with network access off and error output off, and
 * the tree is walked without recursion. Text goes to the visible or the
 * hidden output depending on inline styles, simple <style> rules, the
 * "hidden" attribute and old presentational attributes (bgcolor,
 * <font color>). Nothing the document refers to is ever loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-html"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "hdr-ascii.h"
#include "hdr-html-css.h"
#include "hdr-html.h"

/* An HTML part larger than this is read only up to here. The cap bounds
 * parse time and memory, because the parser runs without its depth limit
 * and keeps one node per level of a hostile document nested millions of
 * levels deep. */
#define MAX_INPUT_BYTES (4 * 1024 * 1024)

/* Each element down to this depth gets its own style state. Deeper
 * elements share the state at this depth, so the state stack stays small
 * for hostile documents nested thousands of levels deep. */
#define MAX_STYLED_DEPTH 512

/* Each output (visible and hidden text) stops growing at this size, far
 * more text than one message shows a reader. */
#define MAX_TEXT_BYTES (4 * 1024 * 1024)

/* Mail clients show text on white unless the message sets a background,
 * in black unless it sets a colour.
 * NOTE: clients in dark mode use a dark default background, and there
 * white text on no background is readable, yet it is reported hidden. */
#define DEFAULT_BACKGROUND 0xffffff
#define DEFAULT_COLOR      0x000000

typedef struct
{
  gboolean hidden;              /* hidden with the whole subtree */
  gboolean font_invisible;      /* inherited, a descendant can set a real size */
  gboolean visibility_hidden;   /* inherited, a descendant can set it visible */
  gboolean color_transparent;   /* inherited, a descendant can set a colour */
  gboolean preformatted;
  guint32  color;
  guint32  background;
} State;

typedef struct
{
  GString  *text;
  gboolean  pending_space;
} Output;

typedef struct
{
  Output        visible;
  Output        hidden;
  HdrCssSheet  *sheet;
  GArray       *states;
  Output       *last_output;
  guint         depth;
  guint         remote_image_count;
  guint         link_count;
} Walk;

/* Elements whose content a mail client does not show as text. */
static const char *skipped_elements[] = {
  "script", "style", "head", "title", "template", "iframe", "object", "embed",
  "applet", "svg", "math", "select", "audio", "video", "canvas",
};

/* Elements that start and end a line. */
static const char *block_elements[] = {
  "p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
  "dt", "dd", "blockquote", "pre", "hr", "section", "article", "header", "footer", "nav",
  "aside", "main", "address", "center", "form", "fieldset", "figure", "figcaption",
  "caption", "body", "html",
};

static gboolean
name_in_list (const char  *name,
              const char **list,
              gsize        count)
{
  /* Comparing the first byte first skips most calls to strcmp(). */
  for (gsize i = 0; i < count; i++)
    if (name[0] == list[i][0] && strcmp (name, list[i]) == 0)
      return TRUE;

  return FALSE;
}

void
hdr_html_text_free (HdrHtmlText *text)
{
  if (text == NULL)
    return;

  g_free (text->visible_text);
  g_free (text->hidden_text);
  g_free (text);
}

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Append preformatted text without its CR bytes, up to MAX_TEXT_BYTES. */
static void
output_append_preformatted (Output     *output,
                            const char *text)
{
  GString *out = output->text;
  const char *p = text;

  while (*p != '\0' && out->len < MAX_TEXT_BYTES)
    {
      const char *run_end = p;
      gsize room = MAX_TEXT_BYTES - out->len;

      while (*run_end != '\0' && *run_end != '\r' && (gsize)(run_end - p) < room)
        run_end++;
      g_string_append_len (out, p, run_end - p);

      p = run_end;
      if (*p == '\r')
        p++;
    }
}

/* Append @text with runs of white space collapsed to one space, which is
 * left out at the start of the output, at the start of a line and after a
 * space.  Each run of other characters is copied at once.  The output
 * stops growing once it reaches MAX_TEXT_BYTES, so it may end one space
 * and one byte past the limit. */
static void
output_append (Output     *output,
               const char *text,
               gboolean    preformatted)
{
  GString *out = output->text;
  const char *p = text;

  if (preformatted)
    {
      output_append_preformatted (output, text);
      return;
    }

  while (*p != '\0')
    {
      const char *run_end;
      gsize room;

      if (out->len >= MAX_TEXT_BYTES)
        return;

      if (is_html_space (*p))
        {
          output->pending_space = TRUE;
          while (is_html_space (*p))
            p++;
          continue;
        }

      if (output->pending_space && out->len > 0 &&
          out->str[out->len - 1] != '\n' &&
          out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      output->pending_space = FALSE;

      /* The first byte of the run always goes in, the rest only below
       * the limit. */
      g_string_append_c (out, *p);
      p++;

      run_end = p;
      while (*run_end != '\0' && !is_html_space (*run_end))
        run_end++;
      room = out->len < MAX_TEXT_BYTES ? MAX_TEXT_BYTES - out->len : 0;
      g_string_append_len (out, p, MIN ((gsize)(run_end - p), room));
      if ((gsize)(run_end - p) > room)
        return;
      p = run_end;
    }
}

/* Ends the current line unless the output is empty or already at a line start. */
static void
output_end_line (Output *output)
{
  output->pending_space = FALSE;
  if (output->text->len > 0 && output->text->str[output->text->len - 1] != '\n' &&
      output->text->len < MAX_TEXT_BYTES)
    g_string_append_c (output->text, '\n');
}

/* <br>: a line break even on an empty line, but at most one blank line
 * and none at the start. */
static void
output_line_break (Output *output)
{
  GString *text = output->text;

  output->pending_space = FALSE;
  if (text->len == 0 || text->len >= MAX_TEXT_BYTES)
    return;
  if (text->len >= 2 && text->str[text->len - 1] == '\n' && text->str[text->len - 2] == '\n')
    return;

  g_string_append_c (text, '\n');
}

static char *
output_finish (Output   *output,
               gboolean  null_if_empty)
{
  GString *text = g_steal_pointer (&output->text);
  gsize leading = 0;

  while (text->len > 0 && is_html_space (text->str[text->len - 1]))
    g_string_truncate (text, text->len - 1);
  while (leading < text->len && is_html_space (text->str[leading]))
    leading++;
  g_string_erase (text, 0, leading);

  if (null_if_empty && text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

static const State *
current_state (Walk *walk)
{
  return &g_array_index (walk->states, State, walk->states->len - 1);
}

/* Decides whether the elements under @state hide their text; the text
 * colour is compared with the background for text nodes only. */
static gboolean
state_hides (const State *state)
{
  return state->hidden || state->font_invisible || state->visibility_hidden ||
         state->color_transparent;
}

static Output *
output_for (Walk        *walk,
            const State *state)
{
  return state_hides (state) ? &walk->hidden : &walk->visible;
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
has_attribute (xmlNode    *node,
               const char *name)
{
  return xmlHasProp (node, (const xmlChar *) name) != NULL;
}

static gboolean
is_remote_source (const char *source)
{
  while (is_html_space (*source))
    source++;

  return g_ascii_strncasecmp (source, "http://", 7) == 0 ||
         g_ascii_strncasecmp (source, "https://", 8) == 0 ||
         g_str_has_prefix (source, "//");
}

static void
count_references (Walk       *walk,
                  xmlNode    *node,
                  const char *name)
{
  if (strcmp (name, "img") == 0)
    {
      g_autofree char *source = get_attribute (node, "src");

      if (source != NULL && is_remote_source (source))
        walk->remote_image_count++;
    }
  else if (strcmp (name, "a") == 0)
    {
      g_autofree char *href = get_attribute (node, "href");

      if (href != NULL && g_strstrip (href)[0] != '\0')
        walk->link_count++;
    }
}

/* Reads the old presentational attributes: bgcolor on body and table
 * cells, color on <font>, text on <body>. */
static void
apply_presentational_attributes (xmlNode     *node,
                                 const char  *name,
                                 HdrCssStyle *style)
{
  g_autofree char *background = get_attribute (node, "bgcolor");
  g_autofree char *color = NULL;
  guint32 rgb = 0;
  gboolean transparent = FALSE;

  if (background != NULL && hdr_css_parse_color (background, &rgb, &transparent) && !transparent)
    {
      style->has_background = TRUE;
      style->background = rgb;
    }

  if (strcmp (name, "font") == 0)
    color = get_attribute (node, "color");
  else if (strcmp (name, "body") == 0)
    color = get_attribute (node, "text");

  if (color != NULL && hdr_css_parse_color (color, &rgb, &transparent))
    {
      style->has_color = TRUE;
      style->color = rgb;
      style->color_transparent = transparent;
    }
}

static State
compute_state (Walk        *walk,
               xmlNode     *node,
               const char  *name,
               const State *parent)
{
  State state = *parent;
  HdrCssStyle style = { 0 };
  g_autofree char *class_attribute = get_attribute (node, "class");
  g_autofree char *id = get_attribute (node, "id");
  g_autofree char *inline_style = get_attribute (node, "style");

  apply_presentational_attributes (node, name, &style);
  hdr_css_sheet_apply (walk->sheet, name, class_attribute, id, &style);
  if (inline_style != NULL)
    hdr_css_apply_declarations (&style, inline_style);

  /* HTML "hidden" attribute; aria-hidden only hides from screen readers,
   * so it leaves the text visible. */
  if (has_attribute (node, "hidden") || hdr_css_style_hides (&style))
    state.hidden = TRUE;
  if (style.has_font_size)
    state.font_invisible = style.font_invisible;
  if (style.has_visibility)
    state.visibility_hidden = style.visibility_hidden;
  if (style.has_background)
    state.background = style.background;
  if (style.has_color)
    {
      state.color = style.color;
      state.color_transparent = style.color_transparent;
    }
  if (strcmp (name, "pre") == 0 || strcmp (name, "textarea") == 0)
    state.preformatted = TRUE;

  return state;
}

/* Handles the start of @node. Returns TRUE if the walk goes into its
 * children, and then leave_node() must be called for it. */
static gboolean
enter_node (Walk    *walk,
            xmlNode *node)
{
  const State *parent = current_state (walk);
  const char *name;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      gboolean hidden = state_hides (parent) ||
                        hdr_css_colors_match (parent->color, parent->background);
      Output *output = hidden ? &walk->hidden : &walk->visible;

      if (node->content == NULL)
        return FALSE;

      /* Each hidden piece starts its own line. Visible text around a hidden
       * inline element joins up without a space, as a browser renders it:
       * scam mail splits wallet addresses with hidden spans this way. */
      if (hidden && walk->last_output != output)
        output_end_line (output);
      walk->last_output = output;

      output_append (output, (const char *) node->content, parent->preformatted);
      return FALSE;
    }

  if (node->type != XML_ELEMENT_NODE || node->name == NULL)
    return FALSE;

  name = (const char *) node->name;
  if (name_in_list (name, skipped_elements, G_N_ELEMENTS (skipped_elements)))
    return FALSE;

  count_references (walk, node, name);

  if (strcmp (name, "br") == 0)
    {
      output_line_break (output_for (walk, parent));
      return FALSE;
    }
  if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    output_for (walk, parent)->pending_space = TRUE;

  walk->depth++;
  if (walk->depth <= MAX_STYLED_DEPTH)
    {
      State state = compute_state (walk, node, name, parent);

      /* text hidden right after visible text starts its own line */
      if (state_hides (&state) && !state_hides (parent))
        output_end_line (&walk->hidden);

      g_array_append_val (walk->states, state);
    }

  if (name_in_list (name, block_elements, G_N_ELEMENTS (block_elements)))
    output_end_line (output_for (walk, current_state (walk)));

  return TRUE;
}

static void
leave_node (Walk    *walk,
            xmlNode *node)
{
  const char *name = (const char *) node->name;

  if (name_in_list (name, block_elements, G_N_ELEMENTS (block_elements)))
    output_end_line (output_for (walk, current_state (walk)));
  if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    output_for (walk, current_state (walk))->pending_space = TRUE;

  if (walk->depth <= MAX_STYLED_DEPTH)
    g_array_set_size (walk->states, walk->states->len - 1);
  walk->depth--;
}

static gboolean
is_document_node (xmlNode *node)
{
  return node->type == XML_HTML_DOCUMENT_NODE || node->type == XML_DOCUMENT_NODE;
}

/* Adds every <style> element of the document to the sheet first, because
 * a rule applies to elements before it as well. */
static void
collect_style_sheets (HdrCssSheet *sheet,
                      xmlDoc      *document)
{
  xmlNode *node = document->children;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE && node->name != NULL &&
          strcmp ((const char *) node->name, "style") == 0)
        {
          xmlChar *css = xmlNodeGetContent (node);

          if (css != NULL)
            hdr_css_sheet_add (sheet, (const char *) css);
          xmlFree (css);
        }
      else if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          continue;
        }

      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          if (node != NULL && is_document_node (node))
            node = NULL;
        }
      if (node != NULL)
        node = node->next;
    }
}

/* Walks the tree in document order with parent links instead of recursion. */
static void
walk_document (Walk   *walk,
               xmlDoc *document)
{
  xmlNode *node = document->children;

  while (node != NULL)
    {
      gboolean entered = enter_node (walk, node);

      if (entered && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (entered)
        leave_node (walk, node);

      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          if (node == NULL || is_document_node (node))
            {
              node = NULL;
              break;
            }
          leave_node (walk, node);
        }
      if (node != NULL)
        node = node->next;
    }
}

/**
 * hdr_html_extract:
 * @html: the decoded HTML part, UTF-8
 * @length: length of @html in bytes, or -1 if it ends with a NUL
 *
 * Extracts the text of an HTML part as a mail client shows it, block
 * elements as line breaks, and separates text hidden with CSS or the
 * "hidden" attribute into hidden_text. Remote images and links are
 * counted, never loaded.
 *
 * Returns: (transfer full): the text; visible_text is never %NULL
 */
HdrHtmlText *
hdr_html_extract (const char *html,
                  gssize      length)
{
  g_autoptr(HdrCssSheet) sheet = NULL;
  g_autoptr(GArray) states = NULL;
  g_autofree char *valid_html = NULL;
  const char *parsed_html;
  HdrHtmlText *result;
  htmlDocPtr document = NULL;
  State initial = { FALSE, FALSE, FALSE, FALSE, FALSE, DEFAULT_COLOR, DEFAULT_BACKGROUND };
  Walk walk = { { 0 } };
  gsize size;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  size = length < 0 ? strlen (html) : (gsize) length;
  if (size > MAX_INPUT_BYTES)
    size = MAX_INPUT_BYTES;

  result = g_new0 (HdrHtmlText, 1);

  /* Invalid UTF-8 becomes U+FFFD, so that both outputs are valid UTF-8.
   * g_utf8_validate() also rejects NUL bytes, which become U+FFFD too. */
  if (hdr_is_ascii_without_nul (html, size) || g_utf8_validate (html, size, NULL))
    {
      parsed_html = html;
    }
  else
    {
      valid_html = g_utf8_make_valid (html, size);
      parsed_html = valid_html;
      size = strlen (valid_html);
    }

  /* XML_PARSE_HUGE lifts libxml2's nesting limit of 256 levels: beyond it
   * the HTML parser of libxml2 2.9.14 stops and drops the rest of the
   * document, which would let 257 unclosed tags hide a whole message. */
  if (size > 0)
    document = htmlReadMemory (parsed_html, (int) size, NULL, "UTF-8",
                               HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
  if (document == NULL)
    {
      result->visible_text = g_strdup ("");
      return result;
    }

  sheet = hdr_css_sheet_new ();
  collect_style_sheets (sheet, document);

  states = g_array_new (FALSE, FALSE, sizeof (State));
  g_array_append_val (states, initial);

  walk.visible.text = g_string_new (NULL);
  walk.hidden.text = g_string_new (NULL);
  walk.sheet = sheet;
  walk.states = states;
  walk_document (&walk, document);

  result->visible_text = output_finish (&walk.visible, FALSE);
  result->hidden_text = output_finish (&walk.hidden, TRUE);
  result->remote_image_count = walk.remote_image_count;
  result->link_count = walk.link_count;

  xmlFreeDoc (document);
  return result;
}
