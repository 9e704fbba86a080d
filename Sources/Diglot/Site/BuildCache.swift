import Foundation

/// `.diglot-cache` in the output: the key of the inputs the last build read, and what it reported.
/// A build whose key matches, into an output still as that build left it, has nothing to do: it
/// reports the same and writes nothing (make's rule, on every input at once). The key covers the tool's
/// version, the build's options, and the path, size and modification time of every file of the content
/// folder and of the templates folders, and the hash of the default templates. Anything else is a
/// dependency-tracked rebuild (`PageCache`, `.diglot-pages`: pages whose inputs did not change are
/// not parsed, and keep their views when what they show of other pages did not change either), or,
/// when a global input changed, a full one; either writes only the files whose bytes changed.
/// `--clean` ignores both and rewrites every file.
struct BuildCache {
    static let fileName = OutputWriter.buildCacheName

    var key: String
    var pages: Int
    var units: Int
    var files: Int
    var diagnostics: [Diagnostic]
    /// The global fingerprint of the build (`PageCache.global`), nil for a build that kept no page cache.
    var global: String?

    /// The key of a build's inputs, and the content folder's files (hidden ones too) it was made from.
    static func key(_ options: BuildOptions) throws -> (key: String, content: ContentFolder.Listing) {
        let inputs = try self.inputs(options)
        return (inputs.key, inputs.content)
    }

    /// The key, the content folder's listing, the key's text of everything but the content folder's
    /// files (the tool, the options, the templates), and each content file's size and time.
    typealias Inputs = (key: String, content: ContentFolder.Listing, tool: String, stats: [String: String])
    static func inputs(_ options: BuildOptions) throws -> Inputs {
        var stats: [String: String] = [:]
        var tool = ""
        var contentLines = 0..<0  // the content files' lines of `text`, in bytes
        // The tool: its version, and the program file itself (a rebuilt binary of the same version).
        var text = "diglot \(ToolInfo.version)\n"
        var program = stat()
        if stat("/proc/self/exe", &program) == 0 {
            text += "program\t\(program.st_size)\t\(program.st_mtim.tv_sec).\(program.st_mtim.tv_nsec)\n"
        }
        let output = options.output.standardizedFileURL.path
        text += "options\t\(options.targetLocale ?? "")\t\(options.baseURL ?? "")\t\(options.strict)\t\(options.qaReport)\t\(options.multilingual)\n"
        if let current = options.currentEnglish { text += "current English\t\(current.fingerprint)\n" }
        var content = ContentFolder.Listing()
        for (label, folder) in [("content", options.content)] + options.templateSources.folders.map({ ("templates", $0) }) {
            let root = folder.standardizedFileURL.path
            text += "\(label)\t\(root)\n"
            // (A templates folder that is not there has no files.)
            guard let listing = label == "content" ? try ContentFolder.list(folder, includeHidden: true) : try? ContentFolder.list(folder, includeHidden: true) else { continue }
            if label == "content" { content = listing }
            let start = text.utf8.count
            defer { if label == "content" { contentLines = start..<text.utf8.count } }
            for path in listing.files where !PathText.startsInside(root + "/" + path, folder: output) {
                // (An output inside the content folder is not an input.)
                var info = stat()
                guard stat(root + "/" + path, &info) == 0 else { continue }
                let line = "\(info.st_size)\t\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
                text += "\(path)\t\(line)\n"
                if label == "content" { stats[path] = line }
            }
        }
        // The templates the folders fall back to (compiled into the program, or a library user's).
        if let defaults = options.templateSources.defaults {
            text += "defaults\t" + defaults.files.keys.sorted().map { "\($0) \(FastHash.hash(defaults.files[$0]!))" }.joined(separator: "\t") + "\n"
        }
        // highlight.js, from outside both folders (installed or removed, the site's assets change).
        var highlighter = stat()
        if stat(TemplateSet.debianHighlighter.appendingPathComponent("highlight.min.js").path, &highlighter) == 0 {
            text += "highlighter\t\(highlighter.st_size)\t\(highlighter.st_mtim.tv_sec).\(highlighter.st_mtim.tv_nsec)\n"
        }
        tool = String(decoding: text.utf8.prefix(contentLines.lowerBound), as: UTF8.self) + String(decoding: text.utf8.dropFirst(contentLines.upperBound), as: UTF8.self)
        return (String(FastHash.hash(Array(text.utf8)), radix: 16), content, tool, stats)
    }

    /// The binary form's first line (`PageCacheCoding`): the key and global fingerprint come first,
    /// so that `readHead` stops there.
    static let magic = Array("diglot build cache 3\n".utf8)

    /// The key and global fingerprint alone (the findings are not decoded).
    struct Head {
        var key: String
        var global: String?
    }

    private static func reader(_ output: URL) -> PageCacheCoding.Reader? {
        guard let bytes = try? FileRead.bytes(atPath: output.appendingPathComponent(fileName).path, followingLinks: false),
              bytes.starts(with: magic) else { return nil }
        var reader = PageCacheCoding.Reader(bytes: bytes)
        reader.offset = magic.count
        return reader
    }

    private static func head(_ reader: inout PageCacheCoding.Reader) throws -> Head {
        let key = try reader.string()
        return Head(key: key, global: try reader.optional())
    }

    static func readHead(from output: URL) -> Head? {
        guard var reader = reader(output) else { return nil }
        return try? head(&reader)
    }

    static func read(from output: URL) -> BuildCache? {
        guard var reader = reader(output) else { return nil }
        do {
            let head = try head(&reader)
            let cache = BuildCache(key: head.key, pages: try reader.int(), units: try reader.int(), files: try reader.int(),
                                   diagnostics: try reader.diagnostics(), global: head.global)
            return reader.offset == reader.bytes.count ? cache : nil
        } catch {
            return nil
        }
    }

    var bytes: [UInt8] {
        var writer = PageCacheCoding.Writer(bytes: BuildCache.magic)
        writer.string(key); writer.optional(global)
        writer.int(pages); writer.int(units); writer.int(files)
        writer.diagnostics(diagnostics)
        return writer.bytes
    }
}
