#!/usr/bin/env bash
# Benchmarks GET /v1/statistics/daily over a year against a local `healthctl serve` on 127.0.0.1, with the health
# database holding DAYS days of records of PEOPLE people, written by SQL straight into the tables (so the database's
# own triggers count them as the server's writes are counted): per person two bookings, two doses (a booster for one
# in five) and two test results; 1 result in 25 positive, each with a case, an isolation order with daily check-ins
# and a quarantine order for a contact. Prints the rows written, then the latency of REQUESTS requests for the last
# DAYS days (median, p99, max), and checks that the tests the statistics count add up to the results written.
# Usage: scripts/bench-statistics.sh   (env: HEALTHCTL, PEOPLE, DAYS, REQUESTS,
#        DATABASE: a postgres:// URL of an empty database to benchmark PostgreSQL instead of SQLite)
# Needs curl, jq, python3 and sqlite3 (or psql). Builds nothing: point HEALTHCTL at a release build.
set -euo pipefail
cd "$(dirname "$0")/.."

HEALTHCTL=${HEALTHCTL:-.build/release/healthctl}
PEOPLE=${PEOPLE:-1500000}
DAYS=${DAYS:-365}
REQUESTS=${REQUESTS:-200}
DATABASE=${DATABASE:-}

client=sqlite3
[ -n "$DATABASE" ] && client=psql
. scripts/bench-common.sh
bench_setup curl jq python3 "$client"

echo "== setup (data in $work)"
token=$("$HEALTHCTL" tokens create --role operator --name bench-statistics "${storage[@]}" --actor bench --json | jq -r .token)
seed_start=$(date +%s.%N)
if [ -z "$DATABASE" ]; then
    sqlite3 -bail "$data/health.sqlite" <<EOF
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE days AS
    SELECT value AS k, date('now', printf('-%d days', $DAYS - value)) AS day FROM generate_series(0, $DAYS - 1);
INSERT INTO centres (id, name, area, created_at) VALUES ('ctr_bench', 'Bench centre', 'Capital', '2020-01-01T00:00:00Z');
INSERT INTO centre_services (centre_id, service_id) VALUES ('ctr_bench', 'pcr'), ('ctr_bench', 'comirnaty');
INSERT INTO slots (id, centre_id, service_id, starts_at, duration_minutes, capacity, booked, created_at)
    SELECT 'slt_' || s.id || '_' || d.k, 'ctr_bench', s.id, d.day || 'T08:00:00Z', 15, 1000000, 0, '2020-01-01T00:00:00Z'
    FROM days AS d, (SELECT 'pcr' AS id UNION ALL SELECT 'comirnaty') AS s;
INSERT INTO people (id, national_id, date_of_birth, name, created_at)
    SELECT printf('per_b%07d', value), printf('7%08d', value), '1980-01-01', 'Bench Person', '2020-01-01T00:00:00Z'
    FROM generate_series(0, $PEOPLE - 1);
INSERT INTO appointments (id, slot_id, person_id, service_id, status, check_in_code, booked_by, created_at, updated_at)
    SELECT printf('apt_b%08d', value), 'slt_' || iif(value % 2, 'pcr', 'comirnaty') || '_' || d.k,
        printf('per_b%07d', value / 2), iif(value % 2, 'pcr', 'comirnaty'), 'completed', 'BENCH', 'bench',
        d.day || 'T07:00:00Z', d.day || 'T07:00:00Z'
    FROM generate_series(0, 2 * $PEOPLE - 1) JOIN days AS d ON d.k = value % $DAYS;
INSERT INTO vaccinations (id, person_id, service_id, dose_number, total_doses, administered_at, recorded_by, recorded_at)
    SELECT printf('vac_b%08d', value), printf('per_b%07d', value % $PEOPLE), 'comirnaty', value / $PEOPLE + 1, 2,
        d.day || 'T09:00:00Z', 'bench', d.day || 'T09:00:00Z'
    FROM generate_series(0, 2 * $PEOPLE + $PEOPLE / 5 - 1) JOIN days AS d ON d.k = (value * 7) % $DAYS;
INSERT INTO lab_results (id, lab, sample_id, person_id, test, result, sampled_at, resulted_at, version, created_at,
        updated_at)
    SELECT printf('res_b%08d', value), 'bench', printf('B%08d', value), printf('per_b%07d', value / 2), 'pcr',
        iif(value % 25 = 0, 'positive', 'negative'), d.day || 'T08:00:00Z', d.day || 'T20:00:00Z', 1,
        d.day || 'T20:00:00Z', d.day || 'T20:00:00Z'
    FROM generate_series(0, 2 * $PEOPLE - 1) JOIN days AS d ON d.k = value % $DAYS;
INSERT INTO cases (id, person_id, onset, state, opened_at, result_id)
    SELECT 'cas_' || substr(id, 5), person_id, substr(sampled_at, 1, 10),
        iif(sampled_at >= date('now', '-10 days'), 'isolating', 'recovered'), resulted_at, id
    FROM lab_results WHERE lab = 'bench' AND result = 'positive';
