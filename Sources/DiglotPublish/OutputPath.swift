import DiglotModel



/// The one rule for paths in the output folder. Every output path that content can shape (a page's
/// path, a docset's `dest` and `build_output_subfolder`, a resource group's `src` and `dest`, a
/// redirect's `source_path`, a locale folder, a draft's cloud id) passes through `normalize`, and
/// the writer refuses any file whose path is not already normal (`isNormal`), so no value from content
/// can lead a file out of the output folder.
///
/// A normal output path is relative, uses `/`, and has no empty, `.` or `..` segment and no NUL.
public enum OutputPath {
    /// Why a value cannot be an output path.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// A `..` leads above the output folder.
        case leavesOutput
        /// A NUL or another control character (U+0000–U+001F, U+007F).
        case controlCharacter
        /// A segment that starts with `.` (`.well-known`, `.htaccess`): hidden, which no file of the
        /// content makes (the listing leaves hidden files out) and a multilingual site's parts refuse.
        case hidden

        public var description: String {
            switch self {
            case .leavesOutput: return "it leads out of the output folder"
            case .controlCharacter: return "it holds a control character"
            case .hidden: return "it names a hidden file or folder (a segment starting with .)"
            }
        }
    }

    /// `raw` as a normal output path (`""` for the output folder itself): `\` read as `/`, leading
    /// `/` and `./` dropped, `.` and empty segments dropped, `a/../b` made `b`. Segments are cut at
    /// the bytes `/` and `\` (`PathText`), as the file system cuts them.
    /// - Throws: `Problem.leavesOutput` when a `..` climbs above the top, `.controlCharacter` for a
    ///   control character, `.hidden` when a segment left starts with `.`.
    public static func normalize(_ raw: String) throws(Problem) -> String {
        if raw.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { throw .controlCharacter }
        var segments: [Substring] = []
        for part in PathText.segments(raw, backslash: true) {
            if part == "." { continue }
            if part == ".." {
                guard !segments.isEmpty else { throw .leavesOutput }
                segments.removeLast()
            } else {
                segments.append(part)
            }
        }
        if segments.contains(where: PathText.isHidden) { throw .hidden }
        return segments.joined(separator: "/")
    }

    /// Whether `path` is a normal, non-empty output path (what the writer accepts).
    public static func isNormal(_ path: String) -> Bool {
        guard !path.isEmpty, !PathText.isAbsolute(path), !path.utf8.contains(0) else { return false }
        return !PathText.segments(path, keepingEmpty: true).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}
