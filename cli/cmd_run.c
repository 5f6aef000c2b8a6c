/* mnsim run [SCENARIO.yaml] [--json] [--set KEY=VALUE]... [-o OUTDIR] [--quiet] [--strict]
 *
 * Load the scenario (or the built-in default), apply the --set overrides in order, validate,
 * run every stage, then print: either the summary JSON (--json, alone on stdout) or a readable
 * report, one block per stage (stage_printers below) and the safety warnings, followed by the
 * resolved scenario. --strict: a blocking safety warning is an error (stderr, exit 2, no file
 * written, nothing on stdout).
 * Exit status: 0 ok, 1 a simulation or an output failed, 2 bad usage or bad input, 130
 * stopped by SIGINT or SIGTERM (the output directory left as it was, or complete). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

typedef struct run_opts {
  const char *scenario_path; /* NULL: the built-in default */
  const char *outdir;        /* -o; NULL: no files */
  bool is_json;
  bool is_quiet;
  int verbosity;  /* -v: 1, -vv: 2 */
  bool is_fields; /* --fields: HDF5 + XDMF of spatial runs into OUTDIR */
  bool is_strict; /* --strict: a blocking safety warning fails the run (exit 2) */
  int n_sets;
  const char **sets; /* the KEY=VALUE of each --set, in order (argv's strings) */
} run_opts;

static void print_run_help(FILE *f)
{
  fprintf(f,
          "usage: mnsim run [SCENARIO.yaml] [--json] [--set KEY=VALUE]... [-o OUTDIR] [--fields]\n"
          "                 [--strict] [--quiet | -v | -vv]\n"
          "       mnsim run --list-keys | --list-values KEY\n"
          "\n"
          "Simulate one scenario: the skin of the site, the needling, the absorption of the\n"
          "product and the healing over the course of sessions. Without SCENARIO.yaml the\n"
          "built-in default runs (a 1.5 mm home derma roller on the cheek with a caffeine\n"
          "serum, 24 h, a course of 4 sessions).\n"
          "\n"
          "options:\n"
          "  --set KEY=VALUE  override one key, dotted path in the key's unit, e.g.\n"
          "                   --set device.needle_length_mm=1.0 (repeatable, applied in order)\n"
          "  --json           print the summary as one JSON document on stdout, nothing else\n"
          "  -o OUTDIR        write the output files into OUTDIR (created if missing):\n"
          "                   summary.json, CSV, figures (PNG, SVG), report.html\n"
          "  --fields         with -o: also the concentration fields of axisymmetric and 3d\n"
          "                   runs (HDF5 + XDMF, for ParaView)\n"
          "  --strict         refuse a scenario the planner forbids: when a safety warning\n"
          "                   blocks (needle over a site's limit such as the eyelid, channels\n"
          "                   into the subcutis, clinic sessions under 14 days apart), print\n"
          "                   the warnings on stderr as errors and exit 2 without writing any\n"
          "                   output\n"
          "  --quiet          no progress on stderr\n"
          "  -v, --verbose    the library's messages on stderr (the files written) instead of\n"
          "                   the progress bar; -vv also the solvers' statistics\n"
          "  --list-keys      print every scenario key (as --set takes it), one a line\n"
          "  --list-values KEY  print the values an enumerated key takes (device.type, ...),\n"
          "                   one a line; catalogue names: mnsim sites|devices|compounds|\n"
          "                   indications --names\n"
          "  -h, --help       this help\n"
          "\n"
          "Every run applies the planner's safety rules (mnsim plan) to its scenario: the\n"
          "summary prints a safety block, summary.json has safety.warnings[] (rule, severity\n"
          "block or caution, message) and report.html shows them at the top.\n"
          "\n"
          "Keys, units and defaults: docs/scenario.md. Exit status: 0 success, 1 a simulation\n"
          "or its output failed (a full disk), 2 bad usage or bad input (the message names\n"
          "file:line:column, key, value), or a blocking safety warning under --strict, 130\n"
          "stopped by SIGINT or SIGTERM (OUTDIR as it was before, or complete).\n");
}

/* ---- Printing, one block per stage in pipeline order ----------------------------------------- */

