#!/usr/bin/env bash
# Start, stop or query the local Kafka-protocol broker (Tansu, in memory) for development.
#
#   infra/broker.sh start [--port 9092]   # prints the bootstrap address: export TRAPPE_KAFKA=…
#   infra/broker.sh status
#   infra/broker.sh stop
#
# The pid and port live in $TRAPPE_BROKER_STATE (default /tmp/trappe-broker-$UID.json).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
[ -x "$python" ] || python="$(command -v python3)"
exec "$python" -m ingestion.local_broker "$@"
