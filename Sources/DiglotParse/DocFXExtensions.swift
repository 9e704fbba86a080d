import DiglotModel
import Foundation

/// DocFX's markdown extensions, recognised on the tree cmark-gfm builds: alerts and `[!div]` sections
/// (blockquotes whose first text is the marker), `:::image` figures (lines of their own in a
/// paragraph), and `<a name>` heading anchors. Pure functions over the model, testable on their own.
enum DocFXExtensions {
    // MARK: Blockquotes: alerts and sections

    /// Turns a blockquote into an alert or a `[!div]` section when its first text is such a marker.
    static func blockquote(_ blocks: [Block], findings: inout [InlineAssembler.Finding]) -> Block.Kind {
        // `> [!VIDEO https://…]`: a player (what else the quote holds stays, after it).
        if let first = blocks.first, case .paragraph(let inlines) = first.kind, let source = videoSource(inlines) {
            let video = Block(.video(Block.Video(source: source)), range: first.range)
            return blocks.count == 1 ? video.kind : .blockquote([video] + blocks.dropFirst())
        }
        guard let first = blocks.first, case .paragraph(var inlines) = first.kind, let lead = inlines.first else {
            return .blockquote(blocks)
        }
        if case .text(let text) = lead.kind, let marker = leadingMarker(text) {
            let lowered = marker.name.lowercased()
            let kind: Block.Kind
            var rest = Array(blocks.dropFirst())
            // What follows the marker on its line and below it in the same paragraph stays.
            let remainder = text[marker.end...].drop(while: { $0 == " " || $0 == "\t" })
            if remainder.isEmpty {
                inlines.removeFirst()
                if let next = inlines.first, next.kind == .softBreak || next.kind == .lineBreak { inlines.removeFirst() }
            } else {
                inlines[0].kind = .text(String(remainder))
            }
            if !inlines.isEmpty { rest.insert(Block(.paragraph(inlines), range: first.range), at: 0) }
            if let alert = Block.AlertKind(rawValue: lowered) {
                kind = .alert(Block.Alert(kind: alert, blocks: rest))
            } else if lowered == "div" {
                let classes = HTMLTag.attributes(in: marker.arguments).first { $0.name == "class" }?.value ?? ""
                kind = .section(Block.Section(classes: classes, blocks: rest))
            } else {
                return .blockquote(blocks)
            }
            return kind
        }
        if case .unit(let unit) = lead.kind, let marker = leadingMarker(PlainText.of(unit.source)),
           Block.AlertKind(rawValue: marker.name.lowercased()) != nil {
            findings.append(.init(code: .alertMarkerInUnit, location: lead.range.start,
                message: "the alert marker \"\(marker.text)\" is inside unit \"\(unit.id)\", so this blockquote stays a plain blockquote"))
        }
        return .blockquote(blocks)
    }

