/* hdr-route-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-route-view"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "hdr-route-view.h"

struct _HdrRouteView
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkLabel   *origin_label;
  GtkImage   *origin_icon;
  GtkListBox *list_box;
  GPtrArray  *hops;   /* element-type HdrHop, owned by route, in row order */
  HdrRoute   *route;
};

G_DEFINE_FINAL_TYPE (HdrRouteView, hdr_route_view, GTK_TYPE_WIDGET)

enum {
  HOP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
hdr_route_view_new (void)
{
  return g_object_new (HDR_TYPE_ROUTE_VIEW, NULL);
}

/* Format a non-negative number of seconds in one or two units: "40 s",
 * "5 min", "3 h 20 min", "2 days". */
static char *
hdr_route_view_format_duration (gint64 seconds)
{
  g_assert (seconds >= 0);

  if (seconds < 60)
    return g_strdup_printf (_("%d s"), (int) seconds);

  if (seconds < 3600)
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));

  if (seconds < 86400)
    {
      int hours = seconds / 3600;
      int minutes = (seconds % 3600) / 60;

      if (minutes == 0)
        return g_strdup_printf (_("%d h"), hours);

      return g_strdup_printf (_("%d h %d min"), hours, minutes);
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", seconds / 86400),
                          (int) (seconds / 86400));
}

static char *
hdr_route_view_format_delay (const HdrHop *hop)
{
  g_autofree char *duration = NULL;

  g_assert (hop != NULL);

  if (!hop->has_delay)
    return NULL;

  /* A hop dated before the one below it means the two servers' clocks
   * disagree, so the difference is not a delivery time. */
  if (hop->delay_seconds < 0)
    {
      duration = hdr_route_view_format_duration (-hop->delay_seconds);
      return g_strdup_printf (_("Clock %s behind the previous step"), duration);
    }

  duration = hdr_route_view_format_duration (hop->delay_seconds);
  return g_strdup_printf (_("%s after the previous step"), duration);
}

static char *
hdr_route_view_format_sender (const HdrHop *hop)
{
  const char *name;

  g_assert (hop != NULL);

  name = hop->from_rdns != NULL ? hop->from_rdns : hop->from_helo;

  if (name != NULL && hop->from_ip != NULL)
    return g_strdup_printf (_("Handed over by %s (%s)"), name, hop->from_ip);

  if (hop->from_ip != NULL)
    return g_strdup_printf (_("Handed over by %s"), hop->from_ip);

  if (name != NULL)
    return g_strdup_printf (_("Handed over by %s, address not recorded"), name);

  if (hop->flags & HDR_HOP_FLAG_LOCAL_SUBMISSION)
    return g_strdup (_("Handed over by a program on the same server"));

  return g_strdup (_("The sending computer is not recorded"));
}

static char *
hdr_route_view_format_date (const HdrHop *hop)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  g_assert (hop != NULL);

  if (hop->date == NULL)
    return g_strdup (_("No date recorded"));

  local = g_date_time_to_local (hop->date);
  /* Translators: a strftime-style format, see g_date_time_format(). */
  text = g_date_time_format (local, _("%-d %B %Y, %H:%M:%S"));

  return g_strdup_printf (_("At %s, your time"), text);
}

static GtkWidget *
hdr_route_view_new_label (const char *text,
                          const char *css_class)
{
  GtkWidget *label;

  g_assert (text != NULL);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A line with an icon in front: the words carry the meaning, the icon and
 * its colour only repeat it. */
static GtkWidget *
hdr_route_view_new_marker (const char *icon_name,
                           const char *text,
                           const char *css_class)
{
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *label;

  /* A GtkGrid, because a horizontal GtkBox in GTK 4.8 measures a wrapping
   * label one pixel short there and warns about overlapping widgets. */
  box = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (box), 6);
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  label = hdr_route_view_new_label (text, NULL);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_grid_attach (GTK_GRID (box), icon, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (box), label, 1, 0, 1, 1);

  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);

  return box;
}

