/* hdr-application.h: the application, its command line and its app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HDR_TYPE_APPLICATION (hdr_application_get_type ())

G_DECLARE_FINAL_TYPE (HdrApplication, hdr_application, HDR, APPLICATION, AdwApplication)

HdrApplication *hdr_application_new (void);

G_END_DECLS
