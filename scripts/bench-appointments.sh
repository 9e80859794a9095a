#!/usr/bin/env bash
# Benchmarks the appointment hot paths with wrk against a local `healthctl serve` on 127.0.0.1:
#   1. GET /healthz and GET /v1/slots (citizen token) in the same run: slot search should reach >= 75% of /healthz.
#   2. POST /v1/appointments at 64 connections with durable commits: bookings/s, p99 latency, and the servers' CPU
#      time per booking (user + system, from /proc: unlike bookings/s it barely moves with other load on the box);
#      with a PostgreSQL on this machine, its CPU time per booking too, and the bookings/s the cores allow for both.
#   3. The server's resident memory after BOOKINGS bookings.
# Usage: scripts/bench-appointments.sh   (env: HEALTHCTL, DURATION, BOOK_DURATION, BOOKINGS, MAX_ROUNDS, CONNECTIONS, THREADS,
#        DATABASE: a postgres:// URL of an empty database to benchmark PostgreSQL instead of SQLite,
#        SERVERS: with DATABASE, how many servers share it; requests go round-robin through them)
# Needs wrk, curl and jq. Builds nothing: point HEALTHCTL at a release build (swift build -c release).
set -euo pipefail
cd "$(dirname "$0")/.."

HEALTHCTL=${HEALTHCTL:-.build/release/healthctl}
DURATION=${DURATION:-10s}          # each read benchmark
BOOK_DURATION=${BOOK_DURATION:-30s} # each booking round
BOOKINGS=${BOOKINGS:-100000}        # bookings before the memory reading
MAX_ROUNDS=${MAX_ROUNDS:-12}        # bounds the run: at most this many booking rounds
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DATABASE=${DATABASE:-}
SERVERS=${SERVERS:-1}

. scripts/bench-common.sh
bench_setup wrk curl jq
ctl() { "$HEALTHCTL" "$@" "${storage[@]}" --actor bench; }

echo "== setup (data in $work)"
operator=$(ctl tokens create --role operator --name bench-operator --json | jq -r .token)
centre=$(ctl centres create --name "Bench Centre" --area Capital --services pcr --json | jq -r .id)
start=$(( ($(date -u +%s) / 86400 + 1) * 86400 ))
from=$(date -u -d "@$start" +%Y-%m-%dT%H:%M:%SZ)
to=$(date -u -d "@$((start + 30 * 3600))" +%Y-%m-%dT%H:%M:%SZ)
ctl slots create --centre "$centre" --service pcr --from "$from" --to "$to" --every 15m --capacity 1000 --json >/dev/null
people=$((BOOKINGS + BOOKINGS / 5 + 20000))
awk -v n="$people" 'BEGIN { print "nationalId,dateOfBirth,name,phone"; for (i = 0; i < n; i++) printf "6%08d,1980-01-01,Bench Person %d,\n", i, i }' >"$work/people.csv"
ctl people import "$work/people.csv" >/dev/null
ctl people list --limit "$people" --json | jq -r '.[].id' >"$work/people.txt"
ctl slots list --from "$from" --to "$to" --limit 500 --json | jq -r '.[].id' >"$work/slots.txt"
echo "   $(wc -l <"$work/people.txt") people, $(wc -l <"$work/slots.txt") slots of 1000 seats"

bases=()
for index in $(seq "$SERVERS"); do
    # wrk's connections all come from 127.0.0.1: the per-client limit would otherwise cap them at 64.
    bench_serve "serve-$index" --max-connections-per-client 2048
    bases+=("$url")
done
base=${bases[0]}
server_pid=${server_pids[0]}

# A citizen token, the way the app gets one: enrol, read the code from the outbox, verify.
curl -sf -X POST "$base/v1/accounts" -H 'Content-Type: application/json' \
    -d '{"nationalId":"599999999","dateOfBirth":"1990-01-17","name":"Bench Citizen","phone":"+97336000000"}' >/dev/null
code=$(ctl outbox list --limit 1 --json | jq -r '.[0].code')
citizen=$(curl -sf -X POST "$base/v1/accounts/verify" -H 'Content-Type: application/json' \
    -d "{\"nationalId\":\"599999999\",\"code\":\"$code\"}" | jq -r .token)

rps() { awk '/Requests\/sec/ { print $2 }'; }
p99() { awk '$1 == "99%" { print $2 }'; }

echo "== reads: $THREADS threads, $CONNECTIONS connections, $DURATION each"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base/healthz" >"$work/healthz.txt"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $citizen" \
    "$base/v1/slots?service=pcr&limit=20" >"$work/slots-search.txt"
healthz=$(rps <"$work/healthz.txt")
search=$(rps <"$work/slots-search.txt")
echo "   GET /healthz           $healthz req/s  (p99 $(p99 <"$work/healthz.txt"))"
echo "   GET /v1/slots (20)     $search req/s  (p99 $(p99 <"$work/slots-search.txt"))"
awk -v s="$search" -v h="$healthz" 'BEGIN { printf "   slot search / healthz = %.0f%% (goal >= 75%%)\n", 100 * s / h }'

cat >"$work/book.lua" <<'LUA'
-- Each request books the next unused person into the slots round-robin, with a fresh Idempotency-Key.
local people, slots, token, offset, stride, index = {}, {}, "", 0, 1, 0
local counter = 0
function setup(thread)
    thread:set("tid", counter)
    counter = counter + 1
