/// The one way Diglot cuts a path into its folders and name: at the byte `/` (and `\` where DocFX
/// reads it as `/`), as the file system does (POSIX.1-2017, 3.271 "Pathname": "`/` characters
/// separate filenames"), never at Swift's `Character`s. A `Character` is a grapheme cluster (UAX #29,
/// rule GB9), so `/` followed by a combining mark (`/\u{301}`) is one `Character` that is not `/`:
/// split so, `a/../../\u{301}x` would hold no `..` segment at its end, and its last `..` would reach
/// the file system unseen.
public enum PathText {
    /// The segments of `path` between separators: `/`, and `\` too when `backslash` is true. Empty
    /// segments are left out unless `keepingEmpty` (`a//b`, a leading or trailing `/`).
    public static func segments(_ path: Substring, backslash: Bool = false, keepingEmpty: Bool = false) -> [Substring] {
        path.utf8.split(omittingEmptySubsequences: !keepingEmpty) { $0 == slash || (backslash && $0 == backslashByte) }.map { Substring($0) }
    }

    public static func segments(_ path: String, backslash: Bool = false, keepingEmpty: Bool = false) -> [Substring] {
        segments(Substring(path), backslash: backslash, keepingEmpty: keepingEmpty)
    }

    /// The folders of a file's path, its name left out: `["docs", "sub"]` for `docs/sub/page.md`.
    public static func folders(of path: String) -> [String] {
        segments(path).dropLast().map(String.init)
    }

    /// What comes before the last `/` of `path` (its folder), `""` when it has none.
    public static func folder(of path: some StringProtocol) -> Substring {
        let text = Substring(path)
        guard let slash = text.utf8.lastIndex(of: slash) else { return "" }
        return text[..<slash]
    }

    /// Whether `path` starts with `/` (the byte, so `/\u{301}x` does).
    public static func isAbsolute(_ path: some StringProtocol) -> Bool {
        path.utf8.first == slash
    }

    private static let slash = UInt8(ascii: "/"), backslashByte = UInt8(ascii: "\\")
}
