#!/usr/bin/env bash
# Start-up, measured with hyperfine in one run: the tutorial's `python3 helloClient.py` (copied out of the seed at
# run time, run by the interpreter itself: a version manager's shim adds its own start), `java -jar ... client echo`
# and the fast launcher `target/client/client echo` on two JDKs, all against one running echo server; then the
# server's time to ready (its readiness probe answers) against a bare Boot application (web, Actuator and Security
# starters, no code of its own: bench/bare), on each JDK, and on the last JDK with an AOT cache from a training run
# (extract, train, run, as Boot documents it). Writes the table and the ratios to
# bench/results/startup-<UTC date and time>.md and prints it. Not part of ./mvnw verify. Usage: bench/startup.sh --help
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SEED="$ROOT/../shared/seed"
JDK17=/usr/lib/jvm/java-17-openjdk-amd64
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
RUNS=10
SERVER_RUNS=3
SKIP_SERVER=0

usage() {
	cat <<USAGE
usage: bench/startup.sh [options]     (build first: ./mvnw -DskipTests package)
  --seed DIR         where the tutorial's page is (default: $SEED)
  --jdk17 DIR        the older JDK (default: $JDK17)
  --jdk25 DIR        the newer JDK, for the AOT cache (default: $JDK25)
  --runs N           hyperfine runs per client command, after 2 warm-ups (default: $RUNS)
  --server-runs N    runs per server start (default: $SERVER_RUNS)
  --clients-only     skip the servers' time to ready
USAGE
}

while [ $# -gt 0 ]; do
	case "$1" in
		--seed) SEED=$2; shift 2 ;;
		--jdk17) JDK17=$2; shift 2 ;;
		--jdk25) JDK25=$2; shift 2 ;;
		--runs) RUNS=$2; shift 2 ;;
		--server-runs) SERVER_RUNS=$2; shift 2 ;;
		--clients-only) SKIP_SERVER=1; shift ;;
		# One server start, for hyperfine: KIND JDK JAR (the process is killed once ready).
		--ready-once) shift; MODE=ready; break ;;
		-h|--help) usage; exit 0 ;;
		*) echo "startup.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ready_once KIND JAVA JAR [JVM options...]: starts the server, waits for its readiness probe, kills it.
ready_once() {
	local kind=$1 java=$2 jar=$3 mgmt pid
	shift 3
	mgmt=$(free_port)
	# From the jar's directory, by its relative name: an AOT cache holds the class path as it was trained.
	cd "$(dirname "$jar")"
	jar=$(basename "$jar")
	if [ "$kind" = socket-flows ]; then
		"$java" "$@" -jar "$jar" --sockets.echo.port=0 --sockets.ack.port=0 --sockets.udp.port=0 \
			--sockets.chat.port=0 --sockets.chat.operator=auto --server.port=0 --management.server.port="$mgmt" \
			>/dev/null 2>&1 </dev/null &
	else
		"$java" "$@" -jar "$jar" --server.port=0 --management.server.port="$mgmt" \
			--management.endpoint.health.probes.enabled=true >/dev/null 2>&1 </dev/null &
	fi
	pid=$!
	for _ in $(seq 1200); do
		if curl -fs "http://127.0.0.1:$mgmt/actuator/health/readiness" >/dev/null 2>&1; then
			kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || { echo "startup.sh: the $kind server died" >&2; return 1; }
		sleep 0.05
	done
	kill -KILL "$pid"
	echo "startup.sh: the $kind server was not ready in 60 s" >&2
	return 1
}

if [ "${MODE:-}" = ready ]; then
	ready_once "$@"
	exit $?
fi

command -v hyperfine >/dev/null || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
JAR="$ROOT/target/socket-flows.jar"
LAUNCHER="$ROOT/target/client/client"
[ -f "$JAR" ] && [ -x "$LAUNCHER" ] || { echo "startup.sh: build first: ./mvnw -DskipTests package" >&2; exit 2; }
for jdk in "$JDK17" "$JDK25"; do
	[ -x "$jdk/bin/java" ] || { echo "startup.sh: no $jdk/bin/java" >&2; exit 2; }
