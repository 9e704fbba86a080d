import Foundation

/// What one page gives the rest of the site, kept by the build cache (`.diglot-pages`, see
/// `PageCache`) so that a page whose inputs did not change is not parsed again: its metadata, titles,
/// heading ids, anchors and links, unit count, monikers, xrefs nothing declares, findings, the bytes
/// its includes took in and which files they read; and what the last build rendered of it (the
/// fingerprint of what its views showed of other pages, and the lengths of its search entries).
struct PageSummary: Codable, Sendable {
    struct Link: Codable, Sendable {
        var d: String
        var l: SourceLocation
        var f: Bool
    }

    struct Reference: Codable, Sendable {
        var uid: String
        var l: SourceLocation
    }

    /// `SiteResolver.Shape`, as stored.
    struct Shape: Codable, Sendable {
        var ids: [String]
        var title: String
        var sourceTitle: String
        var units: Int
        var anchors: [String]
        var links: [Link]
        var diagnostics: [Diagnostic]
        var bytes: Int
        var monikers: [String]
        var code: Bool
        var unresolved: [Reference]
    }

    var metadata: Metadata
    var supported: Bool
    var mayInclude: Bool
    var sourceBytes: Int
    var plain: Shape
    var expansion: Shape?
    var titled: Bool
    var includeFiles: [String]
    /// The fingerprint of the page's inputs (its file and the files its includes read), set by the build.
    var inputs: String = ""
    /// The fingerprint of what the page's views show of other pages and of the site (`SiteRenderer.renderFingerprints`).
    var render: String = ""
    /// The lengths of its entries in its search indexes, in bytes (0: none).
    var targetEntry: Int = 0
    var sourceEntry: Int = 0

    init(_ facts: SiteResolver.Facts) {
        metadata = facts.skeleton.metadata
        supported = facts.supported
        mayInclude = facts.mayInclude
        sourceBytes = facts.sourceBytes
        plain = Shape(facts.plain)
        expansion = facts.expansion.map(Shape.init)
        titled = facts.titled
        includeFiles = facts.includeFiles.sorted()
    }

    /// The facts the resolve stage would have found by parsing the page.
    func facts(path: String) -> SiteResolver.Facts {
        var facts = SiteResolver.Facts(skeleton: Page(path: path, metadata: metadata, blocks: []), supported: supported, mayInclude: mayInclude,
                                       sourceBytes: sourceBytes, plain: SiteResolver.Shape(plain, path: path),
                                       expansion: expansion.map { SiteResolver.Shape($0, path: path) })
        facts.titled = titled
        facts.includeFiles = Set(includeFiles)
        facts.cached = true
        return facts
    }
}

extension PageSummary.Shape {
    init(_ shape: SiteResolver.Shape) {
        ids = shape.ids
        title = shape.titles.target
        sourceTitle = shape.titles.source
        units = shape.units
        anchors = shape.links.anchors.sorted()
        links = shape.links.links.map { PageSummary.Link(d: $0.0, l: $0.1, f: $0.2) }
        diagnostics = shape.diagnostics
        bytes = shape.bytes
        monikers = shape.monikers
        code = shape.code
        unresolved = shape.unresolvedXrefs.map { PageSummary.Reference(uid: $0.uid, l: $0.location) }
    }
}

extension SiteResolver.Shape {
    init(_ stored: PageSummary.Shape, path: String) {
        ids = stored.ids
        titles = (stored.title, stored.sourceTitle)
        units = stored.units
        links = LinkChecker.Collected(path: path, anchors: Set(stored.anchors), links: stored.links.map { ($0.d, $0.l, $0.f) })
        diagnostics = stored.diagnostics
        bytes = stored.bytes
        monikers = stored.monikers
        code = stored.code
        unresolvedXrefs = stored.unresolved.map { XrefMap.Unresolved(uid: $0.uid, location: $0.l) }
    }
}

/// `.diglot-pages` in the output: the global fingerprint of the last build (everything every page
/// depends on: the tool, the options, the templates, the content's files that are not pages, TOCs or
/// includes, the set of content paths, the site's uids) and each page's summary. See `SiteBuilder.build`.
struct PageCache: Codable {
    static let fileName = ".diglot-pages"

    var global: String
    /// `ResolvedSite.xrefDigest` of the last build.
    var xrefs: String
    var pages: [String: PageSummary]
    /// Every page of the build has a summary and recorded search entry lengths (their index files can be cut).
    var complete: Bool

    static func read(from output: URL) -> PageCache? {
        guard let text = OutputWriter.ownFile(output.appendingPathComponent(fileName).path) else { return nil }
        return try? JSONDecoder().decode(PageCache.self, from: Data(text.utf8))
    }

    var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data())
    }
}
