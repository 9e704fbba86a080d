@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Issue 11, items 1, 3, 4, 10 and 11: DocFX's tabs, monikers and zone pivots, Learn's rows and
/// columns, directives written inside units, and HTML comments, in the model and in the three views.
final class DocFXContainerTests: XCTestCase {
    func parse(_ markdown: String) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        let parsed = PageParser.parse(.page("t.md", markdown))
        return (parsed.page.blocks, parsed.diagnostics)
    }

    func kinds(_ blocks: [Block]) -> [String] {
        blocks.map { block in
            switch block.kind {
            case .tabGroup(let group): return "tabs(" + group.tabs.map { $0.id + ($0.condition.map { "/" + $0 } ?? "") }.joined(separator: ",") + ")"
            case .moniker(let moniker): return "moniker(\(moniker.range))[" + kinds(moniker.blocks).joined(separator: ",") + "]"
            case .zone(let zone): return "zone(\(zone.pivots.joined(separator: ",")))[" + kinds(zone.blocks).joined(separator: ",") + "]"
            case .row(let row): return "row(" + row.columns.map { "\($0.span):" + kinds($0.blocks).joined(separator: ",") }.joined(separator: "|") + ")"
            case .list(let list): return "list(\(list.start),\(list.items.count))"
            case .heading: return "heading"
            case .paragraph: return "paragraph"
            default: return "other"
            }
        }
    }

    /// The issue's small input: one tab group of two tabs, no heading, no warning; the first tab's
    /// label is its unit, shown as the translation, its English on hover.
    func testTheIssuesTabExampleIsOneGroupOfTwoTabs() throws {
        let (blocks, diagnostics) = parse("""
            # [\(unit("t-1", "CLI de .NET", ".NET CLI"))](#tab/netcore-cli)

            \(unit("t-2", "Ejecute `dotnet new webapp`.", "Run `dotnet new webapp`."))

            # [Visual Studio](#tab/visual-studio)

            \(unit("t-3", "Seleccione **Nuevo proyecto**.", "Select **New project**."))

            ---
            """)
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertEqual(kinds(blocks), ["tabs(netcore-cli,visual-studio)"])
        guard case .tabGroup(let group) = blocks[0].kind else { return XCTFail() }
        XCTAssertEqual(group.tabs.map { PlainText.of($0.title.side(.target)) }, ["CLI de .NET", "Visual Studio"])
        XCTAssertEqual(group.tabs.map { PlainText.of($0.title.side(.source)) }, [".NET CLI", "Visual Studio"])
        let html = HTMLRenderer.render(blocks, options: .init(side: .target, hover: true), headingIDs: [])
        XCTAssertFalse(html.contains("<h1"), html)
        XCTAssertFalse(html.contains("#tab/"), html)
        XCTAssertTrue(html.contains(#"<button type="button" role="tab" id="tab-1-0" aria-controls="tabpanel-1-0" aria-selected="false" tabindex="-1" data-tab="netcore-cli"><span class="tu" data-tu="t-1">CLI de .NET<span class="tu-src" lang="en-US">.NET CLI</span></span></button>"#), html)
        XCTAssertTrue(html.contains(#"<section class="tab-panel" id="tabpanel-1-1" role="tabpanel" aria-labelledby="tab-1-1" data-tab="visual-studio">"#), html)
    }

    /// A tab group inside another's panel (here in a zone) has ids of its own, and the outer group's
    /// later panels keep the outer group's (each panel labelled by its own group's button). Before the
    /// split of HTMLRenderer the outer group's later ids took the inner group's number.
    func testNestedTabGroupsKeepTheirOwnIds() throws {
        let (blocks, _) = parse("""
            # [A](#tab/a)

            ::: zone pivot="x"

            ## [B](#tab/b)

            Uno.

            ## [C](#tab/c)

            Dos.

            ::: zone-end

            # [D](#tab/d)

            Tres.
            """)
        let html = HTMLRenderer.render(blocks, options: .init(side: .target, hover: true), headingIDs: [])
        for (group, panel) in [(1, 0), (1, 1), (2, 0), (2, 1)] {
            XCTAssertTrue(html.contains(#"id="tab-\#(group)-\#(panel)" aria-controls="tabpanel-\#(group)-\#(panel)""#), "button \(group)-\(panel): " + html)
            XCTAssertTrue(html.contains(#"id="tabpanel-\#(group)-\#(panel)" role="tabpanel" aria-labelledby="tab-\#(group)-\#(panel)""#), "panel \(group)-\(panel): " + html)
        }
    }

    /// Tab groups end at `---` or at the end of their container; a heading that is not a tab stays in
    /// the tab's panel (as DocFX's `TabGroupAggregator` has it); dependent tabs keep their condition;
    /// a heading whose unit holds the tab link on both sides is a tab too.
    func testTabGroupsEndAndDependentTabs() throws {
        let (blocks, diagnostics) = parse("""
            # [Linux](#tab/linux)

            ## Inside

            Text.

            # [Windows](#tab/windows+win11)

            ---

            # [.NET](#tab/dotnet/linux)

            > [!NOTE]
            > # [A](#tab/a)
            > Quoted.

            ## \(unit("t-9", "[Más](#tab/more)", "[More](#tab/more)"))

            After.
            """)
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertEqual(kinds(blocks), ["tabs(linux,windows+win11)", "tabs(dotnet/linux,more)"])
        guard case .tabGroup(let first) = blocks[0].kind, case .tabGroup(let second) = blocks[1].kind else { return XCTFail() }
        XCTAssertEqual(kinds(first.tabs[0].blocks), ["heading", "paragraph"])
        XCTAssertEqual(second.tabs[0].condition, "linux")
        guard case .alert(let alert) = second.tabs[0].blocks[0].kind else { return XCTFail("the note stays in the first tab") }
        XCTAssertEqual(kinds(alert.blocks), ["tabs(a)"], "a tab group inside a note is the note's")
        XCTAssertEqual(PlainText.of(second.tabs[1].title.side(.target)), "Más")
        XCTAssertEqual(PlainText.of(second.tabs[1].title.side(.source)), "More")
        XCTAssertEqual(kinds(second.tabs[1].blocks), ["paragraph"])
        // `#tab/` links that are no tab: more than one link, a bad id, text beside the link.
        for heading in ["# [A](#tab/a) and more", "# [A](#tab/a b)", "# [A](#tab/a/b/c)", "# [A](#tab/)"] {
            XCTAssertEqual(kinds(parse(heading).blocks), ["heading"], heading)
        }
    }

    /// The three views of a page with every container, as golden files: tabs (dependent ones too),
    /// moniker blocks and the version picker, a moniker block written between list items (lazy
    /// lines), a zone whose directives machine translation wrapped in units, a row of two columns, and
    /// a comment that leaves nothing.
    func testTheThreeViewsOfEveryContainer() throws {
        let output = try temporaryFolder(self, "output")
        let result = try SiteBuilder.build(BuildOptions(content: Paths.fixtures.appendingPathComponent("docfx"), output: output, templates: Paths.templates))
        XCTAssertEqual(result.diagnostics.filter { $0.file == "containers.md" }.map(\.description), [])
        func text(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        for (view, path) in [("target", "es-es/containers.html"), ("side-by-side", "sxs/containers.html"), ("source", "en-us/containers.html")] {
            let page = try text(path)
            let article = try XCTUnwrap(page.range(of: "<article").map { page[$0.lowerBound...] }.flatMap { rest in rest.range(of: "</article>").map { String(rest[..<$0.upperBound]) } })
            try assertGolden(article + "\n", "docfx-containers.\(view).html")
            for leftover in ["#tab/", ":::", "Oculto", "Hidden", "<!--"] { XCTAssertFalse(page.contains(leftover), "\(leftover) in \(path)") }
        }
        let english = try text("en-us/containers.html")
        XCTAssertTrue(english.contains(#"<div class="version-picker" hidden><label>Version <select><option>aspnetcore-2.1</option><option selected>aspnetcore-3.0</option></select></label></div>"#), english)
        let spanish = try text("es-es/containers.html")
        XCTAssertTrue(spanish.contains("<label>Versión <select>"), spanish)
    }

    /// Zone pivots: the page's groups from the docset's zone-pivot-groups.yml give a picker (the group's
    /// prompt, its pivots' titles); a pivot no group defines and a group the docset lacks are DG606.
    func testZonePivotPickerAndUnknownPivots() throws {
        let output = try temporaryFolder(self, "output")
        let result = try SiteBuilder.build(BuildOptions(content: Paths.fixtures.appendingPathComponent("docfx"), output: output, templates: Paths.templates))
        XCTAssertEqual(result.diagnostics.filter { $0.file == "pivots.md" }.map(\.description), [
            "pivots.md:4:20: warning: zone_pivot_groups names \"platforms\", which the docset's zone-pivot-groups.yml does not define [DG606 unknown-pivot]",
            "pivots.md:26:1: warning: the zone's pivot \"ruby\" is in none of the page's pivot groups; the zone is shown with the others [DG606 unknown-pivot]",
        ])
        let page = try String(contentsOf: output.appendingPathComponent("es-es/pivots.html"), encoding: .utf8)
        XCTAssertTrue(page.contains(#"<div class="pivot-picker" hidden><label>Elija un lenguaje <select data-pivot-group="languages"><option value="csharp">C#</option><option value="python">Python</option></select></label></div>"#), page)
        XCTAssertTrue(page.contains(#"<div class="zone" data-pivot="python csharp">"#), page)
        // Without script a zone says its pivots by their titles; an unknown pivot by its id.
        XCTAssertTrue(page.contains(#"<p class="zone-label">Python, C#</p>"#), page)
        XCTAssertTrue(page.contains(#"<p class="zone-label">ruby</p>"#), page)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/zone-pivot-groups.html").path), "the groups file is no page")
    }

    /// `> [!VIDEO]` embeds only https players of the allowed hosts (a GFM autolink in the marker is
    /// read too); another address is a link and DG804; a script address is `#`.
    func testVideos() throws {
        let (blocks, _) = parse("""
            > [!VIDEO https://www.youtube.com/embed/abc]

            > [!VIDEO https://evil.example/player]

            > [!VIDEO javascript:alert(1)]
            """)
        XCTAssertEqual(blocks.map { if case .video(let v) = $0.kind { return v.source } else { return "other" } },
                       ["https://www.youtube.com/embed/abc", "https://evil.example/player", "javascript:alert(1)"])
        let (safe, diagnostics) = ActiveContent.neutralize(Page(path: "t.md", metadata: Metadata(), blocks: blocks))
        XCTAssertEqual(diagnostics.map(\.description), [
            "t.md:3:1: warning: the video https://evil.example/player is not https on a host Diglot embeds (YouTube, Microsoft's players, Vimeo): it is shown as a link [DG804 video-host]",
            "t.md:5:1: warning: the link URL \"javascript:alert(1)\" (javascript:) is written as \"#\" [DG801 unsafe-url]",
        ])
        let html = HTMLRenderer.render(safe.blocks, options: .init(side: .target, hover: true), headingIDs: [])
        XCTAssertEqual(html, """
            <div class="embedded-video"><iframe src="https://www.youtube.com/embed/abc" title="Video" referrerpolicy="strict-origin-when-cross-origin" allow="fullscreen; picture-in-picture" allowfullscreen></iframe></div>
            <p class="video-link"><a href="https://evil.example/player">Video</a></p>
            <p class="video-link"><a href="#">Video</a></p>\n
            """)
    }

    /// `:::image:::` inside a sentence is an inline image; an icon has no alt text.
    /// (dynamics365smb-docs-pr.de-de/business-central/admin-scheduled-synchronization-using-the-synchronization-job-queue-entries.md:82,
    /// across-how-create-sandbox-environment.md:72.)
    func testImagesInsideASentence() {
        let (blocks, _) = parse("""
            1. Wählen Sie das :::image type="icon" source="media/search_small.png" border="false":::-Symbol.

            Im Menü :::image type="content" source="media/settings.png" alt-text="Einstellungssymbol":::.
            """)
        let html = HTMLRenderer.render(blocks, options: .init(side: .target, hover: true), headingIDs: [])
        XCTAssertEqual(html, """
            <ol>
            <li>Wählen Sie das <img src="media/search_small.png" alt="">-Symbol.</li>
            </ol>
            <p>Im Menü <img src="media/settings.png" alt="Einstellungssymbol">.</p>\n
            """)
    }

    /// A directive with no end, an end with no start and a column outside a row are warnings at
    /// their line and column; the page is built whole.
    func testUnbalancedDirectivesAreLocatedWarnings() {
        let (blocks, diagnostics) = parse("""
            Text.

            ::: zone-end

            :::column:::
            In a column.
            :::column-end:::

            ::: moniker range=">= aspnetcore-3.0"

            Versioned.
            """)
        XCTAssertEqual(diagnostics.map(\.description), [
            "t.md:3:1: warning: \"::: zone-end\" closes no directive opened before it in the same container; it is left out [DG215 unbalanced-directive]",
            "t.md:5:1: warning: \":::column:::\" stands outside a \":::row:::\"; it is shown as a row of one column [DG215 unbalanced-directive]",
            "t.md:9:1: warning: \"::: moniker range=\">= aspnetcore-3.0\"\" has no \"::: moniker-end\" in the same container; it encloses the rest of it [DG215 unbalanced-directive]",
        ])
        XCTAssertEqual(kinds(blocks), ["paragraph", "row(1:paragraph)", "moniker(>= aspnetcore-3.0)[paragraph]"])
    }

    /// A unit whose both sides are directives acts as the directive (the source's); a unit with a
    /// directive on one side only is text, as written.
    func testDirectivesInsideUnits() {
        let (blocks, diagnostics) = parse("""
            \(unit("z-1", "::: zone pivot=\"csharp\"", "::: zone pivot=\"csharp\""))

            \(unit("z-2", "Código.", "Code."))

            \(unit("z-3", "::: zone-end", "::: zone-end"))

            \(unit("z-4", "::: zona", "::: zone-end"))
            """)
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertEqual(kinds(blocks), ["zone(csharp)[paragraph]", "paragraph"])
    }

    /// The corpus's `::: moniker-end` right under a list item (cmark reads it as a lazy continuation
    /// of the item's paragraph; DocFX as the end of the list and of the moniker block): no warning.
    func testALazyDirectiveLineClosesTheList() {
        // AspNetCore.Docs.ko-kr, host-and-deploy/docker/building-net-docker-images.md:44-47.
        let (blocks, diagnostics) = parse("""
            ::: moniker range="< aspnetcore-3.0"

            * [.NET Core 2.2 SDK](https://dotnet.microsoft.com/download/dotnet-core)
            ::: moniker-end

            > [!NOTE]
            > Quoted.
            ::: moniker range=">= aspnetcore-3.0"

            Text.
               ::: moniker-end
            """)
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertEqual(kinds(blocks), ["moniker(< aspnetcore-3.0)[list(1,1)]", "other", "moniker(>= aspnetcore-3.0)[paragraph]"])
    }

    /// Directives nested past the model's depth stay text, reported once; nothing recurses unbounded.
    func testDirectiveNestingIsBounded() {
        let markdown = String(repeating: "::: zone pivot=\"a\"\n\n", count: 200) + "Deep.\n"
        let (blocks, diagnostics) = parse(markdown)
        XCTAssertEqual(Set(diagnostics.map(\.code)), [.nestingTooDeep, .unbalancedDirective])
        XCTAssertEqual(diagnostics.filter { $0.code == .nestingTooDeep }.count, 1, "reported once, where the depth is passed")
        var depth = 0
        var level = blocks
        while let first = level.first, case .zone(let zone) = first.kind { depth += 1; level = zone.blocks }
        XCTAssertEqual(depth, TreeWalker.maxDepth - 1)
        _ = HTMLRenderer.render(blocks, options: .init(side: .target, hover: true), headingIDs: [])
    }

    /// DocFX's range grammar: `||`, comparators that all hold, operators with or without a space.
    func testMonikerRanges() throws {
        let order = MonikerRange.ordered(["aspnetcore-3.1", "aspnetcore-1.0", "aspnetcore-10.0", "aspnetcore-2.2", "aspnetcore-3.0", "azure-cli-latest"])
        XCTAssertEqual(order, ["aspnetcore-1.0", "aspnetcore-2.2", "aspnetcore-3.0", "aspnetcore-3.1", "aspnetcore-10.0", "azure-cli-latest"])
        func takes(_ range: String) throws -> [String] { let r = try XCTUnwrap(MonikerRange(range), range); return order.filter { r.contains($0, order: order) } }
        XCTAssertEqual(try takes(">= aspnetcore-3.0"), ["aspnetcore-3.0", "aspnetcore-3.1", "aspnetcore-10.0"])
        XCTAssertEqual(try takes("<aspnetcore-3.0"), ["aspnetcore-1.0", "aspnetcore-2.2"])
        XCTAssertEqual(try takes(">= aspnetcore-2.2 < aspnetcore-3.1"), ["aspnetcore-2.2", "aspnetcore-3.0"])
        XCTAssertEqual(try takes("= aspnetcore-1.0 || > aspnetcore-3.1"), ["aspnetcore-1.0", "aspnetcore-10.0"])
        XCTAssertEqual(try takes("azure-cli-latest"), ["azure-cli-latest"])
        XCTAssertEqual(try takes("> azure-cli-latest"), [])
        for bad in ["", ">=", ">= ", "aspnetcore-3.0 ||", "<script>", ">= >= a-1"] { XCTAssertNil(MonikerRange(bad), bad) }
    }
}