static GtkWidget *
hdr_route_view_new_hop_row (HdrRouteView *self,
                            const HdrHop *hop,
                            gboolean      is_last,
                            gboolean      is_origin)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *rail;
  GtkWidget *step;
  GtkWidget *line;
  GtkWidget *details;
  g_autofree char *step_text = NULL;
  g_autofree char *by_text = NULL;
  g_autofree char *sender_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *delay_text = NULL;

  g_assert (HDR_IS_ROUTE_VIEW (self));
  g_assert (hop != NULL);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "hop");

  /* The rail on the left: the step number and a line down to the next step. */
  rail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  step_text = g_strdup_printf ("%u", hop->index + 1);
  step = gtk_label_new (step_text);
  gtk_widget_add_css_class (step, "hop-step");
  gtk_widget_add_css_class (step, hop->trusted ? "trusted" : "untrusted");
  gtk_widget_set_halign (step, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (rail), step);
  if (!is_last)
    {
      line = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
      gtk_widget_set_vexpand (line, TRUE);
      gtk_widget_set_halign (line, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (line, "hop-line");
      gtk_box_append (GTK_BOX (rail), line);
    }
  gtk_box_append (GTK_BOX (box), rail);

  details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (details, TRUE);
  gtk_widget_add_css_class (details, "hop-details");

  if (hop->by != NULL)
    by_text = g_strdup_printf (_("Received by %s"), hop->by);
  else
    by_text = g_strdup (_("Received by a server that did not give its name"));
  gtk_box_append (GTK_BOX (details), hdr_route_view_new_label (by_text, "heading"));

  sender_text = hdr_route_view_format_sender (hop);
  gtk_box_append (GTK_BOX (details), hdr_route_view_new_label (sender_text, NULL));

  if (hop->from_helo != NULL && hop->from_rdns != NULL
      && g_ascii_strcasecmp (hop->from_helo, hop->from_rdns) != 0)
    {
      g_autofree char *helo_text = g_strdup_printf (_("It called itself “%s”"), hop->from_helo);

      gtk_box_append (GTK_BOX (details), hdr_route_view_new_label (helo_text, "dim-label"));
    }

  date_text = hdr_route_view_format_date (hop);
  delay_text = hdr_route_view_format_delay (hop);
  if (delay_text != NULL)
    {
      g_autofree char *when = g_strdup_printf ("%s · %s", date_text, delay_text);

      gtk_box_append (GTK_BOX (details),
                      hdr_route_view_new_label (when, hop->delay_seconds < 0 ? "warning" : "dim-label"));
    }
  else
    {
      gtk_box_append (GTK_BOX (details), hdr_route_view_new_label (date_text, "dim-label"));
    }

  if (hop->authenticated)
    gtk_box_append (GTK_BOX (details),
                    hdr_route_view_new_marker ("avatar-default-symbolic",
                                               _("Recorded by your provider: the sender logged in to an account to send this"),
                                               "warning"));
  else if (hop->trusted)
    gtk_box_append (GTK_BOX (details),
                    hdr_route_view_new_marker ("security-high-symbolic",
                                               _("Recorded by your provider"),
                                               "success"));
  else if (self->route != NULL
           && hdr_route_get_origin_kind (self->route) == HDR_ORIGIN_MAILING_LIST)
    gtk_box_append (GTK_BOX (details),
                    hdr_route_view_new_marker ("security-low-symbolic",
                                               _("Recorded by the list or before it, not checked"),
                                               "dim-label"));
  else
    gtk_box_append (GTK_BOX (details),
                    hdr_route_view_new_marker ("security-low-symbolic",
                                               _("Written by the sender’s side, may be invented"),
                                               "dim-label"));

  if (is_origin)
    gtk_box_append (GTK_BOX (details),
                    hdr_route_view_new_marker ("find-location-symbolic",
                                               _("Here your provider took the message over"),
                                               "accent"));

  if (hop->flags & HDR_HOP_FLAG_MAY_BE_FORGED)
    gtk_box_append (GTK_BOX (details),
                    hdr_route_view_new_marker ("dialog-warning-symbolic",
                                               _("The receiving server noted that the sender’s name may be forged"),
                                               "warning"));

  if (hop->flags & HDR_HOP_FLAG_FUTURE_DATE)
    gtk_box_append (GTK_BOX (details),
                    hdr_route_view_new_marker ("dialog-warning-symbolic",
                                               _("Dated after the message arrived: this clock is wrong or the date is invented"),
                                               "warning"));

  if (hop->parse_error != NULL)
    {
      g_autofree char *error_text = g_strdup_printf (_("This header could not be read completely: %s"),
                                                     hop->parse_error);

      gtk_box_append (GTK_BOX (details),
                      hdr_route_view_new_marker ("dialog-warning-symbolic", error_text, "error"));
      gtk_box_append (GTK_BOX (details), hdr_route_view_new_label (hop->raw, "monospace"));
    }

  gtk_box_append (GTK_BOX (box), details);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Show this header among the raw headers"));

  return row;
}

char *
hdr_route_view_describe_origin (HdrRoute *route)
{
  const char *ip;
  const char *provider;
  const char *list_id;
  HdrHop *origin_hop;
  g_autofree char *origin_host = NULL;
  g_autofree char *your_provider = NULL;

  g_return_val_if_fail (HDR_IS_ROUTE (route), NULL);

  ip = hdr_route_get_origin_ip (route);
  origin_hop = hdr_route_get_origin_hop (route);
  provider = hdr_route_get_provider_domain (route);
  list_id = hdr_route_get_list_id (route);

  if (ip == NULL)
    return g_strdup (_("No server of your provider recorded which computer handed this message "
                       "over, so where it came from cannot be confirmed."));

  if (origin_hop != NULL && origin_hop->from_rdns != NULL)
    origin_host = g_strdup_printf ("%s (%s)", ip, origin_hop->from_rdns);
  else
    origin_host = g_strdup (ip);

  if (provider != NULL)
    your_provider = g_strdup_printf (_("Your provider (%s)"), provider);
  else
    your_provider = g_strdup (_("Your provider"));

  switch (hdr_route_get_origin_kind (route))
    {
    case HDR_ORIGIN_AUTHENTICATED:
      return g_strdup_printf (_("%s received this from %s, where someone had logged in to an "
                                "account at your provider."),
                              your_provider, origin_host);

    case HDR_ORIGIN_MAILING_LIST:
      if (list_id != NULL)
        return g_strdup_printf (_("%s received this from %s, a server of the mailing list %s. "
                                  "What the list recorded before that was not checked."),
                                your_provider, origin_host, list_id);

      return g_strdup_printf (_("%s received this from the mailing list server %s. What the "
                                "list recorded before that was not checked."),
                              your_provider, origin_host);

    case HDR_ORIGIN_EXTERNAL:
    case HDR_ORIGIN_NONE:
    default:
      return g_strdup_printf (_("%s received this from %s, a computer outside your provider. "
                                "That address is the one part of the path that can be trusted."),
                              your_provider, origin_host);
    }
}

