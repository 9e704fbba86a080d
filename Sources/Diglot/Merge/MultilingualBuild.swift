import Foundation

/// What a multilingual build did: each locale's part's build, then the merge.
public struct MultilingualResult: Sendable {
    /// Each part's build, in the order given (its diagnostics name files of its content folder).
    public var parts: [BuildResult]
    public var merge: MergeResult
}

/// One site from several localized content folders (issue 13, `diglot build --content es-ES=DIR
/// --content fr-FR=DIR …`): each locale's part is built on its own, as `diglot build --shard-output`
/// builds it on its own machine, into a folder beside the output (`partsFolder`), where it stays as
/// that part's build cache (the next build redoes only what changed in it); then `SiteMerger` joins
/// the parts into the output. The site is therefore byte for byte the merge of parts built apart.
public enum MultilingualBuild {
    /// Where the parts of a build into `output` are kept: `.<name>.diglot-parts/` beside it (not in
    /// it, so that publishing the output folder does not publish the parts).
    public static func partsFolder(for output: URL) -> URL {
        let standard = output.standardizedFileURL
        return standard.deletingLastPathComponent().appendingPathComponent("." + standard.lastPathComponent + ".diglot-parts")
    }

    /// The file beside the parts that keeps the last newest English (`newestEnglish(of:in:clean:)`).
    static let referenceFileName = ".newest-english"

    /// Each page's newest English among the languages (`StaleTranslations.currentEnglish(fromLocales:)`,
    /// which reads and parses every page of every language), kept beside the parts
    /// (`referenceFileName`: the key of every language's inputs, then the JSON of `CurrentEnglish`) and
    /// taken from there while the key is the same: the content folders' files (sizes and times), the
    /// options and the tool, as each part's build cache keys them (`BuildCache.inputs`).
    static func newestEnglish(of parts: [BuildOptions], in folder: URL, clean: Bool) throws -> CurrentEnglish {
        var key = "newest English 1\n"
        for var part in parts {
            part.output = folder.appendingPathComponent(LanguageTag.usableLocale(part.targetLocale!)!.lowercased())
            key += part.targetLocale! + "\t" + (try BuildCache.inputs(part).key) + "\n"
        }
        let file = folder.appendingPathComponent(referenceFileName).path
        if !clean, let text = OutputDisk.ownFile(file), let newline = text.firstIndex(of: "\n"), text[..<newline] == key.replacingOccurrences(of: "\n", with: "\u{1}"),
           let kept = try? JSONDecoder().decode(CurrentEnglish.self, from: Data(text[text.index(after: newline)...].utf8)) {
            return kept
        }
        var reference = try StaleTranslations.currentEnglish(fromLocales: parts.map { (LanguageTag.usableLocale($0.targetLocale!)!, $0.content) })
        reference.shownInEnglishView = true
        // Kept for the next build; a failure to keep it costs that build the reading again.
        if let json = try? JSONEncoder().encode(reference) {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            _ = OutputDisk.writeFile(file, Array((key.replacingOccurrences(of: "\n", with: "\u{1}") + "\n").utf8) + Array(json))
        }
        return reference
    }

    /// Builds each locale's part and merges them into `output`. `parts` are each locale's build
    /// options (content, locale, templates, strictness, site address, the current English of
    /// `--source`); their outputs are set here, and `baseURL` is the address of a part that has none.
    ///
    /// Stale translations (`StaleTranslations`): when no part is given the current English and
    /// `newestEnglish` is on, each language is compared with the newest English among them all
    /// (`currentEnglish(fromLocales:)`: latest `ms.lasthandoff`, then `ms.date`, as the site's English
    /// view takes each page's English), and its stale pages' notices link to their English page. Parts
    /// built apart see only their own language: to mark stale translations there, give each the English
    /// docset (`--source`), and give it here too for the same site.
    ///
    /// Before anything is read or written, the output is checked against every content folder as a
    /// build checks it (`OutputFolder.validate`), and so is the parts folder: it must not be a
    /// symbolic link (nor its locales' folders), nor be inside a content folder (content could bring
    /// it, with a manifest and caches of its choosing), nor hold one.
    ///
    /// Throws what a build or the merge throws (see `SiteBuilder.build` and `SiteMerger.merge`),
    /// `DiglotError.invalidLocale` for a part without a locale, `partInvalid` for two of one or one of
    /// the source locale, and `outputUnsafe` for a parts folder that fails the checks above.
    public static func build(_ parts: [BuildOptions], output: URL, baseURL: String? = nil, clean: Bool = false, force: Bool = false,
                             newestEnglish: Bool = true) throws -> MultilingualResult {
        var seen = Set<String>()
        for part in parts {
            guard let locale = part.targetLocale.flatMap(LanguageTag.usableLocale) else { throw DiglotError.invalidLocale(part.targetLocale ?? "") }
            guard seen.insert(locale.lowercased()).inserted else { throw DiglotError.partInvalid(part.content.path, "another content folder is of \(locale) too") }
            guard locale.lowercased() != SiteLayout(targetLocale: locale).sourceLocale.lowercased() else {
                throw DiglotError.partInvalid(part.content.path, "its locale \(locale) is the source locale: the English view is made from the other languages")
            }
        }
        let folder = partsFolder(for: output)
        for path in [folder.path] + seen.sorted().map({ folder.appendingPathComponent($0).path }) where OutputDisk.isSymbolicLink(path) {
            throw DiglotError.outputUnsafe(output.path, "its parts' folder \(path) is a symbolic link")
        }
        for part in parts {
            try OutputFolder.validate(output: output, content: part.content, force: force)
            let partFolder = folder.appendingPathComponent(LanguageTag.usableLocale(part.targetLocale!)!.lowercased())
            for other in parts { try OutputFolder.validate(output: partFolder, content: other.content, force: false) }
            if PathText.startsInside(OutputFolder.resolvedPath(folder.path), folder: OutputFolder.resolvedPath(part.content.path)) {
                throw DiglotError.outputUnsafe(output.path, "its parts' folder \(folder.path) would be inside the content folder \(part.content.path): choose an output outside the content folders")
            }
        }
        var results: [BuildResult] = []
        var folders: [URL] = []
        var reference: CurrentEnglish? = nil
        if newestEnglish, parts.count > 1, parts.allSatisfy({ $0.currentEnglish == nil }) {
            reference = try Self.newestEnglish(of: parts, in: folder, clean: clean)
        }
        for var part in parts {
            if let reference { part.currentEnglish = reference }
            // The site's address is every part's too (their redirect pages' canonical links).
            if part.baseURL == nil { part.baseURL = baseURL }
            part.output = folder.appendingPathComponent(LanguageTag.usableLocale(part.targetLocale!)!.lowercased())
            part.multilingual = true
            part.clean = part.clean || clean
            results.append(try SiteBuilder.build(part))
            folders.append(part.output)
        }
        var merge = MergeOptions(parts: folders, output: output, baseURL: baseURL)
        merge.clean = clean
        merge.force = force
        return MultilingualResult(parts: results, merge: try SiteMerger.merge(merge))
    }
}
