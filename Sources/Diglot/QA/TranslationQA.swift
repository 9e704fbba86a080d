/// Translation QA: the checks localization tools run on every segment (Translate Toolkit's `pofilter`,
/// Okapi CheckMate), on every unit of the pages: the translation compared with its English source.
///
/// | code | name | finds |
/// | --- | --- | --- |
/// | DG701 | untranslated | the target is the source, word for word (outside the do-not-translate list, the names CLDR spells the same in both languages and the words of the translation's language, `TargetWords`) |
/// | DG702 | markup-differs | bold, italics, code or links differ in kind or count |
/// | DG703 | link-differs | the link addresses differ |
/// | DG704 | number-differs | the numbers differ, read with each language's CLDR symbols, a month name counting as its number, magnitudes, times of day and numbers written as words by value (`QALocale`) |
/// | DG705 | empty-target | the target is empty, the source is not |
/// | DG706 | empty-source | the source is empty, the target is not |
/// | DG707 | whitespace-differs | leading or trailing whitespace differs |
/// | DG708 | inconsistent-translation | the same English sentence is translated differently in the docset |
///
/// What the checks know of the two languages (number symbols, month names, magnitudes, times, spelled
/// numbers, names spelled the same) comes from CLDR through Foundation and ICU, and their words from
/// the word list the machine has, in tables built once here (`QALocale`), not per unit.
public struct TranslationQA: Sendable {
    public var config: QAConfig
    let locale: QALocale

    /// - Parameters:
    ///   - targetLocale: the translation's locale (the site's, `fr-FR`); `und` when it is not known.
    ///   - sourceLocale: the source's locale.
    public init(config: QAConfig = QAConfig(), targetLocale: String = "und", sourceLocale: String = "en-US") {
        self.init(config: config, locale: QALocale(target: targetLocale, source: sourceLocale))
    }

    /// With the two languages' tables built already (a test's word lists).
    init(config: QAConfig, locale: QALocale) {
        self.config = config
        self.locale = locale
    }

    /// The findings on every unit of `pages`, sorted for the report; severities and `off` from the config.
    public func check(_ pages: [Page], docsetOf: (String) -> String = { _ in "" }) -> [Diagnostic] {
        report(pages.map { findings(in: $0, docset: docsetOf($0.path)) })
    }

    /// One page's part of the check: the findings on its units, and each translated sentence's use
    /// (for the consistency check across pages). Pages can be checked one by one, on any core, and
    /// their models dropped; `report` joins them.
    struct PageFindings: Sendable {
        var findings: [Diagnostic] = []
        var uses: [(key: String, target: String, file: String, location: SourceLocation, unit: String)] = []
    }

    func findings(in page: Page, docset: String) -> PageFindings {
        var result = PageFindings()
        var collector = UnitCollector()
        collector.walk(page.blocks)
        for (unit, location) in collector.units {
            let facts = UnitFacts(unit)
            result.findings += check(facts, file: page.path, at: location)
            guard !facts.sourceText.isEmpty, !facts.targetText.isEmpty else { continue }
            result.uses.append((docset + "\u{0}" + facts.sourceText, facts.targetText, page.path, location, facts.id))
        }
        return result
    }

