/* fp-alerts-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Alerts: payments flagged as fraud or made with a compromised card first,
 * then unusual amounts and possible double charges, the latest first.
 */

#define G_LOG_DOMAIN "fp-alerts-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-alerts-card.h"
#include "fp-figure.h"
#include "fp-money.h"
#include "fp-ui-util.h"

#define MAX_ALERTS 6

struct _FpAlertsCard
{
  FpCard parent_instance;
};

G_DEFINE_FINAL_TYPE (FpAlertsCard, fp_alerts_card, FP_TYPE_CARD)

static int
compare_anomaly (gconstpointer a,
                 gconstpointer b)
{
  const FpAnomaly *x = *(const FpAnomaly *const *) a;
  const FpAnomaly *y = *(const FpAnomaly *const *) b;

  /* Fraud and compromised cards first, then the latest. */
  if ((x->kind <= FP_ANOMALY_CARD_COMPROMISED) != (y->kind <= FP_ANOMALY_CARD_COMPROMISED))
    return x->kind <= FP_ANOMALY_CARD_COMPROMISED ? -1 : 1;
  return (y->day > x->day) - (y->day < x->day);
}

static const char *
anomaly_title (FpAnomalyKind kind)
{
  switch (kind)
    {
    case FP_ANOMALY_FRAUD: return _("Flagged as fraud");
    case FP_ANOMALY_CARD_COMPROMISED: return _("Compromised card");
    case FP_ANOMALY_MERCHANT_OUTLIER: return _("Unusual amount for this merchant");
    case FP_ANOMALY_CATEGORY_OUTLIER: return _("Unusual amount for this category");
    case FP_ANOMALY_DUPLICATE: return _("Possible double charge");
    default: return _("Unusual payment");
    }
}

/* An alert: a warning icon, what happened, where and when, why it stands
 * out, and the amount. */
static GtkWidget *
alert_row_new (const FpAnomaly       *a,
               const FpDashboardData *data)
{
  const char *merchant = fp_insights_input_merchant_name (a->merchant_id, data->input);
  g_autofree char *amount = fp_money_format (a->amount_minor, data->input->currency);
  g_autofree char *day = fp_ui_format_day (a->day, "%-d %b %Y");
  g_autofree char *caption = g_strdup_printf ("%s · %s", merchant != NULL ? merchant : _("Unknown merchant"), day);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *figure = fp_figure_new (amount, NULL, a->reason);

  gtk_widget_add_css_class (icon, a->kind <= FP_ANOMALY_CARD_COMPROMISED ? "error" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, anomaly_title (a->kind), -1);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), fp_card_text_new (anomaly_title (a->kind), "heading"));
  gtk_box_append (GTK_BOX (texts), fp_card_text_new (caption, "dim-label"));
  gtk_box_append (GTK_BOX (texts), fp_card_text_new (a->reason, "caption"));
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_widget_set_valign (figure, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), figure);
  return row;
}

static void
fp_alerts_card_class_init (FpAlertsCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-alerts-card.ui");
}

static void
fp_alerts_card_init (FpAlertsCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fp_alerts_card_new (void)
{
  return g_object_new (FP_TYPE_ALERTS_CARD, NULL);
}

/**
 * fp_alerts_card_set_dashboard:
 * @self: a #FpAlertsCard
 * @data: the dashboard's data, personalized; read now, not kept
 *
 * Shows @data's anomalies, at most six, and how many more there are.
 */
void
fp_alerts_card_set_dashboard (FpAlertsCard          *self,
                              const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  const FpAnomaly *anomalies;
  gsize n;

  g_return_if_fail (FP_IS_ALERTS_CARD (self));
  g_return_if_fail (data != NULL && data->dashboard != NULL);

  anomalies = fp_dashboard_get_anomalies (data->dashboard, &n);
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (sorted, (gpointer) &anomalies[i]);
  g_ptr_array_sort (sorted, compare_anomaly);

  fp_card_clear (card);
  if (n == 0)
    fp_card_append_text (card, _("Nothing unusual in your recent payments."), "dim-label");
  for (guint i = 0; i < sorted->len && i < MAX_ALERTS; i++)
    fp_card_append (card, alert_row_new (g_ptr_array_index (sorted, i), data));
  if (sorted->len > MAX_ALERTS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more alert",
                                                            "%u more alerts", sorted->len - MAX_ALERTS),
                                               sorted->len - MAX_ALERTS);

      fp_card_append_text (card, more, "dim-label");
    }
}
