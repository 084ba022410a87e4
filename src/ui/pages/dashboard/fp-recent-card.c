/* fp-recent-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The last 30 days: money in, money out and the number of transactions,
 * transfers between the customer's own accounts included. Shown with and
 * without the consent to personalization.
 */

#define G_LOG_DOMAIN "fp-recent-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-figure-row.h"
#include "fp-figure.h"
#include "fp-money.h"
#include "fp-recent-card.h"
#include "fp-ui-util.h"

struct _FpRecentCard
{
  FpCard       parent_instance;

  /* Template widgets */
  FpFigureRow *in_row;
  FpFigureRow *out_row;
  FpFigureRow *count_row;
};

G_DEFINE_FINAL_TYPE (FpRecentCard, fp_recent_card, FP_TYPE_CARD)

static void
fp_recent_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_RECENT_CARD);

  G_OBJECT_CLASS (fp_recent_card_parent_class)->dispose (object);
}

static void
fp_recent_card_class_init (FpRecentCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_recent_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-recent-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpRecentCard, in_row);
  gtk_widget_class_bind_template_child (widget_class, FpRecentCard, out_row);
  gtk_widget_class_bind_template_child (widget_class, FpRecentCard, count_row);
}

static void
fp_recent_card_init (FpRecentCard *self)
{
  g_type_ensure (FP_TYPE_FIGURE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fp_recent_card_new (void)
{
  return g_object_new (FP_TYPE_RECENT_CARD, NULL);
}

/**
 * fp_recent_card_set_dashboard:
 * @self: a #FpRecentCard
 * @data: the dashboard's data; read now, not kept
 *
 * Shows @data's totals of the last days.
 */
void
fp_recent_card_set_dashboard (FpRecentCard          *self,
                              const FpDashboardData *data)
{
  const char *currency;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (FP_IS_RECENT_CARD (self));
  g_return_if_fail (data != NULL);

  currency = data->input->currency;
  in = fp_money_format (data->recent_in_minor, currency);
  out = fp_money_format (data->recent_out_minor, currency);
  from = fp_ui_format_day (data->input->today - (gint32) data->recent_days + 1, "%-d %b %Y");
  to = fp_ui_format_day (data->input->today, "%-d %b %Y");
  explanation = g_strdup_printf (_("The sums of the %u transactions booked from %s to %s, "
                                   "transfers between your own accounts included."),
                                 (guint) MIN (data->recent_count, G_MAXUINT), from, to);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %u Day", "Last %u Days", data->recent_days),
                           data->recent_days);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, data->recent_count);

  fp_card_set_title (FP_CARD (self), title);
  fp_card_set_explanation (FP_CARD (self), explanation);
  fp_figure_row_set_figure (self->in_row, fp_figure_new (in, "success", explanation));
  fp_figure_row_set_figure (self->out_row, fp_figure_new (out, NULL, explanation));
  fp_figure_row_set_figure (self->count_row, fp_figure_new (count, NULL, explanation));
}
