import DiglotModel

/// Machine-translation damage that cmark-gfm would read as markup, mended in the markdown, which is then
/// parsed again (issue 11, item 12). Each repair is a located warning, and the unit comes out whole.
///
/// It is tried only on a page whose first parse found a unit broken (DG101, DG102, DG104, DG105): both
/// kinds of damage always break a unit, so a sound page is parsed once and never changed. It touches
/// only what that first parse showed: the lines of its tables, and lines outside its code blocks.
///
/// - **A `|` inside a unit on a table row** (partner-center-pr.ko-kr, `usage-based-recon-files.md:55`:
///   the MT wrote `**List3| st**`). GFM ends the cell there, so the unit is cut across two cells (its
///   spans unclosed and stray), and the row has one cell more than its header, which GFM drops: the
///   sentence in the row's last cell is lost. The `|` is escaped as `\|`, which GFM reads as a literal
///   `|` in its cell; only a `|` between a unit's opening span and its closing `</span>` on the same
///   row, when that span is closed on the row. Escaping before the parse rather than joining cells
///   after it: by then cmark-gfm has dropped the cells past the header's count and split the unit's
///   inlines between cells, so a join could not give the row back; escaped, cmark-gfm stays the one
///   reader of tables. The backslash moves the rest of its line one byte on; `ColumnShifts` maps
///   cmark's columns back, so every position is the file's.
/// - **`&quot;` for a quote of a unit tag's id** (dynamics365smb-docs-pr.de-de,
///   `ui-get-ready-business.md:28`: `<span data-ttu-id="be172-108&quot;>`): not a tag to cmark, so
///   the unit's other spans are stray. The entity becomes `"` padded with five spaces where HTML
///   allows them (before the `>`, after the `=`), so no byte changes column. In the unit so mended, a
///   link or image title opened with `&quot;` (the same slip in the same sentence,
///   `(media/search_small.png &quot;Was möchten Sie tun?")`) is read the same way, the spaces going
///   between the destination and the title.
enum MTRepair {
    struct Repaired {
        var bytes: [UInt8]
        var shifts: ColumnShifts
        var findings: [InlineAssembler.Finding]
    }

    /// Whether a first parse's findings show a unit broken, the only case repair is tried.
    static func shouldTry(_ findings: [InlineAssembler.Finding]) -> Bool {
        findings.contains { [.unitMissingSource, .unitIdMismatch, .unclosedSpan, .straySpan].contains($0.code) }
    }

