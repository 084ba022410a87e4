/* fp-assistant-local.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assistant's answer written on this device: without the GenAI
 * consent (or offline) the same facts that would have been sent are put
 * into sentences by a template, in the customer's language (gettext).
 */

#define G_LOG_DOMAIN "fp-assistant"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "fp-assistant.h"
#include "fp-format.h"

typedef struct {
  const char * const *facts;
  const char         *currency;
  GString            *out;
} Writer;

static gboolean
number (const Writer *w,
        const char   *key,
        gint64       *out)
{
  const char *text = fp_assistant_fact_lookup (w->facts, key);
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *out = g_ascii_strtoll (text, &end, 10);
  return end != NULL && *end == '\0';
}

/* A whole-unit amount of the facts, formatted as every amount of the app. */
static char *
money (const Writer *w,
       gint64        major)
{
  gint64 minor = (major > G_MAXINT64 / 100 || major < G_MININT64 / 100) ? major : major * 100;

  return fp_format_money (minor, w->currency, FP_FORMAT_WHOLE);
}

static void
sentence (Writer     *w,
          const char *text)
{
  if (w->out->len > 0)
    g_string_append_c (w->out, ' ');
  g_string_append (w->out, text);
}

static void
write_basics (Writer *w)
{
  gint64 income, spending, surplus;

  if (number (w, "monthly_income", &income) && number (w, "monthly_spending", &spending))
    {
      g_autofree char *a = money (w, income);
      g_autofree char *b = money (w, spending);
      g_autofree char *text = g_strdup_printf (_("You earn about %s a month and spend about %s."), a, b);

      sentence (w, text);
    }
  if (number (w, "monthly_surplus", &surplus))
    {
      g_autofree char *a = money (w, ABS (surplus));
      g_autofree char *text = surplus >= 0
                              ? g_strdup_printf (_("That leaves about %s a month."), a)
                              : g_strdup_printf (_("That is about %s a month more than comes in."), a);

      sentence (w, text);
    }
}

static void
write_forecast (Writer *w)
{
  gint64 low, in_days, risk, band_low, band_high;

  if (number (w, "forecast_low_point", &low) && number (w, "forecast_low_in_days", &in_days))
    {
      g_autofree char *a = money (w, low);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Your balance is expected to be lowest, about %s, in %d day.",
                                                            "Your balance is expected to be lowest, about %s, in %d days.",
                                                            (gulong) in_days),
                                               a, (int) in_days);

      sentence (w, text);
    }
  if (number (w, "forecast_band_low", &band_low) && number (w, "forecast_band_high", &band_high))
    {
      g_autofree char *a = money (w, band_low);
      g_autofree char *b = money (w, band_high);
      g_autofree char *text = g_strdup_printf (_("At the end of the forecast it will most likely be between %s and %s."), a, b);

      sentence (w, text);
    }
  if (number (w, "forecast_risk_in_days", &risk))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "It may fall below your safety margin in %d day.",
                                                            "It may fall below your safety margin in %d days.",
                                                            (gulong) risk),
                                               (int) risk);

      sentence (w, text);
    }
}

static void
write_afford (Writer *w)
{
  gint64 asked, after;

  if (number (w, "asked_monthly", &asked) && number (w, "surplus_after", &after))
    {
      g_autofree char *a = money (w, asked);
      g_autofree char *b = money (w, ABS (after));
      g_autofree char *text = NULL;

      write_basics (w);
      if (after >= 0)
        text = g_strdup_printf (_("With %s more a month you would still keep about %s a month, "
                                  "so it looks affordable from your usual figures."), a, b);
      else
        text = g_strdup_printf (_("With %s more a month you would spend about %s a month more than you "
                                  "earn, so it does not look affordable without cutting elsewhere."), a, b);
      sentence (w, text);
    }
  else
    {
      write_basics (w);
      sentence (w, _("Name the amount per month to see whether it fits, for example “$600 a month”."));
    }
  write_forecast (w);
}

static char *
month_name (const char *yyyy_mm)
{
  int year = 0, month = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (yyyy_mm == NULL || sscanf (yyyy_mm, "%4d-%2d", &year, &month) != 2 || month < 1 || month > 12)
    return g_strdup (yyyy_mm != NULL ? yyyy_mm : "");
  dt = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  /* TRANSLATORS: a month and year, in g_date_time_format() syntax */
  return dt != NULL ? g_date_time_format (dt, C_("assistant", "%B %Y")) : g_strdup (yyyy_mm);
}

static void
write_spending (Writer *w)
{
  gint64 spent, avg, change, n_before;
  g_autofree char *month = month_name (fp_assistant_fact_lookup (w->facts, "month"));

  if (!number (w, "month_spending", &spent))
    {
      write_basics (w);
      return;
    }
  {
    g_autofree char *a = money (w, spent);
    g_autofree char *text = g_strdup_printf (_("In %s you spent about %s."), month, a);

    sentence (w, text);
  }
  if (number (w, "previous_average", &avg) && number (w, "previous_months", &n_before)
      && number (w, "change_percent", &change))
    {
      g_autofree char *a = money (w, avg);
      g_autofree char *text = NULL;

      if (change != 0 && n_before == 1)
        text = g_strdup_printf (change > 0 ? _("That is %d%% more than the month before (about %s).")
                                           : _("That is %d%% less than the month before (about %s)."),
                                (int) ABS (change), a);
      else if (change != 0)
        text = g_strdup_printf (change > 0 ? _("That is %d%% more than the %d months before (about %s on average).")
                                           : _("That is %d%% less than the %d months before (about %s on average)."),
                                (int) ABS (change), (int) n_before, a);
      else
        text = g_strdup_printf (_("That is about the same as before (about %s)."), a);
      sentence (w, text);
    }
  for (guint rank = 1; rank <= 3; rank++)
    {
      char key[32], key_change[32];
      const char *id;
      FpCategory category;
      gint64 delta;

      g_snprintf (key, sizeof key, "category_%u", rank);
      g_snprintf (key_change, sizeof key_change, "category_%u_change", rank);
      id = fp_assistant_fact_lookup (w->facts, key);
      if (id == NULL || !fp_category_from_id (id, &category) || !number (w, key_change, &delta))
        break;
      {
        g_autofree char *a = money (w, ABS (delta));
        g_autofree char *text = delta >= 0
                                ? g_strdup_printf (_("%s: about %s more."), fp_category_get_display_name (category), a)
                                : g_strdup_printf (_("%s: about %s less."), fp_category_get_display_name (category), a);

        sentence (w, text);
      }
    }
}

