import Foundation

/// What translation QA knows of a docset's two languages, from CLDR through Foundation and ICU
/// (`Locale`, `NumberFormatter`, `DateFormatter`, RBNF and compact decimal formats: `NumberWords`,
/// `ClockForms`), with the few English idioms CLDR has no data for written out here (`Idioms`).
/// Built once per check (`TranslationQA.init`), then read by every unit's checks on any core.
///
/// - Numbers (DG704) are compared by value: each language's decimal and grouping symbols and
///   grouping size (`NumberConvention`), so that `50 000`, `50000` and `50,000` are one number in
///   French and `1.234,5` is `1,234.5` in German; a translation may group thousands with a space
///   wherever its language groups them otherwise (Spanish `20 000`: the SI and ISO 80000-1 rule).
/// - A month name stands for its number (`MonthNames`), so that a date written with words in one
///   language and with digits in the other (`October 1, 2020` and `2020년 10월 1일`) gives the same
///   numbers: the day and the year are numbers on both sides already; the month's name adds its number.
/// - A magnitude multiplies its number (CLDR compact forms: `10K`, `1만`, `10 000` are one number, as
///   are `1.5B` and `15억`, `5M`, `500만`, `5 millions` and `5 Mio.`).
/// - A time of day is its hour on the 24-hour clock, and its minutes unless they are 0 (CLDR's AM and
///   PM symbols: `5 PM`, `17:00`, `17 h`, `17h00` and `오후 5시` are 17; `12:00 AM` and `0:00` are 0).
/// - A number written as a word (`six`, `first`; French `trois`, Korean `첫 번째`: CLDR spell-out) may
///   stand for the other side's digits, and so may a few English idioms (`Idioms`).
/// - A year may be written with two digits (`FY21` and `2021`, `01/15/03` and `15.01.2003`).
/// - Names that CLDR spells the same in both languages (`SameNames`: countries and regions, languages)
///   are not "untranslated" (DG701): `Myanmar` is also French; nor are the words of the translation's
///   language (`TargetWords`: French `Description`, German `Name`), where its word list is installed.
struct QALocale: Sendable {
    /// The source's numbers (its symbols), month names, magnitudes, times, numbers written as words
    /// (`six`) and English idioms.
    let sourceReader: Reader
    /// The translation's numbers (its symbols, then the source's, then a space grouping thousands),
    /// month names, magnitudes and times (its own and the source's), numbers written as words (its own).
    let targetReader: Reader
    let sameNames: SameNames
    let targetWords: TargetWords?

    /// - Parameters:
    ///   - target: the translation's locale (`fr-FR`); `und` (no locale known) reads numbers and months as the source does.
    ///   - source: the source's locale (`en-US`).
    ///   - wordLists: where the word lists of languages are looked for (Debian's, by default).
    init(target: String, source: String = "en-US", wordLists: TargetWords.Registry = .debian) {
        let sourceLocale = Locale(identifier: source)
        let targetLocale = Locale(identifier: target)
        let sourceNumbers = NumberConvention(locale: sourceLocale)
        let targetNumbers = NumberConvention(locale: targetLocale)
        let english = sourceLocale.language.languageCode == .english
        var sourceMonths = MonthNames(locale: sourceLocale)
        if english { sourceMonths.add(Idioms.monthVariants) }
        let sourceMagnitudes = NumberWords.magnitudes(sourceLocale)
        let sourceClock = ClockForms(locale: sourceLocale)
        var sourceWords = NumberWords.spelled(sourceLocale)
        if english {
            for (word, number) in Idioms.numberWords { sourceWords[word] = number }
        }
        sourceReader = Reader(conventions: [sourceNumbers], months: sourceMonths, words: Self.words(sourceWords, sourceMagnitudes.words),
                              magnitudes: Self.withSIKilo(sourceMagnitudes.suffixes), clocks: [sourceClock], idioms: english)
        let known = target != "und" && targetLocale.language.languageCode != nil
        // A translation may leave a date in English ("October 2018 Update", "Dec 2020"), a number as
        // the source writes it (`50,000`, `10K`, `5 PM`): the source's forms count in the translation too.
        var conventions = [targetNumbers]
        if targetNumbers != sourceNumbers { conventions.append(sourceNumbers) }
        if !targetNumbers.grouping.contains(" ") {
            conventions.append(NumberConvention(decimal: targetNumbers.decimal, grouping: NumberConvention.spaces))
        }
        let targetMagnitudes: (suffixes: [String: Int], words: [String: Int]) = known ? NumberWords.magnitudes(targetLocale) : ([:], [:])
        let targetClock = ClockForms(locale: targetLocale)
        targetReader = Reader(conventions: conventions, months: MonthNames(locale: targetLocale, adding: sourceMonths),
                              words: known ? Self.words(NumberWords.spelled(targetLocale, minimumLength: 2), targetMagnitudes.words) : [:],
                              magnitudes: Self.withSIKilo(sourceMagnitudes.suffixes).merging(targetMagnitudes.suffixes) { $1 },
                              clocks: targetClock == sourceClock ? [targetClock] : [targetClock, sourceClock], idioms: english)
        sameNames = SameNames(source: sourceLocale, target: targetLocale)
        targetWords = known ? wordLists.list(for: targetLocale) : nil
    }

