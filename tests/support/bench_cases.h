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
#endif /* MNSIM_TESTS_BENCH_CASES_H */
