/// The render stage for one page: its three views as output files, through the `page` template.
struct PageViews {
    let templates: TemplateSet
    let layout: SiteLayout
    let targetStrings: InterfaceStrings
    let sourceStrings: InterfaceStrings
    let drafts: InvitationDrafts?
    let navigation: Navigation
    /// `diglot.yml`'s `reportURL` (`ReportLink`), when it has one.
    let reportURL: String?
    /// The site's address with a `/` at its end (`Sitemap.base`), when it is known: the `hreflang`
    /// alternates are absolute then (search engines take no relative ones), relative otherwise.
    let baseURL: String?
    /// The current English the pages are compared with (`StaleTranslations`): a stale page's views
    /// carry a notice and its stale sentences are marked side by side.
    let currentEnglish: CurrentEnglish?
    /// Set: `frame` works out each page's render dependency from the navigation it renders.
    var dependency: SiteRenderer.RenderDependency?

    init(templates: TemplateSet, layout: SiteLayout, drafts: InvitationDrafts? = nil, navigation: Navigation = Navigation(tocs: [], titles: [:]),
         reportURL: String? = nil, baseURL: String? = nil, currentEnglish: CurrentEnglish? = nil) {
        self.currentEnglish = currentEnglish
        self.reportURL = reportURL
        self.baseURL = baseURL.map(Sitemap.base)
        self.templates = templates
        self.layout = layout
        self.drafts = drafts
        self.navigation = navigation
        self.targetStrings = templates.strings(for: layout.targetLocale)
        self.sourceStrings = templates.strings(for: layout.sourceLocale)
    }

    /// The page's title in the target language: front matter, else the first heading, else the file name.
    static func targetTitle(_ page: Page) -> String {
        if let title = page.metadata.title, !title.isEmpty { return PlainText.collapseWhitespace(title) }
        if let heading = page.firstHeading {
            let text = PlainText.of(heading.content)
            if !text.isEmpty { return text }
        }
        return fileTitle(page)
    }

    /// The English title: the source text of the first heading, else the target title.
    static func sourceTitle(_ page: Page) -> String {
        if let heading = page.firstHeading {
            let text = PlainText.of(heading.content.side(.source))
            if !text.isEmpty { return text }
        }
        return targetTitle(page)
    }

    private static func fileTitle(_ page: Page) -> String {
        let name = page.path.split(separator: "/").last.map(String.init) ?? page.path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// A page's three views, and its entries for the search indexes of the translation and of English.
    struct Rendered: Sendable {
        var files: [OutputFile]
        var targetSearchEntry: [UInt8] = []
        var sourceSearchEntry: [UInt8] = []
        /// The page's render dependency, when `dependency` is set.
        var renderDependency: String? = nil
    }

    /// A page's three views' content, without their frames: everything of a page's views that
    /// depends on the page alone (and the site's locales), so that it can be rendered as soon as the
    /// page is parsed and its model dropped; the frame (navigation, titles of other pages, drafts)
    /// is filled in once the whole site is resolved.
    struct Content: Sendable {
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
        func compacted() -> Content {
            var copy = self
            for keyPath in [\Content.target, \.sideBySide, \.source, \.targetSearchEntry, \.sourceSearchEntry] {
                let bytes = self[keyPath: keyPath]
                guard bytes.capacity > bytes.count + bytes.count / 16 else { continue }
                copy[keyPath: keyPath] = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                    count = buffer.initialize(fromContentsOf: bytes)
                }
            }
            return copy
        }
    }

    func render(_ page: Page, headingIDs ids: [String]) throws -> Rendered {
        try frame(content(page, headingIDs: ids), of: page)
    }

