import Foundation

/// Which pages a build holds: the docsets, and for each page its docset and its path in the output.
public struct SiteStructure: Sendable {
    public var docsets: [Docset] = []
    public var docsetOfPage: [String: Int] = [:]
    public var routes: [String: String] = [:]
    /// The content paths of the pages, sorted.
    public var pages: [String] = []
    /// Every file of the content folder (for link and image checks).
    public var files: [String] = []
    /// The redirections of `.openpublishing.redirection.json`.
    public var redirections: [Redirection] = []
    /// Each docset's table of contents, in the order of `docsets`.
    public var tocs: [[TOCNode]] = []
    /// Each docset's breadcrumb entries, in the order of `docsets` (empty when it has none).
    public var breadcrumbs: [[BreadcrumbNode]] = []
    /// Markdown files that are not pages (includes), by content path.
    public var otherMarkdown: [String: [UInt8]] = [:]
    /// Pages left out because another page already has their output path (DG303), one diagnostic each.
    public var conflicts: [Diagnostic] = []

    public init() {}

    /// Every docset's content pages among the content folder's `files`; a page claimed by one docset
    /// is not taken by another. Two pages whose output paths are the same (two docsets with one
    /// `dest`, `x.md` beside `x.yml`) cannot both be written: the first in docset order, then path
    /// order, is built and the other is reported (DG303, naming both) and left out.
    public init(docsets: [Docset], files: [String]) {
        self.docsets = docsets
        self.files = files
        var taken: [String: String] = [:]
        for (index, docset) in docsets.enumerated() {
            for (content, output) in docset.pages(among: files) where routes[content] == nil {
                let html = LinkResolver.outputPath(of: output)
                if let first = taken[html] {
                    conflicts.append(Diagnostic(file: content, location: SourceLocation(line: 1, column: 1), code: .outputPathConflict, stage: .load,
                                                message: "the page would be written to \(html), where \(first) is written: it is left out"))
                    continue
                }
                taken[html] = content
                routes[content] = output
                docsetOfPage[content] = index
                pages.append(content)
            }
        }
        pages.sort()
    }

    func docset(of path: String) -> Docset? { docsetOfPage[path].map { docsets[$0] } }
}

/// Where a build reads and writes.
public struct BuildOptions: Sendable {
    public var content: URL
    public var output: URL
    public var templates: URL
    /// The translation's locale (e.g. `es-ES`); nil takes the one most pages declare in `ms.contentlocale`.
    public var targetLocale: String?
    /// Every warning counts as an error.
    public var strict: Bool
    /// The site's address, for `sitemap.xml`; nil takes a docset's `build.sitemap.baseUrl`.
    public var baseURL: String?
    /// Write the translation QA report (`qa/index.html`), with `diglot.yml`'s settings.
    public var qaReport: Bool
    /// Build from scratch: ignore the cache of the last build and rewrite every file.
    public var clean = false
    /// Skip the build when the cache says nothing changed (off: always build, still writing only
    /// what changed).
    public var useCache = true
    /// Build into an output folder that is not empty and that Diglot did not write (see
    /// `OutputWriter.validate(output:content:force:)`).
    public var force = false
    /// Called as the build goes: the stage, and how many of how many items it has done.
    public var progress: (@Sendable (BuildStage, Int, Int) -> Void)? = nil

