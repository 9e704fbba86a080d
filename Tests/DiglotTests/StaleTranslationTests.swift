@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Stale-translation detection (issue 13 item 3): the current English from an English docset and from
/// other locales, the comparison's rule, `check`'s DG710 and DG711, the notice, the marks and the report
/// of a build, on the fixtures of `Fixtures/stale` (a changed English sentence, an added page, an
/// unchanged page), and on the three partner-center corpora.
final class StaleTranslationTests: XCTestCase {
    private let fixtures = Paths.fixtures.appendingPathComponent("stale")
    private var english: URL { fixtures.appendingPathComponent("en-us") }
    private var spanish: URL { fixtures.appendingPathComponent("es-es") }
    private var french: URL { fixtures.appendingPathComponent("fr-fr") }

    func testNormalizingIgnoresPunctuationCaseQuotesAndSpaces() {
        XCTAssertEqual(StaleTranslations.normalize("Select “Save” to keep the Terms & conditions."), "select save to keep the terms conditions")
        XCTAssertEqual(StaleTranslations.normalize("select \"Save\"  to keep the  TERMS\u{00A0}&amp; Conditions"), "select save to keep the terms amp conditions")
        XCTAssertEqual(StaleTranslations.normalize("If you're an Indirect provider—"), "if you re an indirect provider")
        XCTAssertEqual(StaleTranslations.normalize("ＡＢＣ 10 users"), "abc 10 users")  // full-width letters fold (NFKC)
        XCTAssertEqual(StaleTranslations.normalize(" … "), "")
    }

    func testCurrentEnglishFromAnEnglishDocset() throws {
        let current = try StaleTranslations.currentEnglish(englishDocset: english)
        XCTAssertEqual(current.pages.keys.sorted(), ["billing.md", "setup.md", "whats-new.md"])
        XCTAssertEqual(current.name, "the en-US docset en-us")
        let setup = try XCTUnwrap(current.page("setup.md"))
        XCTAssertEqual(setup.origin, "en-US")
        XCTAssertEqual(setup.title, "Set up your account")
        // Each block's text, cut into sentences.
        XCTAssertEqual(setup.sentences, ["Set up your account", "Sign in to Partner Center.", "Select Settings and then Account settings.", "You can add up to 10 users."])
        XCTAssertEqual(try XCTUnwrap(current.page("Billing.MD")).path, "billing.md")  // a path that differs in case only
    }

    func testCurrentEnglishFromLocalesTakesTheNewestHandoff() throws {
        let current = try StaleTranslations.currentEnglish(fromLocales: [(locale: "es-ES", content: spanish), (locale: "fr-FR", content: french)])
        XCTAssertEqual(current.name, "the newest of es-ES, fr-FR")
        // setup.md: fr-FR's was handed off on 07/02/2021, es-ES's on 03/05/2021.
        let setup = try XCTUnwrap(current.page("setup.md"))
        XCTAssertEqual(setup.origin, "fr-FR")
        XCTAssertEqual(setup.lastHandoff, "07/02/2021")
        XCTAssertEqual(setup.sentences.last, "You can add up to 10 users.")
        // billing.md: the same day in both, so the first given.
        XCTAssertEqual(current.page("billing.md")?.origin, "es-ES")
        // Against it, es-ES's setup.md is stale and fr-FR's is not.
        let spanishReport = try StaleTranslations.report(content: spanish, against: current)
        XCTAssertEqual(spanishReport.stalePages.map(\.path), ["setup.md"])
        XCTAssertEqual(spanishReport.stalePages.first?.stale.map(\.id), ["a1b2c-104", "a1b2c-105"])
        XCTAssertEqual(try StaleTranslations.report(content: french, against: current).staleSentences, 0)
        // A locale against itself: nothing is stale.
        let itself = try StaleTranslations.currentEnglish(fromLocales: [(locale: "es-ES", content: spanish)])
        XCTAssertEqual(try StaleTranslations.report(content: spanish, against: itself).staleSentences, 0)
    }

