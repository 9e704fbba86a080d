/// A page's three views' content, without their frames: everything of a page's views that depends
/// on the page alone (and the site's locales), so that it can be rendered as soon as the page is
/// parsed and its model dropped; the frame (navigation, titles of other pages, drafts) is filled in
/// once the whole site is resolved (`PageViews.frame`).
struct PageContent: Sendable {
    var target: [UInt8]
    var sideBySide: [UInt8]
    var source: [UInt8]
    var targetSearchEntry: [UInt8]
    var sourceSearchEntry: [UInt8]
    var machineTranslated: Bool
    /// The ranges of the page's moniker blocks (it gets a version picker when there are some).
    var monikerRanges: [String] = []
    /// The page shows code of a named language: its views load the syntax highlighter, when the site has it.
    var hasCode = false
    /// The translation QA's findings on the page, when the build writes the QA report.
    var qa: TranslationQA.PageFindings?
    /// The page against its current English, when the build has one and it has the page.
    var stale: StaleTranslations.PageResult?

    /// The bytes it holds (its arrays' capacities: what it costs in memory).
    var bytes: Int { target.capacity + sideBySide.capacity + source.capacity + targetSearchEntry.capacity + sourceSearchEntry.capacity }

    /// The same content with each array at its size: arrays grown by appending hold up to twice
    /// their bytes, and content kept between resolve and render is counted against a budget.
    func compacted() -> PageContent {
        var copy = self
        for keyPath in [\PageContent.target, \.sideBySide, \.source, \.targetSearchEntry, \.sourceSearchEntry] {
            let bytes = self[keyPath: keyPath]
            guard bytes.capacity > bytes.count + bytes.count / 16 else { continue }
            copy[keyPath: keyPath] = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                count = buffer.initialize(fromContentsOf: bytes)
            }
        }
        return copy
    }
}

/// The render stage's first half for one page: its views' content (`PageContent`), the translation
/// with the English on hover, the two columns side by side, the English page, and the search entries
/// of the translation and of English. It reads the page, the site's locales and, for links with no
/// text (bare xrefs, links with no text), every page's titles.
struct PageContentRenderer {
    let layout: SiteLayout
    let targetStrings: InterfaceStrings
    let sourceStrings: InterfaceStrings
    /// Every page's titles (`Navigation.titles`), for links with no text; empty when rendered before they are known.
    let titles: [String: (target: String, source: String)]
    /// The current English the pages are compared with (`StaleTranslations`), when there is one.
    let currentEnglish: CurrentEnglish?

