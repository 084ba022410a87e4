/* cli-driver.c: the headless entry point of `finpersona` without GTK, so
 * that the tests run `sync` and `export` exactly as the app does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fp-cli.h"

int
main (int   argc,
      char *argv[])
{
  return fp_cli_main (argc, argv);
}
