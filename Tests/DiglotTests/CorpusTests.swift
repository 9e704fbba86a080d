@testable import Diglot
import Foundation
import XCTest

/// The real docset in ../shared/corpora: 370 pages, 32,360 units. Skips, saying why, where it is absent.
final class CorpusTests: XCTestCase {
    func sources(_ corpus: URL) throws -> [SourceFile] {
        try ContentLoader.markdownPaths(in: corpus).map { try ContentLoader.read($0, in: corpus).get() }
    }

    func testEveryPageParsesWithoutErrorAndEveryUnitHasItsSource() throws {
        let corpus = try requireCorpus()
        let files = try sources(corpus)
        XCTAssertEqual(files.count, 370)
        var units = 0
        var summary: [String] = []
        var warnings: [String] = []
        for file in files {
            let parsed = PageParser.parse(file)
            XCTAssertFalse(parsed.diagnostics.hasErrors, "\(file.path): \(parsed.diagnostics.filter { $0.severity == .error })")
            warnings += parsed.diagnostics.map(\.description)
            let segments = parsed.page.segments
            units += segments.count
            for segment in segments where segment.target.isEmpty || segment.source.isEmpty {
                XCTFail("\(file.path): unit \(segment.id) is not paired: \(segment)")
            }
            // The plain text of a unit never holds the pipeline's markup.
            for segment in segments where segment.source.contains("data-stu-id") || segment.target.contains("sxs-lookup") {
                XCTFail("\(file.path): unit \(segment.id) kept span markup")
            }
            let raw = String(decoding: file.bytes, as: UTF8.self)
            XCTAssertEqual(segments.count, raw.components(separatedBy: "data-ttu-id=\"").count - 1, file.path)
            summary.append("\(file.path)\t\(segments.count)\t\(parsed.page.blocks.count)\t\(segments.first?.id ?? "-")\t\(segments.last?.id ?? "-")")
        }
        XCTAssertEqual(units, 32_360)
        // Page by page: units, top-level blocks, first and last unit id.
        try assertGolden(summary.joined(separator: "\n") + "\n", "corpus.summary.tsv")
        // The only findings on the corpus are these warnings, each true (see the golden file).
        try assertGolden(warnings.joined(separator: "\n") + "\n", "corpus.diagnostics.txt")
    }

    func testTheWholeCorpusBuildsInThreeViews() throws {
        let corpus = try requireCorpus()
        let output = try temporaryFolder(self)
        let result = try SiteBuilder.build(BuildOptions(content: corpus, output: output, templates: Paths.templates))
        XCTAssertFalse(result.diagnostics.hasErrors)
        // Issue 10/11: the two TOC.md files are TOCs (as DocFX reads them), not pages.
        XCTAssertEqual(result.pages, 379, "368 markdown pages and 11 YAML landing and FAQ pages")
        XCTAssertEqual(result.units, 32_360)
        for path in try ContentLoader.markdownPaths(in: corpus) where (path as NSString).lastPathComponent.lowercased() != "toc.md" {
            // Every markdown page of the corpus has units, so all three views.
            let html = String(path.dropLast(3)) + ".html"
            for folder in ["es-es", "sxs", "en-us"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(folder)/\(html)").path), "\(folder)/\(html)")
            }
        }
        // 368 markdown pages and 108 redirects in three views, and the 11 YAML pages, which have no
        // units, in the translation's alone; start page, 404, CSS, script, the redirect pages' script; three TOCs (toc.js and
        // toc.html) in three views: two docsets' and, for the pages of none, Archive/TOC.md, the
        // nearest TOC of Archive's pages; search indexes of the translation and of English, one per
        // docset with pages (partner-center, marketplace) and one for the pages of none, partner-center's
        // in parts (the first names how many).
        // And highlight.js, where Debian's libjs-highlight.js is installed: the corpus's pages show code in named languages.
        let moreParts = try ["es-es", "en-us"].map { view -> Int in
            try XCTUnwrap(SearchIndex.partCount(in: [UInt8](Data(contentsOf: output.appendingPathComponent(view + "/partner-center/search-index.js"))))) - 1
        }.reduce(0, +)
        XCTAssertEqual(moreParts, 16, "partner-center's two indexes in 9 parts each")
        XCTAssertEqual(result.fileCount, 368 * 3 + 11 + 108 * 3 + 5 + 3 * 2 * 3 + 3 * 2 + moreParts + (try Self.highlighterFiles()))
        // The search indexes of the translation hold every page once, and find the specified page.
        // partner-center's comes in parts (`SearchIndex.parts`): its first names how many.
        let first = try String(contentsOf: output.appendingPathComponent("es-es/partner-center/search-index.js"), encoding: .utf8)
        let partCount = try XCTUnwrap(SearchIndex.partCount(in: Array(first.utf8)), String(first.suffix(20)))
        XCTAssertGreaterThan(partCount, 4)
        let indexFiles = (0..<partCount).map { SearchIndex.partPath("es-es/partner-center/search-index.js", part: $0) }
            + ["es-es/marketplace/search-index.js", "es-es/search-index.js"]
        let index = try indexFiles.map { try String(contentsOf: output.appendingPathComponent($0), encoding: .utf8) }
            .map { text in text.dropFirst("DiglotSearch.receive([".count)[..<text.range(of: "\n]", options: .backwards)!.lowerBound] }.joined()
        XCTAssertTrue(first.hasSuffix("],\(partCount));\n"))
        let json = "[" + index.trimmingCharacters(in: .whitespacesAndNewlines).dropLast() + "]"
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]])
        XCTAssertEqual(entries.count, 379)
        XCTAssertEqual(Set(entries.map { $0[0] }).count, 379)
        let sample = try XCTUnwrap(entries.first { $0[0] == "partner-center/request-a-relationship-with-a-customer.html" })
        XCTAssertTrue(sample[2].contains("relación de revendedor"), sample[2].prefix(200).description)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/partner-center/payout-faq.html").path))
        // Redirects to YAML pages of the build stay in the site (payout-faq.yml is an FAQ page).
        let redirect = try String(contentsOf: output.appendingPathComponent("es-es/partner-center/incentives-payout-tax-profile-faqs.html"), encoding: .utf8)
        XCTAssertTrue(redirect.contains("url=../../es-es/partner-center/payout-faq.html"), redirect)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/partner-center-china-dynamic/add-a-new-customer.html").path))
    }

    /// The files of highlight.js a site with code ships (none where libjs-highlight.js is not installed).
    static func highlighterFiles() throws -> Int {
        try TemplateSet.load(from: Paths.templates).assets.filter { $0.path.hasPrefix("assets/highlight/") }.count
    }

    func testTheCommandLineBuildsTheCorpusAndExitsZero() throws {
        let corpus = try requireCorpus()
        let output = try temporaryFolder(self)
        let run = try runDiglot(["build", "--content", corpus.path, "--output", output.path, "--templates", Paths.templates.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let warnings = run.stderr.split(separator: "\n")
        // 1,484 files: as in `testTheWholeCorpusBuildsInThreeViews`, with partner-center's two search indexes in 9 parts each.
        XCTAssertTrue(run.stdout.hasPrefix("Built 379 pages (32360 units) into \(output.path): \(1484 + (try Self.highlighterFiles())) files, 0 errors, \(warnings.count) warnings."), run.stdout)
        XCTAssertTrue(warnings.allSatisfy { $0.contains(": warning: ") })
        // Every warning of the whole build, each checked true by hand on a sample (see the closing notes):
        // broken links and missing anchors the pages really have, and the images the repository lacks.
        try assertGolden(run.stderr, "corpus.build-diagnostics.txt")
    }
}
