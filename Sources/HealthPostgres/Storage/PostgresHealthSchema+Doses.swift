import HealthServices

extension PostgresHealthSchema {
    /// A dose after a finished course is a booster however it is written (see
    /// `SQLiteHealthSchema.boostersAfterAFinishedCourse`): the vaccinations' trigger calls a function of its own with
    /// the rule, and the stored doses are counted again, into the folded shard.
    static let boostersAfterAFinishedCourse = Migration(
        version: 23,
        name: "boosters-after-a-finished-course",
        sql: """
            CREATE FUNCTION vaccinations_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM statistics_add(\(doseKind("NEW")), \(day("NEW.administered_at")), 1);
                RETURN NULL;
            END
            $$;
            DROP TRIGGER vaccinations_counted ON vaccinations;
            CREATE TRIGGER vaccinations_counted AFTER INSERT ON vaccinations
                FOR EACH ROW EXECUTE FUNCTION vaccinations_count();
            DELETE FROM statistics_counts WHERE metric IN ('firstDoses', 'secondDoses', 'boosters');
            INSERT INTO statistics_counts (metric, day, shard, count)
            SELECT \(doseKind("vaccinations")), \(day("vaccinations.administered_at")), -1, count(*) FROM vaccinations
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
}