    func testComparisonFindsTheChangedSentenceAndItsReplacement() throws {
        let current = try StaleTranslations.currentEnglish(englishDocset: english)
        let report = try StaleTranslations.report(content: spanish, against: current)
        XCTAssertEqual(report.pages, 2)
        XCTAssertEqual(report.compared, 2)
        XCTAssertEqual(report.stalePages.map(\.path), ["setup.md"])
        XCTAssertEqual(report.staleSentences, 2)
        XCTAssertEqual(report.untranslated.map(\.path), ["whats-new.md"])
        let stale = try XCTUnwrap(report.stalePages.first).stale
        XCTAssertEqual(stale.map(\.id), ["a1b2c-104", "a1b2c-105"])
        XCTAssertEqual(stale.map(\.translatedFrom), ["You can add up to 5 users.", "Users get an email."])
        XCTAssertEqual(stale.map(\.translation), ["Puede agregar hasta 5 usuarios.", "Los usuarios reciben un correo."])
        // The changed sentence's replacement is found; the removed one has none.
        XCTAssertEqual(stale.map(\.current), ["You can add up to 10 users.", nil])
    }

    func testCheckReportsEachStaleSentenceAndEachUntranslatedPage() throws {
        var options = BuildOptions(content: spanish, output: URL(fileURLWithPath: "/nonexistent"), templates: Paths.templates)
        XCTAssertEqual(try SiteBuilder.check(options).filter { $0.code.rawValue >= "DG710" && $0.code.rawValue <= "DG719" }, [])
        options.currentEnglish = try StaleTranslations.currentEnglish(englishDocset: english)
        let found = try SiteBuilder.check(options).filter { [.staleTranslation, .pageNotTranslated].contains($0.code) }
        XCTAssertEqual(found.map(\.description), [
            "setup.md:13:1: warning: unit a1b2c-104 was translated from \"You can add up to 5 users.\", which is not in the current English (en-US); it now reads \"You can add up to 10 users.\" [DG710 stale-translation]",
            "setup.md:13:165: warning: unit a1b2c-105 was translated from \"Users get an email.\", which is not in the current English (en-US); no sentence of it matches [DG710 stale-translation]",
            "whats-new.md:1:1: warning: the current English has this page (\"What's new\", en-US) and the translation does not [DG711 page-not-translated]",
        ])
        XCTAssertEqual(found.compactMap(\.unit), ["a1b2c-104", "a1b2c-105"])
    }

    func testBuildMarksStalePagesAndWritesTheReport() throws {
        let plain = try temporaryFolder(self)
        let marked = try temporaryFolder(self)
        _ = try SiteBuilder.build(BuildOptions(content: spanish, output: plain, templates: Paths.templates))
        var options = BuildOptions(content: spanish, output: marked, templates: Paths.templates)
        options.currentEnglish = try StaleTranslations.currentEnglish(englishDocset: english)
        let result = try SiteBuilder.build(options)
        XCTAssertEqual(result.diagnostics.filter { [.staleTranslation, .pageNotTranslated].contains($0.code) }, [], "a build reports on its report page, not in its diagnostics")
        func read(_ folder: URL, _ path: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) }

