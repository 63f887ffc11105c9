/* hdr-bytes-stream.c: a read-only GMimeStream over a GBytes, without a copy
 *
 * g_mime_stream_mem_new_with_buffer() copies its input into a GByteArray.
 * This stream reads the GBytes in place and keeps a reference to it, and
 * so do its substreams, which the GMime parser hands to the parts it
 * builds as their content.  Seeking and bounds follow GMimeStreamMem of
 * GMime 3.2; writing fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-bytes-stream"

#include "config.h"

#include <string.h>

#include "hdr-bytes-stream.h"

struct _HdrBytesStream
{
  GMimeStream  parent_instance;

  GBytes      *bytes;
  const char  *data;
  gint64       length;
};

G_DEFINE_FINAL_TYPE (HdrBytesStream, hdr_bytes_stream, GMIME_TYPE_STREAM)

static gint64
bound_end (GMimeStream *stream)
{
  HdrBytesStream *self = HDR_BYTES_STREAM (stream);

  return stream->bound_end != -1 ? stream->bound_end : self->length;
}

static ssize_t
hdr_bytes_stream_read (GMimeStream *stream,
                       char        *buffer,
                       size_t       length)
{
  HdrBytesStream *self = HDR_BYTES_STREAM (stream);
  gint64 available = bound_end (stream) - stream->position;

  if (available < 0)
    return -1;
  if ((gint64)length > available)
    length = (size_t)available;

  if (length > 0)
    {
      memcpy (buffer, self->data + stream->position, length);
      stream->position += length;
    }

  return (ssize_t)length;
}

static ssize_t
hdr_bytes_stream_write (GMimeStream *stream,
                        const char  *buffer,
                        size_t       length)
{
  return -1;
}

static int
hdr_bytes_stream_flush (GMimeStream *stream)
{
  return 0;
}

static int
hdr_bytes_stream_close (GMimeStream *stream)
{
  return 0;
}

static gboolean
hdr_bytes_stream_eos (GMimeStream *stream)
{
  return stream->position >= bound_end (stream);
}

static int
hdr_bytes_stream_reset (GMimeStream *stream)
{
  stream->position = stream->bound_start;

  return 0;
}

static gint64
hdr_bytes_stream_seek (GMimeStream     *stream,
                       gint64           offset,
                       GMimeSeekWhence  whence)
{
  gint64 end = bound_end (stream);
  gint64 position = stream->position;

  switch (whence)
    {
    case GMIME_STREAM_SEEK_SET:
      position = offset;
      break;
    case GMIME_STREAM_SEEK_CUR:
      position = stream->position + offset;
      break;
    case GMIME_STREAM_SEEK_END:
      position = end + offset;
      break;
    default:
      return -1;
    }

  /* As GMimeStreamMem does, a target outside the bounds fails and leaves
   * the position where it was. */
  if (position < stream->bound_start || position > end)
    return -1;

  stream->position = position;

  return stream->position;
}

static gint64
hdr_bytes_stream_tell (GMimeStream *stream)
{
  return stream->position;
}

static gint64
hdr_bytes_stream_length (GMimeStream *stream)
{
  return bound_end (stream) - stream->bound_start;
}

static GMimeStream *hdr_bytes_stream_new_bounded (GBytes *bytes,
                                                  gint64  start,
                                                  gint64  end);

static GMimeStream *
hdr_bytes_stream_substream (GMimeStream *stream,
                            gint64       start,
                            gint64       end)
{
  HdrBytesStream *self = HDR_BYTES_STREAM (stream);

  return hdr_bytes_stream_new_bounded (self->bytes, start, end);
}

static void
hdr_bytes_stream_finalize (GObject *object)
{
  HdrBytesStream *self = HDR_BYTES_STREAM (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (hdr_bytes_stream_parent_class)->finalize (object);
}

static void
hdr_bytes_stream_class_init (HdrBytesStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GMimeStreamClass *stream_class = GMIME_STREAM_CLASS (klass);

  object_class->finalize = hdr_bytes_stream_finalize;

  stream_class->read = hdr_bytes_stream_read;
  stream_class->write = hdr_bytes_stream_write;
  stream_class->flush = hdr_bytes_stream_flush;
  stream_class->close = hdr_bytes_stream_close;
  stream_class->eos = hdr_bytes_stream_eos;
  stream_class->reset = hdr_bytes_stream_reset;
  stream_class->seek = hdr_bytes_stream_seek;
  stream_class->tell = hdr_bytes_stream_tell;
  stream_class->length = hdr_bytes_stream_length;
  stream_class->substream = hdr_bytes_stream_substream;
}

static void
hdr_bytes_stream_init (HdrBytesStream *self)
{
}

static GMimeStream *
hdr_bytes_stream_new_bounded (GBytes *bytes,
                              gint64  start,
                              gint64  end)
{
  HdrBytesStream *self = g_object_new (HDR_TYPE_BYTES_STREAM, NULL);
  gsize length = 0;

  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, &length);
  self->length = (gint64)length;
  g_mime_stream_construct (GMIME_STREAM (self), start, end);

  return GMIME_STREAM (self);
}

/**
 * hdr_bytes_stream_new:
 * @bytes: the data to read
 *
 * Creates a read-only stream over @bytes that keeps a reference to it.
 *
 * Returns: (transfer full): a new #GMimeStream
 */
GMimeStream *
hdr_bytes_stream_new (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return hdr_bytes_stream_new_bounded (bytes, 0, -1);
}
