/* hdr-message.c: one parsed message with its headers and decoded text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem () is a GNU extension of glibc. */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "hdr-message"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hdr-ascii.h"
#include "hdr-bytes-stream.h"
#include "hdr-error.h"
#include "hdr-message.h"

/* Deepest nesting of multiparts and attached messages that is walked.  Real
 * mail nests a handful of levels; bounces of forwarded mail reach perhaps
 * ten.  Deeper nesting only serves to exhaust the reader. */
#define HDR_MESSAGE_MAX_MIME_DEPTH 32

/* Most MIME parts that are looked at in one message. */
#define HDR_MESSAGE_MAX_PARTS 1000

/* Most top-level header fields read.  Real mail has a few dozen, and a
 * long relay chain a few hundred; a hundred thousand only slow the
 * analysis down. */
#define HDR_MESSAGE_MAX_HEADERS 5000

/* Maximum length of a header value kept for analysis, in bytes.  The longest
 * honest fields (To lists, ARC and DKIM signatures) stay well below it. */
#define HDR_MESSAGE_MAX_HEADER_LENGTH (64 * 1024)

/* Most decoded text kept from one part, in bytes.  The hallmarks of a scam
 * are in its first pages; megabytes of text are filler. */
#define HDR_MESSAGE_MAX_PART_TEXT (4 * 1024 * 1024)

struct _HdrMessage
{
  GObject       parent_instance;

  char         *source;
  GBytes       *bytes;
  char         *raw_header_block;
  GMimeMessage *mime_message;
  GPtrArray    *headers;
  GPtrArray    *text_parts;
  GPtrArray    *notes;
  guint         image_part_count;
  guint         document_part_count;
  guint         part_count;
  gboolean      depth_limit_hit;
  gboolean      part_limit_hit;
  gboolean      cut_off;
};

G_DEFINE_FINAL_TYPE (HdrMessage, hdr_message, G_TYPE_OBJECT)

static void
hdr_header_free (HdrHeader *header)
{
  g_free (header->name);
  g_free (header->value);
  g_free (header->decoded);
  g_free (header->raw);
  g_free (header);
}

static void
hdr_text_part_free (HdrTextPart *part)
{
  g_free (part->content_type);
  g_free (part->location);
  g_free (part->text);
  g_free (part);
}

static void
ensure_gmime (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
hdr_message_finalize (GObject *object)
{
  HdrMessage *self = (HdrMessage *)object;

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->raw_header_block, g_free);
  g_clear_object (&self->mime_message);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->text_parts, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

  G_OBJECT_CLASS (hdr_message_parent_class)->finalize (object);
}

static void
hdr_message_class_init (HdrMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hdr_message_finalize;
}

static void
hdr_message_init (HdrMessage *self)
{
  self->headers = g_ptr_array_new_with_free_func ((GDestroyNotify)hdr_header_free);
  self->text_parts = g_ptr_array_new_with_free_func ((GDestroyNotify)hdr_text_part_free);
  self->notes = g_ptr_array_new_with_free_func (g_free);
}

/* Copy bytes into valid UTF-8.  Invalid sequences become U+FFFD, and NUL
 * bytes are dropped so that the result is a C string. */
static char *
make_valid_utf8 (const char *data,
                 gsize       length)
{
  g_autoptr(GString) without_nul = NULL;

  if (hdr_is_ascii_without_nul (data, length))
    return g_strndup (data, length);

  if (memchr (data, '\0', length) == NULL)
    return g_utf8_make_valid (data, length);

  without_nul = g_string_sized_new (length);
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] != '\0')
        g_string_append_c (without_nul, data[i]);
    }

  return g_utf8_make_valid (without_nul->str, without_nul->len);
}

/* Copy the bytes from @start to @end without CR and LF bytes. */
static char *
copy_without_line_breaks (const char *start,
                          const char *end)
{
  char *out = g_malloc (end - start + 1);
  char *p = out;

  while (start < end)
    {
      const char *line_end = memchr (start, '\n', end - start);
      const char *carriage_return;

      if (line_end == NULL)
        line_end = end;

      while ((carriage_return = memchr (start, '\r', line_end - start)) != NULL)
        {
          memcpy (p, start, carriage_return - start);
          p += carriage_return - start;
          start = carriage_return + 1;
        }
      memcpy (p, start, line_end - start);
      p += line_end - start;

      if (line_end == end)
        break;
      start = line_end + 1;
    }
  *p = '\0';

  return out;
}