INSERT INTO orders (id, person_id, case_id, kind, start_date, end_date, state, released_at, release_reason, created_at)
    SELECT 'ord_i' || substr(id, 5), person_id, id, 'isolation', onset, date(onset, '+10 days'),
        iif(date(onset, '+10 days') <= date('now'), 'released', 'active'),
        iif(date(onset, '+10 days') <= date('now'), date(onset, '+10 days') || 'T06:00:00Z', NULL),
        iif(date(onset, '+10 days') <= date('now'), 'completed', NULL), opened_at
    FROM cases
    UNION ALL
    SELECT 'ord_q' || substr(id, 5), printf('per_b%07d', (CAST(substr(person_id, 6) AS integer) + $PEOPLE / 2) % $PEOPLE),
        id, 'quarantine', onset, date(onset, '+7 days'),
        iif(date(onset, '+7 days') <= date('now'), 'released', 'active'),
        iif(date(onset, '+7 days') <= date('now'), date(onset, '+7 days') || 'T06:00:00Z', NULL),
        iif(date(onset, '+7 days') <= date('now'), 'completed', NULL), opened_at
    FROM cases;
INSERT INTO check_ins (order_id, day, symptoms, temperature, created_at)
    SELECT o.id, date(o.start_date, printf('+%d days', g.value)), '', 36.8, date(o.start_date, printf('+%d days', g.value)) || 'T10:00:00Z'
    FROM orders AS o, generate_series(0, 9) AS g
    WHERE o.kind = 'isolation' AND date(o.start_date, printf('+%d days', g.value)) < date('now');
COMMIT;
EOF
    rows=$(sqlite3 "$data/health.sqlite" "SELECT (SELECT count(*) FROM people) || ' people, ' || (SELECT count(*) FROM appointments) || ' bookings, ' || (SELECT count(*) FROM vaccinations) || ' doses, ' || (SELECT count(*) FROM lab_results) || ' results, ' || (SELECT count(*) FROM cases) || ' cases, ' || (SELECT count(*) FROM orders) || ' orders, ' || (SELECT count(*) FROM check_ins) || ' check-ins'")
    written=$(sqlite3 "$data/health.sqlite" "SELECT count(*) FROM lab_results WHERE sampled_at >= date('now', '-$DAYS days')")
else
    psql -q -v ON_ERROR_STOP=1 "$DATABASE" <<EOF
BEGIN;
CREATE TEMP TABLE days AS SELECT value AS k, current_date - ($DAYS - value) AS day FROM generate_series(0, $DAYS - 1) AS value;
INSERT INTO centres (id, name, area, created_at) VALUES ('ctr_bench', 'Bench centre', 'Capital', '2020-01-01T00:00:00Z');
INSERT INTO centre_services (centre_id, service_id) VALUES ('ctr_bench', 'pcr'), ('ctr_bench', 'comirnaty');
INSERT INTO slots (id, centre_id, service_id, starts_at, duration_minutes, capacity, booked, created_at)
    SELECT 'slt_' || s.id || '_' || d.k, 'ctr_bench', s.id, (d.day + time '08:00') AT TIME ZONE 'UTC', 15, 1000000, 0, now()
    FROM days AS d, (VALUES ('pcr'), ('comirnaty')) AS s(id);
INSERT INTO people (id, national_id, date_of_birth, name, created_at)
    SELECT 'per_b' || lpad(value::text, 7, '0'), '7' || lpad(value::text, 8, '0'), '1980-01-01', 'Bench Person', now()
    FROM generate_series(0, $PEOPLE - 1) AS value;
INSERT INTO appointments (id, slot_id, person_id, service_id, status, check_in_code, booked_by, created_at, updated_at)
    SELECT 'apt_b' || lpad(value::text, 8, '0'),
        'slt_' || CASE WHEN value % 2 = 1 THEN 'pcr' ELSE 'comirnaty' END || '_' || d.k,
        'per_b' || lpad((value / 2)::text, 7, '0'), CASE WHEN value % 2 = 1 THEN 'pcr' ELSE 'comirnaty' END,
        'completed', 'BENCH', 'bench', (d.day + time '07:00') AT TIME ZONE 'UTC', (d.day + time '07:00') AT TIME ZONE 'UTC'
    FROM generate_series(0, 2 * $PEOPLE - 1) AS value JOIN days AS d ON d.k = value % $DAYS;
INSERT INTO vaccinations (id, person_id, service_id, dose_number, total_doses, administered_at, recorded_by, recorded_at)
    SELECT 'vac_b' || lpad(value::text, 8, '0'), 'per_b' || lpad((value % $PEOPLE)::text, 7, '0'), 'comirnaty',
        value / $PEOPLE + 1, 2, (d.day + time '09:00') AT TIME ZONE 'UTC', 'bench', (d.day + time '09:00') AT TIME ZONE 'UTC'
    FROM generate_series(0, 2 * $PEOPLE + $PEOPLE / 5 - 1) AS value JOIN days AS d ON d.k = (value * 7) % $DAYS;
