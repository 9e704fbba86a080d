import Foundation

/// The default templates, interface strings, email templates and assets, compiled into the program
/// from the package's `Templates/` folder by the EmbedTemplates build-tool plugin (README,
/// "Templates"). Paths are relative to that folder: `page.mustache`, `strings/es-ES.yml`,
/// `email/strings/en-US.yml`, `assets/diglot.css`.
public enum BuiltinTemplates {
    /// Every file, bytes by path, decoded once.
    public static let files: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        for (path, base64) in encoded {
            guard let data = Data(base64Encoded: base64) else { fatalError("the embedded \(path) is not base64") }
            files[path] = [UInt8](data)
        }
        return files
    }()
}
