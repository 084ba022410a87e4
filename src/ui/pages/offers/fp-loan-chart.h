/* fp-loan-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fp-loan.h"

G_BEGIN_DECLS

#define FP_TYPE_LOAN_CHART (fp_loan_chart_get_type ())

G_DECLARE_FINAL_TYPE (FpLoanChart, fp_loan_chart, FP, LOAN_CHART, GtkWidget)

GtkWidget  *fp_loan_chart_new          (void);
void        fp_loan_chart_set_schedule (FpLoanChart          *self,
                                        const FpLoanSchedule *schedule,
                                        const char           *currency);
const char *fp_loan_chart_get_summary  (FpLoanChart          *self);

G_END_DECLS
