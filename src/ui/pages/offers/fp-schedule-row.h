/* fp-schedule-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fp-loan.h"

G_BEGIN_DECLS

/**
 * FpScheduleColumn:
 *
 * The columns of a repayment schedule, in their order.
 */
typedef enum {
  FP_SCHEDULE_MONTH,
  FP_SCHEDULE_PAYMENT,
  FP_SCHEDULE_INTEREST,
  FP_SCHEDULE_PRINCIPAL,
  FP_SCHEDULE_FEE,
  FP_SCHEDULE_BALANCE,
} FpScheduleColumn;

#define FP_SCHEDULE_N_COLUMNS (FP_SCHEDULE_BALANCE + 1)

#define FP_TYPE_SCHEDULE_ROW (fp_schedule_row_get_type ())

G_DECLARE_FINAL_TYPE (FpScheduleRow, fp_schedule_row, FP, SCHEDULE_ROW, GObject)

FpScheduleRow          *fp_schedule_row_new             (const FpLoanInstalment *instalment,
                                                         const char             *currency);
const FpLoanInstalment *fp_schedule_row_get_instalment  (FpScheduleRow          *self);
char                   *fp_schedule_row_format          (FpScheduleRow          *self,
                                                         FpScheduleColumn        column);
const char             *fp_schedule_column_title        (FpScheduleColumn        column);

G_END_DECLS
