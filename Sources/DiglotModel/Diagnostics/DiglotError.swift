import Foundation

/// Errors that stop a whole command (as opposed to diagnostics about one page).
public enum DiglotError: Error, CustomStringConvertible, Equatable {
    case contentFolderMissing(String)
    case templatesMissing(String, String)
    case templateInvalid(String, String)
    case outputNotWritable(String, String)
    /// A `--locale` that is not a BCP 47 language tag (see `LanguageTag`).
    case invalidLocale(String)
    /// The site would be far larger than its content (DG305's message).
    case siteTooLarge(String)
    /// The output folder is not empty and Diglot did not write it (it has no `.diglot-manifest`).
    case outputNotDiglots(String)
    /// The output folder is one a build must never write into: the path and why.
    case outputUnsafe(String, String)
    /// A file (the page of `inspect`, the draft of `mail --output`) cannot be read or written: the path and why.
    case unreadableFile(String, String)
    case unwritableFile(String, String)
    /// Files `init` or `templates export` would replace: the folder, the paths, and what to do.
    case wouldOverwrite(String, [String], String)
    /// A locale's part that `merge` cannot take: its folder and why.
    case partInvalid(String, String)

    /// What went wrong, on one line: any line break in a path or a reason becomes a space.
    public var description: String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private var text: String {
        switch self {
        case .contentFolderMissing(let path): return "error: the content folder \(path) does not exist or is not a folder"
        case .templatesMissing(let path, let name): return "error: the template \(name).mustache is missing from \(path)"
        case .templateInvalid(let name, let why): return "error: the template \(name) is invalid: \(why)"
        case .outputNotWritable(let path, let why): return "error: cannot write the output folder \(path): \(why)"
        case .invalidLocale(let value): return "error: the locale \(value.debugDescription) is not a BCP 47 language tag (such as es-ES)"
        case .siteTooLarge(let why): return "error: \(why)"
        case .outputNotDiglots(let path):
            // `OutputWriter.manifestName` (DiglotPublish); a test holds the two together.
            return "error: the output folder \(path) is not empty and Diglot did not write it (no .diglot-manifest): "
                + "choose an empty or new folder, or give --force to build into it"
        case .outputUnsafe(let path, let why): return "error: refusing to build into \(path): \(why)"
        case .unreadableFile(let path, let why): return "error: cannot read \(path): \(why)"
        case .unwritableFile(let path, let why): return "error: cannot write \(path): \(why)"
        case .partInvalid(let path, let why): return "error: cannot merge the part \(path): \(why)"
        case .wouldOverwrite(let folder, let paths, let advice):
            let shown = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? " and \(paths.count - 5) more" : "")
            return "error: \(folder) already holds \(shown): nothing was written\(advice.isEmpty ? "" : " (\(advice))")"
        }
    }
}
