import Foundation

/// The resolve stage's code snippets (DocFX's "Code Snippet" reference and its `HtmlCodeSnippetRenderer`):
/// each `codeSnippet` block's file is read through the build's `PageReader` (the content folder at the
/// edge, contained by `ContentFolder`'s rules: real paths, links, sizes), the named region or the
/// ranges chosen, region markers inside the choice dropped, the lines dedented, and the block becomes
/// a `codeBlock` with its highlighted lines. A snippet that cannot be read stays a `codeSnippet` with
/// its `problem` (a placeholder in every view) and is reported where it is written:
///
/// - DG508 `code-snippet-missing`: the file is not in the content;
/// - DG509 `code-snippet-region-missing`: the region is not in the file, or the lines are past its end;
/// - DG510 `code-snippet-limit`: a file over `maxFileBytes`, more than `maxPerPage` snippets in a page,
///   or more than `maxPageBytes` of their code in one page;
/// - DG208 `outside-content`: a path that leads out of the content folder (not read).
///
/// Paths are relative to the markdown file that names the snippet (an include's snippet to the
/// include); `~/` starts at the docset's folder, `/` at the content folder's top. A path may leave the
/// docset (DocFX reads `~/../` from the repository's top) but never the content. Files are looked up in
/// any letter case, as DocFX on Windows found them, and each is read once per build (within `maxCachedBytes`).
final class CodeSnippets: @unchecked Sendable {
    /// The largest code file a snippet reads: 1 MiB (the ASP.NET Core samples' largest is 0.1 MB).
    static let maxFileBytes = 1 << 20
    /// Snippets resolved in one page, includes counted: 1,000 (the corpora's most: 84).
    static let maxPerPage = 1_000
    /// Code put into one page by its snippets: 8 MiB.
    static let maxPageBytes = 8 << 20
    /// Code files kept in memory for the pages after the first that reads them: 32 MiB.
    static let maxCachedBytes = 32 << 20

    private let files: Set<String>
    private let byLowercasedPath: [String: String]
    private let read: @Sendable (String) -> Result<SourceFile, Diagnostic>
    private let lock = NSLock()
    private var cache: [String: [String]] = [:]
    private var cachedBytes = 0

