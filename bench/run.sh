#!/usr/bin/env bash
# The benchmark: socket-flows on its default configuration against a plain Netty echo server (Netty's own echo
# example, test scope), the same verifying load generator for all. Every server is started and warmed until its JIT
# is quiet, then each workload is measured on each server in turn, a few rounds, and the medians are reported; a
# cold row (a fresh server, 2 s of load) stands beside them.
# Writes the figures and their ratios to the baseline measured in the same run to a dated file under
# bench/results/, and prints them. Not part of ./mvnw verify. Loopback only. Usage: bench/run.sh --help
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECS=10
WARMUP=2
WARM=40
ROUNDS=3
IDLE=10000
HOLD=10
TRANSPORTS="netty"
WORKLOADS="a b c d e f"
GENERATOR=bench
OUT="$ROOT/bench/results/$(date -u '+%Y-%m-%d-%H%M').md"
JDKS=()
KEEP=0

usage() {
	cat <<USAGE
usage: bench/run.sh [options]
  --transports "LIST"  socket-flows transports to measure, each against the baseline (default: "$TRANSPORTS", the
                       default transport; e.g. "netty net"; the value goes to --sockets.transport)
  --jdk DIR            a JDK to run the servers on (repeatable: each transport is measured on each; the baseline
                       runs on the first). Default: \$JAVA_HOME, else the java on PATH. E.g. /usr/lib/jvm/temurin-25-jdk-amd64
  --seconds S          measured window per workload (default $SECS)
  --warm S             load on each fresh server before its first window (TCP and UDP, small and bulk), so that
                       the JIT has compiled the hot paths (default $WARM; the table shows the compiler threads'
                       CPU in the windows, which should be near 0)
  --warmup S           load before each window, not counted (default $WARMUP)
  --rounds N           steady workloads measured N times on each server, in turn, medians reported (default
                       $ROUNDS): the machine's drift falls on every column alike
  --idle N --hold S    workload (f1): N idle connections held S seconds (default $IDLE, $HOLD)
  --workloads "LIST"   among a b c d e f (default: "$WORKLOADS"; f is f1 then f2 on one server)
  --quick              a smoke run: 2 s windows, 1 s warm-up, 6 s of warming, 1 round, 1,000 idle connections
                       held 2 s
  --generator G        bench (client bench, from the jar; default) or loadgen (../shared/tools/loadgen, the
                       independent C generator, built into the work directory)
  --out FILE           the Markdown table (default bench/results/<UTC date and time>.md)
  --keep               keep the work directory (server logs, raw result lines)
USAGE
}

while [ $# -gt 0 ]; do
	case "$1" in
		--transports) TRANSPORTS=$2; shift 2 ;;
		--jdk) JDKS+=("$2"); shift 2 ;;
		--seconds) SECS=$2; shift 2 ;;
		--warmup) WARMUP=$2; shift 2 ;;
		--warm) WARM=$2; shift 2 ;;
		--rounds) ROUNDS=$2; shift 2 ;;
		--idle) IDLE=$2; shift 2 ;;
		--hold) HOLD=$2; shift 2 ;;
		--workloads) WORKLOADS=$2; shift 2 ;;
		--quick) SECS=2; WARMUP=1; WARM=6; IDLE=1000; HOLD=2; ROUNDS=1; shift ;;
		--generator) GENERATOR=$2; shift 2 ;;
		--out) OUT=$2; shift 2 ;;
		--keep) KEEP=1; shift ;;
		-h|--help) usage; exit 0 ;;
		*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done
if [ ${#JDKS[@]} -eq 0 ]; then
	if [ -n "${JAVA_HOME:-}" ]; then JDKS=("$JAVA_HOME"); else JDKS=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"); fi
fi
for jdk in "${JDKS[@]}"; do
	[ -x "$jdk/bin/java" ] || { echo "run.sh: no $jdk/bin/java" >&2; exit 2; }
done
case "$GENERATOR" in bench|loadgen) ;; *) echo "run.sh: --generator bench or loadgen" >&2; exit 2 ;; esac