    /// Every page's findings (in page order), with the sentences translated more than one way.
    func report(_ pages: [PageFindings]) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        // Source sentence → its translations → where each is first used, and how often (changed in
        // place: copying a sentence's variants for every unit was quadratic in them).
        var translations: [String: [String: (file: String, location: SourceLocation, unit: String, count: Int)]] = [:]
        for page in pages {
            findings += page.findings
            for use in page.uses {
                translations[use.key, default: [:]][use.target, default: (use.file, use.location, use.unit, 0)].count += 1
            }
        }
        // A sentence with more than one translation: every translation but the most used one is reported
        // where it first occurs, naming the most used one.
        for (key, variants) in translations where variants.count > 1 {
            let source = String(key[key.index(after: key.firstIndex(of: "\u{0}")!)...])
            let ranked = variants.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
            let (main, mainPlace) = ranked[0]
            for (variant, place) in ranked.dropFirst() {
                findings.append(finding(.inconsistentTranslation, file: place.file, at: place.location, unit: place.unit,
                                        "\"\(Self.clip(source))\" is translated \"\(Self.clip(variant))\" here and \"\(Self.clip(main))\" in \(mainPlace.count) other place\(mainPlace.count == 1 ? "" : "s") (first at \(mainPlace.file):\(mainPlace.location.line))"))
            }
        }
        return findings.compactMap(config.apply).sortedForReport()
    }

    /// The checks of one unit.
    func check(_ facts: UnitFacts, file: String, at location: SourceLocation) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if facts.targetText.isEmpty && facts.sourceText.isEmpty { return [] }
        if facts.targetText.isEmpty {
            return [finding(.emptyTarget, file: file, at: location, unit: facts.id, "unit \(facts.id) has no translation; the source is \"\(Self.clip(facts.sourceText))\"")]
        }
        if facts.sourceText.isEmpty {
            return [finding(.emptySource, file: file, at: location, unit: facts.id, "unit \(facts.id) has no source text; the translation is \"\(Self.clip(facts.targetText))\"")]
        }
        if facts.targetText == facts.sourceText, facts.sourceText.unicodeScalars.contains(where: { $0.properties.isAlphabetic }),
           !Self.isCodeOrAbbreviation(facts.sourceText), !config.isDoNotTranslate(facts.sourceText, names: locale.sameNames, words: locale.targetWords) {
            found.append(finding(.untranslated, file: file, at: location, unit: facts.id, "unit \(facts.id) is not translated: \"\(Self.clip(facts.sourceText))\""))
        }
        if facts.targetMarkup != facts.sourceMarkup {
            found.append(finding(.markupDiffers, file: file, at: location, unit: facts.id,
                                 "unit \(facts.id) has \(Self.describe(facts.targetMarkup)) in the translation and \(Self.describe(facts.sourceMarkup)) in the source"))
        }
        if facts.targetLinks.sorted() != facts.sourceLinks.sorted() {
            let missing = Self.difference(facts.sourceLinks, facts.targetLinks)
            let extra = Self.difference(facts.targetLinks, facts.sourceLinks)
            var parts: [String] = []
            if !missing.isEmpty { parts.append("the source links to \(missing.joined(separator: ", ")) and the translation does not") }
            if !extra.isEmpty { parts.append("the translation links to \(extra.joined(separator: ", ")) and the source does not") }
            if !parts.isEmpty { found.append(finding(.linkDiffers, file: file, at: location, unit: facts.id, "unit \(facts.id): " + parts.joined(separator: "; "))) }
        }
        if let (targetNumbers, sourceNumbers) = locale.numbersDiffer(source: facts.sourceText, target: facts.targetText) {
            found.append(finding(.numberDiffers, file: file, at: location, unit: facts.id,
                                 "unit \(facts.id) has the numbers [\(targetNumbers.joined(separator: ", "))] in the translation and [\(sourceNumbers.joined(separator: ", "))] in the source"))
        }
        if facts.targetEdges != facts.sourceEdges {
            found.append(finding(.whitespaceDiffers, file: file, at: location, unit: facts.id,
                                 "unit \(facts.id): the translation \(Self.describe(facts.targetEdges)), the source \(Self.describe(facts.sourceEdges))"))
        }
        return found
    }

    private func finding(_ code: DiagnosticCode, file: String, at location: SourceLocation, unit: String? = nil, _ message: String) -> Diagnostic {
        Diagnostic(file: file, location: location, code: code, stage: .resolve, message: message, unit: unit)
    }

    // MARK: Text helpers

    /// A single word that is the same in every language: a code or abbreviation (`USD`, `SKU`, `X`,
    /// `No`), an identifier (`CustomerName`, `api_key`, `E3`). Such units are not reported as untranslated.
    static func isCodeOrAbbreviation(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace) else { return false }
        let letters = text.filter(\.isLetter)
        if letters.count <= 2 { return true }
        if letters.allSatisfy(\.isUppercase) { return true }
        if text.contains(where: { $0.isNumber || $0 == "_" }) { return true }
        // camelCase or PascalCase: an upper-case letter right after a lower-case one.
        return zip(text, text.dropFirst()).contains { $0.isLowercase && $1.isUppercase }
    }

    static func clip(_ s: String, _ limit: Int = 80) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }

    static func describe(_ markup: UnitFacts.Markup) -> String {
        let parts = [(markup.strong, "bold"), (markup.emphasis, "italic"), (markup.code, "code"), (markup.links, "link"),
                     (markup.images, "image"), (markup.breaks, "line break")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "no markup" : parts.joined(separator: ", ")
    }

    static func describe(_ edges: UnitFacts.Edges) -> String {
        switch (edges.leading, edges.trailing) {
        case (false, false): return "has no space at either end"
        case (true, false): return "starts with a space"
        case (false, true): return "ends with a space"
        case (true, true): return "starts and ends with a space"
        }
    }

    /// The items of `a` not matched one for one in `b` (a multiset difference, in `a`'s order), in linear time.
    static func difference(_ a: [String], _ b: [String]) -> [String] {
        var rest: [String: Int] = [:]
        for item in b { rest[item, default: 0] += 1 }
        var result: [String] = []
        for item in a {
            if let left = rest[item], left > 0 { rest[item] = left - 1 } else { result.append(item) }
        }
        return result
    }
}

