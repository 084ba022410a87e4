/* fp-genai-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client of the GenAI proxy (data/api/finpersona-genai.openapi.json).
 * Three gates stand between the customer's data and the proxy, in order:
 *
 *  1. consent: without GenAI consent nothing is built and nothing is sent
 *     (fp_consent_policy_require());
 *  2. redaction: every key and value goes through fp_redact_facts() with the
 *     customer's profile, and only its output is sent; the input is never
 *     copied into a request;
 *  3. shape: facts become `{"key","value"}` members with keys reduced to the
 *     contract's alphabet and values to numbers or 64-character strings.
 *
 * Replies are size-capped and held to the strict JSON rule
 * (fp_json_parse_guarded()) before json-glib sees them; requests are held
 * to the same rule before they are sent. Streamed answers (the chat, and
 * every fp_genai_client_ask()) are read as they arrive, event by event
 * (fp-genai-answer.c), each event's data under the same rule.
 */

#define G_LOG_DOMAIN "fp-genai-client"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-genai-client.h"
#include "fp-http-policy.h"
#include "fp-json-strict.h"
#include "fp-net-error.h"
#include "fp-net-private.h"
#include "fp-redact.h"
#include "fp-simulator.h"

#define MAX_VALUE_CHARS 64
#define MAX_KEY_CHARS   64

struct _FpGenaiClient
{
  GObject parent_instance;

  FpHttpClient    *http;
  char            *prefix;
  FpConsentPolicy *policy;

  GMutex           lock;     /* guards the profile */
  GStrv            names;
  GStrv            addresses;
  GStrv            account_numbers;
  char            *birth_date;
};

G_DEFINE_FINAL_TYPE (FpGenaiClient, fp_genai_client, G_TYPE_OBJECT)

void
fp_genai_text_free (FpGenaiText *text)
{
  if (text == NULL)
    return;

  g_free (text->text);
  g_free (text->generator);
  g_free (text->id);
  g_free (text);
}

/* Request building */

static char *
clean_key (const char *key)
{
  GString *out = g_string_new (NULL);

  for (const char *p = key; *p != '\0' && out->len < MAX_KEY_CHARS; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) || c == '_' || c == '.')
        g_string_append_c (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != '_')
        g_string_append_c (out, '_');
    }
  while (out->len > 0 && out->str[out->len - 1] == '_')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* A plain decimal number ("12", "-3.5", "0.72") goes as a JSON number. */
static gboolean
parse_number (const char *text,
              double     *out)
{
  const char *p = text;
  char *end = NULL;
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;
  /* JSON has no leading zeros ("007" stays text). */
  if (p[0] == '0' && g_ascii_isdigit (p[1]))
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p != '.')
        return FALSE;
    }
  if (!digits || strlen (text) > 24)
    return FALSE;

  errno = 0;
  *out = g_ascii_strtod (text, &end);
  return errno == 0 && end != NULL && *end == '\0' && isfinite (*out);
}

static char *
clip_value (const char *text)
{
  if (g_utf8_strlen (text, -1) <= MAX_VALUE_CHARS)
    return g_strdup (text);
  return g_utf8_substring (text, 0, MAX_VALUE_CHARS);
}

static gboolean
valid_locale (const char *locale)
{
  gsize len;

  if (locale == NULL)
    return FALSE;
  len = strlen (locale);
  if (len != 2 && len != 5)
    return FALSE;
  if (!g_ascii_islower (locale[0]) || !g_ascii_islower (locale[1]))
    return FALSE;
  if (len == 5 && (locale[2] != '-' || !g_ascii_isupper (locale[3]) || !g_ascii_isupper (locale[4])))
    return FALSE;
  return TRUE;
}

typedef struct {
  GStrv names;
  GStrv addresses;
  GStrv account_numbers;
  char *birth_date;
} Profile;

static void
profile_clear (Profile *p)
{
  g_clear_pointer (&p->names, g_strfreev);
  g_clear_pointer (&p->addresses, g_strfreev);
  g_clear_pointer (&p->account_numbers, g_strfreev);
  g_clear_pointer (&p->birth_date, g_free);
}

static void
profile_copy (FpGenaiClient *self,
              Profile       *out)
{
  g_mutex_lock (&self->lock);
  out->names = g_strdupv (self->names);
  out->addresses = g_strdupv (self->addresses);
  out->account_numbers = g_strdupv (self->account_numbers);
  out->birth_date = g_strdup (self->birth_date);
  g_mutex_unlock (&self->lock);
}

