@testable import Diglot
import XCTest

/// `ContentSpill`: the file that holds the views' content of pages past the memory budget.
final class ContentSpillTests: XCTestCase {
    private static func content(_ n: Int) -> PageContent {
        var content = PageContent(target: Array("<p>Página \(n)</p>".utf8), sideBySide: Array(repeating: UInt8(ascii: "s"), count: n * 97),
                                  source: Array("<p>Page \(n)</p>".utf8), targetSearchEntry: n % 3 == 0 ? [] : Array("[\"p\(n)\"]".utf8),
                                  sourceSearchEntry: Array("[\"e\(n)\"]".utf8), machineTranslated: n % 2 == 0)
        content.monikerRanges = n % 4 == 0 ? [">= aspnetcore-\(n)"] : []
        content.hasCode = n % 5 == 0
        return content
    }

    private func assertEqual(_ a: PageContent?, _ b: PageContent, file: StaticString = #filePath, line: UInt = #line) {
        guard let a else { return XCTFail("nothing read back", file: file, line: line) }
        XCTAssertEqual(a.target, b.target, file: file, line: line)
        XCTAssertEqual(a.sideBySide, b.sideBySide, file: file, line: line)
        XCTAssertEqual(a.source, b.source, file: file, line: line)
        XCTAssertEqual(a.targetSearchEntry, b.targetSearchEntry, file: file, line: line)
        XCTAssertEqual(a.sourceSearchEntry, b.sourceSearchEntry, file: file, line: line)
        XCTAssertEqual(a.machineTranslated, b.machineTranslated, file: file, line: line)
        XCTAssertEqual(a.monikerRanges, b.monikerRanges, file: file, line: line)
        XCTAssertEqual(a.hasCode, b.hasCode, file: file, line: line)
    }

    /// Pages stored from many threads at once each come back as they were stored, whatever the order.
    func testWhatIsStoredComesBackFromManyThreads() throws {
        let spill = try XCTUnwrap(ContentSpill())
        let tickets = ConcurrentMap.map(Array(0..<400)) { spill.store(Self.content($0)) }
        XCTAssertEqual(spill.size, (0..<400).map { n in [Self.content(n).target, Self.content(n).sideBySide, Self.content(n).source, Self.content(n).targetSearchEntry,
                                                        Self.content(n).sourceSearchEntry].map(\.count).reduce(0, +) }.reduce(0, +))
        for n in (0..<400).reversed() {
            assertEqual(spill.load(try XCTUnwrap(tickets[n])), Self.content(n))
        }
    }

    /// Past its limit the spill takes no more pages (they are parsed again), and what it took reads back.
    func testPastItsLimitTheSpillTakesNoMore() throws {
        let spill = try XCTUnwrap(ContentSpill(limit: 2_000))
        let first = try XCTUnwrap(spill.store(Self.content(3)))
        XCTAssertTrue(spill.accepting)
        XCTAssertNil(spill.store(Self.content(30)), "2,910 bytes past a limit of 2,000")
        XCTAssertFalse(spill.accepting)
        XCTAssertNil(spill.store(Self.content(1)), "a refused page stops the spill")
        assertEqual(spill.load(first), Self.content(3))
    }

    /// The file has no name: nothing is left in the temporary folder, even while it is open.
    func testTheFileHasNoName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spill = try XCTUnwrap(ContentSpill(folder: folder.path))
        XCTAssertNotNil(spill.store(Self.content(7)))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    /// A folder where no file can be made gives no spill (the pages are parsed again instead).
    func testNoSpillWhereNoFileCanBeMade() {
        XCTAssertNil(ContentSpill(folder: "/nonexistent-\(UUID().uuidString)"))
    }
}
