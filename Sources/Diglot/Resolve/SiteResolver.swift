import Foundation

/// The resolve stage's hand-off: the pages the site shows and everything worked out across them
/// (where each page goes, its heading ids and titles, every link checked, the files pages link to,
/// the redirect pages' targets, the drafts). Render and check read it; neither resolves anything
/// again. `pages` hold each page's path and metadata only: a page's model, includes expanded, comes
/// from `source` when a stage needs it, and is not kept (issue 12: bounded memory).
struct ResolvedSite: Sendable {
    /// The pages Diglot builds, in path order: path and metadata, no blocks.
    var pages: [Page]
    var layout: SiteLayout
    var site: SiteStructure
    /// Each page's heading ids, in order (anchors and the English view's ids).
    var headingIDs: [String: [String]]
    /// Each page's title in the translation and in English (navigation names pages by them).
    var titles: [String: (target: String, source: String)]
    /// Files of the content that pages show or link to (pictures, PDFs), by content path.
    var linkedFiles: Set<String>
    var redirects: [RedirectPages.Resolved]
    var drafts: InvitationDrafts?
    var units: Int
    /// Some page shows code of a named language (the site ships the syntax highlighter).
    var hasCode = false
    /// The pages' markdown, in bytes (the site's size is bounded by it).
    var contentBytes: Int
    /// Every finding of load, parse and resolve.
    var diagnostics: [Diagnostic]
    /// The pages' models, on demand.
    var source: ResolvedPages
    /// What each page read (`ResolvedSite.pages` and the pages of unsupported types, not those that
    /// could not be read) gives the rest of the site, for the build cache: a page whose inputs did
    /// not change is taken from it next time instead of being parsed. Made when `resolve` is given
    /// a page cache (`cached`, empty for a full build), as `SiteBuilder.build` does.
    var summaries: [String: PageSummary] = [:]
    /// The pages taken from the build cache, not parsed.
    var fromCache: Set<String> = []
    /// A fingerprint of the site's uids and their pages (a page's xrefs depend on every page's uid).
    var xrefDigest = ""
    /// The pages that show another page's title in their content (bare xrefs, links with no text).
    var titledPages: Set<String> = []
    /// The current English the pages are compared with (`BuildOptions.currentEnglish`), when given.
    var currentEnglish: CurrentEnglish? = nil
    /// The parts of the search indexes and each page's part in them, from `pages` and `layout` as
    /// `resolve` made them (the plan, the renderer, the reuse of the last build's parts and the page
    /// cache read this one).
    var searchIndexPlan: SearchIndexPlan
}

/// A resolved page's model, includes expanded where the site's budget admitted them, or, where the
/// page's views' content was rendered as it was parsed, that content: kept from the first parse while
/// the build's memory stays within `retainedBytes`, past it written to the build's `ContentSpill` and
/// read back, and otherwise (a page whose content waits for every title, a spill that failed) read
/// and parsed again (the same bytes give the same model). Each is handed out once.
final class ResolvedPages: @unchecked Sendable {
    /// What the build keeps between resolve and render, content and models together: 64 MB. Content
    /// counts its bytes (kept at their size: `PageContent.compacted`), a model
    /// `modelBytesPerMarkdownByte` times its markdown. The es-ES corpus makes 30 MB of content, kept
    /// whole; a site 20 times its size keeps the first 64 MB and spills the rest (`ContentSpill`),
    /// read back when it is framed. The build's memory is about this and its summaries.
    static let retainedBytes = 64 << 20
    /// A page's model against its markdown, in memory: 4, an estimate (heaptrack on the 20× build,
    /// 2026-12-01: the parser's allocation sites held about 63 MB while 16 MB of markdown's models were kept).
    static let modelBytesPerMarkdownByte = 4

    private let reader: any PageReader
    private let site: SiteStructure
    private let includes: Includes
    private let snippets: CodeSnippets
    private let expand: [String: Bool]
    private let xrefs: XrefMap
    private let lock = NSLock()
    private var retained: [String: Page]
    private var contents: [String: PageContent]
    /// Content past the budget, in `spill`'s file.
    private var spilled: [String: ContentSpill.Ticket]
    private let spill: ContentSpill?

