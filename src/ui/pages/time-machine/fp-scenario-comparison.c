/* fp-scenario-comparison.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Compare Scenarios": the kept scenarios side by side (up to three
 * FpSavedScenarioCard in a flow box) and the button that keeps the one
 * shown (`time-machine.keep-scenario`, installed by the page).
 */

#define G_LOG_DOMAIN "fp-scenario-comparison"

#include "config.h"

#include "fp-scenario-comparison.h"
#include "fp-ui-util.h"

struct _FpScenarioComparison
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkFlowBox          *saved_box;
};

G_DEFINE_FINAL_TYPE (FpScenarioComparison, fp_scenario_comparison, ADW_TYPE_PREFERENCES_GROUP)

static void
fp_scenario_comparison_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_SCENARIO_COMPARISON);

  G_OBJECT_CLASS (fp_scenario_comparison_parent_class)->dispose (object);
}

static void
fp_scenario_comparison_class_init (FpScenarioComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_scenario_comparison_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-scenario-comparison.ui");
  gtk_widget_class_bind_template_child (widget_class, FpScenarioComparison, saved_box);
}

static void
fp_scenario_comparison_init (FpScenarioComparison *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_scenario_comparison_new (void)
{
  return g_object_new (FP_TYPE_SCENARIO_COMPARISON, NULL);
}

/**
 * fp_scenario_comparison_add:
 * @self: a #FpScenarioComparison
 * @card: (transfer floating): a kept scenario's card
 *
 * Shows @card after the others.
 */
void
fp_scenario_comparison_add (FpScenarioComparison *self,
                            GtkWidget            *card)
{
  g_return_if_fail (FP_IS_SCENARIO_COMPARISON (self));
  g_return_if_fail (GTK_IS_WIDGET (card));

  gtk_flow_box_append (self->saved_box, card);
}

/**
 * fp_scenario_comparison_remove:
 * @self: a #FpScenarioComparison
 * @card: a card added before
 */
void
fp_scenario_comparison_remove (FpScenarioComparison *self,
                               GtkWidget            *card)
{
  g_return_if_fail (FP_IS_SCENARIO_COMPARISON (self));
  g_return_if_fail (GTK_IS_WIDGET (card));

  gtk_flow_box_remove (self->saved_box, card);
}
