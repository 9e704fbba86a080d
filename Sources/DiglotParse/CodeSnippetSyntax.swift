import DiglotModel
import Foundation

/// DocFX's code snippets as the parse stage reads them (DocFX's "Code Snippet" markdown reference, its
/// `CodeSnippetParser`; Learn's `:::code` from DocFX's triple-colon `CodeExtension`):
///
/// - `[!code-csharp[name](path/file.cs?name=region&range=1-3,5&highlight=2&dedent=4#L1-L3 "title")]`,
///   on a line of its own; `[!code[](file.cs)]` takes its language from the file's extension. The
///   query's items are joined by `&` (DocFX) or `|` (its first flavour); `#L1-L3` is a range, any
///   other `#name` a region; `start=`/`end=` a range too.
/// - `:::code language="csharp" source="path" range="1-3" id="region" highlight="2" interactive="…":::`.
///
/// cmark reads the first as text ending in `[!code-csharp`, a link, and text starting with `]`; a unit
/// whose both sides are such a line acts as the line (as `DocFXContainers` has it for directives). A
/// snippet at the end of a line of text is split off that line (machine and human translations join
/// the snippet's line to the sentence before it); one with text after it stays text.
enum CodeSnippetSyntax {
    /// The snippet a line's inlines are (the line has no break), or nil.
    static func snippet(line inlines: ArraySlice<Inline>, file: String) -> Block.CodeSnippet? {
        if inlines.count == 1, case .unit(let unit) = inlines[inlines.startIndex].kind {
            // The source's snippet counts; the target must be one too (its query may be translated).
            guard let found = snippet(line: unit.source[...], file: file), snippet(line: unit.target[...], file: file) != nil else { return nil }
            return found
        }
        if inlines.count == 3, let (snippet, before, after) = bracketed(inlines[inlines.startIndex], inlines[inlines.startIndex + 1], inlines[inlines.startIndex + 2], file: file),
           before.allSatisfy(\.isWhitespace), after.allSatisfy(\.isWhitespace) {
            return snippet
        }
        guard let text = DocFXContainers.lineText(Array(inlines)) else { return nil }
        return tripleColon(text[...], file: file) ?? written(text[...], file: file)
    }

    /// `[!code-LANG[name](destination)]` as text: a destination cmark takes for no link (it has a
    /// space: `?range=1-3, 5`) is still one for DocFX, which reads up to the `)` before the last `]`.
    static func written(_ line: Substring, file: String) -> Block.CodeSnippet? {
        var text = line.drop(while: \.isWhitespace)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        guard text.count > 8, text.prefix(6).lowercased() == "[!code", text.hasSuffix(")]"),
              let open = text.firstIndex(of: "["), let nameOpen = text[text.index(after: open)...].firstIndex(of: "["),
              let nameClose = text[nameOpen...].firstIndex(of: "]"), text[text.index(after: nameClose)...].first == "(" else { return nil }
        var language = text[text.index(open, offsetBy: 6)..<nameOpen]
        if !language.isEmpty {
            guard language.first == "-" else { return nil }
            language = language.dropFirst()
        }
        var destination = text[text.index(nameClose, offsetBy: 2)..<text.index(text.endIndex, offsetBy: -2)]
        // A title: `(path "title")`.
        if destination.hasSuffix("\""), let quote = destination.dropLast().lastIndex(of: "\"") { destination = destination[..<quote] }
        let trimmed = language.trimmingCharacters(in: .whitespaces)
        guard !trimmed.contains(where: \.isWhitespace), let snippet = fromDestination(String(destination), language: trimmed, file: file),
              !snippet.source.isEmpty, !snippet.source.contains(" ") else { return nil }
        return snippet
    }

    /// Whether an inline may start or hold a snippet, cheaply.
    static func mayHold(_ inline: Inline) -> Bool {
        switch inline.kind {
        case .text(let text): return text.containsBytes("[!") || text.containsBytes(":::")
        case .unit(let unit): return unit.source.contains(where: mayHold)
        default: return false
        }
    }

    /// Text ending in `[!code-LANG`, a link, text starting with `]`: the snippet, and the text before
    /// and after it.
    static func bracketed(_ a: Inline, _ b: Inline, _ c: Inline, file: String) -> (Block.CodeSnippet, before: String, after: String)? {
        guard case .text(let lead) = a.kind, case .link(let link) = b.kind, case .text(let tail) = c.kind, tail.hasPrefix("]"),
              let marker = lead.range(of: "[!code", options: [.caseInsensitive, .backwards]) else { return nil }
        var language = lead[marker.upperBound...]
        if !language.isEmpty {
            guard language.first == "-" else { return nil }
            language = language.dropFirst()
        }
        let trimmed = language.trimmingCharacters(in: .whitespaces)
        guard !trimmed.contains(where: { $0.isWhitespace || $0 == "]" }), var snippet = fromDestination(link.destination, language: trimmed, file: file) else {
            return nil
        }
        if snippet.source.isEmpty { return nil }
        snippet.file = file
        return (snippet, String(lead[..<marker.lowerBound]), String(tail.dropFirst()))
    }

