# Debian's SUNDIALS ships no pkg-config file: find the pieces mnsim uses, as the imported target
# mnsim::sundials. Installed with the CMake package (mnsimConfig.cmake includes it), so the static
# library's users find SUNDIALS the same way; SUNDIALS_VERSION from its sundials_config.h.
# SUNDIALS_LIB_NAMES: the libraries' names, for mnsim.pc.
# SUNDIALS 7 (Debian 13) moved the context and error functions into sundials_core, and Debian
# builds it with MPI: sundials_types.h then includes mpi.h and SUN_COMM_NULL is MPI_COMM_NULL, so
# whatever includes a SUNDIALS header needs MPI's headers and library. SUNDIALS 6 (Debian 12)
# needs neither; both are decided from the installed headers, not from a version number.
if(NOT TARGET mnsim::sundials)
  find_path(SUNDIALS_INCLUDE_DIR cvode/cvode.h REQUIRED)
  set(SUNDIALS_LIB_NAMES sundials_cvode sundials_nvecserial sundials_sunmatrixband
      sundials_sunlinsolband sundials_sunmatrixdense sundials_sunlinsoldense)
  if(EXISTS ${SUNDIALS_INCLUDE_DIR}/sundials/sundials_core.h)
    list(APPEND SUNDIALS_LIB_NAMES sundials_core)
  endif()
  set(SUNDIALS_LIBS)
  foreach(lib ${SUNDIALS_LIB_NAMES})
    find_library(SUNDIALS_${lib} ${lib} REQUIRED)
    list(APPEND SUNDIALS_LIBS ${SUNDIALS_${lib}})
  endforeach()
  set(SUNDIALS_VERSION unknown)
  set(SUNDIALS_NEEDS_MPI OFF)
  if(EXISTS ${SUNDIALS_INCLUDE_DIR}/sundials/sundials_config.h)
    file(STRINGS ${SUNDIALS_INCLUDE_DIR}/sundials/sundials_config.h _mn_sundials_version
         REGEX "^#define SUNDIALS_VERSION \"")
    string(REGEX REPLACE ".*\"(.*)\".*" "\\1" SUNDIALS_VERSION "${_mn_sundials_version}")
    file(STRINGS ${SUNDIALS_INCLUDE_DIR}/sundials/sundials_config.h _mn_sundials_mpi
         REGEX "^#define SUNDIALS_MPI_ENABLED 1")
    file(STRINGS ${SUNDIALS_INCLUDE_DIR}/sundials/sundials_types.h _mn_sundials_mpi_h
         REGEX "^#include <mpi.h>")
    if(_mn_sundials_mpi AND _mn_sundials_mpi_h) # SUNDIALS 6 is MPI-enabled too, but its types are not
      set(SUNDIALS_NEEDS_MPI ON)
      find_package(MPI REQUIRED COMPONENTS C)
      list(APPEND SUNDIALS_LIBS MPI::MPI_C)
    endif()
  endif()
  add_library(mnsim::sundials INTERFACE IMPORTED GLOBAL)
  set_target_properties(mnsim::sundials PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${SUNDIALS_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${SUNDIALS_LIBS}")
endif()
