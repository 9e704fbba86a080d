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
public struct SiteLayout: Sendable, Equatable {
    public var targetLocale: String
    public var sourceLocale: String
    /// The docsets; pages not named in `docsetOfPage` belong to none (a single-folder build).
    public var docsets: [Docset]
    /// A page's docset (an index into `docsets`), by content path.
    public var docsetOfPage: [String: Int]
    /// A page's path in every view (`.md` still on), by content path; a page not here keeps its content path.
    public var routes: [String: String]

    public init(targetLocale: String, sourceLocale: String = "en-US", docsets: [Docset] = [],
                docsetOfPage: [String: Int] = [:], routes: [String: String] = [:]) {
        self.targetLocale = targetLocale
        self.sourceLocale = sourceLocale
        self.docsets = docsets
        self.docsetOfPage = docsetOfPage
        self.routes = routes
    }

    /// The docset a page belongs to.
    public func docset(of contentPath: String) -> Docset? {
        docsetOfPage[contentPath].map { docsets[$0] }
    }

    /// The top folder of a view.
    public func folder(of view: View) -> String {
        switch view {
        case .target: return targetLocale.lowercased()
        case .sideBySide: return "sxs"
        case .source: return sourceLocale.lowercased() == targetLocale.lowercased() ? "source" : sourceLocale.lowercased()
        }
    }

    /// The output path of a content page in a view: `es-es/partner-center/x.html`.
    public func path(of contentPath: String, in view: View) -> String {
        folder(of: view) + "/" + pathInView(of: contentPath)
    }

    /// The output path of a content page inside each view's folder: `partner-center/x.html`.
    public func pathInView(of contentPath: String) -> String {
        LinkResolver.outputPath(of: routes[contentPath] ?? contentPath)
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

    /// The locale most pages declare in `ms.contentlocale` (ties go to the first in sorted order), or `und`.
    public static func targetLocale(of pages: [Page]) -> String {
        var counts: [String: Int] = [:]
        for page in pages { if let locale = page.metadata.locale, LanguageTag.canonical(locale) != nil { counts[locale, default: 0] += 1 } }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key ?? "und"
    }
}
