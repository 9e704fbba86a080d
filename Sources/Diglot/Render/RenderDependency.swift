import Foundation

/// The one rule of a page's render dependency (`SiteRenderer.renderFingerprints`), from its navigation in each
/// of its views: `SiteRenderer.renderFingerprints` renders the navigation for it; the render stage, which
/// renders it anyway, works it out as it frames the page (a clean build renders it once).
struct RenderDependency: Sendable {
    let layout: SiteLayout
    let titles: [String: (target: String, source: String)]
    let titledPages: Set<String>
    let allTitles: UInt64
    let translationOnly: UInt64
    let draftsPage: String?

    init(_ resolved: ResolvedSite) {
        func digest(_ strings: [String]) -> UInt64 { FastHash.hash(Array(strings.joined(separator: "\u{0}").utf8)) }
        layout = resolved.layout
        titles = resolved.titles
        titledPages = resolved.titledPages
        allTitles = resolved.titledPages.isEmpty ? 0
            : digest(resolved.titles.keys.sorted().flatMap { [$0, resolved.titles[$0]!.target, resolved.titles[$0]!.source] })
        translationOnly = digest(layout.translationOnly.sorted())
        draftsPage = resolved.drafts?.catalog?.page
    }

    /// `navigation(view, root)`: the page's navigation in the view (`Navigation.html`) and its TOC script.
    func fingerprint(of path: String, navigation: (View, String) -> (html: [String: [UInt8]], script: String?)) -> String {
        if path == draftsPage { return "" }
        var bytes: [UInt8] = []
        func add(_ text: String) { bytes += text.utf8; bytes.append(0) }
        add(layout.targetLocale); add(layout.sourceLocale)
        add(String(translationOnly))
        if titledPages.contains(path) { add(String(allTitles)) }
        if let titles = titles[path] { add(titles.target); add(titles.source) }
        add(layout.monikers(of: path).joined(separator: "\u{1}"))
        for view in layout.views(of: path) {
            let output = layout.path(of: path, in: view)
            add(view.rawValue); add(output)
            let (html, script) = navigation(view, LinkResolver.rootPrefix(from: output))
            for key in html.keys.sorted() { add(key); bytes += html[key]!; bytes.append(0) }
            add(script ?? "\u{1}")
        }
        return String(FastHash.hash(bytes), radix: 16)
    }
}
