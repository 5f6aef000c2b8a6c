/* The atomic files' helpers (src/core/atomic_file.c): which hidden names are mnsim's temporaries
 * (a dead run's are removed by the next run, so a person's hidden file must never match), and a
 * staging folder's path shown as the file's final name in messages. */
#include <string.h>

#include "mn_test.h"

#include "core/atomic_file_int.h"

static void test_temp_owner(void **state)
{
  (void)state;
  assert_int_equal(mni_afile_temp_owner(".mnsim.stage.123-0"), 123);
  assert_int_equal(mni_afile_temp_owner(".profiles.svg.tmp.77.3.123456"), 77);
  assert_int_equal(mni_afile_temp_owner(".mnsim.probe.tmp.4242.0.99"), 4242);
  const char *not_ours[] = {".mnsim.lock",  ".mnsim.stage.123-", ".mnsim.stage.12x-1",
                            ".a.tmp.77.3",  ".notes.tmp.5.x",    "a.tmp.5.1.2",
                            ".x.tmp.0.1.2", ".x.tmp.-5.1.2",     ".bashrc"};
  for (size_t i = 0; i < sizeof not_ours / sizeof not_ours[0]; i++)
    if (mni_afile_temp_owner(not_ours[i]) != 0) fail_msg("%s taken for a temporary", not_ours[i]);
}

static void test_shown(void **state)
{
  (void)state;
  char buf[256];
  assert_string_equal(mni_afile_shown("out/.mnsim.stage.12-0/dose.png", buf, sizeof buf),
                      "out/dose.png");
  assert_string_equal(mni_afile_shown("/a/b/summary.json", buf, sizeof buf), "/a/b/summary.json");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_temp_owner),
      cmocka_unit_test(test_shown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
