@testable import Diglot
import Foundation
import XCTest

/// Dependency-tracked rebuilds (issue 12 item 3): a page whose inputs did not change is taken from the
/// page cache instead of being parsed, and keeps its views when what they show of other pages did not
/// change either; what is rendered again is exactly what the change reaches, and the output equals a
/// clean build's byte for byte.
final class DependencyTrackedBuildTests: XCTestCase {
    private static let pages = ["guide/details.md", "guide/faq.yml", "guide/index.yml", "guide/start.md"]

    /// A copy of the fixture docset, to edit.
    private func contentCopy() throws -> URL {
        let folder = try temporaryFolder(self, "content").appendingPathComponent("docset")
        try FileManager.default.copyItem(at: DocsetFixtureTests.fixture, to: folder)
        return folder
    }

    private func options(_ content: URL, _ output: URL, templates: URL = Paths.templates) -> BuildOptions {
        BuildOptions(content: content, output: output, templates: templates)
    }

    private func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path)! where !path.hasPrefix(".diglot") {
            let url = folder.appendingPathComponent(path)
            guard (try FileManager.default.attributesOfItem(atPath: url.path))[.type] as? FileAttributeType == .typeRegular else { continue }
            result[path] = try Data(contentsOf: url)
        }
        return result
    }

    /// The pages whose views differ between two outputs (`es-es/guide/start.html` is `guide/start.*`'s).
    private func pagesChanged(_ before: [String: Data], _ after: [String: Data]) -> Set<String> {
        var pages = Set<String>()
        for (path, bytes) in after where before[path] != bytes {
            let parts = path.split(separator: "/")
            guard parts.count == 3, ["es-es", "sxs", "en-us"].contains(parts[0]), parts[2].hasSuffix(".html") else { continue }
            let name = "guide/" + parts[2].dropLast(5)
            if let page = Self.pages.first(where: { $0.hasPrefix(name + ".") }) { pages.insert(page) }
        }
        return pages
    }

    private func assertEqualsACleanBuild(_ options: BuildOptions, file: StaticString = #filePath, line: UInt = #line) throws {
        var clean = options
        clean.output = try temporaryFolder(self, "clean")
        _ = try SiteBuilder.build(clean)
        let a = try files(options.output), b = try files(clean.output)
        XCTAssertEqual(Set(a.keys), Set(b.keys), file: file, line: line)
        for (path, bytes) in b { XCTAssertEqual(a[path], bytes, path, file: file, line: line) }
    }

    private func edit(_ file: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file.lastPathComponent) holds \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    func testATOCOrIncludeLinkedAsAFileIsCopiedAgainWhenItChanges() throws {
        // A page may link its TOC or an include as a file: the copy follows the file, which the global
        // fingerprint leaves out (a TOC's or include's change reaches only the pages that use it).
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        let start = content.appendingPathComponent("guide/start.md")
        try (try String(contentsOf: start, encoding: .utf8) + "\n[Índice](TOC.yml)\n\n![nota](includes/note.md)\n").write(to: start, atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/guide/TOC.yml").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/guide/includes/note.md").path))
        for file in ["guide/TOC.yml", "guide/includes/note.md"] {
            let url = content.appendingPathComponent(file)
            try (try String(contentsOf: url, encoding: .utf8) + "\n").write(to: url, atomically: true, encoding: .utf8)
            XCTAssertTrue(try SiteBuilder.build(options(content, output)).incremental)
            try assertEqualsACleanBuild(options(content, output))
        }
    }

    func testABodyEditRendersOnlyThatPage() throws {
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        let first = try SiteBuilder.build(options(content, output))
        XCTAssertFalse(first.incremental)
        XCTAssertEqual(first.renderedPages, Self.pages, "a first build renders every page")
        try edit(content.appendingPathComponent("guide/details.md"), "Abra la", "Abra ahora la")
        let edited = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(edited.incremental)
        XCTAssertEqual(edited.renderedPages, ["guide/details.md"], "only the edited page's views are rendered")
        XCTAssertTrue(edited.renderDependenciesReused, "no title or TOC changed: no page's navigation is rendered to fingerprint it")
        XCTAssertFalse(first.renderDependenciesReused)
        XCTAssertEqual(edited.writeStats?.written, 3, "its translation and side by side views and the translation's search index")
        XCTAssertEqual(edited.fileCount, first.fileCount)
        XCTAssertEqual(edited.diagnostics, first.diagnostics, "the kept pages' findings are reported as before")
        try assertEqualsACleanBuild(options(content, output))
        // A page touched without a change is read again and rendered; nothing is written.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: content.appendingPathComponent("guide/start.md").path)
        let touched = try SiteBuilder.build(options(content, output))
        XCTAssertEqual(touched.renderedPages, ["guide/start.md"])
        XCTAssertEqual(touched.writeStats?.written, 0)
        // --clean renders everything.
        var clean = options(content, output)
        clean.clean = true
        try edit(content.appendingPathComponent("guide/details.md"), "Abra ahora la", "Abra la")
        let full = try SiteBuilder.build(clean)
        XCTAssertFalse(full.incremental)
        XCTAssertEqual(full.renderedPages, Self.pages)
    }

    func testATitleChangeRendersThePagesThatShowIt() throws {
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(content, output))
        let before = try files(output)
        try edit(content.appendingPathComponent("guide/details.md"), "title: Detalles", "title: Más detalles")
        let retitled = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(retitled.incremental)
        XCTAssertFalse(retitled.renderDependenciesReused, "a title changed: every page's render dependency is worked out")
        let changed = pagesChanged(before, try files(output))
        XCTAssertTrue(changed.contains("guide/start.md"), "start's pager names details")
        XCTAssertEqual(Set(retitled.renderedPages), changed.union(["guide/details.md"]), "the page, and the pages whose navigation shows its title")
        XCTAssertLessThan(retitled.renderedPages.count, Self.pages.count)
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("es-es/guide/start.html"), encoding: .utf8).contains("Más detalles →"))
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8).contains("Más detalles"), "the start page lists it")
        try assertEqualsACleanBuild(options(content, output))
    }

    func testAnIncludeChangeRendersThePagesThatIncludeIt() throws {
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(content, output))
        let include = content.appendingPathComponent("guide/includes/note.md")
        try (try String(contentsOf: include, encoding: .utf8) + "\nUna línea más del include.\n").write(to: include, atomically: true, encoding: .utf8)
        let result = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(result.incremental)
        XCTAssertEqual(result.renderedPages, ["guide/start.md"], "start.md includes it; no other page does")
        XCTAssertTrue(result.renderDependenciesReused)
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("es-es/guide/start.html"), encoding: .utf8).contains("Una línea más del include."))
        try assertEqualsACleanBuild(options(content, output))
    }

    func testATemplateChangeRendersEverything() throws {
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        let templates = try temporaryFolder(self, "templates").appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Paths.templates, to: templates)
        _ = try SiteBuilder.build(options(content, output, templates: templates))
        let page = templates.appendingPathComponent("page.mustache")
        try (try String(contentsOf: page, encoding: .utf8) + "<!-- changed -->\n").write(to: page, atomically: true, encoding: .utf8)
        let result = try SiteBuilder.build(options(content, output, templates: templates))
        XCTAssertFalse(result.incremental, "a changed template is a global input: a full build")
        XCTAssertEqual(result.renderedPages, Self.pages)
        try assertEqualsACleanBuild(options(content, output, templates: templates))
    }

    func testATOCChangeRendersTheDocsetsPages() throws {
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(content, output))
        let before = try files(output)
        try edit(content.appendingPathComponent("guide/TOC.yml"), "name: Preguntas frecuentes", "name: Preguntas más frecuentes")
        let result = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(result.incremental, "a TOC is no global input: its pages' navigation is their render dependency")
        XCTAssertFalse(result.renderDependenciesReused, "a TOC entry changed")
        // The docset's pages whose sidebar branch, breadcrumbs or pager show the entry: the FAQ and the
        // index (the TOC's top level); the pages of "Primeros pasos" show their own branch only.
        let after = try files(output)
        XCTAssertEqual(Set(result.renderedPages), pagesChanged(before, after))
        XCTAssertEqual(result.renderedPages, ["guide/faq.yml", "guide/index.yml"])
        XCTAssertNotEqual(before["es-es/guide/toc.js"] ?? before.first { $0.key.hasSuffix("toc.js") }?.value,
                          after["es-es/guide/toc.js"] ?? after.first { $0.key.hasSuffix("toc.js") }?.value, "the docset's TOC file is written again")
        try assertEqualsACleanBuild(options(content, output))
        // A section's name shows in the branch of the pages in it.
        try edit(content.appendingPathComponent("guide/TOC.yml"), "name: Primeros pasos", "name: Los primeros pasos")
        let section = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(section.incremental)
        XCTAssertTrue(Set(section.renderedPages).isSuperset(of: ["guide/details.md", "guide/start.md"]), "\(section.renderedPages)")
        XCTAssertEqual(Set(section.renderedPages), pagesChanged(after, try files(output)))
        try assertEqualsACleanBuild(options(content, output))
        // Nothing changed since: nothing is rendered.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: content.appendingPathComponent("guide/TOC.yml").path)
        let again = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(again.incremental)
        XCTAssertEqual(again.renderedPages, [])
        XCTAssertEqual(again.writeStats?.written, 0)
    }

    func testATOCTakenFromTheLastBuildIsTheOneItsFilesAndTheContentGiveNow() throws {
        // A build keeps each docset's TOC in its page cache, keyed by the files the TOC read and the
        // content's files (`TOCReuse`): a body edit takes it from there, findings and all; a TOC file
        // coming into a folder an entry names, a change to a nested TOC file, or a page an entry names
        // coming into the content, has it read anew.
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        let toc = content.appendingPathComponent("guide/TOC.yml"), nested = content.appendingPathComponent("guide/more/TOC.yml")
        try (try String(contentsOf: toc, encoding: .utf8) + "- name: Más\n  href: more/\n- name: Nueva\n  href: new.md\n")
            .write(to: toc, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: nested.deletingLastPathComponent(), withIntermediateDirectories: true)
        func tocFindings(_ result: BuildResult) -> [Diagnostic] { result.diagnostics.filter { $0.file.hasSuffix("TOC.yml") } }
        func tocScript() throws -> String {
            let path = try files(output).keys.filter { $0.hasPrefix("es-es/") && $0.hasSuffix("toc.js") }.sorted().last ?? ""
            return try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        }
        let first = try SiteBuilder.build(options(content, output))
        let findings = tocFindings(first)
        XCTAssertEqual(findings.map(\.code), [.brokenLink, .brokenLink], "\(findings)")  // DG601: more/ holds no TOC, new.md is not there

        try edit(content.appendingPathComponent("guide/details.md"), "Abra la", "Abra ahora la")
        let edited = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(edited.incremental)
        XCTAssertEqual(tocFindings(edited), findings, "a TOC taken from the cache reports what it reported")
        try assertEqualsACleanBuild(options(content, output))

        try "- name: Anexo\n  href: ../faq.yml\n".write(to: nested, atomically: true, encoding: .utf8)
        let came = try SiteBuilder.build(options(content, output))
        XCTAssertEqual(tocFindings(came).count, 1, "the folder's TOC file is found: \(tocFindings(came))")
        XCTAssertTrue(try tocScript().contains("Anexo"))
        try assertEqualsACleanBuild(options(content, output))

        try edit(nested, "name: Anexo", "name: Apéndice")
        let renamed = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(renamed.incremental)
        XCTAssertTrue(try tocScript().contains("Apéndice"), "a nested TOC file that changed is read again")
        try assertEqualsACleanBuild(options(content, output))

        try FileManager.default.copyItem(at: content.appendingPathComponent("guide/start.md"), to: content.appendingPathComponent("guide/new.md"))
        let added = try SiteBuilder.build(options(content, output))
        XCTAssertEqual(tocFindings(added), [], "the TOC's entry finds the page that came")
        XCTAssertTrue(try tocScript().contains("new.html"))
        try assertEqualsACleanBuild(options(content, output))
    }

    func testALinkCheckKeptFromTheLastBuildIsTheOneThePagesAnchorsGiveNow() throws {
        // A page taken from the cache keeps its link check (.diglot-pages) while every page's anchors
        // are the last build's: details.md links to start.md#enlaces, and is not parsed when start.md
        // changes; its findings are a clean build's each time.
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        let start = content.appendingPathComponent("guide/start.md")
        func linkFindings(_ diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.filter { $0.file == "guide/details.md" && $0.code == .missingAnchor } }
        let first = try SiteBuilder.build(options(content, output))
        // start.md#nada, on both sides of its unit
        XCTAssertEqual(linkFindings(first.diagnostics).count, 2, "\(linkFindings(first.diagnostics))")

        try edit(start, "Esta página muestra", "Esta página enseña")
        let body = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(body.incremental)
        XCTAssertEqual(body.renderedPages, ["guide/start.md"])
        XCTAssertEqual(body.diagnostics, try cleanDiagnostics(content))

        try edit(start, "<a name=\"enlaces\"></a>", "<a name=\"vinculos\"></a>")
        let moved = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(moved.incremental)
        XCTAssertEqual(linkFindings(moved.diagnostics).count, 4, "details.md's link to start.md#enlaces is checked again: \(linkFindings(moved.diagnostics))")
        XCTAssertEqual(moved.diagnostics, try cleanDiagnostics(content))

        try edit(start, "<a name=\"vinculos\"></a>", "<a name=\"enlaces\"></a>")
        let back = try SiteBuilder.build(options(content, output))
        XCTAssertEqual(linkFindings(back.diagnostics).count, 2)
        XCTAssertEqual(back.diagnostics, try cleanDiagnostics(content))
    }

    func testAKeptLinkCheckCopiesNoFileThatIsNotAFileOfTheContent() throws {
        // The page cache is the output's, not the content's: a kept link check that names a file to copy
        // which the content does not list (a hidden file, or none) is not kept; the page is checked again.
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        try (Data("secret\n".utf8)).write(to: content.appendingPathComponent("guide/.secret"))
        _ = try SiteBuilder.build(options(content, output))
        try rewritePageCache(in: output) { cache in
            XCTAssertNotNil(cache.pages["guide/details.md"]?.linkCheck)
            cache.pages["guide/details.md"]?.linkCheck?.foundMedia += ["guide/.secret", "guide/absent.txt"]
        }
        let clean = try cleanDiagnostics(content)
        try edit(content.appendingPathComponent("guide/start.md"), "Esta página muestra", "Esta página enseña")
        let edited = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(edited.incremental)
        XCTAssertEqual(edited.diagnostics, try cleanDiagnostics(content), "no finding about a file the forged check named")
        XCTAssertEqual(clean.count, edited.diagnostics.count)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/guide/absent.txt").path))
        try assertEqualsACleanBuild(options(content, output))
    }

    private func cleanDiagnostics(_ content: URL) throws -> [Diagnostic] {
        var clean = options(content, try temporaryFolder(self, "clean"))
        clean.useCache = false
        return try SiteBuilder.build(clean).diagnostics
    }

    func testAKeptTOCAndLinkCheckAreTakenFromTheCacheNotMadeAgain() throws {
        // Seen by marking them in the cache: a build that made them again would not show the marks.
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(content, output))
        let mark = Diagnostic(file: "guide/details.md", location: SourceLocation(line: 1, column: 1), code: .brokenLink, stage: .resolve,
                              message: "marked in the cache")
        try rewritePageCache(in: output) { cache in
            cache.pages["guide/details.md"]?.linkCheck?.diagnostics.append(mark)
            let toc = try XCTUnwrap(cache.tocs.firstIndex { !$0.nodes.isEmpty })
            cache.tocs[toc].nodes[0].name = "Marcado en la caché"
        }
        func tocScript() throws -> String {
            let path = try files(output).keys.filter { $0.hasPrefix("es-es/") && $0.hasSuffix("toc.js") }.sorted().last ?? ""
            return try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        }

        try edit(content.appendingPathComponent("guide/start.md"), "Esta página muestra", "Esta página enseña")
        let edited = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(edited.incremental)
        XCTAssertTrue(edited.diagnostics.contains(mark), "details.md's link check is the cache's")
        XCTAssertTrue(try tocScript().contains("Marcado en la caché"), "the TOC is the cache's")

        // The TOC file changed and an anchor was renamed: both are made again.
        try edit(content.appendingPathComponent("guide/TOC.yml"), "name: Preguntas frecuentes", "name: Preguntas más frecuentes")
        try edit(content.appendingPathComponent("guide/start.md"), "<a name=\"enlaces\"></a>", "<a name=\"vinculos\"></a>")
        let again = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(again.incremental)
        XCTAssertFalse(again.diagnostics.contains(mark))
        XCTAssertFalse(try tocScript().contains("Marcado en la caché"))
        XCTAssertEqual(again.diagnostics, try cleanDiagnostics(content))
        try assertEqualsACleanBuild(options(content, output))
    }

    func testTheBuildCacheReadsBackWhatItWrote() throws {
        let output = try temporaryFolder(self, "output")
        let findings = [Diagnostic(file: "a.md", location: SourceLocation(line: 2, column: 3), code: .brokenLink, stage: .resolve, message: "uno", unit: "a-1"),
                        Diagnostic(file: "b.md", location: SourceLocation(line: 4, column: 5), code: .missingAnchor, stage: .resolve, message: "dos", severity: .error)]
        for global in [nil, "f00d"] {
            var cache = BuildCache(key: "k", pages: 3, units: 7, files: 9, diagnostics: findings)
            cache.global = global
            try Data(cache.bytes).write(to: output.appendingPathComponent(BuildCache.fileName))
            let read = try XCTUnwrap(BuildCache.read(from: output), "global \(global ?? "nil")")
            XCTAssertEqual([read.key, "\(read.pages)", "\(read.units)", "\(read.files)"], ["k", "3", "7", "9"])
            XCTAssertEqual(read.global, global)
            XCTAssertEqual(read.diagnostics, findings)
            XCTAssertEqual(BuildCache.readHead(from: output)?.global, global)
        }
    }

    func testAPageRecordThatDoesNotEndAtItsLengthBuildsEverything() throws {
        // Each page's record comes after its length, and the records are read on all cores: a record
        // with a byte more than its fields (its length saying so) is a cache that does not read whole.
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(content, output))
        let cacheFile = output.appendingPathComponent(PageCache.fileName)
        let bytes = Array(try Data(contentsOf: cacheFile))
        var reader = PageCacheCoding.Reader(bytes: bytes)
        XCTAssertEqual(try reader.cache().pages.count, Self.pages.count)
        // The first record: after the magic line, three strings, a flag and the count of pages.
        reader = PageCacheCoding.Reader(bytes: bytes)
        reader.offset = PageCacheCoding.magic.count
        for _ in 0..<3 { _ = try reader.string() }
        _ = try reader.bool()
        XCTAssertEqual(try reader.count(), Self.pages.count)
        let lengthAt = reader.offset
        let length = try reader.count()
        let recordEnd = reader.offset + length
        var longer = PageCacheCoding.Writer()
        longer.int(length + 1)
        let forged = Array(bytes[..<lengthAt]) + longer.bytes + Array(bytes[reader.offset..<recordEnd]) + [0] + Array(bytes[recordEnd...])
        var forgedReader = PageCacheCoding.Reader(bytes: forged)
        XCTAssertThrowsError(try forgedReader.cache())
        try Data(forged).write(to: cacheFile)
        try edit(content.appendingPathComponent("guide/details.md"), "Abra la", "Abra ahora la")
        let rebuilt = try SiteBuilder.build(options(content, output))
        XCTAssertFalse(rebuilt.incremental)
        XCTAssertEqual(rebuilt.renderedPages, Self.pages)
        try assertEqualsACleanBuild(options(content, output))
    }

    func testAForgedCountOfEmptyRecordsIsRefusedBeforeAnythingIsMade() throws {
        // helper-47: a valid head, then a count of 8 million pages each an empty record (8 MB of zero
        // bytes). Read, it reserved a dictionary for 8 million pages (about 3 GB) before it found the
        // records empty, and a larger file aborted every build. It must be refused as it is cut, within
        // an address space 1 GB larger than the test's.
        let head = try pageCacheHead()
        let records = 8_000_000
        var count = PageCacheCoding.Writer()
        count.int(records)
        let forged = head + count.bytes + [UInt8](repeating: 0, count: records) + [0, 0]
        try withAddressSpaceOneGBOverTheTests {
            var forgedReader = PageCacheCoding.Reader(bytes: forged)
            XCTAssertThrowsError(try forgedReader.cache())
        }
    }

    func testForgedCountsInsideTheCacheReserveNothingAheadOfTheirElements() throws {
        // helper-48: no page record, one TOC entry, then 33 nested TOC levels each counting 8 million
        // nodes, then 8 MB of zero bytes. `map` over the count reserved 8 million nodes (1 GB) at each
        // level before reading one. Read within an address space 1 GB over the test's, it must be
        // refused, and so must a diagnostics count of 8 million in the build cache's reader.
        let head = try pageCacheHead()
        let nodes = 8_000_000
        var forged = PageCacheCoding.Writer()
        forged.int(0)  // no page
        forged.int(1)  // one TOC entry
        forged.string("key")
        forged.int(0)  // no file
        for _ in 0...TOCLoader.maxDepth { forged.int(nodes); forged.string("n"); forged.bool(false); forged.bool(false); forged.bool(false)
            forged.bool(false); forged.bool(false); forged.bool(false) }
        let toc = head + forged.bytes + [UInt8](repeating: 0, count: nodes)
        var diagnostics = PageCacheCoding.Writer()
        diagnostics.int(nodes)
        let findings = diagnostics.bytes + [UInt8](repeating: 0, count: nodes)
        try withAddressSpaceOneGBOverTheTests {
            var tocReader = PageCacheCoding.Reader(bytes: toc)
            XCTAssertThrowsError(try tocReader.cache())
            var findingsReader = PageCacheCoding.Reader(bytes: findings)
            XCTAssertThrowsError(try findingsReader.diagnostics())
        }
    }

    /// Reads the output's page cache, lets `change` alter it and writes it back.
    private func rewritePageCache(in output: URL, _ change: (inout PageCache) throws -> Void) throws {
        let cacheFile = output.appendingPathComponent(PageCache.fileName)
        var reader = PageCacheCoding.Reader(bytes: Array(try Data(contentsOf: cacheFile)))
        var cache = try reader.cache()
        try change(&cache)
        try Data(cache.bytes).write(to: cacheFile)
    }

    /// A fresh build's page cache up to its count of pages: the magic line, three strings and a flag.
    private func pageCacheHead() throws -> [UInt8] {
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(try contentCopy(), output))
        let bytes = Array(try Data(contentsOf: output.appendingPathComponent(PageCache.fileName)))
        var reader = PageCacheCoding.Reader(bytes: bytes)
        reader.offset = PageCacheCoding.magic.count
        for _ in 0..<3 { _ = try reader.string() }
        _ = try reader.bool()
        return Array(bytes[..<reader.offset])
    }

    /// Runs `body` with the process's address space bounded 1 GB over what it uses now (Linux; elsewhere unbounded).
    private func withAddressSpaceOneGBOverTheTests(_ body: () throws -> Void) throws {
        #if os(Linux)
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let kilobytes = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix("VmSize:") }?.split(separator: " ").dropFirst().first.flatMap { Int($0) })
        var before = rlimit()
        getrlimit(Int32(RLIMIT_AS.rawValue), &before)
        var bounded = before
        bounded.rlim_cur = rlim_t(kilobytes * 1024 + (1 << 30))
        setrlimit(Int32(RLIMIT_AS.rawValue), &bounded)
        defer { setrlimit(Int32(RLIMIT_AS.rawValue), &before) }
        #endif
        try body()
    }

    func testSizesInTheCacheThatWouldOverflowASumBuildEverything() throws {
        // The resolve stage sums every page's bytes and units: two pages whose cached bytes are
        // `Int.max` overflowed the sum and stopped the build with a trap. A size past 2^32 does not read.
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(content, output))
        try rewritePageCache(in: output) { cache in
            for path in ["guide/details.md", "guide/faq.yml"] { cache.pages[path]?.sourceBytes = Int.max }
        }
        XCTAssertNil(PageCache.read(from: output))
        try edit(content.appendingPathComponent("guide/start.md"), "Esta página muestra", "Esta página enseña")
        let rebuilt = try SiteBuilder.build(options(content, output))
        XCTAssertFalse(rebuilt.incremental)
        try assertEqualsACleanBuild(options(content, output))
    }

    func testAGlobalInputOrACorruptCacheBuildsEverything() throws {
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(content, output))
        try Data("{ not json".utf8).write(to: output.appendingPathComponent(".diglot-pages"))
        try edit(content.appendingPathComponent("guide/details.md"), "Abra la", "Abra ahora la")
        let corrupt = try SiteBuilder.build(options(content, output))
        XCTAssertFalse(corrupt.incremental)
        XCTAssertEqual(corrupt.renderedPages, Self.pages)
        try assertEqualsACleanBuild(options(content, output))
        // docfx.json is read by every page.
        let docfx = content.appendingPathComponent("guide/docfx.json")
        try (try String(contentsOf: docfx, encoding: .utf8) + "\n").write(to: docfx, atomically: true, encoding: .utf8)
        let config = try SiteBuilder.build(options(content, output))
        XCTAssertFalse(config.incremental)
        XCTAssertEqual(config.renderedPages, Self.pages)
        try assertEqualsACleanBuild(options(content, output))
    }
}
