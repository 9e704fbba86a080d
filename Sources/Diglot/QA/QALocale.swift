import Foundation

/// What translation QA knows of a docset's two languages, all of it from CLDR through Foundation
/// (`Locale`, `NumberFormatter`, `DateFormatter`), never from a table of our own. Built once per check
/// (`TranslationQA.init`), then read by every unit's checks on any core.
///
/// - Numbers (DG704) are compared by value: each language's decimal and grouping symbols and
///   grouping size (`NumberConvention`), so that `50 000`, `50000` and `50,000` are one number in
///   French and `1.234,5` is `1,234.5` in German.
/// - A month name stands for its number (`MonthNames`), so that a date written with words in one
///   language and with digits in the other (`October 1, 2020` and `2020년 10월 1일`) gives the same
///   numbers: the day and the year are numbers on both sides already; the month's name adds its number.
/// - A number the source writes as a word (`six`, CLDR's spell-out) may stand for the translation's digits.
/// - Names that CLDR spells the same in both languages (`SameNames`: countries and regions, languages)
///   are not "untranslated" (DG701): `Myanmar` is also French.
struct QALocale: Sendable {
    /// The source's numbers (its symbols), month names and numbers written as words (`six`).
    let sourceReader: Reader
    /// The translation's numbers (its symbols, then the source's), month names (its own and the source's).
    let targetReader: Reader
    let sameNames: SameNames

    /// - Parameters:
    ///   - target: the translation's locale (`fr-FR`); `und` (no locale known) reads numbers and months as the source does.
    ///   - source: the source's locale (`en-US`).
    init(target: String, source: String = "en-US") {
        let sourceLocale = Locale(identifier: source)
        let targetLocale = Locale(identifier: target)
        let sourceNumbers = NumberConvention(locale: sourceLocale)
        let targetNumbers = NumberConvention(locale: targetLocale)
        let sourceMonths = MonthNames(locale: sourceLocale)
        sourceReader = Reader(conventions: [sourceNumbers], months: sourceMonths, words: Self.spelledNumbers(sourceLocale))
        // A translation may leave a date in English ("October 2018 Update", "Dec 2020"): the source's
        // month names count in the translation too.
        targetReader = Reader(conventions: targetNumbers == sourceNumbers ? [targetNumbers] : [targetNumbers, sourceNumbers],
                              months: MonthNames(locale: targetLocale, adding: sourceMonths), words: [:])
        sameNames = SameNames(source: sourceLocale, target: targetLocale)
    }

    /// The numbers 0 to 100 as the language spells them (CLDR's rule-based number format through
    /// `NumberFormatter`'s `.spellOut`: `six`, `twenty-four`), with a capital first letter too.
    static func spelledNumbers(_ locale: Locale) -> [String: String] {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .spellOut
        var words: [String: String] = [:]
        for number in 0...100 {
            guard let word = formatter.string(from: NSNumber(value: number)), !word.contains(" "),
                  !word.unicodeScalars.contains(where: { QALocale.digit($0) != nil }) else { continue }
            for form in [word, word.prefix(1).uppercased() + word.dropFirst()] where words[form] == nil { words[form] = String(number) }
        }
        return words
    }

