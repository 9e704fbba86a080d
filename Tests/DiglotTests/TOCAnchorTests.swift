import Diglot
import Foundation
import XCTest

/// TOC entries with anchors (`href: page.md#section`): a link to the section; the page keeps its
/// place in the sidebar, the pager and the breadcrumbs; a section the page lacks is reported.
final class TOCAnchorTests: XCTestCase {
    static let files: [String: String] = [
        "docfx.json": #"{ "build": { "content": [ { "files": ["**/*.md", "toc.yml"] } ] } }"#,
        "toc.yml": """
            - name: Inicio
              href: index.md
            - name: Formularios
              href: forms.md
              items:
              - name: Etiqueta form
                href: forms.md#the-form-tag-helper
                items:
                - name: Detalle
                  href: detail.md
              - name: Ninguna
                href: forms.md#nowhere
            """,
        "index.md": "# " + unit("i-1", "Inicio", "Home") + "\n",
        "forms.md": "# " + unit("f-1", "Formularios", "Forms") + "\n\n## " + unit("f-2", "La etiqueta form", "The Form Tag Helper") + "\n",
        "detail.md": "# " + unit("d-1", "Detalle", "Detail") + "\n",
    ]

    func testAnEntryWithAnAnchorLinksToTheSection() throws {
        let (output, result) = try buildSite(self, Self.files)
        XCTAssertEqual(located(result.diagnostics), [
            "toc.yml:12:11 DG602 warning the TOC entry's anchor #nowhere is not on forms.md: the entry opens the page at its top",
        ])
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        // toc.js and toc.html: the sections' links.
        XCTAssertEqual(try read("es-es/toc.js"), """
            DiglotTOC.receive([["Inicio","index.html",0,0],["Formularios","forms.html",[["Etiqueta form","forms.html#the-form-tag-helper",\
            [["Detalle","detail.html",0,0]],0],["Ninguna","forms.html#nowhere",0,0]],0]]);

            """)
        XCTAssertTrue(try read("es-es/toc.html").contains("<a href=\"forms.html#the-form-tag-helper\">Etiqueta form</a>"))
        // The page's own entry (not a section's) is the one marked, with its sections under it.
        let forms = try read("es-es/forms.html")
        XCTAssertTrue(forms.contains("""
            <li><a href="forms.html" aria-current="page">Formularios</a>
            <ul>
            <li><a href="forms.html#the-form-tag-helper">Etiqueta form</a></li>
            <li><a href="forms.html#nowhere">Ninguna</a></li>
            </ul></li>
            """), forms)
        // The pager keeps the page, once: index → forms → detail.
        XCTAssertTrue(forms.contains("<a rel=\"prev\" href=\"index.html\">← Inicio</a>"), forms)
        XCTAssertTrue(forms.contains("<a rel=\"next\" href=\"detail.html\">Detalle →</a>"), forms)
        // Breadcrumbs: the section's entry links to the section.
        let detail = try read("es-es/detail.html")
        XCTAssertTrue(detail.contains("<li><a href=\"forms.html\">Formularios</a></li>\n<li><a href=\"forms.html#the-form-tag-helper\">Etiqueta form</a></li>\n"
                                      + "<li aria-current=\"page\">Detalle</li>"), detail)
        // In the English view a section's entry keeps its own name (the page's English title is the page's).
        let english = try read("en-us/toc.js")
        XCTAssertTrue(english.contains("[\"Etiqueta form\",\"forms.html#the-form-tag-helper\","), english)
        XCTAssertTrue(english.contains("[\"Forms\",\"forms.html\","), english)
    }

    func testAnAnchorInAMarkdownTOC() throws {
        let (output, result) = try buildSite(self, [
            "docfx.json": #"{ "build": { "content": [ { "files": ["**/*.md"] } ] } }"#,
            "TOC.md": "# [Formularios](forms.md)\n## [Etiqueta](forms.md#the-form-tag-helper)\n## [Falta](forms.md#gone)\n",
            "forms.md": Self.files["forms.md"]!,
        ])
        XCTAssertEqual(located(result.diagnostics), ["TOC.md:3:4 DG602 warning the TOC entry's anchor #gone is not on forms.md: the entry opens the page at its top"])
        let toc = try String(contentsOf: output.appendingPathComponent("es-es/toc.js"), encoding: .utf8)
        XCTAssertTrue(toc.contains("[\"Etiqueta\",\"forms.html#the-form-tag-helper\",0,0]"), toc)
    }
}
