/// A block node of a page.
public struct Block: Sendable, Hashable {
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = .unknown) {
        self.kind = kind
        self.range = range
    }

    public enum Kind: Sendable, Hashable {
        case heading(Heading)
        case paragraph([Inline])
        case list(List)
        /// A DocFX alert: `> [!NOTE]` and the blocks after the marker.
        case alert(Alert)
        /// A blockquote that is not an alert.
        case blockquote([Block])
        case table(Table)
        case codeBlock(CodeBlock)
        /// A DocFX `:::image … :::` figure.
        case figure(Figure)
        /// A DocFX `> [!div class="…"]` section.
        case section(Section)
        case thematicBreak
        /// Raw HTML, kept as written except that translation units in it are model units
        /// (their target and source hold the raw HTML between the tags).
        case html([Inline])
    }

    public struct Heading: Sendable, Hashable {
        public var level: Int
        /// The `<a name="…">` anchor written in the heading, or nil when it has none.
        public var anchor: String?
        public var content: [Inline]

        public init(level: Int, anchor: String?, content: [Inline]) {
            self.level = level
            self.anchor = anchor
            self.content = content
        }
    }

    public struct List: Sendable, Hashable {
        public var ordered: Bool
        /// The number of the first item (1 for bullet lists).
        public var start: Int
        public var tight: Bool
        public var items: [ListItem]

        public init(ordered: Bool, start: Int, tight: Bool, items: [ListItem]) {
            self.ordered = ordered
            self.start = start
            self.tight = tight
            self.items = items
        }
    }

    public struct ListItem: Sendable, Hashable, Codable {
        public var blocks: [Block]
        public var range: SourceRange

        public init(blocks: [Block], range: SourceRange = .unknown) {
            self.blocks = blocks
            self.range = range
        }
    }

    public enum AlertKind: String, Sendable, Hashable, Codable, CaseIterable {
        case note, tip, important, warning, caution
    }

    public struct Alert: Sendable, Hashable {
        public var kind: AlertKind
        public var blocks: [Block]

        public init(kind: AlertKind, blocks: [Block]) {
            self.kind = kind
            self.blocks = blocks
        }
    }

    public enum Alignment: String, Sendable, Hashable, Codable {
        case none, left, center, right
    }

    public struct TableCell: Sendable, Hashable, Codable {
        public var content: [Inline]
        public var range: SourceRange

        public init(content: [Inline], range: SourceRange = .unknown) {
            self.content = content
            self.range = range
        }
    }

    public struct Table: Sendable, Hashable {
        public var alignments: [Alignment]
        public var header: [TableCell]
        public var rows: [[TableCell]]

        public init(alignments: [Alignment], header: [TableCell], rows: [[TableCell]]) {
            self.alignments = alignments
            self.header = header
            self.rows = rows
        }
    }

    public struct CodeBlock: Sendable, Hashable {
        /// The info string after the opening fence ("" for indented code).
        public var info: String
        public var code: String

        public init(info: String, code: String) {
            self.info = info
            self.code = code
        }
    }

    public struct Figure: Sendable, Hashable {
        /// `content`, `complex` or `icon`.
        public var type: String
        public var source: String
        public var altText: String
        /// The `lightbox` image, when the figure names one.
        public var lightbox: String?
        public var border: Bool?

        public init(type: String, source: String, altText: String, lightbox: String? = nil, border: Bool? = nil) {
            self.type = type
            self.source = source
            self.altText = altText
            self.lightbox = lightbox
            self.border = border
        }
    }

    public struct Section: Sendable, Hashable {
        /// The value of `class="…"` in `[!div class="…"]`.
        public var classes: String
        public var blocks: [Block]

        public init(classes: String, blocks: [Block]) {
            self.classes = classes
            self.blocks = blocks
        }
    }
}

extension Block {
    /// The blocks directly inside this one.
    public var childBlocks: [Block] {
        switch kind {
        case .list(let list): return list.items.flatMap(\.blocks)
        case .alert(let alert): return alert.blocks
        case .blockquote(let blocks): return blocks
        case .section(let section): return section.blocks
        case .heading, .paragraph, .table, .codeBlock, .figure, .thematicBreak, .html: return []
        }
    }

    /// The inlines directly inside this block (table cells in reading order).
    public var inlines: [Inline] {
        switch kind {
        case .heading(let h): return h.content
        case .paragraph(let c), .html(let c): return c
        case .table(let t): return t.header.flatMap(\.content) + t.rows.flatMap { $0.flatMap(\.content) }
        default: return []
        }
    }
}
