@testable import Diglot
import Foundation
import XCTest

/// Issue 12: a docset's search index of many pages is written in parts (`SearchIndex.parts`), so that
/// a one-page edit rewrites one part of it, not the whole index; the parts hold every page once, in
/// page order, the first names how many there are, and a multilingual site's English index is joined
/// from its languages' parts and cut again by the same rule.
final class SearchIndexPartsTests: XCTestCase {
    /// The parts' pages, as lists of paths.
    private func groups(_ paths: [String]) -> [[String]] {
        SearchIndex.parts(of: paths).map { Array(paths[$0]) }
    }

    func testPartsCoverThePagesInOrderAndMoveOnlyNearAnAddedOrRemovedPage() {
        let paths = (0..<1_000).map { "docs/page-\($0).html" }
        let parts = SearchIndex.parts(of: paths)
        XCTAssertEqual(parts.first?.lowerBound, 0)
        XCTAssertEqual(parts.last?.upperBound, paths.count)
        for (part, next) in zip(parts, parts.dropFirst()) { XCTAssertEqual(part.upperBound, next.lowerBound) }
        for part in parts.dropLast() {
            XCTAssertTrue((SearchIndex.minPagesPerPart...SearchIndex.maxPagesPerPart).contains(part.count), "\(part)")
        }
        XCTAssertTrue((1_000 / SearchIndex.maxPagesPerPart...1_000 / 16).contains(parts.count), "\(parts.count) parts")
        XCTAssertEqual(SearchIndex.parts(of: []), [])
        XCTAssertEqual(SearchIndex.parts(of: ["a.html"]), [0..<1])
        // A page added or removed anywhere changes the parts near it, not the ones after it (as a cut
        // every N pages would: all of them).
        let before = Set(groups(paths))
        var worst = 0
        for place in stride(from: 0, to: paths.count, by: 37) {
            var added = paths
            added.insert("docs/page-\(place)-new.html", at: place)
            var removed = paths
            removed.remove(at: place)
            for changed in [added, removed] {
                let after = Set(groups(changed))
                worst = max(worst, after.subtracting(before).count, before.subtracting(after).count)
            }
        }
        XCTAssertLessThanOrEqual(worst, 3)
    }

    func testPartPathsAndWhatIsNoPart() {
        XCTAssertEqual(SearchIndex.partPath("es-es/guide/search-index.js", part: 0), "es-es/guide/search-index.js")
        XCTAssertEqual(SearchIndex.partPath("es-es/guide/search-index.js", part: 3), "es-es/guide/search-index-3.js")
        XCTAssertEqual(SearchIndex.part("es-es/guide/search-index-3.js")?.index, "es-es/guide/search-index.js")
        XCTAssertEqual(SearchIndex.part("es-es/guide/search-index-3.js")?.part, 3)
        XCTAssertEqual(SearchIndex.part("search-index.js")?.index, "search-index.js")
        for path in ["es-es/guide/search-index-0.js", "es-es/guide/search-index-03.js", "es-es/guide/search-index-x.js",
                     "es-es/guide/search-index-3.html", "es-es/guide/my-search-index.js", "es-es/guide/search-index-.js"] {
            XCTAssertNil(SearchIndex.part(path), path)
        }
    }

    /// A content folder of `count` Spanish pages, `guide/p-000.md` on, each with a title and two
    /// translation units naming its number.
    private func docset(_ count: Int, locale: String = "es-ES", skipping: Set<Int> = [], in folder: URL) throws -> URL {
        var files: [String: [UInt8]] = [:]
        for number in 0..<count where !skipping.contains(number) {
            let id = String(format: "%03d", number)
            files["guide/p-\(id).md"] = Array("""
                ---
                title: Página \(id)
                ms.contentlocale: \(locale)
                ---

                # <span data-ttu-id="\(id)-1">Página \(id)</span><span class="sxs-lookup"><span data-stu-id="\(id)-1">Page \(id)</span></span>

                <span data-ttu-id="\(id)-2">Texto de la página número \(id).</span><span class="sxs-lookup"><span data-stu-id="\(id)-2">Text of page number \(id).</span></span>

                """.utf8)
        }
        try writeFiles(files, into: folder)
        return folder
    }

