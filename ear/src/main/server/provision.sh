#!/usr/bin/env bash
# Unpacked WildFly + spooler.cli = the Spooler server. Re-applies the script to a pristine configuration
# whenever the script changed, so the server's configuration is always exactly what the repository says.
set -euo pipefail
server=$1
cli=$2
config=$server/standalone/configuration
marker=$config/.spooler-cli.sha256
sum=$(sha256sum "$cli" | cut -d' ' -f1)
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$sum" ]; then
  exit 0
fi
[ -f "$config/standalone-full.xml.pristine" ] || cp "$config/standalone-full.xml" "$config/standalone-full.xml.pristine"
cp "$config/standalone-full.xml.pristine" "$config/standalone-full.xml"
rm -rf "$config/standalone_xml_history"
chmod +x "$server"/bin/*.sh
"$server/bin/jboss-cli.sh" --file="$cli"
echo "$sum" >"$marker"
