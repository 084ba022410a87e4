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

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

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

/* Accessible names (issue 16). GTK 4.8 reads a menu button as its inner
 * toggle button, which carries neither the menu button's name nor its
 * tooltip ("GtkMenuButton"), and names a button with a mnemonic by its
 * raw label ("_Erase…"). fp_ui_install_accessibility_fixes() works around
 * both for every widget of the process; fp_ui_set_accessible_name() names
 * a control where its own text is not enough (a figure, a menu button). */

#define NAMED_KEY "fp-ui-accessible-named"

/**
 * fp_ui_strip_mnemonic:
 * @text: a label that may have mnemonics (`_Erase…`, `Save __all`)
 *
 * Returns: (transfer full): @text as it reads: `Erase…`, `Save _all`
 */
char *
fp_ui_strip_mnemonic (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The widget a screen reader reads for @widget: a menu button's inner
 * toggle button, else @widget. */
static GtkWidget *
actionable_of (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkWidget *inner = gtk_widget_get_first_child (widget);

      if (GTK_IS_BUTTON (inner))
        return inner;
    }
  return widget;
}

/* Gives @widget (a button: also the inner button of a menu button) the
 * name and nothing else: GTK 4.8 labels a button by its label child too
 * (`labelled-by`), and reads both. */
static void
apply_name (GtkWidget  *widget,
            const char *name,
            const char *description)
{
  GtkWidget *inner = actionable_of (widget);

  for (GtkWidget *w = widget; w != NULL; w = (w != inner ? inner : NULL))
    {
      if (description != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (w),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                        -1);
      else
        gtk_accessible_update_property (GTK_ACCESSIBLE (w),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                        -1);
      if (GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w))
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
}

/**
 * fp_ui_set_accessible_name:
 * @widget: a control
 * @name: what it is, in context ("Everyday Checking, $27,792.35")
 * @description: (nullable): its explanation
 *
 * Names @widget for assistive technologies, a menu button also on the
 * button inside it that GTK 4.8 reads, and only by @name (not by its
 * label as well); fp_ui_install_accessibility_fixes() then leaves it.
 * Call it again after changing a button's label.
 */
void
fp_ui_set_accessible_name (GtkWidget  *widget,
                           const char *name,
                           const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL);

  g_object_set_data (G_OBJECT (widget), NAMED_KEY, GINT_TO_POINTER (1));
  g_object_set_data (G_OBJECT (actionable_of (widget)), NAMED_KEY, GINT_TO_POINTER (1));
  apply_name (widget, name, description);
}

static void
name_button_from_label (GtkWidget *button,
                        GtkWidget *menu_button)
{
  GtkWidget *owner = menu_button != NULL ? menu_button : button;
  g_autofree char *name = NULL;
  const char *label = NULL;
  GtkWidget *status_page;

  if (g_object_get_data (G_OBJECT (owner), NAMED_KEY) != NULL ||
      g_object_get_data (G_OBJECT (button), NAMED_KEY) != NULL)
    return;

  if (menu_button != NULL)
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button));
  else
    label = gtk_button_get_label (GTK_BUTTON (button));

  if (label != NULL && *label != '\0')
    name = fp_ui_strip_mnemonic (label);
  else
    {
      /* An icon, or a child of its own (AdwButtonContent, a figure): the
       * child's label, else the tooltip. */
      GtkWidget *child = menu_button != NULL ? gtk_menu_button_get_child (GTK_MENU_BUTTON (menu_button))
                                             : gtk_button_get_child (GTK_BUTTON (button));

      if (ADW_IS_BUTTON_CONTENT (child))
        name = fp_ui_strip_mnemonic (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)));
      else if (GTK_IS_LABEL (child))
        name = g_strdup (gtk_label_get_text (GTK_LABEL (child)));
      if ((name == NULL || *name == '\0') && menu_button != NULL)
        {
          g_free (name);
          name = g_strdup (gtk_widget_get_tooltip_text (menu_button));
        }
    }

  if (name == NULL || *name == '\0')
    return;
  /* "Try Again" on a status page: described by what it is about ("You
   * Are Offline"). */
  status_page = gtk_widget_get_ancestor (owner, ADW_TYPE_STATUS_PAGE);
  apply_name (owner, name, status_page != NULL ? adw_status_page_get_title (ADW_STATUS_PAGE (status_page)) : NULL);
}

