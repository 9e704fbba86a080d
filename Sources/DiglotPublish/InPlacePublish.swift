import DiglotModel
import Foundation

/// Publishing into the output file by file: each changed file is staged (written in full on the
/// output's file system), and once the build has made every file, the staged files are renamed into
/// their places in path order, one by one (as rsync's `--delay-updates` does). A build that fails
/// before that changes nothing; before the first file is moved in, the build cache is removed (the
/// output no longer matches it).
///
/// Two uses (`OutputWriter.publish` decides):
/// - a build that changes a small part of a site (`stagingFolder`): the files are staged in the
///   new-site folder beside the output (`.Output.diglot-new-PID-TAG`, mode 0700, numbered `0`, `1`, …), which the
///   next build removes if this one is killed;
/// - the fallback, where the output cannot be swapped (a symbolic link, a mount point, …): each file
///   is staged beside its place (`.NAME.diglot-new-PID`, in the same folder, so on the same file
///   system even under a mount point).
struct InPlacePublish {
    let root: String
    let previous: Manifest
    /// Where changed files are staged; nil: beside their places.
    let stagingFolder: String?
    let suffix = ".diglot-new-\(ProcessInfo.processInfo.processIdentifier)"
    /// The entries of the files moved in so far.
    var entries: [String: Manifest.Entry] = [:]
    /// The folders made so far, told apart by their bytes (`PathText.Key`).
    var folders = Set<PathText.Key>()
    var started = false

    init(root: String, previous: Manifest, stagingFolder: String? = nil) {
        self.root = root
        self.previous = previous
        self.stagingFolder = stagingFolder
    }

    /// Where the file at `path` of the output is staged, as the `number`th file staged.
    func staged(_ path: String, number: Int) -> String {
        if let stagingFolder { return stagingFolder + "/\(number)" }
        let folder = OutputDisk.parent(of: path)
        return root + "/" + (folder.isEmpty ? "" : folder + "/") + "." + PathText.name(of: path) + suffix
    }

    /// Removes the files a killed in-place publish staged in the folders of `paths`
    /// (`OutputDisk.isStagedLeftover`), which nothing else would clear; never a path of the plan
    /// (`paths`) or of the last build's manifest.
    func removeStagedLeftovers(in paths: [String]) {
        let planned = Set(paths.map(PathText.Key.init)), built = Set(previous.entries.keys.map(PathText.Key.init))
        for folder in Set(paths.map { PathText.Key(OutputDisk.parent(of: $0)) }).map(\.path) {
            let place = folder.isEmpty ? root : root + "/" + folder
            for name in (try? FileManager.default.contentsOfDirectory(atPath: place)) ?? [] {
                let path = folder.isEmpty ? name : folder + "/" + name
                guard !planned.contains(PathText.Key(path)), !built.contains(PathText.Key(path)), OutputDisk.isStagedLeftover(name, at: place + "/" + name) else { continue }
                unlink(place + "/" + name)
            }
        }
    }

    /// Makes the folders of `paths` not made yet (once each).
    /// (`OutputDisk.makeFolder`, as the new folder's are; the links on the way were refused before.)
    mutating func makeFolders(of paths: [String]) throws {
        for folder in Set(paths.map { PathText.Key(OutputDisk.parent(of: $0)) }).sorted() where !folder.path.isEmpty && !folders.contains(folder) {
            if let failure = OutputDisk.makeFolder(root + "/" + folder.path) { throw DiglotError.outputNotWritable(root, failure) }
            folders.insert(folder)
        }
    }

    /// Changed files staged so far (not yet moved in).
    var staged: [(path: String, at: String, size: Int, hash: UInt64)] = []

