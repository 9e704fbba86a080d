import Foundation

/// One entry of `.openpublishing.redirection.json`: an old page and where it went.
public struct Redirection: Sendable, Equatable {
    /// The old page's path in the content (`partner-center/old-page.md`).
    public var source: String
    /// An absolute URL, or a path on the docs site (`/partner-center/new-page`).
    public var url: String

    public init(source: String, url: String) {
        self.source = source
        self.url = url
    }

    public static let fileName = ContentFolder.redirectionsName

    /// Reads the redirection file; a file that cannot be read is one diagnostic.
    public static func parse(_ text: String) -> ([Redirection], [Diagnostic]) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let entries = object["redirections"] as? [[String: Any]] else {
            return ([], [Diagnostic(file: fileName, location: SourceLocation(line: 1, column: 1), code: .docsetConfig, stage: .load,
                                    message: "\(fileName) is not a JSON object with a redirections list")])
        }
        var result: [Redirection] = []
        var diagnostics: [Diagnostic] = []
        var positions = JSONPositions(text)
        for (index, entry) in entries.enumerated() {
            guard let source = entry["source_path"] as? String, let url = entry["redirect_url"] as? String, !source.isEmpty, !url.isEmpty else {
                diagnostics.append(Diagnostic(file: fileName, location: SourceLocation(line: 1, column: 1), code: .docsetConfig, stage: .load,
                                              message: "redirection \(index + 1) lacks source_path or redirect_url"))
                continue
            }
            // A redirect to `javascript:` would run as the page's meta refresh and its link: left out.
            if let scheme = URLSafety.unsafeScheme(url) {
                diagnostics.append(Diagnostic(file: fileName, location: positions.of(url, key: "redirect_url"), code: .unsafeURL, stage: .load,
                                              message: "the redirection from \(source) to \"\(ActiveContent.shown(url))\" (\(scheme)) is not written"))
                continue
            }
            // The source path becomes the redirect page's place in the output: it must stay inside.
            do {
                result.append(Redirection(source: try OutputPath.normalize(source), url: url))
            } catch {
                diagnostics.append(Diagnostic(file: fileName, location: positions.of(source, key: "source_path"), code: .outputPathOutside,
                                              stage: .load, message: "the source_path \(source) of redirection \(index + 1) is refused: \(error)"))
            }
        }
        return (result, diagnostics)
    }
}

/// The redirect pages: at each old page's place, in each view, a page that sends the reader on
/// (`assets/redirect.js`, which keeps the reader's `#anchor`; a meta refresh inside `<noscript>`
/// without script; a canonical link and a visible link). A path on the docs site that is a page of this
/// build leads to that page in the same view; another one leads to Microsoft's docs site in the
/// view's language.
enum RedirectPages {
    static let docsSite = "https://docs.microsoft.com"

    /// A redirect page as the resolve stage leaves it: where it is written and where it sends the
    /// reader, in one view.
    struct Resolved: Sendable {
        var path: String
        var target: String
        var language: String
        var from: String
        /// The target's output path when it is a page of this build (`es-es/guide/start.html`, no
        /// `#anchor`): the canonical link is the site's address and this when the address is known.
        var sitePath: String? = nil
    }

    /// The resolve stage's part: each redirection's place and target in each view. A redirection whose
    /// place holds a page of the build is not kept (DG601); of redirections to one place, the first.
    static func resolve(_ redirections: [Redirection], layout: SiteLayout) -> ([Resolved], [Diagnostic]) {
        // Pages of the build by their path on the site, without extension: `partner-center/x`.
        var bySitePath: [String: String] = [:]
        for (content, output) in layout.routes {
            bySitePath[sitePath(output)] = content
        }
        var resolved: [Resolved] = []
        var diagnostics: [Diagnostic] = []
        var written = Set<String>()
        for redirection in redirections {
            guard let oldPath = outputPath(of: redirection.source, layout: layout) else { continue }
            if bySitePath[sitePath(oldPath)] != nil {
                diagnostics.append(Diagnostic(file: Redirection.fileName, location: SourceLocation(line: 1, column: 1), code: .brokenLink, stage: .resolve,
                                              message: "the redirection from \(redirection.source) is not written: a page of the build is there"))
                continue
            }
            for view in layout.views {
                let path = layout.folder(of: view) + "/" + LinkResolver.outputPath(of: oldPath)
                guard written.insert(path.lowercased()).inserted else { continue }
                let root = LinkResolver.rootPrefix(from: path)
                let language = view == .source ? layout.sourceLocale : layout.targetLocale
                let target: String
                var targetPath: String?
                if redirection.url.hasPrefix("/") && !redirection.url.hasPrefix("//") {
                    let (sitePath, fragment) = split(redirection.url)
                    let key = Docset.trimSlashes(sitePath).lowercased().replacingOccurrences(of: ".md", with: "")
                    if let page = bySitePath[key] {
                        targetPath = layout.path(of: page, in: view)
                        target = root + layout.path(of: page, in: view) + fragment
                    } else {
                        target = docsSite + "/" + language.lowercased() + sitePath + fragment
                    }
                } else {
                    target = URLSafety.safe(redirection.url)  // `parse` left unsafe ones out already
                }
                resolved.append(Resolved(path: path, target: target, language: language, from: redirection.source, sitePath: targetPath))
            }
        }
        return (resolved, diagnostics)
    }

    /// The render stage's part: each redirect page through the `redirect` template. With the site's
    /// address (`baseURL`), the canonical link of a redirect to a page of the build is absolute
    /// (the address and the page's path, without the `#anchor`); without it, it is the target as the
    /// refresh and the link name it.
    static func files(_ redirects: [Resolved], templates: TemplateSet, baseURL: String? = nil) -> [OutputFile] {
        let base = baseURL.map(Sitemap.base)
        var stringsByLanguage: [String: InterfaceStrings] = [:]
        return redirects.map { redirect in
            let strings = stringsByLanguage[redirect.language] ?? templates.strings(for: redirect.language)
            stringsByLanguage[redirect.language] = strings
            // Mustache runs once per language; each redirect fills in its values (see TemplateSet.renderPage).
            let shared: [String: Any] = ["strings": strings.templateValues]
            var values = ["lang": redirect.language, "target": redirect.target, "root": LinkResolver.rootPrefix(from: redirect.path), "from": redirect.from,
                          "canonical": redirect.target]
            if let base, let sitePath = redirect.sitePath { values["canonical"] = base + sitePath }
            if LanguageTag.isRightToLeft(redirect.language) { values["dir"] = "rtl" }
            return OutputFile(path: redirect.path, bytes: templates.renderPage("redirect", shared: shared, sharedKey: redirect.language, values: values, content: []) ?? [])
        }
    }

    /// Where a content path lands in each view: its docset's output folder, then its path in the docset.
    static func outputPath(of source: String, layout: SiteLayout) -> String? {
        let docset = layout.docsets.filter { !$0.source.isEmpty && $0.relative(source) != nil }.max { $0.source.count < $1.source.count }
            ?? layout.docsets.first { $0.source.isEmpty }
        guard let docset, let inDocset = docset.relative(source) else { return source }
        return [docset.destination, inDocset].filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// A page's path on the site, without extension and in lower case: `partner-center/index.yml` → `partner-center/index`.
    private static func sitePath(_ path: String) -> String {
        String(LinkResolver.outputPath(of: path).dropLast(".html".count)).lowercased()
    }

    private static func split(_ url: String) -> (String, String) {
        guard let hash = url.firstIndex(of: "#") else { return (url, "") }
        return (String(url[..<hash]), String(url[hash...]))
    }
}
