import DiglotModel
import DiglotTemplates
import Foundation
import Mustache
import Yams

/// What one invitation draft is for.
public struct InvitationRequest: Sendable, Equatable {
    public var cloud: String
    public var locale: String
    public var partnerName: String
    public var partnerId: String
    /// The partner's MSPP id; 0 for a direct partner.
    public var msppId: String
    /// Whether the invitation asks for delegated administration privileges.
    public var dap: Bool
    public var to: String?
    /// The invitation link the partner copied from Partner Center (`diglot mail --invitation-url`):
    /// it wins over the cloud's `invitationURL` template, and fills the placeholder of a cloud that
    /// has none. `{partnerId}`, `{msppId}` and `{dap}` in it are filled in as in the template.
    public var invitationURL: String?

    public init(cloud: String, locale: String, partnerName: String, partnerId: String, msppId: String = "0", dap: Bool, to: String? = nil,
                invitationURL: String? = nil) {
        self.cloud = cloud
        self.locale = locale
        self.partnerName = partnerName
        self.partnerId = partnerId
        self.msppId = msppId
        self.dap = dap
        self.to = to
        self.invitationURL = invitationURL
    }

    /// The placeholders the drafts of `diglot build` leave in, for the partner to replace.
    public static let placeholderName = "PARTNER_NAME"
    public static let placeholderID = "PARTNER_ID"
    public static let placeholderMSPP = "MSPP_ID"
    /// What every draft of a cloud with no invitation URL carries where the link goes, inside the
    /// marked text of the email strings' `linkPlaceholder` ("[INVITATION_LINK — replace this text with
    /// your invitation link from Partner Center: …]"). Not a URL and nothing a mail client links.
    public static let placeholderLink = "INVITATION_LINK"

    /// A draft with the placeholders left in.
    public static func template(cloud: String, locale: String, dap: Bool) -> InvitationRequest {
        InvitationRequest(cloud: cloud, locale: locale, partnerName: placeholderName, partnerId: placeholderID, msppId: placeholderMSPP, dap: dap)
    }

