import Foundation
import Testing

@testable import HealthServices

@Suite struct LabResultCSVReaderTests {
    let reader = LabResultCSVReader()

    func rows(_ text: String) throws -> [LabResultImportRow] {
        try reader.read(Data(text.utf8))
    }

    func fields(_ row: LabResultImportRow) throws -> LabResultFields {
        try row.fields.get()
    }

    func rowError(_ row: LabResultImportRow) throws -> ServiceError {
        try #require(throws: ServiceError.self) { try row.fields.get() }
    }

    func fileError(_ text: String) throws -> ServiceError {
        try fileError(Data(text.utf8))
    }

    func fileError(_ data: Data) throws -> ServiceError {
        try #require(throws: ServiceError.self) { try reader.read(data) }
    }

    @Test func readsColumnsByNameInAnyOrderWithCRLF() throws {
        let text =
            "national_id,sample_id,result,test,resulted_at,sampled_at\r\n"
            + "870101234,LAB-2026-000101,negative,pcr,2026-03-01T14:05:00+03:00,2026-03-01T08:30:00+03:00\r\n"
            + "920315678,LAB-2026-000102,positive,rapid-antigen,2026-03-01T09:00:00Z,2026-03-01T08:40:00Z\r\n"
            + "010203040,LAB-2026-000103,pending,pcr,,2026-03-01T08:45:00+03:00\r\n"
        let rows = try rows(text)
        #expect(rows.map(\.line) == [2, 3, 4])
        #expect(rows.map(\.location) == ["line 2", "line 3", "line 4"])
        #expect(
            try fields(rows[0])
                == LabResultFields(
                    sampleId: "LAB-2026-000101", nationalId: "870101234", test: "pcr", result: "negative",
                    sampledAt: "2026-03-01T08:30:00+03:00", resultedAt: "2026-03-01T14:05:00+03:00"))
        #expect(try fields(rows[1]).test == "rapid-antigen")
        #expect(try fields(rows[1]).sampledAt == "2026-03-01T08:40:00Z")
        #expect(try fields(rows[2]).result == "pending")
        #expect(try fields(rows[2]).resultedAt == nil)
    }

    @Test func resultedAtColumnMayBeLeftOut() throws {
        let rows = try rows(
            "sample_id,national_id,test,result,sampled_at\nS1,870101234,pcr,pending,2026-03-01T08:00:00Z")
        #expect(rows.count == 1)
        #expect(try fields(rows[0]).resultedAt == nil)
        #expect(try fields(rows[0]).sampledAt == "2026-03-01T08:00:00Z")
    }

    /// A rapid antigen test's device may be given in its own column; an empty cell is no device.
    @Test func deviceColumnMayBeGiven() throws {
        let rows = try rows(
            "sample_id,national_id,test,result,sampled_at,resulted_at,device\n"
                + "R1,870101234,rapid-antigen,negative,2026-03-01T08:00:00Z,2026-03-01T08:20:00Z,1232\n"
                + "R2,870101234,pcr,negative,2026-03-01T08:00:00Z,2026-03-01T12:00:00Z,\n")
        #expect(try fields(rows[0]).device == "1232")
        #expect(try fields(rows[1]).device == nil)
    }

    @Test func quotedCellsHoldCommasQuotesAndLineBreaks() throws {
        let text = #"""
            sample_id,national_id,test,result,sampled_at,resulted_at
            "A,1","870101234","pcr",negative,2026-03-01T08:00:00Z,"2026-03-01T12:00:00Z"
            "B ""quoted""",870101235,pcr,negative,2026-03-01T08:00:00Z,
            "C
            two
            lines",870101236,pcr,positive,2026-03-01T08:00:00Z,2026-03-01T12:00:00Z
            D,870101237,pcr,negative,2026-03-01T08:00:00Z,""
            """#
        let rows = try rows(text)
        #expect(rows.map(\.line) == [2, 3, 4, 7])
        #expect(try fields(rows[0]).sampleId == "A,1")
        #expect(try fields(rows[0]).resultedAt == "2026-03-01T12:00:00Z")
        #expect(try fields(rows[1]).sampleId == #"B "quoted""#)
        #expect(try fields(rows[1]).resultedAt == nil)
        #expect(try fields(rows[2]).sampleId == "C\ntwo\nlines")
        #expect(try fields(rows[3]).sampleId == "D")
        #expect(try fields(rows[3]).resultedAt == nil)
    }

    @Test func embeddedCRLFCountsOneLineAndIsKept() throws {
        let text =
            "sample_id,national_id,test,result,sampled_at\r\n"
            + "\"X\r\nY\",870101234,pcr,pending,2026-03-01T08:00:00Z\r\n"
            + "\r\n"
            + "Z,870101235,pcr,pending,2026-03-01T08:00:00Z\r\n"
        let rows = try rows(text)
        #expect(rows.map(\.line) == [2, 5])
        #expect(try fields(rows[0]).sampleId == "X\r\nY")
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let text = "\n\nsample_id,national_id,test,result,sampled_at\n\nA,1,pcr,pending,t\n\n\nB,2,pcr,pending,t\n\n"
        let rows = try rows(text)
        #expect(rows.map(\.line) == [5, 8])
        #expect(try rows.map { try fields($0).sampleId } == ["A", "B"])
    }

    @Test func loneCarriageReturnsEndLines() throws {
        let rows = try rows("sample_id,national_id,test,result,sampled_at\rA,1,pcr,pending,t\r\rB,2,pcr,pending,t")
        #expect(rows.map(\.line) == [2, 4])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let data = Data(
            [0xEF, 0xBB, 0xBF] + Array("sample_id,national_id,test,result,sampled_at\nA,1,pcr,pending,t\n".utf8))
        let rows = try reader.read(data)
        #expect(rows.count == 1)
        #expect(try fields(rows[0]).sampleId == "A")
    }

    @Test func headerOnlyFileHasNoRows() throws {
        #expect(try rows("sample_id,national_id,test,result,sampled_at,resulted_at\r\n").isEmpty)
        #expect(try rows("sample_id,national_id,test,result,sampled_at,resulted_at").isEmpty)
    }

    @Test func trailingEmptyCellAtEndOfFileCounts() throws {
        let rows = try rows("sample_id,national_id,test,result,sampled_at,resulted_at\nA,1,pcr,pending,t,")
        #expect(try fields(rows[0]).resultedAt == nil)
        #expect(try fields(rows[0]).sampledAt == "t")
    }

    @Test func recordWithWrongCellCountIsARowErrorAndNeighboursStillRead() throws {
        let text = """
            sample_id,national_id,test,result,sampled_at
            A,1,pcr,pending,t
            B,2,pcr,pending
            C,3,pcr,pending,t,extra
            D,4,pcr,pending,t
            """
        let rows = try rows(text)
        #expect(rows.map(\.line) == [2, 3, 4, 5])
        let short = try rowError(rows[1])
        #expect(short.code == .csvCellCount)
        #expect(short.detail == "The record has 4 cells; the header has 5 columns.")
        #expect(try rowError(rows[2]).code == .csvCellCount)
        #expect(try fields(rows[3]).sampleId == "D")
    }

    @Test func quoteInsideUnquotedCellIsARowErrorAndReadingResumesNextLine() throws {
        let text = "sample_id,national_id,test,result,sampled_at\nA\"B,1,pcr,pending,t\nC,2,pcr,pending,t\n"
        let rows = try rows(text)
        #expect(rows.map(\.line) == [2, 3])
        #expect(try rowError(rows[0]).code == .csvMalformedRecord)
        #expect(try fields(rows[1]).sampleId == "C")
    }

    @Test func textAfterClosingQuoteIsARowError() throws {
        let text = "sample_id,national_id,test,result,sampled_at\n\"A\"B,1,pcr,pending,t\r\nC,2,pcr,pending,t"
        let rows = try rows(text)
        #expect(rows.map(\.line) == [2, 3])
        #expect(try rowError(rows[0]).code == .csvMalformedRecord)
        #expect(try fields(rows[1]).sampleId == "C")
    }

    /// The records after an unclosed quote would be read as one cell, neither imported nor counted: the whole file
    /// is refused, naming the line its record starts on.
    @Test func unclosedQuoteRefusesTheFileNamingTheLineItsRecordStarts() throws {
        let text =
            "sample_id,national_id,test,result,sampled_at\nA,1,pcr,pending,t\nB,\"2,pcr,pending,t\nC,3,pcr,pending,t\n"
        let error = try fileError(text)
        #expect(error.code == .csvMalformedRecord)
        #expect(error.detail.hasPrefix("Line 3: A quoted cell is never closed"))
    }

    /// A stray quote closed by a later cell's opening quote: the records between would be lost the same way.
    @Test func aStrayQuoteClosedOnALaterLineRefusesTheFile() throws {
        let text =
            "sample_id,national_id,test,result,sampled_at\nA,1,pcr,pending,t\nB,\"2,pcr,pending,t\nC,3,pcr,pending,t\n"
            + "D,\"4\",pcr,pending,t\nE,5,pcr,pending,t\n"
        let error = try fileError(text)
        #expect(error.code == .csvMalformedRecord && error.detail.hasPrefix("Line 3: A quoted cell runs over"))
        // Closed by another stray quote before a comma, the record's cells not the header's count.
        let closedByStray = try fileError(
            "sample_id,national_id,test,result,sampled_at\nB,\"2,pcr,pending,t\nC,3,pcr,pending,t\nD,4\",pcr,pending,t,x\n"
        )
        #expect(closedByStray.detail.hasPrefix("Line 2: a quoted cell runs over a line break and its record has 6"))
        // The same as the file's last record, with no line break after it.
        let atTheEnd = try fileError(
            "sample_id,national_id,test,result,sampled_at\nB,\"2,pcr,pending,t\nC,3\",pcr,pending,t,x")
        #expect(atTheEnd.detail.hasPrefix("Line 2: a quoted cell runs over a line break and its record has 6"))
        // A quoted line break that closes properly is a cell's text.
        let rows = try rows(
            "sample_id,national_id,test,result,sampled_at\n\"A\nB\",1,pcr,pending,t\nC,2,pcr,pending,t\n")
        #expect(try rows.map { try fields($0).sampleId } == ["A\nB", "C"])
    }

    @Test func emptyFileHasNoHeader() throws {
        #expect(try fileError("").code == .csvMissingHeader)
        #expect(try fileError("\r\n\n").code == .csvMissingHeader)
    }

    @Test func dataRowInPlaceOfHeaderIsRefusedWithoutQuotingIt() throws {
        let error = try fileError("LAB-1,870101234,pcr,negative,2026-03-01T08:00:00Z\n")
        #expect(error.code == .csvMissingHeader)
        #expect(!error.detail.contains("870101234"))
    }

    @Test func headerMissingRequiredColumnsNamesThem() throws {
        let error = try fileError("sample_id,test,result,resulted_at\nA,pcr,pending,\n")
        #expect(error.code == .missingField)
        #expect(error.detail.contains("national_id, sampled_at"))
    }

    @Test func unknownColumnIsNamed() throws {
        let error = try fileError("sample_id,national_id,test,result,sampled_at,lab_name\n")
        #expect(error.code == .unknownField)
        #expect(error.detail.contains("'lab_name'"))
    }

    @Test func duplicateColumnIsNamed() throws {
        let error = try fileError("sample_id,national_id,test,result,sampled_at,test\n")
        #expect(error.code == .csvDuplicateColumn)
        #expect(error.detail.contains("test"))
    }

    @Test func malformedHeaderIsAFileError() throws {
        let error = try fileError("sample_id,\"national_id\"x,test,result,sampled_at\n")
        #expect(error.code == .csvMalformedRecord)
        #expect(error.detail.contains("line 1"))
    }

    @Test func textThatIsNotUTF8IsRefusedWithItsLine() throws {
        var bytes = Array("sample_id,national_id,test,result,sampled_at\nA,1,pcr,pending,t\nB,".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(",pcr,pending,t\n".utf8)
        let error = try fileError(Data(bytes))
        #expect(error.code == .importNotUTF8)
        #expect(error.detail.contains("line 3"))
    }
}