    /// An index's parts as they are in a site: their paths, and their entries' pages in order.
    private func parts(_ site: URL, _ index: String) throws -> (paths: [String], pages: [String]) {
        let count = try XCTUnwrap(SearchIndex.partCount(in: try [UInt8](Data(contentsOf: site.appendingPathComponent(index)))), index)
        let paths = (0..<count).map { SearchIndex.partPath(index, part: $0) }
        var pages: [String] = []
        for path in paths {
            let bytes = try [UInt8](Data(contentsOf: site.appendingPathComponent(path)))
            XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasSuffix(path == index && count > 1 ? "],\(count));\n" : "\n]);\n"), path)
            pages += SearchIndex.entries(in: bytes).map(\.0)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent(SearchIndex.partPath(index, part: count)).path),
                       "no part past the count the first names")
        return (paths, pages)
    }

    /// Every regular file of a folder (but the bookkeeping) with its inode and bytes.
    private func snapshot(_ folder: URL) throws -> [String: (inode: UInt64, bytes: Data)] {
        var result: [String: (UInt64, Data)] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path)! where !path.hasPrefix(".diglot") {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            result[path] = ((attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0, try Data(contentsOf: folder.appendingPathComponent(path)))
        }
        return result
    }

    /// Overwrites four bytes of a file's first entry with `mark`, its size and modification time kept.
    private func plantMark(in file: URL, _ mark: String = "MARK") throws {
        var info = stat()
        XCTAssertEqual(stat(file.path, &info), 0)
        var bytes = try [UInt8](Data(contentsOf: file))
        let at = SearchIndex.fileHead.count + 2
        bytes.replaceSubrange(at..<at + 4, with: Array(mark.utf8))
        try Data(bytes).write(to: file)
        var times = [info.st_atim, info.st_mtim]  // to the nanosecond, as the manifest records it
        XCTAssertEqual(utimensat(AT_FDCWD, file.path, &times, 0), 0)
    }

    private func changed(_ before: [String: (inode: UInt64, bytes: Data)], _ after: [String: (inode: UInt64, bytes: Data)]) -> Set<String> {
        Set(after.keys.filter { before[$0]?.bytes != after[$0]?.bytes || before[$0]?.inode != after[$0]?.inode })
    }

    /// The output's files are a clean build's (but `except`, present in both); returns the clean build's folder.
    @discardableResult
    private func assertEqualsACleanBuild(_ content: URL, _ output: URL, except: Set<String> = [], file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let fresh = try temporaryFolder(self, "clean")
        _ = try SiteBuilder.build(BuildOptions(content: content, output: fresh, templates: Paths.templates))
        let a = try snapshot(output), b = try snapshot(fresh)
        XCTAssertEqual(Set(a.keys), Set(b.keys), file: file, line: line)
        for (path, entry) in b where !except.contains(path) { XCTAssertEqual(a[path]?.bytes, entry.bytes, path, file: file, line: line) }
        return fresh
    }

    func testALargeIndexComesInPartsAndAnEditRewritesOnlyItsPart() throws {
        let content = try docset(200, in: try temporaryFolder(self, "content"))
        let output = try temporaryFolder(self, "output")
        let options = BuildOptions(content: content, output: output, templates: Paths.templates)
        _ = try SiteBuilder.build(options)
        let pages = (0..<200).map { String(format: "guide/p-%03d.html", $0) }
        let expected = SearchIndex.parts(of: pages)
        XCTAssertGreaterThan(expected.count, 2)
        for view in ["es-es", "en-us"] {
            let index = try parts(output, view + "/search-index.js")
            XCTAssertEqual(index.paths.count, expected.count, view)
            XCTAssertEqual(index.pages, pages, "every page once, in page order (\(view))")
        }
        // The side-by-side view and the start page load the translation's first part, which loads the others.
        let sxs = try String(contentsOf: output.appendingPathComponent("sxs/guide/p-100.html"), encoding: .utf8)
        XCTAssertTrue(sxs.contains("data-index=\"../../es-es/search-index.js\""), sxs)

        // One sentence of page 100 changes: its two views and its part of the translation's index.
        let before = try snapshot(output)
        let page = content.appendingPathComponent("guide/p-100.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try text.replacingOccurrences(of: "Texto de la", with: "Otro texto de la").write(to: page, atomically: true, encoding: .utf8)
        let edited = try SiteBuilder.build(options)
        let part = try XCTUnwrap(expected.firstIndex { $0.contains(100) })
        XCTAssertEqual(changed(before, try snapshot(output)),
                       ["es-es/guide/p-100.html", "sxs/guide/p-100.html", SearchIndex.partPath("es-es/search-index.js", part: part)])
        XCTAssertEqual(edited.writeStats?.written, 3)
        XCTAssertEqual(edited.renderedPages, ["guide/p-100.md"])
        try assertEqualsACleanBuild(content, output)
        // And again: its part is made again, its other pages' entries cut from the part the last build
        // wrote; the other parts are carried over, not read or made again: a mark planted in one (its
        // size and time kept, as the output's files are trusted) stays.
        let other = SearchIndex.partPath("es-es/search-index.js", part: part == 0 ? 1 : 0), own = SearchIndex.partPath("es-es/search-index.js", part: part)
        try plantMark(in: output.appendingPathComponent(other))
        let again = try snapshot(output)
        try text.replacingOccurrences(of: "Texto de la", with: "Un texto de la").write(to: page, atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(options)
        XCTAssertEqual(changed(again, try snapshot(output)).filter { $0.contains("search-index") }, [own])
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent(other), encoding: .utf8).contains("MARK"), "kept, not made again")
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent(own), encoding: .utf8).contains("Un texto de la página número 100."))
        // The part made from slices of the last build's is a clean build's; the kept one is, but for the mark.
        let fresh = try assertEqualsACleanBuild(content, output, except: [other])
        var marked = try [UInt8](Data(contentsOf: fresh.appendingPathComponent(other)))
        marked.replaceSubrange(SearchIndex.fileHead.count + 2..<SearchIndex.fileHead.count + 6, with: Array("MARK".utf8))
        XCTAssertEqual(try [UInt8](Data(contentsOf: output.appendingPathComponent(other))), marked)
        // The mark taken out, size and time kept (the output's files are trusted: a full build would keep it).
        let unmarked = try [UInt8](Data(contentsOf: fresh.appendingPathComponent(other)))
        try plantMark(in: output.appendingPathComponent(other), String(decoding: unmarked[SearchIndex.fileHead.count + 2..<SearchIndex.fileHead.count + 6], as: UTF8.self))

        // A page added: the parts near it change, the others are left as they were.
        let beforeAdding = try snapshot(output)
        try writeFiles(["guide/p-100b.md": Array(text.replacingOccurrences(of: "100", with: "100b").utf8)], into: content)
        _ = try SiteBuilder.build(options)
        let partsChanged = changed(beforeAdding, try snapshot(output)).filter { $0.hasPrefix("es-es/search-index") }
        XCTAssertFalse(partsChanged.isEmpty)
        XCTAssertLessThanOrEqual(partsChanged.count, 3, "\(partsChanged.sorted())")
        try assertEqualsACleanBuild(content, output)
        XCTAssertTrue(try parts(output, "es-es/search-index.js").pages.contains("guide/p-100b.html"))
    }

    func testAPartThatLeavesTheIndexTakesItsCountWithIt() throws {
        // helper-45: a YAML page whose type stops being one DocFX builds leaves the pages without
        // changing the global fingerprint. Alone in its index's last part, it took that part away while
        // the first part, carried over by its size, still named one part more: the search waited for it.
        // A name after the 60 pages' that starts a part of its own (the hash rule picks it).
        let pages = try XCTUnwrap((0..<1_000).lazy.map { k in (0..<60).map { String(format: "guide/p-%03d.html", $0) } + ["guide/p-z\(k).html"] }
            .first { SearchIndex.parts(of: $0).last?.count == 1 })
        let content = try docset(60, in: try temporaryFolder(self, "content"))
        try writeFiles(["docfx.json": Array(#"{"build":{"content":[{"files":["**/*.md","**/*.yml"]}]}}"#.utf8)], into: content)  // YAML pages too
        let faq = content.appendingPathComponent(String(pages.last!.dropLast(".html".count)) + ".yml")
        try Data("""
            ### YamlMime:FAQ
            metadata:
              title: Preguntas
              ms.contentlocale: es-ES
            title: Preguntas
            summary: x
            sections:
            - name: A
              questions:
              - question: q
                answer: |
                  <span data-ttu-id="f">Respuesta.</span><span class="sxs-lookup"><span data-stu-id="f">Answer.</span></span>

            """.utf8).write(to: faq)
        let output = try temporaryFolder(self, "output")
        let options = BuildOptions(content: content, output: output, templates: Paths.templates)
        _ = try SiteBuilder.build(options)
        let parts = SearchIndex.parts(of: pages).count
        XCTAssertEqual(try self.parts(output, "es-es/search-index.js").paths.count, parts)
        try String(contentsOf: faq, encoding: .utf8).replacingOccurrences(of: "YamlMime:FAQ", with: "YamlMime:Unknown").write(to: faq, atomically: true, encoding: .utf8)
        let edited = try SiteBuilder.build(options)
        XCTAssertTrue(edited.incremental)
        XCTAssertEqual(try self.parts(output, "es-es/search-index.js").paths.count, parts - 1)
        try assertEqualsACleanBuild(content, output)
        // The first part's pages are rendered again (it names the count, which changed); the other
        // parts' pages are kept (the site has no TOC: no page's navigation names the page that left).
        let first = SearchIndex.parts(of: Array(pages.dropLast()))[0]
        XCTAssertLessThan(first.count, 50, "more than one part before the one that leaves")
        XCTAssertEqual(edited.renderedPages, pages[first].map { String($0.dropLast(".html".count)) + ".md" })
    }

    func testAContentFileNamedLikeAPartIsAFileOfTheEnglishView() throws {
        // helper-45 and helper-46: the merge took any `search-index-N.js` or `search-index.js` of the
        // English view for (a part of) an index: the content's file was dropped and read as entries.
        // Here: one past the parts the index has, and one in a folder that has no index.
        let root = try temporaryFolder(self, "languages")
        let script = Array("// a content file\nDiglotSearch.receive([\n[\"guide/evil.html\",\"Evil\",\"injected\"],\n]);\n".utf8)
        let pages = (0..<150).map { String(format: "guide/p-%03d.html", $0) }
        let count = SearchIndex.parts(of: pages).count
        XCTAssertGreaterThan(count, 1)
        let named = ["search-index-\(count + 1).js", "guide/media/search-index.js"]
        var folders: [URL] = []
        for locale in ["es-ES", "fr-FR"] {
            let folder = try docset(150, locale: locale, in: root.appendingPathComponent(locale))
            try writeFiles(Dictionary(uniqueKeysWithValues: named.map { ($0, script) }), into: folder)
            let page = folder.appendingPathComponent("guide/p-005.md")
            try (String(contentsOf: page, encoding: .utf8) + "\n[a](../\(named[0])) [b](media/search-index.js)\n").write(to: page, atomically: true, encoding: .utf8)
            folders.append(folder)
        }
        let site = root.appendingPathComponent("site")
        _ = try MultilingualBuild.build(zip(folders, ["es-ES", "fr-FR"]).map {
            BuildOptions(content: $0, output: URL(fileURLWithPath: "/nonexistent"), templates: Paths.templates, targetLocale: $1)
        }, output: site)
        for view in ["es-es", "fr-fr", "en-us"] {
            for file in named { XCTAssertEqual(try [UInt8](Data(contentsOf: site.appendingPathComponent(view + "/" + file))), script, view + "/" + file) }
        }
        XCTAssertEqual(try parts(site, "en-us/search-index.js").pages, pages)
    }

    func testAMultilingualSitesEnglishIndexIsJoinedFromItsLanguagesAndCutAgain() throws {
        // Spanish lacks pages 10 to 39, French every third page: English has the 140 of either, each once.
        let root = try temporaryFolder(self, "languages")
        let spanish = try docset(150, skipping: Set(10..<40), in: root.appendingPathComponent("es"))
        let french = try docset(150, locale: "fr-FR", skipping: Set(stride(from: 0, to: 150, by: 3)), in: root.appendingPathComponent("fr"))
        let site = root.appendingPathComponent("site")
        _ = try MultilingualBuild.build(zip([spanish, french], ["es-ES", "fr-FR"]).map {
            BuildOptions(content: $0, output: URL(fileURLWithPath: "/nonexistent"), templates: Paths.templates, targetLocale: $1)
        }, output: site)
        let english = try parts(site, "en-us/search-index.js")
        let pages = (0..<150).filter { !(10..<40).contains($0) || $0 % 3 != 0 }.map { String(format: "guide/p-%03d.html", $0) }
        XCTAssertEqual(pages.count, 140)
        XCTAssertEqual(english.pages, pages)
        XCTAssertEqual(english.paths.count, SearchIndex.parts(of: pages).count)
        XCTAssertGreaterThan(english.paths.count, 1)
        XCTAssertEqual(try parts(site, "es-es/search-index.js").pages, (0..<150).filter { !(10..<40).contains($0) }.map { String(format: "guide/p-%03d.html", $0) })
        XCTAssertEqual(try parts(site, "fr-fr/search-index.js").pages.count, 100)
    }
}
