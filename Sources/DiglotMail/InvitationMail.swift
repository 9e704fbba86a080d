import DiglotContent
import DiglotModel
import DiglotParse
import DiglotTemplates
import Foundation

/// `--invitation-url` as given, each value `URL` or `CLOUD=URL` (repeatable). `diglot mail` renders
/// one draft for one `--cloud`, so a bare URL is that cloud's link; `CLOUD=URL` names the cloud, so
/// that a script can pass every cloud's link to every run (the entry of the draft's cloud is used).
public struct InvitationLinks: Sendable, Equatable {
    /// The link given without a cloud.
    public var bare: String?
    /// The links given as `CLOUD=URL`.
    public var byCloud: [String: String] = [:]

    public init() {}

    /// Reads the values; throws on a value that is not an https URL (`InvitationRequest.isInvitationURL`),
    /// one with a control, invisible or text-direction character, or two links for one cloud.
    public init(_ values: [String]) throws {
        for value in values {
            if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
                throw InvitationError.controlCharacter(field: "--invitation-url")
            }
            if let scalar = value.unicodeScalars.first(where: InvitationRequest.isInvisible) {
                throw InvitationError.invisibleCharacter(field: "--invitation-url", scalar: scalar.value)
            }
            var cloud: String?
            var url = value
            // A URL starts with its scheme; anything else before an `=` is a cloud's id (a-z, 0-9, -).
            if !value.lowercased().hasPrefix("https://"), let equals = value.firstIndex(of: "=") {
                let id = String(value[..<equals])
                if !id.isEmpty, id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) {
                    cloud = id
                    url = String(value[value.index(after: equals)...])
                }
            }
            guard InvitationRequest.isInvitationURL(url) else { throw InvitationError.invalidInvitationURL(url) }
            if let cloud {
                guard byCloud[cloud] == nil else { throw InvitationError.repeatedInvitationURL(cloud: cloud) }
                byCloud[cloud] = url
            } else {
                guard bare == nil else { throw InvitationError.repeatedInvitationURL(cloud: nil) }
                bare = url
            }
        }
    }

    /// The link for `cloud`: its own, or the bare one.
    public func link(for cloud: String) -> String? { byCloud[cloud] ?? bare }
}

/// `diglot mail`: one draft for one partner and customer, from the content folder and the templates.
public enum InvitationMail {
    /// Reads `invitations.yml` and its page, builds the cloud catalog and renders the draft.
    /// Throws an `InvitationError` for a bad request, a `Diagnostic` for a bad config or page.
    ///
    /// A cloud with no `invitationURL` and no link in `links` gives a draft with the placeholder
    /// (`InvitationDraft.needsLink`). A ready-to-send draft (`readyToSend`: a `.eml`, which mail apps
    /// open as a draft to send, or a `mailto:` URL, which opens one) is then refused with DG405 at the
    /// cloud's entry in the config; otherwise (the `.txt` or `.html` to edit) the draft comes with a
    /// DG404 warning that it carries the placeholder.
    public static func draft(_ request: InvitationRequest, content: URL, templates: URL, links: InvitationLinks = InvitationLinks(),
                             readyToSend: Bool = true) throws -> (draft: InvitationDraft, warnings: [Diagnostic]) {
        try draft(request, content: content, templates: TemplateSources(folders: [templates]), links: links, readyToSend: readyToSend)
    }

    /// The same, with the email templates looked up file by file (`TemplateSources`).
    public static func draft(_ request: InvitationRequest, content: URL, templates: TemplateSources, links: InvitationLinks = InvitationLinks(),
                             readyToSend: Bool = true) throws -> (draft: InvitationDraft, warnings: [Diagnostic]) {
        let configURL = content.appendingPathComponent(InvitationConfig.fileName)
        let (text, problems) = ContentFolder.text(InvitationConfig.fileName, in: content)
        if let problem = problems.first(where: { $0.severity == .error && $0.code != .unreadableFile }) { throw problem }
        guard let yaml = text else {
            throw Diagnostic(file: configURL.path, location: SourceLocation(line: 1, column: 1), code: .invitationConfig, stage: .load,
                             message: "cannot read \(InvitationConfig.fileName): the content folder must hold it")
        }
        let config = try InvitationConfig.parse(yaml, file: configURL.path).get()
        let page = PageParser.parse(try ContentFolder.read(config.page, in: content).get())
        let (catalog, diagnostics) = CloudCatalog.make(config: config, page: page.page, pageLocale: page.page.metadata.locale.flatMap(LanguageTag.usableLocale) ?? "en-US",
                                                      configFile: configURL.path)
        if let problem = diagnostics.first(where: { $0.severity == .error }) { throw problem }
        guard let catalog else { throw diagnostics.first! }
        if let unknown = links.byCloud.keys.sorted().first(where: { catalog.cloud($0) == nil }) {
            throw InvitationError.unknownCloud(unknown, known: catalog.clouds.map(\.id))
        }
        var request = request
        if request.invitationURL == nil { request.invitationURL = links.link(for: request.cloud) }
        let emails = try EmailTemplates.load(from: templates.files())
        let draft = try emails.draft(request, catalog: catalog)
        guard draft.needsLink else { return (draft, []) }
        let location = config.clouds.first { $0.id == request.cloud }?.location ?? SourceLocation(line: 1, column: 1)
        let cloud = request.cloud
        if readyToSend {
            throw Diagnostic(file: configURL.path, location: location, code: .invitationLinkNeeded, stage: .render,
                             message: "cloud \(cloud) has no invitationURL and no --invitation-url was given: a .eml or mailto: draft is ready to send, and this one "
                                + "would carry the placeholder \(InvitationRequest.placeholderLink); give --invitation-url URL, the link from Partner Center "
                                + "(Customers, then Request a reseller relationship: the draft email message on the next page holds it), "
                                + "or write the draft to edit with --format txt or html")
        }
        let warning = Diagnostic(file: configURL.path, location: location, code: .invitationURLMissing, stage: .render,
                                 message: "cloud \(cloud) has no invitationURL and no --invitation-url was given: the draft carries the placeholder "
                                    + "\(InvitationRequest.placeholderLink); replace it with the link from Partner Center before you send it")
        return (draft, [warning])
    }
}