    /// What can be wrong with the values themselves, whatever the clouds: the first problem, or nil.
    /// Every value is refused with a control character or a line or paragraph separator
    /// (`.controlCharacter`), or with an invisible or text-direction character (`.invisibleCharacter`,
    /// see `isInvisible`); then the partner name must not be blank, the ids must be a GUID and digits,
    /// and `to` an address.
    public func valueProblem(placeholders: Bool = false) -> InvitationError? {
        let fields = [("--partner-name", partnerName), ("--partner-id", partnerId), ("--mspp-id", msppId),
                      ("--cloud", cloud), ("--locale", locale), ("--to", to ?? ""), ("--invitation-url", invitationURL ?? "")]
        for (field, value) in fields
        where value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            return .controlCharacter(field: field)
        }
        for (field, value) in fields {
            if let scalar = value.unicodeScalars.first(where: Self.isInvisible) { return .invisibleCharacter(field: field, scalar: scalar.value) }
        }
        if partnerName.trimmingCharacters(in: .whitespaces).isEmpty { return .emptyPartnerName }
        if !placeholders {
            guard Self.isGUID(partnerId) else { return .invalidPartnerID(partnerId) }
            guard !msppId.isEmpty, msppId.utf8.count <= 12, msppId.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .invalidMSPPID(msppId) }
        }
        if let to, !Self.isAddress(to) { return .invalidAddress(to) }
        if let invitationURL, !Self.isInvitationURL(invitationURL) { return .invalidInvitationURL(invitationURL) }
        return nil
    }

    /// An https URL with a host, nothing in it that ends a link in plain text (a space, `<`, `>`, `"`),
    /// not the placeholder (`INVITATION_LINK` inside), and at most 2,048 characters; `{partnerId}`, `{msppId}` and `{dap}` may stand in it.
    public static func isInvitationURL(_ url: String) -> Bool {
        guard url.utf8.count <= 2048, url.lowercased().hasPrefix("https://"),
              !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || "<>\"\\^`|".unicodeScalars.contains($0) }) else { return false }
        let filled = url.replacingOccurrences(of: "{partnerId}", with: "x").replacingOccurrences(of: "{msppId}", with: "0").replacingOccurrences(of: "{dap}", with: "true")
        guard let components = URLComponents(string: filled), let host = components.host, !host.isEmpty else { return false }
        return !url.contains(placeholderLink)  // the placeholder is never a link
    }

    /// Checks a request against the clouds; the first problem found, or nil.
    public func validate(against catalog: CloudCatalog, placeholders: Bool = false) -> InvitationError? {
        if let problem = valueProblem(placeholders: placeholders) { return problem }
        guard let cloud = catalog.cloud(self.cloud) else { return .unknownCloud(self.cloud, known: catalog.clouds.map(\.id)) }
        guard catalog.locales.contains(locale) else { return .unknownLocale(locale, known: catalog.locales) }
        if !dap && !cloud.allowsNoDAP { return .noDAPNotAllowed(cloud: cloud.id) }
        // No URL at all is no error here: the draft carries the placeholder (`InvitationDraft.needsLink`),
        // and `diglot mail` refuses to write it as a ready-to-send draft (DG405).
        if let url = invitationURL ?? cloud.invitationURL, !url.lowercased().hasPrefix("https://") { return .urlNotHTTPS(cloud: cloud.id, url: url) }
        return nil
    }

    /// A character that is not seen but changes what is: Unicode general category Cf (format: zero
    /// width space U+200B, joiners U+200C/U+200D, soft hyphen U+00AD, byte order mark U+FEFF…), which
    /// holds the bidirectional controls of UAX #9 (embeddings and overrides U+202A–U+202E, isolates
    /// U+2066–U+2069, marks U+200E, U+200F and U+061C), named here as well so that the rule does not
    /// hang on the category alone. A name with U+202E shows its end reversed in the customer's mail.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return scalar.properties.generalCategory == .format
        }
    }

    /// 8-4-4-4-12 hexadecimal digits, as Partner Center shows a partner id.
    public static func isGUID(_ s: String) -> Bool {
        let groups = s.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// An addr-spec of RFC 5322 in its common form: `local@domain.tld`, no spaces, quotes or brackets.
    public static func isAddress(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, !parts[1].isEmpty, s.count <= 254 else { return false }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
        guard parts[0].allSatisfy({ localAllowed.contains($0) }), !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..") else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        }
    }
}

/// Why a draft cannot be made. Each message names what to change.
public enum InvitationError: Error, Equatable, CustomStringConvertible {
    case invalidPartnerID(String)
    case invalidMSPPID(String)
    case noDAPNotAllowed(cloud: String)
    case unknownCloud(String, known: [String])
    case unknownLocale(String, known: [String])
    case controlCharacter(field: String)
    /// An invisible or text-direction character (`InvitationRequest.isInvisible`): the field and the scalar's value.
    case invisibleCharacter(field: String, scalar: UInt32)
    case emptyPartnerName
    case invalidAddress(String)
    case urlNotHTTPS(cloud: String, url: String)
    /// A `--invitation-url` that is not an https URL with a host (`InvitationRequest.isInvitationURL`).
    case invalidInvitationURL(String)
    /// `--invitation-url CLOUD=URL` twice for one cloud, or two bare URLs.
    case repeatedInvitationURL(cloud: String?)
    /// No email strings file of the locale's language: its draft would be English text declared in
    /// another language.
    case noEmailStrings(String)

