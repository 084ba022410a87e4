/* fp-onboarding-consent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent step after the first sign-in. Every purpose is explained and
 * nothing is pre-ticked. "Continue with None" and "Allow All" are the same
 * size and style, side by side (stacked when narrow): refusing is as easy
 * as accepting, and neither is the suggested action. Per-purpose switches
 * (FpConsentRow, not bound to the policy until the customer continues)
 * turn the first button into "Continue with These Choices".
 *
 * When done, the choices are applied to the given #FpConsentPolicy (only
 * the grants: every purpose starts revoked, so "none" records nothing) and
 * #FpOnboardingConsent::done is emitted with a mask of the granted purposes.
 */

#define G_LOG_DOMAIN "fp-onboarding-consent"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-consent-row.h"
#include "fp-onboarding-consent.h"
#include "fp-ui-util.h"

struct _FpOnboardingConsent
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkBox              *content_box;
  GtkImage            *icon;
  AdwPreferencesGroup *purposes_group;
  GtkBox              *buttons_box;
  GtkButton           *none_button;
  GtkButton           *all_button;

  /* Owned references */
  FpConsentPolicy     *policy;

  FpConsentRow        *rows[FP_N_PURPOSES];
  gboolean             narrow;
};

G_DEFINE_FINAL_TYPE (FpOnboardingConsent, fp_onboarding_consent, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONSENT_POLICY,
  PROP_NARROW,
  N_PROPS
};

enum {
  DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static guint
chosen_mask (FpOnboardingConsent *self)
{
  guint mask = 0;

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    if (fp_consent_row_get_active (self->rows[i]))
      mask |= 1u << i;
  return mask;
}

static void
update_buttons (FpOnboardingConsent *self)
{
  if (chosen_mask (self) == 0)
    gtk_button_set_label (self->none_button, _("_Continue with None"));
  else
    gtk_button_set_label (self->none_button, _("_Continue with These Choices"));
}

static void
switch_active_cb (FpOnboardingConsent *self)
{
  update_buttons (self);
}

static void
finish (FpOnboardingConsent *self,
        guint                mask)
{
  gint64 now = g_get_real_time ();
  guint n_granted = 0;

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    if (mask & (1u << i))
      {
        n_granted++;
        if (self->policy != NULL)
          fp_consent_policy_set (self->policy, (FpPurpose) i, FP_CONSENT_GRANTED, now);
      }

  g_debug ("Onboarding done: %u of %u purposes allowed", n_granted, (guint) FP_N_PURPOSES);
  g_signal_emit (self, signals[DONE], 0, mask);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FpOnboardingConsent *self = FP_ONBOARDING_CONSENT (widget);

  finish (self, chosen_mask (self));
}

static void
allow_all_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FpOnboardingConsent *self = FP_ONBOARDING_CONSENT (widget);

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    fp_consent_row_set_active (self->rows[i], TRUE);
  finish (self, (1u << FP_N_PURPOSES) - 1);
}

static void
fp_onboarding_consent_dispose (GObject *object)
{
  FpOnboardingConsent *self = (FpOnboardingConsent *) object;

  g_clear_object (&self->policy);

  G_OBJECT_CLASS (fp_onboarding_consent_parent_class)->dispose (object);
}

