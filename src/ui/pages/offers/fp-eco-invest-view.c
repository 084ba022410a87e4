/* fp-eco-invest-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The EcoInvest offer: the customer's values (exclude fossil fuels,
 * weapons, tobacco; favour climate or social themes) filter and re-weight
 * the bank's fund universe (fp_esg_build(), starting from the model
 * portfolio recommended for the risk profile), and the cost of the values
 * is shown honestly: expected return after fees, fees and volatility of
 * the filtered portfolio next to the unfiltered one, and the difference.
 * The funds left out are listed with the reason.
 *
 * The values are the customer's own choice, not an analysis of their
 * data: the view works without any consent. The risk profile comes from
 * the page (the questionnaire of the model portfolio offer).
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-card.h"
#include "fp-eco-invest-view.h"
#include "fp-figure-row.h"
#include "fp-figure.h"
#include "fp-format.h"
#include "fp-offers-format.h"

struct _FpEcoInvestView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkSwitch      *fossil_switch;
  GtkSwitch      *weapons_switch;
  GtkSwitch      *tobacco_switch;
  GtkSwitch      *climate_switch;
  GtkSwitch      *social_switch;
  GtkLabel       *note_label;
  GtkBox         *cards_box;

  FpOffersData   *data;           /* borrowed while shown */
  guint           risk_score;
  FpEsgPortfolio *portfolio;
  GtkWidget      *weights_box;
  gboolean        setting;
};

G_DEFINE_FINAL_TYPE (FpEcoInvestView, fp_eco_invest_view, ADW_TYPE_BIN)

static void recompute (FpEcoInvestView *self);

static void
values_changed_cb (FpEcoInvestView *self)
{
  if (!self->setting)
    recompute (self);
}

static void
fp_eco_invest_view_dispose (GObject *object)
{
  FpEcoInvestView *self = FP_ECO_INVEST_VIEW (object);

  self->data = NULL;
  self->weights_box = NULL;
  g_clear_pointer (&self->portfolio, fp_esg_portfolio_free);
  G_OBJECT_CLASS (fp_eco_invest_view_parent_class)->dispose (object);
}

static void
fp_eco_invest_view_class_init (FpEcoInvestViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_eco_invest_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-eco-invest-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpEcoInvestView, fossil_switch);
  gtk_widget_class_bind_template_child (widget_class, FpEcoInvestView, weapons_switch);
  gtk_widget_class_bind_template_child (widget_class, FpEcoInvestView, tobacco_switch);
  gtk_widget_class_bind_template_child (widget_class, FpEcoInvestView, climate_switch);
  gtk_widget_class_bind_template_child (widget_class, FpEcoInvestView, social_switch);
  gtk_widget_class_bind_template_child (widget_class, FpEcoInvestView, note_label);
  gtk_widget_class_bind_template_child (widget_class, FpEcoInvestView, cards_box);
  gtk_widget_class_bind_template_callback (widget_class, values_changed_cb);
}

static void
fp_eco_invest_view_init (FpEcoInvestView *self)
{
  self->setting = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->setting = FALSE;
  self->risk_score = 4;
}

GtkWidget *
fp_eco_invest_view_new (void)
{
  return g_object_new (FP_TYPE_ECO_INVEST_VIEW, NULL);
}

static void
note (FpEcoInvestView *self,
      const char      *text)
{
  gtk_label_set_label (self->note_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), text != NULL);
}

/* A figure row appended to @card, in order with its texts; takes @text. */
static void
append_figure (GtkWidget  *card,
               const char *title,
               const char *caption,
               char       *text,
               const char *label_class)
{
  GtkWidget *row = fp_figure_row_new (title, caption, fp_figure_new (text, label_class, NULL));

  if (GTK_IS_BOX (card))
    gtk_box_append (GTK_BOX (card), row);
  else
    fp_card_append (FP_CARD (card), row);
  g_free (text);
}

static char *
percent (double ratio)
{
  return fp_format_percent (ratio, 2, FP_FORMAT_NONE);
}

