/* fp-time-machine-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Financial Time Machine: a scenario editor on one side, and on the
 * other the fan chart of the scenario over its baseline, the goal cards,
 * and a narrative.
 *
 * Every change cancels the runs in flight, starts a coarse simulation
 * (1,000 paths) at once and, when it is back, a refined one (10,000 paths)
 * on the same cancellable. The baseline — the starting point without the
 * changes — runs again only when the starting point, the goals or the
 * units change. Both use the same seed, so that their difference is the
 * effect of the changes and not of luck (common random numbers).
 *
 * With a cache (the window binds the `cache` property), a worker thread
 * reads, off the main thread: the starting point from the customer's
 * accounts and the insights engine (only with the consent to
 * personalization: without it nothing personal is read and the starting
 * point stays entered by hand), the bank's capital-market assumptions and
 * inflation from the market-data catalogue, and the saved scenarios of the
 * local-only `scenarios` table, each simulated again. `page.refresh`
 * (activated by the window after every sync) reads them again.
 */

#define G_LOG_DOMAIN "fp-time-machine-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fp-cache-scenarios.h"
#include "fp-cli-insights.h"
#include "fp-consent.h"
#include "fp-http-client.h"
#include "fp-money.h"
#include "fp-scenario-json.h"
#include "fp-simulator.h"
#include "fp-time-machine-page-private.h"

#define COARSE_PATHS   1000
#define REFINED_PATHS  10000
#define SEED           20261122u
#define MAX_SAVED      3
#define CURRENCY       "EUR"
#define LAST_AGE       95

/* Saved scenarios built from the customer's accounts have ids with this
 * prefix. */
#define ACCOUNTS_PREFIX "accounts-"

/* The largest market-data document read from the catalogue. */
#define MAX_MARKET_JSON (256 * 1024)

/* Built-in assumptions: global equities and euro bonds, a typical bank's
 * long-run figures. */
#define DEFAULT_EQUITY_RETURN 0.07
#define DEFAULT_EQUITY_VOL    0.16
#define DEFAULT_BOND_RETURN   0.03
#define DEFAULT_BOND_VOL      0.05
#define DEFAULT_RHO           0.1

/* What "without the changes" means. */
#define BASELINE_EQUITY_SHARE  0.6
#define BASELINE_INCOME_GROWTH 0.01

typedef struct
{
  FpTimeMachinePage *self;
  FpSimEventKind     kind;
  AdwExpanderRow    *row;
  GtkAdjustment     *year;
  GtkAdjustment     *month;
  GtkAdjustment     *amount;
  GtkAdjustment     *mortgage;
  GtkAdjustment     *rate;
  GtkAdjustment     *duration;
} EventEditor;

typedef struct
{
  FpScenario          scenario;
  FpSimulationResult *result;
  GtkWidget          *card;
  guint               number;
  char               *id;        /* in the cache's scenarios table, or NULL */
} SavedScenario;

/* The bank's capital-market assumptions, as the page uses them. */
typedef struct
{
  gboolean       have_assets;
  double         equity_return;
  double         equity_volatility;
  double         bond_return;
  double         bond_volatility;
  double         rho;
  char           assets_as_of[16];
  gboolean       have_inflation;
  FpSimInflation inflation;
} MarketData;

/* The starting point read from the customer's accounts. */
typedef struct
{
  char          currency[4];
  gint32        as_of_day;
  gint64        cash_minor;
  gint64        investments_minor;
  gint64        income_minor;
  gint64        spending_minor;
  gint64        debt_minor;
  guint         n_categories;
  FpSimCategory categories[FP_SIM_MAX_CATEGORIES];
  guint         n_debts;
  FpSimDebt     debts[FP_SIM_MAX_DEBTS];
} StartPoint;

typedef enum {
  START_BY_HAND,
  START_NO_CONSENT,
  START_FROM_ACCOUNTS,
} StartSource;

typedef struct
{
  FpCache  *cache;
  gboolean  personalized;
} LoadJob;

typedef struct
{
  StartSource  source;
  StartPoint   start;
  MarketData   market;
  GPtrArray   *saved;             /* SavedScenario, cards not built */
} LoadResult;

struct _FpTimeMachinePage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *layout_stack;
  GtkBox             *narrow_box;
  GtkScrolledWindow  *editor_scroller;
  AdwClamp           *editor_clamp;
  AdwClamp           *results_clamp;
  GtkScrolledWindow  *results_scroller;
  AdwPreferencesGroup *events_group;
  AdwPreferencesGroup *start_group;
  AdwActionRow       *loan_row;
  GtkWidget          *loan_rate_row;
  GtkWidget          *loan_years_row;
  GtkLabel           *returns_label;
  GtkWidget          *no_events_row;
  GtkWidget          *refining_box;
  GtkSpinner         *refining_spinner;
  GtkLabel           *paths_label;
  GtkSwitch          *todays_money_switch;
  FpFanChart         *chart;
  GtkLabel           *legend_label;
  GtkLabel           *retire_probability_label;
  GtkLabel           *retire_caption_label;
  GtkLabel           *emergency_probability_label;
  GtkLabel           *emergency_caption_label;
  GtkLabel           *down_probability_label;
  GtkLabel           *down_caption_label;
  GtkLabel           *ruin_probability_label;
  GtkLabel           *ruin_caption_label;
  GtkLabel           *status_label;
  GtkLabel           *narrative_label;
  GtkLabel           *narrative_source_label;
  GtkFlowBox         *saved_box;
  GtkScale           *spending_change_scale;
  GtkScale           *equity_scale;
  GtkAdjustment      *age_adj;
  GtkAdjustment      *retirement_age_adj;
  GtkAdjustment      *cash_adj;
  GtkAdjustment      *investments_adj;
  GtkAdjustment      *income_adj;
  GtkAdjustment      *spending_adj;
  GtkAdjustment      *contribution_adj;
  GtkAdjustment      *pension_adj;
  GtkAdjustment      *loan_adj;
  GtkAdjustment      *loan_rate_adj;
  GtkAdjustment      *loan_years_adj;
  GtkAdjustment      *spending_change_adj;
  GtkAdjustment      *extra_savings_adj;
  GtkAdjustment      *equity_adj;
  GtkAdjustment      *income_growth_adj;
  GtkAdjustment      *goal_income_adj;
  GtkAdjustment      *goal_emergency_adj;
  GtkAdjustment      *goal_down_adj;
  GtkAdjustment      *goal_down_years_adj;

  /* Owned references */
  GPtrArray          *event_editors;    /* EventEditor */
  GPtrArray          *saved;            /* SavedScenario */
  GCancellable       *scenario_cancellable;
  GCancellable       *baseline_cancellable;
  FpSimulationResult *scenario_result;
  FpSimulationResult *baseline_result;
  FpCache            *cache;
  FpConsentPolicy    *policy;
  gulong              policy_handler;
  GCancellable       *load_cancellable;

  /* What the cache gave */
  StartSource         start_source;
  StartPoint          start;
  double              start_spending_shown;  /* the values put into the editor */
  double              start_debt_shown;
  MarketData          market;
  char                currency[4];
  guint               n_loads;

  FpScenario          shown;            /* the scenario of scenario_result */
  FpScenario          baseline_key;     /* the baseline last started */
  gboolean            have_baseline_key;
  gboolean            scenario_running;
  gboolean            baseline_running;
  gboolean            loading;
  gboolean            narrow;
  guint               n_results;
  guint               n_cancelled;
  guint               n_baseline_runs;
  guint               n_kept;
  int                 start_year;
  int                 start_month;
};

typedef struct
{
  FpTimeMachinePage *self;
  GCancellable      *cancellable;
  FpScenario         scenario;
  gboolean           baseline;
  gboolean           refined;
} RunData;

G_DEFINE_FINAL_TYPE (FpTimeMachinePage, fp_time_machine_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NARROW,
  PROP_REFINING,
  PROP_CACHE,
  PROP_CONSENT_POLICY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_RESULTS_SETTLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void recompute          (FpTimeMachinePage *self);
static void update_keep_action (FpTimeMachinePage *self);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static gint64
adjustment_minor (GtkAdjustment *adjustment)
{
  gint64 minor = 0;

  /* A spin button's value is a double; amounts leave it as minor units. */
  if (!fp_money_from_double (gtk_adjustment_get_value (adjustment), FP_ROUND_HALF_EVEN, &minor, NULL))
    return 0;
  return minor;
}

static guint
adjustment_uint (GtkAdjustment *adjustment)
{
  return (guint) MAX (0, lround (gtk_adjustment_get_value (adjustment)));
}

static char *
format_whole (FpTimeMachinePage *self,
              gint64             minor)
{
  char *text = fp_money_format (minor, self->currency);
  gsize len = strlen (text);

  /* Whole amounts read better without ".00". */
  if (minor % 100 == 0 && len > 3 && text[len - 1] == '0' && text[len - 2] == '0' &&
      (text[len - 3] == '.' || text[len - 3] == ','))
    text[len - 3] = '\0';

  return text;
}

static char *
format_probability (double probability)
{
  if (probability > 0 && probability < 0.005)
    return g_strdup_printf (_("<%d %%"), 1);
  if (probability < 1 && probability > 0.995)
    return g_strdup_printf (_(">%d %%"), 99);
  return g_strdup_printf (_("%.0f %%"), probability * 100);
}

static char *
format_month (FpTimeMachinePage *self,
              int                month)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (self->start_year, self->start_month, 1, 0, 0, 0);
  g_autoptr(GDateTime) then = g_date_time_add_months (date, month);

  /* TRANSLATORS: a month and a year, as in "March 2041"; see g_date_time_format() */
  return g_date_time_format (then, _("%B %Y"));
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static int
event_month (FpTimeMachinePage *self,
             EventEditor       *editor)
{
  int year = (int) lround (gtk_adjustment_get_value (editor->year));
  int month = (int) lround (gtk_adjustment_get_value (editor->month));

  return (year - self->start_year) * 12 + (month - self->start_month);
}

static gboolean
event_to_sim (FpTimeMachinePage *self,
              EventEditor       *editor,
              guint              horizon_months,
              FpSimEvent        *event)
{
  int month = event_month (self, editor);

  memset (event, 0, sizeof *event);
  event->kind = editor->kind;
  event->month = (guint) CLAMP (month, 1, (int) FP_SIM_MAX_MONTHS);
  if (event->month > horizon_months)
    return FALSE;

  switch (editor->kind)
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
      event->amount_minor = adjustment_minor (editor->amount);
      event->mortgage_minor = adjustment_minor (editor->mortgage);
      event->rate = gtk_adjustment_get_value (editor->rate) / 100.0;
      event->duration_months = adjustment_uint (editor->duration) * 12;
      break;

    case FP_SIM_EVENT_CHILD:
      event->amount_minor = adjustment_minor (editor->amount);
      event->duration_months = adjustment_uint (editor->duration) * 12;
      break;

    case FP_SIM_EVENT_CAREER_BREAK:
      event->duration_months = adjustment_uint (editor->duration);
      break;

    case FP_SIM_EVENT_WINDFALL:
      event->amount_minor = adjustment_minor (editor->amount);
      break;

    case FP_SIM_EVENT_LOAN_PAYOFF:
      /* Only meaningful with a loan; the first debt of the starting point. */
      if (gtk_adjustment_get_value (self->loan_adj) <= 0)
        return FALSE;
      event->debt_index = 0;
      break;

    default:
      return FALSE;
    }

  return TRUE;
}

