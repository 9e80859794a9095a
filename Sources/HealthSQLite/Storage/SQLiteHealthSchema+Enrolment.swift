import HealthServices

extension SQLiteHealthSchema {
    /// Enrolment challenges by the mobile number a code was asked for, for the hourly limit per number.
    static let enrolmentChallengesByPhone = Migration(
        version: 23,
        name: "enrolment-challenges-by-phone",
        sql: "CREATE INDEX enrolment_challenges_phone ON enrolment_challenges(phone, created_at);"
    )
}
