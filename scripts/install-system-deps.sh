#!/bin/sh
# Installs the Debian packages Parley's build and tests need (idempotent; needs root or sudo):
# libsecret for keytar's native build, gnome-keyring and dbus for a real keyring in tests,
# Chromium for end-to-end tests, patchelf and gcc for the XMTP SDK test peer's glibc shim,
# PostgreSQL for the delivery node's Postgres tests (scripts/with-postgres.sh runs a throwaway
# cluster; the tests do not use the cluster Debian's package may set up on port 5432).
set -eu
packages="chromium fonts-noto-color-emoji libsecret-1-dev gnome-keyring dbus libsecret-tools fonts-liberation patchelf gcc g++ make python3 postgresql"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
