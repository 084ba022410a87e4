/* fp-genai-answer.c
 *
 * A GenAI answer as it streams in from the proxy: the server-sent events
 * (`meta`, `delta`…, `done`, or `error`) are read from the socket as they
 * arrive, in a worker thread, and handed to the thread that asked, one
 * `delta` signal per piece, then `done` or `failed`. Nothing is read
 * whole: a piece reaches the page while the model is still writing the
 * next.
 *
 * The stream is read strictly (fp-sse-reader.c; events parsed with the
 * size cap and depth check of every reply), and an answer that stops
 * without its `done` event is an interruption, never a complete answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-genai-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-genai-answer.h"
#include "fp-genai-client.h"
#include "fp-net-error.h"
#include "fp-net-private.h"
#include "fp-sse-reader.h"

#define READ_CHUNK 4096

G_DEFINE_QUARK (fp-genai-error-quark, fp_genai_error)

struct _FpGenaiAnswer
{
  GObject             parent_instance;

  FpGenaiAnswerState  state;
  GString            *text;
  char               *generator;
  char               *finish_reason;
  GStrv               sent_facts;      /* key, value, … as sent, redacted */
  GStrv               facts_used;
  gint64              retry_after;
  GError             *error;
  GCancellable       *cancellable;
  GCancellable       *caller;
  gulong              caller_id;
  GMainContext       *context;
};

G_DEFINE_FINAL_TYPE (FpGenaiAnswer, fp_genai_answer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_TEXT,
  PROP_GENERATOR,
  PROP_RETRY_AFTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DELTA,
  SIGNAL_DONE,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
fp_genai_stream_result_clear (FpGenaiStreamResult *result)
{
  g_clear_pointer (&result->text, g_free);
  g_clear_pointer (&result->generator, g_free);
  g_clear_pointer (&result->id, g_free);
  g_clear_pointer (&result->finish_reason, g_free);
  g_clear_pointer (&result->fact_keys, g_strfreev);
}

/* Errors */

/**
 * fp_genai_error_new_from:
 * @error: an error of the client (%FP_NET_ERROR, %FP_CONSENT_ERROR…)
 * @status: the HTTP status of the refusal, 0 if none came back
 *
 * Returns: (transfer full): the error in the assistant's kinds
 */
GError *
fp_genai_error_new_from (const GError *error,
                         guint         status)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == FP_GENAI_ERROR)
    return g_error_copy (error);
  if (error->domain == FP_CONSENT_ERROR)
    return g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_NO_CONSENT,
                                _("Answers from the GenAI assistant need your consent. You can give it on the Privacy page."));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == FP_NET_ERROR && (error->code == FP_NET_ERROR_UNREACHABLE
                                        || error->code == FP_NET_ERROR_INVALID_URL
                                        || error->code == FP_NET_ERROR_CIRCUIT_OPEN))
    return g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_OFFLINE,
                                _("The assistant cannot be reached. Check the connection and try again."));
  switch (status)
    {
    case 401:
      return g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_UNAUTHORIZED,
                                  _("Your sign-in has expired or was withdrawn. Please sign in again."));
    case 403:
      return g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_NO_CONSENT,
                                  _("Your bank has no GenAI consent from you. Check it on the Privacy page."));
    case 400:
    case 413:
    case 415:
    case 422:
      return g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_REFUSED,
                                  _("The assistant did not accept this question. Ask it without personal details."));
    case 429:
    case 503:
      return g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_THROTTLED,
                                  _("The assistant is busy. Try again in a moment."));
    default:
      break;
    }
  if (error->domain == FP_NET_ERROR && (error->code == FP_NET_ERROR_MALFORMED || error->code == FP_NET_ERROR_SCHEMA
                                        || error->code == FP_NET_ERROR_TOO_LARGE || error->code == FP_NET_ERROR_TOO_DEEP))
    return g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_INTERRUPTED,
                                _("The answer broke off. Try again."));
  return g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_FAILED, _("The assistant could not answer."));
}

/* Reading the stream */

