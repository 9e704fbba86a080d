import Foundation

/// Raw HTML tags from the page, written so that the output is valid HTML5 (what the W3C Nu checker
/// accepts) without changing what the reader sees. The model keeps every tag as written; only the
/// rendered copy is mended:
///
/// - `</br>` (written in the corpus for `<br>`) becomes `<br>`;
/// - `/>` on an element that is not void (`<a id="4"/>`) loses its slash, as browsers read it anyway;
/// - presentational attributes HTML5 made obsolete on table parts (`<col width="50%">`, `align`,
///   `valign`, `bgcolor`, `height`) become a `style`; `cellpadding`/`cellspacing` are dropped;
/// - `<font color=…>` becomes `<span style="color: …">`;
/// - `<a href="page.md">` leads to the page's view, as a markdown link does;
/// - with `stripIDs` (a second copy of the same text: the English of a sentence on hover, a column of
///   the side-by-side view), `id` and `name` are dropped so that ids stay unique in the document.
///
/// Every other tag is written byte for byte; the check for a tag needing work reads only its name and
/// scans its bytes once. What needs the tags around a tag (words in angle brackets, markup left open
/// or closed twice, lists without their list, comments in comments) is `RawHTMLBalancer`'s.
enum RawHTMLRepair {
    static func write(_ raw: String, stripIDs: Bool, into out: inout HTMLWriter) {
        guard let fix = needsRepair(raw, stripIDs: stripIDs) else {
            out.raw(raw)
            return
        }
        switch fix {
        case .endTag(let name):
            if name == "br" { out.raw("<br>") } else if name == "font" { out.raw("</span>") } else { out.raw(raw) }
        case .startTag(let name, let body):
            rewriteStartTag(name: name, attributes: HTMLTag.attributes(in: body), stripIDs: stripIDs, into: &out)
        }
    }

    /// How much a raw HTML fragment (one tag, or text between tags) changes the depth of open elements:
    /// +1 for a start tag of an element that has an end tag, -1 for an end tag, 0 otherwise.
    /// Words in angle brackets (`<ID>`, see `isWords`) change nothing.
    static func depthChange(_ raw: String) -> Int {
        let utf8 = raw.utf8
        guard utf8.count >= 3, utf8.first == UInt8(ascii: "<") else { return 0 }
        let second = utf8[utf8.index(after: utf8.startIndex)]
        if second == UInt8(ascii: "/") {
            guard let name = tagName(raw, closing: true), !isWords(raw, name: name, closing: true, inForeignContent: true) else { return 0 }
            return needsEndTag(name) ? -1 : 0
        }
        guard let name = tagName(raw, closing: false), !voidElements.contains(name),
              !isWords(raw, name: name, closing: false, inForeignContent: true) else { return 0 }
        // A browser reads `<a id="4"/>` as `<a id="4">`: the slash on a non-void element is ignored,
        // but not on SVG and MathML elements, where `/>` closes.
        if foreignElements.contains(name), endsWithSelfClosing(utf8) { return 0 }
        return optionalEndTags.contains(name) ? 0 : 1
    }

    /// The depth change of a raw HTML block: a `<table>` written over several blocks (a blank line ends
    /// a raw HTML block in markdown) opens in one and closes in another.
    static func depthChange(of block: Block) -> Int {
        guard case .html(let inlines) = block.kind else { return 0 }
        var change = 0
        for inline in inlines {
            if case .html(let raw) = inline.kind { change += depthChange(raw) }
        }
        return change
    }

    /// Whether a tag is words in angle brackets rather than markup (see `HTMLNames`): its name is no
    /// element, or it is a start tag of bare words (no `=`) one of which is no attribute of HTML's,
    /// as in `<data being collected>` (`data` is an element, `being` no attribute).
    static func isWords(_ raw: String, name: String, closing: Bool, inForeignContent: Bool) -> Bool {
        guard HTMLNames.isElement(name, inForeignContent: inForeignContent) else { return true }
        guard !closing, HTMLNames.isHTMLElement(name) else { return false }
        let body = raw.utf8.dropFirst(1 + name.utf8.count).dropLast()
        guard !body.contains(UInt8(ascii: "=")) else { return false }
        return body.split(whereSeparator: { isSpace($0) || $0 == UInt8(ascii: "/") })
            .contains { !HTMLNames.isAttribute(String(decoding: $0, as: UTF8.self).lowercased()) }
    }

