#!/usr/bin/env bash
# Runs a mix of healthctl commands many times and tallies their exit statuses: every run must end with 0-3 (the
# CLI's scheme); a crash at exit (134 abort, 139 segfault, ...) shows up as another status. A measurement, not a
# test: `make test` does not run it.
#   scripts/cli-exit-loop.sh [RUNS]   (default 20000; env: HEALTHCTL, JOBS parallel runners (default 2),
#                                      DATABASE: a postgres:// URL of a throwaway database; then every fourth run
#                                      uses it (password from HEALTH_DATABASE_PASSWORD or PGPASSWORD))
# Under scripts/with-postgres.sh, DATABASE defaults to its cluster. Prints the tally and how long the runs took;
# the standard error of each run outside 0-3 is kept in the work directory, which is then left in place.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-20000}
HEALTHCTL=${HEALTHCTL:-.build/release/healthctl}
JOBS=${JOBS:-2}
DATABASE=${DATABASE:-${HEALTH_TEST_POSTGRES_URL:-}}
[ -x "$HEALTHCTL" ] || { echo "cli-exit-loop: $HEALTHCTL not found; build it (swift build -c release)" >&2; exit 2; }
HEALTHCTL=$(realpath "$HEALTHCTL")

work=$(mktemp -d /tmp/cli-exit-loop.XXXXXX)
data="$work/data"
"$HEALTHCTL" keys init --data "$data" --country BH >/dev/null
"$HEALTHCTL" tokens create --data "$data" --role operator --name loop >/dev/null
[ -n "$DATABASE" ] && "$HEALTHCTL" tokens create --data "$data" --database "$DATABASE" --role operator --name loop \
    >/dev/null
touch "$work/not-a-directory"

# One command line per kind of ending: done (0), refused (1), usage (2), could not run (3), with and without a
# database write, and commands that open no database at all.
commands=(
    "tokens list --data DATA"
    "tokens create --data DATA --role lab --name loop-lab --json"
    "services list --data DATA --json"
    "centres list --data DATA"
    "outbox list --data DATA --json"
    "audit verify --data DATA"
    "exposure stats --data DATA"
    "exposure codes issue --data DATA --test-date TODAY --json"
    "maintenance run --data DATA --json"
    "status show --data DATA --national-id 900112345"
    "tokens revoke --data DATA --id tok_unknown"
    "slots list --data DATA --service nosuch"
    "cert transliterate Müller"
    "cert transliterate Αλέξανδρος"
    "version"
    "tokens list --data DATA --no-such-option"
    "tokens list --data $work/not-a-directory"
)
postgres_commands=(
    "tokens list --data DATA --database DB"
    "exposure codes issue --data DATA --database DB --test-date TODAY --json"
    "audit verify --data DATA --database DB"
    "tokens revoke --data DATA --database DB --id tok_unknown"
    "exposure stats --data DATA --database DB"
)

# Runner $1 does runs $1, $1+JOBS, ...; each line it writes is "STATUS COMMAND".
runner() {
    local first=$1 run line status today
    today=$(date -u +%F)
    for ((run = first; run < RUNS; run += JOBS)); do
        if [ -n "$DATABASE" ] && ((run % 4 == 3)); then
            line=${postgres_commands[$(((run / 4) % ${#postgres_commands[@]}))]}
        else
            line=${commands[$((run % ${#commands[@]}))]}
        fi
        line=${line//DATA/$data}
        line=${line//DB/$DATABASE}
        line=${line//TODAY/$today}
        status=0
        # shellcheck disable=SC2086 # the command line is split into its words on purpose
        "$HEALTHCTL" $line >/dev/null 2>"$work/stderr.$first" || status=$?
        if ((status > 3)); then cp "$work/stderr.$first" "$work/failed.$run.stderr"; fi
        echo "$status $line"
    done >"$work/statuses.$first"
}

start=$(date +%s)
for ((job = 0; job < JOBS; job++)); do runner "$job" & done
wait
seconds=$(($(date +%s) - start))

echo "$RUNS runs in ${seconds}s ($JOBS at a time); exit statuses:"
cat "$work"/statuses.* | awk '{print $1}' | sort -n | uniq -c
outside=$(cat "$work"/statuses.* | awk '$1 > 3' | wc -l)
if ((outside > 0)); then
    echo "$outside run(s) outside 0-3 (their standard error: $work/failed.*):"
    cat "$work"/statuses.* | awk '$1 > 3' | sort | uniq -c
    exit 1
fi
rm -rf "$work"
