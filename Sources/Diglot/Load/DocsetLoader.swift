import Foundation

/// The load stage for docsets: which folders of the content are docsets, and what their `docfx.json`
/// says. From `.openpublishing.publish.config.json` when there is one (each docset's source folder and
/// output subfolder), else every folder that holds a `docfx.json`; pages outside every docset form one
/// more docset at the top of the content, so that no page is left out.
public enum DocsetLoader {
    public static let publishConfig = ".openpublishing.publish.config.json"

    /// Every file under the content folder, relative, sorted; hidden folders and files are skipped
    /// except the publish config and the redirection file.
    /// A name the content's listing leaves out: hidden, but for the publish and redirection configs.
    static func isHidden(_ name: Substring) -> Bool {
        name.hasPrefix(".") && name != publishConfig && name != Redirection.fileName
    }

    static func isHidden(_ name: String) -> Bool { isHidden(name[...]) }

    /// `files(in:)` from the listing `files(in:includeHidden: true)` made: no second walk of the folder.
    static func visibleFiles(_ all: [String]) -> [String] {
        all.filter { !$0.split(separator: "/").contains(where: isHidden) }
    }

    public static func files(in root: URL, includeHidden: Bool = false) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiglotError.contentFolderMissing(root.path)
        }
        // readdir with d_type: a FileManager enumerator asks for every file's attributes, ten times slower.
        var files: [String] = []
        func walk(_ relative: String) {
            let path = relative.isEmpty ? root.path : root.path + "/" + relative
            guard let dir = opendir(path) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                    var info = stat()
                    guard stat(root.path + "/" + child, &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : ((info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : Int32(DT_UNKNOWN))
                }
                if isHidden(name) && !(includeHidden && name != ".git") { continue }
                if type == Int32(DT_DIR) {
                    walk(child)
                } else if type == Int32(DT_REG) {
                    files.append(child)
                }
            }
        }
        walk("")
        return files.sorted()
    }

    /// The docsets of a content folder whose files are `files`; `read` returns a file's text.
    public static func docsets(files: [String], read: (String) -> String?) -> ([Docset], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let docfxFiles = files.filter { ($0 as NSString).lastPathComponent.lowercased() == "docfx.json" }
        var docsets: [Docset] = []

        func load(name: String, folder: String, destination: String?) {
            let docfxPath = docfxFiles.first { Docset.trimSlashes(($0 as NSString).deletingLastPathComponent).lowercased() == folder.lowercased() }
            let actualFolder = docfxPath.map { Docset.trimSlashes(($0 as NSString).deletingLastPathComponent) }
                ?? files.first { Docset.strip(folder, from: $0) != nil }.map { String($0.prefix(folder.count)) } ?? folder
            guard let docfxPath, let text = read(docfxPath) else {
                docsets.append(Docset(name: name, source: actualFolder, destination: destination ?? actualFolder))
                return
            }
            switch parseDocfx(text, file: docfxPath) {
            case .success(let config):
                var docset = Docset(name: name, source: actualFolder, destination: destination ?? config.dest ?? actualFolder,
                                    content: config.content.isEmpty ? [Docset.FileGroup(files: ["**/*.md"])] : config.content,
                                    resource: config.resource, globalMetadata: config.globalMetadata, fileMetadata: config.fileMetadata)
                docset.sitemapBaseURL = config.sitemapBaseURL
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
            for entry in entries ?? [] {
                let folder = Docset.trimSlashes(entry["build_source_folder"] as? String ?? "")
                let name = entry["docset_name"] as? String ?? folder
                load(name: name, folder: folder, destination: Docset.trimSlashes(entry["build_output_subfolder"] as? String ?? folder))
            }
        } else {
            for path in docfxFiles {
                let folder = Docset.trimSlashes((path as NSString).deletingLastPathComponent)
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
