import Diglot
import Foundation
import XCTest

/// The page Diglot was specified from: `Content/request-a-relationship-with-a-customer.md`.
final class SamplePageTests: XCTestCase {
    static let name = "request-a-relationship-with-a-customer.md"

    func parsed() throws -> ParsedPage {
        let bytes = try Data(contentsOf: Paths.content.appendingPathComponent(Self.name))
        return PageParser.parse(SourceFile(path: Self.name, bytes: [UInt8](bytes)))
    }

    func testParsesWithoutDiagnostics() throws {
        XCTAssertEqual(try parsed().diagnostics, [])
    }

    func testMetadata() throws {
        let metadata = try parsed().page.metadata
        XCTAssertEqual(metadata.title, "Solicitar una relación de revendedor con un cliente")
        XCTAssertEqual(metadata.locale, "es-ES")
        XCTAssertEqual(metadata.translationType, "MT")
        XCTAssertEqual(metadata.date, "06/17/2020")
        XCTAssertEqual(metadata["ms.locfileid"], .string("112551646"))
        XCTAssertEqual(metadata.entries.count, 15)
        XCTAssertEqual(metadata.entries.first?.key, "title")
        XCTAssertEqual(metadata.entries.last?.key, "ms.locfileid")
    }

    func testHasTheThirtySevenUnitsInOrder() throws {
        let segments = try parsed().page.segments
        XCTAssertEqual(segments.map(\.id), (103...139).map { "d9498-\($0)" })
        for segment in segments {
            XCTAssertFalse(segment.target.isEmpty, segment.id)
            XCTAssertFalse(segment.source.isEmpty, segment.id)
        }
        // Plain text: markup dropped, link text kept, whitespace collapsed.
        XCTAssertEqual(segments[1].target, "Roles adecuados: agente de administración | Administrador global")
        XCTAssertEqual(segments[1].source, "Appropriate roles: Admin agent | Global admin")
        XCTAssertEqual(segments[5].source, "To learn more, see Customers delegate administration privileges to partners.")
        XCTAssertEqual(segments[16].target, "Una vez que el cliente acepte la invitación, aparecerá en la página Clientes y podrá aprovisionar y administrar el servicio para el cliente desde allí.")
    }

    func testHeadingsKeepTheirAnchors() throws {
        let headings = try parsed().page.blocks.compactMap { block -> Block.Heading? in
            if case .heading(let h) = block.kind { return h }
            return nil
        }
        XCTAssertEqual(headings.map(\.level), [1, 2, 2, 2])
        XCTAssertEqual(headings.map(\.anchor), [
            "how-to-request-a-reseller-relationship-from-a-customer-in-partner-center",
            "invite-a-customer-to-establish-a-reseller-relationship-with-you",
            "changes-to-the-customer-invitation-experience",
            "next-steps",
        ])
        // The anchor is taken out of the content: what is left is the unit.
        XCTAssertEqual(headings[0].content.count, 1)
        guard case .unit(let unit) = headings[0].content[0].kind else { return XCTFail("the heading should hold one unit") }
        XCTAssertEqual(unit.id, "d9498-103")
    }

    func testCloudTypesTable() throws {
        let tables = try parsed().page.blocks.compactMap { block -> Block.Table? in
            if case .table(let t) = block.kind { return t }
            return nil
        }
        XCTAssertEqual(tables.count, 1)
        let table = tables[0]
        XCTAssertEqual(table.header.count, 2)
        XCTAssertEqual(table.rows.count, 3, "the stray | line after the table adds no row")
        func unitID(_ cell: Block.TableCell) -> String? {
            guard cell.content.count == 1, case .unit(let unit) = cell.content[0].kind else { return nil }
            return unit.id
        }
        XCTAssertEqual(table.header.map(unitID), ["d9498-129", "d9498-130"])
        XCTAssertEqual(table.rows.map { $0.map(unitID) }, [
            ["d9498-131", "d9498-132"], ["d9498-133", "d9498-134"], ["d9498-135", "d9498-136"],
        ])
        XCTAssertEqual(PlainText.of(table.rows[0][1].content.side(.source)), "Microsoft 365 Admin Center")
        // Nothing is left of the `|` line.
        XCTAssertFalse(try parsed().page.blocks.contains { $0.kind == .paragraph([Inline.text("|")]) })
    }

