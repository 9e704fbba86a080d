import Foundation
#if canImport(_FoundationICU)
import _FoundationICU
#endif

/// Numbers a language writes with words or abbreviations, all from CLDR: spelled numbers from its
/// rule-based number format (RBNF), magnitudes (`10K`, `1만`, `5 millions`, `1,5 Mrd.`) from its compact
/// decimal formats. Read through the ICU that Foundation ships (swift-foundation-icu, linked on Linux,
/// as `PluralRules` reads it); where that ICU is absent (Apple platforms) Foundation's own API stands
/// in: `NumberFormatter`'s `.spellOut` (cardinals) and the `.compactName` notation (short forms).
enum NumberWords {
    /// The numbers 0 to 100 in every public cardinal and ordinal spell-out rule set of the language's
    /// CLDR RBNF (ICU `UNUM_SPELLOUT`, `UNUM_PUBLIC_RULESETS`): English `six`, `twenty-four`, `first`,
    /// `eighth`; French `un`, `une`, `deuxième`, `première`; German `einem`, `ersten`; Korean `하나`,
    /// `첫 번째`, `여덟 번째`. Each word also with a capital first letter, and in capitals (`ZERO`). Financial forms (Japanese `壱`)
    /// are left out, and so are words of one letter or syllable when `minimumLength` is 2: Korean `이`
    /// (2) is also "this", `일` (1) "work" or "day", CJK `一` is part of many words.
    /// - Returns: word → number, as digits.
    static func spelled(_ locale: Locale, through last: Int = 100, minimumLength: Int = 1) -> [String: String] {
        var words: [String: String] = [:]
        func add(_ raw: String, _ number: Int) {
            // ICU writes German compounds with soft hyphens (ein­und­zwanzig) and may double a space.
            let word = raw.replacingOccurrences(of: "\u{AD}", with: "").split(separator: " ").joined(separator: " ")
            guard word.unicodeScalars.count >= minimumLength, word.split(separator: " ").count <= maximumWords,
                  !word.unicodeScalars.contains(where: { QALocale.digit($0) != nil }) else { return }
            for form in [word, word.prefix(1).uppercased() + word.dropFirst(), word.uppercased()] where words[form] == nil { words[form] = String(number) }
        }
        #if canImport(_FoundationICU)
        let icuLocale = locale.identifier.replacingOccurrences(of: "-", with: "_")
        var status = U_ZERO_ERROR
        guard let probe = swift_unum_open(UNUM_SPELLOUT, nil, 0, icuLocale, nil, &status), status.rawValue <= U_ZERO_ERROR.rawValue else { return words }
        let ruleSets = text { swift_unum_getTextAttribute(probe, UNUM_PUBLIC_RULESETS, $0, $1, &status) }
        swift_unum_close(probe)
        for ruleSet in ruleSets.split(separator: ";").map(String.init)
        where (ruleSet.contains("cardinal") || ruleSet.contains("ordinal")) && !ruleSet.contains("financial") {
            var status = U_ZERO_ERROR
            guard let format = swift_unum_open(UNUM_SPELLOUT, nil, 0, icuLocale, nil, &status) else { continue }
            defer { swift_unum_close(format) }
            let name = Array(ruleSet.utf16)
            swift_unum_setTextAttribute(format, UNUM_DEFAULT_RULESET, name, Int32(name.count), &status)
            guard status.rawValue <= U_ZERO_ERROR.rawValue else { continue }
            for number in 0...last {
                add(text { swift_unum_formatInt64(format, Int64(number), $0, $1, nil, &status) }, number)
            }
        }
        #else
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .spellOut
        for number in 0...last { add(formatter.string(from: NSNumber(value: number)) ?? "", number) }
        #endif
        return words
    }

    /// The most words a spelled number may take (Korean `스물한 번째`, Spanish `vigésimo primero`).
    static let maximumWords = 3

