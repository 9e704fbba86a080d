@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Issue 11, item 2: DocFX's code snippets (`[!code-…[](…)]`, Learn's `:::code`) read from the
/// content, in the model, the three views and their diagnostics.
final class CodeSnippetTests: XCTestCase {
    func snippets(_ markdown: String, path: String = "docs/t.md") -> [Block.CodeSnippet] {
        PageParser.parse(.page(path, markdown)).page.blocks.flatMap(Self.snippets)
    }

    static func snippets(_ block: Block) -> [Block.CodeSnippet] {
        if case .codeSnippet(let snippet) = block.kind { return [snippet] }
        return block.childBlocks.flatMap(snippets)
    }

    /// Every written form, as the parse stage reads it; a snippet inside a sentence stays text.
    func testEveryFormIsReadAsDocFXReadsIt() {
        let found = snippets("""
            [!code-csharp[Main](~/samples/Program.cs?name=snippet_Main&highlight=2,4-5&dedent=4 "Title")]

            [!CODE-cs[](a.cs?range=1-3,5-|highlight=1)]

            [!code[](sub/script.py#L2-L3)]

            [!code-xml[](b.config#Settings)]

            [!code-sql[](q.sql?start=3&end=5)]

            :::code language="vb" source="m.vb" id="Helper" range="1-2" highlight="3" interactive="try-dotnet":::

            :::code source="..\\\\x\\\\y.ts":::

            \(unit("u-1", "[!code-csharp[](c.cs?name=A)]", "[!code-csharp[](c.cs?name=A)]"))

            Texto y luego [!code-json[](d.json)]

            Mid [!code-csharp[](e.cs)] sentence.

            [!code-html[](f.cshtml?highlight=1,4-8, 18-999)]
            """)
        XCTAssertEqual(found.map(\.language), ["csharp", "cs", "python", "xml", "sql", "vb", "typescript", "csharp", "json", "html"])
        XCTAssertEqual(found.map(\.source), ["~/samples/Program.cs", "a.cs", "sub/script.py", "b.config", "q.sql", "m.vb", "..\\x\\y.ts", "c.cs", "d.json", "f.cshtml"])
        XCTAssertEqual(Set(found.map(\.file)), ["docs/t.md"])
        XCTAssertEqual(found.map(\.region), ["snippet_Main", nil, nil, "Settings", nil, "Helper", nil, "A", nil, nil])
        XCTAssertEqual(found.map { $0.ranges.map(\.written) }, [[], ["1-3", "5-"], ["2-3"], [], ["3-5"], ["1-2"], [], [], [], []])
        XCTAssertEqual(found.map { $0.highlight.map(\.written) }, [["2", "4-5"], ["1"], [], [], [], ["3"], [], [], [], ["1", "4-8", "18-999"]],
                       "a destination with a space is no link for cmark, and still a snippet for DocFX")
        XCTAssertEqual(found[0].dedent, 4)
        XCTAssertEqual(found[5].interactive, "try-dotnet")
        // The sentence before a snippet that ends its line stays a paragraph; inside a sentence it is text.
        let blocks = PageParser.parse(.page("t.md", "Texto y luego [!code-json[](d.json)]\n\nMid [!code-csharp[](e.cs)] sentence.\n")).page.blocks
        XCTAssertEqual(blocks.count, 3)
        guard case .paragraph(let lead) = blocks[0].kind, case .codeSnippet = blocks[1].kind, case .paragraph(let mid) = blocks[2].kind else { return XCTFail("\(blocks)") }
        XCTAssertEqual(PlainText.of(lead), "Texto y luego")
        XCTAssertEqual(PlainText.of(mid), "Mid [!code-csharp] sentence.")
    }

