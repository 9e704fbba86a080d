import Foundation

/// A file as read from the content folder: its path relative to that folder and its bytes.
public struct SourceFile: Sendable {
    /// Relative path with `/` separators, e.g. `partner-center/x.md`.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// The load stage: finds the markdown pages under a content folder and reads them.
public enum ContentLoader {
    /// Every `.md` file under `directory`, sorted by path (hidden folders skipped).
    public static func markdownPaths(in directory: URL) throws -> [String] {
        try DocsetLoader.files(in: directory).filter { $0.lowercased().hasSuffix(".md") }
    }

    /// Reads one file, contained in the content folder (`ContentFolder.read`); a file that cannot be
    /// read becomes a diagnostic, not a thrown error.
    public static func read(_ path: String, in directory: URL) -> Result<SourceFile, Diagnostic> {
        ContentFolder.read(path, in: directory)
    }
}

/// Errors that stop a whole command (as opposed to diagnostics about one page).
public enum DiglotError: Error, CustomStringConvertible, Equatable {
    case contentFolderMissing(String)
    case templatesMissing(String, String)
    case templateInvalid(String, String)
    case outputNotWritable(String, String)
    /// A `--locale` that is not a BCP 47 language tag (see `LanguageTag`).
    case invalidLocale(String)

    public var description: String {
        switch self {
        case .contentFolderMissing(let path): return "error: the content folder \(path) does not exist or is not a folder"
        case .templatesMissing(let path, let name): return "error: the template \(name).mustache is missing from \(path)"
        case .templateInvalid(let name, let why): return "error: the template \(name) is invalid: \(why)"
        case .outputNotWritable(let path, let why): return "error: cannot write the output folder \(path): \(why)"
        case .invalidLocale(let value): return "error: the locale \(value.debugDescription) is not a BCP 47 language tag (such as es-ES)"
        }
    }
}

/// Where a value stands in a JSON file, for diagnostics: Foundation's `JSONSerialization` gives no
/// positions, so the value's first occurrence as a JSON string (`"value"`), after `"key":` when
/// that is found, is taken. Line and column are 1-based; the column counts UTF-8 bytes.
enum JSONPosition {
    static func of(_ value: String, key: String? = nil, in text: String) -> SourceLocation {
        let bytes = Array(text.utf8)
        let quoted = Array("\"\(value)\"".utf8)
        var from = 0
        if let key, let at = find(Array("\"\(key)\"".utf8), in: bytes, from: 0) {
            // The first occurrence of the value after this key (keys repeat across entries: a miss falls back).
            from = at
            if let value = find(quoted, in: bytes, from: from) { return location(value, bytes) }
        }
        return find(quoted, in: bytes, from: 0).map { location($0, bytes) } ?? SourceLocation(line: 1, column: 1)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        for i in from...(bytes.count - needle.count) where bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }

    private static func location(_ offset: Int, _ bytes: [UInt8]) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for i in 0..<offset where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return SourceLocation(line: line, column: offset - lineStart + 1)
    }
}