/* Whether the customer changed a figure the page put into the editor
 * (spin buttons may round what they show). */
static gboolean
edited (GtkAdjustment *adjustment,
        double         shown)
{
  return fabs (gtk_adjustment_get_value (adjustment) - shown) >= 0.5;
}

static gint64
scale_minor (gint64 minor,
             gint64 numerator,
             gint64 denominator)
{
  gint64 out = 0;

  if (denominator <= 0 || !fp_money_mul_div (minor, numerator, denominator, FP_ROUND_HALF_EVEN, &out, NULL))
    return minor;
  return out;
}

/* The categories of the accounts' spending; when the customer edited the
 * total, each category in proportion. */
static void
add_start_categories (FpTimeMachinePage *self,
                      FpScenario        *s,
                      double             change)
{
  const StartPoint *sp = &self->start;
  gboolean scale = edited (self->spending_adj, self->start_spending_shown);
  gint64 total = adjustment_minor (self->spending_adj);

  if (sp->n_categories == 0 || sp->spending_minor <= 0)
    {
      fp_scenario_add_category (s, "living", total, change);
      return;
    }

  for (guint i = 0; i < sp->n_categories; i++)
    {
      gint64 monthly = sp->categories[i].monthly_minor;

      if (scale)
        monthly = scale_minor (monthly, total, sp->spending_minor);
      fp_scenario_add_category (s, sp->categories[i].id, monthly, change);
    }
}

/* The accounts' credit cards and loans, each with its own rate and
 * payment; when the customer edited the total, the balances in proportion. */
static void
add_start_debts (FpTimeMachinePage *self,
                 FpScenario        *s)
{
  const StartPoint *sp = &self->start;
  gboolean scale = edited (self->loan_adj, self->start_debt_shown);
  gint64 total = adjustment_minor (self->loan_adj);

  for (guint i = 0; i < sp->n_debts; i++)
    {
      const FpSimDebt *d = &sp->debts[i];
      gint64 balance = scale ? scale_minor (d->balance_minor, total, sp->debt_minor) : d->balance_minor;

      if (balance > 0)
        fp_scenario_add_debt (s, d->id, balance, d->annual_rate, d->payment_minor, d->remaining_months);
    }
}

/* Builds the scenario from the editor: with @with_changes FALSE, the
 * baseline (the starting point and the goals only). */
static void
build_scenario (FpTimeMachinePage *self,
                FpScenario        *s,
                gboolean           with_changes)
{
  double equity = with_changes ? gtk_adjustment_get_value (self->equity_adj) / 100.0 : BASELINE_EQUITY_SHARE;
  gint64 investments = adjustment_minor (self->investments_adj);
  gint64 equities = (gint64) llround ((double) investments * equity);
  guint age = adjustment_uint (self->age_adj);
  guint retirement_age = adjustment_uint (self->retirement_age_adj);
  FpSimGoal goal;

  fp_scenario_init (s);
  g_strlcpy (s->currency, self->currency, sizeof s->currency);
  s->horizon_months = (guint) CLAMP (((int) LAST_AGE - (int) age) * 12, 60, FP_SIM_MAX_MONTHS);
  s->n_paths = COARSE_PATHS;
  s->seed = SEED;
  s->results_nominal = !gtk_switch_get_active (self->todays_money_switch);

  s->current_age = age;
  s->retirement_age = retirement_age;
  s->start_cash_minor = adjustment_minor (self->cash_adj);
  s->cash_annual_rate = 0.01;
  s->monthly_income_minor = adjustment_minor (self->income_adj);
  s->income_real_growth = with_changes ? gtk_adjustment_get_value (self->income_growth_adj) / 100.0
                                       : BASELINE_INCOME_GROWTH;
  s->retirement_income_minor = adjustment_minor (self->pension_adj);
  if (self->start_source == START_FROM_ACCOUNTS)
    {
      add_start_categories (self, s, with_changes ? gtk_adjustment_get_value (self->spending_change_adj) / 100.0 : 0.0);
      add_start_debts (self, s);
    }
  else
    {
      fp_scenario_add_category (s, "living", adjustment_minor (self->spending_adj),
                                with_changes ? gtk_adjustment_get_value (self->spending_change_adj) / 100.0 : 0.0);
      if (adjustment_minor (self->loan_adj) > 0)
        fp_scenario_add_debt (s, "loan", adjustment_minor (self->loan_adj),
                              gtk_adjustment_get_value (self->loan_rate_adj) / 100.0, 0,
                              adjustment_uint (self->loan_years_adj) * 12);
    }

  s->monthly_contribution_minor = adjustment_minor (self->contribution_adj);
  s->extra_savings_minor = with_changes ? adjustment_minor (self->extra_savings_adj) : 0;
  if (self->market.have_assets)
    {
      fp_scenario_add_asset (s, "equities", self->market.equity_return, self->market.equity_volatility,
                             equities, equity);
      fp_scenario_add_asset (s, "bonds", self->market.bond_return, self->market.bond_volatility,
                             investments - equities, 1.0 - equity);
      fp_scenario_set_correlation (s, 0, 1, self->market.rho);
    }
  else
    {
      fp_scenario_add_asset (s, "equities", DEFAULT_EQUITY_RETURN, DEFAULT_EQUITY_VOL, equities, equity);
      fp_scenario_add_asset (s, "bonds", DEFAULT_BOND_RETURN, DEFAULT_BOND_VOL, investments - equities, 1.0 - equity);
      fp_scenario_set_correlation (s, 0, 1, DEFAULT_RHO);
    }
  if (self->market.have_inflation)
    s->inflation = self->market.inflation;

  if (with_changes)
    for (guint i = 0; i < self->event_editors->len; i++)
      {
        FpSimEvent event;

        if (event_to_sim (self, g_ptr_array_index (self->event_editors, i), s->horizon_months, &event))
          fp_scenario_add_event (s, &event);
      }

  memset (&goal, 0, sizeof goal);
  goal.kind = FP_SIM_GOAL_RETIRE;
  goal.age = retirement_age;
  goal.amount_minor = adjustment_minor (self->goal_income_adj);
  goal.withdrawal_rate = 0.04;
  fp_scenario_add_goal (s, &goal);

  memset (&goal, 0, sizeof goal);
  goal.kind = FP_SIM_GOAL_EMERGENCY_FUND;
  goal.months = adjustment_uint (self->goal_emergency_adj);
  goal.by_month = MIN (24, s->horizon_months);
  fp_scenario_add_goal (s, &goal);

  memset (&goal, 0, sizeof goal);
  goal.kind = FP_SIM_GOAL_DOWN_PAYMENT;
  goal.amount_minor = adjustment_minor (self->goal_down_adj);
  goal.by_month = MIN (adjustment_uint (self->goal_down_years_adj) * 12, s->horizon_months);
  fp_scenario_add_goal (s, &goal);
}

static void
update_refining (FpTimeMachinePage *self)
{
  gboolean refining = self->scenario_running || self->baseline_running;

  if (refining == gtk_widget_get_visible (self->refining_box))
    return;

  gtk_widget_set_visible (self->refining_box, refining);
  gtk_spinner_set_spinning (self->refining_spinner, refining);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFINING]);
}

/* ------------------------------------------------------------------ */
/* Showing results                                                     */
/* ------------------------------------------------------------------ */

static char *
compare_with_baseline (FpTimeMachinePage *self,
                       guint              goal)
{
  g_autofree char *p = NULL;

  if (self->baseline_result == NULL || goal >= self->baseline_result->n_goals)
    return NULL;

  p = format_probability (self->baseline_result->goals[goal].probability);
  return g_strdup_printf (_("Without the changes: %s."), p);
}

static void
show_goal (FpTimeMachinePage *self,
           guint              goal,
           GtkLabel          *probability_label,
           GtkLabel          *caption_label,
           const char        *what)
{
  FpSimulationResult *r = self->scenario_result;
  g_autofree char *probability = NULL;
  g_autofree char *when = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *caption = NULL;

  if (goal >= r->n_goals)
    return;

  probability = format_probability (r->goals[goal].probability);
  if (r->goals[goal].median_month >= 0)
    {
      g_autofree char *date = format_month (self, r->goals[goal].median_month);

      when = g_strdup_printf (_("Half of the futures get there by %s."), date);
    }
  else
    {
      when = g_strdup (_("Fewer than half of the futures get there."));
    }
  baseline = compare_with_baseline (self, goal);
  caption = g_strjoin (" ", what, when, baseline, NULL);

  set_label (probability_label, probability);
  set_label (caption_label, caption);
}

