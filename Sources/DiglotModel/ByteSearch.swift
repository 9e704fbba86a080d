import Foundation

extension StringProtocol {
    /// Whether the string holds `needle`, compared byte for byte (memchr for its first byte, then
    /// memcmp). Foundation's `contains(_:)` goes through NSString, thousands of instructions a call;
    /// this is for hot paths.
    package func containsBytes(_ needle: StaticString) -> Bool {
        containsBytes(needle, foldingASCIICase: false)
    }

    /// Whether the string holds `needle` in any ASCII letter case: `needle` is lower-case ASCII and
    /// starts with a byte that is no letter (memchr for it, then the rest compared with ASCII letters
    /// folded to lower case). For DocFX's inline include marker, which DocFX matches ignoring case (`[!INCLUDE`).
    package func containsBytesIgnoringASCIICase(_ needle: StaticString) -> Bool {
        containsBytes(needle, foldingASCIICase: true)
    }

    @inline(__always)
    private func containsBytes(_ needle: StaticString, foldingASCIICase fold: Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { haystack -> Bool in
            let n = needle.utf8CodeUnitCount
            guard let base = haystack.baseAddress, n > 0, haystack.count >= n else { return false }
            let first = Int32(needle.utf8Start[0])
            var at = 0
            while at + n <= haystack.count, let found = memchr(base + at, first, haystack.count - at - n + 1) {
                let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if fold {
                    var k = 1
                    while k < n {
                        let byte = base[i + k]
                        guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == needle.utf8Start[k] else { break }
                        k += 1
                    }
                    if k == n { return true }
                } else if memcmp(base + i, needle.utf8Start, n) == 0 {
                    return true
                }
                at = i + 1
            }
            return false
        } ?? String(self).containsBytes(needle, foldingASCIICase: fold)
    }
}
