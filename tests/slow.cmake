# Tests that take more than ~20 s: skipped under the sanitizers (make test-sanitize -LE slow).
# In the Release run they all run; under ASan+UBSan (5-10x slower) the unit tests of the same
# code paths stay, and these whole-programme sweeps are left to the Release run.
# cli_test_plan and cli_test_safety (about 110 s each under the sanitizers) run whole plans and
# runs; test_plan and test_safety keep the same rules under the sanitizers.
foreach(t test_absorb_3d test_laser_mtz test_laser_run cli_test_compare test_validate cli_test_validate
          cli_test_plan_emit cli_test_examples cli_test_signals cli_test_long_run cli_test_plan
          cli_test_safety)
  if(TEST ${t})
    set_tests_properties(${t} PROPERTIES LABELS "unit;slow")
  endif()
endforeach()
