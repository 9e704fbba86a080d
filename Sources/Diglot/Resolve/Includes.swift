import Foundation

/// DocFX includes: `[!INCLUDE[title](path.md)]` (or `[!INCLUDE [title](path.md)]`) alone in a paragraph puts the file's blocks there;
/// inside a sentence it puts the file's text there. Paths are relative to the file that includes, or
/// start at the docset's folder with `~/` (DocFX's "Links and Cross References"); an include may
/// include others, and its links lead from where it is written. A missing file, a cycle, or a path
/// that leaves the docset is reported.
///
/// Includes are bounded, since content is untrusted: at most `maxDepth` includes inside one another,
/// and at most `maxExpansions` includes and `maxExpandedBytes` bytes of included files per page (30
/// files that each include the next twice would expand to 2^30 copies). Past a bound the include is
/// left out and reported (DG507). Each included file is parsed once per build, whoever includes it.
final class Includes: @unchecked Sendable {
    /// Includes inside includes: 16 levels.
    static let maxDepth = 16
    /// Includes expanded for one page, counting every repeat: 2,000 (the most in a page of the corpora: 329, Business Central).
    static let maxExpansions = 2_000
    /// Bytes of included files expanded for one page, counting every repeat: 4 MiB (the corpora's most: 53 KB).
    static let maxExpandedBytes = 4 << 20
    /// Bytes of included files expanded for the whole site: 64 MiB (the corpora's: 2 MB, Business Central's).
    /// Pages are admitted in path order; past this, a page keeps its includes unexpanded (DG507), so
    /// that a hundred one-line pages each including 4 MiB cannot take the build's memory (256 MiB of
    /// includes made a 200 KB content folder a 2.2 GB build).
    static let maxSiteExpandedBytes = 64 << 20

    /// Bytes expanded so far by all pages (a hint: past the site's bound, pages stop expanding early).
    private var spentOnSite = 0
    var siteBudgetSpent: Bool { lock.withLock { spentOnSite > siteBudget } }
    private let siteBudget: Int

    /// Markdown files of the content that are not pages (includes live there), parsed on demand.
    let files: [String: [UInt8]]
    /// Pages may be included too: read on demand (the build does not hold every page's bytes).
    private let pages: Set<String>
    private let readPage: @Sendable (String) -> [UInt8]?
    /// Content path in lower case → content path (DocFX looks paths up in any letter case).
    private let byLowercasedPath: [String: String]
    private var parsed: [String: ParsedPage] = [:]
    private let lock = NSLock()

