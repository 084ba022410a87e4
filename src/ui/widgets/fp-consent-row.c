/* fp-consent-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One purpose the customer's data may be used for, with its explanation
 * and a switch: the onboarding step and the Privacy page both list these.
 *
 * Without a consent policy the switch is a choice still to be applied
 * (the onboarding step reads it; nothing is pre-ticked). With one, a flip
 * of the switch records the choice (fp_consent_policy_choose()); the
 * switch then shows what the policy says, whatever happened, and follows
 * the policy's later changes (such as the bank's records after a sync).
 * Given the purpose's #FpConsentStatus (the Privacy page reads it from the
 * cache), the row says what was chosen, when, on which device, and where
 * it stands with the bank: "Off, chosen on 7 December on Linux laptop.
 * Your bank has it."; without one, what the policy's record says.
 */

#define G_LOG_DOMAIN "fp-consent-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-consent-row.h"
#include "fp-ui-util.h"

struct _FpConsentRow
{
  AdwActionRow     parent_instance;

  /* Template widgets */
  GtkSwitch       *consent_switch;

  /* Owned references */
  FpConsentPolicy *policy;

  FpConsentStatus *status;
  char            *status_text;

  FpPurpose        purpose;
  gulong           changed_id;
  gulong           history_id;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (FpConsentRow, fp_consent_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PURPOSE,
  PROP_ACTIVE,
  PROP_CONSENT_POLICY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_day (gint64 when_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when_us / G_USEC_PER_SEC);

  if (dt == NULL)
    return g_strdup ("");
  /* Translators: a date, see strftime */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

/* "7 December", with the year when it is not this one. */
static char *
format_chosen_day (gint64 when_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (dt == NULL)
    return g_strdup ("");
  if (g_date_time_get_year (dt) == g_date_time_get_year (now))
    /* Translators: a day of this year, see strftime */
    return g_date_time_format (dt, _("%-d %B"));
  /* Translators: a date, see strftime */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

/**
 * fp_consent_status_to_text:
 * @status: where a purpose stands
 *
 * Returns: (transfer full): what was chosen, when and on which device,
 *   and whether the bank has it, in sentences: "Off, chosen on 7 December
 *   on Linux laptop. Your bank has it."
 */
char *
fp_consent_status_to_text (const FpConsentStatus *status)
{
  GString *text = g_string_new (NULL);
  const char *state;

  g_return_val_if_fail (status != NULL, NULL);

  state = status->state == FP_CONSENT_GRANTED ? _("On") : _("Off");
  if (status->chosen_at == 0)
    {
      /* Translators: %s is "On" or "Off" */
      g_string_append_printf (text, _("%s. Not chosen yet."), state);
      return g_string_free (text, FALSE);
    }

  {
    g_autofree char *day = format_chosen_day (status->chosen_at);

    if (status->device != NULL && *status->device != '\0')
      /* Translators: "Off, chosen on 7 December on Linux laptop." */
      g_string_append_printf (text, _("%s, chosen on %s on %s."), state, day, status->device);
    else
      /* Translators: "Off, chosen on 7 December." */
      g_string_append_printf (text, _("%s, chosen on %s."), state, day);
  }

  switch (status->delivery)
    {
    case FP_DELIVERY_WAITING:
      g_string_append_c (text, ' ');
      if (status->reason != NULL)
        /* Translators: %s says why, such as "This computer is offline." */
        g_string_append_printf (text, _("Not sent to your bank yet: %s"), status->reason);
      else
        g_string_append (text, _("Being sent to your bank."));
      break;
    case FP_DELIVERY_DELIVERED:
      g_string_append_c (text, ' ');
      g_string_append (text, _("Your bank has it."));
      break;
    case FP_DELIVERY_CONFIRMED:
      g_string_append_c (text, ' ');
      g_string_append (text, _("Your bank confirmed it."));
      break;
    case FP_DELIVERY_FAILED:
      g_string_append_c (text, ' ');
      g_string_append (text, status->reason != NULL ? status->reason : _("Your bank refused it."));
      break;
    case FP_DELIVERY_NONE:
    default:
      break;
    }
  return g_string_free (text, FALSE);
}

static char *
record_status (const FpConsentRecord *record)
{
  g_autofree char *day = NULL;
  GString *text = g_string_new (NULL);

  if (record->since == 0)
    g_string_append (text, _("Not allowed. You have not been asked yet."));
  else
    {
      day = format_day (record->since);
      if (record->state == FP_CONSENT_GRANTED)
        /* Translators: %s is a date */
        g_string_append_printf (text, _("Allowed since %s"), day);
      else
        /* Translators: %s is a date */
        g_string_append_printf (text, _("Not allowed since %s"), day);

      if (fp_consent_record_is_pending (record))
        g_string_append_printf (text, " · %s", _("waiting to be sent to your bank"));
    }

  if (record->since != 0 && record->policy_version != NULL &&
      g_strcmp0 (record->policy_version, FP_CONSENT_POLICY_VERSION) != 0)
    /* Translators: %s is a version of the privacy policy, like 2026-01 */
    g_string_append_printf (text, " · %s", record->policy_version);

  return g_string_free (text, FALSE);
}

/* The explanation, and with a policy what it says for the purpose. */
static void
update (FpConsentRow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  const char *description = fp_purpose_get_description (self->purpose);

  self->updating = TRUE;
  if (self->policy == NULL)
    {
      subtitle = g_strdup (description);
    }
  else
    {
      const FpConsentRecord *record = fp_consent_policy_get_record (self->policy, self->purpose);
      g_autofree char *status = self->status != NULL ? fp_consent_status_to_text (self->status)
                                                     : record_status (record);

      subtitle = g_strdup_printf ("%s\n%s", description, status);
      g_free (self->status_text);
      self->status_text = g_steal_pointer (&status);
      gtk_switch_set_active (self->consent_switch, record->state == FP_CONSENT_GRANTED);
      gtk_switch_set_state (self->consent_switch, record->state == FP_CONSENT_GRANTED);
    }
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), escaped);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->consent_switch),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  self->updating = FALSE;
}

