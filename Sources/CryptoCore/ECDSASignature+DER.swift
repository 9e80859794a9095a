extension ECDSASignature {
    /// Longest DER P-256 signature: a 2-byte SEQUENCE header and two INTEGERs of at most 2 + 33 bytes.
    static let maximumDERByteCount = 72

    /// Calls `body` with the DER encoding built in stack memory, so verification does not allocate.
    func withDERRepresentation<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        withUnsafeTemporaryAllocation(byteCount: Self.maximumDERByteCount, alignment: 1) { buffer in
            let count = rawRepresentation.withUnsafeBytes { raw in
                let half = Self.scalarByteCount
                let r = UnsafeRawBufferPointer(rebasing: raw[0..<half])
                let s = UnsafeRawBufferPointer(rebasing: raw[half..<(2 * half)])
                var offset = 2
                offset = Self.writeInteger(r, into: buffer, at: offset)
                offset = Self.writeInteger(s, into: buffer, at: offset)
                buffer[0] = 0x30  // SEQUENCE
                buffer[1] = UInt8(offset - 2)  // at most 70 bytes of content: always the short length form
                return offset
            }
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Writes `magnitude` (big-endian, unsigned) as a minimal DER INTEGER at `offset`; returns the offset after it.
    private static func writeInteger(
        _ magnitude: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer, at offset: Int
    ) -> Int {
        // Drop leading zero bytes but keep one byte for zero itself.
        let start = magnitude.firstIndex { $0 != 0 } ?? (magnitude.count - 1)
        let significant = UnsafeRawBufferPointer(rebasing: magnitude[start...])
        // A set high bit would read as negative, so a zero byte goes in front.
        let needsPad = significant[0] & 0x80 != 0
        let length = significant.count + (needsPad ? 1 : 0)
        buffer[offset] = 0x02  // INTEGER
        buffer[offset + 1] = UInt8(length)
        var position = offset + 2
        if needsPad {
            buffer[position] = 0
            position += 1
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer[position..<(position + significant.count)])
            .copyMemory(from: significant)
        return position + significant.count
    }
}
