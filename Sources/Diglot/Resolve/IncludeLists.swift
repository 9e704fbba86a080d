/// Where a block include meets an ordered list, DocFX's reading of the markdown and its authors'
/// intent differ from CommonMark's: the two rules `Includes` applies when it expands a page's blocks.
enum IncludeLists {
    /// An `[!INCLUDE]` line right after an ordered list item's text, with no blank line: CommonMark
    /// (cmark-gfm) reads it as a lazy continuation of the item's paragraph, where it would be lost;
    /// DocFX's markdig reads it as a block (`InclusionBlockParser` interrupts the paragraph) that ends
    /// the list. Here, as in DocFX, the line becomes a block after the items before it, and the items
    /// after it a list of their own, numbered on (`numberedThrough` then joins the three).
    static func liftingLazyIncludes(_ blocks: [Block]) -> [Block] {
        guard blocks.contains(where: { if case .list(let list) = $0.kind { return list.ordered } else { return false } }) else { return blocks }
        var result: [Block] = []
        for block in blocks {
            guard case .list(let list) = block.kind, list.ordered else { result.append(block); continue }
            var items: [Block.ListItem] = []
            var start = list.start
            var lifted = false
            for item in list.items {
                guard case .paragraph(let content)? = item.blocks.last?.kind, let split = lazyInclude(in: content) else { items.append(item); continue }
                var kept = item
                kept.blocks[kept.blocks.count - 1].kind = .paragraph(split.before)
                items.append(kept)
                result.append(Block(.list(Block.List(ordered: true, start: start, tight: list.tight, items: items)), range: SourceRange(start: items[0].range.start, end: kept.range.end)))
                result += split.after.map { Block(.paragraph($0), range: SourceRange(start: $0[0].range.start, end: $0[$0.count - 1].range.end)) }
                start += items.count
                items = []
                lifted = true
            }
            guard lifted else { result.append(block); continue }
            if !items.isEmpty {
                result.append(Block(.list(Block.List(ordered: true, start: start, tight: list.tight, items: items)),
                                    range: SourceRange(start: items[0].range.start, end: block.range.end)))
            }
        }
        return result
    }

    /// A paragraph's lines, split at the first line that is a block include: the lines before it, and
    /// the include line and the lines after it as paragraphs; nil when no line but the first is one.
    private static func lazyInclude(in content: [Inline]) -> (before: [Inline], after: [[Inline]])? {
        let breaks = content.indices.filter { if case .softBreak = content[$0].kind { return true } else { return false } }
        for (k, lineBreak) in breaks.enumerated() {
            let end = k + 1 < breaks.count ? breaks[k + 1] : content.count
            let line = Array(content[(lineBreak + 1)..<end])
            guard Includes.blockInclude(line) != nil else { continue }
            let rest = end < content.count ? Array(content[(end + 1)...]) : []
            return (Array(content[..<lineBreak]), rest.isEmpty ? [line] : [line, rest])
        }
        return nil
    }

    /// An ordered list, an include's blocks, and the ordered list after them, as one list numbered
    /// through from the first's start: the items of a list the include begins with join the list's
    /// items; the include's other blocks go on the step before them (a note under a step). DocFX's
    /// markdig shows the two lists apart, the second restarting at its own number (`1.` in most
    /// Microsoft pages); authors mean one procedure (issue 11, item 9).
    static func numberedThrough(_ block: Block, _ before: Block.List, _ inserted: [Block], _ after: Block.List, endingAt end: SourceLocation) -> Block {
        var items = before.items
        var rest = inserted[...]
        var tight = before.tight && after.tight
        if case .list(let steps)? = rest.first?.kind, steps.ordered {
            items += steps.items
            tight = tight && steps.tight
            rest = rest.dropFirst()
        }
        if !rest.isEmpty, !items.isEmpty {
            items[items.count - 1].blocks += rest
            tight = false  // paragraphs under a step are paragraphs
        }
        items += after.items
        return Block(.list(Block.List(ordered: true, start: before.start, tight: tight, items: items)), range: SourceRange(start: block.range.start, end: end))
    }
}
