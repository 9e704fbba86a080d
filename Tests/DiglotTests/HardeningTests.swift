@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Issue 9: content from a pull request is hostile. Each test holds one kind of fault to its rule
/// with a small input of that kind: nothing is written outside the output, nothing is read outside
/// the content, nothing crashes or hangs, and each refusal is a located diagnostic with its code.
final class HardeningTests: XCTestCase {
    static func page(_ title: String, _ frontMatter: String = "", _ body: String) -> [UInt8] {
        Array("---\ntitle: \(title)\nms.contentlocale: es-ES\n\(frontMatter)---\n\n\(body)\n".utf8)
    }

    /// A sandbox: `sandbox/content` and `sandbox/site/out`; after a build, nothing but `out` may have
    /// appeared beside the content (`sandbox` lists only `content` and `site`, `site` only `out`).
    struct Sandbox {
        let root: URL
        var content: URL { root.appendingPathComponent("content") }
        var output: URL { root.appendingPathComponent("site/out") }

        init(_ test: XCTestCase, files: [String: [UInt8]]) throws {
            root = try temporaryFolder(test, "sandbox")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("site"), withIntermediateDirectories: true)
            try writeFiles(files, into: root.appendingPathComponent("content"))
        }

        func build(_ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
            try runDiglot(["build", "--quiet", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path] + extra)
        }

