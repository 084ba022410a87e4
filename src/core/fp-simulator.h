/* fp-simulator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Financial Time Machine: a Monte-Carlo simulation of a household's
 * finances, month by month, over up to 50 years.
 *
 * How to use it
 * -------------
 *   FpScenario s;
 *
 *   fp_scenario_init (&s);                 // defaults: see fp_scenario_init()
 *   s.start_cash_minor = 1200000;          // 12,000.00
 *   s.monthly_income_minor = 450000;
 *   fp_scenario_add_category (&s, "groceries", 60000, -0.10);   // -10 %
 *   fp_scenario_add_asset (&s, "equities", 0.07, 0.16, 2500000, 0.6);
 *   fp_scenario_add_asset (&s, "bonds", 0.03, 0.06, 1000000, 0.4);
 *   fp_scenario_set_correlation (&s, 0, 1, 0.2);
 *   ...
 *   result = fp_simulation_run (&s, 0, cancellable, NULL, NULL, &error);
 *   median_now = result->net_worth[FP_SIM_P50][month];   // minor units
 *   chance = result->goals[0].probability;                // 0 … 1
 *   text = fp_simulation_narrate (&s, result);            // on-device words
 *   facts = fp_simulation_facts (&s, result);             // for the GenAI proxy
 *
 * From the UI, fp_simulation_run_async() runs it in a worker thread on a
 * private copy of the scenario (and of its historical returns); cancel the
 * previous run's GCancellable when the customer moves a slider again. A
 * coarse run (1,000 paths) answers within a frame, a refined one (10,000)
 * within two; see benchmarks/bench-simulator.c.
 *
 * Amounts go in and out as gint64 minor units; inside, the simulation
 * works in doubles (major units) and rounds each percentile half-to-even
 * to the cent at the end. Percentiles are exact order statistics of the
 * paths, interpolated linearly (type 7, as R and NumPy).
 *
 * The model
 * ---------
 * Month 0 is today; months 1 … horizon_months are simulated, and more when
 * a goal lies after the horizon (fp_scenario_get_horizon()). Every amount
 * of the scenario is in *today's money* (minor units) and grows with each
 * path's own price index — income, spending, contributions, life events
 * and goals — except debts, which are nominal contracts (a mortgage taken
 * in a future month is the entered amount in that month's money, then fixed).
 * Each month, in this order:
 *  1. inflation: the annualised rate follows an AR(1) around its mean,
 *     a' = mean + persistence (a - mean) + volatility z; prices grow by a'/12;
 *  2. investments grow by their asset class's return: lognormal with the
 *     capital-market assumptions (correlated through the Cholesky factor of
 *     the correlation matrix; the monthly log return has mean
 *     ln(1 + expected_return)/12 - volatility²/24 and standard deviation
 *     volatility/√12, so the expected annual growth is expected_return;
 *     a monthly log return is capped at ±8, far beyond any validated
 *     volatility), or a month drawn at random from the caller's historical
 *     returns (all classes of the same historical month together);
 *  3. cash earns cash_annual_rate/12 (when positive);
 *  4. income (until retirement, none in a career break; retirement income
 *     after), spending, debt payments and life events pass through cash;
 *  5. contributions and extra savings move from cash to the investments by
 *     the allocation (until retirement, not in a career break, and only as
 *     far as the cash is positive);
 *  6. if cash is negative, investments are sold pro rata to cover it; if
 *     they are exhausted the path has run out of money (its cash stays
 *     negative, an overdraft without interest);
 *  7. every 12th month the investments are rebalanced to the allocation
 *     (when @rebalance_yearly);
 *  8. net worth = cash + investments + homes - debts; homes keep their real
 *     value (they grow with the price index).
 * A goal is reached in the first month, up to its deadline, when its value
 * (cash; for retirement cash + investments) is at least its target.
 *
 * Randomness: xoshiro256** per path, seeded by splitmix64 from (seed, path
 * index); every two draws of 64 bits give four normals by Box and
 * Muller's transform in single precision (31-bit uniforms, so |z| <= 6.66;
 * within 6e-7 of the exact transform of the same inputs; see
 * fp-sim-kernel.c), and e^x of the returns is computed to 3e-16. Results
 * are identical, bit for bit, for a given scenario and seed whatever the
 * number of threads and whichever build of the inner loop runs
 * (AVX-512, AVX2 or portable: the code never fuses multiply-adds; do not
 * build src/core with -ffp-contract=fast on an FMA target).
 *
 * Threads: fp_simulation_run() uses the calling thread and helpers from a
 * shared GThreadPool for the whole run; it may run from any thread,
 * several runs at once.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FP_SIM_MAX_MONTHS     600
#define FP_SIM_MAX_PATHS      200000    /* about 0.5 KB of working memory each */
#define FP_SIM_MAX_ASSETS     8
#define FP_SIM_MAX_CATEGORIES 32
#define FP_SIM_MAX_DEBTS      16
#define FP_SIM_MAX_EVENTS     32
#define FP_SIM_MAX_GOALS      16
#define FP_SIM_ID_LEN         32

