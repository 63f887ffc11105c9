/* hdr-message.h: one parsed message with its headers and decoded text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* GMime 3.2.13 declares no g_autoptr() cleanup functions; meson checks
 * whether the GMime in use does and sets HDR_GMIME_HAS_AUTOPTR. */
#if !HDR_GMIME_HAS_AUTOPTR
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeDataWrapper, g_object_unref)
#endif

/* Largest message accepted, in bytes.  Real mail with attachments stays far
 * below this; anything larger is cut off and the cut is reported. */
#define HDR_MESSAGE_MAX_SIZE (64 * 1024 * 1024)

/* One header field of the top-level message, in the order it appears. */
typedef struct
{
  char  *name;    /* field name as written, e.g. "Received" */
  char  *value;   /* unfolded value as written, valid UTF-8 (invalid bytes replaced) */
  char  *decoded; /* value with RFC 2047 encoded-words decoded */
  char  *raw;     /* the whole field as written, folded, with its name; lines over 998 bytes cut */
  guint  index;   /* position among the top-level headers, 0 = topmost */
  guint  line;    /* 1-based line of the message where the field starts */
} HdrHeader;

/* Decoded text of one text part (text/plain, text/html, or a text attachment). */
typedef struct
{
  char     *content_type;  /* "text/plain", "text/html" */
  char     *location;      /* where it was found, for evidence: "message body", "attachment notes.txt" */
  char     *text;          /* decoded to UTF-8; for HTML the markup itself */
  gboolean  is_html;
  gboolean  is_attachment;
} HdrTextPart;

#define HDR_TYPE_MESSAGE (hdr_message_get_type ())

G_DECLARE_FINAL_TYPE (HdrMessage, hdr_message, HDR, MESSAGE, GObject)

HdrMessage   *hdr_message_new_from_bytes         (GBytes        *bytes,
                                                  const char    *source,
                                                  GError       **error);
HdrMessage   *hdr_message_new_from_words         (GBytes        *bytes,
                                                  const char    *source,
                                                  GError       **error);
HdrMessage   *hdr_message_new_from_file          (GFile         *file,
                                                  GCancellable  *cancellable,
                                                  GError       **error);
const char   *hdr_message_get_source             (HdrMessage    *self);
GMimeMessage *hdr_message_get_mime_message       (HdrMessage    *self);
GPtrArray    *hdr_message_get_headers            (HdrMessage    *self);
const char   *hdr_message_get_header             (HdrMessage    *self,
                                                  const char    *name);
GPtrArray    *hdr_message_get_text_parts         (HdrMessage    *self);
guint         hdr_message_get_image_part_count   (HdrMessage    *self);
guint         hdr_message_get_document_part_count (HdrMessage   *self);
gboolean      hdr_message_get_cut_off            (HdrMessage    *self);
GPtrArray    *hdr_message_get_notes              (HdrMessage    *self);
const char   *hdr_message_get_raw_header_block   (HdrMessage    *self);

G_END_DECLS
