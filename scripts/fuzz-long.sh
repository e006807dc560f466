#!/bin/sh
# Long fuzz run of the netlink decoders with Jazzer's standalone driver.
#   scripts/fuzz-long.sh [SECONDS] [CORPUS_DIR]
# Compiles impl-bundle's tests (reactor, offline), then fuzzes io.jconntrack.impl.ctnetlink.DecoderFuzzTarget from the
# committed seeds. New corpus entries go to CORPUS_DIR, findings (crash-*, timeout-*, oom-*) to CORPUS_DIR/findings/:
# copy a finding into impl-bundle/src/test/resources/io/jconntrack/impl/ctnetlink/DecoderFuzzTestInputs/decode/ so
# that every later test run replays it.
set -eu
SECONDS_TO_RUN=${1:-600}
CORPUS=${2:-/tmp/jconntrack-fuzz-corpus}
cd "$(dirname "$0")/.."
mvn -B -o -q test-compile -pl api-bundle,impl-bundle
mvn -B -o -q dependency:build-classpath -pl impl-bundle -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz.cp
# The reactor's api classes, not a jar from ~/.m2.
CP=$(tr ':' '\n' < impl-bundle/target/fuzz.cp | grep -v '/api-bundle/' | paste -sd:)
CP=impl-bundle/target/test-classes:impl-bundle/target/classes:api-bundle/target/classes:$CP
mkdir -p "$CORPUS/findings"
exec java -Xmx1g -cp "$CP" com.code_intelligence.jazzer.Jazzer \
    --target_class=io.jconntrack.impl.ctnetlink.DecoderFuzzTarget \
    --instrumentation_includes='io.jconntrack.**' \
    -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$CORPUS/findings/" \
    "$CORPUS" impl-bundle/src/test/resources/io/jconntrack/impl/ctnetlink/DecoderFuzzTestInputs/decode
