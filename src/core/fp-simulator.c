/* fp-simulator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Monte-Carlo engine of the Financial Time Machine. The model is
 * described in fp-simulator.h. Here: the plan of what every path shares
 * (monthly cash flows, debt schedules, homes, goal targets), the run, the
 * goal statistics, the async wrapper and the result. Validation is in
 * fp-sim-scenario.c, the month step of a block of paths in fp-sim-kernel.c
 * (chosen in fp-sim-paths.c), the percentiles in fp-sim-guide.c and
 * fp-sim-select.c, the threads in fp-sim-parallel.c.
 *
 * The run: months go in chunks. Round r runs every block of 64 paths
 * through the months of chunk r (one item per block; the kernel writes
 * their net worth and cash month-major: all paths of a month contiguous)
 * while it reduces chunk r - 1 to percentiles: net worth and cash, month
 * after month, each month guided by the two before (fp-sim-guide.c), as
 * two items started first (more, segments of months, with more than two
 * threads). The columns of two chunks alternate. The paths' state between
 * chunks lives in one array of blocks; all working memory (blocks,
 * columns, per-thread scratch) is one arena, kept for the next run, so
 * nothing is allocated per path or per month.
 *
 * Determinism: a path's random stream is a pure function of (seed, path
 * index) and every path does the same operations whatever block, thread
 * or instruction set runs it; the percentiles are exact order statistics
 * however they are found; goal and ruin statistics are integer counts. So
 * the result does not depend on the number of threads, nor on the
 * kernel.
 */

#define G_LOG_DOMAIN "fp-simulator"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-error.h"
#include "fp-money.h"
#include "fp-random.h"
#include "fp-sim-guide.h"
#include "fp-sim-parallel.h"
#include "fp-sim-private.h"
#include "fp-sim-select.h"
#include "fp-simulator.h"

/* The columns of a chunk (net worth and cash): at most this many bytes,
 * at least MIN_CHUNK_MONTHS and at most a quarter of the months, so that
 * the rounds overlap the reduction of a chunk with the next one's paths. */
#define COLUMN_BUDGET    (2 * 1024 * 1024)
#define MIN_CHUNK_MONTHS 6

static const double percentile_fractions[FP_SIM_N_PERCENTILES] = { 0.05, 0.25, 0.50, 0.75, 0.95 };

/* A chunk of months and the columns its paths' values go to. */
typedef struct {
  guint   first_month;   /* months first_month … last_month; none if 0 */
  guint   last_month;
  double *columns[2];    /* net worth, cash */
} ChunkView;

typedef struct {
  const FpSimPlan    *plan;
  const FpSimKernel  *kernel;
  FpSimBlock         *blocks;
  gsize               stride;           /* of the columns: paths rounded up to blocks */
  ChunkView           simulate;         /* the chunk whose paths run this round */
  ChunkView           reduce;           /* the chunk reduced to percentiles */
  guint               n_reduce_items;
  gboolean            initialise;
  double             *percentiles[2];   /* net worth, cash: n_points × 5, exact */
  double             *scratch;          /* per worker: FP_SIM_COLUMN_SCRATCH (stride) */
  guint               n_segments;       /* of a chunk's months, per quantity */
  gboolean            skip_cash;        /* FpScenario.net_worth_only */
  FpSimulationResult *result;

  FpSimProgressFunc   progress;
  gpointer            progress_data;
  GMutex              progress_mutex;
  gint                blocks_done;
  gint                blocks_total;
  gint                last_percent;

  GMutex              stats_mutex;
  FpSimGuideStats     stats;            /* for g_debug */
} RunContext;

static FpSimulationResult *result_new (guint n_points,
                                       guint n_goals);

/* ------------------------------------------------------------------ */
/* The plan: what every path shares                                    */
/* ------------------------------------------------------------------ */

static void
plan_free (FpSimPlan *plan)
{
  g_free (plan->history_growth);
  g_free (plan->real_flow);
  g_free (plan->contribution);
  g_free (plan->debt_payment);
  g_free (plan->debt_balance);
  g_free (plan->home_real);
  g_free (plan->home_month);
  for (guint i = 0; i < plan->n_homes; i++)
    {
      g_free (plan->homes[i].unit_payment);
      g_free (plan->homes[i].unit_balance);
    }
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpSimPlan, plan_free)

