/* fp-assistant-facts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assistant's questions and the facts that answer them. A question in
 * plain language (English or German) is read for what it asks about, a
 * monthly amount and a month; the facts come from the on-device insights
 * as aggregates only — totals, averages, category ids, a score — rounded,
 * and redacted once more with the customer's profile. Never a name, a
 * merchant, an account or a card number: nothing here reads them.
 */

#define G_LOG_DOMAIN "fp-assistant"

#include "config.h"

#include <string.h>

#include "fp-assistant.h"

#define MAX_AMOUNT_MINOR (G_GINT64_CONSTANT (1000000000) * 100)

static const char *const kind_ids[] = {
  [FP_QUESTION_GENERAL] = "general",
  [FP_QUESTION_AFFORD] = "afford",
  [FP_QUESTION_SPENDING] = "spending",
  [FP_QUESTION_HEALTH] = "health",
  [FP_QUESTION_FORECAST] = "forecast",
  [FP_QUESTION_RECURRING] = "recurring",
  [FP_QUESTION_DEBT] = "debt",
};

/**
 * fp_question_kind_get_id:
 * @kind: a kind
 *
 * Returns: its id, the `question_kind` fact (`afford`, `spending`, …)
 */
const char *
fp_question_kind_get_id (FpQuestionKind kind)
{
  g_return_val_if_fail (kind <= FP_QUESTION_DEBT, "general");
  return kind_ids[kind];
}

/* Word stems, checked in this order: the first kind with a match wins. */
static const struct {
  FpQuestionKind     kind;
  const char *const  stems[16];
} keywords[] = {
  { FP_QUESTION_AFFORD, { "afford", "leisten", "can i pay", "kann ich mir",
                          "permitirme", "puedo pagar", NULL } },
  { FP_QUESTION_DEBT, { "loan", "borrow", "debt", "credit line", "kredit", "darlehen", "schulden",
                        "préstamo", "prestamo", "deuda", "crédito", "credito", NULL } },
  { FP_QUESTION_RECURRING, { "subscription", "recurring", "abo", "regelmäßig", "wiederkehrend",
                             "vertr", "suscrip", "periódic", "recurrente", NULL } },
  { FP_QUESTION_HEALTH, { "health", "score", "gesundheit", "punkt", "salud", "puntuaci", NULL } },
  { FP_QUESTION_FORECAST, { "run out", "run low", "forecast", "payday", "balance", "low point",
                            "knapp", "prognose", "kontostand",
                            "sin dinero", "previsi", "día de cobro", "saldo", NULL } },
  { FP_QUESTION_SPENDING, { "spend", "spent", "expens", "ausgabe", "ausgegeben", "kosten", "gast", NULL } },
};

/* English, German and Spanish. */
static const char *const month_words[][7] = {
  { "january", "jan", "januar", "enero", "ene", NULL },
  { "february", "feb", "februar", "febrero", NULL },
  { "march", "mar", "märz", "maerz", "marzo", NULL },
  { "april", "apr", "abril", "abr", NULL },
  { "may", "mai", "mayo", NULL },
  { "june", "jun", "juni", "junio", NULL },
  { "july", "jul", "juli", "julio", NULL },
  { "august", "aug", "agosto", "ago", NULL },
  { "september", "sep", "sept", "septiembre", "setiembre", NULL },
  { "october", "oct", "oktober", "okt", "octubre", NULL },
  { "november", "nov", "noviembre", NULL },
  { "december", "dec", "dezember", "dez", "diciembre", "dic", NULL },
};

static gint32
month_of_word (const char *word)
{
  for (guint m = 0; m < G_N_ELEMENTS (month_words); m++)
    for (guint i = 0; i < G_N_ELEMENTS (month_words[m]) && month_words[m][i] != NULL; i++)
      if (strcmp (word, month_words[m][i]) == 0)
        return (gint32) m + 1;
  return 0;
}

/* The first amount in @text: digits with ',' or '.' between groups of
 * three, and up to two decimals after a '.' or ','. */
static gint64
amount_of (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      gint64 major = 0;
      gint64 cents = 0;
      const char *q = p;

      if (!g_ascii_isdigit (*p) || (p > text && g_ascii_isdigit (p[-1])))
        continue;
      while (*q)
        {
          if (g_ascii_isdigit (*q))
            {
              if (major > MAX_AMOUNT_MINOR / 1000)
                return 0;
              major = major * 10 + (*q - '0');
              q++;
            }
          else if ((*q == ',' || *q == '.') && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2])
                   && g_ascii_isdigit (q[3]) && !g_ascii_isdigit (q[4]))
            q++;
          else
            break;
        }
      if ((*q == '.' || *q == ',') && g_ascii_isdigit (q[1]))
        {
          cents = (q[1] - '0') * 10;
          if (g_ascii_isdigit (q[2]))
            cents += q[2] - '0';
        }
      return major * 100 + cents;
    }
  return 0;
}

