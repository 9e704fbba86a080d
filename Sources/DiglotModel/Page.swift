/// One parsed page: where it came from, its front matter and its block tree.
public struct Page: Sendable, Hashable {
    /// The path relative to the content folder, with `/` separators (`partner-center/x.md`).
    public var path: String
    public var metadata: Metadata
    public var blocks: [Block]

    public init(path: String, metadata: Metadata, blocks: [Block]) {
        self.path = path
        self.metadata = metadata
        self.blocks = blocks
    }

    /// Every translation unit in document order.
    public var units: [TranslationUnit] {
        var collector = UnitCollector()
        collector.walk(blocks)
        return collector.units.map(\.unit)
    }

    /// True when the page holds at least one translation unit (stops at the first).
    public var hasUnits: Bool {
        var finder = UnitFinder()
        finder.walk(blocks)
        return finder.found
    }

    /// The segments (id, plain target, plain source) in document order.
    public var segments: [Segment] {
        units.map(Segment.init(unit:))
    }

    /// The ranges of the page's moniker blocks, in document order, each once.
    public var monikerRanges: [String] {
        var finder = MonikerFinder()
        finder.walk(blocks)
        return finder.ranges
    }

    /// True when the page shows code of a named language (a fenced block's info string, a snippet's
    /// language): its views load the syntax highlighter.
    public var hasCodeWithLanguage: Bool {
        var finder = CodeFinder()
        finder.walk(blocks)
        return finder.found
    }

    /// The first level-1 heading, if any.
    public var firstHeading: Block.Heading? {
        var finder = FirstHeadingFinder()
        finder.walk(blocks)
        return finder.heading
    }
}

/// A unit flattened to plain text: markup dropped, link text kept, entities decoded, whitespace collapsed.
public struct Segment: Sendable, Hashable, Codable {
    public var id: String
    public var target: String
    public var source: String

    public init(id: String, target: String, source: String) {
        self.id = id
        self.target = target
        self.source = source
    }

    public init(unit: TranslationUnit) {
        self.init(id: unit.id, target: PlainText.of(unit.target), source: PlainText.of(unit.source))
    }
}

/// Every unit of a page, in document order, with where it starts.
package struct UnitCollector: ModelWalker {
    package var units: [(unit: TranslationUnit, location: SourceLocation)] = []

    package init() {}

    package mutating func visit(_ inline: Inline) {
        if case .unit(let unit) = inline.kind {
            units.append((unit, inline.range.start))
        } else {
            descend(into: inline)
        }
    }
}

private struct FirstHeadingFinder: ModelWalker {
    package var heading: Block.Heading?

    package mutating func visit(_ block: Block) {
        guard heading == nil else { return }
        if case .heading(let h) = block.kind, h.level == 1 {
            heading = h
        } else {
            descend(into: block)
        }
    }

    package mutating func visit(_ inline: Inline) {}
}

private struct UnitFinder: ModelWalker {
    package var found = false

    package mutating func visit(_ block: Block) {
        if !found { descend(into: block) }
    }

    package mutating func visit(_ inline: Inline) {
        guard !found else { return }
        if case .unit = inline.kind { found = true } else { descend(into: inline) }
    }
}

private struct MonikerFinder: ModelWalker {
    var ranges: [String] = []

    mutating func visit(_ block: Block) {
        switch block.kind {
        case .moniker(let moniker):
            if !ranges.contains(moniker.range) { ranges.append(moniker.range) }
            descend(into: block)
        case .heading, .paragraph, .table, .codeBlock, .codeSnippet, .thematicBreak, .html, .video:
            break  // no blocks inside
        default:
            descend(into: block)
        }
    }

    mutating func visit(_ inline: Inline) {}
}

private struct CodeFinder: ModelWalker {
    var found = false

    mutating func visit(_ block: Block) {
        guard !found else { return }
        if case .codeBlock(let code) = block.kind {
            found = !code.info.allSatisfy(\.isWhitespace)
        } else {
            descend(into: block)
        }
    }

    mutating func visit(_ inline: Inline) {}
}
