import ContactTracing

/// The diagnoses an app says it can take (`accept` of the verify request, the reference verification server's
/// rule): `confirmed`; `likely`, which takes confirmed too; `negative`, which takes both; `user-report`, a
/// self-report this server never issues a code for. An app that sends no list takes every diagnosis we issue.
public struct AcceptedTestTypes: Sendable, Hashable {
    let types: Set<VerificationClaims.TestType>

    /// Every diagnosis we issue.
    public static let all = AcceptedTestTypes(types: Set(VerificationClaims.TestType.allCases))

    /// The types `names` accept; an unknown name is `invalid-test-type`.
    public init(_ names: [String]) throws {
        var types: Set<VerificationClaims.TestType> = []
        for name in names {
            switch name {
            case "confirmed": types.insert(.confirmed)
            case "likely", "negative": types.formUnion([.confirmed, .likely])
            case "user-report": break
            default:
                throw ServiceError(
                    .invalidTestType,
                    "accept lists unknown test type \(name.prefix(20)): use confirmed, likely, "
                        + "negative or user-report.")
            }
        }
        self.types = types
    }

    private init(types: Set<VerificationClaims.TestType>) {
        self.types = types
    }

    func contains(_ type: VerificationClaims.TestType) -> Bool { types.contains(type) }

    /// Whether no diagnosis we issue is accepted (`[]`, or only `user-report`).
    var isEmpty: Bool { types.isEmpty }
}

extension ServiceError.Code {
    static let invalidTestType = Self("invalid-test-type", .invalidInput)
    static let unsupportedTestType = Self("unsupported-test-type", .preconditionFailed)
}
