/* hdr-auth-private.h: the field parsers behind HdrAuth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hdr-auth.h"

G_BEGIN_DECLS

void       _hdr_auth_result_free        (HdrAuthResult *result);
void       _hdr_auth_property_free      (HdrAuthProperty *property);

void       _hdr_auth_parse_results      (const char    *value,
                                         const char    *header_name,
                                         guint          header_index,
                                         gboolean       has_instance,
                                         GPtrArray     *results);
void       _hdr_auth_parse_received_spf (const char    *value,
                                         guint          header_index,
                                         GPtrArray     *results);
GPtrArray *_hdr_auth_parse_tag_list     (const char    *value);
const char *_hdr_auth_tag_list_lookup   (GPtrArray     *tags,
                                         const char    *name);

void       _hdr_filter_verdict_free     (HdrFilterVerdict *verdict);
void       _hdr_auth_read_filter_fields (GPtrArray     *headers,
                                         HdrRoute      *route,
                                         GPtrArray     *arc_sets,
                                         GPtrArray     *verdicts);

G_END_DECLS
