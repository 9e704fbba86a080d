/// The HTML of DocFX's blocks (Learn's markdown extensions: see the "Docs Markdown reference" and
/// DocFX's markdown documentation), written for `HTMLRenderer`: alerts, `:::image` figures, videos,
/// tab groups, moniker and zone-pivot ranges, rows and columns, and a code snippet that could not be read.
enum DocFXBlockHTML {
    /// `> [!NOTE]` and its kin: a note with its title in the page's language.
    static func alert(_ alert: Block.Alert, into renderer: inout HTMLRenderer) {
        renderer.out.raw("<div class=\"alert alert-"); renderer.out.raw(alert.kind.rawValue); renderer.out.raw("\" role=\"note\">\n")
        renderer.out.raw("<p class=\"alert-title\">")
        renderer.out.text(renderer.options.alertTitles[alert.kind] ?? alert.kind.rawValue.capitalized)
        renderer.out.raw("</p>\n")
        renderer.walk(alert.blocks)
        renderer.out.raw("</div>\n")
    }

    /// A snippet whose file or region could not be read (reported): a note where the code would be.
    static func missingSnippet(_ snippet: Block.CodeSnippet, into renderer: inout HTMLRenderer) {
        renderer.out.raw("<div class=\"code-missing\" role=\"note\"><p>")
        renderer.out.text(renderer.options.codeMissing)
        renderer.out.raw(" <code>"); renderer.out.text(snippet.written); renderer.out.raw("</code></p></div>\n")
    }

    /// `:::image`: a figure, its picture linked to a larger one (`lightbox`), an icon decorative
    /// (Learn: `type="icon"` takes no alt text), and a complex figure's long description its accessible
    /// description, as Learn writes it (visually hidden). The descriptions' ids count the page's figures.
    static func figure(_ figure: Block.Figure, into renderer: inout HTMLRenderer) {
        renderer.out.raw("<figure class=\"docfx-image")
        if figure.border == true { renderer.out.raw(" border") }
        renderer.out.raw("\">")
        if let lightbox = figure.lightbox {
            renderer.out.raw("<a href=\""); renderer.out.text(LinkResolver.escapedForHref(URLSafety.safe(lightbox))); renderer.out.raw("\">")
        }
        let icon = figure.type.lowercased() == "icon"
        renderer.out.raw("<img src=\""); renderer.out.text(LinkResolver.escapedForHref(URLSafety.safe(figure.source))); renderer.out.raw("\" alt=\"")
        if !icon { renderer.out.text(figure.altText) }
        renderer.out.raw("\"")
        if !icon { renderer.foreignLang(for: figure.altText) }
        let prefix = renderer.options.headingIDs ? "" : "s"
        if !figure.description.isEmpty {
            renderer.figures += 1
            renderer.out.raw(" aria-describedby=\""); renderer.out.raw(prefix); renderer.out.raw("figure-description-"); renderer.out.int(renderer.figures); renderer.out.raw("\"")
        }
        renderer.out.raw(" loading=\"lazy\">")
        if figure.lightbox != nil { renderer.out.raw("</a>") }
        if !figure.description.isEmpty {
            renderer.out.raw("\n<div class=\"long-description visually-hidden\" id=\""); renderer.out.raw(prefix); renderer.out.raw("figure-description-")
            renderer.out.int(renderer.figures); renderer.out.raw("\">\n")
            // Hidden text takes no keyboard focus (its sentences have no tabindex, as in a link).
            renderer.linkDepth += 1
            renderer.walk(figure.description)
            renderer.linkDepth -= 1
            renderer.out.raw("</div>\n")
        }
        renderer.out.raw("</figure>\n")
    }

    /// `> [!VIDEO]`: only players of the hosts `VideoHosts` allows are embedded (the resolve stage
    /// reported others; the allow-list is the boundary: a sandbox that lets a player run keeps no other,
    /// and the Nu checker rejects it), with a title for its accessible name; others are a link.
    static func video(_ video: Block.Video, into renderer: inout HTMLRenderer) {
        if let player = VideoHosts.embeddable(video.source) {
            renderer.out.raw("<div class=\"embedded-video\"><iframe src=\""); renderer.out.text(LinkResolver.escapedForHref(player))
            renderer.out.raw("\" title=\""); renderer.out.text(renderer.options.videoTitle)
            renderer.out.raw("\" referrerpolicy=\"strict-origin-when-cross-origin\" allow=\"fullscreen; picture-in-picture\" allowfullscreen></iframe></div>\n")
        } else {
            renderer.out.raw("<p class=\"video-link\"><a href=\""); renderer.out.text(LinkResolver.escapedForHref(URLSafety.safe(video.source))); renderer.out.raw("\">")
            renderer.out.text(renderer.options.videoTitle); renderer.out.raw("</a></p>\n")
        }
    }

