/// How bad a finding is. Any `.error` makes `diglot build` exit non-zero.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}

/// The stable codes of Diglot's diagnostics. A code never changes meaning; new ones get new numbers.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable {
    // Translation units (DG1xx)
    case unitMissingSource = "DG101"
    case unitIdMismatch = "DG102"
    case duplicateUnitId = "DG103"
    case unclosedSpan = "DG104"
    case straySpan = "DG105"
    case alertMarkerInUnit = "DG106"
    case markupCrossesUnit = "DG107"
    case pipeInUnit = "DG108"
    case quoteEntityInUnit = "DG109"
    // Files and front matter (DG2xx)
    case malformedFrontMatter = "DG201"
    case unclosedFrontMatter = "DG202"
    case invalidUTF8 = "DG203"
    case emptyPage = "DG204"
    case noContent = "DG205"
    case longLine = "DG206"
    case unreadableFile = "DG207"
    case outsideContent = "DG208"
    case symlinkLoop = "DG209"
    case invalidFileName = "DG210"
    case fileTooLarge = "DG211"
    case yamlLimit = "DG212"
    case nestingTooDeep = "DG213"
    case parseLimit = "DG214"
    case unbalancedDirective = "DG215"
    // Build (DG3xx)
    case templateError = "DG301"
    case outputPathOutside = "DG302"
    case outputPathConflict = "DG303"
    case invalidLocale = "DG304"
    case siteTooLarge = "DG305"
    case stringsMissing = "DG306"
    // Invitation drafts (DG4xx)
    case invitationConfig = "DG401"
    case cloudTableMissing = "DG402"
    case cloudRowMissing = "DG403"
    case invitationURLMissing = "DG404"
    case invitationLinkNeeded = "DG405"
    // Docsets (DG5xx)
    case docsetConfig = "DG501"
    case tocProblem = "DG502"
    case unsupportedPageType = "DG503"
    case includeMissing = "DG504"
    case includeCycle = "DG505"
    case includeOutsideDocset = "DG506"
    case includeLimit = "DG507"
    case codeSnippetMissing = "DG508"
    case codeSnippetRegionMissing = "DG509"
    case codeSnippetLimit = "DG510"
    // Links and media (DG6xx)
    case brokenLink = "DG601"
    case missingAnchor = "DG602"
    case missingMedia = "DG603"
    case unknownXref = "DG604"
    case duplicateUID = "DG605"
    case unknownPivot = "DG606"
    // Translation QA (DG7xx)
    case untranslated = "DG701"
    case markupDiffers = "DG702"
    case linkDiffers = "DG703"
    case numberDiffers = "DG704"
    case emptyTarget = "DG705"
    case emptySource = "DG706"
    case whitespaceDiffers = "DG707"
    case inconsistentTranslation = "DG708"
    case qaConfig = "DG709"
    case staleTranslation = "DG710"
    case pageNotTranslated = "DG711"
    // Active content (DG8xx)
    case unsafeURL = "DG801"
    case activeHTMLInUnit = "DG802"
    case activeHTML = "DG803"
    case videoHost = "DG804"

    /// The severity a finding with this code has.
    public var severity: Severity {
        switch self {
        case .alertMarkerInUnit, .markupCrossesUnit, .pipeInUnit, .quoteEntityInUnit, .unbalancedDirective, .emptyPage, .noContent, .longLine, .invitationURLMissing,
             .brokenLink, .missingAnchor, .missingMedia, .unknownXref, .duplicateUID, .unknownPivot, .unsupportedPageType, .includeMissing,
             .codeSnippetMissing, .codeSnippetRegionMissing,
             .untranslated, .markupDiffers, .linkDiffers, .numberDiffers, .emptyTarget, .emptySource, .whitespaceDiffers,
             .inconsistentTranslation, .staleTranslation, .pageNotTranslated, .symlinkLoop, .stringsMissing, .unsafeURL, .activeHTMLInUnit, .activeHTML, .videoHost: return .warning
        default: return .error
        }
    }

    /// A short name that says what the code is about.
    public var name: String {
        switch self {
        case .unitMissingSource: return "unit-missing-source"
        case .unitIdMismatch: return "unit-id-mismatch"
        case .duplicateUnitId: return "duplicate-unit-id"
        case .unclosedSpan: return "unclosed-span"
        case .straySpan: return "stray-span"
        case .alertMarkerInUnit: return "alert-marker-in-unit"
        case .markupCrossesUnit: return "markup-crosses-unit"
        case .pipeInUnit: return "pipe-in-unit"
        case .quoteEntityInUnit: return "quote-entity-in-unit"
        case .malformedFrontMatter: return "malformed-front-matter"
        case .unclosedFrontMatter: return "unclosed-front-matter"
        case .invalidUTF8: return "invalid-utf8"
        case .emptyPage: return "empty-page"
        case .noContent: return "no-content"
        case .longLine: return "long-line"
        case .unreadableFile: return "unreadable-file"
        case .outsideContent: return "outside-content"
        case .symlinkLoop: return "symlink-loop"
        case .invalidFileName: return "invalid-file-name"
        case .fileTooLarge: return "file-too-large"
        case .yamlLimit: return "yaml-limit"
        case .nestingTooDeep: return "nesting-too-deep"
        case .parseLimit: return "parse-limit"
        case .unbalancedDirective: return "unbalanced-directive"
        case .templateError: return "template-error"
        case .outputPathOutside: return "output-path-outside"
        case .outputPathConflict: return "output-path-conflict"
        case .invalidLocale: return "invalid-locale"
        case .siteTooLarge: return "site-too-large"
        case .stringsMissing: return "strings-missing"
        case .invitationConfig: return "invitation-config"
        case .cloudTableMissing: return "cloud-table-missing"
        case .cloudRowMissing: return "cloud-row-missing"
        case .invitationURLMissing: return "invitation-url-missing"
        case .invitationLinkNeeded: return "invitation-link-needed"
        case .docsetConfig: return "docset-config"
        case .tocProblem: return "toc-problem"
        case .unsupportedPageType: return "unsupported-page-type"
        case .includeMissing: return "include-missing"
        case .includeCycle: return "include-cycle"
        case .includeOutsideDocset: return "include-outside-docset"
        case .includeLimit: return "include-limit"
        case .codeSnippetMissing: return "code-snippet-missing"
        case .codeSnippetRegionMissing: return "code-snippet-region-missing"
        case .codeSnippetLimit: return "code-snippet-limit"
        case .brokenLink: return "broken-link"
        case .missingAnchor: return "missing-anchor"
        case .missingMedia: return "missing-media"
        case .unknownXref: return "unknown-xref"
        case .duplicateUID: return "duplicate-uid"
        case .unknownPivot: return "unknown-pivot"
        case .untranslated: return "untranslated"
        case .markupDiffers: return "markup-differs"
        case .linkDiffers: return "link-differs"
        case .numberDiffers: return "number-differs"
        case .emptyTarget: return "empty-target"
        case .emptySource: return "empty-source"
        case .whitespaceDiffers: return "whitespace-differs"
        case .inconsistentTranslation: return "inconsistent-translation"
        case .qaConfig: return "qa-config"
        case .staleTranslation: return "stale-translation"
        case .pageNotTranslated: return "page-not-translated"
        case .unsafeURL: return "unsafe-url"
        case .activeHTMLInUnit: return "active-html-in-unit"
        case .activeHTML: return "active-html"
        case .videoHost: return "video-host"
        }
    }
}

