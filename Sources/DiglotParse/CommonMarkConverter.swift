import CCmarkGFM
import CParseRegion
import DiglotModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// All of Diglot's cmark-gfm code: parse markdown with the GFM extensions, walk the tree with
/// ENTER/EXIT events and a frame stack, and build model blocks. The C types stay in this file.
enum CommonMarkConverter {
    /// The GFM extensions attached to every parser.
    static let extensionNames = ["table", "strikethrough", "autolink"]

    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Parses a markdown body (front matter already removed) into blocks. `lineOffset` is the number of
    /// lines before the body in its file, so that positions are file positions.
    /// Markdown that would take cmark-gfm more than bounded time is not given to it whole (see
    /// `PageParser.maxTableCost`, `maxDelimiterRowCost`, `maxAutolinkCost` and `maxBrackets`): such a
    /// page is read without tables or without bare-URL links, and a body with too many brackets is
    /// one code block of its text; each is a finding (DG214).
    /// `region` false parses with cmark-gfm's own allocator instead of the thread's region (tests
    /// compare the two).
    static func blocks(from body: UnsafeBufferPointer<UInt8>, lineOffset: Int, file: String = "", findings: inout [InlineAssembler.Finding],
                       unitStarts: inout [(id: String, location: SourceLocation)], region: Bool = true) -> [Block] {
        let brackets = count(UInt8(ascii: "["), in: body)
        if brackets > PageParser.maxBrackets {
            findings.append(InlineAssembler.Finding(code: .parseLimit, location: SourceLocation(line: lineOffset + 1, column: 1),
                                                    message: "the text holds \(brackets) [ (more than \(PageParser.maxBrackets)), which cmark-gfm parses in time quadratic in them: it is shown as it is, not as markdown"))
            let text = String(decoding: body, as: UTF8.self)
            let end = SourceLocation(line: lineOffset + max(1, count(0x0A, in: body)), column: 1)
            return [Block(.codeBlock(Block.CodeBlock(info: "", code: text)), range: SourceRange(start: SourceLocation(line: lineOffset + 1, column: 1), end: end))]
        }
        var tables = true
        if let (cost, widest) = PageParser.tableCost(body), cost > PageParser.maxTableCost {
            tables = false
            findings.append(InlineAssembler.Finding(code: .parseLimit, location: SourceLocation(line: widest + lineOffset, column: 1),
                                                    message: "the page's tables hold too many cells (cmark-gfm's table parsing would take time quadratic in them; this line is the widest): the page is read without tables"))
        } else if case let (cost, line) = PageParser.delimiterRowCost(body), cost > PageParser.maxDelimiterRowCost {
            tables = false
            findings.append(InlineAssembler.Finding(code: .parseLimit, location: SourceLocation(line: line + lineOffset, column: 1),
                                                    message: "the page has many lines like a table's delimiter row under long paragraphs (cmark-gfm would read each paragraph again for each of them; here they pass the bound): the page is read without tables"))
        }
        var autolinks = true
        if PageParser.autolinkCost(body) > PageParser.maxAutolinkCost {
            autolinks = false
            findings.append(InlineAssembler.Finding(code: .parseLimit, location: SourceLocation(line: lineOffset + 1, column: 1),
                                                    message: "the text has long runs with many www. in them, which cmark-gfm's autolinks scan in quadratic time: the page is read without bare-URL links"))
        }
        var walked = walk(body, lineOffset: lineOffset, file: file, tables: tables, autolinks: autolinks, shifts: ColumnShifts(), region: region)
        // Machine-translation damage that broke a unit and whose intent is plain is mended in the
        // markdown, which is parsed again (see `MTRepair`); a sound page is parsed once.
        if MTRepair.shouldTry(walked.findings),
           let repaired = MTRepair.repair(body, lineOffset: lineOffset, tableLines: walked.tableLines, codeLines: walked.codeLines) {
            walked = repaired.bytes.withUnsafeBufferPointer {
                walk($0, lineOffset: lineOffset, file: file, tables: tables, autolinks: autolinks, shifts: repaired.shifts, region: region)
            }
            findings.append(contentsOf: repaired.findings)
        }
        findings.append(contentsOf: walked.findings)
        unitStarts.append(contentsOf: walked.unitStarts)
        return walked.result
    }

