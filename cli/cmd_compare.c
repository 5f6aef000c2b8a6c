/* mnsim compare: the planner's microneedling protocol and a fractional laser protocol for the
 * same indication and skin, or any two scenarios, each run through every stage and read side
 * by side with the evidence for each row (include/mnsim/compare.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

static void print_usage(FILE *f)
{
  fprintf(f,
          "usage: mnsim compare --indication NAME --site NAME [--fitzpatrick 1..6] [--age Y]\n"
          "                     [--setting home|clinic] [--laser LINE] [--json] [-o DIR]\n"
          "       mnsim compare A.yaml B.yaml [--json] [-o DIR]\n\n"
          "The planner's microneedling protocol and a fractional laser protocol for the same\n"
          "indication and skin (or any two scenarios), each run through every stage, side by\n"
          "side: depth and width reached, surface treated, serum uptake, collagen and the\n"
          "clinical outcome, downtime, PIH risk, pain as rated in the trials, sessions; each row\n"
          "with its evidence.\n\n"
          "  --indication NAME  from 'mnsim indications' (e.g. acne_scars_moderate)\n"
          "  --site NAME        from 'mnsim sites' (e.g. cheek)\n"
          "  --fitzpatrick N    skin type 1..6 (default: 3)\n"
          "  --age Y            patient's age in years, 18..100 (default: 40)\n"
          "  --setting S        home | clinic: the microneedling arm's setting (default: clinic)\n"
          "  --laser LINE       co2 | er_yag | er_glass_1550 | er_glass_1540 | nd_yap_1340\n"
          "                     (default: er_glass_1550); its catalogue device at usual settings\n"
          "  --json             both arms' summaries and the rows as one JSON document\n"
          "  -o DIR             write each arm's outputs (DIR/ARM/), compare.json and\n"
          "                     compare.html\n"
          "  --help             this text\n\n"
          "Exit status: 0 compared; 1 a run failed; 2 bad usage, an unknown name or a bad\n"
          "scenario.\n");
}

typedef struct opts {
  mn_plan_request rq;
  double age_years;
  mn_laser laser;
  int is_json;
  const char *outdir;
  const char *files[2];
  int n_files;
} opts;

static int parse_laser(const char *v, mn_laser *out)
{
  for (int k = MN_LASER_CO2; k <= MN_LASER_ND_YAP_1340; k++)
    if (strcmp(v, mn_laser_name((mn_laser)k)) == 0) {
      *out = (mn_laser)k;
      return 1;
    }
  return 0;
}

static int parse_args(mn_ctx *ctx, int argc, char **argv, opts *o)
{
  enum { O_INDICATION = 1, O_SITE, O_SETTING, O_FITZPATRICK, O_AGE, O_LASER, O_JSON };
  static const struct option longopts[] = {{"help", no_argument, NULL, 'h'},
                                           {"json", no_argument, NULL, O_JSON},
                                           {"indication", required_argument, NULL, O_INDICATION},
                                           {"site", required_argument, NULL, O_SITE},
                                           {"setting", required_argument, NULL, O_SETTING},
                                           {"fitzpatrick", required_argument, NULL, O_FITZPATRICK},
                                           {"age", required_argument, NULL, O_AGE},
                                           {"laser", required_argument, NULL, O_LASER},
                                           {"output", required_argument, NULL, 'o'},
                                           {NULL, 0, NULL, 0}};
  int c;
  while ((c = mn_cli_getopt("compare", argc, argv, "ho:", longopts)) != -1) {
    const char *v = optarg;
    switch (c) {
    case 'h':
      print_usage(stdout);
      return MN_EXIT_OK;
    case O_JSON:
      o->is_json = 1;
      break;
    case 'o':
      o->outdir = v;
      break;
    case O_INDICATION:
      o->rq.indication = v;
      break;
    case O_SITE:
      o->rq.site = v;
      break;
    case O_SETTING:
      if (mn_setting_parse(ctx, v, &o->rq.setting) != MN_OK) {
        mn_cli_error("compare: --setting: %s", mn_ctx_errmsg(ctx));
        return MN_EXIT_USAGE;
      }
      break;
    case O_FITZPATRICK:
      if (!mn_cli_parse_fitzpatrick("compare", v, &o->rq.fitzpatrick)) return MN_EXIT_USAGE;
      break;
    case O_AGE:
      if (!mn_cli_parse_double(v, 18.0, 100.0, &o->age_years)) {
        mn_cli_error("compare: --age '%s': expected years from 18 to 100", v);
        return MN_EXIT_USAGE;
      }
      break;
    case O_LASER:
      if (!parse_laser(v, &o->laser)) {
        mn_cli_error("compare: --laser '%s': expected co2 | er_yag | er_glass_1550 | "
                     "er_glass_1540 | nd_yap_1340",
                     v);
        return MN_EXIT_USAGE;
      }
      break;
    default:
      return MN_EXIT_USAGE; /* '?': reported */
    }
  }
  while (optind < argc) {
    if (o->n_files == 2) {
      mn_cli_error("compare: more than two scenarios ('%s'; see 'mnsim compare --help')",
                   argv[optind]);
      return MN_EXIT_USAGE;
    }
    o->files[o->n_files++] = argv[optind++];
  }
  if (o->n_files == 1) {
    mn_cli_error("compare: one scenario given; expected two (A.yaml B.yaml) or --indication");
    return MN_EXIT_USAGE;
  }
  if (o->n_files == 0 && (o->rq.indication == NULL || o->rq.site == NULL)) {
    mn_cli_error("compare: expected --indication NAME and --site NAME, or two scenarios "
                 "(see 'mnsim compare --help')");
    return MN_EXIT_USAGE;
  }
  return -1;
}

