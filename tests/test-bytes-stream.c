/* test-bytes-stream.c: HdrBytesStream against GMimeStreamMem on the same data
 *
 * GMimeStreamMem of GMime 3.2 is the reference for seek, tell, eos and
 * length: the same calls are made on both streams and the results are
 * compared.  Bytes read are compared with the data itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hdr-bytes-stream.h"

#define SAMPLE_LENGTH 10007

/* All 256 byte values, NUL included, in a pattern that shifts by one in
 * each block of 256 bytes, so that a slice read from the wrong offset
 * differs from the expected one. */
static guint8 *
make_sample_data (void)
{
  guint8 *data = g_malloc (SAMPLE_LENGTH);

  for (gsize i = 0; i < SAMPLE_LENGTH; i++)
    data[i] = (guint8)((i * 31 + i / 256) & 0xff);

  return data;
}

static GBytes *
make_sample_bytes (void)
{
  return g_bytes_new_take (make_sample_data (), SAMPLE_LENGTH);
}

static GMimeStream *
new_mem_stream (GBytes *bytes)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return g_mime_stream_mem_new_with_buffer ((const char *)data, length);
}

/* Read @stream to its end in reads of @chunk bytes. */
static GByteArray *
read_to_end (GMimeStream *stream,
             gsize        chunk)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree char *buffer = g_malloc (chunk);
  ssize_t n;

  while ((n = g_mime_stream_read (stream, buffer, chunk)) > 0)
    g_byte_array_append (out, (const guint8 *)buffer, n);
  g_assert_cmpint (n, ==, 0);

  return out;
}

/* Read up to 16 bytes from both streams and compare count and content. */
static void
assert_same_next_bytes (GMimeStream *stream,
                        GMimeStream *reference)
{
  char buffer[16];
  char reference_buffer[16];
  ssize_t n = g_mime_stream_read (stream, buffer, sizeof buffer);
  ssize_t reference_n = g_mime_stream_read (reference, reference_buffer, sizeof reference_buffer);

  g_assert_cmpint (n, ==, reference_n);
  if (n > 0)
    g_assert_cmpmem (buffer, n, reference_buffer, reference_n);
}

static void
assert_same_state (GMimeStream *stream,
                   GMimeStream *reference)
{
  g_assert_cmpint (g_mime_stream_tell (stream), ==, g_mime_stream_tell (reference));
  g_assert_cmpint (g_mime_stream_eos (stream), ==, g_mime_stream_eos (reference));
  g_assert_cmpint (g_mime_stream_length (stream), ==, g_mime_stream_length (reference));
}

static void
test_bytes_stream_read_in_chunks (void)
{
  static const gsize chunks[] = { 1, 7, 4096 };
  g_autoptr(GBytes) bytes = make_sample_bytes ();

  for (gsize i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autoptr(GMimeStream) stream = hdr_bytes_stream_new (bytes);
      g_autoptr(GByteArray) read = NULL;
      char byte;

      g_test_message ("reads of %" G_GSIZE_FORMAT " bytes", chunks[i]);
      g_assert_false (g_mime_stream_eos (stream));

      read = read_to_end (stream, chunks[i]);
      g_assert_cmpmem (read->data, read->len,
                       g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_assert_true (g_mime_stream_eos (stream));
      g_assert_cmpint (g_mime_stream_tell (stream), ==, SAMPLE_LENGTH);
      g_assert_cmpint (g_mime_stream_read (stream, &byte, 1), ==, 0);
    }
}

static void
test_bytes_stream_length (void)
{
  g_autoptr(GBytes) bytes = make_sample_bytes ();
  g_autoptr(GMimeStream) stream = hdr_bytes_stream_new (bytes);
  g_autoptr(GMimeStream) reference = new_mem_stream (bytes);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GMimeStream) empty_stream = hdr_bytes_stream_new (empty);
  char buffer[100];

  g_assert_cmpint (g_mime_stream_length (stream), ==, SAMPLE_LENGTH);
  assert_same_state (stream, reference);

  /* The length is that of the whole stream, not what is left to read. */
  g_assert_cmpint (g_mime_stream_read (stream, buffer, sizeof buffer), ==, sizeof buffer);
  g_assert_cmpint (g_mime_stream_read (reference, buffer, sizeof buffer), ==, sizeof buffer);
  g_assert_cmpint (g_mime_stream_length (stream), ==, SAMPLE_LENGTH);
  assert_same_state (stream, reference);

  g_assert_cmpint (g_mime_stream_length (empty_stream), ==, 0);
  g_assert_true (g_mime_stream_eos (empty_stream));
  g_assert_cmpint (g_mime_stream_read (empty_stream, buffer, sizeof buffer), ==, 0);
}

