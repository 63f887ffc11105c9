/* hdr-traplist.c: spamd trap lists: parser, sorted merged ranges, lookup, cached copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-traplist"

#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hdr-traplist-private.h"

/* Maximum length of an address token.  A full IPv6 address with an
 * embedded IPv4 part and a prefix length is 49 characters. */
#define MAX_TOKEN_LENGTH 63

typedef struct
{
  guint32 first;
  guint32 last;
} Range4;

/* A 128-bit address as two host-order halves, so that comparisons are integer ones. */
typedef struct
{
  guint64 high;
  guint64 low;
} Address6;

typedef struct
{
  Address6 first;
  Address6 last;
} Range6;

struct _HdrTraplist
{
  GObject  parent_instance;

  char    *source;
  char    *refresh_error;

  /* Sorted by first address, merged so that no two ranges overlap or touch. */
  Range4  *ranges4;
  gsize    n_ranges4;
  Range6  *ranges6;
  gsize    n_ranges6;

  guint    n_entries;
  guint    n_bad_lines;
  gint64   fetch_time;
};

G_DEFINE_FINAL_TYPE (HdrTraplist, hdr_traplist, G_TYPE_OBJECT)

G_DEFINE_QUARK (hdr-traplist-error-quark, hdr_traplist_error)

static void
hdr_traplist_finalize (GObject *object)
{
  HdrTraplist *self = HDR_TRAPLIST (object);

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->refresh_error, g_free);
  g_clear_pointer (&self->ranges4, g_free);
  g_clear_pointer (&self->ranges6, g_free);

  G_OBJECT_CLASS (hdr_traplist_parent_class)->finalize (object);
}

static void
hdr_traplist_class_init (HdrTraplistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hdr_traplist_finalize;
}

static void
hdr_traplist_init (HdrTraplist *self)
{
  self->fetch_time = -1;
}

/* Parsing */

static Address6
address6_from_bytes (const guint8 *bytes)
{
  Address6 address = { 0, 0 };

  for (guint i = 0; i < 8; i++)
    address.high = (address.high << 8) | bytes[i];
  for (guint i = 8; i < 16; i++)
    address.low = (address.low << 8) | bytes[i];

  return address;
}

static int
address6_compare (const Address6 *a,
                  const Address6 *b)
{
  if (a->high != b->high)
    return a->high < b->high ? -1 : 1;
  if (a->low != b->low)
    return a->low < b->low ? -1 : 1;
  return 0;
}

static int
range4_compare (gconstpointer a,
                gconstpointer b)
{
  const Range4 *range_a = a;
  const Range4 *range_b = b;

  if (range_a->first != range_b->first)
    return range_a->first < range_b->first ? -1 : 1;
  return 0;
}

static int
range6_compare (gconstpointer a,
                gconstpointer b)
{
  const Range6 *range_a = a;
  const Range6 *range_b = b;

  return address6_compare (&range_a->first, &range_b->first);
}

/* Read one address, IPv4 or IPv6, into @bytes (4 or 16 of them). */
static gboolean
parse_address (const char *text,
               int        *family,
               guint8     *bytes)
{
  if (inet_pton (AF_INET, text, bytes) == 1)
    {
      *family = AF_INET;
      return TRUE;
    }

  if (inet_pton (AF_INET6, text, bytes) == 1)
    {
      *family = AF_INET6;
      return TRUE;
    }

  return FALSE;
}

/* Set every bit after the first @prefix bits of @bytes (@length bytes) to
 * @value, which turns an address into the first or last of its block. */
static void
fill_host_bits (guint8 *bytes,
                guint   length,
                guint   prefix,
                gboolean value)
{
  for (guint bit = prefix; bit < length * 8; bit++)
    {
      guint8 mask = 0x80 >> (bit % 8);

      if (value)
        bytes[bit / 8] |= mask;
      else
        bytes[bit / 8] &= ~mask;
    }
}

