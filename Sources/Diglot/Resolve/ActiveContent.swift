import Foundation
/// The one rule that decides whether a URL may be written into the site as a link or image address.
///
/// A URL is *unsafe* when its scheme makes the browser run it or load something the page did not
/// mean to show: `javascript:`, `vbscript:`, `file:` and `data:`, except `data:image/png`,
/// `data:image/gif`, `data:image/jpeg` and `data:image/webp` — cmark-gfm's `_scan_dangerous_url`
/// (src/scanners.re), the rule its safe mode (and so GitHub's renderer) applies to every link and
/// image; schemes are compared without regard to ASCII case, as RFC 3986 §3.1 says they are.
///
/// Before the comparison the URL is read as a browser reads it (WHATWG URL Standard, "basic URL
/// parser": leading and trailing C0 controls and spaces are removed, and every ASCII tab and newline);
/// Diglot removes every C0 control and space before the scheme's `:`, a superset, so that
/// `java\tscript:` and ` JavaScript:` are caught as well.
public enum URLSafety {
    /// What an unsafe URL is written as: the link keeps its text and leads nowhere.
    public static let replacement = "#"

    /// The unsafe scheme of `url` in lower case with its `:` (`"javascript:"`), or nil when the URL is safe.
    public static func unsafeScheme(_ url: String) -> String? {
        var scheme: [UInt8] = []
        var rest: Substring.UTF8View? = nil
        let utf8 = url.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            index = utf8.index(after: index)
            if byte <= 0x20 || byte == 0x7F { continue }
            if byte == UInt8(ascii: ":") {
                rest = url[index...].utf8
                break
            }
            let isAlpha = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isOther = (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            // A scheme starts with a letter and holds letters, digits, `+`, `-` and `.` (RFC 3986 §3.1).
            guard isAlpha || (isOther && !scheme.isEmpty), scheme.count < 16 else { return nil }
            scheme.append(isAlpha ? byte | 0x20 : byte)
        }
        guard let rest else { return nil }
        switch String(decoding: scheme, as: UTF8.self) {
        case "javascript": return "javascript:"
        case "vbscript": return "vbscript:"
        case "file": return "file:"
        case "data":
            var media: [UInt8] = []
            for byte in rest where byte != 0x09 && byte != 0x0A && byte != 0x0D {
                media.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
                if media.count == 16 { break }
            }
            let allowed = ["image/png", "image/gif", "image/jpeg", "image/webp"]
            return allowed.contains { media.starts(with: $0.utf8) } ? nil : "data:"
        default: return nil
        }
    }

    /// `url`, or `replacement` when it is unsafe.
    public static func safe(_ url: String) -> String {
        unsafeScheme(url) == nil ? url : replacement
    }

    /// An attribute value as the browser reads it: character references decoded (numeric ones with or
    /// without their `;`, as HTML's tokenizer decodes them; the named ones Diglot knows, with `&colon;`,
    /// `&Tab;` and `&NewLine;`), so that `jav&#x61;script&colon;` is seen for what it is.
    static func decodedAttribute(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        var out = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[rest.index(after: amp)...]
            if rest.first == "#" {
                let hex = rest.dropFirst().first.map { $0 == "x" || $0 == "X" } ?? false
                let digits = rest.dropFirst(hex ? 2 : 1).prefix { $0.isASCII && (hex ? $0.isHexDigit : $0.isNumber) }
                if !digits.isEmpty {
                    // Every digit counts, however many (`&#000000106;` is `j`); past U+10FFFF, or NUL, is U+FFFD.
                    let code = digits.reduce(UInt32(0)) { min(0x110000, $0 * (hex ? 16 : 10) + UInt32($1.hexDigitValue ?? 0)) }
                    out.unicodeScalars.append(code == 0 ? "\u{FFFD}" : Unicode.Scalar(code) ?? "\u{FFFD}")
                    rest = rest[digits.endIndex...]
                    if rest.first == ";" { rest = rest.dropFirst() }
                    continue
                }
            } else {
                let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
                if rest[name.endIndex...].first == ";", let decoded = extraEntities[String(name)] ?? HTMLText.namedEntities[String(name)] {
                    out += decoded
                    rest = rest[name.endIndex...].dropFirst()
                    continue
                }
            }
            out += "&"
        }
        return out + rest
    }

    private static let extraEntities = ["colon": ":", "Tab": "\t", "NewLine": "\n", "sol": "/", "num": "#", "quest": "?", "period": "."]
}

