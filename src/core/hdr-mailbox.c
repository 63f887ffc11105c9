/* hdr-mailbox.c: messages read one at a time from an mbox file or a Maildir
 *
 * An mbox file (RFC 4155) contains messages one after another, each starting
 * with a "From " separator line at the start of the file or after an empty
 * line.  Lines of the body that start with "From " are escaped with ">"
 * (the mboxrd form also escapes ">From ", so one ">" is removed from every
 * line that matches ^>+From ).  A Maildir is a folder whose cur/ and new/
 * folders hold one message per file.  Its Maildir++ subfolders, such as
 * .Junk/ with its own cur/ and new/, are read after it.
 *
 * The reader keeps one message in memory at a time, and at most
 * HDR_MESSAGE_MAX_SIZE + 1 bytes of it, so that memory does not grow with
 * the mailbox and the message reader can still report a cut.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-mailbox"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hdr-error.h"
#include "hdr-mailbox.h"
#include "hdr-message.h"

/* Bytes read from an mbox file at a time.  It is also the maximum part of a
 * line kept in memory, because longer lines are copied in pieces. */
#define MBOX_BUFFER_SIZE (64 * 1024)

struct _HdrMailboxReader
{
  GObject                parent_instance;

  HdrMailboxKind         kind;
  char                  *name;
  guint                  count;

  /* mbox */
  GBufferedInputStream  *input;
  guint64                size;
  guint64                position;
  gboolean               at_line_start;
  gboolean               previous_line_empty;
  gboolean               in_message;
  gboolean               finished;
  gboolean               in_separator;    /* the rest of a "From " line is still to skip */
  guint64                current_offset;  /* start of the message being read */
  guint64                message_offset;  /* start of the message last returned */
  GByteArray            *scratch;         /* the mbox message being read, kept between messages */

  /* Maildir: MaildirEntry items, the top folder's files first, then those
   * of each Maildir++ subfolder. */
  GPtrArray             *entries;
  guint                  next_file;

  /* Read by other threads while one thread reads the mailbox. */
  GMutex                 progress_lock;
  double                 fraction;
};

G_DEFINE_FINAL_TYPE (HdrMailboxReader, hdr_mailbox_reader, G_TYPE_OBJECT)

static void
hdr_mailbox_reader_finalize (GObject *object)
{
  HdrMailboxReader *self = (HdrMailboxReader *)object;

  g_clear_object (&self->input);
  g_clear_pointer (&self->scratch, g_byte_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->name, g_free);
  g_mutex_clear (&self->progress_lock);

  G_OBJECT_CLASS (hdr_mailbox_reader_parent_class)->finalize (object);
}

static void
hdr_mailbox_reader_class_init (HdrMailboxReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hdr_mailbox_reader_finalize;
}

static void
hdr_mailbox_reader_init (HdrMailboxReader *self)
{
  self->at_line_start = TRUE;
  self->previous_line_empty = TRUE;
  g_mutex_init (&self->progress_lock);
}

