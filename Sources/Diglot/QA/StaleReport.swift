/// The report page of stale translations (`stale/index.html`, written when the build has the current
/// English): how many pages the locale has, how many of them are stale, how many sentences, how many
/// pages of the current English it lacks; then each stale page with its stale sentences (the English
/// each was translated from, and the current English that replaced it), each linking to the sentence in
/// the side-by-side view; then the untranslated pages.
enum StaleReport {
    static let template = "stale"
    static let summaryTemplate = "stale-languages"
    /// A multilingual site's summary: every language's counts, each leading to its report.
    static let summaryPath = "stale/index.html"

    /// The summary page of a multilingual site, in the source locale's strings, its rows the mark
    /// `SiteMerger` fills (`LanguageLinks.staleMark`): each part renders the same page.
    static func summary(layout: SiteLayout, templates: TemplateSet) -> OutputFile? {
        guard templates.has(summaryTemplate) else { return nil }
        let context: [String: Any] = ["lang": layout.sourceLocale, "dir": LanguageTag.isRightToLeft(layout.sourceLocale) ? "rtl" : false,
                                      "root": LinkResolver.rootPrefix(from: summaryPath), "strings": templates.strings(for: layout.sourceLocale).templateValues,
                                      "rows": LanguageLinks.staleMark]
        return templates.render(context, template: summaryTemplate).map { OutputFile(path: summaryPath, text: $0) }
    }

    /// `stale/index.html`; in a multilingual site each language's, `stale/es-es/index.html`.
    static func path(_ layout: SiteLayout) -> String {
        layout.multilingual ? "stale/" + layout.folder(of: .target) + "/index.html" : "stale/index.html"
    }

    static func render(_ report: StaleTranslations.Report, layout: SiteLayout, titles: [String: (target: String, source: String)],
                       templates: TemplateSet) -> OutputFile? {
        guard templates.has(template) else { return nil }
        let strings = templates.strings(for: layout.targetLocale)
        let path = path(layout)
        let root = LinkResolver.rootPrefix(from: path)
        let englishDir: Any = LanguageTag.dirValue(layout.sourceLocale, inPageOf: layout.targetLocale).map { $0 as Any } ?? false
        let pages: [[String: Any]] = report.stalePages.map { page in
            let sxs = root + layout.path(of: page.path, in: .sideBySide)
            return [
                "title": titles[page.path]?.target ?? page.path,
                "path": page.path,
                "href": sxs,
                "count": strings.number(page.stale.count),
                "units": strings.number(page.units),
                "origin": page.origin,
                "sentences": page.stale.map { unit -> [String: Any] in
                    ["id": unit.id, "href": sxs + "#tu-" + unit.id, "line": unit.location.line, "translation": unit.translation,
                     "translatedFrom": unit.translatedFrom, "current": unit.current ?? false]
                },
            ]
        }
        let context: [String: Any] = [
            "root": root,
            "startPage": root + layout.startPage(for: .target),
            "lang": layout.targetLocale,
            "dir": LanguageTag.isRightToLeft(layout.targetLocale) ? "rtl" : false,
            "sourceLang": layout.sourceLocale,
            "sourceDir": englishDir,
            "strings": strings.templateValues,
            "reference": report.reference,
            "pages": strings.number(report.pages),
            "compared": strings.number(report.compared),
            "stalePageCount": strings.number(report.stalePages.count),
            "staleSentenceCount": strings.number(report.staleSentences),
            "untranslatedCount": strings.number(report.untranslated.count),
            "targetLabel": LanguageTag.nativeName(of: layout.targetLocale),
            "hasStalePages": !pages.isEmpty,
            "hasUntranslated": !report.untranslated.isEmpty,
            "stalePages": pages,
            "untranslated": report.untranslated.map { ["title": $0.title, "path": $0.path, "origin": $0.origin] },
        ]
        return OutputFile(path: path, text: templates.render(context, template: template) ?? "")
    }
}
