/* smt.h: what a host's cores deliver when their hardware threads are busy.
 *
 * A core with SMT (hyper-threading) shows the operating system several
 * logical CPUs.  Two threads on one core share its execution units: they
 * deliver together cpu.smt_throughput cores' worth of work (1.3: the second
 * thread adds 30 %), not two.  The host's `core` counts logical CPUs; Linux
 * places runnable threads on idle physical cores before it doubles up, so
 * the first cores/smt busy threads get a full core each and each one after
 * that adds a sibling's share.  The engine gives this curve to SimGrid
 * (sim/engine/cpu_sharing.cpp); it is here, apart from SimGrid, so the
 * tests can check it alone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The cores' worth of work a host with CORES logical CPUs, SMT of them per
 * physical core, delivers with BUSY runnable threads, when the SMT threads
 * of one core deliver THROUGHPUT cores together (from 1 to SMT).  With
 * SMT 1 it is min(BUSY, CORES).  Otherwise the first cores/smt threads get
 * a physical core each (at least one core), and each further thread, up to
 * CORES, adds (THROUGHPUT - 1) / (SMT - 1).  Can't fail. */
double gs_smt_capacity (int cores, int smt, double throughput, int busy);

/* What one of BUSY threads gets, in cores: gs_smt_capacity() / BUSY (1
 * for BUSY 0).  Can't fail. */
double gs_smt_share (int cores, int smt, double throughput, int busy);

G_END_DECLS
