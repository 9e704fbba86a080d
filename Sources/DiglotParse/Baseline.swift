

/// The measure `make bench` compares Diglot's build with.
public enum CmarkBaseline {
    /// One plain cmark-gfm parse-and-render pass over `bytes` (table, strikethrough and autolink
    /// extensions, raw HTML kept). Returns the length of the HTML it rendered.
    public static func render(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { CommonMarkConverter.baselineRender($0) }
    }
}
