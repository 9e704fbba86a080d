import DiglotModel
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
/// into them one by one instead, batch by batch as they come (not atomic: a build that fails half way
/// leaves the batches already moved in): the output is a symbolic link or a mount point, its parent folder is
/// not writable, the file system refuses the exchange, or the output holds what a new folder cannot
/// take whole: a mount point (a folder on another file system, whose files a swap would have to copy
/// off it and then delete), a name that is not UTF-8, a folder Diglot cannot read, or a file that
/// cannot be hard-linked. Nothing is ever copied from one file system to another, and no removal
/// descends into another file system.
///
/// The writer streams: `publish(plan:to:clean:metadata:produce:)` takes the list of every path the
/// build will write (the plan) up front, and the files' bytes in batches as the build produces them.
/// Everything that needs the whole site (the links refused on the way, the folders to make, the files
/// of the last build that are gone, the files carried over, and whether to swap or move in place) is
/// decided from the plan and the old output before the first batch; each batch is then hashed,
/// compared and written (or linked) on all cores, and only its manifest entries are kept, so no stage
/// holds every page's bytes at once. `publish(_:to:clean:metadata:)` is one batch of every file.
///
/// Before any of this, `validate(output:content:force:)` refuses an output folder a build must not
/// write into.

public enum OutputWriter {
    public static let manifestName = ".diglot-manifest"
    /// The build's other bookkeeping files, beside the manifest and never recorded in it (the
    /// `metadata` of `publish`): the build cache, the page cache, a locale part's description and a
    /// merged site's key. Their owners name them by these; the writer never carries them over as
    /// files of the user's, and removes them before it changes the output in place.
    package static let buildCacheName = ".diglot-cache", pageCacheName = ".diglot-pages", sitePartName = ".diglot-part.json",
                       mergeKeyName = ".diglot-merge"
    private static let bookkeepingNames: Set<String> = [manifestName, buildCacheName, pageCacheName, sitePartName, mergeKeyName]

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
    package static func resolvedPath(_ path: String) -> String {
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

    /// Writes the files into a new folder and swaps it in for the output: `publish(plan:...)` with
    /// one batch of every file.
    /// `metadata` files (the build cache) go into the new folder beside the manifest, unrecorded.
    public static func publish(_ files: [OutputFile], to directory: URL, clean: Bool = false, metadata: [OutputFile] = []) throws -> Stats {
        try publish(plan: files.map(\.path), to: directory, clean: clean, metadata: { metadata }) { sink in try sink(files) }
    }

    /// Streams a build's files into the output. `plan` is every path the build will write, already checked
    /// by `OutputPlan` (normal, unique, none another's folder). `produce` is called once and hands files to
    /// `sink` in batches, each path of the plan at most once, in any order; the sink hashes, compares and
    /// writes a batch (on all cores) and keeps only its manifest entries, so the caller can drop the bytes.
    /// `metadata` is called after `produce` returns (the build cache, whose content is known only then).
    /// If `produce` throws, nothing is published: the new folder is removed and the error rethrown (the
    /// previous output stays as it was). Same guarantees and fallbacks as `publish(_:to:clean:metadata:)`.
    ///
    /// A planned path that `produce` never sends is not written (and not in the manifest); a path sent
    /// that is not in the plan, or sent twice, throws `DiglotError.outputNotWritable` (a programming
    /// error). Call `sink` from one thread at a time (it works on all cores itself), and only from within
    /// `produce`; a batch may be of any size (one page's views, say). Whether the site is made in a new
    /// folder and swapped in, or moved into the output file by file, is decided before `produce` is
    /// called. In the second mode (an output that is a symbolic link
    /// or a mount point, an unwritable parent folder, or an output a new folder cannot take whole) each
    /// batch is moved in as it comes, so a `produce` that throws leaves the files of the batches already
    /// moved in (recorded in the manifest, the build cache removed); its staged files are removed.
    ///
    /// `keep`: paths of the plan whose files the last build wrote and the build knows to be the same
    /// (the build cache's kept pages): carried over as they are (linked, or left in place) without
    /// their bytes being produced, recorded as the last build recorded them. Each must be in the
    /// manifest and still as it recorded (the caller checks `isIntact`); none may be sent as well.
    public static func publish(plan: [String], to directory: URL, clean: Bool = false, keep: [String] = [],
                               metadata: () -> [OutputFile] = { [] },
                               produce: (_ sink: ([OutputFile]) throws -> Void) throws -> Void) throws -> Stats {
        try publish(plan: plan, to: directory, clean: clean, keep: keep, manifest: nil, metadata: metadata, produce: produce)
    }

    /// `publish` with the output's manifest as the caller just read it (`intactManifest`), not read again.
    package static func publish(plan: [String], to directory: URL, clean: Bool, keep: [String], manifest: Manifest?, metadata: () -> [OutputFile],
                        produce: (_ sink: ([OutputFile]) throws -> Void) throws -> Void) throws -> Stats {
        let root = directory.standardizedFileURL.path
        let parentFolder = (root as NSString).deletingLastPathComponent
        let name = (root as NSString).lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parentFolder, withIntermediateDirectories: true)
        } catch {
            throw DiglotError.outputNotWritable(directory.path, error.localizedDescription)
        }
        removeLeftovers(in: parentFolder, of: name)
        let exists = fileStat(root)
        if let exists, !exists.isDirectory { throw DiglotError.outputNotWritable(root, "it is a file, not a folder") }
        // The manifest says which files are Diglot's (even with `clean`, so that stale ones go).
        let previous = manifest ?? Manifest(text: ownFile(root + "/" + manifestName) ?? "")
        if exists != nil { try refuseLinksOnTheWay(to: plan + Array(previous.entries.keys), in: root) }
        let planned = Set(plan)
        var stats = Stats()
        stats.removed = Set(previous.entries.keys).subtracting(planned).filter { fileStat(root + "/" + $0) != nil }.count

