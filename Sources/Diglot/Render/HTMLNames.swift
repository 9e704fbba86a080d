/// The names HTML defines: which tags in a page are markup and which are words in angle brackets.
///
/// HTML's rule (the WHATWG HTML parser, §13.2, builds an element of any name, but only the elements
/// §4 "The elements of HTML" defines are valid, and §4.13 "Custom elements" the names with a hyphen):
/// a browser hides `<ID>` or `<Token>` as an element it does not know, and the W3C Nu checker rejects
/// it. Machine translation writes such words (`<ID>`, `<blank>`, `<access token>`, `<data being
/// collected>`), and so do pages that lost a code span (`return View("<ViewName>")`): they are words,
/// and Diglot writes them as text.
enum HTMLNames {
    /// Whether `name` (lower-cased) is an element: one HTML defines, obsolete ones included (§16
    /// "Obsolete features": browsers still render `<center>` or `<font>`), a valid custom element name
    /// (§4.13: a lower-case ASCII letter first and a hyphen in it; HTML's tokenizer lower-cases
    /// `<My-Element>`), and in foreign content (inside `<svg>` or `<math>`, §13.2.6.5) one of SVG or
    /// MathML: `<text>` in a sentence is a word, in an `<svg>` an element.
    static func isElement(_ name: String, inForeignContent: Bool) -> Bool {
        if html.contains(name) || (inForeignContent && (svg.contains(name) || mathML.contains(name))) { return true }
        guard let first = name.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return name.utf8.contains(UInt8(ascii: "-"))
    }

    /// Whether `name` (lower-cased) is an element HTML itself defines (not SVG, MathML or a custom one).
    static func isHTMLElement(_ name: String) -> Bool {
        html.contains(name)
    }

    /// Whether `name` (lower-cased) is an attribute HTML defines on some element (its index of
    /// attributes, and the obsolete ones of §16.2), or one of its open families: `data-*`, `aria-*`
    /// and `role` (ARIA in HTML), `on…` event handlers, `xmlns` and `xml:` names.
    static func isAttribute(_ name: String) -> Bool {
        attributes.contains(name) || name.hasPrefix("data-") || name.hasPrefix("aria-") || name.hasPrefix("on")
            || name.hasPrefix("xmlns") || name.hasPrefix("xml:")
    }

    /// §4 "The elements of HTML" (index of elements) and §16.2 "Non-conforming features".
    private static let html: Set<String> = [
        "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "blockquote", "body", "br", "button",
        "canvas", "caption", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div",
        "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
        "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main",
        "map", "mark", "math", "menu", "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param",
        "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot",
        "small", "source", "span", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea",
        "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul", "var", "video", "wbr",
        // Obsolete, still parsed and rendered.
        "acronym", "applet", "basefont", "bgsound", "big", "blink", "center", "dir", "font", "frame", "frameset", "image",
        "isindex", "keygen", "listing", "marquee", "menuitem", "multicol", "nextid", "nobr", "noembed", "noframes", "plaintext",
        "rb", "rtc", "spacer", "strike", "tt", "xmp",
    ]

    /// SVG 2's elements and SVG 1.1's font elements, lower-cased as HTML's tokenizer writes them.
    private static let svg: Set<String> = [
        "animate", "animatemotion", "animatetransform", "circle", "clippath", "color-profile", "cursor", "defs", "desc",
        "discard", "ellipse", "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix",
        "fediffuselighting", "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca", "fefuncb", "fefuncg",
        "fefuncr", "fegaussianblur", "feimage", "femerge", "femergenode", "femorphology", "feoffset", "fepointlight",
        "fespecularlighting", "fespotlight", "fetile", "feturbulence", "filter", "font-face", "foreignobject", "g", "glyph",
        "hatch", "hatchpath", "line", "lineargradient", "marker", "mask", "metadata", "mpath", "path", "pattern", "polygon",
        "polyline", "radialgradient", "rect", "set", "stop", "switch", "symbol", "text", "textpath", "tspan", "use", "view",
    ]

    /// MathML Core's elements and MathML 3's presentation elements.
    private static let mathML: Set<String> = [
        "maction", "annotation", "annotation-xml", "menclose", "merror", "mfenced", "mfrac", "mglyph", "mi",
        "mlabeledtr", "mmultiscripts", "mn", "mo", "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms",
        "mspace", "msqrt", "mstyle", "msub", "msubsup", "msup", "mtable", "mtd", "mtext", "mtr", "munder", "munderover",
        "none", "semantics",
    ]

    private static let attributes: Set<String> = [
        "abbr", "accept", "accept-charset", "accesskey", "action", "allow", "allowfullscreen", "alpha", "alt", "as", "async",
        "autocapitalize", "autocomplete", "autocorrect", "autofocus", "autoplay", "blocking", "charset", "checked", "cite",
        "class", "closedby", "color", "colorspace", "cols", "colspan", "command", "commandfor", "content", "contenteditable",
        "controls", "coords", "crossorigin", "data", "datetime", "decoding", "default", "defer", "dir", "dirname", "disabled",
        "download", "draggable", "enctype", "enterkeyhint", "fetchpriority", "for", "form", "formaction", "formenctype",
        "formmethod", "formnovalidate", "formtarget", "headers", "height", "hidden", "high", "href", "hreflang", "http-equiv",
        "id", "imagesizes", "imagesrcset", "inert", "inputmode", "integrity", "is", "ismap", "itemid", "itemprop", "itemref",
        "itemscope", "itemtype", "kind", "label", "lang", "list", "loading", "loop", "low", "manifest", "max", "maxlength",
        "media", "method", "min", "minlength", "multiple", "muted", "name", "nomodule", "nonce", "novalidate", "open",
        "optimum", "pattern", "ping", "placeholder", "playsinline", "popover", "popovertarget", "popovertargetaction", "poster",
        "preload", "readonly", "referrerpolicy", "rel", "required", "reversed", "role", "rows", "rowspan", "sandbox", "scope",
        "selected", "shadowrootclonable", "shadowrootdelegatesfocus", "shadowrootmode", "shadowrootserializable", "shape",
        "size", "sizes", "slot", "span", "spellcheck", "src", "srcdoc", "srclang", "srcset", "start", "step", "style",
        "tabindex", "target", "title", "translate", "type", "usemap", "value", "width", "wrap", "writingsuggestions",
        // Obsolete (§16.2), still read by browsers.
        "align", "alink", "archive", "axis", "background", "bgcolor", "border", "bordercolor", "cellpadding", "cellspacing",
        "char", "charoff", "classid", "clear", "code", "codebase", "codetype", "compact", "datafld", "dataformatas",
        "datapagesize", "datasrc", "declare", "event", "face", "frame", "frameborder", "hspace", "language", "link", "longdesc",
        "lowsrc", "marginheight", "marginwidth", "methods", "nohref", "noshade", "nowrap", "profile", "rev", "rules", "scheme",
        "scrolling", "standby", "summary", "text", "urn", "valign", "valuetype", "version", "vlink", "vspace",
    ]
}
