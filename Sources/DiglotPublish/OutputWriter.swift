import DiglotModel
import Foundation

/// The write stage, the only code that writes the output folder. A build that fails or is interrupted
/// before it publishes leaves the previous output as it was. A build is published whole: the new site
/// is made in a folder beside the output (`.Output.diglot-new-PID-TAG`, `OutputDisk.newSiteFolder`) and swapped in with one atomic
/// rename (Linux's `renameat2` with `RENAME_EXCHANGE`, `OutputDisk.exchange`), so a reader never sees
/// half of each; but a small change is moved in file by file (below), where for the moment of its
/// renames a reader can see some of its files new and the rest old.
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
/// A small change (at most one file in `patchShare` of the plan may be written, nothing to remove, not
/// `clean`) is moved in rather than swapped: its changed files are staged in the new folder and,
/// once every batch is in, renamed into their places one by one (`InPlacePublish`), so that a one-page
/// edit does not pay a link, an unlink and the folders of the whole site.
///
/// Where the output cannot be swapped, the changed files are staged beside their places and renamed
/// into them one by one too, once every batch is in (not atomic: a build killed or failing during those
/// renames leaves the files already moved in): the output is a symbolic link or a mount point, its parent folder is
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
/// Before any of this, `OutputFolder.validate(output:content:force:)` refuses an output folder a
/// build must not write into. The file-system calls are `OutputDisk`'s; the fallback is `InPlacePublish`.

public enum OutputWriter {
    public static let manifestName = ".diglot-manifest"
    /// The build's other bookkeeping files, beside the manifest and never recorded in it (the
    /// `metadata` of `publish`): the build cache, the page cache, a locale part's description and a
    /// merged site's key. Their owners name them by these; the writer never carries them over as
    /// files of the user's, and removes them before it changes the output in place.
    package static let buildCacheName = ".diglot-cache", pageCacheName = ".diglot-pages", sitePartName = ".diglot-part.json",
                       mergeKeyName = ".diglot-merge"
    static let bookkeepingNames: Set<String> = [manifestName, buildCacheName, pageCacheName, sitePartName, mergeKeyName]

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

    @available(*, deprecated, renamed: "OutputFolder.validate(output:content:force:)")
    public static func validate(output: URL, content: URL, force: Bool) throws { try OutputFolder.validate(output: output, content: content, force: force) }

    @available(*, deprecated, renamed: "StandaloneFile.save(_:to:)")
    public static func save(_ bytes: [UInt8], to path: String) throws { try StandaloneFile.save(bytes, to: path) }

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
    /// `metadata` is called after `produce` returns (the build cache, whose content is known only then),
    /// on the calling thread; when the output is published in place, while another thread moves the
    /// changed files in and removes the stale ones, so it must not read the output. Its files are
    /// written last, after the manifest.
    /// If `produce` throws, nothing is published: the new folder is removed and the error rethrown (the
    /// previous output stays as it was). Same guarantees and fallbacks as `publish(_:to:clean:metadata:)`.
    ///
    /// A planned path that `produce` never sends is not written (and not in the manifest); a path sent
    /// that is not in the plan, or sent twice, throws `DiglotError.outputNotWritable` (a programming
    /// error). Call `sink` from one thread at a time (it works on all cores itself), and only from within
    /// `produce`; a batch may be of any size (one page's views, say). Whether the site is made in a new
    /// folder and swapped in, or moved into the output file by file, is decided before `produce` is
    /// called. In the other modes (a small change; an output that is a symbolic link
    /// or a mount point, an unwritable parent folder, or an output a new folder cannot take whole) each
    /// batch's changed files are staged as it comes and moved in after `produce` returns, so a `produce`
    /// that throws changes nothing (its staged files are removed); a failure while moving them in
    /// leaves those moved in, recorded in the manifest, with the build cache removed.
    ///
    /// `keep`: paths of the plan whose files the last build wrote and the build knows to be the same
    /// (the build cache's kept pages): carried over as they are (linked, or left in place) without
    /// their bytes being produced, recorded as the last build recorded them. Each must be in the
    /// manifest and still as it recorded (the caller checks `OutputDisk.isIntact`); none may be sent as well.
    public static func publish(plan: [String], to directory: URL, clean: Bool = false, keep: [String] = [],
                               metadata: () -> [OutputFile] = { [] },
                               produce: (_ sink: ([OutputFile]) throws -> Void) throws -> Void) throws -> Stats {
        try publish(plan: plan, to: directory, clean: clean, keep: keep, manifest: nil, metadata: metadata, produce: produce)
    }

