import HealthServices

extension PostgresHealthSchema {
    /// The lists a border check needs from abroad (see `SQLiteHealthSchema.borderLists`). Every change updates the
    /// one `border_lists_version` row, so concurrent imports are serialised on it.
    static let borderLists = Migration(
        version: 10,
        name: "border_lists",
        sql: """
            CREATE TABLE imported_signers (
                source text NOT NULL,
                kid text NOT NULL,
                country text NOT NULL CHECK (length(country) = 2),
                certificate bytea NOT NULL,
                imported_at timestamptz NOT NULL,
                PRIMARY KEY (source, certificate)
            );
            CREATE INDEX imported_signers_country ON imported_signers(country, source, kid);
            CREATE TABLE imported_value_sets (
                id integer PRIMARY KEY CHECK (id = 1),
                json text NOT NULL,
                imported_at timestamptz NOT NULL
            );
            CREATE TABLE imported_rules (
                identifier text NOT NULL,
                version text NOT NULL,
                country text NOT NULL CHECK (length(country) = 2),
                json text NOT NULL,
                imported_at timestamptz NOT NULL,
                PRIMARY KEY (identifier, version)
            );
            CREATE TABLE border_lists_version (
                id integer PRIMARY KEY CHECK (id = 1),
                version bigint NOT NULL
            );
            INSERT INTO border_lists_version (id, version) VALUES (1, 0);
            """
    )
}