    /// Regions by each language's markers (DocFX's templates), the markers of regions inside the
    /// chosen one dropped, dedented; names in any letter case and with DocFX's `snippet` prefix.
    func testRegionConventionsPerLanguage() throws {
        func select(_ language: String, _ region: String?, _ text: String, ranges: [Block.LineRange] = [], dedent: Int? = nil) -> String {
            let snippet = Block.CodeSnippet(language: language, source: "x", region: region, ranges: ranges, dedent: dedent)
            switch CodeSnippets.select(snippet, in: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) {
            case .success(let lines): return CodeSnippets.dedented(lines, by: snippet.dedent).joined(separator: "\n")
            case .failure(let why): return "! " + why.message
            }
        }
        let csharp = """
            class A
            {
                // <Outer>
                void M()
                {
                    // <Inner>
                    Call();
                    // </Inner>
                }
                // </Outer>
                #region Helpers
                int N() => 1;
                #endregion
            }
            """
        XCTAssertEqual(select("csharp", "outer", csharp), "void M()\n{\n    Call();\n}")
        XCTAssertEqual(select("cs", "Inner", csharp), "Call();")
        XCTAssertEqual(select("csharp", "Helpers", csharp), "int N() => 1;")
        XCTAssertEqual(select("csharp", "Outer", csharp, dedent: 2), "  void M()\n  {\n      Call();\n  }")
        XCTAssertEqual(select("csharp", "Main", "// <snippetMain>\nx();\n// </snippetMain>"), "x();", "DocFX tries the name with snippet in front")
        XCTAssertEqual(select("xml", "Settings", "<a>\n  <!-- <Settings> -->\n  <b/>\n  <!-- </Settings> -->\n</a>"), "<b/>")
        XCTAssertEqual(select("python", "main", "# <main>\ndef f():\n\treturn 1\n# </main>"), "def f():\n    return 1", "a tab is a stop of 4")
        XCTAssertEqual(select("vb", "Main", "' <Main>\nSub Main()\nEnd Sub\n' </Main>"), "Sub Main()\nEnd Sub")
        XCTAssertEqual(select("vb", "Helper", "#Region \"Helper\"\nFunction F()\nEnd Function\n#End Region"), "Function F()\nEnd Function")
        XCTAssertEqual(select("sql", "Select", "-- <Select>\nSELECT 1;\n-- </Select>"), "SELECT 1;")
        XCTAssertEqual(select("css", "Rule", "/* <Rule> */\na { }\n/* </Rule> */"), "a { }")
        XCTAssertEqual(select("cshtml", "Form", "<!-- <Form> -->\n<form></form>\n<!-- </Form> -->"), "<form></form>")
        XCTAssertEqual(select("unknown", "R", "; <R>\n(x)\n; </R>"), "(x)", "a language DocFX does not know tries every kind of marker")
        XCTAssertEqual(select("csharp", "Nope", csharp), "! has no region \"Nope\" (markers for csharp)")
        XCTAssertEqual(select("csharp", "Open", "// <Open>\nx();"), "! has the start of region \"Open\" (line 1) and no end")
        // Ranges keep the lines as they are (markers too, as DocFX does), several ranges joined.
        XCTAssertEqual(select("csharp", nil, csharp, ranges: [Block.LineRange(start: 3, end: 4), Block.LineRange(start: 14, end: nil)]), "    // <Outer>\n    void M()\n}")
        XCTAssertEqual(select("csharp", nil, "a\nb", ranges: [Block.LineRange(start: 5, end: 9)]), "! has 2 lines: lines 5-9 are past its end")
        XCTAssertEqual(CodeSnippets.lines([Block.LineRange(start: 2, end: 2), Block.LineRange(start: 4, end: nil)], count: 6), [2, 4, 5, 6])
        XCTAssertEqual(CodeBlockHTML.lineList([2, 4, 5, 6, 9]), "2,4-6,9")
    }