        // Decided before anything is produced. The swap replaces the output folder itself; where that
        // would do harm, the changed files are moved into place one by one instead: an output that is a
        // symbolic link (its target would be swapped away), a mount point (its new folder would be on the
        // parent's file system), a parent folder Diglot cannot write, or (found while carrying files
        // over) an output holding a mount point, names that are not UTF-8, folders it cannot read or
        // files it cannot hard-link.
        let fresh = parentFolder + "/." + name + ".diglot-new-\(ProcessInfo.processInfo.processIdentifier)"
        let old = exists == nil ? nil : root
        var inPlace = false
        var keptFolders = Set<String>()
        if let exists, isSymbolicLink(root) || access(parentFolder, W_OK) != 0 || fileStat(parentFolder)?.device != exists.device {
            inPlace = true
        } else {
            do {
                keptFolders = try prepare(plan: plan, planned: planned, previous: previous, into: fresh, from: old)
            } catch is CannotCarryOver {
                removeTree(fresh)
                inPlace = true
            } catch {
                removeTree(fresh)
                throw error
            }
        }
        if inPlace {
            // A destination that is a folder would fail its move half way through: refuse before any move.
            let inTheWay = ConcurrentMap.map(plan) { path in fileStat(root + "/" + path)?.isDirectory == true }
            if let index = inTheWay.firstIndex(of: true) {
                throw DiglotError.outputNotWritable(root + "/" + plan[index], "a folder is in the way of this file")
            }
        }

        // The batches: only their manifest entries are kept.
        var entries: [String: Manifest.Entry] = [:]
        var sent = Set<String>()
        var changed: [String] = []  // written into the new folder (not linked): what the fallback moves in
        var mover = InPlace(root: root, previous: previous)
        func sink(_ batch: [OutputFile]) throws {
            for file in batch {
                guard planned.contains(file.path) else { throw DiglotError.outputNotWritable(file.path, "not in the build's plan") }
                guard sent.insert(file.path).inserted else { throw DiglotError.outputNotWritable(file.path, "sent twice to the output") }
            }
            let checked = ConcurrentMap.map(batch) { file -> (hash: UInt64, upToDate: Bool) in
                let hash = Manifest.hash(file.bytes)
                return (hash, !clean && isUpToDate(file, hash: hash, previous: previous, root: root))
            }
            let upToDate = checked.filter(\.upToDate).count
            if inPlace {
                try mover.move(batch, checked: checked, into: &entries)
            } else {
                try add(batch, checked: checked, previous: previous, into: fresh, from: old, entries: &entries, changed: &changed)
            }
            stats.unchanged += upToDate
            stats.written += batch.count - upToDate
        }

