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
