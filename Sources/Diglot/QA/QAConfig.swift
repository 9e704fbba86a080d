import Foundation
import Yams

/// The settings of `diglot check`, from `diglot.yml` at the top of the content folder:
///
///     qa:
///       doNotTranslate:          # terms left in English on purpose (product names)
///         - Partner Center
///         - Microsoft 365
///       severity:                # by code or name: error, warning or off
///         untranslated: warning
///         DG708: off
///
/// A unit whose text is only do-not-translate terms, addresses, numbers and punctuation is not
/// reported as untranslated.
public struct QAConfig: Sendable, Equatable {
    public static let fileName = "diglot.yml"

    public enum Level: String, Sendable, Equatable {
        case error, warning, off
    }

    public var doNotTranslate: [String]
    public var levels: [DiagnosticCode: Level]

    /// The most doNotTranslate terms read (2,000) and the longest term (200 characters): each term is
    /// looked for in every untranslated unit, and `diglot.yml` comes with the content.
    static let maxTerms = 2_000
    static let maxTermLength = 200

    public init(doNotTranslate: [String] = [], levels: [DiagnosticCode: Level] = [:]) {
        // Longest first, so that "Microsoft Partner Center" goes before "Microsoft".
        self.doNotTranslate = doNotTranslate.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        self.levels = levels
    }

    /// The content folder's `diglot.yml`, or the defaults when it has none.
    public static func load(fromContent content: URL) -> (QAConfig, [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: content.appendingPathComponent(fileName).path) else { return (QAConfig(), []) }
        let (text, problems) = ContentFolder.text(fileName, in: content)
        guard let text else { return (QAConfig(), problems) }
        let (config, diagnostics) = parse(text)
        return (config, problems + diagnostics)
    }

    /// Reads `diglot.yml`; a problem is a diagnostic and the rest of the file still counts.
    public static func parse(_ text: String, file: String = QAConfig.fileName) -> (QAConfig, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func problem(_ message: String, _ mark: Mark?) {
            diagnostics.append(Diagnostic(file: file, location: SourceLocation(line: mark?.line ?? 1, column: mark?.column ?? 1),
                                          code: .qaConfig, stage: .load, message: message))
        }
        let root: Node?
        do {
            root = try YAMLLoader.compose(text)
        } catch {
            return (QAConfig(), [YAMLLoader.diagnostic(error, file: file, code: .qaConfig, what: QAConfig.fileName)])
        }
        guard let qa = root?.mapping?["qa"] else { return (QAConfig(), diagnostics) }
        guard let map = qa.mapping else {
            problem("qa must be a mapping with doNotTranslate and severity", qa.mark)
            return (QAConfig(), diagnostics)
        }
        var terms: [String] = []
        if let list = map["doNotTranslate"] {
            if let sequence = list.sequence {
                for item in sequence {
                    guard let term = item.string else {
                        problem("a doNotTranslate entry must be text", item.mark)
                        continue
                    }
                    // Every term is looked for in every untranslated unit: their number and length are bounded.
                    guard terms.count < QAConfig.maxTerms else {
                        problem("more than \(QAConfig.maxTerms) doNotTranslate terms: the rest are left out", item.mark)
                        break
                    }
                    guard term.count <= QAConfig.maxTermLength else {
                        problem("a doNotTranslate term longer than \(QAConfig.maxTermLength) characters is left out", item.mark)
                        continue
                    }
                    terms.append(term)
                }
            } else {
                problem("doNotTranslate must be a list of terms", list.mark)
            }
        }
        var levels: [DiagnosticCode: Level] = [:]
        if let severities = map["severity"] {
            for (key, value) in severities.mapping ?? [:] {
                let name = key.string ?? ""
                guard let code = DiagnosticCode(rawValue: name.uppercased()) ?? DiagnosticCode.allCases.first(where: { $0.name == name }) else {
                    problem("severity names an unknown check \(name); use a code (DG701) or a name (untranslated)", key.mark)
                    continue
                }
                guard let level = value.string.flatMap({ Level(rawValue: $0.lowercased()) }) else {
                    problem("the severity of \(name) must be error, warning or off", value.mark)
                    continue
                }
                levels[code] = level
            }
        }
        return (QAConfig(doNotTranslate: terms, levels: levels), diagnostics)
    }

    /// The finding with its configured severity, or nil when its check is off.
    func apply(_ diagnostic: Diagnostic) -> Diagnostic? {
        guard let level = levels[diagnostic.code] else { return diagnostic }
        var changed = diagnostic
        switch level {
        case .off: return nil
        case .error: changed.severity = .error
        case .warning: changed.severity = .warning
        }
        return changed
    }

    /// Whether a text left in English is fine: once the do-not-translate terms, addresses and paths are
    /// taken out, no letter is left, or only names CLDR spells the same in both languages (`names`), or
    /// one word of the translation's language (`words`, its word list).
    func isDoNotTranslate(_ text: String, names: SameNames? = nil, words targetWords: TargetWords? = nil) -> Bool {
        var rest = text
        for term in doNotTranslate where rest.contains(term) { rest = rest.replacingOccurrences(of: term, with: " ") }
        let words = rest.split(whereSeparator: \.isWhitespace).filter { word in
            !(word.contains("://") || word.contains("@") || word.contains("/") || word.contains("\\"))
        }
        guard words.contains(where: { $0.unicodeScalars.contains { $0.properties.isAlphabetic } }) else { return true }
        return names?.covers(words.joined(separator: " ")) == true || targetWords?.covers(words) == true
    }
}
