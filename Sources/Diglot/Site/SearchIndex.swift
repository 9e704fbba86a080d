import Foundation

/// The offline search. Each docset's folder in each language's view gets `search-index.js` (see
/// `SiteLayout.searchIndexPath`), a script that hands every page's path (relative to the view's
/// folder), title and text to `assets/diglot.js`:
///
///     DiglotSearch.receive([
///     ["partner-center/x.html","Título","El texto de la página…"],
///     …]);
///
/// A script, not JSON: `fetch` is refused for `file://` pages, a `<script src>` is not, so the search
/// works in a site opened from disk. The page loads it when the search box is first used. Matching is
/// done in the browser on the whole text (accents and case folded, every query word a substring), so a
/// Japanese query of two characters finds its page though Japanese writes no spaces between words.
/// The side-by-side view searches the translation's index and links to its own pages. A page loads
/// its docset's index; the start page loads every docset's (`data-index` lists them, space-separated).
///
/// An index of many pages is written in parts (`parts(of:)`), so that a one-page edit rewrites one
/// part, not the docset's whole index (issue 12: 4.4 MB of partner-center's two indexes on every
/// edit, and on every upload of the site after it). The first part is `search-index.js`; it names how
/// many there are, `DiglotSearch.receive([…],3);`, and the script loads the others beside it,
/// `search-index-1.js` and `search-index-2.js`, before its first search. An index of one part is
/// written as before.
enum SearchIndex {
    static let fileName = "search-index.js"

    /// One page in `pagesPerPart` starts a part (`parts(of:)`), past the first `minPagesPerPart` of one:
    /// partner-center's Spanish index (326 pages) makes 9 parts of 60–690 KB.
    static let pagesPerPart: UInt64 = 32
    /// The fewest pages a part holds (but an index's last), and the most.
    static let minPagesPerPart = 8, maxPagesPerPart = 64

    /// An index's parts: ranges of `paths`, its pages' paths in the view (an entry's first field), in
    /// page order. Content-defined, as rsync and backup tools cut files: a page starts a new part
    /// when the hash of its path (`FastHash`) is a multiple of `pagesPerPart` and the part holds
    /// `minPagesPerPart` pages, or when it holds `maxPagesPerPart`. So adding or removing a page moves
    /// the parts' boundaries only near it (and the first part's count), and a one-page edit rewrites
    /// one part of each index its entry changed in. Empty for no pages.
    static func parts(of paths: [String]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = 0
        for (index, path) in paths.enumerated() where index - start >= minPagesPerPart {
            if index - start >= maxPagesPerPart || FastHash.hash(Array(path.utf8)) % pagesPerPart == 0 {
                parts.append(start..<index)
                start = index
            }
        }
        if !paths.isEmpty { parts.append(start..<paths.count) }
        return parts
    }

    /// The path of an index's part: the index's own (`…/search-index.js`) for the first, else
    /// `…/search-index-N.js` beside it (N from 1).
    static func partPath(_ index: String, part: Int) -> String {
        part == 0 ? index : String(index.dropLast(".js".count)) + "-\(part).js"
    }

    /// The index a file is a part of (its path with `search-index.js` for its name) and which part, or
    /// nil for a file that is no index's part.
    static func part(_ path: String) -> (index: String, part: Int)? {
        let name = PathText.name(of: path), folder = PathText.folder(of: path)
        let index = folder.isEmpty ? fileName : folder + "/" + fileName
        if name == fileName { return (index, 0) }
        let stem = fileName.dropLast(".js".count) + "-"
        guard name.hasPrefix(stem), name.hasSuffix(".js") else { return nil }
        let number = name.dropFirst(stem.count).dropLast(".js".count)
        guard let part = Int(number), part > 0, String(part) == number else { return nil }
        return (index, part)
    }

