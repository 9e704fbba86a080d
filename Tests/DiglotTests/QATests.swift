import Diglot
import Foundation
import XCTest

/// Translation QA: each check on small pages that trigger it and pages that do not; diglot.yml; the
/// output formats (SARIF validated against the SARIF 2.1.0 schema kept in the fixtures); `diglot check`.
final class QATests: XCTestCase {
    private func page(_ path: String = "p.md", _ units: [(String, String)]) -> Page {
        let body = units.enumerated().map { unit("q-\($0.offset + 1)", $0.element.0, $0.element.1) }.joined(separator: "\n\n")
        return PageParser.parse(.page(path, "---\ntitle: T\n---\n\n" + body + "\n")).page
    }

    private func findings(_ units: [(String, String)], config: QAConfig = QAConfig()) -> [Diagnostic] {
        TranslationQA(config: config).check([page("p.md", units)])
    }

    private func codes(_ units: [(String, String)], config: QAConfig = QAConfig()) -> [String] {
        findings(units, config: config).map(\.code.rawValue)
    }

    func testUntranslated() {
        let found = findings([("Unit Price", "Unit Price")])
        XCTAssertEqual(found.map(\.description), ["p.md:5:1: warning: unit q-1 is not translated: \"Unit Price\" [DG701 untranslated]"])
        XCTAssertEqual(codes([("Precio unitario", "Unit Price")]), [])
        // Codes, abbreviations, identifiers and numbers are the same in every language.
        XCTAssertEqual(codes([("USD", "USD"), ("No", "No"), ("CustomerName", "CustomerName"), ("E3", "E3"), ("2021", "2021")]), [])
        // Do-not-translate terms, with addresses around them, are fine; other words beside them are not.
        let config = QAConfig(doNotTranslate: ["Partner Center", "Azure"])
        XCTAssertEqual(codes([("Partner Center", "Partner Center"), ("Azure https://azure.microsoft.com", "Azure https://azure.microsoft.com")], config: config), [])
        XCTAssertEqual(codes([("Partner Center dashboard", "Partner Center dashboard")], config: config), ["DG701"])
    }

    func testMarkupDiffers() {
        let found = findings([("El **panel** y `x`", "The **dashboard** and the *x*")])
        XCTAssertEqual(found.map(\.message), ["unit q-1 has 1 bold, 1 code in the translation and 1 bold, 1 italic in the source"])
        XCTAssertEqual(codes([("El **panel** y *x*", "The **dashboard** and the *x*")]), [])
    }

    func testLinkDiffers() {
        let found = findings([("Vea [esto](a.md) y [aquello](c.md)", "See [this](a.md) and [that](b.md)")])
        XCTAssertEqual(found.map(\.message), ["unit q-1: the source links to b.md and the translation does not; the translation links to c.md and the source does not"])
        // Links written in raw HTML count too; the order may change with the sentence.
        XCTAssertEqual(codes([("Vea <a href=\"b.md\">b</a> y [a](a.md)", "See [a](a.md) and <a href=\"b.md\">b</a>")]), [])
    }

    func testNumberDiffers() {
        let found = findings([("Hasta 250 licencias", "Up to 300 licenses")])
        XCTAssertEqual(found.map(\.message), ["unit q-1 has the numbers [250] in the translation and [300] in the source"])
        // Thousands and decimal separators differ between languages; the numbers are the same.
        XCTAssertEqual(codes([("1.000,5 dólares el 2 de mayo", "$1,000.5 on May 2")]), [])
    }

    func testEmptySides() {
        XCTAssertEqual(findings([("", "The source")]).map(\.message), ["unit q-1 has no translation; the source is \"The source\""])
        XCTAssertEqual(codes([("", "The source")]), ["DG705"])
        XCTAssertEqual(codes([("La traducción", "")]), ["DG706"])
        XCTAssertEqual(codes([("", "")]), [])
    }

    func testWhitespaceDiffers() {
        XCTAssertEqual(findings([("Texto ", "Text")]).map(\.message), ["unit q-1: the translation ends with a space, the source has no space at either end"])
        XCTAssertEqual(codes([(" Texto", " Text")]), [])
    }

    func testInconsistentTranslation() {
        let pages = [page("a.md", [("¿Tiene preguntas?", "Questions?"), ("Hola", "Hello")]),
                     page("b.md", [("¿Tiene alguna pregunta?", "Questions?")]),
                     page("c.md", [("¿Tiene preguntas?", "Questions?"), ("Hola", "Hello")])]
        let found = TranslationQA().check(pages)
        XCTAssertEqual(found.map(\.description), [
            "b.md:5:1: warning: \"Questions?\" is translated \"¿Tiene alguna pregunta?\" here and \"¿Tiene preguntas?\" in 2 other places (first at a.md:5) [DG708 inconsistent-translation]",
        ])
        // Per docset: the same sentence may be translated differently in another docset.
        XCTAssertEqual(TranslationQA().check(pages) { $0 == "b.md" ? "other" : "" }, [])
    }

