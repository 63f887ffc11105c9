/* test-mailbox.c: reading mbox files and Maildirs, and analysing them in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hdr-batch.h"
#include "hdr-error.h"
#include "list-relayed.h"

static char *
sample_text (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "data", "samples", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hdr-mailbox-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static GPtrArray *
read_all (HdrMailboxReader *reader)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *source = NULL;
      g_autoptr(GBytes) bytes = hdr_mailbox_reader_next (reader, &source, NULL, &error);
      gsize length = 0;
      const char *data;

      g_assert_no_error (error);
      if (bytes == NULL)
        break;

      g_assert_nonnull (source);
      data = g_bytes_get_data (bytes, &length);
      g_ptr_array_add (messages, g_strndup (data, length));
    }

  return messages;
}

static void
test_mailbox_mbox_split (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_file (dir, "inbox.mbox",
                                      "From ann@example.net Tue Feb 25 10:11:12 2020\n"
                                      "From: ann@example.net\n"
                                      "Subject: one\n"
                                      "\n"
                                      "First body.\n"
                                      "From the start of a line, but not after an empty line.\n"
                                      "\n"
                                      ">From here on, escaped.\n"
                                      ">>From twice escaped.\n"
                                      "\n"
                                      "From the start of the week, unescaped, after an empty line.\n"
                                      "\n"
                                      "From bob@example.org Tue Feb 25 10:12:00 2020\n"
                                      "From: bob@example.org\n"
                                      "Subject: two\n"
                                      "\n"
                                      "Second body.\n"
                                      "\n"
                                      "From carol@example.com Tue Feb 25 10:13:00 2020\n"
                                      "From: carol@example.com\n"
                                      "Subject: three\n"
                                      "\n"
                                      "Third body, no final newline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  g_assert_cmpint (hdr_mailbox_detect (file, NULL), ==, HDR_MAILBOX_MBOX);

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  messages = read_all (reader);

  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, 0), "From: ann@example.net\n"));
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0),
                            "\nFrom the start of a line, but not after an empty line.\n"));
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), "\nFrom here on, escaped.\n"));
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), "\n>From twice escaped.\n"));
  /* A body line without the time of a separator line splits nothing. */
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0),
                            "\nFrom the start of the week, unescaped, after an empty line.\n"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (messages, 0), "after an empty line.\n"));
  g_assert_cmpstr (g_ptr_array_index (messages, 1), ==,
                   "From: bob@example.org\nSubject: two\n\nSecond body.\n");
  g_assert_true (g_str_has_suffix (g_ptr_array_index (messages, 2), "no final newline"));
  g_assert_cmpuint (hdr_mailbox_reader_get_count (reader), ==, 3);
  g_assert_cmpfloat (hdr_mailbox_reader_get_fraction (reader), ==, 1.0);

  g_unlink (path);
  g_rmdir (dir);
}

/* The empty line that ends the last message of the file belongs to the
 * file, as the one before each separator does, in LF and CRLF files. */
