import HealthServices

extension PostgresHealthSchema {
    /// Daily statistics as counters kept by triggers in the transaction of each write (see
    /// `SQLiteHealthSchema.statisticsCounts` for what each metric counts), days taken in UTC.
    ///
    /// Every booking of every server adds to the same day's count, so a count is kept in several rows (`shard`, from
    /// the connection's backend process) that readers add up: concurrent transactions on different connections
    /// mostly update different rows instead of waiting on one row's lock until the other commits.
    static let statisticsCounts = Migration(
        version: 12,
        name: "statistics-counts",
        sql: """
            CREATE TABLE statistics_counts (
                metric text NOT NULL,
                day date NOT NULL,
                shard smallint NOT NULL,
                count bigint NOT NULL,
                PRIMARY KEY (metric, day, shard)
            );
            CREATE FUNCTION statistics_add(text, date, integer) RETURNS void LANGUAGE sql AS $$
                INSERT INTO statistics_counts AS counts (metric, day, shard, count)
                VALUES ($1, $2, pg_backend_pid() % \(releasedShards), $3)
                ON CONFLICT (metric, day, shard) DO UPDATE SET count = counts.count + excluded.count
            $$;
            CREATE FUNCTION statistics_order_end(end_date date, released_at timestamptz) RETURNS date LANGUAGE sql AS $$
                SELECT LEAST(end_date, \(day("released_at")) + 1)
            $$;
            CREATE FUNCTION lab_results_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND OLD.result IN ('positive', 'negative') THEN
                    PERFORM statistics_add('tests', \(day("OLD.sampled_at")), -1);
                    IF OLD.result = 'positive' THEN
                        PERFORM statistics_add('positive', \(day("OLD.sampled_at")), -1);
                    END IF;
                END IF;
                IF NEW.result IN ('positive', 'negative') THEN
                    PERFORM statistics_add('tests', \(day("NEW.sampled_at")), 1);
                    IF NEW.result = 'positive' THEN
                        PERFORM statistics_add('positive', \(day("NEW.sampled_at")), 1);
                    END IF;
                END IF;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER lab_results_counted AFTER INSERT ON lab_results
                FOR EACH ROW EXECUTE FUNCTION lab_results_count();
            CREATE TRIGGER lab_results_recounted AFTER UPDATE OF result, sampled_at ON lab_results
                FOR EACH ROW WHEN (OLD.result IS DISTINCT FROM NEW.result OR OLD.sampled_at IS DISTINCT FROM NEW.sampled_at)
                EXECUTE FUNCTION lab_results_count();
            CREATE FUNCTION written_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                CASE TG_TABLE_NAME
                WHEN 'vaccinations' THEN
                    PERFORM statistics_add(\(doseMetric("NEW")), \(day("NEW.administered_at")), 1);
                WHEN 'appointments' THEN
                    PERFORM statistics_add('bookings', \(day("NEW.created_at")), 1);
                WHEN 'cases' THEN
                    PERFORM statistics_add('casesOpened', \(day("NEW.opened_at")), 1);
                WHEN 'check_ins' THEN
                    PERFORM statistics_add('checkIns', NEW.day, 1);
                END CASE;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER vaccinations_counted AFTER INSERT ON vaccinations
                FOR EACH ROW EXECUTE FUNCTION written_count();
            CREATE TRIGGER appointments_counted AFTER INSERT ON appointments
                FOR EACH ROW EXECUTE FUNCTION written_count();
            CREATE TRIGGER cases_counted AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION written_count();
            CREATE TRIGGER check_ins_counted AFTER INSERT ON check_ins FOR EACH ROW EXECUTE FUNCTION written_count();
            CREATE FUNCTION orders_count() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ends date;
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    ends := statistics_order_end(OLD.end_date, OLD.released_at);
                    IF ends > OLD.start_date THEN
                        PERFORM statistics_add(OLD.kind || 'Change', OLD.start_date, -1);
                        PERFORM statistics_add(OLD.kind || 'Change', ends, 1);
                    END IF;
                END IF;
                ends := statistics_order_end(NEW.end_date, NEW.released_at);
                IF ends > NEW.start_date THEN
                    PERFORM statistics_add(NEW.kind || 'Change', NEW.start_date, 1);
                    PERFORM statistics_add(NEW.kind || 'Change', ends, -1);
                END IF;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER orders_counted AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION orders_count();
            CREATE TRIGGER orders_recounted AFTER UPDATE OF start_date, end_date, released_at ON orders
                FOR EACH ROW EXECUTE FUNCTION orders_count();
            INSERT INTO statistics_counts (metric, day, shard, count)
            SELECT metric, day, 0, sum(amount) FROM (
                SELECT 'tests' AS metric, \(day("sampled_at")) AS day, 1 AS amount FROM lab_results
                WHERE result IN ('positive', 'negative')
                UNION ALL SELECT 'positive', \(day("sampled_at")), 1 FROM lab_results WHERE result = 'positive'
                UNION ALL SELECT \(doseMetric("vaccinations")), \(day("administered_at")), 1 FROM vaccinations
                UNION ALL SELECT 'bookings', \(day("created_at")), 1 FROM appointments
                UNION ALL SELECT 'casesOpened', \(day("opened_at")), 1 FROM cases
                UNION ALL SELECT 'checkIns', day, 1 FROM check_ins
                UNION ALL SELECT kind || 'Change', start_date, 1 FROM orders
                WHERE statistics_order_end(end_date, released_at) > start_date
                UNION ALL SELECT kind || 'Change', statistics_order_end(end_date, released_at), -1 FROM orders
                WHERE statistics_order_end(end_date, released_at) > start_date
            ) AS written GROUP BY metric, day;
            DROP INDEX lab_results_sampled;
            DROP INDEX vaccinations_administered;
            DROP INDEX appointments_created;
            DROP INDEX check_ins_day;
            """
    )

