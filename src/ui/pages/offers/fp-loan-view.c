/* fp-loan-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dynamic loan structuring on the Offers page: the customer states a
 * purpose and either an amount or the monthly payment they can afford
 * (FpMoneyEntry, in their locale); core fits two or three structures to
 * the bank's pricing grid and, with the consent to personalization, to
 * their cash flow (fp_offers_data_fit_loan(): cheap, so on every change).
 * They are shown side by side (FpLoanStructureCard) with what is left in a
 * bad month, or the refusal in words; the chosen one in full
 * (FpLoanScheduleCard); and the way to apply for it (FpLoanApplication).
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-loan-structure-card.h"
#include "fp-loan-view.h"
#include "fp-money-entry.h"
#include "fp-offers-format.h"
#include "fp-ui-util.h"

#define DEFAULT_AMOUNT_MINOR  1500000
#define DEFAULT_PAYMENT_MINOR 40000
#define PAYMENT_STEP_MINOR    1000

struct _FpLoanView
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwComboRow        *purpose_row;
  GtkToggleButton    *amount_toggle;
  GtkToggleButton    *payment_toggle;
  AdwActionRow       *value_row;
  FpMoneyEntry       *value_entry;
  GtkLabel           *refusal_label;
  GtkLabel           *cash_flow_label;
  GtkBox             *structures_box;
  FpLoanScheduleCard *schedule_card;
  FpLoanApplication  *application;

  /* Borrowed: the page owns the data and outlives the view's use of it */
  FpOffersData       *data;
  const FpOfferInfo  *offer;

  FpLoanFit          *fit;
  GPtrArray          *cards;
  guint               chosen;
  gint64              amount_minor;
  gint64              payment_minor;
  gboolean            narrow;
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (FpLoanView, fp_loan_view, ADW_TYPE_BIN)

static FpLoanFitMode
mode (FpLoanView *self)
{
  return gtk_toggle_button_get_active (self->payment_toggle) ? FP_LOAN_FIT_PAYMENT : FP_LOAN_FIT_AMOUNT;
}

static void
show_chosen (FpLoanView *self)
{
  const FpLoanStructure *st = self->fit != NULL && self->chosen < self->fit->n_structures
                              ? &self->fit->structures[self->chosen] : NULL;
  const char *currency = self->data != NULL ? self->data->currency : "USD";

  self->updating = TRUE;
  for (guint i = 0; i < self->cards->len; i++)
    gtk_toggle_button_set_active (fp_loan_structure_card_get_toggle (g_ptr_array_index (self->cards, i)),
                                  i == self->chosen);
  self->updating = FALSE;
  fp_loan_schedule_card_set_structure (self->schedule_card, st, currency);
  fp_loan_application_set_choice (self->application, self->offer,
                                  (FpLoanPurpose) adw_combo_row_get_selected (self->purpose_row), st, currency);
}

static void
choose_toggled_cb (GtkToggleButton *toggle,
                   FpLoanView      *self)
{
  if (self->updating)
    return;
  if (!gtk_toggle_button_get_active (toggle))
    {
      /* One is always chosen: a click on the chosen one keeps it. */
      self->updating = TRUE;
      gtk_toggle_button_set_active (toggle, TRUE);
      self->updating = FALSE;
      return;
    }
  for (guint i = 0; i < self->cards->len; i++)
    if (fp_loan_structure_card_get_toggle (g_ptr_array_index (self->cards, i)) == toggle)
      fp_loan_view_choose (self, i);
}

static void
layout_structures (FpLoanView *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->structures_box),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

/* Fits again from the inputs and shows the structures. */
static void
refit (FpLoanView *self)
{
  FpLoanRequest request = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  const char *cash_flow = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->structures_box))) != NULL)
    gtk_box_remove (self->structures_box, child);
  g_ptr_array_set_size (self->cards, 0);
  g_clear_pointer (&self->fit, fp_loan_fit_free);

  if (self->data != NULL)
    {
      request.mode = mode (self);
      request.purpose = (FpLoanPurpose) adw_combo_row_get_selected (self->purpose_row);
      request.amount_minor = self->amount_minor;
      request.payment_minor = self->payment_minor;
      self->fit = fp_offers_data_fit_loan (self->data, &request, &error);
    }

  if (self->fit == NULL)
    {
      gtk_label_set_label (self->refusal_label, error != NULL ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), error != NULL);
    }
  else
    {
      gtk_label_set_label (self->refusal_label, self->fit->refusal != NULL ? self->fit->refusal : "");
      gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), self->fit->refusal != NULL);
      cash_flow = self->fit->affordability_checked
                  ? self->fit->cash_flow_explanation
                  : _("Priced at the middle of the bank’s risk bands, without looking at your cash flow: you have not given your consent to personalization. Your bank checks what you can afford when you apply.");
      for (guint i = 0; i < self->fit->n_structures; i++)
        {
          GtkWidget *card = fp_loan_structure_card_new (self->fit, i, self->data->currency);

          g_signal_connect (fp_loan_structure_card_get_toggle (FP_LOAN_STRUCTURE_CARD (card)), "toggled",
                            G_CALLBACK (choose_toggled_cb), self);
          g_ptr_array_add (self->cards, card);
          gtk_box_append (self->structures_box, card);
        }
    }
  gtk_label_set_label (self->cash_flow_label, cash_flow != NULL ? cash_flow : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cash_flow_label), cash_flow != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->structures_box), self->cards->len > 0);
  /* Nothing fits: nothing to apply for (the refusal says why). */
  gtk_widget_set_visible (GTK_WIDGET (self->application), self->cards->len > 0);

  /* The middle structure is a sensible first choice. */
  self->chosen = self->fit != NULL && self->fit->n_structures > 0 ? MIN (1, self->fit->n_structures - 1) : 0;
  show_chosen (self);
}