static void
policy_changed_cb (FpConsentRow    *self,
                   FpPurpose        purpose,
                   FpConsentState   state,
                   FpConsentPolicy *policy)
{
  update (self);
}

static void
history_appended_cb (FpConsentRow          *self,
                     const FpConsentChange *change,
                     FpConsentPolicy       *policy)
{
  update (self);
}

static gboolean
switch_state_set_cb (GtkSwitch    *sw,
                     gboolean      active,
                     FpConsentRow *self)
{
  if (self->updating || self->policy == NULL)
    return FALSE;

  fp_consent_policy_choose (self->policy, self->purpose,
                            active ? FP_CONSENT_GRANTED : FP_CONSENT_REVOKED,
                            g_get_real_time ());
  /* The policy's state is the truth: show it, whatever happened. */
  update (self);
  return TRUE;
}

static void
switch_active_cb (FpConsentRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
fp_consent_row_constructed (GObject *object)
{
  FpConsentRow *self = FP_CONSENT_ROW (object);
  g_autofree char *title = g_markup_escape_text (fp_purpose_get_title (self->purpose), -1);

  G_OBJECT_CLASS (fp_consent_row_parent_class)->constructed (object);

  /* The switch is named by the row's title (AdwActionRow's
   * activatable widget is labelled by it); a label of its own would be
   * read as well ("Personalization Personalization"). Its description is
   * the explanation, set by update (). */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  update (self);
}

static void
fp_consent_row_dispose (GObject *object)
{
  FpConsentRow *self = FP_CONSENT_ROW (object);

  if (self->policy != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->policy);
      g_clear_signal_handler (&self->history_id, self->policy);
    }
  g_clear_object (&self->policy);

  G_OBJECT_CLASS (fp_consent_row_parent_class)->dispose (object);
}

static void
fp_consent_row_finalize (GObject *object)
{
  FpConsentRow *self = FP_CONSENT_ROW (object);

  g_clear_pointer (&self->status, fp_consent_status_free);
  g_free (self->status_text);

  G_OBJECT_CLASS (fp_consent_row_parent_class)->finalize (object);
}

