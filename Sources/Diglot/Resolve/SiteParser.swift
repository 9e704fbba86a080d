/// The parse stage: a page parsed into the model (the resolve stage calls it once per page, on all cores).
enum SiteParser {
    /// A page as the parse stage hands it on: the model made safe (active content neutralized), and
    /// what neutralizing found, reported by the resolve stage with the version of the page it keeps.
    struct Parsed: Sendable {
        var parsed: ParsedPage
        var active: [Diagnostic]
    }

    /// Parses one page: front matter, then the docset's `fileMetadata`, then its `globalMetadata`
    /// (DocFX's order); a `ms.contentlocale` that is not a BCP 47 tag is dropped (DG304); script and
    /// unsafe URLs in units and markdown links are neutralized (`ActiveContent`).
    static func parse(_ source: SourceFile, site: SiteStructure) -> Parsed {
        var parsed = PageParser.parse(source)
        if let docset = site.docset(of: source.path) {
            parsed.page.metadata = docset.metadata(for: parsed.page.metadata, at: source.path)
        }
        // The locale names a folder and a `lang`: one that is not a language tag is not used.
        if let locale = parsed.page.metadata.locale, let tag = LanguageTag.usableLocale(locale) {
            if tag != locale, let index = parsed.page.metadata.entries.firstIndex(where: { $0.key == "ms.contentlocale" }) {
                parsed.page.metadata.entries[index].value = .string(tag)  // `es_es` is the site's `es-ES`
            }
        } else if let locale = parsed.page.metadata.locale {
            parsed.page.metadata.entries.removeAll { $0.key == "ms.contentlocale" }
            let location = FrontMatter.location(ofKey: "ms.contentlocale", in: source.bytes)
            let from = location == nil ? " (from the docset's docfx.json metadata)" : ""
            parsed.diagnostics.append(Diagnostic(file: source.path, location: location ?? SourceLocation(line: 1, column: 1), code: .invalidLocale,
                                                 stage: .parse, message: "ms.contentlocale \(locale.debugDescription)\(from) is not a BCP 47 language tag; it is not used"))
        }
        // Active content (script, unsafe URLs) never reaches the site from a unit or a markdown link:
        // the page is made safe as it stands (its includes are, once expanded, in the resolve stage).
        // The same walk makes its `~/` paths relative to it (DocFX: `~` is the docset's folder).
        let (safe, active) = ActiveContent.neutralize(parsed.page, docset: site.docset(of: source.path)?.source ?? "")
        parsed.page.blocks = safe.blocks
        return Parsed(parsed: parsed, active: active)
    }
}
