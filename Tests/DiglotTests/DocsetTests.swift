import Diglot
import Foundation
import XCTest

/// Docsets: the publish config, docfx.json globs and metadata, output folders, titles, default views.
final class DocsetTests: XCTestCase {
    static func page(_ title: String, _ frontMatter: String = "", _ body: String) -> [UInt8] {
        Array("---\ntitle: \(title)\nms.contentlocale: es-ES\n\(frontMatter)---\n\n\(body)\n".utf8)
    }

    /// A small content folder: one docset named in the publish config (in other letter case than
    /// its folder), with two content groups, excludes and metadata, and a page outside it.
    static func docsetFiles() -> [String: [UInt8]] {
        let docfx = """
            {
              "build": {
                "content": [
                  { "files": ["**/*.md"], "exclude": ["includes/**", "README.md", "articles/**"] },
                  { "files": ["*.md"], "src": "articles", "dest": "docs" }
                ],
                "resource": [{ "files": ["**/*.png"] }],
                "globalMetadata": { "titleSuffix": "Guía", "bilingual_type": "side-by-side", "ms.topic": "article", "author": "global" },
                "fileMetadata": { "ms.topic": { "faq/**": "faq" }, "author": { "**/*.md": "files", "faq/**": "faq-team" } },
                "dest": "ignored-when-the-publish-config-names-a-folder"
              }
            }
            """
        let publish = """
            { "docsets_to_publish": [ { "docset_name": "guide", "build_source_folder": "guide", "build_output_subfolder": "help" } ] }
            """
        return [
            ".openpublishing.publish.config.json": Array(publish.utf8),
            "Guide/docfx.json": Array(docfx.utf8),
            "Guide/index.md": page("Inicio", "ms.topic: overview\n", unit("i-1", "Hola.", "Hello.") + " [FAQ](faq/q.md)"),
            "Guide/faq/q.md": page("Preguntas", "", unit("q-1", "¿Qué?", "What?")),
            "Guide/README.md": page("Léame", "", "No se publica."),
            "Guide/includes/snippet.md": page("Fragmento", "", "Incluido."),
            "Guide/articles/a.md": page("Artículo", "", unit("a-1", "Texto.", "Text.")),
            "loose.md": page("Suelta", "", unit("l-1", "Fuera.", "Outside.")),
        ]
    }

    func testDocsetsFromThePublishConfigAndDocfxJSON() throws {
        let content = try temporaryFolder(self, "content")
        try writeFiles(Self.docsetFiles(), into: content)
        let files = try DocsetLoader.files(in: content)
        XCTAssertTrue(files.contains(".openpublishing.publish.config.json"))
        let (docsets, diagnostics) = DocsetLoader.docsets(files: files) { try? String(contentsOf: content.appendingPathComponent($0), encoding: .utf8) }
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(docsets.map(\.name), ["guide", ""])
        XCTAssertEqual(docsets[0].source, "Guide", "the folder's own letter case")
        XCTAssertEqual(docsets[0].destination, "help")
        XCTAssertEqual(docsets[0].titleSuffix, "Guía")
        XCTAssertEqual(docsets[0].defaultView, .sideBySide)
        let site = SiteStructure(docsets: docsets, files: files)
        XCTAssertEqual(site.pages, ["Guide/articles/a.md", "Guide/faq/q.md", "Guide/index.md", "loose.md"])
        XCTAssertEqual(site.routes, [
            "Guide/index.md": "help/index.md", "Guide/faq/q.md": "help/faq/q.md",
            "Guide/articles/a.md": "help/docs/a.md", "loose.md": "loose.md",
        ])
    }

