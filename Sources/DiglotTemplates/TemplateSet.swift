import DiglotModel
import Foundation
import Mustache
import Yams

/// The templates, interface strings and static assets a build renders with. Loaded from a folder at the
/// edge (`load(from:)`), or made from in-memory strings for tests.
public struct TemplateSet: Sendable {
    /// Templates every build needs.
    public static let requiredTemplates = ["page", "index"]

    let library: MustacheLibrary
    /// False when a template applies transforms (`{{lowercased(x)}}`), which page frames cannot replay.
    let framesAllowed: Bool
    private let frames = FrameCache()
    /// Interface strings by locale (see `Templates/strings/`).
    public let strings: InterfaceStringTables
    /// Files copied as they are to `assets/` in the output.
    public let assets: [(path: String, bytes: [UInt8])]

    /// `strings`: the YAML text of each interface strings file by its name (`en-US.yml`).
    /// Texts this process parsed already (a preview server's rebuilds, a multilingual build's locale
    /// parts) are not parsed again (`Parsed.recent`); each set has its own frame cache.
    public init(templates: [String: String], strings: [String: String], assets: [(path: String, bytes: [UInt8])] = []) throws {
        _ = Self.fastEscaping
        let texts = Parsed.Texts(templates: templates, strings: strings)
        let parsed = try Parsed.recent.value(for: texts) { try Parsed(texts) }
        self.library = parsed.library
        self.framesAllowed = parsed.framesAllowed
        self.strings = parsed.strings
        self.assets = assets
    }

    /// What a template set makes of its texts: the checked Mustache library and the interface strings.
    private struct Parsed: Sendable {
        struct Texts: Equatable, Sendable {
            let templates: [String: String]
            let strings: [String: String]
        }

        let library: MustacheLibrary
        let framesAllowed: Bool
        let strings: InterfaceStringTables

