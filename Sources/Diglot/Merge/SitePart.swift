import DiglotModel
import Foundation

/// One locale's part of a multilingual site (issue 13): what `diglot build --shard-output` (or each
/// locale of `diglot build --content L=DIR …`) writes beside the part's files, as JSON, for
/// `SiteMerger`. The part's files are those its `.diglot-manifest` lists; this says whose they are:
///
///     {"format": 1, "tool": "0.4.0", "locale": "es-ES", "sourceLocale": "en-US",
///      "baseURL": "https://docs.example.com/",
///      "pages": [{"path": "partner-center/x.html", "english": true,
///                 "handoff": "2021-05-13", "date": "2021-04-30"}, …],
///      "stale": {"pages": 379, "stalePages": 1, "staleSentences": 6, "untranslated": 0}}
///
/// `pages` are the part's pages by their path in each view's folder (the same in every locale: pages
/// are matched across locales by it), each with whether it has an English view and the days of its
/// `ms.lasthandoff` and `ms.date` (ISO 8601, absent when the page has none or an unreadable one),
/// by which the merge takes each page's newest English.
public struct SitePart: Codable, Sendable, Equatable {
    public static let fileName = OutputWriter.sitePartName
    public static let currentFormat = 1

    public struct Page: Codable, Sendable, Equatable {
        public var path: String
        public var english: Bool
        public var handoff: String?
        public var date: String?

        /// What orders two parts' English of one page: the later handoff, then the later `ms.date`.
        var age: String { (handoff ?? "") + "\u{0}" + (date ?? "") }
    }

    /// The counts of the part's report of stale translations (`StaleReport`), when it was compared
    /// with a current English: the merge's `stale/index.html` lists every language's.
    public struct StaleCounts: Codable, Sendable, Equatable {
        public var pages: Int
        public var stalePages: Int
        public var staleSentences: Int
        public var untranslated: Int
    }

    public var format: Int
    public var tool: String
    public var locale: String
    public var sourceLocale: String
    public var baseURL: String?
    public var pages: [Page]
    public var stale: StaleCounts?

    /// The part of a build (its pages' paths as the layout gives them).
    init(layout: SiteLayout, pages: [DiglotModel.Page], baseURL: String?, stale: StaleCounts? = nil) {
        self.stale = stale
        format = Self.currentFormat
        tool = ToolInfo.version
        locale = layout.targetLocale
        sourceLocale = layout.sourceLocale
        self.baseURL = baseURL
        func day(_ key: String, _ page: DiglotModel.Page) -> String? {
            page.metadata[key]?.string.flatMap(Metadata.day(of:)).map { String(format: "%04d-%02d-%02d", $0.year, $0.month, $0.day) }
        }
        self.pages = pages.map { page in
            Page(path: layout.pathInView(of: page.path), english: layout.hasSource(page.path),
                 handoff: day("ms.lasthandoff", page), date: day("ms.date", page))
        }
    }

    var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    /// The layout the part was built with: its folders (`es-es`, `sxs/es-es`, `en-us`).
    var layout: SiteLayout {
        var layout = SiteLayout(targetLocale: locale, sourceLocale: sourceLocale)
        layout.multilingual = true
        return layout
    }

    /// Reads a part's manifest from its folder. Throws `DiglotError.partInvalid` for one that is not
    /// there, is not a part's, is of another format or another version of Diglot, or names a
    /// locale that is not a usable language tag (the part's folders are named after it).
    static func read(from folder: URL) throws -> SitePart {
        let path = folder.standardizedFileURL.path
        guard let text = OutputDisk.ownFile(path + "/" + fileName) else {
            throw DiglotError.partInvalid(path, "it has no \(fileName): build it with diglot build --shard-output")
        }
        let part: SitePart
        do {
            part = try JSONDecoder().decode(SitePart.self, from: Data(text.utf8))
        } catch {
            throw DiglotError.partInvalid(path, "its \(fileName) cannot be read: \(error)")
        }
        guard part.format == currentFormat else { throw DiglotError.partInvalid(path, "its format is \(part.format), not \(currentFormat)") }
        guard part.tool == ToolInfo.version else {
            throw DiglotError.partInvalid(path, "it was built by Diglot \(String(part.tool.prefix(40)).debugDescription), not \(ToolInfo.version): build every part with one version")
        }
        // The site's address, when given, is an http(s) one (it leads every absolute alternate and sitemap entry).
        if let base = part.baseURL, !(base.hasPrefix("https://") || base.hasPrefix("http://")) || URL(string: base) == nil {
            throw DiglotError.partInvalid(path, "its site address \(String(base.prefix(200)).debugDescription) is not an http(s) address")
        }
        // The days that choose each page's English: calendar days, none after tomorrow (a part that
        // claims the year 9999 would take every page's English).
        let latest = Date().addingTimeInterval(86_400)
        for page in part.pages {
            for day in [page.handoff, page.date].compactMap({ $0 }) {
                guard day.utf8.count == 10, let parsed = Metadata.day(of: day),
                      let date = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                                year: parsed.year, month: parsed.month, day: parsed.day).date, date <= latest else {
                    throw DiglotError.partInvalid(path, "the page \(String(page.path.prefix(200)).debugDescription) has the day \(String(day.prefix(40)).debugDescription), not a day up to today (yyyy-MM-dd)")
                }
            }
        }
        guard LanguageTag.usableLocale(part.locale) == part.locale, LanguageTag.usableLocale(part.sourceLocale) == part.sourceLocale else {
            throw DiglotError.partInvalid(path, "its locale \(part.locale.debugDescription) or \(part.sourceLocale.debugDescription) is not a usable language tag")
        }
        return part
    }
}