    func content(_ page: Page, headingIDs ids: [String]) -> PageContent {
        let pageLanguage = page.metadata.locale ?? layout.targetLocale
        let hasUnits = page.hasUnits
        var targetOptions = HTMLRenderer.Options(side: .target, hover: true, sourceLanguage: layout.sourceLocale, alertTitles: alertTitles(targetStrings))
        targetOptions.videoTitle = targetStrings["video"] ?? "Video"
        targetOptions.sourceDir = LanguageTag.dirAttribute(layout.sourceLocale, inPageOf: pageLanguage)
        targetOptions.isolateLeftToRight = LanguageTag.isRightToLeft(pageLanguage)
        if let note = targetStrings["codeMissing"] { targetOptions.codeMissing = note }
        var sourceOptions = HTMLRenderer.Options(side: .source, hover: false, sourceLanguage: layout.sourceLocale, alertTitles: alertTitles(sourceStrings))
        sourceOptions.videoTitle = sourceStrings["video"] ?? "Video"
        let pivotGroups = layout.zonePivots.groups(of: page, docset: layout.docsetOfPage[page.path]).found
        if !pivotGroups.isEmpty {
            targetOptions.pivotTitles = Dictionary(pivotGroups.flatMap(\.pivots).map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
            sourceOptions.pivotTitles = targetOptions.pivotTitles
        }
        if !layout.translationOnly.isEmpty { sourceOptions.crossView = CrossViewLinks(page: page.path, layout: layout) }
        if !titles.isEmpty {
            targetOptions.linkTitles = LinkTitles(page: page.path, titles: titles)
            sourceOptions.linkTitles = targetOptions.linkTitles
        }
        sourceOptions.foreignLanguage = pageLanguage
        sourceOptions.foreignDir = LanguageTag.dirAttribute(pageLanguage, inPageOf: layout.sourceLocale)
        if let note = sourceStrings["codeMissing"] { sourceOptions.codeMissing = note }

        guard hasUnits else {
            // No units, no English: the page is built in the translation view alone (`SiteLayout.views(of:)`).
            let target = HTMLRenderer.renderBytes(page.blocks, options: targetOptions, headingIDs: ids)
            return PageContent(target: Array(target[...]), sideBySide: [], source: [],
                           targetSearchEntry: Array(SearchIndex.entry(path: layout.pathInView(of: page.path), title: PageTitle.target(page), html: target, versions: searchVersions(page))[...]),
                           sourceSearchEntry: [], machineTranslated: false, monikerRanges: page.monikerRanges, hasCode: page.hasCodeWithLanguage)
        }
        // The English page, block by block: the side-by-side view's right column reuses its bytes.
        var english = HTMLRenderer(options: sourceOptions, headingIDs: ids)
        var blockEnds: [Int] = []
        blockEnds.reserveCapacity(page.blocks.count)
        for block in page.blocks {
            english.visit(block)
            blockEnds.append(english.out.bytes.count)
        }
        let target = HTMLRenderer.renderBytes(page.blocks, options: targetOptions, headingIDs: ids)
        let stale = currentEnglish.flatMap { StaleTranslations.compare(page, with: $0) }
        // The translation without the English, for the search index.
        let (sideBySide, targetOnly) = sideBySide(page, ids: ids, pageLanguage: pageLanguage, english: english.out.bytes, blockEnds: blockEnds,
                                                  englishLang: layout.sourceLocale, stale: stale?.isStale == true ? stale : nil)
        let source = english.out.bytes
        let searchPath = layout.pathInView(of: page.path)
        let versions = searchVersions(page)
        // The writers reserve room: content kept between resolve and render is `compacted()`.
        var content = PageContent(target: target, sideBySide: sideBySide, source: source,
                              targetSearchEntry: SearchIndex.entry(path: searchPath, title: PageTitle.target(page), html: targetOnly, versions: versions),
                              sourceSearchEntry: SearchIndex.entry(path: searchPath, title: PageTitle.source(page), html: english.out.bytes, versions: versions),
                              machineTranslated: page.metadata.translationType?.uppercased() != "HT", monikerRanges: page.monikerRanges,
                              hasCode: page.hasCodeWithLanguage)
        content.stale = stale
        return content
    }

    /// The version a search result in each of the page's moniker blocks opens: the newest of the
    /// versions the page itself names (its blocks' ranges and its `monikerRange`) that the block's
    /// range takes in; none for a range that takes in none. From the page alone, so that its content
    /// is the same whichever pages the build has (the docset's list comes after content is rendered).
    private func searchVersions(_ page: Page) -> [String: String] {
        let ranges = Set(page.monikerRanges)
        // Past a thousand ranges a page's blocks are not marked (a hostile page's thousands cost time, no reader a thing).
        guard !ranges.isEmpty, ranges.count <= 1_000 else { return [:] }
        let pageRange = page.metadata["monikerRange"]?.string.flatMap(MonikerRange.init)
        let order = MonikerRange.Order(MonikerRange.ordered(Set((ranges.compactMap(MonikerRange.init) + [pageRange].compactMap { $0 }).flatMap(\.monikers))))
        let offered = order.monikers.filter { pageRange?.contains($0, in: order) != false }
        var versions: [String: String] = [:]
        for text in ranges {
            guard let range = MonikerRange(text) else { continue }
            // The newest version the range takes in (ranges × versions position lookups in all).
            if let newest = offered.last(where: { range.contains($0, in: order) }) { versions[text] = newest }
        }
        return versions
    }

    /// Two aligned columns, one row per top-level block (or per run of blocks that raw HTML spans). The English column is the English page's
    /// HTML, cut at its blocks, and holds the heading ids; the translation's column has none, so ids
    /// stay unique (a row holds both sides of a heading, so an `#anchor` still lands on it).
    /// Also returns the translation's column as one piece of HTML.
    private func sideBySide(_ page: Page, ids: [String], pageLanguage: String, english: [UInt8], blockEnds: [Int], englishLang: String,
                            stale: StaleTranslations.PageResult?) -> ([UInt8], [UInt8]) {
        let englishDir = LanguageTag.dirAttribute(englishLang, inPageOf: pageLanguage)
        var out = HTMLWriter(capacity: english.count * 2 + 4_096)
        var targetOptions = HTMLRenderer.Options(side: .target, hover: false, headingIDs: false, alertTitles: alertTitles(targetStrings))
        targetOptions.videoTitle = targetStrings["video"] ?? "Video"
        targetOptions.isolateLeftToRight = LanguageTag.isRightToLeft(pageLanguage)
        if let note = targetStrings["codeMissing"] { targetOptions.codeMissing = note }
        if !titles.isEmpty { targetOptions.linkTitles = LinkTitles(page: page.path, titles: titles) }
        if !layout.translationOnly.isEmpty { targetOptions.crossView = CrossViewLinks(page: page.path, layout: layout, view: .sideBySide) }
        let staleUnits = Dictionary((stale?.stale ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        targetOptions.staleUnits = Set(staleUnits.keys)
        var target = HTMLRenderer(options: targetOptions, headingIDs: ids, capacity: 0)
        var rowStart = 0
        var noted = Set<String>()
        out.raw("<div class=\"sxs\">\n<div class=\"sxs-head\" lang=\""); out.text(pageLanguage); out.raw("\">")
        out.text(PageViews.label(of: .target, layout: layout, strings: targetStrings))
        out.raw("</div>\n<div class=\"sxs-head\" lang=\""); out.text(layout.sourceLocale); out.raw("\""); out.raw(LanguageTag.dirAttribute(layout.sourceLocale, inPageOf: pageLanguage)); out.raw(">")
        out.text(PageViews.label(of: .source, layout: layout, strings: targetStrings))
        out.raw("</div>\n")
        var targetStart = 0
        var englishStart = 0
        // Raw HTML that opens in one block and closes in a later one (a `<table>` with blank lines in
        // it) stays in one row, so that each cell holds balanced markup.
        var openElements = 0
        for (index, block) in page.blocks.enumerated() {
            target.visit(block)
            openElements = max(0, openElements + RawHTMLRepair.depthChange(of: block))
            if openElements > 0, index + 1 < page.blocks.count { continue }
            out.raw("<div class=\"sxs-cell\" lang=\""); out.text(pageLanguage); out.raw("\">\n")
            out.raw(bytes: target.out.bytes[targetStart...])
            if !staleUnits.isEmpty {
                staleNotes(page.blocks[rowStart...index], staleUnits, noted: &noted, englishLang: englishLang, englishDir: englishDir, strings: targetStrings,
                           into: &out)
            }
            rowStart = index + 1
            out.raw("</div>\n<div class=\"sxs-cell\" lang=\""); out.text(englishLang); out.raw("\""); out.raw(englishDir); out.raw(">\n")
            out.raw(bytes: english[englishStart..<blockEnds[index]])
            out.raw("</div>\n")
            targetStart = target.out.bytes.count
            englishStart = blockEnds[index]
        }
        out.raw("</div>\n")
        return (out.bytes, target.out.bytes)
    }

    private func alertTitles(_ strings: InterfaceStrings) -> [Block.AlertKind: String] {
        var titles: [Block.AlertKind: String] = [:]
        for kind in Block.AlertKind.allCases { titles[kind] = strings[kind.rawValue] }
        return titles
    }
}
