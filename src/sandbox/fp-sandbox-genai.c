/* fp-sandbox-genai.c
 *
 * The GenAI proxy of the sandbox (a separate base URL in production:
 * there it holds the cloud credentials and calls the model). It takes
 * aggregated, redacted facts and answers with a deterministic template
 * generator, labelled "sandbox-template". A request carrying personal data
 * (names, card or account numbers, e-mail or street addresses, phone
 * numbers) is rejected with 422, found with the same scanner the client
 * redacts with (fp_redact_scan()), primed with the token's customer. A
 * customer without an authorised "genai" consent gets 403.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-genai"

#include "config.h"

#include <string.h>

#include "fp-redact.h"
#include "fp-sandbox-genai.h"
#include "fp-sandbox-private.h"

#define GENERATOR "sandbox-template"
#define MAX_FACTS 64
#define MAX_MESSAGES 20
#define MAX_CONTENT 2000
#define MAX_FACT_TEXT 64

static const char *const tasks[] = {
  "simulation_summary", "spending_summary", "health_explanation", "offer_explanation", NULL,
};

/**
 * fp_sandbox_genai_scalar_text:
 * @node: a JSON scalar
 *
 * Returns: (transfer full): the scalar as the templates write it
 */
char *
fp_sandbox_genai_scalar_text (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* %.15g: 0.82 stays 0.82 instead of a run of 17 digits. */
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", json_node_get_double (node)));
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return g_strdup ("");
}

static void
append_pointer_token (GString    *pointer,
                      const char *token)
{
  g_string_append_c (pointer, '/');
  for (const char *p = token; *p; p++)
    {
      if (*p == '~')
        g_string_append (pointer, "~0");
      else if (*p == '/')
        g_string_append (pointer, "~1");
      else
        g_string_append_c (pointer, *p);
    }
}

/* Scans every member name and scalar of @node; returns the first kind found
 * and sets @pointer to where. Everything is also appended to @all, so that
 * PII split across members is found by a scan of the whole. */
static FpPiiKind
scan_node (JsonNode              *node,
           const FpRedactContext *ctx,
           GString               *pointer,
           GString               *all)
{
  gsize mark = pointer->len;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          FpPiiKind kind;

          append_pointer_token (pointer, name);
          if ((kind = fp_redact_scan (name, ctx)) != FP_PII_NONE)
            return kind;
          g_string_append (all, name);
          g_string_append_c (all, '\n');
          if ((kind = scan_node (member, ctx, pointer, all)) != FP_PII_NONE)
            return kind;
          g_string_truncate (pointer, mark);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          FpPiiKind kind;

          g_string_append_printf (pointer, "/%u", i);
          if ((kind = scan_node (json_array_get_element (array, i), ctx, pointer, all)) != FP_PII_NONE)
            return kind;
          g_string_truncate (pointer, mark);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *text = fp_sandbox_genai_scalar_text (node);
      FpPiiKind kind = fp_redact_scan (text, ctx);

      if (kind != FP_PII_NONE)
        return kind;
      g_string_append (all, text);
      g_string_append_c (all, '\n');
    }
  return FP_PII_NONE;
}

