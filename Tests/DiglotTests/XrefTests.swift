@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Issue 11, item 5: DocFX cross references, on the `xref-docset` fixture (pages that declare uids,
/// every xref form, a local xref map with an unsafe href and a remote one, a uid declared twice, TOC
/// entries by uid) and on the real AspNetCore.Docs.ko-kr (30,664 `href="xref:…"` before).
final class XrefTests: XCTestCase {
    func build() throws -> (output: URL, result: BuildResult) {
        let output = try temporaryFolder(self, "output")
        let result = try SiteBuilder.build(BuildOptions(content: Paths.fixtures.appendingPathComponent("xref-docset"), output: output, templates: Paths.templates))
        return (output, result)
    }

    func read(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every xref form in the translation and in English: a bare xref shows the linked page's title in
    /// the view's language, an anchor is kept (and checked), an xref map's uid links to its address with
    /// its name or full name, an unknown uid is its name as text; no `xref:` is left in any page.
    func testEveryFormInBothViews() throws {
        let (output, _) = try build()
        let target = try read(output, "es-es/docs/links.html")
        XCTAssertTrue(target.contains(#"Lea <a href="guide.html">Guía de inicio</a>.<span class="tu-src" lang="en-US">Read <a href="guide.html">Getting started guide</a>.</span>"#), target)
        XCTAssertTrue(target.contains(#"Vea <a href="guide.html#requirements">los requisitos</a>."#), target)
        XCTAssertTrue(target.contains(#"Use <a href="https://learn.microsoft.com/dotnet/api/system.string">String</a> o <a href="https://learn.microsoft.com/dotnet/api/system.string">System.String</a>."#), target)
        XCTAssertTrue(target.contains("Implemente IList y la interfaz."), target)
        XCTAssertTrue(target.contains("No siga Script."), "the map's javascript: href is not taken")
        let english = try read(output, "en-us/docs/links.html")
        XCTAssertTrue(english.contains(#"Read <a href="guide.html">Getting started guide</a>."#), english)
        XCTAssertTrue(english.contains(#"See <a href="guide.html#requirements">the requirements</a>."#), english)
        let sideBySide = try read(output, "sxs/docs/links.html")
        XCTAssertTrue(sideBySide.contains(#"Lea <a href="guide.html">Guía de inicio</a>."#), sideBySide)
        for (path, _) in fileTree(output) where path.hasSuffix(".html") || path.hasSuffix(".js") {
            let text = try read(output, path)
            XCTAssertFalse(text.contains("xref:"), path)
            XCTAssertFalse(text.contains("javascript:"), path)
        }
    }

    /// A markdown link with no text and no xref (`[](guide.md)`, machine translation drops link texts)
    /// shows the linked page's title in each view, as DocFX does, whether the site's content fits the
    /// memory budget or not: it was an empty link in every site that fitted it (the page's content was
    /// rendered as it was parsed, before any title was known), and the title only past it.
    func testALinkWithNoTextShowsThePageTitleWhateverTheBudget() throws {
        let content = try temporaryFolder(self, "content").appendingPathComponent("xref-docset")
        try FileManager.default.copyItem(at: Paths.fixtures.appendingPathComponent("xref-docset"), to: content)
        try Data("""
            ---
            ms.contentlocale: es-ES
            ---
            # <span data-ttu-id="e-1">Vacío</span><span class="sxs-lookup"><span data-stu-id="e-1">Empty</span></span>

            <span data-ttu-id="e-2">Vea [](guide.md).</span><span class="sxs-lookup"><span data-stu-id="e-2">See [](guide.md).</span></span>

            """.utf8).write(to: content.appendingPathComponent("docs/empty.md"))
        let options = BuildOptions(content: content, output: try temporaryFolder(self, "output"), templates: Paths.templates)
        let built = try SiteBuilder.build(options)
        XCTAssertFalse(built.diagnostics.contains { $0.severity == .error }, "\(built.diagnostics)")
        let target = try read(options.output, "es-es/docs/empty.html")
        XCTAssertTrue(target.contains(#"Vea <a href="guide.html">Guía de inicio</a>.<span class="tu-src" lang="en-US">See <a href="guide.html">Getting started guide</a>.</span>"#), target)
        XCTAssertTrue(try read(options.output, "en-us/docs/empty.html").contains(#"See <a href="guide.html">Getting started guide</a>."#))
        // Past the budget (nothing kept in memory: content spilled or parsed again) the site is the same.
        let loaded = try SiteLoader.load(options, qa: false)
        func site(_ budget: Int) -> [OutputFile] {
            let resolved = SiteResolver.resolve(pages: loaded.pages, reader: loaded.reader, site: loaded.site, targetLocale: nil, invitations: nil,
                                                includeSiteBudget: Includes.maxSiteExpandedBytes, diagnostics: loaded.diagnostics,
                                                earlyContent: SiteRenderer.earlyContent(templates: loaded.templates, qa: nil), retainedBytes: budget)
            XCTAssertTrue(resolved.titledPages.contains("docs/empty.md"))
            return SiteRenderer.render(resolved, templates: loaded.templates, qa: nil).files
        }
        let within = site(ResolvedPages.retainedBytes), past = site(0)
        XCTAssertEqual(within.map(\.path), past.map(\.path))
        for (a, b) in zip(within, past) { XCTAssertEqual(a.bytes, b.bytes, a.path) }
        XCTAssertTrue(String(decoding: try XCTUnwrap(within.first { $0.path == "es-es/docs/empty.html" }).bytes, as: UTF8.self)
            .contains(#"Vea <a href="guide.html">Guía de inicio</a>."#))
    }

    /// A page the threads left unexpanded (the site's include budget looked spent) and the resolve
    /// stage's serial pass then expands (in path order it is within the budget) shows another page's
    /// title if its include does: it is a titled page, so that a title change renders it again in an
    /// incremental build. (The serial pass dropped that, and the page kept its last build's link text.)
    func testAPageExpandedAfterTheThreadsKeepsItsIncludesTitledLinks() throws {
        guard ProcessInfo.processInfo.activeProcessorCount > 1 else { throw XCTSkip("needs two threads: one page is read while another waits") }
        let content = try temporaryFolder(self, "content").appendingPathComponent("xref-docset")
        try FileManager.default.copyItem(at: Paths.fixtures.appendingPathComponent("xref-docset"), to: content)
        let docs = content.appendingPathComponent("docs")
        try Data(#"{ "build": { "content": [{ "files": ["**/*.md"], "exclude": ["includes/**"] }] } }"#.utf8).write(to: docs.appendingPathComponent("docfx.json"))
        try FileManager.default.createDirectory(at: docs.appendingPathComponent("includes"), withIntermediateDirectories: true)
        func unit(_ id: String, _ target: String, _ source: String) -> String {
            #"<span data-ttu-id="\#(id)">\#(target)</span><span class="sxs-lookup"><span data-stu-id="\#(id)">\#(source)</span></span>"#
        }
        func page(_ id: String, include: String) -> Data {
            Data("---\nms.contentlocale: es-ES\n---\n# \(unit(id + "-1", "Página", "Page"))\n\n[!INCLUDE [i](includes/\(include))]\n".utf8)
        }
        try Data((unit("n-1", "Vea [](../guide.md).", "See [](../guide.md).") + "\n").utf8).write(to: docs.appendingPathComponent("includes/note.md"))
        try Data(String(repeating: unit("b-1", "Texto.", "Text.") + "\n\n", count: 200).utf8).write(to: docs.appendingPathComponent("includes/big.md"))
        try page("a", include: "note.md").write(to: docs.appendingPathComponent("a-first.md"))
        try page("z", include: "big.md").write(to: docs.appendingPathComponent("zz-last.md"))
        let options = BuildOptions(content: content, output: try temporaryFolder(self, "output"), templates: Paths.templates)
        let loaded = try SiteLoader.load(options, qa: false)
        /// Reads `docs/a-first.md` late, so that the threads have spent the budget on `docs/zz-last.md` by then.
        struct Late: PageReader {
            let reader: any PageReader
            func read(_ path: String) -> Result<SourceFile, Diagnostic> {
                if path == "docs/a-first.md" { Thread.sleep(forTimeInterval: 0.3) }
                return reader.read(path)
            }
        }
        // Within the budget: a-first's note (a few hundred bytes); past it: zz-last's 200 paragraphs.
        // On a loaded machine the threads may reach a-first before zz-last is expanded: tried again then.
        var attempt = 0
        var resolved: ResolvedSite
        repeat {
            attempt += 1
            resolved = SiteResolver.resolve(pages: loaded.pages, reader: Late(reader: loaded.reader), site: loaded.site, targetLocale: nil, invitations: nil,
                                            includeSiteBudget: 4_000, diagnostics: loaded.diagnostics, cached: [:])
        } while resolved.summaries["docs/a-first.md"] != nil && attempt < 5
        XCTAssertNil(resolved.summaries["docs/a-first.md"], "expanded by the serial pass (its include files are not recorded, so it is not cached), in \(attempt) attempts")
        let findings = resolved.diagnostics.filter { $0.code == .includeLimit }.map(\.file)
        XCTAssertEqual(findings, ["docs/zz-last.md"], "a-first's include is expanded, zz-last's is not")
        XCTAssertTrue(resolved.titledPages.contains("docs/a-first.md"), "its include's link shows guide's title")
        let html = String(decoding: try XCTUnwrap(SiteRenderer.render(resolved, templates: loaded.templates, qa: nil).files
            .first { $0.path == "es-es/docs/a-first.html" }).bytes, as: UTF8.self)
        XCTAssertTrue(html.contains(#"Vea <a href="guide.html">Guía de inicio</a>."#), html)
    }

    /// A page the page cache holds unchanged is not read again for its uid (a one-page edit read every
    /// page for it): the cache keeps the uid each page declares, a second declarer's too, and the map,
    /// its fingerprint and its findings come out as when every page is read. Only the second declarer
    /// is read, for its finding's position.
    func testThePageCacheKeepsEachPagesUID() throws {
        let options = BuildOptions(content: Paths.fixtures.appendingPathComponent("xref-docset"), output: try temporaryFolder(self, "output"),
                                   templates: Paths.templates)
        let loaded = try SiteLoader.load(options, qa: false)
        func resolve(_ reader: any PageReader, cached: [String: PageSummary]) -> ResolvedSite {
            SiteResolver.resolve(pages: loaded.pages, reader: reader, site: loaded.site, targetLocale: "es-ES", invitations: nil,
                                 includeSiteBudget: Includes.maxSiteExpandedBytes, cached: cached)
        }
        let first = resolve(loaded.reader, cached: [:])
        XCTAssertEqual(first.summaries["docs/guide.md"]?.uid, "start/guide")
        XCTAssertEqual(first.summaries["docs/zz-copy.md"]?.uid, "start/guide")
        XCTAssertNil(first.summaries["docs/links.md"]?.uid)
        // Through the cache's bytes, as the next build reads it.
        var bytes = PageCacheCoding.Reader(bytes: PageCache(global: "", xrefs: first.xrefDigest, pages: first.summaries, complete: true).bytes)
        let stored = try bytes.cache()
        XCTAssertEqual(stored.pages["docs/zz-copy.md"]?.uid, "start/guide")
        let counting = CountingReader(loaded.reader)
        let second = resolve(counting, cached: stored.pages)
        XCTAssertEqual(Set(counting.paths).intersection(loaded.pages), ["docs/zz-copy.md"])
        XCTAssertEqual(second.xrefDigest, first.xrefDigest)
        XCTAssertEqual(second.diagnostics.filter { $0.code == .duplicateUID }, first.diagnostics.filter { $0.code == .duplicateUID })
        XCTAssertEqual(second.diagnostics.filter { $0.code == .duplicateUID }.count, 1)
    }

    /// A uid changed between two builds: the page that declares it is read again (its inputs
    /// changed), the site's uids' fingerprint changes, and the rebuild equals a clean build of the
    /// edited content; the xref now leads to the page that still declares the uid.
    func testAUidChangedBetweenBuildsIsSeen() throws {
        let content = try temporaryFolder(self, "content").appendingPathComponent("xref-docset")
        try FileManager.default.copyItem(at: Paths.fixtures.appendingPathComponent("xref-docset"), to: content)
        let output = try temporaryFolder(self, "output")
        let first = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates))
        XCTAssertTrue(first.diagnostics.contains { $0.code == .duplicateUID })
        XCTAssertTrue(try read(output, "es-es/docs/links.html").contains(#"Lea <a href="guide.html">"#))
        let guide = content.appendingPathComponent("docs/guide.md")
        try (try String(contentsOf: guide, encoding: .utf8)).replacingOccurrences(of: "uid: start/guide", with: "uid: start/renamed")
            .write(to: guide, atomically: true, encoding: .utf8)
        let second = try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates))
        XCTAssertFalse(second.diagnostics.contains { $0.code == .duplicateUID }, "zz-copy.md is the uid's one page now")
        XCTAssertTrue(try read(output, "es-es/docs/links.html").contains(#"Lea <a href="zz-copy.html">"#))
        let clean = try temporaryFolder(self, "clean")
        _ = try SiteBuilder.build(BuildOptions(content: content, output: clean, templates: Paths.templates))
        let (a, b) = (fileTree(output), fileTree(clean))
        XCTAssertEqual(Set(a.keys), Set(b.keys))
        for (path, bytes) in b where !path.hasPrefix(".diglot") { XCTAssertEqual(a[path], bytes, path) }
    }

    /// Each unknown uid once where it is first named, a bad anchor where it is written, a uid declared
    /// twice, a TOC uid that names nothing; the remote map is not fetched (nothing about it).
    func testEveryDiagnostic() throws {
        let (_, result) = try build()
        XCTAssertEqual(located(result.diagnostics), [
            "docs/links.md:12:36 DG604 warning no page of the build and no local xref map declares uid \"System.Collections.Generic.IList`1\"; it is shown as text (named in 2 places)",
            "docs/links.md:12:82 DG604 warning no page of the build and no local xref map declares uid \"System.IDisposable\"; it is shown as text (named in 2 places)",
            "docs/links.md:14:33 DG604 warning no page of the build and no local xref map declares uid \"Evil.Script\"; it is shown as text (named in 2 places)",
            "docs/links.md:16:37 DG602 warning the anchor #nowhere is not on docs/guide.md",
            "docs/links.md:16:135 DG602 warning the anchor #nowhere is not on docs/guide.md",
            "docs/toc.yml:8:8 DG604 warning the TOC entry's uid \"missing/page\" is declared by no page of the build and no local xref map; the entry is shown as text",
            "docs/zz-copy.md:2:6 DG605 warning uid \"start/guide\" is declared by docs/guide.md too; xrefs to it lead there",
        ])
    }

    /// TOC entries by uid open the page in the view (sidebar data), or the xref map's address.
    func testTOCEntriesByUID() throws {
        let (output, _) = try build()
        let toc = try read(output, "es-es/docs/toc.js")
        XCTAssertTrue(toc.contains(#"["Guía","docs/guide.html",0,0]"#), toc)
        XCTAssertTrue(toc.contains(#"["API","https://learn.microsoft.com/dotnet/api/system.string",0,2]"#), toc)
        XCTAssertTrue(toc.contains(#"["Perdido",null,0,0]"#), toc)
    }

    func testReferenceSyntax() throws {
        let reference = try XCTUnwrap(XrefMap.reference("xref:System.Collections.Generic.List%601?displayProperty=fullName#remarks"))
        XCTAssertEqual(reference.uid, "System.Collections.Generic.List`1")
        XCTAssertEqual(reference.anchor, "remarks")
        XCTAssertTrue(reference.fullName)
        XCTAssertEqual(XrefMap.displayName(reference.uid, fullName: false), "List")
        XCTAssertEqual(XrefMap.displayName("fundamentals/startup", fullName: false), "fundamentals/startup")
        XCTAssertNil(XrefMap.reference("xref:"))
        XCTAssertNil(XrefMap.reference("https://example.com/xref:x"))
    }

    /// The real docset: no `xref:` link is left; uids of its pages resolve (links and TOC), API uids
    /// (Learn's xrefService, not reachable offline) are text with one warning each.
    func testAspNetCoreCorpusHasNoXrefLinkLeft() throws {
        let corpus = Paths.package.appendingPathComponent("../shared/corpora/AspNetCore.Docs.ko-kr").standardizedFileURL
        guard FileManager.default.fileExists(atPath: corpus.path) else { throw XCTSkip("../shared/corpora/AspNetCore.Docs.ko-kr is not beside the package") }
        let output = try temporaryFolder(self, "output")
        let result = try SiteBuilder.build(BuildOptions(content: corpus, output: output, templates: Paths.templates))
        var pages = 0
        for (path, data) in fileTree(output) where path.hasSuffix(".html") {
            pages += 1
            let text = String(decoding: data, as: UTF8.self)
            XCTAssertFalse(text.contains("href=\"xref:"), path)
        }
        XCTAssertGreaterThan(pages, 580)
        let unknown = result.diagnostics.filter { $0.code == .unknownXref }
        // Every unknown uid is an API uid (dotted, no `/`) or one of the few page uids the docset lacks.
        let pageLike = Set(unknown.compactMap { diagnostic -> String? in
            guard let uid = diagnostic.message.split(separator: "\"").dropFirst().first, uid.contains("/") else { return nil }
            return String(uid)
        })
        XCTAssertLessThan(pageLike.count, 40, pageLike.sorted().joined(separator: ", "))
        let toc = try String(contentsOf: output.appendingPathComponent("ko-kr/aspnetcore/toc.js"), encoding: .utf8)
        XCTAssertTrue(toc.contains(#""aspnetcore/fundamentals/startup.html""#), "TOC entries by uid open their pages")
    }
}

/// A page reader that records the paths read.
private final class CountingReader: PageReader, @unchecked Sendable {
    private let inner: any PageReader
    private let lock = NSLock()
    private var log: [String] = []
    init(_ inner: any PageReader) { self.inner = inner }
    var paths: [String] { lock.withLock { log } }
    func read(_ path: String) -> Result<SourceFile, Diagnostic> {
        lock.withLock { log.append(path) }
        return inner.read(path)
    }
}
