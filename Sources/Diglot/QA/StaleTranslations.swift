import Foundation

/// The current English of a docset's pages, keyed by each page's content path (`partner-center/x.md`:
/// its path from the top of the content folder, which is how pages are matched across locales):
/// what a translation is compared with to tell whether the English it was made from has changed
/// since (`StaleTranslations`).
///
/// Made by `StaleTranslations.currentEnglish(englishDocset:)` (an English docset: plain markdown
/// pages without units) or `StaleTranslations.currentEnglish(fromLocales:)` (other locales' content
/// folders: each page's newest English among them), or built by hand from `Page`s. A build takes it in
/// `BuildOptions.currentEnglish`.
public struct CurrentEnglish: Sendable, Codable {
    /// One page's current English.
    public struct Page: Sendable, Codable {
        /// The page's content path (the key).
        public var path: String
        /// Where the text was read: `en-US` for an English docset, or the locale (`fr-FR`) whose units'
        /// source texts gave it.
        public var origin: String
        /// The page's English in document order, as plain text with whitespace collapsed: each unit's
        /// source text (from a locale), or each sentence of the page's text (from an English docset:
        /// every heading, paragraph, table cell… cut after `.`, `!` or `?` before a space).
        public var sentences: [String]
        /// The page's English title.
        public var title: String
        /// `ms.lasthandoff` and `ms.date` of the page it was read from, as written.
        public var lastHandoff: String?
        public var date: String?
        /// Where a site shows this English, when it has it: an absolute address, or a path from the
        /// site's top (`en-us/partner-center/x.html`). A translation's notice links there; nil (a
        /// single-locale build, which has no page of the current English) shows the current English
        /// sentence by sentence in the side-by-side view instead.
        public var address: String?

        /// The sentences normalized (`StaleTranslations.normalize`), and all of them as one text
        /// with a space at each end, for the comparison.
        let normalizedSentences: [String]
        let text: [UInt8]

        public init(path: String, origin: String, sentences: [String], title: String = "", lastHandoff: String? = nil, date: String? = nil,
                    address: String? = nil) {
            self.path = path
            self.origin = origin
            self.sentences = sentences
            self.title = title
            self.lastHandoff = lastHandoff
            self.date = date
            self.address = address
            normalizedSentences = sentences.map(StaleTranslations.normalize)
            text = StaleTranslations.joined(normalizedSentences)
        }

        private enum CodingKeys: String, CodingKey { case path, origin, sentences, title, lastHandoff, date, address }

        /// Decoded as written by `encode(to:)`; the normalized text is made again.
        public init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: CodingKeys.self)
            self.init(path: try values.decode(String.self, forKey: .path), origin: try values.decode(String.self, forKey: .origin),
                      sentences: try values.decode([String].self, forKey: .sentences), title: try values.decode(String.self, forKey: .title),
                      lastHandoff: try values.decodeIfPresent(String.self, forKey: .lastHandoff), date: try values.decodeIfPresent(String.self, forKey: .date),
                      address: try values.decodeIfPresent(String.self, forKey: .address))
        }

        public func encode(to encoder: any Encoder) throws {
            var values = encoder.container(keyedBy: CodingKeys.self)
            try values.encode(path, forKey: .path)
            try values.encode(origin, forKey: .origin)
            try values.encode(sentences, forKey: .sentences)
            try values.encode(title, forKey: .title)
            try values.encodeIfPresent(lastHandoff, forKey: .lastHandoff)
            try values.encodeIfPresent(date, forKey: .date)
            try values.encodeIfPresent(address, forKey: .address)
        }
    }

    /// Every page, by content path.
    public private(set) var pages: [String: Page]
    /// What the English was read from, for messages and the report (`the English docset ../en-us`,
    /// `the newest of es-ES, fr-FR, ko-KR`).
    public var name: String
    /// The site's English view shows this English (a multilingual build's reference is the newest
    /// English among its languages, which is what its English view takes): a stale page's notices
    /// link to its English page.
    public var shownInEnglishView = false
    /// Paths in lower case, for a page whose path differs only in case (a repository made on Windows).
    private let folded: [String: String]

    public init(pages: [Page], name: String) {
        var byPath: [String: Page] = [:]
        for page in pages where byPath[page.path] == nil { byPath[page.path] = page }
        self.pages = byPath
        self.name = name
        var folded: [String: String] = [:]
        for path in byPath.keys.sorted() where folded[path.lowercased()] == nil { folded[path.lowercased()] = path }
        self.folded = folded
    }

    private enum CodingKeys: String, CodingKey { case pages, name, shownInEnglishView }

    /// Decoded as written by `encode(to:)` (the pages in path order).
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(pages: try values.decode([Page].self, forKey: .pages), name: try values.decode(String.self, forKey: .name))
        shownInEnglishView = try values.decode(Bool.self, forKey: .shownInEnglishView)
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(pages.keys.sorted().map { pages[$0]! }, forKey: .pages)
        try values.encode(name, forKey: .name)
        try values.encode(shownInEnglishView, forKey: .shownInEnglishView)
    }

    /// The page at `path`, or at the path that differs from it only in case.
    public func page(_ path: String) -> Page? {
        pages[path] ?? folded[path.lowercased()].flatMap { pages[$0] }
    }

    /// A fingerprint of everything the comparison and the views read of it (the build cache's key).
    public var fingerprint: String {
        var text = name + "\t\(shownInEnglishView)\n"
        for path in pages.keys.sorted() {
            let page = pages[path]!
            text += [path, page.origin, page.title, page.lastHandoff ?? "", page.date ?? "", page.address ?? ""].joined(separator: "\t") + "\n"
            text += page.sentences.joined(separator: "\u{1}") + "\n"
        }
        return String(FastHash.hash(Array(text.utf8)), radix: 16)
    }
}

