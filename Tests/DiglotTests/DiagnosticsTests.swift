import Diglot
import Foundation
import XCTest

/// Every bad input gets a diagnostic with its file, line, column and stable code, and never stops
/// the other pages from being built.
final class DiagnosticsTests: XCTestCase {
    static let frontMatter = "---\ntitle: Página\nms.contentlocale: es-ES\nms.translationtype: MT\n---\n"

    /// A docset with one good page and one page for each bad input.
    static func badDocset() -> [String: [UInt8]] {
        var line = ""
        var n = 0
        while line.utf8.count < 5_000_000 {
            n += 1
            line += unit("l-\(n)", "Frase número \(n).", "Sentence number \(n).") + " "
        }
        let longLine = frontMatter + line
        var invalid = Array((frontMatter + "# Título\n\n").utf8)
        invalid += Array("Texto ".utf8) + [0xFF, 0xFE] + Array(" roto.\n".utf8)
        let pages: [String: String] = [
            "good.md": frontMatter + "# " + unit("g-1", "Buena", "Good") + "\n\n" + unit("g-2", "Texto.", "Text.") + "\n",
            "missing-source.md": frontMatter + "\n<span data-ttu-id=\"m-1\">Hola sin origen.</span> Y más texto.\n",
            "id-mismatch.md": frontMatter + "\n<span data-ttu-id=\"x-1\">Hola.</span><span class=\"sxs-lookup\"><span data-stu-id=\"x-2\">Hello.</span></span>\n",
            "duplicate-id.md": frontMatter + "\n" + unit("d-1", "Uno.", "One.") + "\n\n" + unit("d-1", "Otro.", "Another.") + "\n",
            "unclosed-span.md": frontMatter + "\nTexto: <span data-ttu-id=\"u-1\">Hola sin cerrar.\n",
            "stray-span.md": frontMatter + "\n" + unit("s-1", "Bien.", "Fine.") + " Suelto</span> aquí.\n",
            "alert-marker.md": frontMatter + "\n><span data-ttu-id=\"a-1\">[Nota] Este cambio solo afecta a la moneda.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">[Note] This change only affects the currency.</span></span>\n",
            "malformed-front-matter.md": "---\ntitle: Bien\nms.date: [06/17/2020\n---\n# " + unit("f-1", "Cuerpo", "Body") + "\n",
            "empty.md": "",
            "front-matter-only.md": frontMatter,
            "long-line.md": longLine,
        ]
        var files = pages.mapValues { Array($0.utf8) }
        files["invalid-utf8.md"] = invalid
        return files
    }

