import Foundation

/// The files copied into the site beside the pages.
enum Resources {
    /// Content path → output path (inside a view's folder) of the docsets' resources and of the files
    /// pages link to, sorted by content path.
    static func outputs(site: SiteStructure, linked: Set<String>) -> [(content: String, output: String)] {
        var outputs: [String: String] = [:]
        for docset in site.docsets {
            for (content, output) in docset.resources(among: site.files) where outputs[content] == nil { outputs[content] = output }
        }
        for path in linked where outputs[path] == nil && site.routes[path] == nil {
            outputs[path] = site.docsets.lazy.compactMap { $0.outputPath(ofFile: path) }.first ?? path
        }
        return outputs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}


extension Resources {
    /// The publish stage's copies of one file: read through `ContentFolder` (contained, no links
    /// out, bounded) and placed in each view's folder (the views share one layout, so relative links
    /// need no rewriting); or why it cannot be read.
    static func copies(of path: String, to output: String, layout: SiteLayout, content: URL) -> Result<[OutputFile], Diagnostic> {
        ContentFolder.read(path, in: content).map { file in layout.views.map { OutputFile(path: layout.folder(of: $0) + "/" + output, bytes: file.bytes) } }
    }

    /// Every resource and linked file's copies (see `copies`); a file that cannot be read is reported and left out.
    static func files(site: SiteStructure, linked: Set<String>, layout: SiteLayout, content: URL) -> ([OutputFile], [Diagnostic]) {
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        for (path, output) in outputs(site: site, linked: linked) {
            switch copies(of: path, to: output, layout: layout, content: content) {
            case .success(let copies): files += copies
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return (files, diagnostics)
    }
}