typedef struct {
  FpGenaiDeltaFunc     delta;
  gpointer             user_data;
  GString             *text;
  FpGenaiStreamResult *out;
  gboolean             done;
  gboolean             broken;      /* an `error` event or a bad event */
  gint64               retry_after;
} Reading;

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
event_cb (const char *event,
          const char *data,
          gpointer    user_data)
{
  Reading *r = user_data;
  g_autoptr(JsonNode) root = fp_json_parse_guarded (data, strlen (data), FP_GENAI_MAX_CHAT_BYTES, NULL);
  JsonObject *o;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("a %s event is not a JSON object", event);
      r->broken = TRUE;
      return FALSE;
    }
  o = json_node_get_object (root);

  if (strcmp (event, "meta") == 0)
    {
      const char *id = member_string (o, "conversationId");

      g_free (r->out->generator);
      g_free (r->out->id);
      r->out->generator = g_strdup (member_string (o, "generator"));
      r->out->id = g_strdup (id != NULL ? id : member_string (o, "narrativeId"));
    }
  else if (strcmp (event, "delta") == 0)
    {
      const char *piece = member_string (o, "text");

      if (piece == NULL || r->out->generator == NULL)
        {
          g_debug ("a delta without text, or before meta");
          r->broken = TRUE;
          return FALSE;
        }
      g_string_append (r->text, piece);
      if (r->delta != NULL)
        r->delta (piece, r->user_data);
    }
  else if (strcmp (event, "done") == 0)
    {
      JsonNode *keys = json_object_get_member (o, "factKeys");

      g_free (r->out->finish_reason);
      r->out->finish_reason = g_strdup (member_string (o, "finishReason"));
      if (keys != NULL && JSON_NODE_HOLDS_ARRAY (keys))
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          JsonArray *array = json_node_get_array (keys);

          for (guint i = 0; i < json_array_get_length (array) && i < FP_GENAI_MAX_FACTS; i++)
            {
              JsonNode *k = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (k) && json_node_get_value_type (k) == G_TYPE_STRING)
                g_strv_builder_add (builder, json_node_get_string (k));
            }
          g_strfreev (r->out->fact_keys);
          r->out->fact_keys = g_strv_builder_end (builder);
        }
      r->done = TRUE;
      return FALSE;
    }
  else if (strcmp (event, "error") == 0)
    {
      JsonNode *after = json_object_get_member (o, "retryAfter");

      g_debug ("the proxy ended the stream with an error: %s", member_string (o, "type"));
      if (after != NULL && JSON_NODE_HOLDS_VALUE (after) && json_node_get_value_type (after) == G_TYPE_INT64)
        r->retry_after = CLAMP (json_node_get_int (after), 0, 3600);
      r->broken = TRUE;
      return FALSE;
    }
  /* Other events are for newer clients. */
  return TRUE;
}

/**
 * fp_genai_stream_read:
 * @http: a client whose base URL reaches the proxy
 * @path: `chat` or `narratives` below it
 * @request: the JSON body, built by #FpGenaiClient (consent checked, redacted)
 * @delta: (nullable) (scope call): receives each piece as it arrives
 * @user_data: data for @delta
 * @cancellable: (nullable): a #GCancellable
 * @out: (out caller-allocates): the answer
 * @out_retry_after: (out): seconds to wait before asking again, or -1
 * @error: a #GError in %FP_GENAI_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Sends @request and reads the server-sent events as they come. Blocks.
 *
 * Returns: %TRUE when the whole answer arrived (its `done` event)
 */
