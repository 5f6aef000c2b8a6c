# Debian's SUNDIALS ships no pkg-config file: find the pieces mnsim uses, as the imported target
# mnsim::sundials. Installed with the CMake package (mnsimConfig.cmake includes it), so the static
# library's users find SUNDIALS the same way; SUNDIALS_VERSION from its sundials_config.h.
if(NOT TARGET mnsim::sundials)
  find_path(SUNDIALS_INCLUDE_DIR cvode/cvode.h REQUIRED)
  set(SUNDIALS_LIBS)
  foreach(lib sundials_cvode sundials_nvecserial sundials_sunmatrixband sundials_sunlinsolband
              sundials_sunmatrixdense sundials_sunlinsoldense)
    find_library(SUNDIALS_${lib} ${lib} REQUIRED)
    list(APPEND SUNDIALS_LIBS ${SUNDIALS_${lib}})
  endforeach()
  add_library(mnsim::sundials INTERFACE IMPORTED GLOBAL)
  set_target_properties(mnsim::sundials PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${SUNDIALS_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${SUNDIALS_LIBS}")
  set(SUNDIALS_VERSION unknown)
  if(EXISTS ${SUNDIALS_INCLUDE_DIR}/sundials/sundials_config.h)
    file(STRINGS ${SUNDIALS_INCLUDE_DIR}/sundials/sundials_config.h _mn_sundials_version
         REGEX "^#define SUNDIALS_VERSION \"")
    string(REGEX REPLACE ".*\"(.*)\".*" "\\1" SUNDIALS_VERSION "${_mn_sundials_version}")
  endif()
endif()
