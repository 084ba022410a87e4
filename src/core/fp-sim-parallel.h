/* fp-sim-parallel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulator's threads: rounds of items run by a team of the calling
 * thread and helpers that stay for the whole run (fp-sim-parallel.c).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FpSimTeam FpSimTeam;

/* @worker: which thread runs the item, 0 (the caller) … workers - 1, so
 * that items can use per-thread scratch memory. */
typedef void (*FpSimItemFunc) (gpointer data,
                               guint    item,
                               guint    worker);

FpSimTeam *fp_sim_team_new     (guint          n_threads,
                                GCancellable  *cancellable);
guint      fp_sim_team_workers (FpSimTeam     *team);
gboolean   fp_sim_team_run     (FpSimTeam     *team,
                                FpSimItemFunc  func,
                                gpointer       data,
                                guint          n_items);
void       fp_sim_team_free    (FpSimTeam     *team);

G_END_DECLS
