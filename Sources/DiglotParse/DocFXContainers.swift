import DiglotModel
import Foundation

/// DocFX's and Learn's container extensions, grouped over the blocks cmark-gfm reads (parse stage):
/// the `:::` directives of a line of their own (`::: moniker range="…"` … `::: moniker-end`,
/// `::: zone pivot="…"` … `::: zone-end`, `:::row:::`, `:::column span="…":::` … `:::column-end:::`,
/// `:::row-end:::`), and tab groups (`DocFXTabs`). cmark reads each
/// directive line as a paragraph (`DocFXExtensions.paragraph` gives it a paragraph of its own); here
/// a start and its end, siblings in one container (the document, a list item, a blockquote), enclose
/// the blocks between them, as markdig's container block parsers do in DocFX.
///
/// Sources: DocFX's markdown reference ("Tabs", "Monikers", "Zone pivots") and Learn's markdown
/// reference ("Multi-column layouts", "Zone pivots", "Versioning"); tab headings as DocFX's
/// `TabGroupAggregator` reads them (`^#tab/ID(+ID)*(/CONDITION)?$`, ids of `[A-Za-z0-9-]`).
enum DocFXContainers {
    enum Directive: Equatable {
        case moniker(range: String), monikerEnd
        case zone(pivots: [String], target: String?), zoneEnd
        case row, rowEnd
        case column(span: Int), columnEnd
        /// The end of a `:::image type="complex"` figure's long description.
        case imageEnd

        /// The directive that closes this one, nil for an end.
        var end: Directive? {
            switch self {
            case .moniker: return .monikerEnd
            case .zone: return .zoneEnd
            case .row: return .rowEnd
            case .column: return .columnEnd
            case .monikerEnd, .zoneEnd, .rowEnd, .columnEnd, .imageEnd: return nil
            }
        }

        /// The same kind of directive (a start of this kind nests inside another).
        func opensLike(_ other: Directive) -> Bool {
            switch (self, other) {
            case (.moniker, .moniker), (.zone, .zone), (.row, .row), (.column, .column): return true
            default: return false
            }
        }

        /// As written, for messages.
        var written: String {
            switch self {
            case .moniker(let range): return "::: moniker range=\"\(range)\""
            case .monikerEnd: return "::: moniker-end"
            case .zone(let pivots, _): return "::: zone pivot=\"\(pivots.joined(separator: ","))\""
            case .zoneEnd: return "::: zone-end"
            case .row: return ":::row:::"
            case .rowEnd: return ":::row-end:::"
            case .column: return ":::column:::"
            case .columnEnd: return ":::column-end:::"
            case .imageEnd: return ":::image-end:::"
            }
        }
    }

    /// The directive a line's text is, or nil: `:::` (spaces allowed after it), a name, attributes,
    /// and for row and column a closing `:::`.
    static func directive(_ line: Substring) -> Directive? {
        var text = line.drop(while: { $0 == " " || $0 == "\t" })
        guard text.hasPrefix(":::") else { return nil }
        text = text.dropFirst(3).drop(while: { $0 == " " })
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        if text.hasSuffix(":::") { text = text.dropLast(3) }
        let name = text.prefix(while: { $0.isLetter || $0 == "-" })
        let attributes = HTMLTag.attributes(in: text[name.endIndex...])
        func value(_ key: String) -> String? { attributes.first { $0.name.lowercased() == key }?.value }
        switch name.lowercased() {
        case "moniker": return value("range").map { .moniker(range: $0) }
        case "moniker-end": return .monikerEnd
        case "zone":
            guard let pivot = value("pivot") else { return nil }
            let pivots = pivot.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return .zone(pivots: pivots, target: value("target"))
        case "zone-end": return .zoneEnd
        case "row": return .row
        case "row-end": return .rowEnd
        case "column": return .column(span: value("span").flatMap { Int($0) }.map { min(max($0, 1), 12) } ?? 1)
        case "column-end": return .columnEnd
        case "image-end": return .imageEnd
        default: return nil
        }
    }

    /// The directive a paragraph is: one line of text that is one, or one translation unit whose
    /// source and target are both directives, the source's counting (machine translation wraps directive lines in
    /// units; issue 11 item 11: the unit then acts as the directive).
    static func directive(of block: Block) -> Directive? {
        guard case .paragraph(let inlines) = block.kind else { return nil }
        if inlines.count == 1, case .unit(let unit) = inlines[0].kind {
            // The source's directive counts (the target's may have its values translated).
            guard let source = lineText(unit.source), let found = directive(source[...]),
                  let target = lineText(unit.target), directive(target[...]) != nil else { return nil }
            return found
        }
        return lineText(inlines).flatMap { directive($0[...]) }
    }

