/// The three views of every page, and where each lives in the output.
public enum View: String, Sendable, CaseIterable, Codable {
    /// The translation, with each sentence's English source on hover and focus.
    case target
    /// Translation and source in two aligned columns.
    case sideBySide = "side-by-side"
    /// The English page rebuilt from the source text.
    case source
}

/// The output folder's layout:
///
///     index.html                  start page
///     assets/                     CSS and script
///     <target-locale>/<page>.html  e.g. es-es/partner-center/x.html
///     sxs/<page>.html             side by side
///     <source-locale>/<page>.html  e.g. en-us/partner-center/x.html
///
/// A locale's part of a multilingual site (`multilingual`, issue 13: several locales in one site,
/// joined by `SiteMerger`) puts its side-by-side view under `sxs/<target-locale>/` and its start page
/// at `<target-locale>.html`; the site's top `index.html` is the language chooser.
public struct SiteLayout: Sendable, Equatable {
    public var targetLocale: String
    public var sourceLocale: String
    /// The docsets; pages not named in `docsetOfPage` belong to none (a single-folder build).
    public var docsets: [Docset]
    /// A page's docset (an index into `docsets`), by content path.
    public var docsetOfPage: [String: Int]
    /// A page's path in every view (`.md` still on), by content path; a page not here keeps its content path.
    public var routes: [String: String]
    /// The pages with no translation units (a human translation, say: no English source), by
    /// lower-cased content path: each is built in the translation view only (issue 10).
    public let translationOnly: Set<String>
    /// The views any page is built in: all three, or the translation alone when no page has units.
    public let views: [View]
    /// Each docset's monikers (versions), in `MonikerRange.ordered` order, by index into `docsets`
    /// (`-1`: the pages of no docset): the ones its pages' ranges name. Pages with moniker blocks
    /// get a version picker of them.
    public var monikers: [Int: [String]] = [:]
    /// Each docset's zone pivot groups (pages that name some get a pivot picker).
    var zonePivots = ZonePivots()
    /// The layout of one locale's part of a multilingual site (see the type's note).
    public var multilingual = false

    public init(targetLocale: String, sourceLocale: String = "en-US", docsets: [Docset] = [],
                docsetOfPage: [String: Int] = [:], routes: [String: String] = [:], translationOnly: Set<String> = [], pageCount: Int? = nil) {
        self.targetLocale = targetLocale
        self.sourceLocale = sourceLocale
        self.docsets = docsets
        self.docsetOfPage = docsetOfPage
        self.routes = routes
        self.translationOnly = translationOnly
        self.views = pageCount.map { $0 > 0 && translationOnly.count >= $0 } == true ? [.target] : View.allCases
    }

    /// Whether a page has an English source, and so all three views.
    public func hasSource(_ contentPath: String) -> Bool {
        translationOnly.isEmpty || !translationOnly.contains(contentPath.lowercased())
    }

    /// The views a page is built in: all three, or the translation's alone for a page with no units.
    public func views(of contentPath: String) -> [View] {
        hasSource(contentPath) ? View.allCases : [.target]
    }

    /// The monikers of a page's docset (see `monikers`).
    public func monikers(of contentPath: String) -> [String] {
        monikers[docsetOfPage[contentPath] ?? -1] ?? []
    }

    /// The docset a page belongs to.
    public func docset(of contentPath: String) -> Docset? {
        docsetOfPage[contentPath].map { docsets[$0] }
    }

    /// The top folder of a view.
    public func folder(of view: View) -> String {
        switch view {
        case .target: return targetLocale.lowercased()
        case .sideBySide: return multilingual ? "sxs/" + targetLocale.lowercased() : "sxs"
        case .source: return sourceLocale.lowercased() == targetLocale.lowercased() ? "source" : sourceLocale.lowercased()
        }
    }

