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

    /// `path` with every `\` byte made `/` (DocFX, written on Windows, reads `..\\page.md` as
    /// `../page.md`). By bytes: `\` followed by a combining mark is one Character that is not `\`,
    /// which `replacingOccurrences` leaves as it is.
    public static func forwardSlashes(_ path: String) -> String {
        guard path.utf8.contains(backslashByte) else { return path }
        return String(decoding: path.utf8.map { $0 == backslashByte ? slash : $0 }, as: UTF8.self)
    }

    /// Whether `path` is `folder` or lies under it, both absolute: compared by bytes, as the file
    /// system compares names. `String`'s `==` and `hasPrefix` take canonically equivalent text for
    /// equal (`café` composed is `cafe\u{301}`), so a twin folder would count as inside; and they
    /// compare Characters, so `folder/\u{301}x` would not.
    public static func isInside(_ path: String, folder: String) -> Bool {
        if folder == "/" { return path.utf8.first == slash }
        return path.utf8.elementsEqual(folder.utf8) || startsInside(path, folder: folder)
    }

    /// Whether `path` lies under `folder` (not `folder` itself), by bytes (see `isInside`).
    public static func startsInside(_ path: String, folder: String) -> Bool {
        let path = path.utf8, folder = folder.utf8
        guard path.count > folder.count, path.starts(with: folder) else { return false }
        return folder.last == slash || path[path.index(path.startIndex, offsetBy: folder.count)] == slash
    }

    /// What follows `prefix` in `path`, when `path` starts with it (by bytes: `hasPrefix("fr-fr/")`
    /// is false for `fr-fr/\u{301}x`, whose `/` and combining mark are one Character); nil otherwise.
    public static func after(_ prefix: String, in path: String) -> String? {
        guard path.utf8.starts(with: prefix.utf8) else { return nil }
        return String(Substring(path.utf8.dropFirst(prefix.utf8.count)))
    }

    /// Whether a path segment names a hidden file or folder: its first byte is `.` (POSIX's dot
    /// files, as `ls` and web servers take them; by byte, so `.\u{301}x` is hidden too, though its
    /// first Character is not `.`).
    public static func isHidden(_ segment: some StringProtocol) -> Bool {
        segment.utf8.first == UInt8(ascii: ".")
    }

    /// Whether `path` starts with `/` (the byte, so `/\u{301}x` does).
    public static func isAbsolute(_ path: some StringProtocol) -> Bool {
        path.utf8.first == slash
    }

    /// The last segment of `path`: what comes after its last `/` (all of it when it has none).
    public static func name(of path: String) -> Substring {
        let text = Substring(path)
        guard let slash = text.utf8.lastIndex(of: slash) else { return text }
        return text[text.utf8.index(after: slash)...]
    }

    /// A path as a set or dictionary key, told apart from others by its bytes, as the file system
    /// tells names apart (`String`'s `==` and hash take `café` and `cafe\u{301}` for one path); ordered
    /// by bytes, so that a folder sorts before the folders in it.
    public struct Key: Hashable, Comparable, Sendable {
        public let path: String

        public init(_ path: String) { self.path = path }
        public init(_ path: Substring) { self.path = String(path) }

        public static func == (a: Key, b: Key) -> Bool {
            a.path.utf8.count == b.path.utf8.count && a.path.utf8.elementsEqual(b.path.utf8)
        }
        public static func < (a: Key, b: Key) -> Bool { a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        public func hash(into hasher: inout Hasher) {
            // The bytes at once where the string holds them contiguously (a native string does); else
            // copied, so that equal keys feed the hasher the same way whatever their storage.
            if path.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                Array(path.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
            }
        }
    }

    private static let slash = UInt8(ascii: "/"), backslashByte = UInt8(ascii: "\\")
}