    /// `statistics_add` updates an existing count with a plain `UPDATE`, and inserts (`ON CONFLICT … DO UPDATE`) only
    /// a count not there yet.
    ///
    /// `ON CONFLICT DO UPDATE` locks the row before it updates it, and in a savepoint (each item of a lab batch is
    /// one) that lock and the update are kept together as a multixact on every version of the row. The next update
    /// of the same count in the same transaction walks those versions, looking up each multixact's members: a
    /// 1,000-result batch spent a fifth of PostgreSQL's time there (`GetMultiXactIdMembers`). A plain `UPDATE`
    /// makes no multixact, and counts the same: a concurrent first insert of the same count still meets the key.
    static let statisticsAddWithoutLocks = Migration(
        version: 15,
        name: "statistics-add-without-locks",
        sql: statisticsAdd(shards: releasedShards)
    )

    /// Spreads each count over 64 rows instead of 8.
    ///
    /// A count's row stays locked from a booking's trigger to its COMMIT, and each server's pool holds up to 20
    /// connections: with 8 rows, two of them often shared one, and the second booking waited for the first's COMMIT.
    /// In a 64-connection booking run that wait was 1.5 ms of each booking's 2.1 ms in its statement
    /// (`pg_stat_statements`). Backend process ids are handed out in order, so a pool's connections mostly fall on
    /// distinct rows of 64.
    static let statisticsShardsPerConnection = Migration(
        version: 16,
        name: "statistics-shards-per-connection",
        sql: statisticsAdd(shards: shards)
    )

    /// `statistics_fold(before)`: each count of a day before `before` kept in writers' rows becomes one row, in
    /// shard -1, which no writer's shard (0…63) is; returns the rows folded away.
    ///
    /// With 64 shards a year's read could add up 64 rows per metric and day: 112-114 ms with two years of counts in
    /// every shard, 16-28 ms once they were folded (466,560 rows, in 1.7 s). The fold never waits on a writer:
    /// it takes only rows no transaction holds (`SKIP LOCKED`), leaving an uncommitted count for its next pass, and
    /// writes only shard -1, which writers never lock. Two servers' folds take turns on an advisory lock, and the
    /// second returns at once. Should a lock ever be waited on all the same, the fold gives up after a second
    /// (`lock_timeout`) rather than hold up a write. A writer that finds its row folded away inserts it again.
    static let statisticsFold = Migration(
        version: 17,
        name: "statistics-fold",
        sql: """
            CREATE FUNCTION statistics_fold(before date) RETURNS integer LANGUAGE plpgsql AS $$
            DECLARE
                folded integer;
            BEGIN
                IF NOT pg_try_advisory_xact_lock(\(foldLock)) THEN
                    RETURN 0;
                END IF;
                PERFORM set_config('lock_timeout', '1s', true);
                WITH taken AS (
                    DELETE FROM statistics_counts WHERE (metric, day, shard) IN (
                        SELECT metric, day, shard FROM statistics_counts WHERE day < before AND shard >= 0
                        FOR UPDATE SKIP LOCKED)
                    RETURNING metric, day, count
                ), added AS (
                    INSERT INTO statistics_counts AS counts (metric, day, shard, count)
                    SELECT metric, day, -1, sum(count) FROM taken GROUP BY metric, day
                    ON CONFLICT (metric, day, shard) DO UPDATE SET count = counts.count + excluded.count
                )
                SELECT count(*) INTO folded FROM taken;
                RETURN folded;
            END
            $$;
            """
    )