    /// `publish` with the output's manifest as the caller just read it (`OutputDisk.intactManifest`), not read again.
    package static func publish(plan: [String], to directory: URL, clean: Bool, keep: [String], manifest: Manifest?, metadata: () -> [OutputFile],
                        produce: (_ sink: ([OutputFile]) throws -> Void) throws -> Void) throws -> Stats {
        let root = directory.standardizedFileURL.path
        // Cut at the byte `/` (`PathText`): `NSString`'s path methods cut at Characters.
        let folder = String(PathText.folder(of: root)), name = String(PathText.name(of: root))
        let parentFolder = folder.isEmpty ? "/" : folder
        do {
            try FileManager.default.createDirectory(atPath: parentFolder, withIntermediateDirectories: true)
        } catch {
            throw DiglotError.outputNotWritable(directory.path, error.localizedDescription)
        }
        OutputDisk.removeLeftovers(in: parentFolder, of: name)
        let exists = OutputDisk.fileStat(root)
        if let exists, !exists.isDirectory { throw DiglotError.outputNotWritable(root, "it is a file, not a folder") }
        // The manifest says which files are Diglot's (even with `clean`, so that stale ones go).
        let previous = manifest ?? Manifest(text: OutputDisk.ownFile(root + "/" + manifestName) ?? "")
        if exists != nil { try OutputDisk.refuseLinksOnTheWay(to: plan + Array(previous.entries.keys), in: root) }
        let planned = Set(plan)
        var stats = Stats()
        let plannedKeys = Set(plan.map(PathText.Key.init))
        stats.removed = previous.entries.keys.filter { !plannedKeys.contains(PathText.Key($0)) && OutputDisk.fileStat(root + "/" + $0) != nil }.count

        // Decided before anything is produced. The swap replaces the output folder itself; where that
        // would do harm, the changed files are moved into place one by one instead: an output that is a
        // symbolic link (its target would be swapped away), a mount point (its new folder would be on the
        // parent's file system), a parent folder Diglot cannot write, or (found while carrying files
        // over) an output holding a mount point, names that are not UTF-8, folders it cannot read or
        // files it cannot hard-link.
        let fresh = OutputDisk.newSiteFolder(in: parentFolder, of: name)
        let old = exists == nil ? nil : root
        var inPlace = false, patch = false
        var keptFolders = Set<PathText.Key>()
        if let exists, OutputDisk.isSymbolicLink(root) || access(parentFolder, W_OK) != 0 || OutputDisk.fileStat(parentFolder)?.device != exists.device {
            inPlace = true
        } else if let exists, !clean, stats.removed == 0, patches(plan: plan, keep: keep, root: root, device: exists.device) {
            // A small change: staged in the new-site folder (this user's only) and moved into the output at the end.
            if let failure = OutputDisk.makeNewFolder(fresh, mode: 0o700) { throw DiglotError.outputNotWritable(fresh, failure) }
            OutputDisk.takeGroup(of: root, to: fresh)  // the staged files keep it when they are moved in
            inPlace = true
            patch = true
        } else {
            // Made here, so that only a folder this build made is ever removed below.
            if let failure = OutputDisk.makeNewFolder(fresh) { throw DiglotError.outputNotWritable(fresh, failure) }
            if let old { OutputDisk.takeGroup(of: old, to: fresh) }
            do {
                keptFolders = try NewSitePublish.prepare(plan: plan, planned: plannedKeys, previous: previous, into: fresh, from: old)
            } catch is OutputDisk.CannotCarryOver {
                OutputDisk.removeTree(fresh)
                inPlace = true
            } catch {
                OutputDisk.removeTree(fresh)
                throw error
            }
        }
        if inPlace && !patch {
            // A destination that is a folder would fail its move half way through: refuse before any move.
            let inTheWay = ConcurrentMap.map(plan) { path in OutputDisk.fileStat(root + "/" + path)?.isDirectory == true }
            if let index = inTheWay.firstIndex(of: true) {
                throw DiglotError.outputNotWritable(root + "/" + plan[index], "a folder is in the way of this file")
            }
        }

        // The batches: only their manifest entries are kept.
        var entries: [String: Manifest.Entry] = [:]
        var sent = Set<String>()
        var changed: [String] = []  // written into the new folder (not linked): what the fallback moves in
        var mover = InPlacePublish(root: root, previous: previous, stagingFolder: patch ? fresh : nil)
        if inPlace && !patch { mover.removeStagedLeftovers(in: plan) }
        func sink(_ batch: [OutputFile]) throws {
            for file in batch {
                guard planned.contains(file.path) else { throw DiglotError.outputNotWritable(file.path, "not in the build's plan") }
                guard sent.insert(file.path).inserted else { throw DiglotError.outputNotWritable(file.path, "sent twice to the output") }
            }
            let checked = ConcurrentMap.map(batch) { file -> (hash: UInt64, upToDate: Bool) in
                let hash = FastHash.hash(file.bytes)
                return (hash, !clean && isUpToDate(file, hash: hash, previous: previous, root: root))
            }
            let upToDate = checked.filter(\.upToDate).count
            if inPlace {
                try mover.move(batch, checked: checked, into: &entries)
            } else {
                try NewSitePublish.add(batch, checked: checked, previous: previous, into: fresh, from: old, entries: &entries, changed: &changed)
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
                OutputDisk.removeTree(fresh)
                throw DiglotError.outputNotWritable(root + "/" + keep[index], failures[index]!)
            }
        }
        stats.unchanged += keep.count

        if inPlace {
            defer { if patch { OutputDisk.removeTree(fresh) } }
            do {
                try produce(sink)
            } catch {
                mover.abandon()
                throw error
            }
            pauseBeforeSwap()
            // The changed files moved in and the manifest written on another thread while the caches
            // are encoded (`metadata`) on this one; the caches are written once both are done.
            let (failure, files) = ConcurrentMap.inBackground({ [mover, entries, previous, root] () -> (any Error)? in
                var mover = mover, entries = entries
                do {
                    try mover.commit(into: &entries)
                } catch {
                    mover.abandon()
                    return error
                }
                InPlacePublish.finish(entries: entries, previous: previous, root: root)
                return nil
            }, while: metadata)
            if let failure { throw failure }
            InPlacePublish.write(files, root: root)
            return stats
        }
        do {
            try produce(sink)
            try NewSitePublish.finish(plan: plan, keptFolders: keptFolders, entries: entries, into: fresh, from: old)
            for file in metadata() {
                if let failure = OutputDisk.writeFile(fresh + "/" + file.path, file.bytes) { throw DiglotError.outputNotWritable(fresh, failure) }
            }
            // The new folder keeps the output folder's permissions (a web server's group, say), once
            // nothing more is written in it (a read-only output's would refuse the caches).
            if let old { OutputDisk.copyOwnerAndMode(from: old, to: fresh) }
        } catch {
            OutputDisk.removeTree(fresh)
            throw error
        }
        pauseBeforeSwap()
        guard exists != nil else {
            if rename(fresh, root) != 0 {
                let reason = String(cString: strerror(errno))
                OutputDisk.removeTree(fresh)
                throw DiglotError.outputNotWritable(root, reason)
            }
            return stats
        }
        if OutputDisk.exchange(fresh, root) {
            // `fresh` now holds the previous site.
            OutputDisk.removeTree(fresh)
            return stats
        }
        // No atomic exchange here: the written files are moved from the new folder (on the output's
        // file system) into their places one by one.
        defer { OutputDisk.removeTree(fresh) }
        var moved = InPlacePublish(root: root, previous: previous)
        for path in changed.sorted() {
            do {
                try moved.moveIn(fresh + "/" + path, to: path, size: entries[path]!.size, hash: entries[path]!.hash, mtime: entries[path]!.mtime)
            } catch {
                moved.abandon()
                throw error
            }
        }
        InPlacePublish.finish(entries: entries, previous: previous, root: root, metadata: metadata())
        return stats
    }

