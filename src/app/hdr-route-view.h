/* hdr-route-view.h: the Received chain as a timeline, oldest hop at the top
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hdr-route.h"

G_BEGIN_DECLS

#define HDR_TYPE_ROUTE_VIEW (hdr_route_view_get_type ())

G_DECLARE_FINAL_TYPE (HdrRouteView, hdr_route_view, HDR, ROUTE_VIEW, GtkWidget)

GtkWidget *hdr_route_view_new        (void);
void       hdr_route_view_set_route  (HdrRouteView *self,
                                      HdrRoute     *route);
guint      hdr_route_view_get_n_hops (HdrRouteView *self);
char      *hdr_route_view_describe_origin (HdrRoute  *route);

G_END_DECLS