    func testConfigSeveritiesAndProblems() {
        let yaml = """
            qa:
              doNotTranslate:
                - Partner Center
              severity:
                untranslated: error
                DG707: off
                nonsense: error
                number-differs: loud
            """
        let (config, problems) = QAConfig.parse(yaml)
        XCTAssertEqual(config.doNotTranslate, ["Partner Center"])
        XCTAssertEqual(problems.map(\.description), [
            "diglot.yml:7:5: error: severity names an unknown check nonsense; use a code (DG701) or a name (untranslated) [DG709 qa-config]",
            "diglot.yml:8:21: error: the severity of number-differs must be error, warning or off [DG709 qa-config]",
        ])
        let found = findings([("Unit Price", "Unit Price"), ("Texto ", "Text")], config: config)
        XCTAssertEqual(found.map { "\($0.code.rawValue) \($0.severity)" }, ["DG701 error"])
        XCTAssertEqual(QAConfig.parse("qa: [").1.first?.code, .qaConfig)
    }

    // MARK: Formats

    private let sample = [
        Diagnostic(file: "a b/p.md", location: SourceLocation(line: 3, column: 7), code: .untranslated, stage: .resolve,
                   message: "unit 1 is not translated: \"50%, then: more\"\nsecond line"),
        Diagnostic(file: "q.md", location: SourceLocation(line: 1, column: 1), code: .brokenLink, stage: .resolve, message: "x", severity: .error),
    ]

