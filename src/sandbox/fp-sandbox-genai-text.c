/* fp-sandbox-genai-text.c
 *
 * The sandbox's template generator: plain sentences from aggregated facts,
 * in English or German, the same facts always giving the same text. The
 * sandbox's own GenAI endpoints and its Bedrock stand-in both answer with
 * it, so the live demo reads as the product would, while saying that no
 * language model wrote it.
 *
 * A template is a sentence with {key} placeholders ({|key|}: the absolute
 * value), used when every fact it names is there and its condition holds;
 * a fact no template used is written as "Your <key> is <value>.".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-genai"

#include "config.h"

#include <string.h>

#include "fp-sandbox-genai.h"

#define MAX_GENERIC 8

typedef struct {
  const char *cond_key;   /* (nullable) */
  const char *cond;       /* "+" (>= 0), "-" (< 0), "=VALUE", "!VALUE" */
  const char *en;
  const char *de;
} Template;

typedef struct {
  const FpSandboxFact *facts;
  guint                n;
  gboolean            *used;
  gboolean             de;
  const char          *currency;
  GString             *out;
} Ctx;

static const char *const money_suffixes[] = {
  "_income", "_spending", "_surplus", "_monthly", "_point", "_low", "_high", "_savings", "_average",
  "_amount", "_payments", "_after", "net_worth_end", "_net_worth", "net_worth_at_retirement", NULL,
};

static gssize
find (const Ctx  *c,
      const char *key)
{
  for (guint i = 0; i < c->n; i++)
    if (strcmp (c->facts[i].key, key) == 0)
      return i;
  return -1;
}

static gboolean
is_currency (const char *unit)
{
  return unit != NULL && strlen (unit) == 3 && g_ascii_isupper (unit[0]) && g_ascii_isupper (unit[1])
         && g_ascii_isupper (unit[2]);
}

