/* fp-genai-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-consent.h"
#include "fp-genai-answer.h"
#include "fp-http-client.h"

G_BEGIN_DECLS

/* Caps on what the proxy may send back. */
#define FP_GENAI_MAX_NARRATIVE_BYTES (64 * 1024)
#define FP_GENAI_MAX_CHAT_BYTES      (256 * 1024)
#define FP_GENAI_MAX_FACTS           64

/**
 * FpGenaiText:
 * @text: the text the proxy wrote
 * @generator: who wrote it: `sandbox-template`, or `bedrock:<model>` in
 *   production; show it as the source
 * @id: (nullable): the narrative or conversation id
 * @facts_used: how many facts the text was built from
 *
 * A text from the GenAI proxy, with its source label.
 */
typedef struct {
  char  *text;
  char  *generator;
  char  *id;
  guint  facts_used;
} FpGenaiText;

void         fp_genai_text_free (FpGenaiText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpGenaiText, fp_genai_text_free)

/**
 * FpGenaiTask:
 * @FP_GENAI_TASK_NARRATE_SCENARIO: narrate a Time Machine scenario
 *   (`simulation_summary`)
 * @FP_GENAI_TASK_EXPLAIN_SPENDING: explain spending figures (`spending_summary`)
 * @FP_GENAI_TASK_EXPLAIN_HEALTH: explain the health score (`health_explanation`)
 * @FP_GENAI_TASK_EXPLAIN_OFFER: explain why an offer is shown (`offer_explanation`)
 * @FP_GENAI_TASK_ANSWER_QUESTION: answer the customer's question from the
 *   facts (`POST chat`)
 *
 * What the assistant may ask the GenAI proxy: the contract's templates.
 */
typedef enum {
  FP_GENAI_TASK_NARRATE_SCENARIO,
  FP_GENAI_TASK_EXPLAIN_SPENDING,
  FP_GENAI_TASK_EXPLAIN_HEALTH,
  FP_GENAI_TASK_EXPLAIN_OFFER,
  FP_GENAI_TASK_ANSWER_QUESTION,
} FpGenaiTask;

#define FP_TYPE_GENAI_CLIENT (fp_genai_client_get_type ())

G_DECLARE_FINAL_TYPE (FpGenaiClient, fp_genai_client, FP, GENAI_CLIENT, GObject)

FpGenaiClient *fp_genai_client_new                (FpHttpClient        *http,
                                                   const char          *path_prefix,
                                                   FpConsentPolicy     *policy);
void           fp_genai_client_set_profile        (FpGenaiClient       *self,
                                                   const char * const  *names,
                                                   const char * const  *addresses,
                                                   const char * const  *account_numbers,
                                                   const char          *birth_date);

char          *fp_genai_client_build_request      (FpGenaiClient       *self,
                                                   const char          *task,
                                                   const char          *locale,
                                                   const char * const  *facts,
                                                   GError             **error);

FpGenaiText   *fp_genai_client_narrate            (FpGenaiClient       *self,
                                                   const char          *task,
                                                   const char          *locale,
                                                   const char * const  *facts,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void           fp_genai_client_narrate_async      (FpGenaiClient       *self,
                                                   const char          *task,
                                                   const char          *locale,
                                                   const char * const  *facts,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
FpGenaiText   *fp_genai_client_narrate_finish     (FpGenaiClient       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

FpGenaiText   *fp_genai_client_chat               (FpGenaiClient       *self,
                                                   const char          *question,
                                                   const char          *locale,
                                                   const char * const  *facts,
                                                   FpGenaiDeltaFunc     delta,
                                                   gpointer             user_data,
                                                   GCancellable        *cancellable,
                                                   GError             **error);

FpGenaiAnswer *fp_genai_client_ask                (FpGenaiClient       *self,
                                                   FpGenaiTask          task,
                                                   const char          *question,
                                                   const char          *locale,
                                                   const char * const  *facts,
                                                   GCancellable        *cancellable);

char         **fp_genai_facts_from_pairs          (GPtrArray           *sim_facts);

G_END_DECLS