    /// The output path of a content page in a view: `es-es/partner-center/x.html`. A page with no
    /// units is in the translation view only: its path in any view is that one, so that every link to
    /// it, from any view, leads to a page that exists.
    public func path(of contentPath: String, in view: View) -> String {
        folder(of: hasSource(contentPath) ? view : .target) + "/" + pathInView(of: contentPath)
    }

    /// A page's path from a view's folder (`partner-center/x.html`), or, for a page with no units seen
    /// from another view, the way to its translation (`../es-es/partner-center/x.html`).
    public func pathInView(of contentPath: String, from view: View) -> String {
        view == .target || hasSource(contentPath) ? pathInView(of: contentPath)
            : String(repeating: "../", count: folder(of: view).split(separator: "/").count) + path(of: contentPath, in: .target)
    }

    /// The start page a view's pages lead home to, from the output's top: `index.html`; in a
    /// multilingual site the locale's own, beside its folder (`es-es.html`: a name no page of the
    /// content can take, where `es-es/index.html` would be a docset's `index.md`), and for the English
    /// view, which every locale shares, the language chooser (`index.html`).
    public func startPage(for view: View) -> String {
        multilingual && view != .source ? folder(of: .target) + ".html" : "index.html"
    }

    /// The output path of a content page inside each view's folder: `partner-center/x.html`.
    public func pathInView(of contentPath: String) -> String {
        LinkResolver.outputPath(of: routes[contentPath] ?? contentPath)
    }

    /// Where a docset's TOC goes in a view, without extension: `es-es/partner-center/toc`, beside the
    /// docset's pages, as DocFX writes `toc.html`; `toc.html` is the TOC page, `toc.js` its data. A
    /// docset whose folder an earlier docset already has (two docsets with one `dest`) gets `toc-N`,
    /// N its place among the docsets from 1.
    public func tocPath(docset: Int, in view: View) -> String {
        let destination = docsets[docset].destination
        let shared = docsets[..<docset].contains { $0.destination.lowercased() == destination.lowercased() }
        return [folder(of: view), destination, shared ? "toc-\(docset + 1)" : "toc"].filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// The search index a page's entry goes into, in a view (the side-by-side view searches the
    /// translation's): its docset's folder's `search-index.js` (`es-es/partner-center/search-index.js`),
    /// or the view's top folder's for pages of no docset (or of a docset at the top). Issue 12: one
    /// index per docset, so that a page loads only its own docset's (DocFX builds one search per
    /// docset); docsets that share a folder share its index.
    public func searchIndexPath(of contentPath: String, in view: View) -> String {
        let folder = self.folder(of: view == .source ? .source : .target)
        guard let destination = docset(of: contentPath)?.destination, !destination.isEmpty else { return folder + "/" + SearchIndex.fileName }
        return folder + "/" + destination + "/" + SearchIndex.fileName
    }

    /// Items grouped by the docset of their page, docsets in their order (named by their
    /// `titleSuffix`, else their name), items of no docset last under the name `""`; empty groups left out.
    func groupedByDocset<T>(_ items: [T], path: (T) -> String) -> [(name: String, items: [T])] {
        var groups: [(name: String, items: [T])] = docsets.map { ($0.titleSuffix ?? $0.name, []) }
        var loose: [T] = []
        for item in items {
            if let index = docsetOfPage[path(item)] { groups[index].items.append(item) } else { loose.append(item) }
        }
        groups.append(("", loose))
        return groups.filter { !$0.items.isEmpty }
    }

    @available(*, deprecated, renamed: "LanguageTag.usableLocale")
    public static func usableLocale(_ value: String) -> String? { LanguageTag.usableLocale(value) }

    /// The locale most pages declare in `ms.contentlocale` (ties go to the first in sorted order), or `und`.
    public static func targetLocale(of pages: [Page]) -> String {
        var counts: [String: Int] = [:]
        for page in pages { if let locale = page.metadata.locale.flatMap(LanguageTag.usableLocale) { counts[locale, default: 0] += 1 } }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key ?? "und"
    }
}