    /// The numbers of a unit's two sides, or nil when they are the same multiset. Each side's numbers
    /// are in text order, as values (`1,000.50` is `1000.5`, `08` is `8`), each month name as its
    /// number. A source number is read with the source's symbols; a translation's number with the
    /// translation's symbols, or with the source's when that reading matches the source (a machine
    /// translation often keeps `50,000` as written, which French reads as 50). Two allowances:
    ///
    /// - a month that a name gives may be written once for a range ("June 3 to June 7", "du 3 au 7
    ///   juin"): a month named on either side differs only when one side lacks it altogether;
    /// - a number the source spells (`six months`) is the translation's digits when it has them
    ///   (`6개월`), and nothing otherwise ("one of the ways").
    func numbersDiffer(source: String, target: String) -> (target: [String], source: [String])? {
        // The same text has the same numbers (an untranslated unit).
        if source == target { return nil }
        let sourceItems = sourceReader.items(in: source)
        let targetItems = targetReader.items(in: target)
        let sourceList = sourceItems.filter { $0.kind != .spelled }.flatMap { $0.readings[0] }
        var left: [String: Int] = [:]
        for number in sourceList { left[number, default: 0] += 1 }
        // Numbers with one reading first, then each number with two takes the reading the source's
        // numbers still hold (else the translation's own).
        var chosen: [[String]?] = targetItems.map { $0.readings.count == 1 ? $0.readings[0] : nil }
        for reading in chosen.compactMap({ $0 }) { for number in reading { left[number, default: 0] -= 1 } }
        for (index, item) in targetItems.enumerated() where chosen[index] == nil {
            let pick = item.readings.first { reading in
                var need: [String: Int] = [:]
                for number in reading { need[number, default: 0] += 1 }
                return need.allSatisfy { left[$0.key, default: 0] >= $0.value }
            } ?? item.readings[0]
            chosen[index] = pick
            for number in pick { left[number, default: 0] -= 1 }
        }
        let targetList = chosen.flatMap { $0 ?? [] }
        for item in sourceItems where item.kind == .spelled {
            let number = item.readings[0][0]
            if left[number, default: 0] < 0 { left[number, default: 0] += 1 }
        }
        let named = Set((sourceItems + targetItems).filter { $0.kind == .month }.flatMap { $0.readings[0] })
        let sourceSet = Set(sourceList), targetSet = Set(targetList)
        let differ = left.contains { number, count in
            count != 0 && !(named.contains(number) && sourceSet.contains(number) && targetSet.contains(number))
        }
        return differ ? (targetList, sourceList) : nil
    }

    /// A number of the text (with its readings, one per convention, duplicates dropped), a month name
    /// or a number written as a word.
    struct Item {
        enum Kind {
            case number, month, spelled
        }

        var readings: [[String]]
        var kind = Kind.number
    }

    /// How one side's text is read: its number conventions (the first is its own), month names and
    /// numbers written as words, with what the scan needs worked out once.
    struct Reader: Sendable {
        let conventions: [NumberConvention]
        let months: MonthNames
        let words: [String: String]
        /// Every convention's symbols, and the decimal ones (a number may start with one: `.80`).
        let separators: Set<Unicode.Scalar>
        let decimals: Set<Unicode.Scalar>
        /// The first letters and the most letters of a month name or a spelled number: other words are not looked up.
        let initials: Set<Unicode.Scalar>
        let longest: Int

        init(conventions: [NumberConvention], months: MonthNames, words: [String: String]) {
            self.conventions = conventions
            self.months = months
            self.words = words
            separators = conventions.reduce(into: []) { $0.formUnion($1.decimal); $0.formUnion($1.grouping) }
            decimals = conventions.reduce(into: []) { $0.formUnion($1.decimal) }
            let names = Array(months.names.keys) + Array(words.keys)
            initials = Set(names.compactMap(\.unicodeScalars.first))
            longest = names.map(\.unicodeScalars.count).max() ?? 0
        }

        func items(in text: String) -> [Item] {
            QALocale.items(in: text, reader: self)
        }
    }