    fileprivate init(reader: any PageReader, site: SiteStructure, includes: Includes, snippets: CodeSnippets, expand: [String: Bool], xrefs: XrefMap,
                     retained: [String: Page], contents: [String: PageContent], spilled: [String: ContentSpill.Ticket] = [:], spill: ContentSpill? = nil) {
        self.spilled = spilled
        self.spill = spill
        self.xrefs = xrefs
        self.reader = reader
        self.site = site
        self.includes = includes
        self.snippets = snippets
        self.expand = expand
        self.retained = retained
        self.contents = contents
    }

    /// The page's views' content, if it was rendered as the page was first parsed (see
    /// `SiteResolver.resolve`'s `earlyContent`); handed out once. Nil: render it from `model(of:)`.
    func content(of page: String) -> PageContent? {
        let (kept, ticket) = lock.withLock { (contents.removeValue(forKey: page), spilled.removeValue(forKey: page)) }
        if let kept { return kept }
        if let ticket, let spill { return spill.load(ticket) }
        return nil
    }

    /// How many pages' content is in the spill file (for tests).
    var spilledCount: Int { lock.withLock { spilled.count } }
    /// Whether a page's content is in the spill file, not yet handed out (for tests).
    func isSpilled(_ page: String) -> Bool { lock.withLock { spilled[page] != nil } }

    /// How many pages' content waits to be handed out.
    var contentCount: Int { lock.withLock { contents.count } }

    /// How many pages' models kept from the first parse wait to be handed out.
    var retainedCount: Int { lock.withLock { retained.count } }

    /// The model of `page` (a path of `ResolvedSite.pages`), made safe, includes expanded if admitted;
    /// `keep`: a model kept from the first parse stays kept (the drafts read their page before render).
    func model(of page: String, keep: Bool = false) -> Page {
        let kept = lock.withLock { keep ? retained[page] : retained.removeValue(forKey: page) }
        var model: Page
        if let kept {
            model = kept
        } else {
            guard case .success(let source) = reader.read(page) else { return Page(path: page, metadata: Metadata(), blocks: []) }
            // Parsed again: its snippets read again (from the cache), their findings reported the first time.
            model = SiteResolver.snippetsRead(xrefs.resolve(SiteParser.parse(source, site: site).parsed.page).page, snippets: snippets, site: site).page
        }
        if expand[page] == true { model = SiteResolver.expanded(model, includes: includes, site: site, xrefs: xrefs, snippets: snippets).page }
        return model
    }
}

/// The resolve stage: each page read, parsed and made safe (`SiteParser`), its includes expanded into
/// the model (within the site's budget, admitted in path order), pages of unsupported types set
/// aside, the layout chosen, then every link, anchor and picture checked against the whole build and
/// the redirects and drafts worked out. Pages are summarized as they are parsed; their models are not
/// all held at once.
enum SiteResolver {
    /// What the resolve stage keeps of one version of a page (as written, or with its includes).
    struct Shape: Sendable {
        var ids: [String]
        var titles: (target: String, source: String)
        var units: Int
        var links: LinkChecker.Collected
        var diagnostics: [Diagnostic]
        var bytes: Int
        /// The monikers the page's ranges name (front matter and moniker blocks).
        var monikers: [String]
        /// The page shows code of a named language.
        var code: Bool
        /// The xrefs the page names that nothing declares.
        var unresolvedXrefs: [XrefMap.Unresolved] = []

        init(_ page: Page, diagnostics: [Diagnostic], bytes: Int = 0, unresolvedXrefs: [XrefMap.Unresolved] = []) {
            self.unresolvedXrefs = unresolvedXrefs
            ids = HeadingIDs.ids(for: page)
            monikers = ([page.metadata["monikerRange"]?.string].compactMap { $0 } + page.monikerRanges).flatMap { MonikerRange($0)?.monikers ?? [] }
            titles = (PageTitle.target(page), PageTitle.source(page))
            code = page.hasCodeWithLanguage
            units = page.units.count
            links = LinkChecker.collect(page, headingIDs: ids)
            self.diagnostics = diagnostics
            self.bytes = bytes
        }
    }

