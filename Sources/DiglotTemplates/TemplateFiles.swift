import DiglotContent
import DiglotModel
import Foundation

/// A templates folder as files: bytes by path from its top (`page.mustache`, `strings/es-ES.yml`,
/// `email/subject.mustache`, `email/strings/en-US.yml`, `assets/diglot.css`), read from a folder or
/// compiled in (the `DiglotDefaults` module's `BuiltinTemplates.files`).
public struct TemplateFiles: Sendable {
    /// Bytes by path.
    public var files: [String: [UInt8]]
    /// What the files came from, for messages (a folder's path, or "the built-in templates").
    public var name: String

    public init(_ files: [String: [UInt8]], name: String) {
        self.files = files
        self.name = name
    }

    /// The files a build reads from a templates folder: its `*.mustache`, `strings/*.yml`, `assets/*`,
    /// `email/*.mustache` and `email/strings/*.yml` (not hidden, not in other folders). A folder
    /// that is not there gives none. A folder inside `content` is read as content is
    /// (`ContentFolder.read`: no file whose real path leaves the content folder, no device or FIFO,
    /// none over 64 MiB), and the first file refused stops the build with its diagnostic; so is a file
    /// of a folder outside it whose links lead into the content.
    public static func read(_ folder: URL, content: URL? = nil) throws -> TemplateFiles {
        // Inside the content as written, or as the links on the way lead (`--content` through a link
        // and `--templates` not, or the other way): either way its files are read as content is.
        // (The content folder itself counts: its files are then read from its top.)
        func relative(_ path: String, in root: String) -> String? {
            if path.utf8.elementsEqual(root.utf8) { return "" }
            return PathText.after(root == "/" ? "/" : root + "/", in: path).map { $0 + "/" }
        }
        let inContent = content.flatMap { content -> String? in
            if let inside = relative(folder.standardizedFileURL.path, in: content.standardizedFileURL.path) { return inside }
            guard let root = ContentFolder.realPath(content.path), let real = ContentFolder.realPath(folder.path) else { return nil }
            return relative(real, in: root)
        }
        let contentRoot = content.flatMap { ContentFolder.realPath($0.path) }
        /// Where a file of a templates folder outside the content leads into the content, when a link
        /// on its way does (the user's `assets/x.css` linking to the content's, which the content may make
        /// a link to anything): the content path of the first place inside, followed link by link.
        func firstPlaceInContent(_ path: String) -> String? {
            guard let root = contentRoot else { return nil }
            var current = path
            for _ in 0..<40 {
                let folderPart = PathText.folder(of: current)
                guard let folder = ContentFolder.realPath(folderPart.isEmpty ? "/" : String(folderPart)) else { return nil }
                let place = (folder == "/" ? "" : folder) + "/" + PathText.name(of: current)
                if let inside = relative(place, in: root) { return String(inside.dropLast()) }
                var info = stat()
                guard lstat(place, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
                      let target = try? FileManager.default.destinationOfSymbolicLink(atPath: place) else { return nil }
                current = PathText.isAbsolute(target) ? target : folder + "/" + target
            }
            return nil
        }
        var files: [String: [UInt8]] = [:]
        for (subfolder, suffix) in [("", ".mustache"), ("strings/", ".yml"), ("assets/", ""), ("email/", ".mustache"), ("email/strings/", ".yml")] {
            let url = subfolder.isEmpty ? folder : folder.appendingPathComponent(subfolder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where !PathText.isHidden(name) && name.hasSuffix(suffix) {
                let file = url.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                if let content, let inContent {
                    files[subfolder + name] = try ContentFolder.read(inContent + subfolder + name, in: content, allowingHidden: true).get().bytes
                } else if let content, let inside = firstPlaceInContent(file.path) {
                    files[subfolder + name] = try ContentFolder.read(inside, in: content).get().bytes
                } else {
                    files[subfolder + name] = [UInt8](try Data(contentsOf: file))
                }
            }
        }
        return TemplateFiles(files, name: folder.path)
    }

    /// The files directly in `folder` (`strings/`) whose names end with `suffix`, bytes by name.
    func children(of folder: String, suffix: String) -> [(name: String, bytes: [UInt8])] {
        files.compactMap { path, bytes in
            guard path.hasPrefix(folder), path.hasSuffix(suffix) else { return nil }
            let name = String(path.dropFirst(folder.count))
            return name.utf8.contains(UInt8(ascii: "/")) || PathText.isHidden(name) ? nil : (name, bytes)
        }.sorted { $0.name < $1.name }
    }

    /// The text of each file directly in `folder` ending with `suffix`, by its name less the
    /// suffix when `dropSuffix`; `templateInvalid` for one that is not UTF-8.
    package func texts(in folder: String, suffix: String, dropSuffix: Bool) throws -> [String: String] {
        var texts: [String: String] = [:]
        for (name, bytes) in children(of: folder, suffix: suffix) {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DiglotError.templateInvalid(folder + name, "it is not UTF-8 (in \(self.name))")
            }
            texts[dropSuffix ? String(name.dropLast(suffix.count)) : name] = text
        }
        return texts
    }
}

/// Where a build's templates come from, file by file, as Hugo looks up its layouts: the first of
/// `folders` that holds a file gives it, and the files none holds come from `defaults`. The
/// command line's order (`lookup(templates:content:defaults:)`): `--templates DIR`, then the
/// `Templates/` folder of the content folder, then the templates compiled into `diglot`.
public struct TemplateSources: Sendable {
    /// Folders whose files win over the defaults, one file at a time, the first folder first.
    public var folders: [URL]
    /// What every folder falls back to: nil when the folders must hold a whole set themselves.
    public var defaults: TemplateFiles?
    /// The content folder: a folder inside it is read as content is (see `TemplateFiles.read`).
    public var content: URL?

