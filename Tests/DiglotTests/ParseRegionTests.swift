import CMalloc
import CParseRegion
import DiglotContent
@testable import DiglotModel
@testable import DiglotParse
import Foundation
import XCTest

/// The region cmark-gfm's trees are allocated in (`CParseRegion`, issue 12): what it hands out, what it
/// gives back, its cap, and that the parse uses it and parses as cmark-gfm's own allocator does.
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

    func testPastItsCapTheRegionFreesWhatIsFreed() {
        onNewThread { [standardChunk] in
            diglot_region_begin(64 * 1024)
            // Within the cap: chunk memory, not given back by free.
            let first = diglot_region_calloc(1, 60 * 1024)!
            diglot_region_free(first)
            XCTAssertEqual(diglot_region_overflow(), 0)
            // Past it: malloc'd blocks, each freed when cmark-gfm frees it, so allocating and freeing
            // the same bytes a thousand times holds them once.
            for _ in 0..<1_000 {
                let block = diglot_region_calloc(100, 100)!.assumingMemoryBound(to: UInt8.self)
                XCTAssertEqual(diglot_region_overflow(), 10_000)
                XCTAssertTrue((0..<10_000).allSatisfy { block[$0] == 0 })
                diglot_region_free(block)
            }
            XCTAssertEqual(diglot_region_overflow(), 0)
            XCTAssertEqual(diglot_region_held(), standardChunk)
            // An allocation grown past the cap becomes a block, and a block grown stays one; each keeps
            // its bytes. One left allocated is freed by the region's end (the next test).
            let kept = diglot_region_realloc(nil, 8)!.assumingMemoryBound(to: UInt8.self)
            for i in 0..<8 { kept[i] = UInt8(i + 1) }
            let grown = diglot_region_realloc(kept, 100_000)!.assumingMemoryBound(to: UInt8.self)
            XCTAssertEqual((0..<8).map { grown[$0] }, (1...8).map(UInt8.init))
            XCTAssertEqual(diglot_region_overflow(), 100_000)
            grown[99_999] = 42
            let again = diglot_region_realloc(grown, 200_000)!.assumingMemoryBound(to: UInt8.self)
            XCTAssertEqual((0..<8).map { again[$0] } + [again[99_999]], (1...8).map(UInt8.init) + [42])
            XCTAssertEqual(diglot_region_overflow(), 200_000, "the grown block replaces the old one on the list")
            diglot_region_end()
        }
    }

    /// The region's end frees the blocks past its cap that cmark-gfm left allocated (its tree's, which
    /// the parse does not free node by node). On the test's own thread, whose blocks come from
    /// glibc's main arena, the one `mallinfo2` reports.
    func testTheRegionsEndFreesTheBlocksLeftPastItsCap() {
        diglot_region_begin(0)
        for _ in 0..<20 { _ = diglot_region_calloc(1, 50_000) }
        XCTAssertEqual(diglot_region_overflow(), 1_000_000)
        let before = Int(mallinfo2().uordblks)
        diglot_region_end()
        XCTAssertGreaterThanOrEqual(before - Int(mallinfo2().uordblks), 1_000_000)
    }

    func testMemoryHandedOutAgainIsZeroedByCalloc() {
        onNewThread { [standardChunk] in
            diglot_region_begin(1 << 20)
            let scratch = diglot_region_calloc(1, 1000)!.assumingMemoryBound(to: UInt8.self)
            scratch.update(repeating: 0xFF, count: 1000)
            let large = diglot_region_calloc(1, 3 * standardChunk / 2)!  // a chunk of its own
            XCTAssertEqual(Int(bitPattern: large) % 16, 0)
            XCTAssertGreaterThan(diglot_region_held(), standardChunk)
            diglot_region_end()
            XCTAssertEqual(diglot_region_held(), standardChunk, "the large chunk is freed, the standard one kept")
            diglot_region_begin(1 << 20)
            let again = diglot_region_calloc(1, 1000)!.assumingMemoryBound(to: UInt8.self)
            XCTAssertEqual(again, scratch, "the kept chunk's bytes are handed out again")
            XCTAssertTrue((0..<1000).allSatisfy { again[$0] == 0 })
            diglot_region_end()
        }
    }

    func testReallocKeepsTheBytesAndGrowsTheLastInPlace() {
        onNewThread {
            diglot_region_begin(1 << 20)
            defer { diglot_region_end() }
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

    /// Pages parsed in regions, on many threads at once, equal the same pages parsed on one thread
    /// with cmark-gfm's own allocator: tables, autolinks, strikethrough, literals, links' titles.
    func testPagesParsedInRegionsOnManyThreadsEqualPagesParsedWithMalloc() {
        let bodies = (0..<64).map { n in
            """
            # Página \(n)

            | a | b |
            |---|---|
            | ~~x\(n)~~ | www.example.com/\(n) |

            Texto con `código \(n)` y [un enlace](https://example.com/\(n) "título") <b>html</b>.

            > [!NOTE]
            > Nota \(n).

            ```csharp
            var x = \(n);
            ```
            """
        }
        @Sendable func parse(_ body: String, region: Bool) -> [Block] {
            var findings: [InlineAssembler.Finding] = []
            var units: [(id: String, location: SourceLocation)] = []
            return Array(body.utf8).withUnsafeBufferPointer {
                CommonMarkConverter.blocks(from: $0, lineOffset: 0, findings: &findings, unitStarts: &units, region: region)
            }
        }
        let withMalloc = bodies.map { parse($0, region: false) }
        let inRegions = ConcurrentMap.map(bodies) { parse($0, region: true) }
        XCTAssertEqual(inRegions, withMalloc)
        guard case .table = withMalloc[5][1].kind else { return XCTFail("no table: \(withMalloc[5][1].kind)") }
    }

    /// cmark-gfm 0.29.0.gfm.6 reads a paragraph again for each line under it that looks like a table's
    /// delimiter row: a page of them is read without tables (DG214), in bounded time and memory.
    func testLinesLikeDelimiterRowsUnderLongParagraphsTurnTablesOff() {
        var adversarial = "a|b|c\n"
        for n in 0..<8_000 { adversarial += n % 2 == 0 ? "|-|\n" : "|-|-|\n" }
        let cost = Array(adversarial.utf8).withUnsafeBufferPointer { PageParser.delimiterRowCost($0) }
        XCTAssertGreaterThan(cost.cost, PageParser.maxDelimiterRowCost)
        // In a block quote; with lines that look like list markers between the rows (cmark-gfm reads
        // `1`, `*` and `2.` as the paragraph's text: a review measured 11.9 s for 64 KB of them); with
        // form feeds in the rows (blanks in a delimiter row for cmark-gfm): the same.
        let quoted = adversarial.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")
        var markers = "a|b|c\n", formFeeds = "a|b|c\n"
        for n in 0..<8_000 {
            markers += ["1", "*", "2."][n % 3] + "\n|-|-|\n"
            formFeeds += n % 2 == 0 ? "|-\u{0C}|\n" : "|-|-\u{0C}|\n"
        }
        for variant in [quoted, markers, formFeeds] {
            XCTAssertGreaterThan(Array(variant.utf8).withUnsafeBufferPointer { PageParser.delimiterRowCost($0) }.cost, PageParser.maxDelimiterRowCost,
                                 String(variant.prefix(40)))
        }
        // A page of ordinary tables costs little: each delimiter row under a one-line header.
        let tables = (0..<500).map { "Texto \($0).\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n" }.joined(separator: "\n")
        XCTAssertLessThan(Array(tables.utf8).withUnsafeBufferPointer { PageParser.delimiterRowCost($0) }.cost, 20_000)

        let page = adversarial
        nonisolated(unsafe) var result: (diagnostics: [Diagnostic], held: Int) = ([], 0)
        onNewThread {
            let parsed = PageParser.parse(.page("rows.md", page))
            result = (parsed.diagnostics, diglot_region_held())
        }
        XCTAssertEqual(result.diagnostics.filter { $0.code == .parseLimit }.map(\.message),
                       ["the page has many lines like a table's delimiter row under long paragraphs (cmark-gfm would read each paragraph again for each of them; here they pass the bound): the page is read without tables"])
        // The line where the count passes its bound (the paragraph's 633rd line), not the page's last.
        XCTAssertEqual(result.diagnostics.first { $0.code == .parseLimit }?.location, SourceLocation(line: 633, column: 1))
        XCTAssertEqual(result.held, standardChunk)
    }
}