/**
 * fp_question_parse:
 * @text: the customer's question
 * @out: (out caller-allocates): what it asks
 *
 * Reads a question in English, German or Spanish: its kind by keywords, the first
 * amount in it, the first month named in it. Deterministic and total: any
 * text is a #FP_QUESTION_GENERAL question at worst.
 */
void
fp_question_parse (const char *text,
                   FpQuestion *out)
{
  g_autofree char *lower = NULL;
  g_autoptr(GString) word = g_string_new (NULL);

  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->kind = FP_QUESTION_GENERAL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  lower = g_utf8_strdown (text, -1);
  for (guint k = 0; k < G_N_ELEMENTS (keywords) && out->kind == FP_QUESTION_GENERAL; k++)
    for (guint i = 0; keywords[k].stems[i] != NULL; i++)
      if (strstr (lower, keywords[k].stems[i]) != NULL)
        {
          out->kind = keywords[k].kind;
          break;
        }

  out->amount_minor = amount_of (lower);
  /* Words are runs of letters (of any script). */
  for (const char *p = lower; out->month == 0; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalpha (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        out->month = month_of_word (word->str);
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
}

/* Facts */

/* Rounds @minor to @step major units and gives whole major units. */
static gint64
round_major (gint64 minor,
             gint64 step)
{
  gint64 unit = step * 100;
  gint64 half = unit / 2;

  if (minor >= 0)
    return minor > G_MAXINT64 - half ? minor / 100 : ((minor + half) / unit) * step;
  return minor < G_MININT64 + half ? minor / 100 : -(((-minor + half) / unit) * step);
}

/* Ten units below a thousand, a hundred above: rounded, not exact. */
static gint64
round_amount (gint64 minor)
{
  return round_major (minor, ABS (minor) < 100000 ? 10 : 100);
}

static void
add (GStrvBuilder *b,
     const char   *key,
     char         *value)
{
  g_strv_builder_add (b, key);
  g_strv_builder_add (b, value);
  g_free (value);
}

static void
add_amount (GStrvBuilder *b,
            const char   *key,
            gint64        minor)
{
  add (b, key, g_strdup_printf ("%" G_GINT64_FORMAT, round_amount (minor)));
}

static void
add_percent (GStrvBuilder *b,
             const char   *key,
             double        ratio)
{
  add (b, key, g_strdup_printf ("%d", (int) (ratio * 100.0 + (ratio >= 0 ? 0.5 : -0.5))));
}

static void
add_basics (GStrvBuilder      *b,
            const FpDashboard *d)
{
  gint64 income = fp_dashboard_get_monthly_income (d);
  gint64 spending = fp_dashboard_get_monthly_spending (d);

  add_amount (b, "monthly_income", income);
  add_amount (b, "monthly_spending", spending);
  add_amount (b, "monthly_surplus", income - spending);
}

static gboolean
add_forecast (GStrvBuilder      *b,
              const FpDashboard *d)
{
  const FpForecast *f = fp_dashboard_get_forecast (d);
  guint low = 0;

  if (f == NULL || f->n_days == 0 || f->expected_minor == NULL)
    return FALSE;
  for (guint i = 1; i < f->n_days; i++)
    if (f->expected_minor[i] < f->expected_minor[low])
      low = i;
  add (b, "forecast_days", g_strdup_printf ("%u", f->n_days));
  add_amount (b, "forecast_low_point", f->expected_minor[low]);
  add (b, "forecast_low_in_days", g_strdup_printf ("%u", low));
  if (f->band.available && f->low_minor != NULL && f->high_minor != NULL)
    {
      add_amount (b, "forecast_band_low", f->low_minor[f->n_days - 1]);
      add_amount (b, "forecast_band_high", f->high_minor[f->n_days - 1]);
    }
  if (f->first_risk_day != FP_DAY_NONE && f->first_risk_day >= f->start_day)
    add (b, "forecast_risk_in_days", g_strdup_printf ("%d", f->first_risk_day - f->start_day));
  return TRUE;
}

static void
add_afford (GStrvBuilder      *b,
            const FpDashboard *d,
            const FpQuestion  *q)
{
  gint64 surplus = fp_dashboard_get_monthly_income (d) - fp_dashboard_get_monthly_spending (d);

  add_basics (b, d);
  if (q->amount_minor > 0)
    {
      add (b, "asked_monthly", g_strdup_printf ("%" G_GINT64_FORMAT, round_major (q->amount_minor, 1)));
      add_amount (b, "surplus_after", surplus - q->amount_minor);
    }
  add_amount (b, "liquid_savings", fp_dashboard_get_liquid (d));
  add_forecast (b, d);
}

/* The month the question names (the latest of that name), else the
 * latest complete month, else the latest. */
static gssize
pick_month (const FpMonthSummary *months,
            gsize                 n,
            gint32                month)
{
  if (n == 0)
    return -1;
  for (gssize i = (gssize) n - 1; month != 0 && i >= 0; i--)
    if (months[i].month == month)
      return i;
  for (gssize i = (gssize) n - 1; i >= 0; i--)
    if (months[i].complete)
      return i;
  return (gssize) n - 1;
}

static void
add_spending (GStrvBuilder      *b,
              const FpDashboard *d,
              const FpQuestion  *q)
{
  gsize n = 0;
  const FpMonthSummary *months = fp_dashboard_get_months (d, &n);
  gssize m = pick_month (months, n, q->month);
  gint64 avg_total = 0;
  gint64 avg_cat[FP_N_CATEGORIES] = { 0 };
  guint n_before = 0;
  gboolean used[FP_N_CATEGORIES] = { FALSE };

  if (m < 0)
    {
      add_basics (b, d);
      return;
    }
  add (b, "month", g_strdup_printf ("%04d-%02d", months[m].year, months[m].month));
  add_amount (b, "month_spending", months[m].spending_minor);
  for (gssize i = m - 1; i >= 0 && n_before < 3; i--, n_before++)
    {
      avg_total += months[i].spending_minor;
      for (guint c = 0; c < FP_N_CATEGORIES; c++)
        avg_cat[c] += months[i].by_category_minor[c];
    }
  if (n_before == 0)
    return;
  avg_total /= n_before;
  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    avg_cat[c] /= n_before;
  add_amount (b, "previous_average", avg_total);
  add (b, "previous_months", g_strdup_printf ("%u", n_before));
  if (avg_total > 0)
    add_percent (b, "change_percent", (double) (months[m].spending_minor - avg_total) / (double) avg_total);

  /* The three categories that moved most, in the direction of the total. */
  for (guint rank = 1; rank <= 3; rank++)
    {
      gint64 sign = months[m].spending_minor >= avg_total ? 1 : -1;
      gint best = -1;
      gint64 best_change = 0;
      char key[32];

      for (guint c = 0; c < FP_N_CATEGORIES; c++)
        {
          gint64 change = (months[m].by_category_minor[c] - avg_cat[c]) * sign;

          if (!used[c] && change > best_change && round_amount (change) != 0)
            {
              best = (gint) c;
              best_change = change;
            }
        }
      if (best < 0)
        break;
      used[best] = TRUE;
      g_snprintf (key, sizeof key, "category_%u", rank);
      add (b, key, g_strdup (fp_category_get_id ((FpCategory) best)));
      g_snprintf (key, sizeof key, "category_%u_amount", rank);
      add_amount (b, key, months[m].by_category_minor[best]);
      g_snprintf (key, sizeof key, "category_%u_change", rank);
      add_amount (b, key, best_change * sign);
    }
}

static char *
key_of (const char *id,
        const char *suffix)
{
  char *key = g_strconcat (id, suffix, NULL);

  g_strdelimit (key, "-", '_');
  return key;
}

static void
add_health (GStrvBuilder      *b,
            const FpDashboard *d)
{
  gsize n = 0;
  const FpHealthComponentScore *cs = fp_dashboard_get_health_components (d, &n);
  const FpAvailability *a = fp_dashboard_get_health_availability (d);
  gssize weakest = -1;
  double weakest_share = 2.0;

  if (a != NULL && !a->available)
    {
      add (b, "health_score_available", g_strdup ("false"));
      return;
    }
  add (b, "health_score", g_strdup_printf ("%d", fp_dashboard_get_health_score (d)));
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *points = key_of (cs[i].id, "_points");
      g_autofree char *max = key_of (cs[i].id, "_max");
      double share = cs[i].weight > 0 ? (double) cs[i].points / cs[i].weight : 1.0;

      add (b, points, g_strdup_printf ("%d", cs[i].points));
      add (b, max, g_strdup_printf ("%d", cs[i].weight));
      if (cs[i].weight > 0 && share < weakest_share)
        {
          weakest = (gssize) i;
          weakest_share = share;
        }
    }
  if (weakest >= 0)
    add (b, "weakest_component", key_of (cs[weakest].id, ""));
}

static void
add_recurring (GStrvBuilder      *b,
               const FpDashboard *d)
{
  gsize n = 0;
  const FpRecurring *r = fp_dashboard_get_recurring (d, &n);
  guint n_bills = 0, n_subs = 0, n_rises = 0;
  gint64 bills = 0, subs = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (r[i].is_income)
        continue;
      n_bills++;
      bills += r[i].monthly_minor;
      if (r[i].is_subscription)
        {
          n_subs++;
          subs += r[i].monthly_minor;
        }
      if (r[i].price_rise)
        n_rises++;
    }
  add (b, "recurring_count", g_strdup_printf ("%u", n_bills));
  add_amount (b, "recurring_monthly", ABS (bills));
  add (b, "subscription_count", g_strdup_printf ("%u", n_subs));
  add_amount (b, "subscription_monthly", ABS (subs));
  add (b, "price_rises", g_strdup_printf ("%u", n_rises));
  add_amount (b, "monthly_income", fp_dashboard_get_monthly_income (d));
}

