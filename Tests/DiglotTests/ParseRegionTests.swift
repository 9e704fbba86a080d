import CParseRegion
@testable import DiglotModel
import DiglotContent
@testable import DiglotParse
import Foundation
import XCTest

/// The region cmark-gfm's trees are allocated in (`CParseRegion`, issue 12): what it hands out, what it
/// gives back, and that the parse uses it.
final class ParseRegionTests: XCTestCase {
    /// The size of the chunk each thread keeps between regions (`standard_chunk` in region.c).
    let standardChunk = 256 * 1024

    /// Runs `body` on a thread of its own, whose region starts empty.
    func onNewThread(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { body(); done.signal() }
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
    }

    func testAParseUsesTheRegionAndGivesItBack() {
        // A large page: a long table and paragraphs with units, far more than one chunk of nodes.
        var markdown = "# Título\n\n| a | b |\n|---|---|\n"
        for n in 0..<3_000 { markdown += "| celda \(n) | **otra** [enlace](x\(n).md) |\n" }
        markdown += "\n"
        for n in 0..<3_000 {
            markdown += "<span data-ttu-id=\"\(n)\">Texto `código` \(n).</span><span class=\"sxs-lookup\"><span data-stu-id=\"\(n)\">Text \(n).</span></span>\n\n"
        }
        let page = markdown
        nonisolated(unsafe) var held: (before: Int, after: Int, blocks: Int) = (0, 0, 0)
        onNewThread {
            let before = diglot_region_held()
            let parsed = PageParser.parse(.page("big.md", page))
            held = (before, diglot_region_held(), parsed.page.blocks.count)
        }
        XCTAssertEqual(held.before, 0)
        XCTAssertEqual(held.blocks, 3_002, "the heading, the table and 3,000 paragraphs")
        // The parse went through the region (its thread keeps one chunk for the next page) and gave
        // back every chunk beyond that one.
        XCTAssertEqual(held.after, standardChunk)
    }

    func testNestedRegionsAndReusedMemory() {
        onNewThread { [standardChunk] in
            let outer = diglot_region_begin()
            let kept = diglot_region_calloc(100, 1)!.assumingMemoryBound(to: UInt8.self)
            for i in 0..<100 { kept[i] = UInt8(i) }
            let inner = diglot_region_begin()
            let scratch = diglot_region_calloc(1, 1000)!.assumingMemoryBound(to: UInt8.self)
            scratch.update(repeating: 0xFF, count: 1000)
            let large = diglot_region_calloc(1, 3 * standardChunk)!  // a chunk of its own
            XCTAssertEqual(Int(bitPattern: large) % 16, 0)
            XCTAssertGreaterThan(diglot_region_held(), 3 * standardChunk)
            diglot_region_end(inner)
            XCTAssertEqual(diglot_region_held(), standardChunk, "the large chunk is freed when the inner region ends")
            // The outer region's bytes are intact, and memory handed out again is zeroed by calloc.
            XCTAssertEqual((0..<100).map { kept[$0] }, (0..<100).map(UInt8.init))
            let again = diglot_region_calloc(1, 1000)!.assumingMemoryBound(to: UInt8.self)
            XCTAssertEqual(again, scratch, "the inner region's bytes are handed out again")
            XCTAssertTrue((0..<1000).allSatisfy { again[$0] == 0 })
            diglot_region_end(outer)
            XCTAssertEqual(diglot_region_held(), standardChunk)
        }
    }

    func testReallocKeepsTheBytesAndGrowsTheLastInPlace() {
        onNewThread {
            let mark = diglot_region_begin()
            defer { diglot_region_end(mark) }
            let first = diglot_region_realloc(nil, 24)!.assumingMemoryBound(to: UInt8.self)
            for i in 0..<24 { first[i] = UInt8(i + 1) }
            let grown = diglot_region_realloc(first, 4000)!.assumingMemoryBound(to: UInt8.self)
            XCTAssertEqual(grown, first, "the last allocation grows where it is")
            let other = diglot_region_calloc(3, 5)!
            XCTAssertEqual(Int(bitPattern: other) % 16, 0)
            let moved = diglot_region_realloc(grown, 8000)!.assumingMemoryBound(to: UInt8.self)
            XCTAssertNotEqual(moved, grown, "an allocation that is not the last is copied")
            XCTAssertEqual((0..<24).map { moved[$0] }, (1...24).map(UInt8.init))
            XCTAssertEqual(diglot_region_realloc(moved, 10), UnsafeMutableRawPointer(moved), "shrinking keeps the allocation")
        }
    }

    func testPagesParsedOnManyThreadsEqualPagesParsedOnOne() {
        // Tables, autolinks, strikethrough and literals on every thread at once: each thread's trees
        // stay in its own region.
        let pages = (0..<64).map { n in
            SourceFile.page("p\(n).md", """
            # Página \(n)

            | a | b |
            |---|---|
            | ~~x\(n)~~ | www.example.com/\(n) |

            Texto con `código \(n)` y [un enlace](https://example.com/\(n) "título").

            ```csharp
            var x = \(n);
            ```
            """)
        }
        let serial = pages.map { PageParser.parse($0).page.blocks }
        let parallel = ConcurrentMap.map(pages) { PageParser.parse($0).page.blocks }
        XCTAssertEqual(parallel, serial)
        XCTAssertEqual(serial.count, 64)
        guard case .table = serial[5][1].kind else { return XCTFail("no table: \(serial[5][1].kind)") }
    }
}
