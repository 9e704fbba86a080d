import Foundation

/// Where a build reads and writes.
public struct BuildOptions: Sendable {
    public var content: URL
    public var output: URL
    /// Where the templates come from, file by file (see `TemplateSources`).
    public var templateSources: TemplateSources
    /// The translation's locale (e.g. `es-ES`); nil takes the one most pages declare in `ms.contentlocale`.
    public var targetLocale: String?
    /// Every warning counts as an error.
    public var strict: Bool
    /// The site's address, for `sitemap.xml` and the absolute `hreflang` alternates and canonical links; nil takes a docset's `build.sitemap.baseUrl`.
    public var baseURL: String?
    /// Write the translation QA report (`qa/index.html`), with `diglot.yml`'s settings.
    public var qaReport: Bool
    /// Build from scratch: ignore the cache of the last build and rewrite every file.
    public var clean = false
    /// Skip the build when the cache says nothing changed (off: always build, still writing only
    /// what changed).
    public var useCache = true
    /// Build into an output folder that is not empty and that Diglot did not write (see
    /// `OutputFolder.validate(output:content:force:)`).
    public var force = false
    /// Build one locale's part of a multilingual site (`SiteLayout.multilingual`): its views under
    /// its own folders, marks where the other languages go, no sitemap and no QA report, and the part's
    /// manifest (`SitePart.fileName`) for `SiteMerger`. `MultilingualBuild` and `--shard-output` set it.
    public var multilingual = false
    /// The current English of the pages (`StaleTranslations`): given, each page whose English has
    /// changed since it was translated carries a notice, its stale sentences are marked side by side,
    /// the build writes the report `stale/index.html`, and `check` reports DG710 and DG711.
    public var currentEnglish: CurrentEnglish? = nil
    /// Called as the build goes: the stage, and how many of how many items it has done.
    public var progress: (@Sendable (BuildStage, Int, Int) -> Void)? = nil

    /// `templates`: a folder that holds a whole set (the project's `Templates/`).
    public init(content: URL, output: URL, templates: URL, targetLocale: String? = nil, strict: Bool = false, baseURL: String? = nil,
                qaReport: Bool = false) {
        self.init(content: content, output: output, templateSources: TemplateSources(folders: [templates]), targetLocale: targetLocale,
                  strict: strict, baseURL: baseURL, qaReport: qaReport)
    }

    /// `templateSources`: folders looked up file by file over the built-in defaults (`TemplateSources.lookup`).
    public init(content: URL, output: URL, templateSources: TemplateSources, targetLocale: String? = nil, strict: Bool = false,
                baseURL: String? = nil, qaReport: Bool = false) {
        self.content = content
        self.output = output
        self.templateSources = templateSources
        self.targetLocale = targetLocale
        self.strict = strict
        self.baseURL = baseURL
        self.qaReport = qaReport
    }
}

/// The stages a build reports progress in.
public enum BuildStage: String, Sendable {
    case load, parse, render, write
}

/// What a build did.
public struct BuildResult: Sendable {
    /// Nothing had changed since the last build: nothing was done.
    public var upToDate = false
    /// How many files the site has (`files.count`, or the last build's when up to date).
    public var fileCount = 0
    /// What the write stage did.
    public var writeStats: OutputWriter.Stats?
    public var pages: Int
    public var units: Int
    /// The site's files: from `prepare` and `render`, in memory; empty from `build`, which streams them
    /// to the writer as they are made (see `fileCount`).
    public var files: [OutputFile]
    public var diagnostics: [Diagnostic]
    /// The pages whose views this build rendered, in page order (a build that keeps the views of
    /// pages whose inputs and render dependencies did not change renders only the others; see
    /// `SiteBuilder.build`). Empty when nothing was done.
    public var renderedPages: [String] = []
    /// The build took pages from the build cache (a dependency-tracked rebuild), not a full one.
    public var incremental = false
    /// The pages' render dependencies were the last build's, read from its page cache: nothing that
    /// any page's navigation shows of other pages changed (`SiteRenderer.navigationDigest`), so no
    /// page's navigation was rendered to work them out; the start page and TOC files were kept as the
    /// last build wrote them too, when some page's views were and the manifest lists them. False for a
    /// full build.
    public var renderDependenciesReused = false
    /// The start page's path, relative to the output folder.
    public var startPage: String { "index.html" }
}

