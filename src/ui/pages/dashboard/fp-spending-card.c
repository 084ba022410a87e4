/* fp-spending-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spending by category in the last month the data covers completely (the
 * newest one, marked partial with the days it covers, when none is): the
 * total, and a bar per category, the largest seven and everything else
 * together. Months after the newest transaction are never shown: data
 * that stopped is not a month without spending.
 */

#define G_LOG_DOMAIN "fp-spending-card"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "fp-bar-chart.h"
#include "fp-figure.h"
#include "fp-format.h"
#include "fp-ui-util.h"
#include "fp-spending-card.h"

#define MAX_CATEGORIES 8

struct _FpSpendingCard
{
  FpCard parent_instance;
};

G_DEFINE_FINAL_TYPE (FpSpendingCard, fp_spending_card, FP_TYPE_CARD)

typedef struct {
  FpCategory category;
  gint64     minor;
} CatValue;

static int
compare_cat (gconstpointer a,
             gconstpointer b)
{
  const CatValue *x = a, *y = b;

  return (y->minor > x->minor) - (y->minor < x->minor);
}

static void
fp_spending_card_class_init (FpSpendingCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-spending-card.ui");
}

static void
fp_spending_card_init (FpSpendingCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_spending_card_new (void)
{
  return g_object_new (FP_TYPE_SPENDING_CARD, NULL);
}

/**
 * fp_spending_card_set_dashboard:
 * @self: a #FpSpendingCard
 * @data: the dashboard's data, personalized; read now, not kept
 *
 * Shows the spending by category of @data's last complete month.
 */
void
fp_spending_card_set_dashboard (FpSpendingCard        *self,
                                const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  const FpDashboard *d;
  const FpMonthSummary *months;
  const FpMonthSummary *m = NULL;
  CatValue values[FP_N_CATEGORIES];
  const char *labels[MAX_CATEGORIES + 1];
  gint64 amounts[MAX_CATEGORIES + 1];
  guint n = 0, n_values = 0;
  gint64 rest = 0;
  gsize n_months;
  GtkWidget *chart;
  g_autofree char *total = NULL;
  g_autofree char *title = NULL;
  g_autofree char *month_name = NULL;
  g_autofree char *caption = NULL;

  g_return_if_fail (FP_IS_SPENDING_CARD (self));
  g_return_if_fail (data != NULL && data->dashboard != NULL);

  d = data->dashboard;
  months = fp_dashboard_get_months (d, &n_months);
  for (gsize i = n_months; i-- > 0;)
    if (months[i].complete)
      {
        m = &months[i];
        break;
      }
  if (m == NULL && n_months > 0)
    m = &months[n_months - 1];

  fp_card_clear (card);
  fp_card_set_explanation (card, fp_dashboard_get_months_explanation (d));
  if (m == NULL)
    {
      fp_card_append_text (card, _("No transactions yet."), "dim-label");
      return;
    }

  {
    g_autoptr(GDateTime) dt = g_date_time_new_utc (m->year, m->month, 1, 0, 0, 0);

    /* Translators: a month and its year, see strftime */
    month_name = g_date_time_format (dt, _("%B %Y"));
  }
  if (m->partial)
    {
      /* Translators: the first day of a range of days, see strftime */
      g_autofree char *from = fp_ui_format_day (m->data_first_day, C_("first day", "%-d"));
      /* Translators: a day of this year, see strftime */
      g_autofree char *to = fp_ui_format_day (m->data_last_day, _("%-d %B"));

      /* Translators: the part of a month the data covers, "1 to 15 November" */
      caption = g_strdup_printf (_("Partial month: %s to %s only"), from, to);
    }
  total = fp_format_money (m->spending_minor, data->input->currency, FP_FORMAT_NONE);
  title = g_strdup_printf (_("Spent in %s"), month_name);
  fp_card_append_row (card, title, caption,
                      fp_figure_new (total, "title-2", fp_dashboard_get_months_explanation (d)));
  if (m->spending_minor == 0)
    return;

  for (FpCategory c = 0; c < FP_N_CATEGORIES; c++)
    if (m->by_category_minor[c] > 0)
      values[n_values++] = (CatValue) { c, m->by_category_minor[c] };
  if (n_values > 1)
    qsort (values, n_values, sizeof (CatValue), compare_cat);
  for (guint i = 0; i < n_values; i++)
    {
      if (n < MAX_CATEGORIES - 1 || (n == MAX_CATEGORIES - 1 && n_values == MAX_CATEGORIES))
        {
          labels[n] = fp_category_get_display_name (values[i].category);
          amounts[n++] = values[i].minor;
        }
      else
        rest += values[i].minor;
    }
  if (rest > 0)
    {
      labels[n] = _("Everything else");
      amounts[n++] = rest;
    }

  chart = fp_bar_chart_new (FP_BAR_CHART_ROWS);
  fp_bar_chart_set_series (FP_BAR_CHART (chart), title, NULL, NULL);
  fp_bar_chart_set_data (FP_BAR_CHART (chart), n, labels, amounts, NULL, data->input->currency);
  fp_card_append (card, chart);
}
