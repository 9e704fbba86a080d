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
    /// - Parameters:
    ///   - qa: write the QA report (`qa/index.html`) with these settings.
    ///   - baseURL: the site's address: `sitemap.xml` is written (its addresses must be absolute).
    ///   - siteBytesLimit: the most bytes the pages' views may take (DG305); `SiteBuilder.maxSiteBytes` by default.
    static func render(_ resolved: ResolvedSite, templates: TemplateSet, qa: QAConfig?, baseURL: String? = nil, siteBytesLimit: Int? = nil,
                       progress: (@Sendable (BuildStage, Int, Int) -> Void)? = nil) -> RenderedSite {
        let pages = resolved.pages
        let layout = resolved.layout
        let drafts = resolved.drafts
        let views = PageViews(templates: templates, layout: layout, drafts: drafts,
                              navigation: Navigation(tocs: resolved.site.tocs, titles: resolved.titles, breadcrumbs: resolved.site.breadcrumbs, layout: layout))
        // The QA report, when asked for: its findings are on the page, not among the build's diagnostics.
        let qaFindings = qa.map { TranslationQA(config: $0).check(pages) { layout.docset(of: $0)?.source ?? "" } }
        let counter = progress == nil ? nil : Counter()
        let siteBytes = ByteBudget(limit: siteBytesLimit ?? SiteBuilder.maxSiteBytes(contentBytes: resolved.contentBytes))
        // Every page's views, and the site-wide job (start page, QA report, redirects, TOCs, drafts) as
        // one more beside them, first: it is the longest, and started last it would run alone at the end.
        let rendered = ConcurrentMap.map(Array(-1..<pages.count)) { index -> Result<PageViews.Rendered, Diagnostic> in
            guard index >= 0 else {
                var files = [StartPage.render(pages: pages, layout: layout, views: views, templates: templates, hasMail: !(drafts?.entries.isEmpty ?? true),
                                              hasQA: qaFindings != nil),
                             NotFoundPage.render(layout: layout, templates: templates)]
                if let qaFindings, let report = QAReport.render(qaFindings, pages: pages, layout: layout, titles: resolved.titles, templates: templates) {
                    files.append(report)
                }
                files += RedirectPages.files(resolved.redirects, templates: templates)
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
                let views = try views.render(page, headingIDs: resolved.headingIDs[page.path] ?? [])
                siteBytes.add(views.files.reduce(0) { $0 + $1.bytes.count })
                return .success(views)
            } catch {
                return .failure(Diagnostic(file: page.path, location: SourceLocation(line: 1, column: 1), code: .templateError,
                                           stage: .render, message: "rendering failed: \(error)"))
            }
        }
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
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
        if let baseURL { files.append(Sitemap.render(pages: pages, layout: layout, baseURL: baseURL)) }
        files.sort { $0.path < $1.path }
        if siteBytes.exceeded {
            // Text repeated in every page (a title suffix, includes) can make a small content folder a
            // huge site: past the bound, nothing is published.
            diagnostics.append(Diagnostic(file: pages.first?.path ?? "", location: SourceLocation(line: 1, column: 1), code: .siteTooLarge, stage: .render,
                                          message: "the site's pages would be larger than \(siteBytes.limit) bytes (64 times their markdown, 1 GiB at least): nothing is written"))
            files = []
        }
        return RenderedSite(files: files, diagnostics: diagnostics)
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
