/// The check stage: what `diglot check` adds to the findings of load, parse and resolve, without
/// rendering anything. The translation QA of every unit (with `diglot.yml`'s settings, DG7xx) and the
/// raw HTML outside units that is kept as the author wrote it but would run script or load from an
/// unsafe address (DG801–DG803: reported here only; units and links were made safe when parsed).
enum SiteChecker {
    static func check(_ resolved: ResolvedSite, qa: QAConfig) -> [Diagnostic] {
        let layout = resolved.layout
        return TranslationQA(config: qa).check(resolved.pages) { layout.docset(of: $0)?.source ?? "" }
            + resolved.pages.flatMap(ActiveContent.report)
    }
}
