/// A DocFX docset: a folder of the content with its `docfx.json`, built into an output subfolder.
public struct Docset: Sendable, Equatable {
    /// A `build.content` or `build.resource` entry of docfx.json.
    public struct FileGroup: Sendable, Equatable {
        public var files: [Glob]
        public var exclude: [Glob]
        /// Files are looked up under this folder of the docset, and output without it.
        public var src: String
        /// …and output under this folder of the docset's output.
        public var dest: String

        public init(files: [String], exclude: [String] = [], src: String = "", dest: String = "") {
            self.files = files.map(Glob.init)
            self.exclude = exclude.map(Glob.init)
            self.src = Docset.trimSlashes(src)
            self.dest = Docset.trimSlashes(dest)
        }
    }

    /// `fileMetadata`: a key's value for the files a glob matches (the last matching glob wins).
    public struct FileMetadata: Sendable, Equatable {
        public var key: String
        public var glob: Glob
        public var value: MetadataValue
    }

    public var name: String
    /// The docset's folder in the content, `""` for the content folder itself.
    public var source: String
    /// The docset's folder in each view of the output, `""` for the top.
    public var destination: String
    public var content: [FileGroup]
    public var resource: [FileGroup]
    public var globalMetadata: Metadata
    public var fileMetadata: [FileMetadata]
    /// The local xref maps of `build.xref` (`xrefmap.yml` files), relative to the docset's folder;
    /// remote ones (http) are not read.
    public var xrefMaps: [String] = []
    /// `build.sitemap.baseUrl` of docfx.json: the site's address, for `sitemap.xml`.
    public var sitemapBaseURL: String?

    public init(name: String, source: String, destination: String, content: [FileGroup] = [FileGroup(files: ["**/*.md"])],
                resource: [FileGroup] = [], globalMetadata: Metadata = Metadata(), fileMetadata: [FileMetadata] = []) {
        self.name = name
        self.source = Docset.trimSlashes(source)
        self.destination = Docset.trimSlashes(destination)
        self.content = content
        self.resource = resource
        self.globalMetadata = globalMetadata
        self.fileMetadata = fileMetadata
    }

    /// `titleSuffix` of globalMetadata, added to every page's `<title>`.
    public var titleSuffix: String? { globalMetadata["titleSuffix"]?.string }

    /// The view a page opens in: `bilingual_type` "side-by-side" or "hover over" (the default).
    public var defaultView: View {
        globalMetadata["bilingual_type"]?.string?.lowercased().replacingOccurrences(of: "-", with: " ") == "side by side" ? .sideBySide : .target
    }

    /// The content pages of this docset among `paths` (content-relative): each with its output path
    /// (relative to a view's folder, `.md` still on), in the order of `paths`.
    public func pages(among paths: [String]) -> [(content: String, output: String)] {
        route(paths, through: content, where: Docset.isPageFile)
    }

    /// The files of `build.resource` (pictures and other media) among `paths`, each with its output path
    /// relative to a view's folder.
    public func resources(among paths: [String]) -> [(content: String, output: String)] {
        route(paths, through: resource) { path in
            !Docset.isPageFile(path) && !TOCLoader.names.contains(String(path.lowercased().split(separator: "/").last ?? ""))
        }
    }

    /// Where a file of this docset that no glob names goes: beside its page, as the docset's folder
    /// goes to its output folder.
    public func outputPath(ofFile path: String) -> String? {
        guard let inDocset = relative(path) else { return nil }
        return destination.isEmpty ? inDocset : destination + "/" + inDocset
    }

    private func route(_ paths: [String], through groups: [FileGroup], where include: (String) -> Bool) -> [(content: String, output: String)] {
        var result: [(String, String)] = []
        var taken = Set<String>()
        for path in paths {
            guard let inDocset = relative(path), include(inDocset) else { continue }
            for group in groups {
                guard let inGroup = Docset.strip(group.src, from: inDocset) else { continue }
                let globbed = Glob.Path(inGroup)  // made once for the group's globs (3 % of a one-page edit was remaking it)
                guard group.files.contains(where: { $0.matches(globbed) }), !group.exclude.contains(where: { $0.matches(globbed) }) else { continue }
                let output = [destination, group.dest, inGroup].filter { !$0.isEmpty }.joined(separator: "/")
                if taken.insert(path).inserted { result.append((path, output)) }
                break
            }
        }
        return result
    }

    /// A path relative to the docset's folder, or nil when it is outside it.
    public func relative(_ path: String) -> String? {
        Docset.strip(source, from: path)
    }

    /// The metadata of a page: its front matter, then fileMetadata, then globalMetadata.
    public func metadata(for page: Metadata, at path: String) -> Metadata {
        var merged = page
        let inDocset = relative(path) ?? path
        var fromFiles: [(key: String, value: MetadataValue)] = []
        let globbed = Glob.Path(inDocset)
        for rule in fileMetadata where rule.glob.matches(globbed) {
            if let index = fromFiles.firstIndex(where: { $0.key == rule.key }) { fromFiles[index].value = rule.value } else { fromFiles.append((rule.key, rule.value)) }
        }
        for (key, value) in fromFiles + globalMetadata.entries where merged[key] == nil {
            merged.entries.append((key, value))
        }
        return merged
    }

    /// Markdown pages, and YAML files other than TOCs (YAML pages: landing and FAQ pages). `TOC.md`,
    /// `TOC.yml` and `TOC.yaml` are TOCs, not pages, as in DocFX (its "Table of Contents" docs).
    static func isPageFile(_ path: String) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(".md") || lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") else { return false }
        return !isTOCFile(path) && fileName(lower) != ZonePivots.fileName
    }

    /// `TOC.md`, `TOC.yml` and `TOC.yaml`, in any folder and letter case: TOCs (DocFX's "Table of Contents" docs).
    static func isTOCFile(_ path: String) -> Bool {
        let name = fileName(path.lowercased())
        return name == "toc.md" || name == "toc.yml" || name == "toc.yaml"
    }

    /// The part of a path after its last `/`.
    private static func fileName(_ path: String) -> Substring {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
    }

    static func trimSlashes(_ s: String) -> String {
        var t = Substring(s)
        while t.hasPrefix("./") { t = t.dropFirst(2) }
        while t.first == "/" { t = t.dropFirst() }
        while t.last == "/" { t = t.dropLast() }
        return t == "." ? "" : String(t)
    }

    /// `path` without the folder `prefix` (case-insensitive), or nil when it is not under it.
    static func strip(_ prefix: String, from path: String) -> String? {
        if prefix.isEmpty { return path }
        guard path.count > prefix.count, path.lowercased().hasPrefix(prefix.lowercased() + "/") else { return nil }
        return String(path.dropFirst(prefix.count + 1))
    }
}
