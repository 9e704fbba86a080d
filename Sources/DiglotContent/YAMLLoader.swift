import DiglotModel
import Yams

/// The one way Diglot reads YAML (front matter, TOCs, landing and FAQ pages, breadcrumbs,
/// `invitations.yml`, `diglot.yml`): Yams' `compose` with the basic resolver (scalars kept as written),
/// then a bounded check of the composed tree before any code walks it.
///
/// YAML aliases (`*a`) make a document a graph: a few KB of nested aliases ("billion laughs")
/// expand to billions of values for code that walks the tree, and Yams composes them cheaply as
/// shared values. So the tree is counted as it expands, every alias at every use, and refused past
/// `maxNodes` values or `maxDepth` levels of nesting, before anything else walks it. The walk is
/// iterative and stops at the first value past a limit, so the check itself is bounded. (libyaml,
/// inside Yams, refuses nesting past 1,000 levels while it parses.)
package enum YAMLLoader {
    /// The most values (scalars, sequences and mappings, aliases counted at every use) one YAML file
    /// may hold: 200,000. The largest TOC of the corpora holds 3,126 (ASP.NET Core's).
    static let maxNodes = 200_000
    /// The deepest nesting of sequences and mappings: 64. The corpora's deepest TOC nests entries 6 deep (13 YAML levels).
    static let maxDepth = 64
    /// The most text a file's scalars may expand to, aliases counted at every use: four times the
    /// file's size and 1 MiB more (without aliases it is at most the file's size). A 1 MB name used
    /// 2,000 times through an alias would be 2 GB in every page's sidebar.
    static func maxExpandedBytes(ofFileBytes bytes: Int) -> Int { bytes * 4 + (1 << 20) }

    /// A problem with a YAML file, at its file position.
    package struct Problem: Error {
        package var location: SourceLocation
        package var message: String
        /// A limit was exceeded (DG212), as opposed to YAML that does not parse.
        package var isLimit: Bool

        package init(location: SourceLocation, message: String, isLimit: Bool) {
            self.location = location
            self.message = message
            self.isLimit = isLimit
        }
    }

    /// The composed document of `yaml`, nil when it is empty. `firstLine` is the file line the YAML
    /// starts on (2 for front matter). Throws `Problem` for YAML that does not parse (the parser's
    /// message and mark) or that exceeds a limit.
    package static func compose(_ yaml: String, firstLine: Int = 1) throws(Problem) -> Node? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw Problem(location: SourceLocation(line: firstLine + mark.line - 1, column: mark.column), message: problem, isLimit: false)
            default:
                throw Problem(location: SourceLocation(line: firstLine, column: 1), message: "\(error)", isLimit: false)
            }
        } catch {
            throw Problem(location: SourceLocation(line: firstLine, column: 1), message: "\(error)", isLimit: false)
        }
        guard let node else { return nil }
        try checkLimits(node, firstLine: firstLine, maxBytes: maxExpandedBytes(ofFileBytes: yaml.utf8.count))
        return node
    }

    /// Counts the tree as it expands, iteratively; throws at the first value past a limit.
    private static func checkLimits(_ root: Node, firstLine: Int, maxBytes: Int) throws(Problem) {
        var stack: [(node: Node, depth: Int)] = [(root, 1)]
        var count = 0
        var bytes = 0
        func located(_ node: Node) -> SourceLocation {
            node.mark.map { SourceLocation(line: firstLine + $0.line - 1, column: $0.column) } ?? SourceLocation(line: firstLine, column: 1)
        }
        while let (node, depth) = stack.popLast() {
            count += 1
            if count > maxNodes {
                throw Problem(location: located(node), message: "the YAML expands to more than \(maxNodes) values (aliases are counted at every use); it is not read",
                              isLimit: true)
            }
            if depth > maxDepth {
                throw Problem(location: located(node), message: "the YAML is nested more than \(maxDepth) levels deep; it is not read", isLimit: true)
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
                }
            case .sequence(let sequence):
                for child in sequence { stack.append((child, depth + 1)) }
            case .scalar(let scalar):
                bytes += scalar.string.utf8.count
                if bytes > maxBytes {
                    throw Problem(location: located(node), message: "the YAML's text expands to more than \(maxBytes) bytes (aliases are counted at every use); it is not read",
                                  isLimit: true)
                }
            case .alias:
                break
            }
        }
    }

    /// A diagnostic for a problem: DG212 for a limit, else `code` with "`what` is not valid YAML: …".
    package static func diagnostic(_ problem: Problem, file: String, code: DiagnosticCode, what: String, stage: Stage = .load) -> Diagnostic {
        Diagnostic(file: file, location: problem.location, code: problem.isLimit ? .yamlLimit : code, stage: stage,
                   message: problem.isLimit ? problem.message : "\(what) is not valid YAML: \(problem.message)")
    }
}
