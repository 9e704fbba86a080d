/// The resolve stage's hand-off: the pages the site shows, with their includes expanded, and
/// everything worked out across pages (where each page goes, its heading ids and titles, the files
/// pages link to, the redirect pages' targets, the drafts). Render and check read it; neither
/// resolves anything again.
struct ResolvedSite: Sendable {
    /// The pages Diglot builds, in path order.
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
    /// The pages' markdown, in bytes (the site's size is bounded by it).
    var contentBytes: Int
    /// Every finding of load, parse and resolve.
    var diagnostics: [Diagnostic]
}

extension InvitationDrafts: @unchecked Sendable {}

/// The resolve stage: includes expanded into the model (within the site's budget, admitted in path
/// order), pages of unsupported types set aside, the layout chosen, then every link, anchor and
/// picture checked against the whole build and the redirects and drafts worked out.
enum SiteResolver {
    static func resolve(_ parsed: [SiteParser.Parsed], sources: [SourceFile], site: SiteStructure, targetLocale: String?,
                        invitations: InvitationSetup?, includeSiteBudget: Int, diagnostics loaded: [Diagnostic] = []) -> ResolvedSite {
        let expanded = expandIncludes(parsed, sources: sources, site: site, budget: includeSiteBudget)
        // Files that are not pages Diglot builds (YAML pages of other types) are reported once per type.
        let pages = expanded.filter(\.supported).map(\.page)
        var unsupported: [String: [Diagnostic]] = [:]
        for page in expanded where !page.supported {
            for diagnostic in page.diagnostics where diagnostic.code == .unsupportedPageType { unsupported[diagnostic.message, default: []].append(diagnostic) }
        }
        let unsupportedDiagnostics = unsupported.values.map { group -> Diagnostic in
            var first = group.sorted { $0.file < $1.file }[0]
            if group.count > 1 { first.message += " (\(group.count) files, this one first)" }
            return first
        }
        let layout = SiteLayout(targetLocale: targetLocale.flatMap(SiteLayout.usableLocale) ?? SiteLayout.targetLocale(of: pages), docsets: site.docsets,
                                docsetOfPage: site.docsetOfPage, routes: site.routes)
        // Heading ids, then every link and image against the whole build.
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
        let (redirects, redirectDiagnostics) = RedirectPages.resolve(site.redirections, layout: layout)
        let diagnostics = loaded + expanded.filter(\.supported).flatMap(\.diagnostics) + unsupportedDiagnostics + (drafts?.diagnostics ?? [])
            + linkDiagnostics + redirectDiagnostics
        return ResolvedSite(pages: pages, layout: layout, site: site, headingIDs: headingIDs, titles: titles, linkedFiles: foundMedia,
                            redirects: redirects, drafts: drafts, units: expanded.reduce(0) { $0 + $1.unitCount },
                            contentBytes: sources.reduce(0) { $0 + $1.bytes.count }, diagnostics: diagnostics)
    }

    /// Each page with its includes expanded (DocFX's `[!INCLUDE]`), made safe as its page was. The
    /// site's include budget is spent in path order, so which pages keep their includes does not
    /// depend on which thread finished first; a page past it keeps its includes unexpanded (DG507).
    private static func expandIncludes(_ parsed: [SiteParser.Parsed], sources: [SourceFile], site: SiteStructure, budget: Int) -> [ParsedPage] {
        let includes = Includes(files: site.otherMarkdown.merging(sources.map { ($0.path, $0.bytes) }) { a, _ in a }, siteBudget: budget)
        typealias Expansion = (page: Page, diagnostics: [Diagnostic], bytes: Int)
        /// An expansion made safe, its include findings with its active-content findings.
        @Sendable func expand(_ page: Page) -> Expansion {
            let expansion = includes.expand(page, docset: site.docset(of: page.path)?.source ?? "")
            let (safe, active) = ActiveContent.neutralize(expansion.page)
            return (safe, expansion.diagnostics + active, expansion.bytes)
        }
        // On all cores while the budget lasts; the admission below is in path order.
        let early = ConcurrentMap.map(Array(parsed.indices)) { index -> Expansion? in
            guard Includes.mayInclude(sources[index].bytes), !includes.siteBudgetSpent else { return nil }
            return expand(parsed[index].parsed.page)
        }
        var pages: [ParsedPage] = []
        pages.reserveCapacity(parsed.count)
        var expandedOnSite = 0
        var siteBudgetReached = false
        for (index, item) in parsed.enumerated() {
            var page = item.parsed
            // The page's own active-content findings, where it stands (its expansion's are its includes').
            page.diagnostics += item.active
            let mayInclude = Includes.mayInclude(sources[index].bytes)
            if !siteBudgetReached, mayInclude {
                // A page the threads skipped once the budget looked spent is expanded here, if it is still within it.
                let expansion = early[index] ?? expand(page.page)
                if expandedOnSite + expansion.bytes <= budget {
                    expandedOnSite += expansion.bytes
                    page.page.blocks = expansion.page.blocks
                    page.diagnostics += expansion.diagnostics
                    page.unitCount = page.page.units.count
                } else {
                    siteBudgetReached = true
                }
            }
            if siteBudgetReached, mayInclude {
                page.diagnostics.append(Diagnostic(file: page.page.path, location: SourceLocation(line: 1, column: 1), code: .includeLimit, stage: .resolve,
                                                   message: "the site's includes expand to more than \(budget) bytes: this page's includes are left unexpanded"))
            }
            page.diagnostics = page.diagnostics.sortedForReport()
            pages.append(page)
        }
        return pages
    }
}
