import DiglotModel

/// Builds the inlines of one leaf block (paragraph, heading, table cell, raw HTML block) from a stream
/// of events, and assembles translation units out of the span tags around them:
///
///     <span data-ttu-id="ID">target</span><span class="sxs-lookup"><span data-stu-id="ID">source</span></span>
///
/// It knows nothing of cmark: the converter feeds it cmark's inline nodes, and the raw-HTML scanner
/// feeds it the tags and text of an HTML block, so both kinds of unit come out the same way.
/// Inline containers (emphasis, links…) and open spans share one frame stack, so a unit may sit inside a
/// link and a link inside a unit; a span left open when its container ends is reported and closed.
struct InlineAssembler {
    struct Finding {
        var code: DiagnosticCode
        var location: SourceLocation
        var message: String
    }

    enum Container {
        case emphasis, strong, strikethrough
        case link(destination: String, title: String)
        case image(source: String, title: String)

        /// The inline this container makes of its content.
        func kind(_ children: [Inline]) -> Inline.Kind {
            switch self {
            case .emphasis: return .emphasis(children)
            case .strong: return .strong(children)
            case .strikethrough: return .strikethrough(children)
            case .link(let destination, let title): return .link(Inline.Link(destination: destination, title: title, children: children))
            case .image(let source, let title): return .image(Inline.Image(source: source, title: title, alt: children))
            }
        }
    }

    private enum Phase {
        case target, afterTarget, lookup, source, afterSource
    }

    private struct UnitState {
        var id: String
        var phase: Phase
        var target: [Inline] = []

        /// The unit as far as it came: `children` are its frame's, the target's or the source's by the phase.
        func unit(_ children: [Inline]) -> TranslationUnit {
            switch phase {
            case .target: return TranslationUnit(id: id, target: children, source: [])
            case .source, .afterSource: return TranslationUnit(id: id, target: target, source: children)
            case .afterTarget, .lookup: return TranslationUnit(id: id, target: target, source: [])
            }
        }
    }

    private enum FrameKind {
        case root
        case container(Container)
        case unit(UnitState)
        case span(openTag: String, range: SourceRange)
    }

    private struct Frame {
        var kind: FrameKind
        var start: SourceLocation
        var children: [Inline] = []
        /// A container split by a unit boundary and opened again after it (see `liftingContainers`).
        var reopened = false
        /// The frame whose children this frame's content goes to: itself, or for a plain span the
        /// frame under it. A plain span is kept as raw HTML in its parent, so its tags and content go
        /// straight there (copying a span's children into its parent at every close was quadratic in
        /// the depth of nested spans: 20,000 of them took 20 s).
        var sink = 0
        /// How many frames at or under this one nest in the model (the root, containers and units;
        /// not plain spans).
        var depth = 1
    }

    /// The deepest the model nests inlines (containers and units; plain spans are kept flat): 32. A container or
    /// unit that would open deeper is not opened (its content stays in the frame around it), and the
    /// first such place is reported (DG213), so that no later walk of the model recurses without bound.
    static let maxDepth = 32

    private var stack: [Frame]
    /// For every container opened and not yet closed: whether it was left unopened (too deep).
    private var unopened: [Bool] = []
    private var reportedDepth = false
    private(set) var findings: [Finding] = []
    /// Every unit assembled, with where it starts, in document order (for the duplicate-id check).
    private(set) var unitStarts: [(id: String, location: SourceLocation)] = []

    init(start: SourceLocation = SourceLocation(line: 1, column: 1)) {
        stack = [Frame(kind: .root, start: start)]
    }

    // MARK: Events

    /// Appends a leaf inline (text, code, break, raw HTML that is not a span) to the innermost frame.
    mutating func append(_ inline: Inline) {
        settleWaitingUnit(at: inline.range.start)
        // cmark splits text at characters that might have been markup (`[`, `!`, `*`…); join the
        // pieces again, so that `[!NOTE]` or a `:::image` line is one text.
        let top = stack[stack.count - 1].sink
        if case .text(let more) = inline.kind, let lastIndex = stack[top].children.indices.last,
           case .text(var text) = stack[top].children[lastIndex].kind {
            // Take the text out first so that it is uniquely held and grows in place.
            stack[top].children[lastIndex].kind = .softBreak
            text += more
            stack[top].children[lastIndex].kind = .text(text)
            stack[top].children[lastIndex].range.end = inline.range.end
            return
        }
        stack[top].children.append(inline)
    }

    /// Adds a finished inline to the frame that collects the innermost frame's content.
    private mutating func appendChild(_ inline: Inline) {
        stack[stack[stack.count - 1].sink].children.append(inline)
    }

    /// Opens a frame; a plain span's opening tag goes to its parent at once (see `Frame.sink`).
    private mutating func push(_ frame: Frame) {
        var frame = frame
        if case .span(let openTag, let range) = frame.kind {
            frame.sink = stack[stack.count - 1].sink
            frame.depth = stack[stack.count - 1].depth
            stack[frame.sink].children.append(Inline(.html(openTag), range: range))
        } else {
            frame.sink = stack.count
            frame.depth = stack[stack.count - 1].depth + 1
        }
        stack.append(frame)
    }

