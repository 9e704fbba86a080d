import Diglot
import Foundation
import XCTest

/// The parse stage on small in-memory pages: DocFX extensions and translation units in every place.
final class ParserTests: XCTestCase {
    func blocks(_ markdown: String, file: StaticString = #filePath, line: UInt = #line) -> [Block] {
        let parsed = PageParser.parse(.page("t.md", markdown))
        XCTAssertEqual(parsed.diagnostics, [], file: file, line: line)
        return parsed.page.blocks
    }

    func testAlertKindsAndMarkerForms() {
        let cases: [(String, Block.AlertKind)] = [
            (">[!NOTE]\n>Texto.", .note), ("> [!Tip]\n> Texto.", .tip), (" > [!IMPORTANT]  \n > Texto.", .important),
            ("> [!WARNING]\n>\n> Texto.", .warning), ("> [!caution] Texto en la misma línea.", .caution),
        ]
        for (markdown, kind) in cases {
            let blocks = blocks(markdown)
            guard case .alert(let alert) = blocks.first?.kind else { XCTFail("not an alert: \(markdown)"); continue }
            XCTAssertEqual(alert.kind, kind, markdown)
            XCTAssertEqual(alert.blocks.count, 1, markdown)
            guard case .paragraph(let content) = alert.blocks[0].kind else { XCTFail(markdown); continue }
            XCTAssertTrue(PlainText.of(content).hasPrefix("Texto"), "\(markdown): \(PlainText.of(content))")
        }
    }

    func testPlainBlockquoteAndUnknownMarkerStayBlockquotes() {
        for markdown in ["> Solo una cita.", "> [!FOO]\n> Texto."] {
            guard case .blockquote = blocks(markdown).first?.kind else { return XCTFail(markdown) }
        }
    }

    func testDivSection() {
        let blocks = blocks("> [!div class=\"nextstepaction\"]\n> [" + unit("n-1", "Siguiente", "Next") + "](next.md)\n")
        guard case .section(let section) = blocks.first?.kind else { return XCTFail() }
        XCTAssertEqual(section.classes, "nextstepaction")
        guard case .paragraph(let content) = section.blocks.first?.kind, case .link(let link) = content.first?.kind else { return XCTFail() }
        XCTAssertEqual(link.destination, "next.md")
        let html = HTMLRenderer.render(blocks, options: .init(side: .source, hover: false), headingIDs: [])
        XCTAssertEqual(html, "<div class=\"nextstepaction\">\n<p><a href=\"next.html\"><span class=\"tu\" data-tu=\"n-1\">Next</span></a></p>\n</div>\n")
    }

    func testImageFigures() {
        let markdown = """
            Texto antes.
            :::image type="content" source="media/a.png" alt-text="Una captura" lightbox="media/a-big.png" border="false":::.

               :::image type="content" source="media/b.png" alt-text="Otra":::
            """
        let blocks = blocks(markdown)
        XCTAssertEqual(blocks.count, 4)
        guard case .paragraph = blocks[0].kind, case .figure(let a) = blocks[1].kind,
              case .paragraph(let dot) = blocks[2].kind, case .figure(let b) = blocks[3].kind else { return XCTFail("\(blocks)") }
        XCTAssertEqual(a, Block.Figure(type: "content", source: "media/a.png", altText: "Una captura", lightbox: "media/a-big.png", border: false))
        XCTAssertEqual(PlainText.of(dot), ".", "text after the closing ::: is kept")
        XCTAssertEqual(b.source, "media/b.png")
        XCTAssertEqual(b.lightbox, nil)
        let html = HTMLRenderer.render([blocks[1]], options: .init(side: .target, hover: true), headingIDs: [])
        XCTAssertEqual(html, "<figure class=\"docfx-image\"><a href=\"media/a-big.png\"><img src=\"media/a.png\" alt=\"Una captura\" loading=\"lazy\"></a></figure>\n")
    }

    func testHeadingWithoutAnchorGetsASlugOfItsEnglishText() {
        let page = PageParser.parse(.page("t.md", "## " + unit("h-1", "Pasos siguientes", "Next steps") + "\n\n## " + unit("h-2", "Otra", "Next steps") + "\n")).page
        XCTAssertEqual(HeadingIDs.ids(for: page), ["next-steps", "next-steps-1"])
    }