static void
fp_consent_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpConsentRow *self = FP_CONSENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PURPOSE:
      g_value_set_enum (value, self->purpose);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, fp_consent_row_get_active (self));
      break;

    case PROP_CONSENT_POLICY:
      g_value_set_object (value, self->policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_consent_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FpConsentRow *self = FP_CONSENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PURPOSE:
      self->purpose = g_value_get_enum (value);
      break;

    case PROP_ACTIVE:
      fp_consent_row_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_CONSENT_POLICY:
      fp_consent_row_set_consent_policy (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_consent_row_class_init (FpConsentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fp_consent_row_constructed;
  object_class->dispose = fp_consent_row_dispose;
  object_class->finalize = fp_consent_row_finalize;
  object_class->get_property = fp_consent_row_get_property;
  object_class->set_property = fp_consent_row_set_property;

  /**
   * FpConsentRow:purpose:
   *
   * The purpose the row asks about; its title and explanation are shown.
   */
  properties[PROP_PURPOSE] =
    g_param_spec_enum ("purpose", NULL, NULL, FP_TYPE_PURPOSE, FP_PURPOSE_PERSONALIZATION,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FpConsentRow:active:
   *
   * Whether the switch is on.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpConsentRow:consent-policy: (nullable)
   *
   * The policy the row shows and changes; %NULL for a choice that is
   * applied later by whoever reads #FpConsentRow:active.
   */
  properties[PROP_CONSENT_POLICY] =
    g_param_spec_object ("consent-policy", NULL, NULL, FP_TYPE_CONSENT_POLICY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-consent-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FpConsentRow, consent_switch);
  gtk_widget_class_bind_template_callback (widget_class, switch_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_active_cb);
}

static void
fp_consent_row_init (FpConsentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

/**
 * fp_consent_row_new:
 * @purpose: what the row asks about
 *
 * Returns: (transfer floating): a row with the switch off
 */
GtkWidget *
fp_consent_row_new (FpPurpose purpose)
{
  g_return_val_if_fail ((guint) purpose < FP_N_PURPOSES, NULL);

  return g_object_new (FP_TYPE_CONSENT_ROW, "purpose", purpose, NULL);
}

FpPurpose
fp_consent_row_get_purpose (FpConsentRow *self)
{
  g_return_val_if_fail (FP_IS_CONSENT_ROW (self), FP_PURPOSE_PERSONALIZATION);

  return self->purpose;
}

gboolean
fp_consent_row_get_active (FpConsentRow *self)
{
  g_return_val_if_fail (FP_IS_CONSENT_ROW (self), FALSE);

  return gtk_switch_get_active (self->consent_switch);
}

/**
 * fp_consent_row_set_active:
 * @self: a #FpConsentRow
 * @active: whether the switch is on
 *
 * Flips the switch as the customer would; with a policy, that changes the
 * policy.
 */
void
fp_consent_row_set_active (FpConsentRow *self,
                           gboolean      active)
{
  g_return_if_fail (FP_IS_CONSENT_ROW (self));

  gtk_switch_set_active (self->consent_switch, active);
}

FpConsentPolicy *
fp_consent_row_get_consent_policy (FpConsentRow *self)
{
  g_return_val_if_fail (FP_IS_CONSENT_ROW (self), NULL);

  return self->policy;
}

/**
 * fp_consent_row_set_consent_policy:
 * @self: a #FpConsentRow
 * @policy: (nullable): the policy to show and change, or %NULL
 *
 * Binds the row to @policy; without one the switch goes off and becomes
 * a choice again.
 */
void
fp_consent_row_set_consent_policy (FpConsentRow    *self,
                                   FpConsentPolicy *policy)
{
  g_return_if_fail (FP_IS_CONSENT_ROW (self));
  g_return_if_fail (policy == NULL || FP_IS_CONSENT_POLICY (policy));

  if (self->policy == policy)
    return;

  if (self->policy != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->policy);
      g_clear_signal_handler (&self->history_id, self->policy);
    }
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    {
      self->changed_id = g_signal_connect_object (policy, "changed", G_CALLBACK (policy_changed_cb),
                                                  self, G_CONNECT_SWAPPED);
      self->history_id = g_signal_connect_object (policy, "history-appended", G_CALLBACK (history_appended_cb),
                                                  self, G_CONNECT_SWAPPED);
    }
  else
    {
      self->updating = TRUE;
      gtk_switch_set_active (self->consent_switch, FALSE);
      self->updating = FALSE;
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_POLICY]);
}

/**
 * fp_consent_row_set_status:
 * @self: a #FpConsentRow
 * @status: (nullable): where the purpose stands (fp_cache_consent_list_status()),
 *   or %NULL to say what the policy's record says
 *
 * Shows @status under the explanation; copied.
 */
void
fp_consent_row_set_status (FpConsentRow          *self,
                           const FpConsentStatus *status)
{
  g_return_if_fail (FP_IS_CONSENT_ROW (self));
  g_return_if_fail (status == NULL || status->purpose == self->purpose);

  g_clear_pointer (&self->status, fp_consent_status_free);
  if (status != NULL)
    {
      self->status = g_memdup2 (status, sizeof *status);
      self->status->reason = g_strdup (status->reason);
      self->status->receipt = g_strdup (status->receipt);
      self->status->device = g_strdup (status->device);
    }
  update (self);
}

/**
 * fp_consent_row_get_status_text:
 * @self: a #FpConsentRow
 *
 * Returns: (nullable): what the row says of the purpose under its
 *   explanation, %NULL without a policy
 */
const char *
fp_consent_row_get_status_text (FpConsentRow *self)
{
  g_return_val_if_fail (FP_IS_CONSENT_ROW (self), NULL);

  return self->policy != NULL ? self->status_text : NULL;
}
