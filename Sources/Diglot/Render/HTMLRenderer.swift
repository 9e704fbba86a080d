/// Renders a page's blocks to HTML for one language side. A walker over the model: each node writes its
/// opening markup, its children are visited, then it writes its closing markup. CommonMark's and GFM's
/// blocks and every inline are written here; code blocks by `CodeBlockHTML`, DocFX's blocks (alerts,
/// figures, videos, tabs, monikers, zone pivots, rows) by `DocFXBlockHTML`.
///
/// - `.target` with `hover`: each unit shows the target text and carries its English source in a hidden
///   element that CSS shows on hover and keyboard focus (the reading view).
/// - `.target` without `hover` / `.source`: each unit shows one side only, marked with its id
///   (the side-by-side columns, and the English page).
public struct HTMLRenderer: ModelWalker {
    /// How a view renders (`HTMLRenderOptions`).
    public typealias Options = HTMLRenderOptions

    public let options: Options
    public internal(set) var out: HTMLWriter
    private let headingIDs: [String]
    private var headingIndex = 0
    /// The tab groups written so far (their element ids count them).
    var tabGroups = 0
    /// The complex figures written so far (their descriptions' ids count them).
    var figures = 0
    /// Inside a link or another element that takes focus itself: sentences take none.
    var linkDepth = 0
    /// Inside the English copy of a sentence shown on hover: raw ids are left out, the target has them.
    private var inHoverSource = false
    /// Inside a unit: its text is of the side being rendered.
    private var inUnit = false
    /// The page's raw HTML, balanced scope by scope (see `RawHTMLBalancer`).
    private var rawHTML = RawHTMLBalancer()
    /// The units whose sentence carries its `id` already (side by side): a unit written twice in a
    /// page (an include used twice, a sentence repeated) has it the first time only, since an id
    /// names one element of the document (WHATWG HTML §3.2.6, the `id` attribute: unique in its tree).
    private var unitIDs: Set<String> = []

    /// `headingIDs` are the page's heading ids in document order (see `HeadingIDs.ids(for:)`).
    public init(options: Options, headingIDs: [String], capacity: Int = 16_384) {
        self.options = options
        self.headingIDs = headingIDs
        self.out = HTMLWriter(capacity: capacity)
    }

    /// Renders blocks and returns the HTML.
    public static func render(_ blocks: [Block], options: Options, headingIDs: [String]) -> String {
        var renderer = HTMLRenderer(options: options, headingIDs: headingIDs)
        renderer.walk(blocks)
        return renderer.out.string
    }

    /// Renders blocks and returns the HTML as UTF-8 bytes.
    public static func renderBytes(_ blocks: [Block], options: Options, headingIDs: [String]) -> [UInt8] {
        var renderer = HTMLRenderer(options: options, headingIDs: headingIDs)
        renderer.walk(blocks)
        return renderer.out.bytes
    }

    /// Advances past the headings of blocks that are rendered elsewhere, so ids stay in step.
    public mutating func skipHeadings(in block: Block) {
        var counter = HeadingCounter()
        counter.visit(block)
        headingIndex += counter.count
    }

    // MARK: Blocks

