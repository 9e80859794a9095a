# Entry points for people and CI. `make serve` and `make test` install what a fresh Debian machine lacks.
SWIFT ?= swift
APT_PACKAGES := libsqlite3-dev libssl-dev zlib1g-dev libqrencode-dev zbar-tools
REF_VENV := .venv-ref

.PHONY: deps build serve test ref-tools fuzz-smoke

## Installs the Debian packages the build and the tests need, if any is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## The independent Python reference checkers that some tests cross-check against.
ref-tools:
	@[ -x $(REF_VENV)/bin/python ] || python3 -m venv $(REF_VENV)
	@$(REF_VENV)/bin/python -c 'import cbor2, base45, cryptography, jsonschema' 2>/dev/null || \
		$(REF_VENV)/bin/pip install -q cbor2 base45 cryptography jsonschema

build: deps
	$(SWIFT) build

## Runs the server with its embedded defaults: SQLite under ./data, listening on 127.0.0.1:8080.
serve: deps
	$(SWIFT) run healthctl serve

test: deps ref-tools
	$(SWIFT) build --build-tests
	REFERENCE_PYTHON=$(CURDIR)/$(REF_VENV)/bin/python $(SWIFT) test --skip-build
	$(MAKE) fuzz-smoke

## Builds the libFuzzer harnesses (Fuzz/, into .build-fuzz) and runs each for a few seconds from its seeds.
fuzz-smoke:
	scripts/fuzz.sh smoke 5
