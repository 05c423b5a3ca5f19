#!/bin/sh
# The container's command: battsim with the given arguments (default: both emulators on 0.0.0.0).
# A container listens on 0.0.0.0, where the simulation control (/_sim/) must not be open: it is protected by
# BATTSIM_CONTROL_TOKEN when that is set (battsim reads it), and switched off when it is not.
# exec: node becomes PID 1's direct process and gets SIGTERM from `docker stop` itself.
set -eu
BATTSIM="$(dirname "$0")/../bin/battsim.js"
if [ "$#" -eq 0 ]; then
  set -- start --host 0.0.0.0
fi
if [ -n "${BATTSIM_CONTROL_TOKEN:-}" ]; then
  exec node "$BATTSIM" "$@"
fi
case "$1" in
  start | sessy | homevolt | sessy-meter | site) exec node "$BATTSIM" "$@" --no-control ;;
  *) exec node "$BATTSIM" "$@" ;;
esac
