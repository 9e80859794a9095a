import ArgumentParser
import HealthServices

/// The operator's command line for the health-services backend.
@main
struct HealthCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthctl",
        abstract: "Run and operate the national health-services backend.",
        discussion: exitStatuses,
        version: HealthServicesVersion.current,
        subcommands: [
            ServeCommand.self,
            KeysCommand.self, TrustCommand.self, CertCommand.self, RulesCommand.self, ValueSetsCommand.self,
            BenchCommand.self,
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
            CasesCommand.self,
            ContactsCommand.self,
            OrdersCommand.self,
            OutboxCommand.self,
            MaintenanceCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            AuditCommand.self,
            VersionCommand.self,
        ]
    )

    /// The exit statuses every command shares, shown by `--help`.
    static let exitStatuses = """
        Exit status: 0 done; 1 refused or found invalid (a rule refused the change, a check failed); \
        2 usage error; 3 could not run (data directory, file or database). A failure prints one line on \
        standard error: healthctl: CODE: MESSAGE.
        """
}