    /// An order released early stops counting the day after its release in Bahrain, whose days orders keep (see
    /// `SQLiteHealthSchema.orderEndsInBahrain`); the orders' counts are recounted, into the folded shard.
    static let orderEndsInBahrain = Migration(
        version: 20,
        name: "order-ends-in-bahrain",
        sql: """
            CREATE OR REPLACE FUNCTION statistics_order_end(end_date date, released_at timestamptz) RETURNS date
            LANGUAGE sql AS $$
                SELECT LEAST(end_date, (released_at AT TIME ZONE 'UTC' + interval '3 hours')::date + 1)
            $$;
            DELETE FROM statistics_counts WHERE metric IN ('isolationChange', 'quarantineChange');
            INSERT INTO statistics_counts (metric, day, shard, count)
            SELECT metric, day, -1, sum(amount) FROM (
                SELECT kind || 'Change' AS metric, start_date AS day, 1 AS amount FROM orders
                WHERE statistics_order_end(end_date, released_at) > start_date
                UNION ALL SELECT kind || 'Change', statistics_order_end(end_date, released_at), -1 FROM orders
                WHERE statistics_order_end(end_date, released_at) > start_date
            ) AS order_days GROUP BY metric, day;
            """
    )

    /// Check-ins are due under an order from the later of its start and the day it was made in Bahrain (see
    /// `SQLiteHealthSchema.checkInsDueFromTheOrdersDay`): `orders_count` counts `checkInsDueChange` as well, and the
    /// stored orders' are counted into the folded shard.
    static let checkInsDueFromTheOrdersDay = Migration(
        version: 21,
        name: "check-ins-due-from-the-orders-day",
        sql: """
            CREATE FUNCTION statistics_check_ins_due(start_date date, created_at timestamptz) RETURNS date
            LANGUAGE sql AS $$
                SELECT GREATEST(start_date, (created_at AT TIME ZONE 'UTC' + interval '3 hours')::date)
            $$;
            CREATE OR REPLACE FUNCTION orders_count() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ends date;
                due date;
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    ends := statistics_order_end(OLD.end_date, OLD.released_at);
                    IF ends > OLD.start_date THEN
                        PERFORM statistics_add(OLD.kind || 'Change', OLD.start_date, -1);
                        PERFORM statistics_add(OLD.kind || 'Change', ends, 1);
                    END IF;
                    due := statistics_check_ins_due(OLD.start_date, OLD.created_at);
                    IF ends > due THEN
                        PERFORM statistics_add('checkInsDueChange', due, -1);
                        PERFORM statistics_add('checkInsDueChange', ends, 1);
                    END IF;
                END IF;
                ends := statistics_order_end(NEW.end_date, NEW.released_at);
                IF ends > NEW.start_date THEN
                    PERFORM statistics_add(NEW.kind || 'Change', NEW.start_date, 1);
                    PERFORM statistics_add(NEW.kind || 'Change', ends, -1);
                END IF;
                due := statistics_check_ins_due(NEW.start_date, NEW.created_at);
                IF ends > due THEN
                    PERFORM statistics_add('checkInsDueChange', due, 1);
                    PERFORM statistics_add('checkInsDueChange', ends, -1);
                END IF;
                RETURN NULL;
            END
            $$;
            DELETE FROM statistics_counts WHERE metric = 'checkInsDueChange';
            INSERT INTO statistics_counts (metric, day, shard, count)
            SELECT 'checkInsDueChange', day, -1, sum(amount) FROM (
                SELECT statistics_check_ins_due(start_date, created_at) AS day, 1 AS amount FROM orders
                WHERE statistics_order_end(end_date, released_at) > statistics_check_ins_due(start_date, created_at)
                UNION ALL SELECT statistics_order_end(end_date, released_at), -1 FROM orders
                WHERE statistics_order_end(end_date, released_at) > statistics_check_ins_due(start_date, created_at)
            ) AS due_days GROUP BY day;
            """
    )

    /// The advisory lock key of `statistics_fold` ("HEALTHSF").
    static let foldLock: Int64 = 0x4845_414C_5448_5346

    /// How many rows one day's count of one metric is spread over; readers add them up.
    static let shards = 64

    /// The shards of migrations 12 and 15, kept so that their released text stays what it was.
    private static let releasedShards = 8

    /// `statistics_add` over `shards` rows per count, as migrations 15 and 16 define it.
    private static func statisticsAdd(shards: Int) -> String {
        """
        CREATE OR REPLACE FUNCTION statistics_add(text, date, integer) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE statistics_counts SET count = count + $3
            WHERE metric = $1 AND day = $2 AND shard = pg_backend_pid() % \(shards);
            IF NOT FOUND THEN
                INSERT INTO statistics_counts AS counts (metric, day, shard, count)
                VALUES ($1, $2, pg_backend_pid() % \(shards), $3)
                ON CONFLICT (metric, day, shard) DO UPDATE SET count = counts.count + excluded.count;
            END IF;
        END
        $$;
        """
    }

    /// The UTC day of a `timestamptz` expression.
    static func day(_ timestamp: String) -> String {
        "(\(timestamp) AT TIME ZONE 'UTC')::date"
    }

    /// `firstDoses`, `secondDoses` (later doses of the course) or `boosters` (doses beyond it) for a vaccination row.
    private static func doseMetric(_ row: String) -> String {
        """
        CASE WHEN \(row).dose_number > \(row).total_doses THEN 'boosters' \
        WHEN \(row).dose_number = 1 THEN 'firstDoses' ELSE 'secondDoses' END
        """
    }
}