    /// `path?query#bookmark` of a `[!code…]` link (DocFX's `MatchPath`, `MatchQuery`, `TryParseQuery`).
    static func fromDestination(_ destination: String, language: String, file: String) -> Block.CodeSnippet? {
        var rest = Substring(destination)
        let pathEnd = rest.firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex
        let path = rest[..<pathEnd].trimmingCharacters(in: .whitespaces)
        rest = rest[pathEnd...]
        var snippet = Block.CodeSnippet(language: language.isEmpty ? languageOf(path) : language, source: path, file: file)
        var start: Int?
        var end: Int?
        if rest.first == "?" {
            let queryEnd = rest.firstIndex(of: "#") ?? rest.endIndex
            for item in rest.dropFirst()[..<queryEnd].split(whereSeparator: { $0 == "&" || $0 == "|" }) {
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2 else { continue }
                let value = pair[1].trimmingCharacters(in: .whitespaces)
                switch pair[0].trimmingCharacters(in: .whitespaces).lowercased() {
                case "name": snippet.region = value
                case "range": snippet.ranges = lineRanges(value) ?? []
                case "highlight": snippet.highlight = lineRanges(value) ?? []
                case "dedent": snippet.dedent = Int(value).map { min(max($0, 0), 1_000) }
                case "start": start = lineNumber(value)
                case "end": end = lineNumber(value)
                default: continue  // DocFX stops reading the query at an unknown key; the rest is kept here
                }
            }
            rest = rest[queryEnd...]
        }
        if rest.first == "#" {
            let bookmark = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            if let range = bookmarkRange(bookmark) { snippet.ranges = [range] } else if !bookmark.isEmpty { snippet.region = bookmark }
        } else if snippet.ranges.isEmpty, let start {
            snippet.ranges = [Block.LineRange(start: start, end: end ?? start)]
        }
        return snippet
    }

    /// `:::code source="…" language="…" range="…" id="…" highlight="…" interactive="…":::`.
    static func tripleColon(_ line: Substring, file: String) -> Block.CodeSnippet? {
        var text = line.drop(while: { $0 == " " || $0 == "\t" })
        guard text.hasPrefix(":::") else { return nil }
        text = text.dropFirst(3).drop(while: { $0 == " " })
        guard text.hasPrefix("code"), text.dropFirst(4).first.map({ $0 == " " || $0 == "\t" }) == true else { return nil }
        text = text.dropFirst(4)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        if text.hasSuffix(":::") { text = text.dropLast(3) }
        let attributes = HTMLTag.attributes(in: text)
        func value(_ key: String) -> String? { attributes.first { $0.name.lowercased() == key }?.value }
        guard let source = value("source")?.trimmingCharacters(in: .whitespaces), !source.isEmpty else { return nil }
        let language = value("language").flatMap { $0.isEmpty ? nil : $0 } ?? languageOf(source)
        return Block.CodeSnippet(language: language, source: source, file: file, region: value("id").flatMap { $0.isEmpty ? nil : $0 },
                                 ranges: value("range").flatMap(lineRanges) ?? [], highlight: value("highlight").flatMap(lineRanges) ?? [],
                                 interactive: value("interactive").flatMap { $0.isEmpty ? nil : $0 })
    }

    // MARK: Line numbers

    /// The most lines a range names (a bound on what a written number can make the build do).
    static let maxLine = 10_000_000

    /// `1-3,5,7-` (DocFX's `TryGetLineRanges`); nil when any part is not one.
    static func lineRanges(_ text: String) -> [Block.LineRange]? {
        var ranges: [Block.LineRange] = []
        for part in text.split(separator: ",") {
            guard let range = lineRange(part.trimmingCharacters(in: .whitespaces)[...], prefix: false) else { return nil }
            ranges.append(range)
        }
        return ranges.isEmpty ? nil : ranges
    }

    /// `L1-L3`, `L5` (a bookmark, DocFX's `TryGetLineRange` with `L`).
    static func bookmarkRange(_ text: String) -> Block.LineRange? { lineRange(text[...], prefix: true) }

    private static func lineRange(_ text: Substring, prefix: Bool) -> Block.LineRange? {
        let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2 else { return nil }
        func number(_ part: Substring) -> Int?? {
            if part.isEmpty { return .some(nil) }
            var digits = part
            if prefix {
                guard digits.first == "L" || digits.first == "l" else { return nil }
                digits = digits.dropFirst()
            }
            return lineNumber(String(digits)).map { .some($0) }
        }
        guard let first = number(parts[0]) else { return nil }
        let start = first ?? 1
        guard parts.count == 2 else { return first == nil ? nil : Block.LineRange(start: start, end: start) }
        guard let last = number(parts[1]) else { return nil }
        return Block.LineRange(start: start, end: last)
    }

    private static func lineNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy(\.isASCII), let n = Int(text), n >= 0 else { return nil }
        return min(max(n, 1), maxLine)
    }

    // MARK: Languages

    /// The language of a file by its extension, as DocFX's table names it (`cs` → `csharp`), else
    /// the extension itself ("" for none).
    static func languageOf(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        let ext = name[name.index(after: dot)...].lowercased()
        return languageByExtension[ext] ?? ext
    }

    private static let languageByExtension: [String: String] = [
        "cs": "csharp", "vb": "vb", "fs": "fsharp", "fsx": "fsharp", "py": "python", "js": "javascript", "ts": "typescript", "tsx": "typescript",
        "ps1": "powershell", "sh": "bash", "bat": "batchfile", "cmd": "batchfile", "rb": "ruby", "rs": "rust", "kt": "kotlin",
        "h": "cpp", "hpp": "cpp", "cc": "cpp", "c": "cpp", "cpp": "cpp", "yml": "yaml", "md": "markdown", "htm": "html",
        "xsd": "xml", "xsl": "xml", "xslt": "xml", "csproj": "xml", "config": "xml", "props": "xml", "targets": "xml",
    ]
}
