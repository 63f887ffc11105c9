/* hdr-json-writer.h: JSON text written straight into a GString
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The state of one JSON text being written.  A @name of NULL in the
 * functions below writes an array element or the root value, and any other
 * name writes an object member. */
typedef struct
{
  GString  *text;
  gboolean  pretty;
  guint     depth;  /* number of open objects and arrays */
  gboolean  empty;  /* the innermost open container has no value yet */
} HdrJsonWriter;

void hdr_json_writer_init         (HdrJsonWriter *writer,
                                   GString       *text,
                                   gboolean       pretty);

void hdr_json_writer_begin_object (HdrJsonWriter *writer,
                                   const char    *name);
void hdr_json_writer_end_object   (HdrJsonWriter *writer);
void hdr_json_writer_begin_array  (HdrJsonWriter *writer,
                                   const char    *name);
void hdr_json_writer_end_array    (HdrJsonWriter *writer);

void hdr_json_writer_add_string   (HdrJsonWriter *writer,
                                   const char    *name,
                                   const char    *value);
void hdr_json_writer_add_int      (HdrJsonWriter *writer,
                                   const char    *name,
                                   gint64         value);
void hdr_json_writer_add_boolean  (HdrJsonWriter *writer,
                                   const char    *name,
                                   gboolean       value);
void hdr_json_writer_add_null     (HdrJsonWriter *writer,
                                   const char    *name);

void hdr_json_append_string       (GString       *text,
                                   const char    *value);

G_END_DECLS