typedef struct
{
  gint64          start;   /* position set before the seek */
  gint64          offset;
  GMimeSeekWhence whence;
} SeekCase;

static const char *
whence_name (GMimeSeekWhence whence)
{
  switch (whence)
    {
    case GMIME_STREAM_SEEK_SET:
      return "SET";
    case GMIME_STREAM_SEEK_CUR:
      return "CUR";
    case GMIME_STREAM_SEEK_END:
      return "END";
    default:
      return "?";
    }
}

/* Run each seek of @cases on a fresh substream [@bound_start, @bound_end)
 * of an HdrBytesStream and of a GMimeStreamMem, and compare the return
 * value and the state.  When @bound_start is -1 the whole HdrBytesStream is
 * compared with the GMimeStreamMem substream [0, length), because a seek
 * past the end of an unbounded GMimeStreamMem grows its buffer with zero
 * bytes, which a read-only stream cannot do. */
static void
compare_seeks (const SeekCase *cases,
               gsize           n_cases,
               gint64          bound_start,
               gint64          bound_end)
{
  g_autoptr(GBytes) bytes = make_sample_bytes ();

  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GMimeStream) parent = hdr_bytes_stream_new (bytes);
      g_autoptr(GMimeStream) reference_parent = new_mem_stream (bytes);
      g_autoptr(GMimeStream) stream = NULL;
      g_autoptr(GMimeStream) reference = NULL;
      gint64 result;
      gint64 reference_result;

      if (bound_start == -1)
        {
          stream = g_object_ref (parent);
          reference = g_mime_stream_substream (reference_parent, 0, SAMPLE_LENGTH);
        }
      else
        {
          stream = g_mime_stream_substream (parent, bound_start, bound_end);
          reference = g_mime_stream_substream (reference_parent, bound_start, bound_end);
        }

      g_test_message ("bounds [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "), "
                      "from %" G_GINT64_FORMAT ", seek %s %+" G_GINT64_FORMAT,
                      bound_start, bound_end, cases[i].start,
                      whence_name (cases[i].whence), cases[i].offset);

      g_assert_cmpint (g_mime_stream_seek (stream, cases[i].start, GMIME_STREAM_SEEK_SET), ==,
                       cases[i].start);
      g_assert_cmpint (g_mime_stream_seek (reference, cases[i].start, GMIME_STREAM_SEEK_SET), ==,
                       cases[i].start);

      result = g_mime_stream_seek (stream, cases[i].offset, cases[i].whence);
      reference_result = g_mime_stream_seek (reference, cases[i].offset, cases[i].whence);
      g_assert_cmpint (result, ==, reference_result);
      assert_same_state (stream, reference);
      assert_same_next_bytes (stream, reference);
      assert_same_state (stream, reference);
    }
}

static void
test_bytes_stream_seek_inside (void)
{
  static const SeekCase cases[] = {
    { 0, 0, GMIME_STREAM_SEEK_SET },
    { 0, 100, GMIME_STREAM_SEEK_SET },
    { 5000, 4999, GMIME_STREAM_SEEK_SET },
    { 0, 5, GMIME_STREAM_SEEK_CUR },
    { 100, -5, GMIME_STREAM_SEEK_CUR },
    { 100, 0, GMIME_STREAM_SEEK_CUR },
    { 0, -1, GMIME_STREAM_SEEK_END },
    { 0, -100, GMIME_STREAM_SEEK_END },
  };

  compare_seeks (cases, G_N_ELEMENTS (cases), -1, -1);
}

static void
test_bytes_stream_seek_to_ends (void)
{
  static const SeekCase cases[] = {
    { 100, 0, GMIME_STREAM_SEEK_SET },
    { 100, SAMPLE_LENGTH, GMIME_STREAM_SEEK_SET },
    { 100, -100, GMIME_STREAM_SEEK_CUR },
    { 100, SAMPLE_LENGTH - 100, GMIME_STREAM_SEEK_CUR },
    { 100, 0, GMIME_STREAM_SEEK_END },
    { 100, -SAMPLE_LENGTH, GMIME_STREAM_SEEK_END },
  };

  compare_seeks (cases, G_N_ELEMENTS (cases), -1, -1);
}