    /// What the resolve stage keeps of a page after its first parse.
    struct Facts: Sendable {
        var skeleton: Page
        var supported: Bool
        var mayInclude: Bool
        var sourceBytes: Int
        var plain: Shape
        var expansion: Shape?
        var retained: Page?
        var readFailure: Diagnostic?
        /// The views' content, rendered at once from the page with its includes (`contentExpanded`) or without.
        var content: PageContent?
        /// The same, past the memory budget: written to the build's `ContentSpill`.
        var spilled: ContentSpill.Ticket?
        var contentExpanded = false
        /// The page shows another page's title (a bare xref, a link with no text): its content is rendered once all are read.
        var titled = false
        /// The files its includes read (its expansion, where it was expanded).
        var includeFiles: Set<String> = []
        /// Taken from the build cache.
        var cached = false
    }

    /// Renders a page's views' content from its model and heading ids, for a layout: given, the
    /// resolve stage renders each page's content as soon as it has parsed it, and keeps that
    /// instead of the model (a tenth of its size), so that no page is parsed twice.
    typealias EarlyContent = @Sendable (SiteLayout) -> @Sendable (Page, [String]) -> PageContent

    static func resolve(pages paths: [String], reader: any PageReader, site given: SiteStructure, targetLocale: String?,
                        invitations: InvitationSetup?, includeSiteBudget: Int, diagnostics loaded: [Diagnostic] = [],
                        earlyContent: EarlyContent? = nil, cached: [String: PageSummary]? = nil, previous: [String: PageSummary] = [:],
                        multilingual: Bool = false, retainedBytes: Int = ResolvedPages.retainedBytes) -> ResolvedSite {
        // Every page's uid first: an xref is resolved as its page is parsed.
        let (xrefs, pageXrefDiagnostics) = XrefMap.collect(pages: paths, reader: reader, site: given, known: (cached ?? [:]).mapValues { $0.uid ?? "" })
        // TOC entries that name a uid open its page.
        let (tocs, tocXrefDiagnostics) = xrefs.resolve(tocs: given.tocs)
        let (pivots, pivotDiagnostics) = ZonePivots.collect(site: given, reader: reader)
        let xrefDiagnostics = pageXrefDiagnostics + tocXrefDiagnostics + pivotDiagnostics
        let site = { var site = given; site.tocs = tocs; return site }()
        // The content is rendered for the site's target locale: the one given, else a guess (the first
        // locale among the first 32 pages, in path order), checked once every page is read (a wrong
        // guess only costs the early content: the pages are rendered again from their models).
        let guessedLocale = targetLocale.flatMap(LanguageTag.usableLocale) ?? paths.prefix(32).lazy.compactMap { path in
            (try? reader.read(path).get()).flatMap { SiteParser.parse($0, site: site).parsed.page.metadata.locale.flatMap(LanguageTag.usableLocale) }
        }.first ?? "und"
        let renderContent = earlyContent?({
            var early = SiteLayout(targetLocale: guessedLocale, docsets: site.docsets, docsetOfPage: site.docsetOfPage, routes: site.routes)
            early.zonePivots = pivots  // known before any page: the zones' labels name their pivots' titles
            early.multilingual = multilingual
            return early
        }())
        let includes = Includes(files: site.otherMarkdown, pages: paths, readPage: { path in try? reader.read(path).get().bytes }, siteBudget: includeSiteBudget)
        let snippets = CodeSnippets(files: site.files) { reader.read($0) }
        let retention = ByteBudget(limit: retainedBytes)
        // Past the budget, early content goes to a file instead of being rendered again from a second parse.
        let spill = ContentSpill.Lazy()
        // Each page once: parsed, made safe, summarized as written and (while the site's budget seems
        // to last) with its includes; its content or model is kept only within `retainedBytes`.
        let facts = ConcurrentMap.map(paths) { path -> Facts in
            if let summary = cached?[path] { return summary.facts(path: path) }
            switch reader.read(path) {
            case .failure(let diagnostic):
                return Facts(skeleton: Page(path: path, metadata: Metadata(), blocks: []), supported: false, mayInclude: false, sourceBytes: 0,
                             plain: Shape(Page(path: path, metadata: Metadata(), blocks: []), diagnostics: []), readFailure: diagnostic)
            case .success(let source):
                let parsed = SiteParser.parse(source, site: site)
                let resolved = xrefs.resolve(parsed.parsed.page)
                let (page, snippetFindings) = snippetsRead(resolved.page, snippets: snippets, site: site)
                var titled = resolved.titled
                let mayInclude = Includes.mayInclude(source.bytes)
                var expansion: Shape? = nil
                var expandedPage: Page? = nil
                var includeFiles: Set<String> = []
                if mayInclude, !includes.siteBudgetSpent {
                    let done = expanded(page, includes: includes, site: site, xrefs: xrefs, snippets: snippets)
                    expansion = Shape(done.page, diagnostics: done.diagnostics, bytes: done.bytes, unresolvedXrefs: resolved.unresolved + done.unresolved)
                    expandedPage = done.page
                    includeFiles = done.files
                    titled = titled || done.titled
                }
                // Zones' pivots against the page's groups, on the page as built (includes in).
                let pivotFindings = pivots.check(expandedPage ?? page, docset: site.docsetOfPage[path], bytes: source.bytes)
                expansion?.diagnostics += pivotFindings
                let plain = Shape(page, diagnostics: parsed.parsed.diagnostics + parsed.active + snippetFindings + (expansion == nil ? pivotFindings : []),
                                  unresolvedXrefs: resolved.unresolved)
                var facts = Facts(skeleton: Page(path: path, metadata: page.metadata, blocks: []), supported: parsed.parsed.supported, mayInclude: mayInclude,
                                  sourceBytes: source.bytes.count, plain: plain, expansion: expansion)
                facts.titled = titled
                facts.includeFiles = includeFiles
                // A page with a bare xref or a link with no text shows the title of another page: rendered once all are read.
                if let renderContent, parsed.parsed.supported, !titled, !retention.exceeded {
                    let content = renderContent(expandedPage ?? page, (expansion ?? plain).ids).compacted()
                    retention.add(content.bytes)
                    facts.content = content
                    facts.contentExpanded = expandedPage != nil
                } else if let renderContent, parsed.parsed.supported, !titled, let file = spill.get(), file.accepting,
                          let ticket = file.store(renderContent(expandedPage ?? page, (expansion ?? plain).ids)) {
                    facts.spilled = ticket
                    facts.contentExpanded = expandedPage != nil
                } else if parsed.parsed.supported, retention.tryAdd(source.bytes.count * ResolvedPages.modelBytesPerMarkdownByte) {
                    facts.retained = page
                }
                return facts
            }
        }
        // The site's include budget, in path order, so that which pages keep their includes does not
        // depend on which thread finished first; a page past it keeps its includes unexpanded (DG507).
        var chosen: [Shape] = []
        var expand: [String: Bool] = [:]
        var expandedOnSite = 0
        var siteBudgetReached = false
        var readFailures: [Diagnostic] = []
        var retained: [String: Page] = [:]
        var contents: [String: PageContent] = [:]
        var spilled: [String: ContentSpill.Ticket] = [:]
        var uncacheable = Set<String>()
        // Pages expanded here whose includes show another page's title (the threads' `Facts` say it of theirs).
        var titledHere = Set<String>()
        for item in facts {
            if let failure = item.readFailure { readFailures.append(failure); chosen.append(item.plain); continue }
            var shape = item.plain
            if !siteBudgetReached, item.mayInclude {
                // A page the threads skipped once the budget looked spent is expanded here, if it is still within it.
                if item.expansion == nil { uncacheable.insert(item.skeleton.path) }  // its include files are not recorded
                let (expansion, titled) = item.expansion.map { ($0, false) } ?? { () -> (Shape, Bool) in
                    let resolved = item.retained.map { ($0, [XrefMap.Unresolved]()) }
                        ?? (try? reader.read(item.skeleton.path).get()).map { xrefs.resolve(SiteParser.parse($0, site: site).parsed.page) }
                            .map { (snippetsRead($0.page, snippets: snippets, site: site).page, $0.unresolved) }
                        ?? (item.skeleton, [])
                    let done = expanded(resolved.0, includes: includes, site: site, xrefs: xrefs, snippets: snippets)
                    return (Shape(done.page, diagnostics: done.diagnostics, bytes: done.bytes, unresolvedXrefs: item.plain.unresolvedXrefs + done.unresolved), done.titled)
                }()
                if expandedOnSite + expansion.bytes <= includeSiteBudget {
                    expandedOnSite += expansion.bytes
                    expand[item.skeleton.path] = true
                    shape = expansion
                    shape.diagnostics = item.plain.diagnostics + expansion.diagnostics
                    if titled { titledHere.insert(item.skeleton.path) }
                } else {
                    siteBudgetReached = true
                }
            }
            if siteBudgetReached, item.mayInclude {
                shape.diagnostics.append(Diagnostic(file: item.skeleton.path, location: SourceLocation(line: 1, column: 1), code: .includeLimit, stage: .resolve,
                                                    message: "the site's includes expand to more than \(includeSiteBudget) bytes: this page's includes are left unexpanded"))
            }
            if let page = item.retained { retained[item.skeleton.path] = page }
            // Early content is kept if it was rendered from the version of the page the budget admitted.
            if let content = item.content, item.contentExpanded == (expand[item.skeleton.path] == true) { contents[item.skeleton.path] = content }
            if let ticket = item.spilled, item.contentExpanded == (expand[item.skeleton.path] == true) { spilled[item.skeleton.path] = ticket }
            chosen.append(shape)
        }
        // Files that are not pages Diglot builds (YAML pages of other types) are reported once per type.
        var unsupported: [String: [Diagnostic]] = [:]
        for (item, shape) in zip(facts, chosen) where !item.supported && item.readFailure == nil {
            for diagnostic in shape.diagnostics where diagnostic.code == .unsupportedPageType { unsupported[diagnostic.message, default: []].append(diagnostic) }
        }
        let unsupportedDiagnostics = unsupported.values.map { group -> Diagnostic in
            var first = group.sorted { $0.file < $1.file }[0]
            if group.count > 1 { first.message += " (\(group.count) files, this one first)" }
            return first
        }
        let kept = zip(facts, chosen).filter { $0.0.supported }
        let pages = kept.map(\.0.skeleton)
        // Pages with no units (human translations) are built in the translation view only.
        let translationOnly = Set(kept.filter { $0.1.units == 0 }.map { $0.0.skeleton.path.lowercased() })
        var layout = SiteLayout(targetLocale: targetLocale.flatMap(LanguageTag.usableLocale) ?? SiteLayout.targetLocale(of: pages), docsets: site.docsets,
                                docsetOfPage: site.docsetOfPage, routes: site.routes, translationOnly: translationOnly, pageCount: pages.count)
        var monikers: [Int: Set<String>] = [:]
        for (item, shape) in kept where !shape.monikers.isEmpty {
            monikers[site.docsetOfPage[item.skeleton.path] ?? -1, default: []].formUnion(shape.monikers)
        }
        layout.monikers = monikers.mapValues(MonikerRange.ordered)
        layout.zonePivots = pivots
        layout.multilingual = multilingual
        // The redirect pages and the search indexes' parts need the layout alone: made on another
        // thread while the links are checked (`ConcurrentMap.Future`, read below).
        let layoutWork = ConcurrentMap.Future { [layout, redirections = site.redirections] in
            (redirects: RedirectPages.resolve(redirections, layout: layout), searchIndexPlan: SearchIndexPlan(pages: pages.map(\.path), layout: layout))
        }
        // Every link and image against the whole build.
        let checker = LinkChecker(collected: kept.map(\.1.links), files: site.files.isEmpty ? paths : site.files)
        // A page's links are checked against the build's pages, their anchors and its files. A page taken
        // from the cache, whose includes are expanded as they were, keeps the last build's check when the
        // pages and each one's anchors are the last build's too (the files are: `cached` is given only
        // when the global fingerprint, which holds their set, is the last build's).
        let expandedNow = expand
        let sameTargets = !(cached ?? [:]).isEmpty && previous.values.reduce(0, { $0 + ($1.supported ? 1 : 0) }) == kept.count && kept.allSatisfy { item, shape in
            guard let before = previous[item.skeleton.path], before.supported, let anchors = before.checkedAnchors else { return false }
            // (A page from the cache whose includes are expanded as they were has the anchors it had.)
            if item.cached && before.linkCheckExpanded == (expandedNow[item.skeleton.path] == true) { return true }
            return shape.links.anchors.count == anchors.count && shape.links.anchors.isSuperset(of: anchors)
        }
        // (A kept check names no file to copy that is not a file of the content: the cache is not trusted for that.)
        let checks = ConcurrentMap.map(pages) { page -> LinkChecker.Result in
            if sameTargets, let before = cached?[page.path], let check = before.linkCheck, before.linkCheckExpanded == (expandedNow[page.path] == true),
               check.foundMedia.allSatisfy(checker.isContentFile) {
                return check
            }
            return checker.check(path: page.path)
        }
        var linkDiagnostics = checks.flatMap(\.diagnostics) + checker.check(tocs: site.tocs)
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
        // Each unknown uid once, where it is first named, with how often it is.
        var unknownXrefs: [String: [(file: String, location: SourceLocation)]] = [:]
        var uidOrder: [String] = []
        for (item, shape) in kept {
            for reference in shape.unresolvedXrefs {
                if unknownXrefs[reference.uid] == nil { uidOrder.append(reference.uid) }
                unknownXrefs[reference.uid, default: []].append((item.skeleton.path, reference.location))
            }
        }
        for uid in uidOrder {
            let places = unknownXrefs[uid]!
            linkDiagnostics.append(Diagnostic(file: places[0].file, location: places[0].location, code: .unknownXref, stage: .resolve,
                                              message: "no page of the build and no local xref map declares uid \"\(uid)\"; it is shown as text"
                                                + (places.count > 1 ? " (named in \(places.count) places)" : "")))
        }
        if layout.targetLocale != guessedLocale { contents = [:]; spilled = [:] }  // rendered for another locale: rendered again
        // Early content was rendered as if every page had an English view: a page with one whose links
        // lead to a page without is rendered again, its English views linking to that page's translation.
        if !translationOnly.isEmpty {
            for (item, shape) in kept where (contents[item.skeleton.path] != nil || spilled[item.skeleton.path] != nil) && layout.hasSource(item.skeleton.path) {
                let linksOut = shape.links.links.contains { link in
                    LinkResolver.isRelativePageLink(link.0) && LinkResolver.contentPath(of: link.0, from: item.skeleton.path).map { !layout.hasSource($0.path) } == true
                }
                if linksOut { contents[item.skeleton.path] = nil; spilled[item.skeleton.path] = nil }
            }
        }
        let source = ResolvedPages(reader: reader, site: site, includes: includes, snippets: snippets, expand: expand, xrefs: xrefs, retained: retained, contents: contents,
                                   spilled: spilled, spill: spill.existing)
        // The drafts read the facts of one page (invitations.yml's `page`): its model, if it is a page of the build.
        let drafts = invitations.map { setup -> InvitationDrafts in
            let samplePath = (try? InvitationConfig.parse(setup.configYAML).get())?.page
            let sample = samplePath.flatMap { path in pages.contains { $0.path == path } ? source.model(of: path, keep: true) : nil }
            return InvitationDrafts(setup: setup, pages: sample.map { [$0] } ?? [], targetLocale: layout.targetLocale, sourceLocale: layout.sourceLocale)
        }
        let ((redirects, redirectDiagnostics), searchIndexPlan) = layoutWork.value
        let diagnostics = loaded + xrefDiagnostics + readFailures + kept.flatMap { $0.1.diagnostics.sortedForReport() } + unsupportedDiagnostics + (drafts?.diagnostics ?? [])
            + linkDiagnostics + redirectDiagnostics
        var resolvedSite = ResolvedSite(pages: pages, layout: layout, site: site,
                            headingIDs: Dictionary(uniqueKeysWithValues: kept.map { ($0.0.skeleton.path, $0.1.ids) }),
                            titles: Dictionary(uniqueKeysWithValues: kept.map { ($0.0.skeleton.path, $0.1.titles) }),
                            linkedFiles: foundMedia, redirects: redirects, drafts: drafts,
                            units: facts.indices.reduce(0) { total, index in facts[index].readFailure == nil ? total + chosen[index].units : total },
                            contentBytes: facts.reduce(0) { $0 + $1.sourceBytes }, diagnostics: diagnostics, source: source,
                            searchIndexPlan: searchIndexPlan)
        resolvedSite.hasCode = kept.contains { $0.1.code }
        resolvedSite.xrefDigest = String(FastHash.hash(Array(xrefs.pages.sorted { $0.key < $1.key }.map { $0.key + "\u{0}" + $0.value + "\u{0}" }.joined().utf8)), radix: 16)
        resolvedSite.titledPages = Set(facts.filter(\.titled).map(\.skeleton.path)).union(titledHere)
        // Summaries for the page cache, when the caller keeps one (`cached` given).
        var checkOfPage: [String: LinkChecker.Result] = [:]
        for (page, check) in zip(pages, checks) { checkOfPage[page.path] = check }
        for item in facts where cached != nil && item.readFailure == nil && !uncacheable.contains(item.skeleton.path) {
            var summary = PageSummary(item)
            summary.uid = xrefs.declared[item.skeleton.path]
            summary.linkCheck = checkOfPage[item.skeleton.path]
            summary.linkCheckExpanded = expand[item.skeleton.path] == true
            resolvedSite.summaries[item.skeleton.path] = summary
            if item.cached { resolvedSite.fromCache.insert(item.skeleton.path) }
        }
        return resolvedSite
    }

