#!/usr/bin/env bash
# Which test files' processes outlive their tests (under `node --test`, such a file never ends: the CI hangs with
# nothing printed for it). Runs each built test file alone with Node's in-process runner, as a fresh CI machine
# would (an empty HOME, no XDG_CACHE_HOME), and prints the seconds from its last test verdict to the summary
# (printed once the event loop is empty: a long wait here is a handle left open) and to the process's exit (the
# rest is the heap's teardown). Usage, after `npm run build`: scripts/test-linger.sh [FILE|DIR ...] (default:
# out/test/unit out/test/lsp out/test/fuzz). Set LINGER_OVER=SECONDS to print only the files over it.
set -uo pipefail
cd "$(dirname "$0")/.."
over=${LINGER_OVER:-0}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
[ $# -gt 0 ] || set -- out/test/unit out/test/lsp out/test/fuzz
printf '%-60s %9s %9s %9s\n' file to_summary to_exit total
for f in $(find "$@" -name '*.test.cjs' | sort); do
  home=$(mktemp -d)
  log="$logs/run.log"
  start=$EPOCHREALTIME
  env -u XDG_CACHE_HOME HOME="$home" timeout 900 node --test-reporter=tap "$f" 2>&1 | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$log"
  end=$EPOCHREALTIME
  rm -rf "$home"
  last=$(grep -E '^[0-9.]+ (not )?ok [0-9]+ ' "$log" | tail -1 | cut -d' ' -f1)
  summary=$(grep -E '^[0-9.]+ # duration_ms ' "$log" | tail -1 | cut -d' ' -f1)
  [ -n "$last" ] || last=$end
  [ -n "$summary" ] || summary=$end
  to_exit=$(echo "$end - $last" | bc)
  if [ "$(echo "$to_exit >= $over" | bc)" = 1 ]; then
    printf '%-60s %9.2f %9.2f %9.2f\n' "$f" "$(echo "$summary - $last" | bc)" "$to_exit" "$(echo "$end - $start" | bc)"
  fi
done
