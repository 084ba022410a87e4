/* fp-schedule-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One instalment of a repayment schedule, as an item of the list model
 * the schedule's column view shows; each column's text is formatted by
 * fp_format_money() from core's figures, never recomputed.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-schedule-row.h"

struct _FpScheduleRow
{
  GObject          parent_instance;

  FpLoanInstalment instalment;
  char             currency[4];
};

G_DEFINE_FINAL_TYPE (FpScheduleRow, fp_schedule_row, G_TYPE_OBJECT)

static void
fp_schedule_row_class_init (FpScheduleRowClass *klass)
{
}

static void
fp_schedule_row_init (FpScheduleRow *self)
{
}

/**
 * fp_schedule_row_new:
 * @instalment: core's instalment (copied)
 * @currency: ISO 4217 code
 *
 * Returns: (transfer full): the row
 */
FpScheduleRow *
fp_schedule_row_new (const FpLoanInstalment *instalment,
                     const char             *currency)
{
  FpScheduleRow *self;

  g_return_val_if_fail (instalment != NULL, NULL);

  self = g_object_new (FP_TYPE_SCHEDULE_ROW, NULL);
  self->instalment = *instalment;
  g_strlcpy (self->currency, currency != NULL ? currency : "USD", sizeof self->currency);
  return self;
}

/**
 * fp_schedule_row_get_instalment:
 * @self: a #FpScheduleRow
 *
 * Returns: core's figures of the instalment
 */
const FpLoanInstalment *
fp_schedule_row_get_instalment (FpScheduleRow *self)
{
  g_return_val_if_fail (FP_IS_SCHEDULE_ROW (self), NULL);

  return &self->instalment;
}

/**
 * fp_schedule_row_format:
 * @self: a #FpScheduleRow
 * @column: a column
 *
 * Returns: (transfer full): the text of the column
 */
char *
fp_schedule_row_format (FpScheduleRow    *self,
                        FpScheduleColumn  column)
{
  const FpLoanInstalment *i = &self->instalment;

  g_return_val_if_fail (FP_IS_SCHEDULE_ROW (self), NULL);

  switch (column)
    {
    case FP_SCHEDULE_MONTH: return fp_format_count (i->month);
    case FP_SCHEDULE_PAYMENT: return fp_format_money (i->payment_minor, self->currency, FP_FORMAT_NONE);
    case FP_SCHEDULE_INTEREST: return fp_format_money (i->interest_minor, self->currency, FP_FORMAT_NONE);
    case FP_SCHEDULE_PRINCIPAL: return fp_format_money (i->principal_minor, self->currency, FP_FORMAT_NONE);
    case FP_SCHEDULE_FEE: return fp_format_money (i->fee_minor, self->currency, FP_FORMAT_NONE);
    case FP_SCHEDULE_BALANCE:
    default: return fp_format_money (i->balance_minor, self->currency, FP_FORMAT_NONE);
    }
}

/**
 * fp_schedule_column_title:
 * @column: a column
 *
 * Returns: its heading
 */
const char *
fp_schedule_column_title (FpScheduleColumn column)
{
  switch (column)
    {
    case FP_SCHEDULE_MONTH: return _("Month");
    case FP_SCHEDULE_PAYMENT: return _("Payment");
    case FP_SCHEDULE_INTEREST: return _("Interest");
    case FP_SCHEDULE_PRINCIPAL: return _("Repaid");
    case FP_SCHEDULE_FEE: return _("Fee");
    case FP_SCHEDULE_BALANCE:
    default: return _("Still owed");
    }
}
