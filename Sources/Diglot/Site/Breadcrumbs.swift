import Yams

/// An entry of a docset's breadcrumb file: the site path it covers (`tocHref`), the page it opens
/// (`topicHref`), and the entries below it.
public struct BreadcrumbNode: Sendable, Equatable {
    public var name: String
    public var tocHref: String
    public var topicHref: String?
    public var children: [BreadcrumbNode]

    public init(name: String, tocHref: String, topicHref: String? = nil, children: [BreadcrumbNode] = []) {
        self.name = name
        self.tocHref = tocHref
        self.topicHref = topicHref
        self.children = children
    }
}

/// Reads a docset's breadcrumbs (load stage). Microsoft's docs name them in `globalMetadata` as
/// `breadcrumb_path: /partner-center/breadcrumb/toc.json`, the built form of the docset's
/// `breadcrumb/toc.yml`:
///
///     - name: Documentos del Centro de partners
///       tocHref: /partner-center/
///       topicHref: /partner-center/index
///       items:
///         - name: Anuncios
///           tocHref: /partner-center/announcements/
///           topicHref: /partner-center/announcements/
///
/// A page's trail is the chain of entries whose `tocHref` starts its site path, top first.
public enum BreadcrumbLoader {
    /// The docset's breadcrumb file among the content's `files`, if it has one.
    public static func file(of docset: Docset, files: [String]) -> String? {
        let lower = Dictionary(files.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var candidates: [String] = []
        if let named = docset.globalMetadata["breadcrumb_path"]?.string {
            var path = Docset.trimSlashes(named)
            if path.lowercased().hasSuffix(".json") { path = String(path.dropLast(5)) + ".yml" }
            candidates.append(path)
            if !docset.source.isEmpty { candidates.append(docset.source + "/" + path) }
        }
        candidates.append(docset.source.isEmpty ? "breadcrumb/toc.yml" : docset.source + "/breadcrumb/toc.yml")
        return candidates.lazy.compactMap { lower[$0.lowercased()] }.first
    }

    /// The entries of a breadcrumb file; a problem is a warning, and the docset then has none.
    public static func parse(_ text: String, path: String) -> ([BreadcrumbNode], [Diagnostic]) {
        func problem(_ message: String) -> ([BreadcrumbNode], [Diagnostic]) {
            ([], [Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: .tocProblem, stage: .load, message: message)])
        }
        let node: Node?
        do {
            node = try YAMLLoader.compose(text)
        } catch {
            return ([], [YAMLLoader.diagnostic(error, file: path, code: .tocProblem, what: "the breadcrumb file")])
        }
        guard let list = node?.sequence else { return problem("the breadcrumb file is not a list of entries") }
        func entries(_ sequence: Node.Sequence) -> [BreadcrumbNode] {
            sequence.compactMap { item -> BreadcrumbNode? in
                guard let map = item.mapping, let name = map["name"]?.string, let toc = map["tocHref"]?.string else { return nil }
                return BreadcrumbNode(name: name, tocHref: toc, topicHref: map["topicHref"]?.string,
                                      children: map["items"]?.sequence.map(entries) ?? [])
            }
        }
        return (entries(list), [])
    }

    /// The entries whose `tocHref` covers `sitePath` (`/partner-center/announcements/2020-may`), top first.
    public static func trail(_ nodes: [BreadcrumbNode], sitePath: String) -> [BreadcrumbNode] {
        let path = sitePath.lowercased()
        var trail: [BreadcrumbNode] = []
        var level = nodes
        while true {
            let covering = level.filter { node in
                var prefix = node.tocHref.lowercased()
                if !prefix.hasSuffix("/") { prefix += "/" }
                return path.hasPrefix(prefix) || path + "/" == prefix
            }
            guard let best = covering.max(by: { $0.tocHref.count < $1.tocHref.count }) else { return trail }
            trail.append(best)
            level = best.children
        }
    }
}