/* JSON text is written by hand so that numbers go exactly as the facts
 * say them: json-glib prints 0.72 as 0.71999999999999997, a run of digits
 * the proxy's scanner would rightly take for an account number. */
static void
json_string (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
json_member (GString    *out,
             const char *name)
{
  if (out->len > 0 && out->str[out->len - 1] != '{' && out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
  json_string (out, name);
  g_string_append_c (out, ':');
}

/* Appends the redacted facts as the `facts` member. The only place facts
 * turn into request text. */
static gboolean
add_facts (GString             *builder,
           const Profile       *profile,
           const char * const  *facts,
           guint               *out_n,
           GStrvBuilder        *sent,
           GError             **error)
{
  FpRedactContext ctx = {
    .names = (const char * const *) profile->names,
    .addresses = (const char * const *) profile->addresses,
    .account_numbers = (const char * const *) profile->account_numbers,
    .birth_date = profile->birth_date,
  };
  g_auto(GStrv) redacted = NULL;
  FpPiiKind found = FP_PII_NONE;
  guint n = 0;

  redacted = fp_redact_facts (facts, &ctx, &found);
  if (redacted == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_FAILED,
                           "Facts must come as key and value pairs");
      return FALSE;
    }
  if (found != FP_PII_NONE)
    {
      g_autofree char *kinds = fp_pii_kind_to_string (found);

      g_debug ("Redacted before sending: %s", kinds);
    }

  json_member (builder, "facts");
  g_string_append_c (builder, '[');
  for (guint i = 0; redacted[i] != NULL && redacted[i + 1] != NULL && n < FP_GENAI_MAX_FACTS; i += 2)
    {
      g_autofree char *key = clean_key (redacted[i]);
      const char *value = redacted[i + 1];
      double number;

      if (*key == '\0')
        continue;

      if (n > 0)
        g_string_append_c (builder, ',');
      g_string_append_c (builder, '{');
      json_member (builder, "key");
      json_string (builder, key);
      json_member (builder, "value");
      if (parse_number (value, &number))
        {
          /* Validated digits, sign and one dot: JSON as it is, without a
           * leading '+' or a bare leading/trailing dot; as text when the
           * strict rule would refuse the number (beyond 64 bits). */
          g_autofree char *json = g_strdup_printf ("%s%s%s%s",
                                                   value[0] == '-' ? "-" : "",
                                                   (value[value[0] == '-' || value[0] == '+'] == '.') ? "0" : "",
                                                   value + (value[0] == '-' || value[0] == '+'),
                                                   g_str_has_suffix (value, ".") ? "0" : "");

          if (fp_json_strict_number_ok (json, strlen (json)))
            g_string_append (builder, json);
          else
            json_string (builder, json);
        }
      else if (g_str_equal (value, "true") || g_str_equal (value, "false"))
        g_string_append (builder, value);
      else
        {
          g_autofree char *clipped = clip_value (value);

          json_string (builder, clipped);
        }
      g_string_append_c (builder, '}');
      if (sent != NULL)
        {
          g_autofree char *clipped = clip_value (value);

          g_strv_builder_add (sent, key);
          g_strv_builder_add (sent, clipped);
        }
      n++;
    }
  g_string_append_c (builder, ']');

  if (out_n != NULL)
    *out_n = n;
  return TRUE;
}

/* What the client sends passes the rule it holds the replies to. Takes
 * @builder. */
static char *
strict_request (GString  *builder,
                GError  **error)
{
  g_autoptr(GError) strict = NULL;

  if (!fp_json_strict_check (builder->str, builder->len, FP_JSON_MAX_DEPTH, &strict))
    {
      g_string_free (builder, TRUE);
      g_debug ("request refused before sending: %s", strict->message);
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_FAILED,
                           _("The facts could not be put into a request the AI service accepts."));
      return NULL;
    }
  return g_string_free (builder, FALSE);
}

