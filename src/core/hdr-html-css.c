/* hdr-html-css.c: the small part of CSS that decides whether mail text is hidden
 *
 * Only what hides text is read: inline declarations and rules of simple
 * <style> sheets with a tag, class, tag.class or id selector. Cascade
 * order is approximated as tag rules, class rules, id rules, then the
 * inline style; a later "display: block" does not undo an earlier
 * "display: none".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-html-css"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hdr-html-css.h"

/* An offset this far into the negative puts text outside any window
 * (a common value in hidden mail text is -9999px). */
#define OFFSCREEN_PX -1000.0

/* Opacity at or below this is invisible in practice (an estimate). */
#define INVISIBLE_OPACITY 0.05

/* Two colours whose channel differences add up to at most this look the
 * same to a reader, for example #fbfbfb on #ffffff (an estimate). */
#define SAME_COLOR_DISTANCE 24

/* A style sheet is read up to this size, with up to this many rules.
 * Both are generous for the template sheets of mail (an estimate). */
#define MAX_SHEET_BYTES (256 * 1024)
#define MAX_SHEET_RULES 4096

struct _HdrCssSheet
{
  GHashTable *rules;   /* selector key -> HdrCssStyle of its declarations */
  guint       rule_count;
};

static const struct
{
  const char *name;
  guint32     rgb;
} named_colors[] = {
  { "black", 0x000000 }, { "white", 0xffffff }, { "red", 0xff0000 }, { "green", 0x008000 },
  { "blue", 0x0000ff }, { "yellow", 0xffff00 }, { "silver", 0xc0c0c0 }, { "gray", 0x808080 },
  { "grey", 0x808080 }, { "maroon", 0x800000 }, { "purple", 0x800080 }, { "fuchsia", 0xff00ff },
  { "lime", 0x00ff00 }, { "olive", 0x808000 }, { "navy", 0x000080 }, { "teal", 0x008080 },
  { "aqua", 0x00ffff }, { "orange", 0xffa500 }, { "whitesmoke", 0xf5f5f5 }, { "snow", 0xfffafa },
  { "ivory", 0xfffff0 }, { "ghostwhite", 0xf8f8ff }, { "floralwhite", 0xfffaf0 },
  { "azure", 0xf0ffff }, { "mintcream", 0xf5fffa }, { "seashell", 0xfff5ee },
  { "linen", 0xfaf0e6 }, { "honeydew", 0xf0fff0 }, { "aliceblue", 0xf0f8ff },
  { "lightgray", 0xd3d3d3 }, { "lightgrey", 0xd3d3d3 }, { "gainsboro", 0xdcdcdc },
};

typedef struct
{
  double number;
  char   unit[8];
} Length;

static gboolean
parse_length (const char *value,
              Length     *length)
{
  char *end = NULL;
  gsize unit_length = 0;

  g_assert (value != NULL);
  g_assert (length != NULL);

  length->number = g_ascii_strtod (value, &end);
  if (end == value || !isfinite (length->number))
    return FALSE;

  while (g_ascii_isalpha (end[unit_length]) || end[unit_length] == '%')
    unit_length++;
  if (unit_length >= sizeof length->unit)
    return FALSE;
  memcpy (length->unit, end, unit_length);
  length->unit[unit_length] = '\0';

  return TRUE;
}

/* Converts to CSS pixels: 1pt = 4/3 px, 1em = 1rem = 16 px (the default
 * font size); other units are taken as pixels. */
static double
length_in_pixels (const Length *length)
{
  if (strcmp (length->unit, "pt") == 0)
    return length->number * 4.0 / 3.0;
  if (strcmp (length->unit, "em") == 0 || strcmp (length->unit, "rem") == 0)
    return length->number * 16.0;

  return length->number;
}

static gboolean
is_zero_length (const char *value)
{
  Length length;

  return parse_length (value, &length) && length.number == 0.0;
}

static gboolean
is_offscreen_length (const char *value)
{
  Length length;

  return parse_length (value, &length) && length_in_pixels (&length) <= OFFSCREEN_PX;
}