/// What the checks compare of one unit, worked out once.
struct UnitFacts {
    struct Markup: Equatable {
        var strong = 0, emphasis = 0, code = 0, links = 0, images = 0, breaks = 0
    }

    struct Edges: Equatable {
        var leading = false, trailing = false
    }

    let id: String
    /// Plain text, whitespace collapsed.
    let targetText: String
    let sourceText: String
    let targetMarkup: Markup
    let sourceMarkup: Markup
    let targetLinks: [String]
    let sourceLinks: [String]
    let targetEdges: Edges
    let sourceEdges: Edges

    init(_ unit: TranslationUnit) {
        id = unit.id
        var target = SideFacts()
        target.walk(unit.target)
        var source = SideFacts()
        source.walk(unit.source)
        targetText = PlainText.collapseWhitespace(target.text)
        sourceText = PlainText.collapseWhitespace(source.text)
        targetMarkup = target.markup
        sourceMarkup = source.markup
        targetLinks = target.links
        sourceLinks = source.links
        targetEdges = Edges(leading: target.text.first?.isWhitespace ?? false, trailing: target.text.last?.isWhitespace ?? false)
        sourceEdges = Edges(leading: source.text.first?.isWhitespace ?? false, trailing: source.text.last?.isWhitespace ?? false)
    }
}

/// One side of a unit: its text (whitespace as written), markup counts and link addresses.
private struct SideFacts: ModelWalker {
    var text = ""
    var markup = UnitFacts.Markup()
    var links: [String] = []

    mutating func visit(_ inline: Inline) {
        switch inline.kind {
        case .text(let s): text += s
        case .code(let s): text += s; markup.code += 1
        case .emphasis: markup.emphasis += 1
        case .strong: markup.strong += 1
        case .link(let link): markup.links += 1; links.append(link.destination)
        case .image: markup.images += 1
        case .lineBreak: markup.breaks += 1; text += " "
        case .softBreak: text += " "
        case .html(let raw):
            if raw.hasPrefix("<") {
                let lower = raw.lowercased()
                if lower.hasPrefix("<a "), let href = HTMLTag.attributes(in: raw.dropFirst(2)).first(where: { $0.name == "href" })?.value {
                    markup.links += 1
                    links.append(href)
                } else if lower.hasPrefix("<b>") || lower.hasPrefix("<strong") {
                    markup.strong += 1
                } else if lower.hasPrefix("<i>") || lower.hasPrefix("<em") {
                    markup.emphasis += 1
                } else if lower.hasPrefix("<br") {
                    markup.breaks += 1; text += " "
                }
            } else {
                text += HTMLText.textContent(ofRawHTML: raw)
            }
        case .unit, .strikethrough:
            break
        }
        descend(into: inline)
    }
}
