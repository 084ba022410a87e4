/* fp-sandbox-launcher.c
 *
 * The embedded demo bank: `finpersona-sandbox --demo --port 0
 * --bedrock-port 0` as a child process on loopback, playing the bank and
 * Amazon Bedrock; its lines `FINPERSONA_BEDROCK_URL=…` and
 * `FINPERSONA_SANDBOX_URL=http://127.0.0.1:PORT/` give the addresses. Then
 * the GenAI proxy, `finpersona-genai-proxy --port 0`, pointed at both with
 * the sandbox's published throwaway credentials (fp-aws-sandbox.h: not
 * secrets), prints `FINPERSONA_GENAI_PROXY_URL=…`. The children are stopped
 * with the launcher (and by the kernel if we die first).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-launcher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "fp-aws-sandbox.h"
#include "fp-endpoint.h"
#include "fp-net-error.h"
#include "fp-sandbox-launcher.h"

#define SANDBOX_NAME    "finpersona-sandbox"
#define PROXY_NAME      "finpersona-genai-proxy"
#define URL_PREFIX      "FINPERSONA_SANDBOX_URL="
#define BEDROCK_PREFIX  "FINPERSONA_BEDROCK_URL="
#define PROXY_PREFIX    "FINPERSONA_GENAI_PROXY_URL="
#define START_TIMEOUT_S 60

struct _FpSandboxLauncher {
  GObject      parent_instance;

  GSubprocess *process;
  char        *url;
  char        *bedrock_url;
  GSubprocess *proxy;
  char        *proxy_url;
  GMutex       lock;         /* one reader of the proxy's output at a time */
};

G_DEFINE_FINAL_TYPE (FpSandboxLauncher, fp_sandbox_launcher, G_TYPE_OBJECT)

static void
fp_sandbox_launcher_finalize (GObject *object)
{
  FpSandboxLauncher *self = FP_SANDBOX_LAUNCHER (object);

  fp_sandbox_launcher_stop (self);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (fp_sandbox_launcher_parent_class)->finalize (object);
}

static void
fp_sandbox_launcher_class_init (FpSandboxLauncherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fp_sandbox_launcher_finalize;
}

static void
fp_sandbox_launcher_init (FpSandboxLauncher *self)
{
  g_mutex_init (&self->lock);
}

FpSandboxLauncher *
fp_sandbox_launcher_new (void)
{
  return g_object_new (FP_TYPE_SANDBOX_LAUNCHER, NULL);
}

/**
 * fp_sandbox_launcher_find_executable:
 *
 * Looks for the sandbox bank: $FP_SANDBOX_EXECUTABLE, next to the running
 * executable, in the build tree (src/sandbox/ beside src/ui/ or src/cli/),
 * then in PATH.
 *
 * Returns: (transfer full) (nullable): its path
 */
static char *
find_program (const char *env_name,
              const char *folder,
              const char *name)
{
  const char *env = g_getenv (env_name);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);

  if (env != NULL && g_file_test (env, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (env);
  if (self_exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_exe);
      g_autofree char *sibling = g_strdup_printf ("../%s/%s", folder, name);
      g_autofree char *build = g_strdup_printf ("../src/%s/%s", folder, name);
      g_autofree char *deeper = g_strdup_printf ("../../src/%s/%s", folder, name);
      const char *candidates[] = { name, sibling, build, deeper };

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          g_autofree char *path = g_build_filename (dir, candidates[i], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
            return g_canonicalize_filename (path, NULL);
        }
    }
  return g_find_program_in_path (name);
}

char *
fp_sandbox_launcher_find_executable (void)
{
  return find_program ("FP_SANDBOX_EXECUTABLE", "sandbox", SANDBOX_NAME);
}

static void
child_setup (gpointer data)
{
  /* The demo bank dies with the app, even after kill -9. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

typedef struct {
  char    *line;
  GError  *error;
  gboolean done;
} ReadLine;

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadLine *r = user_data;

  r->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                       NULL, &r->error);
  r->done = TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * fp_sandbox_launcher_spawn:
 * @self: a launcher
 * @extra_args: (nullable) (array zero-terminated=1): more arguments
 * @error: a #GError
 *
 * Starts `finpersona-sandbox --demo --port 0 --bedrock-port 0` without
 * waiting for it.
 * Call it on a thread that lives as long as the app (the main thread):
 * the demo bank is told to stop when the thread that started it ends,
 * which is what makes it die with the app even after kill -9.
 *
 * Returns: %TRUE if the process started
 */
gboolean
fp_sandbox_launcher_spawn (FpSandboxLauncher  *self,
                           const char *const  *extra_args,
                           GError            **error)
{
  g_autofree char *exe = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (FP_IS_SANDBOX_LAUNCHER (self), FALSE);
  g_return_val_if_fail (self->process == NULL, FALSE);

  exe = fp_sandbox_launcher_find_executable ();
  if (exe == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_LAUNCH,
                           _("The demo bank is not installed."));
      return FALSE;
    }
  g_ptr_array_add (argv, exe);
  g_ptr_array_add (argv, (gpointer) "--demo");
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, (gpointer) "0");
  g_ptr_array_add (argv, (gpointer) "--bedrock-port");
  g_ptr_array_add (argv, (gpointer) "0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &local);
  if (self->process == NULL)
    {
      g_debug ("could not start the sandbox: %s", local->message);
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_LAUNCH,
                           _("The demo bank could not be started."));
      return FALSE;
    }

  return TRUE;
}

