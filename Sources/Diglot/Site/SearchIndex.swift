/// The offline search. Each language's view folder gets `search-index.js`, a script that hands every
/// page's path, title and text to `assets/diglot.js`:
///
///     DiglotSearch.receive([
///     ["partner-center/x.html","Título","El texto de la página…"],
///     …]);
///
/// A script, not JSON: `fetch` is refused for `file://` pages, a `<script src>` is not, so the search
/// works in a site opened from disk. The page loads it when the search box is first used. Matching is
/// done in the browser on the whole text (accents and case folded, every query word a substring), so a
/// Japanese query of two characters finds its page though Japanese writes no spaces between words.
/// The side-by-side view searches the translation's index and links to its own pages.
enum SearchIndex {
    static let fileName = "search-index.js"

    /// One page's entry, a JSON array and a newline, as UTF-8.
    static func entry(path: String, title: String, blocks: [Block], side: TextSide) -> [UInt8] {
        var writer = SearchTextWriter(side: side)
        writer.out.append(contentsOf: "[\"".utf8)
        for field in [path, title] {
            writer.atFieldStart = true
            writer.appendEscaped(field)
            writer.out.append(contentsOf: "\",\"".utf8)
        }
        writer.atFieldStart = true
        writer.walk(blocks)
        writer.out.append(contentsOf: "\"],\n".utf8)
        return writer.out
    }

    /// The index file of a view folder from its pages' entries, in page order.
    static func file(folder: String, entries: [[UInt8]]) -> OutputFile {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.reduce(64) { $0 + $1.count })
        bytes.append(contentsOf: "DiglotSearch.receive([\n".utf8)
        for entry in entries { bytes.append(contentsOf: entry) }
        bytes.append(contentsOf: "]);\n".utf8)
        return OutputFile(path: folder + "/" + fileName, bytes: bytes)
    }
}

/// Writes the text of one side of a page as the inside of a JSON string: markup dropped, whitespace
/// collapsed to single spaces, one space between blocks. Raw HTML tags are left out (block tags and
/// breaks separate words); text between them is kept.
struct SearchTextWriter: ModelWalker {
    let side: TextSide
    var out: [UInt8] = []
    var pendingSpace = false
    /// No space before the first character of a field.
    var atFieldStart = true

    init(side: TextSide) {
        self.side = side
        out.reserveCapacity(8_192)
    }

    mutating func visit(_ block: Block) {
        switch block.kind {
        case .codeBlock(let code):
            appendEscaped(code.code)
        case .figure(let figure):
            appendEscaped(figure.altText)
        default:
            descend(into: block)
        }
        pendingSpace = true
    }

    mutating func visit(_ inline: Inline) {
        switch inline.kind {
        case .text(let text), .code(let text):
            appendEscaped(text)
        case .html(let raw):
            // A block tag or a break separates words (`línea<br>Segunda`); an inline one (`<a>`, `</b>`)
            // does not. Text between tags is kept.
            if raw.utf8.first == UInt8(ascii: "<") {
                if !Self.isInlineTag(raw) { pendingSpace = true }
            } else {
                appendEscaped(HTMLText.textContent(ofRawHTML: raw))
            }
        case .softBreak, .lineBreak:
            pendingSpace = true
        case .unit(let unit):
            walk(side == .source ? unit.source : unit.target)
        default:
            descend(into: inline)
        }
    }

    private static let inlineTags: Set<String> = ["a", "abbr", "b", "code", "em", "font", "i", "kbd", "mark", "s", "small", "span", "strong", "sub", "sup", "u"]

    private static func isInlineTag(_ raw: String) -> Bool {
        let name = raw.utf8.dropFirst().drop { $0 == UInt8(ascii: "/") }.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
        return inlineTags.contains(String(decoding: name, as: UTF8.self).lowercased())
    }

    /// Appends text escaped for a JSON string, with runs of whitespace as one space.
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            // Runs of ordinary bytes are copied at once; whitespace, quotes and backslashes break them.
            var runStart = 0
            var index = 0
            func flush(_ end: Int) {
                guard end > runStart else { return }
                if pendingSpace, !atFieldStart { out.append(0x20) }
                pendingSpace = false
                atFieldStart = false
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
            }
            let count = bytes.count
            guard let base = bytes.baseAddress else { return }
            while index < count {
                let byte = base[index]
                if byte > UInt8(ascii: " "), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != 0x7F {
                    index += 1
                    continue
                }
                flush(index)
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    if pendingSpace, !atFieldStart { out.append(0x20) }
                    pendingSpace = false
                    atFieldStart = false
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                } else if byte <= 0x20 {
                    pendingSpace = true  // spaces, tabs, newlines; other control characters count as space too
                }
                index += 1
                runStart = index
            }
            flush(bytes.count)
        }
    }
}
