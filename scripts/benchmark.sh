#!/usr/bin/env bash
# Runs the jconntrack benchmark (benchmarks module) as root: builds api-bundle, impl-bundle and benchmarks, then
# runs io.jconntrack.bench.Benchmark with plain `java -cp`. Arguments go to the benchmark:
#   --entries N (default 1000000, a multiple of 100)   --repeats R (default 2: best of R for read-only operations)
#   --buckets B (nf_conntrack_buckets for the run, default 1048576; 0 leaves it)   --no-heap-check
#   --expectations N (item 9: a burst of N expectation events, default 50000; 0 skips it)   --expectations-only
#   --console (item 10: also builds the distribution, starts it inside the benchmark's namespace and deletes a zone
#   through its bin/client -b, against `conntrack -D -w`; the script passes --distribution TAR.GZ to the benchmark)
# Extra JVM options: JAVA_OPTS="-XX:+FlightRecorder -XX:StartFlightRecording=filename=bench.jfr" scripts/benchmark.sh
# Remote access (issue 14): scripts/benchmark.sh --remote [--entries N] [--repeats R] builds the distribution too and
# runs io.jconntrack.bench.RemoteBenchmark: two node agents (Karafs with jconntrack-rest on 127.0.0.1) and this JVM
# as their controller.
# A fleet (issue 23): scripts/benchmark.sh --fleet N [--hung] [--repeats R] [--footprint ENTRIES] builds both
# distributions and runs io.jconntrack.bench.FleetBenchmark: N node agents of the agent distribution, each in a
# namespace of its own with 10,000 entries, and a controller (-Xmx64m) timing count, list, delete, nodes and events
# over --node all through bin/client; --hung freezes the last node and runs them again; --footprint M first measures
# one agent alone (boot to first answer, resident memory after boot and while an M-entry list streams). Needs curl.
#   docs/benchmarks.md: --fleet 1 --footprint 1000000; --fleet 8; --fleet 32 --hung
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
    echo "the benchmark needs root (ip netns, global nf_conntrack sysctls)" >&2
    exit 2
fi
if [ "${1:-}" = "--remote" ]; then
    shift
    if [ -z "${SKIP_BUILD:-}" ]; then
        mvn -B -q ${MVN_FLAGS--o} install -pl benchmarks,distribution -am -DskipTests
    fi
    exec java ${JAVA_OPTS:-} -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
        io.jconntrack.bench.RemoteBenchmark --distribution distribution/target/distribution-0.1.0-SNAPSHOT.tar.gz "$@"
fi
if [ "${1:-}" = "--fleet" ]; then
    if [ -z "${SKIP_BUILD:-}" ]; then
        mvn -B -q ${MVN_FLAGS--o} install -pl benchmarks,distribution,agent-distribution -am -DskipTests
    fi
    fleet=(); footprint=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --footprint) footprint=(--footprint "${2:?}"); shift 2 ;;
            --fleet) fleet+=(--fleet "${2:?}"); nodes="$2"; shift 2 ;;
            *) fleet+=("$1"); shift ;;
        esac
    done
    run_fleet() {
        java ${JAVA_OPTS:-} -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
            io.jconntrack.bench.FleetBenchmark \
            --agent agent-distribution/target/agent-distribution-0.1.0-SNAPSHOT.tar.gz \
            --distribution distribution/target/distribution-0.1.0-SNAPSHOT.tar.gz "$@"
    }
    if [ ${#footprint[@]} -gt 0 ]; then
        run_fleet "${footprint[@]}"          # in this namespace: it raises the global nf_conntrack_max itself
    fi
    if [ "${nodes:-0}" -gt 0 ]; then
        # The fleet's JVM runs in the controller's namespace (the controller's console is on its loopback), where
        # the global nf_conntrack_max is read-only: raised here for N tables of 11,000 entries, restored at exit.
        ctl="jct-fleet-ctl-$$"
        max_before=$(cat /proc/sys/net/netfilter/nf_conntrack_max)
        want=$(( nodes * 12000 + 65536 ))
        trap 'ip netns del "$ctl" 2>/dev/null || true; echo "$max_before" > /proc/sys/net/netfilter/nf_conntrack_max' EXIT
        if [ "$max_before" -lt "$want" ]; then
            echo "$want" > /proc/sys/net/netfilter/nf_conntrack_max
        fi
        ip netns add "$ctl"
        ip netns exec "$ctl" bash -c "$(declare -f run_fleet); run_fleet --controller-namespace $ctl ${fleet[*]}"
    fi
    exit 0
fi
args=()
modules=api-bundle,test-support,impl-bundle,benchmarks
for a in "$@"; do
    if [ "$a" = "--console" ]; then
        args+=(--distribution distribution/target/distribution-0.1.0-SNAPSHOT.tar.gz)
        modules="benchmarks,distribution -am"
    else
        args+=("$a")
    fi
done
if [ -z "${SKIP_BUILD:-}" ]; then
    # -o: this machine builds offline; MVN_FLAGS= (empty) lets Maven download on a fresh one.
    mvn -B -q ${MVN_FLAGS--o} install -pl $modules -DskipTests
fi
exec java ${JAVA_OPTS:-} -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
    io.jconntrack.bench.Benchmark "${args[@]}"
