import DiglotModel

/// Splits a raw HTML block into tags and the text between them, and feeds them to an `InlineAssembler`,
/// so that translation units written inside raw HTML (tables in `<table>` markup, say) become model
/// units. Text between tags stays raw HTML: nothing in it is decoded or escaped again.
enum RawHTMLScanner {
    static func inlines(of html: String, start: SourceLocation, findings: inout [InlineAssembler.Finding],
                        unitStarts: inout [(id: String, location: SourceLocation)]) -> [Inline] {
        var assembler = InlineAssembler(start: start)
        let bytes = Array(html.utf8)
        var line = start.line
        var column = start.column
        var textStart = 0
        var textLocation = start
        var i = 0

        func flushText(upTo end: Int, endLocation: SourceLocation) {
            guard end > textStart else { return }
            let text = String(decoding: bytes[textStart..<end], as: UTF8.self)
            assembler.append(Inline(.html(text), range: SourceRange(start: textLocation, end: endLocation)))
        }

        while i < bytes.count {
            let b = bytes[i]
            // A comment is no part of any view, nor of the search (DocFX and Learn drop them too):
            // it is left out, what it holds with it (issue 11).
            if b == UInt8(ascii: "<"), bytes[i...].starts(with: commentOpen) {
                let commentLocation = SourceLocation(line: line, column: column)
                flushText(upTo: i, endLocation: commentLocation)
                let end = commentEnd(bytes, from: i + 4)
                for byte in bytes[i..<end] { advance(byte, line: &line, column: &column) }
                i = end
                textStart = i
                textLocation = SourceLocation(line: line, column: column)
                continue
            }
            if b == UInt8(ascii: "<"), i + 1 < bytes.count,
               isTagStart(bytes[i + 1]), let close = tagEnd(bytes, from: i + 1) {
                let tagLocation = SourceLocation(line: line, column: column)
                flushText(upTo: i, endLocation: tagLocation)
                let literal = String(decoding: bytes[i...close], as: UTF8.self)
                for byte in bytes[i...close] { advance(byte, line: &line, column: &column) }
                assembler.tag(literal, range: SourceRange(start: tagLocation, end: SourceLocation(line: line, column: column - 1)))
                i = close + 1
                textStart = i
                textLocation = SourceLocation(line: line, column: column)
                continue
            }
            advance(b, line: &line, column: &column)
            i += 1
        }
        flushText(upTo: bytes.count, endLocation: SourceLocation(line: line, column: column))
        let result = assembler.finish(at: SourceLocation(line: line, column: column))
        findings.append(contentsOf: assembler.findings)
        unitStarts.append(contentsOf: assembler.unitStarts)
        return result
    }

    private static let commentOpen = Array("<!--".utf8)

    /// The index just past the `-->` that ends a comment whose text starts at `from` (the end of the
    /// HTML when it has none: CommonMark's HTML block of kind 2 runs to it).
    private static func commentEnd(_ bytes: [UInt8], from: Int) -> Int {
        var j = from
        while j + 2 < bytes.count {
            if bytes[j] == UInt8(ascii: "-"), bytes[j + 1] == UInt8(ascii: "-"), bytes[j + 2] == UInt8(ascii: ">") { return j + 3 }
            j += 1
        }
        return bytes.count
    }

    private static func advance(_ byte: UInt8, line: inout Int, column: inout Int) {
        if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
    }

    private static func isTagStart(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "/") || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z"))
    }

    /// The index of the `>` that ends the tag starting before `from`, skipping quoted attribute values.
    private static func tagEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var quote: UInt8? = nil
        var j = from
        while j < bytes.count {
            let c = bytes[j]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return j
            } else if c == UInt8(ascii: "<") {
                return nil
            }
            j += 1
        }
        return nil
    }
}
