/* fp-time-machine-page-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine page, running: the scenario and its baseline built from
 * the parts, the coarse and refined runs with their cancellables, and the
 * results on the chart, the goal cards and the narrative. See
 * fp-time-machine-page.c for the whole.
 */

#define G_LOG_DOMAIN "fp-time-machine-page"

#include "config.h"
#include "fp-format.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "fp-goal-card.h"
#include "fp-time-machine-format.h"
#include "fp-time-machine-page-private.h"
#include "fp-time-machine-scenario.h"

typedef struct
{
  FpTimeMachinePage *self;
  GCancellable      *cancellable;
  FpScenario         scenario;
  gboolean           baseline;
  gboolean           refined;
} RunData;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static char *
format_month (FpTimeMachinePage *self,
              int                month)
{
  return fp_time_machine_format_month (self->start_year, self->start_month, month);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

gboolean
_fp_time_machine_page_has_loan (FpTimeMachinePage *self)
{
  FpStartValues start;

  fp_starting_point_get_values (self->starting_point, &start);
  return start.loan > 0;
}

/* Builds the scenario from the editor: with @with_changes FALSE, the
 * baseline (the starting point and the goals only). */
void
_fp_time_machine_page_build_scenario (FpTimeMachinePage *self,
                                      FpScenario        *scenario,
                                      gboolean           with_changes)
{
  FpTimeMachineInputs in = { 0 };

  fp_starting_point_get_values (self->starting_point, &in.start);
  fp_change_editor_get_values (self->change_editor, &in.changes);
  fp_goal_editor_get_values (self->goal_editor, &in.goals);
  in.n_events = fp_life_events_get_events (self->life_events, fp_time_machine_horizon_months (in.start.age),
                                           in.start.loan > 0, in.events, G_N_ELEMENTS (in.events));
  if (self->start_source == FP_START_FROM_ACCOUNTS)
    {
      in.accounts = &self->start;
      in.spending_edited = fp_starting_point_spending_edited (self->starting_point);
      in.debt_edited = fp_starting_point_debt_edited (self->starting_point);
    }
  in.market = &self->market;
  in.currency = self->currency;
  in.nominal = !gtk_switch_get_active (self->todays_money_switch);

  fp_time_machine_build_scenario (&in, with_changes, scenario);
}

static void
update_refining (FpTimeMachinePage *self)
{
  gboolean refining = self->scenario_running || self->baseline_running;

  if (refining == gtk_widget_get_visible (self->refining_box))
    return;

  gtk_widget_set_visible (self->refining_box, refining);
  gtk_spinner_set_spinning (self->refining_spinner, refining);
  g_object_notify (G_OBJECT (self), "refining");
}

void
_fp_time_machine_page_update_add_action (FpTimeMachinePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "time-machine.add-event",
                                 fp_life_events_get_n_events (self->life_events) < FP_SIM_MAX_EVENTS);
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

  p = fp_time_machine_format_probability (self->baseline_result->goals[goal].probability);
  return g_strdup_printf (_("Without the changes: %s."), p);
}

static void
show_goal (FpTimeMachinePage *self,
           guint              goal,
           FpGoalCard        *card,
           const char        *what)
{
  FpSimulationResult *r = self->scenario_result;
  g_autofree char *probability = NULL;
  g_autofree char *when = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *caption = NULL;

  if (goal >= r->n_goals)
    return;

  probability = fp_time_machine_format_probability (r->goals[goal].probability);
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

  fp_goal_card_set_probability (card, probability);
  fp_goal_card_set_caption (card, caption);
}

static void
show_ruin (FpTimeMachinePage  *self,
           FpSimulationResult *baseline)
{
  FpSimulationResult *r = self->scenario_result;
  g_autofree char *ruin = fp_time_machine_format_probability (r->probability_ruin);
  g_autofree char *horizon = format_month (self, (int) r->n_points - 1);
  g_autofree char *caption = g_strdup_printf (_("Cash and investments used up before %s."), horizon);

  fp_goal_card_set_probability (self->ruin_card, ruin);
  if (baseline != NULL)
    {
      g_autofree char *p = fp_time_machine_format_probability (baseline->probability_ruin);
      g_autofree char *base = g_strdup_printf (_("Without the changes: %s."), p);
      g_autofree char *joined = g_strjoin (" ", caption, base, NULL);

      fp_goal_card_set_caption (self->ruin_card, joined);
    }
  else
    {
      fp_goal_card_set_caption (self->ruin_card, caption);
    }
}

