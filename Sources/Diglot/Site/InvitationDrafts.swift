import Foundation

/// What a build needs to write invitation drafts: `invitations.yml` from the content folder and the
/// email templates. Read at the edge; the rest works on these values.
public struct InvitationSetup: Sendable {
    public var configYAML: String
    public var emailTemplates: EmailTemplates

    public init(configYAML: String, emailTemplates: EmailTemplates) {
        self.configYAML = configYAML
        self.emailTemplates = emailTemplates
    }
}

/// One draft of the build, as the site lists it.
struct DraftEntry: Sendable {
    var draft: InvitationDraft
    var cloudName: String
    var portal: String
    /// The folder of its files, relative to the output: `mail/public/es-es/dap`.
    var folder: String

    var id: String { folder.replacingOccurrences(of: "/", with: "-") }
}

/// The invitation drafts of a build: every cloud × locale × allowed DAP variant, each as
/// `invitation.txt`, `invitation.html` and `invitation.eml` under `mail/`, with the placeholders
/// PARTNER_NAME, PARTNER_ID and MSPP_ID left in. A cloud with no invitation URL gets its drafts too,
/// with the marked placeholder INVITATION_LINK where the link goes, listed as needing the link.
struct InvitationDrafts: Sendable {
    var entries: [DraftEntry] = []
    var catalog: CloudCatalog?
    var diagnostics: [Diagnostic] = []

    init(setup: InvitationSetup, pages: [Page], targetLocale: String, sourceLocale: String) {
        let config: InvitationConfig
        switch InvitationConfig.parse(setup.configYAML) {
        case .success(let read): config = read
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return
        }
        guard let page = pages.first(where: { $0.path == config.page }) else {
            diagnostics.append(Diagnostic(file: InvitationConfig.fileName, location: SourceLocation(line: 1, column: 1), code: .invitationConfig,
                                          stage: .resolve, message: "page: \(config.page) is not in the content folder"))
            return
        }
        let (made, found) = CloudCatalog.make(config: config, page: page, pageLocale: page.metadata.locale.flatMap(LanguageTag.usableLocale) ?? targetLocale,
                                              sourceLocale: sourceLocale)
        diagnostics += found
        guard var catalog = made else { return }
        // A language with no email strings would get English text under its name: no drafts in it.
        for locale in catalog.locales where !setup.emailTemplates.speaks(locale) {
            diagnostics.append(Diagnostic(file: "email/strings/\(locale).yml", location: SourceLocation(line: 1, column: 1), code: .stringsMissing, stage: .render,
                                          message: "no email strings for \(locale): no invitation drafts in it (add the file to write them)"))
        }
        catalog.locales = catalog.locales.filter(setup.emailTemplates.speaks)
        self.catalog = catalog
        for cloud in catalog.clouds {
            for locale in catalog.locales {
                for dap in cloud.dapVariants {
                    let request = InvitationRequest.template(cloud: cloud.id, locale: locale, dap: dap)
                    do {
                        let draft = try setup.emailTemplates.draft(request, catalog: catalog, placeholders: true)
                        entries.append(DraftEntry(draft: draft, cloudName: cloud.names[locale] ?? cloud.id, portal: cloud.portals[locale] ?? "",
                                                  folder: "mail/\(cloud.id)/\(locale.lowercased())/\(dap ? "dap" : "no-dap")"))
                    } catch {
                        diagnostics.append(Diagnostic(file: InvitationConfig.fileName, location: SourceLocation(line: 1, column: 1), code: .invitationConfig,
                                                      stage: .render, message: "cloud \(cloud.id), \(locale): \(error)"))
                    }
                }
            }
        }
    }

    /// The draft files. A draft with the link placeholder has no `.eml` (nor, on its page, a mailto:
    /// button): those are ready to send, and `diglot mail` refuses them (DG405); its `.txt` and
    /// `.html` are there to edit.
    var files: [OutputFile] {
        entries.flatMap { entry in
            Self.names(entry).map { name in
                let path = entry.folder + "/" + name
                switch name {
                case "invitation.txt": return OutputFile(path: path, text: entry.draft.text)
                case "invitation.html": return OutputFile(path: path, text: entry.draft.html)
                default: return OutputFile(path: path, bytes: entry.draft.eml)
                }
            }
        }
    }

    /// The paths of `files`, for the publish plan (made before the drafts are rendered).
    var paths: [String] {
        entries.flatMap { entry in Self.names(entry).map { entry.folder + "/" + $0 } }
    }

    /// The files of one draft: no `.eml` for one with the link placeholder.
    private static func names(_ entry: DraftEntry) -> [String] {
        entry.draft.needsLink ? ["invitation.txt", "invitation.html"] : ["invitation.txt", "invitation.html", "invitation.eml"]
    }

    /// The drafts in one locale, as template values for a page at `root` (`../`). Locales compare in
    /// any letter case (RFC 5646 §2.1.1): a page's `ms.contentlocale: ko-kr` lists the ko-KR drafts.
    func listing(locale: String, root: String, strings: InterfaceStrings) -> [[String: Any]] {
        entries.filter { $0.draft.request.locale.lowercased() == locale.lowercased() }.map { entry in
            [
                "id": entry.id,
                "locale": locale,
                "languageName": LanguageTag.nativeName(of: locale),
                "cloudName": entry.cloudName,
                "portal": entry.portal,
                "dapLabel": (entry.draft.request.dap ? strings["withDAP"] : strings["withoutDAP"]) ?? "",
                "mailto": entry.draft.mailto,
                "tooLong": entry.draft.mailtoIsTooLong,
                "needsLink": entry.draft.needsLink,
                "text": entry.draft.text,
                "eml": root + entry.folder + "/invitation.eml",
                "txt": root + entry.folder + "/invitation.txt",
                "html": root + entry.folder + "/invitation.html",
            ]
        }
    }

    /// `mail/index.html`: every draft.
    func index(templates: TemplateSet, locale: String) -> OutputFile? {
        let strings = templates.strings(for: locale)
        let drafts = (catalog?.locales ?? []).flatMap { draftLocale in
            listing(locale: draftLocale, root: "../", strings: templates.strings(for: draftLocale)).map {
                $0.merging(["localeDir": LanguageTag.dirValue(draftLocale, inPageOf: locale) ?? false]) { a, _ in a }
            }
        }
        let context: [String: Any] = ["lang": locale, "dir": LanguageTag.isRightToLeft(locale) ? "rtl" : false, "strings": strings.templateValues, "drafts": drafts]
        guard let html = templates.render(context, template: "mail-index") else { return nil }
        return OutputFile(path: "mail/index.html", text: html)
    }
}