    mutating func open(_ container: Container, at start: SourceLocation) {
        settleWaitingUnit(at: start)
        guard !tooDeep(at: start) else {
            unopened.append(true)
            return
        }
        unopened.append(false)
        push(Frame(kind: .container(container), start: start))
    }

    /// Whether a frame opened here would pass `maxDepth` (reported the first time).
    private mutating func tooDeep(at location: SourceLocation) -> Bool {
        guard stack[stack.count - 1].depth > InlineAssembler.maxDepth else { return false }
        if !reportedDepth {
            reportedDepth = true
            report(.nestingTooDeep, at: location, "inline markup nests more than \(InlineAssembler.maxDepth) levels deep here; the deeper levels are flattened")
        }
        return true
    }

    /// Ends the innermost container; spans still open inside it are closed and reported.
    mutating func close(at end: SourceLocation) {
        if unopened.popLast() == true { return }
        closeContainer(at: end)
    }

    private mutating func closeContainer(at end: SourceLocation) {
        closeSpans(until: { if case .container = $0 { return true } else { return false } }, at: end)
        guard stack.count > 1, case .container(let container) = stack[stack.count - 1].kind else { return }
        let frame = stack.removeLast()
        if frame.reopened && frame.children.isEmpty { return }
        appendBuilt(frame, container: container, end: end)
    }

    private mutating func appendBuilt(_ frame: Frame, container: Container, end: SourceLocation) {
        appendChild(Inline(container.kind(frame.children), range: SourceRange(start: frame.start, end: end)))
    }

    /// A raw HTML tag: span tags drive the unit assembly, others are kept as raw HTML.
    mutating func tag(_ literal: String, range: SourceRange) {
        tag(HTMLTag(literal), literal: literal, range: range)
    }

    /// A raw HTML tag already classified; `literal` is the tag as written (made only when kept).
    mutating func tag(_ tag: HTMLTag, literal: @autoclosure () -> String, range: SourceRange) {
        switch tag {
        case .unitTarget(let id):
            settleWaitingUnit(at: range.start)
            if tooDeep(at: range.start) {
                push(Frame(kind: .span(openTag: literal(), range: range), start: range.start))
            } else {
                push(Frame(kind: .unit(UnitState(id: id, phase: .target)), start: range.start))
            }

        case .lookup:
            atSpanTag(range) { $0.lookupTag(literal(), range: range) }

        case .unitSource(let id):
            atSpanTag(range) { $0.sourceTag(id: id, literal: literal(), range: range) }

        case .otherSpanOpen:
            settleWaitingUnit(at: range.start)
            push(Frame(kind: .span(openTag: literal(), range: range), start: range.start))

        case .spanClose:
            atSpanTag(range) { $0.closeSpan("</span>", range: range) }

        case .anchorOpen, .anchorClose, .other:
            append(Inline(.html(literal()), range: range))
        }
    }

    /// Markdown emphasis may pair delimiters across a unit's span tags (`_31 de agosto</span>…<span
    /// data-stu-id="…">_ August 31`), so that cmark opens a container inside the target and closes it
    /// inside the source. The span structure wins: the containers above the innermost open span are
    /// closed before the tag, and opened again after it, and the crossing is reported.
    private mutating func atSpanTag(_ range: SourceRange, _ body: (inout InlineAssembler) -> Void) {
        if case .container = stack[stack.count - 1].kind { liftingContainers(at: range.start, body) } else { body(&self) }
    }

    private mutating func liftingContainers(at location: SourceLocation, _ body: (inout InlineAssembler) -> Void) {
        guard let spanIndex = stack.lastIndex(where: { if case .container = $0.kind { return false } else { return true } }),
              spanIndex > 0, spanIndex < stack.count - 1 else {
            body(&self)
            return
        }
        var lifted: [Frame] = []
        while stack.count - 1 > spanIndex {
            let frame = stack.removeLast()
            guard case .container(let container) = frame.kind else { break }
            if !(frame.reopened && frame.children.isEmpty) {
                appendBuilt(frame, container: container, end: location)
                if case .unit(let unit) = stack[spanIndex].kind {
                    report(.markupCrossesUnit, at: frame.start, "markup that starts here crosses a span of unit \"\(unit.id)\"; it is split at the span")
                }
            }
            lifted.append(Frame(kind: frame.kind, start: location, reopened: true))
        }
        body(&self)
        for frame in lifted.reversed() { push(frame) }
    }

    private mutating func lookupTag(_ literal: @autoclosure () -> String, range: SourceRange) {
        if case .unit(var unit) = stack[stack.count - 1].kind, unit.phase == .afterTarget {
            unit.phase = .lookup
            stack[stack.count - 1].kind = .unit(unit)
        } else {
            openStraySpan(literal(), range: range, "a sxs-lookup span with no translation unit before it")
        }
    }

