import DiglotContent
import DiglotModel
import Foundation
import Mustache
import Yams

/// The interface strings of the built site (`Templates/strings/<locale>.yml`): one file per locale in
/// the Rails i18n YAML layout that translation tools read (the locale as the root key, then the
/// keys). A value is a string, or, for a count, a table of CLDR plural categories (`one`, `few`…,
/// see `PluralRules`) whose forms hold `{{count}}`.
public struct InterfaceStringTables: Sendable {
    /// Each locale's own table, by the locale as its file names it.
    package let tables: [String: Table]
    /// The locale whose table is complete and every other falls back to.
    static let baseLocale = "en-US"

    package struct Table: Sendable {
        package var text: [String: String] = [:]
        var plurals: [String: [String: String]] = [:]
        var keys: Set<String> { Set(text.keys).union(plurals.keys) }
    }

    /// Parses the tables, one YAML text per file name (`en-US.yml`) in `folder` (for messages). Throws `templateInvalid` naming
    /// the file for a file that does not parse, whose root key is not its locale, whose values are not
    /// strings or plural tables, and when there is no en-US table.
    public init(files: [String: String], folder: String = "strings") throws {
        var tables: [String: Table] = [:]
        for (name, yaml) in files {
            let file = folder + "/" + name
            let locale = name.hasSuffix(".yml") ? String(name.dropLast(4)) : name
            // YAMLLoader's composer (no implicit typing: `1.0` stays the text "1.0"), not Yams.load's
            // Any values: their tag resolution by regular expressions cost more than the rest of the load.
            let document: Node?
            do {
                document = try YAMLLoader.compose(yaml)
            } catch {
                throw DiglotError.templateInvalid(file, "\(error.location.line):\(error.location.column): \(error.message)")
            }
            guard let mapping = document?.mapping, mapping.count == 1, let entries = mapping[locale]?.mapping else {
                throw DiglotError.templateInvalid(file, "its one root key must be its locale, \(locale), holding the strings")
            }
            var table = Table()
            for (keyNode, value) in entries {
                guard let key = keyNode.scalar?.string else { continue }
                if let forms = value.mapping {
                    var plural: [String: String] = [:]
                    for (category, form) in forms {
                        guard let category = category.scalar?.string, PluralRules.order.contains(category), let form = form.scalar?.string else {
                            throw DiglotError.templateInvalid(file, "\(key): a plural table maps the CLDR categories zero, one, two, few, many, other to strings")
                        }
                        plural[category] = form
                    }
                    guard plural["other"] != nil else { throw DiglotError.templateInvalid(file, "\(key): a plural table needs its 'other' form") }
                    table.plurals[key] = plural
                } else if let text = value.scalar?.string {
                    table.text[key] = text
                }
            }
            tables[locale] = table
        }
        guard tables[Self.baseLocale] != nil else { throw DiglotError.templateInvalid(folder + "/en-US.yml", "there is no en-US table") }
        self.tables = tables
    }

    /// The tables a locale's strings come from, most specific first: its own; then a table of its
    /// language, the one of the same script first (CLDR's likely script: zh-HK and zh-TW are Hant,
    /// zh-CN Hans), else the bare language's (`pt`), else the first in sorted order (`pt-BR` for
    /// `pt-AO`); then en-US. Locale names compare case-insensitively.
    package func chain(for locale: String) -> [String] {
        let wanted = locale.lowercased()
        var chain: [String] = []
        if let own = tables.keys.first(where: { $0.lowercased() == wanted }) { chain.append(own) }
        let language = Locale.Language(identifier: locale)
        let code = language.languageCode?.identifier.lowercased() ?? wanted
        let script = language.maximalIdentifier.split(separator: "-").dropFirst().first.map(String.init)
        let relatives = tables.keys.sorted().filter {
            $0.lowercased() != wanted && Locale.Language(identifier: $0).languageCode?.identifier.lowercased() == code
        }
        func scriptOf(_ tag: String) -> String? { Locale.Language(identifier: tag).maximalIdentifier.split(separator: "-").dropFirst().first.map(String.init) }
        if let relative = relatives.first(where: { scriptOf($0) == script && $0.lowercased() == code })
            ?? relatives.first(where: { scriptOf($0) == script }) ?? relatives.first {
            chain.append(relative)
        }
        if !chain.contains(Self.baseLocale) { chain.append(Self.baseLocale) }
        return chain
    }

    /// Whether the first table of `chain(for:)` is in the locale's language (its own or a
    /// relative's), rather than en-US's standing in for another language.
    package func hasLanguage(of locale: String) -> Bool {
        guard let first = chain(for: locale).first, let code = Locale.Language(identifier: locale).languageCode else { return false }
        return Locale.Language(identifier: first).languageCode == code
    }

