# Branch Ledger (支部台账): build, run, test and package.
#
#   make run     build and open the default ledger
#   make test    everything CI runs (format, vet, staticcheck, tests, smoke)
#   make dist    Windows .exe and Linux tarball in dist/
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
TEST_PKGS := $(BUILD_PKGS) xvfb xauth imagemagick fonts-noto-cjk

export CGO_ENABLED := 1

.PHONY: deps build run test fmt-check vet staticcheck smoke bench soak dist clean

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

# Real window under Xvfb; writes docs/screenshots/main.png.
smoke:
	bash .ci/smoke

# Long: every benchmark in data/.
bench:
	go test -run '^$$' -bench . -benchmem ./data/...

# Long: kills a writer 200 times and checks the ledger each time.
soak:
	go test -run TestCrashSafety -count=1 ./data/ -args -kills=200

dist:
	bash .ci/dist

clean:
	rm -rf bin dist
	rm -f rsrc_windows_*.syso