static FpSandboxResponse *
check_pii (FpSandboxRequest *req)
{
  const FpBankCustomer *c = fp_bank_data_get_customer (req->self->bank->data, (guint32) req->customer);
  g_autofree char *address = NULL;
  const char *names[2] = { NULL, NULL };
  const char *addresses[2] = { NULL, NULL };
  FpRedactContext ctx = { 0 };
  g_autoptr(GString) pointer = g_string_new (NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  FpPiiKind kind;

  if (c != NULL)
    {
      names[0] = c->person;
      address = g_strdup_printf ("%s, %s", c->address, c->city);
      addresses[0] = address;
      ctx.names = names;
      ctx.addresses = addresses;
    }

  kind = scan_node (req->json, &ctx, pointer, all);
  if (kind == FP_PII_NONE && (kind = fp_redact_scan (all->str, &ctx)) != FP_PII_NONE)
    g_string_truncate (pointer, 0);
  if (kind != FP_PII_NONE)
    {
      g_autofree char *kinds = fp_pii_kind_to_string (kind);
      g_autofree char *detail = g_strdup_printf ("The request carries personal data (%s); "
                                                 "send aggregated, redacted facts only.", kinds);

      req->self->n_genai_rejected++;
      return fp_sandbox_problem (SOUP_STATUS_UNPROCESSABLE_ENTITY, "pii-detected",
                                 "Personal data in a GenAI request", detail,
                                 FP_SANDBOX_PTR_BODY, pointer->str);
    }
  return NULL;
}

/* Validation */

static gboolean
string_member (JsonObject  *o,
               const char  *name,
               const char **out)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
key_ok (const char *key)
{
  gsize len = strlen (key);

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

static FpSandboxResponse *
check_facts (JsonObject *o,
             gboolean    required)
{
  static const char *const allowed[] = { "key", "value", "unit", NULL };
  static const char *const units[] = {
    "USD", "EUR", "GBP", "percent", "ratio", "years", "months", "count", "score", NULL,
  };
  JsonNode *node = json_object_get_member (o, "facts");
  JsonArray *facts;

  if (node == NULL)
    return required ? fp_sandbox_invalid ("/facts", "facts is required.") : NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fp_sandbox_invalid ("/facts", "facts must be an array.");
  facts = json_node_get_array (node);
  if (json_array_get_length (facts) > MAX_FACTS || (required && json_array_get_length (facts) == 0))
    return fp_sandbox_invalid ("/facts", "facts must hold 1 to 64 facts.");
  for (guint i = 0; i < json_array_get_length (facts); i++)
    {
      JsonNode *f = json_array_get_element (facts, i);
      JsonObject *fo;
      JsonNode *value;
      const char *text = NULL;
      FpSandboxResponse *problem = NULL;
      g_autofree char *base = g_strdup_printf ("/facts/%u", i);
      g_autofree char *key_ptr = g_strconcat (base, "/key", NULL);
      g_autofree char *value_ptr = g_strconcat (base, "/value", NULL);
      g_autofree char *unit_ptr = g_strconcat (base, "/unit", NULL);

      if (!JSON_NODE_HOLDS_OBJECT (f))
        return fp_sandbox_invalid (base, "A fact is an object.");
      fo = json_node_get_object (f);
      if (!fp_sandbox_check_members (fo, allowed, &problem))
        {
          fp_sandbox_response_free (problem);
          return fp_sandbox_invalid (base, "A fact has key, value and unit only.");
        }
      if (!string_member (fo, "key", &text) || !key_ok (text))
        return fp_sandbox_invalid (key_ptr, "key must be 1 to 64 of a-z, 0-9, '_' and '.'.");
      value = json_object_get_member (fo, "value");
      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
        return fp_sandbox_invalid (value_ptr, "value must be a number, a string or a boolean.");
      if (json_node_get_value_type (value) == G_TYPE_STRING
          && g_utf8_strlen (json_node_get_string (value), -1) > MAX_FACT_TEXT)
        return fp_sandbox_invalid (value_ptr, "A text value is at most 64 characters: facts are aggregates.");
      if (json_object_has_member (fo, "unit")
          && (!string_member (fo, "unit", &text) || !g_strv_contains (units, text)))
        return fp_sandbox_invalid (unit_ptr, "Unknown unit.");
    }
  return NULL;
}

static FpSandboxResponse *
check_locale (JsonObject  *o,
              const char **locale)
{
  const char *text;

  *locale = "en";
  if (!json_object_has_member (o, "locale"))
    return NULL;
  if (!string_member (o, "locale", &text) || strlen (text) < 2 || strlen (text) > 5
      || !g_ascii_islower (text[0]) || !g_ascii_islower (text[1])
      || (text[2] != '\0' && (text[2] != '-' || strlen (text) != 5
                              || !g_ascii_isupper (text[3]) || !g_ascii_isupper (text[4]))))
    return fp_sandbox_invalid ("/locale", "locale is a language tag such as en or de-DE.");
  *locale = text;
  return NULL;
}

/* The template generator */

static char *
compose (const char *task,
         const char *locale,
         JsonArray  *facts)
{
  guint n = facts != NULL ? json_array_get_length (facts) : 0;
  g_autofree FpSandboxFact *list = g_new0 (FpSandboxFact, MAX (n, 1));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *fo = json_array_get_object_element (facts, i);
      char *text = fp_sandbox_genai_scalar_text (json_object_get_member (fo, "value"));

      g_ptr_array_add (texts, text);
      list[i].key = json_object_get_string_member (fo, "key");
      list[i].value = text;
      list[i].unit = json_object_get_string_member_with_default (fo, "unit", NULL);
    }
  return fp_sandbox_genai_compose (task, locale, list, n);
}

static char *
content_id (const char *prefix,
            const char *body,
            gsize       len)
{
  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) body, len);

  return g_strdup_printf ("%s%.16s", prefix, hex);
}

