import ArgumentParser
import Diglot
import Foundation

/// `--source en-US=DIR`: the current English of the pages, an English docset, for stale-translation
/// detection (`StaleTranslations`): stale pages get a notice, stale sentences are marked side by side,
/// `build` writes `stale/index.html` and `check` reports DG710 and DG711. Only on the command line:
/// a path named in the content's `diglot.yml` would let a pull request make the build read, and
/// publish, text from any folder of the machine that builds it.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The current English, an English docset of the same pages, to find translations made from an older English: en-US=DIR (or DIR).",
                                            valueName: "en-US=dir"))
    var source: String?

    /// The locale and the folder `--source` names.
    var parsed: (locale: String, folder: String)? {
        guard let source else { return nil }
        // `en-US=DIR`; a value whose part before `=` is no English locale is a folder (`DIR`, `./a=b`).
        if let equals = source.firstIndex(of: "="), Self.isEnglish(String(source[..<equals])) {
            return (String(source[..<equals]), String(source[source.index(after: equals)...]))
        }
        return ("en-US", source)
    }

    /// `en`, `en-US`, `en-GB`…: the source locale of a translation is English.
    static func isEnglish(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        return parts.first?.lowercased() == "en" && Build.isLocale(tag)
    }

    func validate() throws {
        guard let (_, folder) = parsed else { return }
        var isDirectory: ObjCBool = false
        guard !folder.isEmpty, FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("The English docset '\(folder)' of --source does not exist or is not a folder.")
        }
    }

    /// The current English `--source` names, read (nil without `--source`).
    func currentEnglish() throws -> CurrentEnglish? {
        guard let (locale, folder) = parsed else { return nil }
        return try StaleTranslations.currentEnglish(englishDocset: URL(fileURLWithPath: folder), locale: locale)
    }
}