    /// The numbers, month names and spelled numbers of a text, in text order.
    private static func items(in text: String, reader: Reader) -> [Item] {
        let scalars = Array(text.unicodeScalars)
        let (conventions, months, words, separators, decimals) = (reader.conventions, reader.months, reader.words, reader.separators, reader.decimals)
        var items: [Item] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let startsNumber = digit(scalar) != nil
                // ".80": a decimal symbol opens a number after a space, a currency sign or a bracket.
                || (decimals.contains(scalar) && index + 1 < scalars.count && digit(scalars[index + 1]) != nil
                    && (index == 0 || opensNumber(scalars[index - 1])))
            if startsNumber {
                // Digits, each separator between two digits kept.
                var token: [Unicode.Scalar] = [scalar]
                var next = index + 1
                while next < scalars.count {
                    if digit(scalars[next]) != nil {
                        token.append(scalars[next])
                    } else if separators.contains(scalars[next]), next + 1 < scalars.count, digit(scalars[next + 1]) != nil {
                        token.append(scalars[next])
                    } else {
                        break
                    }
                    next += 1
                }
                var readings: [[String]] = []
                for convention in conventions {
                    let reading = convention.read(token)
                    if !readings.contains(reading) { readings.append(reading) }
                }
                items.append(Item(readings: readings))
                index = next
            } else if isWordScalar(scalar) {
                var next = index + 1
                while next < scalars.count, isWordScalar(scalars[next]) { next += 1 }
                if !reader.initials.contains(scalar) || next - index > reader.longest {
                    index = next
                    continue
                }
                if let month = months.month(of: scalars, word: index..<next) {
                    items.append(Item(readings: [[String(month)]], kind: .month))
                } else if !words.isEmpty {
                    // The longest spelled number from here: "twenty-four" before "twenty".
                    var end = next
                    while end + 1 < scalars.count, scalars[end] == "-", isWordScalar(scalars[end + 1]) {
                        end += 1
                        while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
                    }
                    for candidate in end == next ? [next] : [end, next] {
                        var word = String.UnicodeScalarView()
                        word.append(contentsOf: scalars[index..<candidate])
                        if let number = words[String(word)] {
                            items.append(Item(readings: [[number]], kind: .spelled))
                            next = candidate
                            break
                        }
                    }
                }
                index = next
            } else {
                index += 1
            }
        }
        return items
    }

    /// The ASCII digit of a decimal digit of any script (`٣`, `３`), or nil.
    static func digit(_ scalar: Unicode.Scalar) -> Character? {
        if scalar.isASCII { return scalar >= "0" && scalar <= "9" ? Character(scalar) : nil }
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else { return nil }
        return Character(String(Int(value)))
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") }
        if scalar.properties.isAlphabetic { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether a number written from its decimal symbol (`.80`) may start after this character.
    private static func opensNumber(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .currencySymbol || scalar == "(" || scalar == "["
    }
}

/// How a language writes numbers, from CLDR through Foundation: `Locale.decimalSeparator` and
/// `.groupingSeparator`, `NumberFormatter`'s grouping sizes. A space that groups (French U+202F,
/// Russian or Swedish U+00A0) is any of the spaces writers use for it (U+0020, U+00A0, U+202F,
/// U+2009), and the Swiss `’` is also `'`, as ICU's lenient parsing takes them.
struct NumberConvention: Sendable, Equatable {
    var decimal: Set<Unicode.Scalar>
    var grouping: Set<Unicode.Scalar>
    /// Digits in the group left of the decimal symbol (3), and in each group before it (Indian 2).
    var groupingSize: Int
    var secondaryGroupingSize: Int

    static let spaces: Set<Unicode.Scalar> = ["\u{20}", "\u{A0}", "\u{202F}", "\u{2009}"]
    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}"]

    init(locale: Locale) {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        decimal = Self.equivalents(locale.decimalSeparator ?? ".")
        grouping = Self.equivalents(locale.groupingSeparator ?? ",").subtracting(decimal)
        groupingSize = formatter.groupingSize > 0 ? formatter.groupingSize : 3
        secondaryGroupingSize = formatter.secondaryGroupingSize > 0 ? formatter.secondaryGroupingSize : groupingSize
    }

    init(decimal: Set<Unicode.Scalar>, grouping: Set<Unicode.Scalar>, groupingSize: Int = 3, secondaryGroupingSize: Int = 3) {
        self.decimal = decimal
        self.grouping = grouping
        self.groupingSize = groupingSize
        self.secondaryGroupingSize = secondaryGroupingSize
    }

    private static func equivalents(_ symbol: String) -> Set<Unicode.Scalar> {
        guard symbol.unicodeScalars.count == 1, let scalar = symbol.unicodeScalars.first else { return Set(symbol.unicodeScalars.prefix(1)) }
        if spaces.contains(scalar) { return spaces }
        if apostrophes.contains(scalar) { return apostrophes }
        return [scalar]
    }

    /// The numbers a token (digits with one separator between two of them, maybe a decimal symbol
    /// first) stands for in this convention: one value when its groups are well formed (`7 273,99` is
    /// `7273.99` in French), else each run of digits (`10.0.19041` is 10, 0 and 19041 in French).
    /// Values are written without the zeros that do not change them (`08` is `8`, `4.00` is `4`).
    func read(_ token: [Unicode.Scalar]) -> [String] {
        // Separators this convention does not know split the token first.
        var numbers: [String] = []
        var part: [Unicode.Scalar] = []
        for scalar in token {
            if QALocale.digit(scalar) == nil, !decimal.contains(scalar), !grouping.contains(scalar) {
                if !part.isEmpty { numbers += value(part) }
                part = []
            } else {
                part.append(scalar)
            }
        }
        if !part.isEmpty { numbers += value(part) }
        return numbers
    }

    private func value(_ part: [Unicode.Scalar]) -> [String] {
        var groups: [String] = [""]
        var marks: [Bool] = []  // true: decimal symbol, false: grouping symbol; marks[i] is before groups[i + 1]
        for scalar in part {
            if let digit = QALocale.digit(scalar) {
                groups[groups.count - 1].append(digit)
            } else {
                marks.append(decimal.contains(scalar))
                groups.append("")
            }
        }
        func integer(_ digits: String) -> String {
            let trimmed = digits.drop { $0 == "0" }
            return trimmed.isEmpty ? "0" : String(trimmed)
        }
        let decimalMarks = marks.indices.filter { marks[$0] }
        let wellFormed: Bool = {
            guard decimalMarks.count <= 1 else { return false }
            if let point = decimalMarks.first, point != marks.count - 1 { return false }  // groups after the decimals
            let integerGroups = Array(groups[..<(decimalMarks.first.map { $0 + 1 } ?? groups.count)])
            guard integerGroups.count > 1 else { return true }
            guard integerGroups.last!.count == groupingSize,
                  integerGroups.dropFirst().dropLast().allSatisfy({ $0.count == secondaryGroupingSize }) else { return false }
            let first = integerGroups[0].count
            return first >= 1 && first <= (integerGroups.count > 2 ? secondaryGroupingSize : groupingSize)
        }()
        guard wellFormed else { return groups.filter { !$0.isEmpty }.map(integer) }
        if let point = decimalMarks.first {
            let fraction = groups[point + 1].reversed().drop { $0 == "0" }
            return [integer(groups[...point].joined()) + (fraction.isEmpty ? "" : "." + String(fraction.reversed()))]
        }
        return [integer(groups.joined())]
    }
}

