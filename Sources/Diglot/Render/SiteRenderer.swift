import Foundation

/// The render stage's hand-off: the site's files, in memory, sorted by path, and what rendering found.
struct RenderedSite: Sendable {
    var files: [OutputFile]
    var diagnostics: [Diagnostic]
}

/// The render stage: each page's three views (`PageViews`), the start page, `404.html`, the QA report,
/// the redirect pages, each docset's TOC files and search indexes, the drafts and the assets, from the
/// resolved site only. Pages render on all cores; the output does not depend on which finishes first.
enum SiteRenderer {
    /// Pages rendered at a time: their views go to the sink before the next pages are rendered, so
    /// no more than this many pages' models and views are held at once.
    static let pagesPerBatch = 256

    /// The render stage's part of the resolve stage's page loop: each page's views' content, rendered as
    /// soon as the page is parsed (and, for the QA report, its findings), so that the page's model can
    /// be dropped then (see `SiteResolver.EarlyContent`).
    static func earlyContent(templates: TemplateSet, qa: QAConfig?, currentEnglish: CurrentEnglish? = nil) -> SiteResolver.EarlyContent {
        { layout in
            let views = PageViews(templates: templates, layout: layout, currentEnglish: currentEnglish)
            let translationQA = qa.map { TranslationQA(config: $0, targetLocale: layout.targetLocale, sourceLocale: layout.sourceLocale) }
            return { page, ids in
                var content = views.content(page, headingIDs: ids)
                content.qa = translationQA?.findings(in: page, docset: layout.docset(of: page.path)?.source ?? "")
                return content
            }
        }
    }

    /// Every path `render` hands to its sink, known before anything is rendered (the publish plan is
    /// checked, and the writer prepared, from it). Kept beside `render`, which it mirrors.
    static func plan(_ resolved: ResolvedSite, templates: TemplateSet, qa: QAConfig?, baseURL: String?) -> [String] {
        let layout = resolved.layout
        var paths: [String] = []
        for page in resolved.pages {
            for view in layout.views(of: page.path) { paths.append(layout.path(of: page.path, in: view)) }
        }
        let navigationFiles = navigationFiles(layout, tocs: resolved.site.tocs)  // the start page first
        paths += [navigationFiles[0], "404.html"]
        if layout.multilingual, templates.has("languages") { paths.append(LanguageChooser.path) }
        if qa != nil, templates.has("qa") { paths.append(QAReport.path) }
        if resolved.currentEnglish != nil, templates.has(StaleReport.template) { paths.append(StaleReport.path(layout)) }
        if resolved.currentEnglish != nil, layout.multilingual, templates.has(StaleReport.summaryTemplate) { paths.append(StaleReport.summaryPath) }
        paths += resolved.redirects.map(\.path)
        paths += navigationFiles.dropFirst()
        if let drafts = resolved.drafts, !drafts.entries.isEmpty {
            paths += drafts.paths
            if templates.has("mail-index") { paths.append("mail/index.html") }
        }
        paths += resolved.searchIndexPlan.files.map(\.path)
        paths += templates.assets(forCode: resolved.hasCode).map(\.path)
        if baseURL != nil, !layout.multilingual { paths.append("sitemap.xml") }
        return paths
    }

    /// The site's files made from the navigation alone (what `navigationDigest` covers and the global
    /// inputs): the start page, and each docset's TOC script and TOC page in each view.
    static func navigationFiles(_ layout: SiteLayout, tocs: [[TOCNode]]) -> [String] {
        let sidebars = SidebarCache(tocs: tocs)
        var paths = [layout.startPage(for: .target)]
        for docset in layout.docsets.indices where sidebars.hasTOC(docset: docset) {
            for view in layout.views { paths += [layout.tocPath(docset: docset, in: view) + ".js", layout.tocPath(docset: docset, in: view) + ".html"] }
        }
        return paths
    }

    /// Each page's render dependency: a fingerprint of everything its views show besides its own
    /// content and the site's global inputs (the templates, strings and configs, which the build
    /// cache's global fingerprint covers): its views and their paths, its navigation in each view (the
    /// TOC branch, breadcrumbs, previous and next, with the titles they show), its docset's versions,
    /// its own titles, the site's locales, which pages have no English view (the links across views)
    /// and, for a page whose content shows other pages' titles (bare xrefs, links with no text), every page's title. The
    /// drafts' page has none (it is always rendered). A page whose inputs and render dependency are
    /// those of the last build keeps its views as they are.
    static func renderFingerprints(_ resolved: ResolvedSite, templates: TemplateSet) -> [String: String] {
        let layout = resolved.layout
        let navigation = Navigation(tocs: resolved.site.tocs, titles: resolved.titles, breadcrumbs: resolved.site.breadcrumbs, layout: layout)
        let views = PageViews(templates: templates, layout: layout, navigation: navigation)
        let dependency = RenderDependency(resolved)
        let fingerprints = ConcurrentMap.map(resolved.pages) { page -> String in
            dependency.fingerprint(of: page.path) { view, root in
                (navigation.html(for: page.path, view: view, root: root, layout: layout, strings: view == .source ? views.sourceStrings : views.targetStrings),
                 navigation.tocScript(for: page.path, view: view, root: root, layout: layout))
            }
        }
        return Dictionary(zip(resolved.pages.map(\.path), fingerprints), uniquingKeysWith: { first, _ in first })
    }