# The generator always runs on the first JDK, so that only the server changes between columns.
CLIENT_JAVA="${JDKS[0]}/bin/java"
WORK=$(mktemp -d /tmp/socket-flows-bench.XXXXXX)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

# The steady servers, one per column, all up at once: use COLUMN points generate at one of them.
PIDS=()
PORTS=()
SERVER_JDKS=()
use() {
	SERVER_PID=${PIDS[$1]}
	PORT=${PORTS[$1]}
	SERVER_JDK=${SERVER_JDKS[$1]}
}
stop_all() {
	local i
	for i in "${!PIDS[@]}"; do
		use "$i"
		stop_server
	done
	PIDS=()
	stop_server
}

cleanup() {
	stop_all
	if [ "$KEEP" = 1 ]; then echo "run.sh: work directory kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# (f1) holds 10,000 connections: both ends need a descriptor each, and more.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((IDLE + 1000)) ]; then
	echo "run.sh: ulimit -n is $(ulimit -n), (f1) needs more than $IDLE: lower --idle or raise the hard limit" >&2
	exit 2
fi

cd "$ROOT"
JAR=target/socket-flows.jar
BASELINE_CLASS=target/test-classes/io/socketflows/bench/NettyEchoBaseline.class
if [ ! -f "$JAR" ] || [ ! -f "$BASELINE_CLASS" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
	echo "run.sh: building the jar and the test classes" >&2
	./mvnw -q -DskipTests package
fi
if [ ! -f target/bench-classpath.txt ] || [ pom.xml -nt target/bench-classpath.txt ]; then
	./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
BASELINE_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench-classpath.txt)"
if [ "$GENERATOR" = loadgen ]; then
	LOADGEN="$WORK/loadgen"
	gcc -O2 -std=gnu11 -pthread -o "$LOADGEN" "$ROOT/../shared/tools/loadgen/loadgen.c"
fi

# Fresh ports for every server, below the ephemeral range (the generator's 10,000 connections use that).
NEXT_PORT=$((20000 + ($$ % 500) * 20))
free_port() { # free_port VAR: sets VAR to a port nobody uses (no subshell: NEXT_PORT must advance)
	while ss -Htuan "( sport = :$NEXT_PORT )" | grep -q .; do NEXT_PORT=$((NEXT_PORT + 1)); done
	printf -v "$1" '%s' "$NEXT_PORT"
	NEXT_PORT=$((NEXT_PORT + 1))
}

# start_server KIND JDK LOG: the baseline, or socket-flows with --sockets.transport=KIND; sets SERVER_PID, PORT.
start_server() {
	local kind=$1 jdk=$2 log=$3 http mgmt
	SERVER_JDK=$jdk
	free_port PORT
	if [ "$kind" = baseline ]; then
		"$jdk/bin/java" -cp "$BASELINE_CP" io.socketflows.bench.NettyEchoBaseline "$PORT" "$PORT" >"$log" 2>&1 &
		SERVER_PID=$!
	else
		free_port http
		free_port mgmt
		"$jdk/bin/java" -jar "$JAR" --sockets.transport="$kind" --sockets.echo.port="$PORT" \
			--sockets.udp.port="$PORT" --sockets.udp.mode=echo --sockets.ack.enabled=false \
			--sockets.chat.enabled=false --server.port="$http" --management.server.port="$mgmt" >"$log" 2>&1 &
		SERVER_PID=$!
	fi
	for _ in $(seq 600); do
		kill -0 "$SERVER_PID" 2>/dev/null || { echo "run.sh: the $kind server died:" >&2; tail -20 "$log" >&2; exit 1; }
		if [ "$kind" = baseline ]; then
			(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
		else
			curl -fs "http://127.0.0.1:$mgmt/actuator/health/readiness" >/dev/null 2>&1 && return 0
		fi
		sleep 0.1
	done
	echo "run.sh: the $kind server did not get ready in 60 s" >&2
	exit 1
}

workload_args() {
	case "$1" in
		a) echo "--conns 1 --depth 1 --size 64" ;;
		b) echo "--conns 64 --depth 16 --size 64" ;;
		c) echo "--conns 8 --depth 4 --size 16384" ;;
		d) echo "--udp --conns 1 --depth 1 --size 64" ;;
		e) echo "--udp --conns 16 --depth 8 --size 64" ;;
		f2) echo "--conns 1000 --depth 1 --size 64" ;;
	esac
}

