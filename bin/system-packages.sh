#!/usr/bin/env bash
# The Debian packages Meshwork needs, in one list. `bash bin/system-packages.sh kafka`: what `npm start` needs for
# librdkafka's mock cluster (headers, library, C compiler); `... test`: that plus what the tests need (Chromium, kcat,
# fonts). Installs the missing ones with apt-get, as root or through sudo; without dpkg it only says what to install.
set -euo pipefail

KAFKA_PACKAGES=(librdkafka-dev build-essential)
TEST_PACKAGES=("${KAFKA_PACKAGES[@]}" chromium kcat fonts-dejavu-core)

case "${1:-}" in
  kafka) wanted=("${KAFKA_PACKAGES[@]}") ;;
  test) wanted=("${TEST_PACKAGES[@]}") ;;
  *) echo "usage: bash bin/system-packages.sh kafka|test" >&2; exit 2 ;;
esac

if ! command -v dpkg >/dev/null 2>&1; then
  echo "Not a Debian system: make sure these (or their equivalents) are installed: ${wanted[*]}" >&2
  exit 0
fi
missing=()
for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Missing system packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
