/// `sitemap.xml`: every page in each view; the translation and the English page name each other as
/// `hreflang` alternates, with the translation as `x-default` (as in the pages' own `<link rel="alternate">`),
/// and the side-by-side view is listed on its own. Written when the site's
/// address is known: `--base-url`, or `build.sitemap.baseUrl` in a docfx.json. A page with no units
/// has its translation only: one entry, no alternates.
enum Sitemap {
    /// The site's address as the start of every absolute address of the site: with one `/` at its end
    /// (`https://docs.example.com/site` → `https://docs.example.com/site/`), so that an output path follows it.
    static func base(_ baseURL: String) -> String {
        baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    static func render(pages: [Page], layout: SiteLayout, baseURL: String) -> OutputFile {
        let base = base(baseURL)
        var out = HTMLWriter(capacity: pages.count * 700)
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.raw("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n")
        for page in pages {
            guard layout.hasSource(page.path) else {
                out.raw("<url><loc>"); out.text(base + layout.path(of: page.path, in: .target)); out.raw("</loc></url>\n")
                continue
            }
            let target = base + layout.path(of: page.path, in: .target)
            let source = base + layout.path(of: page.path, in: .source)
            let sideBySide = base + layout.path(of: page.path, in: .sideBySide)
            for loc in [target, source] {
                out.raw("<url><loc>"); out.text(loc); out.raw("</loc>")
                out.raw("<xhtml:link rel=\"alternate\" hreflang=\""); out.text(page.metadata.locale ?? layout.targetLocale)
                out.raw("\" href=\""); out.text(target); out.raw("\"/>")
                out.raw("<xhtml:link rel=\"alternate\" hreflang=\""); out.text(layout.sourceLocale)
                out.raw("\" href=\""); out.text(source); out.raw("\"/>")
                out.raw("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\""); out.text(target); out.raw("\"/></url>\n")
            }
            out.raw("<url><loc>"); out.text(sideBySide); out.raw("</loc></url>\n")
        }
        out.raw("</urlset>\n")
        return OutputFile(path: "sitemap.xml", bytes: out.bytes)
    }
}
