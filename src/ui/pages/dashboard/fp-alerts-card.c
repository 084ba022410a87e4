/* fp-alerts-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Alerts: payments flagged as fraud or made with a compromised card first,
 * then unusual amounts and possible double charges, the latest first. Each
 * names the merchant, says in one sentence why it stands out, opens the
 * statistics behind it ("Why am I seeing this?"), and offers "This Was Me"
 * / "Not Me" and "Freeze Card" through the page's `dashboard.report` and
 * `dashboard.freeze-card` actions; an answered alert shows the answer and
 * where it stands with the bank.
 */

#define G_LOG_DOMAIN "fp-alerts-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-alerts-card.h"
#include "fp-bank-names.h"
#include "fp-cache-annotations.h"
#include "fp-explanation-popover.h"
#include "fp-figure.h"
#include "fp-format.h"
#include "fp-ui-util.h"

#define MAX_ALERTS 6

struct _FpAlertsCard
{
  FpCard      parent_instance;

  GHashTable *answers;
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

/* Where something the customer sent stands, in a few words. */
static char *
delivery_text (FpDeliveryState  delivery,
               const char      *reason)
{
  switch (delivery)
    {
    case FP_DELIVERY_WAITING:
      if (reason != NULL)
        /* Translators: %s says why, such as "This computer is offline." */
        return g_strdup_printf (_("Not sent yet: %s"), reason);
      return g_strdup (_("Sending to your bank…"));
    case FP_DELIVERY_DELIVERED:
    case FP_DELIVERY_CONFIRMED:
      return g_strdup (_("Your bank has it."));
    case FP_DELIVERY_FAILED:
      return g_strdup (reason != NULL ? reason : _("Your bank refused it."));
    case FP_DELIVERY_NONE:
    default:
      return NULL;
    }
}

static GtkWidget *
action_button_new (const char *label,
                   const char *action,
                   GVariant   *target,
                   const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

/* "Why am I seeing this?": the statistics behind the alert. */
static GtkWidget *
why_button_new (const FpAnomaly *a)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = fp_explanation_popover_new (a->why);
  GtkWidget *label = gtk_label_new (_("Why am I seeing this?"));

  fp_explanation_popover_set_heading (FP_EXPLANATION_POPOVER (popover), _("Why am I seeing this?"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "fp-link-button");
  gtk_widget_set_name (button, "why-button");
  return button;
}

/* The customer's answer and the card's state, or the buttons to give
 * them: "This Was Me" / "Not Me" go to the bank as the answer to the
 * alert, "Freeze Card" asks the bank to freeze the card it was paid with
 * (offered for fraud, a compromised card, or once the customer said it
 * was not them). Each goes through the page's actions. */
static void
append_actions (GtkBox             *texts,
                const FpAnomaly    *a,
                const FpTxnDetails *d)
{
  const char *txn_id = d->txn->id;
  const char *card_id = d->txn->card_id;
  gboolean bank_frozen = d->card_json != NULL && fp_bank_card_is_frozen (d->card_json);
  gboolean freeze_asked = d->card_request != NULL && d->card_request->frozen &&
                          d->card_request->delivery != FP_DELIVERY_FAILED;

  if (d->verdict == FP_TXN_VERDICT_NONE)
    {
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_box_append (GTK_BOX (buttons),
                      action_button_new (_("This Was _Me"), "dashboard.report",
                                         g_variant_new ("(ss)", txn_id, fp_txn_verdict_to_id (FP_TXN_VERDICT_MINE)),
                                         NULL));
      gtk_box_append (GTK_BOX (buttons),
                      action_button_new (_("_Not Me"), "dashboard.report",
                                         g_variant_new ("(ss)", txn_id, fp_txn_verdict_to_id (FP_TXN_VERDICT_NOT_MINE)),
                                         NULL));
      gtk_widget_set_margin_top (buttons, 4);
      gtk_widget_set_name (buttons, "verdict-buttons");
      gtk_box_append (texts, buttons);
    }
  else
    {
      g_autofree char *delivery = delivery_text (d->verdict_delivery, d->verdict_reason);
      const char *answer = d->verdict == FP_TXN_VERDICT_MINE ? _("You said this was you.")
                                                             : _("You said this was not you.");
      g_autofree char *text = delivery != NULL ? g_strdup_printf ("%s %s", answer, delivery) : g_strdup (answer);
      GtkWidget *label = fp_card_text_new (text, "caption");

      gtk_widget_set_name (label, "verdict-label");
      gtk_box_append (texts, label);
    }

  if (card_id == NULL)
    return;

  if (bank_frozen)
    {
      g_autofree char *card = fp_bank_card_label (d->card_json);
      g_autofree char *text = card != NULL && *card != '\0'
                              /* Translators: %s names the card, such as "Visa ··1234" */
                              ? g_strdup_printf (_("%s is frozen."), card)
                              : g_strdup (_("The card is frozen."));
      GtkWidget *label = fp_card_text_new (text, "caption");

      gtk_widget_set_name (label, "card-label");
      gtk_box_append (texts, label);
    }
  else if (freeze_asked)
    {
      g_autofree char *delivery = delivery_text (d->card_request->delivery, d->card_request->reason);
      g_autofree char *text = g_strdup_printf ("%s %s", _("Freeze asked."), delivery != NULL ? delivery : "");
      GtkWidget *label = fp_card_text_new (g_strstrip (text), "caption");

      gtk_widget_set_name (label, "card-label");
      gtk_box_append (texts, label);
    }
  else if (a->kind == FP_ANOMALY_FRAUD || a->kind == FP_ANOMALY_CARD_COMPROMISED ||
           d->verdict == FP_TXN_VERDICT_NOT_MINE)
    {
      GtkWidget *button = action_button_new (_("_Freeze Card"), "dashboard.freeze-card",
                                             g_variant_new_string (card_id), "destructive-action");

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_name (button, "freeze-button");
      gtk_box_append (texts, button);
    }
}

/* Each button of an alert says which alert it answers, as its
 * description ("Unusual amount: Grocery store · 3 Oct 2026"): five
 * alerts' "Not Me" do not read alike. */
static void
describe_buttons (GtkWidget  *widget,
                  const char *description)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        fp_ui_set_accessible_name (child, _("Why am I seeing this?"), description);
      else if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        {
          g_autofree char *name = fp_ui_strip_mnemonic (gtk_button_get_label (GTK_BUTTON (child)));

          fp_ui_set_accessible_name (child, name, description);
        }
      else if (!FP_IS_FIGURE (child))
        describe_buttons (child, description);
    }
}

