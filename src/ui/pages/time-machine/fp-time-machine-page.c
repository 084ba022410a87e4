/* fp-time-machine-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Financial Time Machine: a scenario editor on one side (FpChangeEditor,
 * FpLifeEvents, FpStartingPoint, FpGoalEditor), and on the other the fan
 * chart of the scenario over its baseline, the goal cards (FpGoalCard), a
 * narrative (FpNarrative) and the kept scenarios (FpScenarioComparison).
 * The page composes them and runs the simulation.
 *
 * Every change cancels the runs in flight, starts a coarse simulation
 * (1,000 paths) at once and, when it is back, a refined one (10,000 paths)
 * on the same cancellable. The baseline — the starting point without the
 * changes — runs again only when the starting point, the goals or the
 * units change. Both use the same seed, so that their difference is the
 * effect of the changes and not of luck (common random numbers).
 *
 * With a cache (the window binds the `cache` property), a worker thread
 * (fp-time-machine-loader.c) reads the starting point from the customer's
 * accounts (only with the consent to personalization: without it nothing
 * personal is read and the starting point stays entered by hand), the
 * bank's capital-market assumptions and inflation, and the kept scenarios,
 * each simulated again. `page.refresh` (activated by the window after every
 * sync) reads them again.
 *
 * The page is split by concern over three files that share the instance
 * struct (fp-time-machine-page-private.h): this one (properties, layout,
 * public API), fp-time-machine-page-run.c (building and running the
 * scenarios, showing the results) and fp-time-machine-page-data.c (the
 * cache and the kept scenarios).
 */

#define G_LOG_DOMAIN "fp-time-machine-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-consent.h"
#include "fp-format.h"
#include "fp-goal-card.h"
#include "fp-money.h"
#include "fp-time-machine-page-private.h"
#include "fp-ui-util.h"

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

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */
/* ------------------------------------------------------------------ */

static void
policy_changed_cb (FpConsentPolicy   *policy,
                   FpPurpose          purpose,
                   FpConsentState     state,
                   FpTimeMachinePage *self)
{
  if (purpose == FP_PURPOSE_PERSONALIZATION)
    fp_time_machine_page_refresh (self);
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

  g_type_ensure (FP_TYPE_CHANGE_EDITOR);
  g_type_ensure (FP_TYPE_FAN_CHART);
  g_type_ensure (FP_TYPE_GOAL_CARD);
  g_type_ensure (FP_TYPE_GOAL_EDITOR);
  g_type_ensure (FP_TYPE_LIFE_EVENTS);
  g_type_ensure (FP_TYPE_NARRATIVE);
  g_type_ensure (FP_TYPE_SCENARIO_COMPARISON);
  g_type_ensure (FP_TYPE_STARTING_POINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-time-machine-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, layout_stack);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, narrow_box);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, editor_scroller);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, editor_clamp);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, results_clamp);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, change_editor);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, life_events);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, starting_point);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, goal_editor);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, refining_box);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, refining_spinner);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, paths_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, todays_money_switch);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, chart);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, returns_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, retire_card);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, emergency_card);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, down_card);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, ruin_card);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, narrative);
  gtk_widget_class_bind_template_child (widget_class, FpTimeMachinePage, comparison);
  _fp_time_machine_page_class_init_run (widget_class);
  _fp_time_machine_page_class_init_data (widget_class);
}

