# Diglot: `make run` builds Content/ into Output/; `make test` runs the tests; `make bench` measures.
SWIFT ?= swift
CORPUS ?= ../shared/corpora/partner-center-pr.es-es
DEBIAN_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev

.PHONY: run build test bench deps clean

# Installs the two Debian packages when they are missing (needs root or sudo).
deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null || ! test -f /usr/include/cmark-gfm-core-extensions.h; then \
		echo "Installing $(DEBIAN_PACKAGES)"; \
		SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(DEBIAN_PACKAGES); \
	fi

build: deps
	$(SWIFT) build -c release --product diglot

run: build
	@./.build/release/diglot build --content Content --output Output --templates Templates --qa-report

test: deps
	$(SWIFT) test --disable-swift-testing

bench: deps
	$(SWIFT) build -c release --product diglot-bench
	./.build/release/diglot-bench $(CORPUS) Templates

clean:
	rm -rf .build Output
