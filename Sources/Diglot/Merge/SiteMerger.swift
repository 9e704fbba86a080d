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
    /// How many English pages each part gave (the newest English of each page), by locale (empty
    /// when up to date).
    public var englishPages: [String: Int]
    /// Nothing had changed since the last merge into this output: nothing was done.
    public var upToDate = false
}

/// The merge of a multilingual site (issue 13): the locales' parts joined into one site.
///
///     index.html                 the language chooser (the first part's, its list filled)
///     assets/, 404.html, mail/   the first part's
///     <locale>.html, <locale>/…  each part's start page and translation view
///     stale/<locale>/            each part's report of stale translations
///     sxs/<locale>/…             each part's side-by-side view
///     en-us/…                    one English view: each page's English from the part whose page is
///                                newest (`ms.lasthandoff`, then `ms.date`; ties: the first part), its
///                                search indexes joined from those pages' entries and cut again, its other files
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
        case made([UInt8])
    }

    /// The key of the last merge into an output (`merge` skips a merge whose key it is).
    static let mergeKeyName = OutputWriter.mergeKeyName

    /// Bytes of part files read at a time (the sizes their manifests give, checked on disk first).
    static let bytesPerBatch = 256 << 20
    /// The most files and bytes one part may hold: far past a docset's (the corpus's part is 3,400
    /// files and 39 MB), short of what would take a merge hours or a runner's disk.
    static let maxFilesPerPart = 2_000_000
    static let maxBytesPerPart = 16 << 30

    public static func merge(_ options: MergeOptions) throws -> MergeResult {
        guard !options.parts.isEmpty else { throw DiglotError.partInvalid(options.output.path, "no part was given") }
        for folder in options.parts {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw DiglotError.partInvalid(folder.path, "it does not exist or is not a folder")
            }
            try OutputFolder.validate(output: options.output, content: folder, force: options.force)
        }
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

        // Nothing changed since the last merge into this output (the parts' manifests and part
        // files, the options, the tool), and the output is as it left it: nothing is done.
        var keyText = "merge 1\n\(ToolInfo.version)\n\(options.baseURL ?? "")\n"
        for (folder, manifest) in zip(options.parts, manifests) {
            keyText += folder.standardizedFileURL.path + "\n" + manifest.text + (OutputDisk.ownFile(folder.standardizedFileURL.path + "/" + SitePart.fileName) ?? "") + "\n"
        }
        let key = String(FastHash.hash(Array(keyText.utf8)), radix: 16)
        if !options.clean, OutputDisk.ownFile(options.output.standardizedFileURL.path + "/" + mergeKeyName) == key,
           let intact = OutputDisk.intactManifest(options.output) {
            var result = MergeResult(locales: parts.map(\.locale), fileCount: intact.entries.count, englishPages: [:])
            result.writeStats = OutputWriter.Stats(written: 0, unchanged: intact.entries.count, removed: 0)
            result.upToDate = true
            return result
        }

        // Each page's English: of the parts that hold its English page, the one whose page is newest
        // (ties: the first).
        var englishOwner: [String: Int] = [:]
        var ages: [String: String] = [:]
        for (index, part) in parts.enumerated() {
            for page in part.pages where page.english && manifests[index].entries[sourceFolder + "/" + page.path] != nil {
                if let age = ages[page.path], age >= page.age { continue }
                ages[page.path] = page.age
                englishOwner[page.path] = index
            }
        }

        // Every file's origin, in the parts' order. A part's files are its language's (its folders and
        // its start page), English pages it gives, the English view's other files (HTML ones from the
        // first part only) and, from the first part only, the site's own files; anything else refuses it.
        var origins: [String: Origin] = [:]
        var order: [String] = []
        var indexParts: [String: [(part: Int, path: String)]] = [:]  // the English indexes' files in the parts, by index
        func add(_ path: String, _ origin: Origin) {
            if origins.updateValue(origin, forKey: path) == nil { order.append(path) }
        }
        let own = layouts.map { layout in
            (folders: [layout.folder(of: .target) + "/", layout.folder(of: .sideBySide) + "/", "stale/" + layout.folder(of: .target) + "/"],
             start: layout.startPage(for: .target))
        }
        // Prefixes compared by bytes: a Character-wise `hasPrefix("fr-fr/")` misses `fr-fr/\u{301}x`,
        // whose `/` and combining mark are one Character, and refused the whole merge for it.
        func starts(_ path: String, with prefix: String) -> Bool { path.utf8.starts(with: prefix.utf8) }
        func owner(of lowered: String) -> Int? {
            own.firstIndex { $0.start == lowered || $0.folders.contains { starts(lowered, with: $0) } }
        }
        for (index, manifest) in manifests.enumerated() {
            let refuse = { (why: String) in DiglotError.partInvalid(options.parts[index].path, why) }
            for path in manifest.entries.keys.sorted() {
                let shown = String(path.prefix(200)).debugDescription
                guard OutputPath.isNormal(path), !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
                      !PathText.segments(path).contains(where: { PathText.isHidden($0) || $0.utf8.count > 255 }) else {
                    throw refuse("it lists \(shown), which is no path of a site's file")
                }
                // Folders are told apart without case: a site may be served from a file system that ignores it.
                let lowered = path.lowercased()
                if let language = owner(of: lowered) {
                    guard language == index else { throw refuse("it holds \(shown), a file of the part of \(parts[language].locale)") }
                    guard own[index].start == path || own[index].folders.contains(where: { starts(path, with: $0) }) else {
                        throw refuse("it holds \(shown), in its folder written in another case")
                    }
                    add(path, .file(index))
                } else if starts(lowered, with: sourceFolder + "/") {
                    guard let inView = PathText.after(sourceFolder + "/", in: path) else {
                        throw refuse("it holds \(shown), in the English folder written in another case")
                    }
                    if let page = englishOwner[inView] {
                        if page == index { add(path, .file(index)) }
                    } else if let search = SearchIndex.part(path)?.index {
                        indexParts[search, default: []].append((part: index, path: path))
                    } else if origins[path] == nil, index == 0 || !lowered.hasSuffix(".html") {
                        add(path, .file(index))
                    }
                } else if Self.siteFiles.contains(lowered) || Self.siteFolders.contains(where: { starts(lowered, with: $0) }) {
                    if index == 0 { add(path, .file(index)) }
                } else if lowered != "sitemap.xml" {
                    throw refuse("it holds \(shown), which is no file of a part (its language's folders and start page, the English view, "
                                 + "index.html, 404.html, assets/, mail/)")
                }
            }
        }
        // The English search indexes, joined from the parts' (each page's entry from the part that gives
        // its English page, else the first that has it) and cut into parts again (`SearchIndex.files`).
        // A part's files of an index are its first, if it reads as one, and the others it names; a
        // file only named like one (a content file copied as media) is an English-view file as any
        // other. (These are read before the batches and held to the end: the English indexes, 2 MB
        // for the corpus's docset, are outside `bytesPerBatch`.)
        var madeFrom: [String: Int] = [:]  // a made file's first contributing part, for a refusal
        for (path, files) in indexParts.sorted(by: { $0.key < $1.key }) {
            var lines: [String: [UInt8]] = [:]
            var contributors: [Int] = []
            for part in Set(files.map(\.part)).sorted() {
                func bytes(of file: String) throws -> [UInt8] {
                    switch read(file, from: options.parts[part], expected: manifests[part].entries[file]) {
                    case .failure(let error): throw error
                    case .success(let bytes): return bytes
                    }
                }
                let others = files.filter { $0.part == part && $0.path != path }.map(\.path)
                let first = try files.contains(where: { $0.part == part && $0.path == path }) ? bytes(of: path) : []
                guard let count = SearchIndex.partCount(in: first) else {
                    // No index here: a content file of the name, if any, and the others are files as any other.
                    for file in (first.isEmpty ? [] : [path]) + others where origins[file] == nil { add(file, .file(part)) }
                    continue
                }
                var found = SearchIndex.entries(in: first)
                for file in others {
                    if let number = SearchIndex.part(file)?.part, number < count {
                        found += SearchIndex.entries(in: try bytes(of: file))
                    } else if origins[file] == nil {
                        add(file, .file(part))
                    }
                }
                contributors.append(part)
                for (page, line) in found where lines[page] == nil && (englishOwner[page] ?? part) == part { lines[page] = line }
            }
            for file in SearchIndex.files(index: path, entries: lines.keys.sorted().map { ($0, lines[$0]!) }) {
                if case .file(let part) = origins[file.path] {
                    // A file a part copied under the name of a part the joined index has (its own index had fewer).
                    throw DiglotError.partInvalid(options.parts[part].path, "its \(String(file.path.prefix(200)).debugDescription) is where the joined English search index writes a part")
                }
                add(file.path, .made(file.bytes))
                madeFrom[file.path] = contributors.first
            }
        }

        // What each language has, for the pickers and alternates.
        func inView(_ folder: String, of index: Int) -> Set<String> {
            Set(manifests[index].entries.keys.compactMap { path in PathText.after(folder + "/", in: path).flatMap { $0.hasSuffix(".html") ? $0 : nil } })
        }
        let languages = layouts.indices.map { index in
            LanguageLinks.Language(locale: parts[index].locale, layout: layouts[index],
                                   target: inView(layouts[index].folder(of: .target), of: index),
                                   sideBySide: inView(layouts[index].folder(of: .sideBySide), of: index))
        }
        let english = Set(order.compactMap { path in PathText.after(sourceFolder + "/", in: path).flatMap { $0.hasSuffix(".html") ? $0 : nil } })
        let baseURL = options.baseURL ?? parts.compactMap(\.baseURL).first
        let links = {
            var links = LanguageLinks(languages: languages, sourceLocale: sourceLocale, sourceFolder: sourceFolder, english: english,
                                      base: baseURL.map(Sitemap.base))
            links.staleCounts = parts.map(\.stale)
            return links
        }()
        if let baseURL {
            let planned = origins
            for (path, bytes) in Sitemap.multilingual(parts: parts, layouts: layouts, englishPages: englishOwner.keys.sorted(), sourceFolder: sourceFolder,
                                          base: Sitemap.base(baseURL), has: { planned[$0] != nil }) {
                add(path, .made(bytes))
            }
        }

        var diagnostics: [Diagnostic] = []
        let plan = OutputPlan.checked(paths: order, diagnostics: &diagnostics)
        if let refused = diagnostics.first {
            let culprit: Int
            switch origins[refused.file] {
            case .file(let index): culprit = index
            default: culprit = madeFrom[refused.file] ?? 0
            }
            throw DiglotError.partInvalid(options.parts[culprit].path, "\(String(refused.file.prefix(200)).debugDescription): \(refused.message)")
        }
        var englishPages: [String: Int] = [:]
        for owner in englishOwner.values { englishPages[parts[owner].locale, default: 0] += 1 }
        var result = MergeResult(locales: parts.map(\.locale), fileCount: plan.count, englishPages: englishPages)
        let folders = options.parts
        let entries = manifests.map(\.entries)
        let sources = origins
        // Batches of at most `bytesPerBatch` (by the sizes the manifests give, which `readManifest`
        // held to the files on disk), so that a merge holds that much at a time.
        var batches: [[String]] = [[]]
        var batchBytes = 0
        for path in plan {
            let size: Int
            switch sources[path]! {
            case .file(let index): size = entries[index][path]!.size
            case .made(let bytes): size = bytes.count
            }
            if batchBytes + size > bytesPerBatch || batches[batches.count - 1].count >= filesPerBatch, !batches[batches.count - 1].isEmpty {
                batches.append([])
                batchBytes = 0
            }
            batches[batches.count - 1].append(path)
            batchBytes += size
        }
        result.writeStats = try OutputWriter.publish(plan: plan, to: options.output, clean: options.clean,
                                                     metadata: { [OutputFile(path: mergeKeyName, text: key)] }) { sink in
            for batch in batches where !batch.isEmpty {
                let made = ConcurrentMap.map(batch) { path -> Result<OutputFile, DiglotError> in
                    switch sources[path]! {
                    case .made(let bytes): return .success(OutputFile(path: path, bytes: bytes))
                    case .file(let index):
                        return read(path, from: folders[index], expected: entries[index][path]).map { bytes in
                            OutputFile(path: path, bytes: path.hasSuffix(".html") ? links.fill(bytes, path: path) : bytes)
                        }
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

    /// The site's own files a part holds (the first part's are taken): the language chooser, 404,
    /// the assets and the invitation drafts.
    static let siteFiles: Set<String> = [LanguageChooser.path, "404.html", StaleReport.summaryPath]
    static let siteFolders = ["assets/", "mail/"]

    /// A part's `.diglot-manifest`: the files it holds, with their sizes and hashes.
    private static func readManifest(_ folder: URL) throws -> Manifest {
        let path = folder.standardizedFileURL.path
        guard let text = OutputDisk.ownFile(path + "/" + OutputWriter.manifestName) else {
            throw DiglotError.partInvalid(path, "it has no \(OutputWriter.manifestName)")
        }
        let manifest = Manifest(text: text)
        guard !manifest.entries.isEmpty else { throw DiglotError.partInvalid(path, "its \(OutputWriter.manifestName) lists no file") }
        guard manifest.entries.count <= maxFilesPerPart else {
            throw DiglotError.partInvalid(path, "its \(OutputWriter.manifestName) lists \(manifest.entries.count) files, more than the \(maxFilesPerPart) a part may hold")
        }
        // Every file is there, a file (not a link), of the size the manifest gives, before anything is planned.
        var total = 0
        for (file, entry) in manifest.entries {
            var info = stat()
            guard lstat(path + "/" + file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == entry.size else {
                throw DiglotError.partInvalid(path, "\(String(file.prefix(200)).debugDescription) is not as its build wrote it")
            }
            total += entry.size
        }
        guard total <= maxBytesPerPart else {
            throw DiglotError.partInvalid(path, "its files take \(total) bytes, more than the \(maxBytesPerPart) a part may")
        }
        return manifest
    }

    /// A part's file, read within its folder, with the bytes its manifest says (its hash: a file
    /// changed or replaced since its build is refused; times are not compared, as a part copied
    /// from another machine has new ones).
    private static func read(_ path: String, from folder: URL, expected: Manifest.Entry?) -> Result<[UInt8], DiglotError> {
        switch ContentFolder.read(path, in: folder) {
        case .failure(let diagnostic): return .failure(.partInvalid(folder.path, "\(path): \(diagnostic.message)"))
        case .success(let file):
            guard let expected, file.bytes.count == expected.size, FastHash.hash(file.bytes) == expected.hash else {
                return .failure(.partInvalid(folder.path, "\(path) is not as its build wrote it"))
            }
            return .success(file.bytes)
        }
    }
}
