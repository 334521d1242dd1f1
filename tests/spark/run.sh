#!/usr/bin/env bash
# CI entry: examples/spark_pipe.py in local[2] mode must give the same records
# as the single-process `whosaid extract --jsonl`, document for document.
#
# Installs what is missing: a Java 17+ runtime (Debian's
# openjdk-17-jre-headless) and pyspark (PyPI). Builds the CLI (the quicker
# optimised `iter` profile: output does not depend on the profile).
# Usage: bash tests/spark/run.sh   (from anywhere; exits non-zero on mismatch)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
PYTHON=${PYTHON:-python3}
start=$SECONDS

java_ok() {
    command -v java >/dev/null 2>&1 || return 1
    local v
    v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    [ -n "$v" ] && [ "$v" -ge 17 ]
}
if ! java_ok; then
    echo "spark: installing openjdk-17-jre-headless" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
    java_ok || { echo "spark: no Java 17+ after install" >&2; exit 1; }
fi

if ! "$PYTHON" -c 'import pyspark' >/dev/null 2>&1; then
    echo "spark: installing pyspark" >&2
    "$PYTHON" -m pip install --quiet --disable-pip-version-check pyspark
fi

cargo build --profile iter --quiet --bin whosaid

# Quiet Spark's own logging; the checks print what matters.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
export PYSPARK_PYTHON=${PYSPARK_PYTHON:-$(command -v "$PYTHON")}
"$PYTHON" tests/spark/check.py --whosaid "$CARGO_TARGET_DIR/iter/whosaid"
echo "spark: total $((SECONDS - start))s" >&2