    public init(content: URL, output: URL, templates: URL, targetLocale: String? = nil, strict: Bool = false, baseURL: String? = nil,
                qaReport: Bool = false) {
        self.content = content
        self.output = output
        self.templates = templates
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
    /// The pages built, and where they went (for what is made from the whole site).
    var builtPages: [Page] = []
    var layout = SiteLayout(targetLocale: "und")
    /// Files of the content that pages show or link to (pictures, PDFs), by content path.
    var linkedFiles = Set<String>()
    public var units: Int
    public var files: [OutputFile]
    public var diagnostics: [Diagnostic]
    /// The start page's path, relative to the output folder.
    public var startPage: String { "index.html" }
}

/// The pipeline: load → parse → resolve → render → write. `build(_:)` works on folders;
/// `render(_:templates:)` is the same pipeline on in-memory files, with no file system.
public enum SiteBuilder {
    /// Builds a content folder into an output folder. Throws only for what stops the whole build
    /// (no content folder, broken templates, an output that cannot be written or must not be: see
    /// `OutputWriter.validate(output:content:force:)`); page problems are diagnostics in the result.
    public static func build(_ options: BuildOptions) throws -> BuildResult {
        try OutputWriter.validate(output: options.output, content: options.content, force: options.force)
        // Nothing changed since the last build into this output: report what it reported, write nothing.
        let (key, listing) = try BuildCache.key(options)
        if !options.clean, options.useCache, let cache = BuildCache.read(from: options.output), cache.key == key, OutputWriter.isIntact(options.output) {
            var result = BuildResult(pages: cache.pages, units: cache.units, files: [], diagnostics: cache.diagnostics)
            result.upToDate = true
            result.fileCount = cache.files
            result.writeStats = OutputWriter.Stats(written: 0, unchanged: cache.files, removed: 0)
            return result
        }
        var visible = listing
        visible.files = DocsetLoader.visibleFiles(listing.files)
        // What the listing says of hidden files (an editor's lock link, say) is not the build's business.
        visible.diagnostics = listing.diagnostics.filter { !$0.file.split(separator: "/").contains(where: DocsetLoader.isHidden) }
        var result = try prepare(options, listing: visible)
        // A site far larger than its content is not published: the last output stays as it was.
        if let tooLarge = result.diagnostics.first(where: { $0.code == .siteTooLarge }) { throw DiglotError.siteTooLarge(tooLarge.message) }
        // write
        options.progress?(.write, 0, result.files.count)
        let cache = BuildCache(key: key, pages: result.pages, units: result.units, files: result.files.count, diagnostics: result.diagnostics)
        result.writeStats = try OutputWriter.publish(result.files, to: options.output, clean: options.clean,
                                                     metadata: [OutputFile(path: BuildCache.fileName, bytes: cache.bytes)])
        return result
    }

