#!/usr/bin/env bash
# Main job: build jconntrack and open a Karaf 4.4.10 console with the jconntrack feature booted.
# Extra arguments go to Maven (e.g. -o to build offline). Leave the console with `shutdown -f` or Ctrl-D.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" -eq 0 ] || echo "Not root: conntrack commands will fail without CAP_NET_ADMIN (CAP_SYS_ADMIN for -n)." >&2

# -am builds what the distribution needs: api, impl and shell bundles, the features repository.
mvn -B -DskipTests install -pl distribution -am "$@"
exec distribution/target/assembly/bin/karaf
