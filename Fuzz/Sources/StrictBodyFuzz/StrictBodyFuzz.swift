import Foundation
import FuzzDriver
import HTTPTypes

@testable import HealthAPI
import HealthServices

/// Every request body type the API decodes strictly, each through the same decoder the routes use.
let bodyDecoders: [@Sendable (Data) throws -> Any] = [
    { try AccountController.EnrolmentBody.decodeStrict($0) },
    { try AccountController.VerificationBody.decodeStrict($0) },
    { try AccountController.RegistrationBody.decodeStrict($0) },
    { try AccountController.DependantBody.decodeStrict($0) },
    { try SchedulingController.CareServiceBody.decodeStrict($0) },
    { try SchedulingController.CentreBody.decodeStrict($0) },
    { try SchedulingController.SlotScheduleBody.decodeStrict($0) },
    { try AppointmentController.BookingBody.decodeStrict($0) },
    { try AppointmentController.RescheduleBody.decodeStrict($0) },
    { try AppointmentController.CheckInBody.decodeStrict($0) },
    { try VaccinationController.DoseBody.decodeStrict($0) },
    { try VaccinationController.AbroadBody.decodeStrict($0) },
    { try CertificateController.RevocationBody.decodeStrict($0) },
    { try CertificateController.VerifyBody.decodeStrict($0) },
]

/// One input: the first byte picks the body type, the rest is the body. Decoding must succeed or throw the API's
/// 4xx refusal; anything else (a crash, another error type) is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func strictBodyFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let body = Data(bytes: data + 1, count: size - 1)
    do {
        _ = try bodyDecoders[Int(data[0]) % bodyDecoders.count](body)
    } catch let error as ServiceError {
        precondition(error.problem.status.code / 100 == 4, "a body was refused with \(error.problem.status)")
    } catch {
        fatalError("a body was refused with \(type(of: error)), not a problem")
    }
    return 0
}

@_cdecl("StrictBodyFuzz_main")
public func strictBodyFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, strictBodyFuzzOneInput)
}