    /// The end tag written for an element `name` (a `<font>` is written as a `<span>`).
    static func writeEndTag(_ name: String, into out: inout HTMLWriter) {
        out.raw("</"); out.raw(name == "font" ? "span" : name); out.raw(">")
    }

    /// Whether an element has an end tag that may not be left out: neither void nor one of
    /// `optionalEndTags`. `depthChange` counts these, `RawHTMLBalancer` follows them.
    static func needsEndTag(_ name: String) -> Bool {
        !voidElements.contains(name) && !optionalEndTags.contains(name)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// Whether a start tag ends with `/>`.
    static func endsWithSelfClosing(_ raw: String) -> Bool {
        endsWithSelfClosing(raw.utf8)
    }

    // MARK: Private

    private enum Fix {
        case endTag(String)
        case startTag(String, body: Substring)
    }

    /// HTML's void elements: no end tag, `/>` allowed.
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
    /// Elements whose end tag may be left out; neither their start nor their end tags are counted by
    /// `depthChange`, since pages leave them open.
    private static let optionalEndTags: Set<String> = ["p", "li", "dt", "dd", "option", "colgroup", "tr", "td", "th", "thead", "tbody", "tfoot"]
    /// SVG and MathML elements (lower-cased), whose `/>` closes them.
    private static let foreignElements: Set<String> = [
        "svg", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "g", "use", "defs", "stop", "lineargradient",
        "radialgradient", "text", "tspan", "image", "symbol", "clippath", "mask", "pattern", "marker", "title", "desc",
        "math", "mi", "mo", "mn", "ms", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot", "msub", "msup", "msubsup",
    ]
    private static let tableParts: Set<String> = ["table", "col", "colgroup", "tr", "td", "th", "thead", "tbody", "tfoot"]

    private static func needsRepair(_ raw: String, stripIDs: Bool) -> Fix? {
        let utf8 = raw.utf8
        guard utf8.count >= 3, utf8.first == UInt8(ascii: "<"), utf8.last == UInt8(ascii: ">") else { return nil }
        let second = utf8[utf8.index(after: utf8.startIndex)]
        if second == UInt8(ascii: "/") {
            guard let name = tagName(raw, closing: true), name == "br" || name == "font" else { return nil }
            return .endTag(name)
        }
        guard let name = tagName(raw, closing: false) else { return nil }
        let body = raw.dropFirst(1 + name.utf8.count)
        if name == "font" { return .startTag(name, body: body) }
        if !voidElements.contains(name), !foreignElements.contains(name), endsWithSelfClosing(utf8) { return .startTag(name, body: body) }
        if tableParts.contains(name), hasAny(of: ["width=", "align=", "valign=", "bgcolor=", "height=", "cellpadding=", "cellspacing="], in: body) {
            return .startTag(name, body: body)
        }
        if stripIDs, hasAny(of: ["id=", "name="], in: body) { return .startTag(name, body: body) }
        // `<a href="page.md">` goes to the page's view like a markdown link; a URL with characters
        // that are not allowed in one (`\\`, spaces) is percent-encoded.
        if name == "a" || name == "img",
           let url = HTMLTag.attributes(in: body).first(where: { $0.name == (name == "a" ? "href" : "src") })?.value,
           rewrittenURL(url, inLink: name == "a") != url {
            return .startTag(name, body: body)
        }
        return nil
    }

    private static func rewriteStartTag(name: String, attributes: [(name: String, value: String)], stripIDs: Bool, into out: inout HTMLWriter) {
        var style: [String] = []
        var written: String? = nil
        var kept: [(name: String, value: String)] = []
        for attribute in attributes {
            switch attribute.name {
            case "id" where stripIDs, "name" where stripIDs:
                continue
            case "color" where name == "font":
                style.append("color: \(attribute.value)")
            case "face" where name == "font":
                style.append("font-family: \(attribute.value)")
            case "size" where name == "font":
                continue
            case "width" where tableParts.contains(name) && name != "table",
                 "height" where tableParts.contains(name):
                let value = attribute.value.allSatisfy(\.isNumber) ? attribute.value + "px" : attribute.value
                style.append("\(attribute.name): \(value)")
            case "align" where name == "table":
                // A table's align places the table itself.
                switch attribute.value.lowercased() {
                case "center": style.append("margin-left: auto; margin-right: auto")
                case "right": style.append("margin-left: auto")
                default: break
                }
            case "align" where tableParts.contains(name):
                style.append("text-align: \(attribute.value)")
            case "valign" where tableParts.contains(name):
                style.append("vertical-align: \(attribute.value)")
            case "bgcolor" where tableParts.contains(name):
                style.append("background-color: \(attribute.value)")
            case "cellpadding", "cellspacing":
                continue
            case "href" where name == "a", "src" where name == "img":
                kept.append((attribute.name, rewrittenURL(attribute.value, inLink: name == "a")))
            case "style":
                written = attribute.value  // goes last: what the page wrote in CSS wins, as it did
            default:
                kept.append(attribute)
            }
        }
        if let written { style.append(written) }
        out.raw("<"); out.raw(name == "font" ? "span" : name)
        for attribute in kept {
            out.raw(" "); out.raw(attribute.name)
            out.raw("=\""); out.raw(attribute.value.replacingOccurrences(of: "\"", with: "&quot;")); out.raw("\"")
        }
        if !style.isEmpty {
            out.raw(" style=\""); out.raw(style.joined(separator: "; ").replacingOccurrences(of: "\"", with: "&quot;")); out.raw("\"")
        }
        out.raw(">")
    }

    private static func rewrittenURL(_ url: String, inLink: Bool) -> String {
        LinkResolver.escapedForHref(inLink ? LinkResolver.resolve(url) : url)
    }

    /// The lowercased element name after `<` or `</`, or nil if the fragment is not a tag. A hyphen
    /// belongs to the name (`<my-element>`, SVG's `<font-face>`), as in HTML's tokenizer.
    static func tagName(_ raw: String, closing: Bool) -> String? {
        var name = ""
        for byte in raw.utf8.dropFirst(closing ? 2 : 1) {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                name.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "-") where !name.isEmpty:
                name.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                name.unicodeScalars.append(Unicode.Scalar(byte | 0x20))
            default:
                return name.isEmpty ? nil : name
            }
        }
        return nil
    }

    private static func endsWithSelfClosing(_ utf8: String.UTF8View) -> Bool {
        utf8.count >= 2 && utf8[utf8.index(utf8.endIndex, offsetBy: -2)] == UInt8(ascii: "/")
    }

    /// Whether a start tag's attributes (after its name) include one of `names` (each with its `=`,
    /// lower-case), in any letter case: a byte scan, no allocation.
    private static func hasAny(of names: [StaticString], in body: Substring) -> Bool {
        let bytes = body.utf8
        for name in names {
            let count = name.utf8CodeUnitCount
            let needle = UnsafeBufferPointer(start: name.utf8Start, count: count)
            var previous: UInt8 = 0x20
            var index = bytes.startIndex
            while index != bytes.endIndex {
                let byte = bytes[index]
                if previous == 0x20 || previous == 0x09 || previous == 0x0A, byte | 0x20 == needle[0],
                   bytes[index...].prefix(count).elementsEqual(needle, by: { $0 | 0x20 == $1 }) {
                    return true
                }
                previous = byte
                index = bytes.index(after: index)
            }
        }
        return false
    }
}
