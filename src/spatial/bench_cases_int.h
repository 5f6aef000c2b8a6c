/* Set-ups shared by the benchmarks and the tests of the spatial solvers. */
#ifndef MNSIM_SPATIAL_BENCH_CASES_INT_H
#define MNSIM_SPATIAL_BENCH_CASES_INT_H

#include "spatial/lod3d_int.h"

/** BioFVM's perf_test_voxels cube: n^3 cells of 10 µm, D = 1e5 µm²/min, decay 0.1 /min,
 *  dt = 0.01 min, zero flux all round (periodic sides), a Gaussian blob as initial state. */
mn_status mni_bench_cube_create(mn_ctx *ctx, size_t n, mni_lod3d **out);

#endif /* MNSIM_SPATIAL_BENCH_CASES_INT_H */