/// The build, as one-way named stages with immutable hand-offs:
///
///     load      SiteLoader    → LoadedSite     the file system at the edge: content, templates, configs
///     parse     SiteParser    → [Parsed]       each page once, made safe
///     resolve   SiteResolver  → ResolvedSite   includes, layout, anchors, links, redirects, drafts
///     check     SiteChecker   → [Diagnostic]   translation QA and kept raw HTML (`diglot check` stops here)
///     render    SiteRenderer  → RenderedSite   every page's views and the site's own files, in memory
///     publish   OutputPlan, OutputWriter       media copied, every path checked, then one writer
///
/// `build(_:)` runs them all on folders; `prepare(_:)` all but the writer; `check(_:)` up to check;
/// `render(_:templates:)` parse to render on in-memory files, with no file system.
public enum SiteBuilder {
    /// Builds a content folder into an output folder. Throws only for what stops the whole build
    /// (no content folder, broken templates, an output that cannot be written or must not be: see
    /// `OutputFolder.validate(output:content:force:)`); page problems are diagnostics in the result.
    public static func build(_ options: BuildOptions) throws -> BuildResult {
        try OutputFolder.validate(output: options.output, content: options.content, force: options.force)
        let head = options.clean || !options.useCache ? nil : BuildCache.readHead(from: options.output)
        let keepsPageCache = !options.qaReport && options.currentEnglish == nil
        // At once (`ConcurrentMap.inBackground`): the content's listing and, unless nothing changed, the
        // last build's page cache; and, when there was a last build, whether its files are as its manifest
        // says (a `stat` of each).
        let (intact, ((key, listing, tool, stats), cachedPages)) = try ConcurrentMap.inBackground({
            head == nil ? nil : OutputDisk.intactManifest(options.output)
        }, while: {
            let inputs = try BuildCache.inputs(options)
            return (inputs, keepsPageCache && head?.global != nil && head?.key != inputs.key ? PageCache.read(from: options.output) : nil)
        })
        // Nothing changed since the last build into this output: report what it reported, write nothing.
        if head?.key == key, let cache = BuildCache.read(from: options.output), cache.key == key, intact != nil {
            var result = BuildResult(pages: cache.pages, units: cache.units, files: [], diagnostics: cache.diagnostics)
            result.upToDate = true
            result.fileCount = cache.files
            result.writeStats = OutputWriter.Stats(written: 0, unchanged: cache.files, removed: 0)
            return result
        }
        var visible = listing
        visible.files = DocsetLoader.visibleFiles(listing.files)
        // What the listing says of hidden files (an editor's lock link, say) is not the build's business.
        visible.diagnostics = listing.diagnostics.filter { !PathText.segments($0.file).contains(where: ContentFolder.isHidden) }
        // load, parse, resolve
        // (A locale's part of a multilingual site has no QA report: left for later, see the README.)
        // Dependency-tracked rebuild: pages whose inputs are those of the last build come from its page
        // cache instead of being parsed, and those whose render dependencies are the same too keep their
        // views; TOCs whose files did not change are taken from it too (`TOCReuse`, which keys them itself).
        let tocReuse = keepsPageCache ? TOCReuse(tool: tool, stats: stats, previous: cachedPages?.tocs ?? []) : nil
        let loaded = try SiteLoader.load(options, listing: visible, qa: options.qaReport && !options.multilingual, tocReuse: tocReuse)
        var previous: PageCache? = nil
        var manifest: Manifest? = nil
        if let pages = cachedPages, head?.global == pages.global,
           pages.global == globalFingerprint(tool: tool, stats: stats, pages: loaded.pages, includes: pages.includeFiles, options),
           let intact {
            previous = pages
            manifest = intact
        }
        var cached: [String: PageSummary] = [:]
        for (path, summary) in previous?.pages ?? [:] where summary.inputs == inputsFingerprint(path, includeFiles: summary.includeFiles, stats: stats) {
            cached[path] = summary
        }
        var resolved = resolve(loaded, options, renderingEarly: true, cached: cached, previous: previous?.pages ?? [:])
        var incremental = previous != nil
        if incremental, resolved.xrefDigest != previous?.xrefs {
            // A uid was added, removed or moved: any page's xrefs may read otherwise. Parsed anew.
            incremental = false
            resolved = resolve(loaded, options, renderingEarly: true, cached: [:])
        }
        FreedMemory.release(afterPages: resolved.pages.count - resolved.fromCache.count)  // the parse stage's temporaries, before render's
        // Each page's render dependency: the last build's, when nothing any page's navigation shows changed.
        let navigationDigest = SiteRenderer.navigationDigest(resolved)
        let sameNavigation = incremental && previous?.navigation == navigationDigest
        // Worked out before rendering only when they decide which pages are kept; else as each page is framed.
        let fingerprints = sameNavigation ? previous!.pages.mapValues(\.render)
            : incremental ? SiteRenderer.renderFingerprints(resolved, templates: loaded.templates) : nil
        let baseURL = options.baseURL ?? loaded.site.docsets.compactMap(\.sitemapBaseURL).first
        func copies(_ output: String) -> [String] { resolved.layout.views.map { resolved.layout.folder(of: $0) + "/" + output } }  // as `Resources.copies` places them
        // publish: the plan of every path, checked before anything is rendered (at once with the choice
        // of what is kept: neither needs the other); then render and media stream into the one writer,
        // batch by batch, so that the site is never in memory whole.
        var diagnostics = resolved.diagnostics
        let (reuse, (media, proposed, plan)) = ConcurrentMap.inBackground({ [resolved, previous, manifest, incremental] in
            incremental ? reused(resolved, templates: loaded.templates, previous: previous!, fingerprints: fingerprints!, sameNavigation: sameNavigation,
                                 manifest: manifest!, output: options.output) : nil
        }, while: {
            let media = Resources.outputs(site: resolved.site, linked: resolved.linkedFiles)
            let proposed = SiteRenderer.plan(resolved, templates: loaded.templates, qa: loaded.qa, baseURL: baseURL) + media.flatMap { copies($0.output) }
            return (media, proposed, OutputPlan.checked(paths: proposed, diagnostics: &diagnostics))
        })
        let log = RenderLog(recordsRenderDependencies: fingerprints == nil)  // else rendered pages' are known
        let inProposal = Set(proposed)
        var pending = Set(plan)
        // The kept pages' views and site files: carried over by the writer, not rendered. And the media's
        // copies the last build wrote, of files whose size and time the global fingerprint holds (not a
        // page, TOC or include linked as a file) and that no other file of the build claims (DG303).
        var keptMedia: [String] = []
        if reuse != nil, let previous, let manifest {
            var claims: [String: Int] = [:]
            for path in proposed { claims[path, default: 0] += 1 }
            let pageSet = Set(loaded.pages), includeFiles = previous.includeFiles
            keptMedia = media.filter { isFingerprinted($0.content, pages: pageSet, includes: includeFiles) }.flatMap { copies($0.output) }
                .filter { manifest.entries[$0] != nil && claims[$0] == 1 }
        }
        let kept = ((reuse?.keptPages ?? []).flatMap { page in resolved.layout.views(of: page).map { resolved.layout.path(of: page, in: $0) } }
                    + (reuse?.keptNavigationFiles ?? []) + (reuse?.keptSiteFiles.sorted() ?? []) + (reuse?.keptIndexFiles.sorted() ?? []) + keptMedia)
            .filter { pending.remove($0) != nil }
        var result = BuildResult(pages: resolved.pages.count, units: resolved.units, files: [], diagnostics: [])
        options.progress?(.write, 0, plan.count)
        result.writeStats = try OutputWriter.publish(plan: plan, to: options.output, clean: options.clean, keep: kept, manifest: manifest, metadata: {
            FreedMemory.release(afterPages: log.renderedPages.count)  // render's, before the caches are encoded
            // A kept page's render dependency is the one it was kept for; a rendered page's, the one its frame gave.
            var pages = pageCache(resolved, stats: stats, fingerprints: (fingerprints ?? [:]).merging(log.renderDependencies) { _, rendered in rendered }, log: log)
            pages.navigation = navigationDigest
            pages.tocs = loaded.tocEntries
            for file in resolved.searchIndexPlan.files { pages.searchParts[file.path] = file.digest }
            pages.global = globalFingerprint(tool: tool, stats: stats, pages: loaded.pages, includes: pages.includeFiles, options)
            var cache = BuildCache(key: key, pages: result.pages, units: result.units, files: plan.count - pending.count, diagnostics: result.diagnostics)
            cache.global = pages.global
            var metadata = [OutputFile(path: BuildCache.fileName, bytes: cache.bytes), OutputFile(path: PageCache.fileName, bytes: pages.bytes)]
            if options.multilingual {
                metadata.append(OutputFile(path: SitePart.fileName, bytes: SitePart(layout: resolved.layout, pages: resolved.pages, baseURL: baseURL, stale: log.staleCounts).bytes))
            }
            return metadata
        }) { sink in
            // Of files that share a path, the first is written, and a path the plan's check left out is
            // not (it reported them); a file `plan` did not name goes to the writer, which refuses it.
            func send(_ files: [OutputFile]) throws { try sink(files.filter { pending.remove($0.path) != nil || !inProposal.contains($0.path) }) }
            diagnostics += try SiteRenderer.render(resolved, templates: loaded.templates, qa: loaded.qa, baseURL: baseURL, progress: options.progress,
                                                   reuse: reuse, log: log, sink: send)
            // A site far larger than its content is not published: the last output stays as it was.
            if let tooLarge = diagnostics.first(where: { $0.code == .siteTooLarge }) { throw DiglotError.siteTooLarge(tooLarge.message) }
            for (path, output) in media where copies(output).contains(where: pending.contains) {
                switch Resources.copies(of: path, to: output, layout: resolved.layout, content: options.content) {
                case .success(let copies): try send(copies)
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
            result.diagnostics = reported(diagnostics, options)
        }
        result.fileCount = plan.count - pending.count
        result.renderedPages = log.renderedPages
        result.incremental = incremental
        result.renderDependenciesReused = sameNavigation
        return result
    }

    /// Whether the global fingerprint has a content file's size and time: not a page, a TOC or a file
    /// some page's includes read (each of those is a dependency of the pages that use it).
    private static func isFingerprinted(_ path: String, pages: Set<String>, includes: Set<String>) -> Bool {
        !pages.contains(path) && !Docset.isTOCFile(path) && !includes.contains(path)
    }

    /// Everything every page depends on, for the page cache: the tool, the options and the templates
    /// (`tool`), the translation QA report's setting, the set of the content's files, and the size and time
    /// of each content file that is not a page, a TOC (whose effect on each page is its render
    /// dependency) or a file some page's includes read (a dependency of those pages: `includes`).
    private static func globalFingerprint(tool: String, stats: [String: String], pages: [String], includes: Set<String>, _ options: BuildOptions) -> String {
        let pageSet = Set(pages)
        var text = "page cache 1\n" + tool + "\nqa\t\(options.qaReport)\n"
        for path in stats.keys.sorted() {
            text += path
            if isFingerprinted(path, pages: pageSet, includes: includes) { text += "\t" + stats[path]! }
            text += "\n"
        }
        return String(FastHash.hash(Array(text.utf8)), radix: 16)
    }

    /// A page's inputs: its file and the files its includes read, by size and time.
    private static func inputsFingerprint(_ path: String, includeFiles: [String], stats: [String: String]) -> String {
        var text = path + "\t" + (stats[path] ?? "-") + "\n"
        for file in includeFiles { text += file + "\t" + (stats[file] ?? "-") + "\n" }
        return String(FastHash.hash(Array(text.utf8)), radix: 16)
    }

    /// What this build leaves for the next: each page's summary with its inputs' and render
    /// dependency's fingerprints and its search entries' lengths.
    private static func pageCache(_ resolved: ResolvedSite, stats: [String: String], fingerprints: [String: String],
                                  log: RenderLog) -> PageCache {
        var pages: [String: PageSummary] = [:]
        let lengths = log.entryLengths
        for (path, summary) in resolved.summaries {
            var summary = summary
            summary.inputs = inputsFingerprint(path, includeFiles: summary.includeFiles, stats: stats)
            summary.render = fingerprints[path] ?? ""
            if let entry = lengths[path] { summary.targetEntry = entry[0]; summary.sourceEntry = entry[1] }
            pages[path] = summary
        }
        return PageCache(global: "", xrefs: resolved.xrefDigest, pages: pages,
                         complete: resolved.pages.allSatisfy { lengths[$0.path] != nil && pages[$0.path] != nil })
    }

    /// The pages whose views this build keeps (taken from the cache, their render dependency that of
    /// the last build, their views in its manifest), and their search entries: the parts of the
    /// indexes whose pages are all kept are kept whole; in the others, kept pages' entries are cut
    /// from the last build's part by the lengths it recorded. Nil (render everything) when a part
    /// does not read as recorded.
    private static func reused(_ resolved: ResolvedSite, templates: TemplateSet, previous: PageCache, fingerprints: [String: String], sameNavigation: Bool,
                               manifest: Manifest, output: URL) -> RenderReuse? {
        guard previous.complete else { return nil }
        let layout = resolved.layout
        let root = output.standardizedFileURL.path
        var keptPages = Set<String>()
        for page in resolved.pages where resolved.fromCache.contains(page.path) {
            guard let summary = previous.pages[page.path], !summary.render.isEmpty, summary.render == fingerprints[page.path],
                  layout.views(of: page.path).allSatisfy({ manifest.entries[layout.path(of: page.path, in: $0)] != nil }) else { continue }
            keptPages.insert(page.path)
        }
        guard !keptPages.isEmpty else { return nil }
        // A part with kept pages must be the last build's part of that path: the same pages, place and
        // count (a YAML page whose type changed leaves the pages without changing the global
        // fingerprint), of the size their recorded entries make. Where it is not, its pages are
        // rendered again; a part with no kept page is made from new entries alone.
        let head = SearchIndex.fileHead
        let parts = resolved.searchIndexPlan.files
        func recorded(_ file: SearchIndexPlan.File) -> (lengths: [Int], entry: Manifest.Entry)? {
            var lengths: [Int] = []
            for page in file.pages {
                guard let summary = previous.pages[page] else { return nil }
                lengths.append(file.view == .source ? summary.sourceEntry : summary.targetEntry)
            }
            let tail = SearchIndex.tail(part: file.part, of: file.parts)
            guard previous.searchParts[file.path] == file.digest, let entry = manifest.entries[file.path],
                  entry.size == lengths.reduce(head.count + tail.count, +) else { return nil }
            return (lengths, entry)
        }
        var records: [String: (lengths: [Int], entry: Manifest.Entry)] = [:]
        for file in parts where file.pages.contains(where: keptPages.contains) {
            if let record = recorded(file) { records[file.path] = record } else { keptPages.subtract(file.pages) }
        }
        guard !keptPages.isEmpty else { return nil }
        var entries: [String: (target: ArraySlice<UInt8>, source: ArraySlice<UInt8>)] = [:]
        var entryLengths: [String: (target: Int, source: Int)] = [:]
        for page in keptPages { entryLengths[page] = previous.pages[page].map { ($0.targetEntry, $0.sourceEntry) } }
        var keptIndexFiles = Set<String>()
        for file in parts where file.pages.contains(where: keptPages.contains) {
            guard let (lengths, entry) = records[file.path] else { return nil }  // (checked above: a part only loses kept pages)
            if file.pages.allSatisfy(keptPages.contains) {
                keptIndexFiles.insert(file.path)
                continue
            }
            let tail = SearchIndex.tail(part: file.part, of: file.parts)
            guard let bytes = try? FileRead.bytes(atPath: root + "/" + file.path, followingLinks: false), bytes.count == entry.size,
                  bytes.starts(with: head), bytes.reversed().starts(with: tail.reversed()) else { return nil }
            var offset = head.count
            for (page, length) in zip(file.pages, lengths) {
                if keptPages.contains(page) {
                    let slice = bytes[offset..<offset + length]  // a slice of the part read once: no copy per page
                    if file.view == .source { entries[page, default: ([], [])].source = slice } else { entries[page, default: ([], [])].target = slice }
                }
                offset += length
            }
        }
        let navigationFiles = SiteRenderer.navigationFiles(layout, tocs: resolved.site.tocs)
        // With the same navigation (the locales, views and pages' titles) and the same global inputs
        // (templates, configs, redirections, the set of content paths), these are the last build's.
        // (Not highlight.js's files: the key has its script's size and time, not its stylesheet's.)
        let siteFiles = [NotFoundPage.path] + resolved.redirects.map(\.path)
            + templates.assets(forCode: resolved.hasCode).map(\.path).filter { !$0.hasPrefix("assets/highlight/") }
        return RenderReuse(keptPages: keptPages, entries: entries, entryLengths: entryLengths, keptIndexFiles: keptIndexFiles,
                           keptNavigationFiles: sameNavigation && navigationFiles.allSatisfy { manifest.entries[$0] != nil } ? navigationFiles : [],
                           keptSiteFiles: sameNavigation ? Set(siteFiles.filter { manifest.entries[$0] != nil }) : [])
    }

    /// Everything `build(_:)` does but write: the site's files in memory, planned and checked, and
    /// every diagnostic. `listing` is the content folder's listing when the caller has made it already.
    public static func prepare(_ options: BuildOptions, listing: ContentFolder.Listing? = nil) throws -> BuildResult {
        let loaded = try SiteLoader.load(options, listing: listing, qa: options.qaReport)
        let resolved = resolve(loaded, options, renderingEarly: true)
        let baseURL = options.baseURL ?? loaded.site.docsets.compactMap(\.sitemapBaseURL).first
        let rendered = SiteRenderer.render(resolved, templates: loaded.templates, qa: loaded.qa, baseURL: baseURL, progress: options.progress)
        // publish: the media, then the plan of every file, checked.
        var diagnostics = resolved.diagnostics + rendered.diagnostics
        var files = rendered.files
        if !files.isEmpty {
            let (media, problems) = Resources.files(site: resolved.site, linked: resolved.linkedFiles, layout: resolved.layout, content: options.content)
            files += media
            diagnostics += problems
        }
        files = OutputPlan.checked(files, diagnostics: &diagnostics)
        var result = BuildResult(pages: resolved.pages.count, units: resolved.units, files: files, diagnostics: reported(diagnostics, options))
        result.fileCount = files.count
        return result
    }

    /// What `diglot check` reports: everything a build finds before it renders (load, parse,
    /// resolve), and the check stage's translation QA of every unit (with `diglot.yml`'s settings) and
    /// kept raw HTML. Nothing is rendered or written.
    public static func check(_ options: BuildOptions) throws -> [Diagnostic] {
        let loaded = try SiteLoader.load(options, qa: true)
        let resolved = resolve(loaded, options, renderingEarly: false)
        return reported(resolved.diagnostics + SiteChecker.check(resolved, qa: loaded.qa ?? QAConfig(), templates: loaded.templates), options)
    }

    /// The parse and resolve stages on a loaded site; `renderingEarly`: each page's views' content is
    /// rendered as the page is parsed (see `SiteResolver.EarlyContent`), for builds that render.
    private static func resolve(_ loaded: LoadedSite, _ options: BuildOptions, renderingEarly: Bool, cached: [String: PageSummary]? = nil,
                                previous: [String: PageSummary] = [:]) -> ResolvedSite {
        options.progress?(.parse, 0, loaded.pages.count)
        var resolved = SiteResolver.resolve(pages: loaded.pages, reader: loaded.reader, site: loaded.site, targetLocale: options.targetLocale,
                                            invitations: loaded.invitations, includeSiteBudget: Includes.maxSiteExpandedBytes, diagnostics: loaded.diagnostics,
                                            earlyContent: renderingEarly ? SiteRenderer.earlyContent(templates: loaded.templates, qa: loaded.qa,
                                                                                                     currentEnglish: options.currentEnglish) : nil,
                                            cached: cached, previous: previous, multilingual: options.multilingual)
        resolved.currentEnglish = options.currentEnglish
        return resolved
    }

    /// Diagnostics as a build reports them: sorted, and every one an error with `--strict`.
    private static func reported(_ diagnostics: [Diagnostic], _ options: BuildOptions) -> [Diagnostic] {
        var sorted = diagnostics.sortedForReport()
        if options.strict {
            for index in sorted.indices { sorted[index].severity = .error }
        }
        return sorted
    }

    /// Parses, resolves and renders pages in memory, on all cores. The output is the same whatever
    /// the order pages finish in: files come out sorted by path.
    public static func render(_ sources: [SourceFile], templates: TemplateSet, targetLocale: String? = nil,
                              invitations: InvitationSetup? = nil, site: SiteStructure = SiteStructure(), qa: QAConfig? = nil,
                              progress: (@Sendable (BuildStage, Int, Int) -> Void)? = nil) -> BuildResult {
        render(sources, templates: templates, targetLocale: targetLocale, invitations: invitations, site: site, qa: qa, progress: progress,
               includeSiteBudget: Includes.maxSiteExpandedBytes)
    }

    /// `render` with the site's include budget and size bound given (tests use small ones).
    static func render(_ sources: [SourceFile], templates: TemplateSet, targetLocale: String? = nil,
                       invitations: InvitationSetup? = nil, site: SiteStructure = SiteStructure(), qa: QAConfig? = nil,
                       progress: (@Sendable (BuildStage, Int, Int) -> Void)? = nil, includeSiteBudget: Int, siteBytesLimit: Int? = nil) -> BuildResult {
        progress?(.parse, 0, sources.count)
        let resolved = SiteResolver.resolve(pages: sources.map(\.path), reader: MemoryPageReader(sources), site: site, targetLocale: targetLocale,
                                            invitations: invitations, includeSiteBudget: includeSiteBudget,
                                            earlyContent: SiteRenderer.earlyContent(templates: templates, qa: qa))
        let rendered = SiteRenderer.render(resolved, templates: templates, qa: qa, siteBytesLimit: siteBytesLimit, progress: progress)
        return BuildResult(pages: resolved.pages.count, units: resolved.units, files: rendered.files,
                           diagnostics: (resolved.diagnostics + rendered.diagnostics).sortedForReport())
    }
}