static double
annuity_payment (double principal,
                 double monthly_rate,
                 guint  n_months)
{
  if (monthly_rate == 0.0)
    return principal / n_months;
  return principal * monthly_rate / (1.0 - pow (1.0 + monthly_rate, -(double) n_months));
}

/* Adds the schedule of a loan of @principal taken at month @start (after
 * that month's flows) to @payment and @balance: payments from @start + 1,
 * repaid in full at @payoff_month if that is not 0. */
static void
add_loan_schedule (double *payment,
                   double *balance,
                   guint   n_months,
                   guint   start,
                   double  principal,
                   double  annual_rate,
                   double  fixed_payment,
                   guint   term,
                   guint   payoff_month)
{
  double i = annual_rate / 12.0;
  double due = fixed_payment > 0.0 ? fixed_payment : annuity_payment (principal, i, term);
  double owed = principal;

  balance[start] += owed;

  for (guint m = start + 1; m <= n_months && owed > 0.0; m++)
    {
      double interest = owed * i;
      double paid = due;

      if (m - start >= term || (payoff_month != 0 && m >= payoff_month) || paid > owed + interest)
        paid = owed + interest;

      owed = owed + interest - paid;
      payment[m] += paid;
      balance[m] += owed;
    }
}

static FpSimPlan *
plan_new (const FpScenario *s)
{
  g_autoptr(FpSimPlan) plan = g_new0 (FpSimPlan, 1);
  /* At least to the latest goal: a goal is judged at its own date. */
  guint n = fp_scenario_get_horizon (s);
  double spending = fp_sim_monthly_spending_real (s);
  double income = fp_money_to_double (s->monthly_income_minor);
  double contribution = fp_money_to_double (s->monthly_contribution_minor) +
                        fp_money_to_double (s->extra_savings_minor);
  double correlation_factor[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS];
  gint retirement_month;
  gboolean *working;

  plan->n_months = n;
  plan->n_paths = s->n_paths;
  plan->seed = s->seed;
  plan->nominal = s->results_nominal;

  /* Returns. */
  plan->n_assets = s->n_assets;
  plan->bootstrap = s->return_model == FP_SIM_RETURNS_BOOTSTRAP;
  plan->rebalance = s->rebalance_yearly;
  fp_sim_cholesky ((const double (*)[FP_SIM_MAX_ASSETS]) s->correlation, s->n_assets, correlation_factor);
  for (guint i = 0; i < s->n_assets; i++)
    {
      double sigma = s->assets[i].volatility / sqrt (12.0);

      plan->start_holdings[i] = fp_money_to_double (s->assets[i].start_minor);
      plan->allocation[i] = s->assets[i].allocation;
      plan->log_mean[i] = log1p (s->assets[i].expected_return) / 12.0 - 0.5 * sigma * sigma;
      plan->growth[i] = fp_random_exp (plan->log_mean[i]);
      for (guint j = 0; j <= i; j++)
        plan->chol[i][j] = sigma * correlation_factor[i][j];
      if (sigma > 0.0)
        plan->random_returns = TRUE;
    }
  if (plan->bootstrap)
    {
      gsize count = (gsize) s->n_history_months * s->n_assets;

      plan->n_history = s->n_history_months;
      plan->history_growth = g_new (double, count);
      for (gsize k = 0; k < count; k++)
        plan->history_growth[k] = 1.0 + s->history_returns[k];
      plan->random_returns = FALSE;
    }

  /* Inflation. */
  plan->inflation_mean = s->inflation.mean;
  plan->inflation_start = s->inflation.start;
  plan->inflation_volatility = s->inflation.volatility;
  plan->inflation_persistence = s->inflation.persistence;
  plan->inflation_random = s->inflation.volatility > 0.0;

  plan->start_cash = fp_money_to_double (s->start_cash_minor);
  plan->cash_growth = 1.0 + s->cash_annual_rate / 12.0;

  /* Monthly flows in today's money. */
  plan->real_flow = g_new0 (double, n + 1);
  plan->contribution = g_new0 (double, n + 1);
  plan->debt_payment = g_new0 (double, n + 1);
  plan->debt_balance = g_new0 (double, n + 1);
  plan->home_real = g_new0 (double, n + 1);
  plan->home_month = g_new0 (guint8, n + 1);
  working = g_new0 (gboolean, n + 1);

  retirement_month = ((gint) s->retirement_age - (gint) s->current_age) * 12;
  plan->retirement_month = MAX (retirement_month, -1);
  for (guint m = 1; m <= n; m++)
    {
      working[m] = (gint) m <= retirement_month;
      plan->real_flow[m] = -spending;
      if (!working[m])
        plan->real_flow[m] += fp_money_to_double (s->retirement_income_minor);
    }

  for (guint e = 0; e < s->n_events; e++)
    {
      const FpSimEvent *ev = &s->events[e];
      double amount = fp_money_to_double (ev->amount_minor);

      /* Events after the horizon do not happen within it. */
      if (ev->month > n)
        continue;

      switch (ev->kind)
        {
        case FP_SIM_EVENT_CAREER_BREAK:
          for (guint m = ev->month; m < ev->month + ev->duration_months && m <= n; m++)
            working[m] = FALSE;
          break;
        case FP_SIM_EVENT_CHILD:
          for (guint m = ev->month; m < ev->month + ev->duration_months && m <= n; m++)
            plan->real_flow[m] -= amount;
          break;
        case FP_SIM_EVENT_WINDFALL:
          plan->real_flow[ev->month] += amount;
          break;
        case FP_SIM_EVENT_HOME_PURCHASE:
          {
            FpSimHomeLoan *home = &plan->homes[plan->n_homes++];
            double mortgage = fp_money_to_double (ev->mortgage_minor);

            plan->real_flow[ev->month] -= amount;
            for (guint m = ev->month; m <= n; m++)
              plan->home_real[m] += amount + mortgage;
            plan->home_month[ev->month] = 1;

            home->month = ev->month;
            home->mortgage_real = mortgage;
            home->unit_payment = g_new0 (double, n + 1);
            home->unit_balance = g_new0 (double, n + 1);
            if (mortgage > 0.0)
              add_loan_schedule (home->unit_payment, home->unit_balance, n, ev->month, 1.0,
                                 ev->rate, 0.0, ev->duration_months, 0);
          }
          break;
        case FP_SIM_EVENT_LOAN_PAYOFF:
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (guint m = 1; m <= n; m++)
    {
      if (!working[m])
        continue;
      plan->real_flow[m] += income * pow (1.0 + s->income_real_growth, (double) m / 12.0);
      plan->contribution[m] = contribution;
    }
  g_free (working);

  for (guint d = 0; d < s->n_debts; d++)
    {
      const FpSimDebt *debt = &s->debts[d];
      guint payoff = 0;

      for (guint e = 0; e < s->n_events; e++)
        if (s->events[e].kind == FP_SIM_EVENT_LOAN_PAYOFF && s->events[e].debt_index == d &&
            (payoff == 0 || s->events[e].month < payoff))
          payoff = s->events[e].month;

      add_loan_schedule (plan->debt_payment, plan->debt_balance, n, 0,
                         fp_money_to_double (debt->balance_minor), debt->annual_rate,
                         fp_money_to_double (debt->payment_minor), debt->remaining_months, payoff);
    }

  /* Goals, and whether today's position already meets them. */
  plan->n_goals = s->n_goals;
  for (guint g = 0; g < s->n_goals; g++)
    {
      const FpSimGoal *goal = &s->goals[g];
      FpSimGoalPlan *gp = &plan->goals[g];
      double invested = 0.0;
      double value;

      gp->kind = goal->kind;
      gp->deadline = goal->by_month > 0 ? MIN (goal->by_month, n) : n;

      switch (goal->kind)
        {
        case FP_SIM_GOAL_RETIRE:
          {
            double rate = goal->withdrawal_rate > 0.0 ? goal->withdrawal_rate : 0.04;
            gint deadline = ((gint) goal->age - (gint) s->current_age) * 12;

            gp->target_real = 12.0 * fp_money_to_double (goal->amount_minor) / rate;
            gp->deadline = (guint) CLAMP (deadline, 0, (gint) n);
          }
          break;
        case FP_SIM_GOAL_EMERGENCY_FUND:
          gp->target_real = goal->months * spending;
          break;
        case FP_SIM_GOAL_DOWN_PAYMENT:
          gp->target_real = fp_money_to_double (goal->amount_minor);
          break;
        default:
          g_assert_not_reached ();
        }

      for (guint i = 0; i < s->n_assets; i++)
        invested += plan->start_holdings[i];
      value = plan->start_cash + (gp->kind == FP_SIM_GOAL_RETIRE ? invested : 0.0);
      plan->start_goal_month[g] = value >= gp->target_real ? 0 : -1;
    }

  return g_steal_pointer (&plan);
}

/* ------------------------------------------------------------------ */
/* The paths                                                           */
/* ------------------------------------------------------------------ */

static void
report_progress (RunContext *ctx)
{
  gint done = g_atomic_int_add (&ctx->blocks_done, 1) + 1;
  gint percent;
  gint last;

  if (ctx->progress == NULL)
    return;

  percent = (gint) ((gint64) done * 100 / ctx->blocks_total);
  last = g_atomic_int_get (&ctx->last_percent);
  if (percent > last && g_atomic_int_compare_and_exchange (&ctx->last_percent, last, percent))
    {
      g_mutex_lock (&ctx->progress_mutex);
      ctx->progress ((double) percent / 100.0, ctx->progress_data);
      g_mutex_unlock (&ctx->progress_mutex);
    }
}

static gint64
to_minor (double value)
{
  gint64 minor;

  if (fp_money_from_double (value, FP_ROUND_HALF_EVEN, &minor, NULL))
    return minor;
  if (isnan (value))
    return 0;
  return value > 0 ? G_MAXINT64 : G_MININT64;
}

static void
run_block (RunContext *ctx,
           guint       block)
{
  FpSimBlock *state = &ctx->blocks[block];
  FpSimChunk chunk = { 0 };

  if (ctx->initialise)
    fp_sim_block_init (ctx->plan, state, block * FP_SIM_BLOCK);

  chunk.plan = ctx->plan;
  chunk.first_month = ctx->simulate.first_month;
  chunk.last_month = ctx->simulate.last_month;
  chunk.columns[0] = ctx->simulate.columns[0];
  chunk.columns[1] = ctx->simulate.columns[1];
  chunk.stride = ctx->stride;
  ctx->kernel->run (&chunk, state, block);

  report_progress (ctx);
}

/* Percentiles of one quantity (item % 2: net worth, cash) for one segment
 * (item / 2) of the chunk's months, in order, each month guided by the
 * two before when they are known. */
static void
reduce_columns (RunContext *ctx,
                guint       item,
                guint       worker)
{
  gboolean is_cash = item % 2;
  guint segment = item / 2;
  gsize n = ctx->plan->n_paths;
  const ChunkView *chunk = &ctx->reduce;
  guint n_months = chunk->last_month - chunk->first_month + 1;
  guint length = (n_months + ctx->n_segments - 1) / ctx->n_segments;
  guint start = chunk->first_month + segment * length;
  guint end = MIN (chunk->last_month, start + length - 1);
  double *columns = chunk->columns[is_cash];
  double *scratch = ctx->scratch + (gsize) worker * FP_SIM_COLUMN_SCRATCH (ctx->stride);
  double *history = ctx->percentiles[is_cash];
  gint64 **out = is_cash ? ctx->result->cash : ctx->result->net_worth;
  guint known_from = segment == 0 ? 0 : start;
  FpSimGuideStats stats = { 0 };

  if (start > end || (is_cash && ctx->skip_cash))
    return;

  for (guint month = start; month <= end; month++)
    {
      double *values = columns + (gsize) (month - chunk->first_month) * ctx->stride;
      double *percentiles = history + (gsize) month * FP_SIM_N_PERCENTILES;
      const double *previous = month >= known_from + 1 ? percentiles - FP_SIM_N_PERCENTILES : NULL;
      const double *before = month >= known_from + 2 ? percentiles - 2 * FP_SIM_N_PERCENTILES : NULL;

      fp_sim_column_percentiles (ctx->kernel, values, n, percentile_fractions,
                                 previous, before, scratch, percentiles, &stats);
      for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
        out[q][month] = to_minor (percentiles[q]);
    }

  g_mutex_lock (&ctx->stats_mutex);
  ctx->stats.guided += stats.guided;
  ctx->stats.retried += stats.retried;
  ctx->stats.full += stats.full;
  ctx->stats.inside += stats.inside;
  g_mutex_unlock (&ctx->stats_mutex);
}

/* One round's items: first the reductions of the previous chunk (the
 * longest, started first), then the blocks of the current one. */
static void
round_item (gpointer data,
            guint    item,
            guint    worker)
{
  RunContext *ctx = data;

  if (item < ctx->n_reduce_items)
    reduce_columns (ctx, item, worker);
  else
    run_block (ctx, item - ctx->n_reduce_items);
}

/* The month by which half of the paths have reached goal @goal (or run
 * out of money, for -1), and in @out_count how many ever do. */
static gint
median_month (const FpSimBlock *blocks,
              gint             goal,
              guint            n_paths,
              guint            n_months,
              guint           *out_count)
{
  g_autofree guint *histogram = g_new0 (guint, n_months + 1);
  guint count = 0;
  guint cumulative = 0;

  for (guint p = 0; p < n_paths; p++)
    {
      const FpSimBlock *b = &blocks[p / FP_SIM_BLOCK];
      guint lane = p % FP_SIM_BLOCK;
      gint m = goal >= 0 ? b->goal_month[goal][lane] : b->ruin_month[lane];

      if (m >= 0)
        {
          histogram[m]++;
          count++;
        }
    }

  *out_count = count;
  for (guint m = 0; m <= n_months; m++)
    {
      cumulative += histogram[m];
      if (2 * (guint64) cumulative >= n_paths)
        return (gint) m;
    }

  return -1;
}

/* The last run's working memory, kept for the next (at most 16 MB: the
 * size of a 10,000-path run, which the UI repeats while a slider moves). */
#define ARENA_KEEP_MAX (16 * 1024 * 1024)

static GMutex arena_mutex;
static gpointer arena_kept;
static gsize arena_kept_size;

/* Memory for a run of at least *@size bytes; *@size becomes its size. */
static gpointer
arena_take (gsize *size)
{
  gpointer memory = NULL;

  g_mutex_lock (&arena_mutex);
  if (arena_kept != NULL && arena_kept_size >= *size)
    {
      memory = g_steal_pointer (&arena_kept);
      *size = arena_kept_size;
    }
  g_mutex_unlock (&arena_mutex);

  /* Aligned for the vector loads of the blocks and the columns. */
  return memory != NULL ? memory : g_aligned_alloc (1, *size, 64);
}

static void
arena_give (gpointer memory,
            gsize    size)
{
  g_mutex_lock (&arena_mutex);
  if (size <= ARENA_KEEP_MAX && (arena_kept == NULL || arena_kept_size < size))
    {
      gpointer old = arena_kept;

      arena_kept = memory;
      arena_kept_size = size;
      memory = old;
    }
  g_mutex_unlock (&arena_mutex);

  g_aligned_free (memory);
}

/**
 * fp_simulation_run:
 * @scenario: the scenario, validated here
 * @n_threads: threads to use, 0 for all processors
 * @cancellable: (nullable): checked between blocks of 64 paths
 * @progress: (nullable) (scope call): progress, from worker threads
 * @progress_data: its data
 * @error: a #GError
 *
 * Simulates @scenario. Deterministic: the same scenario and seed give the
 * same result, bit for bit, whatever @n_threads. The simulation runs to
 * fp_scenario_get_horizon(): the horizon, extended to the latest goal, so
 * that "retire at 67" is judged at 67 (the months before are the same as
 * with the shorter horizon).
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 *   (%FP_CORE_ERROR_INVALID, or %G_IO_ERROR_CANCELLED)
 */
FpSimulationResult *
fp_simulation_run (const FpScenario  *scenario,
                   guint              n_threads,
                   GCancellable      *cancellable,
                   FpSimProgressFunc  progress,
                   gpointer           progress_data,
                   GError           **error)
{
  g_autoptr(FpSimPlan) plan = NULL;
  g_autoptr(FpSimulationResult) result = NULL;
  g_autofree double *percentiles = NULL;
  FpSimTeam *team;
  double *columns;
  gpointer arena;
  gsize arena_size, column_doubles;
  RunContext ctx = { 0 };
  guint n_paths, n_months, n_blocks, chunk, n_chunks;
  double start_net_worth;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!fp_scenario_validate (scenario, error))
    return NULL;

  plan = plan_new (scenario);
  n_paths = plan->n_paths;
  n_months = plan->n_months;
  n_blocks = (n_paths + FP_SIM_BLOCK - 1) / FP_SIM_BLOCK;
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = MAX (1, MIN (n_threads, n_blocks + 1));

  /* Chunks small enough for their columns to stay in the caches, and at
   * least four of them, so that the percentiles of one chunk are computed
   * while the paths of the next run (the rounds below). */
  ctx.stride = (gsize) n_blocks * FP_SIM_BLOCK;
  chunk = (guint) MIN ((gsize) (n_months + 3) / 4, COLUMN_BUDGET / (2 * sizeof (double) * ctx.stride));
  chunk = MAX (chunk, MIN (n_months, MIN_CHUNK_MONTHS));
  n_chunks = (n_months + chunk - 1) / chunk;

  /* The percentiles of net worth and of cash take about the same time;
   * with more than two threads each is split into segments of months (a
   * segment's first month is not guided by the one before: a little
   * slower, the same result). */
  ctx.n_segments = MAX (1, n_threads / 2);

  /* One arena, reused from the previous run when it is large enough:
   * fresh pages cost more than a small run's simulation. */
  column_doubles = (gsize) chunk * ctx.stride;
  arena_size = sizeof (FpSimBlock) * n_blocks +
               sizeof (double) * (4 * column_doubles + n_threads * FP_SIM_COLUMN_SCRATCH (ctx.stride));
  arena = arena_take (&arena_size);
  ctx.blocks = arena;
  columns = (double *) (gpointer) (ctx.blocks + n_blocks);
  ctx.scratch = columns + 4 * column_doubles;
  result = result_new (n_months + 1, plan->n_goals);
  result->n_paths = n_paths;
  result->nominal = plan->nominal;
  result->retirement_month = plan->retirement_month;

  /* Month 0 is today, the same on every path. */
  start_net_worth = plan->start_cash - plan->debt_balance[0];
  for (guint i = 0; i < plan->n_assets; i++)
    start_net_worth += plan->start_holdings[i];
  percentiles = g_new (double, (gsize) 2 * (n_months + 1) * FP_SIM_N_PERCENTILES);
  ctx.percentiles[0] = percentiles;
  ctx.percentiles[1] = percentiles + (gsize) (n_months + 1) * FP_SIM_N_PERCENTILES;
  for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
    {
      result->net_worth[q][0] = to_minor (start_net_worth);
      result->cash[q][0] = to_minor (plan->start_cash);
      ctx.percentiles[0][q] = start_net_worth;
      ctx.percentiles[1][q] = plan->start_cash;
    }

  ctx.plan = plan;
  ctx.kernel = fp_sim_kernel ();
  ctx.skip_cash = scenario->net_worth_only;
  ctx.result = result;
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.blocks_total = (gint) (n_blocks * n_chunks);
  ctx.last_percent = -1;
  g_mutex_init (&ctx.progress_mutex);
  g_mutex_init (&ctx.stats_mutex);

  team = fp_sim_team_new (n_threads, cancellable);

  /* Round r simulates chunk r into one set of columns while it reduces
   * chunk r - 1 from the other: one barrier per chunk, and no thread idles
   * while the other finishes the longer of the two reductions. */
  for (guint r = 0; r <= n_chunks && !cancelled; r++)
    {
      guint n_block_items = 0;

      ctx.reduce = ctx.simulate;
      ctx.n_reduce_items = r > 0 ? 2 * ctx.n_segments : 0;
      if (r < n_chunks)
        {
          double *set = columns + (gsize) (r % 2) * 2 * column_doubles;

          ctx.simulate.first_month = 1 + r * chunk;
          ctx.simulate.last_month = MIN (n_months, (r + 1) * chunk);
          ctx.simulate.columns[0] = set;
          ctx.simulate.columns[1] = set + column_doubles;
          ctx.initialise = r == 0;
          n_block_items = n_blocks;
        }

      cancelled = !fp_sim_team_run (team, round_item, &ctx, ctx.n_reduce_items + n_block_items);
    }

  fp_sim_team_free (team);
  g_mutex_clear (&ctx.progress_mutex);
  g_mutex_clear (&ctx.stats_mutex);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      arena_give (arena, arena_size);
      return NULL;
    }

  g_debug ("%u paths x %u months, %s kernel, %u threads: %" G_GUINT64_FORMAT " columns guided, "
           "%" G_GUINT64_FORMAT " scanned again, %" G_GUINT64_FORMAT " in full; %.2f values copied per path",
           n_paths, n_months, ctx.kernel->name, n_threads, ctx.stats.guided, ctx.stats.retried, ctx.stats.full,
           ctx.stats.guided > 0 ? (double) ctx.stats.inside / ((double) ctx.stats.guided * n_paths) : 0.0);

  for (guint g = 0; g < plan->n_goals; g++)
    {
      guint count = 0;

      result->goals[g].median_month = median_month (ctx.blocks, (gint) g, n_paths, n_months, &count);
      result->goals[g].probability = (double) count / n_paths;
    }
  {
    guint count = 0;

    result->median_ruin_month = median_month (ctx.blocks, -1, n_paths, n_months, &count);
    result->probability_ruin = (double) count / n_paths;
  }

  arena_give (arena, arena_size);

  /* Not computed: no array that looks like figures. */
  if (ctx.skip_cash)
    for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
      result->cash[q] = NULL;

  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ */
/* Async                                                               */
/* ------------------------------------------------------------------ */

typedef struct {
  FpScenario scenario;
  double    *history;
  guint      n_threads;
} AsyncData;

static void
async_data_free (gpointer data)
{
  AsyncData *ad = data;

  g_free (ad->history);
  g_free (ad);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *ad = task_data;
  GError *error = NULL;
  FpSimulationResult *result;

  result = fp_simulation_run (&ad->scenario, ad->n_threads, cancellable, NULL, NULL, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) fp_simulation_result_unref);
}

