/* fuzz-redact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the PII redaction (src/core/fp-redact.c): any bytes
 * in, no crash, no sanitizer report, valid UTF-8 out, redaction replaces
 * something exactly when detection finds something, and the output passes
 * detection. Build with -Dfuzzing=true and CC=clang, then:
 *
 *   ./tests/fuzz/fuzz-redact -max_len=4096 -max_total_time=60
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fp-redact.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const names[] = { "John Smith", "Zoë Ångström", NULL };
  static const char * const addresses[] = { "742 Evergreen Terrace, Springfield", NULL };
  static const char * const accounts[] = { "12345678", "DE89370400440532013000", NULL };
  static const FpRedactContext ctx = {
    .names = names,
    .addresses = addresses,
    .account_numbers = accounts,
    .birth_date = "1984-03-07",
  };
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *out = NULL;
  g_auto(GStrv) facts_out = NULL;
  const char *facts[5];
  char *middle;
  FpPiiKind found = FP_PII_NONE;
  FpPiiKind scanned;

  out = fp_redact_text (text, &ctx, &found);
  if (out == NULL || !g_utf8_validate (out, -1, NULL))
    abort ();

  /* Redaction replaces something exactly when the scan finds something
   * (the kinds may differ: overlaps, later passes), and the output passes
   * the scan, with or without the profile. */
  scanned = fp_redact_scan (text, &ctx);
  if ((found == FP_PII_NONE) != (scanned == FP_PII_NONE))
    abort ();
  if (fp_redact_scan (out, &ctx) != FP_PII_NONE || fp_redact_scan (out, NULL) != FP_PII_NONE)
    abort ();
  (void) fp_redact_scan (text, NULL);

  /* The same bytes as a fact list: split at the first newline into a key
   * and a value. */
  middle = strchr (text, '\n');
  if (middle != NULL)
    *middle++ = '\0';
  facts[0] = text;
  facts[1] = middle != NULL ? middle : "";
  facts[2] = "date_of_birth";
  facts[3] = text;
  facts[4] = NULL;
  facts_out = fp_redact_facts (facts, &ctx, NULL);
  if (facts_out == NULL || g_strv_length (facts_out) != 4)
    abort ();
  for (guint i = 0; i < 4; i++)
    if (!g_utf8_validate (facts_out[i], -1, NULL) ||
        fp_redact_scan (facts_out[i], &ctx) != FP_PII_NONE)
      abort ();

  return 0;
}