static char *
sse_event (const char *event,
           GString    *data)
{
  char *text = g_strdup_printf ("event: %s\ndata: %s\n\n", event, data->str);

  g_string_truncate (data, 0);
  return text;
}

/* The answer as server-sent events: meta, a few words per delta (as a
 * model streams tokens), done. */
static FpSandboxResponse *
sse_answer (const char *id,
            const char *locale,
            const char *text)
{
  FpSandboxResponse *r = fp_sandbox_response_new (SOUP_STATUS_OK, "text/event-stream");
  g_autoptr(GString) data = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint n_words = g_strv_length (words);
  FpJsonWriter w;

  r->sse_events = g_ptr_array_new_with_free_func (g_free);
  fp_json_writer_init (&w, data);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, g_str_has_prefix (id, "nar_") ? "narrativeId" : "conversationId", id);
  fp_json_kv_string (&w, "generator", GENERATOR);
  fp_json_kv_string (&w, "locale", g_str_has_prefix (locale, "de") ? "de" : "en");
  fp_json_end_object (&w);
  g_ptr_array_add (r->sse_events, sse_event ("meta", data));

  for (guint i = 0; i < n_words; i += 4)
    {
      g_autoptr(GString) chunk = g_string_new (NULL);

      for (guint j = i; j < MIN (i + 4, n_words); j++)
        {
          if (j > 0)
            g_string_append_c (chunk, ' ');
          g_string_append (chunk, words[j]);
        }
      fp_json_writer_init (&w, data);
      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "text", chunk->str);
      fp_json_end_object (&w);
      g_ptr_array_add (r->sse_events, sse_event ("delta", data));
    }

  fp_json_writer_init (&w, data);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "finishReason", "stop");
  fp_json_end_object (&w);
  g_ptr_array_add (r->sse_events, sse_event ("done", data));
  return r;
}

static gboolean
wants_stream (FpSandboxRequest *req)
{
  const char *accept = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                     "Accept");

  return accept != NULL && strstr (accept, "text/event-stream") != NULL;
}

static FpSandboxResponse *
narrative (FpSandboxRequest *req)
{
  static const char *const allowed[] = { "task", "locale", "facts", NULL };
  JsonObject *o = json_node_get_object (req->json);
  FpSandboxResponse *problem = NULL;
  const char *task, *locale;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  GString *out;
  FpJsonWriter w;
  JsonArray *facts;

  if (!fp_sandbox_check_members (o, allowed, &problem))
    return problem;
  if (!string_member (o, "task", &task) || !g_strv_contains (tasks, task))
    return fp_sandbox_invalid ("/task", "task must be one of the documented tasks.");
  if ((problem = check_locale (o, &locale)) != NULL || (problem = check_facts (o, TRUE)) != NULL)
    return problem;

  facts = json_object_get_array_member (o, "facts");
  text = compose (task, locale, facts);
  id = content_id ("nar_", req->body, req->body_len);
  /* Asked for a stream (Accept: text/event-stream): the same text, as
   * the chat streams it. */
  if (wants_stream (req))
    return sse_answer (id, locale, text);
  out = g_string_new (NULL);
  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "narrativeId", id);
  fp_json_kv_string (&w, "generator", GENERATOR);
  fp_json_kv_string (&w, "task", task);
  /* The template speaks English and German; it says which. */
  fp_json_kv_string (&w, "locale", g_str_has_prefix (locale, "de") ? "de" : "en");
  fp_json_kv_string (&w, "text", text);
  fp_json_kv_int (&w, "factsUsed", MIN (json_array_get_length (facts), 8u));
  fp_json_end_object (&w);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