/* Reads @process's output until a line starts with @last_prefix; lines
 * with @other_prefix set *@other_value. Blocks; any thread. */
static char *
read_address (GSubprocess   *process,
              const char    *last_prefix,
              const char    *other_prefix,
              char         **other_value,
              GCancellable  *cancellable)
{
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timer = NULL;
  ReadLine r = { 0 };
  gboolean timed_out = FALSE;
  char *found = NULL;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  timer = g_timeout_source_new_seconds (START_TIMEOUT_S);
  g_source_set_callback (timer, timeout_cb, &timed_out, NULL);
  g_source_attach (timer, context);

  while (found == NULL && !timed_out && !g_cancellable_is_cancelled (cancellable))
    {
      r.done = FALSE;
      g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, cancellable, read_line_cb, &r);
      while (!r.done)
        g_main_context_iteration (context, TRUE);
      if (r.line == NULL)
        break;
      if (g_str_has_prefix (r.line, last_prefix))
        {
          g_autofree char *url = fp_endpoint_normalize (r.line + strlen (last_prefix), NULL);

          if (url != NULL && *url != '\0')
            found = g_steal_pointer (&url);
        }
      else if (other_prefix != NULL && g_str_has_prefix (r.line, other_prefix))
        {
          g_free (*other_value);
          *other_value = fp_endpoint_normalize (r.line + strlen (other_prefix), NULL);
        }
      g_clear_pointer (&r.line, g_free);
      if (timed_out)
        break;
    }
  g_source_destroy (timer);
  g_main_context_pop_thread_default (context);
  g_clear_error (&r.error);
  return found;
}

/**
 * fp_sandbox_launcher_wait:
 * @self: a launcher after fp_sandbox_launcher_spawn()
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Waits for the demo bank to print its address. Blocks; any thread.
 *
 * Returns: %TRUE when the sandbox is listening
 */
gboolean
fp_sandbox_launcher_wait (FpSandboxLauncher  *self,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_return_val_if_fail (FP_IS_SANDBOX_LAUNCHER (self), FALSE);
  g_return_val_if_fail (self->process != NULL, FALSE);

  self->url = read_address (self->process, URL_PREFIX, BEDROCK_PREFIX, &self->bedrock_url, cancellable);
  if (self->url == NULL)
    {
      fp_sandbox_launcher_stop (self);
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_LAUNCH,
                             _("The demo bank did not start."));
      return FALSE;
    }
  g_debug ("demo bank listening at %s", self->url);
  return TRUE;
}

/**
 * fp_sandbox_launcher_spawn_proxy:
 * @self: a launcher whose demo bank is listening
 * @error: a #GError
 *
 * Starts the GenAI proxy (finpersona-genai-proxy, found like the sandbox,
 * $FP_GENAI_PROXY_EXECUTABLE first) for the demo bank and its Bedrock
 * stand-in, without waiting for it. Call it on the main thread, for the
 * same reason as fp_sandbox_launcher_spawn().
 *
 * Returns: %TRUE if the process started
 */
gboolean
fp_sandbox_launcher_spawn_proxy (FpSandboxLauncher  *self,
                                 GError            **error)
{
  g_autofree char *exe = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (FP_IS_SANDBOX_LAUNCHER (self), FALSE);
  g_return_val_if_fail (self->url != NULL && self->proxy == NULL, FALSE);

  exe = find_program ("FP_GENAI_PROXY_EXECUTABLE", "proxy", PROXY_NAME);
  if (exe == NULL || self->bedrock_url == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_LAUNCH,
                           _("The demo GenAI proxy is not installed."));
      return FALSE;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  /* The stand-in's published key pair and the proxy's client secret at the
   * sandbox bank: throwaway values that open nothing but these loopback
   * services (fp-aws-sandbox.h). The customer's own AWS settings stay out. */
  g_subprocess_launcher_setenv (launcher, "AWS_ACCESS_KEY_ID", FP_AWS_SANDBOX_ACCESS_KEY_ID, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_SECRET_ACCESS_KEY", FP_AWS_SANDBOX_SECRET_ACCESS_KEY, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "AWS_SESSION_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "AWS_PROFILE");
  g_subprocess_launcher_unsetenv (launcher, "AWS_SHARED_CREDENTIALS_FILE");
  g_subprocess_launcher_setenv (launcher, "FINPERSONA_PROXY_CLIENT_SECRET", FP_SANDBOX_PROXY_CLIENT_SECRET, TRUE);
  self->proxy = g_subprocess_launcher_spawn (launcher, &local, exe,
                                             "--port", "0",
                                             "--bank-url", self->url,
                                             "--bedrock-url", self->bedrock_url,
                                             "--region", FP_AWS_SANDBOX_REGION,
                                             "--model-id", FP_AWS_SANDBOX_MODEL_ID,
                                             /* Consent changes at the bank show within seconds. */
                                             "--consent-cache-seconds", "5",
                                             NULL);
  if (self->proxy == NULL)
    {
      g_debug ("could not start the GenAI proxy: %s", local->message);
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_LAUNCH,
                           _("The demo GenAI proxy could not be started."));
      return FALSE;
    }
  return TRUE;
}

