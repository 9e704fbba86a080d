import DiglotModel
import Foundation

/// The output folder a build may write into: checked before anything is written, and paths compared
/// as the file system resolves them.
public enum OutputFolder {
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
        if PathText.startsInside(source, folder: out) { throw DiglotError.outputUnsafe(path, "it holds the content folder \(content.path)") }
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
        let hasManifest = lstat(out + "/" + OutputWriter.manifestName, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        if !isEmpty && !hasManifest { throw DiglotError.outputNotDiglots(path) }
    }

    /// An absolute path with symbolic links and `..` resolved (`realpath(3)`); for a path that does
    /// not exist, its longest existing ancestor resolved and the rest appended (the rest names no
    /// link, so resolving its `..` by the letters is exact).
    package static func resolvedPath(_ path: String) -> String {
        let absolute = PathText.isAbsolute(path) ? path : FileManager.default.currentDirectoryPath + "/" + path
        var head = absolute
        var rest: [String] = []
        while true {
            if let resolved = realpath(head, nil) {
                defer { free(resolved) }
                var parts = PathText.segments(String(cString: resolved)).map(String.init)
                for part in rest.reversed() {
                    if part == ".." { _ = parts.popLast() } else if part != "." && !part.isEmpty { parts.append(part) }
                }
                return "/" + parts.joined(separator: "/")
            }
            guard head != "/", !head.isEmpty else { return (absolute as NSString).standardizingPath }
            // Cut at the byte `/` (`PathText`), as `realpath` reads the path.
            rest.append(String(PathText.name(of: head)))
            let parent = PathText.folder(of: head)
            head = parent.isEmpty ? "/" : String(parent)
        }
    }
}
