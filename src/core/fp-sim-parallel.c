/* fp-sim-parallel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulator's threads: a team of the calling thread and helpers from
 * a shared GThreadPool, running rounds of small items (a block of paths,
 * the percentiles of a month). A simulation has a hundred rounds or so,
 * each a few tens of microseconds: waking pool threads for each, as
 * g_thread_pool_push() does, would cost as much as the work. So the
 * helpers stay for the whole run: between rounds they spin for a moment,
 * then sleep on a condition.
 *
 * The caller takes items itself and only waits for the items a helper
 * has started: a helper that starts late, or never (the pool could not
 * make a thread), only means less help. Which thread runs an item never
 * changes its result.
 */

#define G_LOG_DOMAIN "fp-sim-parallel"

#include "config.h"

#include "fp-sim-parallel.h"

/* How long a thread waits busily before it sleeps: spins of about 10 ns,
 * then yields (a helper the caller waits for may be queued behind it on
 * the same processor when the machine is busy). */
#define SPINS_FOR_ROUND 2000
#define SPINS_FOR_DONE  500
#define YIELDS_FOR_DONE 50

struct _FpSimTeam {
  gint          ref_count;
  GMutex        mutex;
  GCond         cond;
  guint         sleepers;      /* threads in g_cond_wait(), under @mutex */
  guint         n_active;      /* helpers in the loop, under @mutex */
  gboolean      stopping;      /* under @mutex */
  guint         next_worker;   /* atomic: helpers' indices, from 1 */
  guint         n_workers;
  GCancellable *cancellable;

  /* The round: @word is (round << 32) | next item, changed by
   * compare-and-swap. A round's slot is written before the round is
   * published and stays until all its items are done: a thread can only
   * take an item of the current round (its exchange fails otherwise), so
   * it always reads the slot of that round. */
  guint64       word;
  struct {
    guint         n_items;
    FpSimItemFunc func;
    gpointer      data;
  }             rounds[4];
  guint         done;          /* atomic, items done in the current round */
};

#define SLOT(team, word) (&(team)->rounds[((word) >> 32) % G_N_ELEMENTS ((team)->rounds)])

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#endif
}

static void
team_unref (FpSimTeam *team)
{
  if (!g_atomic_int_dec_and_test (&team->ref_count))
    return;

  g_mutex_clear (&team->mutex);
  g_cond_clear (&team->cond);
  g_clear_object (&team->cancellable);
  g_free (team);
}

/* Takes and runs items, from the round in @word on, until the round seen
 * last has none left; returns the word of that round. */
static guint64
run_items (FpSimTeam *team,
           guint64    word,
           guint      worker)
{
  for (;;)
    {
      guint item = (guint) word;
      guint n_items = SLOT (team, word)->n_items;

      if (item >= n_items)
        return word;
      if (__atomic_compare_exchange_n (&team->word, &word, word + 1, FALSE,
                                       __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
        {
          /* The round cannot end before this item is done: its slot
           * stays, and @n_items was read from it. */
          SLOT (team, word)->func (SLOT (team, word)->data, item, worker);
          if ((guint) g_atomic_int_add (&team->done, 1) + 1 == n_items)
            {
              g_mutex_lock (&team->mutex);
              if (team->sleepers > 0)
                g_cond_broadcast (&team->cond);
              g_mutex_unlock (&team->mutex);
            }
          word = __atomic_load_n (&team->word, __ATOMIC_ACQUIRE);
        }
      /* Else @word now holds the current value, maybe of a new round:
       * try again. */
    }
}

static void
helper (gpointer data,
        gpointer user_data)
{
  FpSimTeam *team = data;
  guint worker;
  guint64 seen;

  g_mutex_lock (&team->mutex);
  if (team->stopping)
    {
      g_mutex_unlock (&team->mutex);
      team_unref (team);
      return;
    }
  team->n_active++;
  g_mutex_unlock (&team->mutex);

  worker = (guint) g_atomic_int_add (&team->next_worker, 1);
  seen = __atomic_load_n (&team->word, __ATOMIC_ACQUIRE);
  seen = run_items (team, seen, worker);

  for (;;)
    {
      guint64 now = seen;

      /* Wait for the next round: briefly busy, then asleep. */
      for (guint spin = 0; spin < SPINS_FOR_ROUND; spin++)
        {
          now = __atomic_load_n (&team->word, __ATOMIC_ACQUIRE);
          if ((now >> 32) != (seen >> 32) || g_atomic_int_get (&team->stopping))
            break;
          cpu_relax ();
        }

      if ((now >> 32) == (seen >> 32))
        {
          g_mutex_lock (&team->mutex);
          while (!team->stopping &&
                 (__atomic_load_n (&team->word, __ATOMIC_ACQUIRE) >> 32) == (seen >> 32))
            {
              team->sleepers++;
              g_cond_wait (&team->cond, &team->mutex);
              team->sleepers--;
            }
          if (team->stopping)
            {
              team->n_active--;
              g_cond_broadcast (&team->cond);
              g_mutex_unlock (&team->mutex);
              team_unref (team);
              return;
            }
          g_mutex_unlock (&team->mutex);
          now = __atomic_load_n (&team->word, __ATOMIC_ACQUIRE);
        }

      seen = run_items (team, now, worker);
    }
}

static GThreadPool *
shared_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      /* Not exclusive and without a limit: concurrent runs (a coarse and a
       * refined one) never wait on each other's helpers. */
      GThreadPool *p = g_thread_pool_new (helper, NULL, -1, FALSE, NULL);

      g_once_init_leave (&pool, p);
    }

  return pool;
}

