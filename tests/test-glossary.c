/* test-glossary.c: the header field glossary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hdr-glossary.h"
#include "hdr-message.h"

static void
test_glossary_size (void)
{
  guint exact = 0;

  for (guint i = 0; i < hdr_glossary_get_n_entries (); i++)
    {
      const char *name = hdr_glossary_entry_get_name (hdr_glossary_get_nth_entry (i));

      if (!g_str_has_suffix (name, "*"))
        exact++;
    }

  g_assert_cmpuint (exact, >=, 40);
}

static void
test_glossary_meanings (void)
{
  for (guint i = 0; i < hdr_glossary_get_n_entries (); i++)
    {
      const HdrGlossaryEntry *entry = hdr_glossary_get_nth_entry (i);
      const char *meaning = hdr_glossary_entry_get_meaning (entry);

      g_test_message ("%s", hdr_glossary_entry_get_name (entry));
      g_assert_nonnull (meaning);
      g_assert_true (g_str_has_suffix (meaning, ".") || g_str_has_suffix (meaning, "?"));
      g_assert_nonnull (hdr_field_writer_to_words (hdr_glossary_entry_get_writer (entry)));
      g_assert_nonnull (hdr_field_trust_to_words (hdr_glossary_entry_get_trust (entry)));
    }
}

static void
test_glossary_case (void)
{
  const HdrGlossaryEntry *lower = hdr_glossary_lookup ("received");
  const HdrGlossaryEntry *mixed = hdr_glossary_lookup ("ReCeIvEd");

  g_assert_nonnull (lower);
  g_assert_true (lower == mixed);
  g_assert_cmpstr (hdr_glossary_entry_get_name (lower), ==, "Received");
}

static void
test_glossary_family (void)
{
  const HdrGlossaryEntry *entry = hdr_glossary_lookup ("X-MS-Exchange-Organization-SCL");

  g_assert_nonnull (entry);
  g_assert_cmpstr (hdr_glossary_entry_get_name (entry), ==, "X-MS-Exchange-*");
}

static void
test_glossary_exact_before_family (void)
{
  const HdrGlossaryEntry *entry = hdr_glossary_lookup ("X-Spam-Status");

  g_assert_nonnull (entry);
  g_assert_cmpstr (hdr_glossary_entry_get_name (entry), ==, "X-Spam-Status");
}

static void
test_glossary_unknown (void)
{
  g_assert_null (hdr_glossary_lookup ("X-Made-Up-Field"));
  g_assert_null (hdr_glossary_lookup (""));
}

static void
test_glossary_trust (void)
{
  g_assert_cmpint (hdr_glossary_entry_get_trust (hdr_glossary_lookup ("From")), ==,
                   HDR_FIELD_FORGEABLE);
  g_assert_cmpint (hdr_glossary_entry_get_trust (hdr_glossary_lookup ("Received")), ==,
                   HDR_FIELD_FORGEABLE_BELOW);
  g_assert_cmpint (hdr_glossary_entry_get_trust (hdr_glossary_lookup ("DKIM-Signature")), ==,
                   HDR_FIELD_SEALED);
  g_assert_cmpint (hdr_glossary_entry_get_writer (hdr_glossary_lookup ("Authentication-Results")), ==,
                   HDR_FIELD_WRITER_RECIPIENT);
}

/* Every field of every sample must be explained in the teaching view. */
static void
test_glossary_covers_samples (void)
{
  g_autofree char *directory = g_build_filename (TEST_DATA_DIR, "..", "data", "samples", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_samples = 0;

  dir = g_dir_open (directory, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(HdrMessage) message = NULL;
      GPtrArray *headers;

      if (!g_str_has_suffix (name, ".eml"))
        continue;

      path = g_build_filename (directory, name, NULL);
      file = g_file_new_for_path (path);
      message = hdr_message_new_from_file (file, NULL, &error);
      g_assert_no_error (error);
      n_samples++;

      headers = hdr_message_get_headers (message);
      for (guint i = 0; i < headers->len; i++)
        {
          const HdrHeader *header = g_ptr_array_index (headers, i);

          if (hdr_glossary_lookup (header->name) == NULL)
            g_test_message ("%s: no glossary entry for %s", name, header->name);
          g_assert_nonnull (hdr_glossary_lookup (header->name));
        }
    }

  g_assert_cmpuint (n_samples, >=, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/glossary/size", test_glossary_size);
  g_test_add_func ("/glossary/meanings", test_glossary_meanings);
  g_test_add_func ("/glossary/case", test_glossary_case);
  g_test_add_func ("/glossary/family", test_glossary_family);
  g_test_add_func ("/glossary/exact-before-family", test_glossary_exact_before_family);
  g_test_add_func ("/glossary/unknown", test_glossary_unknown);
  g_test_add_func ("/glossary/trust", test_glossary_trust);
  g_test_add_func ("/glossary/covers-samples", test_glossary_covers_samples);

  return g_test_run ();
}
