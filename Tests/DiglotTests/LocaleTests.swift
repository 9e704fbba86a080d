import Diglot
import Foundation
import XCTest

/// Issue 10's first faults: the view switch named every translation "English", and right-to-left pages
/// were laid out left to right. Names come from CLDR (Foundation's `Locale`), direction too.
final class LocaleTests: XCTestCase {
    /// The small Arabic input.
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
}
