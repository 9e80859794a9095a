#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: initdb in a temporary directory as an unprivileged user,
# a server on 127.0.0.1 and a free port, its URL exported as HEALTH_TEST_POSTGRES_URL; the cluster is stopped
# and removed when the command ends, whatever its outcome. Fails loudly when PostgreSQL is not installed.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "error: the tests need PostgreSQL's server (Debian: postgresql); none under /usr/lib/postgresql" >&2
    exit 1
fi

# initdb refuses root: as root, the cluster belongs to nobody.
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    as_owner() { runuser -u nobody -- "$@"; }
fi

dir=$(mktemp -d /tmp/health-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown nobody:nogroup "$dir"
cleanup() {
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner "$bin/initdb" -D "$dir/data" -U health --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
# fsync is off: the cluster lives for one run and no test kills PostgreSQL itself. The suite's databases, servers and
# commands hold about 320 connections at their peak.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c max_connections=1000 -c fsync=off" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }

export HEALTH_TEST_POSTGRES_URL="postgres://health@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the tests"
"$@"
