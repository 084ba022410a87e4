/* fp-kiosk-attract.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's attract screen, in the bank's colours: "Scan to sign in"
 * and a large start button. A tap anywhere, a click or Enter starts
 * (`kiosk.start`). After a session it says that the customer is signed out
 * and their data erased; while that happens, it says so and waits.
 */

#define G_LOG_DOMAIN "fp-kiosk"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-kiosk-attract.h"
#include "fp-ui-util.h"

struct _FpKioskAttract
{
  AdwBin     parent_instance;

  GtkButton *start_button;
  GtkWidget *ending_box;
  GtkLabel  *note_label;
  GtkLabel  *privacy_label;
};

G_DEFINE_FINAL_TYPE (FpKioskAttract, fp_kiosk_attract, ADW_TYPE_BIN)

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            FpKioskAttract  *self)
{
  /* A tap anywhere on the screen starts, not only on the button. */
  gtk_widget_activate_action (GTK_WIDGET (self), "kiosk.start", NULL);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                FpKioskAttract        *self)
{
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      gtk_widget_activate_action (GTK_WIDGET (self), "kiosk.start", NULL);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
map_cb (FpKioskAttract *self)
{
  /* Enter works at once, without Tab first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->start_button));
}

static void
fp_kiosk_attract_dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_KIOSK_ATTRACT);

  G_OBJECT_CLASS (fp_kiosk_attract_parent_class)->dispose (object);
}

static void
fp_kiosk_attract_class_init (FpKioskAttractClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fp_kiosk_attract_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-kiosk-attract.ui");
  gtk_widget_class_bind_template_child (widget_class, FpKioskAttract, start_button);
  gtk_widget_class_bind_template_child (widget_class, FpKioskAttract, ending_box);
  gtk_widget_class_bind_template_child (widget_class, FpKioskAttract, note_label);
  gtk_widget_class_bind_template_child (widget_class, FpKioskAttract, privacy_label);
}

static void
fp_kiosk_attract_init (FpKioskAttract *self)
{
  GtkGesture *click;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  fp_kiosk_attract_set_timeouts (self, 120, TRUE);
}

GtkWidget *
fp_kiosk_attract_new (void)
{
  return g_object_new (FP_TYPE_KIOSK_ATTRACT, NULL);
}

/**
 * fp_kiosk_attract_set_note:
 * @self: a #FpKioskAttract
 * @note: (nullable): what happened to the last customer's session
 */
void
fp_kiosk_attract_set_note (FpKioskAttract *self,
                           const char     *note)
{
  g_return_if_fail (FP_IS_KIOSK_ATTRACT (self));

  gtk_label_set_label (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

const char *
fp_kiosk_attract_get_note (FpKioskAttract *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_ATTRACT (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->note_label))
         ? gtk_label_get_label (self->note_label) : NULL;
}

/**
 * fp_kiosk_attract_set_ending:
 * @self: a #FpKioskAttract
 * @ending: whether the last session is still being ended
 */
void
fp_kiosk_attract_set_ending (FpKioskAttract *self,
                             gboolean        ending)
{
  g_return_if_fail (FP_IS_KIOSK_ATTRACT (self));

  gtk_widget_set_visible (self->ending_box, ending);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button), !ending);
}

/**
 * fp_kiosk_attract_set_timeouts:
 * @self: a #FpKioskAttract
 * @idle_seconds: the inactivity timeout the branch set
 * @hide_balances: whether balances are hidden until tapped
 *
 * The fine print: what protects the customer here.
 */
void
fp_kiosk_attract_set_timeouts (FpKioskAttract *self,
                               guint           idle_seconds,
                               gboolean        hide_balances)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (FP_IS_KIOSK_ATTRACT (self));

  if (idle_seconds % 60 == 0)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", idle_seconds / 60),
                            idle_seconds / 60);
  else
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", idle_seconds),
                            idle_seconds);
  /* Translators: %s is "2 minutes" or "90 seconds" */
  text = g_strdup_printf (hide_balances
                          ? _("Nothing of yours stays on this kiosk: when you sign out, or after %s without a touch, everything is erased. Balances stay hidden until you tap them.")
                          : _("Nothing of yours stays on this kiosk: when you sign out, or after %s without a touch, everything is erased."),
                          when);
  gtk_label_set_label (self->privacy_label, text);
}
