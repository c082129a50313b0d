#!/usr/bin/env bash
# run-fuzzer.sh — one bounded libFuzzer run from a copy of a seed corpus
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-fuzzer.sh FUZZER SEED_DIR DICT MAX_LEN FINDINGS_DIR
#
# Fuzzes for RESEAU_FUZZ_SECONDS (default 30) in a temporary folder, so that
# nothing is ever written into the source tree, and exits non-zero on any
# finding: a crash, a sanitizer report, a leak, an input slower than
# RESEAU_FUZZ_INPUT_TIMEOUT seconds (default 10), or a run that did not
# execute at all. A finding is copied to FINDINGS_DIR and dumped in hex into
# the log (od -A x -t x1z), so that the log alone is enough to rebuild it.

set -euo pipefail

if [[ $# -ne 5 ]]; then
  echo "usage: $0 FUZZER SEED_DIR DICT MAX_LEN FINDINGS_DIR" >&2
  exit 2
fi
fuzzer=$(realpath -- "$1") seeds=$2 dict=$3 max_len=$4 findings=$5
name=$(basename "$fuzzer")
seconds=${RESEAU_FUZZ_SECONDS:-30}
input_timeout=${RESEAU_FUZZ_INPUT_TIMEOUT:-10}

for value in "$seconds" "$input_timeout" "$max_len"; do
  if [[ ! $value =~ ^[1-9][0-9]*$ ]]; then
    echo "$name: '$value' is not a positive number of seconds or bytes" >&2
    exit 2
  fi
done
[[ -x $fuzzer ]] || { echo "$name: $fuzzer is not an executable" >&2; exit 2; }
seed_files=("$seeds"/*)
if [[ ! -f ${seed_files[0]} ]]; then
  echo "$name: the seed corpus $seeds is empty" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/reseau-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus" "$work/artifacts"
cp -- "${seed_files[@]}" "$work/corpus/"

# Set here rather than inherited: build-aux/dev's defaults (full stacks on
# every malloc) would make each execution several times slower, and a leak
# must fail the run. Only system-library leaks are suppressed.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
if [[ -n ${LSAN_SUPPRESSIONS:-} ]]; then
  export LSAN_OPTIONS=suppressions=$LSAN_SUPPRESSIONS:print_suppressions=0
fi
export G_DEBUG=gc-friendly
# A test checks every promise; only a run by hand may turn them off.
unset RESEAU_FUZZ_ORACLES
export LC_ALL=C.UTF-8

echo "$name: fuzzing for $seconds s from ${#seed_files[@]} seed(s) in $seeds (max_len $max_len, timeout $input_timeout s per input)"
status=0
# libFuzzer stops itself after -max_total_time; the outer timeout is only for
# a fuzzer stuck where its own watchdog cannot reach. Its default exit status
# on a finding is 77, which meson reads as "skipped": hence -error_exitcode.
timeout --kill-after=10s "$((seconds + input_timeout + 120))" \
  "$fuzzer" \
  -max_total_time="$seconds" \
  -max_len="$max_len" \
  -timeout="$input_timeout" \
  -rss_limit_mb=2048 \
  -dict="$dict" \
  -print_final_stats=1 \
  -error_exitcode=1 \
  -timeout_exitcode=2 \
  -artifact_prefix="$work/artifacts/" \
  "$work/corpus" >"$work/log" 2>&1 || status=$?

# The progress lines are many; the end of the log holds the report.
if [[ $status -ne 0 ]]; then
  tail -n 150 "$work/log"
else
  grep -E '^(INFO: seed corpus|#[0-9]+[[:space:]]+(INITED|DONE)|Done [0-9]+ runs|stat::)' "$work/log" || true
fi

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
crashes=("$work"/artifacts/*)
if [[ -f ${crashes[0]} ]]; then
  mkdir -p "$findings"
  for crash in "${crashes[@]}"; do
    cp -- "$crash" "$findings/"
    echo
    echo "$name: FINDING $(basename "$crash") ($(stat -c %s "$crash") bytes), kept as $findings/$(basename "$crash")"
    echo "$name: reproduce with: $fuzzer $findings/$(basename "$crash")"
    od -A x -t x1z -v "$crash" | head -n 256
  done
  # An artifact is a finding even if libFuzzer somehow exited 0.
  [[ $status -ne 0 ]] || status=1
fi

# Whatever happened, never 77: meson would count the test as skipped.
[[ $status -ne 77 ]] || status=1

if [[ $status -eq 124 || $status -eq 137 ]]; then
  echo "$name: FAILED: still running $((seconds + input_timeout + 120)) s after it started"
elif [[ $status -eq 2 ]]; then
  echo "$name: FAILED: an input ran longer than $input_timeout s (a hang, or far too slow)"
elif [[ $status -ne 0 ]]; then
  echo "$name: FAILED: libFuzzer exited with status $status (a crash, a sanitizer report or a leak)"
elif [[ -z $runs || $runs -eq 0 ]]; then
  echo "$name: FAILED: the fuzzer executed nothing"
  status=1
else
  echo "$name: $runs executions, no finding"
fi
exit "$status"
