import Foundation

/// A moniker range, as DocFX and Learn write them in `monikerRange` (front matter, docfx.json
/// metadata) and `::: moniker range="…"`: comparators separated by spaces all hold, `||` separates
/// alternatives; a comparator is an operator (`=`, `<`, `<=`, `>`, `>=`; none means `=`) and a
/// moniker, a space between them allowed (`>= aspnetcore-3.0`). A moniker is a product and a version
/// (`aspnetcore-3.1`: product `aspnetcore`, version 3.1); comparisons hold between monikers of one
/// product, in version order. Source: Learn's "Versioning" contributor reference and DocFX's
/// `MonikerRangeParser` (the grammar above).
///
/// The docset's monikers are the ones its pages name (DocFX reads them from a moniker definition
/// file of the publishing service, which docs repositories do not hold): the picker lists them.
public struct MonikerRange: Sendable, Hashable {
    public enum Operator: String, Sendable { case equal = "=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=" }

    public struct Comparator: Sendable, Hashable {
        public var op: Operator
        public var moniker: String
    }

    /// Alternatives, each a list of comparators that must all hold.
    public let alternatives: [[Comparator]]

    /// Parses a range; nil when it is not one (an operator with no moniker, a character a moniker
    /// cannot hold, nothing at all).
    public init?(_ text: String) {
        var alternatives: [[Comparator]] = []
        for alternative in text.components(separatedBy: "||") {
            var comparators: [Comparator] = []
            var pending: Operator?
            for token in alternative.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                var rest = Substring(token)
                var op: Operator?
                for candidate in [Operator.lessOrEqual, .greaterOrEqual, .less, .greater, .equal] where rest.hasPrefix(candidate.rawValue) {
                    op = candidate
                    rest = rest.dropFirst(candidate.rawValue.count)
                    break
                }
                if let op {
                    guard pending == nil else { return nil }
                    if rest.isEmpty { pending = op; continue }
                }
                guard Self.isMoniker(rest) else { return nil }
                comparators.append(Comparator(op: op ?? pending ?? .equal, moniker: rest.lowercased()))
                pending = nil
            }
            guard pending == nil, !comparators.isEmpty else { return nil }
            alternatives.append(comparators)
        }
        guard !alternatives.isEmpty else { return nil }
        self.alternatives = alternatives
    }

    /// The monikers the range names.
    public var monikers: [String] { alternatives.flatMap { $0.map(\.moniker) } }

    /// Whether the range takes in `moniker`, given the docset's monikers in `order` (see `ordered`).
    public func contains(_ moniker: String, order: [String]) -> Bool {
        contains(moniker, in: Order(order))
    }

    /// The same against an `Order` made once: a position lookup per comparator, not a search
    /// (a page of thousands of moniker blocks made the search cubic).
    public func contains(_ moniker: String, in order: Order) -> Bool {
        guard let at = order.position[moniker] else { return false }
        let product = order.products[at]
        return alternatives.contains { comparators in
            comparators.allSatisfy { comparator in
                guard let other = order.position[comparator.moniker], order.products[other] == product else { return false }
                switch comparator.op {
                case .equal: return at == other
                case .less: return at < other
                case .lessOrEqual: return at <= other
                case .greater: return at > other
                case .greaterOrEqual: return at >= other
                }
            }
        }
    }

    /// Monikers in order (see `ordered`), with each one's position and product, for many `contains`.
    public struct Order: Sendable {
        public let monikers: [String]
        let position: [String: Int]
        let products: [Substring]

        public init(_ monikers: [String]) {
            self.monikers = monikers
            self.position = Dictionary(monikers.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            self.products = monikers.map(MonikerRange.product(of:))
        }
    }

    /// Monikers in order: by product, then by version, numerically (`aspnetcore-2.2` before
    /// `aspnetcore-3.0` before `aspnetcore-10.0`); duplicates removed.
    public static func ordered(_ monikers: some Sequence<String>) -> [String] {
        Set(monikers).sorted { a, b in
            let (pa, pb) = (product(of: a), product(of: b))
            if pa != pb { return pa < pb }
            let (va, vb) = (version(of: a), version(of: b))
            for (x, y) in zip(va, vb) where x != y { return x < y }
            return va.count != vb.count ? va.count < vb.count : a < b
        }
    }

    /// `aspnetcore-3.1` → `aspnetcore`; a moniker with no version is its own product.
    public static func product(of moniker: String) -> Substring {
        guard let dash = moniker.lastIndex(of: "-"), !version(of: moniker).isEmpty else { return moniker[...] }
        return moniker[..<dash]
    }

    /// `aspnetcore-3.1` → [3, 1]; empty when the part after the last `-` is not dotted numbers.
    static func version(of moniker: String) -> [Int] {
        guard let dash = moniker.lastIndex(of: "-") else { return [] }
        let parts = moniker[moniker.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Int($0) }
        return numbers.count == parts.count ? numbers : []
    }

    private static func isMoniker(_ s: Substring) -> Bool {
        !s.isEmpty && s.count <= 100 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }
    }
}
