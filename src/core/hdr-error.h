/* hdr-error.h: the error domain of libhdr-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HDR_ERROR (hdr_error_quark ())

typedef enum
{
  HDR_ERROR_EMPTY,          /* the input has no bytes at all */
  HDR_ERROR_NOT_A_MESSAGE,  /* the input is not an RFC 5322 message */
  HDR_ERROR_TOO_LARGE,      /* the input is over the message size limit */
  HDR_ERROR_READ,           /* the input could not be read */
  HDR_ERROR_INVALID_DATA,   /* bundled or user data (rules, lists) is malformed */
} HdrErrorCode;

GQuark hdr_error_quark           (void);

void   hdr_error_set_open_failed (GError       **error,
                                  const char    *name,
                                  const GError  *cause);

G_END_DECLS
