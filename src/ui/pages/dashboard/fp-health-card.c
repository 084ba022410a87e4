/* fp-health-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The financial health score: the score out of 100, each component with
 * its points, and the plan of steps that would raise it.
 */

#define G_LOG_DOMAIN "fp-health-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-figure.h"
#include "fp-format.h"
#include "fp-health-card.h"
#include "fp-ui-util.h"

#define MAX_PLAN_ROWS 6

struct _FpHealthCard
{
  FpCard parent_instance;

  int    score;
};

G_DEFINE_FINAL_TYPE (FpHealthCard, fp_health_card, FP_TYPE_CARD)

static GtkWidget *
components_grid_new (const FpHealthComponentScore *components,
                     gsize                         n_components)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (gsize i = 0; i < n_components; i++)
    {
      const FpHealthComponentScore *c = &components[i];
      GtkWidget *name = fp_card_text_new (c->name, NULL);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (c->weight, 1));
      g_autofree char *p = fp_format_count (c->points);
      g_autofree char *w = fp_format_count (c->weight);
      /* Translators: points of a component of the score, "20 of 25" */
      g_autofree char *points = g_strdup_printf (_("%s of %s"), p, w);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), c->points);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_size_request (bar, 48, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, c->name, -1);
      gtk_widget_set_hexpand (name, FALSE);
      gtk_grid_attach (GTK_GRID (grid), name, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), bar, 1, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), fp_figure_new (points, NULL, c->explanation), 2, (int) i, 1, 1);
    }
  return grid;
}

static void
fp_health_card_class_init (FpHealthCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-health-card.ui");
}

static void
fp_health_card_init (FpHealthCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  self->score = -1;
}

GtkWidget *
fp_health_card_new (void)
{
  return g_object_new (FP_TYPE_HEALTH_CARD, NULL);
}

/**
 * fp_health_card_set_dashboard:
 * @self: a #FpHealthCard
 * @data: the dashboard's data, personalized; read now, not kept
 *
 * Shows @data's health score, its components and the plan; without
 * enough data, what is missing and when the score appears
 * (fp_dashboard_get_health_availability()) instead of a number.
 */
void
fp_health_card_set_dashboard (FpHealthCard          *self,
                              const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  const FpDashboard *d;
  const FpHealthComponentScore *components;
  const FpHealthAction *const *plan;
  gsize n_components, n_plan;
  g_autoptr(GString) how = g_string_new (NULL);
  g_autofree char *score_text = NULL;

  g_return_if_fail (FP_IS_HEALTH_CARD (self));
  g_return_if_fail (data != NULL && data->dashboard != NULL);

  d = data->dashboard;
  self->score = fp_dashboard_get_health_score (d);

  /* Too little data: what is missing and when it appears, no number. */
  if (self->score < 0)
    {
      const FpAvailability *a = fp_dashboard_get_health_availability (d);
      const char *reason = a->reason != NULL ? a->reason : _("There is not enough data for a score yet.");
      GtkWidget *label;

      fp_card_clear (card);
      fp_card_set_explanation (card, reason);
      fp_card_append_text (card, _("No score yet"), "title-3");
      label = fp_card_append_text (card, reason, NULL);
      gtk_widget_set_name (label, "availability-label");
      return;
    }

  components = fp_dashboard_get_health_components (d, &n_components);
  plan = fp_dashboard_get_health_plan (d, &n_plan);

  g_string_append_printf (how, _("The score is the sum of the points of its %u components, each weighted by "
                                 "the bank's model:"), (guint) n_components);
  for (gsize i = 0; i < n_components; i++)
    g_string_append_printf (how, i == 0 ? " %s %d/%d" : ", %s %d/%d",
                            components[i].name, components[i].points, components[i].weight);
  g_string_append_printf (how, _(" — %d of 100."), self->score);

  fp_card_clear (card);
  fp_card_set_explanation (card, how->str);
  /* Translators: the health score, "75 / 100" */
  score_text = g_strdup_printf (_("%d / 100"), self->score);
  fp_card_append (card, fp_figure_new (score_text, "title-1", how->str));
  fp_card_append (card, components_grid_new (components, n_components));

  if (n_plan > 0)
    {
      fp_card_append_text (card, _("Your plan"), "heading");
      for (gsize i = 0; i < n_plan && i < MAX_PLAN_ROWS; i++)
        {
          /* The text already says the points; the figure opens how the
           * component it improves is scored. */
          g_autofree char *n = fp_format_count (plan[i]->points);
          g_autofree char *points = g_strconcat ("+", n, NULL);
          const char *how_component = NULL;

          for (gsize j = 0; j < n_components; j++)
            if (&components[j].action == plan[i] ||
                g_strcmp0 (components[j].action.text, plan[i]->text) == 0)
              how_component = components[j].explanation;
          fp_card_append_row (card, plan[i]->text, NULL, fp_figure_new (points, "success", how_component));
        }
    }
  else
    fp_card_append_text (card, _("No single step would raise the score now."), "dim-label");
}

/**
 * fp_health_card_get_score:
 * @self: a #FpHealthCard
 *
 * Returns: the score shown, 0 to 100, or -1 when none is (before a
 *   dashboard is set, or without enough data)
 */
int
fp_health_card_get_score (FpHealthCard *self)
{
  g_return_val_if_fail (FP_IS_HEALTH_CARD (self), -1);

  return self->score;
}