static gboolean
is_money (const FpSandboxFact *f)
{
  if (is_currency (f->unit))
    return TRUE;
  if (f->unit != NULL)
    return FALSE;
  if (g_str_has_prefix (f->key, "category_") && g_str_has_suffix (f->key, "_change"))
    return TRUE;
  for (guint i = 0; money_suffixes[i] != NULL; i++)
    if (g_str_has_suffix (f->key, money_suffixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_percent (const FpSandboxFact *f)
{
  return g_strcmp0 (f->unit, "percent") == 0
         || (f->unit == NULL && (g_str_has_suffix (f->key, "_percent") || strstr (f->key, "probability") != NULL));
}

/* 4200.5 -> "4,200.5" (en) or "4.200,5" (de); anything else as it is. */
static void
append_number (GString    *out,
               const char *text,
               gboolean    de,
               gboolean    absolute,
               gboolean    money)
{
  const char *p = text;
  const char *dot;
  gsize int_len;

  if (!g_regex_match_simple ("^-?[0-9]+(\\.[0-9]+)?$", text, 0, 0))
    {
      g_string_append (out, text);
      return;
    }
  if (*p == '-')
    {
      if (!absolute)
        g_string_append (out, de ? "\342\210\222" : "\342\210\222");
      p++;
    }
  dot = strchr (p, '.');
  int_len = dot != NULL ? (gsize) (dot - p) : strlen (p);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, de ? '.' : ',');
      g_string_append_c (out, p[i]);
    }
  /* 30.0 years are 30 years */
  if (dot != NULL && !money && strspn (dot + 1, "0") == strlen (dot + 1))
    dot = NULL;
  if (dot != NULL)
    {
      g_string_append_c (out, de ? ',' : '.');
      g_string_append (out, dot + 1);
      /* Cents: 2140.5 is 2140.50 */
      if (money && strlen (dot + 1) == 1)
        g_string_append_c (out, '0');
    }
}

static const char *
symbol_of (const char *currency)
{
  if (g_strcmp0 (currency, "USD") == 0)
    return "$";
  if (g_strcmp0 (currency, "EUR") == 0)
    return "\342\202\254";
  if (g_strcmp0 (currency, "GBP") == 0)
    return "\302\243";
  return NULL;
}

static const struct {
  const char *id;
  const char *en;
  const char *de;
} words[] = {
  { "dining", "dining out", "Restaurants" },
  { "groceries", "groceries", "Lebensmittel" },
  { "transport", "transport", "Verkehr" },
  { "travel", "travel", "Reisen" },
  { "shopping", "shopping", "Einkäufe" },
  { "entertainment", "entertainment", "Unterhaltung" },
  { "health", "health", "Gesundheit" },
  { "utilities", "utilities", "Nebenkosten" },
  { "housing", "housing", "Wohnen" },
  { "education", "education", "Bildung" },
  { "services", "services", "Dienstleistungen" },
  { "insurance", "insurance", "Versicherungen" },
  { "government", "taxes and fees", "Steuern und Abgaben" },
  { "giving", "giving", "Spenden" },
  { "cash", "cash", "Bargeld" },
  { "fees", "fees", "Gebühren" },
  { "other", "other things", "Sonstiges" },
  { "retire", "retirement", "Ruhestand" },
  { "emergency_fund", "an emergency fund", "Notgroschen" },
  { "down_payment", "a down payment", "Eigenkapital" },
  { "home_purchase", "home purchase", "Hauskauf" },
  { "child", "child", "Kind" },
  { "career_break", "career break", "Auszeit" },
  { "windfall", "windfall", "Geldsegen" },
  { "loan_payoff", "loan payoff", "Kredittilgung" },
  { "savings_rate", "your savings rate", "Ihre Sparquote" },
  { "emergency_fund_component", "your emergency fund", "Ihr Notgroschen" },
  { "debt_to_income", "your debt payments against income", "Ihre Schuldenlast im Verhältnis zum Einkommen" },
  { "credit_utilization", "how much of your credit you use", "Ihre Kreditkartenauslastung" },
  { "payment_history", "your payment history", "Ihre Zahlungshistorie" },
  { "spending_volatility", "how steady your spending is", "die Gleichmäßigkeit Ihrer Ausgaben" },
};

static void
append_value (Ctx                 *c,
              const FpSandboxFact *f,
              gboolean             absolute,
              gboolean             component)
{
  const char *currency = is_currency (f->unit) ? f->unit : c->currency;
  const char *symbol = symbol_of (currency);

  if (is_money (f))
    {
      if (!c->de && symbol != NULL)
        {
          if (f->value[0] == '-' && !absolute)
            g_string_append (c->out, "\342\210\222");
          g_string_append (c->out, symbol);
          append_number (c->out, f->value[0] == '-' ? f->value + 1 : f->value, FALSE, TRUE, TRUE);
        }
      else
        {
          append_number (c->out, f->value, c->de, absolute, TRUE);
          if (currency != NULL)
            g_string_append_printf (c->out, "\302\240%s", symbol != NULL ? symbol : currency);
        }
      return;
    }
  if (is_percent (f))
    {
      append_number (c->out, f->value, c->de, absolute, FALSE);
      g_string_append (c->out, c->de ? "\302\240%" : "%");
      return;
    }
  if (strcmp (f->key, "month") == 0 && g_regex_match_simple ("^[0-9]{4}-[0-9]{2}$", f->value, 0, 0))
    {
      static const char *const en[] = { "January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December" };
      static const char *const de[] = { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
                                         "August", "September", "Oktober", "November", "Dezember" };
      int m = (f->value[5] - '0') * 10 + (f->value[6] - '0');

      if (m >= 1 && m <= 12)
        {
          g_string_append_printf (c->out, "%s %.4s", c->de ? de[m - 1] : en[m - 1], f->value);
          return;
        }
    }
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *id = pass == 0 ? g_strconcat (f->value, "_component", NULL) : g_strdup (f->value);

      if (pass == 0 && !component)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        if (strcmp (id, words[i].id) == 0)
          {
            g_string_append (c->out, c->de ? words[i].de : words[i].en);
            return;
          }
    }
  append_number (c->out, f->value, c->de, absolute, FALSE);
  if (f->unit != NULL && strcmp (f->unit, "count") != 0 && strcmp (f->unit, "ratio") != 0
      && strcmp (f->unit, "score") != 0)
    g_string_append_printf (c->out, "\302\240%s", f->unit);
}

