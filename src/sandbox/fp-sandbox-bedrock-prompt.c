/* fp-sandbox-bedrock-prompt.c
 *
 * What the Bedrock stand-in reads in a Converse request: the conversation
 * checked as Bedrock checks it (ValidationException otherwise), then the
 * proxy's prompt in its last user message — a `Template:` line and a
 * `<facts>` block of JSON objects, one per line — answered with the
 * sandbox's template generator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-bedrock"

#include "config.h"

#include <string.h>

#include "fp-json-strict.h"
#include "fp-sandbox-bedrock-prompt.h"
#include "fp-sandbox-genai.h"

#define MAX_BODY        (1024 * 1024)
#define MAX_DEPTH       32
#define MAX_MESSAGES    40

/**
 * fp_bedrock_parse_json:
 * @body: a request body
 *
 * Returns: (transfer full) (nullable): the body's JSON object, only when
 *   it is UTF-8, 1 MiB at most and nested 32 levels at most
 */
JsonNode *
fp_bedrock_parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);

  if (data == NULL || len == 0 || len > MAX_BODY || !fp_json_strict_check (data, len, MAX_DEPTH, NULL)
      || !json_parser_load_from_data (parser, data, (gssize) len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

/* The text blocks of a content array, joined; NULL if malformed. */
static char *
content_text (JsonNode *node,
              gsize    *io_chars)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *blocks;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  blocks = json_node_get_array (node);
  if (json_array_get_length (blocks) == 0)
    return NULL;
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonNode *b = json_array_get_element (blocks, i);
      JsonNode *text;

      if (!JSON_NODE_HOLDS_OBJECT (b) || json_object_get_size (json_node_get_object (b)) != 1)
        return NULL;
      text = json_object_get_member (json_node_get_object (b), "text");
      if (text == NULL || !JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
        return NULL;
      g_string_append (out, json_node_get_string (text));
    }
  *io_chars += out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
fp_bedrock_conversation_clear (FpBedrockConversation *c)
{
  g_clear_pointer (&c->task, g_free);
  g_clear_pointer (&c->facts, g_ptr_array_unref);
  g_clear_pointer (&c->last_user, g_free);
  g_clear_pointer (&c->guardrail, g_free);
  g_clear_pointer (&c->locale, g_free);
}

/* The language the proxy's system prompt asks for: "… the BCP 47 tag de-DE." */
static void
read_locale (FpBedrockConversation *c,
             const char            *system)
{
  const char *tag = strstr (system, "BCP 47 tag ");
  gsize len = 0;

  if (tag == NULL)
    return;
  tag += strlen ("BCP 47 tag ");
  while (len < 16 && (g_ascii_isalnum (tag[len]) || tag[len] == '-'))
    len++;
  if (len >= 2 && c->locale == NULL)
    c->locale = g_strndup (tag, len);
}

/* A string member, or NULL when absent or of another type. */
static const char *
string_of (JsonObject *o,
           const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Returns NULL when the request is a valid Converse request, else the
 * ValidationException's message. */
const char *
fp_bedrock_read_conversation (JsonNode              *root,
                              FpBedrockConversation *c)
{
  static const char *const allowed[] = {
    "messages", "system", "inferenceConfig", "guardrailConfig", NULL,
  };
  JsonObject *o = json_node_get_object (root);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  JsonArray *messages;

  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_strv_contains (allowed, name))
      return "The request has an unknown member.";

  member = json_object_get_member (o, "system");
  if (member != NULL)
    {
      JsonArray *system = JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;

      if (system == NULL)
        return "system must be a list of text blocks.";
      for (guint i = 0; i < json_array_get_length (system); i++)
        {
          JsonNode *block = json_array_get_element (system, i);
          JsonNode *text = JSON_NODE_HOLDS_OBJECT (block)
                           ? json_object_get_member (json_node_get_object (block), "text") : NULL;

          if (text == NULL || json_node_get_value_type (text) != G_TYPE_STRING)
            return "system must be a list of text blocks.";
          c->input_chars += strlen (json_node_get_string (text));
          read_locale (c, json_node_get_string (text));
        }
    }

  member = json_object_get_member (o, "guardrailConfig");
  if (member != NULL)
    {
      JsonObject *g = JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
      const char *id = string_of (g, "guardrailIdentifier");
      const char *version = string_of (g, "guardrailVersion");

      if (id == NULL || version == NULL || *id == '\0' || *version == '\0')
        return "guardrailConfig needs guardrailIdentifier and guardrailVersion.";
      c->guardrail = g_strdup_printf ("%s:%s", id, version);
    }

  member = json_object_get_member (o, "messages");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return "messages is required.";
  messages = json_node_get_array (member);
  if (json_array_get_length (messages) == 0 || json_array_get_length (messages) > MAX_MESSAGES)
    return "messages must hold 1 to 40 messages.";
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonNode *m = json_array_get_element (messages, i);
      JsonObject *mo = JSON_NODE_HOLDS_OBJECT (m) ? json_node_get_object (m) : NULL;
      const char *role = string_of (mo, "role");
      g_autofree char *text = NULL;

      if (role == NULL || (strcmp (role, "user") != 0 && strcmp (role, "assistant") != 0))
        return "A message's role is user or assistant.";
      if (strcmp (role, i % 2 == 0 ? "user" : "assistant") != 0)
        return "A conversation must start with a user message and alternate between user and assistant.";
      text = content_text (json_object_get_member (mo, "content"), &c->input_chars);
      if (text == NULL)
        return "A message's content is a list of text blocks.";
      if (strcmp (role, "user") == 0)
        {
          g_free (c->last_user);
          c->last_user = g_steal_pointer (&text);
        }
    }
  if (json_array_get_length (messages) % 2 == 0)
    return "A conversation must end with a user message.";
  return NULL;
}

/* The proxy's prompt: a `Template: NAME` line and a <facts> block of JSON
 * objects, one per line. */
void
fp_bedrock_read_prompt (FpBedrockConversation *c)
{
  g_auto(GStrv) lines = g_strsplit (c->last_user, "\n", -1);
  gboolean in_facts = FALSE;

  c->facts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "Template: ") && c->task == NULL)
        c->task = g_strdup (line + 10);
      else if (strcmp (line, "<facts>") == 0)
        in_facts = TRUE;
      else if (strcmp (line, "</facts>") == 0)
        in_facts = FALSE;
      else if (in_facts)
        {
          g_autoptr(JsonParser) parser = json_parser_new_immutable ();
          JsonNode *root;
          JsonObject *fo;

          if (!json_parser_load_from_data (parser, line, -1, NULL))
            continue;
          root = json_parser_get_root (parser);
          if (!JSON_NODE_HOLDS_OBJECT (root))
            continue;
          fo = json_node_get_object (root);
          if (string_of (fo, "key") == NULL
              || !json_object_has_member (fo, "value")
              || !JSON_NODE_HOLDS_VALUE (json_object_get_member (fo, "value")))
            continue;
          g_ptr_array_add (c->facts, json_node_copy (root));
        }
    }
}

char *
fp_bedrock_answer (FpBedrockConversation *c)
{
  g_autofree FpSandboxFact *facts = g_new0 (FpSandboxFact, MAX (c->facts->len, 1));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *task = g_strcmp0 (c->task, "answer_question") == 0 ? NULL : c->task;

  for (guint i = 0; i < c->facts->len; i++)
    {
      JsonObject *fo = json_node_get_object (g_ptr_array_index (c->facts, i));
      char *text = fp_sandbox_genai_scalar_text (json_object_get_member (fo, "value"));

      g_ptr_array_add (texts, text);
      facts[i].key = json_object_get_string_member (fo, "key");
      facts[i].value = text;
      facts[i].unit = string_of (fo, "unit");
    }
  return fp_sandbox_genai_compose (task, c->locale, facts, c->facts->len);
}