        // Kept files: carried over from the last build as they are.
        for path in keep {
            guard planned.contains(path), sent.insert(path).inserted, let entry = previous.entries[path] else {
                throw DiglotError.outputNotWritable(path, "kept, but not in the build's plan or the last build's manifest")
            }
            entries[path] = entry
        }
        if !inPlace, let old, !keep.isEmpty {
            let failures = ConcurrentMap.map(keep) { path -> String? in link(old + "/" + path, fresh + "/" + path) == 0 ? nil : String(cString: strerror(errno)) }
            if let index = failures.firstIndex(where: { $0 != nil }) {
                removeTree(fresh)
                throw DiglotError.outputNotWritable(root + "/" + keep[index], failures[index]!)
            }
        }
        stats.unchanged += keep.count

        if inPlace {
            do {
                try produce(sink)
                try mover.commit(into: &entries)
            } catch {
                mover.abandon()
                throw error
            }
            finishInPlace(entries: entries, previous: previous, planned: planned, root: root, metadata: metadata())
            return stats
        }
        do {
            try produce(sink)
            try finish(plan: plan, keptFolders: keptFolders, entries: entries, into: fresh, from: old)
            // The new folder keeps the output folder's permissions (a web server's group, say).
            if let old { copyOwnerAndMode(from: old, to: fresh) }
            for file in metadata() {
                if let failure = writeFile(fresh + "/" + file.path, file.bytes) { throw DiglotError.outputNotWritable(fresh, failure) }
            }
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
        // No atomic exchange here: the written files are moved from the new folder (on the output's
        // file system) into their places one by one.
        defer { removeTree(fresh) }
        var moved = InPlace(root: root, previous: previous)
        for path in changed.sorted() {
            do {
                try moved.moveIn(fresh + "/" + path, to: path, size: entries[path]!.size, hash: entries[path]!.hash, mtime: entries[path]!.mtime)
            } catch {
                moved.abandon()
                throw error
            }
        }
        finishInPlace(entries: entries, previous: previous, planned: planned, root: root, metadata: metadata())
        return stats
    }

    /// Whether a file's new bytes are those of the output already: they hash as recorded, and the file's
    /// size and time on disk are still those recorded (the quick check).
    private static func isUpToDate(_ file: OutputFile, hash: UInt64, previous: Manifest, root: String) -> Bool {
        guard let entry = previous.entries[file.path], entry.size == file.bytes.count, entry.hash == hash,
              let disk = fileStat(root + "/" + file.path) else { return false }
        return disk.size == entry.size && disk.mtime == entry.mtime && !disk.isDirectory
    }