/// Stale-translation detection (issue 13): each sentence of a translation carries the English it was
/// translated from (its unit's source span); compared with the current English of its page, a sentence
/// whose English is no longer there was translated from an older text, and so may be outdated.
///
/// **The rule.** A unit is *stale* when its source text, normalized, does not occur in its page's
/// current English, normalized, at word boundaries (anywhere in the page, not at the same place: a
/// sentence that moved, or a page whose sentences were split or joined otherwise, is not stale). A
/// page is stale when any of its units is. A page of the current English that the translation does
/// not have is *untranslated*; a page of the translation the current English does not have is not
/// compared. A unit whose normalized source is empty (only punctuation) is never stale.
///
/// **Normalized** (`normalize`): the plain text of the inlines (markup dropped, link text and image
/// alt text kept, entities decoded, as `PlainText`), compatibility-folded (Unicode NFKC: no-break and
/// other spaces, full-width forms, ligatures), in lower case, and every run of characters that are not
/// letters, marks or digits (punctuation, symbols, quotes of any kind, dashes, whitespace) made one
/// space. So a change of punctuation, quotes, case, emphasis or of a link's address alone does not make
/// a sentence stale; a changed, added or removed word or number does.
///
/// **The current English of a stale sentence** is found among the page's current sentences that do
/// not occur in the translation's English (the new ones): the one sharing the most words with it (Dice
/// coefficient of the two sets of words, at least 0.4; the nearest in relative position on a tie). None
/// such: the sentence was removed, or rewritten past recognition.
public enum StaleTranslations {
    // MARK: The current English

    /// The current English from an English docset (`--source en-US=DIR`): its pages (by the docsets'
    /// rules, as a build takes them; includes expanded), each page's sentences from its plain text.
    /// The folder is read as content is (`ContentFolder`: contained, links and sizes checked).
    /// - Throws: `DiglotError.contentFolderMissing` when `englishDocset` is not a folder.
    public static func currentEnglish(englishDocset: URL, locale: String = "en-US") throws -> CurrentEnglish {
        let pages = try models(in: englishDocset).map { page in
            CurrentEnglish.Page(path: page.path, origin: locale, sentences: sentences(ofText: page), title: PageTitle.source(page),
                                lastHandoff: page.metadata["ms.lasthandoff"]?.string, date: page.metadata.date)
        }
        return CurrentEnglish(pages: pages, name: "the \(locale) docset \(englishDocset.standardizedFileURL.lastPathComponent)")
    }

    /// The current English from other locales' content folders: for each page, the English of the
    /// locale whose page was handed off last (`ms.lasthandoff`, then `ms.date`, each `MM/dd/yyyy` or
    /// `yyyy-MM-dd`; a page without a date is the oldest; on a tie, the locale given first), taken from
    /// that page's units' source texts. Pages without units (human translations) give no English.
    public static func currentEnglish(fromLocales locales: [(locale: String, content: URL)]) throws -> CurrentEnglish {
        try currentEnglish(fromModels: locales.map { ($0.locale, try models(in: $0.content)) })
    }

