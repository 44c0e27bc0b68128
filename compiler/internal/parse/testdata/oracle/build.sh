#!/bin/sh
# Builds the libpcap parser oracle for oracle_test.go from a libpcap source
# tree (default /work/ref/libpcap). Needs bison, flex and a C compiler.
# Usage: build.sh [LIBPCAP_DIR] [OUT]; then
#   PARSE_ORACLE=OUT go test -tags oracle -run Oracle ./compiler/internal/parse/
set -e
src=${1:-/work/ref/libpcap}
out=${2:-/tmp/parse-oracle/oracle}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(dirname "$out")
mkdir -p "$dir/pcap"
cd "$dir"
cp "$src/scanner.l" "$src/llc.h" "$src/ieee80211.h" "$src/pflog.h" .
sed 's/@REENTRANT_PARSER@/%define api.pure/' "$src/grammar.y.in" > grammar.y
cp "$here/stub.c" "$here/gencode.h" .
: > config.h
: > pcap/namedb.h
printf '#include <stdint.h>\n#include <inttypes.h>\n' > pcap/pcap-inttypes.h
printf '#define DIAG_OFF_FLEX\n#define DIAG_ON_FLEX\n#define DIAG_OFF_BISON_BYACC\n' > diag-control.h
printf '#include <strings.h>\n#define pcapint_strcasecmp strcasecmp\n#define _U_ __attribute__((unused))\n' > pcap-int.h
bison -Wno-other -Wno-conflicts-sr -d -o grammar.c grammar.y
flex --header-file=scanner.h -o scanner.c scanner.l
cc -O1 -w -I. -o "$out" stub.c grammar.c scanner.c
echo "built $out"
