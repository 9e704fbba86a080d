@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Active content from a pull request never reaches the site silently: unsafe URLs lead to `#`
/// (DG801), script and handlers in translation units are removed (DG802), raw HTML outside units is
/// kept and reported by `check` (DG803).
final class ActiveContentTests: XCTestCase {
    private func build(_ files: [String: String]) throws -> (URL, BuildResult) {
        let content = try temporaryFolder(self, "content")
        let output = try temporaryFolder(self, "output")
        try writeFiles(files.mapValues { Array($0.utf8) }, into: content)
        return (output, try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates, targetLocale: "es-ES")))
    }

    private func read(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every `href`/`src` of a page whose scheme is unsafe, and every event handler.
    private func activeParts(_ html: String) -> [String] {
        let pattern = ##"(?i)(?:href|src|action)\s*=\s*"?\s*(?:javascript|vbscript|file|data:(?!image/(?:png|gif|jpeg|webp)))[^"> ]*|\son[a-z]+\s*=|<(?:iframe|object|embed)\b|alert\("##
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { String(html[Range($0.range, in: html)!]) }
    }

    func testUnsafeMarkdownURLsLeadToHash() throws {
        let (output, result) = try build(["page.md": """
            [a](javascript:alert(1)) [b](JaVa&#x09;Script:alert(2)) [c][r] <vbscript:msgbox(3)>
            ![d](data:text/html,<b>4</b>) ![e](data:image/png;base64,iVBORw0) [f](file:///etc/passwd) [g](https://example.com/javascript:x)

            :::image type="content" source="javascript:alert(5)" alt-text="h":::

            [r]: javascript:alert(6)

            """ + unit("u-1", "Una frase.", "A sentence.")])  // a unit, so that the page has all three views
        XCTAssertEqual(result.diagnostics.map(\.description), [
            ##"page.md:1:1: warning: the link URL "javascript:alert(1)" (javascript:) is written as "#" [DG801 unsafe-url]"##,
            ##"page.md:1:26: warning: the link URL "JaVa Script:alert(2)" (javascript:) is written as "#" [DG801 unsafe-url]"##,
            ##"page.md:1:57: warning: the link URL "javascript:alert(6)" (javascript:) is written as "#" [DG801 unsafe-url]"##,
            ##"page.md:1:64: warning: the link URL "vbscript:msgbox(3)" (vbscript:) is written as "#" [DG801 unsafe-url]"##,
            ##"page.md:2:1: warning: the image URL "data:text/html,<b>4</b>" (data:) is written as "#" [DG801 unsafe-url]"##,
            ##"page.md:2:67: warning: the link URL "file:///etc/passwd" (file:) is written as "#" [DG801 unsafe-url]"##,
            ##"page.md:4:1: warning: the image URL "javascript:alert(5)" (javascript:) is written as "#" [DG801 unsafe-url]"##,
        ])
        for view in ["es-es", "sxs", "en-us"] {
            let html = try read(output, "\(view)/page.html")
            XCTAssertEqual(activeParts(html), [], view)
            // (The English view marks these words, which are in no unit, as the translation's: issue 10.)
            if view == "en-us" { XCTAssertTrue(html.contains(##"<a href="#"><span lang="es-ES">a</span></a>"##), html); continue }
            XCTAssertTrue(html.contains(##"<a href="#">a</a> <a href="#">b</a> <a href="#">c</a> <a href="#">vbscript:msgbox(3)</a>"##), html)
            XCTAssertTrue(html.contains(##"<img src="#" alt="d">"##), html)
            // An image in one of the four picture formats cmark-gfm allows stays, and so do https links.
            XCTAssertTrue(html.contains(##"<img src="data:image/png;base64,iVBORw0" alt="e">"##), html)
            XCTAssertTrue(html.contains(##"<a href="https://example.com/javascript:x">g</a>"##), html)
            XCTAssertTrue(html.contains(##"<img src="#" alt="h""##), html)
        }
    }

    func testLandingPageLinksObeyTheRule() throws {
        let (output, result) = try build(["docfx.json": ##"{"build": {"content": [{"files": ["**/*.yml"]}]}}"##, "index.yml": """
            ### YamlMime:Landing
            title: Inicio
            landingContent:
              - title: Enlaces
                linkLists:
                  - linkListType: overview
                    links:
                      - text: Malo
                        url: javascript:alert(1)
                      - text: Bueno
                        url: https://example.com/
            """])
        XCTAssertEqual(result.diagnostics.map(\.description), [
            ##"index.yml:8:13: warning: the link URL "javascript:alert(1)" (javascript:) is written as "#" [DG801 unsafe-url]"##,
        ])
        let html = try read(output, "es-es/index.html")
        XCTAssertEqual(activeParts(html), [])
        XCTAssertTrue(html.contains(##"<a href="#">Malo</a>"##), html)
        XCTAssertTrue(html.contains(##"<a href="https://example.com/">Bueno</a>"##), html)
    }

    func testActiveHTMLInUnitsIsRemoved() throws {
        let (output, result) = try build(["page.md": """
            <span data-ttu-id="1-1">Hola <script>alert(1)</script>mundo.</span><span class="sxs-lookup"><span data-stu-id="1-1">Hello <img src="x.png" onerror="alert(2)">world.</span></span>

            <span data-ttu-id="1-2">Vea <a href="jav&#x61;script&colon;alert(3)" title="t">esto</a>.</span><span class="sxs-lookup"><span data-stu-id="1-2">See <a href="#x" onclick="alert(4)">this</a>.</span></span>

            <table><tr><td>
            <span data-ttu-id="1-3">Celda <iframe src="https://example.com/"></iframe><a/onmouseover=alert(5) href=#y>y</a></span><span class="sxs-lookup"><span data-stu-id="1-3">Cell<style>body{display:none}</style></span></span>
            </td></tr></table>
            """])
        XCTAssertEqual(result.diagnostics.filter { $0.code != .missingMedia && $0.code != .missingAnchor }.map(\.description), [
            ##"page.md:1:30: warning: <script> in unit "1-1" is removed with its content: a translation runs no script [DG802 active-html-in-unit]"##,
            ##"page.md:1:123: warning: the onerror attribute of <img> in unit "1-1" is removed: a translation runs no script [DG802 active-html-in-unit]"##,
            ##"page.md:3:29: warning: the href "jav&#x61;script&colon;alert(3)" (javascript:) of <a> in unit "1-2" is written as "#" [DG802 active-html-in-unit]"##,
            ##"page.md:3:149: warning: the onclick attribute of <a> in unit "1-2" is removed: a translation runs no script [DG802 active-html-in-unit]"##,
            ##"page.md:6:31: warning: <iframe> in unit "1-3" is removed with its content: a translation runs no script [DG802 active-html-in-unit]"##,
            ##"page.md:6:75: warning: the onmouseover attribute of <a> in unit "1-3" is removed: a translation runs no script [DG802 active-html-in-unit]"##,
            ##"page.md:6:172: warning: <style> in unit "1-3" is removed with its content: a translation runs no script [DG802 active-html-in-unit]"##,
        ])
        for view in ["es-es", "sxs", "en-us"] {
            let html = try read(output, "\(view)/page.html")
            XCTAssertEqual(activeParts(html), [], view)
            XCTAssertFalse(html.contains("display:none"), view)
        }
        let target = try read(output, "es-es/page.html")
        XCTAssertTrue(target.contains(##"Hola mundo."##), target)
        XCTAssertTrue(target.contains(##"<a href="#" title="t">esto</a>"##), target)
        XCTAssertTrue(target.contains(##"<img src="x.png">world."##), target)
        XCTAssertTrue(target.contains(##"Celda <a href="#y">y</a>"##), target)
    }

    func testUnsafeRedirectIsNotWritten() throws {
        let (output, result) = try build([
            "page.md": "## Page\n",
            ".openpublishing.redirection.json": """
                {"redirections": [
                  {"source_path": "old.md", "redirect_url": "javascript:alert(1)"},
                  {"source_path": "moved.md", "redirect_url": "https://example.com/new"}
                ]}
                """,
        ])
        XCTAssertEqual(result.diagnostics.map(\.description), [
            ##".openpublishing.redirection.json:2:45: warning: the redirection from old.md to "javascript:alert(1)" (javascript:) is not written [DG801 unsafe-url]"##,
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/old.html").path))
        XCTAssertTrue(try read(output, "es-es/moved.html").contains(##"<a href="https://example.com/new" data-redirect>"##))
    }

    func testUnsafeTOCHrefMakesNoLink() throws {
        let (output, result) = try build([
            "page.md": "## Page\n",
            "toc.yml": "- name: Bad\n  href: javascript://%0aalert(1)\n- name: Page\n  href: page.md\n",
        ])
        XCTAssertEqual(result.diagnostics.map(\.description), [
            ##"toc.yml:2:9: warning: the TOC's href "javascript://%0aalert(1)" (javascript:) makes no link [DG801 unsafe-url]"##,
        ])
        let html = try read(output, "es-es/page.html")
        XCTAssertEqual(activeParts(html), [])
        XCTAssertTrue(html.contains("Bad"), html)
    }

    func testCheckReportsActiveRawHTMLOutsideUnits() throws {
        let content = try temporaryFolder(self, "content")
        try writeFiles(["page.md": Array("""
            <div onclick="go()">
            <script src="https://example.com/widget.js"></script>
            </div>

            Text <iframe src="https://example.com/video"></iframe> and <a href="javascript:void(0)">x</a>.
            """.utf8)], into: content)
        let options = BuildOptions(content: content, output: try temporaryFolder(self, "output"), templates: Paths.templates, targetLocale: "es-ES")
        XCTAssertEqual(try SiteBuilder.check(options).filter { $0.code == .activeHTML }.map(\.description), [
            ##"page.md:1:1: warning: raw HTML <div> with onclick is kept as written: it runs script in the site [DG803 active-html]"##,
            ##"page.md:2:1: warning: raw HTML <script> is kept as written: it runs or loads content in the site [DG803 active-html]"##,
            ##"page.md:5:6: warning: raw HTML <iframe> is kept as written: it runs or loads content in the site [DG803 active-html]"##,
            ##"page.md:5:60: warning: raw HTML <a> with href "javascript:void(0)" is kept as written: it runs script in the site [DG803 active-html]"##,
        ])
        // The build keeps the author's HTML and does not report it.
        let result = try SiteBuilder.build(options)
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let html = try String(contentsOf: options.output.appendingPathComponent("es-es/page.html"), encoding: .utf8)
        XCTAssertTrue(html.contains(##"<script src="https://example.com/widget.js"></script>"##), html)
    }

    /// The one rule: cmark-gfm's `_scan_dangerous_url` schemes, after the browser's URL preprocessing.
    func testURLSafetyRule() {
        let cases: [(String, String?)] = [
            ("javascript:alert(1)", "javascript:"), ("JAVASCRIPT:x", "javascript:"), (" \t javascript:x", "javascript:"),
            ("java\nscript:x", "javascript:"), ("java\tscript:x", "javascript:"), ("\u{1}javascript:x", "javascript:"),
            ("javascript://%0aalert(1)", "javascript:"), ("vbscript:x", "vbscript:"), ("file:///etc/passwd", "file:"),
            ("data:text/html,x", "data:"), ("data:image/svg+xml,<svg/onload=x>", "data:"), ("DATA:IMAGE/PNG;base64,x", nil),
            ("data:image/gif,x", nil), ("data:image/jpeg,x", nil), ("data:image/webp,x", nil),
            ("https://example.com/javascript:x", nil), ("page.md#javascript:x", nil), ("./javascript:x", nil), ("javascript", nil),
            ("mailto:a@example.com", nil), ("#", nil), ("", nil), ("1javascript:x", nil),
        ]
        for (url, expected) in cases {
            XCTAssertEqual(URLSafety.unsafeScheme(url), expected, url.debugDescription)
        }
        XCTAssertEqual(URLSafety.decodedAttribute("&#106;ava&#x53;cript&colon;x&amp;y&#0000106"), "javaScript:x&yj")
        XCTAssertEqual(URLSafety.decodedAttribute("&#00000000000106;&#x000000006A&#99999999999;&#0;&unknown;&"), "jj\u{FFFD}\u{FFFD}&unknown;&")
    }

    /// Attributes are read the way the WHATWG tokenizer reads them, so that `/` cannot hide a handler.
    func testAttributesAreReadAsBrowsersReadThem() {
        let attributes = ActiveContent.attributes(ofTagBody: ##"/ONCLICK=a/href='x y'  title = "q" checked data-x=1/"##[...])
        XCTAssertEqual(attributes.map { "\($0.name)=\($0.value)" }, ["onclick=a/href='x", "y'=", "title=q", "checked=", "data-x=1/"])
        XCTAssertEqual(ActiveContent.attributes(ofTagBody: ##" href="x"onclick="y""##[...]).map(\.name), ["href", "onclick"])
        XCTAssertEqual(ActiveContent.finding(##"<![CDATA[ > <script>alert(1)</script> ]]>"##), .malformedTag)
        XCTAssertNil(ActiveContent.finding("<!-- <b> -->"))
    }
}