    /// Spelled numbers, and magnitude words standing alone for one of their magnitude (`million` → 1000000).
    private static func words(_ spelled: [String: String], _ magnitudes: [String: Int]) -> [String: String] {
        var words = spelled
        for (word, power) in magnitudes where words[word] == nil { words[word] = "1" + String(repeating: "0", count: power) }
        return words
    }

    /// `k` for 10³ where CLDR writes `K` (English `10K`; writers also use the SI prefix, `$10k`).
    private static func withSIKilo(_ suffixes: [String: Int]) -> [String: Int] {
        var suffixes = suffixes
        if suffixes["K"] == 3, suffixes["k"] == nil { suffixes["k"] = 3 }
        return suffixes
    }

    /// The numbers of a unit's two sides, or nil when they are the same multiset. Each side's numbers
    /// are in text order, as values (`1,000.50` is `1000.5`, `08` is `8`, `10K` is `10000`, `5 PM` is
    /// `17`), each month name as its number. A number with more than one reading (a translation's
    /// `50,000`, which French reads as 50 and English as 50,000; `FY21`, which is 21 or 2021) takes the
    /// reading that matches the other side. Two allowances:
    ///
    /// - a month that a name gives, and a year, may be written once for a range ("June 3 to June 7",
    ///   "du 3 au 7 juin"; "October 2, 2020 through December 2, 2020", "del 2 de octubre al 2 de
    ///   diciembre de 2020"): such a number differs only when one side lacks it altogether;
    /// - a number written as a word or an idiom on one side (`six months`, `24x7`; French `trois`) is
    ///   the other side's digits when it has them (`6개월`, `24 h/24`, `3`), and nothing otherwise
    ///   ("one of the ways", `연중무휴`).
    func numbersDiffer(source: String, target: String) -> (target: [String], source: [String])? {
        // The same text has the same numbers (an untranslated unit).
        if source == target { return nil }
        let sourceItems = sourceReader.items(in: source)
        let targetItems = targetReader.items(in: target)
        // left[n]: how many more times n is in the source than in the translation.
        var left: [String: Int] = [:]
        // Numbers with one reading first, then each number with more takes the reading the other
        // side's numbers still hold (else its first).
        func fixed(_ items: [Item], _ sign: Int) -> [[String]?] {
            items.map { item in
                guard item.kind != .optional, item.readings.count == 1 else { return nil }
                for number in item.readings[0] { left[number, default: 0] += sign }
                return item.readings[0]
            }
        }
        // Else a reading that one of the other side's numbers with several readings has (`20 K` and
        // `20 000`, each read two ways).
        func choose(_ items: [Item], _ chosen: inout [[String]?], _ sign: Int, other: [Item]) {
            let otherReadings = Set(other.filter { $0.kind != .optional && $0.readings.count > 1 }.flatMap(\.readings))
            for (index, item) in items.enumerated() where item.kind != .optional && chosen[index] == nil {
                let pick = item.readings.first { reading in
                    var need: [String: Int] = [:]
                    for number in reading { need[number, default: 0] += 1 }
                    return need.allSatisfy { -sign * left[$0.key, default: 0] >= $0.value }
                } ?? item.readings.first(where: otherReadings.contains) ?? item.readings[0]
                chosen[index] = pick
                for number in pick { left[number, default: 0] += sign }
            }
        }
        var sourceChosen = fixed(sourceItems, 1), targetChosen = fixed(targetItems, -1)
        choose(sourceItems, &sourceChosen, 1, other: targetItems)
        choose(targetItems, &targetChosen, -1, other: sourceItems)
        // A number written as a word or an idiom makes up for the other side's digits, if any.
        for item in sourceItems where item.kind == .optional {
            if let number = item.readings.lazy.map(\.[0]).first(where: { left[$0, default: 0] < 0 }) { left[number, default: 0] += 1 }
        }
        for item in targetItems where item.kind == .optional {
            if let number = item.readings.lazy.map(\.[0]).first(where: { left[$0, default: 0] > 0 }) { left[number, default: 0] -= 1 }
        }
        let sourceList = sourceChosen.flatMap { $0 ?? [] }, targetList = targetChosen.flatMap { $0 ?? [] }
        var named = Set((sourceItems + targetItems).filter { $0.kind == .month }.flatMap { $0.readings[0] })
        named.formUnion(left.keys.filter { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) })
        let sourceSet = Set(sourceList), targetSet = Set(targetList)
        let differ = left.contains { number, count in
            count != 0 && !(named.contains(number) && sourceSet.contains(number) && targetSet.contains(number))
        }
        return differ ? (targetList, sourceList) : nil
    }

    /// A number of the text (with its readings, one per convention or form, duplicates dropped), a
    /// month name, or a number that may stand for the other side's digits or for nothing (`optional`:
    /// a number written as a word, an idiom).
    struct Item {
        enum Kind {
            case number, month, optional
        }

        var readings: [[String]]
        var kind = Kind.number
        /// A fiscal or calendar year (`FY21`).
        var fiscal = false
    }

    /// How one side's text is read: its number conventions (the first is its own), month names,
    /// numbers written as words, magnitudes, clocks and idioms, with what the scan needs worked out once.
    struct Reader: Sendable {
        let conventions: [NumberConvention]
        let months: MonthNames
        let words: [String: String]
        /// Magnitude suffixes (`K`, `만`, `Mio.`) → power of ten.
        let magnitudes: [String: Int]
        let clocks: [ClockForms]
        /// Whether the English idioms are read (`FY21`, `24x7`, `3rd-party`).
        let idioms: Bool
        /// Every convention's symbols, and the decimal ones (a number may start with one: `.80`).
        let separators: Set<Unicode.Scalar>
        let decimals: Set<Unicode.Scalar>
        /// The first two letters (`QALocale.initials`) and the most letters of a month name or a spelled
        /// number's first word: other words are not looked up.
        let initials: Set<UInt64>
        let longest: Int
        let longestMagnitude: Int
        /// The first words of the spelled numbers of more than one word (`twenty` of `twenty-four`).
        let compoundStarts: Set<String>

        init(conventions: [NumberConvention], months: MonthNames, words: [String: String], magnitudes: [String: Int] = [:],
             clocks: [ClockForms] = [], idioms: Bool = false) {
            self.conventions = conventions
            self.months = months
            self.words = words
            self.magnitudes = magnitudes
            self.clocks = clocks
            self.idioms = idioms
            separators = conventions.reduce(into: []) { $0.formUnion($1.decimal); $0.formUnion($1.grouping) }
            decimals = conventions.reduce(into: []) { $0.formUnion($1.decimal) }
            let names = Array(months.names.keys) + Array(words.keys)
            initials = Set(names.compactMap { name in
                let first = Array(name.unicodeScalars.prefix { !QALocale.joiners.contains($0) })
                return first.isEmpty ? nil : QALocale.initials(first, 0, first.count)
            })
            longest = names.map { $0.unicodeScalars.prefix { !QALocale.joiners.contains($0) }.count }.max() ?? 0
            longestMagnitude = magnitudes.keys.map(\.unicodeScalars.count).max() ?? 0
            compoundStarts = Set(words.keys.compactMap { word in
                word.unicodeScalars.firstIndex(where: QALocale.joiners.contains).map { String(word.unicodeScalars[..<$0]) }
            })
        }

        func items(in text: String) -> [Item] {
            var items = QALocale.items(in: text, reader: self)
            guard items.contains(where: \.fiscal) else { return items }
            // A fiscal year that restates a year written in full (`fiscal year 2021 (FY21)`) may be left out.
            let years = Set(items.filter { !$0.fiscal && $0.kind == .number && $0.readings.count == 1 }.map(\.readings[0]))
            for index in items.indices where items[index].fiscal {
                if let year = items[index].readings.first(where: { $0.first?.count == 4 }), years.contains(year) {
                    items[index].kind = .optional
                }
            }
            return items
        }
    }

    /// What joins the words of a spelled number: `twenty-four`, `첫 번째`.
    static let joiners: Set<Unicode.Scalar> = ["-", " ", "\u{A0}"]

    /// The numbers, month names and spelled numbers of a text, in text order.
    private static func items(in text: String, reader: Reader) -> [Item] {
        let scalars = Array(text.unicodeScalars)
        let (conventions, months, separators, decimals) = (reader.conventions, reader.months, reader.separators, reader.decimals)
        var items: [Item] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let startsNumber = digit(scalar) != nil
                // ".80": a decimal symbol opens a number after a space, a currency sign or a bracket.
                || (decimals.contains(scalar) && index + 1 < scalars.count && digit(scalars[index + 1]) != nil
                    && (index == 0 || opensNumber(scalars[index - 1])))
            if startsNumber {
                if digit(scalar) != nil, let (found, next) = reader.form(scalars, at: index) {
                    items += found
                    index = next
                    continue
                }
                // Digits, each separator between two digits kept.
                var token: [Unicode.Scalar] = [scalar]
                var next = index + 1
                while next < scalars.count {
                    if digit(scalars[next]) != nil {
                        token.append(scalars[next])
                    } else if separators.contains(scalars[next]), next + 1 < scalars.count, digit(scalars[next + 1]) != nil,
                              // A space groups only three digits (`50 000`; not `2015 0:00`).
                              !NumberConvention.spaces.contains(scalars[next]) || groupOfThree(scalars, after: next) {
                        token.append(scalars[next])
                    } else {
                        break
                    }
                    next += 1
                }
                var readings: [[String]] = []
                let magnitude = reader.magnitude(scalars, number: index, end: next)
                for convention in conventions {
                    let reading = convention.read(token)
                    var candidates = [reading]
                    if let magnitude, let last = reading.last {
                        let times = Array(reading.dropLast()) + [shifted(last, by: magnitude.power)]
                        // A one-letter form may be something else (`3M`, three months; German `14T`, 14 days):
                        // the number is read both ways.
                        candidates = magnitude.certain ? [times] : [reading, times]
                    }
                    for candidate in candidates where !readings.contains(candidate) { readings.append(candidate) }
                }
                items.append(Item(readings: readings))
                index = magnitude?.end ?? next
            } else if isWordScalar(scalar) {
                var next = index + 1
                while next < scalars.count, isWordScalar(scalars[next]) { next += 1 }
                if reader.idioms, let (item, end) = Idioms.fiscalYear(scalars, word: index..<next) {
                    items.append(item)
                    index = end
                    continue
                }
                if !reader.initials.contains(initials(scalars, index, next - index)) || next - index > reader.longest {
                    index = next
                    continue
                }
                if let month = months.month(of: scalars, word: index..<next) {
                    items.append(Item(readings: [[String(month)]], kind: .month))
                } else if let (number, end) = reader.word(scalars, from: index, firstEnd: next) {
                    items.append(Item(readings: [[number]], kind: .optional))
                    next = end
                }
                index = next
            } else {
                index += 1
            }
        }
        return items
    }

    /// Digits as a value is written (`08` is `8`), of any length.
    static func integer(_ digits: ArraySlice<Unicode.Scalar>) -> String {
        let value = String(digits.compactMap(digit).drop { $0 == "0" })
        return value.isEmpty ? "0" : value
    }

    /// The first two letters of a word of `length` letters at `index`, as one key.
    static func initials(_ scalars: [Unicode.Scalar], _ index: Int, _ length: Int) -> UInt64 {
        UInt64(scalars[index].value) << 21 | UInt64(length > 1 ? scalars[index + 1].value : 0)
    }

    /// Whether three digits, and no fourth, follow `index`.
    private static func groupOfThree(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        index + 3 < scalars.count && (1...3).allSatisfy { digit(scalars[index + $0]) != nil }
            && (index + 4 == scalars.count || digit(scalars[index + 4]) == nil)
    }

    /// A number's value times a power of ten (`1.5`, 9 → `1500000000`), written as `read` writes values.
    static func shifted(_ value: String, by power: Int) -> String {
        let parts = value.split(separator: ".", maxSplits: 1)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        var integer = String(parts.first ?? "0") + fraction.prefix(power) + String(repeating: "0", count: max(0, power - fraction.count))
        fraction = String(fraction.dropFirst(power))
        integer = String(integer.drop { $0 == "0" })
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (integer.isEmpty ? "0" : integer) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The text of some scalars (through UTF-8: `String.UnicodeScalarView.append(contentsOf:)` is slow on a slice).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 3)
        for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
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

