/* fp-balances-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Net worth and balances: the total of all accounts, what is available now
 * (with the insights engine's figures), and every account's balance with
 * its kind and credit limit.
 */

#define G_LOG_DOMAIN "fp-balances-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-balances-card.h"
#include "fp-figure.h"
#include "fp-format.h"
#include "fp-ui-util.h"

struct _FpBalancesCard
{
  FpCard parent_instance;
};

G_DEFINE_FINAL_TYPE (FpBalancesCard, fp_balances_card, FP_TYPE_CARD)

static const char *
account_kind_name (FpAccountKind kind)
{
  switch (kind)
    {
    case FP_ACCOUNT_CURRENT: return _("Current account");
    case FP_ACCOUNT_SAVINGS: return _("Savings");
    case FP_ACCOUNT_CREDIT_CARD: return _("Credit card");
    case FP_ACCOUNT_LOAN: return _("Loan");
    case FP_ACCOUNT_INVESTMENT: return _("Investments");
    default: return "";
    }
}

static void
fp_balances_card_class_init (FpBalancesCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-balances-card.ui");
}

static void
fp_balances_card_init (FpBalancesCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_balances_card_new (void)
{
  return g_object_new (FP_TYPE_BALANCES_CARD, NULL);
}

/**
 * fp_balances_card_set_dashboard:
 * @self: a #FpBalancesCard
 * @data: the dashboard's data; read now, not kept
 *
 * Shows the balances of @data's accounts.
 */
void
fp_balances_card_set_dashboard (FpBalancesCard        *self,
                                const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  const FpInsightsInput *in;
  g_autofree char *total = NULL;
  g_autofree char *fallback = NULL;
  const char *explanation;

  g_return_if_fail (FP_IS_BALANCES_CARD (self));
  g_return_if_fail (data != NULL);

  in = data->input;
  total = fp_format_money (data->total_balance_minor, in->currency, FP_FORMAT_NONE);
  fallback = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The sum of the balance the bank reports for your account; "
                                           "money owed counts negative.",
                                           "The sum of the balances the bank reports for your %u accounts; "
                                           "money owed on cards and loans counts negative.",
                                           in->accounts->len),
                              in->accounts->len);
  explanation = data->dashboard != NULL ? fp_dashboard_get_balances_explanation (data->dashboard) : fallback;

  fp_card_clear (card);
  fp_card_set_explanation (card, explanation);
  fp_card_append (card, fp_figure_new_balance (total, "title-1", explanation));

  if (data->dashboard != NULL)
    {
      g_autofree char *liquid = fp_format_money (fp_dashboard_get_liquid (data->dashboard), in->currency, FP_FORMAT_NONE);

      fp_card_append_row (card, _("Available now"), _("Current and savings accounts"),
                          fp_figure_new_balance (liquid, NULL, explanation));
    }

  for (guint i = 0; i < in->accounts->len; i++)
    {
      const FpAccountSnapshot *a = &g_array_index (in->accounts, FpAccountSnapshot, i);
      g_autofree char *balance = fp_format_money (a->balance_minor, in->currency, FP_FORMAT_NONE);
      g_autofree char *caption = NULL;

      if (a->credit_limit_minor > 0)
        {
          g_autofree char *limit = fp_format_money (a->credit_limit_minor, in->currency, FP_FORMAT_NONE);

          caption = g_strdup_printf (_("%s · limit %s"), account_kind_name (a->kind), limit);
        }
      else
        caption = g_strdup (account_kind_name (a->kind));
      fp_card_append_row (card, g_ptr_array_index (data->account_names, i), caption,
                          fp_figure_new_balance (balance, NULL,
                                         _("The balance the bank reported at the last sync, or the sum of the "
                                           "account's transactions when the bank sent none.")));
    }
}
