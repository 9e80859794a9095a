import ArgumentParser
import HealthServices

/// `healthctl version`: prints the release this binary was built from.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version of healthctl.")

    func run() {
        print("healthctl \(HealthServicesVersion.current)")
    }
}
