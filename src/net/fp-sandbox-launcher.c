/* fp-sandbox-launcher.c
 *
 * The embedded demo bank: `finpersona-sandbox --demo --port 0` as a child
 * process on loopback. Its first line of output,
 * `FINPERSONA_SANDBOX_URL=http://127.0.0.1:PORT/`, gives the address; the
 * child is stopped with the launcher (and by the kernel if we die first).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-launcher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "fp-endpoint.h"
#include "fp-net-error.h"
#include "fp-sandbox-launcher.h"

#define SANDBOX_NAME    "finpersona-sandbox"
#define URL_PREFIX      "FINPERSONA_SANDBOX_URL="
#define START_TIMEOUT_S 60

struct _FpSandboxLauncher {
  GObject      parent_instance;

  GSubprocess *process;
  char        *url;
};

G_DEFINE_FINAL_TYPE (FpSandboxLauncher, fp_sandbox_launcher, G_TYPE_OBJECT)

static void
fp_sandbox_launcher_finalize (GObject *object)
{
  FpSandboxLauncher *self = FP_SANDBOX_LAUNCHER (object);

  fp_sandbox_launcher_stop (self);
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
char *
fp_sandbox_launcher_find_executable (void)
{
  const char *env = g_getenv ("FP_SANDBOX_EXECUTABLE");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);

  if (env != NULL && g_file_test (env, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (env);
  if (self_exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_exe);
      const char *candidates[] = {
        SANDBOX_NAME,
        "../sandbox/" SANDBOX_NAME,
        "../src/sandbox/" SANDBOX_NAME,
        "../../src/sandbox/" SANDBOX_NAME,
      };

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          g_autofree char *path = g_build_filename (dir, candidates[i], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
            return g_canonicalize_filename (path, NULL);
        }
    }
  return g_find_program_in_path (SANDBOX_NAME);
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
 * Starts `finpersona-sandbox --demo --port 0` without waiting for it.
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
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timer = NULL;
  ReadLine r = { 0 };
  gboolean timed_out = FALSE;

  g_return_val_if_fail (FP_IS_SANDBOX_LAUNCHER (self), FALSE);
  g_return_val_if_fail (self->process != NULL, FALSE);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  timer = g_timeout_source_new_seconds (START_TIMEOUT_S);
  g_source_set_callback (timer, timeout_cb, &timed_out, NULL);
  g_source_attach (timer, context);

  while (self->url == NULL && !timed_out && !g_cancellable_is_cancelled (cancellable))
    {
      r.done = FALSE;
      g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, cancellable, read_line_cb, &r);
      while (!r.done)
        g_main_context_iteration (context, TRUE);
      if (r.line == NULL)
        break;
      if (g_str_has_prefix (r.line, URL_PREFIX))
        {
          g_autofree char *url = fp_endpoint_normalize (r.line + strlen (URL_PREFIX), NULL);

          if (url != NULL && *url != '\0')
            self->url = g_steal_pointer (&url);
        }
      g_clear_pointer (&r.line, g_free);
      if (timed_out)
        break;
    }
  g_source_destroy (timer);
  g_main_context_pop_thread_default (context);
  g_clear_error (&r.error);

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
 * Stops the sandbox (SIGTERM, then SIGKILL after two seconds) and reaps it.
 */
void
fp_sandbox_launcher_stop (FpSandboxLauncher *self)
{
  g_return_if_fail (FP_IS_SANDBOX_LAUNCHER (self));

  if (self->process != NULL)
    {
      if (g_subprocess_get_identifier (self->process) != NULL)
        {
          gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

          g_subprocess_send_signal (self->process, SIGTERM);
          while (g_subprocess_get_identifier (self->process) != NULL
                 && g_get_monotonic_time () < end)
            {
              g_main_context_iteration (NULL, FALSE);
              g_usleep (10000);
            }
          if (g_subprocess_get_identifier (self->process) != NULL)
            g_subprocess_force_exit (self->process);
          g_subprocess_wait (self->process, NULL, NULL);
        }
      g_clear_object (&self->process);
    }
  g_clear_pointer (&self->url, g_free);
}
