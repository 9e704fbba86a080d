import ArgumentParser
import Diglot
import Foundation

/// `--content` of `build` and `check`: one content folder (`DIR`), or several languages of one site,
/// each as `LOCALE=DIR` (issue 13); without `--content`, the `languages` of `diglot.yml` in the working
/// folder (`SiteLanguages`), else `Content`.
struct LanguageContents: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of markdown pages (default: Content); repeat as LOCALE=DIR for one site of several languages.", valueName: "dir"))
    var content: [String] = []

    /// The content folders, each with the locale it was given with (`es-ES=DIR`), or nil (`DIR`).
    var contents: [(locale: String?, folder: ContentOptions)] {
        if content.isEmpty, let languages = configuredLanguages {
            return languages.map { locale, url in
                var folder = ContentOptions()
                folder.content = url.path
                return (locale, folder)
            }
        }
        return (content.isEmpty ? ["Content"] : content).map { value in
            var folder = ContentOptions()
            if let equals = value.firstIndex(of: "="), LanguageTag.usableLocale(String(value[..<equals])) != nil, value.index(after: equals) < value.endIndex {
                folder.content = String(value[value.index(after: equals)...])
                return (String(value[..<equals]), folder)
            }
            folder.content = value
            return (nil, folder)
        }
    }

    /// Several languages: more than one folder.
    var isMultilingual: Bool { contents.count > 1 }

    /// `languages` of `./diglot.yml`, when it is there and has them.
    private var configuredLanguages: [(locale: String, content: URL)]? {
        let file = URL(fileURLWithPath: QAConfig.fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try? SiteLanguages.read(file)
    }

    /// Checks the folders, and the locale given with `--locale` (`locale`) against them.
    func validate(locale: String?) throws {
        if content.isEmpty, FileManager.default.fileExists(atPath: QAConfig.fileName) {
            do {
                _ = try SiteLanguages.read(URL(fileURLWithPath: QAConfig.fileName))
            } catch {
                throw stop(error, 2)
            }
        }
        for (_, folder) in contents { try folder.validate() }
        if isMultilingual {
            if contents.contains(where: { $0.locale == nil }) {
                throw ValidationError("Several content folders make one site of several languages: give each as LOCALE=DIR (es-ES=docs.es-es).")
            }
            if locale != nil { throw ValidationError("--locale goes with one content folder; give each folder's as LOCALE=DIR.") }
        }
        if contents.count == 1, contents[0].locale != nil, locale != nil {
            throw ValidationError("Give the locale once: --content LOCALE=DIR or --locale.")
        }
    }
}
