/* fp-goal-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * FpGoalValues:
 * @retirement_income: the monthly income wanted from savings in retirement
 * @emergency_months: months of spending to have in cash within two years
 * @down_payment: the down payment to have in cash
 * @down_payment_years: within how many years
 *
 * The customer's goals as the editor shows them (amounts in major units).
 */
typedef struct {
  double retirement_income;
  double emergency_months;
  double down_payment;
  double down_payment_years;
} FpGoalValues;

#define FP_TYPE_GOAL_EDITOR (fp_goal_editor_get_type ())

G_DECLARE_FINAL_TYPE (FpGoalEditor, fp_goal_editor, FP, GOAL_EDITOR, AdwPreferencesGroup)

GtkWidget *fp_goal_editor_new        (void);
void       fp_goal_editor_get_values (FpGoalEditor       *self,
                                      FpGoalValues       *values);
void       fp_goal_editor_set_values (FpGoalEditor       *self,
                                      const FpGoalValues *values);

G_END_DECLS