static void print_skin(FILE *f, const mn_result *r)
{
  const mn_layer_stack *L = mn_result_layers(r);
  const mn_scenario *s = mn_result_scenario(r);
  fprintf(f, "skin: site %s, Fitzpatrick type %d\n", L->site, s->skin.fitzpatrick);
  fprintf(f, "  %-18s %14s %14s  %s\n", "layer", "thickness_um", "top_um", "from");
  for (int i = 0; i < MN_N_LAYERS; i++)
    fprintf(f, "  %-18s %14.6g %14.6g  %s\n", mn_layer_name((mn_layer_id)i),
            mn_m_to_um(L->thickness_m[i]), mn_m_to_um(L->top_m[i]),
            L->is_overridden[i] ? "scenario override" : "site table");
}

static void print_puncture(FILE *f, const mn_result *r)
{
  const mn_channel_set *cs = mn_result_channels(r);
  if (cs == NULL) return;
  const mn_puncture_stats *p = mn_channel_set_stats(cs);
  const mn_device *d = mn_channel_set_device(cs);
  const mn_scenario *s = mn_result_scenario(r);
  if (p->is_laser) {
    fprintf(f, "puncture: %s (%s laser, %.0f nm), %.4g mJ on a %.4g um spot, %.3g ms, %d pass%s\n",
            d->name, mn_laser_name(d->laser), mn_laser_wavelength_nm(d->laser),
            d->pulse_energy_j * 1e3, mn_m_to_um(d->spot_diameter_m), d->pulse_s * 1e3,
            s->treatment.passes, s->treatment.passes == 1 ? "" : "es");
    fprintf(f, "  zone               %.4g um deep, %.4g um wide (%s); peak %.0f C\n",
            mn_m_to_um(p->coag_depth_m), mn_m_to_um(p->coag_width_m),
            mn_laser_is_ablative(d->laser) ? "crater and coagulated rim" : "coagulated column",
            p->peak_temperature_c);
    if (mn_laser_is_ablative(d->laser))
      fprintf(f, "  crater             %.4g um deep, %.4g um wide\n", mn_m_to_um(p->ablation_depth_m),
              mn_m_to_um(p->ablation_width_m));
    fprintf(f, "  deepest layer      %s; %.3g %% of zones ooze (a crater into the dermis)\n",
            mn_layer_name(p->deepest_layer), 100.0 * p->bleeding_fraction);
    fprintf(f, "  zones              %.6g per cm2, %.6g in %.6g cm2, %.3g %% of the surface\n",
            p->density_per_m2 * 1e-4, p->channels, mn_m2_to_cm2(s->treatment.area_m2),
            100.0 * p->zone_area_fraction);
    fprintf(f, "  openings           %.6g um across, %.3g %% of the surface%s\n",
            mn_m_to_um(p->surface_diameter_m), 100.0 * p->area_fraction,
            mn_laser_is_ablative(d->laser) ? "" : " (non-ablative: the stratum corneum stays)");
    return;
  }
  fprintf(f, "puncture: %s (%s), needles %.6g mm, %d passes, %s pressure\n", d->name,
          mn_device_type_name(d->type), mn_m_to_mm(d->needle_length_m), s->treatment.passes,
          s->treatment.pressure == MN_PRESSURE_LIGHT
              ? "light"
              : (s->treatment.pressure == MN_PRESSURE_FIRM ? "firm" : "moderate"));
  fprintf(f, "  depth reached      %.6g um mean (%.2g of the needle), %.6g um deepest\n",
          mn_m_to_um(p->mean_depth_m), p->mean_depth_m / d->needle_length_m,
          mn_m_to_um(p->max_depth_m));
  fprintf(f, "  deepest layer      %s; %.3g %% of channels bleed (reach the dermis)\n",
          mn_layer_name(p->deepest_layer), 100.0 * p->bleeding_fraction);
  fprintf(f, "  channels           %.6g per cm2, %.6g in %.6g cm2\n", p->density_per_m2 * 1e-4,
          p->channels, mn_m2_to_cm2(s->treatment.area_m2));
  fprintf(f, "  openings           %.6g um across, %.3g %% of the surface\n",
          mn_m_to_um(p->surface_diameter_m), 100.0 * p->area_fraction);
}

/* A duration for people: minutes below an hour, hours above. */
static void print_duration(FILE *f, double t_s)
{
  if (t_s < 3600.0)
    fprintf(f, "%.3g min", t_s / 60.0);
  else
    fprintf(f, "%.3g h", mn_s_to_h(t_s));
}

