#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for ConsoleBrowserTest (it never downloads a browser).
# Idempotent; CI calls it before the Maven build. Needs root (apt).
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver > /dev/null
/usr/bin/chromium --version
