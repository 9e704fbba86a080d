import DiglotModel
import Foundation

/// A cloud a customer may be in, as the page's cloud-types table and `invitations.yml` describe it.
public struct Cloud: Sendable, Equatable {
    public var id: String
    /// The cloud's name in the table's first column, by locale (the page's and English).
    public var names: [String: String]
    /// Where the customer accepts, from the table's second column, by locale.
    public var portals: [String: String]
    public var invitationURL: String?
    public var allowsNoDAP: Bool
    public var retired: String?

    /// The DAP variants a partner may send: with DAP always, without it only where allowed.
    public var dapVariants: [Bool] { allowsNoDAP ? [true, false] : [true] }
}

/// The clouds, read from the page's model: names and portals come from the table, in both languages.
public struct CloudCatalog: Sendable, Equatable {
    public var clouds: [Cloud]
    /// The locales drafts are made in: the page's two languages, those of them the config lists when
    /// it lists any.
    public var locales: [String]
    /// The page the clouds come from.
    public var page: String

    public func cloud(_ id: String) -> Cloud? { clouds.first { $0.id == id } }

    /// Reads the clouds out of `page`'s cloud-types table. `pageLocale` is the page's language
    /// (its targets; its `ms.contentlocale` as written, `ko-kr` for `ko-KR`), `sourceLocale` the
    /// English of its sources.
    public static func make(config: InvitationConfig, page: Page, pageLocale: String, sourceLocale: String = "en-US",
                            configFile: String = InvitationConfig.fileName) -> (CloudCatalog?, [Diagnostic]) {
        // Compared with the config's locales, which are canonical, and naming the drafts' folders.
        let pageLocale = LanguageTag.canonical(pageLocale) ?? pageLocale
        var diagnostics: [Diagnostic] = []
        let rows = tableRows(in: page.blocks)
        func firstColumnSource(_ row: [Block.TableCell]) -> String { PlainText.of(row[0].content.side(.source)) }
        // The cloud-types table is the one whose rows name every configured cloud.
        guard let table = rows.first(where: { table in
            config.clouds.allSatisfy { entry in table.contains { $0.count >= 2 && firstColumnSource($0).localizedCaseInsensitiveContains(entry.row) } }
        }) else {
            diagnostics.append(Diagnostic(file: page.path, location: SourceLocation(line: 1, column: 1), code: .cloudTableMissing, stage: .resolve,
                message: "no table of this page has a row for each cloud of \(configFile) (\(config.clouds.map(\.row).joined(separator: ", ")))"))
            return (nil, diagnostics)
        }
        var clouds: [Cloud] = []
        for entry in config.clouds {
            guard let row = table.first(where: { $0.count >= 2 && firstColumnSource($0).localizedCaseInsensitiveContains(entry.row) }) else {
                diagnostics.append(Diagnostic(file: configFile, location: entry.location, code: .cloudRowMissing, stage: .resolve,
                    message: "cloud \(entry.id): no row of the table in \(page.path) names \"\(entry.row)\""))
                continue
            }
            // A page in the source locale (en-US) names both the same: the translation's text wins. (A
            // dictionary literal with two equal keys traps: such a page crashed build, check and mail.)
            let names = Dictionary([(pageLocale, PlainText.of(row[0].content.side(.target))), (sourceLocale, PlainText.of(row[0].content.side(.source)))],
                                   uniquingKeysWith: { first, _ in first })
            let portals = Dictionary([(pageLocale, PlainText.of(row[1].content.side(.target))), (sourceLocale, PlainText.of(row[1].content.side(.source)))],
                                     uniquingKeysWith: { first, _ in first })
            if entry.invitationURL == nil {
                diagnostics.append(Diagnostic(file: configFile, location: entry.location, code: .invitationURLMissing, stage: .resolve,
                    message: "cloud \(entry.id) has no invitationURL (no public source gives it): its drafts carry the placeholder \(InvitationRequest.placeholderLink), "
                        + "marked for the partner to replace with the link from Partner Center; add the URL to \(configFile), or give it to diglot mail --invitation-url"))
            }
            clouds.append(Cloud(id: entry.id, names: names, portals: portals, invitationURL: entry.invitationURL,
                                allowsNoDAP: entry.allowsNoDAP, retired: entry.retired))
        }
        // Each locale once, though the page's locale be the source's (a page in en-US made its drafts twice).
        var locales: [String] = []
        for locale in config.locales ?? [pageLocale, sourceLocale] where (locale == pageLocale || locale == sourceLocale) && !locales.contains(locale) {
            locales.append(locale)
        }
        return (CloudCatalog(clouds: clouds, locales: locales, page: page.path), diagnostics)
    }

    /// Every table's body rows, in document order.
    private static func tableRows(in blocks: [Block]) -> [[[Block.TableCell]]] {
        var finder = TableFinder()
        finder.walk(blocks)
        return finder.tables
    }

    private struct TableFinder: ModelWalker {
        var tables: [[[Block.TableCell]]] = []

        mutating func visit(_ block: Block) {
            if case .table(let table) = block.kind { tables.append(table.rows) } else { descend(into: block) }
        }

        mutating func visit(_ inline: Inline) {}
    }
}