        // The unchanged page's views, and the English view of the stale one, are byte for byte those of a build without the current English.
        for path in ["es-es/billing.html", "sxs/billing.html", "en-us/billing.html", "en-us/setup.html"] {
            XCTAssertEqual(try read(marked, path), try read(plain, path), path)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain.appendingPathComponent("stale/index.html").path))

        // The stale page's translation view: the notice, linking to the first stale sentence side by side.
        let target = try read(marked, "es-es/setup.html")
        XCTAssertTrue(target.contains("<div class=\"mt-notice stale-notice\" role=\"note\">\n<p>Es posible que esta traducción no esté actualizada: la página en inglés ha cambiado desde que se tradujo. <a href=\"../sxs/setup.html#tu-a1b2c-104\">Ver en paralelo las frases que han cambiado</a></p>\n</div>"), target)
        XCTAssertFalse(target.contains("tu-stale"))

        // Side by side: the notice, each stale sentence marked, and a note in words under its block.
        let sxs = try read(marked, "sxs/setup.html")
        XCTAssertTrue(sxs.contains("<p>Es posible que esta traducción no esté actualizada: la página en inglés ha cambiado desde que se tradujo. Cada frase desactualizada está marcada y lleva debajo el inglés actual.</p>"))
        XCTAssertTrue(sxs.contains("<span class=\"tu tu-stale\" id=\"tu-a1b2c-104\" data-tu=\"a1b2c-104\">Puede agregar hasta 5 usuarios.</span>"))
        XCTAssertTrue(sxs.contains("<span class=\"tu\" id=\"tu-a1b2c-102\" data-tu=\"a1b2c-102\">"), "a sentence that did not change is not marked")
        XCTAssertTrue(sxs.contains("<p class=\"stale-note\"><strong>Frase desactualizada:</strong> <q>Puede agregar hasta 5 usuarios.</q><br>\nInglés actual: <q lang=\"en-US\">You can add up to 10 users.</q></p>\n<p class=\"stale-note\"><strong>Frase desactualizada:</strong> <q>Los usuarios reciben un correo.</q><br>\nNinguna frase del inglés actual se corresponde con ella.</p>\n</div>"), sxs)
        // The notes are not in the search index (the translation's text only).
        XCTAssertFalse(try read(marked, "es-es/search-index.js").contains("desactualizada"))

        // The report: counts, the stale sentences with their old and current English, the untranslated page; linked from the start page.
        let report = try read(marked, "stale/index.html")
        for row in ["<tr><th scope=\"row\">Páginas</th><td>2</td></tr>", "<tr><th scope=\"row\">Páginas desactualizadas</th><td>1</td></tr>",
                    "<tr><th scope=\"row\">Frases desactualizadas</th><td>2</td></tr>", "<tr><th scope=\"row\">Páginas en inglés aún sin traducir</th><td>1</td></tr>",
                    "<h3><a href=\"../sxs/setup.html\">Configurar la cuenta</a>",
                    "<tr><td><a href=\"../sxs/setup.html#tu-a1b2c-104\">Puede agregar hasta 5 usuarios.</a></td><td lang=\"en-US\">You can add up to 5 users.</td><td lang=\"en-US\">You can add up to 10 users.</td></tr>",
                    "<td>Ninguna frase del inglés actual se corresponde con ella.</td>",
                    "<li><span lang=\"en-US\">What&#39;s new</span> <small lang=\"en\">whats-new.md</small></li>"] {
            XCTAssertTrue(report.contains(row), row + "\n" + report)
        }
        XCTAssertTrue(try read(marked, "index.html").contains("<a href=\"stale/index.html\">Traducciones desactualizadas</a>"))
        XCTAssertFalse(try read(plain, "index.html").contains("stale/index.html"))
    }

    func testNoticeLinksToTheCurrentEnglishWhenItHasAnAddress() throws {
        let output = try temporaryFolder(self)
        let read = try StaleTranslations.currentEnglish(englishDocset: english)
        var options = BuildOptions(content: spanish, output: output, templates: Paths.templates)
        options.currentEnglish = CurrentEnglish(pages: read.pages.values.map { page in
            var page = page
            page.address = page.path == "setup.md" ? "https://learn.example.com/en-us/setup" : nil
            return page
        }, name: read.name)
        _ = try SiteBuilder.build(options)
        let sxs = try String(contentsOf: output.appendingPathComponent("sxs/setup.html"), encoding: .utf8)
        XCTAssertTrue(sxs.contains(" <a href=\"https://learn.example.com/en-us/setup\">Leer el inglés actual</a></p>"))
    }

    func testCommandLineSource() throws {
        guard let diglot = Paths.diglotExecutable else { throw XCTSkip("the diglot executable is not built") }
        let process = Process()
        process.executableURL = diglot
        process.arguments = ["check", "--content", spanish.path, "--templates", Paths.templates.path, "--source", "en-US=" + english.path, "--format", "json"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let findings = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        XCTAssertEqual(findings.compactMap { $0["code"] as? String }.filter { $0 == "DG710" || $0 == "DG711" }, ["DG710", "DG710", "DG711"])

        let missing = Process()
        missing.executableURL = diglot
        missing.arguments = ["check", "--content", spanish.path, "--source", "en-US=/nonexistent-english"]
        missing.standardOutput = Pipe()
        missing.standardError = Pipe()
        try missing.run()
        missing.waitUntilExit()
        XCTAssertEqual(missing.terminationStatus, 64)
    }

    /// The three partner-center locales against the newest English among them: each against itself
    /// gives no stale sentence; their counts are in the README.
    func testCorpusLocalesAgainstTheNewestEnglish() throws {
        let spanishCorpus = try requireCorpus()
        let locales = [("es-ES", "es-es"), ("fr-FR", "fr-fr"), ("ko-KR", "ko-kr")].map { (locale: $0.0, content: spanishCorpus.deletingLastPathComponent().appendingPathComponent("partner-center-pr." + $0.1)) }
        for locale in locales where !FileManager.default.fileExists(atPath: locale.content.path) {
            throw XCTSkip("The corpus \(locale.content.path) is not here (../shared/corpora beside the project).")
        }
        // Each locale read once (as `currentEnglish(fromLocales:)` and `report(content:against:)` read them).
        let read = try locales.map { (locale: $0.locale, pages: try StaleTranslations.models(in: $0.content)) }
        let newest = StaleTranslations.currentEnglish(fromModels: read)
        var counts: [String] = []
        for locale in read {
            let itself = StaleTranslations.currentEnglish(fromModels: [locale])
            XCTAssertEqual(StaleTranslations.report(pages: locale.pages, against: itself).staleSentences, 0, locale.locale)
            let report = StaleTranslations.report(pages: locale.pages, against: newest)
            counts.append("\(locale.locale): \(report.pages) pages, \(report.stalePages.count) stale, \(report.staleSentences) sentences, \(report.untranslated.count) untranslated")
            for page in report.stalePages {
                for unit in page.stale { print("  \(locale.locale) \(page.path) \(unit.id): \"\(unit.translatedFrom)\" -> \"\(unit.current ?? "-")\"") }
            }
        }
        // Two locales of the same handoff against each other, either way round.
        let (spanishPages, frenchPages) = (read[0], read[1])
        XCTAssertEqual(StaleTranslations.report(pages: spanishPages.pages, against: StaleTranslations.currentEnglish(fromModels: [frenchPages])).staleSentences, 0)
        XCTAssertEqual(StaleTranslations.report(pages: frenchPages.pages, against: StaleTranslations.currentEnglish(fromModels: [spanishPages])).staleSentences, 0)
        // The pages' English read as an English docset is (every block's text, cut into sentences) against their own units: none stale.
        let asDocset = CurrentEnglish(pages: spanishPages.pages.map { CurrentEnglish.Page(path: $0.path, origin: "en-US", sentences: StaleTranslations.sentences(ofText: $0)) },
                                      name: "es-ES as text")
        XCTAssertEqual(StaleTranslations.report(pages: spanishPages.pages, against: asDocset).staleSentences, 0)
        print(counts.joined(separator: "\n"))
        XCTAssertEqual(counts, [
            "es-ES: 379 pages, 0 stale, 0 sentences, 0 untranslated",
            "fr-FR: 379 pages, 0 stale, 0 sentences, 0 untranslated",
            "ko-KR: 379 pages, 1 stale, 6 sentences, 0 untranslated",
        ])
    }
}
