# The toolchain is pinned in go.mod; let the go command fetch it.
export GOTOOLCHAIN := auto

GO ?= go

.PHONY: build dist test test-short bench fuzz vet

# The version stamped into the binary ('ticketgate version').
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
BIN ?= bin
LDFLAGS := -s -w -X main.version=$(VERSION)

## build: a static binary (pure Go, no cgo: it runs on any Linux of its
## architecture); the race detector, which needs cgo, stays in 'make test'.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/ticketgate ./cmd/ticketgate

## dist: release binaries for every supported platform in dist/, with
## their SHA-256 sums.
DIST_PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
dist:
	rm -rf dist && mkdir -p dist
	for p in $(DIST_PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' \
			-o dist/ticketgate-$(VERSION)-$$os-$$arch$$ext ./cmd/ticketgate || exit 1; \
	done
	cd dist && sha256sum ticketgate-* > SHA256SUMS

## test: every test, with the race detector (what CI runs).
test: vet
	$(GO) test -race -count=1 ./...

test-short:
	$(GO) test -short ./...

vet:
	$(GO) vet ./...

## bench: the benchmarks whose figures docs/benchmarks.md records.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## fuzz: a few minutes of fuzzing per target; new crashers land in
## the package's testdata/fuzz and must be committed with their fix.
FUZZTIME ?= 2m
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzStripReply$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzFromRecovery$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzParseReaderAt$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzRawScan$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzRefFinder$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzOOOSubject$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzRFC5322Date$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzHTMLToText$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzEnhancedStatus$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzSimpleAddresses$$' -fuzztime $(FUZZTIME) ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzParseCommands$$' -fuzztime $(FUZZTIME) ./gateway
	# Each input is a whole ingest into a fresh database: slow enough that
	# the default minute of minimising per new input would stall it.
	$(GO) test -run '^$$' -fuzz '^FuzzIngest$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 10x ./gateway