/**
 * fp_sandbox_launcher_wait_proxy:
 * @self: a launcher after fp_sandbox_launcher_spawn_proxy()
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Waits for the GenAI proxy to print its address. Blocks; any thread.
 *
 * Returns: (nullable): its base URL
 */
const char *
fp_sandbox_launcher_wait_proxy (FpSandboxLauncher  *self,
                                GCancellable       *cancellable,
                                GError            **error)
{
  const char *url;

  g_return_val_if_fail (FP_IS_SANDBOX_LAUNCHER (self), NULL);

  g_mutex_lock (&self->lock);
  if (self->proxy_url == NULL && self->proxy != NULL)
    self->proxy_url = read_address (self->proxy, PROXY_PREFIX, NULL, NULL, cancellable);
  url = self->proxy_url;
  g_mutex_unlock (&self->lock);
  if (url == NULL && !g_cancellable_set_error_if_cancelled (cancellable, error))
    g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_LAUNCH, _("The demo GenAI proxy did not start."));
  return url;
}

/**
 * fp_sandbox_launcher_get_proxy_url:
 * @self: a launcher
 *
 * Returns: (nullable): the GenAI proxy's base URL once it is listening
 */
const char *
fp_sandbox_launcher_get_proxy_url (FpSandboxLauncher *self)
{
  g_return_val_if_fail (FP_IS_SANDBOX_LAUNCHER (self), NULL);
  return self->proxy_url;
}

/**
 * fp_sandbox_launcher_start:
 * @self: a launcher
 * @extra_args: (nullable) (array zero-terminated=1): more arguments
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * fp_sandbox_launcher_spawn() and fp_sandbox_launcher_wait(). Blocks; call
 * it on a thread that lives as long as the app.
 *
 * Returns: %TRUE when the sandbox is listening
 */
gboolean
fp_sandbox_launcher_start (FpSandboxLauncher  *self,
                           const char *const  *extra_args,
                           GCancellable       *cancellable,
                           GError            **error)
{
  return fp_sandbox_launcher_spawn (self, extra_args, error) &&
         fp_sandbox_launcher_wait (self, cancellable, error);
}

const char *
fp_sandbox_launcher_get_url (FpSandboxLauncher *self)
{
  g_return_val_if_fail (FP_IS_SANDBOX_LAUNCHER (self), NULL);
  return self->url;
}

GPid
fp_sandbox_launcher_get_pid (FpSandboxLauncher *self)
{
  const char *id;

  g_return_val_if_fail (FP_IS_SANDBOX_LAUNCHER (self), 0);
  if (self->process == NULL || (id = g_subprocess_get_identifier (self->process)) == NULL)
    return 0;
  return (GPid) g_ascii_strtoll (id, NULL, 10);
}

/**
 * fp_sandbox_launcher_stop:
 * @self: a launcher
 *
 * Stops the GenAI proxy and the sandbox (SIGTERM, then SIGKILL after two
 * seconds) and reaps them.
 */
static void
stop_process (GSubprocess **process)
{
  if (*process == NULL)
    return;
  if (g_subprocess_get_identifier (*process) != NULL)
    {
      gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      g_subprocess_send_signal (*process, SIGTERM);
      while (g_subprocess_get_identifier (*process) != NULL
             && g_get_monotonic_time () < end)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (10000);
        }
      if (g_subprocess_get_identifier (*process) != NULL)
        g_subprocess_force_exit (*process);
      g_subprocess_wait (*process, NULL, NULL);
    }
  g_clear_object (process);
}

void
fp_sandbox_launcher_stop (FpSandboxLauncher *self)
{
  g_return_if_fail (FP_IS_SANDBOX_LAUNCHER (self));

  g_mutex_lock (&self->lock);
  stop_process (&self->proxy);
  g_clear_pointer (&self->proxy_url, g_free);
  g_mutex_unlock (&self->lock);
  stop_process (&self->process);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->bedrock_url, g_free);
}
