import Foundation
import Yams

/// The languages of a multilingual site as a `diglot.yml` lists them (issue 13: "the same list in
/// diglot.yml" as `--content L=DIR …`): a mapping from each locale to its content folder, in the order
/// the site lists its languages, folders relative to the file's own folder:
///
///     languages:
///       es-ES: ../partner-center-pr.es-es
///       fr-FR: ../partner-center-pr.fr-fr
///
/// `diglot build` reads it from `diglot.yml` of the working folder when no `--content` is given. The
/// file is read as any YAML of Diglot's (`YAMLLoader`: aliases and depth bounded); the file's other
/// keys are a content folder's `diglot.yml` settings (`QAConfig`) and are not read here. Each folder
/// must be inside the file's folder (symbolic links resolved): a checkout's `diglot.yml` cannot make
/// a build read and publish a folder elsewhere on the machine (`/etc`, `../..`).
public enum SiteLanguages {
    /// The languages `file` lists, in order, each folder resolved against the file's folder; nil
    /// when the file has no `languages` key. Throws `DiglotError.unreadableFile` (one line with the
    /// file, line and column) for a file that cannot be read, YAML that does not parse, a `languages`
    /// that is not a mapping of locales to folder names, a locale that is not usable
    /// (`LanguageTag.usableLocale`) or given twice.
    public static func read(_ file: URL) throws -> [(locale: String, content: URL)]? {
        let folder = file.deletingLastPathComponent()
        let (text, problems) = ContentFolder.text(file.lastPathComponent, in: folder)
        guard let text else { throw DiglotError.unreadableFile(file.path, problems.first?.message ?? "it cannot be read") }
        func failure(_ node: Node?, _ message: String) -> DiglotError {
            let line = node?.mark.map { "\($0.line):\($0.column): " } ?? ""
            return DiglotError.unreadableFile(file.path, line + message)
        }
        let root: Node?
        do {
            root = try YAMLLoader.compose(text)
        } catch {
            throw DiglotError.unreadableFile(file.path, "\(error.location): \(error.message)")
        }
        guard let mapping = root?.mapping, let languages = mapping["languages"] else { return nil }
        guard let entries = languages.mapping else { throw failure(languages, "languages must map each locale to its content folder (es-ES: ../docs.es-es)") }
        var seen = Set<String>()
        return try entries.map { key, value in
            guard let written = key.string, let locale = LanguageTag.usableLocale(written) else {
                throw failure(key, "\(key.string.map { "'\($0)'" } ?? "this key") is not a locale such as es-ES")
            }
            guard seen.insert(locale.lowercased()).inserted else { throw failure(key, "\(locale) is listed twice") }
            guard let path = value.string, !path.isEmpty, !path.utf8.contains(0) else { throw failure(value, "the content folder of \(locale) must be a folder name") }
            let content = URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL
            let top = OutputFolder.resolvedPath(folder.path)
            let real = OutputFolder.resolvedPath(content.path)
            guard PathText.isInside(real, folder: top) else {
                throw failure(value, "the content folder of \(locale), \(path), is not inside \(folder.path), the folder of this file")
            }
            return (locale, content)
        }
    }
}
