import Foundation
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
    /// `ms.date` as a date: the `MM/dd/yyyy` Microsoft's docs write (`10/01/2020`, `4/1/2021`) or ISO
    /// 8601's `yyyy-MM-dd`, as `(year, month, day)`; nil when it is neither or not a day of the calendar.
    public var day: (year: Int, month: Int, day: Int)? { self["ms.date"]?.string.flatMap(Self.day(of:)) }

    /// A date written `MM/dd/yyyy` or `yyyy-MM-dd` (ISO 8601) as `(year, month, day)` of the
    /// Gregorian calendar; nil when it is neither or not a day of the calendar.
    public static func day(of written: String) -> (year: Int, month: Int, day: Int)? { days[written] }

    private static let days = Memo<String, (year: Int, month: Int, day: Int)?> { written in
        let text = written.trimmingCharacters(in: .whitespaces)
        let us = text.split(separator: "/", omittingEmptySubsequences: false)
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let parts: [Int]
        if us.count == 3, let m = Int(us[0]), let d = Int(us[1]), let y = Int(us[2]) { parts = [y, m, d] }
        else if iso.count == 3, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) { parts = [y, m, d] }
        else { return nil }
        var components = DateComponents(calendar: Calendar(identifier: .gregorian), year: parts[0], month: parts[1], day: parts[2])
        components.timeZone = TimeZone(identifier: "UTC")
        guard (1000...9999).contains(parts[0]), components.isValidDate else { return nil }
        return (parts[0], parts[1], parts[2])
    }

    /// `ms.date` as written.
    public var date: String? { self["ms.date"]?.string }

    public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
        lhs.entries.map(\.key) == rhs.entries.map(\.key) && lhs.entries.map(\.value) == rhs.entries.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for (k, v) in entries { hasher.combine(k); hasher.combine(v) }
    }
}
