import Foundation

/// What `diglot serve` does besides HTTP: it builds, watches the content, templates and config for
/// changes (the build cache's key: every file's path, size and time, read every 300 ms), rebuilds
/// incrementally, and tells the open pages to reload. Pages are served from the output folder with a
/// small script added that asks `/__diglot/version` twice a second and reloads when it changes. The
/// HTTP server itself is the command line's (FlyingFox); everything here is tested without one.
public final class LivePreview: @unchecked Sendable {
    public let options: BuildOptions
    private let lock = NSLock()
    private var key: String?
    private var builds = 0

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Increases with every build that changed the site; the pages poll it.
    public var version: Int {
        lock.lock()
        defer { lock.unlock() }
        return builds
    }

    /// Builds when the inputs changed since the last build (or on the first call); nil when nothing did.
    public func buildIfChanged() throws -> BuildResult? {
        let current = try BuildCache.key(options).key
        lock.lock()
        let known = key
        lock.unlock()
        guard current != known else { return nil }
        // The key is kept even when the build fails: it is tried again when the inputs change, not
        // every 300 ms.
        lock.lock()
        key = current
        lock.unlock()
        let result = try SiteBuilder.build(options)
        lock.lock()
        if known == nil || (result.writeStats?.written ?? 0) > 0 || (result.writeStats?.removed ?? 0) > 0 { builds += 1 }
        lock.unlock()
        return result
    }

    /// The path the script that reloads pages is served at.
    public static let reloadScriptPath = "/__diglot/live.js"
    /// The path that answers the site's version.
    public static let versionPath = "/__diglot/version"

    public static let reloadScript = """
        // Diglot live preview: reload this page when the site is rebuilt.
        (function () {
          var seen = null;
          function poll() {
            fetch("\(versionPath)", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (v) {
              if (seen === null) { seen = v; } else if (v !== seen) { location.reload(); return; }
              setTimeout(poll, 500);
            }).catch(function () { setTimeout(poll, 1000); });
          }
          poll();
        })();

        """

    /// A response for a request path: the file's bytes and content type, with the reload script
    /// added to HTML pages; `404.html` for a path with no file.
    public func response(for requestPath: String) -> (status: Int, contentType: String, body: Data) {
        let root = options.output.standardizedFileURL
        var path = requestPath.split(separator: "?").first.map(String.init) ?? "/"
        path = path.removingPercentEncoding ?? path
        if path.hasSuffix("/") { path += "index.html" }
        let parts = PathText.segments(path).map(String.init)
        guard !parts.contains(where: PathText.isHidden) else { return notFound(root) }
        var url = root
        for part in parts { url.appendPathComponent(part) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            url.appendPathComponent("index.html")
        }
        guard let data = try? Data(contentsOf: url) else { return notFound(root) }
        let type = Self.contentType(of: url.pathExtension)
        return (200, type, type.hasPrefix("text/html") ? Self.withReloadScript(data) : data)
    }

    private func notFound(_ root: URL) -> (status: Int, contentType: String, body: Data) {
        let page = (try? Data(contentsOf: root.appendingPathComponent("404.html"))) ?? Data("Not found\n".utf8)
        return (404, "text/html; charset=utf-8", Self.withReloadScript(page))
    }

    /// The page with `<script src="/__diglot/live.js" defer></script>` before `</head>`.
    public static func withReloadScript(_ html: Data) -> Data {
        let tag = Data("<script src=\"\(reloadScriptPath)\" defer></script>\n".utf8)
        guard let range = html.range(of: Data("</head>".utf8)) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: range.lowerBound)
        return result
    }

    static func contentType(of pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt": return "text/plain; charset=utf-8"
        case "eml": return "message/rfc822"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "svg": return "image/svg+xml"
        case "webp": return "image/webp"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
