#!/usr/bin/env bash
# Start, stop or query the local Apache Kafka broker (one KRaft node on loopback, Java 17, from
# the jars `make jars` fetches into infra/.jars/kafka/) for development.
#
#   infra/broker.sh start [--port 9092]   # prints the bootstrap address: export TRAPPE_KAFKA=…
#   infra/broker.sh status
#   infra/broker.sh stop
#
# The pid and port live in $TRAPPE_BROKER_STATE (default /tmp/trappe-broker-$UID.json), the
# topics in $TRAPPE_BROKER_DATA (default /tmp/trappe-broker-$UID/, kept from stop to start).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
[ -x "$python" ] || python="$(command -v python3)"
exec "$python" -m ingestion.local_broker "$@"