static gboolean
is_maildir (GFile        *folder,
            GCancellable *cancellable)
{
  g_autoptr(GFile) cur = g_file_get_child (folder, "cur");
  g_autoptr(GFile) new_folder = g_file_get_child (folder, "new");

  return g_file_query_file_type (cur, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY &&
         g_file_query_file_type (new_folder, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY;
}

/* Whether the "From " line LINE has the time of day that a separator line
 * carries in its asctime date (RFC 4155 section 2), as in "From
 * ann@example.com Thu Dec  3 08:00:00 2026".  A body line that a mailbox
 * left unquoted ("From the start of the week I was busy.") has none. */
static gboolean
has_separator_time (const guint8 *line,
                    gsize         length)
{
  for (gsize i = 5; i + 5 <= length; i++)
    {
      if (g_ascii_isdigit (line[i]) && g_ascii_isdigit (line[i + 1]) && line[i + 2] == ':'
          && g_ascii_isdigit (line[i + 3]) && g_ascii_isdigit (line[i + 4]))
        return TRUE;
    }

  return FALSE;
}

/* Whether @data, the start of a file, contains a second "From " separator
 * after an empty line.  One mbox entry alone is read as one message. */
static gboolean
has_second_separator (const char *data,
                      gsize       length)
{
  for (gsize i = 1; i + 6 < length; i++)
    {
      if (data[i] == '\n' && (data[i - 1] == '\n' || (i >= 2 && data[i - 1] == '\r' && data[i - 2] == '\n')) &&
          memcmp (data + i + 1, "From ", 5) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * hdr_mailbox_is_mbox_start:
 * @data: the first bytes of an input, up to a megabyte
 * @length: bytes in @data
 *
 * Returns: whether @data starts like an mbox file with more than one
 *   message, as hdr_mailbox_detect() decides for a file
 */
gboolean
hdr_mailbox_is_mbox_start (const char *data,
                           gsize       length)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length < 5 || memcmp (data, "From ", 5) != 0)
    return FALSE;

  return has_second_separator (data, length);
}

/**
 * hdr_mailbox_detect:
 *
 * Tell whether @file is a Maildir folder, an mbox file with more than one
 * message, or neither.  Only the first megabyte of a file is read, so a
 * large mbox whose second message starts later is taken as one message.
 * Nothing is read from a named pipe or a device, which is neither.
 */
HdrMailboxKind
hdr_mailbox_detect (GFile        *file,
                    GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GBytes) head = NULL;
  const char *data;
  gsize length = 0;

  GFileType type;

  g_return_val_if_fail (G_IS_FILE (file), HDR_MAILBOX_NONE);

  type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable);
  if (type == G_FILE_TYPE_DIRECTORY)
    return is_maildir (file, cancellable) ? HDR_MAILBOX_MAILDIR : HDR_MAILBOX_NONE;

  /* What is read from a pipe or a device is gone, and a second open of a
   * named pipe waits for another writer, so only a regular file is looked
   * at.  Anything else is read once, as one message. */
  if (type != G_FILE_TYPE_REGULAR)
    return HDR_MAILBOX_NONE;

  input = g_file_read (file, cancellable, NULL);
  if (input == NULL)
    return HDR_MAILBOX_NONE;

  head = g_input_stream_read_bytes (G_INPUT_STREAM (input), 1024 * 1024, cancellable, NULL);
  if (head == NULL)
    return HDR_MAILBOX_NONE;

  data = g_bytes_get_data (head, &length);

  return hdr_mailbox_is_mbox_start (data, length) ? HDR_MAILBOX_MBOX : HDR_MAILBOX_NONE;
}

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  HdrMailboxKind kind = hdr_mailbox_detect (G_FILE (source_object), cancellable);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_int (task, kind);
}

/**
 * hdr_mailbox_detect_async:
 *
 * Run hdr_mailbox_detect () on a worker thread.  Cancelling @cancellable
 * calls @callback without waiting for the thread, which may stay blocked in
 * a call that ignores cancellation, such as read () on a FIFO whose writer
 * sends nothing.
 */
void
hdr_mailbox_detect_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, hdr_mailbox_detect_async);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, detect_thread);
}

/**
 * hdr_mailbox_detect_finish:
 *
 * Returns: the kind that hdr_mailbox_detect () returns, or
 *   %HDR_MAILBOX_NONE with @error set to %G_IO_ERROR_CANCELLED.  A file
 *   that cannot be read is %HDR_MAILBOX_NONE without an error, so that the
 *   message reader reports why.
 */
HdrMailboxKind
hdr_mailbox_detect_finish (GAsyncResult  *result,
                           GError       **error)
{
  gssize kind;

  g_return_val_if_fail (G_IS_TASK (result), HDR_MAILBOX_NONE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hdr_mailbox_detect_async,
                        HDR_MAILBOX_NONE);

  kind = g_task_propagate_int (G_TASK (result), error);

  return kind < 0 ? HDR_MAILBOX_NONE : (HdrMailboxKind) kind;
}

/* One item of a Maildir's list: a message file, or a Maildir++ subfolder
 * that could not be read and is returned as one unreadable message. */
typedef struct
{
  char   *path;
  GError *error;   /* set only for an unreadable subfolder */
} MaildirEntry;

static MaildirEntry *
maildir_entry_new (char   *path,
                   GError *error)
{
  MaildirEntry *entry = g_new (MaildirEntry, 1);

  entry->path = path;
  entry->error = error;

  return entry;
}

