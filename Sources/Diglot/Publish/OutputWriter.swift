import Foundation

/// The write stage, the only code that writes the output folder. A build is published whole or not
/// at all: the new site is made in a folder beside the output (`.Output.diglot-new-PID`) and swapped
/// in with one atomic rename (Linux's `renameat2` with `RENAME_EXCHANGE`), so an interrupted or failed
/// build leaves the previous output as it was, and a reader never sees half of each.
///
/// A file whose bytes are already in the output is not rewritten: it is hard-linked into the new
/// folder, keeping its inode and modification time. `.diglot-manifest` records, for every file the
/// last build wrote, its size, modification time and a hash of its bytes; a file whose size and time
/// on disk still match and whose new bytes hash the same is up to date (make's and rsync's quick check,
/// without reading the file back). Files a previous build wrote and this one did not are left out of
/// the new folder; files Diglot did not write (a README beside the site) are carried over as hard
/// links, never copies, so they keep their inode, mode, owner and times; the folders that hold them
/// are made anew with the old folders' mode and owner (and, for a folder with no file of the site,
/// its times).
///
/// Where the output cannot be swapped, the changed files are written beside their places and renamed
/// into them one by one instead: the output is a symbolic link or a mount point, its parent folder is
/// not writable, the file system refuses the exchange, or the output holds what a new folder cannot
/// take whole: a mount point (a folder on another file system, whose files a swap would have to copy
/// off it and then delete), a name that is not UTF-8, a folder Diglot cannot read, or a file that
/// cannot be hard-linked. Nothing is ever copied from one file system to another, and no removal
/// descends into another file system.
///
/// Before any of this, `validate(output:content:force:)` refuses an output folder a build must not
/// write into.
private let posixWrite = write

public enum OutputWriter {
    public static let manifestName = ".diglot-manifest"

    /// What a write did.
    public struct Stats: Sendable, Equatable {
        /// Files written (new or changed).
        public var written = 0
        /// Files already up to date, kept as they were.
        public var unchanged = 0
        /// Files of the previous build that this one no longer has.
        public var removed = 0

        public init(written: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.written = written
            self.unchanged = unchanged
            self.removed = removed
        }
    }

    /// Refuses an output folder that a build must never write into, before anything is written
    /// (`SiteBuilder.build` calls it first). Paths are compared after resolving symbolic links and
    /// `..` with `realpath(3)` (for an output that does not exist yet, its longest existing ancestor).
    ///
    /// - `/` (the root folder), the content folder itself, or a folder that holds the content (an
    ///   ancestor of it): `DiglotError.outputUnsafe`, whatever `force` says. An output inside the
    ///   content is allowed (the build leaves it out of what it reads).
    /// - A folder that is not empty (any entry at all, hidden ones included) and has no
    ///   `.diglot-manifest` (Diglot did not write it): `DiglotError.outputNotDiglots`, unless
    ///   `force`. With `force` its files are kept, except those at the paths of the site's own files.
    /// - A folder that does not exist, is empty, or has a manifest passes.
    /// A content folder that does not exist is `DiglotError.contentFolderMissing` (nothing to compare with).
    public static func validate(output: URL, content: URL, force: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiglotError.contentFolderMissing(content.path)
        }
        let path = output.path
        let out = resolvedPath(path)
        let source = resolvedPath(content.path)
        if out == "/" { throw DiglotError.outputUnsafe(path, "it is the root folder") }
        if out == source { throw DiglotError.outputUnsafe(path, "it is the content folder") }
        if source.hasPrefix(out + "/") { throw DiglotError.outputUnsafe(path, "it holds the content folder \(content.path)") }
        guard !force, let dir = opendir(out) else { return }
        defer { closedir(dir) }
        var isEmpty = true
        while let entry = readdir(dir) {
            let isDot = withUnsafeBytes(of: entry.pointee.d_name) { name in
                name[0] == UInt8(ascii: ".") && (name[1] == 0 || (name[1] == UInt8(ascii: ".") && name[2] == 0))
            }
            if !isDot { isEmpty = false; break }
        }
        var info = stat()
        let hasManifest = lstat(out + "/" + manifestName, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        if !isEmpty && !hasManifest { throw DiglotError.outputNotDiglots(path) }
    }