    /// A tab group as the ARIA tab pattern (WAI-ARIA Authoring Practices, "Tabs"): a tab list the page's
    /// script shows and drives (arrow keys, Home, End), and one panel per tab. Without script every
    /// panel is shown under its label, as in print. Element ids count the page's groups (`tab-2-0`,
    /// `tabpanel-2-0`; `s` before them in the side-by-side view's translation column).
    static func tabs(_ group: Block.TabGroup, into renderer: inout HTMLRenderer) {
        renderer.tabGroups += 1
        let prefix = renderer.options.headingIDs ? "" : "s", number = renderer.tabGroups
        func id(_ kind: StaticString, _ index: Int) -> String { "\(prefix)\(kind)-\(number)-\(index)" }
        renderer.out.raw("<div class=\"tabs\">\n<div class=\"tab-list\" role=\"tablist\" hidden>\n")
        for (index, tab) in group.tabs.enumerated() {
            renderer.out.raw("<button type=\"button\" role=\"tab\" id=\""); renderer.out.raw(id("tab", index))
            renderer.out.raw("\" aria-controls=\""); renderer.out.raw(id("tabpanel", index)); renderer.out.raw("\" aria-selected=\"false\" tabindex=\"-1\"")
            tabData(tab, into: &renderer.out)
            renderer.out.raw(">")
            // The button takes focus, not the sentence in it (interactive content may not nest).
            renderer.linkDepth += 1
            renderer.walkBalanced(tab.title)
            renderer.linkDepth -= 1
            renderer.out.raw("</button>\n")
        }
        renderer.out.raw("</div>\n")
        for (index, tab) in group.tabs.enumerated() {
            renderer.out.raw("<section class=\"tab-panel\" id=\""); renderer.out.raw(id("tabpanel", index))
            renderer.out.raw("\" role=\"tabpanel\" aria-labelledby=\""); renderer.out.raw(id("tab", index)); renderer.out.raw("\"")
            tabData(tab, into: &renderer.out)
            renderer.out.raw(">\n<p class=\"tab-title\">")
            renderer.walkBalanced(tab.title)
            renderer.out.raw("</p>\n")
            renderer.walk(tab.blocks)
            renderer.out.raw("</section>\n")
        }
        renderer.out.raw("</div>\n")
    }

    private static func tabData(_ tab: Block.Tab, into out: inout HTMLWriter) {
        out.raw(" data-tab=\""); out.text(tab.id); out.raw("\"")
        if let condition = tab.condition { out.raw(" data-condition=\""); out.text(condition); out.raw("\"") }
    }

    /// A block shown for some versions or pivots: a `<div>` that names them for the page's script,
    /// and a label that says them to a reader without script (`moniker-label`, `zone-label`).
    static func labelled(_ kind: StaticString, attribute: StaticString, value: String, label: String, blocks: [Block], into renderer: inout HTMLRenderer) {
        renderer.out.raw("<div class=\""); renderer.out.raw(kind); renderer.out.raw("\" "); renderer.out.raw(attribute); renderer.out.raw("=\"")
        renderer.out.text(value); renderer.out.raw("\">\n")
        renderer.out.raw("<p class=\""); renderer.out.raw(kind); renderer.out.raw("-label\">"); renderer.out.text(label); renderer.out.raw("</p>\n")
        renderer.walk(blocks)
        renderer.out.raw("</div>\n")
    }

    /// `:::row:::` and `:::column span="2":::`: a row of columns.
    static func row(_ row: Block.Row, into renderer: inout HTMLRenderer) {
        renderer.out.raw("<div class=\"row\">\n")
        for column in row.columns {
            renderer.out.raw("<div class=\"column")
            if column.span > 1 { renderer.out.raw(" span-"); renderer.out.int(column.span) }
            renderer.out.raw("\">\n")
            renderer.walk(column.blocks)
            renderer.out.raw("</div>\n")
        }
        renderer.out.raw("</div>\n")
    }
}