extension QALocale.Reader {
    /// The spelled number (or magnitude word) from the word at `index`, its words joined by hyphens or
    /// spaces (`twenty-four`, `첫 번째`, `mil millones`), the longest first; and where it ends.
    func word(_ scalars: [Unicode.Scalar], from index: Int, firstEnd: Int) -> (String, Int)? {
        guard !words.isEmpty else { return nil }
        let key = QALocale.string(scalars[index..<firstEnd])
        guard compoundStarts.contains(key) else { return words[key].map { ($0, firstEnd) } }
        var ends = [firstEnd]
        var end = firstEnd
        while ends.count < 5, end + 1 < scalars.count, QALocale.joiners.contains(scalars[end]), QALocale.isWordScalar(scalars[end + 1]) {
            end += 1
            while end < scalars.count, QALocale.isWordScalar(scalars[end]) { end += 1 }
            ends.append(end)
        }
        for candidate in ends.reversed() {
            let word = QALocale.string(scalars[index..<candidate]).replacingOccurrences(of: "\u{A0}", with: " ")
            if let number = words[word] { return (number, candidate) }
        }
        return nil
    }

    /// A magnitude after the number `scalars[number..<end]`, across a space or a hyphen (`10K`, `20 K`,
    /// `1-K`, `1.5 billion`, `100만`, `5 Mio.`): its power of ten, where it ends, and whether it is
    /// certain (not a single letter, which may abbreviate other words: `3M`, three months; Korean
    /// `149조`, article 149, as well as 149 trillion). Not
    /// after a letter (`B2B`), unless that is a currency code (`USD300K`); a form in a cased script
    /// ends at a word's end.
    func magnitude(_ scalars: [Unicode.Scalar], number: Int, end: Int) -> (power: Int, end: Int, certain: Bool)? {
        guard !magnitudes.isEmpty else { return nil }
        if number > 0, QALocale.isWordScalar(scalars[number - 1]), !Idioms.followsCurrencyCode(scalars, number) { return nil }
        var start = end
        if start < scalars.count, scalars[start] == "-" || NumberConvention.spaces.contains(scalars[start]) { start += 1 }
        guard start < scalars.count else { return nil }
        for length in stride(from: min(longestMagnitude, scalars.count - start), through: 1, by: -1) {
            let form = QALocale.string(ArraySlice(scalars[start..<start + length].map { NumberConvention.spaces.contains($0) ? " " : $0 }))
            guard let power = magnitudes[form] else { continue }
            let after = start + length
            if scalars[after - 1].properties.isCased, after < scalars.count,
               QALocale.isWordScalar(scalars[after]) || QALocale.digit(scalars[after]) != nil { continue }
            return (power, after, length > 1)
        }
        return nil
    }