    /// Everything `build(_:)` does but write: the site's files in memory and every diagnostic.
    /// `listing` is the content folder's listing when the caller has made it already.
    public static func prepare(_ options: BuildOptions, listing listed: ContentFolder.Listing? = nil) throws -> BuildResult {
        // load
        options.progress?(.load, 0, 0)
        if let locale = options.targetLocale, SiteLayout.usableLocale(locale) == nil { throw DiglotError.invalidLocale(locale) }
        let templates = try TemplateSet.load(from: options.templates)
        let content = options.content
        var listing = try listed ?? ContentFolder.list(content)
        // An output folder inside the content is not content (its pictures would be copied into the
        // next site, one level deeper each build).
        if let inside = ContentFolder.realPath(options.output.path).flatMap({ output in
            ContentFolder.realPath(content.path).flatMap { root in output.hasPrefix(root + "/") ? String(output.dropFirst(root.count + 1)) : nil }
        }) {
            listing.files.removeAll { $0.hasPrefix(inside + "/") }
            listing.diagnostics.removeAll { $0.file.hasPrefix(inside + "/") }
        }
        let files = listing.files
        var loadDiagnostics: [Diagnostic] = listing.diagnostics
        // Every content file is read contained in the content folder, and checked as a page is (UTF-8, line ends).
        func read(_ path: String) -> String? {
            let (text, problems) = ContentFolder.text(path, in: content)
            loadDiagnostics += problems
            return text
        }
        var invitations: InvitationSetup? = nil
        if files.contains(InvitationConfig.fileName), let yaml = read(InvitationConfig.fileName) {
            for name in ["drafts", "mail-index"] where !templates.has(name) {
                throw DiglotError.templatesMissing(options.templates.path, name)
            }
            invitations = InvitationSetup(configYAML: yaml, emailTemplates: try EmailTemplates.load(from: options.templates.appendingPathComponent("email")))
        }
        let (docsets, docsetDiagnostics) = DocsetLoader.docsets(files: files, read: read)
        loadDiagnostics += docsetDiagnostics
        var site = SiteStructure(docsets: docsets, files: files)
        loadDiagnostics += site.conflicts
        if files.contains(Redirection.fileName), let text = read(Redirection.fileName) {
            let (redirections, problems) = Redirection.parse(text)
            site.redirections = redirections
            loadDiagnostics += problems
        }
        // The TOCs and the pages are read on all cores, TOCs first (the largest job).
        enum Job: Sendable { case toc(Docset), page(String) }
        enum Loaded: Sendable { case toc([TOCNode], [Diagnostic]), page(Result<SourceFile, Diagnostic>) }
        let jobs = docsets.map { Job.toc($0) } + site.pages.map { Job.page($0) }
        let loaded = ConcurrentMap.map(jobs) { job -> Loaded in
            switch job {
            case .toc(let docset):
                var readProblems: [Diagnostic] = []
                let (toc, problems) = TOCLoader.load(folder: docset.source, files: files) {
                    let (text, problems) = ContentFolder.text($0, in: content)
                    readProblems += problems
                    return text
                }
                return .toc(toc, readProblems + problems)
            case .page(let path):
                return .page(ContentLoader.read(path, in: content))
            }
        }
        for docset in docsets {
            guard let path = BreadcrumbLoader.file(of: docset, files: files), let text = read(path) else {
                site.breadcrumbs.append([])
                continue
            }
            let (nodes, problems) = BreadcrumbLoader.parse(text, path: path)
            site.breadcrumbs.append(nodes)
            loadDiagnostics += problems
        }
        // Markdown that is not a page may be included by one: read it too.
        let pageSet = Set(site.pages)
        for path in files where path.lowercased().hasSuffix(".md") && !pageSet.contains(path) {
            switch ContentLoader.read(path, in: content) {
            case .success(let file): site.otherMarkdown[path] = file.bytes
            case .failure(let diagnostic): loadDiagnostics.append(diagnostic)
            }
        }
        var sources: [SourceFile] = []
        for item in loaded {
            switch item {
            case .toc(let toc, let problems):
                site.tocs.append(toc)
                loadDiagnostics += problems
            case .page(.success(let file)): sources.append(file)
            case .page(.failure(let diagnostic)): loadDiagnostics.append(diagnostic)
            }
        }
        var qa: QAConfig? = nil
        if options.qaReport {
            let (config, problems) = QAConfig.load(fromContent: content)
            qa = config
            loadDiagnostics += problems
        }
        // parse, resolve, render
        var result = render(sources, templates: templates, targetLocale: options.targetLocale, invitations: invitations, site: site, qa: qa,
                            progress: options.progress)
        if let base = options.baseURL ?? docsets.compactMap(\.sitemapBaseURL).first {
            result.files.append(Sitemap.render(pages: result.builtPages, layout: result.layout, baseURL: base))
            result.files.sort { $0.path < $1.path }
        }
        // Media: every file of the docsets' resource globs, and every file a page shows or links to,
        // in each view's folder (the views share one layout, so relative links need no rewriting).
        let media = Resources.outputs(site: site, linked: result.linkedFiles)
        for (path, output) in media {
            switch ContentFolder.read(path, in: content) {
            case .success(let file):
                for view in View.allCases {
                    result.files.append(OutputFile(path: result.layout.folder(of: view) + "/" + output, bytes: file.bytes))
                }
            case .failure(let diagnostic):
                loadDiagnostics.append(diagnostic)
            }
        }
        result.files = OutputPlan.checked(result.files, diagnostics: &loadDiagnostics)
        result.diagnostics = (loadDiagnostics + result.diagnostics).sortedForReport()
        if options.strict {
            for index in result.diagnostics.indices { result.diagnostics[index].severity = .error }
        }
        result.fileCount = result.files.count
        return result
    }

    /// What `diglot check` reports: everything a build would, and the translation QA of every unit
    /// (with `diglot.yml`'s settings), without writing anything.
    public static func check(_ options: BuildOptions) throws -> [Diagnostic] {
        var result = try prepare(BuildOptions(content: options.content, output: options.output, templates: options.templates,
                                              targetLocale: options.targetLocale, strict: false, baseURL: options.baseURL))
        let (config, problems) = QAConfig.load(fromContent: options.content)
        result.diagnostics += problems
        let layout = result.layout
        result.diagnostics += TranslationQA(config: config).check(result.builtPages) { layout.docset(of: $0)?.source ?? "" }
        // Raw HTML outside units is the author's: kept, and its active parts reported here only.
        result.diagnostics += result.builtPages.flatMap(ActiveContent.report)
        var diagnostics = result.diagnostics.sortedForReport()
        if options.strict {
            for index in diagnostics.indices { diagnostics[index].severity = .error }
        }
        return diagnostics
    }

