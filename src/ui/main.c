/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fp-application.h"
#include "fp-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FpApplication) app = NULL;
  int status;

  /* GLib prints debug and info messages on stdout by default; stdout
   * carries only a headless command's result. */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");
  /* FP_LOCALEDIR: the build tree's translations, for the screenshot
   * test in German (tests/ui/check-screenshots.sh). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FP_LOCALEDIR") != NULL ? g_getenv ("FP_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Headless commands never touch GTK, so they run without a display. */
  if (fp_cli_wants (argc, argv))
    return fp_cli_main (argc, argv);

  app = fp_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  if (status == 0)
    status = fp_application_get_exit_status (app);

  return status;
}
