import Foundation
#if canImport(_FoundationICU)
import _FoundationICU
#endif

/// CLDR's cardinal plural rules (Unicode TR35 part 3, "Language Plural Rules"): which plural category
/// (`zero`, `one`, `two`, `few`, `many`, `other`) a count takes in a language. The rules and data are
/// the ICU that Foundation itself formats numbers and dates with (swift-foundation-icu, linked into
/// every Swift toolchain on Linux); Foundation has no public plural API. Where that ICU is absent
/// (Apple platforms), the English rule stands in: `one` for 1, else `other`.
public enum PluralRules {
    /// The categories a language uses, in CLDR's order (`zero one two few many other`): ar →
    /// all six, ru → one few many other, fr → one many other, ja → other. Unknown languages get their
    /// CLDR root's rules (`other`).
    public static func categories(of locale: String) -> [String] {
        #if canImport(_FoundationICU)
        return withRules(locale) { rules in
            var status = U_ZERO_ERROR
            guard let keywords = swift_uplrules_getKeywords(rules, &status), status.rawValue <= U_ZERO_ERROR.rawValue else { return ["other"] }
            defer { swift_uenum_close(keywords) }
            var found: Set<String> = []
            var length: Int32 = 0
            while let keyword = swift_uenum_next(keywords, &length, &status) { found.insert(String(cString: keyword)) }
            return order.filter(found.contains)
        } ?? ["other"]
        #else
        return ["one", "other"]
        #endif
    }

    /// The category of a whole number `count` in a language (`1` in `ar` → `one`, `3` → `few`,
    /// `11` → `many`; `21` in `ru` → `one`).
    public static func category(of count: Int, in locale: String) -> String {
        #if canImport(_FoundationICU)
        return withRules(locale) { rules in
            var status = U_ZERO_ERROR
            var buffer = [UChar](repeating: 0, count: 16)
            let length = swift_uplrules_select(rules, Double(count), &buffer, Int32(buffer.count), &status)
            guard status.rawValue <= U_ZERO_ERROR.rawValue, length > 0 else { return "other" }
            return String(decoding: buffer[..<Int(length)], as: UTF16.self)
        } ?? "other"
        #else
        return count == 1 ? "one" : "other"
        #endif
    }

    /// CLDR's order of the categories.
    public static let order = ["zero", "one", "two", "few", "many", "other"]

    #if canImport(_FoundationICU)
    private static func withRules<T>(_ locale: String, _ body: (OpaquePointer) -> T) -> T? {
        var status = U_ZERO_ERROR
        let icuLocale = locale.replacingOccurrences(of: "-", with: "_")
        guard let rules = swift_uplrules_open(icuLocale, &status), status.rawValue <= U_ZERO_ERROR.rawValue else { return nil }
        defer { swift_uplrules_close(rules) }
        return body(rules)
    }
    #endif
}