/* Unfold a header value (RFC 5322 section 2.2.3): a line break followed by
 * white space is removed, the white space is kept.  White space at both
 * ends is stripped as g_strstrip() does. */
static char *
unfold (const char *value,
        gsize       length)
{
  const char *start = value;
  const char *end = value + length;

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  return copy_without_line_breaks (start, end);
}

static gboolean
is_folding_white_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Decode the value of @header (RFC 2047) and cut it to
 * HDR_MESSAGE_MAX_HEADER_LENGTH bytes.  Returns %NULL when GMime has no
 * value. */
static char *
decode_header_value (GMimeHeader *header)
{
  const char *raw_value = g_mime_header_get_raw_value (header);
  const char *decoded;

  /* A raw value of ASCII without "=?" contains no encoded word.  For such
   * a value g_mime_header_get_value() of GMime 3.2.13 returns the value
   * without CR and LF, with spaces, tabs and line breaks at both ends
   * removed.  Doing the same here skips GMime's RFC 2047 tokenizer, which
   * costs thousands of instructions per field.
   * NOTE: the equality was checked on random ASCII values against GMime
   * 3.2.13 only; another GMime release may unfold differently. */
  if (raw_value != NULL)
    {
      gsize length = strlen (raw_value);

      if (hdr_is_ascii_without_nul (raw_value, length) && strstr (raw_value, "=?") == NULL)
        {
          const char *start = raw_value;
          const char *end = raw_value + length;
          char *value;

          while (start < end && is_folding_white_space (*start))
            start++;
          while (end > start && is_folding_white_space (end[-1]))
            end--;

          value = copy_without_line_breaks (start, end);
          if (strlen (value) > HDR_MESSAGE_MAX_HEADER_LENGTH)
            value[HDR_MESSAGE_MAX_HEADER_LENGTH] = '\0';

          return value;
        }
    }

  decoded = g_mime_header_get_value (header);
  if (decoded == NULL)
    return NULL;

  return make_valid_utf8 (decoded, MIN (strlen (decoded), HDR_MESSAGE_MAX_HEADER_LENGTH));
}

/* Returns the offset of the first header field in DATA: after a UTF-8
 * byte order mark that some editors write, an mbox "From " line, and
 * lines with nothing but spaces that some mail clients save before a
 * message.  A "From " line without a line end gives LENGTH. */
static gsize
skip_before_headers (const char *data,
                     gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  if (length - i >= 5 && memcmp (data + i, "From ", 5) == 0)
    {
      const char *newline = memchr (data + i, '\n', length - i);

      if (newline == NULL)
        return length;
      i = newline - data + 1;
    }

  while (i < length)
    {
      gsize k = i;

      while (k < length && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r'))
        k++;
      if (k >= length || data[k] != '\n')
        break;
      i = k + 1;
    }

  return i;
}

/* A message starts with a header field: a name of printable ASCII without a
 * colon, then a colon (RFC 5322 section 2.2).  What skip_before_headers()
 * skips may come first. */
static gboolean
looks_like_message (const char *data,
                    gsize       length)
{
  gsize i = skip_before_headers (data, length);

  for (gsize start = i; i < length; i++)
    {
      guchar c = data[i];

      if (c == ':')
        return i > start;
      if (c < 33 || c > 126)
        return FALSE;
    }

  return FALSE;
}

/* Maximum length of a line of the raw text shown to people, because RFC 5322
 * section 2.1.1 allows 998 characters.  Longer lines come only from hostile
 * or broken mail, and laying one out in a text view takes the window minutes. */
#define HDR_MESSAGE_MAX_SHOWN_LINE 998

/* Check whether a line of @text is longer than HDR_MESSAGE_MAX_SHOWN_LINE
 * bytes. */
static gboolean
has_long_line (const char *text,
               gsize       length)
{
  const char *line = text;
  const char *end = text + length;

  while ((gsize)(end - line) > HDR_MESSAGE_MAX_SHOWN_LINE)
    {
      const char *newline = memchr (line, '\n', end - line);

      if (newline == NULL || newline - line > HDR_MESSAGE_MAX_SHOWN_LINE)
        return TRUE;
      line = newline + 1;
    }

  return FALSE;
}

/* Take @text and return it with every line longer than
 * HDR_MESSAGE_MAX_SHOWN_LINE bytes cut at a character boundary and marked
 * with "…".  @text is returned as it is when no line is that long. */
static char *
cap_line_lengths (char *text)
{
  GString *out;
  const char *line = text;

  if (!has_long_line (text, strlen (text)))
    return text;

  out = g_string_sized_new (strlen (text));
  while (*line != '\0')
    {
      const char *newline = strchr (line, '\n');
      gsize length = newline != NULL ? (gsize)(newline - line) : strlen (line);

      if (length > HDR_MESSAGE_MAX_SHOWN_LINE)
        {
          const char *cut = g_utf8_find_prev_char (line, line + HDR_MESSAGE_MAX_SHOWN_LINE + 1);

          g_string_append_len (out, line, cut - line);
          g_string_append (out, "…");
        }
      else
        {
          g_string_append_len (out, line, length);
        }

      if (newline == NULL)
        break;
      g_string_append_c (out, '\n');
      line = newline + 1;
    }

  g_free (text);

  return g_string_free (out, FALSE);
}

static void
add_note (HdrMessage *self,
          char       *note)
{
  g_ptr_array_add (self->notes, note);
}

static guint
line_at_offset (GBytes *bytes,
                gint64  offset)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  guint line = 1;

  if (offset < 0)
    return 0;

  for (gsize i = 0; i < length && i < (gsize)offset; i++)
    {
      if (data[i] == '\n')
        line++;
    }

  return line;
}

