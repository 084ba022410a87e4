/* fp-trend-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The monthly trend: average spending and income, both per month over
 * the last twelve months side by side (a month the data covers only in
 * part is marked with an asterisk and said below), and the categories
 * that changed the most in the last complete month against the ones
 * before it.
 */

#define G_LOG_DOMAIN "fp-trend-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-bar-chart.h"
#include "fp-figure-row.h"
#include "fp-figure.h"
#include "fp-format.h"
#include "fp-ui-util.h"
#include "fp-trend-card.h"

#define MAX_MONTHS  12
#define MAX_CHANGES 3

struct _FpTrendCard
{
  FpCard       parent_instance;

  /* Template widgets */
  FpFigureRow *spending_row;
  FpFigureRow *income_row;
};

G_DEFINE_FINAL_TYPE (FpTrendCard, fp_trend_card, FP_TYPE_CARD)

static void
fp_trend_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_TREND_CARD);

  G_OBJECT_CLASS (fp_trend_card_parent_class)->dispose (object);
}

static void
fp_trend_card_class_init (FpTrendCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_trend_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-trend-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpTrendCard, spending_row);
  gtk_widget_class_bind_template_child (widget_class, FpTrendCard, income_row);
}

static void
fp_trend_card_init (FpTrendCard *self)
{
  g_type_ensure (FP_TYPE_FIGURE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_trend_card_new (void)
{
  return g_object_new (FP_TYPE_TREND_CARD, NULL);
}

/**
 * fp_trend_card_set_dashboard:
 * @self: a #FpTrendCard
 * @data: the dashboard's data, personalized; read now, not kept
 *
 * Shows @data's monthly spending and income and the largest changes.
 */
void
fp_trend_card_set_dashboard (FpTrendCard           *self,
                             const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  const FpDashboard *d;
  const FpMonthSummary *months;
  const FpCategoryTrend *const *changes;
  const char *currency;
  gsize n_months, n_changes, first;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) spending = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) income = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *avg_spending = NULL;
  g_autofree char *avg_income = NULL;
  g_autoptr(GString) partial = g_string_new (NULL);
  GtkWidget *chart;

  g_return_if_fail (FP_IS_TREND_CARD (self));
  g_return_if_fail (data != NULL && data->dashboard != NULL);

  d = data->dashboard;
  currency = data->input->currency;
  months = fp_dashboard_get_months (d, &n_months);
  changes = fp_dashboard_get_largest_changes (d, &n_changes);
  first = n_months > MAX_MONTHS ? n_months - MAX_MONTHS : 0;
  avg_spending = fp_format_money (fp_dashboard_get_monthly_spending (d), currency, FP_FORMAT_NONE);
  avg_income = fp_format_money (fp_dashboard_get_monthly_income (d), currency, FP_FORMAT_NONE);

  fp_card_clear (card);
  fp_card_set_explanation (card, fp_dashboard_get_spending_explanation (d));
  fp_figure_row_set_figure (self->spending_row,
                            fp_figure_new (avg_spending, NULL, fp_dashboard_get_spending_explanation (d)));
  fp_figure_row_set_figure (self->income_row,
                            fp_figure_new (avg_income, "success", fp_dashboard_get_income_explanation (d)));

  for (gsize i = first; i < n_months; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (months[i].year, months[i].month, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (dt, "%b");
      gint64 in = months[i].income_minor;

      if (months[i].partial)
        {
          /* Translators: the first day of a range of days, see strftime */
          g_autofree char *from = fp_ui_format_day (months[i].data_first_day, C_("first day", "%-d"));
          /* Translators: a date, see strftime */
          g_autofree char *to = fp_ui_format_day (months[i].data_last_day, _("%-d %B %Y"));

          if (partial->len > 0)
            g_string_append_c (partial, ' ');
          /* Translators: a month the data covers in part, "* 1 to 7 December 2026 only." */
          g_string_append_printf (partial, _("* %s to %s only."), from, to);
          g_ptr_array_add (labels, g_strconcat (name, "*", NULL));
        }
      else
        g_ptr_array_add (labels, g_steal_pointer (&name));
      g_array_append_val (spending, months[i].spending_minor);
      g_array_append_val (income, in);
    }
  g_ptr_array_add (labels, NULL);

  chart = fp_bar_chart_new (FP_BAR_CHART_COLUMNS);
  fp_bar_chart_set_series (FP_BAR_CHART (chart), _("Spending and income per month"),
                           _("Spending"), _("Income"));
  fp_bar_chart_set_data (FP_BAR_CHART (chart), spending->len, (const char *const *) labels->pdata,
                         (const gint64 *) (gconstpointer) spending->data,
                         (const gint64 *) (gconstpointer) income->data, currency);
  fp_card_append (card, chart);
  if (partial->len > 0)
    {
      GtkWidget *note = fp_card_append_text (card, partial->str, "caption");

      gtk_widget_set_name (note, "partial-note");
    }

  if (n_changes > 0)
    {
      const FpFreshness *fresh = fp_dashboard_get_freshness (d);

      fp_card_append_text (card, _("Largest changes"), "heading");
      if (fresh->trend_month.first_day != FP_DAY_NONE && fresh->trend_base.first_day != FP_DAY_NONE)
        {
          /* Translators: a month and its year, see strftime */
          g_autofree char *month = fp_ui_format_day (fresh->trend_month.first_day, _("%B %Y"));
          g_autofree char *from = fp_ui_format_day (fresh->trend_base.first_day, "%B");
          /* Translators: a month and its year, see strftime */
          g_autofree char *to = fp_ui_format_day (fresh->trend_base.last_day, _("%B %Y"));
          g_autofree char *text = NULL;
          GtkWidget *label;

          if (fresh->trend_base.n_days <= 31)
            /* Translators: "November 2026 against October 2026" */
            text = g_strdup_printf (_("%s against %s"), month, to);
          else
            /* Translators: "November 2026 against the average of August to October 2026" */
            text = g_strdup_printf (_("%s against the average of %s to %s"), month, from, to);
          label = fp_card_append_text (card, text, "caption");

          gtk_widget_add_css_class (label, "dim-label");
        }
      for (gsize i = 0; i < n_changes && i < MAX_CHANGES; i++)
        {
          const FpCategoryTrend *t = changes[i];
          g_autofree char *signed_change = fp_format_money (t->change_minor, currency, FP_FORMAT_SIGN);

          fp_card_append_row (card, fp_category_get_display_name (t->category), NULL,
                              fp_figure_new (signed_change, t->change_minor > 0 ? "warning" : "success",
                                             t->explanation));
        }
    }
}
