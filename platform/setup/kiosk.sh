#!/usr/bin/env bash
# One command from a fresh Debian 12 to a running kiosk on the bundled sample consultation.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/platform/setup/install-deps.sh"
BUILD_TARGETS=fieldvoice "$root/platform/setup/build.sh"
exec "$root/build/app/fieldvoice" --consultation "$root/assets/consultations/libraries-2027.json" "$@"
