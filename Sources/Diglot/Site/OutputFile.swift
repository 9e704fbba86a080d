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
/// (`OutputPath.isNormal`), and no two files share one. A path that is not normal is left out (DG302);
/// of files that share a path, the first made is kept and the others are left out (DG303). Earlier
/// stages report such inputs where they stand; this check holds whatever they missed.
enum OutputPlan {
    /// `files` sorted by path, checked; problems are appended to `diagnostics`.
    static func checked(_ files: [OutputFile], diagnostics: inout [Diagnostic]) -> [OutputFile] {
        let order = files.indices.sorted { (files[$0].path, $0) < (files[$1].path, $1) }
        var result: [OutputFile] = []
        result.reserveCapacity(files.count)
        for index in order {
            let file = files[index]
            guard OutputPath.isNormal(file.path) else {
                diagnostics.append(Diagnostic(file: file.path, location: SourceLocation(line: 1, column: 1), code: .outputPathOutside, stage: .write,
                                              message: "a file of the build has a path that is not inside the output folder: it is not written"))
                continue
            }
            if let last = result.last, last.path == file.path {
                diagnostics.append(Diagnostic(file: file.path, location: SourceLocation(line: 1, column: 1), code: .outputPathConflict, stage: .write,
                                              message: "two files of the build would be written to this path: the first is kept"))
                continue
            }
            result.append(file)
        }
        return result
    }
}
