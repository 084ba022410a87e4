/* sync-child.c: one sync of the demo customer into a cache, as a separate
 * process the tests can kill -9 at any instant.
 *
 *   sync-child URL DIR KEY-HEX PARTS PAGE-SIZE
 *
 * PARTS is "all", "catalogues", "transactions" or "outbox" (the feed's
 * transactions are refused unless their accounts were synced before). Exits 0 when the sync
 * completed, 1 when it failed (message on stderr).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fp-cache.h"
#include "fp-sync-engine.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpSyncEngine) engine = NULL;
  guint8 bytes[FP_CACHE_KEY_SIZE];
  FpSyncParts parts = FP_SYNC_ALL;

  if (argc != 6 || strlen (argv[3]) != 2 * FP_CACHE_KEY_SIZE)
    {
      g_printerr ("usage: sync-child URL DIR KEY-HEX PARTS PAGE-SIZE\n");
      return 2;
    }
  for (guint i = 0; i < FP_CACHE_KEY_SIZE; i++)
    bytes[i] = (guint8) ((g_ascii_xdigit_value (argv[3][2 * i]) << 4)
                         | g_ascii_xdigit_value (argv[3][2 * i + 1]));
  key = fp_cache_key_new_from_bytes (bytes, sizeof bytes);
  if (strcmp (argv[4], "transactions") == 0)
    parts = FP_SYNC_TRANSACTIONS;
  else if (strcmp (argv[4], "catalogues") == 0)
    parts = FP_SYNC_CATALOGUES;
  else if (strcmp (argv[4], "outbox") == 0)
    parts = FP_SYNC_OUTBOX;

  cache = fp_cache_open (argv[2], key, &error);
  if (cache == NULL)
    {
      g_printerr ("cache: %s\n", error->message);
      return 1;
    }
  engine = fp_sync_engine_new (cache, argv[1]);
  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_parts (engine, parts);
  fp_sync_engine_set_page_size (engine, (guint) atoi (argv[5]));
  fp_sync_engine_set_retry (engine, 8, 5, 200);
  if (!fp_sync_engine_run (engine, NULL, &error))
    {
      g_printerr ("sync: %s\n", error->message);
      return 1;
    }
  g_print ("synced %" G_GUINT64_FORMAT "\n", fp_sync_engine_get_received (engine));
  fp_cache_close (cache);
  return 0;
}