    /// A page with its includes expanded (DocFX's `[!INCLUDE]`), made safe as its page was, and the
    /// snippets the includes brought read: the expansion's include findings with its active-content
    /// and snippet findings, and the bytes it took in. The page's own snippets are read before (`snippetsRead`).
    static func expanded(_ page: Page, includes: Includes, site: SiteStructure, xrefs: XrefMap, snippets: CodeSnippets)
        -> (page: Page, diagnostics: [Diagnostic], bytes: Int, unresolved: [XrefMap.Unresolved], titled: Bool, files: Set<String>) {
        let docset = site.docset(of: page.path)?.source ?? ""
        let expansion = includes.expand(page, docset: docset)
        // The included blocks' `~/` paths are made relative to the page, as its own were.
        let (safe, active) = ActiveContent.neutralize(expansion.page, docset: docset)
        // The included files' xrefs (the page's own are resolved already).
        let resolved = xrefs.resolve(safe)
        let (read, found) = snippetsRead(resolved.page, snippets: snippets, site: site)
        return (read, expansion.diagnostics + active + found, expansion.bytes, resolved.unresolved, resolved.titled, expansion.files)
    }

    /// A page with its code snippets read from their files (`CodeSnippets`), from its docset's folder.
    static func snippetsRead(_ page: Page, snippets: CodeSnippets, site: SiteStructure) -> (page: Page, diagnostics: [Diagnostic]) {
        snippets.resolve(page, docset: site.docset(of: page.path)?.source ?? "")
    }
}