/**
 * fp_sim_team_new:
 * @n_threads: threads, the calling one included, at least 1
 * @cancellable: (nullable): checked between items
 *
 * Returns: (transfer full): a team; free it with fp_sim_team_free()
 */
FpSimTeam *
fp_sim_team_new (guint         n_threads,
                 GCancellable *cancellable)
{
  FpSimTeam *team = g_new0 (FpSimTeam, 1);

  g_return_val_if_fail (n_threads >= 1, NULL);

  team->ref_count = 1;
  g_mutex_init (&team->mutex);
  g_cond_init (&team->cond);
  team->next_worker = 1;
  team->n_workers = n_threads;
  team->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  for (guint i = 1; i < n_threads; i++)
    {
      g_autoptr(GError) error = NULL;

      g_atomic_int_inc (&team->ref_count);
      if (!g_thread_pool_push (shared_pool (), team, &error))
        {
          g_debug ("Running a simulation on fewer threads: %s", error->message);
          team_unref (team);
        }
    }

  return team;
}

/**
 * fp_sim_team_workers:
 * @team: a team
 *
 * Returns: the number of threads, so the bound of the @worker argument
 *   of an #FpSimItemFunc
 */
guint
fp_sim_team_workers (FpSimTeam *team)
{
  return team->n_workers;
}

/**
 * fp_sim_team_run:
 * @team: a team
 * @func: what to do with an item
 * @data: its data
 * @n_items: items 0 … @n_items - 1
 *
 * Runs @func on every item, in any order and on any thread of the team,
 * and returns when all are done.
 *
 * Returns: %FALSE if the team's cancellable was cancelled (then some
 *   items may not have run)
 */
gboolean
fp_sim_team_run (FpSimTeam     *team,
                 FpSimItemFunc  func,
                 gpointer       data,
                 guint          n_items)
{
  guint64 word;

  if (g_cancellable_is_cancelled (team->cancellable))
    return FALSE;
  if (n_items == 0)
    return TRUE;

  /* Publish the round: its slot, then its word. The caller alone writes
   * the word's round, so it is the previous one. */
  word = ((__atomic_load_n (&team->word, __ATOMIC_RELAXED) >> 32) + 1) << 32;
  SLOT (team, word)->func = func;
  SLOT (team, word)->data = data;
  SLOT (team, word)->n_items = n_items;
  g_atomic_int_set (&team->done, 0);
  g_mutex_lock (&team->mutex);
  __atomic_store_n (&team->word, word, __ATOMIC_RELEASE);
  if (team->sleepers > 0)
    g_cond_broadcast (&team->cond);
  g_mutex_unlock (&team->mutex);

  run_items (team, word, 0);

  /* Wait for the items the helpers are still running. */
  for (guint spin = 0; spin < SPINS_FOR_DONE + YIELDS_FOR_DONE; spin++)
    {
      if ((guint) g_atomic_int_get (&team->done) == n_items)
        break;
      if (spin < SPINS_FOR_DONE)
        cpu_relax ();
      else
        g_thread_yield ();
    }
  if ((guint) g_atomic_int_get (&team->done) != n_items)
    {
      g_mutex_lock (&team->mutex);
      while ((guint) g_atomic_int_get (&team->done) != n_items)
        {
          team->sleepers++;
          g_cond_wait (&team->cond, &team->mutex);
          team->sleepers--;
        }
      g_mutex_unlock (&team->mutex);
    }

  return !g_cancellable_is_cancelled (team->cancellable);
}

/**
 * fp_sim_team_free:
 * @team: (transfer full): a team, between rounds
 *
 * Sends the helpers away; helpers that have not started yet leave as soon
 * as they do.
 */
void
fp_sim_team_free (FpSimTeam *team)
{
  g_mutex_lock (&team->mutex);
  team->stopping = TRUE;
  g_cond_broadcast (&team->cond);
  while (team->n_active > 0)
    g_cond_wait (&team->cond, &team->mutex);
  g_mutex_unlock (&team->mutex);

  team_unref (team);
}
