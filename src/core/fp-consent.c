/* fp-consent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent policy keeps one record per purpose and an append-only
 * history. Every path that changes a record goes through record_replace(),
 * which appends the history entry and emits the signals, so the history can
 * never disagree with the records.
 */

#define G_LOG_DOMAIN "fp-consent"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-consent.h"

struct _FpConsentPolicy
{
  GObject parent_instance;

  char            *device;
  FpConsentRecord *records[FP_N_PURPOSES];
  GPtrArray       *history;   /* FpConsentChange, owned */
};

G_DEFINE_FINAL_TYPE (FpConsentPolicy, fp_consent_policy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEVICE,
  N_PROPS
};

enum {
  CHANGED,
  CONFLICT,
  HISTORY_APPENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct {
  const char *id;
  const char *title;
  const char *description;
} purposes[FP_N_PURPOSES] = {
  [FP_PURPOSE_PERSONALIZATION] = {
    "personalization",
    N_("Personalization"),
    N_("Your transactions are analysed on this device to show insights and to "
       "rank offers for you. Nothing leaves the device for this."),
  },
  [FP_PURPOSE_GENAI] = {
    "genai",
    N_("AI explanations"),
    N_("Totals and trends about your finances, never names, card numbers or "
       "addresses, are sent to the bank’s AI service to write explanations "
       "and answer your questions."),
  },
  [FP_PURPOSE_MARKETING] = {
    "marketing",
    N_("Marketing offers"),
    N_("The bank may show you offers for its products and contact you about "
       "them."),
  },
  [FP_PURPOSE_OPEN_BANKING] = {
    "open_banking",
    N_("Accounts at other banks"),
    N_("Accounts you hold at other banks are fetched through open banking, "
       "so that they appear here beside your accounts with us."),
  },
  [FP_PURPOSE_PRODUCT_IMPROVEMENT] = {
    "product_improvement",
    N_("Product improvement"),
    N_("Your feedback and how you use the app are shared with the bank to "
       "improve it. No transaction details are shared."),
  },
};

G_DEFINE_QUARK (fp-consent-error-quark, fp_consent_error)

G_DEFINE_ENUM_TYPE (FpPurpose, fp_purpose,
  G_DEFINE_ENUM_VALUE (FP_PURPOSE_PERSONALIZATION, "personalization"),
  G_DEFINE_ENUM_VALUE (FP_PURPOSE_GENAI, "genai"),
  G_DEFINE_ENUM_VALUE (FP_PURPOSE_MARKETING, "marketing"),
  G_DEFINE_ENUM_VALUE (FP_PURPOSE_OPEN_BANKING, "open_banking"),
  G_DEFINE_ENUM_VALUE (FP_PURPOSE_PRODUCT_IMPROVEMENT, "product_improvement"))

G_DEFINE_ENUM_TYPE (FpConsentState, fp_consent_state,
  G_DEFINE_ENUM_VALUE (FP_CONSENT_REVOKED, "revoked"),
  G_DEFINE_ENUM_VALUE (FP_CONSENT_GRANTED, "granted"))

G_DEFINE_BOXED_TYPE (FpConsentRecord, fp_consent_record,
                     fp_consent_record_copy, fp_consent_record_free)

G_DEFINE_BOXED_TYPE (FpConsentChange, fp_consent_change,
                     fp_consent_change_copy, fp_consent_change_free)

static inline gboolean
purpose_is_valid (FpPurpose purpose)
{
  return (guint) purpose < FP_N_PURPOSES;
}

static inline gboolean
state_is_valid (FpConsentState state)
{
  return state == FP_CONSENT_REVOKED || state == FP_CONSENT_GRANTED;
}

/* Purposes */

/**
 * fp_purpose_to_id:
 * @purpose: a purpose
 *
 * The stable string id of @purpose, used in the store, the bank API and as
 * the detail of the #FpConsentPolicy::changed signal: `personalization`,
 * `genai`, `marketing`, `open_banking` or `product_improvement`.
 *
 * Returns: (transfer none): the id
 */
const char *
fp_purpose_to_id (FpPurpose purpose)
{
  g_return_val_if_fail (purpose_is_valid (purpose), NULL);

  return purposes[purpose].id;
}

/**
 * fp_purpose_from_id:
 * @id: a string id
 * @out_purpose: (out): the purpose
 *
 * Returns: %TRUE if @id names a purpose
 */
gboolean
fp_purpose_from_id (const char *id,
                    FpPurpose  *out_purpose)
{
  g_return_val_if_fail (out_purpose != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    if (g_str_equal (id, purposes[i].id))
      {
        *out_purpose = (FpPurpose) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * fp_purpose_get_title:
 * @purpose: a purpose
 *
 * Returns: (transfer none): the short, translated title of @purpose
 */
const char *
fp_purpose_get_title (FpPurpose purpose)
{
  g_return_val_if_fail (purpose_is_valid (purpose), NULL);

  return _(purposes[purpose].title);
}

/**
 * fp_purpose_get_description:
 * @purpose: a purpose
 *
 * Returns: (transfer none): one or two translated sentences saying what
 *   consenting to @purpose allows
 */
const char *
fp_purpose_get_description (FpPurpose purpose)
{
  g_return_val_if_fail (purpose_is_valid (purpose), NULL);

  return _(purposes[purpose].description);
}

/**
 * fp_purpose_get_policy_version:
 * @purpose: a purpose
 *
 * Returns: (transfer none): the policy version the current title and
 *   description belong to, which a consent given now is recorded under
 */
const char *
fp_purpose_get_policy_version (FpPurpose purpose)
{
  g_return_val_if_fail (purpose_is_valid (purpose), NULL);

  return FP_CONSENT_POLICY_VERSION;
}

/**
 * fp_consent_state_to_id:
 * @state: a state
 *
 * Returns: (transfer none): `granted` or `revoked`
 */
const char *
fp_consent_state_to_id (FpConsentState state)
{
  g_return_val_if_fail (state_is_valid (state), NULL);

  return state == FP_CONSENT_GRANTED ? "granted" : "revoked";
}

/**
 * fp_consent_state_from_id:
 * @id: `granted` or `revoked`
 * @out_state: (out): the state
 *
 * Returns: %TRUE if @id names a state
 */
gboolean
fp_consent_state_from_id (const char     *id,
                          FpConsentState *out_state)
{
  g_return_val_if_fail (out_state != NULL, FALSE);

  if (g_strcmp0 (id, "granted") == 0)
    *out_state = FP_CONSENT_GRANTED;
  else if (g_strcmp0 (id, "revoked") == 0)
    *out_state = FP_CONSENT_REVOKED;
  else
    return FALSE;

  return TRUE;
}

/* Records and changes */

/**
 * fp_consent_record_new:
 * @purpose: the purpose
 * @state: granted or revoked
 * @since: UTC µs since the epoch
 * @policy_version: (nullable): the policy version; %NULL for the current one
 * @device: (nullable): the device
 * @receipt: (nullable): the bank's receipt, %NULL while pending
 *
 * Returns: (transfer full): a new record
 */
FpConsentRecord *
fp_consent_record_new (FpPurpose       purpose,
                       FpConsentState  state,
                       gint64          since,
                       const char     *policy_version,
                       const char     *device,
                       const char     *receipt)
{
  FpConsentRecord *record;

  g_return_val_if_fail (purpose_is_valid (purpose), NULL);
  g_return_val_if_fail (state_is_valid (state), NULL);

  record = g_new0 (FpConsentRecord, 1);
  record->purpose = purpose;
  record->state = state;
  record->since = since;
  record->policy_version = g_strdup (policy_version != NULL ? policy_version
                                                            : fp_purpose_get_policy_version (purpose));
  record->device = g_strdup (device);
  record->receipt = g_strdup (receipt);

  return record;
}

FpConsentRecord *
fp_consent_record_copy (const FpConsentRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  return fp_consent_record_new (record->purpose, record->state, record->since,
                                record->policy_version, record->device,
                                record->receipt);
}

void
fp_consent_record_free (FpConsentRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->policy_version);
  g_free (record->device);
  g_free (record->receipt);
  g_free (record);
}

/**
 * fp_consent_record_is_pending:
 * @record: a record
 *
 * Returns: %TRUE if the customer chose this state on a device and the bank
 *   has not yet given a receipt for it
 */
gboolean
fp_consent_record_is_pending (const FpConsentRecord *record)
{
  g_return_val_if_fail (record != NULL, FALSE);

  return record->since != 0 && record->receipt == NULL;
}

FpConsentChange *
fp_consent_change_copy (const FpConsentChange *change)
{
  FpConsentChange *copy;

  g_return_val_if_fail (change != NULL, NULL);

  copy = g_memdup2 (change, sizeof *change);
  copy->policy_version = g_strdup (change->policy_version);
  copy->device = g_strdup (change->device);
  copy->receipt = g_strdup (change->receipt);

  return copy;
}

void
fp_consent_change_free (FpConsentChange *change)
{
  if (change == NULL)
    return;

  g_free (change->policy_version);
  g_free (change->device);
  g_free (change->receipt);
  g_free (change);
}

/* Policy internals */

static const FpConsentChange *
last_change (FpConsentPolicy *self)
{
  if (self->history->len == 0)
    return NULL;

  return g_ptr_array_index (self->history, self->history->len - 1);
}

/* Replaces the record of @next's purpose with @next (taking it), appends
 * the history entry and emits the signals. */
static void
record_replace (FpConsentPolicy *self,
                FpConsentRecord *next,
                FpConsentOrigin  origin,
                gint64           when)
{
  FpPurpose purpose = next->purpose;
  FpConsentRecord *prev = self->records[purpose];
  const FpConsentChange *last = last_change (self);
  FpConsentChange *change;
  gboolean state_changed = prev->state != next->state;

  change = g_new0 (FpConsentChange, 1);
  change->seq = self->history->len + 1;
  change->when = last != NULL ? MAX (when, last->when) : when;
  change->purpose = purpose;
  change->old_state = prev->state;
  change->new_state = next->state;
  change->policy_version = g_strdup (next->policy_version);
  change->device = g_strdup (next->device);
  change->receipt = g_strdup (next->receipt);
  change->origin = origin;
  g_ptr_array_add (self->history, change);

  self->records[purpose] = next;
  fp_consent_record_free (prev);

  g_debug ("Consent %s: %s → %s (%s, %s)", fp_purpose_to_id (purpose),
           fp_consent_state_to_id (change->old_state),
           fp_consent_state_to_id (change->new_state),
           origin == FP_CONSENT_ORIGIN_LOCAL ? "local" : "bank",
           change->receipt != NULL ? "confirmed" : "pending");

  g_signal_emit (self, signals[HISTORY_APPENDED], 0, change);
  if (state_changed)
    g_signal_emit (self, signals[CHANGED],
                   g_quark_from_static_string (fp_purpose_to_id (purpose)),
                   purpose, next->state);
}

/* GObject */

static void
fp_consent_policy_finalize (GObject *object)
{
  FpConsentPolicy *self = (FpConsentPolicy *) object;

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    g_clear_pointer (&self->records[i], fp_consent_record_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->device, g_free);

  G_OBJECT_CLASS (fp_consent_policy_parent_class)->finalize (object);
}

static void
fp_consent_policy_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FpConsentPolicy *self = FP_CONSENT_POLICY (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_string (value, self->device);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_consent_policy_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FpConsentPolicy *self = FP_CONSENT_POLICY (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_free (self->device);
      self->device = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_consent_policy_class_init (FpConsentPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_consent_policy_finalize;
  object_class->get_property = fp_consent_policy_get_property;
  object_class->set_property = fp_consent_policy_set_property;

  /**
   * FpConsentPolicy:device:
   *
   * The name or id of this device, recorded with every local change.
   */
  properties[PROP_DEVICE] =
    g_param_spec_string ("device", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpConsentPolicy::changed:
   * @self: the policy
   * @purpose: the #FpPurpose whose state changed
   * @state: the new #FpConsentState
   *
   * Emitted once for every change of state, whoever made it, and never for
   * a call that leaves the state as it was. The detail is the purpose id:
   * connect to `changed::personalization` to drop derived data at once.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, FP_TYPE_PURPOSE, FP_TYPE_CONSENT_STATE);

  /**
   * FpConsentPolicy::conflict:
   * @self: the policy
   * @purpose: the #FpPurpose
   * @message: a translated sentence for the customer
   *
   * Emitted when the bank's record overrode a pending change made here.
   * The detail is the purpose id.
   */
  signals[CONFLICT] =
    g_signal_new ("conflict",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, FP_TYPE_PURPOSE, G_TYPE_STRING);

  /**
   * FpConsentPolicy::history-appended:
   * @self: the policy
   * @change: the new #FpConsentChange, valid during the emission
   *
   * Emitted for every entry appended to the history, including receipts
   * that do not change a state: the store persists @change here.
   */
  signals[HISTORY_APPENDED] =
    g_signal_new ("history-appended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FP_TYPE_CONSENT_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
fp_consent_policy_init (FpConsentPolicy *self)
{
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_consent_change_free);

  /* Nothing is pre-ticked. */
  for (guint i = 0; i < FP_N_PURPOSES; i++)
    self->records[i] = fp_consent_record_new ((FpPurpose) i, FP_CONSENT_REVOKED, 0,
                                              NULL, NULL, NULL);
}

/* Public API */

/**
 * fp_consent_policy_new:
 * @device: (nullable): the name or id of this device
 *
 * Creates a policy with every purpose revoked and an empty history.
 *
 * Returns: (transfer full): a new policy
 */
FpConsentPolicy *
fp_consent_policy_new (const char *device)
{
  return g_object_new (FP_TYPE_CONSENT_POLICY,
                       "device", device,
                       NULL);
}

const char *
fp_consent_policy_get_device (FpConsentPolicy *self)
{
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), NULL);

  return self->device;
}

/**
 * fp_consent_policy_allows:
 * @self: a policy
 * @purpose: a purpose
 *
 * The gate: whether data may be used for @purpose now. A pending local
 * change counts at once.
 *
 * Returns: %TRUE if @purpose is granted
 */
gboolean
fp_consent_policy_allows (FpConsentPolicy *self,
                          FpPurpose        purpose)
{
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), FALSE);
  g_return_val_if_fail (purpose_is_valid (purpose), FALSE);

  return self->records[purpose]->state == FP_CONSENT_GRANTED;
}

/**
 * fp_consent_policy_require:
 * @self: a policy
 * @purpose: a purpose
 * @error: a #GError
 *
 * The gate for code that must refuse: fails with
 * %FP_CONSENT_ERROR_NOT_GRANTED and a translated message that names the
 * missing consent and where to give it.
 *
 * Returns: %TRUE if @purpose is granted
 */
gboolean
fp_consent_policy_require (FpConsentPolicy  *self,
                           FpPurpose         purpose,
                           GError          **error)
{
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), FALSE);
  g_return_val_if_fail (purpose_is_valid (purpose), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fp_consent_policy_allows (self, purpose))
    return TRUE;

