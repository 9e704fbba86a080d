import Diglot
import Foundation
import XCTest

/// Issue 11, item 9: an `[!INCLUDE]` line between the items of an ordered list (right after an item, a
/// lazy continuation line to CommonMark, or with blank lines around it) gives one list, numbered through,
/// in all three views; an include after a list's last item stays after the list, as in DocFX.
final class IncludeInListTests: XCTestCase {
    static let page = """
        # \(unit("p-1", "Pasos", "Steps"))

        ## \(unit("p-2", "Sin línea en blanco", "No blank line"))

        1. \(unit("p-3", "Abra la página.", "Open the page."))
        [!INCLUDE [pasos](includes/steps.md)]
        1. \(unit("p-4", "Guarde.", "Save."))

        ## \(unit("p-5", "Con líneas en blanco", "Blank lines"))

        1. \(unit("p-6", "Abra la página.", "Open the page."))

        [!INCLUDE [pasos](includes/steps.md)]

        1. \(unit("p-7", "Guarde.", "Save."))

        ## \(unit("p-8", "Una nota", "A note"))

        1. \(unit("p-9", "Abra la página.", "Open the page."))

        [!INCLUDE [nota](includes/note.md)]

        2. \(unit("p-10", "Guarde.", "Save."))

        ## \(unit("p-11", "Al final", "At the end"))

        1. \(unit("p-12", "Guarde.", "Save."))
        [!INCLUDE [nota](includes/note.md)]
        """
    static let files: [String: String] = [
        "docfx.json": #"{ "build": { "content": [ { "files": ["**/*.md"], "exclude": ["includes/**"] } ] } }"#,
        "steps.md": page,
        "includes/steps.md": "1. \(unit("s-1", "Elija **Editar**.", "Choose **Edit**."))\n2. \(unit("s-2", "Cambie el nombre.", "Change the name."))\n",
        "includes/note.md": "> [!NOTE]\n> \(unit("n-1", "Se guarda solo.", "It saves itself."))\n",
    ]

    func testAnIncludeBetweenItemsGivesOneListNumberedThrough() throws {
        let (output, result) = try buildSite(self, Self.files)
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertEqual(result.units, 12 + 2 * 2 + 2, "the included steps and notes are there, each time they are included")
        func article(_ view: String) throws -> String {
            let html = try String(contentsOf: output.appendingPathComponent("\(view)/steps.html"), encoding: .utf8)
            guard let start = html.range(of: "<article class=\"content\""), let end = html.range(of: "</article>") else { XCTFail(html); return "" }
            return String(html[start.lowerBound..<end.upperBound]) + "\n"
        }
        let target = try article("es-es")
        // Each case is one list (the goldens below hold the three views whole), numbered from 1.
        XCTAssertEqual(target.components(separatedBy: "<ol").count - 1, 4, "one list for each case: \(target)")
        XCTAssertFalse(target.contains("start="), "numbered through from 1")
        XCTAssertFalse(target.contains("INCLUDE"), target)
        // A note between two steps goes under the step before it; after the last step it follows the list.
        XCTAssertTrue(target.contains("Abra la página.<span class=\"tu-src\" lang=\"en-US\">Open the page.</span></span></p>\n<div class=\"alert alert-note\""), target)
        XCTAssertTrue(target.contains("Guarde.<span class=\"tu-src\" lang=\"en-US\">Save.</span></span></li>\n</ol>\n<div class=\"alert alert-note\""), target)
        try assertGolden(target, "include-in-list.target.html")
        try assertGolden(try article("sxs"), "include-in-list.side-by-side.html")
        try assertGolden(try article("en-us"), "include-in-list.source.html")
    }
}
