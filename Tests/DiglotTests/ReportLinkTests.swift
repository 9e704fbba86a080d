import Diglot
import Foundation
import XCTest

/// Issue 14, item 6: the "report a translation problem" link of `diglot.yml`'s `reportURL`, its
/// placeholders filled and percent-encoded (RFC 3986's unreserved characters kept, as the page's
/// script encodes the sentence's parts).
final class ReportLinkTests: XCTestCase {
    func testEncodingKeepsOnlyUnreservedCharacters() {
        XCTAssertEqual(ReportLink.encode("a-z_0.9~"), "a-z_0.9~")
        XCTAssertEqual(ReportLink.encode("a b&c=d#e+f/g?h"), "a%20b%26c%3Dd%23e%2Bf%2Fg%3Fh")
        // What encodeURIComponent leaves, the script encodes too: the two sides agree.
        XCTAssertEqual(ReportLink.encode("!'()*"), "%21%27%28%29%2A")
        // Non-ASCII: each byte of its UTF-8; a quote and angle brackets never reach the HTML raw.
        XCTAssertEqual(ReportLink.encode("relación"), "relaci%C3%B3n")
        XCTAssertEqual(ReportLink.encode("إعداد"), "%D8%A5%D8%B9%D8%AF%D8%A7%D8%AF")
        XCTAssertEqual(ReportLink.encode("\"<b>\"\n"), "%22%3Cb%3E%22%0A")
        XCTAssertEqual(ReportLink.encode("%20"), "%2520", "a percent sign in a value is a value, not an escape")
    }

    func testFillReplacesEveryOccurrenceOfTheGivenPlaceholdersOnly() {
        let template = "https://example.com/new?title=Problem%20in%20{page}&body={page}%0A{unit}%0A{target}%0A{source}&x={other}"
        XCTAssertEqual(ReportLink.fill(template, ["page": "docs/a b.md"]),
                       "https://example.com/new?title=Problem%20in%20docs%2Fa%20b.md&body=docs%2Fa%20b.md%0A{unit}%0A{target}%0A{source}&x={other}")
        XCTAssertEqual(ReportLink.fill("https://x/?u={unit}&t={target}&s={source}", ["unit": "d9498-105", "target": "Sí & no", "source": "Yes & no"]),
                       "https://x/?u=d9498-105&t=S%C3%AD%20%26%20no&s=Yes%20%26%20no")
    }

    func testTheTemplateMustBeAWebOrMailAddress() {
        XCTAssertEqual(ReportLink.parse("reportURL: https://example.com/?p={page}").0, "https://example.com/?p={page}")
        XCTAssertEqual(ReportLink.parse("reportURL: \"mailto:docs@example.com?subject={page}\"").0, "mailto:docs@example.com?subject={page}")
        XCTAssertNil(ReportLink.parse("qa:\n  doNotTranslate: [Azure]\n").0)
        let (none, problems) = ReportLink.parse("qa: {}\nreportURL: \"javascript:alert(1)//{page}\"\n")
        XCTAssertNil(none)
        XCTAssertEqual(problems.map(\.code), [.qaConfig])
        XCTAssertEqual(problems.first?.location.line, 2)
    }

    func testTheTranslationViewCarriesTheTemplateWithThePageFilledIn() throws {
        let files = [
            "docfx.json": #"{"build": {"content": [{"files": ["**/*.md"]}]}}"#,
            "diglot.yml": "reportURL: \"https://example.com/issues/new?title={page}&body={unit}%0A{target}%0A{source}\"\n",
            "dir/page.md": "---\ntitle: T\nms.locale: es-ES\n---\n\n# \(unit("h-1", "Título", "Title"))\n\n\(unit("p-1", "Hola.", "Hello.")) \n",
        ]
        let (output, result) = try buildSite(self, files)
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let target = try String(contentsOf: output.appendingPathComponent("es-es/dir/page.html"), encoding: .utf8)
        XCTAssertTrue(target.contains(#"data-report="https://example.com/issues/new?title=dir%2Fpage.md&amp;body={unit}%0A{target}%0A{source}""#), target)
        for view in ["sxs", "en-us"] {
            let other = try String(contentsOf: output.appendingPathComponent("\(view)/dir/page.html"), encoding: .utf8)
            XCTAssertFalse(other.contains("data-report"), view)
        }
    }
}
