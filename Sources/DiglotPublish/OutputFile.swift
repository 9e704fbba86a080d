import DiglotModel

/// A file the build produces, in memory until the write stage writes it.
public struct OutputFile: Sendable {
    /// Path relative to the output folder, with `/` separators.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The publish plan's last check, before the one writer writes: every path is a normal output path
/// (`OutputPath.isNormal`, no segment over 255 bytes), and no two files share one, nor is one file
/// another's folder (`a.html` and `a.html/b.png`). A path that is not normal is left out (DG302); of
/// files that clash, the first in path order is kept and the others are left out (DG303). Earlier
/// stages report such inputs where they stand; this check holds whatever they missed, so that the
/// writer never fails half way.
package enum OutputPlan {
    /// `files` sorted by path, checked; problems are appended to `diagnostics`.
    package static func checked(_ files: [OutputFile], diagnostics: inout [Diagnostic]) -> [OutputFile] {
        let kept = checkedIndices(files.map(\.path), diagnostics: &diagnostics)
        return kept.map { files[$0] }
    }

    /// The plan's paths, sorted, checked, each once (the streaming build checks its plan before it
    /// renders anything); problems are appended to `diagnostics`.
    package static func checked(paths: [String], diagnostics: inout [Diagnostic]) -> [String] {
        checkedIndices(paths, diagnostics: &diagnostics).map { paths[$0] }
    }

    /// The indices of the paths kept, in path order.
    private static func checkedIndices(_ paths: [String], diagnostics: inout [Diagnostic]) -> [Int] {
        let order = paths.indices.sorted { (paths[$0], $0) < (paths[$1], $1) }
        var result: [Int] = []
        var kept: [String] = []
        var keptSet = Set<Substring>(minimumCapacity: paths.count)
        result.reserveCapacity(paths.count)
        kept.reserveCapacity(paths.count)
        for index in order {
            let path = paths[index]
            guard OutputPath.isNormal(path), !PathText.segments(path).contains(where: { $0.utf8.count > 255 }) else {
                diagnostics.append(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: .outputPathOutside, stage: .write,
                                              message: "a file of the build has a path that is not inside the output folder: it is not written"))
                continue
            }
            if let last = kept.last, last == path {
                diagnostics.append(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: .outputPathConflict, stage: .write,
                                              message: "two files of the build would be written to this path: the first is kept"))
                continue
            }
            // A file kept earlier whose path is a folder of this one (sorted, a folder comes before what is in it).
            if let folder = keptAsFolder(of: path, among: keptSet) {
                diagnostics.append(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: .outputPathConflict, stage: .write,
                                              message: "a file of the build is written at \(folder), which this path needs as a folder: this one is left out"))
                continue
            }
            result.append(index)
            kept.append(path)
            keptSet.insert(Substring(path))
        }
        return result
    }

    /// The kept file, if any, whose path is a folder of `path`: each of `path`'s folders is looked up
    /// among the kept files.
    private static func keptAsFolder(of path: String, among kept: Set<Substring>) -> Substring? {
        var folder = Substring(path)
        while folder.utf8.contains(UInt8(ascii: "/")) {
            folder = PathText.folder(of: folder)
            if kept.contains(folder) { return folder }
        }
        return nil
    }
}