gboolean
fp_genai_stream_read (FpHttpClient         *http,
                      const char           *path,
                      const char           *request,
                      FpGenaiDeltaFunc      delta,
                      gpointer              user_data,
                      GCancellable         *cancellable,
                      FpGenaiStreamResult  *out,
                      gint64               *out_retry_after,
                      GError              **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(FpSseReader) reader = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  Reading r = { delta, user_data, text, out, FALSE, FALSE, -1 };
  gsize total = 0;
  char buf[READ_CHUNK];

  g_return_val_if_fail (FP_IS_HTTP_CLIENT (http), FALSE);
  g_return_val_if_fail (path != NULL && request != NULL && out != NULL && out_retry_after != NULL, FALSE);

  memset (out, 0, sizeof *out);
  *out_retry_after = -1;
  body = g_bytes_new (request, strlen (request));
  stream = _fp_http_client_open_stream (http, path, "application/json", body, "text/event-stream",
                                        out_retry_after, cancellable, &local);
  if (stream == NULL)
    {
      g_propagate_error (error, fp_genai_error_new_from (local, fp_http_client_get_last_status (http)));
      return FALSE;
    }

  reader = fp_sse_reader_new (FP_GENAI_MAX_CHAT_BYTES, event_cb, &r);
  while (!r.done && !r.broken)
    {
      gssize n = g_input_stream_read (stream, buf, sizeof buf, cancellable, &local);

      if (n < 0)
        {
          g_input_stream_close (stream, NULL, NULL);
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              out->text = g_string_free (g_steal_pointer (&text), FALSE);
              return FALSE;
            }
          g_debug ("the answer's stream failed: %s", local->message);
          r.broken = TRUE;
          break;
        }
      if (n == 0)
        {
          if (!fp_sse_reader_finish (reader, NULL))
            r.broken = TRUE;
          break;
        }
      total += (gsize) n;
      if (total > FP_GENAI_MAX_CHAT_BYTES || !fp_sse_reader_feed (reader, buf, (gsize) n, NULL))
        {
          r.broken = TRUE;
          break;
        }
    }
  g_input_stream_close (stream, NULL, NULL);

  out->text = g_string_free (g_steal_pointer (&text), FALSE);
  if (!r.done)
    {
      *out_retry_after = r.retry_after;
      g_set_error_literal (error, FP_GENAI_ERROR, FP_GENAI_ERROR_INTERRUPTED, _("The answer broke off. Try again."));
      return FALSE;
    }
  return TRUE;
}

/* The answer object */

typedef struct {
  FpGenaiAnswer       *answer;
  char                *delta;          /* a piece, or NULL for the end */
  FpGenaiStreamResult  result;
  GError              *error;
  gint64               retry_after;
} Post;

static void
post_free (gpointer data)
{
  Post *p = data;

  g_object_unref (p->answer);
  g_free (p->delta);
  fp_genai_stream_result_clear (&p->result);
  g_clear_error (&p->error);
  g_free (p);
}

static void
set_state (FpGenaiAnswer      *self,
           FpGenaiAnswerState  state)
{
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
compute_facts_used (FpGenaiAnswer *self,
                    GStrv          keys)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->sent_facts != NULL && self->sent_facts[i] != NULL && self->sent_facts[i + 1] != NULL; i += 2)
    if (keys == NULL || g_strv_contains ((const char * const *) keys, self->sent_facts[i]))
      {
        g_strv_builder_add (builder, self->sent_facts[i]);
        g_strv_builder_add (builder, self->sent_facts[i + 1]);
      }
  g_strfreev (self->facts_used);
  self->facts_used = g_strv_builder_end (builder);
}

static gboolean
post_cb (gpointer data)
{
  Post *p = data;
  FpGenaiAnswer *self = p->answer;

  /* Cancelled: nothing more reaches the page. */
  if (self->state != FP_GENAI_ANSWER_RUNNING)
    return G_SOURCE_REMOVE;

  if (p->delta != NULL)
    {
      g_string_append (self->text, p->delta);
      g_signal_emit (self, signals[SIGNAL_DELTA], 0, p->delta);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
      return G_SOURCE_REMOVE;
    }

  if (p->error == NULL)
    {
      g_free (self->generator);
      self->generator = g_steal_pointer (&p->result.generator);
      g_free (self->finish_reason);
      self->finish_reason = g_steal_pointer (&p->result.finish_reason);
      compute_facts_used (self, p->result.fact_keys);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATOR]);
      set_state (self, FP_GENAI_ANSWER_DONE);
      g_signal_emit (self, signals[SIGNAL_DONE], 0);
      return G_SOURCE_REMOVE;
    }
  if (g_error_matches (p->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_state (self, FP_GENAI_ANSWER_CANCELLED);
      return G_SOURCE_REMOVE;
    }
  self->error = g_steal_pointer (&p->error);
  self->retry_after = MAX (p->retry_after, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AFTER]);
  set_state (self, FP_GENAI_ANSWER_FAILED);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, self->error);
  return G_SOURCE_REMOVE;
}

