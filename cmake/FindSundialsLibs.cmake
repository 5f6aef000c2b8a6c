# Debian's SUNDIALS ships no pkg-config file: find the pieces mnsim uses.
find_path(SUNDIALS_INCLUDE_DIR cvode/cvode.h REQUIRED)
set(SUNDIALS_LIBS)
foreach(lib sundials_cvode sundials_nvecserial sundials_sunmatrixband sundials_sunlinsolband
            sundials_sunmatrixdense sundials_sunlinsoldense)
  find_library(SUNDIALS_${lib} ${lib} REQUIRED)
  list(APPEND SUNDIALS_LIBS ${SUNDIALS_${lib}})
endforeach()
add_library(mn_sundials INTERFACE)
target_include_directories(mn_sundials INTERFACE ${SUNDIALS_INCLUDE_DIR})
target_link_libraries(mn_sundials INTERFACE ${SUNDIALS_LIBS})