static void
test_bytes_stream_seek_beyond_ends (void)
{
  static const SeekCase cases[] = {
    { 100, -1, GMIME_STREAM_SEEK_SET },
    { 100, SAMPLE_LENGTH + 1, GMIME_STREAM_SEEK_SET },
    { 100, -101, GMIME_STREAM_SEEK_CUR },
    { 100, SAMPLE_LENGTH, GMIME_STREAM_SEEK_CUR },
    { 100, 1, GMIME_STREAM_SEEK_END },
    { 100, -SAMPLE_LENGTH - 1, GMIME_STREAM_SEEK_END },
  };

  compare_seeks (cases, G_N_ELEMENTS (cases), -1, -1);
}

static void
test_bytes_stream_seek_in_substream (void)
{
  /* Positions of a substream count from the start of the whole data, as
   * in GMimeStreamMem: the substream [1000, 2000) starts at 1000. */
  static const SeekCase inside[] = {
    { 1000, 1500, GMIME_STREAM_SEEK_SET },
    { 1000, 1000, GMIME_STREAM_SEEK_SET },
    { 1000, 2000, GMIME_STREAM_SEEK_SET },
    { 1500, 10, GMIME_STREAM_SEEK_CUR },
    { 1500, -500, GMIME_STREAM_SEEK_CUR },
    { 1500, 500, GMIME_STREAM_SEEK_CUR },
    { 1000, 0, GMIME_STREAM_SEEK_END },
    { 1000, -1, GMIME_STREAM_SEEK_END },
    { 1000, -1000, GMIME_STREAM_SEEK_END },
  };

  compare_seeks (inside, G_N_ELEMENTS (inside), 1000, 2000);
}

static void
test_bytes_stream_seek_beyond_substream (void)
{
  static const SeekCase beyond[] = {
    { 1500, 999, GMIME_STREAM_SEEK_SET },
    { 1500, 0, GMIME_STREAM_SEEK_SET },
    { 1500, 2001, GMIME_STREAM_SEEK_SET },
    { 1500, -501, GMIME_STREAM_SEEK_CUR },
    { 1500, 501, GMIME_STREAM_SEEK_CUR },
    { 1500, 1, GMIME_STREAM_SEEK_END },
    { 1500, -1001, GMIME_STREAM_SEEK_END },
  };

  compare_seeks (beyond, G_N_ELEMENTS (beyond), 1000, 2000);
}

static void
test_bytes_stream_tell_eos_reset (void)
{
  g_autoptr(GBytes) bytes = make_sample_bytes ();
  g_autoptr(GMimeStream) stream = hdr_bytes_stream_new (bytes);
  g_autoptr(GMimeStream) substream = g_mime_stream_substream (stream, 300, 400);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  char buffer[10];

  g_assert_cmpint (g_mime_stream_tell (stream), ==, 0);
  g_assert_cmpint (g_mime_stream_read (stream, buffer, sizeof buffer), ==, sizeof buffer);
  g_assert_cmpint (g_mime_stream_tell (stream), ==, sizeof buffer);
  g_assert_false (g_mime_stream_eos (stream));

  g_assert_cmpint (g_mime_stream_seek (stream, 0, GMIME_STREAM_SEEK_END), ==, SAMPLE_LENGTH);
  g_assert_true (g_mime_stream_eos (stream));

  g_assert_cmpint (g_mime_stream_reset (stream), ==, 0);
  g_assert_cmpint (g_mime_stream_tell (stream), ==, 0);
  g_assert_false (g_mime_stream_eos (stream));
  g_assert_cmpint (g_mime_stream_read (stream, buffer, sizeof buffer), ==, sizeof buffer);
  g_assert_cmpmem (buffer, sizeof buffer, data, sizeof buffer);

  /* A substream starts at, and resets to, its own start. */
  g_assert_cmpint (g_mime_stream_tell (substream), ==, 300);
  g_assert_cmpint (g_mime_stream_seek (substream, 0, GMIME_STREAM_SEEK_END), ==, 400);
  g_assert_true (g_mime_stream_eos (substream));
  g_assert_cmpint (g_mime_stream_reset (substream), ==, 0);
  g_assert_cmpint (g_mime_stream_tell (substream), ==, 300);
  g_assert_false (g_mime_stream_eos (substream));
  g_assert_cmpint (g_mime_stream_read (substream, buffer, sizeof buffer), ==, sizeof buffer);
  g_assert_cmpmem (buffer, sizeof buffer, data + 300, sizeof buffer);
}

