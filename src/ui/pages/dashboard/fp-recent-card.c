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
#include "fp-format.h"
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
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
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
 * Shows @data's totals of the 30 days up to its newest transaction, with
 * the period they cover: "Last 30 Days" only when the data is fresh; when
 * it stopped, the title says up to when ("30 Days to 31 October"), and a
 * history younger than the period says where it starts.
 */
void
fp_recent_card_set_dashboard (FpRecentCard          *self,
                              const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  const char *currency;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  g_autofree char *period = NULL;
  gint32 first = data->recent_first_day;
  GtkWidget *label;

  g_return_if_fail (FP_IS_RECENT_CARD (self));
  g_return_if_fail (data != NULL);

  currency = data->input->currency;
  in = fp_format_money (data->recent_in_minor, currency, FP_FORMAT_NONE);
  out = fp_format_money (data->recent_out_minor, currency, FP_FORMAT_NONE);
  count = fp_format_count ((gint64) MIN (data->recent_count, (guint64) G_MAXINT64));
  /* Days before the first transaction are no days without money moving. */
  if (data->first_day != FP_DAY_NONE && data->first_day > first)
    first = data->first_day;
  from = fp_format_date (first);
  to = fp_format_date (data->as_of_day);
  explanation = g_strdup_printf (_("The sums of the %s transactions booked from %s to %s, "
                                   "transfers between your own accounts included."),
                                 count, from, to);
  if (data->stale_note == NULL)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %u Day", "Last %u Days", data->recent_days),
                             data->recent_days);
  else
    {
      /* Translators: a day of this year, see strftime */
      g_autofree char *day = fp_ui_format_day (data->as_of_day, _("%-d %B"));

      /* Translators: the title of the totals when the data stopped; %s is a day, "31 October" */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Day to %s", "%u Days to %s", data->recent_days),
                               data->recent_days, day);
    }
  if (first > data->recent_first_day)
    /* Translators: the period of the totals, "5 November 2026 to 7 December 2026" */
    period = g_strdup_printf (_("From %s, when your history starts, to %s"), from, to);
  else
    /* Translators: the period of the totals, "8 November 2026 to 7 December 2026" */
    period = g_strdup_printf (_("From %s to %s"), from, to);

  fp_card_clear (card);
  fp_card_set_title (card, title);
  fp_card_set_explanation (card, explanation);
  label = fp_card_text_new (period, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_name (label, "period-label");
  fp_card_insert_after (card, label, NULL);
  fp_figure_row_set_figure (self->in_row, fp_figure_new (in, "success", explanation));
  fp_figure_row_set_figure (self->out_row, fp_figure_new (out, NULL, explanation));
  fp_figure_row_set_figure (self->count_row, fp_figure_new (count, NULL, explanation));
}
