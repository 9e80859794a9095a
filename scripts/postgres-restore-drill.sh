#!/usr/bin/env bash
# A PostgreSQL restore drill: restores a `pg_dump -Fc` archive of the health database into a fresh throwaway
# cluster (scripts/with-postgres.sh), checks the audit chain, serves it with a copy of the data directory's keys
# until /readyz answers 200, and prints what it restored (`restored appointments=N people=N audit=N`). DATA_DIR is
# only read: the server's export job would otherwise mirror the older database's exports into DATA_DIR/exports.
#   scripts/postgres-restore-drill.sh DUMP DATA_DIR     (HEALTHCTL: the healthctl to use; default: the debug build)
set -euo pipefail

if [ $# -ne 2 ] || [ ! -f "$1" ]; then
    echo "usage: $0 DUMP DATA_DIR   (DUMP made by pg_dump -Fc)" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
export DRILL_DUMP=$(realpath "$1") DRILL_DATA=$2
export HEALTHCTL=${HEALTHCTL:-$(cd "$here/.." && swift build --show-bin-path)/healthctl}

exec "$here/with-postgres.sh" bash -c '
    set -euo pipefail
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    cluster=$HEALTH_TEST_POSTGRES_URL
    url=${cluster%/postgres}/restored
    "$bin/psql" "$cluster" -q -c "CREATE DATABASE restored"
    "$bin/pg_restore" --no-owner --exit-on-error -d "$url" "$DRILL_DUMP"
    data=$(mktemp -d)
    trap "rm -rf $data" EXIT
    if [ -d "$DRILL_DATA/keys" ]; then cp -a "$DRILL_DATA/keys" "$data/keys"; fi
    "$HEALTHCTL" audit verify --data "$data" --database "$url"

    log=$(mktemp)
    "$HEALTHCTL" serve --data "$data" --database "$url" --port 0 --log-level error >"$log" 2>&1 &
    server=$!
    trap "kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f $log; rm -rf $data" EXIT
    base=""
    for _ in $(seq 1 300); do
        base=$(grep -o "listening on http://[0-9.:]*" "$log" | head -n 1 | cut -d" " -f3 || true)
        [ -n "$base" ] && break
        kill -0 $server 2>/dev/null || { cat "$log" >&2; exit 1; }
        sleep 0.1
    done
    [ -n "$base" ] || { echo "error: the server did not start" >&2; cat "$log" >&2; exit 1; }
    python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + \"/readyz\", timeout=10)" "$base"
    count() { "$bin/psql" "$url" -tAc "SELECT count(*) FROM $1"; }
    echo "restored appointments=$(count appointments) people=$(count people) audit=$(count audit_log)"
'