        init(_ texts: Texts) throws {
            var library = MustacheLibrary()
            for name in TemplateSet.requiredTemplates where texts.templates[name] == nil {
                throw DiglotError.templatesMissing("the template set", name)
            }
            try TemplateRules.check(texts.templates)
            for (name, text) in texts.templates.sorted(by: { $0.key < $1.key }) {
                do {
                    try library.register(text, named: name)
                } catch {
                    throw DiglotError.templateInvalid("\(name).mustache", "\(error)")
                }
            }
            self.library = library
            framesAllowed = !texts.templates.values.contains { $0.range(of: #"\{\{[#^/&{]?\s*[A-Za-z_][A-Za-z0-9_]*\("#, options: .regularExpression) != nil }
            strings = try InterfaceStringTables(files: texts.strings)
        }

        /// The last four sets parsed in this process, by their texts compared whole (not by a hash).
        /// A set that fails to parse is not kept: it throws again.
        static let recent = RecentValues<Texts, Parsed>(capacity: 4)
    }

    /// How many template sets this process has parsed (not taken from `Parsed.recent`), for tests.
    package static var parsesMade: Int { Parsed.recent.made }

    /// Where Debian's `libjs-highlight.js` puts highlight.js: its script, its styles, and its licence.
    public static let debianHighlighter = URL(fileURLWithPath: "/usr/share/javascript/highlight.js")
    static let debianHighlighterCopyright = "/usr/share/doc/libjs-highlight.js/copyright"
    /// The syntax highlighter's files in the output, when the build has it (see `load(from:codeHighlighter:)`).
    package static let codeHighlighterScript = "assets/highlight/highlight.min.js"
    package static let codeHighlighterStyle = "assets/highlight/highlight.css"

    /// The assets a site copies: the highlighter's only when some page shows code of a named language.
    package func assets(forCode hasCode: Bool) -> [(path: String, bytes: [UInt8])] {
        hasCode ? assets : assets.filter { !$0.path.hasPrefix("assets/highlight/") }
    }

    /// Whether the site ships the syntax highlighter (pages with code then load it).
    package var hasCodeHighlighter: Bool { assets.contains { $0.path == Self.codeHighlighterScript } }

    /// The files of highlight.js in `folder` (Debian's layout: `highlight.min.js`, `styles/`), as the
    /// site's assets: the script, one stylesheet (`a11y-light.css`, WCAG-contrast colours, as
    /// `highlight.css`) and the licence; none when the script is not there (the site then shows
    /// code uncoloured). Diglot writes no highlighter of its own.
    static func codeHighlighterAssets(in folder: URL) -> [(path: String, bytes: [UInt8])] {
        guard let script = FileManager.default.contents(atPath: folder.appendingPathComponent("highlight.min.js").path) else { return [] }
        var assets: [(path: String, bytes: [UInt8])] = [(codeHighlighterScript, [UInt8](script))]
        if let style = FileManager.default.contents(atPath: folder.appendingPathComponent("styles/a11y-light.css").path) {
            assets.append((codeHighlighterStyle, [UInt8](style)))
        }
        if folder == debianHighlighter, let licence = FileManager.default.contents(atPath: debianHighlighterCopyright) {
            assets.append(("assets/highlight/copyright.txt", [UInt8](licence)))
        }
        return assets
    }

    /// Reads `*.mustache`, `strings/*.yml` and `assets/` from a folder, and highlight.js from
    /// `codeHighlighter` when it is there (Debian's `libjs-highlight.js` by default; nil: none).
    public static func load(from directory: URL, codeHighlighter: URL? = debianHighlighter) throws -> TemplateSet {
        try load(from: TemplateFiles.read(directory), codeHighlighter: codeHighlighter)
    }

    /// The set of a folder's files, or of a layered lookup's (`TemplateSources.files()`): its top's
    /// `*.mustache`, `strings/*.yml` and `assets/*`, and highlight.js as `load(from:codeHighlighter:)`.
    public static func load(from files: TemplateFiles, codeHighlighter: URL? = debianHighlighter) throws -> TemplateSet {
        let templates = try files.texts(in: "", suffix: ".mustache", dropSuffix: true)
        for name in requiredTemplates where templates[name] == nil {
            throw DiglotError.templatesMissing(files.name, name)
        }
        let strings = try files.texts(in: "strings/", suffix: ".yml", dropSuffix: false)
        guard !strings.isEmpty else { throw DiglotError.templatesMissing(files.name, "strings/en-US.yml") }
        var assets = files.children(of: "assets/", suffix: "").map { ("assets/" + $0.name, $0.bytes) }
        if let codeHighlighter { assets += codeHighlighterAssets(in: codeHighlighter) }
        return try TemplateSet(templates: templates, strings: strings, assets: assets)
    }

    /// The `*.yml` files of a strings folder, text by file name; empty when there is no folder.
    static func readStrings(in folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".yml") && !name.hasPrefix(".") {
            files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    /// The strings for a locale: its own, then its language's, then en-US, key by key
    /// (`InterfaceStringTables.chain(for:)`).
    public func strings(for locale: String) -> InterfaceStrings { strings.strings(for: locale) }

    /// swift-mustache escapes HTML a Character at a time through a dictionary; templates that declare
    /// `{{% CONTENT_TYPE: HTML }}` get the same escaping done on UTF-8 bytes instead.
    private static let fastEscaping: Bool = {
        MustacheContentTypes.register(ByteHTMLContentType(), named: "HTML")
        return true
    }()

    private struct ByteHTMLContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }

    /// Whether the set holds a template of this name.
    package func has(_ name: String) -> Bool { library.getTemplate(named: name) != nil }

    package func render(_ context: [String: Any], template: String) -> String? {
        library.render(context, withTemplate: template)
    }

    /// Stands for the page's HTML while the template renders; the HTML is put in its place afterwards,
    /// so the largest value of a page never goes through Mustache's string handling.
    static let contentMarker = "\u{1}diglot:content\u{1}"

    /// Renders a page template. `shared` holds what many pages have in common (named by `sharedKey`:
    /// the same key must always come with the same values); `values` holds each page's own strings;
    /// `content` is the page's HTML, inserted as it is.
    ///
    /// Mustache runs once per shape (shared key and which page values are present), with markers for
    /// the page values; each page then fills the markers in, escaping a value where the template
    /// escaped its marker. The output is the same as a full render's (a test holds them equal); a
    /// template that transforms values, or whose output the markers do not survive, is rendered in
    /// full for every page.
    package func renderPage(_ template: String, shared: [String: Any], sharedKey: String, values: [String: String], content: [UInt8],
                    html: [String: [UInt8]] = [:]) -> [UInt8]? {
        let present = values.filter { !$0.value.isEmpty }
        let names = present.keys.sorted()
        let htmlNames = html.filter { !$0.value.isEmpty }.keys.sorted()
        if framesAllowed {
            let shapeKey = template + "\u{0}" + sharedKey + "\u{0}" + names.joined(separator: "\u{0}") + "\u{0}\u{0}" + htmlNames.joined(separator: "\u{0}")
            let frame = frames.frame(for: shapeKey) {
                var context = shared
                for (index, name) in names.enumerated() { context[name] = Self.marker(index) }
                for (index, name) in htmlNames.enumerated() { context[name] = Self.htmlMarker(index) }
                context["content"] = Self.contentMarker
                return library.render(context, withTemplate: template).flatMap { PageFrame(rendered: $0, slots: names.count, htmlSlots: htmlNames.count) }
            }
            if let frame {
                return frame.fill(names.map { present[$0]! }, content: content, html: htmlNames.map { html[$0]! })
            }
        }
        var context = shared
        for (name, value) in present { context[name] = value }
        for name in htmlNames { context[name] = String(decoding: html[name]!, as: UTF8.self) }
        return render(context, template: template, content: content)
    }

    /// `\u{1}hN\u{1}`: a value that is HTML already (a sidebar, breadcrumbs), put in as it is.
    static func htmlMarker(_ index: Int) -> String { "\u{1}h\(index)\u{1}" }

    /// `\u{1}N&\u{1}`: the `&` shows whether the template escaped the value (`&amp;`) or not.
    static func marker(_ index: Int) -> String { "\u{1}\(index)&\u{1}" }

    /// Renders a template in full, with `content` inserted as it is where the template puts `content`.
    func render(_ context: [String: Any], template: String, content: [UInt8]) -> [UInt8]? {
        var context = context
        context["content"] = Self.contentMarker
        guard let html = library.render(context, withTemplate: template) else { return nil }
        guard let frame = PageFrame(rendered: html, slots: 0, htmlSlots: 0) else { return Array(html.utf8) }
        return frame.fill([], content: content, html: [])
    }
}

/// A page template rendered once, cut at the markers of the values each page fills in.
struct PageFrame: Sendable {
    enum Piece: Sendable {
        case literal([UInt8])
        case value(Int, escaped: Bool)
        case html(Int)
        case content
    }

