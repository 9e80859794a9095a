import ArgumentParser

/// `healthctl bench ...`: measures the hot paths on this machine, in the spirit of `openssl speed`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure operations per second of the hot paths on this machine.",
        subcommands: [
            BenchCertificatesCommand.self, BenchExposureCommand.self, BenchExposureServerCommand.self,
            BenchExposureChaffCommand.self,
        ]
    )
}