static void
show_results (FpTimeMachinePage *self)
{
  FpSimulationResult *r = self->scenario_result;
  FpSimulationResult *b = self->baseline_result;
  g_autofree char *retire = NULL;
  g_autofree char *emergency = NULL;
  g_autofree char *down = NULL;
  g_autofree char *ruin = NULL;
  g_autofree char *ruin_caption = NULL;
  g_autofree char *paths = NULL;
  g_autofree char *narrative = NULL;

  if (r == NULL)
    return;

  if (b != NULL && (b->nominal != r->nominal || b->n_points != r->n_points))
    b = NULL;

  fp_fan_chart_set_results (self->chart, r, b, self->currency);
  fp_fan_chart_set_events (self->chart, self->shown.events, self->shown.n_events);
  fp_fan_chart_set_retirement_month (self->chart, r->retirement_month);

  {
    g_autofree char *income = format_whole (self, self->shown.goals[0].amount_minor);
    g_autofree char *down_amount = format_whole (self, self->shown.goals[2].amount_minor);
    g_autofree char *down_date = format_month (self, (int) self->shown.goals[2].by_month);

    retire = g_strdup_printf (_("Retire at %u with %s a month from savings."),
                              self->shown.goals[0].age, income);
    emergency = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u month of spending in cash within two years.",
                                              "%u months of spending in cash within two years.",
                                              self->shown.goals[1].months),
                                 self->shown.goals[1].months);
    down = g_strdup_printf (_("%s in cash by %s."), down_amount, down_date);
  }
  show_goal (self, 0, self->retire_probability_label, self->retire_caption_label, retire);
  show_goal (self, 1, self->emergency_probability_label, self->emergency_caption_label, emergency);
  show_goal (self, 2, self->down_probability_label, self->down_caption_label, down);

  ruin = format_probability (r->probability_ruin);
  set_label (self->ruin_probability_label, ruin);
  {
    g_autofree char *horizon = format_month (self, (int) r->n_points - 1);
    g_autofree char *base = NULL;

    if (b != NULL)
      {
        g_autofree char *p = format_probability (b->probability_ruin);

        base = g_strdup_printf (_("Without the changes: %s."), p);
      }
    ruin_caption = g_strdup_printf (_("Cash and investments used up before %s."), horizon);
    if (base != NULL)
      {
        char *joined = g_strjoin (" ", ruin_caption, base, NULL);

        g_free (ruin_caption);
        ruin_caption = joined;
      }
  }
  set_label (self->ruin_caption_label, ruin_caption);

  paths = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%'u simulated future, from today to age %u",
                                        "%'u simulated futures, from today to age %u",
                                        r->n_paths),
                           r->n_paths, self->shown.current_age + (r->n_points - 1) / 12);
  set_label (self->paths_label, paths);

  narrative = fp_simulation_narrate (&self->shown, r);
  fp_time_machine_page_set_narrative (self, narrative, FP_NARRATIVE_ON_DEVICE);
  update_keep_action (self);
}

static void
show_error (FpTimeMachinePage *self,
            const char        *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (message != NULL)
    set_label (self->status_label, message);
}

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

static void run_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data);

static void
run_data_free (RunData *rd)
{
  g_clear_object (&rd->self);
  g_clear_object (&rd->cancellable);
  g_free (rd);
}

static void
start_run (FpTimeMachinePage *self,
           const FpScenario  *scenario,
           gboolean           baseline,
           gboolean           refined,
           GCancellable      *cancellable)
{
  RunData *rd = g_new0 (RunData, 1);

  rd->self = g_object_ref (self);
  rd->cancellable = g_object_ref (cancellable);
  rd->scenario = *scenario;
  rd->scenario.n_paths = refined ? REFINED_PATHS : COARSE_PATHS;
  /* The page draws net worth; the cash percentiles would be a fifth of
   * every run for nothing. */
  rd->scenario.net_worth_only = TRUE;
  rd->baseline = baseline;
  rd->refined = refined;

  if (baseline)
    self->baseline_running = TRUE;
  else
    self->scenario_running = TRUE;

  fp_simulation_run_async (&rd->scenario, 0, cancellable, run_done_cb, rd);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunData *rd = user_data;
  FpTimeMachinePage *self = rd->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSimulationResult) sim = NULL;
  GCancellable *current = rd->baseline ? self->baseline_cancellable : self->scenario_cancellable;
  gboolean stale = rd->cancellable != current;

  sim = fp_simulation_run_finish (result, &error);
  if (sim == NULL || stale)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || stale)
        {
          self->n_cancelled++;
        }
      else
        {
          g_debug ("A simulation failed: %s", error->message);
          show_error (self, _("This scenario could not be simulated. Check the amounts and ages."));
          if (rd->baseline)
            self->baseline_running = FALSE;
          else
            self->scenario_running = FALSE;
          update_refining (self);
        }
      run_data_free (rd);
      return;
    }

  if (rd->baseline)
    {
      g_clear_pointer (&self->baseline_result, fp_simulation_result_unref);
      self->baseline_result = g_steal_pointer (&sim);
      if (rd->refined)
        self->baseline_running = FALSE;
    }
  else
    {
      g_clear_pointer (&self->scenario_result, fp_simulation_result_unref);
      self->scenario_result = g_steal_pointer (&sim);
      self->shown = rd->scenario;
      if (rd->refined)
        self->scenario_running = FALSE;
    }
  self->n_results++;

  if (!rd->refined)
    start_run (self, &rd->scenario, rd->baseline, TRUE, rd->cancellable);

  show_results (self);
  update_refining (self);

  if (!self->scenario_running && !self->baseline_running && self->scenario_result != NULL)
    g_signal_emit (self, signals[SIGNAL_RESULTS_SETTLED], 0);
  /* Last: it may hold the last reference to the page. */
  run_data_free (rd);
}

static GCancellable *
renew_cancellable (GCancellable **slot)
{
  if (*slot != NULL)
    {
      g_cancellable_cancel (*slot);
      g_object_unref (*slot);
    }
  *slot = g_cancellable_new ();
  return *slot;
}

static void
recompute (FpTimeMachinePage *self)
{
  g_autoptr(GError) error = NULL;
  FpScenario scenario;
  FpScenario baseline;

  if (self->loading)
    return;

  build_scenario (self, &scenario, TRUE);
  build_scenario (self, &baseline, FALSE);

  if (!fp_scenario_validate (&scenario, &error))
    {
      g_autofree char *message = NULL;

      g_debug ("Invalid scenario: %s", error->message);
      g_cancellable_cancel (self->scenario_cancellable);
      self->scenario_running = FALSE;
      update_refining (self);
      if (adjustment_uint (self->retirement_age_adj) < adjustment_uint (self->age_adj))
        message = g_strdup (_("The retirement age is before your age today."));
      else
        message = g_strdup_printf (_("This scenario cannot be simulated: %s"), error->message);
      show_error (self, message);
      return;
    }
  show_error (self, NULL);

  if (!self->have_baseline_key || memcmp (&baseline, &self->baseline_key, sizeof baseline) != 0)
    {
      memcpy (&self->baseline_key, &baseline, sizeof baseline);
      self->have_baseline_key = TRUE;
      self->n_baseline_runs++;
      start_run (self, &baseline, TRUE, FALSE, renew_cancellable (&self->baseline_cancellable));
    }

  start_run (self, &scenario, FALSE, FALSE, renew_cancellable (&self->scenario_cancellable));
  update_refining (self);
}

/* ------------------------------------------------------------------ */
/* Life events                                                         */
/* ------------------------------------------------------------------ */

static void
update_event_row (EventEditor *editor)
{
  FpTimeMachinePage *self = editor->self;
  g_autofree char *date = format_month (self, event_month (self, editor));
  g_autofree char *subtitle = NULL;

  switch (editor->kind)
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
    case FP_SIM_EVENT_WINDFALL:
    case FP_SIM_EVENT_CHILD:
      {
        g_autofree char *amount = format_whole (self, adjustment_minor (editor->amount));

        if (editor->kind == FP_SIM_EVENT_CHILD)
          /* TRANSLATORS: a date, then a monthly cost */
          subtitle = g_strdup_printf (_("%s · %s a month"), date, amount);
        else if (editor->kind == FP_SIM_EVENT_HOME_PURCHASE)
          /* TRANSLATORS: a date, then the down payment */
          subtitle = g_strdup_printf (_("%s · %s down"), date, amount);
        else
          subtitle = g_strdup_printf ("%s · %s", date, amount);
      }
      break;

    case FP_SIM_EVENT_CAREER_BREAK:
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u month", "%s · %u months",
                                               adjustment_uint (editor->duration)),
                                  date, adjustment_uint (editor->duration));
      break;

    case FP_SIM_EVENT_LOAN_PAYOFF:
      if (gtk_adjustment_get_value (self->loan_adj) <= 0)
        subtitle = g_strdup_printf (_("%s · there is no loan in the starting point"), date);
      else
        subtitle = g_strdup (date);
      break;

    default:
      subtitle = g_strdup (date);
      break;
    }

  if (event_month (self, editor) < 1)
    {
      g_autofree char *soon = g_strdup_printf (_("%s · moved to next month"), subtitle);

      adw_expander_row_set_subtitle (editor->row, soon);
    }
  else
    {
      adw_expander_row_set_subtitle (editor->row, subtitle);
    }
}