    func testBuildPlacesPagesMergesMetadataAndTitles() throws {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles(Self.docsetFiles(), into: content)
        let result = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates))
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.pages, 4, "README.md and includes/ are excluded by the globs")
        for path in ["help/index.html", "help/faq/q.html", "help/docs/a.html", "loose.html"] {
            for folder in ["es-es", "sxs", "en-us"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(folder)/\(path)").path), "\(folder)/\(path)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/help/README.html").path))
        let index = try String(contentsOf: output.appendingPathComponent("es-es/help/index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("<title>Inicio - Guía</title>"), "titleSuffix")
        XCTAssertTrue(index.contains("<a href=\"faq/q.html\">FAQ</a>"))
        let loose = try String(contentsOf: output.appendingPathComponent("es-es/loose.html"), encoding: .utf8)
        XCTAssertTrue(loose.contains("<title>Suelta</title>"), "a page of no docset has no suffix")
        // bilingual_type side-by-side: the start page opens the docset's pages side by side.
        let start = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(start.contains("<a class=\"page-title\" href=\"sxs/help/index.html\">Inicio</a>"), start)
        XCTAssertTrue(start.contains("<a class=\"page-title\" href=\"es-es/loose.html\">Suelta</a>"), start)
        XCTAssertTrue(start.contains("<h2>Guía <small>(3)</small></h2>"), start)
    }

    func testMetadataPrecedenceFrontMatterThenFileThenGlobal() throws {
        let docfx = String(decoding: Self.docsetFiles()["Guide/docfx.json"]!, as: UTF8.self)
        let sources = Self.docsetFiles().filter { $0.key.hasSuffix(".md") }.map { SourceFile(path: $0.key, bytes: $0.value) }
        let (docsets, _) = DocsetLoader.docsets(files: ["Guide/docfx.json"] + sources.map(\.path)) { $0 == "Guide/docfx.json" ? docfx : nil }
        let site = SiteStructure(docsets: docsets, files: sources.map(\.path))
        let guide = try XCTUnwrap(site.docsetOfPage["Guide/index.md"].map { docsets[$0] })
        func metadata(_ path: String) -> Metadata {
            guide.metadata(for: PageParser.parse(sources.first { $0.path == path }!).page.metadata, at: path)
        }
        XCTAssertEqual(metadata("Guide/index.md")["ms.topic"], .string("overview"), "front matter wins")
        XCTAssertEqual(metadata("Guide/faq/q.md")["ms.topic"], .string("faq"), "then fileMetadata")
        XCTAssertEqual(metadata("Guide/faq/q.md")["author"], .string("faq-team"), "the last matching glob")
        XCTAssertEqual(metadata("Guide/articles/a.md")["ms.topic"], .string("article"), "then globalMetadata")
        XCTAssertEqual(metadata("Guide/articles/a.md")["author"], .string("files"))
        XCTAssertEqual(metadata("Guide/index.md").entries.first?.key, "title", "front matter keys first, in file order")
    }

    func testBrokenDocfxJSONIsReportedAndTheDocsetStillBuilt() throws {
        let (docsets, diagnostics) = DocsetLoader.docsets(files: ["d/docfx.json", "d/a.md"]) { _ in "{ not json" }
        XCTAssertEqual(diagnostics.map { "\($0.file) \($0.code.rawValue)" }, ["d/docfx.json DG501"])
        XCTAssertEqual(SiteStructure(docsets: docsets, files: ["d/docfx.json", "d/a.md"]).pages, ["d/a.md"])
    }

    func testGlobs() {
        XCTAssertTrue(Glob("**/*.md").matches("a.md"))
        XCTAssertTrue(Glob("**/*.md").matches("x/y/a.md"))
        XCTAssertFalse(Glob("*.md").matches("x/a.md"))
        XCTAssertTrue(Glob("**/includes/**").matches("a/includes/b/c.md"))
        XCTAssertTrue(Glob("**/includes/**").matches("includes/c.md"))
        XCTAssertTrue(Glob("README.md").matches("readme.md"), "case-insensitive, as DocFX on Windows")
        XCTAssertTrue(Glob("**/*.{png,jpg}").matches("media/x.JPG"))
        XCTAssertTrue(Glob("ab?.md").matches("abc.md"))
        XCTAssertFalse(Glob("ab?.md").matches("ab.md"))
    }
}

extension DocsetTests {
    func testRedirectsAnd404() throws {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        var files = Self.docsetFiles()
        files[".openpublishing.redirection.json"] = Array("""
            { "redirections": [
              { "source_path": "guide/old.md", "redirect_url": "/help/faq/q#part", "redirect_document_id": false },
              { "source_path": "Guide/gone.md", "redirect_url": "https://example.com/elsewhere" },
              { "source_path": "Guide/index.md", "redirect_url": "/help/faq/q" },
              { "source_path": "guide/outside.md", "redirect_url": "/azure/overview" }
            ] }
            """.utf8)
        try writeFiles(files, into: content)
        let result = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates))
        XCTAssertEqual(result.diagnostics.map(\.message), ["the redirection from Guide/index.md is not written: a page of the build is there"])
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        // A site path that is a page of the build leads to that page in the same view.
        let old = try read("sxs/help/old.html")
        // The script moves on with the reader's #anchor; the meta refresh is for readers without script.
        XCTAssertTrue(old.contains("<script src=\"../../assets/redirect.js\" defer></script>\n"
                                   + "<noscript><meta http-equiv=\"refresh\" content=\"0; url=../../sxs/help/faq/q.html#part\"></noscript>"), old)
        XCTAssertTrue(old.contains("<link rel=\"canonical\" href=\"../../sxs/help/faq/q.html#part\">"), "without the site's address, the target as it is")
        XCTAssertTrue(old.contains("<a href=\"../../sxs/help/faq/q.html#part\" data-redirect>"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/redirect.js").path))
        XCTAssertTrue(try read("en-us/help/old.html").contains("url=../../en-us/help/faq/q.html#part"))
        // Absolute URLs stay; other site paths go to Microsoft's docs site in the view's language.
        XCTAssertTrue(try read("es-es/help/gone.html").contains("url=https://example.com/elsewhere"))
        XCTAssertTrue(try read("es-es/help/outside.html").contains("url=https://docs.microsoft.com/es-es/azure/overview"))
        XCTAssertTrue(try read("en-us/help/outside.html").contains("url=https://docs.microsoft.com/en-us/azure/overview"))
        // The page at a redirect's place stays the page.
        XCTAssertTrue(try read("es-es/help/index.html").contains("<title>Inicio - Guía</title>"))
        let notFound = try read("404.html")
        XCTAssertTrue(notFound.contains("<a href=\"/index.html\">Todas las páginas</a>"), notFound)

        // With the site's address the canonical link of a redirect to a page of the build is absolute, without the
        // #anchor (a canonical address names a page); the refresh, the link and the script's target stay relative.
        let addressed = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(BuildOptions(content: content, output: addressed, templates: Paths.templates, baseURL: "https://docs.example.com/site"))
        let moved = try String(contentsOf: addressed.appendingPathComponent("sxs/help/old.html"), encoding: .utf8)
        XCTAssertTrue(moved.contains("<link rel=\"canonical\" href=\"https://docs.example.com/site/sxs/help/faq/q.html\">"), moved)
        XCTAssertTrue(moved.contains("content=\"0; url=../../sxs/help/faq/q.html#part\""), moved)
        let away = try String(contentsOf: addressed.appendingPathComponent("es-es/help/gone.html"), encoding: .utf8)
        XCTAssertTrue(away.contains("<link rel=\"canonical\" href=\"https://example.com/elsewhere\">"), away)
    }
}

extension DocsetTests {
    static func tocFiles() -> [String: [UInt8]] {
        func page(_ title: String, _ english: String, _ id: String) -> [UInt8] {
            Array("---\ntitle: \(title)\nms.contentlocale: es-ES\n---\n# \(unit(id, title, english))\n".utf8)
        }
        let toc = """
            - name: Inicio
              href: index.md
            - name: Guía
              expanded: true
              items:
                - name: Primero
                  href: first.md
                - name: Más
                  href: more/
            - name: Noticias
              href: news/TOC.md
            - name: Fuera
              href: https://example.com/
            """
        return [
            "TOC.yml": Array(toc.utf8),
            "more/toc.yml": Array("- name: Segundo\n  href: second.md\n- name: Aterrizaje\n  href: landing.yml\n".utf8),
            "news/TOC.md": Array("# [Noticias](index.md)\n## [Mayo](may.md)\n".utf8),
            "index.md": page("Inicio", "Home", "h-1"),
            "first.md": page("Primero", "First", "f-1"),
            "more/second.md": page("Segundo", "Second", "s-1"),
            "news/index.md": page("Noticias", "News", "n-1"),
            "news/may.md": page("Mayo", "May", "m-1"),
        ]
    }

    /// Issue 10: a localized repository without docfx.json keeps its TOC in a subfolder; each page
    /// gets its nearest TOC (its folder's or a parent's), as DocFX finds it. Two such folders are two
    /// sections; a breadcrumb TOC is not one.
    func testTOCWithoutDocfxIsTheNearestTOCInASubfolder() throws {
        func build(_ files: [String: [UInt8]]) throws -> (URL, [Diagnostic]) {
            let content = try temporaryFolder(self, "content")
            let output = try temporaryFolder(self, "output")
            try writeFiles(files, into: content)
            return (output, try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates)).diagnostics)
        }
        let toc = Array("- name: Primero\n  href: a.md\n- name: Segundo\n  href: sub/b.md\n".utf8)
        let (one, problems) = try build([
            "articles/TOC.yml": toc,
            "articles/a.md": Self.page("A", "", unit("a-1", "Uno.", "One.")),
            "articles/sub/b.md": Self.page("B", "", unit("b-1", "Dos.", "Two.")),
            "articles/breadcrumb/toc.yml": Array("- name: Docs\n  tocHref: /\n  topicHref: /\n".utf8),
        ])
        XCTAssertEqual(problems.map(\.description), [])
        let script = try String(contentsOf: one.appendingPathComponent("es-es/toc.js"), encoding: .utf8)
        XCTAssertEqual(script, #"DiglotTOC.receive([["Primero","articles/a.html",0,0],["Segundo","articles/sub/b.html",0,0]]);"# + "\n")
        let b = try String(contentsOf: one.appendingPathComponent("es-es/articles/sub/b.html"), encoding: .utf8)
        XCTAssertTrue(b.contains("<li><a href=\"b.html\" aria-current=\"page\">Segundo</a></li>"), b)
        let (two, _) = try build([
            "guide/toc.yml": Array("- name: Guía\n  href: g.md\n".utf8),
            "guide/g.md": Self.page("G", "", unit("g-1", "Guía.", "Guide.")),
            "ref/TOC.md": Array("# [Referencia](r.md)\n".utf8),
            "ref/r.md": Self.page("R", "", unit("r-1", "Ref.", "Ref.")),
        ])
        let sections = try String(contentsOf: two.appendingPathComponent("es-es/toc.js"), encoding: .utf8)
        XCTAssertEqual(sections, #"DiglotTOC.receive([["guide",null,[["Guía","guide/g.html",0,0]],0],["ref",null,[["Referencia","ref/r.html",0,0]],0]]);"# + "\n")
    }

    func testTOCSidebarBreadcrumbsAndPager() throws {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles(Self.tocFiles(), into: content)
        let result = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates))
        // The one finding: the TOC names a page that is not there (issue 9: no longer silent).
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "more/toc.yml:4:9: warning: the TOC entry's href landing.yml leads to no file of the content; the entry is shown as text [DG601 broken-link]",
        ])
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        let second = try read("es-es/more/second.html")
        // Issue 12: the page carries only its own section of the TOC (its siblings, itself marked) and a
        // link to the TOC page; the docset's toc.js, written once per view, holds the whole TOC.
        XCTAssertTrue(second.contains("""
            <nav class="toc" aria-label="Contenido" data-toc-base="../" data-page="more/second.html">
            <p class="toc-all"><a href="../toc.html">Contenido</a></p>
            <ul>
            <li><a href="second.html" aria-current="page">Segundo</a></li>
            <li><span>Aterrizaje</span></li>
            </ul>
            </nav>
            """), second)
        XCTAssertTrue(second.contains("<script src=\"../../es-es/toc.js\" defer></script>"), second)
        XCTAssertFalse(second.contains("https://example.com/") || second.contains("news/may.html"), "the rest of the TOC is not in the page")
        // The TOC page: the whole TOC, sections open where the TOC says `expanded`, the nested TOC (more/)
        // and TOC.md entries in it, an entry whose page is not built as text.
        let tocPage = try read("es-es/toc.html")
        XCTAssertTrue(tocPage.contains("<details open><summary><span>Guía</span></summary>"), tocPage)
        XCTAssertTrue(tocPage.contains("<details><summary><span>Más</span></summary>"), "a section the TOC does not expand is closed")
        XCTAssertTrue(tocPage.contains("<a href=\"more/second.html\">Segundo</a>"), tocPage)
        XCTAssertTrue(tocPage.contains("<span>Aterrizaje</span>"), "a TOC entry whose page is not built is text")
        XCTAssertTrue(tocPage.contains("<a href=\"https://example.com/\">Fuera</a>"))
        XCTAssertTrue(tocPage.contains("<a href=\"news/may.html\">Mayo</a>"), "TOC.md entries")
        XCTAssertTrue(tocPage.contains("<title>Contenido</title>"), tocPage)
        // toc.js: the same entries as data, links relative to the view's folder.
        let script = try read("es-es/toc.js")
        XCTAssertEqual(script, """
            DiglotTOC.receive([["Inicio","index.html",0,0],["Guía",null,[["Primero","first.html",0,0],["Más",null,[["Segundo","more/second.html",0,0],\
            ["Aterrizaje",null,0,0]],0]],1],["Noticias",null,[["Noticias","news/index.html",[["Mayo","news/may.html",0,0]],0]],0],["Fuera","https://example.com/",0,2]]);

            """)
        XCTAssertTrue(try read("en-us/toc.js").contains("[\"Second\",\"more/second.html\",0,0]"), "the English view's TOC names pages in English")
        // Breadcrumbs follow the TOC; previous and next follow its order.
        XCTAssertTrue(second.contains("<li>Guía</li>\n<li>Más</li>\n<li aria-current=\"page\">Segundo</li>"), second)
        XCTAssertTrue(second.contains("<a rel=\"prev\" href=\"../first.html\">← Primero</a>"))
        XCTAssertTrue(second.contains("<a rel=\"next\" href=\"../news/index.html\">Noticias →</a>"))
        // Other pages: only their own entry is marked.
        let first = try read("es-es/first.html")
        XCTAssertEqual(first.components(separatedBy: "aria-current=\"page\"").count - 1, 3, "the view switch, the sidebar and the breadcrumb")
        // The English view names pages by their English titles.
        let english = try read("en-us/more/second.html")
        XCTAssertTrue(english.contains("aria-current=\"page\">Second</a>"), english)
        XCTAssertTrue(try read("en-us/toc.html").contains("<a href=\"first.html\">First</a>"))
        XCTAssertTrue(english.contains("← First</a>"))
    }
}

