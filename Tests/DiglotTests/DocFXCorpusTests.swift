@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Issue 11's "done when" on the real docsets: `AspNetCore.Docs.ko-kr` (tabs, monikers, xref, code
/// snippets, `~/` paths) and `dynamics365smb-docs-pr.de-de` (inline includes, MT damage) build with no
/// error, and no page shows DocFX syntax as text: no `xref:` link, no `:::` directive, no `#tab/`, no
/// `[!code` or `[!INCLUDE` outside code (the contributor guide shows the syntax in code blocks), no
/// `](page.md)` of a link left unmade; and partner-center's `:::no-loc` are read.
final class DocFXCorpusTests: XCTestCase {
    /// No `](….md)` or `](https://…` either (a link cmark-gfm did not make, such as one around an
    /// inline include), but in `linksAsText`'s pages, where DocFX shows them as text too (a link in a
    /// raw HTML block, where it reads no markdown; a link missing its `)`, or with a space in its URL).
    func assertNoSyntaxLeft(_ name: String, linksAsText: Set<String> = [], file: StaticString = #filePath, line: UInt = #line) throws {
        let corpus = Paths.package.appendingPathComponent("../shared/corpora/\(name)").standardizedFileURL
        guard FileManager.default.fileExists(atPath: corpus.path) else { throw XCTSkip("../shared/corpora/\(name) is not beside the package") }
        let output = try temporaryFolder(self, "output")
        let result = try SiteBuilder.build(BuildOptions(content: corpus, output: output, templates: Paths.templates))
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.description), [], file: file, line: line)
        var pages = 0
        for (path, data) in fileTree(output) where path.hasSuffix(".html") {
            pages += 1
            let text = Self.outsideCode(String(decoding: data, as: UTF8.self))
            for syntax in ["href=\"xref:", ":::", "#tab/", "[!code", "[!INCLUDE", "[!include"] where text.contains(syntax) {
                XCTFail("\(path) shows \(syntax)", file: file, line: line)
            }
            if !linksAsText.contains(String(path.drop { $0 != "/" }.dropFirst())),
               case let body = text[(text.range(of: "<body")?.lowerBound ?? text.startIndex)...],  // (a description may hold markdown)
               let link = body.range(of: #"\]\(([^)\s]*\.md(#[^)\s]*)?( &quot;[^)]*&quot;)?\)|https?://|<a href=)"#, options: .regularExpression) {
                XCTFail("\(path) shows \(body[link])", file: file, line: line)
            }
        }
        XCTAssertGreaterThan(pages, 300, file: file, line: line)
    }

    /// The page without its `<pre>` and `<code>` elements.
    static func outsideCode(_ html: String) -> String {
        var out = ""
        var rest = html[...]
        while let open = rest.range(of: "<pre") ?? rest.range(of: "<code") {
            out += rest[..<open.lowerBound]
            let closing = rest[open.lowerBound...].hasPrefix("<pre") ? "</pre>" : "</code>"
            guard let close = rest[open.upperBound...].range(of: closing) else { return out }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    func testAspNetCoreBuildsWithNoSyntaxLeft() throws {
        try assertNoSyntaxLeft("AspNetCore.Docs.ko-kr", linksAsText: ["aspnetcore/security/authentication/social/other-logins.html"])  // a space in a URL
    }

    func testBusinessCentralBuildsWithNoSyntaxLeft() throws {
        try assertNoSyntaxLeft("dynamics365smb-docs-pr.de-de", linksAsText: ["business-central/includes/advanced_experience_md.html"])
    }

    /// Partner Center's tax-id table writes its ids as `:::no-loc text="…":::`.
    func testPartnerCenterBuildsWithNoSyntaxLeft() throws {
        try assertNoSyntaxLeft("partner-center-pr.es-es", linksAsText: ["Archive/China-non-payment-fraud-or-misuse.html", "Archive/China-multichannel.html",
                                                                  "partner-center/announcements/2020-november.html"])
    }
}
