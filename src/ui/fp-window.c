/* fp-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-activity-page.h"
#include "fp-assistant-page.h"
#include "fp-card.h"
#include "fp-dashboard-page.h"
#include "fp-offers-page.h"
#include "fp-privacy-page.h"
#include "fp-time-machine-page.h"
#include "fp-window-private.h"
#include "fp-ui-util.h"



G_DEFINE_FINAL_TYPE (FpWindow, fp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_REMEMBER_SIZE,
  PROP_NARROW,
  PROP_KIOSK,
  PROP_HIDE_BALANCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count_visible_pages (FpWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  guint visible = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (adw_view_stack_page_get_visible (page))
        visible++;
    }

  return visible;
}

void
_fp_window_update_main_stack (FpWindow *self)
{
  const char *name = _fp_window_session_stack_name (self);

  if (name == NULL)
    name = count_visible_pages (self) > 0 ? "pages" : "welcome";

  gtk_stack_set_visible_child_name (self->main_stack, name);

  /* No page switcher (nor its focus stop) on the welcome page, the
   * consent step or a failure: there is nothing to switch to yet. */
  adw_view_switcher_title_set_stack (self->switcher_title,
                                     g_str_equal (name, "pages") ? self->stack : NULL);
  adw_view_switcher_bar_set_stack (self->switcher_bar,
                                   g_str_equal (name, "pages") ? self->stack : NULL);
}

static void
page_visible_cb (AdwViewStackPage *page,
                 GParamSpec       *pspec,
                 FpWindow         *self)
{
  if (self->stack != NULL && self->main_stack != NULL)
    _fp_window_update_main_stack (self);
}

static void
pages_changed_cb (GListModel *pages,
                  guint       position,
                  guint       removed,
                  guint       added,
                  FpWindow   *self)
{
  /* The stack empties itself while the template is disposed. */
  if (self->stack == NULL || self->main_stack == NULL)
    return;

  /* A page becomes available or not by its visibility. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);

      g_signal_connect_object (page, "notify::visible", G_CALLBACK (page_visible_cb), self, 0);
    }

  _fp_window_update_main_stack (self);
}

static void
go_to_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  int wanted = g_variant_get_int32 (parameter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  int seen = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (!adw_view_stack_page_get_visible (page))
        continue;
      if (++seen == wanted)
        {
          adw_view_stack_set_visible_child (self->stack, adw_view_stack_page_get_child (page));
          return;
        }
    }

  gtk_widget_error_bell (widget);
}

static void
restore_window_state (FpWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 480));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (FpWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
update_narrow_cb (gpointer user_data)
{
  FpWindow *self = FP_WINDOW (user_data);
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH;

  self->narrow_idle_id = 0;
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
    }

  return G_SOURCE_REMOVE;
}

/* Before the window is shown, its default size decides: pages laid out
 * wide would otherwise ask for a minimum width that keeps a 360-pixel
 * window from ever becoming narrow. */
static void
default_width_cb (FpWindow   *self,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  int width, height;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && (width < NARROW_WIDTH) != self->narrow)
    {
      self->narrow = width < NARROW_WIDTH;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
    }
}

static void
fp_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  FpWindow *self = FP_WINDOW (widget);

  GTK_WIDGET_CLASS (fp_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Pages relayout when this changes; doing that during this allocation
   * would resize them in the middle of it, so it waits for the next turn
   * of the main loop. */
  if ((width < NARROW_WIDTH) != self->narrow && self->narrow_idle_id == 0)
    self->narrow_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_narrow_cb, self, NULL);
}

static gboolean
fp_window_close_request (GtkWindow *window)
{
  FpWindow *self = FP_WINDOW (window);

  /* A kiosk's customer cannot close it; the kiosk destroys its windows. */
  if (self->kiosk)
    return TRUE;

  g_cancellable_cancel (self->cancellable);
  if (self->remember_size)
    save_window_state (self);

  return GTK_WINDOW_CLASS (fp_window_parent_class)->close_request (window);
}

static void
fp_window_constructed (GObject *object)
{
  FpWindow *self = FP_WINDOW (object);
  g_autoptr(GtkSelectionModel) pages = NULL;

  G_OBJECT_CLASS (fp_window_parent_class)->constructed (object);

  if (self->remember_size)
    restore_window_state (self);

  /* A kiosk: no window controls, no menu (Preferences, shortcuts, About),
   * styled for touch (style.css, `window.kiosk`). */
  if (self->kiosk)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk");
      gtk_window_set_deletable (GTK_WINDOW (self), FALSE);
      gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
      adw_header_bar_set_show_start_title_buttons (self->header_bar, FALSE);
      adw_header_bar_set_show_end_title_buttons (self->header_bar, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->menu_button), FALSE);
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), NULL);
    }

  pages = adw_view_stack_get_pages (self->stack);
  g_signal_connect_object (pages, "items-changed", G_CALLBACK (pages_changed_cb), self, 0);
  pages_changed_cb (G_LIST_MODEL (pages), 0, 0, g_list_model_get_n_items (G_LIST_MODEL (pages)), self);
}