/**
 * FpSimPercentile:
 *
 * Index into the percentile arrays of #FpSimulationResult.
 */
typedef enum {
  FP_SIM_P5,
  FP_SIM_P25,
  FP_SIM_P50,
  FP_SIM_P75,
  FP_SIM_P95,
  FP_SIM_N_PERCENTILES,
} FpSimPercentile;

/**
 * FpSimReturnModel:
 * @FP_SIM_RETURNS_ASSUMPTIONS: lognormal monthly steps from expected
 *   return, volatility and correlation (the bank's capital-market assumptions)
 * @FP_SIM_RETURNS_BOOTSTRAP: historical months drawn at random, with
 *   replacement, from #FpScenario.history_returns
 */
typedef enum {
  FP_SIM_RETURNS_ASSUMPTIONS,
  FP_SIM_RETURNS_BOOTSTRAP,
} FpSimReturnModel;

/**
 * FpSimAsset:
 * @id: the asset class, such as "equities"
 * @expected_return: expected annual return, 0.07 for 7 %
 * @volatility: annual volatility of the log return, 0.16 for 16 %
 * @start_minor: holdings today, minor units
 * @allocation: share of contributions and of the rebalanced portfolio;
 *   the allocations of all classes sum to 1
 */
typedef struct {
  char   id[FP_SIM_ID_LEN];
  double expected_return;
  double volatility;
  gint64 start_minor;
  double allocation;
} FpSimAsset;

/**
 * FpSimCategory:
 * @id: the spending category, such as "groceries"
 * @monthly_minor: the baseline monthly spending, today's money
 * @change: the scenario's change, -0.1 for 10 % less
 */
typedef struct {
  char   id[FP_SIM_ID_LEN];
  gint64 monthly_minor;
  double change;
} FpSimCategory;

/**
 * FpSimDebt:
 * @id: a name for the debt, such as "car-loan"
 * @balance_minor: outstanding today (nominal)
 * @annual_rate: nominal annual interest rate, compounded monthly
 * @payment_minor: the monthly payment; 0 to compute the annuity payment
 *   that repays the balance in @remaining_months
 * @remaining_months: months left, at most %FP_SIM_MAX_MONTHS
 */
typedef struct {
  char   id[FP_SIM_ID_LEN];
  gint64 balance_minor;
  double annual_rate;
  gint64 payment_minor;
  guint  remaining_months;
} FpSimDebt;

/**
 * FpSimEventKind:
 * @FP_SIM_EVENT_HOME_PURCHASE: pays @amount_minor down from cash, adds a
 *   home worth @amount_minor + @mortgage_minor and a mortgage of
 *   @mortgage_minor at @rate over @duration_months
 * @FP_SIM_EVENT_CHILD: costs @amount_minor a month for @duration_months
 * @FP_SIM_EVENT_CAREER_BREAK: no income and no contributions for
 *   @duration_months
 * @FP_SIM_EVENT_WINDFALL: @amount_minor arrives in cash
 * @FP_SIM_EVENT_LOAN_PAYOFF: repays what remains of debt @debt_index
 */
typedef enum {
  FP_SIM_EVENT_HOME_PURCHASE,
  FP_SIM_EVENT_CHILD,
  FP_SIM_EVENT_CAREER_BREAK,
  FP_SIM_EVENT_WINDFALL,
  FP_SIM_EVENT_LOAN_PAYOFF,
} FpSimEventKind;

