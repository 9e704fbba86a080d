@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Page frames (Mustache once per shape, values filled in per page) must give what a full render gives.
final class TemplateTests: XCTestCase {
    static let strings = ["en-US.yml": "en-US:\n  home: Home\n"]

    func templates(_ page: String) throws -> TemplateSet {
        try TemplateSet(templates: ["page": page, "index": "{{title}}"], strings: Self.strings)
    }

    func assertFramesMatchFullRender(_ page: String, values: [String: String], file: StaticString = #filePath, line: UInt = #line) throws {
        let set = try templates(page)
        let shared: [String: Any] = ["isTarget": true, "strings": ["home": "Home & away"], "view": "target"]
        let content = Array("<p>Body &amp; <b>bold</b></p>".utf8)
        let framed = set.renderPage("page", shared: shared, sharedKey: "k", values: values, content: content)
        var context = shared
        for (name, value) in values where !value.isEmpty { context[name] = value }
        let full = set.render(context, template: "page", content: content)
        XCTAssertNotNil(framed, file: file, line: line)
        XCTAssertEqual(framed.map { String(decoding: $0, as: UTF8.self) }, full.map { String(decoding: $0, as: UTF8.self) }, file: file, line: line)
    }

    func testEscapedRawSectionsAndAbsentValues() throws {
        let page = """
            {{% CONTENT_TYPE: HTML }}
            <title>{{title}}</title><meta content="{{{title}}}">{{#description}}<p>{{description}}</p>{{/description}}
            {{^notice}}no notice{{/notice}}{{#isTarget}}[{{strings.home}}]{{/isTarget}}<main>{{{content}}}</main>{{path}}
            """
        let values = ["title": "A <b> & \"q\" 'x'", "path": "a/b.md", "notice": ""]
        try assertFramesMatchFullRender(page, values: values)
        try assertFramesMatchFullRender(page, values: values.merging(["description": "D < E", "notice": "N"]) { $1 })
        // The same shape again comes from the cache.
        try assertFramesMatchFullRender(page, values: ["title": "Other", "path": "c.md"])
    }

    func testTemplateWithoutThePragmaUsesMustachesOwnEscaping() throws {
        try assertFramesMatchFullRender("<h1>{{title}}</h1>{{{content}}}", values: ["title": "x < y"])
    }

    func testTransformsTurnFramesOff() throws {
        let set = try templates("{{uppercased(title)}}{{{content}}}")
        XCTAssertFalse(set.framesAllowed)
        let out = set.renderPage("page", shared: [:], sharedKey: "k", values: ["title": "abc"], content: Array("!".utf8))
        XCTAssertEqual(out.map { String(decoding: $0, as: UTF8.self) }, "ABC!")
    }

    func testShippedTemplatesAllowFrames() throws {
        XCTAssertTrue(try TemplateSet.load(from: Paths.templates).framesAllowed)
    }

    func testStringsFallBackToLanguageThenEnglish() throws {
        let set = try TemplateSet(templates: ["page": "", "index": ""],
                                  strings: ["en-US.yml": "en-US:\n  a: A\n  b: B\n  c: C\n", "es-ES.yml": "es-ES:\n  a: Aes\n  b: Bes\n", "es-MX.yml": "es-MX:\n  a: Amx\n"])
        XCTAssertEqual(set.strings(for: "es-MX").text, ["a": "Amx", "b": "Bes", "c": "C"])
        XCTAssertEqual(set.strings(for: "ja-JP").text, ["a": "A", "b": "B", "c": "C"])
    }

    /// A preview server's rebuilds and a multilingual build's locale parts load the same templates
    /// again: the same texts are parsed once, and any change is parsed anew.
    func testTheSameTextsAreParsedOnceAndAChangeAgain() throws {
        let first = TemplateSet.parsesMade
        let a = try TemplateSet.load(from: Paths.templates)
        let b = try TemplateSet.load(from: Paths.templates)
        XCTAssertLessThanOrEqual(TemplateSet.parsesMade - first, 1, "loaded twice, parsed at most once")
        XCTAssertEqual(a.strings(for: "es-ES").text, b.strings(for: "es-ES").text)
        let strings = ["en-US.yml": "en-US:\n  a: A\n"]
        let one = try TemplateSet(templates: ["page": "<p>{{strings.a}}</p>", "index": ""], strings: strings)
        let made = TemplateSet.parsesMade
        let other = try TemplateSet(templates: ["page": "<p>{{strings.a}}</p>", "index": ""], strings: ["en-US.yml": "en-US:\n  a: B\n"])
        let third = try TemplateSet(templates: ["page": "<b>{{strings.a}}</b>", "index": ""], strings: strings)
        XCTAssertEqual(TemplateSet.parsesMade, made + 2, "a changed string and a changed template are each parsed")
        XCTAssertEqual(one.strings(for: "en-US").text, ["a": "A"])
        XCTAssertEqual(other.strings(for: "en-US").text, ["a": "B"])
        XCTAssertEqual(third.render(["strings": ["a": "x"]], template: "page"), "<b>x</b>")
        // A set that failed is not kept: it fails again.
        for _ in 0..<2 {
            XCTAssertThrowsError(try TemplateSet(templates: ["page": "{{#open}}", "index": ""], strings: strings))
        }
    }