static void
fp_onboarding_consent_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FpOnboardingConsent *self = FP_ONBOARDING_CONSENT (object);

  switch (prop_id)
    {
    case PROP_CONSENT_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_onboarding_consent_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FpOnboardingConsent *self = FP_ONBOARDING_CONSENT (object);

  switch (prop_id)
    {
    case PROP_CONSENT_POLICY:
      fp_onboarding_consent_set_consent_policy (self, g_value_get_object (value));
      break;
    case PROP_NARROW:
      fp_onboarding_consent_set_narrow (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_onboarding_consent_class_init (FpOnboardingConsentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_onboarding_consent_dispose;
  object_class->get_property = fp_onboarding_consent_get_property;
  object_class->set_property = fp_onboarding_consent_set_property;

  /**
   * FpOnboardingConsent:consent-policy: (nullable)
   *
   * The policy the choices are applied to when the customer continues.
   */
  properties[PROP_CONSENT_POLICY] =
    g_param_spec_object ("consent-policy", NULL, NULL, FP_TYPE_CONSENT_POLICY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpOnboardingConsent:narrow:
   *
   * Stacks the two buttons on narrow screens.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpOnboardingConsent::done:
   * @self: the step
   * @granted: a mask of the purposes allowed, bit (1 << #FpPurpose)
   *
   * The customer continued; the choices are already applied to
   * #FpOnboardingConsent:consent-policy if one was set.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-onboarding-consent.ui");
  gtk_widget_class_bind_template_child (widget_class, FpOnboardingConsent, content_box);
  gtk_widget_class_bind_template_child (widget_class, FpOnboardingConsent, icon);
  gtk_widget_class_bind_template_child (widget_class, FpOnboardingConsent, purposes_group);
  gtk_widget_class_bind_template_child (widget_class, FpOnboardingConsent, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, FpOnboardingConsent, none_button);
  gtk_widget_class_bind_template_child (widget_class, FpOnboardingConsent, all_button);

  gtk_widget_class_install_action (widget_class, "onboarding.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "onboarding.allow-all", NULL, allow_all_action);
}

static void
fp_onboarding_consent_init (FpOnboardingConsent *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));

  /* Nothing is pre-ticked. */
  for (guint i = 0; i < FP_N_PURPOSES; i++)
    {
      self->rows[i] = FP_CONSENT_ROW (fp_consent_row_new ((FpPurpose) i));
      g_signal_connect_object (self->rows[i], "notify::active", G_CALLBACK (switch_active_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->purposes_group, GTK_WIDGET (self->rows[i]));
    }

  update_buttons (self);
}

/**
 * fp_onboarding_consent_new:
 * @policy: (nullable): the policy to apply the choices to
 *
 * Returns: (transfer floating): the consent step
 */
GtkWidget *
fp_onboarding_consent_new (FpConsentPolicy *policy)
{
  g_return_val_if_fail (policy == NULL || FP_IS_CONSENT_POLICY (policy), NULL);

  return g_object_new (FP_TYPE_ONBOARDING_CONSENT,
                       "consent-policy", policy,
                       NULL);
}

FpConsentPolicy *
fp_onboarding_consent_get_consent_policy (FpOnboardingConsent *self)
{
  g_return_val_if_fail (FP_IS_ONBOARDING_CONSENT (self), NULL);

  return self->policy;
}

void
fp_onboarding_consent_set_consent_policy (FpOnboardingConsent *self,
                                          FpConsentPolicy     *policy)
{
  g_return_if_fail (FP_IS_ONBOARDING_CONSENT (self));
  g_return_if_fail (policy == NULL || FP_IS_CONSENT_POLICY (policy));

  if (g_set_object (&self->policy, policy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_POLICY]);
}

gboolean
fp_onboarding_consent_get_narrow (FpOnboardingConsent *self)
{
  g_return_val_if_fail (FP_IS_ONBOARDING_CONSENT (self), FALSE);

  return self->narrow;
}

void
fp_onboarding_consent_set_narrow (FpOnboardingConsent *self,
                                  gboolean             narrow)
{
  g_return_if_fail (FP_IS_ONBOARDING_CONSENT (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;

  self->narrow = narrow;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->buttons_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_halign (GTK_WIDGET (self->buttons_box), narrow ? GTK_ALIGN_FILL : GTK_ALIGN_CENTER);
  gtk_box_set_spacing (self->buttons_box, narrow ? 6 : 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->buttons_box), narrow ? 6 : 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->buttons_box), narrow ? 6 : 12);
  /* Every line counts on a phone-sized kiosk screen. */
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !narrow);
  gtk_box_set_spacing (self->content_box, narrow ? 12 : 24);
  gtk_widget_set_margin_top (GTK_WIDGET (self->content_box), narrow ? 12 : 24);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

/**
 * fp_onboarding_consent_get_chosen:
 * @self: the step
 * @purpose: a purpose
 *
 * Returns: whether the switch of @purpose is on
 */
gboolean
fp_onboarding_consent_get_chosen (FpOnboardingConsent *self,
                                  FpPurpose            purpose)
{
  g_return_val_if_fail (FP_IS_ONBOARDING_CONSENT (self), FALSE);
  g_return_val_if_fail ((guint) purpose < FP_N_PURPOSES, FALSE);

  return fp_consent_row_get_active (self->rows[purpose]);
}

void
fp_onboarding_consent_set_chosen (FpOnboardingConsent *self,
                                  FpPurpose            purpose,
                                  gboolean             chosen)
{
  g_return_if_fail (FP_IS_ONBOARDING_CONSENT (self));
  g_return_if_fail ((guint) purpose < FP_N_PURPOSES);

  fp_consent_row_set_active (self->rows[purpose], chosen);
}
