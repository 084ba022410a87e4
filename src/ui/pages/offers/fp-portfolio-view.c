/* fp-portfolio-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A model portfolio offer: the risk questionnaire (horizon, reaction to a
 * loss, experience), the profile it gives capped by the capacity from the
 * customer's own finances (only with the consent to personalization) and
 * how it was reached; the model portfolio core recommends for the profile
 * with its expected return, fees and volatility from the bank's
 * capital-market assumptions and the range of outcomes over the horizon
 * from the simulator; and, with the consent, the holdings of the investment
 * accounts against that target: drift in the bands of 5 percentage points
 * or 25 % of the target, and the trades of fp_portfolio_rebalance().
 *
 * Every figure is core's, formatted by fp-format.h; nothing is computed
 * here but which core function to call.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-card.h"
#include "fp-fan-chart.h"
#include "fp-figure-row.h"
#include "fp-figure.h"
#include "fp-format.h"
#include "fp-money-entry.h"
#include "fp-offers-format.h"
#include "fp-portfolio-view.h"

#define OUTCOME_PATHS 2000
#define OUTCOME_SEED 1
/* The most new money the form takes: 100 million in major units. */
#define CONTRIBUTION_MAX_MINOR ((gint64) 10000000000)
/* Without holdings, the outcomes of 10,000 in major units. */
#define EXAMPLE_MINOR ((gint64) 1000000)

struct _FpPortfolioView
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwComboRow         *horizon_row;
  AdwComboRow         *loss_row;
  AdwComboRow         *experience_row;
  GtkLabel            *note_label;
  GtkBox              *cards_box;

  FpOffersData        *data;           /* borrowed while shown */
  FpRiskProfile       *profile;
  const FpModelPortfolio *model;
  FpPortfolioStats     stats;
  gboolean             has_stats;
  FpRebalance         *rebalance;
  GtkWidget           *trades_box;       /* in holdings_card, while shown */
  GtkWidget           *holdings_card;
  FpMoneyEntry        *contribution_entry;
  FpHoldingValue      *held;             /* fund ids borrowed from data */
  gsize                n_held;
  gint64               contribution_minor;
  char                *score_text;
  char                *offer_id;
  gboolean             setting;
};

enum {
  SIGNAL_PROFILE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FpPortfolioView, fp_portfolio_view, ADW_TYPE_BIN)

static void recompute (FpPortfolioView *self);

static void
answer_changed_cb (FpPortfolioView *self)
{
  if (self->setting)
    return;
  recompute (self);
  if (self->profile != NULL)
    g_signal_emit (self, signals[SIGNAL_PROFILE_CHANGED], 0, self->profile->score);
}

static void
fp_portfolio_view_dispose (GObject *object)
{
  FpPortfolioView *self = FP_PORTFOLIO_VIEW (object);

  self->data = NULL;
  g_clear_pointer (&self->profile, fp_risk_profile_free);
  g_clear_pointer (&self->rebalance, fp_rebalance_free);
  g_clear_pointer (&self->score_text, g_free);
  g_clear_pointer (&self->offer_id, g_free);
  g_clear_pointer (&self->held, g_free);
  if (self->contribution_entry != NULL)
    g_signal_handlers_disconnect_by_data (self->contribution_entry, self);
  self->contribution_entry = NULL;
  self->holdings_card = NULL;
  self->trades_box = NULL;
  G_OBJECT_CLASS (fp_portfolio_view_parent_class)->dispose (object);
}

static void
fp_portfolio_view_class_init (FpPortfolioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_portfolio_view_dispose;

  /**
   * FpPortfolioView::profile-changed:
   * @self: the view
   * @score: the new profile, 1 to 7
   *
   * The customer changed an answer of the questionnaire.
   */
  signals[SIGNAL_PROFILE_CHANGED] = g_signal_new ("profile-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-portfolio-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpPortfolioView, horizon_row);
  gtk_widget_class_bind_template_child (widget_class, FpPortfolioView, loss_row);
  gtk_widget_class_bind_template_child (widget_class, FpPortfolioView, experience_row);
  gtk_widget_class_bind_template_child (widget_class, FpPortfolioView, note_label);
  gtk_widget_class_bind_template_child (widget_class, FpPortfolioView, cards_box);
}

static void
fp_portfolio_view_init (FpPortfolioView *self)
{
  FpRiskAnswers defaults = { FP_HORIZON_6_TO_10_YEARS, FP_LOSS_HOLD, FP_EXPERIENCE_SOME };

  gtk_widget_init_template (GTK_WIDGET (self));
  fp_portfolio_view_set_answers (self, &defaults);
  g_signal_connect_swapped (self->horizon_row, "notify::selected", G_CALLBACK (answer_changed_cb), self);
  g_signal_connect_swapped (self->loss_row, "notify::selected", G_CALLBACK (answer_changed_cb), self);
  g_signal_connect_swapped (self->experience_row, "notify::selected", G_CALLBACK (answer_changed_cb), self);
}

GtkWidget *
fp_portfolio_view_new (void)
{
  return g_object_new (FP_TYPE_PORTFOLIO_VIEW, NULL);
}

static void
note (FpPortfolioView *self,
      const char      *text)
{
  gtk_label_set_label (self->note_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), text != NULL);
}

