/// A page's titles, in the translation and in English, as the navigation, the views, the start page and the reports name it.
enum PageTitle {
    /// The page's title in the target language: front matter, else the first heading, else the file name.
    static func target(_ page: Page) -> String {
        if let title = page.metadata.title, !title.isEmpty { return PlainText.collapseWhitespace(title) }
        if let heading = page.firstHeading {
            let text = PlainText.of(heading.content)
            if !text.isEmpty { return text }
        }
        return file(page)
    }

    /// The English title: the source text of the first heading, else the target title.
    static func source(_ page: Page) -> String {
        if let heading = page.firstHeading {
            let text = PlainText.of(heading.content.side(.source))
            if !text.isEmpty { return text }
        }
        return target(page)
    }

    private static func file(_ page: Page) -> String {
        let name = PathText.segments(page.path).last.map(String.init) ?? page.path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}