/* "A year: −0.12 points against the portfolio without your values" */
static char *
compared (const char *what,
          double      difference)
{
  g_autofree char *d = fp_format_number (difference * 100.0, 2);

  /* Translators: what a figure is, and its difference in percentage
   * points against the portfolio without the customer's values */
  return g_strdup_printf (_("%s: %s%s points against it without your values"), what,
                          difference >= 0.00005 ? "+" : "", d);
}

static void
show (FpEcoInvestView        *self,
      const FpModelPortfolio *base)
{
  const FpEsgPortfolio *e = self->portfolio;
  FpOffersData *data = self->data;
  GtkWidget *card = fp_card_new (_("Your EcoInvest Portfolio"), e->explanation);
  g_autofree char *c_return = compared (_("A year, after fees"), e->return_difference);
  g_autofree char *c_fees = compared (_("A year, funds and management"), e->fee_difference);
  g_autofree char *c_vol = compared (_("How much a year’s return may vary"), e->volatility_difference);
  g_autofree char *baseline = g_strdup_printf (_("Compared with %s, the portfolio for your profile without your "
                                                 "values"), base->name);

  fp_card_append_text (FP_CARD (card), e->explanation, NULL);
  fp_card_append_text (FP_CARD (card), baseline, "dim-label");
  append_figure (card, _("Expected return with your values"), c_return, percent (e->stats.net_return), "heading");
  append_figure (card, _("Expected return without them"), _("A year, after fees"), percent (e->baseline.net_return),
                 NULL);
  append_figure (card, _("Fees"), c_fees, percent (e->stats.fees), NULL);
  append_figure (card, _("Volatility"), c_vol, percent (e->stats.volatility), NULL);
  append_figure (card, _("ESG score"), _("Weighted by the funds’ shares, of 100"),
                 fp_format_number (e->stats.esg_score, 0), NULL);

  fp_card_append_text (FP_CARD (card), _("What it holds"), "heading");
  self->weights_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < e->n_allocations; i++)
    {
      const FpFund *fund = fp_fund_find ((const FpFund *) (gconstpointer) data->funds->data, data->funds->len,
                                         e->allocations[i].fund_id);

      append_figure (self->weights_box, fund != NULL ? fund->name : e->allocations[i].fund_id,
                     fund != NULL ? fp_offers_asset_class_title (fund->asset_class) : NULL, percent (e->allocations[i].weight_bps / 10000.0), NULL);
    }
  fp_card_append (FP_CARD (card), self->weights_box);

  if (e->n_excluded > 0)
    {
      fp_card_append_text (FP_CARD (card), _("Left out"), "heading");
      for (guint i = 0; i < e->n_excluded; i++)
        {
          const FpFund *fund = fp_fund_find ((const FpFund *) (gconstpointer) data->funds->data, data->funds->len,
                                             e->excluded[i].fund_id);
          g_autofree char *line = g_strdup_printf ("%s: %s", fund != NULL ? fund->name : e->excluded[i].fund_id,
                                                   e->excluded[i].reason);

          fp_card_append_text (FP_CARD (card), line, "dim-label");
        }
    }
  gtk_box_append (self->cards_box, card);
}

