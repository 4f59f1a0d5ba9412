# Two commands matter: `make report` (the reproduction) and `make test` (the test suite).
# Both install their own system dependencies first (see `deps`).

SWIFT   ?= swift
PROFILE ?= default
APT_PACKAGES := pkg-config libcairo2-dev libpango1.0-dev fonts-noto-core poppler-utils pandoc chromium
RELEASE_BIN := .build/release

.PHONY: deps test bench clean build report status regression-diff publish-baseline readme

# Installs missing Debian packages when run as root; otherwise prints the exact command and stops.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "deps: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "deps: missing system packages. Run:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "deps: the Swift 6 toolchain ('swift') is not on PATH; install it from swift.org"; exit 1; }

build: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Records the run in docs/bench.txt (a header line: date, commit, cores, CPU), which `make readme`
# quotes; commit it when the engine changed. A failed run leaves the previous record.
BENCH_RECORD := docs/bench.txt
bench: deps
	$(SWIFT) build -c release --product bench
	bash -o pipefail -c '{ echo "# $$(date -u +%Y-%m-%d), commit $$(git rev-parse --short HEAD 2>/dev/null || echo unknown), $$(nproc) cores, $$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed "s/^ //")"; \
	  $(RELEASE_BIN)/bench; } | tee $(BENCH_RECORD).partial' \
	  && mv $(BENCH_RECORD).partial $(BENCH_RECORD) || { rm -f $(BENCH_RECORD).partial; exit 1; }

# Rewrites the generated regions of README.md and docs/*.md from the committed baselines
# (report/published/<profile>/) and the bench record; ReadmeTests fails when they differ.
readme: $(RELEASE_BIN)/repro
	$(RELEASE_BIN)/repro readme

# The release binary is rebuilt only when a source changed, so a no-op `make report` stays fast.
SOURCES := Package.swift $(shell find Sources -type f 2>/dev/null)
$(RELEASE_BIN)/repro: $(SOURCES)
	$(SWIFT) build -c release --product repro
	@touch $@

# The reproduction: runs every out-of-date experiment of report/manifest.toml for $(PROFILE),
# then writes figures/$(PROFILE)/ and report/build/$(PROFILE)/. Interrupt and re-run at will.
# Ends by comparing the build with the profile's committed baseline, report/published/$(PROFILE)/,
# when there is one: what moved, and exit 1 when a verdict got worse (a value that moved never
# fails it; the measured costs, cost.*, move with the machine). A report whose expectation failed (exit 1) is
# still compared; an interrupted or refused run is not.
PUBLISHED = report/published/$(PROFILE)
report: deps $(RELEASE_BIN)/repro
	@status=0; $(RELEASE_BIN)/repro report --profile $(PROFILE) || status=$$?; \
	if [ $$status -le 1 ] && [ -f "$(PUBLISHED)/expectations.json" ]; then \
	  echo "== what moved against the published baseline $(PUBLISHED)/"; \
	  $(RELEASE_BIN)/repro diff "$(PUBLISHED)" report/build/$(PROFILE) || { d=$$?; [ $$status -ne 0 ] || status=$$d; }; \
	elif [ $$status -le 1 ]; then echo "report: no published baseline in $(PUBLISHED)/ to compare with (make publish-baseline PROFILE=$(PROFILE) writes one)"; fi; \
	exit $$status

# Makes this profile's last report build its published baseline (values, verdicts, and a
# provenance.json with commit, date, machine and task times). Commit report/published/$(PROFILE)/
# with a message saying why it moved.
publish-baseline: $(RELEASE_BIN)/repro
	$(RELEASE_BIN)/repro publish-baseline --profile $(PROFILE)

# CI's regression check: the build against the committed baseline (never against an earlier
# build, which would re-baseline itself): a verdict that got worse fails until a new baseline is
# committed. Markdown, for the run's log. Fails when the profile has no committed baseline.
regression-diff: $(RELEASE_BIN)/repro
	@if [ ! -f "$(PUBLISHED)/expectations.json" ]; then \
	  echo "regression-diff: no committed baseline in $(PUBLISHED)/; run make report then make publish-baseline PROFILE=$(PROFILE), and commit it"; exit 1; fi
	$(RELEASE_BIN)/repro diff "$(PUBLISHED)" report/build/$(PROFILE) --format markdown

status: $(RELEASE_BIN)/repro
	$(RELEASE_BIN)/repro status --profile $(PROFILE)

clean:
	rm -rf .build