    func content(_ page: Page, headingIDs ids: [String]) -> Content {
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
        if !navigation.titles.isEmpty {
            targetOptions.linkTitles = LinkTitles(page: page.path, titles: navigation.titles)
            sourceOptions.linkTitles = targetOptions.linkTitles
        }
        sourceOptions.foreignLanguage = pageLanguage
        sourceOptions.foreignDir = LanguageTag.dirAttribute(pageLanguage, inPageOf: layout.sourceLocale)
        if let note = sourceStrings["codeMissing"] { sourceOptions.codeMissing = note }

        guard hasUnits else {
            // No units, no English: the page is built in the translation view alone (`SiteLayout.views(of:)`).
            let target = HTMLRenderer.renderBytes(page.blocks, options: targetOptions, headingIDs: ids)
            return Content(target: Array(target[...]), sideBySide: [], source: [],
                           targetSearchEntry: Array(SearchIndex.entry(path: layout.pathInView(of: page.path), title: Self.targetTitle(page), html: target, versions: searchVersions(page))[...]),
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
        var content = Content(target: target, sideBySide: sideBySide, source: source,
                              targetSearchEntry: SearchIndex.entry(path: searchPath, title: Self.targetTitle(page), html: targetOnly, versions: versions),
                              sourceSearchEntry: SearchIndex.entry(path: searchPath, title: Self.sourceTitle(page), html: english.out.bytes, versions: versions),
                              machineTranslated: page.metadata.translationType?.uppercased() != "HT", monikerRanges: page.monikerRanges,
                              hasCode: page.hasCodeWithLanguage)
        content.stale = stale
        return content
    }

    /// A page's three views from their content: each through the `page` template, with its
    /// navigation and (on the drafts' page) the drafts. `page` needs its path and metadata only.
    func frame(_ content: Content, of page: Page) throws -> Rendered {
        // The build works out every page's titles once (the navigation names other pages by them).
        let titles = navigation.titles[page.path] ?? (Self.targetTitle(page), Self.sourceTitle(page))
        let pageLanguage = page.metadata.locale ?? layout.targetLocale
        var files: [OutputFile] = []
        var navigations: [View: (html: [String: [UInt8]], script: String?)] = [:]
        let views = layout.views(of: page.path)
        for view in views {
            var body: [UInt8]
            let lang: String
            let strings: InterfaceStrings
            let title: String
            let notice: String?
            switch view {
            case .target:
                body = content.target
                lang = pageLanguage
                strings = targetStrings
                title = titles.target
                notice = strings["machineTranslatedNotice"]
            case .sideBySide:
                body = content.sideBySide
                lang = pageLanguage
                strings = targetStrings
                title = titles.target
                notice = strings["machineTranslatedSideBySide"]
            case .source:
                body = content.source
                lang = layout.sourceLocale
                strings = sourceStrings
                title = titles.source
                notice = strings["sourceNotice"]
            }
            let path = layout.path(of: page.path, in: view)
            let root = LinkResolver.rootPrefix(from: path)
            if !content.monikerRanges.isEmpty { body = versionPicker(page, ranges: content.monikerRanges, strings: strings) + body }
            if var stale = content.stale, stale.isStale, view != .source {
                if stale.address == nil, layout.multilingual, currentEnglish?.shownInEnglishView == true { stale.address = layout.path(of: page.path, in: .source) }
                body = staleNotice(stale, view: view, root: root, sideBySide: layout.path(of: page.path, in: .sideBySide), strings: strings) + body
            }
            body = pivotPickers(page, lang: view == .source ? pageLanguage : nil) + body
            if let drafts, drafts.catalog?.page == page.path {
                body += draftSection(drafts, locale: view == .source ? layout.sourceLocale : pageLanguage, root: root, strings: strings)
            }
            let shape = frame(view: view, lang: lang, title: title, root: root, path: page.path, targetLang: pageLanguage) {
                views.contains($0) ? layout.path(of: page.path, in: $0) : nil
            }
            var values = shape.values
            if content.machineTranslated, let notice { values["notice"] = notice }
            if view != .source, page.metadata.translationType?.uppercased() == "HT", let human = strings["humanTranslation"] { values["notice"] = human }
            // `ms.date` in the view's language (issue 10): "Actualizado el <time datetime="2020-10-01">1 de octubre de 2020</time>".
            if let day = page.metadata.day, let around = strings.around("updated", placeholder: "date") {
                let date = strings.date(year: day.year, month: day.month, day: day.day)
                values["dateText"] = date.text
                values["dateISO"] = date.iso
                values["datePrefix"] = around.before
                values["dateSuffix"] = around.after
            }
            if let suffix = layout.docset(of: page.path)?.titleSuffix { values["titleSuffix"] = suffix }
            if view != .source, let description = page.metadata.description { values["description"] = description }
            // The report link's template with the page filled in; the script fills the sentence's parts.
            if view == .target, let reportURL { values["reportURL"] = ReportLink.fill(reportURL, ["page": page.path]) }
            let html = navigation.html(for: page.path, view: view, root: root, layout: layout, strings: strings)
            let script = navigation.tocScript(for: page.path, view: view, root: root, layout: layout)
            if let script { values["tocScript"] = script }
            if dependency != nil { navigations[view] = (html, script) }
            if content.hasCode, templates.hasCodeHighlighter {
                values["codeScript"] = root + TemplateSet.codeHighlighterScript
                values["codeStyle"] = root + TemplateSet.codeHighlighterStyle
            }
            guard let html = templates.renderPage("page", shared: shape.shared, sharedKey: shape.sharedKey, values: values, content: body, html: html) else {
                throw DiglotError.templatesMissing("the template set", "page")
            }
            files.append(OutputFile(path: path, bytes: html))
        }
        return Rendered(files: files, targetSearchEntry: content.targetSearchEntry, sourceSearchEntry: content.sourceSearchEntry,
                        renderDependency: dependency?.fingerprint(of: page.path) { view, _ in navigations[view] ?? ([:], nil) })
    }

    /// What every page of a view shares (`shared`, the same for all pages with `sharedKey`), and the
    /// values that are each page's own, for the `page` template. `href` gives a view's output path of
    /// the same page (the view switch and the `hreflang` alternates), nil for a view the page is not in.
    private func frame(view: View, lang: String, title: String, root: String, path: String, targetLang: String,
                       href: (View) -> String?) -> (shared: [String: Any], sharedKey: String, values: [String: String]) {
        let strings = view == .source ? sourceStrings : targetStrings
        let shared: [String: Any] = [
            "view": view.rawValue,
            "isTarget": view == .target,
            "isSideBySide": view == .sideBySide,
            "isSource": view == .source,
            "strings": strings.templateValues,
            "sourceLang": layout.sourceLocale,
            "targetLabel": label(of: .target),
            "sideBySideLabel": label(of: .sideBySide),
            "sourceLabel": label(of: .source),
            // Each language's direction where it differs from the view's (the switch's links).
            "targetDir": LanguageTag.dirValue(layout.targetLocale, inPageOf: view == .source ? layout.sourceLocale : layout.targetLocale) ?? false,
            "sourceDir": LanguageTag.dirValue(layout.sourceLocale, inPageOf: view == .source ? layout.sourceLocale : layout.targetLocale) ?? false,
        ]
        var values: [String: String] = [
            "lang": lang,
            "title": title,
            "root": root,
            "path": path,
            "targetLang": targetLang,
            "searchIndex": root + layout.searchIndexPath(of: path, in: view),
            "searchBase": root + layout.folder(of: view) + "/",
        ]
        values["startPage"] = root + layout.startPage(for: view)
        // In a multilingual site the English page is every locale's: its switch leads to no one
        // translation (the language picker leads to them all).
        let englishOfAll = layout.multilingual && view == .source
        for (key, other) in [("targetHref", View.target), ("sideBySideHref", .sideBySide), ("sourceHref", .source)] where !englishOfAll || other == .source {
            if let target = href(other) { values[key] = root + target }
        }
        if layout.multilingual {
            // Every language's page is known only once the locales' parts are joined: `SiteMerger`
            // puts the alternates and the picker's entries where these marks are.
            values["languageAlternates"] = LanguageLinks.alternatesMark
            values["languagePicker"] = LanguageLinks.pickerMark
            values["languageName"] = LanguageTag.nativeName(of: lang)
        } else {
            // The `hreflang` alternates: the translation and the English page, absolute when the site's
            // address is known (Google takes only fully qualified ones), else relative as the view switch's.
            for (key, other) in [("targetAlternate", View.target), ("sourceAlternate", .source)] {
                if let target = href(other) { values[key] = (baseURL ?? root) + target }
            }
        }
        if LanguageTag.isRightToLeft(lang) { values["dir"] = "rtl" }  // Arabic, Hebrew… (absent: left to right)
        return (shared, "\(view.rawValue)\u{0}\(layout.targetLocale)\u{0}\(layout.sourceLocale)", values)
    }

    /// A docset's TOC page (`toc.html`) in a view: the whole TOC as the page's content, for readers
    /// without script (pages link to it from their sidebar).
    func renderTOCPage(_ tree: [UInt8], docset: Int, view: View, path: String) throws -> OutputFile {
        let strings = view == .source ? sourceStrings : targetStrings
        let lang = view == .source ? layout.sourceLocale : layout.targetLocale
        let root = LinkResolver.rootPrefix(from: path)
        let name = layout.docsets[docset].titleSuffix ?? layout.docsets[docset].name
        let shape = frame(view: view, lang: lang, title: strings["toc"] ?? "Contents", root: root,
                          path: layout.docsets[docset].source + "/", targetLang: layout.targetLocale) {
            layout.views.contains($0) ? layout.tocPath(docset: docset, in: $0) + ".html" : nil
        }
        var values = shape.values
        if !name.isEmpty { values["titleSuffix"] = name }
        guard let html = templates.renderPage("page", shared: shape.shared, sharedKey: shape.sharedKey, values: values, content: tree) else {
            throw DiglotError.templatesMissing("the template set", "page")
        }
        return OutputFile(path: path, bytes: html)
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

    /// The versions a page's picker offers, oldest first: the monikers of its docset of the products
    /// its blocks name, within the page's own `monikerRange` when it has one.
    private func pickerVersions(_ page: Page, ranges: [String]) -> [String] {
        let named = Set(ranges.compactMap(MonikerRange.init).flatMap { $0.monikers.map(MonikerRange.product) })
        let pageRange = page.metadata["monikerRange"]?.string.flatMap(MonikerRange.init)
        let order = MonikerRange.Order(layout.monikers(of: page.path))
        return order.monikers.filter { named.contains(MonikerRange.product(of: $0)) && pageRange?.contains($0, in: order) != false }
    }

    /// The version picker of a page with moniker blocks: the monikers of its docset of the products
    /// its blocks name, within the page's own `monikerRange` when it has one, oldest first, the newest
    /// chosen. Hidden until the page's script runs (it shows the blocks of the chosen version).
    private func versionPicker(_ page: Page, ranges: [String], strings: InterfaceStrings) -> [UInt8] {
        let monikers = pickerVersions(page, ranges: ranges)
        guard !monikers.isEmpty else { return [] }
        var out = HTMLWriter(capacity: 256 + monikers.count * 64)
        out.raw("<div class=\"version-picker\" hidden><label>"); out.text(strings["version"] ?? "Version"); out.raw(" <select>")
        for (index, moniker) in monikers.enumerated() {
            out.raw("<option"); if index == monikers.count - 1 { out.raw(" selected") }
            out.raw(">"); out.text(moniker); out.raw("</option>")
        }
        out.raw("</select></label></div>\n")
        return out.bytes
    }

    /// The pivot pickers of a page that names zone pivot groups (`ZonePivots`): one `<select>` per
    /// group, its prompt the label, its first pivot chosen; hidden until the page's script runs. The
    /// groups file is written in the translation's language: `lang` marks it so in the English view.
    private func pivotPickers(_ page: Page, lang: String?) -> [UInt8] {
        let groups = layout.zonePivots.groups(of: page, docset: layout.docsetOfPage[page.path]).found
        guard !groups.isEmpty else { return [] }
        var out = HTMLWriter(capacity: 512)
        for group in groups {
            out.raw("<div class=\"pivot-picker\" hidden")
            if let lang { out.raw(" lang=\""); out.text(lang); out.raw("\""); out.raw(LanguageTag.dirAttribute(lang, inPageOf: layout.sourceLocale)) }
            out.raw("><label>"); out.text(group.prompt); out.raw(" <select data-pivot-group=\"")
            out.text(group.id); out.raw("\">")
            for pivot in group.pivots {
                out.raw("<option value=\""); out.text(pivot.id); out.raw("\">"); out.text(pivot.title); out.raw("</option>")
            }
            out.raw("</select></label></div>\n")
        }
        return out.bytes
    }

    /// The page's invitation drafts in one language: open in the mail app, copy, or download.
    private func draftSection(_ drafts: InvitationDrafts, locale: String, root: String, strings: InterfaceStrings) -> [UInt8] {
        let listing = drafts.listing(locale: locale, root: root, strings: strings)
        guard !listing.isEmpty else { return [] }
        let context: [String: Any] = ["strings": strings.templateValues, "drafts": listing, "root": root]
        return Array((templates.render(context, template: "drafts") ?? "").utf8)
    }

    /// The views' names in the view switch: each language by its own name, from CLDR (issue 10: the
    /// strings' `languageName` fell back to en-US's "English" for every locale but es-ES).
    func label(of view: View) -> String {
        switch view {
        case .target: return LanguageTag.nativeName(of: layout.targetLocale)
        case .sideBySide: return targetStrings["sideBySideView"] ?? "Side by side"
        case .source: return LanguageTag.nativeName(of: layout.sourceLocale)
        }
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
        if !navigation.titles.isEmpty { targetOptions.linkTitles = LinkTitles(page: page.path, titles: navigation.titles) }
        if !layout.translationOnly.isEmpty { targetOptions.crossView = CrossViewLinks(page: page.path, layout: layout, view: .sideBySide) }
        let staleUnits = Dictionary((stale?.stale ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        targetOptions.staleUnits = Set(staleUnits.keys)
        var target = HTMLRenderer(options: targetOptions, headingIDs: ids, capacity: 0)
        var rowStart = 0
        var noted = Set<String>()
        out.raw("<div class=\"sxs\">\n<div class=\"sxs-head\" lang=\""); out.text(pageLanguage); out.raw("\">")
        out.text(label(of: .target))
        out.raw("</div>\n<div class=\"sxs-head\" lang=\""); out.text(layout.sourceLocale); out.raw("\""); out.raw(LanguageTag.dirAttribute(layout.sourceLocale, inPageOf: pageLanguage)); out.raw(">")
        out.text(label(of: .source))
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
