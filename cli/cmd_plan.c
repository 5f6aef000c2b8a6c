/* mnsim plan: a protocol for an indication at a body site, for a setting and a patient, with
 * the limits applied, the warnings, the contraindications and the evidence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_usage(FILE *f)
{
  fprintf(f, "usage: mnsim plan --indication NAME --site NAME [--setting home|clinic]\n"
             "                  [--fitzpatrick 1..6] [--condition NAME]... [--json]\n"
             "                  [--emit-scenario FILE]\n\n"
             "Answers: what needle, how many passes, how many sessions, how far apart, for this\n"
             "indication at this body site, and is it safe for this person?\n\n"
             "  --indication NAME     from 'mnsim indications' (e.g. acne_scars_moderate)\n"
             "  --site NAME           from 'mnsim sites' (e.g. temple, upper_back)\n"
             "  --setting home|clinic home roller or clinic pen (default: home)\n"
             "  --fitzpatrick N       skin type 1..6 (default: 3)\n"
             "  --condition NAME      a patient condition from 'mnsim indications'; repeatable\n"
             "  --json                the plan as one JSON document on stdout\n"
             "  --emit-scenario FILE  write a scenario that 'mnsim run FILE' simulates (the\n"
             "                        middle of each range); refused when a condition blocks\n"
             "  --help                this text\n\n"
             "Exit status: 0 a plan was made (read 'blocked'); 1 failure; 2 bad usage or an\n"
             "unknown name (the valid names are listed).\n");
}

static void print_range(const char *what, double lo, double hi, const char *unit)
{
  printf("  %-16s %.2f-%.2f %s\n", what, lo, hi, unit);
}

static void print_text(const mn_plan *p)
{
  const mn_indication *ind = mn_plan_indication(p);
  const mn_plan_protocol *pr = mn_plan_protocol_get(p);
  static const char *const devices[] = {"roller", "stamp", "pen"};
  static const char *const pressures[] = {"light", "moderate", "firm"};
  printf("Plan: %s (%s) at %s, %s, Fitzpatrick %d\n\n", ind->label, ind->name, mn_plan_site(p),
         mn_setting_name(mn_plan_setting(p)), mn_plan_fitzpatrick(p));
  if (mn_plan_is_blocked(p))
    printf("BLOCKED: do not treat (see contraindications). The protocol is shown for "
           "information only.\n\n");
  printf("Protocol\n  %-16s %s (%s)\n", "device", pr->device_model, devices[pr->device]);
  print_range("needle length", mn_m_to_mm(pr->needle_length_m[0]),
              mn_m_to_mm(pr->needle_length_m[1]), "mm");
  if (pr->first_session_needle_length_m[1] < pr->needle_length_m[1])
    print_range("first session", mn_m_to_mm(pr->first_session_needle_length_m[0]),
                mn_m_to_mm(pr->first_session_needle_length_m[1]), "mm");
  printf("  %-16s %d-%d, %s pressure, to %s\n", "passes", pr->passes[0], pr->passes[1],
         pressures[pr->pressure], pr->endpoint_label);
  printf("  %-16s %d-%d\n", "sessions", pr->sessions[0], pr->sessions[1]);
  print_range("interval", mn_s_to_days(pr->interval_s[0]) / 7.0,
              mn_s_to_days(pr->interval_s[1]) / 7.0, "weeks");
  printf("  %-16s 95 %% of the channels above %.2f mm (%.0f %% of the needle); the subcutis "
         "starts at %.2f mm\n",
         "depth reached", mn_m_to_mm(pr->max_depth_reached_m), 100.0 * pr->insertion_fraction,
         mn_m_to_mm(pr->subcutis_top_m));
  if (mn_plan_n_contraindications(p) > 0) {
    printf("\nContraindications\n");
    for (size_t i = 0; i < mn_plan_n_contraindications(p); i++) {
      const mn_condition *c = mn_plan_contraindication(p, i);
      printf("  - %s [%s]: %s (%s)\n", c->name, c->blocks ? "BLOCKS" : "warns", c->reason,
             c->source);
    }
  }
  if (mn_plan_n_warnings(p) > 0) {
    printf("\nWarnings\n");
    for (size_t i = 0; i < mn_plan_n_warnings(p); i++)
      printf("  - %s\n", mn_plan_warning(p, i));
  }
  printf("\nAdvice\n");
  for (size_t i = 0; i < mn_plan_n_advice(p); i++)
    printf("  - %s\n", mn_plan_advice(p, i));
  printf("\nEvidence\n");
  for (size_t i = 0; i < mn_plan_n_evidence(p); i++) {
    const mn_plan_evidence *e = mn_plan_evidence_get(p, i);
    printf("  - %s: %s\n", e->citation, e->result);
  }
  printf("\nSources: needle: %s\n         course: %s\n", ind->needle_source, ind->course_source);
}

/* Parse argv into rq; returns -1 to go on, else the exit status. */
static int parse_args(mn_ctx *ctx, int argc, char **argv, mn_plan_request *rq, int *is_json,
                      const char **emit_path)
{
  enum { O_INDICATION = 1, O_SITE, O_SETTING, O_FITZPATRICK, O_CONDITION, O_EMIT, O_JSON };
  static const struct option longopts[] = {{"help", no_argument, NULL, 'h'},
                                           {"json", no_argument, NULL, O_JSON},
                                           {"indication", required_argument, NULL, O_INDICATION},
                                           {"site", required_argument, NULL, O_SITE},
                                           {"setting", required_argument, NULL, O_SETTING},
                                           {"fitzpatrick", required_argument, NULL, O_FITZPATRICK},
                                           {"condition", required_argument, NULL, O_CONDITION},
                                           {"emit-scenario", required_argument, NULL, O_EMIT},
                                           {NULL, 0, NULL, 0}};
  int c;
  while ((c = mn_cli_getopt("plan", argc, argv, "h", longopts)) != -1) {
    const char *v = optarg;
    switch (c) {
    case 'h':
      print_usage(stdout);
      return MN_EXIT_OK;
    case O_JSON:
      *is_json = 1;
      break;
    case O_INDICATION:
      rq->indication = v;
      break;
    case O_SITE:
      rq->site = v;
      break;
    case O_EMIT:
      if (v[0] == '\0') {
        mn_cli_error("plan: --emit-scenario needs a file name (see 'mnsim plan --help')");
        return MN_EXIT_USAGE;
      }
      *emit_path = v;
      break;
    case O_SETTING:
      if (mn_setting_parse(ctx, v, &rq->setting) != MN_OK) {
        mn_cli_error("plan: --setting: %s", mn_ctx_errmsg(ctx));
        return MN_EXIT_USAGE;
      }
      break;
    case O_FITZPATRICK:
      if (!mn_cli_parse_fitzpatrick("plan", v, &rq->fitzpatrick)) return MN_EXIT_USAGE;
      break;
    case O_CONDITION:
      if (rq->n_conditions >= MN_PLAN_MAX_CONDITIONS) {
        mn_cli_error("plan: more than %d --condition", MN_PLAN_MAX_CONDITIONS);
        return MN_EXIT_USAGE;
      }
      rq->conditions[rq->n_conditions++] = v;
      break;
    default:
      return MN_EXIT_USAGE; /* '?': reported */
    }
  }
  if (optind < argc) {
    mn_cli_error("plan: unknown argument '%s' (see 'mnsim plan --help')", argv[optind]);
    return MN_EXIT_USAGE;
  }
  return -1;
}

