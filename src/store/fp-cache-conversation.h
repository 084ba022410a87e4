/* fp-cache-conversation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"

G_BEGIN_DECLS

/* How long one message may be, and how many the conversation keeps. */
#define FP_CACHE_MESSAGE_MAX_TEXT (64 * 1024)
#define FP_CACHE_CONVERSATION_MAX 200

/**
 * FpConversationMessage:
 * @id: its row id, increasing
 * @role: `user` or `assistant`
 * @text: what was asked or answered
 * @source: (nullable): who wrote an answer: `device`, `sandbox-template`,
 *   `bedrock:<model>`
 * @facts: (nullable) (array zero-terminated=1): the facts an answer was
 *   based on, keys and values alternating
 * @created: when, in seconds since the epoch
 *
 * One message of the assistant's conversation (`assistant_messages`).
 */
typedef struct {
  gint64  id;
  char   *role;
  char   *text;
  char   *source;
  GStrv   facts;
  gint64  created;
} FpConversationMessage;

void       fp_conversation_message_free      (FpConversationMessage  *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpConversationMessage, fp_conversation_message_free)

gint64     fp_cache_add_assistant_message (FpCache             *self,
                                           const char          *role,
                                           const char          *text,
                                           const char          *source,
                                           const char * const  *facts,
                                           GError             **error);
GPtrArray *fp_cache_list_assistant_messages (FpCache           *self,
                                             GError           **error);
gboolean   fp_cache_clear_conversation    (FpCache             *self,
                                           GError             **error);

G_END_DECLS
