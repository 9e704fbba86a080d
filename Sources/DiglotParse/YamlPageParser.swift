import DiglotContent
import DiglotModel
import Yams

/// DocFX's YAML pages: `### YamlMime:Landing` (title, summary, `landingContent` cards of link lists)
/// and `### YamlMime:FAQ` (metadata, title, summary, `sections` of questions whose answers are
/// markdown). Each becomes a model page: headings, paragraphs and lists, with the markdown parts
/// parsed like any page (so translation units in them are units) and positions from the YAML.
enum YamlPageParser {
    /// The page types Diglot builds.
    static let supported = ["Landing", "FAQ"]

    /// The `YamlMime` type named on the first line, if any.
    static func mimeType(_ text: Substring) -> String? {
        let firstLine = text.prefix { !$0.isNewline }
        let prefix = "### YamlMime:"
        guard firstLine.hasPrefix(prefix) else { return nil }
        return firstLine.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
    }

    static func parse(_ text: String, path: String, type: String, report: (DiagnosticCode, SourceLocation, String) -> Void) -> Page {
        let root: Node
        do {
            guard let node = try YAMLLoader.compose(text), node.mapping != nil else {
                report(.malformedFrontMatter, SourceLocation(line: 1, column: 1), "the \(type) page is not a YAML mapping")
                return Page(path: path, metadata: Metadata(), blocks: [])
            }
            root = node
        } catch {
            report(error.isLimit ? .yamlLimit : .malformedFrontMatter, error.location, error.isLimit ? error.message : "malformed YAML: \(error.message)")
            return Page(path: path, metadata: Metadata(), blocks: [])
        }
        let top = root.mapping!
        var entries: [(key: String, value: MetadataValue)] = []
        if let metadata = top["metadata"]?.mapping {
            for (key, value) in metadata { entries.append((key.string ?? "\(key)", FrontMatter.value(value))) }
        }
        if let title = top["title"]?.string, !entries.contains(where: { $0.key == "title" }) { entries.insert(("title", .string(title)), at: 0) }

        var blocks: [Block] = []
        func location(_ node: Node?) -> SourceLocation {
            node?.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
        }
        func heading(_ level: Int, _ node: Node?) {
            guard let node, let text = node.string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return }
            let at = location(node)
            let content = markdownInlines(text, line: at.line, report: report)
            blocks.append(Block(.heading(Block.Heading(level: level, anchor: nil, content: content)), range: SourceRange(start: at, end: at)))
        }
        func markdown(_ node: Node?) {
            guard let node, let text = node.string, !text.isEmpty else { return }
            // A folded or literal block starts on the line after its indicator.
            let at = location(node)
            let line = node.scalar?.style == .folded || node.scalar?.style == .literal ? at.line + 1 : at.line
            blocks += markdownBlocks(text, line: line, report: report)
        }

        heading(1, top["title"])
        markdown(top["summary"])
        switch type {
        case "Landing":
            for card in top["landingContent"]?.sequence ?? [] {
                heading(2, card.mapping?["title"])
                for list in card.mapping?["linkLists"]?.sequence ?? [] {
                    var items: [Block.ListItem] = []
                    for link in list.mapping?["links"]?.sequence ?? [] {
                        guard let text = link.mapping?["text"]?.string, let url = link.mapping?["url"]?.string else { continue }
                        let at = location(link)
                        let inline = Inline(.link(Inline.Link(destination: url, children: [Inline.text(text, range: SourceRange(start: at, end: at))])),
                                            range: SourceRange(start: at, end: at))
                        items.append(Block.ListItem(blocks: [Block(.paragraph([inline]), range: SourceRange(start: at, end: at))], range: SourceRange(start: at, end: at)))
                    }
                    guard !items.isEmpty else { continue }
                    let at = location(list)
                    blocks.append(Block(.list(Block.List(ordered: false, start: 1, tight: true, items: items)), range: SourceRange(start: at, end: at)))
                }
            }
        default: // FAQ
            for section in top["sections"]?.sequence ?? [] {
                heading(2, section.mapping?["name"])
                for question in section.mapping?["questions"]?.sequence ?? [] {
                    heading(3, question.mapping?["question"])
                    markdown(question.mapping?["answer"])
                }
            }
        }
        return Page(path: path, metadata: Metadata(entries: entries), blocks: blocks)
    }

    private static func markdownBlocks(_ text: String, line: Int, report: (DiagnosticCode, SourceLocation, String) -> Void) -> [Block] {
        var findings: [InlineAssembler.Finding] = []
        var units: [(id: String, location: SourceLocation)] = []
        var copy = text
        let blocks = copy.withUTF8 { CommonMarkConverter.blocks(from: $0, lineOffset: line - 1, findings: &findings, unitStarts: &units) }
        for finding in findings { report(finding.code, finding.location, finding.message) }
        return blocks
    }

    private static func markdownInlines(_ text: String, line: Int, report: (DiagnosticCode, SourceLocation, String) -> Void) -> [Inline] {
        let blocks = markdownBlocks(text, line: line, report: report)
        return blocks.flatMap { block -> [Inline] in
            if case .paragraph(let content) = block.kind { return content }
            return block.inlines
        }
    }
}
