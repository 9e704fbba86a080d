import Foundation

/// What one page gives the rest of the site, kept by the build cache (`.diglot-pages`, see
/// `PageCache`) so that a page whose inputs did not change is not parsed again: its metadata, titles,
/// heading ids, anchors and links, unit count, monikers, xrefs nothing declares, findings, the bytes
/// its includes took in and which files they read; and what the last build rendered of it (the
/// fingerprint of what its views showed of other pages, and the lengths of its search entries).
struct PageSummary: Sendable {
    /// A link or image of the page (`LinkChecker.Collected.links`).
    struct Link: Sendable {
        var destination: String
        var location: SourceLocation
        var isImage: Bool
    }

    struct Reference: Sendable {
        var uid: String
        var location: SourceLocation
    }

    /// `SiteResolver.Shape`, as stored.
    struct Shape: Sendable {
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
    /// The uid the page declares (`XrefMap.declared`), nil for none.
    var uid: String? = nil
    /// The fingerprint of the page's inputs (its file and the files its includes read), set by the build.
    var inputs: String = ""
    /// The fingerprint of what the page's views show of other pages and of the site (`SiteRenderer.renderFingerprints`).
    var render: String = ""
    /// The lengths of its entries in its search indexes, in bytes (0: none).
    var targetEntry: Int = 0
    var sourceEntry: Int = 0
    /// Its link check as the build made it, and whether its includes were expanded then (its links
    /// and anchors are `expansion`'s, else `plain`'s); nil when not made (see `SiteResolver.resolve`).
    var linkCheck: LinkChecker.Result? = nil
    var linkCheckExpanded = false

    /// The anchors its links were checked against in the build that made `linkCheck`.
    var checkedAnchors: [String]? {
        guard linkCheck != nil else { return nil }
        return linkCheckExpanded ? expansion?.anchors : plain.anchors
    }

    init(metadata: Metadata, supported: Bool, mayInclude: Bool, sourceBytes: Int, plain: Shape, expansion: Shape?, titled: Bool, includeFiles: [String]) {
        self.metadata = metadata
        self.supported = supported
        self.mayInclude = mayInclude
        self.sourceBytes = sourceBytes
        self.plain = plain
        self.expansion = expansion
        self.titled = titled
        self.includeFiles = includeFiles
    }

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
        links = shape.links.links.map { PageSummary.Link(destination: $0.0, location: $0.1, isImage: $0.2) }
        diagnostics = shape.diagnostics
        bytes = shape.bytes
        monikers = shape.monikers
        code = shape.code
        unresolved = shape.unresolvedXrefs.map { PageSummary.Reference(uid: $0.uid, location: $0.location) }
    }
}

extension SiteResolver.Shape {
    init(_ stored: PageSummary.Shape, path: String) {
        ids = stored.ids
        titles = (stored.title, stored.sourceTitle)
        units = stored.units
        links = LinkChecker.Collected(path: path, anchors: Set(stored.anchors), links: stored.links.map { ($0.destination, $0.location, $0.isImage) })
        diagnostics = stored.diagnostics
        bytes = stored.bytes
        monikers = stored.monikers
        code = stored.code
        unresolvedXrefs = stored.unresolved.map { XrefMap.Unresolved(uid: $0.uid, location: $0.location) }
    }
}

/// `.diglot-pages` in the output: the global fingerprint of the last build (everything every page
/// depends on: the tool, the options, the templates, the content's files that are not pages, TOCs or
/// includes, the set of content paths), the site's uids' fingerprint and each page's summary. A
/// compact binary form of its own (`PageCacheCoding`): JSON took 80 ms each way for the corpus, a
/// fifth of a one-page rebuild. See `SiteBuilder.build`.
struct PageCache {
    static let fileName = OutputWriter.pageCacheName

    var global: String
    /// `ResolvedSite.xrefDigest` of the last build.
    var xrefs: String
    /// `SiteRenderer.navigationDigest` of the last build ("" when unknown).
    var navigation = ""
    var pages: [String: PageSummary]
    /// Every page of the build has a summary and recorded search entry lengths (their index files can be cut).
    var complete: Bool
    /// Each docset's TOC as the build loaded it (`TOCReuse`).
    var tocs: [TOCReuse.Entry] = []
    /// Each part of the build's search indexes, by path, with the digest of what makes it
    /// (`SearchIndexPlan.File.digest`: its pages, its place and, for the first, how many parts its
    /// index has): a part is carried over or cut only as the same part.
    var searchParts: [String: String] = [:]

