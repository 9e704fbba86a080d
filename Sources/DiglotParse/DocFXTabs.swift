import DiglotModel
import Foundation

/// DocFX's tab groups, grouped over the blocks cmark-gfm reads (parse stage, for `DocFXContainers`):
/// `# [Label](#tab/id)` headings and the blocks after each, up to a thematic break or the end of the
/// container. Sources: DocFX's markdown reference ("Tabs"); tab headings as DocFX's
/// `TabGroupAggregator` reads them (`^#tab/ID(+ID)*(/CONDITION)?$`, ids of `[A-Za-z0-9-]`).
enum DocFXTabs {
    /// A tab heading's id, condition and label: a heading that holds only a link to `#tab/…`, or only
    /// a unit whose source is such a link (its label then the unit, with each side's link text).
    static func tab(in heading: Block.Heading) -> (id: String, condition: String?, title: [Inline])? {
        let content = heading.content.filter { if case .text(let t) = $0.kind { return !t.allSatisfy(\.isWhitespace) } else { return true } }
        guard content.count == 1 else { return nil }
        switch content[0].kind {
        case .link(let link):
            return tabHref(link.destination).map { ($0.id, $0.condition, link.children) }
        case .unit(var unit):
            guard unit.source.count == 1, case .link(let source) = unit.source[0].kind, let href = tabHref(source.destination) else { return nil }
            unit.source = source.children
            if unit.target.count == 1, case .link(let target) = unit.target[0].kind { unit.target = target.children }
            return (href.id, href.condition, [Inline(.unit(unit), range: content[0].range)])
        default:
            return nil
        }
    }

    /// `#tab/id`, `#tab/a+b`, `#tab/id/condition` → id and condition.
    static func tabHref(_ href: String) -> (id: String, condition: String?)? {
        guard href.hasPrefix("#tab/") else { return nil }
        let parts = href.dropFirst(5).split(separator: "/", omittingEmptySubsequences: false)
        func isID(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }
        guard parts.count <= 2, parts[0].split(separator: "+", omittingEmptySubsequences: false).allSatisfy(isID) else { return nil }
        if parts.count == 2 {
            if parts[1].isEmpty { return (String(parts[0]), nil) }
            guard isID(parts[1]) else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
        return (String(parts[0]), nil)
    }

    /// Tab headings and the blocks after them, up to a thematic break (which the group takes) or the
    /// end of the container, as DocFX's `TabGroupAggregator` groups them.
    static func groups(_ blocks: [Block]) -> [Block] {
        guard blocks.contains(where: { if case .heading(let h) = $0.kind { return tab(in: h) != nil } else { return false } }) else { return blocks }
        var out: [Block] = []
        var index = 0
        while index < blocks.count {
            guard case .heading(let heading) = blocks[index].kind, var current = tab(in: heading) else {
                out.append(blocks[index])
                index += 1
                continue
            }
            let start = blocks[index].range.start
            var currentRange = blocks[index].range
            var tabs: [Block.Tab] = []
            var panel: [Block] = []
            var end = blocks[index].range.end
            index += 1
            func closeTab() {
                tabs.append(Block.Tab(id: current.id, condition: current.condition, title: current.title, blocks: panel,
                                      range: SourceRange(start: currentRange.start, end: end)))
                panel = []
            }
            while index < blocks.count {
                let block = blocks[index]
                if case .heading(let next) = block.kind, let nextTab = tab(in: next) {
                    closeTab()
                    current = nextTab
                    currentRange = block.range
                    end = block.range.end
                    index += 1
                    continue
                }
                index += 1
                end = block.range.end
                if case .thematicBreak = block.kind { break }
                panel.append(block)
            }
            closeTab()
            out.append(Block(.tabGroup(Block.TabGroup(tabs: tabs)), range: SourceRange(start: start, end: end)))
        }
        return out
    }
}