/**
 * FpSimEvent:
 * @kind: what happens
 * @month: the month it happens, from 1; events after the horizon are
 *   ignored
 * @amount_minor: down payment, monthly cost or windfall (today's money)
 * @mortgage_minor: for a home purchase (today's money at @month)
 * @rate: the mortgage's nominal annual rate
 * @duration_months: mortgage term, months of a child's cost, career break
 * @debt_index: for a loan payoff, the index into #FpScenario.debts
 */
typedef struct {
  FpSimEventKind kind;
  guint          month;
  gint64         amount_minor;
  gint64         mortgage_minor;
  double         rate;
  guint          duration_months;
  guint          debt_index;
} FpSimEvent;

/**
 * FpSimGoalKind:
 * @FP_SIM_GOAL_RETIRE: at @age, cash + investments of at least
 *   12 × @amount_minor / @withdrawal_rate (a monthly income of @amount_minor
 *   drawn at the withdrawal rate)
 * @FP_SIM_GOAL_EMERGENCY_FUND: cash of at least @months months of the
 *   scenario's monthly spending, by @by_month
 * @FP_SIM_GOAL_DOWN_PAYMENT: cash of at least @amount_minor by @by_month
 */
typedef enum {
  FP_SIM_GOAL_RETIRE,
  FP_SIM_GOAL_EMERGENCY_FUND,
  FP_SIM_GOAL_DOWN_PAYMENT,
} FpSimGoalKind;

/**
 * FpSimGoal:
 * @kind: the kind of goal
 * @amount_minor: the monthly retirement income, or the down payment
 * @months: months of spending for an emergency fund
 * @age: retirement goal: the age (years)
 * @by_month: the deadline month; 0 for the horizon (ignored for
 *   retirement: its deadline is the month @age is reached). A deadline after
 *   the horizon extends the simulation to it (fp_scenario_get_horizon())
 * @withdrawal_rate: retirement goal: yearly withdrawal rate, 0 for 0.04
 */
typedef struct {
  FpSimGoalKind kind;
  gint64        amount_minor;
  guint         months;
  guint         age;
  guint         by_month;
  double        withdrawal_rate;
} FpSimGoal;

/**
 * FpSimInflation:
 * @mean: long-run annual inflation, 0.02 for 2 %
 * @start: the annual rate today
 * @volatility: standard deviation of the monthly shock to the annual rate
 * @persistence: monthly AR(1) coefficient in [0, 1)
 */
typedef struct {
  double mean;
  double start;
  double volatility;
  double persistence;
} FpSimInflation;

/**
 * FpScenario:
 *
 * Plain data: copy it with `=` (history_returns is only borrowed).
 * Fill it with fp_scenario_init() and the fp_scenario_add_*() helpers or
 * directly. Amounts are minor units of @currency, in today's money.
 */
typedef struct {
  char             currency[4];
  guint            horizon_months;
  guint            n_paths;
  guint64          seed;
  gboolean         results_nominal;   /* FALSE: today's money */
  gboolean         net_worth_only;    /* TRUE: no cash percentiles (see #FpSimulationResult) */

  /* Today */
  guint            current_age;
  guint            retirement_age;
  gint64           start_cash_minor;
  double           cash_annual_rate;
  gint64           monthly_income_minor;
  double           income_real_growth;  /* yearly, above inflation */
  gint64           retirement_income_minor;
  guint            n_categories;
  FpSimCategory    categories[FP_SIM_MAX_CATEGORIES];
  guint            n_debts;
  FpSimDebt        debts[FP_SIM_MAX_DEBTS];

  /* Investing */
  gint64           monthly_contribution_minor;
  gint64           extra_savings_minor;
  gboolean         rebalance_yearly;
  guint            n_assets;
  FpSimAsset       assets[FP_SIM_MAX_ASSETS];
  double           correlation[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS];
  FpSimReturnModel return_model;
  const double    *history_returns;   /* n_history_months × n_assets, simple monthly returns */
  guint            n_history_months;
  FpSimInflation   inflation;

  guint            n_events;
  FpSimEvent       events[FP_SIM_MAX_EVENTS];
  guint            n_goals;
  FpSimGoal        goals[FP_SIM_MAX_GOALS];
} FpScenario;

/**
 * FpSimGoalOutcome:
 * @probability: share of paths that reach the goal by its deadline
 * @median_month: the month by which half the paths have reached it,
 *   -1 if fewer than half ever do
 */
typedef struct {
  double probability;
  gint   median_month;
} FpSimGoalOutcome;

