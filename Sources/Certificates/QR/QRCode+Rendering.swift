/// SVG and terminal renderings of a QR code, each with the four-module quiet zone the standard requires.
extension QRCode {
    public static let quietZone = 4

    /// An SVG image, one unit per module, dark modules as one path.
    public func svg(moduleSize: Int = 4) -> String {
        Self.svg(stacking: [self], moduleSize: moduleSize)
    }

    /// One SVG image of several codes one below the other, each with its quiet zone: the chunks of a SMART Health
    /// Card, scanned in turn.
    public static func svg(stacking codes: [QRCode], moduleSize: Int = 4) -> String {
        let width = (codes.map(\.size).max() ?? 0) + 2 * quietZone
        var path = ""
        var top = 0
        for code in codes {
            path += code.path(top: top)
            top += code.size + 2 * quietZone
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width * moduleSize)" height="\(top * moduleSize)" \
            viewBox="0 0 \(width) \(top)" shape-rendering="crispEdges">
            <rect width="\(width)" height="\(top)" fill="#ffffff"/>
            <path fill="#000000" d="\(path)"/>
            </svg>

            """
    }

    /// The dark modules as SVG path commands, the symbol's quiet zone starting `top` units down.
    func path(top: Int) -> String {
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                path += "M\(start + Self.quietZone) \(top + y + Self.quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        return path
    }

    /// Text for a terminal: two module rows per line with half-block characters, dark modules drawn as ink.
    public func text() -> String {
        let range = -Self.quietZone..<(size + Self.quietZone)
        var output = ""
        for y in stride(from: range.lowerBound, to: range.upperBound, by: 2) {
            for x in range {
                switch (isDark(x: x, y: y), isDark(x: x, y: y + 1)) {
                case (true, true): output += "\u{2588}"
                case (true, false): output += "\u{2580}"
                case (false, true): output += "\u{2584}"
                case (false, false): output += " "
                }
            }
            output += "\n"
        }
        return output
    }

    /// A binary PBM (netpbm P4) image, `scale` pixels per module, for image tools and QR decoders.
    public func pbm(scale: Int = 4) -> [UInt8] {
        let side = (size + 2 * Self.quietZone) * scale
        var output = Array("P4\n\(side) \(side)\n".utf8)
        let rowBytes = (side + 7) / 8
        for pixelY in 0..<side {
            var row = [UInt8](repeating: 0, count: rowBytes)
            for pixelX in 0..<side where isDark(x: pixelX / scale - Self.quietZone, y: pixelY / scale - Self.quietZone)
            {
                row[pixelX / 8] |= 0x80 >> UInt8(pixelX % 8)
            }
            output += row
        }
        return output
    }
}