    /// `currentEnglish(fromLocales:)` from each locale's pages, read already (`models(in:)`).
    static func currentEnglish(fromModels locales: [(locale: String, pages: [Page])]) -> CurrentEnglish {
        var newest: [String: (page: CurrentEnglish.Page, key: [Int])] = [:]
        for (locale, pages) in locales {
            for page in pages {
                let units = page.units
                guard !units.isEmpty else { continue }
                let key = handoffKey(page.metadata)
                if let known = newest[page.path], !known.key.lexicographicallyPrecedes(key) { continue }  // not newer: the first given stays
                newest[page.path] = (CurrentEnglish.Page(path: page.path, origin: locale, sentences: units.map { englishText($0.source) },
                                                         title: PageTitle.source(page), lastHandoff: page.metadata["ms.lasthandoff"]?.string,
                                                         date: page.metadata.date), key)
            }
        }
        return CurrentEnglish(pages: newest.values.map(\.page), name: "the newest of " + locales.map(\.locale).joined(separator: ", "))
    }

    /// A page's `ms.lasthandoff` then `ms.date` as `[year, month, day]` each (zeros when absent or not a date).
    private static func handoffKey(_ metadata: Metadata) -> [Int] {
        ["ms.lasthandoff", "ms.date"].flatMap { key -> [Int] in
            guard let day = metadata[key]?.string.flatMap(Metadata.day(of:)) else { return [0, 0, 0] }
            return [day.year, day.month, day.day]
        }
    }

    /// The pages of a content folder as a build reads them: listed and read through `ContentFolder`,
    /// docsets from `docfx.json` and the publish config, parsed, includes expanded; in path order.
    static func models(in folder: URL) throws -> [Page] {
        let listing = try ContentFolder.list(folder)
        let files = listing.files
        let (docsets, _) = DocsetLoader.docsets(files: files) { ContentFolder.text($0, in: folder).text }
        var site = SiteStructure(docsets: docsets, files: files)
        let pageSet = Set(site.pages)
        for path in files where path.lowercased().hasSuffix(".md") && !pageSet.contains(path) {
            if case .success(let file) = ContentFolder.read(path, in: folder) { site.otherMarkdown[path] = file.bytes }
        }
        let resolved = SiteResolver.resolve(pages: site.pages, reader: FolderPageReader(content: folder), site: site, targetLocale: nil,
                                            invitations: nil, includeSiteBudget: Includes.maxSiteExpandedBytes)
        return ConcurrentMap.map(resolved.pages) { resolved.source.model(of: $0.path) }
    }

    /// The sentences of a page's text (its English side: each unit's source): every leaf block's plain
    /// text (a heading, a paragraph, a table cell, a tab's title, a figure's alt text; not code) cut into
    /// sentences after `.`, `!` or `?` that a space follows.
    static func sentences(ofText page: Page) -> [String] {
        var collector = TextCollector()
        collector.walk(page.blocks)
        return collector.texts.flatMap(splitSentences)
    }

    private struct TextCollector: ModelWalker {
        var texts: [String] = []

        mutating func add(_ inlines: [Inline]) {
            // A line break (`<br>` in a table cell) ends a sentence.
            for line in StaleTranslations.englishText(inlines, breaks: "\u{2029}").split(separator: "\u{2029}") {
                let text = PlainText.collapseWhitespace(String(line))
                if !text.isEmpty { texts.append(text) }
            }
        }

        mutating func visit(_ block: Block) {
            switch block.kind {
            case .heading(let heading): add(heading.content)
            case .paragraph(let inlines), .html(let inlines): add(inlines)
            case .table(let table):
                for cell in table.header { add(cell.content) }
                for row in table.rows { for cell in row { add(cell.content) } }
            case .tabGroup(let group):
                for tab in group.tabs { add(tab.title); walk(tab.blocks) }
            case .figure(let figure):
                if !figure.altText.isEmpty { texts.append(PlainText.collapseWhitespace(figure.altText)) }
                walk(figure.description)
            default: descend(into: block)
            }
        }

        mutating func visit(_ inline: Inline) {}
    }

