/* fp-kiosk-idle-warning.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Are you still there?" over the dimmed session, with the seconds left
 * before the kiosk signs out by itself, Sign Out (`kiosk.sign-out`) and
 * I'm Still Here (`kiosk.stay`; any touch does the same).
 */

#define G_LOG_DOMAIN "fp-kiosk"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-kiosk-idle-warning.h"
#include "fp-ui-util.h"

struct _FpKioskIdleWarning
{
  AdwBin     parent_instance;

  GtkLabel  *seconds_label;
  GtkLabel  *message_label;
  GtkWidget *stay_button;
};

G_DEFINE_FINAL_TYPE (FpKioskIdleWarning, fp_kiosk_idle_warning, ADW_TYPE_BIN)

static void
map_cb (FpKioskIdleWarning *self)
{
  gtk_widget_grab_focus (self->stay_button);
}

static void
fp_kiosk_idle_warning_dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_KIOSK_IDLE_WARNING);

  G_OBJECT_CLASS (fp_kiosk_idle_warning_parent_class)->dispose (object);
}

static void
fp_kiosk_idle_warning_class_init (FpKioskIdleWarningClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fp_kiosk_idle_warning_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-kiosk-idle-warning.ui");
  gtk_widget_class_bind_template_child (widget_class, FpKioskIdleWarning, seconds_label);
  gtk_widget_class_bind_template_child (widget_class, FpKioskIdleWarning, message_label);
  gtk_widget_class_bind_template_child (widget_class, FpKioskIdleWarning, stay_button);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT_DIALOG);
}

static void
fp_kiosk_idle_warning_init (FpKioskIdleWarning *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  fp_kiosk_idle_warning_set_seconds_left (self, 30);
}

GtkWidget *
fp_kiosk_idle_warning_new (void)
{
  return g_object_new (FP_TYPE_KIOSK_IDLE_WARNING, NULL);
}

/**
 * fp_kiosk_idle_warning_set_seconds_left:
 * @self: a #FpKioskIdleWarning
 * @seconds: seconds until the session ends
 */
void
fp_kiosk_idle_warning_set_seconds_left (FpKioskIdleWarning *self,
                                        int                 seconds)
{
  g_autofree char *number = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (FP_IS_KIOSK_IDLE_WARNING (self));

  seconds = MAX (seconds, 0);
  number = g_strdup_printf ("%d", seconds);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "For your privacy, you will be signed out in %d second and everything of yours will be erased from this kiosk.",
                                          "For your privacy, you will be signed out in %d seconds and everything of yours will be erased from this kiosk.",
                                          (gulong) seconds),
                             seconds);
  gtk_label_set_label (self->seconds_label, number);
  gtk_label_set_label (self->message_label, message);
}

const char *
fp_kiosk_idle_warning_get_message (FpKioskIdleWarning *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_IDLE_WARNING (self), NULL);

  return gtk_label_get_label (self->message_label);
}
