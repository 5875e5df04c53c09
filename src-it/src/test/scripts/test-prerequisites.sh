#!/usr/bin/env bash
# What the integration tests need from the machine, made ready by the build itself: Debian's
# Chromium and chromedriver (the console test), and, for the PostgreSQL run, a running PostgreSQL.
# Usage: test-prerequisites.sh <needs-postgresql: true|false>
set -euo pipefail
needs_postgresql="${1:-false}"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The console test needs Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2
    exit 1
  fi
  echo "Installing chromium and chromium-driver (the console test drives them)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

if [ "$needs_postgresql" = "true" ] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
