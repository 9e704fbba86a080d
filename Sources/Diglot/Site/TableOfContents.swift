import Foundation
import Yams

/// A docset's navigation, from its `TOC.yml` (or `TOC.md`): nested entries, each naming a page of the
/// build, an outside address, or nothing (a section heading).
public struct TOCNode: Sendable, Equatable {
    public var name: String
    /// The content path of the page this entry opens, when it is a page of the content.
    public var page: String?
    /// An address outside the content (`https://…`, or a site path).
    public var url: String?
    public var expanded: Bool
    public var children: [TOCNode]
    /// The section of `page` the entry opens (`href: page.md#section`, DocFX's TOC `href` with a
    /// fragment), without the `#`; the page is still the entry's page (sidebar, pager, breadcrumbs).
    public var anchor: String?
    /// Where the href with the anchor is written, for the resolve stage's check that the page has
    /// the section (DG602); nil for entries with no anchor.
    public var origin: Origin?
    /// The uid the entry names instead of an href (DocFX's TOC `uid:` or `topicUid:`), until the
    /// resolve stage puts the page that declares it in `page` (`XrefMap.resolve(tocs:)`).
    public var uid: String?

    public struct Origin: Sendable, Equatable {
        public var file: String
        public var location: SourceLocation
    }

    public init(name: String, page: String? = nil, url: String? = nil, expanded: Bool = false, children: [TOCNode] = [],
                anchor: String? = nil, origin: Origin? = nil) {
        self.name = name
        self.page = page
        self.url = url
        self.expanded = expanded
        self.children = children
        self.anchor = anchor
        self.origin = origin
    }

    /// `#section` for an entry that opens a section of its page (escaped for `href`), `""` otherwise.
    var fragment: String {
        guard let anchor, !anchor.isEmpty else { return "" }
        return LinkResolver.escapedForHref("#" + anchor)
    }
}

extension TOCNode {
    /// The page, address and section an href names, with where the href is written.
    fileprivate mutating func take(_ target: (page: String?, url: String?, toc: String?, anchor: String?), at href: Node, file: String) {
        page = target.page
        url = target.url
        anchor = target.page == nil ? nil : target.anchor
        origin = anchor == nil ? nil : Origin(file: file, location: href.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1))
    }
}

/// Reads TOC files (load stage): `TOC.yml` lists of `name`, `href`, `topicHref`, `items`, `expanded`;
/// an `href` to a folder (`sub/`) or to another TOC file nests that TOC; `TOC.md` is DocFX's markdown
/// form (`# [Name](href)`, deeper headings nest).
public enum TOCLoader {
    /// The names DocFX looks for, in order.
    static let names = ["toc.yml", "toc.md"]
    /// The most entries one docset's TOC may hold, nested TOC files included at every place they are
    /// named: 50,000 (the corpora's largest holds 583). TOC files that each name the next ten
    /// times would otherwise grow ten times per file.
    static let maxEntries = 50_000
    /// The deepest a docset's TOC may nest, across TOC files: 32 levels (the corpora's deepest is 6).
    static let maxDepth = 32