static void
fp_window_dispose (GObject *object)
{
  FpWindow *self = FP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->narrow_idle_id, g_source_remove);
  _fp_window_session_dispose (self);
  /* The template's root is the window's content, which the window parents
   * itself; drop it first so that disposing the template does not unparent
   * it a second time. */
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_WINDOW);

  G_OBJECT_CLASS (fp_window_parent_class)->dispose (object);
}

static void
fp_window_finalize (GObject *object)
{
  FpWindow *self = FP_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (fp_window_parent_class)->finalize (object);
}

static void
fp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FpWindow *self = FP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REMEMBER_SIZE:
      self->remember_size = g_value_get_boolean (value);
      break;

    case PROP_KIOSK:
      self->kiosk = g_value_get_boolean (value);
      break;

    case PROP_HIDE_BALANCES:
      fp_window_set_hide_balances (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FpWindow *self = FP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REMEMBER_SIZE:
      g_value_set_boolean (value, self->remember_size);
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    case PROP_KIOSK:
      g_value_set_boolean (value, self->kiosk);
      break;

    case PROP_HIDE_BALANCES:
      g_value_set_boolean (value, self->hide_balances);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The regions F6 moves between: the header bar, then each card shown on
 * the page (a card is a group a keyboard user can skip), else the page. */
static void
collect_regions (GtkWidget *widget,
                 GPtrArray *regions)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (FP_IS_CARD (widget))
    {
      g_ptr_array_add (regions, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_regions (child, regions);
}

static gboolean
move_region_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  FpWindow *self = FP_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *page = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "pages") == 0
                    ? adw_view_stack_get_visible_child (self->stack)
                    : gtk_stack_get_visible_child (self->main_stack);
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  int step = g_variant_get_int32 (args);
  int current = -1;
  int n;

  g_ptr_array_add (regions, self->header_bar);
  if (page != NULL)
    {
      guint before = regions->len;

      collect_regions (page, regions);
      if (regions->len == before)
        g_ptr_array_add (regions, page);
    }
  n = (int) regions->len;
  for (int i = 0; i < n; i++)
    {
      GtkWidget *region = g_ptr_array_index (regions, i);

      if (focus != NULL && (focus == region || gtk_widget_is_ancestor (focus, region)))
        current = i;
    }
  for (int k = 1; k <= n; k++)
    {
      int i = (((current + step * k) % n) + n) % n;

      if (current < 0 && step < 0 && k == 1)
        i = n - 1;
      if (gtk_widget_child_focus (g_ptr_array_index (regions, i), GTK_DIR_TAB_FORWARD))
        return TRUE;
    }
  return TRUE;
}

