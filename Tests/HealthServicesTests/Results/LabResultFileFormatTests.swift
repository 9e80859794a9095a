import Foundation
import Testing

@testable import HealthServices

@Suite struct LabResultFileFormatTests {
    @Test func firstByteOtherThanWhitespaceTellsTheFormat() {
        #expect(LabResultFileFormat(detecting: Data(#"{"resourceType":"Bundle"}"#.utf8)) == .fhirBundle)
        #expect(LabResultFileFormat(detecting: Data(" \r\n\t{}".utf8)) == .fhirBundle)
        #expect(LabResultFileFormat(detecting: Data([0xEF, 0xBB, 0xBF] + Array("\n{}".utf8))) == .fhirBundle)
        #expect(LabResultFileFormat(detecting: Data("sample_id,national_id\n".utf8)) == .csv)
        #expect(LabResultFileFormat(detecting: Data([0xEF, 0xBB, 0xBF] + Array("sample_id".utf8))) == .csv)
        #expect(LabResultFileFormat(detecting: Data("\"{\",x".utf8)) == .csv)
        #expect(LabResultFileFormat(detecting: Data("[]".utf8)) == .csv)
        #expect(LabResultFileFormat(detecting: Data()) == .csv)
        #expect(LabResultFileFormat(detecting: Data(" \n ".utf8)) == .csv)
    }

    @Test func detectionWorksOnASliceOfData() {
        let data = Data("xx  {".utf8).dropFirst(2)
        #expect(LabResultFileFormat(detecting: data) == .fhirBundle)
    }

    @Test func readUsesTheDetectedReader() throws {
        let csv = "sample_id,national_id,test,result,sampled_at\nA,870101234,pcr,pending,2026-03-01T08:00:00Z\n"
        let csvRows = try LabResultFileFormat.read(Data(csv.utf8))
        #expect(csvRows.map(\.location) == ["line 2"])
        let bundle = FHIRBundleText.bundle([FHIRBundleText.entry(FHIRBundleText.observation(id: "o7"))])
        let fhirRows = try LabResultFileFormat.read(Data(bundle.utf8))
        #expect(fhirRows.map(\.location) == ["entry 1 (Observation/o7)"])
        #expect(LabResultFileFormat.fhirBundle.reader is LabResultFHIRReader)
        #expect(LabResultFileFormat.csv.reader is LabResultCSVReader)
    }
}
