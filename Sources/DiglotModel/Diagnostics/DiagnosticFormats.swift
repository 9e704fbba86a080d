import Foundation

extension DiagnosticCode {
    /// One sentence on what the check finds (SARIF's rule description, the README's table).
    public var summary: String {
        switch self {
        case .unitMissingSource: return "A translation unit has no source span."
        case .unitIdMismatch: return "A unit's target and source spans carry different ids."
        case .duplicateUnitId: return "Two units of a page share an id."
        case .unclosedSpan: return "A unit's span is not closed."
        case .straySpan: return "A closing or unit span stands outside any unit."
        case .alertMarkerInUnit: return "An alert marker is written inside a unit."
        case .markupCrossesUnit: return "Markdown emphasis crosses a unit's edge."
        case .pipeInUnit: return "A `|` inside a unit on a table row would split its cell; it is read as a literal `|`."
        case .quoteEntityInUnit: return "`&quot;` stands for a quote of a unit's id attribute (or of a link title in the unit); it is read as a quote."
        case .malformedFrontMatter: return "The front matter is not valid YAML."
        case .unclosedFrontMatter: return "The front matter has no closing ---."
        case .invalidUTF8: return "The file is not valid UTF-8."
        case .emptyPage: return "The file is empty."
        case .noContent: return "The page has front matter and no content."
        case .longLine: return "A line is too long to parse."
        case .unreadableFile: return "A file cannot be read."
        case .outsideContent: return "A symbolic link leads out of the content folder."
        case .symlinkLoop: return "A symbolic link leads to a folder already read."
        case .invalidFileName: return "A file name is not UTF-8."
        case .fileTooLarge: return "A file is larger than a build reads."
        case .yamlLimit: return "YAML nests too deep or expands too far (aliases)."
        case .nestingTooDeep: return "Markdown nests deeper than a page may."
        case .parseLimit: return "A page's tables or brackets would take cmark-gfm more than bounded time."
        case .unbalancedDirective: return "A `:::` directive (moniker, zone, row, column) has no matching end, or an end no start, in its container."
        case .templateError: return "A template failed to render."
        case .outputPathOutside: return "A path from the content would lead out of the output folder."
        case .outputPathConflict: return "Two inputs would be written to one output path."
        case .invalidLocale: return "A locale is not a BCP 47 language tag."
        case .siteTooLarge: return "The site would be far larger than its content."
        case .stringsMissing: return "The interface strings of the page's language lack keys; they come from a fallback language."
        case .invitationConfig: return "invitations.yml is not valid."
        case .cloudTableMissing: return "The page has no cloud-types table."
        case .cloudRowMissing: return "The cloud-types table has no row for a cloud."
        case .invitationURLMissing: return "A cloud has no invitation URL: its drafts carry a marked placeholder for the link."
        case .invitationLinkNeeded: return "A ready-to-send draft (.eml, mailto:) would carry the placeholder for the invitation link: give diglot mail --invitation-url."
        case .docsetConfig: return "A docset's configuration is not valid."
        case .tocProblem: return "A TOC or breadcrumb file is not valid."
        case .unsupportedPageType: return "A YAML page type is not supported."
        case .includeMissing: return "An included file does not exist."
        case .includeCycle: return "An include includes itself."
        case .includeOutsideDocset: return "An include leaves the docset."
        case .includeLimit: return "Includes nest too deep or expand too far."
        case .codeSnippetMissing: return "A code snippet's file does not exist."
        case .codeSnippetRegionMissing: return "A code snippet's region is not in its file, or its lines are past the file's end."
        case .codeSnippetLimit: return "A code snippet's file is too large, or a page has too many snippets."
        case .brokenLink: return "A relative link leads to no page of the build."
        case .missingAnchor: return "A link's #anchor is not on its page."
        case .missingMedia: return "A picture is not in the content folder."
        case .unknownXref: return "An xref names a uid that no page of the build and no local xref map declares."
        case .duplicateUID: return "Two pages declare the same uid."
        case .unknownPivot: return "A zone names a pivot, or a page a pivot group, that the docset's zone-pivot-groups.yml does not define."
        case .untranslated: return "The translation is the English source, word for word."
        case .markupDiffers: return "Bold, italics, code or links differ between translation and source."
        case .linkDiffers: return "The link addresses differ between translation and source."
        case .numberDiffers: return "The numbers differ between translation and source."
        case .emptyTarget: return "The translation is empty."
        case .emptySource: return "The source is empty."
        case .whitespaceDiffers: return "Leading or trailing whitespace differs between translation and source."
        case .inconsistentTranslation: return "The same English sentence is translated differently in the docset."
        case .qaConfig: return "diglot.yml is not valid."
        case .staleTranslation: return "A sentence was translated from English that is no longer in the page's current English (--source)."
        case .pageNotTranslated: return "A page of the current English (--source) has no translation."
        case .unsafeURL: return "A link, image or redirect URL would run script (javascript:, vbscript:, file:, data:)."
        case .activeHTMLInUnit: return "A translation unit carries script, an embedded document or an event handler."
        case .activeHTML: return "Raw HTML outside the units carries script, an embedded document or an event handler."
        case .videoHost: return "A [!VIDEO] address that is not https on an allowed video host: shown as a link, not embedded."
        }
    }
}

