import DiglotContent
import DiglotModel
import Foundation

/// A page and what the parse stage found wrong with it.
public struct ParsedPage: Sendable {
    public var page: Page
    public var diagnostics: [Diagnostic]
    /// How many translation units the page holds.
    public var unitCount: Int = 0
    /// False for a file that is not a page Diglot builds (a YAML page of another type).
    public var supported: Bool = true
}

private struct UnitCounter: ModelWalker {
    var count = 0

    mutating func visit(_ inline: Inline) {
        if case .unit = inline.kind { count += 1 }
        descend(into: inline)
    }
}

/// The parse stage: bytes → checked UTF-8 → front matter (Yams) + body (cmark-gfm) → model page.
/// It never throws: every problem is a diagnostic, and a page always comes out.
public enum PageParser {
    /// Lines longer than this many bytes are reported (they parse all the same).
    public static let longLineLimit = 100_000

    /// The most table work a page may ask of cmark-gfm: the sum over its lines of the square of the
    /// `|` on each line, 4,000,000. Debian's cmark-gfm 0.29.0.gfm.6 parses a table row in time
    /// quadratic in its cells (a row of 50,000 cells took 13 s; later cmark-gfm releases cap the
    /// cells), so a page past this is parsed without the table extension, its tables left as text,
    /// and reported (DG214). The corpora's largest page sum is 8,789.
    public static let maxTableCost = 4_000_000
    /// The most paragraph text cmark-gfm's table extension may re-read: the sum, over every line that
    /// looks like a table's delimiter row (after its block quote markers, only `|`, `-`, `:` and
    /// spaces, tabs, vertical tabs and form feeds, with a `-`), of the bytes of the paragraph above
    /// it, 1,000,000. For each such line Debian's cmark-gfm 0.29.0.gfm.6 reads the whole paragraph
    /// again as a possible header row, so `a|b|c` followed by 8,000 lines alternating `|-|` and
    /// `|-|-|` (40 KB, no table ever forms) took 5.5 s. A page past this is read without the table extension (DG214). The corpora's
    /// largest sum is 16,348 (`business-central/readiness/readiness-learning-bus-users.md`, de-DE).
    public static let maxDelimiterRowCost = 1_000_000
    /// The most `[` a page may hold: 20,000. Debian's cmark-gfm 0.29.0.gfm.6 is quadratic on some runs
    /// of brackets (`![[]()` 20,000 times took 2.4 s, 40,000 times 25 s; fixed upstream in 0.29.0.gfm.7),
    /// so a page past this is not given to cmark-gfm: its text is shown as it is, in one code block,
    /// and reported (DG214). The corpora's most in a page is 1,363.
    public static let maxBrackets = 20_000
    /// The most work a page may ask of cmark-gfm's autolink extension: the sum, over every `www.`, of
    /// the length of the run of non-blank text from it, 20,000,000. The extension scans that run for
    /// each `www.` in it, so `www.a_` written 20,000 times without a space took 14 s (Debian's
    /// 0.29.0.gfm.6). A page past this is read without bare-URL autolinks (DG214). The corpora's most:
    /// 3,470 (`partner-center/reg-number-id.md`, es-ES).
    public static let maxAutolinkCost = 20_000_000

    /// The autolink work of `buffer` (see `maxAutolinkCost`), counted until it passes the bound, so
    /// the count itself takes at most that many steps.
    static func autolinkCost(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress, buffer.count >= 4 else { return 0 }
        var cost = 0
        var at = 0
        while at + 4 <= buffer.count, let hit = memchr(base + at, Int32(UInt8(ascii: "w")), buffer.count - at - 3) {
            let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            at = i + 1
            guard base[i + 1] == UInt8(ascii: "w"), base[i + 2] == UInt8(ascii: "w"), base[i + 3] == UInt8(ascii: ".") else { continue }
            var end = i + 4
            while end < buffer.count, base[end] > 0x20, cost + (end - i) <= maxAutolinkCost { end += 1 }
            cost += end - i
            if cost > maxAutolinkCost { return cost }
        }
        return cost
    }

    public static func parse(_ file: SourceFile) -> ParsedPage {
        var diagnostics: [Diagnostic] = []
        func report(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String, stage: Stage = .parse) {
            diagnostics.append(Diagnostic(file: file.path, location: location, code: code, stage: stage, message: message))
        }

        var bytes = file.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            report(.emptyPage, SourceLocation(line: 1, column: 1), "the page is empty", stage: .load)
            return ParsedPage(page: Page(path: file.path, metadata: Metadata(), blocks: []), diagnostics: diagnostics)
        }

        // UTF-8 checked, lone CRs made line ends: the same rule as every other file the build reads.
        let (text, problems) = file.decoded()
        diagnostics += problems
        if let (line, length) = longestLine(bytes), length > longLineLimit {
            report(.longLine, SourceLocation(line: line, column: 1), "line \(line) is \(length) bytes long; it is built as it is", stage: .load)
        }