static gboolean
cond_holds (const Ctx      *c,
            const Template *t)
{
  gssize i;
  const char *v;

  if (t->cond_key == NULL)
    return TRUE;
  i = find (c, t->cond_key);
  if (i < 0)
    return FALSE;
  v = c->facts[i].value;
  switch (t->cond[0])
    {
    case '+':
      return v[0] != '-';
    case '-':
      return v[0] == '-';
    case '=':
      return strcmp (v, t->cond + 1) == 0;
    case '!':
      return strcmp (v, t->cond + 1) != 0;
    default:
      return FALSE;
    }
}

/* Writes @t if its facts are there; marks them used. */
static gboolean
apply (Ctx            *c,
       const Template *t)
{
  const char *text = c->de ? t->de : t->en;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *saved = c->out;

  if (!cond_holds (c, t))
    return FALSE;
  c->out = out;
  for (const char *p = text; *p; p++)
    {
      const char *end;
      g_autofree char *key = NULL;
      gboolean absolute = FALSE;
      gssize i;

      if (*p != '{' || (end = strchr (p, '}')) == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }
      key = g_strndup (p + 1, (gsize) (end - p - 1));
      if (key[0] == '|')
        {
          absolute = TRUE;
          memmove (key, key + 1, strlen (key));
          key[strlen (key) - 1] = '\0';
        }
      i = find (c, key);
      /* Each fact is said once: a template whose fact was said is left out. */
      if (i < 0 || c->used[i])
        {
          c->out = saved;
          return FALSE;
        }
      append_value (c, &c->facts[i], absolute, strcmp (key, "weakest_component") == 0);
      g_array_append_val (keys, i);
      p = end;
    }
  c->out = saved;
  /* A sentence starts with a capital ("dining out added…"). */
  if (out->len > 0 && g_unichar_islower (g_utf8_get_char (out->str)))
    {
      gunichar first = g_unichar_toupper (g_utf8_get_char (out->str));
      char buf[6];
      gint len = g_unichar_to_utf8 (first, buf);

      g_string_erase (out, 0, g_utf8_next_char (out->str) - out->str);
      g_string_insert_len (out, 0, buf, len);
    }
  if (t->cond_key != NULL)
    {
      gssize i = find (c, t->cond_key);

      g_array_append_val (keys, i);
    }
  for (guint k = 0; k < keys->len; k++)
    c->used[g_array_index (keys, guint, k)] = TRUE;
  if (c->out->len > 0)
    g_string_append_c (c->out, ' ');
  g_string_append (c->out, out->str);
  return TRUE;
}

static void
apply_all (Ctx            *c,
           const Template *ts,
           gsize           n)
{
  for (gsize i = 0; i < n; i++)
    apply (c, &ts[i]);
}

#define APPLY(c, ts) apply_all ((c), (ts), G_N_ELEMENTS (ts))

static const Template basics[] = {
  { NULL, NULL, "You earn about {monthly_income} a month and spend about {monthly_spending}.",
    "Sie verdienen etwa {monthly_income} im Monat und geben etwa {monthly_spending} aus." },
  { NULL, NULL, "You earn about {monthly_income} a month.", "Sie verdienen etwa {monthly_income} im Monat." },
  { NULL, NULL, "You spend about {monthly_spending} a month.", "Sie geben etwa {monthly_spending} im Monat aus." },
  { "monthly_surplus", "+", "That leaves about {monthly_surplus} a month.",
    "Damit bleiben etwa {monthly_surplus} im Monat übrig." },
  { "monthly_surplus", "-", "That is about {|monthly_surplus|} a month more than comes in.",
    "Das sind etwa {|monthly_surplus|} im Monat mehr, als hereinkommt." },
};

static const Template afford[] = {
  { "surplus_after", "+", "With {asked_monthly} more a month you would still keep about {surplus_after} a month, "
    "so it looks affordable from your usual figures.",
    "Mit {asked_monthly} mehr im Monat blieben Ihnen noch etwa {surplus_after} im Monat; nach Ihren üblichen "
    "Zahlen ist das machbar." },
  { "surplus_after", "-", "With {asked_monthly} more a month you would spend about {|surplus_after|} a month more "
    "than you earn, so it does not look affordable without cutting elsewhere.",
    "Mit {asked_monthly} mehr im Monat gäben Sie etwa {|surplus_after|} im Monat mehr aus, als Sie verdienen; "
    "ohne Einsparungen an anderer Stelle ist das nicht machbar." },
  { NULL, NULL, "You have about {liquid_savings} in your current and savings accounts.",
    "Auf Giro- und Sparkonten haben Sie etwa {liquid_savings}." },
};

