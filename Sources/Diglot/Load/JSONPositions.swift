import Foundation

/// Where values stand in one JSON file, for diagnostics: Foundation's `JSONSerialization` gives no
/// positions, so a value is found as a JSON string (`"value"`) after its `"key"`. Each key's search
/// goes on from where its last value was found (a file's entries are reported in file order), so
/// locating every value of a file takes time linear in the file, not quadratic (20,000 refused
/// redirections took 39 s when each search started again at the top). Line and column are 1-based;
/// the column counts UTF-8 bytes.
struct JSONPositions {
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    private var cursors: [String: Int] = [:]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The position of `value` after `"key"` (from the last one found for that key), else of its first
    /// occurrence anywhere, else 1:1.
    mutating func of(_ value: String, key: String) -> SourceLocation {
        let quoted = Array("\"\(value)\"".utf8)
        let keyBytes = Array("\"\(key)\"".utf8)
        var from = cursors[key, default: 0]
        while let at = find(keyBytes, from: from) {
            from = at + keyBytes.count
            // The value must follow its key: a `:` and white space only between them.
            var i = from
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == UInt8(ascii: ":") { i += 1 }
            if i + quoted.count <= bytes.count, bytes[i..<(i + quoted.count)].elementsEqual(quoted) {
                cursors[key] = i + quoted.count
                return location(i)
            }
        }
        return find(quoted, from: 0).map(location) ?? SourceLocation(line: 1, column: 1)
    }

    /// The first occurrence of `needle` at or after `from` (memchr finds each candidate first byte).
    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            let last = buffer.count - needle.count
            var at = from
            while at <= last, let hit = memchr(base + at, Int32(needle[0]), last - at + 1) {
                let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(base + i, needle, needle.count) == 0 { return i }
                at = i + 1
            }
            return nil
        }
    }

    private func location(_ offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid }
        }
        return SourceLocation(line: low + 1, column: offset - lineStarts[low] + 1)
    }
}