  g_debug ("Refused: no consent to %s", fp_purpose_to_id (purpose));
  g_set_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_NOT_GRANTED,
               /* Translators: %s is a consent purpose such as “AI explanations” */
               _("This needs your consent to “%s”. You can give it on the Privacy page."),
               fp_purpose_get_title (purpose));

  return FALSE;
}

/**
 * fp_consent_policy_get_record:
 * @self: a policy
 * @purpose: a purpose
 *
 * Returns: (transfer none): the current record of @purpose, valid until the
 *   next change
 */
const FpConsentRecord *
fp_consent_policy_get_record (FpConsentPolicy *self,
                              FpPurpose        purpose)
{
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), NULL);
  g_return_val_if_fail (purpose_is_valid (purpose), NULL);

  return self->records[purpose];
}

/**
 * fp_consent_policy_set:
 * @self: a policy
 * @purpose: a purpose
 * @state: the state the customer chose
 * @when: UTC µs since the epoch, usually g_get_real_time()
 *
 * The customer's choice on this device: applies at once and stays pending
 * until fp_consent_policy_confirm() or fp_consent_policy_apply_bank_record().
 * Choosing the current state again changes nothing.
 *
 * Returns: %TRUE if the state changed (and was recorded)
 */
gboolean
fp_consent_policy_set (FpConsentPolicy *self,
                       FpPurpose        purpose,
                       FpConsentState   state,
                       gint64           when)
{
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), FALSE);
  g_return_val_if_fail (purpose_is_valid (purpose), FALSE);
  g_return_val_if_fail (state_is_valid (state), FALSE);

  if (self->records[purpose]->state == state)
    return FALSE;

  record_replace (self,
                  fp_consent_record_new (purpose, state, when, NULL, self->device, NULL),
                  FP_CONSENT_ORIGIN_LOCAL, when);

  return TRUE;
}

