@testable import DiglotPublish
import Foundation
import XCTest

/// `.diglot-manifest`, written digit by digit (`Manifest.bytes`): the lines string interpolation made,
/// read back as they were written.
final class ManifestTests: XCTestCase {
    func testTheManifestIsWrittenAsInterpolationWroteItAndReadsBack() {
        let entries: [String: Manifest.Entry] = [
            "index.html": .init(size: 0, mtime: 0, hash: 0),
            "es-es/caf\u{E9}.html": .init(size: 48_213, mtime: 1_764_662_400_123_456_789, hash: 0xDEAD_BEEF_0123_4567),
            "old/unknown.html": .init(size: -1, mtime: -1, hash: 0),
            "z/last.js": .init(size: Int.max, mtime: Int64.min + 1, hash: UInt64.max),
        ]
        let manifest = Manifest(entries: entries)
        let interpolated = entries.keys.sorted().map { path in
            let e = entries[path]!
            return "\(path)\t\(e.size)\t\(e.mtime)\t\(String(e.hash, radix: 16))"
        }.joined(separator: "\n") + "\n"
        XCTAssertEqual(manifest.bytes, Array(interpolated.utf8))
        XCTAssertEqual(manifest.text, interpolated)
        let read = Manifest(text: manifest.text)
        XCTAssertEqual(read.entries.count, entries.count)
        for (path, entry) in entries { XCTAssertEqual(read.entries[path], entry, path) }
        XCTAssertEqual(Manifest(entries: [:]).bytes, Array("\n".utf8))
    }
}
