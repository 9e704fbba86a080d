import Diglot
import Foundation
import XCTest

/// Business Central writes its product name as an inline include inside sentences, headings and
/// table cells (`[!INCLUDE [prod_short](includes/prod_short.md)]`), inside the units on both sides;
/// issue 11: every one is expanded (1,611 were shown as text on dynamics365smb-docs-pr.de-de), and a
/// heading keeps the id DocFX made from the include's title.
final class InlineIncludeTests: XCTestCase {
    static let files: [String: String] = [
        "docfx.json": #"{ "build": { "content": [ { "files": ["**/*.md"], "exclude": ["includes/**"] } ] } }"#,
        "includes/prod_short.md": "Business Central\n",
        // dynamics365smb-docs-pr.de-de/business-central/admin-teams-integration.md:105, shortened: two includes in one sentence.
        "page.md": """
            ---
            ms.contentlocale: de-DE
            ---
            # \(unit("h-1", "Einrichten von [!INCLUDE [prod_short](includes/prod_short.md)] Online", "Set up [!INCLUDE [prod_short](includes/prod_short.md)] Online"))

            \(unit("p-1", "Daten in [!INCLUDE [prod_short](includes/prod_short.md)] sind, können Sie auch [!INCLUDE [prod_short](includes/prod_short.md)] Funktionen verwenden.", "Data in [!INCLUDE [prod_short](includes/prod_short.md)], you can also use [!INCLUDE[prod_short](includes/prod_short.md)] features."))

            | \(unit("t-1", "Produkt", "Product")) |
            | --- |
            | **[!INCLUDE[prod_short](includes/prod_short.md)]** |

            [Link](#set-up-prod_short-online)
            """,
    ]