        /// Fails when anything but the content and the output is in the sandbox.
        func assertNothingOutside(file: StaticString = #filePath, line: UInt = #line) throws {
            let top = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
            XCTAssertEqual(top, ["content", "site"], "files appeared beside the output", file: file, line: line)
            let site = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("site").path).sorted()
            XCTAssertEqual(site.filter { !$0.hasPrefix(".out.diglot") }, ["out"], "files appeared beside the output", file: file, line: line)
        }

        /// Every byte of every file of the output, as text (to look for what must not be there).
        func outputText() throws -> String {
            var all = ""
            let enumerator = FileManager.default.enumerator(atPath: output.path)
            while let path = enumerator?.nextObject() as? String {
                if let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) {
                    all += String(decoding: data, as: UTF8.self)
                }
            }
            return all
        }
    }

    /// The diagnostic lines of `stderr` with `code`.
    func lines(_ stderr: String, _ code: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains("[\(code) ") }
    }

    // MARK: 0. Determinism

    /// cmark-gfm's special-character table is process-wide: pages parsed on two threads raced, and a
    /// bare URL was autolinked in one build and not in the next. Many pages with tables and bare URLs
    /// (the table extension changes the table while lines are fed), parsed on all cores, all autolink.
    func testPagesParsedInParallelAllAutolinkTheirURLs() throws {
        var sources: [SourceFile] = []
        for i in 0..<400 {
            let body = """
                | a | b |
                |---|---|
                | \(i) | www.example.com/t\(i) |

                \(unit("u-\(i)", "Vea https://partner.microsoft.com/pcv/\(i) ahora.", "See https://partner.microsoft.com/pcv/\(i) now."))
                """
            sources.append(SourceFile(path: "p\(i).md", bytes: Self.page("P\(i)", "", body)))
        }
        let templates = try TemplateSet.load(from: Paths.templates)
        for _ in 0..<3 {
            let result = SiteBuilder.render(sources, templates: templates, targetLocale: "es-ES")
            for file in result.files where file.path.hasPrefix("es-es/p") {
                let i = file.path.dropFirst("es-es/p".count).dropLast(".html".count)
                XCTAssertTrue(file.text.contains("href=\"https://partner.microsoft.com/pcv/\(i)\""), "\(file.path): the unit's URL is not a link")
                XCTAssertTrue(file.text.contains("href=\"http://www.example.com/t\(i)\""), "\(file.path): the table's URL is not a link")
            }
        }
    }

    /// The real corpus, built three times in one process and twice in two processes: every byte the same.
    func testCorpusBuildsAreByteIdenticalInOneProcessAndAcrossProcesses() throws {
        let corpus = try requireCorpus()
        let output = try temporaryFolder(self, "det")
        var first: [String: [UInt8]]? = nil
        for _ in 0..<3 {
            let result = try SiteBuilder.prepare(BuildOptions(content: corpus, output: output, templates: Paths.templates))
            let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.bytes) })
            if let first {
                XCTAssertEqual(Set(files.keys), Set(first.keys))
                let differing = files.keys.filter { files[$0] != first[$0] }.sorted()
                XCTAssertEqual(differing, [], "files differ between two builds in one process")
            } else {
                first = files
            }
        }
        var trees: [[String: Data]] = []
        for run in 0..<2 {
            let out = output.appendingPathComponent("run\(run)")
            let result = try runDiglot(["build", "--quiet", "--clean", "--content", corpus.path, "--output", out.path, "--templates", Paths.templates.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            var tree: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: out.path)
            while let path = enumerator?.nextObject() as? String {
                guard !path.hasPrefix(".diglot") else { continue }
                if let data = FileManager.default.contents(atPath: out.appendingPathComponent(path).path) { tree[path] = data }
            }
            trees.append(tree)
        }
        XCTAssertGreaterThan(trees[0].count, 1_400)
        XCTAssertEqual(trees[0].keys.filter { trees[0][$0] != trees[1][$0] }.sorted(), [], "files differ between two processes")
    }

    // MARK: 1. Paths from content stay in the output

    func testPathsFromEveryConfigStayInsideTheOutput() throws {
        let docfx = """
            {
              "build": {
                "content": [{ "files": ["**/*.md"] }, { "files": ["*.md"], "src": "../../..", "dest": "x" }],
                "resource": [{ "files": ["**/*.png"], "dest": "../../../somewhere/.ssh" }],
                "dest": "../../escaped"
              }
            }
            """
        let publish = """
            { "docsets_to_publish": [
                { "docset_name": "a", "build_source_folder": "a", "build_output_subfolder": "../../../out-a" },
                { "docset_name": "b", "build_source_folder": "b", "build_output_subfolder": "b" } ] }
            """
        let redirects = """
            { "redirections": [ { "source_path": "../../../../evil.md", "redirect_url": "/b/index" } ] }
            """
        let sandbox = try Sandbox(self, files: [
            ".openpublishing.publish.config.json": Array(publish.utf8),
            ".openpublishing.redirection.json": Array(redirects.utf8),
            "a/index.md": Self.page("A", "", "Hola."),
            "b/docfx.json": Array(docfx.utf8),
            "b/index.md": Self.page("B", "", "Hola.\n\n[!INCLUDE[x](../../../../../../etc/passwd)]\n\n![x](../../../../../../etc/passwd)\n\n[y](../../../../../../etc/hosts)"),
            "b/toc.yml": Array("- name: Fuera\n  href: ../../../../../../etc/passwd\n- name: Carpeta\n  href: ../../../../../../etc/\n".utf8),
            "b/pic.png": [0x89, 0x50, 0x4E, 0x47],
            "c/bad-locale.md": Array("---\ntitle: L\nms.contentlocale: ../../x\n---\n\nHola.\n".utf8),
        ])
        let result = try sandbox.build()
        try sandbox.assertNothingOutside()
        XCTAssertEqual(result.status, 1, "refused paths are errors")
        XCTAssertEqual(lines(result.stderr, "DG302").sorted(), [
            ".openpublishing.publish.config.json:2:81: error: build_output_subfolder ../../../out-a is refused: it leads out of the output folder [DG302 output-path-outside]",
            ".openpublishing.redirection.json:1:38: error: the source_path ../../../../evil.md of redirection 1 is refused: it leads out of the output folder [DG302 output-path-outside]",
            "b/docfx.json:3:71: error: src ../../.. is refused: it leads out of the output folder [DG302 output-path-outside]",
            "b/docfx.json:4:51: error: dest ../../../somewhere/.ssh is refused: it leads out of the output folder [DG302 output-path-outside]",
            "b/docfx.json:5:13: error: dest ../../escaped is refused: it leads out of the output folder [DG302 output-path-outside]",
        ])
        XCTAssertEqual(lines(result.stderr, "DG304"), [
            "c/bad-locale.md:3:19: error: ms.contentlocale \"../../x\" is not a BCP 47 language tag; it is not used [DG304 invalid-locale]",
        ])
        // Includes, pictures, links and TOC entries that climb out read nothing.
        XCTAssertFalse(try sandbox.outputText().contains("root:x:0:0"), "/etc/passwd reached the site")
        XCTAssertEqual(lines(result.stderr, "DG506"), [
            "b/index.md:8:1: error: the include ../../../../../../etc/passwd leaves the content folder [DG506 include-outside-docset]",
        ])
        // The rest of the site is built: every page, in the folder of the locale the others declare.
        for path in ["es-es/a/index.html", "es-es/b/index.html", "es-es/c/bad-locale.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.output.appendingPathComponent(path).path), path)
        }
    }

    func testLocaleValuesMustBeLanguageTags() throws {
        XCTAssertEqual(LanguageTag.canonical("es-es"), "es-ES")
        XCTAssertEqual(LanguageTag.canonical("zh-hant-tw"), "zh-Hant-TW")
        XCTAssertEqual(LanguageTag.canonical("es_ES"), "es-ES")
        XCTAssertEqual(LanguageTag.canonical("es-419"), "es-419")
        XCTAssertEqual(LanguageTag.canonical("sr-Latn-RS"), "sr-Latn-RS")
        XCTAssertEqual(LanguageTag.canonical("de-CH-1901"), "de-CH-1901")
        XCTAssertEqual(LanguageTag.canonical("en-US-x-twain"), "en-US-x-twain")
        for bad in ["", "../../x", "es-", "-es", "e", "es--ES", "es/ES", "es ES", "abcdefghi", "es-ES-", "x", "es-\u{0}", "ja-JP\n"] {
            XCTAssertNil(LanguageTag.canonical(bad), bad.debugDescription)
        }
        // --locale is refused before anything is built (a malformed command line: 64), and the library
        // refuses it too, for callers other than the CLI.
        let sandbox = try Sandbox(self, files: ["index.md": Self.page("A", "", "Hola.")])
        let result = try sandbox.build(["--locale", "../../x"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.hasPrefix("Error: '../../x' is not a locale such as es-ES or ja-JP."), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: sandbox.root.path + "/site"), [])
        XCTAssertThrowsError(try SiteBuilder.build(BuildOptions(content: sandbox.content, output: sandbox.output, templates: Paths.templates,
                                                                targetLocale: "../../x"))) { error in
            XCTAssertEqual("\(error)", "error: the locale \"../../x\" is not a BCP 47 language tag (such as es-ES)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: sandbox.root.path + "/site"), [])
    }

    func testOutputPathRule() throws {
        XCTAssertEqual(try OutputPath.normalize("./a//b/../c/"), "a/c")
        XCTAssertEqual(try OutputPath.normalize("/a\\b"), "a/b")
        XCTAssertEqual(try OutputPath.normalize(""), "")
        XCTAssertThrowsError(try OutputPath.normalize("a/../../b"))
        XCTAssertThrowsError(try OutputPath.normalize(".."))
        XCTAssertThrowsError(try OutputPath.normalize("a\nb"))
        XCTAssertTrue(OutputPath.isNormal("es-es/a.html"))
        for bad in ["", "/a", "a/../b", "./a", "a//b", "a/", ".."] { XCTAssertFalse(OutputPath.isNormal(bad), bad) }
        // A `/` followed by a combining mark is one Swift Character that is not `/`, but the file
        // system still reads the `/`: paths are cut at the byte.
        XCTAssertThrowsError(try OutputPath.normalize("a/../../\u{301}x"))
        XCTAssertThrowsError(try OutputPath.normalize("..\\\u{301}x"))
        XCTAssertEqual(try OutputPath.normalize("a/b/../\u{301}x"), "a/\u{301}x")
        for bad in ["es-es/../\u{301}x", "/\u{301}x", "a//\u{301}x", "a/./\u{301}x"] { XCTAssertFalse(OutputPath.isNormal(bad), bad) }
        XCTAssertTrue(OutputPath.isNormal("a/\u{301}x"))
        XCTAssertEqual(LinkResolver.contentPath(of: "../\u{301}x.md", from: "a/b.md")?.path, "\u{301}x.md")
        XCTAssertNil(LinkResolver.contentPath(of: "../../\u{301}x.md", from: "a/b.md"))
        XCTAssertEqual(PathText.folder(of: "a/\u{301}b/c.md"), "a/\u{301}b")
        XCTAssertEqual(PathText.folders(of: "a/\u{301}b/c.md"), ["a", "\u{301}b"])
        // Keys are told apart by bytes, hash alike when equal, and put a folder before what is in it.
        let keys: Set<PathText.Key> = [PathText.Key("caf\u{E9}"), PathText.Key("cafe\u{301}"), PathText.Key("caf\u{E9}/x"[...].dropLast(2))]
        XCTAssertEqual(keys.count, 2)
        XCTAssertTrue(keys.contains(PathText.Key(String(decoding: Array("caf\u{E9}".utf8), as: UTF8.self))))
        XCTAssertEqual([PathText.Key("a/b"), PathText.Key("a-b"), PathText.Key("a")].sorted().map(\.path), ["a", "a-b", "a/b"])
        XCTAssertEqual(PathText.after("fr-fr/", in: "fr-fr/\u{301}x.html"), "\u{301}x.html")
        XCTAssertNil(PathText.after("fr-fr/", in: "fr-frx"))
    }

    func testInvitationConfigValuesThatNameFolders() throws {
        func parse(_ yaml: String) -> String {
            switch InvitationConfig.parse(yaml) {
            case .success: return "ok"
            case .failure(let diagnostic): return diagnostic.description
            }
        }
        let clouds = "clouds:\n  - id: public\n    row: Public\n"
        XCTAssertEqual(parse("page: p.md\nlocales: es-ES\n" + clouds),
                       "invitations.yml:2:10: error: locales: must be a list of locales, such as [es-ES, en-US] [DG401 invitation-config]")
        XCTAssertEqual(parse("page: p.md\nlocales: [es-ES, ../../x]\n" + clouds),
                       "invitations.yml:2:18: error: the locale \"../../x\" is not a BCP 47 language tag (such as es-ES) [DG401 invitation-config]")
        XCTAssertEqual(parse("page: p.md\nlocales: [es-ES]\nclouds:\n  - id: ../../x\n    row: Public\n"),
                       "invitations.yml:4:9: error: the cloud id \"../../x\" is refused: it names an output folder, so it may hold only a-z, 0-9 and - [DG302 output-path-outside]")
        XCTAssertEqual(parse("page: p.md\nlocales: [es-es]\n" + clouds), "ok")
    }

    // MARK: 2. Symlinks

    func testSymlinksOutOfTheContentAreNotReadAndLoopsAreWalkedOnce() throws {
        let sandbox = try Sandbox(self, files: [
            "index.md": Self.page("Inicio", "", "[!INCLUDE[secret](includes/env.md)]\n\n![d](media/diagram.png)\n\n[otra](sub/b.md)"),
            "sub/b.md": Self.page("B", "", unit("b-1", "Hola.", "Hello.")),
            "includes/real.md": Array("Incluido.\n".utf8),
        ])
        let fm = FileManager.default
        let c = sandbox.content.path
        try fm.createDirectory(atPath: c + "/media", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: c + "/includes/env.md", withDestinationPath: "/proc/self/environ")
        try fm.createSymbolicLink(atPath: c + "/media/diagram.png", withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: c + "/etcdir", withDestinationPath: "/etc")
        try fm.createSymbolicLink(atPath: c + "/loop", withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: c + "/sub/up", withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: c + "/sub/again", withDestinationPath: "../sub")
        // A link inside the content is read as the file it names.
        try fm.createSymbolicLink(atPath: c + "/includes/alias.md", withDestinationPath: "real.md")

        let result = try sandbox.build()
        try sandbox.assertNothingOutside()
        XCTAssertEqual(lines(result.stderr, "DG208").sorted(), [
            "etcdir:1:1: error: a symbolic link to /etc, outside the content folder: it is not read [DG208 outside-content]",
            "includes/env.md:1:1: error: a symbolic link to /proc/\(try runDiglotPID(result.stderr)), outside the content folder: it is not read [DG208 outside-content]",
            "media/diagram.png:1:1: error: a symbolic link to /etc/passwd, outside the content folder: it is not read [DG208 outside-content]",
        ].sorted())
        XCTAssertEqual(lines(result.stderr, "DG209").sorted(), [
            "loop:1:1: warning: the folder is the content folder itself again (a link): it is read once [DG209 symlink-loop]",
            "sub/again:1:1: warning: the folder is sub again (a link): it is read once [DG209 symlink-loop]",
            "sub/up:1:1: warning: the folder is the content folder itself again (a link): it is read once [DG209 symlink-loop]",
        ])
        let text = try sandbox.outputText()
        XCTAssertFalse(text.contains("root:x:0:0"), "/etc/passwd reached the site")
        XCTAssertFalse(text.contains("PATH="), "the environment reached the site")
        XCTAssertFalse(fm.fileExists(atPath: sandbox.output.path + "/es-es/etcdir"))
        // Each page once: no page under loop/ or sub/up/.
        let pages = try fm.subpathsOfDirectory(atPath: sandbox.output.path + "/es-es").filter { $0.hasSuffix(".html") }.sorted()
        XCTAssertEqual(pages, ["includes/alias.html", "includes/real.html", "index.html", "sub/b.html"])
        // ContentFolder.read refuses a path that resolves outside, whoever asks.
        guard case .failure(let refused) = ContentFolder.read("etcdir/hostname", in: sandbox.content) else { return XCTFail("read outside") }
        XCTAssertEqual(refused.code, .outsideContent)
        guard case .success(let alias) = ContentFolder.read("includes/alias.md", in: sandbox.content) else { return XCTFail("link inside") }
        XCTAssertEqual(alias.bytes, Array("Incluido.\n".utf8))
    }

    /// `/proc/self/environ` is `/proc/PID/environ` resolved: the PID of the build that read it.
    private func runDiglotPID(_ stderr: String) throws -> String {
        let line = try XCTUnwrap(stderr.split(separator: "\n").first { $0.hasPrefix("includes/env.md") })
        let start = try XCTUnwrap(line.range(of: "/proc/"))
        return String(line[start.upperBound...].prefix { $0 != "," })
    }

    // MARK: 3. Deep nesting

    func testDeeplyNestedPagesAreBuiltFlattenedWithALocatedError() throws {
        let quotes = String(repeating: "> ", count: 10_000) + "deep\n"
        let bullets = (0..<3_000).map { String(repeating: "  ", count: $0) + "- x" }.joined(separator: "\n") + "\n"
        let emphasis = String(repeating: "*a ", count: 5_000) + "b" + String(repeating: " a*", count: 5_000) + "\n"
        let units = String(repeating: "<span data-ttu-id=\"x\">", count: 5_000) + "y" + String(repeating: "</span>", count: 5_000) + "\n"
        let sandbox = try Sandbox(self, files: [
            "quotes.md": Self.page("Q", "", quotes),
            "bullets.md": Self.page("B", "", bullets),
            "emphasis.md": Self.page("E", "", emphasis),
            "units.md": Self.page("U", "", units),
            "fine.md": Self.page("F", "", unit("f-1", "Hola.", "Hello.")),
        ])
        let result = try sandbox.build()
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(lines(result.stderr, "DG213").sorted(), [
            "bullets.md:37:63: error: blocks nest more than 64 levels deep here; the deeper levels are flattened [DG213 nesting-too-deep]",
            "emphasis.md:6:97: error: inline markup nests more than 32 levels deep here; the deeper levels are flattened [DG213 nesting-too-deep]",
            "quotes.md:6:127: error: blocks nest more than 64 levels deep here; the deeper levels are flattened [DG213 nesting-too-deep]",
            "units.md:6:705: error: inline markup nests more than 32 levels deep here; the deeper levels are flattened [DG213 nesting-too-deep]",
        ])
        for page in ["quotes", "bullets", "emphasis", "units", "fine"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.output.path + "/es-es/\(page).html"), page)
        }
        XCTAssertTrue(try String(contentsOfFile: sandbox.output.path + "/es-es/quotes.html", encoding: .utf8).contains("deep"))
        // Flattened, not lost: every level's text is still on the page.
        let numbered = (0..<40).map { String(repeating: "  ", count: $0) + "- x\($0)" }.joined(separator: "\n")
        let flat = PageParser.parse(SourceFile(path: "n.md", bytes: Self.page("N", "", numbered))).page
        let text = String(decoding: try JSONEncoder().encode(flat), as: UTF8.self)
        for i in 0..<40 { XCTAssertTrue(text.contains("\"x\(i)\""), "x\(i) is lost") }
        let table = String(repeating: "> ", count: 70) + "| a |\n" + String(repeating: "> ", count: 70) + "|---|\n" + String(repeating: "> ", count: 70) + "| celda |\n"
        let tablePage = PageParser.parse(SourceFile(path: "t.md", bytes: Self.page("T", "", table))).page
        XCTAssertTrue(String(decoding: try JSONEncoder().encode(tablePage), as: UTF8.self).contains("celda"), "a table's cells are lost")
        // check and inspect do not crash either.
        let check = try runDiglot(["check", "--content", sandbox.content.path, "--templates", Paths.templates.path])
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(lines(check.stdout, "DG213").count, 4)
        let inspect = try runDiglot(["inspect", sandbox.content.path + "/quotes.md"])
        XCTAssertEqual(inspect.status, 1, "an error in the page")
        XCTAssertTrue(inspect.stderr.contains("[DG213 nesting-too-deep]"), inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("\"deep\""))
    }

    /// The deep page in a copy of the real corpus: one located error, and all 379 other pages built.
    func testADeepPageInTheCorpusStopsNothing() throws {
        let corpus = try requireCorpus()
        let copy = try temporaryFolder(self, "corpus-copy")
        let content = copy.appendingPathComponent("content")
        try FileManager.default.copyItem(at: corpus, to: content)
        try Data(Self.page("Deep", "", String(repeating: "> ", count: 10_000) + "x\n")).write(to: content.appendingPathComponent("partner-center/deep.md"))
        let result = try runDiglot(["build", "--quiet", "--content", content.path, "--output", copy.appendingPathComponent("out").path,
                                    "--templates", Paths.templates.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(lines(result.stderr, "DG213"), [
            "partner-center/deep.md:6:127: error: blocks nest more than 64 levels deep here; the deeper levels are flattened [DG213 nesting-too-deep]",
        ])
        // The translation view: the deep page has no units, so it has no other view.
        let pages = try FileManager.default.subpathsOfDirectory(atPath: copy.appendingPathComponent("out/es-es").path).filter { $0.hasSuffix(".html") }
        XCTAssertTrue(pages.contains("partner-center/deep.html"))
        XCTAssertGreaterThanOrEqual(pages.count, 380)
    }

    // MARK: 4. Tiny inputs that exhaust memory or never end

    static let aliasBomb = """
        a: &a ["x","x","x","x","x","x","x","x","x"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    func testYAMLAliasBombsAreRefusedInEveryYAMLFile() throws {
        let landing = "### YamlMime:Landing\ntitle: L\n" + Self.aliasBomb + "\nlandingContent: []\n"
        let sandbox = try Sandbox(self, files: [
            "docfx.json": Array(#"{"build": {"content": [{"files": ["**/*.md", "**/*.yml"], "exclude": ["toc.yml", "breadcrumb/**"]}]}}"#.utf8),
            "toc.yml": Array(("items:\n- name: Inicio\n  href: index.md\n" + Self.aliasBomb + "\n").utf8),
            "bomb.md": Array(("---\ntitle: B\nms.contentlocale: es-ES\n" + Self.aliasBomb + "\n---\n\nHola.\n").utf8),
            "landing.yml": Array(landing.utf8),
            "index.md": Self.page("Inicio", "", "Hola."),
            "diglot.yml": Array(("qa:\n  doNotTranslate: []\n" + Self.aliasBomb + "\n").utf8),
        ])
        let result = try sandbox.build(["--qa-report"])
        // Each at its first anchor that takes the count past the limit.
        XCTAssertEqual(lines(result.stderr, "DG212").map { String($0.prefix { $0 != " " }) }.sorted(),
                       ["bomb.md:4:28:", "diglot.yml:3:28:", "landing.yml:3:36:", "toc.yml:4:28:"], result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.output.path + "/es-es/index.html"))
        let toc = try YAMLLoaderProbe.problem(Self.aliasBomb)
        XCTAssertEqual(toc, "1:28: the YAML expands to more than 200000 values (aliases are counted at every use); it is not read")
    }

    func testIncludeBombsAndLongChainsStopAtTheirBounds() throws {
        // Only the top folder's pages are pages: includes/ and chain/ hold includes.
        var files: [String: [UInt8]] = [
            "docfx.json": Array(#"{"build": {"content": [{"files": ["*.md"]}]}}"#.utf8),
            "index.md": Self.page("Inicio", "", "[!INCLUDE[a](includes/i0.md)]"),
        ]
        // Eight files, each including the next ten times: 10^8 copies.
        for i in 0..<8 {
            files["includes/i\(i).md"] = Array(String(repeating: "[!INCLUDE[a](i\(i + 1).md)]\n\n", count: 10).utf8)
        }
        files["includes/i8.md"] = Array("fin\n".utf8)
        files["chain.md"] = Self.page("Cadena", "", "[!INCLUDE[a](chain/c0.md)]")
        for i in 0..<800 { files["chain/c\(i).md"] = Array("[!INCLUDE[a](c\(i + 1).md)]\n".utf8) }
        files["chain/c800.md"] = Array("fin\n".utf8)
        let sandbox = try Sandbox(self, files: files)
        let result = try sandbox.build()
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(lines(result.stderr, "DG507"), [
            "chain/c15.md:1:1: error: the include c16.md is 17 includes deep, more than 16: this include and the ones after it are left out [DG507 include-limit]",
            "includes/i7.md:11:1: error: the page's includes expand to more than 2000 includes or 4194304 bytes: this include and the ones after it are left out [DG507 include-limit]",
        ])
    }

    /// Debian's cmark-gfm parses a table row in time quadratic in its cells (50,000 cells: 13 s). A
    /// page past the bound is read without tables, quickly, and reported; a normal table is a table.
    func testMarkdownThatCmarkParsesInQuadraticTimeIsBounded() throws {
        let wide = "a|b\n-|-\n" + String(repeating: "x|", count: 50_000) + "\n"
        let parsed = PageParser.parse(SourceFile(path: "w.md", bytes: Self.page("W", "", "Hola.\n\n" + wide)))
        XCTAssertEqual(parsed.diagnostics.filter { $0.code == .parseLimit }.map(\.description), [
            "w.md:10:1: error: the page's tables hold too many cells (cmark-gfm's table parsing would take time quadratic in them; this line is the widest): the page is read without tables [DG214 parse-limit]",
        ])
        XCTAssertFalse(parsed.page.blocks.contains { if case .table = $0.kind { return true } else { return false } })
        // Runs of brackets that cmark-gfm 0.29.0.gfm.6 parses in quadratic time: the text is kept, as text.
        let brackets = PageParser.parse(SourceFile(path: "b.md", bytes: Self.page("B", "", String(repeating: "![[]()", count: 40_000))))
        XCTAssertEqual(brackets.diagnostics.filter { $0.code == .parseLimit }.map(\.description), [
            "b.md:5:1: error: the text holds 80000 [ (more than 20000), which cmark-gfm parses in time quadratic in them: it is shown as it is, not as markdown [DG214 parse-limit]",
        ])
        guard case .codeBlock(let code) = brackets.page.blocks.first?.kind else { return XCTFail("not kept as text") }
        XCTAssertTrue(code.code.contains("![[]()![[]()"))
        // `www.a_` 20,000 times without a space: cmark-gfm's autolinks would scan the run for each `www.`.
        let www = PageParser.parse(SourceFile(path: "u.md", bytes: Self.page("U", "", "Vea www.example.com.\n\n" + String(repeating: "www.a_", count: 20_000))))
        XCTAssertEqual(www.diagnostics.filter { $0.code == .parseLimit }.map(\.description), [
            "u.md:5:1: error: the text has long runs with many www. in them, which cmark-gfm's autolinks scan in quadratic time: the page is read without bare-URL links [DG214 parse-limit]",
        ])
        let normal = PageParser.parse(SourceFile(path: "n.md", bytes: Self.page("N", "", "| a | b |\n|---|---|\n| 1 | 2 |\n")))
        XCTAssertEqual(normal.diagnostics, [])
        XCTAssertTrue(normal.page.blocks.contains { if case .table = $0.kind { return true } else { return false } })
    }

    /// Nested plain spans were copied into their parent at every close: 20,000 took 20 s. They are kept
    /// as written, in order.
    func testNestedPlainSpansKeepTheirTagsInOrder() throws {
        let body = String(repeating: "<span>", count: 20_000) + "y" + String(repeating: "</span>", count: 20_000)
        let page = PageParser.parse(SourceFile(path: "s.md", bytes: Self.page("S", "", body))).page
        guard case .paragraph(let inlines) = page.blocks.first?.kind else { return XCTFail("no paragraph") }
        XCTAssertEqual(inlines.count, 40_001)
        XCTAssertEqual(inlines[20_000].kind, .text("y"))
        XCTAssertEqual(inlines[0].kind, .html("<span>"))
        XCTAssertEqual(inlines[40_000].kind, .html("</span>"))
        // Plain spans add no depth to the model: emphasis inside 40 of them is still emphasis.
        let wrapped = String(repeating: "<span class=\"a\">", count: 40) + "*x* y" + String(repeating: "</span>", count: 40)
        let parsed = PageParser.parse(SourceFile(path: "w.md", bytes: Self.page("W", "", wrapped)))
        XCTAssertEqual(parsed.diagnostics, [])
        guard case .paragraph(let content) = parsed.page.blocks.first?.kind else { return XCTFail("no paragraph") }
        XCTAssertTrue(content.contains { if case .emphasis = $0.kind { return true } else { return false } })
    }

    func testTwentyThousandEqualHeadingsGetUniqueIDs() throws {
        let body = String(repeating: "## Paso\n\n", count: 20_000)
        let page = PageParser.parse(SourceFile(path: "h.md", bytes: Self.page("H", "", body))).page
        let ids = HeadingIDs.ids(for: page)
        XCTAssertEqual(ids.count, 20_000)
        XCTAssertEqual(Set(ids).count, 20_000)
        XCTAssertEqual(ids.prefix(3), ["paso", "paso-1", "paso-2"])
        XCTAssertEqual(ids.last, "paso-19999")
    }

    // MARK: 8. Every file read is checked like a page

    func testConfigFilesWithInvalidUTF8AreReportedAndStillUsed() throws {
        var docfx = Array(#"{"build": {"content": [{"files": ["**/*.md"]}], "globalMetadata": {"titleSuffix": "Gu"#.utf8)
        docfx += [0xE9] + Array(#"a"}}}"#.utf8)
        var toc = Array("- name: Inicio\n  href: index.md\n- name: P".utf8)
        toc += [0xE9] + Array("gina\n  href: other.md\n- name: Falta\n  href: missing.md\n".utf8)
        let sandbox = try Sandbox(self, files: [
            "guide/docfx.json": docfx,
            "guide/toc.yml": toc,
            "guide/index.md": Self.page("Inicio", "", "Hola."),
            "guide/other.md": Self.page("Otra", "", "Hola."),
            // A page with old Mac line ends (CR only): its front matter is read.
            "guide/cr.md": Array("---\rtitle: Retorno\rms.contentlocale: es-ES\r---\r\rHola.\r".utf8),
        ])
        let result = try sandbox.build()
        XCTAssertEqual(lines(result.stderr, "DG203"), [
            "guide/docfx.json:1:86: error: invalid UTF-8 (the bytes are shown as U+FFFD) [DG203 invalid-utf8]",
            "guide/toc.yml:3:10: error: invalid UTF-8 (the bytes are shown as U+FFFD) [DG203 invalid-utf8]",
        ])
        XCTAssertEqual(lines(result.stderr, "DG601"), [
            "guide/toc.yml:6:9: warning: the TOC entry's href missing.md leads to no file of the content; the entry is shown as text [DG601 broken-link]",
        ])
        let index = try String(contentsOfFile: sandbox.output.path + "/es-es/guide/index.html", encoding: .utf8)
        XCTAssertTrue(index.contains("Gu\u{FFFD}a"), "the docset's metadata is still used")
        XCTAssertTrue(index.contains("P\u{FFFD}gina"), "the sidebar is still there")
        let cr = try String(contentsOfFile: sandbox.output.path + "/es-es/guide/cr.html", encoding: .utf8)
        XCTAssertTrue(cr.contains("<title>Retorno"), "the CR-only front matter was not read")
    }

    // MARK: 9. Two inputs, one output path

    func testTwoPagesForOneOutputPathAreAnError() throws {
        let docfx = Array(#"{"build": {"content": [{"files": ["**/*.md", "**/*.yml"]}], "dest": "same"}}"#.utf8)
        var files: [String: [UInt8]] = [
            "one/docfx.json": docfx, "one/index.md": Self.page("Uno", "", "Uno."),
            "two/docfx.json": docfx, "two/index.md": Self.page("Dos", "", "Dos."),
            "one/faq.md": Self.page("FAQ", "", "Markdown."),
            "one/faq.yml": Array("### YamlMime:FAQ\ntitle: FAQ\nsections: []\n".utf8),
        ]
        files["caf\u{FFFD}.md"] = Self.page("U", "", "Reemplazo.")
        let sandbox = try Sandbox(self, files: files)
        // A Latin-1 name beside it (é as the one byte 0xE9), which would decode to the same text.
        var name = Array((sandbox.content.path + "/caf").utf8)
        name += [0xE9] + Array(".md".utf8) + [0]
        let fd = name.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        let bytes = Self.page("L", "", "Latin-1.")
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        // A newline in a name.
        try Data(Self.page("N", "", "Nueva línea.")).write(to: sandbox.content.appendingPathComponent("a\nb.md"))

        let result = try sandbox.build()
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(lines(result.stderr, "DG303"), [
            "one/faq.yml:1:1: error: the page would be written to same/faq.html, where one/faq.md is written: it is left out [DG303 output-path-conflict]",
            "two/index.md:1:1: error: the page would be written to same/index.html, where one/index.md is written: it is left out [DG303 output-path-conflict]",
        ])
        XCTAssertEqual(lines(result.stderr, "DG210"), [
            "a\\u{a}b.md:1:1: error: the name holds a control character, which no link or message can carry: the file is left out [DG210 invalid-file-name]",
            "caf\u{FFFD}.md:1:1: error: the name is not UTF-8, so the file is left out (two such names could become one path) [DG210 invalid-file-name]",
        ])
        let index = try String(contentsOfFile: sandbox.output.path + "/es-es/same/index.html", encoding: .utf8)
        XCTAssertTrue(index.contains("Uno."))
        let replaced = try String(contentsOfFile: sandbox.output.path + "/es-es/caf\u{FFFD}.html", encoding: .utf8)
        XCTAssertTrue(replaced.contains("Reemplazo."))
    }
}

/// The YAML loader's refusal as `line:column: message`, through a public door: a landing page.
enum YAMLLoaderProbe {
    static func problem(_ yaml: String) throws -> String {
        let parsed = PageParser.parse(SourceFile(path: "x.yml", text: "### YamlMime:Landing\n" + yaml))
        guard let diagnostic = parsed.diagnostics.first(where: { $0.code == .yamlLimit }) else { return "no DG212" }
        return "\(diagnostic.location.line - 1):\(diagnostic.location.column): \(diagnostic.message)"
    }
}

/// The site-wide include budget (issue 9): pages are admitted in path order, so the same pages keep
/// their includes whichever thread finishes first; past it, a page's includes stay unexpanded.
final class IncludeBudgetTests: XCTestCase {
    func testTheSitesIncludeBudgetAdmitsPagesInPathOrder() throws {
        let big = String(repeating: "Texto incluido. ", count: 64)  // 1 KiB
        var sources = [SourceFile(path: "includes/big.md", text: big)]
        for i in 0..<12 {
            sources.append(SourceFile(path: String(format: "p%02d.md", i), bytes: HardeningTests.page("P\(i)", "", "[!INCLUDE[x](includes/big.md)]")))
        }
        let templates = try TemplateSet.load(from: Paths.templates)
        var first: [String]? = nil
        for _ in 0..<3 {
            let result = SiteBuilder.render(sources, templates: templates, targetLocale: "es-ES", includeSiteBudget: 5 * 1024)
            let refused = result.diagnostics.filter { $0.code == .includeLimit }.map(\.description)
            // p00…p04 take 1 KiB each and fit in 5 KiB; p05 on are left unexpanded.
            XCTAssertEqual(refused.count, 7)
            XCTAssertEqual(refused.first, "p05.md:1:1: error: the site's includes expand to more than 5120 bytes: this page's includes are left unexpanded [DG507 include-limit]")
            if let first { XCTAssertEqual(refused, first) } else { first = refused }
            let p04 = try XCTUnwrap(result.files.first { $0.path == "es-es/p04.html" }).text
            let p05 = try XCTUnwrap(result.files.first { $0.path == "es-es/p05.html" }).text
            XCTAssertTrue(p04.contains("Texto incluido."))
            XCTAssertFalse(p05.contains("Texto incluido."))
        }
    }
}

/// Review findings on the hardening work, each held by a test.
final class HardeningReviewTests: XCTestCase {
    func testAFileThatAnotherNeedsAsItsFolderIsLeftOutNotAFailedBuild() throws {
        var diagnostics: [Diagnostic] = []
        let files = [OutputFile(path: "es-es/a.html", text: "page"), OutputFile(path: "es-es/a.html/pic.png", text: "png"),
                     OutputFile(path: "es-es/" + String(repeating: "n", count: 256) + ".html", text: "long")]
        let kept = OutputPlan.checked(files, diagnostics: &diagnostics)
        XCTAssertEqual(kept.map(\.path), ["es-es/a.html"])
        XCTAssertEqual(diagnostics.map(\.code), [.outputPathConflict, .outputPathOutside])
    }

    /// Each refused value is found after the last one of its key (in linear time: 20,000 refused
    /// redirections took 39 s when every search started at the top), so equal values get their own lines.
    func testRefusedJSONValuesAreEachLocatedWhereTheyStand() throws {
        let text = "{ \"redirections\": [\n" + (0..<3).map { _ in #"  { "source_path": "../x.md", "redirect_url": "/a" }"# }.joined(separator: ",\n") + "\n] }\n"
        let (_, diagnostics) = Redirection.parse(text)
        XCTAssertEqual(diagnostics.map { "\($0.location.line):\($0.location.column)" }, ["2:20", "3:20", "4:20"])
    }

    func testAPageNamedLikeASchemeIsLinkedAsAPath() {
        XCTAssertEqual(LinkResolver.relativePath(from: "es-es", to: "es-es/javascript:alert(1).html"), "./javascript:alert(1).html")
        XCTAssertEqual(LinkResolver.relativePath(from: "es-es/a", to: "es-es/b/c:d.html"), "../b/c:d.html")
        XCTAssertEqual(LinkResolver.relativePath(from: "es-es", to: "es-es/b/c:d.html"), "b/c:d.html")
    }

    func testLocalesThatWouldTakeTheOutputsOwnFoldersAreRefused() throws {
        XCTAssertNil(LanguageTag.usableLocale("sxs"))
        XCTAssertNil(LanguageTag.usableLocale("Source"))
        XCTAssertEqual(LanguageTag.usableLocale("es_es"), "es-ES")
        let page = HardeningTests.page("A", "", "Hola.").replacingLocale(with: "sxs")
        let result = SiteBuilder.render([SourceFile(path: "a.md", bytes: page)], templates: try TemplateSet.load(from: Paths.templates))
        XCTAssertEqual(result.diagnostics.filter { $0.code == .invalidLocale }.map(\.description), [
            "a.md:3:19: error: ms.contentlocale \"sxs\" is not a BCP 47 language tag; it is not used [DG304 invalid-locale]",
        ])
        XCTAssertTrue(result.files.contains { $0.path == "und/a.html" })
    }

    func testALinkedFolderNeverTakesTheRealFoldersPlace() throws {
        let content = try temporaryFolder(self, "content")
        try writeFiles(["zdocs/page.md": HardeningTests.page("Z", "", "Hola.")], into: content)
        try FileManager.default.createSymbolicLink(atPath: content.path + "/a", withDestinationPath: "zdocs")
        let listing = try ContentFolder.list(content)
        XCTAssertEqual(listing.files, ["zdocs/page.md"])
        XCTAssertEqual(listing.diagnostics.map(\.description), [
            "a:1:1: warning: the folder is zdocs again (a link): it is read once [DG209 symlink-loop]",
        ])
    }

    func testAnOutputInsideTheContentIsNotReadBack() throws {
        let content = try temporaryFolder(self, "content")
        try writeFiles(["index.md": HardeningTests.page("A", "", "![p](pic.png)"), "pic.png": [1, 2, 3],
                        "docfx.json": Array(#"{"build": {"content": [{"files": ["*.md"]}], "resource": [{"files": ["**/*.png"]}]}}"#.utf8)], into: content)
        let output = content.appendingPathComponent("site")
        for _ in 0..<2 {
            var options = BuildOptions(content: content, output: output, templates: Paths.templates)
            options.useCache = false
            _ = try SiteBuilder.build(options)
        }
        let nested = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.contains("site/") }
        XCTAssertEqual(nested, [], "the last site was copied into the new one")
    }
}

extension Array where Element == UInt8 {
    func replacingLocale(with locale: String) -> [UInt8] {
        Array(String(decoding: self, as: UTF8.self).replacingOccurrences(of: "ms.contentlocale: es-ES", with: "ms.contentlocale: \(locale)").utf8)
    }
}

/// Memory: text repeated in every page (a TOC's names, a title suffix) must not make a small content
/// folder a huge site, and YAML text expanded through aliases is bounded.
final class AmplificationTests: XCTestCase {
    func testASiteFarLargerThanItsContentIsNotMade() throws {
        let sources = (0..<5).map { SourceFile(path: "p\($0).md", bytes: HardeningTests.page("P\($0)", "", unit("h-\($0)", "Hola.", "Hello."))) }
        let result = SiteBuilder.render(sources, templates: try TemplateSet.load(from: Paths.templates), includeSiteBudget: 1 << 20, siteBytesLimit: 10_000)
        XCTAssertEqual(result.diagnostics.filter { $0.code == .siteTooLarge }.map(\.description), [
            "p0.md:1:1: error: the site's pages would be larger than 10000 bytes (64 times their markdown, 1 GiB at least): nothing is written [DG305 site-too-large]",
        ])
        XCTAssertEqual(result.files.count, 0)
        XCTAssertEqual(SiteBuilder.maxSiteBytes(contentBytes: 9_000_000), 1 << 30)
        XCTAssertEqual(SiteBuilder.maxSiteBytes(contentBytes: 100 << 20), 6_400 << 20)
    }

    func testYAMLTextExpandedThroughAliasesIsBounded() throws {
        let name = String(repeating: "n", count: 100_000)
        let toc = "- name: &n \(name)\n  href: a.md\n" + String(repeating: "- name: *n\n  href: a.md\n", count: 200)
        let problem = try YAMLLoaderProbe.problem(toc)
        // Four times the file (200 × 100 KB is twenty times it) and 1 MiB more.
        XCTAssertTrue(problem.hasPrefix("1:9: the YAML's text expands to more than 1467960 bytes"), problem)
    }

    func testDiglotYmlTermsAreBounded() {
        let many = "qa:\n  doNotTranslate:\n" + (0..<2_001).map { "    - term\($0)\n" }.joined() + "    - " + String(repeating: "x", count: 201) + "\n"
        let (config, problems) = QAConfig.parse(many)
        XCTAssertEqual(config.doNotTranslate.count, 2_000)
        XCTAssertEqual(problems.map(\.description), ["diglot.yml:2003:7: error: more than 2000 doNotTranslate terms: the rest are left out [DG709 qa-config]"])
    }
}

/// The hostile-input attack's findings on the build, each as a test.
final class AttackFindingTests: XCTestCase {
    /// A leftover staging folder's name, in the content, as a link to a folder of the user's: the
    /// cleanup removes the link, never what it names.
    func testALeftoverStagingLinkNeverEmptiesWhatItNames() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let victim = sandbox.appendingPathComponent("victim/sub")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: victim.appendingPathComponent("keep"))
        let content = sandbox.appendingPathComponent("C")
        try writeFiles(["index.md": HardeningTests.page("A", "", "Hola.")], into: content)
        try FileManager.default.createSymbolicLink(atPath: content.path + "/._site.diglot-new-99999", withDestinationPath: sandbox.path + "/victim")
        _ = try runDiglot(["build", "--quiet", "--content", content.path, "--output", content.path + "/_site", "--templates", Paths.templates.path])
        XCTAssertEqual(try String(contentsOf: victim.appendingPathComponent("keep"), encoding: .utf8), "keep")
    }

    /// An output inside the content, shipped with a link where a view's folder goes and a forged
    /// manifest naming a file behind it: nothing is written or removed through the link.
    func testNothingIsWrittenOrRemovedThroughALinkInTheOutput() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let victim = sandbox.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        try Data("legit".utf8).write(to: victim.appendingPathComponent("authorized_keys"))
        try Data("old".utf8).write(to: victim.appendingPathComponent("delete-me"))
        let content = sandbox.appendingPathComponent("C")
        try writeFiles([
            "index.md": HardeningTests.page("A", "", "Hola."), "authorized_keys": Array("attacker".utf8),
            "docfx.json": Array(#"{"build":{"content":[{"files":["*.md"]}],"resource":[{"files":["authorized_keys"]}]}}"#.utf8),
            "_site/.diglot-manifest": Array("es-es/delete-me\t4\t1\t0\n".utf8),
        ], into: content)
        try FileManager.default.createSymbolicLink(atPath: content.path + "/_site/es-es", withDestinationPath: victim.path)
        let result = try runDiglot(["build", "--quiet", "--content", content.path, "--output", content.path + "/_site", "--templates", Paths.templates.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("it is a symbolic link, and Diglot never writes or removes through a link in its output"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: victim.path).sorted(), ["authorized_keys", "delete-me"])
        XCTAssertEqual(try String(contentsOf: victim.appendingPathComponent("authorized_keys"), encoding: .utf8), "legit")
    }

    /// A folder whose name starts with a combining mark: `es-es/a/\u{301}b/c.html` has the folder
    /// `es-es/a` though Swift sees no `/` after `a` (`/\u{301}` is one Character). A link there is
    /// refused as any other, and no redirect or `dest` climbs out through such a `..`.
    func testALinkBeforeACombiningMarkIsSeenAndSuchADotDotIsRefused() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let victim = sandbox.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: victim.appendingPathComponent("\u{301}b"), withIntermediateDirectories: true)
        let content = sandbox.appendingPathComponent("C")
        try writeFiles([
            "index.md": HardeningTests.page("A", "", "Hola."), "a/\u{301}b/c.md": HardeningTests.page("C", "", "Hola."),
            ".openpublishing.redirection.json": Array(#"{"redirections":[{"source_path":"../\#u{301}x.md","redirect_url":"/index"}]}"#.utf8),
            "_site/.diglot-manifest": [],
        ], into: content)
        try FileManager.default.createDirectory(atPath: content.path + "/_site/es-es", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: content.path + "/_site/es-es/a", withDestinationPath: victim.path)
        let result = try runDiglot(["build", "--quiet", "--content", content.path, "--output", content.path + "/_site", "--templates", Paths.templates.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("/_site/es-es/a: it is a symbolic link, and Diglot never writes or removes through a link in its output"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: victim.path + "/\u{301}b"), [])
        try FileManager.default.removeItem(atPath: content.path + "/_site/es-es/a")
        let again = try runDiglot(["build", "--content", content.path, "--output", content.path + "/_site", "--templates", Paths.templates.path])
        XCTAssertEqual(again.status, 1, again.stderr)
        XCTAssertTrue(again.stderr.contains(".openpublishing.redirection.json:1:33: error: the source_path ../\u{301}x.md of redirection 1 is refused: it leads out of the output folder [DG302 output-path-outside]"), again.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: content.path + "/_site/es-es/a/\u{301}b/c.html"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: content.path + "/_site/\u{301}x.html"))
    }

    /// helper-38's findings: Characters join `\` or `/` with what is around them (a combining mark
    /// after, GB9; a Prepend character such as U+0600 before, GB9b), and `String` compares canonically
    /// equivalent text as equal; the file system does neither.
    func testABackslashBeforeACombiningMarkInALinkDoesNotCrashTheBuild() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let content = sandbox.appendingPathComponent("C")
        try writeFiles(["index.md": HardeningTests.page("A", "", "Hola."),
                        "bad.md": HardeningTests.page("B", "", "[x](a\\\u{301}b.md) [y](..\\\u{301}..\\\u{301}x.md) <a href=\"a\\\u{301}b.md\">z</a>")], into: content)
        let result = try runDiglot(["build", "--quiet", "--content", content.path, "--output", sandbox.path + "/out", "--templates", Paths.templates.path])
        XCTAssertTrue([0, 1].contains(result.status), "status \(result.status): \(result.stderr)")
        for path in ["es-es/index.html", "es-es/bad.html"] { XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.path + "/out/" + path), path) }
    }

    func testHiddenFilesStayHiddenBehindAPrependCharacterOrALink() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let content = sandbox.appendingPathComponent("C")
        try writeFiles(["index.md": HardeningTests.page("A", "", "[e](a\u{600}/.env) ![h](a\u{600}/.htaccess) [g](x/config) [w](w/ci.yml)"),
                        "a\u{600}/.env": Array("SECRET=1".utf8), "a\u{600}/.htaccess": Array("Options +Indexes".utf8),
                        ".git/config": Array("extraheader = AUTHORIZATION: basic SECRET".utf8), ".github/workflows/ci.yml": Array("SECRET".utf8)], into: content)
        try FileManager.default.createSymbolicLink(atPath: content.path + "/x", withDestinationPath: ".git")
        try FileManager.default.createSymbolicLink(atPath: content.path + "/w", withDestinationPath: ".github/workflows")
        let result = try runDiglot(["build", "--content", content.path, "--output", sandbox.path + "/out", "--templates", Paths.templates.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        let written = try FileManager.default.subpathsOfDirectory(atPath: sandbox.path + "/out")
        XCTAssertEqual(written.filter { $0.contains(".env") || $0.contains(".htaccess") || $0.hasSuffix("config") || $0.hasSuffix("ci.yml") }, [])
        for link in ["x", "w"] {
            XCTAssertTrue(result.stderr.contains("\(link):1:1: error: a symbolic link to \(link == "x" ? ".git" : ".github/workflows"), a hidden file or folder of the content: it is not read [DG208 outside-content]"), result.stderr)
        }
        // Nor is such a file read by a name that goes through the link.
        guard case .failure(let diagnostic) = ContentFolder.read("x/config", in: content) else { return XCTFail("x/config was read") }
        XCTAssertEqual(diagnostic.code, .outsideContent)
    }

    func testATwinOfTheContentFolderInAnotherUnicodeFormIsOutsideIt() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let content = sandbox.appendingPathComponent("caf\u{E9}"), twin = sandbox.appendingPathComponent("cafe\u{301}")
        try writeFiles(["index.md": HardeningTests.page("A", "", "[s](s.txt)")], into: content)
        try writeFiles(["secret.txt": Array("TOP".utf8)], into: twin)
        try FileManager.default.createSymbolicLink(atPath: content.path + "/s.txt", withDestinationPath: twin.path + "/secret.txt")
        let result = try runDiglot(["build", "--content", content.path, "--output", sandbox.path + "/out", "--templates", Paths.templates.path])
        XCTAssertTrue(result.stderr.contains("s.txt:1:1: error: a symbolic link to \(twin.path)/secret.txt, outside the content folder: it is not read [DG208 outside-content]"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.path + "/out/es-es/s.txt"))
        XCTAssertFalse(ContentFolder.isInside(twin.path + "/secret.txt", content.path))
        XCTAssertTrue(ContentFolder.isInside(content.path + "/\u{301}x", content.path))
    }

    func testAUsersFileNamedAsAPageInAnotherUnicodeFormIsKept() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let content = sandbox.appendingPathComponent("C"), output = sandbox.appendingPathComponent("out")
        try writeFiles(["index.md": HardeningTests.page("A", "", "Hola."), "caf\u{E9}.md": HardeningTests.page("B", "", "Hola.")], into: content)
        func build() throws {
            let result = try runDiglot(["build", "--quiet", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        try build()
        try writeFiles(["es-es/cafe\u{301}.html": Array("mine".utf8)], into: output)
        try writeFiles(["index.md": HardeningTests.page("A", "", "Hola, otra vez.")], into: content)
        try build()
        XCTAssertEqual(try String(contentsOfFile: output.path + "/es-es/cafe\u{301}.html", encoding: .utf8), "mine")
        XCTAssertTrue(try String(contentsOfFile: output.path + "/es-es/caf\u{E9}.html", encoding: .utf8).contains("Hola."))
    }

    /// helper-39's findings, one build each: what Characters and canonical equality still let through.
    func testAHiddenFileIsNotReadByItsOwnNameNorPublishedThroughATemplateAsset() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let content = sandbox.appendingPathComponent("C")
        let docfx = #"{"build":{"content":[{"files":["**/*.md"]}],"xref":[".git/config",".env"]}}"#
        try writeFiles(["index.md": HardeningTests.page("A", "", "Hola."), "docfx.json": Array(docfx.utf8), ".env": Array("uid: SECRET".utf8),
                        ".git/config": Array("extraheader = AUTHORIZATION: basic SECRET".utf8), "Templates/assets/site.css": Array("a{}".utf8)], into: content)
        try FileManager.default.createSymbolicLink(atPath: content.path + "/Templates/assets/.\u{301}x", withDestinationPath: "../../.git/config")
        for templates in [[], ["--templates", content.path + "/Templates"]] {
            let output = sandbox.appendingPathComponent("out-\(templates.count)")
            let result = try runDiglot(["build", "--content", content.path, "--output", output.path] + templates)
            XCTAssertEqual(result.status, 1, result.stderr)
            for file in try FileManager.default.subpathsOfDirectory(atPath: output.path) {
                XCTAssertFalse((try? String(contentsOfFile: output.path + "/" + file, encoding: .utf8))?.contains("SECRET") ?? false, file)
            }
            for (hidden, column) in [(".git/config", 53), (".env", 67)] {
                XCTAssertTrue(result.stderr.contains("docfx.json:1:\(column): error: xref \(hidden) is refused: it names a hidden file or folder (a segment starting with .) [DG302 output-path-outside]"), result.stderr)
            }
        }
        // Nor by its own name from anywhere else (an invitations.yml's page, an include).
        guard case .failure(let diagnostic) = ContentFolder.read(".git/config", in: content) else { return XCTFail(".git/config was read") }
        XCTAssertEqual(diagnostic.message, "the file is .git/config, a hidden file or folder of the content: it is not read")
        // Nor when `--content` is given through a link and `--templates` is not (or the other way):
        // the templates are inside the content as the links lead, and read as content is.
        try writeFiles([".tpl/t/page.mustache": Array("{{{content}}}".utf8)], into: content)
        try FileManager.default.createSymbolicLink(atPath: content.path + "/.tpl/t/assets", withDestinationPath: "../../Templates/assets")
        try FileManager.default.createSymbolicLink(atPath: content.path + "/Templates/assets/env.txt", withDestinationPath: "../../.env")
        try FileManager.default.createSymbolicLink(atPath: sandbox.path + "/linked", withDestinationPath: content.path)
        XCTAssertThrowsError(try TemplateFiles.read(content.appendingPathComponent(".tpl/t"), content: sandbox.appendingPathComponent("linked")))
        XCTAssertThrowsError(try TemplateFiles.read(sandbox.appendingPathComponent("linked/.tpl/t"), content: content))
        // A templates folder outside the content whose file links into the content, which links on
        // out: the content decides where the link ends, so it is read as content is (helper-42).
        let outside = sandbox.appendingPathComponent("T2")
        try writeFiles(["page.mustache": Array("{{{content}}}".utf8), "secret.txt": Array("SECRET".utf8)], into: outside)
        try writeFiles(["shared/ok.css": Array("ok{}".utf8)], into: content)
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: outside.path + "/assets/ok.css", withDestinationPath: content.path + "/shared/ok.css")
        XCTAssertEqual(try TemplateFiles.read(outside, content: content).files["assets/ok.css"], Array("ok{}".utf8))
        try FileManager.default.createSymbolicLink(atPath: content.path + "/shared/x.css", withDestinationPath: outside.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: outside.path + "/assets/x.css", withDestinationPath: "../../C/shared/x.css")
        XCTAssertThrowsError(try TemplateFiles.read(outside, content: content))
        try FileManager.default.removeItem(atPath: outside.path + "/assets/x.css")
        // And when the templates folder is the content folder itself (helper-41).
        XCTAssertThrowsError(try TemplateFiles.read(content.appendingPathComponent(".tpl/t"), content: content.appendingPathComponent(".tpl/t")))
        // A path that does not exist is resolved by its bytes too: `\u{301}b/..` is one segment and a `..`.
        XCTAssertEqual(OutputFolder.resolvedPath(sandbox.path + "/nothing/\u{301}b/.."), OutputFolder.resolvedPath(sandbox.path) + "/nothing")
        // A templates folder the user keeps hidden is still read, by its files' own names.
        try writeFiles([".tpl/assets/site.css": Array("b{}".utf8)], into: content)
        XCTAssertEqual(try TemplateFiles.read(content.appendingPathComponent(".tpl"), content: content).files["assets/site.css"], Array("b{}".utf8))
    }

    func testFoldersThatDifferOnlyInUnicodeFormOrBehindAPrependCharacterAreBuilt() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let content = sandbox.appendingPathComponent("C")
        let redirects = #"{"redirections":[{"source_path":"cafe\u0301/old.md","redirect_url":"https://example.com/"},{"source_path":".x/old.md","redirect_url":"https://example.com/"}]}"#
        try writeFiles(["index.md": HardeningTests.page("A", "", "Hola."), "caf\u{E9}/x.md": HardeningTests.page("X", "", "Hola."),
                        "a\u{600}/b.md": HardeningTests.page("B", "", "Hola."), ".openpublishing.redirection.json": Array(redirects.utf8)], into: content)
        // Swapped in, and (the output a link) published in place.
        let real = sandbox.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: sandbox.path + "/linked", withDestinationPath: real.path)
        for output in [sandbox.path + "/out", sandbox.path + "/linked"] {
            let result = try runDiglot(["build", "--content", content.path, "--output", output, "--templates", Paths.templates.path])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("error: the source_path .x/old.md of redirection 2 is refused: it names a hidden file or folder (a segment starting with .) [DG302 output-path-outside]"), result.stderr)
            for path in ["es-es/caf\u{E9}/x.html", "es-es/cafe\u{301}/old.html", "es-es/a\u{600}/b.html"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: output + "/" + path), "\(output)/\(path)")
            }
        }
        // A user's empty folder in the other form of a folder of the site is the user's.
        try FileManager.default.createDirectory(atPath: sandbox.path + "/out/es-es/cafe\u{301}x", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: sandbox.path + "/out/es-es/caf\u{E9}x", withIntermediateDirectories: true)
        try writeFiles(["index.md": HardeningTests.page("A", "", "Hola, otra vez.")], into: content)
        XCTAssertEqual(try runDiglot(["build", "--quiet", "--content", content.path, "--output", sandbox.path + "/out", "--templates", Paths.templates.path]).status, 1)
        for folder in ["cafe\u{301}x", "caf\u{E9}x"] { XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.path + "/out/es-es/" + folder), folder) }
    }

    /// In place (the output a link), a page renamed from `café` (NFC) to `cafe\u{301}` (NFD): the old
    /// file is Diglot's and stale, told apart by bytes, so it is removed (it was kept and left out of the
    /// manifest, to be carried over later as the user's).
    func testAPageRenamedToItsOtherUnicodeFormLeavesNoStaleFileInPlace() throws {
        try assertARenameInPlaceLeavesNoStaleFile(from: "caf\u{E9}", to: "cafe\u{301}")
    }

    /// The same with an ASCII name and its canonical twin that is not ASCII (`;` and U+037E GREEK
    /// QUESTION MARK, equal as Swift strings): the stale check's ASCII shortcut must not take the one
    /// for the other.
    func testAPageRenamedToTheNonASCIITwinOfItsASCIINameLeavesNoStaleFileInPlace() throws {
        try assertARenameInPlaceLeavesNoStaleFile(from: "a;b", to: "a\u{37E}b")
    }

    /// Builds a page named `old` into an output that is a link (so published in place), renames it
    /// `new` and builds again: the only file of the two names left is `new`'s, by its bytes.
    private func assertARenameInPlaceLeavesNoStaleFile(from old: String, to new: String) throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let content = sandbox.appendingPathComponent("C"), real = sandbox.appendingPathComponent("real")
        try writeFiles(["index.md": HardeningTests.page("A", "", "Hola."), old + ".md": HardeningTests.page("B", "", "Hola.")], into: content)
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: sandbox.path + "/out", withDestinationPath: real.path)
        func build() throws -> String {
            let result = try runDiglot(["build", "--content", content.path, "--output", sandbox.path + "/out", "--templates", Paths.templates.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdout + result.stderr
        }
        _ = try build()
        XCTAssertTrue(FileManager.default.fileExists(atPath: real.path + "/es-es/" + old + ".html"))
        try FileManager.default.moveItem(atPath: content.path + "/" + old + ".md", toPath: content.path + "/" + new + ".md")
        let summary = try build()
        let shared = zip(old.utf8, new.utf8).prefix { $0 == $1 }.map(\.0)  // the two names' first bytes
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: real.path + "/es-es").map { Array($0.utf8) }.filter { $0.starts(with: shared) },
                       [Array((new + ".html").utf8)], summary)
    }

    func testAPageWhoseNameStartsWithACombiningMarkDoesNotStopAMultilingualSite() throws {
        let sandbox = try temporaryFolder(self, "sandbox")
        let spanish = sandbox.appendingPathComponent("es"), french = sandbox.appendingPathComponent("fr")
        try writeFiles(["index.md": HardeningTests.page("A", "", "Hola.")], into: spanish)
        try writeFiles(["index.md": Array("---\ntitle: A\nms.contentlocale: fr-FR\n---\n\nBonjour.\n".utf8),
                        "\u{301}x.md": Array(("---\ntitle: X\nms.contentlocale: fr-FR\n---\n\n<span data-ttu-id=\"a-1\">Bonjour.</span>"
                                              + "<span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello.</span></span>\n").utf8)], into: french)
        let output = sandbox.appendingPathComponent("out")
        let result = try runDiglot(["build", "--content", "es-ES=" + spanish.path, "--content", "fr-FR=" + french.path, "--output", output.path,
                                    "--templates", Paths.templates.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        // Its language links are those of any page (the merge found its language and view by bytes).
        let page = try String(contentsOfFile: output.path + "/fr-fr/\u{301}x.html", encoding: .utf8)
        XCTAssertTrue(page.contains(#"<link rel="alternate" hreflang="en-US" href="../en-us/\#u{301}x.html">"#), page)
    }

    /// Two folders whose names are one text in two Unicode forms: one is read, the other reported.
    func testUnicodeTwinNamesAreOneAndTheOtherIsReported() throws {
        let content = try temporaryFolder(self, "content")
        try writeFiles(["caf\u{E9}/a.md": HardeningTests.page("A", "", "A."), "cafe\u{301}/b.md": HardeningTests.page("B", "", "B.")], into: content)
        let listing = try ContentFolder.list(content)
        XCTAssertEqual(listing.files.count, 1)
        XCTAssertEqual(listing.diagnostics.map(\.code), [.outputPathConflict])
    }

    /// A page in the source locale (en-US) made two equal dictionary keys, which trap.
    func testAPageInTheSourceLocaleDoesNotCrash() throws {
        let content = try temporaryFolder(self, "content")
        try FileManager.default.removeItem(at: content)
        try FileManager.default.copyItem(at: Paths.content, to: content)
        let page = content.appendingPathComponent("request-a-relationship-with-a-customer.md")
        let text = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "ms.contentlocale: es-ES", with: "ms.contentlocale: en-US")
        try text.write(to: page, atomically: true, encoding: .utf8)
        let output = try temporaryFolder(self, "en-site")
        let result = try runDiglot(["build", "--quiet", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path])
        XCTAssertLessThan(result.status, 2, result.stderr)
        XCTAssertFalse(result.stderr.contains("DG303"), result.stderr)
    }

    /// Control and bidi characters are escaped where a diagnostic is written as a line, and kept in the model.
    func testDiagnosticLinesEscapeControlAndBidiCharacters() {
        let d = Diagnostic(file: "a\u{202E}b.md", location: SourceLocation(line: 1, column: 1), code: .untranslated, stage: .resolve, message: "\u{200F}مرحبا\u{0}")
        XCTAssertEqual(d.description, "a\\u{202e}b.md:1:1: warning: \\u{200f}مرحبا\\u{0} [DG701 untranslated]")
        XCTAssertEqual(d.message, "\u{200F}مرحبا\u{0}")
    }
}