static char *
build_narrative_request (const Profile       *profile,
                         const char          *task,
                         const char          *locale,
                         const char * const  *facts,
                         GStrvBuilder        *sent,
                         GError             **error)
{
  g_autoptr(GString) builder = g_string_new ("{");
  guint n = 0;

  json_member (builder, "task");
  json_string (builder, task);
  if (valid_locale (locale))
    {
      json_member (builder, "locale");
      json_string (builder, locale);
    }
  if (!add_facts (builder, profile, facts, &n, sent, error))
    return NULL;
  g_string_append_c (builder, '}');

  if (n == 0)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_FAILED,
                           _("There is nothing to explain yet."));
      return NULL;
    }

  return strict_request (g_steal_pointer (&builder), error);
}

static char *
build_chat_request (const Profile       *profile,
                    const char          *question,
                    const char          *locale,
                    const char * const  *facts,
                    GStrvBuilder        *sent,
                    GError             **error)
{
  g_autoptr(GString) builder = g_string_new ("{");
  FpRedactContext ctx = {
    .names = (const char * const *) profile->names,
    .addresses = (const char * const *) profile->addresses,
    .account_numbers = (const char * const *) profile->account_numbers,
    .birth_date = profile->birth_date,
  };
  g_autofree char *clean = fp_redact_text (question, &ctx, NULL);
  g_autofree char *clipped = NULL;

  if (clean == NULL || *g_strstrip (clean) == '\0')
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_FAILED, _("Ask a question first."));
      return NULL;
    }
  clipped = g_utf8_strlen (clean, -1) > 2000 ? g_utf8_substring (clean, 0, 2000) : g_strdup (clean);

  json_member (builder, "messages");
  g_string_append (builder, "[{");
  json_member (builder, "role");
  json_string (builder, "user");
  json_member (builder, "content");
  json_string (builder, clipped);
  g_string_append (builder, "}]");
  if (valid_locale (locale))
    {
      json_member (builder, "locale");
      json_string (builder, locale);
    }
  if (facts != NULL && facts[0] != NULL && !add_facts (builder, profile, facts, NULL, sent, error))
    return NULL;
  g_string_append_c (builder, '}');

  return strict_request (g_steal_pointer (&builder), error);
}

/* Replies */

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
schema_error (GError     **error,
              const char  *what)
{
  g_debug ("GenAI reply without %s", what);
  g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                       _("The AI service sent an answer FinPersona cannot read."));
  return FALSE;
}

static FpGenaiText *
parse_narrative (GBytes  *body,
                 GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  const char *text, *generator;
  FpGenaiText *out;
  JsonNode *used;

  if (body == NULL)
    {
      schema_error (error, "a body");
      return NULL;
    }
  root = fp_json_parse_guarded (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                FP_GENAI_MAX_NARRATIVE_BYTES, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      schema_error (error, "an object");
      return NULL;
    }
  o = json_node_get_object (root);
  text = string_member (o, "text");
  generator = string_member (o, "generator");
  if (text == NULL || generator == NULL)
    {
      schema_error (error, "text or generator");
      return NULL;
    }

  out = g_new0 (FpGenaiText, 1);
  out->text = g_strdup (text);
  out->generator = g_strdup (generator);
  out->id = g_strdup (string_member (o, "narrativeId"));
  used = json_object_get_member (o, "factsUsed");
  if (used != NULL && JSON_NODE_HOLDS_VALUE (used) && json_node_get_value_type (used) == G_TYPE_INT64)
    out->facts_used = (guint) CLAMP (json_node_get_int (used), 0, G_MAXINT);
  return out;
}

static FpGenaiText *
send_narrative (FpHttpClient        *http,
                const char          *prefix,
                const char          *request,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autofree char *path = g_strconcat (prefix, "narratives", NULL);
  g_autoptr(GBytes) body = g_bytes_new (request, strlen (request));
  g_autoptr(FpHttpReply) reply = NULL;

  reply = fp_http_client_send (http, "POST", path, "application/json", body, NULL, NULL,
                               FP_GENAI_MAX_NARRATIVE_BYTES, cancellable, error);
  if (reply == NULL)
    return NULL;
  return parse_narrative (reply->body, error);
}

/* GObject */

static void
fp_genai_client_finalize (GObject *object)
{
  FpGenaiClient *self = (FpGenaiClient *) object;

  g_clear_object (&self->http);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->addresses, g_strfreev);
  g_clear_pointer (&self->account_numbers, g_strfreev);
  g_clear_pointer (&self->birth_date, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (fp_genai_client_parent_class)->finalize (object);
}

static void
fp_genai_client_class_init (FpGenaiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fp_genai_client_finalize;
}

