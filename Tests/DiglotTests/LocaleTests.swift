@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// Issue 10's first faults: the view switch named every translation "English", and right-to-left pages
/// were laid out left to right. Names come from CLDR (Foundation's `Locale`), direction too.
final class LocaleTests: XCTestCase {
    /// The issue's small Arabic input.
    static let arabic = """
        ---
        title: إضافة حقول مخصصة
        ms.translationtype: MT
        ms.contentlocale: ar-SA
        ---
        # <span data-ttu-id="a1-101">إضافة حقول مخصصة</span><span class="sxs-lookup"><span data-stu-id="a1-101">Add custom fields</span></span>

        1. <span data-ttu-id="a1-102">حدد **الإعدادات**.</span><span class="sxs-lookup"><span data-stu-id="a1-102">Select **Settings**.</span></span>

        > [!NOTE]
        > <span data-ttu-id="a1-103">هذا مثال.</span><span class="sxs-lookup"><span data-stu-id="a1-103">This is an example.</span></span>
        """

    func testLanguageNamesComeFromCLDRInTheirOwnLanguage() {
        XCTAssertEqual(LanguageTag.nativeName(of: "ar-SA"), "العربية")
        XCTAssertEqual(LanguageTag.nativeName(of: "ja-JP"), "日本語")
        XCTAssertEqual(LanguageTag.nativeName(of: "de-DE"), "Deutsch")
        XCTAssertEqual(LanguageTag.nativeName(of: "es-ES"), "Español")
        XCTAssertEqual(LanguageTag.nativeName(of: "fr-FR"), "Français")
        XCTAssertEqual(LanguageTag.nativeName(of: "en-US"), "English")
        XCTAssertEqual(LanguageTag.nativeName(of: "und"), "und")
        XCTAssertTrue(LanguageTag.isRightToLeft("ar-SA"))
        XCTAssertTrue(LanguageTag.isRightToLeft("he-IL"))
        XCTAssertFalse(LanguageTag.isRightToLeft("ja-JP"))
    }

    func testAnArabicPageIsRightToLeftAndNamedInArabic() throws {
        let result = SiteBuilder.render([SourceFile(path: "a.md", text: Self.arabic)], templates: try TemplateSet.load(from: Paths.templates))
        func file(_ path: String) throws -> String { try XCTUnwrap(result.files.first { $0.path == path }, path).text }
        let target = try file("ar-sa/a.html")
        XCTAssertTrue(target.contains("<html lang=\"ar-SA\" dir=\"rtl\">"), target)
        XCTAssertTrue(target.contains(">العربية<"), "the switch names the translation in Arabic")
        XCTAssertFalse(target.contains(">English</a> |"), target)
        // The English shown on hover is left to right inside the right-to-left page.
        XCTAssertTrue(target.contains("<span class=\"tu-src\" lang=\"en-US\" dir=\"ltr\">"), target)
        let sideBySide = try file("sxs/a.html")
        XCTAssertTrue(sideBySide.contains("<html lang=\"ar-SA\" dir=\"rtl\">"))
        XCTAssertTrue(sideBySide.contains("<div class=\"sxs-cell\" lang=\"en-US\" dir=\"ltr\">"), sideBySide)
        let english = try file("en-us/a.html")
        XCTAssertTrue(english.contains("<html lang=\"en-US\">"), "the English page stays left to right")
        XCTAssertTrue(try file("index.html").contains("<html lang=\"ar-SA\" dir=\"rtl\">"))
    }

    /// The locales of Microsoft's docs that issue 10 names: each has a strings file for the site and one for the drafts.
    static let shippedLocales = ["ar-SA", "cs-CZ", "da-DK", "de-DE", "el-GR", "en-US", "es-ES", "fi-FI", "fr-FR", "he-IL", "hu-HU", "id-ID",
                                 "it-IT", "ja-JP", "ko-KR", "nb-NO", "nl-NL", "pl-PL", "pt-BR", "pt-PT", "ru-RU", "sv-SE", "th-TH", "tr-TR",
                                 "uk-UA", "zh-CN", "zh-TW"]