static void
fp_window_class_init (FpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = fp_window_constructed;
  object_class->dispose = fp_window_dispose;
  object_class->finalize = fp_window_finalize;
  object_class->set_property = fp_window_set_property;
  object_class->get_property = fp_window_get_property;

  widget_class->size_allocate = fp_window_size_allocate;

  window_class->close_request = fp_window_close_request;

  /**
   * FpWindow:remember-size:
   *
   * Whether the window restores and saves its size in GSettings; off for
   * screenshot runs, which ask for an exact size.
   */
  properties[PROP_REMEMBER_SIZE] =
    g_param_spec_boolean ("remember-size", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FpWindow:narrow:
   *
   * Whether the window is narrower than 720 pixels. Pages bind their own
   * `narrow` property to it in the template and stack their panes.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpWindow:kiosk:
   *
   * A branch kiosk's window: no window controls and no menu; the kiosk
   * (`src/ui/kiosk/`) adds its screens and buttons. Pages ask
   * fp_ui_is_kiosk() before they save files or send notifications.
   */
  properties[PROP_KIOSK] =
    g_param_spec_boolean ("kiosk", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FpWindow:hide-balances:
   *
   * Whether balances are hidden until tapped (shoulder-surfing): every
   * #FpFigure marked as a balance in the window honours it.
   */
  properties[PROP_HIDE_BALANCES] =
    g_param_spec_boolean ("hide-balances", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FP_TYPE_ACTIVITY_PAGE);
  g_type_ensure (FP_TYPE_ASSISTANT_PAGE);
  g_type_ensure (FP_TYPE_DASHBOARD_PAGE);
  g_type_ensure (FP_TYPE_OFFERS_PAGE);
  g_type_ensure (FP_TYPE_PRIVACY_PAGE);
  g_type_ensure (FP_TYPE_TIME_MACHINE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FpWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, welcome_page);

  gtk_widget_class_install_action (widget_class, "win.go-to-page", "i", go_to_page_action);
  _fp_window_session_class_init (widget_class);
  for (int i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_ALT_MASK,
                                         "win.go-to-page", "i", i);
  /* F6 and Shift+F6: the next or previous region (the header bar, each
   * card of the page), so that a keyboard user skips a card's stops. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, 0, move_region_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, move_region_cb, "i", -1);
}

/* Each page is a region a screen reader names by its title ("Dashboard"),
 * not by its class. */
static void
name_pages (FpWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *title = adw_view_stack_page_get_title (page);

      if (title != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (adw_view_stack_page_get_child (page)),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                        -1);
    }
}

static void
fp_window_init (FpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  name_pages (self);

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();

  _fp_window_session_init (self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (default_width_cb), NULL);

  g_object_bind_property (self->switcher_title, "title-visible",
                          self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
}

/**
 * fp_window_new:
 * @application: the application
 * @remember_size: whether to restore and save the size in GSettings
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
FpWindow *
fp_window_new (AdwApplication *application,
               gboolean        remember_size)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);

  return g_object_new (FP_TYPE_WINDOW,
                       "application", application,
                       "remember-size", remember_size,
                       NULL);
}

/**
 * fp_window_get_narrow:
 * @self: a #FpWindow
 *
 * Returns: whether the window is narrower than 720 pixels
 */
gboolean
fp_window_get_narrow (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), FALSE);

  return self->narrow;
}

/**
 * fp_window_list_pages:
 * @self: a #FpWindow
 *
 * Lists the pages a customer can reach, in navigation order; `welcome`
 * alone while no page is available.
 *
 * Returns: (transfer full): the page names
 */
char **
fp_window_list_pages (FpWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GtkSelectionModel) pages = NULL;
  guint n;

  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);

  pages = adw_view_stack_get_pages (self->stack);
  n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (adw_view_stack_page_get_visible (page))
        g_strv_builder_add (builder, adw_view_stack_page_get_name (page));
    }

  if (count_visible_pages (self) == 0)
    g_strv_builder_add (builder, "welcome");

  return g_strv_builder_end (builder);
}

/**
 * fp_window_show_page:
 * @self: a #FpWindow
 * @name: a name from fp_window_list_pages()
 *
 * Returns: %TRUE if the page exists and is now shown
 */
gboolean
fp_window_show_page (FpWindow   *self,
                     const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (FP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_equal (name, "welcome"))
    return count_visible_pages (self) == 0;

  child = adw_view_stack_get_child_by_name (self->stack, name);
  if (child == NULL)
    return FALSE;

  adw_view_stack_set_visible_child (self->stack, child);
  return TRUE;
}

/**
 * fp_window_add_toast:
 * @self: a #FpWindow
 * @message: a sentence for the customer
 *
 * Shows @message briefly at the bottom of the window.
 */
void
fp_window_add_toast (FpWindow   *self,
                     const char *message)
{
  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

gboolean
fp_window_get_kiosk (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), FALSE);

  return self->kiosk;
}

gboolean
fp_window_get_hide_balances (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), FALSE);

  return self->hide_balances;
}

/**
 * fp_window_set_hide_balances:
 * @self: a #FpWindow
 * @hide_balances: whether balances show as dots until tapped
 */
void
fp_window_set_hide_balances (FpWindow *self,
                             gboolean  hide_balances)
{
  g_return_if_fail (FP_IS_WINDOW (self));

  hide_balances = !!hide_balances;
  if (self->hide_balances == hide_balances)
    return;
  self->hide_balances = hide_balances;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_BALANCES]);
}

/**
 * fp_window_add_overlay:
 * @self: a #FpWindow
 * @overlay: a widget to show over the whole window (header included)
 *
 * For the kiosk's screens; see fp_window_set_covered().
 */
void
fp_window_add_overlay (FpWindow  *self,
                       GtkWidget *overlay)
{
  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (overlay));

  gtk_overlay_add_overlay (self->overlay, overlay);
}

/**
 * fp_window_set_covered:
 * @self: a #FpWindow
 * @covered: whether an overlay covers the window
 *
 * While covered, nothing under the overlays takes input or keyboard
 * focus.
 */
void
fp_window_set_covered (FpWindow *self,
                       gboolean  covered)
{
  g_return_if_fail (FP_IS_WINDOW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->toast_overlay), !covered);
}

/**
 * fp_window_add_header_widget:
 * @self: a #FpWindow
 * @widget: a button for the header bar's end
 */
void
fp_window_add_header_widget (FpWindow  *self,
                             GtkWidget *widget)
{
  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  adw_header_bar_pack_end (self->header_bar, widget);
}
