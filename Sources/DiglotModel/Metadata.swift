/// A front-matter value, kept as written: scalars stay strings (`ms.locfileid: "112551646"` is "112551646").
public indirect enum MetadataValue: Sendable, Hashable {
    case string(String)
    case list([MetadataValue])
    case map([(key: String, value: MetadataValue)])
    case null

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public static func == (lhs: MetadataValue, rhs: MetadataValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.map(a), .map(b)): return a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case (.null, .null): return true
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let s): hasher.combine(s)
        case .list(let l): hasher.combine(l)
        case .map(let m): for (k, v) in m { hasher.combine(k); hasher.combine(v) }
        case .null: hasher.combine(0)
        }
    }
}

/// A page's front matter: the common keys, and every key in the order it was written.
public struct Metadata: Sendable, Hashable {
    /// Every key as given, in file order (the named properties below read from it).
    public var entries: [(key: String, value: MetadataValue)]

    public init(entries: [(key: String, value: MetadataValue)] = []) {
        self.entries = entries
    }

    public subscript(key: String) -> MetadataValue? {
        entries.first { $0.key == key }?.value
    }

    public var title: String? { self["title"]?.string }
    public var description: String? { self["description"]?.string }
    /// `ms.contentlocale`, e.g. `es-ES`.
    public var locale: String? { self["ms.contentlocale"]?.string }
    /// `ms.translationtype`: `MT` (machine), `HT` (human) or another value.
    public var translationType: String? { self["ms.translationtype"]?.string }
    /// `ms.date` as written.
    public var date: String? { self["ms.date"]?.string }

    public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
        lhs.entries.map(\.key) == rhs.entries.map(\.key) && lhs.entries.map(\.value) == rhs.entries.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for (k, v) in entries { hasher.combine(k); hasher.combine(v) }
    }
}
