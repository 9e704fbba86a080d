/// Flattens inlines to plain text: markup dropped, link text and image alt text kept,
/// entities decoded, whitespace collapsed to single spaces and trimmed.
public enum PlainText {
    public static func of(_ inlines: [Inline]) -> String {
        var raw = ""
        append(inlines, to: &raw)
        return collapseWhitespace(raw)
    }

    package static func append(_ inlines: [Inline], to out: inout String) {
        for inline in inlines {
            switch inline.kind {
            case .text(let s), .code(let s): out += s
            case .emphasis(let c), .strong(let c), .strikethrough(let c): append(c, to: &out)
            case .link(let link): append(link.children, to: &out)
            case .image(let image): append(image.alt, to: &out)
            case .html(let raw): out += HTMLText.textContent(ofRawHTML: raw)
            case .softBreak, .lineBreak: out += " "
            case .unit(let unit): append(unit.target, to: &out)
            }
        }
    }

    /// Whether the text has a letter (Unicode's `Alphabetic` property): not only numbers and punctuation.
    public static func hasLetters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    public static func collapseWhitespace(_ s: String) -> String {
        if isCollapsed(s) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True when `s` has no leading, trailing, doubled or non-space whitespace (the common case),
    /// decided on UTF-8 bytes. Lead bytes of non-ASCII whitespace (U+0085, U+00A0, U+1680, U+2000…,
    /// U+3000) send the string to the slow path.
    private static func isCollapsed(_ s: String) -> Bool {
        var previousSpace = true
        for byte in s.utf8 {
            switch byte {
            case 0x20:
                if previousSpace { return false }
                previousSpace = true
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xC2, 0xE1, 0xE2, 0xE3:
                return false
            default:
                previousSpace = false
            }
        }
        return !previousSpace || s.isEmpty
    }
}
