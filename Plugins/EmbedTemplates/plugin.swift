import Foundation
import PackagePlugin

/// Compiles the package's `Templates/` folder (the one source of the default templates, strings and
/// assets) into the target it is applied to, as generated Swift source (`BuiltinTemplateData.swift`),
/// so that `diglot` works from any folder with no file beside it. Every file of `Templates/` is an
/// input: editing, adding or removing one re-runs `diglot-embed` at the next build.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appendingPathComponent("Templates")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltinTemplateData.swift")
        var inputs: [URL] = []
        let keys: [URLResourceKey] = [.isRegularFileKey]
        if let walker = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: Set(keys)).isRegularFile) == true {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        return [.buildCommand(
            displayName: "Embedding the default templates into \(target.name)",
            executable: try context.tool(named: "diglot-embed").url,
            arguments: [templates.path, output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