    /// An absolute path with symbolic links and `..` resolved (`realpath(3)`); for a path that does
    /// not exist, its longest existing ancestor resolved and the rest appended (the rest names no
    /// link, so resolving its `..` by the letters is exact).
    static func resolvedPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var head = absolute
        var rest: [String] = []
        while true {
            if let resolved = realpath(head, nil) {
                defer { free(resolved) }
                var parts = String(cString: resolved).split(separator: "/").map(String.init)
                for part in rest.reversed() {
                    if part == ".." { _ = parts.popLast() } else if part != "." && !part.isEmpty { parts.append(part) }
                }
                return "/" + parts.joined(separator: "/")
            }
            guard head != "/", !head.isEmpty else { return (absolute as NSString).standardizingPath }
            rest.append((head as NSString).lastPathComponent)
            head = (head as NSString).deletingLastPathComponent
        }
    }

    /// Writes one file (the draft of `diglot mail --output`), by what is at `path`:
    /// - nothing, or a regular file: a new file beside it (`.NAME.diglot-new-PID`) renamed over it, so
    ///   that it is written whole or not at all; a file that was there keeps its mode and owner.
    /// - a symbolic link: what it points to, by these same rules; the link stays a link.
    /// - a character device (`/dev/null`, a terminal) or a FIFO: written through (opened without
    ///   `O_CREAT` or `O_TRUNC`), as a shell's `>` does; never replaced by a file.
    /// - a folder, a block device (a disk) or a socket: refused.
    /// Throws `DiglotError.unwritableFile` with the reason (`strerror`'s text for a system error).
    public static func save(_ bytes: [UInt8], to path: String) throws {
        var target = path
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            target = resolvedPath(path)
            if lstat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { throw DiglotError.unwritableFile(path, "it is a symbolic link that leads nowhere") }
            if stat(target, &info) != 0 { info = stat() }
        } else if stat(path, &info) != 0 {
            info = stat()
        }
        func failure(_ why: String) -> DiglotError { .unwritableFile(path, why) }
        let kind = info.st_mode & S_IFMT
        switch kind {
        case S_IFDIR: throw failure("it is a folder")
        case S_IFBLK: throw failure("it is a block device (a disk): refusing to write a draft onto it")
        case S_IFSOCK: throw failure("it is a socket")
        case S_IFCHR, S_IFIFO:
            let fd = open(target, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
            defer { close(fd) }
            if let why = writeAll(fd, bytes) { throw failure(why) }
            return
        default:
            let folder = (target as NSString).deletingLastPathComponent
            let temporary = (folder.isEmpty ? "" : folder + "/") + "." + (target as NSString).lastPathComponent
                + ".diglot-new-\(ProcessInfo.processInfo.processIdentifier)"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
            var why = writeAll(fd, bytes)
            if why == nil, kind == S_IFREG {
                _ = fchown(fd, info.st_uid, info.st_gid)
                _ = fchmod(fd, info.st_mode & 0o7777)
            }
            if why == nil, fsync(fd) != 0 { why = String(cString: strerror(errno)) }
            close(fd)
            if why == nil, rename(temporary, target) != 0 { why = String(cString: strerror(errno)) }
            if let why {
                unlink(temporary)
                throw failure(why)
            }
        }
    }

    /// Writes the files and returns how many were written (files already up to date are not counted).
    /// With `clean`, every file is written anew.
    @discardableResult
    public static func write(_ files: [OutputFile], to directory: URL, clean: Bool = false) throws -> Int {
        try publish(files, to: directory, clean: clean).written
    }

    /// Writes the files into a new folder and swaps it in for the output.
    /// `metadata` files (the build cache) go into the new folder beside the manifest, unrecorded.
    public static func publish(_ files: [OutputFile], to directory: URL, clean: Bool = false, metadata: [OutputFile] = []) throws -> Stats {
        let fm = FileManager.default
        let root = directory.standardizedFileURL.path
        let parentFolder = (root as NSString).deletingLastPathComponent
        let name = (root as NSString).lastPathComponent
        do {
            try fm.createDirectory(atPath: parentFolder, withIntermediateDirectories: true)
        } catch {
            throw DiglotError.outputNotWritable(directory.path, error.localizedDescription)
        }
        removeLeftovers(in: parentFolder, of: name)
        let exists = fileStat(root)
        if let exists, !exists.isDirectory { throw DiglotError.outputNotWritable(root, "it is a file, not a folder") }
        // The manifest says which files are Diglot's (even with `clean`, so that stale ones go).
        let previous = Manifest(text: ownFile(root + "/" + manifestName) ?? "")
        if exists != nil { try refuseLinksOnTheWay(to: files.map(\.path) + Array(previous.entries.keys), in: root) }
        // Hash and compare on all cores: a file is up to date when its new bytes hash as recorded and
        // its size and time on disk are still those recorded. With `clean` none is.
        let checked = ConcurrentMap.map(files) { file -> (hash: UInt64, upToDate: Bool) in
            let hash = Manifest.hash(file.bytes)
            guard !clean, let entry = previous.entries[file.path], entry.size == file.bytes.count, entry.hash == hash,
                  let disk = fileStat(root + "/" + file.path) else { return (hash, false) }
            return (hash, disk.size == entry.size && disk.mtime == entry.mtime && !disk.isDirectory)
        }
        let current = Set(files.map(\.path))
        var stats = Stats()
        stats.removed = Set(previous.entries.keys).subtracting(current).filter { fileStat(root + "/" + $0) != nil }.count
        stats.unchanged = checked.filter(\.upToDate).count
        stats.written = files.count - stats.unchanged

        // The swap replaces the output folder itself. Where that would do harm, the changed files are
        // moved into place one by one instead: an output that is a symbolic link (its target would be
        // swapped away), a mount point (its new folder would be on the parent's file system), a parent
        // folder Diglot cannot write, or (found while carrying files over) an output holding a mount
        // point, names that are not UTF-8, folders it cannot read or files it cannot hard-link.
        let fresh = parentFolder + "/." + name + ".diglot-new-\(ProcessInfo.processInfo.processIdentifier)"
        if let exists, isSymbolicLink(root) || access(parentFolder, W_OK) != 0 || fileStat(parentFolder)?.device != exists.device {
            try moveInPlace(files, checked: checked, previous: previous, root: root)
            for file in metadata { _ = writeFile(root + "/" + file.path, file.bytes) }
            return stats
        }
        do {
            try build(files, checked: checked, previous: previous, into: fresh, from: exists == nil ? nil : root)
            // The new folder keeps the output folder's permissions (a web server's group, say).
            if exists != nil { copyOwnerAndMode(from: root, to: fresh) }
            for file in metadata {
                if let failure = writeFile(fresh + "/" + file.path, file.bytes) { throw DiglotError.outputNotWritable(fresh, failure) }
            }
        } catch is CannotCarryOver {
            removeTree(fresh)
            try moveInPlace(files, checked: checked, previous: previous, root: root)
            for file in metadata { _ = writeFile(root + "/" + file.path, file.bytes) }
            return stats
        } catch {
            removeTree(fresh)
            throw error
        }
        if let pause = ProcessInfo.processInfo.environment["DIGLOT_TEST_PAUSE_BEFORE_SWAP"], let seconds = Double(pause) {
            Thread.sleep(forTimeInterval: seconds)  // lets a test kill the build here, with the new site ready and not swapped in
        }
        guard exists != nil else {
            if rename(fresh, root) != 0 {
                let reason = String(cString: strerror(errno))
                removeTree(fresh)
                throw DiglotError.outputNotWritable(root, reason)
            }
            return stats
        }
        if exchange(fresh, root) {
            // `fresh` now holds the previous site.
            removeTree(fresh)
            return stats
        }
        // No atomic exchange here: move the changed files into place one by one.
        removeTree(fresh)
        try moveInPlace(files, checked: checked, previous: previous, root: root)
        for file in metadata { _ = writeFile(root + "/" + file.path, file.bytes) }
        return stats
    }

    /// Makes the new site in `folder`: up-to-date files linked from `old`, the others written, files
    /// Diglot did not write carried over, and the manifest.
    private static func build(_ files: [OutputFile], checked: [(hash: UInt64, upToDate: Bool)], previous: Manifest,
                              into folder: String, from old: String?) throws {
        let fm = FileManager.default
        var folders = Set(files.map { parent(of: $0.path) })
        // Files Diglot did not write, carried over as they are (hard links).
        var foreign: [String] = []
        if let old {
            let current = Set(files.map(\.path))
            // The folders the previous build made: those of its files that are gone are not kept.
            var builtFolders = Set<String>()
            for path in previous.entries.keys {
                var folder = parent(of: path)
                while !folder.isEmpty, builtFolders.insert(folder).inserted { folder = parent(of: folder) }
            }
            // A mount point, a name that is not UTF-8 or a folder that cannot be read: publish in place.
            let (existing, complete) = entries(under: old)
            guard complete else { throw CannotCarryOver() }
            for (path, isDirectory) in existing {
                if isDirectory {
                    // A folder of the user's is kept, even empty; one where a file must go stops the build.
                    if current.contains(path) { throw DiglotError.outputNotWritable(old + "/" + path, "a folder is in the way of this file") }
                    if !builtFolders.contains(path) { folders.insert(path) }
                    continue
                }
                if path == manifestName || path == BuildCache.fileName || previous.entries[path] != nil || current.contains(path) { continue }
                foreign.append(path)
                folders.insert(parent(of: path))
            }
        }
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for sub in folders.sorted() where !sub.isEmpty {
                try fm.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
            }
        } catch {
            throw DiglotError.outputNotWritable(folder, error.localizedDescription)
        }
        let outcomes = ConcurrentMap.map(Array(files.indices)) { index -> (linked: Bool, failure: String?) in
            let path = files[index].path
            if checked[index].upToDate, let old, link(old + "/" + path, folder + "/" + path) == 0 { return (true, nil) }
            return (false, writeFile(folder + "/" + path, files[index].bytes))
        }
        let linked = outcomes.map(\.linked)
        if let failure = outcomes.compactMap(\.failure).first {
            throw DiglotError.outputNotWritable(folder, failure)
        }
        // Carried over as hard links only (same inode: mode, owner and times kept). A file that cannot
        // be linked (a file system without hard links, another user's file under protected_hardlinks)
        // is never copied: the build is published in place instead, leaving it where it is.
        for path in foreign where link(old! + "/" + path, folder + "/" + path) != 0 { throw CannotCarryOver() }
        if let old {
            // The folders that were in the output keep their mode and owner (a 0700 `.ssh` stays 0700);
            // those that hold no file of the site also keep their times, set deepest first once their
            // contents are in place.
            let siteFolders = Set(files.flatMap { file in sequence(first: parent(of: file.path)) { $0.isEmpty ? nil : parent(of: $0) } })
            for sub in folders.union(siteFolders) where !sub.isEmpty { copyOwnerAndMode(from: old + "/" + sub, to: folder + "/" + sub) }
            for sub in folders.subtracting(siteFolders).sorted(by: { $0.count > $1.count }) where !sub.isEmpty {
                var info = stat()
                guard stat(old + "/" + sub, &info) == 0 else { continue }
                var times = [info.st_atim, info.st_mtim]
                _ = utimensat(AT_FDCWD, folder + "/" + sub, &times, 0)
            }
        }
        var entries: [String: Manifest.Entry] = [:]
        for (index, file) in files.enumerated() {
            // A linked file keeps the time recorded for it; a written one is asked.
            let mtime = linked[index] ? previous.entries[file.path]?.mtime : fileStat(folder + "/" + file.path)?.mtime
            entries[file.path] = Manifest.Entry(size: file.bytes.count, mtime: mtime ?? 0, hash: checked[index].hash)
        }
        if let failure = writeFile(folder + "/" + manifestName, Array(Manifest(entries: entries).text.utf8)) {
            throw DiglotError.outputNotWritable(folder, failure)
        }
    }

    /// Whether every file the last build wrote is still there as it left it (size and time).
    static func isIntact(_ directory: URL) -> Bool {
        let root = directory.standardizedFileURL.path
        guard let text = ownFile(root + "/" + manifestName) else { return false }
        let manifest = Manifest(text: text)
        return !manifest.entries.isEmpty && manifest.entries.allSatisfy { path, entry in
            guard let disk = fileStat(root + "/" + path) else { return false }
            return disk.size == entry.size && disk.mtime == entry.mtime
        }
    }

    /// Gives `destination` the owner and mode (permission, setuid, setgid and sticky bits) of the folder
    /// at `source`, if it is one; the owner as far as the process may (`chown(2)` needs privilege to
    /// give a file away), owner first so that `chown` cannot clear the bits set after it.
    private static func copyOwnerAndMode(from source: String, to destination: String) {
        var info = stat()
        guard stat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        _ = chown(destination, info.st_uid, info.st_gid)
        _ = chmod(destination, info.st_mode & 0o7777)
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Removes a folder and everything in it on its own file system: files unlinked on all cores, then
    /// the folders, deepest first. A mount point inside it is left, with what is in it, and so are its
    /// parents; a tree with names that are not UTF-8 is finished by `removeWithin`, name by name.
    private static func removeTree(_ root: String) {
        // A link where a leftover folder should be is removed itself: never what it points to (a link
        // named `.site.diglot-new-1` in the content emptied the folder it named).
        var top = stat()
        if lstat(root, &top) == 0, (top.st_mode & S_IFMT) != S_IFDIR {
            unlink(root)
            return
        }
        let (all, complete) = entries(under: root)
        _ = ConcurrentMap.map(all.filter { !$0.isDirectory }.map(\.path)) { unlink(root + "/" + $0) }
        for folder in all.filter(\.isDirectory).map(\.path).sorted(by: { $0.count > $1.count }) { rmdir(root + "/" + folder) }
        var info = stat()
        if rmdir(root) != 0, !complete, lstat(root, &info) == 0 { removeWithin(Array(root.utf8), device: info.st_dev) }
    }

    /// Removes what is at a path given as bytes (any name, UTF-8 or not), without following links
    /// (`lstat`) and without entering a folder on another file system than `device`, like `nftw(3)`'s
    /// `FTW_PHYS | FTW_MOUNT`.
    private static func removeWithin(_ path: [UInt8], device: dev_t) {
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
    private static func entries(under root: String) -> (entries: [(path: String, isDirectory: Bool)], complete: Bool) {
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
    private struct CannotCarryOver: Error {}

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2(RENAME_EXCHANGE)`, looked up at run time (Swift's Glibc module does not declare it).
    private static let renameat2: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }

    /// Swaps two paths atomically; false when the system cannot.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        guard let renameat2 else { return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
    }

    /// New-site folders that an interrupted build left beside the output.
    private static func removeLeftovers(in folder: String, of name: String) {
        let prefix = "." + name + ".diglot-new-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(prefix) {
            // Another build still running into the same output keeps its folder.
            if let pid = Int32(entry.dropFirst(prefix.count)), pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) == 0 { continue }
            removeTree(folder + "/" + entry)
        }
    }

    /// The fallback: each changed file written beside its place (`.NAME.diglot-new-PID`, in the same
    /// folder, so on the same file system even under a mount point) and renamed into it, one by one.
    /// Stale files of the last build are unlinked (never a folder, never recursively).
    private static func moveInPlace(_ files: [OutputFile], checked: [(hash: UInt64, upToDate: Bool)], previous: Manifest, root: String) throws {
        let fm = FileManager.default
        let manifestPath = root + "/" + manifestName
        let hashes = checked.map(\.hash)
        let changed = files.indices.filter { !checked[$0].upToDate }
        let suffix = ".diglot-new-\(ProcessInfo.processInfo.processIdentifier)"
        @Sendable func staged(_ path: String) -> String {
            let folder = parent(of: path)
            return root + "/" + (folder.isEmpty ? "" : folder + "/") + "." + (path as NSString).lastPathComponent + suffix
        }
        func removeStaged() { _ = ConcurrentMap.map(changed) { unlink(staged(files[$0].path)) } }

        // Folders first (once each), then the files on all cores.
        do {
            for folder in Set(changed.map { parent(of: files[$0].path) }).sorted() where !folder.isEmpty {
                try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            }
        } catch {
            throw DiglotError.outputNotWritable(root, error.localizedDescription)
        }
        // A destination that is a folder would fail its move half way through: refuse before any move.
        for index in changed {
            if let disk = fileStat(root + "/" + files[index].path), disk.isDirectory {
                throw DiglotError.outputNotWritable(root + "/" + files[index].path, "a folder is in the way of this file")
            }
        }
        let failures = ConcurrentMap.map(changed) { index -> String? in
            writeFile(staged(files[index].path), files[index].bytes)
        }
        if let failure = failures.compactMap({ $0 }).first {
            removeStaged()
            throw DiglotError.outputNotWritable(root, failure)
        }
        var entries = previous.entries
        for index in changed {
            let path = files[index].path
            let written = fileStat(staged(path))
            if rename(staged(path), root + "/" + path) != 0 {
                let reason = String(cString: strerror(errno))
                removeStaged()
                throw DiglotError.outputNotWritable(root + "/" + path, reason)
            }
            entries[path] = Manifest.Entry(size: files[index].bytes.count, mtime: written?.mtime ?? 0, hash: hashes[index])
        }

        let current = Set(files.map(\.path))
        for stale in Set(previous.entries.keys).subtracting(current).sorted() where !stale.isEmpty && !stale.hasPrefix("/") && !stale.contains("..") {
            unlink(root + "/" + stale)
        }
        entries = entries.filter { current.contains($0.key) }
        try? Data(Manifest(entries: entries).text.utf8).write(to: URL(fileURLWithPath: manifestPath), options: .atomic)
    }

    private struct DiskStat {
        var size: Int
        var mtime: Int64
        var isDirectory: Bool
        /// The file system (`st_dev`).
        var device: UInt64
    }

    private static func fileStat(_ path: String) -> DiskStat? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return DiskStat(size: Int(info.st_size), mtime: mtime, isDirectory: (info.st_mode & S_IFMT) == S_IFDIR, device: UInt64(info.st_dev))
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Writes bytes to a new file; returns why it failed, or nil.
    /// Writes a new file at `path`: whatever is there is unlinked first (a link is removed, never
    /// written through), and the file is created new (`O_EXCL | O_NOFOLLOW`), so a link put there in
    /// the meantime is refused rather than followed.
    private static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "\(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        return writeAll(fd, bytes).map { "\(path): \($0)" }
    }

    /// Diglot's own file in the output (the manifest), read as content is: no link followed, a
    /// regular file only, bounded in size (an output inside the content can come with a forged one
    /// that is a link to `/dev/zero` or a FIFO). nil when it cannot be read so.
    static func ownFile(_ path: String) -> String? {
        (try? ContentLoader.readFile(atPath: path, followingLinks: false)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Refuses (throws) when a folder on the way to any of `paths` in the output is a symbolic link:
    /// writing or removing through it would reach outside the output (an output inside the content
    /// can come with such a link, and a manifest that names files behind it).
    private static func refuseLinksOnTheWay(to paths: [String], in root: String) throws {
        // Folders are told apart by their bytes: `café` and `cafe\u{301}` are one String but two folders.
        var seen = Set<[UInt8]>()
        for path in paths {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard seen.insert(Array(folder.utf8)).inserted else { break }
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
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
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