    public mutating func visit(_ block: Block) {
        switch block.kind {
        case .heading(let heading):
            let id = headingIndex < headingIDs.count ? headingIDs[headingIndex] : nil
            headingIndex += 1
            out.raw("<h"); out.int(heading.level)
            if options.headingIDs, let id {
                out.raw(" id=\""); out.text(id); out.raw("\"")
            }
            out.raw(">")
            walkBalanced(heading.content)
            out.raw("</h"); out.int(heading.level); out.raw(">\n")

        case .paragraph(let content):
            out.raw("<p>")
            walkBalanced(content)
            out.raw("</p>\n")

        case .list(let list):
            if list.ordered {
                out.raw("<ol")
                if list.start != 1 { out.raw(" start=\""); out.int(list.start); out.raw("\"") }
                out.raw(">\n")
            } else {
                out.raw("<ul>\n")
            }
            for item in list.items {
                out.raw("<li>")
                if list.tight {
                    // Tight lists show their paragraphs without <p>, as cmark renders them.
                    for (index, child) in item.blocks.enumerated() {
                        if case .paragraph(let content) = child.kind {
                            if index > 0 { out.raw("\n") }
                            walkBalanced(content)
                        } else {
                            if index == 0 { out.raw("\n") }
                            visit(child)
                        }
                    }
                } else {
                    out.raw("\n")
                    walk(item.blocks)
                }
                out.raw("</li>\n")
            }
            out.raw(list.ordered ? "</ol>\n" : "</ul>\n")

        case .alert(let alert):
            DocFXBlockHTML.alert(alert, into: &self)

        case .blockquote(let blocks):
            out.raw("<blockquote>\n")
            walk(blocks)
            out.raw("</blockquote>\n")

        case .section(let section):
            out.raw("<div class=\""); out.text(section.classes); out.raw("\">\n")
            walk(section.blocks)
            out.raw("</div>\n")

        case .table(let table):
            out.raw("<div class=\"table-wrapper\"><table>\n<thead>\n<tr>\n")
            for (index, cell) in table.header.enumerated() {
                cellTag("th", alignment: index < table.alignments.count ? table.alignments[index] : .none)
                walkBalanced(cell.content)
                out.raw("</th>\n")
            }
            out.raw("</tr>\n</thead>\n")
            if !table.rows.isEmpty {
                out.raw("<tbody>\n")
                for row in table.rows {
                    out.raw("<tr>\n")
                    for (index, cell) in row.enumerated() {
                        cellTag("td", alignment: index < table.alignments.count ? table.alignments[index] : .none)
                        walkBalanced(cell.content)
                        out.raw("</td>\n")
                    }
                    out.raw("</tr>\n")
                }
                out.raw("</tbody>\n")
            }
            out.raw("</table></div>\n")

        case .codeBlock(let code):
            CodeBlockHTML.codeBlock(code, into: &self)

        case .codeSnippet(let snippet):
            DocFXBlockHTML.missingSnippet(snippet, into: &self)

        case .figure(let figure):
            DocFXBlockHTML.figure(figure, into: &self)

        case .video(let video):
            DocFXBlockHTML.video(video, into: &self)

        case .tabGroup(let group):
            DocFXBlockHTML.tabs(group, into: &self)

        case .moniker(let moniker):
            // Every version's content is in the page under its range; the page's script shows the ones
            // whose range takes in the version chosen in the page's version picker.
            DocFXBlockHTML.labelled("moniker", attribute: "data-moniker-range", value: moniker.range, label: moniker.range, blocks: moniker.blocks, into: &self)

        case .zone(let zone):
            DocFXBlockHTML.labelled("zone", attribute: "data-pivot", value: zone.pivots.joined(separator: " "),
                                    label: zone.pivots.map { options.pivotTitles[$0] ?? $0 }.joined(separator: ", "), blocks: zone.blocks, into: &self)

        case .row(let row):
            DocFXBlockHTML.row(row, into: &self)

        case .thematicBreak:
            out.raw("<hr>\n")

        case .html(let content):
            walk(content)
            if out.bytes.last != UInt8(ascii: "\n") { out.raw("\n") }
        }
    }

    private mutating func cellTag(_ name: StaticString, alignment: Block.Alignment) {
        out.raw("<"); out.raw(name)
        if alignment != .none { out.raw(" style=\"text-align: "); out.raw(alignment.rawValue); out.raw("\"") }
        out.raw(">")
    }

    // MARK: Inlines

    public mutating func visit(_ inline: Inline) {
        switch inline.kind {
        case .text(let text):
            if options.foreignLanguage != nil, !inUnit, PlainText.hasLetters(text) {
                out.raw("<span"); foreignLang(for: text); out.raw(">"); out.text(text); out.raw("</span>")
            } else if options.isolateLeftToRight, !inHoverSource {
                out.textIsolatingLeftToRight(text)
            } else {
                out.text(text)
            }
        case .code(let code):
            out.raw("<code"); foreignLang(forCode: code); out.raw(">"); out.text(code); out.raw("</code>")
        case .emphasis(let children):
            out.raw("<em>"); walkBalanced(children); out.raw("</em>")
        case .strong(let children):
            out.raw("<strong>"); walkBalanced(children); out.raw("</strong>")
        case .strikethrough(let children):
            out.raw("<del>"); walkBalanced(children); out.raw("</del>")
        case .link(let link) where LinkResolver.hostCannotBeParsed(link.destination):
            // No browser can follow it (`http://localhost:&lt`, a port that is not a number): its text
            // is written without the link.
            walkBalanced(link.children)
        case .link(let link):
            // URLSafety again (the resolve stage already wrote unsafe URLs as `#`): nothing unsafe is ever written.
            out.raw("<a href=\""); out.text(LinkResolver.escapedForHref(href(URLSafety.safe(link.destination)))); out.raw("\"")
            if !link.title.isEmpty { out.raw(" title=\""); out.text(link.title); out.raw("\"") }
            out.raw(">")
            linkDepth += 1
            if link.children.isEmpty, let title = options.linkTitles?.title(of: link.destination, side: inHoverSource ? .source : options.side) {
                out.text(title)
            } else {
                walkBalanced(link.children)
            }
            linkDepth -= 1
            out.raw("</a>")
        case .image(let image):
            out.raw("<img src=\""); out.text(LinkResolver.escapedForHref(URLSafety.safe(image.source))); out.raw("\" alt=\"")
            let alt = PlainText.of(image.alt.side(options.side))
            out.text(alt)
            out.raw("\"")
            if !image.alt.contains(where: { if case .unit = $0.kind { return true } else { return false } }) { foreignLang(for: alt) }
            if !image.title.isEmpty { out.raw(" title=\""); out.text(image.title); out.raw("\"") }
            out.raw(">")
        case .html(let raw):
            rawHTML.write(raw, stripIDs: inHoverSource || !options.headingIDs, into: &out)
        case .softBreak:
            out.raw("\n")
        case .lineBreak:
            out.raw("<br>\n")
        case .unit(let unit):
            renderUnit(unit)
        }
    }

