import ArgumentParser
import Foundation
import HealthServices

/// `healthctl maintenance`: housekeeping the server also does on its own.
struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Housekeeping jobs the server also runs by itself.",
        subcommands: [Run.self, Check.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Delete enrolment challenges and one-time code messages past their retention period (1 hour), \
                forget exposure codes' retry links past their window (15 minutes), erase the names, phones, national \
                ids and settings of contacts whose case ended 30 days ago, end the guardianship of dependants who \
                turned 18, release the isolation and quarantine \
                orders whose end date has come, issue the certificates that waited for a document signer once one \
                can sign, fold past days' statistics counts into one row each (PostgreSQL), and chain the audit \
                entries waiting to be sealed (PostgreSQL).
                """)

        @OptionGroup var options: OperatorOptions

        /// The retention report's members (left out when retention failed, with `retentionFailed` true), the orders
        /// released, the waiting certificates issued, the statistics rows folded and the audit entries sealed.
        struct Output: Encodable {
            let retention: RetentionReport?
            let ordersReleased: Int
            let waitingCertificatesIssued: Int
            let statisticsRowsFolded: Int
            let auditEntriesSealed: Int

            enum CodingKeys: String, CodingKey {
                case retentionFailed, ordersReleased, waitingCertificatesIssued, statisticsRowsFolded
                case auditEntriesSealed
            }

            func encode(to encoder: any Encoder) throws {
                try retention?.encode(to: encoder)
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(retention == nil, forKey: .retentionFailed)
                try container.encode(ordersReleased, forKey: .ordersReleased)
                try container.encode(waitingCertificatesIssued, forKey: .waitingCertificatesIssued)
                try container.encode(statisticsRowsFolded, forKey: .statisticsRowsFolded)
                try container.encode(auditEntriesSealed, forKey: .auditEntriesSealed)
            }
        }

        func run() async throws {
            var retentionFailure: (any Error)?
            let output = try await options.withServices { services in
                // A retention failure (one database's disk full, say) stops none of the other jobs; it fails the
                // command once they have run. Sealed last, so the entries the other jobs wrote are chained too.
                let retention: RetentionReport?
                do {
                    retention = try await services.retention.run()
                } catch {
                    retentionFailure = error
                    retention = nil
                }
                let released = try await services.orders.releaseDueOrders()
                let issued = try await Self.issueWaitingCertificates(services.certificates)
                let folded = try await services.statistics.foldPastCounts()
                return Output(
                    retention: retention, ordersReleased: released, waitingCertificatesIssued: issued,
                    statisticsRowsFolded: folded, auditEntriesSealed: try await services.audit.seal())
            }
            if options.json {
                try options.printJSON(output)
            } else {
                print(
                    Self.retentionSentence(output.retention)
                        + "released \(output.ordersReleased) isolation and quarantine orders whose time was up; "
                        + "issued \(output.waitingCertificatesIssued) certificates that waited for a document signer; "
                        + "folded \(output.statisticsRowsFolded) rows of past days' statistics; "
                        + "sealed \(output.auditEntriesSealed) audit entries into the chain")
            }
            if let retentionFailure { throw retentionFailure }
        }

        /// What retention did; no figures when it failed: its health database half wrote nothing, or the key server's
        /// half failed after the health database's committed.
        static func retentionSentence(_ report: RetentionReport?) -> String {
            guard let report else { return "retention failed (the error follows); " }
            return "deleted \(report.enrolmentChallenges) enrolment challenges, \(report.outboxMessages) code "
                + "messages; forgot \(report.codeRetryTags + report.tokenRetryTags) retry tags; "
                + "erased the details of \(report.contactDetails) contacts of cases ended 30 days ago; "
                + "ended the guardianship of \(report.dependantsOfAge) dependants who turned 18; "
        }

        /// The certificates that waited for a signer, issued; none, with a warning, while no DSC can sign: the other
        /// jobs still run.
        static func issueWaitingCertificates(_ certificates: CertificateService) async throws -> Int {
            do {
                return try await certificates.issueCertificatesWaitingForSigner()
            } catch let error as ServiceError where error.code == .signerNeeded {
                FileHandle.standardError.write(Data("healthctl: warning: \(error.detail)\n".utf8))
                return 0
            }
        }
    }
}