static void
show_results (FpTimeMachinePage *self)
{
  FpSimulationResult *r = self->scenario_result;
  FpSimulationResult *b = self->baseline_result;
  g_autofree char *retire = NULL;
  g_autofree char *emergency = NULL;
  g_autofree char *down = NULL;
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
    g_autofree char *income = fp_time_machine_format_whole (self->shown.goals[0].amount_minor, self->currency);
    g_autofree char *down_amount = fp_time_machine_format_whole (self->shown.goals[2].amount_minor, self->currency);
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
  show_goal (self, 0, self->retire_card, retire);
  show_goal (self, 1, self->emergency_card, emergency);
  show_goal (self, 2, self->down_card, down);
  show_ruin (self, b);

  {
    g_autofree char *n = fp_format_count (r->n_paths);

    /* Translators: %s is a count, "10,000" */
    paths = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s simulated future, from today to age %u",
                                          "%s simulated futures, from today to age %u",
                                          r->n_paths),
                             n, self->shown.current_age + (r->n_points - 1) / 12);
  }
  set_label (self->paths_label, paths);

  narrative = fp_simulation_narrate (&self->shown, r);
  fp_time_machine_page_set_narrative (self, narrative, FP_NARRATIVE_ON_DEVICE);
  _fp_time_machine_page_update_keep_action (self);
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
  rd->scenario.n_paths = refined ? FP_TIME_MACHINE_REFINED_PATHS : FP_TIME_MACHINE_COARSE_PATHS;
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
    g_signal_emit_by_name (self, "results-settled");
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

void
_fp_time_machine_page_recompute (FpTimeMachinePage *self)
{
  g_autoptr(GError) error = NULL;
  FpScenario scenario;
  FpScenario baseline;

  if (self->loading)
    return;

  _fp_time_machine_page_build_scenario (self, &scenario, TRUE);
  _fp_time_machine_page_build_scenario (self, &baseline, FALSE);

  if (!fp_scenario_validate (&scenario, &error))
    {
      g_autofree char *message = NULL;
      FpStartValues start;

      g_debug ("Invalid scenario: %s", error->message);
      g_cancellable_cancel (self->scenario_cancellable);
      self->scenario_running = FALSE;
      update_refining (self);
      fp_starting_point_get_values (self->starting_point, &start);
      if (fp_time_machine_value_uint (start.retirement_age) < fp_time_machine_value_uint (start.age))
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
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (widget);
  FpLifeEventRow *row;

  switch (g_variant_get_int32 (parameter))
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
      row = fp_life_events_add (self->life_events, FP_SIM_EVENT_HOME_PURCHASE, 3, 50000, 25);
      break;
    case FP_SIM_EVENT_CHILD:
      row = fp_life_events_add (self->life_events, FP_SIM_EVENT_CHILD, 2, 600, 18);
      break;
    case FP_SIM_EVENT_CAREER_BREAK:
      row = fp_life_events_add (self->life_events, FP_SIM_EVENT_CAREER_BREAK, 5, 0, 12);
      break;
    case FP_SIM_EVENT_WINDFALL:
      row = fp_life_events_add (self->life_events, FP_SIM_EVENT_WINDFALL, 4, 30000, 0);
      break;
    case FP_SIM_EVENT_LOAN_PAYOFF:
      row = fp_life_events_add (self->life_events, FP_SIM_EVENT_LOAN_PAYOFF, 1, 0, 0);
      break;
    default:
      return;
    }

  _fp_time_machine_page_update_add_action (self);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  _fp_time_machine_page_recompute (self);
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
  fp_life_events_update (self->life_events, self->currency, _fp_time_machine_page_has_loan (self));
  _fp_time_machine_page_recompute (self);
}

static void
events_changed_cb (FpTimeMachinePage *self)
{
  _fp_time_machine_page_update_add_action (self);
  _fp_time_machine_page_recompute (self);
}

/**
 * _fp_time_machine_page_class_init_run:
 * @widget_class: the page's class, with its template
 *
 * Installs what this file handles: adding life events, and the template's
 * callbacks of the editor's parts.
 */
void
_fp_time_machine_page_class_init_run (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, events_changed_cb);
  gtk_widget_class_install_action (widget_class, "time-machine.add-event", "i", add_event_action);
}
