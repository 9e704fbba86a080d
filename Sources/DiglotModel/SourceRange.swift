/// A position in a source file: 1-based line, and 1-based column counted in UTF-8 bytes
/// (as cmark-gfm counts it). Lines count from the top of the file, front matter included.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// The span of source text a model node came from (both ends inclusive, as cmark reports them).
public struct SourceRange: Sendable, Hashable, Codable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    public init(line: Int, column: Int) {
        self.start = SourceLocation(line: line, column: column)
        self.end = self.start
    }

    /// Where a node without a position of its own sits: the start of the file.
    public static let unknown = SourceRange(line: 1, column: 1)
}
