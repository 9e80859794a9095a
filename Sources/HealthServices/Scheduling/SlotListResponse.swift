import Hummingbird

/// A slot search answer, written straight into the response buffer: slot search is the hottest read, and the
/// generic `JSONEncoder` path spent more time than everything else in the request together.
struct SlotListResponse: ResponseGenerator {
    /// The same JSON `[Slot]` encodes to, field for field.
    let body: ByteBuffer

    /// Writes the slots' JSON at once, into a buffer that is sure to hold it.
    init(slots: [Slot]) {
        var maxSize = 2 + max(0, slots.count - 1)
        for slot in slots { maxSize += Self.maxSize(of: slot) }
        var out = ByteBufferAllocator().buffer(capacity: maxSize)
        JSONText.write(into: &out, maxSize: maxSize) { json in
            json.append(raw: "[")
            for index in slots.indices {
                if index > 0 { json.append(raw: ",") }
                Self.write(slots[index], to: &json)
            }
            json.append(raw: "]")
        }
        body = out
    }

    /// The keys and braces of one slot's object.
    private static let keysSize =
        ([
            #"{"id":"#, #","centreId":"#, #","service":"#, #","start":"#, #","durationMinutes":"#, #","capacity":"#,
            #","remaining":"#, "}",
        ] as [StaticString]).reduce(0) { $0 + JSONText.size(ofRaw: $1) }

    /// The most bytes one slot's object takes.
    private static func maxSize(of slot: Slot) -> Int {
        let strings =
            JSONText.maxSize(ofString: slot.id) + JSONText.maxSize(ofString: slot.centreId)
            + JSONText.maxSize(ofString: slot.service) + JSONText.maxSize(ofString: slot.start)
        return keysSize + strings + 3 * JSONText.maxIntegerSize
    }

    private static func write(_ slot: Slot, to json: inout JSONText) {
        json.append(raw: #"{"id":"#)
        json.append(string: slot.id)
        json.append(raw: #","centreId":"#)
        json.append(string: slot.centreId)
        json.append(raw: #","service":"#)
        json.append(string: slot.service)
        json.append(raw: #","start":"#)
        json.append(string: slot.start)
        json.append(raw: #","durationMinutes":"#)
        json.append(integer: slot.durationMinutes)
        json.append(raw: #","capacity":"#)
        json.append(integer: slot.capacity)
        json.append(raw: #","remaining":"#)
        json.append(integer: slot.remaining)
        json.append(raw: "}")
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes)],
            body: ResponseBody(byteBuffer: body)
        )
    }
}
