#!/usr/bin/env bash
# Installs the govuk-frontend stylesheet that fieldvoice-central serves with its web pages into
# sync/central/web/node_modules (never committed), at the version package-lock.json pins.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
web="$root/sync/central/web"
if [[ -f "$web/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css" ]]; then
  exit 0
fi
echo "install-web-assets: installing govuk-frontend into $web/node_modules"
npm ci --prefix "$web" --no-audit --no-fund --ignore-scripts