static guint32
address4_from_bytes (const guint8 *bytes)
{
  return ((guint32)bytes[0] << 24) | ((guint32)bytes[1] << 16) |
         ((guint32)bytes[2] << 8) | (guint32)bytes[3];
}

/* Copy the next whitespace-delimited token of @line into @token, or fail
 * when it is longer than MAX_TOKEN_LENGTH.  Returns the position after it. */
static const char *
read_token (const char *line,
            const char *end,
            char       *token,
            gboolean   *ok)
{
  gsize length = 0;

  while (line < end && !g_ascii_isspace (*line))
    {
      if (length == MAX_TOKEN_LENGTH)
        {
          *ok = FALSE;
          return line;
        }
      token[length++] = *line++;
    }

  token[length] = '\0';
  *ok = length > 0;

  return line;
}

static const char *
skip_blanks (const char *line,
             const char *end)
{
  while (line < end && (*line == ' ' || *line == '\t'))
    line++;

  return line;
}

/* Read the first and last address of one entry: "a", "a/prefix", "a - b"
 * or "a-b".  Text after the entry is ignored, as spamd-setup(8) does. */
static gboolean
parse_entry (const char *line,
             const char *end,
             int        *family,
             guint8     *first,
             guint8     *last)
{
  char token[MAX_TOKEN_LENGTH + 1];
  char *separator;
  gboolean ok;
  guint length;
  int last_family;

  line = read_token (line, end, token, &ok);
  if (!ok)
    return FALSE;

  if ((separator = strchr (token, '/')) != NULL)
    {
      char *prefix_end = NULL;
      guint64 prefix;

      *separator = '\0';
      if (!parse_address (token, family, first))
        return FALSE;

      length = *family == AF_INET ? 4 : 16;
      if (!g_ascii_isdigit (separator[1]))
        return FALSE;
      prefix = g_ascii_strtoull (separator + 1, &prefix_end, 10);
      if (*prefix_end != '\0' || prefix > length * 8)
        return FALSE;

      /* spamd-setup(8) masks the host bits of a block such as 192.0.2.7/24. */
      memcpy (last, first, length);
      fill_host_bits (first, length, prefix, FALSE);
      fill_host_bits (last, length, prefix, TRUE);
      return TRUE;
    }

  if ((separator = strchr (token, '-')) != NULL && separator[1] != '\0')
    {
      /* "a-b" written without blanks. */
      *separator = '\0';
      if (!parse_address (token, family, first))
        return FALSE;
      if (!parse_address (separator + 1, &last_family, last))
        return FALSE;
      return last_family == *family;
    }

  if (separator != NULL)
    *separator = '\0';

  if (!parse_address (token, family, first))
    return FALSE;

  length = *family == AF_INET ? 4 : 16;
  line = skip_blanks (line, end);

  if (separator == NULL && (line == end || *line != '-'))
    {
      memcpy (last, first, length);
      return TRUE;
    }

  /* "a - b" or "a- b". */
  if (separator == NULL)
    line++;
  line = skip_blanks (line, end);
  read_token (line, end, token, &ok);
  if (!ok || !parse_address (token, &last_family, last))
    return FALSE;

  return last_family == *family;
}

typedef struct
{
  GArray *ranges4;
  GArray *ranges6;
  guint   n_entries;
  guint   n_bad_lines;
} ParseState;

static void
parse_line (ParseState *state,
            const char *line,
            const char *end)
{
  guint8 first[16];
  guint8 last[16];
  int family = 0;

  line = skip_blanks (line, end);
  while (end > line && g_ascii_isspace (end[-1]))
    end--;

  if (line == end || *line == '#')
    return;

  if (!parse_entry (line, end, &family, first, last))
    {
      state->n_bad_lines++;
      return;
    }

  if (family == AF_INET)
    {
      Range4 range = { address4_from_bytes (first), address4_from_bytes (last) };

      if (range.first > range.last)
        {
          state->n_bad_lines++;
          return;
        }
      g_array_append_val (state->ranges4, range);
    }
  else
    {
      Range6 range = { address6_from_bytes (first), address6_from_bytes (last) };

      if (address6_compare (&range.first, &range.last) > 0)
        {
          state->n_bad_lines++;
          return;
        }
      g_array_append_val (state->ranges6, range);
    }

  state->n_entries++;
}

