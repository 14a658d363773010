# The two commands a new user types: `make run` and `make test` (see README.md).

DEMO_LIBRARY ?= $(HOME)/.local/share/mediadesk-demo
CARGO ?= $(shell command -v cargo 2>/dev/null || echo $(HOME)/.cargo/bin/cargo)

.PHONY: run test deps ui build bench

deps:
	scripts/install-deps.sh

ui:
	npm --prefix ui run build

build: deps ui
	$(CARGO) build --workspace

## Sets up, builds, and opens the app on the demo library (made from assets/demo; unchanged
## files are skipped on later runs).
run: build
	target/debug/mediadesk --library "$(DEMO_LIBRARY)" ingest --classification public assets/demo
	MEDIADESK_LIBRARY="$(DEMO_LIBRARY)" target/debug/mediadesk-app

## Sets up, builds, and runs every test.
test: deps ui
	$(CARGO) fmt --all --check
	npm --prefix ui run check
	$(CARGO) test --workspace
	$(CARGO) build --workspace
	tests/e2e/run.sh

bench: build
	scripts/bench.sh
