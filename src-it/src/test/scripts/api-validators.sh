#!/usr/bin/env bash
# The validators ApiContractsIT runs over the served contracts, installed from npm by the build (as
# test-prerequisites.sh installs Chromium), at the versions the pom pins. Skipped when that exact set is
# there already.
# Usage: api-validators.sh <directory> <@redocly/cli version> <@asyncapi/cli version>
set -euo pipefail
dir=$1
wanted="@redocly/cli@$2 @asyncapi/cli@$3"
if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$wanted" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "ApiContractsIT needs Node.js and npm: apt-get install nodejs npm" >&2; exit 1; }
echo "Installing $wanted into $dir"
mkdir -p "$dir"
# shellcheck disable=SC2086
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error $wanted
echo "$wanted" >"$dir/.installed"
