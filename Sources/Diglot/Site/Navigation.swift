/// A page's navigation: the docset's TOC as a sidebar with the page marked and its sections open,
/// breadcrumbs along the TOC, and the previous and next pages in TOC order. Titles in the English view
/// are the English titles of the pages where they have one.
struct Navigation: Sendable {
    let sidebars: SidebarCache
    let titles: [String: (target: String, source: String)]
    private let orders: [[String]]
    /// Each page's breadcrumb trail (from its docset's breadcrumb file), worked out once.
    private let trails: [String: [BreadcrumbNode]]
    /// A page's content path by its site path (`partner-center/index`, lower-cased, no extension).
    private let pageOfSitePath: [String: String]

    init(tocs: [[TOCNode]], titles: [String: (target: String, source: String)], breadcrumbs: [[BreadcrumbNode]] = [], layout: SiteLayout? = nil) {
        let sidebars = SidebarCache(tocs: tocs)
        self.sidebars = sidebars
        self.titles = titles
        orders = tocs.indices.map { index in sidebars.order(docset: index).filter { titles[$0] != nil } }
        var sitePaths: [String: String] = [:]
        var trails: [String: [BreadcrumbNode]] = [:]
        if let layout, breadcrumbs.contains(where: { !$0.isEmpty }) {
            for page in titles.keys {
                let sitePath = Navigation.sitePath(of: page, layout: layout)
                sitePaths[sitePath] = page
                if let docset = layout.docsetOfPage[page], docset < breadcrumbs.count, !breadcrumbs[docset].isEmpty {
                    trails[page] = BreadcrumbLoader.trail(breadcrumbs[docset], sitePath: "/" + sitePath)
                }
            }
        }
        pageOfSitePath = sitePaths
        self.trails = trails
    }

    /// `partner-center/announcements/2020-may`: where a page is on the published site, lower-cased.
    private static func sitePath(of page: String, layout: SiteLayout) -> String {
        let path = layout.pathInView(of: page).lowercased()
        return path.hasSuffix(".html") ? String(path.dropLast(5)) : path
    }

    /// The page a breadcrumb's `topicHref` opens: `/x/index` or the folder `/x/` (its index page);
    /// `""` for the site's top (the start page); nil when it is not a page of the build.
    private func page(ofTopic topic: String) -> String? {
        var path = Docset.trimSlashes(topic).lowercased()
        if path.hasSuffix(".md") || path.hasSuffix(".html") { path = String(path[..<path.lastIndex(of: ".")!]) }
        if path.isEmpty { return "" }
        return pageOfSitePath[path] ?? pageOfSitePath[path + "/index"]
    }

    /// The docset's `toc.js` for a page in a view, relative to the page (`root` leads to the output's
    /// top); nil when the page's docset has no TOC.
    func tocScript(for page: String, view: View, root: String, layout: SiteLayout) -> String? {
        guard let docset = layout.docsetOfPage[page], sidebars.hasTOC(docset: docset) else { return nil }
        return root + layout.tocPath(docset: docset, in: view) + ".js"
    }