/// Active content — what runs script or loads another document — in a page (resolve stage).
///
/// Machine translation never needs script, so a translation unit is where content from a pull request
/// is least expected to carry any, and most easily slipped in: in a unit's target or source,
/// `<script>`, `<style>` and `<iframe>` are removed with their content; `<object>`, `<embed>`,
/// `<applet>`, `<frame>`, `<frameset>`, `<portal>`, `<base>`, `<meta>`, `<link>` and SVG `<animate>` and
/// `<set>` tags are removed; `on…` event-handler attributes are removed; an unsafe URL (`URLSafety`) in
/// `href`, `src` and the other URL attributes becomes `#`; a `<` that starts a tag the scanner could not
/// read is written as `&lt;` (DG802 `active-html-in-unit` for each). Every markdown link, image and
/// figure with an unsafe URL, in a unit or not, leads to `#` instead (DG801 `unsafe-url`). Raw HTML
/// outside units is the author's and stays as written; `diglot check` reports the active parts of it
/// (DG803 `active-html`).
public enum ActiveContent {
    /// The page with its active content neutralised, and a warning for each change. Given the folder
    /// of the page's docset (`""`: the content folder), the same walk over every link, image and
    /// figure makes DocFX's `~/` paths relative to the page (`LinkResolver.fromDocsetRoot`), so that
    /// the checks and the views read them as any relative path; one that leaves the content folder
    /// leads to `#` (DG601 for a link, DG603 for an image).
    public static func neutralize(_ page: Page, docset: String? = nil) -> (Page, [Diagnostic]) {
        var page = page
        let (blocks, found) = neutralize(page.blocks, file: page.path, paths: docset.map { Paths(page: page.path, docset: $0) })
        page.blocks = blocks
        return (page, found)
    }

    /// An included file's blocks made safe, and their relative paths (written from `writtenIn`, as
    /// DocFX reads them) and `~/` paths made relative to the page that includes them; the findings
    /// name the page, as the findings of the page's own blocks do.
    static func neutralize(included blocks: [Block], writtenIn: String, page: String, docset: String) -> ([Block], [Diagnostic]) {
        neutralize(blocks, file: page, paths: Paths(page: page, docset: docset, writtenIn: writtenIn))
    }

    private static func neutralize(_ blocks: [Block], file: String, paths: Paths?) -> ([Block], [Diagnostic]) {
        var detector = Detector(paths: paths)
        detector.walk(blocks)
        guard detector.found else { return (blocks, []) }
        var neutralizer = Neutralizer(file: file, paths: paths)
        let safe = neutralizer.blocks(blocks)
        return (safe, neutralizer.diagnostics)
    }

    /// Where a page's paths start: `~/` at the docset's folder; the others at the file they are
    /// written in, made relative to the page when that is another file (an include).
    struct Paths {
        var page: String
        var docset: String
        var writtenIn: String? = nil

        /// Whether `url` is rewritten: `~/`, or a relative path written in another file than the page.
        func rewrites(_ url: String) -> Bool {
            LinkResolver.isDocsetRooted(url) || writtenIn.map { $0 != page && LinkResolver.isRelativePageLink(url) } == true
        }
    }

    /// `diglot check`: raw HTML outside translation units that carries active content (kept as written).
    public static func report(_ page: Page) -> [Diagnostic] {
        var reporter = Reporter(file: page.path)
        reporter.walk(page.blocks)
        return reporter.diagnostics
    }

    /// Elements removed from units, tag and end tag.
    static let activeElements: Set<String> = [
        "script", "style", "iframe", "object", "embed", "applet", "frame", "frameset", "portal", "base", "meta", "link", "animate", "set",
    ]
    /// Of those, the ones whose content goes with them (raw text for the browser: code, CSS, a document).
    static let contentRemoved: Set<String> = ["script", "style", "iframe"]
    /// Attributes whose value is a URL the browser follows or loads.
    static let urlAttributes: Set<String> = [
        "href", "src", "xlink:href", "action", "formaction", "data", "poster", "background", "cite", "codebase", "srcdoc",
    ]