        // A DocFX YAML page (`### YamlMime:…`).
        if file.path.lowercased().hasSuffix(".yml") || file.path.lowercased().hasSuffix(".yaml") {
            let type = YamlPageParser.mimeType(text[...]) ?? ""
            guard YamlPageParser.supported.contains(type) else {
                report(.unsupportedPageType, SourceLocation(line: 1, column: 1),
                       type.isEmpty ? "a YAML file with no ### YamlMime line is not a page" : "YamlMime:\(type) pages are not supported; the page is left out")
                return ParsedPage(page: Page(path: file.path, metadata: Metadata(), blocks: []), diagnostics: diagnostics, unitCount: 0, supported: false)
            }
            let page = YamlPageParser.parse(text, path: file.path, type: type) { report($0, $1, $2) }
            var units = 0
            var counter = UnitCounter()
            counter.walk(page.blocks)
            units = counter.count
            return ParsedPage(page: page, diagnostics: diagnostics.sortedForReport(), unitCount: units)
        }
        let split = FrontMatter.split(text)
        var metadata = Metadata()
        if split.unclosed {
            report(.unclosedFrontMatter, SourceLocation(line: 1, column: 1), "the front matter opened on line 1 is never closed with ---; the page is read as markdown")
        } else if let yaml = split.yaml {
            let (read, problem) = FrontMatter.metadata(yaml, firstLine: split.yamlLine)
            metadata = read
            if let problem { report(problem.isLimit ? .yamlLimit : .malformedFrontMatter, problem.location, problem.message) }
        }

        var body = String(text[split.bodyStart...])
        if split.yaml != nil, body.allSatisfy(\.isWhitespace) {
            report(.noContent, SourceLocation(line: split.bodyLineOffset, column: 1), "the page has front matter but no content")
        }
        var findings: [InlineAssembler.Finding] = []
        var unitStarts: [(id: String, location: SourceLocation)] = []
        let blocks = body.withUTF8 {
            CommonMarkConverter.blocks(from: $0, lineOffset: split.bodyLineOffset, file: file.path, findings: &findings, unitStarts: &unitStarts)
        }
        for finding in findings { report(finding.code, finding.location, finding.message) }

        let page = Page(path: file.path, metadata: metadata, blocks: blocks)
        // Each id's first place, kept as it is met (a search back for each repeat was quadratic: 50,000
        // repeats of one id took most of a minute).
        var first: [String: SourceLocation] = Dictionary(minimumCapacity: unitStarts.count)
        for (id, location) in unitStarts {
            if let earlier = first[id] {
                report(.duplicateUnitId, location, "unit id \"\(id)\" is used again (first at \(earlier))")
            } else {
                first[id] = location
            }
        }
        return ParsedPage(page: page, diagnostics: diagnostics.sortedForReport(), unitCount: unitStarts.count)
    }

    /// The sum over the lines of the square of their `|` count, and the line (1-based) with the most;
    /// nil when there is no `|`. memchr finds each `|` and each line end, so most text is skipped.
    static func tableCost(_ buffer: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
        var at = 0
        var cost = 0
        var line = 1
        var countOnLine = 0
        var widest = (line: 0, count: 0)
        func endLine() {
            cost += countOnLine * countOnLine
            if countOnLine > widest.count { widest = (line, countOnLine) }
            countOnLine = 0
        }
        while at < buffer.count, let pipe = memchr(base + at, Int32(UInt8(ascii: "|")), buffer.count - at) {
            let index = UnsafeRawPointer(pipe) - UnsafeRawPointer(base)
            // Line ends between the last `|` and this one.
            var scan = at
            while scan < index, let newline = memchr(base + scan, 0x0A, index - scan) {
                endLine()
                line += 1
                scan = UnsafeRawPointer(newline) - UnsafeRawPointer(base) + 1
            }
            countOnLine += 1
            at = index + 1
        }
        endLine()
        return widest.count == 0 ? nil : (cost, widest.line)
    }

    /// The table extension's re-reading of paragraphs (see `maxDelimiterRowCost`), counted until it
    /// passes the bound, and the line (1-based) where it does (0 when it does not). A line is blank,
    /// and ends a paragraph, when nothing but spaces and tabs is left of it after its block quote
    /// markers, as in cmark-gfm; list markers are text here (a line `1` or `*` continues the
    /// paragraph, and a list item that starts one ends it, which only counts more).
    static func delimiterRowCost(_ buffer: UnsafeBufferPointer<UInt8>) -> (cost: Int, line: Int) {
        guard let base = buffer.baseAddress else { return (0, 0) }
        var cost = 0, paragraph = 0, line = 0
        var start = 0
        while start < buffer.count, cost <= maxDelimiterRowCost {
            line += 1
            let end = memchr(base + start, 0x0A, buffer.count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? buffer.count
            var at = start
            // Block quote markers, and the blanks between them.
            scan: while at < end {
                switch base[at] {
                case 0x20, 0x09, 0x0D, UInt8(ascii: ">"): at += 1
                default: break scan
                }
            }
            var blank = true, looksLikeDelimiters = false
            row: while at < end {
                switch base[at] {
                case 0x20, 0x09, 0x0D: break
                case 0x0B, 0x0C: blank = false  // blanks in a delimiter row (cmark-gfm's spacechar), not in a blank line
                case UInt8(ascii: "-"): blank = false; looksLikeDelimiters = true
                case UInt8(ascii: "|"), UInt8(ascii: ":"): blank = false
                default: blank = false; looksLikeDelimiters = false; break row
                }
                at += 1
            }
            if blank {
                paragraph = 0
            } else {
                if looksLikeDelimiters { cost += paragraph }
                paragraph += end - start + 1
            }
            start = end + 1
        }
        return (cost, cost > maxDelimiterRowCost ? line : 0)
    }

    /// The longest line's number and length in bytes.
    static func longestLine(_ bytes: ArraySlice<UInt8>) -> (Int, Int)? {
        bytes.withUnsafeBufferPointer { buffer -> (Int, Int)? in
            guard let base = buffer.baseAddress else { return nil }
            var best = (1, 0)
            var line = 1
            var start = 0
            while start <= buffer.count {
                let rest = buffer.count - start
                let found = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
                let end = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? buffer.count
                if end - start > best.1 { best = (line, end - start) }
                guard found != nil else { break }
                line += 1
                start = end + 1
            }
            return best
        }
    }
}

