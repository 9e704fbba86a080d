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
    var dependency: RenderDependency?
    /// What renders each page's views' content.
    let contents: PageContentRenderer

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
        contents = PageContentRenderer(layout: layout, targetStrings: targetStrings, sourceStrings: sourceStrings, titles: navigation.titles,
                                       currentEnglish: currentEnglish)
    }

    /// A page's three views, and its entries for the search indexes of the translation and of English.
    struct Rendered: Sendable {
        var files: [OutputFile]
        var targetSearchEntry: ArraySlice<UInt8> = []
        var sourceSearchEntry: ArraySlice<UInt8> = []
        /// The page's render dependency, when `dependency` is set.
        var renderDependency: String? = nil
    }

    /// The page's views' content (`PageContentRenderer`).
    func content(_ page: Page, headingIDs ids: [String]) -> PageContent { contents.content(page, headingIDs: ids) }

    func render(_ page: Page, headingIDs ids: [String]) throws -> Rendered {
        try frame(content(page, headingIDs: ids), of: page)
    }

    /// A page's three views from their content: each through the `page` template, with its
    /// navigation and (on the drafts' page) the drafts. `page` needs its path and metadata only.
    func frame(_ content: PageContent, of page: Page) throws -> Rendered {
        // The build works out every page's titles once (the navigation names other pages by them).
        let titles = navigation.titles[page.path] ?? (PageTitle.target(page), PageTitle.source(page))
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
        return Rendered(files: files, targetSearchEntry: content.targetSearchEntry[...], sourceSearchEntry: content.sourceSearchEntry[...],
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
    func label(of view: View) -> String { Self.label(of: view, layout: layout, strings: targetStrings) }

    static func label(of view: View, layout: SiteLayout, strings targetStrings: InterfaceStrings) -> String {
        switch view {
        case .target: return LanguageTag.nativeName(of: layout.targetLocale)
        case .sideBySide: return targetStrings["sideBySideView"] ?? "Side by side"
        case .source: return LanguageTag.nativeName(of: layout.sourceLocale)
        }
    }
}
