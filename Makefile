# The README's two commands. Everything else is CMake + CTest.
#   make demo   installs what is missing, builds, runs the default scenario, says where the report is
#   make test   installs what is missing, builds, runs every test; then again under ASan + UBSan
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
BUILD   ?= build
SANBUILD ?= build-sanitize
DEMO_OUT ?= out/demo
PREFIX  ?= /usr/local

.PHONY: all deps deps-test deps-fuzz build install demo test test-release test-sanitize bench fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

deps-test:
	@bash scripts/install-deps.sh --test

deps-fuzz:
	@bash scripts/install-deps.sh --fuzz

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DMN_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# make install [PREFIX=/usr/local] [DESTDIR=staging]: the command, libmnsim.so and libmnsim.a, the
# headers, mnsim.pc, the CMake package, the man page and the bash completion (cmake/Install.cmake).
install: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DMN_WERROR=ON -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD)

demo: build
	@$(BUILD)/cli/mnsim run -o $(DEMO_OUT)
	@echo "mnsim: report written to $(DEMO_OUT)/report.html"

test: test-release test-sanitize

test-release: build deps-test
	@cmake -S . -B $(BUILD) >/dev/null  # find what deps-test added (pytest)
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-sanitize: deps deps-test
	@cmake -S . -B $(SANBUILD) -DCMAKE_BUILD_TYPE=Debug -DMN_SANITIZE=ON -DMN_WERROR=ON >/dev/null
	@cmake --build $(SANBUILD) -j $(JOBS)
	@cd $(SANBUILD) && ctest --output-on-failure -j $(JOBS) -LE slow

bench: build
	@bash scripts/install-deps.sh --bench
	@for b in $(BUILD)/bench/bench_*; do echo "== $$b"; $$b || exit 1; done

# make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="scenario plan cli run catalog"]: each libFuzzer target in
# turn, for FUZZ_SECONDS each, inputs up to the scenario size limit (1 MiB). New inputs go to
# build-fuzz/corpus/<target>; tests/fuzz/corpus is only read. A finding stops it (crash-* file).
# Absolute paths: the command-line target works in a temporary directory of its own.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= scenario plan cli run catalog
fuzz: deps deps-fuzz
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DMN_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build build-fuzz -j $(JOBS) $(addprefix --target fuzz_,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  seeds=$(CURDIR)/tests/fuzz/corpus/$$t; [ $$t = scenario ] && seeds=$(CURDIR)/tests/fuzz/corpus; \
	  mkdir -p build-fuzz/corpus/$$t && echo "== fuzz_$$t, $(FUZZ_SECONDS) s" && \
	  build-fuzz/tests/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=1048576 -close_fd_mask=2 \
	    -artifact_prefix=$(CURDIR)/build-fuzz/$$t- $(CURDIR)/build-fuzz/corpus/$$t $$seeds || exit 1; \
	done

clean:
	rm -rf $(BUILD) $(SANBUILD) build-fuzz