/**
 * fp_simulation_run_async:
 * @scenario: the scenario, copied (with its historical returns)
 * @n_threads: threads, 0 for all processors
 * @cancellable: (nullable): cancel it to stop a stale run
 * @callback: called in the thread-default main context of the caller
 * @user_data: its data
 *
 * Runs fp_simulation_run() in a worker thread.
 */
void
fp_simulation_run_async (const FpScenario    *scenario,
                         guint                n_threads,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *ad;

  g_return_if_fail (scenario != NULL);

  ad = g_new0 (AsyncData, 1);
  ad->scenario = *scenario;
  ad->n_threads = n_threads;
  if (scenario->history_returns != NULL && scenario->n_history_months > 0 &&
      scenario->n_assets > 0 && scenario->n_assets <= FP_SIM_MAX_ASSETS)
    {
      ad->history = g_memdup2 (scenario->history_returns,
                               sizeof (double) * scenario->n_history_months * scenario->n_assets);
      ad->scenario.history_returns = ad->history;
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_simulation_run_async);
  g_task_set_task_data (task, ad, async_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * fp_simulation_run_finish:
 * @result: the #GAsyncResult
 * @error: a #GError
 *
 * Returns: (transfer full): the simulation, or %NULL with @error set
 */
FpSimulationResult *
fp_simulation_run_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fp_simulation_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Result                                                              */
/* ------------------------------------------------------------------ */

static void
result_clear (gpointer data)
{
  FpSimulationResult *result = data;

  g_free (result->net_worth[0]);
}

static FpSimulationResult *
result_new (guint n_points,
            guint n_goals)
{
  FpSimulationResult *result = g_atomic_rc_box_new0 (FpSimulationResult);
  gint64 *storage = g_new0 (gint64, (gsize) 2 * FP_SIM_N_PERCENTILES * n_points);

  result->n_points = n_points;
  result->n_goals = n_goals;
  for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
    {
      result->net_worth[q] = storage + (gsize) q * n_points;
      result->cash[q] = storage + (gsize) (FP_SIM_N_PERCENTILES + q) * n_points;
    }
  for (guint g = 0; g < FP_SIM_MAX_GOALS; g++)
    result->goals[g].median_month = -1;
  result->median_ruin_month = -1;

  return result;
}

/**
 * fp_simulation_result_ref:
 * @result: a result
 *
 * Returns: (transfer full): @result
 */
FpSimulationResult *
fp_simulation_result_ref (FpSimulationResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return g_atomic_rc_box_acquire (result);
}

/**
 * fp_simulation_result_unref:
 * @result: (transfer full): a result
 */
void
fp_simulation_result_unref (FpSimulationResult *result)
{
  g_return_if_fail (result != NULL);

  g_atomic_rc_box_release_full (result, result_clear);
}
