import Diglot
import Foundation
import XCTest

/// The `diglot` executable as a user runs it.
final class CommandLineTests: XCTestCase {
    func testInspectPrintsTheModelAsJSON() throws {
        let run = try runDiglot(["inspect", "Content/request-a-relationship-with-a-customer.md", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let metadata = try XCTUnwrap(object["metadata"] as? [String: Any])
        XCTAssertEqual(metadata["title"] as? String, "Solicitar una relación de revendedor con un cliente")
        XCTAssertEqual(metadata["locale"] as? String, "es-ES")
        XCTAssertEqual(metadata["translationType"] as? String, "MT")
        XCTAssertEqual((metadata["entries"] as? [String: Any])?["ms.locfileid"] as? String, "112551646")
        let segments = try XCTUnwrap(object["segments"] as? [[String: String]])
        XCTAssertEqual(segments.count, 37)
        XCTAssertEqual(segments[0], [
            "id": "d9498-103",
            "target": "Cómo solicitar una relación de revendedor de un cliente en el Centro de partners",
            "source": "How to request a reseller relationship from a customer in Partner Center",
        ])
        let blocks = try XCTUnwrap(object["blocks"] as? [[String: Any]])
        XCTAssertEqual(blocks.first?["type"] as? String, "heading")
    }

    func testInspectTextFormat() throws {
        let run = try runDiglot(["inspect", "Content/request-a-relationship-with-a-customer.md", "--format", "text"])
        XCTAssertEqual(run.status, 0)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 37)
        XCTAssertEqual(lines.last, "d9498-139\tEliminación de una relación con un cliente\tRemove a relationship with a customer")
    }

    /// A page that is not a regular file, or is too large, is one line of error at once: never read
    /// for ever (`/dev/zero`), never waited on (a FIFO without a writer), never a Foundation error dump.
    func testInspectOfADeviceAFIFOAFolderOrAHugeFileIsOneLine() throws {
        let folder = try temporaryFolder(self)
        let fifo = folder.appendingPathComponent("page.md").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let huge = folder.appendingPathComponent("huge.md")
        XCTAssertTrue(FileManager.default.createFile(atPath: huge.path, contents: nil))
        XCTAssertEqual(truncate(huge.path, off_t(ContentFolder.maxFileSize + 1)), 0)  // sparse: no disk used
        let cases = [
            ("/dev/zero", "error: cannot read /dev/zero: it is not a regular file (a device, a FIFO or a socket)\n"),
            (fifo, "error: cannot read \(fifo): it is not a regular file (a device, a FIFO or a socket)\n"),
            (folder.path, "error: cannot read \(folder.path): it is a folder\n"),
            (huge.path, "error: cannot read \(huge.path): it is larger than 64 MiB, the limit for a page\n"),
        ]
        for (page, message) in cases {
            let run = try runDiglotBounded(["inspect", page], seconds: 20)
            XCTAssertFalse(run.timedOut, "inspect \(page) did not finish")
            XCTAssertEqual(run.status, 2, page)
            XCTAssertEqual(run.stderr, message)
            XCTAssertEqual(run.stdout, "")
        }
        // A page at the limit is read.
        XCTAssertEqual(truncate(huge.path, off_t(ContentFolder.maxFileSize)), 0)
        XCTAssertEqual(try FileRead.bytes(atPath: huge.path).count, ContentFolder.maxFileSize)
    }

    func testBuildWithErrorsExitsOneAndPrintsFileLineColumn() throws {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles([
            "ok.md": Array(("# " + unit("o-1", "Bien", "Fine") + "\n").utf8),
            "bad.md": Array("Hola <span data-ttu-id=\"b-1\">sin origen</span>.\n".utf8),
        ], into: content)
        let run = try runDiglot(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path, "--locale", "es-ES"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "bad.md:1:6: error: unit \"b-1\" has no sxs-lookup source after it [DG101 unit-missing-source]\n")
        XCTAssertTrue(run.stdout.contains("Built 2 pages (2 units)"), run.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/ok.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/bad.html").path))
    }

    func testBuildDefaultsAndStartPage() throws {
        let folder = try temporaryFolder(self)
        try FileManager.default.copyItem(at: Paths.content, to: folder.appendingPathComponent("Content"))
        try FileManager.default.copyItem(at: Paths.templates, to: folder.appendingPathComponent("Templates"))
        let run = try runDiglot(["build"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        // 46 files: 8 of them the drafts of germany and usgov (es-ES and en-US, with DAP: a .txt and a .html each, no .eml), with the link placeholder.
        XCTAssertTrue(run.stdout.contains("Built 4 pages (143 units) into Output: 46 files, 0 errors, 8 warnings."), run.stdout)
        XCTAssertTrue(run.stdout.contains("Start page: \(folder.appendingPathComponent("Output/index.html").path)"), run.stdout)
        let index = try String(contentsOf: folder.appendingPathComponent("Output/index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("href=\"es-es/request-a-relationship-with-a-customer.html\""))
        XCTAssertTrue(index.contains("href=\"sxs/request-a-relationship-with-a-customer.html\""))
        XCTAssertTrue(index.contains("href=\"en-us/request-a-relationship-with-a-customer.html\""))
    }

    func testWithoutLocaleThePagesDeclareTheTargetFolderIsUnd() throws {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles(["ok.md": Array(("# " + unit("o-1", "Bien", "Fine") + "\n").utf8)], into: content)
        let run = try runDiglot(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("und/ok.html").path))
        let bad = try runDiglot(["build", "--content", content.path, "--locale", "es_ES!"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("'es_ES!' is not a locale such as es-ES or ja-JP."), bad.stderr)
    }

    func testMissingContentFolderIsAValidationError() throws {
        let run = try runDiglot(["build", "--content", "/nonexistent-folder"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("The content folder '/nonexistent-folder' does not exist or is not a folder."), run.stderr)
    }
}