/* The two scenarios: the files, or the plan's and its laser arm. */
static int build_arms(mn_ctx *ctx, const opts *o, mn_scenario s[2], const char *names[2])
{
  if (o->n_files == 2) {
    for (int i = 0; i < 2; i++)
      if (mn_scenario_load_file(ctx, o->files[i], &s[i]) != MN_OK) {
        mn_cli_error("compare: %s", mn_ctx_errmsg(ctx));
        return MN_EXIT_USAGE;
      }
    names[0] = "a";
    names[1] = "b";
    return -1;
  }
  mn_plan *p = NULL;
  mn_status st = mn_plan_make(ctx, &o->rq, &p);
  if (st == MN_OK) st = mn_plan_to_scenario(ctx, p, &s[0]);
  int blocked = st == MN_OK && mn_plan_is_blocked(p);
  mn_plan_destroy(&p);
  if (st != MN_OK) {
    mn_cli_error("compare: %s", mn_ctx_errmsg(ctx));
    return (st == MN_E_NOTFOUND || st == MN_E_ARG) ? MN_EXIT_USAGE : MN_EXIT_FAILED;
  }
  if (blocked) mn_cli_warning("compare: the plan is blocked for this patient; shown anyway");
  snprintf(s[0].indication, sizeof s[0].indication, "%s", o->rq.indication);
  s[0].skin.age_years = o->age_years;
  snprintf(s[0].name, sizeof s[0].name, "%s, microneedling (planner)", o->rq.site);
  if (mn_compare_laser_scenario(ctx, &s[0], o->laser, &s[1]) != MN_OK) {
    mn_cli_error("compare: %s", mn_ctx_errmsg(ctx));
    return MN_EXIT_FAILED;
  }
  names[0] = "microneedling";
  names[1] = "laser";
  return -1;
}

static void print_table(const mn_compare_row *rows, size_t n, const char *const names[2])
{
  printf("%-30s %-44s %-44s\n", "", names[0], names[1]);
  for (size_t i = 0; i < n; i++)
    printf("%-30s %-44s %-44s\n", rows[i].what, rows[i].arm[0], rows[i].arm[1]);
  printf("\nevidence\n");
  for (size_t i = 0; i < n; i++)
    printf("  %s: %s\n", rows[i].what, rows[i].evidence);
}

