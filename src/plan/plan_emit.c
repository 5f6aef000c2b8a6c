/* The plan's scenario written as a YAML file that `mnsim run FILE` simulates, atomically. */
#include <stdio.h>
#include <string.h>

#include "core/atomic_file_int.h"
#include "mnsim/scenario.h"
#include "plan/plan_int.h"

/* A comment block that says where the scenario comes from and which middles it took. */
static void write_header(FILE *f, const mn_plan *p)
{
  const mn_plan_protocol *pr = &p->protocol;
  fprintf(f,
          "# Scenario of a plan: mnsim plan --indication %s --site %s --setting %s "
          "--fitzpatrick %d\n"
          "# The middle of each range of the protocol: needle %.2f-%.2f mm, passes %d-%d,\n"
          "# sessions %d-%d, interval %.3g-%.3g weeks (docs/model.md section 7.5).\n",
          p->indication->name, p->site, mn_setting_name(p->setting), p->fitzpatrick,
          mn_m_to_mm(pr->needle_length_m[0]), mn_m_to_mm(pr->needle_length_m[1]), pr->passes[0],
          pr->passes[1], pr->sessions[0], pr->sessions[1], mn_s_to_days(pr->interval_s[0]) / 7.0,
          mn_s_to_days(pr->interval_s[1]) / 7.0);
}

mn_status mn_plan_write_scenario(mn_ctx *ctx, const mn_plan *p, const char *path)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, p != NULL && path != NULL && path[0] != '\0', MN_E_ARG,
             "mn_plan_write_scenario: NULL or empty argument");
  char dir[4096];
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  MN_REQUIRE(ctx, name[0] != '\0', MN_E_ARG, "%s: names a directory, not a file", path);
  MN_REQUIRE(ctx, strlen(path) < sizeof dir, MN_E_ARG, "%s: path too long", path);
  if (slash == NULL)
    strcpy(dir, ".");
  else if (slash == path)
    strcpy(dir, "/");
  else
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);

  mn_scenario s;
  char *yaml = NULL;
  MN_TRY(mn_plan_to_scenario(ctx, p, &s));
  MN_TRY(mn_scenario_to_yaml(ctx, &s, &yaml));
  mni_afile af;
  mn_status st = mni_afile_open(ctx, dir, name, &af);
  if (st == MN_OK) {
    write_header(af.f, p);
    fputs(yaml, af.f);
    st = mni_afile_commit(ctx, &af);
    mni_afile_abort(&af);
  }
  mn_free(ctx, yaml, strlen(yaml) + 1); /* as mn_string_free (run.h is downstream) */
  return st;
}
