import Diglot
import DiglotDefaults
import Foundation
import XCTest

/// Issue 14, items 1–3: the templates compiled into `diglot`, looked up file by file under
/// `--templates` and `<content>/Templates`; `templates export`, `init` and `--version`. Every run is
/// in a folder that is not the package's, as an installed `diglot` runs.
final class InstallTests: XCTestCase {
    /// The site's files without the build's own records (`.diglot-manifest` holds times).
    private func site(_ folder: URL) -> [String: Data] {
        fileTree(folder).filter { !$0.key.hasPrefix(".diglot-") }
    }

    /// A copy of the sample content in a fresh folder, and a working folder that is not the package.
    private func sampleContent() throws -> (content: URL, cwd: URL) {
        let cwd = try temporaryFolder(self, "cwd")
        let content = cwd.appendingPathComponent("docs")
        try FileManager.default.copyItem(at: Paths.content, to: content)
        return (content, cwd)
    }

    func testTheBuiltInTemplatesAreTheTemplatesFolderByteForByte() throws {
        var folder: [String: [UInt8]] = [:]
        for (path, data) in fileTree(Paths.templates) {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: Paths.templates.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if exists, !isDirectory.boolValue, !(path as NSString).lastPathComponent.hasPrefix(".") { folder[path] = [UInt8](data) }
        }
        XCTAssertEqual(Set(BuiltinTemplates.files.keys), Set(folder.keys))
        for (path, bytes) in folder { XCTAssertEqual(BuiltinTemplates.files[path], bytes, path) }
    }

    func testBuildFromAnotherFolderUsesTheBuiltInTemplates() throws {
        let (content, cwd) = try sampleContent()
        XCTAssertFalse(FileManager.default.fileExists(atPath: cwd.appendingPathComponent("Templates").path))
        let run = try runDiglot(["build", "--content", "docs", "--output", "site"], in: cwd)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Built 4 pages (143 units) into site: 46 files, 0 errors, 8 warnings."), run.stdout)
        // The same bytes as a build with the package's Templates/ folder.
        let reference = cwd.appendingPathComponent("reference")
        let withFolder = try runDiglot(["build", "--content", content.path, "--output", reference.path, "--templates", Paths.templates.path], in: cwd)
        XCTAssertEqual(withFolder.status, 0, withFolder.stderr)
        let built = site(cwd.appendingPathComponent("site"))
        XCTAssertEqual(built.filter { !$0.value.isEmpty }.count, 46)
        XCTAssertEqual(built, site(reference))
        // check and mail need no templates folder either.
        XCTAssertEqual(try runDiglot(["check", "--content", "docs", "--quiet"], in: cwd).status, 0)
        let mail = try runDiglot(["mail", "--content", "docs", "--cloud", "public", "--locale", "es-ES", "--partner-name", "Contoso",
                                  "--partner-id", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "--dap", "--format", "txt"], in: cwd)
        XCTAssertEqual(mail.status, 0, mail.stderr)
        XCTAssertTrue(mail.stdout.contains("partnerId=3fa85f64-5717-4562-b3fc-2c963f66afa6"), mail.stdout)
    }

    func testAFileOfTheContentsTemplatesFolderChangesOnlyItsOutput() throws {
        let (content, cwd) = try sampleContent()
        XCTAssertEqual(try runDiglot(["build", "--content", "docs", "--output", "before"], in: cwd).status, 0)
        try writeFiles(["Templates/assets/diglot.css": Array("body { color: rebeccapurple; }\n".utf8)], into: content)
        let run = try runDiglot(["build", "--content", "docs", "--output", "after"], in: cwd)
        XCTAssertEqual(run.status, 0, run.stderr)
        let before = site(cwd.appendingPathComponent("before")), after = site(cwd.appendingPathComponent("after"))
        XCTAssertEqual(Set(before.keys), Set(after.keys))
        XCTAssertEqual(before.keys.filter { before[$0] != after[$0] }, ["assets/diglot.css"])
        XCTAssertEqual(after["assets/diglot.css"], Data("body { color: rebeccapurple; }\n".utf8))

        // --templates wins over <content>/Templates, file by file: its page template changes the
        // pages; the content's stylesheet still comes from the content's folder.
        let mine = cwd.appendingPathComponent("mine")
        let page = try String(contentsOf: Paths.templates.appendingPathComponent("page.mustache"), encoding: .utf8)
        try writeFiles(["page.mustache": Array(page.replacingOccurrences(of: "<body", with: "<!-- mine --><body").utf8),
                        "assets/diglot.css": Array("/* mine */\n".utf8)], into: mine)
        try writeFiles(["Templates/404.mustache": Array("<!doctype html><title>{{strings.notFoundTitle}}</title><p>Not here.\n".utf8)], into: content)
        let layered = try runDiglot(["build", "--content", "docs", "--output", "layered", "--templates", "mine"], in: cwd)
        XCTAssertEqual(layered.status, 0, layered.stderr)
        let three = site(cwd.appendingPathComponent("layered"))
        XCTAssertEqual(three["assets/diglot.css"], Data("/* mine */\n".utf8))
        XCTAssertTrue(String(decoding: three["404.html"] ?? Data(), as: UTF8.self).contains("Not here."))
        XCTAssertTrue(String(decoding: three["es-es/remove-a-relationship.html"] ?? Data(), as: UTF8.self).contains("<!-- mine --><body"))
        XCTAssertEqual(three["assets/diglot.js"], before["assets/diglot.js"])
    }