# jit_ticks PID: the clock ticks the JVM's compiler threads have used so far.
jit_ticks() {
	local t total=0
	for t in /proc/"$1"/task/*; do
		case "$(cat "$t/comm" 2>/dev/null)" in
			C1\ CompilerThre* | C2\ CompilerThre*)
				total=$((total + $(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{ print $12 + $13 }'))) ;;
		esac
	done
	echo "$total"
}

# live_heap_kb: the server's live heap in KiB, after the full collection that a class histogram makes.
live_heap_kb() {
	"$SERVER_JDK/bin/jcmd" "$SERVER_PID" GC.class_histogram 2>/dev/null | awk '$1 == "Total" { printf "%d", $3 / 1024 }'
}

# established: the connections the server under test holds.
established() {
	ss -Htn state established "( sport = :$PORT )" | wc -l
}

# generate WORKLOAD FILE [SECONDS WARMUP]: one run of the generator against PORT and SERVER_PID; its key=value line
# into FILE, with the compiler threads' CPU seconds in the run (jit_s).
generate() {
	local w=$1 file=$2 secs=${3:-$SECS} warmup=${4:-$WARMUP} status=0 args jit live_before live_held
	if [ "$w" = f1 ]; then
		if [ "$GENERATOR" = bench ]; then
			args="--connect-only $IDLE --hold $HOLD --timeout 10s"
		else
			args="--connect-only $IDLE --hold $HOLD --probe-timeout-ms 10000"
		fi
	else
		args="$(workload_args "$w") --seconds $secs --warmup $warmup"
		[ "$GENERATOR" = loadgen ] && args="$args --verify"
	fi
	jit=$(jit_ticks "$SERVER_PID")
	[ "$w" = f1 ] && live_before=$(live_heap_kb)
	# shellcheck disable=SC2086
	if [ "$GENERATOR" = bench ]; then
		"$CLIENT_JAVA" -jar "$JAR" client bench --host 127.0.0.1 --port "$PORT" $args --server-pid "$SERVER_PID" \
			>"$file" 2>"$file.err" &
	else
		"$LOADGEN" --host 127.0.0.1 --port "$PORT" $args --server-pid "$SERVER_PID" >"$file" 2>"$file.err" &
	fi
	local generator=$!
	if [ "$w" = f1 ]; then
		# The connections' own memory: the live heap (after a full collection) while they are held, less the live
		# heap before them. The RSS peak says little here: a warm server's heap is already touched, so 10,000
		# connections fit in pages it had (1-2 MB of RSS growth, within the rounding).
		while kill -0 "$generator" 2>/dev/null && [ "$(established)" -lt "$IDLE" ]; do sleep 0.1; done
		live_held=""
		[ "$(established)" -ge "$IDLE" ] && live_held=$(live_heap_kb)
	fi
	wait "$generator" || status=$?
	[ "$w" = f1 ] && echo " live_before_kb=$live_before live_held_kb=$live_held" >>"$file"
	echo " exit=$status jit_s=$(awk -v a="$jit" -v b="$(jit_ticks "$SERVER_PID")" -v hz="$(getconf CLK_TCK)" \
		'BEGIN { printf "%.2f", (b - a) / hz }')" >>"$file"
	echo "  ($w) $(tr '\n' ' ' <"$file")" >&2
}

# The columns: the baseline on the first JDK, then each transport on each JDK.
COLUMNS=("baseline|${JDKS[0]}")
for jdk in "${JDKS[@]}"; do
	for t in $TRANSPORTS; do COLUMNS+=("$t|$jdk"); done
done

jdk_name() { "$1/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/Java \1/'; }

# warm: load on a fresh server until its JIT has compiled the hot paths, small and bulk, TCP and UDP.
warm() {
	local part=$(((WARM + 2) / 3)) w
	[ "$WARM" -gt 0 ] || return 0
	for w in b c e; do
		generate "$w" "$WORK/warm.$w" "$part" 0 2>/dev/null
	done
	echo "  warmed ${WARM} s: compiler threads $(awk '{ s += $0 } END { print s }' < <(for w in b c e; do
		tr ' ' '\n' <"$WORK/warm.$w" | sed -n 's/^jit_s=//p'; done)) s of CPU in the warming" >&2
}

# median_of FILE...: one result line, each numeric figure the median of the rounds' (jit_s their sum, exit the
# worst), so that the table reads it as it would one run's.
median_of() {
	cat "$@" | tr ' ' '\n' | awk -F= '
		NF == 2 && $1 != "" { if (!($1 in n)) { order[++keys] = $1 } v[$1, ++n[$1]] = $2 }
		END {
			for (k = 1; k <= keys; k++) {
				key = order[k]; c = n[key]; numeric = 1; sum = 0; worst = 0
				for (i = 1; i <= c; i++) {
					x[i] = v[key, i]
					if (x[i] !~ /^-?[0-9.]+$/) numeric = 0; else { sum += x[i]; if (x[i] + 0 > worst) worst = x[i] + 0 }
				}
				if (!numeric) { out = x[1] }
				else if (key == "jit_s") { out = sprintf("%.2f", sum) }
				else if (key == "exit") { out = worst }
				else {
					for (i = 2; i <= c; i++) { t = x[i]; j = i - 1; while (j > 0 && x[j] + 0 > t + 0) { x[j + 1] = x[j]; j-- } x[j + 1] = t }
					out = (c % 2) ? x[(c + 1) / 2] : (x[c / 2] + x[c / 2 + 1]) / 2
				}
				printf " %s=%s", key, out
			}
			print ""
		}'
}

for i in "${!COLUMNS[@]}"; do
	kind=${COLUMNS[$i]%%|*}
	jdk=${COLUMNS[$i]#*|}
	echo "run.sh: column $i: $kind on $(jdk_name "$jdk"): started and warmed" >&2
	start_server "$kind" "$jdk" "$WORK/server.$i.log"
	PIDS[i]=$SERVER_PID
	PORTS[i]=$PORT
	SERVER_JDKS[i]=$SERVER_JDK
	warm
done
mkdir -p "$WORK/rounds"
# round_order R: sets ORDER to the columns in the order round R takes them. Odd rounds take them in order, even
# ones in reverse: neither is always measured first.
round_order() {
	local i
	ORDER=("${!COLUMNS[@]}")
	if [ $(($1 % 2)) = 0 ]; then
		ORDER=()
		for ((i = ${#COLUMNS[@]} - 1; i >= 0; i--)); do ORDER+=("$i"); done
	fi
}
for r in $(seq "$ROUNDS"); do
	round_order "$r"
	echo "run.sh: steady state, round $r of $ROUNDS" >&2
	for w in $WORKLOADS; do
		[ "$w" = f ] && continue
		for i in "${ORDER[@]}"; do
			use "$i"
			generate "$w" "$WORK/rounds/$i.$w.$r"
		done
	done
done
for i in "${!COLUMNS[@]}"; do
	for w in $WORKLOADS; do
		[ "$w" = f ] && continue
		median_of "$WORK/rounds/$i.$w".[0-9]* >"$WORK/$i.$w"
	done
done
# (f1) last on each warm server, one server at a time (its 10,000 connections need the machine to themselves); then
# (f2) on each server in turn, in rounds like the steady workloads, medians reported.
case " $WORKLOADS " in
	*" f "*)
		for i in "${!COLUMNS[@]}"; do
			use "$i"
			echo "run.sh: column $i: (f1)" >&2
			generate f1 "$WORK/$i.f1"
		done
		for r in $(seq "$ROUNDS"); do
			round_order "$r"
			echo "run.sh: (f2), round $r of $ROUNDS" >&2
			for i in "${ORDER[@]}"; do
				use "$i"
				generate f2 "$WORK/rounds/$i.f2.$r"
			done
		done
		for i in "${!COLUMNS[@]}"; do
			median_of "$WORK/rounds/$i.f2".[0-9]* >"$WORK/$i.f2"
		done
		;;
esac
stop_all
for i in "${!COLUMNS[@]}"; do
	kind=${COLUMNS[$i]%%|*}
	jdk=${COLUMNS[$i]#*|}
	echo "run.sh: column $i: $kind on $(jdk_name "$jdk"): cold" >&2
	start_server "$kind" "$jdk" "$WORK/server.$i.cold.log"
	generate b "$WORK/$i.cold" "$SECS" 2
	stop_server
done

# ---------------------------------------------------------------- the table
# get COLUMN WORKLOAD KEY: a figure of a result line ("" if absent)
get() {
	local file="$WORK/$1.$2" key=$3 f
	if [ "$key" = jit_sum ]; then
		for f in "$WORK/$1".[a-f]*; do
			# The steady windows only: the cold server's JIT is busy by design.
			case "$f" in *.err | *.cold) continue ;; esac
			tr ' ' '\n' <"$f" | sed -n 's/^jit_s=//p'
		done | awk '{ s += $0 } END { printf "%.2f", s }'
		return 0
	fi
	[ -f "$file" ] || return 0
	[ "$GENERATOR" = loadgen ] && [ "$key" = answered ] && key=probe_ok
	if [ "$GENERATOR" = loadgen ] && [ "$key" = srv_us_per_echo ]; then
		# loadgen gives the server's CPU seconds over the window: per echo here
		awk -v c="$(get "$1" "$2" srv_cpu_s)" -v n="$(get "$1" "$2" requests)" \
			'BEGIN { if (c != "" && n + 0 > 0) printf "%.2f", c * 1e6 / n }'
		return 0
	fi
	if [ "$key" = live_growth_kb ]; then
		awk -v p="$(get "$1" "$2" live_held_kb)" -v s="$(get "$1" "$2" live_before_kb)" \
			'BEGIN { if (p != "" && s != "") print p - s }'
		return 0
	fi
	if [ "$key" = live_per_conn ]; then
		awk -v g="$(get "$1" "$2" live_growth_kb)" -v n="$IDLE" 'BEGIN { if (g != "") print g * 1024 / n }'
		return 0
	fi
	tr '\n' ' ' <"$file" | sed -n "s/.* $key=\([^ ]*\).*/\1/p"
}