    /// The English plain text of inlines, as the comparison reads it: `PlainText`'s (markup dropped,
    /// link text and alt text kept, entities decoded, whitespace collapsed), but of each unit's
    /// source, at any depth, with a space around each unit and for each tag of raw HTML (`Note<br>You`
    /// is two words).
    /// `breaks`: written for each line break (`<br>` too) instead of a space, and whitespace left as it is.
    static func englishText(_ inlines: [Inline], breaks: String? = nil) -> String {
        func append(_ inlines: [Inline], to out: inout String) {
            for inline in inlines {
                switch inline.kind {
                case .text(let text), .code(let text): out += text
                case .emphasis(let children), .strong(let children), .strikethrough(let children): append(children, to: &out)
                case .link(let link): append(link.children, to: &out)
                case .image(let image): append(image.alt, to: &out)
                case .html(let raw) where raw.hasPrefix("<"):
                    out += breaks != nil && raw.lowercased().hasPrefix("<br") ? breaks! : " " + HTMLText.textContent(ofRawHTML: raw) + " "
                case .html(let raw): out += HTMLText.textContent(ofRawHTML: raw)
                case .lineBreak: out += breaks ?? " "
                case .softBreak: out += " "
                case .unit(let unit):
                    // A unit is a sentence or phrase of its own: it never shares a word with the text beside it.
                    out += " "
                    append(unit.source, to: &out)
                    out += " "
                }
            }
        }
        var text = ""
        append(inlines, to: &text)
        return breaks == nil ? PlainText.collapseWhitespace(text) : text
    }

    /// Text cut after `.`, `!` or `?` (and any closing quotes or brackets) that whitespace follows.
    static func splitSentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var ended = false
        for character in text {
            if ended, character == " " {
                sentences.append(current)
                current = ""
                ended = false
                continue
            }
            current.append(character)
            if ".!?".contains(character) { ended = true } else if !")]\"'”’»".contains(character) { ended = false }
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences
    }

    // MARK: Normalizing

