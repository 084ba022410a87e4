/* fuzz-scenario.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the scenario files of `finpersona --headless
 * simulate` and the Time Machine's saved scenarios
 * (src/cli/fp-scenario-json.c): any bytes in, no crash, no sanitizer
 * report; a scenario it reads, written back and read again, is written
 * the same. Build with -Dfuzzing=true and CC=clang:
 *
 *   ./tests/fuzz/fuzz-scenario -max_len=8192 -max_total_time=60 ../tests/fuzz/corpus/scenario
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fp-scenario-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FpScenario first, second;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  if (!fp_scenario_from_json ((const char *) data, (gssize) size, &first, NULL))
    return 0;
  written = fp_scenario_to_json (&first);
  if (written == NULL || !fp_scenario_from_json (written, -1, &second, NULL))
    abort ();
  rewritten = fp_scenario_to_json (&second);
  if (g_strcmp0 (written, rewritten) != 0)
    abort ();
  return 0;
}
