import Foundation

/// Where the stages after load read pages from, on demand: the build reads each page when it parses
/// it and again when it renders it, rather than holding every page's bytes (issue 12: a site of 6,540
/// pages held 176 MB of markdown and its models at once). The content folder (`FolderPageReader`, the
/// file system at the edge, through `ContentFolder`'s rules) or files in memory (`MemoryPageReader`,
/// for `SiteBuilder.render` and tests).
public protocol PageReader: Sendable {
    /// The page's bytes, or the one-line diagnostic that says why it cannot be read.
    func read(_ path: String) -> Result<SourceFile, Diagnostic>
}

/// Pages of a content folder, each read contained in it (`ContentLoader.read`).
struct FolderPageReader: PageReader {
    let content: URL
    func read(_ path: String) -> Result<SourceFile, Diagnostic> { ContentLoader.read(path, in: content) }
}

/// Pages in memory.
struct MemoryPageReader: PageReader {
    let files: [String: SourceFile]
    init(_ sources: [SourceFile]) { files = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a }) }
    func read(_ path: String) -> Result<SourceFile, Diagnostic> {
        files[path].map { .success($0) }
            ?? .failure(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), code: .unreadableFile, stage: .load, message: "the page is not there"))
    }
}
