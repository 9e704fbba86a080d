import Foundation
import Yams

/// Zone pivots (Learn's markdown reference, "Zone pivots"): a docset's `zone-pivot-groups.yml` (at its
/// root) defines groups, each an `id`, a `title`, a `prompt` and its `pivots` (`id`, `title`); a page
/// names its groups in front matter (`zone_pivot_groups: a, b`), and its `::: zone pivot="x,y"` blocks
/// show while one of their pivots is chosen in the page's pivot picker (the first of each group at
/// first; `?pivots=` keeps the choice, as on Learn). A pivot no group of the page defines, or a group
/// the docset does not define, is a located warning (DG606); the blocks are still shown, labelled.
struct ZonePivots: Sendable, Equatable {
    static let fileName = "zone-pivot-groups.yml"

    struct Group: Sendable, Hashable {
        var id: String
        var title: String
        var prompt: String
        var pivots: [Pivot]
    }

    /// One choice of a group: its id (what `::: zone pivot=` names) and its title (what the picker shows).
    struct Pivot: Sendable, Hashable {
        var id: String
        var title: String
    }

    /// Each docset's groups by id, by index into `SiteStructure.docsets`.
    var groups: [Int: [String: Group]] = [:]

    /// Reads every docset's `zone-pivot-groups.yml`.
    static func collect(site: SiteStructure, reader: any PageReader) -> (ZonePivots, [Diagnostic]) {
        var result = ZonePivots()
        var diagnostics: [Diagnostic] = []
        for (index, docset) in site.docsets.enumerated() {
            let path = docset.source.isEmpty ? fileName : docset.source + "/" + fileName
            guard let actual = site.files.first(where: { $0.lowercased() == path.lowercased() }) else { continue }
            switch reader.read(actual) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let source):
                do {
                    let node = try YAMLLoader.compose(String(decoding: source.bytes, as: UTF8.self))
                    var groups: [String: Group] = [:]
                    for group in node?.mapping?["groups"]?.sequence ?? [] {
                        guard let map = group.mapping, let id = map["id"]?.string else { continue }
                        let pivots = (map["pivots"]?.sequence ?? []).compactMap { pivot -> Pivot? in
                            guard let id = pivot.mapping?["id"]?.string else { return nil }
                            return Pivot(id: id, title: pivot.mapping?["title"]?.string ?? id)
                        }
                        groups[id] = Group(id: id, title: map["title"]?.string ?? id, prompt: map["prompt"]?.string ?? map["title"]?.string ?? id, pivots: pivots)
                    }
                    result.groups[index] = groups
                } catch {
                    diagnostics.append(YAMLLoader.diagnostic(error, file: actual, code: .docsetConfig, what: "zone pivot groups file", stage: .resolve))
                }
            }
        }
        return (result, diagnostics)
    }

    /// The groups a page names (`zone_pivot_groups`), those its docset defines, in the order named.
    func groups(of page: Page, docset: Int?) -> (found: [Group], unknown: [String]) {
        let names = (page.metadata["zone_pivot_groups"]?.string ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let defined = groups[docset ?? -1] ?? [:]
        return (names.compactMap { defined[$0] }, names.filter { defined[$0] == nil })
    }

    /// DG606 for each pivot of the page's zones that its groups do not define, and each group the
    /// page names that the docset does not define (located at the `zone_pivot_groups` key of the
    /// page's front matter, read from `bytes`, the page's file).
    func check(_ page: Page, docset: Int?, bytes: [UInt8]) -> [Diagnostic] {
        var finder = ZoneFinder()
        finder.walk(page.blocks)
        guard !finder.zones.isEmpty || page.metadata["zone_pivot_groups"] != nil else { return [] }
        let (found, unknown) = groups(of: page, docset: docset)
        var diagnostics = unknown.map { name in
            Diagnostic(file: page.path, location: FrontMatter.location(ofKey: "zone_pivot_groups", in: bytes) ?? SourceLocation(line: 1, column: 1),
                       code: .unknownPivot, stage: .resolve,
                       message: "zone_pivot_groups names \"\(name)\", which the docset's \(Self.fileName) does not define")
        }
        let known = Set(found.flatMap { $0.pivots.map(\.id) })
        for (pivots, location) in finder.zones {
            for pivot in pivots where !known.contains(pivot) {
                diagnostics.append(Diagnostic(file: page.path, location: location, code: .unknownPivot, stage: .resolve,
                                              message: "the zone's pivot \"\(pivot)\" is in none of the page's pivot groups\(found.isEmpty ? " (it names none the docset defines)" : ""); the zone is shown with the others"))
            }
        }
        return diagnostics
    }
}

private struct ZoneFinder: ModelWalker {
    var zones: [([String], SourceLocation)] = []

    mutating func visit(_ block: Block) {
        if case .zone(let zone) = block.kind { zones.append((zone.pivots, block.range.start)) }
        descend(into: block)
    }

    mutating func visit(_ inline: Inline) {}
}