static void
maildir_entry_free (gpointer data)
{
  MaildirEntry *entry = data;

  g_free (entry->path);
  g_clear_error (&entry->error);
  g_free (entry);
}

static int
compare_entry_paths (gconstpointer a,
                     gconstpointer b)
{
  const MaildirEntry *entry_a = *(MaildirEntry * const *)a;
  const MaildirEntry *entry_b = *(MaildirEntry * const *)b;

  return g_strcmp0 (entry_a->path, entry_b->path);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Appends the message files of @folder's cur/ and new/ to @entries, or
 * appends nothing and fails when either cannot be listed. */
static gboolean
append_message_files (GPtrArray     *entries,
                      GFile         *folder,
                      GCancellable  *cancellable,
                      GError       **error)
{
  static const char * const subfolders[] = { "cur", "new" };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (maildir_entry_free);

  for (guint i = 0; i < G_N_ELEMENTS (subfolders); i++)
    {
      g_autoptr(GFile) child = g_file_get_child (folder, subfolders[i]);
      g_autoptr(GFileEnumerator) enumerator = NULL;
      GFileInfo *info;

      enumerator = g_file_enumerate_children (child, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                              G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                              G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                              cancellable, error);
      if (enumerator == NULL)
        return FALSE;

      while ((info = g_file_enumerator_next_file (enumerator, cancellable, NULL)) != NULL)
        {
          const char *name = g_file_info_get_name (info);

          /* Maildir writers hide files that are still being written. */
          if (name[0] != '.' && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
            {
              g_autoptr(GFile) message = g_file_get_child (child, name);

              g_ptr_array_add (files, maildir_entry_new (g_file_get_path (message), NULL));
            }
          g_object_unref (info);
        }
    }

  /* Sorting by path puts cur/ before new/, and Maildir file names start
   * with the delivery time, so each of the two is in arrival order. */
  g_ptr_array_sort (files, compare_entry_paths);
  g_ptr_array_extend_and_steal (entries, g_steal_pointer (&files));

  return TRUE;
}

/* Returns the sorted names of the folders in @folder whose names start with
 * ".", the Maildir++ subfolders.  Symbolic links are skipped, as message
 * files that are links are.  Maildir++, the folder layout of Courier's
 * maildir(5), stores the subfolder "Old" of "Junk" as ".Junk.Old" beside
 * ".Junk", so no folder inside a subfolder is read. */
static GPtrArray *
list_subfolder_names (GFile         *folder,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, error);
  if (enumerator == NULL)
    return NULL;

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (name[0] == '.' && strcmp (name, ".") != 0 && strcmp (name, "..") != 0 &&
          g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }

  g_ptr_array_sort (names, compare_strings);

  return g_steal_pointer (&names);
}

/* Appends the message files of the Maildir++ subfolder @subfolder, nothing
 * when it lacks cur/ or new/, and one unreadable entry naming it when it
 * cannot be read.  Fails only when @cancellable is cancelled. */
static gboolean
append_subfolder_files (GPtrArray     *entries,
                        GFile         *subfolder,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GError *unreadable;
  char *path;

  /* Listing cur/ and new/ also checks that they exist.  Asking for
   * their type first would skip a subfolder that may not be searched
   * without an error, because the local g_file_query_info() of GLib 2.74
   * returns no error and no type when lstat() fails with EACCES. */
  if (append_message_files (entries, subfolder, cancellable, &local_error))
    return TRUE;

  /* Not a Maildir++ subfolder. */
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  path = g_file_get_path (subfolder);
  unreadable = g_error_new (HDR_ERROR, HDR_ERROR_READ,
                            _("The mail folder “%s” could not be read: %s"),
                            path, local_error->message);
  g_ptr_array_add (entries, maildir_entry_new (path, unreadable));

  return TRUE;
}

/* Lists the files of the top folder's cur/ and new/, then those of each
 * Maildir++ subfolder in name order.  Only the top folder's cur/ and new/
 * and cancellation can fail the whole Maildir. */
static gboolean
list_maildir_files (HdrMailboxReader  *self,
                    GFile             *folder,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local_error = NULL;

  self->entries = g_ptr_array_new_with_free_func (maildir_entry_free);

  if (!append_message_files (self->entries, folder, cancellable, &local_error))
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                   _("The mail folder “%s” could not be read: %s"),
                   self->name, local_error->message);
      return FALSE;
    }

  names = list_subfolder_names (folder, cancellable, &local_error);
  if (names == NULL)
    {
      GError *listing_error;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* The top folder's messages were read, so only its subfolders are
       * reported as missing. */
      listing_error = g_error_new (HDR_ERROR, HDR_ERROR_READ,
                                   _("The subfolders of the mail folder “%s” could not be listed: %s"),
                                   self->name, local_error->message);
      g_ptr_array_add (self->entries, maildir_entry_new (g_strdup (self->name), listing_error));
      return TRUE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) subfolder = g_file_get_child (folder, g_ptr_array_index (names, i));

      if (!append_subfolder_files (self->entries, subfolder, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * hdr_mailbox_reader_new:
 * @file: an mbox file or a Maildir folder; it is opened read-only
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 */
HdrMailboxReader *
hdr_mailbox_reader_new (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(HdrMailboxReader) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (HDR_TYPE_MAILBOX_READER, NULL);
  self->name = g_file_get_path (file);
  if (self->name == NULL)
    self->name = g_file_get_uri (file);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      if (!is_maildir (file, cancellable))
        {
          g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                       _("“%s” is a folder but not a Maildir: it has no “cur” and “new” "
                         "folders. Open one message file, an mbox file or a Maildir."),
                       self->name);
          return NULL;
        }

      self->kind = HDR_MAILBOX_MAILDIR;
      if (!list_maildir_files (self, file, cancellable, error))
        return NULL;

      return g_steal_pointer (&self);
    }

  {
    g_autoptr(GFileInputStream) input = g_file_read (file, cancellable, &local_error);
    g_autoptr(GFileInfo) info = NULL;

    if (input == NULL)
      {
        hdr_error_set_open_failed (error, self->name, local_error);
        return NULL;
      }

    info = g_file_input_stream_query_info (input, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
    if (info != NULL)
      self->size = g_file_info_get_size (info);

    self->kind = HDR_MAILBOX_MBOX;
    self->input = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new_sized (G_INPUT_STREAM (input),
                                                                              MBOX_BUFFER_SIZE));
  }

  return g_steal_pointer (&self);
}

