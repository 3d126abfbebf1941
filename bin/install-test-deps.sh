#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine: system packages, then npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# The apt packages (librdkafka-dev, build-essential, chromium, kcat, fonts) are listed once, in bin/system-packages.sh,
# which `npm start` also uses for the mock Kafka cluster.
bash bin/system-packages.sh test

# `npm install` rather than `npm ci`: the lock file leaves out other platforms' optional binaries
# (Next's SWC, Tailwind's oxide), which `npm ci` treats as out of sync; the lock still pins every version.
npm install --no-audit --no-fund
