import HealthServices

extension PostgresHealthSchema {
    /// Cases, their notes, contacts, orders and check-ins (see `SQLiteHealthSchema.cases`): one open case per person by a partial unique
    /// index, so two positives of one person recorded at once cannot open two.
    static let cases = Migration(
        version: 11,
        name: "cases",
        sql: """
            CREATE TABLE cases (
                id text PRIMARY KEY,
                person_id text NOT NULL REFERENCES people(id),
                onset date NOT NULL,
                state text NOT NULL CHECK (state IN ('open', 'isolating', 'recovered', 'closed')),
                assigned_to text,
                opened_at timestamptz NOT NULL,
                closed_at timestamptz,
                result_id text REFERENCES lab_results(id),
                linked_case_id text REFERENCES cases(id)
            );
            CREATE UNIQUE INDEX cases_one_open ON cases(person_id) WHERE state IN ('open', 'isolating');
            CREATE INDEX cases_opened ON cases(opened_at);
            CREATE INDEX cases_closed ON cases(closed_at) WHERE closed_at IS NOT NULL;
            CREATE TABLE case_notes (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                case_id text NOT NULL REFERENCES cases(id),
                author text NOT NULL,
                body text NOT NULL,
                created_at timestamptz NOT NULL
            );
            CREATE INDEX case_notes_case ON case_notes(case_id, id);
            CREATE TABLE orders (
                id text PRIMARY KEY,
                person_id text NOT NULL REFERENCES people(id),
                case_id text NOT NULL REFERENCES cases(id),
                kind text NOT NULL CHECK (kind IN ('isolation', 'quarantine')),
                start_date date NOT NULL,
                end_date date NOT NULL,
                state text NOT NULL CHECK (state IN ('active', 'released')),
                released_at timestamptz,
                release_reason text,
                created_at timestamptz NOT NULL,
                extended_days integer NOT NULL DEFAULT 0,
                flagged boolean NOT NULL DEFAULT false,
                CHECK ((state = 'released') = (released_at IS NOT NULL))
            );
            CREATE INDEX orders_person ON orders(person_id);
            CREATE INDEX orders_case ON orders(case_id);
            CREATE INDEX orders_due ON orders(end_date) WHERE state = 'active';
            CREATE TABLE contacts (
                id text PRIMARY KEY,
                case_id text NOT NULL REFERENCES cases(id),
                name text,
                phone text,
                national_id text,
                person_id text REFERENCES people(id),
                last_contact date NOT NULL,
                setting text,
                order_id text REFERENCES orders(id),
                added_by text NOT NULL,
                created_at timestamptz NOT NULL
            );
            CREATE INDEX contacts_case ON contacts(case_id);
            CREATE INDEX contacts_pending ON contacts(created_at) WHERE person_id IS NULL;
            CREATE TABLE check_ins (
                order_id text NOT NULL REFERENCES orders(id),
                day date NOT NULL,
                symptoms text NOT NULL,
                temperature double precision,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (order_id, day)
            );
            CREATE INDEX check_ins_day ON check_ins(day);
            CREATE INDEX lab_results_sampled ON lab_results(sampled_at, result);
            CREATE INDEX vaccinations_administered ON vaccinations(administered_at, dose_number, total_doses);
            CREATE INDEX appointments_created ON appointments(created_at);
            """
    )

    /// The contacts whose quarantine an order is (see `SQLiteHealthSchema.contactsByOrder`).
    static let contactsByOrder = Migration(
        version: 18,
        name: "contacts-by-order",
        sql: "CREATE INDEX contacts_order ON contacts(order_id) WHERE order_id IS NOT NULL;"
    )

    /// A person's cases in any state, found by the person (see `SQLiteHealthSchema.casesByPerson`).
    static let casesByPerson = Migration(
        version: 22,
        name: "cases-by-person",
        sql: "CREATE INDEX cases_person ON cases(person_id, opened_at);"
    )
}