/**
 * hdr_mailbox_reader_new_for_stream:
 * @stream: an mbox file's contents, such as standard input
 * @name: the name of the input in messages, such as “standard input”
 *
 * Reads @stream as an mbox file, one message at a time, as
 * hdr_mailbox_reader_new() reads an mbox file.  The fraction read stays 0,
 * because the size of a stream is not known.
 *
 * Returns: (transfer full): the reader
 */
HdrMailboxReader *
hdr_mailbox_reader_new_for_stream (GInputStream *stream,
                                   const char   *name)
{
  HdrMailboxReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (HDR_TYPE_MAILBOX_READER, NULL);
  self->name = g_strdup (name);
  self->kind = HDR_MAILBOX_MBOX;
  self->input = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new_sized (stream, MBOX_BUFFER_SIZE));

  return self;
}

static void
append_capped (GByteArray   *message,
               const guint8 *data,
               gsize         length)
{
  gsize room;

  if (message->len > HDR_MESSAGE_MAX_SIZE)
    return;

  room = HDR_MESSAGE_MAX_SIZE + 1 - message->len;
  g_byte_array_append (message, data, MIN (length, room));
}

static gboolean
is_empty_line (const guint8 *line,
               gsize         length)
{
  return (length == 1 && line[0] == '\n') || (length == 2 && line[0] == '\r' && line[1] == '\n');
}

/* Appends the pending run of lines, which points into the stream's buffer
 * and so must be appended before the buffer is skipped or filled. */
static void
flush_run (GByteArray    *message,
           const guint8 **run,
           gsize         *run_length)
{
  if (*run_length > 0)
    append_capped (message, *run, *run_length);
  *run = NULL;
  *run_length = 0;
}

/* Remove the empty line that separates a message from the next separator. */
static void
drop_separating_empty_line (GByteArray *message)
{
  if (message->len >= 2 && message->data[message->len - 1] == '\n' &&
      message->data[message->len - 2] == '\n')
    g_byte_array_set_size (message, message->len - 1);
  else if (message->len >= 3 && memcmp (message->data + message->len - 3, "\n\r\n", 3) == 0)
    g_byte_array_set_size (message, message->len - 2);
}

