import Foundation
import Yams

/// The optional "report a translation problem" link of each sentence, from `diglot.yml`:
///
///     reportURL: "https://github.com/contoso/docs/issues/new?title=Translation%20problem&body={page}%20{unit}%0A{target}%0A{source}"
///
/// `{page}` (the page's content path), `{unit}` (the sentence's id), `{target}` and `{source}` (its
/// translation and English, as plain text) are replaced by their values, percent-encoded. The build
/// fills `{page}`; the page's script fills the rest when a sentence's English is shown, with the same
/// encoding (`encodeURIComponent`, and `!'()*` too).
public enum ReportLink {
    /// The key of `diglot.yml`.
    public static let key = "reportURL"
    /// The placeholders a template may hold.
    public static let placeholders = ["page", "unit", "target", "source"]

    /// The characters left as they are: RFC 3986's unreserved ones. Everything else, a space, `&`,
    /// `=`, `#`, `+`, `/`, and every byte of a non-ASCII character's UTF-8, is `%XX`.
    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return set
    }()

    /// `value` percent-encoded for any part of a URL (a query value, a path segment).
    public static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `template` with each `{name}` of `values` replaced by its value, encoded; other placeholders are kept.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = template
        for name in placeholders {
            guard let value = values[name] else { continue }
            out = out.replacingOccurrences(of: "{\(name)}", with: encode(value))
        }
        return out
    }

    /// The template of the content folder's `diglot.yml`, when it has one that is an `https:`,
    /// `http:` or `mailto:` address; a value that is not is a diagnostic (DG709) and no link is made.
    public static func load(fromContent content: URL) -> (String?, [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: content.appendingPathComponent(QAConfig.fileName).path) else { return (nil, []) }
        let (text, problems) = ContentFolder.text(QAConfig.fileName, in: content)
        guard let text else { return (nil, problems) }
        return parse(text)
    }

    public static func parse(_ text: String, file: String = QAConfig.fileName) -> (String?, [Diagnostic]) {
        // A YAML error is reported once, by the QA settings' reading of the same file.
        guard let root = try? YAMLLoader.compose(text), let node = root.mapping?[key] else { return (nil, []) }
        let lower = node.string?.lowercased() ?? ""
        guard let value = node.string, lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else {
            return (nil, [Diagnostic(file: file, location: SourceLocation(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1),
                                     code: .qaConfig, stage: .load, message: "\(key) must be an https:, http: or mailto: address with {page}, {unit}, {target} or {source} in it")])
        }
        return (value, [])
    }
}