static void print_hydration(FILE *f, const mn_absorption_summary *m)
{
  fprintf(f, "  hydration          ");
  if (!m->has_hydration)
    fprintf(f, "not modelled (skin.barrier_model potts_guy)\n");
  else if (m->hydration_state == MN_HYDRATION_FULL)
    fprintf(f, "full\n");
  else if (m->hydration_state == MN_HYDRATION_PARTIAL)
    fprintf(f, "partial\n");
  else {
    fprintf(f, "full until ");
    print_duration(f, m->hydration_full_until_s);
    fprintf(f, ", then partial (time constant ");
    print_duration(f, m->hydration_relax_s);
    fprintf(f, ")\n");
  }
}

/* One skin's end state: the compartments grouped as people ask about them. */
static void print_where(FILE *f, const char *skin, const double *pct, bool has_washed)
{
  fprintf(f,
          "%-8s SC %.3g %%, VE+dermis %.3g %%, absorbed %.3g %%, on the surface (film + deposit) "
          "%.3g %%, evaporated %.3g %%",
          skin, pct[MN_COMP_SC], pct[MN_COMP_VE] + pct[MN_COMP_DERMIS], pct[MN_COMP_ABSORBED],
          pct[MN_COMP_VEHICLE] + pct[MN_COMP_DEPOSIT], pct[MN_COMP_EVAPORATED]);
  if (has_washed) fprintf(f, ", washed off %.3g %%", pct[MN_COMP_WASHED]);
  fprintf(f, "\n");
}

static void print_absorption(FILE *f, const mn_result *r)
{
  const mn_absorption *a = mn_result_absorption(r);
  if (a == NULL) return;
  const mn_absorption_summary *m = mn_absorption_summary_get(a);
  const mn_scenario *s = mn_result_scenario(r);
  fprintf(f, "absorption: %s, %.6g ug/cm2 applied, %.6g h\n", s->formulation.compound,
          mn_kg_per_m2_to_ug_per_cm2(m->dose_kg_per_m2), mn_s_to_h(m->duration_s));
  fprintf(f, "  model              %s%s%s%s\n", mn_model_name(m->model),
          m->model_reason ? " (" : "", m->model_reason ? m->model_reason : "",
          m->model_reason ? ")" : "");
  fprintf(f, "  absorbed           %.4g %% through treated skin, %.4g %% through intact skin\n",
          m->absorbed_percent, m->intact_absorbed_percent);
  const char *bound = mn_absorption_enhancement_bound(m);
  fprintf(f, "  enhancement ratio  %s%s%.4g%s\n", bound, bound[0] ? " " : "",
          m->enhancement_ratio,
          m->enhancement_is_lower_bound && m->enhancement_is_upper_bound
              ? " (intact skin passes too little through the SC lipid route, the only one "
                "mnsim has, and real skin also passes this active through follicles)"
          : m->enhancement_is_upper_bound
              ? " (an upper bound: on intact skin mnsim has only the SC lipid route, slow for "
                "this active; real skin also passes it through follicles)"
              : "");
  fprintf(f, "  in skin or beyond  %.4g %% treated, %.4g %% intact\n", m->penetrated_percent,
          m->intact_penetrated_percent);
  fprintf(f, "  peak flux          %.4g ug/cm2/h treated, %.4g intact\n",
          mn_kg_per_m2_to_ug_per_cm2(m->peak_flux_kg_per_m2_s) * 3600.0,
          mn_kg_per_m2_to_ug_per_cm2(m->intact_peak_flux_kg_per_m2_s) * 3600.0);
  fprintf(f, "  mass balance       %.2g (|dose - all compartments| / dose)\n",
          m->mass_balance_error);
  print_hydration(f, m);
  /* Washing is part of few scenarios: its share is printed only when there is one. */
  bool has_washed = m->end_percent[MN_COMP_WASHED] > 0 || m->intact_end_percent[MN_COMP_WASHED] > 0;
  fprintf(f, "  where it went      ");
  print_where(f, "treated:", m->end_percent, has_washed);
  fprintf(f, "                     ");
  print_where(f, "intact:", m->intact_end_percent, has_washed);
  fprintf(f, "  stratum corneum    K %.3g, D %.3g cm2/s, kp %.3g cm/h, %.3g um\n", m->sc_partition,
          mn_m2_per_s_to_cm2_per_s(m->sc_diffusivity_m2_per_s),
          mn_m_per_s_to_cm_per_h(m->sc_kp_m_per_s), mn_m_to_um(m->sc_thickness_m));
}

