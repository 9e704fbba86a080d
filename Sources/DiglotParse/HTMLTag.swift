import Foundation

/// Classifies one raw HTML tag, as cmark-gfm hands it over in an `html_inline` node, by the role it plays
/// in a translated page. Only the handful of tags the translation pipeline writes are told apart;
/// everything else is `.other` and is kept as written.
package enum HTMLTag: Equatable {
    /// `<span data-ttu-id="ID">`: a unit's target begins.
    case unitTarget(id: String)
    /// `<span class="sxs-lookup">`: the wrapper around a unit's source.
    case lookup
    /// `<span data-stu-id="ID">`: a unit's source begins.
    case unitSource(id: String)
    /// Any other `<span …>`.
    case otherSpanOpen
    /// `</span>`.
    case spanClose
    /// `<a name="…">` or `<a id="…">` with no `href` (or an empty one): an anchor.
    case anchorOpen(name: String)
    /// `</a>`.
    case anchorClose
    case other

    package init(_ literal: String) {
        // The translation pipeline writes these four tags the same way every time; match them
        // byte for byte before falling back to reading attributes.
        if let fast = HTMLTag.exactForm(literal) {
            self = fast
            return
        }
        var utf8 = literal.utf8[...]
        guard utf8.first == UInt8(ascii: "<") else { self = .other; return }
        utf8 = utf8.dropFirst()
        let closing = utf8.first == UInt8(ascii: "/")
        if closing { utf8 = utf8.dropFirst() }
        let name = HTMLTag.takeName(&utf8)
        if closing {
            HTMLTag.skipSpace(&utf8)
            guard utf8.first == UInt8(ascii: ">") else { self = .other; return }
            switch name {
            case "span": self = .spanClose
            case "a": self = .anchorClose
            default: self = .other
            }
            return
        }
        switch name {
        case "span":
            let attributes = HTMLTag.attributes(&utf8)
            if let id = attributes.first(where: { $0.name == "data-ttu-id" })?.value {
                self = .unitTarget(id: id)
            } else if let id = attributes.first(where: { $0.name == "data-stu-id" })?.value {
                self = .unitSource(id: id)
            } else if attributes.contains(where: { $0.name == "class" && $0.value == "sxs-lookup" }) {
                self = .lookup
            } else {
                self = .otherSpanOpen
            }
        case "a":
            let attributes = HTMLTag.attributes(&utf8)
            // `<a name="x">`, `<a id="x">`, and `<a href="" id="x">` as some pages write it.
            if !attributes.contains(where: { $0.name == "href" && !$0.value.isEmpty }),
               let name = attributes.first(where: { $0.name == "name" || $0.name == "id" })?.value, !name.isEmpty {
                self = .anchorOpen(name: name)
            } else {
                self = .other
            }
        default:
            self = .other
        }
    }

    /// The `name="value"` pairs in a string of attributes, as in `:::image type="content" source="…":::`.
    package static func attributes(in text: Substring) -> [(name: String, value: String)] {
        var utf8 = text.utf8[...]
        return attributes(&utf8)
    }

    private static let closeSpan: StaticString = "</span>"
    private static let lookupSpan: StaticString = "<span class=\"sxs-lookup\">"
    private static let targetPrefix: StaticString = "<span data-ttu-id=\""
    private static let sourcePrefix: StaticString = "<span data-stu-id=\""

    private static func exactForm(_ literal: String) -> HTMLTag? {
        var literal = literal
        return literal.withUTF8 { exactForm(bytes: $0) }
    }

    /// The four tags of a translation unit, written the way the pipeline writes them, matched byte for
    /// byte; nil for anything else (which `init(_:)` then reads attribute by attribute).
    static func exactForm(bytes: UnsafeBufferPointer<UInt8>) -> HTMLTag? {
        guard let base = bytes.baseAddress, bytes.count >= 7, base[0] == UInt8(ascii: "<") else { return nil }
        func equals(_ s: StaticString) -> Bool {
            s.utf8CodeUnitCount == bytes.count && memcmp(s.utf8Start, base, bytes.count) == 0
        }
        func idAfter(_ prefix: StaticString) -> String? {
            let n = prefix.utf8CodeUnitCount
            guard bytes.count > n + 2, memcmp(prefix.utf8Start, base, n) == 0,
                  base[bytes.count - 1] == UInt8(ascii: ">"), base[bytes.count - 2] == UInt8(ascii: "\"") else { return nil }
            let id = UnsafeBufferPointer(rebasing: bytes[n..<(bytes.count - 2)])
            guard !id.contains(UInt8(ascii: "\"")) else { return nil }
            return String(decoding: id, as: UTF8.self)
        }
        if equals(closeSpan) { return .spanClose }
        if equals(lookupSpan) { return .lookup }
        if let id = idAfter(targetPrefix) { return .unitTarget(id: id) }
        if let id = idAfter(sourcePrefix) { return .unitSource(id: id) }
        return nil
    }

    /// The tag as the pipeline writes it, for the four unit tags.
    var canonicalLiteral: String? {
        switch self {
        case .spanClose: return "</span>"
        case .lookup: return "<span class=\"sxs-lookup\">"
        case .unitTarget(let id): return "<span data-ttu-id=\"\(id)\">"
        case .unitSource(let id): return "<span data-stu-id=\"\(id)\">"
        default: return nil
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func skipSpace(_ utf8: inout Substring.UTF8View) {
        while let b = utf8.first, isSpace(b) { utf8 = utf8.dropFirst() }
    }

    private static func takeName(_ utf8: inout Substring.UTF8View) -> String {
        var end = utf8.startIndex
        while end < utf8.endIndex {
            let b = utf8[end]
            if isSpace(b) || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") { break }
            end = utf8.index(after: end)
        }
        let name = String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self).lowercased()
        utf8 = utf8[end...]
        return name
    }

    /// The attributes of a start tag, up to its `>`; values with entities left as written.
    private static func attributes(_ utf8: inout Substring.UTF8View) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        while true {
            skipSpace(&utf8)
            guard let b = utf8.first, b != UInt8(ascii: ">"), b != UInt8(ascii: "/") else { return result }
            let name = takeName(&utf8)
            if name.isEmpty { utf8 = utf8.dropFirst(); continue }
            skipSpace(&utf8)
            var value = ""
            if utf8.first == UInt8(ascii: "=") {
                utf8 = utf8.dropFirst()
                skipSpace(&utf8)
                if let quote = utf8.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    utf8 = utf8.dropFirst()
                    let end = utf8.firstIndex(of: quote) ?? utf8.endIndex
                    value = String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self)
                    utf8 = end < utf8.endIndex ? utf8[utf8.index(after: end)...] : utf8[end...]
                } else {
                    var end = utf8.startIndex
                    while end < utf8.endIndex, !isSpace(utf8[end]), utf8[end] != UInt8(ascii: ">") { end = utf8.index(after: end) }
                    value = String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self)
                    utf8 = utf8[end...]
                }
            }
            result.append((name, value))
        }
    }
}