static void
test_mailbox_mbox_last_empty_line (void)
{
  static const char * const files[] = {
    "From ann@example.net Tue Feb 25 10:11:12 2020\n"
    "Subject: one\n\nFirst body.\n\n"
    "From bob@example.org Tue Feb 25 10:12:00 2020\n"
    "Subject: two\n\nSecond body.\n\n",
    "From ann@example.net Tue Feb 25 10:11:12 2020\r\n"
    "Subject: one\r\n\r\nFirst body.\r\n\r\n"
    "From bob@example.org Tue Feb 25 10:12:00 2020\r\n"
    "Subject: two\r\n\r\nSecond body.\r\n\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *dir = make_temp_dir ();
      g_autofree char *path = write_file (dir, "inbox.mbox", files[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(HdrMailboxReader) reader = hdr_mailbox_reader_new (file, NULL, &error);
      g_autoptr(GPtrArray) messages = NULL;
      const char *eol = i == 0 ? "\n" : "\r\n";
      g_autofree char *first = g_strdup_printf ("Subject: one%s%sFirst body.%s", eol, eol, eol);
      g_autofree char *second = g_strdup_printf ("Subject: two%s%sSecond body.%s", eol, eol, eol);

      g_assert_no_error (error);
      messages = read_all (reader);
      g_assert_cmpuint (messages->len, ==, 2);
      g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, first);
      g_assert_cmpstr (g_ptr_array_index (messages, 1), ==, second);

      g_unlink (path);
      g_rmdir (dir);
    }
}

/* Appends a line to BODY and its mboxrd form to MBOX, where a line that
 * starts with any number of ">" and then "From " gets one more ">". */
static void
append_line (GString    *body,
             GString    *mbox,
             const char *line,
             const char *end_of_line)
{
  const char *after_quotes = line + strspn (line, ">");

  g_string_append_printf (body, "%s%s", line, end_of_line);
  if (g_str_has_prefix (after_quotes, "From "))
    g_string_append_c (mbox, '>');
  g_string_append_printf (mbox, "%s%s", line, end_of_line);
}

/* Messages far longer than the reader's 64 KiB buffer, with lines of every
 * length, LF and CRLF endings, and lines that start like a separator. */
static void
test_mailbox_mbox_long_messages (void)
{
  static const char * const tricky[] = {
    "From here on", ">From quoted", ">>From twice", "F", "Fr", "From", ">", ">>", "\r", "",
  };
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  for (guint i = 0; i < 6; i++)
    {
      const char *end_of_line = i % 2 == 0 ? "\n" : "\r\n";
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *from = g_strdup_printf ("From: sender%u@example.net", i);

      g_string_append_printf (mbox, "From sender%u@example.net Tue Feb 25 10:11:12 2020%s", i, end_of_line);
      append_line (body, mbox, from, end_of_line);
      append_line (body, mbox, "Subject: long", end_of_line);
      append_line (body, mbox, "", end_of_line);

      while (body->len < 150000)
        {
          if (g_rand_int_range (rand, 0, 8) == 0)
            {
              append_line (body, mbox, tricky[g_rand_int_range (rand, 0, G_N_ELEMENTS (tricky))], end_of_line);
            }
          else
            {
              g_autoptr(GString) line = g_string_new (NULL);
              gint32 length = g_rand_int_range (rand, 1, 400);

              for (gint32 k = 0; k < length; k++)
                g_string_append_c (line, (char) g_rand_int_range (rand, 'a', 'z' + 1));
              append_line (body, mbox, line->str, end_of_line);
            }
        }

      /* The empty line before the next separator belongs to no message. */
      if (i + 1 < 6)
        g_string_append (mbox, end_of_line);
      g_ptr_array_add (expected, g_string_free (g_steal_pointer (&body), FALSE));
    }

  path = write_file (dir, "long.mbox", mbox->str);
  file = g_file_new_for_path (path);
  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  messages = read_all (reader);

  g_assert_cmpuint (messages->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (messages, i), ==, g_ptr_array_index (expected, i));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_mailbox_single_entry_is_message (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_file (dir, "one.eml",
                                      "From ann@example.net Tue Feb 25 10:11:12 2020\n"
                                      "From: ann@example.net\n\nOnly one.\n");
  g_autofree char *plain = write_file (dir, "plain.eml", "From: ann@example.net\n\nHi.\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) plain_file = g_file_new_for_path (plain);

  g_assert_cmpint (hdr_mailbox_detect (file, NULL), ==, HDR_MAILBOX_NONE);
  g_assert_cmpint (hdr_mailbox_detect (plain_file, NULL), ==, HDR_MAILBOX_NONE);

  g_unlink (path);
  g_unlink (plain);
  g_rmdir (dir);
}

static void
test_mailbox_maildir_order (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *cur = g_build_filename (dir, "cur", NULL);
  g_autofree char *new_folder = g_build_filename (dir, "new", NULL);
  g_autofree char *tmp = g_build_filename (dir, "tmp", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *hidden = NULL;

  g_assert_cmpint (g_mkdir (cur, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (new_folder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (tmp, 0700), ==, 0);
  a = write_file (cur, "1582621872.1.host:2,S", "Subject: first\n\nA\n");
  b = write_file (cur, "1582621873.1.host:2,S", "Subject: second\n\nB\n");
  c = write_file (new_folder, "1582621874.1.host", "Subject: third\n\nC\n");
  hidden = write_file (new_folder, ".being-written", "Subject: skipped\n\nD\n");

  g_assert_cmpint (hdr_mailbox_detect (file, NULL), ==, HDR_MAILBOX_MAILDIR);

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  messages = read_all (reader);

  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, 0), "Subject: first"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, 1), "Subject: second"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, 2), "Subject: third"));

  g_unlink (a);
  g_unlink (b);
  g_unlink (c);
  g_unlink (hidden);
  g_rmdir (cur);
  g_rmdir (new_folder);
  g_rmdir (tmp);
  g_rmdir (dir);
}

static void
test_mailbox_plain_folder_rejected (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;

  g_assert_cmpint (hdr_mailbox_detect (file, NULL), ==, HDR_MAILBOX_NONE);

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_null (reader);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, dir));

  g_rmdir (dir);
}