static void
clear_cards (FpPortfolioView *self)
{
  GtkWidget *child;

  self->trades_box = NULL;
  self->holdings_card = NULL;
  if (self->contribution_entry != NULL)
    g_signal_handlers_disconnect_by_data (self->contribution_entry, self);
  self->contribution_entry = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_box_remove (self->cards_box, child);
}

/* A figure row appended to @box; takes @text. */
static GtkWidget *
append_figure (GtkBox     *box,
               const char *title,
               const char *caption,
               char       *text,
               const char *label_class,
               const char *explanation)
{
  GtkWidget *row = fp_figure_row_new (title, caption, fp_figure_new (text, label_class, explanation));

  gtk_box_append (box, row);
  g_free (text);
  return row;
}

/* A figure row appended to @card, in order with its texts; takes @text. */
static GtkWidget *
card_figure (GtkWidget  *card,
             const char *title,
             const char *caption,
             char       *text,
             const char *label_class,
             const char *explanation)
{
  GtkWidget *row = fp_figure_row_new (title, caption, fp_figure_new (text, label_class, explanation));

  fp_card_append (FP_CARD (card), row);
  g_free (text);
  return row;
}

static const char *
fund_name (FpOffersData *data,
           const char   *fund_id)
{
  const FpFund *fund = fp_fund_find ((const FpFund *) (gconstpointer) data->funds->data, data->funds->len, fund_id);

  if (fund != NULL)
    return fund->name;
  for (guint i = 0; i < data->holdings->len; i++)
    {
      const FpOffersHolding *h = &g_array_index (data->holdings, FpOffersHolding, i);

      if (g_str_equal (h->holding_id, fund_id))
        return h->name;
    }
  return fund_id;
}

static char *
percent (double ratio)
{
  return fp_format_percent (ratio, 1, FP_FORMAT_NONE);
}

static void
show_profile (FpPortfolioView *self)
{
  const FpRiskProfile *p = self->profile;
  GtkWidget *card;
  g_autofree char *how = NULL;
  GString *lines = g_string_new (NULL);

  for (guint i = 0; i < p->n_lines; i++)
    g_string_append_printf (lines, "%s%s", i > 0 ? "\n" : "", p->lines[i]);
  how = g_string_free (lines, FALSE);

  card = fp_card_new (_("Your Profile"), how);
  g_free (self->score_text);
  /* Translators: a risk profile on a scale of 1 to 7, "4 of 7" */
  self->score_text = g_strdup_printf (_("%u of 7"), p->score);
  card_figure (card, _("Risk profile"), p->capped ? _("Capped by your capacity to take risk") : _("Your willingness"),
                 g_strdup (self->score_text), "title-2", how);
  card_figure (card, _("Willingness"), _("From your answers"), g_strdup_printf (_("%u of 7"), p->willingness),
                 NULL, NULL);
  if (self->data->personalization && self->data->dashboard != NULL && self->data->dashboard->dashboard != NULL)
    card_figure (card, _("Capacity"), _("From your savings, debts and income"),
                   g_strdup_printf (_("%u of 7"), p->capacity), NULL, NULL);
  else
    card_figure (card, _("Capacity"), _("Not assessed without your consent to personalization"),
                   p->capacity < 7 ? g_strdup_printf (_("%u of 7"), p->capacity) : g_strdup (_("not assessed")),
                   NULL, NULL);
  for (guint i = 0; i < p->n_lines; i++)
    fp_card_append_text (FP_CARD (card), p->lines[i], "dim-label");
  gtk_box_append (self->cards_box, card);
}

