/* fp-goal-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine's goals: an income in retirement, an emergency fund
 * and a down payment. Emits FpGoalEditor::changed on every edit.
 */

#define G_LOG_DOMAIN "fp-goal-editor"

#include "config.h"

#include "fp-goal-editor.h"
#include "fp-ui-util.h"

struct _FpGoalEditor
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkAdjustment       *goal_income_adj;
  GtkAdjustment       *goal_emergency_adj;
  GtkAdjustment       *goal_down_adj;
  GtkAdjustment       *goal_down_years_adj;
};

G_DEFINE_FINAL_TYPE (FpGoalEditor, fp_goal_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed_cb (FpGoalEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
fp_goal_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_GOAL_EDITOR);

  G_OBJECT_CLASS (fp_goal_editor_parent_class)->dispose (object);
}

static void
fp_goal_editor_class_init (FpGoalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_goal_editor_dispose;

  /**
   * FpGoalEditor::changed:
   *
   * A goal changed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-goal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FpGoalEditor, goal_income_adj);
  gtk_widget_class_bind_template_child (widget_class, FpGoalEditor, goal_emergency_adj);
  gtk_widget_class_bind_template_child (widget_class, FpGoalEditor, goal_down_adj);
  gtk_widget_class_bind_template_child (widget_class, FpGoalEditor, goal_down_years_adj);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
fp_goal_editor_init (FpGoalEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  fp_ui_name_row_controls (GTK_WIDGET (self));
  fp_ui_spin_buttons_use_locale (GTK_WIDGET (self));
}

GtkWidget *
fp_goal_editor_new (void)
{
  return g_object_new (FP_TYPE_GOAL_EDITOR, NULL);
}

/**
 * fp_goal_editor_get_values:
 * @self: a #FpGoalEditor
 * @values: (out caller-allocates): what the editor shows
 */
void
fp_goal_editor_get_values (FpGoalEditor *self,
                           FpGoalValues *values)
{
  g_return_if_fail (FP_IS_GOAL_EDITOR (self));
  g_return_if_fail (values != NULL);

  values->retirement_income = gtk_adjustment_get_value (self->goal_income_adj);
  values->emergency_months = gtk_adjustment_get_value (self->goal_emergency_adj);
  values->down_payment = gtk_adjustment_get_value (self->goal_down_adj);
  values->down_payment_years = gtk_adjustment_get_value (self->goal_down_years_adj);
}

/**
 * fp_goal_editor_set_values:
 * @self: a #FpGoalEditor
 * @values: the goals to show
 */
void
fp_goal_editor_set_values (FpGoalEditor       *self,
                           const FpGoalValues *values)
{
  g_return_if_fail (FP_IS_GOAL_EDITOR (self));
  g_return_if_fail (values != NULL);

  gtk_adjustment_set_value (self->goal_income_adj, values->retirement_income);
  gtk_adjustment_set_value (self->goal_emergency_adj, values->emergency_months);
  gtk_adjustment_set_value (self->goal_down_adj, values->down_payment);
  gtk_adjustment_set_value (self->goal_down_years_adj, values->down_payment_years);
}
