/// The resolve stage's link rules: a relative link to another page (`page.md#anchor`) points to the same
/// view of that page (`page.html#anchor`); the three views share one folder layout, so a relative link
/// stays relative and only the extension changes. External, absolute and fragment-only links stay as written.
public enum LinkResolver {
    /// A relative destination as a content path (`..` and `.` resolved, `%20` decoded) and its anchor.
    public static func contentPath(of destination: String, from page: String) -> (path: String, anchor: String?)? {
        // Searched as UTF-8: `String.firstIndex(of:)` breaks the text into characters as it goes.
        let utf8 = destination.utf8
        let hashIndex = utf8.firstIndex(of: UInt8(ascii: "#"))
        let anchor = hashIndex.map { String(Substring(utf8[utf8.index(after: $0)...])) }
        var pathPart = String(Substring(utf8[..<(hashIndex ?? utf8.endIndex)]))
        pathPart = PathText.forwardSlashes(pathPart)
        if let query = pathPart.utf8.firstIndex(of: UInt8(ascii: "?")) { pathPart = String(Substring(pathPart.utf8[..<query])) }
        if pathPart.utf8.contains(UInt8(ascii: "%")) { pathPart = pathPart.removingPercentEncoding ?? pathPart }
        let folderEnd = page.utf8.lastIndex(of: UInt8(ascii: "/"))
        // Most links name a file beside the page or below it: no `.` segment to work out.
        if let first = pathPart.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "/"), !pathPart.containsBytes("/."), !pathPart.containsBytes("//") {
            let path = folderEnd.map { String(page[..<$0]) + "/" + pathPart } ?? pathPart
            return (path, anchor.map { $0.utf8.contains(UInt8(ascii: "%")) ? ($0.removingPercentEncoding ?? $0) : $0 })
        }
        guard let segments = resolved(pathPart, from: PathText.folders(of: page)) else { return nil }
        let path = segments.joined(separator: "/") + (pathPart.hasSuffix("/") ? "/" : "")
        return (path, anchor.map { $0.contains("%") ? ($0.removingPercentEncoding ?? $0) : $0 })
    }

    public static func resolve(_ destination: String) -> String {
        // DocFX, written on Windows, takes `..\page.md` for `../page.md`; so does the web view of it.
        if destination.utf8.contains(UInt8(ascii: "\\")), isRelativePageLink(destination) {
            return resolve(PathText.forwardSlashes(destination))
        }
        let utf8 = destination.utf8
        // The end of the path part: before `?` or `#`.
        let end = utf8.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? utf8.endIndex
        let path = utf8[..<end]
        guard path.count > 3, isRelativePageLink(destination) else { return destination }
        // One rule for what a page is (`Docset.isPageFile`) and where it goes (`outputPath`): a link to
        // `faq.yaml` is rewritten as one to `faq.yml` is (issue 12: it passed the check unrewritten).
        let pathText = String(Substring(path))
        guard Docset.isPageFile(pathText) else { return destination }
        return outputPath(of: pathText) + String(Substring(utf8[end...]))
    }

    /// The destination as a URL valid in `href` and `src`: the characters a URL may not hold (`\\`, spaces,
    /// `<>"{}|^` and the backtick, `[` `]` outside the host, and a `#` in the fragment, as in
    /// `xref:index##anchor`) percent-encoded, the rest as written. A browser finds the same element
    /// for `#%23anchor` as for `##anchor` (WHATWG URL Standard: a fragment is percent-decoded to find it).
    /// `https://partner.microsoft.com/commerce/\\` and `https://portal.azure.com/[customerdomainname]`
    /// are written so in the corpus.
    public static func escapedForHref(_ url: String) -> String {
        func needsEncoding(_ byte: UInt8, bracketsToo: Bool) -> Bool {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: " "), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""),
                 UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"):
                return true
            case UInt8(ascii: "["), UInt8(ascii: "]"):
                return bracketsToo
            default:
                return byte < 0x20 || byte == 0x7F
            }
        }
        var url = url
        let clean = url.withUTF8 { buffer in
            !buffer.contains { needsEncoding($0, bracketsToo: true) }
                && buffer.firstIndex(of: UInt8(ascii: "#")).map { !buffer[($0 + 1)...].contains(UInt8(ascii: "#")) } != false
        }
        if clean { return url }
        let utf8 = url.utf8
        // The host of `scheme://host/…` may be an IPv6 literal in brackets; elsewhere brackets are encoded.
        var authorityEnd = 0
        if let range = url.range(of: "://") {
            authorityEnd = url.utf8.distance(from: url.startIndex, to: range.upperBound)
            for byte in utf8.dropFirst(authorityEnd) {
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                authorityEnd += 1
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8)
        let hex = Array("0123456789ABCDEF".utf8)
        var inFragment = false
        for (index, byte) in utf8.enumerated() {
            if needsEncoding(byte, bracketsToo: index >= authorityEnd) || (inFragment && byte == UInt8(ascii: "#")) {
                out.append(UInt8(ascii: "%")); out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 15)])
            } else {
                out.append(byte)
            }
            if byte == UInt8(ascii: "#") { inFragment = true }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The forbidden domain code points of the WHATWG URL Standard that are ASCII and printable, by byte.
    private static let forbiddenInHost: [Bool] = (0..<256).map { "#/:<>?@[\\]^|%".utf8.contains(UInt8($0)) }

    /// The special schemes of the WHATWG URL Standard but `file`, lowercase.
    private static let hostSchemes = ["http", "https", "ftp", "ws", "wss"]

    /// Whether a URL of a scheme with a host (`http`, `https`, `ftp`, `ws`, `wss`: the WHATWG URL
    /// Standard's special schemes but `file`) has an authority that the URL parser refuses, so that no
    /// browser can follow it: a port that is not a number up to 65535 (`http://localhost:&lt`), or a host
    /// that is empty or holds a forbidden domain code point once percent-decoded
    /// (`http://www.reddit.com%2Fprefs`: a `/`). GFM's autolinks make such links of broken text.
    public static func hostCannotBeParsed(_ url: String) -> Bool {
        let utf8 = url.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")), utf8[colon...].starts(with: "://".utf8),
              Self.hostSchemes.contains(where: { $0.utf8.elementsEqual(utf8[..<colon].lazy.map { $0 | 0x20 }) }) else { return false }
        let rest = utf8[utf8.index(colon, offsetBy: 3)...]
        var authority = Array(rest.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") && $0 != UInt8(ascii: "\\") })
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority.removeSubrange(...at) }
        var host = authority[...]
        if authority.first != UInt8(ascii: "["), let portColon = authority.lastIndex(of: UInt8(ascii: ":")) {
            let port = authority[(portColon + 1)...]
            if !port.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
                || (!port.isEmpty && (Int(String(decoding: port, as: UTF8.self)) ?? .max) > 65535) {
                return true
            }
            host = authority[..<portColon]
        }
        if host.first == UInt8(ascii: "[") { return false }  // an IPv6 literal
        // Foundation's percent-decoding goes through NSString: only for a host that has a `%`.
        let decoded = !host.contains(UInt8(ascii: "%")) ? Array(host)
            : String(decoding: host, as: UTF8.self).removingPercentEncoding.map { Array($0.utf8) } ?? Array(host)
        return decoded.isEmpty || decoded.contains { $0 <= 0x20 || $0 == 0x7F || Self.forbiddenInHost[Int($0)] }
    }

    /// True for `page.md`, `../x/page.md#a`; false for `https:`, `mailto:`, `/abs`, `//host` and `#anchor`.
    public static func isRelativePageLink(_ destination: String) -> Bool {
        let utf8 = destination.utf8
        guard let first = utf8.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "#") else { return false }
        // A scheme is letters, digits, `+`, `-` and `.` before the first `:`, with no `/`, `?` or `#` before it.
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: ":"): return false
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): return true
            default: continue
            }
        }
        return true
    }

    /// The output path of a content page: `a/b.md` → `a/b.html`, `a/faq.yml` → `a/faq.html`.
    public static func outputPath(of contentPath: String) -> String {
        let lower = contentPath.lowercased()
        if lower.hasSuffix(".md") { return String(contentPath.dropLast(3)) + ".html" }
        if lower.hasSuffix(".yml") { return String(contentPath.dropLast(4)) + ".html" }
        if lower.hasSuffix(".yaml") { return String(contentPath.dropLast(5)) + ".html" }
        return contentPath + ".html"
    }

    /// The relative path from a folder to a file, both relative to the site's top:
    /// from `es-es/a/b` to `es-es/a/c/x.html` is `c/x.html`, to `es-es/y.html` is `../../y.html`.
    public static func relativePath(from folder: String, to file: String) -> String {
        // On bytes: the folders both paths start with, then one `..` for each folder left in `folder`.
        // (Every sidebar link goes through here: no arrays of path components.)
        var folder = folder
        var file = file
        return folder.withUTF8 { f in
            file.withUTF8 { t -> String in
                var common = 0
                var i = 0
                while i < f.count, i < t.count, f[i] == t[i] {
                    if f[i] == UInt8(ascii: "/") { common = i + 1 }
                    i += 1
                }
                if !f.isEmpty, i == f.count, i < t.count, t[i] == UInt8(ascii: "/") { common = i + 1 }
                var up = 0
                if common < f.count {
                    up = 1
                    for byte in f[common...] where byte == UInt8(ascii: "/") { up += 1 }
                }
                var out: [UInt8] = []
                out.reserveCapacity(up * 3 + t.count - common)
                for _ in 0..<up { out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "."), UInt8(ascii: "/")]) }
                // A first segment with a `:` would be read as a scheme (a page named
                // `javascript:alert(1).md` made `href="javascript:alert(1).html"`): `./` keeps it a path.
                if up == 0, let colon = t[common...].firstIndex(of: UInt8(ascii: ":")),
                   !t[common..<colon].contains(UInt8(ascii: "/")) {
                    out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "/")])
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: t[common...]))
                return String(decoding: out, as: UTF8.self)
            }
        }
    }


    /// Whether a path starts at the docset's root: DocFX's `~/` (or `~\\`, written on Windows).
    public static func isDocsetRooted(_ url: String) -> Bool {
        let utf8 = url.utf8
        guard utf8.count >= 2, utf8.first == UInt8(ascii: "~") else { return false }
        let second = utf8[utf8.index(after: utf8.startIndex)]
        return second == UInt8(ascii: "/") || second == UInt8(ascii: "\\")
    }

    /// The content path that `~/rest` names in the docset whose folder is `docset` (`""`: the content
    /// folder): DocFX reads `~` as the folder of the docset's `docfx.json` ("Links and Cross References",
    /// dotnet.github.io/docfx/docs/links-and-cross-references.html; `RelativePath.WorkingFolder`).
    /// `.` and `..` are resolved; nil when `..` leaves the content folder. `path` holds no `?` or `#`.
    static func docsetRootedPath<S: StringProtocol>(_ path: S, docset: String) -> String? {
        guard let segments = resolved(path.dropFirst(2), from: PathText.segments(docset).map(String.init)) else { return nil }
        return segments.joined(separator: "/") + (path.hasSuffix("/") && !segments.isEmpty ? "/" : "")
    }

    /// The folders `base` with the segments of `path` (`/` or `\\` between them, cut as `PathText`
    /// cuts them) added, `.` and `..` resolved; nil when a `..` climbs above the content folder.
    static func resolved<S: StringProtocol>(_ path: S, from base: [String]) -> [String]? {
        var segments = base
        for part in PathText.segments(Substring(path), backslash: true) {
            switch part {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(String(part))
            }
        }
        return segments
    }

    /// A `~/` link, image or figure source of `page` as the relative path the rest of the build reads
    /// (`~/includes/a.md#x` on `docs/sub/page.md` in the docset `docs` is `../includes/a.md#x`), its
    /// `?query` and `#anchor` kept; nil when it leaves the content folder (the containment rule of
    /// every relative path: such a link is reported and leads nowhere).
    public static func fromDocsetRoot(_ url: String, page: String, docset: String) -> String? {
        let end = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        guard let target = docsetRootedPath(url[..<end], docset: docset) else { return nil }
        let folder = String(PathText.folder(of: page))
        // `~/` alone names the content folder's top: one `../` for each folder of the page's path.
        var relative = target.isEmpty ? String(repeating: "../", count: PathText.segments(folder).count) : relativePath(from: folder, to: target)
        if relative.isEmpty { relative = "./" }
        return relative + url[end...]
    }

    /// A relative path written in the file `from` as the path from the file `to` to the same place,
    /// its `?query` and `#anchor` kept (an included file's links, which DocFX reads from the included
    /// file: `../page.md` in `docs/includes/a.md` is `page.md` from `docs/page.md`); nil when it climbs
    /// out of the content folder.
    public static func rebased(_ url: String, from: String, to: String) -> String? {
        let end = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        guard end != url.startIndex,
              let segments = resolved(url[..<end], from: PathText.folders(of: from)) else { return nil }
        let target = segments.joined(separator: "/") + (url[..<end].hasSuffix("/") && !segments.isEmpty ? "/" : "")
        let folder = String(PathText.folder(of: to))
        var relative = relativePath(from: folder, to: target)
        if relative.isEmpty { relative = "./" }
        return relative + url[end...]
    }

    /// The relative path from a file at `from` (relative to the site root) to the site root, e.g. `../../`.
    public static func rootPrefix(from path: String) -> String {
        String(repeating: "../", count: PathText.segments(path, keepingEmpty: true).count - 1)
    }
}