static void print_healing(FILE *f, const mn_result *r)
{
  const mn_healing *h = mn_result_healing(r);
  const mn_scenario_course *c = &mn_result_scenario(r)->course;
  if (h == NULL) { /* mn_run skips healing only then; every session has its channels */
    fprintf(f, "healing: skipped (course.sessions = %d)\n", c->sessions);
    return;
  }
  mn_heal_solver_stats st = mn_healing_solver_stats(h);
  fprintf(f, "healing: %d sessions %.3g weeks apart, read %.3g months after the last\n",
          c->sessions, c->interval_s / mn_weeks_to_s(1.0), c->follow_up_s / mn_months_to_s(1.0));
  fprintf(f, "  injury impulse per session     %.4g (1 = 1.5 mm roller), %.4g um into the dermis\n",
          mn_healing_impulse(h), mn_m_to_um(mn_healing_dermal_depth_m(h)));
  fprintf(f, "  new collagen at follow-up      %+.3g %% of baseline (type III %.2g %%)\n",
          mn_healing_collagen_change_percent(h), 100.0 * mn_healing_type3_fraction(h));
  fprintf(f,
          "    of which cross-linked        %+.3g %% (matures for months after the last session)\n",
          mn_healing_mature_collagen_percent(h));
  fprintf(f, "  patient age                    %.3g years (fibroblast collagen output x %.3g)\n",
          mn_result_scenario(r)->skin.age_years, mn_healing_age_factor(h));
  fprintf(f, "  new elastin at follow-up       %+.3g %% of baseline\n",
          mn_healing_elastin_change_percent(h));
  fprintf(f, "  visible redness per session    %.3g days\n", mn_healing_downtime_days(h));
  fprintf(f, "  PIH over the course            %.3g %% of patients (Fitzpatrick %d; empirical)\n",
          mn_healing_pih_risk_percent(h), mn_result_scenario(r)->skin.fitzpatrick);
  fprintf(f, "  inflammation burden            %.4g (worst 28 days %.4g, tolerated %.4g)\n",
          mn_healing_inflammation_burden(h), mn_healing_inflammation_peak_28d(h),
          mn_healing_inflammation_limit_28d(h));
  fprintf(f,
          "  CVODE                          %ld steps, %ld RHS, %ld Jacobians, %ld error-test "
          "failures\n",
          st.steps, st.rhs_evals, st.jac_evals, st.err_test_fails);
  const char *w = mn_healing_warning_text(h);
  if (*w != '\0') fprintf(f, "  warnings:\n    %s\n", w);
}

static void print_outcome(FILE *f, const mn_result *r)
{
  const mn_outcome *o = mn_result_outcome(r);
  if (o != NULL)
    mn_cli_print_outcome(f, o);
  else
    fprintf(f, "outcome: none (set `indication` to a name from `mnsim indications`)\n");
}

/* The planner's safety rules applied to the run (mn_safety_check). */
static void print_safety(FILE *f, const mn_result *r)
{
  const mn_safety_list *l = mn_result_safety(r);
  if (l == NULL || l->n == 0) {
    fprintf(f, "safety: no warnings\n");
    return;
  }
  fprintf(f, "safety: %zu warning%s%s\n", l->n, l->n > 1 ? "s" : "",
          mn_safety_has_block(l) ? " (the planner would not propose this scenario)" : "");
  for (size_t i = 0; i < l->n; i++)
    fprintf(f, "  %-7s %s: %s\n", mn_safety_severity_name(l->warnings[i].severity),
            l->warnings[i].rule, l->warnings[i].message);
}

typedef void (*stage_print_fn)(FILE *f, const mn_result *r);

/* Each stage adds its printer here, in the order the stages run. */
static const stage_print_fn stage_printers[] = {
    print_skin,
    print_puncture,
    print_absorption,
    print_healing,
    print_outcome,
    print_safety,
};

static int print_report(mn_ctx *ctx, const mn_result *r)
{
  const mn_scenario *s = mn_result_scenario(r);
  printf("mnsim %s: %s (seed %llu)\n\n", mn_version(), s->name, (unsigned long long)s->seed);
  for (size_t i = 0; i < sizeof stage_printers / sizeof stage_printers[0]; i++) {
    stage_printers[i](stdout, r);
    printf("\n");
  }
  char *yaml = NULL;
  if (mn_scenario_to_yaml(ctx, s, &yaml) != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return MN_EXIT_FAILED;
  }
  printf("resolved scenario (loadable with 'mnsim run FILE'):\n\n%s", yaml);
  mn_string_free(ctx, yaml);
  return MN_EXIT_OK;
}

