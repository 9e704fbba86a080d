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

    /// The most URLs a sitemap may list (sitemaps.org 0.9): past it, a language's sitemap is cut into
    /// `sitemap-1.xml`, `sitemap-2.xml`….
    static let urlsPerSitemap = 50_000

    /// A multilingual site's sitemaps (sitemaps.org 0.9), for `SiteMerger`: `sitemap.xml`, an index of
    /// each language's (its translation and side-by-side pages) and the English view's (the English
    /// pages the site took).
    static func multilingual(parts: [SitePart], layouts: [SiteLayout], englishPages: [String], sourceFolder: String,
                                 base: String, has: (String) -> Bool) -> [(String, [UInt8])] {
        func urlsets(_ folder: String, _ locations: [String]) -> [(String, [UInt8])] {
            let chunks = stride(from: 0, to: max(locations.count, 1), by: urlsPerSitemap).map { Array(locations[$0..<min(locations.count, $0 + urlsPerSitemap)]) }
            return chunks.enumerated().map { number, chunk in
                var out = HTMLWriter(capacity: 64 + chunk.count * 96)
                out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
                for location in chunk { out.raw("<url><loc>"); out.text(base + location); out.raw("</loc></url>\n") }
                out.raw("</urlset>\n")
                return (folder + (chunks.count == 1 ? "/sitemap.xml" : "/sitemap-\(number + 1).xml"), out.bytes)
            }
        }
        var files: [(String, [UInt8])] = []
        for (part, layout) in zip(parts, layouts) {
            var locations: [String] = []
            // The pages the part says it has that are files of the site.
            for page in part.pages {
                for view in page.english ? [View.target, .sideBySide] : [.target] where has(layout.folder(of: view) + "/" + page.path) {
                    locations.append(layout.folder(of: view) + "/" + page.path)
                }
            }
            files += urlsets(layout.folder(of: .target), locations)
        }
        files += urlsets(sourceFolder, englishPages.map { sourceFolder + "/" + $0 })
        var index = HTMLWriter(capacity: 256 + files.count * 96)
        index.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for (path, _) in files { index.raw("<sitemap><loc>"); index.text(base + path); index.raw("</loc></sitemap>\n") }
        index.raw("</sitemapindex>\n")
        return [("sitemap.xml", index.bytes)] + files
    }
}