    /// The files the pages' includes read (left out of the global fingerprint: each is a dependency of the pages that read it).
    var includeFiles: Set<String> { Set(pages.values.flatMap(\.includeFiles)) }

    /// The cache in the output, if it is there and reads whole.
    static func read(from output: URL) -> PageCache? {
        guard let bytes = try? FileRead.bytes(atPath: output.appendingPathComponent(fileName).path, followingLinks: false) else { return nil }
        var reader = PageCacheCoding.Reader(bytes: bytes)
        return try? reader.cache()
    }

    var bytes: [UInt8] {
        var writer = PageCacheCoding.Writer()
        writer.cache(self)
        return writer.bytes
    }
}

/// The build caches' binary form (`.diglot-pages`, and `.diglot-cache`'s `BuildCache`): a magic line,
/// then lengths and numbers as LEB128 varints, strings as their length and UTF-8 bytes, pages in path
/// order (each record after its length in bytes, so that records are written and read on all cores),
/// a diagnostic as its fields in order (enums by their raw values). A reader that runs past the end
/// (of the file, or of a record) or meets anything unexpected throws, and the build builds
/// everything. (JSON took 5 ms each way for the corpus's 565 findings, 4 % of a one-page rebuild.)
enum PageCacheCoding {
    static let magic = Array("diglot page cache 9\n".utf8)
    /// Fewer bytes than any page's record takes (the smallest, every field empty, takes 26): a count
    /// of records the rest of the file cannot hold is refused before any is cut.
    static let minimumRecordLength = 16

    struct Malformed: Error {}

    struct Writer {
        var bytes: [UInt8] = []