    func buildBadDocset() throws -> (URL, BuildResult) {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles(Self.badDocset(), into: content)
        let result = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates))
        return (output, result)
    }

    func testEveryBadInputHasItsDiagnosticAndEveryPageIsBuilt() throws {
        let (output, result) = try buildBadDocset()
        func only(_ file: String) -> [String] {
            result.diagnostics.filter { $0.file == file }.map { "\($0.location) \($0.severity.rawValue) \($0.code.rawValue)" }
        }
        XCTAssertEqual(only("good.md"), [])
        XCTAssertEqual(only("missing-source.md"), ["7:1 error DG101"])
        XCTAssertEqual(only("id-mismatch.md"), ["7:62 error DG102"])
        XCTAssertEqual(only("duplicate-id.md"), ["9:1 error DG103"])
        XCTAssertEqual(only("unclosed-span.md"), ["7:8 error DG104"])
        XCTAssertEqual(only("stray-span.md"), ["7:112 error DG105"])
        XCTAssertEqual(only("alert-marker.md"), ["7:2 warning DG106"])
        XCTAssertEqual(only("malformed-front-matter.md"), ["4:1 error DG201"])
        XCTAssertEqual(only("invalid-utf8.md"), ["8:7 error DG203"])
        XCTAssertEqual(only("empty.md"), ["1:1 warning DG204"])
        XCTAssertEqual(only("front-matter-only.md"), ["5:1 warning DG205"])
        XCTAssertEqual(only("long-line.md"), ["6:1 warning DG206"])
        XCTAssertTrue(result.diagnostics.hasErrors)

        // Every page, bad or good, is built: in all three views, but for those left with no units (they
        // have no English), in the translation's alone; nothing half-written is left behind.
        XCTAssertEqual(result.pages, 12)
        for page in Self.badDocset().keys {
            let html = page.replacingOccurrences(of: ".md", with: ".html")
            let noUnits = ["invalid-utf8.md", "empty.md", "front-matter-only.md"].contains(page)
            for folder in noUnits ? ["es-es"] : ["es-es", "sxs", "en-us"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(folder)/\(html)").path), "\(folder)/\(html)")
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.contains("staging") }
        XCTAssertEqual(leftovers, [])

        // The messages, as `diglot build` prints them.
        try assertGolden(result.diagnostics.map(\.description).joined(separator: "\n") + "\n", "bad-docset.diagnostics.txt")
    }

    func testBadPagesStillShowWhatTheyHold() throws {
        let (output, _) = try buildBadDocset()
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        // The unit with no source keeps its target; the English view shows nothing in its place.
        XCTAssertTrue(try read("es-es/missing-source.html").contains("Hola sin origen."))
        // The body after malformed front matter is built.
        XCTAssertTrue(try read("es-es/malformed-front-matter.html").contains("Cuerpo"))
        XCTAssertTrue(try read("en-us/malformed-front-matter.html").contains("Body"))
        // Invalid bytes become U+FFFD; the rest of the line is kept.
        XCTAssertTrue(try read("es-es/invalid-utf8.html").contains("Texto \u{FFFD}\u{FFFD} roto."))
        // The 5 MB line is one paragraph of units, all of them there.
        let long = try read("en-us/long-line.html")
        XCTAssertTrue(long.contains("Sentence number 1.") && long.contains("Sentence number 30000."))
    }

    func testMissingSourceAtTheEndOfAParagraph() {
        let parsed = PageParser.parse(.page("p.md", "<span data-ttu-id=\"e-1\">Solo destino.</span>\n"))
        XCTAssertEqual(parsed.diagnostics.map(\.code), [.unitMissingSource])
        XCTAssertEqual(parsed.page.segments, [Segment(id: "e-1", target: "Solo destino.", source: "")])
    }

    func testSourceSpanWithoutLookupIsStray() {
        let parsed = PageParser.parse(.page("p.md", "<span data-stu-id=\"z-1\">Orphan</span>\n"))
        XCTAssertEqual(parsed.diagnostics.map(\.code), [.straySpan])
        XCTAssertEqual(parsed.page.segments, [])
    }

    func testUnclosedFrontMatter() {
        let parsed = PageParser.parse(.page("p.md", "---\ntitle: x\n\n# Heading\n"))
        XCTAssertEqual(parsed.diagnostics.map { "\($0.location) \($0.code.rawValue)" }, ["1:1 DG202"])
    }

    func testFrontMatterThatIsNotAMapping() {
        let parsed = PageParser.parse(.page("p.md", "---\n- a\n- b\n---\ntext\n"))
        XCTAssertEqual(parsed.diagnostics.map { "\($0.location) \($0.code.rawValue)" }, ["2:1 DG201"])
    }

    func testMarkupCrossingAUnitIsSplitAndReported() {
        // From the corpus (2020-december.md): `_` pairs across the unit's spans.
        let text = "<span data-ttu-id=\"c-1\">_31 de agosto de 2020:  fecha</span><span class=\"sxs-lookup\"><span data-stu-id=\"c-1\">_ August 31, 2020:  Original</span></span>\n"
        let parsed = PageParser.parse(.page("p.md", text))
        XCTAssertEqual(parsed.diagnostics.map { "\($0.location) \($0.severity.rawValue) \($0.code.rawValue)" }, ["1:25 warning DG107"])
        XCTAssertEqual(parsed.page.segments, [Segment(id: "c-1", target: "31 de agosto de 2020: fecha", source: "August 31, 2020: Original")])
    }

    func testUnreadableContentFolderStopsTheBuildWithAClearError() throws {
        let output = try temporaryFolder(self)
        XCTAssertThrowsError(try SiteBuilder.build(BuildOptions(content: output.appendingPathComponent("nope"), output: output, templates: Paths.templates))) { error in
            XCTAssertEqual("\(error)", "error: the content folder \(output.appendingPathComponent("nope").path) does not exist or is not a folder")
        }
    }
}