    /// What one parse and walk of a body gives.
    private struct Walked {
        var result: [Block]
        var findings: [InlineAssembler.Finding]
        var unitStarts: [(id: String, location: SourceLocation)]
        /// The body lines (1-based) of its tables and of its code blocks, for `MTRepair`.
        var tableLines: [ClosedRange<Int>]
        var codeLines: [ClosedRange<Int>]
    }

    private static func walk(_ body: UnsafeBufferPointer<UInt8>, lineOffset: Int, file: String, tables: Bool, autolinks: Bool,
                             shifts: ColumnShifts, region: Bool) -> Walked {
        withDocument(body, tables: tables, autolinks: autolinks, region: region) { document in
            var walker = TreeWalker(lineOffset: lineOffset, body: body, file: file, shifts: shifts)
            walker.walk(document)
            return Walked(result: walker.result, findings: walker.findings, unitStarts: walker.unitStarts,
                          tableLines: walker.tableLines, codeLines: walker.codeLines)
        }
    }

    /// How many times `byte` occurs in `body` (memchr: most bytes are skipped).
    private static func count(_ byte: UInt8, in body: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = body.baseAddress else { return 0 }
        var n = 0
        var at = 0
        while at < body.count, let found = memchr(base + at, Int32(byte), body.count - at) {
            n += 1
            at = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
        }
        return n
    }

    /// The baseline that `make bench` measures Diglot against: one plain cmark-gfm parse of the same
    /// bytes with the same extensions, rendered to HTML. Returns the HTML's length in bytes.
    static func baselineRender(_ body: UnsafeBufferPointer<UInt8>) -> Int {
        withDocument(body, region: false) { document in
            guard let html = cmark_render_html(document, CMARK_OPT_UNSAFE, nil) else { return 0 }
            defer { free(html) }
            return strlen(html)
        }
    }

    /// What closes a link whose text came before: `text` starts with `](`, and the destination, the
    /// title and the `)` are read by cmark-gfm (CommonMark 0.30 §6.3, link destination and title),
    /// by parsing `[x` and `text` up to each of its first 8 `)` until one makes exactly a link. The
    /// destination and title come back decoded (escapes, entities), with how much of `text` they take
    /// (from its start, as a `String.Index` of `text`); nil when no such link starts there.
    /// (For `DocFXExtensions.linksAroundIncludes`: cmark-gfm gave up on the link's `[` because its text holds a link.)
    static func linkTail(_ text: Substring) -> (destination: String, title: String, end: Substring.Index)? {
        guard text.hasPrefix("](") else { return nil }
        var from = text.startIndex
        for _ in 0..<8 {
            guard let close = text[from...].firstIndex(of: ")") else { return nil }
            let probe = Array(("[x" + text[...close]).utf8)
            let link: (String, String)? = probe.withUnsafeBufferPointer { body in
                withDocument(body, tables: false, autolinks: false, region: false) { document in
                    guard let paragraph = cmark_node_first_child(document), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                          cmark_node_next(paragraph) == nil, let link = cmark_node_first_child(paragraph),
                          cmark_node_get_type(link) == CMARK_NODE_LINK, cmark_node_next(link) == nil else { return nil }
                    return (cmark_node_get_url(link).map { String(cString: $0) } ?? "", cmark_node_get_title(link).map { String(cString: $0) } ?? "")
                }
            }
            if let link { return (link.0, link.1, text.index(after: close)) }
            from = text.index(after: close)
        }
        return nil
    }

