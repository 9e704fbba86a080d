import Foundation
import Yams

/// DocFX cross references (DocFX's "Links and cross references"; Learn's markdown reference,
/// "Cross-reference (xref) links"): a page declares `uid: x` (front matter of a markdown page, the top
/// level of a YAML page), and other pages link to it with `<xref:x>`, `[text](xref:x)`, an `#anchor`
/// and `?displayProperty=fullName` or `nameWithType` after the uid. Outside the build, a docset's
/// `docfx.json` names xref maps (`build.xref`: `xrefmap.yml` files of `references`, each `uid`, `name`,
/// `fullName`, `href`); remote maps and Learn's `xrefService` are not read (a build reads nothing from the
/// network), so their uids are unresolved.
///
/// Resolution rewrites the model (resolve stage): a uid of a page of the build becomes a relative link
/// to that page, so that it goes to the page's view in the same view and is checked like any link; a
/// link written as the bare xref (`<xref:x>`, `[](xref:x)`) has no text, and the renderer writes the
/// page's title in the view's language; a uid of an xref map links to its `href` with its `name`; any
/// other uid is written as text (its name: the part after the last `.`, generic arity dropped, or the
/// whole uid with `displayProperty=fullName`) and reported once per uid (DG604). `@uid` (DocFX's
/// shorthand) is not read: in docs it is far more often Razor (`@RenderBody`) or an address.
struct XrefMap: Sendable {
    struct External: Sendable, Hashable {
        var name: String
        var fullName: String?
        var href: String
    }

    /// A page's uid → its content path.
    var pages: [String: String] = [:]
    /// Each page that declares a uid → that uid (a second declarer's too), for the page cache: a page
    /// taken from it is not read again for its uid (`collect`'s `known`).
    var declared: [String: String] = [:]
    var external: [String: External] = [:]

    /// A reference the map does not hold, where it was written.
    struct Unresolved: Sendable {
        var uid: String
        var location: SourceLocation
    }

    /// The uids of the pages (read from their front matter only where the bytes hold `uid:`) and the
    /// references of the docsets' local xref maps; a uid two pages declare goes to the first in path
    /// order (reported, DG604). `known`: the uids of pages the page cache holds unchanged (`declared`
    /// of the last build; `""` for a page that declares none), which are not read again.
    static func collect(pages: [String], reader: any PageReader, site: SiteStructure, known: [String: String] = [:]) -> (XrefMap, [Diagnostic]) {
        let found = ConcurrentMap.map(pages) { path -> String? in
            if let uid = known[path] { return uid.isEmpty ? nil : uid }
            guard case .success(let source) = reader.read(path), Self.mentionsUID(source.bytes) else { return nil }
            return uid(of: source)
        }
        var map = XrefMap()
        var diagnostics: [Diagnostic] = []
        for (path, uid) in zip(pages, found) {
            guard let uid else { continue }
            map.declared[path] = uid
            if let first = map.pages[uid] {
                diagnostics.append(Diagnostic(file: path, location: FrontMatter.location(ofKey: "uid", in: (try? reader.read(path).get())?.bytes ?? []) ?? SourceLocation(line: 1, column: 1),
                                              code: .duplicateUID, stage: .resolve, message: "uid \"\(uid)\" is declared by \(first) too; xrefs to it lead there"))
            } else {
                map.pages[uid] = path
            }
        }
        for docset in site.docsets {
            for file in docset.xrefMaps {
                let path = docset.source.isEmpty ? file : docset.source + "/" + file
                switch reader.read(path) {
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                case .success(let source):
                    let (references, problem) = Self.references(in: source)
                    if let problem { diagnostics.append(problem) }
                    for (uid, reference) in references where map.pages[uid] == nil && map.external[uid] == nil { map.external[uid] = reference }
                }
            }
        }
        return (map, diagnostics)
    }