static void
make_maildir_folders (const char *path)
{
  static const char * const children[] = { "cur", "new", "tmp" };

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_autofree char *child = g_build_filename (path, children[i], NULL);

      g_assert_cmpint (g_mkdir (child, 0700), ==, 0);
    }
}

/* Creates FOLDER/NAME, with cur/, new/ and tmp/ when MAILDIR is TRUE, and
 * returns its path. */
static char *
make_folder (const char *folder,
             const char *name,
             gboolean    maildir)
{
  char *path = g_build_filename (folder, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  if (maildir)
    make_maildir_folders (path);

  return path;
}

/* Writes the message "Subject: SUBJECT" to FOLDER/PATH. */
static void
write_message (const char *folder,
               const char *path,
               const char *subject)
{
  g_autofree char *contents = g_strdup_printf ("Subject: %s\n\nBody.\n", subject);

  g_free (write_file (folder, path, contents));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_assert_cmpint (g_unlink (path), ==, 0);
      return;
    }

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_assert_cmpint (g_unlink (path), ==, 0);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* One item that hdr_mailbox_reader_next() returned. */
typedef struct
{
  char    *source;
  char    *subject;   /* NULL when the item could not be read */
  GError  *error;
  guint64  offset;
} ReadItem;

static void
read_item_free (gpointer data)
{
  ReadItem *item = data;

  g_free (item->source);
  g_free (item->subject);
  g_clear_error (&item->error);
  g_free (item);
}

/* Returns the Subject line of the message BYTES, without "Subject: ". */
static char *
subject_of (GBytes *bytes)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *end = memchr (data, '\n', length);

  g_assert_true (g_str_has_prefix (data, "Subject: "));
  g_assert_nonnull (end);

  return g_strndup (data + strlen ("Subject: "), (gsize) (end - data) - strlen ("Subject: "));
}

/* Reads every item of READER, the unreadable ones too. */
static GPtrArray *
read_items (HdrMailboxReader *reader)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (read_item_free);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *source = NULL;
      g_autoptr(GBytes) bytes = hdr_mailbox_reader_next (reader, &source, NULL, &error);
      ReadItem *item;

      if (bytes == NULL && error == NULL)
        break;

      g_assert_nonnull (source);
      item = g_new0 (ReadItem, 1);
      item->source = g_steal_pointer (&source);
      item->subject = bytes != NULL ? subject_of (bytes) : NULL;
      item->error = g_steal_pointer (&error);
      item->offset = hdr_mailbox_reader_get_message_offset (reader);
      g_ptr_array_add (items, item);
    }

  return items;
}

/* Messages of the top folder come first, then those of each Maildir++
 * subfolder in name order.  Folders without cur/ and new/, folders whose
 * names lack the leading dot, dot files and folders inside a subfolder are
 * not read. */