    /// The text of inlines that are all text (cmark splits a line at some characters), else nil.
    static func lineText(_ inlines: [Inline]) -> String? {
        var text = ""
        for inline in inlines {
            guard case .text(let piece) = inline.kind else { return nil }
            text += piece
        }
        return text
    }

    /// Whether a line's inlines may be a directive, cheaply: its text starts with `:::`, or it is a
    /// unit whose source does.
    static func mayBeDirective(_ inline: Inline) -> Bool {
        switch inline.kind {
        case .text(let text): return text.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(":::")
        case .unit(let unit): return unit.source.first.map(mayBeDirective) ?? false
        default: return false
        }
    }

    // MARK: Grouping

    /// The blocks of one container with its directives' blocks enclosed and its tab groups made.
    /// `depth` is how deep the container is: containers made here nest at most to
    /// `TreeWalker.maxDepth` in all, deeper directives stay paragraphs (reported once).
    ///
    /// `column` is the column of the container's marker (a list item's bullet, a blockquote's `>`):
    /// a directive line at its end that starts at or left of it is a lazy continuation line in
    /// cmark's reading (`* item` then `::: moniker-end` on the next line), which CommonMark lets no
    /// block but a paragraph's text have; markdig's directive parsers in DocFX close the container
    /// there instead. Such lines are left for the enclosing container, which takes them out after
    /// the container (`hoistingLazyDirectives`).
    static func group(_ blocks: [Block], depth: Int, column: Int? = nil, findings: inout [InlineAssembler.Finding]) -> [Block] {
        // The common page has no directive and no tab heading: nothing to do.
        guard blocks.contains(where: { isCandidate($0) || isContainer($0) }) else { return blocks }
        var blocks = hoistingLazyDirectives(blocks)
        var lazy: [Block] = []
        if let column {
            while let last = blocks.last, last.range.start.column <= column, directive(of: last) != nil { lazy.insert(blocks.removeLast(), at: 0) }
        }
        guard blocks.contains(where: { isCandidate($0) }) else { return blocks + lazy }
        return DocFXTabs.groups(directives(blocks[...], depth: depth, findings: &findings)) + lazy
    }

    private static func isCandidate(_ block: Block) -> Bool {
        switch block.kind {
        case .paragraph(let inlines): return inlines.first.map(mayBeDirective) ?? false
        case .heading(let heading): return DocFXTabs.tab(in: heading) != nil
        default: return false
        }
    }

    private static func isContainer(_ block: Block) -> Bool {
        switch block.kind {
        case .list, .blockquote, .alert, .section: return true
        default: return false
        }
    }

