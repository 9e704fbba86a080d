import XCTest
@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates

/// Issue 12: the build's stages and their hand-offs.
final class PipelineTests: XCTestCase {
    private func resolve(_ content: URL, qa: Bool = true) throws -> (LoadedSite, ResolvedSite, BuildOptions) {
        let options = BuildOptions(content: content, output: try temporaryFolder(self, "output"), templates: Paths.templates, baseURL: "https://example.com/docs/",
                                   qaReport: qa)
        let loaded = try SiteLoader.load(options, qa: qa)
        let resolved = SiteResolver.resolve(pages: loaded.pages, reader: loaded.reader, site: loaded.site, targetLocale: nil,
                                            invitations: loaded.invitations, includeSiteBudget: Includes.maxSiteExpandedBytes, diagnostics: loaded.diagnostics)
        return (loaded, resolved, options)
    }

    private var contents: [URL] {
        [Paths.content, Paths.fixtures.appendingPathComponent("docset"), Paths.fixtures.appendingPathComponent("ja-docset")]
    }

    /// The publish plan is made before anything is rendered: it must name exactly the files the render
    /// stage makes (the writer refuses a file that is not in it).
    func testThePlanNamesEveryFileTheRendererMakes() throws {
        for content in contents {
            let (loaded, resolved, options) = try resolve(content)
            let plan = SiteRenderer.plan(resolved, templates: loaded.templates, qa: loaded.qa, baseURL: options.baseURL)
            let rendered = SiteRenderer.render(resolved, templates: loaded.templates, qa: loaded.qa, baseURL: options.baseURL)
            XCTAssertEqual(plan.count, Set(plan).count, content.lastPathComponent)
            XCTAssertEqual(Set(plan), Set(rendered.files.map(\.path)), content.lastPathComponent)
            XCTAssertTrue(plan.contains("sitemap.xml") && plan.contains(QAReport.path), content.lastPathComponent)
        }
    }

    /// Content rendered as each page is parsed (its model dropped at once) and content rendered later
    /// from the model (kept or parsed again) make the same site, byte for byte.
    func testEarlyContentMakesTheSameSite() throws {
        for content in contents {
            let (loaded, late, options) = try resolve(content)
            let early = SiteResolver.resolve(pages: loaded.pages, reader: loaded.reader, site: loaded.site, targetLocale: nil, invitations: loaded.invitations,
                                             includeSiteBudget: Includes.maxSiteExpandedBytes, diagnostics: loaded.diagnostics,
                                             earlyContent: SiteRenderer.earlyContent(templates: loaded.templates, qa: loaded.qa))
            XCTAssertEqual(early.source.contentCount, early.pages.count, "every page's content was rendered as it was parsed")
            XCTAssertEqual(late.source.contentCount, 0)
            let a = SiteRenderer.render(late, templates: loaded.templates, qa: loaded.qa, baseURL: options.baseURL)
            let b = SiteRenderer.render(early, templates: loaded.templates, qa: loaded.qa, baseURL: options.baseURL)
            XCTAssertEqual(a.files.map(\.path), b.files.map(\.path), content.lastPathComponent)
            for (x, y) in zip(a.files, b.files) { XCTAssertEqual(x.bytes, y.bytes, x.path) }
            XCTAssertEqual(a.diagnostics, b.diagnostics)
        }
    }

