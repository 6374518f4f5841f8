GO ?= go
TEMPORAL_VERSION := v1.5.1
BIN := $(CURDIR)/bin
TEMPORAL := $(BIN)/temporal

.PHONY: run test vet unit bench clean

# run: dev server + Web UI + sandbox + worker; a full sync, then an incremental one.
run: $(TEMPORAL)
	./scripts/run.sh

# test: vet, then every test with the race detector, including the end-to-end
# tests that start the dev server from ./bin/temporal.
test: $(TEMPORAL) vet
	CRMSYNC_TEMPORAL=$(TEMPORAL) $(GO) test -race -count=1 -timeout 30m ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1)
	$(GO) vet ./...

# bench: every scenario of the performance targets through the real dev
# server, the sandbox and worker processes, at SIZE times the full sizes
# (SIZE=0.02: about two minutes). -p 1: the packages' benchmarks must not
# share the two cores with each other.
SIZE ?= 1
bench: $(TEMPORAL)
	CRMSYNC_TEMPORAL=$(TEMPORAL) CRMSYNC_BENCH_SIZE=$(SIZE) $(GO) test -p 1 -run '^$$' -bench . -benchtime 1x -timeout 120m ./e2e/ ./sandbox/...

# The temporal CLI (dev server + UI), built from source once and cached in ./bin.
$(TEMPORAL):
	mkdir -p $(BIN)
	GOBIN=$(BIN) GOFLAGS= $(GO) install github.com/temporalio/cli/cmd/temporal@$(TEMPORAL_VERSION)

clean:
	rm -rf $(BIN) .crmsync

# chaos: a full sync of 20,000 contacts through faults, rate-limit storms,
# worker SIGKILLs and a dev server restart, then a check of the end state
# through the APIs. About two minutes on two cores; not part of make test.
# CHAOS_FLAGS="-seed 2 -kills 20 ..." varies it (go run ./chaos -h).
.PHONY: chaos
chaos: $(TEMPORAL)
	$(GO) run ./chaos $(CHAOS_FLAGS)
