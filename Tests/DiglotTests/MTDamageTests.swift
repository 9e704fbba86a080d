import Diglot
import Foundation
import XCTest

/// Machine-translation damage whose intent is plain, mended with a located warning instead of errors,
/// the sentence kept whole in the three views (issue 11, item 12; see `MTRepair`). The damaged lines
/// are the corpora's own (CC BY 4.0, MicrosoftDocs), quoted with their file and line.
final class MTDamageTests: XCTestCase {
    func parse(_ markdown: String) -> (blocks: [Block], diagnostics: [String]) {
        let parsed = PageParser.parse(.page("t.md", markdown))
        return (parsed.page.blocks, parsed.diagnostics.map(\.description))
    }

    /// The cells of a table's body rows, each cell as a paragraph of its content.
    func cells(_ blocks: [Block]) -> [[[Block]]] {
        guard case .table(let table) = blocks.first?.kind else { XCTFail("no table: \(blocks)"); return [] }
        return table.rows.map { $0.map { [Block(.paragraph($0.content), range: $0.range)] } }
    }

    // MARK: A `|` inside a unit on a table row

    /// partner-center-pr.ko-kr, partner-center/usage-based-recon-files.md, lines 29, 30, 55 and 56:
    /// line 55's target holds `**List3| st**`. The `|` is a literal `|` in the cell, the row keeps its
    /// three cells (the third, `*$0.085*`, was dropped as a fourth), one warning at the `|`.
    static let reconTable = """
        | <span data-ttu-id="79dd8-109">열</span><span class="sxs-lookup"><span data-stu-id="79dd8-109">Column</span></span> | <span data-ttu-id="79dd8-110">설명</span><span class="sxs-lookup"><span data-stu-id="79dd8-110">Description</span></span> | <span data-ttu-id="79dd8-111">샘플 값</span><span class="sxs-lookup"><span data-stu-id="79dd8-111">Sample value(s)</span></span> |
        | ------ | ----------- | ------------ |
        | <span data-ttu-id="79dd8-197">PretaxCharges</span><span class="sxs-lookup"><span data-stu-id="79dd8-197">PretaxCharges</span></span> | <span data-ttu-id="79dd8-198">가장 가까운 센트로 반올림 된 **List3| st** 를 곱한 **값과 같습니다**.</span><span class="sxs-lookup"><span data-stu-id="79dd8-198">Equal to **ListPrist** multiplied by **OverageQuantity**, rounded to the nearest cent.</span></span> | <span data-ttu-id="79dd8-199">*$0.085*</span><span class="sxs-lookup"><span data-stu-id="79dd8-199">*$0.085*</span></span> |
        | <span data-ttu-id="79dd8-200">TaxAmount</span><span class="sxs-lookup"><span data-stu-id="79dd8-200">TaxAmount</span></span> | <span data-ttu-id="79dd8-201">세금 청구 금액입니다.</span><span class="sxs-lookup"><span data-stu-id="79dd8-201">Tax amount charged.</span></span> <span data-ttu-id="79dd8-202">시장의 세금 규칙 및 특정 상황을 기준으로 합니다.</span><span class="sxs-lookup"><span data-stu-id="79dd8-202">Based on your market's tax rules and specific circumstances.</span></span> | <span data-ttu-id="79dd8-203">*$0.08*</span><span class="sxs-lookup"><span data-stu-id="79dd8-203">*$0.08*</span></span> |
        """

    func testAPipeInAUnitOnATableRowIsALiteralPipeInItsCell() {
        let (blocks, diagnostics) = parse(MTDamageTests.reconTable)
        XCTAssertEqual(diagnostics, [
            "t.md:3:216: warning: a | inside unit \"79dd8-198\" would end its table cell here: it is read as a literal |, and the cell keeps the whole unit [DG108 pipe-in-unit]",
        ])
        let rows = cells(blocks)
        XCTAssertEqual(rows.map(\.count), [3, 3], "each row keeps the header's three columns")
        XCTAssertEqual(hover(rows[0][1]), """
            <p><span class="tu" data-tu="79dd8-198" tabindex="0">가장 가까운 센트로 반올림 된 <strong>List3| st</strong> 를 곱한 <strong>값과 같습니다</strong>.<span class="tu-src" lang="en-US">Equal to <strong>ListPrist</strong> multiplied by <strong>OverageQuantity</strong>, rounded to the nearest cent.</span></span></p>\n
            """)
        XCTAssertEqual(column(rows[0][1]), """
            <p><span class="tu" id="tu-79dd8-198" data-tu="79dd8-198">가장 가까운 센트로 반올림 된 <strong>List3| st</strong> 를 곱한 <strong>값과 같습니다</strong>.</span></p>\n
            """)
        XCTAssertEqual(english(rows[0][1]), """
            <p><span class="tu" data-tu="79dd8-198">Equal to <strong>ListPrist</strong> multiplied by <strong>OverageQuantity</strong>, rounded to the nearest cent.</span></p>\n
            """)
        XCTAssertEqual(hover(rows[0][2]), """
            <p><span class="tu" data-tu="79dd8-199" tabindex="0"><em>$0.085</em><span class="tu-src" lang="en-US"><em>$0.085</em></span></span></p>\n
            """)
        XCTAssertEqual(english(rows[1][1]), """
            <p><span class="tu" data-tu="79dd8-201">Tax amount charged.</span> <span class="tu" data-tu="79dd8-202">Based on your market&#39;s tax rules and specific circumstances.</span></p>\n
            """, "the sound row after it (line 56) as before")
        guard case .table(let table) = blocks.first?.kind else { return }
        XCTAssertEqual(table.rows[0][1].range.start, SourceLocation(line: 3, column: 137), "the cell's place is the file's (the space after the `|` before it)")
        XCTAssertEqual(table.rows[0][2].range.start, SourceLocation(line: 3, column: 422), "the cell after the escaped `|` keeps its column as written")
    }