extension DocsetTests {
    func testLandingAndFAQPages() throws {
        let landing = """
            ### YamlMime:Landing
            title: Documentación
            summary: Todo sobre **el producto**.
            metadata:
              title: Documentación del producto
              ms.contentlocale: es-ES
            landingContent:
            - title: Empezar
              linkLists:
              - linkListType: get-started
                links:
                - text: Preguntas
                  url: faq.yml
                - text: Guía
                  url: guide.md
            """
        let faq = """
            ### YamlMime:FAQ
            metadata:
              title: Preguntas frecuentes
              ms.contentlocale: es-ES
            title: Preguntas comunes
            summary: |
              Respuestas a las preguntas más comunes.
            sections:
            - name: Cuentas
              questions:
              - question: ¿Cómo creo una cuenta?
                answer: |
                  Vaya a la [guía](guide.md) y siga los pasos.

                  > [!NOTE]
                  > <span data-ttu-id="z-1">Es gratis.</span><span class="sxs-lookup"><span data-stu-id="z-1">It is free.</span></span>
            """
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles([
            "docfx.json": Array(#"{ "build": { "content": [ { "files": ["**/*.md", "**/*.yml"] } ] } }"#.utf8),
            "index.yml": Array(landing.utf8),
            "faq.yml": Array(faq.utf8),
            "guide.md": Array("---\ntitle: Guía\nms.contentlocale: es-ES\n---\n# Guía\n\n[Inicio](index.yml)\n".utf8),
            "other.yml": Array("### YamlMime:ModuleUnit\ntitle: x\n".utf8),
            "more.yml": Array("### YamlMime:ModuleUnit\ntitle: y\n".utf8),
        ], into: content)
        let result = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates))
        XCTAssertEqual(result.pages, 3)
        XCTAssertEqual(result.units, 1)
        // Another YAML page type is reported once, not failed.
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "more.yml:1:1: warning: YamlMime:ModuleUnit pages are not supported; the page is left out (2 files, this one first) [DG503 unsupported-page-type]",
        ])
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        let index = try read("es-es/index.html")
        XCTAssertTrue(index.contains("<title>Documentación del producto</title>"))
        XCTAssertTrue(index.contains("<h1 id=\"documentación\">Documentación</h1>"), index)
        XCTAssertTrue(index.contains("<p>Todo sobre <strong>el producto</strong>.</p>"))
        XCTAssertTrue(index.contains("<h2 id=\"empezar\">Empezar</h2>"))
        XCTAssertTrue(index.contains("<li><a href=\"faq.html\">Preguntas</a></li>"), index)
        let questions = try read("es-es/faq.html")
        XCTAssertTrue(questions.contains("<h3 id=\"cómo-creo-una-cuenta\">¿Cómo creo una cuenta?</h3>"), questions)
        XCTAssertTrue(questions.contains("<p>Vaya a la <a href=\"guide.html\">guía</a> y siga los pasos.</p>"))
        XCTAssertTrue(questions.contains("<div class=\"alert alert-note\" role=\"note\">"), "answers are markdown")
        XCTAssertTrue(questions.contains("Es gratis.<span class=\"tu-src\" lang=\"en-US\">It is free.</span>"))
        let englishFAQ = try read("en-us/faq.html")
        XCTAssertTrue(englishFAQ.contains("It is free."))
        // Issue 10: a page with no units (index.yml, guide.md) has no English; it is built in the
        // translation view alone, and every link to it, from any view, leads there.
        for view in ["sxs", "en-us"] {
            for page in ["index", "guide"] {
                XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(view)/\(page).html").path), "\(view)/\(page).html")
            }
        }
        XCTAssertTrue(englishFAQ.contains("href=\"../es-es/guide.html\""), englishFAQ)
        XCTAssertTrue(try read("sxs/faq.html").contains("href=\"../es-es/guide.html\""))
        let guide = try read("es-es/guide.html")
        XCTAssertTrue(guide.contains("<a href=\"index.html\">Inicio</a>"))
        // Its view switch offers no English and no side by side, and says why; no hreflang alternate.
        XCTAssertTrue(guide.contains("<li class=\"view-missing\">Sin texto original en inglés</li>"), guide)
        XCTAssertFalse(guide.contains("sxs/guide.html") || guide.contains("en-us/guide.html") || guide.contains("hreflang=\"en-US\""), guide)
        XCTAssertFalse(guide.contains("mt-notice"), "no machine-translation notice on a page with no units")
        // The start page says which pages have an English source.
        let start = try read("index.html")
        XCTAssertTrue(start.contains("<td class=\"no-source\">Sin texto original en inglés</td>"), start)
        XCTAssertEqual(brokenLocalLinks(in: output), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/other.html").path))
    }
}

