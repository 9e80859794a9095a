import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

@testable import HealthAPI
@testable import HealthServices

/// Wrong exposure verification codes are limited per client address: past the limit in an hour, that address's
/// verify requests are refused (429) before any code is looked up, while others' go on as before.
@Suite struct CodeGuessLimitTests {
    @Test func tryAfterTheLimitIsRefusedUntilTheHourIsOver() {
        let gate = CodeGuessGate(limit: 3)
        let start = ContinuousClock.now
        for _ in 0..<3 { #expect(gate.admit("198.51.100.7", at: start) == nil) }
        #expect(gate.admit("198.51.100.7", at: start + .seconds(60)) == 3_540)
        #expect(gate.admit("203.0.113.9", at: start + .seconds(60)) == nil, "another address has its own")
        gate.giveBack("198.51.100.7")
        #expect(gate.admit("198.51.100.7", at: start + .seconds(61)) == nil, "a try given back is free again")
        #expect(gate.admit("198.51.100.7", at: start + .seconds(62)) != nil)
        #expect(gate.admit("198.51.100.7", at: start + .seconds(3_600)) == nil, "the hour is over")
    }

    /// The forms proxies write read as their address, and an IPv6 host counts by its /64, which it may rotate
    /// through.
    @Test func anAllowanceIsAnIPv4AddressOrAnIPv6Prefix() {
        for (text, allowance) in [
            ("198.51.100.7", "198.51.100.7"), (" 198.51.100.7:51234", "198.51.100.7"),
            ("for=\"198.51.100.7\"", "198.51.100.7"), ("::ffff:198.51.100.7", "198.51.100.7"),
            ("2001:db8:1:2:aaaa::1", "20:1:d:b8:0:1:0:2/64"), ("[2001:db8:1:2:bbbb::9]:443", "20:1:d:b8:0:1:0:2/64"),
            ("for=\"[2001:db8:1:2::5]:8080\"", "20:1:d:b8:0:1:0:2/64"), ("unknown", "unknown"),
        ] {
            #expect(CodeGuessGate.allowance(of: text) == allowance, "\(text)")
        }
    }

    @Test func wrongCodesPastTheLimitAre429AndOtherAddressesGoOn() async throws {
        let fixture = try await KeyServerFixture(.sqlite)
        let services = fixture.harness.services
        let app = try await buildApplication(
            AppConfiguration(storage: .memory, port: 0, logLevel: .critical, clientAddressHeader: "X-Forwarded-For"),
            services: services)
        let code = try await services.exposureVerification.issue(
            testDate: "2026-02-28", symptomDate: nil, by: fixture.harness.operatorPrincipal
        ).code
        try await app.test(.router) { client in
            let server = KeyServerClient(client: client)
            func verify(_ code: String, from address: String, chaff: Bool = false) async throws
                -> KeyServerClient.Answer
            {
                var headers = ReferenceApp.headers
                headers[HTTPField.Name("X-Forwarded-For")!] = "10.0.0.1, \(address)"
                if chaff { headers[HTTPField.Name("X-Chaff")!] = "1" }
                return try await server.send("/api/verify", body: ReferenceApp.verifyBody(code: code), headers: headers)
            }
            for guess in 0..<CodeGuessGate.defaultLimit {
                let wrong = try await verify(String(format: "%010d", guess), from: "198.51.100.7")
                #expect(wrong.problemCode == "invalid-verification-code", "guess \(guess)")
            }
            let refused = try await verify(code, from: "198.51.100.7")
            #expect(refused.status == .tooManyRequests && refused.problemCode == "too-many-attempts")
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 3_500)
            #expect(try await verify(code, from: "198.51.100.7", chaff: true).status == .ok, "chaff is never limited")
            let other = try await verify(code, from: "203.0.113.9")
            #expect(other.status == .ok, "the refused try left the code unused")
        }
    }
}
