/* hdr-export.c: save, print and copy the helpdesk report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hdr-export.h"

/* Printed text size.  The text report's 76 columns take about 410 points
 * at 9 points (0.6 em a character), inside the printable width of A4 and
 * Letter pages. */
#define PRINT_FONT "Monospace 9"

/* The same number of reasons as on the verdict page. */
#define MAX_REASONS 5

typedef struct
{
  HdrReport   *report;
  PangoLayout *layout;
  GArray      *page_starts;   /* element-type int: first layout line of each page */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->report);
  g_clear_object (&job->layout);
  g_clear_pointer (&job->page_starts, g_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintJob, print_job_free)

HdrExportFormat
hdr_export_format_for_name (const char *file_name)
{
  g_return_val_if_fail (file_name != NULL, HDR_EXPORT_HTML);

  if (g_str_has_suffix (file_name, ".pdf") || g_str_has_suffix (file_name, ".PDF"))
    return HDR_EXPORT_PDF;
  if (g_str_has_suffix (file_name, ".txt") || g_str_has_suffix (file_name, ".TXT"))
    return HDR_EXPORT_TEXT;

  return HDR_EXPORT_HTML;
}

/* The text report with its headline in bold, as Pango markup. */
static char *
build_print_markup (HdrReport *report)
{
  g_autofree char *text = hdr_report_to_text (report);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *headline = g_markup_escape_text (hdr_report_get_headline (report), -1);
  g_autoptr(GString) markup = g_string_new (escaped);
  g_autofree char *bold = g_strdup_printf ("<b>%s</b>", headline);

  g_string_replace (markup, headline, bold, 1);

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (PRINT_FONT);
  g_autofree char *markup = build_print_markup (job->report);
  double page_height = gtk_print_context_get_height (context);
  double used = 0;
  int n_lines;

  job->layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->layout, font);
  pango_layout_set_width (job->layout, (int)(gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (job->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (job->layout, markup, -1);

  job->page_starts = g_array_new (FALSE, FALSE, sizeof (int));
  n_lines = pango_layout_get_line_count (job->layout);
  g_array_append_val (job->page_starts, (int){ 0 });

  for (int i = 0; i < n_lines; i++)
    {
      PangoRectangle logical;
      double height;

      pango_layout_line_get_pixel_extents (pango_layout_get_line_readonly (job->layout, i),
                                           NULL, &logical);
      height = logical.height;

      if (used + height > page_height && used > 0)
        {
          g_array_append_val (job->page_starts, i);
          used = 0;
        }
      used += height;
    }

  gtk_print_operation_set_n_pages (operation, job->page_starts->len);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_number,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (job->page_starts, int, page_number);
  int last = (guint)page_number + 1 < job->page_starts->len ?
             g_array_index (job->page_starts, int, page_number + 1) :
             pango_layout_get_line_count (job->layout);
  double y = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);

  for (int i = first; i < last; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (job->layout, i);
      PangoRectangle logical;
      int baseline;

      pango_layout_line_get_pixel_extents (line, NULL, &logical);
      baseline = -logical.y;
      cairo_move_to (cr, 0, y + baseline);
      pango_cairo_show_layout_line (cr, line);
      y += logical.height;
    }
}

static GtkPrintOperation *
new_print_operation (HdrReport *report)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  PrintJob *job = g_new0 (PrintJob, 1);

  job->report = g_object_ref (report);
  gtk_print_operation_set_job_name (operation, _("Header Inspector report"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "hdr-print-job", job,
                          (GDestroyNotify)print_job_free);

  return operation;
}

/**
 * hdr_export_to_file:
 * @parent: (nullable): the window that owns the export
 *
 * Write the report to @file: HTML and text are written at once, PDF is
 * drawn with a print operation that exports to the file's path.
 *
 * Returns: %TRUE on success
 */
gboolean
hdr_export_to_file (HdrReport        *report,
                    HdrExportFormat   format,
                    GFile            *file,
                    GtkWindow        *parent,
                    GError          **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (HDR_IS_REPORT (report), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (format == HDR_EXPORT_PDF)
    {
      g_autoptr(GtkPrintOperation) operation = new_print_operation (report);
      g_autofree char *path = g_file_get_path (file);
      GtkPrintOperationResult result;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("A PDF can only be saved to a local folder, not to “%s”. "
                         "Choose a folder on this computer."), uri);
          return FALSE;
        }

      gtk_print_operation_set_export_filename (operation, path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        parent, error);

      return result != GTK_PRINT_OPERATION_RESULT_ERROR;
    }

  contents = format == HDR_EXPORT_TEXT ? hdr_report_to_text (report)
                                       : hdr_report_to_html (report);

  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
show_error (GtkWindow    *parent,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("The Report Could Not Be Saved"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Indexed by HdrExportFormat. */
static const char * const format_suffixes[] = { ".html", ".pdf", ".txt" };

static gboolean
has_format_suffix (const char      *name,
                   HdrExportFormat  format)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (format == HDR_EXPORT_HTML && g_str_has_suffix (lower, ".htm"))
    return TRUE;

  return g_str_has_suffix (lower, format_suffixes[format]);
}

static void
save_response_cb (GtkFileChooserNative *chooser,
                  int                   response,
                  HdrReport            *report)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  GtkFileFilter *filter;
  HdrExportFormat format;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser));

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  basename = g_file_get_basename (chosen);
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));

  /* The chosen file type decides the format, and its extension is added
   * when the name lacks it. */
  if (filter != NULL)
    format = (HdrExportFormat)GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "hdr-format"));
  else
    format = hdr_export_format_for_name (basename);
  if (!has_format_suffix (basename, format))
    {
      g_autofree char *name = g_strconcat (basename, format_suffixes[format], NULL);
      g_autoptr(GFile) folder = g_file_get_parent (chosen);

      file = g_file_get_child (folder, name);
    }
  else
    {
      file = g_object_ref (chosen);
    }

  if (!hdr_export_to_file (report, format, file, parent, &error))
    show_error (parent, error);

