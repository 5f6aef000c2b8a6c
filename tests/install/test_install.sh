#!/usr/bin/env bash
# make install, tried as a user would: install the build into a staging folder of the build tree
# (DESTDIR, prefix /usr/local: the pkg-config file and the CMake package must find their prefix
# from where they lie), check every installed part, then build examples/c against the INSTALLED
# library with `pkg-config --cflags --libs mnsim` and with CMake's find_package(mnsim), shared and
# static, and run each. Cleans up after itself; exit 77 (skipped) when pkg-config is missing.
# Usage: test_install.sh BUILD_DIR SOURCE_DIR CMAKE C_COMPILER
set -u
BUILD=${1:?usage: test_install.sh BUILD_DIR SOURCE_DIR CMAKE C_COMPILER}
SRC=${2:?}
CMAKE=${3:?}
CC=${4:?}
. "$SRC/tests/cli/check.sh"
if ! command -v pkg-config >/dev/null; then
  echo "SKIP: pkg-config is not installed"
  exit 77
fi
T="$BUILD/install-test"
rm -rf "$T"
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
P="$T/stage/usr/local"

DESTDIR="$T/stage" "$CMAKE" --install "$BUILD" --prefix /usr/local >"$T/install.log" 2>&1
check "cmake --install exits 0" test $? -eq 0
PC=$(find "$P" -name mnsim.pc)
LIBDIR=$(dirname "$(dirname "$PC")")
for f in bin/mnsim include/mnsim/mnsim.h include/mnsim/run.h share/man/man1/mnsim.1 \
  share/bash-completion/completions/mnsim; do
  check "installed $f" test -f "$P/$f"
done
for f in libmnsim.so libmnsim.a pkgconfig/mnsim.pc cmake/mnsim/mnsimConfig.cmake \
  cmake/mnsim/mnsimConfigVersion.cmake cmake/mnsim/mnsimTargets.cmake; do
  check "installed lib/.../$f" test -e "$LIBDIR/$f"
done
check "installed mnsim runs" test -n "$("$P/bin/mnsim" --version)"
check "no absolute build path in mnsim.pc" test -z "$(grep -F "$BUILD" "$PC")"
check "no staging path in the CMake package" test -z "$(grep -rF "$T" "$LIBDIR/cmake/mnsim")"

# runs the example binary $1 and checks its report
run_example() {
  local name=$1 exe=$2
  LD_LIBRARY_PATH="$LIBDIR" "$exe" simulation.model=1d device.needle_length_mm=1.0 \
    >"$T/$name.out" 2>"$T/$name.err"
  check "$name: runs" test $? -eq 0
  check "$name: names the run" grep -q '^mnsim [0-9.]* (API [0-9]*): cheek, 1 mm roller, caffeine serum$' \
    "$T/$name.out"
  check "$name: enhancement ratio" grep -Eq '^absorption\.enhancement_ratio +[0-9.e+]+$' "$T/$name.out"
  LD_LIBRARY_PATH="$LIBDIR" "$exe" device.needle_length_mm=9 >/dev/null 2>"$T/$name.bad"
  check "$name: a bad value exits 2" test $? -eq 2
  check "$name: and says why" grep -q 'device.needle_length_mm' "$T/$name.bad"
}

# pkg-config: the shared library, then the static one with Requires.private / Libs.private
export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
check "pkg-config knows mnsim" pkg-config --exists mnsim
check "pkg-config version" test "$(pkg-config --modversion mnsim)" = "$("$P/bin/mnsim" --version | sed -n '1s/^mnsim //p')"
"$CC" "$SRC/examples/c/summary.c" $(pkg-config --cflags --libs mnsim) -o "$T/pc_shared" 2>"$T/pc_shared.log"
check "pkg-config: builds against the shared library" test $? -eq 0
run_example pc_shared "$T/pc_shared"
static_libs=$(pkg-config --static --libs mnsim | sed 's/ -lmnsim / -Wl,-Bstatic -lmnsim -Wl,-Bdynamic /')
"$CC" "$SRC/examples/c/summary.c" $(pkg-config --cflags mnsim) $static_libs -o "$T/pc_static" \
  2>"$T/pc_static.log"
check "pkg-config --static: builds against the static library" test $? -eq 0
check "pkg-config --static: no libmnsim.so needed" test -z "$(ldd "$T/pc_static" 2>/dev/null | grep libmnsim)"
run_example pc_static "$T/pc_static"

# CMake: find_package(mnsim), mnsim::mnsim and mnsim::mnsim_static
for kind in shared static; do
  flag=OFF
  [ $kind = static ] && flag=ON
  "$CMAKE" -S "$SRC/examples/c" -B "$T/cmake_$kind" -DCMAKE_PREFIX_PATH="$P" \
    -DCMAKE_C_COMPILER="$CC" -DMNSIM_STATIC=$flag >"$T/cmake_$kind.log" 2>&1 &&
    "$CMAKE" --build "$T/cmake_$kind" >>"$T/cmake_$kind.log" 2>&1
  ok=$?
  check "find_package(mnsim): builds ($kind)" test $ok -eq 0
  [ $ok -eq 0 ] || cat "$T/cmake_$kind.log"
  run_example cmake_$kind "$T/cmake_$kind/summary"
done
check "find_package(mnsim): static links no libmnsim.so" \
  test -z "$(ldd "$T/cmake_static/summary" 2>/dev/null | grep libmnsim)"

# the installed man page renders
if command -v man >/dev/null; then
  MANWIDTH=80 man -l "$P/share/man/man1/mnsim.1" >"$T/man.txt" 2>"$T/man.err"
  check "man -l renders the installed page" grep -q 'mnsim run' "$T/man.txt"
else
  echo "note: man is not installed; the page's rendering is not checked"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
