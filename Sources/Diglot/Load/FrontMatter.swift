import Yams

/// Splits a page into YAML front matter and markdown body, and reads the front matter with Yams.
/// Scalars are kept as written (Yams' basic resolver: no guessing of numbers, booleans or dates).
enum FrontMatter {
    struct Split {
        /// The YAML between the `---` lines, or nil when the page has no front matter.
        var yaml: Substring?
        /// The line of the file the YAML starts on.
        var yamlLine: Int
        /// Where the markdown body starts in the text.
        var bodyStart: String.Index
        /// How many lines precede the body.
        var bodyLineOffset: Int
        var unclosed: Bool
    }

    static func split(_ text: String) -> Split {
        let none = Split(yaml: nil, yamlLine: 1, bodyStart: text.startIndex, bodyLineOffset: 0, unclosed: false)
        let utf8 = text.utf8
        guard utf8.starts(with: "---".utf8), let firstNewline = utf8.firstIndex(of: 0x0A),
              utf8[utf8.index(utf8.startIndex, offsetBy: 3)..<firstNewline].allSatisfy(isBlank) else { return none }
        let yamlStart = utf8.index(after: firstNewline)
        var lineStart = yamlStart
        var line = 2
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            var contentEnd = lineEnd
            while contentEnd > lineStart, isBlank(utf8[utf8.index(before: contentEnd)]) { contentEnd = utf8.index(before: contentEnd) }
            let content = utf8[lineStart..<contentEnd]
            if content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) {
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : utf8.endIndex
                return Split(yaml: text[yamlStart..<lineStart], yamlLine: 2, bodyStart: bodyStart, bodyLineOffset: line, unclosed: false)
            }
            line += 1
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : utf8.endIndex
        }
        return Split(yaml: nil, yamlLine: 2, bodyStart: text.startIndex, bodyLineOffset: 0, unclosed: true)
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// Reads the YAML into metadata; a YAML error becomes a finding at its file position.
    static func metadata(_ yaml: Substring, firstLine: Int) -> (Metadata, (SourceLocation, String)?) {
        do {
            guard let node = try Yams.compose(yaml: String(yaml), .basic, .default, .utf8) else { return (Metadata(), nil) }
            guard case .mapping(let mapping) = node else {
                return (Metadata(), (SourceLocation(line: firstLine, column: 1), "the front matter is not a mapping of keys to values"))
            }
            var entries: [(key: String, value: MetadataValue)] = []
            for (key, value) in mapping {
                entries.append((key.string ?? "\(key)", convert(value)))
            }
            return (Metadata(entries: entries), nil)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return (Metadata(), (SourceLocation(line: firstLine + mark.line - 1, column: mark.column), "malformed front matter: \(problem)"))
            default:
                return (Metadata(), (SourceLocation(line: firstLine, column: 1), "malformed front matter: \(error)"))
            }
        } catch {
            return (Metadata(), (SourceLocation(line: firstLine, column: 1), "malformed front matter: \(error)"))
        }
    }

    /// A YAML value as a metadata value (scalars kept as written).
    static func value(_ node: Node) -> MetadataValue { convert(node) }

    private static func convert(_ node: Node) -> MetadataValue {
        switch node {
        case .scalar(let scalar):
            return scalar.string.isEmpty && scalar.style == .plain ? .null : .string(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map(convert))
        case .mapping(let mapping):
            return .map(mapping.map { (key: $0.key.string ?? "\($0.key)", value: convert($0.value)) })
        case .alias:
            return .null
        }
    }
}
