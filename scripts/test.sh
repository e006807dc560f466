#!/usr/bin/env bash
# Runs every test of jconntrack. On a fresh Debian machine it first installs what the kernel tests need
# (iproute2 for `ip netns`, conntrack as the independent oracle, nftables for the helper rule of the expectation
# tests); it must run as root for those tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v conntrack >/dev/null 2>&1 || need+=(conntrack)
command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || need+=(nftables)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing test dependencies: ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
        echo "Missing ${need[*]}: kernel tests will be skipped (install them, as root, to run them)" >&2
    fi
fi

# install, not verify: the features verification and the Karaf tests resolve the bundles from the local repository.
exec mvn -B install "$@"