static void
test_mailbox_maildir_subfolders (void)
{
  static const struct
  {
    const char *path;       /* inside the Maildir */
    const char *subject;
  } messages[] = {
    { "new/1582621870.1.host", "top new" },
    { "cur/1582621875.1.host:2,S", "top cur" },
    { ".Junk/cur/1582621872.1.host:2,S", "junk cur" },
    { ".Junk/new/1582621871.1.host", "junk new" },
    { ".Junk.Old/cur/1582621860.1.host:2,S", "junk old cur" },
    { ".Spam/new/1582621880.1.host", "spam new" },
    { ".Spam/new/1582621879.1.host", "spam new earlier" },
  };
  static const char * const expected_order[] = {
    "top cur", "top new", "junk cur", "junk new", "junk old cur", "spam new earlier", "spam new",
  };
  static const char * const expected_folders[] = {
    "cur", "new", ".Junk/cur", ".Junk/new", ".Junk.Old/cur", ".Spam/new", ".Spam/new",
  };
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *junk = NULL;
  g_autofree char *junk_old = NULL;
  g_autofree char *spam = NULL;
  g_autofree char *drafts = NULL;
  g_autofree char *trash = NULL;
  g_autofree char *nested = NULL;
  g_autofree char *undotted = NULL;
  g_autofree char *flags = NULL;

  make_maildir_folders (dir);
  junk = make_folder (dir, ".Junk", TRUE);
  junk_old = make_folder (dir, ".Junk.Old", TRUE);
  spam = make_folder (dir, ".Spam", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    write_message (dir, messages[i].path, messages[i].subject);

  /* Not Maildir++ subfolders: a dot folder with cur/ only, one whose cur is
   * a file, a Maildir nested in a subfolder, a Maildir without the dot, and
   * a dot file. */
  drafts = make_folder (dir, ".Drafts", FALSE);
  g_free (make_folder (drafts, "cur", FALSE));
  write_message (drafts, "cur/1582621890.1.host", "drafts cur");
  nested = make_folder (junk, ".Nested", TRUE);
  write_message (nested, "new/1582621891.1.host", "nested new");
  trash = make_folder (dir, ".Trash", FALSE);
  g_free (make_folder (trash, "new", FALSE));
  write_message (trash, "cur", "trash cur file");
  undotted = make_folder (dir, "Archive", TRUE);
  write_message (undotted, "new/1582621892.1.host", "undotted new");
  flags = write_file (dir, ".customflags", "0 Junk\n");

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  items = read_items (reader);

  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (expected_order));
  for (guint i = 0; i < items->len; i++)
    {
      ReadItem *item = g_ptr_array_index (items, i);
      g_autofree char *folder = g_path_get_dirname (item->source);
      g_autofree char *expected_folder = g_build_filename (dir, expected_folders[i], NULL);

      g_assert_no_error (item->error);
      g_assert_cmpstr (item->subject, ==, expected_order[i]);
      g_assert_cmpstr (folder, ==, expected_folder);
      g_assert_cmpuint (item->offset, ==, i);
    }
  g_assert_cmpuint (hdr_mailbox_reader_get_count (reader), ==, G_N_ELEMENTS (expected_order));
  g_assert_cmpfloat (hdr_mailbox_reader_get_fraction (reader), ==, 1.0);

  remove_tree (dir);
}

/* hdr_mailbox_reader_new_at() with a message's offset returns that
 * message again, in a subfolder too, as the mailbox window does when a
 * message is selected. */
static void
test_mailbox_maildir_reread_at_offset (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *junk = NULL;

  make_maildir_folders (dir);
  junk = make_folder (dir, ".Junk", TRUE);
  write_message (dir, "cur/1582621872.1.host:2,S", "top");
  write_message (dir, ".Junk/new/1582621870.1.host", "junk first");
  write_message (dir, ".Junk/new/1582621871.1.host", "junk second");

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  items = read_items (reader);
  g_assert_cmpuint (items->len, ==, 3);

  for (guint i = 0; i < items->len; i++)
    {
      ReadItem *item = g_ptr_array_index (items, i);
      g_autoptr(HdrMailboxReader) again = hdr_mailbox_reader_new_at (file, item->offset, NULL, &error);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *source = NULL;
      g_autofree char *subject = NULL;

      g_assert_no_error (error);
      bytes = hdr_mailbox_reader_next (again, &source, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      subject = subject_of (bytes);
      g_assert_cmpstr (subject, ==, item->subject);
      g_assert_cmpstr (source, ==, item->source);
    }

  remove_tree (dir);
}

/* Removes all permissions from PATH and returns whether that keeps this
 * process from reading it, which it does not for root. */
static gboolean
make_unreadable (const char *path)
{
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  return g_access (path, R_OK) != 0;
}

/* Reads the Maildir DIR with the messages "top", "junk" and "spam" in its
 * cur/, JUNK and .Spam/, where JUNK cannot be read.  JUNK must be one
 * unreadable item naming it, at its place in the order, and the other
 * folders must still be read. */
static void
check_unreadable_subfolder (const char *dir,
                            const char *junk)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(HdrMailboxReader) again = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *source = NULL;
  ReadItem *item;

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  items = read_items (reader);
  g_assert_cmpuint (items->len, ==, 3);

  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->subject, ==, "top");

  item = g_ptr_array_index (items, 1);
  g_assert_null (item->subject);
  g_assert_cmpstr (item->source, ==, junk);
  g_assert_error (item->error, HDR_ERROR, HDR_ERROR_READ);
  g_assert_nonnull (strstr (item->error->message, junk));
  g_assert_cmpuint (item->offset, ==, 1);

  item = g_ptr_array_index (items, 2);
  g_assert_cmpstr (item->subject, ==, "spam");

  /* Reading the unreadable item again gives the same error. */
  again = hdr_mailbox_reader_new_at (file, 1, NULL, &error);
  g_assert_no_error (error);
  bytes = hdr_mailbox_reader_next (again, &source, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, HDR_ERROR, HDR_ERROR_READ);
  g_assert_cmpstr (source, ==, junk);
}

