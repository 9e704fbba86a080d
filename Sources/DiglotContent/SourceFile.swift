import DiglotModel

/// A file as read from the content folder: its path relative to that folder and its bytes.
public struct SourceFile: Sendable {
    /// Relative path with `/` separators, e.g. `partner-center/x.md`.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// The one rule for reading a content file's bytes as text (the parse stage's first step, and
/// `ContentFolder.text`).
extension SourceFile {
    /// The file's bytes as text: a UTF-8 byte order mark dropped, invalid UTF-8 reported (DG203) and
    /// shown as U+FFFD, lone CRs made LFs (CommonMark and YAML 1.2 both end a line at a lone CR).
    package func decoded() -> (text: String, diagnostics: [Diagnostic]) {
        var bytes = self.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var diagnostics: [Diagnostic] = []
        var text: String
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            let bad = Self.firstInvalidUTF8(bytes) ?? SourceLocation(line: 1, column: 1)
            diagnostics.append(Diagnostic(file: path, location: bad, code: .invalidUTF8, stage: .load,
                                          message: "invalid UTF-8 (the bytes are shown as U+FFFD)"))
            text = String(decoding: bytes, as: UTF8.self)
        }
        return (Self.normalizingLineEnds(text), diagnostics)
    }

    /// `text` with every lone CR (one not followed by LF) made an LF; CRLF is left as it is.
    static func normalizingLineEnds(_ text: String) -> String {
        guard text.containsBytes("\r") else { return text }
        var bytes = Array(text.utf8)
        for i in bytes.indices where bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A) { bytes[i] = 0x0A }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The file position of the first byte that is not valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> SourceLocation? {
        var line = 1
        var lineStart = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1; lineStart = i + 1 }
                i += 1
                continue
            }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return SourceLocation(line: line, column: i - lineStart + 1)
            }
            guard i + length <= bytes.endIndex else { return SourceLocation(line: line, column: i - lineStart + 1) }
            var scalar = UInt32(b) & (0xFF >> (length + 1))
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return SourceLocation(line: line, column: i - lineStart + 1) }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return SourceLocation(line: line, column: i - lineStart + 1)
            }
            i += length
        }
        return nil
    }
}