    /// Every shipped locale has every key of en-US, in the site's strings and the drafts', and each
    /// count has a form for every CLDR plural category its language uses (Arabic six, Russian four).
    func testEveryLocaleHasEveryKeyAndEveryPluralCategory() throws {
        for folder in ["strings", "email/strings"] {
            let files = try TemplateSet.readStrings(in: Paths.templates.appendingPathComponent(folder))
            let tables = try InterfaceStringTables(files: files, folder: folder).tables
            XCTAssertEqual(Set(tables.keys), Set(Self.shippedLocales), folder)
            let base = try XCTUnwrap(tables["en-US"])
            for (locale, table) in tables {
                XCTAssertEqual(table.keys.sorted(), base.keys.sorted(), "\(folder)/\(locale).yml")
                XCTAssertEqual(Set(table.plurals.keys), Set(base.plurals.keys), "\(folder)/\(locale).yml: counts are plural tables")
                let needed = PluralRules.categories(of: locale)
                for (key, forms) in table.plurals {
                    XCTAssertEqual(Set(forms.keys), Set(needed), "\(folder)/\(locale).yml: \(key) needs CLDR's \(needed)")
                    for (category, form) in forms { XCTAssertTrue(form.contains("{{count}}"), "\(locale) \(key).\(category)") }
                }
                // A placeholder of the English string is in the translation too.
                for (key, english) in base.text {
                    let placeholders = english.matches(of: /\{\{\w+\}\}/).map { String($0.output) }
                    for placeholder in placeholders {
                        XCTAssertTrue(table.text[key]?.contains(placeholder) ?? false, "\(folder)/\(locale).yml: \(key) lacks \(placeholder)")
                    }
                }
            }
        }
        XCTAssertEqual(PluralRules.categories(of: "ar-SA"), ["zero", "one", "two", "few", "many", "other"])
        XCTAssertEqual(PluralRules.categories(of: "ru-RU"), ["one", "few", "many", "other"])
        XCTAssertEqual(PluralRules.categories(of: "ja-JP"), ["other"])
    }

    /// A count's form by CLDR's category of the number, the number as the locale writes it.
    func testCountsAgreeWithTheirNumberInEachLanguage() throws {
        let set = try TemplateSet.load(from: Paths.templates)
        XCTAssertEqual(set.strings(for: "en-US").count("pageCount", 1), "1 page")
        XCTAssertEqual(set.strings(for: "en-US").count("pageCount", 1_234), "1,234 pages")
        XCTAssertEqual(set.strings(for: "es-ES").count("pageCount", 1_234), "1234 páginas")  // CLDR: es groups from five digits
        XCTAssertEqual(set.strings(for: "es-ES").count("pageCount", 1_000_000), "1.000.000 de páginas")
        let russian = set.strings(for: "ru-RU")
        XCTAssertEqual([1, 2, 5, 21].map { PluralRules.category(of: $0, in: "ru-RU") }, ["one", "few", "many", "one"])
        XCTAssertNotEqual(russian.count("pageCount", 1), russian.count("pageCount", 5)?.replacingOccurrences(of: "5", with: "1"))
        XCTAssertEqual([0, 1, 2, 3, 11, 100].map { PluralRules.category(of: $0, in: "ar-SA") }, ["zero", "one", "two", "few", "many", "other"])
        XCTAssertEqual(set.strings(for: "fr-FR").number(50_000), "50\u{202F}000")  // CLDR's narrow no-break space
    }

    /// pt-PT → pt → en-US key by key, zh-HK to the Traditional Chinese table, and a DG306 warning
    /// naming what is missing (issue 10).
    func testStringsFallBackAndMissingKeysAreReported() throws {
        let set = try TemplateSet(templates: ["page": "", "index": ""], strings: [
            "en-US.yml": "en-US:\n  a: A\n  b: B\n  c: C\n", "pt-BR.yml": "pt-BR:\n  a: Abr\n  b: Bbr\n", "pt-PT.yml": "pt-PT:\n  a: Apt\n",
            "zh-CN.yml": "zh-CN:\n  a: 简\n", "zh-TW.yml": "zh-TW:\n  a: 繁\n",
        ])
        XCTAssertEqual(set.strings(for: "pt-PT").text, ["a": "Apt", "b": "Bbr", "c": "C"])
        XCTAssertEqual(set.strings.chain(for: "pt-AO"), ["pt-BR", "en-US"])
        XCTAssertEqual(set.strings(for: "zh-HK")["a"], "繁")
        XCTAssertEqual(set.strings(for: "zh-SG")["a"], "简")
        let warnings = set.strings.missingKeys(for: ["pt-PT", "en-US", "ca-ES", "pt-PT"])
        XCTAssertEqual(warnings.map(\.description), [
            "strings/pt-PT.yml:1:1: warning: 2 interface strings missing, taken from pt-BR or en-US: b, c [DG306 strings-missing]",
            "strings/ca-ES.yml:1:1: warning: no interface strings for ca-ES: the site's interface is in en-US [DG306 strings-missing]",
        ])
    }