    /// Each docset's TOC in each view: `toc.js`, and the TOC page `toc.html` through the `page` template.
    func tocFiles(layout: SiteLayout, views: PageViews) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for docset in layout.docsets.indices where sidebars.hasTOC(docset: docset) {
            for view in layout.views {
                let base = layout.tocPath(docset: docset, in: view)
                let folder = String(PathText.folder(of: base))
                let title = { (node: TOCNode) in self.name(of: node, in: view, layout: layout) }
                let inView = { (target: String) -> String? in self.titles[target] == nil ? nil : layout.pathInView(of: target, from: view) }
                files.append(OutputFile(path: base + ".js", bytes: sidebars.script(docset: docset, href: inView, title: title)))
                let strings = view == .source ? views.sourceStrings : views.targetStrings
                let tree = sidebars.tree(docset: docset, label: strings["toc"] ?? "Contents", href: { target in
                    self.titles[target] == nil ? nil : LinkResolver.relativePath(from: folder, to: layout.path(of: target, in: view))
                }, title: title)
                files.append(try views.renderTOCPage(tree, docset: docset, view: view, path: base + ".html"))
            }
        }
        return files
    }

    /// A TOC entry's name in a view: in the English view, the English title of the page it opens,
    /// else its name in the translation, marked as such.
    private func name(of node: TOCNode, in view: View, layout: SiteLayout) -> TOCLabel {
        guard view == .source else { return TOCLabel(text: node.name) }
        // An entry for a section of a page is named by the section, not by the page's title.
        if node.anchor == nil, let target = node.page, let t = titles[target], layout.hasSource(target) { return TOCLabel(text: t.source) }
        return TOCLabel(text: node.name, langAttribute: Self.foreignAttribute(layout))
    }

    /// ` data-foreign-lang="es-ES"` (and `data-foreign-dir`) for the sidebar script, as `foreignAttribute`.
    static func foreignData(_ layout: SiteLayout) -> String {
        " data-foreign-lang=\"" + HTMLText.escape(layout.targetLocale) + "\""
            + (LanguageTag.dirValue(layout.targetLocale, inPageOf: layout.sourceLocale).map { " data-foreign-dir=\"\($0)\"" } ?? "")
    }

    /// ` lang="es-ES"` (with ` dir` where it differs from English's) for the translation's words in the English view.
    static func foreignAttribute(_ layout: SiteLayout) -> String {
        " lang=\"" + HTMLText.escape(layout.targetLocale) + "\"" + LanguageTag.dirAttribute(layout.targetLocale, inPageOf: layout.sourceLocale)
    }

    /// `sidebar`, `breadcrumbs` and `pager`, as HTML, for one page in one view.
    func html(for page: String, view: View, root: String, layout: SiteLayout, strings: InterfaceStrings) -> [String: [UInt8]] {
        guard let docset = layout.docsetOfPage[page], docset < orders.count else { return [:] }
        // Links within the view are relative to the page's folder: short, and the same for every
        // page of a folder, whose sidebar is then rendered once.
        let here = layout.path(of: page, in: view)
        let folder = String(PathText.folder(of: here))
        func href(_ target: String) -> String? {
            titles[target] == nil ? nil : LinkResolver.relativePath(from: folder, to: layout.path(of: target, in: view))
        }
        func title(_ target: String) -> TOCLabel {
            guard let t = titles[target] else { return TOCLabel(text: target) }
            guard view == .source else { return TOCLabel(text: t.target) }
            return layout.hasSource(target) ? TOCLabel(text: t.source) : TOCLabel(text: t.target, langAttribute: Self.foreignAttribute(layout))
        }
        func nodeTitle(_ node: TOCNode) -> TOCLabel { name(of: node, in: view, layout: layout) }
        /// A name in the breadcrumbs or the pager, in its element (`<a href>` or text in a `<span>` when marked).
        func write(_ name: TOCLabel, _ out: inout HTMLWriter) {
            if name.langAttribute.isEmpty { out.text(name.text) } else { out.raw("<span"); out.raw(name.langAttribute); out.raw(">"); out.text(name.text); out.raw("</span>") }
        }
        var result: [String: [UInt8]] = [:]
        let pathInView = layout.pathInView(of: page)
        let sidebar = sidebars.branch(docset: docset, page: page, pathInView: pathInView, viewBase: LinkResolver.rootPrefix(from: pathInView),
                                      label: strings["toc"] ?? "Contents",
                                      tocHref: LinkResolver.relativePath(from: folder, to: layout.tocPath(docset: docset, in: view) + ".html"),
                                      foreign: view == .source ? Self.foreignData(layout) : "",
                                      href: href, title: nodeTitle)
        if !sidebar.isEmpty { result["sidebar"] = sidebar }

        var crumbs = HTMLWriter(capacity: 512)
        crumbs.raw("<nav class=\"breadcrumbs\" aria-label=\""); crumbs.text(strings["breadcrumbs"] ?? "Breadcrumbs"); crumbs.raw("\">\n<ol>\n")
        // The docset's breadcrumb file where it has one (its entries covering the page's site path),
        // else the docset's name leading to the start page; then the TOC's sections above the page.
        let trail = trails[page] ?? []
        var named = Set<String>()
        for node in trail {
            let target = node.topicHref.flatMap(self.page(ofTopic:))
            if target == page { continue }  // the page itself comes last, unlinked
            // The English view names a crumb by its page's English title, where the page has one.
            let english = target.flatMap { titles[$0] }.flatMap { $0.source != $0.target ? $0.source : nil }
            let name = view != .source ? TOCLabel(text: node.name)
                : english.map { TOCLabel(text: $0) } ?? TOCLabel(text: node.name, langAttribute: Self.foreignAttribute(layout))
            named.insert(node.name)
            if let target { named.insert(target) }
            crumbs.raw("<li>")
            if let target, let link = target.isEmpty ? root + layout.startPage(for: view) : href(target) {
                crumbs.raw("<a href=\""); crumbs.text(link); crumbs.raw("\">"); write(name, &crumbs); crumbs.raw("</a>")
            } else {
                write(name, &crumbs)
            }
            crumbs.raw("</li>\n")
        }
        if trail.isEmpty {
            crumbs.raw("<li><a href=\""); crumbs.text(root + layout.startPage(for: view)); crumbs.raw("\">")
            let docsetName = layout.docsets[docset].titleSuffix ?? layout.docsets[docset].name
            crumbs.text(docsetName.isEmpty ? (strings["home"] ?? "Home") : docsetName); crumbs.raw("</a></li>\n")
        }
        for node in sidebars.ancestors(of: page, docset: docset) where !named.contains(node.name) && !(node.page.map(named.contains) ?? false) {
            crumbs.raw("<li>")
            if let target = node.page, let link = href(target) {
                crumbs.raw("<a href=\""); crumbs.text(link + node.fragment); crumbs.raw("\">"); write(nodeTitle(node), &crumbs); crumbs.raw("</a>")
            } else {
                write(nodeTitle(node), &crumbs)
            }
            crumbs.raw("</li>\n")
        }
        crumbs.raw("<li aria-current=\"page\">"); write(title(page), &crumbs); crumbs.raw("</li>\n</ol>\n</nav>\n")
        result["breadcrumbs"] = crumbs.bytes

        let order = orders[docset]
        if let index = order.firstIndex(of: page) {
            var pager = HTMLWriter(capacity: 512)
            pager.raw("<nav class=\"pager\" aria-label=\""); pager.text(strings["pager"] ?? "Previous and next"); pager.raw("\">\n")
            // Arrows point the way the text reads: back is to the right in Arabic and Hebrew.
            let (back, forward) = LanguageTag.isRightToLeft(strings.locale) ? ("→ ", " ←") : ("← ", " →")
            if index > 0, let link = href(order[index - 1]) {
                pager.raw("<a rel=\"prev\" href=\""); pager.text(link); pager.raw("\">"); pager.raw(back); write(title(order[index - 1]), &pager); pager.raw("</a>\n")
            }
            if index + 1 < order.count, let link = href(order[index + 1]) {
                pager.raw("<a rel=\"next\" href=\""); pager.text(link); pager.raw("\">"); write(title(order[index + 1]), &pager); pager.raw(forward); pager.raw("</a>\n")
            }
            pager.raw("</nav>\n")
            result["pager"] = pager.bytes
        }
        return result
    }
}