static int print_json(mn_ctx *ctx, const mn_result *r)
{
  char *json = NULL;
  if (mn_result_summary_json(ctx, r, &json) != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return MN_EXIT_FAILED;
  }
  printf("%s\n", json);
  mn_string_free(ctx, json);
  return MN_EXIT_OK;
}

/* ---- Arguments ------------------------------------------------------------------------------- */

/* --list-keys: the key table's paths, one a line (the shell completion of --set reads them). */
static void print_keys(void)
{
  size_t n = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n);
  for (size_t i = 0; i < n; i++)
    printf("%s\n", keys[i].path);
}

/* --list-values KEY: the names an enumerated key takes, one a line. */
static int print_values(const char *path)
{
  const mn_scenario_key *k = mn_scenario_key_find(path);
  if (k == NULL) {
    const mn_scenario_key *near = mn_scenario_key_suggest(path);
    if (near != NULL)
      mn_cli_error("run: --list-values: unknown key '%s'; did you mean '%s'? (mnsim run "
                   "--list-keys lists them)",
                   path, near->path);
    else
      mn_cli_error("run: --list-values: unknown key '%s' (mnsim run --list-keys lists them)", path);
    return MN_EXIT_USAGE;
  }
  if (k->type != MN_KEY_ENUM) {
    mn_cli_error("run: --list-values: %s takes %s, not one of a list of names", path,
                 k->type == MN_KEY_STRING ? "a name or text" : "a number or a boolean");
    return MN_EXIT_USAGE;
  }
  for (int i = 0; k->enum_names[i] != NULL; i++)
    printf("%s\n", k->enum_names[i]);
  return MN_EXIT_OK;
}

/* 0 to go on, else the exit status; *is_done when --help, --list-keys or --list-values ran. */
static int parse_args(int argc, char **argv, run_opts *o, bool *is_done)
{
  static const struct option longopts[] = {{"help", no_argument, NULL, 'h'},
                                           {"json", no_argument, NULL, 'j'},
                                           {"fields", no_argument, NULL, 'f'},
                                           {"quiet", no_argument, NULL, 'q'},
                                           {"verbose", no_argument, NULL, 'v'},
                                           {"set", required_argument, NULL, 's'},
                                           {"output", required_argument, NULL, 'o'},
                                           {"strict", no_argument, NULL, 'S'},
                                           {"list-keys", no_argument, NULL, 'K'},
                                           {"list-values", required_argument, NULL, 'V'},
                                           {NULL, 0, NULL, 0}};
  *is_done = false;
  int c;
  while ((c = mn_cli_getopt("run", argc, argv, "hqvo:", longopts)) != -1) {
    switch (c) {
    case 'h':
      print_run_help(stdout);
      *is_done = true;
      return MN_EXIT_OK;
    case 'K':
      print_keys();
      *is_done = true;
      return MN_EXIT_OK;
    case 'V':
      *is_done = true;
      return print_values(optarg);
    case 'j':
      o->is_json = true;
      break;
    case 'f':
      o->is_fields = true;
      break;
    case 'q':
      o->is_quiet = true;
      break;
    case 'S':
      o->is_strict = true;
      break;
    case 'v':
      o->verbosity++;
      break; /* -vv: twice */
    case 's':
      o->sets[o->n_sets++] = optarg;
      break;
    case 'o':
      if (optarg[0] == '\0') {
        mn_cli_error("run: -o needs a directory (see 'mnsim run --help')");
        return MN_EXIT_USAGE;
      }
      o->outdir = optarg;
      break;
    default:
      return MN_EXIT_USAGE; /* '?': reported */
    }
  }
  return mn_cli_scenario_operand(argc, argv, optind, &o->scenario_path);
}

/* A signal stopped the run (MN_E_CANCELLED, or it came after the last poll): say what the
 * output directory holds. */
static int interrupted(const char *outdir, int is_written)
{
  const char *sig = mn_cli_signal_name(mn_cli_signal_caught());
  if (outdir == NULL)
    fprintf(stderr, "mnsim: interrupted by %s: the run stopped\n", sig);
  else if (is_written)
    fprintf(stderr, "mnsim: interrupted by %s after the files were written: %s is complete\n", sig,
            outdir);
  else
    fprintf(stderr, "mnsim: interrupted by %s: the run stopped; %s is as it was before\n", sig,
            outdir);
  return MN_EXIT_INTERRUPTED;
}