static void
event_editor_free (EventEditor *editor)
{
  GtkAdjustment *adjustments[] = {
    editor->year, editor->month, editor->amount, editor->mortgage, editor->rate, editor->duration,
  };

  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    if (adjustments[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (adjustments[i], editor);
        g_object_unref (adjustments[i]);
      }
  g_free (editor);
}

static void
event_changed_cb (EventEditor *editor)
{
  update_event_row (editor);
  recompute (editor->self);
}

static GtkAdjustment *
add_spin_row (EventEditor *editor,
              const char  *title,
              const char  *subtitle,
              double       value,
              double       lower,
              double       upper,
              double       step,
              guint        digits)
{
  GtkAdjustment *adjustment = g_object_ref_sink (gtk_adjustment_new (value, lower, upper, step, step * 10, 0));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new (adjustment, step, digits);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (editor->row, row);

  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (event_changed_cb), editor);

  return adjustment;
}

static void
update_no_events (FpTimeMachinePage *self)
{
  gtk_widget_set_visible (self->no_events_row, self->event_editors->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "time-machine.add-event",
                                 self->event_editors->len < FP_SIM_MAX_EVENTS);
}

static void
remove_event_cb (EventEditor *editor)
{
  FpTimeMachinePage *self = editor->self;

  adw_preferences_group_remove (self->events_group, GTK_WIDGET (editor->row));
  g_ptr_array_remove (self->event_editors, editor);
  update_no_events (self);
  recompute (self);
}

static void
add_event (FpTimeMachinePage *self,
           FpSimEventKind     kind,
           int                years_from_now,
           double             amount,
           double             duration)
{
  EventEditor *editor = g_new0 (EventEditor, 1);
  GtkWidget *remove;

  editor->self = self;
  editor->kind = kind;
  editor->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->row), fp_fan_chart_event_label (kind));

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove this life event"),
                                  -1);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (remove_event_cb), editor);
  adw_expander_row_add_action (editor->row, remove);

  editor->year = add_spin_row (editor, _("Year"), NULL, self->start_year + years_from_now,
                               self->start_year, self->start_year + 50, 1, 0);
  editor->month = add_spin_row (editor, _("Month"), NULL, self->start_month, 1, 12, 1, 0);

  switch (kind)
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
      editor->amount = add_spin_row (editor, _("Down payment"), NULL, amount, 0, 10000000, 1000, 0);
      editor->mortgage = add_spin_row (editor, _("Mortgage"), NULL, 250000, 0, 10000000, 5000, 0);
      editor->rate = add_spin_row (editor, _("Mortgage interest"), _("Percent a year"), 3.5, 0, 20, 0.1, 2);
      editor->duration = add_spin_row (editor, _("Mortgage term"), _("Years"), duration, 1, 40, 1, 0);
      break;

    case FP_SIM_EVENT_CHILD:
      editor->amount = add_spin_row (editor, _("Monthly cost"), NULL, amount, 0, 100000, 50, 0);
      editor->duration = add_spin_row (editor, _("For"), _("Years"), duration, 1, 30, 1, 0);
      break;

    case FP_SIM_EVENT_CAREER_BREAK:
      editor->duration = add_spin_row (editor, _("Length"), _("Months without income"), duration, 1, 120, 1, 0);
      break;

    case FP_SIM_EVENT_WINDFALL:
      editor->amount = add_spin_row (editor, _("Amount"), NULL, amount, 0, 100000000, 1000, 0);
      break;

    case FP_SIM_EVENT_LOAN_PAYOFF:
      break;

    default:
      g_assert_not_reached ();
    }

  g_ptr_array_add (self->event_editors, editor);
  adw_preferences_group_add (self->events_group, GTK_WIDGET (editor->row));
  update_event_row (editor);
  update_no_events (self);
}

static void
clear_events (FpTimeMachinePage *self)
{
  while (self->event_editors->len > 0)
    {
      EventEditor *editor = g_ptr_array_index (self->event_editors, self->event_editors->len - 1);

      adw_preferences_group_remove (self->events_group, GTK_WIDGET (editor->row));
      g_ptr_array_remove_index (self->event_editors, self->event_editors->len - 1);
    }
  update_no_events (self);
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (widget);
  int kind = g_variant_get_int32 (parameter);

  switch (kind)
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
      add_event (self, FP_SIM_EVENT_HOME_PURCHASE, 3, 50000, 25);
      break;
    case FP_SIM_EVENT_CHILD:
      add_event (self, FP_SIM_EVENT_CHILD, 2, 600, 18);
      break;
    case FP_SIM_EVENT_CAREER_BREAK:
      add_event (self, FP_SIM_EVENT_CAREER_BREAK, 5, 0, 12);
      break;
    case FP_SIM_EVENT_WINDFALL:
      add_event (self, FP_SIM_EVENT_WINDFALL, 4, 30000, 0);
      break;
    case FP_SIM_EVENT_LOAN_PAYOFF:
      add_event (self, FP_SIM_EVENT_LOAN_PAYOFF, 1, 0, 0);
      break;
    default:
      return;
    }

  adw_expander_row_set_expanded (((EventEditor *) g_ptr_array_index (self->event_editors,
                                                                     self->event_editors->len - 1))->row,
                                 TRUE);
  recompute (self);
}

/* ------------------------------------------------------------------ */
/* Saved scenarios                                                     */
/* ------------------------------------------------------------------ */

static void
saved_scenario_free (SavedScenario *saved)
{
  g_clear_pointer (&saved->result, fp_simulation_result_unref);
  g_free (saved->id);
  g_free (saved);
}

static void
update_keep_action (FpTimeMachinePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "time-machine.keep-scenario",
                                 self->saved->len < MAX_SAVED && self->scenario_result != NULL);
}

static void
forget_saved_cb (GtkButton *button,
                 FpTimeMachinePage *self)
{
  SavedScenario *saved = g_object_get_data (G_OBJECT (button), "fp-saved");

  if (saved->id != NULL && self->cache != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!fp_cache_delete_scenario (self->cache, saved->id, &error))
        g_warning ("Could not forget a saved scenario: %s", error->message);
    }
  gtk_flow_box_remove (self->saved_box, saved->card);
  g_ptr_array_remove (self->saved, saved);
  update_keep_action (self);
}

static GtkWidget *
card_line (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Narrow cards, so that three fit side by side on a wide window. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Shows a saved scenario (its result in) as a card; takes @saved. */
static void
add_saved_card (FpTimeMachinePage *self,
                SavedScenario     *saved)
{
  FpSimulationResult *r = saved->result;
  const FpScenario *sc = &saved->scenario;
  const char *currency = sc->currency;
  GtkWidget *box, *header, *forget;
  guint last = r->n_points - 1;
  g_autofree char *title = NULL;
  g_autofree char *median = NULL;
  g_autofree char *range = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *retire = NULL;
  g_autofree char *ruin = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *p = NULL;
  double change = sc->n_categories > 0 ? sc->categories[0].change : 0.0;
  double shares = sc->n_assets > 0 ? sc->assets[0].allocation : 0.0;

  title = g_strdup_printf (_("Scenario %u"), saved->number);
  p = fp_money_format_short (r->net_worth[FP_SIM_P50][last], currency);
  median = g_strdup_printf (_("Median at age %u: %s"), sc->current_age + last / 12, p);
  g_clear_pointer (&p, g_free);
  low = fp_money_format_short (r->net_worth[FP_SIM_P5][last], currency);
  high = fp_money_format_short (r->net_worth[FP_SIM_P95][last], currency);
  range = g_strdup_printf (_("90 %% between %s and %s"), low, high);
  p = format_probability (r->n_goals > 0 ? r->goals[0].probability : 0);
  retire = g_strdup_printf (_("Retire on time: %s"), p);
  g_clear_pointer (&p, g_free);
  p = format_probability (r->probability_ruin);
  ruin = g_strdup_printf (_("Running out of money: %s"), p);
  g_clear_pointer (&p, g_free);
  p = fp_money_format (sc->extra_savings_minor, currency);
  changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Spending %+.0f %%, %s extra a month, %.0f %% shares, %u life event",
                                          "Spending %+.0f %%, %s extra a month, %.0f %% shares, %u life events",
                                          sc->n_events),
                             change * 100, p, shares * 100, sc->n_events);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "card");
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_box_append (GTK_BOX (header), card_line (title, "heading"));
  gtk_widget_set_hexpand (gtk_widget_get_first_child (header), TRUE);
  forget = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (forget, "flat");
  gtk_widget_set_tooltip_text (forget, _("Forget this scenario"));
  g_object_set_data (G_OBJECT (forget), "fp-saved", saved);
  g_signal_connect (forget, "clicked", G_CALLBACK (forget_saved_cb), self);
  gtk_box_append (GTK_BOX (header), forget);
  gtk_box_append (GTK_BOX (box), header);

  {
    const char *lines[] = { changes, median, range, retire, ruin };

    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      {
        GtkWidget *line = card_line (lines[i], i == 0 ? "caption" : NULL);

        gtk_widget_set_margin_start (line, 12);
        gtk_widget_set_margin_end (line, 12);
        if (i == 0)
          gtk_widget_add_css_class (line, "dim-label");
        if (i == G_N_ELEMENTS (lines) - 1)
          gtk_widget_set_margin_bottom (line, 12);
        gtk_box_append (GTK_BOX (box), line);
      }
  }

  saved->card = box;
  g_ptr_array_add (self->saved, saved);
  gtk_flow_box_append (self->saved_box, box);
  update_keep_action (self);
}

static void
clear_saved (FpTimeMachinePage *self)
{
  while (self->saved->len > 0)
    {
      SavedScenario *saved = g_ptr_array_index (self->saved, self->saved->len - 1);

      gtk_flow_box_remove (self->saved_box, saved->card);
      g_ptr_array_remove_index (self->saved, self->saved->len - 1);
    }
  update_keep_action (self);
}

