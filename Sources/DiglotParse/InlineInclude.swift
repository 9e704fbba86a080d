import DiglotModel

/// DocFX's inline include, `[!INCLUDE[title](path)]` inside a sentence (DocFX's "Include Markdown
/// files" syntax, `InclusionInlineParser`), as cmark-gfm leaves it: text ending in `[!INCLUDE` (in any
/// letter case, spaces (not tabs: DocFX's `MatchTitle`) allowed before the `[`), the link `[title](path)`, and text starting with `]`.
/// One rule, read by the parse stage (`DocFXExtensions.linksAroundIncludes`) and by the resolve stage,
/// which expands it (`Includes`) and makes heading ids of it (`HeadingIDs`), both through `forEach`.
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

    /// Walks `inlines` with their includes taken apart, in order: `include` for each include (its
    /// path, where it starts, its link's title), `other` for every other inline, the text before an
    /// include and the text after it given as texts of their own (empty ones left out). The text after
    /// an include may lead to the next (`[!INCLUDE[a](a.md)] and [!INCLUDE[b](b.md)]`). Nothing is
    /// looked into: the callers recurse as they need.
    package static func forEach(in given: [Inline], include: (_ path: String, _ range: SourceRange, _ title: [Inline]) -> Void, other: (Inline) -> Void) {
        var inlines = given
        var i = 0
        while i < inlines.count {
            if i + 2 < inlines.count, let found = match(inlines[i], inlines[i + 1], inlines[i + 2]), case .link(let link) = inlines[i + 1].kind {
                if !found.before.isEmpty { other(Inline(.text(found.before), range: inlines[i].range)) }
                include(found.path, found.range, link.children)
                i += 2
                if found.after.isEmpty { i += 1 } else { inlines[i].kind = .text(found.after) }
                continue
            }
            other(inlines[i])
            i += 1
        }
    }
}
