/* fp-change-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine's "The Change": spending up or down, extra savings,
 * the share of investments in shares, and income growth. Emits
 * FpChangeEditor::changed on every edit.
 */

#define G_LOG_DOMAIN "fp-change-editor"

#include "config.h"

#include <math.h>

#include "fp-change-editor.h"
#include "fp-format.h"
#include "fp-ui-util.h"

struct _FpChangeEditor
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkScale            *spending_change_scale;
  GtkScale            *equity_scale;
  GtkAdjustment       *spending_change_adj;
  GtkAdjustment       *extra_savings_adj;
  GtkAdjustment       *equity_adj;
  GtkAdjustment       *income_growth_adj;
};

G_DEFINE_FINAL_TYPE (FpChangeEditor, fp_change_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_percent_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  gboolean signed_value = GPOINTER_TO_INT (user_data);

  return fp_format_percent ((double) lround (value) / 100.0, 0, signed_value ? FP_FORMAT_SIGN : FP_FORMAT_NONE);
}

static void
changed_cb (FpChangeEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
fp_change_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_CHANGE_EDITOR);

  G_OBJECT_CLASS (fp_change_editor_parent_class)->dispose (object);
}

static void
fp_change_editor_class_init (FpChangeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_change_editor_dispose;

  /**
   * FpChangeEditor::changed:
   *
   * The customer changed a value.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-change-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FpChangeEditor, spending_change_scale);
  gtk_widget_class_bind_template_child (widget_class, FpChangeEditor, equity_scale);
  gtk_widget_class_bind_template_child (widget_class, FpChangeEditor, spending_change_adj);
  gtk_widget_class_bind_template_child (widget_class, FpChangeEditor, extra_savings_adj);
  gtk_widget_class_bind_template_child (widget_class, FpChangeEditor, equity_adj);
  gtk_widget_class_bind_template_child (widget_class, FpChangeEditor, income_growth_adj);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
fp_change_editor_init (FpChangeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  fp_ui_name_row_controls (GTK_WIDGET (self));
  fp_ui_spin_buttons_use_locale (GTK_WIDGET (self));

  gtk_scale_set_format_value_func (self->spending_change_scale, format_percent_cb, GINT_TO_POINTER (TRUE), NULL);
  gtk_scale_set_format_value_func (self->equity_scale, format_percent_cb, GINT_TO_POINTER (FALSE), NULL);
}

GtkWidget *
fp_change_editor_new (void)
{
  return g_object_new (FP_TYPE_CHANGE_EDITOR, NULL);
}

/**
 * fp_change_editor_get_values:
 * @self: a #FpChangeEditor
 * @values: (out caller-allocates): what the editor shows
 */
void
fp_change_editor_get_values (FpChangeEditor *self,
                             FpChangeValues *values)
{
  g_return_if_fail (FP_IS_CHANGE_EDITOR (self));
  g_return_if_fail (values != NULL);

  values->spending_change = gtk_adjustment_get_value (self->spending_change_adj);
  values->extra_savings = gtk_adjustment_get_value (self->extra_savings_adj);
  values->equity_share = gtk_adjustment_get_value (self->equity_adj);
  values->income_growth = gtk_adjustment_get_value (self->income_growth_adj);
}

/**
 * fp_change_editor_set_values:
 * @self: a #FpChangeEditor
 * @values: the values to show
 *
 * Puts @values into the editor, one after the other (each emits
 * #FpChangeEditor::changed when it changes).
 */
void
fp_change_editor_set_values (FpChangeEditor       *self,
                             const FpChangeValues *values)
{
  g_return_if_fail (FP_IS_CHANGE_EDITOR (self));
  g_return_if_fail (values != NULL);

  gtk_adjustment_set_value (self->spending_change_adj, values->spending_change);
  gtk_adjustment_set_value (self->extra_savings_adj, values->extra_savings);
  gtk_adjustment_set_value (self->equity_adj, values->equity_share);
  gtk_adjustment_set_value (self->income_growth_adj, values->income_growth);
}
