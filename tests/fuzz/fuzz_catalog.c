/* libFuzzer target for the user-catalogue loader (issue 17; issue 18 asks for it): the input is
 * written as a user's catalogue file, added to a fresh context, then every list that takes user
 * entries is read whole and listed as JSON. Any input: no crash, no leak, no undefined
 * behaviour; an input that is accepted has every name of its lists findable, with its origin.
 * Built with -DMN_FUZZ=ON (clang); replay.c runs the corpus under ctest with any compiler. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mnsim/mnsim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The file the input is written to: one per process, in TMPDIR. */
static const char *input_path(void)
{
  static char path[512];
  if (path[0] == '\0') {
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/mnsim_fuzz_catalog_%ld.yaml", dir ? dir : "/tmp",
             (long)getpid());
  }
  return path;
}

static void check_lists(mn_ctx *ctx)
{
  static const char *const lists[] = {"sites", "devices", "compounds", "indications"};
  const mn_site *sites;
  const mn_device *devices;
  const mn_compound *compounds;
  const mn_indication *indications;
  size_t n;
  (void)mn_sites_list(ctx, &sites, &n);
  (void)mn_devices_list(ctx, &devices, &n);
  if (mn_compounds_list(ctx, &compounds, &n) == MN_OK)
    for (size_t i = 0; i < n; i++) {
      const char *file = NULL;
      if (mn_catalogue_origin(ctx, "compounds", compounds[i].name, &file, NULL) != MN_OK ||
          file == NULL)
        abort(); /* a listed entry has an origin */
    }
  (void)mn_indications_list(ctx, &indications, &n);
  for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
    char *json = NULL;
    if (mn_catalogue_json(ctx, lists[k], &json) == MN_OK) mn_string_free(ctx, json);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FILE *f = fopen(input_path(), "wb");
  if (f == NULL) return 0;
  size_t put = fwrite(data, 1, size, f);
  if (fclose(f) != 0 || put != size) return 0;
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 0;
  if (mn_catalogue_add(ctx, input_path()) == MN_OK) check_lists(ctx);
  mn_ctx_destroy(&ctx);
  unlink(input_path());
  return 0;
}