    /// The TOC at the top of a docset's folder, with nested TOCs read through `read` (without one,
    /// the TOCs of its subfolders that hold some of its `pages`, but for those under `excluding`, the
    /// folders of other docsets).
    /// Each TOC file is read once; past `maxEntries` or `maxDepth` the rest is left out and reported (DG502).
    public static func load(folder: String, files: [String], excluding: [String] = [], pages: [String] = [],
                            read: (String) -> String?) -> ([TOCNode], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var visiting = Set<String>()
        /// Each TOC file's entries once read, and how many entries they hold in all.
        var loaded: [String: (nodes: [TOCNode], size: Int, height: Int)] = [:]
        var entries = 0
        var exhausted = false
        /// Counts `count` more entries; false (reported once) when that passes `maxEntries`.
        func admit(_ count: Int, file: String, at mark: Mark?) -> Bool {
            guard !exhausted else { return false }
            entries += count
            guard entries > maxEntries else { return true }
            exhausted = true
            diagnostics.append(Diagnostic(file: file, location: mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1),
                                          code: .tocProblem, stage: .load,
                                          message: "the docset's TOC would hold more than \(maxEntries) entries (nested TOC files count at every place they are named): the rest is left out"))
            return false
        }
        let lowerFiles = Dictionary(files.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

        func find(in folder: String) -> String? {
            for name in names {
                let path = (folder.isEmpty ? name : folder + "/" + name).lowercased()
                if let actual = lowerFiles[path] { return actual }
            }
            return nil
        }

        func loadFile(_ path: String, depth: Int, from href: Node? = nil, in file: String? = nil) -> [TOCNode] {
            if let done = loaded[path.lowercased()] {
                // Read once; where it is named again, its entries count again, and so does its depth.
                guard depth + done.height <= maxDepth else {
                    if !exhausted {
                        exhausted = true
                        diagnostics.append(Diagnostic(file: file ?? path, location: href?.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1),
                                                      code: .tocProblem, stage: .load,
                                                      message: "the docset's TOC nests more than \(maxDepth) levels deep (nested TOC files included): the rest is left out"))
                    }
                    return []
                }
                return admit(done.size, file: file ?? path, at: href?.mark) ? done.nodes : []
            }
            guard visiting.insert(path.lowercased()).inserted else {
                diagnostics.append(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: .tocProblem, stage: .load, message: "this TOC includes itself"))
                return []
            }
            defer { visiting.remove(path.lowercased()) }
            let before = entries
            let nodes = parseFile(path, depth: depth)
            loaded[path.lowercased()] = (nodes, entries - before, height(nodes))
            return nodes
        }

        func height(_ nodes: [TOCNode]) -> Int {
            nodes.map { 1 + height($0.children) }.max() ?? 0
        }

        func parseFile(_ path: String, depth: Int) -> [TOCNode] {
            guard let text = read(path) else { return [] }
            let base = String(PathText.folder(of: path))
            if path.lowercased().hasSuffix(".md") { return markdownTOC(text, path: path, base: base, resolve: resolve, diagnostics: &diagnostics) }
            let node: Node
            do {
                guard let composed = try YAMLLoader.compose(text) else { return [] }
                node = composed
            } catch {
                diagnostics.append(YAMLLoader.diagnostic(error, file: path, code: .tocProblem, what: "the TOC"))
                return []
            }
            let items = node.sequence ?? node.mapping?["items"]?.sequence
            return (items ?? []).compactMap { entry(from: $0, base: base, file: path, depth: depth) }
        }

        /// An href that names a page or TOC of the content which is not there is reported where it
        /// stands; the entry stays, as text.
        func checkTarget(_ target: (page: String?, url: String?, toc: String?, anchor: String?), href: Node, file: String) {
            guard target.url == nil, target.toc == nil else { return }
            if let page = target.page, lowerFiles[page.lowercased()] != nil { return }
            let location = href.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
            diagnostics.append(Diagnostic(file: file, location: location, code: .brokenLink, stage: .load,
                                          message: "the TOC entry's href \(href.string ?? "") leads to no file of the content; the entry is shown as text"))
        }

        func resolve(_ href: String, base: String) -> (page: String?, url: String?, toc: String?, anchor: String?) {
            if href.contains("://") || href.hasPrefix("/") || href.hasPrefix("mailto:") { return (nil, href, nil, nil) }
            // `page.md#section` opens the page at that section; `~/` starts at the docset's folder (DocFX).
            var href = Substring(href)
            var anchor: String? = nil
            if let hash = href.firstIndex(of: "#") {
                anchor = String(href[href.index(after: hash)...]).removingPercentEncoding ?? String(href[href.index(after: hash)...])
                href = href[..<hash]
            }
            var base = base
            if LinkResolver.isDocsetRooted(String(href)) {
                base = folder
                href = href.dropFirst(2)
            }
            let clean = PathText.forwardSlashes(String(href))
            var segments = PathText.segments(base).map(String.init)
            for part in PathText.segments(clean) {
                if part == "." { continue }
                if part == ".." { if !segments.isEmpty { segments.removeLast() } } else { segments.append(String(part)) }
            }
            let path = segments.joined(separator: "/")
            if clean.hasSuffix("/") { return (nil, nil, find(in: path), nil) }
            let lower = path.lowercased()
            if names.contains(where: { lower.hasSuffix("/" + $0) || lower == $0 }) { return (nil, nil, lowerFiles[lower], nil) }
            if path.isEmpty, let anchor { return (nil, "#" + anchor, nil, nil) }  // `#x` alone: an address as written
            return (lowerFiles[lower] ?? path, nil, nil, anchor?.isEmpty == false ? anchor : nil)
        }

        /// An href whose URL is unsafe (`javascript://…` passes for an address) makes no link.
        func isSafe(_ key: String, of map: Node.Mapping, file: String) -> Bool {
            guard let value = map[key], let href = value.string, let scheme = URLSafety.unsafeScheme(href) else { return true }
            let at = value.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
            diagnostics.append(Diagnostic(file: file, location: at, code: .unsafeURL, stage: .load,
                                          message: "the TOC's \(key) \"\(ActiveContent.shown(href))\" (\(scheme)) makes no link"))
            return false
        }

        func entry(from node: Node, base: String, file: String, depth: Int) -> TOCNode? {
            guard let map = node.mapping else { return nil }
            if depth >= maxDepth {
                if !exhausted {
                    exhausted = true
                    diagnostics.append(Diagnostic(file: file, location: node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1),
                                                  code: .tocProblem, stage: .load,
                                                  message: "the docset's TOC nests more than \(maxDepth) levels deep (nested TOC files included): the rest is left out"))
                }
                return nil
            }
            guard admit(1, file: file, at: node.mark) else { return nil }
            let name = map["name"]?.string ?? map["displayName"]?.string ?? ""
            var result = TOCNode(name: name, expanded: map["expanded"]?.string?.lowercased() == "true")
            if let href = map["href"]?.string, !href.isEmpty, isSafe("href", of: map, file: file) {
                let target = resolve(href, base: base)
                checkTarget(target, href: map["href"]!, file: file)
                if let toc = target.toc {
                    result.children = loadFile(toc, depth: depth + 1, from: map["href"], in: file)
                } else {
                    result.take(target, at: map["href"]!, file: file)
                }
            }
            if let topic = map["topicHref"]?.string, !topic.isEmpty, isSafe("topicHref", of: map, file: file) {
                let target = resolve(topic, base: base)
                checkTarget(target, href: map["topicHref"]!, file: file)
                result.take(target, at: map["topicHref"]!, file: file)
            }
            if result.page == nil, result.url == nil, let uid = (map["uid"] ?? map["topicUid"])?.string, !uid.isEmpty {
                result.uid = uid
                let at = (map["uid"] ?? map["topicUid"])?.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
                result.origin = result.origin ?? TOCNode.Origin(file: file, location: at)
            }
            if let items = map["items"]?.sequence {
                result.children += items.compactMap { entry(from: $0, base: base, file: file, depth: depth + 1) }
            }
            return result.name.isEmpty && result.page == nil && result.uid == nil && result.children.isEmpty ? nil : result
        }

        if let top = find(in: folder) { return (loadFile(top, depth: 0), diagnostics) }
        // No TOC at the docset's top: a localized repository often lacks docfx.json (it stays in the
        // English one) and keeps its TOC in a subfolder (`business-central/TOC.md`). Each page gets
        // its nearest TOC as DocFX finds one, in its folder or a parent: the TOC files below that no
        // other TOC file's folder holds, outside other docsets and breadcrumb folders, beside or above
        // some of the docset's pages; one is the docset's TOC, several are its sections, each named
        // by its folder.
        let candidates = files.filter { path in
            let parts = PathText.segments(path.lowercased())
            guard let name = parts.last, names.contains(String(name)), Docset.strip(folder, from: path) != nil,
                  !parts.dropLast().contains("breadcrumb") else { return false }
            guard !excluding.contains(where: { Docset.strip($0, from: path) != nil }) else { return false }
            let folder = String(PathText.folder(of: path))
            return pages.contains { Docset.strip(folder, from: $0) != nil }
        }.sorted()
        func folderOf(_ path: String) -> String { String(PathText.folder(of: path)) }
        let tops = candidates.filter { path in
            !candidates.contains { other in other != path && Docset.strip(folderOf(other), from: folderOf(path)) != nil }
        }
        // Of two TOC files in one folder, DocFX's order of names decides.
        var byFolder: [String: String] = [:]
        for path in tops where byFolder[folderOf(path).lowercased()] == nil { byFolder[folderOf(path).lowercased()] = find(in: folderOf(path)) }
        let chosen = byFolder.values.sorted()
        if chosen.count == 1 { return (loadFile(chosen[0], depth: 0), diagnostics) }
        return (chosen.map { path in
            TOCNode(name: String(PathText.name(of: folderOf(path))), children: loadFile(path, depth: 1))
        }, diagnostics)
    }

    /// `# [Name](href)` lines; a deeper heading nests under the one before it.
    static func markdownTOC(_ text: String, path: String, base: String, resolve: (String, String) -> (page: String?, url: String?, toc: String?, anchor: String?),
                            diagnostics: inout [Diagnostic]) -> [TOCNode] {
        let page = PageParser.parse(SourceFile(path: path, text: text)).page
        var stack: [(level: Int, node: TOCNode)] = [(0, TOCNode(name: ""))]
        func close(to level: Int) {
            while stack.count > 1, stack[stack.count - 1].level >= level {
                let done = stack.removeLast().node
                stack[stack.count - 1].node.children.append(done)
            }
        }
        for block in page.blocks {
            guard case .heading(let heading) = block.kind else { continue }
            var node = TOCNode(name: PlainText.of(heading.content))
            if let link = heading.content.first(where: { if case .link = $0.kind { return true } else { return false } }),
               case .link(let l) = link.kind {
                if let scheme = URLSafety.unsafeScheme(l.destination) {
                    diagnostics.append(Diagnostic(file: path, location: link.range.start, code: .unsafeURL, stage: .load,
                                                  message: "the TOC's link \"\(ActiveContent.shown(l.destination))\" (\(scheme)) makes no link"))
                } else {
                    let target = resolve(l.destination, base)
                    node.page = target.page
                    node.url = target.url
                    if let anchor = target.anchor, target.page != nil {
                        node.anchor = anchor
                        node.origin = TOCNode.Origin(file: path, location: link.range.start)
                    }
                }
            }
            close(to: heading.level)
            stack.append((heading.level, node))
        }
        close(to: 1)
        return stack[0].node.children
    }
}