/// A language's month names, from CLDR through Foundation: `DateFormatter`'s `monthSymbols`,
/// `standaloneMonthSymbols` (Russian `октября` and `октябрь`), `shortMonthSymbols` and
/// `shortStandaloneMonthSymbols`, in the Gregorian calendar (Arabic and Thai locales default to
/// others). A name is matched as CLDR writes it, with a capital first letter, or in capitals (`mai`,
/// `Mai`, `MAI`), so that English "may" (the verb) is not May. Where it counts:
///
/// - a full name (`October`, `octobre`), wherever it stands;
/// - an abbreviation (`Oct`, `janv.`, `mar`), only beside a number or a full month name (`Oct 1`,
///   `1 janv. 2021`, `3-Aug`, `Jan - June`), as abbreviations are words too (Spanish `mar`, sea);
/// - a full name that is also its abbreviation (`May`, `mai`, `März`), unless it opens a sentence
///   followed by a word in lower case, with no number beside it ("May be blank" is a verb; "the end of
///   May", "May CSP update", "May 2021" are months).
///
/// Names written with digits (Korean `10월`, Japanese `10月`) add nothing: their digits are numbers
/// already.
struct MonthNames: Sendable {
    enum Kind: Sendable {
        case full, short, both
    }

    private(set) var names: [String: (month: Int, kind: Kind)] = [:]