static void
test_bytes_stream_substream_slice (void)
{
  g_autoptr(GBytes) bytes = make_sample_bytes ();
  g_autoptr(GMimeStream) stream = hdr_bytes_stream_new (bytes);
  g_autoptr(GMimeStream) reference = new_mem_stream (bytes);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  g_autoptr(GMimeStream) substream = g_mime_stream_substream (stream, 100, 1100);
  g_autoptr(GMimeStream) reference_substream = g_mime_stream_substream (reference, 100, 1100);
  g_autoptr(GMimeStream) nested = NULL;
  g_autoptr(GMimeStream) reference_nested = NULL;
  g_autoptr(GMimeStream) open_end = g_mime_stream_substream (stream, 9000, -1);
  g_autoptr(GMimeStream) empty = g_mime_stream_substream (stream, 500, 500);
  g_autoptr(GByteArray) read = NULL;
  char buffer[10];

  g_assert_cmpint (g_mime_stream_length (substream), ==, 1000);
  assert_same_state (substream, reference_substream);
  read = read_to_end (substream, 7);
  g_assert_cmpmem (read->data, read->len, data + 100, 1000);
  g_clear_pointer (&read, g_byte_array_unref);
  g_assert_cmpint (g_mime_stream_tell (substream), ==, 1100);
  g_assert_true (g_mime_stream_eos (substream));

  /* Reading the substream leaves the parent where it was. */
  g_assert_cmpint (g_mime_stream_tell (stream), ==, 0);

  g_assert_cmpint (g_mime_stream_seek (substream, 600, GMIME_STREAM_SEEK_SET), ==, 600);
  g_assert_cmpint (g_mime_stream_read (substream, buffer, sizeof buffer), ==, sizeof buffer);
  g_assert_cmpmem (buffer, sizeof buffer, data + 600, sizeof buffer);

  /* A substream of a substream takes positions of the whole data too. */
  nested = g_mime_stream_substream (substream, 150, 250);
  reference_nested = g_mime_stream_substream (reference_substream, 150, 250);
  g_assert_cmpint (g_mime_stream_length (nested), ==, 100);
  assert_same_state (nested, reference_nested);
  read = read_to_end (nested, 4096);
  g_assert_cmpmem (read->data, read->len, data + 150, 100);
  g_clear_pointer (&read, g_byte_array_unref);
  read = read_to_end (reference_nested, 4096);
  g_assert_cmpmem (read->data, read->len, data + 150, 100);
  g_clear_pointer (&read, g_byte_array_unref);
  assert_same_state (nested, reference_nested);
  g_assert_cmpint (g_mime_stream_seek (nested, -10, GMIME_STREAM_SEEK_END), ==, 240);
  g_assert_cmpint (g_mime_stream_read (nested, buffer, sizeof buffer), ==, sizeof buffer);
  g_assert_cmpmem (buffer, sizeof buffer, data + 240, sizeof buffer);
  g_assert_cmpint (g_mime_stream_read (nested, buffer, sizeof buffer), ==, 0);

  /* An end of -1 means the end of the data. */
  g_assert_cmpint (g_mime_stream_length (open_end), ==, SAMPLE_LENGTH - 9000);
  read = read_to_end (open_end, 4096);
  g_assert_cmpmem (read->data, read->len, data + 9000, SAMPLE_LENGTH - 9000);
  g_clear_pointer (&read, g_byte_array_unref);

  g_assert_cmpint (g_mime_stream_length (empty), ==, 0);
  g_assert_true (g_mime_stream_eos (empty));
  g_assert_cmpint (g_mime_stream_read (empty, buffer, sizeof buffer), ==, 0);
}

static void
set_flag (gpointer data)
{
  gboolean *flag = data;

  *flag = TRUE;
}

static void
test_bytes_stream_substream_outlives_parent (void)
{
  g_autofree guint8 *expected = make_sample_data ();
  guint8 *data = make_sample_data ();
  gboolean freed = FALSE;
  GBytes *bytes = g_bytes_new_with_free_func (data, SAMPLE_LENGTH, set_flag, &freed);
  GMimeStream *stream = hdr_bytes_stream_new (bytes);
  GMimeStream *substream = g_mime_stream_substream (stream, 2000, 3000);
  g_autoptr(GByteArray) read = NULL;

  g_bytes_unref (bytes);
  g_object_unref (stream);
  g_assert_false (freed);

  read = read_to_end (substream, 7);
  g_assert_cmpmem (read->data, read->len, expected + 2000, 1000);

  g_object_unref (substream);
  g_assert_true (freed);
  g_free (data);
}

