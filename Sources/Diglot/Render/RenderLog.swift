import Foundation

/// What `render` did, for the build cache and the build's result.
final class RenderLog: @unchecked Sendable {
    private let lock = NSLock()
    /// Whether `render` works out each rendered page's render dependency (not when the caller has them).
    let recordsRenderDependencies: Bool

    init(recordsRenderDependencies: Bool = true) { self.recordsRenderDependencies = recordsRenderDependencies }

    /// The pages whose views were rendered (not kept), in page order.
    private(set) var renderedPages: [String] = []
    /// Each page's search entries' lengths (translation, English).
    private(set) var entryLengths: [String: [Int]] = [:]
    /// The counts of the report of stale translations, when there was one.
    var staleCounts: SitePart.StaleCounts? {
        get { lock.withLock { counts } }
        set { lock.withLock { counts = newValue } }
    }
    private var counts: SitePart.StaleCounts?

    /// Each rendered page's render dependency (`RenderDependency`), worked out as it was framed.
    private(set) var renderDependencies: [String: String] = [:]

    func record(_ page: String, rendered: Bool, target: Int, source: Int, dependency: String? = nil) {
        lock.withLock {
            if rendered { renderedPages.append(page) }
            entryLengths[page] = [target, source]
            if let dependency { renderDependencies[page] = dependency }
        }
    }
}

/// What a build keeps of the last one's output (the build cache): pages whose views are not
/// rendered again, and their search entries, read back from the last build's index files.
struct RenderReuse {
    var keptPages: Set<String>
    /// Slices of the last build's index files (shared, not copied): kept pages' entries in the parts
    /// that are written again.
    var entries: [String: (target: ArraySlice<UInt8>, source: ArraySlice<UInt8>)]
    /// Each kept page's entries' lengths, the last build's (`PageSummary.targetEntry`, `sourceEntry`).
    var entryLengths: [String: (target: Int, source: Int)] = [:]
    /// The parts of the search indexes whose pages are all kept: carried over as the last build wrote them.
    var keptIndexFiles: Set<String> = []
    /// The start page and the TOC files (`navigationFiles`), when they are the last build's: not rendered.
    var keptNavigationFiles: [String] = []
    /// The site's files that depend only on what the build cache's global fingerprint and the
    /// navigation digest cover (`404.html`, the redirect pages, the template set's assets but
    /// highlight.js's), when both are the last build's and its manifest has them: not rendered.
    var keptSiteFiles: Set<String> = []
}