static void
read_headers (HdrMessage *self,
              gsize       body_offset)
{
  GMimeHeaderList *list = g_mime_object_get_header_list (GMIME_OBJECT (self->mime_message));
  int count = g_mime_header_list_get_count (list);
  gsize length = 0;
  const char *data = g_bytes_get_data (self->bytes, &length);
  gint64 previous_offset = 0;
  guint previous_line = 1;

  if (count > HDR_MESSAGE_MAX_HEADERS)
    {
      add_note (self, g_strdup_printf (_("The message has %d header lines; only the first %d "
                                         "were read."),
                                       count, HDR_MESSAGE_MAX_HEADERS));
      count = HDR_MESSAGE_MAX_HEADERS;
    }

  for (int i = 0; i < count; i++)
    {
      GMimeHeader *header = g_mime_header_list_get_header_at (list, i);
      const char *name = g_mime_header_get_name (header);
      const char *raw_value = g_mime_header_get_raw_value (header);
      gint64 offset = g_mime_header_get_offset (header);
      g_autofree char *valid_raw = NULL;
      gsize raw_length;
      HdrHeader *item;

      if (raw_value == NULL)
        raw_value = "";

      /* cut_long_header_fields () already cut and reported long fields;
       * this only bounds what is copied. */
      raw_length = MIN (strlen (raw_value), HDR_MESSAGE_MAX_HEADER_LENGTH);

      valid_raw = make_valid_utf8 (raw_value, raw_length);

      item = g_new0 (HdrHeader, 1);
      item->name = make_valid_utf8 (name, strlen (name));
      item->value = unfold (valid_raw, strlen (valid_raw));
      item->decoded = decode_header_value (header);
      if (item->decoded == NULL)
        item->decoded = g_strdup (item->value);
      item->raw = cap_line_lengths (g_strconcat (item->name, ":", valid_raw, NULL));
      g_strchomp (item->raw);
      item->index = i;

      /* Count lines incrementally, since offsets grow down the header block. */
      if (offset >= previous_offset && (gsize)offset <= length)
        {
          const char *p = data + previous_offset;
          const char *end = data + offset;

          while ((p = memchr (p, '\n', end - p)) != NULL)
            {
              previous_line++;
              p++;
            }
          previous_offset = offset;
          item->line = previous_line;
        }
      else
        {
          item->line = line_at_offset (self->bytes, offset);
        }

      g_ptr_array_add (self->headers, item);
    }

  self->raw_header_block = cap_line_lengths (make_valid_utf8 (data, MIN (body_offset, length)));
}

static char *
describe_part (GMimeObject *object,
               gboolean     is_attachment,
               guint        message_depth)
{
  const char *filename = NULL;

  if (GMIME_IS_PART (object))
    filename = g_mime_part_get_filename (GMIME_PART (object));

  if (filename != NULL && *filename != '\0')
    {
      g_autofree char *valid = make_valid_utf8 (filename, strlen (filename));

      /* Translators: where a quoted text was found; %s is a file name. */
      return g_strdup_printf (_("attachment “%s”"), valid);
    }

  if (message_depth > 0)
    return g_strdup (_("attached message"));

  if (is_attachment)
    return g_strdup (_("attachment"));

  return g_strdup (_("message body"));
}