    /// A number that a form gives at `index` (a digit): digits between capitals (`B2B`: none), the English
    /// idioms, a date with a two-digit year, a time of day, or a number repeated across a slash
    /// (`24 h/24`): its items and where it ends. Nil for a plain number.
    func form(_ scalars: [Unicode.Scalar], at index: Int) -> ([QALocale.Item], Int)? {
        var digitsEnd = index
        while digitsEnd < scalars.count, QALocale.digit(scalars[digitsEnd]) != nil { digitsEnd += 1 }
        func isCapital(_ at: Int) -> Bool { scalars.indices.contains(at) && scalars[at] >= "A" && scalars[at] <= "Z" }
        if isCapital(index - 1), isCapital(digitsEnd), !Idioms.followsCurrencyCode(scalars, index) { return ([], digitsEnd) }
        if idioms, let found = Idioms.roundTheClock(scalars, at: index) ?? Idioms.party(scalars, at: index, digitsEnd: digitsEnd) {
            return found
        }
        return Self.twoDigitYearDate(scalars, at: index) ?? time(scalars, at: index, digitsEnd: digitsEnd)
            ?? Self.repeated(scalars, at: index, digitsEnd: digitsEnd)
    }

    /// `D/M/YY`, `M/D/YY`, `DD.MM.YY`, `MM-DD-YY`: the year may be written in full on the other side
    /// (`01/15/03`, `15.01.2003`), so it reads as `3`, `2003` or `1903`.
    static func twoDigitYearDate(_ scalars: [Unicode.Scalar], at index: Int) -> ([QALocale.Item], Int)? {
        let marks: Set<Unicode.Scalar> = ["/", ".", "-"]
        if index >= 2, marks.contains(scalars[index - 1]), QALocale.digit(scalars[index - 2]) != nil { return nil }
        var fields: [String] = []
        var at = index, mark: Unicode.Scalar?
        while fields.count < 3 {
            var digits = ""
            while at < scalars.count, let digit = QALocale.digit(scalars[at]) { digits.append(digit); at += 1 }
            guard (1...2).contains(digits.count) else { return nil }
            fields.append(digits)
            if fields.count == 3 { break }
            guard at < scalars.count, marks.contains(scalars[at]), mark == nil || mark == scalars[at] else { return nil }
            mark = scalars[at]
            at += 1
        }
        guard fields[2].count == 2,
              !(at + 1 < scalars.count && (marks.contains(scalars[at]) || scalars[at] == ":") && QALocale.digit(scalars[at + 1]) != nil) else { return nil }
        let number = { (digits: String) in String(Int(digits)!) }
        let year = Int(fields[2])!
        return ([QALocale.Item(readings: [[number(fields[0])]]), QALocale.Item(readings: [[number(fields[1])]]),
                 QALocale.Item(readings: [[String(year)], [String(2000 + year)], [String(1900 + year)]])], at)
    }