    /// - Parameter other: another language's names to recognise too (the source's, in a translation).
    init(locale: Locale, adding other: MonthNames? = nil) {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.calendar = Calendar(identifier: .gregorian)
        var full: [String: Int] = [:], short: [String: Int] = [:]
        for list in [formatter.monthSymbols, formatter.standaloneMonthSymbols] as [[String]] { Self.add(list, to: &full) }
        for list in [formatter.shortMonthSymbols, formatter.shortStandaloneMonthSymbols] as [[String]] { Self.add(list, to: &short) }
        for (name, month) in short where full[name] == nil { names[name] = (month, .short) }
        for (name, month) in full { names[name] = (month, short[name] == month ? .both : .full) }
        if let other {
            for (name, entry) in other.names where names[name] == nil { names[name] = entry }
        }
    }

    private static func add(_ symbols: [String], to table: inout [String: Int]) {
        guard symbols.count == 12 else { return }
        for (index, symbol) in symbols.enumerated() {
            var name = symbol
            while name.hasSuffix(".") { name.removeLast() }
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(QALocale.isWordScalar) else { continue }
            for form in [name, name.prefix(1).uppercased() + name.dropFirst(), name.uppercased()] where table[form] == nil {
                table[form] = index + 1
            }
        }
    }

    /// The month the word `scalars[word]` names, or nil.
    func month(of scalars: [Unicode.Scalar], word: Range<Int>) -> Int? {
        guard let (month, kind) = entry(scalars, word) else { return nil }
        switch kind {
        case .full: return month
        case .short: return besideDate(scalars, word) ? month : nil
        case .both: return besideDate(scalars, word) || !Self.startsClause(scalars, word) ? month : nil
        }
    }

    private func entry(_ scalars: [Unicode.Scalar], _ word: Range<Int>) -> (month: Int, kind: Kind)? {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[word])
        return names[String(text)]
    }

    /// Marks that may stand between a month's name and its number: `Oct. 1`, `1. Okt`, `3-Aug`, `Oct, 2020`.
    private static let joiners: Set<Unicode.Scalar> = [".", ",", "-", "\u{2013}", "/"]

    /// Whether a number or a full month name stands next to the word, across a space or a joiner
    /// (`Oct 1`, `1 janv.`, `Jan - June 2021`).
    private func besideDate(_ scalars: [Unicode.Scalar], _ word: Range<Int>) -> Bool {
        func skip(_ index: inout Int, by step: Int) {
            while scalars.indices.contains(index), scalars[index].properties.isWhitespace { index += step }
            if scalars.indices.contains(index), Self.joiners.contains(scalars[index]) { index += step }
            while scalars.indices.contains(index), scalars[index].properties.isWhitespace { index += step }
        }
        func isDate(_ index: Int, by step: Int) -> Bool {
            guard scalars.indices.contains(index) else { return false }
            if QALocale.digit(scalars[index]) != nil { return true }
            var end = index
            while scalars.indices.contains(end + step), QALocale.isWordScalar(scalars[end + step]) { end += step }
            guard QALocale.isWordScalar(scalars[index]), let other = entry(scalars, min(index, end)..<max(index, end) + 1) else { return false }
            return other.kind != .short
        }
        var after = word.upperBound
        skip(&after, by: 1)
        var before = word.lowerBound - 1
        skip(&before, by: -1)
        return isDate(after, by: 1) || isDate(before, by: -1)
    }

    /// Whether the word is a verb (`May be blank`, `May include`): the first of its sentence or clause
    /// (nothing but spaces, quotes, brackets or a list mark before it since the text's start or `.`,
    /// `!`, `?`, `:`, `;`), followed by a word in lower case.
    private static func startsClause(_ scalars: [Unicode.Scalar], _ word: Range<Int>) -> Bool {
        var next = word.upperBound
        while next < scalars.count, scalars[next].properties.isWhitespace { next += 1 }
        guard next < scalars.count, scalars[next].properties.isLowercase else { return false }
        var index = word.lowerBound - 1
        while index >= 0 {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace || "\"'“‘«([*_-•".unicodeScalars.contains(scalar) {
                index -= 1
                continue
            }
            return ".!?:;".unicodeScalars.contains(scalar)
        }
        return true
    }
}

