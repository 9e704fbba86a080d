/// Renders a page's blocks to HTML for one language side. A walker over the model: each node writes its
/// opening markup, its children are visited, then it writes its closing markup.
///
/// - `.target` with `hover`: each unit shows the target text and carries its English source in a hidden
///   element that CSS shows on hover and keyboard focus (the reading view).
/// - `.target` without `hover` / `.source`: each unit shows one side only, marked with its id
///   (the side-by-side columns, and the English page).
public struct HTMLRenderer: ModelWalker {
    /// How a view renders (`HTMLRenderOptions`).
    public typealias Options = HTMLRenderOptions

    public let options: Options
    public private(set) var out: HTMLWriter
    private let headingIDs: [String]
    private var headingIndex = 0
    /// The tab groups written so far (their element ids count them).
    private var tabGroups = 0
    /// The complex figures written so far (their descriptions' ids count them).
    private var figures = 0
    private var linkDepth = 0
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
            out.raw("<div class=\"alert alert-"); out.raw(alert.kind.rawValue); out.raw("\" role=\"note\">\n")
            out.raw("<p class=\"alert-title\">")
            out.text(options.alertTitles[alert.kind] ?? alert.kind.rawValue.capitalized)
            out.raw("</p>\n")
            walk(alert.blocks)
            out.raw("</div>\n")

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
            out.raw("<pre><code")
            let language = code.info.split(separator: " ").first.map(String.init) ?? ""
            if !language.isEmpty { out.raw(" class=\"lang-"); out.text(language); out.raw("\"") }
            foreignLang(forCode: code.code)
            if code.highlight.isEmpty {
                out.raw(">")
                out.text(code.code)
            } else {
                // Highlighted lines are marks (read without script and in print); `data-highlight`
                // names them for the page's script, which marks them again after colouring the code.
                out.raw(" data-highlight=\""); out.raw(Self.lineList(code.highlight)); out.raw("\">")
                writeMarkingLines(code.code, code.highlight)
            }
            out.raw("</code></pre>\n")

        case .codeSnippet(let snippet):
            // A snippet whose file or region could not be read (reported): a note where the code would be.
            out.raw("<div class=\"code-missing\" role=\"note\"><p>")
            out.text(options.codeMissing)
            out.raw(" <code>"); out.text(snippet.written); out.raw("</code></p></div>\n")

        case .figure(let figure):
            out.raw("<figure class=\"docfx-image")
            if figure.border == true { out.raw(" border") }
            out.raw("\">")
            if let lightbox = figure.lightbox {
                out.raw("<a href=\""); out.text(LinkResolver.escapedForHref(URLSafety.safe(lightbox))); out.raw("\">")
            }
            // An icon is decorative (Learn: `type="icon"` takes no alt text); a complex figure's long
            // description is its accessible description, as Learn writes it (visually hidden).
            let icon = figure.type.lowercased() == "icon"
            out.raw("<img src=\""); out.text(LinkResolver.escapedForHref(URLSafety.safe(figure.source))); out.raw("\" alt=\""); if !icon { out.text(figure.altText) }
            out.raw("\"")
            if !icon { foreignLang(for: figure.altText) }
            if !figure.description.isEmpty {
                figures += 1
                out.raw(" aria-describedby=\""); out.raw(options.headingIDs ? "" : "s"); out.raw("figure-description-"); out.int(figures); out.raw("\"")
            }
            out.raw(" loading=\"lazy\">")
            if figure.lightbox != nil { out.raw("</a>") }
            if !figure.description.isEmpty {
                out.raw("\n<div class=\"long-description visually-hidden\" id=\""); out.raw(options.headingIDs ? "" : "s"); out.raw("figure-description-"); out.int(figures); out.raw("\">\n")
                // Hidden text takes no keyboard focus (its sentences have no tabindex, as in a link).
                linkDepth += 1
                walk(figure.description)
                linkDepth -= 1
                out.raw("</div>\n")
            }
            out.raw("</figure>\n")