    /// A time of day (`5 PM`, `5:30 pm`, `17:00`, `17h00`, `오후 5시`, `12:00 AM`) as its hour on the
    /// 24-hour clock, then its minutes unless they are 0.
    func time(_ scalars: [Unicode.Scalar], at index: Int, digitsEnd: Int) -> ([QALocale.Item], Int)? {
        guard (1...2).contains(digitsEnd - index), let hour = Int(String(scalars[index..<digitsEnd].compactMap(QALocale.digit))) else { return nil }
        /// Two digits at `at` and no more.
        func twoDigits(_ at: Int) -> Int? {
            guard at + 1 < scalars.count, let tens = QALocale.digit(scalars[at]), let ones = QALocale.digit(scalars[at + 1]),
                  at + 2 == scalars.count || QALocale.digit(scalars[at + 2]) == nil else { return nil }
            return Int(String([tens, ones]))
        }
        var end = digitsEnd, minutes: Int?
        if end < scalars.count, scalars[end] == ":", let value = twoDigits(end + 1),
           !(end + 4 < scalars.count && scalars[end + 3] == ":" && QALocale.digit(scalars[end + 4]) != nil) {
            minutes = value
            end += 3
        } else {
            // French 17h00: the hour's word between hours and minutes.
            for word in clocks.flatMap(\.hourWords) where end + word.unicodeScalars.count < scalars.count {
                let length = word.unicodeScalars.count
                guard QALocale.string(scalars[end..<end + length]).lowercased() == word,
                      let value = twoDigits(end + length) else { continue }
                minutes = value
                end += length + 2
                break
            }
        }
        var afternoon: Bool?
        if let (isPM, markerEnd) = markerAfter(scalars, end) {
            afternoon = isPM
            end = markerEnd
        } else {
            afternoon = markerBefore(scalars, index)
        }
        guard minutes != nil || afternoon != nil, minutes ?? 0 < 60 else { return nil }
        var hours = hour
        if let afternoon, (1...12).contains(hour) { hours = afternoon ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour) }
        guard hours <= 24 else { return nil }
        let minute = minutes.flatMap { $0 == 0 ? nil : String($0) }
        return ([QALocale.Item(readings: [[String(hours)] + (minute.map { [$0] } ?? [])])], end)
    }

    /// An AM or PM symbol written after the time (`5 PM`, `5pm`, `5 p. m.`): whether it is PM, and its end.
    private func markerAfter(_ scalars: [Unicode.Scalar], _ end: Int) -> (Bool, Int)? {
        let after = clocks.filter { !$0.markerFirst }
        guard !after.isEmpty else { return nil }
        var at = end
        if at < scalars.count, NumberConvention.spaces.contains(scalars[at]) { at += 1 }
        var symbol = ""
        let start = at
        while at < scalars.count, at - start < 8 {
            let scalar = scalars[at]
            at += 1
            if scalar == "." || (NumberConvention.spaces.contains(scalar) && !symbol.isEmpty) { continue }
            guard QALocale.isWordScalar(scalar) else { return nil }
            symbol += String(scalar).lowercased()
            guard at == scalars.count || !QALocale.isWordScalar(scalars[at]) else { continue }
            if after.contains(where: { $0.pm.contains(symbol) }) { return (true, at) }
            if after.contains(where: { $0.am.contains(symbol) }) { return (false, at) }
        }
        return nil
    }

    /// An AM or PM symbol written before the time (Korean `오후 5시`, Japanese `午後5時`): whether it is PM.
    private func markerBefore(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool? {
        let before = clocks.filter(\.markerFirst)
        guard !before.isEmpty else { return nil }
        var at = index - 1
        if at >= 0, NumberConvention.spaces.contains(scalars[at]) { at -= 1 }
        var start = at + 1
        while start > 0, QALocale.isWordScalar(scalars[start - 1]) { start -= 1 }
        guard start <= at else { return nil }
        let word = QALocale.string(scalars[start...at]).lowercased()
        if before.contains(where: { $0.pm.contains { word.hasSuffix($0) } }) { return true }
        if before.contains(where: { $0.am.contains { word.hasSuffix($0) } }) { return false }
        return nil
    }

    /// A number repeated across a slash after its unit: French `24 h/24`, `7 j/7`, `7 jours/7` ("24
    /// hours out of 24"), one number.
    static func repeated(_ scalars: [Unicode.Scalar], at index: Int, digitsEnd: Int) -> ([QALocale.Item], Int)? {
        let number = Array(scalars[index..<digitsEnd])
        var at = digitsEnd
        if at < scalars.count, NumberConvention.spaces.contains(scalars[at]) { at += 1 }
        let unit = at
        while at < scalars.count, at - unit <= 6, QALocale.isWordScalar(scalars[at]) { at += 1 }
        guard at > unit, at - unit <= 6 else { return nil }
        if at < scalars.count, NumberConvention.spaces.contains(scalars[at]) { at += 1 }
        guard at < scalars.count, scalars[at] == "/" else { return nil }
        at += 1
        if at < scalars.count, NumberConvention.spaces.contains(scalars[at]) { at += 1 }
        guard at + number.count <= scalars.count, Array(scalars[at..<at + number.count]) == number,
              at + number.count == scalars.count || QALocale.digit(scalars[at + number.count]) == nil else { return nil }
        return ([QALocale.Item(readings: [[QALocale.integer(number[...])]])], at + number.count)
    }
}

