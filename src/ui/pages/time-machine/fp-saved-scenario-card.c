/* fp-saved-scenario-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kept scenario of the Time Machine: its changes, the median and the
 * 90 % range of net worth at the horizon, the chance to retire on time
 * and of running out of money. The close button asks to forget it
 * (FpSavedScenarioCard::forget).
 */

#define G_LOG_DOMAIN "fp-saved-scenario-card"

#include "config.h"
#include "fp-format.h"

#include <glib/gi18n-lib.h>

#include "fp-money.h"
#include "fp-saved-scenario-card.h"
#include "fp-time-machine-format.h"
#include "fp-ui-util.h"

struct _FpSavedScenarioCard
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkWidget *header;
  GtkLabel  *title_label;
  GtkLabel  *changes_label;
  GtkLabel  *median_label;
  GtkLabel  *range_label;
  GtkLabel  *retire_label;
  GtkLabel  *ruin_label;
};

G_DEFINE_FINAL_TYPE (FpSavedScenarioCard, fp_saved_scenario_card, GTK_TYPE_WIDGET)

enum {
  SIGNAL_FORGET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
forget_clicked_cb (FpSavedScenarioCard *self)
{
  g_signal_emit (self, signals[SIGNAL_FORGET], 0);
}

static void
fp_saved_scenario_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_SAVED_SCENARIO_CARD);

  G_OBJECT_CLASS (fp_saved_scenario_card_parent_class)->dispose (object);
}

static void
fp_saved_scenario_card_class_init (FpSavedScenarioCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_saved_scenario_card_dispose;
  widget_class->compute_expand = fp_ui_compute_expand_from_children;

  /**
   * FpSavedScenarioCard::forget:
   *
   * The customer asked to forget the scenario.
   */
  signals[SIGNAL_FORGET] =
    g_signal_new ("forget", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-saved-scenario-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpSavedScenarioCard, header);
  gtk_widget_class_bind_template_child (widget_class, FpSavedScenarioCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpSavedScenarioCard, changes_label);
  gtk_widget_class_bind_template_child (widget_class, FpSavedScenarioCard, median_label);
  gtk_widget_class_bind_template_child (widget_class, FpSavedScenarioCard, range_label);
  gtk_widget_class_bind_template_child (widget_class, FpSavedScenarioCard, retire_label);
  gtk_widget_class_bind_template_child (widget_class, FpSavedScenarioCard, ruin_label);
  gtk_widget_class_bind_template_callback (widget_class, forget_clicked_cb);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_saved_scenario_card_init (FpSavedScenarioCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

/**
 * fp_saved_scenario_card_new:
 * @number: the scenario's number, as in "Scenario 2"
 * @scenario: the scenario kept
 * @result: its simulation
 *
 * Returns: (transfer floating): a card that says what the scenario gives
 */
GtkWidget *
fp_saved_scenario_card_new (guint               number,
                            const FpScenario   *scenario,
                            FpSimulationResult *result)
{
  FpSavedScenarioCard *self;
  const char *currency;
  guint last;
  double change, shares;
  g_autofree char *title = NULL;
  g_autofree char *median = NULL;
  g_autofree char *range = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *retire = NULL;
  g_autofree char *ruin = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *p = NULL;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (result != NULL && result->n_points > 0, NULL);

  self = g_object_new (FP_TYPE_SAVED_SCENARIO_CARD, NULL);
  currency = scenario->currency;
  last = result->n_points - 1;
  change = scenario->n_categories > 0 ? scenario->categories[0].change : 0.0;
  shares = scenario->n_assets > 0 ? scenario->assets[0].allocation : 0.0;

  title = g_strdup_printf (_("Scenario %u"), number);
  p = fp_money_format_short (result->net_worth[FP_SIM_P50][last], currency);
  median = g_strdup_printf (_("Median at age %u: %s"), scenario->current_age + last / 12, p);
  g_clear_pointer (&p, g_free);
  low = fp_money_format_short (result->net_worth[FP_SIM_P5][last], currency);
  high = fp_money_format_short (result->net_worth[FP_SIM_P95][last], currency);
  {
    g_autofree char *ninety = fp_format_percent (0.9, 0, FP_FORMAT_NONE);

    /* Translators: "90% between $1.2M and $3.4M" */
    range = g_strdup_printf (_("%s between %s and %s"), ninety, low, high);
  }
  p = fp_time_machine_format_probability (result->n_goals > 0 ? result->goals[0].probability : 0);
  retire = g_strdup_printf (_("Retire on time: %s"), p);
  g_clear_pointer (&p, g_free);
  p = fp_time_machine_format_probability (result->probability_ruin);
  ruin = g_strdup_printf (_("Running out of money: %s"), p);
  g_clear_pointer (&p, g_free);
  p = fp_time_machine_format_whole (scenario->extra_savings_minor, currency);
  {
    g_autofree char *spending = fp_format_percent (change, 0, FP_FORMAT_SIGN);
    g_autofree char *equity = fp_format_percent (shares, 0, FP_FORMAT_NONE);

    /* Translators: "Spending −5%, $200 extra a month, 70% shares, 2 life events" */
    changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Spending %s, %s extra a month, %s shares, %u life event",
                                            "Spending %s, %s extra a month, %s shares, %u life events",
                                            scenario->n_events),
                               spending, p, equity, scenario->n_events);
  }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->changes_label, changes);
  gtk_label_set_label (self->median_label, median);
  gtk_label_set_label (self->range_label, range);
  gtk_label_set_label (self->retire_label, retire);
  gtk_label_set_label (self->ruin_label, ruin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return GTK_WIDGET (self);
}