/* Writes the Maildir that check_unreadable_subfolder() expects, with a
 * readable .Junk/, into DIR and returns the path of .Junk/. */
static char *
write_junk_maildir (const char *dir)
{
  g_autofree char *spam = NULL;
  char *junk;

  make_maildir_folders (dir);
  junk = make_folder (dir, ".Junk", TRUE);
  spam = make_folder (dir, ".Spam", TRUE);
  write_message (dir, "cur/1582621872.1.host:2,S", "top");
  write_message (dir, ".Junk/cur/1582621873.1.host:2,S", "junk");
  write_message (dir, ".Spam/new/1582621874.1.host", "spam");

  return junk;
}

static void
test_mailbox_maildir_unreadable_subfolder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *junk = write_junk_maildir (dir);

  if (!make_unreadable (junk))
    {
      g_test_skip ("This process reads folders without read permission, as root does.");
      remove_tree (dir);
      return;
    }

  check_unreadable_subfolder (dir, junk);

  remove_tree (dir);
}

/* A cur/ that is a symbolic link to itself cannot be opened, also by root. */
static void
test_mailbox_maildir_looping_subfolder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *junk = write_junk_maildir (dir);
  g_autofree char *junk_cur = g_build_filename (junk, "cur", NULL);

  remove_tree (junk_cur);
  g_assert_cmpint (symlink ("cur", junk_cur), ==, 0);

  check_unreadable_subfolder (dir, junk);

  remove_tree (dir);
}

/* A top folder whose cur/ and new/ can be read but whose list of
 * subfolders cannot gives its messages and then one unreadable item. */
static void
test_mailbox_maildir_unlisted_subfolders (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *junk = NULL;
  ReadItem *item;

  make_maildir_folders (dir);
  junk = make_folder (dir, ".Junk", TRUE);
  write_message (dir, "cur/1582621872.1.host:2,S", "top");
  write_message (dir, ".Junk/cur/1582621873.1.host:2,S", "junk");

  /* Search permission alone: cur/ and new/ can be opened by name, but
   * the names in the top folder cannot be listed. */
  if (!make_unreadable (dir))
    {
      g_test_skip ("This process reads folders without read permission, as root does.");
      remove_tree (dir);
      return;
    }
  g_assert_cmpint (g_chmod (dir, 0100), ==, 0);

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  items = read_items (reader);
  g_assert_cmpuint (items->len, ==, 2);

  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->subject, ==, "top");

  item = g_ptr_array_index (items, 1);
  g_assert_null (item->subject);
  g_assert_cmpstr (item->source, ==, dir);
  g_assert_error (item->error, HDR_ERROR, HDR_ERROR_READ);
  g_assert_nonnull (strstr (item->error->message, dir));

  remove_tree (dir);
}

typedef struct
{
  GPtrArray       *order;
  HdrBatchSummary *summary;
  GThread         *caller;
  GCancellable    *cancellable;   /* cancelled after cancel_after items, when not NULL */
  guint            cancel_after;
} Collected;

static void
collect_item (const HdrBatchItem *item,
              gpointer            user_data)
{
  Collected *collected = user_data;

  g_assert_true (g_thread_self () == collected->caller);
  g_ptr_array_add (collected->order, GUINT_TO_POINTER (item->index));
  hdr_batch_summary_add (collected->summary, item);

  if (collected->cancellable != NULL && collected->order->len == collected->cancel_after)
    g_cancellable_cancel (collected->cancellable);
}

/* Writes an mbox of COUNT sample messages, then one entry that is not a
 * message, and returns its path. */
