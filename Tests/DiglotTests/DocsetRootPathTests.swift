import Diglot
import Foundation
import XCTest

/// DocFX's `~/`: a path from the docset's folder (the folder of its docfx.json), in links, images,
/// `:::image` figures, includes and TOC hrefs.
final class DocsetRootPathTests: XCTestCase {
    static let files: [String: String] = [
        "docs/docfx.json": #"{ "build": { "content": [ { "files": ["**/*.md", "toc.yml"], "exclude": ["includes/**"] } ], "resource": [ { "files": ["media/**"] } ] } }"#,
        "docs/sub/page.md": """
            # Página

            [otra](~/other.md#part) ![foto](~/media/pic.png) [vuelta](~/sub/../other.md) [ventanas](~\\other.md)

            :::image type="content" source="~/media/pic.png" alt-text="Foto":::

            [!INCLUDE[nota](~/includes/note.md)]

            [fuera](~/../../secret.md) ![fuera](~/../../x.png)

            [!INCLUDE[fuera](~/../../outside.md)]
            """,
        "docs/other.md": "# Otra\n\n## Part\n",
        "docs/toc.yml": "- name: Otra\n  href: ~/other.md\n- name: Página\n  href: ~/sub/page.md\n",
        "docs/includes/note.md": "Nota con [enlace](~/other.md), [vuelta](../other.md#part) y ![foto](../media/pic.png).\n",
        "docs/media/pic.png": "png",
        "outside.md": "Fuera.\n",
    ]

    func testTildePathsStartAtTheDocsetsFolder() throws {
        let (output, result) = try buildSite(self, Self.files)
        // Only the paths that climb out of the content folder are reported; the rest are found.
        XCTAssertEqual(located(result.diagnostics), [
            "docs/sub/page.md:9:1 DG601 warning the link ~/../../secret.md leaves the content folder (`~/` is the docset's folder, docs/): it is written as \"#\"",
            "docs/sub/page.md:9:28 DG603 warning the image ~/../../x.png leaves the content folder (`~/` is the docset's folder, docs/): it is written as \"#\"",
            "docs/sub/page.md:11:1 DG506 error the include ~/../../outside.md leaves the content folder",
        ])
        let html = try String(contentsOf: output.appendingPathComponent("es-es/docs/sub/page.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<a href=\"../other.html#part\">otra</a>"), html)
        XCTAssertTrue(html.contains("<img src=\"../media/pic.png\" alt=\"foto\""), html)
        XCTAssertTrue(html.contains("<a href=\"../other.html\">vuelta</a>"), html)
        XCTAssertTrue(html.contains("<a href=\"../other.html\">ventanas</a>"), html)
        XCTAssertTrue(html.contains("<img src=\"../media/pic.png\" alt=\"Foto\" loading=\"lazy\">"), "the :::image source")
        // The included file's `~/` paths start at the docset's folder too, its relative paths at the
        // included file (as DocFX reads them); both lead from the page.
        XCTAssertTrue(html.contains("<p>Nota con <a href=\"../other.html\">enlace</a>, <a href=\"../other.html#part\">vuelta</a> y <img src=\"../media/pic.png\""), html)
        XCTAssertTrue(html.contains("<a href=\"#\">fuera</a>"), html)
        XCTAssertFalse(html.contains("~/"), html)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/docs/media/pic.png").path))
        // A TOC href from the docset's folder.
        let toc = try String(contentsOf: output.appendingPathComponent("es-es/docs/toc.js"), encoding: .utf8)
        XCTAssertTrue(toc.contains("[\"Otra\",\"docs/other.html\",0,0],[\"Página\",\"docs/sub/page.html\",0,0]"), toc)
        XCTAssertEqual(brokenLocalLinks(in: output).filter { !$0.hasSuffix("-> #") }, [])
    }

    func testTheRuleOnPaths() {
        XCTAssertTrue(LinkResolver.isDocsetRooted("~/a.md"))
        XCTAssertTrue(LinkResolver.isDocsetRooted("~\\a.md"))
        XCTAssertFalse(LinkResolver.isDocsetRooted("~a.md"))
        XCTAssertFalse(LinkResolver.isDocsetRooted("a/~/b.md"))
        XCTAssertEqual(LinkResolver.fromDocsetRoot("~/includes/a.md#x", page: "docs/sub/page.md", docset: "docs"), "../includes/a.md#x")
        XCTAssertEqual(LinkResolver.fromDocsetRoot("~/sub/b.md?tabs=cli", page: "docs/sub/page.md", docset: "docs"), "b.md?tabs=cli")
        XCTAssertEqual(LinkResolver.fromDocsetRoot("~/a.md", page: "page.md", docset: ""), "a.md")
        XCTAssertEqual(LinkResolver.fromDocsetRoot("~/", page: "docs/sub/page.md", docset: "docs"), "../")
        XCTAssertEqual(LinkResolver.fromDocsetRoot("~/", page: "page.md", docset: ""), "./")
        // Out of the docset but in the content, as a relative path may go; out of the content, nowhere.
        XCTAssertEqual(LinkResolver.fromDocsetRoot("~/../shared/a.md", page: "docs/page.md", docset: "docs"), "../shared/a.md")
        XCTAssertNil(LinkResolver.fromDocsetRoot("~/../../a.md", page: "docs/page.md", docset: "docs"))
        // An included file's relative path, from the page that includes it.
        XCTAssertEqual(LinkResolver.rebased("../a.md#x", from: "docs/includes/n.md", to: "docs/sub/page.md"), "../a.md#x")
        XCTAssertEqual(LinkResolver.rebased("media/p.png", from: "docs/includes/n.md", to: "docs/page.md"), "includes/media/p.png")
        XCTAssertEqual(LinkResolver.rebased("n2.md", from: "docs/includes/n.md", to: "docs/includes/page.md"), "n2.md")
        XCTAssertNil(LinkResolver.rebased("../../../a.md", from: "docs/includes/n.md", to: "docs/page.md"))
    }
}