/**
 * fp_consent_policy_choose:
 * @self: a policy
 * @purpose: a purpose
 * @state: the state the customer chose
 * @when: UTC µs since the epoch
 *
 * Records the customer's choice for @purpose. Like fp_consent_policy_set(),
 * and also when @state is the state the purpose already has but nobody ever
 * chose it (a purpose left off at the consent step): the record then says
 * when it was chosen, and the history has a local entry for it (revoked →
 * revoked), delivered like any other local change.
 *
 * Returns: %TRUE if a history entry was appended
 */
gboolean
fp_consent_policy_choose (FpConsentPolicy *self,
                          FpPurpose        purpose,
                          FpConsentState   state,
                          gint64           when)
{
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), FALSE);
  g_return_val_if_fail (purpose_is_valid (purpose), FALSE);
  g_return_val_if_fail (state_is_valid (state), FALSE);

  if (self->records[purpose]->state != state)
    return fp_consent_policy_set (self, purpose, state, when);
  if (self->records[purpose]->since != 0)
    return FALSE;

  record_replace (self,
                  fp_consent_record_new (purpose, state, when, NULL, self->device, NULL),
                  FP_CONSENT_ORIGIN_LOCAL, when);

  return TRUE;
}

/**
 * fp_consent_policy_confirm:
 * @self: a policy
 * @purpose: a purpose
 * @receipt: the bank's receipt id for the pending change
 * @when: UTC µs since the epoch
 *
 * Records the bank's receipt of the pending change of @purpose, after the
 * outbox delivered it. The state does not change, so only
 * #FpConsentPolicy::history-appended is emitted.
 *
 * Returns: %TRUE if a pending change was confirmed
 */
