#!/usr/bin/env bash
# offline.sh: gocapdump against tcpdump on the same big savefile.
#
# Two cases, each tool run ROUNDS times, the tools interleaved (and their
# order swapped every round, so a load change hits both alike):
#   write:  -r big.pcap -w out.pcap 'tcp port 80 or udp'
#   print:  -n -r big.pcap > /dev/null        (TZ=UTC for both)
# The table gives the median of the rounds: wall time, packets per second
# by wall time and by CPU time (user+sys, which other load on the machine
# disturbs less), and peak RSS from /usr/bin/time -v. "ratio" is
# gocapdump's packets/s over tcpdump's: above 1 means gocapdump is faster.
#
# The savefile comes from bench/cmd/mkpcap and is cached in BENCH_CACHE
# under a name that includes a hash of the generator's source, so a change
# to the generator makes a new file.
#
# Environment: BIN (gocapdump binary, default ./gocapdump), GO (go),
# BENCH_PACKETS (1000000), BENCH_ROUNDS (3), BENCH_CACHE (bench/.cache),
# BENCH_SEED (1), BENCH_CHECK (1: after timing, compare the two tools'
# outputs once, untimed), TCPDUMP (tcpdump).
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-./gocapdump}
GO=${GO:-go}
TCPDUMP=${TCPDUMP:-tcpdump}
PACKETS=${BENCH_PACKETS:-1000000}
ROUNDS=${BENCH_ROUNDS:-3}
CACHE=${BENCH_CACHE:-bench/.cache}
SEED=${BENCH_SEED:-1}
CHECK=${BENCH_CHECK:-1}
FILTER='tcp port 80 or udp'

die() { echo "bench-offline: $*" >&2; exit 1; }

tcpdump_path=$(command -v "$TCPDUMP" || true)
if [ -z "$tcpdump_path" ]; then
	echo "bench-offline: SKIPPED: $TCPDUMP not installed (make deps installs it as root)"
	exit 0
fi
[ -x "$BIN" ] || die "$BIN not built (make build)"

# GNU time gives peak RSS; install it only when missing and we are root.
TIME=/usr/bin/time
if [ ! -x "$TIME" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "bench-offline: installing GNU time for peak RSS" >&2
	apt-get install -y -qq time >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; } || true
fi
[ -x "$TIME" ] || { echo "bench-offline: note: $TIME missing, peak RSS not measured" >&2; TIME=; }

