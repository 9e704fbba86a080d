import ArgumentParser
import Diglot
import FlyingFox
import Foundation

/// `diglot serve`: builds, serves the site on localhost, rebuilds when the content, templates or
/// config change, and reloads the open pages. The HTTP server is FlyingFox (a small server on Swift
/// concurrency and BSD sockets) on a private Unix socket; the TCP port is `PreviewFrontDoor`'s, which
/// bounds every request's head and checks its `Host` (`PreviewRequestGate`) before FlyingFox reads it.
/// What is served and when to rebuild is the library's `LivePreview`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the site on localhost, rebuild on every change and reload the open page.")

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where the site is built (default: a temporary folder, removed on exit).", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: "The port (0: any free port).")
    var port: UInt16 = 8000

    @Option(name: .long, help: "The IPv4 address to listen on.")
    var host: String = "127.0.0.1"

    @Flag(name: .customLong("qa-report"), help: "Also write the translation QA report, qa/index.html.")
    var qaReport = false

    @Flag(name: .long, help: "Build into an --output folder that is not empty and that Diglot did not write.")
    var force = false

    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

    /// `--host` is checked before anything is built: not an IPv4 address (`inet_pton`, POSIX) is one
    /// line on standard error and exit 64 (`EX_USAGE`, sysexits.h).
    func validate() throws {
        guard (try? sockaddr_in.inet(ip4: host, port: port)) != nil else {
            FileHandle.standardError.write(Data("Error: --host '\(host)' is not an IPv4 address to listen on, such as 127.0.0.1.\n".utf8))
            throw ExitCode(64)
        }
    }

    func run() async throws {
        let temporary = output == nil
        let outputURL = output.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("diglot-serve-\(ProcessInfo.processInfo.processIdentifier)")
        // The HTTP server's Unix socket, in a new folder only this user can open (mkdtemp, POSIX: 0700,
        // a name no one can take first).
        var template = Array((FileManager.default.temporaryDirectory.path + "/diglot-serve-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw DiglotError.outputNotWritable(FileManager.default.temporaryDirectory.path, String(cString: strerror(errno)))
        }
        let socketFolder = URL(fileURLWithPath: String(cString: made))
        let cleanUp = {
            if temporary { try? FileManager.default.removeItem(at: outputURL) }
            try? FileManager.default.removeItem(at: socketFolder)
        }
        defer { cleanUp() }
        var options = siteOptions.buildOptions(contentOptions, output: outputURL, qaReport: qaReport)
        options.force = force
        let preview = LivePreview(options: options)
        do {
            try rebuild(preview)
        } catch {
            throw stop(error, 2)
        }
        // Ctrl-C or a termination signal: stop, and remove the temporary site.
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler {
                cleanUp()
                Foundation.exit(0)
            }
            source.resume()
            Serve.signalSources.append(source)
        }

        // Requests reach the HTTP server only through the front door (PreviewRequestGate's limits and
        // Host check); the server itself listens on the Unix socket.
        let upstream = sockaddr_un.unix(path: socketFolder.appendingPathComponent("http.sock").path)
        let server = HTTPServer(address: upstream, logger: .disabled)
        await server.appendRoute(HTTPRoute(methods: [.GET], path: LivePreview.versionPath)) { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: Data("\(preview.version)".utf8))
        }
        await server.appendRoute(HTTPRoute(methods: [.GET], path: LivePreview.reloadScriptPath)) { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                         body: Data(LivePreview.reloadScript.utf8))
        }
        await server.appendRoute(HTTPRoute(methods: [.GET], path: PreviewRequestGate.refusalPath + "*")) { request in
            guard let refusal = PreviewRequestGate.Refusal.at(path: request.path) else { throw HTTPUnhandledError() }
            return HTTPResponse(statusCode: HTTPStatusCode(refusal.status, phrase: refusal.phrase),
                                headers: [.contentType: "text/plain; charset=utf-8", .connection: "close"], body: Data(refusal.body.utf8))
        }
        await server.appendRoute("GET *") { request in
            let file = preview.response(for: request.path)
            return HTTPResponse(statusCode: HTTPStatusCode(file.status, phrase: file.status == 200 ? "OK" : "Not Found"),
                                headers: [.contentType: file.contentType, .cacheControl: "no-store"], body: file.body)
        }
        let serving = Task { try await server.run() }
        try await server.waitUntilListening()
        let (door, shownPort) = try await PreviewFrontDoor.listen(on: try .inet(ip4: host, port: port), boundAddress: host, upstream: upstream)
        let accepting = Task { try await door.run() }
        say("Serving \(outputURL.path) at http://\(host):\(shownPort)/ (Ctrl-C to stop); watching \(([contentOptions.content] + options.templateSources.folders.map(\.path)).joined(separator: " and ")).")
        // Watch: the build cache's key, every 300 ms; a change rebuilds (only changed files are written).
        while !serving.isCancelled, !accepting.isCancelled {
            try await Task.sleep(nanoseconds: 300_000_000)
            do {
                try rebuild(preview)
            } catch {
                _ = stop(error, 2)  // one line; serving goes on
            }
        }
    }

    private func rebuild(_ preview: LivePreview) throws {
        let started = Date()
        guard let result = try preview.buildIfChanged() else { return }
        report(result.diagnostics)
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let stats = result.writeStats ?? OutputWriter.Stats()
        say("Built \(result.pages) pages: \(stats.written) files written, \(errors) errors, \(result.diagnostics.count - errors) warnings "
            + "in \(String(format: "%.2f", Date().timeIntervalSince(started))) s.")
    }

    /// A line on standard output, at once (a test or a terminal reads it as it comes).
    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
