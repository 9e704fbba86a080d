import Foundation

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

    @available(*, deprecated, renamed: "FileRead.bytes(atPath:followingLinks:)")
    public static func readFile(atPath path: String, followingLinks: Bool = true) throws(DiglotError) -> [UInt8] {
        try FileRead.bytes(atPath: path, followingLinks: followingLinks)
    }
}
