/* fp-sandbox-bedrock-prompt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * FpBedrockConversation:
 * @task: the `Template:` of the proxy's prompt, if any
 * @facts: (element-type JsonNode): the facts of its `<facts>` block
 * @last_user: the text of the last user message
 * @input_chars: characters of every text the request carries
 * @guardrail: (nullable): `id:version` of its guardrailConfig
 * @locale: (nullable): the language the system prompt asks for (its
 *   "BCP 47 tag")
 *
 * A Converse request, as the stand-in reads it.
 */
typedef struct {
  char      *task;
  GPtrArray *facts;
  char      *last_user;
  gsize      input_chars;
  char      *guardrail;
  char      *locale;
} FpBedrockConversation;

void        fp_bedrock_conversation_clear (FpBedrockConversation *c);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpBedrockConversation, fp_bedrock_conversation_clear)

JsonNode   *fp_bedrock_parse_json         (GBytes                *body);
const char *fp_bedrock_read_conversation  (JsonNode              *root,
                                           FpBedrockConversation *c);
void        fp_bedrock_read_prompt        (FpBedrockConversation *c);
char       *fp_bedrock_answer             (FpBedrockConversation *c);

G_END_DECLS
