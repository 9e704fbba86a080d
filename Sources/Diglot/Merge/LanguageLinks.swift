import DiglotModel

/// What joins the languages of a multilingual site: each page's `hreflang` alternates and its
/// language picker's entries, and the language chooser's list. A locale's part cannot know the other
/// locales, so it renders marks (`alternatesMark`, `pickerMark`: HTML comments, which content never
/// yields, since parsing drops comments and text is escaped) that `SiteMerger` replaces in each page
/// with what the whole site has.
///
/// Rules (issue 13; the `hreflang` ones are Google's, "Tell Google about localized versions of your
/// page", and DocFX/Learn's): a page names as alternates every language's translation of it and its
/// English page, and its English page as `x-default` (Learn's choice), absolute when the site's address is
/// known. The picker leads to the same page in each language, in the same view (side by side stays
/// side by side), or, where a language lacks the page, to that language's start page at
/// `#page-missing`, which shows a notice; the English entry is there when the page has an English view.
struct LanguageLinks {
    static let alternatesMark = "<!--diglot:alternates-->"
    static let pickerMark = "<!--diglot:languages-->"
    static let staleMark = "<!--diglot:stale-->"

    /// A translation of the site, in the order the parts were given.
    struct Language {
        var locale: String
        var layout: SiteLayout
        /// Its pages' files by their path in its translation's and its side-by-side view's folder.
        var target: Set<String>
        var sideBySide: Set<String>
    }

    let languages: [Language]
    let sourceLocale: String
    let sourceFolder: String
    /// The English view's files, by their path in its folder.
    let english: Set<String>
    /// The site's address with one `/` at its end; nil: relative links.
    let base: String?
    /// Each language's counts of stale translations (nil: its part was compared with no English).
    var staleCounts: [SitePart.StaleCounts?] = []

    /// Where a file of the site stands: its language (nil: English; `index` is nil for a file of no
    /// language's folder, such as the language chooser), its view and its path in the view's folder.
    private func place(of path: String) -> (index: Int?, view: View, inView: String)? {
        for (index, language) in languages.enumerated() {
            if let inView = PathText.after(language.layout.folder(of: .sideBySide) + "/", in: path) { return (index, .sideBySide, inView) }
            if let inView = PathText.after(language.layout.folder(of: .target) + "/", in: path) { return (index, .target, inView) }
        }
        if let inView = PathText.after(sourceFolder + "/", in: path) { return (nil, .source, inView) }
        return nil
    }

    /// A page's file with the marks replaced; the same bytes when it has none.
    func fill(_ bytes: [UInt8], path: String) -> [UInt8] {
        let alternates = Array(Self.alternatesMark.utf8)
        let picker = Array(Self.pickerMark.utf8)
        if path == StaleReport.summaryPath, let range = bytes.firstRange(of: Array(Self.staleMark.utf8)) {
            var out = bytes
            out.replaceSubrange(range, with: staleRows().bytes.dropLast())
            return out
        }
        // Each mark once, the picker's after the alternates' (in the head) when both are there.
        let alternatesRange = bytes.firstRange(of: alternates)
        let pickerRange = bytes[(alternatesRange?.upperBound ?? 0)...].firstRange(of: picker)
        guard alternatesRange != nil || pickerRange != nil else { return bytes }
        let root = LinkResolver.rootPrefix(from: path)
        var out = bytes
        if let range = pickerRange { out.replaceSubrange(range, with: self.picker(path: path, root: root).bytes.dropLast()) }  // (its last line break)
        if let range = alternatesRange { out.replaceSubrange(range, with: self.alternates(path: path, root: root).bytes) }
        return out
    }

    /// The language whose start page `path` is (`es-es.html`).
    private func startPage(_ path: String) -> Int? {
        languages.firstIndex { $0.layout.startPage(for: .target) == path }
    }

