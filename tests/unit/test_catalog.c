/* The catalogue helper (core/catalog_int.h): find by name and the list of valid names, one parse
 * per context, the checks of the named list and the field parsers' file:line messages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog_int.h"
#include "healing/healing_int.h"
#include "mn_test.h"
#include "transport/transport_int.h"

static void expect_msg(mn_ctx *ctx, const char *want)
{
  if (strstr(mn_ctx_errmsg(ctx), want) == NULL)
    fail_msg("message '%s' lacks '%s'", mn_ctx_errmsg(ctx), want);
}

static void test_find_lists_valid_names(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mni_catalog *cat = NULL;
  size_t i = 99;
  assert_int_equal(mni_catalog_get(ctx, MNI_SLOT_SITES, NULL, &cat), MN_OK); /* names only */
  assert_null(cat->schema);
  assert_true(cat->n >= 2);
  assert_int_equal(mni_catalog_find(ctx, cat, cat->names[1], &i), MN_OK);
  assert_int_equal(i, 1);
  assert_int_equal(mni_catalog_find(ctx, cat, "elbow", &i), MN_E_NOTFOUND);
  expect_msg(ctx, "unknown site 'elbow'; valid sites: ");
  for (size_t k = 0; k < cat->n; k++)
    expect_msg(ctx, cat->names[k]);
  assert_int_equal(mni_catalog_find(ctx, cat, NULL, &i), MN_E_NOTFOUND);
  expect_msg(ctx, "unknown site '(none)'");

  /* Any catalogue's names, without its stage. */
  assert_int_equal(mni_catalog_check_name(ctx, MNI_SLOT_DEVICES, "pen_9"), MN_OK);
  assert_int_equal(mni_catalog_check_name(ctx, MNI_SLOT_DEVICES, "pen_99"), MN_E_NOTFOUND);
  expect_msg(ctx, "unknown device 'pen_99'; valid devices: ");
  expect_msg(ctx, "pen_9");
  assert_int_equal(mni_catalog_check_name(ctx, MNI_SLOT_COMPOUNDS, "niacinamide"), MN_OK);
  assert_int_equal(mni_catalog_check_name(ctx, MNI_SLOT_COMPOUNDS, "unobtainium"), MN_E_NOTFOUND);
  expect_msg(ctx, "valid compounds: ");
  assert_int_equal(mni_catalog_check_name(ctx, MNI_SLOT_INDICATIONS, "fine_lines"), MN_OK);

  /* A table of structs: the name field, stride bytes apart. */
  struct row {
    int x;
    const char *name;
  } rows[] = {{1, "alpha"}, {2, "beta"}};
  assert_int_equal(mni_catalog_find_in(ctx, "row", &rows[0].name, 2, sizeof rows[0], "beta", &i),
                   MN_OK);
  assert_int_equal(i, 1);
  assert_int_equal(mni_catalog_find_in(ctx, "row", &rows[0].name, 2, sizeof rows[0], "gamma", &i),
                   MN_E_NOTFOUND);
  assert_string_equal(mn_ctx_errmsg(ctx), "unknown row 'gamma'; valid rows: alpha, beta");
  mn_ctx_destroy(&ctx);
}

static void test_join_cuts_with_dots(void **state)
{
  (void)state;
  const char *names[] = {"alpha", "beta", "gamma"};
  char buf[16];
  mni_catalog_join(buf, sizeof buf, names, 3, sizeof names[0]);
  assert_string_equal(buf, "alpha, beta...");
  char big[64];
  mni_catalog_join(big, sizeof big, names, 3, sizeof names[0]);
  assert_string_equal(big, "alpha, beta, gamma");
  mni_catalog_join(big, sizeof big, names, 0, sizeof names[0]);
  assert_string_equal(big, "");
}