out:
  g_object_unref (report);
  g_object_unref (chooser);
}

static GtkFileFilter *
new_filter (const char      *name,
            const char      *mime_type,
            const char      *suffix,
            HdrExportFormat  format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  g_object_set_data (G_OBJECT (filter), "hdr-format", GINT_TO_POINTER (format));

  return filter;
}

/* Characters that Windows and FAT or exFAT file systems, such as those of
 * USB sticks, do not allow in file names, besides the control characters. */
#define UNSAFE_FILE_NAME_CHARACTERS "/\\:*?\"<>|"

/**
 * hdr_export_suggest_file_name:
 * @source: the name of the analysed input, as hdr_message_get_source()
 *   returns it
 *
 * Builds the file name that the save dialog proposes: "sextortion-en.eml"
 * gives "sextortion-en-report.html".  Characters that some file systems
 * reject, such as the ":" of Maildir file names, become "-".
 *
 * Returns: (transfer full): a file name without a folder
 */
char *
hdr_export_suggest_file_name (const char *source)
{
  static const char * const maildir_size_fields[] = { ",S=", ",W=" };
  g_autofree char *basename = NULL;
  char *maildir_info;
  char *dot;

  g_return_val_if_fail (source != NULL, NULL);

  basename = g_path_get_basename (source);

  /* A Maildir file name ends with its flags (":2,S") and Dovecot adds the
   * sizes (",S=2048,W=2100"), which change when the message is read or
   * moved.  Its unique part is kept whole: its dots are no extension. */
  maildir_info = strstr (basename, ":2,");
  if (maildir_info == NULL)
    maildir_info = strstr (basename, ":1,");
  if (maildir_info != NULL)
    *maildir_info = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (maildir_size_fields); i++)
    {
      char *found = strstr (basename, maildir_size_fields[i]);

      if (found != NULL)
        {
          *found = '\0';
          maildir_info = found;
        }
    }

  dot = strrchr (basename, '.');

  /* Only a short extension without spaces is removed, so that
   * "inbox.mbox, message 3" keeps its message number. */
  if (maildir_info == NULL && dot != NULL && dot != basename && strlen (dot) <= 5
      && strpbrk (dot, " ,") == NULL)
    *dot = '\0';

  for (char *p = basename; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f || strchr (UNSAFE_FILE_NAME_CHARACTERS, *p) != NULL)
        *p = '-';
    }

  /* Translators: the suggested file name of a saved report, where %s is the message's name. */
  return g_strdup_printf (_("%s-report.html"), basename);
}

/**
 * hdr_export_show_dialog:
 *
 * Ask where to save the report, as HTML, PDF or text, and save it there.
 * The chooser's file type decides the format.
 */
void
hdr_export_show_dialog (GtkWindow *parent,
                        HdrReport *report)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) html = NULL;
  g_autoptr(GtkFileFilter) pdf = NULL;
  g_autoptr(GtkFileFilter) text = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (HDR_IS_REPORT (report));

  chooser = gtk_file_chooser_native_new (_("Export the Report"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  html = new_filter (_("Web page (HTML)"), "text/html", "html", HDR_EXPORT_HTML);
  pdf = new_filter (_("PDF document"), "application/pdf", "pdf", HDR_EXPORT_PDF);
  text = new_filter (_("Plain text"), "text/plain", "txt", HDR_EXPORT_TEXT);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), html);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), text);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), html);

  name = hdr_export_suggest_file_name (hdr_message_get_source (hdr_report_get_message (report)));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (report));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * hdr_export_print:
 *
 * Show the print dialog and print the text report.
 */
void
hdr_export_print (GtkWindow *parent,
                  HdrReport *report)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HDR_IS_REPORT (report));

  operation = new_print_operation (report);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);

  if (error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("The Report Could Not Be Printed"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/**
 * hdr_export_get_summary:
 *
 * Compose the short summary for the clipboard: the verdict, the main
 * reasons and what to do now, without any quotation from the message.
 *
 * Returns: (transfer full): translated plain text
 */
char *
hdr_export_get_summary (HdrReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) reasons = NULL;
  const char * const *actions;

  g_return_val_if_fail (HDR_IS_REPORT (report), NULL);

  g_string_append_printf (text, "%s\n%s\n", hdr_report_get_headline (report),
                          hdr_report_get_summary (report));

  reasons = hdr_report_get_reasons (report, MAX_REASONS);
  if (reasons->len > 0)
    g_string_append_printf (text, "\n%s\n",
                            hdr_report_get_verdict (report) == HDR_VERDICT_NONE ?
                            _("What was checked:") : _("Main reasons:"));
  for (guint i = 0; i < reasons->len; i++)
    {
      const HdrFinding *finding = g_ptr_array_index (reasons, i);

      g_string_append_printf (text, "- %s\n", finding->title);
    }

  actions = hdr_report_get_actions (report);
  g_string_append_printf (text, "\n%s\n", _("What to do now:"));
  for (guint i = 0; actions[i] != NULL; i++)
    g_string_append_printf (text, "- %s\n", actions[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
hdr_export_copy_summary (GtkWidget *widget,
                         HdrReport *report)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (HDR_IS_REPORT (report));

  summary = hdr_export_get_summary (report);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), summary);
}