/* Drop the @consumed bytes at the start of the stream's buffer. */
static void
skip_consumed (HdrMailboxReader *self,
               gsize            *consumed,
               GCancellable     *cancellable)
{
  if (*consumed == 0)
    return;

  g_input_stream_skip (G_INPUT_STREAM (self->input), *consumed, cancellable, NULL);
  *consumed = 0;
}

/* An array that grew for a large message is not kept, so that one large
 * message does not hold its memory for the rest of the mailbox. */
#define SCRATCH_MAX_KEPT (4 * 1024 * 1024)

/* Returns a copy of the message gathered in self->scratch. */
static GBytes *
take_message (HdrMailboxReader *self)
{
  GBytes *bytes = g_bytes_new (self->scratch->data, self->scratch->len);

  if (self->scratch->len > SCRATCH_MAX_KEPT)
    g_clear_pointer (&self->scratch, g_byte_array_unref);

  return bytes;
}

/* Read the next mbox message.  Returns %NULL at the end without an error.
 * Lines are handled inside the peeked buffer, and the stream skips them
 * only before the buffer is filled again or a message is returned,
 * because a skip per line costs more than the line itself.  Consecutive
 * lines that are copied unchanged are appended as one run. */
static GBytes *
next_mbox_message (HdrMailboxReader  *self,
                   GCancellable      *cancellable,
                   GError           **error)
{
  GByteArray *message;
  g_autoptr(GError) local_error = NULL;
  gsize consumed = 0;
  const guint8 *run = NULL;
  gsize run_length = 0;

  /* A message is gathered in one array kept from message to message and
   * then copied once at its final size: growing a new array for each
   * message copied large ones several times over. */
  if (self->scratch == NULL)
    self->scratch = g_byte_array_new ();
  message = self->scratch;
  g_byte_array_set_size (message, 0);

  while (!self->finished)
    {
      gsize buffered = 0;
      const guint8 *buffer = g_buffered_input_stream_peek_buffer (self->input, &buffered);
      const guint8 *data = buffer + consumed;
      gsize available = buffered - consumed;
      const guint8 *newline;
      gsize length;
      gsize skipped_quote;
      gboolean ends_line;

      /* A separator is recognised from its first five bytes, so keep at
       * least that many at the start of a line, unless the file ends. */
      if (available == 0 || (self->at_line_start && available < 5 &&
                             memchr (data, '\n', available) == NULL))
        {
          gssize filled;

          flush_run (message, &run, &run_length);
          skip_consumed (self, &consumed, cancellable);
          filled = g_buffered_input_stream_fill (self->input, -1, cancellable, &local_error);

          if (filled < 0)
            {
              g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                           _("The mailbox “%s” could not be read: %s"),
                           self->name, local_error->message);
              return NULL;
            }

          if (filled == 0 && available == 0)
            {
              self->finished = TRUE;
              break;
            }

          if (filled > 0)
            continue;

          /* The end of the file: the fill may have moved the buffer. */
          data = g_buffered_input_stream_peek_buffer (self->input, &available);
        }

      /* Inside a message, lines that start with none of "F", ">", CR or
       * LF can be no separator, no quoted separator and no empty line, so
       * they only extend the run.  Most lines of a message are like that. */
      if (self->in_message && self->at_line_start && !self->in_separator)
        {
          const guint8 *cursor = data;
          const guint8 *end = data + available;

          while (cursor < end && *cursor != 'F' && *cursor != '>' && *cursor != '\n' && *cursor != '\r')
            {
              const guint8 *line_end = memchr (cursor, '\n', (gsize) (end - cursor));

              if (line_end == NULL)
                break;
              cursor = line_end + 1;
            }

          if (cursor > data)
            {
              length = (gsize) (cursor - data);
              if (run_length > 0 && run + run_length == data)
                {
                  run_length += length;
                }
              else
                {
                  flush_run (message, &run, &run_length);
                  run = data;
                  run_length = length;
                }
              consumed += length;
              self->position += length;
              self->previous_line_empty = FALSE;
              continue;
            }
        }

      newline = memchr (data, '\n', available);
      ends_line = newline != NULL;
      length = ends_line ? (gsize)(newline - data + 1) : available;

      /* A separator line that spans two buffer fills: its rest belongs to
       * no message either. */
      if (self->in_separator)
        {
          consumed += length;
          self->position += length;
          self->at_line_start = ends_line;
          self->in_separator = !ends_line;
          if (ends_line)
            self->current_offset = self->position;
          continue;
        }

      if (self->at_line_start && length >= 5 && memcmp (data, "From ", 5) == 0 &&
          self->previous_line_empty &&
          (!self->in_message || !ends_line || has_separator_time (data, length)))
        {
          gboolean had_message = self->in_message;

          /* A separator: it ends the message being read, if any.  The
           * separator line itself belongs to neither message. */
          self->in_message = TRUE;
          consumed += length;
          self->position += length;
          self->at_line_start = ends_line;
          self->in_separator = !ends_line;
          self->previous_line_empty = FALSE;

          if (had_message)
            {
              flush_run (message, &run, &run_length);
              skip_consumed (self, &consumed, cancellable);
              drop_separating_empty_line (message);
              self->count++;
              self->message_offset = self->current_offset;
              self->current_offset = self->position;
              return take_message (self);
            }
          self->current_offset = self->position;
          continue;
        }

      skipped_quote = 0;
      if (self->at_line_start)
        {
          gsize quotes = 0;

          while (quotes < length && data[quotes] == '>')
            quotes++;

          /* mboxrd: ">From " and ">>From " lose one ">" each. */
          if (quotes > 0 && length - quotes >= 5 && memcmp (data + quotes, "From ", 5) == 0)
            skipped_quote = 1;

          self->previous_line_empty = is_empty_line (data, length);
        }
      else if (length > 0)
        {
          self->previous_line_empty = FALSE;
        }

      /* Text before the first separator is not a message of the mailbox. */
      if (self->in_message)
        {
          const guint8 *line = data + skipped_quote;
          gsize line_length = length - skipped_quote;

          if (run_length > 0 && run + run_length == line)
            {
              run_length += line_length;
            }
          else
            {
              flush_run (message, &run, &run_length);
              run = line;
              run_length = line_length;
            }
        }

      consumed += length;
      self->position += length;
      self->at_line_start = ends_line;
    }

  flush_run (message, &run, &run_length);
  skip_consumed (self, &consumed, cancellable);

  if (self->in_message)
    {
      /* RFC 4155: every message of the file ends with an empty line,
       * the last one too, and that line is not part of the message. */
      self->in_message = FALSE;
      drop_separating_empty_line (message);
      self->count++;
      self->message_offset = self->current_offset;
      return take_message (self);
    }

  return NULL;
}

