import Foundation

/// The write stage, the only code that writes the output folder. A file whose bytes are already there
/// is left alone (so a rebuild touches only what changed). The others are first written into a
/// staging folder inside the output; only when all are written are they moved into place (each move
/// atomic), so a failed build leaves the previous output as it was. Files a previous build wrote and
/// this one did not are removed (the list is kept in `.diglot-manifest`); files Diglot did not write
/// are never touched.
private let posixWrite = write

public enum OutputWriter {
    public static let manifestName = ".diglot-manifest"

    /// Writes the files and returns how many were written (files already up to date are not counted).
    @discardableResult
    public static func write(_ files: [OutputFile], to directory: URL) throws -> Int {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DiglotError.outputNotWritable(directory.path, error.localizedDescription)
        }
        let root = directory.standardizedFileURL.path
        let allPaths = files.map(\.path)
        let staging = root + "/.diglot-staging-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: staging)

        let changed = ConcurrentMap.map(files) { file in !isUpToDate(root + "/" + file.path, file.bytes) }
        let files = zip(files, changed).filter(\.1).map(\.0)
        // Folders first (once each), then the files on all cores.
        let folders = Set(files.map { parent(of: $0.path) })
        do {
            for folder in folders.sorted() {
                try fm.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
                try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw DiglotError.outputNotWritable(root, error.localizedDescription)
        }
        // A destination that is a folder would fail its move half way through: refuse before any move.
        for file in files {
            var info = stat()
            if stat(root + "/" + file.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                try? fm.removeItem(atPath: staging)
                throw DiglotError.outputNotWritable(root + "/" + file.path, "a folder is in the way of this file")
            }
        }
        let failures = ConcurrentMap.map(files) { file -> String? in
            writeFile(staging + "/" + file.path, file.bytes)
        }
        if let failure = failures.compactMap({ $0 }).first {
            try? fm.removeItem(atPath: staging)
            throw DiglotError.outputNotWritable(root, failure)
        }
        for file in files where rename(staging + "/" + file.path, root + "/" + file.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: staging)
            throw DiglotError.outputNotWritable(root + "/" + file.path, reason)
        }
        try? fm.removeItem(atPath: staging)

        let manifestPath = root + "/" + manifestName
        let previous = Set(((try? String(contentsOfFile: manifestPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init))
        let current = Set(allPaths)
        for stale in previous.subtracting(current).sorted() where !stale.isEmpty && !stale.hasPrefix("/") && !stale.contains("..") {
            try? fm.removeItem(atPath: root + "/" + stale)
        }
        let manifest = current.sorted().joined(separator: "\n") + "\n"
        try? Data(manifest.utf8).write(to: URL(fileURLWithPath: manifestPath), options: .atomic)
        return files.count
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// True when the file at `path` holds exactly `bytes`.
    private static func isUpToDate(_ path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var existing = [UInt8](repeating: 0, count: bytes.count)
        var offset = 0
        while offset < existing.count {
            let n = existing.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return existing == bytes
    }

    /// Writes bytes to a new file; returns why it failed, or nil.
    private static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "\(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return "\(path): \(String(cString: strerror(errno)))"
            }
            offset += n
        }
        return nil
    }
}