gboolean
fp_consent_policy_confirm (FpConsentPolicy *self,
                           FpPurpose        purpose,
                           const char      *receipt,
                           gint64           when)
{
  const FpConsentRecord *cur;
  FpConsentRecord *next;

  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), FALSE);
  g_return_val_if_fail (purpose_is_valid (purpose), FALSE);
  g_return_val_if_fail (receipt != NULL && *receipt != '\0', FALSE);

  cur = self->records[purpose];
  if (!fp_consent_record_is_pending (cur))
    return FALSE;

  next = fp_consent_record_copy (cur);
  next->receipt = g_strdup (receipt);
  record_replace (self, next, FP_CONSENT_ORIGIN_BANK, when);

  return TRUE;
}

/**
 * fp_consent_policy_apply_bank_record:
 * @self: a policy
 * @record: the bank's current record for one purpose, with its receipt
 * @when: UTC µs since the epoch: when it is applied, for the history
 * @out_message: (out) (optional) (nullable) (transfer full): a translated
 *   sentence for the customer when the result is
 *   %FP_CONSENT_RESOLUTION_OVERRIDDEN, %NULL otherwise
 *
 * Applies the bank's record. The bank wins over a pending grant: a pending
 * local change that disagrees is overridden, #FpConsentPolicy::conflict is
 * emitted and the customer must be told (@out_message). A pending
 * withdrawal is never undone by the bank's older record of the grant: it
 * stays in force and on its way (%FP_CONSENT_RESOLUTION_KEPT), since a
 * withdrawal takes effect when the customer makes it. A pending change that
 * agrees is confirmed with the bank's receipt. With nothing pending, a
 * different state (changed on another device) is adopted.
 *
 * Returns: what was done
 */