    private mutating func renderUnit(_ unit: TranslationUnit) {
        switch options.side {
        case .source:
            out.raw("<span class=\"tu\" data-tu=\""); out.text(unit.id); out.raw("\">")
            inUnit = true
            walkBalanced(unit.source)
            inUnit = false
            out.raw("</span>")
        case .target where !options.hover:
            // The side-by-side view's translation column: each sentence can be linked to (the QA report does).
            out.raw(options.staleUnits.contains(unit.id) ? "<span class=\"tu tu-stale\"" : "<span class=\"tu\"")
            if unitIDs.insert(unit.id).inserted { out.raw(" id=\"tu-"); out.text(unit.id); out.raw("\"") }
            out.raw(" data-tu=\""); out.text(unit.id); out.raw("\">")
            walkBalanced(unit.target)
            out.raw("</span>")
        case .target:
            // Inside a link the link itself takes focus; elsewhere the sentence does.
            out.raw("<span class=\"tu\" data-tu=\""); out.text(unit.id)
            out.raw(linkDepth == 0 ? "\" tabindex=\"0\">" : "\">")
            walkBalanced(unit.target)
            out.raw("<span class=\"tu-src\" lang=\""); out.text(options.sourceLanguage); out.raw("\""); out.raw(options.sourceDir); out.raw(">")
            inHoverSource = true
            walkBalanced(unit.source)
            inHoverSource = false
            out.raw("</span></span>")
        }
    }
}

extension HTMLRenderer {
    /// ` lang="…"` (and its `dir`) for text of the translation outside every unit on the source side
    /// (see `Options.foreignLanguage`); nothing for text with no letters (numbers, punctuation).
    mutating func foreignLang(for text: String) {
        guard let language = options.foreignLanguage, !inUnit, PlainText.hasLetters(text) else { return }
        out.raw(" lang=\""); out.text(language); out.raw("\""); out.raw(options.foreignDir)
    }

    /// The same for code, which is language-neutral unless it holds letters beyond ASCII (a comment
    /// in the translation's language).
    mutating func foreignLang(forCode code: String) {
        guard options.foreignLanguage != nil, code.utf8.contains(where: { $0 >= 0x80 }) else { return }
        foreignLang(for: code)
    }

    /// Walks inlines that the renderer writes inside an element of its own, as one scope of the raw
    /// HTML in them: what they open is closed in them (see `RawHTMLBalancer`).
    mutating func walkBalanced(_ inlines: [Inline]) {
        let outer = rawHTML.beginScope()
        walk(inlines)
        rawHTML.endScope(outer, into: &out)
    }
}

private struct HeadingCounter: ModelWalker {
    var count = 0

    mutating func visit(_ block: Block) {
        if case .heading = block.kind { count += 1 } else { descend(into: block) }
    }

    mutating func visit(_ inline: Inline) {}
}

extension HTMLRenderer {
    /// A link's `href`: the page link rewritten (`LinkResolver.resolve`), or the way to a page's
    /// translation when the page has only that view.
    private func href(_ destination: String) -> String {
        if let cross = options.crossView, let href = cross.href(destination) { return href }
        return LinkResolver.resolve(destination)
    }
}

/// The titles of the pages of the build, for links with no text (see `HTMLRenderer.Options.linkTitles`).
public struct LinkTitles: Sendable {
    let page: String
    let titles: [String: (target: String, source: String)]

    /// The title of the page a relative link leads to, in the side's language; nil for other links.
    func title(of destination: String, side: TextSide) -> String? {
        guard let target = LinkResolver.contentPath(of: destination, from: page), let title = titles[target.path] else { return nil }
        return side == .source ? title.source : title.target
    }
}

/// Links from the English views of a page to pages that have no English view (see `HTMLRenderer.Options.crossView`).
public struct CrossViewLinks: Sendable {
    let page: String
    let layout: SiteLayout
    /// The view the links are in (the English page's, or the side-by-side view's).
    var view: View = .source

    /// The way from the page's view to the translation of the page a link names, when that
    /// page has no units; nil for every other link.
    func href(_ destination: String) -> String? {
        guard LinkResolver.isRelativePageLink(destination), let target = LinkResolver.contentPath(of: destination, from: page),
              Docset.isPageFile(target.path), !layout.hasSource(target.path) else { return nil }
        let here = layout.path(of: page, in: view)
        let folder = String(PathText.folder(of: here))
        return LinkResolver.relativePath(from: folder, to: layout.path(of: target.path, in: .target)) + (target.anchor.map { "#" + $0 } ?? "")
    }
}
