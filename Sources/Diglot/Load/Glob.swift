/// DocFX's file globs: `*` matches within a path segment, `?` one character, `**` any number of
/// segments (`**/*.md`, `**/includes/**`), `{a,b}` either alternative. Paths use `/`; matching is
/// case-insensitive, as on the Windows machines DocFX docsets were written for.
public struct Glob: Sendable, Equatable {
    public let pattern: String
    private let alternatives: [[Substring]]

    public init(_ pattern: String) {
        self.pattern = pattern
        let trimmed = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        alternatives = Glob.expandBraces(trimmed.lowercased()).map { $0.split(separator: "/", omittingEmptySubsequences: true) }
    }

    public func matches(_ path: String) -> Bool {
        let segments = path.lowercased().split(separator: "/", omittingEmptySubsequences: true)
        return alternatives.contains { Glob.match($0[...], segments[...]) }
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(Array(first.unicodeScalars)[...], Array(segment.unicodeScalars)[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let c = p.first else { return s.isEmpty }
        switch c {
        case "*":
            var tail = s
            while true {
                if matchSegment(p.dropFirst(), tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        case "?":
            return !s.isEmpty && matchSegment(p.dropFirst(), s.dropFirst())
        default:
            return s.first == c && matchSegment(p.dropFirst(), s.dropFirst())
        }
    }

    /// `a/{b,c}/d` → `a/b/d`, `a/c/d` (one level of braces, as DocFX uses them).
    private static func expandBraces(_ pattern: String) -> [String] {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else { return [pattern] }
        let head = pattern[..<open], tail = pattern[pattern.index(after: close)...]
        return pattern[pattern.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
            .flatMap { expandBraces(String(head) + $0 + tail) }
    }
}
