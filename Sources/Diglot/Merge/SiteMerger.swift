import DiglotModel
import Foundation

/// Where `merge` reads and writes.
public struct MergeOptions: Sendable {
    /// The locales' parts (folders `diglot build --shard-output` wrote), in the order the site lists
    /// its languages: where parts share a file (the assets, `404.html`), the first one's is taken.
    public var parts: [URL]
    public var output: URL
    /// The site's address (absolute `hreflang` alternates and the sitemaps); nil takes the first
    /// part's (its build's `--base-url` or docfx.json's `build.sitemap.baseUrl`).
    public var baseURL: String?
    /// Rewrite every file (see `BuildOptions.clean`).
    public var clean = false
    /// Merge into a folder that is not empty and that Diglot did not write.
    public var force = false

    public init(parts: [URL], output: URL, baseURL: String? = nil) {
        self.parts = parts
        self.output = output
        self.baseURL = baseURL
    }
}

/// What a merge did.
public struct MergeResult: Sendable {
    /// The site's translations, in order.
    public var locales: [String]
    public var fileCount: Int
    public var writeStats: OutputWriter.Stats?
    /// How many English pages each part gave (the newest English of each page), by locale.
    public var englishPages: [String: Int]
}

/// The merge of a multilingual site (issue 13): the locales' parts joined into one site.
///
///     index.html                 the language chooser (the first part's, its list filled)
///     assets/, 404.html, mail/   the first part's
///     <locale>/…                 each part's translation view and start page (`es-es/index.html`)
///     sxs/<locale>/…             each part's side-by-side view
///     en-us/…                    one English view: each page's English from the part whose page is
///                                newest (`ms.lasthandoff`, then `ms.date`; ties: the first part), its
///                                search indexes joined from those pages' entries, its other files
///                                (TOC files, redirects, media) the first part's that has them
///     sitemap.xml                with a site address: a sitemap index of `<locale>/sitemap.xml` and
///                                `en-us/sitemap.xml`
///
/// Every page's marks (`LanguageLinks`) are filled: its `hreflang` alternates and its language picker.
/// `diglot build --content L=DIR …` builds each part and merges them with this, so a merge of parts
/// built on several machines is byte for byte that build.
///
/// Parts are read as untrusted: each file is one its part's `.diglot-manifest` lists, read within the
/// part's folder (symbolic links resolved and contained, `ContentFolder.read`), and with the bytes the
/// manifest's hash says; a part that holds files of another locale's folders is refused
/// (`DiglotError.partInvalid`, as are parts of one locale twice, of another source locale or of
/// another version of Diglot). The output is checked and written as a build's (`OutputWriter`).
public enum SiteMerger {
    /// Files read and written at a time.
    static let filesPerBatch = 256

    /// Where each file of the site comes from.
    private enum Origin {
        /// A part's file (`index` into the parts), as it is or with its marks filled.
        case file(Int)
        /// The English search index of a docset, joined from the parts' (`SearchIndex`).
        case englishIndex([Int])
        case made([UInt8])
    }