    /// What is active in one raw HTML fragment (a tag, or text between tags in a raw HTML block).
    enum Finding: Equatable {
        /// An active element's start tag.
        case element(String)
        /// The end tag of an active element.
        case endTag(String)
        /// A tag with event handlers or unsafe URLs: the tag's name, the handlers' names, the unsafe attributes.
        case attributes(tag: String, handlers: [String], unsafe: [(name: String, value: String, scheme: String)])
        /// Text holding a `<` that a browser would read as the start of a tag.
        case malformedTag

        static func == (lhs: Finding, rhs: Finding) -> Bool {
            switch (lhs, rhs) {
            case (.element(let a), .element(let b)), (.endTag(let a), .endTag(let b)): return a == b
            case (.malformedTag, .malformedTag): return true
            case (.attributes(let a, let h, let u), .attributes(let b, let i, let v)):
                return a == b && h == i && u.map(\.name) == v.map(\.name)
            default: return false
            }
        }
    }

    /// The finding for one raw fragment, or nil when it is inert.
    static func finding(_ raw: String) -> Finding? {
        let utf8 = raw.utf8
        guard utf8.first == UInt8(ascii: "<"), utf8.count >= 3, utf8.last == UInt8(ascii: ">") else {
            return hasTagOpen(raw) ? .malformedTag : nil
        }
        let second = utf8[utf8.index(after: utf8.startIndex)]
        // A comment is inert; `<!…>` and `<?…>` end at the first `>` for a browser (a "bogus comment"),
        // though cmark-gfm reads `<![CDATA[…]]>` and `<?…?>` further: a tag after that `>` would run.
        if second == UInt8(ascii: "!") || second == UInt8(ascii: "?") {
            return raw.hasPrefix("<!--") || !hasTagOpen(raw.dropFirst()) ? nil : .malformedTag
        }
        if second == UInt8(ascii: "/") {
            guard let name = RawHTMLRepair.tagName(raw, closing: true) else { return nil }
            return activeElements.contains(name) ? .endTag(name) : nil
        }
        // Comments, declarations and processing instructions hold nothing a browser runs.
        guard let name = RawHTMLRepair.tagName(raw, closing: false) else { return hasTagOpen(raw.dropFirst()) ? .malformedTag : nil }
        if activeElements.contains(name) { return .element(name) }
        // (A `<` inside the tag is inside a quoted value: both the scanner and cmark-gfm end a tag at an unquoted one.)
        let body = raw.dropFirst(1 + name.utf8.count).dropLast()
        // Most tags have neither: no attribute parsing for them.
        guard body.utf8.contains(where: { $0 == UInt8(ascii: "=") }) else { return nil }
        var handlers: [String] = []
        var unsafe: [(name: String, value: String, scheme: String)] = []
        for attribute in attributes(ofTagBody: body) {
            if attribute.name.hasPrefix("on") {
                handlers.append(attribute.name)
            } else if urlAttributes.contains(attribute.name), let scheme = URLSafety.unsafeScheme(URLSafety.decodedAttribute(attribute.value)) {
                unsafe.append((attribute.name, attribute.value, scheme))
            }
        }
        return handlers.isEmpty && unsafe.isEmpty ? nil : .attributes(tag: name, handlers: handlers, unsafe: unsafe)
    }

