/* fp-loan-schedule-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The structure the customer chose, in full: what it costs (payment, the
 * last payment that absorbs the rounding, total interest and fees, what is
 * repaid in all, the APR), what repaying it halfway saves, its balance
 * over time (FpLoanChart), and every instalment exact to the cent in a
 * column view (FpScheduleRow items, core's figures).
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-figure.h"
#include "fp-figure-row.h"
#include "fp-format.h"
#include "fp-loan-chart.h"
#include "fp-loan-schedule-card.h"
#include "fp-offers-format.h"
#include "fp-schedule-row.h"
#include "fp-ui-util.h"

struct _FpLoanScheduleCard
{
  FpCard         parent_instance;

  /* Template widgets */
  GtkBox        *totals_box;
  FpLoanChart   *chart;
  GtkExpander   *expander;
  GtkColumnView *table;

  /* Owned references */
  GListStore    *rows;
};

G_DEFINE_FINAL_TYPE (FpLoanScheduleCard, fp_loan_schedule_card, FP_TYPE_CARD)

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) == FP_SCHEDULE_MONTH ? 0.0 : 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  FpScheduleRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = fp_schedule_row_format (row, GPOINTER_TO_INT (user_data));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_total (FpLoanScheduleCard *self,
           const char         *title,
           const char         *caption,
           char               *text,
           const char         *explanation)
{
  gtk_box_append (self->totals_box, fp_figure_row_new (title, caption, fp_figure_new (text, NULL, explanation)));
  g_free (text);
}

static void
fp_loan_schedule_card_dispose (GObject *object)
{
  FpLoanScheduleCard *self = FP_LOAN_SCHEDULE_CARD (object);

  g_clear_object (&self->rows);

  G_OBJECT_CLASS (fp_loan_schedule_card_parent_class)->dispose (object);
}

static void
fp_loan_schedule_card_class_init (FpLoanScheduleCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_loan_schedule_card_dispose;

  g_type_ensure (FP_TYPE_LOAN_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-loan-schedule-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpLoanScheduleCard, totals_box);
  gtk_widget_class_bind_template_child (widget_class, FpLoanScheduleCard, chart);
  gtk_widget_class_bind_template_child (widget_class, FpLoanScheduleCard, expander);
  gtk_widget_class_bind_template_child (widget_class, FpLoanScheduleCard, table);
}

static void
fp_loan_schedule_card_init (FpLoanScheduleCard *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));

  self->rows = g_list_store_new (FP_TYPE_SCHEDULE_ROW);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
  for (int c = 0; c < FP_SCHEDULE_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (fp_schedule_column_title (c), factory);
      gtk_column_view_column_set_expand (column, c != FP_SCHEDULE_MONTH);
      gtk_column_view_append_column (self->table, column);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Every payment of the loan"), -1);
}

GtkWidget *
fp_loan_schedule_card_new (void)
{
  return g_object_new (FP_TYPE_LOAN_SCHEDULE_CARD, NULL);
}

/**
 * fp_loan_schedule_card_set_structure:
 * @self: a #FpLoanScheduleCard
 * @structure: (nullable): the chosen structure (read at once)
 * @currency: its currency
 */
void
fp_loan_schedule_card_set_structure (FpLoanScheduleCard    *self,
                                     const FpLoanStructure *structure,
                                     const char            *currency)
{
  const FpLoanSchedule *s;
  const FpEarlyRepayment *early;
  g_autoptr(GPtrArray) items = NULL;
  GtkWidget *child;

  g_return_if_fail (FP_IS_LOAN_SCHEDULE_CARD (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_box))) != NULL)
    gtk_box_remove (self->totals_box, child);
  g_list_store_remove_all (self->rows);
  fp_loan_chart_set_schedule (self->chart, structure != NULL ? structure->schedule : NULL, currency);
  gtk_widget_set_visible (GTK_WIDGET (self), structure != NULL);
  if (structure == NULL)
    return;

  s = structure->schedule;
  early = &structure->early_repayment;
  fp_card_set_explanation (FP_CARD (self), structure->explanation);

  add_total (self, _("Monthly payment"), _("Interest and repayment, without the monthly fee"),
             fp_format_money (s->payment_minor, currency, FP_FORMAT_NONE), NULL);
  if (s->last_payment_minor != s->payment_minor)
    add_total (self, _("Last payment"), _("It absorbs the rounding of the cents"),
               fp_format_money (s->last_payment_minor, currency, FP_FORMAT_NONE), NULL);
  add_total (self, _("Total interest"), NULL, fp_format_money (s->total_interest_minor, currency, FP_FORMAT_NONE),
             NULL);
  add_total (self, _("Total fees"), _("Paid when the loan starts and with each payment"),
             fp_format_money (s->total_fees_minor, currency, FP_FORMAT_NONE), NULL);
  add_total (self, _("Total to repay"), _("The amount, interest and fees"),
             fp_format_money (s->total_payable_minor, currency, FP_FORMAT_NONE), NULL);
  add_total (self, _("Annual percentage rate (APR)"), _("All costs of the credit as a yearly rate"),
             fp_format_percent (s->apr_tenths / 1000.0, 1, FP_FORMAT_NONE),
             _("The rate that makes what you receive equal to everything you pay, interest and fees, each "
               "counted at its date, as the EU Consumer Credit Directive (2008/48/EC, Annex I) defines it; "
               "shown rounded to one decimal."));
  if (early->after_month > 0)
    {
      g_autofree char *month = fp_format_count (early->after_month);
      g_autofree char *fee = fp_format_money (early->compensation_minor, currency, FP_FORMAT_NONE);
      /* Translators: %s is a month of the term, then the lender's fee for repaying early */
      g_autofree char *caption = g_strdup_printf (_("Repaying everything after month %s saves interest and fees, less a fee of %s"),
                                                  month, fee);

      add_total (self, _("Repaying early saves"), caption,
                 fp_format_money (early->saving_minor, currency, FP_FORMAT_NONE),
                 _("Interest and monthly fees no longer due, less the compensation the lender may ask: one per cent "
                   "of the amount repaid early with more than a year left, half a per cent otherwise, never more "
                   "than the interest saved (EU Consumer Credit Directive, Article 16)."));
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < s->n_instalments; i++)
    g_ptr_array_add (items, fp_schedule_row_new (&s->instalments[i], currency));
  g_list_store_splice (self->rows, 0, 0, items->pdata, items->len);
}

/**
 * fp_loan_schedule_card_get_model:
 * @self: a #FpLoanScheduleCard
 *
 * Returns: (transfer none): the instalments shown (#FpScheduleRow)
 */
GListModel *
fp_loan_schedule_card_get_model (FpLoanScheduleCard *self)
{
  g_return_val_if_fail (FP_IS_LOAN_SCHEDULE_CARD (self), NULL);

  return G_LIST_MODEL (self->rows);
}

/**
 * fp_loan_schedule_card_get_table:
 * @self: a #FpLoanScheduleCard
 *
 * Returns: (transfer none): the column view
 */
GtkColumnView *
fp_loan_schedule_card_get_table (FpLoanScheduleCard *self)
{
  g_return_val_if_fail (FP_IS_LOAN_SCHEDULE_CARD (self), NULL);

  return self->table;
}