static void
keep_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (widget);
  FpSimulationResult *r = self->scenario_result;
  SavedScenario *saved;

  if (r == NULL || self->saved->len >= MAX_SAVED)
    return;

  saved = g_new0 (SavedScenario, 1);
  saved->scenario = self->shown;
  saved->result = fp_simulation_result_ref (r);
  saved->number = ++self->n_kept;

  /* Kept in the cache's local-only table, so that it survives a restart;
   * one small row, written at once. */
  if (self->cache != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uuid = g_uuid_string_random ();
      /* Marked when built from the customer's accounts: shown only while
       * the consent to personalization lasts. */
      g_autofree char *id = g_strconcat (self->start_source == START_FROM_ACCOUNTS ? ACCOUNTS_PREFIX : "hand-",
                                         uuid, NULL);
      g_autofree char *name = g_strdup_printf (_("Scenario %u"), saved->number);
      g_autofree char *json = fp_scenario_to_json (&saved->scenario);

      if (fp_cache_save_scenario (self->cache, id, name, json, &error))
        saved->id = g_steal_pointer (&id);
      else
        g_warning ("Could not save a scenario: %s", error->message);
    }

  add_saved_card (self, saved);
}

/* ------------------------------------------------------------------ */
/* The cache: starting point, market data, saved scenarios             */
/* ------------------------------------------------------------------ */

static gboolean
get_number (JsonObject *object,
            const char *name,
            double      min,
            double      max,
            double     *out)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;

  value = json_node_get_double (node);
  if (!isfinite (value) || value < min || value > max)
    return FALSE;

  *out = value;
  return TRUE;
}

