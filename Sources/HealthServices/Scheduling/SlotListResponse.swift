import Hummingbird

/// A slot search answer, written straight to bytes: slot search is the hottest read, and the generic
/// `JSONEncoder` path spent more time than everything else in the request together.
struct SlotListResponse: ResponseGenerator {
    let slots: [Slot]

    /// The same JSON `[Slot]` encodes to, field for field.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + slots.count * 200)
        out.append(UInt8(ascii: "["))
        for (index, slot) in slots.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendKey("id", to: &out, first: true)
            JSONText.appendString(slot.id, to: &out)
            JSONText.appendKey("centreId", to: &out)
            JSONText.appendString(slot.centreId, to: &out)
            JSONText.appendKey("service", to: &out)
            JSONText.appendString(slot.service, to: &out)
            JSONText.appendKey("start", to: &out)
            JSONText.appendString(slot.start.iso8601, to: &out)
            JSONText.appendKey("durationMinutes", to: &out)
            out += Array(String(slot.durationMinutes).utf8)
            JSONText.appendKey("capacity", to: &out)
            out += Array(String(slot.capacity).utf8)
            JSONText.appendKey("remaining", to: &out)
            out += Array(String(slot.remaining).utf8)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = bytes
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(body.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
