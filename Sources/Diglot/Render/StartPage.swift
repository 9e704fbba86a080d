/// The start page: the docsets, each with its pages and their three views.
enum StartPage {
    static func render(pages: [Page], layout: SiteLayout, views: PageViews, templates: TemplateSet, hasMail: Bool, hasQA: Bool = false,
                       hasStale: Bool = false) -> OutputFile {
        let strings = templates.strings(for: layout.targetLocale)
        // The site's top, or (in a multilingual site) the locale's folder: `root` leads back to the top.
        let path = layout.startPage(for: .target)
        let root = LinkResolver.rootPrefix(from: path)
        func row(_ page: Page) -> [String: Any] {
            let docset = layout.docset(of: page.path)
            guard layout.hasSource(page.path) else {
                // A page with no units: its translation, and a word that it has no English source.
                return ["title": views.navigation.titles[page.path]?.target ?? PageTitle.target(page), "path": page.path,
                        "href": root + layout.path(of: page.path, in: .target), "targetHref": root + layout.path(of: page.path, in: .target),
                        "targetLabel": views.label(of: .target), "translationOnly": true]
            }
            return [
                "title": views.navigation.titles[page.path]?.target ?? PageTitle.target(page),
                "sourceTitle": views.navigation.titles[page.path]?.source ?? PageTitle.source(page),
                "path": page.path,
                "href": root + layout.path(of: page.path, in: docset?.defaultView ?? .target),
                "targetHref": root + layout.path(of: page.path, in: .target),
                "sideBySideHref": root + layout.path(of: page.path, in: .sideBySide),
                "sourceHref": root + layout.path(of: page.path, in: .source),
                "targetLabel": views.label(of: .target),
                "sideBySideLabel": views.label(of: .sideBySide),
                "sourceLabel": views.label(of: .source),
            ]
        }
        // Docsets in their order, each with its pages; pages of no docset last.
        let docsets: [[String: Any]] = layout.groupedByDocset(pages, path: \.path).map { group in
            ["name": group.name.isEmpty ? (strings["otherPages"] ?? "Pages") : group.name, "pageCount": strings.number(group.items.count), "pages": group.items.map(row)]
        }
        var context: [String: Any] = [
            "root": root,
            "lang": layout.targetLocale,
            "dir": LanguageTag.isRightToLeft(layout.targetLocale) ? "rtl" : false,
            "title": strings["indexTitle"] ?? "Diglot",
            "pageCount": strings.count("pageCount", pages.count) ?? strings.number(pages.count),
            "hasMail": hasMail,
            "hasQA": hasQA,
            "hasStale": hasStale,
            "staleHref": root + StaleReport.path(layout),
            "strings": strings.templateValues,
            "sourceLang": layout.sourceLocale,
            "sourceLabel": views.label(of: .source),
            // English in an Arabic page is set left to right (absent: the page's direction).
            "sourceDir": LanguageTag.dirValue(layout.sourceLocale, inPageOf: layout.targetLocale) ?? false,
            "docsets": docsets,
            // The start page searches every docset's index of the translation and links into its view.
            "searchIndex": Set(pages.map { root + layout.searchIndexPath(of: $0.path, in: .target) }).sorted().joined(separator: " "),
            "searchBase": root + layout.folder(of: .target) + "/",
        ]
        if layout.multilingual {
            // As a page's (`PageViews.frame`): `SiteMerger` fills these once every locale is known.
            context["languageAlternates"] = LanguageLinks.alternatesMark
            context["languagePicker"] = LanguageLinks.pickerMark
            context["languageName"] = LanguageTag.nativeName(of: layout.targetLocale)
        }
        return OutputFile(path: path, text: templates.render(context, template: "index") ?? "")
    }
}

/// `404.html`: what a server shows for an address with no page (links are from the site's top).
enum NotFoundPage {
    static let path = "404.html"

    static func render(layout: SiteLayout, templates: TemplateSet) -> OutputFile {
        let context: [String: Any] = ["lang": layout.targetLocale, "sourceLang": layout.sourceLocale,
                                      "sourceDir": LanguageTag.dirValue(layout.sourceLocale, inPageOf: layout.targetLocale) ?? false,
                                      "dir": LanguageTag.isRightToLeft(layout.targetLocale) ? "rtl" : false,
                                      "strings": templates.strings(for: layout.targetLocale).templateValues,
                                      "sourceStrings": templates.strings(for: layout.sourceLocale).templateValues]
        return OutputFile(path: path, text: templates.render(context, template: "404") ?? "")
    }
}

/// The top page of a multilingual site (`index.html`, template `languages`): the site's languages,
/// each by its own name and leading to its start page (`SiteMerger` fills the list, at
/// `LanguageLinks.pickerMark`); its script opens the reader's language (see `diglot.js`). In the
/// English of the site's source locale: the page is every language's.
enum LanguageChooser {
    static let path = "index.html"

    static func render(layout: SiteLayout, templates: TemplateSet) -> OutputFile? {
        guard templates.has("languages") else { return nil }
        let context: [String: Any] = ["lang": layout.sourceLocale, "dir": LanguageTag.isRightToLeft(layout.sourceLocale) ? "rtl" : false,
                                      "strings": templates.strings(for: layout.sourceLocale).templateValues, "languages": LanguageLinks.pickerMark]
        return templates.render(context, template: "languages").map { OutputFile(path: path, text: $0) }
    }
}