    /// The body mended, or nil when there is nothing to mend. Lines are 1-based, as cmark counts them in
    /// the body; `lineOffset` makes the findings' lines the file's.
    static func repair(_ body: UnsafeBufferPointer<UInt8>, lineOffset: Int,
                       tableLines: [ClosedRange<Int>], codeLines: [ClosedRange<Int>]) -> Repaired? {
        var starts = [0]
        for index in body.indices where body[index] == 0x0A { starts.append(index + 1) }
        var isTable = [Bool](repeating: false, count: starts.count + 2)
        var isCode = isTable
        for range in tableLines { for line in range where line < isTable.count { isTable[line] = true } }
        for range in codeLines { for line in range where line < isCode.count { isCode[line] = true } }

        var scanner = Scanner(body: body, lineOffset: lineOffset)
        for (index, start) in starts.enumerated() {
            let line = index + 1
            guard !isCode[line] else { continue }
            var end = index + 1 < starts.count ? starts[index + 1] - 1 : body.count
            if end > start, body[end - 1] == 0x0D { end -= 1 }
            scanner.quotes(line: line, start, end)
            if isTable[line] { scanner.pipes(line: line, start, end) }
        }
        guard !scanner.edits.isEmpty else { return nil }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.count + scanner.edits.count)
        var shifts = ColumnShifts()
        var at = 0
        for edit in scanner.edits.sorted(by: { $0.offset < $1.offset }) {
            bytes.append(contentsOf: body[at..<edit.offset])
            switch edit.kind {
            case .escape(let line, let column):
                let before = shifts.inserted[line]?.count ?? 0
                shifts.inserted[line, default: []].append(column + before)
                bytes.append(UInt8(ascii: "\\"))
                at = edit.offset
            case .replace(let with):
                bytes.append(contentsOf: with)
                at = edit.offset + with.count
            }
        }
        bytes.append(contentsOf: body[at...])
        return Repaired(bytes: bytes, shifts: shifts, findings: scanner.findings)
    }

    private struct Edit {
        enum Kind {
            /// A `\` before the byte at `offset` (its line and column as written).
            case escape(line: Int, column: Int)
            /// The bytes at `offset` replaced by as many others.
            case replace([UInt8])
        }
        var offset: Int
        var kind: Kind
    }

    private struct Scanner {
        let body: UnsafeBufferPointer<UInt8>
        let lineOffset: Int
        var edits: [Edit] = []
        var findings: [InlineAssembler.Finding] = []

        init(body: UnsafeBufferPointer<UInt8>, lineOffset: Int) {
            self.body = body
            self.lineOffset = lineOffset
        }

        private static let quoteEntity = Array("&quot;".utf8)
        /// `&quot;` read as an opening quote: the spaces go before it (after an `=`, or between a
        /// link's destination and its title).
        private static let openingQuote = Array("     \"".utf8)
        /// `&quot;` read as a closing quote: the spaces go after it (before the tag's `>`).
        private static let closingQuote = Array("\"     ".utf8)

        private func matches(_ needle: [UInt8], at index: Int, before end: Int) -> Bool {
            guard index >= 0, index + needle.count <= end else { return false }
            for k in needle.indices where body[index + k] != needle[k] { return false }
            return true
        }

        private func firstIndex(of needle: [UInt8], from start: Int, before end: Int) -> Int? {
            var i = start
            while i + needle.count <= end {
                if body[i] == needle[0], matches(needle, at: i, before: end) { return i }
                i += 1
            }
            return nil
        }

        private func location(line: Int, lineStart: Int, _ offset: Int) -> SourceLocation {
            SourceLocation(line: line + lineOffset, column: offset - lineStart + 1)
        }

        private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

        private static func isIDByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"): return true
            default: return false
            }
        }

        // MARK: `&quot;` in a unit's tag

        private static let idAttributes: [(name: [UInt8], label: String, isTarget: Bool)] = [
            (Array("data-ttu-id=".utf8), "data-ttu-id", true),
            (Array("data-stu-id=".utf8), "data-stu-id", false),
        ]

        /// Mends `&quot;` written for a quote of a unit tag's id on one line, and then a link title in
        /// the unit's target opened with `&quot;`; one finding per unit and line.
        mutating func quotes(line: Int, _ start: Int, _ end: Int) {
            guard firstIndex(of: Scanner.quoteEntity, from: start, before: end) != nil else { return }
            var units: [(id: String, at: Int, parts: [String])] = []
            var unitIndex: [String: Int] = [:]
            func note(_ id: String, at offset: Int, _ part: String) {
                if let i = unitIndex[id] {
                    units[i].parts.append(part)
                } else {
                    unitIndex[id] = units.count
                    units.append((id, offset, [part]))
                }
            }
            for attribute in Scanner.idAttributes {
                var from = start
                while let found = firstIndex(of: attribute.name, from: from, before: end) {
                    from = found + attribute.name.count
                    var p = from
                    var opening: Int?
                    guard takeQuote(&p, before: end, entity: &opening) else { continue }
                    let idStart = p
                    while p < end, Scanner.isIDByte(body[p]) { p += 1 }
                    guard p > idStart else { continue }
                    let id = String(decoding: UnsafeBufferPointer(rebasing: body[idStart..<p]), as: UTF8.self)
                    var closing: Int?
                    guard takeQuote(&p, before: end, entity: &closing) else { continue }
                    guard opening != nil || closing != nil, p < end, body[p] == UInt8(ascii: ">") else { continue }
                    if let opening {
                        edits.append(Edit(offset: opening, kind: .replace(Scanner.openingQuote)))
                        note(id, at: opening, "the opening quote of its \(attribute.label)")
                    }
                    if let closing {
                        edits.append(Edit(offset: closing, kind: .replace(Scanner.closingQuote)))
                        note(id, at: opening ?? closing, "the closing quote of its \(attribute.label)")
                    }
                    guard attribute.isTarget else { continue }
                    // The target's text up to its next tag; the `"` after each `&quot;` is found by one
                    // cursor that only moves on, so that a line full of them is read in linear time.
                    let targetEnd = firstIndex(of: [UInt8(ascii: "<")], from: p, before: end) ?? end
                    var q = p
                    var nextQuote = p
                    while let title = firstIndex(of: Scanner.quoteEntity, from: q, before: targetEnd) {
                        q = title + Scanner.quoteEntity.count
                        if nextQuote < q {
                            nextQuote = q
                            while nextQuote < targetEnd, body[nextQuote] != UInt8(ascii: "\"") { nextQuote += 1 }
                        }
                        if opensTitle(at: title, lineStart: start, closedAt: nextQuote, targetEnd: targetEnd) {
                            edits.append(Edit(offset: title, kind: .replace(Scanner.openingQuote)))
                            note(id, at: title, "the opening quote of a link title in its text")
                        }
                    }
                }
            }
            for unit in units {
                findings.append(InlineAssembler.Finding(
                    code: .quoteEntityInUnit, location: location(line: line, lineStart: start, unit.at),
                    message: "&quot; stands for a quote in unit \"\(unit.id)\" (\(unit.parts.joined(separator: ", "))): it is read as \""))
            }
        }

        /// Reads a `"` or an `&quot;` at `p` (the entity's offset into `entity`); false when neither is there.
        private func takeQuote(_ p: inout Int, before end: Int, entity: inout Int?) -> Bool {
            if p < end, body[p] == UInt8(ascii: "\"") {
                p += 1
            } else if matches(Scanner.quoteEntity, at: p, before: end) {
                entity = p
                p += Scanner.quoteEntity.count
            } else {
                return false
            }
            return true
        }

        /// Whether the `&quot;` at `index` opens a link's title, `](destination &quot;title")`, the `"` after
        /// it being at `closedAt`.
        private func opensTitle(at index: Int, lineStart: Int, closedAt: Int, targetEnd: Int) -> Bool {
            var j = index - 1
            guard j > lineStart, Scanner.isSpace(body[j]) else { return false }
            while j > lineStart, Scanner.isSpace(body[j]) { j -= 1 }
            let destinationEnd = j
            while j > lineStart, !Scanner.isSpace(body[j]), body[j] != UInt8(ascii: "("), body[j] != UInt8(ascii: ")") { j -= 1 }
            guard j < destinationEnd, j > lineStart, body[j] == UInt8(ascii: "("), body[j - 1] == UInt8(ascii: "]") else { return false }
            return closedAt + 1 < targetEnd && body[closedAt + 1] == UInt8(ascii: ")")
        }

        // MARK: `|` in a unit on a table row

        private enum Group {
            case target(String)
            case lookup(String?)
        }

        /// Escapes every `|` inside a unit's target span or its lookup span on one table row, when that
        /// span is closed on the row; one finding per unit.
        mutating func pipes(line: Int, _ start: Int, _ end: Int) {
            guard firstIndex(of: Array("<span".utf8), from: start, before: end) != nil else { return }
            var depth = 0
            var group: Group?
            var lastTarget: String?
            var pending: [Int] = []
            var reported: Set<String> = []
            var i = start
            while i < end {
                let byte = body[i]
                if byte == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                if byte == UInt8(ascii: "<") {
                    if matches(Array("</span>".utf8), at: i, before: end) {
                        if depth > 0 {
                            depth -= 1
                            if depth == 0 {
                                commit(&pending, group: group, lastTarget: lastTarget, reported: &reported, line: line, lineStart: start)
                                group = nil
                            }
                        }
                        i += 7
                        continue
                    }
                    if matches(Array("<span".utf8), at: i, before: end), i + 5 < end,
                       Scanner.isSpace(body[i + 5]) || body[i + 5] == UInt8(ascii: ">") {
                        let tagEnd = firstIndex(of: [UInt8(ascii: ">")], from: i, before: end) ?? end - 1
                        let tag = String(decoding: UnsafeBufferPointer(rebasing: body[(i + 5)..<tagEnd]), as: UTF8.self)
                        let attributes = HTMLTag.attributes(in: tag[...])
                        if depth == 0 {
                            if let id = attributes.first(where: { $0.name == "data-ttu-id" })?.value {
                                group = .target(id)
                                lastTarget = id
                            } else if attributes.contains(where: { $0.name == "class" && $0.value == "sxs-lookup" }) {
                                group = .lookup(nil)
                            }
                        } else if case .lookup(nil) = group, let id = attributes.first(where: { $0.name == "data-stu-id" })?.value {
                            group = .lookup(id)
                        }
                        depth += 1
                        i = tagEnd + 1
                        continue
                    }
                }
                if byte == UInt8(ascii: "|"), depth > 0, group != nil { pending.append(i) }
                i += 1
            }
        }

        private mutating func commit(_ pending: inout [Int], group: Group?, lastTarget: String?, reported: inout Set<String>,
                                     line: Int, lineStart: Int) {
            defer { pending = [] }
            guard let group, let first = pending.first else { return }
            let id: String
            switch group {
            case .target(let target): id = target
            case .lookup(let source): id = source ?? lastTarget ?? ""
            }
            for offset in pending {
                edits.append(Edit(offset: offset, kind: .escape(line: line, column: offset - lineStart + 1)))
            }
            guard reported.insert(id).inserted else { return }
            findings.append(InlineAssembler.Finding(
                code: .pipeInUnit, location: location(line: line, lineStart: lineStart, first),
                message: "a | inside unit \"\(id)\" would end its table cell here: it is read as a literal |, and the cell keeps the whole unit"))
        }
    }
}

/// Bytes inserted into lines of a body before it was parsed (see `MTRepair`): maps cmark's columns in
/// the edited lines back to the columns as written.
struct ColumnShifts {
    /// Body line (1-based, as cmark counts) → the columns, in the edited line, of the bytes inserted,
    /// ascending.
    var inserted: [Int: [Int]] = [:]

    func column(_ column: Int, line: Int) -> Int {
        guard !inserted.isEmpty, let columns = inserted[line] else { return column }
        // How many inserted bytes stand before `column`: a binary search of the ascending columns.
        var low = 0
        var high = columns.count
        while low < high {
            let middle = (low + high) / 2
            if columns[middle] < column { low = middle + 1 } else { high = middle }
        }
        return column - low
    }
}
