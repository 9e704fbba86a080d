// The model's JSON form (documented in the README): every node is an object with a "type" and a
// "range", and the fields of its kind beside them.

private struct Key: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(_ string: String) { stringValue = string }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}

extension Key: ExpressibleByStringLiteral {
    package init(stringLiteral value: String) { self.init(value) }
}

extension MetadataValue: Codable {
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .list(let l):
            var c = encoder.unkeyedContainer()
            for v in l { try c.encode(v) }
        case .map(let m):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in m { try c.encode(v, forKey: Key(k)) }
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        }
    }

    public init(from decoder: Decoder) throws {
        if let c = try? decoder.container(keyedBy: Key.self) {
            self = .map(try c.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try c.decode(MetadataValue.self, forKey: $0)) })
        } else if var c = try? decoder.unkeyedContainer() {
            var values: [MetadataValue] = []
            while !c.isAtEnd { values.append(try c.decode(MetadataValue.self)) }
            self = .list(values)
        } else {
            let c = try decoder.singleValueContainer()
            self = c.decodeNil() ? .null : .string(try c.decode(String.self))
        }
    }
}

extension Metadata: Codable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encodeIfPresent(title, forKey: "title")
        try c.encodeIfPresent(description, forKey: "description")
        try c.encodeIfPresent(locale, forKey: "locale")
        try c.encodeIfPresent(translationType, forKey: "translationType")
        try c.encodeIfPresent(date, forKey: "date")
        try c.encode(MetadataValue.map(entries), forKey: "entries")
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if case .map(let entries) = try c.decode(MetadataValue.self, forKey: "entries") {
            self.init(entries: entries)
        } else {
            self.init()
        }
    }
}

extension Page: Codable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(path, forKey: "path")
        try c.encode(metadata, forKey: "metadata")
        try c.encode(segments, forKey: "segments")
        try c.encode(blocks, forKey: "blocks")
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(path: try c.decode(String.self, forKey: "path"),
                  metadata: try c.decode(Metadata.self, forKey: "metadata"),
                  blocks: try c.decode([Block].self, forKey: "blocks"))
    }
}


