# make install (cmake --install): the command, the shared and static library, the public headers,
# mnsim.pc, the CMake package (find_package(mnsim): mnsim::mnsim, the shared library, and
# mnsim::mnsim_static), the man page and the bash completion. The pkg-config file and the package
# find the prefix from where they are installed, so DESTDIR and `cmake --install --prefix` work.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(MN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/mnsim)

install(TARGETS mnsim mnsim_static EXPORT mnsimTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS mnsim_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/mnsim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")

# The CMake package: the exported targets, the dependencies of the static library, a version.
install(EXPORT mnsimTargets NAMESPACE mnsim:: DESTINATION ${MN_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/mnsimConfig.cmake.in
  ${CMAKE_BINARY_DIR}/mnsimConfig.cmake INSTALL_DESTINATION ${MN_CMAKE_DIR})
# 0.x: a new minor version may change the API (mn_api_version tells which one a binary loaded).
write_basic_package_version_file(${CMAKE_BINARY_DIR}/mnsimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/mnsimConfig.cmake ${CMAKE_BINARY_DIR}/mnsimConfigVersion.cmake
  DESTINATION ${MN_CMAKE_DIR})
install(FILES ${CMAKE_SOURCE_DIR}/cmake/FindSundialsLibs.cmake DESTINATION ${MN_CMAKE_DIR}
  RENAME mnsimSundials.cmake)

# pkg-config: the prefix relative to the .pc file's own folder.
file(RELATIVE_PATH MN_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" MN_PC_TO_PREFIX "${MN_PC_TO_PREFIX}")
set(MN_PC_SUNDIALS "")
foreach(lib ${SUNDIALS_LIB_NAMES})
  string(APPEND MN_PC_SUNDIALS " -l${lib}")
endforeach()
if(SUNDIALS_NEEDS_MPI) # SUNDIALS 7 built with MPI (FindSundialsLibs.cmake): its library by path
  foreach(lib ${MPI_C_LIBRARIES})
    string(APPEND MN_PC_SUNDIALS " ${lib}")
  endforeach()
endif()
string(STRIP "${MN_PC_SUNDIALS}" MN_PC_SUNDIALS)
# Debian's plain "hdf5" module may be an MPI flavour: name the serial one mnsim is built with.
pkg_check_modules(MN_PC_HDF5_SERIAL QUIET hdf5-serial)
if(MN_PC_HDF5_SERIAL_FOUND AND NOT HDF5_IS_PARALLEL)
  set(MN_PC_HDF5 hdf5-serial)
else()
  set(MN_PC_HDF5 hdf5)
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/mnsim.pc.in ${CMAKE_BINARY_DIR}/mnsim.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/mnsim.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The man page and the bash completion (cli/).
configure_file(${CMAKE_SOURCE_DIR}/cli/mnsim.1 ${CMAKE_BINARY_DIR}/mnsim.1 @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/mnsim.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/cli/mnsim.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME mnsim)

# The Python package (python/mnsim) where Debian's python3 looks under the prefix
# (PREFIX/lib/python3.X/dist-packages, on sys.path for /usr/local), with the installed library's
# path recorded, so `import mnsim` finds the library of this install.
set(MN_PY_VERSION 3)
if(EXISTS /usr/bin/python3)
  execute_process(COMMAND /usr/bin/python3 -c "import sys; print('%d.%d' % sys.version_info[:2])"
                  OUTPUT_VARIABLE MN_PY_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
set(MN_PY_DIR lib/python${MN_PY_VERSION}/dist-packages)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/python/mnsim
  DESTINATION ${MN_PY_DIR}
  PATTERN "__pycache__" EXCLUDE PATTERN "_install_path.py" EXCLUDE)
install(CODE "
  set(dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${MN_PY_DIR}/mnsim\")
  file(WRITE \"\${dir}/_install_path.py\"
       \"LIBRARY = '\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/libmnsim.so.0'\\n\")
  message(STATUS \"Installing: \${dir}/_install_path.py\")")
