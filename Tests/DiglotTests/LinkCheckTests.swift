import Diglot
import Foundation
import XCTest

/// Links across the build: the page is there, its anchor is there, the images are there.
final class LinkCheckTests: XCTestCase {
    static let files: [String: String] = [
        "a.md": """
            # <a name="top"></a>A

            [ok](b.md#part) [ok too](b.md#made-up-heading) [own](#top) [nope](missing.md) [no anchor](b.md#nowhere) [bad own](#gone)
            [windows](sub\\c.md) ![pic](media/one.png) [![pic](media/one.png)](media/one.png#lightbox) [web](https://example.com/x.md)

            :::image type="content" source="media/two.png" alt-text="dos":::
            """,
        "b.md": """
            ## <a href="" id="part"></a>Part

            ## Made up heading

            ![again](media/one.png)
            """,
        "sub/c.md": "[back](../a.md#top) [up](../b.md)\n",
        "media/present.png": "png",
    ]

    func build(strict: Bool = false) throws -> (URL, BuildResult) {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles(Self.files.mapValues { Array($0.utf8) }, into: content)
        return (output, try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates, targetLocale: "es-ES", strict: strict)))
    }

    func testBrokenLinksMissingAnchorsAndMissingImages() throws {
        let (output, result) = try build()
        XCTAssertEqual(result.diagnostics.map { "\($0.file):\($0.location) \($0.code.rawValue) \($0.severity.rawValue)" }, [
            "a.md:3:60 DG601 warning",
            "a.md:3:79 DG602 warning",
            "a.md:3:105 DG602 warning",
            "a.md:4:21 DG603 warning",
            "a.md:6:1 DG603 warning",
        ])
        let messages = result.diagnostics.map(\.message)
        XCTAssertEqual(messages[0], "the link to missing.md leads nowhere: missing.md does not exist")
        XCTAssertEqual(messages[1], "the anchor #nowhere is not on b.md")
        XCTAssertEqual(messages[2], "the anchor #gone is not on this page")
        // One finding per missing image, naming every place that shows it.
        XCTAssertEqual(messages[3], "media/one.png is not in the content folder (named in 4 places); also named at a.md:4:43, a.md:4:44, b.md:5:1")
        XCTAssertEqual(messages[4], "media/two.png is not in the content folder (named in 1 place)")
        // The Windows-style link works in every view.
        let html = try String(contentsOf: output.appendingPathComponent("es-es/a.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<a href=\"sub/c.html\">windows</a>"), html)
        XCTAssertTrue(html.contains("<a href=\"https://example.com/x.md\">web</a>"), "external links stay as written")
    }

    func testStrictMakesWarningsErrors() throws {
        let (_, result) = try build(strict: true)
        XCTAssertEqual(result.diagnostics.count, 5)
        XCTAssertTrue(result.diagnostics.allSatisfy { $0.severity == .error })
        let content = try temporaryFolder(self, "content")
        try writeFiles(Self.files.mapValues { Array($0.utf8) }, into: content)
        let output = try temporaryFolder(self, "output")
        let loose = try runDiglot(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path, "--locale", "es-ES"])
        XCTAssertEqual(loose.status, 0)
        let strict = try runDiglot(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path, "--locale", "es-ES", "--strict"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.contains("a.md:3:60: error: the link to missing.md leads nowhere"), strict.stderr)
    }
}