    func testTemplatesExportRoundTrips() throws {
        let (_, cwd) = try sampleContent()
        let export = try runDiglot(["templates", "export", "exported"], in: cwd)
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(export.stdout, "Wrote \(BuiltinTemplates.files.count) files of the built-in templates into exported.\n")
        XCTAssertEqual(fileTree(cwd.appendingPathComponent("exported")).filter { !$0.value.isEmpty }.count, BuiltinTemplates.files.count)
        XCTAssertEqual(try runDiglot(["build", "--content", "docs", "--output", "builtin"], in: cwd).status, 0)
        XCTAssertEqual(try runDiglot(["build", "--content", "docs", "--output", "exported-site", "--templates", "exported"], in: cwd).status, 0)
        XCTAssertEqual(site(cwd.appendingPathComponent("builtin")), site(cwd.appendingPathComponent("exported-site")))

        // A second export overwrites nothing, unless --force.
        let edited = cwd.appendingPathComponent("exported/page.mustache")
        try Data("edited".utf8).write(to: edited)
        let again = try runDiglot(["templates", "export", "exported"], in: cwd)
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.hasPrefix("error: \(cwd.path)/exported already holds 404.mustache, "), again.stderr)
        XCTAssertTrue(again.stderr.hasSuffix(": nothing was written (--force replaces them)\n"), again.stderr)
        XCTAssertEqual(try Data(contentsOf: edited), Data("edited".utf8))
        XCTAssertEqual(try runDiglot(["templates", "export", "exported", "--force"], in: cwd).status, 0)
        XCTAssertEqual([UInt8](try Data(contentsOf: edited)), BuiltinTemplates.files["page.mustache"])