/* Decode the content of a leaf part (transfer encoding, then charset) into
 * at most HDR_MESSAGE_MAX_PART_TEXT bytes of UTF-8. */
static char *
decode_text_part (HdrMessage *self,
                  GMimePart  *part,
                  gboolean   *truncated)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  GMimeContentType *content_type = g_mime_object_get_content_type (GMIME_OBJECT (part));
  const char *charset = g_mime_content_type_get_parameter (content_type, "charset");
  g_autoptr(GMimeStream) stream = NULL;
  GByteArray *array;
  g_autofree char *converted = NULL;
  gsize length;

  *truncated = FALSE;

  if (content == NULL)
    return g_strdup ("");

  stream = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (content, stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  if (array == NULL || array->len == 0)
    return g_strdup ("");
  length = array->len;

  if (length > HDR_MESSAGE_MAX_PART_TEXT)
    {
      length = HDR_MESSAGE_MAX_PART_TEXT;
      *truncated = TRUE;
    }

  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0 &&
      g_ascii_strcasecmp (charset, "us-ascii") != 0)
    {
      const char *iconv_name = g_mime_charset_iconv_name (charset);
      gsize written = 0;

      converted = g_convert_with_fallback ((const char *)array->data, length, "UTF-8",
                                           iconv_name, "\357\277\275", NULL, &written, NULL);
      if (converted != NULL)
        return make_valid_utf8 (converted, written);
    }

  /* Text that is valid UTF-8 is taken from the stream's buffer instead of
   * being copied.  g_utf8_validate() rejects NUL bytes, so the text is a C
   * string. */
  if (hdr_is_ascii_without_nul ((const char *)array->data, length) ||
      g_utf8_validate ((const char *)array->data, length, NULL))
    {
      g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
      g_byte_array_set_size (array, length);
      g_byte_array_append (array, (const guint8 *)"", 1);

      return (char *)g_byte_array_free (array, FALSE);
    }

  return make_valid_utf8 ((const char *)array->data, length);
}

static void walk_object (HdrMessage  *self,
                         GMimeObject *object,
                         guint        depth,
                         guint        message_depth,
                         gboolean     in_attachment);

static void
walk_leaf (HdrMessage  *self,
           GMimePart   *part,
           guint        message_depth,
           gboolean     in_attachment)
{
  GMimeObject *object = GMIME_OBJECT (part);
  GMimeContentType *content_type = g_mime_object_get_content_type (object);
  const char *type = g_mime_content_type_get_media_type (content_type);
  const char *subtype = g_mime_content_type_get_media_subtype (content_type);
  GMimeContentDisposition *disposition = g_mime_object_get_content_disposition (object);
  gboolean is_attachment = in_attachment;
  HdrTextPart *text_part;
  g_autofree char *lower_subtype = NULL;
  gboolean truncated = FALSE;

  if (disposition != NULL && g_mime_content_disposition_is_attachment (disposition))
    is_attachment = TRUE;

  if (type == NULL)
    type = "text";
  if (subtype == NULL)
    subtype = "plain";

  if (g_ascii_strcasecmp (type, "image") == 0)
    {
      self->image_part_count++;
      return;
    }

  if (g_ascii_strcasecmp (type, "application") == 0)
    {
      if (g_ascii_strcasecmp (subtype, "pdf") == 0 ||
          g_ascii_strcasecmp (subtype, "msword") == 0 ||
          g_ascii_strncasecmp (subtype, "vnd.openxmlformats", 18) == 0 ||
          g_ascii_strncasecmp (subtype, "vnd.oasis.opendocument", 22) == 0)
        self->document_part_count++;
      return;
    }

  if (g_ascii_strcasecmp (type, "text") != 0)
    return;

  /* Calendar invitations and vCards are text but not prose. */
  if (g_ascii_strcasecmp (subtype, "plain") != 0 &&
      g_ascii_strcasecmp (subtype, "html") != 0 &&
      g_ascii_strcasecmp (subtype, "enriched") != 0)
    return;

  lower_subtype = g_ascii_strdown (subtype, -1);
  text_part = g_new0 (HdrTextPart, 1);
  text_part->content_type = g_strconcat ("text/", lower_subtype, NULL);
  text_part->is_html = g_ascii_strcasecmp (subtype, "html") == 0;
  text_part->is_attachment = is_attachment;
  text_part->location = describe_part (object, is_attachment, message_depth);
  text_part->text = decode_text_part (self, part, &truncated);
  g_ptr_array_add (self->text_parts, text_part);

  if (truncated)
    add_note (self, g_strdup_printf (_("Only the first %d MB of the text in the %s were read."),
                                     HDR_MESSAGE_MAX_PART_TEXT / (1024 * 1024),
                                     text_part->location));
}

