/* fp-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small things the pages and widgets share: how a day reads, how a
 * widget made of other widgets expands, and spin buttons that write and
 * read numbers as the locale does (core's one formatter).
 */

#define G_LOG_DOMAIN "fp-ui-util"

#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "fp-format.h"
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

static gboolean
spin_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = fp_format_number (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)),
                                            gtk_spin_button_get_digits (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value,
               gpointer       user_data)
{
  g_autofree char *number = fp_ui_parse_number_text (gtk_editable_get_text (GTK_EDITABLE (spin)));
  char *end = NULL;
  double value;

  if (number == NULL)
    return GTK_INPUT_ERROR;
  value = g_ascii_strtod (number, &end);
  if (end == number || *end != '\0')
    return GTK_INPUT_ERROR;
  *new_value = value;
  return TRUE;
}

/**
 * fp_ui_parse_number_text:
 * @text: a number as a person types it in the locale: `47,346`,
 *   `47.346`, `1,5` (German), `−3` (with U+2212), with grouping or not
 *
 * Returns: (transfer full) (nullable): the number in the C locale
 *   (`47346`, `1.5`, `-3`) for g_ascii_strtod(), or %NULL when @text has
 *   something else than digits, one decimal mark, group separators and a
 *   leading sign
 */
char *
fp_ui_parse_number_text (const char *text)
{
  const char *decimal = nl_langinfo (RADIXCHAR);
  const char *thousands = nl_langinfo (THOUSEP);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean seen_decimal = FALSE;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (decimal == NULL || *decimal == '\0')
    decimal = ".";
  /* As core's formatter groups: the locale's separator, or the other of
   * "," and "." when the locale has none. */
  if (thousands == NULL || *thousands == '\0' || strcmp (thousands, decimal) == 0)
    thousands = strcmp (decimal, ",") == 0 ? "." : ",";

  for (p = text; g_unichar_isspace (g_utf8_get_char (p)); p = g_utf8_next_char (p))
    ;
  if (g_str_has_prefix (p, FP_FORMAT_MINUS))
    {
      g_string_append_c (out, '-');
      p += strlen (FP_FORMAT_MINUS);
    }
  else if (*p == '-' || *p == '+')
    {
      if (*p == '-')
        g_string_append_c (out, '-');
      p++;
    }

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          g_string_append_c (out, (char) c);
          p++;
        }
      else if (!seen_decimal && g_str_has_prefix (p, decimal))
        {
          g_string_append_c (out, '.');
          seen_decimal = TRUE;
          p += strlen (decimal);
        }
      else if (!seen_decimal && g_str_has_prefix (p, thousands))
        p += strlen (thousands);
      else if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        p = g_utf8_next_char (p);
      else
        return NULL;
    }
  if (out->len == 0 || (out->len == 1 && out->str[0] == '-'))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * fp_ui_spin_button_use_locale:
 * @spin: a spin button
 *
 * Makes @spin write its value as core's formatter does (`47,346`,
 * German `47.346`, `1,5`, a true minus) and read what a person types in
 * the locale, with or without the group separators.
 */
void
fp_ui_spin_button_use_locale (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (spin_input_cb), NULL);
  gtk_spin_button_set_numeric (spin, FALSE);
  spin_output_cb (spin, NULL);
}

/**
 * fp_ui_spin_buttons_use_locale:
 * @widget: a widget
 *
 * fp_ui_spin_button_use_locale() for every spin button in @widget.
 */
void
fp_ui_spin_buttons_use_locale (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_SPIN_BUTTON (widget))
    {
      fp_ui_spin_button_use_locale (GTK_SPIN_BUTTON (widget));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fp_ui_spin_buttons_use_locale (child);
}