    public init(folders: [URL], defaults: TemplateFiles? = nil, content: URL? = nil) {
        self.folders = folders
        self.defaults = defaults
        self.content = content
    }

    /// The folder inside a content folder whose files override the defaults: `<content>/Templates`
    /// (beside `diglot.yml` and `invitations.yml`, in the folder a user passes to `--content`).
    public static let projectFolderName = "Templates"

    /// `--templates DIR` (when given), then `<content>/Templates` (when there), then `defaults`.
    public static func lookup(templates: URL?, content: URL, defaults: TemplateFiles) -> TemplateSources {
        var folders = templates.map { [$0] } ?? []
        let project = content.appendingPathComponent(projectFolderName)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: project.path, isDirectory: &isFolder), isFolder.boolValue,
           !folders.contains(where: { $0.standardizedFileURL.path == project.standardizedFileURL.path }) {
            folders.append(project)
        }
        return TemplateSources(folders: folders, defaults: defaults, content: content)
    }

    /// The files of every layer, the first folder's winning per file.
    public func files() throws -> TemplateFiles {
        var merged = defaults ?? TemplateFiles([:], name: folders.first?.path ?? "no templates")
        for folder in folders.reversed() {
            merged.files.merge(try TemplateFiles.read(folder, content: content).files) { $1 }
        }
        if let first = folders.first {
            merged.name = defaults == nil ? first.path : first.path + " (over \(merged.name))"
        }
        return merged
    }
}

/// What a set of templates may hold, since a project's templates come from the content folder
/// (`<content>/Templates`, as untrusted as its pages: docs/security.md): partials (`{{> name}}`,
/// `{{< name}}`) that never lead back to the template they are in (swift-mustache would recurse
/// until the stack ran out) and whose expansion stays under `maxExpandedBytes` (a template that
/// includes the next twice, 25 deep, is 2^25 copies), named as they are written (not `{{>*name}}`,
/// whose name a page's value could choose), no section inside a section of the same name (over a
/// list, `{{#pages}}{{#pages}}…` is the list's size to a power), and the standard delimiters
/// (`{{=<% %>=}}` would hide tags from this check). Tags are read as swift-mustache's parser reads
/// them (`Template+Parser.swift`): any whitespace (`Character.isWhitespace`) around a partial's
/// name, whose characters are `partialNameChars`.
package enum TemplateRules {
    /// The most a template may hold once its partials are expanded, in bytes (the built-in page
    /// template expands to under 8 KB).
    static let maxExpandedBytes = 4 << 20

    /// swift-mustache's `partialNameChars`.
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// Throws `templateInvalid` naming the first template (`prefix` + its name + `.mustache`) that
    /// breaks a rule.
    package static func check(_ templates: [String: String], prefix: String = "") throws {
        var partials: [String: [String]] = [:]
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            let file = prefix + name + ".mustache"
            var open: [String] = []
            var rest = Substring(text)
            while let start = rest.range(of: "{{") {
                rest = rest[start.upperBound...]
                let tag = rest.drop { $0.isWhitespace }
                guard let kind = tag.first else { continue }
                switch kind {
                case "=":
                    throw DiglotError.templateInvalid(file, "it changes the tag delimiters ({{=…=}}), which Diglot does not accept")
                case ">", "<":
                    let named = tag.dropFirst().drop { $0.isWhitespace }
                    if named.first == "*" { throw DiglotError.templateInvalid(file, "it names a partial dynamically ({{\(kind)*…}}), which Diglot does not accept") }
                    partials[name, default: []].append(String(named.prefix { partialNameCharacters.contains($0) }))
                case "#", "^", "/":
                    let section = String(tag.dropFirst().drop { $0.isWhitespace }.prefix { $0 != "}" && !$0.isWhitespace })
                    if kind == "/" {
                        if let last = open.lastIndex(of: section) { open.removeSubrange(last...) }
                    } else {
                        if open.contains(section) {
                            throw DiglotError.templateInvalid(file, "it opens the section \(section) inside a section of the same name, which repeats a list by its own length")
                        }
                        open.append(section)
                    }
                default:
                    continue
                }
            }
        }
        // Depth-first from each template: a partial met again on the path is a loop; the bytes a
        // template expands to are its own and its partials', each counted as often as it is named.
        var expanded: [String: Int] = [:]
        func visit(_ name: String, _ path: [String]) throws -> Int {
            if let start = path.firstIndex(of: name) {
                let loop = (path[start...] + [name]).joined(separator: " → ")
                throw DiglotError.templateInvalid(prefix + path[start] + ".mustache", "it includes itself through partials (\(loop))")
            }
            if let known = expanded[name] { return known }
            var bytes = templates[name]?.utf8.count ?? 0
            for partial in partials[name] ?? [] {
                bytes += try visit(partial, path + [name])
                if bytes > maxExpandedBytes {
                    throw DiglotError.templateInvalid(prefix + (path.first ?? name) + ".mustache",
                                                      "with its partials it expands to over \(maxExpandedBytes >> 20) MiB")
                }
            }
            expanded[name] = bytes
            return bytes
        }
        for name in templates.keys.sorted() { _ = try visit(name, []) }
    }
}