/* Missing --indication or --site: say which, and list the valid names. */
static int missing(mn_ctx *ctx, const mn_plan_request *rq)
{
  const mn_indication *ind;
  const mn_site *site;
  if (rq->indication == NULL) {
    (void)mn_indication_find(ctx, "", &ind);
    mn_cli_error("plan: --indication is required; %s", strstr(mn_ctx_errmsg(ctx), "valid"));
    return MN_EXIT_USAGE;
  }
  (void)mn_site_find(ctx, "", &site);
  const char *valid = strstr(mn_ctx_errmsg(ctx), "valid");
  mn_cli_error("plan: --site is required; %s", valid ? valid : "see 'mnsim sites'");
  return MN_EXIT_USAGE;
}

int mn_cmd_plan(int argc, char **argv); /* the entry in main.c's table */

int mn_cmd_plan(int argc, char **argv)
{
  mn_ctx *ctx = mn_cli_ctx_create();
  if (ctx == NULL) return MN_EXIT_FAILED;
  mn_plan_request rq = mn_plan_request_default();
  int is_json = 0;
  const char *emit_path = NULL;
  mn_plan *p = NULL;
  int rc = parse_args(ctx, argc, argv, &rq, &is_json, &emit_path);
  if (rc >= 0) goto done;
  if (rq.indication == NULL || rq.site == NULL) {
    rc = missing(ctx, &rq);
    goto done;
  }
  mn_status st = mn_plan_make(ctx, &rq, &p);
  if (st != MN_OK) {
    mn_cli_error("plan: %s", mn_ctx_errmsg(ctx));
    rc = (st == MN_E_NOTFOUND || st == MN_E_ARG) ? MN_EXIT_USAGE : MN_EXIT_FAILED;
    goto done;
  }
  /* The expected outcome of the proposed protocol: its scenario's skin, puncture and healing
   * (the middle of each range, as --emit-scenario writes it), read on the indication's scale. */
  mn_outcome *outcome = NULL;
  mn_scenario scn;
  if (mn_plan_to_scenario(ctx, p, &scn) == MN_OK) {
    snprintf(scn.indication, sizeof scn.indication, "%s", mn_plan_indication(p)->name);
    if (mn_outcome_of_scenario(ctx, &scn, &outcome) != MN_OK)
      mn_cli_warning("plan: no expected outcome: %s", mn_ctx_errmsg(ctx));
  }
  if (is_json) {
    char *json = NULL, *oj = NULL;
    if (mn_plan_json(ctx, p, &json) != MN_OK ||
        (outcome != NULL && mn_outcome_json(ctx, outcome, &oj) != MN_OK)) {
      mn_cli_error("plan: %s", mn_ctx_errmsg(ctx));
      mn_string_free(ctx, json);
      mn_outcome_destroy(&outcome);
      rc = MN_EXIT_FAILED;
      goto done;
    }
    /* The plan's object with "outcome" added as its last member. */
    size_t end = strlen(json);
    while (end > 0 && json[end - 1] != '}')
      end--;
    if (oj != NULL && end > 0)
      printf("%.*s,\n\t\"outcome\": %s\n}\n", (int)(end - 1), json, oj);
    else
      puts(json);
    mn_string_free(ctx, json);
    mn_string_free(ctx, oj);
  } else {
    print_text(p);
    if (outcome != NULL) {
      printf("\nExpected ");
      mn_cli_print_outcome(stdout, outcome);
      printf("  (the protocol's middle: %d sessions, %.3g weeks apart, %.3g mm, read %.3g months "
             "after the last)\n",
             scn.course.sessions, mn_s_to_days(scn.course.interval_s) / 7.0,
             mn_m_to_mm(scn.device.needle_length_m), scn.course.follow_up_s / mn_months_to_s(1.0));
    }
  }
  mn_outcome_destroy(&outcome);
  rc = MN_EXIT_OK;
  if (emit_path != NULL) {
    if (mn_plan_is_blocked(p)) {
      mn_cli_error("plan: a condition blocks treatment; no scenario written to %s", emit_path);
      rc = MN_EXIT_FAILED;
    } else if (mn_plan_write_scenario(ctx, p, emit_path) != MN_OK) {
      mn_cli_error("plan: %s", mn_ctx_errmsg(ctx));
      rc = MN_EXIT_FAILED;
    } else if (!is_json) {
      printf("\nScenario written to %s (run it with 'mnsim run %s')\n", emit_path, emit_path);
    }
  }
done:
  mn_plan_destroy(&p);
  mn_ctx_destroy(&ctx);
  return rc;
}
