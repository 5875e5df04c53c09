#!/usr/bin/env bash
# Unpacked WildFly + spooler.cli = the Spooler server (standalone-full.xml); + cluster.cli beside it = a cluster
# node's configuration (standalone-cluster.xml). Re-applies the scripts to a pristine configuration whenever one
# changed, so the server's configuration is always exactly what the repository says. Installs the modules kept
# beside the scripts (modules/; the build copies their jars in).
set -euo pipefail
server=$1
cli=$2
cluster_cli=$(dirname "$cli")/cluster.cli
config=$server/standalone/configuration
cp -r "$(dirname "$cli")/modules/." "$server/modules/"
# A self-signed key for the SMTP listener's STARTTLS, for development (spooler.listener.tls.keystore
# names a real one in production). Made once; `mvn clean` makes a new one.
keystore=$config/spooler-smtp.p12
if [ ! -f "$keystore" ]; then
  keytool=keytool
  [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/keytool" ] && keytool=$JAVA_HOME/bin/keytool
  "$keytool" -genkeypair -alias spooler-smtp -keyalg RSA -keysize 2048 -validity 3650 \
    -dname "CN=localhost" -ext "SAN=dns:localhost,ip:127.0.0.1" -storetype PKCS12 \
    -keystore "$keystore" -storepass spooler-dev -keypass spooler-dev >/dev/null 2>&1
fi
marker=$config/.spooler-cli.sha256
sum=$(cat "$cli" "$cluster_cli" "$0" | sha256sum | cut -d' ' -f1)
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
# The heap the broker's memory limits in spooler.cli are chosen for (README "Memory"); set before the
# distribution's default applies, and still overridden by JBOSS_JAVA_SIZING or JAVA_OPTS from the environment.
sed -i '1a if [ "x$JBOSS_JAVA_SIZING" = "x" ]; then JBOSS_JAVA_SIZING="-Xms256m -Xmx512m"; fi' "$conf"
"$server/bin/jboss-cli.sh" --file="$cli"
cp "$config/standalone-full.xml" "$config/standalone-cluster.xml"
"$server/bin/jboss-cli.sh" --file="$cluster_cli"
rm -rf "$config/standalone_xml_history"
echo "$sum" >"$marker"