static void
walk_object (HdrMessage  *self,
             GMimeObject *object,
             guint        depth,
             guint        message_depth,
             gboolean     in_attachment)
{
  if (object == NULL)
    return;

  if (depth > HDR_MESSAGE_MAX_MIME_DEPTH)
    {
      if (!self->depth_limit_hit)
        add_note (self, g_strdup_printf (_("The message nests its parts more than %d levels deep; "
                                           "the deeper parts were not read."),
                                         HDR_MESSAGE_MAX_MIME_DEPTH));
      self->depth_limit_hit = TRUE;
      return;
    }

  if (++self->part_count > HDR_MESSAGE_MAX_PARTS)
    {
      if (!self->part_limit_hit)
        add_note (self, g_strdup_printf (_("The message has more than %d parts; "
                                           "only the first %d were read."),
                                         HDR_MESSAGE_MAX_PARTS, HDR_MESSAGE_MAX_PARTS));
      self->part_limit_hit = TRUE;
      return;
    }

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int count = g_mime_multipart_get_count (multipart);

      for (int i = 0; i < count; i++)
        walk_object (self, g_mime_multipart_get_part (multipart, i), depth + 1,
                     message_depth, in_attachment);
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (inner != NULL)
        walk_object (self, g_mime_message_get_mime_part (inner), depth + 1,
                     message_depth + 1, TRUE);
    }
  else if (GMIME_IS_PART (object))
    {
      walk_leaf (self, GMIME_PART (object), message_depth, in_attachment);
    }
}

/* Bytes at the end of a message searched first for the close delimiter of
 * its outermost multipart, which only the epilogue follows. */
#define CLOSE_DELIMITER_TAIL 4096

/* Returns whether @data contains the line "--BOUNDARY--" that closes a
 * multipart (RFC 2046 section 5.1.1), searching the tail first. */
static gboolean
has_close_delimiter (const char *data,
                     gsize       length,
                     const char *boundary)
{
  g_autofree char *bare = g_strstrip (g_strdup (boundary));
  g_autofree char *delimiter = NULL;
  gsize delimiter_length;
  gsize tail_start;

  /* GMime keeps the quote of a quoted boundary that lacks its closing quote. */
  if (bare[0] == '"')
    memmove (bare, bare + 1, strlen (bare));
  delimiter = g_strconcat ("\n--", bare, "--", NULL);
  delimiter_length = strlen (delimiter);
  tail_start = length > CLOSE_DELIMITER_TAIL ? length - CLOSE_DELIMITER_TAIL : 0;

  if (memmem (data + tail_start, length - tail_start, delimiter, delimiter_length) != NULL)
    return TRUE;

  return tail_start > 0 && memmem (data, length, delimiter, delimiter_length) != NULL;
}

/* Sets self->cut_off when the message stops before its end: inside its
 * header block, or before the close delimiter of its outermost multipart.
 * A message cut at HDR_MESSAGE_MAX_SIZE on purpose already has a note and is
 * not checked.  BODY_OFFSET is where the body starts, or the length of the
 * message when the header block has no closing empty line. */
static void
check_cut_off (HdrMessage *self,
               gsize       body_offset,
               gboolean    size_limited)
{
  GMimeObject *body = g_mime_message_get_mime_part (self->mime_message);
  const char *boundary;
  const char *data;
  gsize length;

  if (size_limited)
    return;

  data = g_bytes_get_data (self->bytes, &length);

  /* A header block without its closing empty line whose last line has no
   * line break stops in the middle of a header field (RFC 5322 section 2.1). */
  if (body_offset == length && length > 0 && data[length - 1] != '\n')
    {
      self->cut_off = TRUE;
      return;
    }

  if (!GMIME_IS_MULTIPART (body))
    return;

  boundary = g_mime_multipart_get_boundary (GMIME_MULTIPART (body));
  if (boundary == NULL || *boundary == '\0')
    return;

  self->cut_off = !has_close_delimiter (data, length, boundary);
}