/* font-size 0 in any unit, or 1px (or less) and 1pt (or less). */
static gboolean
is_invisible_font_size (const char *value)
{
  Length length;

  if (!parse_length (value, &length))
    return FALSE;
  if (length.number <= 0.0)
    return TRUE;

  return (strcmp (length.unit, "px") == 0 || strcmp (length.unit, "pt") == 0) &&
         length.number <= 1.0;
}

static gboolean
is_invisible_opacity (const char *value)
{
  Length length;
  double opacity;

  if (!parse_length (value, &length))
    return FALSE;

  opacity = strcmp (length.unit, "%") == 0 ? length.number / 100.0 : length.number;
  return opacity <= INVISIBLE_OPACITY;
}

/* clip: rect(0, 0, 0, 0) or rect(0px 0px 0px 0px) */
static gboolean
is_empty_clip (const char *value)
{
  const char *position;
  guint numbers = 0;

  if (!g_str_has_prefix (value, "rect("))
    return FALSE;

  position = value + strlen ("rect(");
  while (*position != '\0' && *position != ')')
    {
      Length length;
      char *end = NULL;

      while (*position == ' ' || *position == ',')
        position++;
      if (*position == ')' || *position == '\0')
        break;
      if (!parse_length (position, &length) || length.number != 0.0)
        return FALSE;

      g_ascii_strtod (position, &end);
      position = end;
      while (g_ascii_isalpha (*position))
        position++;
      numbers++;
    }

  return numbers == 4;
}

static int
parse_channel (const char  *text,
               char       **end)
{
  double number = g_ascii_strtod (text, end);

  if (*end == text)
    return -1;
  if (**end == '%')
    {
      number = number * 255.0 / 100.0;
      (*end)++;
    }

  return (int) CLAMP (round (number), 0, 255);
}

static gboolean
parse_rgb_function (const char *value,
                    guint32    *rgb,
                    gboolean   *transparent)
{
  const char *position = strchr (value, '(');
  int channels[3];
  double alpha = 1.0;

  if (position == NULL)
    return FALSE;
  position++;

  for (guint i = 0; i < 3; i++)
    {
      char *end = NULL;

      while (*position == ' ' || *position == ',')
        position++;
      channels[i] = parse_channel (position, &end);
      if (channels[i] < 0)
        return FALSE;
      position = end;
    }

  while (*position == ' ' || *position == ',' || *position == '/')
    position++;
  if (*position != ')' && *position != '\0')
    {
      char *end = NULL;

      alpha = g_ascii_strtod (position, &end);
      if (end == position)
        return FALSE;
      if (*end == '%')
        alpha /= 100.0;
    }

  *rgb = ((guint32) channels[0] << 16) | ((guint32) channels[1] << 8) | (guint32) channels[2];
  *transparent = alpha <= INVISIBLE_OPACITY;
  return TRUE;
}

/**
 * hdr_css_parse_color:
 * @value: a CSS or HTML attribute colour, lower or upper case
 * @rgb: (out): the colour as 0xRRGGBB
 * @transparent: (out): whether the colour is (nearly) fully transparent
 *
 * Parses "#rgb", "#rrggbb" (also without "#", as old HTML attributes
 * have it), "rgb()", "rgba()", "transparent" and common colour names.
 *
 * Returns: %TRUE if @value is a colour
 */
