# The toolchain is pinned in go.mod; let the go command fetch it.
export GOTOOLCHAIN := auto

GO ?= go

.PHONY: build test test-short bench fuzz vet

build:
	$(GO) build -o bin/ticketgate ./cmd/ticketgate

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
