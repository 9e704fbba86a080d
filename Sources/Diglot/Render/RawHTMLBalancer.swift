import Foundation

/// The raw HTML of one rendered copy of a page, written fragment by fragment so that its elements
/// nest as HTML requires (what the Nu checker accepts) and a browser shows what it showed before.
/// The renderer keeps one from fragment to fragment and opens a *scope* for every list of inlines
/// it writes inside an element of its own: a unit's target or source, emphasis, strong,
/// strikethrough and links, a paragraph, a heading, a table cell.
///
/// - Words in angle brackets (`<ID>`, `</Token>`, `<data being collected>`: `isWords`) are text:
///   their `<` is written `&lt;`, so the reader sees them, as the writer meant.
/// - What a scope leaves open is closed at its end, as a browser closes it at the end tag of the
///   element around (WHATWG HTML §13.2.6.4.7, "any other end tag": the elements above the one it
///   closes are popped), with its end tag written. An end tag that closes nothing open in its scope
///   (a `</span>` left from a unit that a `|` cut in two) is left out: the browser ignores it (a
///   "stray end tag"). One that closes an element with others open in it closes those first.
/// - An `<li>` with no list around it in its scope (a table cell of `<li>` lines) opens a `<ul>`
///   (§4.4.8: an `li`'s parent is a `ul`, `ol` or `menu`), closed with the scope; an `<li>` closes
///   the open `<li>` of its list, as its end tag may be left out (§13.1.2.4). A list opened
///   directly in a list (`<ul>` written for `</ul>`) goes into an `<li>` that shows no marker, as
///   a browser shows none for it.
/// - A comment holds no `<!--` (§13.1.6 "Comments"; for the tokenizer a "nested-comment" parse
///   error): one in a comment is written `&lt;!--`, which no reader sees either.
///
/// Raw HTML blocks are no scope (a `<table>` opens in one block and closes in a later one); their
/// end tags are still matched against what is open. Void elements and elements whose end tag may
/// be left out (`p`, `td`, `tr`… but `li`) are written as they are and not followed. For valid
/// markup nothing changes: every element is closed where it was.
struct RawHTMLBalancer {
    /// The elements open, outermost first (lower-cased names as written: `font` for a `<span>`).
    private var open: [String] = []
    /// Where the innermost scope's elements start in `open`.
    private var floor = 0
    private var scopes = 0
    /// How many `svg` and `math` elements are open: inside them SVG's and MathML's names are elements.
    private var foreign = 0
    private var inComment = false

    /// Starts a scope; hand what it returns to `endScope`.
    mutating func beginScope() -> Int {
        let outer = floor
        floor = open.count
        scopes += 1
        return outer
    }

    /// Ends the innermost scope, closing what it left open.
    mutating func endScope(_ outer: Int, into out: inout HTMLWriter) {
        close(downTo: floor, into: &out)
        floor = outer
        scopes -= 1
    }

    /// Writes one raw fragment: a tag, a comment, or text between tags of a raw HTML block.
    mutating func write(_ raw: String, stripIDs: Bool, into out: inout HTMLWriter) {
        let utf8 = raw.utf8
        guard !inComment, utf8.count >= 3, utf8.first == UInt8(ascii: "<") else { return writeOutsideTags(raw, into: &out) }
        let closing = utf8[utf8.index(after: utf8.startIndex)] == UInt8(ascii: "/")
        guard let name = RawHTMLRepair.tagName(raw, closing: closing) else { return writeOutsideTags(raw, into: &out) }
        if RawHTMLRepair.isWords(raw, name: name, closing: closing, inForeignContent: foreign > 0) {
            out.raw(raw.replacingOccurrences(of: "<", with: "&lt;"))
            return
        }
        guard RawHTMLRepair.needsEndTag(name) || name == "li" else {
            return RawHTMLRepair.write(raw, stripIDs: stripIDs, into: &out)
        }
        if closing {
            guard let index = open[floor...].lastIndex(of: name) else { return }
            close(downTo: index + 1, into: &out)
            pop()
            RawHTMLRepair.write(raw, stripIDs: stripIDs, into: &out)
            return
        }
        if scopes > 0 { openImpliedParent(of: name, into: &out) }
        RawHTMLRepair.write(raw, stripIDs: stripIDs, into: &out)
        // `/>` closes an SVG or MathML element at once; on an HTML element it is ignored (§13.2.6.5).
        if foreign > 0, RawHTMLRepair.endsWithSelfClosing(raw), !HTMLNames.isHTMLElement(name) { return }
        push(name)
    }

    private static let lists: Set<String> = ["ul", "ol", "menu"]

    private mutating func openImpliedParent(of name: String, into out: inout HTMLWriter) {
        if name == "li" {
            if let index = open[floor...].lastIndex(where: { $0 == "li" || RawHTMLBalancer.lists.contains($0) }), open[index] == "li" {
                close(downTo: index + 1, into: &out)
                pop()
            }
            if open.count == floor || !RawHTMLBalancer.lists.contains(open[open.count - 1]) {
                out.raw("<ul>")
                push("ul")
            }
        } else if RawHTMLBalancer.lists.contains(name), open.count > floor, RawHTMLBalancer.lists.contains(open[open.count - 1]) {
            out.raw("<li style=\"list-style-type: none\">")
            push("li")
        }
    }

    private mutating func push(_ name: String) {
        open.append(name)
        if name == "svg" || name == "math" { foreign += 1 }
    }

    @discardableResult
    private mutating func pop() -> String {
        let name = open.removeLast()
        if name == "svg" || name == "math" { foreign -= 1 }
        return name
    }

    /// Closes the elements open above `count`; an `li`'s end tag is left out, as HTML allows.
    private mutating func close(downTo count: Int, into out: inout HTMLWriter) {
        while open.count > count {
            let name = pop()
            if name != "li" { RawHTMLRepair.writeEndTag(name, into: &out) }
        }
    }

    /// Text between tags, or a comment: written as it is, but for a `<!--` inside a comment.
    private mutating func writeOutsideTags(_ raw: String, into out: inout HTMLWriter) {
        var raw = raw
        let bytes = raw.withUTF8 { inComment || RawHTMLBalancer.find("<!--", in: $0, from: 0) != nil ? Array($0) : nil }
        guard let bytes else { return out.raw(raw) }
        bytes.withUnsafeBufferPointer { bytes in
            var written = 0
            var at = 0
            while at < bytes.count {
                if !inComment {
                    guard let start = RawHTMLBalancer.find("<!--", in: bytes, from: at) else { break }
                    inComment = true
                    at = start + 4
                    continue
                }
                // The comment ends at `-->`; a `<!--` before that is nested.
                let end = RawHTMLBalancer.find("-->", in: bytes, from: at)
                if let nested = RawHTMLBalancer.find("<!--", in: bytes, from: at), nested < end ?? bytes.count {
                    out.raw(bytes: ArraySlice(bytes[written..<nested]))
                    out.raw("&lt;!--")
                    at = nested + 4
                    written = at
                    continue
                }
                guard let end else { break }
                inComment = false
                at = end + 3
            }
            out.raw(bytes: ArraySlice(bytes[written...]))
        }
    }

    private static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard bytes.count - from >= count, let base = bytes.baseAddress else { return nil }
        var at = from
        while at + count <= bytes.count {
            guard let hit = memchr(base + at, Int32(needle.utf8Start[0]), bytes.count - count + 1 - at) else { return nil }
            at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if memcmp(base + at, needle.utf8Start, count) == 0 { return at }
            at += 1
        }
        return nil
    }
}
