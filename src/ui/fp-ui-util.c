/* fp-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small things the pages and widgets share: how a day reads, and how a
 * widget made of other widgets expands.
 */

#define G_LOG_DOMAIN "fp-ui-util"

#include "config.h"

#include "fp-ui-util.h"

/**
 * fp_ui_format_day:
 * @day: days since 1970-01-01 (as in core, fp-clock.h)
 * @format: a g_date_time_format() format, such as "%-d %b %Y"
 *
 * Days are shown in UTC, so that a day never moves with the time zone.
 *
 * Returns: (transfer full): the day, without leading or trailing spaces;
 *   an empty string for a day out of range
 */
char *
fp_ui_format_day (gint32      day,
                  const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) day * 86400);
  char *text;

  g_return_val_if_fail (format != NULL, NULL);

  if (dt == NULL)
    return g_strdup ("");
  text = g_date_time_format (dt, format);
  return text != NULL ? g_strstrip (text) : g_strdup ("");
}

/**
 * fp_ui_compute_expand_from_children:
 * @widget: a widget with children
 * @hexpand: (out): whether a child expands horizontally
 * @vexpand: (out): whether a child expands vertically
 *
 * A #GtkWidgetClass.compute_expand for widgets made of other widgets: they
 * expand when a child does, as a #GtkBox or an #AdwBin would. A plain
 * #GtkWidget does not, and its parent then gives it its natural size only.
 */
void
fp_ui_compute_expand_from_children (GtkWidget *widget,
                                    gboolean  *hexpand,
                                    gboolean  *vexpand)
{
  *hexpand = FALSE;
  *vexpand = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      *hexpand = *hexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
      *vexpand = *vexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL);
    }
}

/**
 * fp_ui_is_kiosk:
 * @widget: a widget
 *
 * Whether @widget is in a branch kiosk's window (#FpWindow:kiosk, whose
 * style class is `kiosk`): there, nothing is saved to files (the customer
 * downloads their data on their own device) and no notification is sent.
 *
 * Returns: %TRUE in a kiosk
 */
gboolean
fp_ui_is_kiosk (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  root = gtk_widget_get_root (widget);
  return root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "kiosk");
}