/* The stage's entries come once, on top of the names, in the same catalogue. */
static void test_loaded_once(void **state)
{
  (void)state;
  mn_test_alloc fa = {.allocs_left = 1000000};
  mn_ctx *ctx = NULL;
  assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
  const mni_catalog *names_only = NULL, *again = NULL;
  assert_int_equal(mni_catalog_get(ctx, MNI_SLOT_SITES, NULL, &names_only), MN_OK);
  const mn_site *sites = NULL;
  size_t n = 0;
  assert_int_equal(mn_sites_list(ctx, &sites, &n), MN_OK);
  assert_int_equal(mni_catalog_get(ctx, MNI_SLOT_SITES, NULL, &again), MN_OK);
  assert_ptr_equal(again, names_only);
  assert_non_null(again->schema);
  assert_ptr_equal(again->entries, sites);
  assert_int_equal(n, again->n);
  long allocs = fa.allocs;
  const mn_site *found = NULL;
  assert_int_equal(mn_site_find(ctx, again->names[0], &found), MN_OK);
  assert_ptr_equal(found, &sites[0]);
  assert_int_equal(fa.allocs, allocs); /* no second parse */

  /* healing.yaml: parsed by the first load, copied by every other. */
  mni_heal_params p1, p2;
  assert_int_equal(mni_heal_params_load(ctx, &p1), MN_OK);
  allocs = fa.allocs;
  const mni_catalog *heal = NULL;
  assert_int_equal(mni_catalog_get(ctx, MNI_SLOT_HEALING, NULL, &heal), MN_OK);
  const void *params = heal->extra;
  assert_non_null(params);
  for (int k = 0; k < 5; k++)
    assert_int_equal(mni_heal_params_load(ctx, &p2), MN_OK);
  assert_int_equal(fa.allocs, allocs);
  assert_ptr_equal(heal->extra, params);
  assert_memory_equal(&p1, &p2, sizeof p1);
  mn_ctx_destroy(&ctx);
  assert_int_equal(fa.live_bytes, 0);
}