extension Block: Codable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch kind {
        case .heading(let h):
            try c.encode("heading", forKey: "type")
            try c.encode(h.level, forKey: "level")
            try c.encodeIfPresent(h.anchor, forKey: "anchor")
            try c.encode(h.content, forKey: "content")
            try c.encodeIfPresent(h.idText, forKey: "idText")
        case .paragraph(let content):
            try c.encode("paragraph", forKey: "type")
            try c.encode(content, forKey: "content")
        case .list(let l):
            try c.encode("list", forKey: "type")
            try c.encode(l.ordered, forKey: "ordered")
            try c.encode(l.start, forKey: "start")
            try c.encode(l.tight, forKey: "tight")
            try c.encode(l.items, forKey: "items")
        case .alert(let a):
            try c.encode("alert", forKey: "type")
            try c.encode(a.kind, forKey: "alertKind")
            try c.encode(a.blocks, forKey: "blocks")
        case .blockquote(let blocks):
            try c.encode("blockquote", forKey: "type")
            try c.encode(blocks, forKey: "blocks")
        case .table(let t):
            try c.encode("table", forKey: "type")
            try c.encode(t.alignments, forKey: "alignments")
            try c.encode(t.header, forKey: "header")
            try c.encode(t.rows, forKey: "rows")
        case .codeBlock(let code):
            try c.encode("codeBlock", forKey: "type")
            try c.encode(code.info, forKey: "info")
            try c.encode(code.code, forKey: "code")
            if !code.highlight.isEmpty { try c.encode(code.highlight, forKey: "highlight") }
        case .codeSnippet(let snippet):
            try c.encode("codeSnippet", forKey: "type")
            try c.encode(snippet.language, forKey: "language")
            try c.encode(snippet.source, forKey: "source")
            try c.encode(snippet.file, forKey: "file")
            try c.encodeIfPresent(snippet.region, forKey: "region")
            if !snippet.ranges.isEmpty { try c.encode(snippet.ranges, forKey: "ranges") }
            if !snippet.highlight.isEmpty { try c.encode(snippet.highlight, forKey: "highlight") }
            try c.encodeIfPresent(snippet.dedent, forKey: "dedent")
            try c.encodeIfPresent(snippet.interactive, forKey: "interactive")
            try c.encodeIfPresent(snippet.problem, forKey: "problem")
        case .figure(let f):
            try c.encode("figure", forKey: "type")
            try c.encode(f.type, forKey: "figureType")
            try c.encode(f.source, forKey: "source")
            try c.encode(f.altText, forKey: "altText")
            try c.encodeIfPresent(f.lightbox, forKey: "lightbox")
            try c.encodeIfPresent(f.border, forKey: "border")
            if !f.description.isEmpty { try c.encode(f.description, forKey: "description") }
        case .section(let s):
            try c.encode("section", forKey: "type")
            try c.encode(s.classes, forKey: "classes")
            try c.encode(s.blocks, forKey: "blocks")
        case .tabGroup(let group):
            try c.encode("tabGroup", forKey: "type")
            try c.encode(group.tabs, forKey: "tabs")
        case .moniker(let moniker):
            try c.encode("moniker", forKey: "type")
            try c.encode(moniker.range, forKey: "monikerRange")
            try c.encode(moniker.blocks, forKey: "blocks")
        case .zone(let zone):
            try c.encode("zone", forKey: "type")
            try c.encode(zone.pivots, forKey: "pivots")
            try c.encodeIfPresent(zone.target, forKey: "target")
            try c.encode(zone.blocks, forKey: "blocks")
        case .row(let row):
            try c.encode("row", forKey: "type")
            try c.encode(row.columns, forKey: "columns")
        case .video(let video):
            try c.encode("video", forKey: "type")
            try c.encode(video.source, forKey: "source")
        case .thematicBreak:
            try c.encode("thematicBreak", forKey: "type")
        case .html(let content):
            try c.encode("html", forKey: "type")
            try c.encode(content, forKey: "content")
        }
        try c.encode(range, forKey: "range")
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let range = try c.decode(SourceRange.self, forKey: "range")
        let type = try c.decode(String.self, forKey: "type")
        let kind: Kind
        switch type {
        case "heading":
            kind = .heading(Heading(level: try c.decode(Int.self, forKey: "level"),
                                    anchor: try c.decodeIfPresent(String.self, forKey: "anchor"),
                                    content: try c.decode([Inline].self, forKey: "content"),
                                    idText: try c.decodeIfPresent(String.self, forKey: "idText")))
        case "paragraph": kind = .paragraph(try c.decode([Inline].self, forKey: "content"))
        case "list":
            kind = .list(List(ordered: try c.decode(Bool.self, forKey: "ordered"), start: try c.decode(Int.self, forKey: "start"),
                              tight: try c.decode(Bool.self, forKey: "tight"), items: try c.decode([ListItem].self, forKey: "items")))
        case "alert":
            kind = .alert(Alert(kind: try c.decode(AlertKind.self, forKey: "alertKind"), blocks: try c.decode([Block].self, forKey: "blocks")))
        case "blockquote": kind = .blockquote(try c.decode([Block].self, forKey: "blocks"))
        case "table":
            kind = .table(Table(alignments: try c.decode([Alignment].self, forKey: "alignments"),
                                header: try c.decode([TableCell].self, forKey: "header"),
                                rows: try c.decode([[TableCell]].self, forKey: "rows")))
        case "codeBlock":
            kind = .codeBlock(CodeBlock(info: try c.decode(String.self, forKey: "info"), code: try c.decode(String.self, forKey: "code"),
                                        highlight: try c.decodeIfPresent([Int].self, forKey: "highlight") ?? []))
        case "codeSnippet":
            kind = .codeSnippet(CodeSnippet(language: try c.decode(String.self, forKey: "language"), source: try c.decode(String.self, forKey: "source"),
                                            file: try c.decode(String.self, forKey: "file"), region: try c.decodeIfPresent(String.self, forKey: "region"),
                                            ranges: try c.decodeIfPresent([LineRange].self, forKey: "ranges") ?? [],
                                            highlight: try c.decodeIfPresent([LineRange].self, forKey: "highlight") ?? [],
                                            dedent: try c.decodeIfPresent(Int.self, forKey: "dedent"),
                                            interactive: try c.decodeIfPresent(String.self, forKey: "interactive"),
                                            problem: try c.decodeIfPresent(String.self, forKey: "problem")))
        case "figure":
            kind = .figure(Figure(type: try c.decode(String.self, forKey: "figureType"), source: try c.decode(String.self, forKey: "source"),
                                  altText: try c.decode(String.self, forKey: "altText"),
                                  lightbox: try c.decodeIfPresent(String.self, forKey: "lightbox"),
                                  border: try c.decodeIfPresent(Bool.self, forKey: "border"),
                                  description: try c.decodeIfPresent([Block].self, forKey: "description") ?? []))
        case "section":
            kind = .section(Section(classes: try c.decode(String.self, forKey: "classes"), blocks: try c.decode([Block].self, forKey: "blocks")))
        case "tabGroup": kind = .tabGroup(TabGroup(tabs: try c.decode([Tab].self, forKey: "tabs")))
        case "moniker":
            kind = .moniker(Moniker(range: try c.decode(String.self, forKey: "monikerRange"), blocks: try c.decode([Block].self, forKey: "blocks")))
        case "zone":
            kind = .zone(Zone(pivots: try c.decode([String].self, forKey: "pivots"), target: try c.decodeIfPresent(String.self, forKey: "target"),
                              blocks: try c.decode([Block].self, forKey: "blocks")))
        case "row": kind = .row(Row(columns: try c.decode([Column].self, forKey: "columns")))
        case "video": kind = .video(Video(source: try c.decode(String.self, forKey: "source")))
        case "thematicBreak": kind = .thematicBreak
        case "html": kind = .html(try c.decode([Inline].self, forKey: "content"))
        default:
            throw DecodingError.dataCorruptedError(forKey: "type", in: c, debugDescription: "unknown block type \(type)")
        }
        self.init(kind, range: range)
    }
}

