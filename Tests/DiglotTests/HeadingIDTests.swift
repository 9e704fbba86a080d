import Diglot
import Foundation
import XCTest

/// Heading ids as DocFX makes them (markdig's auto-identifiers with `AutoIdentifierOptions.GitHub`).
final class HeadingIDTests: XCTestCase {
    func testSlugDropsPunctuationAsDocFXDoes() {
        let cases: KeyValuePairs<String, String> = [
            // The corpus's own anchors (issue 11, item 7) and DocFX's test `AutoIdentifierTest_DocfxDefault`.
            "What's new": "whats-new",
            "Enable/disable X": "enabledisable-x",
            "Release notes (v1.17.0)": "release-notes-v1170",
            "This - is a &@! heading _ with . and ! -": "this---is-a--heading-_-with--and---",
            "Visual Studio Code / Visual Studio for Mac": "visual-studio-code--visual-studio-for-mac",
            "Determine if your organization has an Azure consumption commitment (MACC/CtC)":
                "determine-if-your-organization-has-an-azure-consumption-commitment-maccctc",
            // Letters of every script stay (HTML ids may hold them): translation-only headings get usable ids.
            "다음 단계": "다음-단계",
            "الخطوات التالية": "الخطوات-التالية",
            "Étape 2 : Créer": "étape-2--créer",
            // Marks and symbols go (.NET's IsLetterOrDigit), as does what lies past U+FFFF (one UTF-16 unit each).
            "x² ½ 🚀 𠀀": "x---",
            "!?": "",
        ]
        for (text, slug) in cases { XCTAssertEqual(HeadingIDs.slug(text), slug, text) }
    }

    func testIDsComeFromTheEnglishTextAndAreNumberedAsMarkdigNumbersThem() {
        let page = PageParser.parse(.page("t.md", """
            # <a name="top"></a>\(unit("h-1", "Novedades", "What's new"))

            ## \(unit("h-2", "Novedades", "What's new"))

            ## \(unit("h-3", "Habilitar o deshabilitar", "Enable/disable **X**"))

            ## \(unit("h-4", "Novedades", "What's new"))

            ## ¿?

            ## 다음 단계

            ## \(unit("h-5", "Novedades de [!INCLUDE[prod_short](includes/prod_short.md)]", "What's new in [!INCLUDE[prod_short](includes/prod_short.md)]"))

            ### <a name="minimum-requirements"></a>\(unit("h-6", "Requisitos", "Minimum requirements"))

            ### <a name="minimum-requirements"></a>\(unit("h-7", "Requisitos", "Minimum requirements"))

            """)).page
        // The anchored heading keeps `top` and still takes `whats-new`, as markdig gives it that id beside
        // the anchor: the next "What's new" is `whats-new-1`. A heading with no letters is `section`. An
        // anchor written twice (business-central/admin-teams-integration.md) is the id once; the second
        // heading has markdig's id, which the corpus's links name (`#minimum-requirements-1`).
        XCTAssertEqual(HeadingIDs.ids(for: page), ["top", "whats-new-1", "enabledisable-x", "whats-new-2", "section", "다음-단계", "whats-new-in-prod_short",
                                                   "minimum-requirements", "minimum-requirements-1"])
        let html = HTMLRenderer.render(page.blocks, options: .init(side: .target, hover: true), headingIDs: HeadingIDs.ids(for: page))
        XCTAssertTrue(html.contains("<h2 id=\"enabledisable-x\">"), html)
        XCTAssertTrue(html.contains("<h2 id=\"다음-단계\">"), html)
    }

    func testADocFXEraLinkToAPunctuatedHeadingFindsIt() throws {
        let result = SiteBuilder.render([
            SourceFile(path: "a.md", text: "# A\n\n[new](b.md#whats-new) [v](b.md#release-v1170) [gone](b.md#what-s-new)\n"),
            SourceFile(path: "b.md", text: "# B\n\n## " + unit("b-1", "Novedades", "What's new") + "\n\n## Release (v1.17.0)\n"),
        ], templates: try TemplateSet.load(from: Paths.templates), targetLocale: "es-ES")
        XCTAssertEqual(result.diagnostics.map { "\($0.file):\($0.location) \($0.code.rawValue) \($0.message)" },
                       ["a.md:3:47 DG602 the anchor #what-s-new is not on b.md"])
    }

