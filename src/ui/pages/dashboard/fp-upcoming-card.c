/* fp-upcoming-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Upcoming payments: the regular payments expected in the next 30 days,
 * the soonest first, with price rises, and overlapping subscriptions.
 */

#define G_LOG_DOMAIN "fp-upcoming-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-figure.h"
#include "fp-format.h"
#include "fp-ui-util.h"
#include "fp-upcoming-card.h"

#define UPCOMING_DAYS 30
#define MAX_UPCOMING  8
#define MAX_OVERLAPS  2

struct _FpUpcomingCard
{
  FpCard parent_instance;
};

G_DEFINE_FINAL_TYPE (FpUpcomingCard, fp_upcoming_card, FP_TYPE_CARD)

static int
compare_recurring (gconstpointer a,
                   gconstpointer b)
{
  const FpRecurring *x = *(const FpRecurring *const *) a;
  const FpRecurring *y = *(const FpRecurring *const *) b;

  return (x->next_day > y->next_day) - (x->next_day < y->next_day);
}

/* "In 3 days · Mon 2 Nov", and the price rise if there was one. */
static char *
when_caption (const FpRecurring *r,
              gint32             today,
              const char        *currency)
{
  g_autofree char *day = fp_ui_format_day (r->next_day, "%a %-d %b");
  gint32 in_days = r->next_day - today;
  char *caption;

  if (in_days == 0)
    caption = g_strdup_printf (_("Today · %s"), day);
  else if (in_days == 1)
    caption = g_strdup_printf (_("Tomorrow · %s"), day);
  else
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %d day · %s", "In %d days · %s", in_days),
                               in_days, day);
  if (r->price_rise)
    {
      g_autofree char *before = fp_format_money (ABS (r->previous_amount_minor), currency, FP_FORMAT_NONE);
      char *with_rise = g_strdup_printf (_("%s · price up from %s"), caption, before);

      g_free (caption);
      caption = with_rise;
    }
  return caption;
}

static void
fp_upcoming_card_class_init (FpUpcomingCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-upcoming-card.ui");
}

static void
fp_upcoming_card_init (FpUpcomingCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_upcoming_card_new (void)
{
  return g_object_new (FP_TYPE_UPCOMING_CARD, NULL);
}

/**
 * fp_upcoming_card_set_dashboard:
 * @self: a #FpUpcomingCard
 * @data: the dashboard's data, personalized; read now, not kept
 *
 * Shows the regular payments @data expects in the next 30 days.
 */
void
fp_upcoming_card_set_dashboard (FpUpcomingCard        *self,
                                const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  g_autoptr(GPtrArray) upcoming = g_ptr_array_new ();
  const FpRecurring *recurring;
  const FpOverlap *overlaps;
  gsize n, n_overlaps;
  gint32 today;

  g_return_if_fail (FP_IS_UPCOMING_CARD (self));
  g_return_if_fail (data != NULL && data->dashboard != NULL);

  recurring = fp_dashboard_get_recurring (data->dashboard, &n);
  overlaps = fp_dashboard_get_overlaps (data->dashboard, &n_overlaps);
  today = data->input->today;
  for (gsize i = 0; i < n; i++)
    if (!recurring[i].is_income && recurring[i].next_day >= today &&
        recurring[i].next_day <= today + UPCOMING_DAYS)
      g_ptr_array_add (upcoming, (gpointer) &recurring[i]);
  g_ptr_array_sort (upcoming, compare_recurring);

  fp_card_clear (card);
  if (upcoming->len == 0)
    fp_card_append_text (card, _("No regular payment expected in the next 30 days."), "dim-label");
  for (guint i = 0; i < upcoming->len && i < MAX_UPCOMING; i++)
    {
      const FpRecurring *r = g_ptr_array_index (upcoming, i);
      g_autofree char *amount = fp_format_money (r->next_amount_minor, data->input->currency, FP_FORMAT_NONE);
      g_autofree char *caption = when_caption (r, today, data->input->currency);

      fp_card_append_row (card, r->merchant_name, caption, fp_figure_new (amount, NULL, r->explanation));
    }
  for (gsize i = 0; i < n_overlaps && i < MAX_OVERLAPS; i++)
    fp_card_append_text (card, overlaps[i].explanation, "caption");
}
