#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine: system packages, then npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium librdkafka-dev kcat fonts-dejavu-core build-essential)
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# `npm install` rather than `npm ci`: the lock file leaves out other platforms' optional binaries
# (Next's SWC, Tailwind's oxide), which `npm ci` treats as out of sync; the lock still pins every version.
npm install --no-audit --no-fund