static void
show_model (FpPortfolioView *self,
            gint64           start_minor)
{
  FpOffersData *data = self->data;
  const FpModelPortfolio *m = self->model;
  g_autoptr(GError) error = NULL;
  g_autofree char *how = NULL;
  g_autofree char *mgmt = fp_format_percent (m->management_fee_bps / 10000.0, 2, FP_FORMAT_NONE);
  g_autoptr(FpSimulationResult) result = NULL;
  FpPortfolioOutcomes outcomes;
  GtkWidget *card;

  how = g_strdup_printf (_("The expected return is the sum of each asset class’s weight times the return your bank "
                           "assumes for it; the volatility comes from the classes’ volatilities and correlations, "
                           "the same assumptions the Time Machine simulates with. Fees are the funds’ ongoing "
                           "charges by weight plus the management fee of %s."), mgmt);
  card = fp_card_new (m->name, how);
  card_figure (card, _("Recommended for your profile"), _("The bank’s model portfolio for this risk level"),
                 g_strdup_printf (_("Risk level %u"), m->risk_level), "heading", NULL);
  if (self->offer_id != NULL && g_strcmp0 (self->offer_id, m->offer_id) != 0)
    {
      const FpModelPortfolio *offered = fp_offers_data_find_model (data, self->offer_id);

      if (offered != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("This offer is the %s at risk level %u; for your profile of %u "
                                                     "your bank’s %s fits best, and it is the one shown here."),
                                                   offered->name, offered->risk_level, self->profile->score, m->name);

          fp_card_append_text (FP_CARD (card), text, "dim-label");
        }
    }
  card_figure (card, _("Expected return"), _("A year, before fees"), percent (self->stats.expected_return), NULL, NULL);
  card_figure (card, _("Fees"), _("A year, funds and management"), fp_format_percent (self->stats.fees, 2, FP_FORMAT_NONE),
                 NULL, NULL);
  card_figure (card, _("Expected return after fees"), _("A year"), percent (self->stats.net_return), "heading", NULL);
  card_figure (card, _("Volatility"), _("How much a year’s return may vary"), percent (self->stats.volatility), NULL,
                 NULL);

  result = fp_portfolio_simulate (&self->stats, &data->cma, start_minor, 0, self->profile->horizon_years,
                                  OUTCOME_PATHS, OUTCOME_SEED, &outcomes, &error);
  if (result != NULL && start_minor > 0)
    {
      GtkWidget *chart = fp_fan_chart_new ();
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_autofree char *start = fp_format_money (outcomes.contributed_minor, data->currency, FP_FORMAT_WHOLE);
      g_autofree char *caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "After %u year, from %s invested today",
                                                               "After %u years, from %s invested today",
                                                               outcomes.horizon_months / 12),
                                                  outcomes.horizon_months / 12, start);
      g_autofree char *sim = g_strdup_printf (_("%u paths of the Time Machine’s simulator over your horizon with this "
                                                "portfolio’s return and volatility; 1 path in 20 ends lower than the "
                                                "bad case and 1 in 20 higher than the good case."),
                                              outcomes.n_paths);

      fp_card_append_text (FP_CARD (card), caption, "heading");
      /* The range month by month: the simulator's 5th to 95th
       * percentiles around the median. */
      fp_fan_chart_set_start_year (FP_FAN_CHART (chart), g_date_time_get_year (now));
      fp_fan_chart_set_results (FP_FAN_CHART (chart), result, NULL, data->currency);
      gtk_widget_set_size_request (chart, -1, 200);
      fp_card_append (FP_CARD (card), chart);
      card_figure (card, _("A bad case"), _("1 in 20 ends lower"),
                     fp_format_money (outcomes.p5_minor, data->currency, FP_FORMAT_WHOLE), NULL, sim);
      card_figure (card, _("The middle case"), _("Half end lower, half higher"),
                     fp_format_money (outcomes.p50_minor, data->currency, FP_FORMAT_WHOLE), "heading", sim);
      card_figure (card, _("A good case"), _("1 in 20 ends higher"),
                     fp_format_money (outcomes.p95_minor, data->currency, FP_FORMAT_WHOLE), NULL, sim);
    }
  else if (error != NULL)
    g_debug ("No outcomes: %s", error->message);

  fp_card_append_text (FP_CARD (card), _("What it holds"), "heading");
  for (gsize i = 0; i < m->n_allocations; i++)
    {
      const FpFund *fund = fp_fund_find ((const FpFund *) (gconstpointer) data->funds->data, data->funds->len,
                                         m->allocations[i].fund_id);
      g_autofree char *charge = fund != NULL ? fp_format_percent (fund->ongoing_charge_bps / 10000.0, 2,
                                                                  FP_FORMAT_NONE) : NULL;
      g_autofree char *caption = charge != NULL ? g_strdup_printf (_("%s, ongoing charge %s a year"),
                                                                   fp_offers_asset_class_title (fund->asset_class),
                                                                   charge) : NULL;

      card_figure (card, fund_name (data, m->allocations[i].fund_id), caption,
                     percent (m->allocations[i].weight_bps / 10000.0), NULL, NULL);
    }
  gtk_box_append (self->cards_box, card);
}

