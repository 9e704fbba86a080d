@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Issue 13: one site from several localized content folders (`MultilingualBuild`), the parts built
/// apart and merged (`SiteMerger`), the language picker, the `hreflang` alternates, the fallbacks and
/// the one English view. The fixtures are the test docset in Spanish (`docset`) and its French part
/// (`docset-fr`: `guide/start.md` handed off later with one English sentence changed, `guide/extra.md`
/// only in French, no `guide/details.md`).
final class MultilingualBuildTests: XCTestCase {
    private let spanish = Paths.fixtures.appendingPathComponent("docset")
    private let french = Paths.fixtures.appendingPathComponent("docset-fr")

    private func part(_ content: URL, _ locale: String, baseURL: String? = nil) -> BuildOptions {
        BuildOptions(content: content, output: URL(fileURLWithPath: "/nonexistent"), templates: Paths.templates, targetLocale: locale, baseURL: baseURL)
    }

    /// Builds the two fixtures into `<temporary>/site` (their parts beside it, removed with it).
    private func buildBoth(baseURL: String? = nil) throws -> (site: URL, result: MultilingualResult) {
        let site = try temporaryFolder(self, "multilingual").appendingPathComponent("site")
        let result = try MultilingualBuild.build([part(spanish, "es-ES", baseURL: baseURL), part(french, "fr-FR", baseURL: baseURL)], output: site, baseURL: baseURL)
        return (site, result)
    }

    private func text(_ site: URL, _ path: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }

    /// The `<li>` entries of a page's language picker.
    private func picker(_ html: String) throws -> [String] {
        let start = try XCTUnwrap(html.range(of: "<details class=\"language-picker\">"))
        let end = try XCTUnwrap(html.range(of: "</details>", range: start.upperBound..<html.endIndex))
        return html[start.upperBound..<end.lowerBound].split(separator: "\n").filter { $0.hasPrefix("<li>") }.map(String.init)
    }