/* The field name at @line, a line that starts a header field, for notes. */
static char *
field_name_at (const char *line,
               gsize       length)
{
  const char *colon = memchr (line, ':', MIN (length, 200));

  return make_valid_utf8 (line, colon != NULL ? (gsize)(colon - line) : MIN (length, 40));
}

/* Cut every top-level header field, folded lines included, to
 * HDR_MESSAGE_MAX_HEADER_LENGTH bytes before GMime parses it.  GMime 3.2 grows
 * its buffer line by line while it reads a folded field, which takes
 * minutes for a field of millions of short lines. */
static GBytes *
cut_long_header_fields (HdrMessage *self,
                        GBytes     *bytes)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GByteArray) out = NULL;
  gsize field_start = 0;
  gsize field_length = 0;
  gboolean field_cut = FALSE;
  gsize i = 0;

  while (i < length)
    {
      const char *newline = memchr (data + i, '\n', length - i);
      gsize line_end = newline != NULL ? (gsize)(newline - data) + 1 : length;
      gsize line_length = line_end - i;
      gboolean continuation = data[i] == ' ' || data[i] == '\t';
      gboolean empty = data[i] == '\n' || (data[i] == '\r' && line_length <= 2);

      if (empty)
        break;

      if (!continuation)
        {
          field_start = i;
          field_length = 0;
          field_cut = FALSE;
        }

      if (field_length + line_length > HDR_MESSAGE_MAX_HEADER_LENGTH)
        {
          if (out == NULL)
            {
              out = g_byte_array_sized_new (length);
              g_byte_array_append (out, (const guint8 *)data, i);
            }

          if (!field_cut)
            {
              g_autofree char *name = field_name_at (data + field_start, length - field_start);
              gsize total = line_end - field_start;
              const char *next = data + line_end;

              /* Measure the whole field for the note. */
              while (next < data + length && (*next == ' ' || *next == '\t'))
                {
                  const char *end = memchr (next, '\n', data + length - next);

                  next = end != NULL ? end + 1 : data + length;
                }
              total = next - (data + field_start);

              add_note (self, g_strdup_printf (_("The header line “%s” is %zu bytes long; only the "
                                                 "first %d bytes were read."),
                                               name, total, HDR_MESSAGE_MAX_HEADER_LENGTH));
              field_cut = TRUE;
            }

          /* A first line longer than the limit keeps its start and a line
           * break; any other line of the field is dropped whole. */
          if (!continuation && field_length == 0)
            {
              g_byte_array_append (out, (const guint8 *)data + i, HDR_MESSAGE_MAX_HEADER_LENGTH);
              g_byte_array_append (out, (const guint8 *)"\n", 1);
            }
          field_length = HDR_MESSAGE_MAX_HEADER_LENGTH;
        }
      else
        {
          if (out != NULL)
            g_byte_array_append (out, (const guint8 *)data + i, line_length);
          field_length += line_length;
        }

      i = line_end;
    }

  if (out == NULL)
    return g_bytes_ref (bytes);

  g_byte_array_append (out, (const guint8 *)data + i, length - i);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The offset of the first byte after the header block: after the first
 * empty line, or the end of the data. */
static gsize
find_body_offset (const char *data,
                  gsize       length)
{
  const char *newline = data;

  while ((newline = memchr (newline, '\n', data + length - newline)) != NULL)
    {
      gsize i = newline - data;

      newline++;
      if (i + 1 >= length)
        break;
      if (data[i + 1] == '\n')
        return i + 2;
      if (data[i + 1] == '\r' && i + 2 < length && data[i + 2] == '\n')
        return i + 3;
    }

  return length;
}

/**
 * hdr_message_new_from_bytes:
 * @bytes: the message as it was saved (RFC 5322, or one mbox entry)
 * @source: a name for the input, shown in reports: a file path or "pasted text"
 * @error: return location for a #HdrErrorCode error
 *
 * Parse @bytes with GMime.  Input over %HDR_MESSAGE_MAX_SIZE is cut and the cut
 * is recorded as a note.  Returns %NULL with %HDR_ERROR_EMPTY or
 * %HDR_ERROR_NOT_A_MESSAGE when @bytes is not a message.
 */