static void
hdr_route_view_row_activated_cb (HdrRouteView  *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list_box)
{
  const HdrHop *hop;
  int index;

  g_assert (HDR_IS_ROUTE_VIEW (self));

  index = gtk_list_box_row_get_index (row);
  if (self->hops == NULL || index < 0 || (guint) index >= self->hops->len)
    return;

  hop = g_ptr_array_index (self->hops, index);
  g_signal_emit (self, signals[HOP_ACTIVATED], 0, hop->header_index);
}

void
hdr_route_view_set_route (HdrRouteView *self,
                          HdrRoute     *route)
{
  GtkWidget *child;
  HdrHop *origin_hop;
  g_autofree char *origin_text = NULL;

  g_return_if_fail (HDR_IS_ROUTE_VIEW (self));
  g_return_if_fail (route == NULL || HDR_IS_ROUTE (route));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  g_set_object (&self->route, route);
  self->hops = route != NULL ? hdr_route_get_hops (route) : NULL;

  if (route == NULL)
    return;

  origin_text = hdr_route_view_describe_origin (route);
  gtk_label_set_text (self->origin_label, origin_text);

  origin_hop = hdr_route_get_origin_hop (route);

  for (guint i = 0; i < self->hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (self->hops, i);

      gtk_list_box_append (self->list_box,
                           hdr_route_view_new_hop_row (self, hop,
                                                       i + 1 == self->hops->len,
                                                       hop == origin_hop));
    }

  if (self->hops->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The message has no Received headers"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("It was never passed between mail servers, or its "
                                     "headers were removed."));
      gtk_list_box_append (self->list_box, row);
    }
}

guint
hdr_route_view_get_n_hops (HdrRouteView *self)
{
  g_return_val_if_fail (HDR_IS_ROUTE_VIEW (self), 0);

  return self->hops != NULL ? self->hops->len : 0;
}

static void
hdr_route_view_dispose (GObject *object)
{
  HdrRouteView *self = HDR_ROUTE_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->hops = NULL;
  g_clear_object (&self->route);

  G_OBJECT_CLASS (hdr_route_view_parent_class)->dispose (object);
}

static void
hdr_route_view_class_init (HdrRouteViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hdr_route_view_dispose;

  /**
   * HdrRouteView::hop-activated:
   * @header_index: HdrHeader.index of the hop's Received field
   *
   * Emitted when the user activates a hop, to show its raw header.
   */
  signals[HOP_ACTIVATED] = g_signal_new ("hop-activated",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "routeview");
}

static void
hdr_route_view_init (HdrRouteView *self)
{
  GtkWidget *title;
  GtkWidget *hint;
  GtkWidget *origin_box;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  title = gtk_label_new (_("Where the Message Came From"));
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (self->box), title);

  hint = hdr_route_view_new_label (_("Each mail server puts its Received header on top of the "
                                     "others, so read raw Received headers from the bottom up: "
                                     "the oldest is at the bottom. Here the oldest step is at "
                                     "the top."),
                                   "dim-label");
  gtk_label_set_selectable (GTK_LABEL (hint), FALSE);
  gtk_box_append (GTK_BOX (self->box), hint);

  origin_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (origin_box, "card");
  gtk_widget_add_css_class (origin_box, "origin");
  self->origin_icon = GTK_IMAGE (gtk_image_new_from_icon_name ("find-location-symbolic"));
  gtk_widget_set_valign (GTK_WIDGET (self->origin_icon), GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->origin_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  self->origin_label = GTK_LABEL (hdr_route_view_new_label ("", NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->origin_label), TRUE);
  gtk_box_append (GTK_BOX (origin_box), GTK_WIDGET (self->origin_icon));
  gtk_box_append (GTK_BOX (origin_box), GTK_WIDGET (self->origin_label));
  gtk_widget_set_margin_top (origin_box, 6);
  gtk_widget_set_margin_bottom (origin_box, 6);
  gtk_box_append (GTK_BOX (self->box), origin_box);

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Steps of the message, oldest first"),
                                  -1);
  g_signal_connect_object (self->list_box,
                           "row-activated",
                           G_CALLBACK (hdr_route_view_row_activated_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list_box));
}
