#!/usr/bin/env bash
# CI entry: builds the Python package (python/, PyO3 + maturin), installs the
# wheel and runs its pytest suite (python/tests), which compares it with the
# CLI and runs it inside PySpark (local mode, so Java 17+ is needed too).
#
# Installs what is missing from PyPI (maturin, pytest, pandas<3 as PySpark 4
# still recommends, pyarrow, pyspark) and Debian (openjdk-17-jre-headless).
# Exits non-zero on any failure, and when pytest ran no test (exit code 5).
# Usage: bash tests/python/run.sh [PYTEST ARGS...]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
export PYTHONDONTWRITEBYTECODE=1
PYTHON=${PYTHON:-python3}
start=$SECONDS

missing=()
for mod in pytest:pytest "pandas:pandas<3" pyarrow:pyarrow pyspark:pyspark; do
    "$PYTHON" -c "import ${mod%%:*}" >/dev/null 2>&1 || missing+=("${mod##*:}")
done
# maturin is run as `python -m maturin`.
"$PYTHON" -m maturin --version >/dev/null 2>&1 || missing+=(maturin)
if [ ${#missing[@]} -gt 0 ]; then
    echo "python: installing ${missing[*]}" >&2
    "$PYTHON" -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi

java_ok() {
    command -v java >/dev/null 2>&1 || return 1
    local v
    v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    [ -n "$v" ] && [ "$v" -ge 17 ]
}
if ! java_ok; then
    echo "python: installing openjdk-17-jre-headless" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi

# The CLI, to compare against.
cargo build --profile iter --quiet --bin whosaid
export WHOSAID_BIN="$CARGO_TARGET_DIR/iter/whosaid"

# The wheel. Not --locked: python/Cargo.lock must follow changes to the
# main crate's dependencies without a separate commit.
wheels="$CARGO_TARGET_DIR/wheels"
rm -rf "$wheels"
"$PYTHON" -m maturin build --release --quiet -m python/Cargo.toml -i "$PYTHON" -o "$wheels" >&2
wheel=$(ls "$wheels"/whosaid-*.whl | head -n1)
"$PYTHON" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
echo "python: installed $(basename "$wheel") after $((SECONDS - start))s" >&2

export PYSPARK_PYTHON=${PYSPARK_PYTHON:-$(command -v "$PYTHON")}
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# Run from python/tests so that `import whosaid` finds the installed wheel.
cd python/tests
set +e
"$PYTHON" -m pytest -p no:cacheprovider -q "$@" .
rc=$?
set -e
echo "python: total $((SECONDS - start))s" >&2
if [ $rc -eq 5 ]; then
    echo "python: pytest collected no tests" >&2
    exit 1
fi
exit $rc
