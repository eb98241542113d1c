# Branch Ledger (支部台账): build, run, test and package.
#
#   make run     build and open the default ledger
#   make test    everything CI runs (format, vet, staticcheck, tests, smoke)
#   make dist    Windows .exe (window and console) and Linux tarball in dist/
#   make wincheck  (not in CI) dist/*.exe under Wine and Xvfb, when Wine is installed
#
# `deps`, `run`, `test` and `dist` install missing Debian/Ubuntu packages
# through .ci/deps (one dpkg check; apt-get only when something is missing).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

BIN := bin/branchledger
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# Fyne needs cgo and the OpenGL/X11 headers.
BUILD_PKGS := gcc libc6-dev pkg-config libgl1-mesa-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
RUN_PKGS := $(BUILD_PKGS) fonts-noto-cjk
TEST_PKGS := $(BUILD_PKGS) xvfb xauth imagemagick fonts-noto-cjk mingw-w64

# Cross-compiling for Windows (Fyne needs cgo, so mingw's gcc).
WIN_ENV := CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc

export CGO_ENABLED := 1

.PHONY: deps build run test fmt-check vet staticcheck wincross smoke bench soak dist wincheck clean

deps:
	bash .ci/deps $(BUILD_PKGS)

build:
	go build -o $(BIN) .

run:
	bash .ci/deps $(RUN_PKGS)
	go build -o $(BIN) .
	./$(BIN)

test:
	bash .ci/deps $(TEST_PKGS)
	$(MAKE) --no-print-directory fmt-check
	$(MAKE) --no-print-directory vet
	$(MAKE) --no-print-directory staticcheck
	$(MAKE) --no-print-directory wincross
	go test -race -timeout 20m ./...
	$(MAKE) --no-print-directory smoke

fmt-check:
	@files="$$(gofmt -l .)"; \
	files="$$(grep -v '^vendor/' <<<"$$files" || true)"; \
	if [ -n "$$files" ]; then \
		echo "gofmt: these files need 'gofmt -w':"; echo "$$files"; exit 1; \
	fi; \
	echo "gofmt: ok"

vet:
	go vet ./...

staticcheck:
	go run $(STATICCHECK) ./...

# Every package, tests included, must build for Windows: go vet and a test
# binary per package (written to a temp dir and thrown away).
wincross:
	$(WIN_ENV) go vet ./...
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(WIN_ENV) go test -c -o "$$tmp/" ./...
	@echo "wincross: ok"

# Real window under Xvfb; writes docs/screenshots/main.png.
smoke:
	bash .ci/smoke

# Long: every benchmark in data/.
bench:
	go test -run '^$$' -bench . -benchmem ./data/...

# Long: kills a writer 200 times and checks the ledger each time; flips
# one byte at 300 positions of the example and of the large ledger and
# runs every verb on each copy (no crash, no hang, no silently different
# numbers).
soak:
	go test -run TestCrashSafety -count=1 ./data/ -args -kills=200
	BRANCHLEDGER_SOAK=300 go test -run 'TestFlip' -count=1 -timeout 60m ./data/ ./app/cli/

dist:
	bash .ci/dist

# Not in CI: the Windows build under Wine (Chinese locale) and Xvfb - the
# command-line verbs, exit codes, and the window staying up for 30 seconds.
# Says so and stops when Wine is not installed.
wincheck: dist
	bash .ci/wincheck

clean:
	rm -rf bin dist
	rm -f rsrc_windows_*.syso