    /// Text as the comparison sees it: NFKC, lower case, every run of characters that are not letters,
    /// marks or digits one space, no space at either end (see the type's rule).
    public static func normalize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            let kept: Bool
            switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
                kept = true
            default:
                kept = false
            }
            if kept {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSpace = !out.isEmpty
            }
        }
        return out
    }

    /// Normalized sentences as one text, a space between and at each end.
    static func joined(_ normalized: [String]) -> [UInt8] {
        var text: [UInt8] = [0x20]
        for sentence in normalized where !sentence.isEmpty {
            text += sentence.utf8
            text.append(0x20)
        }
        return text
    }

    /// Whether `text` (spaces at its ends) holds the normalized `sentence` as whole words.
    static func occurs(_ sentence: String, in text: [UInt8]) -> Bool {
        let needle = Array((" " + sentence + " ").utf8)
        guard needle.count <= text.count else { return false }
        // memchr for the needle's first byte (a space), then memcmp.
        return text.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                guard let base = haystack.baseAddress, let start = needle.baseAddress else { return false }
                let last = haystack.count - needle.count
                var at = 0
                while at <= last, let found = memchr(base + at, Int32(start[0]), last - at + 1) {
                    let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + index, start, needle.count) == 0 { return true }
                    at = index + 1
                }
                return false
            }
        }
    }

    // MARK: The comparison

    /// One sentence whose English has changed.
    public struct StaleUnit: Sendable, Hashable {
        /// The unit's id.
        public var id: String
        /// Where the unit starts (in its page's file, or in the include it came from).
        public var location: SourceLocation
        /// The English it was translated from (its source text), and its translation, as plain text.
        public var translatedFrom: String
        public var translation: String
        /// The sentence of the current English that replaced it, when one is found.
        public var current: String?
    }

    /// A translated page compared with its current English.
    public struct PageResult: Sendable {
        public var path: String
        /// The page's units, and those that are stale, in document order.
        public var units: Int
        public var stale: [StaleUnit]
        /// The current English it was compared with: where it came from, when it was handed off, where a site shows it.
        public var origin: String
        public var lastHandoff: String?
        public var address: String?

        public var isStale: Bool { !stale.isEmpty }
    }

    /// `page` (its units, includes expanded as built) against its current English; nil when the
    /// current English has no such page or the page has no units (nothing to compare).
    public static func compare(_ page: Page, with current: CurrentEnglish) -> PageResult? {
        guard let english = current.page(page.path) else { return nil }
        var collector = UnitCollector()
        collector.walk(page.blocks)
        guard !collector.units.isEmpty else { return nil }
        let exact = Set(english.normalizedSentences)
        let sources = collector.units.map { normalize(englishText($0.unit.source)) }
        var stale: [(index: Int, unit: StaleUnit)] = []
        var noted = Set<String>()
        for (index, (unit, location)) in collector.units.enumerated() {
            let source = sources[index]
            guard !source.isEmpty, !exact.contains(source), !occurs(source, in: english.text), noted.insert(unit.id).inserted else { continue }
            stale.append((index, StaleUnit(id: unit.id, location: location, translatedFrom: englishText(unit.source),
                                           translation: PlainText.of(unit.target), current: nil)))
        }
        if !stale.isEmpty {
            // The new sentences: those of the current English that the translation's English lacks.
            let old = joined(sources)
            let fresh = english.normalizedSentences.indices.filter { index in
                let sentence = english.normalizedSentences[index]
                return !sentence.isEmpty && !occurs(sentence, in: old)
            }
            let freshWords = fresh.map { Set(english.normalizedSentences[$0].split(separator: " ")) }
            for item in stale.indices {
                let words = Set(sources[stale[item].index].split(separator: " "))
                let position = Double(stale[item].index) / Double(max(1, sources.count))
                var best: (score: Double, distance: Double, sentence: Int)? = nil
                for (candidate, other) in zip(fresh, freshWords) {
                    let score = 2 * Double(words.intersection(other).count) / Double(words.count + other.count)
                    let distance = abs(Double(candidate) / Double(max(1, english.sentences.count)) - position)
                    if score >= 0.4, best == nil || score > best!.score || (score == best!.score && distance < best!.distance) {
                        best = (score, distance, candidate)
                    }
                }
                stale[item].unit.current = best.map { english.sentences[$0.sentence] }
            }
        }
        return PageResult(path: page.path, units: collector.units.count, stale: stale.map(\.unit), origin: english.origin,
                          lastHandoff: english.lastHandoff, address: english.address)
    }

    /// A locale's pages against the current English: the counts and lists the report page shows.
    public struct Report: Sendable {
        /// The current English's name (`CurrentEnglish.name`).
        public var reference: String
        /// The locale's pages, and those of them the current English has (compared).
        public var pages: Int
        public var compared: Int
        /// The stale pages, in path order.
        public var stalePages: [PageResult]
        /// The pages of the current English the locale does not have, in path order.
        public var untranslated: [CurrentEnglish.Page]

        public var staleSentences: Int { stalePages.reduce(0) { $0 + $1.stale.count } }
    }

    /// The report of a locale whose pages are `pages` (content paths) and whose comparisons are `results`.
    public static func report(pages: [String], results: [PageResult], current: CurrentEnglish) -> Report {
        let have = Set(pages.map { $0.lowercased() })
        let untranslated = current.pages.keys.sorted().filter { !have.contains($0.lowercased()) }.map { current.pages[$0]! }
        return Report(reference: current.name, pages: pages.count, compared: pages.filter { current.page($0) != nil }.count,
                      stalePages: results.filter(\.isStale).sorted { $0.path < $1.path }, untranslated: untranslated)
    }

    /// A locale's content folder, read as a build reads it, against the current English: the report
    /// a build of it would write, without building (a build of several locales, or a test, counts with it).
    public static func report(content: URL, against current: CurrentEnglish) throws -> Report {
        report(pages: try models(in: content), against: current)
    }

    /// The report of a locale's pages, read already (`models(in:)`).
    static func report(pages: [Page], against current: CurrentEnglish) -> Report {
        report(pages: pages.map(\.path), results: pages.compactMap { compare($0, with: current) }, current: current)
    }

    /// The report's findings, for `diglot check`: DG710 for each stale sentence (at its unit) and DG711
    /// for each untranslated page (at 1:1 of the path where its translation would be).
    public static func diagnostics(_ report: Report) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for page in report.stalePages {
            let handoff = page.lastHandoff.map { ", handed off \($0)" } ?? ""
            for unit in page.stale {
                let now = unit.current.map { "; it now reads \"\(TranslationQA.clip($0))\"" } ?? "; no sentence of it matches"
                found.append(Diagnostic(file: page.path, location: unit.location, code: .staleTranslation, stage: .resolve,
                                        message: "unit \(unit.id) was translated from \"\(TranslationQA.clip(unit.translatedFrom))\", which is not in the current English (\(page.origin)\(handoff))\(now)",
                                        unit: unit.id))
            }
        }
        for page in report.untranslated {
            found.append(Diagnostic(file: page.path, location: SourceLocation(line: 1, column: 1), code: .pageNotTranslated, stage: .resolve,
                                    message: "the current English has this page (\"\(TranslationQA.clip(page.title))\", \(page.origin)) and the translation does not"))
        }
        return found.sortedForReport()
    }
}