static GBytes *
next_maildir_message (HdrMailboxReader  *self,
                      char             **source,
                      GCancellable      *cancellable,
                      GError           **error)
{
  while (self->next_file < self->entries->len)
    {
      const MaildirEntry *entry = g_ptr_array_index (self->entries, self->next_file++);
      const char *path = entry->path;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFileInputStream) input = NULL;
      g_autoptr(GError) local_error = NULL;
      GBytes *bytes;

      if (entry->error != NULL)
        {
          g_propagate_error (error, g_error_copy (entry->error));
          *source = g_strdup (path);
          self->count++;
          self->message_offset = self->next_file - 1;
          return NULL;
        }

      file = g_file_new_for_path (path);
      input = g_file_read (file, cancellable, &local_error);
      if (input != NULL)
        bytes = g_input_stream_read_bytes (G_INPUT_STREAM (input), HDR_MESSAGE_MAX_SIZE + 1,
                                           cancellable, &local_error);
      else
        bytes = NULL;

      if (bytes == NULL)
        {
          g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                       _("“%s” could not be read: %s"), path, local_error->message);
          *source = g_strdup (path);
          self->count++;
          self->message_offset = self->next_file - 1;
          return NULL;
        }

      *source = g_strdup (path);
      self->count++;
      self->message_offset = self->next_file - 1;
      return bytes;
    }

  return NULL;
}

/**
 * hdr_mailbox_reader_next:
 * @source: (out) (transfer full): where the message was read from, for reports
 *
 * Read the next message.  Returns %NULL with @error unset at the end of the
 * mailbox.  A Maildir file or Maildir++ subfolder that cannot be read gives
 * %NULL with @error set and @source naming it, and the next call goes on
 * with the following file.
 *
 * Returns: (transfer full) (nullable): the raw bytes of the next message
 */