    /// Whether the bytes hold `uid:` (memchr finds each `u`; the generic `firstRange(of:)` cost a
    /// second on a corpus).
    static func mentionsUID(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count >= 4 else { return false }
            var at = 0
            while at + 4 <= buffer.count, let found = memchr(base + at, Int32(UInt8(ascii: "u")), buffer.count - at - 3) {
                let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if buffer[i + 1] == UInt8(ascii: "i"), buffer[i + 2] == UInt8(ascii: "d"), buffer[i + 3] == UInt8(ascii: ":") { return true }
                at = i + 1
            }
            return false
        }
    }

    /// A page's `uid`: the front matter's, or a YAML page's top level.
    static func uid(of source: SourceFile) -> String? {
        let text = String(decoding: source.bytes, as: UTF8.self)
        let yaml: Substring
        var line = 1
        if source.path.lowercased().hasSuffix(".md") {
            let split = FrontMatter.split(text)
            guard let front = split.yaml else { return nil }
            yaml = front
            line = split.yamlLine
        } else {
            yaml = text[...]
        }
        guard case .mapping(let mapping)? = try? YAMLLoader.compose(String(yaml), firstLine: line),
              let uid = mapping["uid"]?.string?.trimmingCharacters(in: .whitespaces), !uid.isEmpty else { return nil }
        return uid
    }

    /// The references of an xref map (`references:` of `uid`, `name`, `fullName`, `href`); an `href`
    /// that is not an http(s) address is left out.
    static func references(in source: SourceFile) -> ([String: External], Diagnostic?) {
        let node: Node?
        do {
            node = try YAMLLoader.compose(String(decoding: source.bytes, as: UTF8.self))
        } catch {
            return ([:], YAMLLoader.diagnostic(error, file: source.path, code: .docsetConfig, what: "xref map", stage: .resolve))
        }
        var result: [String: External] = [:]
        for reference in node?.mapping?["references"]?.sequence ?? [] {
            guard let map = reference.mapping, let uid = map["uid"]?.string, let href = map["href"]?.string,
                  let scheme = URL(string: href)?.scheme?.lowercased(), scheme == "https" || scheme == "http" else { continue }
            result[uid] = External(name: map["name"]?.string ?? uid, fullName: map["fullName"]?.string, href: href)
        }
        return (result, nil)
    }

    // MARK: Resolving the TOCs

    /// The TOCs with each entry that names a uid opening the page that declares it (or the xref map's
    /// address), and a DG604 warning where a uid names nothing (the entry is shown as text).
    func resolve(tocs: [[TOCNode]]) -> ([[TOCNode]], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func walk(_ nodes: [TOCNode]) -> [TOCNode] {
            nodes.map { node in
                var node = node
                if let uid = node.uid {
                    if let page = pages[uid] {
                        node.page = page
                    } else if let external = external[uid] {
                        node.url = external.href
                        if node.name.isEmpty { node.name = external.name }
                    } else if let origin = node.origin {
                        diagnostics.append(Diagnostic(file: origin.file, location: origin.location, code: .unknownXref, stage: .resolve,
                                                      message: "the TOC entry's uid \"\(uid)\" is declared by no page of the build and no local xref map; the entry is shown as text"))
                    }
                    node.uid = nil
                    if node.anchor == nil { node.origin = nil }
                }
                node.children = walk(node.children)
                return node
            }
        }
        let resolved = tocs.map(walk)
        return (resolved, diagnostics)
    }

    // MARK: Resolving a page

    /// The page with every xref link rewritten (see the type's documentation), the uids it could not
    /// resolve, and whether it has a link with no text, a bare xref or a markdown link such as
    /// `[](guide.md)` (DocFX shows the linked page's title: known once every page is read, so the page
    /// is not rendered early). A page with no `xref:` is returned as it is.
    func resolve(_ page: Page) -> (page: Page, unresolved: [Unresolved], titled: Bool) {
        // One walk finds both: whether there is an xref, and (for a page with none, which is returned
        // as it is) a link with no text. (Until 2026-12-02 the second was looked for only on pages with
        // an xref: a `[](guide.md)` was rendered early, with no title, an empty link, in every site whose
        // content fitted the memory budget, and with the title past it.)
        var finder = XrefFinder()
        finder.walk(page.blocks)
        guard finder.found else { return (page, [], finder.titled.found) }
        var unresolved: [Unresolved] = []
        var page = page
        page.blocks = blocks(page.blocks, from: page.path, unresolved: &unresolved)
        var titled = TitledLinkFinder()
        titled.walk(page.blocks)
        return (page, unresolved, titled.found)
    }

    private func blocks(_ list: [Block], from path: String, unresolved: inout [Unresolved]) -> [Block] {
        list.map { block in
            block.mappingInlines({ inlines($0, side: nil, from: path, unresolved: &unresolved) },
                                 blocks: { blocks($0, from: path, unresolved: &unresolved) })
        }
    }

    private func inlines(_ list: [Inline], side: TextSide?, from path: String, unresolved: inout [Unresolved]) -> [Inline] {
        var out: [Inline] = []
        out.reserveCapacity(list.count)
        for inline in list {
            if case .link(var link) = inline.kind, let reference = Self.reference(link.destination) {
                let bare = link.children.isEmpty || PlainText.of(link.children) == link.destination
                if let target = pages[reference.uid] {
                    link.destination = LinkResolver.relativePath(from: Self.folder(of: path), to: target) + (reference.anchor.map { "#" + $0 } ?? "")
                    link.children = bare ? [] : inlines(link.children, side: side, from: path, unresolved: &unresolved)
                    out.append(Inline(.link(link), range: inline.range))
                } else if let external = external[reference.uid] {
                    link.destination = external.href + (reference.anchor.map { "#" + $0 } ?? "")
                    link.children = bare ? [.text(reference.fullName ? external.fullName ?? external.name : external.name, range: inline.range)]
                        : inlines(link.children, side: side, from: path, unresolved: &unresolved)
                    out.append(Inline(.link(link), range: inline.range))
                } else {
                    unresolved.append(Unresolved(uid: reference.uid, location: inline.range.start))
                    if bare {
                        out.append(.text(Self.displayName(reference.uid, fullName: reference.fullName), range: inline.range))
                    } else {
                        out += inlines(link.children, side: side, from: path, unresolved: &unresolved)
                    }
                }
                continue
            }
            out.append(inline.mappingChildren({ inlines($0, side: $1, from: path, unresolved: &unresolved) }, side: side))
        }
        return out
    }

    /// `xref:uid?displayProperty=fullName#anchor` → uid (percent-decoded), anchor, and whether the
    /// full name is asked for; nil for any other destination.
    static func reference(_ destination: String) -> (uid: String, anchor: String?, fullName: Bool)? {
        guard destination.utf8.count > 5, destination.prefix(5).lowercased() == "xref:" else { return nil }
        var rest = destination.dropFirst(5)
        var anchor: String?
        if let hash = rest.firstIndex(of: "#") {
            anchor = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var fullName = false
        if let question = rest.firstIndex(of: "?") {
            fullName = rest[rest.index(after: question)...].lowercased().contains("displayproperty=fullname")
            rest = rest[..<question]
        }
        let uid = (String(rest).removingPercentEncoding ?? String(rest)).trimmingCharacters(in: .whitespaces)
        return uid.isEmpty ? nil : (uid, anchor?.isEmpty == true ? nil : anchor, fullName)
    }

    /// What DocFX shows for an API uid it cannot resolve: its name, the part after the last `.`
    /// (`System.Collections.Generic.List`1` → `List`), or the whole uid for `displayProperty=fullName`.
    static func displayName(_ uid: String, fullName: Bool) -> String {
        var name = fullName ? uid : String(uid.split(separator: ".").last ?? Substring(uid))
        if let tick = name.firstIndex(of: "`") { name = String(name[..<tick]) }
        return name.isEmpty ? uid : name
    }

    private static func folder(of path: String) -> String {
        String(PathText.folder(of: path))
    }
}

/// Whether a page has an xref link (the walk stops at the first), and what `TitledLinkFinder` finds
/// in the links before it (all of them, on a page with no xref).
private struct XrefFinder: ModelWalker {
    var found = false
    var titled = TitledLinkFinder()

    mutating func visit(_ block: Block) { if !found { descend(into: block) } }

    mutating func visit(_ inline: Inline) {
        guard !found else { return }
        if case .link(let link) = inline.kind, XrefMap.reference(link.destination) != nil {
            found = true
        } else {
            if !titled.found { titled.note(inline) }
            descend(into: inline)
        }
    }
}

/// Whether a page has a link with no text (its text is the title of the page it links to).
struct TitledLinkFinder: ModelWalker {
    var found = false

    mutating func visit(_ block: Block) { if !found { descend(into: block) } }

    mutating func visit(_ inline: Inline) {
        guard !found else { return }
        note(inline)
        if !found { descend(into: inline) }
    }

    /// Looks at one inline, not into it: a link with no text to a page of the build (only such a link
    /// takes a title: `LinkTitles`).
    mutating func note(_ inline: Inline) {
        if case .link(let link) = inline.kind, link.children.isEmpty, LinkResolver.isRelativePageLink(link.destination) { found = true }
    }
}
