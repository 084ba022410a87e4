/* fp-kiosk-screen.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the kiosk puts over its window (fp_window_add_overlay()): the
 * attract screen, the sign-in, or the inactivity warning; nothing while
 * the customer uses the pages. It lays its screens out for portrait or
 * landscape by its own allocation.
 */

#define G_LOG_DOMAIN "fp-kiosk"

#include "config.h"

#include "fp-kiosk-screen.h"
#include "fp-ui-util.h"

struct _FpKioskScreen
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  FpKioskAttract     *attract;
  FpKioskSignIn      *sign_in;
  FpKioskIdleWarning *idle_warning;

  gboolean            portrait;
  guint               portrait_idle_id;
};

G_DEFINE_FINAL_TYPE (FpKioskScreen, fp_kiosk_screen, GTK_TYPE_WIDGET)

static void
apply_portrait (FpKioskScreen *self)
{
  fp_kiosk_sign_in_set_portrait (self->sign_in, self->portrait);
}

static gboolean
portrait_cb (gpointer user_data)
{
  FpKioskScreen *self = user_data;

  self->portrait_idle_id = 0;
  apply_portrait (self);
  return G_SOURCE_REMOVE;
}

static void
fp_kiosk_screen_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  FpKioskScreen *self = FP_KIOSK_SCREEN (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural, NULL, NULL);
}

/* Its own allocation, not a layout manager's: it tells portrait from
 * landscape. */
static void
fp_kiosk_screen_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  FpKioskScreen *self = FP_KIOSK_SCREEN (widget);
  gboolean portrait = height > width;

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);

  /* Relaid out on the next turn, not in the middle of this allocation. */
  if (portrait != self->portrait)
    {
      self->portrait = portrait;
      if (self->portrait_idle_id == 0)
        self->portrait_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, portrait_cb, self, NULL);
    }
}

static void
fp_kiosk_screen_dispose (GObject *object)
{
  FpKioskScreen *self = FP_KIOSK_SCREEN (object);

  g_clear_handle_id (&self->portrait_idle_id, g_source_remove);
  g_clear_pointer ((GtkWidget **) &self->stack, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_KIOSK_SCREEN);

  G_OBJECT_CLASS (fp_kiosk_screen_parent_class)->dispose (object);
}

static void
fp_kiosk_screen_class_init (FpKioskScreenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_kiosk_screen_dispose;
  widget_class->measure = fp_kiosk_screen_measure;
  widget_class->size_allocate = fp_kiosk_screen_size_allocate;

  g_type_ensure (FP_TYPE_KIOSK_ATTRACT);
  g_type_ensure (FP_TYPE_KIOSK_SIGN_IN);
  g_type_ensure (FP_TYPE_KIOSK_IDLE_WARNING);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-kiosk-screen.ui");
  gtk_widget_class_bind_template_child (widget_class, FpKioskScreen, stack);
  gtk_widget_class_bind_template_child (widget_class, FpKioskScreen, attract);
  gtk_widget_class_bind_template_child (widget_class, FpKioskScreen, sign_in);
  gtk_widget_class_bind_template_child (widget_class, FpKioskScreen, idle_warning);
}

static void
fp_kiosk_screen_init (FpKioskScreen *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_kiosk_screen_new (void)
{
  return g_object_new (FP_TYPE_KIOSK_SCREEN, NULL);
}

/**
 * fp_kiosk_screen_show:
 * @self: a #FpKioskScreen
 * @name: (nullable): `attract`, `sign-in` or `idle`; %NULL to show the
 *   window under it
 */
void
fp_kiosk_screen_show (FpKioskScreen *self,
                      const char    *name)
{
  g_return_if_fail (FP_IS_KIOSK_SCREEN (self));

  gtk_widget_set_visible (GTK_WIDGET (self), name != NULL);
  if (name != NULL)
    gtk_stack_set_visible_child_name (self->stack, name);
}

/**
 * fp_kiosk_screen_get_shown:
 * @self: a #FpKioskScreen
 *
 * Returns: (nullable): the screen shown, %NULL when none is
 */
const char *
fp_kiosk_screen_get_shown (FpKioskScreen *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SCREEN (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self)) ? gtk_stack_get_visible_child_name (self->stack) : NULL;
}

gboolean
fp_kiosk_screen_get_portrait (FpKioskScreen *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SCREEN (self), FALSE);

  return self->portrait;
}

/**
 * fp_kiosk_screen_get_attract:
 * @self: a #FpKioskScreen
 *
 * Returns: (transfer none): the attract screen
 */
FpKioskAttract *
fp_kiosk_screen_get_attract (FpKioskScreen *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SCREEN (self), NULL);

  return self->attract;
}

/**
 * fp_kiosk_screen_get_sign_in:
 * @self: a #FpKioskScreen
 *
 * Returns: (transfer none): the sign-in screen
 */
FpKioskSignIn *
fp_kiosk_screen_get_sign_in (FpKioskScreen *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SCREEN (self), NULL);

  return self->sign_in;
}

/**
 * fp_kiosk_screen_get_idle_warning:
 * @self: a #FpKioskScreen
 *
 * Returns: (transfer none): the inactivity warning
 */
FpKioskIdleWarning *
fp_kiosk_screen_get_idle_warning (FpKioskScreen *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SCREEN (self), NULL);

  return self->idle_warning;
}