    /// The error on one line: a line break in a value (a cloud's id from the config) becomes a space.
    public var description: String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private var text: String {
        switch self {
        case .invalidPartnerID(let id): return "error: the partner id '\(id)' is not a GUID (8-4-4-4-12 hexadecimal digits, as Partner Center shows it)"
        case .invalidMSPPID(let id): return "error: the MSPP id '\(id)' is not a number (use 0 for a direct partner)"
        case .noDAPNotAllowed(let cloud): return "error: --no-dap is not available for cloud \(cloud): partners in it cannot leave out delegated administration privileges"
        case .unknownCloud(let id, let known): return "error: unknown cloud '\(id)'; the clouds are \(known.joined(separator: ", "))"
        case .unknownLocale(let locale, let known): return "error: no drafts in locale '\(locale)'; the locales are \(known.joined(separator: ", "))"
        case .controlCharacter(let field): return "error: \(field) holds a line break or another control character"
        case .invisibleCharacter(let field, let scalar):
            return "error: \(field) holds an invisible or text-direction character (U+\(String(format: "%04X", scalar))), which would hide or reorder what the customer reads"
        case .emptyPartnerName: return "error: the partner name is empty"
        case .invalidAddress(let to): return "error: '\(to)' is not an email address"
        case .urlNotHTTPS(let cloud, let url): return "error: the invitation URL of cloud \(cloud) is not https: \(url)"
        case .invalidInvitationURL(let url): return "error: --invitation-url '\(url)' is not an invitation link: give the https URL from Partner Center, or CLOUD=URL"
        case .repeatedInvitationURL(let cloud?): return "error: --invitation-url gives cloud \(cloud) two links"
        case .repeatedInvitationURL(nil): return "error: --invitation-url gives two links without a cloud; name each one's cloud: --invitation-url CLOUD=URL"
        case .noEmailStrings(let locale): return "error: no email strings for \(locale): add Templates/email/strings/\(locale).yml (a draft in it would be in English)"
        }
    }
}

/// One rendered invitation.
public struct InvitationDraft: Sendable {
    public var request: InvitationRequest
    public var link: String
    public var subject: String
    public var text: String
    public var html: String
    /// Whether `link` is the placeholder (`InvitationRequest.placeholderLink`): the cloud has no
    /// invitation URL and none was given. Such a draft is for the partner to edit, not to send.
    public var needsLink: Bool = false

    public var eml: [UInt8] {
        MIMEMessage(to: request.to, subject: subject, language: request.locale, text: text, html: html).bytes
    }

    public var mailto: String { MIMEEncoding.mailto(to: request.to, subject: subject, body: text) }

    public var mailtoIsTooLong: Bool { mailto.count > MIMEEncoding.mailtoLimit }
}

/// The email templates (`Templates/email`): `subject`, `invitation.txt` and `invitation.html`, and
/// `strings/<locale>.yml` (the layout and fallback of the site's strings, `InterfaceStringTables`),
/// whose strings are themselves Mustache templates rendered with the draft's values.
public struct EmailTemplates: Sendable {
    public static let required = ["subject", "invitation.txt", "invitation.html"]

    let library: MustacheLibrary
    let strings: InterfaceStringTables
    /// Each table's strings compiled once, by locale then key (a draft takes them along `chain(for:)`).
    private let compiled: [String: [String: MustacheTemplate]]

