/* fp-assistant-message.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FP_TYPE_ASSISTANT_MESSAGE (fp_assistant_message_get_type ())

G_DECLARE_FINAL_TYPE (FpAssistantMessage, fp_assistant_message, FP, ASSISTANT_MESSAGE, AdwBin)

GtkWidget  *fp_assistant_message_new         (gboolean             question);
gboolean    fp_assistant_message_is_question (FpAssistantMessage  *self);
void        fp_assistant_message_set_text    (FpAssistantMessage  *self,
                                              const char          *text);
void        fp_assistant_message_append      (FpAssistantMessage  *self,
                                              const char          *text);
const char *fp_assistant_message_get_text    (FpAssistantMessage  *self);
void        fp_assistant_message_set_waiting (FpAssistantMessage  *self,
                                              gboolean             waiting);
gboolean    fp_assistant_message_get_waiting (FpAssistantMessage  *self);
void        fp_assistant_message_set_source  (FpAssistantMessage  *self,
                                              const char          *source);
const char *fp_assistant_message_get_source_text (FpAssistantMessage *self);
void        fp_assistant_message_set_facts   (FpAssistantMessage  *self,
                                              const char * const  *facts);
void        fp_assistant_message_set_status  (FpAssistantMessage  *self,
                                              const char          *status,
                                              gboolean             can_retry);
const char *fp_assistant_message_get_status  (FpAssistantMessage  *self);

G_END_DECLS