    func testInlineIncludesInUnitsHeadingsAndCellsAreExpanded() throws {
        let (output, result) = try buildSite(self, Self.files, locale: "de-DE")
        XCTAssertEqual(result.diagnostics.map(\.description), [], "the heading's id is DocFX's, so the link finds it")
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        let target = try read("de-de/page.html")
        XCTAssertTrue(target.contains(#"<h1 id="set-up-prod_short-online"><span class="tu" data-tu="h-1" tabindex="0">Einrichten von Business Central Online<span class="tu-src" lang="en-US">Set up Business Central Online</span></span></h1>"#), target)
        XCTAssertTrue(target.contains("Daten in Business Central sind, können Sie auch Business Central Funktionen verwenden."), target)
        XCTAssertTrue(target.contains("Data in Business Central, you can also use Business Central features."), target)
        XCTAssertTrue(target.contains("<td><strong>Business Central</strong></td>"), target)
        for view in ["de-de", "sxs", "en-us"] { XCTAssertFalse(try read("\(view)/page.html").contains("INCLUDE"), view) }
    }

    /// `[Arbeiten mit [!INCLUDE[prod_short](includes/prod_short.md)]](ui-work-product.md)`: DocFX reads
    /// the include first, so the outer brackets make a link whose text holds it (dynamics365smb-docs-pr.de-de
    /// ends most pages so: 860 such links in 402 files were shown as `[Working with Business
    /// Central](ui-work-product.md)`, and the English view marked their end German). The link is a
    /// link in every view, checked like any other; what is no link in DocFX stays text.
    func testALinkAroundAnInlineIncludeIsALink() throws {
        let include = "[!INCLUDE[prod_short](includes/prod_short.md)]"
        var files = Self.files
        files["other.md"] = "---\nms.contentlocale: de-DE\n---\n# \(unit("o-1", "Andere", "Other"))\n"
        // sales-how-work-standard-lines.md:82, ui-extensions links, two includes with a title, a URL.
        files["links.md"] = """
            ---
            ms.contentlocale: de-DE
            ---
            # \(unit("l-1", "Links", "Links"))

            \(unit("l-2", "[Arbeiten mit \(include)](other.md)", "[Working with \(include)](other.md)"))

            \(unit("l-3", "Siehe [Anpassen \(include) mit Erweiterungen](other.md#other) und mehr.", "See [Customizing \(include) Using Extensions](other.md#other) and more."))

            \(unit("l-4", "[\(include) und [!INCLUDE [prod_short](includes/prod_short.md)]](other.md \"Titel\")", "[\(include) and \(include)](other.md \"Title\")"))

            \(unit("l-5", "Siehe [Fehlt \(include)](missing.md) und [Weg \(include)](missing.md).", "See [Missing \(include)](missing.md) and [Gone \(include)](missing.md)."))

            \(unit("l-6", "[\(include) Lizenzierungshandbuch](https://go.microsoft.com/fwlink/?LinkId=871590&clcid=0x409).", "[\(include) Licensing Guide](https://go.microsoft.com/fwlink/?LinkId=871590&clcid=0x409)."))

            [Kein Link \(include)] (other.md), ![Bild \(include)](media/x.png), [ä \(include)]](other.md), [ö \(include)] und ](other.md)

            \(unit("l-7", "T1 [A \(include)](other.md) und [B \(include)](other.md#other) Ende, [C \(include)](other.md) \(include).", "T1 [A \(include)](other.md) and [B \(include)](other.md#other) end, [C \(include)](other.md) \(include)."))

            ## \(unit("l-8", "[H \(include)](other.md) und [!INCLUDE [prod_short](includes/prod_short.md)] *\(include)* Q", "[H \(include)](other.md) and [!INCLUDE [prod_short](includes/prod_short.md)] *\(include)* Q"))
            """
        let (output, result) = try buildSite(self, files, locale: "de-DE")
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        let target = try read("de-de/links.html"), sideBySide = try read("sxs/links.html"), source = try read("en-us/links.html")
        XCTAssertTrue(target.contains(#"<a href="other.html">Arbeiten mit Business Central</a><span class="tu-src" lang="en-US"><a href="other.html">Working with Business Central</a></span>"#), target)
        XCTAssertTrue(target.contains(#"Siehe <a href="other.html#other">Anpassen Business Central mit Erweiterungen</a> und mehr."#), target)
        XCTAssertTrue(target.contains(#"<a href="other.html" title="Titel">Business Central und Business Central</a>"#), target)
        XCTAssertTrue(sideBySide.contains(#"<a href="other.html">Arbeiten mit Business Central</a>"#) && sideBySide.contains(#"<a href="other.html">Working with Business Central</a>"#), sideBySide)
        XCTAssertTrue(source.contains(#"<span class="tu" data-tu="l-2"><a href="other.html">Working with Business Central</a></span>"#), source)
        XCTAssertTrue(source.contains(#"See <a href="other.html#other">Customizing Business Central Using Extensions</a> and more."#), source)
        XCTAssertTrue(source.contains(#"<a href="other.html" title="Title">Business Central and Business Central</a>"#), source)
        // A bare URL for destination (GFM made it an autolink of its own): ui-experiences.md:69.
        XCTAssertTrue(source.contains(#"<a href="https://go.microsoft.com/fwlink/?LinkId=871590&amp;clcid=0x409">Business Central Licensing Guide</a>.</span>"#), source)
        // No link in DocFX either: a space before `(`, an image's alt text.
        XCTAssertTrue(target.contains("[Kein Link Business Central] (other.md)"), target)
        // A `]` not followed by `(` ends the link's text, as in CommonMark.
        XCTAssertTrue(target.contains("[ä Business Central]](other.md), [ö Business Central] und ](other.md)"), target)
        // Several links in one text, and an include after the last.
        XCTAssertTrue(source.contains(#"T1 <a href="other.html">A Business Central</a> and <a href="other.html#other">B Business Central</a> end, <a href="other.html">C Business Central</a> Business Central."#), source)
        // A heading's id counts the includes inside its link and emphasis as their titles, and each of several.
        XCTAssertTrue(source.contains(#"<h2 id="h-prod_short-and-prod_short-prod_short-q"><span class="tu" data-tu="l-8"><a href="other.html">H Business Central</a> and Business Central <em>Business Central</em> Q</span></h2>"#), source)
        XCTAssertTrue(target.contains(#"<img src="media/x.png" alt="Bild Business Central""#), target)
        // Only the two that are no link are left as text (side by side, in both columns).
        for (page, count) in [(target, 2), (sideBySide, 4), (source, 2)] {
            XCTAssertFalse(page.contains("INCLUDE"), page)
            XCTAssertEqual(page.components(separatedBy: "](other.md)").count - 1, count, page)
        }
        // Checked as every link is: the missing page is reported where each link starts, at its `[` (the second in a text too).
        let line = try XCTUnwrap(files["links.md"]?.split(separator: "\n", omittingEmptySubsequences: false)[11])
        let columns = ["[Fehlt", "[Weg", "[Missing", "[Gone"].map { line.utf8.distance(from: line.startIndex, to: line.range(of: $0)!.lowerBound) + 1 }
        XCTAssertEqual(located(result.diagnostics.filter { $0.file == "links.md" && $0.code != .missingMedia }).map { $0.split(separator: " ").prefix(3).joined(separator: " ") },
                       columns.map { "links.md:12:\($0) DG601 warning" })
    }

    /// `:::no-loc text="Azure":::` (DocFX's no-loc extension: text kept untranslated) is its text, in
    /// sentences, units, headings and table cells (partner-center's tax-id table: 11 in one page);
    /// `\"` inside is a quote (AspNetCore's fr-fr writes `:::no-loc text="\"pubternal\"":::`); the forms
    /// DocFX does not read (no quotes, another letter case) stay as written. A cell's `:::image` inside a
    /// line is an image, as a sentence's.
    func testNoLocIsItsText() throws {
        let files = [
            "docfx.json": #"{ "build": { "content": [ { "files": ["**/*.md"] } ] } }"#,
            "page.md": """
                ---
                ms.contentlocale: es-ES
                ---
                # \(unit("h-1", #"Usar :::no-loc text="Find":::"#, #"Use :::no-loc text="Find":::"#))

                \(unit("p-1", #"Una API :::no-loc text="\"pubternal\""::: fue quitada."#, #"A :::no-loc text="\"pubternal\""::: API was removed."#))

                | \(unit("t-1", "País", "Country")) | Id |
                | --- | --- |
                | \(unit("t-2", "Belarús", "Belarus")) | :::no-loc text="УНП"::: and :::no-loc text="R&D"::: |
                | Icon | Select :::image type="icon" source="media/i.png"::: here |

                Stays: :::no-loc text=Find::: and :::NO-LOC text="Up":::, not :::no-loc text="Good":::
                """,
        ]
        let (output, _) = try buildSite(self, files)
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        let target = try read("es-es/page.html"), source = try read("en-us/page.html")
        XCTAssertTrue(target.contains(#"Usar Find<span class="tu-src" lang="en-US">Use Find</span>"#), target)
        XCTAssertTrue(target.contains(#"Una API &quot;pubternal&quot; fue quitada.<span class="tu-src" lang="en-US">A &quot;pubternal&quot; API was removed.</span>"#), target)
        XCTAssertTrue(target.contains("<td>УНП and R&amp;D</td>"), target)
        XCTAssertTrue(target.contains(#"<td>Select <img src="media/i.png" alt=""> here</td>"#), target)  // an inline image in a cell too
        XCTAssertTrue(target.contains(#"Stays: :::no-loc text=Find::: and :::NO-LOC text=&quot;Up&quot;:::, not Good"#), target)
        XCTAssertTrue(source.contains(#"<h1 id="use-find"><span class="tu" data-tu="h-1">Use Find</span></h1>"#), source)
    }

    /// The parse stage looks at a text again only when it holds a marker: `[!INCLUDE` in any ASCII
    /// letter case (as DocFX matches it), found by the byte search, which takes no near miss.
    func testMarkersAreFoundInAnyLetterCase() {
        XCTAssertTrue("Siehe [!include[a](b.md)]".containsBytesIgnoringASCIICase("[!include"))
        XCTAssertTrue("ü [!InClUdE".containsBytesIgnoringASCIICase("[!include"))
        XCTAssertTrue("[[!INCLUDE".containsBytesIgnoringASCIICase("[!include"))
        XCTAssertTrue(":::NO-LOC text=\"x\":::".containsBytesIgnoringASCIICase(":::no-loc"))
        XCTAssertFalse("[!includ".containsBytesIgnoringASCIICase("[!include"))
        XCTAssertFalse("[!NOTE] [! include".containsBytesIgnoringASCIICase("[!include"))
        XCTAssertFalse("[!İNCLUDE".containsBytesIgnoringASCIICase("[!include"), "ASCII letters only")
        XCTAssertFalse("".containsBytesIgnoringASCIICase(":::no-loc"))
    }
}
