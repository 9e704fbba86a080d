import Foundation

/// The resolve stage's link checks, across the whole build: every relative link leads to a page of the
/// build (or a file of the content) and its `#anchor` exists there; every image a page shows is in the
/// content. External links are not checked.
struct LinkChecker: Sendable {
    /// Per page of the build (by lower-cased content path): its path and the anchors it holds.
    private let pages: [String: (path: String, anchors: Set<String>)]
    /// Every file of the content folder, by its lower-cased path.
    private let files: [String: String]

    /// Per page (by content path): its links and images, found in the same walk as its anchors.
    private let links: [String: [(String, SourceLocation, Bool)]]

    /// A page's anchors (its heading ids and written anchors) and its links and images, in one walk.
    struct Collected: Sendable {
        var path: String
        var anchors: Set<String>
        var links: [(String, SourceLocation, Bool)]
    }

    static func collect(_ page: Page, headingIDs: [String]) -> Collected {
        var walker = LinkCollector()
        walker.walk(page.blocks)
        return Collected(path: page.path, anchors: walker.anchors.union(headingIDs), links: walker.links)
    }

    /// From every page's anchors and links, collected page by page (the pages' models need not be kept).
    init(collected: [Collected], files: [String]) {
        var table: [String: (String, Set<String>)] = [:]
        var links: [String: [(String, SourceLocation, Bool)]] = [:]
        for page in collected {
            table[page.path.lowercased()] = (page.path, page.anchors)
            links[page.path] = page.links
        }
        self.pages = table
        self.links = links
        self.files = Dictionary(files.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether `path` is a file of the content, spelled as the listing spells it.
    func isContentFile(_ path: String) -> Bool { files[path.lowercased()] == path }

    /// A missing image, with the places that show it.
    struct MissingMedia {
        var path: String
        var places: [(file: String, location: SourceLocation)]
    }

    /// One page's link check.
    struct Result: Sendable {
        /// Broken links and missing anchors.
        var diagnostics: [Diagnostic]
        /// The images it shows that are not there, with where.
        var missingMedia: [(path: String, location: SourceLocation)]
        /// The content paths of the images it shows and the other files it links to that are there
        /// (to be copied into the site).
        var foundMedia: [String]
    }

    /// Broken links and missing anchors of one page, and the images it shows that are not there.
    func check(path: String) -> Result {
        var diagnostics: [Diagnostic] = []
        var missing: [(String, SourceLocation)] = []
        var found: [String] = []
        var seen = Set<Seen>()
        for (destination, location, isImage) in links[path] ?? [] {
            // External links are not checked: leave them before any other work.
            if !destination.hasPrefix("#") && !LinkResolver.isRelativePageLink(destination) { continue }
            guard seen.insert(Seen(destination: destination, location: location)).inserted else { continue }
            if isImage || LinkChecker.isMedia(destination) {
                guard let target = LinkResolver.contentPath(of: destination, from: path) else { continue }
                if let actual = files[target.path.lowercased()] { found.append(actual) } else { missing.append((target.path, location)) }
                continue
            }
            if destination.hasPrefix("#") {
                let anchor = String(destination.dropFirst()).removingPercentEncoding ?? String(destination.dropFirst())
                if !anchor.isEmpty, let own = pages[path.lowercased()], !own.anchors.contains(anchor) {
                    diagnostics.append(Diagnostic(file: path, location: location, code: .missingAnchor, stage: .resolve,
                                                  message: "the anchor #\(anchor) is not on this page"))
                }
                continue
            }
            guard LinkResolver.isRelativePageLink(destination), let target = LinkResolver.contentPath(of: destination, from: path) else { continue }
            if Docset.isPageFile(target.path) {
                guard let linked = pages[target.path.lowercased()] else {
                    let why = files[target.path.lowercased()] != nil ? "is not in the build (a docset's globs leave it out)" : "does not exist"
                    diagnostics.append(Diagnostic(file: path, location: location, code: .brokenLink, stage: .resolve,
                                                  message: "the link to \(destination) leads nowhere: \(target.path) \(why)"))
                    continue
                }
                if let anchor = target.anchor, !anchor.isEmpty, !linked.anchors.contains(anchor) {
                    diagnostics.append(Diagnostic(file: path, location: location, code: .missingAnchor, stage: .resolve,
                                                  message: "the anchor #\(anchor) is not on \(linked.path)"))
                }
            } else if let actual = files[target.path.lowercased()] {
                found.append(actual)  // a file the page links to (a PDF, say): copied with the site
            } else if !target.path.hasSuffix("/") {
                diagnostics.append(Diagnostic(file: path, location: location, code: .brokenLink, stage: .resolve,
                                              message: "the link to \(destination) leads nowhere: \(target.path) does not exist"))
            }
        }
        return Result(diagnostics: diagnostics, missingMedia: missing, foundMedia: found)
    }

    /// TOC entries that open a section of a page (`href: page.md#section`): the page holds the
    /// anchor, as a link's would (DG602, where the href is written). Entries of TOC files named in
    /// several places are reported once. A page that is not in the build was reported when the TOC was read.
    func check(tocs: [[TOCNode]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen = Set<String>()
        func walk(_ nodes: [TOCNode]) {
            for node in nodes {
                if let anchor = node.anchor, let origin = node.origin, let page = node.page, let linked = pages[page.lowercased()],
                   !linked.anchors.contains(anchor), seen.insert("\(origin.file):\(origin.location)").inserted {
                    diagnostics.append(Diagnostic(file: origin.file, location: origin.location, code: .missingAnchor, stage: .resolve,
                                                  message: "the TOC entry's anchor #\(anchor) is not on \(linked.path): the entry opens the page at its top"))
                }
                walk(node.children)
            }
        }
        for toc in tocs { walk(toc) }
        return diagnostics
    }

    private struct Seen: Hashable {
        var destination: String
        var location: SourceLocation
    }

    private static let mediaExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp"]

    /// Links to pictures (`[![alt](a.png)](a.png#lightbox)`) count as images.
    static func isMedia(_ destination: String) -> Bool {
        let utf8 = destination.utf8
        let end = utf8.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? utf8.endIndex
        guard let dot = utf8[..<end].lastIndex(of: UInt8(ascii: ".")) else { return false }
        let ext = utf8[utf8.index(after: dot)..<end]
        guard ext.count >= 3, ext.count <= 4, !ext.contains(UInt8(ascii: "/")) else { return false }
        return mediaExtensions.contains(String(decoding: ext, as: UTF8.self).lowercased())
    }
}

/// Every link and image of a page, with where it is written (both sides of every unit), and the
/// anchors written in raw HTML (`<a name="x">`, `<a id="x">`) besides the heading ids.
private struct LinkCollector: ModelWalker {
    var links: [(String, SourceLocation, Bool)] = []
    var anchors = Set<String>()

    mutating func visit(_ block: Block) {
        if case .figure(let figure) = block.kind, !figure.source.isEmpty, LinkResolver.isRelativePageLink(figure.source) {
            links.append((figure.source, block.range.start, true))
            if let lightbox = figure.lightbox, !lightbox.isEmpty { links.append((lightbox, block.range.start, true)) }
        }
        descend(into: block)
    }

    mutating func visit(_ inline: Inline) {
        switch inline.kind {
        case .link(let link): links.append((link.destination, inline.range.start, false))
        case .image(let image) where LinkResolver.isRelativePageLink(image.source): links.append((image.source, inline.range.start, true))
        case .html(let raw) where raw.hasPrefix("<a"):
            if case .anchorOpen(let name) = HTMLTag(raw) {
                anchors.insert(name)
            } else if raw.containsBytes("href"), let href = HTMLTag.attributes(in: raw.dropFirst(2)).first(where: { $0.name == "href" })?.value, !href.isEmpty {
                links.append((href, inline.range.start, false))  // `<a href="page.md">` written in raw HTML
            }
        case .html(let raw) where raw.hasPrefix("<img"):
            if let src = HTMLTag.attributes(in: raw.dropFirst(4)).first(where: { $0.name == "src" })?.value, LinkResolver.isRelativePageLink(src) {
                links.append((src, inline.range.start, true))
            }
        default: break
        }
        descend(into: inline)
    }
}
