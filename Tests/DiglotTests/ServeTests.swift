import Diglot
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// `diglot serve`: serves the site on a free port, and an edit to a page's source is in the served page
/// within 2 seconds; its front door bounds every request's head and answers only for its own address.
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

    /// Starts `diglot serve --port 0` on a copy of the fixture docset; its address comes from the first
    /// line, `Serving … at http://127.0.0.1:PORT/ …`. The process ends with the test.
    private func startServer() throws -> (base: URL, port: UInt16, content: URL) {
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
        addTeardownBlock { process.terminate(); process.waitUntilExit() }
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("Serving "), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let address = try XCTUnwrap(text.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression).map { String(text[$0]) }, text)
        let base = try XCTUnwrap(URL(string: address))
        return (base, UInt16(try XCTUnwrap(base.port)), content)
    }

    func testServeRebuildsAnEditedPageWithinTwoSeconds() throws {
        let (base, _, content) = try startServer()
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
        // The version goes up once the build has written every file, a moment after the page; the
        // pages ask twice a second.
        var reload = false
        while Date().timeIntervalSince(edit) < 2.5, !reload {
            reload = fetch(base.appendingPathComponent("__diglot/version")).map { $0.body != version } ?? false
            if !reload { Thread.sleep(forTimeInterval: 0.05) }
        }
        XCTAssertTrue(reload, "open pages are told to reload")
    }

    /// A 100 KB request line took FlyingFox 7 s to read, and two 1 MB ones left the server answering
    /// nothing: the front door refuses them after 8 KiB, and the server answers the next request at once.
    func testLongRequestLinesAreRefusedAndTheServerKeepsAnswering() throws {
        let (_, port, _) = try startServer()
        let long = try exchange(get("/" + String(repeating: "a", count: 100_000)), port: port)
        XCTAssertTrue(long.response.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), long.response)
        XCTAssertTrue(long.response.hasSuffix("\r\n\r\n414 URI Too Long: the request line is over 8192 bytes.\n"), long.response)
        XCTAssertLessThan(long.seconds, 1)

        let refused = DispatchGroup()
        nonisolated(unsafe) var huge: [String] = ["", ""]
        for index in 0..<2 {
            DispatchQueue.global().async(group: refused) {
                huge[index] = (try? exchange(get("/" + String(repeating: "b", count: 1 << 20)), port: port).response) ?? ""
            }
        }
        Thread.sleep(forTimeInterval: 0.2)  // both are being read
        let normal = try exchange(get("/es-es/guide/start.html"), port: port)
        XCTAssertTrue(normal.response.hasPrefix("HTTP/1.1 200 OK\r\n"), normal.response)
        XCTAssertTrue(normal.response.contains("Esta página muestra cada parte de una compilación."))
        XCTAssertLessThan(normal.seconds, 1, "a normal request is answered within a second")
        refused.wait()
        for response in huge { XCTAssertTrue(response.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), response) }

        // Headers: a line over 8 KiB, then a head over 16 KiB in lines that are each short enough.
        let cookie = try exchange(get("/", headers: "Cookie: " + String(repeating: "c", count: 9000) + "\r\n"), port: port)
        XCTAssertTrue(cookie.response.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), cookie.response)
        let many = String(repeating: "X-Filler: " + String(repeating: "d", count: 1000) + "\r\n", count: 17)
        let head = try exchange(get("/", headers: many), port: port)
        XCTAssertTrue(head.response.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), head.response)
    }

    /// DNS rebinding: a page whose name was made to resolve to 127.0.0.1 sends its own name as `Host`;
    /// only the bound address and the local machine's names are answered.
    func testOnlyThisServersHostIsAnswered() throws {
        let (_, port, _) = try startServer()
        let rebound = try exchange(get("/es-es/guide/start.html", host: "attacker.example:\(port)"), port: port)
        XCTAssertTrue(rebound.response.hasPrefix("HTTP/1.1 421 Misdirected Request\r\n"), rebound.response)
        XCTAssertTrue(rebound.response.hasSuffix("\r\n\r\n421 Misdirected Request: this server answers only for the address it listens on and localhost.\n"), rebound.response)
        XCTAssertFalse(rebound.response.contains("Esta página"))
        for host in ["127.0.0.1:\(port)", "127.0.0.1", "localhost:\(port)", "LocalHost", "[::1]:\(port)"] {
            let answer = try exchange(get("/es-es/guide/start.html", host: host), port: port)
            XCTAssertTrue(answer.response.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(host): \(answer.response)")
        }
        let noHost = try exchange(Array("GET / HTTP/1.0\r\n\r\n".utf8), port: port)
        XCTAssertTrue(noHost.response.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), noHost.response)
        let content = try exchange(Array("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc".utf8), port: port)
        XCTAssertTrue(content.response.hasPrefix("HTTP/1.1 413 Content Too Large\r\n"), content.response)
        // Two requests on one connection, the second refused: the first is answered, then the refusal.
        let pipelined = try exchange(Array("GET /__diglot/version HTTP/1.1\r\nHost: localhost\r\n\r\nGET / HTTP/1.1\r\nHost: evil.example\r\n\r\n".utf8), port: port)
        XCTAssertTrue(pipelined.response.hasPrefix("HTTP/1.1 200 OK\r\n"), pipelined.response)
        XCTAssertTrue(pipelined.response.contains("\r\n\r\n1HTTP/1.1 421 Misdirected Request\r\n"), pipelined.response)
    }

    /// `--host` is checked before the build: one line, exit 64, nothing built.
    func testAnInvalidHostStopsBeforeTheBuild() throws {
        let output = try temporaryFolder(self, "served").appendingPathComponent("site")
        let run = try runDiglot(["serve", "--content", DocsetFixtureTests.fixture.path, "--templates", Paths.templates.path,
                                 "--output", output.path, "--host", "example.com"])
        XCTAssertEqual(run.status, 64)
        XCTAssertEqual(run.stderr, "Error: --host 'example.com' is not an IPv4 address to listen on, such as 127.0.0.1.\n")
        XCTAssertEqual(run.stdout, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "nothing is built")
    }
}