extension DocsetTests {
    func testIncludesBlockAndInlineWithTheirDiagnostics() throws {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles([
            "docs/docfx.json": Array(#"{ "build": { "content": [ { "files": ["**/*.md"], "exclude": ["includes/**"] } ] } }"#.utf8),
            "docs/page.md": Array("""
                # Página

                [!INCLUDE[aviso](includes/notice.md)]

                Texto con [!INCLUDE[producto](includes/product.md)] dentro.

                [!include[falta](includes/missing.md)]

                [!INCLUDE[fuera](../outside.md)]

                [!INCLUDE[ciclo](includes/loop-a.md)]
                """.utf8),
            "docs/includes/notice.md": Array("> [!NOTE]\n> <span data-ttu-id=\"n-1\">Aviso incluido.</span><span class=\"sxs-lookup\"><span data-stu-id=\"n-1\">Included notice.</span></span>\n".utf8),
            "docs/includes/product.md": Array("**Centro de partners**\n".utf8),
            "docs/includes/loop-a.md": Array("[!INCLUDE[b](loop-b.md)]\n".utf8),
            "docs/includes/loop-b.md": Array("[!INCLUDE[a](loop-a.md)]\n".utf8),
            "outside.md": Array("Fuera.\n".utf8),
        ], into: content)
        let result = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates, targetLocale: "es-ES"))
        XCTAssertEqual(result.diagnostics.map { "\($0.file):\($0.location) \($0.code.rawValue) \($0.severity.rawValue)" }, [
            "docs/includes/loop-b.md:1:1 DG505 error",
            "docs/page.md:7:1 DG504 warning",
            "docs/page.md:9:1 DG506 error",
        ])
        XCTAssertTrue(result.diagnostics[0].message.hasPrefix("the include loop-a.md includes itself: docs/page.md → docs/includes/loop-a.md → docs/includes/loop-b.md → docs/includes/loop-a.md"), result.diagnostics[0].message)
        XCTAssertEqual(result.units, 1, "the included unit counts")
        let html = try String(contentsOf: output.appendingPathComponent("es-es/docs/page.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<div class=\"alert alert-note\" role=\"note\">"), "a block include brings its blocks")
        XCTAssertTrue(html.contains("Aviso incluido.<span class=\"tu-src\" lang=\"en-US\">Included notice.</span>"))
        XCTAssertTrue(html.contains("<p>Texto con <strong>Centro de partners</strong> dentro.</p>"), "an inline include brings its text")
        XCTAssertFalse(html.contains("INCLUDE"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/docs/includes/notice.html").path), "includes are not pages")
    }
}

extension DocsetTests {
    func testSitemapJoinsTheViewsOfEachPage() throws {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles(Self.docsetFiles(), into: content)
        _ = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates, baseURL: "https://docs.example.com/site"))
        let sitemap = try String(contentsOf: output.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        XCTAssertTrue(sitemap.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""))
        XCTAssertTrue(sitemap.contains("<url><loc>https://docs.example.com/site/es-es/help/index.html</loc><xhtml:link rel=\"alternate\" hreflang=\"es-ES\" href=\"https://docs.example.com/site/es-es/help/index.html\"/><xhtml:link rel=\"alternate\" hreflang=\"en-US\" href=\"https://docs.example.com/site/en-us/help/index.html\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://docs.example.com/site/es-es/help/index.html\"/></url>"), sitemap)
        XCTAssertTrue(sitemap.contains("<url><loc>https://docs.example.com/site/sxs/help/index.html</loc></url>"))
        XCTAssertEqual(sitemap.components(separatedBy: "<url>").count - 1, 4 * 3)
        // Each view of a page names the same alternates as the sitemap, absolute: the translation, the English
        // page, and the translation again as x-default (for readers of neither language: it shows the English on hover).
        let alternates = """
            <link rel="alternate" hreflang="es-ES" href="https://docs.example.com/site/es-es/help/index.html">
            <link rel="alternate" hreflang="en-US" href="https://docs.example.com/site/en-us/help/index.html">
            <link rel="alternate" hreflang="x-default" href="https://docs.example.com/site/es-es/help/index.html">

            """
        for view in ["es-es", "sxs", "en-us"] {
            let html = try String(contentsOf: output.appendingPathComponent("\(view)/help/index.html"), encoding: .utf8)
            XCTAssertTrue(html.contains(alternates), html)
            // The view switch stays relative (it works from the disk too).
            XCTAssertTrue(html.contains("href=\"../../sxs/help/index.html\"") || view == "sxs", html)
        }
        // A docfx.json's sitemap.baseUrl is the address too, when --base-url is not given.
        let fromDocfx = try temporaryFolder(self, "content")
        var files = Self.docsetFiles()
        files["Guide/docfx.json"] = Array(String(decoding: files["Guide/docfx.json"]!, as: UTF8.self)
            .replacingOccurrences(of: "\"build\": {", with: "\"build\": { \"sitemap\": { \"baseUrl\": \"https://help.example.org/\" },").utf8)
        try writeFiles(files, into: fromDocfx)
        let docfxOutput = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(BuildOptions(content: fromDocfx, output: docfxOutput, templates: Paths.templates))
        let docfxPage = try String(contentsOf: docfxOutput.appendingPathComponent("en-us/help/index.html"), encoding: .utf8)
        XCTAssertTrue(docfxPage.contains("<link rel=\"alternate\" hreflang=\"es-ES\" href=\"https://help.example.org/es-es/help/index.html\">"), docfxPage)
        // Without an address there is no sitemap (its addresses must be absolute), and the pages' alternates
        // are relative, as before: valid HTML, which search engines leave aside.
        let other = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(BuildOptions(content: content, output: other, templates: Paths.templates))
        XCTAssertFalse(FileManager.default.fileExists(atPath: other.appendingPathComponent("sitemap.xml").path))
        let relative = try String(contentsOf: other.appendingPathComponent("sxs/help/index.html"), encoding: .utf8)
        XCTAssertTrue(relative.contains(alternates.replacingOccurrences(of: "https://docs.example.com/site/", with: "../../")), relative)
        let bad = try runDiglot(["build", "--content", content.path, "--output", other.path, "--templates", Paths.templates.path, "--base-url", "docs.example.com"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--base-url must be an absolute http(s) address"), bad.stderr)
    }
}
