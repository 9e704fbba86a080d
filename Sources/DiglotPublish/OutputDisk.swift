import DiglotModel
import Foundation

private let posixWrite = write

/// The write stage's file-system calls (`OutputWriter` holds the stage itself): stats, links, folder
/// walks and removals that never cross into another file system, the atomic exchange, and one file's
/// write. None of these holds more than one file's bytes. The manifest is below.
package enum OutputDisk {
    /// Whether every file the last build wrote is still there as it left it (size and time).
    package static func isIntact(_ directory: URL) -> Bool { intactManifest(directory) != nil }

    /// The output's manifest, if the output is as it says (`isIntact`).
    package static func intactManifest(_ directory: URL) -> Manifest? {
        let root = directory.standardizedFileURL.path
        guard let text = ownFile(root + "/" + OutputWriter.manifestName) else { return nil }
        let manifest = Manifest(text: text)
        let intact = !manifest.entries.isEmpty && manifest.entries.allSatisfy { path, entry in
            guard let disk = fileStat(root + "/" + path) else { return false }
            return disk.size == entry.size && disk.mtime == entry.mtime
        }
        return intact ? manifest : nil
    }

    /// Gives `destination` the owner and mode (permission, setuid, setgid and sticky bits) of the folder
    /// at `source`, if it is one; the owner as far as the process may, owner first so that `chown`
    /// cannot clear the bits set after it. `chown(2)` needs privilege to give a file away, but not to
    /// give it a group the process is in: when the owner cannot be kept the group still is (a folder
    /// shared by a group and written by one of its members stays the group's).
    static func copyOwnerAndMode(from source: String, to destination: String) {
        var info = stat()
        guard stat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, let folder = openFolder(destination) else { return }
        defer { close(folder) }
        if fchown(folder, info.st_uid, info.st_gid) != 0 { _ = fchown(folder, uid_t.max, info.st_gid) }
        _ = fchmod(folder, info.st_mode & 0o7777)
    }

    /// The folder at `path` opened to change its owner or mode: never a link (`O_NOFOLLOW`) nor
    /// anything but a folder (`O_DIRECTORY`), so a link swapped in its place changes nothing.
    private static func openFolder(_ path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }

    /// Before anything is made in it: gives `destination` the group of the folder at `source` and, when
    /// `source` has it, the setgid bit, so that what is made in `destination` takes that group as it would
    /// in `source` (a group-shared output's new folders and files stay the group's). As far as the
    /// process may: `chown(2)` gives a file a group the process is in, else nothing changes.
    /// `copyOwnerAndMode` gives the rest once the folder is complete.
    static func takeGroup(of source: String, to destination: String) {
        var info = stat(), mine = stat()
        guard stat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, let folder = openFolder(destination) else { return }
        defer { close(folder) }
        guard fstat(folder, &mine) == 0 else { return }
        if mine.st_gid != info.st_gid { _ = fchown(folder, uid_t.max, info.st_gid) }
        if info.st_mode & S_ISGID != 0 { _ = fchmod(folder, (mine.st_mode & 0o7777) | S_ISGID) }
    }

    package static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Removes a folder and everything in it on its own file system: files unlinked on all cores, then
    /// the folders, deepest first. A mount point inside it is left, with what is in it, and so are its
    /// parents; a tree with names that are not UTF-8 is finished by `removeWithin`, name by name.
    static func removeTree(_ root: String) {
        // A link where a leftover folder should be is removed itself: never what it points to (a link
        // named `.site.diglot-new-1` in the content emptied the folder it named).
        var top = stat()
        if lstat(root, &top) == 0, (top.st_mode & S_IFMT) != S_IFDIR {
            unlink(root)
            return
        }
        makeEmptiable(root)
        let (all, complete) = entries(under: root)
        for folder in all where folder.isDirectory { makeEmptiable(root + "/" + folder.path) }
        _ = ConcurrentMap.map(all.filter { !$0.isDirectory }.map(\.path)) { unlink(root + "/" + $0) }
        for folder in all.filter(\.isDirectory).map(\.path).sorted(by: { $0.count > $1.count }) { rmdir(root + "/" + folder) }
        var info = stat()
        if rmdir(root) != 0, !complete, lstat(root, &info) == 0 { removeWithin(Array(root.utf8), device: info.st_dev) }
    }

    /// Gives a folder of this user's that it cannot empty (a read-only folder of the site, mode 0555,
    /// in the old site being removed) the owner's write and search permission back; never through a
    /// link (`O_NOFOLLOW`), never another user's folder.
    private static func makeEmptiable(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_uid == geteuid(), info.st_mode & 0o300 != 0o300 else { return }
        _ = fchmod(fd, (info.st_mode & 0o7777) | 0o300)
    }

    /// Removes what is at a path given as bytes (any name, UTF-8 or not), without following links
    /// (`lstat`) and without entering a folder on another file system than `device`, like `nftw(3)`'s
    /// `FTW_PHYS | FTW_MOUNT`.
    static func removeWithin(_ path: [UInt8], device: dev_t) {
        func cPath<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
            (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
        }
        var info = stat()
        guard cPath(path, { lstat($0, &info) }) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            _ = cPath(path) { unlink($0) }
            return
        }
        guard info.st_dev == device, let dir = cPath(path, { opendir($0) }) else { return }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
        }
        closedir(dir)
        for name in names { removeWithin(path + [0x2F] + name, device: device) }
        _ = cPath(path) { rmdir($0) }
    }

    /// Every file and folder under a folder (relative paths), read with readdir and its d_type, on the
    /// folder's own file system. `complete` is false when a name is not UTF-8, a folder cannot be read,
    /// or a folder is a mount point (another `st_dev`, listed but not walked into): such a tree cannot
    /// be carried over whole.
    static func entries(under root: String) -> (entries: [(path: String, isDirectory: Bool)], complete: Bool) {
        var result: [(String, Bool)] = []
        var complete = true
        let device = fileStat(root)?.device
        func walk(_ relative: String) {
            guard let dir = opendir(relative.isEmpty ? root : root + "/" + relative) else { complete = false; return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                guard let name = withUnsafeBytes(of: entry.pointee.d_name, { String(validating: $0.prefix { $0 != 0 }, as: UTF8.self) }) else {
                    complete = false
                    continue
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                let type = Int32(entry.pointee.d_type)
                guard type == Int32(DT_DIR) || type == Int32(DT_UNKNOWN) else {
                    result.append((child, false))
                    continue
                }
                // lstat: a symbolic link to a folder is a link, never walked into; a folder on another
                // file system (a mount point) is never walked into either.
                var info = stat()
                let isDirectory = lstat(root + "/" + child, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                result.append((child, isDirectory))
                guard isDirectory else { continue }
                if UInt64(info.st_dev) != device { complete = false; continue }
                walk(child)
            }
        }
        walk("")
        return (result, complete)
    }

    /// The output holds what a new folder cannot take whole: publish in place instead.
    struct CannotCarryOver: Error {}

    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2(RENAME_EXCHANGE)`, looked up at run time (Swift's Glibc module does not declare it).
    static let renameat2: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }

    /// Swaps two paths atomically; false when the system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        guard let renameat2 else { return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
    }

    /// New-site folders that an interrupted build of this user's left beside the output
    /// (`.NAME.diglot-new-PID-TAG`, or `-PID` as older builds named them). Another user's is left
    /// alone: in a shared folder (`/tmp`) its owner could swap a folder in it for a link to this user's
    /// files while it is being emptied. So is one whose build still runs.
    static func removeLeftovers(in folder: String, of name: String) {
        let prefix = "." + name + ".diglot-new-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(prefix) {
            var info = stat()
            guard lstat(folder + "/" + entry, &info) == 0, info.st_uid == geteuid() else { continue }
            if let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }), pid != ProcessInfo.processInfo.processIdentifier, isRunning(pid) { continue }
            removeTree(folder + "/" + entry)
        }
    }

    /// Whether `name`, in the output at `path`, is a file an in-place publish staged
    /// (`.NAME.diglot-new-PID`, `InPlacePublish.staged`: NAME not empty, PID digits) and left when it
    /// was killed: a regular file of this user's, whose process no longer runs or is this one (both
    /// callers ask before this process stages anything in the output; in a container a build often
    /// has the same process id as the killed one had). Such files are not the user's: the swap does
    /// not carry them over, and the in-place publish removes those in the folders it writes.
    static func isStagedLeftover(_ name: String, at path: String) -> Bool {
        guard name.utf8.first == UInt8(ascii: "."), let marker = name.range(of: ".diglot-new-", options: .backwards),
              name.distance(from: name.startIndex, to: marker.lowerBound) > 1 else { return false }
        let digits = name[marker.upperBound...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let pid = Int32(digits), pid > 0,
              pid == ProcessInfo.processInfo.processIdentifier || !isRunning(pid) else { return false }
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_uid == geteuid()
    }

    /// Whether a process runs: `kill(pid, 0)` succeeds, or fails only for want of permission (another
    /// user's process); a process id of 0 or below names a group, never one process.
    static func isRunning(_ pid: Int32) -> Bool {
        guard pid > 0 else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// The name of a new-site folder beside the output: its process, and a random tag, so that no one
    /// can make it before this build does (and one left by a build of the same process id, in another
    /// container, say, is never in the way).
    static func newSiteFolder(in folder: String, of name: String) -> String {
        folder + "/." + name + ".diglot-new-\(ProcessInfo.processInfo.processIdentifier)-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    struct DiskStat {
        var size: Int
        var mtime: Int64
        var isDirectory: Bool
        /// The file system (`st_dev`).
        var device: UInt64
    }

    static func fileStat(_ path: String) -> DiskStat? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return DiskStat(size: Int(info.st_size), mtime: mtime, isDirectory: (info.st_mode & S_IFMT) == S_IFDIR, device: UInt64(info.st_dev))
    }

    static func parent(of path: String) -> String {
        String(PathText.folder(of: path))
    }

    /// Makes the new-site folder beside the output (`newSiteFolder`), which must not be there already:
    /// one that is there was made by someone else (its name is random), who could swap the files staged
    /// in it. `mode` (less the umask): 0700 where only staged files go. Returns why it failed, or nil.
    static func makeNewFolder(_ path: String, mode: mode_t = 0o777) -> String? {
        if mkdir(path, mode) == 0 { return nil }
        if errno == EEXIST { return "\(path): it is already there (its name is random: someone else made it), so it is not used: remove it" }
        return "\(path): \(String(cString: strerror(errno)))"
    }

    /// Makes the folder at `path` and those of its parents that are missing (`mkdir -p`, mode 0777
    /// less the umask); returns why it failed, or nil. A folder already there is fine; anything else
    /// at `path` itself (a file, a symbolic link, even to a folder) is a failure. Links on the way to
    /// it are followed, as by `mkdir`: it is for folders inside the new site's folder, where there are
    /// none, and inside an output whose links on the way the writer has refused. One `mkdir` per
    /// folder made:
    /// `FileManager.createDirectory(withIntermediateDirectories:)` asks about each parent first, which
    /// was 3 % of a one-page edit (issue 12).
    static func makeFolder(_ path: String) -> String? {
        if mkdir(path, 0o777) == 0 { return nil }
        var error = errno
        if error == ENOENT, case let up = parent(of: path), !up.isEmpty {
            if let failure = makeFolder(up) { return failure }
            if mkdir(path, 0o777) == 0 { return nil }
            error = errno
        }
        var info = stat()
        if error == EEXIST, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return nil }
        return "\(path): \(String(cString: strerror(error)))"
    }

    /// Writes bytes to a new file; returns why it failed, or nil.
    /// Writes a new file at `path`: whatever is there is unlinked first (a link is removed, never
    /// written through), and the file is created new (`O_EXCL | O_NOFOLLOW`), so a link put there in
    /// the meantime is refused rather than followed.
    package static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "\(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        return writeAll(fd, bytes).map { "\(path): \($0)" }
    }

    /// Diglot's own file in the output (the manifest), read as content is: no link followed, a
    /// regular file only, bounded in size (an output inside the content can come with a forged one
    /// that is a link to `/dev/zero` or a FIFO). nil when it cannot be read so.
    package static func ownFile(_ path: String) -> String? {
        (try? FileRead.bytes(atPath: path, followingLinks: false)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Refuses (throws) when a folder on the way to any of `paths` in the output is a symbolic link:
    /// writing or removing through it would reach outside the output (an output inside the content
    /// can come with such a link, and a manifest that names files behind it).
    static func refuseLinksOnTheWay(to paths: [String], in root: String) throws {
        // Folders are told apart by their bytes (`PathText.Key`): `café` and `cafe\u{301}` are one String but two folders.
        var seen = Set<PathText.Key>()
        var last: Substring = ""  // the folder of the path before (most paths share their neighbour's)
        for path in paths {
            let parent = PathText.folder(of: path)
            if !parent.isEmpty, parent.utf8.elementsEqual(last.utf8) { continue }
            last = parent
            var folder = Substring(path)
            while folder.utf8.contains(UInt8(ascii: "/")) {
                folder = PathText.folder(of: folder)
                guard seen.insert(PathText.Key(folder)).inserted else { break }
                var info = stat()
                guard lstat(root + "/" + folder, &info) == 0 else { continue }
                // (A file where a folder is now needed is the swap's business: it may be the last build's.)
                if (info.st_mode & S_IFMT) == S_IFLNK {
                    throw DiglotError.outputNotWritable(root + "/" + folder, "it is a symbolic link, and Diglot never writes or removes through a link in its output")
                }
            }
        }
    }

    /// Writes all the bytes to an open file; returns why it failed (`strerror`), or nil.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += n
        }
        return nil
    }
}

/// `.diglot-manifest`: one line per file the last build wrote, `path<TAB>size<TAB>mtime-ns<TAB>hash`.
package struct Manifest {
    package struct Entry: Equatable {
        package var size: Int
        var mtime: Int64
        package var hash: UInt64
    }

    package var entries: [String: Entry]

    init(entries: [String: Entry]) {
        self.entries = entries
    }

    /// Reads a manifest; lines it cannot read (an older format) count as files with nothing known.
    package init(text: String) {
        var entries: [String: Entry] = [:]
        var text = text
        // Split on the bytes of `\n` and `\t` (ASCII, never inside a UTF-8 sequence): Character
        // splitting cost 7 % of a one-page edit's rebuild, which reads the manifest twice.
        text.withUTF8 { utf8 in
            entries.reserveCapacity(utf8.count / 64)
            for line in utf8.split(separator: UInt8(ascii: "\n")) {
                let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                guard let first = fields.first, !first.isEmpty else { continue }
                let path = String(decoding: first, as: UTF8.self)
                func text(_ i: Int) -> String { String(decoding: fields[i], as: UTF8.self) }
                if fields.count == 4, let size = Int(text(1)), let mtime = Int64(text(2)), let hash = UInt64(text(3), radix: 16) {
                    entries[path] = Entry(size: size, mtime: mtime, hash: hash)
                } else {
                    entries[path] = Entry(size: -1, mtime: -1, hash: 0)
                }
            }
        }
        self.entries = entries
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `text`'s bytes, written digit by digit: string interpolation took 1.9 ms of the 1,490 lines of
    /// the corpus's manifest, on the path of a one-page edit.
    package var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 100)
        func number(_ value: UInt64, radix: UInt64) {
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &digits) { buffer in
                var v = value, count = 0
                repeat {
                    let digit = UInt8(v % radix)
                    buffer[buffer.count - 1 - count] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                    v /= radix
                    count += 1
                } while v > 0
                bytes.append(contentsOf: buffer[(buffer.count - count)...])
            }
        }
        func signed(_ value: Int64) {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            number(value.magnitude, radix: 10)
        }
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            bytes.append(contentsOf: path.utf8)
            bytes.append(UInt8(ascii: "\t"))
            signed(Int64(entry.size))
            bytes.append(UInt8(ascii: "\t"))
            signed(entry.mtime)
            bytes.append(UInt8(ascii: "\t"))
            number(entry.hash, radix: 16)
            bytes.append(UInt8(ascii: "\n"))
        }
        if entries.isEmpty { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }
}