    /// Parses and renders pages in memory, on all cores. The output is the same whatever the order
    /// pages finish in: files come out sorted by path.
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
        let includes = Includes(files: site.otherMarkdown.merging(sources.map { ($0.path, $0.bytes) }) { a, _ in a }, siteBudget: includeSiteBudget)
        typealias Expansion = (page: Page, diagnostics: [Diagnostic], bytes: Int)
        let parsedAndExpanded = ConcurrentMap.map(sources) { source -> (ParsedPage, [Diagnostic], Expansion?) in
            var parsed = PageParser.parse(source)
            // Includes are expanded before anything looks at the page (admitted below, in path order).
            var expansion: Expansion? = nil
            if Includes.mayInclude(source.bytes), !includes.siteBudgetSpent {
                expansion = includes.expand(parsed.page, docset: site.docset(of: source.path)?.source ?? "")
            }
            // Front matter first, then the docset's fileMetadata, then its globalMetadata.
            if let docset = site.docset(of: source.path) {
                parsed.page.metadata = docset.metadata(for: parsed.page.metadata, at: source.path)
            }
            // The locale names a folder and a `lang`: one that is not a language tag is not used.
            if let locale = parsed.page.metadata.locale, let tag = SiteLayout.usableLocale(locale) {
                if tag != locale, let index = parsed.page.metadata.entries.firstIndex(where: { $0.key == "ms.contentlocale" }) {
                    parsed.page.metadata.entries[index].value = .string(tag)  // `es_es` is the site's `es-ES`
                }
            } else if let locale = parsed.page.metadata.locale {
                parsed.page.metadata.entries.removeAll { $0.key == "ms.contentlocale" }
                let location = FrontMatter.location(ofKey: "ms.contentlocale", in: source.bytes)
                let from = location == nil ? " (from the docset's docfx.json metadata)" : ""
                parsed.diagnostics.append(Diagnostic(file: source.path, location: location ?? SourceLocation(line: 1, column: 1), code: .invalidLocale,
                                                     stage: .parse, message: "ms.contentlocale \(locale.debugDescription)\(from) is not a BCP 47 language tag; it is not used"))
            }
            // Active content (script, unsafe URLs) never reaches the site from a unit or a markdown link:
            // the page is made safe as it stands, and so is its expansion (the one kept is reported).
            let (safe, active) = ActiveContent.neutralize(parsed.page)
            parsed.page.blocks = safe.blocks
            return (parsed, active, expansion.map(neutralized))
        }
        /// An expansion made safe, its active-content findings with its include findings.
        @Sendable func neutralized(_ expansion: Expansion) -> Expansion {
            let (safe, active) = ActiveContent.neutralize(expansion.page)
            return (safe, (expansion.diagnostics + active), expansion.bytes)
        }
        // The site's include budget, in path order, so that which pages keep their includes does not
        // depend on which thread finished first.
        var parsed: [ParsedPage] = []
        parsed.reserveCapacity(parsedAndExpanded.count)
        var expandedOnSite = 0
        var siteBudgetReached = false
        for (index, (page, active, done)) in parsedAndExpanded.enumerated() {
            var page = page
            var expanded = false
            let mayInclude = Includes.mayInclude(sources[index].bytes)
            if !siteBudgetReached, mayInclude {
                // A page the threads skipped once the budget looked spent is expanded here, if it is still
                // within it (from its page made safe already: its own findings are `active`).
                let expansion = done ?? neutralized(includes.expand(page.page, docset: site.docset(of: page.page.path)?.source ?? ""))
                if expandedOnSite + expansion.bytes <= includeSiteBudget {
                    expandedOnSite += expansion.bytes
                    expanded = true
                    page.page.blocks = expansion.page.blocks
                    page.diagnostics = (page.diagnostics + expansion.diagnostics + (done == nil ? active : [])).sortedForReport()
                    page.unitCount = page.page.units.count
                } else {
                    siteBudgetReached = true
                }
            }
            if !expanded, !active.isEmpty { page.diagnostics = (page.diagnostics + active).sortedForReport() }
            if siteBudgetReached, mayInclude {
                page.diagnostics.append(Diagnostic(file: page.page.path, location: SourceLocation(line: 1, column: 1), code: .includeLimit, stage: .resolve,
                                                   message: "the site's includes expand to more than \(includeSiteBudget) bytes: this page's includes are left unexpanded"))
            }
            parsed.append(page)
        }
        // Files that are not pages Diglot builds (YAML pages of other types) are reported once per type.
        let pages = parsed.filter(\.supported).map(\.page)
        var unsupported: [String: [Diagnostic]] = [:]
        for page in parsed where !page.supported {
            for diagnostic in page.diagnostics where diagnostic.code == .unsupportedPageType { unsupported[diagnostic.message, default: []].append(diagnostic) }
        }
        let unsupportedDiagnostics = unsupported.values.map { group -> Diagnostic in
            var first = group.sorted { $0.file < $1.file }[0]
            if group.count > 1 { first.message += " (\(group.count) files, this one first)" }
            return first
        }
        let layout = SiteLayout(targetLocale: targetLocale.flatMap(SiteLayout.usableLocale) ?? SiteLayout.targetLocale(of: pages), docsets: site.docsets,
                                docsetOfPage: site.docsetOfPage, routes: site.routes)
        // resolve: heading ids, then every link and image against the whole build.
        let headingIDs = Dictionary(uniqueKeysWithValues: zip(pages.map(\.path), ConcurrentMap.map(pages) { HeadingIDs.ids(for: $0) }))
        let checker = LinkChecker(pages: pages, headingIDs: headingIDs, files: site.files.isEmpty ? sources.map(\.path) : site.files)
        let checks = ConcurrentMap.map(pages) { checker.check($0) }
        var linkDiagnostics = checks.flatMap(\.diagnostics)
        var missingMedia: [String: [(file: String, location: SourceLocation)]] = [:]
        var foundMedia = Set<String>()
        for (page, check) in zip(pages, checks) {
            for (path, location) in check.missingMedia { missingMedia[path, default: []].append((page.path, location)) }
            foundMedia.formUnion(check.foundMedia)
        }
        for (path, places) in missingMedia {
            let first = places[0]
            let more = places.count > 1 ? "; also named at " + places.dropFirst().prefix(5).map { "\($0.file):\($0.location)" }.joined(separator: ", ")
                + (places.count > 6 ? " and \(places.count - 6) more places" : "") : ""
            linkDiagnostics.append(Diagnostic(file: first.file, location: first.location, code: .missingMedia, stage: .resolve,
                                              message: "\(path) is not in the content folder (named in \(places.count) place\(places.count == 1 ? "" : "s"))\(more)"))
        }
        let drafts = invitations.map { InvitationDrafts(setup: $0, pages: pages, targetLocale: layout.targetLocale, sourceLocale: layout.sourceLocale) }
        let titles = Dictionary(uniqueKeysWithValues: pages.map { ($0.path, (target: PageViews.targetTitle($0), source: PageViews.sourceTitle($0))) })
        let views = PageViews(templates: templates, layout: layout, drafts: drafts, navigation: Navigation(tocs: site.tocs, titles: titles, breadcrumbs: site.breadcrumbs, layout: layout))

