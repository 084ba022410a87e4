/* fp-starting-point.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * FpStartSource:
 * @FP_START_BY_HAND: entered by hand (an example household at first)
 * @FP_START_NO_CONSENT: by hand, because the accounts may not be used
 *   without the consent to personalization
 * @FP_START_FROM_ACCOUNTS: computed from the customer's accounts
 *
 * Where the starting point comes from; the group says so.
 */
typedef enum {
  FP_START_BY_HAND,
  FP_START_NO_CONSENT,
  FP_START_FROM_ACCOUNTS,
} FpStartSource;

/**
 * FpStartValues:
 * @age: the customer's age
 * @retirement_age: when they retire
 * @cash: current accounts and savings, in major units
 * @investments: investments, in major units
 * @income: monthly income after tax
 * @spending: monthly spending
 * @contribution: moved from cash to investments every month
 * @pension: monthly pension from retirement
 * @loan: the loan's (or all debts') outstanding balance
 * @loan_rate: the loan's interest, in percent a year (by hand only)
 * @loan_years: the years left on the loan (by hand only)
 *
 * The starting point as the editor shows it.
 */
typedef struct {
  double age;
  double retirement_age;
  double cash;
  double investments;
  double income;
  double spending;
  double contribution;
  double pension;
  double loan;
  double loan_rate;
  double loan_years;
} FpStartValues;

#define FP_TYPE_STARTING_POINT (fp_starting_point_get_type ())

G_DECLARE_FINAL_TYPE (FpStartingPoint, fp_starting_point, FP, STARTING_POINT, AdwPreferencesGroup)

GtkWidget  *fp_starting_point_new               (void);
void        fp_starting_point_get_values        (FpStartingPoint     *self,
                                                 FpStartValues       *values);
void        fp_starting_point_set_values        (FpStartingPoint     *self,
                                                 const FpStartValues *values);
void        fp_starting_point_set_from_accounts (FpStartingPoint     *self,
                                                 gint64               cash_minor,
                                                 gint64               investments_minor,
                                                 gint64               income_minor,
                                                 gint64               spending_minor,
                                                 gint64               debt_minor);
gboolean    fp_starting_point_spending_edited   (FpStartingPoint     *self);
gboolean    fp_starting_point_debt_edited       (FpStartingPoint     *self);
void        fp_starting_point_set_source        (FpStartingPoint     *self,
                                                 FpStartSource        source,
                                                 gint32               as_of_day,
                                                 guint                n_debts);
const char *fp_starting_point_get_caption       (FpStartingPoint     *self);

G_END_DECLS