static const Template forecast[] = {
  { NULL, NULL, "Over the next {forecast_days} days your balance is expected to be lowest, about "
    "{forecast_low_point}, in {forecast_low_in_days} days.",
    "In den nächsten {forecast_days} Tagen erreicht Ihr Kontostand voraussichtlich in "
    "{forecast_low_in_days} Tagen seinen Tiefpunkt von etwa {forecast_low_point}." },
  { NULL, NULL, "At the end it will most likely be between {forecast_band_low} and {forecast_band_high}.",
    "Am Ende liegt er wahrscheinlich zwischen {forecast_band_low} und {forecast_band_high}." },
  { NULL, NULL, "It may fall below your safety margin in {forecast_risk_in_days} days.",
    "In {forecast_risk_in_days} Tagen könnte er unter Ihre Sicherheitsreserve fallen." },
};

static const Template spending[] = {
  { NULL, NULL, "In {month} you spent about {month_spending}.", "Im {month} haben Sie etwa {month_spending} ausgegeben." },
  { "change_percent", "+", "That is {change_percent} more than on average in the {previous_months} months before "
    "(about {previous_average}).",
    "Das sind {change_percent} mehr als im Schnitt der {previous_months} Monate davor (etwa {previous_average})." },
  { "change_percent", "-", "That is {|change_percent|} less than on average in the {previous_months} months before "
    "(about {previous_average}).",
    "Das sind {|change_percent|} weniger als im Schnitt der {previous_months} Monate davor (etwa {previous_average})." },
  { "category_1_change", "+", "Most of the rise came from {category_1}: {category_1_amount}, about "
    "{category_1_change} more than usual.",
    "Den größten Anteil am Anstieg hatten {category_1}: {category_1_amount}, etwa {category_1_change} mehr als "
    "sonst." },
  { "category_1_change", "-", "The biggest drop was in {category_1}: {category_1_amount}, about "
    "{|category_1_change|} less than usual.",
    "Am stärksten gesunken sind {category_1}: {category_1_amount}, etwa {|category_1_change|} weniger als sonst." },
  { "category_2_change", "+", "{category_2} came to {category_2_amount}, about {category_2_change} more.",
    "{category_2} kamen auf {category_2_amount}, etwa {category_2_change} mehr." },
  { "category_2_change", "-", "{category_2} came to {category_2_amount}, about {|category_2_change|} less.",
    "{category_2} kamen auf {category_2_amount}, etwa {|category_2_change|} weniger." },
  { "category_3_change", "+", "{category_3} came to {category_3_amount}, about {category_3_change} more.",
    "{category_3} kamen auf {category_3_amount}, etwa {category_3_change} mehr." },
  { "category_3_change", "-", "{category_3} came to {category_3_amount}, about {|category_3_change|} less.",
    "{category_3} kamen auf {category_3_amount}, etwa {|category_3_change|} weniger." },
  { NULL, NULL, "You spend about {monthly_spending} a month.", "Sie geben etwa {monthly_spending} im Monat aus." },
  { NULL, NULL, "Most of it goes to {top_category}.", "Das meiste davon geht an {top_category}." },
};

static const Template health[] = {
  { NULL, NULL, "Your financial health score is {health_score} out of 100.",
    "Ihr Finanzgesundheitswert liegt bei {health_score} von 100." },
  { "health_score_available", "=false", "Your health score needs about two months of history first.",
    "Für den Gesundheitswert braucht es erst etwa zwei Monate an Daten." },
  { NULL, NULL, "The most room to improve is in {weakest_component}.",
    "Am meisten Luft nach oben gibt es bei {weakest_component}." },
};