/* Sort @ranges and merge the ones that overlap or touch, in place. */
static gsize
merge_ranges4 (Range4 *ranges,
               gsize   n_ranges)
{
  gsize n_merged = 0;

  if (n_ranges == 0)
    return 0;

  qsort (ranges, n_ranges, sizeof *ranges, range4_compare);

  for (gsize i = 1; i < n_ranges; i++)
    {
      Range4 *current = &ranges[n_merged];

      /* Touching: current ends right before the next begins; the test
       * avoids the overflow of current->last + 1. */
      if (ranges[i].first <= current->last ||
          ranges[i].first - 1 == current->last)
        {
          current->last = MAX (current->last, ranges[i].last);
          continue;
        }

      ranges[++n_merged] = ranges[i];
    }

  return n_merged + 1;
}

static gboolean
address6_follows (const Address6 *next,
                  const Address6 *previous)
{
  Address6 successor = *previous;

  successor.low++;
  if (successor.low == 0)
    successor.high++;

  /* previous is the last address: nothing follows it. */
  if (successor.high == 0 && successor.low == 0)
    return FALSE;

  return address6_compare (next, &successor) == 0;
}

static gsize
merge_ranges6 (Range6 *ranges,
               gsize   n_ranges)
{
  gsize n_merged = 0;

  if (n_ranges == 0)
    return 0;

  qsort (ranges, n_ranges, sizeof *ranges, range6_compare);

  for (gsize i = 1; i < n_ranges; i++)
    {
      Range6 *current = &ranges[n_merged];

      if (address6_compare (&ranges[i].first, &current->last) <= 0 ||
          address6_follows (&ranges[i].first, &current->last))
        {
          if (address6_compare (&ranges[i].last, &current->last) > 0)
            current->last = ranges[i].last;
          continue;
        }

      ranges[++n_merged] = ranges[i];
    }

  return n_merged + 1;
}

static gboolean
is_gzip (const guint8 *data,
         gsize         size)
{
  return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

/* Decompress a gzip stream of one member.  A stream cut short or larger
 * than @max_size bytes once decompressed is an error. */
static GBytes *
gunzip (const guint8  *data,
        gsize          size,
        guint64        max_size,
        const char    *source,
        GError       **error)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GByteArray) output = g_byte_array_new ();
  guint8 chunk[65536];

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (decompressor), data, size,
                                    chunk, sizeof chunk, G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_PARSE,
                       _("The trap list “%s” is a broken gzip file: %s"),
                       source, local_error->message);
          return NULL;
        }

      data += bytes_read;
      size -= bytes_read;
      g_byte_array_append (output, chunk, bytes_written);

      if (output->len > max_size)
        {
          g_autofree char *limit = g_format_size (max_size);

          g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_TOO_LARGE,
                       _("The trap list “%s” is larger than %s once decompressed."),
                       source, limit);
          return NULL;
        }

      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&output));
}

/**
 * hdr_traplist_new_from_bytes:
 * @bytes: the list in spamd's format, plain or gzip-compressed
 * @source: the URL or path the list came from
 * @max_size: the largest decompressed size accepted, in bytes
 *
 * Parses a trap list: one address, CIDR block, or "a - b" range per line,
 * IPv4 or IPv6, with "#" comments and blank lines.  Text after an entry is
 * ignored.  Lines that are none of these are counted, not fatal.  A list
 * with bad lines and no entry at all (an HTML error page, say) is an error,
 * and so is a broken gzip stream.  The fetch time is left unknown.
 *
 * Returns: (transfer full) (nullable): the list, or %NULL with @error set
 */