static char *
drift_caption (const FpDriftLine *line)
{
  g_autofree char *now = percent (line->weight);
  g_autofree char *target = percent (line->target_weight);
  g_autofree char *drift = fp_format_number (line->drift * 100.0, 1);
  const char *sign = line->drift >= 0.0005 ? "+" : "";

  if (line->out_of_band)
    /* Translators: weights of a fund now and in the target, and the
     * difference in percentage points */
    return g_strdup_printf (_("%s now, target %s: %s%s points, outside its band"), now, target, sign, drift);
  return g_strdup_printf (_("%s now, target %s: %s%s points"), now, target, sign, drift);
}

/* The trades for the contribution of the moment, in the trades box:
 * whether a fund left its band, a row per fund, the totals. */
static void
fill_trades (FpPortfolioView *self)
{
  FpOffersData *data = self->data;
  const FpRebalance *r;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GtkWidget *band;

  while ((child = gtk_widget_get_first_child (self->trades_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->trades_box), child);
  g_clear_pointer (&self->rebalance, fp_rebalance_free);
  self->rebalance = fp_portfolio_rebalance (self->held, self->n_held, self->model->allocations,
                                            self->model->n_allocations, self->contribution_minor, NULL,
                                            data->currency, &error);
  if (self->rebalance == NULL)
    {
      gtk_box_append (GTK_BOX (self->trades_box), fp_card_text_new (error->message, "error"));
      return;
    }
  r = self->rebalance;
  fp_card_set_explanation (FP_CARD (self->holdings_card), r->explanation);
  band = fp_card_text_new (r->out_of_band
                           /* xgettext:no-c-format */
                           ? _("A fund left its band (5 percentage points, or 25 % of its target): "
                               "trading every fund back to its target is the least that restores it.")
                           : _("Every fund is inside its band: nothing needs to be sold; new money "
                               "goes to what is underweight first."),
                           r->out_of_band ? "warning" : "dim-label");
  gtk_box_append (GTK_BOX (self->trades_box), band);
  for (guint i = 0; i < r->n_lines; i++)
    {
      const FpDriftLine *line = &r->lines[i];
      g_autofree char *caption = drift_caption (line);
      g_autofree char *amount = fp_format_money (ABS (line->trade_minor), data->currency, FP_FORMAT_NONE);
      char *trade;

      if (line->trade_minor > 0)
        /* Translators: an amount to buy */
        trade = g_strdup_printf (_("buy %s"), amount);
      else if (line->trade_minor < 0)
        trade = g_strdup_printf (_("sell %s"), amount);
      else
        trade = g_strdup (_("keep"));
      append_figure (GTK_BOX (self->trades_box), fund_name (data, line->fund_id), caption, trade,
                     line->out_of_band ? "warning" : NULL, NULL);
    }
  append_figure (GTK_BOX (self->trades_box), _("Bought"), NULL,
                 fp_format_money (r->buys_minor, data->currency, FP_FORMAT_NONE), NULL, NULL);
  append_figure (GTK_BOX (self->trades_box), _("Sold"), NULL,
                 fp_format_money (r->sells_minor, data->currency, FP_FORMAT_NONE), NULL, NULL);
}

static void
contribution_changed_cb (FpPortfolioView *self)
{
  gint64 value = fp_money_entry_get_value_minor (self->contribution_entry);

  if (value == self->contribution_minor || self->trades_box == NULL)
    return;
  self->contribution_minor = value;
  fill_trades (self);
}

static void
show_holdings (FpPortfolioView *self)
{
  FpOffersData *data = self->data;
  GtkWidget *row;
  gint64 total = 0;

  for (gsize i = 0; i < self->n_held; i++)
    total += self->held[i].value_minor;
  self->holdings_card = fp_card_new (_("Your Holdings Against the Target"), NULL);
  card_figure (self->holdings_card, _("Invested"), _("Your investment accounts today"),
               fp_format_money (total, data->currency, FP_FORMAT_NONE), "title-3", NULL);

  /* New money goes to what is underweight first. */
  self->contribution_entry = FP_MONEY_ENTRY (fp_money_entry_new ());
  fp_money_entry_set_currency (self->contribution_entry, data->currency);
  fp_money_entry_set_range (self->contribution_entry, 0, CONTRIBUTION_MAX_MINOR, 100);
  fp_money_entry_set_value_minor (self->contribution_entry, self->contribution_minor);
  gtk_widget_set_valign (GTK_WIDGET (self->contribution_entry), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fp_money_entry_get_spin_button (self->contribution_entry)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New money to invest"), -1);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("New Money to Invest"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Bought first where you are underweight"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->contribution_entry));
  gtk_widget_add_css_class (row, "card");
  fp_card_append (FP_CARD (self->holdings_card), row);
  g_signal_connect_swapped (self->contribution_entry, "notify::value-minor", G_CALLBACK (contribution_changed_cb),
                            self);

  self->trades_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  fp_card_append (FP_CARD (self->holdings_card), self->trades_box);
  fill_trades (self);
  gtk_box_append (self->cards_box, self->holdings_card);
}

