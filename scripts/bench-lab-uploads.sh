#!/usr/bin/env bash
# Benchmarks lab uploads against a local `healthctl serve` on 127.0.0.1: LABS labs each post a batch of BATCH results
# at once (POST /v1/lab/results), ROUNDS times; prints each round's wall time, the results stored per second, and
# every status the server answered (all 200 expected). RESULTS=mixed (the default): results cycle over PEOPLE people,
# 1 in 40 positive, 1 in 40 pending, the rest negative (each of those issues a test certificate). RESULTS=positive or
# RESULTS=negative: every result is one, each for a person of their own (PEOPLE defaults to the number of results),
# and the cases opened per second are printed: a positive result opens a case with its isolation order, a verification
# code and a recovery certificate in the upload's transaction, so the two runs side by side give what a case costs.
# Usage: scripts/bench-lab-uploads.sh   (env: HEALTHCTL, LABS, BATCH, ROUNDS, PEOPLE, RESULTS,
#        DATABASE: a postgres:// URL of an empty database to benchmark PostgreSQL instead of SQLite)
# Needs curl, jq and python3. Builds nothing: point HEALTHCTL at a release build (swift build -c release).
set -euo pipefail
cd "$(dirname "$0")/.."

HEALTHCTL=${HEALTHCTL:-.build/release/healthctl}
LABS=${LABS:-8}
BATCH=${BATCH:-1000}
ROUNDS=${ROUNDS:-5}
RESULTS=${RESULTS:-mixed}
case "$RESULTS" in
mixed) PEOPLE=${PEOPLE:-10000} ;;
positive | negative) PEOPLE=${PEOPLE:-$((LABS * BATCH * ROUNDS))} ;;
*) echo "bench: RESULTS must be mixed, positive or negative" >&2; exit 2 ;;
esac
DATABASE=${DATABASE:-}

. scripts/bench-common.sh
bench_setup curl jq python3
ctl() { "$HEALTHCTL" "$@" "${storage[@]}" --actor bench; }

echo "== setup (data in $work)"
# Names of letters only (digits spelt A-J), so every certificate can be issued: a passport name has no digits.
awk -v n="$PEOPLE" 'function letters(i,  s) { s = ""; do { s = substr("ABCDEFGHIJ", i % 10 + 1, 1) s; i = int(i / 10) } while (i > 0); return s }
    BEGIN { print "nationalId,dateOfBirth,name,phone"; for (i = 0; i < n; i++) printf "6%08d,1980-01-01,Bench Person %s,\n", i, letters(i) }' >"$work/people.csv"
ctl people import "$work/people.csv" >/dev/null
for lab in $(seq "$LABS"); do ctl tokens create --role lab --name "bench-lab-$lab" --json | jq -r .token >"$work/lab-$lab.token"; done
ctl tokens create --role operator --name bench-operator --json | jq -r .token >"$work/operator.token"
python3 - "$work" "$RESULTS" "$LABS" "$BATCH" "$ROUNDS" "$PEOPLE" <<'EOF'
import datetime, json, sys
work, mix, (labs, batch, rounds, people) = sys.argv[1], sys.argv[2], map(int, sys.argv[3:])
when = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
for round in range(rounds):
    for lab in range(1, labs + 1):
        items = []
        for index in range(batch):
            if mix == "mixed":
                state = "positive" if index % 40 == 0 else "pending" if index % 40 == 1 else "negative"
                person = (index * 7 + lab * 131 + round * batch) % people
            else:
                state = mix
                person = ((round * labs + lab - 1) * batch + index) % people
            item = {"sampleId": f"B{lab}-R{round}-{index}", "nationalId": "6%08d" % person,
                    "test": "pcr", "result": state, "sampledAt": when}
            if state != "pending":
                item["resultedAt"] = when
            items.append(item)
        with open(f"{work}/batch-{round}-{lab}.json", "w") as file:
            json.dump(items, file)
EOF
echo "   $PEOPLE people, $LABS labs, $ROUNDS rounds of $BATCH-result batches, $RESULTS results"

bench_serve serve

echo "== uploads"
elapsed=0
for round in $(seq 0 $((ROUNDS - 1))); do
    round_start=$(date +%s.%N)
    for lab in $(seq "$LABS"); do
        curl -s -o /dev/null -w '%{http_code}\n' --max-time 600 -X POST "$url/v1/lab/results" \
            -H "Authorization: Bearer $(cat "$work/lab-$lab.token")" -H 'Content-Type: application/json' \
            --data-binary "@$work/batch-$round-$lab.json" >>"$work/statuses" &
    done
    wait $(jobs -p | grep -v "^${server_pids[0]}$")
    seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$round_start" "$(date +%s.%N)")
    elapsed=$(python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$elapsed" "$seconds")
    echo "   round $round: $seconds s"
done
python3 -c "import sys; n = int(sys.argv[1]) * int(sys.argv[2]) * int(sys.argv[3]); t = float(sys.argv[4]); print(f'   {n} results in {t:.2f} s: {n / t:,.0f} results/s')" \
    "$LABS" "$BATCH" "$ROUNDS" "$elapsed"
echo "   statuses: $(sort "$work/statuses" | uniq -c | tr '\n' ' ')"
if [ "$RESULTS" != mixed ]; then
    today=$(date -u +%F)
    opened=$(curl -sf -H "Authorization: Bearer $(cat "$work/operator.token")" \
        "$url/v1/statistics/daily?from=$today&to=$today" | jq '.days[0].casesOpened | if type == "number" then . else 0 end')
    python3 -c "import sys; n = int(sys.argv[1]); t = float(sys.argv[2]); print(f'   {n} cases opened: {n / t:,.0f} cases/s')" \
        "$opened" "$elapsed"
fi