    func testTwoLocalesMakeOneSiteWithEachLanguagesViewsAndOneEnglishView() throws {
        let (site, result) = try buildBoth()
        XCTAssertEqual(result.merge.locales, ["es-ES", "fr-FR"])
        XCTAssertEqual(result.parts.map(\.pages), [4, 2])
        for path in ["index.html", "es-es.html", "fr-fr.html", "es-es/guide/start.html", "sxs/es-es/guide/start.html",
                     "fr-fr/guide/start.html", "sxs/fr-fr/guide/extra.html", "en-us/guide/start.html", "en-us/guide/extra.html",
                     "en-us/guide/details.html", "assets/diglot.js", "404.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), path)
        }
        // No file of a single-locale site's layout, and no part's manifest in the site.
        for path in ["sxs/guide/start.html", SitePart.fileName, "sitemap.xml"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), path)
        }
        // The English of guide/start.md is the French part's, handed off later (ms.lasthandoff 07/01/2021).
        let english = try text(site, "en-us/guide/start.html")
        XCTAssertTrue(english.contains("This page shows each step of a build."))
        XCTAssertFalse(english.contains("This page shows every part of a build."))
        XCTAssertEqual(result.merge.englishPages, ["es-ES": 2, "fr-FR": 2])
        // The English search index takes each page's entry from the part its English came from.
        let index = try text(site, "en-us/guide/search-index.js")
        XCTAssertTrue(index.contains("This page shows each step of a build."))
        XCTAssertFalse(index.contains("every part of a build"))
        XCTAssertEqual(index.components(separatedBy: "[\"guide/start.html\"").count, 2, "one entry per page")
        // The English page leads to no one translation: its view switch has no translation link.
        XCTAssertFalse(english.contains("data-view=\"target\""))
        XCTAssertFalse(english.contains("data-view=\"side-by-side\""))
        // A translation's home is its own start page; the English page's, the language chooser.
        XCTAssertTrue(try text(site, "es-es/guide/start.html").contains("<a class=\"home\" href=\"../../es-es.html\">"))
        XCTAssertTrue(english.contains("<a class=\"home\" href=\"../../index.html\">"))
        // No mark is left anywhere.
        for path in try FileManager.default.subpathsOfDirectory(atPath: site.path) where path.hasSuffix(".html") {
            XCTAssertFalse(try text(site, path).contains("<!--diglot:"), path)
        }
    }

    func testThePickerLeadsToTheSamePageInEachLanguageOrToItsStartPage() throws {
        let (site, _) = try buildBoth()
        XCTAssertEqual(try picker(text(site, "es-es/guide/start.html")), [
            "<li><a href=\"../../es-es/guide/start.html\" hreflang=\"es-ES\" lang=\"es-ES\" data-locale=\"es-ES\" aria-current=\"page\">Español</a></li>",
            "<li><a href=\"../../fr-fr/guide/start.html\" hreflang=\"fr-FR\" lang=\"fr-FR\" data-locale=\"fr-FR\">Français</a></li>",
            "<li><a href=\"../../en-us/guide/start.html\" hreflang=\"en-US\" lang=\"en-US\" data-locale=\"en-US\">English</a></li>",
        ])
        // guide/details.md is not in French: its picker leads to the French start page's notice.
        XCTAssertEqual(try picker(text(site, "es-es/guide/details.html"))[1],
                       "<li><a href=\"../../fr-fr.html#page-missing\" hreflang=\"fr-FR\" lang=\"fr-FR\" data-locale=\"fr-FR\" data-missing>Français</a></li>")
        XCTAssertTrue(try text(site, "fr-fr.html").contains("<p class=\"page-missing\" id=\"page-missing\" role=\"note\">Cette page n’est pas disponible dans cette langue."))
        // Side by side stays side by side.
        XCTAssertEqual(try picker(text(site, "sxs/fr-fr/guide/start.html")).prefix(2), [
            "<li><a href=\"../../../sxs/es-es/guide/start.html\" hreflang=\"es-ES\" lang=\"es-ES\" data-locale=\"es-ES\">Español</a></li>",
            "<li><a href=\"../../../sxs/fr-fr/guide/start.html\" hreflang=\"fr-FR\" lang=\"fr-FR\" data-locale=\"fr-FR\" aria-current=\"page\">Français</a></li>",
        ])
        // The English page of a page only in French: Spanish falls back, English is the current one.
        XCTAssertEqual(try picker(text(site, "en-us/guide/extra.html")), [
            "<li><a href=\"../../es-es.html#page-missing\" hreflang=\"es-ES\" lang=\"es-ES\" data-locale=\"es-ES\" data-missing>Español</a></li>",
            "<li><a href=\"../../fr-fr/guide/extra.html\" hreflang=\"fr-FR\" lang=\"fr-FR\" data-locale=\"fr-FR\">Français</a></li>",
            "<li><a href=\"../../en-us/guide/extra.html\" hreflang=\"en-US\" lang=\"en-US\" data-locale=\"en-US\" aria-current=\"page\">English</a></li>",
        ])
        // The chooser lists every language's start page, each by its own name.
        let chooser = try text(site, "index.html")
        XCTAssertTrue(chooser.contains("<body class=\"view-languages\">"))
        XCTAssertTrue(chooser.contains("<li><a href=\"es-es.html\" hreflang=\"es-ES\" lang=\"es-ES\" data-locale=\"es-ES\">Español</a></li>\n"
                                       + "<li><a href=\"fr-fr.html\" hreflang=\"fr-FR\" lang=\"fr-FR\" data-locale=\"fr-FR\">Français</a></li>\n</ul>"))
    }

    func testAlternatesJoinEveryLanguageAndAreAbsoluteWithTheSiteAddress() throws {
        let (site, _) = try buildBoth(baseURL: "https://docs.example.com/help")
        let head = try text(site, "fr-fr/guide/start.html")
        XCTAssertTrue(head.contains("""
            <link rel="alternate" hreflang="es-ES" href="https://docs.example.com/help/es-es/guide/start.html">
            <link rel="alternate" hreflang="fr-FR" href="https://docs.example.com/help/fr-fr/guide/start.html">
            <link rel="alternate" hreflang="en-US" href="https://docs.example.com/help/en-us/guide/start.html">
            <link rel="alternate" hreflang="x-default" href="https://docs.example.com/help/en-us/guide/start.html">
            <link rel="stylesheet"
            """), head)
        // A page in one language names that language and English only.
        XCTAssertTrue(try text(site, "sxs/es-es/guide/details.html").contains("""
            <link rel="alternate" hreflang="es-ES" href="https://docs.example.com/help/es-es/guide/details.html">
            <link rel="alternate" hreflang="en-US" href="https://docs.example.com/help/en-us/guide/details.html">
            <link rel="alternate" hreflang="x-default" href="https://docs.example.com/help/en-us/guide/details.html">
            """))
        // The sitemap index, and each language's sitemap.
        XCTAssertEqual(try text(site, "sitemap.xml"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>https://docs.example.com/help/es-es/sitemap.xml</loc></sitemap>
            <sitemap><loc>https://docs.example.com/help/fr-fr/sitemap.xml</loc></sitemap>
            <sitemap><loc>https://docs.example.com/help/en-us/sitemap.xml</loc></sitemap>
            </sitemapindex>

            """)
        XCTAssertEqual(try text(site, "fr-fr/sitemap.xml"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>https://docs.example.com/help/fr-fr/guide/extra.html</loc></url>
            <url><loc>https://docs.example.com/help/sxs/fr-fr/guide/extra.html</loc></url>
            <url><loc>https://docs.example.com/help/fr-fr/guide/start.html</loc></url>
            <url><loc>https://docs.example.com/help/sxs/fr-fr/guide/start.html</loc></url>
            </urlset>

            """)
    }

    /// The merge of parts built apart (each as on its own machine) is the multilingual build, byte for
    /// byte, given the same current English (parts built apart are given it as `--source`; the one
    /// build takes the newest English among its languages, the same here).
    func testMergeOfPartsBuiltApartEqualsTheOneBuild() throws {
        let (site, _) = try buildBoth(baseURL: "https://docs.example.com/")
        let root = try temporaryFolder(self, "shards")
        var reference = try StaleTranslations.currentEnglish(fromLocales: [("es-ES", spanish), ("fr-FR", french)])
        reference.shownInEnglishView = true
        var folders: [URL] = []
        for (content, locale) in [(spanish, "es-ES"), (french, "fr-FR")] {
            var options = part(content, locale, baseURL: "https://docs.example.com/")
            options.output = root.appendingPathComponent("part-\(locale)")
            options.multilingual = true
            options.currentEnglish = reference
            _ = try SiteBuilder.build(options)
            folders.append(options.output)
        }
        // The parts travel (CI artifacts): their files' times change, their bytes do not.
        for folder in folders {
            for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
                try? FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: folder.appendingPathComponent(path).path)
            }
        }
        let merged = root.appendingPathComponent("merged")
        let result = try SiteMerger.merge(MergeOptions(parts: folders, output: merged))
        // (Diglot's own files, `.diglot-manifest` and `.diglot-merge`, hold file times and the parts' folders: not the site's.)
        XCTAssertEqual(result.locales, ["es-ES", "fr-FR"])
        let files = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter { !$0.hasPrefix(".diglot-") }.sorted()
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: merged.path).filter { !$0.hasPrefix(".diglot-") }.sorted(), files)
        for path in files {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            XCTAssertEqual(try Data(contentsOf: site.appendingPathComponent(path)), try Data(contentsOf: merged.appendingPathComponent(path)), path)
        }
    }

    func testMergeRefusesPartsItCannotTrust() throws {
        let root = try temporaryFolder(self, "bad-parts")
        func build(_ content: URL, _ locale: String, into name: String) throws -> URL {
            var options = part(content, locale)
            options.output = root.appendingPathComponent(name)
            options.multilingual = true
            _ = try SiteBuilder.build(options)
            return options.output
        }
        let spanishPart = try build(spanish, "es-ES", into: "es")
        let again = try build(spanish, "es-ES", into: "es-again")
        let frenchPart = try build(french, "fr-FR", into: "fr")
        func refusal(_ parts: [URL]) -> String? {
            do {
                _ = try SiteMerger.merge(MergeOptions(parts: parts, output: root.appendingPathComponent("site-\(UUID().uuidString)")))
                return nil
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(refusal([spanishPart, again]), "error: cannot merge the part \(again.path): another part is of es-ES too")
        // A single-locale site is not a part.
        let single = root.appendingPathComponent("single")
        _ = try SiteBuilder.build(BuildOptions(content: french, output: single, templates: Paths.templates))
        XCTAssertEqual(refusal([spanishPart, single]), "error: cannot merge the part \(single.path): it has no \(SitePart.fileName): build it with diglot build --shard-output")
        // A file changed since the part was built (the same size: the hash tells), and one that is a link.
        let page = frenchPart.appendingPathComponent("fr-fr/guide/start.html")
        let original = try Data(contentsOf: page)
        try Data(repeating: UInt8(ascii: "x"), count: original.count).write(to: page)
        XCTAssertEqual(refusal([spanishPart, frenchPart]), "error: cannot merge the part \(frenchPart.path): fr-fr/guide/start.html is not as its build wrote it")
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createSymbolicLink(atPath: page.path, withDestinationPath: "/etc/passwd")
        XCTAssertEqual(refusal([spanishPart, frenchPart]), "error: cannot merge the part \(frenchPart.path): \"fr-fr/guide/start.html\" is not as its build wrote it")
        try FileManager.default.removeItem(at: page)
        try original.write(to: page)
        XCTAssertNil(refusal([spanishPart, frenchPart]))

        /// A file a hostile part adds, listed in its manifest with its true size and hash.
        func plant(_ path: String, _ text: String, in folder: URL) throws {
            let bytes = Array(text.utf8)
            try writeFiles([path: bytes], into: folder)
            let manifest = folder.appendingPathComponent(OutputWriter.manifestName)
            let line = "\(path)\t\(bytes.count)\t0\t\(String(FastHash.hash(bytes), radix: 16))\n"
            try (String(contentsOf: manifest, encoding: .utf8) + line).write(to: manifest, atomically: true, encoding: .utf8)
        }
        func copy(_ folder: URL) throws -> URL {
            let copy = root.appendingPathComponent(UUID().uuidString)
            try FileManager.default.copyItem(at: folder, to: copy)
            return copy
        }
        for (path, why) in [
            ("fr-fr/guide/evil.html", "it holds \"fr-fr/guide/evil.html\", a file of the part of fr-FR"),
            ("sxs/FR-FR/evil.html", "it holds \"sxs/FR-FR/evil.html\", a file of the part of fr-FR"),
            ("ES-ES/evil.html", "it holds \"ES-ES/evil.html\", in its folder written in another case"),
            (".htaccess", "it lists \".htaccess\", which is no path of a site's file"),
            ("assets/.well-known/x", "it lists \"assets/.well-known/x\", which is no path of a site's file"),
            ("de-de/index.html", "it holds \"de-de/index.html\", which is no file of a part (its language's folders and start page, the English view, index.html, 404.html, assets/, mail/)"),
            ("CNAME", "it holds \"CNAME\", which is no file of a part (its language's folders and start page, the English view, index.html, 404.html, assets/, mail/)"),
        ] {
            let hostile = try copy(spanishPart)
            try plant(path, "<script>alert(1)</script>", in: hostile)
            XCTAssertEqual(refusal([hostile, frenchPart]), "error: cannot merge the part \(hostile.path): \(why)", path)
        }
        // The site's own files come from the first part: a later part's are not taken.
        let later = try copy(frenchPart)
        try FileManager.default.removeItem(at: later.appendingPathComponent("assets/diglot.js"))
        let manifest = later.appendingPathComponent(OutputWriter.manifestName)
        try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("assets/diglot.js\t") }.joined(separator: "\n")
            .appending("\n").write(to: manifest, atomically: true, encoding: .utf8)
        try plant("assets/diglot.js", "alert('later part')", in: later)
        try plant("en-us/guide/evil.html", "<script>alert(1)</script>", in: later)
        let site = root.appendingPathComponent("site-later")
        _ = try SiteMerger.merge(MergeOptions(parts: [spanishPart, later], output: site))
        XCTAssertEqual(try Data(contentsOf: site.appendingPathComponent("assets/diglot.js")), try Data(contentsOf: spanishPart.appendingPathComponent("assets/diglot.js")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("en-us/guide/evil.html").path))
        // A part's site address leads every absolute alternate: an http(s) one only.
        let scheme = try copy(frenchPart)
        var claims = try JSONDecoder().decode(SitePart.self, from: Data(contentsOf: scheme.appendingPathComponent(SitePart.fileName)))
        claims.baseURL = "javascript:alert(1)//"
        try Data(claims.bytes).write(to: scheme.appendingPathComponent(SitePart.fileName))
        XCTAssertEqual(refusal([spanishPart, scheme]),
                       "error: cannot merge the part \(scheme.path): its site address \"javascript:alert(1)//\" is not an http(s) address")
        // A part cannot claim the English of every page with a day to come.
        let future = try copy(frenchPart)
        let partFile = future.appendingPathComponent(SitePart.fileName)
        try String(contentsOf: partFile, encoding: .utf8).replacingOccurrences(of: "2021-07-01", with: "9999-12-31").write(to: partFile, atomically: true, encoding: .utf8)
        XCTAssertEqual(refusal([spanishPart, future]),
                       "error: cannot merge the part \(future.path): the page \"guide/extra.html\" has the day \"9999-12-31\", not a day up to today (yyyy-MM-dd)")
    }

    func testARebuildWithNothingChangedWritesNothingAndAnEditReachesTheSite() throws {
        let root = try temporaryFolder(self, "rebuild")
        let content = root.appendingPathComponent("fr")
        try FileManager.default.copyItem(at: french, to: content)
        let site = root.appendingPathComponent("site")
        func build() throws -> MultilingualResult { try MultilingualBuild.build([part(spanish, "es-ES"), part(content, "fr-FR")], output: site) }
        let first = try build()
        // The newest English is kept beside the parts, and taken from there while nothing changed.
        let kept = root.appendingPathComponent(".site.diglot-parts/" + MultilingualBuild.referenceFileName)
        let keptBytes = try Data(contentsOf: kept)
        let again = try build()
        XCTAssertEqual(try Data(contentsOf: kept), keptBytes)
        XCTAssertEqual(again.parts.map(\.upToDate), [true, true])
        XCTAssertTrue(again.merge.upToDate)
        XCTAssertEqual(again.merge.writeStats?.written, 0)
        XCTAssertEqual(again.merge.fileCount, first.merge.fileCount)
        // An edited French page: the French part rebuilds it, the merge writes what changed.
        let start = content.appendingPathComponent("guide/start.md")
        try String(contentsOf: start, encoding: .utf8).replacingOccurrences(of: "Cette page montre", with: "Cette page présente")
            .write(to: start, atomically: true, encoding: .utf8)
        let edited = try build()
        XCTAssertEqual(edited.parts.map(\.upToDate), [true, false])
        XCTAssertFalse(edited.merge.upToDate)
        XCTAssertTrue(try text(site, "fr-fr/guide/start.html").contains("Cette page présente"))
        XCTAssertGreaterThan(edited.merge.writeStats?.written ?? 0, 0)
        XCTAssertLessThan(edited.merge.writeStats?.written ?? 0, 10)
        // The French English of s-2 back to the Spanish one: the newest English is read again, and
        // the Spanish page has one stale sentence fewer.
        XCTAssertTrue(try text(site, "stale/es-es/index.html").contains("<td>12</td>"))
        try String(contentsOf: start, encoding: .utf8).replacingOccurrences(of: "This page shows each step of a build.", with: "This page shows every part of a build.")
            .write(to: start, atomically: true, encoding: .utf8)
        _ = try build()
        XCTAssertNotEqual(try Data(contentsOf: kept), keptBytes)
        XCTAssertTrue(try text(site, "stale/es-es/index.html").contains("<td>11</td>"))
    }

    /// A multilingual build checks its output and its parts' folder before it reads or writes anything.
    func testTheOutputAndThePartsFolderAreCheckedFirst() throws {
        let root = try temporaryFolder(self, "unsafe")
        let es = root.appendingPathComponent("es"), fr = root.appendingPathComponent("fr")
        try FileManager.default.copyItem(at: spanish, to: es)
        try FileManager.default.copyItem(at: french, to: fr)
        func refusal(output: URL, _ parts: [BuildOptions]? = nil) -> String {
            do {
                _ = try MultilingualBuild.build(parts ?? [part(es, "es-ES"), part(fr, "fr-FR")], output: output, force: true)
                return "built"
            } catch {
                return "\(error)"
            }
        }
        // Content brings a link where the parts would go: nothing is written through it.
        let victim = root.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: es.appendingPathComponent("._site.diglot-parts").path, withDestinationPath: victim.path)
        XCTAssertEqual(refusal(output: es.appendingPathComponent("_site")),
                       "error: refusing to build into \(es.path)/_site: its parts' folder \(es.path)/._site.diglot-parts is a symbolic link")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: victim.path), [])
        try FileManager.default.removeItem(at: es.appendingPathComponent("._site.diglot-parts"))
        XCTAssertEqual(refusal(output: es.appendingPathComponent("_site")),
                       "error: refusing to build into \(es.path)/_site: its parts' folder \(es.path)/._site.diglot-parts would be inside the content folder \(es.path): choose an output outside the content folders")
        // An output that holds a content folder, even with --force: the user's files stay.
        try Data("<h1>mine</h1>".utf8).write(to: root.appendingPathComponent("index.html"))
        XCTAssertEqual(refusal(output: root), "error: refusing to build into \(root.path): it holds the content folder \(es.path)")
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8), "<h1>mine</h1>")
        XCTAssertEqual(refusal(output: root.appendingPathComponent("site"), [part(es, "es-ES"), part(fr, "en-US")]),
                       "error: cannot merge the part \(fr.path): its locale en-US is the source locale: the English view is made from the other languages")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent(".site.diglot-parts").path))
        XCTAssertEqual(refusal(output: root.appendingPathComponent("site")), "built")
    }

    func testTwoContentFoldersOfOneLocaleAreRefused() throws {
        let site = try temporaryFolder(self, "twice").appendingPathComponent("site")
        XCTAssertThrowsError(try MultilingualBuild.build([part(spanish, "es-ES"), part(french, "es-es")], output: site)) { error in
            XCTAssertEqual("\(error)", "error: cannot merge the part \(french.path): another content folder is of es-ES too")
        }
    }

    /// The three partner-center corpora (one docset in Spanish, French and Korean, July 2021): one site
    /// whose every page names its three translations and its English.
    func testThePartnerCenterCorporaInThreeLanguages() throws {
        let corpora = Paths.corpus.deletingLastPathComponent()
        let locales = ["es-ES", "fr-FR", "ko-KR"]
        let folders = locales.map { corpora.appendingPathComponent("partner-center-pr." + $0.lowercased()) }
        guard folders.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) else {
            throw XCTSkip("../shared/corpora/partner-center-pr.es-es, .fr-fr and .ko-kr are not beside the package")
        }
        let site = try temporaryFolder(self, "corpora").appendingPathComponent("site")
        let result = try MultilingualBuild.build(zip(folders, locales).map { part($0, $1) }, output: site, baseURL: "https://docs.example.com/")
        XCTAssertEqual(result.merge.locales, locales)
        XCTAssertEqual(result.parts.map(\.pages), [379, 379, 379])
        let page = try text(site, "ko-kr/partner-center/request-a-relationship-with-a-customer.html")
        for locale in locales + ["en-US", "x-default"] {
            XCTAssertTrue(page.contains("<link rel=\"alternate\" hreflang=\"\(locale)\" href=\"https://docs.example.com/"), locale)
        }
        XCTAssertEqual(try picker(page).count, 4)
        XCTAssertTrue(try picker(page)[2].contains("aria-current=\"page\">한국어</a>"))
        // Each language against the newest English of the three: ko-KR's reg-number-id.md only.
        XCTAssertTrue(try text(site, "stale/index.html").contains("""
            <tr><th scope="row"><a href="es-es/index.html" hreflang="es-ES" lang="es-ES">Español</a></th><td>379</td><td>0</td><td>0</td><td>0</td></tr>
            <tr><th scope="row"><a href="fr-fr/index.html" hreflang="fr-FR" lang="fr-FR">Français</a></th><td>379</td><td>0</td><td>0</td><td>0</td></tr>
            <tr><th scope="row"><a href="ko-kr/index.html" hreflang="ko-KR" lang="ko-KR">한국어</a></th><td>379</td><td>1</td><td>6</td><td>0</td></tr>
            """))
        // The three parts built apart, given the same reference, and merged: the same site, byte for byte.
        let root = site.deletingLastPathComponent()
        var reference = try StaleTranslations.currentEnglish(fromLocales: Array(zip(locales, folders)))
        reference.shownInEnglishView = true
        var shards: [URL] = []
        for (folder, locale) in zip(folders, locales) {
            var options = part(folder, locale, baseURL: "https://docs.example.com/")
            options.output = root.appendingPathComponent("shard-" + locale)
            options.multilingual = true
            options.currentEnglish = reference
            _ = try SiteBuilder.build(options)
            shards.append(options.output)
        }
        let merged = root.appendingPathComponent("merged")
        _ = try SiteMerger.merge(MergeOptions(parts: shards, output: merged))
        let files = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter { !$0.hasPrefix(".diglot-") }.sorted()
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: merged.path).filter { !$0.hasPrefix(".diglot-") }.sorted(), files)
        var compared = 0
        for path in files {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            XCTAssertEqual(try Data(contentsOf: site.appendingPathComponent(path)), try Data(contentsOf: merged.appendingPathComponent(path)), path)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 3_000)
    }

    /// `languages:` of a `diglot.yml`: locales to content folders, in order, relative to the file.
    func testDiglotYmlListsTheLanguages() throws {
        let folder = try temporaryFolder(self, "site-config")
        let file = folder.appendingPathComponent("diglot.yml")
        func read(_ text: String) throws -> [(locale: String, content: URL)]? {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return try SiteLanguages.read(file)
        }
        let languages = try XCTUnwrap(try read("terms: [Contoso]\nlanguages:\n  ko_kr: docs/ko\n  es-ES: es/../es-es\n  fr-FR: \(folder.path)/fr\n"))
        XCTAssertEqual(languages.map(\.locale), ["ko-KR", "es-ES", "fr-FR"])
        XCTAssertEqual(languages.map(\.content.path), [folder.path + "/docs/ko", folder.path + "/es-es", folder.path + "/fr"])
        // A folder outside the file's: refused, so that a checkout's diglot.yml cannot publish /etc.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        XCTAssertNil(try read("terms: [Contoso]\n"))
        for (text, message) in [
            ("languages:\n  sxs: a\n", "2:3: 'sxs' is not a locale such as es-ES"),
            ("languages:\n  es-ES: a\n  es-es: b\n", "3:3: es-ES is listed twice"),
            ("languages: [a, b]\n", "1:12: languages must map each locale to its content folder (es-ES: ../docs.es-es)"),
            ("languages:\n  es-ES: [a]\n", "2:10: the content folder of es-ES must be a folder name"),
            ("languages:\n  es-ES: ../es\n", "2:10: the content folder of es-ES, ../es, is not inside \(folder.path), the folder of this file"),
            ("languages:\n  es-ES: /etc\n", "2:10: the content folder of es-ES, /etc, is not inside \(folder.path), the folder of this file"),
            ("languages:\n  es-ES: etc\n", "2:10: the content folder of es-ES, etc, is not inside \(folder.path), the folder of this file"),
        ] {
            XCTAssertThrowsError(try read(text), text) { error in
                XCTAssertEqual("\(error)", "error: cannot read \(file.path): \(message)")
            }
        }
    }

    /// Stale translations in a multilingual site: each language against the newest English among them
    /// (the French guide/start.md, handed off later, changed one English sentence of the Spanish).
    func testEachLanguageIsComparedWithTheNewestEnglish() throws {
        let (site, result) = try buildBoth()
        let spanishSideBySide = try text(site, "sxs/es-es/guide/start.html")
        XCTAssertTrue(spanishSideBySide.contains("<div class=\"mt-notice stale-notice\" role=\"note\">"))
        // The notice leads to the site's English page, which shows that newest English.
        XCTAssertTrue(spanishSideBySide.contains("<a href=\"../../../en-us/guide/start.html\">"), spanishSideBySide)
        XCTAssertTrue(try text(site, "es-es/guide/start.html").contains("<a href=\"../../en-us/guide/start.html\">"))
        XCTAssertFalse(try text(site, "fr-fr/guide/start.html").contains("stale-notice"))
        XCTAssertFalse(try text(site, "es-es/guide/details.html").contains("stale-notice"))
        // Each language's report, and the codes of each part's build.
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("stale/es-es/index.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("stale/fr-fr/index.html").path))
        XCTAssertTrue(try text(site, "es-es.html").contains("<a href=\"stale/es-es/index.html\">"))
        // Spanish: its start page is stale (the French English dropped or changed 12 of its sentences),
        // and the French extra page is English it lacks; French lacks guide/details.md.
        let spanishReport = try text(site, "stale/es-es/index.html")
        XCTAssertTrue(spanishReport.contains("<tr><th scope=\"row\">Páginas desactualizadas</th><td>1</td></tr>\n<tr><th scope=\"row\">Frases desactualizadas</th><td>12</td></tr>"))
        XCTAssertTrue(spanishReport.contains("<td lang=\"en-US\">This page shows every part of a build.</td><td lang=\"en-US\">This page shows each step of a build.</td>"))
        XCTAssertTrue(spanishReport.contains("<small lang=\"en\">guide/extra.md</small>"))
        let frenchReport = try text(site, "stale/fr-fr/index.html")
        XCTAssertTrue(frenchReport.contains("<tr><th scope=\"row\">Pages obsolètes</th><td>0</td></tr>"), frenchReport)
        XCTAssertTrue(frenchReport.contains("guide/details.md"))
        XCTAssertEqual(result.parts.count, 2)
        // The merge's summary: every language's counts, each leading to its report.
        XCTAssertTrue(try text(site, "stale/index.html").contains("""
            <tbody>
            <tr><th scope="row"><a href="es-es/index.html" hreflang="es-ES" lang="es-ES">Español</a></th><td>4</td><td>1</td><td>12</td><td>1</td></tr>
            <tr><th scope="row"><a href="fr-fr/index.html" hreflang="fr-FR" lang="fr-FR">Français</a></th><td>2</td><td>0</td><td>0</td><td>2</td></tr>
            </tbody>
            """))
    }

    /// `diglot check --content L=DIR …`: each language checked against the newest English among them,
    /// its findings named by its folder; `diglot build` and `merge` from the command line.
    func testTheCommandLineChecksBuildsAndMergesSeveralLanguages() throws {
        guard let diglot = Paths.diglotExecutable else { throw XCTSkip("the diglot executable is not built") }
        func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
            let process = Process()
            process.executableURL = diglot
            process.arguments = arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let output = out.fileHandleForReading.readDataToEndOfFile()
            let errors = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
        }
        let check = try run(["check", "--content", "es-ES=" + spanish.path, "--content", "fr-FR=" + french.path, "--templates", Paths.templates.path, "--format", "json"])
        let findings = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(check.out.utf8)) as? [[String: Any]])
        let stale = findings.filter { ["DG710", "DG711"].contains($0["code"] as? String) }.map { "\($0["file"]!):\($0["code"]!)" }
        // (Named from the working folder, the package's top, as one folder's findings are.)
        XCTAssertTrue(stale.contains("Tests/DiglotTests/Fixtures/docset/guide/start.md:DG710"), "\(stale)")
        XCTAssertTrue(stale.contains("Tests/DiglotTests/Fixtures/docset/guide/extra.md:DG711"), "\(stale)")
        XCTAssertTrue(stale.contains("Tests/DiglotTests/Fixtures/docset-fr/guide/details.md:DG711"), "\(stale)")
        XCTAssertFalse(stale.contains { $0.hasPrefix("Tests/DiglotTests/Fixtures/docset-fr/") && $0.hasSuffix("DG710") }, "\(stale)")
        XCTAssertEqual(try run(["check", "--content", "es-ES=" + spanish.path, "--content", french.path]).status, 64)

        let root = try temporaryFolder(self, "cli")
        let site = root.appendingPathComponent("site").path
        let build = try run(["build", "--content", "es-ES=" + spanish.path, "--content", "fr-FR=" + french.path, "--templates", Paths.templates.path, "--output", site])
        XCTAssertEqual(build.status, 0, build.err)
        XCTAssertTrue(build.out.contains("Merged 2 languages into \(site): 47 files"), build.out)
        for (locale, content) in [("es-ES", spanish), ("fr-FR", french)] {
            let part = try run(["build", "--content", "\(locale)=" + content.path, "--templates", Paths.templates.path, "--shard-output", root.appendingPathComponent(locale).path, "-q"])
            XCTAssertEqual(part.status, 0, part.err)
        }
        let merge = try run(["merge", root.appendingPathComponent("es-ES").path, root.appendingPathComponent("fr-FR").path, "--output", root.appendingPathComponent("merged").path])
        XCTAssertEqual(merge.status, 0, merge.err)
        XCTAssertTrue(merge.out.hasPrefix("Merged es-ES, fr-FR into"), merge.out)
        // Without a reference, parts built apart mark no stale page; the pages they share are otherwise the one build's.
        XCTAssertEqual(try Data(contentsOf: root.appendingPathComponent("merged/fr-fr/guide/start.html")), try Data(contentsOf: URL(fileURLWithPath: site + "/fr-fr/guide/start.html")))
        let refused = try run(["merge", root.appendingPathComponent("es-ES").path, root.appendingPathComponent("es-ES").path, "--output", root.appendingPathComponent("twice").path])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.err, "error: cannot merge the part \(root.appendingPathComponent("es-ES").path): another part is of es-ES too\n")
    }
}
