import HealthServices
import Hummingbird

/// A slot search answer, written straight into the response buffer: slot search is the hottest read, and the
/// generic `JSONEncoder` path spent more time than everything else in the request together.
struct SlotListResponse: ResponseGenerator {
    /// The same JSON `[Slot]` encodes to, field for field.
    let body: ByteBuffer

    /// Writes the slots' JSON at once, from their bytes, into a buffer that is sure to hold it.
    init(slots: SlotList) {
        body = slots.text.withUnsafeBufferPointer { text in
            var maxSize = 2 + max(0, slots.entries.count - 1)
            for entry in slots.entries {
                let strings =
                    JSONText.maxSize(ofStringBytes: entry.id.count)
                    + JSONText.maxSize(ofStringBytes: entry.centreId.count)
                    + JSONText.maxSize(ofStringBytes: entry.service.count) + JSONText.maxSize(ofString: entry.start)
                maxSize += Self.keysSize + strings + 3 * JSONText.maxIntegerSize
            }
            var out = ByteBufferAllocator().buffer(capacity: maxSize)
            JSONText.write(into: &out, maxSize: maxSize) { json in
                json.append(raw: "[")
                for (index, entry) in slots.entries.enumerated() {
                    if index > 0 { json.append(raw: ",") }
                    json.append(raw: #"{"id":"#)
                    json.append(string: UnsafeBufferPointer(rebasing: text[entry.id]))
                    json.append(raw: #","centreId":"#)
                    json.append(string: UnsafeBufferPointer(rebasing: text[entry.centreId]))
                    json.append(raw: #","service":"#)
                    json.append(string: UnsafeBufferPointer(rebasing: text[entry.service]))
                    json.append(raw: #","start":"#)
                    json.append(string: entry.start)
                    json.append(raw: #","durationMinutes":"#)
                    json.append(integer: entry.durationMinutes)
                    json.append(raw: #","capacity":"#)
                    json.append(integer: entry.capacity)
                    json.append(raw: #","remaining":"#)
                    json.append(integer: entry.remaining)
                    json.append(raw: "}")
                }
                json.append(raw: "]")
            }
            return out
        }
    }

    /// The keys and braces of one slot's object.
    private static let keysSize =
        ([
            #"{"id":"#, #","centreId":"#, #","service":"#, #","start":"#, #","durationMinutes":"#, #","capacity":"#,
            #","remaining":"#, "}",
        ] as [StaticString]).reduce(0) { $0 + JSONText.size(ofRaw: $1) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes)],
            body: ResponseBody(byteBuffer: body)
        )
    }
}