    /// cmark-gfm keeps one process-wide table of special inline characters, and its extensions add
    /// their characters to it and remove them again around every inline parse (at `cmark_parser_finish`,
    /// and for each table row while lines are fed): two parses on two threads race, and a bare URL
    /// is autolinked in one build and left as text in the next (github/cmark-gfm#176, open; Debian's
    /// 0.29.0.gfm.6 has it). So cmark-gfm's parsing runs under this lock, one page at a time; the
    /// walk that builds the model from the finished tree (most of the parse stage's time) runs
    /// outside it, in parallel.
    private static let parseLock = NSLock()

    /// The allocator Diglot's parses give cmark-gfm: the calling thread's region (`CParseRegion`), so
    /// that a page's tree costs a few chunk allocations instead of one `calloc` per node and one
    /// `malloc` per literal read, and goes at once when the page is walked. Never freed.
    nonisolated(unsafe) private static let regionAllocator: UnsafeMutablePointer<cmark_mem> = {
        let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        mem.initialize(to: cmark_mem(calloc: diglot_region_calloc, realloc: diglot_region_realloc, free: diglot_region_free))
        return mem
    }()

    /// The most bytes a parse's region hands out from its chunks: 4 MiB, and 16 bytes for each byte
    /// of markdown. Ordinary pages stay far below it; past it (cmark-gfm allocates about 200 bytes per
    /// byte of an 800 KB page that is one table), cmark-gfm's memory comes from malloc and what it frees is freed, so a
    /// page that makes cmark-gfm allocate and free the same bytes again and again holds no more
    /// than this and what malloc would hold.
    static func regionCap(bodyBytes: Int) -> Int { (4 << 20) + 16 * bodyBytes }

    /// Parses `body` and gives the tree to `use`, on this thread. With `region` (Diglot's parses), the
    /// tree lives in a region of this thread that ends when `use` returns; without (the bench's
    /// baseline), cmark-gfm allocates with malloc, as a plain cmark-gfm build does.
    private static func withDocument<R>(_ body: UnsafeBufferPointer<UInt8>, tables: Bool = true, autolinks: Bool = true, region: Bool = true,
                                        _ use: (OpaquePointer) -> R) -> R {
        _ = registered
        if region { diglot_region_begin(regionCap(bodyBytes: body.count)) }
        defer { if region { diglot_region_end() } }
        guard let document = parseLocked(body, tables: tables, autolinks: autolinks, mem: region ? regionAllocator : cmark_get_default_mem_allocator())
        else { fatalError("cmark_parser_finish failed") }
        // A tree in a region is not freed node by node: all of it (nodes, literals, the table
        // extension's data) came from the region, which takes it back at once (and frees what it
        // took from malloc past its cap).
        defer { if !region { cmark_node_free(document) } }
        return use(document)
    }

    private static func parseLocked(_ body: UnsafeBufferPointer<UInt8>, tables: Bool, autolinks: Bool, mem: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer? {
        parseLock.lock()
        defer { parseLock.unlock() }
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_UNSAFE, mem) else { fatalError("cmark_parser_new failed") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames where (tables || name != "table") && (autolinks || name != "autolink") {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        if let base = body.baseAddress, body.count > 0 {
            base.withMemoryRebound(to: CChar.self, capacity: body.count) { cmark_parser_feed(parser, $0, body.count) }
        }
        return cmark_parser_finish(parser)
    }
}

/// The kinds of node the walker tells apart; GFM extension nodes are told by their type string once.
private enum NodeKind {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
    case table, tableRow, tableCell
    case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, strikethrough, link, image
    case other

    static func of(_ node: OpaquePointer, extensionKinds: inout [UInt32: NodeKind]) -> NodeKind {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default:
            if let known = extensionKinds[type.rawValue] { return known }
            let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
            let kind: NodeKind
            switch name {
            case "table": kind = .table
            case "table_header", "table_row": kind = .tableRow
            case "table_cell": kind = .tableCell
            case "strikethrough": kind = .strikethrough
            default: kind = .other
            }
            extensionKinds[type.rawValue] = kind
            return kind
        }
    }
}

/// Walks one cmark document. Block containers are frames on `frames`; the inlines of the current
/// leaf block go through an `InlineAssembler`, which also assembles translation units.
struct TreeWalker {
    private struct Frame {
        var kind: NodeKind
        var range: SourceRange
        var blocks: [Block] = []
        var items: [Block.ListItem] = []
        var cells: [Block.TableCell] = []
        var header: [Block.TableCell] = []
        var rows: [[Block.TableCell]] = []
    }

