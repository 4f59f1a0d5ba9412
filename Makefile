# Two commands matter: `make report` (the reproduction) and `make test` (the test suite).
# Both install their own system dependencies first (see `deps`).

SWIFT   ?= swift
PROFILE ?= default
APT_PACKAGES := pkg-config libcairo2-dev libpango1.0-dev fonts-noto-core poppler-utils pandoc chromium
RELEASE_BIN := .build/release

.PHONY: deps test bench clean build report status regression-diff

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

bench: deps
	$(SWIFT) build -c release --product bench
	$(RELEASE_BIN)/bench

# The release binary is rebuilt only when a source changed, so a no-op `make report` stays fast.
SOURCES := Package.swift $(shell find Sources -type f 2>/dev/null)
$(RELEASE_BIN)/repro: $(SOURCES)
	$(SWIFT) build -c release --product repro
	@touch $@

# The reproduction: runs every out-of-date experiment of report/manifest.toml for $(PROFILE),
# then writes figures/$(PROFILE)/ and report/build/$(PROFILE)/. Interrupt and re-run at will.
report: deps $(RELEASE_BIN)/repro
	$(RELEASE_BIN)/repro report --profile $(PROFILE)

# What moved since the last published build: compares report/build/$(PROFILE) with the copy kept
# in $(BASELINE) (values beyond tolerance, flipped verdicts; fails when a verdict got worse), then
# keeps this build there for the next comparison. Without a kept build it only keeps this one.
BASELINE ?= previous-build
regression-diff: $(RELEASE_BIN)/repro
	@status=0; \
	if [ -f "$(BASELINE)/expectations.json" ]; then \
	  $(RELEASE_BIN)/repro diff "$(BASELINE)" report/build/$(PROFILE) --format markdown || status=$$?; \
	else echo "regression-diff: no earlier build in $(BASELINE); keeping this one for next time"; fi; \
	rm -rf "$(BASELINE)" && cp -R report/build/$(PROFILE) "$(BASELINE)"; \
	exit $$status

status: $(RELEASE_BIN)/repro
	$(RELEASE_BIN)/repro status --profile $(PROFILE)

clean:
	rm -rf .build
