#!/usr/bin/env bash
# The test server's users, one per role of the authorization matrix (README "Security"), and one
# test-only broker permission. add-user updates a user that exists, so a second run changes nothing.
# Test-only passwords.
set -euo pipefail
server=$1
config=$server/standalone/configuration
add() { "$server/bin/add-user.sh" -a -u "$1" -p "$2" -g "$3" -sc "$config" >/dev/null; }
add spooler-it 'spooler-it-1!' relay          # the remote JMS application (RemoteJms)
add it-sender 'it-sender-1!' sender           # granted every From by -Dspooler.senders.it-sender
add it-alice 'it-alice-1!' sender             # owns LOCAL:it-alice and what it is granted
add it-operator 'it-operator-1!' operator
add it-admin 'it-admin-1!' sender,operator,admin
add it-nobody 'it-nobody-1!' ''               # authenticated, no role
add it-injector 'it-injector-1!' test-injector

# QueueManagementIT puts a poison dispatch on the transport stage's queue, which no role may touch
# in the product: the test server alone lets role test-injector send there. Applied once per
# provisioned configuration (provision.sh rewrites it when spooler.cli changes).
marker=$config/.test-security
provisioned=$(cat "$config/.spooler-cli.sha256")
if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$provisioned" ]; then
  "$server/bin/jboss-cli.sh" --commands="embed-server --server-config=standalone-full.xml --stability=community,/subsystem=messaging-activemq/server=default/security-setting=jms.queue.spooler.transport:add,/subsystem=messaging-activemq/server=default/security-setting=jms.queue.spooler.transport/role=test-injector:add(send=true),stop-embedded-server" >/dev/null
  echo "$provisioned" >"$marker"
fi
echo "test users added to $server"