GBytes *
hdr_mailbox_reader_next (HdrMailboxReader  *self,
                         char             **source,
                         GCancellable      *cancellable,
                         GError           **error)
{
  GBytes *bytes;
  double fraction;

  g_return_val_if_fail (HDR_IS_MAILBOX_READER (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  *source = NULL;

  if (self->kind == HDR_MAILBOX_MAILDIR)
    {
      bytes = next_maildir_message (self, source, cancellable, error);
      fraction = self->entries->len > 0 ? (double) self->next_file / self->entries->len : 1.0;
    }
  else
    {
      bytes = next_mbox_message (self, cancellable, error);
      if (bytes != NULL)
        /* Translators: where a message came from: a mailbox file and its position in it. */
        *source = g_strdup_printf (_("%s, message %u"), self->name, self->count);
      fraction = self->size > 0 ? MIN (1.0, (double) self->position / self->size) : 0.0;
    }

  g_mutex_lock (&self->progress_lock);
  self->fraction = fraction;
  g_mutex_unlock (&self->progress_lock);

  return bytes;
}

HdrMailboxKind
hdr_mailbox_reader_get_kind (HdrMailboxReader *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_READER (self), HDR_MAILBOX_NONE);

  return self->kind;
}

/**
 * hdr_mailbox_reader_get_fraction:
 *
 * May be called from any thread, also while another thread reads.
 *
 * Returns: how much of the mailbox has been read, from 0 to 1
 */
double
hdr_mailbox_reader_get_fraction (HdrMailboxReader *self)
{
  double fraction;

  g_return_val_if_fail (HDR_IS_MAILBOX_READER (self), 0.0);

  g_mutex_lock (&self->progress_lock);
  fraction = self->fraction;
  g_mutex_unlock (&self->progress_lock);

  return fraction;
}

/**
 * hdr_mailbox_reader_get_count:
 *
 * Returns: how many messages have been read so far
 */
guint
hdr_mailbox_reader_get_count (HdrMailboxReader *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_READER (self), 0);

  return self->count;
}

/**
 * hdr_mailbox_reader_get_message_offset:
 *
 * Returns: where the message last returned by hdr_mailbox_reader_next()
 *   starts: in an mbox the byte offset just after its "From " line, in a
 *   Maildir the index of its file in the reader's list, which has the top
 *   folder's files sorted by path, then those of each Maildir++ subfolder.
 *   Pass it to hdr_mailbox_reader_new_at() to read that message again.
 */
guint64
hdr_mailbox_reader_get_message_offset (HdrMailboxReader *self)
{
  g_return_val_if_fail (HDR_IS_MAILBOX_READER (self), 0);

  return self->message_offset;
}

/**
 * hdr_mailbox_reader_new_at:
 * @offset: a value of hdr_mailbox_reader_get_message_offset() for the same
 *   unchanged mailbox
 *
 * Open @file so that the next call to hdr_mailbox_reader_next() returns
 * the message at @offset, without reading the messages before it.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 */
HdrMailboxReader *
hdr_mailbox_reader_new_at (GFile         *file,
                           guint64        offset,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(HdrMailboxReader) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = hdr_mailbox_reader_new (file, cancellable, error);
  if (self == NULL)
    return NULL;

  if (self->kind == HDR_MAILBOX_MAILDIR)
    {
      self->next_file = (guint) MIN (offset, self->entries->len);
      self->count = self->next_file;
      return g_steal_pointer (&self);
    }

  if (!g_seekable_seek (G_SEEKABLE (self->input), (goffset) offset, G_SEEK_SET,
                        cancellable, &local_error))
    {
      g_set_error (error, HDR_ERROR, HDR_ERROR_READ,
                   _("The mailbox “%s” could not be read: %s"), self->name, local_error->message);
      return NULL;
    }

  /* The "From " line before @offset has been read: the message starts here. */
  self->position = offset;
  self->current_offset = offset;
  self->in_message = TRUE;
  self->at_line_start = TRUE;
  self->previous_line_empty = FALSE;

  return g_steal_pointer (&self);
}
