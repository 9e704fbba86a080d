import Diglot
import Foundation
import XCTest

/// Builds the small docset kept in `Fixtures/docset` (a publish config, docfx.json with resource globs
/// and a breadcrumb file, a TOC, a landing page, an FAQ page, an include, two redirects, a picture,
/// raw HTML, a broken link, missing anchors and a missing picture) and checks each output and each
/// diagnostic.
final class DocsetFixtureTests: XCTestCase {
    static let fixture = Paths.fixtures.appendingPathComponent("docset")

    private var output: URL!
    private var result: BuildResult!

    override func setUpWithError() throws {
        output = try temporaryFolder(self, "fixture")
        result = try SiteBuilder.build(BuildOptions(content: Self.fixture, output: output, templates: Paths.templates))
    }

    private func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func testEveryDiagnosticIsTrueAndWhereItBelongs() throws {
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.count, 0)
        let lines = result.diagnostics.map(\.description)
        XCTAssertEqual(lines, [
            "guide/details.md:14:1: warning: guide/media/missing.png is not in the content folder (named in 1 place) [DG603 missing-media]",
            "guide/details.md:16:51: warning: the anchor #nada is not on guide/start.md [DG602 missing-anchor]",
            "guide/details.md:16:174: warning: the anchor #nada is not on guide/start.md [DG602 missing-anchor]",
            "guide/start.md:17:3: warning: the anchor #no-existe is not on guide/details.md [DG602 missing-anchor]",
            "guide/start.md:18:3: warning: the link to nowhere.md leads nowhere: guide/nowhere.md does not exist [DG601 broken-link]",
        ])
        try assertGolden(lines.joined(separator: "\n") + "\n", "docset-fixture.diagnostics.txt")
        // --strict makes the same findings errors.
        let strict = try SiteBuilder.build(BuildOptions(content: Self.fixture, output: try temporaryFolder(self), templates: Paths.templates, strict: true))
        XCTAssertEqual(strict.diagnostics.filter { $0.severity == .error }.count, 5)
    }

    func testEveryPageInEveryViewWithTitleSuffixAndNavigation() throws {
        for view in ["es-es", "sxs", "en-us"] {
            // The landing page has no units (no English): it is in the translation view alone.
            XCTAssertEqual(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(view)/guide/index.html").path), view == "es-es", view)
            for page in ["start", "details", "faq"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(view)/guide/\(page).html").path), "\(view)/guide/\(page).html")
            }
        }
        let start = try read("es-es/guide/start.html")
        XCTAssertTrue(start.contains("<title>Empezar con la guía - Guía de prueba</title>"))
        // The sidebar marks the page among its section's entries (the TOC page and toc.js hold the
        // rest); the breadcrumbs come from breadcrumb/toc.yml.
        XCTAssertTrue(start.contains("<a href=\"start.html\" aria-current=\"page\">Empezar</a>"), start)
        XCTAssertTrue(start.contains("<p class=\"toc-all\"><a href=\"toc.html\">Contenido</a></p>"), start)
        XCTAssertTrue(try read("es-es/guide/toc.html").contains("<details open><summary><span>Primeros pasos</span>"))
        XCTAssertTrue(start.contains("<li><a href=\"index.html\">Guía de prueba</a></li>\n<li>Primeros pasos</li>\n<li aria-current=\"page\">Empezar con la guía</li>"), start)
        XCTAssertTrue(start.contains("<a rel=\"prev\" href=\"index.html\">← Guía de prueba</a>"))
        XCTAssertTrue(start.contains("<a rel=\"next\" href=\"details.html\">Detalles →</a>"))
        // The English view names pages by their English titles.
        let english = try read("en-us/guide/start.html")
        XCTAssertTrue(english.contains("<a rel=\"next\" href=\"details.html\">Details →</a>"), english)
        XCTAssertTrue(english.contains("<a href=\"start.html\" aria-current=\"page\">Getting started with the guide</a>"), english)
        // The start page lists the docset by its title suffix.
        let index = try read("index.html")
        XCTAssertTrue(index.contains("<h2>Guía de prueba <small>(4)</small></h2>"), index)
    }

    func testLandingFAQAndInclude() throws {
        let landing = try read("es-es/guide/index.html")
        XCTAssertTrue(landing.contains("<a href=\"start.html\">Empezar con la guía</a>"), landing)
        XCTAssertTrue(landing.contains("<a href=\"faq.html\">Preguntas frecuentes</a>"), landing)
        let faq = try read("es-es/guide/faq.html")
        XCTAssertTrue(faq.contains("¿Dónde empiezo?"), faq)
        XCTAssertTrue(faq.contains("Lea la <a href=\"start.html\">página de inicio</a>."), faq)
        // The include, a NOTE with a unit, is in the page in each language.
        XCTAssertTrue(try read("es-es/guide/start.html").contains("Esta nota viene de un archivo incluido."))
        XCTAssertTrue(try read("en-us/guide/start.html").contains("This note comes from an included file."))
        // Includes are not pages of their own.
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/guide/includes/note.html").path))
    }

    func testRedirectsAnd404() throws {
        let moved = try read("es-es/guide/old-start.html")
        XCTAssertTrue(moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../es-es/guide/start.html\">"), moved)
        XCTAssertTrue(moved.contains("<link rel=\"canonical\" href=\"../../es-es/guide/start.html\">"), moved)
        let retired = try read("en-us/guide/retired.html")
        XCTAssertTrue(retired.contains("url=https://learn.microsoft.com/partner-center/"), retired)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("404.html").path))
    }

    func testMediaCopiedIntoEachView() throws {
        let picture = try Data(contentsOf: Self.fixture.appendingPathComponent("guide/media/diagram.png"))
        for view in ["es-es", "sxs", "en-us"] {
            XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent("\(view)/guide/media/diagram.png")), picture, view)
        }
        let start = try read("es-es/guide/start.html")
        XCTAssertTrue(start.contains("<img src=\"media/diagram.png\" alt=\"Un diagrama\">"))
        XCTAssertTrue(start.contains("<figure class=\"docfx-image\"><img src=\"media/diagram.png\" alt=\"Diagrama\" loading=\"lazy\"></figure>"))
    }

    func testRawHTMLIsWrittenAsValidHTML5() throws {
        let start = try read("es-es/guide/start.html")
        XCTAssertTrue(start.contains("<col style=\"width: 40%\">"), start)
        XCTAssertFalse(start.contains("</br>"))
        XCTAssertTrue(start.contains("Primera línea<span class=\"tu-src\" lang=\"en-US\">First line</span></span><br>"))
        // The anchor is in the translation once; the English on hover keeps the text, not the id.
        XCTAssertTrue(start.contains("<a id=\"marca\"></a>Segunda línea<span class=\"tu-src\" lang=\"en-US\"><a></a>Second line</span>"), start)
        // Raw links to pages lead to the same view, like markdown links.
        XCTAssertTrue(start.contains("Consulte los <a href=\"details.html#pasos\">pasos</a>."))
        XCTAssertTrue(try read("es-es/guide/details.html").contains("<span style=\"color: red\">página</span>"))
        // Side by side: the table written over two raw HTML blocks is one row, so each cell is whole.
        let sxs = try read("sxs/guide/start.html")
        let row = try XCTUnwrap(sxs.range(of: "<div class=\"sxs-cell\" lang=\"es-ES\">\n<table>"))
        let rest = sxs[row.upperBound...]
        let cellEnd = try XCTUnwrap(rest.range(of: "</div>"))
        XCTAssertTrue(rest[..<cellEnd.lowerBound].contains("</table>"), String(rest.prefix(600)))
        // No id twice in any page of the site (as written: the build streams its files to the writer).
        let pages = try XCTUnwrap(FileManager.default.enumerator(atPath: output.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".html") }
        XCTAssertGreaterThan(pages.count, 12)
        for path in pages {
            let file = (path: path, bytes: try Array(Data(contentsOf: output.appendingPathComponent(path))))
            let html = String(decoding: file.bytes, as: UTF8.self)
            var seen = Set<String>()
            var search = html[...]
            while let at = search.range(of: " id=\"") {
                let tail = search[at.upperBound...]
                guard let end = tail.firstIndex(of: "\"") else { break }
                let id = String(tail[..<end])
                XCTAssertTrue(seen.insert(id).inserted, "\(file.path): the id \(id) twice")
                search = tail[end...]
            }
        }
    }

    func testJapaneseSearchIndexKeepsTheTextWhole() throws {
        let output = try temporaryFolder(self, "ja")
        let built = try SiteBuilder.build(BuildOptions(content: Paths.fixtures.appendingPathComponent("ja-docset"), output: output, templates: Paths.templates))
        XCTAssertEqual(built.diagnostics, [])
        let script = try String(contentsOf: output.appendingPathComponent("ja-jp/search-index.js"), encoding: .utf8)
        XCTAssertTrue(script.contains(#"["index.html","再販業者関係を依頼する","再販業者関係を依頼する パートナーは顧客に再販業者関係を依頼できます。 顧客は招待メールで承認します。"],"#), script)
        // The English index has the English text of the same pages.
        let english = try String(contentsOf: output.appendingPathComponent("en-us/search-index.js"), encoding: .utf8)
        XCTAssertTrue(english.contains("A partner can request a reseller relationship from a customer."), english)
    }

    func testSearchIndexOfEachLanguage() throws {
        func entries(_ path: String) throws -> [[String]] {
            let script = try read(path)
            let json = "[" + script.dropFirst("DiglotSearch.receive([".count).dropLast("]);\n".count).trimmingCharacters(in: .whitespacesAndNewlines).dropLast() + "]"
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]])
        }
        let spanish = try entries("es-es/guide/search-index.js")
        XCTAssertEqual(spanish.map { $0[0] }, ["guide/details.html", "guide/faq.html", "guide/index.html", "guide/start.html"])
        let start = try XCTUnwrap(spanish.last)
        XCTAssertEqual(start[1], "Empezar con la guía")
        XCTAssertTrue(start[2].hasPrefix("Empezar con la guía Esta página muestra cada parte de una compilación. Consulte los pasos. Nota Esta nota viene de un archivo incluido."), start[2])
        XCTAssertTrue(start[2].hasSuffix("Primera línea Segunda línea"), start[2])
        XCTAssertFalse(start[2].contains("This page"))
        let english = try XCTUnwrap(try entries("en-us/guide/search-index.js").last)
        XCTAssertEqual(english[1], "Getting started with the guide")
        XCTAssertTrue(english[2].hasPrefix("Getting started with the guide This page shows every part of a build."), english[2])
        // The page's search box loads its docset's index in the translation and links into its own view;
        // the start page loads every docset's.
        let sxs = try read("sxs/guide/start.html")
        XCTAssertTrue(sxs.contains("data-index=\"../../es-es/guide/search-index.js\" data-base=\"../../sxs/\""), sxs)
        XCTAssertTrue(try read("index.html").contains("data-index=\"es-es/guide/search-index.js\" data-base=\"es-es/\""))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/search-index.js").path), "no pages outside the docset")
    }
}
