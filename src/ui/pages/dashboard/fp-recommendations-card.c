/* fp-recommendations-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recommendations: what to change, what it would save a month and the
 * points it would add to the health score.
 */

#define G_LOG_DOMAIN "fp-recommendations-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-cache-insights.h"
#include "fp-figure.h"
#include "fp-format.h"
#include "fp-recommendations-card.h"
#include "fp-ui-util.h"

#define MAX_RECOMMENDATIONS 6

struct _FpRecommendationsCard
{
  FpCard parent_instance;
};

G_DEFINE_FINAL_TYPE (FpRecommendationsCard, fp_recommendations_card, FP_TYPE_CARD)

/* The target of `win.show-transactions` for the transactions behind @r:
 * (search, account id, category id, first day, last day), or %NULL when
 * it names none. */
static GVariant *
link_target (const FpRecommendation *r,
             const FpInsightsInput  *in)
{
  const char *merchant = "";
  const char *account = "";
  const char *category = "";
  gint32 from = 0, to = 0;

  if (r->merchant_id > 0 && r->merchant_id <= in->merchant_names->len)
    merchant = g_ptr_array_index (in->merchant_names, r->merchant_id - 1);
  if (r->account_id > 0 && r->account_id <= in->account_ids->len)
    account = g_ptr_array_index (in->account_ids, r->account_id - 1);
  if (r->category != FP_CATEGORY_OTHER)
    category = fp_category_get_id (r->category);
  if (r->first_day != FP_DAY_NONE && r->last_day != FP_DAY_NONE)
    {
      from = fp_cache_day_to_yyyymmdd (r->first_day);
      to = fp_cache_day_to_yyyymmdd (r->last_day);
    }
  if (merchant == NULL)
    merchant = "";
  if (*merchant == '\0' && *account == '\0' && *category == '\0')
    return NULL;
  return g_variant_new ("(sssii)", merchant, account, category, from, to);
}

static void
fp_recommendations_card_class_init (FpRecommendationsCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-recommendations-card.ui");
}

static void
fp_recommendations_card_init (FpRecommendationsCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_recommendations_card_new (void)
{
  return g_object_new (FP_TYPE_RECOMMENDATIONS_CARD, NULL);
}

/**
 * fp_recommendations_card_set_dashboard:
 * @self: a #FpRecommendationsCard
 * @data: the dashboard's data, personalized; read now, not kept
 *
 * Shows @data's recommendations, at most six, each with a link to the
 * transactions behind it (the window's `win.show-transactions`: Activity,
 * filtered).
 */
void
fp_recommendations_card_set_dashboard (FpRecommendationsCard *self,
                                       const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  const FpRecommendation *recs;
  gsize n;

  g_return_if_fail (FP_IS_RECOMMENDATIONS_CARD (self));
  g_return_if_fail (data != NULL && data->dashboard != NULL);

  recs = fp_dashboard_get_recommendations (data->dashboard, &n);
  fp_card_clear (card);
  if (n == 0)
    fp_card_append_text (card, _("No recommendation: your spending looks in line."), "dim-label");
  for (gsize i = 0; i < n && i < MAX_RECOMMENDATIONS; i++)
    {
      const FpRecommendation *r = &recs[i];
      g_autofree char *saving = fp_format_money (r->monthly_saving_minor, data->input->currency, FP_FORMAT_NONE);
      g_autofree char *figure = r->points > 0
                                ? g_strdup_printf (_("%s a month · +%d points"), saving, r->points)
                                : g_strdup_printf (_("%s a month"), saving);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GVariant *target = link_target (r, data->input);

      gtk_box_append (GTK_BOX (box), fp_card_text_new (r->text, NULL));
      {
        GtkWidget *figure_widget = fp_figure_new (figure, "success", r->explanation);

        /* Read with the recommendation, not the saving alone. */
        fp_figure_set_context (FP_FIGURE (figure_widget), r->text);
        gtk_box_append (GTK_BOX (box), figure_widget);
      }
      if (target != NULL)
        {
          GtkWidget *link = gtk_button_new_with_mnemonic (_("Show the _Transactions"));

          gtk_actionable_set_action_name (GTK_ACTIONABLE (link), "win.show-transactions");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (link), target);
          gtk_widget_add_css_class (link, "flat");
          gtk_widget_add_css_class (link, "fp-link-button");
          gtk_widget_set_halign (link, GTK_ALIGN_START);
          gtk_widget_set_name (link, "transactions-link");
          fp_ui_set_accessible_name (link, _("Show the Transactions"), r->text);
          gtk_box_append (GTK_BOX (box), link);
        }
      fp_card_append (card, box);
    }
}
