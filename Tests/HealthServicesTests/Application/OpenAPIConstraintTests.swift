import Certificates
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthServices

/// The OpenAPI document states the limits the validators enforce: each bound is compared with the constant the
/// code uses, and the text patterns with the code's own text rule, so neither can change without the other.
@Suite struct OpenAPIConstraintTests {
    private let schemas: [String: Any]
    private let paths: [String: Any]

    init() throws {
        let data = try Data(contentsOf: OpenAPIController.documentURL())
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        paths = try #require(document["paths"] as? [String: Any])
    }

    /// The schema of `property` in the component schema `schema`.
    private func property(_ schema: String, _ property: String) throws -> [String: Any] {
        let properties = try #require((schemas[schema] as? [String: Any])?["properties"] as? [String: Any])
        return try #require(properties[property] as? [String: Any], "\(schema).\(property)")
    }

    /// The schema of the parameter `name` of the operation `method path`.
    private func parameter(_ method: String, _ path: String, _ name: String) throws -> [String: Any] {
        let operation = try #require((paths[path] as? [String: Any])?[method] as? [String: Any])
        let parameters = try #require(operation["parameters"] as? [[String: Any]])
        let parameter = try #require(parameters.first { $0["name"] as? String == name })
        return try #require(parameter["schema"] as? [String: Any])
    }

    @Test func lengthsAreTheValidatorsLengths() throws {
        for schema in ["Enrolment", "Registration", "Dependant"] {
            for name in ["name", "familyName", "givenName", "familyNameLatin", "givenNameLatin"] {
                #expect(try property(schema, name)["maxLength"] as? Int == PersonName.maxLength, "\(schema).\(name)")
            }
        }
        #expect(try property("CentreInput", "name")["maxLength"] as? Int == SchedulingService.maxNameLength)
        #expect(try property("CareServiceInput", "name")["maxLength"] as? Int == SchedulingService.maxNameLength)
        #expect(try property("CentreInput", "area")["maxLength"] as? Int == SchedulingService.maxAreaLength)
        #expect(try parameter("get", "/v1/slots", "area")["maxLength"] as? Int == SchedulingService.maxAreaLength)
        #expect(try property("RevocationInput", "reason")["maxLength"] as? Int == CertificateService.maxReasonLength)
        let lot = "{1,\(VaccinationService.maxLotLength)}$"
        #expect(try (property("VaccinationInput", "lot")["pattern"] as? String)?.hasSuffix(lot) == true)
        #expect(try (property("VaccinationAbroadInput", "lot")["pattern"] as? String)?.hasSuffix(lot) == true)
        let sampleID = try property("LabResultInput", "sampleId")["pattern"] as? String
        #expect(sampleID == "^[!-~]{1,\(LabResultSubmission.maxSampleIDLength)}$")
        let key = try parameter("post", "/v1/appointments", "Idempotency-Key")["pattern"] as? String
        #expect(key == "^[!-~]{1,\(AppointmentService.maxIdempotencyKeyLength)}$")
    }