end
function init(args)
    for line in io.lines(args[1]) do people[#people + 1] = line end
    for line in io.lines(args[2]) do slots[#slots + 1] = line end
    token, offset, stride = args[3], tonumber(args[4]), tonumber(args[5])
    index = offset + tid
end
function request()
    local person = people[(index % #people) + 1]
    local slot = slots[(index % #slots) + 1]
    index = index + stride
    return wrk.format("POST", "/v1/appointments", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = "bench-" .. person,
    }, '{"slotId":"' .. slot .. '","personId":"' .. person .. '"}')
end
LUA

# The healthctl servers' CPU ticks (not PostgreSQL's own processes).
server_cpu_ticks() { for pid in "${server_pids[@]}"; do cat "/proc/$pid/stat"; done | awk '{ n += $14 + $15 } END { print n }'; }

# The CPU ticks of PostgreSQL when DATABASE is on this machine (its postmaster, found by the port it listens on):
# the postmaster's own and those of its children that ended (it reaps them), and each running child's. Empty when
# the database is elsewhere.
postmaster=
if [[ "$DATABASE" =~ ^postgres(ql)?://[^@/]+@(127\.0\.0\.1|localhost)(:([0-9]+))?/ ]]; then
    port_hex=$(printf ':%04X' "${BASH_REMATCH[4]:-5432}")
    inode=$(awk -v p="$port_hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $10; exit }' /proc/net/tcp)
    [ -n "$inode" ] && postmaster=$(find /proc/[0-9]*/fd -lname "socket:\[$inode\]" 2>/dev/null | head -1 | cut -d/ -f3 || true)
    # A tunnel's end listening there is not PostgreSQL.
    [ -n "$postmaster" ] && [ "$(cat "/proc/$postmaster/comm" 2>/dev/null)" != postgres ] && postmaster=
fi
postgres_cpu_ticks() {
    [ -n "$postmaster" ] || return 0
    # The fields after the command name, which may hold spaces: state, ppid, ..., utime (12th), stime, cutime, cstime.
    for stat in /proc/[0-9]*/stat; do
        { read -r line <"$stat"; } 2>/dev/null || continue
        echo "${stat//[!0-9]/} ${line##*) }"
    done | awk -v pm="$postmaster" '$1 == pm { n += $13 + $14 + $15 + $16 } $3 == pm { n += $13 + $14 } END { print n }'
}
cores=$(nproc)
ticks_per_second=$(getconf CLK_TCK)
# per_booking TICKS BOOKINGS: microseconds of CPU per booking, or - when nothing was booked.
per_booking() {
    awk -v t="$1" -v hz="$ticks_per_second" -v n="$2" 'BEGIN { if (n > 0) printf "%.0f", t / hz * 1e6 / n; else print "-" }'
}

booked_total() { ctl slots list --from "$from" --to "$to" --limit 500 --json | jq '[.[] | .capacity - .remaining] | add'; }

echo "== bookings: $THREADS threads, $CONNECTIONS connections, $BOOK_DURATION rounds until $BOOKINGS are booked"
offset=0
round=0
total=$(booked_total)
while [ "$round" -lt "$MAX_ROUNDS" ]; do
    round=$((round + 1))
    booked_before=$total
    ticks_before=$(server_cpu_ticks)
    postgres_before=$(postgres_cpu_ticks)
    # One wrk per server, each with its share of the connections and its own people (interleaved by thread).
    for index in $(seq 0 $((SERVERS - 1))); do
        wrk -t"$THREADS" -c"$((CONNECTIONS / SERVERS))" -d"$BOOK_DURATION" --latency -s "$work/book.lua" \
            "${bases[$index]}" -- "$work/people.txt" "$work/slots.txt" "$operator" "$((offset + index * THREADS))" \
            "$((THREADS * SERVERS))" >"$work/book-$round-$index.txt" &
    done
    wait_for_wrk=$(jobs -p | grep -v -F -x -f <(printf '%s\n' "${server_pids[@]}") || true)
    for pid in $wait_for_wrk; do wait "$pid"; done
    sent=$(cat "$work"/book-"$round"-*.txt | awk '/requests in/ { n += $1 } END { print n }')
    non2xx=$(cat "$work"/book-"$round"-*.txt | awk '/Non-2xx/ { n += $NF } END { print n + 0 }')
    rate=$(cat "$work"/book-"$round"-*.txt | awk '/Requests\/sec/ { n += $2 } END { printf "%.0f", n }')
    worst=$(cat "$work"/book-"$round"-*.txt | awk '$1 == "99%" { print $2 }' | sort -h | tail -1)
    ticks=$(($(server_cpu_ticks) - ticks_before))
    postgres_ticks=$(postgres_cpu_ticks)
    total=$(booked_total)
    cpu=$(per_booking "$ticks" "$((total - booked_before))")
    database_cpu=
    if [ -n "$postgres_ticks" ] && [ "$cpu" != - ]; then
        postgres_cpu=$(per_booking "$((postgres_ticks - postgres_before))" "$((total - booked_before))")
        # What this machine's cores could book if they did nothing but run the servers and PostgreSQL.
        limit=$(awk -v c="$cores" -v s="$cpu" -v p="$postgres_cpu" 'BEGIN { printf "%.0f", c * 1e6 / (s + p) }')
        database_cpu=", PostgreSQL CPU $postgres_cpu us (with both, $cores cores book about $limit/s)"
    fi
    echo "   round $round: $rate bookings/s, p99 $worst, $non2xx non-2xx, server CPU $cpu us per booking$database_cpu, $total booked in all"
    # Requests still in flight when wrk stopped may have booked: skip past them.
    offset=$((offset + sent + CONNECTIONS * 2))
    if [ "$total" -ge "$BOOKINGS" ]; then break; fi
done

rss=$(awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status")
hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status")
stored="PostgreSQL"
[ -z "$DATABASE" ] && stored="health.sqlite $(du -m "$data/health.sqlite" | cut -f1) MiB"
echo "== memory after $(booked_total) bookings: RSS $((rss / 1024)) MiB (peak $((hwm / 1024)) MiB) of server 1; $stored"
ctl audit verify