    let pieces: [Piece]

    /// Nil when the rendered text holds a marker that is not one of ours.
    init?(rendered: String, slots: Int, htmlSlots: Int) {
        var pieces: [Piece] = []
        let bytes = Array(rendered.utf8)
        let content = Array(TemplateSet.contentMarker.utf8)
        var literalStart = 0
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x01 else { i += 1; continue }
            guard let close = bytes[(i + 1)...].firstIndex(of: 0x01) else { return nil }
            let inner = bytes[(i + 1)..<close]
            let piece: Piece
            if bytes[i...close].elementsEqual(content) {
                piece = .content
            } else if inner.first == UInt8(ascii: "h"), let index = Int(String(decoding: inner.dropFirst(), as: UTF8.self)), index < htmlSlots {
                piece = .html(index)
            } else if let amp = inner.firstIndex(of: UInt8(ascii: "&")),
                      let index = Int(String(decoding: inner[inner.startIndex..<amp], as: UTF8.self)), index < slots {
                let rest = String(decoding: inner[amp...], as: UTF8.self)
                guard rest == "&" || rest == "&amp;" else { return nil }
                piece = .value(index, escaped: rest == "&amp;")
            } else {
                return nil
            }
            if i > literalStart { pieces.append(.literal(Array(bytes[literalStart..<i]))) }
            pieces.append(piece)
            i = close + 1
            literalStart = i
        }
        if literalStart < bytes.count { pieces.append(.literal(Array(bytes[literalStart...]))) }
        self.pieces = pieces
    }

    func fill(_ values: [String], content: [UInt8], html: [[UInt8]]) -> [UInt8] {
        var out = HTMLWriter(capacity: content.count + html.reduce(0) { $0 + $1.count } + 8_192)
        for piece in pieces {
            switch piece {
            case .literal(let bytes): out.raw(bytes: bytes[...])
            case .value(let index, let escaped): if escaped { out.text(values[index]) } else { out.raw(values[index]) }
            case .html(let index): out.raw(bytes: html[index][...])
            case .content: out.raw(bytes: content[...])
            }
        }
        return out.bytes
    }
}

/// Page frames by shape, shared by the threads that render pages.
final class FrameCache: @unchecked Sendable {
    private let lock = NSLock()
    private var frames: [String: PageFrame?] = [:]

    func frame(for key: String, make: () -> PageFrame?) -> PageFrame? {
        lock.lock()
        if let known = frames[key] { lock.unlock(); return known }
        lock.unlock()
        let made = make()
        lock.lock()
        frames[key] = made
        lock.unlock()
        return made
    }
}

/// A small cache of the last `capacity` values computed, by equal keys (most recent first).
final class RecentValues<Key: Equatable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: Key, value: Value)] = []
    private let capacity: Int
    private var count = 0
    /// How many values were made, not found.
    var made: Int { lock.withLock { count } }

    init(capacity: Int) { self.capacity = capacity }

    /// The value kept for `key`, or `make()`'s, kept. Two threads asking for the same new key may both make it.
    func value(for key: Key, make: () throws -> Value) rethrows -> Value {
        if let value = lock.withLock({ entries.first { $0.key == key }?.value }) { return value }
        let value = try make()
        lock.withLock {
            count += 1
            entries.removeAll { $0.key == key }
            entries.insert((key, value), at: 0)
            if entries.count > capacity { entries.removeLast() }
        }
        return value
    }
}
