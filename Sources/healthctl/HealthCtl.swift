import ArgumentParser
import HealthServices

/// The operator's command line for the health-services backend.
@main
struct HealthCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthctl",
        abstract: "Run and operate the national health-services backend.",
        version: HealthServicesVersion.current,
        subcommands: [
            ServeCommand.self,
            KeysCommand.self, TrustCommand.self, CertCommand.self, BenchCommand.self,
            ExposureCommand.self,
            TokensCommand.self,
            PeopleCommand.self,
            ServicesCommand.self,
            CentresCommand.self,
            SlotsCommand.self,
            AppointmentsCommand.self,
            ResultsCommand.self,
            VaccinationsCommand.self,
            StatusCommand.self,
            OutboxCommand.self,
            MaintenanceCommand.self,
            AuditCommand.self,
            VersionCommand.self,
        ]
    )
}