    /// The rows of a table that is not damaged (line 56 above, and an escaped `\|` in a unit) parse the
    /// same as before: no warning, and no byte of the page changed.
    func testASoundTableIsUnchanged() {
        let markdown = """
            | A | B |
            | --- | --- |
            | \(unit("u-1", "x \\| y", "x \\| y")) | \(unit("u-2", "z", "z")) |
            """
        let (blocks, diagnostics) = parse(markdown)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(cells(blocks).map(\.count), [2])
        XCTAssertEqual(english(cells(blocks)[0][0]), "<p><span class=\"tu\" data-tu=\"u-1\">x | y</span></p>\n")
    }

    /// A `|` in a unit whose span is not closed on its row is not the MT's: the cells stay as GFM
    /// makes them, and the broken unit is reported as before.
    func testAPipeInAUnitLeftOpenSplitsTheCellAsBefore() {
        let (_, diagnostics) = parse("""
            | A | B |
            | --- | --- |
            | <span data-ttu-id="u-1">x | y | z |
            """)
        XCTAssertEqual(diagnostics.map { String($0.suffix(22)) }.filter { $0.contains("DG108") }, [])
        XCTAssertTrue(diagnostics.contains { $0.contains("DG104") }, "\(diagnostics)")
    }

    // MARK: `&quot;` for a quote of a unit's id

    /// dynamics365smb-docs-pr.de-de, business-central/ui-get-ready-business.md, line 28: the target's
    /// id ends with `&quot;` for its closing quote, and the image title in its text opens with one.
    static let getReadyLine = """
        <span data-ttu-id="be172-108&quot;>Sie können auch die Liste der Anleitungen zur unterstützten Einrichtung auch suchen, wenn Sie das Symbol ![Glühbirne, die die Funktion „Wie möchten Sie weiter verfahren“ öffnet](media/ui-search/search_small.png &quot;Was möchten Sie tun?") auswählen, **Unterstützes Setup** eingeben und dann den entsprechenden Link auswählen.</span><span class="sxs-lookup"><span data-stu-id="be172-108">You can also find the list of assisted setup guides if you choose the ![Lightbulb that opens the Tell Me feature](media/ui-search/search_small.png "Tell me what you want to do") icon, enter **Assisted Setup**, and then choose the related link.</span></span>
        """

    func testAQuoteEntityInAUnitIdIsReadAsAQuote() {
        let (blocks, diagnostics) = parse("Text.\n\n" + MTDamageTests.getReadyLine)
        XCTAssertEqual(diagnostics, [
            "t.md:3:29: warning: &quot; stands for a quote in unit \"be172-108\" (the closing quote of its data-ttu-id, the opening quote of a link title in its text): it is read as \" [DG109 quote-entity-in-unit]",
        ])
        let paragraph = Array(blocks.dropFirst())
        XCTAssertEqual(hover(paragraph), """
            <p><span class="tu" data-tu="be172-108" tabindex="0">Sie können auch die Liste der Anleitungen zur unterstützten Einrichtung auch suchen, wenn Sie das Symbol \
            <img src="media/ui-search/search_small.png" alt="Glühbirne, die die Funktion „Wie möchten Sie weiter verfahren“ öffnet" title="Was möchten Sie tun?"> \
            auswählen, <strong>Unterstützes Setup</strong> eingeben und dann den entsprechenden Link auswählen.<span class="tu-src" lang="en-US">You can also \
            find the list of assisted setup guides if you choose the <img src="media/ui-search/search_small.png" alt="Lightbulb that opens the Tell Me feature" \
            title="Tell me what you want to do"> icon, enter <strong>Assisted Setup</strong>, and then choose the related link.</span></span></p>\n
            """)
        XCTAssertEqual(column(paragraph), """
            <p><span class="tu" id="tu-be172-108" data-tu="be172-108">Sie können auch die Liste der Anleitungen zur unterstützten Einrichtung auch suchen, \
            wenn Sie das Symbol <img src="media/ui-search/search_small.png" alt="Glühbirne, die die Funktion „Wie möchten Sie weiter verfahren“ öffnet" \
            title="Was möchten Sie tun?"> auswählen, <strong>Unterstützes Setup</strong> eingeben und dann den entsprechenden Link auswählen.</span></p>\n
            """)
        XCTAssertEqual(english(paragraph), """
            <p><span class="tu" data-tu="be172-108">You can also find the list of assisted setup guides if you choose the <img src="media/ui-search/search_small.png" \
            alt="Lightbulb that opens the Tell Me feature" title="Tell me what you want to do"> icon, enter <strong>Assisted Setup</strong>, and then choose the related link.</span></p>\n
            """)
    }

