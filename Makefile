# Diglot: `make run` builds Content/ into Output/; `make test` runs the tests; `make bench` measures;
# `make fuzz` fuzzes every reader of content (FUZZ_SECONDS per kind); `make install [PREFIX=/usr/local]`
# installs diglot, its shell completions and its man page, `make uninstall` removes them.
SWIFT ?= swift
CORPUS ?= ../shared/corpora/partner-center-pr.es-es
DEBIAN_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev

CORPORA ?= ../shared/corpora
FUZZ_SECONDS ?= 60
FUZZ_KINDS ?= page yaml-page toc docfx publish-config redirection invitations qa-config template
# A run fails on a crash, on an input that takes over 10 s, or on 2 GB of memory. Leak detection is
# off: LeakSanitizer cannot see the pointers Swift stores in enum payloads, and reports them as leaks.
FUZZ_FLAGS = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1

.PHONY: run build test bench fuzz fuzz-build fuzz-long deps clean man completions install uninstall

# Where `make install` puts things (DESTDIR, for packagers, is put before each path).
PREFIX ?= /usr/local
BINDIR = $(DESTDIR)$(PREFIX)/bin
MAN1DIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
# Every file `make install` writes, and so every file `make uninstall` removes.
INSTALLED = $(BINDIR)/diglot $(MAN1DIR)/diglot.1 $(BASHDIR)/diglot $(ZSHDIR)/_diglot $(FISHDIR)/diglot.fish

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

# BENCH_RUNS (default 7) interleaved runs, BENCH_EDITS (default 5) one-page edits in each (in process,
# and as many with the CLI), BENCH_SCALE_RUNS (default 3) of the 20× corpus; Hugo's line is left out
# when `hugo` is not on PATH (README, Performance).
bench: deps
	$(SWIFT) build -c release --product diglot-bench
	$(SWIFT) build -c release --product diglot
	./.build/release/diglot-bench $(CORPUS) Templates bench/hugo

# libFuzzer (it ships with the Swift toolchain) over each reader of content, in its own build folder.
# `-Xswiftc -sanitize=fuzzer,address` instruments the Swift code (SwiftPM's --sanitize flags alone
# do not); FUZZING leaves out the target's replay `main`, so that libFuzzer's runs. New inputs go to
# .build-fuzz/corpus/KIND, crashes to .build-fuzz/crashes/KIND-…; replay one with
# `DIGLOT_FUZZ_KIND=KIND .build-fuzz/debug/diglot-fuzz FILE`.
# One kind's run ($$kind), and its closing line.
FUZZ_RUN = ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no DIGLOT_FUZZ_KIND=$$kind \
	.build-fuzz/debug/diglot-fuzz $(FUZZ_FLAGS) -artifact_prefix=.build-fuzz/crashes/$$kind- \
	.build-fuzz/corpus/$$kind .build-fuzz/seeds/$$kind > .build-fuzz/$$kind.log 2>&1
FUZZ_FAILED = { tail -60 .build-fuzz/$$kind.log; echo "fuzz: $$kind failed; the input is in .build-fuzz/crashes/"; exit 1; }
FUZZ_DONE = echo "fuzz: $$kind: $$(grep -E '^\#[0-9]+[[:space:]]+DONE' .build-fuzz/$$kind.log | tail -1)"

fuzz-build: deps
	$(SWIFT) build --product diglot-fuzz --scratch-path .build-fuzz --sanitize fuzzer --sanitize address \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	Tests/fuzz/seeds.sh .build-fuzz/seeds $(CORPORA)
	@mkdir -p .build-fuzz/crashes $(addprefix .build-fuzz/corpus/,$(FUZZ_KINDS))

fuzz: fuzz-build
	@for kind in $(FUZZ_KINDS); do $(FUZZ_RUN) || $(FUZZ_FAILED); $(FUZZ_DONE); done

# `make fuzz-long FUZZ_SECONDS=3600`: the two groups of kinds (markdown: page and yaml-page;
# config: the six YAML and JSON configs), side by side, one core each, FUZZ_SECONDS each.
fuzz-long: FUZZ_KINDS = markdown config
fuzz-long: fuzz-build
	@for kind in $(FUZZ_KINDS); do ( $(FUZZ_RUN); echo $$? > .build-fuzz/$$kind.status ) & done; wait
	@for kind in $(FUZZ_KINDS); do $(FUZZ_DONE); test "$$(cat .build-fuzz/$$kind.status)" = 0 || $(FUZZ_FAILED); done

# The man page, from swift-argument-parser's generate-manual plugin (it builds the package's products
# in release mode and reads diglot's --experimental-dump-help); it needs no network.
MANPAGE = .build/plugins/GenerateManual/outputs/diglot/diglot.1
man: build
	$(SWIFT) package plugin generate-manual
	@test -s $(MANPAGE)

# The shell completions, from swift-argument-parser (--generate-completion-script).
completions: build
	@mkdir -p .build/completions
	./.build/release/diglot --generate-completion-script bash > .build/completions/diglot
	./.build/release/diglot --generate-completion-script zsh > .build/completions/_diglot
	./.build/release/diglot --generate-completion-script fish > .build/completions/diglot.fish

# The binary holds its templates (README, "Templates"): nothing else is installed beside it.
install: build man completions
	install -d $(BINDIR) $(MAN1DIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 .build/release/diglot $(BINDIR)/diglot
	install -m 644 $(MANPAGE) $(MAN1DIR)/diglot.1
	install -m 644 .build/completions/diglot $(BASHDIR)/diglot
	install -m 644 .build/completions/_diglot $(ZSHDIR)/_diglot
	install -m 644 .build/completions/diglot.fish $(FISHDIR)/diglot.fish
	@echo "Installed $(BINDIR)/diglot ($$($(BINDIR)/diglot --version)), its man page and completions for bash, zsh and fish."

uninstall:
	rm -f $(INSTALLED)

clean:
	rm -rf .build Output
