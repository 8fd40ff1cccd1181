#!/usr/bin/env bash
# One command to a running central programme store for trying Fieldvoice out: installs, builds,
# publishes the sample consultations, prints a one-time enrolment code for a kiosk, and serves
# on http://127.0.0.1:8080/ (override with FIELDVOICE_STORE_LISTEN). The database is
# store-data/store.db in the checkout (override with FIELDVOICE_STORE_DB).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/platform/setup/install-deps.sh"
BUILD_TARGETS=fieldvoice-central "$root/platform/setup/build.sh"
central="$root/build/sync/central/fieldvoice-central"
db="${FIELDVOICE_STORE_DB:-$root/store-data/store.db}"
listen="${FIELDVOICE_STORE_LISTEN:-127.0.0.1:8080}"
mkdir -p "$(dirname "$db")"

for f in "$root"/assets/consultations/*.json; do
  "$central" --db "$db" publish "$f"
done
code="$("$central" --db "$db" enrol-code --name "Kiosk $(date +%H%M%S)" 2>/dev/null | tail -n 1)"
cat <<MSG

  Store:            http://$listen/
  Enrolment code:   $code   (single use, valid for 24 hours)

  On the kiosk: open the officer screen (Ctrl+Alt+O, or hold the top-right corner for 3 s),
  enter the PIN, and enrol with the store URL and this code.
  Export what has arrived:
    $central --db $db export libraries-2027 --format csv --out libraries.csv

MSG
exec "$central" --db "$db" serve --listen "$listen"