INSERT INTO lab_results (id, lab, sample_id, person_id, test, result, sampled_at, resulted_at, version, created_at,
        updated_at)
    SELECT 'res_b' || lpad(value::text, 8, '0'), 'bench', 'B' || lpad(value::text, 8, '0'),
        'per_b' || lpad((value / 2)::text, 7, '0'), 'pcr', CASE WHEN value % 25 = 0 THEN 'positive' ELSE 'negative' END,
        (d.day + time '08:00') AT TIME ZONE 'UTC', (d.day + time '20:00') AT TIME ZONE 'UTC', 1,
        (d.day + time '20:00') AT TIME ZONE 'UTC', (d.day + time '20:00') AT TIME ZONE 'UTC'
    FROM generate_series(0, 2 * $PEOPLE - 1) AS value JOIN days AS d ON d.k = value % $DAYS;
INSERT INTO cases (id, person_id, onset, state, opened_at, result_id)
    SELECT 'cas_' || substr(id, 5), person_id, (sampled_at AT TIME ZONE 'UTC')::date,
        CASE WHEN sampled_at >= current_date - 10 THEN 'isolating' ELSE 'recovered' END, resulted_at, id
    FROM lab_results WHERE lab = 'bench' AND result = 'positive';
INSERT INTO orders (id, person_id, case_id, kind, start_date, end_date, state, released_at, release_reason, created_at)
    SELECT 'ord_' || k.kind || substr(c.id, 5),
        CASE WHEN k.kind = 'i' THEN c.person_id
            ELSE 'per_b' || lpad(((substr(c.person_id, 6)::integer + $PEOPLE / 2) % $PEOPLE)::text, 7, '0') END,
        c.id, CASE WHEN k.kind = 'i' THEN 'isolation' ELSE 'quarantine' END, c.onset, c.onset + k.days,
        CASE WHEN c.onset + k.days <= current_date THEN 'released' ELSE 'active' END,
        CASE WHEN c.onset + k.days <= current_date THEN (c.onset + k.days + time '06:00') AT TIME ZONE 'UTC' END,
        CASE WHEN c.onset + k.days <= current_date THEN 'completed' END, c.opened_at
    FROM cases AS c, (VALUES ('i', 10), ('q', 7)) AS k(kind, days);
INSERT INTO check_ins (order_id, day, symptoms, temperature, created_at)
    SELECT o.id, o.start_date + g, '', 36.8, (o.start_date + g + time '10:00') AT TIME ZONE 'UTC'
    FROM orders AS o, generate_series(0, 9) AS g WHERE o.kind = 'isolation' AND o.start_date + g < current_date;
COMMIT;
VACUUM ANALYZE;
EOF
    rows=$(psql -tA "$DATABASE" -c "SELECT (SELECT count(*) FROM people) || ' people, ' || (SELECT count(*) FROM appointments) || ' bookings, ' || (SELECT count(*) FROM vaccinations) || ' doses, ' || (SELECT count(*) FROM lab_results) || ' results, ' || (SELECT count(*) FROM cases) || ' cases, ' || (SELECT count(*) FROM orders) || ' orders, ' || (SELECT count(*) FROM check_ins) || ' check-ins'")
    written=$(psql -tA "$DATABASE" -c "SELECT count(*) FROM lab_results WHERE sampled_at >= current_date - $DAYS")
fi
echo "   $rows written in $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.0f}')" "$seed_start" "$(date +%s.%N)") s"

bench_serve serve

from=$(python3 -c "import datetime, sys; print(datetime.date.today() - datetime.timedelta(days=int(sys.argv[1])))" "$DAYS")
to=$(python3 -c "import datetime; print(datetime.date.today() - datetime.timedelta(days=1))")
request="$url/v1/statistics/daily?from=$from&to=$to"
echo "== GET /v1/statistics/daily?from=$from&to=$to, $REQUESTS requests one after another"
curl -sf -H "Authorization: Bearer $token" "$request" >"$work/daily.json"
for _ in $(seq "$REQUESTS"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" "$request" >>"$work/times"
done
python3 - "$work/times" "$work/daily.json" "$written" <<'EOF'
import json, statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
statuses = sorted({status for status, _ in rows})
times = sorted(float(seconds) * 1000 for _, seconds in rows)
p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
print(f"   median {statistics.median(times):.1f} ms, p99 {p99:.1f} ms, max {times[-1]:.1f} ms; statuses {statuses}")
days = json.load(open(sys.argv[2]))["days"]
tests = sum(day["tests"] for day in days if isinstance(day["tests"], int))
print(f"   {len(days)} days; tests counted {tests:,}, results written {int(sys.argv[3]):,}")
if tests != int(sys.argv[3]):
    sys.exit("bench: the statistics do not add up to the results written")
EOF
