GO ?= go
TEMPORAL_VERSION := v1.5.1
BIN := $(CURDIR)/bin
TEMPORAL := $(BIN)/temporal

.PHONY: test vet
test: $(TEMPORAL) vet
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

$(TEMPORAL):
	mkdir -p $(BIN)
	GOBIN=$(BIN) $(GO) install github.com/temporalio/cli/cmd/temporal@$(TEMPORAL_VERSION)
