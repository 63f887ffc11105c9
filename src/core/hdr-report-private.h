/* hdr-report-private.h: the report's fields, shared with its renderers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hdr-report.h"

G_BEGIN_DECLS

struct _HdrReport
{
  GObject      parent_instance;

  HdrMessage  *message;
  HdrRoute    *route;
  HdrAuth     *auth;
  HdrTextScan *scan;

  HdrVerdict   verdict;
  char        *headline;
  char        *summary;
  GPtrArray   *findings;
  HdrClaims    claims;
};

G_END_DECLS
