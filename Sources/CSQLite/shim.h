#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: it tells SQLite to copy bound bytes at once.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_config is variadic, which Swift cannot call. Turns off SQLite's memory statistics, which take a
/// process-wide mutex around each of SQLite's allocations (Debian's libsqlite3 has no lookaside, so that is
/// every small one). Returns SQLITE_MISUSE, changing nothing, once SQLite is initialized.
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/// Keeps statement journals (the before-images a savepoint needs to roll back) in memory up to `bytes` before they
/// spill to a temporary file; SQLite's default is 64 KiB. Variadic like the one above, and likewise only before
/// SQLite is initialized.
static inline int csqlite_set_statement_journal_spill(int bytes) {
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}

#endif