static void
add_debt (GStrvBuilder      *b,
          const FpDashboard *d)
{
  const FpHealthInputs *in = fp_dashboard_get_health_inputs (d);

  add_basics (b, d);
  if (in == NULL)
    return;
  add_amount (b, "monthly_debt_payments", in->monthly_debt_payments_minor);
  if (in->monthly_income_minor > 0)
    add_percent (b, "debt_to_income_percent",
                 (double) in->monthly_debt_payments_minor / (double) in->monthly_income_minor);
  if (in->credit_limit_minor > 0)
    add_percent (b, "credit_utilization_percent",
                 (double) in->credit_owed_minor / (double) in->credit_limit_minor);
}

/**
 * fp_assistant_pick_facts:
 * @dashboard: the customer's insights
 * @question: the parsed question
 * @currency: the ISO 4217 code of the amounts
 * @ctx: (nullable): the customer's profile, to redact with
 *
 * The facts that answer @question, and only those: aggregates from
 * @dashboard (whole currency units, rounded to tens or hundreds;
 * percentages; counts; category ids), starting with `question_kind` and
 * `currency`. Redacted with fp_redact_facts() and @ctx, though nothing
 * here reads a name, a merchant or an account.
 *
 * Returns: (transfer full): keys and values alternating, as
 *   fp_session_ask() takes them
 */
