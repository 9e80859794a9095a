# Entry points for people and CI. `make serve` and `make test` install what a fresh Debian machine lacks.
SWIFT ?= swift
# zbar-tools reads QR codes back and openssl (the command) makes foreign keys, in the tests.
APT_PACKAGES := libsqlite3-dev libssl-dev zlib1g-dev libqrencode-dev zbar-tools openssl
REF_VENV := .venv-ref
# The PostgreSQL backend's tests run against a throwaway cluster of Debian's server (scripts/with-postgres.sh).
POSTGRES_PACKAGES := postgresql
# The verifier page's browser tests: Debian's Chromium and its driver, fonts with Arabic, Selenium from PyPI.
BROWSER_PACKAGES := chromium chromium-driver fonts-noto-core
BROWSER_VENV := .venv-browser
# Schemathesis from PyPI, run against a real server by scripts/schemathesis/run.py.
SCHEMATHESIS_VENV := .venv-schemathesis
# The healthctl the browser tests and schemathesis run: the tests' build (`swift build --build-tests` builds it).
HEALTHCTL ?= $$($(SWIFT) build --show-bin-path)/healthctl

.PHONY: deps build serve test ref-tools browser-deps browser-test postgres-deps schemathesis-deps schemathesis schemathesis-run\
	fuzz-smoke

# Installs those of the Debian packages $(1) that are missing; a failed install stops make.
apt_install = missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## Installs the Debian packages the build and the tests need, if any is missing.
deps:
	@$(call apt_install,$(APT_PACKAGES))

## The independent Python reference checkers that some tests cross-check against, and third-party SMART Health
## Cards and FHIR R4 (4.0.1) packages from PyPI.
ref-tools:
	@[ -x $(REF_VENV)/bin/python ] || python3 -m venv $(REF_VENV)
	@$(REF_VENV)/bin/python -c 'import cbor2, base45, cryptography, jsonschema, shc.utils, fhir.resources' 2>/dev/null || \
		$(REF_VENV)/bin/pip install -q cbor2 base45 cryptography jsonschema shc==0.0.4 fhir.resources==6.1.0 'pydantic<2'

## Chromium, chromedriver and Selenium for the verifier page tests; stops with an error if any cannot be had.
browser-deps:
	@$(call apt_install,$(BROWSER_PACKAGES))
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ echo "error: the verifier tests need chromium and chromedriver (Debian: chromium chromium-driver)" >&2; exit 1; }
	@[ -x $(BROWSER_VENV)/bin/python ] || python3 -m venv $(BROWSER_VENV)
	@$(BROWSER_VENV)/bin/python -c 'import selenium, pytest, base45, cryptography' 2>/dev/null || \
		$(BROWSER_VENV)/bin/pip install -q selenium pytest base45 cryptography

## Schemathesis, in a venv of its own; pinned, since its command line and its generation change between versions.
schemathesis-deps:
	@[ -x $(SCHEMATHESIS_VENV)/bin/python ] || python3 -m venv $(SCHEMATHESIS_VENV)
	@[ -x $(SCHEMATHESIS_VENV)/bin/schemathesis ] || $(SCHEMATHESIS_VENV)/bin/pip install -q schemathesis==4.32.5

## Every operation of the served OpenAPI document under schemathesis, as an admin and as a citizen (a few minutes).
## Uses the tests' build (`--build-tests` also builds healthctl): a `--product` build has other flags and would
## compile every module again after `make test` built them.
schemathesis: schemathesis-deps
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory schemathesis-run

## Schemathesis against the healthctl already built.
schemathesis-run: schemathesis-deps
	$(SCHEMATHESIS_VENV)/bin/python scripts/schemathesis/run.py $(HEALTHCTL) $(SCHEMATHESIS_VENV)/bin/schemathesis

## PostgreSQL's server for the tests; stops with an error if it cannot be had.
postgres-deps:
	@$(call apt_install,$(POSTGRES_PACKAGES))
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		{ echo "error: the PostgreSQL tests need Debian's postgresql (initdb, pg_ctl)" >&2; exit 1; }

build: deps
	$(SWIFT) build

## Runs the server with its embedded defaults: SQLite under ./data, listening on 127.0.0.1:8080.
serve: deps
	$(SWIFT) run healthctl serve

## Builds, runs `swift test`, then the browser tests, schemathesis and the fuzz smoke side by side: the first two
## spend most of their time waiting on Chromium and on a server, which the fuzz build's compiling fills. Nothing
## of the main package is built once they start (a build of it beside the fuzz build compiled some modules again).
## Each one's output is printed whole when it ends; any failure fails `make test` once all three are done.
test: deps ref-tools browser-deps postgres-deps schemathesis-deps
	$(SWIFT) build --build-tests
	REFERENCE_PYTHON=$(CURDIR)/$(REF_VENV)/bin/python scripts/with-postgres.sh $(SWIFT) test --skip-build
	$(MAKE) --no-print-directory --jobs=3 --output-sync=target HEALTHCTL="$$($(SWIFT) build --show-bin-path)/healthctl" \
		browser-test schemathesis-run fuzz-smoke

## The verifier page and dashboard in Chromium, against the healthctl already built.
browser-test: browser-deps
	HEALTHCTL=$(HEALTHCTL) PYTHONDONTWRITEBYTECODE=1 \
		$(BROWSER_VENV)/bin/python -m pytest -q -s -p no:cacheprovider Tests/Browser

## Builds the libFuzzer harnesses (Fuzz/, into .build-fuzz, unoptimised) and runs each for a few seconds from its
## seeds.
fuzz-smoke:
	scripts/fuzz.sh smoke 5
