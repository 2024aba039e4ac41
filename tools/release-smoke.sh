#!/usr/bin/env bash
# Release smoke test: build the Linux bundle, run its --smoke-test with no network, and
# measure the build time, the bundle size and the bundle's start-up time.
#
#   tools/release-smoke.sh [--no-build] [--runs N]
#
# --no-build   test the bundle already in dist/interfant-desktop
# --runs N     timed start-ups per measurement (default 5; the median is reported)
#
# No network: the bundle runs under `unshare -n` (as root) or `unshare -rn` (an
# unprivileged user namespace). Where neither is possible the script stops, unless
# RELEASE_SMOKE_ALLOW_NETWORK=1. Any unexpected output on stderr fails the test (Qt's
# harmless offscreen "propagateSizeHints" warning excepted). The figures are printed
# and written to dist/release-smoke.txt. Page caches are not dropped: the start-up
# times are for a machine that has run the app (or just built it) before.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
runs=5
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=0 ;;
    --runs) runs=$2; shift ;;
    *) echo "release-smoke.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
bundle=dist/interfant-desktop
exe=$bundle/interfant-desktop
report=dist/release-smoke.txt
work=$(mktemp -d "${TMPDIR:-/tmp}/release-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

build_s="not built (--no-build)"
if [ "$build" = 1 ]; then
  t0=$(now)
  installers/build-linux.sh 2>&1 | grep -v -E "WARNING: (Library not found|Hidden import|Library .* required via ctypes)" || true
  [ -x "$exe" ] || { echo "release-smoke.sh: the build did not produce $exe" >&2; exit 1; }
  build_s="$(elapsed "$t0" "$(now)") s (PyInstaller bundle + tar.gz archive)"
fi
[ -x "$exe" ] || { echo "release-smoke.sh: no bundle at $exe; run without --no-build" >&2; exit 1; }

if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  nonet=(unshare -n)
elif unshare -rn true 2>/dev/null; then
  nonet=(unshare -rn)
elif [ "${RELEASE_SMOKE_ALLOW_NETWORK:-0}" = 1 ]; then
  echo "release-smoke.sh: WARNING: cannot isolate from the network; running with it" >&2
  nonet=()
else
  echo "release-smoke.sh: cannot run without network (unshare -n needs root or user namespaces);" \
       "set RELEASE_SMOKE_ALLOW_NETWORK=1 to run anyway" >&2
  exit 1
fi
# A clean environment: no display, no developer settings, an empty home and data folder.
run_bundle() {
  "${nonet[@]}" env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen TMPDIR="$work" "$@"
}
mkdir -p "$work/home"

echo "== smoke test of $exe (no network)"
if ! run_bundle "$exe" --smoke-test >"$work/smoke.out" 2>"$work/smoke.err"; then
  cat "$work/smoke.out" "$work/smoke.err"
  echo "release-smoke.sh: the bundle's smoke test FAILED" >&2
  exit 1
fi
cat "$work/smoke.out"
if grep -v -e "propagateSizeHints" "$work/smoke.err" | grep -q .; then
  echo "release-smoke.sh: unexpected output on stderr:" >&2
  cat "$work/smoke.err" >&2
  exit 1
fi
[ ! -e "$work/home/.local/share/interfant-desktop" ] \
  || { echo "release-smoke.sh: the smoke test wrote into the user's data folder" >&2; exit 1; }

echo "== start-up times (median of $runs runs each)"
times_smoke=()
for _ in $(seq "$runs"); do
  t0=$(now); run_bundle "$exe" --smoke-test >/dev/null 2>&1; times_smoke+=("$(elapsed "$t0" "$(now)")")
done
times_version=()
for _ in $(seq "$runs"); do
  t0=$(now); run_bundle "$exe" --version >/dev/null 2>&1; times_version+=("$(elapsed "$t0" "$(now)")")
done
# The main window on an existing database, signed in, until the patient list is shown.
data="$work/data"
run_bundle env INTERFANT_DATA_DIR="$data" INTERFANT_PASSWORD=release-smoke-password \
  "$exe" init --admin bench >/dev/null 2>&1 \
  || { echo "release-smoke.sh: 'init' failed in the bundle" >&2; exit 1; }
times_ready=()
for _ in $(seq "$runs"); do
  t0=$(now)
  run_bundle env INTERFANT_DATA_DIR="$data" INTERFANT_PASSWORD=release-smoke-password \
    "$exe" --user bench --exit-when-ready >/dev/null 2>"$work/ready.err" \
    || { cat "$work/ready.err" >&2; echo "release-smoke.sh: --exit-when-ready failed" >&2; exit 1; }
  times_ready+=("$(elapsed "$t0" "$(now)")")
done

archive=$(ls -t dist/interfant-desktop-*-linux-*.tar.gz 2>/dev/null | head -1 || true)
{
  echo "Interfant Desktop release smoke test, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(uname -m), $(nproc) CPU(s)"
  echo "smoke test (no network):        passed"
  echo "build time:                     $build_s"
  echo "bundle size (du -sh):           $(du -sh "$bundle" | cut -f1)  ($bundle)"
  [ -n "$archive" ] && echo "archive size:                   $(du -h "$archive" | cut -f1)  ($archive)"
  echo "start to --version exit:        $(printf '%s\n' "${times_version[@]}" | median) s  (runs: ${times_version[*]})"
  echo "start to window shown (--exit-when-ready, signed in, existing database):"
  echo "                                $(printf '%s\n' "${times_ready[@]}" | median) s  (runs: ${times_ready[*]})"
  echo "whole --smoke-test:             $(printf '%s\n' "${times_smoke[@]}" | median) s  (runs: ${times_smoke[*]})"
  echo "(wall-clock, page cache not dropped: the first start after a reboot is slower)"
} | tee "$report"
