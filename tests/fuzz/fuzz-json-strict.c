/* fuzz-json-strict.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the strict JSON rule (src/core/fp-json-strict.c):
 * any bytes in, no crash, no sanitizer report; whatever it accepts,
 * json-glib parses, and what json-glib writes back from it (repaired by
 * fp_json_fix_exponents(): json-glib 1.6 writes 1e-08 as "1e-08.0") the
 * rule accepts again; fp_json_strict_number_ok() agrees with the rule on a
 * document that is one number. Build with -Dfuzzing=true and CC=clang:
 *
 *   ./tests/fuzz/fuzz-json-strict -max_len=4096 -max_total_time=60 ../tests/fuzz/corpus/json-strict
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "fp-json-strict.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  gboolean ok;

  ok = fp_json_strict_check (text, size, 32, &error);
  if (!ok && (error == NULL || error->domain != FP_JSON_STRICT_ERROR))
    abort ();
  if (ok != (error == NULL))
    abort ();

  /* A bare number: the two entry points agree. */
  if (size > 0 && (text[0] == '-' || g_ascii_isdigit (text[0])) && size < 64
      && fp_json_strict_number_ok (text, size) && !ok)
    abort ();
  if (!ok)
    return 0;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) size, NULL)
      || json_parser_get_root (parser) == NULL)
    abort ();
  again = json_to_string (json_parser_get_root (parser), FALSE);
  if (again == NULL || !fp_json_strict_check (fp_json_fix_exponents (again), strlen (again), 32, NULL))
    abort ();
  return 0;
}
