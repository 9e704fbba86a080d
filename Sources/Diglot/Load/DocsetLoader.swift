import Foundation

/// The load stage for docsets: which folders of the content are docsets, and what their `docfx.json`
/// says. From `.openpublishing.publish.config.json` when there is one (each docset's source folder and
/// output subfolder), else every folder that holds a `docfx.json`; pages outside every docset form one
/// more docset at the top of the content, so that no page is left out.
public enum DocsetLoader {
    public static let publishConfig = ContentFolder.publishConfigName

    /// `files(in:)` from the listing `files(in:includeHidden: true)` made: no second walk of the folder.
    static func visibleFiles(_ all: [String]) -> [String] {
        all.filter { !PathText.segments($0).contains(where: ContentFolder.isHidden) }
    }

    /// The content folder's files (see `ContentFolder.list`, which also says what it left out).
    public static func files(in root: URL, includeHidden: Bool = false) throws -> [String] {
        try ContentFolder.list(root, includeHidden: includeHidden).files
    }

    /// The docsets of a content folder whose files are `files`; `read` returns a file's text.
    public static func docsets(files: [String], read: (String) -> String?) -> ([Docset], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        /// A folder named in a config, as a normal path; a value that leads out (or holds a control
        /// character) is reported where it stands and nil.
        var positions: [String: JSONPositions] = [:]
        func containedFolder(_ raw: String, key: String, file: String, text: String) -> String? {
            do {
                return try OutputPath.normalize(raw)
            } catch {
                let location = positions[file, default: JSONPositions(text)].of(raw, key: key)
                diagnostics.append(Diagnostic(file: file, location: location, code: .outputPathOutside, stage: .load,
                                              message: "\(key) \(raw) is refused: \(error)"))
                return nil
            }
        }
        let docfxFiles = files.filter { PathText.name(of: $0).lowercased() == "docfx.json" }
        var docsets: [Docset] = []

        func load(name: String, folder: String, destination: String?) {
            let docfxPath = docfxFiles.first { Docset.trimSlashes(String(PathText.folder(of: $0))).lowercased() == folder.lowercased() }
            let actualFolder = docfxPath.map { Docset.trimSlashes(String(PathText.folder(of: $0))) }
                ?? files.first { Docset.strip(folder, from: $0) != nil }.map { String($0.prefix(folder.count)) } ?? folder
            guard let docfxPath, let text = read(docfxPath) else {
                docsets.append(Docset(name: name, source: actualFolder, destination: destination ?? actualFolder))
                return
            }
            switch parseDocfx(text, file: docfxPath) {
            case .success(var config):
                let dest = config.dest.flatMap { containedFolder($0, key: "dest", file: docfxPath, text: text) }
                // A group whose src or dest would lead out is left out (reported where it stands).
                func contained(_ groups: [Docset.FileGroup]) -> [Docset.FileGroup] {
                    groups.compactMap { group in
                        guard let src = containedFolder(group.src, key: "src", file: docfxPath, text: text),
                              let dest = containedFolder(group.dest, key: "dest", file: docfxPath, text: text) else { return nil }
                        var checked = group
                        checked.src = src
                        checked.dest = dest
                        return checked
                    }
                }
                config.content = contained(config.content)
                config.resource = contained(config.resource)
                var docset = Docset(name: name, source: actualFolder, destination: destination ?? dest ?? actualFolder,
                                    content: config.content.isEmpty ? [Docset.FileGroup(files: ["**/*.md"])] : config.content,
                                    resource: config.resource, globalMetadata: config.globalMetadata, fileMetadata: config.fileMetadata)
                docset.sitemapBaseURL = config.sitemapBaseURL
                docset.xrefMaps = config.xrefMaps.compactMap { containedFolder($0, key: "xref", file: docfxPath, text: text) }
                docsets.append(docset)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                docsets.append(Docset(name: name, source: actualFolder, destination: destination ?? actualFolder))
            }
        }

        if files.contains(publishConfig), let text = read(publishConfig) {
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
            let entries = object?["docsets_to_publish"] as? [[String: Any]]
            if entries == nil {
                diagnostics.append(Diagnostic(file: publishConfig, location: SourceLocation(line: 1, column: 1), code: .docsetConfig, stage: .load,
                                              message: "no docsets_to_publish list in \(publishConfig)"))
            }
            var sources: [String: String] = [:]
            for entry in entries ?? [] {
                guard let source = containedFolder(entry["build_source_folder"] as? String ?? "", key: "build_source_folder", file: publishConfig, text: text) else { continue }
                // Two docsets of one folder: its pages are built once, in the first.
                if let first = sources[source.lowercased()] {
                    diagnostics.append(Diagnostic(file: publishConfig, location: positions[publishConfig, default: JSONPositions(text)].of(source, key: "build_source_folder"),
                                                  code: .docsetConfig, stage: .load,
                                                  message: "docset \(entry["docset_name"] as? String ?? source) has the folder \(source) of docset \(first): its pages are built once, in \(first)"))
                    continue
                }
                sources[source.lowercased()] = entry["docset_name"] as? String ?? source
                let name = entry["docset_name"] as? String ?? source
                guard let destination = containedFolder(entry["build_output_subfolder"] as? String ?? source, key: "build_output_subfolder",
                                               file: publishConfig, text: text) else { continue }
                load(name: name, folder: source, destination: destination)
            }
        } else {
            for path in docfxFiles {
                let folder = Docset.trimSlashes(String(PathText.folder(of: path)))
                load(name: folder.isEmpty ? "docs" : folder, folder: folder, destination: nil)
            }
        }
        // Pages outside every docset: one docset at the top of the content.
        if !docsets.contains(where: { $0.source.isEmpty }) {
            let excluded = docsets.map { $0.source + "/**" }
            docsets.append(Docset(name: "", source: "", destination: "", content: [Docset.FileGroup(files: ["**/*.md"], exclude: excluded)]))
        }
        return (docsets, diagnostics)
    }

