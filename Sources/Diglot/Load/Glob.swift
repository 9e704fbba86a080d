/// DocFX's file globs: `*` matches within a path segment, `?` one character, `**` any number of
/// segments (`**/*.md`, `**/includes/**`), `{a,b}` either alternative. Paths use `/`; matching is
/// case-insensitive, as on the Windows machines DocFX docsets were written for.
public struct Glob: Sendable, Equatable {
    public let pattern: String
    private let alternatives: [[Segment]]

    /// A pattern's path segment, its scalars taken once (a docset's globs are matched against every file).
    private struct Segment: Sendable, Equatable {
        let scalars: [Unicode.Scalar]
        let isGlobstar: Bool
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        let trimmed = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        alternatives = Glob.expandBraces(trimmed.lowercased()).map { alternative in
            PathText.segments(alternative).map { Segment(scalars: Array($0.unicodeScalars), isGlobstar: $0 == "**") }
        }
    }

    public func matches(_ path: String) -> Bool {
        matches(Path(path))
    }

    /// A path as globs match it (lowercased, split at `/` as `PathText` splits it, each segment's
    /// scalars), made once for all the globs a path is matched against.
    public struct Path {
        fileprivate let segments: [[Unicode.Scalar]]

        public init(_ path: String) {
            segments = PathText.segments(path.lowercased()).map { Array($0.unicodeScalars) }
        }
    }

    public func matches(_ path: Path) -> Bool {
        alternatives.contains { Glob.match($0, path.segments) }
    }

    /// Both levels use the classic wildcard match that goes back only to the last star: a star matches any
    /// run, so retrying earlier stars cannot succeed where the last one failed. Time is O(pattern × path);
    /// the recursive search before it took exponential time on `**…**x` (a docfx.json glob of 120 stars
    /// held a build for good).
    private static func match(_ pattern: [Segment], _ path: [[Unicode.Scalar]]) -> Bool {
        wildcardMatch(pattern, path, isStar: \.isGlobstar) { p, s in matchSegment(p.scalars, s) }
    }

    private static func matchSegment(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        wildcardMatch(p, s, isStar: { $0 == "*" }) { p, c in p == "?" || p == c }
    }

    /// Whether `items` match `pattern`, where a star matches any run of items and another pattern element
    /// matches one item when `matchOne` says so.
    private static func wildcardMatch<P, T>(_ pattern: [P], _ items: [T], isStar: (P) -> Bool, matchOne: (P, T) -> Bool) -> Bool {
        var p = 0, i = 0
        var star: Int? = nil, starItem = 0
        while i < items.count {
            if p < pattern.count, isStar(pattern[p]) {
                star = p
                starItem = i
                p += 1
            } else if p < pattern.count, matchOne(pattern[p], items[i]) {
                p += 1
                i += 1
            } else if let lastStar = star {
                // The last star takes one more item; the rest of the pattern is tried after it.
                p = lastStar + 1
                starItem += 1
                i = starItem
            } else {
                return false
            }
        }
        while p < pattern.count, isStar(pattern[p]) { p += 1 }
        return p == pattern.count
    }

    /// `a/{b,c}/d` → `a/b/d`, `a/c/d` (one level of braces, as DocFX uses them).
    /// The most alternatives one glob's braces expand to: 1,024 (`{a,b}` written 24 times would be 16
    /// million, and took a build for good). Past it, the first 1,024 are kept; no docset needs more.
    static let maxAlternatives = 1_024

    private static func expandBraces(_ pattern: String) -> [String] {
        // Each group is a level of recursion and a copy of the pattern: more than 64 are read as written.
        guard pattern.utf8.lazy.filter({ $0 == UInt8(ascii: "{") }).count <= 64 else { return [pattern] }
        var result: [String] = []
        expandBraces(pattern, into: &result)
        return result
    }

    private static func expandBraces(_ pattern: String, into result: inout [String]) {
        guard result.count < maxAlternatives else { return }
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else {
            result.append(pattern)
            return
        }
        let head = pattern[..<open], tail = pattern[pattern.index(after: close)...]
        for choice in pattern[pattern.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false) {
            guard result.count < maxAlternatives else { return }
            expandBraces(String(head) + choice + tail, into: &result)
        }
    }
}
