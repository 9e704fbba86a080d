import DiglotModel
import Foundation

/// The content folder at the file-system edge: the one place that lists and reads content files.
///
/// Content is untrusted (a pull request can hold anything), so both are contained:
/// - **Listing** walks the folder with `readdir`; a symbolic link is followed only when its real
///   path (`realpath(3)`) lies inside the content folder's real path. A link that leads out is left
///   out and reported (DG208, an error: a page or picture of the build is missing); a link to a folder
///   already walked (`ln -s . loop`, two links to one folder) is walked once, told by its device and
///   inode (`stat(2)`'s `st_dev`, `st_ino`), and reported (DG209). A name that is not UTF-8 is left
///   out and reported (DG210), since two such names could decode to one path; so is a name with a
///   control character (a line break in a name would split links and diagnostics). Only regular files
///   are listed (no FIFOs, devices or sockets, which could block a read).
/// - **Reading** takes a listed, content-relative path, resolves its real path again (the tree may
///   have changed), refuses anything outside the content folder or not a regular file, and reads at
///   most `maxFileSize` bytes (DG211 past that).
public enum ContentFolder {
    /// The largest file a build reads, in bytes (64 MiB). The largest page of the corpora is 0.2 MB.
    public static let maxFileSize = FileRead.maxFileSize
    /// The two hidden files of a docset repository that its build reads (Open Publishing's publish
    /// config and redirections), which a listing keeps.
    package static let publishConfigName = ".openpublishing.publish.config.json", redirectionsName = ".openpublishing.redirection.json"

    /// A name the content's listing leaves out: hidden (a leading `.` byte, so `.\u{301}x` too), but for the two configs.
    package static func isHidden(_ name: Substring) -> Bool {
        PathText.isHidden(name) && name != publishConfigName && name != redirectionsName
    }

    package static func isHidden(_ name: String) -> Bool { isHidden(name[...]) }

    /// A listing: content-relative paths with `/` separators, sorted, and what was left out.
    public struct Listing: Sendable {
        public var files: [String] = []
        public var diagnostics: [Diagnostic] = []

        package init(files: [String] = [], diagnostics: [Diagnostic] = []) {
            self.files = files
            self.diagnostics = diagnostics
        }
    }

