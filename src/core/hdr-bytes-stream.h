/* hdr-bytes-stream.h: a read-only GMimeStream over a GBytes, without a copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gmime/gmime.h>

#include "hdr-message.h"

G_BEGIN_DECLS

#define HDR_TYPE_BYTES_STREAM (hdr_bytes_stream_get_type ())

G_DECLARE_FINAL_TYPE (HdrBytesStream, hdr_bytes_stream, HDR, BYTES_STREAM, GMimeStream)

GMimeStream *hdr_bytes_stream_new (GBytes *bytes);

G_END_DECLS