static void
label_changed_cb (GtkWidget *owner)
{
  GtkWidget *button = actionable_of (owner);

  name_button_from_label (button, button != owner ? owner : NULL);
}

/* GTK 4.8 gives screen readers every page of a stack, also those not
 * shown (the welcome page under the dashboard, an empty state under the
 * list): the pages not shown are marked hidden. */
static void
hide_other_pages (GtkWidget *stack)
{
  if (GTK_IS_STACK (stack))
    {
      GtkWidget *visible = gtk_stack_get_visible_child (GTK_STACK (stack));

      for (GtkWidget *child = gtk_widget_get_first_child (stack); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_stack_get_page (GTK_STACK (stack), child)),
                                     GTK_ACCESSIBLE_STATE_HIDDEN, child != visible,
                                     -1);
    }
  else if (ADW_IS_VIEW_STACK (stack))
    {
      GtkWidget *visible = adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));

      for (GtkWidget *child = gtk_widget_get_first_child (stack); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                     GTK_ACCESSIBLE_STATE_HIDDEN, child != visible,
                                     -1);
    }
}

/* libadwaita 1.2 cuts a preferences group's title at the window's edge
 * ("Wofür Ihre Daten verwendet werden dürf…" at 360 pixels): it wraps. */
static void
wrap_group_title (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "heading"))
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_NONE);
          gtk_label_set_wrap (GTK_LABEL (child), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
          return;
        }
      if (!GTK_IS_LIST_BOX (child))
        wrap_group_title (child);
    }
}

static gboolean
realize_hook_cb (GSignalInvocationHint *hint,
                 guint                  n_values,
                 const GValue          *values,
                 gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);
  GtkWidget *parent;

  if (ADW_IS_PREFERENCES_GROUP (widget) && hint != NULL)
    {
      wrap_group_title (widget);
      return TRUE;
    }
  if (GTK_IS_STACK (widget) || ADW_IS_VIEW_STACK (widget))
    {
      if (g_object_get_data (G_OBJECT (widget), "fp-ui-watched") == NULL)
        {
          g_object_set_data (G_OBJECT (widget), "fp-ui-watched", GINT_TO_POINTER (1));
          g_signal_connect (widget, "notify::visible-child", G_CALLBACK (hide_other_pages), NULL);
        }
      hide_other_pages (widget);
      return TRUE;
    }
  if (!GTK_IS_BUTTON (widget))
    return TRUE;
  parent = gtk_widget_get_parent (widget);
  if (!GTK_IS_MENU_BUTTON (parent))
    parent = NULL;
  if (parent == NULL && !gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      !ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget))))
    return TRUE;

  name_button_from_label (widget, parent);
  if (g_object_get_data (G_OBJECT (widget), "fp-ui-watched") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "fp-ui-watched", GINT_TO_POINTER (1));
      g_signal_connect (parent != NULL ? parent : widget, "notify::label",
                        G_CALLBACK (label_changed_cb), NULL);
      if (parent != NULL)
        g_signal_connect (parent, "notify::tooltip-text", G_CALLBACK (label_changed_cb), NULL);
    }
  return TRUE;
}

static void
fix_button (GtkWidget *widget)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_OBJECT);
  g_value_set_object (&value, widget);
  realize_hook_cb (NULL, 1, &value, NULL);
  g_value_unset (&value);
}

static void
name_row_controls_in (GtkWidget  *row,
                      GtkWidget  *widget,
                      const char *name,
                      const char *description)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if ((GTK_IS_SPIN_BUTTON (child) || GTK_IS_SCALE (child) || GTK_IS_SWITCH (child)) &&
          g_object_get_data (G_OBJECT (child), NAMED_KEY) == NULL)
        fp_ui_set_accessible_name (child, name, description);
      else if (!ADW_IS_ACTION_ROW (child))
        name_row_controls_in (row, child, name, description);
    }
}