    /// One page's entry, a JSON array and a newline, as UTF-8. The text is read off the page's HTML in
    /// one language (the English page, or the translation's column of the side-by-side view): a byte
    /// loop over what the renderer already made, cheaper than walking the model again.
    ///
    /// `versions` maps the range of each moniker block of the page (`data-moniker-range`) to the
    /// version the search result opens (DocFX's `?view=`): the text of the block is marked with it,
    /// `\u0001version\u0002` before and `\u0003` after, which the page's script takes out and reads
    /// (a match there says its version and links to the page in that version).
    static func entry(path: String, title: String, html: [UInt8], versions: [String: String] = [:]) -> [UInt8] {
        var writer = SearchTextWriter(capacity: html.count / 2 + path.utf8.count + title.utf8.count + 16)
        writer.versions = versions
        writer.out.append(contentsOf: "[\"".utf8)
        for field in [path, title] {
            writer.atFieldStart = true
            var field = field
            field.withUTF8 { writer.appendText($0) }
            writer.out.append(contentsOf: "\",\"".utf8)
        }
        writer.atFieldStart = true
        html.withUnsafeBufferPointer { writer.appendText(ofHTML: $0) }
        writer.out.append(contentsOf: "\"],\n".utf8)
        return writer.out
    }

    /// What an index file holds before its entries and after them.
    static let fileHead = Array("DiglotSearch.receive([\n".utf8)
    static let fileTail = Array("]);\n".utf8)

    /// What a part holds after its entries: the first of several names how many there are.
    static func tail(part: Int, of parts: Int) -> [UInt8] {
        part == 0 && parts > 1 ? Array("],\(parts));\n".utf8) : fileTail
    }

    /// An index file (or part: `part` of `parts`) from its pages' entries, in page order.
    static func file<Entry: Collection<UInt8>>(path: String, entries: [Entry], part: Int, of parts: Int) -> OutputFile {
        let tail = tail(part: part, of: parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.reduce(fileHead.count + tail.count) { $0 + $1.count })
        bytes.append(contentsOf: fileHead)
        for entry in entries { bytes.append(contentsOf: entry) }
        bytes.append(contentsOf: tail)
        return OutputFile(path: path, bytes: bytes)
    }

    /// The files of an index from its pages' entries (path, entry) in page order: its parts (`parts(of:)`).
    static func files(index: String, entries: [(page: String, entry: [UInt8])]) -> [OutputFile] {
        let parts = parts(of: entries.map(\.page))
        return parts.enumerated().map { part, range in
            file(path: partPath(index, part: part), entries: entries[range].map(\.entry), part: part, of: parts.count)
        }
    }

    /// How many parts a first part names (`],N);`), 1 for an index of one part (`]);`), nil for bytes
    /// that are no index file.
    static func partCount(in bytes: [UInt8]) -> Int? {
        guard bytes.starts(with: fileHead), bytes.last == 0x0A, let lineStart = bytes.dropLast().lastIndex(of: 0x0A) else { return nil }
        let tail = bytes[(lineStart + 1)...]
        if tail.elementsEqual(fileTail) { return 1 }
        guard tail.starts(with: Array("],".utf8)), tail.reversed().starts(with: Array(");\n".utf8).reversed()) else { return nil }
        let number = String(decoding: tail.dropFirst(2).dropLast(3), as: UTF8.self)
        guard let count = Int(number), count > 1, String(count) == number else { return nil }
        return count
    }

    /// An index file's entries by the path of their page (one entry a line, a JSON array whose first
    /// string is the path), for the multilingual merge (`SiteMerger`); any part's.
    static func entries(in bytes: [UInt8]) -> [(String, [UInt8])] {
        // The tail is the last line: `]);` or, in a first part, `],N);`.
        guard bytes.starts(with: fileHead), bytes.last == 0x0A, let lineStart = bytes.dropLast().lastIndex(of: 0x0A),
              lineStart >= fileHead.count - 1, bytes[(lineStart + 1)...].first == UInt8(ascii: "]") else { return [] }
        let body = bytes[fileHead.count..<(lineStart + 1)]
        var entries: [(String, [UInt8])] = []
        for line in body.split(separator: 0x0A) {
            // `[…],` → `[…]`: one JSON array.
            guard line.last == UInt8(ascii: ","), let array = try? JSONSerialization.jsonObject(with: Data(line.dropLast())) as? [Any],
                  let page = array.first as? String else { continue }
            entries.append((page, Array(line) + [0x0A]))
        }
        return entries
    }
}