/// A docset's TOC as the site shows it (issue 12: the whole TOC was repeated in every page, 35 KB of a
/// 48 KB page). It is written once per docset and view, in two forms, and each page carries only its
/// own part:
/// - `toc.js` (`script`), the entries as data, which `assets/diglot.js` turns into the sidebar with
///   the page marked and the sections above it open;
/// - `toc.html` (`tree`, through the page template), the whole TOC as nested lists and `<details>`, for
///   readers without script;
/// - in each page, `branch`: a link to `toc.html` and the entries beside the page (its section's
///   entries, the page marked, its own entries under it), which the script replaces.
final class SidebarCache: @unchecked Sendable {
    /// Per docset: nodes in depth-first order with their parent index.
    private let flat: [[(node: TOCNode, parent: Int?)]]
    /// Per docset: the first node that opens each page.
    private let nodeOfPage: [[String: Int]]

    init(tocs: [[TOCNode]]) {
        var flat: [[(TOCNode, Int?)]] = []
        var nodeOfPage: [[String: Int]] = []
        for toc in tocs {
            var list: [(TOCNode, Int?)] = []
            var pages: [String: Int] = [:]
            func add(_ nodes: [TOCNode], parent: Int?) {
                for node in nodes {
                    let index = list.count
                    list.append((node, parent))
                    // The entry that opens the page itself, where one does, rather than one of its sections.
                    if let page = node.page, pages[page].map({ node.anchor == nil && list[$0].0.anchor != nil }) ?? true { pages[page] = index }
                    add(node.children, parent: index)
                }
            }
            add(toc, parent: nil)
            flat.append(list)
            nodeOfPage.append(pages)
        }
        self.flat = flat
        self.nodeOfPage = nodeOfPage
    }