    /// The address of `[!VIDEO url]` written alone in a paragraph (the address may have been made an
    /// autolink by GFM); nil otherwise.
    static func videoSource(_ inlines: [Inline]) -> String? {
        var text = ""
        for inline in inlines {
            switch inline.kind {
            case .text(let piece): text += piece
            case .link(let link) where PlainText.of(link.children) == link.destination || "http://" + PlainText.of(link.children) == link.destination:
                text += link.destination
            case .softBreak: text += " "
            default: return nil
            }
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > 9, trimmed.prefix(8).uppercased() == "[!VIDEO ", trimmed.hasSuffix("]") else { return nil }
        let source = trimmed.dropFirst(8).dropLast().trimmingCharacters(in: .whitespaces)
        return source.isEmpty || source.contains(" ") ? nil : source
    }

    struct Marker {
        /// `NOTE`, `div`…
        var name: String
        /// What follows the name inside the brackets (`class="…"` for a div).
        var arguments: Substring
        /// The whole marker as written.
        var text: Substring
        var end: String.Index
    }

    /// `[!NOTE]`, `[!div class="x"]` or, inside a unit, `[Note]` at the start of a text.
    static func leadingMarker(_ text: String) -> Marker? {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        guard trimmed.first == "[" else { return nil }
        var cursor = trimmed.index(after: trimmed.startIndex)
        if cursor < trimmed.endIndex, trimmed[cursor] == "!" { cursor = trimmed.index(after: cursor) }
        let nameStart = cursor
        while cursor < trimmed.endIndex, trimmed[cursor].isLetter { cursor = trimmed.index(after: cursor) }
        guard cursor > nameStart, let close = trimmed[cursor...].firstIndex(of: "]") else { return nil }
        let name = String(trimmed[nameStart..<cursor])
        let arguments = trimmed[cursor..<close]
        // `[Note]` without `!` only counts as a marker word, never with arguments.
        let bang = trimmed[trimmed.index(after: trimmed.startIndex)] == "!"
        guard bang || arguments.isEmpty else { return nil }
        return Marker(name: name, arguments: arguments, text: trimmed[trimmed.startIndex...close], end: trimmed.index(after: close))
    }

    // MARK: Figures

    /// Splits a paragraph into paragraphs, `:::image` figures and code snippets: a line that holds only
    /// `:::image … :::` becomes a figure (text after the closing `:::` on that line is kept), a line
    /// that is a code snippet (or ends in one: see `CodeSnippetSyntax`) a snippet block. `file` is the
    /// content path of the markdown file, which a snippet's relative path starts from.
    static func paragraph(_ inlines: [Inline], range: SourceRange, file: String = "") -> [Block] {
        guard inlines.contains(where: { DocFXContainers.mayBeDirective($0) || CodeSnippetSyntax.mayHold($0) }) else {
            return [Block(.paragraph(inlines), range: range)]
        }
        var blocks: [Block] = []
        var pending: [Inline] = []
        func flush() {
            while let last = pending.last, last.kind == .softBreak || last.kind == .lineBreak { pending.removeLast() }
            if !pending.isEmpty {
                let r = SourceRange(start: pending.first!.range.start, end: pending.last!.range.end)
                blocks.append(Block(.paragraph(pending), range: r))
            }
            pending = []
        }
        var index = 0
        var snippetLineEnd = 0
        while index < inlines.count {
            let inline = inlines[index]
            let atLineStart = pending.isEmpty || pending.last!.kind == .softBreak || pending.last!.kind == .lineBreak
            if atLineStart, case .text(let text) = inline.kind,
               index + 1 == inlines.count || inlines[index + 1].kind == .softBreak || inlines[index + 1].kind == .lineBreak,
               let (figure, trailing) = figure(in: text) {
                flush()
                blocks.append(Block(.figure(figure), range: inline.range))
                if !trailing.isEmpty { pending.append(Inline(.text(trailing), range: inline.range)) }
                index += 1
                if index < inlines.count { index += 1 }
                continue
            }
            // A code snippet's line, or one that ends in a snippet after text: the text stays a paragraph.
            if CodeSnippetSyntax.mayHold(inline) {
                // The line's end, found once a line (many `[!` on one line stay linear).
                if snippetLineEnd <= index {
                    snippetLineEnd = index
                    while snippetLineEnd < inlines.count, inlines[snippetLineEnd].kind != .softBreak, inlines[snippetLineEnd].kind != .lineBreak { snippetLineEnd += 1 }
                }
                let lineEnd = snippetLineEnd
                var found = atLineStart ? CodeSnippetSyntax.snippet(line: inlines[index..<lineEnd], file: file) : nil
                var snippetStart = inline.range.start
                if found == nil, index + 3 == lineEnd,
                   let (snippet, before, after) = CodeSnippetSyntax.bracketed(inline, inlines[index + 1], inlines[index + 2], file: file),
                   after.allSatisfy(\.isWhitespace) {
                    let kept = String(before.reversed().drop(while: \.isWhitespace).reversed())
                    if !kept.isEmpty { pending.append(Inline(.text(kept), range: inline.range)) }
                    found = snippet
                    snippetStart.column += before.utf8.count  // where `[!code` is
                }
                if let found {
                    flush()
                    blocks.append(Block(.codeSnippet(found), range: SourceRange(start: snippetStart, end: inlines[lineEnd - 1].range.end)))
                    index = min(lineEnd + 1, inlines.count)
                    continue
                }
            }
            // A directive line (`::: moniker range="…"`, `:::row:::`…) is a paragraph of its own, which
            // `DocFXContainers.group` reads.
            if atLineStart, DocFXContainers.mayBeDirective(inline) {
                var lineEnd = index
                while lineEnd < inlines.count, inlines[lineEnd].kind != .softBreak, inlines[lineEnd].kind != .lineBreak { lineEnd += 1 }
                let line = Block(.paragraph(Array(inlines[index..<lineEnd])), range: SourceRange(start: inline.range.start, end: inlines[lineEnd - 1].range.end))
                if DocFXContainers.directive(of: line) != nil {
                    flush()
                    blocks.append(line)
                    index = min(lineEnd + 1, inlines.count)
                    continue
                }
            }
            pending += inlineImages(inline)
            index += 1
        }
        flush()
        return blocks
    }

    /// `:::image …:::` written inside a line (Business Central: "Wählen Sie das :::image type="icon"
    /// source="…":::-Symbol"): an inline image, an icon with no alt text (it is decorative, as Learn
    /// writes icons); in a unit, on each side. Other inlines are returned as they are.
    static func inlineImages(_ inline: Inline) -> [Inline] {
        switch inline.kind {
        case .text(let text) where text.containsBytes(":::image"):
            var out: [Inline] = []
            var rest = Substring(text)
            while let start = rest.range(of: ":::image "), let close = rest[start.upperBound...].range(of: ":::") {
                let attributes = HTMLTag.attributes(in: rest[start.upperBound..<close.lowerBound])
                func value(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
                guard let source = value("source") else { break }
                if start.lowerBound > rest.startIndex { out.append(Inline(.text(String(rest[..<start.lowerBound])), range: inline.range)) }
                let icon = value("type")?.lowercased() == "icon"
                let alt = icon ? [] : [Inline.text(value("alt-text") ?? "", range: inline.range)]
                out.append(Inline(.image(Inline.Image(source: source, alt: alt)), range: inline.range))
                rest = rest[close.upperBound...]
            }
            if !rest.isEmpty { out.append(Inline(.text(String(rest)), range: inline.range)) }
            return out
        case .unit, .emphasis, .strong, .link:
            return [inline.mappingChildren { children, _ in children.flatMap(inlineImages) }]
        default:
            return [inline]
        }
    }

    /// Reads `:::image type="…" source="…" alt-text="…" lightbox="…" border="…":::` and what follows it.
    static func figure(in text: String) -> (Block.Figure, String)? {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        guard trimmed.hasPrefix(":::image "), let close = trimmed.dropFirst(9).range(of: ":::") else { return nil }
        let attributes = HTMLTag.attributes(in: trimmed[trimmed.index(trimmed.startIndex, offsetBy: 9)..<close.lowerBound])
        func value(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
        let figure = Block.Figure(
            type: value("type") ?? "content",
            source: value("source") ?? "",
            altText: value("alt-text") ?? "",
            lightbox: value("lightbox"),
            border: value("border").map { $0.lowercased() != "false" })
        let trailing = trimmed[close.upperBound...].trimmingCharacters(in: .whitespaces)
        return (figure, trailing)
    }

    // MARK: Inline syntax

    /// DocFX's inline extensions that cmark-gfm leaves as text, in a leaf block's inlines (a
    /// paragraph's, a heading's, a table cell's; in units' target and source, emphasis, strong and
    /// link text too): links around inline includes (`linksAroundIncludes`) and `:::no-loc` (`noLoc`).
    /// `images` also reads `:::image` inside a line (a paragraph reads it itself: `paragraph`). The
    /// inlines come back as they are, without a copy, when none holds either.
    static func inlineSyntax(_ inlines: [Inline], images: Bool = false) -> [Inline] {
        guard inlines.contains(where: { mayHoldInlineSyntax($0, images: images) }) else { return inlines }
        return linksAroundIncludes(inlines.flatMap { inline -> [Inline] in
            switch inline.kind {
            case .text(let text) where text.containsBytes(":::"):
                return images ? inlineImages(Inline(.text(noLoc(text)), range: inline.range)) : [Inline(.text(noLoc(text)), range: inline.range)]
            case .unit, .emphasis, .strong, .strikethrough, .link:
                return [inline.mappingChildren { children, _ in inlineSyntax(children, images: images) }]
            default:
                return [inline]
            }
        })
    }

    /// Whether `inline` holds text that `inlineSyntax` may change (`[!INCLUDE` in any letter case,
    /// `:::no-loc`, with `images` `:::image`, as DocFX matches them), at any depth.
    private static func mayHoldInlineSyntax(_ inline: Inline, images: Bool) -> Bool {
        switch inline.kind {
        case .text(let text):
            return text.containsBytesIgnoringASCIICase("[!include") || text.containsBytes(":::no-loc")
                || images && text.containsBytes(":::image")
        case .unit(let unit): return unit.target.contains { mayHoldInlineSyntax($0, images: images) } || unit.source.contains { mayHoldInlineSyntax($0, images: images) }
        case .emphasis(let c), .strong(let c), .strikethrough(let c): return c.contains { mayHoldInlineSyntax($0, images: images) }
        case .link(let link): return link.children.contains { mayHoldInlineSyntax($0, images: images) }
        default: return false
        }
    }

    /// `:::no-loc text="Azure":::` (text that is not to be translated, DocFX's `NolocParser`) as its
    /// text: `:::no-loc text="` in this letter case (DocFX matches it case-sensitively), then the text
    /// up to the next `":::`. DocFX reads `\"` inside as a quote, which cmark-gfm has already made
    /// `"` here, so any `"` before the `":::` is the text's (`:::no-loc text="\"pubternal\"":::` is
    /// `"pubternal"`); anything else (`text=Azure`, no closing `":::`) stays as written.
    static func noLoc(_ text: String) -> String {
        guard text.containsBytes(":::no-loc text=\"") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: ":::no-loc text=\""), let end = rest[start.upperBound...].range(of: "\":::") {
            out += rest[..<start.lowerBound]
            out += rest[start.upperBound..<end.lowerBound]
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    /// `[Working with [!INCLUDE[prod_short](includes/prod_short.md)]](ui-work-product.md)` (Business
    /// Central ends most pages with such links): DocFX reads an inline include before links (its
    /// inclusion parser comes before markdig's link parser), so the outer brackets make a link whose
    /// text holds the include. cmark-gfm takes the include's own `[title](path)` for a link, and a
    /// link may not hold a link, so the outer brackets stay text. Rebuilt here, within one list of
    /// inlines: the last unmatched `[` (not `![`) of the text right before an include, the include
    /// (or several, with bracket-balanced text between them), and in the text after it a `]` at
    /// bracket depth 0 followed by `(destination "title")` (read by cmark-gfm:
    /// `CommonMarkConverter.linkTail`; a `]` not followed by `(` ends the attempt, as in CommonMark)
    /// make a link, located at its `[`; its text keeps the include as written, which the resolve
    /// stage expands (`Includes`). Limits: the text is cmark-gfm's, escapes and entities already read
    /// (an escaped `\[` counts as a `[`, and `](a\)b.md)` ends at the `\)`, where DocFX differs), and
    /// markup in the link's text before or after the include (`[*Working with* X](…)`, `` [X `code`](…) ``)
    /// or a line break in it leave it text.
    static func linksAroundIncludes(_ given: [Inline]) -> [Inline] {
        var inlines = given
        var out: [Inline] = []
        var i = 0
        while i < inlines.count {
            if i + 2 < inlines.count, case .text(let lead) = inlines[i].kind, let first = InlineInclude.match(inlines[i], inlines[i + 1], inlines[i + 2]),
               case let before = Substring(first.before), let opener = unmatchedOpener(in: before), let closing = closingLink(inlines, fromInclude: i) {
                // (`before` is the start of `lead`.)
                let prefixBytes = before[..<opener].utf8.count
                let openerIndex = lead.utf8.index(lead.startIndex, offsetBy: prefixBytes)
                var start = inlines[i].range.start
                start.column += prefixBytes  // a text holds no line break
                if openerIndex > lead.startIndex {
                    out.append(Inline(.text(String(lead[..<openerIndex])), range: SourceRange(start: inlines[i].range.start, end: start)))
                }
                var children = [Inline(.text(String(lead[lead.index(after: openerIndex)...])), range: SourceRange(start: start, end: inlines[i].range.end))]
                children += inlines[(i + 1)..<closing.tail]
                children.append(Inline(.text("]" + closing.inner), range: inlines[closing.tail].range))
                let link = Inline.Link(destination: closing.destination, title: closing.title, children: children)
                out.append(Inline(.link(link), range: SourceRange(start: start, end: inlines[closing.through].range.end)))
                if closing.after.isEmpty {
                    i = closing.through + 1
                } else {
                    // What follows the link may lead to the next include (and its link), located where it starts.
                    inlines[closing.through].kind = .text(closing.after)
                    inlines[closing.through].range.start.column += closing.consumed
                    i = closing.through
                }
                continue
            }
            out.append(inlines[i])
            i += 1
        }
        return out
    }

    /// The `[` in `text` that no later `]` of it closes, unless it starts an image (`![`).
    private static func unmatchedOpener(in text: Substring) -> Substring.Index? {
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            switch text[index] {
            case "]": depth += 1
            case "[" where depth > 0: depth -= 1
            case "[": return index > text.startIndex && text[text.index(before: index)] == "!" ? nil : index
            default: break
            }
        }
        return nil
    }

    /// From the include whose lead text is `inlines[start]`: the text after it (or after the last of
    /// a run of includes) that closes a link, as the index of that text, the part of it inside the
    /// link (after the include's `]`), the destination, the title, the index of the last inline the
    /// link takes, what of its text follows the link and how many of its text's bytes the link took.
    /// A destination that is a bare URL is a link of its own (GFM's autolink extension: `](`, the
    /// autolink, `)…`), read back as written.
    private static func closingLink(_ inlines: [Inline], fromInclude start: Int)
        -> (tail: Int, inner: String, destination: String, title: String, through: Int, after: String, consumed: Int)? {
        var lead = start
        while lead + 2 < inlines.count, case .text(let tail) = inlines[lead + 2].kind, tail.hasPrefix("]") {
            let body = tail.dropFirst()
            let next = lead + 4 < inlines.count ? InlineInclude.match(inlines[lead + 2], inlines[lead + 3], inlines[lead + 4]) : nil
            // Up to the next include's `[!INCLUDE`, if one follows.
            let own = next.map { Substring($0.before).dropFirst() } ?? body
            switch firstClosing(own) {
            case .ended:
                return nil
            case .open(let depth):
                // Balanced text between two includes: the link may close after the next.
                guard next != nil, depth == 0 else { return nil }
                lead += 2
                continue
            case .link(let offset):
                let close = body.utf8.index(body.startIndex, offsetBy: offset)
                if let link = CommonMarkConverter.linkTail(body[close...]) {
                    return (lead + 2, String(body[..<close]), link.destination, link.title, lead + 2, String(body[link.end...]),
                            1 + body.utf8.distance(from: body.startIndex, to: link.end))
                }
                guard next == nil, body[close...] == "](", lead + 4 < inlines.count, case .link(let autolink) = inlines[lead + 3].kind,
                      case let url = PlainText.of(autolink.children), [url, "http://" + url, "mailto:" + url].contains(autolink.destination),
                      case .text(let after) = inlines[lead + 4].kind else { return nil }
                let written = "](" + url + after
                guard let link = CommonMarkConverter.linkTail(written[...]),
                      case let consumed = written.utf8.distance(from: written.startIndex, to: link.end) - 2 - url.utf8.count, consumed > 0
                else { return nil }
                return (lead + 2, String(body[..<close]), link.destination, link.title, lead + 4, String(written[link.end...]), consumed)
            }
        }
        return nil
    }

    /// How a link's text goes on in `text`: it closes at a `]` of depth 0 followed by `(` (its UTF-8
    /// offset), ends at one not followed by `(`, or is still open at the end (at this depth).
    private enum Closing { case link(Int), ended, open(depth: Int) }

    private static func firstClosing(_ text: Substring) -> Closing {
        var depth = 0
        var offset = 0
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]") where depth > 0: depth -= 1
            case UInt8(ascii: "]"): return bytes.next() == UInt8(ascii: "(") ? .link(offset) : .ended
            default: break
            }
            offset += 1
        }
        return .open(depth: depth)
    }

    // MARK: Headings

    /// Takes a leading `<a name="x"></a>` out of a heading's inlines and returns its name.
    static func headingAnchor(_ inlines: inout [Inline]) -> String? {
        guard let first = inlines.first, case .html(let open) = first.kind, case .anchorOpen(let name) = HTMLTag(open) else {
            return nil
        }
        var index = 1
        while index < inlines.count, case .text(let t) = inlines[index].kind, t.allSatisfy(\.isWhitespace) { index += 1 }
        guard index < inlines.count, case .html(let close) = inlines[index].kind, HTMLTag(close) == .anchorClose else {
            return nil
        }
        inlines.removeSubrange(0...index)
        if let lead = inlines.first, case .text(let t) = lead.kind {
            let stripped = t.drop(while: { $0 == " " })
            if stripped.isEmpty { inlines.removeFirst() } else { inlines[0].kind = .text(String(stripped)) }
        }
        return name
    }
}
