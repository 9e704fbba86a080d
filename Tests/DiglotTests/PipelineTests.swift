import XCTest
@testable import Diglot

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
