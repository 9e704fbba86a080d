import DiglotContent
import DiglotModel
import Yams

/// Splits a page into YAML front matter and markdown body, and reads the front matter with Yams.
/// Scalars are kept as written (Yams' basic resolver: no guessing of numbers, booleans or dates).
package enum FrontMatter {
    package struct Split {
        /// The YAML between the `---` lines, or nil when the page has no front matter.
        package var yaml: Substring?
        /// The line of the file the YAML starts on.
        package var yamlLine: Int
        /// Where the markdown body starts in the text.
        var bodyStart: String.Index
        /// How many lines precede the body.
        var bodyLineOffset: Int
        var unclosed: Bool
    }

    package static func split(_ text: String) -> Split {
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

    /// Where the value of a top-level front-matter `key` starts (`key:` at the start of a line before
    /// the closing `---`), for diagnostics about a value; nil when the page does not write it.
    package static func location(ofKey key: String, in bytes: [UInt8]) -> SourceLocation? {
        let prefix = Array((key + ":").utf8)
        var line = 1
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let content = bytes[start..<end]
            if line > 1, content.starts(with: "---".utf8) { return nil }
            if content.starts(with: prefix) {
                var column = prefix.count
                while start + column < end, bytes[start + column] == 0x20 || bytes[start + column] == 0x09 { column += 1 }
                return SourceLocation(line: line, column: column + 1)
            }
            line += 1
            start = end + 1
        }
        return nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// Reads the YAML into metadata; a YAML error becomes a finding at its file position.
    static func metadata(_ yaml: Substring, firstLine: Int) -> (Metadata, YAMLLoader.Problem?) {
        let root: Node?
        do {
            root = try YAMLLoader.compose(String(yaml), firstLine: firstLine)
        } catch {
            return (Metadata(), error.isLimit ? error : YAMLLoader.Problem(location: error.location, message: "malformed front matter: \(error.message)", isLimit: false))
        }
        guard let node = root else { return (Metadata(), nil) }
        guard case .mapping(let mapping) = node else {
            return (Metadata(), YAMLLoader.Problem(location: SourceLocation(line: firstLine, column: 1), message: "the front matter is not a mapping of keys to values", isLimit: false))
        }
        var entries: [(key: String, value: MetadataValue)] = []
        for (key, value) in mapping {
            entries.append((key.string ?? "\(key)", convert(value)))
        }
        return (Metadata(entries: entries), nil)
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