        // A folder of the destination that is a link out (a hostile review: --force wrote through it)
        // stops the export before anything is written, --force or not.
        let victim = cwd.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: victim.appendingPathComponent("diglot.js"))
        let linked = cwd.appendingPathComponent("linked")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent("assets"), withDestinationURL: victim)
        for flags in [[], ["--force"]] {
            let out = try runDiglot(["templates", "export", "linked"] + flags, in: cwd)
            XCTAssertEqual(out.status, 2, out.stderr)
            XCTAssertTrue(out.stderr.contains("linked/assets is a symbolic link, not a folder; nothing was written"), out.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: victim.path), ["diglot.js"])
        XCTAssertEqual(try Data(contentsOf: victim.appendingPathComponent("diglot.js")), Data("mine".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: linked.path), ["assets"])
    }

    func testInitMakesADocsetThatBuildsWithNoWarning() throws {
        let cwd = try temporaryFolder(self, "cwd")
        let run = try runDiglot(["init", "my docs"], in: cwd)
        XCTAssertEqual(run.status, 0, run.stderr)
        let folder = cwd.appendingPathComponent("my docs")
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)),
                       [".gitignore", "TOC.yml", "diglot.yml", "docfx.json", "invitations.yml", "invite-a-customer.md"])
        // The command it prints, run as printed.
        let command = try XCTUnwrap(run.stdout.split(separator: "\n").last).trimmingCharacters(in: .whitespaces)
        XCTAssertEqual(command, "diglot build --content 'my docs' --output 'my docs/_site'")
        let build = try runDiglot(["build", "--content", "my docs", "--output", "my docs/_site", "--strict", "--qa-report"], in: cwd)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr, "")
        XCTAssertTrue(build.stdout.contains("Built 1 pages (13 units) into my docs/_site: "), build.stdout)
        XCTAssertTrue(build.stdout.contains(" 0 errors, 0 warnings."), build.stdout)
        for path in ["index.html", "es-es/invite-a-customer.html", "sxs/invite-a-customer.html", "en-us/invite-a-customer.html",
                     "mail/public/es-es/dap/invitation.eml"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("_site/" + path).path), path)
        }
        let check = try runDiglot(["check", "--content", "my docs"], in: cwd)
        XCTAssertEqual(check.status, 0)
        XCTAssertEqual(check.stdout, "")
        XCTAssertEqual(check.stderr, "Checked my docs: 0 errors, 0 warnings.\n")
        // The output is what .gitignore leaves out; a second build reads none of it as content.
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent(".gitignore"), encoding: .utf8).split(separator: "\n").last, "/_site/")
        let rebuild = try runDiglot(["build", "--content", "my docs", "--output", "my docs/_site", "--clean"], in: cwd)
        XCTAssertTrue(rebuild.stdout.contains("Built 1 pages (13 units)") && rebuild.stdout.contains(" 0 errors, 0 warnings."), rebuild.stdout)

        // A second init overwrites nothing.
        try Data("- name: mine\n".utf8).write(to: folder.appendingPathComponent("TOC.yml"))
        let again = try runDiglot(["init", "my docs"], in: cwd)
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("already holds .gitignore, TOC.yml, diglot.yml, docfx.json, invitations.yml and 1 more: nothing was written"), again.stderr)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("TOC.yml"), encoding: .utf8), "- name: mine\n")
        // One file there is enough to refuse, and the others are not written.
        let partial = cwd.appendingPathComponent("partial")
        try writeFiles(["diglot.yml": Array("qa: {}\n".utf8)], into: partial)
        XCTAssertEqual(try runDiglot(["init", "partial"], in: cwd).status, 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: partial.path), ["diglot.yml"])
    }

    func testTheContentsTemplatesAreReadAsContentIs() throws {
        let (content, cwd) = try sampleContent()
        // A link out of the content folder is not followed: the build stops before writing.
        let secret = cwd.appendingPathComponent("secret.css")
        try Data("secret".utf8).write(to: secret)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("Templates/assets"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: content.appendingPathComponent("Templates/assets/diglot.css"), withDestinationURL: secret)
        let out = try runDiglot(["build", "--content", "docs", "--output", "site"], in: cwd)
        XCTAssertEqual(out.status, 2)
        XCTAssertTrue(out.stderr.contains("Templates/assets/diglot.css:1:1: error: the file is ") && out.stderr.contains("[DG208 outside-content]"), out.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cwd.appendingPathComponent("site/assets/diglot.css").path))

        // A template that includes itself through partials is refused, not recursed into.
        try FileManager.default.removeItem(at: content.appendingPathComponent("Templates/assets/diglot.css"))
        try writeFiles(["Templates/404.mustache": Array("{{> part}}".utf8), "Templates/part.mustache": Array("{{#x}}{{>404}}{{/x}}".utf8)], into: content)
        let loop = try runDiglot(["build", "--content", "docs", "--output", "site"], in: cwd)
        XCTAssertEqual(loop.status, 2)
        XCTAssertEqual(loop.stderr, "error: the template 404.mustache is invalid: it includes itself through partials (404 → part → 404)\n")
        try writeFiles(["Templates/404.mustache": Array("{{>*title}}".utf8), "Templates/part.mustache": Array("{{=<% %>=}}".utf8)], into: content)
        let dynamic = try runDiglot(["build", "--content", "docs", "--output", "site"], in: cwd)
        XCTAssertEqual(dynamic.stderr, "error: the template 404.mustache is invalid: it names a partial dynamically ({{>*…}}), which Diglot does not accept\n")
        try FileManager.default.removeItem(at: content.appendingPathComponent("Templates/404.mustache"))
        let delimiters = try runDiglot(["build", "--content", "docs", "--output", "site"], in: cwd)
        XCTAssertEqual(delimiters.stderr, "error: the template part.mustache is invalid: it changes the tag delimiters ({{=…=}}), which Diglot does not accept\n")
        // A partial that does not loop is fine.
        try writeFiles(["Templates/404.mustache": Array("{{> part}}{{> part}}".utf8), "Templates/part.mustache": Array("<p>gone</p>".utf8)], into: content)
        let fine = try runDiglot(["build", "--content", "docs", "--output", "site"], in: cwd)
        XCTAssertEqual(fine.status, 0, fine.stderr)
        XCTAssertEqual(try String(contentsOf: cwd.appendingPathComponent("site/404.html"), encoding: .utf8), "<p>gone</p><p>gone</p>")
    }

    func testVersion() throws {
        let run = try runDiglot(["--version"], in: try temporaryFolder(self, "cwd"))
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, ToolInfo.version + "\n")
    }

    func testAMissingTemplatesFolderIsStillAnError() throws {
        let (_, cwd) = try sampleContent()
        let run = try runDiglot(["build", "--content", "docs", "--templates", "nowhere"], in: cwd)
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.stderr.contains("The templates folder 'nowhere' does not exist or is not a folder."), run.stderr)
    }
}
