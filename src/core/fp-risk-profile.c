/* fp-risk-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Willingness from the questionnaire, capped by capacity; see the header.
 */

#define G_LOG_DOMAIN "fp-risk-profile"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-credit-line.h"
#include "fp-error.h"
#include "fp-money.h"
#include "fp-risk-profile.h"

static const char *const horizon_ids[] = { "under_3_years", "3_to_5_years", "6_to_10_years", "over_10_years" };
static const char *const reaction_ids[] = { "sell_all", "sell_some", "hold", "buy_more" };
static const char *const experience_ids[] = { "none", "some", "experienced" };
static const guint horizon_years[] = { 2, 4, 8, 15 };

static gboolean
from_id (const char        *id,
         const char *const *ids,
         guint              n,
         guint             *out)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (id, ids[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
fp_risk_horizon_to_id (FpRiskHorizon horizon)
{
  g_return_val_if_fail ((guint) horizon < G_N_ELEMENTS (horizon_ids), horizon_ids[0]);
  return horizon_ids[horizon];
}

gboolean
fp_risk_horizon_from_id (const char    *id,
                         FpRiskHorizon *out)
{
  guint i;

  if (!from_id (id, horizon_ids, G_N_ELEMENTS (horizon_ids), &i))
    return FALSE;
  *out = (FpRiskHorizon) i;
  return TRUE;
}

const char *
fp_loss_reaction_to_id (FpLossReaction reaction)
{
  g_return_val_if_fail ((guint) reaction < G_N_ELEMENTS (reaction_ids), reaction_ids[0]);
  return reaction_ids[reaction];
}

gboolean
fp_loss_reaction_from_id (const char     *id,
                          FpLossReaction *out)
{
  guint i;

  if (!from_id (id, reaction_ids, G_N_ELEMENTS (reaction_ids), &i))
    return FALSE;
  *out = (FpLossReaction) i;
  return TRUE;
}

const char *
fp_invest_experience_to_id (FpInvestExperience experience)
{
  g_return_val_if_fail ((guint) experience < G_N_ELEMENTS (experience_ids), experience_ids[0]);
  return experience_ids[experience];
}

gboolean
fp_invest_experience_from_id (const char         *id,
                              FpInvestExperience *out)
{
  guint i;

  if (!from_id (id, experience_ids, G_N_ELEMENTS (experience_ids), &i))
    return FALSE;
  *out = (FpInvestExperience) i;
  return TRUE;
}

/**
 * fp_risk_capacity_from_dashboard:
 * @out: (out): the capacity inputs
 * @dashboard: the computed insights
 * @currency: ISO 4217 code for the texts
 */
void
fp_risk_capacity_from_dashboard (FpRiskCapacityInputs *out,
                                 const FpDashboard    *dashboard,
                                 const char           *currency)
{
  const FpHealthInputs *h;
  FpCreditLineInputs line;

  g_return_if_fail (out != NULL);
  g_return_if_fail (dashboard != NULL);

  memset (out, 0, sizeof *out);
  h = fp_dashboard_get_health_inputs (dashboard);
  fp_credit_line_inputs_from_dashboard (&line, dashboard);
  out->monthly_income_minor = fp_dashboard_get_monthly_income (dashboard);
  out->monthly_spending_minor = fp_dashboard_get_monthly_spending (dashboard);
  out->liquid_minor = h->liquid_minor;
  out->monthly_debt_payments_minor = h->monthly_debt_payments_minor;
  out->income_variation = line.values[FP_CREDIT_INCOME_STABILITY];
  out->currency = currency;
}

/**
 * fp_risk_profile_free:
 * @profile: (nullable): a profile
 */
void
fp_risk_profile_free (FpRiskProfile *profile)
{
  if (profile == NULL)
    return;
  for (guint i = 0; i < profile->n_lines; i++)
    g_free (profile->lines[i]);
  g_free (profile);
}

static void
add_line (FpRiskProfile *p,
          char          *line)
{
  g_assert (p->n_lines < FP_RISK_MAX_LINES);
  p->lines[p->n_lines++] = line;
}

static void
cap (FpRiskProfile *p,
     guint          value,
     char          *why)
{
  p->capacity = MIN (p->capacity, value);
  add_line (p, g_strdup_printf (_("Capacity at most %u: %s"), value, why));
  g_free (why);
}

/**
 * fp_risk_profile_compute:
 * @answers: the questionnaire's answers
 * @capacity: (nullable): the customer's finances; %NULL when they may not
 *   be used (no consent to personalization): the capacity is then not
 *   assessed and does not cap
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Returns: (transfer full) (nullable): the profile and how it was reached
 */
FpRiskProfile *
fp_risk_profile_compute (const FpRiskAnswers        *answers,
                         const FpRiskCapacityInputs *capacity,
                         GError                    **error)
{
  static const guint horizon_points[] = { 0, 1, 2, 3 };
  static const guint reaction_points[] = { 0, 1, 2, 3 };
  static const guint experience_points[] = { 0, 1, 2 };
  g_autoptr(FpRiskProfile) p = NULL;

  g_return_val_if_fail (answers != NULL, NULL);

  if ((guint) answers->horizon >= G_N_ELEMENTS (horizon_ids) ||
      (guint) answers->loss_reaction >= G_N_ELEMENTS (reaction_ids) ||
      (guint) answers->experience >= G_N_ELEMENTS (experience_ids))
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, "An answer of the questionnaire is invalid");
      return NULL;
    }

  p = g_new0 (FpRiskProfile, 1);
  p->answers = *answers;
  p->horizon_years = horizon_years[answers->horizon];
  p->willingness_points = horizon_points[answers->horizon] + reaction_points[answers->loss_reaction] +
                          experience_points[answers->experience];
  /* 1 + round (6 × points / 8), halves up, in integers. */
  p->willingness = 1 + (6 * p->willingness_points + 4) / 8;
  add_line (p, g_strdup_printf (_("Willingness %u of 7: %u points for the horizon, %u for the reaction to a "
                                  "loss and %u for experience make %u of 8."),
                                p->willingness, horizon_points[answers->horizon],
                                reaction_points[answers->loss_reaction], experience_points[answers->experience],
                                p->willingness_points));

  p->capacity = 7;
  if (answers->horizon == FP_HORIZON_UNDER_3_YEARS)
    cap (p, 3, g_strdup (_("money needed within 3 years cannot wait for markets to recover.")));

  if (capacity == NULL)
    add_line (p, g_strdup (_("Your capacity to take risk was not assessed: your accounts are used only with "
                             "your consent to personalization.")));
  else
    {
      double months = capacity->monthly_spending_minor > 0
                      ? (double) MAX (0, capacity->liquid_minor) / (double) capacity->monthly_spending_minor
                      : 12.0;
      g_autofree char *m = g_strdup_printf ("%.1f", months);

      if (months < 1.0)
        cap (p, 2, g_strdup_printf (_("your savings cover %s months of spending, less than one."), m));
      else if (months < 3.0)
        cap (p, 3, g_strdup_printf (_("your savings cover %s months of spending, less than three."), m));

      if (capacity->monthly_income_minor <= 0)
        cap (p, 3, g_strdup (_("no regular income was found.")));
      else
        {
          gint64 dti = capacity->monthly_debt_payments_minor * 100 / capacity->monthly_income_minor;

          if (dti > 40)
            cap (p, 3, g_strdup_printf (_("debt payments take %d %% of your income."), (int) dti));
          else if (dti > 20)
            cap (p, 5, g_strdup_printf (_("debt payments take %d %% of your income."), (int) dti));
        }
      if (capacity->income_variation > 0.30)
        cap (p, 4, g_strdup_printf (_("your income varies by %.0f %% from month to month."),
                                    capacity->income_variation * 100.0));
      else if (capacity->income_variation > 0.15)
        cap (p, 5, g_strdup_printf (_("your income varies by %.0f %% from month to month."),
                                    capacity->income_variation * 100.0));
      if (p->capacity == 7)
        add_line (p, g_strdup (_("Capacity 7 of 7: an emergency fund, moderate debts and a steady income.")));
    }

  p->score = MIN (p->willingness, p->capacity);
  p->capped = p->capacity < p->willingness;
  add_line (p, p->capped ? g_strdup_printf (_("Your profile is %u: your capacity (%u) caps your willingness (%u)."),
                                            p->score, p->capacity, p->willingness)
                         : g_strdup_printf (_("Your profile is %u, your willingness; your capacity (%u) allows it."),
                                            p->score, p->capacity));
  return g_steal_pointer (&p);
}
