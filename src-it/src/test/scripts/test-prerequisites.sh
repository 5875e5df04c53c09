#!/usr/bin/env bash
# What the integration tests need from the machine, made ready by the build itself: Debian's
# Chromium and chromedriver (the console test), and, for the PostgreSQL run, a running PostgreSQL.
# Usage: test-prerequisites.sh <needs-postgresql: true|false>
set -euo pipefail
needs_postgresql="${1:-false}"

# Another apt-get (or an unattended upgrade) may hold the package manager's locks: wait up to 5 minutes
# rather than fail. DPkg::Lock::Timeout makes apt-get wait for dpkg's lock; apt-get update (2.6) ignores it
# for the package lists' lock, so an update that found that lock taken is tried again.
apt_update() {
  local out attempt
  for attempt in $(seq 1 60); do
    if out=$(apt-get -o DPkg::Lock::Timeout=300 update -qq 2>&1); then
      return 0
    fi
    grep -q 'Could not get lock' <<<"$out" || break
    [ "$attempt" -gt 1 ] || echo "Waiting for the package lists' lock: $(grep -m1 'Could not get lock' <<<"$out")"
    sleep 5
  done
  echo "$out" >&2
  return 1
}

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The console test needs Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2
    exit 1
  fi
  echo "Installing chromium and chromium-driver (the console test drives them)"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium chromium-driver
fi

if [ "$needs_postgresql" = "true" ] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