static cJSON *compare_json(mn_ctx *ctx, mn_result *const r[2], const char *const names[2],
                           const mn_compare_row *rows, size_t n)
{
  cJSON *root = cJSON_CreateObject(), *arms = cJSON_AddArrayToObject(root, "arms");
  cJSON *jr = cJSON_AddArrayToObject(root, "rows");
  if (root == NULL || arms == NULL || jr == NULL) goto oom;
  for (int i = 0; i < 2; i++) {
    char *text = NULL;
    if (mn_result_summary_full_json(ctx, r[i], &text) != MN_OK) goto oom;
    cJSON *summary = cJSON_Parse(text);
    mn_string_free(ctx, text);
    cJSON *arm = cJSON_CreateObject();
    if (summary == NULL || arm == NULL || cJSON_AddStringToObject(arm, "arm", names[i]) == NULL) {
      cJSON_Delete(summary);
      cJSON_Delete(arm);
      goto oom;
    }
    cJSON_AddItemToObject(arm, "summary", summary);
    cJSON_AddItemToArray(arms, arm);
  }
  for (size_t k = 0; k < n; k++) {
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) goto oom;
    cJSON_AddItemToArray(jr, o);
    if (cJSON_AddStringToObject(o, "what", rows[k].what) == NULL ||
        cJSON_AddStringToObject(o, names[0], rows[k].arm[0]) == NULL ||
        cJSON_AddStringToObject(o, names[1], rows[k].arm[1]) == NULL ||
        cJSON_AddStringToObject(o, "evidence", rows[k].evidence) == NULL)
      goto oom;
  }
  return root;
oom:
  cJSON_Delete(root);
  return NULL;
}

static int write_outputs(mn_ctx *ctx, const opts *o, mn_result *const r[2],
                         const char *const names[2], const mn_compare_row *rows, size_t n,
                         const char *json)
{
  if (mn_compare_write(ctx, r[0], r[1], names, rows, n, json, o->outdir) != MN_OK) {
    mn_cli_error("compare: %s", mn_ctx_errmsg(ctx));
    return MN_EXIT_FAILED;
  }
  fflush(stdout);
  fprintf(stderr, "mnsim: comparison written to %s/compare.html\n", o->outdir);
  return MN_EXIT_OK;
}

int mn_cmd_compare(int argc, char **argv); /* the entry in main.c's table */

int mn_cmd_compare(int argc, char **argv)
{
  mn_ctx *ctx = mn_cli_ctx_create();
  if (ctx == NULL) return MN_EXIT_FAILED;
  opts o;
  memset(&o, 0, sizeof o);
  o.rq = mn_plan_request_default();
  o.rq.setting = MN_SETTING_CLINIC;
  o.age_years = 40.0;
  o.laser = MN_LASER_ER_GLASS_1550;
  mn_scenario s[2];
  const char *names[2] = {"a", "b"};
  mn_result *r[2] = {NULL, NULL};
  char *json = NULL;
  int rc = parse_args(ctx, argc, argv, &o);
  if (rc < 0) rc = build_arms(ctx, &o, s, names);
  if (rc < 0 && mn_cli_stop_before_work) rc = MN_EXIT_OK;
  for (int i = 0; rc < 0 && i < 2; i++)
    if (mn_run(ctx, &s[i], &r[i]) != MN_OK) {
      mn_cli_error("compare: %s arm: %s", names[i], mn_ctx_errmsg(ctx));
      rc = MN_EXIT_FAILED;
    }
  mn_compare_row rows[MN_COMPARE_MAX_ROWS];
  size_t n = 0;
  if (rc < 0 && mn_compare_rows(ctx, r[0], r[1], rows, &n) != MN_OK) rc = MN_EXIT_FAILED;
  if (rc < 0) {
    cJSON *doc = compare_json(ctx, r, names, rows, n);
    json = doc != NULL ? cJSON_Print(doc) : NULL;
    cJSON_Delete(doc);
    if (json == NULL) {
      mn_cli_error("compare: out of memory");
      rc = MN_EXIT_FAILED;
    }
  }
  if (rc < 0) {
    if (o.is_json)
      puts(json);
    else
      print_table(rows, n, names);
    rc = o.outdir != NULL ? write_outputs(ctx, &o, r, names, rows, n, json) : MN_EXIT_OK;
  }
  cJSON_free(json);
  for (int i = 0; i < 2; i++)
    mn_result_destroy(&r[i]);
  mn_ctx_destroy(&ctx);
  return rc;
}