static void
test_bytes_stream_write_fails (void)
{
  g_autofree guint8 *expected = make_sample_data ();
  g_autoptr(GBytes) bytes = make_sample_bytes ();
  g_autoptr(GMimeStream) stream = hdr_bytes_stream_new (bytes);
  g_autoptr(GMimeStream) substream = g_mime_stream_substream (stream, 10, 20);
  g_autoptr(GByteArray) read = NULL;
  char buffer[4];

  g_assert_cmpint (g_mime_stream_write (stream, "XXXX", 4), ==, -1);
  g_assert_cmpint (g_mime_stream_write_string (stream, "overwritten"), ==, -1);
  g_assert_cmpint (g_mime_stream_write (substream, "XXXX", 4), ==, -1);
  g_assert_cmpint (g_mime_stream_tell (stream), ==, 0);
  g_assert_cmpint (g_mime_stream_tell (substream), ==, 10);
  g_assert_cmpint (g_mime_stream_length (stream), ==, SAMPLE_LENGTH);

  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   expected, SAMPLE_LENGTH);
  read = read_to_end (stream, 4096);
  g_assert_cmpmem (read->data, read->len, expected, SAMPLE_LENGTH);
  g_assert_cmpint (g_mime_stream_read (substream, buffer, sizeof buffer), ==, sizeof buffer);
  g_assert_cmpmem (buffer, sizeof buffer, expected + 10, sizeof buffer);
}

static void
test_bytes_stream_parse_message (void)
{
  static const char text[] = "From: Ann Example <ann@example.net>\r\n"
                              "To: bob@example.org\r\n"
                              "Subject: Stream test\r\n"
                              "MIME-Version: 1.0\r\n"
                              "Content-Type: text/plain; charset=utf-8\r\n"
                              "\r\n"
                              "First line of the body.\r\n"
                              "Second line.\r\n";
  gboolean freed = FALSE;
  GBytes *bytes = g_bytes_new_with_free_func (g_strdup (text), strlen (text), set_flag, &freed);
  GMimeStream *stream = hdr_bytes_stream_new (bytes);
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeStream) content = g_mime_stream_mem_new ();
  GMimeObject *body;
  GMimeDataWrapper *wrapper;
  GByteArray *content_bytes;
  gpointer data = (gpointer)g_bytes_get_data (bytes, NULL);

  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);

  /* The parts keep substreams of the data, so the message must stay
   * readable when the stream and the caller's GBytes are gone. */
  g_clear_object (&parser);
  g_object_unref (stream);
  g_bytes_unref (bytes);
  g_assert_false (freed);

  g_assert_cmpstr (g_mime_message_get_subject (message), ==, "Stream test");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "To"), ==, "bob@example.org");

  body = g_mime_message_get_mime_part (message);
  g_assert_true (GMIME_IS_PART (body));
  wrapper = g_mime_part_get_content (GMIME_PART (body));
  g_assert_nonnull (wrapper);
  g_assert_cmpint (g_mime_data_wrapper_write_to_stream (wrapper, content), >, 0);
  content_bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (content));
  g_assert_cmpmem (content_bytes->data, content_bytes->len,
                   "First line of the body.\r\nSecond line.\r\n",
                   strlen ("First line of the body.\r\nSecond line.\r\n"));

  g_clear_object (&message);
  g_assert_true (freed);
  g_free (data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/bytes-stream/read-in-chunks", test_bytes_stream_read_in_chunks);
  g_test_add_func ("/bytes-stream/length", test_bytes_stream_length);
  g_test_add_func ("/bytes-stream/seek-inside", test_bytes_stream_seek_inside);
  g_test_add_func ("/bytes-stream/seek-to-ends", test_bytes_stream_seek_to_ends);
  g_test_add_func ("/bytes-stream/seek-in-substream", test_bytes_stream_seek_in_substream);
  g_test_add_func ("/bytes-stream/tell-eos-reset", test_bytes_stream_tell_eos_reset);
  g_test_add_func ("/bytes-stream/substream-slice", test_bytes_stream_substream_slice);
  g_test_add_func ("/bytes-stream/substream-outlives-parent",
                   test_bytes_stream_substream_outlives_parent);
  g_test_add_func ("/bytes-stream/write-fails", test_bytes_stream_write_fails);
  g_test_add_func ("/bytes-stream/parse-message", test_bytes_stream_parse_message);

  /* Registered last, because a failed assertion ends the program and
   * would hide the results of the tests after it. */
  g_test_add_func ("/bytes-stream/seek-beyond-ends", test_bytes_stream_seek_beyond_ends);
  g_test_add_func ("/bytes-stream/seek-beyond-substream", test_bytes_stream_seek_beyond_substream);

  return g_test_run ();
}