/* In order: each post is an idle of the same priority, attached in turn. */
static void
post (FpGenaiAnswer *self,
      Post          *p)
{
  GSource *source = g_idle_source_new ();

  p->answer = g_object_ref (self);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, post_cb, p, post_free);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

typedef struct {
  FpGenaiAnswer *answer;
  char          *base_url;
  char          *token;
  char          *path;
  char          *request;
} Work;

static void
work_free (Work *w)
{
  g_object_unref (w->answer);
  g_free (w->base_url);
  if (w->token != NULL)
    memset (w->token, 0, strlen (w->token));
  g_free (w->token);
  g_free (w->path);
  g_free (w->request);
  g_free (w);
}

static void
delta_to_caller (const char *text,
                 gpointer    user_data)
{
  Post *p = g_new0 (Post, 1);

  p->delta = g_strdup (text);
  post (user_data, p);
}

static void
answer_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Work *w = task_data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(GError) local = NULL;
  Post *p = g_new0 (Post, 1);

  http = fp_http_client_new (w->base_url, &local);
  if (http != NULL)
    {
      fp_http_client_set_access_token (http, w->token);
      fp_genai_stream_read (http, w->path, w->request, delta_to_caller, w->answer, w->answer->cancellable,
                            &p->result, &p->retry_after, &p->error);
    }
  else
    p->error = fp_genai_error_new_from (local, 0);
  post (w->answer, p);
  g_task_return_boolean (task, TRUE);
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      data)
{
  /* Any thread: only the answer's own cancellable is touched. */
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void
fp_genai_answer_dispose (GObject *object)
{
  FpGenaiAnswer *self = FP_GENAI_ANSWER (object);

  if (self->caller_id != 0)
    g_cancellable_disconnect (self->caller, self->caller_id);
  self->caller_id = 0;
  g_clear_object (&self->caller);

  G_OBJECT_CLASS (fp_genai_answer_parent_class)->dispose (object);
}

static void
fp_genai_answer_finalize (GObject *object)
{
  FpGenaiAnswer *self = FP_GENAI_ANSWER (object);

  g_string_free (self->text, TRUE);
  g_free (self->generator);
  g_free (self->finish_reason);
  g_strfreev (self->sent_facts);
  g_strfreev (self->facts_used);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (fp_genai_answer_parent_class)->finalize (object);
}

static void
fp_genai_answer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FpGenaiAnswer *self = FP_GENAI_ANSWER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text->str);
      break;
    case PROP_GENERATOR:
      g_value_set_string (value, self->generator);
      break;
    case PROP_RETRY_AFTER:
      g_value_set_int64 (value, self->retry_after);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_genai_answer_class_init (FpGenaiAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_genai_answer_dispose;
  object_class->finalize = fp_genai_answer_finalize;
  object_class->get_property = fp_genai_answer_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, FP_GENAI_ANSWER_RUNNING, FP_GENAI_ANSWER_CANCELLED,
                      FP_GENAI_ANSWER_RUNNING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENERATOR] =
    g_param_spec_string ("generator", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_AFTER] =
    g_param_spec_int64 ("retry-after", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpGenaiAnswer::delta:
   * @text: the next piece, to append as it is
   *
   * A piece of the answer arrived; #FpGenaiAnswer:text already holds it.
   */
  signals[SIGNAL_DELTA] =
    g_signal_new ("delta", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * FpGenaiAnswer::done:
   *
   * The whole answer arrived; fp_genai_answer_get_facts_used() says what
   * it was based on.
   */
  signals[SIGNAL_DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * FpGenaiAnswer::failed:
   * @error: an %FP_GENAI_ERROR with a sentence for the customer
   *
   * The answer failed; not emitted for a cancelled one.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
fp_genai_answer_init (FpGenaiAnswer *self)
{
  self->text = g_string_new (NULL);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
}

/* Private constructors */

FpGenaiAnswer *
_fp_genai_answer_start (const char   *base_url,
                        const char   *access_token,
                        const char   *path,
                        char         *request,
                        GStrv         sent_facts,
                        GCancellable *cancellable)
{
  FpGenaiAnswer *self = g_object_new (FP_TYPE_GENAI_ANSWER, NULL);
  g_autoptr(GTask) task = NULL;
  Work *w = g_new0 (Work, 1);

  self->sent_facts = sent_facts;
  if (cancellable != NULL)
    {
      self->caller = g_object_ref (cancellable);
      self->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                               g_object_ref (self->cancellable), g_object_unref);
    }
  w->answer = g_object_ref (self);
  w->base_url = g_strdup (base_url);
  w->token = g_strdup (access_token);
  w->path = g_strdup (path);
  w->request = request;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, _fp_genai_answer_start);
  g_task_set_task_data (task, w, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, answer_thread);
  return self;
}

FpGenaiAnswer *
_fp_genai_answer_new_failed (GError *error)
{
  FpGenaiAnswer *self = g_object_new (FP_TYPE_GENAI_ANSWER, NULL);
  Post *p = g_new0 (Post, 1);

  /* From the main loop, after the caller has connected its handlers. */
  p->error = error;
  post (self, p);
  return self;
}

/* Public API */

FpGenaiAnswerState
fp_genai_answer_get_state (FpGenaiAnswer *self)
{
  g_return_val_if_fail (FP_IS_GENAI_ANSWER (self), FP_GENAI_ANSWER_FAILED);
  return self->state;
}

/**
 * fp_genai_answer_get_text:
 * @self: an answer
 *
 * Returns: the answer so far (all of it once done)
 */
const char *
fp_genai_answer_get_text (FpGenaiAnswer *self)
{
  g_return_val_if_fail (FP_IS_GENAI_ANSWER (self), NULL);
  return self->text->str;
}

/**
 * fp_genai_answer_get_generator:
 * @self: an answer
 *
 * Returns: (nullable): who wrote it, once done: `bedrock:<model id>`, or
 *   `sandbox-template`; show it as the source
 */
const char *
fp_genai_answer_get_generator (FpGenaiAnswer *self)
{
  g_return_val_if_fail (FP_IS_GENAI_ANSWER (self), NULL);
  return self->generator;
}

/**
 * fp_genai_answer_get_facts_used:
 * @self: an answer
 *
 * Returns: (array zero-terminated=1) (nullable): once done, the facts the
 *   answer was based on, key and value alternating, exactly as they were
 *   sent (redacted): the page shows them under the answer
 */
const char * const *
fp_genai_answer_get_facts_used (FpGenaiAnswer *self)
{
  g_return_val_if_fail (FP_IS_GENAI_ANSWER (self), NULL);
  return (const char * const *) self->facts_used;
}

/**
 * fp_genai_answer_get_finish_reason:
 * @self: an answer
 *
 * Returns: (nullable): once done, `stop`, `length` (cut at the length
 *   limit) or `content_filter` (the bank's guardrail intervened)
 */
const char *
fp_genai_answer_get_finish_reason (FpGenaiAnswer *self)
{
  g_return_val_if_fail (FP_IS_GENAI_ANSWER (self), NULL);
  return self->finish_reason;
}

/**
 * fp_genai_answer_get_retry_after:
 * @self: an answer
 *
 * Returns: after %FP_GENAI_ERROR_THROTTLED or _INTERRUPTED, the seconds
 *   the proxy asked to wait (0 when it said nothing)
 */
gint64
fp_genai_answer_get_retry_after (FpGenaiAnswer *self)
{
  g_return_val_if_fail (FP_IS_GENAI_ANSWER (self), 0);
  return self->retry_after;
}

/**
 * fp_genai_answer_get_error:
 * @self: an answer
 *
 * Returns: (nullable): the error of a failed answer
 */
const GError *
fp_genai_answer_get_error (FpGenaiAnswer *self)
{
  g_return_val_if_fail (FP_IS_GENAI_ANSWER (self), NULL);
  return self->error;
}

/**
 * fp_genai_answer_cancel:
 * @self: an answer
 *
 * Stops it at once: no more signals but #FpGenaiAnswer:state turning
 * %FP_GENAI_ANSWER_CANCELLED; the request to the proxy is aborted, and
 * the proxy's to the model with it.
 */
void
fp_genai_answer_cancel (FpGenaiAnswer *self)
{
  g_return_if_fail (FP_IS_GENAI_ANSWER (self));

  g_cancellable_cancel (self->cancellable);
  if (self->state == FP_GENAI_ANSWER_RUNNING)
    set_state (self, FP_GENAI_ANSWER_CANCELLED);
}