static gboolean
has_insights (FpOffersData *data)
{
  return data->personalization && data->dashboard != NULL && data->dashboard->dashboard != NULL;
}

static void
recompute (FpPortfolioView *self)
{
  FpOffersData *data = self->data;
  g_autoptr(GError) error = NULL;
  FpRiskCapacityInputs capacity;
  g_autofree char *example = NULL;
  FpRiskAnswers answers;
  gint64 invested = 0;

  clear_cards (self);
  g_clear_pointer (&self->profile, fp_risk_profile_free);
  g_clear_pointer (&self->rebalance, fp_rebalance_free);
  g_clear_pointer (&self->score_text, g_free);
  g_clear_pointer (&self->held, g_free);
  self->n_held = 0;
  self->model = NULL;
  self->has_stats = FALSE;
  if (data == NULL)
    {
      note (self, NULL);
      return;
    }

  fp_portfolio_view_get_answers (self, &answers);
  if (has_insights (data))
    fp_risk_capacity_from_dashboard (&capacity, data->dashboard->dashboard, data->currency);
  self->profile = fp_risk_profile_compute (&answers, has_insights (data) ? &capacity : NULL, &error);
  if (self->profile == NULL)
    {
      note (self, error->message);
      return;
    }
  show_profile (self);

  if (!data->has_cma || data->models->len == 0)
    {
      note (self, _("Your bank’s model portfolios or market assumptions are not on this computer yet; they come "
                    "with the next sync."));
      return;
    }
  self->model = fp_portfolio_recommend ((const FpModelPortfolio *) (gconstpointer) data->models->data,
                                        data->models->len, self->profile->score, FALSE);
  if (self->model == NULL ||
      !fp_portfolio_stats (self->model->allocations, self->model->n_allocations, self->model->management_fee_bps,
                           (const FpFund *) (gconstpointer) data->funds->data, data->funds->len, &data->cma,
                           &self->stats, &error))
    {
      note (self, error != NULL ? error->message : _("Your bank has no model portfolio for this profile."));
      self->model = NULL;
      return;
    }
  self->has_stats = TRUE;

  /* The holdings are the customer's own data: compared only with the
   * consent to personalization. */
  if (has_insights (data) && data->holdings->len > 0)
    {
      self->held = g_new0 (FpHoldingValue, data->holdings->len);
      self->n_held = data->holdings->len;
      for (guint i = 0; i < data->holdings->len; i++)
        {
          const FpOffersHolding *h = &g_array_index (data->holdings, FpOffersHolding, i);

          self->held[i].fund_id = h->fund != NULL ? h->fund->fund_id : h->holding_id;
          self->held[i].value_minor = h->value_minor;
          invested += h->value_minor;
        }
    }
  show_model (self, invested > 0 ? invested : EXAMPLE_MINOR);
  example = fp_format_money (EXAMPLE_MINOR, data->currency, FP_FORMAT_WHOLE);
  if (!has_insights (data))
    {
      g_autofree char *text = g_strdup_printf (_("Your holdings are compared with the target only with your consent "
                                                 "to personalization; the range of outcomes is shown for %s "
                                                 "invested."), example);
      note (self, text);
    }
  else if (self->held == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("You hold no investments with your bank yet; the range of outcomes "
                                                 "is shown for %s invested."), example);
      note (self, text);
    }
  else
    {
      note (self, NULL);
      show_holdings (self);
    }
}

