/* hdr-json-writer.c: JSON text written straight into a GString
 *
 * The writer builds no tree: each call appends its value to the text.  The
 * output is byte for byte that of JsonGenerator in json-glib 1.6.6, which
 * the reports used before, with or without its "pretty" property and with
 * its default indent of two spaces.  Strings differ only where
 * JsonGenerator wrote invalid JSON: it copied U+001F and invalid UTF-8
 * unescaped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-json-writer"

#include "config.h"

#include "hdr-json-writer.h"

#define INDENT_WIDTH 2

/* Classes in byte_escapes[] besides the escape characters. */
#define PLAIN          0  /* written as it is */
#define END_OF_STRING  1
#define NON_ASCII      2  /* part of a multibyte UTF-8 sequence, or invalid */

/* The class of each byte: 'u' for \u00XX, or the character after the
 * backslash of a two-character escape.  RFC 8259 section 7 requires escapes
 * for the quotation mark, the reverse solidus and U+0000 to U+001F.  DEL
 * (U+007F) gets one too, as json-glib 1.6.6 writes it. */
static const char byte_escapes[256] = {
  [0x00] = END_OF_STRING,
  [0x01 ... 0x07] = 'u',
  ['\b'] = 'b',
  ['\t'] = 't',
  ['\n'] = 'n',
  [0x0b] = 'u',
  ['\f'] = 'f',
  ['\r'] = 'r',
  [0x0e ... 0x1f] = 'u',
  ['"'] = '"',
  ['\\'] = '\\',
  [0x7f] = 'u',
  [0x80 ... 0xff] = NON_ASCII,
};

/* Append @value with its escapes and without quotation marks, copying
 * each run of bytes that needs no escape at once.  Returns FALSE, with
 * part of @value appended, when @value is not valid UTF-8.  Only strings
 * with a byte above 0x7F need the UTF-8 check. */
static gboolean
append_escaped (GString    *text,
                const char *value)
{
  static const char hex_digits[] = "0123456789abcdef";
  gboolean validated = FALSE;
  const char *run = value;
  const char *p;

  for (p = value; ; p++)
    {
      guchar c = (guchar) *p;
      char escape = byte_escapes[c];

      if (G_LIKELY (escape == PLAIN))
        continue;

      if (escape == END_OF_STRING)
        break;

      if (escape == NON_ASCII)
        {
          /* The bytes before p are ASCII, so the string is valid UTF-8
           * exactly when the rest of it is. */
          if (!validated && !g_utf8_validate (p, -1, NULL))
            return FALSE;

          validated = TRUE;
          continue;
        }

      g_string_append_len (text, run, p - run);
      run = p + 1;

      if (escape == 'u')
        {
          const char sequence[6] = { '\\', 'u', '0', '0', hex_digits[c >> 4], hex_digits[c & 0xf] };

          g_string_append_len (text, sequence, sizeof sequence);
        }
      else
        {
          const char sequence[2] = { '\\', escape };

          g_string_append_len (text, sequence, sizeof sequence);
        }
    }

  g_string_append_len (text, run, p - run);

  return TRUE;
}

/**
 * hdr_json_append_string:
 * @text: the JSON text to append to
 * @value: a string, in UTF-8
 *
 * Appends @value as a JSON string, with its quotation marks (RFC 8259
 * section 7).  The quotation mark, backslash, backspace, form feed, line
 * feed, carriage return and tab get their two-character escapes.  Other
 * control characters and DEL become \u00XX with lowercase hex digits.  All
 * other characters are copied, U+2028 and U+2029 included.  Each invalid
 * UTF-8 sequence becomes U+FFFD, as in g_utf8_make_valid(), so the text is
 * always valid JSON.
 */
void
hdr_json_append_string (GString    *text,
                        const char *value)
{
  gsize start;

  g_return_if_fail (text != NULL);
  g_return_if_fail (value != NULL);

  start = text->len;
  g_string_append_c (text, '"');

  if (G_UNLIKELY (!append_escaped (text, value)))
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      g_string_truncate (text, start + 1);
      append_escaped (text, valid);
    }

  g_string_append_c (text, '"');
}