FpConsentResolution
fp_consent_policy_apply_bank_record (FpConsentPolicy        *self,
                                     const FpConsentRecord  *record,
                                     gint64                  when,
                                     char                  **out_message)
{
  const FpConsentRecord *cur;
  FpConsentRecord *next;
  char *message;

  if (out_message != NULL)
    *out_message = NULL;

  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), FP_CONSENT_RESOLUTION_UNCHANGED);
  g_return_val_if_fail (record != NULL, FP_CONSENT_RESOLUTION_UNCHANGED);
  g_return_val_if_fail (purpose_is_valid (record->purpose), FP_CONSENT_RESOLUTION_UNCHANGED);
  g_return_val_if_fail (state_is_valid (record->state), FP_CONSENT_RESOLUTION_UNCHANGED);
  g_return_val_if_fail (record->receipt != NULL, FP_CONSENT_RESOLUTION_UNCHANGED);

  cur = self->records[record->purpose];

  if (cur->state == record->state)
    {
      if (fp_consent_record_is_pending (cur))
        {
          next = fp_consent_record_copy (cur);
          next->receipt = g_strdup (record->receipt);
          record_replace (self, next, FP_CONSENT_ORIGIN_BANK, when);
          return FP_CONSENT_RESOLUTION_CONFIRMED;
        }

      /* Same state: refresh what the bank says about it, without a change. */
      if (g_strcmp0 (cur->receipt, record->receipt) != 0 || cur->since == 0)
        {
          fp_consent_record_free (self->records[record->purpose]);
          self->records[record->purpose] = fp_consent_record_copy (record);
        }
      return FP_CONSENT_RESOLUTION_UNCHANGED;
    }

  if (!fp_consent_record_is_pending (cur))
    {
      record_replace (self, fp_consent_record_copy (record), FP_CONSENT_ORIGIN_BANK, when);
      return FP_CONSENT_RESOLUTION_UPDATED;
    }

  if (record->state == FP_CONSENT_GRANTED)
    {
      g_debug ("Consent %s: a withdrawal is on its way; the bank's grant is not applied",
               fp_purpose_to_id (record->purpose));
      return FP_CONSENT_RESOLUTION_KEPT;
    }

  /* Translators: %s is a consent purpose such as “AI explanations” */
  message = g_strdup_printf (_("Your bank’s records say “%s” is not allowed, so the change you made on this device was undone."),
                             fp_purpose_get_title (record->purpose));

  record_replace (self, fp_consent_record_copy (record), FP_CONSENT_ORIGIN_BANK, when);
  g_signal_emit (self, signals[CONFLICT],
                 g_quark_from_static_string (fp_purpose_to_id (record->purpose)),
                 record->purpose, message);

  if (out_message != NULL)
    *out_message = message;
  else
    g_free (message);

  return FP_CONSENT_RESOLUTION_OVERRIDDEN;
}