    func testNoteInStepFiveIsAnAlertInsideThatItem() throws {
        let page = try parsed().page
        let lists = page.blocks.compactMap { block -> Block.List? in
            if case .list(let l) = block.kind { return l }
            return nil
        }
        let steps = try XCTUnwrap(lists.first)
        XCTAssertTrue(steps.ordered)
        XCTAssertEqual(steps.start, 1)
        XCTAssertEqual(steps.items.count, 6)
        let fifth = steps.items[4]
        XCTAssertEqual(fifth.blocks.count, 2)
        guard case .alert(let alert) = fifth.blocks[1].kind else { return XCTFail("the second block of step 5 should be an alert") }
        XCTAssertEqual(alert.kind, .note)
        XCTAssertEqual(alert.blocks.count, 1)
        guard case .paragraph(let content) = alert.blocks[0].kind else { return XCTFail("the alert should hold a paragraph") }
        let ids = content.compactMap { inline -> String? in
            if case .unit(let u) = inline.kind { return u.id }
            return nil
        }
        XCTAssertEqual(ids, ["d9498-120", "d9498-121"])
        // The page's two top-level alerts: the first NOTE and the IMPORTANT.
        let topAlerts = page.blocks.compactMap { block -> Block.AlertKind? in
            if case .alert(let a) = block.kind { return a.kind }
            return nil
        }
        XCTAssertEqual(topAlerts, [.note, .important])
    }

    func testNodesKnowTheirSourcePositions() throws {
        let page = try parsed().page
        // Front matter takes lines 1-17; the H1 is on line 18, its unit starts at byte 90.
        XCTAssertEqual(page.blocks[0].range.start, SourceLocation(line: 18, column: 1))
        guard case .heading(let h) = page.blocks[0].kind else { return XCTFail() }
        XCTAssertEqual(h.content[0].range.start, SourceLocation(line: 18, column: 90))
        let table = try XCTUnwrap(page.blocks.first { if case .table = $0.kind { return true } else { return false } })
        XCTAssertEqual(table.range.start.line, 57)
        XCTAssertEqual(table.range.end.line, 61)
    }

    func testJSONRoundTrip() throws {
        let page = try parsed().page
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(page)
        let decoded = try JSONDecoder().decode(Page.self, from: data)
        XCTAssertEqual(decoded.blocks, page.blocks)
        XCTAssertEqual(decoded.path, page.path)
        // JSON objects have no order: the keys come back sorted, with the same values.
        XCTAssertEqual(decoded.metadata.entries.map(\.key), page.metadata.entries.map(\.key).sorted())
        for (key, value) in page.metadata.entries { XCTAssertEqual(decoded.metadata[key], value, key) }
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertNotNil(object["metadata"])
        let segments = try XCTUnwrap(object["segments"] as? [[String: String]])
        XCTAssertEqual(segments.count, 37)
        XCTAssertEqual(Set(segments[0].keys), ["id", "target", "source"])
    }

    // MARK: The three views

    func build() throws -> (URL, BuildResult) {
        let output = try temporaryFolder(self)
        let result = try SiteBuilder.build(BuildOptions(content: Paths.content, output: output, templates: Paths.templates))
        return (output, result)
    }

    func testGoldenHTMLOfEachView() throws {
        let (output, result) = try build()
        // The sample invitations.yml names no URL for two clouds, and two sample pages link to pages
        // that were not copied: the build says so.
        try assertGolden(result.diagnostics.map(\.description).joined(separator: "\n") + "\n", "sample.build-diagnostics.txt")
        XCTAssertFalse(result.diagnostics.hasErrors)
        for (view, folder) in [("target", "es-es"), ("side-by-side", "sxs"), ("source", "en-us")] {
            let html = try String(contentsOf: output.appendingPathComponent("\(folder)/request-a-relationship-with-a-customer.html"), encoding: .utf8)
            try assertGolden(html, "request-a-relationship-with-a-customer.\(view).html")
        }
    }