/**
 * fp_ui_fix_accessible_names:
 * @root: a widget
 *
 * Names the buttons and menu buttons under @root as
 * fp_ui_install_accessibility_fixes() does when they are shown, and marks
 * the pages of its stacks not shown as hidden. GTK 4.8 gives screen
 * readers every widget, also those never shown: call it after
 * gtk_widget_init_template() and after adding buttons made in code.
 */
void
fp_ui_fix_accessible_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) || GTK_IS_STACK (root) || ADW_IS_VIEW_STACK (root))
    fix_button (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fp_ui_fix_accessible_names (child);
}

/**
 * fp_ui_name_row_controls:
 * @root: a widget with #AdwActionRow<!-- -->s
 *
 * Names each spin button, scale and switch at the end of an action row
 * under @root by the row's title, described by its subtitle ("Extra
 * savings", not "GtkSpinButton"). For controls that have no name of
 * their own; call it after gtk_widget_init_template().
 */
void
fp_ui_name_row_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_ACTION_ROW (root))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (root));
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;

      if (title == NULL || *title == '\0' || !pango_parse_markup (title, -1, 0, NULL, &name, NULL, NULL))
        return;
      if (subtitle != NULL && *subtitle != '\0')
        pango_parse_markup (subtitle, -1, 0, NULL, &description, NULL, NULL);
      name_row_controls_in (root, root, name, description);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fp_ui_name_row_controls (child);
}

static GtkWidget *
find_window_title (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_window_title (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The title of the (sub)page @widget is on: its header bar's. */
static const char *
page_title_of (GtkWidget *widget)
{
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    {
      GtkWidget *title = find_window_title (up);

      if (title != NULL)
        return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
    }
  return NULL;
}

static void
name_dialog_parts (GtkWidget  *widget,
                   const char *version)
{
  if (GTK_IS_SEARCH_ENTRY (widget) && g_object_get_data (G_OBJECT (widget), NAMED_KEY) == NULL)
    fp_ui_set_accessible_name (widget, _("Search"), NULL);
  else if (GTK_IS_TEXT_VIEW (widget) && g_object_get_data (G_OBJECT (widget), NAMED_KEY) == NULL &&
           page_title_of (widget) != NULL)
    /* "Debugging Information", "What’s New": the subpage's title. */
    fp_ui_set_accessible_name (widget, page_title_of (widget), NULL);
  else if (GTK_IS_BUTTON (widget) && version != NULL && gtk_widget_has_css_class (widget, "app-version"))
    {
      /* Translators: the accessible name of the About window's version button */
      g_autofree char *name = g_strdup_printf (_("Version %s"), version);

      fp_ui_set_accessible_name (widget, name, _("Shows what is new in this version"));
    }
  else if (GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))) &&
           g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)))),
                      "go-previous-symbolic") == 0)
    /* Described by the subpage it leaves. */
    fp_ui_set_accessible_name (widget, _("Back"), page_title_of (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_dialog_parts (child, version);
}

/**
 * fp_ui_name_dialog:
 * @dialog: a window made by libadwaita (About, Preferences)
 * @version: (nullable): the version an About window shows
 *
 * Names the parts of libadwaita 1.2's windows that have no usable name
 * (the search entry, the version button, a subpage's back button, the
 * troubleshooting text) and the buttons of every page, also those not
 * shown yet.
 */
void
fp_ui_name_dialog (GtkWidget  *dialog,
                   const char *version)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));

  name_dialog_parts (dialog, version);
  fp_ui_fix_accessible_names (dialog);
}

/**
 * fp_ui_install_accessibility_fixes:
 *
 * Names every button of the process as it is shown (GTK 4.8): a menu
 * button by its label or, for an icon, its tooltip; a button with a
 * mnemonic by its label without the underline. Widgets named with
 * fp_ui_set_accessible_name() keep their names. Call once, before
 * windows are shown.
 */
void
fp_ui_install_accessibility_fixes (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      gpointer klass = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0,
                                  realize_hook_cb, NULL, NULL);
      g_type_class_unref (klass);
      g_once_init_leave (&installed, 1);
    }
}