        // The QA report, when asked for: its findings are on the page, not among the build's diagnostics.
        let qaFindings = qa.map { TranslationQA(config: $0).check(pages) { layout.docset(of: $0)?.source ?? "" } }
        let (redirectFiles, redirectDiagnostics) = RedirectPages.files(site.redirections, layout: layout, templates: templates)
        let redirects = (files: redirectFiles, diagnostics: redirectDiagnostics)
        let counter = progress == nil ? nil : Counter()
        let siteBytes = ByteBudget(limit: siteBytesLimit ?? SiteBuilder.maxSiteBytes(contentBytes: sources.reduce(0) { $0 + $1.bytes.count }))
        // Every page's views, and the start page as one more job beside them.
        // The site-wide job (start page, QA report, drafts) goes first: it is the longest, and started
        // last it would run alone at the end.
        let rendered = ConcurrentMap.map(Array(-1..<pages.count)) { index -> Result<PageViews.Rendered, Diagnostic> in
            guard index >= 0 else {
                var files = [StartPage.render(pages: pages, layout: layout, views: views, templates: templates, hasMail: !(drafts?.entries.isEmpty ?? true),
                                              hasQA: qaFindings != nil),
                             NotFoundPage.render(layout: layout, templates: templates)]
                if let qaFindings, let report = QAReport.render(qaFindings, pages: pages, layout: layout, titles: titles, templates: templates) {
                    files.append(report)
                }
                files += redirects.files
                do {
                    files += try views.navigation.tocFiles(layout: layout, views: views)
                } catch {
                    return .failure(Diagnostic(file: "", location: SourceLocation(line: 1, column: 1), code: .templateError, stage: .render,
                                               message: "rendering the TOC pages failed: \(error)"))
                }
                if let drafts, !drafts.entries.isEmpty {
                    files += drafts.files
                    if let index = drafts.index(templates: templates, locale: layout.targetLocale) { files.append(index) }
                }
                return .success(PageViews.Rendered(files: files))
            }
            let page = pages[index]
            if let progress, let done = counter?.next() { progress(.render, done, pages.count) }
            guard !siteBytes.exceeded else { return .success(PageViews.Rendered(files: [])) }  // the build stops below
            do {
                let views = try views.render(page, headingIDs: headingIDs[page.path] ?? [])
                siteBytes.add(views.files.reduce(0) { $0 + $1.bytes.count })
                return .success(views)
            } catch {
                return .failure(Diagnostic(file: page.path, location: SourceLocation(line: 1, column: 1), code: .templateError,
                                           stage: .render, message: "rendering failed: \(error)"))
            }
        }
        var files: [OutputFile] = []
        var diagnostics = parsed.filter(\.supported).flatMap(\.diagnostics) + unsupportedDiagnostics + (drafts?.diagnostics ?? []) + linkDiagnostics + redirects.diagnostics
        // Each page's entries go into its docset's index, in page order.
        var searchEntries: [String: [[UInt8]]] = [:]
        for (index, result) in rendered.enumerated() {
            switch result {
            case .success(let views):
                files.append(contentsOf: views.files)
                guard index > 0 else { continue }
                let path = pages[index - 1].path
                if !views.targetSearchEntry.isEmpty { searchEntries[layout.searchIndexPath(of: path, in: .target), default: []].append(views.targetSearchEntry) }
                if !views.sourceSearchEntry.isEmpty { searchEntries[layout.searchIndexPath(of: path, in: .source), default: []].append(views.sourceSearchEntry) }
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        for (path, entries) in searchEntries { files.append(SearchIndex.file(path: path, entries: entries)) }
        for asset in templates.assets { files.append(OutputFile(path: asset.path, bytes: asset.bytes)) }
        files.sort { $0.path < $1.path }
        if siteBytes.exceeded {
            // Text repeated in every page (a TOC's names, a title suffix, includes) can make a small
            // content folder a huge site: past the bound, nothing is published.
            diagnostics.append(Diagnostic(file: sources.first?.path ?? "", location: SourceLocation(line: 1, column: 1), code: .siteTooLarge, stage: .render,
                                          message: "the site's pages would be larger than \(siteBytes.limit) bytes (64 times their markdown, 1 GiB at least): nothing is written"))
            files = []
        }
        let units = parsed.reduce(0) { $0 + $1.unitCount }
        var result = BuildResult(pages: pages.count, units: units, files: files, diagnostics: diagnostics.sortedForReport())
        result.builtPages = pages
        result.layout = layout
        result.linkedFiles = foundMedia
        return result
    }
}

/// The files copied into the site beside the pages.
enum Resources {
    /// Content path → output path (inside a view's folder) of the docsets' resources and of the files
    /// pages link to, sorted by content path.
    static func outputs(site: SiteStructure, linked: Set<String>) -> [(content: String, output: String)] {
        var outputs: [String: String] = [:]
        for docset in site.docsets {
            for (content, output) in docset.resources(among: site.files) where outputs[content] == nil { outputs[content] = output }
        }
        for path in linked where outputs[path] == nil && site.routes[path] == nil {
            outputs[path] = site.docsets.lazy.compactMap { $0.outputPath(ofFile: path) }.first ?? path
        }
        return outputs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// The start page: the docsets, each with its pages and their three views.
enum StartPage {
    static func render(pages: [Page], layout: SiteLayout, views: PageViews, templates: TemplateSet, hasMail: Bool, hasQA: Bool = false) -> OutputFile {
        let strings = templates.strings(for: layout.targetLocale)
        func row(_ page: Page) -> [String: Any] {
            let docset = layout.docset(of: page.path)
            return [
                "title": views.navigation.titles[page.path]?.target ?? PageViews.targetTitle(page),
                "sourceTitle": views.navigation.titles[page.path]?.source ?? PageViews.sourceTitle(page),
                "path": page.path,
                "href": layout.path(of: page.path, in: docset?.defaultView ?? .target),
                "targetHref": layout.path(of: page.path, in: .target),
                "sideBySideHref": layout.path(of: page.path, in: .sideBySide),
                "sourceHref": layout.path(of: page.path, in: .source),
                "targetLabel": views.label(of: .target),
                "sideBySideLabel": views.label(of: .sideBySide),
                "sourceLabel": views.label(of: .source),
            ]
        }
        // Docsets in their order, each with its pages; pages of no docset last.
        let docsets: [[String: Any]] = layout.groupedByDocset(pages, path: \.path).map { group in
            ["name": group.name.isEmpty ? (strings["otherPages"] ?? "Pages") : group.name, "pageCount": group.items.count, "pages": group.items.map(row)]
        }
        let context: [String: Any] = [
            "lang": layout.targetLocale,
            "dir": LanguageTag.isRightToLeft(layout.targetLocale) ? "rtl" : false,
            "title": strings["indexTitle"] ?? "Diglot",
            "pageCount": pages.count,
            "hasMail": hasMail,
            "hasQA": hasQA,
            "strings": strings,
            "docsets": docsets,
            // The start page searches every docset's index of the translation and links into its view.
            "searchIndex": Set(pages.map { layout.searchIndexPath(of: $0.path, in: .target) }).sorted().joined(separator: " "),
            "searchBase": layout.folder(of: .target) + "/",
        ]
        return OutputFile(path: "index.html", text: templates.render(context, template: "index") ?? "")
    }
}

/// `404.html`: what a server shows for an address with no page (links are from the site's top).
enum NotFoundPage {
    static func render(layout: SiteLayout, templates: TemplateSet) -> OutputFile {
        let context: [String: Any] = ["lang": layout.targetLocale, "sourceLang": layout.sourceLocale,
                                      "dir": LanguageTag.isRightToLeft(layout.targetLocale) ? "rtl" : false,
                                      "strings": templates.strings(for: layout.targetLocale), "sourceStrings": templates.strings(for: layout.sourceLocale)]
        return OutputFile(path: "404.html", text: templates.render(context, template: "404") ?? "")
    }
}

extension SiteBuilder {
    /// The most bytes a build renders for its pages' views: 64 times the pages' markdown, and 1 GiB at least (the
    /// corpus makes 8 times its size). Past it the build reports DG305 and writes nothing.
    static func maxSiteBytes(contentBytes: Int) -> Int { max(1 << 30, contentBytes * 64) }
}

/// Bytes rendered so far by all threads, against a bound.
final class ByteBudget: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var total = 0

    init(limit: Int) { self.limit = limit }

    func add(_ bytes: Int) { lock.withLock { total += bytes } }
    var exceeded: Bool { lock.withLock { total > limit } }
}

/// A count shared by the threads that render pages (for progress).
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// `map` over an array on all cores, keeping the order.
enum ConcurrentMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        // Deinitialized before it is freed: the results it holds are released (a buffer freed without
        // it leaked every page of every rebuild in `diglot serve`).
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let box = UncheckedBox(results)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(1, (items.count + workers * 8 - 1) / (workers * 8))
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lower = c * chunk
            let upper = min(items.count, lower + chunk)
            for i in lower..<upper { box.value[i] = transform(items[i]) }
        }
        return results.map { $0! }
    }

    private final class UncheckedBox<V>: @unchecked Sendable {
        let value: V
        init(_ value: V) { self.value = value }
    }
}
