import DiglotModel

/// The TOCs the last build loaded, kept in its page cache (`.diglot-pages`) so that a build whose TOC
/// files did not change takes them from there instead of reading and parsing them again (8 % of a
/// one-page rebuild of the es-es corpus went into its TOC's YAML).
///
/// One entry per docset: what `TOCLoader.load` returned (entries and findings, reading problems
/// included) with the key of everything it read. The key holds the tool (`BuildCache.inputs`: its
/// version and program, the options, the templates), the docset's folder, the folders of the docsets
/// inside it, its pages and every file of the content (a TOC's hrefs are looked up among them); the
/// entry holds the size and time of each TOC file it read (make's rule, as the build cache's key). An
/// entry is taken only when both are as they are now; anything else loads the TOC anew.
struct TOCReuse: Sendable {
    struct Entry: Sendable {
        var key: String
        /// The TOC files read, each with its size and time (`BuildCache.inputs`' stat line).
        var files: [(path: String, stat: String)]
        var nodes: [TOCNode]
        var diagnostics: [Diagnostic]
    }

    /// `BuildCache.inputs`' text of everything but the content's files.
    var tool: String
    /// Each content file's size and time, by content path.
    var stats: [String: String]
    /// The last build's entries, by key.
    var previous: [String: Entry]

    init(tool: String, stats: [String: String], previous: [Entry]) {
        self.tool = tool
        self.stats = stats
        self.previous = Dictionary(previous.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The digest of the content's every file, for `key` (worked out once for all docsets).
    static func digest(files: [String]) -> String {
        String(FastHash.hash(Array(files.joined(separator: "\n").utf8)), radix: 16)
    }

    /// The key of a docset's TOC; `files` is `digest(files:)` of the content's every file.
    func key(folder: String, inner: [String], pages: [String], files: String) -> String {
        let text = tool + "\ntoc\t" + folder + "\n" + inner.joined(separator: "\t") + "\n" + pages.joined(separator: "\t") + "\n" + files
        return String(FastHash.hash(Array(text.utf8)), radix: 16)
    }

    /// The last build's entry for `key`, when each TOC file it read is as it was.
    func entry(_ key: String) -> Entry? {
        guard let entry = previous[key], entry.files.allSatisfy({ stats[$0.path] == $0.stat }) else { return nil }
        return entry
    }
}
