import Diglot
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `diglot serve`: serves the site on a free port, and an edit to a page's source is in the served page
/// within 2 seconds.
final class ServeTests: XCTestCase {
    private func fetch(_ url: URL) -> (status: Int, body: String)? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String)?
        var request = URLRequest(url: url)
        request.timeoutInterval = 5
        request.cachePolicy = .reloadIgnoringLocalCacheData
        URLSession.shared.dataTask(with: request) { data, response, _ in
            if let response = response as? HTTPURLResponse { result = (response.statusCode, String(decoding: data ?? Data(), as: UTF8.self)) }
            done.signal()
        }.resume()
        done.wait()
        return result
    }

    func testServeRebuildsAnEditedPageWithinTwoSeconds() throws {
        guard let executable = Paths.diglotExecutable else { throw XCTSkip("the diglot executable was not built") }
        let content = try temporaryFolder(self, "content").appendingPathComponent("docset")
        try FileManager.default.copyItem(at: DocsetFixtureTests.fixture, to: content)
        let output = try temporaryFolder(self, "served")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--content", content.path, "--templates", Paths.templates.path, "--output", output.path, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        // The first line names the address: `Serving … at http://127.0.0.1:PORT/ …`.
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("Serving "), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let address = try XCTUnwrap(text.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression).map { String(text[$0]) }, text)
        let base = try XCTUnwrap(URL(string: address))

        let page = base.appendingPathComponent("es-es/guide/start.html")
        let first = try XCTUnwrap(fetch(page))
        XCTAssertEqual(first.status, 200)
        XCTAssertTrue(first.body.contains("Esta página muestra cada parte de una compilación."))
        XCTAssertTrue(first.body.contains("<script src=\"/__diglot/live.js\" defer></script>\n</head>"), "the page reloads itself")
        let version = try XCTUnwrap(fetch(base.appendingPathComponent("__diglot/version"))).body
        XCTAssertEqual(fetch(base.appendingPathComponent("es-es/nowhere.html"))?.status, 404)
        XCTAssertEqual(fetch(base)?.status, 200, "the start page at /")

        // Edit the page's source; the served page has the new text within 2 seconds.
        let source = content.appendingPathComponent("guide/start.md")
        let edited = try String(contentsOf: source, encoding: .utf8).replacingOccurrences(of: "Esta página muestra", with: "Esta página enseña")
        try edited.write(to: source, atomically: true, encoding: .utf8)
        let edit = Date()
        var updated = false
        while Date().timeIntervalSince(edit) < 2, !updated {
            updated = fetch(page)?.body.contains("Esta página enseña cada parte") ?? false
            if !updated { Thread.sleep(forTimeInterval: 0.05) }
        }
        XCTAssertTrue(updated, "the edit is served within 2 seconds")
        XCTAssertNotEqual(fetch(base.appendingPathComponent("__diglot/version"))?.body, version, "open pages are told to reload")
    }
}

/// `diglot serve` rebuilds in one process for as long as it runs: a rebuild must free the site it
/// built before (a parallel map that freed its result buffer without deinitializing it leaked every
/// page of every rebuild).
final class ServeMemoryTests: XCTestCase {
    /// The process's resident set size in bytes: `VmRSS` in `/proc/self/status` (Linux, proc(5)).
    private func residentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        let kilobytes = try XCTUnwrap(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        return kilobytes * 1024
    }

    func testFiftyRebuildsKeepResidentMemoryFlat() throws {
        guard FileManager.default.fileExists(atPath: "/proc/self/status") else { throw XCTSkip("no /proc/self/status (not Linux)") }
        // The fixture docset with 20 more copies of its first page: 24 pages, about 400 KB of site.
        let content = try temporaryFolder(self, "content").appendingPathComponent("docset")
        try FileManager.default.copyItem(at: DocsetFixtureTests.fixture, to: content)
        let page = try Data(contentsOf: content.appendingPathComponent("guide/start.md"))
        for index in 1...20 { try page.write(to: content.appendingPathComponent("guide/copy-\(index).md")) }
        var options = BuildOptions(content: content, output: try temporaryFolder(self, "served"), templates: Paths.templates)
        options.useCache = false  // every call builds, as a serve rebuild after an edit does
        var siteBytes = 0
        // Warm up: caches, the allocator's arenas and the thread pool reach their size.
        for _ in 0..<5 { siteBytes = try SiteBuilder.build(options).files.reduce(0) { $0 + $1.bytes.count } }
        let before = try residentBytes()
        for _ in 0..<50 { _ = try SiteBuilder.build(options) }
        let growth = try residentBytes() - before
        print("ServeMemoryTests: site \(siteBytes) bytes, resident growth over 50 rebuilds \(growth) bytes")
        // Leaking, every rebuild kept about three times the site (its parsed pages, rendered views and
        // written files): 50 rebuilds grew by over 100 times the site. Freed, the growth is the
        // allocator's noise, about one site. Ten sites is far from both.
        XCTAssertLessThan(growth, 10 * siteBytes, "50 rebuilds grew the resident set by \(growth) bytes; the site is \(siteBytes) bytes")
    }
}