/// English idioms around numbers that CLDR has no data for, each seen in the corpora's Microsoft
/// documentation (`README.md`, Translation QA). Read in the source when its language is English, and
/// in the translation, which may keep them.
enum Idioms {
    /// Words that stand for one, which a translation may write with a digit (source only): the
    /// indefinite article (`an hour`, Korean `1시간`), `per` (`per user`, Korean `1인당`) and
    /// `anniversary` (Korean `1주년`).
    static let numberWords: [String: String] = {
        var words: [String: String] = [:]
        for word in ["a", "an", "per", "anniversary"] {
            words[word] = "1"
            words[word.prefix(1).uppercased() + word.dropFirst()] = "1"
        }
        return words
    }()

    /// English month abbreviations that CLDR has as variants (`alt="variant"`), which ICU's and
    /// Foundation's month symbols leave out: `Sept` ("As of Sept 22 2020").
    static let monthVariants = ["Sept": 9, "SEPT": 9]

    /// A fiscal or calendar year (`FY21`, `FY 2021`, `CY20`): 21 or 2021, as the other side may write
    /// it in full or in two digits (`2021`, `AF 21`).
    static func fiscalYear(_ scalars: [Unicode.Scalar], word: Range<Int>) -> (QALocale.Item, Int)? {
        guard word.count == 2, ["FY", "CY"].contains(QALocale.string(scalars[word])) else { return nil }
        var at = word.upperBound
        if at < scalars.count, scalars[at] == " " { at += 1 }
        var digits = ""
        while at < scalars.count, let digit = QALocale.digit(scalars[at]) { digits.append(digit); at += 1 }
        guard digits.count == 2 || digits.count == 4, let year = Int(digits) else { return nil }
        let readings = digits.count == 2 ? [[String(year)], [String(2000 + year)]] : [[String(year)], [String(year % 100)]]
        return (QALocale.Item(readings: readings, fiscal: true), at)
    }

