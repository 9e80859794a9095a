import HealthServices

extension SQLiteHealthSchema {
    /// Daily statistics as counters kept by triggers in the transaction of each write, so a year of statistics is a
    /// read of a few thousand rows however many records there are, and no write path can forget to count.
    ///
    /// `statistics_counts` holds one count per metric (`DayCount.Metric`'s raw value) and UTC day: results by sample
    /// day (a correction moves its count), doses, bookings and cases by the day they were written, check-ins by their
    /// day. Orders are counted as changes: +1 on the first day an order binds its person and -1 on the first day it no
    /// longer does (its end date, or the day after its release), so the number under orders on a day is the sum of
    /// the changes up to it. The counts of the rows already written are filled in here, and the indexes that served
    /// the grouped queries this replaces are dropped.
    static let statisticsCounts = Migration(
        version: 14,
        name: "statistics-counts",
        sql: """
            CREATE TABLE statistics_counts (
                metric TEXT NOT NULL,
                day TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (metric, day)
            ) STRICT, WITHOUT ROWID;
            CREATE TRIGGER lab_results_counted AFTER INSERT ON lab_results BEGIN
                \(add(1, "'tests'", on: day("NEW.sampled_at"), when: "NEW.result IN ('positive', 'negative')"))
                \(add(1, "'positive'", on: day("NEW.sampled_at"), when: "NEW.result = 'positive'"))
            END;
            CREATE TRIGGER lab_results_recounted AFTER UPDATE OF result, sampled_at ON lab_results
            WHEN OLD.result IS NOT NEW.result OR OLD.sampled_at IS NOT NEW.sampled_at BEGIN
                \(add(-1, "'tests'", on: day("OLD.sampled_at"), when: "OLD.result IN ('positive', 'negative')"))
                \(add(-1, "'positive'", on: day("OLD.sampled_at"), when: "OLD.result = 'positive'"))
                \(add(1, "'tests'", on: day("NEW.sampled_at"), when: "NEW.result IN ('positive', 'negative')"))
                \(add(1, "'positive'", on: day("NEW.sampled_at"), when: "NEW.result = 'positive'"))
            END;
            CREATE TRIGGER vaccinations_counted AFTER INSERT ON vaccinations BEGIN
                \(add(1, doseMetric("NEW"), on: day("NEW.administered_at")))
            END;
            CREATE TRIGGER appointments_counted AFTER INSERT ON appointments BEGIN
                \(add(1, "'bookings'", on: day("NEW.created_at")))
            END;
            CREATE TRIGGER cases_counted AFTER INSERT ON cases BEGIN
                \(add(1, "'casesOpened'", on: day("NEW.opened_at")))
            END;
            CREATE TRIGGER check_ins_counted AFTER INSERT ON check_ins BEGIN
                \(add(1, "'checkIns'", on: "NEW.day"))
            END;
            CREATE TRIGGER orders_counted AFTER INSERT ON orders BEGIN
                \(add(1, "NEW.kind || 'Change'", on: "NEW.start_date", when: bindsOnce("NEW")))
                \(add(-1, "NEW.kind || 'Change'", on: orderEnd("NEW"), when: bindsOnce("NEW")))
            END;
            CREATE TRIGGER orders_recounted AFTER UPDATE OF start_date, end_date, released_at ON orders BEGIN
                \(add(-1, "OLD.kind || 'Change'", on: "OLD.start_date", when: bindsOnce("OLD")))
                \(add(1, "OLD.kind || 'Change'", on: orderEnd("OLD"), when: bindsOnce("OLD")))
                \(add(1, "NEW.kind || 'Change'", on: "NEW.start_date", when: bindsOnce("NEW")))
                \(add(-1, "NEW.kind || 'Change'", on: orderEnd("NEW"), when: bindsOnce("NEW")))
            END;
            INSERT INTO statistics_counts (metric, day, count)
            SELECT metric, day, sum(amount) FROM (
                SELECT 'tests' AS metric, \(day("sampled_at")) AS day, 1 AS amount FROM lab_results
                WHERE result IN ('positive', 'negative')
                UNION ALL SELECT 'positive', \(day("sampled_at")), 1 FROM lab_results WHERE result = 'positive'
                UNION ALL SELECT \(doseMetric("vaccinations")), \(day("administered_at")), 1 FROM vaccinations
                UNION ALL SELECT 'bookings', \(day("created_at")), 1 FROM appointments
                UNION ALL SELECT 'casesOpened', \(day("opened_at")), 1 FROM cases
                UNION ALL SELECT 'checkIns', day, 1 FROM check_ins
                UNION ALL SELECT kind || 'Change', start_date, 1 FROM orders WHERE \(bindsOnce("orders"))
                UNION ALL SELECT kind || 'Change', \(orderEnd("orders")), -1 FROM orders WHERE \(bindsOnce("orders"))
            ) GROUP BY metric, day;
            DROP INDEX lab_results_sampled;
            DROP INDEX vaccinations_administered;
            DROP INDEX appointments_created;
            DROP INDEX check_ins_day;
            """
    )

