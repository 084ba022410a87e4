/* test-insights-categories.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "fp-categories.h"

/* Every code of the public MCC list maps to a category on purpose, not by
 * falling back to "other". */
static void
test_every_public_mcc_is_mapped (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "mcc-codes.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      guint64 mcc;
      FpCategory c;

      if (*line == '\0' || *line == '#')
        continue;

      g_assert_true (g_ascii_string_to_unsigned (line, 10, 0, 9999, &mcc, NULL));
      if (!fp_category_mcc_is_mapped ((guint) mcc))
        g_error ("MCC %s has no row in data/categories/mcc-categories.csv", line);
      c = fp_category_for_mcc ((guint) mcc);
      g_assert_cmpint (c, <, FP_N_CATEGORIES);
      g_assert_true (fp_category_from_id (fp_category_get_id (c), &c));
      n++;
    }

  /* The list has 981 codes. */
  g_assert_cmpuint (n, ==, 981);
}

static void
test_known_codes (void)
{
  static const struct {
    guint mcc;
    FpCategory category;
  } cases[] = {
    { 5812, FP_CATEGORY_DINING },        /* Eating places and restaurants */
    { 5814, FP_CATEGORY_DINING },        /* Fast food */
    { 5411, FP_CATEGORY_GROCERIES },     /* Grocery stores, supermarkets */
    { 4121, FP_CATEGORY_TRANSPORT },     /* Taxicabs */
    { 5541, FP_CATEGORY_TRANSPORT },     /* Service stations */
    { 3000, FP_CATEGORY_TRAVEL },        /* United Airlines (range row) */
    { 3835, FP_CATEGORY_TRAVEL },        /* Masters Economy Inns (range row) */
    { 7011, FP_CATEGORY_TRAVEL },        /* Lodging */
    { 5311, FP_CATEGORY_SHOPPING },      /* Department stores */
    { 4899, FP_CATEGORY_ENTERTAINMENT }, /* Cable and pay television */
    { 5815, FP_CATEGORY_ENTERTAINMENT }, /* Digital goods: media */
    { 8011, FP_CATEGORY_HEALTH },        /* Doctors */
    { 5912, FP_CATEGORY_HEALTH },        /* Drug stores */
    { 4900, FP_CATEGORY_UTILITIES },     /* Utilities */
    { 6513, FP_CATEGORY_HOUSING },       /* Real estate agents - rentals */
    { 8220, FP_CATEGORY_EDUCATION },     /* Colleges */
    { 7230, FP_CATEGORY_SERVICES },      /* Barber and beauty shops */
    { 6300, FP_CATEGORY_INSURANCE },     /* Insurance */
    { 9311, FP_CATEGORY_GOVERNMENT },    /* Tax payments */
    { 8398, FP_CATEGORY_GIVING },        /* Charities */
    { 6011, FP_CATEGORY_CASH },          /* ATM */
    { 4829, FP_CATEGORY_TRANSFERS },     /* Wire transfers */
    { 5960, FP_CATEGORY_INSURANCE },     /* overrides the 5931-5999 range row */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("MCC %u", cases[i].mcc);
      g_assert_cmpint (fp_category_for_mcc (cases[i].mcc), ==, cases[i].category);
    }
}

static void
test_unknown_is_other (void)
{
  g_assert_cmpint (fp_category_for_mcc (0), ==, FP_CATEGORY_OTHER);
  g_assert_false (fp_category_mcc_is_mapped (0));
  g_assert_cmpint (fp_category_for_mcc (1234), ==, FP_CATEGORY_OTHER);
  g_assert_cmpint (fp_category_for_mcc (10000), ==, FP_CATEGORY_OTHER);
  g_assert_cmpint (fp_category_for_mcc (G_MAXUINT), ==, FP_CATEGORY_OTHER);
}

static void
test_ids_round_trip (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    {
      const char *id = fp_category_get_id (c);
      FpCategory back;

      g_assert_nonnull (id);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
      g_assert_true (fp_category_from_id (id, &back));
      g_assert_cmpint (back, ==, c);
      g_assert_nonnull (fp_category_get_display_name (c));
    }

  {
    FpCategory c = FP_CATEGORY_DINING;

    g_assert_false (fp_category_from_id ("nope", &c));
    g_assert_cmpint (c, ==, FP_CATEGORY_DINING);
  }

  g_assert_true (fp_category_is_discretionary (FP_CATEGORY_DINING));
  g_assert_false (fp_category_is_discretionary (FP_CATEGORY_GROCERIES));
  g_assert_true (fp_category_is_essential (FP_CATEGORY_HOUSING));
  g_assert_false (fp_category_is_spending (FP_CATEGORY_TRANSFERS));
  g_assert_false (fp_category_is_spending (FP_CATEGORY_INCOME));
}

static void
test_for_transaction (void)
{
  /* A merchant code decides for card payments, whatever the bank's kind. */
  g_assert_cmpint (fp_category_for_transaction ("card", 5411), ==, fp_category_for_mcc (5411));
  g_assert_cmpint (fp_category_for_transaction ("subscription", 5812), ==, fp_category_for_mcc (5812));
  /* The bank's own items by what they are. */
  g_assert_cmpint (fp_category_for_transaction ("salary", 0), ==, FP_CATEGORY_INCOME);
  g_assert_cmpint (fp_category_for_transaction ("interest", 0), ==, FP_CATEGORY_INCOME);
  g_assert_cmpint (fp_category_for_transaction ("rent", 0), ==, FP_CATEGORY_HOUSING);
  g_assert_cmpint (fp_category_for_transaction ("utilities", 0), ==, FP_CATEGORY_UTILITIES);
  g_assert_cmpint (fp_category_for_transaction ("card_repayment", 0), ==, FP_CATEGORY_TRANSFERS);
  g_assert_cmpint (fp_category_for_transaction ("savings", 0), ==, FP_CATEGORY_TRANSFERS);
  /* Our own ids pass through; anything else is other. */
  g_assert_cmpint (fp_category_for_transaction ("groceries", 0), ==, FP_CATEGORY_GROCERIES);
  g_assert_cmpint (fp_category_for_transaction ("no-such-kind", 0), ==, FP_CATEGORY_OTHER);
  g_assert_cmpint (fp_category_for_transaction (NULL, 0), ==, FP_CATEGORY_OTHER);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/categories/every-public-mcc-is-mapped", test_every_public_mcc_is_mapped);
  g_test_add_func ("/categories/known-codes", test_known_codes);
  g_test_add_func ("/categories/unknown-is-other", test_unknown_is_other);
  g_test_add_func ("/categories/ids-round-trip", test_ids_round_trip);
  g_test_add_func ("/categories/for-transaction", test_for_transaction);

  return g_test_run ();
}