static void
show_value (FpLoanView *self)
{
  const FpLoanPricing *p = self->data != NULL && self->data->has_pricing ? &self->data->pricing : NULL;
  gboolean payment = mode (self) == FP_LOAN_FIT_PAYMENT;

  self->updating = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row),
                                 payment ? _("What You Can Pay a Month") : _("Amount"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (fp_money_entry_get_spin_button (self->value_entry)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  payment ? _("What you can pay a month") : _("Amount of the loan"), -1);
  fp_money_entry_set_currency (self->value_entry, self->data != NULL ? self->data->currency : "USD");
  if (payment)
    fp_money_entry_set_range (self->value_entry, PAYMENT_STEP_MINOR,
                              p != NULL ? p->max_amount_minor : FP_LOAN_MAX_AMOUNT_MINOR, PAYMENT_STEP_MINOR);
  else if (p != NULL)
    fp_money_entry_set_range (self->value_entry, p->min_amount_minor, p->max_amount_minor, p->amount_step_minor);
  fp_money_entry_set_value_minor (self->value_entry, payment ? self->payment_minor : self->amount_minor);
  self->updating = FALSE;
}

static void
mode_toggled_cb (FpLoanView *self)
{
  show_value (self);
  refit (self);
}

static void
value_changed_cb (FpLoanView *self)
{
  if (self->updating)
    return;
  if (mode (self) == FP_LOAN_FIT_PAYMENT)
    self->payment_minor = fp_money_entry_get_value_minor (self->value_entry);
  else
    self->amount_minor = fp_money_entry_get_value_minor (self->value_entry);
  refit (self);
}

static void
purpose_changed_cb (FpLoanView *self)
{
  if (!self->updating)
    refit (self);
}

static void
fp_loan_view_dispose (GObject *object)
{
  FpLoanView *self = FP_LOAN_VIEW (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  self->data = NULL;
  self->offer = NULL;

  G_OBJECT_CLASS (fp_loan_view_parent_class)->dispose (object);
}

static void
fp_loan_view_finalize (GObject *object)
{
  FpLoanView *self = FP_LOAN_VIEW (object);

  g_clear_pointer (&self->fit, fp_loan_fit_free);

  G_OBJECT_CLASS (fp_loan_view_parent_class)->finalize (object);
}

static void
fp_loan_view_class_init (FpLoanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_loan_view_dispose;
  object_class->finalize = fp_loan_view_finalize;

  g_type_ensure (FP_TYPE_MONEY_ENTRY);
  g_type_ensure (FP_TYPE_LOAN_SCHEDULE_CARD);
  g_type_ensure (FP_TYPE_LOAN_APPLICATION);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-loan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, amount_toggle);
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, payment_toggle);
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, value_row);
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, value_entry);
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, cash_flow_label);
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, structures_box);
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, schedule_card);
  gtk_widget_class_bind_template_child (widget_class, FpLoanView, application);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
}

static void
fp_loan_view_init (FpLoanView *self)
{
  g_autoptr(GtkStringList) purposes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  self->cards = g_ptr_array_new ();
  self->amount_minor = DEFAULT_AMOUNT_MINOR;
  self->payment_minor = DEFAULT_PAYMENT_MINOR;

  for (int p = 0; p < FP_LOAN_N_PURPOSES; p++)
    gtk_string_list_append (purposes, fp_offers_purpose_title ((FpLoanPurpose) p));
  adw_combo_row_set_model (self->purpose_row, G_LIST_MODEL (purposes));
  adw_combo_row_set_selected (self->purpose_row, FP_LOAN_PURPOSE_OTHER);
  g_signal_connect_swapped (self->purpose_row, "notify::selected", G_CALLBACK (purpose_changed_cb), self);
  g_signal_connect_swapped (self->value_entry, "notify::value-minor", G_CALLBACK (value_changed_cb), self);
  layout_structures (self);
}