/* The named list: each item a mapping with a valid unique name, messages with file:line. */
static void test_bad_lists_say_where(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  static const struct {
    mni_slot_id id;
    const char *text, *want;
  } bad[] = {
      {MNI_SLOT_DEVICES, "devices:\n  - name: a\n  - label: b\n",
       "data/devices.yaml:3:5: devices[1]: missing or non-scalar key 'name'"},
      {MNI_SLOT_COMPOUNDS, "compounds:\n  - name: a\n  - name: b\n  - name: a\n",
       "data/compounds.yaml:4:11: compound 'a' is listed twice"},
      {MNI_SLOT_SITES, "sites:\n  - name: Cheek Bone\n",
       "data/sites.yaml:2:11: sites[0].name = 'Cheek Bone': expected lowercase words"},
      {MNI_SLOT_SITES, "sites:\n  - name: _x\n", "expected lowercase words"},
      {MNI_SLOT_SITES, "sites:\n  - cheek\n", "data/sites.yaml:2:5: sites[0]: expected a mapping"},
      {MNI_SLOT_INDICATIONS, "indications: []\n",
       "data/indications.yaml: expected a non-empty sequence 'indications'"},
      {MNI_SLOT_SITES, "sites: [\n",
       "data/sites.yaml:2:1: the catalogue is not valid YAML (flow sequence without"},
      {MNI_SLOT_SITES, "", "data/sites.yaml: the catalogue is not valid YAML"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    mni_catalog *cat = NULL;
    assert_int_equal(
        mni_catalog_parse_text(ctx, bad[i].id, NULL, bad[i].text, strlen(bad[i].text), &cat),
        MN_E_CONFIG);
    assert_null(cat);
    expect_msg(ctx, bad[i].want);
  }

  mni_catalog *cat = NULL;
  const char *good = "devices:\n  - name: a\n  - {name: b_2}\n";
  assert_int_equal(mni_catalog_parse_text(ctx, MNI_SLOT_DEVICES, NULL, good, strlen(good), &cat),
                   MN_OK);
  assert_int_equal(cat->n, 2);
  assert_string_equal(cat->names[1], "b_2");
  mni_catalog_destroy(ctx, cat);
  mn_ctx_destroy(&ctx);
}

/* The field parsers: required, optional, and what their messages say. */
static void test_field_parsers(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const char *text = "m:\n  x: 1.5\n  n: 3\n  f: 2.5\n  yes: true\n  no: false\n  bad: maybe\n"
                     "  word: abc\n  empty: ''\n  list: [1, 2]\n";
  mni_catalog *cat = NULL; /* healing's format has no named list: any mapping parses */
  assert_int_equal(mni_catalog_parse_text(ctx, MNI_SLOT_HEALING, NULL, text, strlen(text), &cat),
                   MN_OK);
  struct fy_node *m = mni_yaml_child(cat->root, "m");
  const char *w = "data/healing.yaml";
  double d = 0.0;
  int k = 0;
  bool b = false;
  const char *s = NULL;
  assert_int_equal(mni_yaml_double(ctx, w, "m", m, "x", &d), MN_OK);
  assert_true(d == 1.5);
  assert_int_equal(mni_yaml_double(ctx, w, "m", m, "word", &d), MN_E_CONFIG);
  assert_string_equal(mn_ctx_errmsg(ctx),
                      "data/healing.yaml:8:9: m.word: expected a number, got 'abc'");
  assert_int_equal(mni_yaml_double(ctx, w, "m", m, "gone", &d), MN_E_CONFIG);
  assert_string_equal(mn_ctx_errmsg(ctx), "data/healing.yaml:2:3: m: missing key 'gone'");
  d = 7.0;
  assert_int_equal(mni_yaml_double_opt(ctx, w, "m", m, "gone", &d), MN_OK);
  assert_true(d == 7.0);
  assert_int_equal(mni_yaml_double_opt(ctx, w, "m", m, "list", &d), MN_E_CONFIG);
  expect_msg(ctx, "m.list: expected a number, got '(not a scalar)'");

  assert_int_equal(mni_yaml_int(ctx, w, "m", m, "n", &k), MN_OK);
  assert_int_equal(k, 3);
  assert_int_equal(mni_yaml_int(ctx, w, "m", m, "f", &k), MN_E_CONFIG);
  assert_string_equal(mn_ctx_errmsg(ctx),
                      "data/healing.yaml:4:6: m.f: expected an integer, got 2.5");

  assert_int_equal(mni_yaml_bool(ctx, w, "m", m, "yes", &b), MN_OK);
  assert_true(b);
  assert_int_equal(mni_yaml_bool(ctx, w, "m", m, "no", &b), MN_OK);
  assert_false(b);
  assert_int_equal(mni_yaml_bool(ctx, w, "m", m, "bad", &b), MN_E_CONFIG);
  assert_string_equal(mn_ctx_errmsg(ctx),
                      "data/healing.yaml:7:8: m.bad: expected true or false, got 'maybe'");
  b = true; /* an absent optional key leaves the value as it was */
  assert_int_equal(mni_yaml_bool_opt(ctx, w, "m", m, "gone", &b), MN_OK);
  assert_true(b);
  assert_int_equal(mni_yaml_bool_opt(ctx, w, "m", m, "bad", &b), MN_E_CONFIG);

  assert_int_equal(mni_yaml_string(ctx, w, "m", m, "word", &s), MN_OK);
  assert_string_equal(s, "abc");
  assert_int_equal(mni_yaml_string(ctx, w, "m", m, "list", &s), MN_E_CONFIG);
  expect_msg(ctx, "data/healing.yaml:10:10: m: missing or non-scalar key 'list'");
  assert_int_equal(mni_yaml_text(ctx, w, "m", m, "empty", &s), MN_E_CONFIG);
  assert_string_equal(mn_ctx_errmsg(ctx), "data/healing.yaml:9:11: m.empty: must not be empty");
  s = NULL;
  assert_int_equal(mni_yaml_string_opt(ctx, w, "m", m, "gone", &s), MN_OK);
  assert_null(s);

  struct fy_node *seq = NULL;
  assert_int_equal(mni_yaml_seq(ctx, w, m, "list", &seq), MN_OK);
  assert_int_equal(mni_yaml_seq(ctx, w, m, "word", &seq), MN_E_CONFIG);
  assert_string_equal(mn_ctx_errmsg(ctx), "data/healing.yaml:2:3: missing sequence 'word'");
  mni_catalog_destroy(ctx, cat);
  mn_ctx_destroy(&ctx);
}

/* A stage's schema: extra first, then one entry per item; a failing entry frees everything. */
typedef struct {
  const char *name;
  double size;
} thing;

static mn_status parse_extra(mn_ctx *ctx, const mni_catalog *cat, void *extra)
{
  return mni_yaml_double(ctx, cat->what, "rules", mni_yaml_child(cat->root, "rules"), "scale",
                         extra);
}

static mn_status parse_thing(mn_ctx *ctx, const mni_catalog *cat, size_t index, void *entry)
{
  thing *t = entry;
  double scale = *(const double *)cat->extra;
  t->name = cat->names[index];
  MN_TRY(mni_yaml_double(ctx, cat->what, t->name, cat->items[index], "size", &t->size));
  t->size *= scale;
  return MN_OK;
}

static void test_schema_fills_entries(void **state)
{
  (void)state;
  static const mni_catalog_schema schema = {.extra_size = sizeof(double),
                                            .parse_extra = parse_extra,
                                            .entry_size = sizeof(thing),
                                            .parse_entry = parse_thing};
  mn_test_alloc fa = {.allocs_left = 1000000};
  mn_ctx *ctx = NULL;
  assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
  const char *good =
      "rules: {scale: 2}\ncompounds:\n  - {name: a, size: 1}\n  - {name: b, size: 3}\n";
  mni_catalog *cat = NULL;
  assert_int_equal(
      mni_catalog_parse_text(ctx, MNI_SLOT_COMPOUNDS, &schema, good, strlen(good), &cat), MN_OK);
  const thing *b = mni_catalog_entry(cat, 1);
  assert_string_equal(b->name, "b");
  assert_true(b->size == 6.0);
  mni_catalog_destroy(ctx, cat);

  const char *bad =
      "rules: {scale: 2}\ncompounds:\n  - {name: a, size: 1}\n  - {name: b, size: x}\n";
  cat = NULL;
  assert_int_equal(mni_catalog_parse_text(ctx, MNI_SLOT_COMPOUNDS, &schema, bad, strlen(bad), &cat),
                   MN_E_CONFIG);
  assert_string_equal(mn_ctx_errmsg(ctx),
                      "data/compounds.yaml:4:21: b.size: expected a number, got 'x'");
  assert_null(cat);
  mn_ctx_destroy(&ctx);
  assert_int_equal(fa.live_bytes, 0);
}

/* data/compounds.yaml: every compound says how it ionises (a pKa exactly when it is an acid or a
 * base); the five compounds of barrier.md section 4's cross-check carry its densities; the
 * compounds of issue 13 are there with their salt forms. */
static void test_compound_ionisation_and_solids(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_compound *list = NULL;
  size_t n = 0;
  assert_int_equal(mn_compounds_list(ctx, &list, &n), MN_OK);
  for (size_t i = 0; i < n; i++) {
    const mn_compound *c = &list[i];
    assert_true(c->ion_type == MN_ION_NEUTRAL || c->ion_type == MN_ION_ACID ||
                c->ion_type == MN_ION_BASE);
    if (c->ion_type == MN_ION_NEUTRAL) {
      if (!isnan(c->pka)) fail_msg("%s: neutral with a pKa", c->name);
    } else if (!(c->pka > -2 && c->pka < 16)) {
      fail_msg("%s: %s without a pKa", c->name, mn_ion_type_name(c->ion_type));
    }
    assert_true(isnan(c->density_kg_per_m3) || c->density_kg_per_m3 > 500);
    assert_true((c->salt == NULL) == isnan(c->salt_molecular_weight_da));
  }
  struct {
    const char *name;
    double density_g_cm3;
  } solids[] = {{"caffeine", 1.23},
                {"hydrocortisone", 1.32},
                {"testosterone", 1.17},
                {"benzoic_acid", 1.27},
                {"niacinamide", 1.40}};
  const mn_compound *c = NULL;
  for (size_t i = 0; i < sizeof solids / sizeof solids[0]; i++) {
    assert_int_equal(mn_compound_find(ctx, solids[i].name, &c), MN_OK);
    MN_EXPECT_NEAR(c->density_kg_per_m3, solids[i].density_g_cm3 * 1000.0, 1e-12, 0);
  }
  struct {
    const char *name;
    mn_ion_type type;
    double pka;
    const char *salt; /* NULL: none */
    double mw_da, salt_mw_da;
  } added[] = {
      {"amantadine", MN_ION_BASE, 10.1, "hydrochloride", 151.25, 187.71},
      {"pramipexole", MN_ION_BASE, 9.6, "dihydrochloride monohydrate", 211.33, 302.26},
      {"naltrexone", MN_ION_BASE, 8.13, "hydrochloride", 341.41, 377.87},
      {"lidocaine", MN_ION_BASE, 7.86, NULL, 234.34, (double)NAN},
      {"methyl_aminolevulinate", MN_ION_BASE, 8.0, "hydrochloride", 145.16, 181.62},
      {"benzoic_acid", MN_ION_ACID, 4.20, NULL, 122.12, (double)NAN},
      {"tranexamic_acid", MN_ION_NEUTRAL, (double)NAN, NULL, 157.21, (double)NAN},
  };
  for (size_t i = 0; i < sizeof added / sizeof added[0]; i++) {
    assert_int_equal(mn_compound_find(ctx, added[i].name, &c), MN_OK);
    assert_int_equal(c->ion_type, added[i].type);
    assert_true(isnan(added[i].pka) ? isnan(c->pka) : c->pka == added[i].pka);
    if (added[i].salt == NULL) {
      assert_null(c->salt);
    } else {
      assert_non_null(c->salt);
      assert_string_equal(c->salt, added[i].salt);
      assert_true(c->salt_molecular_weight_da == added[i].salt_mw_da);
    }
    assert_true(c->molecular_weight_da == added[i].mw_da);
    assert_true(strlen(c->source) > 40);
  }
  mn_ctx_destroy(&ctx);
}

/* A malformed compound entry in the file's format: the message names file:line, the entry, the
 * key, the valid values and the bad one. */
static void test_compound_ionisation_errors(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const char *head = "compounds:\n  - name: x\n    molecular_weight_da: 100\n    log_kow: 1\n"
                     "    water_solubility_mg_ml: 1\n    source: s\n";
  struct {
    const char *rest, *want;
  } bad[] = {
      {"    ion_type: cation\n",
       "data/compounds.yaml:7:15: x.ion_type: expected neutral, acid or base, got 'cation'"},
      {"", "data/compounds.yaml:2:5: x: missing or non-scalar key 'ion_type'"},
      {"    ion_type: acid\n", "data/compounds.yaml:2:5: x: ion_type acid needs a pka"},
      {"    ion_type: base\n    pka: null\n", "x: ion_type base needs a pka"},
      {"    ion_type: neutral\n    pka: 4\n",
       "data/compounds.yaml:8:10: x.pka = 4 given for a neutral compound"},
      {"    ion_type: base\n    pka: 21\n", "data/compounds.yaml:8:10: x.pka = 21 is outside"},
      {"    ion_type: acid\n    pka: four\n",
       "data/compounds.yaml:8:10: x.pka: expected a number, got 'four'"},
      {"    ion_type: neutral\n    density_g_cm3: 1230\n", "x.density_g_cm3 = 1230 is outside"},
      {"    ion_type: base\n    pka: 9\n    salt: hydrochloride\n",
       "x: salt and salt_molecular_weight_da go together"},
      {"    ion_type: base\n    pka: 9\n    salt: hydrochloride\n"
       "    salt_molecular_weight_da: 90\n",
       "x.salt_molecular_weight_da = 90 Da must exceed the free form's 100 Da"},
  };
  char text[512];
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    snprintf(text, sizeof text, "%s%s", head, bad[i].rest);
    mni_catalog *cat = NULL;
    assert_int_equal(mni_catalog_parse_text(ctx, MNI_SLOT_COMPOUNDS, mni_compound_schema(), text,
                                            strlen(text), &cat),
                     MN_E_CONFIG);
    assert_null(cat);
    expect_msg(ctx, bad[i].want);
  }
  /* The good forms: a neutral one with pka null, a salt with its MW. */
  snprintf(text, sizeof text, "%s%s", head,
           "    ion_type: neutral\n    pka: ~\n    density_g_cm3: 1.3\n");
  mni_catalog *cat = NULL;
  assert_int_equal(mni_catalog_parse_text(ctx, MNI_SLOT_COMPOUNDS, mni_compound_schema(), text,
                                          strlen(text), &cat),
                   MN_OK);
  const mn_compound *x = mni_catalog_entry(cat, 0);
  assert_int_equal(x->ion_type, MN_ION_NEUTRAL);
  assert_true(isnan(x->pka) && x->density_kg_per_m3 == 1300.0 && x->salt == NULL);
  mni_catalog_destroy(ctx, cat);
  snprintf(text, sizeof text, "%s%s", head,
           "    ion_type: base\n    pka: 9.5\n    salt: hydrochloride\n"
           "    salt_molecular_weight_da: 136.5\n");
  cat = NULL;
  assert_int_equal(mni_catalog_parse_text(ctx, MNI_SLOT_COMPOUNDS, mni_compound_schema(), text,
                                          strlen(text), &cat),
                   MN_OK);
  x = mni_catalog_entry(cat, 0);
  assert_true(x->ion_type == MN_ION_BASE && x->pka == 9.5 && isnan(x->density_kg_per_m3));
  assert_string_equal(x->salt, "hydrochloride");
  assert_true(x->salt_molecular_weight_da == 136.5);
  mni_catalog_destroy(ctx, cat);
  mn_ctx_destroy(&ctx);
}