char **
fp_assistant_pick_facts (const FpDashboard     *dashboard,
                         const FpQuestion      *question,
                         const char            *currency,
                         const FpRedactContext *ctx)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) facts = NULL;
  FpRedactContext empty = { 0 };

  g_return_val_if_fail (dashboard != NULL && question != NULL && currency != NULL, NULL);

  add (b, "question_kind", g_strdup (fp_question_kind_get_id (question->kind)));
  add (b, "currency", g_strdup (currency));
  switch (question->kind)
    {
    case FP_QUESTION_AFFORD:
      add_afford (b, dashboard, question);
      break;
    case FP_QUESTION_SPENDING:
      add_spending (b, dashboard, question);
      break;
    case FP_QUESTION_HEALTH:
      add_health (b, dashboard);
      break;
    case FP_QUESTION_FORECAST:
      if (!add_forecast (b, dashboard))
        add_basics (b, dashboard);
      break;
    case FP_QUESTION_RECURRING:
      add_recurring (b, dashboard);
      break;
    case FP_QUESTION_DEBT:
      add_debt (b, dashboard);
      break;
    case FP_QUESTION_GENERAL:
    default:
      add_basics (b, dashboard);
      add_health (b, dashboard);
      break;
    }
  facts = g_strv_builder_end (b);
  return fp_redact_facts ((const char * const *) facts, ctx != NULL ? ctx : &empty, NULL);
}

/**
 * fp_assistant_fact_lookup:
 * @facts: (array zero-terminated=1): keys and values alternating
 * @key: a key
 *
 * Returns: (nullable): the value of @key
 */
const char *
fp_assistant_fact_lookup (const char * const *facts,
                          const char         *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; facts != NULL && facts[i] != NULL && facts[i + 1] != NULL; i += 2)
    if (strcmp (facts[i], key) == 0)
      return facts[i + 1];
  return NULL;
}
