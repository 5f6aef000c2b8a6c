/* Set-ups shared by the benchmarks and the tests of the spatial solvers. */
#ifndef MNSIM_TESTS_BENCH_CASES_H
#define MNSIM_TESTS_BENCH_CASES_H

#include "numerics/lod3d_int.h"

/** BioFVM's perf_test_voxels cube: n^3 cells of 10 µm, D = 1e5 µm²/min, decay 0.1 /min,
 *  dt = 0.01 min, zero flux all round (periodic sides), a Gaussian blob as initial state. */
mn_status mni_bench_cube_create(mn_ctx *ctx, size_t n, mni_lod3d **out);

#include "spatial/build_int.h"

/** The benchmark skin: cheek (SC 17 µm, VE 50 µm, dermis 1000 µm), caffeine-like, a clearing
 *  dermis from 150 µm below the junction; an aqueous channel medium. h_min_m: finest depth
 *  cell. Sources in bench_cases.c. */
mni_skin_column mni_bench_column(double h_min_m);

/** n channels at uniformly random positions on a side x side patch (seeded), depth
 *  mean_depth_m ± 10 %, radius radius_m. channels: n entries. */
void mni_bench_channels(uint64_t seed, double side_m, size_t n, double mean_depth_m,
                        double radius_m, mni_channel *channels);

#include "absorption/absorb_int.h"

/** A channel list for the absorption stage's 3d model without a puncture run: the channels of
 *  p (density, opening, mean depth and its spread) in a periodic square holding about 16 of
 *  them (side max(sqrt(16 / density), 6 opening radii), as the 3d patch's window), placed
 *  uniformly at random with normal depths (seeded; a roller's irregular, possibly overlapping
 *  pattern). Pass it with p to mni_absorption_run_list; free it with
 *  mni_bench_channel_list_free. @return MN_OK or MN_E_NOMEM. */
mn_status mni_bench_channel_list(mn_ctx *ctx, const mn_puncture_stats *p, uint64_t seed,
                                 mni_channel_list *out);
void mni_bench_channel_list_free(mn_ctx *ctx, mni_channel_list *list);
#endif /* MNSIM_TESTS_BENCH_CASES_H */