    /// Whether a docset has a TOC with entries.
    func hasTOC(docset: Int) -> Bool { docset < flat.count && !flat[docset].isEmpty }

    /// The pages of a docset in TOC order (for previous and next).
    func order(docset: Int) -> [String] {
        guard docset < flat.count else { return [] }
        var seen = Set<String>()
        return flat[docset].compactMap { $0.node.page }.filter { seen.insert($0).inserted }
    }

    /// The TOC entries above a page, top first (for breadcrumbs).
    func ancestors(of page: String, docset: Int) -> [TOCNode] {
        guard docset < flat.count, var index = nodeOfPage[docset][page] else { return [] }
        var chain: [TOCNode] = []
        while let parent = flat[docset][index].parent {
            chain.insert(flat[docset][parent].node, at: 0)
            index = parent
        }
        return chain
    }

    /// The whole TOC as nested lists, sections as `<details>` (open where the TOC says `expanded`),
    /// links made by `href` (nil: the entry is text); a page's own entries are listed under its link.
    func tree(docset: Int, label: String, href: (String) -> String?, title: (TOCNode) -> TOCLabel) -> [UInt8] {
        guard hasTOC(docset: docset) else { return [] }
        let list = flat[docset]
        var out = HTMLWriter(capacity: 32_768)
        out.raw("<nav class=\"toc\" aria-label=\""); out.text(label); out.raw("\">\n<ul>\n")
        var index = 0
        func write() {
            // Writes the node at `index` and its children, then moves past them.
            let here = index
            let node = list[here].node
            index += 1
            out.raw("<li>")
            if node.children.isEmpty {
                Self.anchor(node, &out, href: href, title: title, current: false)
            } else if node.page.flatMap(href) != nil || node.url != nil {
                // A page with pages under it: its link, then its entries shown, as a link inside a
                // <summary> would nest one control in another (axe: nested-interactive).
                Self.anchor(node, &out, href: href, title: title, current: false)
                out.raw("\n<ul>\n")
                while index < list.count, list[index].parent == here { write() }
                out.raw("</ul>")
            } else {
                out.raw(node.expanded ? "<details open><summary>" : "<details><summary>")
                Self.anchor(node, &out, href: href, title: title, current: false)
                out.raw("</summary>\n<ul>\n")
                while index < list.count, list[index].parent == here { write() }
                out.raw("</ul></details>")
            }
            out.raw("</li>\n")
        }
        while index < list.count { write() }
        out.raw("</ul>\n</nav>\n")
        return out.bytes
    }

