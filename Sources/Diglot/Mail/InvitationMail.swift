import Foundation

/// `diglot mail`: one draft for one partner and customer, from the content folder and the templates.
public enum InvitationMail {
    /// Reads `invitations.yml` and its page, builds the cloud catalog and renders the draft.
    /// Throws an `InvitationError` for a bad request, a `Diagnostic` for a bad config or page.
    public static func draft(_ request: InvitationRequest, content: URL, templates: URL) throws -> InvitationDraft {
        try draft(request, content: content, templates: TemplateSources(folders: [templates]))
    }

    /// The same, with the email templates looked up file by file (`TemplateSources`).
    public static func draft(_ request: InvitationRequest, content: URL, templates: TemplateSources) throws -> InvitationDraft {
        let configURL = content.appendingPathComponent(InvitationConfig.fileName)
        let (text, problems) = ContentFolder.text(InvitationConfig.fileName, in: content)
        if let problem = problems.first(where: { $0.severity == .error && $0.code != .unreadableFile }) { throw problem }
        guard let yaml = text else {
            throw Diagnostic(file: configURL.path, location: SourceLocation(line: 1, column: 1), code: .invitationConfig, stage: .load,
                             message: "cannot read \(InvitationConfig.fileName): the content folder must hold it")
        }
        let config = try InvitationConfig.parse(yaml, file: configURL.path).get()
        let page = PageParser.parse(try ContentLoader.read(config.page, in: content).get())
        let (catalog, diagnostics) = CloudCatalog.make(config: config, page: page.page, pageLocale: page.page.metadata.locale.flatMap(SiteLayout.usableLocale) ?? "en-US",
                                                      configFile: configURL.path)
        if let problem = diagnostics.first(where: { $0.severity == .error }) { throw problem }
        guard let catalog else { throw diagnostics.first! }
        let emails = try EmailTemplates.load(from: templates.files())
        return try emails.draft(request, catalog: catalog)
    }
}