    func testMissingOrBrokenTemplatesAreClearErrors() throws {
        XCTAssertThrowsError(try TemplateSet(templates: ["page": ""], strings: Self.strings)) { error in
            XCTAssertEqual("\(error)", "error: the template index.mustache is missing from the template set")
        }
        XCTAssertThrowsError(try TemplateSet(templates: ["page": "{{#open}}", "index": ""], strings: Self.strings)) { error in
            XCTAssertTrue("\(error)".hasPrefix("error: the template page.mustache is invalid"), "\(error)")
        }
        XCTAssertThrowsError(try TemplateSet(templates: ["page": "", "index": ""], strings: ["es-ES.yml": "es-ES:\n  a: b\n"])) { error in
            XCTAssertEqual("\(error)", "error: the template strings/en-US.yml is invalid: there is no en-US table")
        }
        XCTAssertThrowsError(try TemplateSet(templates: ["page": "", "index": ""], strings: ["en-US.yml": "en-US:\n  a: b\n", "fr-FR.yml": "fr:\n  a: b\n"])) { error in
            XCTAssertEqual("\(error)", "error: the template strings/fr-FR.yml is invalid: its one root key must be its locale, fr-FR, holding the strings")
        }
        XCTAssertThrowsError(try TemplateSet(templates: ["page": "", "index": ""], strings: ["en-US.yml": "en-US:\n  n:\n    one: a\n    lots: b\n"])) { error in
            XCTAssertEqual("\(error)", "error: the template strings/en-US.yml is invalid: n: a plural table maps the CLDR categories zero, one, two, few, many, other to strings")
        }
        XCTAssertThrowsError(try TemplateSet(templates: ["page": "", "index": ""], strings: ["en-US.yml": "en-US:\n  n:\n    one: a\n"])) { error in
            XCTAssertEqual("\(error)", "error: the template strings/en-US.yml is invalid: n: a plural table needs its 'other' form")
        }
    }

    /// A content folder's templates are untrusted (issue 14; a hostile review's findings): a partial's
    /// name is read as swift-mustache reads it (any whitespace around it: a newline or a vertical tab
    /// hid a loop that crashed the build), a template may not expand past 4 MiB through partials (25
    /// levels of a template naming the next twice held one page's build for minutes at 2.4 GB), and a
    /// section may not open inside one of the same name (a list repeated by its own length).
    func testTemplateRulesReadTagsAsMustacheDoesAndBoundExpansion() throws {
        for text in ["x{{>page\n}}", "x{{>\u{0B}page}}", "x{{> page\r\n}}", "x{{>\u{2028}page }}", "{{<\u{A0}page}}{{/page}}"] {
            XCTAssertThrowsError(try TemplateRules.check(["page": text]), text.debugDescription) { error in
                XCTAssertEqual("\(error)", "error: the template page.mustache is invalid: it includes itself through partials (page → page)")
            }
        }
        XCTAssertThrowsError(try TemplateRules.check(["page": "{{>\n*name}}"])) { error in
            XCTAssertTrue("\(error)".hasSuffix("it names a partial dynamically ({{>*…}}), which Diglot does not accept"), "\(error)")
        }
        var doubling = ["t24": String(repeating: "x", count: 16)]
        for level in 0..<24 { doubling["t\(level)"] = "{{>t\(level + 1)}}{{>t\(level + 1)}}" }
        doubling["page"] = "{{>t0}}{{{content}}}"
        XCTAssertThrowsError(try TemplateRules.check(doubling)) { error in
            XCTAssertTrue("\(error)".hasSuffix("with its partials it expands to over 4 MiB"), "\(error)")
        }
        XCTAssertThrowsError(try TemplateRules.check(["index": "{{#pages}}{{# pages }}{{title}}{{/pages}}{{/pages}}"])) { error in
            XCTAssertEqual("\(error)", "error: the template index.mustache is invalid: it opens the section pages inside a section of the same name, which repeats a list by its own length")
        }
        // Sections of the same name one after the other, a partial named twice, and the built-in set are fine.
        XCTAssertNoThrow(try TemplateRules.check(["page": "{{#a}}1{{/a}}{{^a}}2{{/a}}{{>p}}{{>p}}", "p": "<p>"]))
        XCTAssertNoThrow(try TemplateSet.load(from: Paths.templates))
    }
}
