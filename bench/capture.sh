#!/usr/bin/env bash
# capture.sh: live capture, gocapdump against tcpdump and packetcap/go-pcap,
# through ../shared/bench/capbench.sh (private network namespaces joined by
# a veth pair, a generator flooding it; see RESULTS-anchors.md there).
#
# Every configuration (frame size 64 and 1500 bytes, no filter and
# 'udp dst port 9' with 1 frame in 10 matching, output to /dev/null and
# to a file on tmpfs) runs once per round for each tool, the tools and
# configurations interleaved so that a change of load on the machine hits
# all alike. All tools run with their default options:
#   gocapdump -i IF -w OUT [expr]
#   tcpdump   -i IF -w OUT [expr]        (libpcap's default 2 MiB ring)
#   gopcapcap -i IF -w OUT [expr]        (bench/cmd/gopcapcap: go-pcap's ring, pcapgo writer)
# The table gives medians over the rounds: loss %, capture CPU per
# captured packet (the capture process's user+sys time while the sender
# runs, per packet; the kernel's work for the tap is paid on the sender's
# CPU and shows as a lower sender rate), peak RSS, and the CPU ratio to
# tcpdump (below 1: cheaper than tcpdump).
#
# Environment: BIN (gocapdump, default ./gocapdump), GO, SHARED
# (../shared), BENCH_ROUNDS (3), BENCH_FRAMES (frames per run, 1000000),
# BENCH_SIZES ("64 1500"), BENCH_SINKS ("null file"), BENCH_TOOLS
# ("gocapdump tcpdump go-pcap"), BENCH_OUT (bench/.cache/capture-runs.tsv).
# Needs root; the runs need both processors (sender on CPU 0, capture on
# CPU 1) and an otherwise quiet machine.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-./gocapdump}
GO=${GO:-go}
SHARED=${SHARED:-../shared}
ROUNDS=${BENCH_ROUNDS:-3}
FRAMES=${BENCH_FRAMES:-1000000}
SIZES=${BENCH_SIZES:-64 1500}
SINKS=${BENCH_SINKS:-null file}
TOOLS=${BENCH_TOOLS:-gocapdump tcpdump go-pcap}
OUT=${BENCH_OUT:-bench/.cache/capture-runs.tsv}
FILTER='udp dst port 9'

die() { echo "bench-capture: $*" >&2; exit 1; }

capbench=$SHARED/bench/capbench.sh
[ -x "$capbench" ] || { echo "bench-capture: SKIPPED: $capbench not found (../shared beside the repository)"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "bench-capture: SKIPPED: needs root (network namespaces, AF_PACKET)"; exit 0; }
command -v tcpdump >/dev/null || die "tcpdump not installed (make deps)"
[ -x "$BIN" ] || die "$BIN not built (make build)"
mkdir -p "$(dirname "$OUT")"
peer=$(dirname "$OUT")/gopcapcap
CGO_ENABLED=0 $GO build -o "$peer" ./bench/cmd/gopcapcap
bin=$(realpath "$BIN")
peer=$(realpath "$peer")

command_for() {
	case $1 in
	gocapdump) echo "$bin -i {IF} -w {OUT} {FILTER}" ;;
	tcpdump) echo "tcpdump -i {IF} -w {OUT} {FILTER}" ;;
	go-pcap) echo "$peer -i {IF} -w {OUT} {FILTER}" ;;
	*) die "unknown tool $1" ;;
	esac
}

rm -f "$OUT"
set -f # the commands hold {FILTER}: no globbing
for ((r = 1; r <= ROUNDS; r++)); do
	for size in $SIZES; do
		for filter in all filt; do
			fexpr=""
			[ "$filter" = filt ] && fexpr=$FILTER
			for sink in $SINKS; do
				for tool in $TOOLS; do
					echo "=== round $r/$ROUNDS: $tool, $size B, filter ${fexpr:-none}, to $sink" >&2
					# shellcheck disable=SC2046
					"$capbench" -r 1 -n "$FRAMES" -s "$size" -m 1/10 -f "$fexpr" -l "$tool>$sink" \
						-o "$OUT" -O "$sink" -I 30 -X 25 -- $(command_for "$tool") 2>&1 |
						grep -E '^run' >&2 || true
				done
			done
		done
	done
done
set +f

# One row per configuration and tool: medians over the rounds.
awk -F'\t' '
function med(s,   n, a, i, j, t) { n = split(s, a, " "); if (!n) return ""
	for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j+1] = a[j]; a[j+1] = t }
	return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
NR == 1 { for (i = 1; i <= NF; i++) C[$i] = i; next }
{
	split($C["label"], t, ">")
	key = $C["size"] SUBSEP $C["filter"] SUBSEP t[2]
	if (!(key in seen)) { seen[key] = 1; order[++nk] = key }
	tools[key] = tools[key] (index(tools[key], " " t[1] " ") ? "" : " " t[1] " ")
	n[key, t[1]]++
	loss[key, t[1]] = loss[key, t[1]] " " $C["loss_pct"]
	us[key, t[1]] = us[key, t[1]] " " $C["cap_us_per_pkt"]
	rss[key, t[1]] = rss[key, t[1]] " " $C["cap_maxrss_kb"]
	pps[key, t[1]] = pps[key, t[1]] " " $C["cap_pps"]
}
END {
	print "| frame | filter | output | tool | runs | captured pps | loss % | CPU us/packet | vs tcpdump | peak RSS MiB |"
	print "|---|---|---|---|---|---|---|---|---|---|"
	for (i = 1; i <= nk; i++) {
		key = order[i]; split(key, p, SUBSEP)
		base = med(us[key, "tcpdump"])
		m = split("gocapdump tcpdump go-pcap", names, " ")
		for (j = 1; j <= m; j++) {
			tool = names[j]
			if (!n[key, tool]) continue
			u = med(us[key, tool])
			ratio = (base > 0 && u != "") ? sprintf("%.2fx", u / base) : "-"
			printf "| %s | %s | %s | %s | %d | %.0f | %.2f | %.3f | %s | %.0f |\n", p[1], p[2], p[3], tool, n[key, tool],
				med(pps[key, tool]), med(loss[key, tool]), u, ratio, med(rss[key, tool]) / 1024
		}
	}
}' "$OUT"
echo
echo "raw runs: $OUT"