    /// A test hook: lets a test kill the build with every file made and nothing of the output changed
    /// (the new site ready and not swapped in, or the changed files staged and not moved in).
    private static func pauseBeforeSwap() {
        if let pause = ProcessInfo.processInfo.environment["DIGLOT_TEST_PAUSE_BEFORE_SWAP"], let seconds = Double(pause) {
            Thread.sleep(forTimeInterval: seconds)
        }
    }

    /// Whether a build is published by moving its changed files into the output rather than by
    /// swapping in a whole new site: when the files it may write (the plan less the kept files) are
    /// at most one in `patchShare` of the plan, and a file staged beside the output can be renamed
    /// into each one's place: its folder is there, on the output's file system (`device`; not a mount
    /// point inside it) and writable, and no folder is where the file goes.
    /// Swapping costs a folder made for each of the site's folders and a link and an unlink for each
    /// of its files, whatever the change; moving costs a write and a rename for each file changed. (The caller
    /// also asks for an output that exists, no `clean`, and no file of the last build to remove.)
    private static func patches(plan: [String], keep: [String], root: String, device: UInt64) -> Bool {
        // The output folder itself must be writable too: the manifest and caches are written in it.
        guard !keep.isEmpty, (plan.count - keep.count) * patchShare <= plan.count, access(root, W_OK) == 0 else { return false }
        let kept = Set(keep)
        var folders: [String: Bool] = [:]
        return plan.allSatisfy { path in
            if kept.contains(path) { return true }
            let folder = OutputDisk.parent(of: path)
            let place = folder.isEmpty ? root : root + "/" + folder
            let usable = folders[folder] ?? {
                let info = OutputDisk.fileStat(place)
                return info?.isDirectory == true && info?.device == device && access(place, W_OK) == 0
            }()
            folders[folder] = usable
            return usable && OutputDisk.fileStat(root + "/" + path)?.isDirectory != true
        }
    }

    /// See `patches(plan:keep:root:device:)`: a one-page edit of the corpus's 1,487-file site writes 5.
    package static let patchShare = 20

    /// Whether a file's new bytes are those of the output already: they hash as recorded, and the file's
    /// size and time on disk are still those recorded (the quick check).
    private static func isUpToDate(_ file: OutputFile, hash: UInt64, previous: Manifest, root: String) -> Bool {
        guard let entry = previous.entries[file.path], entry.size == file.bytes.count, entry.hash == hash,
              let disk = OutputDisk.fileStat(root + "/" + file.path) else { return false }
        return disk.size == entry.size && disk.mtime == entry.mtime && !disk.isDirectory
    }
}
