import ArgumentParser

/// The entry point: ArgumentParser's parsing, with every failure ended by ``CommandFailure``.
extension HealthCtl {
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            CommandFailure.exit(for: error)
        }
    }
}