    struct DocfxConfig {
        var content: [Docset.FileGroup] = []
        var resource: [Docset.FileGroup] = []
        var globalMetadata = Metadata()
        var fileMetadata: [Docset.FileMetadata] = []
        var dest: String?
        var sitemapBaseURL: String?
        var xrefMaps: [String] = []
    }

    static func parseDocfx(_ text: String, file: String) -> Result<DocfxConfig, Diagnostic> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            return .failure(Diagnostic(file: file, location: SourceLocation(line: 1, column: 1), code: .docsetConfig, stage: .load,
                                       message: "docfx.json is not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)"))
        }
        guard let build = (object as? [String: Any])?["build"] as? [String: Any] else {
            return .failure(Diagnostic(file: file, location: SourceLocation(line: 1, column: 1), code: .docsetConfig, stage: .load,
                                       message: "docfx.json has no build section"))
        }
        func groups(_ value: Any?) -> [Docset.FileGroup] {
            (value as? [[String: Any]] ?? []).map { group in
                func strings(_ v: Any?) -> [String] { (v as? [String]) ?? (v as? String).map { [$0] } ?? [] }
                return Docset.FileGroup(files: strings(group["files"]), exclude: strings(group["exclude"]),
                                        src: group["src"] as? String ?? "", dest: group["dest"] as? String ?? "")
            }
        }
        var config = DocfxConfig()
        config.content = groups(build["content"])
        config.resource = groups(build["resource"])
        config.dest = build["dest"] as? String
        config.sitemapBaseURL = (build["sitemap"] as? [String: Any])?["baseUrl"] as? String
        config.xrefMaps = ((build["xref"] as? [String]) ?? (build["xref"] as? String).map { [$0] } ?? []).filter { !$0.contains("://") }
        if let global = build["globalMetadata"] as? [String: Any] {
            config.globalMetadata = Metadata(entries: global.keys.sorted().map { ($0, metadataValue(global[$0]!)) })
        }
        if let files = build["fileMetadata"] as? [String: Any] {
            for key in files.keys.sorted() {
                guard let rules = files[key] as? [String: Any] else { continue }
                for glob in rules.keys.sorted() {
                    config.fileMetadata.append(Docset.FileMetadata(key: key, glob: Glob(glob), value: metadataValue(rules[glob]!)))
                }
            }
        }
        return .success(config)
    }

    static func metadataValue(_ value: Any) -> MetadataValue {
        switch value {
        case let s as String: return .string(s)
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .string(n.boolValue ? "true" : "false") }
            return .string(n.stringValue)
        case let a as [Any]: return .list(a.map(metadataValue))
        case let d as [String: Any]: return .map(d.keys.sorted().map { ($0, metadataValue(d[$0]!)) })
        default: return .null
        }
    }
}
