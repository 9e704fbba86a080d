/// Walks a page's tree in document order, like swift-markdown's `MarkupWalker`.
/// Override `visit(_:)` for the nodes you care about and call `descend(into:)` to go on below them.
public protocol ModelWalker {
    mutating func visit(_ block: Block)
    mutating func visit(_ inline: Inline)
}

extension ModelWalker {
    public mutating func visit(_ block: Block) { descend(into: block) }
    public mutating func visit(_ inline: Inline) { descend(into: inline) }

    // Indices rather than for-in: an iterator hands out copies, a subscript lends the element.
    public mutating func walk(_ blocks: [Block]) {
        for index in blocks.indices { visit(blocks[index]) }
    }

    public mutating func walk(_ inlines: [Inline]) {
        for index in inlines.indices { visit(inlines[index]) }
    }

    /// Visits the children of a block: nested blocks, or the inlines of a leaf block.
    public mutating func descend(into block: Block) {
        switch block.kind {
        case .heading(let h): walk(h.content)
        case .paragraph(let c), .html(let c): walk(c)
        case .list(let list): for item in list.items { walk(item.blocks) }
        case .alert(let alert): walk(alert.blocks)
        case .blockquote(let blocks): walk(blocks)
        case .section(let section): walk(section.blocks)
        case .tabGroup(let group):
            for tab in group.tabs {
                walk(tab.title)
                walk(tab.blocks)
            }
        case .moniker(let moniker): walk(moniker.blocks)
        case .zone(let zone): walk(zone.blocks)
        case .row(let row): for column in row.columns { walk(column.blocks) }
        case .table(let table):
            for cell in table.header { walk(cell.content) }
            for row in table.rows { for cell in row { walk(cell.content) } }
        case .figure(let figure): walk(figure.description)
        case .codeBlock, .codeSnippet, .thematicBreak, .video: break
        }
    }

    /// Visits the children of an inline; for a unit, its target and then its source.
    public mutating func descend(into inline: Inline) {
        switch inline.kind {
        case .emphasis(let c), .strong(let c), .strikethrough(let c): walk(c)
        case .link(let link): walk(link.children)
        case .image(let image): walk(image.alt)
        case .unit(let unit):
            walk(unit.target)
            walk(unit.source)
        case .text, .code, .html, .softBreak, .lineBreak: break
        }
    }
}
