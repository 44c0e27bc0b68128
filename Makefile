# gocapdump build and test entry points. `make test` is what CI runs.

GO        ?= go
BIN       ?= ./gocapdump
FUZZTIME  ?= 1m
SHARED    ?= ../shared
CORE_DLTS := EN10MB,RAW,IPV4,IPV6,LINUX_SLL,LINUX_SLL2,NULL,LOOP

.PHONY: all build test deps vet bench fuzz corpus clean

all: build

build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/gocapdump

# Tools the capture and comparison tests drive. Installed from Debian's
# packages when missing and we are root; otherwise those tests skip.
deps:
	@if ! command -v tcpdump >/dev/null || ! command -v ip >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq tcpdump iproute2 >/dev/null; \
		else \
			echo "note: tcpdump/iproute2 missing and not root: tests that need them will skip"; \
		fi; \
	fi

vet:
	$(GO) vet ./...

test: deps vet build
	$(GO) test -count=1 ./...

bench: build bench-compile
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Each fuzz target for FUZZTIME (go test runs one -fuzz target at a time).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
			echo "== $$pkg $$target"; \
			$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# Score the filtertest interface against libpcap's corpus (needs ../shared;
# its name cases expect ../shared/corpus/libpcap/etc/* in /etc's files).
corpus: build
	python3 $(SHARED)/tools/corpusrun.py --bin '$(BIN) filtertest' \
		--corpus $(SHARED)/corpus/libpcap --savefiles $(SHARED)/corpus/libpcap/savefiles \
		--kind accept,apply,reject --dlts $(CORE_DLTS) -j 2

clean:
	rm -f $(BIN)

# ---- Offline benchmarks: gocapdump against tcpdump on one big savefile ----
# bench/offline.sh generates the savefile once (cached in BENCH_CACHE),
# runs both tools BENCH_ROUNDS times interleaved and prints a table of
# packets/s and ratios. The extra "bench:" line below adds it to `make bench`.
BENCH_PACKETS ?= 1000000
BENCH_ROUNDS  ?= 3
BENCH_CACHE   ?= bench/.cache

.PHONY: bench-offline
bench-offline: deps build
	BIN=$(BIN) GO=$(GO) BENCH_PACKETS=$(BENCH_PACKETS) BENCH_ROUNDS=$(BENCH_ROUNDS) \
		BENCH_CACHE=$(BENCH_CACHE) bench/offline.sh

bench: bench-offline

# ---- Compile benchmarks: gocapdump's filter compiler against libpcap's ----
# compiler/libpcapbench calls pcap_compile through cgo, so it needs
# libpcap's headers (Debian's libpcap-dev, installed here when missing and
# we are root) and sits behind the libpcapbench build tag: the binary and
# `go test ./...` stay CGO-free. It prints per-expression times over the
# corpus's EN10MB expressions and each big filter's time and peak memory;
# libpcap's big-filter compiles stop after LIBPCAP_TIMEOUT.
LIBPCAP_TIMEOUT ?= 60s

.PHONY: bench-compile
bench-compile:
	@if [ ! -d $(SHARED)/corpus ]; then \
		echo "note: $(SHARED)/corpus missing: bench-compile skipped"; exit 0; \
	fi; \
	if [ ! -e /usr/include/pcap/pcap.h ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq libpcap-dev >/dev/null; \
		else \
			echo "note: libpcap-dev missing and not root: bench-compile skipped"; exit 0; \
		fi; \
	fi; \
	CGO_ENABLED=1 $(GO) run -tags libpcapbench ./compiler/libpcapbench/cmd/compilebench \
		-shared $(SHARED) -libpcap-timeout $(LIBPCAP_TIMEOUT)

# ---- Capture benchmark: gocapdump against tcpdump and go-pcap, live ----
# bench/capture.sh drives ../shared/bench/capbench.sh (root; private
# network namespaces and a veth pair it makes and removes) for every
# frame size, filter and output, tools interleaved, and prints loss,
# CPU per packet and peak RSS with the ratio to tcpdump.
.PHONY: bench-capture
bench-capture: deps build
	BIN=$(BIN) GO=$(GO) SHARED=$(SHARED) BENCH_ROUNDS=$(BENCH_ROUNDS) bench/capture.sh

bench: bench-capture
