#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keytar talks to
# a real Secret Service (as on a desktop) without touching the user's own keyring.
set -eu
if [ -n "${PARLEY_IN_KEYRING:-}" ]; then exec "$@"; fi
export PARLEY_IN_KEYRING=1
exec dbus-run-session -- sh -c '
  export XDG_DATA_HOME="$(mktemp -d)"
  printf %s "parley-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' sh "$@"