HdrTraplist *
hdr_traplist_new_from_bytes (GBytes      *bytes,
                             const char  *source,
                             guint64      max_size,
                             GError     **error)
{
  g_autoptr(HdrTraplist) self = NULL;
  g_autoptr(GBytes) plain = NULL;
  ParseState state = { 0 };
  const char *data;
  const char *end;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (is_gzip ((const guint8 *)data, size))
    {
      plain = gunzip ((const guint8 *)data, size, max_size, source, error);
      if (plain == NULL)
        return NULL;
      data = g_bytes_get_data (plain, &size);
    }

  state.ranges4 = g_array_new (FALSE, FALSE, sizeof (Range4));
  state.ranges6 = g_array_new (FALSE, FALSE, sizeof (Range6));

  end = data + size;
  while (data < end)
    {
      const char *newline = memchr (data, '\n', end - data);
      const char *line_end = newline != NULL ? newline : end;

      parse_line (&state, data, line_end);
      data = line_end + 1;
    }

  if (state.n_entries == 0 && state.n_bad_lines > 0)
    {
      g_array_unref (state.ranges4);
      g_array_unref (state.ranges6);
      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_PARSE,
                   _("“%s” is not a trap list: none of its %u lines is an address or range."),
                   source, state.n_bad_lines);
      return NULL;
    }

  self = g_object_new (HDR_TYPE_TRAPLIST, NULL);
  self->source = g_strdup (source);
  self->n_entries = state.n_entries;
  self->n_bad_lines = state.n_bad_lines;

  self->n_ranges4 = merge_ranges4 ((Range4 *)(gpointer)state.ranges4->data, state.ranges4->len);
  self->ranges4 = (Range4 *)(gpointer)g_array_free (state.ranges4, FALSE);
  self->ranges4 = g_renew (Range4, self->ranges4, self->n_ranges4);

  self->n_ranges6 = merge_ranges6 ((Range6 *)(gpointer)state.ranges6->data, state.ranges6->len);
  self->ranges6 = (Range6 *)(gpointer)g_array_free (state.ranges6, FALSE);
  self->ranges6 = g_renew (Range6, self->ranges6, self->n_ranges6);

  if (self->n_bad_lines > 0)
    g_debug ("Trap list %s: %u entries, %u lines that are not entries",
             source, self->n_entries, self->n_bad_lines);

  return g_steal_pointer (&self);
}

/**
 * hdr_traplist_new_from_file:
 * @path: a local file in spamd's format
 *
 * Reads and parses @path.  Its fetch time is the file's modification time.
 *
 * Returns: (transfer full) (nullable): the list, or %NULL with @error set
 */
HdrTraplist *
hdr_traplist_new_from_file (const char    *path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  HdrTraplist *self;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The trap list file “%s” does not exist. Check the path, or remove this "
                     "source."), path);
      return NULL;
    }
  if (info == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if ((guint64)g_file_info_get_size (info) > HDR_TRAPLIST_DEFAULT_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (HDR_TRAPLIST_DEFAULT_MAX_SIZE);

      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_TOO_LARGE,
                   _("The trap list “%s” is larger than %s."), path, limit);
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  self = hdr_traplist_new_from_bytes (bytes, path, HDR_TRAPLIST_DEFAULT_MAX_SIZE, error);
  if (self != NULL)
    self->fetch_time = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);

  return self;
}

/* Lookup */

static gboolean
contains4 (HdrTraplist *self,
           guint32      address)
{
  gsize low = 0;
  gsize high = self->n_ranges4;

  /* Find the first range that starts after @address; the one before it is
   * the only one that can contain @address. */
  while (low < high)
    {
      gsize middle = low + (high - low) / 2;

      if (self->ranges4[middle].first <= address)
        low = middle + 1;
      else
        high = middle;
    }

  return low > 0 && address <= self->ranges4[low - 1].last;
}