done
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
	[ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

# The tutorial's echo client, to the port of this run's server.
PAGE=$(grep -l "Le programme helloClient.py" "$SEED"/* | head -1)
PORT=$(free_port)
awk '/^Le programme helloClient.py/ { found = 1; next }
	found && /^```/ { if (inside) exit; inside = 1; next }
	inside { print }' "$PAGE" | sed "s/^PORT = 3000 /PORT = $PORT /" >"$WORK/helloClient.py"
grep -q "^PORT = $PORT " "$WORK/helloClient.py" || { echo "startup.sh: no helloClient.py in $PAGE" >&2; exit 1; }

# One echo server for every client: socket-flows on Java 17, echo only.
MGMT=$(free_port)
"$JDK17/bin/java" -jar "$JAR" --sockets.echo.port="$PORT" --sockets.ack.enabled=false --sockets.udp.enabled=false \
	--sockets.chat.enabled=false --server.port=0 --management.server.port="$MGMT" >"$WORK/server.log" 2>&1 </dev/null &
SERVER_PID=$!
for _ in $(seq 1200); do
	curl -fs "http://127.0.0.1:$MGMT/actuator/health/readiness" >/dev/null 2>&1 && break
	kill -0 "$SERVER_PID" 2>/dev/null || { echo "startup.sh: the echo server died" >&2; tail "$WORK/server.log" >&2; exit 1; }
	sleep 0.1
done
"$PYTHON" "$WORK/helloClient.py" | grep -q "Hello, world" || { echo "startup.sh: helloClient.py got no echo" >&2; exit 1; }

# The launcher's cache for each JDK, trained now rather than in the background of a measured run.
for jdk in "$JDK17" "$JDK25"; do
	JAVA_HOME=$jdk "$LAUNCHER" --train 2>/dev/null
done

ARGS="echo --host 127.0.0.1 --port $PORT"
START=$(date -u '+%Y-%m-%d %H:%M UTC')
hyperfine -N --warmup 2 --runs "$RUNS" --export-csv "$WORK/clients.csv" \
	-n "python3 helloClient.py" "$PYTHON $WORK/helloClient.py" \
	-n "java -jar socket-flows.jar client echo (Java 17)" "$JDK17/bin/java -jar $JAR client $ARGS" \
	-n "java -jar socket-flows.jar client echo (Java 25)" "$JDK25/bin/java -jar $JAR client $ARGS" \
	-n "target/client/client echo (Java 17)" "env JAVA_HOME=$JDK17 $LAUNCHER $ARGS" \
	-n "target/client/client echo (Java 25)" "env JAVA_HOME=$JDK25 $LAUNCHER $ARGS" >&2
kill -KILL "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

if [ "$SKIP_SERVER" = 0 ]; then
	# The bare application, built once (its dependencies are the project's own).
	BARE="$ROOT/bench/bare/target/bare.jar"
	if [ ! -f "$BARE" ]; then
		"$ROOT/mvnw" -B -q -f "$ROOT/bench/bare/pom.xml" package >&2
	fi
	# Boot's AOT cache recipe: the jar extracted, a training run that stops once the context is refreshed.
	"$JDK25/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
	(cd "$WORK/app" && "$JDK25/bin/java" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh \
		-jar socket-flows.jar --sockets.echo.port=0 --sockets.ack.port=0 --sockets.udp.port=0 \
		--sockets.chat.port=0 --sockets.chat.operator=auto --server.port=0 --management.server.port=0 \
		>"$WORK/train.log" 2>&1 </dev/null) || { echo "startup.sh: the training run failed" >&2; tail "$WORK/train.log" >&2; exit 1; }
	SELF="$ROOT/bench/startup.sh --ready-once"
	hyperfine -N --runs "$SERVER_RUNS" --export-csv "$WORK/servers.csv" \
		-n "bare Boot application (Java 17)" "$SELF bare $JDK17/bin/java $BARE" \
		-n "bare Boot application (Java 25)" "$SELF bare $JDK25/bin/java $BARE" \
		-n "socket-flows server (Java 17)" "$SELF socket-flows $JDK17/bin/java $JAR" \
		-n "socket-flows server (Java 25)" "$SELF socket-flows $JDK25/bin/java $JAR" \
		-n "socket-flows server (Java 25 with an AOT cache)" \
		"$SELF socket-flows $JDK25/bin/java $WORK/app/socket-flows.jar -XX:AOTCache=$WORK/app/app.aot" >&2
fi

# The table: mean ± standard deviation, and the ratio to the run's reference.
table() { # table CSV REFERENCE-NAME
	awk -F, -v reference="$2" 'NR > 1 { gsub(/"/, "", $1); name[NR] = $1; mean[NR] = $2; sd[NR] = $3;
			if ($1 == reference) base = $2 }
		END { for (i = 2; i <= NR; i++)
			printf "| %s | %.3f s ± %.3f | %.1f× |\n", name[i], mean[i], sd[i], mean[i] / base }' "$1"
}
mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/startup-$(date -u '+%Y-%m-%d-%H%M').md"
{
	echo "Start-up of $START: $(nproc) cores, load average at the start $(cut -d' ' -f1-3 /proc/loadavg)" \
		"(a shared, noisy machine: compare ratios within this run only)."
	echo "$("$JDK17/bin/java" -version 2>&1 | head -1); $("$JDK25/bin/java" -version 2>&1 | head -1);" \
		"$("$PYTHON" --version) ($PYTHON)."
	echo
	echo "Clients against one socket-flows echo server (hyperfine -N, $RUNS runs after 2 warm-ups; wall time):"
	echo
	echo "| command | mean | × python3 helloClient.py |"
	echo "|---|---:|---:|"
	table "$WORK/clients.csv" "python3 helloClient.py"
	if [ "$SKIP_SERVER" = 0 ]; then
		echo
		echo "Servers, from the process's start to its readiness probe's answer ($SERVER_RUNS runs each):"
		echo
		echo "| server | mean | × bare Boot application (Java 17) |"
		echo "|---|---:|---:|"
		table "$WORK/servers.csv" "bare Boot application (Java 17)"
	fi
	echo
	echo "Command: bench/startup.sh --runs $RUNS $([ "$SKIP_SERVER" = 1 ] && echo --clients-only || echo "--server-runs $SERVER_RUNS")"
} | tee "$OUT"
echo "startup.sh: written to ${OUT#$ROOT/}" >&2
