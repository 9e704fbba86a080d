import DiglotModel

/// DocFX's inline include, `[!INCLUDE[title](path)]` inside a sentence (DocFX's "Include Markdown
/// files" syntax, `InclusionInlineParser`), as cmark-gfm leaves it: text ending in `[!INCLUDE` (in any
/// letter case, spaces (not tabs: DocFX's `MatchTitle`) allowed before the `[`), the link `[title](path)`, and text starting with `]`.
/// One rule, read by the parse stage (`DocFXExtensions.linksAroundIncludes`) and by the resolve stage,
/// which expands it (`Includes`).
package enum InlineInclude {
    /// The include the three inlines make: its path, where it starts, and the text before its
    /// `[!INCLUDE` (spaces before the marker dropped) and after its closing `]`; nil when they make none.
    package static func match(_ a: Inline, _ b: Inline, _ c: Inline) -> (path: String, range: SourceRange, before: String, after: String)? {
        guard case .text(let lead) = a.kind, case .link(let link) = b.kind, case .text(let tail) = c.kind, tail.hasPrefix("]") else { return nil }
        // `[!INCLUDE[title](path)]`, or `[!INCLUDE [title](path)]` as most Microsoft pages write it.
        guard let head = leadBeforeMarker(lead) else { return nil }
        return (link.destination, a.range, String(head), String(tail.dropFirst()))
    }

    /// `lead` without the `[!INCLUDE` it ends with (and the spaces after the marker), or nil.
    static func leadBeforeMarker(_ lead: String) -> Substring? {
        let marker = "[!INCLUDE"
        var head = Substring(lead)
        while head.last == " " { head = head.dropLast() }
        guard head.count >= marker.count, head.suffix(marker.count).uppercased() == marker else { return nil }
        return head.dropLast(marker.count)
    }
}
