import HealthServices

extension SQLiteHealthSchema {
    /// Cases opened by positive results or reported from elsewhere (one open case per person), their notes log, the
    /// contacts they name, the isolation and quarantine orders they give, and the daily check-ins under an order;
    /// with the indexes daily statistics group by.
    static let cases = Migration(
        version: 13,
        name: "cases",
        sql: """
            CREATE TABLE cases (
                id TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people(id),
                onset TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('open', 'isolating', 'recovered', 'closed')),
                assigned_to TEXT,
                opened_at TEXT NOT NULL,
                closed_at TEXT,
                result_id TEXT REFERENCES lab_results(id),
                linked_case_id TEXT REFERENCES cases(id)
            ) STRICT;
            CREATE UNIQUE INDEX cases_one_open ON cases(person_id) WHERE state IN ('open', 'isolating');
            CREATE INDEX cases_opened ON cases(opened_at);
            CREATE INDEX cases_closed ON cases(closed_at) WHERE closed_at IS NOT NULL;
            CREATE TABLE case_notes (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                author TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX case_notes_case ON case_notes(case_id, id);
            CREATE TABLE orders (
                id TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people(id),
                case_id TEXT NOT NULL REFERENCES cases(id),
                kind TEXT NOT NULL CHECK (kind IN ('isolation', 'quarantine')),
                start_date TEXT NOT NULL,
                end_date TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('active', 'released')),
                released_at TEXT,
                release_reason TEXT,
                created_at TEXT NOT NULL,
                extended_days INTEGER NOT NULL DEFAULT 0,
                flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
                CHECK ((state = 'released') = (released_at IS NOT NULL))
            ) STRICT;
            CREATE INDEX orders_person ON orders(person_id);
            CREATE INDEX orders_case ON orders(case_id);
            CREATE INDEX orders_due ON orders(end_date) WHERE state = 'active';
            CREATE TABLE contacts (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases(id),
                name TEXT,
                phone TEXT,
                national_id TEXT,
                person_id TEXT REFERENCES people(id),
                last_contact TEXT NOT NULL,
                setting TEXT,
                order_id TEXT REFERENCES orders(id),
                added_by TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX contacts_case ON contacts(case_id);
            CREATE INDEX contacts_pending ON contacts(created_at) WHERE person_id IS NULL;
            CREATE TABLE check_ins (
                order_id TEXT NOT NULL REFERENCES orders(id),
                day TEXT NOT NULL,
                symptoms TEXT NOT NULL,
                temperature REAL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (order_id, day)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX check_ins_day ON check_ins(day);
            CREATE INDEX lab_results_sampled ON lab_results(sampled_at, result);
            CREATE INDEX vaccinations_administered ON vaccinations(administered_at, dose_number, total_doses);
            CREATE INDEX appointments_created ON appointments(created_at);
            """
    )

    /// The contacts whose quarantine an order is, found by the order: a case that closes early keeps a quarantine
    /// another open case's contact shares.
    static let contactsByOrder = Migration(
        version: 16,
        name: "contacts-by-order",
        sql: "CREATE INDEX contacts_order ON contacts(order_id) WHERE order_id IS NOT NULL;"
    )

    /// A person's cases in any state, found by the person: a positive corrected or certified again after its case
    /// ended is dated from the first positive of that case.
    static let casesByPerson = Migration(
        version: 20,
        name: "cases-by-person",
        sql: "CREATE INDEX cases_person ON cases(person_id, opened_at);"
    )
}