static FpSandboxResponse *
chat (FpSandboxRequest *req)
{
  static const char *const allowed[] = { "messages", "facts", "locale", NULL };
  static const char *const message_allowed[] = { "role", "content", NULL };
  JsonObject *o = json_node_get_object (req->json);
  FpSandboxResponse *problem = NULL;
  const char *locale, *question = NULL;
  JsonNode *node;
  JsonArray *messages;
  g_autofree char *answer = NULL;
  g_autofree char *id = NULL;

  if (!fp_sandbox_check_members (o, allowed, &problem))
    return problem;
  node = json_object_get_member (o, "messages");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) == 0
      || json_array_get_length (json_node_get_array (node)) > MAX_MESSAGES)
    return fp_sandbox_invalid ("/messages", "messages must hold 1 to 20 messages.");
  messages = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonNode *m = json_array_get_element (messages, i);
      g_autofree char *base = g_strdup_printf ("/messages/%u", i);
      g_autofree char *role_ptr = g_strconcat (base, "/role", NULL);
      g_autofree char *content_ptr = g_strconcat (base, "/content", NULL);
      const char *role, *content;

      if (!JSON_NODE_HOLDS_OBJECT (m))
        return fp_sandbox_invalid (base, "A message is an object.");
      if (!fp_sandbox_check_members (json_node_get_object (m), message_allowed, &problem))
        {
          fp_sandbox_response_free (problem);
          return fp_sandbox_invalid (base, "A message has role and content only.");
        }
      if (!string_member (json_node_get_object (m), "role", &role)
          || (strcmp (role, "user") != 0 && strcmp (role, "assistant") != 0))
        return fp_sandbox_invalid (role_ptr, "role is user or assistant.");
      if (!string_member (json_node_get_object (m), "content", &content)
          || *content == '\0' || g_utf8_strlen (content, -1) > MAX_CONTENT)
        return fp_sandbox_invalid (content_ptr, "content is 1 to 2000 characters.");
      if (strcmp (role, "user") == 0)
        question = content;
    }
  if (question == NULL)
    return fp_sandbox_invalid ("/messages", "At least one message is the user's.");
  if ((problem = check_locale (o, &locale)) != NULL || (problem = check_facts (o, FALSE)) != NULL)
    return problem;

  answer = compose (NULL, locale, json_object_get_array_member (o, "facts"));
  id = content_id ("chat_", req->body, req->body_len);
  return sse_answer (id, locale, answer);
}

FpSandboxResponse *
fp_sandbox_handle_genai (FpSandboxRequest *req)
{
  const char *what = req->n_segments == 3 ? req->segments[2] : "";
  FpSandboxResponse *problem;

  req->self->n_genai++;
  if (strcmp (what, "narratives") == 0)
    req->route = "/genai/v1/narratives";
  else if (strcmp (what, "chat") == 0)
    req->route = "/genai/v1/chat";
  else
    return fp_sandbox_not_found ();
  if (strcmp (req->method, "POST") != 0)
    return fp_sandbox_method_not_allowed ();

  /* Personal data is refused before anything else looks at the request. */
  if ((problem = check_pii (req)) != NULL)
    return problem;
  if (!fp_sandbox_customer_has_consent (req->self->bank, (guint) req->customer, "genai", req->now))
    return fp_sandbox_problem (SOUP_STATUS_FORBIDDEN, "consent-required", "Consent required",
                               "The customer has not consented to GenAI processing.",
                               FP_SANDBOX_PTR_BODY, NULL);
  if (strcmp (what, "narratives") == 0)
    return narrative (req);
  return chat (req);
}