fmt() { # fmt KIND VALUE
	local v=$2
	[ -z "$v" ] && { echo "—"; return; }
	case "$1" in
		int|count) awk -v v="$v" 'BEGIN { s = sprintf("%.0f", v); n = length(s); o = "";
			for (i = 1; i <= n; i++) { o = o substr(s, i, 1); if ((n - i) % 3 == 0 && i < n) o = o "," } print o }' ;;
		mb) awk -v v="$v" 'BEGIN { printf "%.0f", v / 1024 }' ;;
		mb1) awk -v v="$v" 'BEGIN { printf "%.1f", v / 1024 }' ;;
		seconds) awk -v v="$v" 'BEGIN { printf "%.2f", v }' ;;
		*) awk -v v="$v" -v d="$1" 'BEGIN { printf "%." d "f", v }' ;;
	esac
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "—"; else printf "%.2f×", a / b }'
}

ROWS=(
	"a|(a) 1 conn × 1 × 64 B: p50 µs|p50_us|1"
	"a|(a) p99 µs|p99_us|1"
	"a|(a) server CPU µs per echo|srv_us_per_echo|2"
	"b|(b) 64 conns × 16 × 64 B: echoes/s|rps|int"
	"b|(b) server CPU µs per echo|srv_us_per_echo|2"
	"c|(c) 8 conns × 4 × 16 KiB: MB/s|MBps|int"
	"c|(c) server CPU µs per echo|srv_us_per_echo|2"
	"d|(d) UDP 1 × 1 × 64 B: p50 µs|p50_us|1"
	"d|(d) server CPU µs per reply|srv_us_per_echo|2"
	"e|(e) UDP 16 sockets × 8 × 64 B: replies/s|rps|int"
	"e|(e) server CPU µs per reply|srv_us_per_echo|2"
	"e|(e) lost|lost|count"
	"e|(e) reordered|reordered|count"
	"f1|(f1) $IDLE idle conns held ${HOLD} s: answered|answered|int"
	"f1|(f1) failed connects|conn_failed|count"
	"f1|(f1) s until the last echo|probe_s|2"
	"f1|(f1) server peak RSS MB|srv_hwm_kb|mb"
	"f1|(f1) the connections' live heap (held less before, after a full GC) MB|live_growth_kb|mb1"
	"f1|(f1) live heap per connection, bytes|live_per_conn|int"
	"f2|(f2) then 1,000 conns × 1: echoes/s|rps|int"
	"f2|(f2) server CPU µs per echo|srv_us_per_echo|2"
	"f2|(f2) failed connects|conn_failed|count"
	"f2|(f2) server peak RSS MB|srv_hwm_kb|mb"
	"cold|(b) cold: a fresh server, 2 s of load, then (b): echoes/s|rps|int"
	"cold|(b) cold: server CPU µs per echo|srv_us_per_echo|2"
	"*|compiler threads' CPU s in the measured windows (steady rows)|jit_sum|seconds"
	"*|runs with every echo intact (exit 0)|exit|clean"
)