    /// Content and models kept between resolve and render share one memory budget, content counted at
    /// its arrays' capacities and kept at its size: past the budget a page keeps neither in memory (it
    /// was two budgets, and content past its own still kept the models of 16 MB of markdown: 375 MB at
    /// 20×); its content goes to the spill file instead, and comes back the same.
    func testContentAndModelsShareOneBudget() throws {
        let (loaded, late, options) = try resolve(Paths.fixtures.appendingPathComponent("docset"))
        XCTAssertGreaterThan(late.source.retainedCount, 0, "without early content the models are kept")
        func early(_ budget: Int) -> ResolvedSite {
            SiteResolver.resolve(pages: loaded.pages, reader: loaded.reader, site: loaded.site, targetLocale: nil, invitations: loaded.invitations,
                                 includeSiteBudget: Includes.maxSiteExpandedBytes, diagnostics: loaded.diagnostics,
                                 earlyContent: SiteRenderer.earlyContent(templates: loaded.templates, qa: loaded.qa), retainedBytes: budget)
        }
        let full = early(ResolvedPages.retainedBytes)
        let spent = early(0)
        XCTAssertEqual(full.source.contentCount, full.pages.count)
        // The budget is checked before a page is added, so a page per core may pass it.
        XCTAssertLessThanOrEqual(spent.source.contentCount, ProcessInfo.processInfo.activeProcessorCount)
        XCTAssertEqual(spent.source.retainedCount, 0, "past the budget no model is kept either")
        XCTAssertEqual(full.source.spilledCount, 0, "within the budget nothing is spilled")
        XCTAssertGreaterThan(spent.source.spilledCount, 0)
        XCTAssertEqual(spent.source.contentCount + spent.source.spilledCount, spent.pages.filter { !spent.titledPages.contains($0.path) }.count,
                       "every page whose content is rendered early is kept or spilled: none is parsed again")
        // A spilled page's content reads back as the content kept in memory (not through a second parse).
        let again = early(0), kept = early(ResolvedPages.retainedBytes)
        let spilledPath = try XCTUnwrap(again.pages.map(\.path).first { again.source.isSpilled($0) })
        let read = try XCTUnwrap(again.source.content(of: spilledPath), "the spill file gives the page back")
        let inMemory = try XCTUnwrap(kept.source.content(of: spilledPath))
        XCTAssertEqual([read.target, read.sideBySide, read.source, read.targetSearchEntry, read.sourceSearchEntry],
                       [inMemory.target, inMemory.sideBySide, inMemory.source, inMemory.targetSearchEntry, inMemory.sourceSearchEntry])
        XCTAssertFalse(read.target.isEmpty)
        let a = SiteRenderer.render(full, templates: loaded.templates, qa: loaded.qa, baseURL: options.baseURL)
        let b = SiteRenderer.render(spent, templates: loaded.templates, qa: loaded.qa, baseURL: options.baseURL)
        XCTAssertEqual(a.files.map(\.path), b.files.map(\.path))
        for (x, y) in zip(a.files, b.files) { XCTAssertEqual(x.bytes, y.bytes, x.path) }
        // Kept content is counted as what it costs, and costs what it holds (render handed `full`'s out).
        let path = try XCTUnwrap(full.pages.first { $0.path.hasSuffix("start.md") }?.path)
        let content = try XCTUnwrap(early(ResolvedPages.retainedBytes).source.content(of: path))
        for bytes in [content.target, content.sideBySide, content.source] {
            XCTAssertFalse(bytes.isEmpty)
            XCTAssertLessThanOrEqual(bytes.capacity, bytes.count + bytes.count / 16)
        }
        XCTAssertEqual(content.bytes, [content.target, content.sideBySide, content.source, content.targetSearchEntry, content.sourceSearchEntry]
            .map(\.capacity).reduce(0, +))
    }

    /// The render stage works out each page's render dependency from the navigation it frames the page
    /// with, as `renderFingerprints` does by rendering the navigation alone (a clean build renders it once).
    func testTheRenderStageWorksOutTheSameRenderDependencies() throws {
        for content in contents {
            let (loaded, resolved, options) = try resolve(content, qa: false)
            let expected = SiteRenderer.renderFingerprints(resolved, templates: loaded.templates)
            let log = RenderLog()
            _ = SiteRenderer.render(resolved, templates: loaded.templates, qa: nil, baseURL: options.baseURL, log: log) { _ in }
            XCTAssertEqual(Set(expected.keys), Set(resolved.pages.map(\.path)), content.lastPathComponent)
            XCTAssertEqual(log.renderDependencies, expected, content.lastPathComponent)
            XCTAssertGreaterThan(Set(expected.values).count, 1, "pages' navigation differs")
        }
    }

    /// A page's model is handed out once, and is the same whether it was kept from the first parse or
    /// parsed again (sites past `ResolvedPages.retainedBytes` are parsed twice).
    func testAPageParsedAgainIsTheSamePage() throws {
        let (_, resolved, _) = try resolve(Paths.fixtures.appendingPathComponent("docset"), qa: false)
        let path = try XCTUnwrap(resolved.pages.first { $0.path.hasSuffix("start.md") }?.path)
        let kept = resolved.source.model(of: path)
        let again = resolved.source.model(of: path)  // no longer kept: read and parsed again, includes expanded again
        XCTAssertFalse(kept.blocks.isEmpty)
        XCTAssertEqual(kept.blocks, again.blocks)
        XCTAssertEqual(kept.metadata, again.metadata)
    }

    /// `diglot check` stops before rendering: it reports what load, parse and resolve found, and the
    /// check stage's QA, and the same as a build's findings before rendering.
    func testCheckReportsWhatTheBuildFindsWithoutRendering() throws {
        let content = Paths.fixtures.appendingPathComponent("docset")
        let (_, resolved, options) = try resolve(content)
        let checked = try SiteBuilder.check(options)
        let built = try SiteBuilder.prepare(options)
        XCTAssertEqual(Set(resolved.diagnostics.map(\.description)).subtracting(checked.map(\.description)), [])
        XCTAssertEqual(Set(built.diagnostics.filter { $0.stage != .render && $0.stage != .write }.map(\.description))
            .subtracting(checked.map(\.description)), [])
    }
}