HdrMessage *
hdr_message_new_from_bytes (GBytes      *bytes,
                            const char  *source,
                            GError     **error)
{
  g_autoptr(HdrMessage) self = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GBytes) limited = NULL;
  const char *data;
  gsize length = 0;
  gsize skip = 0;
  gsize body_offset;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_gmime ();

  data = g_bytes_get_data (bytes, &length);

  if (length == 0 || data == NULL)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_EMPTY,
                   _("“%s” is empty. Save the whole message from your mail program "
                     "(often “Save as” or “Download message”) and open that file."),
                   source);
      return NULL;
    }

  if (!looks_like_message (data, length))
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_NOT_A_MESSAGE,
                   _("“%s” is not an email message: it does not start with header lines "
                     "such as “From:” or “Received:”. Save the whole message from your "
                     "mail program, with its headers (often “Save as”, “Download message” "
                     "or “Show original”), and open that file."),
                   source);
      return NULL;
    }

  self = g_object_new (HDR_TYPE_MESSAGE, NULL);
  self->source = g_strdup (source);

  if (length > HDR_MESSAGE_MAX_SIZE)
    {
      limited = g_bytes_new_from_bytes (bytes, 0, HDR_MESSAGE_MAX_SIZE);
      add_note (self, g_strdup_printf (_("The message is larger than %d MB; only the first %d MB "
                                         "were read."),
                                       HDR_MESSAGE_MAX_SIZE / (1024 * 1024),
                                       HDR_MESSAGE_MAX_SIZE / (1024 * 1024)));
    }
  else
    {
      limited = g_bytes_ref (bytes);
    }

  data = g_bytes_get_data (limited, &length);

  /* One mbox entry starts with a "From " separator line, which is not a
   * header field.  Blank lines and a byte order mark are skipped too. */
  skip = skip_before_headers (data, length);

  {
    g_autoptr(GBytes) message_bytes = g_bytes_new_from_bytes (limited, skip, length - skip);

    self->bytes = cut_long_header_fields (self, message_bytes);
  }
  data = g_bytes_get_data (self->bytes, &length);

  stream = hdr_bytes_stream_new (self->bytes);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  self->mime_message = g_mime_parser_construct_message (parser, NULL);

  if (self->mime_message == NULL ||
      g_mime_header_list_get_count (g_mime_object_get_header_list (GMIME_OBJECT (self->mime_message))) == 0)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_NOT_A_MESSAGE,
                   _("“%s” could not be read as an email message. Save the whole message "
                     "from your mail program, with its headers, and open that file."),
                   source);
      return NULL;
    }

  body_offset = find_body_offset (data, length);
  read_headers (self, body_offset);
  walk_object (self, g_mime_message_get_mime_part (self->mime_message), 0, 0, FALSE);
  check_cut_off (self, body_offset, g_bytes_get_size (limited) < g_bytes_get_size (bytes));

  return g_steal_pointer (&self);
}

/* The header lines put before words given without any, so that GMime
 * reads them as a message of UTF-8 text (RFC 2045 sections 4 and 5). */
#define WORDS_ONLY_HEADER "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"

/**
 * hdr_message_new_from_words:
 * @bytes: a message as hdr_message_new_from_bytes() takes it, or only its
 *   words, such as the text of a mail copied from a mail program's window
 * @source: a name for the input, shown in reports
 * @error: return location for a #HdrErrorCode error
 *
 * Like hdr_message_new_from_bytes(), but text that does not start with
 * header lines is read as the body of a message without headers.  A note
 * then explains that only the words could be checked.
 */
HdrMessage *
hdr_message_new_from_words (GBytes      *bytes,
                            const char  *source,
                            GError     **error)
{
  g_autoptr(GByteArray) wrapped = NULL;
  g_autoptr(GBytes) wrapped_bytes = NULL;
  HdrMessage *message;
  const char *data;
  gsize length = 0;
  gsize start;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length == 0 || data == NULL || looks_like_message (data, length))
    return hdr_message_new_from_bytes (bytes, source, error);

  /* Text of spaces alone is as empty as no text. */
  start = skip_before_headers (data, length);
  while (start < length && g_ascii_isspace (data[start]))
    start++;
  if (start == length)
    {
      g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

      return hdr_message_new_from_bytes (empty, source, error);
    }

  wrapped = g_byte_array_sized_new ((guint) MIN (length + sizeof WORDS_ONLY_HEADER, G_MAXUINT));
  g_byte_array_append (wrapped, (const guint8 *) WORDS_ONLY_HEADER, sizeof WORDS_ONLY_HEADER - 1);
  g_byte_array_append (wrapped, (const guint8 *) data, (guint) MIN (length, HDR_MESSAGE_MAX_SIZE + 1));
  wrapped_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&wrapped));

  message = hdr_message_new_from_bytes (wrapped_bytes, source, error);
  if (message != NULL)
    add_note (message, g_strdup (_("Only the words of the message were given, without the "
                                   "header lines that show where it came from. So its words "
                                   "were checked, but not its sender or its way to you. To "
                                   "check those too, save the whole message from your mail "
                                   "program (often “Save as”, “Download message” or “Show "
                                   "original”) and open that file.")));

  return message;
}

