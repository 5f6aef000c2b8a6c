# Tests that take more than ~20 s: skipped under the sanitizers (make test-sanitize -LE slow).
foreach(t test_absorb_3d)
  if(TEST ${t})
    set_tests_properties(${t} PROPERTIES LABELS "unit;slow")
  endif()
endforeach()