    @Test func rangesAreTheValidatorsRanges() throws {
        #expect(try parameter("get", "/v1/slots", "limit")["maximum"] as? Int == SchedulingService.searchLimit.maximum)
        #expect(
            try parameter("get", "/v1/appointments", "limit")["maximum"] as? Int == AppointmentService.listLimit.maximum
        )
        #expect(try property("SlotSchedule", "capacity")["maximum"] as? Int == SlotSchedule.maxCapacity)
        for schema in ["VaccinationInput", "VaccinationAbroadInput"] {
            #expect(try property(schema, "doseNumber")["maximum"] as? Int == DoseRules.maxDoses)
            #expect(try property(schema, "totalDoses")["maximum"] as? Int == DoseRules.maxDoses)
        }
        let days = try property("CareServiceInput", "minimumDaysBetweenDoses")["maximum"] as? Int
        #expect(days == SchedulingService.maxDaysBetweenDoses)
        let keys = try property("ExposurePublishInput", "temporaryExposureKeys")["maxItems"] as? Int
        #expect(keys == ExposureUploadService.maximumKeys)
        let batch = try #require(
            ((((paths["/v1/lab/results"] as? [String: Any])?["post"] as? [String: Any])?["requestBody"]
                as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])
        #expect((batch["schema"] as? [String: Any])?["maxItems"] as? Int == ResultService.maxBatchSize)
    }

    @Test func enumerationsAreTheCodesCases() throws {
        let codes = try property("CareServiceInput", "productCode")["enum"] as? [String]
        #expect(codes == VaccineProduct.all.map(\.code))
        #expect(
            try property("CareServiceInput", "kind")["enum"] as? [String] == CareService.Kind.allCases.map(\.rawValue))
        #expect(try property("LabResultInput", "test")["enum"] as? [String] == LabResult.Test.allCases.map(\.rawValue))
        let results = try property("LabResultInput", "result")["enum"] as? [String]
        #expect(results.map(Set.init) == Set(LabResult.State.allCases.map(\.rawValue)))
        let statuses = try parameter("get", "/v1/appointments", "status")["enum"] as? [String]
        #expect(statuses == Appointment.Status.allCases.map(\.rawValue))
    }

    /// The strict decoder reads `null` for an optional member as absent and refuses it for a required one; the
    /// request bodies' schemas say the same.
    @Test func optionalMembersAdmitNullAndRequiredOnesDoNot() throws {
        let bodies = [
            "Enrolment", "Verification", "Registration", "Dependant", "CareServiceInput", "CentreInput",
            "SlotSchedule", "BookingInput", "RescheduleInput", "CheckInInput", "LabResultInput", "VaccinationInput",
            "VaccinationAbroadInput", "RevocationInput", "VerifyInput", "ExposureVerifyInput",
            "ExposureCertificateInput", "ExposurePublishInput",
        ]
        for body in bodies {
            let schema = try #require(schemas[body] as? [String: Any])
            let required = Set(schema["required"] as? [String] ?? [])
            for (name, value) in try #require(schema["properties"] as? [String: Any]) {
                let types = (value as? [String: Any])?["type"] as? [String] ?? []
                #expect(types.contains("null") == !required.contains(name), "\(body).\(name)")
            }
        }
    }

    @Test func aWalkInRegisteredWithANullPhoneHasNone() async throws {
        let harness = try await ServiceHarness()
        let token = try await harness.services.access.issueStaffToken(
            role: .operator, name: "desk", validForMinutes: 60, by: harness.operatorPrincipal)
        let app = Application(
            router: try buildRouter(services: harness.services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            let body = #"{"nationalId":"810100009","dateOfBirth":"1981-01-01","familyName":"Ali","phone":null}"#
            let headers: HTTPFields = [.authorization: "Bearer \(token.secret)", .contentType: "application/json"]
            try await client.execute(
                uri: "/v1/people", method: .post, headers: headers, body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .created)
                let person = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                #expect((person as? [String: Any])?["phone"] == nil)
            }
        }
    }

    /// The patterns of required and optional text agree with the code's rule (no control character, at most
    /// the length as sent, not blank once trimmed) on strings at each edge of it.
    @Test func textPatternsMatchTheTextRule() throws {
        let required = try #require(try property("CentreInput", "name")["pattern"] as? String)
        let optional = try #require(try property("Enrolment", "givenName")["pattern"] as? String)
        let samples = [
            "Sitra", "  Sitra  ", "آل خليفة", "Zoë", "\u{00A0}Ali\u{3000}", "", " ", "\u{2003}\u{00A0}", "\tSitra",
            "Sitra\n", "Si\u{0}tra", "Si\u{7F}tra", "Si\u{85}tra", "Si\u{9F}tra", "e\u{301}",
        ]
        for sample in samples {
            let allowed = sample.isPlainText(maxLength: 100)
            #expect(try Self.matches(optional, sample) == allowed, "\(sample.debugDescription)")
            let nonBlank = allowed && !sample.trimmingWhitespace().isEmpty
            #expect(try Self.matches(required, sample) == nonBlank, "\(sample.debugDescription)")
        }
    }

    /// Whether `text` matches the ECMA-262 `pattern` (the JSON Schema dialect), whose `$` is the end of the input;
    /// ICU's `$` also matches before a final line break, its `\z` does not.
    private static func matches(_ pattern: String, _ text: String) throws -> Bool {
        let expression = try NSRegularExpression(pattern: pattern.replacing(/\$$/, with: "\\z"))
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