        case .video(let video):
            // Only players of the hosts `VideoHosts` allows are embedded (the resolve stage reported
            // others; the allow-list is the boundary: a sandbox that lets a player run keeps no other,
            // and the Nu checker rejects it), with a title for its accessible name.
            if let player = VideoHosts.embeddable(video.source) {
                out.raw("<div class=\"embedded-video\"><iframe src=\""); out.text(LinkResolver.escapedForHref(player))
                out.raw("\" title=\""); out.text(options.videoTitle)
                out.raw("\" referrerpolicy=\"strict-origin-when-cross-origin\" allow=\"fullscreen; picture-in-picture\" allowfullscreen></iframe></div>\n")
            } else {
                out.raw("<p class=\"video-link\"><a href=\""); out.text(LinkResolver.escapedForHref(URLSafety.safe(video.source))); out.raw("\">")
                out.text(options.videoTitle); out.raw("</a></p>\n")
            }

        case .tabGroup(let group):
            renderTabs(group)

        case .moniker(let moniker):
            // Every version's content is in the page under its range; the page's script shows the ones
            // whose range takes in the version chosen in the page's version picker.
            labelled("moniker", attribute: "data-moniker-range", value: moniker.range, label: moniker.range, blocks: moniker.blocks)

        case .zone(let zone):
            labelled("zone", attribute: "data-pivot", value: zone.pivots.joined(separator: " "),
                     label: zone.pivots.map { options.pivotTitles[$0] ?? $0 }.joined(separator: ", "), blocks: zone.blocks)

        case .row(let row):
            out.raw("<div class=\"row\">\n")
            for column in row.columns {
                out.raw("<div class=\"column")
                if column.span > 1 { out.raw(" span-"); out.int(column.span) }
                out.raw("\">\n")
                walk(column.blocks)
                out.raw("</div>\n")
            }
            out.raw("</div>\n")

        case .thematicBreak:
            out.raw("<hr>\n")