static gboolean
contains6 (HdrTraplist    *self,
           const Address6 *address)
{
  gsize low = 0;
  gsize high = self->n_ranges6;

  while (low < high)
    {
      gsize middle = low + (high - low) / 2;

      if (address6_compare (&self->ranges6[middle].first, address) <= 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low > 0 && address6_compare (address, &self->ranges6[low - 1].last) <= 0;
}

/* Look up an IPv6 address; an IPv4-mapped one (::ffff:192.0.2.1) is looked
 * up as the IPv4 address it carries. */
static gboolean
contains_bytes6 (HdrTraplist  *self,
                 const guint8 *bytes)
{
  Address6 address6;

  if (memcmp (bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
    return contains4 (self, address4_from_bytes (bytes + 12));

  address6 = address6_from_bytes (bytes);

  return contains6 (self, &address6);
}

/**
 * hdr_traplist_contains:
 *
 * Looks @address up by binary search.  An IPv4-mapped IPv6 address
 * (::ffff:192.0.2.1) is looked up as the IPv4 address it carries.
 *
 * Returns: whether a range of the list contains @address
 */
gboolean
hdr_traplist_contains (HdrTraplist  *self,
                       GInetAddress *address)
{
  const guint8 *bytes;

  g_return_val_if_fail (HDR_IS_TRAPLIST (self), FALSE);
  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);

  bytes = g_inet_address_to_bytes (address);

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return contains4 (self, address4_from_bytes (bytes));

  return contains_bytes6 (self, bytes);
}

/**
 * hdr_traplist_contains_string:
 * @address: an IPv4 or IPv6 address, without brackets or zone
 *
 * Returns: whether a range of the list contains @address; %FALSE when
 *   @address is not an IP address
 */
gboolean
hdr_traplist_contains_string (HdrTraplist *self,
                              const char  *address)
{
  guint8 bytes[16];
  int family = 0;

  g_return_val_if_fail (HDR_IS_TRAPLIST (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (!parse_address (address, &family, bytes))
    return FALSE;

  if (family == AF_INET)
    return contains4 (self, address4_from_bytes (bytes));

  return contains_bytes6 (self, bytes);
}

/* Accessors */

const char *
hdr_traplist_get_source (HdrTraplist *self)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST (self), NULL);

  return self->source;
}

/**
 * hdr_traplist_get_n_ranges_ipv4:
 *
 * Returns: the number of IPv4 ranges after overlapping and touching
 *   entries were merged
 */
guint
hdr_traplist_get_n_ranges_ipv4 (HdrTraplist *self)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST (self), 0);

  return self->n_ranges4;
}

guint
hdr_traplist_get_n_ranges_ipv6 (HdrTraplist *self)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST (self), 0);

  return self->n_ranges6;
}

/**
 * hdr_traplist_get_n_entries:
 *
 * Returns: the number of lines read as an address, block or range
 */
guint
hdr_traplist_get_n_entries (HdrTraplist *self)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST (self), 0);

  return self->n_entries;
}

/**
 * hdr_traplist_get_n_bad_lines:
 *
 * Returns: the number of lines that are neither a comment, blank, nor an entry
 */
guint
hdr_traplist_get_n_bad_lines (HdrTraplist *self)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST (self), 0);

  return self->n_bad_lines;
}

/**
 * hdr_traplist_get_memory_size:
 *
 * Returns: the bytes used by the ranges: 8 per IPv4 range, 32 per IPv6 range
 */
gsize
hdr_traplist_get_memory_size (HdrTraplist *self)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST (self), 0);

  return self->n_ranges4 * sizeof (Range4) + self->n_ranges6 * sizeof (Range6);
}

/**
 * hdr_traplist_get_fetch_time:
 *
 * Returns: the Unix time the list's server last confirmed this copy, or
 *   the modification time of a local file; -1 when unknown
 */
gint64
hdr_traplist_get_fetch_time (HdrTraplist *self)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST (self), -1);

  return self->fetch_time;
}