    /// Lists every regular file under `root` (see the type's rules). Hidden names (a leading `.`) are
    /// left out unless `includeHidden`, but for `.openpublishing.publish.config.json` and the redirection
    /// file; `.git` is always left out.
    /// - Throws: `DiglotError.contentFolderMissing` when `root` is not a folder.
    public static func list(_ root: URL, includeHidden: Bool = false) throws -> Listing {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let realRoot = realPath(root.path) else {
            throw DiglotError.contentFolderMissing(root.path)
        }
        var listing = Listing()
        var walked: [FileID: String] = [:]
        if let id = FileID(path: realRoot) { walked[id] = "" }
        func report(_ path: String, _ code: DiagnosticCode, _ message: String) {
            listing.diagnostics.append(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: code, stage: .load, message: message))
        }
        // Folders reached through a link are walked after every real folder, so that a link never
        // takes a folder's place (`a -> zdocs` would otherwise list zdocs's pages as `a/…`).
        var linkedFolders: [String] = []
        // readdir with d_type: a FileManager enumerator asks for every file's attributes, ten times slower.
        func walk(_ relative: String) {
            let path = relative.isEmpty ? root.path : root.path + "/" + relative
            guard let dir = opendir(path) else {
                report(relative, .unreadableFile, "the folder cannot be read (\(String(cString: strerror(errno)))): its files are left out")
                return
            }
            defer { closedir(dir) }
            var children: [(name: String, type: Int32)] = []
            while let entry = readdir(dir) {
                let raw = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                guard let name = String(validating: raw, as: UTF8.self) else {
                    let shown = String(decoding: raw, as: UTF8.self)
                    report(relative.isEmpty ? shown : relative + "/" + shown, .invalidFileName,
                           "the name is not UTF-8, so the file is left out (two such names could become one path)")
                    continue
                }
                if name == "." || name == ".." || name == ".git" { continue }
                if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                    report(relative.isEmpty ? name : relative + "/" + name, .invalidFileName,
                           "the name holds a control character, which no link or message can carry: the file is left out")
                    continue
                }
                if isHidden(name) && !includeHidden { continue }
                children.append((name, Int32(entry.pointee.d_type)))
            }
            // Sorted, so that which of two links to one folder is walked does not depend on the disk.
            children.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            // Two names in one folder that are the same text in different Unicode forms (`café` composed
            // and decomposed) are one path to everything after this (Swift compares strings by canonical
            // equivalence): the first in byte order is kept, the other is reported and left out.
            var names = Set<String>()
            children.removeAll { child in
                guard !names.insert(child.name).inserted else { return false }
                report(relative.isEmpty ? child.name : relative + "/" + child.name, .outputPathConflict,
                       "the name is that of another file in this folder in another Unicode form (NFC and NFD): the file is left out")
                return true
            }
            for (name, entryType) in children {
                let child = relative.isEmpty ? name : relative + "/" + name
                let full = root.path + "/" + child
                var type = entryType
                var isLink = false
                if type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(full, &info) == 0 else { continue }
                    if (info.st_mode & S_IFMT) == S_IFLNK {
                        isLink = true
                        guard let target = realPath(full) else {
                            report(child, .unreadableFile, "a symbolic link to nothing (or to a link loop): it is not read")
                            continue
                        }
                        guard isInside(target, realRoot) else {
                            report(child, .outsideContent, "a symbolic link to \(target), outside the content folder: it is not read")
                            continue
                        }
                        // Hidden by where it leads, not by its name: a link `x` to `.git` would publish `x/config`.
                        if let hidden = hiddenPlace(of: target, in: realRoot) {
                            report(child, .outsideContent, "a symbolic link to \(hidden), a hidden file or folder of the content: it is not read")
                            continue
                        }
                        guard stat(full, &info) == 0 else { continue }
                    }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : ((info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : Int32(DT_UNKNOWN))
                }
                if type == Int32(DT_DIR) {
                    if isLink { linkedFolders.append(child) } else { enter(child) }
                } else if type == Int32(DT_REG) {
                    listing.files.append(child)
                } else {
                    report(child, .unreadableFile, "not a regular file (a FIFO, socket or device): it is not read")
                }
            }
        }
        /// Walks a folder unless it was walked already (told by device and inode).
        func enter(_ child: String) {
            guard let id = FileID(path: root.path + "/" + child) else { return }
            if let first = walked[id] {
                report(child, .symlinkLoop, "the folder is \(first.isEmpty ? "the content folder itself" : first) again (a link): it is read once")
                return
            }
            walked[id] = child
            walk(child)
        }
        walk("")
        var next = 0
        while next < linkedFolders.count {
            next += 1
            enter(linkedFolders[next - 1])
        }
        listing.files.sort()
        return listing
    }

    /// Reads a content file: `path` is content-relative. Fails with a diagnostic, never throws:
    /// DG208 when its real path is outside the content folder or hidden
    /// (`isHidden`: `.git/config`, `.env`, a link into `.git`); DG211 when it is larger than
    /// `maxFileSize`, DG207 when it is not a regular file or cannot be read. `allowingHidden` (a
    /// templates folder the user keeps hidden in the content) reads a hidden file by its own name,
    /// never through a link.
    public static func read(_ path: String, in root: URL, allowingHidden: Bool = false) -> Result<SourceFile, Diagnostic> {
        func fail(_ code: DiagnosticCode, _ message: String) -> Result<SourceFile, Diagnostic> {
            .failure(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: code, stage: .load, message: message))
        }
        let full = root.path + "/" + path
        guard let realRoot = realPath(root.path), let target = realPath(full) else {
            return fail(.unreadableFile, "cannot read the file: \(String(cString: strerror(errno)))")
        }
        guard isInside(target, realRoot) else {
            return fail(.outsideContent, "the file is \(target), outside the content folder: it is not read")
        }
        // Not even by its own name (a docfx.json's xref map, an invitations.yml's page could name
        // `.git/config`), unless allowed; then never through a link (`assets/.\u{301}x` to `.git/config`).
        if let hidden = hiddenPlace(of: target, in: realRoot),
           !allowingHidden || !hidden.utf8.elementsEqual(PathText.segments(path).joined(separator: "/").utf8) {
            return fail(.outsideContent, "the file is \(hidden), a hidden file or folder of the content: it is not read")
        }
        var info = stat()
        if stat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > maxFileSize {
            return fail(.fileTooLarge, "the file is \(info.st_size) bytes, more than the \(maxFileSize) a build reads: it is not read")
        }
        // The real path has no link left in it; O_NOFOLLOW refuses one put in its place since.
        let bytes: [UInt8]
        do {
            bytes = try FileRead.bytes(atPath: target, followingLinks: false)
        } catch {
            guard case .unreadableFile(_, let why) = error else { return fail(.unreadableFile, "\(error)") }
            return fail(.unreadableFile, "cannot read the file: \(why)")
        }
        return .success(SourceFile(path: path, bytes: bytes))
    }

    /// Reads a content file as text for a loader (configs, TOCs): invalid UTF-8 is reported (DG203,
    /// located) and decoded as U+FFFD, so the file is still used; a lone CR ends a line as LF does.
    /// nil with a diagnostic when the file cannot be read.
    public static func text(_ path: String, in root: URL) -> (text: String?, diagnostics: [Diagnostic]) {
        switch read(path, in: root) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let file): return file.decoded()
        }
    }

    @available(*, deprecated, renamed: "SourceFile.decoded()")
    public static func decode(_ file: SourceFile) -> (text: String, diagnostics: [Diagnostic]) { file.decoded() }

    /// A file's identity: device and inode.
    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The real path `target` (inside `root`) relative to `root`, when a folder or name on it is
    /// hidden (`isHidden`: `.git`, `.github`…); nil otherwise.
    static func hiddenPlace(of target: String, in root: String) -> String? {
        guard PathText.startsInside(target, folder: root) else { return nil }
        let relative = String(Substring(target.utf8.dropFirst(root.utf8.count + (root == "/" ? 0 : 1))))
        return PathText.segments(relative).contains(where: isHidden) ? relative : nil
    }

    /// Whether the real path `path` is `root` or lies under it (by bytes: `PathText.isInside`).
    static func isInside(_ path: String, _ root: String) -> Bool {
        PathText.isInside(path, folder: root)
    }
}