/**
 * fp_consent_policy_get_n_changes:
 * @self: a policy
 *
 * Returns: the number of entries in the history
 */
guint
fp_consent_policy_get_n_changes (FpConsentPolicy *self)
{
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), 0);

  return self->history->len;
}

/**
 * fp_consent_policy_get_change:
 * @self: a policy
 * @index: from 0, oldest first
 *
 * Returns: (transfer none): the entry; entries never change once appended
 */
const FpConsentChange *
fp_consent_policy_get_change (FpConsentPolicy *self,
                              guint            index)
{
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), NULL);
  g_return_val_if_fail (index < self->history->len, NULL);

  return g_ptr_array_index (self->history, index);
}

/**
 * fp_consent_policy_restore_record:
 * @self: a policy
 * @record: a record read back from the store
 * @error: a #GError
 *
 * At start-up: sets the current record of a purpose as the store kept it,
 * without a history entry or a signal.
 *
 * Returns: %TRUE if @record was valid and restored
 */
gboolean
fp_consent_policy_restore_record (FpConsentPolicy        *self,
                                  const FpConsentRecord  *record,
                                  GError                **error)
{
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!purpose_is_valid (record->purpose) || !state_is_valid (record->state) ||
      record->policy_version == NULL || record->since < 0)
    {
      g_set_error_literal (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_INVALID,
                           "Malformed consent record");
      return FALSE;
    }

  fp_consent_record_free (self->records[record->purpose]);
  self->records[record->purpose] = fp_consent_record_copy (record);

  return TRUE;
}

/**
 * fp_consent_policy_restore_change:
 * @self: a policy
 * @change: a history entry read back from the store
 * @error: a #GError
 *
 * At start-up: appends a history entry as the store kept it, without a
 * signal. Entries must come in order: @change->seq must be the next number
 * and @change->when not earlier than the last entry's.
 *
 * Returns: %TRUE if @change was valid and appended
 */
gboolean
fp_consent_policy_restore_change (FpConsentPolicy        *self,
                                  const FpConsentChange  *change,
                                  GError                **error)
{
  const FpConsentChange *last;

  g_return_val_if_fail (FP_IS_CONSENT_POLICY (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  last = last_change (self);
  if (!purpose_is_valid (change->purpose) || !state_is_valid (change->old_state) ||
      !state_is_valid (change->new_state) ||
      (change->origin != FP_CONSENT_ORIGIN_LOCAL && change->origin != FP_CONSENT_ORIGIN_BANK))
    {
      g_set_error_literal (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_INVALID,
                           "Malformed consent history entry");
      return FALSE;
    }
  if (change->seq != (guint64) self->history->len + 1 ||
      (last != NULL && change->when < last->when))
    {
      g_set_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_INVALID,
                   "Consent history entry %" G_GUINT64_FORMAT " is out of order",
                   change->seq);
      return FALSE;
    }

  g_ptr_array_add (self->history, fp_consent_change_copy (change));

  return TRUE;
}