    /// The deepest the model nests block containers (block quotes, lists, list items, tables): 64
    /// frames, 31 levels of nested lists. cmark-gfm parses any depth without recursion, but every
    /// later walk of the model recurses; a container deeper than this is not opened (its blocks go to
    /// the container around it), and the first such place is reported (DG213).
    static let maxDepth = 64

    let lineOffset: Int
    /// The content path of the file (code snippets' paths start from it).
    let file: String
    /// The markdown the document was parsed from (valid while the walk lasts), for the few places
    /// that need a line as written (see `indentColumn(ofLine:)`).
    private let body: UnsafeBufferPointer<UInt8>
    /// Where each line of `body` starts, worked out the first time a line is asked for.
    private var lineStarts: [Int]?
    private var frames: [Frame] = []
    /// For every block container entered and not yet left: whether it was left unopened (too deep).
    private var unopened: [Bool] = []
    private var reportedDepth = false
    private var inlines: InlineAssembler? = nil
    private var extensionKinds: [UInt32: NodeKind] = [:]
    private(set) var findings: [InlineAssembler.Finding] = []
    private(set) var unitStarts: [(id: String, location: SourceLocation)] = []
    private(set) var result: [Block] = []
    /// Bytes `MTRepair` inserted into the body: cmark's columns are mapped back through it.
    private let shifts: ColumnShifts
    /// The body lines (1-based, as cmark counts) of every table and code block met.
    private(set) var tableLines: [ClosedRange<Int>] = []
    private(set) var codeLines: [ClosedRange<Int>] = []

    init(lineOffset: Int, body: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0), file: String = "", shifts: ColumnShifts = ColumnShifts()) {
        self.lineOffset = lineOffset
        self.file = file
        self.body = body
        self.shifts = shifts
    }

    /// The column (1-based, in bytes) of the first character of a file line that is not a space or
    /// tab: where the line really starts. cmark gives a lazy continuation line's text the column of
    /// the paragraph it continues, not its own.
    private mutating func indentColumn(ofLine fileLine: Int) -> Int? {
        if lineStarts == nil {
            var starts = [0]
            for index in body.indices where body[index] == 0x0A { starts.append(index + 1) }
            lineStarts = starts
        }
        let line = fileLine - lineOffset - 1
        guard let starts = lineStarts, line >= 0, line < starts.count else { return nil }
        var index = starts[line]
        while index < body.count, body[index] == UInt8(ascii: " ") || body[index] == UInt8(ascii: "\t") { index += 1 }
        return index - starts[line] + 1
    }

