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
    /// that is not there gives none.
    public static func read(_ folder: URL) throws -> TemplateFiles {
        var files: [String: [UInt8]] = [:]
        for (subfolder, suffix) in [("", ".mustache"), ("strings/", ".yml"), ("assets/", ""), ("email/", ".mustache"), ("email/strings/", ".yml")] {
            let url = subfolder.isEmpty ? folder : folder.appendingPathComponent(subfolder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where !name.hasPrefix(".") && name.hasSuffix(suffix) {
                let file = url.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                files[subfolder + name] = [UInt8](try Data(contentsOf: file))
            }
        }
        return TemplateFiles(files, name: folder.path)
    }

    /// The files directly in `folder` (`strings/`) whose names end with `suffix`, bytes by name.
    func children(of folder: String, suffix: String) -> [(name: String, bytes: [UInt8])] {
        files.compactMap { path, bytes in
            guard path.hasPrefix(folder), path.hasSuffix(suffix) else { return nil }
            let name = String(path.dropFirst(folder.count))
            return name.contains("/") || name.hasPrefix(".") ? nil : (name, bytes)
        }.sorted { $0.name < $1.name }
    }

    /// The text of each file directly in `folder` ending with `suffix`, by its name less the
    /// suffix when `dropSuffix`; `templateInvalid` for one that is not UTF-8.
    func texts(in folder: String, suffix: String, dropSuffix: Bool) throws -> [String: String] {
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

    public init(folders: [URL], defaults: TemplateFiles? = nil) {
        self.folders = folders
        self.defaults = defaults
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
        return TemplateSources(folders: folders, defaults: defaults)
    }

    /// The files of every layer, the first folder's winning per file.
    public func files() throws -> TemplateFiles {
        var merged = defaults ?? TemplateFiles([:], name: folders.first?.path ?? "no templates")
        for folder in folders.reversed() {
            merged.files.merge(try TemplateFiles.read(folder).files) { $1 }
        }
        if let first = folders.first {
            merged.name = defaults == nil ? first.path : first.path + " (over \(merged.name))"
        }
        return merged
    }
}