    public static func merge(_ options: MergeOptions) throws -> MergeResult {
        guard !options.parts.isEmpty else { throw DiglotError.partInvalid(options.output.path, "no part was given") }
        for folder in options.parts { try OutputWriter.validate(output: options.output, content: folder, force: options.force) }
        let parts = try options.parts.map(SitePart.read(from:))
        let sourceLocale = parts[0].sourceLocale
        var locales = Set<String>()
        for (folder, part) in zip(options.parts, parts) {
            if part.sourceLocale != sourceLocale {
                throw DiglotError.partInvalid(folder.path, "its English is \(part.sourceLocale), the first part's \(sourceLocale)")
            }
            if part.locale.lowercased() == sourceLocale.lowercased() {
                throw DiglotError.partInvalid(folder.path, "its locale is the source locale \(sourceLocale)")
            }
            if !locales.insert(part.locale.lowercased()).inserted {
                throw DiglotError.partInvalid(folder.path, "another part is of \(part.locale) too")
            }
        }
        let layouts = parts.map(\.layout)
        let sourceFolder = layouts[0].folder(of: .source)
        let manifests = try options.parts.map(readManifest)

        // Each page's English: the part whose page is newest (ties: the first).
        var englishOwner: [String: Int] = [:]
        var ages: [String: String] = [:]
        for (index, part) in parts.enumerated() {
            for page in part.pages where page.english {
                if let age = ages[page.path], age >= page.age { continue }
                ages[page.path] = page.age
                englishOwner[page.path] = index
            }
        }

        // Every file's origin, in the parts' order.
        var origins: [String: Origin] = [:]
        var order: [String] = []
        var indexParts: [String: [Int]] = [:]
        func add(_ path: String, _ origin: Origin) {
            if origins.updateValue(origin, forKey: path) == nil { order.append(path) }
        }
        let ownFolders = layouts.map { [$0.folder(of: .target) + "/", $0.folder(of: .sideBySide) + "/"] }
        for (index, manifest) in manifests.enumerated() {
            for path in manifest.entries.keys.sorted() {
                if ownFolders[index].contains(where: path.hasPrefix) { add(path, .file(index)); continue }
                if let other = ownFolders.firstIndex(where: { $0.contains(where: path.hasPrefix) }) {
                    throw DiglotError.partInvalid(options.parts[index].path, "it holds \(path), a file of the part of \(parts[other].locale)")
                }
                if path.hasPrefix(sourceFolder + "/") {
                    let inView = String(path.dropFirst(sourceFolder.count + 1))
                    if let owner = englishOwner[inView] {
                        if owner == index { add(path, .file(index)) }
                        continue
                    }
                    if path.hasSuffix("/" + SearchIndex.fileName) { indexParts[path, default: []].append(index); continue }
                }
                // The site's own files (assets, 404.html, the chooser, drafts) and the English view's
                // other files: the first part's.
                if path == "sitemap.xml" || origins[path] != nil { continue }
                add(path, .file(index))
            }
        }
        for (path, from) in indexParts.sorted(by: { $0.key < $1.key }) { add(path, .englishIndex(from)) }

        // What each language has, for the pickers and alternates.
        func inView(_ folder: String, of index: Int) -> Set<String> {
            let prefix = folder + "/"
            return Set(manifests[index].entries.keys.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".html") }.map { String($0.dropFirst(prefix.count)) })
        }
        let languages = layouts.indices.map { index in
            LanguageLinks.Language(locale: parts[index].locale, layout: layouts[index],
                                   target: inView(layouts[index].folder(of: .target), of: index),
                                   sideBySide: inView(layouts[index].folder(of: .sideBySide), of: index))
        }
        let english = Set(order.filter { $0.hasPrefix(sourceFolder + "/") && $0.hasSuffix(".html") }.map { String($0.dropFirst(sourceFolder.count + 1)) })
        let baseURL = options.baseURL ?? parts.compactMap(\.baseURL).first
        let links = LanguageLinks(languages: languages, sourceLocale: sourceLocale, sourceFolder: sourceFolder, english: english,
                                  base: baseURL.map(Sitemap.base))
        if let baseURL {
            for (path, bytes) in sitemaps(parts: parts, layouts: layouts, englishOwner: englishOwner, sourceFolder: sourceFolder, base: Sitemap.base(baseURL)) {
                add(path, .made(bytes))
            }
        }

        var diagnostics: [Diagnostic] = []
        let plan = OutputPlan.checked(paths: order, diagnostics: &diagnostics)
        if let refused = diagnostics.first { throw DiglotError.partInvalid(options.parts[0].path, "\(refused.file): \(refused.message)") }
        var englishPages: [String: Int] = [:]
        for owner in englishOwner.values { englishPages[parts[owner].locale, default: 0] += 1 }
        var result = MergeResult(locales: parts.map(\.locale), fileCount: plan.count, englishPages: englishPages)
        let folders = options.parts
        let entries = manifests.map(\.entries)
        let sources = origins
        let owners = englishOwner
        result.writeStats = try OutputWriter.publish(plan: plan, to: options.output, clean: options.clean) { sink in
            for start in stride(from: 0, to: plan.count, by: filesPerBatch) {
                let batch = Array(plan[start..<min(plan.count, start + filesPerBatch)])
                let made = ConcurrentMap.map(batch) { path -> Result<OutputFile, DiglotError> in
                    switch sources[path]! {
                    case .made(let bytes): return .success(OutputFile(path: path, bytes: bytes))
                    case .file(let index):
                        return read(path, from: folders[index], expected: entries[index][path]).map { bytes in
                            OutputFile(path: path, bytes: path.hasSuffix(".html") ? links.fill(bytes, path: path) : bytes)
                        }
                    case .englishIndex(let from):
                        var lines: [String: [UInt8]] = [:]
                        for index in from {
                            switch read(path, from: folders[index], expected: entries[index][path]) {
                            case .failure(let error): return .failure(error)
                            case .success(let bytes):
                                for (page, line) in indexEntries(bytes) where lines[page] == nil && (owners[page] ?? index) == index {
                                    lines[page] = line
                                }
                            }
                        }
                        return .success(SearchIndex.file(path: path, entries: lines.keys.sorted().map { lines[$0]! }))
                    }
                }
                var files: [OutputFile] = []
                for item in made {
                    switch item {
                    case .success(let file): files.append(file)
                    case .failure(let error): throw error
                    }
                }
                try sink(files)
            }
        }
        return result
    }

    /// A part's `.diglot-manifest`: the files it holds, with their sizes and hashes.
    private static func readManifest(_ folder: URL) throws -> Manifest {
        let path = folder.standardizedFileURL.path
        guard let text = OutputWriter.ownFile(path + "/" + OutputWriter.manifestName) else {
            throw DiglotError.partInvalid(path, "it has no \(OutputWriter.manifestName)")
        }
        let manifest = Manifest(text: text)
        guard !manifest.entries.isEmpty else { throw DiglotError.partInvalid(path, "its \(OutputWriter.manifestName) lists no file") }
        return manifest
    }

    /// A part's file, read within its folder, with the bytes its manifest says (its hash: a file
    /// changed or replaced since its build is refused; times are not compared, as a part copied
    /// from another machine has new ones).
    private static func read(_ path: String, from folder: URL, expected: Manifest.Entry?) -> Result<[UInt8], DiglotError> {
        switch ContentFolder.read(path, in: folder) {
        case .failure(let diagnostic): return .failure(.partInvalid(folder.path, "\(path): \(diagnostic.message)"))
        case .success(let file):
            guard let expected, file.bytes.count == expected.size, Manifest.hash(file.bytes) == expected.hash else {
                return .failure(.partInvalid(folder.path, "\(path) is not as its build wrote it"))
            }
            return .success(file.bytes)
        }
    }

    /// A search index's entries by the path of their page (`SearchIndex`: one entry a line, a JSON
    /// array whose first string is the path).
    static func indexEntries(_ bytes: [UInt8]) -> [(String, [UInt8])] {
        guard bytes.starts(with: SearchIndex.fileHead), bytes.count >= SearchIndex.fileHead.count + SearchIndex.fileTail.count else { return [] }
        let body = bytes[SearchIndex.fileHead.count..<(bytes.count - SearchIndex.fileTail.count)]
        var entries: [(String, [UInt8])] = []
        for line in body.split(separator: 0x0A) {
            // `[…],` → `[…]`: one JSON array.
            guard line.last == UInt8(ascii: ","), let array = try? JSONSerialization.jsonObject(with: Data(line.dropLast())) as? [Any],
                  let page = array.first as? String else { continue }
            entries.append((page, Array(line) + [0x0A]))
        }
        return entries
    }

    /// The sitemaps (sitemaps.org 0.9): `sitemap.xml`, an index of each language's (its translation
    /// and side-by-side pages) and the English view's (the English pages the site took).
    private static func sitemaps(parts: [SitePart], layouts: [SiteLayout], englishOwner: [String: Int], sourceFolder: String,
                                 base: String) -> [(String, [UInt8])] {
        func urlset(_ locations: [String]) -> [UInt8] {
            var out = HTMLWriter(capacity: 64 + locations.count * 96)
            out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
            for location in locations { out.raw("<url><loc>"); out.text(base + location); out.raw("</loc></url>\n") }
            out.raw("</urlset>\n")
            return out.bytes
        }
        var files: [(String, [UInt8])] = []
        for (part, layout) in zip(parts, layouts) {
            var locations: [String] = []
            for page in part.pages {
                locations.append(layout.folder(of: .target) + "/" + page.path)
                if page.english { locations.append(layout.folder(of: .sideBySide) + "/" + page.path) }
            }
            files.append((layout.folder(of: .target) + "/sitemap.xml", urlset(locations)))
        }
        files.append((sourceFolder + "/sitemap.xml", urlset(englishOwner.keys.sorted().map { sourceFolder + "/" + $0 })))
        var index = HTMLWriter(capacity: 256 + files.count * 96)
        index.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for (path, _) in files { index.raw("<sitemap><loc>"); index.text(base + path); index.raw("</loc></sitemap>\n") }
        index.raw("</sitemapindex>\n")
        return [("sitemap.xml", index.bytes)] + files
    }
}