    func testUnitsInLinksListsCellsAndNestedMarkup() {
        let markdown = """
            - [\(unit("l-1", "Enlace", "Link"))](other.md#part)
              - \(unit("l-2", "Anidado con **negrita** y `código`", "Nested with **bold** and `code`"))

            | \(unit("t-1", "Celda", "Cell")) | b |
            |:--|--:|
            | \(unit("t-2", "Uno", "One")) | \(unit("t-3", "Dos", "Two")) |
            """
        let page = PageParser.parse(.page("t.md", markdown)).page
        XCTAssertEqual(page.segments.map(\.id), ["l-1", "l-2", "t-1", "t-2", "t-3"])
        XCTAssertEqual(page.segments[1].source, "Nested with bold and code")
        guard case .table(let table) = page.blocks[1].kind else { return XCTFail() }
        XCTAssertEqual(table.alignments, [.left, .right])
        let html = HTMLRenderer.render(page.blocks, options: .init(side: .target, hover: true), headingIDs: [])
        // A unit inside a link leaves the focus to the link; elsewhere the sentence takes it.
        XCTAssertTrue(html.contains("<a href=\"other.html#part\"><span class=\"tu\" data-tu=\"l-1\">Enlace<span class=\"tu-src\" lang=\"en-US\">Link</span></span></a>"), html)
        XCTAssertTrue(html.contains("<span class=\"tu\" data-tu=\"l-2\" tabindex=\"0\">Anidado con <strong>negrita</strong> y <code>código</code><span class=\"tu-src\" lang=\"en-US\">Nested with <strong>bold</strong> and <code>code</code></span></span>"), html)
        XCTAssertTrue(html.contains("<th style=\"text-align: left\">"), html)
    }

    func testUnitsInsideRawHTMLBlocks() {
        let markdown = """
            <table>
            <tr><td>\(unit("r-1", "Empresa &amp; más", "Business &amp; more"))</td></tr>
            </table>
            """
        let page = PageParser.parse(.page("t.md", markdown)).page
        XCTAssertEqual(page.segments, [Segment(id: "r-1", target: "Empresa & más", source: "Business & more")])
        let english = HTMLRenderer.render(page.blocks, options: .init(side: .source, hover: false), headingIDs: [])
        XCTAssertEqual(english, "<table>\n<tr><td><span class=\"tu\" data-tu=\"r-1\">Business &amp; more</span></td></tr>\n</table>\n")
    }

    func testHTMLTextIsEscapedAndRawHTMLKept() {
        let page = PageParser.parse(.page("t.md", unit("e-1", "a < b & \"c\"", "x <br> y") + "\n")).page
        let html = HTMLRenderer.render(page.blocks, options: .init(side: .target, hover: true), headingIDs: [])
        XCTAssertEqual(html, "<p><span class=\"tu\" data-tu=\"e-1\" tabindex=\"0\">a &lt; b &amp; &quot;c&quot;<span class=\"tu-src\" lang=\"en-US\">x <br> y</span></span></p>\n")
    }

    func testLinkResolution() {
        XCTAssertEqual(LinkResolver.resolve("remove-a-relationship.md"), "remove-a-relationship.html")
        XCTAssertEqual(LinkResolver.resolve("../x/y.md#anchor"), "../x/y.html#anchor")
        XCTAssertEqual(LinkResolver.resolve("Y.MD?tabs=a#b"), "Y.html?tabs=a#b")
        XCTAssertEqual(LinkResolver.resolve("https://docs.microsoft.com/x.md"), "https://docs.microsoft.com/x.md")
        XCTAssertEqual(LinkResolver.resolve("mailto:a@b.c"), "mailto:a@b.c")
        XCTAssertEqual(LinkResolver.resolve("#local"), "#local")
        XCTAssertEqual(LinkResolver.resolve("/partner-center/x"), "/partner-center/x")
        XCTAssertEqual(LinkResolver.resolve("media/image.png"), "media/image.png")
        // One rule for what a page is (issue 12): YAML pages in either spelling; TOC files are not pages.
        XCTAssertEqual(LinkResolver.resolve("faq.yml#q1"), "faq.html#q1")
        XCTAssertEqual(LinkResolver.resolve("sub/faq.yaml#q1"), "sub/faq.html#q1")
        XCTAssertEqual(LinkResolver.resolve("sub/TOC.yml"), "sub/TOC.yml")
        XCTAssertEqual(LinkResolver.resolve("toc.yaml"), "toc.yaml")
    }

    func testMetadataKeepsEveryKeyAsWritten() {
        let page = PageParser.parse(.page("t.md", "---\ntitle: T\nms.date: 06/17/2020\nms.locfileid: \"0012\"\nflag: yes\nlist:\n- a\n- b\nempty:\n---\nx\n")).page
        XCTAssertEqual(page.metadata.entries.map(\.key), ["title", "ms.date", "ms.locfileid", "flag", "list", "empty"])
        XCTAssertEqual(page.metadata["ms.locfileid"], .string("0012"))
        XCTAssertEqual(page.metadata["flag"], .string("yes"), "no guessing of booleans")
        XCTAssertEqual(page.metadata["list"], .list([.string("a"), .string("b")]))
        XCTAssertEqual(page.metadata["empty"], .null)
    }

