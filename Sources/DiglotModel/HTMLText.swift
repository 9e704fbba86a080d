/// Escaping for HTML output and text extraction from raw HTML.
public enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'` for text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = HTMLWriter()
        out.text(s)
        return out.string
    }

    /// The text of a raw HTML fragment: tags dropped, character references decoded.
    public static func textContent(ofRawHTML html: String) -> String {
        var out = ""
        var inTag = false
        var entity: String? = nil
        for ch in html {
            if inTag {
                if ch == ">" { inTag = false }
                continue
            }
            if var e = entity {
                if ch == ";" {
                    out += decodeEntity(e) ?? "&\(e);"
                    entity = nil
                } else if ch.isLetter || ch.isNumber || ch == "#", e.count < 32 {
                    e.append(ch)
                    entity = e
                } else {
                    out += "&" + e
                    entity = nil
                    if ch == "<" { inTag = true } else if ch == "&" { entity = "" } else { out.append(ch) }
                }
                continue
            }
            switch ch {
            case "<": inTag = true
            case "&": entity = ""
            default: out.append(ch)
            }
        }
        if let e = entity { out += "&" + e }
        return out
    }

    package static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–",
        "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "bull": "•", "middot": "·", "deg": "°", "euro": "€", "times": "×", "sup1": "¹", "sup2": "²", "sup3": "³",
        "iexcl": "¡", "iquest": "¿", "aacute": "á", "eacute": "é", "iacute": "í", "oacute": "ó", "uacute": "ú",
        "Aacute": "Á", "Eacute": "É", "Iacute": "Í", "Oacute": "Ó", "Uacute": "Ú", "ntilde": "ñ", "Ntilde": "Ñ",
        "uuml": "ü", "Uuml": "Ü", "ccedil": "ç", "shy": "\u{00AD}", "zwj": "\u{200D}", "zwnj": "\u{200C}",
    ]

    package static func decodeEntity(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let v = value, let scalar = Unicode.Scalar(v), v != 0 else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return namedEntities[name]
    }
}

/// An append-only UTF-8 buffer for building HTML, with escaping that never allocates per call.
public struct HTMLWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup written as is.
    @inline(__always)
    public mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A string written as is (trusted markup, or raw HTML from the page).
    public mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Bytes of markup written as they are.
    public mutating func raw(bytes more: ArraySlice<UInt8>) {
        bytes.append(contentsOf: more)
    }

    /// Text escaped for element content and attribute values.
    public mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { buffer in
            var runStart = 0
            for i in 0..<buffer.count {
                let replacement: StaticString
                switch buffer[i] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<i]))
                raw(replacement)
                runStart = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<buffer.count]))
        }
    }

    /// Text escaped, each run of left-to-right text in it (`Bidi.leftToRightRuns`: a Latin name or
    /// code in an Arabic sentence) in a `<bdi>` of its own, so that the page's direction cannot
    /// reorder its neighbours around it (HTML, "The bdi element").
    public mutating func textIsolatingLeftToRight(_ text: String) {
        var written = text.startIndex
        for run in Bidi.leftToRightRuns(in: text) {
            self.text(String(text[written..<run.lowerBound]))
            raw("<bdi>"); self.text(String(text[run])); raw("</bdi>")
            written = run.upperBound
        }
        self.text(String(text[written...]))
    }

    public mutating func int(_ n: Int) {
        raw(String(n))
    }
}