/**
 * hdr_message_new_from_file:
 * @file: the file to read; it is opened read-only
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Read @file and parse it as hdr_message_new_from_bytes() does.  The file is
 * never written.
 */
HdrMessage *
hdr_message_new_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = g_file_get_path (file);
  if (source == NULL)
    source = g_file_get_uri (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_READ ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_EXECUTE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      hdr_error_set_open_failed (error, source, local_error);
      return NULL;
    }

  /* A folder that cannot be listed cannot show whether it is a Maildir. */
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
      && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)
      && (!g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)
          || !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_EXECUTE)))
    {
      g_autoptr(GError) denied = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "");

      hdr_error_set_open_failed (error, source, denied);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                   _("“%s” is a folder but not a Maildir. Open one message file (.eml), an "
                     "mbox file or a Maildir folder instead."), source);
      return NULL;
    }

  input = g_file_read (file, cancellable, &local_error);
  if (input == NULL)
    {
      hdr_error_set_open_failed (error, source, local_error);
      return NULL;
    }

  /* Read one byte past the limit, so that a cut can be reported. */
  bytes = g_input_stream_read_bytes (G_INPUT_STREAM (input), HDR_MESSAGE_MAX_SIZE + 1,
                                     cancellable, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                   _("“%s” could not be read: %s"), source, local_error->message);
      return NULL;
    }

  return hdr_message_new_from_bytes (bytes, source, error);
}

const char *
hdr_message_get_source (HdrMessage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), NULL);

  return self->source;
}

GMimeMessage *
hdr_message_get_mime_message (HdrMessage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), NULL);

  return self->mime_message;
}

/**
 * hdr_message_get_headers:
 *
 * Returns: (transfer none) (element-type HdrHeader): the top-level header
 *   fields, topmost first
 */
GPtrArray *
hdr_message_get_headers (HdrMessage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), NULL);

  return self->headers;
}

/**
 * hdr_message_get_header:
 * @name: a field name, compared without regard to case
 *
 * Returns: (nullable): the RFC 2047 decoded value of the topmost field called
 *   @name, or %NULL when there is none
 */
const char *
hdr_message_get_header (HdrMessage *self,
                        const char *name)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (self->headers, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->decoded;
    }

  return NULL;
}

/**
 * hdr_message_get_text_parts:
 *
 * Returns: (transfer none) (element-type HdrTextPart): the decoded text parts,
 *   including those of attached messages and text attachments
 */
GPtrArray *
hdr_message_get_text_parts (HdrMessage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), NULL);

  return self->text_parts;
}

guint
hdr_message_get_image_part_count (HdrMessage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), 0);

  return self->image_part_count;
}

guint
hdr_message_get_document_part_count (HdrMessage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), 0);

  return self->document_part_count;
}

/**
 * hdr_message_get_cut_off:
 *
 * Returns: whether the message ends before the close delimiter of its
 *   outermost multipart or inside its header block, so that its end is
 *   missing
 */
gboolean
hdr_message_get_cut_off (HdrMessage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), FALSE);

  return self->cut_off;
}

/**
 * hdr_message_get_notes:
 *
 * Returns: (transfer none) (element-type utf8): translated sentences about
 *   what could not be read (limits reached, parts cut)
 */
GPtrArray *
hdr_message_get_notes (HdrMessage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), NULL);

  return self->notes;
}

/**
 * hdr_message_get_raw_header_block:
 *
 * Returns: the header block as written, up to the empty line, in valid UTF-8,
 *   with lines over 998 bytes cut and marked with "…"
 */
const char *
hdr_message_get_raw_header_block (HdrMessage *self)
{
  g_return_val_if_fail (HDR_IS_MESSAGE (self), NULL);

  return self->raw_header_block;
}