header="| workload | $(jdk_name "${JDKS[0]}" | sed 's/^/Netty baseline, /')"
rule="|---|---:"
for i in "${!COLUMNS[@]}"; do
	[ "$i" = 0 ] && continue
	header="$header | socket-flows ${COLUMNS[$i]%%|*}, $(jdk_name "${COLUMNS[$i]#*|}") | ratio"
	rule="$rule|---:|---:"
done

selected() { # selected W: whether workload W ran
	local w=$1
	[ "$w" = "*" ] && return 0
	[ "$w" = cold ] && w=b
	case " $WORKLOADS " in *" ${w:0:1} "*) return 0 ;; esac
	return 1
}

{
	echo "Benchmark of $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)),"
	echo "Linux $(uname -r), generator $GENERATOR on the same machine (client on $(jdk_name "${JDKS[0]}")). Steady state: every server up at once on its default configuration, warmed ${WARM} s, then each workload on each server in turn, ${ROUNDS} rounds of ${SECS} s windows after ${WARMUP} s of load, medians (jit_s: their sum); (f1) after them, one server at a time, then (f2) on each in turn, in rounds too; cold: a fresh server, 2 s of load, then ${SECS} s of (b)."
	echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine widens the spread)."
	echo "Ratio: socket-flows / baseline of this run (rates: higher is better; latency, CPU, memory: lower is better)."
	echo
	echo "$header |"
	echo "$rule|"
	for row in "${ROWS[@]}"; do
		IFS='|' read -r w label key kind <<<"$row"
		selected "$w" || continue
		line="| $label"
		if [ "$kind" = clean ]; then
			for i in "${!COLUMNS[@]}"; do
				ok=0; all=0
				for f in "$WORK/$i".*; do
					case "$f" in *.err) continue ;; esac
					all=$((all + 1))
					grep -q ' exit=0' "$f" && ok=$((ok + 1))
				done
				line="$line | $ok of $all"
				[ "$i" = 0 ] || line="$line | "
			done
		else
			base=$(get 0 "$w" "$key")
			line="$line | $(fmt "$kind" "$base")"
			for i in "${!COLUMNS[@]}"; do
				[ "$i" = 0 ] && continue
				v=$(get "$i" "$w" "$key")
				if [ "$kind" = count ] || [ "$kind" = seconds ]; then
					line="$line | $(fmt "$kind" "$v") | "
				else
					line="$line | $(fmt "$kind" "$v") | $(ratio "$v" "$base")"
				fi
			done
		fi
		echo "$line |"
	done
	echo
	echo "Command: bench/run.sh --transports \"$TRANSPORTS\"$(printf ' --jdk %s' "${JDKS[@]}") --seconds $SECS --warm $WARM --rounds $ROUNDS --warmup $WARMUP --idle $IDLE --hold $HOLD --generator $GENERATOR"
} >"$WORK/table.md"

mkdir -p "$(dirname "$OUT")"
cp "$WORK/table.md" "$OUT"
cat "$OUT"
