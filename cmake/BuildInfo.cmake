# Writes OUT, the header of `mnsim --version`: MN_GIT_REVISION (the commit of the source tree SRC,
# "-dirty" when it has changes; "unknown" outside git) and MN_BUILT_WITH (BUILT_WITH, the library
# versions found at configure time). Rewritten only when the text changes, so an unchanged tree
# rebuilds nothing. Run at every build: cmake -DSRC=... -DOUT=... -DBUILT_WITH=... -P BuildInfo.cmake
set(rev unknown)
find_package(Git QUIET)
if(GIT_FOUND)
  # The tree must be the top of a git work tree itself, not a folder inside someone else's.
  execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SRC} rev-parse --show-toplevel
                  OUTPUT_VARIABLE top RESULT_VARIABLE rc ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(rc EQUAL 0)
    get_filename_component(top "${top}" REALPATH)
    get_filename_component(src "${SRC}" REALPATH)
  endif()
  if(rc EQUAL 0 AND top STREQUAL src)
    execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SRC} rev-parse --short=12 HEAD
                    OUTPUT_VARIABLE hash RESULT_VARIABLE rc ERROR_QUIET
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(rc EQUAL 0 AND hash MATCHES "^[0-9a-f]+$")
      set(rev ${hash})
      execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SRC} diff --quiet HEAD --
                      RESULT_VARIABLE dirty ERROR_QUIET)
      if(dirty EQUAL 1)
        set(rev "${rev}-dirty")
      endif()
    endif()
  endif()
endif()
set(text "/* Written by cmake/BuildInfo.cmake at build time. */\n#define MN_GIT_REVISION \"${rev}\"\n#define MN_BUILT_WITH \"${BUILT_WITH}\"\n")
set(old "")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT old STREQUAL text)
  file(WRITE ${OUT} "${text}")
endif()