    /// Whether text holds `<` followed by a letter or `/`: what HTML's tokenizer reads as a tag.
    private static func hasTagOpen<S: StringProtocol>(_ text: S) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "<"), byte == UInt8(ascii: "/") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) {
                return true
            }
            previous = byte
        }
        return false
    }

    /// The attributes of a start tag as a browser reads them: `body` is what follows the tag name, up to
    /// (not including) the closing `>`. The states of the WHATWG HTML tokenizer (§13.2.5.32–13.2.5.40:
    /// before/after attribute name, attribute name, before attribute value, double-quoted, single-quoted
    /// and unquoted value, after quoted value, self-closing start tag): `/` separates attributes as
    /// whitespace does (`<a/onclick=…>`), names are ASCII-lower-cased, values are left as written.
    /// Unlike the browser it keeps a repeated attribute (the browser keeps the first): every one is checked.
    static func attributes(ofTagBody body: Substring) -> [(name: String, value: String)] {
        enum State { case beforeName, name, afterName, beforeValue, doubleQuoted, singleQuoted, unquoted, afterQuoted }
        var result: [(name: String, value: String)] = []
        var name: [UInt8] = []
        var value: [UInt8] = []
        var state = State.beforeName
        func emit() {
            if !name.isEmpty { result.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))) }
            name.removeAll(keepingCapacity: true)
            value.removeAll(keepingCapacity: true)
        }
        func isSpace(_ c: UInt8) -> Bool { c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20 }
        func lower(_ c: UInt8) -> UInt8 { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c }
        for c in body.utf8 {
            switch state {
            case .beforeName, .afterQuoted:
                if isSpace(c) || c == UInt8(ascii: "/") { state = .beforeName; continue }
                name.append(lower(c))  // `=` here starts a name, as in the tokenizer
                state = .name
            case .name:
                if isSpace(c) { state = .afterName } else if c == UInt8(ascii: "/") { emit(); state = .beforeName }
                else if c == UInt8(ascii: "=") { state = .beforeValue } else { name.append(lower(c)) }
            case .afterName:
                if isSpace(c) { continue }
                if c == UInt8(ascii: "/") { emit(); state = .beforeName } else if c == UInt8(ascii: "=") { state = .beforeValue }
                else { emit(); name.append(lower(c)); state = .name }
            case .beforeValue:
                if isSpace(c) { continue }
                if c == UInt8(ascii: "\"") { state = .doubleQuoted } else if c == UInt8(ascii: "'") { state = .singleQuoted }
                else { value.append(c); state = .unquoted }
            case .doubleQuoted, .singleQuoted:
                if c == UInt8(ascii: state == .doubleQuoted ? "\"" : "'") { emit(); state = .afterQuoted } else { value.append(c) }
            case .unquoted:
                if isSpace(c) { emit(); state = .beforeName } else { value.append(c) }
            }
        }
        emit()
        return result
    }

    /// A start tag written again without its handlers, its unsafe URLs leading to `#`.
    static func rewrittenTag(_ raw: String, name: String) -> String {
        let body = raw.dropFirst(1 + name.utf8.count).dropLast()
        var out = "<" + name
        for attribute in attributes(ofTagBody: body) where !attribute.name.hasPrefix("on") {
            // A name a browser reads but that is not valid HTML (`x"y`) is left out.
            guard attribute.name.utf8.allSatisfy({ $0 > 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: "=") }) else { continue }
            var value = attribute.value
            if urlAttributes.contains(attribute.name), URLSafety.unsafeScheme(URLSafety.decodedAttribute(value)) != nil { value = URLSafety.replacement }
            out += " " + attribute.name + "=\"" + value.replacingOccurrences(of: "\"", with: "&quot;") + "\""
        }
        return out + ">"
    }

    /// A URL shortened for a message.
    static func shown(_ url: String) -> String {
        let clean = String(url.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        return clean.count > 60 ? String(clean.prefix(57)) + "…" : clean
    }
}

/// Finds whether a page has anything to neutralise, without copying it.
private struct Detector: ModelWalker {
    /// How paths are rewritten, when they are.
    let paths: ActiveContent.Paths?
    var found = false
    private var unitDepth = 0

    init(paths: ActiveContent.Paths?) { self.paths = paths }

    private func rewrites(_ url: String) -> Bool {
        URLSafety.unsafeScheme(url) != nil || paths?.rewrites(url) == true
    }

    mutating func visit(_ block: Block) {
        guard !found else { return }
        if case .figure(let figure) = block.kind, rewrites(figure.source) || figure.lightbox.map(rewrites) == true {
            found = true
        }
        // A video is checked against the hosts it may embed.
        if case .video = block.kind { found = true }
        descend(into: block)
    }

    mutating func visit(_ inline: Inline) {
        guard !found else { return }
        switch inline.kind {
        case .link(let link) where rewrites(link.destination): found = true
        case .image(let image) where rewrites(image.source): found = true
        case .html(let raw) where unitDepth > 0 && ActiveContent.finding(raw) != nil: found = true
        case .unit:
            unitDepth += 1
            descend(into: inline)
            unitDepth -= 1
        default: descend(into: inline)
        }
    }
}

/// Rewrites a page's blocks: unsafe URLs lead to `#`, active HTML in units is removed.
private struct Neutralizer {
    let file: String
    /// How paths are rewritten, when they are.
    let paths: ActiveContent.Paths?
    var diagnostics: [Diagnostic] = []

    private mutating func warn(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String, unit: String? = nil) {
        diagnostics.append(Diagnostic(file: file, location: location, code: code, stage: .resolve, message: message, unit: unit))
    }

