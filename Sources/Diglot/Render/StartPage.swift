/// The start page: the docsets, each with its pages and their three views.
enum StartPage {
    static func render(pages: [Page], layout: SiteLayout, views: PageViews, templates: TemplateSet, hasMail: Bool, hasQA: Bool = false,
                       hasStale: Bool = false) -> OutputFile {
        let strings = templates.strings(for: layout.targetLocale)
        func row(_ page: Page) -> [String: Any] {
            let docset = layout.docset(of: page.path)
            guard layout.hasSource(page.path) else {
                // A page with no units: its translation, and a word that it has no English source.
                return ["title": views.navigation.titles[page.path]?.target ?? PageViews.targetTitle(page), "path": page.path,
                        "href": layout.path(of: page.path, in: .target), "targetHref": layout.path(of: page.path, in: .target),
                        "targetLabel": views.label(of: .target), "translationOnly": true]
            }
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
            ["name": group.name.isEmpty ? (strings["otherPages"] ?? "Pages") : group.name, "pageCount": strings.number(group.items.count), "pages": group.items.map(row)]
        }
        let context: [String: Any] = [
            "lang": layout.targetLocale,
            "dir": LanguageTag.isRightToLeft(layout.targetLocale) ? "rtl" : false,
            "title": strings["indexTitle"] ?? "Diglot",
            "pageCount": strings.count("pageCount", pages.count) ?? strings.number(pages.count),
            "hasMail": hasMail,
            "hasQA": hasQA,
            "hasStale": hasStale,
            "strings": strings.templateValues,
            "sourceLang": layout.sourceLocale,
            "sourceLabel": views.label(of: .source),
            // English in an Arabic page is set left to right (absent: the page's direction).
            "sourceDir": LanguageTag.dirValue(layout.sourceLocale, inPageOf: layout.targetLocale) ?? false,
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
                                      "sourceDir": LanguageTag.dirValue(layout.sourceLocale, inPageOf: layout.targetLocale) ?? false,
                                      "dir": LanguageTag.isRightToLeft(layout.targetLocale) ? "rtl" : false,
                                      "strings": templates.strings(for: layout.targetLocale).templateValues,
                                      "sourceStrings": templates.strings(for: layout.sourceLocale).templateValues]
        return OutputFile(path: "404.html", text: templates.render(context, template: "404") ?? "")
    }
}