    mutating func walk(_ document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let kind = NodeKind.of(node, extensionKinds: &extensionKinds)
            if event == CMARK_EVENT_ENTER {
                enter(node, kind)
            } else if event == CMARK_EVENT_EXIT {
                exit(node, kind)
            }
        }
    }

    // MARK: Positions

    private func start(_ node: OpaquePointer) -> SourceLocation {
        location(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private func end(_ node: OpaquePointer) -> SourceLocation {
        location(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
    }

    /// A file position from cmark's line and column in the body.
    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(line: line + lineOffset, column: max(1, shifts.column(column, line: line)))
    }

    private func range(_ node: OpaquePointer) -> SourceRange {
        SourceRange(start: start(node), end: end(node))
    }

    /// The body lines a block spans, as cmark counts them.
    private func bodyLines(_ node: OpaquePointer) -> ClosedRange<Int> {
        let first = Int(cmark_node_get_start_line(node))
        return first...max(first, Int(cmark_node_get_end_line(node)))
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    // MARK: Events

    private mutating func enter(_ node: OpaquePointer, _ kind: NodeKind) {
        switch kind {
        case .document, .blockQuote, .list, .item, .table, .tableRow:
            // A list or table opens only with room for its item or row too; an item or row opens
            // exactly when its list or table did (else its blocks would land where none is read).
            let opens: Bool
            switch kind {
            case .item: opens = frames.last?.kind == .list
            case .tableRow: opens = frames.last?.kind == .table
            case .list, .table: opens = frames.count + 1 < TreeWalker.maxDepth
            default: opens = frames.count < TreeWalker.maxDepth
            }
            if !opens {
                unopened.append(true)
                if !reportedDepth {
                    reportedDepth = true
                    findings.append(InlineAssembler.Finding(code: .nestingTooDeep, location: start(node),
                                                            message: "blocks nest more than \(TreeWalker.maxDepth) levels deep here; the deeper levels are flattened"))
                }
            } else {
                unopened.append(false)
                frames.append(Frame(kind: kind, range: range(node)))
            }
            if kind == .table { tableLines.append(bodyLines(node)) }
        case .paragraph, .heading, .tableCell:
            frames.append(Frame(kind: kind, range: range(node)))
            inlines = InlineAssembler(start: start(node))
        case .codeBlock:
            codeLines.append(bodyLines(node))
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            appendBlock(Block(.codeBlock(Block.CodeBlock(info: info, code: literal(node))), range: range(node)))
        case .htmlBlock:
            let html = RawHTMLScanner.inlines(of: literal(node), start: start(node), findings: &findings, unitStarts: &unitStarts)
            // A block that held only a comment holds nothing now.
            if html.contains(where: { if case .html(let raw) = $0.kind { return !raw.allSatisfy(\.isWhitespace) } else { return true } }) {
                appendBlock(Block(.html(html), range: range(node)))
            }
        case .thematicBreak:
            appendBlock(Block(.thematicBreak, range: range(node)))
        case .text:
            let inline = Inline(.text(literal(node)), range: range(node))
            inlines?.append(inline)
        case .code:
            let inline = Inline(.code(literal(node)), range: range(node))
            inlines?.append(inline)
        case .softBreak:
            let inline = Inline(.softBreak, range: range(node))
            inlines?.append(inline)
        case .lineBreak:
            let inline = Inline(.lineBreak, range: range(node))
            inlines?.append(inline)
        case .htmlInline:
            // The unit tags are told from the C string itself: no Swift string for the common case.
            let r = range(node)
            let pointer = cmark_node_get_literal(node)
            let bytes = pointer.map { UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0)) }
            if let bytes, let tag = HTMLTag.exactForm(bytes: bytes) {
                inlines?.tag(tag, literal: tag.canonicalLiteral ?? "", range: r)
            } else {
                let literal = literal(node)
                // A comment is no part of any view nor of the search (see `RawHTMLScanner`).
                if !literal.hasPrefix("<!--") { inlines?.tag(HTMLTag(literal), literal: literal, range: r) }
            }
        case .emphasis, .strong, .strikethrough, .link, .image:
            let at = start(node)
            let container: InlineAssembler.Container
            switch kind {
            case .emphasis: container = .emphasis
            case .strong: container = .strong
            case .strikethrough: container = .strikethrough
            case .link: container = .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
            default: container = .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
            }
            inlines?.open(container, at: at)
        case .other:
            // Footnotes and other nodes of no interest: their children land in the enclosing frame.
            break
        }
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private mutating func exit(_ node: OpaquePointer, _ kind: NodeKind) {
        switch kind {
        case .document, .blockQuote, .list, .item, .table, .tableRow:
            if unopened.popLast() == true { return }
        default:
            break
        }
        switch kind {
        case .emphasis, .strong, .strikethrough, .link, .image:
            let at = end(node)
            inlines?.close(at: at)
        case .paragraph:
            let frame = frames.removeLast()
            let content = DocFXExtensions.inlineSyntax(finishInlines(at: end(node)))
            for var block in DocFXExtensions.paragraph(content, range: frame.range, file: file) {
                // A directive line keeps its own column (the lazy ones are told by it: see `DocFXContainers.group`).
                if case .paragraph(let line) = block.kind, line.first.map(DocFXContainers.mayBeDirective) == true,
                   DocFXContainers.directive(of: block) != nil, let column = indentColumn(ofLine: block.range.start.line) {
                    block.range.start.column = column
                }
                appendBlock(block)
            }
        case .heading:
            let frame = frames.removeLast()
            var content = DocFXExtensions.inlineSyntax(finishInlines(at: end(node)), images: true)
            let anchor = DocFXExtensions.headingAnchor(&content)
            let level = Int(cmark_node_get_heading_level(node))
            appendBlock(Block(.heading(Block.Heading(level: level, anchor: anchor, content: content)), range: frame.range))
        case .tableCell:
            let frame = frames.removeLast()
            let content = DocFXExtensions.inlineSyntax(finishInlines(at: end(node)), images: true)
            if frames[frames.count - 1].kind == .tableRow {
                frames[frames.count - 1].cells.append(Block.TableCell(content: content, range: frame.range))
            } else {
                appendBlock(Block(.paragraph(content), range: frame.range))  // its row was too deep to open
            }
        case .tableRow:
            let frame = frames.removeLast()
            if cmark_gfm_extensions_get_table_row_is_header(node) != 0 {
                frames[frames.count - 1].header = frame.cells
            } else {
                frames[frames.count - 1].rows.append(frame.cells)
            }
        case .table:
            let frame = frames.removeLast()
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [Block.Alignment] = []
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for i in 0..<columns {
                    switch raw[i] {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            appendBlock(Block(.table(Block.Table(alignments: alignments, header: frame.header, rows: frame.rows)), range: frame.range))
        case .item:
            let frame = frames.removeLast()
            let blocks = DocFXContainers.group(frame.blocks, depth: frames.count + 1, column: frame.range.start.column, findings: &findings)
            frames[frames.count - 1].items.append(Block.ListItem(blocks: blocks, range: frame.range))
        case .list:
            let frame = frames.removeLast()
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let list = Block.List(ordered: ordered, start: ordered ? Int(cmark_node_get_list_start(node)) : 1,
                                  tight: cmark_node_get_list_tight(node) != 0, items: frame.items)
            appendBlock(Block(.list(list), range: frame.range))
        case .blockQuote:
            let frame = frames.removeLast()
            let blocks = DocFXContainers.group(frame.blocks, depth: frames.count + 1, column: frame.range.start.column, findings: &findings)
            appendBlock(Block(DocFXExtensions.blockquote(blocks, findings: &findings), range: frame.range))
        case .document:
            result = DocFXContainers.group(frames.removeLast().blocks, depth: 1, findings: &findings)
        default:
            break
        }
    }

    private mutating func finishInlines(at end: SourceLocation) -> [Inline] {
        guard var assembler = inlines else { return [] }
        let content = assembler.finish(at: end)
        findings.append(contentsOf: assembler.findings)
        unitStarts.append(contentsOf: assembler.unitStarts)
        inlines = nil
        return content
    }

    private mutating func appendBlock(_ block: Block) {
        guard !frames.isEmpty else { return }
        // A line holding only `|` right after a table (a table closed the way some pages close them)
        // belongs to the table: DocFX shows nothing for it, and neither does Diglot.
        if case .paragraph(let content) = block.kind, content.count == 1, content[0].kind == .text("|"),
           let previous = frames[frames.count - 1].blocks.last, case .table = previous.kind {
            return
        }
        frames[frames.count - 1].blocks.append(block)
    }
}
