import ArgumentParser
import Foundation
import HealthSQLite
import HealthServices

extension MaintenanceCommand {
    /// `healthctl maintenance check`: SQLite's own page-by-page check of both databases, for after a full disk,
    /// a crash of the machine or a restore.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every page and index of the SQLite databases; exit 1 naming the problems found.")

        @OptionGroup var options: OperatorOptions

        func validate() throws {
            if options.dataDirectory.database != nil {
                throw ValidationError(
                    "maintenance check reads the SQLite databases of --data; PostgreSQL checks its own pages.")
            }
        }

        func run() async throws {
            // Opening a directory makes its databases: a mistyped path must not be checked as two new, sound ones.
            let data = URL(fileURLWithPath: options.dataDirectory.data)
            let missing = [HealthStorage.healthFileName, HealthStorage.exposureFileName].filter {
                !FileManager.default.fileExists(atPath: data.appendingPathComponent($0).path)
            }
            guard missing.isEmpty else {
                throw InputFile.Unreadable(
                    message: "\(data.path) holds no \(missing.joined(separator: " or ")): is it the data directory?")
            }
            let storage = try HealthStorage(.directory(data.path))
            var databases: [String: [String]] = [:]
            do {
                for database in [storage.health, storage.exposure] {
                    databases[database.name] = try await database.integrityProblems()
                }
            } catch {
                await storage.close()
                throw error
            }
            await storage.close()
            if options.json {
                try options.printJSON(databases)
            } else {
                for (name, problems) in databases.sorted(by: { $0.key < $1.key }) {
                    print("\(name): \(problems.isEmpty ? "ok" : problems.joined(separator: "; "))")
                }
            }
            if databases.values.contains(where: { !$0.isEmpty }) { throw ExitCode(1) }
        }
    }
}