    /// One batch: the changed files staged on all cores (moved in by `commit`, once the build has
    /// made every file, so that a build that fails part way changes nothing); every up-to-date file's
    /// entry added to `all`.
    mutating func move(_ batch: [OutputFile], checked: [(hash: UInt64, upToDate: Bool)], into all: inout [String: Manifest.Entry]) throws {
        let changed = batch.indices.filter { !checked[$0].upToDate }
        for index in batch.indices where checked[index].upToDate { all[batch[index].path] = previous.entries[batch[index].path] }
        guard !changed.isEmpty else { return }
        if stagingFolder == nil { try makeFolders(of: changed.map { batch[$0].path }) }
        let places = changed.enumerated().map { staged(batch[$0.element].path, number: staged.count + $0.offset) }
        let failures = ConcurrentMap.map(Array(changed.indices)) { k -> String? in OutputDisk.writeFile(places[k], batch[changed[k]].bytes) }
        for (k, index) in changed.enumerated() { staged.append((batch[index].path, places[k], batch[index].bytes.count, checked[index].hash)) }
        if let failure = failures.compactMap({ $0 }).first {
            throw DiglotError.outputNotWritable(root, failure)
        }
    }

    /// Moves every staged file into its place, in path order.
    mutating func commit(into all: inout [String: Manifest.Entry]) throws {
        for file in staged.sorted(by: { $0.path < $1.path }) {
            try moveIn(file.at, to: file.path, size: file.size, hash: file.hash)
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
        let time = mtime ?? OutputDisk.fileStat(source)?.mtime ?? 0
        if rename(source, root + "/" + path) != 0 { throw DiglotError.outputNotWritable(root + "/" + path, String(cString: strerror(errno))) }
        entries[path] = Manifest.Entry(size: size, mtime: time, hash: hash)
    }

    /// After a failure: staged files not moved in are removed; once anything was moved in, the
    /// manifest records it beside the previous build's files (all still there), so that the next
    /// build knows them as Diglot's.
    func abandon() {
        for file in staged where entries[file.path] == nil { unlink(file.at) }
        guard started else { return }
        let merged = previous.entries.merging(entries) { $1 }
        try? Data(Manifest(entries: merged).bytes).write(to: URL(fileURLWithPath: root + "/" + OutputWriter.manifestName), options: .atomic)
    }

    /// Ends a publish in place: stale files of the last build unlinked (never a folder, never
    /// recursively), the manifest of this build written, then the metadata files.
    static func finish(entries: [String: Manifest.Entry], previous: Manifest, root: String, metadata: [OutputFile]) {
        finish(entries: entries, previous: previous, root: root)
        write(metadata, root: root)
    }

    /// The metadata files (the build's caches), written last: after the manifest, so that a cache is
    /// never newer than the files it speaks of.
    static func write(_ metadata: [OutputFile], root: String) {
        for file in metadata { _ = OutputDisk.writeFile(root + "/" + file.path, file.bytes) }
    }

    /// `finish` but the metadata files: the stale files unlinked and the manifest written.
    static func finish(entries: [String: Manifest.Entry], previous: Manifest, root: String) {
        // Files of the last build that this one did not make (not planned, or planned and not sent).
        // Told apart by bytes (`PathText.Key`): a page renamed from `café` to `cafe\u{301}` leaves the old file stale.
        // An ASCII path that `entries` holds as an ASCII key is made, and needs no key of bytes: two
        // ASCII strings are equal only byte for byte (`K` is equal to the Kelvin sign, which is not ASCII).
        func isASCII(_ path: String) -> Bool { path.utf8.allSatisfy { $0 < 0x80 } }
        let others = previous.entries.keys.filter { path in
            guard isASCII(path), let index = entries.index(forKey: path) else { return true }
            return !isASCII(entries.keys[index])
        }
        let made = others.isEmpty ? [] : Set(entries.keys.map(PathText.Key.init))
        for stale in others.map(PathText.Key.init).filter({ !made.contains($0) }).sorted().map(\.path)
        where OutputPath.isNormal(stale) {  // a manifest planted in the output names nothing outside it
            unlink(root + "/" + stale)
        }
        try? Data(Manifest(entries: entries).bytes).write(to: URL(fileURLWithPath: root + "/" + OutputWriter.manifestName), options: .atomic)
    }
}
