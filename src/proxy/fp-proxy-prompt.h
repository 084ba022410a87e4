/* fp-proxy-prompt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fp-redact.h"

G_BEGIN_DECLS

/* The contract's limits (data/api/finpersona-genai.openapi.json). */
#define FP_PROXY_MAX_FACTS        64
#define FP_PROXY_MAX_FACT_TEXT    64
#define FP_PROXY_MAX_MESSAGES     20
#define FP_PROXY_MAX_CONTENT      2000

/**
 * FpProxyRoute:
 * @FP_PROXY_ROUTE_NARRATIVES: `POST /v1/narratives`: a template over facts
 * @FP_PROXY_ROUTE_CHAT: `POST /v1/chat`: a question answered from facts
 */
typedef enum {
  FP_PROXY_ROUTE_NARRATIVES,
  FP_PROXY_ROUTE_CHAT,
} FpProxyRoute;

/**
 * FpProxyFact:
 * @key: `[a-z0-9_.]{1,64}`
 * @value_json: the value as JSON (a number, `true`/`false`, or a string)
 * @value_text: the value as plain text, for the PII scan
 * @unit: (nullable): one of the contract's units
 */
typedef struct {
  char *key;
  char *value_json;
  char *value_text;
  char *unit;
} FpProxyFact;

/**
 * FpProxyMessage:
 * @role: `user` or `assistant`
 * @content: 1 to 2000 characters
 */
typedef struct {
  char *role;
  char *content;
} FpProxyMessage;

/**
 * FpProxyAsk:
 * @route: where it came in
 * @template_name: `simulation_summary`, `spending_summary`,
 *   `health_explanation`, `offer_explanation` or `answer_question`
 * @locale: the language tag, `en` when none was given
 * @facts: (element-type FpProxyFact)
 * @messages: (element-type FpProxyMessage): empty for narratives
 *
 * A request the proxy accepted, reduced to what may reach the model.
 */
typedef struct {
  FpProxyRoute  route;
  char         *template_name;
  char         *locale;
  GPtrArray    *facts;
  GPtrArray    *messages;
} FpProxyAsk;

/**
 * FpProxyModelConfig:
 * @max_output_tokens: inferenceConfig.maxTokens
 * @guardrail_id: (nullable): a Bedrock Guardrail
 * @guardrail_version: (nullable): its version
 */
typedef struct {
  guint       max_output_tokens;
  const char *guardrail_id;
  const char *guardrail_version;
} FpProxyModelConfig;

void        fp_proxy_ask_free      (FpProxyAsk                *ask);
FpProxyAsk *fp_proxy_ask_parse     (FpProxyRoute               route,
                                    JsonNode                  *root,
                                    char                     **out_pointer,
                                    char                     **out_detail);
FpPiiKind   fp_proxy_ask_scan      (const FpProxyAsk          *ask,
                                    const FpRedactContext     *ctx,
                                    char                     **out_pointer);
char       *fp_proxy_ask_prompt    (const FpProxyAsk          *ask);
char       *fp_proxy_ask_converse  (const FpProxyAsk          *ask,
                                    const FpProxyModelConfig  *model,
                                    gboolean                   stream);
char      **fp_proxy_ask_fact_keys (const FpProxyAsk          *ask);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpProxyAsk, fp_proxy_ask_free)

G_END_DECLS
