#!/usr/bin/env bash
# One command from a fresh Debian 12 to every test passing: installs, builds, runs the tests,
# then builds again with AddressSanitizer + UndefinedBehaviorSanitizer and runs them again.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/platform/setup/install-deps.sh" --test

# The two builds and their test runs take about this much disk at their peak: 8.1 GB on a
# clean checkout (build/ 2.1 GB, build-asan/ 5.9 GB). With less free, say so before the
# half hour of building, not after it as a compiler's "No space left on device".
need_mb=9000
free_mb="$(df -Pm "$root" | awk 'NR == 2 { print $4 }')"
if [[ -n "$free_mb" ]] && (( free_mb < need_mb )); then
  echo "test.sh: only ${free_mb} MB free on the disk of $root; the builds and tests need about" \
    "${need_mb} MB (with FIELDVOICE_SKIP_SANITIZERS=1, about 2500 MB)" >&2
fi

werror=()
[[ -n "${CI:-}" ]] && werror=(-DFIELDVOICE_WERROR=ON)

echo "== build (RelWithDebInfo)"
BUILD_DIR="$root/build" "$root/platform/setup/build.sh" "${werror[@]}"
echo "== tests"
ctest --test-dir "$root/build" --output-on-failure -j2 --timeout 900

if [[ "${FIELDVOICE_SKIP_SANITIZERS:-}" != 1 ]]; then
  echo "== build (address,undefined sanitizers)"
  BUILD_DIR="$root/build-asan" BUILD_TYPE=Debug "$root/platform/setup/build.sh" \
    -DFIELDVOICE_SANITIZE=ON -DFIELDVOICE_BUILD_BENCH=OFF "${werror[@]}"
  echo "== tests under sanitizers"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure -j2 --timeout 1800
fi