/* An alert: a warning icon, what happened and the amount, where and when,
 * why it stands out in one plain sentence, the statistics behind it on
 * demand, and what the customer can do about it (or did). The amount
 * shares the heading's line, so that the buttons have the card's width
 * (360 pixels on a kiosk). */
static GtkWidget *
alert_row_new (FpAlertsCard          *self,
               const FpAnomaly       *a,
               const FpDashboardData *data)
{
  const char *merchant = a->merchant_name;
  g_autofree char *amount = fp_format_money (a->amount_minor, data->input->currency, FP_FORMAT_NONE);
  g_autofree char *day = fp_ui_format_day (a->day, "%-d %b %Y");
  g_autofree char *caption = g_strdup_printf ("%s · %s", merchant != NULL ? merchant : _("Unknown merchant"), day);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = fp_card_text_new (anomaly_title (a->kind), "heading");
  GtkWidget *figure = fp_figure_new (amount, NULL, a->reason);
  const FpTxnDetails *details = self->answers != NULL ? g_hash_table_lookup (self->answers, &a->txn_id) : NULL;

  gtk_widget_add_css_class (icon, a->kind <= FP_ANOMALY_CARD_COMPROMISED ? "error" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, anomaly_title (a->kind), -1);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_valign (figure, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), figure);
  gtk_box_append (GTK_BOX (texts), header);
  gtk_box_append (GTK_BOX (texts), fp_card_text_new (caption, "dim-label"));
  gtk_box_append (GTK_BOX (texts), fp_card_text_new (a->reason, "caption"));
  if (a->why != NULL && *a->why != '\0')
    gtk_box_append (GTK_BOX (texts), why_button_new (a));
  if (details != NULL && details->txn != NULL && details->txn->id != NULL)
    append_actions (GTK_BOX (texts), a, details);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_widget_set_name (row, "alert");
  {
    /* Translators: what an alert's buttons answer, read by screen readers: "Unusual amount: Grocery store · 3 Oct 2026" */
    g_autofree char *about = g_strdup_printf (_("%s: %s"), anomaly_title (a->kind), caption);

    fp_figure_set_context (FP_FIGURE (figure), about);
    describe_buttons (texts, about);
  }
  return row;
}

static void
fp_alerts_card_finalize (GObject *object)
{
  FpAlertsCard *self = FP_ALERTS_CARD (object);

  g_clear_pointer (&self->answers, g_hash_table_unref);

  G_OBJECT_CLASS (fp_alerts_card_parent_class)->finalize (object);
}

static void
fp_alerts_card_class_init (FpAlertsCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_alerts_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-alerts-card.ui");
}

static void
fp_alerts_card_init (FpAlertsCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
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
    fp_card_append (card, alert_row_new (self, g_ptr_array_index (sorted, i), data));
  if (sorted->len > MAX_ALERTS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more alert",
                                                            "%u more alerts", sorted->len - MAX_ALERTS),
                                               sorted->len - MAX_ALERTS);

      fp_card_append_text (card, more, "dim-label");
    }
}

/**
 * fp_alerts_card_set_answers:
 * @self: a #FpAlertsCard
 * @answers: (nullable) (element-type gint64 FpTxnDetails): the details of
 *   the alerts' transactions by #FpAnomaly.txn_id (the bank's id, the
 *   card, the customer's answer and the card's freeze), read from the
 *   cache with the dashboard
 *
 * Without them an alert has no buttons. Read by the next
 * fp_alerts_card_set_dashboard().
 */
void
fp_alerts_card_set_answers (FpAlertsCard *self,
                            GHashTable   *answers)
{
  g_return_if_fail (FP_IS_ALERTS_CARD (self));

  if (answers != NULL)
    g_hash_table_ref (answers);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  self->answers = answers;
}