/**
 * fp_portfolio_view_set_data:
 * @self: a #FpPortfolioView
 * @data: (nullable): the Offers data, borrowed while shown
 */
void
fp_portfolio_view_set_data (FpPortfolioView *self,
                            FpOffersData    *data)
{
  g_return_if_fail (FP_IS_PORTFOLIO_VIEW (self));

  self->data = data;
  recompute (self);
}

/**
 * fp_portfolio_view_set_contribution:
 * @self: a #FpPortfolioView
 * @contribution_minor: new money to invest, not negative
 *
 * As if typed into "New Money to Invest".
 */
void
fp_portfolio_view_set_contribution (FpPortfolioView *self,
                                    gint64           contribution_minor)
{
  g_return_if_fail (FP_IS_PORTFOLIO_VIEW (self));

  if (self->contribution_entry != NULL)
    fp_money_entry_set_value_minor (self->contribution_entry, contribution_minor);
  else
    self->contribution_minor = MAX (0, contribution_minor);
}

/**
 * fp_portfolio_view_set_offer_id:
 * @self: a #FpPortfolioView
 * @offer_id: (nullable): the model portfolio offer the customer opened
 *
 * Takes effect with the next fp_portfolio_view_set_data().
 */
void
fp_portfolio_view_set_offer_id (FpPortfolioView *self,
                                const char      *offer_id)
{
  g_return_if_fail (FP_IS_PORTFOLIO_VIEW (self));

  g_free (self->offer_id);
  self->offer_id = g_strdup (offer_id);
}

void
fp_portfolio_view_set_answers (FpPortfolioView     *self,
                               const FpRiskAnswers *answers)
{
  g_return_if_fail (FP_IS_PORTFOLIO_VIEW (self));

  self->setting = TRUE;
  adw_combo_row_set_selected (self->horizon_row, answers->horizon);
  adw_combo_row_set_selected (self->loss_row, answers->loss_reaction);
  adw_combo_row_set_selected (self->experience_row, answers->experience);
  self->setting = FALSE;
  recompute (self);
}

void
fp_portfolio_view_get_answers (FpPortfolioView *self,
                               FpRiskAnswers   *out)
{
  g_return_if_fail (FP_IS_PORTFOLIO_VIEW (self));

  out->horizon = MIN (adw_combo_row_get_selected (self->horizon_row), FP_HORIZON_OVER_10_YEARS);
  out->loss_reaction = MIN (adw_combo_row_get_selected (self->loss_row), FP_LOSS_BUY_MORE);
  out->experience = MIN (adw_combo_row_get_selected (self->experience_row), FP_EXPERIENCE_EXPERIENCED);
}

const FpRiskProfile *
fp_portfolio_view_get_profile (FpPortfolioView *self)
{
  g_return_val_if_fail (FP_IS_PORTFOLIO_VIEW (self), NULL);
  return self->profile;
}

const FpModelPortfolio *
fp_portfolio_view_get_model (FpPortfolioView *self)
{
  g_return_val_if_fail (FP_IS_PORTFOLIO_VIEW (self), NULL);
  return self->model;
}

const FpPortfolioStats *
fp_portfolio_view_get_stats (FpPortfolioView *self)
{
  g_return_val_if_fail (FP_IS_PORTFOLIO_VIEW (self), NULL);
  return self->has_stats ? &self->stats : NULL;
}

const FpRebalance *
fp_portfolio_view_get_rebalance (FpPortfolioView *self)
{
  g_return_val_if_fail (FP_IS_PORTFOLIO_VIEW (self), NULL);
  return self->rebalance;
}

/**
 * fp_portfolio_view_get_score_text:
 * @self: a #FpPortfolioView
 *
 * Returns: (nullable): the profile as shown, "4 of 7"
 */
const char *
fp_portfolio_view_get_score_text (FpPortfolioView *self)
{
  g_return_val_if_fail (FP_IS_PORTFOLIO_VIEW (self), NULL);
  return self->score_text;
}

/**
 * fp_portfolio_view_get_trades_box:
 * @self: a #FpPortfolioView
 *
 * Returns: (transfer none) (nullable): the box of #FpFigureRow, one per
 *   line of the rebalancing, in its order
 */
GtkWidget *
fp_portfolio_view_get_trades_box (FpPortfolioView *self)
{
  g_return_val_if_fail (FP_IS_PORTFOLIO_VIEW (self), NULL);
  return self->trades_box;
}
