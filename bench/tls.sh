#!/usr/bin/env bash
# The benchmark's TLS rows: the echo service plain and in TLS (the test certificates of
# src/test/resources/tls, EC P-256), on each transport, with the same verifying generator (client bench, --tls
# in TLS), a fresh server per workload. Writes bench/results/tls.md and prints it. Loopback only.
# Usage: bench/tls.sh [--transports "netty net"] [--seconds S] [--warmup S] [--handshakes N] [--out FILE]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECS=10
WARMUP=2
HANDSHAKES=2000
TRANSPORTS="netty net"
OUT="$ROOT/bench/results/tls.md"
while [ $# -gt 0 ]; do
	case "$1" in
		--transports) TRANSPORTS=$2; shift 2 ;;
		--seconds) SECS=$2; shift 2 ;;
		--warmup) WARMUP=$2; shift 2 ;;
		--handshakes) HANDSHAKES=$2; shift 2 ;;
		--out) OUT=$2; shift 2 ;;
		-h|--help) sed -n '2,5p' "$0"; exit 0 ;;
		*) echo "tls.sh: unknown option $1" >&2; exit 2 ;;
	esac
done

cd "$ROOT"
JAR=target/socket-flows.jar
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
	echo "tls.sh: building the jar" >&2
	./mvnw -q -DskipTests package
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORK=$(mktemp -d /tmp/socket-flows-tls-bench.XXXXXX)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
trap 'stop_server; rm -rf "$WORK"' EXIT

NEXT_PORT=$((21000 + ($$ % 500) * 20))
free_port() {
	while ss -Htuan "( sport = :$NEXT_PORT )" | grep -q .; do NEXT_PORT=$((NEXT_PORT + 1)); done
	printf -v "$1" '%s' "$NEXT_PORT"
	NEXT_PORT=$((NEXT_PORT + 1))
}

# start_server TRANSPORT plain|tls LOG: the echo service alone; sets SERVER_PID and PORT.
start_server() {
	local transport=$1 mode=$2 log=$3 http mgmt tls=()
	free_port PORT
	free_port http
	free_port mgmt
	if [ "$mode" = tls ]; then
		tls=(--spring.ssl.bundle.pem.bench.keystore.certificate="file:$ROOT/src/test/resources/tls/server.crt"
			--spring.ssl.bundle.pem.bench.keystore.private-key="file:$ROOT/src/test/resources/tls/server.key"
			--sockets.echo.ssl.bundle=bench)
	fi
	"$JAVA" -jar "$JAR" --sockets.transport="$transport" --sockets.echo.port="$PORT" --sockets.udp.enabled=false \
		--sockets.ack.enabled=false --sockets.chat.enabled=false --server.port="$http" \
		--management.server.port="$mgmt" "${tls[@]}" >"$log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 600); do
		kill -0 "$SERVER_PID" 2>/dev/null || { echo "tls.sh: the server died:" >&2; tail -20 "$log" >&2; exit 1; }
		curl -fs "http://127.0.0.1:$mgmt/actuator/health/readiness" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "tls.sh: the server did not get ready in 60 s" >&2
	exit 1
}

# run WORKLOAD plain|tls FILE: one run of the generator; its key=value line and exit status into FILE.
run() {
	local w=$1 mode=$2 file=$3 status=0 args tls=""
	[ "$mode" = tls ] && tls="--tls"
	case "$w" in
		b) args="--conns 64 --depth 16 --size 64 --seconds $SECS --warmup $WARMUP" ;;
		c) args="--conns 8 --depth 4 --size 16384 --seconds $SECS --warmup $WARMUP" ;;
		h) args="--connect-only $HANDSHAKES --hold 0 --connect-concurrency 64 --timeout 10s" ;;
	esac
	# shellcheck disable=SC2086
	"$JAVA" -jar "$JAR" client bench --host 127.0.0.1 --port "$PORT" $args $tls --server-pid "$SERVER_PID" \
		>"$file" 2>"$file.err" || status=$?
	echo " exit=$status" >>"$file"
	echo "  ($w, $mode) $(tr '\n' ' ' <"$file")" >&2
}

value() { grep -o "\b$2=[^ ]*" "$1" | head -1 | cut -d= -f2; }

COLUMNS=()
for t in $TRANSPORTS; do COLUMNS+=("$t|plain" "$t|tls"); done
for c in "${COLUMNS[@]}"; do
	t=${c%%|*}; m=${c#*|}
	echo "tls.sh: $t, $m" >&2
	for w in b c h; do
		start_server "$t" "$m" "$WORK/server.$t.$m.$w.log"
		run "$w" "$m" "$WORK/$t.$m.$w"
		stop_server
	done
done

header="| workload |"; rule="|---|"
for c in "${COLUMNS[@]}"; do header="$header ${c%%|*} ${c#*|} |"; rule="$rule---:|"; done
row() { # row LABEL WORKLOAD FIELD: FIELD of each column's line; "handshakes" is connected / connect_s
	local line="| $1 |" c
	for c in "${COLUMNS[@]}"; do
		line="$line $(awk -v field="$3" '
			{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
			END {
				if (field == "handshakes") printf "%.0f", (v["connect_s"] > 0) ? v["connected"] / v["connect_s"] : 0
				else if (field == "exit") printf "%s", v["exit"]
				else if (field == "rps") printf "%.0f", v[field]
				else printf "%.2f", v[field]
			}' "$WORK/${c%%|*}.${c#*|}.$2") |"
	done
	echo "$line"
}
{
	echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end, $("$JAVA" -version 2>&1 | head -1), ${SECS} s after ${WARMUP} s of warm-up, handshakes: $HANDSHAKES connections, 64 at a time."
	echo
	echo "$header"
	echo "$rule"
	row "(b) 64 conns × 16 × 64 B: echoes/s" b rps
	row "(b) server CPU µs per echo" b srv_us_per_echo
	row "(c) 8 conns × 4 × 16 KiB: MB/s each way" c MBps
	row "(c) server CPU µs per echo" c srv_us_per_echo
	row "(h) connections (TLS: handshakes) per second" h handshakes
	row "(b) exit status" b exit
	row "(c) exit status" c exit
	row "(h) exit status" h exit
	echo
	echo "The generator's lines:"
	echo
	echo '```'
	for c in "${COLUMNS[@]}"; do for w in b c h; do echo "${c%%|*} ${c#*|} ($w): $(head -1 "$WORK/${c%%|*}.${c#*|}.$w")"; done; done
	echo '```'
} >"$OUT"
cat "$OUT"