/// Heading ids as DocFX makes them. DocFX builds markdown with markdig's `AutoIdentifierExtension`
/// and `AutoIdentifierOptions.GitHub` (DocFX's `MarkdownExtensions.UseDocfxExtensions`; its test
/// `AutoIdentifierTest_DocfxDefault`): the heading's text, markup dropped, through
/// `LinkHelper.UrilizeAsGfm` (`slug`), `section` when that leaves nothing, and `-1`, `-2`… after an id
/// the page already gave. A heading keeps a written `<a name>` anchor as its id; its slug is still
/// taken, as markdig takes it (markdig gives the heading its id beside the anchor), so the headings
/// after it are numbered as DocFX numbered them. The text is the heading's English (each unit's
/// source): the links of a machine-translated page name the English page's anchors.
public enum HeadingIDs {
    /// markdig's `LinkHelper.UrilizeAsGfm` (after GitHub's html-pipeline `TocFilter`): each letter or
    /// decimal digit (.NET's `char.IsLetterOrDigit`: categories L* and Nd, one UTF-16 unit, so nothing
    /// past U+FFFF) in lower case (`ToLowerInvariant`, one character for one), a space as `-`, `-` and
    /// `_` kept, everything else dropped; runs are not collapsed. "What's new" → `whats-new`,
    /// "Enable/disable X" → `enabledisable-x`, "(v1.17.0)" → `v1170`, "A / B" → `a--b`,
    /// "다음 단계" → `다음-단계`. Empty when the text has none of these.
    public static func slug(_ text: String) -> String {
        var text = text
        let ascii = text.withUTF8 { buffer in buffer.allSatisfy { $0 < 0x80 } }
        if ascii {
            return text.withUTF8 { buffer in
                var out: [UInt8] = []
                out.reserveCapacity(buffer.count)
                for byte in buffer {
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): out.append(byte)
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte | 0x20)
                    case UInt8(ascii: " "): out.append(UInt8(ascii: "-"))
                    default: continue
                    }
                }
                return String(decoding: out, as: UTF8.self)
            }
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ": out.append("-")
            case "-", "_": out.append(scalar)
            default:
                guard scalar.value <= 0xFFFF else { continue }
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
                    // The simple lower-case mapping: the full one's first character (they differ for U+0130 only).
                    out.append(scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar)
                default:
                    continue
                }
            }
        }
        return String(out)
    }

    /// The text markdig makes a heading's id from: its English (each unit's source), markup dropped,
    /// link and image text kept, spaces at either end trimmed (markdig trims a heading's line). An
    /// inline `[!INCLUDE[title](path)]` counts as its title, as in DocFX's ids, inside emphasis or a
    /// link too: the corpus's anchors give "Intelligent Insights in [!INCLUDE[prod_short](…)] Online"
    /// `intelligent-insights-in-prod_short-online`.
    public static func text(of heading: Block.Heading) -> String {
        if let idText = heading.idText { return idText }
        var raw = ""
        appendText(heading.content.side(.source), to: &raw)
        return raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func appendText(_ inlines: [Inline], to raw: inout String) {
        InlineInclude.forEach(in: inlines, include: { _, _, title in PlainText.append(title, to: &raw) }, other: { inline in
            switch inline.kind {
            case .link(let link): appendText(link.children, to: &raw)
            case .emphasis(let children), .strong(let children), .strikethrough(let children): appendText(children, to: &raw)
            default: PlainText.append([inline], to: &raw)
            }
        })
    }

    /// The id markdig gives a heading before uniqueness: its text's slug, or `section`.
    public static func base(of heading: Block.Heading) -> String {
        let slug = slug(text(of: heading))
        return slug.isEmpty ? "section" : slug
    }

    /// The id of every heading of a page, in document order.
    public static func ids(for page: Page) -> [String] {
        var collector = Collector()
        collector.walk(page.blocks)
        return collector.ids
    }

    private struct Collector: ModelWalker {
        var ids: [String] = []
        var used: Set<String> = []
        /// For each base id, the next suffix to try: repeated headings take `-1`, `-2`… in linear
        /// time (a search from 1 each time was quadratic: 20,000 equal headings took 28 s).
        var nextSuffix: [String: Int] = [:]

        /// markdig's numbering: `base`, else `base-1`, `base-2`… whichever the page has not given.
        mutating func unique(_ base: String) -> String {
            var id = base
            var n = nextSuffix[base, default: 1]
            while used.contains(id) { id = "\(base)-\(n)"; n += 1 }
            if id != base { nextSuffix[base] = n }
            used.insert(id)
            return id
        }

        mutating func visit(_ block: Block) {
            if case .heading(let heading) = block.kind {
                let auto = unique(HeadingIDs.base(of: heading))
                // A written anchor the page has not given yet is the id; one written twice (the
                // pipeline copies the English page's anchors, and two "Minimum requirements" share
                // one) is not, and the heading keeps markdig's `minimum-requirements-1`, which the
                // corpus's links name.
                if let anchor = heading.anchor, anchor == auto || used.insert(anchor).inserted {
                    ids.append(anchor)
                } else {
                    ids.append(auto)
                }
            } else {
                descend(into: block)
            }
        }

        mutating func visit(_ inline: Inline) {}
    }
}