    /// The fixture's page with every form, in the three views (golden files): code blocks with their
    /// highlighted lines marked, placeholders where a file or region is missing; the two warnings at
    /// their line and column; no `[!code` left in any page; pages with code load the highlighter.
    func testTheThreeViewsOfEverySnippetForm() throws {
        let fixture = Paths.fixtures.appendingPathComponent("docfx")
        let result = try SiteBuilder.prepare(BuildOptions(content: fixture, output: try temporaryFolder(self), templates: Paths.templates))
        XCTAssertEqual(result.diagnostics.filter { $0.file == "snippets.md" }.map(\.description), [
            "snippets.md:32:160: warning: the code snippet file snippets/Missing.cs does not exist [DG508 code-snippet-missing]",
            "snippets.md:34:1: warning: the code snippet file snippets/Program.cs has no region \"Nope\" (markers for csharp) [DG509 code-snippet-region-missing]",
        ])
        for (view, path) in [("target", "es-es/snippets.html"), ("side-by-side", "sxs/snippets.html"), ("source", "en-us/snippets.html")] {
            let page = try XCTUnwrap(result.files.first { $0.path == path }, path).text
            let article = try XCTUnwrap(page.range(of: "<article").map { page[$0.lowerBound...] }.flatMap { rest in rest.range(of: "</article>").map { String(rest[..<$0.upperBound]) } })
            try assertGolden(article + "\n", "docfx-snippets.\(view).html")
            if FileManager.default.fileExists(atPath: TemplateSet.debianHighlighter.appendingPathComponent("highlight.min.js").path) {
                XCTAssertTrue(page.contains(#"<script src="../assets/highlight/highlight.min.js" defer></script>"#), path)
            }
        }
        for file in result.files where file.path.hasSuffix(".html") { XCTAssertFalse(file.text.contains("[!code"), file.path) }
        // A page without code does not load it.
        let containers = try XCTUnwrap(result.files.first { $0.path == "es-es/containers.html" }).text
        XCTAssertFalse(containers.contains("highlight.min.js"))
    }

    /// Paths: relative to the file that names the snippet (an include's to the include), `~/` from
    /// the docset's folder, any letter case; a path out of the content is refused (DG208) and so is a
    /// link out of it (left out when listed, so the snippet's file is missing).
    func testPathsIncludesAndContainment() throws {
        let content = try temporaryFolder(self, "content")
        let outside = try temporaryFolder(self, "outside")
        try writeFiles([
            "docs/docfx.json": Array(#"{ "build": { "content": [ { "files": ["**/*.md"], "exclude": ["includes/**"] } ] } }"#.utf8),
            "docs/guide/page.md": Array("""
                # \(unit("p-1", "Página", "Page"))

                [!code-csharp[](~/Samples/A.CS?name=a)]

                [!INCLUDE[code](../includes/code.md)]

                [!code-csharp[](../../../outside/secret.cs)]

                [!code-csharp[](../samples/linked.cs)]
                """.utf8),
            "docs/includes/code.md": Array("[!code-csharp[](../samples/a.cs?range=2)]\n\n[!code-csharp[](nothing.cs)]\n".utf8),
            "docs/samples/a.cs": Array("// <a>\nint a;\n// </a>\n".utf8),
        ], into: content)
        try writeFiles(["secret.cs": Array("password\n".utf8)], into: outside)
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("docs/samples/linked.cs").path,
                                                   withDestinationPath: outside.appendingPathComponent("secret.cs").path)
        let output = try temporaryFolder(self, "output")
        let result = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates, targetLocale: "es-ES"))
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "docs/guide/page.md:7:1: error: the code snippet path ../../../outside/secret.cs leads out of the content folder: it is not read [DG208 outside-content]",
            "docs/guide/page.md:9:1: warning: the code snippet file docs/samples/linked.cs does not exist [DG508 code-snippet-missing]",
            "docs/includes/code.md:3:1: warning: the code snippet file docs/includes/nothing.cs does not exist [DG508 code-snippet-missing]",
            "docs/samples/linked.cs:1:1: error: a symbolic link to \(ContentFolder.realPath(outside.path)!)/secret.cs, outside the content folder: it is not read [DG208 outside-content]",
        ])
        let html = try String(contentsOf: output.appendingPathComponent("es-es/docs/guide/page.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<pre><code class=\"lang-csharp\">int a;\n</code></pre>\n<pre><code class=\"lang-csharp\">int a;\n</code></pre>"), html)
        XCTAssertFalse(html.contains("password"))
        XCTAssertEqual(html.components(separatedBy: "<div class=\"code-missing\" role=\"note\">").count - 1, 3, html)
    }

    /// A page's snippets are bounded: past `maxPerPage` the rest are placeholders, reported once.
    func testSnippetsPerPageAreBounded() throws {
        let markdown = String(repeating: "[!code-csharp[](a.cs)]\n\n", count: CodeSnippets.maxPerPage + 3)
        let snippets = CodeSnippets(files: ["a.cs"]) { .success(SourceFile(path: $0, bytes: Array("x();\n".utf8))) }
        let (page, diagnostics) = snippets.resolve(PageParser.parse(.page("t.md", markdown)).page, docset: "")
        XCTAssertEqual(diagnostics.map(\.code), [.codeSnippetLimit])
        XCTAssertEqual(diagnostics.first?.location, SourceLocation(line: 2 * CodeSnippets.maxPerPage + 1, column: 1))
        XCTAssertEqual(page.blocks.filter { if case .codeBlock = $0.kind { return true } else { return false } }.count, CodeSnippets.maxPerPage)
        // A file over the bound is not read.
        let large = CodeSnippets(files: ["a.cs"]) { .success(SourceFile(path: $0, bytes: Array(repeating: 0x41, count: CodeSnippets.maxFileBytes + 1))) }
        XCTAssertEqual(large.resolve(PageParser.parse(.page("t.md", "[!code-csharp[](a.cs)]\n")).page, docset: "").diagnostics.map(\.description),
                       ["t.md:1:1: error: the code snippet file a.cs is \(CodeSnippets.maxFileBytes + 1) bytes, more than the \(CodeSnippets.maxFileBytes) a snippet reads: it is not read [DG510 code-snippet-limit]"])
    }

    /// The model's JSON keeps a snippet as written and a resolved block's highlighted lines.
    func testJSONRoundTrip() throws {
        let blocks = [Block(.codeSnippet(Block.CodeSnippet(language: "csharp", source: "a.cs", file: "t.md", region: "r",
                                                           ranges: [Block.LineRange(start: 2, end: nil)], highlight: [Block.LineRange(start: 1, end: 1)],
                                                           dedent: 2, interactive: "x", problem: "p"))),
                      Block(.codeBlock(Block.CodeBlock(info: "csharp", code: "a\nb\n", highlight: [2])))]
        let data = try JSONEncoder().encode(blocks)
        XCTAssertEqual(try JSONDecoder().decode([Block].self, from: data), blocks)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains(#""highlight":[2]"#))
    }

    /// ../shared/corpora/AspNetCore.Docs.ko-kr: every `[!code` line is a snippet (none is left as text
    /// in any page); its sample files live in the English repository (a dependent repository of its
    /// publish config), so nearly all are reported missing, each located.
    func testTheASPNETCoreCorpus() throws {
        let corpus = Paths.corpus.deletingLastPathComponent().appendingPathComponent("AspNetCore.Docs.ko-kr")
        guard FileManager.default.fileExists(atPath: corpus.appendingPathComponent("aspnetcore").path) else {
            throw XCTSkip("The ASP.NET Core corpus is not here (\(corpus.path)): it lives in ../shared/corpora beside the project, which a clone elsewhere lacks.")
        }
        let output = try temporaryFolder(self, "aspnetcore")
        let result = try SiteBuilder.build(BuildOptions(content: corpus, output: output, templates: Paths.templates))
        XCTAssertFalse(result.diagnostics.hasErrors, result.diagnostics.filter { $0.severity == .error }.prefix(5).map(\.description).joined(separator: "\n"))
        let counts = Dictionary(grouping: result.diagnostics.filter { ["DG508", "DG509", "DG510"].contains($0.code.rawValue) }, by: \.code.rawValue).mapValues(\.count)
        var pages = 0
        var code = 0
        var placeholders = 0
        let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "html" else { continue }
            let html = try String(contentsOf: url, encoding: .utf8)
            // Outside code: CONTRIBUTING.md shows the syntax in code blocks.
            let prose = html.replacingOccurrences(of: #"<pre><code[^>]*>[\s\S]*?</code></pre>"#, with: "", options: .regularExpression)
            XCTAssertFalse(prose.contains("[!code"), url.path)
            pages += 1
            code += html.components(separatedBy: "<pre><code class=\"lang-").count - 1
            placeholders += html.components(separatedBy: "<div class=\"code-missing\"").count - 1
        }
        print("AspNetCore.Docs.ko-kr: \(pages) pages, \(code) code blocks with a language, \(placeholders) snippet placeholders; findings \(counts.sorted { $0.key < $1.key })")
        XCTAssertEqual(counts["DG510"], nil)
        XCTAssertEqual(placeholders, (counts["DG508"] ?? 0) + (counts["DG509"] ?? 0), "every placeholder is reported")
        // Every markdown file's own snippets (an include's once), read from the content as the build reads them.
        let listing = try ContentFolder.list(corpus)
        let snippets = CodeSnippets(files: listing.files) { ContentFolder.read($0, in: corpus) }
        var written = 0
        var resolved = 0
        var codes: [String: Int] = [:]
        for path in listing.files where path.hasSuffix(".md") {
            let page = PageParser.parse(try ContentFolder.read(path, in: corpus).get()).page
            written += page.blocks.flatMap(Self.snippets).count
            let (read, found) = snippets.resolve(page, docset: path.hasPrefix("aspnetcore/") ? "aspnetcore" : "")
            resolved += page.blocks.flatMap(Self.snippets).count - read.blocks.flatMap(Self.snippets).count
            for diagnostic in found { codes[diagnostic.code.rawValue, default: 0] += 1 }
        }
        print("AspNetCore.Docs.ko-kr's markdown: \(written) snippets, \(resolved) read, findings \(codes.sorted { $0.key < $1.key })")
        XCTAssertEqual(written, resolved + codes.values.reduce(0, +))
    }
}
