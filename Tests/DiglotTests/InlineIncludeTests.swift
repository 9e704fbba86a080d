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
}