        case .html(let content):
            walk(content)
            if out.bytes.last != UInt8(ascii: "\n") { out.raw("\n") }
        }
    }

    /// A tab group as the ARIA tab pattern (WAI-ARIA Authoring Practices, "Tabs"): a tab list the page's
    /// script shows and drives (arrow keys, Home, End), and one panel per tab. Without script every
    /// panel is shown under its label, as in print. Element ids count the page's groups (`tab-2-0`,
    /// `tabpanel-2-0`; `s` before them in the side-by-side view's translation column).
    private mutating func renderTabs(_ group: Block.TabGroup) {
        tabGroups += 1
        let prefix = options.headingIDs ? "" : "s"
        func id(_ kind: StaticString, _ index: Int) -> String { "\(prefix)\(kind)-\(tabGroups)-\(index)" }
        out.raw("<div class=\"tabs\">\n<div class=\"tab-list\" role=\"tablist\" hidden>\n")
        for (index, tab) in group.tabs.enumerated() {
            out.raw("<button type=\"button\" role=\"tab\" id=\""); out.raw(id("tab", index))
            out.raw("\" aria-controls=\""); out.raw(id("tabpanel", index)); out.raw("\" aria-selected=\"false\" tabindex=\"-1\"")
            tabData(tab)
            out.raw(">")
            // The button takes focus, not the sentence in it (interactive content may not nest).
            linkDepth += 1
            walkBalanced(tab.title)
            linkDepth -= 1
            out.raw("</button>\n")
        }
        out.raw("</div>\n")
        for (index, tab) in group.tabs.enumerated() {
            out.raw("<section class=\"tab-panel\" id=\""); out.raw(id("tabpanel", index))
            out.raw("\" role=\"tabpanel\" aria-labelledby=\""); out.raw(id("tab", index)); out.raw("\"")
            tabData(tab)
            out.raw(">\n<p class=\"tab-title\">")
            walkBalanced(tab.title)
            out.raw("</p>\n")
            walk(tab.blocks)
            out.raw("</section>\n")
        }
        out.raw("</div>\n")
    }

    /// A block shown for some versions or pivots: a `<div>` that names them for the page's script,
    /// and a label that says them to a reader without script (`moniker-label`, `zone-label`).
    private mutating func labelled(_ kind: StaticString, attribute: StaticString, value: String, label: String, blocks: [Block]) {
        out.raw("<div class=\""); out.raw(kind); out.raw("\" "); out.raw(attribute); out.raw("=\""); out.text(value); out.raw("\">\n")
        out.raw("<p class=\""); out.raw(kind); out.raw("-label\">"); out.text(label); out.raw("</p>\n")
        walk(blocks)
        out.raw("</div>\n")
    }

    private mutating func tabData(_ tab: Block.Tab) {
        out.raw(" data-tab=\""); out.text(tab.id); out.raw("\"")
        if let condition = tab.condition { out.raw(" data-condition=\""); out.text(condition); out.raw("\"") }
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
            if options.foreignLanguage != nil, !inUnit, Self.hasLetters(text) {
                out.raw("<span"); foreignLang(for: text); out.raw(">"); out.text(text); out.raw("</span>")
            } else if options.isolateLeftToRight, !inHoverSource {
                writeIsolatingLeftToRight(text)
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
    private mutating func foreignLang(for text: String) {
        guard let language = options.foreignLanguage, !inUnit, Self.hasLetters(text) else { return }
        out.raw(" lang=\""); out.text(language); out.raw("\""); out.raw(options.foreignDir)
    }

    /// The same for code, which is language-neutral unless it holds letters beyond ASCII (a comment
    /// in the translation's language).
    private mutating func foreignLang(forCode code: String) {
        guard options.foreignLanguage != nil, code.utf8.contains(where: { $0 >= 0x80 }) else { return }
        foreignLang(for: code)
    }

    /// Code with each line named in `marked` (1-based, ascending) in a `<mark class="line">`, its line end in it.
    private mutating func writeMarkingLines(_ code: String, _ marked: [Int]) {
        var next = marked.startIndex
        var number = 1
        for line in code.split(separator: "\n", omittingEmptySubsequences: false).dropLast(code.hasSuffix("\n") ? 1 : 0) {
            let mark = next < marked.endIndex && marked[next] == number
            if mark { out.raw("<mark class=\"line\">"); next += 1 }
            out.text(String(line)); out.raw("\n")
            if mark { out.raw("</mark>") }
            number += 1
        }
    }

    /// `2,4-6`: line numbers as ranges.
    static func lineList(_ lines: [Int]) -> String {
        var parts: [String] = []
        var index = lines.startIndex
        while index < lines.endIndex {
            var end = index
            while end + 1 < lines.endIndex, lines[end + 1] == lines[end] + 1 { end += 1 }
            parts.append(end == index ? "\(lines[index])" : "\(lines[index])-\(lines[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    private mutating func writeIsolatingLeftToRight(_ text: String) {
        var written = text.startIndex
        for run in Bidi.leftToRightRuns(in: text) {
            out.text(String(text[written..<run.lowerBound]))
            out.raw("<bdi>"); out.text(String(text[run])); out.raw("</bdi>")
            written = run.upperBound
        }
        out.text(String(text[written...]))
    }

    static func hasLetters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// Walks inlines that the renderer writes inside an element of its own, as one scope of the raw
    /// HTML in them: what they open is closed in them (see `RawHTMLBalancer`).
    private mutating func walkBalanced(_ inlines: [Inline]) {
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
        let folder = String(here[..<(here.lastIndex(of: "/") ?? here.startIndex)])
        return LinkResolver.relativePath(from: folder, to: layout.path(of: target.path, in: .target)) + (target.anchor.map { "#" + $0 } ?? "")
    }
}