    /// Round the clock, `24x7`, `24/7`, `24 X 7`, `24x7x365`: a translation may write its numbers
    /// (`24h/24, 7j/7`) or not (Korean `연중무휴`, Spanish `ininterrumpido`).
    static func roundTheClock(_ scalars: [Unicode.Scalar], at index: Int) -> ([QALocale.Item], Int)? {
        func number(_ text: String, at: Int) -> Int? {
            let digits = Array(text.unicodeScalars)
            guard at + digits.count <= scalars.count, Array(scalars[at..<at + digits.count]) == digits,
                  at + digits.count == scalars.count || QALocale.digit(scalars[at + digits.count]) == nil else { return nil }
            return at + digits.count
        }
        guard var end = number("24", at: index) else { return nil }
        var numbers = ["24"]
        for next in ["7", "365"] {
            var at = end
            if at < scalars.count, scalars[at] == " " { at += 1 }
            guard at < scalars.count, ["x", "X", "×", "/"].contains(scalars[at]) else { break }
            at += 1
            if at < scalars.count, scalars[at] == " " { at += 1 }
            guard let after = number(next, at: at) else { break }
            numbers.append(next)
            end = after
        }
        guard numbers.count > 1 else { return nil }
        return (numbers.map { QALocale.Item(readings: [[$0]], kind: .optional) }, end)
    }

