/* fp-session-genai.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session's GenAI requests: narratives of a simulation
 * (fp_session_narrate_async()) and streamed answers (fp_session_ask()),
 * from the proxy set with fp_session_set_genai_url() or the demo's own.
 * The GenAI client checks the consent and redacts the facts.
 */

#define G_LOG_DOMAIN "fp-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-genai-client.h"
#include "fp-core.h"
#include "fp-http-client.h"
#include "fp-keyring.h"
#include "fp-net-error.h"
#include "fp-session-private.h"

/**
 * fp_session_set_genai_url:
 * @self: a #FpSession
 * @genai_url: the GenAI proxy's base URL, checked with
 *   fp_endpoint_normalize(); empty for the demo bank's own proxy
 *
 * Sets where narratives are written. Returns %FALSE for an address that
 * fp_endpoint_normalize() refuses, and keeps the previous one.
 *
 * Returns: whether the address was taken
 */
gboolean
fp_session_set_genai_url (FpSession  *self,
                          const char *genai_url)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (genai_url != NULL, FALSE);

  normalized = fp_endpoint_normalize (genai_url, &error);
  if (normalized == NULL)
    {
      g_debug ("GenAI proxy address refused: %s", error->message);
      return FALSE;
    }

  g_free (self->genai_url);
  self->genai_url = g_steal_pointer (&normalized);
  return TRUE;
}

typedef struct
{
  char              *base_url;
  char              *prefix;
  char              *token;
  char             **facts;
  char              *locale;
  FpConsentPolicy   *policy;
  FpSandboxLauncher *launcher;   /* the demo GenAI proxy's, when base_url is NULL */
} NarrateData;

static void
narrate_data_free (NarrateData *data)
{
  g_free (data->base_url);
  g_free (data->prefix);
  fp_keyring_free_token (data->token);
  g_strfreev (data->facts);
  g_free (data->locale);
  g_clear_object (&data->policy);
  g_clear_object (&data->launcher);
  g_free (data);
}

/* Runs in a worker thread. The GenAI client checks the consent again and
 * redacts every fact before anything is sent. */