/**
 * FpSimulationResult:
 * @n_points: fp_scenario_get_horizon() + 1 (month 0 is today): the
 *   horizon, extended to the latest goal
 * @n_paths: the paths simulated
 * @nominal: whether amounts are nominal (%FALSE: today's money)
 * @net_worth: per percentile, @n_points amounts in minor units
 * @cash: the same for liquid cash; all %NULL when the scenario asked for
 *   @net_worth_only (the Time Machine page draws net worth only, and the
 *   cash percentiles are about a fifth of a run)
 * @n_goals: as in the scenario
 * @goals: per goal of the scenario, in the same order
 * @probability_ruin: share of paths that run out of money (cash and
 *   investments exhausted) in some month
 * @median_ruin_month: the month by which half the paths have run out, -1
 * @retirement_month: the month of the retirement age (may be past the
 *   horizon), -1 if already retired
 *
 * Read-only, reference-counted; free with fp_simulation_result_unref().
 */
typedef struct {
  guint             n_points;
  guint             n_paths;
  gboolean          nominal;
  gint64           *net_worth[FP_SIM_N_PERCENTILES];
  gint64           *cash[FP_SIM_N_PERCENTILES];
  guint             n_goals;
  FpSimGoalOutcome  goals[FP_SIM_MAX_GOALS];
  double            probability_ruin;
  gint              median_ruin_month;
  gint              retirement_month;
} FpSimulationResult;

/**
 * FpSimProgressFunc:
 * @fraction: done so far, 0 … 1
 * @user_data: as given
 *
 * Called from worker threads (never concurrently), at most ~100 times a
 * run: forward it to the main context with g_main_context_invoke().
 */
typedef void (*FpSimProgressFunc) (double   fraction,
                                   gpointer user_data);

/**
 * FpSimFact:
 * @key: such as "horizon_years"
 * @value: such as "30"
 *
 * One aggregated, rounded fact about a simulation: what may leave the
 * device for the GenAI narrative.
 */
typedef struct {
  char *key;
  char *value;
} FpSimFact;

void                fp_scenario_init             (FpScenario        *scenario);
gboolean            fp_scenario_add_asset        (FpScenario        *scenario,
                                                  const char        *id,
                                                  double             expected_return,
                                                  double             volatility,
                                                  gint64             start_minor,
                                                  double             allocation);
gboolean            fp_scenario_set_correlation  (FpScenario        *scenario,
                                                  guint              i,
                                                  guint              j,
                                                  double             rho);
gboolean            fp_scenario_add_category     (FpScenario        *scenario,
                                                  const char        *id,
                                                  gint64             monthly_minor,
                                                  double             change);
gboolean            fp_scenario_add_debt         (FpScenario        *scenario,
                                                  const char        *id,
                                                  gint64             balance_minor,
                                                  double             annual_rate,
                                                  gint64             payment_minor,
                                                  guint              remaining_months);
gboolean            fp_scenario_add_event        (FpScenario        *scenario,
                                                  const FpSimEvent  *event);
gboolean            fp_scenario_add_goal         (FpScenario        *scenario,
                                                  const FpSimGoal   *goal);
gboolean            fp_scenario_validate         (const FpScenario  *scenario,
                                                  GError           **error);
gint64              fp_scenario_monthly_spending (const FpScenario  *scenario);
guint               fp_scenario_get_horizon      (const FpScenario  *scenario);

FpSimulationResult *fp_simulation_run            (const FpScenario  *scenario,
                                                  guint              n_threads,
                                                  GCancellable      *cancellable,
                                                  FpSimProgressFunc  progress,
                                                  gpointer           progress_data,
                                                  GError           **error);
void                fp_simulation_run_async      (const FpScenario  *scenario,
                                                  guint              n_threads,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
FpSimulationResult *fp_simulation_run_finish     (GAsyncResult      *result,
                                                  GError           **error);

FpSimulationResult *fp_simulation_result_ref     (FpSimulationResult *result);
void                fp_simulation_result_unref   (FpSimulationResult *result);

char               *fp_simulation_narrate        (const FpScenario  *scenario,
                                                  const FpSimulationResult *result);
GPtrArray          *fp_simulation_facts          (const FpScenario  *scenario,
                                                  const FpSimulationResult *result);
void                fp_sim_fact_free             (FpSimFact         *fact);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpSimulationResult, fp_simulation_result_unref)

G_END_DECLS
