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
# The server runs at the stability level spooler.cli configures it at (see there why).
conf=$server/bin/standalone.conf
[ -f "$conf.pristine" ] || cp "$conf" "$conf.pristine"
cp "$conf.pristine" "$conf"
echo 'JAVA_OPTS="$JAVA_OPTS -Djboss.stability=community"' >>"$conf"
"$server/bin/jboss-cli.sh" --file="$cli"
echo "$sum" >"$marker"