    /// Built with the shipped strings, the issue's Arabic page reads in Arabic: the alert's title, the
    /// notice, the search box; the start page counts in Arabic; nothing falls back.
    func testTheArabicPagesInterfaceIsArabic() throws {
        let templates = try TemplateSet.load(from: Paths.templates)
        let arabic = templates.strings(for: "ar-SA")
        let result = SiteBuilder.render([SourceFile(path: "a.md", text: Self.arabic)], templates: templates)
        XCTAssertFalse(result.diagnostics.contains { $0.code == .stringsMissing }, "\(result.diagnostics)")
        let target = try XCTUnwrap(result.files.first { $0.path == "ar-sa/a.html" }).text
        for key in ["note", "machineTranslatedNotice", "searchPlaceholder", "home"] {
            let text = try XCTUnwrap(arabic[key])
            XCTAssertTrue(target.contains(HTMLText.escape(text)), "\(key): \(text)")
            XCTAssertNotEqual(text, templates.strings(for: "en-US")[key])
        }
        let index = try XCTUnwrap(result.files.first { $0.path == "index.html" }).text
        XCTAssertTrue(index.contains("<p>\(try XCTUnwrap(arabic.count("pageCount", 1))).") , index)
        XCTAssertTrue(index.contains(">English</th>"), "the English column is named by CLDR")
    }

