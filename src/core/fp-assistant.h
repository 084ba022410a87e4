/* fp-assistant.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fp-insights.h"
#include "fp-redact.h"

G_BEGIN_DECLS

/**
 * FpQuestionKind:
 * @FP_QUESTION_GENERAL: anything else: income, spending, the score
 * @FP_QUESTION_AFFORD: "Can I afford $600 more rent a month?"
 * @FP_QUESTION_SPENDING: "Why did my spending go up in October?"
 * @FP_QUESTION_HEALTH: "What drives my health score?"
 * @FP_QUESTION_FORECAST: "Will I run low before payday?"
 * @FP_QUESTION_RECURRING: "What do my subscriptions cost?"
 * @FP_QUESTION_DEBT: "Should I take the loan?"
 *
 * What a question in plain language asks about, which decides the facts
 * that answer it.
 */
typedef enum {
  FP_QUESTION_GENERAL,
  FP_QUESTION_AFFORD,
  FP_QUESTION_SPENDING,
  FP_QUESTION_HEALTH,
  FP_QUESTION_FORECAST,
  FP_QUESTION_RECURRING,
  FP_QUESTION_DEBT,
} FpQuestionKind;

/**
 * FpQuestion:
 * @kind: what it asks about
 * @amount_minor: a monthly amount named in it ("$600"), in minor units, or 0
 * @month: a month named in it (1 to 12), or 0
 *
 * A question as the assistant reads it (English and German).
 */
typedef struct {
  FpQuestionKind kind;
  gint64         amount_minor;
  gint32         month;
} FpQuestion;

void         fp_question_parse           (const char              *text,
                                          FpQuestion              *out);
const char  *fp_question_kind_get_id     (FpQuestionKind           kind);

char       **fp_assistant_pick_facts     (const FpDashboard       *dashboard,
                                          const FpQuestion        *question,
                                          const char              *currency,
                                          const FpRedactContext   *ctx);
const char  *fp_assistant_fact_lookup    (const char * const      *facts,
                                          const char              *key);
char        *fp_assistant_write_local    (const char * const      *facts);

G_END_DECLS