void
hdr_traplist_set_fetch_time (HdrTraplist *self,
                             gint64       unix_time)
{
  g_return_if_fail (HDR_IS_TRAPLIST (self));

  self->fetch_time = unix_time;
}

/**
 * hdr_traplist_get_age_seconds:
 * @now: the current Unix time
 *
 * Returns: seconds since the fetch time, 0 when that is in the future,
 *   or -1 when the fetch time is unknown
 */
gint64
hdr_traplist_get_age_seconds (HdrTraplist *self,
                              gint64       now)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST (self), -1);

  if (self->fetch_time < 0)
    return -1;

  return MAX (now - self->fetch_time, 0);
}

/**
 * hdr_traplist_get_refresh_error:
 *
 * Returns: (nullable): why the last refresh failed, so that this older
 *   cached copy was used; %NULL when it did not fail
 */
const char *
hdr_traplist_get_refresh_error (HdrTraplist *self)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST (self), NULL);

  return self->refresh_error;
}

void
hdr_traplist_set_refresh_error (HdrTraplist *self,
                                const char  *message)
{
  g_return_if_fail (HDR_IS_TRAPLIST (self));

  g_free (self->refresh_error);
  self->refresh_error = g_strdup (message);
}

/**
 * hdr_traplist_format_age:
 * @seconds: an age in seconds, or -1 when unknown
 *
 * Formats a list's age in its largest whole unit, e.g. "3 hours old".
 *
 * Returns: (transfer full): the translated phrase
 */
char *
hdr_traplist_format_age (gint64 seconds)
{
  gint64 minutes = seconds / 60;
  gint64 hours = seconds / 3600;
  gint64 days = seconds / 86400;

  if (seconds < 0)
    return g_strdup (_("of unknown age"));

  if (seconds < 60)
    return g_strdup (_("less than a minute old"));

  if (days >= 2)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day old", "%d days old", days),
                            (int)days);
  if (hours >= 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour old", "%d hours old", hours),
                            (int)hours);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute old", "%d minutes old",
                                       minutes),
                          (int)minutes);
}

/* Cached copies */

/**
 * hdr_traplist_source_is_url:
 *
 * Returns: whether @source is an http or https URL rather than a local path
 */
gboolean
hdr_traplist_source_is_url (const char *source)
{
  g_return_val_if_fail (source != NULL, FALSE);

  return g_ascii_strncasecmp (source, "https://", 8) == 0 ||
         g_ascii_strncasecmp (source, "http://", 7) == 0;
}

char *
hdr_traplist_resolve_cache_dir (const char *cache_dir)
{
  if (cache_dir != NULL)
    return g_strdup (cache_dir);

  return g_build_filename (g_get_user_cache_dir (), "header-inspector", "traplists", NULL);
}

/**
 * hdr_traplist_get_cache_path:
 * @cache_dir: (nullable): the cache folder; %NULL for the XDG cache folder's
 *   header-inspector/traplists
 *
 * Returns: (transfer full): the path of the cached copy of @url, named by
 *   the SHA-256 of the URL.  Its metadata is the same path plus ".meta".
 */
char *
hdr_traplist_get_cache_path (const char *url,
                             const char *cache_dir)
{
  g_autofree char *directory = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  directory = hdr_traplist_resolve_cache_dir (cache_dir);
  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);

  return g_build_filename (directory, name, NULL);
}

void
hdr_traplist_meta_clear (HdrTraplistMeta *meta)
{
  g_clear_pointer (&meta->url, g_free);
  g_clear_pointer (&meta->etag, g_free);
  g_clear_pointer (&meta->last_modified, g_free);
  meta->fetched = -1;
  meta->checked = -1;
}

static gint64
key_file_get_time (GKeyFile   *key_file,
                   const char *key)
{
  g_autoptr(GError) error = NULL;
  gint64 value = g_key_file_get_int64 (key_file, "traplist", key, &error);

  return error != NULL ? -1 : value;
}

