import HealthServices

extension SQLiteHealthSchema {
    /// The lists a border check needs from abroad: imported document signers by source, the value sets and the
    /// entry rules as imported, and one version number every change bumps.
    static let borderLists = Migration(
        version: 12,
        name: "border_lists",
        sql: """
            CREATE TABLE imported_signers (
                source TEXT NOT NULL,
                kid TEXT NOT NULL,
                country TEXT NOT NULL CHECK (length(country) = 2),
                certificate BLOB NOT NULL,
                imported_at TEXT NOT NULL,
                PRIMARY KEY (source, certificate)
            ) STRICT;
            CREATE INDEX imported_signers_country ON imported_signers(country, source, kid);
            CREATE TABLE imported_value_sets (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                json TEXT NOT NULL,
                imported_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE imported_rules (
                identifier TEXT NOT NULL,
                version TEXT NOT NULL,
                country TEXT NOT NULL CHECK (length(country) = 2),
                json TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                PRIMARY KEY (identifier, version)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE border_lists_version (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                version INTEGER NOT NULL
            ) STRICT;
            INSERT INTO border_lists_version (id, version) VALUES (1, 0);
            """
    )
}
