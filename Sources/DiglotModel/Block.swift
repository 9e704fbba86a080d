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
        /// A DocFX code snippet (`[!code-csharp[](file.cs?name=x)]`, `:::code source="…":::`) as
        /// written: the resolve stage reads its file and makes it a `codeBlock`; one it could not read
        /// stays, with its `problem`, and shows as a placeholder.
        case codeSnippet(CodeSnippet)
        /// A DocFX `:::image … :::` figure.
        case figure(Figure)
        /// A DocFX `> [!div class="…"]` section.
        case section(Section)
        /// DocFX tabs: `# [Label](#tab/id)` headings and the blocks under each, up to a `---` line.
        case tabGroup(TabGroup)
        /// A `::: moniker range="…"` … `::: moniker-end` block: content for some versions only.
        case moniker(Moniker)
        /// A `::: zone pivot="…"` … `::: zone-end` block: content for some pivots only.
        case zone(Zone)
        /// A Learn `:::row:::` … `:::row-end:::` of `:::column:::` … `:::column-end:::`.
        case row(Row)
        /// A DocFX `> [!VIDEO https://…]`: an embedded player.
        case video(Video)
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
        /// The text the heading's id is made from when it is not the heading's own: set when inline
        /// includes in it are expanded (DocFX made the id from the include's title). Nil: its text.
        public var idText: String?

        public init(level: Int, anchor: String?, content: [Inline], idText: String? = nil) {
            self.level = level
            self.anchor = anchor
            self.content = content
            self.idText = idText
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
        /// The info string after the opening fence ("" for indented code); a code snippet's language.
        public var info: String
        public var code: String
        /// The lines to highlight, 1-based, ascending (a code snippet's `highlight=`); empty for none.
        public var highlight: [Int]

        public init(info: String, code: String, highlight: [Int] = []) {
            self.info = info
            self.code = code
            self.highlight = highlight
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
        /// A `type="complex"` figure's long description: the blocks up to `:::image-end:::`.
        public var description: [Block]

        public init(type: String, source: String, altText: String, lightbox: String? = nil, border: Bool? = nil, description: [Block] = []) {
            self.type = type
            self.source = source
            self.altText = altText
            self.lightbox = lightbox
            self.border = border
            self.description = description
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
    /// DocFX's tabbed content ("Tabs" in DocFX's markdown reference; markdig's `TabGroupAggregator`):
    /// each heading that holds only a link to `#tab/ID` or `#tab/ID/CONDITION` starts a tab, the
    /// blocks after it up to the next such heading are its panel, and a thematic break (`---`) or the
    /// end of the enclosing container ends the group. Tabs with the same id switch together across
    /// the page's groups; a tab with a condition is shown only while the tab it names is selected
    /// (dependent tabs).
    public struct TabGroup: Sendable, Hashable {
        public var tabs: [Tab]

        public init(tabs: [Tab]) { self.tabs = tabs }
    }

    public struct Tab: Sendable, Hashable, Codable {
        /// `netcore-cli`, or several joined by `+` (`windows+linux`).
        public var id: String
        /// The tab id this one depends on (`#tab/dotnet/linux` → `linux`), nil when none.
        public var condition: String?
        /// The heading's link text: the tab's label (it may hold a translation unit).
        public var title: [Inline]
        public var blocks: [Block]
        public var range: SourceRange

        public init(id: String, condition: String?, title: [Inline], blocks: [Block], range: SourceRange = .unknown) {
            self.id = id
            self.condition = condition
            self.title = title
            self.blocks = blocks
            self.range = range
        }
    }

    /// Content for some versions of the product (DocFX "Monikers"; Learn's "Versioning" reference).
    public struct Moniker: Sendable, Hashable {
        /// The range as written: `>= aspnetcore-3.0`, `< aspnetcore-3.0 || = aspnetcore-5.0`
        /// (see `MonikerRange` for its grammar).
        public var range: String
        public var blocks: [Block]

        public init(range: String, blocks: [Block]) {
            self.range = range
            self.blocks = blocks
        }
    }

    /// Content for some pivots of the page's pivot groups (Learn's "Zone pivots" reference).
    public struct Zone: Sendable, Hashable {
        /// The pivot ids of `pivot="a,b"`.
        public var pivots: [String]
        /// `target="docs"` or `"chromeless"`, nil when absent.
        public var target: String?
        public var blocks: [Block]

        public init(pivots: [String], target: String? = nil, blocks: [Block]) {
            self.pivots = pivots
            self.target = target
            self.blocks = blocks
        }
    }

    /// An embedded video (DocFX's and Learn's `> [!VIDEO url]`): the player's address.
    public struct Video: Sendable, Hashable {
        public var source: String

        public init(source: String) { self.source = source }
    }

    /// Learn's multi-column layout (`:::row:::` and `:::column span="n":::`).
    public struct Row: Sendable, Hashable {
        public var columns: [Column]

        public init(columns: [Column]) { self.columns = columns }
    }

    public struct Column: Sendable, Hashable, Codable {
        /// `span="2"`: how many column widths it takes, 1 when absent.
        public var span: Int
        public var blocks: [Block]

        public init(span: Int = 1, blocks: [Block]) {
            self.span = span
            self.blocks = blocks
        }
    }

    /// A DocFX code snippet as written (DocFX's "Code Snippet" markdown reference and its
    /// `CodeSnippetParser`; Learn's `:::code`): the file, which part of it, which lines to highlight.
    public struct CodeSnippet: Sendable, Hashable {
        /// `csharp` of `[!code-csharp[…]`, `language="…"` of `:::code`; from the file's extension when
        /// not written (`[!code[](x.cs)]`).
        public var language: String
        /// The path as written (`~/` is the docset's folder), without its query.
        public var source: String
        /// The content path of the markdown file that names the snippet (the page, or the include
        /// it came from): a relative `source` is relative to it.
        public var file: String
        /// `?name=`, `#name` or `id="…"`: the region of the file, by its markers.
        public var region: String?
        /// `?range=1-3,5-`, `#L1-L3` or `?start=&end=`: the lines of the file, when no region is named.
        public var ranges: [LineRange]
        /// `?highlight=2,4-5`: lines of the snippet as shown.
        public var highlight: [LineRange]
        /// `?dedent=4`: spaces taken off every line (nil: the lines' common indent).
        public var dedent: Int?
        /// `interactive="…"` of `:::code`, kept for the page (Diglot runs no code).
        public var interactive: String?
        /// Why the resolve stage could not read it (the placeholder's reason); nil until then, or when read.
        public var problem: String?

        public init(language: String, source: String, file: String = "", region: String? = nil, ranges: [LineRange] = [],
                    highlight: [LineRange] = [], dedent: Int? = nil, interactive: String? = nil, problem: String? = nil) {
            self.language = language
            self.source = source
            self.file = file
            self.region = region
            self.ranges = ranges
            self.highlight = highlight
            self.dedent = dedent
            self.interactive = interactive
            self.problem = problem
        }

        /// As written after the path: `?name=x&highlight=2` (for messages and the placeholder).
        public var written: String {
            var query: [String] = []
            if let region { query.append("name=" + region) }
            if !ranges.isEmpty { query.append("range=" + ranges.map(\.written).joined(separator: ",")) }
            if !highlight.isEmpty { query.append("highlight=" + highlight.map(\.written).joined(separator: ",")) }
            if let dedent { query.append("dedent=\(dedent)") }
            return source + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        }
    }

    /// Lines `start` to `end` (1-based, both included; `end` nil: to the last line).
    public struct LineRange: Sendable, Hashable, Codable {
        public var start: Int
        public var end: Int?

        public init(start: Int, end: Int?) {
            self.start = start
            self.end = end
        }

        /// `3`, `3-5`, `3-`.
        public var written: String {
            guard end != start else { return "\(start)" }
            return "\(start)-" + (end.map(String.init) ?? "")
        }
    }

    /// The blocks directly inside this one.
    public var childBlocks: [Block] {
        switch kind {
        case .list(let list): return list.items.flatMap(\.blocks)
        case .alert(let alert): return alert.blocks
        case .blockquote(let blocks): return blocks
        case .section(let section): return section.blocks
        case .tabGroup(let group): return group.tabs.flatMap(\.blocks)
        case .moniker(let moniker): return moniker.blocks
        case .zone(let zone): return zone.blocks
        case .row(let row): return row.columns.flatMap(\.blocks)
        case .figure(let figure): return figure.description
        case .heading, .paragraph, .table, .codeBlock, .codeSnippet, .thematicBreak, .html, .video: return []
        }
    }

    /// This block with each list of blocks directly inside it passed through `transform` (a list
    /// item's, a tab's, a column's…): the one way a rewriter of the tree reaches nested blocks.
    public func mappingChildBlocks(_ transform: ([Block]) throws -> [Block]) rethrows -> Block {
        var block = self
        switch kind {
        case .list(var list):
            for index in list.items.indices { list.items[index].blocks = try transform(list.items[index].blocks) }
            block.kind = .list(list)
        case .alert(var alert):
            alert.blocks = try transform(alert.blocks)
            block.kind = .alert(alert)
        case .blockquote(let blocks): block.kind = .blockquote(try transform(blocks))
        case .section(var section):
            section.blocks = try transform(section.blocks)
            block.kind = .section(section)
        case .tabGroup(var group):
            for index in group.tabs.indices { group.tabs[index].blocks = try transform(group.tabs[index].blocks) }
            block.kind = .tabGroup(group)
        case .moniker(var moniker):
            moniker.blocks = try transform(moniker.blocks)
            block.kind = .moniker(moniker)
        case .zone(var zone):
            zone.blocks = try transform(zone.blocks)
            block.kind = .zone(zone)
        case .row(var row):
            for index in row.columns.indices { row.columns[index].blocks = try transform(row.columns[index].blocks) }
            block.kind = .row(row)
        case .figure(var figure):
            figure.description = try transform(figure.description)
            block.kind = .figure(figure)
        case .heading, .paragraph, .table, .codeBlock, .codeSnippet, .thematicBreak, .html, .video: break
        }
        return block
    }

    /// This block with each list of inlines directly inside it (a heading's, a paragraph's, each table
    /// cell's, each tab's label) passed through `transform`, and each list of blocks through
    /// `blocks`: with `mappingChildBlocks`, the way a rewriter of the tree reaches every node.
    public func mappingInlines(_ transform: ([Inline]) throws -> [Inline], blocks: ([Block]) throws -> [Block]) rethrows -> Block {
        var block = self
        switch kind {
        case .heading(var heading):
            heading.content = try transform(heading.content)
            block.kind = .heading(heading)
        case .paragraph(let content): block.kind = .paragraph(try transform(content))
        case .html(let content): block.kind = .html(try transform(content))
        case .table(var table):
            for index in table.header.indices { table.header[index].content = try transform(table.header[index].content) }
            for row in table.rows.indices {
                for cell in table.rows[row].indices { table.rows[row][cell].content = try transform(table.rows[row][cell].content) }
            }
            block.kind = .table(table)
        case .tabGroup(var group):
            for index in group.tabs.indices { group.tabs[index].title = try transform(group.tabs[index].title) }
            block.kind = .tabGroup(group)
            block = try block.mappingChildBlocks(blocks)
        default:
            block = try block.mappingChildBlocks(blocks)
        }
        return block
    }

    /// The inlines directly inside this block (table cells in reading order).
    public var inlines: [Inline] {
        switch kind {
        case .heading(let h): return h.content
        case .paragraph(let c), .html(let c): return c
        case .table(let t): return t.header.flatMap(\.content) + t.rows.flatMap { $0.flatMap(\.content) }
        case .tabGroup(let group): return group.tabs.flatMap(\.title)
        default: return []
        }
    }
}
