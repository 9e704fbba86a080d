/// An inline node: text and phrasing markup inside a paragraph, heading or table cell.
public struct Inline: Sendable, Hashable {
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = .unknown) {
        self.kind = kind
        self.range = range
    }

    public enum Kind: Sendable, Hashable {
        /// Text, with entities already decoded.
        case text(String)
        /// Inline code.
        case code(String)
        case emphasis([Inline])
        case strong([Inline])
        case strikethrough([Inline])
        case link(Link)
        case image(Image)
        /// Raw inline HTML other than the translation-unit spans, kept as written.
        case html(String)
        case softBreak
        case lineBreak
        /// One translated sentence: its id, the target-language inlines and the English source inlines.
        case unit(TranslationUnit)
    }

    public struct Link: Sendable, Hashable {
        public var destination: String
        public var title: String
        public var children: [Inline]

        public init(destination: String, title: String = "", children: [Inline]) {
            self.destination = destination
            self.title = title
            self.children = children
        }
    }

    public struct Image: Sendable, Hashable {
        public var source: String
        public var title: String
        /// The alt text as inlines (it may hold a translation unit).
        public var alt: [Inline]

        public init(source: String, title: String = "", alt: [Inline]) {
            self.source = source
            self.title = title
            self.alt = alt
        }
    }
}

/// A translation unit: `<span data-ttu-id="ID">target</span><span class="sxs-lookup"><span data-stu-id="ID">source</span></span>`.
public struct TranslationUnit: Sendable, Hashable {
    public var id: String
    public var target: [Inline]
    public var source: [Inline]

    public init(id: String, target: [Inline], source: [Inline]) {
        self.id = id
        self.target = target
        self.source = source
    }
}

extension Inline {
    public static func text(_ value: String, range: SourceRange = .unknown) -> Inline {
        Inline(.text(value), range: range)
    }

    /// The inlines directly inside this one (a unit's target and source both count).
    public var children: [Inline] {
        switch kind {
        case .emphasis(let c), .strong(let c), .strikethrough(let c): return c
        case .link(let link): return link.children
        case .image(let image): return image.alt
        case .unit(let unit): return unit.target + unit.source
        case .text, .code, .html, .softBreak, .lineBreak: return []
        }
    }
}

extension Inline {
    /// This inline with each list of inlines directly inside it (an emphasis's, a link's text, an
    /// image's alt text, a unit's target and source) passed through `transform`; the unit's side is
    /// given (nil outside a unit).
    public func mappingChildren(_ transform: ([Inline], TextSide?) throws -> [Inline], side: TextSide? = nil) rethrows -> Inline {
        var inline = self
        switch kind {
        case .emphasis(let c): inline.kind = .emphasis(try transform(c, side))
        case .strong(let c): inline.kind = .strong(try transform(c, side))
        case .strikethrough(let c): inline.kind = .strikethrough(try transform(c, side))
        case .link(var link):
            link.children = try transform(link.children, side)
            inline.kind = .link(link)
        case .image(var image):
            image.alt = try transform(image.alt, side)
            inline.kind = .image(image)
        case .unit(var unit):
            unit.target = try transform(unit.target, .target)
            unit.source = try transform(unit.source, .source)
            inline.kind = .unit(unit)
        case .text, .code, .html, .softBreak, .lineBreak: break
        }
        return inline
    }
}

/// The two languages of a translated page.
public enum TextSide: Sendable, Hashable {
    /// The translation (e.g. Spanish).
    case target
    /// The original the translation was made from (English).
    case source
}

extension Array where Element == Inline {
    /// These inlines with each unit replaced by its target or its source inlines.
    public func side(_ side: TextSide) -> [Inline] {
        guard contains(where: { if case .unit = $0.kind { return true } else { return false } }) else { return self }
        return flatMap { inline -> [Inline] in
            if case .unit(let unit) = inline.kind { return side == .source ? unit.source : unit.target }
            return [inline]
        }
    }
}