/// The pipeline stage a diagnostic came from, so that a message says which step failed.
public enum Stage: String, Sendable, Codable {
    case load, parse, resolve, render, write
}

/// One finding about one place in one file.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var location: SourceLocation
    public var severity: Severity
    public var code: DiagnosticCode
    public var stage: Stage
    public var message: String
    /// The translation unit the finding is about, when it is about one (QA findings).
    public var unit: String?

    public init(file: String, location: SourceLocation, code: DiagnosticCode, stage: Stage, message: String, severity: Severity? = nil, unit: String? = nil) {
        // One line: a control character in a file name is written as an escape (`\u{a}`).
        self.file = file
        self.location = location
        self.code = code
        self.stage = stage
        // One line: a YAML parser's error, say, comes over several.
        self.message = message.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) ? PlainText.collapseWhitespace(message) : message
        self.severity = severity ?? code.severity
        self.unit = unit
    }

    /// `text` with each control character (U+0000–U+001F, U+007F) and each bidirectional control
    /// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, which reorder what a terminal shows)
    /// written as an escape, `\u{a}`, so that a diagnostic is one line that reads as it is.
    package static func escapingControlCharacters(_ text: String) -> String {
        func escaped(_ v: UInt32) -> Bool {
            v < 0x20 || v == 0x7F || v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
        guard text.unicodeScalars.contains(where: { escaped($0.value) }) else { return text }
        return text.unicodeScalars.map { escaped($0.value) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }

    /// `file:line:column: error: message [DG101 unit-missing-source]`, the format editors and CI read.
    /// Control and bidirectional characters in the file name and message are written as escapes here,
    /// where the line goes to a terminal or a log; the model keeps them (a QA message quotes Arabic text).
    public var description: String {
        "\(Diagnostic.escapingControlCharacters(file)):\(location.line):\(location.column): \(severity.rawValue): "
            + "\(Diagnostic.escapingControlCharacters(message)) [\(code.rawValue) \(code.name)]"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then position, then code, then message: the order Diglot reports them in.
    public func sortedForReport() -> [Diagnostic] {
        sorted { ($0.file, $0.location, $0.code.rawValue, $0.message) < ($1.file, $1.location, $1.code.rawValue, $1.message) }
    }
}