    func testRemoveARelationshipLinkLeadsToThatPageInEachView() throws {
        let (output, _) = try build()
        for folder in ["es-es", "sxs", "en-us"] {
            let page = output.appendingPathComponent("\(folder)/request-a-relationship-with-a-customer.html")
            let html = try String(contentsOf: page, encoding: .utf8)
            let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            let href = try XCTUnwrap(hrefs.first { $0.hasPrefix("remove-a-relationship") }, folder)
            XCTAssertEqual(String(href), "remove-a-relationship.html")
            let target = URL(fileURLWithPath: String(href), relativeTo: page.deletingLastPathComponent()).standardizedFileURL
            XCTAssertEqual(target.path, output.appendingPathComponent("\(folder)/remove-a-relationship.html").standardizedFileURL.path)
            XCTAssertTrue(FileManager.default.fileExists(atPath: target.path), "\(folder): \(target.path)")
            let linked = try String(contentsOf: target, encoding: .utf8)
            XCTAssertTrue(linked.contains(folder == "en-us" ? "<html lang=\"en-US\">" : "<html lang=\"es-ES\">"), folder)
            XCTAssertTrue(linked.contains("<body class=\"view-\(["es-es": "target", "sxs": "side-by-side", "en-us": "source"][folder]!)\">"), folder)
        }
    }

    func testTitlesAndLanguages() throws {
        let (output, _) = try build()
        let target = try String(contentsOf: output.appendingPathComponent("es-es/request-a-relationship-with-a-customer.html"), encoding: .utf8)
        XCTAssertTrue(target.contains("<html lang=\"es-ES\">"))
        XCTAssertTrue(target.contains("<title>Solicitar una relación de revendedor con un cliente - Partner Center</title>"))
        XCTAssertTrue(target.contains("<span class=\"tu-src\" lang=\"en-US\">"))
        XCTAssertTrue(target.contains("tabindex=\"0\""), "sentences take keyboard focus")
        XCTAssertTrue(target.contains("<h2 id=\"next-steps\">"))
        XCTAssertTrue(target.contains("<div class=\"alert alert-note\" role=\"note\">"))
        XCTAssertTrue(target.contains("class=\"mt-notice\""))
        let source = try String(contentsOf: output.appendingPathComponent("en-us/request-a-relationship-with-a-customer.html"), encoding: .utf8)
        XCTAssertTrue(source.contains("<html lang=\"en-US\">"))
        XCTAssertTrue(source.contains("<title>How to request a reseller relationship from a customer in Partner Center - Partner Center</title>"))
        XCTAssertFalse(source.contains("Solicite una relación"), "the English page has no Spanish text")
        let sxs = try String(contentsOf: output.appendingPathComponent("sxs/request-a-relationship-with-a-customer.html"), encoding: .utf8)
        XCTAssertTrue(sxs.contains("<div class=\"sxs-cell\" lang=\"es-ES\">"))
        XCTAssertTrue(sxs.contains("<div class=\"sxs-cell\" lang=\"en-US\">"))
        for html in [target, source, sxs] {
            let title = html.components(separatedBy: "<title>")[1].components(separatedBy: "</title>")[0]
            XCTAssertFalse(title.contains("<"), "no markup in <title>: \(title)")
            XCTAssertFalse(html.contains("sxs-lookup"), "the pipeline's spans are not copied to the output")
        }
    }

    func testSameInputGivesByteIdenticalOutput() throws {
        let (first, a) = try build()
        let (second, b) = try build()
        XCTAssertEqual(a.files.map(\.path), b.files.map(\.path))
        for file in a.files {
            let x = try Data(contentsOf: first.appendingPathComponent(file.path))
            let y = try Data(contentsOf: second.appendingPathComponent(file.path))
            XCTAssertEqual(x, y, file.path)
        }
    }
}