    /// `url` made safe and, unless `keepPath` (an include's path, which `Includes` resolves), its path
    /// made relative to the page.
    private mutating func safeURL(_ url: String, _ what: String, at location: SourceLocation, keepPath: Bool = false) -> String {
        if let paths, !keepPath, paths.rewrites(url) {
            let docset = paths.docset
            guard LinkResolver.isDocsetRooted(url) else {
                // Written in an included file: from there to the page (nil: it climbs out of the content, left as written).
                return paths.writtenIn.flatMap { LinkResolver.rebased(url, from: $0, to: paths.page) } ?? url
            }
            guard let relative = LinkResolver.fromDocsetRoot(url, page: paths.page, docset: docset) else {
                warn(what == "image" ? .missingMedia : .brokenLink, location,
                     "the \(what) \(ActiveContent.shown(url)) leaves the content folder (`~/` is the docset's folder\(docset.isEmpty ? "" : ", \(docset)/")): "
                     + "it is written as \"\(URLSafety.replacement)\"")
                return URLSafety.replacement
            }
            return relative
        }
        guard let scheme = URLSafety.unsafeScheme(url) else { return url }
        warn(.unsafeURL, location, "the \(what) URL \"\(ActiveContent.shown(url))\" (\(scheme)) is written as \"\(URLSafety.replacement)\"")
        return URLSafety.replacement
    }

    mutating func blocks(_ blocks: [Block]) -> [Block] {
        blocks.map { block($0) }
    }

    mutating func block(_ block: Block) -> Block {
        var block = block
        switch block.kind {
        case .heading(var heading):
            heading.content = inlines(heading.content, unit: nil)
            block.kind = .heading(heading)
        case .paragraph(let content): block.kind = .paragraph(inlines(content, unit: nil))
        case .html(let content): block.kind = .html(inlines(content, unit: nil))
        case .table(var table):
            for index in table.header.indices { table.header[index].content = inlines(table.header[index].content, unit: nil) }
            for row in table.rows.indices {
                for cell in table.rows[row].indices { table.rows[row][cell].content = inlines(table.rows[row][cell].content, unit: nil) }
            }
            block.kind = .table(table)
        case .figure(var figure):
            figure.source = safeURL(figure.source, "image", at: block.range.start)
            figure.lightbox = figure.lightbox.map { safeURL($0, "link", at: block.range.start) }
            block.kind = .figure(figure)
            block = block.mappingChildBlocks { blocks($0) }
        case .video(var video):
            video.source = safeURL(video.source, "link", at: block.range.start, keepPath: true)
            if VideoHosts.embeddable(video.source) == nil, video.source != URLSafety.replacement {
                warn(.videoHost, block.range.start, "the video \(ActiveContent.shown(video.source)) is not https on a host Diglot embeds (YouTube, Microsoft's players, Vimeo): it is shown as a link")
            }
            block.kind = .video(video)
        case .tabGroup(var group):
            for index in group.tabs.indices { group.tabs[index].title = inlines(group.tabs[index].title, unit: nil) }
            block.kind = .tabGroup(group)
            block = block.mappingChildBlocks { blocks($0) }
        case .list, .alert, .blockquote, .section, .moniker, .zone, .row:
            block = block.mappingChildBlocks { blocks($0) }
        case .codeBlock, .codeSnippet, .thematicBreak: break
        }
        return block
    }

