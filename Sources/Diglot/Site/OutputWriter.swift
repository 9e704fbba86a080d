import Foundation

/// The write stage, the only code that writes the output folder. A file whose bytes are already there
/// is left alone, so a rebuild touches only what changed: `.diglot-manifest` records, for every file
/// the last build wrote, its size, modification time and a hash of its bytes, and a file whose size and
/// time on disk still match and whose new bytes hash the same is not rewritten (make's and rsync's
/// quick check, without reading the file back). The others are first written into a staging folder
/// inside the output; only when all are written are they moved into place (each move atomic), so a
/// failed build leaves the previous output as it was. Files a previous build wrote and this one did
/// not are removed; files Diglot did not write are never touched.
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
        let manifestPath = root + "/" + manifestName
        let previous = Manifest(text: (try? String(contentsOfFile: manifestPath, encoding: .utf8)) ?? "")
        // Hash and compare on all cores: a file is up to date when its new bytes hash as recorded and
        // its size and time on disk are still those recorded.
        let checked = ConcurrentMap.map(files) { file -> (hash: UInt64, upToDate: Bool) in
            let hash = Manifest.hash(file.bytes)
            guard let entry = previous.entries[file.path], entry.size == file.bytes.count, entry.hash == hash,
                  let disk = fileStat(root + "/" + file.path) else { return (hash, false) }
            return (hash, disk.size == entry.size && disk.mtime == entry.mtime)
        }
        let hashes = checked.map(\.hash)
        let upToDate = checked.map(\.upToDate)
        let changed = files.indices.filter { !upToDate[$0] }
        let staging = root + "/.diglot-staging-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: staging)

        // Folders first (once each), then the files on all cores.
        let folders = Set(changed.map { parent(of: files[$0].path) })
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
        for index in changed {
            if let disk = fileStat(root + "/" + files[index].path), disk.isDirectory {
                try? fm.removeItem(atPath: staging)
                throw DiglotError.outputNotWritable(root + "/" + files[index].path, "a folder is in the way of this file")
            }
        }
        let failures = ConcurrentMap.map(changed) { index -> String? in
            writeFile(staging + "/" + files[index].path, files[index].bytes)
        }
        if let failure = failures.compactMap({ $0 }).first {
            try? fm.removeItem(atPath: staging)
            throw DiglotError.outputNotWritable(root, failure)
        }
        var entries = previous.entries
        for index in changed {
            let path = files[index].path
            let staged = staging + "/" + path
            let written = fileStat(staged)
            if rename(staged, root + "/" + path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(atPath: staging)
                throw DiglotError.outputNotWritable(root + "/" + path, reason)
            }
            entries[path] = Manifest.Entry(size: files[index].bytes.count, mtime: written?.mtime ?? 0, hash: hashes[index])
        }
        try? fm.removeItem(atPath: staging)

        let current = Set(files.map(\.path))
        for stale in Set(previous.entries.keys).subtracting(current).sorted() where !stale.isEmpty && !stale.hasPrefix("/") && !stale.contains("..") {
            try? fm.removeItem(atPath: root + "/" + stale)
        }
        entries = entries.filter { current.contains($0.key) }
        try? Data(Manifest(entries: entries).text.utf8).write(to: URL(fileURLWithPath: manifestPath), options: .atomic)
        return changed.count
    }

    private struct DiskStat {
        var size: Int
        var mtime: Int64
        var isDirectory: Bool
    }

    private static func fileStat(_ path: String) -> DiskStat? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return DiskStat(size: Int(info.st_size), mtime: mtime, isDirectory: (info.st_mode & S_IFMT) == S_IFDIR)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
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

/// `.diglot-manifest`: one line per file the last build wrote, `path<TAB>size<TAB>mtime-ns<TAB>hash`.
struct Manifest {
    struct Entry: Equatable {
        var size: Int
        var mtime: Int64
        var hash: UInt64
    }

    var entries: [String: Entry]

    init(entries: [String: Entry]) {
        self.entries = entries
    }

    /// Reads a manifest; lines it cannot read (an older format) count as files with nothing known.
    init(text: String) {
        var entries: [String: Entry] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let path = fields.first.map(String.init), !path.isEmpty else { continue }
            if fields.count == 4, let size = Int(fields[1]), let mtime = Int64(fields[2]), let hash = UInt64(fields[3], radix: 16) {
                entries[path] = Entry(size: size, mtime: mtime, hash: hash)
            } else {
                entries[path] = Entry(size: -1, mtime: -1, hash: 0)
            }
        }
        self.entries = entries
    }

    var text: String {
        entries.keys.sorted().map { path in
            let e = entries[path]!
            return "\(path)\t\(e.size)\t\(e.mtime)\t\(String(e.hash, radix: 16))"
        }.joined(separator: "\n") + "\n"
    }

    /// A fast 64-bit hash of bytes, 32 at a time in four lanes (change detection, not security).
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw -> UInt64 in
            let k: UInt64 = 0x9E37_79B9_7F4A_7C15
            var a: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count), b = a &+ k, c = a &+ 2 &* k, d = a &+ 3 &* k
            let blocks = raw.count / 32
            for i in 0..<blocks {
                let base = i * 32
                a = (a ^ raw.loadUnaligned(fromByteOffset: base, as: UInt64.self)) &* k; a ^= a >> 31
                b = (b ^ raw.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self)) &* k; b ^= b >> 31
                c = (c ^ raw.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self)) &* k; c ^= c >> 31
                d = (d ^ raw.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self)) &* k; d ^= d >> 31
            }
            var h = a ^ (b &* 3) ^ (c &* 5) ^ (d &* 7)
            for i in (blocks * 32)..<raw.count {
                h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3
            }
            h ^= h >> 33
            h = h &* 0xff51_afd7_ed55_8ccd
            return h ^ (h >> 33)
        }
    }
}