    /// `files`: the content's files (empty: every path is asked of `read`, as for pages in memory).
    init(files: [String], read: @escaping @Sendable (String) -> Result<SourceFile, Diagnostic>) {
        self.files = Set(files)
        self.read = read
        byLowercasedPath = Dictionary(files.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What one page's snippets have used of the bounds.
    private struct Budget {
        var count = 0
        var bytes = 0
        var reported = false
    }

    /// `page` with its snippets read (`docset`: the docset's folder, `""` for the top), and what could not be.
    func resolve(_ page: Page, docset: String) -> (page: Page, diagnostics: [Diagnostic]) {
        guard page.blocks.contains(where: Self.holdsSnippet) else { return (page, []) }
        var diagnostics: [Diagnostic] = []
        var budget = Budget()
        var resolved = page
        resolved.blocks = blocks(page.blocks, page: page.path, docset: docset, budget: &budget, diagnostics: &diagnostics)
        return (resolved, diagnostics)
    }

    private static func holdsSnippet(_ block: Block) -> Bool {
        if case .codeSnippet(let snippet) = block.kind { return snippet.problem == nil }
        return block.childBlocks.contains(where: holdsSnippet)
    }

    private func blocks(_ blocks: [Block], page: String, docset: String, budget: inout Budget, diagnostics: inout [Diagnostic]) -> [Block] {
        blocks.map { block in
            guard case .codeSnippet(var snippet) = block.kind else {
                return block.mappingChildBlocks { self.blocks($0, page: page, docset: docset, budget: &budget, diagnostics: &diagnostics) }
            }
            guard snippet.problem == nil else { return block }
            if snippet.file.isEmpty { snippet.file = page }
            switch code(of: snippet, docset: docset, budget: &budget) {
            case .success(let code):
                return Block(.codeBlock(code), range: block.range)
            case .failure(let failure):
                snippet.problem = failure.message
                if let code = failure.code {
                    diagnostics.append(Diagnostic(file: snippet.file, location: block.range.start, code: code, stage: .resolve, message: failure.message))
                }
                return Block(.codeSnippet(snippet), range: block.range)
            }
        }
    }

    /// Why a snippet could not be read; `code` nil when the page reported it already (the page's bound).
    private struct Failure: Error {
        var code: DiagnosticCode?
        var message: String
    }

    private func code(of snippet: Block.CodeSnippet, docset: String, budget: inout Budget) -> Result<Block.CodeBlock, Failure> {
        budget.count += 1
        guard budget.count <= Self.maxPerPage, budget.bytes <= Self.maxPageBytes else {
            defer { budget.reported = true }
            return .failure(Failure(code: budget.reported ? nil : .codeSnippetLimit,
                                    message: "the page's code snippets are more than \(Self.maxPerPage) or hold more than \(Self.maxPageBytes) bytes: this one and the ones after it are not read"))
        }
        guard let path = Self.contentPath(snippet.source, from: snippet.file, docset: docset) else {
            return .failure(Failure(code: .outsideContent, message: "the code snippet path \(snippet.source) leads out of the content folder: it is not read"))
        }
        let actual = files.isEmpty || files.contains(path) ? path : byLowercasedPath[path.lowercased()]
        guard let actual else {
            return .failure(Failure(code: .codeSnippetMissing, message: "the code snippet file \(path) does not exist"))
        }
        let lines: [String]
        switch load(actual) {
        case .success(let loaded): lines = loaded
        case .failure(let failure): return .failure(failure)
        }
        let selected: [String]
        switch Self.select(snippet, in: lines) {
        case .success(let chosen): selected = chosen
        case .failure(let why): return .failure(Failure(code: .codeSnippetRegionMissing, message: "the code snippet file \(actual) \(why.message)"))
        }
        let code = Self.dedented(selected, by: snippet.dedent).joined(separator: "\n") + "\n"
        budget.bytes += code.utf8.count
        return .success(Block.CodeBlock(info: snippet.language, code: code, highlight: Self.lines(snippet.highlight, count: selected.count)))
    }

    /// The file's lines, read once (within `maxCachedBytes`).
    private func load(_ path: String) -> Result<[String], Failure> {
        if let lines = lock.withLock({ cache[path] }) { return .success(lines) }
        let file: SourceFile
        switch read(path) {
        case .success(let read): file = read
        case .failure(let diagnostic):
            if diagnostic.code == .unreadableFile, files.isEmpty {
                return .failure(Failure(code: .codeSnippetMissing, message: "the code snippet file \(path) does not exist"))
            }
            return .failure(Failure(code: diagnostic.code, message: "the code snippet file \(path): \(diagnostic.message)"))
        }
        guard file.bytes.count <= Self.maxFileBytes else {
            return .failure(Failure(code: .codeSnippetLimit,
                                    message: "the code snippet file \(path) is \(file.bytes.count) bytes, more than the \(Self.maxFileBytes) a snippet reads: it is not read"))
        }
        // Lines as .NET's `ReadLine` gives them (DocFX's): CRLF, CR and LF each end one.
        let text = file.decoded().text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        lock.withLock {
            if cachedBytes + file.bytes.count <= Self.maxCachedBytes {
                cachedBytes += file.bytes.count
                cache[path] = lines
            }
        }
        return .success(lines)
    }

    /// The content path `source` names from `file` (a content path), or nil when it leaves the content:
    /// `~/` by the build's one rule for it (`LinkResolver.docsetRootedPath`), the rest by its segment
    /// resolver (`LinkResolver.resolved`); `%20` and the like decoded.
    static func contentPath(_ source: String, from file: String, docset: String) -> String? {
        let path: String?
        if source.hasPrefix("~/") || source.hasPrefix("~\\") {
            path = LinkResolver.docsetRootedPath(source, docset: docset)
        } else {
            let base = source.utf8.first == UInt8(ascii: "/") || source.utf8.first == UInt8(ascii: "\\") ? [] : PathText.folders(of: file)
            path = LinkResolver.resolved(source, from: base)?.joined(separator: "/")
        }
        guard let path, !path.isEmpty, !path.hasSuffix("/") else { return nil }
        return path.removingPercentEncoding ?? path
    }

    // MARK: Choosing lines (DocFX's `GetContent`, `GetCodeLines`)

    struct NotFound: Error { var message: String }

    /// The lines the snippet shows: its region (markers of any region inside it dropped), else its
    /// ranges, else the whole file.
    static func select(_ snippet: Block.CodeSnippet, in lines: [String]) -> Result<[String], NotFound> {
        if let region = snippet.region {
            let name = region.lowercased()
            for extractor in RegionMarkers.extractors(for: snippet.language) {
                let (regions, markerLines) = extractor.regions(in: lines)
                guard let found = regions[name] ?? regions["snippet" + name] else { continue }
                guard let end = found.end else { return .failure(NotFound(message: "has the start of region \"\(region)\" (line \(found.start - 1)) and no end")) }
                let chosen = pick([Block.LineRange(start: found.start, end: end)], from: lines, skipping: markerLines)
                guard !chosen.isEmpty else { return .failure(NotFound(message: "has nothing in region \"\(region)\"")) }
                return .success(chosen)
            }
            return .failure(NotFound(message: "has no region \"\(region)\" (markers for \(snippet.language.isEmpty ? "its language" : snippet.language))"))
        }
        if snippet.ranges.isEmpty { return .success(lines) }
        let chosen = pick(snippet.ranges, from: lines, skipping: [])
        guard !chosen.isEmpty else {
            return .failure(NotFound(message: "has \(lines.count) lines: lines \(snippet.ranges.map(\.written).joined(separator: ",")) are past its end"))
        }
        return .success(chosen)
    }

    private static func pick(_ ranges: [Block.LineRange], from lines: [String], skipping: Set<Int>) -> [String] {
        var chosen: [String] = []
        for range in ranges {
            let first = max(range.start - 1, 0)
            let end = min(range.end ?? lines.count, lines.count)
            guard first < end else { continue }
            for index in first..<end where !skipping.contains(index) { chosen.append(lines[index]) }
        }
        return chosen
    }

    /// Leading tabs made spaces (to stops of 4), then `dedent` spaces taken off each line, or the
    /// lines' common indent when it is nil (blank lines aside), as DocFX does.
    static func dedented(_ lines: [String], by dedent: Int?) -> [String] {
        var common = Int.max
        let expanded = lines.map { line -> String in
            guard !line.isEmpty else { return line }
            var indent = 0
            var index = line.startIndex
            while index < line.endIndex, line[index] == " " || line[index] == "\t" {
                indent = line[index] == " " ? indent + 1 : (indent + 4) & ~3
                index = line.index(after: index)
            }
            common = min(common, indent)
            return String(repeating: " ", count: indent) + line[index...]
        }
        let remove = dedent ?? (common == .max ? 0 : common)
        return expanded.map { line in
            var index = line.startIndex
            var taken = 0
            while taken < remove, index < line.endIndex, line[index] == " " { index = line.index(after: index); taken += 1 }
            return String(line[index...])
        }
    }

    /// Highlight ranges as line numbers of the shown snippet (1-based, ascending, within it).
    static func lines(_ ranges: [Block.LineRange], count: Int) -> [Int] {
        var set = IndexSet()
        for range in ranges {
            let end = min(range.end ?? count, count)
            if range.start <= end { set.insert(integersIn: range.start...end) }
        }
        return Array(set)
    }
}

/// How each language marks a region of a sample (DocFX's `CodeSnippetExtractor` templates), found by
/// the marker lines' text with whitespace ignored and names in any letter case:
/// `// <name>` … `// </name>` (C-family), `#region name` … `#endregion` (C#, VB's `#Region "name"`),
/// `' <name>` (VB), `<!-- <name> -->` (XML, HTML), `-- <name>` (SQL), `# <name>` (Python,
/// PowerShell, shells, YAML), `rem <name>` (batch), `% <name>`, `; <name>`, `/* <name> */` (CSS).
struct RegionMarkers {
    let startBefore: String, startAfter: String
    let endBefore: String, endAfter: String
    /// The end marker names its region (`// </name>`); else it closes the last one opened (`#endregion`).
    let endNamed: Bool

    static let cFamily = RegionMarkers(startBefore: "//<", startAfter: ">", endBefore: "//</", endAfter: ">", endNamed: true)
    static let region = RegionMarkers(startBefore: "#region", startAfter: "", endBefore: "#endregion", endAfter: "", endNamed: false)
    static let basic = RegionMarkers(startBefore: "'<", startAfter: ">", endBefore: "'</", endAfter: ">", endNamed: true)
    static let markup = RegionMarkers(startBefore: "<!--<", startAfter: ">-->", endBefore: "<!--</", endAfter: ">-->", endNamed: true)
    static let sql = RegionMarkers(startBefore: "--<", startAfter: ">", endBefore: "--</", endAfter: ">", endNamed: true)
    static let script = RegionMarkers(startBefore: "#<", startAfter: ">", endBefore: "#</", endAfter: ">", endNamed: true)
    static let batch = RegionMarkers(startBefore: "rem<", startAfter: ">", endBefore: "rem</", endAfter: ">", endNamed: true)
    static let erlang = RegionMarkers(startBefore: "%<", startAfter: ">", endBefore: "%</", endAfter: ">", endNamed: true)
    static let lisp = RegionMarkers(startBefore: ";<", startAfter: ">", endBefore: ";</", endAfter: ">", endNamed: true)
    static let css = RegionMarkers(startBefore: "/*<", startAfter: ">*/", endBefore: "/*</", endAfter: ">*/", endNamed: true)
    static let all = [cFamily, region, basic, markup, sql, script, batch, erlang, lisp, css]

    /// The markers a language's samples use, in the order they are tried; every kind for a language
    /// DocFX does not know (as it does).
    static func extractors(for language: String) -> [RegionMarkers] {
        let name = language.lowercased()
        let canonical = aliases[name] ?? name
        return byLanguage[canonical] ?? all
    }

    private static let byLanguage: [String: [RegionMarkers]] = {
        var table: [String: [RegionMarkers]] = [:]
        func add(_ languages: [String], _ markers: RegionMarkers) { for language in languages { table[language, default: []].append(markers) } }
        add(["vb", "vbhtml"], basic)
        add(["actionscript", "arduino", "assembly", "cpp", "csharp", "cshtml", "cuda", "d", "fsharp", "go", "java", "javascript", "objectivec",
             "pascal", "php", "processing", "react", "rust", "scala", "smalltalk", "swift", "typescript", "kotlin", "razor"], cFamily)
        add(["xml", "xaml", "handlebars", "html", "cshtml", "php", "react", "ruby", "vbhtml", "razor"], markup)
        add(["haskell", "lua", "sql"], sql)
        add(["perl", "powershell", "python", "r", "ruby", "shell", "yaml", "dockerfile"], script)
        add(["batchfile"], batch)
        add(["csharp", "cshtml", "razor", "vb", "vbhtml"], region)
        add(["erlang", "matlab"], erlang)
        add(["lisp"], lisp)
        add(["css"], css)
        return table
    }()

    private static let aliases: [String: String] = [
        "cs": "csharp", "c#": "csharp", "aspx-cs": "cshtml", "aspx-csharp": "cshtml", "aspx-vb": "vbhtml",
        "vbnet": "vb", "vbscript": "vb", "bas": "vb", "vbs": "vb", "vba": "vb",
        "js": "javascript", "node": "javascript", "json": "javascript", "ts": "typescript", "tsx": "react",
        "py": "python", "ps1": "powershell", "posh": "powershell", "sh": "shell", "bash": "shell", "yml": "yaml",
        "c": "cpp", "c++": "cpp", "h": "cpp", "hpp": "cpp", "cc": "cpp", "objective-c": "objectivec", "objc": "objectivec", "m": "objectivec",
        "xsl": "xml", "xslt": "xml", "xsd": "xml", "wsdl": "xml", "csdl": "xml", "edmx": "xml", "jsp": "html", "asp": "html", "aspx": "html", "ascx": "html",
        "rb": "ruby", "erb": "ruby", "ru": "ruby", "fs": "fsharp", "fsi": "fsharp", "fsx": "fsharp", "bat": "batchfile", "cmd": "batchfile",
        "erl": "erlang", "lsp": "lisp", "rs": "rust", "golang": "go", "pl": "perl", "hs": "haskell", "pas": "pascal", "ino": "arduino", "as": "actionscript",
    ]

    /// Every region of `lines` by its name in lower case: `start` is the first line inside it, `end`
    /// the last (1-based; nil when it has no end); and the indices of every marker line.
    func regions(in lines: [String]) -> (regions: [String: (start: Int, end: Int?)], markers: Set<Int>) {
        var regions: [String: (start: Int, end: Int?)] = [:]
        var markers = Set<Int>()
        var open: [String] = []
        for (index, line) in lines.enumerated() {
            if let name = Self.match(line, endBefore, endAfter, named: endNamed) {
                markers.insert(index)
                let closed = endNamed ? name : (open.popLast() ?? "")
                // The first end counts; the ones after it are left (DocFX).
                if let region = regions[closed], region.end == nil { regions[closed]?.end = index }
                continue
            }
            if let name = Self.match(line, startBefore, startAfter, named: true) {
                markers.insert(index)
                regions[name] = (index + 2, nil)
                open.append(name)
            }
        }
        return (regions, markers)
    }

    /// The name in a marker line (`before`, the name, `after`, whitespace ignored around them), lower
    /// case; "" for an unnamed end; nil when the line is no such marker.
    private static func match(_ line: String, _ before: String, _ after: String, named: Bool) -> String? {
        var chars = line.lowercased()[...]
        for expected in before {
            chars = chars.drop(while: \.isWhitespace)
            guard chars.first == expected else { return nil }
            chars = chars.dropFirst()
        }
        let nameEnd = after.first.flatMap { first in chars.firstIndex(of: first) } ?? chars.endIndex
        var name = chars[..<nameEnd].trimmingCharacters(in: .whitespaces)
        chars = chars[nameEnd...]
        for expected in after {
            chars = chars.drop(while: \.isWhitespace)
            guard chars.first == expected else { return nil }
            chars = chars.dropFirst()
        }
        guard chars.allSatisfy(\.isWhitespace) else { return nil }
        // VB writes `#Region "name"`.
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        guard named else { return "" }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) else { return nil }
        return name
    }
}
