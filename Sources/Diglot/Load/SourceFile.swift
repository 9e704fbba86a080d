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
    /// With `followingLinks: false` a link at `path` itself is refused (`O_NOFOLLOW`): content files
    /// (`ContentFolder.read`, after their real path is checked) and the output's own files are read so.
    public static func readFile(atPath path: String, followingLinks: Bool = true) throws(DiglotError) -> [UInt8] {
        func failure(_ why: String) -> DiglotError { .unreadableFile(path, why) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
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
    /// The site would be far larger than its content (DG305's message).
    case siteTooLarge(String)
    /// The output folder is not empty and Diglot did not write it (it has no `.diglot-manifest`).
    case outputNotDiglots(String)
    /// The output folder is one a build must never write into: the path and why.
    case outputUnsafe(String, String)
    /// A file (the page of `inspect`, the draft of `mail --output`) cannot be read or written: the path and why.
    case unreadableFile(String, String)
    case unwritableFile(String, String)
    /// Files `init` or `templates export` would replace: the folder, the paths, and what to do.
    case wouldOverwrite(String, [String], String)
    /// A locale's part that `merge` cannot take: its folder and why.
    case partInvalid(String, String)

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
        case .siteTooLarge(let why): return "error: \(why)"
        case .outputNotDiglots(let path):
            return "error: the output folder \(path) is not empty and Diglot did not write it (no \(OutputWriter.manifestName)): "
                + "choose an empty or new folder, or give --force to build into it"
        case .outputUnsafe(let path, let why): return "error: refusing to build into \(path): \(why)"
        case .unreadableFile(let path, let why): return "error: cannot read \(path): \(why)"
        case .unwritableFile(let path, let why): return "error: cannot write \(path): \(why)"
        case .partInvalid(let path, let why): return "error: cannot merge the part \(path): \(why)"
        case .wouldOverwrite(let folder, let paths, let advice):
            let shown = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? " and \(paths.count - 5) more" : "")
            return "error: \(folder) already holds \(shown): nothing was written\(advice.isEmpty ? "" : " (\(advice))")"
        }
    }
}

/// Where values stand in one JSON file, for diagnostics: Foundation's `JSONSerialization` gives no
/// positions, so a value is found as a JSON string (`"value"`) after its `"key"`. Each key's search
/// goes on from where its last value was found (a file's entries are reported in file order), so
/// locating every value of a file takes time linear in the file, not quadratic (20,000 refused
/// redirections took 39 s when each search started again at the top). Line and column are 1-based;
/// the column counts UTF-8 bytes.
struct JSONPositions {
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    private var cursors: [String: Int] = [:]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The position of `value` after `"key"` (from the last one found for that key), else of its first
    /// occurrence anywhere, else 1:1.
    mutating func of(_ value: String, key: String) -> SourceLocation {
        let quoted = Array("\"\(value)\"".utf8)
        let keyBytes = Array("\"\(key)\"".utf8)
        var from = cursors[key, default: 0]
        while let at = find(keyBytes, from: from) {
            from = at + keyBytes.count
            // The value must follow its key: a `:` and white space only between them.
            var i = from
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == UInt8(ascii: ":") { i += 1 }
            if i + quoted.count <= bytes.count, bytes[i..<(i + quoted.count)].elementsEqual(quoted) {
                cursors[key] = i + quoted.count
                return location(i)
            }
        }
        return find(quoted, from: 0).map(location) ?? SourceLocation(line: 1, column: 1)
    }

    /// The first occurrence of `needle` at or after `from` (memchr finds each candidate first byte).
    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            let last = buffer.count - needle.count
            var at = from
            while at <= last, let hit = memchr(base + at, Int32(needle[0]), last - at + 1) {
                let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(base + i, needle, needle.count) == 0 { return i }
                at = i + 1
            }
            return nil
        }
    }

    private func location(_ offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid }
        }
        return SourceLocation(line: low + 1, column: offset - lineStarts[low] + 1)
    }
}
