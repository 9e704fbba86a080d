import DiglotContent
import DiglotModel
import Foundation
import Yams

/// `invitations.yml` in the content folder: which page lists the clouds, and per cloud what the page
/// does not say (its id, invitation URL, whether DAP may be left out, when it was retired).
public struct InvitationConfig: Sendable, Equatable {
    public static let fileName = "invitations.yml"

    public struct CloudEntry: Sendable, Equatable {
        public var id: String
        /// Text the English cell of the table's first column contains for this cloud.
        public var row: String
        public var invitationURL: String?
        public var allowsNoDAP: Bool
        /// `YYYY-MM-DD` when the cloud closed.
        public var retired: String?
        /// Where the entry is in the config file, for diagnostics.
        public var location: SourceLocation
    }

    /// The content page whose cloud-types table names the clouds.
    public var page: String
    /// Which of the page's languages get drafts (`locales:`); nil, when the file names none, for all
    /// of them: the page's own and English (issue 10: drafts in every locale that has the page).
    public var locales: [String]?
    public var clouds: [CloudEntry]

    /// Reads the config; a problem is a diagnostic at its line in the file.
    public static func parse(_ yaml: String, file: String = fileName) -> Result<InvitationConfig, Diagnostic> {
        func fail(_ location: SourceLocation, _ message: String) -> Result<InvitationConfig, Diagnostic> {
            .failure(Diagnostic(file: file, location: location, code: .invitationConfig, stage: .load, message: message))
        }
        let root: Node
        do {
            guard let node = try YAMLLoader.compose(yaml) else { return fail(SourceLocation(line: 1, column: 1), "the file is empty") }
            root = node
        } catch {
            return .failure(YAMLLoader.diagnostic(error, file: file, code: .invitationConfig, what: "the file"))
        }
        func location(_ node: Node) -> SourceLocation {
            node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
        }
        guard let top = root.mapping else { return fail(location(root), "the file must be a mapping with page, locales and clouds") }
        guard let page = top["page"]?.string, !page.isEmpty else { return fail(location(root), "page: is missing (the page with the cloud-types table)") }
        // Locales name folders of the output (mail/<cloud>/<locale>/): each must be a language tag.
        var locales: [String]?
        if let node = top["locales"] {
            guard let sequence = node.sequence, !sequence.isEmpty else { return fail(location(node), "locales: must be a list of locales, such as [es-ES, en-US]") }
            var listed: [String] = []
            var seen = Set<String>()
            for item in sequence {
                guard let value = item.string, let tag = LanguageTag.canonical(value) else {
                    return fail(location(item), "the locale \(item.string.map { $0.debugDescription } ?? "entry") is not a BCP 47 language tag (such as es-ES)")
                }
                if seen.insert(tag).inserted { listed.append(tag) }  // `en-us` and `en-US` are one locale, one set of drafts
            }
            locales = listed
        }
        guard let cloudNodes = top["clouds"]?.sequence, !cloudNodes.isEmpty else { return fail(location(root), "clouds: is missing or empty") }
        var clouds: [CloudEntry] = []
        for node in cloudNodes {
            guard let entry = node.mapping else { return fail(location(node), "each cloud must be a mapping") }
            guard let id = entry["id"]?.string, !id.isEmpty else { return fail(location(node), "a cloud has no id") }
            // The id names a folder of the output (mail/<cloud>/): lower-case letters, digits and hyphens.
            guard id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
                return .failure(Diagnostic(file: file, location: location(entry["id"]!), code: .outputPathOutside, stage: .load,
                                           message: "the cloud id \(id.debugDescription) is refused: it names an output folder, so it may hold only a-z, 0-9 and -"))
            }
            guard let row = entry["row"]?.string, !row.isEmpty else { return fail(location(node), "cloud \(id) has no row: text naming its row in the table") }
            let allows: Bool
            switch entry["allowsNoDAP"]?.string?.lowercased() {
            case "true", "yes": allows = true
            case "false", "no", nil: allows = false
            case let other?: return fail(location(entry["allowsNoDAP"]!), "allowsNoDAP of cloud \(id) must be true or false, not \(other)")
            }
            let url = entry["invitationURL"]?.string
            if let url, !url.lowercased().hasPrefix("https://") {
                return fail(location(entry["invitationURL"]!), "the invitationURL of cloud \(id) must be an https URL: \(url)")
            }
            clouds.append(CloudEntry(id: id, row: row, invitationURL: url, allowsNoDAP: allows, retired: entry["retired"]?.string, location: location(node)))
        }
        if let duplicate = Dictionary(grouping: clouds, by: \.id).first(where: { $0.value.count > 1 }) {
            return fail(duplicate.value[1].location, "cloud id \(duplicate.key) is used twice")
        }
        return .success(InvitationConfig(page: page, locales: locales, clouds: clouds))
    }
}