    /// `unit` is the id of the unit the inlines belong to, nil outside units.
    mutating func inlines(_ list: [Inline], unit: String?) -> [Inline] {
        var out: [Inline] = []
        out.reserveCapacity(list.count)
        var index = 0
        while index < list.count {
            var inline = list[index]
            index += 1
            switch inline.kind {
            case .emphasis(let c): inline.kind = .emphasis(inlines(c, unit: unit))
            case .strong(let c): inline.kind = .strong(inlines(c, unit: unit))
            case .strikethrough(let c): inline.kind = .strikethrough(inlines(c, unit: unit))
            case .link(var link):
                // An include's path is the include's to resolve (`Includes`: from the file that includes).
                let isInclude = index >= 2 && index < list.count && InlineInclude.match(list[index - 2], inline, list[index]) != nil
                link.destination = safeURL(link.destination, "link", at: inline.range.start, keepPath: isInclude)
                link.children = inlines(link.children, unit: unit)
                inline.kind = .link(link)
            case .image(var image):
                image.source = safeURL(image.source, "image", at: inline.range.start)
                image.alt = inlines(image.alt, unit: unit)
                inline.kind = .image(image)
            case .unit(var translation):
                translation.target = inlines(translation.target, unit: translation.id)
                translation.source = inlines(translation.source, unit: translation.id)
                inline.kind = .unit(translation)
            case .html(let raw):
                guard let unit, let finding = ActiveContent.finding(raw) else { break }
                let at = inline.range.start
                switch finding {
                case .element(let name):
                    let removesContent = ActiveContent.contentRemoved.contains(name)
                    warn(.activeHTMLInUnit, at, "<\(name)> in unit \"\(unit)\" is removed\(removesContent ? " with its content" : ""): a translation runs no script", unit: unit)
                    // Up to its end tag in the same inlines, when it has one there.
                    if removesContent, let end = list[index...].firstIndex(where: {
                        if case .html(let r) = $0.kind, ActiveContent.finding(r) == .endTag(name) { return true } else { return false }
                    }) {
                        index = end + 1
                    }
                    continue
                case .endTag:
                    continue  // its start tag was reported
                case .attributes(let tag, let handlers, let unsafe):
                    for handler in handlers {
                        warn(.activeHTMLInUnit, at, "the \(handler) attribute of <\(tag)> in unit \"\(unit)\" is removed: a translation runs no script", unit: unit)
                    }
                    for attribute in unsafe {
                        warn(.activeHTMLInUnit, at, "the \(attribute.name) \"\(ActiveContent.shown(attribute.value))\" (\(attribute.scheme)) of <\(tag)> in unit \"\(unit)\" is written as \"\(URLSafety.replacement)\"", unit: unit)
                    }
                    inline.kind = .html(ActiveContent.rewrittenTag(raw, name: tag))
                case .malformedTag:
                    warn(.activeHTMLInUnit, at, "a tag in unit \"\(unit)\" that cannot be read is written as text", unit: unit)
                    inline.kind = .html(raw.replacingOccurrences(of: "<", with: "&lt;"))
                }
            case .text, .code, .softBreak, .lineBreak: break
            }
            out.append(inline)
        }
        return out
    }
}

/// DG803: active raw HTML outside units.
private struct Reporter: ModelWalker {
    let file: String
    var diagnostics: [Diagnostic] = []
    private var unitDepth = 0

    init(file: String) {
        self.file = file
    }

    mutating func visit(_ inline: Inline) {
        switch inline.kind {
        case .unit:
            unitDepth += 1
            descend(into: inline)
            unitDepth -= 1
        case .html(let raw) where unitDepth == 0:
            let message: String
            switch ActiveContent.finding(raw) {
            case .element(let name): message = "raw HTML <\(name)> is kept as written: it runs or loads content in the site"
            case .attributes(let tag, let handlers, let unsafe):
                let parts = handlers.map { "\($0)" } + unsafe.map { "\($0.name) \"\(ActiveContent.shown($0.value))\"" }
                message = "raw HTML <\(tag)> with \(parts.joined(separator: ", ")) is kept as written: it runs script in the site"
            case .endTag, .malformedTag, nil: return
            }
            diagnostics.append(Diagnostic(file: file, location: inline.range.start, code: .activeHTML, stage: .resolve, message: message))
        default: descend(into: inline)
        }
    }
}

/// The players `> [!VIDEO url]` may embed: https addresses of the video hosts Microsoft's docs embed
/// (YouTube and its no-cookie domain, Microsoft's video player, Channel 9, Learn's own player, and
/// Microsoft's fwlink redirector). Any other address is shown as a link to it, and reported (DG804):
/// an iframe of an arbitrary site would run that site's script in the reader's page.
enum VideoHosts {
    static let allowed: Set<String> = ["www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "www.microsoft.com", "channel9.msdn.com",
                                       "learn.microsoft.com", "docs.microsoft.com", "go.microsoft.com", "player.vimeo.com"]

    /// The address to embed, or nil when it is not https on an allowed host.
    static func embeddable(_ source: String) -> String? {
        guard let url = URL(string: source), url.scheme?.lowercased() == "https", let host = url.host?.lowercased(), allowed.contains(host),
              url.user == nil, url.password == nil else { return nil }
        return source
    }
}