    /// A page's sidebar as the page carries it: a link to the TOC page (`tocHref`), then the entries of
    /// the page's section (its siblings in the TOC, the page marked `aria-current`) with the page's own
    /// entries under it. `data-toc-base` (the way from the page to its view's folder) and `data-page`
    /// (the page's path in the view) let the script put the whole TOC in its place; `foreign` holds
    /// its `data-foreign-lang` (and `-dir`) in the English view, for the names that have no English.
    func branch(docset: Int, page: String, pathInView: String, viewBase: String, label: String, tocHref: String, foreign: String = "",
                href: (String) -> String?, title: (TOCNode) -> TOCLabel) -> [UInt8] {
        guard hasTOC(docset: docset) else { return [] }
        let list = flat[docset]
        let here = nodeOfPage[docset][page]
        let parent = here.flatMap { list[$0].parent }
        var out = HTMLWriter(capacity: 2_048)
        out.raw("<nav class=\"toc\" aria-label=\""); out.text(label)
        out.raw("\" data-toc-base=\""); out.text(viewBase); out.raw("\" data-page=\""); out.text(pathInView); out.raw("\""); out.raw(foreign); out.raw(">\n")
        out.raw("<p class=\"toc-all\"><a href=\""); out.text(tocHref); out.raw("\">"); out.text(label); out.raw("</a></p>\n<ul>\n")
        for (index, item) in list.enumerated() where item.parent == parent {
            out.raw("<li>")
            Self.anchor(item.node, &out, href: href, title: title, current: index == here)
            if index == here, !item.node.children.isEmpty {
                out.raw("\n<ul>\n")
                for child in item.node.children {
                    out.raw("<li>"); Self.anchor(child, &out, href: href, title: title, current: false); out.raw("</li>\n")
                }
                out.raw("</ul>")
            }
            out.raw("</li>\n")
        }
        out.raw("</ul>\n</nav>\n")
        return out.bytes
    }

