/* Studies across processes: under mpirun (Open MPI), the population, sweep and sensitivity
 * commands split their runs over the ranks (mn_study_set_split: rank r runs rows i with
 * i % R == r) and share them with an all-gather, so every rank holds the whole table; rank 0
 * prints and writes the files, which are the same as one process's. Started without mpirun (or
 * built without MPI), the command runs alone and never touches MPI. */
#include "study_cli.h"

#include <stdlib.h>
#include <string.h>

#ifdef MN_WITH_MPI
#include <limits.h>
#include <mpi.h>

static int is_initialised;

/* Rows of rank r when n rows are dealt round-robin over size ranks. */
static size_t rows_of(size_t n, size_t size, size_t r)
{
  return n / size + (r < n % size);
}

static mn_status share_rows(void *ud, size_t n_rows, size_t n_in, size_t n_out, double *in,
                            double *out, int *status, char *msg, size_t msg_size)
{
  (void)ud;
  int rank_i = 0, size_i = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_i);
  MPI_Comm_size(MPI_COMM_WORLD, &size_i);
  size_t rank = (size_t)rank_i, size = (size_t)size_i;
  size_t rec = (n_in + n_out) * sizeof(double) + sizeof(int) + msg_size;
  if (rows_of(n_rows, size, 0) * rec > (size_t)INT_MAX || n_rows * rec > (size_t)INT_MAX / 2)
    return MN_E_UNSUPPORTED; /* MPI counts are ints */
  int *counts = malloc(size * sizeof *counts), *displs = malloc(size * sizeof *displs);
  size_t mine = rows_of(n_rows, size, rank);
  unsigned char *send = malloc(mine * rec + 1), *recv = malloc(n_rows * rec + 1);
  mn_status rc = MN_E_NOMEM;
  if (counts == NULL || displs == NULL || send == NULL || recv == NULL) goto done;
  for (size_t k = 0; k < mine; k++) { /* pack my rows: rank + k size */
    size_t i = rank + k * size;
    unsigned char *p = send + k * rec;
    memcpy(p, in + i * n_in, n_in * sizeof(double));
    memcpy(p + n_in * sizeof(double), out + i * n_out, n_out * sizeof(double));
    memcpy(p + (n_in + n_out) * sizeof(double), status + i, sizeof(int));
    memcpy(p + (n_in + n_out) * sizeof(double) + sizeof(int), msg + i * msg_size, msg_size);
  }
  size_t at = 0;
  for (size_t r = 0; r < size; r++) {
    counts[r] = (int)(rows_of(n_rows, size, r) * rec);
    displs[r] = (int)at;
    at += (size_t)counts[r];
  }
  if (MPI_Allgatherv(send, (int)(mine * rec), MPI_BYTE, recv, counts, displs, MPI_BYTE,
                     MPI_COMM_WORLD) != MPI_SUCCESS) {
    rc = MN_E_IO;
    goto done;
  }
  for (size_t r = 0; r < size; r++) /* unpack every rank's rows into their slots */
    for (size_t k = 0; k < rows_of(n_rows, size, r); k++) {
      size_t i = r + k * size;
      const unsigned char *p = recv + (size_t)displs[r] + k * rec;
      memcpy(in + i * n_in, p, n_in * sizeof(double));
      memcpy(out + i * n_out, p + n_in * sizeof(double), n_out * sizeof(double));
      memcpy(status + i, p + (n_in + n_out) * sizeof(double), sizeof(int));
      memcpy(msg + i * msg_size, p + (n_in + n_out) * sizeof(double) + sizeof(int), msg_size);
    }
  rc = MN_OK;
done:
  free(counts);
  free(displs);
  free(send);
  free(recv);
  return rc;
}

/* Launched by mpirun / mpiexec (Open MPI, or a PMI launcher)? */
static bool under_launcher(void)
{
  return getenv("OMPI_COMM_WORLD_SIZE") != NULL || getenv("PMIX_RANK") != NULL ||
         getenv("PMI_SIZE") != NULL;
}

int study_mpi_begin(mn_ctx *ctx, int *rank, int *size)
{
  *rank = 0;
  *size = 1;
  if (!under_launcher()) return MN_EXIT_OK;
  if (MPI_Init(NULL, NULL) != MPI_SUCCESS) {
    mn_cli_error("MPI_Init failed");
    return MN_EXIT_FAILED;
  }
  is_initialised = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, rank);
  MPI_Comm_size(MPI_COMM_WORLD, size);
  if (*size > 1 && mn_study_set_split(ctx, *rank, *size, share_rows, NULL) != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return MN_EXIT_FAILED;
  }
  return MN_EXIT_OK;
}

void study_mpi_end(void)
{
  if (is_initialised) MPI_Finalize();
  is_initialised = 0;
}

#else /* built without MPI: one process */

int study_mpi_begin(mn_ctx *ctx, int *rank, int *size)
{
  (void)ctx;
  *rank = 0;
  *size = 1;
  return MN_EXIT_OK;
}

void study_mpi_end(void)
{
}

#endif