    /// A fingerprint of everything `renderFingerprints` reads besides each page's path and the
    /// global inputs: the locales, which pages have no English view, every page's titles, the pages
    /// that show every title, each docset's monikers, the TOCs (as resolved, uids in) and breadcrumb
    /// trees, the drafts' page and whether there are drafts (the start page's link). When it is the
    /// last build's, so is every page's render fingerprint, and no page's navigation is rendered to
    /// work them out (a body edit's rebuild); nor are the start page and the TOC files, which show
    /// nothing else (`navigationFiles`).
    static func navigationDigest(_ resolved: ResolvedSite) -> String {
        var bytes: [UInt8] = Array("navigation 1\u{0}".utf8)
        func add(_ text: String) { bytes += text.utf8; bytes.append(0) }
        func add(_ node: TOCNode) {
            add(node.name); add(node.page ?? "\u{1}"); add(node.url ?? "\u{1}"); add(node.anchor ?? "\u{1}"); add(node.uid ?? "\u{1}")
            bytes.append(node.expanded ? 1 : 0)
            add(String(node.children.count)); node.children.forEach(add)
        }
        func add(_ node: BreadcrumbNode) {
            add(node.name); add(node.tocHref); add(node.topicHref ?? "\u{1}")
            add(String(node.children.count)); node.children.forEach(add)
        }
        let layout = resolved.layout
        add(layout.targetLocale); add(layout.sourceLocale); add(layout.views.map(\.rawValue).joined(separator: ","))
        for path in layout.translationOnly.sorted() { add(path) }
        add("titles")
        for path in resolved.titles.keys.sorted() { add(path); add(resolved.titles[path]!.target); add(resolved.titles[path]!.source) }
        add("titled")
        for path in resolved.titledPages.sorted() { add(path) }
        add("monikers")
        for docset in layout.monikers.keys.sorted() { add(String(docset)); add(layout.monikers[docset]!.joined(separator: "\u{1}")) }
        add("tocs")
        for toc in resolved.site.tocs { add(String(toc.count)); toc.forEach(add) }
        add("breadcrumbs")
        for trail in resolved.site.breadcrumbs { add(String(trail.count)); trail.forEach(add) }
        add(resolved.drafts?.catalog?.page ?? "\u{1}")
        add(resolved.drafts?.entries.isEmpty == false ? "mail" : "")
        return String(FastHash.hash(bytes), radix: 16)
    }

    /// Renders the site into memory (see `render(_:templates:qa:baseURL:siteBytesLimit:progress:sink:)`).
    static func render(_ resolved: ResolvedSite, templates: TemplateSet, qa: QAConfig?, baseURL: String? = nil, siteBytesLimit: Int? = nil,
                       progress: (@Sendable (BuildStage, Int, Int) -> Void)? = nil) -> RenderedSite {
        var files: [OutputFile] = []
        var diagnostics = render(resolved, templates: templates, qa: qa, baseURL: baseURL, siteBytesLimit: siteBytesLimit, progress: progress) {
            files += $0
        }
        if diagnostics.contains(where: { $0.code == .siteTooLarge }) { files = [] }
        files.sort { $0.path < $1.path }
        diagnostics = diagnostics.sortedForReport()
        return RenderedSite(files: files, diagnostics: diagnostics)
    }

