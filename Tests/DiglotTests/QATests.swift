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

    private func findings(_ units: [(String, String)], config: QAConfig = QAConfig(), locale: String = "es-ES") -> [Diagnostic] {
        TranslationQA(config: config, targetLocale: locale).check([page("p.md", units)])
    }

    private func codes(_ units: [(String, String)], config: QAConfig = QAConfig(), locale: String = "es-ES") -> [String] {
        findings(units, config: config, locale: locale).map(\.code.rawValue)
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

    func testNamesCLDRSpellsTheSameAreNotUntranslated() {
        // CLDR (through Foundation) spells these the same in French and English: they are French words.
        XCTAssertEqual(codes([("Myanmar", "Myanmar"), ("Canada", "Canada"), ("Burkina Faso", "Burkina Faso"),
                              ("Kazakhstan, Ukraine", "Kazakhstan, Ukraine")], locale: "fr-FR"), [])
        // A sentence that is more than names, or a name French spells otherwise (Moldavie), is still reported.
        XCTAssertEqual(findings([("Myanmar dashboard", "Myanmar dashboard"), ("Moldova", "Moldova"), ("Unit Price", "Unit Price")], locale: "fr-FR")
            .map(\.message), ["unit q-1 is not translated: \"Myanmar dashboard\"", "unit q-2 is not translated: \"Moldova\"",
                              "unit q-3 is not translated: \"Unit Price\""])
        // Korean spells Canada 캐나다.
        XCTAssertEqual(codes([("Canada", "Canada")], locale: "ko-KR"), ["DG701"])
        // Without a known language, no name is taken for a translation.
        XCTAssertEqual(codes([("Canada", "Canada")], locale: "und"), ["DG701"])
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

    func testNumbersAreReadWithTheLocalesSymbols() {
        // French groups thousands with a space (CLDR: U+202F; writers use U+00A0 and U+0020 too), and
        // a machine translation may keep the English form: all are 50,000.
        let french = ["50 000", "50\u{A0}000", "50\u{202F}000", "50000", "50,000"].map { ("Plafond de \($0) $ par an", "Capped at $50,000 per year") }
        XCTAssertEqual(codes(french, locale: "fr-FR").filter { $0 == "DG704" }, [])
        XCTAssertEqual(codes([("$7 273,99", "$7,273.99"), ("0,80", ".80"), ("4 $", "$4.00")], locale: "fr-FR"), [])
        XCTAssertEqual(codes([("1.234,5 Stück", "1,234.5 units"), ("Windows-Version 10.0.19041", "Windows version 10.0.19041")], locale: "de-DE"), [])
        // A real difference is still one: 50,000 is not 5,000, and in German 1,5 is not 15.
        XCTAssertEqual(findings([("Plafond de 50 000 $", "Capped at $5,000")], locale: "fr-FR").map(\.message),
                       ["unit q-1 has the numbers [50000] in the translation and [5000] in the source"])
        XCTAssertEqual(codes([("1,5 Stunden", "15 hours")], locale: "de-DE"), ["DG704"])
        // A space groups thousands in any language (SI, ISO 80000-1; German DIN 5008, Spanish RAE), but
        // only three digits, and 50 000 is still not 5,000.
        XCTAssertEqual(codes([("50 000 Lizenzen", "50,000 licenses")], locale: "de-DE"), [])
        XCTAssertEqual(codes([("50 000 Lizenzen", "5,000 licenses"), ("2015 0 Lizenzen", "20150 licenses")], locale: "de-DE"), ["DG704", "DG704"])
    }

    func testDatesCompareByValue() {
        // A month's name stands for its number, in the source and in the translation (CLDR month names).
        let october = [("ko-KR", "2020년 10월 1일부터"), ("ja-JP", "2020年10月1日から"), ("fr-FR", "À partir du 1er octobre 2020"),
                       ("es-ES", "A partir del 1 de octubre de 2020"), ("de-DE", "Ab dem 1. Oktober 2020"), ("ar-SA", "اعتبارًا من 1 أكتوبر 2020")]
        for (locale, target) in october {
            for source in ["Starting October 1, 2020", "Starting Oct 1, 2020", "Starting 10/1/2020", "Starting 1 October 2020"] {
                XCTAssertEqual(codes([(target, source)], locale: locale), [], "\(locale): \(target) / \(source)")
            }
        }
        // A month-name date against digits, either way round.
        XCTAssertEqual(codes([("Le 01/10/2020", "On October 1, 2020"), ("Jusqu’au 30 septembre", "Until 9/30")], locale: "fr-FR"), [])
        XCTAssertEqual(codes([("6월 CSP 커뮤니티 업데이트", "June CSP community update"), ("2021년 1월 업데이트", "the January 2021 updates")], locale: "ko-KR"), [])
        // A date range may name its month once.
        XCTAssertEqual(codes([("Du 3 au 7 juin pour 10 sièges", "June 3rd to June 7th for 10 seats")], locale: "fr-FR"), [])
        // "May" that opens a sentence before a verb is not a month; "May" elsewhere is.
        XCTAssertEqual(codes([("Peut être vide", "May be blank"), ("Mise à jour CSP de mai", "May CSP update")], locale: "fr-FR"), [])
        XCTAssertEqual(codes([("Avant la fin du mois", "Before the end of May")], locale: "fr-FR"), ["DG704"])
        // A wrong month is a real difference.
        XCTAssertEqual(findings([("2020년 6월의 공지 사항", "Announcements for July 2020")], locale: "ko-KR").map(\.message),
                       ["unit q-1 has the numbers [2020, 6] in the translation and [7, 2020] in the source"])
        XCTAssertEqual(codes([("le 2 octobre 2020", "October 1, 2020")], locale: "fr-FR"), ["DG704"])
    }

    func testSpelledNumbersMatchDigits() {
        // The source's numbers written as words (CLDR spell-out) match the translation's digits...
        XCTAssertEqual(codes([("6개월 동안", "for six months"), ("최대 6개 시나리오와 10개 머신", "up to six scenarios and ten machines"),
                              ("6가지 방법 중 하나입니다.", "One of the six different ways.")], locale: "ko-KR"), [])
        // ...but a digit of the translation that the source has in no form is still reported.
        XCTAssertEqual(codes([("6개월 동안", "for five months")], locale: "ko-KR"), ["DG704"])
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
