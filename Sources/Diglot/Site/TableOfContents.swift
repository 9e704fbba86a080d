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

    public init(name: String, page: String? = nil, url: String? = nil, expanded: Bool = false, children: [TOCNode] = []) {
        self.name = name
        self.page = page
        self.url = url
        self.expanded = expanded
        self.children = children
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

    /// The TOC at the top of a docset's folder, with nested TOCs read through `read`. Each TOC file is
    /// read once; past `maxEntries` or `maxDepth` the rest is left out and reported (DG502).
    public static func load(folder: String, files: [String], read: (String) -> String?) -> ([TOCNode], [Diagnostic]) {
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
            let base = (path as NSString).deletingLastPathComponent
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
        func checkTarget(_ target: (page: String?, url: String?, toc: String?), href: Node, file: String) {
            guard target.url == nil, target.toc == nil else { return }
            if let page = target.page, lowerFiles[page.lowercased()] != nil { return }
            let location = href.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
            diagnostics.append(Diagnostic(file: file, location: location, code: .brokenLink, stage: .load,
                                          message: "the TOC entry's href \(href.string ?? "") leads to no file of the content; the entry is shown as text"))
        }

        func resolve(_ href: String, base: String) -> (page: String?, url: String?, toc: String?) {
            if href.contains("://") || href.hasPrefix("/") || href.hasPrefix("mailto:") { return (nil, href, nil) }
            let clean = href.replacingOccurrences(of: "\\", with: "/")
            var segments = base.split(separator: "/").map(String.init)
            for part in clean.split(separator: "/") {
                if part == "." { continue }
                if part == ".." { if !segments.isEmpty { segments.removeLast() } } else { segments.append(String(part)) }
            }
            let path = segments.joined(separator: "/")
            if clean.hasSuffix("/") { return (nil, nil, find(in: path)) }
            let lower = path.lowercased()
            if names.contains(where: { lower.hasSuffix("/" + $0) || lower == $0 }) { return (nil, nil, lowerFiles[lower]) }
            return (lowerFiles[lower] ?? path, nil, nil)
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
                    result.page = target.page
                    result.url = target.url
                }
            }
            if let topic = map["topicHref"]?.string, !topic.isEmpty, isSafe("topicHref", of: map, file: file) {
                let target = resolve(topic, base: base)
                checkTarget(target, href: map["topicHref"]!, file: file)
                result.page = target.page
                result.url = target.url
            }
            if let items = map["items"]?.sequence {
                result.children += items.compactMap { entry(from: $0, base: base, file: file, depth: depth + 1) }
            }
            return result.name.isEmpty && result.page == nil && result.children.isEmpty ? nil : result
        }

        guard let top = find(in: folder) else { return ([], diagnostics) }
        return (loadFile(top, depth: 0), diagnostics)
    }

    /// `# [Name](href)` lines; a deeper heading nests under the one before it.
    static func markdownTOC(_ text: String, path: String, base: String, resolve: (String, String) -> (page: String?, url: String?, toc: String?),
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
                }
            }
            close(to: heading.level)
            stack.append((heading.level, node))
        }
        close(to: 1)
        return stack[0].node.children
    }
}

/// The sidebar of a docset in one view: the TOC rendered once per folder of pages (links are relative),
/// with the places noted where a page marks itself (`aria-current`) and opens the sections above it.
final class SidebarCache: @unchecked Sendable {
    private struct Rendered {
        var bytes: [UInt8]
        /// Per node (in depth-first order): where to add ` aria-current="page"`, and where ` open`.
        var currentAt: [Int]
        var openAt: [Int?]
    }

    private let lock = NSLock()
    private var cache: [String: Rendered] = [:]
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
                    if let page = node.page, pages[page] == nil { pages[page] = index }
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

    /// The sidebar for `page`, whose links are relative to `folder` (the page's folder in the output).
    func sidebar(docset: Int, view: View, folder: String, page: String, label: String, href: (String) -> String?, title: (TOCNode) -> String) -> [UInt8] {
        guard docset < flat.count, !flat[docset].isEmpty else { return [] }
        let key = "\(docset)\u{0}\(view.rawValue)\u{0}\(folder)"
        lock.lock()
        var rendered = cache[key]
        lock.unlock()
        if rendered == nil {
            rendered = render(docset: docset, label: label, href: href, title: title)
            lock.lock()
            cache[key] = rendered
            lock.unlock()
        }
        guard let rendered else { return [] }
        // Insert the marks at their places, in order.
        var inserts: [(Int, StaticString)] = []
        if let index = nodeOfPage[docset][page] {
            inserts.append((rendered.currentAt[index], " aria-current=\"page\""))
            var parent = flat[docset][index].parent
            while let p = parent {
                if let at = rendered.openAt[p], !flat[docset][p].node.expanded { inserts.append((at, " open")) }
                parent = flat[docset][p].parent
            }
            if let at = rendered.openAt[index], !flat[docset][index].node.expanded { inserts.append((at, " open")) }
        }
        inserts.sort { $0.0 < $1.0 }
        var out = HTMLWriter(capacity: rendered.bytes.count + 64)
        var start = 0
        for (at, text) in inserts where at >= start {
            out.raw(bytes: rendered.bytes[start..<at])
            out.raw(text)
            start = at
        }
        out.raw(bytes: rendered.bytes[start...])
        return out.bytes
    }

    private func render(docset: Int, label: String, href: (String) -> String?, title: (TOCNode) -> String) -> Rendered {
        let list = flat[docset]
        var out = HTMLWriter(capacity: 32_768)
        var currentAt = Array(repeating: 0, count: list.count)
        var openAt: [Int?] = Array(repeating: nil, count: list.count)
        out.raw("<nav class=\"toc\" aria-label=\""); out.text(label); out.raw("\">\n<ul>\n")
        var index = 0
        func write(depth: Int) {
            // Writes the node at `index` and its children, then moves past them.
            let here = index
            let node = list[here].node
            index += 1
            out.raw("<li>")
            let link: String? = node.page.flatMap(href) ?? node.url.map(URLSafety.safe)
            func anchor() {
                if let link {
                    out.raw("<a href=\""); out.text(link); out.raw("\"")
                    currentAt[here] = out.bytes.count
                    out.raw(">"); out.text(title(node)); out.raw("</a>")
                } else {
                    currentAt[here] = out.bytes.count
                    out.raw("<span>"); out.text(title(node)); out.raw("</span>")
                }
            }
            if node.children.isEmpty {
                anchor()
            } else {
                out.raw("<details")
                openAt[here] = out.bytes.count
                if node.expanded { out.raw(" open") }
                out.raw("><summary>")
                anchor()
                out.raw("</summary>\n<ul>\n")
                while index < list.count, list[index].parent == here { write(depth: depth + 1) }
                out.raw("</ul></details>")
            }
            out.raw("</li>\n")
        }
        while index < list.count { write(depth: 0) }
        out.raw("</ul>\n</nav>\n")
        return Rendered(bytes: out.bytes, currentAt: currentAt, openAt: openAt)
    }
}
