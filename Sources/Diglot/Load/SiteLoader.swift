import Foundation

/// The load stage's hand-off: everything a build reads from the content and templates folders, read
/// once, with what reading found. The stages after it never read the file system (the publish stage
/// copies media through `ContentFolder`, at the edge again).
public struct LoadedSite: Sendable {
    public let templates: TemplateSet
    /// The docsets, pages and their routes, every file, TOCs, breadcrumbs, redirections and the
    /// markdown that is not a page (includes).
    public let site: SiteStructure
    /// The pages' content paths, in path order; `reader` reads each when a stage needs it.
    public let pages: [String]
    public let reader: any PageReader
    public let invitations: InvitationSetup?
    /// `diglot.yml`'s QA settings, when the build writes the QA report or checks.
    public let qa: QAConfig?
    public let diagnostics: [Diagnostic]
    /// Each docset's TOC as loaded (or taken from the last build), for the page cache; empty when the
    /// build keeps no page cache (`TOCReuse`).
    var tocEntries: [TOCReuse.Entry] = []
}

/// The load stage: lists the content folder (`ContentFolder`: contained, no links out, bounded),
/// reads the templates, the docsets' `docfx.json`, TOCs and breadcrumbs, the redirect file,
/// `invitations.yml`, `diglot.yml` and the includes (pages are read on demand, by `reader`). Throws only for what stops the whole
/// build (no content folder, broken templates, a locale that is not a language tag).
public enum SiteLoader {
    /// - Parameters:
    ///   - listing: the content folder's listing when the caller has made it already.
    ///   - qa: read `diglot.yml`'s QA settings.
    ///   - tocReuse: the last build's TOCs, for a build that keeps a page cache (`SiteBuilder.build`).
    public static func load(_ options: BuildOptions, listing listed: ContentFolder.Listing? = nil, qa: Bool) throws -> LoadedSite {
        try load(options, listing: listed, qa: qa, tocReuse: nil)
    }

    static func load(_ options: BuildOptions, listing listed: ContentFolder.Listing? = nil, qa: Bool, tocReuse: TOCReuse?) throws -> LoadedSite {
        options.progress?(.load, 0, 0)
        if let locale = options.targetLocale, LanguageTag.usableLocale(locale) == nil { throw DiglotError.invalidLocale(locale) }
        // The templates are read and parsed on another thread while the content's docsets, TOCs and
        // other files are loaded; nothing but the invitations needs them.
        let templatesLoaded = ConcurrentMap.Future { [sources = options.templateSources] in
            Result { () -> (TemplateFiles, TemplateSet) in
                let files = try sources.files()
                return (files, try TemplateSet.load(from: files))
            }
        }
        let content = options.content
        var listing: ContentFolder.Listing
        do {
            listing = try listed ?? ContentFolder.list(content)
        } catch {
            _ = try templatesLoaded.value.get()  // a template error is reported first, as when they were read first
            throw error
        }
        // An output folder inside the content is not content (its pictures would be copied into the
        // next site, one level deeper each build).
        if let inside = ContentFolder.realPath(options.output.path).flatMap({ output in
            ContentFolder.realPath(content.path).flatMap { root in PathText.after(root == "/" ? "/" : root + "/", in: output) }
        }) {
            listing.files.removeAll { PathText.startsInside($0, folder: inside) }
            listing.diagnostics.removeAll { PathText.startsInside($0.file, folder: inside) }
        }
        let files = listing.files
        var diagnostics: [Diagnostic] = listing.diagnostics
        // Every content file is read contained in the content folder, and checked as a page is (UTF-8, line ends).
        func read(_ path: String) -> String? {
            let (text, problems) = ContentFolder.text(path, in: content)
            diagnostics += problems
            return text
        }
        let (docsets, docsetDiagnostics) = DocsetLoader.docsets(files: files, read: read)
        diagnostics += docsetDiagnostics
        var site = SiteStructure(docsets: docsets, files: files)
        diagnostics += site.conflicts
        if files.contains(Redirection.fileName), let text = read(Redirection.fileName) {
            let (redirections, problems) = Redirection.parse(text)
            site.redirections = redirections
            diagnostics += problems
        }
        // The TOCs are read on all cores; pages are read by the stages that parse and render them.
        let pagesOfDocset = Dictionary(grouping: site.docsetOfPage.keys) { site.docsetOfPage[$0]! }
        let allFiles = tocReuse == nil ? "" : TOCReuse.digest(files: files)
        let loaded = ConcurrentMap.map(Array(docsets.enumerated())) { index, docset -> TOCReuse.Entry in
            // Another docset's folder inside this one is that docset's business.
            let inner = docsets.map(\.source).filter { $0 != docset.source && (docset.source.isEmpty || Docset.strip(docset.source, from: $0) != nil) }
            let pages = pagesOfDocset[index]?.sorted() ?? []
            let key = tocReuse?.key(folder: docset.source, inner: inner, pages: pages, files: allFiles) ?? ""
            if let kept = tocReuse?.entry(key) { return kept }
            var readProblems: [Diagnostic] = []
            var read: [(path: String, stat: String)] = []
            let (toc, problems) = TOCLoader.load(folder: docset.source, files: files, excluding: inner, pages: pages) {
                let (text, problems) = ContentFolder.text($0, in: content)
                readProblems += problems
                read.append(($0, tocReuse?.stats[$0] ?? ""))
                return text
            }
            return TOCReuse.Entry(key: key, files: read, nodes: toc, diagnostics: readProblems + problems)
        }
        for docset in docsets {
            guard let path = BreadcrumbLoader.file(of: docset, files: files), let text = read(path) else {
                site.breadcrumbs.append([])
                continue
            }
            let (nodes, problems) = BreadcrumbLoader.parse(text, path: path)
            site.breadcrumbs.append(nodes)
            diagnostics += problems
        }
        // Markdown that is not a page may be included by one: read it too.
        let pageSet = Set(site.pages)
        for path in files where path.lowercased().hasSuffix(".md") && !pageSet.contains(path) {
            switch ContentLoader.read(path, in: content) {
            case .success(let file): site.otherMarkdown[path] = file.bytes
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        for entry in loaded {
            site.tocs.append(entry.nodes)
            diagnostics += entry.diagnostics
        }
        let (templateFiles, templates) = try templatesLoaded.value.get()
        var invitations: InvitationSetup? = nil
        if files.contains(InvitationConfig.fileName), let yaml = read(InvitationConfig.fileName) {
            for name in ["drafts", "mail-index"] where !templates.has(name) {
                throw DiglotError.templatesMissing(templateFiles.name, name)
            }
            invitations = InvitationSetup(configYAML: yaml, emailTemplates: try EmailTemplates.load(from: templateFiles))
        }
        let (reportURL, reportProblems) = ReportLink.load(fromContent: content)
        site.reportURL = reportURL
        diagnostics += reportProblems
        var qaConfig: QAConfig? = nil
        if qa {
            let (config, problems) = QAConfig.load(fromContent: content)
            qaConfig = config
            diagnostics += problems
        }
        return LoadedSite(templates: templates, site: site, pages: site.pages, reader: FolderPageReader(content: content), invitations: invitations, qa: qaConfig,
                          diagnostics: diagnostics, tocEntries: tocReuse == nil ? [] : loaded)
    }
}