static void
append_indent (HdrJsonWriter *writer,
               guint          depth)
{
  static const char spaces[] = "                                ";
  gsize width = depth * INDENT_WIDTH;

  while (width > 0)
    {
      gsize chunk = MIN (width, sizeof spaces - 1);

      g_string_append_len (writer->text, spaces, chunk);
      width -= chunk;
    }
}

/* Append the separator before a value, its indent and its member name. */
static void
begin_value (HdrJsonWriter *writer,
             const char    *name)
{
  if (writer->depth > 0)
    {
      if (!writer->empty)
        g_string_append_c (writer->text, ',');

      if (writer->pretty)
        {
          g_string_append_c (writer->text, '\n');
          append_indent (writer, writer->depth);
        }
    }

  writer->empty = FALSE;

  if (name != NULL)
    {
      hdr_json_append_string (writer->text, name);
      if (writer->pretty)
        g_string_append_len (writer->text, " : ", 3);
      else
        g_string_append_c (writer->text, ':');
    }
}

/**
 * hdr_json_writer_init:
 * @writer: the writer to set up
 * @text: the string that receives the JSON text
 * @pretty: whether to put each member and element on its own indented line
 *
 * Sets up @writer to append one JSON value, the root, to @text.
 */
void
hdr_json_writer_init (HdrJsonWriter *writer,
                      GString       *text,
                      gboolean       pretty)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (text != NULL);

  writer->text = text;
  writer->pretty = pretty;
  writer->depth = 0;
  writer->empty = TRUE;
}

void
hdr_json_writer_begin_object (HdrJsonWriter *writer,
                              const char    *name)
{
  begin_value (writer, name);
  g_string_append_c (writer->text, '{');
  writer->depth++;
  writer->empty = TRUE;
}

/* An empty object still gets the closing indent in pretty mode, so an empty
 * object nested in two others reads "{    }".  JsonGenerator 1.6.6 writes it
 * the same way, while it writes an empty array as "[]". */
void
hdr_json_writer_end_object (HdrJsonWriter *writer)
{
  g_return_if_fail (writer->depth > 0);

  writer->depth--;

  if (writer->pretty)
    {
      if (!writer->empty)
        g_string_append_c (writer->text, '\n');
      append_indent (writer, writer->depth);
    }

  g_string_append_c (writer->text, '}');
  writer->empty = FALSE;
}

void
hdr_json_writer_begin_array (HdrJsonWriter *writer,
                             const char    *name)
{
  begin_value (writer, name);
  g_string_append_c (writer->text, '[');
  writer->depth++;
  writer->empty = TRUE;
}

void
hdr_json_writer_end_array (HdrJsonWriter *writer)
{
  g_return_if_fail (writer->depth > 0);

  writer->depth--;

  if (writer->pretty && !writer->empty)
    {
      g_string_append_c (writer->text, '\n');
      append_indent (writer, writer->depth);
    }

  g_string_append_c (writer->text, ']');
  writer->empty = FALSE;
}

/* Adds @value as a string, or null when @value is NULL. */
void
hdr_json_writer_add_string (HdrJsonWriter *writer,
                            const char    *name,
                            const char    *value)
{
  if (value == NULL)
    {
      hdr_json_writer_add_null (writer, name);
      return;
    }

  begin_value (writer, name);
  hdr_json_append_string (writer->text, value);
}

void
hdr_json_writer_add_int (HdrJsonWriter *writer,
                         const char    *name,
                         gint64         value)
{
  char digits[20];  /* G_MININT64 has 19 digits */
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  gsize start = sizeof digits;

  do
    {
      digits[--start] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);

  begin_value (writer, name);
  if (value < 0)
    g_string_append_c (writer->text, '-');
  g_string_append_len (writer->text, digits + start, sizeof digits - start);
}

void
hdr_json_writer_add_boolean (HdrJsonWriter *writer,
                             const char    *name,
                             gboolean       value)
{
  begin_value (writer, name);
  if (value)
    g_string_append_len (writer->text, "true", 4);
  else
    g_string_append_len (writer->text, "false", 5);
}

void
hdr_json_writer_add_null (HdrJsonWriter *writer,
                          const char    *name)
{
  begin_value (writer, name);
  g_string_append_len (writer->text, "null", 4);
}
