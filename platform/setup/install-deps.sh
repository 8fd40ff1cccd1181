#!/usr/bin/env bash
# Installs what Fieldvoice needs on Debian 12, toolchain included. With --test, also what the
# tests need (Xvfb, xdotool, OpenSSL's command line, Chromium, ChromeDriver, Selenium and axe-core
# for the store's pages in a real browser, zbar-tools to read the receipt's QR code back).
# Then the store's web stylesheet (install-web-assets.sh). Safe to run again: it installs only
# what is missing. Uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libimgui-dev libsdl2-dev libstb-dev fonts-dejavu-core
  libespeak-ng-dev espeak-ng-data
  libqrencode-dev
  libsqlite3-dev libcurl4-openssl-dev nlohmann-json3-dev libcpp-httplib-dev libsodium-dev libssl-dev zlib1g-dev libdeflate-dev
  libgoogle-perftools-dev
  libkainjow-mustache-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(xvfb xauth xdotool x11-utils imagemagick openssl sqlite3 procps chromium
    chromium-driver python3-selenium zbar-tools)
fi

sudo_cmd=()
if [[ "$(id -u)" != 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: not root and sudo is missing; run this as root" >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi

# npm for the store's web stylesheet (govuk-frontend); Debian's npm unless a Node.js that
# brings its own npm is installed already.
if ! command -v npm >/dev/null; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

"$(dirname "$0")/install-web-assets.sh"
if [[ "${1:-}" == "--test" ]]; then
  # axe-core, the accessibility check the browser tests run on every page (npm only).
  browser_tests="$(cd "$(dirname "$0")/../../tests/browser" && pwd)"
  if [[ ! -f "$browser_tests/node_modules/axe-core/axe.min.js" ]]; then
    npm ci --prefix "$browser_tests" --no-audit --no-fund --ignore-scripts
  fi
fi