    /// `<link rel="alternate" hreflang>` of every language that has the page, then English and
    /// `x-default`; for a start page, every language's start page and the language chooser as `x-default`.
    private func alternates(path: String, root: String) -> HTMLWriter {
        var out = HTMLWriter(capacity: 128 * (languages.count + 2))
        let prefix = base ?? root
        func link(_ lang: String, _ href: String, last: Bool) {
            out.raw("<link rel=\"alternate\" hreflang=\""); out.text(lang); out.raw("\" href=\""); out.text(prefix + href); out.raw(last ? "\">" : "\">\n")
        }
        if startPage(path) != nil {
            for language in languages { link(language.locale, language.layout.startPage(for: .target), last: false) }
            link("x-default", LanguageChooser.path, last: true)
            return out
        }
        guard let place = place(of: path) else { return out }
        let english = english.contains(place.inView)
        let having = languages.filter { $0.target.contains(place.inView) }
        for (index, language) in having.enumerated() {
            link(language.locale, language.layout.folder(of: .target) + "/" + place.inView, last: !english && index == having.count - 1)
        }
        if english {
            link(sourceLocale, sourceFolder + "/" + place.inView, last: false)
            link("x-default", sourceFolder + "/" + place.inView, last: true)
        }
        return out
    }

    /// The stale summary's rows: each language by its own name, leading to its report, and its counts.
    private func staleRows() -> HTMLWriter {
        var out = HTMLWriter(capacity: 256 * languages.count)
        for (language, counts) in zip(languages, staleCounts) {
            guard let counts else { continue }
            let locale = language.locale
            out.raw("<tr><th scope=\"row\"><a href=\""); out.text(language.layout.folder(of: .target) + "/index.html")
            out.raw("\" hreflang=\""); out.text(locale); out.raw("\" lang=\""); out.text(locale); out.raw("\"")
            if LanguageTag.isRightToLeft(locale) { out.raw(" dir=\"rtl\"") }
            out.raw(">"); out.text(LanguageTag.nativeName(of: locale)); out.raw("</a></th>")
            for value in [counts.pages, counts.stalePages, counts.staleSentences, counts.untranslated] { out.raw("<td>\(value)</td>") }
            out.raw("</tr>\n")
        }
        return out
    }

    /// The picker's `<li>` entries for a page, or the chooser's for a file of no language's folder.
    private func picker(path: String, root: String) -> HTMLWriter {
        var out = HTMLWriter(capacity: 160 * (languages.count + 1))
        let place = place(of: path)
        func entry(_ locale: String, _ href: String, missing: Bool = false, current: Bool = false) {
            out.raw("<li><a href=\""); out.text(root + href); out.raw("\" hreflang=\""); out.text(locale)
            out.raw("\" lang=\""); out.text(locale); out.raw("\"")
            if LanguageTag.isRightToLeft(locale) { out.raw(" dir=\"rtl\"") }
            out.raw(" data-locale=\""); out.text(locale); out.raw("\"")
            if missing { out.raw(" data-missing") }
            if current { out.raw(" aria-current=\"page\"") }
            out.raw(">"); out.text(LanguageTag.nativeName(of: locale)); out.raw("</a></li>\n")
        }
        let startOf = startPage(path)
        for (index, language) in languages.enumerated() {
            let start = language.layout.startPage(for: .target)
            guard let place else { entry(language.locale, start, current: startOf == index); continue }
            let inView = place.inView
            if place.view == .sideBySide, language.sideBySide.contains(inView) {
                entry(language.locale, language.layout.folder(of: .sideBySide) + "/" + inView, current: place.index == index)
            } else if language.target.contains(inView) {
                entry(language.locale, language.layout.folder(of: .target) + "/" + inView, current: place.index == index && place.view == .target)
            } else {
                entry(language.locale, start + "#page-missing", missing: true)
            }
        }
        if let place, english.contains(place.inView) {
            entry(sourceLocale, sourceFolder + "/" + place.inView, current: place.view == .source)
        }
        return out
    }
}