static const struct {
  const char *key;
  const char *name;
} components[] = {
  { "savings_rate", N_("your savings rate") },
  { "emergency_fund", N_("your emergency fund") },
  { "debt_to_income", N_("your debt payments against income") },
  { "credit_utilization", N_("how much of your credit you use") },
  { "payment_history", N_("your payment history") },
  { "spending_volatility", N_("how steady your spending is") },
};

static void
write_health (Writer *w)
{
  gint64 score;
  const char *weakest = fp_assistant_fact_lookup (w->facts, "weakest_component");

  if (!number (w, "health_score", &score))
    {
      sentence (w, _("Your health score needs about two months of history first."));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Your financial health score is %d out of 100."), (int) score);

    sentence (w, text);
  }
  for (guint i = 0; weakest != NULL && i < G_N_ELEMENTS (components); i++)
    if (strcmp (weakest, components[i].key) == 0)
      {
        g_autofree char *pk = g_strconcat (components[i].key, "_points", NULL);
        g_autofree char *mk = g_strconcat (components[i].key, "_max", NULL);
        gint64 points, max;

        if (number (w, pk, &points) && number (w, mk, &max))
          {
            g_autofree char *text = g_strdup_printf (_("The most room to improve is in %s: %d of %d points."),
                                                     _(components[i].name), (int) points, (int) max);

            sentence (w, text);
          }
      }
}

static void
write_recurring (Writer *w)
{
  gint64 n, monthly, n_subs, subs, rises;

  if (number (w, "recurring_count", &n) && number (w, "recurring_monthly", &monthly))
    {
      g_autofree char *a = money (w, monthly);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "You have %d regular payment, about %s a month.",
                                                            "You have %d regular payments, about %s a month together.",
                                                            (gulong) n),
                                               (int) n, a);

      sentence (w, text);
    }
  if (number (w, "subscription_count", &n_subs) && n_subs > 0 && number (w, "subscription_monthly", &subs))
    {
      g_autofree char *a = money (w, subs);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%d of them is a subscription (about %s a month).",
                                                            "%d of them are subscriptions (about %s a month).",
                                                            (gulong) n_subs),
                                               (int) n_subs, a);

      sentence (w, text);
    }
  if (number (w, "price_rises", &rises) && rises > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%d of them recently got more expensive.",
                                                            "%d of them recently got more expensive.",
                                                            (gulong) rises),
                                               (int) rises);

      sentence (w, text);
    }
}

static void
write_debt (Writer *w)
{
  gint64 payments, dti, util;

  write_basics (w);
  if (number (w, "monthly_debt_payments", &payments) && number (w, "debt_to_income_percent", &dti))
    {
      g_autofree char *a = money (w, payments);
      g_autofree char *text = g_strdup_printf (_("Your debt payments are about %s a month, %d%% of your income."),
                                               a, (int) dti);

      sentence (w, text);
      sentence (w, dti <= 15 ? _("That is comfortable; lenders usually look for less than about 35%.")
                             : dti <= 35 ? _("That is within what lenders usually accept (up to about 35%), so a new loan needs care.")
                                         : _("That is already high; a new loan would add to it."));
    }
  if (number (w, "credit_utilization_percent", &util))
    {
      g_autofree char *text = g_strdup_printf (_("You use %d%% of your credit card limits."), (int) util);

      sentence (w, text);
    }
}

/**
 * fp_assistant_write_local:
 * @facts: (array zero-terminated=1): facts from fp_assistant_pick_facts()
 *
 * The answer written on this device from the same facts the GenAI proxy
 * would get, by a template, in the customer's language. Says nothing the
 * facts do not say.
 *
 * Returns: (transfer full): the text
 */
char *
fp_assistant_write_local (const char * const *facts)
{
  Writer w = { facts, fp_assistant_fact_lookup (facts, "currency"), g_string_new (NULL) };
  const char *kind = fp_assistant_fact_lookup (facts, "question_kind");

  if (g_strcmp0 (kind, "afford") == 0)
    write_afford (&w);
  else if (g_strcmp0 (kind, "spending") == 0)
    write_spending (&w);
  else if (g_strcmp0 (kind, "health") == 0)
    write_health (&w);
  else if (g_strcmp0 (kind, "forecast") == 0)
    {
      write_forecast (&w);
      if (w.out->len == 0)
        write_basics (&w);
    }
  else if (g_strcmp0 (kind, "recurring") == 0)
    write_recurring (&w);
  else if (g_strcmp0 (kind, "debt") == 0)
    write_debt (&w);
  else
    {
      write_basics (&w);
      write_health (&w);
    }
  if (w.out->len == 0)
    sentence (&w, _("There is not enough data on this device to answer that yet."));
  return g_string_free (w.out, FALSE);
}
