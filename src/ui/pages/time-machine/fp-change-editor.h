/* fp-change-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * FpChangeValues:
 * @spending_change: the change of spending, in percent (−50 to 50)
 * @extra_savings: what is saved and invested on top, a month, in major units
 * @equity_share: the share of investments in shares, in percent
 * @income_growth: income growth above inflation, in percent a year
 *
 * What the customer would do differently.
 */
typedef struct {
  double spending_change;
  double extra_savings;
  double equity_share;
  double income_growth;
} FpChangeValues;

#define FP_TYPE_CHANGE_EDITOR (fp_change_editor_get_type ())

G_DECLARE_FINAL_TYPE (FpChangeEditor, fp_change_editor, FP, CHANGE_EDITOR, AdwPreferencesGroup)

GtkWidget *fp_change_editor_new        (void);
void       fp_change_editor_get_values (FpChangeEditor       *self,
                                        FpChangeValues       *values);
void       fp_change_editor_set_values (FpChangeEditor       *self,
                                        const FpChangeValues *values);

G_END_DECLS