    /// Orders keep Bahrain's days (see `Timestamp.civilDate`), so one released early stops counting the day after
    /// its release in Bahrain, not in UTC: a release at 22:30 UTC (01:30 the next day there) counted a day short.
    /// The orders' triggers are made again with that end, and their counts recounted.
    static let orderEndsInBahrain = Migration(
        version: 18,
        name: "order-ends-in-bahrain",
        sql: """
            DROP TRIGGER orders_counted;
            DROP TRIGGER orders_recounted;
            CREATE TRIGGER orders_counted AFTER INSERT ON orders BEGIN
                \(add(1, "NEW.kind || 'Change'", on: "NEW.start_date", when: bindsOnce("NEW", ending: civilOrderEnd)))
                \(add(-1, "NEW.kind || 'Change'", on: civilOrderEnd("NEW"), when: bindsOnce("NEW", ending: civilOrderEnd)))
            END;
            CREATE TRIGGER orders_recounted AFTER UPDATE OF start_date, end_date, released_at ON orders BEGIN
                \(add(-1, "OLD.kind || 'Change'", on: "OLD.start_date", when: bindsOnce("OLD", ending: civilOrderEnd)))
                \(add(1, "OLD.kind || 'Change'", on: civilOrderEnd("OLD"), when: bindsOnce("OLD", ending: civilOrderEnd)))
                \(add(1, "NEW.kind || 'Change'", on: "NEW.start_date", when: bindsOnce("NEW", ending: civilOrderEnd)))
                \(add(-1, "NEW.kind || 'Change'", on: civilOrderEnd("NEW"), when: bindsOnce("NEW", ending: civilOrderEnd)))
            END;
            DELETE FROM statistics_counts WHERE metric IN ('isolationChange', 'quarantineChange');
            INSERT INTO statistics_counts (metric, day, count)
            SELECT metric, day, sum(amount) FROM (
                SELECT kind || 'Change' AS metric, start_date AS day, 1 AS amount FROM orders
                WHERE \(bindsOnce("orders", ending: civilOrderEnd))
                UNION ALL SELECT kind || 'Change', \(civilOrderEnd("orders")), -1 FROM orders
                WHERE \(bindsOnce("orders", ending: civilOrderEnd))
            ) GROUP BY metric, day;
            """
    )

    /// Check-ins are due under an order from the later of its start and the day it was made (in Bahrain): one dated
    /// back to a sample's or a last contact's day owed none before it existed, so `checkInsMissed` counted a missed
    /// day for nearly every order. `checkInsDueChange` counts orders owing check-ins as the kinds' changes count
    /// orders in force; the orders' triggers are made again with it, and it is counted for the orders stored.
    static let checkInsDueFromTheOrdersDay = Migration(
        version: 19,
        name: "check-ins-due-from-the-orders-day",
        sql: """
            DROP TRIGGER orders_counted;
            DROP TRIGGER orders_recounted;
            CREATE TRIGGER orders_counted AFTER INSERT ON orders BEGIN
                \(add(1, "NEW.kind || 'Change'", on: "NEW.start_date", when: bindsOnce("NEW", ending: civilOrderEnd)))
                \(add(-1, "NEW.kind || 'Change'", on: civilOrderEnd("NEW"), when: bindsOnce("NEW", ending: civilOrderEnd)))
                \(add(1, "'checkInsDueChange'", on: checkInsDueFrom("NEW"), when: owesCheckIns("NEW")))
                \(add(-1, "'checkInsDueChange'", on: civilOrderEnd("NEW"), when: owesCheckIns("NEW")))
            END;
            CREATE TRIGGER orders_recounted AFTER UPDATE OF start_date, end_date, released_at ON orders BEGIN
                \(add(-1, "OLD.kind || 'Change'", on: "OLD.start_date", when: bindsOnce("OLD", ending: civilOrderEnd)))
                \(add(1, "OLD.kind || 'Change'", on: civilOrderEnd("OLD"), when: bindsOnce("OLD", ending: civilOrderEnd)))
                \(add(1, "NEW.kind || 'Change'", on: "NEW.start_date", when: bindsOnce("NEW", ending: civilOrderEnd)))
                \(add(-1, "NEW.kind || 'Change'", on: civilOrderEnd("NEW"), when: bindsOnce("NEW", ending: civilOrderEnd)))
                \(add(-1, "'checkInsDueChange'", on: checkInsDueFrom("OLD"), when: owesCheckIns("OLD")))
                \(add(1, "'checkInsDueChange'", on: civilOrderEnd("OLD"), when: owesCheckIns("OLD")))
                \(add(1, "'checkInsDueChange'", on: checkInsDueFrom("NEW"), when: owesCheckIns("NEW")))
                \(add(-1, "'checkInsDueChange'", on: civilOrderEnd("NEW"), when: owesCheckIns("NEW")))
            END;
            DELETE FROM statistics_counts WHERE metric = 'checkInsDueChange';
            INSERT INTO statistics_counts (metric, day, count)
            SELECT 'checkInsDueChange', day, sum(amount) FROM (
                SELECT \(checkInsDueFrom("orders")) AS day, 1 AS amount FROM orders WHERE \(owesCheckIns("orders"))
                UNION ALL SELECT \(civilOrderEnd("orders")), -1 FROM orders WHERE \(owesCheckIns("orders"))
            ) GROUP BY day;
            """
    )