/// Writes text as the inside of a JSON string: whitespace collapsed to single spaces, `"` and `\\`
/// escaped. From HTML, tags are dropped (block tags and breaks separate words, inline tags do not)
/// and the character references the renderer writes are decoded.
struct SearchTextWriter {
    var out: [UInt8] = []
    var pendingSpace = false
    /// No space before the first character of a field.
    var atFieldStart = true
    /// The version each moniker range opens (see `SearchIndex.entry`); empty for a page without them.
    var versions: [String: String] = [:]
    /// The depth of `<div>`s, and the depths at which marked moniker blocks opened.
    private var divDepth = 0
    private var versionDepths: [Int] = []

    init(capacity: Int) {
        out.reserveCapacity(capacity)
    }

    private mutating func space() {
        if pendingSpace, !atFieldStart, out.last != 0x20 { out.append(0x20) }
        pendingSpace = false
        atFieldStart = false
    }

    /// Plain text (a path, a title).
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { appendByte(byte) }
    }

    @inline(__always)
    private mutating func appendByte(_ byte: UInt8) {
        switch byte {
        case 0...0x20, 0x7F:
            pendingSpace = true
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            space()
            out.append(UInt8(ascii: "\\"))
            out.append(byte)
        default:
            space()
            out.append(byte)
        }
    }

    /// The text of rendered HTML.
    mutating func appendText(ofHTML html: UnsafeBufferPointer<UInt8>) {
        guard let base = html.baseAddress else { return }
        let count = html.count
        var i = 0
        var runStart = 0
        // Copies bytes[runStart..<end] as they are, but for spaces at its start where a space is already.
        func flush(_ end: Int) {
            var start = runStart
            if atFieldStart || out.last == 0x20 || pendingSpace {
                while start < end, base[start] == 0x20 { start += 1 }
            }
            guard end > start else { return }
            space()
            out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
        }
        while i < count {
            let byte = base[i]
            // Ordinary bytes (spaces too) are copied in runs; a table tells the special ones.
            if !Self.special[Int(byte)] {
                i += 1
                continue
            }
            flush(i)
            switch byte {
            case UInt8(ascii: "<"):
                var end = i + 1
                while end < count, base[end] != UInt8(ascii: ">") { end += 1 }
                let tag = UnsafeBufferPointer(start: base + i + 1, count: min(end, count) - i - 1)
                if !Self.isInlineTag(tag) {
                    pendingSpace = true
                    if !versions.isEmpty { markVersion(tag) }
                }
                i = end + 1
            case UInt8(ascii: "&"):
                var end = i + 1
                while end < count, end - i < 12, base[end] != UInt8(ascii: ";") { end += 1 }
                if end < count, base[end] == UInt8(ascii: ";"),
                   let decoded = Self.reference(UnsafeBufferPointer(start: base + i + 1, count: end - i - 1)) {
                    for b in decoded.utf8 { appendByte(b) }
                    i = end + 1
                } else {
                    appendByte(byte)
                    i += 1
                }
            default:
                appendByte(byte)
                i += 1
            }
            runStart = i
        }
        flush(min(i, count))
        while out.last == 0x20 { out.removeLast() }
    }

    /// Follows `<div>` nesting and marks the text of the moniker blocks whose range has a version.
    private mutating func markVersion(_ tag: UnsafeBufferPointer<UInt8>) {
        if tag.starts(with: "/div".utf8) {
            if versionDepths.last == divDepth {
                versionDepths.removeLast()
                out.append(contentsOf: #"\u0003"#.utf8)
            }
            divDepth -= 1
        } else if tag.starts(with: "div".utf8) {
            divDepth += 1
            let prefix = #"div class="moniker" data-moniker-range=""#.utf8
            guard tag.starts(with: prefix) else { return }
            let value = tag.dropFirst(prefix.count).prefix { $0 != UInt8(ascii: "\"") }
            guard let version = versions[HTMLText.textContent(ofRawHTML: String(decoding: value, as: UTF8.self))] else { return }
            versionDepths.append(divDepth)
            if pendingSpace, !atFieldStart, out.last != 0x20 { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: #"\u0001"#.utf8)
            for byte in version.utf8 { appendByte(byte) }
            out.append(contentsOf: #"\u0002"#.utf8)
            atFieldStart = true
        }
    }

    /// Bytes that end a run: control characters (newlines, tabs), `<`, `&`, `"`, `\\`, DEL.
    private static let special: [Bool] = (0..<256).map { byte in
        byte < 0x20 || byte == 0x7F || byte == Int(UInt8(ascii: "<")) || byte == Int(UInt8(ascii: "&"))
            || byte == Int(UInt8(ascii: "\"")) || byte == Int(UInt8(ascii: "\\"))
    }

    /// `a`, `/span`, `strong class="x"`: whether the tag is phrasing markup that does not part words.
    /// The name, lower-cased, is packed into an integer and compared with a short list: no allocation.
    private static func isInlineTag(_ tag: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = tag.first == UInt8(ascii: "/") ? 1 : 0
        var key: UInt64 = 0
        var length = 0
        while index < tag.count {
            let byte = tag[index] | 0x20
            guard (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (tag[index] >= UInt8(ascii: "0") && tag[index] <= UInt8(ascii: "9")) else { break }
            length += 1
            if length > 8 { return false }
            key = key << 8 | UInt64(byte)
            index += 1
        }
        return length > 0 && inlineTagKeys.contains(key)
    }

    private static func pack(_ name: String) -> UInt64 { name.utf8.reduce(0) { $0 << 8 | UInt64($1) } }

    private static let inlineTagKeys: [UInt64] = ["span", "a", "strong", "em", "code", "b", "i", "u", "s", "del", "sub", "sup",
                                                  "kbd", "mark", "small", "font", "abbr", "bdi", "bdo"].map(pack)

    /// The character references the renderer writes, and the few raw HTML uses most.
    private static func reference(_ name: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: name, as: UTF8.self)
        if text.hasPrefix("#") { return HTMLText.decodeEntity(text) }
        return HTMLText.namedEntities[text]
    }
}

/// The files of a build's search indexes: for each view with an index (the translation's and
/// English), which part of which index each page's entry goes into (`SearchIndex.parts`), worked out
/// from the pages alone, once a build (`ResolvedSite.searchIndexPlan`), which the plan
/// (`SiteRenderer.plan`), the renderer, the reuse of the last build's parts (`SiteBuilder.reused`)
/// and the page cache read.
struct SearchIndexPlan: Sendable {
    struct File: Sendable {
        /// The part's path in the output (`es-es/partner-center/search-index-2.js`).
        let path: String
        let part: Int
        /// How many parts its index has.
        let parts: Int
        /// Its pages' content paths, in page order.
        let pages: [String]
        let view: View

        /// What makes the part's bytes: its pages, its place and, for the first, how many parts its
        /// index has, which it names (`PageCache.searchParts`).
        var digest: String {
            String(FastHash.hash(Array((pages.joined(separator: "\n") + "\n\(part)" + (part == 0 ? "/\(parts)" : "")).utf8)), radix: 16)
        }
    }

    /// Every part of every index: each view's, each index's in the order of its first page, each in order.
    private(set) var files: [File] = []
    /// Each page's part in the translation's index and in the English one (nil for a page with no
    /// English view): positions in `files`.
    private var placeOfPage: [String: (target: Int, source: Int?)] = [:]

    /// - Parameter pages: the site's pages' content paths, in page order.
    init(pages: [String], layout: SiteLayout) {
        for view in [View.target, .source] {
            var pagesOfIndex: [String: [String]] = [:]
            var indexes: [String] = []
            for page in pages where view == .target || layout.hasSource(page) {
                let index = layout.searchIndexPath(of: page, in: view)
                if pagesOfIndex[index] == nil { indexes.append(index) }
                pagesOfIndex[index, default: []].append(page)
            }
            for index in indexes {
                let pages = pagesOfIndex[index]!
                let parts = SearchIndex.parts(of: pages.map(layout.pathInView(of:)))
                for (part, range) in parts.enumerated() {
                    for page in pages[range] {
                        if view == .target { placeOfPage[page] = (files.count, nil) } else { placeOfPage[page]?.source = files.count }
                    }
                    files.append(File(path: SearchIndex.partPath(index, part: part), part: part, parts: parts.count, pages: Array(pages[range]), view: view))
                }
            }
        }
    }

    /// The part a page's entry goes into in a view's index (`.target` or `.source`), or nil.
    func file(of page: String, in view: View) -> File? {
        guard let place = placeOfPage[page] else { return nil }
        return view == .source ? place.source.map { files[$0] } : files[place.target]
    }
}