static void
fp_genai_client_init (FpGenaiClient *self)
{
  g_mutex_init (&self->lock);
}

/* Public API */

/**
 * fp_genai_client_new:
 * @http: a signed-in client whose base URL reaches the proxy
 * @path_prefix: (nullable): the proxy's path below that base URL:
 *   `genai/v1/` for the sandbox bank, %NULL when the base URL is the proxy's
 * @policy: the customer's consent policy, asked before every request
 *
 * Returns: (transfer full): a new client
 */
FpGenaiClient *
fp_genai_client_new (FpHttpClient    *http,
                     const char      *path_prefix,
                     FpConsentPolicy *policy)
{
  FpGenaiClient *self;

  g_return_val_if_fail (FP_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (policy), NULL);

  self = g_object_new (FP_TYPE_GENAI_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->policy = g_object_ref (policy);
  self->prefix = g_strdup (path_prefix != NULL ? path_prefix : "");
  return self;
}

/**
 * fp_genai_client_set_profile:
 * @self: a client
 * @names: (nullable) (array zero-terminated=1): the customer's names
 * @addresses: (nullable) (array zero-terminated=1): postal addresses
 * @account_numbers: (nullable) (array zero-terminated=1): account, IBAN and
 *   card numbers
 * @birth_date: (nullable): `YYYY-MM-DD`
 *
 * What the redaction must recognize (see #FpRedactContext).
 */
void
fp_genai_client_set_profile (FpGenaiClient      *self,
                             const char * const *names,
                             const char * const *addresses,
                             const char * const *account_numbers,
                             const char         *birth_date)
{
  g_return_if_fail (FP_IS_GENAI_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_strfreev (self->names);
  g_strfreev (self->addresses);
  g_strfreev (self->account_numbers);
  g_free (self->birth_date);
  self->names = g_strdupv ((char **) names);
  self->addresses = g_strdupv ((char **) addresses);
  self->account_numbers = g_strdupv ((char **) account_numbers);
  self->birth_date = g_strdup (birth_date);
  g_mutex_unlock (&self->lock);
}

/**
 * fp_genai_client_build_request:
 * @self: a client
 * @task: `simulation_summary`, `spending_summary`, `health_explanation` or
 *   `offer_explanation`
 * @locale: (nullable): `en`, `de-DE` …
 * @facts: (array zero-terminated=1): keys and values alternating
 * @error: a #GError
 *
 * The body fp_genai_client_narrate() would send: consent checked, facts
 * redacted. For tests and for showing the customer what is sent.
 *
 * Returns: (transfer full) (nullable): the JSON body
 */
char *
fp_genai_client_build_request (FpGenaiClient       *self,
                               const char          *task,
                               const char          *locale,
                               const char * const  *facts,
                               GError             **error)
{
  Profile profile = { 0 };
  char *request;

  g_return_val_if_fail (FP_IS_GENAI_CLIENT (self), NULL);
  g_return_val_if_fail (task != NULL, NULL);
  g_return_val_if_fail (facts != NULL, NULL);

  if (!fp_consent_policy_require (self->policy, FP_PURPOSE_GENAI, error))
    return NULL;

  profile_copy (self, &profile);
  request = build_narrative_request (&profile, task, locale, facts, NULL, error);
  profile_clear (&profile);
  return request;
}

/**
 * fp_genai_client_narrate:
 * @self: a client
 * @task: what to write (see fp_genai_client_build_request())
 * @locale: (nullable): the customer's language
 * @facts: (array zero-terminated=1): aggregated facts, keys and values
 *   alternating
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Asks the proxy for a narrative. Refuses with
 * %FP_CONSENT_ERROR_NOT_GRANTED, before building or sending anything, when
 * the customer has not consented to GenAI processing. Blocks; call it from
 * the thread that owns the policy, or use fp_genai_client_narrate_async().
 *
 * Returns: (transfer full) (nullable): the text and its source
 */
FpGenaiText *
fp_genai_client_narrate (FpGenaiClient       *self,
                         const char          *task,
                         const char          *locale,
                         const char * const  *facts,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autofree char *request = NULL;

  g_return_val_if_fail (FP_IS_GENAI_CLIENT (self), NULL);
  g_return_val_if_fail (task != NULL, NULL);
  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  request = fp_genai_client_build_request (self, task, locale, facts, error);
  if (request == NULL)
    return NULL;

  return send_narrative (self->http, self->prefix, request, cancellable, error);
}

typedef struct {
  Profile  profile;
  char    *task;
  char    *locale;
  GStrv    facts;
} NarrateData;

static void
narrate_data_free (NarrateData *data)
{
  profile_clear (&data->profile);
  g_free (data->task);
  g_free (data->locale);
  g_strfreev (data->facts);
  g_free (data);
}

static void
narrate_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FpGenaiClient *self = source_object;
  NarrateData *data = task_data;
  g_autofree char *request = NULL;
  GError *error = NULL;
  FpGenaiText *text;

  request = build_narrative_request (&data->profile, data->task, data->locale,
                                     (const char * const *) data->facts, NULL, &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  text = send_narrative (self->http, self->prefix, request, cancellable, &error);
  if (text == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, text, (GDestroyNotify) fp_genai_text_free);
}

/**
 * fp_genai_client_narrate_async:
 * @self: a client
 * @task: what to write
 * @locale: (nullable): the customer's language
 * @facts: (array zero-terminated=1): keys and values alternating
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * fp_genai_client_narrate() in a worker thread. The consent is checked now,
 * on the calling thread; without it the task fails at once.
 */
void
fp_genai_client_narrate_async (FpGenaiClient       *self,
                               const char          *task,
                               const char          *locale,
                               const char * const  *facts,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) gtask = NULL;
  GError *error = NULL;
  NarrateData *data;

  g_return_if_fail (FP_IS_GENAI_CLIENT (self));
  g_return_if_fail (task != NULL);
  g_return_if_fail (facts != NULL);

  gtask = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (gtask, fp_genai_client_narrate_async);

  if (!fp_consent_policy_require (self->policy, FP_PURPOSE_GENAI, &error))
    {
      g_task_return_error (gtask, error);
      return;
    }

  data = g_new0 (NarrateData, 1);
  profile_copy (self, &data->profile);
  data->task = g_strdup (task);
  data->locale = g_strdup (locale);
  data->facts = g_strdupv ((char **) facts);
  g_task_set_task_data (gtask, data, (GDestroyNotify) narrate_data_free);
  g_task_run_in_thread (gtask, narrate_thread);
}

/**
 * fp_genai_client_narrate_finish:
 * @self: a client
 * @result: the result
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the text and its source
 */
FpGenaiText *
fp_genai_client_narrate_finish (FpGenaiClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (FP_IS_GENAI_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fp_genai_client_chat:
 * @self: a client
 * @question: the customer's question (redacted before it is sent)
 * @locale: (nullable): the customer's language
 * @facts: (nullable) (array zero-terminated=1): facts to ground the answer
 * @delta: (nullable) (scope call): receives the answer piece by piece, as
 *   the pieces arrive
 * @user_data: data for @delta
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError: %FP_CONSENT_ERROR_NOT_GRANTED before anything is
 *   built, else an %FP_GENAI_ERROR
 *
 * Asks the proxy a question (`POST chat`, answered as server-sent events
 * read as they come). Gated and redacted like fp_genai_client_narrate().
 * Blocks; fp_genai_client_ask() is the same without blocking.
 *
 * Returns: (transfer full) (nullable): the whole answer and its source
 */
FpGenaiText *
fp_genai_client_chat (FpGenaiClient       *self,
                      const char          *question,
                      const char          *locale,
                      const char * const  *facts,
                      FpGenaiDeltaFunc     delta,
                      gpointer             user_data,
                      GCancellable        *cancellable,
                      GError             **error)
{
  Profile profile = { 0 };
  g_autofree char *request = NULL;
  g_autofree char *path = NULL;
  g_auto(FpGenaiStreamResult) result = { 0 };
  gint64 retry_after = -1;
  FpGenaiText *out;

  g_return_val_if_fail (FP_IS_GENAI_CLIENT (self), NULL);
  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!fp_consent_policy_require (self->policy, FP_PURPOSE_GENAI, error))
    return NULL;

  profile_copy (self, &profile);
  request = build_chat_request (&profile, question, locale, facts, NULL, error);
  profile_clear (&profile);
  if (request == NULL)
    return NULL;

  path = g_strconcat (self->prefix, "chat", NULL);
  if (!fp_genai_stream_read (self->http, path, request, delta, user_data, cancellable, &result, &retry_after,
                             error))
    return NULL;

  out = g_new0 (FpGenaiText, 1);
  out->text = g_steal_pointer (&result.text);
  out->generator = g_steal_pointer (&result.generator);
  out->id = g_steal_pointer (&result.id);
  out->facts_used = result.fact_keys != NULL ? g_strv_length (result.fact_keys) : 0;
  return out;
}

static const char *
task_name (FpGenaiTask task)
{
  switch (task)
    {
    case FP_GENAI_TASK_NARRATE_SCENARIO:
      return "simulation_summary";
    case FP_GENAI_TASK_EXPLAIN_SPENDING:
      return "spending_summary";
    case FP_GENAI_TASK_EXPLAIN_HEALTH:
      return "health_explanation";
    case FP_GENAI_TASK_EXPLAIN_OFFER:
      return "offer_explanation";
    case FP_GENAI_TASK_ANSWER_QUESTION:
    default:
      return NULL;
    }
}

/**
 * fp_genai_client_ask:
 * @self: a client
 * @task: what to ask for: a template over the facts, or an answer to
 *   @question from them
 * @question: (nullable): the customer's question, for
 *   %FP_GENAI_TASK_ANSWER_QUESTION (redacted before it is sent)
 * @locale: (nullable): the customer's language, `en` or `de-DE`…
 * @facts: (array zero-terminated=1): aggregated facts, key and value
 *   alternating (redacted before they are sent)
 * @cancellable: (nullable): cancelling it cancels the answer
 *
 * Asks the GenAI proxy without blocking: the returned answer streams in
 * on the calling thread's main context as #FpGenaiAnswer::delta signals,
 * then #FpGenaiAnswer::done (with fp_genai_answer_get_facts_used()) or
 * #FpGenaiAnswer::failed (an %FP_GENAI_ERROR: no consent, offline,
 * throttled with #FpGenaiAnswer:retry-after, refused, interrupted…).
 * Without the GenAI consent nothing is built or sent and the answer fails
 * with %FP_GENAI_ERROR_NO_CONSENT from the main loop.
 *
 * Returns: (transfer full): the answer, running
 */
FpGenaiAnswer *
fp_genai_client_ask (FpGenaiClient      *self,
                     FpGenaiTask         task,
                     const char         *question,
                     const char         *locale,
                     const char * const *facts,
                     GCancellable       *cancellable)
{
  Profile profile = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) sent = g_strv_builder_new ();
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  FpGenaiAnswer *answer;
  char *request;

  g_return_val_if_fail (FP_IS_GENAI_CLIENT (self), NULL);
  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (task == FP_GENAI_TASK_ANSWER_QUESTION || task_name (task) != NULL, NULL);

  if (!fp_consent_policy_require (self->policy, FP_PURPOSE_GENAI, &error))
    return _fp_genai_answer_new_failed (fp_genai_error_new_from (error, 0));

  profile_copy (self, &profile);
  if (task == FP_GENAI_TASK_ANSWER_QUESTION)
    request = build_chat_request (&profile, question != NULL ? question : "", locale, facts, sent, &error);
  else
    request = build_narrative_request (&profile, task_name (task), locale, facts, sent, &error);
  profile_clear (&profile);
  if (request == NULL)
    return _fp_genai_answer_new_failed (g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_REFUSED,
                                                             error->message));

  path = g_strconcat (self->prefix, task == FP_GENAI_TASK_ANSWER_QUESTION ? "chat" : "narratives", NULL);
  token = _fp_http_client_dup_access_token (self->http);
  answer = _fp_genai_answer_start (fp_http_client_get_base_url (self->http), token, path, request,
                                   g_strv_builder_end (sent), cancellable);
  if (token != NULL)
    memset (token, 0, strlen (token));
  return answer;
}

/**
 * fp_genai_facts_from_pairs:
 * @sim_facts: (element-type FpSimFact): facts of a simulation
 *
 * Returns: (transfer full): keys and values alternating, as the narrative
 *   functions take them
 */
char **
fp_genai_facts_from_pairs (GPtrArray *sim_facts)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (sim_facts != NULL, NULL);

  for (guint i = 0; i < sim_facts->len; i++)
    {
      const FpSimFact *fact = g_ptr_array_index (sim_facts, i);

      g_strv_builder_add (builder, fact->key);
      g_strv_builder_add (builder, fact->value);
    }
  return g_strv_builder_end (builder);
}
