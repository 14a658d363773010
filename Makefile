# The two commands a new user types: `make run` and `make test` (see README.md).

CARGO ?= $(shell command -v cargo 2>/dev/null || echo $(HOME)/.cargo/bin/cargo)

.PHONY: run test deps ui build bench bindings

deps:
	scripts/install-deps.sh

ui:
	npm --prefix ui run build

build: deps ui
	$(CARGO) build --workspace

## Sets up, builds, and opens the app: on the user's library, or, until there is one, on a
## demo library the app makes from assets/demo at first launch.
run: build
	target/debug/mediadesk-app

## Sets up, builds, and runs every test.
test: deps ui
	$(CARGO) fmt --all --check
	npm --prefix ui run check
	npm --prefix ui test
	$(CARGO) test --workspace
	$(CARGO) build --workspace
	tests/e2e/run.sh

## Regenerates ui/src/lib/bindings.ts from the app's commands and the core's types.
bindings:
	MEDIADESK_WRITE_BINDINGS=1 $(CARGO) test -p mediadesk-app --test bindings

bench: build
	scripts/bench.sh