    /// Readies the new site's folder before any file is produced: the folders of the plan and those
    /// of the output are made, and the files Diglot did not write are carried over (hard links, never
    /// copies: one that cannot be linked throws `CannotCarryOver`, as does an output holding a mount
    /// point, a name that is not UTF-8 or a folder that cannot be read). Returns the folders made, for
    /// `finish` to give them the old folders' mode, owner and times.
    private static func prepare(plan: [String], planned: Set<String>, previous: Manifest, into folder: String, from old: String?) throws -> Set<String> {
        var folders = Set(plan.map { parent(of: $0) })
        // Files Diglot did not write, carried over as they are (hard links).
        var foreign: [String] = []
        if let old {
            // The folders the previous build made: those of its files that are gone are not kept.
            var builtFolders = Set<String>()
            for path in previous.entries.keys {
                var folder = parent(of: path)
                while !folder.isEmpty, builtFolders.insert(folder).inserted { folder = parent(of: folder) }
            }
            let (existing, complete) = entries(under: old)
            guard complete else { throw CannotCarryOver() }
            for (path, isDirectory) in existing {
                if isDirectory {
                    // A folder of the user's is kept, even empty; one where a file must go stops the build.
                    if planned.contains(path) { throw DiglotError.outputNotWritable(old + "/" + path, "a folder is in the way of this file") }
                    if !builtFolders.contains(path) { folders.insert(path) }
                    continue
                }
                if OutputWriter.bookkeepingNames.contains(path) || previous.entries[path] != nil || planned.contains(path) { continue }
                foreign.append(path)
                folders.insert(parent(of: path))
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for sub in folders.sorted() where !sub.isEmpty {
                try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
            }
        } catch {
            throw DiglotError.outputNotWritable(folder, error.localizedDescription)
        }
        // Carried over as hard links only (same inode: mode, owner and times kept). A file that cannot
        // be linked (a file system without hard links, another user's file under protected_hardlinks)
        // is never copied: the build is published in place instead, leaving it where it is.
        for path in foreign where link(old! + "/" + path, folder + "/" + path) != 0 { throw CannotCarryOver() }
        return folders
    }

    /// One batch into the new folder, on all cores: an up-to-date file linked from `old`, the others
    /// written. Their manifest entries are added to `entries`, the paths written to `changed`.
    private static func add(_ batch: [OutputFile], checked: [(hash: UInt64, upToDate: Bool)], previous: Manifest, into folder: String,
                            from old: String?, entries: inout [String: Manifest.Entry], changed: inout [String]) throws {
        let outcomes = ConcurrentMap.map(Array(batch.indices)) { index -> (linked: Bool, mtime: Int64, failure: String?) in
            let path = batch[index].path
            // A linked file keeps the time recorded for it; a written one is asked.
            if checked[index].upToDate, let old, link(old + "/" + path, folder + "/" + path) == 0 { return (true, previous.entries[path]?.mtime ?? 0, nil) }
            if let failure = writeFile(folder + "/" + path, batch[index].bytes) { return (false, 0, failure) }
            return (false, fileStat(folder + "/" + path)?.mtime ?? 0, nil)
        }
        if let failure = outcomes.compactMap(\.failure).first { throw DiglotError.outputNotWritable(folder, failure) }
        for (index, file) in batch.enumerated() {
            entries[file.path] = Manifest.Entry(size: file.bytes.count, mtime: outcomes[index].mtime, hash: checked[index].hash)
            if !outcomes[index].linked { changed.append(file.path) }
        }
    }

    /// Completes the new site once every batch is in: the folders that were in the output keep their
    /// mode and owner (a 0700 `.ssh` stays 0700), those that hold no file of the site also their times
    /// (set deepest first, now that their contents are in place); then the manifest.
    private static func finish(plan: [String], keptFolders: Set<String>, entries: [String: Manifest.Entry], into folder: String, from old: String?) throws {
        if let old {
            var siteFolders = Set<String>()
            for path in plan {
                var sub = parent(of: path)
                while !sub.isEmpty, siteFolders.insert(sub).inserted { sub = parent(of: sub) }
            }
            for sub in keptFolders.union(siteFolders) where !sub.isEmpty { copyOwnerAndMode(from: old + "/" + sub, to: folder + "/" + sub) }
            for sub in keptFolders.subtracting(siteFolders).sorted(by: { $0.count > $1.count }) where !sub.isEmpty {
                var info = stat()
                guard stat(old + "/" + sub, &info) == 0 else { continue }
                var times = [info.st_atim, info.st_mtim]
                _ = utimensat(AT_FDCWD, folder + "/" + sub, &times, 0)
            }
        }
        if let failure = writeFile(folder + "/" + manifestName, Array(Manifest(entries: entries).text.utf8)) {
            throw DiglotError.outputNotWritable(folder, failure)
        }
    }

    /// The fallback, batch by batch: each changed file written beside its place (`.NAME.diglot-new-PID`,
    /// in the same folder, so on the same file system even under a mount point) and renamed into it,
    /// one by one. Before the first file is moved in, the build cache is removed (the output no longer
    /// matches it); a batch that fails removes its staged files.
    private struct InPlace {
        let root: String
        let previous: Manifest
        let suffix = ".diglot-new-\(ProcessInfo.processInfo.processIdentifier)"
        /// The entries of the files moved in so far.
        var entries: [String: Manifest.Entry] = [:]
        var folders = Set<String>()
        var started = false

        init(root: String, previous: Manifest) {
            self.root = root
            self.previous = previous
        }

        func staged(_ path: String) -> String {
            let folder = parent(of: path)
            return root + "/" + (folder.isEmpty ? "" : folder + "/") + "." + (path as NSString).lastPathComponent + suffix
        }

        /// Makes the folders of `paths` not made yet (once each).
        mutating func makeFolders(of paths: [String]) throws {
            do {
                for folder in Set(paths.map { parent(of: $0) }).sorted() where !folder.isEmpty && !folders.contains(folder) {
                    try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
                    folders.insert(folder)
                }
            } catch {
                throw DiglotError.outputNotWritable(root, error.localizedDescription)
            }
        }

        /// Changed files staged so far (written beside their places, not yet moved in).
        var staged: [(path: String, size: Int, hash: UInt64)] = []

        /// One batch: the changed files staged beside their places on all cores (moved in by `commit`,
        /// once the build has made every file, so that a build that fails part way changes nothing);
        /// every up-to-date file's entry added to `all`.
        mutating func move(_ batch: [OutputFile], checked: [(hash: UInt64, upToDate: Bool)], into all: inout [String: Manifest.Entry]) throws {
            let changed = batch.indices.filter { !checked[$0].upToDate }
            for index in batch.indices where checked[index].upToDate { all[batch[index].path] = previous.entries[batch[index].path] }
            guard !changed.isEmpty else { return }
            try makeFolders(of: changed.map { batch[$0].path })
            let this = self
            let failures = ConcurrentMap.map(changed) { index -> String? in writeFile(this.staged(batch[index].path), batch[index].bytes) }
            for index in changed { staged.append((batch[index].path, batch[index].bytes.count, checked[index].hash)) }
            if let failure = failures.compactMap({ $0 }).first {
                throw DiglotError.outputNotWritable(root, failure)
            }
        }

        /// Moves every staged file into its place, in path order.
        mutating func commit(into all: inout [String: Manifest.Entry]) throws {
            for file in staged.sorted(by: { $0.path < $1.path }) {
                try moveIn(staged(file.path), to: file.path, size: file.size, hash: file.hash)
                all[file.path] = entries[file.path]
            }
            staged = []
        }

        /// Renames a file written on the output's file system into its place and records its entry
        /// (the file's time asked when `mtime` is not given; a rename keeps it).
        mutating func moveIn(_ source: String, to path: String, size: Int, hash: UInt64, mtime: Int64? = nil) throws {
            if !started {
                for name in [OutputWriter.buildCacheName, OutputWriter.pageCacheName, OutputWriter.sitePartName, OutputWriter.mergeKeyName] { unlink(root + "/" + name) }
                started = true
            }
            try makeFolders(of: [path])
            let time = mtime ?? fileStat(source)?.mtime ?? 0
            if rename(source, root + "/" + path) != 0 { throw DiglotError.outputNotWritable(root + "/" + path, String(cString: strerror(errno))) }
            entries[path] = Manifest.Entry(size: size, mtime: time, hash: hash)
        }

        /// After a failure: staged files not moved in are removed; once anything was moved in, the
        /// manifest records it beside the previous build's files (all still there), so that the next
        /// build knows them as Diglot's.
        func abandon() {
            for file in staged where entries[file.path] == nil { unlink(staged(file.path)) }
            guard started else { return }
            let merged = previous.entries.merging(entries) { $1 }
            try? Data(Manifest(entries: merged).text.utf8).write(to: URL(fileURLWithPath: root + "/" + manifestName), options: .atomic)
        }
    }

    /// Ends a publish in place: stale files of the last build unlinked (never a folder, never
    /// recursively), the manifest of this build written, then the metadata files.
    private static func finishInPlace(entries: [String: Manifest.Entry], previous: Manifest, planned: Set<String>, root: String, metadata: [OutputFile]) {
        // Files of the last build that this one did not make (not planned, or planned and not sent).
        for stale in Set(previous.entries.keys).subtracting(entries.keys).sorted() where !stale.isEmpty && !stale.hasPrefix("/") && !stale.contains("..") {
            unlink(root + "/" + stale)
        }
        try? Data(Manifest(entries: entries).text.utf8).write(to: URL(fileURLWithPath: root + "/" + manifestName), options: .atomic)
        for file in metadata { _ = writeFile(root + "/" + file.path, file.bytes) }
    }
}