static const Template recurring[] = {
  { NULL, NULL, "You have {recurring_count} regular payments, about {recurring_monthly} a month together.",
    "Sie haben {recurring_count} regelmäßige Zahlungen, zusammen etwa {recurring_monthly} im Monat." },
  { "subscription_count", "!0", "{subscription_count} of them are subscriptions (about {subscription_monthly} a month).",
    "Davon sind {subscription_count} Abos (etwa {subscription_monthly} im Monat)." },
  { "price_rises", "!0", "{price_rises} of them recently got more expensive.",
    "{price_rises} davon sind zuletzt teurer geworden." },
};

static const Template debt[] = {
  { NULL, NULL, "Your debt payments are about {monthly_debt_payments} a month, {debt_to_income_percent} of your income.",
    "Ihre Kreditraten betragen etwa {monthly_debt_payments} im Monat, {debt_to_income_percent} Ihres Einkommens." },
  { NULL, NULL, "You use {credit_utilization_percent} of your credit card limits.",
    "Sie nutzen {credit_utilization_percent} Ihrer Kreditkartenlimits." },
};

static const Template simulation[] = {
  { NULL, NULL, "Over the next {horizon_years} years your net worth goes from about {start_net_worth} to a median "
    "of about {median_net_worth_end}.",
    "In den nächsten {horizon_years} Jahren entwickelt sich Ihr Vermögen von etwa {start_net_worth} auf im Median "
    "etwa {median_net_worth_end}." },
  { "money_basis", "=today", "All amounts are in today's money.", "Alle Beträge sind in heutiger Kaufkraft." },
  { "money_basis", "=nominal", "The amounts are nominal, without inflation taken out.",
    "Die Beträge sind nominal, ohne Abzug der Inflation." },
  { NULL, NULL, "In the weakest 5% of the {paths} simulated paths it ends below {p5_net_worth_end}, in the "
    "strongest 5% above {p95_net_worth_end}.",
    "In den schwächsten 5\302\240% der {paths} simulierten Verläufe endet es unter {p5_net_worth_end}, in den "
    "stärksten 5\302\240% über {p95_net_worth_end}." },
  { NULL, NULL, "You are {current_age} today and plan to retire at {retirement_age}.",
    "Sie sind heute {current_age} und planen den Ruhestand mit {retirement_age}." },
  { NULL, NULL, "At retirement the median is about {median_net_worth_at_retirement}.",
    "Zum Ruhestand liegt der Median bei etwa {median_net_worth_at_retirement}." },
  { NULL, NULL, "The chance of running out of money is {probability_run_out}.",
    "Die Wahrscheinlichkeit, dass das Geld ausgeht, liegt bei {probability_run_out}." },
  { "spending_change_percent", "+", "You plan to spend {spending_change_percent} more than today.",
    "Sie planen, {spending_change_percent} mehr auszugeben als heute." },
  { "spending_change_percent", "-", "You plan to spend {|spending_change_percent|} less than today.",
    "Sie planen, {|spending_change_percent|} weniger auszugeben als heute." },
  { NULL, NULL, "You save an extra {extra_savings_monthly} each month.",
    "Sie sparen monatlich zusätzlich {extra_savings_monthly}." },
  { NULL, NULL, "You reach your retirement goal in {probability_retire_goal} of the paths.",
    "Ihr Ruhestandsziel erreichen Sie in {probability_retire_goal} der Verläufe." },
};

