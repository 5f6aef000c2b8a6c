/* What every benchmark prints first and how it times: one place, so that the figures in
 * bench/RESULTS.md always come with the same description of the machine. */
#ifndef MN_BENCH_MACHINE_H
#define MN_BENCH_MACHINE_H

#include <time.h>

/* One line: CPU model, cores online, OpenMP threads, memory, load average (the cores may be
 * shared), mnsim's version. */
void bench_print_machine(void);

/* Seconds on the given clock (CLOCK_MONOTONIC for wall time, CLOCK_PROCESS_CPUTIME_ID for the
 * CPU time of every thread). */
double bench_clock_s(clockid_t id);

/* Wall-clock seconds (CLOCK_MONOTONIC): never CPU time summed over threads. */
double bench_now_s(void);

#endif