static void
recompute (FpEcoInvestView *self)
{
  FpOffersData *data = self->data;
  g_autoptr(GError) error = NULL;
  const FpModelPortfolio *base, *eco;
  FpEsgValues values;
  GtkWidget *child;

  self->weights_box = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_box_remove (self->cards_box, child);
  g_clear_pointer (&self->portfolio, fp_esg_portfolio_free);
  if (data == NULL)
    {
      note (self, NULL);
      return;
    }
  if (!data->has_cma || data->models->len == 0 || data->funds->len == 0)
    {
      note (self, _("Your bank’s funds, model portfolios or market assumptions are not on this computer yet; they "
                    "come with the next sync."));
      return;
    }

  fp_eco_invest_view_get_values (self, &values);
  base = fp_portfolio_recommend ((const FpModelPortfolio *) (gconstpointer) data->models->data, data->models->len,
                                 self->risk_score, FALSE);
  eco = fp_portfolio_recommend ((const FpModelPortfolio *) (gconstpointer) data->models->data, data->models->len,
                                self->risk_score, TRUE);
  if (base == NULL)
    {
      note (self, _("Your bank has no model portfolio for this profile."));
      return;
    }
  self->portfolio = fp_esg_build (base, (const FpFund *) (gconstpointer) data->funds->data, data->funds->len, &values,
                                  eco != NULL && eco->esg ? eco->management_fee_bps : base->management_fee_bps,
                                  &data->cma, &error);
  if (self->portfolio == NULL)
    {
      note (self, error != NULL ? error->message : _("No fund of your bank matches all of your values."));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Built from the model portfolio for risk profile %u, the one the "
                                               "questionnaire of the model portfolio offer gives."), self->risk_score);

    note (self, text);
  }
  show (self, base);
}

/**
 * fp_eco_invest_view_set_data:
 * @self: a #FpEcoInvestView
 * @data: (nullable): the Offers data, borrowed while shown
 * @risk_score: the risk profile, 1 to 7
 */
void
fp_eco_invest_view_set_data (FpEcoInvestView *self,
                             FpOffersData    *data,
                             guint            risk_score)
{
  g_return_if_fail (FP_IS_ECO_INVEST_VIEW (self));

  self->data = data;
  self->risk_score = CLAMP (risk_score, 1, 7);
  recompute (self);
}

void
fp_eco_invest_view_set_values (FpEcoInvestView   *self,
                               const FpEsgValues *values)
{
  g_return_if_fail (FP_IS_ECO_INVEST_VIEW (self));

  self->setting = TRUE;
  gtk_switch_set_active (self->fossil_switch, (values->exclude & FP_ESG_FOSSIL_FUELS) != 0);
  gtk_switch_set_active (self->weapons_switch, (values->exclude & FP_ESG_WEAPONS) != 0);
  gtk_switch_set_active (self->tobacco_switch, (values->exclude & FP_ESG_TOBACCO) != 0);
  gtk_switch_set_active (self->climate_switch, (values->favour & FP_ESG_THEME_CLIMATE) != 0);
  gtk_switch_set_active (self->social_switch, (values->favour & FP_ESG_THEME_SOCIAL) != 0);
  self->setting = FALSE;
  recompute (self);
}

void
fp_eco_invest_view_get_values (FpEcoInvestView *self,
                               FpEsgValues     *out)
{
  g_return_if_fail (FP_IS_ECO_INVEST_VIEW (self));

  out->exclude = (gtk_switch_get_active (self->fossil_switch) ? FP_ESG_FOSSIL_FUELS : 0) |
                 (gtk_switch_get_active (self->weapons_switch) ? FP_ESG_WEAPONS : 0) |
                 (gtk_switch_get_active (self->tobacco_switch) ? FP_ESG_TOBACCO : 0);
  out->favour = (gtk_switch_get_active (self->climate_switch) ? FP_ESG_THEME_CLIMATE : 0) |
                (gtk_switch_get_active (self->social_switch) ? FP_ESG_THEME_SOCIAL : 0);
  out->min_esg_score = 0;
}

const FpEsgPortfolio *
fp_eco_invest_view_get_portfolio (FpEcoInvestView *self)
{
  g_return_val_if_fail (FP_IS_ECO_INVEST_VIEW (self), NULL);
  return self->portfolio;
}

/**
 * fp_eco_invest_view_get_weights_box:
 * @self: a #FpEcoInvestView
 *
 * Returns: (transfer none) (nullable): the box of #FpFigureRow, one per
 *   fund of the filtered portfolio, in its order
 */
GtkWidget *
fp_eco_invest_view_get_weights_box (FpEcoInvestView *self)
{
  g_return_val_if_fail (FP_IS_ECO_INVEST_VIEW (self), NULL);
  return self->weights_box;
}