static char *
write_batch_mbox (const char *dir,
                  guint       count)
{
  static const char * const names[] = {
    "sextortion-en.eml", "newsletter-en.eml", "password-reset-en.eml",
  };
  g_autoptr(GString) mbox = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *text = sample_text (names[i % G_N_ELEMENTS (names)]);

      g_string_append (mbox, "From sender@example.net Tue Nov 14 09:42:11 2023\n");
      g_string_append (mbox, text);
      g_string_append (mbox, "\n");
    }
  /* An entry that is not a message still takes its place in the order. */
  g_string_append (mbox, "From sender@example.net Tue Nov 14 09:42:11 2023\n\x01\x02 not a message\n");

  return write_file (dir, "reported.mbox", mbox->str);
}

/* Results come back in mailbox order on the calling thread, whatever the
 * order the workers finish in and however many there are, and the summary
 * groups the campaign. */
static void
test_mailbox_batch_in_order (void)
{
  static const guint thread_counts[] = { 1, 2, 5 };
  g_autofree char *dir = make_temp_dir ();
  const guint count = 60;
  g_autofree char *path = write_batch_mbox (dir, count);

  for (guint t = 0; t < G_N_ELEMENTS (thread_counts); t++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(HdrMailboxReader) reader = NULL;
      g_autoptr(GPtrArray) order = g_ptr_array_new ();
      g_autoptr(HdrBatchSummary) summary = hdr_batch_summary_new ();
      g_autofree char *json = NULL;
      Collected collected = { order, summary, g_thread_self (), NULL, 0 };

      reader = hdr_mailbox_reader_new (file, NULL, &error);
      g_assert_no_error (error);

      g_assert_true (hdr_batch_run (reader, NULL, thread_counts[t], collect_item, &collected, NULL, &error));
      g_assert_no_error (error);

      g_assert_cmpuint (order->len, ==, count + 1);
      for (guint i = 0; i < order->len; i++)
        g_assert_cmpuint (GPOINTER_TO_UINT (g_ptr_array_index (order, i)), ==, i);

      json = hdr_batch_summary_to_json (summary);
      g_assert_nonnull (strstr (json, "\"messages\":61"));
      g_assert_nonnull (strstr (json, "\"unreadable\":1"));
      g_assert_nonnull (strstr (json, "\"sextortion\":20"));
      g_assert_nonnull (strstr (json, "{\"address\":\"1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf\",\"messages\":20}"));
      g_assert_nonnull (strstr (json, "{\"ip\":\"203.0.113.45\",\"messages\":20}"));
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* A cancelled run stops reading, still reports what it read without a
 * gap, and fails with the cancellation. */
static void
test_mailbox_batch_cancelled (void)
{
  g_autofree char *dir = make_temp_dir ();
  const guint count = 200;
  g_autofree char *path = write_batch_mbox (dir, count);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(HdrBatchSummary) summary = hdr_batch_summary_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Collected collected = { order, summary, g_thread_self (), cancellable, 5 };

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (hdr_batch_run (reader, NULL, 2, collect_item, &collected, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Reading stopped well before the end of the mailbox. */
  g_assert_cmpuint (order->len, >=, 5);
  g_assert_cmpuint (order->len, <, count / 2);
  for (guint i = 0; i < order->len; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_ptr_array_index (order, i)), ==, i);

  g_unlink (path);
  g_rmdir (dir);
}

#define SAMPLE_ORIGIN_IP "203.0.113.45"

/* Writes an mbox with DIRECT copies of sextortion-en.eml as sent and
 * RELAYED copies that came through a mailing list, and returns its path. */
static char *
write_list_mbox (const char *dir,
                 guint       direct,
                 guint       relayed)
{
  g_autofree char *text = sample_text ("sextortion-en.eml");
  g_autoptr(GString) relayed_text = g_string_new (text);
  g_autoptr(GString) mbox = g_string_new (NULL);

  g_assert_cmpuint (g_string_replace (relayed_text, SAMPLE_PROVIDER_HOP, LIST_RELAYED_HOPS, 1), ==, 1);

  for (guint i = 0; i < direct + relayed; i++)
    {
      g_string_append (mbox, "From sender@example.net Tue Nov 14 09:42:11 2023\n");
      g_string_append (mbox, i < direct ? text : relayed_text->str);
      g_string_append (mbox, "\n");
    }

  return write_file (dir, "list.mbox", mbox->str);
}

/* Blackmail that came through a mailing list is counted apart, not under
 * the list server as the computer that sent it.  The copies sent directly
 * stay grouped by their origin. */
static void
test_mailbox_batch_mailing_list (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_list_mbox (dir, 2, 3);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(HdrBatchSummary) summary = hdr_batch_summary_new ();
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  Collected collected = { order, summary, g_thread_self (), NULL, 0 };

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (hdr_batch_run (reader, NULL, 2, collect_item, &collected, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (hdr_batch_summary_get_messages (summary), ==, 5);
  g_assert_cmpuint (hdr_batch_summary_get_verdict_count (summary, HDR_VERDICT_SEXTORTION), ==, 5);
  g_assert_cmpuint (hdr_batch_summary_get_wallet_count (summary, "1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf"),
                    ==, 5);
  g_assert_cmpuint (hdr_batch_summary_get_origin_count (summary, LIST_SERVER_IP), ==, 0);
  g_assert_cmpuint (hdr_batch_summary_get_origin_count (summary, SAMPLE_ORIGIN_IP), ==, 2);
  g_assert_cmpuint (hdr_batch_summary_get_mailing_list_count (summary), ==, 3);

  json = hdr_batch_summary_to_json (summary);
  g_assert_null (strstr (json, LIST_SERVER_IP));
  g_assert_nonnull (strstr (json, "\"sextortion_by_origin_ip\":"
                                  "[{\"ip\":\"" SAMPLE_ORIGIN_IP "\",\"messages\":2}]"));
  g_assert_nonnull (strstr (json, "\"sextortion_via_mailing_list\":3"));

  text = hdr_batch_summary_to_text (summary);
  g_assert_null (strstr (text, LIST_SERVER_IP));
  g_assert_nonnull (strstr (text, "\nBlackmail messages by the computer that sent them:\n"
                                  "  " SAMPLE_ORIGIN_IP ": 2\n"
                                  "  3 blackmail messages came through mailing lists."));

  g_unlink (path);
  g_rmdir (dir);
}

/* Without list mail the JSON still has the count, as 0, and the text and
 * Markdown summaries contain no mailing list note. */
static void
test_mailbox_batch_no_mailing_list (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_list_mbox (dir, 2, 0);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrMailboxReader) reader = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(HdrBatchSummary) summary = hdr_batch_summary_new ();
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  Collected collected = { order, summary, g_thread_self (), NULL, 0 };

  reader = hdr_mailbox_reader_new (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (hdr_batch_run (reader, NULL, 1, collect_item, &collected, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (hdr_batch_summary_get_origin_count (summary, SAMPLE_ORIGIN_IP), ==, 2);
  g_assert_cmpuint (hdr_batch_summary_get_mailing_list_count (summary), ==, 0);

  json = hdr_batch_summary_to_json (summary);
  g_assert_nonnull (strstr (json, "\"sextortion_via_mailing_list\":0"));

  text = hdr_batch_summary_to_text (summary);
  g_assert_null (strstr (text, "mailing list"));

  markdown = hdr_batch_summary_to_markdown (summary);
  g_assert_null (strstr (markdown, "mailing list"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mailbox/mbox-split", test_mailbox_mbox_split);
  g_test_add_func ("/mailbox/mbox-long-messages", test_mailbox_mbox_long_messages);
  g_test_add_func ("/mailbox/mbox-last-empty-line", test_mailbox_mbox_last_empty_line);
  g_test_add_func ("/mailbox/single-entry-is-message", test_mailbox_single_entry_is_message);
  g_test_add_func ("/mailbox/maildir-order", test_mailbox_maildir_order);
  g_test_add_func ("/mailbox/plain-folder-rejected", test_mailbox_plain_folder_rejected);
  g_test_add_func ("/mailbox/maildir-subfolders", test_mailbox_maildir_subfolders);
  g_test_add_func ("/mailbox/maildir-reread-at-offset", test_mailbox_maildir_reread_at_offset);
  g_test_add_func ("/mailbox/maildir-unreadable-subfolder", test_mailbox_maildir_unreadable_subfolder);
  g_test_add_func ("/mailbox/maildir-looping-subfolder", test_mailbox_maildir_looping_subfolder);
  g_test_add_func ("/mailbox/maildir-unlisted-subfolders", test_mailbox_maildir_unlisted_subfolders);
  g_test_add_func ("/mailbox/batch-in-order", test_mailbox_batch_in_order);
  g_test_add_func ("/mailbox/batch-cancelled", test_mailbox_batch_cancelled);
  g_test_add_func ("/mailbox/batch-mailing-list", test_mailbox_batch_mailing_list);
  g_test_add_func ("/mailbox/batch-no-mailing-list", test_mailbox_batch_no_mailing_list);

  return g_test_run ();
}
