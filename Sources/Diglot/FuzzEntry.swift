import Foundation

/// One entry point per kind of input a content folder hands Diglot, for the libFuzzer target
/// `diglot-fuzz` (`make fuzz`). Each takes arbitrary bytes and runs the code that reads that kind of
/// file; none may crash, hang or exhaust memory on any input. Bytes that are not UTF-8 are decoded with
/// U+FFFD, as the loaders' callers would refuse them earlier.
public enum FuzzEntry {
    public enum Kind: String, CaseIterable, Sendable {
        /// A markdown page, parsed, resolved (includes: it is also `includes/a.md`) and rendered.
        case page
        /// A YAML page (`### YamlMime:Landing` or `FAQ`), parsed and rendered.
        case yamlPage = "yaml-page"
        /// A `toc.yml`.
        case toc
        /// A docset's `docfx.json`.
        case docfx
        /// `.openpublishing.publish.config.json`.
        case publishConfig = "publish-config"
        /// `.openpublishing.redirection.json`, parsed and its redirect pages rendered.
        case redirection
        /// `invitations.yml`, read and its drafts made from the sample page.
        case invitations
        /// `diglot.yml`.
        case qaConfig = "qa-config"
        /// A content folder's `Templates/page.mustache` (as untrusted as a page): checked by
        /// `TemplateRules`, compiled, and a page rendered through it.
        case template
    }

    /// What the kinds need besides the input: the project's templates (for rendering) and the sample
    /// page the invitation drafts are made from. Loaded once by the fuzz target.
    public struct Setup: Sendable {
        public var templates: TemplateSet
        public var emailTemplates: EmailTemplates?
        /// The page `invitations.yml` names (parsed once).
        public var samplePage: Page?

        /// Reads `templates` (a folder like the project's `Templates`) and the page at `samplePage`.
        public init(templates: URL, samplePage: URL?) throws {
            self.templates = try TemplateSet.load(from: templates)
            self.emailTemplates = try? EmailTemplates.load(from: templates.appendingPathComponent("email"))
            self.samplePage = samplePage.flatMap { url in
                (try? Data(contentsOf: url)).map { PageParser.parse(SourceFile(path: url.lastPathComponent, bytes: Array($0))).page }
            }
        }
    }

    /// Runs one input through the code of `kind`; returns the number of diagnostics (so nothing is optimised away).
    @discardableResult
    public static func run(_ kind: Kind, _ bytes: [UInt8], setup: Setup) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        switch kind {
        case .page, .yamlPage:
            let path = kind == .page ? "x.md" : "x.yml"
            var site = SiteStructure()
            site.otherMarkdown = ["includes/a.md": bytes]
            return SiteBuilder.render([SourceFile(path: path, bytes: bytes)], templates: setup.templates, site: site).diagnostics.count
        case .toc:
            return TOCLoader.load(folder: "", files: ["toc.yml", "a.md", "sub/toc.yml"]) { $0 == "toc.yml" || $0 == "sub/toc.yml" ? text : nil }.1.count
        case .docfx:
            let (docsets, diagnostics) = DocsetLoader.docsets(files: ["docs/docfx.json", "docs/a.md", "docs/sub/b.md", "docs/media/c.png"]) {
                $0 == "docs/docfx.json" ? text : nil
            }
            let site = SiteStructure(docsets: docsets, files: ["docs/docfx.json", "docs/a.md", "docs/sub/b.md", "docs/media/c.png"])
            return diagnostics.count + site.pages.count + docsets.reduce(0) { $0 + $1.resources(among: site.files).count }
        case .publishConfig:
            let files = [DocsetLoader.publishConfig, "docs/docfx.json", "docs/a.md", "other/docfx.json", "other/b.md"]
            return DocsetLoader.docsets(files: files) { path in
                path == DocsetLoader.publishConfig ? text : path.hasSuffix("docfx.json") ? #"{"build":{"content":[{"files":["**/*.md"]}]}}"# : nil
            }.1.count
        case .redirection:
            let (redirections, diagnostics) = Redirection.parse(text)
            let layout = SiteLayout(targetLocale: "es-ES", docsets: [Docset(name: "docs", source: "", destination: "")], docsetOfPage: ["a.md": 0], routes: ["a.md": "a.html"])
            let (resolved, more) = RedirectPages.resolve(redirections, layout: layout)
            let files = RedirectPages.files(resolved, templates: setup.templates)
            return diagnostics.count + files.count + more.count
        case .invitations:
            guard let emailTemplates = setup.emailTemplates, let sample = setup.samplePage else {
                if case .failure = InvitationConfig.parse(text) { return 1 }
                return 0
            }
            let drafts = InvitationDrafts(setup: InvitationSetup(configYAML: text, emailTemplates: emailTemplates), pages: [sample],
                                          targetLocale: "es-ES", sourceLocale: "en-US")
            return drafts.entries.count + drafts.diagnostics.count
        case .qaConfig:
            return QAConfig.parse(text).1.count
        case .template:
            guard let templates = try? TemplateSet(templates: ["page": text, "index": text, "partial": text],
                                                   strings: ["en-US.yml": "en-US:\n  title: T\n"]) else { return 1 }
            let page = "---\ntitle: T\n---\n# <span data-ttu-id=\"1\">Título</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Title</span></span>\n"
            return SiteBuilder.render([SourceFile(path: "x.md", bytes: Array(page.utf8))], templates: templates, site: SiteStructure()).diagnostics.count
        }
    }
}