/// The formats `diglot check` writes findings in.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `file:line:column: severity: message [code name]`, one per line.
    case text
    /// A JSON array of findings.
    case json
    /// GitHub Actions workflow commands: `::warning file=…,line=…,col=…,title=…::message`.
    case github
    /// SARIF 2.1.0, as GitHub code scanning takes it.
    case sarif

    /// The findings in this format. `pathPrefix` goes before each file's path (the content folder as
    /// seen from the repository's top) in `github` and `sarif`, which name files from there.
    public func render(_ diagnostics: [Diagnostic], pathPrefix: String = "", toolVersion: String = ToolInfo.version) -> String {
        func path(_ file: String) -> String { pathPrefix.isEmpty ? file : pathPrefix + "/" + file }
        switch self {
        case .text:
            return diagnostics.map { $0.description + "\n" }.joined()
        case .json:
            let items = diagnostics.map { d in
                "  {\"file\": \(Self.json(d.file)), \"line\": \(d.location.line), \"column\": \(d.location.column), \"code\": \(Self.json(d.code.rawValue)), "
                    + "\"name\": \(Self.json(d.code.name)), \"severity\": \(Self.json(d.severity.rawValue)), \"stage\": \(Self.json(d.stage.rawValue)), \"message\": \(Self.json(d.message))}"
            }
            return items.isEmpty ? "[]\n" : "[\n" + items.joined(separator: ",\n") + "\n]\n"
        case .github:
            return diagnostics.map { d in
                "::\(d.severity.rawValue) file=\(Self.githubProperty(path(d.file))),line=\(d.location.line),col=\(d.location.column),"
                    + "title=\(Self.githubProperty("\(d.code.rawValue) \(d.code.name)"))::\(Self.githubData(d.message))\n"
            }.joined()
        case .sarif:
            return Self.sarif(diagnostics, path: path, toolVersion: toolVersion)
        }
    }

    private static func sarif(_ diagnostics: [Diagnostic], path: (String) -> String, toolVersion: String) -> String {
        let codes = DiagnosticCode.allCases
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules: [[String: Any]] = codes.map { code in
            ["id": code.rawValue, "name": code.name,
             "shortDescription": ["text": code.summary],
             "defaultConfiguration": ["level": code.severity.rawValue]]
        }
        let results: [[String: Any]] = diagnostics.map { d in
            ["ruleId": d.code.rawValue, "ruleIndex": index[d.code]!, "level": d.severity.rawValue,
             "message": ["text": d.message],
             "locations": [["physicalLocation": [
                "artifactLocation": ["uri": percentEncodedPath(path(d.file))],
                "region": ["startLine": max(1, d.location.line), "startColumn": max(1, d.location.column)],
             ]]]]
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": ["name": "Diglot", "version": toolVersion, "semanticVersion": toolVersion,
                                    "informationUri": "https://github.com/diglot/diglot", "rules": rules]],
                "results": results,
            ]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A relative path as a URI reference: each segment percent-encoded where it must be.
    private static func percentEncodedPath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#[]")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }.joined(separator: "/")
    }

    /// A JSON string literal.
    package static func json(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The message of a workflow command: `%`, CR and LF escaped.
    package static func githubData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property of a workflow command: also `:` and `,` escaped.
    package static func githubProperty(_ s: String) -> String {
        githubData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// The tool's version, in SARIF output and in the build cache's key.
public enum ToolInfo {
    public static let version = "0.4.0"
}