static const char *
get_text (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A market-data document of the catalogue: it was validated at sync, but
 * it came from the network, so it passes the same guards again. */
static JsonObject *
load_market_doc (FpCache    *cache,
                 const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fp_cache_get_catalogue_item (cache, FP_CACHE_MARKET_DATA, id, &error);
  g_autoptr(JsonNode) root = NULL;
  gsize len;

  if (text == NULL)
    {
      if (error != NULL)
        g_debug ("No market data %s: %s", id, error->message);
      return NULL;
    }

  len = strlen (text);
  root = fp_json_parse_guarded (text, len, MAX_MARKET_JSON, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("Market data %s is not usable: %s", id, error != NULL ? error->message : "not an object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* The index of the asset class named like one of @names, else the first
 * whose name contains @part; -1 when none. */
static int
find_class (JsonArray          *classes,
            const char * const *names,
            const char         *part)
{
  guint n = json_array_get_length (classes);

  for (guint k = 0; names[k] != NULL; k++)
    for (guint i = 0; i < n; i++)
      {
        JsonNode *node = json_array_get_element (classes, i);
        const char *name = NULL;

        if (JSON_NODE_HOLDS_OBJECT (node))
          name = get_text (json_node_get_object (node), "assetClass");
        else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
          name = json_node_get_string (node);
        if (name != NULL && g_ascii_strcasecmp (name, names[k]) == 0)
          return (int) i;
      }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (classes, i);
      const char *name = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        name = get_text (json_node_get_object (node), "assetClass");
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        name = json_node_get_string (node);
      if (name != NULL && strstr (name, part) != NULL)
        return (int) i;
    }

  return -1;
}

static gboolean
is_iso_date (const char *text)
{
  static const char pattern[] = "dddd-dd-dd";

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  return TRUE;
}

/* The page has two asset classes, shares and bonds (the share slider):
 * it takes the bank's figures of its equity and bond classes and their
 * correlation. Anything missing or out of range: the built-in ones. */
static void
read_assumptions (JsonObject *root,
                  MarketData *market)
{
  static const char * const equity_names[] = { "equity", "equities", "global_equity", NULL };
  static const char * const bond_names[] = { "bond", "bonds", "government_bond", NULL };
  JsonNode *classes_node = json_object_get_member (root, "assetClasses");
  JsonNode *correlation_node = json_object_get_member (root, "correlation");
  const char *as_of = get_text (root, "asOf");
  JsonArray *classes, *names, *matrix;
  JsonObject *correlation, *equity, *bond;
  JsonNode *names_node, *matrix_node, *row_node;
  int e, b, ce, cb;
  MarketData m = *market;

  if (classes_node == NULL || !JSON_NODE_HOLDS_ARRAY (classes_node) ||
      correlation_node == NULL || !JSON_NODE_HOLDS_OBJECT (correlation_node) || !is_iso_date (as_of))
    return;

  classes = json_node_get_array (classes_node);
  e = find_class (classes, equity_names, "equit");
  b = find_class (classes, bond_names, "bond");
  if (e < 0 || b < 0 || e == b ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (classes, (guint) e)) ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (classes, (guint) b)))
    return;
  equity = json_array_get_object_element (classes, (guint) e);
  bond = json_array_get_object_element (classes, (guint) b);
  if (!get_number (equity, "expectedReturn", -0.5, 0.5, &m.equity_return) ||
      !get_number (equity, "volatility", 0.0, 1.0, &m.equity_volatility) ||
      !get_number (bond, "expectedReturn", -0.5, 0.5, &m.bond_return) ||
      !get_number (bond, "volatility", 0.0, 1.0, &m.bond_volatility))
    return;

  correlation = json_node_get_object (correlation_node);
  names_node = json_object_get_member (correlation, "assetClasses");
  matrix_node = json_object_get_member (correlation, "matrix");
  if (names_node == NULL || !JSON_NODE_HOLDS_ARRAY (names_node) ||
      matrix_node == NULL || !JSON_NODE_HOLDS_ARRAY (matrix_node))
    return;
  names = json_node_get_array (names_node);
  matrix = json_node_get_array (matrix_node);
  ce = find_class (names, (const char * const []) { get_text (equity, "assetClass"), NULL }, "\x01");
  cb = find_class (names, (const char * const []) { get_text (bond, "assetClass"), NULL }, "\x01");
  if (ce < 0 || cb < 0 || (guint) ce >= json_array_get_length (matrix))
    return;
  row_node = json_array_get_element (matrix, (guint) ce);
  if (!JSON_NODE_HOLDS_ARRAY (row_node) || (guint) cb >= json_array_get_length (json_node_get_array (row_node)))
    return;
  {
    JsonNode *cell = json_array_get_element (json_node_get_array (row_node), (guint) cb);

    if (!JSON_NODE_HOLDS_VALUE (cell) ||
        (json_node_get_value_type (cell) != G_TYPE_DOUBLE && json_node_get_value_type (cell) != G_TYPE_INT64))
      return;
    m.rho = json_node_get_double (cell);
    /* Below 1 in magnitude, so that the 2 × 2 matrix stays positive definite. */
    if (!isfinite (m.rho) || fabs (m.rho) > 0.999)
      return;
  }

  m.have_assets = TRUE;
  g_strlcpy (m.assets_as_of, as_of, sizeof m.assets_as_of);
  *market = m;
}

/* The bank's inflation assumption: today's expected rate, the long-term
 * target it returns to, and its volatility, read as the stationary
 * standard deviation of the annual rate (the simulator's monthly shock is
 * that times √(1 − persistence²)). */
static void
read_inflation (JsonObject *root,
                MarketData *market)
{
  JsonNode *node = json_object_get_member (root, "assumption");
  JsonObject *a;
  double expected, target, volatility;
  FpSimInflation inflation;
  FpScenario defaults;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  a = json_node_get_object (node);
  if (!get_number (a, "expectedAnnual", -0.2, 0.5, &expected) ||
      !get_number (a, "longTermTarget", -0.2, 0.5, &target) ||
      !get_number (a, "volatility", 0.0, 0.5, &volatility))
    return;

  fp_scenario_init (&defaults);
  inflation = defaults.inflation;
  inflation.start = expected;
  inflation.mean = target;
  inflation.volatility = MIN (0.1, volatility * sqrt (1.0 - inflation.persistence * inflation.persistence));
  market->inflation = inflation;
  market->have_inflation = TRUE;
}

static guint
debt_months (gint64 balance_minor,
             double annual_rate,
             gint64 payment_minor)
{
  double balance = fp_money_to_double (balance_minor);
  double payment = fp_money_to_double (payment_minor);
  double r = annual_rate / 12.0;
  double n;

  /* No payment known: the simulator repays it as an annuity over five years. */
  if (payment_minor <= 0)
    return 60;
  if (r <= 0.0)
    n = ceil (balance / payment);
  else if (1.0 - r * balance / payment <= 0.0)
    return FP_SIM_MAX_MONTHS;   /* the payment does not cover the interest */
  else
    n = ceil (-log (1.0 - r * balance / payment) / log1p (r));

  return (guint) CLAMP (n, 1.0, (double) FP_SIM_MAX_MONTHS);
}

/* The starting point from the engine's figures (worker thread). */
static gboolean
read_start (FpDashboardData *data,
            StartPoint      *sp)
{
  const FpDashboard *d = data->dashboard;
  GArray *accounts = data->input->accounts;
  const FpMonthSummary *months;
  gsize n_months = 0;
  gint64 by_category[FP_N_CATEGORIES] = { 0 };
  gint64 share_total = 0;
  gint64 allocated = 0;
  guint n_cards = 0, n_loans = 0;
  gboolean any_complete = FALSE;

  memset (sp, 0, sizeof *sp);
  if (d == NULL || (data->input->txns->len == 0 && accounts->len == 0))
    return FALSE;

  if (data->input->currency != NULL && strlen (data->input->currency) == 3)
    g_strlcpy (sp->currency, data->input->currency, sizeof sp->currency);
  else
    g_strlcpy (sp->currency, CURRENCY, sizeof sp->currency);
  sp->as_of_day = fp_dashboard_get_today (d);
  sp->income_minor = MAX (0, fp_dashboard_get_monthly_income (d));
  sp->spending_minor = MAX (0, fp_dashboard_get_monthly_spending (d));

  for (guint i = 0; i < accounts->len; i++)
    {
      const FpAccountSnapshot *a = &g_array_index (accounts, FpAccountSnapshot, i);

      switch (a->kind)
        {
        case FP_ACCOUNT_CURRENT:
        case FP_ACCOUNT_SAVINGS:
          sp->cash_minor += a->balance_minor;
          break;

        case FP_ACCOUNT_INVESTMENT:
          sp->investments_minor += MAX (0, a->balance_minor);
          break;

        case FP_ACCOUNT_CREDIT_CARD:
        case FP_ACCOUNT_LOAN:
          if (a->balance_minor < 0 && sp->n_debts < FP_SIM_MAX_DEBTS)
            {
              FpSimDebt *debt = &sp->debts[sp->n_debts++];
              gboolean card = a->kind == FP_ACCOUNT_CREDIT_CARD;

              g_snprintf (debt->id, sizeof debt->id, "%s-%u", card ? "card" : "loan",
                          card ? ++n_cards : ++n_loans);
              debt->balance_minor = -a->balance_minor;
              debt->annual_rate = CLAMP (a->apr_bps, 0, 10000) / 10000.0;
              debt->payment_minor = MAX (0, a->min_payment_minor);
              debt->remaining_months = debt_months (debt->balance_minor, debt->annual_rate,
                                                    debt->payment_minor);
              sp->debt_minor += debt->balance_minor;
            }
          break;

        default:
          break;
        }
    }
  /* An overdraft larger than the savings: no cash to start with. */
  sp->cash_minor = MAX (0, sp->cash_minor);

  /* The engine's monthly spending, split by the shares of its categories
   * over the complete months (the current month if none is complete);
   * largest remainders, so that the categories add up to it exactly. */
  months = fp_dashboard_get_months (d, &n_months);
  for (gsize m = 0; m < n_months; m++)
    any_complete |= months[m].complete;
  for (gsize m = 0; m < n_months; m++)
    if (months[m].complete || !any_complete)
      for (guint c = 0; c < FP_N_CATEGORIES; c++)
        by_category[c] += MAX (0, months[m].by_category_minor[c]);
  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    share_total += by_category[c];

  if (share_total > 0 && sp->spending_minor > 0)
    {
      double remainder[FP_N_CATEGORIES] = { 0 };

      for (guint c = 0; c < FP_N_CATEGORIES && sp->n_categories < FP_SIM_MAX_CATEGORIES; c++)
        {
          FpSimCategory *cat;
          double exact;

          if (by_category[c] <= 0)
            continue;
          exact = (double) sp->spending_minor * (double) by_category[c] / (double) share_total;
          cat = &sp->categories[sp->n_categories];
          g_strlcpy (cat->id, fp_category_get_id ((FpCategory) c), sizeof cat->id);
          cat->monthly_minor = (gint64) floor (exact);
          remainder[sp->n_categories] = exact - floor (exact);
          allocated += cat->monthly_minor;
          sp->n_categories++;
        }
      while (allocated < sp->spending_minor && sp->n_categories > 0)
        {
          guint best = 0;

          for (guint i = 1; i < sp->n_categories; i++)
            if (remainder[i] > remainder[best])
              best = i;
          sp->categories[best].monthly_minor++;
          remainder[best] = -1.0;
          allocated++;
        }
    }

  return TRUE;
}

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->cache);
  g_free (job);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->saved, g_ptr_array_unref);
  g_free (result);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JsonObject *doc;

  /* Market data: the bank's, not the customer's; no consent needed. */
  if ((doc = load_market_doc (job->cache, "capital-market-assumptions")) != NULL)
    {
      read_assumptions (doc, &result->market);
      json_object_unref (doc);
    }
  if ((doc = load_market_doc (job->cache, "inflation")) != NULL)
    {
      read_inflation (doc, &result->market);
      json_object_unref (doc);
    }

  /* The starting point: the customer's transactions and balances, only
   * with the consent to personalization. */
  result->source = job->personalized ? START_BY_HAND : START_NO_CONSENT;
  if (job->personalized)
    {
      g_autoptr(FpDashboardData) data = fp_dashboard_data_load (job->cache, 0, 0, TRUE, cancellable, &error);

      if (data != NULL && read_start (data, &result->start))
        result->source = START_FROM_ACCOUNTS;
      else if (data == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No starting point from the cache: %s", error->message);
      g_clear_error (&error);
    }

  /* Saved scenarios: what the customer kept, simulated again. */
  result->saved = g_ptr_array_new_with_free_func ((GDestroyNotify) saved_scenario_free);
  rows = fp_cache_list_scenarios (job->cache, &error);
  if (rows == NULL)
    g_debug ("No saved scenarios: %s", error->message);
  for (guint i = 0; rows != NULL && i < rows->len && result->saved->len < MAX_SAVED; i++)
    {
      FpSavedScenario *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) local_error = NULL;
      SavedScenario *saved;

      /* Figures from the customer's accounts: only with the consent. */
      if (!job->personalized && g_str_has_prefix (row->id, ACCOUNTS_PREFIX))
        continue;

      saved = g_new0 (SavedScenario, 1);

      if (!fp_scenario_from_json (row->json, -1, &saved->scenario, &local_error) ||
          !fp_scenario_validate (&saved->scenario, &local_error) ||
          !(saved->result = fp_simulation_run (&saved->scenario, 0, cancellable, NULL, NULL, &local_error)))
        {
          g_debug ("Saved scenario %s not shown: %s", row->id, local_error->message);
          saved_scenario_free (saved);
          if (g_cancellable_is_cancelled (cancellable))
            break;
          continue;
        }
      saved->id = g_strdup (row->id);
      saved->number = result->saved->len + 1;
      g_ptr_array_add (result->saved, saved);
    }

  if (g_task_return_error_if_cancelled (task))
    {
      load_result_free (result);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

static char *
format_day (gint32 day)
{
  gint32 y, m, d;
  g_autoptr(GDateTime) date = NULL;

  fp_day_to_date (day, &y, &m, &d);
  date = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (date == NULL)
    return g_strdup ("");
  /* TRANSLATORS: a date, as in "15 November 2026"; see g_date_time_format() */
  return g_date_time_format (date, _("%-d %B %Y"));
}

static void
update_captions (FpTimeMachinePage *self)
{
  g_autofree char *start = NULL;
  g_autofree char *returns = NULL;
  gboolean from_accounts = self->start_source == START_FROM_ACCOUNTS;

  switch (self->start_source)
    {
    case START_FROM_ACCOUNTS:
      {
        g_autofree char *date = format_day (self->start.as_of_day);

        start = g_strdup_printf (_("From your accounts, as of %s; amounts in today’s money. "
                                   "Change any of them to try another starting point."), date);
      }
      break;

    case START_NO_CONSENT:
      start = g_strdup (_("Entered by hand: your accounts are used only with your consent to "
                          "personalization (Privacy page)."));
      break;

    case START_BY_HAND:
    default:
      start = g_strdup (_("Entered by hand; amounts in today’s money."));
      break;
    }
  adw_preferences_group_set_description (self->start_group, start);

  if (self->market.have_assets)
    {
      gint y = 0, m = 0, d = 0;
      g_autofree char *date = NULL;

      if (sscanf (self->market.assets_as_of, "%4d-%2d-%2d", &y, &m, &d) == 3)
        date = format_day (fp_day_from_date (y, m, d));
      returns = g_strdup_printf (_("Returns: your bank’s assumptions of %s (shares %.1f %%, bonds %.1f %% a year)."),
                                 date != NULL ? date : self->market.assets_as_of,
                                 self->market.equity_return * 100, self->market.bond_return * 100);
    }
  else
    {
      returns = g_strdup_printf (_("Returns: FinPersona’s built-in long-run assumptions (shares %.1f %%, bonds %.1f %% a year)."),
                                 DEFAULT_EQUITY_RETURN * 100, DEFAULT_BOND_RETURN * 100);
    }
  set_label (self->returns_label, returns);

  gtk_widget_set_visible (self->loan_rate_row, !from_accounts);
  gtk_widget_set_visible (self->loan_years_row, !from_accounts);
  if (from_accounts)
    {
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u debt from your accounts, at its own rate and payment",
                                                                "%u debts from your accounts, at their own rates and payments",
                                                                self->start.n_debts),
                                                   self->start.n_debts);

      adw_action_row_set_subtitle (self->loan_row, subtitle);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->loan_row), _("Debts"));
    }
  else
    {
      adw_action_row_set_subtitle (self->loan_row, _("Outstanding balance"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->loan_row), _("Loan"));
    }
}