        mutating func int(_ value: Int) {
            var v = UInt64(bitPattern: Int64(value))
            while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            bytes.append(UInt8(v))
        }
        mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in int(utf8.count); bytes.append(contentsOf: utf8) }
        }
        mutating func strings(_ values: [String]) { int(values.count); for value in values { string(value) } }
        mutating func location(_ value: SourceLocation) { int(value.line); int(value.column) }
        /// A string that may be missing: a flag, then the string when there is one.
        mutating func optional(_ value: String?) { bool(value != nil); if let value { string(value) } }
        mutating func diagnostics(_ values: [Diagnostic]) {
            int(values.count)
            for value in values {
                string(value.file); location(value.location); string(value.severity.rawValue); string(value.code.rawValue)
                string(value.stage.rawValue); string(value.message); optional(value.unit)
            }
        }

        mutating func value(_ value: MetadataValue) {
            switch value {
            case .string(let text): bytes.append(0); string(text)
            case .list(let items): bytes.append(1); int(items.count); for item in items { self.value(item) }
            case .map(let entries): bytes.append(2); int(entries.count); for entry in entries { string(entry.key); self.value(entry.value) }
            case .null: bytes.append(3)
            }
        }

        mutating func shape(_ shape: PageSummary.Shape) {
            strings(shape.ids); string(shape.title); string(shape.sourceTitle); int(shape.units); strings(shape.anchors)
            int(shape.links.count)
            for link in shape.links { string(link.destination); location(link.location); bool(link.isImage) }
            diagnostics(shape.diagnostics)
            int(shape.bytes); strings(shape.monikers); bool(shape.code)
            int(shape.unresolved.count)
            for reference in shape.unresolved { string(reference.uid); location(reference.location) }
        }

        mutating func toc(_ nodes: [TOCNode]) {
            int(nodes.count)
            for node in nodes {
                string(node.name); optional(node.page); optional(node.url); bool(node.expanded); optional(node.anchor); optional(node.uid)
                bool(node.origin != nil)
                if let origin = node.origin { string(origin.file); location(origin.location) }
                toc(node.children)
            }
        }

        mutating func page(_ path: String, _ page: PageSummary) {
            string(path)
            value(.map(page.metadata.entries))
            bool(page.supported); bool(page.mayInclude); int(page.sourceBytes)
            shape(page.plain)
            bool(page.expansion != nil)
            if let expansion = page.expansion { shape(expansion) }
            bool(page.titled); strings(page.includeFiles); string(page.uid ?? ""); string(page.inputs); string(page.render)
            int(page.targetEntry); int(page.sourceEntry)
            bool(page.linkCheck != nil)
            if let check = page.linkCheck {
                bool(page.linkCheckExpanded); diagnostics(check.diagnostics)
                int(check.missingMedia.count)
                for missing in check.missingMedia { string(missing.path); location(missing.location) }
                strings(check.foundMedia)
            }
        }

        mutating func cache(_ cache: PageCache) {
            bytes.append(contentsOf: PageCacheCoding.magic)
            string(cache.global); string(cache.xrefs); string(cache.navigation); bool(cache.complete)
            // Each page's record after its length, so that a reader can cut the records apart and read
            // them on all cores; written on all cores too, in path order, byte for byte as one writer would.
            let paths = cache.pages.keys.sorted()
            int(paths.count)
            let chunk = max(1, (paths.count + 15) / 16)
            let chunks = ConcurrentMap.map(Array(stride(from: 0, to: paths.count, by: chunk))) { start -> [UInt8] in
                var records = Writer(), record = Writer()
                for path in paths[start..<min(paths.count, start + chunk)] {
                    record.bytes.removeAll(keepingCapacity: true)
                    record.page(path, cache.pages[path]!)
                    records.int(record.bytes.count)
                    records.bytes.append(contentsOf: record.bytes)
                }
                return records.bytes
            }
            for records in chunks { bytes.append(contentsOf: records) }
            int(cache.tocs.count)
            for entry in cache.tocs {
                string(entry.key)
                int(entry.files.count)
                for file in entry.files { string(file.path); string(file.stat) }
                toc(entry.nodes)
                diagnostics(entry.diagnostics)
            }
            int(cache.searchParts.count)
            for path in cache.searchParts.keys.sorted() { string(path); string(cache.searchParts[path]!) }
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0
        /// Where reading stops: the end of the bytes, or of the one record being read, so that no
        /// count inside a record exceeds the record.
        var end: Int

        init(bytes: [UInt8]) {
            self.bytes = bytes
            end = bytes.count
        }

        mutating func byte() throws -> UInt8 {
            guard offset < end else { throw Malformed() }
            defer { offset += 1 }
            return bytes[offset]
        }
        mutating func int() throws -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw Malformed() }
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: value))
        }
        mutating func count() throws -> Int {
            let n = try int()
            guard n >= 0, n <= end - offset else { throw Malformed() }
            return n
        }
        /// A size the build summed or cut by (a page's bytes, units, an entry's length): never negative
        /// and at most 2^32, so that a sum over every page cannot overflow and no cut runs backwards.
        mutating func size() throws -> Int {
            let n = try int()
            guard n >= 0, n <= Int(UInt32.max) else { throw Malformed() }
            return n
        }
        mutating func bool() throws -> Bool { try byte() != 0 }
        mutating func string() throws -> String {
            let n = try count()
            defer { offset += n }
            return String(decoding: bytes[offset..<offset + n], as: UTF8.self)
        }
        /// A counted list, its elements appended as they are read: nothing is reserved for the count,
        /// so a count that lies costs only the elements the bytes really hold (helper-48: `map` over
        /// `0..<count()` reserved them all first, 7.5 GB for one forged level of a TOC).
        mutating func list<T>(_ element: (inout Reader) throws -> T) throws -> [T] {
            let n = try count()
            var items: [T] = []
            for _ in 0..<n { items.append(try element(&self)) }
            return items
        }
        mutating func strings() throws -> [String] { try list { try $0.string() } }
        mutating func location() throws -> SourceLocation { SourceLocation(line: try int(), column: try int()) }
        mutating func optional() throws -> String? { try bool() ? try string() : nil }
        mutating func diagnostics() throws -> [Diagnostic] {
            try list { reader in
                let file = try reader.string(), location = try reader.location()
                guard let severity = Severity(rawValue: try reader.string()), let code = DiagnosticCode(rawValue: try reader.string()),
                      let stage = Stage(rawValue: try reader.string()) else { throw Malformed() }
                let message = try reader.string(), unit = try reader.optional()
                return Diagnostic(file: file, location: location, code: code, stage: stage, message: message, severity: severity, unit: unit)
            }
        }

        mutating func value(depth: Int = 0) throws -> MetadataValue {
            guard depth < 64 else { throw Malformed() }
            switch try byte() {
            case 0: return .string(try string())
            case 1: return .list(try list { try $0.value(depth: depth + 1) })
            case 2: return .map(try list { (key: try $0.string(), value: try $0.value(depth: depth + 1)) })
            case 3: return .null
            default: throw Malformed()
            }
        }

        mutating func toc(depth: Int = 0) throws -> [TOCNode] {
            guard depth <= TOCLoader.maxDepth + 1 else { throw Malformed() }  // deeper than a TOC is loaded
            return try list { reader in
                var node = TOCNode(name: try reader.string(), page: try reader.optional(), url: try reader.optional(), expanded: try reader.bool())
                node.anchor = try reader.optional()
                node.uid = try reader.optional()
                if try reader.bool() { node.origin = TOCNode.Origin(file: try reader.string(), location: try reader.location()) }
                node.children = try reader.toc(depth: depth + 1)
                return node
            }
        }

        mutating func shape() throws -> PageSummary.Shape {
            let ids = try strings(), title = try string(), sourceTitle = try string(), units = try size(), anchors = try strings()
            let links = try list { PageSummary.Link(destination: try $0.string(), location: try $0.location(), isImage: try $0.bool()) }
            let diagnostics = try diagnostics()
            let byteCount = try size(), monikers = try strings(), code = try bool()
            let unresolved = try list { PageSummary.Reference(uid: try $0.string(), location: try $0.location()) }
            return PageSummary.Shape(ids: ids, title: title, sourceTitle: sourceTitle, units: units, anchors: anchors, links: links, diagnostics: diagnostics,
                                     bytes: byteCount, monikers: monikers, code: code, unresolved: unresolved)
        }

        mutating func page() throws -> (String, PageSummary) {
            let path = try string()
            guard case .map(let entries) = try value() else { throw Malformed() }
            let supported = try bool(), mayInclude = try bool(), sourceBytes = try size()
            let plain = try shape()
            let expansion = try bool() ? try shape() : nil
            var summary = PageSummary(metadata: Metadata(entries: entries), supported: supported, mayInclude: mayInclude, sourceBytes: sourceBytes,
                                      plain: plain, expansion: expansion, titled: try bool(), includeFiles: try strings())
            let uid = try string()
            summary.uid = uid.isEmpty ? nil : uid
            summary.inputs = try string()
            summary.render = try string()
            summary.targetEntry = try size()
            summary.sourceEntry = try size()
            if try bool() {
                summary.linkCheckExpanded = try bool()
                let diagnostics = try diagnostics()
                let missing = try list { (path: try $0.string(), location: try $0.location()) }
                summary.linkCheck = LinkChecker.Result(diagnostics: diagnostics, missingMedia: missing, foundMedia: try strings())
            }
            return (path, summary)
        }

        mutating func cache() throws -> PageCache {
            guard bytes.starts(with: PageCacheCoding.magic) else { throw Malformed() }
            offset = PageCacheCoding.magic.count
            var cache = PageCache(global: try string(), xrefs: try string(), pages: [:], complete: false)
            cache.navigation = try string()
            cache.complete = try bool()
            // The records cut apart by their lengths, then read on all cores, each confined to its
            // own bytes and required to end at its length. A record is never shorter than
            // `minimumRecordLength`, which bounds the cut by the file's size before anything is made.
            let recordCount = try count()
            guard recordCount <= (end - offset) / PageCacheCoding.minimumRecordLength else { throw Malformed() }
            var records: [Range<Int>] = []
            records.reserveCapacity(recordCount)
            for _ in 0..<recordCount {
                let length = try count(), start = offset  // `count` keeps it within the bytes
                guard length >= PageCacheCoding.minimumRecordLength else { throw Malformed() }
                records.append(start..<start + length)
                offset = start + length
            }
            let chunk = max(1, (records.count + 15) / 16)
            let bytes = self.bytes
            let read = ConcurrentMap.map(Array(stride(from: 0, to: records.count, by: chunk))) { [records] first -> [(String, PageSummary)]? in
                var reader = Reader(bytes: bytes)
                var pages: [(String, PageSummary)] = []
                for record in records[first..<min(records.count, first + chunk)] {
                    reader.offset = record.lowerBound
                    reader.end = record.upperBound
                    guard let page = try? reader.page(), reader.offset == record.upperBound else { return nil }
                    pages.append(page)
                }
                return pages
            }
            for pages in read {
                guard let pages else { throw Malformed() }
                // A path twice is not a cache a build wrote (its pages are a dictionary's keys).
                for (path, summary) in pages {
                    guard cache.pages.updateValue(summary, forKey: path) == nil else { throw Malformed() }
                }
            }
            cache.tocs = try list { reader in
                let key = try reader.string()
                let files = try reader.list { (path: try $0.string(), stat: try $0.string()) }
                return TOCReuse.Entry(key: key, files: files, nodes: try reader.toc(), diagnostics: try reader.diagnostics())
            }
            for _ in 0..<(try count()) { cache.searchParts[try string()] = try string() }
            guard offset == bytes.count else { throw Malformed() }
            return cache
        }
    }
}
