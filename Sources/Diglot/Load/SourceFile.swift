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

    /// The bytes of a file named on the command line (the page of `diglot inspect`), read with POSIX
    /// `open`/`read`: a regular file of at most `ContentFolder.maxFileSize` bytes, the build's limit.
    /// Throws `DiglotError.unreadableFile` for anything else: a folder, a device (`/dev/zero`), a FIFO
    /// or a socket (opened with `O_NONBLOCK`, so a FIFO without a writer does not hang), or a larger
    /// file (never read past the limit, even when it grows while being read).
    public static func readFile(atPath path: String) throws(DiglotError) -> [UInt8] {
        func failure(_ why: String) -> DiglotError { .unreadableFile(path, why) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure("it is a folder")
        default: throw failure("it is not a regular file (a device, a FIFO or a socket)")
        }
        let maxFileBytes = ContentFolder.maxFileSize
        let tooLarge = failure("it is larger than \(maxFileBytes >> 20) MiB, the limit for a page")
        guard Int(info.st_size) <= maxFileBytes else { throw tooLarge }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= maxFileBytes else { throw tooLarge }
                bytes.append(contentsOf: repeatElement(0, count: min(max(count, 4096), maxFileBytes + 1 - count)))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            count += n
        }
        guard count <= maxFileBytes else { throw tooLarge }
        bytes.removeSubrange(count...)
        return bytes
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
    /// The output folder is not empty and Diglot did not write it (it has no `.diglot-manifest`).
    case outputNotDiglots(String)
    /// The output folder is one a build must never write into: the path and why.
    case outputUnsafe(String, String)
    /// A file (the page of `inspect`, the draft of `mail --output`) cannot be read or written: the path and why.
    case unreadableFile(String, String)
    case unwritableFile(String, String)

    /// What went wrong, on one line: any line break in a path or a reason becomes a space.
    public var description: String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private var text: String {
        switch self {
        case .contentFolderMissing(let path): return "error: the content folder \(path) does not exist or is not a folder"
        case .templatesMissing(let path, let name): return "error: the template \(name).mustache is missing from \(path)"
        case .templateInvalid(let name, let why): return "error: the template \(name) is invalid: \(why)"
        case .outputNotWritable(let path, let why): return "error: cannot write the output folder \(path): \(why)"
        case .invalidLocale(let value): return "error: the locale \(value.debugDescription) is not a BCP 47 language tag (such as es-ES)"
        case .outputNotDiglots(let path):
            return "error: the output folder \(path) is not empty and Diglot did not write it (no \(OutputWriter.manifestName)): "
                + "choose an empty or new folder, or give --force to build into it"
        case .outputUnsafe(let path, let why): return "error: refusing to build into \(path): \(why)"
        case .unreadableFile(let path, let why): return "error: cannot read \(path): \(why)"
        case .unwritableFile(let path, let why): return "error: cannot write \(path): \(why)"
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