static void
narrate_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  NarrateData *data = task_data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpGenaiClient) genai = NULL;
  g_autoptr(GError) error = NULL;
  FpGenaiText *text;

  if (data->base_url == NULL)
    {
      const char *url = fp_sandbox_launcher_wait_proxy (data->launcher, cancellable, &error);

      if (url == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      data->base_url = g_strdup (url);
    }
  http = fp_http_client_new (data->base_url, &error);
  if (http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fp_http_client_set_access_token (http, data->token);
  genai = fp_genai_client_new (http, data->prefix, data->policy);
  text = fp_genai_client_narrate (genai, "simulation_summary", data->locale,
                                  (const char * const *) data->facts, cancellable, &error);
  if (text == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, text, (GDestroyNotify) fp_genai_text_free);
}

/* "de" for de_DE.UTF-8; the proxy answers in English when it cannot. */
static char *
current_language (void)
{
  const char * const *names = g_get_language_names ();
  const char *name = names[0] != NULL ? names[0] : "C";

  if (g_str_equal (name, "C") || g_str_equal (name, "POSIX"))
    return g_strdup ("en");

  return g_strndup (name, strcspn (name, "_.@"));
}

/**
 * fp_session_narrate_async:
 * @self: a #FpSession
 * @facts: aggregated facts as key, value, key, value, …, %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the narrative, or an error
 * @user_data: data for @callback
 *
 * Asks the GenAI proxy for a plain-language narrative of @facts. Fails at
 * once, without a request, when the customer has not given the GenAI
 * consent, when no one is signed in yet, or when no proxy is set up.
 */
void
fp_session_narrate_async (FpSession           *self,
                          const char * const  *facts,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  NarrateData *data;
  char *token;

  g_return_if_fail (FP_IS_SESSION (self));
  g_return_if_fail (facts != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_session_narrate_async);

  if (!fp_consent_policy_require (self->policy, FP_PURPOSE_GENAI, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  token = self->engine != NULL ? fp_sync_engine_dup_access_token (self->engine) : NULL;
  if (token == NULL)
    {
      g_task_return_new_error (task, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED,
                               _("Please sign in to your bank."));
      return;
    }

  data = g_new0 (NarrateData, 1);
  data->token = token;
  data->facts = g_strdupv ((char **) facts);
  data->locale = current_language ();
  data->policy = g_object_ref (self->policy);
  if (self->genai_url != NULL && *self->genai_url != '\0')
    {
      data->base_url = g_strdup (self->genai_url);
      data->prefix = g_strdup ("");
    }
  else if (self->launcher != NULL)
    {
      /* The demo's own GenAI proxy, in front of the demo bank's Bedrock
       * stand-in; the worker waits for it if it is still starting. */
      data->launcher = g_object_ref (self->launcher);
      data->prefix = g_strdup ("v1/");
    }
  else
    {
      narrate_data_free (data);
      g_task_return_new_error (task, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL,
                               _("No GenAI proxy is set up. Set its address in Preferences."));
      return;
    }

  g_task_set_task_data (task, data, (GDestroyNotify) narrate_data_free);
  g_task_run_in_thread (task, narrate_thread);
}

/**
 * fp_session_narrate_finish:
 * @self: a #FpSession
 * @result: the result given to the callback
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the narrative and who wrote it
 */
FpGenaiText *
fp_session_narrate_finish (FpSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fp_session_ask:
 * @self: a #FpSession
 * @task: what to ask for (#FpGenaiTask)
 * @question: (nullable): the customer's question, for
 *   %FP_GENAI_TASK_ANSWER_QUESTION
 * @facts: aggregated facts as key, value, key, value, …, %NULL
 * @cancellable: (nullable): a #GCancellable
 *
 * Asks the GenAI proxy (the demo's own, or the one set with
 * fp_session_set_genai_url()) for a streamed answer; see
 * fp_genai_client_ask(). The consent is checked and the facts redacted
 * before anything is sent; the answer fails at once with an
 * %FP_GENAI_ERROR when there is no consent, no sign-in or no proxy.
 *
 * Returns: (transfer full): the answer, streaming in on this thread
 */
FpGenaiAnswer *
fp_session_ask (FpSession          *self,
                FpGenaiTask         task,
                const char         *question,
                const char * const *facts,
                GCancellable       *cancellable)
{
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpGenaiClient) genai = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *locale = NULL;
  const char *base = NULL, *prefix = "";
  char *token;

  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  g_return_val_if_fail (facts != NULL, NULL);

  if (!fp_consent_policy_require (self->policy, FP_PURPOSE_GENAI, &error))
    return _fp_genai_answer_new_failed (fp_genai_error_new_from (error, 0));
  if (self->genai_url != NULL && *self->genai_url != '\0')
    base = self->genai_url;
  else if (self->launcher != NULL)
    {
      base = fp_sandbox_launcher_get_proxy_url (self->launcher);
      prefix = "v1/";
    }
  if (base == NULL)
    return _fp_genai_answer_new_failed (g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_OFFLINE,
                                                             _("No GenAI proxy is set up. Set its address in Preferences.")));
  token = self->engine != NULL ? fp_sync_engine_dup_access_token (self->engine) : NULL;
  if (token == NULL)
    return _fp_genai_answer_new_failed (g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_UNAUTHORIZED,
                                                             _("Please sign in to your bank.")));
  http = fp_http_client_new (base, &error);
  if (http == NULL)
    {
      fp_keyring_free_token (token);
      return _fp_genai_answer_new_failed (fp_genai_error_new_from (error, 0));
    }
  fp_http_client_set_access_token (http, token);
  fp_keyring_free_token (token);
  genai = fp_genai_client_new (http, prefix, self->policy);
  locale = current_language ();
  return fp_genai_client_ask (genai, task, question, locale, facts, cancellable);
}