static void
apply_start (FpTimeMachinePage *self)
{
  const StartPoint *sp = &self->start;

  self->loading = TRUE;
  g_strlcpy (self->currency, sp->currency, sizeof self->currency);
  gtk_adjustment_set_value (self->cash_adj, fp_money_to_double (sp->cash_minor));
  gtk_adjustment_set_value (self->investments_adj, fp_money_to_double (sp->investments_minor));
  gtk_adjustment_set_value (self->income_adj, fp_money_to_double (sp->income_minor));
  gtk_adjustment_set_value (self->spending_adj, fp_money_to_double (sp->spending_minor));
  gtk_adjustment_set_value (self->loan_adj, fp_money_to_double (sp->debt_minor));
  self->start_spending_shown = gtk_adjustment_get_value (self->spending_adj);
  self->start_debt_shown = gtk_adjustment_get_value (self->loan_adj);
  self->loading = FALSE;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (source);
  g_autoptr(GError) error = NULL;
  LoadResult *result;
  StartSource before = self->start_source;

  if (g_task_get_cancellable (G_TASK (res)) != self->load_cancellable)
    return;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The Time Machine could not read the cache: %s", error->message);
      return;
    }

  self->market = result->market;

  clear_saved (self);
  self->n_kept = 0;
  while (result->saved->len > 0)
    {
      SavedScenario *saved = g_ptr_array_steal_index (result->saved, 0);

      saved->number = ++self->n_kept;
      add_saved_card (self, saved);
    }

  self->start_source = result->source;
  if (result->source == START_FROM_ACCOUNTS)
    {
      self->start = result->start;
      apply_start (self);
      /* The example household's changes and life events are not the
       * customer's: start from their own future, unchanged. */
      if (before != START_FROM_ACCOUNTS)
        {
          self->loading = TRUE;
          clear_events (self);
          gtk_adjustment_set_value (self->spending_change_adj, 0);
          gtk_adjustment_set_value (self->extra_savings_adj, 0);
          self->loading = FALSE;
        }
    }
  else
    {
      memset (&self->start, 0, sizeof self->start);
      g_strlcpy (self->currency, CURRENCY, sizeof self->currency);
      /* Take the customer's figures out of the editor. */
      if (before == START_FROM_ACCOUNTS)
        {
          update_captions (self);
          fp_time_machine_page_load_example (self, 1);
        }
    }

  update_captions (self);
  for (guint i = 0; i < self->event_editors->len; i++)
    update_event_row (g_ptr_array_index (self->event_editors, i));
  self->n_loads++;
  load_result_free (result);
  recompute (self);
}

/**
 * fp_time_machine_page_refresh:
 * @self: a #FpTimeMachinePage
 *
 * Reads the starting point, the bank's market data and the saved
 * scenarios from the cache again, in a worker thread; the window calls
 * it (as `page.refresh`) after every sync.
 */
void
fp_time_machine_page_refresh (FpTimeMachinePage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->cache == NULL)
    {
      StartSource before = self->start_source;

      memset (&self->market, 0, sizeof self->market);
      memset (&self->start, 0, sizeof self->start);
      g_strlcpy (self->currency, CURRENCY, sizeof self->currency);
      self->start_source = START_BY_HAND;
      clear_saved (self);
      update_captions (self);
      if (before == START_FROM_ACCOUNTS)
        fp_time_machine_page_load_example (self, 1);
      else
        recompute (self);
      self->n_loads++;
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  job = g_new0 (LoadJob, 1);
  job->cache = g_object_ref (self->cache);
  job->personalized = self->policy != NULL &&
                      fp_consent_policy_allows (self->policy, FP_PURPOSE_PERSONALIZATION);

  task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, fp_time_machine_page_refresh);
  g_task_set_name (task, "[finpersona] time machine start");
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fp_time_machine_page_refresh (FP_TIME_MACHINE_PAGE (widget));
}

static void
policy_changed_cb (FpConsentPolicy   *policy,
                   FpPurpose          purpose,
                   FpConsentState     state,
                   FpTimeMachinePage *self)
{
  if (purpose == FP_PURPOSE_PERSONALIZATION)
    fp_time_machine_page_refresh (self);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */
/* ------------------------------------------------------------------ */

static void
input_changed_cb (FpTimeMachinePage *self)
{
  if (self->loading)
    return;

  /* Event subtitles mention the loan. */
  for (guint i = 0; i < self->event_editors->len; i++)
    update_event_row (g_ptr_array_index (self->event_editors, i));
  recompute (self);
}

static char *
format_percent_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  gboolean signed_value = GPOINTER_TO_INT (user_data);

  if (signed_value && lround (value) != 0)
    return g_strdup_printf ("%+ld %%", lround (value));
  return g_strdup_printf ("%ld %%", lround (value));
}

static void
move_child (GtkWidget *clamp,
            GtkWidget *scroller,
            GtkBox    *box,
            gboolean   into_box)
{
  g_object_ref (clamp);
  if (into_box)
    {
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), NULL);
      gtk_box_append (box, clamp);
    }
  else
    {
      gtk_box_remove (box, clamp);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
    }
  g_object_unref (clamp);
}

/* Narrow: one scrolled column, the results first and the editor under
 * them. Wide: the editor on the left, each side scrolling on its own.
 * Scrolled windows do not measure height-for-width, so the two sides move
 * into one box instead of nesting scrolled windows. */
static void
apply_narrow (FpTimeMachinePage *self)
{
  gboolean in_box = gtk_widget_get_parent (GTK_WIDGET (self->results_clamp)) == GTK_WIDGET (self->narrow_box);

  if (self->narrow == in_box)
    return;

  move_child (GTK_WIDGET (self->results_clamp), GTK_WIDGET (self->results_scroller), self->narrow_box, self->narrow);
  move_child (GTK_WIDGET (self->editor_clamp), GTK_WIDGET (self->editor_scroller), self->narrow_box, self->narrow);
  adw_clamp_set_maximum_size (self->editor_clamp, self->narrow ? 1000 : 380);
  gtk_stack_set_visible_child_name (self->layout_stack, self->narrow ? "narrow" : "wide");
}

/* ------------------------------------------------------------------ */
/* Overrides                                                           */
/* ------------------------------------------------------------------ */

static void
fp_time_machine_page_dispose (GObject *object)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (object);

  g_cancellable_cancel (self->scenario_cancellable);
  g_cancellable_cancel (self->baseline_cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->policy != NULL)
    g_clear_signal_handler (&self->policy_handler, self->policy);
  g_clear_object (&self->policy);
  g_clear_object (&self->cache);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_TIME_MACHINE_PAGE);

  G_OBJECT_CLASS (fp_time_machine_page_parent_class)->dispose (object);
}

static void
fp_time_machine_page_finalize (GObject *object)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (object);

  g_clear_pointer (&self->event_editors, g_ptr_array_unref);
  g_clear_pointer (&self->saved, g_ptr_array_unref);
  g_clear_object (&self->scenario_cancellable);
  g_clear_object (&self->baseline_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->scenario_result, fp_simulation_result_unref);
  g_clear_pointer (&self->baseline_result, fp_simulation_result_unref);

  G_OBJECT_CLASS (fp_time_machine_page_parent_class)->finalize (object);
}

