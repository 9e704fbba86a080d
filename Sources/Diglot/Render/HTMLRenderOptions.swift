/// How `HTMLRenderer` renders a page for one view: which side of each unit it shows and whether the
/// other is on hover, the languages and directions it marks, the strings it writes (alert titles, the
/// video's title, the missing-code note), and the site's facts a link or a zone needs (other pages'
/// titles, pages with no English view, pivot titles, stale sentences).
public struct HTMLRenderOptions: Sendable {
    public var side: TextSide
    /// Show the source on hover and focus (target side only).
    public var hover: Bool
    /// Write heading ids and the ids of raw HTML (off for the second column of the side-by-side view,
    /// so ids stay unique).
    public var headingIDs: Bool
    /// The `lang` of the source text, e.g. `en-US`.
    public var sourceLanguage: String
    /// Alert titles by kind, in the language of this side.
    public var alertTitles: [Block.AlertKind: String]
    /// ` dir="ltr"` (or `"rtl"`) on the source shown on hover when its direction differs from the
    /// page's (English in an Arabic page); empty otherwise.
    public var sourceDir = ""
    /// In the English and side-by-side views, when some pages have no units: the page rendered and
    /// the layout, so that a link to such a page leads to its translation, the one view it has
    /// (issue 10). Nil: a relative link stays in its view.
    public var crossView: CrossViewLinks?
    /// On the source side (the English view and column): the translation's language, for the text
    /// of the page that is in no unit and so has no English (a block only the translation has, a
    /// picture's alt text): it is marked `lang` (and `dir` where the direction differs, in
    /// `foreignDir`), as HTML's `lang` attribute requires for text of another language (issue 10).
    public var foreignLanguage: String?
    public var foreignDir = ""
    /// The accessible name of an embedded video (`video` in the interface strings).
    public var videoTitle = "Video"
    /// The titles of the page's zone pivots by id (`zone-pivot-groups.yml`), for the label a zone
    /// shows without script; a pivot with none is labelled with its id.
    public var pivotTitles: [String: String] = [:]
    /// The page rendered and every page's titles, for links with no text (a bare xref, `[](page.md)`):
    /// such a link shows the title of the page it leads to, in the side's language. Nil: none.
    public var linkTitles: LinkTitles?
    /// On the target side of a right-to-left page: each run of left-to-right words in the text is
    /// written in a `<bdi>`, so that its edge punctuation keeps its place ("C++", ".NET"; see
    /// `Bidi.leftToRightRuns(in:)`).
    public var isolateLeftToRight = false
    /// The note shown in place of a code snippet that could not be read, in the language of this side.
    public var codeMissing = "Code sample not found"
    /// In the side-by-side view's translation column: the units whose English has changed
    /// (`StaleTranslations`), marked with the class `tu-stale`.
    public var staleUnits: Set<String> = []

    public init(side: TextSide, hover: Bool, headingIDs: Bool = true, sourceLanguage: String = "en-US",
                alertTitles: [Block.AlertKind: String] = [:]) {
        self.side = side
        self.hover = hover
        self.headingIDs = headingIDs
        self.sourceLanguage = sourceLanguage
        self.alertTitles = alertTitles
    }
}