    /// Every heading of the real corpora with a written `<a name="x">` anchor: the slug of its English
    /// text against x. The anchors were written by Microsoft's localization pipeline from the English
    /// page's DocFX ids, so they are DocFX's slugs of the English headings of their time.
    func testSlugsAgreeWithTheCorporasWrittenAnchors() throws {
        let corpora = Paths.package.appendingPathComponent("../shared/corpora").standardizedFileURL
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: corpora.path).filter({ !$0.hasPrefix(".") && !$0.hasSuffix(".md") }),
              !names.isEmpty else {
            throw XCTSkip("The real corpora are not here (\(corpora.path)): they live in ../shared/corpora beside the project, which a clone elsewhere lacks.")
        }
        struct Tally { var agree = 0; var total = 0; var misses: [String] = [] }
        var english = Tally()   // headings with units: their English is known
        var untranslated = Tally()  // headings with no unit whose text is ASCII (left in English)
        var otherScript = 0      // headings with no unit in the translation's script: no English to compare
        var report: [String] = []
        for name in names.sorted() {
            let root = corpora.appendingPathComponent(name)
            var corpus = Tally()
            for path in try ContentLoader.markdownPaths(in: root) {
                let file = try ContentLoader.read(path, in: root).get()
                guard file.bytes.count < 4 << 20 else { continue }
                var walker = AnchoredHeadings()
                walker.walk(PageParser.parse(file).page.blocks)
                for heading in walker.headings {
                    guard let anchor = heading.anchor else { continue }
                    let slug = HeadingIDs.slug(HeadingIDs.text(of: heading))
                    let hasUnits = heading.content.contains { if case .unit = $0.kind { return true } else { return false } }
                    let text = HeadingIDs.text(of: heading)
                    if !hasUnits && !text.unicodeScalars.allSatisfy(\.isASCII) { otherScript += 1; continue }
                    let agrees = slug == anchor
                    corpus.total += 1
                    if agrees { corpus.agree += 1 }
                    let line = "\(name)/\(path)\t\(anchor)\t\(slug)\t\(text)"
                    if hasUnits {
                        english.total += 1
                        if agrees { english.agree += 1 } else { english.misses.append(line) }
                    } else {
                        untranslated.total += 1
                        if agrees { untranslated.agree += 1 } else { untranslated.misses.append(line) }
                    }
                }
            }
            report.append("\(name): \(corpus.agree) of \(corpus.total)")
        }
        func rate(_ t: Tally) -> String { t.total == 0 ? "-" : String(format: "%.2f%%", 100 * Double(t.agree) / Double(t.total)) }
        print("""
            Heading slugs against written <a name> anchors:
              headings with units (English known): \(english.agree) of \(english.total) agree (\(rate(english)))
              headings with no unit, text in ASCII: \(untranslated.agree) of \(untranslated.total) agree (\(rate(untranslated)))
              headings with no unit in another script (no English to compare): \(otherScript)
              \(report.joined(separator: "\n  "))
            Disagreements (first 40): file, anchor, slug, English text
            \((english.misses + untranslated.misses).prefix(40).joined(separator: "\n"))
            """)
        XCTAssertGreaterThan(english.total, 10_000)
        XCTAssertGreaterThanOrEqual(Double(english.agree) / Double(english.total), 0.98, "slugs of English headings disagree with the written anchors")
        XCTAssertGreaterThanOrEqual(Double(untranslated.agree) / Double(max(untranslated.total, 1)), 0.9)
    }
}

/// The headings of a page, wherever they stand.
private struct AnchoredHeadings: ModelWalker {
    var headings: [Block.Heading] = []

    mutating func visit(_ block: Block) {
        if case .heading(let heading) = block.kind { headings.append(heading) } else { descend(into: block) }
    }

    mutating func visit(_ inline: Inline) {}
}
