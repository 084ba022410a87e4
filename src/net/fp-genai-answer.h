/* fp-genai-answer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-http-client.h"

G_BEGIN_DECLS

#define FP_GENAI_ERROR (fp_genai_error_quark ())

/**
 * FpGenaiError:
 * @FP_GENAI_ERROR_NO_CONSENT: the customer has not given the GenAI consent
 *   (here, or at the bank); nothing was sent. Answer on the device instead
 * @FP_GENAI_ERROR_OFFLINE: the GenAI proxy could not be reached
 * @FP_GENAI_ERROR_THROTTLED: the proxy or the model is busy, or the
 *   customer asked too often today; see #FpGenaiAnswer:retry-after
 * @FP_GENAI_ERROR_REFUSED: the proxy refused the question as it was
 *   (personal data, a malformed request); asking again will not help
 * @FP_GENAI_ERROR_UNAUTHORIZED: the sign-in expired
 * @FP_GENAI_ERROR_INTERRUPTED: the answer broke off; what came so far is
 *   in #FpGenaiAnswer:text, asking again may help
 * @FP_GENAI_ERROR_FAILED: anything else
 *
 * What went wrong with a GenAI answer, in the kinds the assistant page
 * shows. Messages are sentences for the customer.
 */
typedef enum {
  FP_GENAI_ERROR_NO_CONSENT,
  FP_GENAI_ERROR_OFFLINE,
  FP_GENAI_ERROR_THROTTLED,
  FP_GENAI_ERROR_REFUSED,
  FP_GENAI_ERROR_UNAUTHORIZED,
  FP_GENAI_ERROR_INTERRUPTED,
  FP_GENAI_ERROR_FAILED,
} FpGenaiError;

GQuark fp_genai_error_quark (void);

/**
 * FpGenaiAnswerState:
 * @FP_GENAI_ANSWER_RUNNING: asked; pieces may be arriving
 * @FP_GENAI_ANSWER_DONE: the whole answer arrived (#FpGenaiAnswer::done)
 * @FP_GENAI_ANSWER_FAILED: it failed (#FpGenaiAnswer::failed)
 * @FP_GENAI_ANSWER_CANCELLED: fp_genai_answer_cancel() or the cancellable
 */
typedef enum {
  FP_GENAI_ANSWER_RUNNING,
  FP_GENAI_ANSWER_DONE,
  FP_GENAI_ANSWER_FAILED,
  FP_GENAI_ANSWER_CANCELLED,
} FpGenaiAnswerState;

/**
 * FpGenaiDeltaFunc:
 * @text: the next piece of the answer
 * @user_data: the caller's data
 *
 * Receives an answer piece by piece, in order.
 */
typedef void (*FpGenaiDeltaFunc) (const char *text,
                                  gpointer    user_data);

/**
 * FpGenaiStreamResult:
 * @text: the whole answer
 * @generator: who wrote it (`bedrock:<model>`, `sandbox-template`)
 * @id: the conversation or narrative id
 * @finish_reason: `stop`, `length` or `content_filter`
 * @fact_keys: (array zero-terminated=1) (nullable): the keys of the facts
 *   the answer was based on, as the proxy reports them
 */
typedef struct {
  char  *text;
  char  *generator;
  char  *id;
  char  *finish_reason;
  GStrv  fact_keys;
} FpGenaiStreamResult;

void     fp_genai_stream_result_clear (FpGenaiStreamResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpGenaiStreamResult, fp_genai_stream_result_clear)

gboolean fp_genai_stream_read         (FpHttpClient        *http,
                                       const char          *path,
                                       const char          *request,
                                       FpGenaiDeltaFunc     delta,
                                       gpointer             user_data,
                                       GCancellable        *cancellable,
                                       FpGenaiStreamResult *out,
                                       gint64              *out_retry_after,
                                       GError             **error);
GError  *fp_genai_error_new_from      (const GError        *error,
                                       guint                status);

#define FP_TYPE_GENAI_ANSWER (fp_genai_answer_get_type ())

G_DECLARE_FINAL_TYPE (FpGenaiAnswer, fp_genai_answer, FP, GENAI_ANSWER, GObject)

FpGenaiAnswerState  fp_genai_answer_get_state       (FpGenaiAnswer *self);
const char         *fp_genai_answer_get_text        (FpGenaiAnswer *self);
const char         *fp_genai_answer_get_generator   (FpGenaiAnswer *self);
const char * const *fp_genai_answer_get_facts_used  (FpGenaiAnswer *self);
const char         *fp_genai_answer_get_finish_reason (FpGenaiAnswer *self);
gint64              fp_genai_answer_get_retry_after (FpGenaiAnswer *self);
const GError       *fp_genai_answer_get_error       (FpGenaiAnswer *self);
void                fp_genai_answer_cancel          (FpGenaiAnswer *self);

/* For fp-genai-client.c: start an answer, or fail it at once. */
FpGenaiAnswer      *_fp_genai_answer_start          (const char          *base_url,
                                                     const char          *access_token,
                                                     const char          *path,
                                                     char                *request,
                                                     GStrv                sent_facts,
                                                     GCancellable        *cancellable);
FpGenaiAnswer      *_fp_genai_answer_new_failed     (GError              *error);

G_END_DECLS