    /// `&quot;` for either quote of either id, in a raw HTML block too; a unit written right, and an
    /// `&quot;` in a code block, are left as they are.
    func testEitherQuoteOfEitherIdAnywhereButCode() {
        let (blocks, diagnostics) = parse("""
            <span data-ttu-id=&quot;a-1">Eins</span><span class="sxs-lookup"><span data-stu-id="a-1&quot;>One</span></span>

            <div><span data-ttu-id="a-2&quot;>Zwei</span><span class="sxs-lookup"><span data-stu-id="a-2">Two</span></span></div>

            ```html
            <span data-ttu-id="a-3&quot;>
            ```

            \(unit("a-4", "Vier &quot;x&quot;", "Four \"x\""))
            """)
        XCTAssertEqual(diagnostics, [
            "t.md:1:19: warning: &quot; stands for a quote in unit \"a-1\" (the opening quote of its data-ttu-id, the closing quote of its data-stu-id): it is read as \" [DG109 quote-entity-in-unit]",
            "t.md:3:28: warning: &quot; stands for a quote in unit \"a-2\" (the closing quote of its data-ttu-id): it is read as \" [DG109 quote-entity-in-unit]",
        ])
        XCTAssertEqual(english(blocks), """
            <p><span class="tu" data-tu="a-1">One</span></p>
            <div><span class="tu" data-tu="a-2">Two</span></div>
            <pre><code class="lang-html">&lt;span data-ttu-id=&quot;a-3&amp;quot;&gt;
            </code></pre>
            <p><span class="tu" data-tu="a-4">Four &quot;x&quot;</span></p>\n
            """)
    }

    /// Content is untrusted: the repair reads a damaged page in linear time. A unit whose damaged id is
    /// followed by 20,000 `&quot;` that open no title (a search for each one's closing `"` to the end of
    /// the unit would be quadratic), and ten table rows of 600 units with a `|` in each (as many as
    /// fit under the table limit, DG214).
    func testRepairTakesLinearTime() {
        let quotes = "<span data-ttu-id=\"a&quot;>" + String(repeating: "x ](a &quot;t ", count: 20_000) + "</span>"
        let table = "| A |\n| --- |\n" + (0..<10).map { r in
            "| " + (0..<600).map { unit("p\(r)-\($0)", "a|b", "c") }.joined(separator: " ") + " |\n"
        }.joined()
        let start = Date()
        let parsed = PageParser.parse(.page("t.md", quotes + "\n\n" + table))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(parsed.diagnostics.filter { $0.code == .quoteEntityInUnit }.count, 1)
        XCTAssertEqual(parsed.diagnostics.filter { $0.code == .pipeInUnit }.count, 6_000)
    }

    // MARK: build and check

    /// Both repairs are warnings of `diglot build` and of `diglot check` (whose QA reads the mended
    /// units), at their places in the files (after the front matter), and no error is left.
    func testBuildAndCheckReportTheRepairsAsWarnings() throws {
        let content = try temporaryFolder(self, "content")
        func page(_ body: String) -> [UInt8] { Array("---\ntitle: T\nms.contentlocale: de-DE\n---\n\n\(body)\n".utf8) }
        try writeFiles(["recon.md": page(MTDamageTests.reconTable), "ready.md": page(MTDamageTests.getReadyLine)], into: content)
        let options = BuildOptions(content: content, output: try temporaryFolder(self, "output"), templates: Paths.templates, targetLocale: "de-DE")
        let expected = [
            "ready.md:6:29: warning: &quot; stands for a quote in unit \"be172-108\" (the closing quote of its data-ttu-id, the opening quote of a link title in its text): it is read as \" [DG109 quote-entity-in-unit]",
            "recon.md:8:216: warning: a | inside unit \"79dd8-198\" would end its table cell here: it is read as a literal |, and the cell keeps the whole unit [DG108 pipe-in-unit]",
        ]
        let checked = try SiteBuilder.check(options)
        XCTAssertEqual(checked.filter { $0.code.rawValue.hasPrefix("DG1") }.map(\.description), expected)
        XCTAssertFalse(checked.hasErrors, "\(checked)")
        let built = try SiteBuilder.build(options)
        XCTAssertEqual(built.diagnostics.filter { $0.code.rawValue.hasPrefix("DG1") }.map(\.description), expected)
        XCTAssertFalse(built.diagnostics.hasErrors)
    }
}