    /// The language's magnitudes, from CLDR's compact decimal formats, short and long (ICU
    /// `UNUM_DECIMAL_COMPACT_SHORT` and `_LONG`, each power of ten from 10³ to 10¹⁵ formatted with
    /// several counts, so that every plural form is seen): English `K`, `M`, `B`, `thousand`,
    /// `million`; Korean `천`, `만`, `억`, `조`; Japanese `万`, `億`; Chinese `万`, `亿`, `万亿`; French `k`,
    /// `M`, `Md`, `mille`, `millions`; German `Mio.`, `Mrd.`, `Millionen`; Spanish `mil`, `M`,
    /// `millones`, `mil millones`. Only forms written after the number are kept.
    /// - Returns: `suffixes`, each form → its power of ten (`만` → 4, `M` → 6); `words`, the long forms of
    ///   three letters or more, which may stand without a number for one of their magnitude (French
    ///   `mille`, which CLDR writes so; Arabic `مليون`, Spanish `un millón`).
    static func magnitudes(_ locale: Locale) -> (suffixes: [String: Int], words: [String: Int]) {
        var suffixes: [String: Int] = [:], words: [String: Int] = [:], conflicting: Set<String> = []
        func add(_ formatted: String, value: String, long: Bool) {
            // Bidi marks aside (Arabic and Hebrew forms may carry them).
            let scalars = Array(formatted.unicodeScalars.filter { $0.properties.generalCategory != .format })
            guard let first = scalars.firstIndex(where: { QALocale.digit($0) != nil }) else {
                // A form with no number at all stands for one of its magnitude (French "mille").
                let word = String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("1"), value.dropFirst().allSatisfy({ $0 == "0" }), word.unicodeScalars.count >= 3 {
                    words[word] = value.count - 1
                }
                return
            }
            let last = scalars.lastIndex(where: { QALocale.digit($0) != nil })!
            guard first == 0 || String(String.UnicodeScalarView(scalars[..<first])).trimmingCharacters(in: .whitespaces).isEmpty else { return }
            // A number with a decimal or grouping symbol (`1.1만` for 11000) tells nothing certain.
            guard scalars[first...last].allSatisfy({ QALocale.digit($0) != nil }) else { return }
            let shown = String(scalars[first...last].compactMap(QALocale.digit))
            let affix = String(String.UnicodeScalarView(scalars[(last + 1)...])).trimmingCharacters(in: CharacterSet(charactersIn: " \u{A0}\u{202F}"))
            // The form stands for a power of ten: the value is the number shown followed by zeros.
            guard !affix.isEmpty, value.hasPrefix(shown), value.dropFirst(shown.count).allSatisfy({ $0 == "0" }) else { return }
            let power = value.count - shown.count
            guard power > 0 else { return }
            if let known = suffixes[affix], known != power { conflicting.insert(affix) }
            suffixes[affix] = power
            if long, affix.unicodeScalars.count >= 3 { words[affix] = power }
        }
        for power in 3...15 {
            for count in [1, 2, 3, 5, 11, 100] {
                let value = String(count) + String(repeating: "0", count: power)
                for (long, formatted) in compact(Double(value)!, locale) { add(formatted, value: value, long: long) }
            }
        }
        for affix in conflicting {
            suffixes[affix] = nil
            words[affix] = nil
        }
        return (suffixes, words)
    }

    /// A value in the language's compact forms: (long, text) pairs.
    private static func compact(_ value: Double, _ locale: Locale) -> [(Bool, String)] {
        #if canImport(_FoundationICU)
        let icuLocale = locale.identifier.replacingOccurrences(of: "-", with: "_")
        return [(false, UNUM_DECIMAL_COMPACT_SHORT), (true, UNUM_DECIMAL_COMPACT_LONG)].compactMap { long, style in
            var status = U_ZERO_ERROR
            guard let format = swift_unum_open(style, nil, 0, icuLocale, nil, &status), status.rawValue <= U_ZERO_ERROR.rawValue else { return nil }
            defer { swift_unum_close(format) }
            return (long, text { swift_unum_formatDouble(format, value, $0, $1, nil, &status) })
        }
        #else
        return [(false, value.formatted(.number.notation(.compactName).locale(locale)))]
        #endif
    }

    #if canImport(_FoundationICU)
    /// The UTF-16 text an ICU function writes into a buffer.
    private static func text(_ write: (UnsafeMutablePointer<UChar>, Int32) -> Int32) -> String {
        var buffer = [UChar](repeating: 0, count: 512)
        let length = buffer.withUnsafeMutableBufferPointer { write($0.baseAddress!, Int32($0.count)) }
        guard length > 0, Int(length) <= buffer.count else { return "" }
        return String(decoding: buffer[..<Int(length)], as: UTF16.self)
    }
    #endif
}

/// How a language writes the time of day, from CLDR through Foundation's `DateFormatter`: its AM
/// and PM symbols (`amSymbol`, `pmSymbol`: `AM`, `오후`, `午後`, `a. m.`), whether they go before the
/// hour (the pattern of the `h` skeleton, `dateFormat(fromTemplate:)`: Korean `a h시`, English `h a`),
/// and the words written after an hour (the `H` skeleton's literals: French `HH 'h'`, German
/// `HH 'Uhr'`, Korean `H시`).
struct ClockForms: Sendable, Equatable {
    /// The symbols in lower case without dots or spaces (`a. m.` → `am`).
    var am: Set<String>
    var pm: Set<String>
    var markerFirst: Bool
    /// In lower case: `h`, `uhr`, `시`.
    var hourWords: Set<String>

    init(locale: Locale) {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.calendar = Calendar(identifier: .gregorian)
        am = [Self.normalized(formatter.amSymbol)]
        pm = [Self.normalized(formatter.pmSymbol)]
        let twelve = DateFormatter.dateFormat(fromTemplate: "h", options: 0, locale: locale) ?? "h a"
        markerFirst = (twelve.firstIndex(of: "a") ?? twelve.endIndex) < (twelve.firstIndex { $0 == "h" || $0 == "K" } ?? twelve.endIndex)
        hourWords = Self.literals(DateFormatter.dateFormat(fromTemplate: "H", options: 0, locale: locale) ?? "HH")
    }

    static func normalized(_ symbol: some StringProtocol) -> String {
        String(symbol.lowercased().unicodeScalars.filter { $0 != "." && !$0.properties.isWhitespace })
    }

    /// The words of a date pattern's literal text: quoted (`'Uhr'`), or letters that are not pattern fields (`시`).
    private static func literals(_ pattern: String) -> Set<String> {
        var words: Set<String> = [], word = "", quoted = false
        for scalar in pattern.unicodeScalars {
            if scalar == "'" {
                quoted.toggle()
            } else if QALocale.isWordScalar(scalar), quoted || !scalar.isASCII {
                word.unicodeScalars.append(scalar)
                continue
            }
            if !word.isEmpty { words.insert(word.lowercased()) }
            word = ""
        }
        if !word.isEmpty { words.insert(word.lowercased()) }
        return words
    }
}