/* The k-th allocation fails: MN_E_NOMEM until it works, nothing leaks, the slot stays usable. */
static void test_out_of_memory(void **state)
{
  (void)state;
  for (int k = 1;; k++) {
    mn_test_alloc fa = {.allocs_left = k};
    mn_ctx *ctx = NULL;
    if (mn_ctx_create(mn_test_fail_alloc, &fa, &ctx) != MN_OK) continue;
    mni_heal_params p;
    mn_status st = mni_catalog_check_name(ctx, MNI_SLOT_DEVICES, "pen_9");
    if (st == MN_OK) st = mni_heal_params_load(ctx, &p);
    mn_ctx_destroy(&ctx);
    assert_int_equal(fa.live_bytes, 0);
    if (st == MN_OK) break;
    assert_int_equal(st, MN_E_NOMEM);
    assert_true(k < 100);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_find_lists_valid_names),
      cmocka_unit_test(test_join_cuts_with_dots),
      cmocka_unit_test(test_loaded_once),
      cmocka_unit_test(test_bad_lists_say_where),
      cmocka_unit_test(test_field_parsers),
      cmocka_unit_test(test_schema_fills_entries),
      cmocka_unit_test(test_out_of_memory),
      cmocka_unit_test(test_compound_ionisation_and_solids),
      cmocka_unit_test(test_compound_ionisation_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