int mn_cmd_run(int argc, char **argv); /* the entry in main.c's table */
int mn_cmd_run(int argc, char **argv)
{
  run_opts o = {0};
  /* One slot per argument: any number of --set (no fixed limit; issue 18 item 12). */
  const char **set_storage = malloc((size_t)argc * sizeof *set_storage);
  if (set_storage == NULL) {
    mn_cli_error("out of memory");
    return MN_EXIT_FAILED;
  }
  o.sets = set_storage;
  bool is_done = false;
  int rc = parse_args(argc, argv, &o, &is_done);
  if (rc != MN_EXIT_OK || is_done) {
    free(set_storage);
    return rc;
  }
  if (o.is_fields && o.outdir == NULL) {
    mn_cli_error("--fields needs -o OUTDIR (see 'mnsim run --help')");
    free(set_storage);
    return MN_EXIT_USAGE;
  }

  mn_ctx *ctx = mn_cli_ctx_create();
  if (ctx == NULL) {
    free(set_storage);
    return MN_EXIT_FAILED;
  }
  mn_cli_set_verbosity(ctx, o.verbosity);
  mn_result *result = NULL;
  mn_scenario s;
  mn_status st = mn_cli_scenario_load(ctx, o.scenario_path, o.sets, o.n_sets, &s);
  if (st != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    rc = mn_cli_exit_for(st);
    goto done;
  }
  if (o.outdir != NULL && mn_output_dir_check(ctx, o.outdir) != MN_OK) { /* before, not after */
    mn_cli_error("-o %s: %s", o.outdir, mn_ctx_errmsg(ctx));
    rc = MN_EXIT_FAILED;
    goto done;
  }
  if (mn_cli_stop_before_work) goto done;
  mn_cli_progress progress;
  mn_cli_progress_init(&progress, o.is_quiet || o.verbosity > 0); /* messages instead of a bar */
  mn_ctx_set_progress(ctx, mn_cli_progress_cb, &progress);
  st = mn_run(ctx, &s, &result);
  mn_cli_progress_finish(&progress);
  if (st == MN_E_CANCELLED || mn_cli_signal_caught()) {
    rc = interrupted(o.outdir, 0);
    goto done;
  }
  if (st != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    rc = st == MN_E_IO ? MN_EXIT_FAILED : mn_cli_exit_for(st);
    goto done;
  }
  const mn_safety_list *safety = mn_result_safety(result);
  if (o.is_strict && mn_safety_has_block(safety)) {
    for (size_t i = 0; i < safety->n; i++)
      if (safety->warnings[i].severity == MN_SAFETY_BLOCK)
        mn_cli_error("safety (%s): %s", safety->warnings[i].rule, safety->warnings[i].message);
    mn_cli_error("--strict: the scenario breaks a blocking safety rule; nothing was written");
    rc = MN_EXIT_USAGE;
    goto done;
  }
  if (o.is_json) /* stdout holds the JSON alone: the warnings also go to stderr */
    for (size_t i = 0; safety != NULL && i < safety->n; i++)
      mn_cli_warning("safety %s (%s): %s", mn_safety_severity_name(safety->warnings[i].severity),
                     safety->warnings[i].rule, safety->warnings[i].message);
  if (o.outdir != NULL) {
    mn_write_opts wo = mn_write_opts_default();
    wo.fields = o.is_fields;
    st = mn_result_write(ctx, result, o.outdir, &wo);
    mn_cli_progress_finish(&progress);
    if (st == MN_E_CANCELLED) {
      rc = interrupted(o.outdir, 0);
      goto done;
    }
    if (st != MN_OK) {
      mn_cli_error("%s", mn_ctx_errmsg(ctx));
      rc = MN_EXIT_FAILED; /* valid input whose files could not be written */
      goto done;
    }
    if (mn_cli_signal_caught()) {
      rc = interrupted(o.outdir, 1);
      goto done;
    }
  }
  rc = o.is_json ? print_json(ctx, result) : print_report(ctx, result);
done:
  mn_result_destroy(&result);
  mn_ctx_destroy(&ctx);
  free(set_storage);
  return rc;
}
