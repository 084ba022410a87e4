/* fp-time-machine-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside the Time Machine page: the instance struct its three files share
 * (fp-time-machine-page.c, -run.c, -data.c), their functions for each
 * other, and what the widget tests and the screenshot runs look at.
 */

#pragma once

#include "fp-change-editor.h"
#include "fp-fan-chart.h"
#include "fp-goal-card.h"
#include "fp-goal-editor.h"
#include "fp-life-events.h"
#include "fp-narrative.h"
#include "fp-scenario-comparison.h"
#include "fp-starting-point.h"
#include "fp-time-machine-loader.h"
#include "fp-time-machine-page.h"

G_BEGIN_DECLS

/* The most scenarios kept side by side. */
#define FP_TIME_MACHINE_MAX_SAVED 3

struct _FpTimeMachinePage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkStack             *layout_stack;
  GtkBox               *narrow_box;
  GtkScrolledWindow    *editor_scroller;
  AdwClamp             *editor_clamp;
  AdwClamp             *results_clamp;
  GtkScrolledWindow    *results_scroller;
  FpChangeEditor       *change_editor;
  FpLifeEvents         *life_events;
  FpStartingPoint      *starting_point;
  FpGoalEditor         *goal_editor;
  GtkWidget            *refining_box;
  GtkSpinner           *refining_spinner;
  GtkLabel             *paths_label;
  GtkSwitch            *todays_money_switch;
  FpFanChart           *chart;
  GtkLabel             *legend_label;
  GtkLabel             *returns_label;
  FpGoalCard           *retire_card;
  FpGoalCard           *emergency_card;
  FpGoalCard           *down_card;
  FpGoalCard           *ruin_card;
  GtkLabel             *status_label;
  FpNarrative          *narrative;
  FpScenarioComparison *comparison;

  /* Owned references */
  GPtrArray            *saved;            /* FpKeptScenario */
  GCancellable         *scenario_cancellable;
  GCancellable         *baseline_cancellable;
  GCancellable         *load_cancellable;
  FpSimulationResult   *scenario_result;
  FpSimulationResult   *baseline_result;
  FpCache              *cache;
  FpConsentPolicy      *policy;
  gulong                policy_handler;

  /* What the cache gave */
  FpStartSource         start_source;
  FpAccountsStart       start;
  FpMarketAssumptions   market;
  char                  currency[4];
  guint                 n_loads;

  FpScenario            shown;            /* the scenario of scenario_result */
  FpScenario            baseline_key;     /* the baseline last started */
  gboolean              have_baseline_key;
  gboolean              scenario_running;
  gboolean              baseline_running;
  gboolean              loading;
  gboolean              narrow;
  guint                 n_results;
  guint                 n_cancelled;
  guint                 n_baseline_runs;
  guint                 n_kept;
  int                   start_year;
  int                   start_month;
};

/* For the page's own files */
void                _fp_time_machine_page_class_init_run     (GtkWidgetClass    *widget_class);
void                _fp_time_machine_page_class_init_data    (GtkWidgetClass    *widget_class);
void                _fp_time_machine_page_build_scenario     (FpTimeMachinePage *self,
                                                              FpScenario        *scenario,
                                                              gboolean           with_changes);
void                _fp_time_machine_page_recompute          (FpTimeMachinePage *self);
gboolean            _fp_time_machine_page_has_loan           (FpTimeMachinePage *self);
void                _fp_time_machine_page_update_add_action  (FpTimeMachinePage *self);
void                _fp_time_machine_page_update_keep_action (FpTimeMachinePage *self);
void                _fp_time_machine_page_update_captions    (FpTimeMachinePage *self);

/* For tests and screenshot runs */
FpFanChart         *fp_time_machine_page_get_chart           (FpTimeMachinePage *self);
FpSimulationResult *fp_time_machine_page_get_result          (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_results       (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_cancelled     (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_baseline_runs (FpTimeMachinePage *self);
void                fp_time_machine_page_load_example        (FpTimeMachinePage *self,
                                                              guint              example);
void                fp_time_machine_page_build_baseline      (FpTimeMachinePage *self,
                                                              FpScenario        *out);
gboolean            fp_time_machine_page_get_from_accounts   (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_loads         (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_saved         (FpTimeMachinePage *self);
const char         *fp_time_machine_page_get_start_caption   (FpTimeMachinePage *self);
const char         *fp_time_machine_page_get_returns_caption (FpTimeMachinePage *self);
gpointer            fp_time_machine_page_find_child          (FpTimeMachinePage *self,
                                                              const char        *name);

G_END_DECLS
