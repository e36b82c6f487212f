#!/bin/sh
# apt-ensure.sh PKG... - install the Debian packages that are missing, and nothing else.
# Fast path: when dpkg already has every package, apt is not touched at all (no update, no lock).
# Runs apt-get as root (or through sudo); apt lists are fetched only when they are missing or
# an install fails on stale lists.
set -eu
missing=""
for pkg in "$@"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "apt-ensure: these Debian packages are missing:$missing" >&2
  echo "apt-ensure: run 'make' as root (or install sudo), or install them yourself." >&2
  exit 1
fi

echo "apt-ensure: installing$missing"
export DEBIAN_FRONTEND=noninteractive
install() {
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    -o Dpkg::Options::=--force-unsafe-io $missing
}
# No lists at all on a fresh machine: fetch them first.
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' -e '^auxfiles$' || true)" ]; then
  $SUDO apt-get update -q
fi
if ! install; then
  echo "apt-ensure: install failed, refreshing the package lists and retrying" >&2
  $SUDO apt-get update -q
  install
fi