static void
fp_time_machine_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    case PROP_REFINING:
      g_value_set_boolean (value, fp_time_machine_page_get_refining (self));
      break;

    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;

    case PROP_CONSENT_POLICY:
      g_value_set_object (value, self->policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_time_machine_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      fp_time_machine_page_set_narrow (self, g_value_get_boolean (value));
      break;

    case PROP_CACHE:
      fp_time_machine_page_set_cache (self, g_value_get_object (value));
      break;

    case PROP_CONSENT_POLICY:
      fp_time_machine_page_set_consent_policy (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_time_machine_page_class_init (FpTimeMachinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_time_machine_page_dispose;
  object_class->finalize = fp_time_machine_page_finalize;
  object_class->get_property = fp_time_machine_page_get_property;
  object_class->set_property = fp_time_machine_page_set_property;

  /**
   * FpTimeMachinePage:narrow:
   *
   * Whether the page stacks the editor under the results in one column.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpTimeMachinePage:refining:
   *
   * Whether a simulation is still running for what the editor shows.
   */
  properties[PROP_REFINING] =
    g_param_spec_boolean ("refining", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpTimeMachinePage:cache:
   *
   * The encrypted cache the starting point, the bank's market data and the
   * saved scenarios come from, or %NULL (hand-entered starting point).
   */
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, FP_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpTimeMachinePage:consent-policy:
   *
   * The customer's consents; %NULL counts as no consent to
   * personalization, and then nothing personal is read from the cache.
   */
  properties[PROP_CONSENT_POLICY] =
    g_param_spec_object ("consent-policy", NULL, NULL, FP_TYPE_CONSENT_POLICY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpTimeMachinePage::results-settled:
   *
   * The refined results of the scenario shown are in: the moment to ask
   * for a narrative of fp_time_machine_page_dup_facts().
   */
  signals[SIGNAL_RESULTS_SETTLED] =
    g_signal_new ("results-settled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (FP_TYPE_FAN_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-time-machine-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, layout_stack);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, narrow_box);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, editor_scroller);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, editor_clamp);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, results_clamp);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, events_group);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, start_group);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, loan_row);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, loan_rate_row);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, loan_years_row);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, returns_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, no_events_row);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, refining_box);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, refining_spinner);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, paths_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, todays_money_switch);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, chart);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, retire_probability_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, retire_caption_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, emergency_probability_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, emergency_caption_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, down_probability_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, down_caption_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, ruin_probability_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, ruin_caption_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, narrative_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, narrative_source_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, saved_box);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, spending_change_scale);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, equity_scale);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, age_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, retirement_age_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, cash_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, investments_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, income_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, spending_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, contribution_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, pension_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, loan_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, loan_rate_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, loan_years_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, spending_change_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, extra_savings_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, equity_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, income_growth_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, goal_income_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, goal_emergency_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, goal_down_adj);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, goal_down_years_adj);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);

  gtk_widget_class_install_action (widget_class, "time-machine.add-event", "i", add_event_action);
  gtk_widget_class_install_action (widget_class, "time-machine.keep-scenario", NULL, keep_scenario_action);
  /* page.refresh is what the window activates on every page after a sync. */
  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
}

static void
fp_time_machine_page_init (FpTimeMachinePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *example = g_getenv ("FP_TIME_MACHINE_EXAMPLE");
  g_autofree char *legend = NULL;

  self->loading = TRUE;
  g_strlcpy (self->currency, CURRENCY, sizeof self->currency);
  self->start_source = START_BY_HAND;
  self->start_year = g_date_time_get_year (now);
  self->start_month = g_date_time_get_month (now);
  self->event_editors = g_ptr_array_new_with_free_func ((GDestroyNotify) event_editor_free);
  self->saved = g_ptr_array_new_with_free_func ((GDestroyNotify) saved_scenario_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  fp_fan_chart_set_start_year (self->chart, self->start_year);
  gtk_scale_set_format_value_func (self->spending_change_scale, format_percent_cb, GINT_TO_POINTER (TRUE), NULL);
  gtk_scale_set_format_value_func (self->equity_scale, format_percent_cb, GINT_TO_POINTER (FALSE), NULL);
  legend = g_strdup_printf (_("Shaded: where %d %% and %d %% of the simulated futures end up. "
                              "Solid line: the median. Dashed line: the median without the changes."),
                            90, 50);
  gtk_label_set_label (self->legend_label, legend);
  apply_narrow (self);
  update_keep_action (self);
  update_captions (self);
  self->loading = FALSE;

  /* Screenshot runs pick an example with FP_TIME_MACHINE_EXAMPLE. */
  fp_time_machine_page_load_example (self, example != NULL ? (guint) g_ascii_strtoull (example, NULL, 10) : 1);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * fp_time_machine_page_new:
 *
 * Returns: (transfer floating): a new Time Machine page
 */
GtkWidget *
fp_time_machine_page_new (void)
{
  return g_object_new (FP_TYPE_TIME_MACHINE_PAGE, NULL);
}

/**
 * fp_time_machine_page_get_narrow:
 * @self: a #FpTimeMachinePage
 *
 * Returns: whether the page shows one column
 */
gboolean
fp_time_machine_page_get_narrow (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), FALSE);

  return self->narrow;
}

/**
 * fp_time_machine_page_set_narrow:
 * @self: a #FpTimeMachinePage
 * @narrow: whether to show one column
 */
void
fp_time_machine_page_set_narrow (FpTimeMachinePage *self,
                                 gboolean           narrow)
{
  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));

  narrow = !!narrow;
  if (narrow == self->narrow)
    return;

  self->narrow = narrow;
  apply_narrow (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

/**
 * fp_time_machine_page_get_refining:
 * @self: a #FpTimeMachinePage
 *
 * Returns: whether a simulation is still running
 */
gboolean
fp_time_machine_page_get_refining (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), FALSE);

  return self->scenario_running || self->baseline_running;
}

/**
 * fp_time_machine_page_set_narrative:
 * @self: a #FpTimeMachinePage
 * @text: the narrative of the current scenario
 * @source: who wrote it
 *
 * Shows a narrative and says who wrote it. The page writes the on-device
 * one itself after every result; the GenAI client calls this with
 * %FP_NARRATIVE_GENAI once it has the customer's consent and an answer
 * built from fp_time_machine_page_dup_facts().
 */
void
fp_time_machine_page_set_narrative (FpTimeMachinePage *self,
                                    const char        *text,
                                    FpNarrativeSource  source)
{
  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));
  g_return_if_fail (text != NULL);

  set_label (self->narrative_label, text);
  switch (source)
    {
    case FP_NARRATIVE_GENAI:
      set_label (self->narrative_source_label,
                 _("Written by FinPersona’s AI assistant from rounded figures, with your consent"));
      break;

    case FP_NARRATIVE_ON_DEVICE:
    default:
      set_label (self->narrative_source_label,
                 _("Written on this device; nothing left your computer"));
      break;
    }
}

/**
 * fp_time_machine_page_reset_narrative:
 * @self: a #FpTimeMachinePage
 *
 * Shows the on-device narrative of the results shown again, such as when
 * the customer withdraws the GenAI consent.
 */
void
fp_time_machine_page_reset_narrative (FpTimeMachinePage *self)
{
  g_autofree char *narrative = NULL;

  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));

  if (self->scenario_result == NULL)
    return;

  narrative = fp_simulation_narrate (&self->shown, self->scenario_result);
  fp_time_machine_page_set_narrative (self, narrative, FP_NARRATIVE_ON_DEVICE);
}

/**
 * fp_time_machine_page_dup_facts:
 * @self: a #FpTimeMachinePage
 *
 * The aggregated, rounded facts of the scenario shown, which are all that
 * may be sent to the GenAI proxy for a narrative.
 *
 * Returns: (transfer container) (nullable): #FpSimFact items, or %NULL
 *   before the first result
 */
GPtrArray *
fp_time_machine_page_dup_facts (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), NULL);

  if (self->scenario_result == NULL)
    return NULL;

  return fp_simulation_facts (&self->shown, self->scenario_result);
}

FpFanChart *
fp_time_machine_page_get_chart (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), NULL);

  return self->chart;
}

FpSimulationResult *
fp_time_machine_page_get_result (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), NULL);

  return self->scenario_result;
}

guint
fp_time_machine_page_get_n_results (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), 0);

  return self->n_results;
}

guint
fp_time_machine_page_get_n_baseline_runs (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), 0);

  return self->n_baseline_runs;
}

guint
fp_time_machine_page_get_n_cancelled (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), 0);

  return self->n_cancelled;
}

/**
 * fp_time_machine_page_load_example:
 * @self: a #FpTimeMachinePage
 * @example: 1 or 2
 *
 * Fills the editor with one of two example households (until the cache
 * provides the real starting point) and simulates it.
 */
void
fp_time_machine_page_load_example (FpTimeMachinePage *self,
                                   guint              example)
{
  struct {
    GtkAdjustment *adjustment;
    double         values[2];
  } fields[] = {
    { self->age_adj,             { 35, 45 } },
    { self->retirement_age_adj,  { 67, 58 } },
    { self->cash_adj,            { 15000, 20000 } },
    { self->investments_adj,     { 40000, 180000 } },
    { self->income_adj,          { 4600, 5600 } },
    { self->spending_adj,        { 3100, 3800 } },
    { self->contribution_adj,    { 300, 800 } },
    { self->pension_adj,         { 1500, 2000 } },
    { self->loan_adj,            { 12000, 30000 } },
    { self->loan_rate_adj,       { 5.5, 6.9 } },
    { self->loan_years_adj,      { 4, 6 } },
    { self->spending_change_adj, { -5, -10 } },
    { self->extra_savings_adj,   { 200, 300 } },
    { self->equity_adj,          { 70, 90 } },
    { self->income_growth_adj,   { 1.5, 0 } },
    { self->goal_income_adj,     { 2500, 2500 } },
    { self->goal_emergency_adj,  { 6, 6 } },
    { self->goal_down_adj,       { 40000, 20000 } },
    { self->goal_down_years_adj, { 4, 3 } },
  };
  guint index;

  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));

  index = example == 2 ? 1 : 0;
  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_adjustment_set_value (fields[i].adjustment, fields[i].values[index]);

  clear_events (self);
  if (index == 0)
    {
      add_event (self, FP_SIM_EVENT_CHILD, 2, 600, 18);
      add_event (self, FP_SIM_EVENT_HOME_PURCHASE, 5, 40000, 25);
    }
  else
    {
      add_event (self, FP_SIM_EVENT_CAREER_BREAK, 3, 0, 12);
      add_event (self, FP_SIM_EVENT_WINDFALL, 8, 80000, 0);
      add_event (self, FP_SIM_EVENT_LOAN_PAYOFF, 2, 0, 0);
    }
  self->loading = FALSE;

  recompute (self);
}

/**
 * fp_time_machine_page_get_cache:
 * @self: a #FpTimeMachinePage
 *
 * Returns: (transfer none) (nullable): the cache
 */
FpCache *
fp_time_machine_page_get_cache (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), NULL);

  return self->cache;
}

/**
 * fp_time_machine_page_set_cache:
 * @self: a #FpTimeMachinePage
 * @cache: (nullable): the cache
 *
 * Sets the cache and reads the starting point, market data and saved
 * scenarios from it (fp_time_machine_page_refresh()).
 */
void
fp_time_machine_page_set_cache (FpTimeMachinePage *self,
                                FpCache           *cache)
{
  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));
  g_return_if_fail (cache == NULL || FP_IS_CACHE (cache));

  if (!g_set_object (&self->cache, cache))
    return;

  fp_time_machine_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

/**
 * fp_time_machine_page_get_consent_policy:
 * @self: a #FpTimeMachinePage
 *
 * Returns: (transfer none) (nullable): the customer's consents
 */
FpConsentPolicy *
fp_time_machine_page_get_consent_policy (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), NULL);

  return self->policy;
}

/**
 * fp_time_machine_page_set_consent_policy:
 * @self: a #FpTimeMachinePage
 * @policy: (nullable): the customer's consents
 *
 * The starting point comes from the accounts only with the consent to
 * personalization; the page reads the cache again when it changes.
 */
void
fp_time_machine_page_set_consent_policy (FpTimeMachinePage *self,
                                         FpConsentPolicy   *policy)
{
  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));
  g_return_if_fail (policy == NULL || FP_IS_CONSENT_POLICY (policy));

  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_clear_signal_handler (&self->policy_handler, self->policy);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    self->policy_handler = g_signal_connect (policy, "changed", G_CALLBACK (policy_changed_cb), self);
  if (self->cache != NULL)
    fp_time_machine_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_POLICY]);
}

/* For tests and screenshot runs. */

void
fp_time_machine_page_build_baseline (FpTimeMachinePage *self,
                                     FpScenario        *out)
{
  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));
  g_return_if_fail (out != NULL);

  build_scenario (self, out, FALSE);
}

gboolean
fp_time_machine_page_get_from_accounts (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), FALSE);

  return self->start_source == START_FROM_ACCOUNTS;
}

guint
fp_time_machine_page_get_n_loads (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), 0);

  return self->n_loads;
}

guint
fp_time_machine_page_get_n_saved (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), 0);

  return self->saved->len;
}

const char *
fp_time_machine_page_get_start_caption (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), NULL);

  return adw_preferences_group_get_description (self->start_group);
}

const char *
fp_time_machine_page_get_returns_caption (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), NULL);

  return gtk_label_get_label (self->returns_label);
}