static void
fp_time_machine_page_init (FpTimeMachinePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *example = g_getenv ("FP_TIME_MACHINE_EXAMPLE");
  g_autofree char *legend = NULL;

  g_autofree char *currency = fp_money_locale_currency ();

  self->loading = TRUE;
  g_strlcpy (self->currency, currency, sizeof self->currency);
  self->start_source = FP_START_BY_HAND;
  self->start_year = g_date_time_get_year (now);
  self->start_month = g_date_time_get_month (now);
  self->saved = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_kept_scenario_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));

  fp_life_events_set_start (self->life_events, self->start_year, self->start_month);
  fp_fan_chart_set_start_year (self->chart, self->start_year);
  {
    g_autofree char *ninety = fp_format_percent (0.9, 0, FP_FORMAT_NONE);
    g_autofree char *half = fp_format_percent (0.5, 0, FP_FORMAT_NONE);

    /* Translators: the percentages are "90%" and "50%" */
    legend = g_strdup_printf (_("Shaded: where %s and %s of the simulated futures end up. "
                                "Solid line: the median. Dashed line: the median without the changes."),
                              ninety, half);
  }
  gtk_label_set_label (self->legend_label, legend);
  apply_narrow (self);
  _fp_time_machine_page_update_keep_action (self);
  _fp_time_machine_page_update_captions (self);
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

  fp_narrative_set_text (self->narrative, text, source);
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
  static const FpStartValues starts[2] = {
    { .age = 35, .retirement_age = 67, .cash = 15000, .investments = 40000, .income = 4600, .spending = 3100,
      .contribution = 300, .pension = 1500, .loan = 12000, .loan_rate = 5.5, .loan_years = 4 },
    { .age = 45, .retirement_age = 58, .cash = 20000, .investments = 180000, .income = 5600, .spending = 3800,
      .contribution = 800, .pension = 2000, .loan = 30000, .loan_rate = 6.9, .loan_years = 6 },
  };
  static const FpChangeValues changes[2] = {
    { .spending_change = -5, .extra_savings = 200, .equity_share = 70, .income_growth = 1.5 },
    { .spending_change = -10, .extra_savings = 300, .equity_share = 90, .income_growth = 0 },
  };
  static const FpGoalValues goals[2] = {
    { .retirement_income = 2500, .emergency_months = 6, .down_payment = 40000, .down_payment_years = 4 },
    { .retirement_income = 2500, .emergency_months = 6, .down_payment = 20000, .down_payment_years = 3 },
  };
  guint index;

  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));

  index = example == 2 ? 1 : 0;
  self->loading = TRUE;
  fp_starting_point_set_values (self->starting_point, &starts[index]);
  fp_change_editor_set_values (self->change_editor, &changes[index]);
  fp_goal_editor_set_values (self->goal_editor, &goals[index]);

  fp_life_events_clear (self->life_events);
  fp_life_events_update (self->life_events, self->currency, _fp_time_machine_page_has_loan (self));
  if (index == 0)
    {
      fp_life_events_add (self->life_events, FP_SIM_EVENT_CHILD, 2, 600, 18);
      fp_life_events_add (self->life_events, FP_SIM_EVENT_HOME_PURCHASE, 5, 40000, 25);
    }
  else
    {
      fp_life_events_add (self->life_events, FP_SIM_EVENT_CAREER_BREAK, 3, 0, 12);
      fp_life_events_add (self->life_events, FP_SIM_EVENT_WINDFALL, 8, 80000, 0);
      fp_life_events_add (self->life_events, FP_SIM_EVENT_LOAN_PAYOFF, 2, 0, 0);
    }
  _fp_time_machine_page_update_add_action (self);
  self->loading = FALSE;

  _fp_time_machine_page_recompute (self);
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

  _fp_time_machine_page_build_scenario (self, out, FALSE);
}

gboolean
fp_time_machine_page_get_from_accounts (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), FALSE);

  return self->start_source == FP_START_FROM_ACCOUNTS;
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

  return fp_starting_point_get_caption (self->starting_point);
}

const char *
fp_time_machine_page_get_returns_caption (FpTimeMachinePage *self)
{
  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), NULL);

  return gtk_label_get_label (self->returns_label);
}

/**
 * fp_time_machine_page_find_child:
 * @self: a #FpTimeMachinePage
 * @name: the id of an object in the page's template or one of its parts'
 *   (such as `extra_savings_adj`, `saved_box`, `narrative_label`)
 *
 * For tests: the widgets and adjustments as the customer would use them.
 *
 * Returns: (transfer none) (nullable): the object
 */
gpointer
fp_time_machine_page_find_child (FpTimeMachinePage *self,
                                 const char        *name)
{
  GtkWidget *parts[] = {
    GTK_WIDGET (self), GTK_WIDGET (self->change_editor), GTK_WIDGET (self->life_events),
    GTK_WIDGET (self->starting_point), GTK_WIDGET (self->goal_editor), GTK_WIDGET (self->narrative),
    GTK_WIDGET (self->comparison),
  };

  g_return_val_if_fail (FP_IS_TIME_MACHINE_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      GObject *object = gtk_widget_get_template_child (parts[i], G_OBJECT_TYPE (parts[i]), name);

      if (object != NULL)
        return object;
    }
  return NULL;
}