    func testDeepNestingDoesNotOverflow() {
        let markdown = String(repeating: ">", count: 2_000) + " deep\n" + String(repeating: "*", count: 10_000) + "x\n"
        let parsed = PageParser.parse(.page("t.md", markdown))
        XCTAssertFalse(parsed.page.blocks.isEmpty)
    }
}

/// The write stage.
final class OutputWriterTests: XCTestCase {
    func testRewritesOnlyWhatChangedAndRemovesOnlyItsOwnStaleFiles() throws {
        let output = try temporaryFolder(self)
        try Data("mine".utf8).write(to: output.appendingPathComponent("user-notes.txt"))
        XCTAssertEqual(try OutputWriter.write([OutputFile(path: "a/x.html", text: "1"), OutputFile(path: "b.html", text: "2")], to: output), 2)
        XCTAssertEqual(try OutputWriter.write([OutputFile(path: "a/x.html", text: "1"), OutputFile(path: "b.html", text: "2")], to: output), 0, "nothing changed")
        XCTAssertEqual(try OutputWriter.write([OutputFile(path: "a/x.html", text: "changed")], to: output), 1)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("a/x.html"), encoding: .utf8), "changed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("b.html").path), "a file of the last build that this one did not write is removed")
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("user-notes.txt"), encoding: .utf8), "mine", "files Diglot did not write are kept")
    }

    func testAnOutputFileChangedByHandIsWrittenAgain() throws {
        let output = try temporaryFolder(self)
        let files = [OutputFile(path: "page.html", text: "built"), OutputFile(path: "other.html", text: "same")]
        XCTAssertEqual(try OutputWriter.write(files, to: output), 2)
        try Data("edited by hand".utf8).write(to: output.appendingPathComponent("page.html"))
        XCTAssertEqual(try OutputWriter.write(files, to: output), 1)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("page.html"), encoding: .utf8), "built")
        try FileManager.default.removeItem(at: output.appendingPathComponent("other.html"))
        XCTAssertEqual(try OutputWriter.write(files, to: output), 1, "a deleted file is written again")
        XCTAssertEqual(try OutputWriter.write(files, to: output), 0)
    }

    func testAFailedWriteLeavesThePreviousOutput() throws {
        let output = try temporaryFolder(self)
        try OutputWriter.write([OutputFile(path: "page.html", text: "old")], to: output)
        // A folder where a file must go makes the write fail part way.
        try FileManager.default.createDirectory(at: output.appendingPathComponent("blocked.html"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: output.appendingPathComponent("blocked.html/inside"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try OutputWriter.write([OutputFile(path: "page.html", text: "new"), OutputFile(path: "blocked.html", text: "x")], to: output))
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("page.html"), encoding: .utf8), "old")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasPrefix(".diglot-staging") }
        XCTAssertEqual(leftovers, [])
    }
}

extension ParserTests {
    /// Raw HTML is written as valid HTML5 without changing what a reader sees.
    func testRawHTMLRepairKeepsWhatTheReaderSees() {
        let page = PageParser.parse(.page("t.md", """
            <table align="center" width="80%"><tr><td width="100" style="width: 200px" valign="top">a</td><td align="right">b</td></tr></table>

            <p>x</br><a id="n"/></a><font color="red" size="2">y</font></p>

            <svg width="10" height="10"><rect width="4" height="4"/><circle r="2"/></svg>
            """)).page
        let html = HTMLRenderer.render(page.blocks, options: .init(side: .target, hover: true), headingIDs: [])
        XCTAssertTrue(html.contains("<table width=\"80%\" style=\"margin-left: auto; margin-right: auto\">"), html)
        // The page's own CSS comes last, so it still wins over the converted attribute.
        XCTAssertTrue(html.contains("<td style=\"width: 100px; vertical-align: top; width: 200px\">a</td><td style=\"text-align: right\">b</td>"), html)
        XCTAssertTrue(html.contains("<p>x<br><a id=\"n\"></a><span style=\"color: red\">y</span></p>"), html)
        // SVG keeps its self-closed elements.
        XCTAssertTrue(html.contains("<rect width=\"4\" height=\"4\"/><circle r=\"2\"/>"), html)
    }

    func testManyTextPiecesJoinInLinearTime() {
        // cmark makes a text node of every `]`: 200,000 of them must still parse at once. (200,000 `[`
        // are past PageParser.maxBrackets, and shown as text without cmark: HardeningTests.)
        let parsed = PageParser.parse(.page("t.md", String(repeating: "]", count: 200_000) + "\n"))
        guard case .paragraph(let content) = parsed.page.blocks.first?.kind else { return XCTFail() }
        XCTAssertEqual(content.count, 1)
        XCTAssertEqual(PlainText.of(content).count, 200_000)
    }
}