/// The names CLDR spells the same in the source's language and the translation's (through
/// Foundation: `Locale.localizedString(forRegionCode:)` over `Locale.Region.isoRegions`, and
/// `localizedString(forLanguageCode:)` over `Locale.LanguageCode.isoLanguageCodes`): `Canada`,
/// `Ukraine`, `Burkina Faso` in French. A name with a qualifier in brackets counts by the name before
/// it when that is the same in both (`Myanmar (Burma)` and `Myanmar (Birmanie)`: `Myanmar`). A unit
/// whose words are such names is not untranslated: they are the translation's words too.
struct SameNames: Sendable {
    /// Each name's words (letters and digits) joined by one space.
    private(set) var names: Set<String> = []
    private(set) var longest = 0

    init(source: Locale, target: Locale) {
        // No names when the translation's language is not known (`und`) or is the source's.
        guard let language = target.language.languageCode, language.identifier != "und",
              language != source.language.languageCode else { return }
        func add(_ code: String, _ sourceName: String?, _ targetName: String?) {
            guard let sourceName, let targetName, sourceName.lowercased() != code.lowercased() else { return }
            if sourceName == targetName { insert(sourceName) }
            let (sourceBase, targetBase) = (Self.base(sourceName), Self.base(targetName))
            if sourceBase == targetBase, !sourceBase.isEmpty { insert(sourceBase) }
        }
        for region in Locale.Region.isoRegions {
            add(region.identifier, source.localizedString(forRegionCode: region.identifier), target.localizedString(forRegionCode: region.identifier))
        }
        for language in Locale.LanguageCode.isoLanguageCodes {
            add(language.identifier, source.localizedString(forLanguageCode: language.identifier), target.localizedString(forLanguageCode: language.identifier))
        }
    }

    private mutating func insert(_ name: String) {
        let words = Self.words(name)
        guard !words.isEmpty else { return }
        names.insert(words.joined(separator: " "))
        longest = max(longest, words.count)
    }

    /// The name before a bracketed qualifier: `Myanmar (Burma)` → `Myanmar`.
    static func base(_ name: String) -> String {
        guard let open = name.firstIndex(of: "("), name.hasSuffix(")") else { return name }
        return name[..<open].trimmingCharacters(in: .whitespaces)
    }

    static func words(_ text: String) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber) }
    }

    /// Whether every word of `text` is a number or part of a name (longest names first).
    func covers(_ text: String) -> Bool {
        guard longest > 0 else { return false }
        let words = Self.words(text)
        var index = 0
        while index < words.count {
            if words[index].allSatisfy(\.isNumber) {
                index += 1
                continue
            }
            guard let length = stride(from: min(longest, words.count - index), through: 1, by: -1)
                .first(where: { names.contains(words[index..<index + $0].joined(separator: " ")) }) else { return false }
            index += length
        }
        return true
    }
}
