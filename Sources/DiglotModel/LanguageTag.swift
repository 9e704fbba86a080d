/// Locale values from content (`ms.contentlocale`, `invitations.yml`'s `locales`, `--locale`) become
/// folder names and `lang` attributes, so each must be a language tag before it is used.
///
/// The rule is the syntax of RFC 5646 (BCP 47) section 2.1, `langtag` production, for the tags
/// documentation uses: a 2–3 letter (or 5–8 letter) language, optional extended language subtags,
/// an optional 4-letter script, an optional 2-letter or 3-digit region, then variants (5–8
/// alphanumerics, or a digit and 3 alphanumerics), extensions (a singleton and 2–8 alphanumerics)
/// and a private use part (`x-` and 1–8 alphanumerics); subtags joined by `-` (an `_`, as in `es_ES`,
/// is read as `-`). Whether the tag names a real language is not checked (that is CLDR's business).
public enum LanguageTag {
    /// Names of the output's own top folders (`SiteLayout`), which a locale's folder must not take:
    /// `sxs` and the like are well-formed language tags.
    public static let reservedFolders: Set<String> = ["sxs", "source", "assets", "qa", "mail"]

    /// A locale as Diglot uses it (a site's folder, a page's or a draft's language): the canonical
    /// tag (`es_es` → `es-ES`), or nil when it is not one or would name one of the output's own folders.
    public static func usableLocale(_ value: String) -> String? {
        guard let tag = canonical(value), !reservedFolders.contains(tag.lowercased()) else { return nil }
        return tag
    }

    /// `value` in the canonical case of RFC 5646 section 2.1.1 (`es-ES`, `zh-Hant-TW`), or nil when it
    /// is not a well-formed language tag. At most 64 bytes.
    public static func canonical(_ value: String) -> String? {
        guard !value.isEmpty, value.utf8.count <= 64,
              value.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else { return nil }
        let subtags = value.split(separator: "-", omittingEmptySubsequences: false).flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard !subtags.contains(where: \.isEmpty) else { return nil }
        var index = 0
        var out: [String] = []
        func alpha(_ s: Substring, _ range: ClosedRange<Int>) -> Bool { range.contains(s.utf8.count) && s.utf8.allSatisfy(isLetter) }
        // Private use only: x-…
        if subtags[0].lowercased() == "x" {
            return privateUse(subtags[...]).map { $0.joined(separator: "-") }
        }
        // language
        guard alpha(subtags[0], 2...3) || alpha(subtags[0], 5...8) else { return nil }
        out.append(subtags[0].lowercased())
        index = 1
        // extlang: up to three 3-letter subtags after a 2–3 letter language
        var extlangs = 0
        while index < subtags.count, subtags[0].utf8.count <= 3, extlangs < 3, alpha(subtags[index], 3...3) {
            out.append(subtags[index].lowercased()); index += 1; extlangs += 1
        }
        // script
        if index < subtags.count, alpha(subtags[index], 4...4) {
            out.append(subtags[index].prefix(1).uppercased() + subtags[index].dropFirst().lowercased()); index += 1
        }
        // region
        if index < subtags.count, alpha(subtags[index], 2...2) || (subtags[index].utf8.count == 3 && subtags[index].utf8.allSatisfy(isDigit)) {
            out.append(subtags[index].uppercased()); index += 1
        }
        // variants
        while index < subtags.count, isVariant(subtags[index]) { out.append(subtags[index].lowercased()); index += 1 }
        // extensions
        while index < subtags.count, subtags[index].utf8.count == 1, subtags[index].lowercased() != "x" {
            let singleton = subtags[index].lowercased()
            index += 1
            var parts = 0
            while index < subtags.count, (2...8).contains(subtags[index].utf8.count) {
                if parts == 0 { out.append(singleton) }
                out.append(subtags[index].lowercased()); index += 1; parts += 1
            }
            guard parts > 0 else { return nil }
        }
        if index < subtags.count {
            guard let tail = privateUse(subtags[index...]) else { return nil }
            out += tail
            index = subtags.count
        }
        return out.joined(separator: "-")
    }

    private static func privateUse(_ subtags: ArraySlice<Substring>) -> [String]? {
        guard subtags.count >= 2, subtags.first?.lowercased() == "x",
              subtags.dropFirst().allSatisfy({ (1...8).contains($0.utf8.count) }) else { return nil }
        return subtags.map { $0.lowercased() }
    }

    private static func isVariant(_ s: Substring) -> Bool {
        let n = s.utf8.count
        return (5...8).contains(n) || (n == 4 && isDigit(s.utf8.first!))
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
}

import Foundation

extension LanguageTag {
    /// A language's name in that language, from CLDR through Foundation's `Locale` (`ar-SA` → "العربية",
    /// `de-DE` → "Deutsch", `es-ES` → "Español"): the first letter upper-cased, as CLDR's
    /// `uiListOrMenu` context does for a language switch. The tag itself when CLDR has no name.
    public static func nativeName(of tag: String) -> String { nativeNames[tag] }

    private static let nativeNames = Memo<String, String> { tag in
        let locale = Locale(identifier: tag)
        guard let code = locale.language.languageCode?.identifier, code != "und",
              let name = locale.localizedString(forLanguageCode: code), !name.isEmpty else { return tag }
        return name.prefix(1).uppercased(with: locale) + name.dropFirst()
    }

    /// Whether a language is written right to left (Arabic, Hebrew, Persian, Urdu…), from CLDR's
    /// character order through `Locale.Language.characterDirection`.
    public static func isRightToLeft(_ tag: String) -> Bool { rightToLeft[tag] }

    private static let rightToLeft = Memo<String, Bool> { Locale.Language(identifier: $0).characterDirection == .rightToLeft }

    /// ` dir="rtl"` or ` dir="ltr"` for an element in `lang` inside a page in `pageLang`, when their
    /// directions differ (HTML's `dir` is inherited); empty when they agree.
    package static func dirAttribute(_ lang: String, inPageOf pageLang: String) -> String {
        dirValue(lang, inPageOf: pageLang).map { " dir=\"\($0)\"" } ?? ""
    }

    /// `rtl` or `ltr` for an element in `lang` inside a page in `pageLang` when their directions
    /// differ; nil when they agree (for templates: `{{#sourceDir}} dir="{{sourceDir}}"{{/sourceDir}}`).
    public static func dirValue(_ lang: String, inPageOf pageLang: String) -> String? {
        let rtl = isRightToLeft(lang)
        return rtl == isRightToLeft(pageLang) ? nil : (rtl ? "rtl" : "ltr")
    }
}