    /// Renders the site batch by batch into `sink`: `pagesPerBatch` pages' views at a time (each page's
    /// model from `resolved.source`, dropped once rendered), then the site's own files. Returns what
    /// rendering found. Past the site's size bound (DG305) it stops, hands nothing more to the sink
    /// and returns the finding: the caller must not publish what it was given.
    /// - Parameters:
    ///   - qa: write the QA report (`qa/index.html`) with these settings.
    ///   - baseURL: the site's address: `sitemap.xml` is written (its addresses must be absolute), and the
    ///     pages' `hreflang` alternates and the redirect pages' canonical links are absolute.
    ///   - siteBytesLimit: the most bytes the pages' views may take (DG305); `SiteBuilder.maxSiteBytes` by default.
    static func render(_ resolved: ResolvedSite, templates: TemplateSet, qa: QAConfig?, baseURL: String? = nil, siteBytesLimit: Int? = nil,
                       progress: (@Sendable (BuildStage, Int, Int) -> Void)? = nil, reuse: RenderReuse? = nil, log: RenderLog? = nil,
                       sink: ([OutputFile]) throws -> Void) rethrows -> [Diagnostic] {
        let pages = resolved.pages
        let layout = resolved.layout
        let drafts = resolved.drafts
        let views = {
            var views = PageViews(templates: templates, layout: layout, drafts: drafts,
                                  navigation: Navigation(tocs: resolved.site.tocs, titles: resolved.titles, breadcrumbs: resolved.site.breadcrumbs, layout: layout),
                                  reportURL: resolved.site.reportURL, baseURL: baseURL, currentEnglish: resolved.currentEnglish)
            // The log records each rendered page's render dependency, worked out from the navigation its frame renders.
            if log?.recordsRenderDependencies == true { views.dependency = RenderDependency(resolved) }
            return views
        }()
        let translationQA = qa.map { TranslationQA(config: $0, targetLocale: layout.targetLocale, sourceLocale: layout.sourceLocale) }
        let counter = progress == nil ? nil : Counter()
        let siteBytes = ByteBudget(limit: siteBytesLimit ?? SiteBuilder.maxSiteBytes(contentBytes: resolved.contentBytes))
        // The interface strings of the site's languages, and what of them falls back (DG306).
        var diagnostics = templates.strings.missingKeys(for: [layout.targetLocale, layout.sourceLocale])
        var qaFindings: [TranslationQA.PageFindings] = []
        var staleResults: [StaleTranslations.PageResult] = []
        // Each page's search entries go into its part of its docset's index, in page order; a part is
        // handed to the sink as soon as its last page is rendered (a docset's pages are together in
        // path order), so that the build holds one part's entries at a time, not the site's. A part
        // the last build wrote with the same entries is kept instead (`RenderReuse.keptIndexFiles`).
        let searchPlan = resolved.searchIndexPlan
        var searchEntries: [String: [ArraySlice<UInt8>]] = [:]
        var pagesLeft: [String: Int] = [:]
        for file in searchPlan.files { pagesLeft[file.path] = file.pages.count }
        func finished(_ file: SearchIndexPlan.File) -> OutputFile? {
            pagesLeft[file.path, default: 0] -= 1
            guard pagesLeft[file.path] == 0 else { return nil }
            let entries = searchEntries.removeValue(forKey: file.path) ?? []
            guard !(reuse?.keptIndexFiles.contains(file.path) ?? false) else { return nil }
            return SearchIndex.file(path: file.path, entries: entries, part: file.part, of: file.parts)
        }
        for batch in stride(from: 0, to: pages.count, by: pagesPerBatch) {
            let indices = Array(batch..<min(pages.count, batch + pagesPerBatch))
            let rendered = ConcurrentMap.map(indices) { index -> (Result<PageViews.Rendered, Diagnostic>, TranslationQA.PageFindings?, StaleTranslations.PageResult?) in
                let path = pages[index].path
                if let progress, let done = counter?.next() { progress(.render, done, pages.count) }
                guard !siteBytes.exceeded else { return (.success(PageViews.Rendered(files: [])), nil, nil) }  // the build stops below
                if let reuse, reuse.keptPages.contains(path) {
                    // Kept as the last build wrote it: only its search entries go on (none when its
                    // parts of the indexes are kept too).
                    let entries = reuse.entries[path]
                    return (.success(PageViews.Rendered(files: [], targetSearchEntry: entries?.target ?? [], sourceSearchEntry: entries?.source ?? [])), nil, nil)
                }
                var content = resolved.source.content(of: path)
                if content == nil {
                    let page = resolved.source.model(of: path)
                    content = views.content(page, headingIDs: resolved.headingIDs[path] ?? [])
                    content?.qa = translationQA?.findings(in: page, docset: layout.docset(of: path)?.source ?? "")
                }
                let findings = translationQA == nil ? nil : content?.qa
                do {
                    let views = try views.frame(content!, of: pages[index])
                    siteBytes.add(views.files.reduce(0) { $0 + $1.bytes.count })
                    return (.success(views), findings, content?.stale)
                } catch {
                    return (.failure(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: .templateError,
                                                stage: .render, message: "rendering failed: \(error)")), findings, content?.stale)
                }
            }
            if siteBytes.exceeded {
                // Text repeated in every page (a title suffix, includes) can make a small content folder a
                // huge site: past the bound, nothing is published.
                return diagnostics + [Diagnostic(file: pages.first?.path ?? "", location: SourceLocation(line: 1, column: 1), code: .siteTooLarge, stage: .render,
                                   message: "the site's pages would be larger than \(siteBytes.limit) bytes (64 times their markdown, 1 GiB at least): nothing is written")]
            }
            var files: [OutputFile] = []
            for (index, (result, findings, stale)) in zip(indices, rendered) {
                if let findings { qaFindings.append(findings) }
                if let stale { staleResults.append(stale) }
                let path = pages[index].path
                let targetPart = searchPlan.file(of: path, in: .target), sourcePart = searchPlan.file(of: path, in: .source)
                switch result {
                case .success(let views):
                    let kept = reuse?.keptPages.contains(path) ?? false
                    // A kept page's entries' lengths are the last build's (its parts may be kept, unread).
                    let lengths = kept ? reuse!.entryLengths[path] ?? (0, 0) : (views.targetSearchEntry.count, views.sourceSearchEntry.count)
                    log?.record(path, rendered: !kept, target: lengths.target, source: lengths.source, dependency: views.renderDependency)
                    files += views.files
                    if let targetPart, !views.targetSearchEntry.isEmpty { searchEntries[targetPart.path, default: []].append(views.targetSearchEntry) }
                    if let sourcePart, !views.sourceSearchEntry.isEmpty { searchEntries[sourcePart.path, default: []].append(views.sourceSearchEntry) }
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
                for part in [targetPart, sourcePart].compactMap({ $0 }) { if let file = finished(part) { files.append(file) } }
            }
            try sink(files)
        }
        // The site's own files: the start page, 404, the QA report, redirects, TOCs, drafts, search indexes, assets.
        let keptNavigationFiles = !(reuse?.keptNavigationFiles.isEmpty ?? true)
        var files = keptNavigationFiles ? []
            : [StartPage.render(pages: pages, layout: layout, views: views, templates: templates, hasMail: !(drafts?.entries.isEmpty ?? true),
                                hasQA: translationQA != nil, hasStale: resolved.currentEnglish != nil && templates.has(StaleReport.template))]
        let keptSiteFiles = reuse?.keptSiteFiles ?? []
        if !keptSiteFiles.contains(NotFoundPage.path) { files.append(NotFoundPage.render(layout: layout, templates: templates)) }
        if layout.multilingual, let chooser = LanguageChooser.render(layout: layout, templates: templates) { files.append(chooser) }
        if let translationQA, let report = QAReport.render(translationQA.report(qaFindings), pages: pages, layout: layout, titles: resolved.titles,
                                                           templates: templates) {
            files.append(report)
        }
        if let current = resolved.currentEnglish {
            let report = StaleTranslations.report(pages: pages.map(\.path), results: staleResults, current: current)
            log?.staleCounts = SitePart.StaleCounts(pages: report.pages, stalePages: report.stalePages.count, staleSentences: report.staleSentences,
                                                    untranslated: report.untranslated.count)
            if let page = StaleReport.render(report, layout: layout, titles: resolved.titles, templates: templates) { files.append(page) }
            // A multilingual site's summary of every language's report: `SiteMerger` fills its rows.
            if layout.multilingual, let summary = StaleReport.summary(layout: layout, templates: templates) { files.append(summary) }
        }
        files += RedirectPages.files(resolved.redirects.filter { !keptSiteFiles.contains($0.path) }, templates: templates, baseURL: baseURL)
        do {
            if !keptNavigationFiles { files += try views.navigation.tocFiles(layout: layout, views: views) }
        } catch {
            diagnostics.append(Diagnostic(file: "", location: SourceLocation(line: 1, column: 1), code: .templateError, stage: .render,
                                          message: "rendering the TOC pages failed: \(error)"))
        }
        if let drafts, !drafts.entries.isEmpty {
            files += drafts.files
            if let index = drafts.index(templates: templates, locale: layout.targetLocale) { files.append(index) }
        }
        for asset in templates.assets(forCode: resolved.hasCode) where !keptSiteFiles.contains(asset.path) { files.append(OutputFile(path: asset.path, bytes: asset.bytes)) }
        // A multilingual site's sitemap spans the locales: `SiteMerger` writes it.
        if let baseURL, !layout.multilingual { files.append(Sitemap.render(pages: pages, layout: layout, baseURL: baseURL)) }
        try sink(files)
        return diagnostics
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
    /// Adds `bytes` if the total stays within the limit; false (nothing added) if it would not.
    func tryAdd(_ bytes: Int) -> Bool {
        lock.withLock {
            guard total + bytes <= limit else { return false }
            total += bytes
            return true
        }
    }
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