extension Inline: Codable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch kind {
        case .text(let s):
            try c.encode("text", forKey: "type")
            try c.encode(s, forKey: "value")
        case .code(let s):
            try c.encode("code", forKey: "type")
            try c.encode(s, forKey: "value")
        case .html(let s):
            try c.encode("html", forKey: "type")
            try c.encode(s, forKey: "value")
        case .emphasis(let children):
            try c.encode("emphasis", forKey: "type")
            try c.encode(children, forKey: "children")
        case .strong(let children):
            try c.encode("strong", forKey: "type")
            try c.encode(children, forKey: "children")
        case .strikethrough(let children):
            try c.encode("strikethrough", forKey: "type")
            try c.encode(children, forKey: "children")
        case .link(let link):
            try c.encode("link", forKey: "type")
            try c.encode(link.destination, forKey: "destination")
            try c.encode(link.title, forKey: "title")
            try c.encode(link.children, forKey: "children")
        case .image(let image):
            try c.encode("image", forKey: "type")
            try c.encode(image.source, forKey: "source")
            try c.encode(image.title, forKey: "title")
            try c.encode(image.alt, forKey: "alt")
        case .softBreak:
            try c.encode("softBreak", forKey: "type")
        case .lineBreak:
            try c.encode("lineBreak", forKey: "type")
        case .unit(let unit):
            try c.encode("unit", forKey: "type")
            try c.encode(unit.id, forKey: "id")
            try c.encode(unit.target, forKey: "target")
            try c.encode(unit.source, forKey: "source")
        }
        try c.encode(range, forKey: "range")
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let range = try c.decode(SourceRange.self, forKey: "range")
        let type = try c.decode(String.self, forKey: "type")
        func children(_ key: String = "children") throws -> [Inline] { try c.decode([Inline].self, forKey: Key(key)) }
        let kind: Kind
        switch type {
        case "text": kind = .text(try c.decode(String.self, forKey: "value"))
        case "code": kind = .code(try c.decode(String.self, forKey: "value"))
        case "html": kind = .html(try c.decode(String.self, forKey: "value"))
        case "emphasis": kind = .emphasis(try children())
        case "strong": kind = .strong(try children())
        case "strikethrough": kind = .strikethrough(try children())
        case "link":
            kind = .link(Link(destination: try c.decode(String.self, forKey: "destination"),
                              title: try c.decode(String.self, forKey: "title"), children: try children()))
        case "image":
            kind = .image(Image(source: try c.decode(String.self, forKey: "source"),
                                title: try c.decode(String.self, forKey: "title"), alt: try children("alt")))
        case "softBreak": kind = .softBreak
        case "lineBreak": kind = .lineBreak
        case "unit":
            kind = .unit(TranslationUnit(id: try c.decode(String.self, forKey: "id"),
                                         target: try children("target"), source: try children("source")))
        default:
            throw DecodingError.dataCorruptedError(forKey: "type", in: c, debugDescription: "unknown inline type \(type)")
        }
        self.init(kind, range: range)
    }
}