    /// `toc.js`: `DiglotTOC.receive([…])`, one array per entry, `[name, href, children, flags]`:
    /// `href` is relative to the view's folder, or an outside address (flag 2), or null (text);
    /// `children` is an array or 0; flag 1 is `expanded`; flag 4: the name is in the translation's
    /// language (in the English view; the sidebar's `data-foreign-lang` and `-dir` say which). A script rather than JSON, as the search
    /// index is, so that a site opened from disk reads it.
    func script(docset: Int, href: (String) -> String?, title: (TOCNode) -> TOCLabel) -> [UInt8] {
        func entries(_ nodes: [TOCNode]) -> [Any] {
            nodes.map { node -> Any in
                var flags = node.expanded ? 1 : 0
                var link: Any = NSNull()
                if let page = node.page, let target = href(page) {
                    link = target + node.fragment
                } else if let url = node.url {
                    link = URLSafety.safe(url)
                    flags |= 2
                }
                let name = title(node)
                if !name.langAttribute.isEmpty { flags |= 4 }
                return [name.text, link, node.children.isEmpty ? 0 : entries(node.children), flags] as [Any]
            }
        }
        guard hasTOC(docset: docset) else { return [] }
        var roots: [TOCNode] = []
        // The top-level nodes, rebuilt from the flat list's roots (their children are whole).
        for item in flat[docset] where item.parent == nil { roots.append(item.node) }
        let data = (try? JSONSerialization.data(withJSONObject: entries(roots), options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return Array("DiglotTOC.receive(".utf8) + Array(data) + Array(");\n".utf8)
    }

    private static func anchor(_ node: TOCNode, _ out: inout HTMLWriter, href: (String) -> String?, title: (TOCNode) -> TOCLabel, current: Bool) {
        let link: String? = node.page.flatMap(href).map { $0 + node.fragment } ?? node.url.map(URLSafety.safe)
        if let link {
            let name = title(node)
            out.raw("<a href=\""); out.text(link); out.raw("\""); out.raw(name.langAttribute); out.raw(current ? " aria-current=\"page\">" : ">"); out.text(name.text); out.raw("</a>")
        } else {
            let name = title(node)
            out.raw("<span"); out.raw(name.langAttribute); out.raw(current ? " aria-current=\"page\">" : ">"); out.text(name.text); out.raw("</span>")
        }
    }
}

/// A TOC entry's name as a view shows it: in the English view, the English title of the page it
/// opens, or, for a section or a page with no English, its name in the translation, marked with the
/// translation's ` lang` (and ` dir` where the direction differs) in `langAttribute` (issue 10).
struct TOCLabel {
    var text: String
    var langAttribute = ""
}