#define GOAL(n)                                                                                           \
  { "goal_" #n "_median_years", "!never", "Your goal of {goal_" #n "_kind} is reached in {goal_" #n       \
    "_probability} of the paths, after {goal_" #n "_median_years} years in the median.",                  \
    "Ihr Ziel {goal_" #n "_kind} wird in {goal_" #n "_probability} der Verläufe erreicht, im Median nach " \
    "{goal_" #n "_median_years} Jahren." },                                                               \
  { "goal_" #n "_median_years", "=never", "Your goal of {goal_" #n "_kind} is reached in {goal_" #n       \
    "_probability} of the paths.",                                                                        \
    "Ihr Ziel {goal_" #n "_kind} wird in {goal_" #n "_probability} der Verläufe erreicht." },              \
  { "event_" #n "_kind", "!unknown", "The {event_" #n "_kind} is planned in {event_" #n "_years} years.",   \
    "{event_" #n "_kind} ist in {event_" #n "_years} Jahren geplant." }

static const Template goals[] = { GOAL (0), GOAL (1), GOAL (2), GOAL (3), GOAL (4), GOAL (5) };

static void
humanize (GString    *out,
          const char *key)
{
  for (const char *p = key; *p; p++)
    g_string_append_c (out, (*p == '_' || *p == '.') ? ' ' : *p);
}

/**
 * fp_sandbox_genai_compose:
 * @task: (nullable): a narrative task, or %NULL for an answer to a question
 * @locale: (nullable): `en`, `de`, `de-DE`…; German for `de*`, else English
 * @facts: (array length=n_facts): the facts
 * @n_facts: how many
 *
 * The sandbox's deterministic template generator: the same facts give the
 * same text, which says it was not written by a language model.
 *
 * Returns: (transfer full): the text
 */
char *
fp_sandbox_genai_compose (const char          *task,
                          const char          *locale,
                          const FpSandboxFact *facts,
                          guint                n_facts)
{
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_facts, 1));
  Ctx c = { facts, n_facts, used, locale != NULL && g_str_has_prefix (locale, "de"), NULL, g_string_new (NULL) };
  gssize cur = find (&c, "currency");
  gssize kind_i = find (&c, "question_kind");
  const char *kind = kind_i >= 0 ? facts[kind_i].value : NULL;
  guint generic = 0, skipped = 0;

  if (cur >= 0)
    {
      c.currency = facts[cur].value;
      used[cur] = TRUE;
    }
  if (kind_i >= 0)
    used[kind_i] = TRUE;

  if (g_strcmp0 (task, "simulation_summary") == 0)
    {
      APPLY (&c, simulation);
      APPLY (&c, goals);
    }
  else if (g_strcmp0 (task, "spending_summary") == 0 || g_strcmp0 (kind, "spending") == 0)
    APPLY (&c, spending);
  else if (g_strcmp0 (task, "health_explanation") == 0 || g_strcmp0 (kind, "health") == 0)
    APPLY (&c, health);
  else if (g_strcmp0 (kind, "afford") == 0)
    {
      APPLY (&c, basics);
      APPLY (&c, afford);
      APPLY (&c, forecast);
    }
  else if (g_strcmp0 (kind, "forecast") == 0)
    APPLY (&c, forecast);
  else if (g_strcmp0 (kind, "recurring") == 0)
    APPLY (&c, recurring);
  else if (g_strcmp0 (kind, "debt") == 0)
    {
      APPLY (&c, basics);
      APPLY (&c, debt);
    }
  else if (g_strcmp0 (task, "offer_explanation") == 0)
    g_string_append (c.out, c.de ? "Dieses Angebot wird Ihnen aus diesen Gründen gezeigt:"
                                 : "This offer is shown to you for these reasons:");
  APPLY (&c, basics);
  APPLY (&c, health);

  for (guint i = 0; i < n_facts; i++)
    {
      if (used[i])
        continue;
      if (generic == MAX_GENERIC || g_str_has_suffix (facts[i].key, "_points") || g_str_has_suffix (facts[i].key, "_max"))
        {
          skipped++;
          continue;
        }
      generic++;
      if (c.out->len > 0)
        g_string_append_c (c.out, ' ');
      if (c.de)
        {
          g_string_append (c.out, "„");
          humanize (c.out, facts[i].key);
          g_string_append (c.out, "“: ");
        }
      else
        {
          g_string_append (c.out, "Your ");
          humanize (c.out, facts[i].key);
          g_string_append (c.out, " is ");
        }
      append_value (&c, &facts[i], FALSE, FALSE);
      g_string_append_c (c.out, '.');
    }
  if (skipped > 0)
    g_string_append_printf (c.out, c.de ? " %u weitere Zahlen wurden berücksichtigt." : " %u more figures were considered.",
                            skipped);
  if (c.out->len == 0)
    g_string_append (c.out, c.de ? "Dazu liegen keine Zahlen vor." : "There are no figures to answer that.");
  g_string_append (c.out, c.de ? " Dieser Text stammt vom Vorlagengenerator der Sandbox, nicht von einem Sprachmodell."
                               : " This text was written by the sandbox's template generator, not by a language model.");
  return g_string_free (c.out, FALSE);
}