    init(files: [String: [UInt8]], pages: [String] = [], readPage: @escaping @Sendable (String) -> [UInt8]? = { _ in nil },
         siteBudget: Int = Includes.maxSiteExpandedBytes) {
        self.files = files
        self.pages = Set(pages).subtracting(files.keys)
        self.readPage = readPage
        self.siteBudget = siteBudget
        byLowercasedPath = Dictionary((files.keys.sorted() + pages.sorted()).map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func bytes(of path: String) -> [UInt8]? {
        if let bytes = files[path] { return bytes }
        return pages.contains(path) ? readPage(path) : nil
    }

    /// What one page's expansion has used of the bounds.
    private struct Budget {
        /// The page being expanded, which every included link leads from.
        var page: String
        var expansions = 0
        var bytes = 0
        var exhausted = false
        /// The files it read (the build cache makes the page depend on them).
        var files: Set<String> = []
    }

    /// `page` with its includes expanded; `docset` is the docset's folder (`""` for the top); `bytes`
    /// is how many bytes of included files went in, counting every repeat.
    func expand(_ page: Page, docset: String) -> (page: Page, diagnostics: [Diagnostic], bytes: Int, files: Set<String>) {
        var diagnostics: [Diagnostic] = []
        var expanded = page
        var budget = Budget(page: page.path)
        expanded.blocks = expandBlocks(page.blocks, file: page.path, docset: docset, stack: [page.path.lowercased()], budget: &budget, diagnostics: &diagnostics)
        lock.withLock { spentOnSite += budget.bytes }
        return (expanded, diagnostics, budget.bytes, budget.files)
    }

    private func expandBlocks(_ blocks: [Block], file: String, docset: String, stack: [String], budget: inout Budget, diagnostics: inout [Diagnostic]) -> [Block] {
        var result: [Block] = []
        let blocks = IncludeLists.liftingLazyIncludes(blocks)
        var index = 0
        while index < blocks.count {
            var block = blocks[index]
            index += 1
            switch block.kind {
            case .paragraph(let content):
                if let (path, range) = Includes.blockInclude(content) {
                    let inserted = included(path, at: range, from: file, docset: docset, stack: stack, budget: &budget, diagnostics: &diagnostics)?.blocks ?? []
                    // Between two parts of an ordered list: one list, numbered through (see `IncludeLists.numberedThrough`).
                    if case .list(let before)? = result.last?.kind, before.ordered, index < blocks.count, case .list(let after) = blocks[index].kind, after.ordered {
                        let rest = expandBlocks([blocks[index]], file: file, docset: docset, stack: stack, budget: &budget, diagnostics: &diagnostics)
                        if case .list(let expandedAfter)? = rest.first?.kind {
                            result[result.count - 1] = IncludeLists.numberedThrough(result[result.count - 1], before, inserted, expandedAfter, endingAt: blocks[index].range.end)
                            result += rest.dropFirst()
                            index += 1
                            continue
                        }
                    }
                    result += inserted
                    continue
                }
                block.kind = .paragraph(expandInlines(content, file: file, docset: docset, stack: stack, budget: &budget, diagnostics: &diagnostics))
            case .heading(var heading):
                // The id stays the one DocFX made from the include's title (`HeadingIDs.text(of:)`).
                let expanded = expandInlines(heading.content, file: file, docset: docset, stack: stack, budget: &budget, diagnostics: &diagnostics)
                if expanded != heading.content {
                    heading.idText = heading.idText ?? HeadingIDs.text(of: heading)
                    heading.content = expanded
                    block.kind = .heading(heading)
                }
            case .table, .html, .tabGroup:
                block = block.mappingInlines({ expandInlines($0, file: file, docset: docset, stack: stack, budget: &budget, diagnostics: &diagnostics) },
                                             blocks: { expandBlocks($0, file: file, docset: docset, stack: stack, budget: &budget, diagnostics: &diagnostics) })
            default:
                block = block.mappingChildBlocks { expandBlocks($0, file: file, docset: docset, stack: stack, budget: &budget, diagnostics: &diagnostics) }
            }
            result.append(block)
        }
        return result
    }

    /// Inline includes (`[!INCLUDE[title](path)]` inside a sentence) replaced by the first paragraph of
    /// their file, in the inlines and in every inline inside them: a unit's target and source each
    /// (machine translation keeps the include in both), emphasis, link text.
    private func expandInlines(_ inlines: [Inline], file: String, docset: String, stack: [String], budget: inout Budget, diagnostics: inout [Diagnostic]) -> [Inline] {
        var result: [Inline] = []
        InlineInclude.forEach(in: inlines, include: { path, range, _ in
            if let page = included(path, at: range, from: file, docset: docset, stack: stack, budget: &budget, diagnostics: &diagnostics) {
                result += page.blocks.first.map(\.inlines) ?? []
            }
        }, other: { inline in
            result.append(inline.children.isEmpty ? inline
                          : inline.mappingChildren { children, _ in expandInlines(children, file: file, docset: docset, stack: stack, budget: &budget, diagnostics: &diagnostics) })
        })
        return result
    }

    private func included(_ destination: String, at range: SourceRange, from file: String, docset: String, stack: [String],
                          budget: inout Budget, diagnostics: inout [Diagnostic]) -> Page? {
        func report(_ code: DiagnosticCode, _ message: String) {
            diagnostics.append(Diagnostic(file: file, location: range.start, code: code, stage: .resolve, message: message))
        }
        guard !budget.exhausted else { return nil }
        let path: String
        if LinkResolver.isDocsetRooted(destination) {
            // `~/` starts at the docset's folder, whoever includes (DocFX's `RelativePath.WorkingFolder`).
            guard let rooted = LinkResolver.docsetRootedPath(destination, docset: docset) else {
                report(.includeOutsideDocset, "the include \(destination) leaves the content folder"); return nil
            }
            path = rooted
        } else {
            guard let segments = LinkResolver.resolved(destination, from: PathText.folders(of: file)) else {
                report(.includeOutsideDocset, "the include \(destination) leaves the content folder"); return nil
            }
            path = segments.joined(separator: "/")
        }
        if !docset.isEmpty, Docset.strip(docset, from: path) == nil {
            report(.includeOutsideDocset, "the include \(destination) leaves the docset \(docset)/")
            return nil
        }
        if stack.contains(path.lowercased()) {
            report(.includeCycle, "the include \(destination) includes itself: \((stack + [path.lowercased()]).joined(separator: " → "))")
            return nil
        }
        let located = files[path] != nil || pages.contains(path) ? path : byLowercasedPath[path.lowercased()]
        if let located { budget.files.insert(located) }
        guard let actual = located, let bytes = bytes(of: actual) else {
            report(.includeMissing, "the included file \(path) does not exist")
            return nil
        }
        if stack.count > Includes.maxDepth {
            budget.exhausted = true
            report(.includeLimit, "the include \(destination) is \(stack.count) includes deep, more than \(Includes.maxDepth): "
                   + "this include and the ones after it are left out")
            return nil
        }
        budget.expansions += 1
        budget.bytes += bytes.count
        if budget.expansions > Includes.maxExpansions || budget.bytes > Includes.maxExpandedBytes {
            budget.exhausted = true
            report(.includeLimit, "the page's includes expand to more than \(Includes.maxExpansions) includes or \(Includes.maxExpandedBytes) bytes: "
                   + "this include and the ones after it are left out")
            return nil
        }
        let parsed = parse(actual, bytes)
        diagnostics += parsed.diagnostics
        var page = parsed.page
        // Its links and images are written from where it is: made relative to the page, before its
        // own includes (which do the same for theirs) are expanded.
        let (blocks, found) = ActiveContent.neutralize(included: page.blocks, writtenIn: actual, page: budget.page, docset: docset)
        page.blocks = blocks
        diagnostics += found
        page.blocks = expandBlocks(page.blocks, file: actual, docset: docset, stack: stack + [actual.lowercased()], budget: &budget, diagnostics: &diagnostics)
        return page
    }

    /// An included file parsed, once per build.
    private func parse(_ path: String, _ bytes: [UInt8]) -> ParsedPage {
        lock.lock()
        if let done = parsed[path] {
            lock.unlock()
            return done
        }
        lock.unlock()
        let page = PageParser.parse(SourceFile(path: path, bytes: bytes))
        lock.lock()
        parsed[path] = page
        lock.unlock()
        return page
    }

    /// Whether a page's text holds `[!include` in any letter case (most pages do not: they are left as they are).
    static func mayInclude(_ bytes: [UInt8]) -> Bool {
        // memchr finds each `[!` candidate (SIMD in libc); only those are compared, in any letter case.
        let needle = Array("include".utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count >= 9 else { return false }
            var at = 0
            while at + 9 <= buffer.count, let found = memchr(base + at, Int32(UInt8(ascii: "[")), buffer.count - at - 8) {
                let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if base[i + 1] == UInt8(ascii: "!") {
                    var j = 0
                    while j < needle.count, base[i + 2 + j] | 0x20 == needle[j] { j += 1 }
                    if j == needle.count { return true }
                }
                at = i + 1
            }
            return false
        }
    }

    /// `[!INCLUDE[title](path)]` as a whole paragraph.
    static func blockInclude(_ content: [Inline]) -> (String, SourceRange)? {
        guard content.count == 3, let (path, range, before, after) = InlineInclude.match(content[0], content[1], content[2]),
              before.allSatisfy(\.isWhitespace), after.allSatisfy(\.isWhitespace) else { return nil }
        return (path, range)
    }
}
