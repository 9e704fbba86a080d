/// Which pages a build holds: the docsets, and for each page its docset and its path in the output.
public struct SiteStructure: Sendable {
    public var docsets: [Docset] = []
    public var docsetOfPage: [String: Int] = [:]
    public var routes: [String: String] = [:]
    /// The content paths of the pages, sorted.
    public var pages: [String] = []
    /// Every file of the content folder (for link and image checks).
    public var files: [String] = []
    /// The redirections of `.openpublishing.redirection.json`.
    public var redirections: [Redirection] = []
    /// Each docset's table of contents, in the order of `docsets`.
    public var tocs: [[TOCNode]] = []
    /// Each docset's breadcrumb entries, in the order of `docsets` (empty when it has none).
    public var breadcrumbs: [[BreadcrumbNode]] = []
    /// Markdown files that are not pages (includes), by content path.
    public var otherMarkdown: [String: [UInt8]] = [:]
    /// Pages left out because another page already has their output path (DG303), one diagnostic each.
    public var conflicts: [Diagnostic] = []
    /// `diglot.yml`'s `reportURL`: the template of each sentence's "report a translation problem" link (`ReportLink`).
    public var reportURL: String? = nil

    public init() {}

    /// Every docset's content pages among the content folder's `files`; a page claimed by one docset
    /// is not taken by another. Two pages whose output paths are the same (two docsets with one
    /// `dest`, `x.md` beside `x.yml`) cannot both be written: the first in docset order, then path
    /// order, is built and the other is reported (DG303, naming both) and left out.
    public init(docsets: [Docset], files: [String]) {
        self.docsets = docsets
        self.files = files
        var taken: [String: String] = [:]
        for (index, docset) in docsets.enumerated() {
            for (content, output) in docset.pages(among: files) where routes[content] == nil {
                let html = LinkResolver.outputPath(of: output)
                if let first = taken[html] {
                    conflicts.append(Diagnostic(file: content, location: SourceLocation(line: 1, column: 1), code: .outputPathConflict, stage: .load,
                                                message: "the page would be written to \(html), where \(first) is written: it is left out"))
                    continue
                }
                taken[html] = content
                routes[content] = output
                docsetOfPage[content] = index
                pages.append(content)
            }
        }
        pages.sort()
    }

    func docset(of path: String) -> Docset? { docsetOfPage[path].map { docsets[$0] } }
}