    /// `ms.date` in the reader's locale format from CLDR, with the ISO date in `<time datetime>`; a
    /// human translation says so instead of the machine-translation notice.
    func testDatesInTheReadersFormatAndHumanTranslation() throws {
        func day(_ text: String) -> String? {
            Metadata(entries: [("ms.date", .string(text))]).day.map { "\($0.year)-\($0.month)-\($0.day)" }
        }
        XCTAssertEqual(day("10/01/2020"), "2020-10-1")
        XCTAssertEqual(day("4/1/2021"), "2021-4-1")
        XCTAssertEqual(day("2021-04-07"), "2021-4-7")
        XCTAssertNil(day("02/30/2021"))
        XCTAssertNil(day("yesterday"))
        let templates = try TemplateSet.load(from: Paths.templates)
        XCTAssertEqual(templates.strings(for: "es-ES").date(year: 2020, month: 10, day: 1).text, "1 de octubre de 2020")
        XCTAssertEqual(templates.strings(for: "en-US").date(year: 2020, month: 10, day: 1).text, "October 1, 2020")
        XCTAssertEqual(templates.strings(for: "ja-JP").date(year: 2020, month: 10, day: 1).text, "2020年10月1日")
        XCTAssertEqual(templates.strings(for: "de-DE").date(year: 2020, month: 10, day: 1).iso, "2020-10-01")
        let page = """
            ---
            title: Página
            ms.date: 10/01/2020
            ms.translationtype: HT
            ms.contentlocale: es-ES
            ---
            # \(unit("d-1", "Página", "Page"))
            """
        let result = SiteBuilder.render([SourceFile(path: "d.md", text: page)], templates: templates)
        func file(_ path: String) throws -> String { try XCTUnwrap(result.files.first { $0.path == path }, path).text }
        let target = try file("es-es/d.html")
        XCTAssertTrue(target.contains(#"<p class="page-date">Actualizado el <time datetime="2020-10-01">1 de octubre de 2020</time></p>"#), target)
        XCTAssertTrue(target.contains("<p>Traducción humana</p>"), target)
        XCTAssertFalse(target.contains("traducido automáticamente"))
        XCTAssertTrue(try file("en-us/d.html").contains(#"Updated <time datetime="2020-10-01">October 1, 2020</time>"#))
    }

    /// In the English view, the page's text that is in no unit is the translation's, and says so:
    /// a cell, a picture's alt text, a comment in code; text in units, numbers and ASCII code do not.
    func testTheEnglishViewMarksTheTranslationsOwnText() throws {
        let page = """
            ---
            ms.contentlocale: ar-SA
            ---
            # \(unit("e-1", "إعداد", "Setup"))

            | المنتج | 2020 |
            | --- | --- |
            | `Setup.exe` | `// تعليق` |

            ![لقطة شاشة](a.png)
            """
        let result = SiteBuilder.render([SourceFile(path: "e.md", text: page)], templates: try TemplateSet.load(from: Paths.templates))
        let english = try XCTUnwrap(result.files.first { $0.path == "en-us/e.html" }).text
        XCTAssertTrue(english.contains(#"<h1 id="setup"><span class="tu" data-tu="e-1">Setup</span></h1>"#), english)
        XCTAssertTrue(english.contains(#"<th><span lang="ar-SA" dir="rtl">المنتج</span></th>"#), english)
        XCTAssertTrue(english.contains(#"<th>2020</th>"#), english)
        XCTAssertTrue(english.contains(#"<td><code>Setup.exe</code></td>"#), english)
        XCTAssertTrue(english.contains(#"<td><code lang="ar-SA" dir="rtl">// تعليق</code></td>"#), english)
        XCTAssertTrue(english.contains(#"alt="لقطة شاشة" lang="ar-SA" dir="rtl">"#), english)
        // The translation's own view marks nothing: it is all its language.
        let arabic = try XCTUnwrap(result.files.first { $0.path == "ar-sa/e.html" }).text
        XCTAssertTrue(arabic.contains("<th>المنتج</th>"), arabic)
    }

    /// The left-to-right runs of a right-to-left sentence that `<bdi>` isolates: whole runs of Latin
    /// words with the numbers after them and the punctuation between them, without the sentence's
    /// own punctuation at their ends.
    func testLeftToRightRunsInRightToLeftText() {
        func runs(_ text: String) -> [String] { Bidi.leftToRightRuns(in: text).map { String(text[$0]) } }
        XCTAssertEqual(runs("استخدم C++ أو C#."), ["C++", "C#"])
        XCTAssertEqual(runs("ثبّت .NET Core 3.1، ثم شغّل Node.js."), [".NET Core 3.1", "Node.js"])
        XCTAssertEqual(runs("افتح (Partner Center) الآن"), ["Partner Center"])
        XCTAssertEqual(runs("اختر \"Windows 10 Pro\" - ثم"), ["Windows 10 Pro"])
        XCTAssertEqual(runs("A / B: ثم"), ["A / B"])
        XCTAssertEqual(runs("Windows 10 - الإصدار"), ["Windows 10"])
        XCTAssertEqual(runs("انتقل إلى 10 Windows"), ["Windows"], "numbers before a Latin word read in the sentence's order")
        XCTAssertEqual(runs("עברית בלבד 2024"), [])
        XCTAssertEqual(runs("Azure-ال"), [], "a word with right-to-left letters is the sentence's")
    }

    /// In the Arabic view and column, "C++" and ".NET" keep their punctuation where it belongs: each
    /// run of Latin words in the translation is a `<bdi>`; the English on hover and the English view
    /// are not touched, nor is any page of a left-to-right language.
    func testLatinRunsAreIsolatedInRightToLeftPages() throws {
        let page = """
            ---
            ms.contentlocale: ar-SA
            ---
            \(unit("b-1", "استخدم C++ مع .NET.", "Use C++ with .NET."))
            """
        let result = SiteBuilder.render([SourceFile(path: "b.md", text: page)], templates: try TemplateSet.load(from: Paths.templates))
        func file(_ path: String) throws -> String { try XCTUnwrap(result.files.first { $0.path == path }, path).text }
        let arabic = try file("ar-sa/b.html")
        XCTAssertTrue(arabic.contains("استخدم <bdi>C++</bdi> مع <bdi>.NET</bdi>.<span class=\"tu-src\" lang=\"en-US\" dir=\"ltr\">Use C++ with .NET.</span>"), arabic)
        XCTAssertTrue(try file("sxs/b.html").contains("استخدم <bdi>C++</bdi> مع <bdi>.NET</bdi>."))
        XCTAssertFalse(try file("en-us/b.html").contains("<bdi>"))
        let spanish = SiteBuilder.render([SourceFile(path: "b.md", text: page.replacingOccurrences(of: "ar-SA", with: "es-ES"))],
                                         templates: try TemplateSet.load(from: Paths.templates))
        XCTAssertFalse(try XCTUnwrap(spanish.files.first { $0.path == "es-es/b.html" }).text.contains("<bdi>"))
    }
}