/// Sends raw bytes to 127.0.0.1:`port` and reads until the server closes the connection (or
/// `timeout` seconds pass without a byte): the response's text and the seconds it took.
fileprivate func exchange(_ request: [UInt8], port: UInt16, timeout: Int = 5) throws -> (response: String, seconds: Double) {
    #if canImport(Glibc)
    let started = Date()
    let file = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    XCTAssertGreaterThanOrEqual(file, 0)
    defer { close(file) }
    var wait = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(file, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(file, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(file, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    XCTAssertEqual(connected, 0)
    // A refusal may come before the whole request is sent; the rest is then not needed.
    var sent = 0
    while sent < request.count {
        let count = request[sent...].withUnsafeBytes { send(file, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if count <= 0 { break }
        sent += count
    }
    var response: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { recv(file, $0.baseAddress, $0.count, 0) }
        if count <= 0 { break }
        response += chunk[..<count]
    }
    return (String(decoding: response, as: UTF8.self), Date().timeIntervalSince(started))
    #else
    throw XCTSkip("raw sockets are written for Glibc")
    #endif
}

fileprivate func get(_ target: String, host: String = "127.0.0.1", headers: String = "") -> [UInt8] {
    Array("GET \(target) HTTP/1.1\r\nHost: \(host)\r\n\(headers)Connection: close\r\n\r\n".utf8)
}

/// The front door's reading and checks, without sockets.
final class PreviewRequestGateTests: XCTestCase {
    private func steps(_ text: String, byteByByte: Bool = false) -> [PreviewRequestGate.Step] {
        var gate = PreviewRequestGate(boundAddress: "192.168.1.5")
        var steps: [PreviewRequestGate.Step] = []
        let chunks = byteByByte ? Array(text.utf8).map { [$0] } : [Array(text.utf8)]
        for chunk in chunks {
            gate.receive(chunk)
            while true {
                let step = gate.next()
                if step == .needMore { break }
                steps.append(step)
                if case .refuse = step { return steps }
            }
        }
        return steps
    }

    private func pass(_ text: String) -> PreviewRequestGate.Step { .pass(Array(text.utf8)) }

    func testHeadsPassWithTheRequestLineAndOnlyTheHeadersTheServerNeeds() {
        let requests = "\r\nGET /a?q=1 HTTP/1.1\r\nHost: localhost:8000\r\nCookie: x=1\r\nConnection: Keep-Alive\r\n\r\n"
            + "GET /b HTTP/1.1\nhost: 192.168.1.5\nconnection: upgrade, close\n\n"
            + "GET /c HTTP/1.1\r\nHost: [::1]\r\nContent-Length: 0\r\n\r\n"
        let expected = [pass("GET /a?q=1 HTTP/1.1\r\nHost: localhost:8000\r\nConnection: keep-alive\r\n\r\n"),
                        pass("GET /b HTTP/1.1\r\nHost: 192.168.1.5\r\nConnection: close\r\n\r\n"),
                        pass("GET /c HTTP/1.1\r\nHost: [::1]\r\n\r\n")]
        XCTAssertEqual(steps(requests), expected)
        XCTAssertEqual(steps(requests, byteByByte: true), expected)
    }

    func testLimits() {
        // "GET /" + path + " HTTP/1.1\r\n" is 16 bytes besides the path.
        let longest = "GET /" + String(repeating: "a", count: PreviewRequestGate.requestLineLimit - 16) + " HTTP/1.1\r\n"
        XCTAssertEqual(steps(longest + "Host: localhost\r\n\r\n"), [pass(longest + "Host: localhost\r\n\r\n")])
        let tooLong = "GET /a" + String(repeating: "a", count: PreviewRequestGate.requestLineLimit - 16) + " HTTP/1.1\r\n"
        XCTAssertEqual(steps(tooLong + "Host: localhost\r\n\r\n"), [.refuse(PreviewRequestGate.Refusal.at(path: "/__diglot/refused/414")!)])
        // A line with no end is refused once it passes the limit, not when it ends.
        var gate = PreviewRequestGate(boundAddress: "127.0.0.1")
        gate.receive(Array("GET /".utf8) + [UInt8](repeating: 0x61, count: PreviewRequestGate.requestLineLimit))
        XCTAssertEqual(gate.next(), .refuse(PreviewRequestGate.Refusal.at(path: "/__diglot/refused/414")!))

        let headers431 = PreviewRequestGate.Refusal.at(path: "/__diglot/refused/431")!
        XCTAssertEqual(steps("GET / HTTP/1.1\r\nHost: localhost\r\nCookie: " + String(repeating: "c", count: 8184) + "\r\n\r\n"), [.refuse(headers431)])
        let filler = String(repeating: "X-Filler: " + String(repeating: "d", count: 1000) + "\r\n", count: 17)
        XCTAssertEqual(steps("GET / HTTP/1.1\r\nHost: localhost\r\n" + filler + "\r\n"), [.refuse(headers431)])
        XCTAssertEqual(steps(String(repeating: "\r\n", count: 9000)), [.refuse(PreviewRequestGate.Refusal.at(path: "/__diglot/refused/414")!)],
                       "empty lines before a request line count towards the head")
    }

    func testRefusals() {
        let refusal = { (status: Int) in PreviewRequestGate.Refusal.at(path: "/__diglot/refused/\(status)")! }
        XCTAssertEqual(steps("GET / HTTP/1.1\r\n\r\n"), [.refuse(refusal(400))])
        XCTAssertEqual(steps("GET / HTTP/1.1\r\nHost: localhost\r\nhost: evil.example\r\n\r\n"), [.refuse(refusal(400))])
        XCTAssertEqual(steps("GET / HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\n evil.example\r\n\r\n"), [.refuse(refusal(400))])
        XCTAssertEqual(steps("GET / HTTP/1.1\r\nHost: localhost\r\nHost : evil.example\r\n\r\n"), [.refuse(refusal(400))])
        XCTAssertEqual(steps("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello"), [.refuse(refusal(413))])
        XCTAssertEqual(steps("GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"), [.refuse(refusal(413))])
        XCTAssertEqual(steps("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"), [.refuse(refusal(421))])
        XCTAssertEqual(refusal(421).body, "421 Misdirected Request: this server answers only for the address it listens on and localhost.\n")
        XCTAssertEqual(String(decoding: refusal(414).upstreamRequest, as: UTF8.self),
                       "GET /__diglot/refused/414 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        XCTAssertNil(PreviewRequestGate.Refusal.at(path: "/__diglot/refused/200"))
    }

    func testAllowedHosts() {
        for host in ["localhost", "LOCALHOST:8000", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:65535", "192.168.1.5", "192.168.1.5:8000"] {
            XCTAssertTrue(PreviewRequestGate.isAllowedHost(host, boundAddress: "192.168.1.5"), host)
        }
        for host in ["", "evil.example", "localhost.evil.example", "localhost.", "127.0.0.2", "[::1", "[::2]", "localhost:", "localhost:80a",
                     "localhost:123456", "192.168.1.6", "localhost:8000:1", "[::1]8000", "0.0.0.0"] {
            XCTAssertFalse(PreviewRequestGate.isAllowedHost(host, boundAddress: "192.168.1.5"), host)
        }
        XCTAssertTrue(PreviewRequestGate.isAllowedHost("0.0.0.0:8000", boundAddress: "0.0.0.0"))
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
        // Warm up: caches, the allocator's arenas and the thread pool reach their size.
        for _ in 0..<5 { _ = try SiteBuilder.build(options) }
        let siteBytes = try SiteBuilder.prepare(options).files.reduce(0) { $0 + $1.bytes.count }
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
