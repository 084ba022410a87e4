/* fuzz-tabformer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the sandbox's TabFormer importer
 * (fp_tabformer_import() in src/sandbox/fp-tabformer.c), through its
 * public API: the input is the three CSV files, users, cards and
 * transactions, separated by lines "%%"; without separators it is the
 * transactions file, with one user and one card. Any bytes in, no crash,
 * no sanitizer report, an error or the bank's data out. Build with
 * -Dfuzzing=true and CC=clang:
 *
 *   ./tests/fuzz/fuzz-tabformer -max_len=16384 -max_total_time=60 ../tests/fuzz/corpus/tabformer
 */

#define _GNU_SOURCE   /* memmem() */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fp-tabformer.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char users[] =
  "Person,Current Age,Retirement Age,Birth Year,Birth Month,Gender,Address,Apartment,City,State,"
  "Zipcode,Latitude,Longitude,Per Capita Income - Zipcode,Yearly Income - Person,Total Debt,"
  "FICO Score,Num Credit Cards\n"
  "Maya Patel,53,66,1966,11,Female,462 Rose Lane,,La Verne,CA,91750,34.15,-117.76,"
  "$29278,$59696,$127613,787,5\n";
static const char cards[] =
  "User,CARD INDEX,Card Brand,Card Type,Card Number,Expires,CVV,Has Chip,Cards Issued,"
  "Credit Limit,Acct Open Date,Year PIN last Changed,Card on Dark Web\n"
  "0,0,Visa,Debit,4344676511950444,12/2022,623,YES,2,$24295,09/2002,2008,No\n";

static char *dir;

static void
write_file (const char *name,
            const char *data,
            gsize       len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!g_file_set_contents (path, data, (gssize) len, NULL))
    abort ();
}

static void
remove_dir (void)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *parts[3] = { users, cards, NULL };
  gsize lens[3] = { sizeof users - 1, sizeof cards - 1, 0 };
  char *sep1, *sep2;
  FpBankData *bank;

  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("fuzz-tabformer-XXXXXX", NULL);
      if (dir == NULL)
        abort ();
      atexit (remove_dir);
    }

  /* The bytes as they came (NULs included), cut at the separators. */
  sep1 = memmem (data, size, "\n%%\n", 4);
  sep2 = sep1 != NULL ? memmem (sep1 + 4, size - (gsize) (sep1 + 4 - (const char *) data), "\n%%\n", 4) : NULL;
  if (sep2 != NULL)
    {
      parts[0] = (const char *) data;
      lens[0] = (gsize) (sep1 + 1 - (const char *) data);
      parts[1] = sep1 + 4;
      lens[1] = (gsize) (sep2 + 1 - (sep1 + 4));
      parts[2] = sep2 + 4;
      lens[2] = size - (gsize) (sep2 + 4 - (const char *) data);
    }
  else
    {
      parts[2] = (const char *) data;
      lens[2] = size;
    }
  write_file (FP_TABFORMER_USERS_FILE, parts[0], lens[0]);
  write_file (FP_TABFORMER_CARDS_FILE, parts[1], lens[1]);
  write_file (FP_TABFORMER_TRANSACTIONS_FILE, parts[2], lens[2]);

  bank = fp_tabformer_import (dir, NULL);
  if (bank != NULL)
    fp_bank_data_free (bank);
  return 0;
}