    private mutating func sourceTag(id: String, literal: @autoclosure () -> String, range: SourceRange) {
        if case .unit(var unit) = stack[stack.count - 1].kind, unit.phase == .lookup {
            if id != unit.id {
                report(.unitIdMismatch, at: range.start,
                       "source id \"\(id)\" differs from target id \"\(unit.id)\"")
            }
            unit.phase = .source
            stack[stack.count - 1].kind = .unit(unit)
        } else {
            openStraySpan(literal(), range: range, "a source span (data-stu-id \"\(id)\") outside a sxs-lookup span")
        }
    }

    /// A unit's span tag out of place: reported, and kept as a plain span so nothing in it is lost.
    private mutating func openStraySpan(_ literal: String, range: SourceRange, _ message: String) {
        settleWaitingUnit(at: range.start)
        report(.straySpan, at: range.start, message)
        push(Frame(kind: .span(openTag: literal, range: range), start: range.start))
    }

    /// Ends the block: closes what is still open (reporting unclosed units) and returns the inlines.
    mutating func finish(at end: SourceLocation) -> [Inline] {
        closeSpans(until: { _ in false }, at: end)
        while stack.count > 1 { closeContainer(at: end) }
        return stack[0].children
    }

    // MARK: Units

    private mutating func closeSpan(_ literal: String, range: SourceRange) {
        let top = stack[stack.count - 1]
        switch top.kind {
        case .unit(var unit):
            switch unit.phase {
            case .target:
                unit.target = top.children
                unit.phase = .afterTarget
                stack[stack.count - 1].children = []
                stack[stack.count - 1].kind = .unit(unit)
            case .source:
                unit.phase = .afterSource
                stack[stack.count - 1].kind = .unit(unit)
            case .afterSource:
                finishUnit(at: range.end)
            case .lookup:
                report(.unitMissingSource, at: top.start, "unit \"\(unit.id)\" has an empty sxs-lookup span with no data-stu-id span in it")
                finishUnit(at: range.end)
            case .afterTarget:
                report(.unitMissingSource, at: top.start, "unit \"\(unit.id)\" has no sxs-lookup source after it")
                finishUnit(at: range.start)
                report(.straySpan, at: range.start, "a </span> that closes no open span")
                appendChild(Inline(.html(literal), range: range))
            }
        case .span:
            // Its opening tag and content are in the parent already.
            stack.removeLast()
            appendChild(Inline(.html(literal), range: range))
        case .root, .container:
            report(.straySpan, at: range.start, "a </span> that closes no open span")
            appendChild(Inline(.html(literal), range: range))
        }
    }

    /// When the innermost frame is a unit waiting for the rest of its markup and something else comes,
    /// the unit ends there with a diagnostic.
    private mutating func settleWaitingUnit(at location: SourceLocation) {
        guard case .unit(let unit) = stack[stack.count - 1].kind else { return }
        switch unit.phase {
        case .target, .source: return
        case .afterTarget:
            report(.unitMissingSource, at: stack[stack.count - 1].start, "unit \"\(unit.id)\" has no sxs-lookup source after it")
        case .lookup:
            report(.unitMissingSource, at: stack[stack.count - 1].start, "unit \"\(unit.id)\": the sxs-lookup span holds no data-stu-id span")
        case .afterSource:
            report(.unclosedSpan, at: location, "the sxs-lookup span of unit \"\(unit.id)\" is not closed")
        }
        finishUnit(at: location)
    }

    /// Closes span frames until `stop` matches a frame (or only the root is left), reporting open units.
    private mutating func closeSpans(until stop: (FrameKind) -> Bool, at end: SourceLocation) {
        while stack.count > 1 {
            let top = stack[stack.count - 1]
            if stop(top.kind) { return }
            switch top.kind {
            case .unit(let unit):
                switch unit.phase {
                case .target:
                    report(.unclosedSpan, at: top.start, "the target span of unit \"\(unit.id)\" is not closed")
                    finishUnit(at: end)
                case .source:
                    report(.unclosedSpan, at: top.start, "the source span of unit \"\(unit.id)\" is not closed")
                    finishUnit(at: end)
                case .afterTarget, .lookup, .afterSource:
                    settleWaitingUnit(at: end)
                }
            case .span:
                // A plain span left open in this block is legal HTML: kept as written (its tag and
                // content are in the parent already).
                stack.removeLast()
            case .root, .container:
                return
            }
        }
    }

    private mutating func finishUnit(at end: SourceLocation) {
        let frame = stack.removeLast()
        guard case .unit(let state) = frame.kind else { return }
        unitStarts.append((state.id, frame.start))
        appendChild(Inline(.unit(state.unit(frame.children)), range: SourceRange(start: frame.start, end: end)))
    }

    private mutating func report(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        findings.append(Finding(code: code, location: location, message: message))
    }
}