GtkWidget *
fp_loan_view_new (void)
{
  return g_object_new (FP_TYPE_LOAN_VIEW, NULL);
}

/**
 * fp_loan_view_set_data:
 * @self: a #FpLoanView
 * @data: (nullable): the Offers data, borrowed: keep it alive while the
 *   view shows it, or set %NULL first
 * @offer: (nullable): the loan of the catalogue (borrowed from @data)
 *
 * Fits the structures again from the inputs shown.
 */
void
fp_loan_view_set_data (FpLoanView        *self,
                       FpOffersData      *data,
                       const FpOfferInfo *offer)
{
  g_return_if_fail (FP_IS_LOAN_VIEW (self));

  self->data = data;
  self->offer = offer;
  if (data != NULL && data->has_pricing)
    self->amount_minor = CLAMP (self->amount_minor, data->pricing.min_amount_minor, data->pricing.max_amount_minor);
  show_value (self);
  refit (self);
}

/**
 * fp_loan_view_set_session:
 * @self: a #FpLoanView
 * @session: (nullable): the session applications are sent through
 */
void
fp_loan_view_set_session (FpLoanView *self,
                          FpSession  *session)
{
  g_return_if_fail (FP_IS_LOAN_VIEW (self));

  fp_loan_application_set_session (self->application, session);
}

void
fp_loan_view_set_narrow (FpLoanView *self,
                         gboolean    narrow)
{
  g_return_if_fail (FP_IS_LOAN_VIEW (self));

  self->narrow = !!narrow;
  layout_structures (self);
}

/**
 * fp_loan_view_set_request:
 * @self: a #FpLoanView
 * @mode: fit to an amount or to a payment
 * @purpose: the purpose
 * @value_minor: the amount or the payment
 *
 * What the customer would type, at once (for tests and screenshots).
 */
void
fp_loan_view_set_request (FpLoanView    *self,
                          FpLoanFitMode  mode,
                          FpLoanPurpose  purpose,
                          gint64         value_minor)
{
  g_return_if_fail (FP_IS_LOAN_VIEW (self));

  self->updating = TRUE;
  adw_combo_row_set_selected (self->purpose_row, purpose);
  gtk_toggle_button_set_active (mode == FP_LOAN_FIT_PAYMENT ? self->payment_toggle : self->amount_toggle, TRUE);
  self->updating = FALSE;
  if (mode == FP_LOAN_FIT_PAYMENT)
    self->payment_minor = value_minor;
  else
    self->amount_minor = value_minor;
  show_value (self);
  refit (self);
}

/**
 * fp_loan_view_choose:
 * @self: a #FpLoanView
 * @index: a structure of the fit
 */
void
fp_loan_view_choose (FpLoanView *self,
                     guint       index)
{
  g_return_if_fail (FP_IS_LOAN_VIEW (self));

  if (self->fit == NULL || index >= self->fit->n_structures)
    return;
  self->chosen = index;
  show_chosen (self);
}

/**
 * fp_loan_view_get_fit:
 * @self: a #FpLoanView
 *
 * Returns: (nullable): the structures shown
 */
const FpLoanFit *
fp_loan_view_get_fit (FpLoanView *self)
{
  g_return_val_if_fail (FP_IS_LOAN_VIEW (self), NULL);

  return self->fit;
}

guint
fp_loan_view_get_chosen (FpLoanView *self)
{
  g_return_val_if_fail (FP_IS_LOAN_VIEW (self), 0);

  return self->chosen;
}

/**
 * fp_loan_view_get_schedule_card:
 * @self: a #FpLoanView
 *
 * Returns: (transfer none): the chosen structure in full
 */
FpLoanScheduleCard *
fp_loan_view_get_schedule_card (FpLoanView *self)
{
  g_return_val_if_fail (FP_IS_LOAN_VIEW (self), NULL);

  return self->schedule_card;
}

/**
 * fp_loan_view_get_application:
 * @self: a #FpLoanView
 *
 * Returns: (transfer none): the application card
 */
FpLoanApplication *
fp_loan_view_get_application (FpLoanView *self)
{
  g_return_val_if_fail (FP_IS_LOAN_VIEW (self), NULL);

  return self->application;
}

/**
 * fp_loan_view_get_value_entry:
 * @self: a #FpLoanView
 *
 * Returns: (transfer none): the #FpMoneyEntry of the amount or payment
 */
GtkWidget *
fp_loan_view_get_value_entry (FpLoanView *self)
{
  g_return_val_if_fail (FP_IS_LOAN_VIEW (self), NULL);

  return GTK_WIDGET (self->value_entry);
}