    /// `strings`: the YAML text of each strings file by its name (`en-US.yml`). Throws
    /// `templateInvalid` for a template or string that is not valid Mustache.
    public init(templates: [String: String], strings files: [String: String]) throws {
        var library = MustacheLibrary()
        for name in Self.required where templates[name] == nil {
            throw DiglotError.templatesMissing("Templates/email", name)
        }
        try TemplateRules.check(templates, prefix: "email/")
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            do { try library.register(text, named: name) } catch {
                throw DiglotError.templateInvalid("email/\(name).mustache", "\(error)")
            }
        }
        self.library = library
        self.strings = try InterfaceStringTables(files: files, folder: "email/strings")
        var compiled: [String: [String: MustacheTemplate]] = [:]
        for (locale, table) in strings.tables {
            for (key, value) in table.text {
                do { compiled[locale, default: [:]][key] = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}" + value) } catch {
                    throw DiglotError.templateInvalid("email/strings/\(locale).yml", "\(key): \(error)")
                }
            }
        }
        self.compiled = compiled
    }

    public static func load(from directory: URL) throws -> EmailTemplates {
        var files = try TemplateFiles.read(directory.deletingLastPathComponent())
        files.name = directory.path
        return try load(from: files)
    }

    /// The email templates of a templates folder's files (`email/*.mustache`, `email/strings/*.yml`).
    public static func load(from files: TemplateFiles) throws -> EmailTemplates {
        let templates = try files.texts(in: "email/", suffix: ".mustache", dropSuffix: true)
        let strings = try files.texts(in: "email/strings/", suffix: ".yml", dropSuffix: false)
        guard !strings.isEmpty else { throw DiglotError.templatesMissing(files.name, "strings/en-US.yml") }
        return try EmailTemplates(templates: templates, strings: strings)
    }

    /// Whether drafts can be written in `locale`: a strings file of its language (the BCP 47 language
    /// subtag, RFC 5646 §2.2.1) is there, its own or one `InterfaceStringTables.chain(for:)` falls
    /// back to (es-ES's for es-MX), not en-US's alone, which would give English text declared in
    /// another language (`Content-Language`, RFC 3282; `lang`).
    public func speaks(_ locale: String) -> Bool { strings.hasLanguage(of: locale) }

    /// Renders a draft. `placeholders` accepts the placeholder partner fields of `diglot build`.
    public func draft(_ request: InvitationRequest, catalog: CloudCatalog, placeholders: Bool = false) throws -> InvitationDraft {
        if let problem = request.validate(against: catalog, placeholders: placeholders) { throw problem }
        guard speaks(request.locale) else { throw InvitationError.noEmailStrings(request.locale) }
        let cloud = catalog.cloud(request.cloud)!
        let url = (request.invitationURL ?? cloud.invitationURL)?
            .replacingOccurrences(of: "{partnerId}", with: MIMEEncoding.percentEncoded(request.partnerId))
            .replacingOccurrences(of: "{msppId}", with: MIMEEncoding.percentEncoded(request.msppId))
            .replacingOccurrences(of: "{dap}", with: request.dap ? "true" : "false")
        var link = url ?? ""
        var context: [String: Any] = [
            "lang": request.locale,
            "partnerName": request.partnerName,
            "partnerId": request.partnerId,
            "msppId": request.msppId,
            "dap": request.dap,
            "link": link,
            "cloudId": cloud.id,
            "cloudName": cloud.names[request.locale] ?? cloud.id,
            "portal": cloud.portals[request.locale] ?? "",
        ]
        // HTML's dir for the HTML part, from CLDR's character order (the plain text takes its
        // direction from its first strong letter, UAX #9's paragraph level).
        if LanguageTag.isRightToLeft(request.locale) { context["dir"] = "rtl" }
        if let retired = cloud.retired {
            // Written in full as the site writes dates: in the Gregorian calendar, the one the config's
            // date is in (Foundation's default for ar-SA is the Hijri calendar, for th-TH the Buddhist).
            let day = Metadata.day(of: retired)
            context["retired"] = day.map { strings.strings(for: request.locale).date(year: $0.year, month: $0.month, day: $0.day).text } ?? retired
        }
        if let to = request.to { context["to"] = to }
        var rendered: [String: String] = [:]
        var table: [String: MustacheTemplate] = [:]
        for locale in strings.chain(for: request.locale).reversed() { table.merge(compiled[locale] ?? [:]) { $1 } }
        for (key, template) in table { rendered[key] = template.render(context) }
        if url == nil {
            // No link: the marked placeholder of the draft's language, where the link goes in every
            // part; the HTML part shows it as marked text in place of the button and the raw link.
            link = PlainText.collapseWhitespace(rendered["linkPlaceholder"] ?? "")
            if !link.contains(InvitationRequest.placeholderLink) { link = "[\(InvitationRequest.placeholderLink)] " + link }
            context["link"] = link
            context["needsLink"] = true
            for (key, template) in table where key != "linkPlaceholder" { rendered[key] = template.render(context) }
        }
        context["strings"] = rendered
        func render(_ name: String) -> String { library.render(context, withTemplate: name) ?? "" }
        let subject = PlainText.collapseWhitespace(render("subject"))
        return InvitationDraft(request: request, link: link, subject: subject, text: render("invitation.txt"), html: render("invitation.html"), needsLink: url == nil)
    }
}