    /// `3rd-party`, `3rd party`, `1st party`, `3-Party`: a kind of party, which a translation names
    /// with a word (`tiers`, `Drittanbieter`, `타사`).
    static func party(_ scalars: [Unicode.Scalar], at index: Int, digitsEnd: Int) -> ([QALocale.Item], Int)? {
        var at = digitsEnd
        if at + 1 < scalars.count, ["st", "nd", "rd", "th"].contains(QALocale.string(scalars[at...at + 1]).lowercased()) { at += 2 }
        if at < scalars.count, scalars[at] == "-" || scalars[at] == " " { at += 1 }
        var end = at
        while end < scalars.count, QALocale.isWordScalar(scalars[end]) { end += 1 }
        guard ["party", "parties"].contains(QALocale.string(scalars[at..<end]).lowercased()) else { return nil }
        let number = QALocale.integer(scalars[index..<digitsEnd])
        return ([QALocale.Item(readings: [[number]], kind: .optional)], digitsEnd)
    }

    /// Whether an ISO 4217 currency code (CLDR's, `Locale.commonISOCurrencyCodes`) stands right before
    /// `index`, after no letter: `USD300K`.
    static func followsCurrencyCode(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        guard index >= 3, index == 3 || !QALocale.isWordScalar(scalars[index - 4]) else { return false }
        return currencyCodes.contains(QALocale.string(scalars[(index - 3)..<index]))
    }

    private static let currencyCodes = Set(Locale.commonISOCurrencyCodes)
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

    /// More abbreviations (`Idioms.monthVariants`), counted as abbreviations are.
    mutating func add(_ abbreviations: [String: Int]) {
        for (name, month) in abbreviations where names[name] == nil { names[name] = (month, .short) }
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
        case .both: return besideDate(scalars, word) || !(Self.startsClause(scalars, word) || Self.beforeBe(scalars, word)) ? month : nil
        }
    }

    private func entry(_ scalars: [Unicode.Scalar], _ word: Range<Int>) -> (month: Int, kind: Kind)? {
        return names[QALocale.string(scalars[word])]
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

    /// Whether the next word is `be` in any case: `May` is the verb in a title (`Safety Stock May Be Consumed`).
    private static func beforeBe(_ scalars: [Unicode.Scalar], _ word: Range<Int>) -> Bool {
        var next = word.upperBound
        while next < scalars.count, scalars[next].properties.isWhitespace { next += 1 }
        var end = next
        while end < scalars.count, QALocale.isWordScalar(scalars[end]) { end += 1 }
        return QALocale.string(scalars[next..<end]).lowercased() == "be"
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
