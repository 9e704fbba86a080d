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

    /// Reads one file; a file that cannot be read becomes a diagnostic, not a thrown error.
    public static func read(_ path: String, in directory: URL) -> Result<SourceFile, Diagnostic> {
        let url = directory.appendingPathComponent(path)
        do {
            let data = try Data(contentsOf: url)
            return .success(SourceFile(path: path, bytes: [UInt8](data)))
        } catch {
            return .failure(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: .unreadableFile,
                                       stage: .load, message: "cannot read the file: \(error.localizedDescription)"))
        }
    }
}

/// Errors that stop a whole command (as opposed to diagnostics about one page).
public enum DiglotError: Error, CustomStringConvertible, Equatable {
    case contentFolderMissing(String)
    case templatesMissing(String, String)
    case templateInvalid(String, String)
    case outputNotWritable(String, String)

    public var description: String {
        switch self {
        case .contentFolderMissing(let path): return "error: the content folder \(path) does not exist or is not a folder"
        case .templatesMissing(let path, let name): return "error: the template \(name).mustache is missing from \(path)"
        case .templateInvalid(let name, let why): return "error: the template \(name) is invalid: \(why)"
        case .outputNotWritable(let path, let why): return "error: cannot write the output folder \(path): \(why)"
        }
    }
}
