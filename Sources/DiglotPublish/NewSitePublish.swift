import DiglotModel
import Foundation

/// The swap's part of `OutputWriter.publish`: the new site made in the folder beside the output
/// (`.Output.diglot-new-PID-TAG`), which is then swapped in whole. `prepare` readies it before any file
/// is produced, `add` takes each batch, `finish` completes it once every batch is in.
enum NewSitePublish {
    /// Readies the new site's folder (made by the caller, `OutputDisk.makeNewFolder`) before any file is
    /// produced: the folders of the plan and those of the output are made in it, and the files Diglot did not write are carried over (hard links, never
    /// copies: one that cannot be linked throws `OutputDisk.CannotCarryOver`, as does an output holding a mount
    /// point, a name that is not UTF-8 or a folder that cannot be read). Returns the folders made, for
    /// `finish` to give them the old folders' mode, owner and times.
    static func prepare(plan: [String], planned: Set<PathText.Key>, previous: Manifest, into folder: String, from old: String?) throws -> Set<PathText.Key> {
        // Names told apart by their bytes (`PathText.Key`), as the file system tells them apart: `String`'s
        // `==` takes a user's `cafe\u{301}.html` for the site's `café.html`, and `es-es/café` and
        // `es-es/cafe\u{301}` for one folder.
        var folders = Set(plan.map { PathText.Key(OutputDisk.parent(of: $0)) })
        // Files Diglot did not write, carried over as they are (hard links).
        var foreign: [String] = []
        if let old {
            // The folders the previous build made: those of its files that are gone are not kept.
            var builtFolders = Set<PathText.Key>()
            for path in previous.entries.keys {
                var folder = OutputDisk.parent(of: path)
                while !folder.isEmpty, builtFolders.insert(PathText.Key(folder)).inserted { folder = OutputDisk.parent(of: folder) }
            }
            let (existing, complete) = OutputDisk.entries(under: old)
            guard complete else { throw OutputDisk.CannotCarryOver() }
            let builtNames = Set(previous.entries.keys.map(PathText.Key.init))
            for (path, isDirectory) in existing {
                if isDirectory {
                    // A folder of the user's is kept, even empty; one where a file must go stops the build.
                    if planned.contains(PathText.Key(path)) { throw DiglotError.outputNotWritable(old + "/" + path, "a folder is in the way of this file") }
                    if !builtFolders.contains(PathText.Key(path)) { folders.insert(PathText.Key(path)) }
                    continue
                }
                if OutputWriter.bookkeepingNames.contains(path) || builtNames.contains(PathText.Key(path)) || planned.contains(PathText.Key(path)) { continue }
                // A file a killed in-place publish staged is not carried over: it goes with the old site.
                if OutputDisk.isStagedLeftover(String(PathText.name(of: path)), at: old + "/" + path) { continue }
                foreign.append(path)
                folders.insert(PathText.Key(OutputDisk.parent(of: path)))
            }
        }
        // Parents before children (sorted), so that each folder is one `mkdir`.
        if let failure = folders.sorted().lazy.filter({ !$0.path.isEmpty }).compactMap({ OutputDisk.makeFolder(folder + "/" + $0.path) }).first {
            throw DiglotError.outputNotWritable(folder, failure)
        }
        // Carried over as hard links only (same inode: mode, owner and times kept). A file that cannot
        // be linked (a file system without hard links, another user's file under protected_hardlinks)
        // is never copied: the build is published in place instead, leaving it where it is.
        for path in foreign where link(old! + "/" + path, folder + "/" + path) != 0 { throw OutputDisk.CannotCarryOver() }
        return folders
    }

    /// One batch into the new folder, on all cores: an up-to-date file linked from `old`, the others
    /// written. Their manifest entries are added to `entries`, the paths written to `changed`.
    static func add(_ batch: [OutputFile], checked: [(hash: UInt64, upToDate: Bool)], previous: Manifest, into folder: String,
                            from old: String?, entries: inout [String: Manifest.Entry], changed: inout [String]) throws {
        let outcomes = ConcurrentMap.map(Array(batch.indices)) { index -> (linked: Bool, mtime: Int64, failure: String?) in
            let path = batch[index].path
            // A linked file keeps the time recorded for it; a written one is asked.
            if checked[index].upToDate, let old, link(old + "/" + path, folder + "/" + path) == 0 { return (true, previous.entries[path]?.mtime ?? 0, nil) }
            if let failure = OutputDisk.writeFile(folder + "/" + path, batch[index].bytes) { return (false, 0, failure) }
            return (false, OutputDisk.fileStat(folder + "/" + path)?.mtime ?? 0, nil)
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
    static func finish(plan: [String], keptFolders: Set<PathText.Key>, entries: [String: Manifest.Entry], into folder: String, from old: String?) throws {
        if let old {
            var siteFolders = Set<PathText.Key>()
            for path in plan {
                var sub = OutputDisk.parent(of: path)
                while !sub.isEmpty, siteFolders.insert(PathText.Key(sub)).inserted { sub = OutputDisk.parent(of: sub) }
            }
            for sub in keptFolders.union(siteFolders).map(\.path) where !sub.isEmpty { OutputDisk.copyOwnerAndMode(from: old + "/" + sub, to: folder + "/" + sub) }
            for sub in keptFolders.subtracting(siteFolders).map(\.path).sorted(by: { $0.utf8.count > $1.utf8.count }) where !sub.isEmpty {
                var info = stat()
                guard stat(old + "/" + sub, &info) == 0 else { continue }
                var times = [info.st_atim, info.st_mtim]
                _ = utimensat(AT_FDCWD, folder + "/" + sub, &times, 0)
            }
        }
        if let failure = OutputDisk.writeFile(folder + "/" + OutputWriter.manifestName, Manifest(entries: entries).bytes) {
            throw DiglotError.outputNotWritable(folder, failure)
        }
    }
}