gboolean
hdr_css_parse_color (const char *value,
                     guint32    *rgb,
                     gboolean   *transparent)
{
  g_autofree char *text = NULL;
  const char *hex;
  gsize hex_length;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (rgb != NULL, FALSE);
  g_return_val_if_fail (transparent != NULL, FALSE);

  text = g_ascii_strdown (value, -1);
  g_strstrip (text);
  *transparent = FALSE;

  if (strcmp (text, "transparent") == 0)
    {
      *rgb = 0;
      *transparent = TRUE;
      return TRUE;
    }
  if (g_str_has_prefix (text, "rgb"))
    return parse_rgb_function (text, rgb, transparent);

  for (gsize i = 0; i < G_N_ELEMENTS (named_colors); i++)
    if (strcmp (text, named_colors[i].name) == 0)
      {
        *rgb = named_colors[i].rgb;
        return TRUE;
      }

  hex = text[0] == '#' ? text + 1 : text;
  hex_length = strlen (hex);
  for (gsize i = 0; i < hex_length; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;

  if (hex_length == 3 || hex_length == 4)
    {
      guint32 red = g_ascii_xdigit_value (hex[0]);
      guint32 green = g_ascii_xdigit_value (hex[1]);
      guint32 blue = g_ascii_xdigit_value (hex[2]);

      *rgb = (red * 17) << 16 | (green * 17) << 8 | (blue * 17);
      *transparent = hex_length == 4 && g_ascii_xdigit_value (hex[3]) == 0;
      return TRUE;
    }
  if (hex_length == 6 || hex_length == 8)
    {
      *rgb = 0;
      for (gsize i = 0; i < 6; i++)
        *rgb = (*rgb << 4) | (guint32) g_ascii_xdigit_value (hex[i]);
      *transparent = hex_length == 8 && g_ascii_xdigit_value (hex[6]) == 0 &&
                     g_ascii_xdigit_value (hex[7]) == 0;
      return TRUE;
    }

  return FALSE;
}

/**
 * hdr_css_colors_match:
 * @foreground: text colour, 0xRRGGBB
 * @background: background colour, 0xRRGGBB
 *
 * Decides whether text in @foreground is unreadable on @background
 * because the two colours are (nearly) the same.
 *
 * Returns: %TRUE if the colours look the same
 */
gboolean
hdr_css_colors_match (guint32 foreground,
                      guint32 background)
{
  int distance = 0;

  for (guint shift = 0; shift <= 16; shift += 8)
    distance += ABS ((int) ((foreground >> shift) & 0xff) - (int) ((background >> shift) & 0xff));

  return distance <= SAME_COLOR_DISTANCE;
}

static void
apply_background (HdrCssStyle *style,
                  const char  *value)
{
  g_auto(GStrv) tokens = NULL;
  guint32 rgb = 0;
  gboolean transparent = FALSE;

  if (hdr_css_parse_color (value, &rgb, &transparent))
    {
      if (!transparent)
        {
          style->has_background = TRUE;
          style->background = rgb;
        }
      return;
    }

  /* the "background" shorthand: any token that is a colour */
  tokens = g_strsplit_set (value, " \t", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (hdr_css_parse_color (tokens[i], &rgb, &transparent) && !transparent)
      {
        style->has_background = TRUE;
        style->background = rgb;
      }
}

static void
apply_declaration (HdrCssStyle *style,
                   const char  *name,
                   const char  *value)
{
  guint32 rgb = 0;
  gboolean transparent = FALSE;

  if (strcmp (name, "display") == 0)
    style->hidden |= strcmp (value, "none") == 0;
  else if (strcmp (name, "visibility") == 0)
    {
      style->has_visibility = TRUE;
      style->visibility_hidden = strcmp (value, "hidden") == 0 || strcmp (value, "collapse") == 0;
    }
  else if (strcmp (name, "font-size") == 0)
    {
      style->has_font_size = TRUE;
      style->font_invisible = is_invisible_font_size (value);
    }
  else if (strcmp (name, "opacity") == 0)
    style->hidden |= is_invisible_opacity (value);
  else if (strcmp (name, "clip") == 0)
    style->hidden |= is_empty_clip (value);
  else if (strcmp (name, "text-indent") == 0 || strcmp (name, "margin-left") == 0 ||
           strcmp (name, "margin-top") == 0)
    style->hidden |= is_offscreen_length (value);
  else if (strcmp (name, "width") == 0 || strcmp (name, "height") == 0 ||
           strcmp (name, "max-width") == 0 || strcmp (name, "max-height") == 0)
    style->zero_size |= is_zero_length (value);
  else if (strcmp (name, "overflow") == 0 || strcmp (name, "overflow-x") == 0 ||
           strcmp (name, "overflow-y") == 0)
    style->overflow_hidden |= strcmp (value, "hidden") == 0 || strcmp (value, "clip") == 0;
  else if (strcmp (name, "position") == 0)
    style->positioned = strcmp (value, "absolute") == 0 || strcmp (value, "fixed") == 0;
  else if (strcmp (name, "left") == 0 || strcmp (name, "top") == 0)
    style->offscreen_offset |= is_offscreen_length (value);
  else if (strcmp (name, "color") == 0)
    {
      if (hdr_css_parse_color (value, &rgb, &transparent))
        {
          style->has_color = TRUE;
          style->color = rgb;
          style->color_transparent = transparent;
        }
    }
  else if (strcmp (name, "background-color") == 0 || strcmp (name, "background") == 0)
    apply_background (style, value);
}

/* Maximum length of a property name that apply_declaration() can match,
 * with room to spare: "background-color" has 16 characters. */
#define MAX_PROPERTY_NAME 63

/* Values up to this length are lowercased on the stack. */
#define SHORT_VALUE_LENGTH 255

/* Remove the white space at both ends of @start to @end, as g_strstrip()
 * does, by writing a NUL byte at the new end.  Returns the new start. */
static char *
strip_in_place (char *start,
                char *end)
{
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  *end = '\0';

  return start;
}

/* Apply one declaration "name: value" that runs from @start to @end, with
 * its colon at @colon.  Name and value are compared in lower case, and a
 * value is cut at "!important". */
static void
apply_declaration_text (HdrCssStyle *style,
                        const char  *start,
                        const char  *colon,
                        const char  *end)
{
  char name[MAX_PROPERTY_NAME + 1];
  char short_value[SHORT_VALUE_LENGTH + 1];
  g_autofree char *long_value = NULL;
  const char *name_end = colon;
  const char *value_source = colon + 1;
  gsize value_length = end - value_source;
  char *value;
  char *important;

  while (start < name_end && g_ascii_isspace (*start))
    start++;
  while (name_end > start && g_ascii_isspace (name_end[-1]))
    name_end--;
  if ((gsize)(name_end - start) > MAX_PROPERTY_NAME)
    return;

  for (gsize i = 0; start + i < name_end; i++)
    name[i] = g_ascii_tolower (start[i]);
  name[name_end - start] = '\0';

  if (value_length <= SHORT_VALUE_LENGTH)
    value = short_value;
  else
    value = long_value = g_malloc (value_length + 1);
  for (gsize i = 0; i < value_length; i++)
    value[i] = g_ascii_tolower (value_source[i]);
  value[value_length] = '\0';

  important = strstr (value, "!important");
  value = strip_in_place (value, important != NULL ? important : value + value_length);

  apply_declaration (style, name, value);
}

/**
 * hdr_css_apply_declarations:
 * @style: the style to update
 * @declarations: CSS declarations, as in a style attribute
 *
 * Applies the declarations that can hide text or set its colours to
 * @style; all others are ignored.
 */
void
hdr_css_apply_declarations (HdrCssStyle *style,
                            const char  *declarations)
{
  const char *declaration = declarations;

  g_return_if_fail (style != NULL);
  g_return_if_fail (declarations != NULL);

  while (TRUE)
    {
      const char *end = strchr (declaration, ';');
      const char *colon;

      if (end == NULL)
        end = declaration + strlen (declaration);

      colon = memchr (declaration, ':', end - declaration);
      if (colon != NULL)
        apply_declaration_text (style, declaration, colon, end);

      if (*end == '\0')
        break;
      declaration = end + 1;
    }
}

/**
 * hdr_css_style_merge:
 * @style: the style to update
 * @later: a style that comes later in the cascade
 *
 * Merges @later into @style: what hides a subtree adds up, and the
 * inherited properties that @later sets replace those of @style.
 */
void
hdr_css_style_merge (HdrCssStyle       *style,
                     const HdrCssStyle *later)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (later != NULL);

  style->hidden |= later->hidden;
  style->zero_size |= later->zero_size;
  style->overflow_hidden |= later->overflow_hidden;
  style->positioned |= later->positioned;
  style->offscreen_offset |= later->offscreen_offset;

  if (later->has_font_size)
    {
      style->has_font_size = TRUE;
      style->font_invisible = later->font_invisible;
    }
  if (later->has_visibility)
    {
      style->has_visibility = TRUE;
      style->visibility_hidden = later->visibility_hidden;
    }
  if (later->has_color)
    {
      style->has_color = TRUE;
      style->color = later->color;
      style->color_transparent = later->color_transparent;
    }
  if (later->has_background)
    {
      style->has_background = TRUE;
      style->background = later->background;
    }
}

/**
 * hdr_css_style_hides:
 * @style: a style
 *
 * Decides whether @style hides its element with everything inside, which
 * no descendant can undo: display, opacity, a zero size with hidden
 * overflow, an empty clip, or a position far off-screen. Font size,
 * visibility and colour are inherited instead, and the caller tracks them.
 *
 * Returns: %TRUE if the element is hidden
 */
gboolean
hdr_css_style_hides (const HdrCssStyle *style)
{
  g_return_val_if_fail (style != NULL, FALSE);

  return style->hidden ||
         (style->zero_size && style->overflow_hidden) ||
         (style->positioned && style->offscreen_offset);
}

HdrCssSheet *
hdr_css_sheet_new (void)
{
  HdrCssSheet *sheet = g_new0 (HdrCssSheet, 1);

  sheet->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return sheet;
}

void
hdr_css_sheet_free (HdrCssSheet *sheet)
{
  if (sheet == NULL)
    return;

  g_hash_table_unref (sheet->rules);
  g_free (sheet);
}

static gboolean
is_css_identifier (const char *text,
                   gsize       length)
{
  if (length == 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      return FALSE;

  return TRUE;
}

/* Turns a simple selector into its lookup key: "t:div", "c:name",
 * "tc:div.name" or "i:name". Returns NULL for any other selector. */
static char *
selector_key (const char *selector)
{
  const char *dot;
  gsize length = strlen (selector);

  if (length == 0)
    return NULL;

  if (selector[0] == '.' && is_css_identifier (selector + 1, length - 1))
    return g_strconcat ("c:", selector + 1, NULL);
  if (selector[0] == '#' && is_css_identifier (selector + 1, length - 1))
    return g_strconcat ("i:", selector + 1, NULL);
  if (is_css_identifier (selector, length))
    {
      g_autofree char *tag = g_ascii_strdown (selector, -1);

      return g_strconcat ("t:", tag, NULL);
    }

  dot = strchr (selector, '.');
  if (dot != NULL && is_css_identifier (selector, dot - selector) &&
      is_css_identifier (dot + 1, length - (dot + 1 - selector)))
    {
      g_autofree char *tag = g_ascii_strdown (selector, dot - selector);

      return g_strconcat ("tc:", tag, ".", dot + 1, NULL);
    }

  return NULL;
}

/* Adds the declarations of one rule to what is stored for its selector;
 * they are parsed once here, not for every element the rule matches. */
static void
add_rule (HdrCssSheet *sheet,
          const char  *selector,
          const char  *declarations,
          gsize        declarations_length)
{
  g_autofree char *key = selector_key (selector);
  g_autofree char *text = NULL;
  HdrCssStyle parsed = { 0 };
  HdrCssStyle *existing;

  if (key == NULL || sheet->rule_count >= MAX_SHEET_RULES)
    return;

  text = g_strndup (declarations, declarations_length);
  hdr_css_apply_declarations (&parsed, text);

  existing = g_hash_table_lookup (sheet->rules, key);
  if (existing == NULL)
    {
      existing = g_new0 (HdrCssStyle, 1);
      g_hash_table_insert (sheet->rules, g_steal_pointer (&key), existing);
    }
  hdr_css_style_merge (existing, &parsed);
  sheet->rule_count++;
}

/* Copies @css without comments and returns its length in @length. */
static char *
strip_comments (const char *css,
                gsize      *length)
{
  GString *text = g_string_new (NULL);
  const char *position = css;

  while (*position != '\0' && text->len < MAX_SHEET_BYTES)
    {
      if (position[0] == '/' && position[1] == '*')
        {
          const char *end = strstr (position + 2, "*/");

          if (end == NULL)
            break;
          position = end + 2;
          continue;
        }
      g_string_append_c (text, *position);
      position++;
    }

  *length = text->len;
  return g_string_free (text, FALSE);
}

/* Returns the offset after the block that opens at @open, nested blocks
 * included. */
static gsize
skip_block (const char *text,
            gsize       length,
            gsize       open)
{
  guint depth = 0;

  for (gsize i = open; i < length; i++)
    {
      if (text[i] == '{')
        depth++;
      else if (text[i] == '}' && --depth == 0)
        return i + 1;
    }

  return length;
}

/**
 * hdr_css_sheet_add:
 * @sheet: a style sheet
 * @css: the text of a <style> element
 *
 * Adds the rules of @css whose selectors are a tag, a class, a tag with
 * a class, or an id. At-rules such as @media are skipped, because their
 * rules apply only to some screens.
 */
void
hdr_css_sheet_add (HdrCssSheet *sheet,
                   const char  *css)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  gsize position = 0;

  g_return_if_fail (sheet != NULL);
  g_return_if_fail (css != NULL);

  text = strip_comments (css, &length);

  while (position < length)
    {
      const char *open = memchr (text + position, '{', length - position);
      g_autofree char *selectors = NULL;
      g_auto(GStrv) parts = NULL;
      gsize open_offset;
      gsize close_offset;
      const char *close;

      if (open == NULL)
        break;
      open_offset = open - text;

      selectors = g_strndup (text + position, open_offset - position);
      g_strstrip (selectors);
      /* NOTE: newsletters hide a mobile copy inline and show it again in an
       * @media rule; skipping @media reports that copy as hidden text. */
      if (selectors[0] == '@')
        {
          position = skip_block (text, length, open_offset);
          continue;
        }

      close = memchr (open, '}', length - open_offset);
      close_offset = close != NULL ? (gsize) (close - text) : length;

      parts = g_strsplit (selectors, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        add_rule (sheet, g_strstrip (parts[i]), text + open_offset + 1,
                  close_offset - open_offset - 1);

      position = close_offset + 1;
    }
}

static void
apply_rule (HdrCssSheet *sheet,
            const char  *key,
            HdrCssStyle *style)
{
  HdrCssStyle *rule = g_hash_table_lookup (sheet->rules, key);

  if (rule != NULL)
    hdr_css_style_merge (style, rule);
}

/**
 * hdr_css_sheet_apply:
 * @sheet: a style sheet
 * @tag: the element name in lower case
 * @class_attribute: (nullable): the class attribute
 * @id: (nullable): the id attribute
 * @style: the style to update
 *
 * Applies the rules of @sheet that match an element to @style: tag rules,
 * then class and tag.class rules, then id rules.
 */
void
hdr_css_sheet_apply (HdrCssSheet *sheet,
                     const char  *tag,
                     const char  *class_attribute,
                     const char  *id,
                     HdrCssStyle *style)
{
  g_autofree char *tag_key = NULL;

  g_return_if_fail (sheet != NULL);
  g_return_if_fail (tag != NULL);
  g_return_if_fail (style != NULL);

  if (g_hash_table_size (sheet->rules) == 0)
    return;

  tag_key = g_strconcat ("t:", tag, NULL);
  apply_rule (sheet, tag_key, style);

  if (class_attribute != NULL)
    {
      g_auto(GStrv) classes = g_strsplit_set (class_attribute, " \t\r\n", -1);

      for (guint i = 0; classes[i] != NULL; i++)
        {
          g_autofree char *class_key = NULL;
          g_autofree char *tag_class_key = NULL;

          if (classes[i][0] == '\0')
            continue;

          class_key = g_strconcat ("c:", classes[i], NULL);
          apply_rule (sheet, class_key, style);
          tag_class_key = g_strconcat ("tc:", tag, ".", classes[i], NULL);
          apply_rule (sheet, tag_class_key, style);
        }
    }

  if (id != NULL)
    {
      g_autofree char *id_key = g_strconcat ("i:", id, NULL);

      apply_rule (sheet, id_key, style);
    }
}
