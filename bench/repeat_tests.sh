#!/usr/bin/env bash
# The README's test command, N times in a row, on a fresh clone, with every core kept busy.
#
#   bench/repeat_tests.sh [RUNS] [COMMIT]     (default: 20 runs of HEAD)
#
# It proves that no test depends on timing: a flaky test fails some runs on a loaded machine.
# The clone sits next to a link to ../shared (as in CI), so the quality gates run too.
# Load: stress-ng (Debian's `stress-ng`) with one CPU worker per core, or a shell busy loop
# per core where stress-ng is absent. Logs: bench/out/repeat-<commit>/run-N.log and a summary.
set -uo pipefail
runs=${1:-20}
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse --short "${2:-HEAD}")
work=$(mktemp -d "${TMPDIR:-/tmp}/digest-repeat-XXXXXX")
out="$repo/bench/out/repeat-$commit"
mkdir -p "$out"
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"
git clone -q "$repo" "$work/main" && git -C "$work/main" checkout -q "$commit"

cores=$(nproc)
load=()
if command -v stress-ng >/dev/null; then
  stress-ng --cpu "$cores" --quiet & load+=($!)
else
  for _ in $(seq "$cores"); do (while :; do :; done) & load+=($!); done
fi
trap 'kill "${load[@]}" 2>/dev/null; rm -rf "$work"' EXIT

failures=0
summary="$out/summary.txt"
echo "commit $commit, $runs runs of 'make test' with $cores busy cores ($(date -u +%FT%TZ))" | tee "$summary"
for n in $(seq "$runs"); do
  start=$(date +%s)
  if (cd "$work/main" && CI=true make test) >"$out/run-$n.log" 2>&1; then status=passed; else status=FAILED; failures=$((failures + 1)); fi
  line=$(grep -E '^[0-9]+ (passed|failed)|[0-9]+ passed' "$out/run-$n.log" | tail -1)
  echo "run $n: $status in $(( $(date +%s) - start )) s: $line" | tee -a "$summary"
done
echo "$runs runs, $failures failed" | tee -a "$summary"
[ "$failures" -eq 0 ]