    /// A dose after a finished course is a booster however it is written (`3/3` after `2/2` as well as `2/1`), as
    /// the dose rules and the health status take it: doses were counted as boosters only when numbered past their
    /// course. The vaccinations' trigger is made again with the rule, and the stored doses are counted again.
    static let boostersAfterAFinishedCourse = Migration(
        version: 21,
        name: "boosters-after-a-finished-course",
        sql: """
            DROP TRIGGER vaccinations_counted;
            CREATE TRIGGER vaccinations_counted AFTER INSERT ON vaccinations BEGIN
                \(add(1, doseKind("NEW"), on: day("NEW.administered_at")))
            END;
            DELETE FROM statistics_counts WHERE metric IN ('firstDoses', 'secondDoses', 'boosters');
            INSERT INTO statistics_counts (metric, day, count)
            SELECT \(doseKind("vaccinations")), \(day("vaccinations.administered_at")), count(*) FROM vaccinations
            GROUP BY 1, 2;
            """
    )

    /// `firstDoses`, `secondDoses` (later doses of a first course) or `boosters` (doses past their course, or after
    /// a finished one) for a vaccination row; doses are numbered in the order they were given.
    private static func doseKind(_ row: String) -> String {
        """
        CASE WHEN \(row).dose_number > \(row).total_doses OR EXISTS (SELECT 1 FROM vaccinations AS earlier \
        WHERE earlier.person_id = \(row).person_id AND earlier.dose_number < \(row).dose_number \
        AND earlier.dose_number >= earlier.total_doses) THEN 'boosters' \
        WHEN \(row).dose_number = 1 THEN 'firstDoses' ELSE 'secondDoses' END
        """
    }

    /// The first day check-ins are due under an order row: its start, or the day it was made in Bahrain if later.
    private static func checkInsDueFrom(_ row: String) -> String {
        "max(\(row).start_date, date(\(row).created_at, '+3 hours'))"
    }

    /// Whether an order row owed a check-in on at least one day.
    private static func owesCheckIns(_ row: String) -> String {
        "\(civilOrderEnd(row)) > \(checkInsDueFrom(row))"
    }

    /// A trigger statement adding `amount` to `metric`'s count on `day` (SQL expressions) when `condition` holds.
    private static func add(_ amount: Int, _ metric: String, on day: String, when condition: String = "true") -> String
    {
        """
        INSERT INTO statistics_counts (metric, day, count) SELECT \(metric), \(day), \(amount) WHERE \(condition)
                ON CONFLICT (metric, day) DO UPDATE SET count = count + excluded.count;
        """
    }

    /// The UTC day of a stored timestamp (ISO 8601 text in UTC).
    private static func day(_ timestamp: String) -> String {
        "substr(\(timestamp), 1, 10)"
    }

    /// `firstDoses`, `secondDoses` (later doses of the course) or `boosters` (doses beyond it) for a vaccination row.
    private static func doseMetric(_ row: String) -> String {
        """
        CASE WHEN \(row).dose_number > \(row).total_doses THEN 'boosters' \
        WHEN \(row).dose_number = 1 THEN 'firstDoses' ELSE 'secondDoses' END
        """
    }

    /// The first day an order row no longer binds its person: its end date, or the day after its release if earlier.
    private static func orderEnd(_ row: String) -> String {
        "min(\(row).end_date, coalesce(date(substr(\(row).released_at, 1, 10), '+1 day'), \(row).end_date))"
    }

    /// The first day an order row no longer binds its person, in Bahrain's days: its end date, or the day after its
    /// release there (UTC+03:00) if earlier.
    private static func civilOrderEnd(_ row: String) -> String {
        "min(\(row).end_date, coalesce(date(\(row).released_at, '+3 hours', '+1 day'), \(row).end_date))"
    }

    /// Whether an order row bound its person on at least one day, its end taken by `ending`.
    private static func bindsOnce(_ row: String, ending: (String) -> String = orderEnd) -> String {
        "\(ending(row)) > \(row).start_date"
    }
}