    func testJSONFormat() throws {
        let text = DiagnosticFormat.json.render(sample)
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0]["file"] as? String, "a b/p.md")
        XCTAssertEqual(items[0]["line"] as? Int, 3)
        XCTAssertEqual(items[0]["column"] as? Int, 7)
        XCTAssertEqual(items[0]["code"] as? String, "DG701")
        XCTAssertEqual(items[0]["name"] as? String, "untranslated")
        XCTAssertEqual(items[0]["severity"] as? String, "warning")
        XCTAssertEqual(items[0]["message"] as? String, sample[0].message)
        XCTAssertEqual(items[1]["severity"] as? String, "error")
        XCTAssertEqual(DiagnosticFormat.json.render([]), "[]\n")
    }

    func testGitHubFormat() {
        // Messages are one line (a line break given to a diagnostic becomes a space)...
        XCTAssertEqual(sample[0].message, "unit 1 is not translated: \"50%, then: more\" second line")
        // ...and a workflow command escapes one all the same.
        var sample = sample
        sample[0].message = "unit 1 is not translated: \"50%, then: more\"\nsecond line"
        XCTAssertEqual(DiagnosticFormat.github.render(sample, pathPrefix: "docs"), """
            ::warning file=docs/a b/p.md,line=3,col=7,title=DG701 untranslated::unit 1 is not translated: "50%25, then: more"%0Asecond line
            ::error file=docs/q.md,line=1,col=1,title=DG601 broken-link::x

            """)
    }

    func testSARIFFormatValidatesAgainstTheSchema() throws {
        let text = DiagnosticFormat.sarif.render(sample, pathPrefix: "docs")
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["ruleId"] as? String }, ["DG701", "DG601"])
        XCTAssertEqual(results.map { $0["level"] as? String }, ["warning", "error"])
        let location = try XCTUnwrap(((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        XCTAssertEqual((location["artifactLocation"] as? [String: Any])?["uri"] as? String, "docs/a%20b/p.md")
        XCTAssertEqual((location["region"] as? [String: Any])?["startLine"] as? Int, 3)
        // Each result's ruleIndex points at its rule.
        let rules = try XCTUnwrap((run["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"] as? [[String: Any]])
        for result in results {
            XCTAssertEqual(rules[result["ruleIndex"] as! Int]["id"] as? String, result["ruleId"] as? String)
        }
        try validateSARIF(text)
    }

    /// Validates a SARIF log with Python's jsonschema against the schema in the fixtures.
    private func validateSARIF(_ text: String) throws {
        let folder = try temporaryFolder(self)
        let log = folder.appendingPathComponent("log.sarif")
        try text.write(to: log, atomically: true, encoding: .utf8)
        let schema = Paths.fixtures.appendingPathComponent("sarif/sarif-schema-2.1.0.json")
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors: print(list(e.path), e.message)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, log.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if output.contains("No module named 'jsonschema'") {
            throw XCTSkip("Python's jsonschema is not installed (pip install jsonschema; .ci/run installs it)")
        }
        XCTAssertEqual(process.terminationStatus, 0, "SARIF does not validate: \(output)")
    }

    // MARK: The command

    func testCheckCommandFormatsAndExitStatus() throws {
        let content = try temporaryFolder(self, "content")
        try writeFiles([
            "p.md": Array(("---\ntitle: T\nms.contentlocale: es-ES\n---\n\n" + unit("u-1", "Unit Price", "Unit Price") + " [x](missing.md)\n").utf8),
        ], into: content)
        var run = try runDiglot(["check", "--content", content.path, "--templates", Paths.templates.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, """
            p.md:6:1: warning: unit u-1 is not translated: "Unit Price" [DG701 untranslated]
            p.md:6:116: warning: the link to missing.md leads nowhere: missing.md does not exist [DG601 broken-link]

            """)
        XCTAssertTrue(run.stderr.contains("0 errors, 2 warnings"), run.stderr)
        // diglot.yml makes untranslated units errors: exit 1. Nothing is written.
        try Data("qa:\n  severity:\n    untranslated: error\n".utf8).write(to: content.appendingPathComponent("diglot.yml"))
        run = try runDiglot(["check", "--content", content.path, "--templates", Paths.templates.path, "--format", "github"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.hasPrefix("::error file="), run.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: content.path).sorted(), ["diglot.yml", "p.md"])
        run = try runDiglot(["check", "--content", content.path, "--templates", Paths.templates.path, "--format", "sarif"])
        try validateSARIF(run.stdout)
        run = try runDiglot(["check", "--content", content.path, "--format", "yaml"])
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.stderr.contains("yaml"), run.stderr)
    }

    func testQAReportPageLinksEachFindingToItsSentence() throws {
        let output = try temporaryFolder(self)
        let result = try SiteBuilder.build(BuildOptions(content: DocsetFixtureTests.fixture, output: output, templates: Paths.templates, qaReport: true))
        // QA findings are on the report, not among the build's diagnostics.
        XCTAssertFalse(result.diagnostics.contains { $0.code.rawValue.hasPrefix("DG7") })
        let report = try String(contentsOf: output.appendingPathComponent("qa/index.html"), encoding: .utf8)
        XCTAssertTrue(report.contains("<tr><td><code>DG701</code> untranslated</td><td lang=\"en\">The translation is the English source, word for word.</td><td>1</td></tr>"), report)
        XCTAssertTrue(report.contains("<h2>Guía de prueba <small>(2)</small></h2>"), report)
        let link = "../sxs/guide/details.html#tu-d-8"
        XCTAssertTrue(report.contains("<a href=\"\(link)\">unit d-8 is not translated: &quot;Unit Price&quot;</a>"), report)
        XCTAssertTrue(report.contains("<a href=\"../sxs/guide/details.html#tu-d-9\">unit d-9 has the numbers [250] in the translation and [300] in the source</a>"), report)
        // The link's target is there: the sentence in the side-by-side view's translation column.
        let sxs = try String(contentsOf: output.appendingPathComponent("sxs/guide/details.html"), encoding: .utf8)
        XCTAssertTrue(sxs.contains("<span class=\"tu\" id=\"tu-d-8\" data-tu=\"d-8\">Unit Price</span>"), sxs)
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8).contains("<a href=\"qa/index.html\">"))
        // Without --qa-report there is no report.
        let plain = try temporaryFolder(self)
        _ = try SiteBuilder.build(BuildOptions(content: DocsetFixtureTests.fixture, output: plain, templates: Paths.templates))
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain.appendingPathComponent("qa/index.html").path))
    }

    func testTheCorpusHasNoErrorFromAlignmentAndItsQAFindings() throws {
        let corpus = try requireCorpus()
        let run = try runDiglot(["check", "--content", corpus.path, "--templates", Paths.templates.path, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        XCTAssertFalse(items.contains { $0["severity"] as? String == "error" })
        var counts: [String: Int] = [:]
        for item in items { counts["\(item["code"]!) \(item["name"]!)", default: 0] += 1 }
        try assertGolden(counts.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n") + "\n", "corpus.check-counts.tsv")
        // A sample, checked by hand: a table cell the pipeline left in English.
        XCTAssertTrue(items.contains { ($0["message"] as? String) == "unit 90793-332 is not translated: \"Customer Engagement\"" })
    }
}
