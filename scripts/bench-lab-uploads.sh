#!/usr/bin/env bash
# Benchmarks lab uploads against a local `healthctl serve` on 127.0.0.1: LABS labs each post a batch of BATCH results
# at once (POST /v1/lab/results), ROUNDS times; prints each round's wall time, the results stored per second, and
# every status the server answered (all 200 expected). Results cycle over PEOPLE people, 1 in 40 positive, 1 in 40
# pending, the rest negative (each of those issues a test certificate).
# Usage: scripts/bench-lab-uploads.sh   (env: HEALTHCTL, LABS, BATCH, ROUNDS, PEOPLE,
#        DATABASE: a postgres:// URL of an empty database to benchmark PostgreSQL instead of SQLite)
# Needs curl, jq and python3. Builds nothing: point HEALTHCTL at a release build (swift build -c release).
set -euo pipefail
cd "$(dirname "$0")/.."

HEALTHCTL=${HEALTHCTL:-.build/release/healthctl}
LABS=${LABS:-8}
BATCH=${BATCH:-1000}
ROUNDS=${ROUNDS:-5}
PEOPLE=${PEOPLE:-10000}
DATABASE=${DATABASE:-}

for tool in curl jq python3; do command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }; done
[ -x "$HEALTHCTL" ] || { echo "bench: $HEALTHCTL not found; build it with: swift build -c release" >&2; exit 2; }

work=$(mktemp -d)
data="$work/data"
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

storage=(--data "$data")
[ -n "$DATABASE" ] && storage+=(--database "$DATABASE")
ctl() { "$HEALTHCTL" "$@" "${storage[@]}" --actor bench; }

echo "== setup (data in $work)"
awk -v n="$PEOPLE" 'BEGIN { print "nationalId,dateOfBirth,name,phone"; for (i = 0; i < n; i++) printf "6%08d,1980-01-01,Bench Person %d,\n", i, i }' >"$work/people.csv"
ctl people import "$work/people.csv" >/dev/null
for lab in $(seq "$LABS"); do ctl tokens create --role lab --name "bench-lab-$lab" --json | jq -r .token >"$work/lab-$lab.token"; done
python3 - "$work" "$LABS" "$BATCH" "$ROUNDS" "$PEOPLE" <<'EOF'
import datetime, json, sys
work, labs, batch, rounds, people = sys.argv[1], *map(int, sys.argv[2:])
when = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
for round in range(rounds):
    for lab in range(1, labs + 1):
        items = []
        for index in range(batch):
            state = "positive" if index % 40 == 0 else "pending" if index % 40 == 1 else "negative"
            item = {"sampleId": f"B{lab}-R{round}-{index}", "nationalId": "6%08d" % ((index * 7 + lab * 131 + round * batch) % people),
                    "test": "pcr", "result": state, "sampledAt": when}
            if state != "pending":
                item["resultedAt"] = when
            items.append(item)
        with open(f"{work}/batch-{round}-{lab}.json", "w") as file:
            json.dump(items, file)
EOF
echo "   $PEOPLE people, $LABS labs, $ROUNDS rounds of $BATCH-result batches"

"$HEALTHCTL" serve "${storage[@]}" --port 0 --log-level error >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -1)
[ -n "$url" ] || { echo "bench: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }

echo "== uploads"
elapsed=0
for round in $(seq 0 $((ROUNDS - 1))); do
    round_start=$(date +%s.%N)
    for lab in $(seq "$LABS"); do
        curl -s -o /dev/null -w '%{http_code}\n' --max-time 600 -X POST "$url/v1/lab/results" \
            -H "Authorization: Bearer $(cat "$work/lab-$lab.token")" -H 'Content-Type: application/json' \
            --data-binary "@$work/batch-$round-$lab.json" >>"$work/statuses" &
    done
    wait $(jobs -p | grep -v "^$server_pid$")
    seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$round_start" "$(date +%s.%N)")
    elapsed=$(python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$elapsed" "$seconds")
    echo "   round $round: $seconds s"
done
python3 -c "import sys; n = int(sys.argv[1]) * int(sys.argv[2]) * int(sys.argv[3]); t = float(sys.argv[4]); print(f'   {n} results in {t:.2f} s: {n / t:,.0f} results/s')" \
    "$LABS" "$BATCH" "$ROUNDS" "$elapsed"
echo "   statuses: $(sort "$work/statuses" | uniq -c | tr '\n' ' ')"
