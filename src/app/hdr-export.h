/* hdr-export.h: save, print and copy the helpdesk report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hdr-report.h"

G_BEGIN_DECLS

typedef enum
{
  HDR_EXPORT_HTML,
  HDR_EXPORT_PDF,
  HDR_EXPORT_TEXT,
} HdrExportFormat;

void      hdr_export_show_dialog      (GtkWindow        *parent,
                                       HdrReport        *report);
gboolean  hdr_export_to_file          (HdrReport        *report,
                                       HdrExportFormat   format,
                                       GFile            *file,
                                       GtkWindow        *parent,
                                       GError          **error);
void      hdr_export_print            (GtkWindow        *parent,
                                       HdrReport        *report);
char     *hdr_export_get_summary      (HdrReport        *report);
void      hdr_export_copy_summary     (GtkWidget        *widget,
                                       HdrReport        *report);
HdrExportFormat hdr_export_format_for_name (const char  *file_name);
char     *hdr_export_suggest_file_name (const char      *source);

G_END_DECLS
