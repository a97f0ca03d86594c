#!/usr/bin/env bash
# Start, stop or query a local Spark standalone cluster (one master, one worker, loopback only),
# to run trappe's Spark jobs the way they run on a real cluster.
#
#   infra/spark.sh start [--cores 1] [--memory 2g]   # prints: export TRAPPE_SPARK_MASTER=spark://…
#   infra/spark.sh status
#   infra/spark.sh stop
#
# The master URL, pids and log directory live in $TRAPPE_SPARK_CLUSTER_STATE
# (default /tmp/trappe-spark-cluster-$UID.json); logs stay in /tmp/trappe-spark-cluster-$UID/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
[ -x "$python" ] || python="$(command -v python3)"
exec "$python" -m transformations.cluster "$@"
