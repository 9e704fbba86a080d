/// The one hash of bytes Diglot keeps: the manifest's record of each file written, the build cache's
/// key and the fingerprints of what pages depend on (change detection, not security: nothing trusts it
/// against an adversary, who could only make a file be written again or left as it was).
package enum FastHash {
    /// A fast 64-bit hash of bytes, 32 at a time in four lanes (change detection, not security).
    package static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw -> UInt64 in
            let k: UInt64 = 0x9E37_79B9_7F4A_7C15
            var a: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count), b = a &+ k, c = a &+ 2 &* k, d = a &+ 3 &* k
            let blocks = raw.count / 32
            for i in 0..<blocks {
                let base = i * 32
                a = (a ^ raw.loadUnaligned(fromByteOffset: base, as: UInt64.self)) &* k; a ^= a >> 31
                b = (b ^ raw.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self)) &* k; b ^= b >> 31
                c = (c ^ raw.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self)) &* k; c ^= c >> 31
                d = (d ^ raw.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self)) &* k; d ^= d >> 31
            }
            var h = a ^ (b &* 3) ^ (c &* 5) ^ (d &* 7)
            for i in (blocks * 32)..<raw.count {
                h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3
            }
            h ^= h >> 33
            h = h &* 0xff51_afd7_ed55_8ccd
            return h ^ (h >> 33)
        }
    }
}
