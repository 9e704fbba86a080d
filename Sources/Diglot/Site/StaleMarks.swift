/// What a stale page's views show (`StaleTranslations`): the notice over its translation and
/// side-by-side views, and, side by side, a note under each block for each of its stale sentences,
/// with the sentence of the current English that replaced it. The English view, which is the English
/// the page was translated from, is left as it is.
///
/// A single-locale build has no page of the current English to link to (an English docset given with
/// `--source` is not rendered), so the current English is shown sentence by sentence side by side, and
/// the translation view's notice links there; where the current English has an address
/// (`CurrentEnglish.Page.address`, which a build of several locales can give), the notices link to it.
extension PageViews {
    /// The notice of a stale page in the translation or side-by-side view. `sideBySide`: the page's
    /// side-by-side view's output path.
    func staleNotice(_ stale: StaleTranslations.PageResult, view: View, root: String, sideBySide: String, strings: InterfaceStrings) -> [UInt8] {
        var out = HTMLWriter(capacity: 512)
        out.raw("<div class=\"mt-notice stale-notice\" role=\"note\">\n<p>")
        out.text(strings["staleNotice"] ?? "This translation may be outdated: the English page has changed since it was translated.")
        if view == .sideBySide {
            out.raw(" "); out.text(strings["staleSideBySide"] ?? "Each outdated sentence is marked, with the current English under it.")
        }
        let link: (href: String, text: String)?
        if let address = stale.address {
            link = (address.contains("://") ? address : root + address, strings["staleReadCurrent"] ?? "Read the current English")
        } else if view == .target, let first = stale.stale.first {
            link = (root + sideBySide + "#tu-" + first.id, strings["staleSeeChanges"] ?? "See the changed sentences side by side")
        } else {
            link = nil
        }
        if let link {
            out.raw(" <a href=\""); out.text(LinkResolver.escapedForHref(link.href)); out.raw("\">"); out.text(link.text); out.raw("</a>")
        }
        out.raw("</p>\n</div>\n")
        return out.bytes
    }
}

extension PageContentRenderer {
    /// The notes of the stale sentences in a row of the side-by-side view (`blocks`), each sentence
    /// once in the page (`noted`): the start of its translation, and the current English that replaced
    /// its English, or a word that none matches it.
    func staleNotes(_ blocks: ArraySlice<Block>, _ stale: [String: StaleTranslations.StaleUnit], noted: inout Set<String>, englishLang: String,
                    englishDir: String, strings: InterfaceStrings, into out: inout HTMLWriter) {
        var collector = UnitCollector()
        collector.walk(Array(blocks))
        for (unit, _) in collector.units {
            guard let found = stale[unit.id], noted.insert(unit.id).inserted else { continue }
            out.raw("<p class=\"stale-note\"><strong>"); out.text(strings["staleSentence"] ?? "Outdated sentence:"); out.raw("</strong> <q>")
            out.text(TranslationQA.clip(found.translation, 60)); out.raw("</q><br>\n")
            if let current = found.current {
                out.text(strings["staleCurrent"] ?? "Current English:"); out.raw(" <q lang=\""); out.text(englishLang); out.raw("\""); out.raw(englishDir)
                out.raw(">"); out.text(current); out.raw("</q>")
            } else {
                out.text(strings["staleGone"] ?? "No sentence of the current English matches it.")
            }
            out.raw("</p>\n")
        }
    }
}