/* Fill @meta from the metadata of @url's cached copy.  Returns FALSE, with
 * @meta holding only the URL, when there is none or it is for another URL. */
gboolean
hdr_traplist_meta_load (HdrTraplistMeta *meta,
                        const char      *url,
                        const char      *cache_dir)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *meta_path = NULL;
  g_autofree char *stored_url = NULL;

  meta->url = g_strdup (url);
  meta->fetched = -1;
  meta->checked = -1;

  path = hdr_traplist_get_cache_path (url, cache_dir);
  meta_path = g_strconcat (path, ".meta", NULL);

  if (!g_key_file_load_from_file (key_file, meta_path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Metadata %s of trap list %s is unreadable: %s", meta_path, url, error->message);
      return FALSE;
    }

  stored_url = g_key_file_get_string (key_file, "traplist", "url", NULL);
  if (g_strcmp0 (stored_url, url) != 0)
    return FALSE;

  meta->etag = g_key_file_get_string (key_file, "traplist", "etag", NULL);
  meta->last_modified = g_key_file_get_string (key_file, "traplist", "last-modified", NULL);
  meta->fetched = key_file_get_time (key_file, "fetched");
  meta->checked = key_file_get_time (key_file, "checked");

  return TRUE;
}

/* Replace the metadata file atomically (temporary file, fsync, rename). */
gboolean
hdr_traplist_meta_save (const HdrTraplistMeta  *meta,
                        const char             *cache_dir,
                        GError                **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = NULL;
  g_autofree char *meta_path = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_key_file_set_string (key_file, "traplist", "url", meta->url);
  if (meta->etag != NULL)
    g_key_file_set_string (key_file, "traplist", "etag", meta->etag);
  if (meta->last_modified != NULL)
    g_key_file_set_string (key_file, "traplist", "last-modified", meta->last_modified);
  g_key_file_set_int64 (key_file, "traplist", "fetched", meta->fetched);
  g_key_file_set_int64 (key_file, "traplist", "checked", meta->checked);

  path = hdr_traplist_get_cache_path (meta->url, cache_dir);
  meta_path = g_strconcat (path, ".meta", NULL);
  data = g_key_file_to_data (key_file, &length, NULL);

  return g_file_set_contents_full (meta_path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/**
 * hdr_traplist_load_cached:
 * @cache_dir: (nullable): as for hdr_traplist_get_cache_path ()
 *
 * Loads the last downloaded copy of @url, without any network access.
 *
 * Returns: (transfer full) (nullable): the list with the fetch time from
 *   its metadata, or %NULL with @error set (%HDR_TRAPLIST_ERROR_NOT_CACHED
 *   when there is no copy)
 */
HdrTraplist *
hdr_traplist_load_cached (const char  *url,
                          const char  *cache_dir,
                          GError     **error)
{
  g_auto(HdrTraplistMeta) meta = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  HdrTraplist *self;

  g_return_val_if_fail (url != NULL, NULL);

  path = hdr_traplist_get_cache_path (url, cache_dir);
  if (!hdr_traplist_meta_load (&meta, url, cache_dir))
    {
      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NOT_CACHED,
                   _("The trap list “%s” has not been downloaded yet."), url);
      return NULL;
    }

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, HDR_TRAPLIST_ERROR, HDR_TRAPLIST_ERROR_NOT_CACHED,
                   _("The downloaded copy of the trap list “%s” could not be read: %s"),
                   url, local_error->message);
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  self = hdr_traplist_new_from_bytes (bytes, url, HDR_TRAPLIST_DEFAULT_MAX_SIZE, error);
  if (self != NULL)
    self->fetch_time = meta.fetched;

  return self;
}

void
hdr_traplist_result_free (HdrTraplistResult *result)
{
  if (result == NULL)
    return;

  g_free (result->source);
  g_free (result);
}
