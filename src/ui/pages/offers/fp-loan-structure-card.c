/* fp-loan-structure-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One fitted loan structure, to compare side by side with the others:
 * amount, term, rate, monthly payment, APR, what it costs in all and, when
 * the cash flow was checked, what is left in an ordinary and in a bad
 * month. Its toggle chooses it (the loan view shows the chosen one in
 * full).
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-figure.h"
#include "fp-format.h"
#include "fp-loan-structure-card.h"
#include "fp-offers-format.h"
#include "fp-ui-util.h"

struct _FpLoanStructureCard
{
  FpCard           parent_instance;

  GtkToggleButton *toggle;
  guint            index;
};

G_DEFINE_FINAL_TYPE (FpLoanStructureCard, fp_loan_structure_card, FP_TYPE_CARD)

static void
fp_loan_structure_card_class_init (FpLoanStructureCardClass *klass)
{
}

static void
fp_loan_structure_card_init (FpLoanStructureCard *self)
{
}

static void
row (FpLoanStructureCard *self,
     const char          *title,
     const char          *caption,
     char                *text,
     const char          *label_class)
{
  fp_card_append_row (FP_CARD (self), title, caption, fp_figure_new (text, label_class, NULL));
  g_free (text);
}

/**
 * fp_loan_structure_card_new:
 * @fit: the fit
 * @index: which of its structures
 * @currency: the currency
 *
 * Returns: (transfer floating): the card
 */
GtkWidget *
fp_loan_structure_card_new (const FpLoanFit *fit,
                            guint            index,
                            const char      *currency)
{
  const FpLoanStructure *st;
  const FpLoanSchedule *s;
  FpLoanStructureCard *self;
  g_autofree char *amount = NULL;
  g_autofree char *term = NULL;
  g_autofree char *choose_name = NULL;
  GtkWidget *toggle;

  g_return_val_if_fail (fit != NULL && index < fit->n_structures, NULL);

  st = &fit->structures[index];
  s = st->schedule;
  self = g_object_new (FP_TYPE_LOAN_STRUCTURE_CARD, "title", st->label, "explanation", st->explanation, NULL);
  self->index = index;

  amount = fp_format_money (s->terms.principal_minor, currency, FP_FORMAT_NONE);
  term = fp_offers_format_term (s->terms.term_months);
  row (self, _("Monthly payment"), NULL, fp_format_money (s->payment_minor + s->terms.monthly_fee_minor, currency,
                                                          FP_FORMAT_NONE), "title-3");
  row (self, _("Amount"), NULL, g_strdup (amount), NULL);
  row (self, _("Term"), NULL, g_strdup (term), NULL);
  row (self, _("Rate"), _("Nominal, a year"), fp_offers_format_rate (s->terms.rate_bps), NULL);
  row (self, _("APR"), _("All costs, a year"), fp_format_percent (s->apr_tenths / 1000.0, 1, FP_FORMAT_NONE), NULL);
  row (self, _("Total cost"), _("Interest and fees"),
       fp_format_money (s->total_interest_minor + s->total_fees_minor, currency, FP_FORMAT_NONE), NULL);
  if (fit->affordability_checked)
    {
      row (self, _("Left in a usual month"), NULL, fp_format_money (st->headroom_minor, currency, FP_FORMAT_NONE), NULL);
      row (self, _("Left in a bad month"), _("One month in twenty"),
           fp_format_money (st->bad_month_headroom_minor, currency, FP_FORMAT_NONE), NULL);
    }

  toggle = gtk_toggle_button_new_with_mnemonic (_("_Choose"));
  gtk_widget_set_halign (toggle, GTK_ALIGN_START);
  /* Translators: the accessible name of a structure's choose button: its
   * label ("Balanced"), amount and term */
  choose_name = g_strdup_printf (_("Choose %s: %s over %s"), st->label, amount, term);
  fp_ui_set_accessible_name (toggle, choose_name, NULL);
  fp_card_append (FP_CARD (self), toggle);
  self->toggle = GTK_TOGGLE_BUTTON (toggle);
  return GTK_WIDGET (self);
}

/**
 * fp_loan_structure_card_get_toggle:
 * @self: a #FpLoanStructureCard
 *
 * Returns: (transfer none): the button that chooses the structure
 */
GtkToggleButton *
fp_loan_structure_card_get_toggle (FpLoanStructureCard *self)
{
  g_return_val_if_fail (FP_IS_LOAN_STRUCTURE_CARD (self), NULL);

  return self->toggle;
}

guint
fp_loan_structure_card_get_index (FpLoanStructureCard *self)
{
  g_return_val_if_fail (FP_IS_LOAN_STRUCTURE_CARD (self), 0);

  return self->index;
}
