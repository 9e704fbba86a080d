import ArgumentParser
import Diglot
import FlyingFox
import Foundation

/// `diglot serve`: builds, serves the site on localhost, rebuilds when the content, templates or
/// config change, and reloads the open pages. The HTTP server is FlyingFox (a small server on Swift
/// concurrency and BSD sockets); what is served and when to rebuild is the library's `LivePreview`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the site on localhost, rebuild on every change and reload the open page.")

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where the site is built (default: a temporary folder, removed on exit).", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: "The port (0: any free port).")
    var port: UInt16 = 8000

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Flag(name: .customLong("qa-report"), help: "Also write the translation QA report, qa/index.html.")
    var qaReport = false

    @Flag(name: .long, help: "Build into an --output folder that is not empty and that Diglot did not write.")
    var force = false

    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

    func run() async throws {
        let temporary = output == nil
        let outputURL = output.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("diglot-serve-\(ProcessInfo.processInfo.processIdentifier)")
        defer { if temporary { try? FileManager.default.removeItem(at: outputURL) } }
        var options = BuildOptions(content: contentOptions.contentURL(), output: outputURL, templates: siteOptions.templatesURL(),
                                   targetLocale: siteOptions.locale, qaReport: qaReport)
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
                if temporary { try? FileManager.default.removeItem(at: outputURL) }
                Foundation.exit(0)
            }
            source.resume()
            Serve.signalSources.append(source)
        }

        let address: sockaddr_in
        do {
            address = try .inet(ip4: host, port: port)
        } catch {
            throw ValidationError("'\(host)' is not an IPv4 address to listen on.")
        }
        let server = HTTPServer(address: address, logger: .disabled)
        await server.appendRoute(HTTPRoute(methods: [.GET], path: LivePreview.versionPath)) { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: Data("\(preview.version)".utf8))
        }
        await server.appendRoute(HTTPRoute(methods: [.GET], path: LivePreview.reloadScriptPath)) { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                         body: Data(LivePreview.reloadScript.utf8))
        }
        await server.appendRoute("GET *") { request in
            let file = preview.response(for: request.path)
            return HTTPResponse(statusCode: HTTPStatusCode(file.status, phrase: file.status == 200 ? "OK" : "Not Found"),
                                headers: [.contentType: file.contentType, .cacheControl: "no-store"], body: file.body)
        }
        let serving = Task { try await server.run() }
        try await server.waitUntilListening()
        var shownPort = port
        if case .ip4(_, let actual)? = await server.listeningAddress { shownPort = actual }
        say("Serving \(outputURL.path) at http://\(host):\(shownPort)/ (Ctrl-C to stop); watching \(contentOptions.content) and \(siteOptions.templates).")
        // Watch: the build cache's key, every 300 ms; a change rebuilds (only changed files are written).
        while !serving.isCancelled {
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