    /// One locale's strings, each key from the first table in `chain(for:)` that has it.
    public func strings(for locale: String) -> InterfaceStrings {
        var text: [String: String] = [:]
        var plurals: [String: [String: String]] = [:]
        for name in chain(for: locale).reversed() {
            guard let table = tables[name] else { continue }
            text.merge(table.text) { $1 }
            plurals.merge(table.plurals) { $1 }
        }
        return InterfaceStrings(locale: locale, text: text, plurals: plurals)
    }

    /// Locales in `locales` whose own table lacks keys of en-US's, as DG306 warnings naming the
    /// missing keys and where they come from instead (issue 10: `pt-PT → pt → en-US` with a warning).
    public func missingKeys(for locales: [String]) -> [Diagnostic] {
        guard let base = tables[Self.baseLocale] else { return [] }
        var seen: Set<String> = []
        return locales.compactMap { locale -> Diagnostic? in
            guard seen.insert(locale.lowercased()).inserted else { return nil }
            let chain = chain(for: locale)
            guard let own = chain.first, own.lowercased() == locale.lowercased(), let table = tables[own] else {
                return Diagnostic(file: "strings/\(locale).yml", location: SourceLocation(line: 1, column: 1), code: .stringsMissing, stage: .render,
                                  message: "no interface strings for \(locale): the site's interface is in \(chain.first ?? Self.baseLocale)")
            }
            let missing = base.keys.subtracting(table.keys).sorted()
            guard !missing.isEmpty else { return nil }
            return Diagnostic(file: "strings/\(own).yml", location: SourceLocation(line: 1, column: 1), code: .stringsMissing, stage: .render,
                              message: "\(missing.count) interface strings missing, taken from \(chain.dropFirst().joined(separator: " or ")): \(missing.joined(separator: ", "))")
        }
    }
}

/// One locale's interface strings after fallback (see `InterfaceStringTables.chain(for:)`).
public struct InterfaceStrings: Sendable {
    /// The locale the strings are for (the page's language).
    public let locale: String
    let text: [String: String]
    let plurals: [String: [String: String]]
    /// The strings as a template sees them (`{{strings.key}}`): plain strings as they are, a plural
    /// table as JSON (`{"one":"{{count}} page","other":"{{count}} pages"}`) for the browser's script,
    /// which picks a form with `Intl.PluralRules`.
    public let templateValues: [String: String]

    init(locale: String, text: [String: String], plurals: [String: [String: String]]) {
        self.locale = locale
        self.text = text
        self.plurals = plurals
        var values = text
        for (key, forms) in plurals {
            let json = try? JSONSerialization.data(withJSONObject: forms, options: [.sortedKeys, .withoutEscapingSlashes])
            values[key] = json.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
        self.templateValues = values
    }

    /// A plain string.
    public subscript(key: String) -> String? { text[key] }

    /// A whole number as the locale writes it, from CLDR through Foundation's number format
    /// (`1.234` in es-ES, `1 234` in fr-FR, `١٬٢٣٤` in ar-SA, whose CLDR digits are Arabic-Indic).
    public func number(_ value: Int) -> String {
        value.formatted(.number.locale(Locale(identifier: locale)))
    }

    /// A day as the locale writes it in full, from CLDR through Foundation's date format
    /// (`1 de octubre de 2020`, `October 1, 2020`, `2020年10月1日`), and as ISO 8601 (`2020-10-01`) for
    /// `<time datetime>`. Gregorian, in UTC, so that the day is the one written.
    public func date(year: Int, month: Int, day: Int) -> (text: String, iso: String) {
        Self.dates[DateKey(locale: locale, year: year, month: month, day: day)]
    }

    private struct DateKey: Hashable, Sendable { var locale: String, year: Int, month: Int, day: Int }

    /// Formatted once per locale and day: the pages of a docset share a few dozen dates.
    private static let dates = Memo<DateKey, (text: String, iso: String)> { key in
        let (locale, year, month, day) = (key.locale, key.year, key.month, key.day)
        let iso = String(format: "%04d-%02d-%02d", year, month, day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return (iso, iso) }
        var style = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: locale), calendar: calendar)
        style.timeZone = calendar.timeZone
        return (date.formatted(style), iso)
    }

    /// A plain string with `{{name}}` placeholders cut around one: the text before and after it
    /// (`updated` → "Actualizado el ", ""), so that a template can put markup in its place.
    public func around(_ key: String, placeholder: String) -> (before: String, after: String)? {
        guard let text = text[key], let range = text.range(of: "{{" + placeholder + "}}") else { return nil }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    /// A count in words: the form of `key` for the count's CLDR plural category in this locale, with
    /// the count written as the locale writes numbers (`1.234 páginas`, `١٬٢٣٤ صفحة`). Nil when
    /// `key` is not a plural table.
    public func count(_ key: String, _ count: Int) -> String? {
        guard let forms = plurals[key] else { return nil }
        let form = forms[PluralRules.category(of: count, in: locale)] ?? forms["other"] ?? ""
        let number = self.number(count)
        let template = (try? MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}" + form))
        return template?.render(["count": number]) ?? form
    }
}