    /// The blocks with the lazy directive lines left at the end of their containers (see `group`)
    /// taken out and put after them. A list with such a line after an item in the middle is split
    /// there: the items before, the directive, a list of the items after, numbered on from the first
    /// (markdig would number the second list as written, which in docs is "1." again; readers
    /// following steps expect them numbered through, as issue 11 asks for includes between items).
    private static func hoistingLazyDirectives(_ blocks: [Block]) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(blocks.count)
        for block in blocks {
            guard isContainer(block) else { out.append(block); continue }
            let column = block.range.start.column
            guard case .list(let list) = block.kind else {
                var inner = block.childBlocks
                let taken = takingLazyDirectives(from: &inner, column: column)
                out.append(taken.isEmpty ? block : block.mappingChildBlocks { _ in inner })
                out += taken
                continue
            }
            var segment = list
            segment.items = []
            for var item in list.items {
                let taken = takingLazyDirectives(from: &item.blocks, column: column)
                segment.items.append(item)
                guard !taken.isEmpty else { continue }
                out.append(Block(.list(segment), range: SourceRange(start: segment.items[0].range.start, end: item.range.end)))
                out += taken
                segment.start += segment.items.count
                segment.items = []
            }
            if !segment.items.isEmpty {
                out.append(Block(.list(segment), range: SourceRange(start: segment.items[0].range.start, end: block.range.end)))
            }
        }
        return out
    }

    /// Takes the directive paragraphs at the end of `blocks` (and of the container ending them) that
    /// start at or left of `column`, in order.
    private static func takingLazyDirectives(from blocks: inout [Block], column: Int) -> [Block] {
        var taken: [Block] = []
        if let last = blocks.last, isContainer(last) {
            let inner = hoistingLazyDirectives([last])
            if inner.count > 1 {
                blocks.removeLast()
                blocks += inner
            }
        }
        while let end = blocks.last, end.range.start.column <= column, directive(of: end) != nil { taken.insert(blocks.removeLast(), at: 0) }
        return taken
    }

    private static func directives(_ blocks: ArraySlice<Block>, depth: Int, findings: inout [InlineAssembler.Finding]) -> [Block] {
        var out: [Block] = []
        var reportedDepth = false
        var index = blocks.startIndex
        while index < blocks.endIndex {
            let block = blocks[index]
            // A complex figure takes the blocks up to its `:::image-end:::` as its long description.
            if case .figure(var figure) = block.kind, figure.type.lowercased() == "complex", depth < TreeWalker.maxDepth,
               let close = blocks[(index + 1)...].firstIndex(where: { directive(of: $0) == .imageEnd }) {
                figure.description = DocFXTabs.groups(directives(blocks[(index + 1)..<close], depth: depth + 1, findings: &findings))
                out.append(Block(.figure(figure), range: SourceRange(start: block.range.start, end: blocks[close].range.end)))
                index = close + 1
                continue
            }
            guard let directive = directive(of: block) else {
                out.append(block)
                index += 1
                continue
            }
            guard directive.end != nil else {
                findings.append(.init(code: .unbalancedDirective, location: block.range.start,
                                      message: "\"\(directive.written)\" closes no directive opened before it in the same container; it is left out"))
                index += 1
                continue
            }
            guard depth < TreeWalker.maxDepth else {
                if !reportedDepth {
                    reportedDepth = true
                    findings.append(.init(code: .nestingTooDeep, location: block.range.start,
                                          message: "directives nest more than \(TreeWalker.maxDepth) levels deep here; this one and the ones after it are shown as text"))
                }
                out.append(block)
                index += 1
                continue
            }
            if case .column = directive {
                findings.append(.init(code: .unbalancedDirective, location: block.range.start,
                                      message: "\":::column:::\" stands outside a \":::row:::\"; it is shown as a row of one column"))
            }
            let close = matchingEnd(of: directive, in: blocks[(index + 1)...])
            if close == nil {
                findings.append(.init(code: .unbalancedDirective, location: block.range.start,
                                      message: "\"\(directive.written)\" has no \"\(directive.end!.written)\" in the same container; it encloses the rest of it"))
            }
            let inner = blocks[(index + 1)..<(close ?? blocks.endIndex)]
            let range = SourceRange(start: block.range.start, end: close.map { blocks[$0].range.end } ?? blocks[blocks.endIndex - 1].range.end)
            out.append(Block(container(directive, inner, depth: depth + 1, findings: &findings), range: range))
            index = (close ?? (blocks.endIndex - 1)) + 1
        }
        return out
    }

    /// The index of the end that closes `directive`, counting starts of its kind nested before it.
    private static func matchingEnd(of directive: Directive, in blocks: ArraySlice<Block>) -> Int? {
        var open = 0
        for index in blocks.indices {
            guard let next = self.directive(of: blocks[index]) else { continue }
            if next.opensLike(directive) { open += 1 } else if next == directive.end {
                if open == 0 { return index }
                open -= 1
            }
        }
        return nil
    }

    private static func container(_ directive: Directive, _ inner: ArraySlice<Block>, depth: Int, findings: inout [InlineAssembler.Finding]) -> Block.Kind {
        func grouped(_ blocks: ArraySlice<Block>) -> [Block] { DocFXTabs.groups(directives(blocks, depth: depth, findings: &findings)) }
        switch directive {
        case .moniker(let range): return .moniker(Block.Moniker(range: range, blocks: grouped(inner)))
        case .zone(let pivots, let target): return .zone(Block.Zone(pivots: pivots, target: target, blocks: grouped(inner)))
        case .column(let span):
            // A column outside a row (reported where it is read) is a row of its own.
            return .row(Block.Row(columns: [Block.Column(span: span, blocks: grouped(inner))]))
        default:
            // A row: its columns, and what stands between them in columns of their own.
            var columns: [Block.Column] = []
            var looseStart = inner.startIndex
            var index = inner.startIndex
            func flushLoose(upTo end: Int) {
                if looseStart < end { columns.append(Block.Column(blocks: grouped(inner[looseStart..<end]))) }
            }
            while index < inner.endIndex {
                guard case .column(let span)? = self.directive(of: inner[index]) else { index += 1; continue }
                flushLoose(upTo: index)
                let close = matchingEnd(of: .column(span: span), in: inner[(index + 1)...])
                if close == nil {
                    findings.append(.init(code: .unbalancedDirective, location: inner[index].range.start,
                                          message: "\":::column:::\" has no \":::column-end:::\" in its row; it takes the rest of the row"))
                }
                columns.append(Block.Column(span: span, blocks: grouped(inner[(index + 1)..<(close ?? inner.endIndex)])))
                index = (close ?? (inner.endIndex - 1)) + 1
                looseStart = index
            }
            flushLoose(upTo: inner.endIndex)
            return .row(Block.Row(columns: columns))
        }
    }
}
