#!/usr/bin/env bash
# Installs jconntrack as an unprivileged systemd service (issue 16, least privilege):
#   - the system user and group (default jconntrack) unless they exist, home = the data directory, no login shell;
#   - the built assembly copied to PREFIX (default /opt/jconntrack), owned by root, with only data/ and etc/ owned by
#     that user and closed to others (a re-run replaces bin/ lib/ system/ deploy/ and keeps etc/ and data/ as the
#     service left them, but for others' permissions, taken away again);
#   - the unit bin/contrib/jconntrack.service to /etc/systemd/system, with PREFIX and the user substituted;
#   - systemctl daemon-reload. It starts nothing: `systemctl enable --now jconntrack` does.
# Idempotent. As root. --root DIR installs every file under DIR instead of / (a staging tree: no user is created,
# the user must exist, systemd is not told).
set -euo pipefail

usage() {
    echo "usage: $0 [--assembly DIR] [--prefix DIR] [--user NAME] [--root DIR]" >&2
    exit 2
}

here="$(cd "$(dirname "$0")/.." && pwd)"
assembly="$here/distribution/target/assembly"
prefix=/opt/jconntrack
user=jconntrack
root=
while [ $# -gt 0 ]; do
    case "$1" in
        --assembly) assembly="${2:?}"; shift 2 ;;
        --prefix) prefix="${2:?}"; shift 2 ;;
        --user) user="${2:?}"; shift 2 ;;
        --root) root="${2:?}"; shift 2 ;;
        *) usage ;;
    esac
done
case "$prefix" in /*) ;; *) echo "--prefix must be absolute: $prefix" >&2; exit 2 ;; esac
[ "$(id -u)" -eq 0 ] || { echo "run as root (it creates a system user and chowns files)" >&2; exit 1; }
[ -x "$assembly/bin/karaf" ] || {
    echo "no assembly at $assembly: build it first (mvn -B -DskipTests install -pl distribution -am)" >&2; exit 1; }
unit_src="$assembly/bin/contrib/jconntrack.service"
[ -f "$unit_src" ] || { echo "no $unit_src in the assembly" >&2; exit 1; }

home="$root$prefix"
if ! id -u "$user" >/dev/null 2>&1; then
    if [ -n "$root" ]; then
        echo "user $user does not exist (with --root no user is created)" >&2; exit 1
    fi
    useradd --system --user-group --home-dir "$prefix/data" --no-create-home --shell /usr/sbin/nologin \
        --comment "jconntrack service" "$user"
    echo "created system user $user"
fi
group="$(id -gn "$user")"

mkdir -p "$home"
for d in bin lib system deploy; do
    rm -rf "${home:?}/$d"
    cp -a "$assembly/$d" "$home/$d"
done
# etc/ is the operator's once installed (users, ACL, jconntrack's PID): copied only the first time.
[ -d "$home/etc" ] || cp -a "$assembly/etc" "$home/etc"
mkdir -p "$home/data"
chown -R root:root "$home"
chmod 0755 "$home"
chown -R "$user:$group" "$home/data" "$home/etc"
chmod 0750 "$home/data" "$home/etc"
# What the assembly put there as others may read it (etc/users.properties, ...) as the container's umask 027
# (bin/setenv, the unit's UMask=0027) leaves what it writes: the owner and the group only.
chmod -R o-rwx "$home/data" "$home/etc"

unit_dir="$root/etc/systemd/system"
mkdir -p "$unit_dir"
sed -e "s|/opt/jconntrack|$prefix|g" -e "s|^User=.*|User=$user|" -e "s|^Group=.*|Group=$group|" \
    "$unit_src" > "$unit_dir/jconntrack.service.new"
chmod 0644 "$unit_dir/jconntrack.service.new"
mv "$unit_dir/jconntrack.service.new" "$unit_dir/jconntrack.service"
echo "installed $home (owner root; data/ and etc/ owned by $user) and $unit_dir/jconntrack.service"

if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    echo "start it with: systemctl enable --now jconntrack"
else
    echo "systemd not told (staging root or no running systemd)"
fi