# The savefile, generated once per generator version.
mkdir -p "$CACHE"
genhash=$(cat bench/internal/synth/*.go bench/cmd/mkpcap/*.go | sha256sum | cut -c1-12)
BIG="$CACHE/big-$PACKETS-s$SEED-$genhash.pcap"
if [ ! -s "$BIG" ]; then
	rm -f "$CACHE"/big-*.pcap
	echo "bench-offline: generating $BIG ($PACKETS packets)" >&2
	"$GO" run ./bench/cmd/mkpcap -n "$PACKETS" -seed "$SEED" -o "$BIG"
fi
size_mb=$(( $(stat -c %s "$BIG") / 1000000 ))
cat "$BIG" >/dev/null # both tools read it from the page cache

RUNS="$CACHE/offline-runs.tsv"
printf 'round\tcase\ttool\twall_s\tuser_s\tsys_s\tmaxrss_kb\n' >"$RUNS"
tvfile=$(mktemp)
errfile=$(mktemp)
trap 'rm -f "$tvfile" "$errfile"' EXIT

# run ROUND CASE TOOL CMD...: time one command, append a line to RUNS.
run() {
	local round=$1 case=$2 tool=$3
	shift 3
	local t0 t1 status=0
	t0=$(date +%s%N)
	if [ -n "$TIME" ]; then
		TZ=UTC "$TIME" -v -o "$tvfile" "$@" >/dev/null 2>"$errfile" || status=$?
	else
		TZ=UTC "$@" >/dev/null 2>"$errfile" || status=$?
	fi
	t1=$(date +%s%N)
	if [ "$status" != 0 ]; then
		cat "$errfile" >&2
		die "$tool ($case) failed with status $status: $*"
	fi
	local user=0 sys=0 rss=0
	if [ -n "$TIME" ]; then
		user=$(awk -F': ' '/User time \(seconds\)/ {print $2}' "$tvfile")
		sys=$(awk -F': ' '/System time \(seconds\)/ {print $2}' "$tvfile")
		rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tvfile")
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$case" "$tool" \
		"$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b-a)/1e9}')" "$user" "$sys" "$rss" >>"$RUNS"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
	tools="gocapdump tcpdump"
	[ $((round % 2)) = 0 ] && tools="tcpdump gocapdump"
	for c in write print; do
		for tool in $tools; do
			echo "bench-offline: round $round/$ROUNDS $c $tool" >&2
			bin=$BIN
			[ "$tool" = tcpdump ] && bin=$tcpdump_path
			if [ "$c" = write ]; then
				# Untimed: no old output to truncate, no dirty pages of
				# the previous run still being written back.
				rm -f "$CACHE/out-$tool.pcap"
				sync
				run "$round" "$c" "$tool" "$bin" -r "$BIG" -w "$CACHE/out-$tool.pcap" "$FILTER"
			else
				run "$round" "$c" "$tool" "$bin" -n -r "$BIG"
			fi
		done
	done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# Untimed check that both tools did the same work.
check_write="not checked" check_print="not checked"
if [ "$CHECK" = 1 ]; then
	if cmp -s "$CACHE/out-gocapdump.pcap" "$CACHE/out-tcpdump.pcap"; then
		check_write="out.pcap files identical"
	else
		check_write="out.pcap files DIFFER ($(stat -c %s "$CACHE/out-gocapdump.pcap") vs $(stat -c %s "$CACHE/out-tcpdump.pcap") bytes)"
	fi
	rm -f "$CACHE"/out-*.pcap # 250 MB each, no longer needed
	TZ=UTC "$BIN" -n -r "$BIG" 2>/dev/null >"$CACHE/print-gocapdump.txt" || true
	TZ=UTC "$tcpdump_path" -n -r "$BIG" 2>/dev/null >"$CACHE/print-tcpdump.txt" || true
	total=$(wc -l <"$CACHE/print-tcpdump.txt")
	differ=$(diff "$CACHE/print-tcpdump.txt" "$CACHE/print-gocapdump.txt" | grep -c '^<' || true)
	if [ "$differ" = 0 ]; then
		check_print="text identical ($total lines)"
	else
		check_print="$differ of $total lines differ (diff $CACHE/print-tcpdump.txt $CACHE/print-gocapdump.txt)"
	fi
fi

tcpdump_version=$("$tcpdump_path" --version 2>&1 | head -1)
echo
echo "== gocapdump vs $tcpdump_version: savefile benchmarks =="
echo "file: $BIG ($PACKETS packets, $size_mb MB, page-cached); median of $ROUNDS interleaved rounds"
echo "machine: $(nproc) CPUs, load average $load_start at start, $load_end at end"
awk -F'\t' -v n="$PACKETS" -v cw="$check_write" -v cp="$check_print" -v filter="$FILTER" '
function median(list,   a, k, i, j, t) {
	k = split(list, a, " ")
	for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	return k % 2 ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
}
NR > 1 {
	key = $2 SUBSEP $3
	wall[key] = wall[key] " " $4
	cpu[key] = cpu[key] " " ($5 + $6)
	ppsw[key] = ppsw[key] " " (n / $4)
	ppsc[key] = ppsc[key] " " (($5 + $6) > 0 ? n / ($5 + $6) : 0)
	rss[key] = rss[key] " " $7
}
END {
	title["write"] = "-r big.pcap -w out.pcap '\''" filter "'\''"
	title["print"] = "-n -r big.pcap >/dev/null"
	goal["write"] = 2; goal["print"] = 1
	check["write"] = cw; check["print"] = cp
	split("write print", cases, " ")
	for (ci = 1; ci <= 2; ci++) {
		c = cases[ci]
		printf "\n%s   (goal: gocapdump >= %dx tcpdump)\n", title[c], goal[c]
		printf "  %-10s %9s %14s %8s %14s %10s\n", "tool", "wall s", "pkts/s (wall)", "cpu s", "pkts/s (cpu)", "peak RSS"
		for (ti = 1; ti <= 2; ti++) {
			t = ti == 1 ? "gocapdump" : "tcpdump"
			k = c SUBSEP t
			w[t] = median(ppsw[k]); u[t] = median(ppsc[k])
			printf "  %-10s %9.2f %14.0f %8.2f %14.0f %7.1f MiB\n", t, median(wall[k]), w[t], median(cpu[k]), u[t], median(rss[k]) / 1024
		}
		rw = w["tcpdump"] > 0 ? w["gocapdump"] / w["tcpdump"] : 0
		rc = u["tcpdump"] > 0 ? u["gocapdump"] / u["tcpdump"] : 0
		printf "  %-10s %9s %13.2fx %8s %13.2fx   %s\n", "ratio", "", rw, "", rc, (rw >= goal[c] ? "goal met" : "goal NOT met")
		printf "  check: %s\n", check[c]
	}
}' "$RUNS"
echo
echo "raw runs: $RUNS"
